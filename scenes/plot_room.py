"""Room for a plot and its notes, per shape, for the one-variable kinds that have no
heading (graphs, taylor) and those that stack their notes under the plot.

In a stacked layout (portrait, square) a scene without a heading lets its plot grow
over the empty heading band, so the graph is as big as the frame allows on a phone.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from manim import DL, UR, Axes, Mobject

from scenes.layout import Layout, Region
from scenes.plot2d import graph_axes
from scenes.theme import Theme

MARGIN = 0.02  # scene units kept between a plot's labels and its region's edge


def plot_region(layout: Layout) -> Region:
    """The main region; in a stacked layout, grown up over the heading band."""
    main = layout.main
    if not layout.stacked:
        return main
    top = max(main.top, layout.heading.top)
    return Region(main.x, (top + main.bottom) / 2, main.width, top - main.bottom)


def plot_axes(layout: Layout, x_range: Sequence, y_range: Sequence, theme: Theme) -> Axes:
    """Axes for a kind with no heading: over the heading band too in a stacked layout,
    clear of the caption strip beside the notes; numbers inside the region either way."""
    region = plot_region(layout) if layout.stacked else layout.above_caption(layout.main)
    return axes_within(x_range, y_range, region, theme)


def overflow(mobject: Mobject, region: Region) -> np.ndarray:
    """How far ``mobject`` pokes out of ``region``: left, right, bottom, top (>= 0)."""
    low, high = mobject.get_corner(DL), mobject.get_corner(UR)
    return np.maximum([region.left - low[0], high[0] - region.right,
                       region.bottom - low[1], high[1] - region.top], 0)


def axes_within(x_range: Sequence, y_range: Sequence, region: Region, theme: Theme,
                **options) -> Axes:
    """:func:`graph_axes` over ``region``, made smaller where its numbers or axis labels
    would poke out of the region (an x label past the arrow's tip, say)."""
    inner = region
    for _ in range(3):
        axes = graph_axes(x_range, y_range, inner, theme, **options)
        left, right, bottom, top = overflow(axes, region)
        if max(left, right, bottom, top) <= MARGIN:
            break
        left, right, bottom, top = (v + MARGIN if v > 0 else 0
                                    for v in (left, right, bottom, top))
        inner = Region(inner.x + (left - right) / 2, inner.y + (bottom - top) / 2,
                       inner.width - left - right, inner.height - bottom - top)
    return axes

"""The contour map drawn flat on 2D axes, the landscape seen from above: the one drawing
that gradient_descent, lagrange and a region's absolute extrema put their marks on."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from manim import Axes, ManimColor, VGroup, VMobject

from mathcore.contour import ContourAnalysis
from scenes.base import fit
from scenes.fast_surface import scale_rgb
from scenes.layout import Region
from scenes.plot2d import graph_axes
from scenes.theme import Theme, readable

AXES_ROOM = (0.5, 0.4)  # what graph_axes keeps of its region for numbers and labels
MAP_STROKE = 2.5        # a level curve
CURVE_CONTRAST = 3.0    # WCAG ratio a level curve keeps against the background


def square_region(area: Region, window: Sequence[Sequence[float]]) -> Region:
    """The part of ``area`` (centred in it) where axes over ``window`` have x and y units of
    the same length, as large as fits."""
    spans = [float(r[1] - r[0]) for r in window]
    unit = min((area.width - AXES_ROOM[0]) / spans[0], (area.height - AXES_ROOM[1]) / spans[1])
    return Region(area.x, area.y, unit * spans[0] + AXES_ROOM[0], unit * spans[1] + AXES_ROOM[1])


def map_axes(window: Sequence[Sequence[float]], area: Region, theme: Theme) -> Axes:
    """Axes over ``window`` with x and y units of the same length, as large as fits in
    ``area`` with their numbers and x, y labels (a label past an axis' tip included)."""
    axes = graph_axes(*window, square_region(area, window), theme)
    fit(axes, area.width, area.height)
    return axes.move_to(area.centre)


def polyline(axes: Axes, points: np.ndarray, colour: str | ManimColor,
             width: float) -> VMobject:
    """The (x, y) rows of ``points`` joined by straight segments on ``axes``."""
    line = VMobject(color=colour, stroke_width=width)
    return line.set_points_as_corners(axes.c2p(points[:, 0], points[:, 1]).T)


def level_colour(level: float, low: float, high: float, theme: Theme) -> ManimColor:
    """The surface's colour at this height, on its scale from ``low`` to ``high``, moved
    towards the text colour as far as it needs to stand ``CURVE_CONTRAST`` clear of the
    background (the scale's dark blue would vanish on the dark theme)."""
    colour = ManimColor.from_rgb(scale_rgb(level, low, high, theme.height_scale))
    return ManimColor(readable(colour.to_hex().upper(), theme, CURVE_CONTRAST))


def level_curves(axes: Axes, landscape: ContourAnalysis, theme: Theme,
                 width: float = MAP_STROKE) -> VGroup:
    """Every level curve of the map, each in its height's colour (lowest to highest level
    across the surface's scale)."""
    levels = [curve.level for curve in landscape.curves] or [0.0]
    low, high = min(levels), max(levels)
    return VGroup(*(polyline(axes, branch, level_colour(curve.level, low, high, theme), width)
                    for curve in landscape.curves for branch in curve.branches
                    if len(branch) > 1))

"""Axes and graphs for functions of one variable, shared by the 2D kinds.

Curves come from mathcore's pole-aware sampling: each branch is drawn on its
own, so 1/x and tan x never show a vertical spike.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import sympy
from manim import Axes, MathTex, VGroup, VMobject

from mathcore.numeric import sample_curve
from scenes.layout import Region
from scenes.theme import Theme

NUMBER_SIZE = 22      # tick numbers
AXIS_LABEL_SIZE = 30  # the x and y at the axes' tips


def nice_step(span: float) -> float:
    """A tick step of 1, 2 or 5 times a power of ten giving about 4 ticks."""
    raw = span / 4
    power = 10 ** np.floor(np.log10(raw))
    return float(min((m * power for m in (1, 2, 5, 10)), key=lambda s: abs(s - raw)))


def decimals(step: float) -> int:
    """Decimal places that tick labels at multiples of ``step`` need."""
    return max(0, int(np.ceil(-np.log10(step) - 1e-9)))


def on_grid(low: float, high: float, step: float) -> tuple[float, float]:
    """``[low, high]`` with ``low`` moved down to a multiple of ``step`` when the range
    lies on one side of 0: Manim then puts ticks at low, low + step, ..., so a range
    from 0.03 would label its ticks at 0.03 and 0.13 as 0.0 and 0.1. (A range across
    0 has its ticks at multiples of the step already.)

    >>> on_grid(0.03, 0.36, 0.1)
    (0.0, 0.36)
    >>> on_grid(-20.7, -10.3, 2.0)
    (-22.0, -10.3)
    >>> on_grid(-6.283, 6.283, 2.0)
    (-6.283, 6.283)
    """
    if low <= 0 <= high:
        return low, high
    return float(np.floor(low / step + 1e-9) * step), high


def graph_axes(x_range: Sequence, y_range: Sequence, region: Region, theme: Theme,
               numbers: bool = True, number_size: float = NUMBER_SIZE,
               label_size: float = AXIS_LABEL_SIZE, y_label: str = "y") -> Axes:
    """Axes filling ``region``, with ticks, numbers (``number_size``) and x, y labels
    (``label_size``; no y label when ``y_label`` is empty, for a plot with a title)."""
    (x0, x1), (y0, y1) = ([float(v) for v in r] for r in (x_range, y_range))
    x_step, y_step = nice_step(x1 - x0), nice_step(y1 - y0)
    (x0, x1), (y0, y1) = on_grid(x0, x1, x_step), on_grid(y0, y1, y_step)
    axes = Axes(
        x_range=[x0, x1, x_step], y_range=[y0, y1, y_step],
        x_length=region.width - 0.5, y_length=region.height - 0.4,
        axis_config={"color": theme.muted, "include_numbers": numbers,
                     "font_size": number_size,
                     "tip_length": 0.18, "include_tip": True},
        x_axis_config={"decimal_number_config": {"num_decimal_places": decimals(x_step),
                                                 "color": theme.muted}},
        y_axis_config={"decimal_number_config": {"num_decimal_places": decimals(y_step),
                                                 "color": theme.muted}},
    )
    axes.move_to(region.centre)
    x_label = axes.get_x_axis_label(MathTex("x", font_size=label_size, color=theme.muted))
    axes.add(x_label)
    if y_label:
        axes.add(axes.get_y_axis_label(MathTex(y_label, font_size=label_size,
                                               color=theme.muted)))
    return axes


def graph(axes: Axes, expr: sympy.Expr, x_range: Sequence, colour: str,
          samples: int = 400, stroke_width: float = 4) -> VGroup:
    """The graph of ``expr`` as one VMobject per branch, clipped to the axes' y range."""
    y0, y1 = axes.y_range[:2]
    branches = VGroup()
    for xs, ys in sample_curve(expr, x_range, samples):
        for piece_x, piece_y in _inside(xs, ys, y0, y1):
            if len(piece_x) < 2:
                continue
            branch = VMobject(color=colour, stroke_width=stroke_width)
            branch.set_points_as_corners(np.asarray(axes.c2p(piece_x, piece_y)).T)
            branches.add(branch)
    return branches


def _inside(xs: np.ndarray, ys: np.ndarray, low: float, high: float):
    """Split a branch where it leaves the window [low, high], keeping what is inside."""
    inside = (ys >= low) & (ys <= high)
    edges = np.flatnonzero(np.diff(inside.astype(int))) + 1
    for start, stop in zip(np.r_[0, edges], np.r_[edges, len(xs)]):
        if inside[start]:
            yield xs[start:stop], ys[start:stop]

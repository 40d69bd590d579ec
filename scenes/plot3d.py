"""Axes and surfaces for functions of two variables, shared by the 3D kinds."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import numpy as np
import sympy
from manim import Create, Dot, FadeIn, MathTex, Mobject, Restore, ThreeDAxes, VGroup

from mathcore.numeric import numeric_function
from mathcore.surface import SurfaceAnalysis
from mathcore.symbols import x, y
from scenes.fast_axes import FastAxes
from scenes.fast_surface import FastSurface
from scenes.theme import Theme

if TYPE_CHECKING:
    from scenes.base import LessonScene3D

SURFACE_RESOLUTION = 24  # faces along each side


def nice_step(span: float) -> float:
    """A tick step of 1, 2 or 5 times a power of ten giving about 4 ticks."""
    raw = span / 4
    power = 10 ** np.floor(np.log10(raw))
    return float(min((m * power for m in (1, 2, 5, 10)), key=lambda s: abs(s - raw)))


def landscape_axes(analysis: SurfaceAnalysis, size: float, height: float,
                   theme: Theme) -> ThreeDAxes:
    """3D axes spanning the lesson's domain and the surface's height range, in the
    theme's muted colour (Manim's white would vanish on the light theme)."""
    (x0, x1), (y0, y1) = ([float(v) for v in r] for r in (analysis.x_range, analysis.y_range))
    z0, z1 = analysis.z_range
    return FastAxes(
        x_range=[x0, x1, nice_step(x1 - x0)],
        y_range=[y0, y1, nice_step(y1 - y0)],
        z_range=[z0, z1, nice_step(z1 - z0)],
        x_length=size, y_length=size, z_length=height,
        axis_config={"include_ticks": True, "tip_length": 0.2, "color": theme.muted},
    )


def box_corners(axes: ThreeDAxes, margin: float = 0.08) -> np.ndarray:
    """The eight corners of the axes' box (with a margin for tips and labels)."""
    ranges = [axes.x_range[:2], axes.y_range[:2], axes.z_range[:2]]
    corners = np.array([axes.c2p(a, b, c) for a in ranges[0] for b in ranges[1]
                        for c in ranges[2]])
    centre = corners.mean(axis=0)
    return centre + (corners - centre) * (1 + margin)


def content_points(axes: ThreeDAxes, heights: list[Callable[..., np.ndarray]],
                   analysis: SurfaceAnalysis, steps: int = 12,
                   reach: float = 0.55) -> np.ndarray:
    """What a 3D scene actually draws, as points to frame the camera on: the surface
    for each of ``heights`` on a coarse grid, and the axes' ends pushed out by
    ``reach`` for their tips and labels. Tighter than :func:`box_corners`, whose
    top corners the surface seldom reaches."""
    (x0, x1), (y0, y1) = ([float(v) for v in r] for r in (analysis.x_range, analysis.y_range))
    grid_x, grid_y = np.meshgrid(np.linspace(x0, x1, steps + 1), np.linspace(y0, y1, steps + 1))
    points = [np.array([axes.c2p(u, v, w) for u, v, w in
                        zip(grid_x.ravel(), grid_y.ravel(), h(grid_x, grid_y).ravel())])
              for h in heights]
    origin = axes.get_origin()
    for axis in axes.get_axes():
        for end in (axis.get_start(), axis.get_end()):
            direction = end - origin
            length = np.linalg.norm(direction)
            points.append([end + direction / max(length, 1e-9) * reach])
    return np.vstack(points)


def height_function(expr: sympy.Expr, analysis: SurfaceAnalysis,
                    extra: tuple[sympy.Symbol, ...] = ()) -> Callable[..., np.ndarray]:
    """z = f(x, y, *extra) for floats or arrays, clipped to the drawn height range
    (undefined points sit on the floor of the range)."""
    f = numeric_function(expr, (x, y, *extra))
    low, high = analysis.z_range

    def height(*args):
        z = np.asarray(f(*args), dtype=float)
        return np.where(np.isfinite(z), np.clip(z, low, high), low)

    return height


def surface_mesh(axes: ThreeDAxes, height: Callable[..., np.ndarray],
                 analysis: SurfaceAnalysis, theme: Theme) -> FastSurface:
    """The surface over the domain, coloured by height."""
    (x0, x1), (y0, y1) = ([float(v) for v in r] for r in (analysis.x_range, analysis.y_range))
    xs = np.linspace(x0, x1, SURFACE_RESOLUTION + 1)
    ys = np.linspace(y0, y1, SURFACE_RESOLUTION + 1)
    grid_x, grid_y = np.meshgrid(xs, ys)
    mesh = FastSurface.from_heights(axes, xs, ys, height(grid_x, grid_y),
                                    fill_opacity=0.9, stroke_width=0.4)
    return mesh.set_fill_by_value(axes=axes, colorscale=list(theme.height_scale), axis=2)


def marker(colour: str, theme: Theme, radius: float = 0.11) -> Dot:
    """A point marker that reads on any part of the surface."""
    return Dot(radius=radius, color=colour, stroke_color=theme.text, stroke_width=2)


def axis_labels(axes: ThreeDAxes, theme: Theme) -> VGroup:
    """x, y and z beside the tips of the axes, facing the camera."""
    labels = VGroup(*(MathTex(name, color=theme.muted, font_size=34) for name in "xyz"))
    for label, axis, nudge in zip(labels, axes.get_axes(), ((0, -0.35, 0), (0.35, 0, 0),
                                                           (0, 0, 0.35))):
        label.move_to(axis.get_end() + np.array(nudge))
    return labels


def grow_landscape(scene: LessonScene3D, axes: ThreeDAxes, surface: FastSurface,
                   formula: Mobject, axes_seconds: float, grow_seconds: float) -> VGroup:
    """Play the axes being drawn as ``formula`` fades in, put up their labels, then the
    surface growing up from flat. The labels put up (x, y, z) are returned."""
    scene.play(Create(axes), FadeIn(formula), run_time=axes_seconds)
    labels = axis_labels(axes, scene.theme)
    scene.add_fixed_orientation_mobjects(*labels)
    surface.save_state()
    surface.stretch(0.01, 2, about_point=axes.c2p(0, 0, 0))
    scene.play(Restore(surface), run_time=grow_seconds)
    return labels

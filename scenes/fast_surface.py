"""A surface drawn in one pass: the look of Manim's ``Surface``, at a fraction
of the cost.

Manim's ``Surface`` is one VMobject per face, so every frame pays Python
overhead per face for projection, depth sorting and shading. ``FastSurface``
keeps the whole vertex grid as its points; :func:`draw` projects, shades
(Manim's own lighting at a face's start corner and two thirds along its second
edge, the face filled with their mean) and depth-sorts every face with numpy,
and only the Cairo path calls remain per face.
"""

from __future__ import annotations

from collections.abc import Sequence

import cairo
import numpy as np
from manim import ManimColor, ThreeDAxes, VMobject
from manim.mobject.graphing.scale import LinearBase


class FastSurface(VMobject):
    """A grid surface: ``points`` is the (rows x columns) vertex grid, flattened.
    Its defaults are ``Surface``'s (opaque, strokes 0.5 wide).

    ``face_rgb`` holds one base colour per face; the mobject's own fill and
    stroke opacity (what FadeIn and FadeOut change) apply to every face.
    """

    def __init__(self, grid: np.ndarray, fill_opacity: float = 1.0,
                 stroke_width: float = 0.5, **kwargs):
        super().__init__(fill_opacity=fill_opacity, stroke_width=stroke_width,
                         shade_in_3d=True, **kwargs)
        self.grid_shape = grid.shape[:2]
        self.points = grid.reshape(-1, 3).astype(float)
        faces = (self.grid_shape[0] - 1) * (self.grid_shape[1] - 1)
        self.face_rgb = np.tile(self.fill_rgbas[0, :3], (faces, 1))

    @classmethod
    def from_heights(cls, axes: ThreeDAxes, xs: np.ndarray, ys: np.ndarray,
                     heights: np.ndarray, **kwargs) -> FastSurface:
        """The surface z = heights[j, i] over xs[i], ys[j], in the axes' coordinates."""
        grid_x, grid_y = np.meshgrid(xs, ys, indexing="xy")
        grid = np.stack([grid_x, grid_y, heights], axis=-1)
        return cls(coords_to_points(axes, grid.reshape(-1, 3)).reshape(*grid.shape), **kwargs)

    def get_points_defining_boundary(self) -> np.ndarray:
        return self.points  # a vertex grid, not Bezier anchors and handles

    def vertex_grid(self) -> np.ndarray:
        return self.points.reshape(*self.grid_shape, 3)

    def corners(self) -> tuple[np.ndarray, ...]:
        """Each face's corners c0..c3, in Manim's face order (u1v1, u2v1, u2v2, u1v2)."""
        g = self.vertex_grid()
        return (g[:-1, :-1].reshape(-1, 3), g[:-1, 1:].reshape(-1, 3),
                g[1:, 1:].reshape(-1, 3), g[1:, :-1].reshape(-1, 3))

    def set_fill_by_value(self, axes: ThreeDAxes, colorscale: Sequence, axis: int = 2):
        """Colour faces by height, as ``Surface.set_fill_by_value`` does (at each
        face's perimeter midpoint, through evenly spaced pivots)."""
        low, high = ([axes.x_range, axes.y_range, axes.z_range][axis])[:2]
        values = axes.get_axes()[axis].point_to_number(_perimeter_midpoints(self.corners()))
        self.face_rgb = scale_rgb(values, low, high, colorscale)
        return self

    def interpolate_color(self, start: FastSurface, end: FastSurface, alpha: float) -> None:
        super().interpolate_color(start, end, alpha)
        if start.face_rgb.shape == end.face_rgb.shape == self.face_rgb.shape:
            self.face_rgb = (1 - alpha) * start.face_rgb + alpha * end.face_rgb


def coords_to_points(axes: ThreeDAxes, coords: np.ndarray) -> np.ndarray:
    """``axes.c2p(coords)`` for rows of coordinates, as the affine map it is on linear
    axes: four points through ``c2p``, the rest one matrix product (a surface redrawn
    every frame paid ~2 ms a frame in ``c2p``)."""
    if not all(isinstance(axis.scaling, LinearBase) for axis in axes.get_axes()):
        return axes.c2p(coords)
    origin, *ends = axes.c2p(np.vstack([np.zeros(3), np.eye(3)]))
    return origin + coords @ (np.array(ends) - origin)


def scale_rgb(values: np.ndarray, low: float, high: float, colorscale: Sequence) -> np.ndarray:
    """The colours (RGB rows) of ``values`` on ``colorscale``, its colours evenly spaced
    from ``low`` to ``high``: the surface's colour for each height."""
    colours = np.array([ManimColor(c).to_rgb() for c in colorscale])
    pivots = np.linspace(low, high, len(colours))
    values = np.asarray(values, dtype=float)
    return np.stack([np.interp(values, pivots, colours[:, k]) for k in range(3)], axis=-1)


def _perimeter_midpoints(corners: tuple[np.ndarray, ...]) -> np.ndarray:
    """The point halfway round each face's outline (``get_midpoint`` of a face)."""
    ends = corners[1:] + corners[:1]
    lengths = np.stack([np.linalg.norm(b - a, axis=1) for a, b in zip(corners, ends)], axis=1)
    half = lengths.sum(axis=1) / 2
    before = np.cumsum(lengths, axis=1) - lengths
    edge = np.clip((before <= half[:, None]).sum(axis=1) - 1, 0, 3)
    rows = np.arange(len(half))
    starts = np.stack(corners, axis=1)[rows, edge]
    stops = np.stack(ends, axis=1)[rows, edge]
    t = (half - before[rows, edge]) / np.maximum(lengths[rows, edge], 1e-12)
    return starts + (stops - starts) * t[:, None]


def _unit_normals(v1: np.ndarray, v2: np.ndarray) -> np.ndarray:
    normal = np.cross(v1, v2)
    norm = np.linalg.norm(normal, axis=1, keepdims=True)
    fallback = np.tile([0.0, 1.0, 0.0], (len(normal), 1))
    return np.where(norm > 0, normal / np.where(norm > 0, norm, 1), fallback)


def _shaded(rgb: np.ndarray, points: np.ndarray, normals: np.ndarray,
            light: np.ndarray) -> np.ndarray:
    """Manim's ``get_shaded_rgb`` for many faces at once."""
    to_sun = light - points
    to_sun /= np.maximum(np.linalg.norm(to_sun, axis=1, keepdims=True), 1e-12)
    brightness = 0.5 * np.einsum("ij,ij->i", normals, to_sun) ** 3
    brightness = np.where(brightness < 0, brightness * 0.5, brightness)
    return np.clip(rgb + brightness[:, None], 0, 1)


def draw(camera, surface: FastSurface, ctx: cairo.Context) -> None:
    """Draw every face of ``surface`` with ``camera`` (a ThreeDCamera) into ``ctx``."""
    c0, c1, c2, c3 = surface.corners()
    end = c1 + (c2 - c1) * 2 / 3  # Manim's "end corner" of a face
    after_end = c2 + (c3 - c2) / 3
    light = camera.light_source.points[0]
    start_rgb = _shaded(surface.face_rgb, c0, _unit_normals(c1 - c0, c3 - c0), light)
    end_rgb = _shaded(surface.face_rgb, end, _unit_normals(after_end - end, c1 - end), light)

    count = len(c0)
    flat = camera.project_points(np.concatenate([c0, c1, c2, c3]))[:, :2]
    if not np.all(np.isfinite(flat)):
        return
    c0p, c1p, c2p, c3p = (flat[k * count:(k + 1) * count] for k in range(4))
    centres = (np.minimum.reduce([c0, c1, c2, c3]) + np.maximum.reduce([c0, c1, c2, c3])) / 2
    rgb = (start_rgb + end_rgb) / 2
    order = np.argsort(centres @ camera.get_rotation_matrix().T[:, 2], kind="stable")

    fill_alpha = surface.get_fill_opacity()
    stroke_alpha = surface.get_stroke_opacity()
    width = surface.get_stroke_width() * camera.cairo_line_width_multiple
    ctx.set_line_width(width)
    antialias = ctx.get_antialias()
    # From 720p up, faces are big enough to fill without antialiasing (they tile
    # exactly, and the antialiased stroke smooths their edges): the fill was the cost.
    fill_antialias = cairo.ANTIALIAS_NONE if camera.pixel_height >= 720 else antialias
    quads = np.stack([c0p, c1p, c2p, c3p], axis=1)[order].tolist()  # lists: Cairo's
    for (p0, p1, p2, p3), (r, g, b) in zip(quads, rgb[order].tolist()):  # cheapest input
        ctx.new_path()
        ctx.move_to(*p0)
        ctx.line_to(*p1)
        ctx.line_to(*p2)
        ctx.line_to(*p3)
        ctx.close_path()
        ctx.set_source_rgba(b, g, r, fill_alpha)  # Cairo's image stores BGR, as in Manim
        ctx.set_antialias(fill_antialias)
        ctx.fill_preserve()
        ctx.set_antialias(antialias)
        if width > 0:
            ctx.set_source_rgba(b, g, r, stroke_alpha)
            ctx.stroke()
        else:
            ctx.new_path()

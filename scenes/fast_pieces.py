"""A 3D frame's VMobjects drawn from what stays put while the camera turns.

Manim's ``ThreeDCamera`` works out again, for every VMobject in every frame, its
subpaths, its colours shaded by the light and its depth point: about 0.35 ms a
VMobject, and a surface lesson draws some 120 of them (axis pieces, ticks, tips,
labels) in each frame of an orbit. All of that is fixed in world space while only
the camera moves. A :class:`Piece` keeps it for as long as the VMobject's
:func:`look` and the light stay the same; a frame then only projects points (all
pieces' at once) and hands them to Cairo, as Manim's ``display_vectorized`` does.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

import cairo
import numpy as np
from manim import Mobject, VMobject
from manim.camera.camera import CAP_STYLE_MAP, LINE_JOIN_MAP

Look = tuple  # what a VMobject's pixels depend on, comparable between frames


def by_look(mobject: Mobject) -> bool:
    """Whether a mobject's pixels depend on its :func:`look` alone: a VMobject without
    a background image."""
    return isinstance(mobject, VMobject) and not mobject.get_background_image()


def look(mobject: VMobject) -> Look:
    """All that a VMobject's own pixels depend on, as Manim's camera draws it."""
    return (id(mobject), mobject.points.tobytes(), mobject.get_fill_rgbas().tobytes(),
            mobject.get_stroke_rgbas().tobytes(), mobject.get_stroke_width(),
            mobject.get_stroke_rgbas(background=True).tobytes(),
            mobject.get_stroke_width(background=True), mobject.get_sheen_factor(),
            tuple(mobject.get_sheen_direction()), mobject.joint_type, mobject.cap_style,
            mobject.shade_in_3d)


class Placing(Enum):
    """How a VMobject's points reach the screen (``ThreeDCamera``'s three ways)."""

    PROJECTED = "projected"          # turned and projected with the camera
    FIXED_IN_FRAME = "fixed in frame"  # drawn where its points are
    FIXED_ORIENTATION = "fixed orientation"  # shifted as its centre is projected


@dataclass(frozen=True)
class Piece:
    """What a VMobject's drawing needs that does not depend on where the camera is."""

    look: Look
    light: bytes
    placing: Placing
    points: np.ndarray  # world points, finite
    subpaths: tuple[tuple[int, int, bool], ...]  # start, end (exclusive), closed
    fill: np.ndarray  # rgbas as the camera shades them
    stroke: np.ndarray
    background_stroke: np.ndarray
    stroke_width: float  # in Cairo's units
    background_width: float
    join: cairo.LineJoin
    cap: cairo.LineCap
    depth_point: np.ndarray | None  # ThreeDCamera's z-index reference, if own

    @property
    def needs_ends(self) -> bool:
        """Whether some colour is a gradient between the sheen's two ends."""
        return len(self.fill) > 1 or (self.stroke_width > 0 and len(self.stroke) > 1) \
            or (self.background_width > 0 and len(self.background_stroke) > 1)


def prepare(camera, vmobject: VMobject, its_look: Look, placing: Placing) -> Piece:
    """The piece of ``vmobject`` for ``camera`` (a ThreeDCamera), whose look is
    ``its_look``.

    Subpaths are split where consecutive anchors differ, as Manim does on the
    projected points; for projected pieces they are split in world space, which
    differs only where the camera looks exactly along a gap."""
    points = vmobject.points
    if not np.all(np.isfinite(points)):
        points = np.zeros((0, 3))  # Manim draws nothing of such a VMobject
    dims, same = (3, vmobject.consider_points_equals) if placing is Placing.PROJECTED \
        else (2, vmobject.consider_points_equals_2d)
    subpaths = tuple(
        (int(start), int(end), bool(same(points[start], points[end - 1])))
        for start, end in vmobject.get_subpath_split_indices_from_points(points, n_dims=dims)
        if end - start >= vmobject.n_points_per_cubic_curve)
    multiple = camera.cairo_line_width_multiple
    own_depth = vmobject.shade_in_3d and not vmobject.submobjects \
        and getattr(vmobject, "z_index_group", vmobject) is vmobject
    return Piece(
        look=its_look, light=camera.light_source.points[0].tobytes(), placing=placing,
        points=points.copy(), subpaths=subpaths,
        fill=camera.get_fill_rgbas(vmobject),
        stroke=camera.get_stroke_rgbas(vmobject),
        background_stroke=camera.get_stroke_rgbas(vmobject, background=True),
        stroke_width=vmobject.get_stroke_width() * multiple,
        background_width=vmobject.get_stroke_width(background=True) * multiple,
        join=LINE_JOIN_MAP[vmobject.joint_type], cap=CAP_STYLE_MAP[vmobject.cap_style],
        depth_point=vmobject.get_z_index_reference_point().copy() if own_depth else None)


def draw(piece: Piece, ctx: cairo.Context, xy: np.ndarray) -> None:
    """Draw ``piece`` with its points (and, after them, its sheen's two ends) at
    ``xy`` on the screen, as Manim's ``display_vectorized``: background stroke, fill,
    stroke."""
    if not piece.subpaths:
        return
    flat = xy.tolist()
    ctx.new_path()
    for start, end, closed in piece.subpaths:
        ctx.new_sub_path()
        ctx.move_to(*flat[start])
        for i in range(start, end - 3, 4):
            ctx.curve_to(*flat[i + 1], *flat[i + 2], *flat[i + 3])
        if closed:
            ctx.close_path()
    ends = flat[len(piece.points):]
    ctx.set_line_join(piece.join)
    ctx.set_line_cap(piece.cap)
    if piece.background_width > 0:
        _set_source(ctx, piece.background_stroke, ends)
        ctx.set_line_width(piece.background_width)
        ctx.stroke_preserve()
    if np.any(piece.fill[:, 3] > 0):
        _set_source(ctx, piece.fill, ends)
        ctx.fill_preserve()
    if piece.stroke_width > 0:
        _set_source(ctx, piece.stroke, ends)
        ctx.set_line_width(piece.stroke_width)
        ctx.stroke_preserve()


def _set_source(ctx: cairo.Context, rgbas: np.ndarray, ends: list) -> None:
    """Manim's ``set_cairo_context_color``: one colour, or a gradient between the
    sheen's ends (Cairo's image stores BGR)."""
    if len(rgbas) == 1:
        r, g, b, a = rgbas[0]
        ctx.set_source_rgba(b, g, r, a)
        return
    gradient = cairo.LinearGradient(*ends[0], *ends[1])
    last = len(rgbas) - 1
    for i, (r, g, b, a) in enumerate(rgbas.tolist()):
        gradient.add_color_stop_rgba(i / last, b, g, r, a)  # np.linspace(0, 1)'s stops
    ctx.set_source(gradient)

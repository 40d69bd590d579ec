"""The cameras of every lesson, and the views the 3D one takes.

Both keep what ends a frame's drawing and has not changed since the last frame (a
caption, a heading, a formula: all drawn last, and in 3D fixed on the screen while
the camera turns) as one layer, drawn once and laid over each later frame: a frame
then costs the parts that move. The 3D camera also shifts its picture on screen (so
a surface can sit beside a table while the camera orbits it) and draws a
:class:`~scenes.fast_surface.FastSurface` with vectorised numpy.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from typing import Any, NamedTuple

import cairo
import numpy as np
from manim import DEGREES, Camera, Mobject, ThreeDCamera, VMobject

from scenes import fast_pieces, fast_surface
from scenes.fast_pieces import Look, Piece, Placing


class View(NamedTuple):
    """Where the camera looks from, as ``set_camera_orientation`` takes it: ``phi`` down
    from straight above, ``theta`` around the vertical axis (radians)."""

    phi: float
    theta: float


LANDSCAPE_VIEW = View(64 * DEGREES, -52 * DEGREES)  # a surface lesson's landscape
TABLE_VIEW = View(62 * DEGREES, -55 * DEGREES)      # a surface beside its table of points


class LayeredCamera(Camera):
    """A camera that lays the unchanged end of each frame's drawing from a layer.

    The end of the drawing is the longest run of VMobjects, last in the drawing order,
    that :meth:`layerable` allows and whose looks are those of the frame before (all
    that their pixels depend on: points, colours, widths). It is drawn into a
    transparent layer once and laid over the frame with Cairo's OVER, as drawing
    them would."""

    def __init__(self, *args: Any, **kwargs: Any):
        self.layer: tuple[list[Look], np.ndarray] | None = None  # its looks, its pixels
        self.last_looks: list[Look] = []  # the run's looks in the frame before
        super().__init__(*args, **kwargs)

    def layerable(self, mobject: Mobject) -> bool:
        """Whether a mobject may be drawn from the layer."""
        return fast_pieces.by_look(mobject)

    def look_of(self, mobject: VMobject) -> Look:
        """The mobject's look in this frame."""
        return fast_pieces.look(mobject)

    def capture_mobjects(self, mobjects: Iterable[Mobject], **kwargs: Any) -> None:
        drawn = self.get_mobjects_to_display(mobjects, **kwargs)
        run = 0
        while run < len(drawn) and self.layerable(drawn[-1 - run]):
            run += 1
        looks = [self.look_of(m) for m in drawn[len(drawn) - run:]]
        same = _common_tail(looks, self.last_looks)
        self.last_looks = looks
        self.draw(drawn[:len(drawn) - same])
        if same:
            if self.layer is None or self.layer[0] != looks[run - same:]:
                self.layer = (looks[run - same:], self.drawn_layer(drawn[len(drawn) - same:]))
            self.lay(self.layer[1])

    def draw(self, mobjects: list[Mobject]) -> None:
        """Draw mobjects (in drawing order, families flattened) on the frame, as
        Manim's ``capture_mobjects`` does."""
        for kind, group in itertools.groupby(mobjects, self.type_or_raise):
            self.display_funcs[kind](list(group), self.pixel_array)

    def drawn_layer(self, mobjects: list[Mobject]) -> np.ndarray:
        """A transparent frame with ``mobjects`` drawn on it."""
        pixels = np.zeros_like(self.pixel_array)
        self.display_multiple_vectorized_mobjects(mobjects, pixels)
        self.pixel_array_to_cairo_context.pop(id(pixels), None)
        return pixels

    def lay(self, layer: np.ndarray) -> None:
        """Lay the layer over the frame (Cairo's OVER, in pixels)."""
        ctx = self.get_cairo_context(self.pixel_array)
        source = cairo.ImageSurface.create_for_data(layer.data, cairo.FORMAT_ARGB32,
                                                    self.pixel_width, self.pixel_height)
        ctx.save()
        ctx.identity_matrix()
        ctx.set_source_surface(source, 0, 0)
        ctx.paint()
        ctx.restore()


def _common_tail(a: list, b: list) -> int:
    """How many items at the end of ``a`` and ``b`` are equal."""
    n = 0
    while n < min(len(a), len(b)) and a[-1 - n] == b[-1 - n]:
        n += 1
    return n


class FlatCamera(LayeredCamera):
    """The 2D lessons' camera."""


class LessonCamera(LayeredCamera, ThreeDCamera):
    """The 3D lessons' camera: a ThreeDCamera whose picture is shifted on screen, which
    draws a :class:`~scenes.fast_surface.FastSurface` with vectorised numpy and every
    other VMobject from its :class:`~scenes.fast_pieces.Piece`, kept while its look
    stays. Only what is fixed on the screen is drawn from the layer: the rest turns."""

    def __init__(self, *args: Any, **kwargs: Any):
        self.screen_shift = np.zeros(3)
        self.pieces: dict[int, Piece] = {}  # this frame's, by id of their VMobject
        self.on_screen: dict[int, np.ndarray] = {}  # their points on screen this frame
        super().__init__(*args, **kwargs)

    def layerable(self, mobject: Mobject) -> bool:
        return mobject in self.fixed_in_frame_mobjects and not mobject.shade_in_3d \
            and super().layerable(mobject)

    def look_of(self, mobject: VMobject) -> Look:
        piece = self.pieces.get(id(mobject))
        return piece.look if piece is not None else super().look_of(mobject)

    def project_points(self, points: np.ndarray) -> np.ndarray:
        return super().project_points(points) + self.screen_shift

    def extent(self, points: np.ndarray, orbit: float = 0.0) -> tuple[np.ndarray, np.ndarray]:
        """The screen box (low and high corners) that ``points`` sweep while the
        camera turns ``orbit`` radians from where it stands now."""
        theta = self.get_theta()
        seen = []
        for angle in np.linspace(theta, theta + orbit, 9):
            self.set_theta(angle)
            self.reset_rotation_matrix()  # cached between frames
            seen.append(self.project_points(points))
        self.set_theta(theta)
        self.reset_rotation_matrix()
        return np.min(np.vstack(seen), axis=0), np.max(np.vstack(seen), axis=0)

    def capture_mobjects(self, mobjects: Iterable[Mobject], **kwargs: Any) -> None:
        self.reset_rotation_matrix()  # as ThreeDCamera's: the camera may have turned
        super().capture_mobjects(mobjects, **kwargs)

    def get_mobjects_to_display(self, *args: Any, **kwargs: Any) -> list[Mobject]:
        """ThreeDCamera's drawing order (nearest to the camera last), read from the
        pieces' kept depth points; the frame's pieces are placed on screen first."""
        mobjects = Camera.get_mobjects_to_display(self, *args, **kwargs)
        self.place_pieces(mobjects)
        to_camera = self.get_rotation_matrix()[2]

        def depth(mobject: Mobject) -> float:
            if not getattr(mobject, "shade_in_3d", False):
                return np.inf
            piece = self.pieces.get(id(mobject))
            point = piece.depth_point if piece is not None else None
            return float(np.dot(mobject.get_z_index_reference_point() if point is None
                                else point, to_camera))

        return sorted(mobjects, key=depth)

    def placing(self, mobject: VMobject) -> Placing:
        """How the mobject's points reach the screen."""
        if mobject in self.fixed_in_frame_mobjects:
            return Placing.FIXED_IN_FRAME
        if mobject in self.fixed_orientation_mobjects:
            return Placing.FIXED_ORIENTATION
        return Placing.PROJECTED

    def place_pieces(self, mobjects: list[Mobject]) -> None:
        """Keep (or prepare) the piece of each VMobject drawn in this frame and work
        out its points on screen. The :class:`~scenes.fast_axes.FastAxes` drawn work
        out their sheen first."""
        drawn_axes = {id(axes): axes for mobject in mobjects
                      if (axes := getattr(mobject, "fast_axes", None)) is not None}
        for axes in drawn_axes.values():
            axes.refresh_sheen()
        light = self.light_source.points[0].tobytes()
        drawn = [m for m in mobjects
                 if fast_pieces.by_look(m) and not isinstance(m, fast_surface.FastSurface)]
        self.pieces = {id(m): self.kept_piece(m, light) for m in drawn}
        self.on_screen = self.screen_points(drawn)

    def kept_piece(self, mobject: VMobject, light: bytes) -> Piece:
        """The mobject's piece of the frame before, if its look, the light and its
        placing are the same; else a new one."""
        look, placing = fast_pieces.look(mobject), self.placing(mobject)
        piece = self.pieces.get(id(mobject))
        if piece is None or (piece.look, piece.light, piece.placing) != (look, light, placing):
            piece = fast_pieces.prepare(self, mobject, look, placing)
        return piece

    def screen_points(self, drawn: list[VMobject]) -> dict[int, np.ndarray]:
        """The points on screen of each drawn piece: all projected pieces' in one
        projection."""
        on_screen, projected = {}, {}
        for mobject in drawn:
            piece = self.pieces[id(mobject)]
            world = piece.points
            if piece.needs_ends:
                world = np.vstack([world, *mobject.get_gradient_start_and_end_points()])
            if piece.placing is Placing.PROJECTED:
                projected[id(mobject)] = world
                continue
            if piece.placing is Placing.FIXED_ORIENTATION:
                centre = self.fixed_orientation_mobjects[mobject]()
                world = world + (self.project_point(centre) - centre)
            on_screen[id(mobject)] = world[:, :2]
        if projected:
            sizes = [len(world) for world in projected.values()]
            flat = self.project_points(np.concatenate(list(projected.values())))
            for key, points in zip(projected, np.split(flat, np.cumsum(sizes)[:-1]), strict=True):
                on_screen[key] = points[:, :2]
        return on_screen

    def display_vectorized(self, vmobject: VMobject, ctx: cairo.Context):
        if isinstance(vmobject, fast_surface.FastSurface):
            fast_surface.draw(self, vmobject, ctx)
            return self
        piece = self.pieces.get(id(vmobject))
        if piece is None:
            return super().display_vectorized(vmobject, ctx)
        fast_pieces.draw(piece, ctx, self.on_screen[id(vmobject)])
        return self

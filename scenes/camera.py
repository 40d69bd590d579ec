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

from scenes import fast_surface
from scenes.fast_axes import FastAxes


class View(NamedTuple):
    """Where the camera looks from, as ``set_camera_orientation`` takes it: ``phi`` down
    from straight above, ``theta`` around the vertical axis (radians)."""

    phi: float
    theta: float


LANDSCAPE_VIEW = View(64 * DEGREES, -52 * DEGREES)  # a surface lesson's landscape
TABLE_VIEW = View(62 * DEGREES, -55 * DEGREES)      # a surface beside its table of points


Look = tuple  # what a VMobject's pixels depend on, comparable between frames


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
        """Whether a mobject may be drawn from the layer: its pixels depend on its
        looks alone."""
        return isinstance(mobject, VMobject) and not mobject.get_background_image()

    def capture_mobjects(self, mobjects: Iterable[Mobject], **kwargs: Any) -> None:
        drawn = self.get_mobjects_to_display(mobjects, **kwargs)
        run = 0
        while run < len(drawn) and self.layerable(drawn[-1 - run]):
            run += 1
        looks = [_look(m) for m in drawn[len(drawn) - run:]]
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


def _look(mobject: VMobject) -> Look:
    """All that a VMobject's pixels depend on, as Manim's camera draws it."""
    return (id(mobject), mobject.points.tobytes(), mobject.get_fill_rgbas().tobytes(),
            mobject.get_stroke_rgbas().tobytes(), mobject.get_stroke_width(),
            mobject.get_stroke_rgbas(background=True).tobytes(),
            mobject.get_stroke_width(background=True), mobject.get_sheen_factor(),
            tuple(mobject.get_sheen_direction()), mobject.joint_type, mobject.cap_style,
            mobject.shade_in_3d)


def _common_tail(a: list, b: list) -> int:
    """How many items at the end of ``a`` and ``b`` are equal."""
    n = 0
    while n < min(len(a), len(b)) and a[-1 - n] == b[-1 - n]:
        n += 1
    return n


class FlatCamera(LayeredCamera):
    """The 2D lessons' camera."""


class LessonCamera(LayeredCamera, ThreeDCamera):
    """The 3D lessons' camera: a ThreeDCamera whose picture is shifted on screen and
    which draws a :class:`~scenes.fast_surface.FastSurface` with vectorised numpy.
    Only what is fixed on the screen is drawn from the layer: the rest turns with it."""

    def __init__(self, *args: Any, **kwargs: Any):
        self.screen_shift = np.zeros(3)
        super().__init__(*args, **kwargs)

    def layerable(self, mobject: Mobject) -> bool:
        return mobject in self.fixed_in_frame_mobjects and not mobject.shade_in_3d \
            and super().layerable(mobject)

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
        mobjects = list(mobjects)
        for mobject in mobjects:
            for member in mobject.get_family():
                if isinstance(member, FastAxes):
                    member.refresh_sheen()
        super().capture_mobjects(mobjects, **kwargs)

    def display_vectorized(self, vmobject: VMobject, ctx: cairo.Context):
        if isinstance(vmobject, fast_surface.FastSurface):
            fast_surface.draw(self, vmobject, ctx)
            return self
        return super().display_vectorized(vmobject, ctx)

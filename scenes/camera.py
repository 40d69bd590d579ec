"""The 3D camera of every lesson: shifted on screen, and fast surfaces drawn in one pass;
and the views it takes."""

from __future__ import annotations

from typing import Any, NamedTuple

import cairo
import numpy as np
from manim import DEGREES, ThreeDCamera, VMobject

from scenes import fast_surface


class View(NamedTuple):
    """Where the camera looks from, as ``set_camera_orientation`` takes it: ``phi`` down
    from straight above, ``theta`` around the vertical axis (radians)."""

    phi: float
    theta: float


LANDSCAPE_VIEW = View(64 * DEGREES, -52 * DEGREES)  # a surface lesson's landscape
TABLE_VIEW = View(62 * DEGREES, -55 * DEGREES)      # a surface beside its table of points


class LessonCamera(ThreeDCamera):
    """A ThreeDCamera whose picture is shifted on screen (so a surface can sit
    beside a table while the camera orbits it) and which draws a
    :class:`~scenes.fast_surface.FastSurface` with vectorised numpy."""

    def __init__(self, *args: Any, **kwargs: Any):
        self.screen_shift = np.zeros(3)
        super().__init__(*args, **kwargs)

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

    def display_vectorized(self, vmobject: VMobject, ctx: cairo.Context):
        if isinstance(vmobject, fast_surface.FastSurface):
            fast_surface.draw(self, vmobject, ctx)
            return self
        return super().display_vectorized(vmobject, ctx)

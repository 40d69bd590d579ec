"""3D axes that look like Manim's ``ThreeDAxes`` and cost a fraction per frame.

``ThreeDAxes`` gives every piece, tick and tip of an axis a sheen whose ends are the
axis's edge centres towards and away from the light, and works them out again for
each of those parts as it is drawn: each time over the whole axis, so a frame costs
the square of an axis's parts (2 M ``get_anchors`` calls for a 6 s orbit, more than
the surface itself). :class:`FastAxes` works them out once per axis per frame, when
the camera asks (:meth:`FastAxes.refresh_sheen`; each part names its axes in
``fast_axes``), and its parts read them.
"""

from __future__ import annotations

from functools import partial

import numpy as np
from manim import ThreeDAxes, VMobject


class FastAxes(ThreeDAxes):
    """``ThreeDAxes`` whose parts share their axis's sheen ends, worked out once per
    frame by :meth:`refresh_sheen` (or, if no camera asks, by each part, as Manim's)."""

    def _set_axis_shading(self) -> None:
        super()._set_axis_shading()
        self.sheen_ends: dict[int, tuple[np.ndarray, np.ndarray]] = {}
        for axis in self:
            for part in axis.family_members_with_points():
                part.fast_axes = self
                part.get_gradient_start_and_end_points = partial(self._ends_of, axis)

    def refresh_sheen(self) -> None:
        """Work out each axis's sheen ends from its points as they are now."""
        self.sheen_ends = {id(axis): self._sheen(axis) for axis in self}

    def _ends_of(self, axis: VMobject) -> tuple[np.ndarray, np.ndarray]:
        ends = self.sheen_ends.get(id(axis))
        return ends if ends is not None else self._sheen(axis)

    def _sheen(self, axis: VMobject) -> tuple[np.ndarray, np.ndarray]:
        """The axis's edge centres away from and towards the light (``ThreeDAxes``'s)."""
        return axis.get_edge_center(-self.light_source), axis.get_edge_center(self.light_source)

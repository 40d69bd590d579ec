"""Layout checks on a scene as it stands: what a viewer would spot by watching.

At the end of a beat every visible mobject must lie inside the layout's safe area,
no two pieces of text may overlap, and no line of a text of several lines may
overlap another line of it (a caption in three lines). Boxes are measured on screen: a 3D scene's
mobjects go through its camera's projection, flat ones are taken as they are.
No frame is drawn and no video encoded, so this runs in the test suite.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np
from manim import DecimalNumber, MarkupText, Mobject, SingleStringMathTex, Text, VMobject
from manim.mobject.types.image_mobject import AbstractImageMobject

from scenes.layout import Layout

TEXT_TYPES = (DecimalNumber, Text, MarkupText, SingleStringMathTex)
TOLERANCE = 0.02  # scene units: about 3 pixels at 1080p


@dataclass(frozen=True)
class Box:
    """A mobject's extent on screen."""

    mobject: Mobject
    low: np.ndarray
    high: np.ndarray

    @property
    def name(self) -> str:
        text = (getattr(self.mobject, "original_text", None) or getattr(self.mobject, "text", None)
                or getattr(self.mobject, "tex_string", None))
        if text is None and isinstance(self.mobject, DecimalNumber):
            text = f"{self.mobject.get_value():g}"
        kind = type(self.mobject).__name__
        return f"{kind} {text!r}" if text is not None else kind

    def overlap(self, other: Box) -> float:
        """The smaller side of the two boxes' intersection, or 0 if they do not meet."""
        sides = np.minimum(self.high, other.high) - np.maximum(self.low, other.low)
        return float(max(min(sides), 0.0))


def layout_problems(scene, layout: Layout) -> list[str]:
    """Everything wrong with the frame as it stands: objects outside the safe area,
    overlapping text. An empty list means the frame is clean."""
    if hasattr(scene.camera, "reset_rotation_matrix"):
        scene.camera.reset_rotation_matrix()  # the 3D camera caches it between frames
    shapes = list(_boxes(scene, text=False))
    texts = list(_boxes(scene, text=True))
    safe = layout.safe
    low, high = np.array([safe.left, safe.bottom]), np.array([safe.right, safe.top])
    problems = []
    for box in shapes + texts:
        outside = np.maximum(low - box.low, 0) + np.maximum(box.high - high, 0)
        if outside.max() > TOLERANCE:
            problems.append(f"{box.name} is outside the safe area by {outside.max():.2f} at "
                            f"[{box.low[0]:.2f}, {box.low[1]:.2f}]..[{box.high[0]:.2f}, "
                            f"{box.high[1]:.2f}]")
    for i, first in enumerate(texts):
        for second in texts[i + 1:]:
            if first.overlap(second) > TOLERANCE:
                problems.append(f"{first.name} overlaps {second.name}")
    for box in texts:
        problems.extend(_lines_overlapping(scene.camera, box))
    return problems


def _lines_overlapping(camera, box: Box) -> list[str]:
    """Each pair of lines of one Text that overlap. Text keeps one submobject per glyph
    in reading order (a ligature is one glyph), so a line starts at each of the
    largest steps back to the left."""
    text = getattr(box.mobject, "original_text", None)
    if not isinstance(box.mobject, (Text, MarkupText)) or not text or "\n" not in text:
        return []
    glyphs = [b for g in box.mobject.submobjects if (b := _box(camera, g))]
    steps = np.diff([b.low[0] for b in glyphs])
    names = text.split("\n")
    starts = sorted(np.argsort(steps)[: len(names) - 1] + 1)
    lines = [Box(box.mobject, np.min([b.low for b in part], axis=0),
                 np.max([b.high for b in part], axis=0))
             for part in np.split(np.array(glyphs, dtype=object), starts) if len(part)]
    return [f"line {i + 1} {names[i]!r} of {box.name} overlaps line {j + 1} {names[j]!r}"
            for i, one in enumerate(lines) for j, other in enumerate(lines[i + 1:], i + 1)
            if one.overlap(other) > TOLERANCE]


def _boxes(scene, text: bool) -> Iterator[Box]:
    """On-screen boxes of the visible text mobjects (outermost ones), or of every other
    visible mobject with points."""
    for mobject in _visible_roots(scene):
        yield from _walk(scene.camera, mobject, text)


def _visible_roots(scene) -> list[Mobject]:
    roots = list(scene.mobjects)
    roots += [m for m in scene.foreground_mobjects if m not in roots]
    return roots


def _walk(camera, mobject: Mobject, text: bool) -> Iterator[Box]:
    if isinstance(mobject, TEXT_TYPES):
        if text:
            box = _box(camera, mobject)
            if box is not None:
                yield box
        return
    if not text and _drawn(mobject) and len(mobject.points):
        box = _box(camera, mobject, family=False)
        if box is not None:
            yield box
    for child in mobject.submobjects:
        yield from _walk(camera, child, text)


def _drawn(mobject: Mobject) -> bool:
    """Whether any of the mobject itself shows: some fill or some stroke."""
    if isinstance(mobject, AbstractImageMobject):
        return True
    if not isinstance(mobject, VMobject):
        return False  # a ValueTracker or an empty group: nothing to see
    fill = mobject.get_fill_opacity() > 0
    stroke = mobject.get_stroke_opacity() > 0 and mobject.get_stroke_width() > 0
    return fill or stroke


def _box(camera, mobject: Mobject, family: bool = True) -> Box | None:
    parts = mobject.family_members_with_points() if family else [mobject]
    points = [camera.transform_points_pre_display(part, part.points)
              for part in parts if _drawn(part)]
    if not points:
        return None
    points = np.vstack(points)[:, :2]
    return Box(mobject, points.min(axis=0), points.max(axis=0))

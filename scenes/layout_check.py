"""Layout checks on a scene as it stands: what a viewer would spot by watching.

At the end of a beat every visible mobject must lie inside the layout's safe area,
no two pieces of text may overlap, and no glyphs of one text may be drawn over
each other (a caption whose lines were laid out over one another). Boxes are
measured on screen: a 3D scene's mobjects go through its camera's projection, flat
ones are taken as they are. No frame is drawn and no video encoded, so this runs in
the test suite.
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
        problems.extend(_glyphs_overlapping(scene.camera, box))
    return problems


GLYPH_OVERLAP = 0.3  # of the smaller glyph's box: kerning overlaps far less than this


def _glyphs_overlapping(camera, box: Box) -> list[str]:
    """A Text whose glyphs are drawn over each other (one line over another, say):
    Text keeps one submobject per glyph, so their boxes are compared pairwise."""
    if not isinstance(box.mobject, (Text, MarkupText)):
        return []
    glyphs = [b for g in box.mobject.submobjects if (b := _box(camera, g))]
    if len(glyphs) < 2:
        return []
    low, high = np.array([g.low for g in glyphs]), np.array([g.high for g in glyphs])
    sides = np.minimum(high[:, None], high[None]) - np.maximum(low[:, None], low[None])
    shared = np.prod(np.clip(sides, 0, None), axis=2)
    area = np.prod(high - low, axis=1)
    smaller = np.minimum(area[:, None], area[None])
    over = np.triu(shared > GLYPH_OVERLAP * np.maximum(smaller, 1e-9), k=1)
    count = int(over.sum())
    return [f"{box.name} has glyphs drawn over each other ({count} pairs)"] if count else []


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

"""The contour lesson: its fields, its analysis and its words (no Manim here).

Beats: see `ContourLesson.beats`. A window left out is chosen to hold every critical
point (``critical_window``); levels left out are round ones, each pass's own and a ring
round each pit and peak (``mathcore.contour.levels``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Annotated, ClassVar, Literal

from pydantic import Field, StrictBool, StrictInt

from mathcore.contour import ARROW_GRID, DEFAULT_LEVELS, MOST_LEVELS, ContourAnalysis, contour
from mathcore.critical import CriticalPoint
from mathcore.surface import SurfaceAnalysis, analyze_surface
from mathcore.verdicts import Verdict
from mathcore.wording import and_list
from scenes.critical_points.lesson import (
    critical_flaw,
    critical_shows,
    critical_sketch,
    critical_worked,
)
from scenes.notation import (
    curve_text,
    number,
    number_tex,
    plain,
    point,
    point_tex,
    tex,
    text_table,
)
from scenes.params import LessonOfXY
from scenes.practice import Coefficients, Difficulty, Line, Sketch
from scenes.verdict_rows import shown_rows

MOST_ARROWS = 20  # per side
LABELLED = 4      # level curves labelled with their values, at most

LevelCount = Annotated[StrictInt, Field(ge=1, le=MOST_LEVELS)]
LevelValues = Annotated[list[Annotated[float, Field(allow_inf_nan=False)]],
                        Field(min_length=1, max_length=MOST_LEVELS)]
ArrowCount = Annotated[StrictInt, Field(ge=1, le=MOST_ARROWS)]


class ContourLesson(LessonOfXY):
    """The contour map of f(x, y): the landscape seen from above."""

    kind: Literal["contour"]
    levels: LevelCount | LevelValues = Field(
        DEFAULT_LEVELS, description="how many round levels (each pass's and a ring round each "
                                    "pit and peak are added), or a list of values")
    arrows: StrictBool | ArrowCount = Field(
        True, description="gradient arrows: on, off, or how many per side")

    beats: ClassVar[dict[str, str]] = {
        "title": "the title card, with f(x, y)",
        "surface": "the axes and the surface growing in",
        "settle": "the camera looks straight down as the surface flattens onto its level "
                  "curves, coloured by height, a few labelled",
        "arrows": "with arrows: grad f, uphill and across the level curves",
        "points": "the critical points in their verdict colours: rings round pits and peaks, "
                  "an X at each pass",
        "closing": "the takeaway",
    }
    asides: ClassVar[tuple[str, ...]] = ("surface", "arrows")

    @property
    def arrow_count(self) -> int:
        """Arrows per side, 0 for none."""
        if isinstance(self.arrows, bool):
            return ARROW_GRID if self.arrows else 0
        return self.arrows

    moves: ClassVar = (Coefficients("function"),)

    def problem(self, analysis: object) -> list[Line]:
        return [f"Sketch the contour map of $f(x, y) = {tex(self.expr)}$: find its critical "
                "points, and say which the level curves ring (peaks and pits) and which "
                "they cross (passes)."]

    def worked(self, analysis: ContourLessonAnalysis) -> list[Line]:
        return critical_worked(analysis.contour.critical)

    def flaw(self, analysis: ContourLessonAnalysis, difficulty: Difficulty) -> str | None:
        return critical_flaw(analysis.contour.critical, difficulty)

    def shows(self, analysis: ContourLessonAnalysis) -> str | None:
        return critical_shows(analysis.contour.critical)

    def sketch(self, analysis: ContourLessonAnalysis) -> Sketch:
        return critical_sketch(analysis.contour.critical)

    def analyze(self) -> ContourLessonAnalysis:
        mapped = contour(self.expr, self.x, self.y, self.levels, self.arrow_count)
        return ContourLessonAnalysis(mapped, analyze_surface(self.expr, mapped.x_range,
                                                             mapped.y_range))


@dataclass(frozen=True)
class ContourLessonAnalysis:
    """The contour map, and the landscape that settles onto it."""

    contour: ContourAnalysis
    landscape: SurfaceAnalysis

    def to_json(self) -> dict:
        return self.contour.to_json()


# -- words -----------------------------------------------------------------------------------
NAMES = {Verdict.LOCAL_MIN: "pit", Verdict.LOCAL_MAX: "peak", Verdict.SADDLE: "pass"}


def drawn(a: ContourAnalysis, level: float) -> bool:
    """Whether ``level`` is one of the map's."""
    return any(math.isclose(v, level, abs_tol=1e-9) for v in a.levels)


def pass_levels(a: ContourAnalysis) -> list[float]:
    """The levels through a pass, each once."""
    values = {float(p.value) for p in a.critical.points if p.type == Verdict.SADDLE}
    return [v for v in a.levels if any(math.isclose(v, w, abs_tol=1e-9) for w in values)]


def label_order(a: ContourAnalysis) -> list[float]:
    """Every level, in the order the map tries to label them (it labels the first
    ``LABELLED`` it finds room for): each pass's first, then, one at a time, the level
    farthest down the list of levels from those already chosen (the middle one first
    when there is no pass), so that the labels spread from lowest to highest."""
    levels = list(a.levels)
    chosen = [i for i, v in enumerate(levels) if v in pass_levels(a)]
    rest = [i for i in range(len(levels)) if i not in chosen]
    while rest:
        middle = (len(levels) - 1) / 2
        best = max(rest, key=lambda i: (min((abs(i - j) for j in chosen), default=0.0),
                                        -abs(i - middle), -i))
        chosen.append(best)
        rest.remove(best)
    return [levels[i] for i in chosen]


def settle_caption(a: ContourAnalysis) -> str:
    if a.critical.everywhere:
        return (f"Seen from straight above, a flat plane: f = {plain(a.function)} everywhere,"
                f" and no level curve")
    n = len(a.levels)
    span = (f"the level {number(a.levels[0])}" if n == 1
            else f"{n} levels of f, from {number(a.levels[0])} to {number(a.levels[-1])}")
    return f"Seen from straight above, each height is a curve: {span}, in the surface's colours"


def arrows_caption(a: ContourAnalysis) -> str:
    fx, fy = a.critical.gradient
    return (f"∇f = ({plain(fx)}, {plain(fy)}) points uphill, across the level curves;"
            f" the steeper the ground, the longer the arrow")


def _at(points: list[CriticalPoint]) -> str:
    return and_list([point(p.x, p.y) for p in points])


def _groups(groups: list[str]) -> str:
    """``a pit at A and a peak at B``; ``pits at A and B, peaks at C and D``."""
    return ", ".join(groups) if any(" and " in g for g in groups) else and_list(groups)


def points_caption(a: ContourAnalysis) -> str:
    """Where the rings close and where the levels cross, from the points found."""
    shown = shown_rows(a.critical.points)
    if not shown and a.critical.everywhere:
        return "Every point is critical: f is constant, and its map has no curve"
    if not shown and a.critical.curves:
        return ("No isolated critical point: the ground is flat all along "
                + and_list([curve_text(c) for c in a.critical.curves]))
    if not shown:
        return "No critical point in this window: no ring closes, no level crosses itself"
    ringed, open_ = [], []
    for verdict in (Verdict.LOCAL_MIN, Verdict.LOCAL_MAX):
        for inside in (True, False):
            found = [p for p in shown if p.type == verdict
                     and a.ringed((p.xf, p.yf)) == inside]
            if found:
                name = NAMES[verdict] + ("s" if len(found) > 1 else "")
                (ringed if inside else open_).append(
                    f"{'a ' if len(found) == 1 else ''}{name} at {_at(found)}")
    parts = []
    if ringed:
        each = "each " if len(ringed) > 1 or "s at" in ringed[0] else ""
        parts.append(f"{_groups(ringed)}, {each}inside closed rings")
    if open_:
        them = "them" if len(open_) > 1 or "s at" in open_[0] else "it"
        parts.append(f"{_groups(open_)}, no level drawn rings {them}")
    for level in sorted({float(p.value) for p in shown if p.type == Verdict.SADDLE}):
        found = [p for p in shown if p.type == Verdict.SADDLE
                 and math.isclose(float(p.value), level, abs_tol=1e-9)]
        where = ("where the level f = {} crosses itself" if drawn(a, level)
                 else "on the level f = {}, not drawn")
        parts.append(f"{'a pass' if len(found) == 1 else 'passes'} at {_at(found)}, "
                     + where.format(number(level)))
    for p in (p for p in shown if p.type not in NAMES):
        probe = f"; nearby values say {p.probe}" if p.probe else ""
        parts.append(f"{point(p.x, p.y)}, where the test says nothing{probe}")
    text = "; ".join(parts)
    return text[0].upper() + text[1:]


def takeaway(a: ContourAnalysis) -> str:
    if a.critical.points:
        return "Rings close round pits and peaks; at a pass two level curves cross."
    return "A contour map is the landscape flattened: one curve for each height."


def legend_lines(a: ContourAnalysis) -> list[tuple[str, Verdict]]:
    """A line of LaTeX for each point shown, with the verdict that colours it."""
    return [(rf"\text{{{NAMES.get(p.type, p.type.label.lower())} }}{point_tex(p.x, p.y)},"
             rf"\ f = {number_tex(p.value)}", p.type) for p in shown_rows(a.critical.points)]


def gradient_tex(a: ContourAnalysis) -> str:
    fx, fy = a.critical.gradient
    return rf"\nabla f = \left({tex(fx)},\ {tex(fy)}\right)"


def _on_map(a: ContourAnalysis, p: CriticalPoint) -> str:
    """What the map shows at a critical point, for the report."""
    if p.type in (Verdict.LOCAL_MIN, Verdict.LOCAL_MAX):
        return "inside closed rings" if a.ringed((p.xf, p.yf)) else "no level drawn rings it"
    if p.type == Verdict.SADDLE:
        return ("two level curves cross" if drawn(a, float(p.value))
                else "its level is not drawn")
    return f"probe: {p.probe}" if p.probe else ""


def report(analysis: ContourLessonAnalysis) -> str:
    """The text `calcreel check` prints for a contour lesson."""
    a = analysis.contour
    (x0, x1), (y0, y1) = a.x_range, a.y_range
    lines = [f"f(x, y) = {plain(a.function)}",
             f"window: x in [{plain(x0)}, {plain(x1)}], y in [{plain(y0)}, {plain(y1)}]",
             "levels: " + ", ".join(number(v) for v in a.levels)]
    if a.critical.points:
        lines += text_table(("Point", "f", "Type", "on the map"),
                            [(point(p.x, p.y), number(p.value), p.type.label, _on_map(a, p))
                             for p in a.critical.points])
    lines += [f"critical curve: {curve_text(c)}" for c in a.critical.curves]
    if not a.critical.points and not a.critical.curves:
        lines.append("no critical point in this window")
    if a.arrows:
        lines.append(f"arrows: {len(a.arrows)}, |grad f| up to "
                     f"{number(max(arrow.size for arrow in a.arrows))}")
    return "\n".join(lines)

"""The critical_points lesson: its fields, its analysis and its words (no Manim here).

Beats: see `CriticalPointsLesson.beats`. With nothing to classify (no critical point in
the window, only curves of them, a constant f) the surface beat says so and the lesson
closes. A window left out is chosen to hold every critical point (``critical_window``).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import ClassVar, Literal

import sympy

from mathcore.critical import CriticalAnalysis, CriticalCurve, CriticalPoint, critical_points
from mathcore.surface import SurfaceAnalysis, analyze_surface
from mathcore.verdicts import Verdict
from mathcore.wording import and_list
from scenes.notation import curve_text, plain, point, tex
from scenes.params import LessonOfXY
from scenes.verdict_rows import MAX_ROWS, shown_rows


class CriticalPointsLesson(LessonOfXY):
    """Critical points of f(x, y), classified by the second-derivative test."""

    kind: Literal["critical_points"]

    beats: ClassVar[dict[str, str]] = {
        "title": "the title card, with f(x, y)",
        "gradient": "f_x = 0 and f_y = 0",
        "solutions": "the points (and curves) that solve them",
        "surface": "the surface, the points dropped onto it, or why there is none to test",
        "rule": "the second-derivative test: D and its four cases",
        "point-*": f"a verdict and a table row for each point (the first {MAX_ROWS})",
        "more": "how many points the table has no row for",
        "table": "the finished table beside the surface, tallied",
        "closing": "the takeaway",
    }

    def analyze(self) -> CriticalPointsAnalysis:
        critical = critical_points(self.expr, (self.x, self.y))
        return CriticalPointsAnalysis(critical, analyze_surface(self.expr, *critical.window))


@dataclass(frozen=True)
class CriticalPointsAnalysis:
    """The critical points, and the landscape they are dropped onto."""

    critical: CriticalAnalysis
    landscape: SurfaceAnalysis

    def to_json(self) -> dict:
        return self.critical.to_json()


# -- captions --------------------------------------------------------------------------------
HEADING = "Where is the ground flat?"
RULE_CAPTION = ("The Hessian decides: D = f_xx·f_yy - f_xy²; D > 0 with f_xx > 0 is a min,"
                " with f_xx < 0 a max, D < 0 a saddle, and D = 0 says nothing")


def gradient_caption(a: CriticalAnalysis) -> str:
    fx, fy = a.gradient
    return (f"A ball resting here has no reason to roll: f_x = {plain(fx)} = 0"
            f" and f_y = {plain(fy)} = 0")


def verdict(p: CriticalPoint) -> str:
    """The caption for one point: what the test says and why."""
    where = f"At {point(p.x, p.y)}"
    if not p.differentiable:
        return (f"{where}, f has no derivative: the test cannot be applied;"
                f" nearby values say {p.probe}")
    if p.D is None:
        return f"{where}, a second derivative does not exist; nearby values say {p.probe}"
    d = plain(p.D)
    if p.type == Verdict.SADDLE:
        return f"{where}, D = {d} < 0: {p.type.with_article}"
    if p.type in (Verdict.LOCAL_MIN, Verdict.LOCAL_MAX):
        sign = ">" if p.type == Verdict.LOCAL_MIN else "<"
        return f"{where}, D = {d} > 0 and f_xx = {plain(p.fxx)} {sign} 0: {p.type.with_article}"
    return f"{where}, D = 0: the test says nothing; nearby values say {p.probe}"


def solutions_caption(a: CriticalAnalysis) -> str:
    """What solving grad f = 0 gave: the points, the curves, or why there are none."""
    if a.everywhere:
        return "Every point is critical: f is constant"
    if not a.points and not a.curves:
        text = "No critical point in this window"
        if a.nearest is not None:
            text += (f"; the nearest is {point(a.nearest.x, a.nearest.y)},"
                     f" {a.nearest.type.with_article}")
        return text
    n = len(a.points)
    text = f"{n} critical point{'s' if n != 1 else ''}"
    if a.points:
        text += ": " + ", ".join(point(p.x, p.y) for p in a.points[:8])
    if a.curves:
        text += "; and whole curves of them: " + ", ".join(map(curve_text, a.curves))
    if not a.complete:
        text += " (found numerically)"
    return text


def surface_caption(a: CriticalAnalysis) -> str:
    if a.points:
        return "Each critical point, dropped onto the surface"
    if a.everywhere:
        return "A flat plane: a ball rests anywhere, and the test has nothing to decide"
    if a.curves:
        return ("Flat all along " + ", ".join(map(curve_text, a.curves))
                + ": no isolated point to test")
    return "Nowhere in this window is the ground flat: a ball always rolls"


def tally(points: tuple[CriticalPoint, ...]) -> str:
    """``2 saddles, 1 local min and 1 local max``."""
    counts = Counter(p.type for p in points)
    if not counts:
        return "no critical points in this window"
    return and_list([f"{n} {kind.plural if n > 1 else kind}" for kind, n in counts.items()])


def table_caption(a: CriticalAnalysis) -> str:
    return tally(a.points).capitalize() + "."


def takeaway(a: CriticalAnalysis) -> str:
    if a.everywhere:
        return "A constant is flat everywhere: every point is critical."
    if not a.points and not a.curves:
        return "Where the ground is nowhere flat, there is no peak, pit or pass."
    return ("Flat spots are only candidates: the Hessian tells the peaks, "
            "pits and passes apart.")


# -- on screen -------------------------------------------------------------------------------
RULE = (  # the second-derivative test, a line each, in its verdict's colour (None: text)
    (r"D = f_{xx} f_{yy} - f_{xy}^2", None),
    (r"D > 0,\ f_{xx} > 0:\ \text{local min}", Verdict.LOCAL_MIN),
    (r"D > 0,\ f_{xx} < 0:\ \text{local max}", Verdict.LOCAL_MAX),
    (r"D < 0:\ \text{saddle}", Verdict.SADDLE),
    (r"D = 0:\ \text{the test says nothing}", Verdict.INCONCLUSIVE),
)
TABLE_HEADERS = [r"\text{Point}", "f_{xx}", "f_{yy}", "D", r"\text{Type}"]


def gradient_tex(a: CriticalAnalysis) -> list[str]:
    fx, fy = a.gradient
    return [rf"f_x = {tex(fx)} = 0", rf"f_y = {tex(fy)} = 0"]


def curve_tex(curve: CriticalCurve) -> str:
    return r"\text{every point}" if curve.everywhere else f"{tex(curve.lhs)} = {tex(curve.rhs)}"


def point_tex(p: CriticalPoint) -> str:
    return rf"({tex(p.x)},\ {tex(p.y)})"


def solutions_notes(a: CriticalAnalysis) -> list[str]:
    """What follows the solved points' lines: the curves, or that there is nothing."""
    if a.everywhere:
        return [r"\text{every point: } f \text{ is constant}"]
    if a.curves:
        return [r"\text{and every point of }" + r",\ ".join(map(curve_tex, a.curves))]
    return [] if a.points else [r"\text{no solutions in this window}"]


def nothing_lines(a: CriticalAnalysis) -> list[tuple[str, Verdict | None]]:
    """What stands beside the surface when there is nothing to classify: lines, each in
    its verdict's colour (None: the text colour)."""
    if a.everywhere:
        return [(r"\text{flat everywhere:}", None), (r"\text{every point is critical}", None)]
    if a.curves:
        return [(r"\text{critical all along}", None),
                *((curve_tex(c), Verdict.INCONCLUSIVE) for c in a.curves)]
    lines = [(r"\text{no critical point}", None), (r"\text{in this window}", None)]
    if a.nearest is not None:
        lines.append((rf"\text{{nearest: }}({tex(a.nearest.x)},\ {tex(a.nearest.y)})",
                      a.nearest.type))
    return lines


def _cell(value: sympy.Expr | None) -> str:
    return tex(value) if value is not None else r"\text{--}"


def table_rows(a: CriticalAnalysis) -> list[list[str]]:
    """The table's rows, for the points shown: Point | f_xx | f_yy | D | Type."""
    return [[point_tex(p), _cell(p.fxx), _cell(p.fyy), _cell(p.D), rf"\text{{{p.type.label}}}"]
            for p in shown_rows(a.points)]


def report(analysis: CriticalPointsAnalysis) -> str:
    """The article's table, `Point | f_xx | f_yy | D | Type`, as check prints it."""
    a = analysis.critical
    header = ("Point", "f_xx", "f_yy", "D", "Type")
    rows = [header] + [
        (f"({plain(p.x)},{plain(p.y)})", *(plain(v) if v is not None else "-"
                                           for v in (p.fxx, p.fyy, p.D)),
         p.type.label + (f" (probe: {p.probe})" if p.probe else ""))
        for p in a.points
    ]
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    lines = [f"f(x, y) = {plain(a.function)}",
             "exact solution" if a.complete else "numeric search (the list may be incomplete)"]
    lines += [" | ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip()
              for row in rows]
    lines += [f"critical curve: {c.text}" for c in a.curves]
    (x0, x1), (y0, y1) = a.window
    lines.append(f"window: x in [{plain(x0)}, {plain(x1)}], y in [{plain(y0)}, {plain(y1)}]")
    if not a.points and not a.curves:
        lines.append(solutions_caption(a))
    return "\n".join(lines)

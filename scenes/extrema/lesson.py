"""The extrema lesson: its fields, its analysis and its words (no Manim here).

Beats: see `ExtremaLesson.beats`.
"""

from __future__ import annotations

from typing import ClassVar, Literal

import sympy
from pydantic import Field, model_validator

from mathcore.extrema import (
    FIRST_DERIVATIVE,
    SECOND_DERIVATIVE,
    CriticalPoint,
    Extrema,
    Extreme,
    extrema,
)
from mathcore.verdicts import Verdict
from mathcore.wording import and_list, interval_text
from scenes.notation import equals, number, number_tex, plain, tex, text_table
from scenes.params import LessonOfX, Range, contains
from scenes.practice import (
    Coefficients,
    Difficulty,
    Ends,
    Line,
    Sketch,
    Table,
    all_short,
    curve_sketch,
)
from scenes.verdict_rows import MAX_ROWS, shown_rows

MOST_EXERCISE_POINTS = 4   # critical points an exercise may ask for

EVIDENCE = {  # what the test saw, by (test, type): the table cell and the caption's words
    (SECOND_DERIVATIVE, Verdict.LOCAL_MIN): ("f''(c) > 0", "f''{at} > 0"),
    (SECOND_DERIVATIVE, Verdict.LOCAL_MAX): ("f''(c) < 0", "f''{at} < 0"),
    (FIRST_DERIVATIVE, Verdict.LOCAL_MIN): (r"f': - \to +", "f' changes sign from - to +"),
    (FIRST_DERIVATIVE, Verdict.LOCAL_MAX): (r"f': + \to -", "f' changes sign from + to -"),
    (FIRST_DERIVATIVE, Verdict.NEITHER): (r"f': \text{no change}", "f' keeps its sign"),
}


class ExtremaLesson(LessonOfX):
    """Critical points of f(x), classified, and the absolute extrema on a closed interval."""

    kind: Literal["extrema"]
    x: Range | None = Field(None, description="the window; default: the interval with a "
                                              "margin, else around the critical points")
    interval: Range | None = Field(None, description="a closed [a, b] inside x: find the "
                                                     "absolute min and max there")

    beats: ClassVar[dict[str, str]] = {
        "title": "the title card, with f(x)",
        "graph": "the axes and the graph of f",
        "derivative": "f'(x) = 0 solved, the critical points marked",
        "point-*": f"each point classified, coloured and given its row of the table "
                   f"x | f(x) | test | type (the first {MAX_ROWS})",
        "more": "how many points the table has no row for",
        "absolute": "with an interval: the absolute min and max there, ends included",
        "closing": "the takeaway",
    }
    asides: ClassVar[tuple[str, ...]] = ("more", "graph")

    @model_validator(mode="after")
    def _interval_inside(self) -> ExtremaLesson:
        if (self.x is not None and self.interval is not None
                and not all(contains(self.x, e) for e in self.interval)):
            a, b = self.interval
            raise ValueError(f"interval [{a}, {b}] must lie inside x = [{self.x[0]}, {self.x[1]}]")
        return self

    moves: ClassVar = (Coefficients("function"), Ends("interval"))

    def analyze(self) -> Extrema:
        return extrema(self.expr, self.x, self.interval)

    def problem(self, analysis: Extrema) -> list[Line]:
        ask = f"Find and classify the critical points of $f(x) = {tex(self.expr)}$"
        if self.interval is None:
            return [ask + "."]
        a, b = (tex(end) for end in self.interval)
        return [ask + f", and the absolute maximum and minimum of $f$ on $[{a}, {b}]$."]

    def worked(self, ex: Extrema) -> list[Line]:
        lines: list[Line] = [f"${line}$" for line in derivative_lines(ex)]
        lines.append(Table(("$x$", "$f(x)$", "test", "type"), tuple(
            (f"${tex(p.x)}$", f"${tex(p.value)}$", f"${EVIDENCE[(p.test, p.type)][0]}$",
             str(p.type)) for p in ex.points)))
        if ex.absolute is not None:
            lines += [f"${line}$" for line, _ in absolute_lines(ex)]
        return lines

    def flaw(self, ex: Extrema, difficulty: Difficulty) -> str | None:
        if not ex.complete or not ex.points:
            return "no critical point found exactly"
        if len(ex.points) > MOST_EXERCISE_POINTS:
            return f"more than {MOST_EXERCISE_POINTS} critical points"
        if any(p.type == Verdict.NEITHER for p in ex.points):
            return "a critical point that is neither a min nor a max"
        values = [v for p in ex.points for v in (p.x, p.value)]
        if ex.absolute is not None:
            values += [ex.absolute.min.value, ex.absolute.max.value]
        return None if all_short(values, difficulty) else "an answer that is not short"

    def sketch(self, ex: Extrema) -> Sketch:
        return curve_sketch((ex.function,), ex.x_range,
                            tuple((p.xf, p.value_f) for p in ex.points))


# -- captions --------------------------------------------------------------------------------
def xs_text(values: tuple[sympy.Expr, ...]) -> str:
    """``x = -2 and x = 1``."""
    return and_list([equals("x", v) for v in values])


def graph_caption(ex: Extrema) -> str:
    return f"f(x) = {plain(ex.function)} on {interval_text(ex.x_range, number)}"


def derivative_caption(ex: Extrema) -> str:
    flat = tuple(p.x for p in ex.points if p.stationary)
    rough = tuple(p.x for p in ex.points if not p.stationary)
    parts = []
    if flat:
        parts.append(f"f'(x) = {plain(ex.derivative)} = 0 at {xs_text(flat)}")
    if rough:
        parts.append(f"f' does not exist at {xs_text(rough)}")
    ends = ""
    if ex.ends:
        what = ("ends the domain of f: not a critical point, only an end" if len(ex.ends) == 1
                else "end the domain of f: not critical points, only ends")
        ends = f"; {xs_text(tuple(e.x for e in ex.ends))} {what}"
    if not parts:
        return f"f'(x) = {plain(ex.derivative)} is never 0 here: no critical points" + ends
    return "Candidates: " + "; ".join(parts) + ends


def verdict(p: CriticalPoint) -> str:
    """The caption for one point: the test's evidence and the type."""
    arg = number(p.x)
    at = "" if arg.startswith("≈") else f"({arg})"
    evidence = EVIDENCE[(p.test, p.type)][1].format(at=at)
    if not p.stationary:
        evidence = f"f' does not exist, but {evidence}"
    elif p.test == FIRST_DERIVATIVE:
        evidence = f"the f'' test says nothing, but {evidence}"
    return f"At {equals('x', p.x)}, {evidence}: {p.type.with_article}, {equals(f'f{at}', p.value)}"


def extreme_text(name: str, extreme: Extreme) -> str:
    return f"the absolute {name} is {number(extreme.value)} at {xs_text(extreme.xs)}"


def absolute_caption(ex: Extrema) -> str:
    found = ex.absolute
    return (f"On {interval_text(found.interval, number)}, ends included: "
            f"{extreme_text('max', found.max)}, and {extreme_text('min', found.min)}")


def takeaway(ex: Extrema) -> str:
    if not ex.points:
        return "No critical points, so no peak or pit inside this window."
    return "f' = 0 finds the candidates; f'' or the sign of f' tells peaks from pits."


# -- on screen -------------------------------------------------------------------------------
TABLE_HEADERS = ["x", "f(x)", r"\text{test}", r"\text{type}"]
END_TAG = r"\text{end}"  # beside an end of f's domain


def _xs_tex(values) -> str:
    return r",\ ".join(number_tex(v) for v in values)


def derivative_lines(ex: Extrema) -> list[str]:
    """f'(x), where it is 0 or undefined (for the points shown), and f''(x)."""
    shown = shown_rows(ex.points)
    flat = [p.x for p in shown if p.stationary]
    rough = [p.x for p in shown if not p.stationary]
    lines = [rf"f'(x) = {tex(ex.derivative)}" + (" = 0" if flat else "")]
    if flat:
        lines.append("x = " + _xs_tex(flat))
    if rough:
        lines.append(r"f'\ \text{undefined at } x = " + _xs_tex(rough))
    return lines + [rf"f''(x) = {tex(ex.second_derivative)}"]


def table_rows(ex: Extrema) -> list[list[str]]:
    """The table's rows, for the points shown: x | f(x) | test | type."""
    return [[number_tex(p.x), number_tex(p.value), EVIDENCE[(p.test, p.type)][0],
             rf"\text{{{p.type}}}"] for p in shown_rows(ex.points)]


def absolute_lines(ex: Extrema) -> list[tuple[str, Verdict]]:
    """The absolute max and min, each in the colour of its kind of extreme."""
    found = ex.absolute
    return [(rf"\text{{absolute {name} }} {{{number_tex(e.value)}}}\ \text{{at }} x = "
             + _xs_tex(e.xs), colour)
            for name, e, colour in (("max", found.max, Verdict.LOCAL_MAX),
                                    ("min", found.min, Verdict.LOCAL_MIN))]


def report(ex: Extrema) -> str:
    """The table `x | f(x) | test | type` and the absolute extrema."""
    lines = [f"f(x) = {plain(ex.function)}, f'(x) = {plain(ex.derivative)}",
             "exact solution" if ex.complete else "numeric search (the list may be incomplete)"]
    lines += text_table(("x", "f(x)", "test", "type"),
                        [(plain(p.x), plain(p.value), p.test, p.type) for p in ex.points])
    if ex.absolute is not None:
        found = ex.absolute
        lines.append(f"on {interval_text(found.interval, number)}: "
                     f"{extreme_text('max', found.max)}; {extreme_text('min', found.min)}")
    return "\n".join(lines)

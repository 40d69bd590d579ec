"""`extrema`: peaks and pits of f(x).

Beats: title, graph, derivative (f'(x) = 0 solved, the critical points
marked), point-1, point-2, ... (each point classified, coloured and added to
the table `x | f(x) | test | type`), absolute (only with an interval: the
absolute min and max on the closed interval, ends included), closing.
"""

from __future__ import annotations

from functools import cached_property
from typing import ClassVar, Literal

import sympy
from manim import (
    DOWN,
    LEFT,
    Circle,
    Create,
    Dot,
    FadeIn,
    Indicate,
    MathTable,
    VGroup,
    Write,
)
from pydantic import Field, model_validator

from mathcore.extrema import (
    FIRST_DERIVATIVE,
    SECOND_DERIVATIVE,
    CriticalPoint,
    Extrema,
    Extreme,
    extrema,
)
from mathcore.roots import and_list, interval_text
from mathcore.verdicts import Verdict
from scenes.base import ruled_table
from scenes.graph_scene import NOTE_SIZE, GraphScene
from scenes.notation import equals, number, number_tex, plain, tex
from scenes.params import FormulaOfX, LessonBase, Range, contains, formula_of_x

MAX_ROWS = 6
NOTES_BUFF = 0.45  # scene units between the notes: f' and f'', the table, the absolute extrema
EVIDENCE = {  # what the test saw, by (test, type): the table cell and the caption's words
    (SECOND_DERIVATIVE, Verdict.LOCAL_MIN): ("f''(c) > 0", "f''{at} > 0"),
    (SECOND_DERIVATIVE, Verdict.LOCAL_MAX): ("f''(c) < 0", "f''{at} < 0"),
    (FIRST_DERIVATIVE, Verdict.LOCAL_MIN): (r"f': - \to +", "f' changes sign from - to +"),
    (FIRST_DERIVATIVE, Verdict.LOCAL_MAX): (r"f': + \to -", "f' changes sign from + to -"),
    (FIRST_DERIVATIVE, Verdict.NEITHER): (r"f': \text{no change}", "f' keeps its sign"),
}


class ExtremaLesson(LessonBase):
    """Critical points of f(x), classified, and the absolute extrema on a closed interval."""

    kind: Literal["extrema"]
    function: FormulaOfX
    x: Range | None = Field(None, description="the window; default: the interval with a "
                                              "margin, else around the critical points")
    interval: Range | None = Field(None, description="a closed [a, b] inside x: find the "
                                                     "absolute min and max there")

    beats: ClassVar[tuple[str, ...]] = ("title", "graph", "derivative", "point-*", "more",
                                        "absolute", "closing")

    @model_validator(mode="after")
    def _interval_inside(self) -> ExtremaLesson:
        if (self.x is not None and self.interval is not None
                and not all(contains(self.x, e) for e in self.interval)):
            a, b = self.interval
            raise ValueError(f"interval [{a}, {b}] must lie inside x = [{self.x[0]}, {self.x[1]}]")
        return self

    @cached_property
    def expr(self) -> sympy.Expr:
        return formula_of_x(self.function)

    def analyze(self) -> Extrema:
        return extrema(self.expr, self.x, self.interval)


# -- captions --------------------------------------------------------------------------------
def xs_text(values: tuple[sympy.Expr, ...]) -> str:
    """``x = -2 and x = 1``."""
    return and_list([equals("x", v) for v in values])


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
    kind = "neither a min nor a max" if p.type == Verdict.NEITHER else f"a {p.type}"
    return f"At {equals('x', p.x)}, {evidence}: {kind}, {equals(f'f{at}', p.value)}"


def extreme_text(name: str, extreme: Extreme) -> str:
    return f"the absolute {name} is {number(extreme.value)} at {xs_text(extreme.xs)}"


def absolute_caption(ex: Extrema) -> str:
    found = ex.absolute
    return (f"On {interval_text(found.interval, number)}, ends included: "
            f"{extreme_text('max', found.max)}, and {extreme_text('min', found.min)}")


# -- the scene -------------------------------------------------------------------------------
class ExtremaScene(GraphScene):
    """The graph, f' = 0, each point classified into the table, the absolute extrema."""

    analysis: Extrema
    lesson: ExtremaLesson

    def takeaway(self) -> str:
        if not self.analysis.points:
            return "No critical points, so no peak or pit inside this window."
        return "f' = 0 finds the candidates; f'' or the sign of f' tells peaks from pits."

    @property
    def shown_points(self) -> tuple[CriticalPoint, ...]:
        return self.analysis.points[:MAX_ROWS]

    def body(self) -> None:
        self.show_graph()
        self.build_notes()
        self.show_derivative()
        self.rows()
        if self.analysis.absolute is not None:
            self.show_absolute()

    def show_graph(self) -> None:
        ex = self.analysis
        self.note_parts = self.build_note_parts()
        self.draw_graph(ex.x_range, self.note_parts, NOTES_BUFF)
        with self.beat("graph", f"f(x) = {plain(ex.function)} on "
                                f"{interval_text(ex.x_range, number)}"):
            self.play_graph()

    # -- the notes on the side ---------------------------------------------------------------
    def build_note_parts(self) -> list[VGroup]:
        """f' and f'', the table, the absolute extrema: not yet placed."""
        parts = [self.derivative_notes(), self.table()]
        if self.analysis.absolute is not None:
            parts.append(self.absolute_notes())
        return parts

    def build_notes(self) -> None:
        self.notes = self.notes_block(self.note_parts, buff=NOTES_BUFF)
        self.data_table = self.notes[1]

    def derivative_notes(self) -> VGroup:
        ex = self.analysis
        flat = [p.x for p in self.shown_points if p.stationary]
        rough = [p.x for p in self.shown_points if not p.stationary]
        lines = [self.note(rf"f'(x) = {tex(ex.derivative)}" + (" = 0" if flat else ""))]
        if flat:
            lines.append(self.note("x = " + r",\ ".join(number_tex(v) for v in flat)))
        if rough:
            lines.append(self.note(r"f'\ \text{undefined at } x = "
                                   + r",\ ".join(number_tex(v) for v in rough)))
        lines.append(self.note(rf"f''(x) = {tex(ex.second_derivative)}"))
        return VGroup(*lines).arrange(DOWN, buff=0.2)

    def table(self) -> MathTable:
        rows = [[number_tex(p.x), number_tex(p.value), EVIDENCE[(p.test, p.type)][0],
                 rf"\text{{{p.type}}}"] for p in self.shown_points]
        table = ruled_table(rows, ["x", "f(x)", r"\text{test}", r"\text{type}"], self.theme,
                            NOTE_SIZE)
        for row, p in zip(table.get_rows()[1:], self.shown_points):
            row[-1].set_color(self.theme.kind_colour(p.type))
        return table

    def absolute_notes(self) -> VGroup:
        found, t = self.analysis.absolute, self.theme
        lines = [self.note(rf"\text{{absolute {name} }} {{{number_tex(e.value)}}}\ "
                           r"\text{at } x = " + r",\ ".join(number_tex(v) for v in e.xs),
                           colour)
                 for name, e, colour in (("max", found.max, t.local_max),
                                         ("min", found.min, t.local_min))]
        return VGroup(*lines).arrange(DOWN, buff=0.2)

    # -- beat: f' = 0 ------------------------------------------------------------------------
    def show_derivative(self) -> None:
        self.markers = VGroup(*(Dot(self.axes.c2p(p.xf, p.value_f), radius=0.09,
                                    color=self.theme.inconclusive) for p in self.shown_points))
        with self.beat("derivative", derivative_caption(self.analysis)):
            for line in self.notes[0]:
                self.play(Write(line), run_time=1.0)
            self.play(FadeIn(self.data_table.get_rows()[0]), Create(self.data_table.header_rule),
                      *(FadeIn(m, scale=0.5) for m in self.markers),
                      *(FadeIn(e) for e in self.domain_ends()), run_time=0.8)
            self.mark_poster()  # until the last classified point gives a better one
            self.wait(1.8)

    def domain_ends(self) -> list[VGroup]:
        """Each end of f's domain: a ring, labelled as an end."""
        marks = []
        for e in self.analysis.ends:
            ring = Circle(radius=0.09, color=self.theme.muted, stroke_width=3).move_to(
                self.axes.c2p(e.xf, e.value_f))
            marks.append(VGroup(ring, self.tag(ring, r"\text{end}", colour=self.theme.muted)))
        return marks

    # -- beats: one row per point ------------------------------------------------------------
    def rows(self) -> None:
        for index, (p, row, m) in enumerate(zip(self.shown_points,
                                                 self.data_table.get_rows()[1:],
                                                 self.markers), start=1):
            with self.beat(f"point-{index}", verdict(p)):
                colour = self.theme.kind_colour(p.type)
                self.play(FadeIn(row, shift=LEFT * 0.2), m.animate.set_color(colour),
                          run_time=0.9)
                self.play(Indicate(m, color=colour, scale_factor=1.8), run_time=0.8)
                if index == len(self.shown_points):
                    self.mark_poster()
                self.wait(1.6)
        hidden = len(self.analysis.points) - len(self.shown_points)
        if hidden:
            with self.beat("more", f"and {hidden} more points, classified the same way"):
                self.wait(2.0)

    # -- beat: the absolute extrema ----------------------------------------------------------
    def show_absolute(self) -> None:
        found, t = self.analysis.absolute, self.theme
        a, b = (float(v) for v in found.interval)
        rings = VGroup(*(Circle(radius=0.17, color=colour, stroke_width=4)
                         .move_to(self.axes.c2p(float(v), float(e.value)))
                         for e, colour in ((found.max, t.local_max), (found.min, t.local_min))
                         for v in e.xs))
        band = self.band(a, b)
        with self.beat("absolute", absolute_caption(self.analysis)):
            self.bring_to_back(band)
            self.play(FadeIn(band), run_time=0.8)
            self.play(*(Create(r) for r in rings), run_time=1.0)
            for line in self.notes[2]:
                self.play(Write(line), run_time=0.9)
            self.wait(1.5)


def report(ex: Extrema) -> str:
    """The table `x | f(x) | test | type` and the absolute extrema."""
    header = ("x", "f(x)", "test", "type")
    rows = [header] + [(plain(p.x), plain(p.value), p.test, p.type)
                       for p in ex.points]
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    lines = [f"f(x) = {plain(ex.function)}, f'(x) = {plain(ex.derivative)}",
             "exact solution" if ex.complete else "numeric search (the list may be incomplete)"]
    lines += [" | ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip()
              for row in rows]
    if ex.absolute is not None:
        found = ex.absolute
        lines.append(f"on {interval_text(found.interval, number)}: "
                     f"{extreme_text('max', found.max)}; {extreme_text('min', found.min)}")
    return "\n".join(lines)

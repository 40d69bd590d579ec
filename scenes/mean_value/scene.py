"""`mean_value`: the Mean Value Theorem, geometrically.

Beats: title, graph (f with [a, b] shaded, A and B), secant (the chord AB and
its slope), hypotheses (continuous on [a, b], differentiable on (a, b), or
why the theorem does not apply), solve (f'(c) = slope, every c listed),
slide (a parallel copy of the secant slides onto the tangent at each c; only
when there is a c), closing.
"""

from __future__ import annotations

import textwrap
from functools import cached_property
from typing import ClassVar, Literal

import sympy
from manim import (
    DL,
    DOWN,
    DR,
    LEFT,
    RIGHT,
    UL,
    UP,
    UR,
    Create,
    FadeIn,
    Transform,
    VGroup,
    Write,
)
from pydantic import Field, model_validator

from mathcore.mean_value import MeanValue, MeanValuePoint, mean_value
from mathcore.roots import and_list, interval_text
from mathcore.symbols import x
from scenes.graph_scene import GraphScene
from scenes.notation import equals, number, number_tex, plain, point, tex
from scenes.params import FormulaOfX, LessonBase, Range, contains, formula_of_x

NOTES_BUFF = 0.5               # scene units between the slope, hypotheses and solve notes
MAX_POINTS = 4                 # c values slid to and listed
REASON_WIDTH = 34              # characters per line of the "does not apply" statement
TEX_SPECIALS = {c: "\\" + c for c in "&%$#_{}"} | {
    "~": r"\~{}", "^": r"\^{}", "\\": r"\textbackslash{}"}
C = sympy.Symbol("c")


class MeanValueLesson(LessonBase):
    """The Mean Value Theorem on [a, b]: the secant and the parallel tangents at each c."""

    kind: Literal["mean_value"]
    function: FormulaOfX
    interval: Range = Field(description="[a, b], the closed interval of the theorem")
    x: Range | None = Field(None, description="the window; default [a, b] with a margin")

    beats: ClassVar[tuple[str, ...]] = ("title", "graph", "secant", "hypotheses", "solve",
                                        "slide", "closing")

    @model_validator(mode="after")
    def _fits_the_window(self) -> MeanValueLesson:
        a, b = self.interval
        if self.x is not None and not (contains(self.x, a) and contains(self.x, b)):
            raise ValueError(f"interval [{a}, {b}] must lie inside x = "
                             f"[{self.x[0]}, {self.x[1]}]")
        return self

    @cached_property
    def expr(self) -> sympy.Expr:
        return formula_of_x(self.function)

    def analyze(self) -> MeanValue:
        return mean_value(self.expr, self.interval, self.x)


# -- captions --------------------------------------------------------------------------------
def c_value(c: MeanValuePoint) -> sympy.Expr:
    """c exact, or its Float when only known numerically."""
    return sympy.Float(c.value) if c.exact is None else c.exact


def c_text(c: MeanValuePoint) -> str:
    """``c = 2√3/3``, ``c = 9/4``, or ``c ≈ 0.739`` when only numeric or long."""
    return equals("c", c_value(c))


def c_tex(c: MeanValuePoint, name: str) -> str:
    """``c_2 = \\frac{2\\sqrt{3}}{3}``, or ``c \\approx 0.739``: the caption's number."""
    return f"{name} {is_tex(c_value(c))}"


def is_tex(value: sympy.Expr) -> str:
    r"""``= \frac{1}{4}``, or ``\approx 3.195``: the caption's reading of ``value``."""
    text = number_tex(value)
    return text if text.startswith(r"\approx") else f"= {text}"


def c_names(count: int) -> list[str]:
    """``c`` alone, or ``c_1``, ``c_2``, ... when there are several."""
    return ["c"] if count == 1 else [f"c_{i}" for i in range(1, count + 1)]


def c_list(points: tuple[MeanValuePoint, ...]) -> str:
    """``c ≈ 0.54, c ≈ 1.56 and c ≈ 2.63``."""
    return and_list([c_text(c) for c in points])


def slope_text(mv: MeanValue) -> str:
    return f"({plain(mv.fb)} - {_paren(plain(mv.fa))})/({plain(mv.b)} - {_paren(plain(mv.a))})"


def _escaped(text: str) -> str:
    """Plain text made safe for LaTeX's text mode."""
    return "".join(TEX_SPECIALS.get(ch, ch) for ch in text)


def _paren(text: str) -> str:
    return f"({text})" if text.startswith("-") else text


def graph_caption(mv: MeanValue) -> str:
    return (f"f(x) = {plain(mv.function)} on {interval_text((mv.a, mv.b), number)}: "
            f"A = {point(mv.a, mv.fa)} and B = {point(mv.b, mv.fb)}")


def secant_caption(mv: MeanValue) -> str:
    return f"The secant AB has slope {equals(slope_text(mv), mv.slope)}"


def hypotheses_caption(mv: MeanValue) -> str:
    if not mv.applies:
        return f"The theorem does not apply: {mv.reason}"
    return (f"f is continuous on {interval_text((mv.a, mv.b), number)} and differentiable on "
            f"({plain(mv.a)}, {plain(mv.b)}): some c between them has "
            + equals("f'(c)", mv.slope))


def solve_caption(mv: MeanValue) -> str:
    equation = f"f'(c) = {plain(mv.derivative.subs(x, C))}"
    if not mv.points:
        text = f"{equals(equation, mv.slope)} has no solution in ({plain(mv.a)}, {plain(mv.b)})"
        return text + (": no c exists" if not mv.applies else "")
    text = f"Solve {equals(equation, mv.slope)}: {c_list(mv.points)}"
    if not mv.complete:
        text += " (found numerically)"
    if not mv.applies:
        text += "; but nothing promised it"
    return text


def slide_caption(mv: MeanValue) -> str:
    shown = mv.points[:MAX_POINTS]
    where, several = c_list(shown), len(shown) > 1
    tangents = "the tangents are" if several else "the tangent is"
    if mv.rolle:
        return (f"f({plain(mv.a)}) = f({plain(mv.b)}): Rolle's theorem. At {where} "
                f"{tangents} flat, like the secant")
    return (f"At {where} {tangents} parallel to the secant: "
            f"{'all' if several else 'both'} have slope {number(mv.slope)}")


# -- the scene -------------------------------------------------------------------------------
class MeanValueScene(GraphScene):
    """f on [a, b], the secant AB, the hypotheses, every c and its parallel tangent."""

    analysis: MeanValue
    lesson: MeanValueLesson

    def takeaway(self) -> str:
        if not self.analysis.applies:
            return "No hypotheses, no promise: check continuity and differentiability first."
        return "Somewhere inside, the instant rate equals the average rate."

    def body(self) -> None:
        self.show_graph()
        self.build_notes()
        self.show_secant()
        self.show_hypotheses()
        self.solve()
        if self.analysis.points:
            self.slide()

    # -- beat: f, [a, b], A and B ------------------------------------------------------------
    def show_graph(self) -> None:
        mv = self.analysis
        self.note_parts = self.build_note_parts()
        self.draw_graph(mv.window, self.note_parts, NOTES_BUFF)
        self.ends = [(float(mv.a), float(mv.fa)), (float(mv.b), float(mv.fb))]
        self.secant = self.across(self.ends[0], float(mv.slope), self.theme.secant)
        band = self.band(self.ends[0][0], self.ends[1][0])
        dots = VGroup(*(self.spot(end, self.theme.text) for end, _ in self.ends))
        labels = VGroup(self.tag(dots[0], "A", (UL, LEFT, DL, UP, DOWN), avoid=[self.secant]),
                        self.tag(dots[1], "B", (UR, RIGHT, DR, UP, DOWN), avoid=[self.secant]))
        self.marks = VGroup(dots, labels)
        with self.beat("graph", graph_caption(mv)):
            self.play_graph([band], [FadeIn(self.marks)])

    # -- the notes on the side ---------------------------------------------------------------
    def build_note_parts(self) -> list[VGroup]:
        """The slope, the hypotheses and the solve, not yet placed."""
        slope = self.note(rf"m = \frac{{f(b) - f(a)}}{{b - a}} = {self.slope_fraction()}"
                          rf" {is_tex(self.analysis.slope)}", self.theme.secant)
        return [slope, self.hypotheses_notes(), self.solve_notes()]

    def build_notes(self) -> None:
        self.notes = self.notes_block(self.note_parts, buff=NOTES_BUFF)

    def slope_fraction(self) -> str:
        mv = self.analysis
        return (rf"\frac{{{tex(mv.fb)} - {_paren(tex(mv.fa))}}}"
                rf"{{{tex(mv.b)} - {_paren(tex(mv.a))}}}")

    def hypotheses_notes(self) -> VGroup:
        mv = self.analysis
        a, b = tex(mv.a), tex(mv.b)
        if mv.applies:
            lines = [self.note(rf"\checkmark\ \text{{continuous on }} [{a}, {b}]"),
                     self.note(rf"\checkmark\ \text{{differentiable on }} ({a}, {b})")]
        else:
            lines = [self.note(r"\times\ \text{the theorem does not apply:}"),
                     *(self.note(rf"\text{{{_escaped(line)}}}", self.theme.muted)
                       for line in textwrap.wrap(mv.reason, REASON_WIDTH))]
        return VGroup(*lines).arrange(DOWN, aligned_edge=LEFT, buff=0.2)

    def solve_notes(self) -> VGroup:
        mv, t = self.analysis, self.theme
        equation = self.note(rf"f'(x) = {tex(mv.derivative)} {is_tex(mv.slope)}")
        shown = mv.points[:MAX_POINTS]
        answers = [self.note(c_tex(c, name), t.tangent)
                   for c, name in zip(shown, c_names(len(shown)))]
        if not shown:
            answers = [self.note(rf"\text{{no }} c \text{{ in }} ({tex(mv.a)}, {tex(mv.b)})")]
        return VGroup(equation, *answers).arrange(DOWN, buff=0.25)

    # -- beats: the secant, the hypotheses, the solve ----------------------------------------
    def show_secant(self) -> None:
        mv = self.analysis
        with self.beat("secant", secant_caption(mv)):
            self.play(Create(self.secant), run_time=1.2)
            self.bring_to_front(self.marks)
            self.play(Write(self.notes[0]), run_time=1.2)
            self.wait(1.5)

    def show_hypotheses(self) -> None:
        with self.beat("hypotheses", hypotheses_caption(self.analysis)):
            for line in self.notes[1]:
                self.play(FadeIn(line, shift=LEFT * 0.2), run_time=0.8)
            self.wait(2.0 if self.analysis.applies else 4.0)

    def solve(self) -> None:
        with self.beat("solve", solve_caption(self.analysis)):
            for line in self.notes[2]:
                self.play(Write(line), run_time=1.0)
            self.mark_poster()  # until a slide to the tangents gives a better one
            self.wait(1.5 if self.analysis.points else 3.0)

    # -- beat: the secant slides onto each parallel tangent ----------------------------------
    def slide(self) -> None:
        mv = self.analysis
        shown = mv.points[:MAX_POINTS]
        with self.beat("slide", slide_caption(mv)):
            for c, name in zip(shown, c_names(len(shown))):
                copy = self.secant.copy()
                tangent = self.across((c.value, self.f(c.value)), float(mv.slope),
                                      self.theme.tangent, 5)
                self.add(copy)
                self.play(Transform(copy, tangent), run_time=1.5)
                self.play(FadeIn(self.spot(c.value, self.theme.tangent), scale=0.5),
                          FadeIn(self.x_mark(c.value, name, self.theme.tangent)), run_time=0.7)
            self.bring_to_front(self.marks)
            self.mark_poster()
            self.wait(1.5)


def report(mv: MeanValue) -> str:
    """The slope, the hypotheses and every c, as `calcreel check` prints them."""
    lines = [f"f(x) = {plain(mv.function)} on {interval_text((mv.a, mv.b), number)}",
             f"secant slope = {equals(slope_text(mv), mv.slope)}",
             "hypotheses hold" if mv.applies else f"does not apply: {mv.reason}"]
    if mv.points:
        lines.append(c_list(mv.points)
                     + ("" if mv.complete else " (numeric search; may be incomplete)"))
    else:
        lines.append("no c in the open interval")
    if mv.rolle:
        lines.append("f(a) = f(b): Rolle's theorem")
    return "\n".join(lines)

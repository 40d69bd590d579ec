"""The Mean Value Theorem lesson: its fields, its analysis and its words (no Manim here).

Beats: see `MeanValueLesson.beats`.
"""

from __future__ import annotations

import textwrap
from typing import ClassVar, Literal

import sympy
from pydantic import Field, model_validator

from mathcore.mean_value import MeanValue, MeanValuePoint, mean_value
from mathcore.symbols import x
from mathcore.wording import interval_text, points_text
from scenes.notation import equals, is_tex, number, plain, point, tex, tex_escaped
from scenes.params import LessonOfX, Range, contains
from scenes.practice import (
    Coefficients,
    Difficulty,
    Ends,
    Line,
    Sketch,
    all_short,
    curve_sketch,
    short,
)

MAX_POINTS = 4                 # c values slid to and listed
REASON_WIDTH = 34              # characters per line of the "does not apply" statement
C = sympy.Symbol("c")


class MeanValueLesson(LessonOfX):
    """The Mean Value Theorem on [a, b]: the secant and the parallel tangents at each c."""

    kind: Literal["mean_value"]
    interval: Range = Field(description="[a, b], the closed interval of the theorem")
    x: Range | None = Field(None, description="the window; default [a, b] with a margin")

    beats: ClassVar[dict[str, str]] = {
        "title": "the title card",
        "graph": "f with [a, b] shaded, A and B",
        "secant": "the chord AB and its slope",
        "hypotheses": "continuous on [a, b], differentiable on (a, b), or why the theorem "
                      "does not apply",
        "solve": "f'(c) = slope, every c listed",
        "slide": "a parallel copy of the secant slides onto the tangent at each c (only when "
                 "there is a c)",
        "closing": "the takeaway",
    }
    asides: ClassVar[tuple[str, ...]] = ("slide", "graph")

    @model_validator(mode="after")
    def _fits_the_window(self) -> MeanValueLesson:
        a, b = self.interval
        if self.x is not None and not (contains(self.x, a) and contains(self.x, b)):
            raise ValueError(f"interval [{a}, {b}] must lie inside x = "
                             f"[{self.x[0]}, {self.x[1]}]")
        return self

    moves: ClassVar = (Coefficients("function"), Ends("interval"))

    def analyze(self) -> MeanValue:
        return mean_value(self.expr, self.interval, self.x)

    def problem(self, mv: MeanValue) -> list[Line]:
        a, b = (tex(end) for end in self.interval)
        if not mv.applies:  # from a lesson on the theorem failing: the student decides
            return [f"Does the Mean Value Theorem apply to $f(x) = {tex(self.expr)}$ on "
                    f"$[{a}, {b}]$? If it does, find every $c$ it promises; if not, say "
                    "which hypothesis fails."]
        return [f"Check that $f(x) = {tex(self.expr)}$ meets the hypotheses of the Mean Value "
                f"Theorem on $[{a}, {b}]$, and find every $c$ in $({a}, {b})$ that it promises."]

    def worked(self, mv: MeanValue) -> list[Line]:
        a, b = tex(mv.a), tex(mv.b)
        if not mv.applies:
            return [f"No: {mv.reason}.", f"The secant's slope would be ${slope_tex(mv)}$, but "
                    "nothing promises a $c$ with $f'(c)$ equal to it."]
        cs = r",\ ".join(f"c = {tex(c_value(c))}" for c in mv.points)
        return [f"$f$ is continuous on $[{a}, {b}]$ and differentiable on $({a}, {b})$.",
                f"The secant's slope: ${slope_tex(mv)}$.",
                f"$f'(x) = {tex(mv.derivative)}$; solving $f'(c) = {tex(mv.slope)}$ in "
                f"$({a}, {b})$: ${cs}$."]

    def shows(self, mv: MeanValue) -> str | None:
        return None if mv.applies else "the theorem does not apply"

    def flaw(self, mv: MeanValue, difficulty: Difficulty) -> str | None:
        if not mv.applies:  # an exercise on its failing (drill keeps the lesson's point)
            return None if short(mv.slope, difficulty) else "an answer that is not short"
        if not mv.points or not mv.complete:
            return "no c found exactly"
        if not all_short([c.exact for c in mv.points], difficulty) or \
                not short(mv.slope, difficulty):
            return "an answer that is not short"
        return None

    def sketch(self, mv: MeanValue) -> Sketch:
        return curve_sketch((mv.function,), mv.window, ((float(mv.a), float(mv.fa)),
                                                     (float(mv.b), float(mv.fb))))


def shown_points(mv: MeanValue) -> tuple[MeanValuePoint, ...]:
    """The c values slid to and listed on screen."""
    return mv.points[:MAX_POINTS]


# -- the c values ----------------------------------------------------------------------------
def c_value(c: MeanValuePoint) -> sympy.Expr:
    """c exact, or its Float when only known numerically."""
    return sympy.Float(c.value) if c.exact is None else c.exact


def c_text(c: MeanValuePoint) -> str:
    """``c = 2√3/3``, ``c = 9/4``, or ``c ≈ 0.739`` when only numeric or long."""
    return equals("c", c_value(c))


def c_tex(c: MeanValuePoint, name: str) -> str:
    """``c_2 = \\frac{2\\sqrt{3}}{3}``, or ``c \\approx 0.739``: the caption's number."""
    return f"{name} {is_tex(c_value(c))}"


def c_names(count: int) -> list[str]:
    """``c`` alone, or ``c_1``, ``c_2``, ... when there are several."""
    return ["c"] if count == 1 else [f"c_{i}" for i in range(1, count + 1)]


def c_list(points: tuple[MeanValuePoint, ...]) -> str:
    """``c ≈ 0.54, c ≈ 1.56 and c ≈ 2.63``."""
    return points_text(points, c_text)


def slope_text(mv: MeanValue) -> str:
    return f"({plain(mv.fb)} - {_paren(plain(mv.fa))})/({plain(mv.b)} - {_paren(plain(mv.a))})"


def _paren(text: str) -> str:
    return f"({text})" if text.startswith("-") else text


# -- captions --------------------------------------------------------------------------------
def graph_caption(mv: MeanValue) -> str:
    return (f"f(x) = {plain(mv.function)} on {interval_text((mv.a, mv.b), number)}: "
            f"A = {point(mv.a, mv.fa)} and B = {point(mv.b, mv.fb)}")


def secant_caption(mv: MeanValue) -> str:
    return f"The secant AB has slope {equals(slope_text(mv), mv.slope)}"


def hypotheses_caption(mv: MeanValue) -> str:
    if not mv.applies:
        return f"The theorem does not apply: {mv.reason}"
    return (f"f is continuous on {interval_text((mv.a, mv.b), number)} and differentiable on "
            f"{interval_text(sympy.Interval.open(mv.a, mv.b), number)}: some c between them has "
            + equals("f'(c)", mv.slope))


def solve_caption(mv: MeanValue) -> str:
    equation = f"f'(c) = {plain(mv.derivative.subs(x, C))}"
    if not mv.points:
        inside = interval_text(sympy.Interval.open(mv.a, mv.b), number)
        text = f"{equals(equation, mv.slope)} has no solution in {inside}"
        return text + (": no c exists" if not mv.applies else "")
    text = f"Solve {equals(equation, mv.slope)}: {c_list(mv.points)}"
    if not mv.complete:
        text += " (found numerically)"
    if not mv.applies:
        text += "; but nothing promised it"
    return text


def slide_caption(mv: MeanValue) -> str:
    shown = shown_points(mv)
    where, several = c_list(shown), len(shown) > 1
    tangents = "the tangents are" if several else "the tangent is"
    if mv.rolle:
        return (f"f({plain(mv.a)}) = f({plain(mv.b)}): Rolle's theorem. At {where} "
                f"{tangents} flat, like the secant")
    return (f"At {where} {tangents} parallel to the secant: "
            f"{'all' if several else 'both'} have slope {number(mv.slope)}")


def takeaway(mv: MeanValue) -> str:
    if not mv.applies:
        return "No hypotheses, no promise: check continuity and differentiability first."
    return "Somewhere inside, the instant rate equals the average rate."


# -- the notes, typeset ----------------------------------------------------------------------
def slope_tex(mv: MeanValue) -> str:
    """m = (f(b) - f(a))/(b - a), with the numbers, and its value."""
    fraction = (rf"\frac{{{tex(mv.fb)} - {_paren(tex(mv.fa))}}}"
                rf"{{{tex(mv.b)} - {_paren(tex(mv.a))}}}")
    return rf"m = \frac{{f(b) - f(a)}}{{b - a}} = {fraction} {is_tex(mv.slope)}"


def hypotheses_tex(mv: MeanValue) -> list[str]:
    """Both hypotheses ticked, or the verdict that the theorem does not apply."""
    if not mv.applies:
        return [r"\times\ \text{the theorem does not apply:}"]
    a, b = tex(mv.a), tex(mv.b)
    return [rf"\checkmark\ \text{{continuous on }} [{a}, {b}]",
            rf"\checkmark\ \text{{differentiable on }} ({a}, {b})"]


def reason_tex(mv: MeanValue) -> list[str]:
    """Why the theorem does not apply, in short lines (none when it applies)."""
    if mv.applies:
        return []
    return [rf"\text{{{tex_escaped(line)}}}" for line in textwrap.wrap(mv.reason, REASON_WIDTH)]


def derivative_tex(mv: MeanValue) -> str:
    return rf"f'(x) = {tex(mv.derivative)} {is_tex(mv.slope)}"


def no_c_tex(mv: MeanValue) -> str:
    return rf"\text{{no }} c \text{{ in }} ({tex(mv.a)}, {tex(mv.b)})"


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

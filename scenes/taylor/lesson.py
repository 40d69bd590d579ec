"""The Taylor lesson: its fields, its analysis and its words (no Manim here).

Beats: see `TaylorLesson.beats`.
"""

from __future__ import annotations

import math
from typing import ClassVar, Literal

import numpy as np
import sympy
from pydantic import Field, model_validator

from mathcore.symbols import x
from mathcore.taylor import MAX_DEGREE, Taylor, TaylorAnalysis, Term, signed_sum, taylor_analysis
from scenes.notation import equals, is_tex, number, number_tex, plain, sub, tex
from scenes.params import Exact, LessonOfX, Range
from scenes.practice import (
    Coefficients,
    Difficulty,
    Line,
    Near,
    Sketch,
    Whole,
    all_short,
    curve_sketch,
)

MOST_EXERCISE_DEGREE = 5   # a worksheet asks for P_n up to this degree


class TaylorLesson(LessonOfX):
    """Taylor polynomials P_0 ... P_n of f about a centre, and their error."""

    kind: Literal["taylor"]
    center: Exact = Field(0, validate_default=True, description="the centre a")
    degree: int = Field(5, ge=0, le=MAX_DEGREE, description="the last polynomial's degree")
    x: Range | None = Field(None, description="the window; default: from the centre, the "
                                              "radius of convergence and f's domain")
    error_at: Exact | None = Field(None, description="where to bound the error (default: "
                                                     "halfway from the centre to the right edge)")

    beats: ClassVar[dict[str, str]] = {
        "title": "the title card",
        "function": "f and the centre a",
        "degree-*": "each new polynomial morphs out of the last while its formula grows a term",
        "error": "|f - P_n|, small near a and growing away from it",
        "bound": "the error at a chosen x against the Lagrange bound",
        "closing": "the takeaway",
    }
    asides: ClassVar[tuple[str, ...]] = ("function", "error", "degree-*")

    @model_validator(mode="after")
    def _inside_window(self) -> TaylorLesson:
        if self.x is None:
            return self
        low, high = self.x
        for name, value in (("center", self.center), ("error_at", self.error_at)):
            if value is not None and not low <= value <= high:
                raise ValueError(f"{name} = {value} lies outside the window x = [{low}, {high}]")
        return self

    moves: ClassVar = (Coefficients("function"), Near("center"),
                       Whole("degree", 2, MOST_EXERCISE_DEGREE))
    unvaried: ClassVar = ("error_at",)

    def analyze(self) -> TaylorAnalysis:
        return taylor_analysis(self.expr, self.center, self.degree, self.x, self.error_at)

    def problem(self, analysis: TaylorAnalysis) -> list[Line]:
        return [f"Find the Taylor polynomial $P_{{{self.degree}}}$ of $f(x) = {tex(self.expr)}$ "
                f"about $a = {tex(self.center)}$, and bound its error at "
                f"$x = {tex(analysis.error_at)}$ with Lagrange's remainder."]

    def worked(self, analysis: TaylorAnalysis) -> list[Line]:
        t, n = analysis.taylor, analysis.taylor.degree
        at, a = tex(analysis.error_at), tex(t.center)
        return [f"$P_{{{n}}}(x) = {tex(t.polynomial, order='rev-lex')}$.",
                f"$|R_{{{n}}}({at})| \\le \\frac{{M}}{{{n + 1}!}}\\,|{at} - {a}|^{{{n + 1}}}"
                f" {is_tex(analysis.bound)}$, with $M$ the largest $|f^{{({n + 1})}}|$ "
                f"between ${a}$ and ${at}$.",
                f"The error itself: $|f({at}) - P_{{{n}}}({at})| {is_tex(analysis.error)}$."]

    def flaw(self, analysis: TaylorAnalysis, difficulty: Difficulty) -> str | None:
        t = analysis.taylor
        if all(c == 0 for c in t.coefficients[1:]):
            return "a constant polynomial"
        derivatives = [c * sympy.factorial(k) for k, c in enumerate(t.coefficients)]
        if not all_short(derivatives, difficulty) or \
                not all_short([t.center, analysis.error_at], difficulty):
            return "an answer that is not short"
        return None

    def sketch(self, analysis: TaylorAnalysis) -> Sketch:
        t = analysis.taylor
        return curve_sketch((t.function,), analysis.window,
                            ((float(t.center), float(t.function.subs(x, t.center))),))


# -- the polynomials -------------------------------------------------------------------------
def shown_degrees(t: Taylor) -> list[int]:
    """The degrees worth a beat: 0, each that adds a term, and the last."""
    return [k for k in range(t.degree + 1)
            if k in (0, t.degree) or t.coefficients[k] != 0]


def title_tex(t: Taylor) -> str:
    return rf"f(x) = {tex(t.function)},\quad a = {tex(t.center)}"


def function_caption(t: Taylor) -> str:
    return f"f(x) = {plain(t.function)}, about the centre a = {plain(t.center)}"


def degree_caption(t: Taylor, k: int) -> str:
    """What P_k adds, read from its coefficient."""
    a = t.center
    if k == 0:
        return f"P₀ is the value at the centre: f({plain(a)}) = {plain(t.coefficients[0])}"
    if t.coefficients[k] == 0:
        return (f"{sub('P', k)} = {sub('P', k - 1)}: there is no"
                f" {plain((x - a) ** k)} term")
    last = t.terms(k)[-1]
    return f"{sub('P', k)} adds {'-' if last.negative else ''}{last.written(plain)}"


def textbook_plain(t: Taylor, k: int | None = None) -> str:
    """P_k for captions, in ascending powers of (x - a): ``1 - 2(x - 1) + 3(x - 1)²``."""
    return signed_sum([(term.negative, term.written(plain)) for term in t.terms(k)])


def term_tex(term: Term) -> str:
    """One term typeset as a textbook does, coefficient first: \\frac{e}{2}(x - 1)^2."""
    if term.power == 1:
        return tex(term.size)
    power = tex(term.power)
    power = rf"\left({power}\right)" if term.power.is_Add else power
    if term.size == 1:
        return power
    size = tex(term.size)
    if term.size.is_Add:
        size = rf"\left({size}\right)"
    return f"{size} {power}"


def polynomial_texts(t: Taylor, k: int) -> list[str]:
    """P_k typeset on one line, and (with two terms or more) on two, broken between the
    terms at the one nearest the middle: never inside a bracket."""
    parts = [(term.negative, term_tex(term)) for term in t.terms(k)]
    texts = [rf"P_{{{k}}}(x) = {signed_sum(parts)}"]
    if len(parts) > 1:
        lengths = np.cumsum([len(text) for _, text in parts])
        cut = 1 + int(np.argmin(np.abs(lengths[:-1] - lengths[-1] / 2)))
        rest = ("- " if parts[cut][0] else "+ ") + signed_sum([(False, parts[cut][1]),
                                                               *parts[cut + 1:]])
        texts.append(rf"P_{{{k}}}(x) &= {signed_sum(parts[:cut])}\\ &\quad {rest}")
    return texts


# -- the error -------------------------------------------------------------------------------
def error_title_tex(t: Taylor) -> str:
    return rf"|f(x) - P_{{{t.degree}}}(x)|"


def error_caption(t: Taylor) -> str:
    return (f"The error |f - {sub('P', t.degree)}| is tiny near x = {plain(t.center)}"
            " and grows away from it")


def rounded_up(value: float, digits: int = 2) -> sympy.Float:
    """A bound as it is shown: ``digits`` significant digits, rounded up, so that what
    is shown still bounds (0.007370 is 0.0074)."""
    if value <= 0:
        return sympy.Float(0)
    step = 10.0 ** (math.floor(math.log10(value)) - digits + 1)
    return sympy.Float(f"{math.ceil(value / step * (1 - 1e-12)) * step:.{digits}g}", 15)


def bound_tex(analysis: TaylorAnalysis) -> str:
    """The bound beside the error's point: ``\\le 0.0075``, or ``\\le \\infty``."""
    if not np.isfinite(analysis.bound):
        return r"\le \infty"
    return rf"\le {number_tex(rounded_up(analysis.bound))}"


def bound_caption(analysis: TaylorAnalysis) -> str:
    t = analysis.taylor
    error = equals(f"|f - {sub('P', t.degree)}|", sympy.Float(analysis.error))
    start = f"At x = {plain(analysis.error_at)}: {error}"
    if not np.isfinite(analysis.bound):
        return (f"{start}; the Lagrange bound gives none there: the derivative of order"
                f" {t.degree + 1} is unbounded between {plain(t.center)} and"
                f" {plain(analysis.error_at)}")
    return f"{start}, within the Lagrange bound {number(rounded_up(analysis.bound))}"


def takeaway(t: Taylor) -> str:
    return (f"Near x = {plain(t.center)}, {sub('P', t.degree)} is f for all practical purposes;"
            " far away, the error grows.")


def report(analysis: TaylorAnalysis) -> str:
    """The text `calcreel check` prints for a Taylor lesson."""
    t = analysis.taylor
    radius = "unknown" if t.radius_of_convergence is None else plain(t.radius_of_convergence)
    return "\n".join([
        f"f(x) = {plain(t.function)} about x = {plain(t.center)}",
        f"{sub('P', t.degree)}(x) = {textbook_plain(t)} = {plain(t.expanded)}",
        f"radius of convergence: {radius}",
        bound_caption(analysis),
    ])

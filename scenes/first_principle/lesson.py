"""The first-principles lesson: its fields, its analysis and its words (no Manim here).

Beats: see `FirstPrincipleLesson.beats`.
"""

from __future__ import annotations

from typing import ClassVar, Literal

import sympy
from pydantic import Field, model_validator

from mathcore.first_principle import FirstPrinciple, QuotientRow, first_principle
from mathcore.symbols import x
from scenes.notation import decimal, plain, point, telling_digits, tex
from scenes.params import Exact, LessonOfX, Range, contains
from scenes.practice import Coefficients, Difficulty, Line, Near, Sketch, curve_sketch, short

SIDES_APART = r",\qquad "  # between the two one-sided limits on one line


class FirstPrincipleLesson(LessonOfX):
    """The derivative at a point from the limit of the difference quotient."""

    kind: Literal["first_principle"]
    at: Exact = Field(description="a, the point where f is differentiated")
    x: Range | None = Field(None, description="the window; default [a - 3, a + 3], where f "
                                              "is defined")

    beats: ClassVar[dict[str, str]] = {
        "title": "the title card",
        "graph": "f and P = (a, f(a))",
        "secant": "Q = (a + h, f(a + h)) with h = 1, and the secant PQ",
        "shrink": "h runs through the table's values while the table of slopes fills in",
        "algebra": "the quotient simplified, and its limit",
        "tangent": "the tangent line drawn and labelled",
        "no-tangent": "the two one-sided slopes, when they differ (instead of the tangent)",
        "closing": "the takeaway",
    }
    asides: ClassVar[tuple[str, ...]] = ("graph", "algebra")

    @model_validator(mode="after")
    def _fits_the_window(self) -> FirstPrincipleLesson:
        if self.x is None:
            return self
        low, high = self.x
        if not contains(self.x, self.at) or not contains(self.x, self.at + 1):
            raise ValueError(
                f"at = {self.at} must lie inside x = [{low}, {high}] with room for "
                f"Q at a + h = {self.at + 1} (h = 1); widen x")
        return self

    moves: ClassVar = (Coefficients("function"), Near("at"))

    def analyze(self) -> FirstPrinciple:
        return first_principle(self.expr, self.at, self.x)

    def problem(self, analysis: object) -> list[Line]:
        return [f"From the definition $f'(a) = \\lim_{{h \\to 0}} \\frac{{f(a + h) - f(a)}}{{h}}$, "
                f"find $f'({tex(self.at)})$ for $f(x) = {tex(self.expr)}$, and the tangent line "
                "there."]

    def worked(self, fp: FirstPrinciple) -> list[Line]:
        a = tex(fp.at)
        return [f"$\\frac{{f({a} + h) - f({a})}}{{h}} = {tex(fp.quotient)}$ for $h \\ne 0$.",
                f"Its limit as $h \\to 0$: $f'({a}) = {tex(fp.value)}$.",
                f"The tangent line: $y = {tex(fp.tangent.equation)}$."]

    def flaw(self, fp: FirstPrinciple, difficulty: Difficulty) -> str | None:
        if fp.value is None or fp.tangent is None:
            return "no derivative at the point"
        if not short(fp.value, difficulty) or not short(fp.function.subs(x, fp.at),
                                                        difficulty):
            return "an answer that is not short"
        return None

    def sketch(self, fp: FirstPrinciple) -> Sketch:
        return curve_sketch((fp.function,), fp.window,
                            ((float(fp.at), float(fp.function.subs(x, fp.at))),))


# -- the table of slopes ---------------------------------------------------------------------
def defined_rows(fp: FirstPrinciple) -> tuple[QuotientRow, ...]:
    """The table rows where f(a + h) is defined."""
    return tuple(row for row in fp.table if row.quotient is not None)


def slope_text(fp: FirstPrinciple, row: QuotientRow, about: str = "≈ ") -> str:
    """A secant's slope, with as many digits as tell the table's slopes apart."""
    digits = telling_digits([r.qf for r in defined_rows(fp)])
    return decimal(row.quotient, row.qf, about, digits)


def table_rows(fp: FirstPrinciple) -> list[list[str]]:
    """The table's cells, in LaTeX: h and the slope, for each row where f is defined."""
    return [[decimal(r.h, r.hf), slope_text(fp, r, r"\approx ")] for r in defined_rows(fp)]


def finite_sides(fp: FirstPrinciple) -> list[tuple[sympy.Expr, int]]:
    """The finite one-sided slopes, each with its side (-1 left, 1 right)."""
    return [(slope, side) for slope, side in ((fp.left, -1), (fp.right, 1))
            if slope is not None and slope not in (sympy.oo, -sympy.oo)]


# -- captions --------------------------------------------------------------------------------
def quotient_text(fp: FirstPrinciple) -> str:
    return f"(f({plain(fp.at)} + h) - f({plain(fp.at)}))/h"


def graph_caption(fp: FirstPrinciple) -> str:
    return (f"The graph of f(x) = {plain(fp.function)}, and the point "
            f"P = {point(fp.at, fp.point.fa)} on it")


def secant_caption(fp: FirstPrinciple) -> str:
    first = defined_rows(fp)[0]
    slope = slope_text(fp, first)
    return (f"Q sits h = {decimal(first.h, first.hf)} to the right of P: the secant PQ has "
            f"slope {quotient_text(fp)} {slope if slope.startswith('≈') else '= ' + slope}")


def limit_words(fp: FirstPrinciple) -> str:
    """Where the quotient heads as h -> 0+: a number, without bound, or only one side."""
    if fp.right in (sympy.oo, -sympy.oo):
        return "growing without bound"
    if fp.limit is None:
        return f"toward {plain(fp.right)} from the right, but {plain(fp.left)} from the left"
    return f"toward {plain(fp.limit)}"


def shrink_caption(fp: FirstPrinciple) -> str:
    slopes = ", ".join(slope_text(fp, row) for row in defined_rows(fp))
    return f"As h shrinks, the slope goes {slopes}: {limit_words(fp)}"


def algebra_caption(fp: FirstPrinciple) -> str:
    a = plain(fp.at)
    start = f"{quotient_text(fp)} = {plain(fp.quotient)}"
    if fp.value is not None:
        return (f"{start}; as h → 0 it tends to {plain(fp.value)}: f'({a}) = {plain(fp.value)},"
                f" and in general f'(x) = {plain(fp.derivative)}")
    if fp.limit is not None:
        return f"{start}; as h → 0 it grows without bound: f'({a}) does not exist"
    return (f"{start}; as h → 0 it tends to {plain(fp.left)} from the left and "
            f"{plain(fp.right)} from the right: no single limit")


def tangent_caption(fp: FirstPrinciple) -> str:
    line = fp.tangent
    if line.vertical:
        return ("The slope grows without bound: the tangent at P is vertical, "
                f"x = {plain(line.equation)}")
    return f"f'({plain(fp.at)}) = {plain(fp.value)}: the tangent is y = {plain(line.equation)}"


def no_tangent_caption(fp: FirstPrinciple) -> str:
    return (f"From the left the slope tends to {plain(fp.left)}, from the right to "
            f"{plain(fp.right)}: f'({plain(fp.at)}) does not exist, and there is no tangent")


def takeaway(fp: FirstPrinciple) -> str:
    if fp.value is not None:
        return (f"The derivative is where the secant slopes settle: "
                f"f'({plain(fp.at)}) = {plain(fp.value)}.")
    return "No single limit of the secant slopes, no derivative: the limit is the definition."


# -- the algebra, typeset --------------------------------------------------------------------
def quotient_tex(a: sympy.Expr) -> str:
    return rf"\frac{{f({tex(a)} + h) - f({tex(a)})}}{{h}}"


def simplified_parts(fp: FirstPrinciple) -> list[str]:
    """The quotient and ``= `` its simplified form: one line, or two where it is narrow."""
    return [quotient_tex(fp.at), "= " + tex(fp.quotient)]


def limit_parts(fp: FirstPrinciple) -> list[str]:
    """The limit step: -> f'(a) = value, -> infinity, or the two one-sided limits (two
    parts, one line or two)."""
    if fp.limit is None:
        return [rf"h \to 0^-:\ {tex(fp.left)}", rf"h \to 0^+:\ {tex(fp.right)}"]
    side = "" if fp.left is not None and fp.right is not None else (
        "^+" if fp.left is None else "^-")
    target = (rf"f'({tex(fp.at)}) = {tex(fp.value)}" if fp.value is not None
              else tex(fp.limit))
    return [rf"\xrightarrow{{\;h \to 0{side}\;}}\ {target}"]


def limit_tex(fp: FirstPrinciple) -> str:
    """:func:`limit_parts` on one line."""
    return SIDES_APART.join(limit_parts(fp))


def conclusion_tex(fp: FirstPrinciple) -> str:
    if fp.value is not None:
        return rf"f'(x) = {tex(fp.derivative)}"
    return rf"f'({tex(fp.at)})\ \text{{does not exist}}"


def tangent_tex(fp: FirstPrinciple) -> str:
    line = fp.tangent
    return rf"{'x' if line.vertical else 'y'} = {tex(line.equation)}"


def side_slope_tex(slope: sympy.Expr) -> str:
    """The label of a one-sided slope drawn from P."""
    return rf"\text{{slope }} {{{tex(slope)}}}"


def report(fp: FirstPrinciple) -> str:
    """The quotient, its limit and the table, as `calcreel check` prints them."""
    lines = [f"f(x) = {plain(fp.function)}, a = {plain(fp.at)}",
             f"{quotient_text(fp)} = {plain(fp.quotient)}",
             "h | quotient"]
    lines += [f"{decimal(r.h, r.hf)} | "
              + ("undefined" if r.quotient is None else slope_text(fp, r))
              for r in fp.table]
    if fp.value is not None:
        lines.append(f"f'({plain(fp.at)}) = {plain(fp.value)}; f'(x) = {plain(fp.derivative)}")
    else:
        lines.append(f"limits: left {fp.left}, right {fp.right}: f'({plain(fp.at)}) does not exist")
    if fp.tangent is not None:
        lines.append(f"tangent: {'x' if fp.tangent.vertical else 'y'} = "
                     f"{plain(fp.tangent.equation)}")
    return "\n".join(lines)

"""The `implicit` lesson: its fields, its analysis, and every word its scene shows."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar, Literal

import numpy as np
import sympy
from pydantic import Field, field_validator, model_validator

from mathcore.errors import MathError
from mathcore.implicit import (
    CurvePoint,
    Implicit,
    curve_branches,
    curve_window,
    implicit,
    relation,
    singular_points,
    vertical_tangent_points,
)
from mathcore.parse import parse_sides
from mathcore.wording import points_text
from scenes.notation import equals, number_tex, plain, point, point_tex, tex
from scenes.params import Exact, LessonBase, Range, contains, parsed_sides
from scenes.practice import Coefficients, Difficulty, Line, OnCurve, Sketch, short

TAKEAWAY = "Differentiate both sides, collect dy/dx: no need to solve for y first."


class ImplicitLesson(LessonBase):
    """dy/dx on a curve F(x, y) = 0, the tangent at a point, and the vertical tangents.

    A window left out is chosen in the analysis, from the curve and the point.
    """

    kind: Literal["implicit"]
    equation: str = Field(min_length=1, description="the curve, e.g. x^2 + y^2 = 25")
    at: tuple[Exact, Exact] | None = Field(
        None, description="[x0, y0], a point of the curve: its slope and tangent are shown")
    x: Range | None = Field(None, description="the x window; chosen from the curve if left out")
    y: Range | None = Field(None, description="the y window; chosen from the curve if left out")

    beats: ClassVar[dict[str, str]] = {
        "title": "the title card",
        "curve": "the equation and its curve",
        "differentiate": "d/dx of both sides: F_x + F_y y' = 0",
        "solve": "y' collected: dy/dx = -F_x/F_y",
        "point": "the point, the slope there and the tangent (only with at)",
        "normal": "the normal there, at right angles to the tangent (only with at, where "
                  "the curve has a tangent)",
        "travel": "a point runs along the curve carrying its tangent",
        "vertical": "the vertical tangents in the window",
        "singular": "where the curve crosses itself",
        "closing": "the takeaway",
    }
    asides: ClassVar[tuple[str, ...]] = (
        "travel", "normal", "differentiate", "singular", "vertical")

    @field_validator("equation")
    @classmethod
    def _is_a_curve(cls, text: str) -> str:
        left, right = parsed_sides(text)
        try:
            relation(left - right)  # in x and y, and involving y
        except MathError as err:
            raise ValueError(str(err)) from None
        return text

    @model_validator(mode="after")
    def _in_the_window(self) -> ImplicitLesson:
        """A point outside a window the lesson gives (x, y or both) is refused."""
        if self.at is None:
            return self
        given = [(name, w, v) for name, w, v in zip("xy", (self.x, self.y), self.at)
                 if w is not None]
        if not all(contains(w, v) for _, w, v in given):
            window = ", ".join(f"{name} = [{w[0]}, {w[1]}]" for name, w, _ in given)
            raise ValueError(f"at = ({self.at[0]}, {self.at[1]}) must lie inside the window "
                             f"{window}")
        return self

    moves: ClassVar = (Coefficients("equation"), OnCurve("at"))

    def problem(self, analysis: object) -> list[Line]:
        lhs, rhs = parsed_sides(self.equation)
        at = "" if self.at is None else f", and the tangent line at ${point_tex(*self.at)}$"
        return [f"Find $\\frac{{dy}}{{dx}}$ on the curve ${tex(lhs)} = {tex(rhs)}$ by implicit "
                f"differentiation{at}."]

    def worked(self, analysis: ImplicitAnalysis) -> list[Line]:
        s = analysis.slope
        lines: list[Line] = [
            f"With $F(x, y) = {tex(s.expr)}$: $F_x = {tex(s.fx)}$ and $F_y = {tex(s.fy)}$.",
            f"$\\frac{{dy}}{{dx}} = -\\frac{{F_x}}{{F_y}} = {tex(s.dydx)}$."]
        if s.point is not None and s.slope is not None:
            lines += [f"At ${point_tex(*s.point)}$ the slope is ${tex(s.slope)}$; the tangent "
                      f"line is ${tex(s.tangent.lhs)} = {tex(s.tangent.rhs)}$."]
        return lines

    def flaw(self, analysis: ImplicitAnalysis, difficulty: Difficulty) -> str | None:
        s = analysis.slope
        if s.point is None or s.slope is None or s.singular or s.vertical_tangent:
            return "a vertical tangent or a singular point"
        return None if short(s.slope, difficulty) else "an answer that is not short"

    def sketch(self, analysis: ImplicitAnalysis) -> Sketch:
        at = analysis.slope.point
        return Sketch(tuple(map(float, analysis.x_range)), tuple(map(float, analysis.y_range)),
                      analysis.branches, () if at is None else ((float(at[0]), float(at[1])),))

    def analyze(self) -> ImplicitAnalysis:
        """mathcore's slope (refusing a point off the curve), the window, the curve in it,
        its vertical tangents and singular points."""
        sides = parse_sides(self.equation)
        F = sides[0] - sides[1]
        slope = implicit(F, self.at, equation=self.equation)
        window = curve_window(F, self.at, self.x, self.y)
        branches = tuple(curve_branches(F, *window))
        if not branches:
            raise MathError(f"no part of the curve {self.equation} lies in the window "
                            f"{window_text(*window)}")
        singular = singular_points(F, *window)
        return ImplicitAnalysis(sides, slope,
                                vertical_tangent_points(F, *window, singular=singular),
                                singular, branches, *window)


@dataclass(frozen=True, eq=False)
class ImplicitAnalysis:
    """The equation's two sides as typed, mathcore's slope and tangent, with what the
    scene calls out and draws, in the window it draws (the lesson's, or one chosen)."""

    sides: tuple[sympy.Expr, sympy.Expr]
    slope: Implicit
    vertical: tuple[CurvePoint, ...]
    singular: tuple[CurvePoint, ...]
    branches: tuple[np.ndarray, ...]
    x_range: tuple[sympy.Expr, sympy.Expr]
    y_range: tuple[sympy.Expr, sympy.Expr]

    def to_json(self) -> dict:
        return {**self.slope.to_json(),
                "x": [str(v) for v in self.x_range], "y": [str(v) for v in self.y_range],
                "vertical_tangents": [p.to_json() for p in self.vertical],
                "singular_points": [p.to_json() for p in self.singular]}


def window_text(x_range: Sequence, y_range: Sequence) -> str:
    """``x = [-2, 2], y = [-5, 5]``."""
    return f"x = [{x_range[0]}, {x_range[1]}], y = [{y_range[0]}, {y_range[1]}]"


# -- captions --------------------------------------------------------------------------------
def curve_point(p: CurvePoint) -> str:
    """``(-5, 0)``, for :func:`mathcore.wording.points_text`."""
    return point(p.x, p.y)


def equation_text(sides: tuple[sympy.Expr, sympy.Expr]) -> str:
    """``x³ + y³ = 6xy``."""
    return f"{plain(sides[0])} = {plain(sides[1])}"


def curve_caption(sides: tuple[sympy.Expr, sympy.Expr]) -> str:
    return f"The curve {equation_text(sides)}: an equation ties y to x, with no formula y = f(x)"


def differentiate_caption(a: Implicit) -> str:
    return (f"Differentiate both sides in x, with y a function of x: "
            f"{plain(a.fx)} + ({plain(a.fy)})·y' = 0")


def solve_caption(a: Implicit) -> str:
    return f"Collect y' and solve: dy/dx = -F_x/F_y = {plain(a.dydx)}"


def point_caption(a: Implicit) -> str:
    where = f"At {point(*a.point)}, on the curve,"
    if a.singular:
        return f"{where} F_x = F_y = 0: dy/dx = 0/0 names no slope, and there is no one tangent"
    if a.vertical_tangent:
        return f"{where} F_y = 0: the tangent is vertical, {equals('x', a.point[0])}"
    return f"{where} {equals('dy/dx', a.slope)}: the tangent is y = {plain(a.tangent.rhs)}"


def normal_caption(a: Implicit) -> str:
    """The normal at the point: its slope -1/(dy/dx) and its line."""
    where = f"at {point(*a.point)}"
    if a.vertical_tangent:
        return f"The tangent {where} is vertical, so the normal is flat: y = {plain(a.normal.rhs)}"
    if a.normal_slope is None:
        return f"The tangent {where} is flat, so the normal is vertical: x = {plain(a.normal.rhs)}"
    return (f"The normal {where} is at right angles to the tangent: "
            f"{equals('slope -1/(dy/dx)', a.normal_slope)}, the line y = {plain(a.normal.rhs)}")


def travel_caption(a: Implicit) -> str:
    return ("Slide the point along the curve: the tangent turns with it, "
            f"its slope always {plain(a.dydx)}")


def more_text(points: Sequence[CurvePoint], more: int) -> str:
    """``(-5, 0) and (5, 0)``, or ``(-5, 0), and 2 more`` when only some are labelled."""
    return points_text(points, curve_point) + (f", and {more} more" if more else "")


def vertical_caption(a: Implicit, points: Sequence[CurvePoint], more: int = 0) -> str:
    """The vertical tangents labelled on screen, and how many more there are."""
    many = len(points) + more > 1
    return (f"Where F_y = {plain(a.fy)} = 0 the slope has no value: "
            f"vertical tangent{'s' if many else ''} at {more_text(points, more)}")


def singular_caption(points: Sequence[CurvePoint], more: int = 0) -> str:
    """The singular points labelled on screen, and how many more there are."""
    return (f"At {more_text(points, more)} F_x = F_y = 0: the curve crosses itself, "
            "and dy/dx = 0/0 picks no slope")


# -- the algebra, typeset --------------------------------------------------------------------
def equation_tex(sides: tuple[sympy.Expr, sympy.Expr]) -> str:
    """The equation as typed, typeset: ``x^{2} + y^{2} = 25``."""
    return f"{tex(sides[0])} = {tex(sides[1])}"


def _bracketed(expr: sympy.Expr) -> str:
    """``expr`` typeset, in brackets if it is a sum or starts with a minus."""
    return rf"\left({tex(expr)}\right)" if expr.is_Add or expr.could_extract_minus_sign() \
        else tex(expr)


def steps_tex(sides: tuple[sympy.Expr, sympy.Expr], a: Implicit) -> list[str]:
    """d/dx of both sides; F_x + F_y y' = 0; y' collected; y' solved."""
    dy = r"\frac{dy}{dx}"
    return [rf"\frac{{d}}{{dx}}\left[{tex(sides[0])}\right] = "
            rf"\frac{{d}}{{dx}}\left[{tex(sides[1])}\right]",
            rf"{tex(a.fx)} + {_bracketed(a.fy)}\,{dy} = 0",
            rf"{_bracketed(a.fy)}\,{dy} = -{_bracketed(a.fx)}",
            rf"{dy} = -\frac{{F_x}}{{F_y}} = {tex(a.dydx)}"]


def at_point_tex(a: Implicit) -> str:
    """What holds at the point: the slope, or why there is none."""
    where = rf"\text{{at }} {point_tex(*a.point)}:\ "
    if a.singular:
        return where + r"F_x = F_y = 0"
    if a.vertical_tangent:
        return where + r"F_y = 0"
    return where + equals_tex(r"\frac{dy}{dx}", a.slope)


def equals_tex(name: str, value: sympy.Expr) -> str:
    r"""``name = 1/4`` typeset, or ``name \approx 1.424`` where the exact form is long."""
    shown = number_tex(value)
    return f"{name} {shown}" if shown.startswith(r"\approx") else f"{name} = {shown}"


def line_tex(line: sympy.Equality) -> str:
    """A line's equation, ``y = 25/4 - 3x/4`` or ``x = 5``, typeset."""
    return f"{tex(line.lhs)} = {tex(line.rhs)}"


def tangent_note_tex(a: Implicit) -> str:
    return rf"\text{{tangent: }} {line_tex(a.tangent)}"


def normal_note_tex(a: Implicit) -> str:
    return rf"\text{{normal: }} {line_tex(a.normal)}"


def report(analysis: ImplicitAnalysis) -> str:
    """dy/dx, the point's slope, tangent and normal, the vertical tangents, as
    `calcreel check` prints them."""
    a = analysis.slope
    lines = [a.equation, f"dy/dx = -F_x/F_y = {plain(a.dydx)}"]
    if a.point is not None:
        lines.append(point_caption(a))
    if a.normal is not None:
        lines.append(normal_caption(a))
    if analysis.vertical:
        lines.append(f"vertical tangents: {points_text(analysis.vertical, curve_point)}")
    if analysis.singular:
        lines.append(f"singular points: {points_text(analysis.singular, curve_point)}")
    return "\n".join(lines)

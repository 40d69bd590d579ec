"""Implicit differentiation exercises: calcreel check --json against the book's dy/dx,
slope, tangent line, vertical tangents and singular points.

dy/dx is compared by value at points of the curve (the book's form and calcreel's differ,
and a book may simplify with the curve's own equation); the slope exactly; the tangent as
a line; vertical tangents and singular points as sets, each point to the digits the book
gives. Formulas, the book's and check's, are read by ``mathcore.parse`` (never sympify).
"""

from __future__ import annotations

import numpy as np
import pytest
import sympy

from mathcore.implicit import curve_branches
from mathcore.numeric import numeric_function
from mathcore.parse import parse_equation, parse_formula, parse_number
from mathcore.symbols import x, y

KIND = "implicit"
pytestmark = pytest.mark.xdist_group("corpus-implicit")

SAMPLES = 8  # points of the curve where dy/dx is compared


def read(text) -> sympy.Expr:
    return parse_formula(str(text), ("x", "y"))


def digits(value) -> int:
    """Decimal places to compare a coordinate the book rounded, one fewer than it gives (it
    computes x from its rounded y: 0.2912 where x = 0.29108); 9 for an exact one."""
    text = str(value)
    return len(text.split(".")[1]) - 1 if "." in text else 9


def curve_points(analysis: dict, equation: str) -> np.ndarray:
    """SAMPLES points of the curve in check's window, moved onto it by Newton's method in
    y, away from vertical tangents (where dy/dx is unbounded)."""
    F = parse_equation(equation, ("x", "y"))
    window = [[parse_number(v) for v in analysis[axis]] for axis in ("x", "y")]
    points = np.vstack(curve_branches(F, *window))
    f, fy = numeric_function(F, (x, y)), numeric_function(sympy.diff(F, y), (x, y))
    px, py = points[:, 0], points[:, 1].copy()
    with np.errstate(all="ignore"):
        for _ in range(8):
            py = py - f(px, py) / fy(px, py)
        good = np.isfinite(py) & (np.abs(fy(px, py)) > 1e-3) & (np.abs(f(px, py)) < 1e-12)
    assert good.sum() >= SAMPLES, "too few points of the curve to compare dy/dx at"
    chosen = np.linspace(0, good.sum() - 1, SAMPLES).astype(int)
    return np.column_stack([px[good], py[good]])[chosen]


def same_points(got: list[dict], book: list[list]) -> None:
    """Every book point matched by one of check's, and no more, to the book's digits."""
    assert len(got) == len(book), ([(p["xf"], p["yf"]) for p in got], book)
    left = [(p["xf"], p["yf"]) for p in got]
    for bx, by in book:
        want = [float(read(c)) for c in (bx, by)]
        places = min(digits(bx), digits(by))
        near = [p for p in left if all(abs(g - w) <= 0.6 * 10.0**-places
                                      for g, w in zip(p, want))]
        assert near, (want, left)
        left.remove(near[0])


def test_dydx_matches_the_book_along_the_curve(exercise, analysis):
    answer = exercise["answer"]
    if "dydx" not in answer:
        pytest.skip("the book gives no formula for dy/dx here")
    ours = numeric_function(read(analysis["dydx"]), (x, y))
    book = numeric_function(read(answer["dydx"]), (x, y))
    for px, py in curve_points(analysis, exercise["lesson"]["equation"]):
        assert ours(px, py) == pytest.approx(book(px, py), rel=1e-7, abs=1e-9), (px, py)


def test_the_slope_matches_the_book(exercise, analysis):
    answer = exercise["answer"]
    if "slope" not in answer and "vertical" not in answer:
        pytest.skip("the book asks for no slope here")
    if answer.get("vertical"):
        assert analysis["vertical_tangent"] is True and analysis["slope"] is None
        x0 = analysis["point"][0]
        assert analysis["tangent"] == f"x = {x0}"
        return
    assert analysis["vertical_tangent"] is False
    assert sympy.simplify(read(analysis["slope"]) - read(answer["slope"])) == 0


def test_the_tangent_is_the_books_line(exercise, analysis):
    answer = exercise["answer"]
    if "tangent" not in answer:
        pytest.skip("the book gives no tangent line here")
    side, rhs = analysis["tangent"].split(" = ")
    assert side == "y"
    book = parse_equation(answer["tangent"], ("x", "y"))
    assert sympy.simplify(book.subs(y, read(rhs))) == 0, (analysis["tangent"], book)


def test_the_vertical_tangents_are_the_books(exercise, analysis):
    if "vertical_tangents" not in exercise["answer"]:
        pytest.skip("the book lists no vertical tangents here")
    same_points(analysis["vertical_tangents"], exercise["answer"]["vertical_tangents"])


def test_the_singular_points_are_the_books(exercise, analysis):
    if "singular_points" not in exercise["answer"]:
        pytest.skip("the book names no singular points here")
    same_points(analysis["singular_points"], exercise["answer"]["singular_points"])

"""Taylor exercises: calcreel check --json against the book's polynomial, estimate and bound.

The polynomial is compared coefficient by coefficient in powers of (x - a), exactly: the
book's answer and check's ``textbook`` are both read by ``mathcore.parse`` (never sympify).
"""

from __future__ import annotations

import pytest
import sympy

from mathcore.parse import parse_formula, parse_number
from mathcore.symbols import x

KIND = "taylor"
pytestmark = pytest.mark.xdist_group("corpus-taylor")

u = sympy.Symbol("u")
SLACK = 1.02  # calcreel raises its sampled maximum by 1 %


def read(text: str) -> sympy.Expr:
    return parse_formula(str(text), ("x",))


def coefficients(polynomial: sympy.Expr, center: sympy.Expr, degree: int) -> list[sympy.Expr]:
    """The coefficients of ``polynomial`` in powers of (x - center), c_0 ... c_degree."""
    shifted = sympy.Poly(sympy.expand(polynomial.subs(x, u + center)), u)
    assert shifted.degree() <= degree, shifted
    return [shifted.coeff_monomial(u**k) for k in range(degree + 1)]


def close(got: float, want: sympy.Expr, places: int) -> bool:
    """Equal to the number of digits the book gives (exact answers: to 1e-12)."""
    return got == pytest.approx(float(want), rel=10.0**-places, abs=10.0**-places)


def digits(text: str) -> int:
    """How closely to compare with a number the book writes: 3 significant digits for a
    decimal it rounded (-0.07245, 1.056), 12 for an exact one."""
    return 3 if "." in str(text) else 12


def test_the_polynomial_matches_the_book(exercise, analysis):
    answer = exercise["answer"]
    if "polynomial" not in answer:
        pytest.skip("the book asks for no polynomial here")
    center, degree = parse_number(analysis["center"]), analysis["degree"]
    ours = coefficients(read(analysis["textbook"]), center, degree)
    book = coefficients(read(answer["polynomial"]), center, degree)
    for k, (got, want) in enumerate(zip(ours, book, strict=True)):
        assert sympy.simplify(got - want) == 0, (k, got, want)


def test_the_estimate_matches_the_book(exercise, analysis):
    answer = exercise["answer"]
    if "approximation" not in answer:
        pytest.skip("the book gives no estimate here")
    got = float(read(analysis["approximation"]))
    assert close(got, read(answer["approximation"]), digits(answer["approximation"]))


def test_the_error_and_the_bound_agree_with_the_book(exercise, analysis):
    answer = exercise["answer"]
    if "error" in answer:
        assert close(analysis["error"], read(answer["error"]), digits(answer["error"]))
    if "bound" in answer:
        # the book's bound uses a rounded-up maximum (e^2 < 9); calcreel's the sampled one,
        # over the same interval between a and x: never larger, never below the error
        book = float(read(answer["bound"]))
        assert analysis["bound"] is not None
        assert analysis["error"] <= analysis["bound"] <= SLACK * book + 1e-15

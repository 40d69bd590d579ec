"""First-principles exercises: check --json's f'(a), tangent and f'(x) against the book.

Formulas on both sides are read by ``mathcore.parse`` (never sympify) and compared exactly;
a value the book rounds (7458.5) is compared to the digits it gives.
"""

from __future__ import annotations

import pytest
import sympy

from mathcore.parse import parse_formula

KIND = "first_principle"
pytestmark = pytest.mark.xdist_group("corpus-first-principle")


def read(text: str) -> sympy.Expr:
    return parse_formula(str(text), ("x",))


def right_side(line: str) -> sympy.Expr:
    """The right-hand side of ``y = ...``."""
    name, _, rhs = line.partition("=")
    assert name.strip() == "y", line
    return read(rhs)


def test_the_derivative_matches_the_book(exercise, analysis):
    answer = exercise["answer"]
    if "value" in answer:
        book = answer["value"]
        got, want = float(read(analysis["value"])), float(read(book))
        rel = 1e-4 if "." in str(book) else 1e-12
        assert got == pytest.approx(want, rel=rel, abs=1e-12)
    if "tangent" in answer:
        assert sympy.expand(right_side(analysis["tangent"]) - right_side(answer["tangent"])) == 0
    if "derivative" in answer:
        difference = read(analysis["derivative"]) - read(answer["derivative"])
        assert sympy.simplify(difference) == 0, analysis["derivative"]

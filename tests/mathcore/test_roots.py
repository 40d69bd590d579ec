"""real_roots and undefined_set against roots worked out by hand."""

import json
import math

import pytest
import scipy.optimize
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from mathcore.errors import MathError
from mathcore.parse import parse_formula
from mathcore.roots import InfinitelyManyRoots, Roots, real_roots, undefined_set

pi, sqrt = sympy.pi, sympy.sqrt


def f(text: str) -> sympy.Expr:
    return parse_formula(text, ("x",))


def assert_exact(result: Roots, expected: list) -> None:
    """The roots are exactly ``expected`` (in order), floats agree, and the list is complete."""
    assert len(result.values) == len(expected), result.values
    for value, want in zip(result.values, expected, strict=True):
        assert sympy.simplify(value - want) == 0, (value, want)
    assert result.floats == pytest.approx([float(v) for v in expected], abs=1e-12)
    assert result.complete


# ---------------------------------------------------------------- exact


def test_quadratic_root_is_exact():
    # x^2 = 2 has x = ±sqrt(2); only sqrt(2) lies in (0, 2)
    assert_exact(real_roots(f("x^2 - 2"), (0, 2)), [sqrt(2)])


def test_roots_are_sorted_ascending():
    # x^3 - x = x(x - 1)(x + 1)
    assert_exact(real_roots(f("x^3 - x"), (-1, 1), open_ends=False), [-1, 0, 1])


def test_periodic_roots_in_a_closed_interval():
    # sin x = 0 at k*pi; 0, pi, 2pi, 3pi lie in [0, 10] (4pi > 10)
    assert_exact(real_roots(f("sin(x)"), (0, 10), open_ends=False), [0, pi, 2 * pi, 3 * pi])


def test_transcendental_root_is_exact():
    # e^x = 2 at x = ln 2
    assert_exact(real_roots(f("e^x - 2"), (0, 1)), [sympy.log(2)])


def test_three_real_roots_of_an_irreducible_cubic():
    # x = 2cos(t): 8cos^3 t - 6cos t + 1 = 2cos(3t) + 1 = 0, so 3t = 2pi/3, 4pi/3, 8pi/3
    result = real_roots(f("x^3 - 3x + 1"), (-2, 2))
    expected = sorted(2 * math.cos(t) for t in (2 * math.pi / 9, 4 * math.pi / 9,
                                                8 * math.pi / 9))
    assert result.floats == pytest.approx(expected, abs=1e-12)
    assert result.complete


# ---------------------------------------------------------------- numeric


def test_numeric_fallback_for_cos_x_equals_x():
    result = real_roots(f("cos(x) - x"), (0, 1))
    reference = scipy.optimize.brentq(lambda t: math.cos(t) - t, 0, 1, xtol=1e-15)
    assert result.floats == pytest.approx([reference], abs=1e-12)
    assert result.values[0].is_Float
    assert not result.complete


def test_numeric_root_made_exact_when_a_guess_verifies():
    # sin(1/x) = 0 at x = 1/(k*pi): 1/pi, 1/(2pi), 1/(3pi) lie in (1/10, 1)
    result = real_roots(f("sin(1/x)"), (sympy.Rational(1, 10), 1))
    assert [sympy.simplify(v - w) for v, w in
            zip(result.values, [1 / (3 * pi), 1 / (2 * pi), 1 / pi], strict=True)] == [0, 0, 0]


def test_touching_root_exact():
    # (x - 1)^2 touches 0 at x = 1 without changing sign
    assert_exact(real_roots(f("(x - 1)^2"), (0, 3)), [1])


def test_touching_root_found_numerically():
    # (cos x - x)^2 >= 0 touches 0 at the root of cos x = x, which sympy cannot solve
    result = real_roots(f("(cos(x) - x)^2"), (0, 1))
    reference = scipy.optimize.brentq(lambda t: math.cos(t) - t, 0, 1)
    assert result.floats == pytest.approx([reference], abs=1e-6)


# ---------------------------------------------------------------- none, ends, poles


def test_no_roots():
    assert_exact(real_roots(f("x^2 + 1"), (-2, 2)), [])


def test_open_ends_leave_out_a_and_b():
    assert_exact(real_roots(f("x^2 - 1"), (-1, 1)), [])
    assert_exact(real_roots(f("x^2 - 1"), (-1, 1), open_ends=False), [-1, 1])


def test_poles_are_not_roots():
    # tan changes sign at its pole pi/2 too; its roots are k*pi, so none in (0, 3)
    assert real_roots(f("tan(x)"), (0, 3)).values == ()
    assert_exact(real_roots(f("tan(x)"), (0, 4)), [pi])
    assert real_roots(f("1/x"), (-1, 1)).values == ()


def test_a_zero_where_the_expression_is_undefined_is_not_a_root():
    # x/sqrt(x^2 - 1) has no value at x = 0 (sqrt of -1)
    assert real_roots(f("x/sqrt(x^2 - 1)"), (-2, 2)).values == ()


def test_zero_on_a_whole_interval_raises():
    with pytest.raises(InfinitelyManyRoots):
        real_roots(f("abs(x) - x"), (-1, 2))
    with pytest.raises(MathError):
        real_roots(sympy.Integer(0), (0, 1))


def test_bad_interval():
    with pytest.raises(MathError, match="less than"):
        real_roots(f("x"), (1, 0))


def test_to_json():
    result = real_roots(f("x^2 - 2"), (-2, 2))
    data = json.loads(json.dumps(result.to_json()))
    assert data == {"values": ["-sqrt(2)", "sqrt(2)"],
                    "floats": [-math.sqrt(2), math.sqrt(2)], "complete": True}


@settings(max_examples=30, deadline=None)
@given(st.lists(st.fractions(min_value=-3, max_value=3, max_denominator=6),
                min_size=1, max_size=4, unique=True))
def test_recovers_the_roots_of_a_product_of_factors(chosen):
    expr = sympy.Mul(*[sympy.Symbol("x", real=True) - sympy.Rational(r.numerator, r.denominator)
                       for r in chosen])
    result = real_roots(expr, (-4, 4))
    assert_exact(result, sorted(sympy.Rational(r.numerator, r.denominator) for r in chosen))


# ---------------------------------------------------------------- undefined_set


def test_undefined_points():
    assert undefined_set(f("1/x"), (-1, 1)) == sympy.FiniteSet(0)
    assert undefined_set(f("tan(x)"), (0, 3)) == sympy.FiniteSet(pi / 2)
    assert undefined_set(f("sqrt(x)"), (-1, 1)) == sympy.Interval.Ropen(-1, 0)
    assert undefined_set(f("abs(x) + x^(1/3)"), (-1, 1)) == sympy.EmptySet


def test_a_float_underflow_is_not_a_root():
    # -e^(1/x)/x^2 is about -1e-429 at x = -1/1000: tiny, never zero
    assert real_roots(f("-e^(1/x)/x^2"), (-1, 1)).values == ()

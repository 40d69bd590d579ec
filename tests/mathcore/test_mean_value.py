"""mean_value against textbook answers worked out by hand.

Each test gives the slope (f(b) - f(a))/(b - a) and solves f'(c) = slope in a comment.
"""

import json
import math

import numpy as np
import pytest
import scipy.optimize
import sympy
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from mathcore.errors import MathError
from mathcore.mean_value import MeanValue, mean_value
from mathcore.parse import parse_formula
from mathcore.symbols import x

pi, E, sqrt = sympy.pi, sympy.E, sympy.sqrt
KEYS = {"function", "window", "a", "b", "slope", "c", "applies", "reason"}


def f(text: str) -> sympy.Expr:
    return parse_formula(text, ("x",))


def assert_cs(result: MeanValue, slope, expected: list) -> None:
    """Slope and every c exactly as expected; the theorem applies."""
    assert sympy.simplify(result.slope - slope) == 0, result.slope
    assert len(result.points) == len(expected), result.points
    for point, want in zip(result.points, expected, strict=True):
        assert point.exact is not None and sympy.simplify(point.exact - want) == 0
        assert point.value == pytest.approx(float(want), abs=1e-12)
    assert result.applies and result.reason is None


def test_cubic_minus_x_on_0_2():
    # (6 - 0)/2 = 3; 3c^2 - 1 = 3 -> c = 2/sqrt(3)
    result = mean_value(f("x^3 - x"), (0, 2))
    assert_cs(result, 3, [2 * sqrt(3) / 3])
    assert str(result.points[0].exact) == "2*sqrt(3)/3"
    assert result.points[0].value == pytest.approx(1.1547005383792515)
    assert (result.fa, result.fb) == (0, 6) and result.secant.to_text() == "y = 3*x"
    assert not result.rolle


def test_x_squared_on_0_2():
    # 4/2 = 2; 2c = 2
    assert_cs(mean_value(f("x^2"), (0, 2)), 2, [1])


def test_sqrt_on_0_4():
    # 2/4 = 1/2; 1/(2 sqrt c) = 1/2 -> c = 1 (continuous on [0, 4], differentiable inside)
    assert_cs(mean_value(f("sqrt(x)"), (0, 4)), sympy.Rational(1, 2), [1])


def test_sin_on_0_pi_is_rolle():
    # sin 0 = sin pi = 0; cos c = 0 -> c = pi/2
    result = mean_value(f("sin(x)"), (0, pi))
    assert_cs(result, 0, [pi / 2])
    assert result.rolle


def test_x_cubed_on_minus_1_1_has_two_points():
    # 2/2 = 1; 3c^2 = 1 -> c = ±1/sqrt(3)
    assert_cs(mean_value(f("x^3"), (-1, 1)), 1, [-sqrt(3) / 3, sqrt(3) / 3])


def test_exp_on_0_1():
    # e - 1; e^c = e - 1 -> c = ln(e - 1)
    assert_cs(mean_value(f("e^x"), (0, 1)), E - 1, [sympy.log(E - 1)])


def test_ln_on_1_e():
    # (1 - 0)/(e - 1); 1/c = 1/(e - 1) -> c = e - 1
    assert_cs(mean_value(f("ln(x)"), (1, E)), 1 / (E - 1), [E - 1])


def test_one_over_x_on_1_3():
    # (1/3 - 1)/2 = -1/3; -1/c^2 = -1/3 -> c = sqrt(3)
    assert_cs(mean_value(f("1/x"), (1, 3)), sympy.Rational(-1, 3), [sqrt(3)])


def test_quartic_rolle_with_three_points():
    # f(-2) = f(2) = 8; 4c^3 - 4c = 0 -> c = -1, 0, 1
    result = mean_value(f("x^4 - 2x^2"), (-2, 2))
    assert_cs(result, 0, [-1, 0, 1])
    assert result.rolle


def test_x_abs_x_is_differentiable_at_0():
    # f(-1) = -1, f(2) = 4: slope 5/3; f'(c) = 2|c| = 5/3 -> c = ±5/6
    assert_cs(mean_value(f("x*abs(x)"), (-1, 2)), sympy.Rational(5, 3),
              [sympy.Rational(-5, 6), sympy.Rational(5, 6)])


def test_numeric_solution_matches_brentq():
    # slope = (e + sin 1 - 0)/1; f'(c) = e^c (1 + c) + cos c
    result = mean_value(f("x*exp(x) + sin(x)"), (0, 1))
    slope = math.e + math.sin(1)
    reference = scipy.optimize.brentq(
        lambda c: math.exp(c) * (1 + c) + math.cos(c) - slope, 0, 1, xtol=1e-15)
    assert [p.value for p in result.points] == pytest.approx([reference], abs=1e-10)
    assert result.points[0].exact is None and result.applies
    assert result.to_json()["c"][0]["exact"] is None


def test_pole_inside_means_not_continuous():
    # 1/x on [-1, 1]: slope (1 - (-1))/2 = 1, but -1/c^2 = 1 has no solution
    result = mean_value(f("1/x"), (-1, 1))
    assert not result.applies and result.points == ()
    assert result.reason == "f is not continuous on [-1, 1]: it is undefined at x = 0"
    assert result.slope == 1


def test_corner_inside_means_not_differentiable():
    # |x| on [-1, 2]: slope 1/3, but f' is -1 or 1
    result = mean_value(f("abs(x)"), (-1, 2))
    assert not result.applies and result.points == ()
    assert result.reason == "f is not differentiable at x = 0, inside (-1, 2)"
    assert result.slope == sympy.Rational(1, 3)


def test_a_corner_is_no_c_even_where_sympys_derivative_is_the_slope():
    # |x| on [-1, 1] (CLP-1 Example 2.13.9): slope 0, and sympy's f' = sign(x) is 0 at
    # x = 0, where f has no derivative at all; no c exists
    result = mean_value(f("abs(x)"), (-1, 1))
    assert not result.applies and result.points == ()
    assert result.reason == "f is not differentiable at x = 0, inside (-1, 1)"
    assert result.slope == 0


def test_cusp_inside_means_not_differentiable():
    # x^(2/3) on [-1, 1]: f(-1) = f(1) = 1 but f' = 2/(3 c^(1/3)) is never 0
    result = mean_value(f("x^(2/3)"), (-1, 1))
    assert not result.applies and result.points == () and result.rolle
    assert result.reason == "f is not differentiable at x = 0, inside (-1, 1)"


def test_other_gaps_are_named():
    assert mean_value(f("tan(x)"), (0, 3)).reason.endswith("undefined at x = pi/2")
    assert mean_value(f("sqrt(x^2 - 1)"), (-2, 2)).reason.endswith("undefined on (-1, 1)")


def test_undefined_end_is_an_error():
    with pytest.raises(MathError, match="undefined at x = 0, an end of"):
        mean_value(f("log(x)"), (0, 1))


def test_straight_line_is_an_error():
    with pytest.raises(MathError, match="straight line"):
        mean_value(f("2x + 1"), (0, 3))


def test_json_contract():
    data = json.loads(json.dumps(mean_value(f("x^3 - x"), (0, 2)).to_json()))
    assert set(data) == KEYS
    assert data["c"] == [{"exact": "2*sqrt(3)/3", "value": pytest.approx(2 / math.sqrt(3))}]
    assert (data["a"], data["b"], data["slope"], data["applies"], data["reason"]) == (
        "0", "2", "3", True, None)


@settings(max_examples=25, deadline=None)
@given(st.lists(st.integers(-5, 5), min_size=3, max_size=5),
       st.integers(-3, 2), st.integers(1, 4))
def test_every_c_of_a_random_polynomial_is_checked(coefficients, a, width):
    assume(any(coefficients[2:]))  # not a straight line
    b = a + width
    expr = sum(c * x**k for k, c in enumerate(coefficients))
    result = mean_value(expr, (a, b))
    poly = np.polynomial.Polynomial(coefficients)
    slope = (poly(b) - poly(a)) / (b - a)
    assert float(result.slope) == pytest.approx(slope)
    assert result.points and result.applies
    for point in result.points:
        assert a < point.value < b
        assert poly.deriv()(point.value) == pytest.approx(slope, abs=1e-8 * (1 + abs(slope)))


def test_a_hole_beats_every_c_works():
    # (x^2 - 1)/(x - 1) is x + 1 except at x = 1, where it is undefined
    result = mean_value(f("(x^2 - 1)/(x - 1)"), (-2, 2))
    assert not result.applies and result.points == ()
    assert result.reason == "f is not continuous on [-2, 2]: it is undefined at x = 1"


def test_the_window_is_the_interval_with_a_margin():
    # padded_window(1, 5) = (0, 6); a given window is kept as given
    result = mean_value(f("x^2"), (1, 5))
    assert result.window == (0, 6) and result.to_json()["window"] == ["0", "6"]
    assert mean_value(f("x^2"), (1, 5), (-2, 7)).window == (-2, 7)
    with pytest.raises(MathError, match=r"not inside the window \[2, 7\]"):
        mean_value(f("x^2"), (1, 5), (2, 7))

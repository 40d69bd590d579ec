"""taylor against textbook series worked out by hand.

The expected coefficients are c_k = f^(k)(a)/k! computed by hand (or the
well-known series), not output of the code.
"""

import json
import math
import re

import numpy as np
import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from mathcore.errors import MathError
from mathcore.numeric import numeric_function
from mathcore.parse import parse_formula
from mathcore.symbols import x, y
from mathcore.taylor import Taylor, default_window, taylor, taylor_analysis

R = sympy.Rational
E, pi, oo = sympy.E, sympy.pi, sympy.oo
JSON_KEYS = {"function", "center", "degree", "polynomial", "textbook", "coefficients",
             "radius"}


def f_(text: str) -> sympy.Expr:
    return parse_formula(text, ("x",))


def same(a, b) -> bool:
    return sympy.simplify(sympy.sympify(a) - sympy.sympify(b)) == 0


def assert_coefficients(result: Taylor, expected: list) -> None:
    assert len(result.coefficients) == len(expected)
    for k, (got, want) in enumerate(zip(result.coefficients, expected, strict=True)):
        assert same(got, want), (k, got, want)


# ---------------------------------------------------------------- known answers


def test_sin_about_0_to_degree_10_as_json():
    # sin x = x - x^3/3! + x^5/5! - x^7/7! + x^9/9! - ...
    result = taylor(f_("sin(x)"), 0, 10)
    data = result.to_json()
    assert set(data) == JSON_KEYS
    assert data["polynomial"] == "x**9/362880 - x**7/5040 + x**5/120 - x**3/6 + x"
    assert data["coefficients"] == ["0", "1", "0", "-1/6", "0", "1/120", "0", "-1/5040", "0",
                                    "1/362880", "0"]
    assert data["radius"] == "oo"
    assert data["function"] == "sin(x)" and data["center"] == "0" and data["degree"] == 10
    json.dumps(data)


def test_cos_about_0():
    # cos x = 1 - x^2/2 + x^4/24 - x^6/720
    result = taylor(f_("cos(x)"), 0, 6)
    assert_coefficients(result, [1, 0, R(-1, 2), 0, R(1, 24), 0, R(-1, 720)])
    assert result.radius_of_convergence == oo


def test_exp_about_0():
    result = taylor(f_("e^x"), 0, 5)
    assert_coefficients(result, [1, 1, R(1, 2), R(1, 6), R(1, 24), R(1, 120)])
    assert result.radius_of_convergence == oo


def test_exp_about_1():
    # every derivative of e^x is e^x, so c_k = e/k!
    result = taylor(f_("e^x"), 1, 3)
    assert_coefficients(result, [E, E, E / 2, E / 6])
    assert same(sympy.expand(result.polynomial),
                E * (1 + (x - 1) + (x - 1) ** 2 / 2 + (x - 1) ** 3 / 6))


def test_log_1_plus_x_has_radius_1():
    # log(1 + x) = x - x^2/2 + x^3/3 - ...; singular at x = -1
    result = taylor(f_("ln(1 + x)"), 0, 5)
    assert_coefficients(result, [0, 1, R(-1, 2), R(1, 3), R(-1, 4), R(1, 5)])
    assert result.radius_of_convergence == 1


def test_geometric_series_has_radius_1():
    result = taylor(f_("1/(1 - x)"), 0, 6)
    assert_coefficients(result, [1] * 7)
    assert result.to_json()["radius"] == "1"


def test_sqrt_about_1():
    # f = x^(1/2): f(1) = 1, f'(1) = 1/2, f''(1)/2 = (-1/4)/2, f'''(1)/6 = (3/8)/6
    result = taylor(f_("sqrt(x)"), 1, 3)
    assert_coefficients(result, [1, R(1, 2), R(-1, 8), R(1, 16)])
    assert result.radius_of_convergence == 1  # the branch point at 0


def test_cube_root_about_8():
    # f = x^(1/3): 2, (1/3)8^(-2/3) = 1/12, (-2/9)8^(-5/3)/2 = -1/288, (10/27)8^(-8/3)/6
    result = taylor(f_("x^(1/3)"), 8, 3)
    assert_coefficients(result, [2, R(1, 12), R(-1, 288), R(5, 20736)])
    assert result.radius_of_convergence == 8


def test_polynomial_about_2_is_itself():
    # f = x^3 - 2x + 1: f(2) = 5, f'(2) = 10, f''(2)/2 = 6, f'''(2)/6 = 1
    f = f_("x^3 - 2x + 1")
    result = taylor(f, 2, 5)
    assert_coefficients(result, [5, 10, 6, 1, 0, 0])
    assert sympy.expand(result.polynomial - f) == 0
    assert sympy.expand(result.remainder) == 0
    assert result.radius_of_convergence == oo


def test_cos_about_pi():
    # cos(pi + t) = -cos t = -1 + t^2/2 - t^4/24
    result = taylor(f_("cos(x)"), pi, 4)
    assert_coefficients(result, [-1, 0, R(1, 2), 0, R(-1, 24)])
    assert result.to_json()["center"] == "pi"


def test_atan_has_radius_1():
    # atan x = x - x^3/3 + x^5/5 - x^7/7; singular at x = ±i
    result = taylor(f_("atan(x)"), 0, 7)
    assert_coefficients(result, [0, 1, 0, R(-1, 3), 0, R(1, 5), 0, R(-1, 7)])
    assert result.radius_of_convergence == 1


def test_tan_has_radius_pi_over_2():
    # tan x = x + x^3/3 + 2x^5/15 + 17x^7/315; poles at ±pi/2
    result = taylor(f_("tan(x)"), 0, 7)
    assert_coefficients(result, [0, 1, 0, R(1, 3), 0, R(2, 15), 0, R(17, 315)])
    assert result.radius_of_convergence == pi / 2


def test_tanh_has_radius_pi_over_2():
    # tanh x = x - x^3/3 + 2x^5/15; poles at ±i pi/2
    result = taylor(f_("tanh(x)"), 0, 5)
    assert_coefficients(result, [0, 1, 0, R(-1, 3), 0, R(2, 15)])
    assert result.radius_of_convergence == pi / 2


def test_radius_is_distance_to_complex_poles():
    # 1/(1 + x^2) has poles at ±i: from 1 they are sqrt(2) away
    result = taylor(f_("1/(1 + x^2)"), 1, 2)
    assert same(result.radius_of_convergence, sympy.sqrt(2))
    # f(1) = 1/2, f'(1) = -2x/(1 + x^2)^2 = -1/2, f''(1)/2 = ((6x^2 - 2)/(1 + x^2)^3)/2 = 1/4
    assert_coefficients(result, [R(1, 2), R(-1, 2), R(1, 4)])


def test_removable_singularity_does_not_limit_the_radius():
    assert taylor(f_("sin(x)/x"), 1, 3).radius_of_convergence == oo


def test_unknown_radius_is_none():
    result = taylor(f_("tan(x^2)"), 0, 4)
    assert_coefficients(result, [0, 0, 1, 0, 0])
    assert result.radius_of_convergence is None
    assert result.to_json()["radius"] is None


def test_degree_20_is_fast_and_exact():
    result = taylor(f_("tan(x)"), 0, 20)
    assert result.coefficients[19] == R(443861162, 1856156927625)  # from tan's Bernoulli series


# ---------------------------------------------------------------- partial sums and remainder


def test_partial_sums_grow_term_by_term():
    result = taylor(f_("sin(x)"), 0, 5)
    expected = [0, x, x, x - x**3 / 6, x - x**3 / 6, x - x**3 / 6 + x**5 / 120]
    assert [sympy.expand(p) for p in result.partial_sums] == expected


def test_partial_sums_are_in_powers_of_x_minus_a():
    result = taylor(f_("sqrt(x)"), 1, 3)
    t = sympy.Symbol("t")
    for k, partial in enumerate(result.partial_sums):
        in_t = sympy.Poly(sympy.expand(partial.subs(x, 1 + t)), t).all_coeffs()[::-1]
        assert in_t == list(result.coefficients[: len(in_t)])
        assert len(in_t) <= k + 1
    assert "(x - 1)" in str(result.partial_sums[1])


def test_remainder_is_f_minus_the_polynomial():
    f = f_("e^x")
    result = taylor(f, 0, 3)
    assert same(result.remainder, sympy.exp(x) - 1 - x - x**2 / 2 - x**3 / 6)


# ---------------------------------------------------------------- no Taylor polynomial


@pytest.mark.parametrize("text, degree, message", [
    ("abs(x)", 1, "f has no Taylor polynomial at x = 0: f'(0) does not exist"),
    ("sqrt(x)", 2, "f has no Taylor polynomial at x = 0: f'(0) does not exist"),
    ("1/x", 1, "f has no Taylor polynomial at x = 0: f(0) is not defined"),
    ("x*abs(x)", 2, "f''(0) does not exist"),
    ("abs(x)^3", 4, "f'''(0) does not exist"),
    ("x^(1/3)", 1, "f'(0) does not exist"),
])
def test_not_differentiable_at_the_centre(text, degree, message):
    with pytest.raises(MathError, match=re.escape(message)):
        taylor(f_(text), 0, degree)


def test_degrees_below_the_first_missing_derivative_work():
    # x^2 |x| has f(0) = f'(0) = f''(0) = 0; f''' jumps from -6 to 6
    result = taylor(f_("x^2*abs(x)"), 0, 2)
    assert_coefficients(result, [0, 0, 0])
    assert result.radius_of_convergence is None


@pytest.mark.parametrize("degree", [-1, 21, 2.5, True, "3"])
def test_degree_must_be_0_to_20(degree):
    with pytest.raises(MathError, match="degree"):
        taylor(f_("e^x"), 0, degree)


@pytest.mark.parametrize("degree", [0, 20])
def test_degree_limits_are_allowed(degree):
    assert taylor(f_("e^x"), 0, degree).coefficients[-1] == R(1, math.factorial(degree))


def test_bad_inputs():
    with pytest.raises(MathError, match="x only"):
        taylor(x + y, 0, 2)
    with pytest.raises(MathError, match="centre"):
        taylor(sympy.exp(x), y, 2)


# ---------------------------------------------------------------- Lagrange bound


def test_lagrange_bound_for_exp():
    # max |f^(5)| on [0, 1] is e, so the bound at 1 is e/5! (raised by 1 %)
    bound = taylor(f_("e^x"), 0, 4).lagrange_bound(1)
    assert math.e / 120 <= bound <= 1.02 * math.e / 120


def test_lagrange_bound_looks_only_between_the_centre_and_the_point():
    # CLP-1 3.4.8 Q8: ln(1 - x), T_5 at -1/4: |f^(6)(c)| = 5!/(1 - c)^6 is largest at c = 0
    # on [-1/4, 0], so the bound is 5!/6! (1/4)^6 = 1/(6 4^6); over [-1/4, 1/4] it would be
    # 3^6 times larger
    bound = taylor(f_("ln(1 - x)"), 0, 5).lagrange_bound(R(-1, 4))
    assert 1 / (6 * 4**6) <= bound <= 1.02 / (6 * 4**6)


@pytest.mark.parametrize("text, center, degree, radius", [
    ("sin(x)", 0, 5, 2),
    ("e^x", 1, 3, 1.5),
    ("ln(1 + x)", 0, 3, 0.5),
    ("sqrt(x)", 1, 4, 0.5),
    ("1/(1 - x)", 0, 2, 0.9),
    ("atan(x)", 0, 6, 0.8),
    ("x^(1/3)", 8, 2, 4),
    ("cos(x)", pi, 6, 3),
])
def test_lagrange_bound_bounds_the_error(text, center, degree, radius):
    f = f_(text)
    result = taylor(f, center, degree)
    a = float(center)
    for side in (-1, 1):
        bound = result.lagrange_bound(a + side * radius)
        xs = np.linspace(a, a + side * radius, 1001)
        error = np.abs(numeric_function(f - result.polynomial, (x,))(xs))
        assert np.all(error <= bound)


def test_lagrange_bound_is_infinite_across_a_pole_or_kink():
    assert taylor(f_("1/(1 - x)"), 0, 2).lagrange_bound(1) == math.inf
    assert taylor(f_("abs(x)"), 1, 1).lagrange_bound(-1) == math.inf
    assert taylor(f_("abs(x)"), 1, 1).lagrange_bound(3) < math.inf  # no kink on [1, 3]


def test_the_error_is_exact_where_floats_would_cancel():
    # CLP-1 3.4.8 Q4: a cubic is its own T_5, so the error at 37 is 0; in floats f(37) and
    # T_5(37) (about 2e5) left 1e-11
    result = taylor(f_("5x^3 - 24x^2 + e*x - pi^4"), 1, 5)
    assert result.error(37) == 0
    assert result.error(2) == pytest.approx(0, abs=0)
    assert taylor(f_("e^x"), 0, 3).error(2) == pytest.approx(math.exp(2) - 19 / 3, rel=1e-12)


def test_lagrange_bound_is_zero_at_the_centre_and_needs_a_number():
    assert taylor(f_("e^x"), 0, 2).lagrange_bound(0) == 0
    with pytest.raises(MathError, match="real number"):
        taylor(f_("e^x"), 0, 2).lagrange_bound(sympy.I)


# ---------------------------------------------------------------- as a textbook writes it


@pytest.mark.parametrize("text, center, degree, written", [
    ("1/x^2", 1, 3, "1 - 2*(x - 1) + 3*(x - 1)**2 - 4*(x - 1)**3"),
    ("e^x", 1, 2, "e + e*(x - 1) + e*(x - 1)**2/2"),
    ("ln(x)", 1, 3, "(x - 1) - (x - 1)**2/2 + (x - 1)**3/3"),
    ("1/x", -1, 2, "-1 - (x + 1) - (x + 1)**2"),
    ("sqrt(x)", 4, 2, "2 + (x - 4)/4 - (x - 4)**2/64"),
    ("sin(x)", 0, 6, "x - x**3/6 + x**5/120"),
    ("cos(x)", "pi/2", 1, "-(x - pi/2)"),
    ("x^3", 0, 2, "0"),
])
def test_the_polynomial_reads_in_ascending_powers_of_x_minus_a(text, center, degree, written):
    result = taylor(f_(text), sympy.sympify(center), degree)
    assert result.textbook() == written
    assert result.to_json()["textbook"] == written
    # it is a formula calcreel reads back, and it is P_n
    assert sympy.expand(parse_formula(written, ("x",)) - result.polynomial) == 0


# ---------------------------------------------------------------- the default window


@pytest.mark.parametrize("text, center, degree, error_at, window", [
    ("e^x", 8, 2, None, (4, 12)),        # entire: 4 either side (it was refused against [-4, 4])
    ("sin(x)", 0, 5, None, (-4, 4)),
    ("ln(x)", 1, 3, None, (0, R(5, 2))),  # radius 1, no room left of 0
    ("1/x^2", 1, 3, None, (R(-1, 2), R(5, 2))),  # the pole at 0 is in view, and beyond it
    ("sqrt(1 - x)", 0, 2, None, (R(-3, 2), 1)),  # the domain ends at 1
    ("1/(1 + x^2)", 0, 4, None, (R(-3, 2), R(3, 2))),  # complex poles at ±i: radius 1
    ("e^x", 0, 3, 6, (-4, 8)),           # holds the point where the error is bounded
])
def test_the_default_window_follows_the_centre_and_the_radius(text, center, degree, error_at,
                                                            window):
    assert default_window(taylor(f_(text), center, degree), error_at) == window


def test_the_error_is_measured_halfway_to_the_right_edge_unless_a_point_is_given():
    found = taylor_analysis(f_("e^x"), 0, 2, (-2, 2))
    assert found.window == (-2, 2) and found.error_at == 1
    assert found.approximation == R(5, 2)
    assert found.error == pytest.approx(math.e - 2.5, rel=1e-12)
    assert found.error <= found.bound
    assert found.error_curve.subs(x, 1) == E - R(5, 2)
    given = taylor_analysis(f_("e^x"), 0, 3, error_at=6)
    assert given.window == (-4, 8) and given.error_at == 6  # the default window holds it
    assert given.to_json()["approximation"] == "61"  # 1 + 6 + 36/2 + 216/6


# ---------------------------------------------------------------- properties


@settings(max_examples=30, deadline=None)
@given(coefficients=st.lists(st.integers(-5, 5), min_size=1, max_size=6),
       extra=st.integers(0, 3), center=st.integers(-3, 3))
def test_polynomial_is_its_own_taylor_polynomial(coefficients, extra, center):
    f = sum(c * x**k for k, c in enumerate(coefficients))
    n = len(coefficients) - 1 + extra
    result = taylor(f, center, n)
    assert sympy.expand(result.polynomial - f) == 0
    derivatives = [sympy.diff(f, x, k).subs(x, center) / math.factorial(k) for k in range(n + 1)]
    assert list(result.coefficients) == derivatives

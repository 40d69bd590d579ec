"""graph_features, check_identity, family, exponential_form and sample_curve against answers
known by hand."""

import json
import math

import numpy as np
import pytest
import sympy

from mathcore.errors import MathError
from mathcore.graphs import Family, check_identity, exponential_form, family, graph_features
from mathcore.numeric import sample_curve
from mathcore.parse import parse_formula
from mathcore.symbols import x, y

pi = sympy.pi
HYPERBOLIC = (-3, 3)


def f_(text: str) -> sympy.Expr:
    return parse_formula(text, ("x",))


# ---------------------------------------------------------------- features


def test_hyperbolic_functions_are_written_with_exponentials():
    # sinh x = (e^x - e^-x)/2, cosh x = (e^x + e^-x)/2, tanh x = sinh x / cosh x
    e = sympy.exp
    sinh, cosh, tanh = (exponential_form(f_(t)) for t in ("sinh(x)", "cosh(x)", "tanh(x)"))
    assert sympy.latex(sinh) == r"\frac{e^{x} - e^{- x}}{2}"
    assert sympy.simplify(cosh - (e(x) + e(-x)) / 2) == 0
    assert sympy.simplify(tanh - (e(x) - e(-x)) / (e(x) + e(-x))) == 0
    assert not tanh.has(sympy.tanh)


def test_only_a_hyperbolic_function_gets_an_exponential_form():
    # x^2 would come back as exp(2 log x): not a definition, so None
    assert exponential_form(f_("x^2")) is None and exponential_form(f_("sin(x)")) is None
    e = sympy.exp
    rewritten = exponential_form(f_("x + sinh(2x)"))
    assert sympy.simplify(rewritten - (x + (e(2 * x) - e(-2 * x)) / 2)) == 0



@pytest.mark.parametrize("text", ["sinh(x)", "cosh(x)"])
def test_sinh_and_cosh_have_no_poles_or_asymptotes(text):
    # both are entire; sinh -> ±oo and cosh -> oo at both ends
    assert graph_features(f_(text), HYPERBOLIC).to_json() == {
        "function": text, "poles": [], "asymptotes": []}


def test_tanh_tends_to_plus_and_minus_1():
    # tanh x = (e^x - e^-x)/(e^x + e^-x) -> 1 as x -> oo and -1 as x -> -oo
    result = graph_features(f_("tanh(x)"), HYPERBOLIC)
    assert result.poles == ()
    assert result.asymptotes == (1, -1)
    assert result.to_json()["asymptotes"] == ["y = 1", "y = -1"]


def test_tan_poles_on_minus_2pi_to_2pi():
    # cos x = 0 at odd multiples of pi/2
    result = graph_features(f_("tan(x)"), (-2 * pi, 2 * pi))
    assert result.poles == (-3 * pi / 2, -pi / 2, pi / 2, 3 * pi / 2)
    assert result.to_json()["poles"] == ["-3*pi/2", "-pi/2", "pi/2", "3*pi/2"]
    assert result.asymptotes == ()
    assert result.pole_floats == pytest.approx([-3 * math.pi / 2, -math.pi / 2,
                                                math.pi / 2, 3 * math.pi / 2])


def test_reciprocal_has_pole_0_and_asymptote_y_0():
    result = graph_features(f_("1/x"), (-4, 4))
    assert result.to_json() == {"function": "1/x", "poles": ["0"], "asymptotes": ["y = 0"]}


def test_same_asymptote_on_both_sides_is_listed_once():
    assert graph_features(f_("e^(-x^2)"), HYPERBOLIC).to_json()["asymptotes"] == ["y = 0"]
    # x/(x + 1) -> 1 both ways; pole at -1
    result = graph_features(f_("x/(x + 1)"), (-3, 3))
    assert result.poles == (-1,) and result.asymptotes == (1,)


def test_arctangent_asymptotes():
    assert graph_features(f_("atan(x)"), (-5, 5)).asymptotes == (pi / 2, -pi / 2)


def test_removable_gap_is_no_pole():
    # sin(x)/x -> 1 at 0
    assert graph_features(f_("sin(x)/x"), (-5, 5)).poles == ()


def test_one_sided_pole_at_the_end_of_the_range():
    # ln x -> -oo as x -> 0+
    assert graph_features(f_("ln(x)"), (0, 5)).poles == (0,)


def test_poles_outside_the_range_are_left_out():
    assert graph_features(f_("1/(x^2 - 9)"), (-2, 2)).poles == ()


def test_features_need_a_function_of_x():
    with pytest.raises(MathError):
        graph_features(x + y, (-1, 1))


# ---------------------------------------------------------------- identities


@pytest.mark.parametrize("lhs, rhs", [
    ("cosh(x)^2 - sinh(x)^2", "1"),
    ("sinh(2x)", "2sinh(x)*cosh(x)"),
    ("cosh(x)^2 + sinh(x)^2", "cosh(2x)"),
    ("1 - tanh(x)^2", "1/cosh(x)^2"),
    ("sin(x)^2 + cos(x)^2", "1"),
])
def test_true_identities_hold(lhs, rhs):
    result = check_identity(f_(lhs), f_(rhs), HYPERBOLIC, f"{lhs} = {rhs}")
    assert result.holds and result.proved
    assert result.to_json() == {"identity": f"{lhs} = {rhs}", "holds": True,
                                "counterexample": None}


@pytest.mark.parametrize("lhs, rhs, x_range", [
    ("arcsin(x) + arccos(x)", "pi/2", (-1, 1)),    # CLP-1 problem book 2.12 Q12's remark
    ("arsinh(x)", "ln(x + sqrt(x^2 + 1))", HYPERBOLIC),
])
def test_inverse_function_identities_are_proved(lhs, rhs, x_range):
    # simplify leaves asin(x) + acos(x) - pi/2 alone; written with logs it is 0
    result = check_identity(f_(lhs), f_(rhs), x_range)
    assert result.proved and result.holds


def test_false_identity_has_a_counterexample():
    # cosh^2 + sinh^2 = cosh(2x), which is 1 only at x = 0
    result = check_identity(f_("cosh(x)^2 + sinh(x)^2"), f_("1"), HYPERBOLIC)
    assert not result.holds
    c = result.counterexample
    assert isinstance(c, float) and -3 <= c <= 3
    assert math.cosh(c) ** 2 + math.sinh(c) ** 2 - 1 > 0.1


def test_identity_true_on_half_the_range_only():
    # sqrt(x^2) = |x|, which differs from x for x < 0
    result = check_identity(f_("sqrt(x^2)"), f_("x"), HYPERBOLIC, "sqrt(x^2) = x")
    assert not result.holds and result.counterexample < 0


def test_default_label():
    result = check_identity(sympy.sinh(x), sympy.sinh(x), HYPERBOLIC)
    assert result.to_json()["identity"] == "sinh(x) = sinh(x)" and result.holds


# ---------------------------------------------------------------- family


def test_family_as_json():
    result = family([f_("sinh(x)"), f_("cosh(x)"), f_("tanh(x)")], HYPERBOLIC,
                    [(f_("cosh(x)^2 - sinh(x)^2"), f_("1"), "cosh^2 x - sinh^2 x = 1"),
                     (f_("cosh(x)^2 + sinh(x)^2"), f_("1"), "cosh^2 x + sinh^2 x = 1")])
    assert isinstance(result, Family)
    data = result.to_json()
    assert set(data) == {"functions", "identities"}
    assert data["functions"] == [
        {"function": "sinh(x)", "poles": [], "asymptotes": []},
        {"function": "cosh(x)", "poles": [], "asymptotes": []},
        {"function": "tanh(x)", "poles": [], "asymptotes": ["y = 1", "y = -1"]},
    ]
    assert data["identities"][0] == {"identity": "cosh^2 x - sinh^2 x = 1", "holds": True,
                                     "counterexample": None}
    assert data["identities"][1]["holds"] is False
    assert isinstance(data["identities"][1]["counterexample"], float)
    json.dumps(data)


# ---------------------------------------------------------------- sample_curve


def assert_no_segment_crosses(branches, poles):
    for xs, ys in branches:
        assert np.all(np.isfinite(xs)) and np.all(np.isfinite(ys))
        assert len(xs) >= 2 and np.all(np.diff(xs) > 0)
        for pole in poles:
            assert np.all(xs < pole) or np.all(xs > pole)


def test_reciprocal_splits_at_0():
    branches = sample_curve(1 / x, (-3, 3), 401, poles=[0])   # 0 is a sample: it is undefined
    assert len(branches) == 2
    assert_no_segment_crosses(branches, [0])
    branches = sample_curve(1 / x, (-3, 3), 400)               # 0 falls between samples
    assert len(branches) == 2
    assert_no_segment_crosses(branches, [0])


@pytest.mark.parametrize("poles", [[-pi / 2, pi / 2], []])
def test_tan_splits_at_its_poles(poles):
    branches = sample_curve(sympy.tan(x), (-3, 3), 500, poles=poles)
    assert len(branches) == 3
    assert_no_segment_crosses(branches, [-math.pi / 2, math.pi / 2])


def test_window_drops_far_values():
    branches = sample_curve(sympy.tan(x), (-3, 3), 500, y_range=(-5, 5))
    assert len(branches) == 3
    assert all(np.all(np.abs(ys) <= 15) for _, ys in branches)


def test_continuous_curve_is_one_branch():
    [(xs, ys)] = sample_curve(sympy.sin(x), (-pi, pi), 100)
    assert len(xs) == 100 and ys == pytest.approx(np.sin(xs))


def test_undefined_part_is_left_out():
    [(xs, ys)] = sample_curve(sympy.sqrt(x), (-1, 1), 201)
    assert xs[0] == pytest.approx(0.0) and np.all(np.isfinite(ys))


def test_the_limit_at_minus_infinity_of_an_exponential():
    # CLP-1 1.5 Q5: 2^x -> 0 as x -> -oo; sympy 1.14's limit(2**x, x, -oo) says oo
    assert graph_features(f_("2^x"), HYPERBOLIC).to_json()["asymptotes"] == ["y = 0"]
    assert graph_features(f_("3^x + 1"), HYPERBOLIC).to_json()["asymptotes"] == ["y = 1"]

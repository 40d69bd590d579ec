"""Tangent and secant lines, and derivative_at, against hand-worked answers."""

import json

import pytest
import sympy

from mathcore.errors import MathError
from mathcore.lines import (
    NotDifferentiable,
    derivative_at,
    secant_line,
    singular_derivatives,
    tangent_line,
)
from mathcore.parse import parse_formula
from mathcore.symbols import x

pi, oo = sympy.pi, sympy.oo


def f(text: str) -> sympy.Expr:
    return parse_formula(text, ("x",))


def same(a, b) -> bool:
    return sympy.simplify(a - b) == 0


# ---------------------------------------------------------------- ordinary points


def test_tangent_of_x_squared_at_1():
    # f'(1) = 2, y = 1 + 2(x - 1) = 2x - 1
    line = tangent_line(f("x^2"), 1)
    assert line.to_text() == "y = 2*x - 1"
    assert line.point == (1, 1) and line.slope == 2 and not line.vertical


def test_tangent_of_one_over_x_at_2():
    # f'(2) = -1/4, y = 1/2 - (x - 2)/4 = 1 - x/4
    line = tangent_line(f("1/x"), 2)
    assert same(line.equation, 1 - x / 4) and line.slope == sympy.Rational(-1, 4)


def test_tangent_of_sin_at_pi():
    # cos(pi) = -1, y = 0 - (x - pi)
    line = tangent_line(f("sin(x)"), pi)
    assert same(line.equation, pi - x)


def test_secant_lines():
    # x^2 through (0, 0) and (2, 4): slope 2; x^3 - x through (0, 0) and (2, 6): slope 3
    assert secant_line(f("x^2"), 0, 2).to_text() == "y = 2*x"
    assert secant_line(f("x^3 - x"), 0, 2).to_text() == "y = 3*x"
    # sqrt(x) through (1, 1) and (4, 2): slope 1/3, y = 1 + (x - 1)/3
    assert same(secant_line(f("sqrt(x)"), 1, 4).equation, x / 3 + sympy.Rational(2, 3))


def test_secant_needs_two_points_where_f_is_defined():
    with pytest.raises(MathError, match="two different points"):
        secant_line(f("x^2"), 1, 1)
    with pytest.raises(MathError, match="undefined at x = 0"):
        secant_line(f("1/x"), 0, 1)


# ---------------------------------------------------------------- vertical tangents


def test_cube_root_has_a_vertical_tangent_at_0():
    # (h^(1/3) - 0)/h = h^(-2/3) -> oo from both sides
    line = tangent_line(f("x^(1/3)"), 0)
    assert line.vertical and line.slope is None and line.to_text() == "x = 0"
    derivative = derivative_at(f("x^(1/3)"), 0)
    assert derivative.kind == "vertical" and derivative.value is None
    assert derivative.left == oo and derivative.right == oo


def test_shifted_and_reflected_cube_roots():
    assert tangent_line(f("(x - 1)^(1/3)"), 1).to_text() == "x = 1"
    derivative = derivative_at(f("-x^(1/3)"), 0)
    assert derivative.kind == "vertical" and derivative.left == -oo == derivative.right


def test_square_root_at_the_end_of_its_domain():
    # only h > 0 is allowed: 1/sqrt(h) -> oo
    derivative = derivative_at(f("sqrt(x)"), 0)
    assert derivative.kind == "vertical" and derivative.left is None and derivative.right == oo
    assert tangent_line(f("sqrt(x)"), 0).to_text() == "x = 0"


# ---------------------------------------------------------------- corners, cusps


def test_abs_at_0_is_a_corner():
    with pytest.raises(NotDifferentiable, match="corner") as caught:
        tangent_line(f("abs(x)"), 0)
    assert isinstance(caught.value, MathError)
    assert caught.value.derivative.left == -1 and caught.value.derivative.right == 1


def test_corner_of_abs_x_squared_minus_1():
    # |x^2 - 1| near 1: slopes -2x -> -2 from the left, 2x -> 2 from the right
    derivative = derivative_at(f("abs(x^2 - 1)"), 1)
    assert derivative.kind == "corner" and (derivative.left, derivative.right) == (-2, 2)


def test_two_thirds_power_at_0_is_a_cusp():
    derivative = derivative_at(f("x^(2/3)"), 0)
    assert derivative.kind == "cusp" and (derivative.left, derivative.right) == (-oo, oo)
    with pytest.raises(NotDifferentiable, match="cusp"):
        tangent_line(f("x^(2/3)"), 0)


def test_kinks_elsewhere_do_not_matter():
    # |x| at 1 is just x; x|x| at 0 has derivative 2|x| = 0
    assert tangent_line(f("abs(x)"), 1).to_text() == "y = x"
    derivative = derivative_at(f("x*abs(x)"), 0)
    assert derivative.exists and derivative.value == 0


def test_one_sided_derivative_at_the_end_of_the_domain():
    # x^(3/2) = x*sqrt(x): (h^(3/2))/h = sqrt(h) -> 0 for h > 0; undefined for h < 0
    derivative = derivative_at(f("x^(3/2)"), 0)
    assert derivative.exists and derivative.value == 0
    assert derivative.left is None and derivative.right == 0


def test_undefined_point_is_a_math_error_not_a_corner():
    with pytest.raises(MathError, match="undefined at x = 0") as caught:
        tangent_line(f("1/x"), 0)
    assert not isinstance(caught.value, NotDifferentiable)


def test_singular_derivatives_finds_every_rough_point():
    # |x - 1| + x^(1/3): vertical at 0 (-1 + oo), corner at 1 (-1 + 1/3 and 1 + 1/3)
    found = singular_derivatives(f("abs(x - 1) + x^(1/3)"), (-2, 2))
    assert [(d.at, d.kind) for d in found] == [(0, "vertical"), (1, "corner")]
    assert (found[1].left, found[1].right) == (sympy.Rational(-2, 3), sympy.Rational(4, 3))


def test_json_holds_no_nan_or_zoo():
    for line in (tangent_line(f("x^2"), 3), tangent_line(f("x^(1/3)"), 0)):
        text = json.dumps(line.to_json())
        assert "nan" not in text and "zoo" not in text
    assert tangent_line(f("x^(1/3)"), 0).to_json() == {
        "point": ["0", "0"], "slope": None, "vertical": True, "equation": "x = 0"}


def test_jump_is_not_a_vertical_tangent():
    # sign(x) at 0: the quotient is 1/|h| -> oo on both sides, but f jumps from -1 to 1
    derivative = derivative_at(sympy.sign(x), 0)
    assert derivative.kind == "jump"
    with pytest.raises(NotDifferentiable, match="not continuous"):
        tangent_line(sympy.sign(x), 0)


def test_slowly_closing_quotient():
    # |x|^(4/3) at 0: Q = ±|h|^(1/3) -> 0 on both sides
    derivative = derivative_at(f("x^(4/3)"), 0)
    assert derivative.exists and derivative.value == 0


def test_limit_sympy_gets_wrong_is_estimated_from_numbers():
    # cbrt(x^2 - 1) near 1 is about cbrt(2h), so Q ~ 2^(1/3) |h|^(-2/3) -> oo on both sides
    # (sympy's limit from the left says -oo)
    derivative = derivative_at(f("cbrt(x^2 - 1)"), 1)
    assert derivative.kind == "vertical" and derivative.left == oo == derivative.right

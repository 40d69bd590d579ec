"""implicit against slopes worked out by hand (differentiate both sides, solve for y').

Each test states the hand computation in a comment.
"""

import json
import math

import numpy as np
import pytest
import sympy
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from mathcore.errors import MathError
from mathcore.implicit import (
    NotOnCurve,
    curve_branches,
    curve_window,
    implicit,
    line_text,
    on_curve,
    singular_points,
    tangent_direction,
    vertical_tangent_points,
)
from mathcore.numeric import numeric_function
from mathcore.parse import parse_equation
from mathcore.symbols import x, y

R, sqrt, pi = sympy.Rational, sympy.sqrt, sympy.pi
JSON_KEYS = {"equation", "dydx", "point", "on_curve", "slope", "tangent", "normal",
             "vertical_tangent"}
CIRCLE = "x^2 + y^2 = 25"
FOLIUM = "x^3 + y^3 = 6x*y"


def curve(text: str) -> sympy.Expr:
    return parse_equation(text, ("x", "y"))


def same(a, b) -> bool:
    return sympy.simplify(sympy.sympify(a) - sympy.sympify(b)) == 0


def slope_at(text: str, point) -> sympy.Expr:
    result = implicit(curve(text), point, text)
    assert result.vertical_tangent is False and result.singular is False
    assert result.tangent.lhs == y
    x0, y0 = point
    assert same(result.tangent.rhs, y0 + result.slope * (x - x0))
    return result.slope


# ---------------------------------------------------------------- the circle


def test_circle_at_3_4_as_json():
    # 2x + 2y y' = 0, so y' = -x/y = -3/4; tangent y = 4 - 3/4 (x - 3) = 25/4 - 3x/4;
    # normal, slope 4/3: y = 4 + 4/3 (x - 3) = 4x/3, through the centre
    result = implicit(curve(CIRCLE), (3, 4), CIRCLE)
    data = result.to_json()
    assert set(data) == JSON_KEYS
    assert data == {"equation": CIRCLE, "dydx": "-x/y", "point": ["3", "4"], "on_curve": True,
                    "slope": "-3/4", "tangent": "y = 25/4 - 3*x/4", "normal": "y = 4*x/3",
                    "vertical_tangent": False}
    assert same(result.tangent.rhs, -3 * x / 4 + R(25, 4))
    json.dumps(data)


def test_circle_at_minus_3_4():
    # y' = -x/y = 3/4
    assert slope_at(CIRCLE, (-3, 4)) == R(3, 4)


def test_circle_at_5_0_has_a_vertical_tangent():
    # F_y = 2y = 0 and F_x = 10: the tangent is the line x = 5
    result = implicit(curve(CIRCLE), (5, 0), CIRCLE)
    data = result.to_json()
    assert data["slope"] is None and data["vertical_tangent"] is True
    assert data["tangent"] == "x = 5"
    assert data["normal"] == "y = 0" and result.normal_slope == 0  # flat, through (5, 0)
    assert result.singular is False
    assert "zoo" not in json.dumps(data) and "nan" not in json.dumps(data)


def test_without_a_point():
    result = implicit(curve(CIRCLE))
    data = result.to_json()
    assert data["equation"] == "x**2 + y**2 - 25 = 0"  # no label given
    assert data["dydx"] == "-x/y"
    assert [data[k] for k in ("point", "on_curve", "slope", "tangent", "normal",
                              "vertical_tangent")] == [None] * 6


def test_a_flat_tangent_has_a_vertical_normal():
    # y' = -x/y = 0 at (0, 5): the tangent is y = 5, the normal the line x = 0
    result = implicit(curve(CIRCLE), (0, 5), CIRCLE)
    assert (line_text(result.tangent), line_text(result.normal)) == ("y = 5", "x = 0")
    assert result.normal_slope is None


def test_the_normal_is_at_right_angles_to_the_tangent():
    # folium at (3, 3): slope -1, so the normal has slope 1 through (3, 3): y = x
    result = implicit(curve(FOLIUM), (3, 3), FOLIUM)
    assert result.normal == sympy.Eq(y, x) and result.normal_slope == 1
    # the ellipse at (sqrt 2, sqrt 2 / 2): slope -1/2, normal slope 2: y = 2x - 3 sqrt(2)/2
    result = implicit(curve("x^2/4 + y^2 = 1"), (sqrt(2), sqrt(2) / 2))
    assert same(result.normal.rhs, 2 * x - 3 * sqrt(2) / 2)


def test_the_direction_along_the_curve_is_perpendicular_to_the_gradient():
    # F = x^2 + y^2 - 25: grad F = (2x, 2y), so the curve runs along (2y, -2x)
    along = tangent_direction(implicit(curve(CIRCLE)))
    points = np.array([[3.0, 4.0], [-5.0, 0.0], [0.0, 5.0]])
    headings = np.zeros_like(points)
    assert np.array_equal(along(points, headings), [[8.0, -6.0], [0.0, 10.0], [10.0, 0.0]])


def test_where_the_gradient_vanishes_the_heading_is_kept():
    # folium: F_x = 3x^2 - 6y and F_y = 3y^2 - 6x vanish at the origin; sqrt(x) + sqrt(y)
    # has no gradient at x = -1 (undefined), and the heading given stands there too
    along = tangent_direction(implicit(curve(FOLIUM)))
    got = along(np.array([[0.0, 0.0], [3.0, 3.0]]), np.array([[0.6, 0.8], [1.0, 0.0]]))
    assert np.array_equal(got, [[0.6, 0.8], [9.0, -9.0]])
    along = tangent_direction(implicit(curve("sqrt(x) + sqrt(y) = 13")))
    assert np.array_equal(along(np.array([[-1.0, 4.0]]), np.array([[0.0, 1.0]])), [[0.0, 1.0]])


# ---------------------------------------------------------------- other curves


def test_folium_at_3_3():
    # 3x^2 + 3y^2 y' = 6y + 6x y', so y' = (2y - x^2)/(y^2 - 2x) = (6 - 9)/(9 - 6) = -1
    assert slope_at(FOLIUM, (3, 3)) == -1
    result = implicit(curve(FOLIUM))
    assert same(result.dydx, (2 * y - x**2) / (y**2 - 2 * x))


def test_folium_origin_is_singular():
    # F_x = 3x^2 - 6y and F_y = 3y^2 - 6x both vanish at (0, 0): the curve crosses itself
    result = implicit(curve(FOLIUM), (0, 0), FOLIUM)
    assert result.singular is True
    data = result.to_json()
    assert data["slope"] is None and data["tangent"] is None and data["vertical_tangent"] is False
    assert data["normal"] is None


def test_ellipse():
    # x/2 + 2y y' = 0, so y' = -x/(4y); at (sqrt 2, sqrt 2 / 2): -sqrt2 / (2 sqrt 2) = -1/2
    assert slope_at("x^2/4 + y^2 = 1", (sqrt(2), sqrt(2) / 2)) == R(-1, 2)
    assert implicit(curve("x^2/4 + y^2 = 1"), (2, 0)).vertical_tangent is True


def test_hyperbola_xy_1():
    # y + x y' = 0, so y' = -y/x = -(1/2)/2 = -1/4
    assert slope_at("x*y = 1", (2, R(1, 2))) == R(-1, 4)


def test_semicubical_parabola():
    # 2y y' = 3x^2, so y' = 3x^2/(2y): at (1, 1) 3/2, at (4, 8) 48/16 = 3; a cusp at (0, 0)
    assert slope_at("y^2 = x^3", (1, 1)) == R(3, 2)
    assert slope_at("y^2 = x^3", (4, 8)) == 3
    assert implicit(curve("y^2 = x^3"), (0, 0)).singular is True


def test_hyperbola_x2_minus_y2():
    # 2x - 2y y' = 0, so y' = x/y: 5/4 at (5/3, 4/3); vertical at (1, 0)
    assert slope_at("x^2 - y^2 = 1", (R(5, 3), R(4, 3))) == R(5, 4)
    result = implicit(curve("x^2 - y^2 = 1"), (1, 0))
    assert result.vertical_tangent is True and result.to_json()["tangent"] == "x = 1"


def test_sin_plus_cos():
    # cos x - sin y y' = 0, so y' = cos x / sin y; at (pi/6, pi/3): (sqrt3/2)/(sqrt3/2) = 1
    assert slope_at("sin(x) + cos(y) = 1", (pi / 6, pi / 3)) == 1


def test_exponential():
    # e^y y' = 1, so y' = e^(-y) = 1/x; at (e, 1) the slope is 1/e
    text = "e^y = x"
    assert same(slope_at(text, (sympy.E, 1)), sympy.exp(-1))
    assert same(implicit(curve(text)).dydx, sympy.exp(-y))


def test_slope_zero_is_a_horizontal_tangent():
    # at (0, 5) on the circle: y' = -0/5 = 0, tangent y = 5
    result = implicit(curve(CIRCLE), (0, 5))
    assert result.slope == 0 and result.to_json()["tangent"] == "y = 5"


# ---------------------------------------------------------------- errors


def test_point_not_on_the_curve():
    # 3^2 + 5^2 = 34, not 25: the sides differ by 9
    with pytest.raises(NotOnCurve) as caught:
        implicit(curve(CIRCLE), (3, 5), CIRCLE)
    assert str(caught.value).startswith("(3, 5) is not on x^2 + y^2 = 25:")
    assert "9" in str(caught.value)
    assert caught.value.value == 9
    assert isinstance(caught.value, MathError)


def test_corner_has_no_tangent():
    with pytest.raises(MathError, match="no tangent at \\(0, 0\\)"):
        implicit(curve("y = abs(x)"), (0, 0))


def test_equation_without_y_is_refused():
    with pytest.raises(MathError, match="does not involve y"):
        implicit(curve("x^2 = 4"))


def test_on_curve():
    F = curve(CIRCLE)
    assert on_curve(F, 3, 4) and on_curve(F, -5, 0)
    assert on_curve(F, sqrt(7), 3 * sqrt(2))          # 7 + 18 = 25
    assert not on_curve(F, 3, 5)
    assert not on_curve(F, 3, 4 + sympy.Rational(1, 10**12))
    assert on_curve(curve("x^2 + y^2 = 1"), 0.6, 0.8)  # floats, within rounding


# ---------------------------------------------------------------- vertical tangents


def test_vertical_tangent_points_of_the_circle():
    points = vertical_tangent_points(curve(CIRCLE), (-6, 6), (-6, 6))
    assert [(p.x, p.y) for p in points] == [(-5, 0), (5, 0)]


def test_vertical_tangent_point_of_the_folium():
    # F_y = 3y^2 - 6x = 0 gives x = y^2/2; then y^3 (y^3/8 - 2) = 0: y = 0 is the singular
    # origin (F_x = 0 too), y^3 = 16 gives (2^(5/3), 2^(4/3))
    points = vertical_tangent_points(curve(FOLIUM), (-5, 5), (-5, 5))
    assert len(points) == 1
    assert same(points[0].x, 2 ** R(5, 3)) and same(points[0].y, 2 ** R(4, 3))


def test_vertical_tangent_points_found_numerically():
    # F_y = -sin y = 0: y = 0 or ±pi; with cos y = 1, sin x = 0; cos y = -1 needs sin x = 2
    points = vertical_tangent_points(curve("sin(x) + cos(y) = 1"), (-4, 4), (-4, 4))
    assert [(p.x, p.y) for p in points] == [(-pi, 0), (0, 0), (pi, 0)]


def test_vertical_tangent_points_near_poles_are_all_found():
    # 4x^5 + tan y = 5x + y^2 (issue 10): F_y = sec^2 y - 2y = 0 at y = 2.08284, 4.36721
    # and 5.03304 in (0, 6) (none for y < 1/2), and for each the quintic
    # 4x^5 - 5x = y^2 - tan y has one real root in [-3, 3]: three points; the third, close
    # to the pole at 3 pi/2, was missed by a search from an 8 x 8 grid of starts alone
    points = vertical_tangent_points(curve("4x^5 + tan(y) = 5x + y^2"), (-3, 3), (-6, 6))
    found = [(round(p.xf, 4), round(p.yf, 4)) for p in points]
    assert found == [(1.2536, 2.0828), (1.4239, 4.3672), (1.5528, 5.033)]


def test_no_vertical_tangent_is_reported_beside_a_singular_point():
    # Active Calculus 2.7 exercise 12: 2y^3 + y^2 - y^5 = x^4 - 2x^3 + x^2 crosses itself at
    # (0, 0) and (1, 0), where F_x = F_y = 0. solve gives up on F = F_y = 0, and the numeric
    # search crept towards the crossing at (0, 0), stopping at (-3e-6, 0) where F_x is small
    # but not 0: that was reported as a vertical tangent. The six true ones: where
    # -5y^3 + 6y + 2 = 0 at y = -0.3785 (four) and y = 1.2345 (two)
    F = curve("2y^3 + y^2 - y^5 = x^4 - 2x^3 + x^2")
    points = vertical_tangent_points(F, (-6, 6), (-6, 3))
    assert [(round(p.xf, 4), round(p.yf, 4)) for p in points] == [
        (-0.8437, 1.2345), (-0.1755, -0.3785), (0.2911, -0.3785), (0.7089, -0.3785),
        (1.1755, -0.3785), (1.8437, 1.2345)]


def test_singular_points_of_polynomial_curves():
    # folium: F_x = 3x^2 - 6y = 0 and F_y = 3y^2 - 6x = 0 give (0, 0) and (2, 2); F(2, 2) = -8
    assert [(p.x, p.y) for p in singular_points(curve(FOLIUM), (-5, 5), (-5, 5))] == [(0, 0)]
    # the nodal cubic y^2 = x^2 (x + 1) crosses itself at the origin
    nodal = curve("y^2 = x^2*(x + 1)")
    assert [(p.x, p.y) for p in singular_points(nodal, (-2, 2), (-2, 2))] == [(0, 0)]
    assert singular_points(curve(CIRCLE), (-6, 6), (-6, 6)) == ()


def test_singular_points_found_numerically():
    # sin x sin y = 0 is a grid of lines; grad F = (cos x sin y, sin x cos y) vanishes on
    # the curve where sin x = sin y = 0: the crossings (k pi, m pi)
    points = singular_points(curve("sin(x)*sin(y) = 0"), (-4, 4), (-4, 4))
    expected = [(a, b) for a in (-pi, 0, pi) for b in (-pi, 0, pi)]
    assert [(p.x, p.y) for p in points] == expected


def test_a_smooth_quartic_has_no_special_points():
    # x^3 y + x y^3 = 2: F_y = x (x^2 + 3y^2) = 0 needs x = 0, where F = -2, or x^2 = -3y^2,
    # which is not real; F_x = y (3x^2 + y^2) = 0 as well only at the origin, off the curve.
    # solve gives the complex solutions with x^2 = -3y^2, and none may be taken for a point.
    quartic = curve("x^3*y + x*y^3 = 2")
    assert vertical_tangent_points(quartic, (-6, 6), (-6, 6)) == ()
    assert singular_points(quartic, (-6, 6), (-6, 6)) == ()


# ---------------------------------------------------------------- sampling the curve


def test_circle_is_one_closed_branch():
    branches = curve_branches(curve(CIRCLE), (-6, 6), (-6, 6))
    assert len(branches) == 1
    loop = branches[0]
    assert np.allclose(loop[0], loop[-1])
    assert np.all(np.abs(np.hypot(loop[:, 0], loop[:, 1]) - 5) < 0.01)
    assert len(loop) > 100


def test_hyperbola_has_two_branches():
    branches = curve_branches(curve("x^2 - y^2 = 1"), (-3, 3), (-3, 3))
    assert len(branches) == 2
    assert sorted(np.sign(b[:, 0]).mean() for b in branches) == [-1, 1]


def test_no_branch_jumps_across_a_pole():
    # y = tan x on [-3, 3]: three pieces separated by the poles at ±pi/2
    branches = curve_branches(curve("y = tan(x)"), (-3, 3), (-5, 5))
    assert len(branches) == 3
    for branch in branches:
        side = np.sign(np.abs(branch[:, 0]) - math.pi / 2)
        assert np.all(side == side[0]) or np.all(np.abs(branch[:, 0]) < math.pi / 2)
        assert np.all(np.abs(branch[:, 1] - np.tan(branch[:, 0])) < 0.05)


def test_no_branch_runs_along_a_pole():
    # 4x^5 + tan y = 5x + y^2 (issue 10): across tan's poles y = pi/2 + k pi, F leaps from
    # +oo to -oo; where a pole lies close to a grid row the interpolated "crossing" used to
    # be taken for the curve, making horizontal strokes just beside each pole. Every point
    # drawn must be on the curve: F changes sign within 0.01 of it, along x or along y.
    F = curve("4x^5 + tan(y) = 5x + y^2")
    f = numeric_function(F, (x, y))
    points = np.vstack(curve_branches(F, (-6, 6), (-6, 6)))
    px, py, step = points[:, 0], points[:, 1], 0.01
    across = np.sign(f(px, py - step)) != np.sign(f(px, py + step))
    along = np.sign(f(px - step, py)) != np.sign(f(px + step, py))
    assert np.all(across | along), points[~(across | along)][:5]


# ---------------------------------------------------------------- the window


def test_a_bounded_curve_gets_a_window_round_its_extent():
    # the circle of radius 5, with a tenth of its span to spare each side
    assert curve_window(curve(CIRCLE)) == ((-6, 6), (-6, 6))
    # x^2 + y^2 = 400 is not in the first box searched, [-6, 6]^2: the search widens
    assert curve_window(curve("x^2 + y^2 = 400")) == ((-30, 30), (-30, 30))


def test_the_window_holds_the_point_and_its_curve():
    # issue 10: sqrt(x) + sqrt(y) = 13 at (81, 16) was refused by the default [-6, 6]; the
    # curve runs from (0, 169) to (169, 0) and is all shown
    (x_low, x_high), (y_low, y_high) = curve_window(curve("sqrt(x) + sqrt(y) = 13"), (81, 16))
    assert x_low <= 0 and x_high >= 169 and y_low <= 0 and y_high >= 169
    assert x_high - x_low <= 300 and y_high - y_low <= 300


def test_an_unbounded_curve_gets_the_default_window():
    # the hyperbola and the folium run off every box: the default window near the origin
    for equation in ("x*y = 1", FOLIUM):
        assert curve_window(curve(equation)) == ((-6, 6), (-6, 6))


def test_a_far_point_of_an_unbounded_curve_is_inside_its_window():
    # xy = 1296 at (81, 16): the box round the origin reaches past the point
    (x_low, x_high), (y_low, y_high) = curve_window(curve("x*y = 1296"), (81, 16))
    assert x_low < 81 < x_high and y_low < 16 < y_high


def test_a_given_range_is_kept_and_the_other_follows_the_curve():
    # the circle over x in [3, 5] reaches y = +-4
    x_range, y_range = curve_window(curve(CIRCLE), x_range=(3, 5))
    assert x_range == (3, 5)
    assert y_range[0] <= -4 and y_range[1] >= 4 and y_range[1] - y_range[0] <= 12


def test_a_curve_found_nowhere_is_refused():
    with pytest.raises(MathError, match="no part of the curve"):
        curve_window(curve("x^2 + y^2 = -1"))


# ---------------------------------------------------------------- property


@settings(max_examples=25, deadline=None)
@given(a=st.integers(1, 5), b=st.integers(1, 5), p=st.integers(-3, 3), q=st.integers(-3, 3),
       angle=st.floats(0.0, 2 * math.pi))
def test_slope_matches_a_step_along_the_curve(a, b, p, q, angle):
    # the ellipse ((x - p)/a)^2 + ((y - q)/b)^2 = 1 is (p + a cos t, q + b sin t)
    assume(abs(math.sin(angle)) > 0.1)  # away from the vertical tangents
    F = ((x - p) / a) ** 2 + ((y - q) / b) ** 2 - 1
    result = implicit(F)

    def at(t):
        return p + a * math.cos(t), q + b * math.sin(t)

    step = 1e-6
    (x1, y1), (x2, y2) = at(angle - step), at(angle + step)
    secant = (y2 - y1) / (x2 - x1)
    x0, y0 = at(angle)
    dydx = float(result.dydx.subs({x: x0, y: y0}))
    assert dydx == pytest.approx(secant, rel=1e-5, abs=1e-6)
    slope = implicit(F, (x0, y0)).slope
    assert float(slope) == pytest.approx(secant, rel=1e-5, abs=1e-6)

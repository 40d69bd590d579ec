"""critical_points against textbook answers worked out by hand.

Each test states the gradient and the solutions of grad f = 0 in a comment;
the expected values are those hand results, not output of the code.
"""

import functools
import json
import math

import numpy as np
import pytest
import sympy
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from mathcore import critical_exact
from mathcore.critical import CriticalAnalysis, CriticalPoint, critical_points
from mathcore.errors import MathError
from mathcore.numeric import numeric_function
from mathcore.symbols import parameter, x, y

pi, sqrt, exp = sympy.pi, sympy.sqrt, sympy.exp
SQUARE_1 = ((-1, 1), (-1, 1))
SQUARE_2 = ((-2, 2), (-2, 2))

POINT_KEYS = {"x", "y", "xf", "yf", "fxx", "fyy", "fxy", "D", "type", "probe"}
ANALYSIS_KEYS = {"function", "gradient", "complete", "points", "curves", "window", "nearest"}
SEED = x**3 + y**3 - 3 * x**2 + 3 * y**2
XY_GAUSSIAN = x * y * exp(-x**2 - y**2)
SIN_COS_TILTED = sympy.sin(x) * sympy.cos(y) + x / 10

# The analysis is deterministic: tests that look at the same one share it.
analysed = functools.cache(critical_points)


def is_exactly(value, expected) -> bool:
    return value is not None and sympy.simplify(value - expected) == 0


def assert_points(result: CriticalAnalysis, expected: list[tuple]) -> None:
    """``expected``: (x, y, type) with exact coordinates, in any order."""
    assert len(result.points) == len(expected), [(p.x, p.y) for p in result.points]
    for ex, ey, kind in expected:
        point = point_at(result, ex, ey)
        assert is_exactly(point.x, ex) and is_exactly(point.y, ey), (point.x, point.y)
        assert point.type == kind, (ex, ey, point.type)
    assert_verified(result)


def point_at(result: CriticalAnalysis, ex, ey) -> CriticalPoint:
    near = [p for p in result.points
            if math.isclose(p.xf, float(ex), abs_tol=1e-9)
            and math.isclose(p.yf, float(ey), abs_tol=1e-9)]
    assert len(near) == 1, f"no single point at ({ex}, {ey}): {[(p.x, p.y) for p in result.points]}"
    return near[0]


def assert_verified(result: CriticalAnalysis) -> None:
    """Independent check: grad f vanishes at every differentiable point; order is by (x, y)."""
    gradient = [numeric_function(sympy.diff(result.function, v), (x, y)) for v in (x, y)]
    for p in result.points:
        if p.differentiable:
            assert abs(gradient[0](p.xf, p.yf)) < 1e-8 and abs(gradient[1](p.xf, p.yf)) < 1e-8
    keys = [(p.xf, p.yf) for p in result.points]
    assert keys == sorted(keys)


def assert_second_derivatives(point: CriticalPoint, fxx, fyy, fxy, D) -> None:
    for value, expected in ((point.fxx, fxx), (point.fyy, fyy), (point.fxy, fxy), (point.D, D)):
        assert is_exactly(value, expected), (value, expected)


# ------------------------------------------------------------- textbook functions


def test_saddle_x2_minus_y2():
    # f_x = 2x, f_y = -2y: (0, 0); f_xx = 2, f_yy = -2, D = -4 < 0
    result = critical_points(x**2 - y**2, SQUARE_2)
    assert_points(result, [(0, 0, "saddle")])
    assert_second_derivatives(result.points[0], 2, -2, 0, -4)
    assert result.complete and result.curves == ()


def test_seed_example_has_exactly_four_points():
    # f_x = 3x^2 - 6x = 3x(x - 2), f_y = 3y^2 + 6y = 3y(y + 2): x in {0, 2}, y in {0, -2}
    # f_xx = 6x - 6, f_yy = 6y + 6, f_xy = 0
    result = analysed(SEED, ((-3, 3), (-3, 3)))
    assert_points(result, [(0, 0, "saddle"), (0, -2, "local max"),
                           (2, 0, "local min"), (2, -2, "saddle")])
    assert_second_derivatives(point_at(result, 0, 0), -6, 6, 0, -36)
    assert_second_derivatives(point_at(result, 0, -2), -6, -6, 0, 36)
    assert_second_derivatives(point_at(result, 2, 0), 6, 6, 0, 36)
    assert_second_derivatives(point_at(result, 2, -2), 6, -6, 0, -36)
    assert point_at(result, 0, -2).value == 4  # 0 + (-8) - 0 + 12
    assert point_at(result, 2, 0).value == -4  # 8 - 12
    assert [(p.xf, p.yf) for p in result.points] == [(0, -2), (0, 0), (2, -2), (2, 0)]
    assert all(p.probe is None and p.differentiable for p in result.points)
    assert result.complete


def test_double_well():
    # f_x = 4x^3 - 4x = 4x(x - 1)(x + 1), f_y = 2y; f_xx = 12x^2 - 4, f_yy = 2
    result = critical_points(x**4 - 2 * x**2 + y**2, SQUARE_2)
    assert_points(result, [(-1, 0, "local min"), (0, 0, "saddle"), (1, 0, "local min")])
    assert_second_derivatives(point_at(result, 1, 0), 8, 2, 0, 16)
    assert_second_derivatives(point_at(result, 0, 0), -4, 2, 0, -8)


def test_upside_down_bowl():
    # f_x = -2x, f_y = -2y; f_xx = f_yy = -2, D = 4 > 0 and f_xx < 0; f(0, 0) = 4
    result = critical_points(-(x**2 + y**2) + 4, SQUARE_2)
    assert_points(result, [(0, 0, "local max")])
    assert_second_derivatives(result.points[0], -2, -2, 0, 4)
    assert result.points[0].value == 4


def test_xy_gaussian_has_saddle_two_maxima_two_minima():
    # f_x = y(1 - 2x^2)e^(-r^2), f_y = x(1 - 2y^2)e^(-r^2): (0, 0) and x^2 = y^2 = 1/2
    # f_xx = -2xy(3 - 2x^2)e^(-r^2) = -2/e at (s, s), s = 1/sqrt(2); f_xy = 0 there
    s = 1 / sqrt(2)
    result = analysed(XY_GAUSSIAN, SQUARE_2)
    assert_points(result, [(0, 0, "saddle"), (s, s, "local max"), (-s, -s, "local max"),
                           (s, -s, "local min"), (-s, s, "local min")])
    assert_second_derivatives(point_at(result, 0, 0), 0, 0, 1, -1)
    assert_second_derivatives(point_at(result, s, s), -2 / sympy.E, -2 / sympy.E, 0,
                              4 / sympy.E**2)
    assert is_exactly(point_at(result, s, s).value, 1 / (2 * sympy.E))
    assert result.complete


def test_sin_sin_on_bounded_square():
    # f_x = cos x sin y, f_y = sin x cos y on [-2, 2]^2 (pi/2 < 2 < pi):
    # sin y = sin x = 0 -> (0, 0); cos x = cos y = 0 -> (+-pi/2, +-pi/2)
    # (0, 0): f_xy = 1, D = -1; (pi/2, pi/2): f = 1, f_xx = -1, D = 1
    result = critical_points(sympy.sin(x) * sympy.sin(y), SQUARE_2)
    h = pi / 2
    assert_points(result, [(0, 0, "saddle"), (h, h, "local max"), (-h, -h, "local max"),
                           (h, -h, "local min"), (-h, h, "local min")])
    assert result.complete


def test_sin_plus_cos_on_closed_square_includes_edge_points():
    # f_x = cos x = 0 -> x = +-pi/2; f_y = -sin y = 0 -> y in {-pi, 0, pi} (closed domain)
    # f_xx = -sin x, f_yy = -cos y, f_xy = 0
    # (pi/2, 0): -1, -1 -> max; (-pi/2, 0): 1, -1 -> saddle;
    # (pi/2, +-pi): -1, 1 -> saddle; (-pi/2, +-pi): 1, 1 -> min
    result = critical_points(sympy.sin(x) + sympy.cos(y), ((-pi, pi), (-pi, pi)))
    h = pi / 2
    assert_points(result, [(h, 0, "local max"), (-h, 0, "saddle"),
                           (h, pi, "saddle"), (h, -pi, "saddle"),
                           (-h, pi, "local min"), (-h, -pi, "local min")])
    assert str(point_at(result, -h, -pi).x) == "-pi/2"
    assert result.complete


def test_shifted_bowl():
    # f_x = 2x - 2, f_y = 2y + 4: (1, -2); f = 1 + 4 - 2 - 8 = -5; D = 4
    result = critical_points(x**2 + y**2 - 2 * x + 4 * y, ((-3, 3), (-3, 3)))
    assert_points(result, [(1, -2, "local min")])
    assert result.points[0].value == -5
    assert_second_derivatives(result.points[0], 2, 2, 0, 4)


def test_cubic_with_mixed_term():
    # f_x = 3x^2 - 3y, f_y = 3y^2 - 3x: y = x^2, x^4 = x -> x in {0, 1}
    # (0, 0): f_xx = f_yy = 0, f_xy = -3, D = -9; (1, 1): 6, 6, -3, D = 27, f = -1
    result = critical_points(x**3 - 3 * x * y + y**3, SQUARE_2)
    assert_points(result, [(0, 0, "saddle"), (1, 1, "local min")])
    assert_second_derivatives(point_at(result, 0, 0), 0, 0, -3, -9)
    assert_second_derivatives(point_at(result, 1, 1), 6, 6, -3, 27)
    assert point_at(result, 1, 1).value == -1


def test_quartic_bowl_is_inconclusive_probe_min():
    # f_x = 4x^3, f_y = 4y^3: (0, 0); every second derivative is 0 there, D = 0
    result = critical_points(x**4 + y**4, SQUARE_1)
    assert_points(result, [(0, 0, "inconclusive")])
    assert_second_derivatives(result.points[0], 0, 0, 0, 0)
    assert result.points[0].probe == "local min"


def test_quartic_cap_is_inconclusive_probe_max():
    result = critical_points(-(x**4 + y**4), SQUARE_1)
    assert_points(result, [(0, 0, "inconclusive")])
    assert result.points[0].probe == "local max"


def test_monkey_saddle_probe_saddle():
    # f_x = 3x^2 - 3y^2, f_y = -6xy: only (0, 0); f_xx = 6x, f_yy = -6x, f_xy = -6y: all 0
    result = critical_points(x**3 - 3 * x * y**2, SQUARE_1)
    assert_points(result, [(0, 0, "inconclusive")])
    assert result.points[0].probe == "saddle"


def test_x2_plus_y3_is_inconclusive_probe_saddle():
    # f_x = 2x, f_y = 3y^2: (0, 0); f_xx = 2, f_yy = 0, D = 0; f(0, t) = t^3 changes sign
    result = critical_points(x**2 + y**3, SQUARE_1)
    assert_points(result, [(0, 0, "inconclusive")])
    assert_second_derivatives(result.points[0], 2, 0, 0, 0)
    assert result.points[0].probe == "saddle"


def test_x2y2_has_two_lines_of_critical_points():
    # f_x = 2xy^2, f_y = 2x^2y: zero on the whole x = 0 and y = 0 axes
    result = critical_points(x**2 * y**2, SQUARE_1)
    assert [c.text for c in result.curves] == ["x = 0", "y = 0"]
    assert result.points == ()
    assert result.complete


def test_line_of_minima_is_a_curve():
    # f = (x - y)^2: f_x = 2(x - y), f_y = -2(x - y): the whole line y = x (D = 4 - 4 = 0)
    result = critical_points((x - y) ** 2, SQUARE_1)
    assert [c.text for c in result.curves] == ["x = y"]
    assert result.points == ()
    assert result.complete


def test_curve_known_only_implicitly():
    # f = sin(x + y): f_x = f_y = cos(x + y), zero on the lines x + y = pi/2 + k pi;
    # x + y = +-pi/2 cross [-2, 2]^2, and there are no isolated critical points
    result = critical_points(sympy.sin(x + y), SQUARE_2)
    assert [c.text for c in result.curves] == ["cos(x + y) = 0"]
    assert result.points == ()
    assert result.complete


def test_ring_of_minima_and_a_peak():
    # f = (x^2 + y^2 - 1)^2: f_x = 4x(r^2 - 1), f_y = 4y(r^2 - 1): the unit circle and (0, 0)
    # f_xx = 4(3x^2 + y^2 - 1) = -4 at the origin, f_yy = -4, f_xy = 8xy = 0 -> D = 16, max
    result = critical_points((x**2 + y**2 - 1) ** 2, SQUARE_2)
    assert [c.text for c in result.curves] == ["x**2 + y**2 - 1 = 0"]
    assert_points(result, [(0, 0, "local max")])
    assert_second_derivatives(result.points[0], -4, -4, 0, 16)


def test_cone_is_not_differentiable_at_the_tip():
    # f_x = x / sqrt(x^2 + y^2): undefined at (0, 0) (and nowhere zero elsewhere)
    result = critical_points(sqrt(x**2 + y**2), SQUARE_1)
    assert_points(result, [(0, 0, "inconclusive")])
    tip = result.points[0]
    assert not tip.differentiable
    assert (tip.fxx, tip.fyy, tip.fxy, tip.D) == (None, None, None, None)
    assert tip.probe == "local min"
    assert tip.to_json()["D"] is None


def test_abs_plus_abs_has_one_point_at_the_corner():
    # f_x = sign(x) does not exist on x = 0, f_y = sign(y) not on y = 0; elsewhere both are
    # +-1, and on an axis the other partial is +-1 except at the origin.
    result = critical_points(sympy.Abs(x) + sympy.Abs(y), SQUARE_1)
    assert_points(result, [(0, 0, "inconclusive")])
    assert not result.points[0].differentiable
    assert result.points[0].probe == "local min"


def test_abs_x_plus_y2():
    # f_x does not exist on x = 0, f_y = 2y = 0 at y = 0 -> (0, 0), a minimum
    result = critical_points(sympy.Abs(x) + y**2, SQUARE_1)
    assert_points(result, [(0, 0, "inconclusive")])
    assert result.points[0].probe == "local min"


def test_x_abs_x_is_differentiable_but_has_no_second_derivative():
    # f = x|x| + y^2: f_x = 2|x| exists everywhere, so (0, 0) is stationary;
    # f_xx = 2 sign(x) jumps at x = 0 -> None; f(t, 0) = t|t| changes sign -> saddle
    result = critical_points(x * sympy.Abs(x) + y**2, SQUARE_1)
    assert_points(result, [(0, 0, "inconclusive")])
    point = result.points[0]
    assert point.differentiable
    assert point.fxx is None and point.D is None
    assert point.probe == "saddle"


def test_gaussian_peak():
    # f_x = -2x e^(-r^2), f_y = -2y e^(-r^2): (0, 0); f_xx = f_yy = -2, D = 4; f = 1
    result = critical_points(exp(-(x**2 + y**2)), SQUARE_2)
    assert_points(result, [(0, 0, "local max")])
    assert_second_derivatives(result.points[0], -2, -2, 0, 4)
    assert result.points[0].value == 1


def test_xy_saddle():
    # f_x = y, f_y = x: (0, 0); f_xy = 1, D = -1
    result = critical_points(x * y, SQUARE_1)
    assert_points(result, [(0, 0, "saddle")])
    assert_second_derivatives(result.points[0], 0, 0, 1, -1)


def test_critical_point_outside_domain_gives_empty_list():
    # the only critical point is (5, 5)
    result = critical_points((x - 5) ** 2 + (y - 5) ** 2, SQUARE_1)
    assert result.points == () and result.curves == ()
    assert result.complete


def test_plane_has_no_critical_points():
    result = critical_points(2 * x - 3 * y + 1, SQUARE_1)
    assert result.points == () and result.curves == () and result.complete


def test_constant_function_is_critical_everywhere():
    result = critical_points(sympy.Integer(3), SQUARE_1)
    assert [c.text for c in result.curves] == ["every point"]
    assert result.points == ()


def test_exact_domain_ends():
    # sin x cos y on [0, 2 pi] x [0, pi]: cos x cos y = 0 and sin x sin y = 0
    # -> (pi/2, 0), (3pi/2, 0), (pi/2, pi), (3pi/2, pi) and (0, pi/2), (pi, pi/2), (2pi, pi/2)
    result = critical_points(sympy.sin(x) * sympy.cos(y), ((0, 2 * pi), (0, pi)))
    h = pi / 2
    assert_points(result, [(h, 0, "local max"), (3 * h, 0, "local min"),
                           (h, pi, "local min"), (3 * h, pi, "local max"),
                           (0, h, "saddle"), (pi, h, "saddle"), (2 * pi, h, "saddle")])


# ------------------------------------------------------------- the numeric fallback


def test_timeout_falls_back_to_numeric_search():
    # f = sin x cos y + x/10: f_x = cos x cos y + 1/10, f_y = -sin x sin y.
    # sin x = 0 -> x = 0, cos y = -1/10 -> y = +-a; sin y = 0 -> y = 0, cos x = -1/10 -> x = +-a
    # with a = acos(-1/10) ~ 1.671 < 2. f_xx = f_yy = -sin x cos y, f_xy = -cos x sin y:
    # (0, +-a): 0, 0, -+sin a -> D < 0 saddle; (a, 0): -sin a (< 0), D = sin^2 a -> max.
    a = math.acos(-0.1)
    expected = {(-a, 0.0): "local min", (a, 0.0): "local max",
                (0.0, -a): "saddle", (0.0, a): "saddle"}
    result = analysed(SIN_COS_TILTED, SQUARE_2, seconds=0.001)
    assert not result.complete
    assert len(result.points) == 4
    for p in result.points:
        kind = [k for (ex, ey), k in expected.items()
                if math.isclose(p.xf, ex, abs_tol=1e-9) and math.isclose(p.yf, ey, abs_tol=1e-9)]
        assert kind == [p.type], (p.xf, p.yf, p.type)
        assert p.D == pytest.approx(0.99 if p.type != "saddle" else -0.99)  # sin^2 a = 0.99
    assert_verified(result)


def test_same_function_with_time_is_exact_and_complete():
    a = sympy.acos(-sympy.Rational(1, 10))
    result = critical_points(SIN_COS_TILTED, SQUARE_2)
    assert result.complete
    assert_points(result, [(-a, 0, "local min"), (a, 0, "local max"),
                           (0, -a, "saddle"), (0, a, "saddle")])
    assert is_exactly(point_at(result, a, 0).D, sympy.Rational(99, 100))


def test_transcendental_system_recovers_exact_point_numerically():
    # f = x^2 + y^2 + xy sin(xy): sympy cannot solve the two-variable transcendental system.
    # x f_x + y f_y = 2x^2 + 2y^2 + 2u sin u + 2u^2 cos u (u = xy) > 0 on [-1, 1]^2
    # except at the origin, so (0, 0) is the only critical point; f_xx = f_yy = 2, f_xy = 0.
    result = critical_points(x**2 + y**2 + x * y * sympy.sin(x * y), SQUARE_1)
    assert not result.complete
    assert_points(result, [(0, 0, "local min")])
    assert result.points[0].x == 0 and isinstance(result.points[0].x, sympy.Integer)
    assert_second_derivatives(result.points[0], 2, 2, 0, 4)


# ------------------------------------------------------------- property


@st.composite
def quadratic_forms(draw):
    """a x^2 + b xy + c y^2 + d x + e y with 4ac - b^2 != 0, and its critical point."""
    coefficient = st.fractions(min_value=-5, max_value=5, max_denominator=4)
    a, b, c, d, e = (sympy.Rational(draw(coefficient)) for _ in range(5))
    determinant = 4 * a * c - b**2
    assume(determinant != 0)
    # f_x = 2a x + b y + d = 0, f_y = b x + 2c y + e = 0, by Cramer's rule:
    x0 = (b * e - 2 * c * d) / determinant
    y0 = (b * d - 2 * a * e) / determinant
    return a, b, c, d, e, x0, y0


@settings(max_examples=25, deadline=None)
@given(quadratic_forms())
def test_quadratic_form_verdict_matches_hessian_eigenvalues(form):
    a, b, c, d, e, x0, y0 = form
    f = a * x**2 + b * x * y + c * y**2 + d * x + e * y
    domain = tuple((sympy.floor(v) - 1, sympy.ceiling(v) + 1) for v in (x0, y0))
    result = critical_points(f, domain)
    assert result.complete
    assert len(result.points) == 1
    point = result.points[0]
    assert point.x == x0 and point.y == y0
    eigenvalues = np.linalg.eigvalsh(np.array([[2 * a, b], [b, 2 * c]], dtype=float))
    if np.all(eigenvalues > 0):
        assert point.type == "local min"
    elif np.all(eigenvalues < 0):
        assert point.type == "local max"
    else:
        assert point.type == "saddle"


# ------------------------------------------------------------- JSON and inputs


def test_to_json_shape_of_the_seed():
    result = analysed(SEED, ((-3, 3), (-3, 3)))
    data = result.to_json()
    assert set(data) == ANALYSIS_KEYS
    assert data["function"] == str(result.function)
    assert data["gradient"] == ["3*x**2 - 6*x", "3*y**2 + 6*y"]
    assert data["complete"] is True
    assert data["curves"] == []
    origin = data["points"][1]
    assert set(origin) == POINT_KEYS
    assert origin == {"x": "0", "y": "0", "xf": 0.0, "yf": 0.0, "fxx": -6.0, "fyy": 6.0,
                      "fxy": 0.0, "D": -36.0, "type": "saddle", "probe": None}
    for point in data["points"]:
        assert isinstance(point["x"], str) and isinstance(point["y"], str)
        assert all(type(point[k]) is float for k in ("xf", "yf", "fxx", "fyy", "fxy", "D"))
    assert json.loads(json.dumps(data)) == data


def test_to_json_exact_and_numeric_coordinates():
    s = 1 / sqrt(2)
    exact = analysed(XY_GAUSSIAN, SQUARE_2)
    assert point_at(exact, s, s).to_json()["x"] == "sqrt(2)/2"
    numeric = analysed(SIN_COS_TILTED, SQUARE_2, seconds=0.001)
    for point in numeric.to_json()["points"]:
        assert float(point["x"]) == pytest.approx(point["xf"])
    json.dumps(numeric.to_json())


def test_to_json_of_curves_and_probe():
    data = critical_points(x**2 * y**2, SQUARE_1).to_json()
    assert data["curves"] == ["x = 0", "y = 0"] and data["points"] == []
    probe = critical_points(x**4 + y**4, SQUARE_1).to_json()["points"][0]
    assert probe["type"] == "inconclusive" and probe["probe"] == "local min"
    assert probe["D"] == 0.0


def test_results_are_frozen():
    result = critical_points(x * y, SQUARE_1)
    with pytest.raises(AttributeError):
        result.complete = False
    with pytest.raises(AttributeError):
        result.points[0].type = "local min"


def test_gradient_and_hessian_are_exact():
    result = critical_points(x**3 * y, SQUARE_1)
    assert result.gradient == (3 * x**2 * y, x**3)
    assert result.hessian == ((6 * x * y, 3 * x**2), (3 * x**2, 0))


@pytest.mark.parametrize("domain", [((1, -1), (-1, 1)), ((-1, 1), (2, 2)),
                                    ((-1, sympy.oo), (-1, 1))])
def test_bad_domain_is_refused(domain):
    with pytest.raises(MathError, match="domain"):
        critical_points(x * y, domain)


def test_unknown_symbol_is_refused():
    with pytest.raises(MathError, match="depend on x and y only"):
        critical_points(parameter("a") * x**2 + y**2, SQUARE_1)


# ------------------------------------------------------------- completeness (found by fuzzing)

# f_x = 5x^4 y^3 - 12x^3 y + 2y^6 + y^3 - 2x, f_y = 3x (x^4 y^2 - x^3 + 4y^5 + y^2).
# x = 0 gives 2y^6 + y^3 = 0: (0, 0) and (0, -2^(-1/3)); the other factor with f_x = 0
# has a degree-27 eliminant, with three real roots in the square, none in radicals.
FUZZED = x**5 * y**3 - 3 * x**4 * y + 2 * x * y**6 - x**2 + y**3 * x + 7
FUZZED_POINTS = [(0.0, 0.0), (0.0, -2 ** (-1 / 3)), (1.748, -1.173), (-0.444, -0.675),
                 (-0.063, -0.630)]


def assert_fuzzed_points(result: CriticalAnalysis) -> None:
    """The five critical points, each once, each with |grad f| < 1e-8."""
    gradient = [numeric_function(sympy.diff(FUZZED, v), (x, y)) for v in (x, y)]
    assert len(result.points) == 5, [(p.xf, p.yf, p.type) for p in result.points]
    for ex, ey in FUZZED_POINTS:
        assert [p for p in result.points
                if round(p.xf, 3) == round(ex, 3) and round(p.yf, 3) == round(ey, 3)]
    for p in result.points:
        assert math.hypot(*(g(p.xf, p.yf) for g in gradient)) < 1e-8


def test_roots_without_radicals_are_not_left_out():
    result = analysed(FUZZED, SQUARE_2)
    assert_fuzzed_points(result)
    assert result.complete


def test_numeric_search_reports_no_false_saddles_near_a_degenerate_point():
    # (0, 0) is degenerate (f_y ~ 1.5 y^5 along x = y^3/2): many starts stop near it.
    result = analysed(FUZZED, SQUARE_2, seconds=0.001)
    assert not result.complete
    assert_fuzzed_points(result)
    assert sum(p.type == "saddle" for p in result.points) == 3


def test_a_point_the_exact_solve_misses_is_added_and_complete_is_not_claimed(monkeypatch):
    # The exact solver loses (2, 0), the local min of SEED; the numeric cross-check finds it.
    add_point = critical_exact._ExactSolver._add_point

    def losing_one(self, values, tag):
        if (values[x], values[y]) != (2, 0):
            add_point(self, values, tag)

    monkeypatch.setattr(critical_exact._ExactSolver, "_add_point", losing_one)
    result = critical_points(SEED, ((-3, 3), (-3, 3)))
    assert not result.complete
    assert [(p.xf, p.yf, p.type) for p in result.points if p.xf > 1.5] == [
        (2.0, -2.0, "saddle"), (2.0, 0.0, "local min")]


# ------------------------------------------------------------- where f underflows (issue 10)


def test_no_spurious_points_where_f_underflows():
    # f = e^-(x^2 + y^2 + 2x): f_x = -(2x + 2) f, f_y = -2y f; f > 0, so only (-1, 0).
    # Near x = -10, f ~ 1e-40 and so is its gradient: flat to an absolute tolerance, not
    # to f's own scale there. f_xx = -2f = -2e, f_yy = -2e, f_xy = 0: D = 4e^2 > 0, a max.
    result = critical_points(exp(-(x**2 + y**2 + 2 * x)), ((-10, 10), (-10, 10)))
    assert_points(result, [(-1, 0, "local max")])
    assert result.complete


def test_no_spurious_points_where_the_gradient_is_small_beside_its_largest():
    # f = y e^x - e^y: f_x = y e^x = 0 gives y = 0, then f_y = e^x - 1 = 0 gives x = 0.
    # f_xx = y e^x = 0, f_yy = -e^y = -1, f_xy = e^x = 1: D = -1 < 0, a saddle. At the
    # corner (-10, -10) |grad f| ~ 5e-4 is tiny only beside its largest, 2e5 at (10, 10).
    result = critical_points(y * exp(x) - exp(y), ((-10, 10), (-10, 10)))
    assert_points(result, [(0, 0, "saddle")])
    assert result.complete


def test_a_tiny_scale_is_not_flat_everywhere():
    # f = 1e-12 (x^2 + y^2) is a bowl like any other: one min at the origin
    result = critical_points(sympy.Rational(1, 10**12) * (x**2 + y**2), SQUARE_2)
    assert_points(result, [(0, 0, "local min")])
    assert result.complete


def test_no_spurious_points_along_a_valley_where_the_gradient_is_tiny():
    # f = 3x e^y - x^3 - e^(3y) (Active Calculus Multivariable 10.7, Exercise 19):
    # f_x = 3e^y - 3x^2 = 0 gives x^2 = e^y, x > 0 as f_y = 3x e^y - 3e^(3y) = 0 needs
    # x = e^(2y); so e^(4y) = e^y: y = 0, x = 1 only. f_xx = -6x = -6, f_yy = 3x e^y -
    # 9e^(3y) = -6, f_xy = 3e^y = 3: D = 27 > 0, a max. Along x = e^(y/2) far down,
    # |grad f| = 3e^(1.5y)(1 - e^(1.5y)) ~ 1e-12 at y = -18, a millionth of its size a
    # little way off (the x^3 term), yet no root: Newton's method moves 2/3 up from there.
    result = critical_points(3 * x * exp(y) - x**3 - exp(3 * y), ((-2, 2), (-20, 2)))
    assert_points(result, [(1, 0, "local max")])


def test_a_pole_line_is_no_curve_and_leaves_the_answer_complete():
    # C = 4(x + y)/(xy) + xy/2 (Active Calculus Multivariable 10.7, Exercise 20: the
    # cost of a box): C_x = -4/x^2 + y/2, C_y = -4/y^2 + x/2; y = 8/x^2 gives x = x^4/8,
    # so x = 2, y = 2 (x = 0 is no point of C's domain). C_xx = 8/x^3 = 1, C_yy = 1,
    # C_xy = 1/2: D = 3/4 > 0, a min. The lines x = 0 and y = 0, where the partials do
    # not exist, are not in the domain either: no critical curve, and no reason to doubt
    # the exact answer.
    result = critical_points(4 * (x + y) / (x * y) + x * y / 2, ((0, 4), (0, 4)))
    assert_points(result, [(2, 2, "local min")])
    assert result.curves == ()
    assert result.complete


# ------------------------------------------------------------- curves are structured (issue 10)


def test_curves_carry_their_equation_and_their_text():
    result = critical_points(x**2 * y**2, SQUARE_1)
    assert [c.text for c in result.curves] == ["x = 0", "y = 0"]
    assert [(c.lhs, c.rhs) for c in result.curves] == [(x, 0), (y, 0)]
    ring = critical_points((x**2 + y**2 - 1) ** 2, SQUARE_2).curves[0]
    assert (ring.lhs, ring.rhs) == (x**2 + y**2 - 1, 0) and not ring.everywhere
    (everywhere,) = critical_points(sympy.Integer(5), SQUARE_1).curves
    assert everywhere.everywhere and everywhere.text == "every point"
    assert critical_points(sympy.Integer(5), SQUARE_1).to_json()["curves"] == ["every point"]


# ------------------------------------------------------------- windows (issue 10)


def test_no_window_holds_every_critical_point_with_a_margin():
    # f = x^2 + y^2 - 8x + 2y: grad f = (2x - 8, 2y + 2) = 0 only at (4, -1), a min;
    # far outside the usual [-3, 3]^2
    result = critical_points(x**2 + y**2 - 8 * x + 2 * y, (None, None))
    assert_points(result, [(4, -1, "local min")])
    (x0, x1), (y0, y1) = result.window
    assert x0 <= 4 - 1 and x1 >= 4 + 1 and y0 <= -1 - 1 and y1 >= -1 + 1
    assert x1 - x0 <= 8 and y1 - y0 <= 8
    assert result.nearest is None


def test_no_window_for_the_seed_holds_all_four_points():
    result = critical_points(SEED, (None, None))
    assert [(p.xf, p.yf) for p in result.points] == [(0, -2), (0, 0), (2, -2), (2, 0)]
    assert all(isinstance(end, sympy.Rational) for ends in result.window for end in ends)


def test_no_window_holds_an_exact_point_beyond_the_numeric_search():
    # R = 150x + 200y - 2xy - 2x^2 - 3y^2 (Active Calculus Multivariable 10.7, the revenue
    # activity): R_x = 150 - 4x - 2y, R_y = 200 - 2x - 6y, zero only at (25, 25), outside
    # the numeric search's [-20, 20]^2. R_xx = -4, R_yy = -6, R_xy = -2: D = 20, a max.
    revenue = 150 * x + 200 * y - 2 * x * y - 2 * x**2 - 3 * y**2
    result = critical_points(revenue, (None, None))
    assert_points(result, [(25, 25, "local max")])
    (x0, x1), (y0, y1) = result.window
    assert x0 <= 25 - 2 and x1 >= 25 + 2 and y0 <= 25 - 2 and y1 >= 25 + 2
    assert x1 - x0 <= 10 and y1 - y0 <= 10
    nearest = critical_points(revenue, SQUARE_2).nearest
    assert (nearest.x, nearest.y, nearest.type) == (25, 25, "local max")


def test_a_window_given_for_one_variable_is_kept():
    result = critical_points(x**2 + y**2 - 8 * x + 2 * y, ((3, 5), None))
    assert result.window[0] == (3, 5)
    assert [(p.xf, p.yf) for p in result.points] == [(4, -1)]


def test_without_critical_points_the_window_is_the_default():
    assert critical_points(2 * x - 3 * y, (None, None)).window == ((-3, 3), (-3, 3))
    assert critical_points(sympy.Integer(5), (None, None)).window == ((-3, 3), (-3, 3))


def test_no_window_for_a_periodic_function_keeps_few_points():
    # sin x sin y has critical points on a lattice: the window shows those near the origin
    result = critical_points(sympy.sin(x) * sympy.sin(y), (None, None))
    assert any(p.xf == 0 and p.yf == 0 for p in result.points)
    assert 1 <= len(result.points) <= 13


def test_a_window_without_critical_points_names_the_nearest():
    result = critical_points(x**2 + y**2 - 8 * x + 2 * y, SQUARE_2)
    assert result.points == ()
    assert (result.nearest.x, result.nearest.y, result.nearest.type) == (4, -1, "local min")
    nearest = result.to_json()["nearest"]
    assert (nearest["x"], nearest["y"], nearest["type"]) == ("4", "-1", "local min")
    assert result.to_json()["window"] == {"x": ["-2", "2"], "y": ["-2", "2"]}


def test_a_window_with_critical_points_names_no_nearest():
    assert analysed(SEED, ((-3, 3), (-3, 3))).nearest is None
    assert critical_points(2 * x - 3 * y, SQUARE_1).nearest is None


def test_nearest_false_leaves_out_only_the_search_beyond_the_window():
    lonely = critical_points(x**2 + y**2 - 8 * x + 2 * y, SQUARE_2, nearest=False)
    assert lonely.points == () and lonely.nearest is None and lonely.complete
    found = critical_points(SEED, ((-3, 3), (-3, 3)), nearest=False)
    assert found.points == analysed(SEED, ((-3, 3), (-3, 3))).points

"""lagrange against answers worked out by hand.

Each test states the system's solutions in a comment; the expected values are those
hand results, not output of the code.
"""

import functools
import math

import numpy as np
import pytest
import sympy

from mathcore import lagrange as lagrange_module
from mathcore.errors import MathError
from mathcore.lagrange import ConstantOnSet, constrained_candidates, lagrange
from mathcore.symbols import x, y, z

sqrt = sympy.sqrt
ELLIPSE = ((x**2 + 2 * y**2, 1),)

analysed = functools.cache(lagrange)


def points_of(extremum) -> set:
    return {tuple(str(v) for v in p) for p in extremum.points}


def test_xy_on_an_ellipse_has_four_candidates_with_exact_multipliers():
    # y = 2λx, x = 4λy, x^2 + 2y^2 = 1: x^2 = 2y^2, y = ±1/2, λ = xy-sign * sqrt(2)/4
    result = analysed(x * y, ELLIPSE)
    assert result.complete and result.bounded
    half = math.sqrt(0.5)
    assert [v for c in result.candidates for v in c.pointf] == pytest.approx(
        [-half, -0.5, -half, 0.5, half, -0.5, half, 0.5])
    assert [str(c.multipliers[0]) for c in result.candidates] == [
        "sqrt(2)/4", "-sqrt(2)/4", "-sqrt(2)/4", "sqrt(2)/4"]
    assert result.maximum.value == sqrt(2) / 4 and result.minimum.value == -sqrt(2) / 4
    assert points_of(result.maximum) == {("-sqrt(2)/2", "-1/2"), ("sqrt(2)/2", "1/2")}


def test_the_system_is_written_out_with_lambda():
    result = analysed(x * y, ELLIPSE)
    lam = result.multipliers[0]
    assert [(e.lhs, e.rhs) for e in result.system] == [
        (y, 2 * lam * x), (x, 4 * lam * y), (x**2 + 2 * y**2, 1)]


def test_the_json_contract_holds_exactly():
    data = analysed(x * y, ELLIPSE).to_json()
    assert data["function"] == "x*y" and data["constraints"] == ["x**2 + 2*y**2 = 1"]
    assert set(data) == {"function", "constraints", "complete", "bounded", "candidates",
                         "max", "min"}
    assert data["candidates"][0] == {
        "point": ["-sqrt(2)/2", "-1/2"], "pointf": pytest.approx([-0.70710678, -0.5]),
        "lambda": ["sqrt(2)/4"], "value": "sqrt(2)/4", "valuef": pytest.approx(0.35355339)}
    assert data["max"]["points"] == [["-sqrt(2)/2", "-1/2"], ["sqrt(2)/2", "1/2"]]
    assert set(data["min"]) == {"value", "valuef", "points", "pointsf"}


def test_x_plus_y_on_a_hyperbola_has_neither_maximum_nor_minimum():
    # 1 = λy, 1 = λx: (1, 1) and (-1, -1), but x + y runs to ±∞ along the branches
    result = analysed(x + y, ((x * y, 1),))
    assert not result.bounded and len(result.candidates) == 2
    assert result.maximum is None and result.minimum is None
    assert result.to_json()["max"] is None


def test_the_squared_distance_on_a_line_has_a_minimum_and_no_maximum():
    # 2x = λ, 2y = λ, x + y = 1: (1/2, 1/2), f = 1/2; f grows without bound along the line
    result = analysed(x**2 + y**2, ((x + y, 1),))
    assert not result.bounded and result.maximum is None
    assert result.minimum.value == sympy.Rational(1, 2)
    assert points_of(result.minimum) == {("1/2", "1/2")}


def test_a_domain_keeps_the_maximum_and_loses_the_minimum():
    # y = λ, x = λ, x + y = 10: (5, 5), f = 25; with x, y > 0 f only approaches 0 at the ends
    result = analysed(x * y, ((x + y, 10),), domain=(x > 0, y > 0))
    assert result.maximum.value == 25 and result.minimum is None
    assert result.domain == (x > 0, y > 0)


def test_a_domain_drops_candidates_outside_it():
    # x + y on the unit circle: (±1/sqrt(2), ±1/sqrt(2)); x > 0 keeps the maximum only,
    # and the minimum is approached at (0, -1), which the open half circle leaves out
    result = analysed(x + y, ((x**2 + y**2, 1),), domain=(x > 0,))
    assert [str(v) for v in result.candidates[0].point] == ["sqrt(2)/2", "sqrt(2)/2"]
    assert len(result.candidates) == 1 and result.minimum is None
    assert result.maximum.value == sqrt(2)


def test_three_variables_on_a_sphere():
    # (1, 2, 2) = 2λ(x, y, z), |p| = 3: p = ±(1, 2, 2), λ = ±1/2, f = ±9
    result = analysed(x + 2 * y + 2 * z, ((x**2 + y**2 + z**2, 9),))
    assert result.variables == (x, y, z)
    assert points_of(result.maximum) == {("1", "2", "2")} and result.maximum.value == 9
    assert points_of(result.minimum) == {("-1", "-2", "-2")} and result.minimum.value == -9
    assert {str(c.multipliers[0]) for c in result.candidates} == {"1/2", "-1/2"}


def test_two_constraints_give_two_multipliers():
    # x + y + z on x^2 + y^2 = 1, z = x: f = 2x + y, max sqrt(5) at (2, 1, 2)/sqrt(5);
    # (1, 1, 1) = λ(2x, 2y, 0) + μ(-1, 0, 1) (h = z - x): μ = 1, λ = sqrt(5)/2
    result = analysed(x + y + z, ((x**2 + y**2, 1), (z, x)))
    assert result.maximum.value == sqrt(5) and result.minimum.value == -sqrt(5)
    (top,) = [c for c in result.candidates if c.valuef > 0]
    assert [str(v) for v in top.point] == ["2*sqrt(5)/5", "sqrt(5)/5", "2*sqrt(5)/5"]
    assert list(top.multipliers) == [sqrt(5) / 2, 1]
    assert [str(c) for c in result.constraints] == ["x**2 + y**2 = 1", "z = x"]


def test_a_cusp_is_a_candidate_without_multiplier():
    # x on y^2 = x^3: grad g = (-3x^2, 2y) vanishes at the cusp (0, 0), the least x on it
    result = analysed(x, ((y**2, x**3),))
    (cusp,) = result.candidates
    assert cusp.point == (0, 0) and cusp.multipliers == ()
    assert cusp.to_json()["lambda"] == []
    assert result.minimum.value == 0 and result.maximum is None


def test_a_transcendental_system_is_solved_numerically_and_checked():
    # e^x = 2λx, 1 = 2λy on the unit circle: no closed form; f(cos t, sin t) sampled finely
    result = analysed(sympy.exp(x) + y, ((x**2 + y**2, 1),))
    assert not result.complete
    t = np.linspace(0, 2 * np.pi, 2_000_001)
    values = np.exp(np.cos(t)) + np.sin(t)
    assert result.maximum.valuef == pytest.approx(values.max(), rel=1e-9)
    assert result.minimum.valuef == pytest.approx(values.min(), rel=1e-9)
    for candidate in result.candidates:
        assert math.hypot(*candidate.pointf) == pytest.approx(1, abs=1e-12)


def test_a_numeric_root_with_simple_coordinates_is_made_exact():
    # sin x + cos y on x^2 + y^2 = 4: (2, 0) solves the system exactly (f_y = -sin 0 = 0),
    # λ = cos(2)/4; sympy cannot solve the system itself
    result = analysed(sympy.sin(x) + sympy.cos(y), ((x**2 + y**2, 4),))
    assert result.maximum.points == ((2, 0),)
    assert result.maximum.value == sympy.sin(2) + 1
    (top,) = [c for c in result.candidates if c.point == (2, 0)]
    assert sympy.simplify(top.multipliers[0] - sympy.cos(2) / 4) == 0


def test_a_family_of_candidates_does_not_flood_the_list():
    # 40xy^2z on the unit sphere: grad f = 0 all along the circle y = 0 and at x = z = 0,
    # where f = 0; the extremes ±5 are at (±1/2, ±sqrt(2)/2, ±1/2)
    result = analysed(40 * x * y**2 * z, ((x**2 + y**2 + z**2, 1),))
    assert result.complete and result.maximum.value == 5 and result.minimum.value == -5
    assert len(result.maximum.points) == 4 and len(result.candidates) <= 20
    for candidate in result.candidates:
        px, py, pz = candidate.pointf
        assert abs(candidate.valuef) == 5 or py == 0 or px == pz == 0, candidate.point


def test_f_constant_on_the_set_is_refused():
    with pytest.raises(ConstantOnSet, match="constant on the constraint set"):
        lagrange(x + y, [(x + y, 1)])


def test_a_region_edge_where_f_is_constant_is_stood_for_by_one_point():
    # f = 4 - (x - 1)^2 - (y - 1)^2 is 3 on the circle about (1, 1) of radius 1
    f = 2 + 2 * x + 2 * y - x**2 - y**2
    (point,), complete = constrained_candidates(f, [(x - 1)**2 + (y - 1)**2 - 1], [],
                                                ((0, 2), (0, 2)))
    assert complete and point.value == 3
    assert (point.pointf[0] - 1) ** 2 + (point.pointf[1] - 1) ** 2 == pytest.approx(1)


def test_a_bounded_set_whose_best_candidate_is_beaten_raises(monkeypatch):
    # x + y on the circle, the search left with its minimum -sqrt(2) only: samples beat it
    original = lagrange_module._solve_exactly

    def lacking(problem):
        found = original(problem)
        return lagrange_module._Exact([c for c in found.candidates if c.valuef < 0], True, [])

    monkeypatch.setattr(lagrange_module, "_solve_exactly", lacking)
    monkeypatch.setattr(lagrange_module, "_newton_roots", lambda problem, starts: [])
    with pytest.raises(MathError, match="beyond the largest candidate value -1.41421"):
        lagrange(x + y, [(x**2 + y**2, 1)])


def test_the_window_holds_a_bounded_set():
    (x0, x1), (y0, y1) = analysed(x * y, ELLIPSE).window
    assert x0 < -1 < 1 < x1 and y0 < -math.sqrt(0.5) < math.sqrt(0.5) < y1


@pytest.mark.parametrize("call, message", [
    (lambda: lagrange(x * y, ELLIPSE, goal="best"), "goal must be one of max, min, both"),
    (lambda: lagrange(x * y, []), "one or two constraints"),
    (lambda: lagrange(x * y, [(x, 1), (y, 2)]), "2 constraints in 2 variables"),
    (lambda: lagrange(x * y, ELLIPSE, domain=(x >= 0,)), "strict inequalities"),
    (lambda: lagrange(x * sympy.Symbol("w"), ELLIPSE), "also use w"),
    (lambda: lagrange(x * y, [(x**2 + y**2, -1)]), "no real point"),
    (lambda: lagrange(x * y, ["x + y = 1"]), "a constraint is"),
])
def test_bad_input_is_refused_with_a_reason(call, message):
    with pytest.raises(MathError, match=message):
        call()

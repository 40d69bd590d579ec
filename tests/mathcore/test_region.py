"""absolute_extrema against answers worked out by hand.

Each test states the candidates in a comment; the expected values are those hand
results, not output of the code.
"""

import functools

import pytest
import sympy

from mathcore import region as region_module
from mathcore.errors import MathError
from mathcore.region import Disk, Inequalities, Polygon, Rectangle, absolute_extrema
from mathcore.symbols import x, y

sqrt = sympy.sqrt
analysed = functools.cache(absolute_extrema)


def points_of(extremum) -> set:
    return {tuple(str(v) for v in p) for p in extremum.points}


def where(result, point) -> str:
    (candidate,) = [c for c in result.candidates if c.point == point]
    return candidate.where


def test_a_saddle_on_a_disk_loses_to_the_edge():
    # x^2 - y^2 on x^2 + y^2 <= 1: the saddle (0, 0) is 0; on the circle x^2 - y^2 =
    # 2x^2 - 1 runs from -1 at (0, ±1) to 1 at (±1, 0)
    result = analysed(x**2 - y**2, Disk((0, 0), 1))
    assert points_of(result.maximum) == {("-1", "0"), ("1", "0")} and result.maximum.value == 1
    assert points_of(result.minimum) == {("0", "-1"), ("0", "1")} and result.minimum.value == -1
    assert where(result, (0, 0)) == "interior" and where(result, (1, 0)) == "edge"
    assert result.complete


def test_a_triangle_with_a_side_along_a_level_line():
    # x + y on the triangle (0, 0), (1, 0), (0, 1): no critical point, f = 1 all along the
    # hypotenuse (its corners stand for it), the least 0 at the corner (0, 0)
    result = analysed(x + y, Polygon(((0, 0), (1, 0), (0, 1))))
    assert {c.where for c in result.candidates} == {"corner"}
    assert result.maximum.value == 1 and points_of(result.maximum) == {("1", "0"), ("0", "1")}
    assert points_of(result.minimum) == {("0", "0")}


def test_a_rectangle_side_holds_the_minimum():
    # x^2 y on [-1, 2] x [1, 3]: f_x = 2xy = 0 on x = 0, a whole line of critical points
    # (f = 0) where it crosses the rectangle; the side y = 1 has f = x^2, least at (0, 1);
    # the largest is the corner (2, 3), f = 12
    result = analysed(x**2 * y, Rectangle((-1, 2), (1, 3)))
    assert result.maximum.value == 12 and points_of(result.maximum) == {("2", "3")}
    assert result.minimum.value == 0 and ("0", "1") in points_of(result.minimum)
    assert where(result, (0, 1)) == "edge"


def test_inequalities_give_edge_and_corner_candidates():
    # y - x on y >= x^2, y <= 1: no critical point; on the parabola x^2 - x is least at
    # (1/2, 1/4), -1/4; on y = 1 f = 1 - x; the corners (±1, 1) give 0 and 2
    result = analysed(y - x, Inequalities((y >= x**2, y <= 1)))
    assert result.minimum.value == sympy.Rational(-1, 4)
    assert where(result, (sympy.Rational(1, 2), sympy.Rational(1, 4))) == "edge"
    assert result.maximum.value == 2 and points_of(result.maximum) == {("-1", "1")}
    assert where(result, (-1, 1)) == "corner"


def test_a_newton_system_singular_at_a_sample_does_not_stop_the_search():
    # xy on y >= x^2, y <= 1: along y = x^2 f = x^3, along y = 1 f = x; some start of the
    # Newton search meets an exactly singular Jacobian, which used to raise LinAlgError
    result = analysed(x * y, Inequalities((y >= x**2, y <= 1)))
    assert result.maximum.value == 1 and points_of(result.maximum) == {("1", "1")}
    assert result.minimum.value == -1 and points_of(result.minimum) == {("-1", "1")}


def test_corners_outside_the_region_are_left_out():
    # the curves x^2 + y^2 = 4 and x = 0 meet at (0, ±2); y >= 0 keeps (0, 2) only
    result = analysed(y, Inequalities((x**2 + y**2 <= 4, x >= 0, y >= 0)))
    corners = {c.point for c in result.candidates if c.where == "corner"}
    assert corners == {(0, 2), (2, 0), (0, 0)}
    assert result.maximum.value == 2 and result.minimum.value == 0


def test_a_point_without_partial_derivatives_is_an_interior_candidate():
    # sqrt(x^2 + y^2) on the square [-1, 1]^2: least 0 at the origin, where f_x and f_y do
    # not exist; largest sqrt(2) at the four corners
    result = analysed(sqrt(x**2 + y**2), Rectangle((-1, 1), (-1, 1)))
    assert points_of(result.minimum) == {("0", "0")} and where(result, (0, 0)) == "interior"
    assert result.maximum.value == sqrt(2) and len(result.maximum.points) == 4


def test_the_json_contract_holds_exactly():
    data = analysed(x**2 - y**2, Disk((0, 0), 1)).to_json()
    assert set(data) == {"max", "min", "candidates"}
    assert set(data["max"]) == {"value", "valuef", "points", "pointsf"}
    (origin,) = [c for c in data["candidates"] if c["point"] == ["0", "0"]]
    assert origin == {"point": ["0", "0"], "pointf": [0.0, 0.0], "where": "interior",
                      "value": "0", "valuef": 0.0}


def test_a_missed_candidate_is_caught_by_the_samples(monkeypatch):
    # 1 - x^2 - y^2 on [-1, 1]^2 peaks at the interior point (0, 0); without it the
    # corners (f = -1) and side midpoints (f = 0) would claim the maximum
    class NoPoints:
        points, complete = (), True

    monkeypatch.setattr(region_module, "critical_points", lambda f, box, seconds: NoPoints)
    with pytest.raises(MathError, match="f reaches 1 in the region, above the largest"):
        absolute_extrema(1 - x**2 - y**2, Rectangle((-1, 1), (-1, 1)))


@pytest.mark.parametrize("region, message", [
    (Inequalities((y >= x**2,)), "not bounded"),
    (Inequalities((x**2 + y**2 <= 1, x >= 2)), "no point satisfies"),
    (Inequalities((x**2 + y**2 < 1,)), "<= or >="),
    (Polygon(((0, 0), (1, 1))), "at least three vertices"),
    (Polygon(((0, 0), (1, 1), (2, 2))), "enclose no area"),
    (Disk((0, 0), 0), "radius must be positive"),
    (Rectangle((1, 0), (0, 1)), "a must be less than b"),
])
def test_bad_regions_are_refused_with_a_reason(region, message):
    with pytest.raises(MathError, match=message):
        absolute_extrema(x + y, region)

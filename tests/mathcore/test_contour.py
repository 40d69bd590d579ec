"""The contour map against level curves known in closed form.

x^2 - y^2 = 0 is the pair of lines y = ±x crossing at the pass (0, 0); x^2 + y^2 = c
is the circle of radius sqrt(c); x^4 - 2x^2 + y^2 = 0 is a figure eight through the
pass (0, 0), its lobes round the pits (±1, 0), reaching x = ±sqrt(2).
"""

import functools
import json
import math

import numpy as np
import pytest
import sympy

from mathcore.contour import (
    ARROW_CAP,
    contour,
    contour_lines,
    gradient_arrows,
    levels,
    round_levels,
)
from mathcore.errors import MathError
from mathcore.parse import parse_formula

SADDLE = parse_formula("x^2 - y^2")
TWO_PITS = parse_formula("x^4 - 2x^2 + y^2")
SEED = parse_formula("x^3 + y^3 - 3x^2 + 3y^2")  # passes (0, 0) and (2, -2), both at f = 0


@functools.cache
def seed_map():
    return contour(SEED, (-1.5, 3.5), (-3.5, 1.5))


# ---------------------------------------------------------------- levels


def test_round_levels_are_the_finest_round_spacing_that_fits():
    assert round_levels(-4.2, 4.7, 5) == ([-4.0, -2.0, 0.0, 2.0, 4.0], 2.0)
    assert round_levels(-4.2, 4.7, 4) == ([-2.5, 0.0, 2.5], 2.5)
    assert round_levels(0.0, 1.0, 3) == ([0.25, 0.5, 0.75], 0.25)
    assert round_levels(0.013, 0.0371, 5) == ([0.015, 0.02, 0.025, 0.03, 0.035], 0.005)
    assert round_levels(-1.0, 6.8, 10) == ([0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0], 1.0)


def test_a_count_spans_the_range_of_f_and_keeps_the_passes_level():
    # x^2 - y^2 on [-2, 2]^2 runs from -4 to 4; round spacing 2 for 4 levels, and 0 (the pass)
    assert levels(SADDLE, (-2, 2), (-2, 2), 4) == (-2.0, 0.0, 2.0)


def test_a_pass_off_the_round_values_is_added_and_its_neighbour_gives_way():
    # f = x^2 - y^2 + 1/2 runs from -3.5 to 4.5: round levels -2, 0, 2, 4 (spacing 2); the
    # pass (0, 0) is at 1/2: 0 is nearer it than 2/3 of the spacing and gives way, 2 is not
    f = SADDLE + sympy.Rational(1, 2)
    assert levels(f, (-2, 2), (-2, 2), 4) == (-2.0, 0.5, 2.0, 4.0)


def test_the_seeds_map_holds_both_passes_level():
    assert 0.0 in seed_map().levels
    assert seed_map().levels == tuple(sorted(seed_map().levels))
    passes = [p for p in seed_map().critical.points if p.type == "saddle"]
    assert [(p.x, p.y) for p in passes] == [(0, 0), (2, -2)] and {p.value for p in passes} == {0}


def test_each_pit_and_peak_gains_a_ring_below_the_passes_level():
    # the pit (2, 0) is at -4 and the peak (0, -2) at 4; the nearest round levels, 0, are
    # the passes': -2 and 2 are added halfway, and each is a closed ring round its point
    assert {-2.0, 0.0, 2.0} <= set(seed_map().levels)
    for level, centre in ((-2.0, (2, 0)), (2.0, (0, -2))):
        (curve,) = [c for c in seed_map().curves if c.level == level]
        rings = [b for b in curve.branches if np.array_equal(b[0], b[-1])]
        assert len(rings) == 1
        (low_x, low_y), (high_x, high_y) = rings[0].min(axis=0), rings[0].max(axis=0)
        assert low_x < centre[0] < high_x and low_y < centre[1] < high_y
    assert seed_map().ringed((2, 0)) and seed_map().ringed((0, -2))
    assert not seed_map().ringed((3.4, 1.4))  # a corner: every curve there runs off the map


def test_the_lobes_of_a_figure_eight_ring_its_pits():
    lobes = contour(TWO_PITS, (-1.8, 1.8), (-1.5, 1.5), [0.0], arrows=0)
    assert lobes.ringed((1, 0)) and lobes.ringed((-1, 0)) and not lobes.ringed((0, 1))
    assert not contour(TWO_PITS, (-1.8, 1.8), (-1.5, 1.5), [3.0], arrows=0).ringed((1, 0))


def test_a_pit_ringed_by_round_levels_gains_none():
    # x^2 + y^2 on [-1, 1]^2 runs from 0 to 2: the pit at 0 is ringed by the round levels
    # above it (no pass between), so nothing is added
    bowl = parse_formula("x^2 + y^2")
    assert levels(bowl, (-1, 1), (-1, 1), 3) == (0.5, 1.0, 1.5)


def test_a_list_of_levels_is_used_as_given():
    assert levels(SADDLE, (-2, 2), (-2, 2), [1, -0.5, 3]) == (-0.5, 1.0, 3.0)


@pytest.mark.parametrize(("given", "message"), [
    (0, "a count from 1 to 40"), (41, "a count from 1 to 40"), (True, "a count from 1 to 40"),
    ([], "from 1 to 40 values"), ([1, 1.0], "given twice"), ([1, "2"], "finite real number"),
    ([1, math.inf], "finite real number"),
])
def test_bad_levels_are_refused(given, message):
    with pytest.raises(MathError, match=message):
        levels(SADDLE, (-2, 2), (-2, 2), given)


# ---------------------------------------------------------------- curves


@pytest.mark.parametrize("window", [((-2, 2), (-2, 2)), ((-2, 2.3), (-1.7, 2)),
                                    ((-1, 3), (-2, 2)), ((-1.37, 2.11), (-2.03, 1.29))])
def test_the_passes_level_is_an_x_whose_four_arms_meet_at_the_pass(window):
    arms = contour_lines(SADDLE, *window, 0.0, saddles=[(0.0, 0.0)])
    assert len(arms) == 4
    directions = set()
    for arm in arms:
        ends = [arm[0], arm[-1]]
        at_pass = [e for e in ends if np.hypot(*e) < 1e-12]
        assert len(at_pass) == 1, ends                          # one end exactly at the pass
        assert np.abs(np.abs(arm[:, 0]) - np.abs(arm[:, 1])).max() < 1e-6  # on y = ±x
        far = ends[1] if np.hypot(*ends[0]) < 1e-12 else ends[0]
        directions.add((int(np.sign(far[0])), int(np.sign(far[1]))))
        steps = np.hypot(*np.diff(arm, axis=0).T)
        assert steps.max() < 0.05                               # no jump across the window
    assert directions == {(1, 1), (1, -1), (-1, 1), (-1, -1)}


def test_without_pinning_the_branches_turn_away_before_the_pass():
    # the reason for the pin: marching squares joins the arms pairwise a cell from (0, 0)
    branches = contour_lines(SADDLE, (-2, 2.3), (-1.7, 2), 0.0)
    assert len(branches) == 2
    assert all(np.hypot(b[:, 0], b[:, 1]).min() > 1e-3 for b in branches)


def test_the_figure_eight_is_cut_into_its_two_lobes_at_the_pass():
    lobes = contour_lines(TWO_PITS, (-1.8, 1.8), (-1.5, 1.5), 0.0, saddles=[(0.0, 0.0)])
    assert len(lobes) == 2
    for lobe in lobes:
        assert np.hypot(*lobe[0]) < 1e-12 and np.hypot(*lobe[-1]) < 1e-12
        side = np.sign(lobe[len(lobe) // 2, 0])
        assert np.all(side * lobe[:, 0] >= -1e-12)          # one lobe each side of x = 0
        assert np.abs(lobe[:, 0]).max() == pytest.approx(math.sqrt(2), abs=1e-3)
        values = lobe[:, 0]**4 - 2 * lobe[:, 0]**2 + lobe[:, 1]**2
        assert np.abs(values).max() < 1e-5


def test_a_level_below_the_pass_rings_each_pit():
    # x^4 - 2x^2 + y^2 = -1/2: two closed rings, one round each pit (±1, 0); on y = 0 a ring
    # runs from x^2 = 1 - sqrt(1/2) to x^2 = 1 + sqrt(1/2), and it is widest in y at x^2 = 1,
    # where y^2 = 1/2
    rings = contour_lines(TWO_PITS, (-1.8, 1.8), (-1.5, 1.5), -0.5)
    assert len(rings) == 2
    for ring in rings:
        assert np.array_equal(ring[0], ring[-1])
        inner, outer = np.sort(np.abs(ring[:, 0]))[[0, -1]]
        assert inner == pytest.approx(math.sqrt(1 - math.sqrt(0.5)), abs=1e-3)
        assert outer == pytest.approx(math.sqrt(1 + math.sqrt(0.5)), abs=1e-3)
        assert np.abs(ring[:, 1]).max() == pytest.approx(math.sqrt(0.5), abs=1e-3)


def test_circles_of_a_bowl():
    bowl = parse_formula("x^2 + y^2")
    for level in (0.25, 1.0, 2.0):
        (circle,) = contour_lines(bowl, (-2, 2), (-2, 2), level)
        assert np.allclose(np.hypot(circle[:, 0], circle[:, 1]), math.sqrt(level), atol=1e-5)


def test_a_function_of_x_alone_has_vertical_level_lines():
    lines = contour_lines(parse_formula("x^2"), (-2, 2), (-1, 1), 1.0)
    assert sorted(round(float(line[:, 0].mean()), 6) for line in lines) == [-1.0, 1.0]
    assert all(np.allclose(line[:, 0], line[0, 0]) for line in lines)
    assert all(np.ptp(line[:, 1]) == pytest.approx(2) for line in lines)


# ---------------------------------------------------------------- arrows


def test_arrows_point_uphill_perpendicular_to_the_level_curves():
    # bowl: grad f = (2x, 2y), radial; |grad f| = 2r
    arrows = gradient_arrows(parse_formula("x^2 + y^2"), (-2, 2), (-2, 2), 4)
    assert len(arrows) == 16
    cap = ARROW_CAP * 1.0  # a cell is 4/4 long
    for arrow in arrows:
        r = math.hypot(*arrow.base)
        assert arrow.direction == pytest.approx((arrow.base[0] / r, arrow.base[1] / r))
        assert arrow.size == pytest.approx(2 * r)
        assert 0 < arrow.length <= cap + 1e-12
    # centres at r = sqrt(1/2) (4), sqrt(5/2) (8), sqrt(9/2) (4): the 90th percentile of |grad f|
    # is the outer ring's, drawn at the cap; the others in proportion to r
    lengths = sorted({round(a.length, 12) for a in arrows})
    assert lengths == pytest.approx([cap / 3, cap * math.sqrt(5) / 3, cap])


def test_no_arrow_where_the_gradient_vanishes_or_is_undefined():
    # the centre cell of a 3 x 3 grid on [-3, 3]^2 is (0, 0), the pass
    arrows = gradient_arrows(SADDLE, (-3, 3), (-3, 3), 3)
    assert len(arrows) == 8 and (0.0, 0.0) not in [a.base for a in arrows]
    assert gradient_arrows(parse_formula("sqrt(x)"), (-3, -1), (-1, 1), 3) == ()


# ---------------------------------------------------------------- the analysis


def test_the_seed_map_json_contract():
    data = json.loads(json.dumps(seed_map().to_json(), allow_nan=False))
    assert set(data) == {"function", "levels", "critical"}
    assert data["function"] == "x**3 - 3*x**2 + y**3 + 3*y**2"
    assert data["levels"] == list(seed_map().levels)
    assert data["critical"] == seed_map().critical.to_json()
    assert {(p["x"], p["y"], p["type"]) for p in data["critical"]["points"]} == {
        ("0", "-2", "local max"), ("0", "0", "saddle"), ("2", "-2", "saddle"),
        ("2", "0", "local min")}


def test_the_seed_map_draws_an_x_at_each_pass():
    # f = (x + y)(x^2 - xy + y^2 - 3x + 3y): at level 0 the line y = -x crosses an ellipse at
    # both passes; cut there, the line is three pieces and the ellipse two arcs
    (zero,) = [c for c in seed_map().curves if c.level == 0.0]
    assert len(zero.branches) == 5
    for centre in ((0, 0), (2, -2)):
        ends = [e for b in zero.branches for e in (b[0], b[-1])
                if math.dist(e, centre) < 1e-12]
        assert len(ends) == 4, centre
    for curve in seed_map().curves:
        for branch in curve.branches:
            values = branch[:, 0]**3 + branch[:, 1]**3 - 3 * branch[:, 0]**2 + 3 * branch[:, 1]**2
            assert np.abs(values - curve.level).max() < 1e-4


def test_the_window_is_chosen_when_left_out():
    analysis = contour(TWO_PITS, arrows=0)
    assert analysis.critical.window == (analysis.x_range, analysis.y_range)
    assert analysis.arrows == ()
    assert float(analysis.x_range[0]) < -1 and float(analysis.x_range[1]) > 1

"""Numbers that misbehave: poles inside a plot window, a surface with a singularity.

A branch of ``sample_curve`` must never run across a pole (that draws a vertical
spike through the window), must hold only finite numbers, and must stay near
the window; a surface's heights must be clipped to its z range.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
import sympy

from mathcore.graphs import graph_features
from mathcore.numeric import sample_curve
from mathcore.parse import parse_formula
from mathcore.surface import analyze_surface
from scenes.plot3d import height_function

TAN_POLES = [-3 * math.pi / 2, -math.pi / 2, math.pi / 2, 3 * math.pi / 2]
WINDOW = (-2 * math.pi, 2 * math.pi)


def check_branches(branches, poles, y_limit=None):
    """No branch crosses a pole, every value is finite, |y| stays under ``y_limit``."""
    assert branches, "nothing to draw"
    for xs, ys in branches:
        assert len(xs) >= 2
        assert np.all(np.isfinite(xs)) and np.all(np.isfinite(ys))
        assert np.all(np.diff(xs) > 0)
        for pole in poles:
            assert not (xs[0] < pole < xs[-1]), f"a branch over [{xs[0]}, {xs[-1]}] crosses {pole}"
        if y_limit is not None:
            assert np.max(np.abs(ys)) <= y_limit


def steepest_step(branches) -> float:
    """The largest jump between neighbouring samples of any branch."""
    return max(float(np.max(np.abs(np.diff(ys)))) for _, ys in branches)


@pytest.mark.parametrize("n", [801, 800])  # 801 samples x = 0 exactly, 800 steps over it
def test_one_over_x_splits_at_zero_without_being_told(n):
    branches = sample_curve(parse_formula("1/x"), (-5, 5), n=n)
    check_branches(branches, [0.0])
    assert len(branches) == 2
    left, right = branches
    assert np.all(left[1] < 0) and np.all(right[1] > 0)
    # no spike: the only steep part is next to the pole, never a jump across it
    assert np.all(left[0] < 0) and np.all(right[0] > 0)


def test_one_over_x_in_a_window_stays_near_the_window():
    branches = sample_curve(parse_formula("1/x"), (-5, 5), n=800, y_range=(-4, 4))
    # samples more than one window height (8) outside [-4, 4] are dropped
    check_branches(branches, [0.0], y_limit=12)
    assert len(branches) == 2


@pytest.mark.parametrize("poles", [TAN_POLES, []], ids=["poles given", "poles found"])
def test_tan_has_one_branch_between_each_pair_of_poles(poles):
    branches = sample_curve(parse_formula("tan(x)", ("x",)), WINDOW, n=1601, poles=poles)
    check_branches(branches, TAN_POLES)
    assert len(branches) == 5
    for _xs, ys in branches:  # each branch climbs: tan is increasing on every piece
        assert np.all(np.diff(ys) > 0)


def test_tan_with_a_y_range_keeps_values_near_the_window():
    branches = sample_curve(parse_formula("tan(x)", ("x",)), WINDOW, n=1601, poles=TAN_POLES,
                            y_range=(-3, 3))
    check_branches(branches, TAN_POLES, y_limit=9)
    assert len(branches) == 5


def test_the_poles_mathcore_finds_are_the_ones_sampling_needs():
    f = parse_formula("tan(x)", ("x",))
    features = graph_features(f, (-2 * sympy.pi, 2 * sympy.pi))
    found = sorted(float(p) for p in features.poles)
    assert found == pytest.approx(TAN_POLES)
    branches = sample_curve(f, WINDOW, n=1600, poles=features.poles)
    check_branches(branches, found)
    assert len(branches) == 5


def test_an_even_pole_is_cut_when_given():
    """1/x^2 does not change sign at 0, so only ``poles`` (or a y range) can cut it."""
    f = parse_formula("1/x^2", ("x",))
    (pole,) = graph_features(f, (-3, 3)).poles
    assert pole == 0
    check_branches(sample_curve(f, (-3, 3), n=800, poles=[pole]), [0.0])
    windowed = sample_curve(f, (-3, 3), n=800, y_range=(0, 5))
    check_branches(windowed, [0.0], y_limit=10)
    assert steepest_step(windowed) < 5


def test_a_sampled_pole_is_cut_and_not_a_spike():
    branches = sample_curve(parse_formula("1/(x-1)", ("x",)), (-3, 5), n=801)
    check_branches(branches, [1.0])
    # the steepest step is between neighbours on one side, not a jump from -big to +big
    for _xs, ys in branches:
        assert np.all(np.sign(ys) == np.sign(ys[0]))


def test_a_surface_with_a_singularity_is_clipped_to_its_z_range():
    f = parse_formula("1/(x^2+y^2)")
    analysis = analyze_surface(f, (-2, 2), (-2, 2))
    low, high = analysis.z_range
    assert math.isfinite(low) and math.isfinite(high) and low < high
    assert high < 1e6  # a robust range, not the blow-up at the origin
    height = height_function(f, analysis)
    xs = np.linspace(-2, 2, 41)  # includes (0, 0), where f is undefined
    grid_x, grid_y = np.meshgrid(xs, xs)
    z = height(grid_x, grid_y)
    assert z.shape == grid_x.shape
    assert np.all(np.isfinite(z))
    assert np.all((z >= low) & (z <= high))
    assert z[20, 20] == low  # the undefined point sits on the floor
    assert height(1e-9, 0.0) == high  # near the singularity: clipped to the top
    assert height(2.0, 2.0) == pytest.approx(np.clip(1 / 8, low, high))

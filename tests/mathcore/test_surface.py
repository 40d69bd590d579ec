"""Cross-sections and height ranges of surfaces."""

from __future__ import annotations

import numpy as np
import pytest
import sympy

from mathcore.errors import MathError
from mathcore.surface import analyze_surface, centre_of
from mathcore.symbols import parameter, x, y
from mathcore.window import graph_window, robust_range


def test_the_saddle_bends_up_along_x_and_down_along_y():
    s = analyze_surface(x**2 - y**2, (-2, 2), (-2, 2))
    along_x, along_y = s.sections
    assert (along_x.along, along_x.expr, along_x.bend) == ("y = 0", x**2, "up")
    assert (along_y.along, along_y.expr, along_y.bend) == ("x = 0", -y**2, "down")
    assert s.z_range == pytest.approx((-4.0, 4.0))


def test_a_window_without_zero_is_cut_through_its_middle():
    s = analyze_surface(x**2 + y**2, (1, 3), (-1, 1))
    assert centre_of((sympy.Integer(1), sympy.Integer(3))) == 2
    assert s.sections[1].along == "x = 2"
    assert s.sections[1].expr == y**2 + 4
    assert s.z_range == pytest.approx((1.0, 10.0))


def test_flat_and_undefined_bends():
    flat = analyze_surface(x + y, (-1, 1), (-1, 1))
    assert [c.bend for c in flat.sections] == ["flat", "flat"]
    cusp = analyze_surface(sympy.Abs(x) + y**2, (-1, 1), (-1, 1))
    assert cusp.sections[0].bend in ("undefined", "flat")
    assert cusp.sections[1].bend == "up"


def test_the_sweep_widens_the_height_range_over_every_value():
    a = parameter("a")
    s = analyze_surface(a * x**2 - y**2, (-2, 2), (-2, 2), a,
                        (sympy.Rational(1, 2), sympy.Integer(3)))
    assert s.z_range == pytest.approx((-4.0, 12.0))
    assert s.sections[0].expr == x**2 / 2
    assert s.at(3) == 3 * x**2 - y**2
    assert s.to_json()["sweep"] == ["1/2", "3"]


def test_a_pole_is_clipped_to_the_bulk_of_the_surface():
    low, high = robust_range(np.concatenate([np.linspace(-1, 1, 1000), [1e9]]))
    assert high < 5 and low == pytest.approx(-1)


def test_a_constant_surface_still_gets_a_range():
    assert robust_range(np.full(10, 3.0)) == (2.0, 4.0)


def test_nowhere_defined_is_an_error():
    with pytest.raises(MathError, match="undefined everywhere"):
        analyze_surface(sympy.sqrt(-1 - x**2 - y**2), (-1, 1), (-1, 1))


def test_a_graph_window_ignores_the_pole_of_one_over_x():
    low, high = graph_window([1 / x], (-4, 4))
    assert -8 < low < -1 and 1 < high < 8


def test_a_graph_window_covers_every_function():
    low, high = graph_window([sympy.sinh(x), sympy.cosh(x)], (-2, 2))
    assert low < float(sympy.sinh(-2)) and high > float(sympy.cosh(2))


def test_the_json_names_the_window_drawn():
    data = analyze_surface(x**2 + y**2, (1, 3), (-1, 1)).to_json()
    assert data["window"] == {"x": ["1", "3"], "y": ["-1", "1"]}

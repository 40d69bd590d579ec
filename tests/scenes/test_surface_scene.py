"""The surface lesson: the window it is drawn over when the lesson gives none."""

from __future__ import annotations

import pytest

from scenes.surface.lesson import SurfaceLesson


def lesson(**fields) -> SurfaceLesson:
    return SurfaceLesson.model_validate({"id": "t", "kind": "surface", **fields})


def window_of(**fields) -> tuple:
    a = lesson(**fields).analyze()
    return tuple(float(e) for e in (*a.x_range, *a.y_range))


def test_without_a_window_the_landscape_is_centred_on_its_critical_points():
    # grad f = (2x - 8, 2y + 2): the pit is at (4, -1), outside any default square
    x0, x1, y0, y1 = window_of(function="x^2 + y^2 - 8x + 2y")
    assert x0 <= 2 and x1 >= 6 and y0 <= -3 and y1 >= 1
    assert x1 - x0 <= 8 and y1 - y0 <= 8


def test_without_critical_points_the_landscape_is_the_default_square():
    assert window_of(function="x + 2y") == (-3, 3, -3, 3)


def test_a_given_window_is_kept_and_a_sweep_starts_from_its_first_value():
    assert window_of(function="x^2 - y^2", x=[-1, 1], y=[0, 2]) == (-1, 1, 0, 2)
    x0, x1, y0, y1 = window_of(function="(x - a)^2 + y^2", sweep={"a": [5, 6]})
    assert x0 < 5 < x1 and y0 < 0 < y1


@pytest.mark.parametrize("function", ["x^2 - y^2", "sin(x)*sin(y)"])
def test_the_origin_stays_in_a_chosen_window(function):
    x0, x1, y0, y1 = window_of(function=function)
    assert x0 < 0 < x1 and y0 < 0 < y1 and x1 - x0 >= 3

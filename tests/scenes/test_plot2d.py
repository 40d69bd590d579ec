"""Axis numbers stand where their values are."""

from __future__ import annotations

import pytest

from scenes.layout import LANDSCAPE
from scenes.plot2d import graph_axes
from scenes.theme import THEMES


@pytest.mark.parametrize("y_range", [(0.03, 0.36), (-20.7, -10.3), (-1.2, 3.4), (5.5, 9.1)])
def test_every_tick_number_labels_the_value_at_its_tick(y_range):
    """Manim starts the ticks of a range on one side of 0 at its low end: a range from
    0.03 labelled its ticks at 0.03, 0.13, ... as 0.0, 0.1, ..."""
    axes = graph_axes((-2, 4), y_range, LANDSCAPE.main, THEMES["dark"])
    step = axes.y_axis.x_range[2]
    numbers = axes.y_axis.numbers
    assert len(numbers) >= 2
    for number in numbers:
        value = number.get_value()
        assert value / step == pytest.approx(round(value / step), abs=1e-9)
        assert axes.y_axis.p2n(number.get_center() + [0.4, 0, 0]) == pytest.approx(value,
                                                                                   abs=1e-6)

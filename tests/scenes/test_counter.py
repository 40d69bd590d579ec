"""The Counter: the digits of a DecimalNumber, rebuilt only when they change."""

from __future__ import annotations

import numpy as np
import pytest
from manim import DecimalNumber

from scenes.counter import Counter


@pytest.mark.parametrize("value", [0.5, 1.08, 2.57, -3.14])
def test_its_digits_are_a_decimal_numbers_outlines(value):
    stock = DecimalNumber(1.0, num_decimal_places=2, color="#E0A030").scale(1.3).set_value(value)
    counter = Counter(1.0, num_decimal_places=2, color="#E0A030").scale(1.3).set_value(value)
    assert len(counter) == len(stock) == len(f"{value:.2f}")
    assert np.allclose(counter.get_all_points(), stock.get_all_points(), atol=1e-9)
    assert [m.get_fill_color() for m in counter.family_members_with_points()] == [
        m.get_fill_color() for m in stock.family_members_with_points()]


def test_a_value_with_the_same_digits_keeps_the_glyphs_shown():
    counter = Counter(1.0, num_decimal_places=2)
    counter.set_value(1.234)
    shown = counter.submobjects
    counter.set_value(1.2349)
    assert counter.submobjects is shown and counter.get_value() == 1.23
    counter.set_value(1.236)
    assert counter.submobjects is not shown and counter.get_value() == 1.24

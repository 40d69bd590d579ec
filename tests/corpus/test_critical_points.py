"""The critical_points corpus: every point of the book's answer, and no other, with its
type (and f_xx where the answer gives it), from the real ``calcreel check --json``."""

from __future__ import annotations

import math

import pytest

from mathcore.parse import parse_number

KIND = "critical_points"
pytestmark = pytest.mark.xdist_group("corpus-critical_points")


def value(text: str) -> float:
    """A coordinate as the book writes it (``1/sqrt(3)``), parsed safely."""
    return float(parse_number(text))


def same_place(point: dict, expected: dict) -> bool:
    return (math.isclose(point["xf"], value(expected["x"]), abs_tol=1e-9)
            and math.isclose(point["yf"], value(expected["y"]), abs_tol=1e-9))


def test_the_critical_points_match_the_book(exercise, analysis):
    expected = exercise["answer"]["points"]
    found = analysis["points"]
    assert len(found) == len(expected), [(p["x"], p["y"], p["type"]) for p in found]
    for book in expected:
        (point,) = [p for p in found if same_place(p, book)]
        if "type" in book:
            assert point["type"] == book["type"], (book, point)
        if "fxx" in book:
            assert point["fxx"] == pytest.approx(value(book["fxx"]))
    assert analysis["curves"] == exercise["answer"].get("curves", [])


def test_the_window_holds_every_point_with_room(exercise, analysis):
    (x0, x1), (y0, y1) = ([value(e) for e in analysis["window"][v]] for v in "xy")
    for p in analysis["points"]:
        assert x0 < p["xf"] < x1 and y0 < p["yf"] < y1


def test_a_window_without_points_names_the_nearest(exercise, analysis):
    nearest = exercise["answer"].get("nearest")
    if nearest is None:
        assert analysis["nearest"] is None
    else:
        assert same_place(analysis["nearest"], nearest)
        assert analysis["nearest"]["type"] == nearest["type"]

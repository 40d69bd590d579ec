"""The extrema corpus: every critical point, type and absolute extreme the book gives."""

from __future__ import annotations

import pytest
import sympy

from mathcore.parse import parse_number

KIND = "extrema"
pytestmark = pytest.mark.xdist_group("corpus-extrema")


def value(text) -> float:
    return float(parse_number(str(text)))


def inside(points: list[dict], lesson: dict, closed: bool = False) -> list[dict]:
    """The points in the open (or closed) interval when the lesson has one, else all."""
    if "interval" not in lesson:
        return points
    a, b = (value(e) for e in lesson["interval"])
    margin = -1e-9 if closed else 1e-9
    return [p for p in points if a + margin < p["xf"] < b - margin]


def test_the_critical_points_match_the_book(exercise, analysis):
    answer = exercise["answer"]
    if "points" not in answer:
        pytest.skip("the book gives no list of critical points here")
    found = inside(analysis["points"], exercise["lesson"])
    assert [p["xf"] for p in found] == pytest.approx([value(p["x"]) for p in answer["points"]],
                                                     abs=1e-9)
    for got, want in zip(found, answer["points"]):
        if "type" in want:
            assert got["type"] == want["type"], (got, want)
        if "value" in want:
            assert value(got["value"]) == pytest.approx(value(want["value"]), abs=1e-9)
    assert [e["xf"] for e in inside(analysis["ends"], exercise["lesson"], closed=True)] == \
        pytest.approx([value(e) for e in answer.get("ends", [])])


def test_periodic_points_repeat_with_the_books_period(exercise, analysis):
    periodic = exercise["answer"].get("periodic")
    if periodic is None:
        pytest.skip("not a periodic answer")
    period = value(periodic["period"])
    assert analysis["points"], "no critical points in the chosen window"
    for got in analysis["points"]:
        matches = [p["type"] for p in periodic["points"]
                   if abs((got["xf"] - value(p["x"]) + period / 2) % period - period / 2) < 1e-9]
        assert matches == [got["type"]], got


def test_the_absolute_extrema_match_the_book(exercise, analysis):
    want = exercise["answer"].get("absolute")
    if want is None:
        pytest.skip("the exercise asks for no absolute extrema")
    for name in set(want) & {"max", "min"}:
        got, book = analysis["absolute"][name], want[name]
        if "x" in book:
            assert [value(v) for v in got["x"]] == pytest.approx([value(v) for v in book["x"]])
        if "value" in book:
            assert value(got["value"]) == pytest.approx(value(book["value"]), abs=1e-9)


def test_values_parse_as_the_book_writes_them():
    assert value("-1/sqrt(e)") == pytest.approx(-float(sympy.exp(-sympy.Rational(1, 2))))

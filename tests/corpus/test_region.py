"""The region corpus: the book's absolute maximum and minimum on a closed region (value
and points), and every candidate inside the region, through the real ``calcreel check
--json``: the exercises are critical_points lessons with ``region:``, their answers under
the analysis's ``absolute`` key.

Each candidate is checked with numbers computed here from the lesson's own text (f at the
point, each inequality there), not with the lesson's analysis.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from mathcore.parse import parse_number
from mathcore.symbols import x, y

KIND = "region"
pytestmark = pytest.mark.xdist_group("corpus-region")

CONTRACT = {"max", "min", "candidates"}
CANDIDATE = {"point", "pointf", "where", "value", "valuef"}


def number(text):
    return parse_number(str(text))


@pytest.fixture
def absolute(analysis):
    """The lesson's absolute extrema: the ``absolute`` key of its analysis."""
    return analysis["absolute"]


def same_points(found, expected) -> bool:
    expected = [[float(number(c)) for c in p] for p in expected]
    return len(found) == len(expected) and all(
        any(np.allclose(f, e, atol=1e-9) for f in found) for e in expected)


def test_the_absolute_extrema_match_the_book(exercise, absolute):
    for key in ("max", "min"):
        book, verdict = exercise["answer"]["absolute"].get(key), absolute[key]
        if book is None:
            continue
        if "value" in book:
            assert math.isclose(verdict["valuef"], float(number(book["value"])), rel_tol=1e-9,
                                abs_tol=1e-12), (key, verdict["value"])
        if "points" in book:
            assert same_points(verdict["pointsf"], book["points"]), (key, verdict["points"])
        if "approx" in book:
            assert abs(verdict["valuef"] - book["approx"]["value"]) <= book["approx"]["within"]


def inside(region, px: float, py: float, lesson_text) -> bool:
    """Whether (px, py) is in the lesson's region (up to rounding), read from its text."""
    if isinstance(region, list):
        for text in region:
            condition = lesson_text.relation(text)
            gap = float((condition.lhs - condition.rhs).subs({x: px, y: py}))
            if not (gap <= 1e-9 if condition.rel_op == "<=" else gap >= -1e-9):
                return False
        return True
    if "center" in region:
        h, k = (float(number(c)) for c in region["center"])
        return math.hypot(px - h, py - k) <= float(number(region["radius"])) + 1e-9
    if "x" in region:
        (a, b), (c, d) = ([float(number(e)) for e in region[v]] for v in "xy")
        return a - 1e-9 <= px <= b + 1e-9 and c - 1e-9 <= py <= d + 1e-9
    return _in_polygon([[float(number(c)) for c in v] for v in region["vertices"]], px, py)


def _in_polygon(vertices, px: float, py: float) -> bool:
    """Inside or on a convex polygon (the corpus has triangles): no two edges see the
    point on opposite sides."""
    sides = []
    for (ax, ay), (bx, by) in zip(vertices, vertices[1:] + vertices[:1]):
        cross = (bx - ax) * (py - ay) - (by - ay) * (px - ax)
        sides.append(0 if abs(cross) <= 1e-9 * (1 + math.hypot(bx - ax, by - ay)) else
                     math.copysign(1, cross))
    return not ({1, -1} <= set(sides))


def test_every_candidate_lies_in_the_region_and_has_its_value(exercise, absolute,
                                                              lesson_text):
    """Checked here with its own numbers: inside (up to rounding), f there is its value."""
    lesson = exercise["lesson"]
    f = lesson_text.formula(lesson["function"])
    for candidate in absolute["candidates"]:
        px, py = candidate["pointf"]
        assert math.isclose(float(f.subs({x: px, y: py})), candidate["valuef"],
                            rel_tol=1e-9, abs_tol=1e-9)
        assert inside(lesson["region"], px, py, lesson_text), candidate["point"]


def test_the_analysis_keeps_the_json_contract(exercise, analysis, absolute):
    assert set(absolute) == CONTRACT
    assert {c["where"] for c in absolute["candidates"]} <= {"interior", "edge", "corner"}
    for candidate in absolute["candidates"]:
        assert set(candidate) == CANDIDATE
    for key in ("max", "min"):
        assert set(absolute[key]) == {"value", "valuef", "points", "pointsf"}
    assert {"points", "window"} <= set(analysis)  # the critical_points keys stay

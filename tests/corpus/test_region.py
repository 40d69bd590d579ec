"""The region corpus: the book's absolute maximum and minimum on a closed region (value
and points), and every candidate inside the region.

``calcreel check`` has no region: field for critical_points yet: each lesson is read here
as the kind will read it and handed to ``mathcore.region`` directly. The exercises are
stored as lessons, so that they can be checked through the CLI once the field exists.
"""

from __future__ import annotations

import math
from functools import cache

import numpy as np
import pytest

from mathcore.parse import parse_number
from mathcore.region import Disk, Inequalities, Polygon, Rectangle, absolute_extrema
from mathcore.symbols import x, y

KIND = "region"
pytestmark = pytest.mark.xdist_group("corpus-region")

CONTRACT = {"max", "min", "candidates"}
CANDIDATE = {"point", "pointf", "where", "value", "valuef"}


def number(text):
    return parse_number(str(text))


def region_of(field, reader):
    """The lesson's region: a rectangle, disk, polygon or list of inequalities."""
    if isinstance(field, list):
        return Inequalities(tuple(reader.relation(t) for t in field))
    if "vertices" in field:
        return Polygon(tuple(tuple(number(c) for c in v) for v in field["vertices"]))
    if "center" in field:
        return Disk(tuple(number(c) for c in field["center"]), number(field["radius"]))
    return Rectangle(tuple(map(number, field["x"])), tuple(map(number, field["y"])))


@cache
def _analysed(function: str, region, reader):
    return absolute_extrema(reader.formula(function), region)


@pytest.fixture
def analysis(exercise, lesson_text):
    lesson = exercise["lesson"]
    return _analysed(lesson["function"], region_of(lesson["region"], lesson_text), lesson_text)


def same_points(found, expected) -> bool:
    expected = [[float(number(c)) for c in p] for p in expected]
    return len(found) == len(expected) and all(
        any(np.allclose(f, e, atol=1e-9) for f in found) for e in expected)


def test_the_absolute_extrema_match_the_book(exercise, analysis):
    for key, verdict in (("max", analysis.maximum), ("min", analysis.minimum)):
        book = exercise["answer"]["absolute"].get(key)
        if book is None:
            continue
        if "value" in book:
            assert math.isclose(verdict.valuef, float(number(book["value"])), rel_tol=1e-9,
                                abs_tol=1e-12), (key, verdict.value)
        if "points" in book:
            assert same_points(verdict.pointsf, book["points"]), (key, verdict.points)
        if "approx" in book:
            assert abs(verdict.valuef - book["approx"]["value"]) <= book["approx"]["within"]


def test_every_candidate_lies_in_the_region_and_has_its_value(exercise, analysis,
                                                              lesson_text):
    """Checked here with its own numbers: inside (up to rounding), f there is its value."""
    f = lesson_text.formula(exercise["lesson"]["function"])
    shape = analysis.region
    for candidate in analysis.candidates:
        px, py = candidate.pointf
        assert math.isclose(float(f.subs({x: px, y: py})), candidate.valuef,
                            rel_tol=1e-9, abs_tol=1e-9)
        if isinstance(shape, Inequalities):
            for condition in shape.conditions:
                gap = float((condition.lhs - condition.rhs).subs({x: px, y: py}))
                assert gap <= 1e-9 if condition.rel_op == "<=" else gap >= -1e-9, condition


def test_the_analysis_keeps_the_json_contract(exercise, analysis):
    data = analysis.to_json()
    assert set(data) == CONTRACT
    assert {c["where"] for c in data["candidates"]} <= {"interior", "edge", "corner"}
    for candidate in data["candidates"]:
        assert set(candidate) == CANDIDATE
    for key in ("max", "min"):
        assert set(data[key]) == {"value", "valuef", "points", "pointsf"}

"""The lagrange corpus: the book's maximum and minimum (value, points, multipliers), or
their absence, and every candidate checked independently.

``calcreel check`` has no lagrange kind yet: each lesson is read here as the kind will
read it and handed to ``mathcore.lagrange`` directly. The exercises are stored as lessons,
so that the kind, once registered, is checked through the CLI like the others.
"""

from __future__ import annotations

import math
from functools import cache

import numpy as np
import pytest
import sympy

from mathcore.lagrange import lagrange
from mathcore.numeric import numeric_function
from mathcore.parse import parse_number

KIND = "lagrange"
pytestmark = pytest.mark.xdist_group("corpus-lagrange")

CONTRACT = {"function", "constraints", "complete", "bounded", "candidates", "max", "min"}
EXTREMUM = {"value", "valuef", "points", "pointsf"}
CANDIDATE = {"point", "pointf", "lambda", "value", "valuef"}


@cache
def _analysed(lesson: tuple, reader):
    fields = dict(lesson)
    texts = fields.get("constraints") or [fields["constraint"]]
    return lagrange(reader.formula(fields["function"]), [reader.equation(t) for t in texts],
                    goal=fields.get("goal", "both"),
                    domain=[reader.relation(t) for t in fields.get("domain", [])])


@pytest.fixture
def analysis(exercise, lesson_text):
    lesson = tuple((k, tuple(v) if isinstance(v, list) else v)
                   for k, v in exercise["lesson"].items())
    return _analysed(lesson, lesson_text)


def value(text) -> float:
    return float(parse_number(str(text)))


def same_points(found: list, expected: list) -> bool:
    """The same set of points, to 1e-9."""
    expected = [[value(c) for c in p] for p in expected]
    return len(found) == len(expected) and all(
        any(np.allclose(f, e, atol=1e-9) for f in found) for e in expected)


def test_max_and_min_match_the_book(exercise, analysis):
    for key, verdict in (("max", analysis.maximum), ("min", analysis.minimum)):
        if key not in exercise["answer"]:
            continue
        book = exercise["answer"][key]
        if book is None:
            assert verdict is None, (key, verdict)
            continue
        assert verdict is not None, key
        if "value" in book:
            assert math.isclose(verdict.valuef, value(book["value"]), rel_tol=1e-9,
                                abs_tol=1e-12), (key, verdict.value)
        if "points" in book:
            assert same_points(verdict.pointsf, book["points"]), (key, verdict.points)
        for candidate in _at(verdict, analysis) if "lambda" in book else ():
            assert np.allclose([float(v) for v in candidate.multipliers],
                               [value(v) for v in book["lambda"]], atol=1e-9)
        _assert_approx(book.get("approx"), verdict, analysis)


def _at(verdict, analysis) -> list:
    """The candidates where the extreme value is reached."""
    return [c for c in analysis.candidates if c.pointf in verdict.pointsf]


def _assert_approx(approx: dict | None, verdict, analysis) -> None:
    """The book's rounded numbers, to its rounding."""
    if approx is None:
        return
    within = approx["within"]
    (candidate,) = _at(verdict, analysis)
    if "point" in approx:
        assert np.allclose(candidate.pointf, approx["point"], atol=within), candidate.point
    if "value" in approx:
        assert abs(verdict.valuef - approx["value"]) <= within
    if "lambda" in approx:
        assert np.allclose([float(v) for v in candidate.multipliers], approx["lambda"],
                           atol=within)


def test_boundedness_matches_the_book(exercise, analysis):
    if "bounded" in exercise["answer"]:
        assert analysis.bounded is exercise["answer"]["bounded"]


def test_every_candidate_solves_the_lagrange_system(exercise, analysis):
    """Checked here with its own numbers: on the set, in the domain, and grad f equal to
    the multipliers times the constraints' gradients."""
    variables = analysis.variables
    for candidate in analysis.candidates:
        at = np.array(candidate.pointf)
        for constraint in analysis.constraints:
            residual = numeric_function(constraint.lhs - constraint.rhs, variables)(*at)
            assert abs(residual) <= 1e-9 * (1 + np.abs(at).max()), (candidate.point, constraint)
        for condition in analysis.domain:
            assert bool(condition.subs(dict(zip(variables, candidate.point)))), candidate.point
        gradient = [numeric_function(sympy.diff(analysis.function, v), variables)(*at)
                    for v in variables]
        rows = [[numeric_function(sympy.diff(c.lhs - c.rhs, v), variables)(*at)
                 for v in variables] for c in analysis.constraints]
        if candidate.multipliers:
            combination = np.array([float(m) for m in candidate.multipliers]) @ np.array(rows)
            assert np.allclose(gradient, combination, atol=1e-8 * (1 + np.abs(gradient).max()))


def test_the_analysis_keeps_the_json_contract(exercise, analysis):
    data = analysis.to_json()
    assert set(data) == CONTRACT
    assert isinstance(data["function"], str) and all(isinstance(c, str)
                                                     for c in data["constraints"])
    for candidate in data["candidates"]:
        assert set(candidate) == CANDIDATE
        assert all(isinstance(v, str) for v in candidate["point"] + candidate["lambda"])
        assert len(candidate["pointf"]) == len(analysis.variables)
    for key in ("max", "min"):
        assert data[key] is None or set(data[key]) == EXTREMUM

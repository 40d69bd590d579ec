"""The lagrange corpus: the book's maximum and minimum (value, points, multipliers), or
their absence, and every candidate checked independently.

Each exercise is a lagrange lesson, checked through the real ``calcreel check --json``
(the ``analysis`` fixture of conftest.py). The candidates are then checked with numbers of
this file's own: f, the constraints and the domain read from the lesson's text.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
import sympy

from mathcore.numeric import numeric_function
from mathcore.parse import parse_number
from mathcore.symbols import x, y, z

KIND = "lagrange"
pytestmark = pytest.mark.xdist_group("corpus-lagrange")

CONTRACT = {"function", "constraints", "complete", "bounded", "candidates", "max", "min"}
EXTREMUM = {"value", "valuef", "points", "pointsf"}
CANDIDATE = {"point", "pointf", "lambda", "value", "valuef"}


def value(text) -> float:
    return float(parse_number(str(text)))


def same_points(found: list, expected: list) -> bool:
    """The same set of points, to 1e-9."""
    expected = [[value(c) for c in p] for p in expected]
    return len(found) == len(expected) and all(
        any(np.allclose(f, e, atol=1e-9) for f in found) for e in expected)


def test_max_and_min_match_the_book(exercise, analysis):
    for key in ("max", "min"):
        if key not in exercise["answer"]:
            continue
        book, verdict = exercise["answer"][key], analysis[key]
        if book is None:
            assert verdict is None, (key, verdict)
            continue
        assert verdict is not None, key
        if "value" in book:
            assert math.isclose(verdict["valuef"], value(book["value"]), rel_tol=1e-9,
                                abs_tol=1e-12), (key, verdict["value"])
        if "points" in book:
            assert same_points(verdict["pointsf"], book["points"]), (key, verdict["points"])
        for candidate in _at(verdict, analysis) if "lambda" in book else ():
            assert np.allclose([value(v) for v in candidate["lambda"]],
                               [value(v) for v in book["lambda"]], atol=1e-9)
        _assert_approx(book.get("approx"), verdict, analysis)


def _at(verdict: dict, analysis: dict) -> list[dict]:
    """The candidates where the extreme value is reached."""
    return [c for c in analysis["candidates"] if c["pointf"] in verdict["pointsf"]]


def _assert_approx(approx: dict | None, verdict: dict, analysis: dict) -> None:
    """The book's rounded numbers, to its rounding."""
    if approx is None:
        return
    within = approx["within"]
    (candidate,) = _at(verdict, analysis)
    if "point" in approx:
        assert np.allclose(candidate["pointf"], approx["point"], atol=within), candidate["point"]
    if "value" in approx:
        assert abs(verdict["valuef"] - approx["value"]) <= within
    if "lambda" in approx:
        assert np.allclose([value(v) for v in candidate["lambda"]], approx["lambda"],
                           atol=within)


def test_boundedness_matches_the_book(exercise, analysis):
    if "bounded" in exercise["answer"]:
        assert analysis["bounded"] is exercise["answer"]["bounded"]


def _problem(lesson: dict, reader) -> tuple:
    """f, the constraints (each lhs - rhs), the domain and the variables, from the text."""
    f = reader.formula(lesson["function"])
    zeros = [lhs - rhs for lhs, rhs in map(reader.equation,
                                           lesson.get("constraints") or [lesson["constraint"]])]
    domain = [reader.relation(t) for t in lesson.get("domain", [])]
    used = f.free_symbols.union(*(g.free_symbols for g in zeros))
    return f, zeros, domain, (x, y, z) if z in used else (x, y)


def test_every_candidate_solves_the_lagrange_system(exercise, analysis, lesson_text):
    """Checked here with its own numbers: on the set, in the domain, and grad f equal to
    the multipliers times the constraints' gradients."""
    f, zeros, domain, variables = _problem(exercise["lesson"], lesson_text)
    for candidate in analysis["candidates"]:
        at = np.array(candidate["pointf"])
        assert len(at) == len(variables), candidate["point"]
        for g in zeros:
            residual = numeric_function(g, variables)(*at)
            assert abs(residual) <= 1e-9 * (1 + np.abs(at).max()), (candidate["point"], g)
        for condition in domain:
            assert bool(condition.subs(dict(zip(variables, at)))), candidate["point"]
        gradient = [numeric_function(sympy.diff(f, v), variables)(*at) for v in variables]
        rows = [[numeric_function(sympy.diff(g, v), variables)(*at) for v in variables]
                for g in zeros]
        if candidate["lambda"]:
            combination = np.array([value(m) for m in candidate["lambda"]]) @ np.array(rows)
            assert np.allclose(gradient, combination, atol=1e-8 * (1 + np.abs(gradient).max()))


def test_the_analysis_keeps_the_json_contract(exercise, analysis, lesson_text):
    assert set(analysis) == CONTRACT
    assert isinstance(analysis["function"], str) and all(isinstance(c, str)
                                                         for c in analysis["constraints"])
    variables = _problem(exercise["lesson"], lesson_text)[3]
    for candidate in analysis["candidates"]:
        assert set(candidate) == CANDIDATE
        assert all(isinstance(v, str) for v in candidate["point"] + candidate["lambda"])
        assert len(candidate["pointf"]) == len(variables)
    for key in ("max", "min"):
        assert analysis[key] is None or set(analysis[key]) == EXTREMUM

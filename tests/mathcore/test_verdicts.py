"""One vocabulary of verdicts: their JSON strings stay as they were, and each has its words."""

from __future__ import annotations

import json

import pytest

from mathcore.critical import critical_points
from mathcore.extrema import extrema
from mathcore.symbols import x, y
from mathcore.verdicts import WORDS, Verdict


def test_the_json_strings_are_unchanged():
    assert {v.name: v.value for v in Verdict} == {
        "LOCAL_MIN": "local min", "LOCAL_MAX": "local max", "SADDLE": "saddle",
        "INCONCLUSIVE": "inconclusive", "NEITHER": "neither", "UNKNOWN": "unknown"}


@pytest.mark.parametrize("verdict", list(Verdict))
def test_a_verdict_is_its_string(verdict):
    assert verdict == verdict.value and str(verdict) == f"{verdict}" == verdict.value
    assert {verdict.value: 1}[verdict] == 1 and Verdict(verdict.value) is verdict
    assert json.dumps([verdict]) == json.dumps([verdict.value])


@pytest.mark.parametrize("verdict", list(Verdict))
def test_every_verdict_has_its_words(verdict):
    words = (verdict.label, verdict.plural, verdict.with_article)
    assert all(w.strip() for w in words)
    assert verdict.label[0].isupper() and verdict.label.lower() == verdict.value
    assert set(WORDS) == set(Verdict)


def test_the_words_of_the_two_dimensional_verdicts():
    assert [(v.label, v.plural, v.with_article) for v in (
        Verdict.LOCAL_MIN, Verdict.LOCAL_MAX, Verdict.SADDLE, Verdict.INCONCLUSIVE)] == [
        ("Local min", "local minima", "a local min"),
        ("Local max", "local maxima", "a local max"),
        ("Saddle", "saddles", "a saddle"),
        ("Inconclusive", "inconclusive points", "an inconclusive point")]


def test_check_json_writes_plain_strings():
    seed = critical_points(x**3 + y**3 - 3 * x**2 + 3 * y**2, ((-3, 3), (-3, 3))).to_json()
    assert sorted(p["type"] for p in seed["points"]) == [
        "local max", "local min", "saddle", "saddle"]
    assert all(type(p["type"]) is str for p in seed["points"])
    quartic = critical_points(x**4 + y**4, ((-1, 1), (-1, 1))).to_json()["points"][0]
    assert (type(quartic["type"]), quartic["type"], type(quartic["probe"]), quartic["probe"]) == (
        str, "inconclusive", str, "local min")
    cubic = extrema(x**3, (-1, 1)).to_json()["points"][0]
    assert (type(cubic["type"]), cubic["type"]) == (str, "neither")

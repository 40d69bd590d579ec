"""The Mean Value Theorem corpus: the slope, every c, or why the theorem does not apply."""

from __future__ import annotations

import pytest

from mathcore.parse import parse_number

KIND = "mean_value"
pytestmark = pytest.mark.xdist_group("corpus-mean-value")


def value(text) -> float:
    return float(parse_number(str(text)))


def test_the_theorem_applies_as_the_book_says(exercise, analysis):
    answer = exercise["answer"]
    assert analysis["applies"] is answer["applies"], analysis["reason"]
    if "reason" in answer:
        assert answer["reason"] in analysis["reason"]
    if "slope" in answer:
        assert value(analysis["slope"]) == pytest.approx(value(answer["slope"]), abs=1e-12)


def test_every_c_matches_the_book(exercise, analysis):
    answer = exercise["answer"]
    found = [c["value"] for c in analysis["c"]]
    if answer.get("at_least_one"):
        assert found, "the book proves some c exists"
    elif "count" in answer:
        assert len(found) == answer["count"], found
    else:
        assert found == pytest.approx([value(c) for c in answer.get("c", [])], abs=1e-9)
    a, b = (value(e) for e in exercise["lesson"]["interval"])
    assert all(a < c < b for c in found)

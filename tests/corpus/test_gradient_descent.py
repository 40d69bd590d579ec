"""Gradient descent with closed-form outcomes: each run's outcome, limit, limit_type and
rate bound from ``calcreel check --json``, against the reasoning written in the entry."""

from __future__ import annotations

import pytest

from mathcore.parse import parse_number

KIND = "gradient_descent"
pytestmark = pytest.mark.xdist_group("corpus-gradient-descent")


def value(text) -> float:
    return float(parse_number(str(text)))


def test_every_run_ends_as_the_closed_form_says(exercise, analysis):
    want = exercise["answer"]["runs"]
    assert len(analysis["runs"]) == len(want)
    for got, run in zip(analysis["runs"], want):
        assert got["outcome"] == run["outcome"], (got["outcome"], run)
        if "limit" in run:
            assert got["limit"] == pytest.approx([value(c) for c in run["limit"]], abs=1e-6)
        else:
            assert got["limit"] is None, got["limit"]
        assert got["limit_type"] == run.get("limit_type"), (got["limit_type"], run)
        if "rate_bound" in run:
            assert got["rate_bound"] == pytest.approx(value(run["rate_bound"]), rel=1e-12)
        else:
            assert got["rate_bound"] is None, got["rate_bound"]
        if "steps" in run:
            assert len(got["steps"]) - 1 == run["steps"]
        if "reached" in run:
            assert got["steps"][run["reached"]]["point"] == pytest.approx(got["limit"], abs=1e-12)


def test_the_runs_start_where_the_lesson_says(exercise, analysis):
    lesson = exercise["lesson"]
    starts = [lesson["start"]] + [c.get("start", lesson["start"])
                                  for c in lesson.get("compare", [])]
    assert [run["start"] for run in analysis["runs"]] == \
        [pytest.approx([value(c) for c in s]) for s in starts]
    assert all(run["steps"][0]["point"] == run["start"] for run in analysis["runs"])

"""The graphs lesson: its window (a family names no point), chosen in the analysis."""

from __future__ import annotations

from scenes.graphs.lesson import GraphsLesson


def lesson(**fields) -> GraphsLesson:
    return GraphsLesson.model_validate({"id": "g", "kind": "graphs", **fields})


def test_without_a_window_the_family_is_drawn_on_minus_3_to_3():
    analysis = lesson(functions=["tan(x)"]).analyze()
    assert analysis.x_range == (-3, 3)
    assert analysis.to_json()["functions"][0]["poles"] == ["-pi/2", "pi/2"]


def test_a_given_window_is_kept():
    analysis = lesson(functions=["1/(x - 5)"], x=[0, 8]).analyze()
    assert analysis.x_range == (0, 8)
    assert analysis.to_json()["functions"][0]["poles"] == ["5"]

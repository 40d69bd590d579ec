"""The critical_points lesson: windows chosen from its points, and lessons with nothing
to classify (no point in the window, a constant f) play without a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest
import sympy

from scenes.critical_points.lesson import CriticalPointsLesson, report, solutions_caption
from scenes.layout_check import layout_problems
from scripts.quality import QUALITIES
from scripts.render import Job, rehearse

PIT_AT_4_MINUS_1 = "x^2 + y^2 - 8x + 2y"  # grad f = (2x - 8, 2y + 2): only (4, -1), a min


def lesson(**fields) -> CriticalPointsLesson:
    return CriticalPointsLesson.model_validate({"id": "t", "kind": "critical_points", **fields})


@pytest.fixture(scope="module")
def cache(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("cache")


def played(chosen: CriticalPointsLesson, shape: str, tmp_path: Path, cache: Path):
    """Rehearse the lesson in ``shape``; the beats played and the layout problems seen."""
    problems: list[str] = []

    def probe(scene, beat: str) -> None:
        problems.extend(f"{beat}: {p}" for p in layout_problems(scene, scene.layout))

    job = Job(chosen, chosen.analyze(), shape, QUALITIES["tiny"], "dark")
    return rehearse(job, tmp_path / "work", cache, probe), problems


def test_without_a_window_the_surface_is_drawn_around_the_points():
    analysis = lesson(function=PIT_AT_4_MINUS_1).analyze()
    (pit,) = analysis.critical.points
    assert (pit.x, pit.y, pit.type) == (4, -1, "local min")
    (x0, x1), (y0, y1) = analysis.landscape.x_range, analysis.landscape.y_range
    assert (x0, x1, y0, y1) == tuple(e for r in analysis.critical.window for e in r)
    assert x0 < 4 < x1 and y0 < -1 < y1
    assert analysis.to_json()["window"] == {"x": [str(x0), str(x1)], "y": [str(y0), str(y1)]}


def test_a_window_without_points_says_so_and_names_the_nearest():
    analysis = lesson(function=PIT_AT_4_MINUS_1, x=[-3, 3], y=[-3, 3]).analyze()
    assert analysis.critical.points == ()
    expected = "No critical point in this window; the nearest is (4, -1), a local min"
    assert solutions_caption(analysis.critical) == expected
    assert expected in report(analysis)


def test_a_constant_has_every_point_critical():
    analysis = lesson(function="5").analyze()
    assert solutions_caption(analysis.critical) == "Every point is critical: f is constant"
    assert "critical curve: every point" in report(analysis)


def test_curves_are_read_from_their_equation():
    caption = solutions_caption(lesson(function="x^2*y^2", x=[-1, 1], y=[-1, 1]).analyze()
                                .critical)
    assert caption == "0 critical points; and whole curves of them: x = 0, y = 0"


@pytest.mark.parametrize("shape", ["landscape", "portrait", "square"])
@pytest.mark.parametrize("fields", [
    {"function": PIT_AT_4_MINUS_1, "x": [-3, 3], "y": [-3, 3]},  # was: Scene.play with no
    {"function": "5"},                                           # animations; SympifyError
], ids=["no-point-in-window", "constant"])
def test_nothing_to_classify_plays_cleanly(fields, shape, tmp_path, cache):
    rehearsal, problems = played(lesson(**fields), shape, tmp_path, cache)
    beats = [b.name for b in rehearsal.beats]
    assert beats[:4] == ["title", "gradient", "solutions", "surface"]
    assert not any(b.startswith("point-") for b in beats)
    assert problems == []


def test_the_window_fields_may_be_left_out_one_at_a_time():
    chosen = lesson(function=PIT_AT_4_MINUS_1, x=[3, 5])
    assert chosen.y is None
    window = chosen.analyze().critical.window
    assert window[0] == (3, 5) and window[1][0] < -1 < window[1][1]
    assert isinstance(window[1][0], sympy.Rational)

"""A fixed sample of corpus lessons previewed by the real ``calcreel preview``: no
traceback, a still of every beat, and a clean layout check (preview prints what the
check finds as ``warning: ...: layout: ...``).

``make corpus`` previews all of SAMPLE in all three shapes. ``make test`` previews QUICK,
one lesson per kind, each in one shape, the shapes taken in turn: the default course's
layout rehearsals already play every kind in every shape.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
SHAPES = ("landscape", "portrait", "square")

# Exercise numbers (from 1) in each corpus file: spread over its sources.
SAMPLE = {
    "critical_points": [1, 6, 12, 18, 24],
    "implicit": [1, 7, 13, 19, 25],
    "extrema": [1, 5, 10, 15, 20],
    "mean_value": [1, 3, 5, 7],
    "taylor": [1, 8, 15, 22, 29],
    "first_principle": [1, 6, 11],
    "graphs": [1, 7, 13],
    "lagrange": [1, 2, 6, 17, 29, 33],
    "region": [5, 7, 10, 13],
    "gradient_descent": [4, 11, 13],
}
QUICK = {"critical_points": [18], "implicit": [25], "extrema": [5], "mean_value": [5],
         "taylor": [22], "first_principle": [6], "graphs": [7], "lagrange": [33],
         "region": [10], "gradient_descent": [13]}
EVERY_SHAPE = bool(os.environ.get("CALCREEL_CORPUS"))
CHOSEN = [(kind, n, SHAPES if EVERY_SHAPE else (SHAPES[i % len(SHAPES)],))
          for i, (kind, numbers) in enumerate((SAMPLE if EVERY_SHAPE else QUICK).items())
          for n in numbers]

pytestmark = pytest.mark.render


def test_the_sample_is_large_enough():
    assert sum(map(len, SAMPLE.values())) >= 40
    assert set(QUICK) == set(SAMPLE)
    assert all(set(QUICK[kind]) <= set(SAMPLE[kind]) for kind in QUICK)
    assert EVERY_SHAPE or {shapes for _, _, shapes in CHOSEN} == {(s,) for s in SHAPES}


@pytest.mark.parametrize("kind, number, shapes", CHOSEN)
def test_a_corpus_lesson_previews_cleanly(kind, number, shapes, corpus_exercises, tmp_path):
    lesson = corpus_exercises(kind)[number - 1]["lesson"]
    course = tmp_path / "course.yaml"
    course.write_text(yaml.safe_dump({"course": {"shapes": list(shapes)},
                                      "lessons": [lesson]}, sort_keys=False))
    done = subprocess.run(
        [sys.executable, "-m", "scripts.cli", "preview", str(course), "--quality", "tiny",
         "--out", str(tmp_path / "stills")], capture_output=True, text=True, cwd=ROOT,
        timeout=900, stdin=subprocess.DEVNULL)
    assert "Traceback" not in done.stderr, done.stderr
    assert done.returncode == 0, done.stderr
    for shape in shapes:
        made = sorted((tmp_path / "stills").glob(f"{lesson['id']}-{shape}-*.png"))
        assert len(made) >= 3, (shape, made)
        assert made[0].name.endswith("-01-title.png") and made[-1].name.endswith("-closing.png")
    assert "warning" not in done.stderr, done.stderr  # what the layout check found

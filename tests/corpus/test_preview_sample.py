"""A fixed sample of corpus lessons previewed by the real ``calcreel preview`` in all
three shapes: no traceback, a still of every beat, and a clean layout check (preview
prints what the check finds as ``warning: ...: layout: ...``).

``make test`` previews QUICK (one or two lessons per kind); ``make corpus`` all of SAMPLE.
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

# Exercise numbers (from 1) in each kind's file: spread over its sources.
SAMPLE = {
    "critical_points": [1, 6, 12, 18, 24],
    "implicit": [1, 7, 13, 19, 25],
    "extrema": [1, 5, 10, 15, 20],
    "mean_value": [1, 3, 5, 7],
    "taylor": [1, 8, 15, 22, 29],
    "first_principle": [1, 6, 11],
    "graphs": [1, 7, 13],
}
QUICK = {"critical_points": [6, 18], "implicit": [7, 25], "extrema": [5], "mean_value": [5],
         "taylor": [8, 22], "first_principle": [6], "graphs": [7]}
CHOSEN = SAMPLE if os.environ.get("CALCREEL_CORPUS") else QUICK

pytestmark = pytest.mark.render


def test_the_sample_is_large_enough():
    assert sum(map(len, SAMPLE.values())) >= 30
    assert all(set(QUICK[kind]) <= set(SAMPLE[kind]) for kind in QUICK)
    assert sum(map(len, QUICK.values())) == 10


@pytest.mark.parametrize("kind, number", [(kind, n) for kind, numbers in CHOSEN.items()
                                          for n in numbers])
def test_a_corpus_lesson_previews_cleanly_in_every_shape(kind, number, corpus_exercises,
                                                         tmp_path):
    lesson = corpus_exercises(kind)[number - 1]["lesson"]
    course = tmp_path / "course.yaml"
    course.write_text(yaml.safe_dump({"course": {"shapes": list(SHAPES)},
                                      "lessons": [lesson]}, sort_keys=False))
    done = subprocess.run(
        [sys.executable, "-m", "scripts.cli", "preview", str(course), "--quality", "tiny",
         "--out", str(tmp_path / "stills")], capture_output=True, text=True, cwd=ROOT,
        timeout=900, stdin=subprocess.DEVNULL)
    assert "Traceback" not in done.stderr, done.stderr
    assert done.returncode == 0, done.stderr
    for shape in SHAPES:
        made = sorted((tmp_path / "stills").glob(f"{lesson['id']}-{shape}-*.png"))
        assert len(made) >= 3, (shape, made)
        assert made[0].name.endswith("-01-title.png") and made[-1].name.endswith("-closing.png")
    assert "warning" not in done.stderr, done.stderr  # what the layout check found

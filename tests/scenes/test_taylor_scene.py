"""The Taylor lesson: its model, its captions, and a still of every beat."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest
from pydantic import ValidationError

from scenes.taylor import TaylorLesson, bound_caption, degree_caption, shown_degrees
from scripts.quality import QUALITIES
from scripts.render import Job, stills


def lesson(**fields) -> TaylorLesson:
    return TaylorLesson.model_validate({"id": "t", "kind": "taylor", **fields})


def test_sine_to_degree_ten_skips_the_even_terms():
    analysis = lesson(function="sin(x)", degree=10, x=["-2pi", "2pi"]).analyze()
    t = analysis.taylor
    assert shown_degrees(t) == [0, 1, 3, 5, 7, 9, 10]
    assert degree_caption(t, 3) == "P₃ adds -x³/6"
    assert degree_caption(t, 10) == "P₁₀ = P₉: there is no x¹⁰ term"
    assert analysis.to_json()["polynomial"] == "x**9/362880 - x**7/5040 + x**5/120 - x**3/6 + x"


def test_the_error_at_pi_is_within_the_bound():
    analysis = lesson(function="sin(x)", degree=10, x=["-2pi", "2pi"]).analyze()
    assert str(analysis.error_at) == "pi"
    assert 0 < analysis.error <= analysis.bound
    assert analysis.error == pytest.approx(abs(np.sin(np.pi) - sum(
        (-1) ** k * np.pi ** (2 * k + 1) / np.prod(range(1, 2 * k + 2)) for k in range(5))))
    assert bound_caption(analysis).startswith("At x = π: |f - P₁₀| = 0.0069")


def test_an_off_centre_expansion_speaks_in_powers_of_x_minus_a():
    t = lesson(function="exp(x)", center=1, degree=3, x=[-1, 3]).analyze().taylor
    assert degree_caption(t, 2) == "P₂ adds E·(x - 1)²/2"


@pytest.mark.parametrize(("fields", "message"), [
    ({"function": "sin(x)", "center": 9}, "center = 9 lies outside the window"),
    ({"function": "sin(x)", "degree": 21}, "less than or equal to 20"),
    ({"function": "sin(y)"}, "y"),
    ({"function": "sin(x)", "narration": {"degree": "hi"}}, "unknown beat 'degree'"),
])
def test_bad_lessons_are_refused(fields, message):
    with pytest.raises(ValidationError, match=message.replace("(", r"\(")):
        lesson(**fields)


@pytest.mark.render
def test_every_beat_has_a_still(tmp_path: Path):
    taught = lesson(function="sin(x)", degree=5, x=["-2pi", "2pi"])
    job = Job(taught, taught.analyze(), "landscape", QUALITIES["tiny"], "dark")
    paths = stills(job, tmp_path / "work", tmp_path / "cache", tmp_path / "stills")
    beats = [re.match(r".*?-\d{2}-(.*)", p.stem)[1] for p in paths]  # id-shape-nn-beat
    assert beats == ["title", "function", "degree-0", "degree-1", "degree-3", "degree-5",
                     "error", "bound", "closing"]
    from PIL import Image

    assert np.asarray(Image.open(paths[5]).convert("L")).std() > 5

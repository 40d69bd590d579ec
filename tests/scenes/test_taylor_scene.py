"""The Taylor lesson: its model, its captions, and a still of every beat."""

from __future__ import annotations

import math
import re
from pathlib import Path

import numpy as np
import pytest
import sympy
from pydantic import ValidationError

from scenes.notation import number
from scenes.taylor.lesson import (
    TaylorLesson,
    bound_caption,
    degree_caption,
    polynomial_texts,
    report,
    rounded_up,
    shown_degrees,
)
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
    error = abs(np.sin(np.pi) - sum(
        (-1) ** k * np.pi ** (2 * k + 1) / np.prod(range(1, 2 * k + 2)) for k in range(5)))
    assert analysis.error == pytest.approx(error)
    # the bound, pi^11/11! = 0.0073704 with mathcore's margin on max |f| (0.0074441),
    # is shown rounded up, so that what is shown still bounds
    assert math.pi ** 11 / math.factorial(11) <= analysis.bound < 0.0075
    assert bound_caption(analysis) == (f"At x = π: |f - P₁₀| ≈ {error:.4g}, within the "
                                       "Lagrange bound 0.0075")


@pytest.mark.parametrize("value, shown", [(0.0073704, "0.0074"), (0.0074, "0.0074"),
                                          (0.3125, "0.32"), (3.0, "3"), (12345.0, "13000"),
                                          (1.23e-5, "1.3·10⁻⁵")])
def test_a_bound_is_shown_rounded_up(value, shown):
    assert number(rounded_up(value)) == shown


def test_an_off_centre_expansion_speaks_in_powers_of_x_minus_a():
    t = lesson(function="exp(x)", center=1, degree=3, x=[-1, 3]).analyze().taylor
    assert degree_caption(t, 2) == "P₂ adds e·(x - 1)²/2"


def test_a_polynomial_about_a_reads_as_a_textbook_writes_it():
    analysis = lesson(function="1/x^2", center=1, degree=3).analyze()
    t = analysis.taylor
    assert degree_caption(t, 1) == "P₁ adds -2(x - 1)"
    assert "P₃(x) = 1 - 2(x - 1) + 3(x - 1)² - 4(x - 1)³" in report(analysis)
    assert polynomial_texts(t, 2)[0] == (r"P_{2}(x) = 1 - 2 \left(x - 1\right)"
                                         r" + 3 \left(x - 1\right)^{2}")
    data = analysis.to_json()
    assert data["textbook"] == "1 - 2*(x - 1) + 3*(x - 1)**2 - 4*(x - 1)**3"
    assert data["polynomial"] == "-4*x**3 + 15*x**2 - 20*x + 10"


@pytest.mark.parametrize(("function", "degree"), [("e^x", 2), ("1/x^2", 3), ("ln(x)", 4)])
def test_the_formula_breaks_between_terms_and_typesets(function, degree):
    # issue 10: the break fell inside \left( ... \right) and LaTeX failed, killing check
    from manim import MathTex

    t = lesson(function=function, center=1, degree=degree).analyze().taylor
    for k in shown_degrees(t):
        for text in polynomial_texts(t, k):
            for line in text.split(r"\\"):
                assert line.count(r"\left(") == line.count(r"\right)"), line
            assert MathTex(text).width > 0


@pytest.mark.parametrize(("fields", "window"), [
    ({"function": "e^x", "center": 8, "degree": 2}, (4, 12)),  # was refused against [-4, 4]
    ({"function": "ln(x)", "center": 1, "degree": 3}, (0, sympy.Rational(5, 2))),
    ({"function": "sin(x)", "degree": 5, "x": [-1, 2]}, (-1, 2)),  # a given window is kept
])
def test_a_lesson_without_a_window_gets_one_from_the_centre(fields, window):
    analysis = lesson(**fields).analyze()
    assert analysis.window == window
    assert analysis.to_json()["window"] == [str(v) for v in window]
    assert window[0] <= analysis.error_at <= window[1]


def test_the_bound_and_the_estimate_are_in_the_json():
    # CLP-1 3.4.2 Q5: the linear approximation of sqrt(x) about 4 estimates sqrt(5) as 9/4
    data = lesson(function="sqrt(x)", center=4, degree=1, error_at=5).analyze().to_json()
    assert data["approximation"] == "9/4"
    assert data["error"] == pytest.approx(9 / 4 - 5**0.5)
    assert data["error"] <= data["bound"]


def test_no_lagrange_bound_across_a_pole_is_said_so():
    # 1/x^2 about 1: at x = -1/2 the way from 1 passes the pole at 0
    analysis = lesson(function="1/x^2", center=1, degree=3, error_at="-1/2").analyze()
    assert analysis.to_json()["bound"] is None
    assert bound_caption(analysis).endswith("the Lagrange bound gives none there: the derivative"
                                            " of order 4 is unbounded between 1 and -1/2")


@pytest.mark.parametrize(("fields", "message"), [
    ({"function": "sin(x)", "center": 9, "x": [-4, 4]}, "center = 9 lies outside the window"),
    ({"function": "sin(x)", "error_at": 5, "x": [-4, 4]}, "error_at = 5 lies outside"),
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


@pytest.mark.render
def test_e_to_the_x_about_1_in_portrait_has_its_stills(tmp_path: Path):
    # issue 10: this lesson's two-line formula killed check, preview and render
    taught = lesson(function="e^x", center=1, degree=2)
    job = Job(taught, taught.analyze(), "portrait", QUALITIES["tiny"], "dark")
    paths = stills(job, tmp_path / "work", tmp_path / "cache", tmp_path / "stills")
    assert len(paths) == 8

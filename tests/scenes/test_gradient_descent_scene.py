"""gradient_descent: captions, report and the check --json contract, on cases whose outcome
is known in closed form (quadratics: x_{k+1} = (1 - eta lambda) x_k along each eigenvector)."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import warnings
from pathlib import Path

import pytest
from pydantic import ValidationError
from sympy import Rational

from mathcore.verdicts import Verdict
from scenes.gradient_descent import lesson as gd
from scenes.layout_check import layout_problems
from scripts.quality import QUALITIES
from scripts.render import Job, rehearse

ROOT = Path(__file__).resolve().parents[2]


def analysed(**fields):
    return gd.GradientDescentLesson.model_validate(
        {"id": "t", "kind": "gradient_descent", **fields}).analyze()


def test_a_bowl_below_the_bound_converges_to_its_pit():
    # x^2 + 2y^2: Hessian diag(2, 4), so eta < 2/4 = 1/2 converges
    a = analysed(function="x^2 + 2y^2", start=[1, 1], rate=0.2)
    run = a.runs[0]
    assert (run.outcome, run.limit, run.limit_type) == ("converged", (0.0, 0.0),
                                                       Verdict.LOCAL_MIN)
    assert gd.outcome_caption(run) == (
        f"From (1, 1) with η = 0.2: converged in {len(run.steps) - 1} steps to the local min "
        "(0, 0), where f = 0")
    # x_1 = (1 - 0.2*2, 1 - 0.2*4) = (0.6, 0.2)
    assert gd.steps_caption(a) == "From x₀ = (1, 1), ∇f = (2, 4), so x₁ = x₀ - 0.2·∇f = (0.6, 0.2)"
    assert gd.bound_caption(a) == ("f is quadratic: its Hessian has eigenvalues 2 and 4, so a "
                                   "step converges exactly when η < 2(1 + momentum)/λ_max = 1/2")
    assert gd.bound_tex(a) == [r"\lambda = 2,\ 4", r"\eta < \frac{2}{\lambda_{\max}} = \frac{1}{2}"]
    assert gd.limit_verdict(run) == Verdict.LOCAL_MIN


@pytest.mark.parametrize("rate, outcome", [(0.5, "oscillating"), (0.6, "diverged")])
def test_a_rate_at_or_past_the_bound_never_settles(rate, outcome):
    # along y, x_{k+1} = (1 - 4 eta) x_k: -1 at eta = 1/2 (swings), -1.4 at 0.6 (grows)
    run = analysed(function="x^2 + 2y^2", start=[1, 1], rate=rate, steps=60).runs[0]
    assert run.outcome == outcome and run.limit is None
    text = gd.outcome_text(run)
    assert "the rate is too large" in text and text.endswith("(η < 1/2 converges)")
    assert gd.limit_verdict(run) == Verdict.INCONCLUSIVE
    assert gd.outcome_tex(run) == rf"\text{{{outcome}: }} \eta\ \text{{too large}}"


def test_a_start_on_the_saddles_stable_line_stalls_there():
    # x^2 - y^2 from (1, 0): y stays 0, x halves-ish to the pass at (0, 0)
    run = analysed(function="x^2 - y^2", start=[1, 0], rate=0.1).runs[0]
    assert run.outcome == "stalled" and run.limit_type == Verdict.SADDLE
    assert gd.outcome_text(run).startswith(f"stalled after {len(run.steps) - 1} steps at the "
                                           "saddle (0, 0), where f = 0")


def test_f_of_x_alone_reads_its_steps_and_table():
    # x^2 - 2x: x_{k+1} = x_k - 0.25 (2 x_k - 2) = x_k / 2 + 1/2, from 3: 2, 1.5, 1.25 ...
    a = analysed(function="x^2 - 2x", start=3, rate=0.25)
    assert not a.two_d and a.landscape is None
    assert gd.steps_caption(a) == "From x₀ = 3, ∇f = 4, so x₁ = x₀ - 0.25·∇f = 2"
    lines = gd.report(a).splitlines()
    assert lines[:3] == ["f(x) = x² - 2x", "f is quadratic: f'' = 2, so a step converges "
                         "exactly when η < 2(1 + momentum)/λ_max = 1", "From 3 with η = 0.25:"]
    cells = [[c.strip() for c in line.split(" | ")] for line in lines[3:7]]
    assert cells == [["k", "x_k", "f(x_k)", "|∇f|"], ["0", "3", "3", "4"], ["1", "2", "0", "2"],
                     ["2", "1.5", "-0.75", "1"]]
    assert lines[-1] == (f"  converged in {len(a.runs[0].steps) - 1} steps to the local min "
                         "at x = 1, where f = -1")
    assert gd.table_rows(a.runs[0])[:2] == [["0", "3", "3", "4"], ["1", "2", "0", "2"]]


def test_compare_inherits_what_it_does_not_give_and_the_window_holds_the_paths():
    a = analysed(function="x^4 - 2x^2 + y^2", start=[0.4, 1.2], rate=0.1, steps=150,
                 compare=[{"start": [-0.3, -1.2]}, {"start": [0.6, 1.2], "rate": 0.3}])
    limits = [(r.outcome, r.limit) for r in a.runs]
    assert limits == [("converged", (1.0, 0.0)), ("converged", (-1.0, 0.0)),
                      ("oscillating", None)]
    assert [float(r.rate) for r in a.runs] == [0.1, 0.1, 0.3]
    for run in a.runs:
        for step in run.steps:
            assert all(float(lo) <= c <= float(hi) for c, (lo, hi) in zip(step.point, a.window))
    assert gd.takeaway(a).startswith("Small steps find a pit")
    assert gd.legend_parts(a.runs[1]) == (r"\mathbf{x}_0 = \left(-0.3, -1.2\right),\ \eta = 0.1",
                                          r"\text{local min } \left(-1, 0\right),\ f = -1")


@pytest.mark.parametrize("fields, message", [
    ({"compare": [{}]}, "a compared run gives a start, a rate or a momentum of its own"),
    ({"compare": [{"start": [1]}]}, "every compared start has 2 coordinates"),
    ({"start": [1], "function": "x^2 + y^2"}, "y"),
    ({"steps": 501}, "less than or equal to 500"),
])
def test_a_lesson_that_cannot_run_is_refused(fields, message):
    with pytest.raises(ValidationError, match=message):
        gd.GradientDescentLesson.model_validate({"id": "t", "kind": "gradient_descent",
                                                 "function": "x^2 + 2y^2", "start": [1, 1],
                                                 "rate": 0.2, **fields})


def test_check_json_gives_exactly_the_contract(tmp_path):
    course = tmp_path / "course.yaml"
    course.write_text(textwrap.dedent("""
        lessons:
          - id: bowl
            kind: gradient_descent
            function: x^2 + 2y^2
            start: [1, 1]
            rate: 0.2
            compare:
              - rate: 0.6
    """))
    done = subprocess.run([sys.executable, "-m", "scripts.cli", "check", str(course), "--json"],
                          capture_output=True, text=True, cwd=ROOT, check=True)
    (lesson,) = json.loads(done.stdout)["lessons"]
    analysis = lesson["analysis"]
    assert set(analysis) == {"function", "runs"} and analysis["function"] == "x**2 + 2*y**2"
    first, second = analysis["runs"]
    assert set(first) == {"start", "rate", "momentum", "steps", "outcome", "limit",
                          "limit_type", "rate_bound"}
    assert first["steps"][1] == {"k": 1, "point": [0.6, 0.2], "value": 0.36 + 2 * 0.04,
                                 "gradient_norm": pytest.approx((1.2**2 + 0.8**2) ** 0.5)}
    assert (first["start"], first["rate"], first["momentum"]) == ([1.0, 1.0], 0.2, 0.0)
    assert (first["outcome"], first["limit"], first["limit_type"], first["rate_bound"]) == (
        "converged", [0.0, 0.0], "local min", 0.5)
    assert (second["outcome"], second["limit"], second["limit_type"], second["rate"]) == (
        "diverged", None, None, 0.6)


def test_a_chosen_window_holds_the_paths_but_not_a_diverging_run_past_its_start():
    # the rate 0.6 run leaps to (-0.2, -1.4), (0.04, 1.96), ...: only its start (1, 1) counts
    a = analysed(function="x^2 + 2y^2", start=[1, 1], rate=0.2, compare=[{"rate": 0.6}])
    assert a.runs[1].outcome == "diverged"
    assert a.window == ((Rational(-2, 5), Rational(7, 5)),) * 2  # [0, 1] and a margin


@pytest.mark.parametrize("fields, beats", [
    # f of x alone (not quadratic: the bound near the first run's pit), one run diverging
    # off the graph; no landscape
    ({"function": "x^4 - 3x^2 + x", "start": [-0.2], "rate": 0.05,
      "compare": [{"start": [0.3]}, {"rate": 0.4}]},
     ["title", "map", "rule", "steps", "path", "table", "run-1", "run-2", "bound", "closing"]),
    # momentum, no compare: the bound after the table, then the landscape
    ({"function": "x^2 + 4y^2", "start": [2, 1], "rate": 0.2, "momentum": 0.3},
     ["title", "map", "rule", "steps", "path", "table", "bound", "surface", "closing"]),
])
def test_other_lessons_play_their_beats_and_lay_out_cleanly(fields, beats, tmp_path):
    lesson = gd.GradientDescentLesson.model_validate({"id": "t", "kind": "gradient_descent",
                                                      **fields})
    found: list[str] = []

    def probe(scene, beat: str) -> None:
        found.extend(f"{beat}: {p}" for p in layout_problems(scene, scene.layout))

    job = Job(lesson, lesson.analyze(), "landscape", QUALITIES["tiny"], "dark")
    played = rehearse(job, tmp_path / "work", tmp_path / "cache", probe)
    assert [b.name for b in played.beats] == beats
    assert found == []


def test_a_rate_past_the_bound_near_a_pit_of_a_quartic_is_told_so():
    # x^4 - 2x^2 + y^2: the Hessian diag(12x^2 - 4, 2) is diag(8, 2) at the pit (1, 0), so
    # eta < 2/8 = 1/4 settles there; eta = 0.3 swings round it on a two-cycle
    a = analysed(function="x^4 - 2x^2 + y^2", start=[0.4, 1.2], rate=0.1, steps=150,
                 compare=[{"start": [-0.3, -1.2]}, {"start": [0.6, 1.2], "rate": 0.3}])
    assert a.descent.eigenvalues is None and a.bounded is a.runs[2]
    assert [r.bound_at for r in a.runs] == [(1, 0), (-1, 0), (1, 0)]
    assert gd.outcome_caption(a.runs[2], a.descent.hessian) == (
        "From (0.6, 1.2) with η = 0.3: the rate is too large: the path swings back and forth, "
        "never settling (near the pit (1, 0), f_xx = 8, so η < 2/8 = 1/4)")
    assert gd.bound_caption(a) == (
        "f is not quadratic, but near the pit (1, 0), f_xx = 8: steps settle there only if "
        "η < 2/8 = 1/4 (η = 0.1 settles, η = 0.3 overshoots)")
    assert gd.bound_tex(a) == [
        r"\nabla^2 f\left(1, 0\right) = \begin{pmatrix} 8 & 0 \\ 0 & 2 \end{pmatrix}",
        r"\eta < \frac{2}{8} = \frac{1}{4}\ \text{near } \left(1, 0\right)"]
    assert gd.report(a).splitlines()[1] == gd.bound_caption(a)
    assert (a.surface.x_range, a.surface.y_range) == a.window  # the landscape over the map


def test_the_bound_near_an_irrational_pit_of_f_of_x_is_rounded_and_says_so():
    # x^4 - 3x^2 + x: the pit near -1.301 is a root of 4x^3 - 6x + 1, f'' = 12x^2 - 6 there
    a = analysed(function="x^4 - 3x^2 + x", start=[-0.2], rate=0.05)
    (pit,) = a.runs[0].bound_at
    curvature = 12 * float(pit)**2 - 6
    assert float(pit) == pytest.approx(-1.3008, abs=1e-4) and a.surface is None
    assert gd.bound_caption(a) == (
        f"f is not quadratic, but near the pit at x ≈ {float(pit):.4g}, f'' ≈ {curvature:.4g}: "
        f"steps settle there only if η < 2/{curvature:.4g} ≈ {2 / curvature:.4g} "
        "(η = 0.05 settles)")


def test_the_schema_gives_every_default():
    # a sympy default (momentum 0) was left out of the schema, with a warning
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        schema = gd.GradientDescentLesson.model_json_schema()
    assert schema["properties"]["momentum"]["default"] == 0
    assert schema["properties"]["steps"]["default"] == 200

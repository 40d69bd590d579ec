"""lagrange: captions, report, table rows and refusals, on problems with known answers.

The Cobb-Douglas budget: with f = A x^a y^b and px + qy = B the best x spends the share
a/(a+b) of B, so x = 0.6*1000/20 = 30 and y = 0.4*1000/30 = 40/3. The largest rectangle in
x^2/a^2 + y^2/b^2 = 1 has its corner at (a/sqrt 2, b/sqrt 2) and area 2ab. xy on
x^2 + 2y^2 = 1 peaks where x^2 = 2y^2 = 1/2. x + y on xy = 1 has neither a max nor a min.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from functools import cache
from pathlib import Path

import numpy as np
import pytest
from pydantic import ValidationError

from mathcore.verdicts import Verdict
from scenes.lagrange import lesson as lg
from scenes.layout_check import layout_problems
from scripts.quality import QUALITIES
from scripts.render import Job, rehearse

ROOT = Path(__file__).resolve().parents[2]
RECTANGLE = {"function": "4x*y", "constraint": "x^2/9 + y^2/4 = 1",
             "domain": ["x > 0", "y > 0"], "goal": "max"}
SPHERE = {"function": "x + y - z", "constraint": "x^2 + y^2 + z^2 = 1"}


def lesson(**fields) -> lg.LagrangeLesson:
    return lg.LagrangeLesson.model_validate({"id": "t", "kind": "lagrange", **fields})


@cache
def analysed(**fields) -> lg.LagrangeLessonAnalysis:
    return lesson(**fields).analyze()


def test_the_budget_buys_the_textbook_mix_of_labour_and_capital():
    a = analysed(function="100 x^0.6 y^0.4", constraint="20x + 30y = 1000",
                 domain=("x > 0", "y > 0"), goal="max", x=(0, 60), y=(0, 40))
    lines = lg.report(a).splitlines()
    assert lines[:4] == ["f(x, y) = 100x^(3/5)·y^(2/5)", "constraint: 20x + 30y = 1000",
                         "domain: x > 0, y > 0",
                         "system: 60y^(2/5)/x^(2/5) = 20λ; 40x^(3/5)/y^(3/5) = 30λ; "
                         "20x + 30y = 1000"]
    cells = [[c.strip() for c in line.split(" | ")] for line in lines[4:6]]
    # lambda = f/B: output per unit of budget, 2168.94.../1000
    assert cells == [["Point", "λ", "f", "verdict"], ["(30, 40/3)", "≈ 2.169", "≈ 2169", "max"]]
    assert lines[6:] == ["max on the constraint: f ≈ 2169 at (30, 40/3)"]
    assert a.lagrange.minimum is None and lg.goals(a.lagrange) == ("max",)
    (stop,) = [level for level in a.sweep if level.touching]
    assert stop.touching == (0,) and stop.level == pytest.approx(100 * 30**0.6 * (40 / 3)**0.4)
    (touch,) = a.touching
    assert touch.grad_f == pytest.approx(tuple(2.168943542395397 * g for g in touch.grad_g))


def test_the_largest_rectangle_in_the_ellipse():
    a = analysed(**{**RECTANGLE, "domain": tuple(RECTANGLE["domain"])})
    r = a.lagrange
    assert lg.table_rows(r) == [[r"\left(\frac{3 \sqrt{2}}{2}, \sqrt{2}\right)", "12", "12",
                                 r"\text{max}"]]
    assert lg.verdict_caption(a) == "Max f = 12 at (3·√2/2, √2)"
    assert lg.gradients_caption(a) == ("Where they touch, ∇f and ∇g are parallel: ∇f = λ∇g, "
                                       "with λ = 12 at (3·√2/2, √2)")
    assert lg.system_caption(a) == ("Solve ∇f = λ∇g with the constraint: 3 equations in x, y "
                                    "and λ, 1 solution in the domain")
    assert lg.extremum_tex(r, "max") == (r"\text{max}\ f = 12\ \text{at}\ "
                                         r"\left(\frac{3 \sqrt{2}}{2}, \sqrt{2}\right)")
    # the window starts at 0 where the domain keeps x and y positive, and holds the arc
    assert [float(lo) for lo, _ in a.window] == [0, 0]
    arc = np.vstack(a.curve)
    assert (arc > 0).all() and np.allclose(arc[:, 0]**2 / 9 + arc[:, 1]**2 / 4, 1, atol=1e-3)


def test_both_ways_on_an_ellipse_the_sweep_stops_at_the_min_then_the_max():
    a = analysed(function="x*y", constraint="x^2 + 2y^2 = 1")
    r = a.lagrange
    assert [row[-1] for row in lg.table_rows(r)] == [r"\text{max}", r"\text{min}",
                                                     r"\text{min}", r"\text{max}"]
    assert [lg.verdict_colour_key(r, c) for c in r.candidates] == [
        Verdict.LOCAL_MAX, Verdict.LOCAL_MIN, Verdict.LOCAL_MIN, Verdict.LOCAL_MAX]
    stops = [(round(level.level, 6), level.touching) for level in a.sweep if level.touching]
    assert stops == [(round(-2**0.5 / 4, 6), (1, 2)), (round(2**0.5 / 4, 6), (0, 3))]
    assert lg.sweep_caption(a) == (
        "Raise the level of f until its curve just touches the constraint: f = -√2/4 at "
        "(-√2/2, 1/2) and (√2/2, -1/2); then f = √2/4 at (-√2/2, -1/2) and (√2/2, 1/2)")
    assert lg.report(a).splitlines()[-2:] == [
        "max on the constraint: f = √2/4 at (-√2/2, -1/2) and (√2/2, 1/2)",
        "min on the constraint: f = -√2/4 at (-√2/2, 1/2) and (√2/2, -1/2)"]


def test_on_an_unbounded_curve_no_candidate_is_called_the_max():
    a = analysed(function="x + y", constraint="x*y = 1")
    lines = lg.report(a).splitlines()
    assert lines[-4:] == ["  (-1, -1) | -1 | -2 | -", "  (1, 1)   | 1  | 2  | -",
                          "no maximum: the constraint curve is unbounded and f grows along it",
                          "no minimum: the constraint curve is unbounded and f falls along it"]
    assert not a.lagrange.bounded and lg.takeaway(a).startswith("∇f = λ∇g finds the candidates")
    assert lg.extremum_tex(a.lagrange, "max") == r"\text{no maximum}"


def test_three_variables_are_reported_and_play_system_table_verdict(tmp_path):
    a = analysed(**SPHERE)
    assert not a.drawn and a.sweep == () and a.touching == ()
    lines = lg.report(a).splitlines()
    assert lines[:3] == ["f(x, y, z) = x + y - z", "constraint: x² + y² + z² = 1",
                         "system: 1 = 2λ·x; 1 = 2λ·y; -1 = 2λ·z; x² + y² + z² = 1"]
    assert lines[-2:] == ["max on the constraint: f = √3 at (√3/3, √3/3, -√3/3)",
                          "min on the constraint: f = -√3 at (-√3/3, -√3/3, √3/3)"]
    assert lg.system_caption(a) == ("Solve ∇f = λ∇g with the constraint: 4 equations in x, y, "
                                    "z and λ, 2 solutions")
    found: list[str] = []

    def probe(scene, beat: str) -> None:
        found.extend(f"{beat}: {p}" for p in layout_problems(scene, scene.layout))

    job = Job(lesson(**SPHERE), a, "portrait", QUALITIES["tiny"], "dark")
    played = rehearse(job, tmp_path / "work", tmp_path / "cache", probe)
    assert [b.name for b in played.beats] == ["title", "system", "table", "verdict", "closing"]
    assert found == []


def test_a_two_variable_lesson_plays_every_beat_cleanly(tmp_path):
    fields = {**RECTANGLE, "domain": tuple(RECTANGLE["domain"])}
    found: list[str] = []

    def probe(scene, beat: str) -> None:
        found.extend(f"{beat}: {p}" for p in layout_problems(scene, scene.layout))

    job = Job(lesson(**fields), analysed(**fields), "square", QUALITIES["tiny"], "dark")
    played = rehearse(job, tmp_path / "work", tmp_path / "cache", probe)
    assert [b.name for b in played.beats] == list(lg.LagrangeLesson.beats)
    assert found == []


@pytest.mark.parametrize("fields, message", [
    ({"constraints": ["x^2 + y^2 = 1"]},
     "give constraint \\(one equation\\) or constraints \\(a list\\), not both"),
    ({"constraint": None}, "a lagrange lesson needs constraint"),
    ({"domain": ["x >= 0"]}, "'x >= 0' is not strict"),
    ({"function": "x + w"}, "w"),
    ({"constraint": None, "constraints": ["x = 1", "y = 1", "x + y = 2"]},
     "one or two constraints, not 3"),
    ({"goal": "best"}, "'max', 'min' or 'both'"),
])
def test_a_lesson_that_cannot_run_is_refused(fields, message):
    with pytest.raises(ValidationError, match=message):
        lesson(**{"function": "x*y", "constraint": "x + y = 1", **fields})


def test_check_names_the_line_and_field_of_a_non_strict_domain(tmp_path):
    course = tmp_path / "course.yaml"
    course.write_text(textwrap.dedent("""\
        lessons:
          - id: box
            kind: lagrange
            function: x*y
            constraint: x + y = 1
            domain: [x > 0, y >= 0]
    """))
    done = subprocess.run([sys.executable, "-m", "scripts.cli", "check", str(course)],
                          capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 2
    assert f"{course}:6: lessons[0].domain[1]: " in done.stderr
    assert "'y >= 0' is not strict" in done.stderr


def test_a_system_solved_only_numerically_says_the_list_may_be_incomplete():
    # e^x = 2λx, 1 = 2λy on the unit circle has no closed form
    a = analysed(function="e^x + y", constraint="x^2 + y^2 = 1")
    assert not a.lagrange.complete
    assert lg.system_caption(a).endswith("; the list may be incomplete: a numeric search found "
                                         "what the exact solve missed")
    assert lg.report(a).splitlines()[-1].startswith("the list may be incomplete")
    t = np.linspace(0, 2 * np.pi, 200_001)
    best = (np.exp(np.cos(t)) + np.sin(t)).max()
    assert lg.extremum_text(a.lagrange, "max").startswith(f"max on the constraint: f ≈ "
                                                          f"{best:.4g} at ≈ (")


def test_a_cusp_is_a_candidate_with_no_multiplier():
    # x on y^2 = x^3: grad g = (-3x^2, 2y) is 0 at the cusp (0, 0), where x is least
    a = analysed(function="x", constraint="y^2 = x^3")
    (cusp,) = a.lagrange.candidates
    assert cusp.multipliers == ()
    assert lg.report(a).splitlines()[3:5] == ["  Point  | λ | f | verdict",
                                              "  (0, 0) | - | 0 | min"]
    assert lg.table_rows(a.lagrange) == [[r"\left(0, 0\right)", r"\text{--}", "0", r"\text{min}"]]
    assert lg.gradients_caption(a) == "Where they touch, the constraint has no normal: ∇g = 0 there"

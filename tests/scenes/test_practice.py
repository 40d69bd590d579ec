"""Practice exercises: for 10 seeds of each kind, every exercise kept is re-solved here
by plain numerics (finite differences, scipy, mpmath), never by the generator's code,
and its answer must match; the exercises differ from the lesson and from each other."""

from __future__ import annotations

import math
import random
from collections import Counter

import mpmath
import numpy as np
import pytest
import sympy
from pydantic import TypeAdapter
from scipy import optimize

from mathcore.parse import parse_formula, parse_number, parse_sides
from scenes.critical_points.lesson import CriticalPointsLesson
from scenes.practice import Practice, drill, recoefficient, split_terms
from scenes.registry import Lesson

SEEDS = range(10)
H = 1e-5
LESSONS = {
    "critical_points": {"function": "x^3 + y^3 - 3x^2 + 3y^2"},
    "contour": {"function": "x^2 - 2x + y^2 + 4y"},
    "surface": {"function": "x^2 - y^2"},
    "first_principle": {"function": "x^2 + 3x", "at": 1},
    "graphs": {"functions": ["tanh(x)", "1/(x - 1)"],
               "identities": ["cosh(x)^2 - sinh(x)^2 = 1"]},
    "implicit": {"equation": "x^2 + y^2 = 25", "at": [3, 4]},
    "mean_value": {"function": "x^3 - x", "interval": [0, 2]},
    "taylor": {"function": "e^x", "center": 0, "degree": 4},
    "extrema": {"function": "x^3 - 3x", "interval": [-2, 3]},
    "gradient_descent": {"function": "x^2 + 3y^2", "start": [2, 1], "rate": "1/10",
                         "steps": 200},
    "lagrange": {"function": "x*y", "constraint": "x + y = 10", "goal": "max"},
}
COUNT = {"contour": 1, "critical_points": 1}  # the slower kinds: one exercise per seed


def lesson_of(kind: str, seed: int, **practice):
    return TypeAdapter(Lesson).validate_python(
        {"id": f"{kind.replace('_', '-')}-base", "kind": kind, **LESSONS[kind],
         "practice": {"seed": seed, "count": COUNT.get(kind, 2), **practice}})


def exercises(kind: str):
    for seed in SEEDS:
        found = drill(lesson_of(kind, seed), lambda v: v.solve())
        assert found.exercises, (seed, found.rejected)
        yield from found.exercises


def numeric(text: str, names=("x", "y")):
    """The formula as a numpy function, parsed here as a course file is."""
    expr = parse_formula(text, names)
    return sympy.lambdify(sorted(expr.free_symbols, key=lambda s: names.index(s.name)) or
                          [sympy.Symbol(names[0])], expr, "numpy"), expr


def number(text) -> float:
    return float(parse_number(str(text)))


def grad(f, x: float, y: float) -> np.ndarray:
    return np.array([(f(x + H, y) - f(x - H, y)) / (2 * H), (f(x, y + H) - f(x, y - H)) / (2 * H)])


def hessian(f, x: float, y: float, h: float = 1e-4) -> np.ndarray:
    fxx = (f(x + h, y) - 2 * f(x, y) + f(x - h, y)) / h**2
    fyy = (f(x, y + h) - 2 * f(x, y) + f(x, y - h)) / h**2
    fxy = (f(x + h, y + h) - f(x + h, y - h) - f(x - h, y + h) + f(x - h, y - h)) / (4 * h * h)
    return np.array([[fxx, fxy], [fxy, fyy]])


def classify(f, x: float, y: float) -> str:
    (fxx, fxy), (_, fyy) = hessian(f, x, y)
    d = fxx * fyy - fxy**2
    return "saddle" if d < 0 else ("local min" if fxx > 0 else "local max")


def check_critical(function: str, answer: dict) -> None:
    f, _ = numeric(function)
    points = [(p["xf"], p["yf"]) for p in answer["points"]]
    for p, (x, y) in zip(answer["points"], points):
        assert np.allclose(grad(f, x, y), 0, atol=1e-6), (function, p)
        assert classify(f, x, y) == p["type"], (function, p)
    (x0, x1), (y0, y1) = ([number(v) for v in answer["window"][k]] for k in "xy")
    for sx in np.linspace(x0, x1, 6):
        for sy in np.linspace(y0, y1, 6):
            root = optimize.root(lambda v: grad(f, *v), [sx, sy], tol=1e-12)
            rx, ry = root.x
            if root.success and x0 < rx < x1 and y0 < ry < y1 and \
                    np.allclose(grad(f, rx, ry), 0, atol=1e-7):
                assert any(math.dist((rx, ry), p) < 1e-5 for p in points), (function, rx, ry)


def check(kind: str, fields: dict, answer: dict) -> None:
    """The exercise's answer, re-found by plain numerics."""
    if kind in ("critical_points", "contour"):
        check_critical(fields["function"], answer if kind == "critical_points"
                       else answer["critical"])
    elif kind == "surface":
        f, _ = numeric(fields["function"])
        for section in answer["sections"]:
            if section["along"] == "y = 0":
                bend = f(H * 100, 0) + f(-H * 100, 0) - 2 * f(0, 0)
            else:
                bend = f(0, H * 100) + f(0, -H * 100) - 2 * f(0, 0)
            assert (bend > 0) == (section["bend"] == "up"), (fields, section)
    elif kind == "first_principle":
        f, _ = numeric(fields["function"], ("x",))
        a = number(fields["at"])
        assert math.isclose((f(a + H) - f(a - H)) / (2 * H), number(answer["value"]),
                            abs_tol=1e-5)
    elif kind == "graphs":
        for identity, found in zip(fields["identities"], answer["identities"], strict=True):
            lhs, rhs = (sympy.lambdify(sympy.Symbol("x", real=True), side)
                        for side in parse_sides(identity, ("x",)))
            gaps = [abs(lhs(t) - rhs(t)) for t in np.linspace(-2.9, 2.9, 41)]
            assert (max(gaps) < 1e-9) == found["holds"], identity
    elif kind == "implicit":
        lhs, rhs = parse_sides(fields["equation"])
        F = sympy.lambdify(sorted(lhs.free_symbols | rhs.free_symbols, key=str), lhs - rhs)
        x, y = (number(v) for v in fields["at"])
        assert abs(F(x, y)) < 1e-9
        Fx, Fy = (F(x + H, y) - F(x - H, y)) / (2 * H), (F(x, y + H) - F(x, y - H)) / (2 * H)
        assert math.isclose(-Fx / Fy, number(answer["slope"]), rel_tol=1e-6, abs_tol=1e-6)
    elif kind == "mean_value":
        f, _ = numeric(fields["function"], ("x",))
        a, b = (number(v) for v in fields["interval"])
        slope = (f(b) - f(a)) / (b - a)
        assert answer["c"] and answer["applies"]
        for c in answer["c"]:
            assert a < c["value"] < b
            assert math.isclose((f(c["value"] + H) - f(c["value"] - H)) / (2 * H), slope,
                                rel_tol=1e-6, abs_tol=1e-6)
    elif kind == "taylor":
        f = sympy.lambdify(sympy.Symbol("x", real=True),
                           parse_formula(fields["function"], ("x",)), "mpmath")
        a = number(fields["center"])
        for k, c in enumerate(answer["coefficients"]):
            exact = mpmath.diff(f, a, k) / math.factorial(k)
            assert math.isclose(float(exact), number(c), rel_tol=1e-4, abs_tol=1e-6), (fields, k)
        assert answer["bound"] >= answer["error"] - 1e-12
    elif kind == "extrema":
        f, _ = numeric(fields["function"], ("x",))
        a, b = (number(v) for v in fields["interval"])
        ys = f(np.linspace(a, b, 200001))
        assert math.isclose(ys.max(), number(answer["absolute"]["max"]["value"]), abs_tol=1e-6)
        assert math.isclose(ys.min(), number(answer["absolute"]["min"]["value"]), abs_tol=1e-6)
        for p in answer["points"]:
            assert abs((f(p["xf"] + H) - f(p["xf"] - H)) / (2 * H)) < 1e-6
    elif kind == "gradient_descent":
        f, _ = numeric(fields["function"])
        point = np.array([number(v) for v in fields["start"]])
        for _ in range(fields["steps"]):
            point = point - number(fields["rate"]) * grad(f, *point)
        assert np.allclose(point, answer["runs"][0]["limit"], atol=1e-4)
    elif kind == "lagrange":
        f, _ = numeric(fields["function"])
        lhs, rhs = parse_sides(fields["constraint"])
        g = sympy.lambdify(sympy.symbols("x y", real=True), lhs - rhs)
        best = max((optimize.minimize(lambda v: -f(*v), start, constraints=[
            {"type": "eq", "fun": lambda v: g(*v)}]) for start in ([1, 1], [5, 2], [-3, 4])),
            key=lambda r: -r.fun if r.success else -math.inf)
        assert math.isclose(-best.fun, answer["max"]["valuef"], rel_tol=1e-5)


@pytest.mark.parametrize("kind", sorted(LESSONS))
def test_every_exercise_is_re_solved_and_its_answer_matches(kind):
    count = 0
    for e in exercises(kind):
        check(kind, e.lesson.model_dump(mode="json"), e.analysis.to_json())
        assert e.problem() and e.worked()
        count += 1
    assert count >= len(SEEDS)


@pytest.mark.parametrize("kind", sorted(LESSONS))
def test_the_exercises_differ_from_the_lesson_and_from_each_other(kind):
    def formulas(fields: dict) -> tuple:
        """Each varied field, formulas expanded as sympy reads them."""
        out = []
        for name in ("function", "functions", "equation", "constraint", "identities",
                     "at", "interval", "center", "degree", "start"):
            value = fields.get(name)
            for text in value if isinstance(value, list) else [value]:
                if isinstance(text, str) and "=" in text:
                    lhs, rhs = parse_sides(text, ("x", "y"))
                    text = sympy.expand(lhs - rhs)
                elif isinstance(text, str) and any(c.isalpha() for c in text):
                    text = sympy.expand(parse_formula(text, ("x", "y")))
                out.append(str(text))
        return tuple(out)

    lesson = lesson_of(kind, 3, count=4)
    found = drill(lesson, lambda v: v.solve())
    seen = [formulas(lesson.model_dump(mode="json"))]
    for e in found.exercises:
        mine = formulas(e.lesson.model_dump(mode="json"))
        assert mine not in seen, (kind, mine)
        seen.append(mine)


def test_the_same_seed_makes_the_same_exercises_and_another_seed_others():
    first, again, other = (drill(lesson_of("mean_value", seed), lambda v: v.solve())
                           for seed in (5, 5, 6))
    fields = [[e.lesson.model_dump(mode="json") for e in d.exercises]
              for d in (first, again, other)]
    assert fields[0] == fields[1] != fields[2]


def test_vary_names_which_numbers_move_and_keeps_within_bounds():
    lesson = lesson_of("mean_value", 1, count=4, vary={"interval": [-1, 3]})
    found = drill(lesson, lambda v: v.solve())
    assert found.exercises
    for e in found.exercises:
        a, b = (number(v) for v in e.lesson.interval)
        assert -1 <= a < b <= 3


@pytest.mark.parametrize(("vary", "message"), [
    ({"interval": [2, 2]}, "practice.vary.interval: impossible bounds [2, 2]: an interval "
                           "needs two whole numbers a < b between them"),
    ({"q": [1, 2]}, "practice.vary.q: this lesson cannot move 'q'; it can move coefficients,"
                    " interval"),
    ({"interval": [3, 1]}, "vary.interval: expected [low, high] with low <= high, got [3, 1]"),
])
def test_impossible_vary_bounds_are_refused_with_the_reason(vary, message):
    with pytest.raises(ValueError, match=message.replace("[", r"\[").replace("]", r"\]")):
        lesson_of("mean_value", 1, vary=vary)


def test_a_lesson_without_good_variants_ends_its_search_with_the_reasons():
    # e^x about 1 has e in every coefficient: never a short answer below "hard"
    lesson = TypeAdapter(Lesson).validate_python(
        {"id": "e", "kind": "taylor", "function": "e^x", "center": 1, "degree": 3,
         "practice": {"vary": {"center": [1, 3]}, "count": 2}})
    found = drill(lesson, lambda v: v.solve())
    assert not found.exercises and found.short
    assert found.rejected["an answer that is not short"] > 0
    assert sum(found.rejected.values()) == 30  # TRIES_PER_EXERCISE x count, then it stops


@pytest.mark.parametrize("text", ["x^3 + y^3 - 3x^2 + 3y^2", "100 x^0.6 y^0.4",
                                  "3x*y*e^(-x^2-y^2)", "4 - x^2 - 2y^2 + x*y", "1/x",
                                  "-x^2 + 2x"])
def test_moving_coefficients_keeps_every_term_and_sign(text):
    terms = parse_formula(text, ("x", "y")).as_coefficients_dict()
    for seed in range(20):
        moved = parse_formula(recoefficient(text, random.Random(seed), None, "medium"),
                              ("x", "y")).as_coefficients_dict()
        assert set(moved) == set(terms), (text, moved)
        assert all((moved[t] > 0) == (terms[t] > 0) for t in terms)


def test_terms_split_at_top_level_signs_only():
    assert split_terms("x^2 - 3y + e^(-x - y) - 2") == [
        (False, "x^2 "), (True, " 3y "), (False, " e^(-x - y) "), (True, " 2")]
    assert split_terms("-x*y^-2 + 1.5e-3") == [(True, "x*y^-2 "), (False, " 1.5e-3")]


def test_a_seed_defaults_to_one_made_from_the_lesson_id():
    assert Practice().seed_for("circle") == Practice().seed_for("circle")
    assert Practice().seed_for("circle") != Practice().seed_for("folium")
    assert Practice(seed=7).seed_for("circle") == 7


@pytest.mark.parametrize("design", CriticalPointsLesson.designs, ids=lambda d: d.example)
def test_each_design_challenges_example_has_what_it_asks_for(design):
    f, _ = numeric(design.example)
    found: list[tuple[float, float]] = []  # critical points from a grid of starts, by Newton
    for sx in np.linspace(-3, 3, 7):
        for sy in np.linspace(-3, 3, 7):
            root = optimize.root(lambda v: grad(f, *v), [sx, sy], tol=1e-12)
            if root.success and np.allclose(grad(f, *root.x), 0, atol=1e-7) and \
                    not any(math.dist(root.x, p) < 1e-5 for p in found):
                found.append(tuple(root.x))
    assert Counter(classify(f, *p) for p in found) == dict(design.wanted)


def test_a_sheet_ends_with_a_design_challenge_the_lesson_does_not_answer_itself():
    asked = set()
    for seed in range(10):  # the lesson is itself "a single local max": never asked that
        lesson = TypeAdapter(Lesson).validate_python(
            {"id": "peak", "kind": "critical_points", "function": "4 - x^2 - y^2",
             "practice": {"seed": seed, "count": 1}})
        *_, design = drill(lesson, lambda v: v.solve()).exercises
        assert design.problem()[0].startswith("Design challenge:") and design.sketch is None
        assert design.worked()[0].startswith("One answer (there are many): $f(x, y) = ")
        asked.add(design.lesson.function)
    assert "4 - x^2 - y^2" not in asked and len(asked) >= 3


def test_a_lesson_on_the_theorem_failing_gets_exercises_where_it_fails():
    for seed in range(10):
        lesson = TypeAdapter(Lesson).validate_python(
            {"id": "fails", "kind": "mean_value", "function": "1/x", "interval": [-1, 1],
             "practice": {"seed": seed, "count": 2}})
        found = drill(lesson, lambda v: v.solve())
        assert len(found.exercises) == 2, found.rejected
        for e in found.exercises:
            f, _ = numeric(e.lesson.function, ("x",))
            a, b = (number(v) for v in e.lesson.interval)
            with np.errstate(divide="ignore", invalid="ignore"):
                ys = f(np.linspace(a, b, 4001))
            jumps = np.abs(np.diff(ys))
            # not continuous on [a, b]: undefined somewhere, or a jump no slope explains
            assert not np.all(np.isfinite(ys)) or jumps.max() > 1e3 * np.median(jumps)
            assert not e.analysis.applies
            assert e.problem()[0].startswith("Does the Mean Value Theorem apply to")
            assert e.worked()[0].startswith("No: f is not continuous on")


def test_a_lesson_on_d_equal_to_zero_keeps_a_degenerate_point_in_its_exercises():
    lesson = TypeAdapter(Lesson).validate_python(
        {"id": "flat", "kind": "critical_points", "function": "x^4 + 2y^2",
         "practice": {"seed": 1, "count": 3}})
    found = drill(lesson, lambda v: v.solve())
    variants = found.variants
    assert len(variants) == 3, found.rejected
    for e in variants:
        f, _ = numeric(e.lesson.function)
        (point,) = e.analysis.critical.points
        assert str(point.type) == "inconclusive"
        assert np.allclose(grad(f, float(point.x), float(point.y)), 0, atol=1e-6)
        assert abs(np.linalg.det(hessian(f, float(point.x), float(point.y)))) < 1e-3

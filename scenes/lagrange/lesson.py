"""The `lagrange` lesson: its fields, its analysis and its words (no Manim here).

Beats: see `LagrangeLesson.beats`. The candidates, the maximum and the minimum are
mathcore's (:func:`mathcore.lagrange.lagrange`). With two variables and one constraint the
lesson also draws: the contour map of f (:func:`mathcore.contour.contour`), the constraint
curve in the domain (:func:`mathcore.implicit.curve_branches`), a level curve sweeping up
through the candidates' values, and grad f and grad g at each candidate. A window left out
is chosen round mathcore's (round the whole set where it is bounded, else its candidates).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cached_property
from typing import Annotated, ClassVar, Literal

import numpy as np
import sympy
from pydantic import AfterValidator, Field, ValidationInfo, field_validator

from mathcore.contour import ContourAnalysis, contour, contour_lines
from mathcore.implicit import curve_branches
from mathcore.lagrange import MULTIPLIERS, Candidate, Extremum, LagrangeAnalysis, lagrange
from mathcore.numeric import numeric_function
from mathcore.verdicts import Verdict
from mathcore.window import padded_window
from mathcore.wording import and_list
from scenes.notation import (
    equals,
    number,
    number_tex,
    plain,
    point,
    point_tex,
    tex,
    text_table,
)
from scenes.params import (
    Formula,
    LessonBase,
    Range,
    parsed_formula,
    parsed_relation,
    parsed_sides,
)
from scenes.practice import (
    Coefficients,
    Difficulty,
    Line,
    Sketch,
    Table,
    all_short,
    map_sketch,
)

VARIABLES = ("x", "y", "z")
MOST_CANDIDATES = 4    # candidates an exercise may ask for
GOAL_WORDS = {"max": "the maximum", "min": "the minimum", "both": "the maximum and minimum"}
MAP_LEVELS = 9         # level curves asked of mathcore.contour
MARGIN, LEAST = 0.1, 0.3  # a chosen window: this part of mathcore's box on each side, at least
SPREAD = 0.5           # ... and round a far candidate, this part of its distance from 0
MOST_TOUCHING = 4      # candidates the sweep stops at and the arrows are drawn at
SWEEP_FRAMES = 6       # level curves the sweep passes through on its way to each stop
TABLE_ROWS = 5         # candidates in the table on screen


def _equation(text: str) -> str:
    parsed_sides(text, VARIABLES)
    return text


def _strict(text: str) -> str:
    relation = parsed_relation(text, VARIABLES)
    if not isinstance(relation, (sympy.StrictGreaterThan, sympy.StrictLessThan)):
        raise ValueError(f"'{text}' is not strict: a domain is open, such as x > 0 "
                         "(a boundary belongs in a constraint of its own)")
    return text


Equation = Annotated[str, Field(min_length=1), AfterValidator(_equation)]
Inequality = Annotated[str, Field(min_length=1), AfterValidator(_strict)]


class LagrangeLesson(LessonBase):
    """The largest and smallest f on a constraint, by Lagrange multipliers."""

    kind: Literal["lagrange"]
    function: Formula
    constraint: Equation | None = Field(None, description="one equation g = c, e.g. "
                                                          "x^2 + y^2 = 1")
    constraints: list[Equation] | None = Field(
        None, validate_default=True,
        description="one or two equations, instead of constraint")
    x: Range | None = Field(None, description="left out: chosen round the constraint set "
                                              "(two variables)")
    y: Range | None = Field(None, description="left out: chosen round the constraint set "
                                              "(two variables)")
    goal: Literal["max", "min", "both"] = Field("both", description="what the lesson asks for")
    domain: list[Inequality] = Field(
        default_factory=list,
        description="strict inequalities such as x > 0: only the points of the set that "
                    "satisfy them count")

    beats: ClassVar[dict[str, str]] = {
        "title": "the title card, with f and the constraint",
        "map": "the contour map of f with the constraint curve over it (two variables and "
               "one constraint; skipped for three variables, which the video cannot map)",
        "sweep": "a level curve of f sweeps up until it just touches the constraint curve, "
                 "each touching point marked (skipped for three variables)",
        "gradients": "grad f and grad g drawn at each touching point, parallel "
                     "(skipped for three variables)",
        "system": "the system grad f = lambda grad g, g = c written out, and how many "
                  "solutions it has (and when the list may be incomplete)",
        "table": "the candidates: point | lambda | f | verdict (max or min on the constraint)",
        "verdict": "the max and min on the constraint, or why one does not exist",
        "closing": "the takeaway",
    }
    asides: ClassVar[tuple[str, ...]] = ("system", "table", "sweep")

    @field_validator("function")
    @classmethod
    def _parses(cls, text: str) -> str:
        parsed_formula(text, variables=VARIABLES)
        return text

    @field_validator("constraints")
    @classmethod
    def _one_way(cls, texts: list[str] | None, info: ValidationInfo) -> list[str] | None:
        """Exactly one of constraint and constraints, and one or two equations."""
        single = info.data.get("constraint")
        if texts is not None and single is not None:
            raise ValueError("give constraint (one equation) or constraints (a list), not both")
        if texts is None and single is None and "constraint" in info.data:
            raise ValueError("a lagrange lesson needs constraint: g = c "
                             "(or constraints: a list of one or two equations)")
        if texts is not None and not 1 <= len(texts) <= 2:
            raise ValueError(f"one or two constraints, not {len(texts)}")
        return texts

    @cached_property
    def expr(self) -> sympy.Expr:
        return parsed_formula(self.function, variables=VARIABLES)

    @cached_property
    def sides(self) -> list[tuple[sympy.Expr, sympy.Expr]]:
        return [parsed_sides(t, VARIABLES) for t in self.constraints or [self.constraint]]

    moves: ClassVar = (Coefficients("function"), Coefficients("constraint"),
                       Coefficients("constraints"))

    def problem(self, analysis: LagrangeLessonAnalysis) -> list[Line]:
        r = analysis.lagrange
        on = " and ".join(f"${c}$" for c in constraint_tex(r))
        where = f", ${domain_tex(r)}$" if r.domain else ""
        return [f"Use Lagrange multipliers to find {GOAL_WORDS[self.goal]} of "
                f"${function_tex(r)}$ subject to {on}{where}."]

    def worked(self, analysis: LagrangeLessonAnalysis) -> list[Line]:
        r = analysis.lagrange
        system = r",\ ".join(system_tex(r))
        lambdas = "$\\lambda$" if len(r.constraints) == 1 else "$\\lambda, \\mu$"
        lines: list[Line] = [f"Solve ${system}$.", Table(("Point", lambdas, "$f$"), tuple(
            (f"${point_tex(*c.point)}$", "$" + r",\ ".join(map(tex, c.multipliers)) + "$",
             f"${tex(c.value)}$") for c in r.candidates))]
        return lines + [f"${extremum_tex(r, goal)}$." for goal in goals(r)]

    def flaw(self, analysis: LagrangeLessonAnalysis, difficulty: Difficulty) -> str | None:
        r = analysis.lagrange
        if not r.complete or not r.candidates:
            return "candidates not all found exactly"
        if len(r.candidates) > MOST_CANDIDATES:
            return f"more than {MOST_CANDIDATES} candidates"
        if any(extremum(r, goal) is None for goal in goals(r)):
            return "no maximum or minimum on the constraint"
        points = [v for c in r.candidates for v in c.point]  # f and lambda may be irrational
        return None if all_short(points, difficulty) else "an answer that is not short"

    def sketch(self, analysis: LagrangeLessonAnalysis) -> Sketch | None:
        if analysis.window is None:
            return None
        return map_sketch(analysis.lagrange.function, *analysis.window,
                          tuple(c.pointf for c in analysis.lagrange.candidates),
                          analysis.curve)

    def analyze(self) -> LagrangeLessonAnalysis:
        solved = self.solve()
        if solved.window is None:
            return solved
        landscape = contour(solved.lagrange.function, *solved.window, MAP_LEVELS, arrows=0)
        return replace(solved, landscape=landscape,
                       sweep=sweep(solved.lagrange, solved.window, landscape))

    def solve(self) -> LagrangeLessonAnalysis:
        """The candidates, the window and the constraint curve in it; no map yet."""
        result = lagrange(self.expr, self.sides, self.goal,
                          [parsed_relation(t, VARIABLES) for t in self.domain])
        if len(result.variables) != 2 or len(result.constraints) != 1:
            return LagrangeLessonAnalysis(result, None, None, (), ())
        positive = positive_variables(result)
        window = tuple(given if given is not None else chosen_range(*box, v in positive)
                       for given, box, v in zip((self.x, self.y), result.window,
                                                result.variables))
        return LagrangeLessonAnalysis(result, window, None, constraint_curve(result, window), ())


@dataclass(frozen=True)
class Level:
    """One level curve of the sweep, f = ``level``, and the candidates it touches."""

    level: float
    branches: tuple[np.ndarray, ...]
    touching: tuple[int, ...]


@dataclass(frozen=True)
class Touching:
    """A candidate on the map: its index, where it is, grad f and grad g there."""

    index: int
    at: tuple[float, float]
    grad_f: tuple[float, float]
    grad_g: tuple[float, float]


@dataclass(frozen=True, eq=False)
class LagrangeLessonAnalysis:
    """mathcore's analysis and, for f(x, y) on one curve, what the map draws (else None
    and empty)."""

    lagrange: LagrangeAnalysis
    window: tuple[tuple[sympy.Expr, sympy.Expr], ...] | None
    landscape: ContourAnalysis | None
    curve: tuple[np.ndarray, ...]
    sweep: tuple[Level, ...]

    @property
    def drawn(self) -> bool:
        return self.landscape is not None

    @cached_property
    def touching(self) -> tuple[Touching, ...]:
        """The candidates in the window, with their gradients (MOST_TOUCHING at most)."""
        if not self.drawn:
            return ()
        a = self.lagrange
        f, g = a.function, a.constraints[0].zero
        grads = [[numeric_function(sympy.diff(e, v), a.variables) for v in a.variables]
                 for e in (f, g)]
        found = []
        for index, c in enumerate(a.candidates):
            if inside(c.pointf, self.window) and len(found) < MOST_TOUCHING:
                grad_f, grad_g = (tuple(float(d(*c.pointf)) for d in grad) for grad in grads)
                found.append(Touching(index, c.pointf, grad_f, grad_g))
        return tuple(found)

    def to_json(self) -> dict:
        return self.lagrange.to_json()


def inside(at, window) -> bool:
    return all(float(lo) <= v <= float(hi) for v, (lo, hi) in zip(at, window))


def chosen_range(low: float, high: float, positive: bool) -> tuple[sympy.Expr, sympy.Expr]:
    """A window round mathcore's [low, high]: a margin, round a far candidate as much
    again of the set as its distance from 0 calls for, and from 0 up where the domain
    keeps the variable positive."""
    positive = positive and high > 0
    if positive:
        low = max(low, 0.0)
    far = SPREAD * max(abs(low), abs(high)) - (high - low) / 2
    start, end = padded_window(low, high, MARGIN, max(LEAST, far))
    return (max(start, sympy.Integer(0)) if positive else start), end


def positive_variables(a: LagrangeAnalysis) -> dict[sympy.Symbol, sympy.Symbol]:
    """Each variable the domain keeps positive (x > 0), with a positive symbol of its name."""
    return {r.gts: sympy.Symbol(r.gts.name, positive=True) for r in a.domain
            if r.lts == 0 and isinstance(r.gts, sympy.Symbol)}


def constraint_curve(a: LagrangeAnalysis, window) -> tuple[np.ndarray, ...]:
    """The curve g = c in the window, where the domain holds (cut where it does not)."""
    branches = curve_branches(a.constraints[0].zero, *window)
    tests = [numeric_function(r.gts - r.lts, a.variables) for r in a.domain]
    pieces = []
    for branch in branches:
        keep = np.ones(len(branch), bool)
        for test in tests:
            keep &= np.broadcast_to(test(branch[:, 0], branch[:, 1]) > 0, keep.shape)
        cuts = np.flatnonzero(np.diff(keep.astype(int))) + 1
        pieces += [p for p, k in zip(np.split(branch, cuts), np.split(keep, cuts))
                   if k[0] and len(p) > 1]
    return tuple(pieces)


def sweep(a: LagrangeAnalysis, window, landscape: ContourAnalysis) -> tuple[Level, ...]:
    """Level curves from below the lowest touching value up through each candidate's value
    in the window, stopping at each: SWEEP_FRAMES between stops."""
    touched = [(c.valuef, i) for i, c in enumerate(a.candidates) if inside(c.pointf, window)]
    stops = sorted({round(v, 9) for v, _ in touched})[:MOST_TOUCHING]
    if not stops:
        return ()
    span = (stops[-1] - stops[0]) or max(abs(stops[0]), 1.0)
    low = min(landscape.levels[0], stops[0] - span / 2) if landscape.levels else stops[0] - span
    levels, marks = [], []
    for before, stop in zip([low, *stops], stops):
        steps = np.linspace(before, stop, SWEEP_FRAMES + 1)[1:]
        levels += list(steps)
        marks += [()] * (SWEEP_FRAMES - 1) + [tuple(i for v, i in touched
                                                    if round(v, 9) == stop)]
    return tuple(Level(float(v), tuple(contour_lines(a.function, *window, float(v))), m)
                 for v, m in zip(levels, marks))


# -- how things read -------------------------------------------------------------------------
def shown(expr: sympy.Expr, a: LagrangeAnalysis) -> sympy.Expr:
    """``expr`` as it reads on the domain: a variable the domain keeps positive is so
    (100|x|^(3/5) reads 100x^(3/5) where x > 0)."""
    positive = positive_variables(a)
    return expr.subs(positive) if positive else expr


def names(a: LagrangeAnalysis) -> str:
    return ", ".join(str(v) for v in a.variables)


def greek(text: str) -> str:
    """The multipliers' names as letters: lambda is λ, mu is μ."""
    return text.replace("lambda", "λ").replace("mu", "μ")


def side_text(side: sympy.Expr, a: LagrangeAnalysis) -> str:
    return greek(plain(shown(side, a)))


def function_text(a: LagrangeAnalysis) -> str:
    """``f(x, y) = 4xy``."""
    return f"f({names(a)}) = {side_text(a.function, a)}"


def function_tex(a: LagrangeAnalysis) -> str:
    return rf"f({names(a)}) = {tex(shown(a.function, a))}"


def constraint_text(a: LagrangeAnalysis) -> str:
    """``x²/9 + y²/4 = 1`` (and ``...`` for two)."""
    return and_list([f"{plain(c.lhs)} = {plain(c.rhs)}" for c in a.constraints])


def constraint_tex(a: LagrangeAnalysis) -> list[str]:
    return [f"{tex(c.lhs)} = {tex(c.rhs)}" for c in a.constraints]


def domain_text(a: LagrangeAnalysis) -> str:
    return ", ".join(plain(r.lhs) + f" {r.rel_op} " + plain(r.rhs) for r in a.domain)


def domain_tex(a: LagrangeAnalysis) -> str:
    return r",\ ".join(tex(r) for r in a.domain)


def system_text(a: LagrangeAnalysis) -> list[str]:
    """Each equation of grad f = λ grad g, g = c, as the domain reads it."""
    return [f"{side_text(e.lhs, a)} = {side_text(e.rhs, a)}" for e in a.system]


def system_tex(a: LagrangeAnalysis) -> list[str]:
    return [f"{tex(shown(e.lhs, a))} = {tex(shown(e.rhs, a))}" for e in a.system]


def set_name(a: LagrangeAnalysis) -> str:
    """What the constraints cut out: a curve, a surface, or points."""
    return {1: "curve", 2: "surface"}.get(len(a.variables) - len(a.constraints), "set")


def unknowns(a: LagrangeAnalysis) -> str:
    return and_list([str(v) for v in a.variables]
                    + [greek(str(m)) for m in MULTIPLIERS[:len(a.constraints)]])


def point_text(c: Candidate) -> str:
    return point(*c.point)


def multipliers_text(c: Candidate) -> str:
    """λ (and μ) at the candidate; ``-`` at a singular point of the set (no multiplier)."""
    return ", ".join(number(m) for m in c.multipliers) or "-"


def multipliers_tex(c: Candidate) -> str:
    return ",\\ ".join(number_tex(m) for m in c.multipliers) or r"\text{--}"


def goals(a: LagrangeAnalysis) -> tuple[str, ...]:
    return ("max", "min") if a.goal == "both" else (a.goal,)


def extremum(a: LagrangeAnalysis, goal: str) -> Extremum | None:
    return a.maximum if goal == "max" else a.minimum


def verdict(a: LagrangeAnalysis, c: Candidate) -> Verdict | None:
    """LOCAL_MAX where the candidate is a max on the constraint (and the lesson asks for
    one), LOCAL_MIN where a min, else None."""
    for goal, v in (("max", Verdict.LOCAL_MAX), ("min", Verdict.LOCAL_MIN)):
        best = extremum(a, goal)
        if goal in goals(a) and best is not None and c.pointf in best.pointsf:
            return v
    return None


def verdict_word(a: LagrangeAnalysis, c: Candidate) -> str:
    found = verdict(a, c)
    return "-" if found is None else {Verdict.LOCAL_MAX: "max", Verdict.LOCAL_MIN: "min"}[found]


def verdict_colour_key(a: LagrangeAnalysis, c: Candidate) -> Verdict:
    """The verdict whose colour marks the candidate (grey for neither)."""
    return verdict(a, c) or Verdict.INCONCLUSIVE


NAMES = {"max": "maximum", "min": "minimum"}
WIDEST = {"max": "largest", "min": "smallest"}
WAY = {"max": "grows", "min": "falls"}


def missing_text(a: LagrangeAnalysis, goal: str) -> str:
    """Why there is no max (min): the set runs off to infinity, or f only approaches its
    bound at the domain's edge."""
    if not a.bounded and not a.domain:
        return (f"no {NAMES[goal]}: the constraint {set_name(a)} is unbounded and f {WAY[goal]} "
                "along it")
    return (f"no {NAMES[goal]}: along the constraint {set_name(a)}, f {WAY[goal]} towards the edge "
            f"of {domain_text(a) or 'where it is defined'} or far out, and never reaches a "
            f"{WIDEST[goal]} value")


def extremum_text(a: LagrangeAnalysis, goal: str) -> str:
    """``max on the constraint: f = 12 at (3√2/2, √2)``, or why there is none."""
    best = extremum(a, goal)
    return missing_text(a, goal) if best is None else \
        f"{goal} on the constraint: {best_text(best)}"


def best_text(best: Extremum) -> str:
    """``f = 12 at (3√2/2, √2)``."""
    return f"{equals('f', best.value)} at {and_list([point(*p) for p in best.points])}"


def extremum_tex(a: LagrangeAnalysis, goal: str) -> str:
    best = extremum(a, goal)
    if best is None:
        return rf"\text{{no {NAMES[goal]}}}"
    where = r",\ ".join(point_tex(*p) for p in best.points[:2])
    more = r",\ \dots" if len(best.points) > 2 else ""
    return (rf"\text{{{goal}}}\ {assigned_tex('f', number_tex(best.value))}\ \text{{at}}\ "
            f"{where}{more}")


def assigned_tex(name: str, shown_value: str) -> str:
    r"""``f = 12``, or ``f \approx 2169`` where the value is rounded."""
    return f"{name} {shown_value}" if shown_value.startswith(r"\approx") else \
        f"{name} = {shown_value}"


def multipliers_at_tex(c: Candidate) -> str:
    r"""``\lambda = 12`` (``\lambda, \mu = 1,\ 2`` for two constraints)."""
    name = r"\lambda" if len(c.multipliers) == 1 else r"\lambda,\ \mu"
    return assigned_tex(name, multipliers_tex(c))


INCOMPLETE = "the list may be incomplete: a numeric search found what the exact solve missed"


# -- captions --------------------------------------------------------------------------------
def map_caption(a: LagrangeLessonAnalysis) -> str:
    r = a.lagrange
    where = f", with {domain_text(r)}" if r.domain else ""
    return (f"The contour map of {function_text(r)}, and the constraint "
            f"{constraint_text(r)}{where}: only points on the curve count")


def touching_text(a: LagrangeLessonAnalysis, stop: Level) -> str:
    r = a.lagrange
    spots = and_list([point_text(r.candidates[i]) for i in stop.touching])
    return f"{equals('f', r.candidates[stop.touching[0]].value)} at {spots}"


def sweep_caption(a: LagrangeLessonAnalysis) -> str:
    stops = [level for level in a.sweep if level.touching]
    return ("Raise the level of f until its curve just touches the constraint: "
            + "; then ".join(touching_text(a, s) for s in stops))


def gradients_caption(a: LagrangeLessonAnalysis) -> str:
    r = a.lagrange
    first = next((t for t in a.touching if r.candidates[t.index].multipliers), None)
    if first is None:
        return "Where they touch, the constraint has no normal: ∇g = 0 there"
    c = r.candidates[first.index]
    return (f"Where they touch, ∇f and ∇g are parallel: ∇f = λ∇g, with "
            f"{equals('λ', c.multipliers[0])} at {point_text(c)}")


def system_caption(a: LagrangeLessonAnalysis) -> str:
    r = a.lagrange
    count = len(r.candidates)
    text = (f"Solve ∇f = {'λ∇g' if len(r.constraints) == 1 else 'λ∇g + μ∇h'} with the "
            f"constraint{'s' if len(r.constraints) > 1 else ''}: {len(r.system)} equations "
            f"in {unknowns(r)}, {count} solution{'s' if count != 1 else ''}"
            + (" in the domain" if r.domain else ""))
    return text + ("; " + INCOMPLETE if not r.complete else "")


def table_caption(a: LagrangeLessonAnalysis) -> str:
    r = a.lagrange
    shown_rows = min(len(r.candidates), TABLE_ROWS)
    more = (f" ({len(r.candidates) - shown_rows} more in the report)"
            if len(r.candidates) > shown_rows else "")
    if not r.candidates:
        return "No point of the constraint solves the system"
    rule = {"max": "the largest value on the constraint is the max",
            "min": "the smallest value on the constraint is the min",
            "both": "the largest value on the constraint is the max, the smallest the min"}
    return f"f at each candidate{more}: {rule[r.goal]}" + (
        ", where they exist" if any(extremum(r, g) is None for g in goals(r)) else "")


def verdict_caption(a: LagrangeLessonAnalysis) -> str:
    """``Max f = 12 at (3·√2/2, √2)``; ``No maximum: ...``."""
    r = a.lagrange
    text = "; ".join(missing_text(r, g) if extremum(r, g) is None
                     else f"{g} {best_text(extremum(r, g))}" for g in goals(r))
    return text[0].upper() + text[1:]


def takeaway(a: LagrangeLessonAnalysis) -> str:
    r = a.lagrange
    if any(extremum(r, g) is None for g in goals(r)):
        return ("∇f = λ∇g finds the candidates, not the answer: where the constraint runs "
                "off, f may pass every one of them.")
    level = "curve" if len(r.variables) == 2 else "surface"
    return (f"At the best point on a constraint, the level {level} of f just touches it: "
            "∇f = λ∇g.")


# -- on screen -------------------------------------------------------------------------------
def table_headers(a: LagrangeAnalysis) -> list[str]:
    multipliers = r"\lambda" if len(a.constraints) == 1 else r"\lambda,\ \mu"
    return [r"(" + ", ".join(str(v) for v in a.variables) + ")", multipliers, "f",
            r"\text{verdict}"]


def table_rows(a: LagrangeAnalysis) -> list[list[str]]:
    return [[point_tex(*c.point), multipliers_tex(c), number_tex(c.value),
             rf"\text{{{verdict_word(a, c)}}}"] for c in a.candidates[:TABLE_ROWS]]


def report(a: LagrangeLessonAnalysis) -> str:
    """f, the constraints, the domain, the system, the table Point | λ | f | verdict and
    the max and min lines, as `calcreel check` prints them."""
    r = a.lagrange
    lines = [function_text(r),
             f"constraint{'s' if len(r.constraints) > 1 else ''}: {constraint_text(r)}"]
    if r.domain:
        lines.append(f"domain: {domain_text(r)}")
    lines.append("system: " + "; ".join(system_text(r)))
    lambdas = "λ" if len(r.constraints) == 1 else "λ, μ"
    lines += text_table(("Point", lambdas, "f", "verdict"),
                        [(point_text(c), multipliers_text(c), number(c.value),
                          verdict_word(r, c)) for c in r.candidates], indent="  ")
    lines += [extremum_text(r, g) for g in goals(r)]
    if not r.complete:
        lines.append(INCOMPLETE)
    return "\n".join(lines)

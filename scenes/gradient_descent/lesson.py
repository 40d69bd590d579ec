"""The `gradient_descent` lesson: its fields, its analysis and its words (no Manim here).

Beats: see `GradientDescentLesson.beats`. The runs are mathcore's
(:func:`mathcore.descent.gradient_descent`): the outcome of each is computed from its
path, never assumed. A window left out is chosen to hold the paths (of a diverging run,
its start) and the critical points they reach.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import ClassVar, Literal

import numpy as np
import sympy
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from mathcore.contour import ContourAnalysis, contour
from mathcore.descent import (
    CONVERGED,
    DIVERGED,
    MOST_STEPS,
    OSCILLATING,
    STALLED,
    DescentAnalysis,
    DescentRun,
    Run,
    gradient_descent,
)
from mathcore.surface import SurfaceAnalysis, analyze_surface
from mathcore.symbols import x, y
from mathcore.verdicts import Verdict
from mathcore.window import padded_window
from mathcore.wording import and_list
from scenes.notation import (
    decimal,
    equals,
    is_tex,
    number,
    number_tex,
    plain,
    point,
    tex,
    text_table,
)
from scenes.params import Exact, Formula, LessonBase, Range, formula_of_x, parsed_formula
from scenes.practice import (
    Difficulty,
    Line,
    NearPoint,
    Sketch,
    all_short,
    curve_sketch,
    map_sketch,
)

MOST_COMPARED = 2    # runs in compare (three on one map at most)
TABLE_ROWS = 4       # rows of the table on screen: the first steps and the last
FIRST_STEPS = 2      # steps written out with their numbers
DIVERGED_SHOWN = 1   # points of a diverging run that the chosen window holds (its start)
MAP_LEVELS = 9       # level curves asked of mathcore.contour
MARGIN, LEAST = 0.1, 0.3  # a chosen window: this part of the paths' span on each side, at least
DIGITS = 4           # significant digits of a number in the table and the captions


class Compared(BaseModel):
    """A run beside the first: what differs (start, rate, momentum); the rest is the
    first run's."""

    model_config = ConfigDict(extra="forbid", frozen=True, arbitrary_types_allowed=True)

    start: list[Exact] | None = Field(None, min_length=1, max_length=2,
                                      description="[x0, y0] (or [x0] for f of x)")
    rate: Exact | None = Field(None, description="the learning rate eta")
    momentum: Exact | None = Field(None, description="the momentum, 0 <= momentum < 1")

    @model_validator(mode="after")
    def _differs(self) -> Compared:
        if self.start is None and self.rate is None and self.momentum is None:
            raise ValueError("a compared run gives a start, a rate or a momentum of its own")
        return self


class GradientDescentLesson(LessonBase):
    """Gradient descent on f(x, y) or f(x): x_{k+1} = x_k - eta grad f(x_k), and where it ends."""

    kind: Literal["gradient_descent"]
    function: Formula
    start: list[Exact] = Field(min_length=1, max_length=2,
                               description="[x0, y0] for f of x and y, or [x0] for f of x")
    rate: Exact = Field(description="the learning rate eta, positive")
    steps: int = Field(200, ge=1, le=MOST_STEPS, description="the most steps of each run")
    momentum: Exact = Field(0, validate_default=True,
                            description="heavy-ball momentum, 0 <= it < 1")
    compare: list[Compared] = Field(default_factory=list, max_length=MOST_COMPARED,
                                    description="other runs on the same map: another start, "
                                                "rate or momentum, the rest inherited")
    x: Range | None = Field(None, description="left out: chosen from the paths")
    y: Range | None = Field(None, description="left out: chosen from the paths (f of x and y)")

    beats: ClassVar[dict[str, str]] = {
        "title": "the title card, with f",
        "map": "the contour map of f(x, y) (the graph of f(x)), its critical points marked",
        "rule": "the update x_{k+1} = x_k - eta grad f(x_k), with grad f and eta",
        "steps": f"the first {FIRST_STEPS} steps with their numbers, drawn on the map",
        "path": "the whole path of the first run, a ball rolling along it",
        "table": "the table k | x_k | f(x_k) | |grad f| and the outcome, computed",
        "run-*": "each compared run: its path in its own colour and its outcome",
        "bound": "f quadratic: the Hessian's eigenvalues and the bound eta < 2/lambda_max; "
                 "else, where a run settles at or swings round a pit, the Hessian there "
                 "and the bound near that pit",
        "surface": "f(x, y): the landscape over its map, each path lifted onto it and a ball "
                   "rolling down it, in step with a dot on the map",
        "closing": "the takeaway",
    }
    asides: ClassVar[tuple[str, ...]] = (
        "steps", "table", "bound", "surface", "map", "rule", "run-*")

    @field_validator("start", mode="before")
    @classmethod
    def _one_number(cls, value):
        return [value] if isinstance(value, (int, float, str)) else value

    @model_validator(mode="after")
    def _fits(self) -> GradientDescentLesson:
        """f is of x alone for a start with one coordinate, and every run has as many."""
        self.expr  # noqa: B018 -- parses the formula, in the variables the start has
        if any(c.start is not None and len(c.start) != len(self.start) for c in self.compare):
            raise ValueError(f"every compared start has {len(self.start)} coordinate"
                             f"{'s' if len(self.start) > 1 else ''}, as start has")
        if len(self.start) == 1 and self.y is not None:
            raise ValueError("y is a window for f of x and y; this f is of x alone")
        return self

    @cached_property
    def expr(self) -> sympy.Expr:
        return (formula_of_x(self.function) if len(self.start) == 1
                else parsed_formula(self.function))

    moves: ClassVar = (NearPoint("start"),)
    unvaried: ClassVar = ("compare",)

    def problem(self, analysis: GradientDescentAnalysis) -> list[Line]:
        start = r",\ ".join(map(tex, self.start))
        return [f"Run gradient descent on $f = {tex(self.expr)}$ from $({start})$ with rate "
                f"$\\eta = {tex(self.rate)}$: work out the first {FIRST_STEPS} steps, then say "
                "where the run ends and what $f$ is there."]

    def worked(self, analysis: GradientDescentAnalysis) -> list[Line]:
        d = analysis.descent
        run = d.runs[0]
        gradient = r",\ ".join(map(tex, d.gradient))
        lines: list[Line] = [f"$\\nabla f = ({gradient})$; "
                             f"$x_{{k+1}} = x_k - {tex(run.rate)}\\,\\nabla f(x_k)$."]
        lines += [f"$x_{{{s.k}}} {point_reading(s.point)}$, $f(x_{{{s.k}}}) {is_tex(s.value)}$."
                  for s in run.steps[1:FIRST_STEPS + 1]]
        limit = r",\ ".join(map(tex, run.limit_exact))
        lines.append(f"It converges in {len(run.steps) - 1} steps to the {run.limit_type} "
                     f"$({limit})$, where $f = {tex(run.limit_value)}$.")
        return lines

    def flaw(self, analysis: GradientDescentAnalysis, difficulty: Difficulty) -> str | None:
        run = analysis.descent.runs[0]
        if run.outcome != CONVERGED or run.limit_exact is None:
            return "the run does not converge to a known point"
        if all(float(v) == float(s) for v, s in zip(run.limit_exact, run.start, strict=True)):
            return "the run starts where it ends"
        return None if all_short([*run.limit_exact, run.limit_value], difficulty) else \
            "an answer that is not short"

    def sketch(self, analysis: GradientDescentAnalysis) -> Sketch:
        run = analysis.descent.runs[0]
        path = np.array([s.point for s in run.steps], dtype=float)
        if len(analysis.window) == 1:
            return curve_sketch((analysis.descent.function,), analysis.window[0],
                                ((path[0, 0], run.steps[0].value),))
        return map_sketch(analysis.descent.function, *analysis.window,
                          (tuple(path[0]), tuple(path[-1])), (path,))

    def solve(self) -> GradientDescentAnalysis:
        """The runs alone, no map or landscape: what an exercise's answer needs."""
        descent = gradient_descent(self.expr, self.runs)
        return GradientDescentAnalysis(descent, chosen_window(descent, self.x, self.y),
                                       None, None)

    @property
    def runs(self) -> list[Run]:
        """The first run, then each compared one with what it does not give inherited."""
        first = Run(tuple(self.start), self.rate, self.steps, self.momentum)
        return [first] + [Run(tuple(c.start or self.start), self.rate if c.rate is None
                              else c.rate, self.steps,
                              self.momentum if c.momentum is None else c.momentum)
                          for c in self.compare]

    def analyze(self) -> GradientDescentAnalysis:
        descent = gradient_descent(self.expr, self.runs)
        window = chosen_window(descent, self.x, self.y)
        if len(window) == 1:
            return GradientDescentAnalysis(descent, window, None, None)
        return GradientDescentAnalysis(descent, window,
                                       contour(self.expr, *window, MAP_LEVELS, arrows=0),
                                       analyze_surface(self.expr, *window))


@dataclass(frozen=True, eq=False)
class GradientDescentAnalysis:
    """mathcore's runs, the window they are drawn in and, for f(x, y), its contour map and
    the surface over it (its height range)."""

    descent: DescentAnalysis
    window: tuple[tuple[sympy.Expr, sympy.Expr], ...]
    landscape: ContourAnalysis | None
    surface: SurfaceAnalysis | None

    @property
    def function(self) -> sympy.Expr:
        return self.descent.function

    @property
    def runs(self) -> tuple[DescentRun, ...]:
        return self.descent.runs

    @property
    def two_d(self) -> bool:
        return len(self.descent.variables) == 2

    @property
    def bounded(self) -> DescentRun | None:
        """The run whose bound is shown: f quadratic, the first; else the first with a bound
        near a pit that it overshoots, or failing that the first with one; None if none."""
        if self.descent.eigenvalues is not None:
            return self.runs[0]
        local = [r for r in self.runs if r.bound_at is not None]
        too_large = [r for r in local if r.rate >= r.rate_bound]
        return (too_large or local or [None])[0]

    def to_json(self) -> dict:
        return self.descent.to_json()


def chosen_window(descent: DescentAnalysis, *given: Range | None) -> tuple:
    """The lesson's windows, or ones holding every path (of a diverging run, its start)
    and the points the runs settle at."""
    seen = []
    for run in descent.runs:
        points = np.array([s.point for s in run.steps])
        seen.append(points[:DIVERGED_SHOWN] if run.outcome == DIVERGED else points)
        if run.limit is not None:
            seen.append(np.array([run.limit]))
    seen = np.vstack(seen)
    return tuple(w if w is not None else padded_window(float(seen[:, i].min()),
                                                       float(seen[:, i].max()), MARGIN, LEAST)
                 for i, w in enumerate(given[:len(descent.variables)]))


# -- numbers ---------------------------------------------------------------------------------
def short(value: float) -> str:
    """A number to DIGITS significant digits, as the notation writes it: ``0.28``,
    ``-1``, ``1.696·10⁻⁸``."""
    return number(float(f"{float(value):.{DIGITS}g}"))


def short_tex(value: float) -> str:
    """The same number in LaTeX: ``1.696 \\cdot 10^{-8}``."""
    return number_tex(float(f"{float(value):.{DIGITS}g}"))


def vector(values: Sequence[float]) -> str:
    """``0.28`` or ``(0.28, 0.96)``."""
    return short(values[0]) if len(values) == 1 else f"({', '.join(map(short, values))})"


def vector_tex(values: Sequence[float]) -> str:
    return (short_tex(values[0]) if len(values) == 1
            else rf"\left({', '.join(map(short_tex, values))}\right)")


def given(value: sympy.Expr) -> str:
    """A number the lesson gives, as it was typed: 0.1 rather than 1/10."""
    return decimal(value, float(value), about="≈ ")


def given_tex(value: sympy.Expr) -> str:
    return decimal(value, float(value), about=r"\approx ")


def given_point(values: Sequence[sympy.Expr]) -> str:
    return given(values[0]) if len(values) == 1 else f"({', '.join(map(given, values))})"


def point_reading(point: tuple[float, ...]) -> str:
    r"""``= (1, 0.5)``, or ``\approx (0.6871, 0.768)`` when a coordinate is rounded."""
    shown = [number_tex(v) for v in point]
    inside = ", ".join(s.removeprefix(r"\approx ") for s in shown)
    return (r"\approx" if any(s.startswith(r"\approx") for s in shown) else "=") + f" ({inside})"


# -- captions --------------------------------------------------------------------------------
def function_text(a: GradientDescentAnalysis) -> str:
    return f"f({'x, y' if a.two_d else 'x'}) = {plain(a.function)}"


def map_caption(a: GradientDescentAnalysis) -> str:
    if a.two_d:
        return (f"The contour map of {function_text(a)}: each ring is one height, "
                "and downhill runs across the rings")
    return f"The graph of {function_text(a)}: downhill is where f' points away from"


def rule_text(run: DescentRun) -> str:
    if run.momentum:
        return (f"v_k+1 = {given(run.momentum)}·v_k - η∇f(x_k), x_k+1 = x_k + v_k+1 "
                f"with η = {given(run.rate)}")
    return f"x_k+1 = x_k - η∇f(x_k) with η = {given(run.rate)}"


def rule_caption(a: GradientDescentAnalysis) -> str:
    return ("Step against the gradient, the way uphill is steepest: "
            + rule_text(a.runs[0]))


def steps_caption(a: GradientDescentAnalysis) -> str:
    """The first step in words, with its numbers."""
    run = a.runs[0]
    first = run.steps[0]
    if len(run.steps) == 1:
        return f"From x₀ = {vector(first.point)} the run takes no step"
    then = vector(run.steps[1].point)
    if run.momentum:
        return f"From x₀ = {vector(first.point)}, ∇f = {vector(first.gradient)}: x₁ = {then}"
    return (f"From x₀ = {vector(first.point)}, ∇f = {vector(first.gradient)}, so "
            f"x₁ = x₀ - {given(run.rate)}·∇f = {then}")


def path_caption(a: GradientDescentAnalysis) -> str:
    run = a.runs[0]
    return (f"Step after step the ball rolls downhill: {len(run.steps) - 1} steps, "
            f"f from {short(run.steps[0].value)} to {short(run.steps[-1].value)}")


def limit_text(run: DescentRun) -> str:
    """``the local min (1, 0), where f = -1``; ``the local min at x ≈ 1.131, where f ≈ -1.07``."""
    kind = "a critical point" if run.limit_type is None else f"the {run.limit_type}"
    where = (f"at {equals('x', run.limit_exact[0])}" if len(run.limit_exact) == 1
             else point(*run.limit_exact))
    return f"{kind} {where}, where {equals('f', run.limit_value)}"


def hessian_at(hessian: Sequence[Sequence[sympy.Expr]], at: Sequence[sympy.Expr]) -> sympy.Matrix:
    """The Hessian of f (of x, or of x and y) at the point."""
    return sympy.Matrix(hessian).subs(dict(zip((x, y), at)))


def bare(value: sympy.Expr, tex_form: bool = False) -> tuple[str, bool]:
    """A number as the notation writes it, without its ``≈``, and whether it had one."""
    shown, about = (number_tex(value), r"\approx ") if tex_form else (number(value), "≈ ")
    return shown.removeprefix(about), shown.startswith(about)


def pit_text(run: DescentRun) -> str:
    """``the pit (1, 0)``; ``the pit at x ≈ 1.131``."""
    if len(run.bound_at) == 1:
        return f"the pit at {equals('x', run.bound_at[0])}"
    return f"the pit {point(*run.bound_at)}"


def curvature_text(run: DescentRun, hessian=None) -> str:
    """Where the bound comes from: ``f'' = 8``; ``f_xx = 8`` (a diagonal Hessian's largest
    entry); else ``λ_max = ...``."""
    name = "λ_max"
    if len(run.start) == 1:
        name = "f''"
    elif hessian is not None:
        h = hessian_at(hessian, run.bound_at)
        if h[0, 1] == 0:
            name = f"f_{'xx' if sympy.simplify(h[0, 0] - run.curvature) == 0 else 'yy'}"
    return equals(name, run.curvature)


def bound_formula(run: DescentRun) -> str:
    """``η < 2/8 = 1/4``, ``η < 2(1 + 0.5)/8 = 3/8``, ``η < 2/14.31 ≈ 0.1398``."""
    top = "2" if not run.momentum else f"2(1 + {given(run.momentum)})"
    (curvature, rough), (bound, about) = bare(run.curvature), bare(run.rate_bound)
    return f"η < {top}/{curvature} {'≈' if rough or about else '='} {bound}"


def bound_text(run: DescentRun, hessian=None) -> str:
    """The bound in brackets: everywhere (f quadratic), or near the run's pit."""
    if run.rate_bound is None:
        return ""
    if run.bound_at is None:
        return f" (η < {number(run.rate_bound)} converges)"
    return (f" (near {pit_text(run)}, {curvature_text(run, hessian)}, "
            f"so {bound_formula(run)})")


def outcome_text(run: DescentRun, hessian=None) -> str:
    """How the run ended, computed: where it settled, or why it did not (with the bound
    near the pit it swings round; ``hessian``, f's, names the curvature)."""
    steps = len(run.steps) - 1
    if run.outcome == CONVERGED:
        return f"converged in {steps} steps to {limit_text(run)}"
    if run.outcome == STALLED:
        return (f"stalled after {steps} steps at {limit_text(run)}: "
                "the gradient is 0 there too, and it is no pit")
    if run.outcome == OSCILLATING:
        overshoots = "" if run.bound_at else "each step overshoots and "
        return (f"the rate is too large: {overshoots}the path swings back and forth, "
                f"never settling{bound_text(run, hessian)}")
    if run.outcome == DIVERGED:
        return (f"diverged after {steps} steps: the rate is too large and the path "
                f"{run.reason}{bound_text(run, hessian)}")
    return (f"still moving after {steps} steps, |∇f| = "
            f"{short(run.steps[-1].gradient_norm)}: more steps or a larger rate")


def run_name(run: DescentRun) -> str:
    """``From (0.4, 1.2) with η = 0.1``."""
    extra = f", momentum {given(run.momentum)}" if run.momentum else ""
    return f"From {given_point(run.start)} with η = {given(run.rate)}{extra}"


def outcome_caption(run: DescentRun, hessian=None) -> str:
    return f"{run_name(run)}: {outcome_text(run, hessian)}"


def bound_caption(a: GradientDescentAnalysis) -> str:
    """The Hessian's eigenvalues and the bound (f quadratic), or the bound near a pit."""
    if a.descent.eigenvalues is None:
        return local_bound_caption(a, a.bounded)
    values = a.descent.eigenvalues
    bound = a.runs[0].rate_bound
    text = (f"f is quadratic: its Hessian has eigenvalues {and_list([number(v) for v in values])}"
            if len(values) > 1 else f"f is quadratic: f'' = {number(values[0])}")
    if bound is None:
        return text + "; with one of them not positive there is no pit to converge to"
    return text + (f", so a step converges exactly when η < 2(1 + momentum)/λ_max = "
                   f"{number(bound)}")


def local_bound_caption(a: GradientDescentAnalysis, run: DescentRun) -> str:
    """``Near the pit (1, 0) f_xx = 8 ...``: which rates settle in that pit, which do not."""
    near = [r for r in a.runs if r.bound_at == run.bound_at]
    below = sorted({given(r.rate) for r in near if r.rate < r.rate_bound})
    above = sorted({given(r.rate) for r in near if r.rate >= r.rate_bound})
    verdicts = ([f"η = {and_list(below)} settles"] if below else []) + (
        [f"η = {and_list(above)} overshoots"] if above else [])
    return (f"f is not quadratic, but near {pit_text(run)}, "
            f"{curvature_text(run, a.descent.hessian)}: steps settle there only if "
            f"{bound_formula(run)} ({', '.join(verdicts)})")


def surface_caption(a: GradientDescentAnalysis) -> str:
    return ("The same paths on the landscape itself: each ball rolls downhill on the "
            "surface z = f(x, y) as its shadow moves on the map")


def takeaway(a: GradientDescentAnalysis) -> str:
    outcomes = {r.outcome for r in a.runs}
    if outcomes & {OSCILLATING, DIVERGED} and CONVERGED in outcomes:
        return ("Small steps find a pit, which one depends on the start; "
                "too large a step never settles.")
    if outcomes == {CONVERGED}:
        return ("Follow -∇f in small steps and you roll into a pit: "
                "a local min, not always the lowest.")
    return "The gradient points uphill: step against it, and choose the step size with care."


def limit_verdict(run: DescentRun) -> Verdict:
    """The verdict whose colour marks where the run ended (grey where it did not settle)."""
    return run.limit_type or Verdict.INCONCLUSIVE


# -- on screen -------------------------------------------------------------------------------
TABLE_HEADERS = ["k", "x_k", "f(x_k)", r"|\nabla f(x_k)|"]


def shown_steps(run: DescentRun) -> list[int]:
    """The k of the table's rows: the first ones and the last."""
    last = len(run.steps) - 1
    ks = list(range(min(TABLE_ROWS - 1, last + 1)))
    return ks + ([last] if last not in ks else [])


def table_rows(run: DescentRun) -> list[list[str]]:
    rows = []
    ks = shown_steps(run)
    for before, k in zip([None, *ks], ks):
        if before is not None and k > before + 1:
            rows.append([r"\vdots"] * len(TABLE_HEADERS))
        s = run.steps[k]
        rows.append([str(k), vector_tex(s.point), short_tex(s.value), short_tex(s.gradient_norm)])
    return rows


def rule_tex(a: GradientDescentAnalysis) -> list[str]:
    """The update and grad f, typeset."""
    run = a.runs[0]
    gradient = (rf"\nabla f = \left({tex(a.descent.gradient[0])},\ {tex(a.descent.gradient[1])}"
                r"\right)" if a.two_d else rf"f'(x) = {tex(a.descent.gradient[0])}")
    lines = [r"\mathbf{x}_{k+1} = \mathbf{x}_k - \eta\, \nabla f(\mathbf{x}_k)"
             if not run.momentum else
             r"\mathbf{x}_{k+1} = \mathbf{x}_k - \eta\, \nabla f(\mathbf{x}_k)"
             r" + \beta\,(\mathbf{x}_k - \mathbf{x}_{k-1})",
             gradient, rf"\eta = {given_tex(run.rate)}"
             + (rf",\ \beta = {given_tex(run.momentum)}" if run.momentum else "")]
    return lines


def steps_tex(a: GradientDescentAnalysis) -> list[str]:
    """x_1, x_2 with their numbers (plain descent), or their values (momentum)."""
    run = a.runs[0]
    lines = []
    for k in range(min(FIRST_STEPS, len(run.steps) - 1)):
        before, after = run.steps[k], run.steps[k + 1]
        left = rf"\mathbf{{x}}_{{{k + 1}}} = "
        if run.momentum:
            lines.append(left + vector_tex(after.point))
        else:
            lines.append(left + rf"{vector_tex(before.point)} - {given_tex(run.rate)}\,"
                         rf"{vector_tex(before.gradient)} = {vector_tex(after.point)}")
    return lines


def equals_tex(name: str, value: sympy.Expr) -> str:
    r"""``f = -1``, or ``f \approx -3.514`` where the exact form is long."""
    shown = number_tex(value)
    return f"{name} {shown}" if shown.startswith(r"\approx") else f"{name} = {shown}"


def limit_tex(run: DescentRun) -> str:
    if len(run.limit_exact) == 1:
        return equals_tex("x", run.limit_exact[0])
    return rf"\left({', '.join(number_tex(v) for v in run.limit_exact)}\right)"


def outcome_tex(run: DescentRun) -> str:
    """The outcome in a few words, for the notes."""
    if run.outcome in (CONVERGED, STALLED):
        kind = "critical point" if run.limit_type is None else str(run.limit_type)
        verb = "" if run.outcome == CONVERGED else "stalled at a "
        return (rf"\text{{{verb}{kind} }} {limit_tex(run)},\ "
                + equals_tex("f", run.limit_value))
    if run.outcome in (OSCILLATING, DIVERGED):
        return rf"\text{{{run.outcome}: }} \eta\ \text{{too large}}"
    return rf"\text{{still moving after {len(run.steps) - 1} steps}}"


def legend_parts(run: DescentRun) -> tuple[str, str]:
    """``x_0 = (0.4, 1.2), eta = 0.1`` and ``local min (1, 0), f = -1``."""
    start = (given_tex(run.start[0]) if len(run.start) == 1
             else rf"\left({', '.join(map(given_tex, run.start))}\right)")
    return rf"\mathbf{{x}}_0 = {start},\ \eta = {given_tex(run.rate)}", outcome_tex(run)


def local_bound_tex(a: GradientDescentAnalysis) -> list[str]:
    """The Hessian at the pit (f'' there, for f of x) and the bound near it."""
    run = a.bounded
    coordinates = [bare(c, True) for c in run.bound_at]
    at = rf"\left({', '.join(c for c, _ in coordinates)}\right)"
    h = hessian_at(a.descent.hessian, run.bound_at)
    entries = [bare(v, True) for v in h]
    rough = any(r for _, r in coordinates + entries)
    rows = [" & ".join(e for e, _ in entries[i * h.cols:(i + 1) * h.cols]) for i in range(h.rows)]
    shown = (entries[0][0] if h.shape == (1, 1)
             else r"\begin{pmatrix} " + r" \\ ".join(rows) + r" \end{pmatrix}")
    name = "f''" if h.shape == (1, 1) else r"\nabla^2 f"
    (curvature, _), (bound, about) = bare(run.curvature, True), bare(run.rate_bound, True)
    top = "2" if not run.momentum else r"2(1 + \beta)"
    first, then = (r"\approx" if rough else "="), (r"\approx" if rough or about else "=")
    return [rf"{name}{at} {first} {shown}",
            rf"\eta < \frac{{{top}}}{{{curvature}}} {then} {bound}\ \text{{near }} {at}"]


def bound_tex(a: GradientDescentAnalysis) -> list[str]:
    """The Hessian's eigenvalues and the rate bound (f quadratic), or the Hessian at a pit
    and the bound near it."""
    if a.descent.eigenvalues is None:
        return local_bound_tex(a)
    values = r",\ ".join(number_tex(v) for v in a.descent.eigenvalues)
    lines = [rf"\lambda = {values}"]
    if a.runs[0].rate_bound is not None:
        lines.append(rf"\eta < \frac{{2}}{{\lambda_{{\max}}}} = {number_tex(a.runs[0].rate_bound)}"
                     if not a.runs[0].momentum else
                     rf"\eta < \frac{{2(1 + \beta)}}{{\lambda_{{\max}}}} = "
                     rf"{number_tex(a.runs[0].rate_bound)}")
    return lines


def report(a: GradientDescentAnalysis) -> str:
    """Each run: its table k | x_k | f(x_k) | |grad f| (the first steps and the last) and
    its outcome, as `calcreel check` prints them."""
    lines = [function_text(a)]
    if a.bounded is not None:
        lines.append(bound_caption(a))
    for run in a.runs:
        lines.append(f"{run_name(run)}:")
        ks = list(range(min(5, len(run.steps))))
        ks += [k for k in (len(run.steps) - 1,) if k not in ks]
        rows = [(str(k), vector(run.steps[k].point), short(run.steps[k].value),
                 short(run.steps[k].gradient_norm)) for k in ks]
        lines += text_table(("k", "x_k", "f(x_k)", "|∇f|"), rows, "  ")
        lines.append(f"  {outcome_text(run, a.descent.hessian)}")
    return "\n".join(lines)


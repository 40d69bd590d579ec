"""Gradient descent on f(x, y) or f(x): the path, and its outcome computed, never assumed.

>>> from mathcore.parse import parse_formula
>>> bowl = parse_formula("x^2 + 2y^2")
>>> run = gradient_descent(bowl, [Run((1, 1), rate=0.2, steps=200)]).runs[0]
>>> run.outcome, run.limit, str(run.limit_type), run.rate_bound
('converged', (0.0, 0.0), 'local min', 1/2)
>>> gradient_descent(bowl, [Run((1, 1), rate=0.5, steps=50)]).runs[0].outcome
'oscillating'
>>> gradient_descent(bowl, [Run((1, 1), rate=0.6, steps=50)]).runs[0].outcome
'diverged'

The update is the heavy ball: v_{k+1} = momentum v_k - rate grad f(x_k),
x_{k+1} = x_k + v_{k+1}, with v_0 = 0 (momentum 0 is plain descent). It runs
at PRECISION digits (mpmath), on the exact gradient. The run stops:

* when f, grad f or the point stop being finite real numbers (f undefined
  there: "diverged", ``reason`` says it left f's domain), or grow past the
  bounds (|x| beyond BOUND (1 + |x_0|), |f| or |grad f| beyond BOUND^2 times
  their size at the start: "diverged");
* when |grad f| <= TOLERANCE (1 + |grad f(x_0)|) and the last step is at most
  TOLERANCE (1 + |x|): it has settled, at the critical point (of
  ``critical.critical_points``, or ``extrema.extrema`` for f(x)) it is nearest
  to, within MATCH (1 + |x|). The kind there ("local min", "saddle", "local
  max"; the probe's verdict where the second-derivative test says nothing;
  None for a point of f(x) that is neither; away from every critical point
  found, the signs of the Hessian's eigenvalues there, None when one is 0) is
  ``limit_type``: "stalled" at a saddle, a max or a point of f(x) that is
  neither, else "converged" (at a min, or a point of unknown kind);
* after ``steps`` steps: "oscillating" if each of the last TAIL steps
  reverses the one before (their dot product is negative) and they do not
  die out (the last at least SUSTAINED times as long as the first of them),
  else "max_steps".

Every run is repeated in numpy float64 and must end the same way, on the same
points (CHECK relative); otherwise MathError (the outcome depends on rounding).
For a quadratic f, the Hessian's eigenvalues are exact and ``rate_bound`` is
2 (1 + momentum) / lambda_max (for momentum 0, 2 / lambda_max): the rates below
it converge to the minimum, when there is one. For any other f the bound is local:
where a run settles at a local min x*, or its last steps swing round one (the local
min nearest their centre, no farther from it than they reach), ``rate_bound`` is
2 (1 + momentum) / lambda_max of the Hessian at x* (exact where x* is), and
``bound_at`` is x*: the pit is stable under descent exactly below it.

>>> pits = parse_formula("x^4 - 2x^2 + y^2")   # the Hessian at (1, 0) is diag(8, 2)
>>> swing = gradient_descent(pits, [Run((0.6, 1.2), rate=0.3, steps=150)]).runs[0]
>>> swing.outcome, swing.bound_at, swing.curvature, swing.rate_bound
('oscillating', (1, 0), 8, 1/4)
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import mpmath
import numpy as np
import sympy

from mathcore.critical import critical_points
from mathcore.deadline import DEFAULT_SECONDS
from mathcore.errors import MathError
from mathcore.extrema import extrema
from mathcore.parse import parse_number
from mathcore.symbols import x, y
from mathcore.verdicts import Verdict
from mathcore.window import padded_window

CONVERGED, STALLED, OSCILLATING = "converged", "stalled", "oscillating"
DIVERGED, MAX_STEPS = "diverged", "max_steps"
LEFT_DOMAIN, BLEW_UP = "left the domain of f", "grew past every bound"
SETTLED, RAN_OUT = "settled", "used every step"

PRECISION = 30     # digits of the iteration
MOST_STEPS = 500   # at most this many steps per run
TOLERANCE = 1e-8   # |grad f| and the last step, relative, where a run has settled
BOUND = 1e6        # |x| past BOUND (1 + |x_0|), |f| and |grad f| past BOUND^2 their start
TAIL = 20          # the last steps looked at for an oscillation
SUSTAINED = 0.99   # ... the last at least this times the first: it does not die out
MATCH = 1e-2       # a settled run is at a critical point this near (relative)
CHECK = 1e-6       # the numpy run's points agree with these (relative)


@dataclass(frozen=True)
class Run:
    """One run asked for: where it starts, its rate, its most steps and its momentum."""

    start: Sequence
    rate: sympy.Expr | float
    steps: int
    momentum: sympy.Expr | float = 0


@dataclass(frozen=True)
class Step:
    """The point x_k, f(x_k) and grad f(x_k)."""

    k: int
    point: tuple[float, ...]
    value: float
    gradient: tuple[float, ...]

    @property
    def gradient_norm(self) -> float:
        return math.hypot(*self.gradient)

    def to_json(self) -> dict:
        return {"k": self.k, "point": list(self.point), "value": self.value,
                "gradient_norm": self.gradient_norm}


@dataclass(frozen=True)
class DescentRun:
    """One run: its steps (k = 0 is the start), outcome and, where it settled, the
    critical point it reached (``limit``, exact in ``limit_exact``, f there in
    ``limit_value``). ``reason`` says why it stopped."""

    start: tuple[sympy.Expr, ...]
    rate: sympy.Expr
    momentum: sympy.Expr
    steps: tuple[Step, ...]
    outcome: str
    reason: str
    limit: tuple[float, ...] | None
    limit_exact: tuple[sympy.Expr, ...] | None
    limit_value: sympy.Expr | None
    limit_type: Verdict | None
    rate_bound: sympy.Expr | None
    bound_at: tuple[sympy.Expr, ...] | None = None  # the pit of a local bound (None: global)
    curvature: sympy.Expr | None = None              # lambda_max the bound comes from

    def to_json(self) -> dict:
        return {
            "start": [float(c) for c in self.start], "rate": float(self.rate),
            "momentum": float(self.momentum), "steps": [s.to_json() for s in self.steps],
            "outcome": self.outcome, "limit": None if self.limit is None else list(self.limit),
            "limit_type": None if self.limit_type is None else str(self.limit_type),
            "rate_bound": None if self.rate_bound is None else float(self.rate_bound),
        }


@dataclass(frozen=True)
class DescentAnalysis:
    """f, its gradient and Hessian (exact), the Hessian's eigenvalues when it is constant
    (f quadratic; else None), and the runs."""

    function: sympy.Expr
    variables: tuple[sympy.Symbol, ...]
    gradient: tuple[sympy.Expr, ...]
    hessian: tuple[tuple[sympy.Expr, ...], ...]
    eigenvalues: tuple[sympy.Expr, ...] | None
    runs: tuple[DescentRun, ...]

    def to_json(self) -> dict:
        return {"function": str(self.function), "runs": [r.to_json() for r in self.runs]}


def gradient_descent(f: sympy.Expr, runs: Sequence[Run],
                     seconds: float = DEFAULT_SECONDS) -> DescentAnalysis:
    """Run each of ``runs`` on f (of x and y for two-coordinate starts, of x for one)."""
    problem = _Problem.of(f, runs)
    walks = [_walk(problem, spec) for spec in problem.specs]
    for spec, walk in zip(problem.specs, walks):
        if not walk.steps:
            raise MathError(f"f or its gradient is undefined at the start {_text(spec.start)}")
        _check(problem, spec, walk)
    critical = _critical_points(problem, walks, seconds)
    return DescentAnalysis(problem.f, problem.variables, problem.gradient, problem.hessian,
                           problem.eigenvalues,
                           tuple(_run(problem, s, w, critical)
                                 for s, w in zip(problem.specs, walks)))


# ---------------------------------------------------------------- the problem


@dataclass(frozen=True)
class _Spec:
    """A run asked for, checked: exact start, rate and momentum."""

    start: tuple[sympy.Expr, ...]
    rate: sympy.Expr
    momentum: sympy.Expr
    steps: int


@dataclass(frozen=True)
class _Problem:
    """f with its exact derivatives, compiled for mpmath and numpy, and the runs."""

    f: sympy.Expr
    variables: tuple[sympy.Symbol, ...]
    gradient: tuple[sympy.Expr, ...]
    hessian: tuple[tuple[sympy.Expr, ...], ...]
    eigenvalues: tuple[sympy.Expr, ...] | None
    specs: tuple[_Spec, ...]

    @classmethod
    def of(cls, f: sympy.Expr, runs: Sequence[Run]) -> _Problem:
        specs = tuple(_spec(r) for r in runs)
        if not specs or len({len(s.start) for s in specs}) != 1:
            raise MathError("gradient descent needs runs whose starts all have one coordinate "
                            "(f of x) or all two (f of x and y)")
        variables = (x, y)[:len(specs[0].start)]
        f = _function_of(f, variables)
        gradient = tuple(sympy.diff(f, v) for v in variables)
        hessian = tuple(tuple(sympy.diff(d, v) for v in variables) for d in gradient)
        return cls(f, variables, gradient, hessian, _eigenvalues(hessian), specs)

    def compiled(self, module: str):
        """f and grad f as one function of the coordinates, for ``module``."""
        return sympy.lambdify(self.variables, (self.f, *self.gradient), modules=module)

    def largest_curvature(self, at: tuple[sympy.Expr, ...]) -> sympy.Expr:
        """lambda_max of the Hessian at the point, exact where the point is."""
        h = sympy.Matrix(self.hessian).subs(dict(zip(self.variables, at)))
        if h.shape == (1, 1):
            return sympy.simplify(h[0, 0])
        a, b, d = h[0, 0], h[0, 1], h[1, 1]
        return sympy.simplify((a + d) / 2 + sympy.sqrt(((a - d) / 2) ** 2 + b**2))


def _bound(spec: _Spec, curvature: sympy.Expr | None) -> sympy.Expr | None:
    """2 (1 + momentum) / lambda_max for lambda_max > 0, else None."""
    if curvature is None or not curvature.is_positive:
        return None
    return sympy.simplify(2 * (1 + spec.momentum) / curvature)


def _spec(run: Run) -> _Spec:
    """The run's numbers as exact reals, checked."""
    start = tuple(_number(c, "a coordinate of the start") for c in run.start)
    rate, momentum = _number(run.rate, "the rate"), _number(run.momentum, "the momentum")
    if not 1 <= len(start) <= 2:
        raise MathError(f"a start has one or two coordinates (got {len(start)})")
    if not rate > 0:
        raise MathError(f"the rate must be positive (got {rate})")
    if not 0 <= momentum < 1:
        raise MathError(f"the momentum must be at least 0 and less than 1 (got {momentum})")
    if isinstance(run.steps, bool) or not isinstance(run.steps, int) or not (
            1 <= run.steps <= MOST_STEPS):
        raise MathError(f"steps must be a whole number from 1 to {MOST_STEPS} "
                        f"(got {run.steps})")
    return _Spec(start, rate, momentum, run.steps)


def _number(value, what: str) -> sympy.Expr:
    """An exact real number from a sympy number or a Python one (0.1 is 1/10)."""
    number = value if isinstance(value, sympy.Expr) else parse_number(value)
    if not (number.is_number and number.is_real and number.is_finite):
        raise MathError(f"{what} must be a finite real number (got {value})")
    return number


def _function_of(f: sympy.Expr, variables: tuple[sympy.Symbol, ...]) -> sympy.Expr:
    f = sympy.sympify(f, strict=True)
    others = f.free_symbols - set(variables)
    if others:
        names = ", ".join(sorted(str(s) for s in others))
        raise MathError(f"f depends on {names}, but the start has {len(variables)} "
                        f"coordinate{'s' if len(variables) > 1 else ''}")
    return f


def _eigenvalues(hessian: tuple[tuple[sympy.Expr, ...], ...]) -> tuple[sympy.Expr, ...] | None:
    """The eigenvalues of a constant Hessian, exact and in increasing order; else None."""
    matrix = sympy.Matrix(hessian)
    if matrix.free_symbols:
        return None
    values = [v for v, times in matrix.eigenvals().items() for _ in range(times)]
    return tuple(sorted((sympy.simplify(v) for v in values), key=float))


# ---------------------------------------------------------------- the iteration


@dataclass(frozen=True)
class _Walk:
    """The steps of one run and why it stopped (SETTLED, RAN_OUT, LEFT_DOMAIN, BLEW_UP)."""

    steps: tuple[Step, ...]
    stop: str

    @property
    def points(self) -> np.ndarray:
        return np.array([s.point for s in self.steps])


def _walk(problem: _Problem, spec: _Spec) -> _Walk:
    """The run at PRECISION digits."""
    evaluate = problem.compiled("mpmath")
    steps: list[Step] = []
    with mpmath.workdps(PRECISION):
        point = [mpmath.mpf(sympy.N(c, PRECISION)) for c in spec.start]
        rate, momentum = (mpmath.mpf(sympy.N(v, PRECISION)) for v in (spec.rate, spec.momentum))
        velocity = [mpmath.mpf(0)] * len(point)
        for k in range(spec.steps + 1):
            values = _real_values(evaluate, point)
            if values is None:
                return _Walk(tuple(steps), LEFT_DOMAIN)
            steps.append(Step(k, tuple(float(c) for c in point), float(values[0]),
                              tuple(float(g) for g in values[1:])))
            stop = _stop(steps, [float(v) for v in velocity])
            if stop or k == spec.steps:
                return _Walk(tuple(steps), stop or RAN_OUT)
            velocity = [momentum * v - rate * g for v, g in zip(velocity, values[1:])]
            point = [p + v for p, v in zip(point, velocity)]


def _real_values(evaluate, point: list) -> list | None:
    """f and grad f at the point as finite mpmath reals; None where one is not."""
    try:
        values = [mpmath.mpmathify(v) for v in evaluate(*point)]
    except (ZeroDivisionError, ValueError, TypeError, OverflowError):
        return None
    scale = 1 + sum(abs(v) for v in values)
    if not all(mpmath.isfinite(v) and abs(mpmath.im(v)) <= 1e-20 * scale for v in values):
        return None
    values = [mpmath.re(v) for v in values]
    return values if all(abs(v) < 1e300 for v in values + point) else None


def _stop(steps: list[Step], velocity: list[float]) -> str | None:
    """BLEW_UP past the bounds, SETTLED where the run has come to rest, else None."""
    first, last = steps[0], steps[-1]
    if (max(map(abs, last.point)) > BOUND * (1 + max(map(abs, first.point)))
            or abs(last.value) > BOUND**2 * (1 + abs(first.value))
            or last.gradient_norm > BOUND**2 * (1 + first.gradient_norm)):
        return BLEW_UP
    if (last.gradient_norm <= TOLERANCE * (1 + first.gradient_norm)
            and math.hypot(*velocity) <= TOLERANCE * (1 + math.hypot(*last.point))):
        return SETTLED
    return None


def _ending(walk: _Walk) -> str:
    """DIVERGED, SETTLED, OSCILLATING or MAX_STEPS: how the run ended, before its limit
    is looked at."""
    if walk.stop in (LEFT_DOMAIN, BLEW_UP):
        return DIVERGED
    if walk.stop == SETTLED:
        return SETTLED
    moves = np.diff(walk.points[-TAIL - 1:], axis=0)
    if len(moves) < 2:
        return MAX_STEPS
    reverses = np.all(np.sum(moves[1:] * moves[:-1], axis=1) < 0)
    lengths = np.linalg.norm(moves, axis=1)
    return OSCILLATING if reverses and lengths[-1] >= SUSTAINED * lengths[0] else MAX_STEPS


# ---------------------------------------------------------------- the numpy check


def _check(problem: _Problem, spec: _Spec, walk: _Walk) -> None:
    """Repeat the run in numpy float64: the same ending, on the same points."""
    again = _walk_numpy(problem, spec)
    mine, theirs = walk.points, again.points
    common = min(len(mine), len(theirs))
    scale = 1 + np.abs(mine[:common]).max(axis=1)
    same_path = np.all(np.abs(mine[:common] - theirs[:common]).max(axis=1) <= CHECK * scale)
    same_end = _ending(walk) == DIVERGED or (
        np.abs(mine[-1] - theirs[-1]).max() <= CHECK * (1 + np.abs(mine[-1]).max()))
    if _ending(walk) != _ending(again) or not (same_path and same_end):
        raise MathError(f"gradient descent from {_text(spec.start)} with rate {spec.rate}: "
                        f"the run in floating point ends otherwise ({_ending(again)}) than at "
                        f"{PRECISION} digits ({_ending(walk)}), so its outcome depends on "
                        "rounding; try another start or rate")


def _walk_numpy(problem: _Problem, spec: _Spec) -> _Walk:
    """The same run in numpy float64, written apart from ``_walk``."""
    evaluate = problem.compiled("numpy")
    point = np.array([float(c) for c in spec.start])
    velocity = np.zeros_like(point)
    steps: list[Step] = []
    with np.errstate(all="ignore"):
        for k in range(spec.steps + 1):
            values = np.array(evaluate(*point), dtype=float)
            if not (np.all(np.isfinite(values)) and np.all(np.isfinite(point))):
                return _Walk(tuple(steps), LEFT_DOMAIN)
            steps.append(Step(k, tuple(point.tolist()), float(values[0]),
                              tuple(values[1:].tolist())))
            stop = _stop(steps, velocity.tolist())
            if stop or k == spec.steps:
                return _Walk(tuple(steps), stop or RAN_OUT)
            velocity = float(spec.momentum) * velocity - float(spec.rate) * values[1:]
            point = point + velocity


# ---------------------------------------------------------------- where it settled


@dataclass(frozen=True)
class _Critical:
    """A critical point: floats, exact coordinates, f there and its kind (None if not
    known; for f(x) it may be "neither")."""

    floats: tuple[float, ...]
    exact: tuple[sympy.Expr, ...]
    value: sympy.Expr
    kind: Verdict | None


def _critical_points(problem: _Problem, walks: Sequence[_Walk],
                     seconds: float) -> list[_Critical]:
    """The critical points near where the runs settled or swing (none if none does)."""
    seen = [w.points[-1:] if w.stop == SETTLED else w.points[-TAIL:]
            for w in walks if _ending(w) in (SETTLED, OSCILLATING)]
    if not seen:
        return []
    ends = np.vstack(seen)
    window = tuple(padded_window(float(low), float(high))
                   for low, high in zip(ends.min(axis=0), ends.max(axis=0)))
    try:
        if len(problem.variables) == 1:
            return [_Critical((p.xf,), (p.x,), p.value, p.type)
                    for p in extrema(problem.f, window[0], seconds=seconds).points]
        return [_Critical((p.xf, p.yf), (p.x, p.y), p.value, _kind_2d(p.type, p.probe))
                for p in critical_points(problem.f, window, seconds).points]
    except MathError:  # the solver gave up there: the Hessian at each end decides alone
        return []


_KINDS = (Verdict.LOCAL_MIN, Verdict.LOCAL_MAX, Verdict.SADDLE)


def _kind_2d(verdict: Verdict, probe: Verdict | None) -> Verdict | None:
    """The test's verdict, or where it says nothing the probe's; None if neither knows."""
    kind = verdict if verdict in _KINDS else probe
    return kind if kind in _KINDS else None


def _run(problem: _Problem, spec: _Spec, walk: _Walk,
         critical: list[_Critical]) -> DescentRun:
    """The run's outcome, with the critical point where it settled."""
    ending = _ending(walk)
    reached = _settled_at(problem, walk.steps[-1], critical) if ending == SETTLED else None
    if reached is None:
        outcome, fields = ending, (None, None, None, None)
    else:
        stuck = reached.kind in (Verdict.SADDLE, Verdict.LOCAL_MAX, Verdict.NEITHER)
        outcome = STALLED if stuck else CONVERGED
        fields = (reached.floats, reached.exact, reached.value,
                  reached.kind if reached.kind in _KINDS else None)
    if problem.eigenvalues is not None:  # quadratic: one bound, everywhere
        pit, curvature = None, problem.eigenvalues[-1]
    else:
        pit = _pit(walk, ending, reached, critical)
        curvature = None if pit is None else problem.largest_curvature(pit.exact)
    return DescentRun(spec.start, spec.rate, spec.momentum, walk.steps, outcome, walk.stop,
                      *fields, _bound(spec, curvature), None if pit is None else pit.exact,
                      curvature)


def _pit(walk: _Walk, ending: str, reached: _Critical | None,
         critical: list[_Critical]) -> _Critical | None:
    """The local min the run settled at, or the one its last TAIL steps swing round (the
    nearest their centre, no farther from it than they reach); else None."""
    if ending == SETTLED:
        return reached if reached is not None and reached.kind == Verdict.LOCAL_MIN else None
    if ending != OSCILLATING:
        return None
    tail = walk.points[-TAIL:]
    centre = tail.mean(axis=0)
    reach = np.linalg.norm(tail - centre, axis=1).max() + MATCH * (1 + np.linalg.norm(centre))
    pits = [c for c in critical if c.kind == Verdict.LOCAL_MIN
            and math.dist(c.floats, centre) <= reach]
    return min(pits, key=lambda c: math.dist(c.floats, centre)) if pits else None


def _settled_at(problem: _Problem, step: Step, critical: list[_Critical]) -> _Critical:
    """The critical point nearest the run's end, within MATCH; else the end itself,
    its kind from the signs of the Hessian's eigenvalues there."""
    def distance(c: _Critical) -> float:
        return math.dist(c.floats, step.point)

    near = [c for c in critical if distance(c) <= MATCH * (1 + math.hypot(*step.point))]
    if near:
        return min(near, key=distance)
    hessian = np.array(sympy.lambdify(problem.variables, problem.hessian, "numpy")(*step.point),
                       dtype=float)
    return _Critical(step.point, tuple(sympy.Float(c, 15) for c in step.point),
                     sympy.Float(step.value, 15), _hessian_kind(np.linalg.eigvalsh(hessian)))


def _hessian_kind(eigenvalues: np.ndarray) -> Verdict | None:
    """"local min" (all positive), "local max" (all negative), "saddle" (both signs);
    None where one is zero (to rounding) and neither sign is seen elsewhere."""
    tolerance = 1e-8 * (1 + np.abs(eigenvalues).max())
    positive, negative = eigenvalues > tolerance, eigenvalues < -tolerance
    if positive.any() and negative.any():
        return Verdict.SADDLE
    if positive.all():
        return Verdict.LOCAL_MIN
    return Verdict.LOCAL_MAX if negative.all() else None


def _text(point: Sequence) -> str:
    return "(" + ", ".join(str(c) for c in point) + ")"

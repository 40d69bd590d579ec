"""The largest and smallest values of f on a constraint set, by Lagrange multipliers.

>>> from mathcore.symbols import x, y
>>> result = lagrange(x * y, [(x**2 + 2 * y**2, 1)])
>>> str(result.maximum.value), str(result.minimum.value), result.bounded
('sqrt(2)/4', '-sqrt(2)/4', True)
>>> [str(v) for v in result.maximum.points[0]], [str(v) for v in result.candidates[0].multipliers]
(['-sqrt(2)/2', '-1/2'], ['sqrt(2)/4'])
>>> result = lagrange(x + y, [(x * y, 1)])
>>> result.bounded, result.maximum, result.minimum
(False, None, None)

The variables are those the formulas use: x and y, or x, y and z. One or two
constraints, each a pair (lhs, rhs) or an expression meaning expr = 0. ``domain`` holds strict
inequalities (``x > 0``): only the points of the set that satisfy them count.

How the candidates are found:

1. Exactly. A point of the set where grad f, grad g (and grad h) are linearly
   dependent: every minor of the matrix of gradients vanishes. Each minor is
   factored and its factors that never vanish (e^y, x^2 + 1) are dropped, so
   that ``sympy.solve`` meets a polynomial system where it can (it misses
   (-1, 2, -1) of (x + z)e^y on x^2 + y^2 + z^2 = 6 otherwise). This also
   finds the singular points of the set (grad g = 0), whose ``multipliers`` are
   empty. λ (and μ) solve grad f = λ grad g (+ μ grad h) exactly at each point.
   A whole family of solutions (f = xy(x + 2y - 6) is 0 all along x + 2y = 6)
   is a piece of the set along which f is constant: one point of it, with
   simple coordinates, stands for each value f takes there. f constant on the
   whole set raises ``ConstantOnSet``.
2. Numerically, always, as a cross-check: the set is sampled by projecting
   grids of points onto it (Newton's method with minimal steps), and Newton's
   method on the whole system grad f = λ grad g, g = c starts from the samples
   where f is largest or smallest among their neighbours and from a spread of
   others. A root is confirmed at PRECISION digits (mpmath's ``findroot``) and
   made exact where simple coordinates make the constraints and the minors
   exactly zero. A root in the domain that the exact answer lacks is added, and
   ``complete`` is then False.

``bounded`` says whether the constraint set (without the domain) is bounded:
points far out (spheres of radius SHELL_RADII times the set's size) are
projected onto it, and it is unbounded if some land far out.

Whether a maximum exists: the set is compact when it is bounded, there is no
domain and f is defined everywhere (no denominators, roots or logarithms);
there the best candidate is the maximum. Elsewhere the best candidate M is the
maximum only if no sample of the set (in the domain) has f above M: samples
reach far out (up to 10^4 times the set's size) and close to the domain's
edges, so an f that grows along an unbounded end, or whose supremum is only
approached at an edge, has no maximum (``None``). The same for the minimum.
Every maximum and minimum is checked against the samples: a compact set on
which a sample beats the best candidate (after Newton's method from that
sample found nothing new) raises MathError.

``constrained_candidates`` and ``constraint_samples`` are the candidate search
and the sampling alone, inside a given box: ``region`` uses them on the curves
that bound a region.
"""

from __future__ import annotations

import itertools
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

import mpmath
import numpy as np
import scipy.spatial
import sympy

from mathcore.deadline import DEFAULT_SECONDS, time_limit
from mathcore.errors import MathError, SolveTimeout
from mathcore.numbers import (
    SYMPY_GAVE_UP,
    real_number,
    same_number,
    shown,
    simple_number,
    simplified,
)
from mathcore.numeric import numeric_function
from mathcore.roots import singular_bases
from mathcore.symbols import x, y, z

VARIABLES = (x, y, z)
MULTIPLIERS = sympy.symbols("lambda mu", real=True)
GOALS = ("max", "min", "both")

PRECISION = 30                 # digits of nsolve's confirmation of a numeric root
CORE_HALF = 10                 # the first starts: a grid on [-10, 10]^n ...
CORE_GRID = {2: 24, 3: 12}     # ... of this many points per side
GRID = {2: 48, 3: 18}          # points per side of each sampling box
BOX_SIZES = (0.125, 0.5, 2, 8)  # half-sides of the sampling boxes, times the set's size
LOCAL_BOX = 0.05               # a box around each exact candidate, times the set's size
SHELL_RADII = (1e2, 1e3, 1e4)  # far shells, times the set's size
SHELL_POINTS = {2: 720, 3: 2000}
PROJECTION_STEPS = 80
NEWTON_STEPS = 40
ON_SET = 1e-10                 # |g| / |grad g| on the set, relative to 1 + |p|
NEIGHBOURS = 8                 # a sample is a start if f is extreme among this many
SPREAD_STARTS = 200            # and so are this many others, spread over the set
BEATEN = 1e-7                  # a sample beats a value by more than this, relative
SAME_POINT = 1e-6              # numeric roots closer than this (x the set's size) are one
MAX_TRIES = 24                 # numeric roots confirmed at most, per search
POLISHED = 10                  # samples beating every candidate that Newton starts from
MAX_GUESS_OPERATIONS = 8       # a guessed exact coordinate is at most this long
FLAT, RING = 1e-6, 1e-3       # grad f is zero if FLAT times its largest this far off


class ConstantOnSet(MathError):
    """f is constant on the constraint set, so every point is a candidate."""


@dataclass(frozen=True)
class Constraint:
    """An equation lhs = rhs of the constraint set."""

    lhs: sympy.Expr
    rhs: sympy.Expr

    @property
    def zero(self) -> sympy.Expr:
        """lhs - rhs, zero on the set."""
        return self.lhs - self.rhs

    def __str__(self) -> str:
        return f"{self.lhs} = {self.rhs}"


@dataclass(frozen=True)
class Candidate:
    """A point where grad f depends on the constraints' gradients: exact coordinates (or
    Floats), the multipliers (empty at a singular point of the set) and f there."""

    point: tuple[sympy.Expr, ...]
    pointf: tuple[float, ...]
    multipliers: tuple[sympy.Expr, ...]
    value: sympy.Expr
    valuef: float

    def to_json(self) -> dict:
        return {"point": [str(v) for v in self.point], "pointf": list(self.pointf),
                "lambda": [str(v) for v in self.multipliers], "value": str(self.value),
                "valuef": self.valuef}


@dataclass(frozen=True)
class Extremum:
    """The largest (or smallest) value and every point where it is reached."""

    value: sympy.Expr
    valuef: float
    points: tuple[tuple[sympy.Expr, ...], ...]
    pointsf: tuple[tuple[float, ...], ...]

    def to_json(self) -> dict:
        return {"value": str(self.value), "valuef": self.valuef,
                "points": [[str(v) for v in p] for p in self.points],
                "pointsf": [list(p) for p in self.pointsf]}


@dataclass(frozen=True)
class LagrangeAnalysis:
    """The candidates on the set (sorted by their coordinates) and the verdicts.

    ``maximum``/``minimum`` are None where they do not exist. ``goal`` is what the
    lesson asks for (both are computed). ``system`` is grad f = λ grad g (+ μ grad h)
    and the constraints, as equations; ``window`` a box (floats) around the
    candidates in the domain, or the whole set where it is bounded.
    """

    function: sympy.Expr
    constraints: tuple[Constraint, ...]
    variables: tuple[sympy.Symbol, ...]
    multipliers: tuple[sympy.Symbol, ...]
    domain: tuple[sympy.Rel, ...]
    goal: str
    system: tuple[sympy.Eq, ...]
    complete: bool
    bounded: bool
    candidates: tuple[Candidate, ...]
    maximum: Extremum | None
    minimum: Extremum | None
    window: tuple[tuple[float, float], ...]

    def to_json(self) -> dict:
        return {"function": str(self.function),
                "constraints": [str(c) for c in self.constraints],
                "complete": self.complete, "bounded": self.bounded,
                "candidates": [c.to_json() for c in self.candidates],
                "max": None if self.maximum is None else self.maximum.to_json(),
                "min": None if self.minimum is None else self.minimum.to_json()}


def lagrange(function: sympy.Expr, constraints: Sequence, goal: str = "both",
             domain: Sequence[sympy.Rel] = (),
             seconds: float = DEFAULT_SECONDS) -> LagrangeAnalysis:
    """Candidates, maximum and minimum of ``function`` on the constraint set.

    ``constraints``: one or two items, each (lhs, rhs) or an expression (= 0).
    ``domain``: strict inequalities (``x > 0``). ``seconds`` bounds the exact solve
    and each later symbolic step.
    """
    if goal not in GOALS:
        raise MathError(f"goal must be one of {', '.join(GOALS)} (got {goal!r})")
    problem = _problem(function, constraints, _positive_parts(domain), seconds)
    exact = _solve_exactly(problem)
    sampled = _Samples(problem, [c.pointf for c in exact.candidates])
    found = _Found(problem, exact, sampled.scale)
    found.add(_newton_roots(problem, _starts(problem, sampled)))
    for sign in (1, -1):
        found.add(_newton_roots(problem, _beating(found.kept, sampled, sign)))
    candidates = found.kept
    compact = sampled.bounded and not problem.positive and not singular_bases(problem.f)
    return LagrangeAnalysis(
        function=problem.f, constraints=problem.constraints, variables=problem.variables,
        multipliers=problem.multipliers, domain=tuple(domain), goal=goal,
        system=_system(problem), complete=found.complete, bounded=sampled.bounded,
        candidates=tuple(candidates),
        maximum=_extremum(candidates, sampled, 1, compact, seconds),
        minimum=_extremum(candidates, sampled, -1, compact, seconds),
        window=sampled.window(candidates))


def constrained_candidates(function: sympy.Expr, constraints: Sequence,
                           positive: Sequence[sympy.Expr], box: Sequence[tuple[float, float]],
                           seconds: float = DEFAULT_SECONDS) -> tuple[list[Candidate], bool]:
    """The candidates on the set where every ``positive`` expression is > 0, searched
    numerically inside ``box``, and whether the list is complete (for a region's edge).
    Where f is constant on the set, one point of it stands for all."""
    problem = _problem(function, constraints, tuple(positive), seconds)
    try:
        exact = _solve_exactly(problem)
    except ConstantOnSet:
        sampled = _Samples(problem, [], box)
        return _representative(problem, sampled.near[problem.in_domain(sampled.near)]), True
    sampled = _Samples(problem, [c.pointf for c in exact.candidates], box)
    found = _Found(problem, exact, sampled.scale)
    found.add(_newton_roots(problem, _starts(problem, sampled)))
    return found.kept, found.complete


def constraint_samples(constraints: Sequence,
                       box: Sequence[tuple[float, float]]) -> np.ndarray:
    """Points (rows) of the set the constraints define, sampled densely around ``box``."""
    problem = _problem(sympy.Integer(0), constraints, (), DEFAULT_SECONDS)
    return _Samples(problem, [], box).near


# ---------------------------------------------------------------- the problem


@dataclass(frozen=True)
class _Problem:
    """f, the constraints (zero on the set), the domain (each > 0) and their numbers."""

    f: sympy.Expr
    constraints: tuple[Constraint, ...]
    variables: tuple[sympy.Symbol, ...]
    multipliers: tuple[sympy.Symbol, ...]
    positive: tuple[sympy.Expr, ...]
    seconds: float

    @property
    def zeros(self) -> tuple[sympy.Expr, ...]:
        return tuple(c.zero for c in self.constraints)

    @cached_property
    def gradients(self) -> sympy.Matrix:
        """Rows: grad f, then grad g (and grad h)."""
        return sympy.Matrix([[sympy.diff(e, v) for v in self.variables]
                             for e in (self.f, *self.zeros)])

    @cached_property
    def equations(self) -> list[sympy.Expr]:
        """grad f - λ grad g (- μ grad h), then the constraints: all zero at a candidate."""
        rows = self.gradients
        return [rows[0, i] - sum(m * rows[j + 1, i] for j, m in enumerate(self.multipliers))
                for i in range(len(self.variables))] + list(self.zeros)

    @cached_property
    def mpmath_system(self):  # noqa: ANN201 (two mpmath functions)
        """The Lagrange system and its Jacobian as mpmath functions, for ``findroot``."""
        unknowns = (*self.variables, *self.multipliers)
        equations = sympy.Matrix(self.equations)
        modules = [{"DiracDelta": _dirac_delta}, "mpmath"]
        return (sympy.lambdify(unknowns, list(self.equations), modules),
                sympy.lambdify(unknowns, equations.jacobian(unknowns), modules))

    @cached_property
    def numbers(self) -> _Numeric:
        return _Numeric(self)

    def in_domain(self, points: np.ndarray) -> np.ndarray:
        """Whether each point (row) satisfies the domain's inequalities."""
        if not self.positive:
            return np.ones(len(points), dtype=bool)
        return np.all(self.numbers.positive(points) > 0, axis=1)


def _dirac_delta(value, order=0):  # noqa: ANN001, ANN202 (mpmath numbers)
    """DiracDelta for mpmath: 0 away from 0 (the second derivative of |x| there)."""
    if value == 0:
        raise ZeroDivisionError("DiracDelta at 0")
    return mpmath.mpf(0)


def _problem(function: sympy.Expr, constraints: Sequence, positive: tuple[sympy.Expr, ...],
             seconds: float) -> _Problem:
    """Check the input and name the variables and multipliers."""
    if seconds <= 0:
        raise MathError(f"the time limit must be positive (got {seconds})")
    f = sympy.sympify(function, strict=True)
    pairs = tuple(_constraint(c) for c in constraints)
    if not 1 <= len(pairs) <= 2:
        raise MathError(f"give one or two constraints (got {len(pairs)})")
    used = set().union(f.free_symbols, *(c.zero.free_symbols for c in pairs),
                       *(p.free_symbols for p in positive))
    if not used <= set(VARIABLES):
        names = ", ".join(sorted(str(s) for s in used - set(VARIABLES)))
        raise MathError(f"the formulas may use x, y and z only (they also use {names})")
    variables = (x, y, z) if z in used else (x, y)
    if len(pairs) >= len(variables):
        raise MathError(f"{len(pairs)} constraints in {len(variables)} variables leave "
                        "no curve or surface to search")
    return _Problem(f, pairs, variables, MULTIPLIERS[:len(pairs)], positive, seconds)


def _constraint(item) -> Constraint:
    """(lhs, rhs), an Equality or an expression meaning expr = 0."""
    if isinstance(item, sympy.Equality):
        return Constraint(item.lhs, item.rhs)
    if isinstance(item, (tuple, list)) and len(item) == 2:
        return Constraint(*(sympy.sympify(side, strict=True) for side in item))
    if isinstance(item, sympy.Expr):
        return Constraint(item, sympy.Integer(0))
    raise MathError(f"a constraint is (lhs, rhs) or an expression, not {item!r}")


def _positive_parts(domain: Sequence[sympy.Rel]) -> tuple[sympy.Expr, ...]:
    """Each strict inequality a > b or a < b as the expression that must be positive."""
    parts = []
    for condition in domain:
        if isinstance(condition, sympy.StrictGreaterThan):
            parts.append(condition.lhs - condition.rhs)
        elif isinstance(condition, sympy.StrictLessThan):
            parts.append(condition.rhs - condition.lhs)
        else:
            raise MathError(f"the domain takes strict inequalities such as x > 0 "
                            f"(got {condition})")
    return tuple(parts)


def _system(problem: _Problem) -> tuple[sympy.Eq, ...]:
    """grad f = λ grad g (+ μ grad h), one equation per variable, and the constraints."""
    rows = problem.gradients
    lagrange_rows = [sympy.Eq(rows[0, i], sum(m * rows[j + 1, i]
                                              for j, m in enumerate(problem.multipliers)),
                              evaluate=False) for i in range(len(problem.variables))]
    return (*lagrange_rows, *(sympy.Eq(c.lhs, c.rhs, evaluate=False)
                              for c in problem.constraints))


# ---------------------------------------------------------------- exact solving


@dataclass
class _Exact:
    """The exact candidates; whether sympy's answer can be trusted to be all; and the
    families of candidates it found (var -> expression in the free variables), along
    each of which f is constant."""

    candidates: list[Candidate]
    trusted: bool
    families: list[dict]


def _solve_exactly(problem: _Problem) -> _Exact:
    """The exact candidates, and the families of them.

    A variable the domain keeps positive (x > 0) or negative is solved for as a
    positive (negative) symbol: x^0.4 is then x^(2/5), not a Piecewise of |x|.
    """
    signed = _signed_variables(problem)
    back = {s: v for v, s in signed.items()}
    unknowns = [signed.get(v, v) for v in problem.variables]
    try:
        with time_limit(problem.seconds, "solve the Lagrange system"):
            rows = problem.gradients.subs(signed)
            equations = [*_dependence(problem, rows), *(g.subs(signed) for g in problem.zeros)]
            solutions = sympy.solve(equations, unknowns, dict=True)
    except (SolveTimeout, *SYMPY_GAVE_UP):
        return _Exact([], False, [])
    points, families = [], []
    for solution in solutions:
        values = [solution.get(u) for u in unknowns]
        if any(v is None or v.free_symbols for v in values):
            families.append({back.get(u, u): e.subs(back) for u, e in solution.items()})
        elif all(real_number(v) is not None for v in values):
            points.append(tuple(shown(v.subs(back)) for v in values))
    candidates = [_candidate(problem, p) for p in dict.fromkeys(points)]
    return _Exact([c for c in candidates if c is not None], True, families)


def _signed_variables(problem: _Problem) -> dict[sympy.Symbol, sympy.Symbol]:
    """A positive (or negative) symbol for each variable the domain keeps so."""
    signed = {}
    for part in problem.positive:
        for v in problem.variables:
            if part == v or part == -v:
                signed[v] = sympy.Symbol(v.name, positive=(part == v), negative=(part != v))
    return signed


def _dependence(problem: _Problem, rows: sympy.Matrix) -> list[sympy.Expr]:
    """The minors of the gradients' matrix ``rows``, each without its factors that never
    vanish; zero at a point where grad f depends on the constraints' gradients."""
    kept = [p for p in map(_vanishing_part, _minors(rows)) if p != 0]
    if not kept:
        raise ConstantOnSet(f"{problem.f} is constant on the constraint set: every point "
                            "is both its largest and smallest value")
    return kept


def _minors(rows: sympy.Matrix) -> list[sympy.Expr]:
    """The largest square minors of ``rows``."""
    return [rows[:, list(columns)].det()
            for columns in itertools.combinations(range(rows.cols), rows.rows)]


def _vanishing_part(expr: sympy.Expr) -> sympy.Expr:
    """The product of the factors of ``expr`` that may vanish (0 if ``expr`` is 0)."""
    expr = sympy.factor(expr)
    if expr == 0:
        return sympy.Integer(0)
    kept = []
    for factor in sympy.Mul.make_args(expr):
        while factor.is_Pow and factor.exp.is_positive:
            factor = factor.base
        if factor.free_symbols and not (factor.is_Pow and factor.exp.is_negative) and not (
                factor.is_positive or factor.is_negative or isinstance(factor, sympy.exp)):
            kept.append(factor)
    return sympy.Mul(*kept)


def _candidate(problem: _Problem, point: tuple[sympy.Expr, ...],
               multipliers: tuple[sympy.Expr, ...] | None = None) -> Candidate | None:
    """The candidate at an exact (or Float) point, None if it fails the numeric check."""
    at = dict(zip(problem.variables, point))
    pointf = tuple(real_number(v) for v in point)
    value = shown(simplified(problem.f.subs(at), problem.seconds))
    valuef = real_number(value)
    if valuef is None or not problem.numbers.are_candidates(np.array([pointf]))[0]:
        return None
    if multipliers is None:
        multipliers = _exact_multipliers(problem, at, np.array(pointf))
    return Candidate(point, pointf, multipliers, value, valuef)


def _exact_multipliers(problem: _Problem, at: dict,
                       pointf: np.ndarray) -> tuple[sympy.Expr, ...]:
    """λ (and μ) solving grad f = λ grad g (+ μ grad h) at the point; () where the
    constraints' gradients are dependent there."""
    jacobian = problem.numbers.jacobian(pointf[None])[0]
    singular = np.linalg.svd(jacobian, compute_uv=False)
    if not np.all(np.isfinite(singular)) or singular.min() <= 1e-10 * max(singular.max(), 1):
        return ()
    rows = problem.gradients.subs(at)
    g, gradient = rows[1:, :], rows[0, :].T
    solution = (g * g.T).LUsolve(g * gradient)
    return tuple(shown(simplified(v, problem.seconds)) for v in solution)


# ---------------------------------------------------------------- numbers


class _Numeric:
    """f, the constraints, the domain and their derivatives, evaluated on rows of points."""

    def __init__(self, problem: _Problem):
        variables, rows = problem.variables, problem.gradients
        self.problem = problem
        self.f = _vectorised([problem.f], variables)
        self.gradient = _vectorised(list(rows[0, :]), variables)
        self.g = _vectorised(list(problem.zeros), variables)
        self.g_gradients = _vectorised(list(rows[1:, :]), variables)
        hessians = [sympy.hessian(e, variables) for e in (problem.f, *problem.zeros)]
        self.hessians = _vectorised([h for m in hessians for h in m], variables)
        self.positive = _vectorised(list(problem.positive), variables)

    def values(self, points: np.ndarray) -> np.ndarray:
        return self.f(points)[:, 0]

    def jacobian(self, points: np.ndarray) -> np.ndarray:
        """The constraints' gradients: shape (m, k, n)."""
        shape = (len(points), len(self.problem.constraints), len(self.problem.variables))
        return self.g_gradients(points).reshape(shape)

    def on_set(self, points: np.ndarray) -> np.ndarray:
        """Whether each point lies on the set: |g| small against |grad g| there."""
        g, sizes = np.abs(self.g(points)), np.linalg.norm(self.jacobian(points), axis=2)
        room = ON_SET * sizes * (1 + np.linalg.norm(points, axis=1))[:, None]
        with np.errstate(invalid="ignore"):
            return np.all(np.isfinite(points), axis=1) & np.all(g <= room, axis=1)

    def residual(self, unknowns: np.ndarray) -> np.ndarray:
        """grad f - λ grad g (- μ grad h) and g (h) at rows (point, multipliers)."""
        n = len(self.problem.variables)
        points, multipliers = unknowns[:, :n], unknowns[:, n:]
        top = self.gradient(points) - np.einsum("mk,mkn->mn", multipliers,
                                                self.jacobian(points))
        return np.concatenate([top, self.g(points)], axis=1)

    def system_jacobian(self, unknowns: np.ndarray) -> np.ndarray:
        """The residual's Jacobian: [[H_f - λ H_g, -grad g^T], [grad g, 0]]."""
        n, m = len(self.problem.variables), len(unknowns)
        points, multipliers = unknowns[:, :n], unknowns[:, n:]
        k = multipliers.shape[1]
        hessians = self.hessians(points).reshape(m, k + 1, n, n)
        top_left = hessians[:, 0] - np.einsum("mk,mkij->mij", multipliers, hessians[:, 1:])
        jacobian = self.jacobian(points)
        top = np.concatenate([top_left, -np.transpose(jacobian, (0, 2, 1))], axis=2)
        bottom = np.concatenate([jacobian, np.zeros((m, k, k))], axis=2)
        return np.concatenate([top, bottom], axis=1)

    def are_candidates(self, points: np.ndarray) -> np.ndarray:
        """Whether each point is on the set with grad f in the span of the constraints'
        gradients (numerically): parallel directions, or grad f zero against its size
        close by (not merely tiny, as e^(-x^2 - y^2) far out)."""
        gradient, jacobian = self.gradient(points), self.jacobian(points)
        with np.errstate(all="ignore"):
            rows = jacobian / np.linalg.norm(jacobian, axis=2, keepdims=True)
            direction = gradient / np.linalg.norm(gradient, axis=1, keepdims=True)
        stack = np.concatenate([direction[:, None], np.nan_to_num(rows, nan=0.0)], axis=1)
        finite = np.all(np.isfinite(stack), axis=(1, 2))
        dependent = self._flat(points, gradient)
        if finite.any():
            singular = np.linalg.svd(stack[finite], compute_uv=False)
            dependent[finite] |= singular[:, -1] <= 1e-8
        return self.on_set(points) & dependent

    def _flat(self, points: np.ndarray, gradient: np.ndarray) -> np.ndarray:
        """|grad f| at most FLAT times its largest at points a little way off."""
        size = np.linalg.norm(gradient, axis=1)
        offset = RING * (1 + np.abs(points).max(axis=1))
        around = np.zeros(len(points))
        for axis, sign in itertools.product(range(points.shape[1]), (-1, 1)):
            moved = points.copy()
            moved[:, axis] += sign * offset
            around = np.fmax(around, np.linalg.norm(self.gradient(moved), axis=1))
        with np.errstate(invalid="ignore"):
            return (around > 0) & (size <= FLAT * around)


def _vectorised(exprs: list[sympy.Expr], variables: tuple[sympy.Symbol, ...]):
    """The expressions as one function of rows of points: shape (m, len(exprs))."""
    functions = [numeric_function(e, variables) for e in exprs]

    def evaluate(points: np.ndarray) -> np.ndarray:
        columns = [points[:, i] for i in range(points.shape[1])]
        if not functions:
            return np.zeros((len(points), 0))
        return np.stack([np.broadcast_to(fn(*columns), len(points)) for fn in functions],
                        axis=1)

    return evaluate


def _solved(matrices: np.ndarray, rhs: np.ndarray) -> np.ndarray:
    """The solution of each small square system (rows), nudged off exact singularity;
    where one is singular even so, the least-squares solution of all (the pseudo-inverse);
    nan where it is not finite."""
    good = np.all(np.isfinite(matrices), axis=(1, 2)) & np.all(np.isfinite(rhs), axis=1)
    solution = np.full(rhs.shape, np.nan)
    if good.any():
        a = matrices[good]
        size = np.abs(a).max(axis=(1, 2))[:, None, None]
        nudged = a + 1e-14 * np.maximum(size, 1e-300) * np.eye(a.shape[1])
        try:
            solution[good] = np.linalg.solve(nudged, rhs[good][..., None])[..., 0]
        except np.linalg.LinAlgError:
            solution[good] = np.einsum("mij,mj->mi", np.linalg.pinv(nudged), rhs[good])
    return solution


def _minimal_steps(jacobian: np.ndarray, values: np.ndarray) -> np.ndarray:
    """The shortest step d with J d = g, for each row: J^T (J J^T)^-1 g."""
    normal = np.einsum("mkn,mjn->mkj", jacobian, jacobian)
    return np.einsum("mkn,mk->mn", jacobian, _solved(normal, values))


# ---------------------------------------------------------------- sampling the set


def _project(problem: _Problem, starts: np.ndarray) -> np.ndarray:
    """The starts moved onto the set by Newton's method with minimal steps; those that
    do not arrive are dropped."""
    numbers, points = problem.numbers, starts.astype(float)
    moving = np.arange(len(points))
    with np.errstate(all="ignore"):
        for _ in range(PROJECTION_STEPS):
            at = points[moving]
            step = _minimal_steps(numbers.jacobian(at), numbers.g(at))
            points[moving] = at - step
            size = np.abs(step).max(axis=1)
            moving = moving[np.isfinite(size) & (size > 1e-14 * (1 + np.abs(at).max(axis=1)))]
            if not len(moving):
                break
    points = points[np.all(np.isfinite(points), axis=1)]
    return points[numbers.on_set(points)]


def _grid(centre: np.ndarray, half: float, count: int) -> np.ndarray:
    """A count^n grid of points on the cube of half-side ``half`` around ``centre``."""
    axes = [np.linspace(c - half, c + half, count) for c in centre]
    return np.stack([a.ravel() for a in np.meshgrid(*axes)], axis=1)


def _sphere(centre: np.ndarray, radius: float, count: int) -> np.ndarray:
    """``count`` points spread over the circle or sphere of ``radius`` around ``centre``."""
    if len(centre) == 2:
        angles = np.linspace(0, 2 * np.pi, count, endpoint=False) + 1e-3
        return centre + radius * np.column_stack([np.cos(angles), np.sin(angles)])
    k = np.arange(count) + 0.5
    heights, turns = 1 - 2 * k / count, np.pi * (1 + 5**0.5) * k
    ring = np.sqrt(1 - heights**2)
    return centre + radius * np.column_stack([ring * np.cos(turns), ring * np.sin(turns),
                                              heights])


def _thinned(points: np.ndarray, resolution: float) -> np.ndarray:
    """The points, one per cell of side ``resolution``."""
    _, first = np.unique(np.round(points / resolution), axis=0, return_index=True)
    return points[np.sort(first)]


class _Samples:
    """Points of the constraint set: near ones (boxes around its middle and the exact
    candidates) and far ones (projected from far shells), with f there."""

    def __init__(self, problem: _Problem, centres: list[tuple[float, ...]],
                 box: Sequence[tuple[float, float]] | None = None):
        self.problem = problem
        n = len(problem.variables)
        if box is None:
            core = _project(problem, _grid(np.zeros(n), CORE_HALF, CORE_GRID[n]))
            if not len(core):
                raise MathError("no real point satisfies the constraints")
            self.centre = np.median(core, axis=0)
            self.scale = max(1.0, float(np.median(np.linalg.norm(core - self.centre, axis=1))))
            boxes = [(self.centre, self.scale * size) for size in BOX_SIZES]
        else:
            lows, highs = np.array(box, dtype=float).T
            self.centre, self.scale = (lows + highs) / 2, float(np.max(highs - lows)) / 2
            boxes = [(self.centre, self.scale * size) for size in (0.5, 1.0)]
        boxes += [(np.array(c), self.scale * LOCAL_BOX) for c in centres]
        near = np.concatenate([_project(problem, _grid(c, h, GRID[n])) for c, h in boxes])
        self.near = _thinned(near, self.scale * 1e-4)
        self.far = self._far() if box is None else np.zeros((0, n))
        self.bounded = box is not None or not len(self.far)

    def _far(self) -> np.ndarray:
        """Points of the set that far shells land on, far out."""
        n = len(self.problem.variables)
        found = []
        for radius in SHELL_RADII:
            landed = _project(self.problem, _sphere(self.centre, radius * self.scale,
                                                    SHELL_POINTS[n]))
            found.append(landed[np.linalg.norm(landed - self.centre, axis=1)
                                > radius * self.scale / 4])
        return np.concatenate(found)

    @cached_property
    def tested(self) -> tuple[np.ndarray, np.ndarray]:
        """The samples in the domain where f is defined, and f there."""
        points = np.concatenate([self.near, self.far])
        points = points[self.problem.in_domain(points)]
        values = self.problem.numbers.values(points)
        finite = np.isfinite(values)
        return points[finite], values[finite]

    @cached_property
    def spread(self) -> float:
        """The range of f over the near samples in the domain: the size of its values."""
        near = self.near[self.problem.in_domain(self.near)]
        values = self.problem.numbers.values(near)
        values = values[np.isfinite(values)]
        return float(np.ptp(values)) if values.size else 0.0

    def window(self, candidates: list[Candidate]) -> tuple[tuple[float, float], ...]:
        """A box around the whole set where it is bounded, else around the candidates."""
        points = self.near if self.bounded else np.array([c.pointf for c in candidates])
        if not len(points):
            points = self.centre[None]
        low, high = points.min(axis=0), points.max(axis=0)
        room = np.maximum(0.1 * (high - low), 0.1 * self.scale)
        return tuple((float(a), float(b)) for a, b in zip(low - room, high + room))


# ---------------------------------------------------------------- numeric roots


def _starts(problem: _Problem, sampled: _Samples) -> np.ndarray:
    """Near samples where f is largest or smallest among their neighbours, and a spread
    of others."""
    points = sampled.near
    values = problem.numbers.values(points)
    points, values = points[np.isfinite(values)], values[np.isfinite(values)]
    if len(points) <= NEIGHBOURS:
        return points
    _, near = scipy.spatial.cKDTree(points).query(points, NEIGHBOURS + 1)
    around = values[near[:, 1:]]
    extreme = (values >= around.max(axis=1)) | (values <= around.min(axis=1))
    spread = np.random.default_rng(0).choice(len(points), min(SPREAD_STARTS, len(points)),
                                             replace=False)
    return np.concatenate([points[extreme], points[spread]])


def _newton_roots(problem: _Problem, starts: np.ndarray) -> list[np.ndarray]:
    """Distinct roots (point, multipliers) of the Lagrange system reached from the starts."""
    if not len(starts):
        return []
    numbers = problem.numbers
    jacobian = numbers.jacobian(starts)
    normal = np.einsum("mkn,mjn->mkj", jacobian, jacobian)
    first = _solved(normal, np.einsum("mkn,mn->mk", jacobian, numbers.gradient(starts)))
    unknowns = np.concatenate([starts, first], axis=1)
    with np.errstate(all="ignore"):
        for _ in range(NEWTON_STEPS):
            step = _solved(numbers.system_jacobian(unknowns), numbers.residual(unknowns))
            unknowns = unknowns - step
            unknowns = unknowns[np.all(np.isfinite(unknowns), axis=1)]
    n = len(problem.variables)
    residual = np.abs(numbers.residual(unknowns)[:, :n]).max(axis=1)
    size = 1 + np.abs(numbers.gradient(unknowns[:, :n])).max(axis=1)
    settled = residual <= 1e-9 * size
    roots = unknowns[settled & numbers.are_candidates(unknowns[:, :n])]
    resolution = SAME_POINT * (1 + float(np.max(np.abs(starts))))
    _, first = np.unique(np.round(roots[:, :n] / resolution), axis=0, return_index=True)
    return list(roots[np.sort(first)])


def _beating(candidates: list[Candidate], sampled: _Samples, sign: int) -> np.ndarray:
    """The few samples where sign * f beats every candidate: starts for a missed one."""
    points, values = sampled.tested
    if not len(points):
        return points
    best = max((sign * c.valuef for c in candidates), default=-np.inf)
    beating = np.flatnonzero(sign * values > best + _tolerance(best, sampled))
    order = beating[np.argsort(-sign * values[beating])]
    return points[order[:POLISHED]]


def _tolerance(value: float, sampled: _Samples) -> float:
    return BEATEN * max(1.0, abs(value) if np.isfinite(value) else 0.0, sampled.spread)


class _Found:
    """The candidates so far: exact ones first, then confirmed numeric roots; one per
    family of candidates and value of f on it."""

    def __init__(self, problem: _Problem, exact: _Exact, scale: float):
        self.problem, self.all, self.complete = problem, list(exact.candidates), exact.trusted
        self.families = exact.families
        self.residuals = [_family_residual(problem, f) for f in exact.families]
        self.represented: set[tuple[int, float]] = set()
        self.resolution = SAME_POINT * scale

    @property
    def kept(self) -> list[Candidate]:
        """The candidates in the domain, sorted by their coordinates."""
        inside = [c for c in self.all if self.problem.in_domain(np.array([c.pointf]))[0]]
        return sorted(inside, key=lambda c: c.pointf)

    def add(self, roots: list[np.ndarray]) -> None:
        """Add the roots in the domain that no candidate has yet: one per family and value
        of f on it, and the others (the list was then not complete) with the most
        extreme values of f first, at most MAX_TRIES of them."""
        n = len(self.problem.variables)
        inside = [r for r in roots if self.problem.in_domain(r[None, :n])[0]]
        new = [r for r in inside if not self._known(r[:n])]
        for root in new:
            family = self._family(root[:n])
            if family is not None and family not in self.represented:
                self.represented.add(family)
                self._append(_family_point(self.problem, self.families[family[0]], root))
        lone = [r for r in new if self._family(r[:n]) is None]
        self.complete &= len(lone) <= MAX_TRIES
        for root in _extremes_first(self.problem, lone)[:MAX_TRIES]:
            if not self._known(root[:n]) and self._append(_confirmed(self.problem, root)):
                self.complete = False

    def _append(self, candidate: Candidate | None) -> bool:
        if candidate is not None:
            self.all.append(candidate)
        return candidate is not None

    def _known(self, point: np.ndarray) -> bool:
        return any(np.linalg.norm(point - np.array(c.pointf)) <= self.resolution
                   for c in self.all)

    def _family(self, point: np.ndarray) -> tuple[int, float] | None:
        """(which family, f rounded) for a point of a family, else None."""
        for i, residual in enumerate(self.residuals):
            if residual(point) <= 1e-7 * (1 + np.abs(point).max()):
                value = self.problem.numbers.values(point[None])[0]
                return i, round(value / (1e-7 * (1 + abs(value))))
        return None


def _family_residual(problem: _Problem, family: dict):  # noqa: ANN202 (a function)
    """How far a point is from the family: the largest |var - expression| there."""
    parts = [numeric_function(v - e, problem.variables) for v, e in family.items()]

    def residual(point: np.ndarray) -> float:
        values = [abs(p(*map(float, point))) for p in parts]
        return max(values) if all(np.isfinite(values)) else np.inf

    return residual


def _family_point(problem: _Problem, family: dict, root: np.ndarray) -> Candidate | None:
    """A point of the family near ``root`` with simple exact free coordinates (a
    multiple of 1/1, 1/2, ... 1/64), standing for the whole family."""
    free = [v for v in problem.variables if v not in family]
    near = dict(zip(problem.variables, root))
    for denominator in (1, 2, 4, 8, 16, 32, 64):
        chosen = {v: sympy.Rational(round(near[v] * denominator), denominator) for v in free}
        point = tuple(chosen[v] if v in chosen else shown(simplified(
            family[v].subs(chosen), problem.seconds)) for v in problem.variables)
        pointf = [real_number(c) for c in point]
        if None not in pointf and problem.in_domain(np.array([pointf]))[0]:
            candidate = _candidate(problem, point)
            if candidate is not None:
                return candidate
    return None


def _representative(problem: _Problem, samples: np.ndarray) -> list[Candidate]:
    """One point of the set among ``samples``, exact where the first constraint can be
    solved for a variable there."""
    if not len(samples):
        return []
    sample = samples[np.argmin(np.linalg.norm(samples - samples.mean(axis=0), axis=1))]
    for var in reversed(problem.variables):
        try:
            with time_limit(problem.seconds, "solve the constraint"):
                branches = sympy.solve(problem.zeros[0], var)
        except (SolveTimeout, *SYMPY_GAVE_UP):
            continue
        for branch in branches:
            family = {var: branch}
            if _family_residual(problem, family)(sample) <= 1e-7 * (1 + np.abs(sample).max()):
                point = _family_point(problem, family, sample)
                if point is not None:
                    return [point]
    floats = _candidate(problem, tuple(sympy.Float(v, 15) for v in sample), ())
    return [] if floats is None else [floats]


def _extremes_first(problem: _Problem, roots: list[np.ndarray]) -> list[np.ndarray]:
    """The roots ordered largest f, smallest f, second largest, second smallest ..."""
    if not roots:
        return []
    n = len(problem.variables)
    values = problem.numbers.values(np.array(roots)[:, :n])
    order = np.argsort(values)
    mixed = np.ravel(np.column_stack([order[::-1], order]))[:len(order)]
    return [roots[i] for i in dict.fromkeys(mixed.tolist())]


def _confirmed(problem: _Problem, root: np.ndarray) -> Candidate | None:
    """The root refined at PRECISION digits (mpmath's ``findroot``, as ``nsolve``) and
    made exact where a simple guess solves the system exactly; None if it does not
    converge there.

    No time limit around ``findroot``: see ``critical._refined``.
    """
    system, jacobian = problem.mpmath_system
    try:
        with mpmath.workdps(PRECISION):
            solution = mpmath.findroot(system, [mpmath.mpf(float(v)) for v in root],
                                       J=jacobian)
            refined = [sympy.Float(v, PRECISION) for v in solution]
    except SYMPY_GAVE_UP:
        return None
    n = len(problem.variables)
    moved = np.linalg.norm(np.array([float(v) for v in refined[:n]]) - root[:n])
    if moved > SAME_POINT * (1 + np.linalg.norm(root[:n])):
        return None
    exact = _guessed(problem, refined[:n])
    if exact is not None:
        return _candidate(problem, exact)
    floats = [sympy.Float(v, 15) for v in refined]
    return _candidate(problem, tuple(floats[:n]), tuple(floats[n:]))


def _guessed(problem: _Problem, values: list[sympy.Float]) -> tuple[sympy.Expr, ...] | None:
    """Simple exact coordinates close to ``values`` of a point where the constraints and
    the minors of the gradients vanish exactly, or None."""
    guesses = tuple(simple_number(float(v), 1e-12) for v in values)
    if None in guesses or any(sympy.count_ops(g) > MAX_GUESS_OPERATIONS for g in guesses):
        return None
    at = dict(zip(problem.variables, guesses))
    conditions = [*problem.zeros, *_minors(problem.gradients.subs(at))]
    if all(simplified(c.subs(at), problem.seconds) == 0 for c in conditions):
        return guesses
    return None


# ---------------------------------------------------------------- verdicts


def _extremum(candidates: list[Candidate], sampled: _Samples, sign: int, compact: bool,
              seconds: float) -> Extremum | None:
    """The largest (sign 1) or smallest (-1) candidate value if no sample beats it."""
    what = "largest" if sign > 0 else "smallest"
    if not candidates:
        if compact:
            raise MathError(f"no candidate found for the {what} value on the bounded set")
        return None
    best = max(candidates, key=lambda c: sign * c.valuef)
    if len(_beating(candidates, sampled, sign)):
        if compact:
            raise MathError(f"a point of the set has f beyond the {what} candidate value "
                            f"{best.valuef:.6g}: the candidates are incomplete")
        return None
    level = [c for c in candidates if _same_value(c, best, seconds)]
    return Extremum(best.value, best.valuef, tuple(c.point for c in level),
                    tuple(c.pointf for c in level))


def _same_value(a: Candidate, b: Candidate, seconds: float) -> bool:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return same_number(a.value, b.value, seconds)

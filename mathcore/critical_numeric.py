"""Stationary points of f(x, y) in the box, found numerically: the cross-check of the
exact solve, always made.

``scipy.optimize.root`` from a grid of starts (least squares on the gradient where
it fails), polished by Newton's method (a point that only looks flat, beside a
degenerate root, slides to that root), kept where |grad f| vanishes in the box and
one more Newton step stays put (SETTLED), one per NUMERIC_RESOLUTION, refined with
``nsolve`` and, where ``nsimplify`` guesses a value that makes the gradient exactly
zero, made exact. This finds stationary points only.
"""

from __future__ import annotations

import warnings

import numpy as np
import scipy.optimize
import sympy

from mathcore.critical_problem import PRECISION, Box, Candidate, Problem, is_zero
from mathcore.numbers import SYMPY_GAVE_UP
from mathcore.numeric import numeric_function
from mathcore.roots import distinct_points
from mathcore.symbols import x, y

START_GRID = 12                   # the numeric search starts from a 12 x 12 grid
MAX_EVALUATIONS = 100             # per start of the numeric search
POLISH_STEPS = 100                # Newton steps at most, polishing a numeric root
NUMERIC_RESOLUTION = 1e-3         # numeric roots closer than this (x domain size) are one
SETTLED = 1e-6                    # one more Newton step moves a numeric root less than
                                  # this (x domain size)


class _GradientSystem:
    """grad f = 0 as a numeric system, with the Hessian as its Jacobian."""

    def __init__(self, problem: Problem):
        self.problem = problem
        self.hessian = [[numeric_function(e, (x, y)) for e in row]
                        for row in ((problem.fxx, problem.fxy), (problem.fxy, problem.fyy))]

    def residual(self, v) -> np.ndarray:
        return np.array([g(v[0], v[1]) for g in self.problem.gradient_numeric])

    def jacobian(self, v) -> np.ndarray:
        return np.array([[e(v[0], v[1]) for e in row] for row in self.hessian])

    def size_at(self, v) -> float:
        """|grad f| at v (inf where undefined)."""
        residual = self.residual(v)
        return float(np.hypot(*residual)) if np.all(np.isfinite(residual)) else np.inf

    def is_root(self, v) -> bool:
        return (bool(np.all(np.isfinite(v))) and self.problem.box.contains(*v)
                and self.problem.flat(self.size_at(v), *v))

    def settled(self, v) -> bool:
        """Whether one more Newton step leaves v where it is: so at a root, but not where
        |grad f| is only small, as along the valley x = e^(y/2) of 3x e^y - x^3 - e^(3y)
        far down (|grad f| ~ 1e-12 at y = -18, a millionth of its size a little way off,
        and the step is 2/3 in y)."""
        if self.size_at(v) == 0:
            return True
        step = self._newton_steps(np.array([v], dtype=float))[0]
        return bool(np.all(np.isfinite(step))
                    and np.hypot(*step) <= SETTLED * self.problem.box.size)

    def root_from(self, start: np.ndarray) -> tuple[float, float] | None:
        """A root in the box reached from ``start``, or None."""
        if not np.isfinite(self.size_at(start)):
            return None
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            solution = scipy.optimize.root(self.residual, start, jac=self.jacobian,
                                           method="hybr", options={"maxfev": MAX_EVALUATIONS})
            if self.is_root(solution.x):
                return tuple(solution.x)
            if solution.success:
                return None  # a root outside the box
            return self._least_squares_from(start)

    def polished(self, points: np.ndarray) -> np.ndarray:
        """Newton's method on all the points at once, POLISH_STEPS steps: each point
        becomes its iterate in the box with the smallest |grad f|.

        A root hybr stopped near is pinned down, and a point that only looks flat
        (|grad f| small but not zero, beside a degenerate root) slides to the root.
        """
        best, best_size = points.copy(), self._sizes(points)
        current = points.copy()
        for _ in range(POLISH_STEPS):
            current = current - self._newton_steps(current)
            sizes = self._sizes(current)
            better = sizes < best_size
            best[better], best_size[better] = current[better], sizes[better]
        return best

    def _newton_steps(self, points: np.ndarray) -> np.ndarray:
        """H^-1 grad f at each point (nan where the Hessian is singular)."""
        (a, b), (_, c) = ([np.broadcast_to(e(points[:, 0], points[:, 1]), len(points))
                           for e in row] for row in self.hessian)
        g, h = self._gradients(points)
        with np.errstate(all="ignore"):
            det = a * c - b * b
            return np.column_stack(((c * g - b * h) / det, (a * h - b * g) / det))

    def _gradients(self, points: np.ndarray) -> list[np.ndarray]:
        return [np.broadcast_to(d(points[:, 0], points[:, 1]), len(points))
                for d in self.problem.gradient_numeric]

    def _sizes(self, points: np.ndarray) -> np.ndarray:
        """|grad f| at each point; inf outside the box or where it is undefined."""
        sizes = np.hypot(*self._gradients(points))
        inside = np.array([self.problem.box.contains(*p) for p in points], dtype=bool)
        return np.where(inside & np.isfinite(sizes), sizes, np.inf)

    def _least_squares_from(self, start: np.ndarray) -> tuple[float, float] | None:
        """Minimise |grad f|^2 inside the box: finds degenerate roots hybr misses."""
        box = self.problem.box
        bounds = tuple(zip(box.floats(x), box.floats(y), strict=True))
        try:
            fitted = scipy.optimize.least_squares(self.residual, start, jac=self.jacobian,
                                                  bounds=bounds, max_nfev=MAX_EVALUATIONS)
        except (ValueError, np.linalg.LinAlgError):
            return None
        return tuple(fitted.x) if self.is_root(fitted.x) else None


def solve_numerically(problem: Problem, exact_guess: bool = True) -> list[Candidate]:
    """Stationary points from a grid of starts, refined, and made exact where possible
    if ``exact_guess``."""
    system = _GradientSystem(problem)
    roots = [r for r in map(system.root_from, _starts(problem.box)) if r is not None]
    if not roots:
        return []
    polished = [tuple(r) for r in system.polished(np.array(roots))
                if system.is_root(r) and system.settled(r)]
    distinct = distinct_points(sorted(polished, key=system.size_at),
                         problem.box.size * NUMERIC_RESOLUTION)
    return [_candidate_from_root(root, problem, exact_guess) for root in distinct]


def _starts(box: Box) -> list[np.ndarray]:
    """Cell centres of a START_GRID x START_GRID grid over the box."""
    def centres(var):
        low, high = box.floats(var)
        step = (high - low) / START_GRID
        return low + step * (np.arange(START_GRID) + 0.5)
    return [np.array([a, b]) for a in centres(x) for b in centres(y)]


def _candidate_from_root(root: tuple[float, float], problem: Problem,
                         exact: bool = True) -> Candidate:
    """The root refined: an exact point if ``exact`` and a guess verifies exactly, else
    floats (``precise`` if ``nsolve`` confirmed them)."""
    refined = _refined(root, problem)
    values = refined or tuple(sympy.Float(v) for v in root)
    guess = tuple(_guess_exact(v, problem.box.size) for v in values) if exact else (None,)
    if None not in guess and all(is_zero(d.subs({x: guess[0], y: guess[1]}), problem.seconds)
                                 for d in problem.gradient):
        return Candidate(*guess, from_gradient=True)
    return Candidate(*(_rounded(v, problem.box.size) for v in values), from_gradient=True,
                      precise=refined is not None)


def _rounded(value: sympy.Expr, size: float) -> sympy.Float:
    """A float coordinate, with rounding noise around zero cleared."""
    number = float(value)
    return sympy.Float(0.0 if abs(number) <= 1e-12 * size else number)


def _refined(root: tuple[float, float], problem: Problem) -> tuple[sympy.Expr, sympy.Expr] | None:
    """The root to PRECISION digits with ``nsolve`` (mpmath: no underflow), or None if
    Newton's method does not converge there.

    No time limit here: Newton's method stops after a few steps anyway, and an
    alarm inside ``nsolve`` could interrupt sympy's one-time set-up of its
    mpmath namespace, leaving it broken for the rest of the process.
    """
    try:
        solution = sympy.nsolve(problem.gradient, (x, y), root, prec=PRECISION)
    except SYMPY_GAVE_UP:
        return None
    refined = (solution[0], solution[1])
    moved = np.hypot(*(float(a) - b for a, b in zip(refined, root, strict=True)))
    return None if moved > 1e-3 * problem.box.size else refined


def _guess_exact(value: sympy.Float, size: float) -> sympy.Expr | None:
    """A simple exact number close to ``value`` (for the caller to verify), or None."""
    if abs(float(value)) <= 1e-12 * size:
        return sympy.Integer(0)
    guess = sympy.nsimplify(value, [sympy.pi])
    simple = all(abs(r.p) <= 10**6 and r.q <= 10**4 for r in guess.atoms(sympy.Rational))
    return guess if simple else None

"""Critical points of f(x, y) on a closed rectangle, classified by the second-derivative test.

>>> from mathcore.symbols import x, y
>>> result = critical_points(x**3 + y**3 - 3*x**2 + 3*y**2, ((-3, 3), (-3, 3)))
>>> [(str(p.x), str(p.y), str(p.type)) for p in result.points]
[('0', '-2', 'local max'), ('0', '0', 'saddle'), ('2', '-2', 'saddle'), ('2', '0', 'local min')]
>>> result.complete
True

What counts as critical: a point of the domain where each partial derivative
is zero or fails to exist. So |x| + |y| has the single point (0, 0); the rest
of the axes, where one partial fails but the other is not zero, is left out
(f is monotone across them, so they hold no extremum).

How the points are found: exactly (:mod:`mathcore.critical_exact`), and
numerically, always, as a cross-check (:mod:`mathcore.critical_numeric`). A point
found numerically that the exact answer lacks is added, and ``complete`` is then
False: the exact answer was not all. A trusted exact answer only takes points
that ``nsolve`` confirms at PRECISION digits (mpmath does not underflow). A whole
curve of solutions is reported in ``curves`` as a ``CriticalCurve``, and points
on it are not listed again.

A range of the domain left None is chosen from a wide search (SEARCH_RADIUS,
and EXACT_RADIUS for the exact solve where grad f is rational): it holds every
critical point found there, with a margin (``critical_window``).
A window without critical points names the ``nearest`` one outside it.

Every point is checked numerically before it is returned: |grad f| small at a
stationary point, f finite at a point where a partial derivative fails.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
import sympy

from mathcore.critical_exact import branch_samples, solve_exactly, where_undefined
from mathcore.critical_numeric import NUMERIC_RESOLUTION, solve_numerically
from mathcore.critical_problem import (
    Box,
    Candidate,
    CriticalCurve,
    Domain,
    Interval,
    Problem,
    make_problem,
)
from mathcore.deadline import DEFAULT_SECONDS
from mathcore.numbers import real_number, simplified
from mathcore.symbols import x, y
from mathcore.verdicts import Verdict
from mathcore.window import padded_window

PROBE_RADII = (5e-3, 2e-2, 5e-2)  # probe circles, as fractions of the domain size
PROBE_ANGLES = 72                 # a multiple of 4, so the axis directions are sampled
SEARCH_RADIUS = 20                # where a window is chosen from: [-20, 20]^2, and
EXACT_RADIUS = 10**4              # [-10^4, 10^4]^2 for the exact solve where grad f is rational
MAX_WINDOW_POINTS = 9             # a chosen window holds at most this many (a lattice)
WINDOW_MARGIN, WINDOW_LEAST = 0.2, 2  # its room around them: 20 % of their span, >= 2
DEFAULT_WINDOW = (sympy.Integer(-3), sympy.Integer(3))  # where no critical point is found

_NOT_CRITICAL = "not critical"    # a candidate that is not a critical point after all
_UNVERIFIED = "unverified"        # a solution of grad f = 0 that fails the numeric check


@dataclass(frozen=True)
class CriticalPoint:
    """One critical point: exact coordinates (or Floats), the test and its verdict.

    ``type`` is a local min, local max, saddle or inconclusive (a :class:`Verdict`).
    ``probe`` (only when inconclusive) is the verdict of sampling f around the point:
    local min, local max, saddle or unknown. Second derivatives and D are None where
    they do not exist.
    """

    x: sympy.Expr
    y: sympy.Expr
    xf: float
    yf: float
    value: sympy.Expr
    fxx: sympy.Expr | None
    fyy: sympy.Expr | None
    fxy: sympy.Expr | None
    D: sympy.Expr | None
    type: Verdict
    probe: Verdict | None
    differentiable: bool

    def to_json(self) -> dict:
        return {
            "x": str(self.x), "y": str(self.y), "xf": self.xf, "yf": self.yf,
            "fxx": _float_or_none(self.fxx), "fyy": _float_or_none(self.fyy),
            "fxy": _float_or_none(self.fxy), "D": _float_or_none(self.D),
            "type": str(self.type), "probe": None if self.probe is None else str(self.probe),
        }


@dataclass(frozen=True)
class CriticalAnalysis:
    """All critical points of f on the domain, sorted by (x, y).

    ``complete`` is True when the exact solve succeeded, every answer passed
    its numeric check and the numeric search found no point beyond them.
    ``window`` is the domain searched (as given, or chosen); ``nearest``, when it
    holds no critical point, the critical point nearest to it, if one was found.
    """

    function: sympy.Expr
    gradient: tuple[sympy.Expr, sympy.Expr]
    hessian: tuple[tuple[sympy.Expr, sympy.Expr], tuple[sympy.Expr, sympy.Expr]]
    points: tuple[CriticalPoint, ...]
    curves: tuple[CriticalCurve, ...]
    complete: bool
    window: Domain
    nearest: CriticalPoint | None = None

    @property
    def everywhere(self) -> bool:
        """Whether every point is critical (f is constant)."""
        return any(c.everywhere for c in self.curves)

    def to_json(self) -> dict:
        return {
            "function": str(self.function),
            "gradient": [str(d) for d in self.gradient],
            "complete": self.complete,
            "points": [p.to_json() for p in self.points],
            "curves": [c.text for c in self.curves],
            "window": {name: [str(end) for end in ends]
                       for name, ends in zip("xy", self.window, strict=True)},
            "nearest": None if self.nearest is None else self.nearest.to_json(),
        }


def critical_points(f: sympy.Expr, domain: tuple[Interval | None, Interval | None],
                    seconds: float = DEFAULT_SECONDS, nearest: bool = True) -> CriticalAnalysis:
    """Find and classify the critical points of f(x, y) on the closed ``domain``.

    ``domain`` is ((x_low, x_high), (y_low, y_high)), ends may be exact
    (``-pi``). A range left None is chosen (see ``critical_window``). When the
    window holds no critical point (nor curve of them), ``nearest`` is the one
    nearest to it (of those the wide search of ``critical_window`` finds), if any; with
    ``nearest=False`` that search is left out (a worksheet's map needs only the window).
    ``seconds`` bounds the exact solve and each later symbolic step; past it the numeric
    search takes over.
    """
    problem = make_problem(f, critical_window(f, domain, seconds), seconds)
    located = _located(problem)
    verdicts = [_classify(c, problem) for c in located.candidates]
    points = sorted((v for v in verdicts if isinstance(v, CriticalPoint)),
                    key=lambda p: (p.xf, p.yf))
    return CriticalAnalysis(
        function=problem.f,
        gradient=problem.gradient,
        hessian=((problem.fxx, problem.fxy), (problem.fxy, problem.fyy)),
        points=tuple(points),
        curves=tuple(sorted(located.curves, key=lambda c: c.text)),
        complete=located.complete and _UNVERIFIED not in verdicts,
        window=(problem.box.x_range, problem.box.y_range),
        nearest=None if points or located.curves or not nearest
        else _nearest_outside(problem),
    )


@dataclass(frozen=True)
class _Located:
    """The candidates (exact ones first) and curves of critical points in a box."""

    candidates: list[Candidate]
    curves: list[CriticalCurve]
    complete: bool


def _located(problem: Problem, exact_guess: bool = True) -> _Located:
    """Solve exactly, cross-check numerically, merge; ``complete`` if the exact answer
    was trusted and the numeric search found nothing more. A trusted exact answer takes
    no numeric point that Newton's method at PRECISION digits does not confirm."""
    found = solve_exactly(problem)
    in_domain = [c for c in found.curves if _in_domain(c, problem)]
    curves = [c for c in in_domain if _curve_verified(c, problem)]
    exact = _off_curves(_merge([], found.points, problem.box.size * 1e-9), curves)
    resolution = problem.box.size * NUMERIC_RESOLUTION
    numeric = _off_curves(solve_numerically(problem, exact_guess), curves)
    if found.trusted:
        numeric = [c for c in numeric
                   if c.precise or any(_distance(c, e) <= resolution for e in exact)]
    candidates = _merge(exact, numeric, resolution)
    return _Located(candidates, curves, complete=(
        found.trusted and len(curves) == len(in_domain) and len(candidates) == len(exact)))


def _merge(kept: list[Candidate], new: list[Candidate],
           tolerance: float) -> list[Candidate]:
    """``kept`` plus the ``new`` candidates farther than ``tolerance`` from all before them.

    A repeat keeps the first one's coordinates (exact ones come first) and
    is marked ``from_gradient`` if either was.
    """
    merged = list(kept)
    for candidate in new:
        near = [i for i, c in enumerate(merged) if _distance(c, candidate) <= tolerance]
        if not near:
            merged.append(candidate)
        elif candidate.from_gradient:
            merged[near[0]] = replace(merged[near[0]], from_gradient=True)
    return merged


def _distance(a: Candidate, b: Candidate) -> float:
    return float(np.hypot(a.floats[0] - b.floats[0], a.floats[1] - b.floats[1]))


# ---------------------------------------------------------------- windows


def critical_window(f: sympy.Expr, domain: tuple[Interval | None, Interval | None],
                    seconds: float = DEFAULT_SECONDS) -> Domain:
    """``domain`` with each range left None chosen: around the critical points of a wide
    search (x and y in [-SEARCH_RADIUS, SEARCH_RADIUS] where not given, and in
    [-EXACT_RADIUS, EXACT_RADIUS] for the exact solve where grad f is rational), with a
    margin.

    A lattice of points (sin x sin y) gives those nearest the origin, at most
    MAX_WINDOW_POINTS, the margin kept short of the next ones; no point at all gives
    DEFAULT_WINDOW.

    >>> from mathcore.symbols import x, y
    >>> critical_window(x**2 + y**2 - 8*x + 2*y, (None, None))
    ((2, 6), (-3, 1))
    """
    if None not in domain:
        return domain
    free = [i for i, r in enumerate(domain) if r is None]
    search = tuple((-SEARCH_RADIUS, SEARCH_RADIUS) if r is None else r for r in domain)
    problem = make_problem(f, search, seconds)
    chosen, gap = _nearest_points(problem, _searched(problem, domain),
                                  lambda p: max(abs(p[i]) for i in free))
    if not chosen:
        return tuple(DEFAULT_WINDOW if r is None else r for r in domain)
    coordinates = [[(p.xf, p.yf)[i] for p in chosen] for i in range(2)]
    widest = max(max(c) - min(c) for i, c in enumerate(coordinates) if i in free)
    least = max(WINDOW_LEAST, widest / 4)
    window = list(domain)
    for i in free:
        low, high = min(coordinates[i]), max(coordinates[i])
        room = min(max(WINDOW_MARGIN * (high - low), least), gap / 2)
        window[i] = padded_window(low, high, 0, room)
    return tuple(window)


def _searched(problem: Problem, domain: tuple[Interval | None, ...]) -> list[Candidate]:
    """The candidates of the wide search ``problem``, with the exact solve's points beyond
    it where grad f is rational (its zeros are then curves or finitely many points, as
    (25, 25) of a revenue 150x + 200y - 2xy - 2x^2 - 3y^2): ranges of ``domain`` left None
    reach EXACT_RADIUS there."""
    located = _located(problem, exact_guess=False)
    if not all(d.is_rational_function(x, y) for d in problem.gradient):
        return located.candidates
    wide = tuple((-EXACT_RADIUS, EXACT_RADIUS) if r is None else r for r in domain)
    far = _off_curves(solve_exactly(make_problem(problem.f, wide, problem.seconds)).points,
                      located.curves)
    return _merge(located.candidates, far, problem.box.size * NUMERIC_RESOLUTION)


def _nearest_points(problem: Problem, candidates: list[Candidate], distance,
                    most: int = MAX_WINDOW_POINTS) -> tuple[list[CriticalPoint], float]:
    """The critical points nearest by ``distance`` (of (xf, yf)), in whole groups of
    equally near ones, at most ``most`` unless the nearest group alone has more; and how
    much farther the next one is (inf if none). Candidates are classified nearest first,
    only as far as needed."""
    def far(p: CriticalPoint) -> float:
        return distance((p.xf, p.yf))

    tie = 1e-9 * problem.box.size
    groups, following = [], None
    for candidate in sorted(candidates, key=lambda c: distance(c.floats)):
        verdict = _classify(candidate, problem)
        if not isinstance(verdict, CriticalPoint):
            continue
        if groups and far(verdict) - far(groups[-1][0]) <= tie:
            groups[-1].append(verdict)
        elif sum(map(len, groups)) >= most:
            following = verdict
            break
        else:
            groups.append([verdict])
    if len(groups) > 1 and sum(map(len, groups)) > most:
        following = groups.pop()[0]
    chosen = [p for group in groups for p in group]
    return chosen, np.inf if following is None else far(following) - far(chosen[-1])


def _nearest_outside(problem: Problem) -> CriticalPoint | None:
    """The critical point nearest to the box and outside it, of those in the box's hull
    with [-SEARCH_RADIUS, SEARCH_RADIUS]^2 (and beyond, see ``_searched``); None if there
    is none."""
    box = problem.box
    hull = tuple((low if float(low) <= -SEARCH_RADIUS else -SEARCH_RADIUS,
                  high if float(high) >= SEARCH_RADIUS else SEARCH_RADIUS)
                 for low, high in (box.x_range, box.y_range))
    wide = make_problem(problem.f, hull, problem.seconds)
    outside = [c for c in _searched(wide, (None, None)) if not box.contains(*c.floats)]
    chosen, _ = _nearest_points(wide, outside, lambda p: box.distance(*p), most=1)
    return chosen[0] if chosen else None


# ---------------------------------------------------------------- curves


def _off_curves(candidates: list[Candidate], curves: list[CriticalCurve]) -> list[Candidate]:
    return [c for c in candidates if not any(_on_curve(c, curve) for curve in curves)]


def _in_domain(curve: CriticalCurve, problem: Problem) -> bool:
    """Whether f is defined somewhere along the curve (so not on the pole line x = 0 of
    4(x + y)/(xy), where both partials fail to exist), or the curve is not sampled."""
    samples = _curve_samples(curve, problem.box)
    return not samples or any(np.isfinite(problem.f_numeric(*p)) for p in samples)


def _curve_samples(curve: CriticalCurve, box: Box) -> list[tuple[float, float]]:
    return [p for branch in curve.branches for p in branch_samples(branch, box)]


def _curve_verified(curve: CriticalCurve, problem: Problem) -> bool:
    """f is finite along the curve and its gradient vanishes or does not exist there."""
    for xf, yf in _curve_samples(curve, problem.box):
        if not np.isfinite(problem.f_numeric(xf, yf)):
            return False
        gradient = [g(xf, yf) for g in problem.gradient_numeric]
        if np.all(np.isfinite(gradient)) and not problem.flat(np.hypot(*gradient), xf, yf):
            return False
    return True


def _on_curve(candidate: Candidate, curve: CriticalCurve) -> bool:
    value = real_number(curve.equation.subs(candidate.at))
    return value is not None and abs(value) <= 1e-9


# ---------------------------------------------------------------- classification


def _classify(candidate: Candidate, problem: Problem) -> CriticalPoint | str:
    """The critical point at ``candidate``, or why it is not one."""
    value = _exact_value(problem.f, candidate.at, problem.seconds)
    if value is None:
        return _NOT_CRITICAL
    exists = [_partial_exists(d, var, candidate, problem)
              for d, var in zip(problem.gradient, (x, y), strict=True)]
    vanishes = [_vanishes(d, candidate, problem) for d in problem.gradient]
    if all(exists):
        if all(vanishes):
            return _stationary_point(candidate, value, problem)
        return _UNVERIFIED if candidate.from_gradient else _NOT_CRITICAL
    if not all(v or not e for v, e in zip(vanishes, exists, strict=True)):
        return _NOT_CRITICAL
    return _point(candidate, value, (None, None, None), None, Verdict.INCONCLUSIVE,
                  _probe(candidate, value, problem), differentiable=False)


def _stationary_point(candidate: Candidate, value: sympy.Expr,
                      problem: Problem) -> CriticalPoint:
    """Apply the second-derivative test; probe the neighbourhood if it says nothing."""
    second = tuple(_second_derivative(e, candidate, problem.seconds)
                   for e in (problem.fxx, problem.fyy, problem.fxy))
    fxx, fyy, fxy = second
    D = None if None in second else simplified(fxx * fyy - fxy**2, problem.seconds)
    verdict = Verdict.INCONCLUSIVE if D is None else _second_derivative_test(fxx, fyy, fxy, D)
    probe = _probe(candidate, value, problem) if verdict == Verdict.INCONCLUSIVE else None
    return _point(candidate, value, second, D, verdict, probe, differentiable=True)


def _second_derivative_test(fxx: sympy.Expr, fyy: sympy.Expr, fxy: sympy.Expr,
                            D: sympy.Expr) -> Verdict:
    """D > 0: min or max by the sign of f_xx; D < 0: saddle; D = 0: inconclusive."""
    scale = 1 + sum(real_number(v) ** 2 for v in (fxx, fyy, fxy))
    d_sign = _sign(D, 1e-8 * scale)
    if d_sign < 0:
        return Verdict.SADDLE
    if d_sign == 0:
        return Verdict.INCONCLUSIVE
    return Verdict.LOCAL_MIN if real_number(fxx) > 0 else Verdict.LOCAL_MAX


def _sign(value: sympy.Expr, tolerance: float) -> int:
    """-1, 0 or 1: decided exactly for exact values, else within ``tolerance``."""
    if not value.has(sympy.Float):
        for decided, sign in ((value.is_zero, 0), (value.is_positive, 1),
                              (value.is_negative, -1)):
            if decided:
                return sign
    number = real_number(value)
    return 0 if abs(number) <= tolerance else (1 if number > 0 else -1)


def _probe(candidate: Candidate, value: sympy.Expr, problem: Problem) -> Verdict:
    """Compare f on small circles around the point with f at the point."""
    xf, yf = candidate.floats
    centre = real_number(value)
    angles = np.linspace(0, 2 * np.pi, PROBE_ANGLES, endpoint=False)
    radii, angles = np.meshgrid(problem.box.size * np.array(PROBE_RADII), angles)
    heights = problem.f_numeric(xf + radii * np.cos(angles), yf + radii * np.sin(angles))
    change = heights[np.isfinite(heights)] - centre
    tolerance = 1e-12 * (1 + abs(centre))
    higher, lower = change > tolerance, change < -tolerance
    if change.size and higher.any() and lower.any():
        return Verdict.SADDLE
    if change.size and higher.all():
        return Verdict.LOCAL_MIN
    if change.size and lower.all():
        return Verdict.LOCAL_MAX
    return Verdict.UNKNOWN


def _point(candidate: Candidate, value: sympy.Expr, second: tuple, D: sympy.Expr | None,
           verdict: Verdict, probe: Verdict | None, differentiable: bool) -> CriticalPoint:
    xf, yf = candidate.floats
    fxx, fyy, fxy = second
    return CriticalPoint(candidate.x, candidate.y, xf, yf, value, fxx, fyy, fxy, D,
                         verdict, probe, differentiable)


def _partial_exists(derivative: sympy.Expr, var: sympy.Symbol, candidate: Candidate,
                    problem: Problem) -> bool:
    """The formula for the partial is finite there and, at a kink or pole of the
    formula, the one-sided difference quotients of f agree."""
    if real_number(derivative.subs(candidate.at)) is None:
        return False
    if not _on_locus(where_undefined(derivative), candidate):
        return True
    return _one_sided_slopes_agree(problem, candidate.floats, var)


def _one_sided_slopes_agree(problem: Problem, point: tuple[float, float],
                            var: sympy.Symbol) -> bool:
    """Left and right difference quotients of f along ``var`` close in as the step shrinks."""
    gaps, scales = [], []
    for step in (1e-3 * problem.box.size, 1e-5 * problem.box.size):
        dx, dy = (step, 0.0) if var == x else (0.0, step)
        centre = problem.f_numeric(*point)
        right = (problem.f_numeric(point[0] + dx, point[1] + dy) - centre) / step
        left = (centre - problem.f_numeric(point[0] - dx, point[1] - dy)) / step
        gaps.append(abs(right - left))
        scales.append(1 + abs(right) + abs(left))
    if not np.all(np.isfinite(gaps)):
        return False
    return gaps[1] <= 1e-9 * scales[1] or gaps[1] <= 0.1 * gaps[0]


def _vanishes(derivative: sympy.Expr, candidate: Candidate, problem: Problem) -> bool:
    value = real_number(derivative.subs(candidate.at))
    return value is not None and (value == 0 or problem.flat(abs(value), *candidate.floats))


def _on_locus(bases: list[sympy.Expr], candidate: Candidate) -> bool:
    """Whether one of ``bases`` is zero at the candidate."""
    values = (real_number(b.subs(candidate.at)) for b in bases)
    return any(v is not None and abs(v) <= 1e-12 for v in values)


def _second_derivative(expr: sympy.Expr, candidate: Candidate,
                       seconds: float) -> sympy.Expr | None:
    """The exact second derivative at the point, None where it does not exist."""
    if _on_locus(where_undefined(expr), candidate):
        return None
    return _exact_value(expr, candidate.at, seconds)


# ---------------------------------------------------------------- numbers


def _exact_value(expr: sympy.Expr, at: dict, seconds: float) -> sympy.Expr | None:
    """``expr`` at the point, simplified; None if it is not a finite real number."""
    value = simplified(expr.subs(at), seconds)
    return value if real_number(value) is not None else None


def _float_or_none(expr: sympy.Expr | None) -> float | None:
    return None if expr is None else real_number(expr)

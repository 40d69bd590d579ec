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

How the points are found:

1. Exactly. "f_x = 0" and "f_x undefined" (a vanishing denominator, root
   base or Abs/sign argument) are paired with the same conditions on f_y.
   Each pair is factored and solved factor by factor: one-variable factors
   with ``solveset`` on the domain's interval (so periodic functions give
   every solution in the domain), two-variable polynomial factors with
   ``solve``, completed by elimination (a lex Groebner basis and real-root
   isolation of its univariate polynomial), because ``solve`` silently drops
   roots it cannot write in radicals; those come as PRECISION-digit Floats.
   Anything else (a two-variable transcendental factor, a set
   that is not finite, a timeout) makes the exact answer untrusted.
2. Numerically, always, as a cross-check: ``scipy.optimize.root`` from a
   grid of starts (least squares on the gradient where it fails), polished by
   Newton's method (a point that only looks flat, beside a degenerate root,
   slides to that root), kept where |grad f| vanishes in the box and one more
   Newton step stays put (SETTLED), one per NUMERIC_RESOLUTION, refined with
   ``nsolve`` and, where ``nsimplify`` guesses a value that makes the gradient
   exactly zero, made exact. A point found here that the exact answer lacks is
   added, and ``complete`` is then
   False: the exact answer was not all. A trusted exact answer only takes
   points that ``nsolve`` confirms at PRECISION digits (mpmath does not
   underflow). This step finds stationary points only.
3. A whole curve of solutions (x^2 y^2: both axes; (x - y)^2: the line y = x)
   is reported in ``curves`` as a ``CriticalCurve``, ``lhs = rhs``
   (``x = 0``, ``x = y``, or ``<expr> = 0`` for a curve with several branches
   or that is only known implicitly, like ``cos(x + y) = 0``), and points on it
   are not listed again. A constant f gives the curve "every point".

"|grad f| vanishes" is judged against f's own scale there: the largest
|grad f| on a small circle around the point (FLAT_RATIO of it at most). So
e^-(x^2 + y^2 + 2x), about 1e-40 near x = -10, is not flat there, nor is
y e^x - e^y at (-10, -10), however small its gradient beside its largest.

A range of the domain left None is chosen from a wide search (SEARCH_RADIUS,
and EXACT_RADIUS for the exact solve where grad f is rational): it holds every
critical point found there, with a margin (``critical_window``).
A window without critical points names the ``nearest`` one outside it.

Every point is checked numerically before it is returned: |grad f| small at a
stationary point, f finite at a point where a partial derivative fails.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field, replace
from functools import cached_property

import numpy as np
import scipy.optimize
import sympy

from mathcore.deadline import DEFAULT_SECONDS, time_limit
from mathcore.errors import MathError, SolveTimeout
from mathcore.numeric import NumericFunction, numeric_function, sample_grid
from mathcore.roots import SYMPY_GAVE_UP, distinct_points, real_number, simplified
from mathcore.symbols import x, y
from mathcore.verdicts import Verdict
from mathcore.window import padded_window

Interval = tuple[sympy.Expr, sympy.Expr]
Domain = tuple[Interval, Interval]

EVERY_POINT = "every point"

PRECISION = 30                    # digits for numeric checks of exact values
START_GRID = 12                   # the numeric search starts from a 12 x 12 grid
PROBE_RADII = (5e-3, 2e-2, 5e-2)  # probe circles, as fractions of the domain size
PROBE_ANGLES = 72                 # a multiple of 4, so the axis directions are sampled
CURVE_SAMPLES = 41
MAX_EVALUATIONS = 100             # per start of the numeric search
POLISH_STEPS = 100                # Newton steps at most, polishing a numeric root
NUMERIC_RESOLUTION = 1e-3         # numeric roots closer than this (x domain size) are one
FLAT_RATIO = 1e-6                 # |grad f| at a stationary point, at most this times ...
RING_RADIUS = 1e-3                # ... its largest on a circle this big (x domain size)
RING_ANGLES = 8
SETTLED = 1e-6                    # one more Newton step moves a numeric root less than
                                  # this (x domain size)
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
class CriticalCurve:
    """A whole curve of critical points, ``lhs = rhs`` (``x = 0``, ``x**2 + y**2 - 1 = 0``),
    or every point of the plane (f constant). ``branches`` are its pieces var = g(other),
    where they are known, for sampling it."""

    lhs: sympy.Expr
    rhs: sympy.Expr
    branches: tuple[tuple[sympy.Symbol, sympy.Expr], ...] = ()
    everywhere: bool = False

    @property
    def text(self) -> str:
        return EVERY_POINT if self.everywhere else f"{self.lhs} = {self.rhs}"

    @property
    def equation(self) -> sympy.Expr:
        """Zero on the curve."""
        return self.lhs - self.rhs


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
                    seconds: float = DEFAULT_SECONDS) -> CriticalAnalysis:
    """Find and classify the critical points of f(x, y) on the closed ``domain``.

    ``domain`` is ((x_low, x_high), (y_low, y_high)), ends may be exact
    (``-pi``). A range left None is chosen (see ``critical_window``). When the
    window holds no critical point (nor curve of them), ``nearest`` is the one
    nearest to it (of those the wide search of ``critical_window`` finds), if any. ``seconds``
    bounds the exact solve and each later symbolic step; past it the numeric search takes over.
    """
    problem = _problem(f, critical_window(f, domain, seconds), seconds)
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
        nearest=None if points or located.curves else _nearest_outside(problem),
    )


@dataclass(frozen=True)
class _Located:
    """The candidates (exact ones first) and curves of critical points in a box."""

    candidates: list[_Candidate]
    curves: list[CriticalCurve]
    complete: bool


def _located(problem: _Problem, exact_guess: bool = True) -> _Located:
    """Solve exactly, cross-check numerically, merge; ``complete`` if the exact answer
    was trusted and the numeric search found nothing more. A trusted exact answer takes
    no numeric point that Newton's method at PRECISION digits does not confirm."""
    found = _solve_exactly(problem)
    in_domain = [c for c in found.curves if _in_domain(c, problem)]
    curves = [c for c in in_domain if _curve_verified(c, problem)]
    exact = _off_curves(_merge([], found.points, problem.box.size * 1e-9), curves)
    resolution = problem.box.size * NUMERIC_RESOLUTION
    numeric = _off_curves(_solve_numerically(problem, exact_guess), curves)
    if found.trusted:
        numeric = [c for c in numeric
                   if c.precise or any(_distance(c, e) <= resolution for e in exact)]
    candidates = _merge(exact, numeric, resolution)
    return _Located(candidates, curves, complete=(
        found.trusted and len(curves) == len(in_domain) and len(candidates) == len(exact)))


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
    problem = _problem(f, search, seconds)
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


def _searched(problem: _Problem, domain: tuple[Interval | None, ...]) -> list[_Candidate]:
    """The candidates of the wide search ``problem``, with the exact solve's points beyond
    it where grad f is rational (its zeros are then curves or finitely many points, as
    (25, 25) of a revenue 150x + 200y - 2xy - 2x^2 - 3y^2): ranges of ``domain`` left None
    reach EXACT_RADIUS there."""
    located = _located(problem, exact_guess=False)
    if not all(d.is_rational_function(x, y) for d in problem.gradient):
        return located.candidates
    wide = tuple((-EXACT_RADIUS, EXACT_RADIUS) if r is None else r for r in domain)
    far = _off_curves(_solve_exactly(_problem(problem.f, wide, problem.seconds)).points,
                      located.curves)
    return _merge(located.candidates, far, problem.box.size * NUMERIC_RESOLUTION)


def _nearest_points(problem: _Problem, candidates: list[_Candidate], distance,
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


def _nearest_outside(problem: _Problem) -> CriticalPoint | None:
    """The critical point nearest to the box and outside it, of those in the box's hull
    with [-SEARCH_RADIUS, SEARCH_RADIUS]^2 (and beyond, see ``_searched``); None if there
    is none."""
    box = problem.box
    hull = tuple((low if float(low) <= -SEARCH_RADIUS else -SEARCH_RADIUS,
                  high if float(high) >= SEARCH_RADIUS else SEARCH_RADIUS)
                 for low, high in (box.x_range, box.y_range))
    wide = _problem(problem.f, hull, problem.seconds)
    outside = [c for c in _searched(wide, (None, None)) if not box.contains(*c.floats)]
    chosen, _ = _nearest_points(wide, outside, lambda p: box.distance(*p), most=1)
    return chosen[0] if chosen else None


def _off_curves(candidates: list[_Candidate], curves: list[CriticalCurve]) -> list[_Candidate]:
    return [c for c in candidates if not any(_on_curve(c, curve) for curve in curves)]


# ---------------------------------------------------------------- the problem


@dataclass(frozen=True)
class _Box:
    """The closed domain: exact ends, float ends and a length scale."""

    x_range: Interval
    y_range: Interval

    def range_of(self, var: sympy.Symbol) -> Interval:
        return self.x_range if var == x else self.y_range

    def floats(self, var: sympy.Symbol) -> tuple[float, float]:
        low, high = self.range_of(var)
        return float(low), float(high)

    def interval(self, var: sympy.Symbol) -> sympy.Interval:
        return sympy.Interval(*self.range_of(var))

    @cached_property
    def size(self) -> float:
        return max(high - low for low, high in (self.floats(x), self.floats(y)))

    def holds(self, var: sympy.Symbol, value: float) -> bool:
        """Whether ``value`` lies in var's closed range (up to rounding)."""
        low, high = self.floats(var)
        slack = 1e-9 * self.size
        return low - slack <= value <= high + slack

    def contains(self, xf: float, yf: float) -> bool:
        return self.holds(x, xf) and self.holds(y, yf)

    def distance(self, xf: float, yf: float) -> float:
        """How far (xf, yf) is from the box (0 inside it)."""
        (x0, x1), (y0, y1) = self.floats(x), self.floats(y)
        return float(np.hypot(max(x0 - xf, 0, xf - x1), max(y0 - yf, 0, yf - y1)))


@dataclass(frozen=True)
class _Problem:
    """f, its derivatives and domain, with what the numeric checks need."""

    f: sympy.Expr
    gradient: tuple[sympy.Expr, sympy.Expr]
    fxx: sympy.Expr
    fyy: sympy.Expr
    fxy: sympy.Expr
    box: _Box
    seconds: float
    f_numeric: NumericFunction
    gradient_numeric: tuple[NumericFunction, NumericFunction]

    def gradient_scale(self, xf: float, yf: float) -> float:
        """The largest finite |grad f| on a small circle around (xf, yf): f's own scale
        there, against which "the gradient is zero" is judged (0 where it underflows)."""
        angles = np.linspace(0, 2 * np.pi, RING_ANGLES, endpoint=False)
        radius = RING_RADIUS * self.box.size
        us, vs = xf + radius * np.cos(angles), yf + radius * np.sin(angles)
        sizes = np.hypot(*(np.broadcast_to(g(us, vs), us.shape) for g in self.gradient_numeric))
        finite = sizes[np.isfinite(sizes)]
        return float(finite.max()) if finite.size else 0.0

    def flat(self, size: float, xf: float, yf: float) -> bool:
        """Whether a gradient (or a partial) of ``size`` at (xf, yf) is zero to f's own
        scale there. Small among small (where f underflows, or far below f's steepest
        slope in the box) is not flat; nor is anything where the scale is 0."""
        scale = self.gradient_scale(xf, yf)
        return scale > 0 and size <= FLAT_RATIO * scale


def _problem(f: sympy.Expr, domain: Domain, seconds: float) -> _Problem:
    """Check the input and prepare the derivatives."""
    f = sympy.sympify(f, strict=True)
    if not f.free_symbols <= {x, y}:
        names = ", ".join(sorted(str(s) for s in f.free_symbols - {x, y}))
        raise MathError(f"f must depend on x and y only (it also depends on {names})")
    if seconds <= 0:
        raise MathError(f"the time limit must be positive (got {seconds})")
    box = _box(domain)
    fx, fy = sympy.diff(f, x), sympy.diff(f, y)
    gradient_numeric = (numeric_function(fx, (x, y)), numeric_function(fy, (x, y)))
    return _Problem(
        f=f, gradient=(fx, fy),
        fxx=sympy.diff(fx, x), fyy=sympy.diff(fy, y), fxy=sympy.diff(fx, y),
        box=box, seconds=seconds,
        f_numeric=numeric_function(f, (x, y)),
        gradient_numeric=gradient_numeric,
    )


def _box(domain: Domain) -> _Box:
    """The domain with exact, finite, increasing ends."""
    ranges = []
    for name, ends in zip("xy", domain, strict=True):
        low, high = (_exact_end(end) for end in ends)
        if not float(low) < float(high):
            raise MathError(f"domain for {name}: the low end must be less than the high end "
                            f"(got [{low}, {high}])")
        ranges.append((low, high))
    return _Box(*ranges)


def _exact_end(end) -> sympy.Expr:
    """A domain end as a finite real sympy number (never parsed from text)."""
    value = sympy.sympify(end, strict=True)
    if value.free_symbols or real_number(value) is None:
        raise MathError(f"a domain end must be a finite real number (got {end})")
    return value


# ---------------------------------------------------------------- exact solving


@dataclass(frozen=True)
class _Candidate:
    """A point to classify; ``from_gradient``: it solved f_x = f_y = 0; ``precise``:
    it is exact, or a numeric root that Newton's method confirmed to PRECISION digits."""

    x: sympy.Expr
    y: sympy.Expr
    from_gradient: bool
    precise: bool = True

    @property
    def at(self) -> dict:
        return {x: self.x, y: self.y}

    @cached_property
    def floats(self) -> tuple[float, float]:
        return real_number(self.x), real_number(self.y)


@dataclass
class _Found:
    """What the exact solve collected, and whether it can be trusted to be all."""

    points: list[_Candidate] = field(default_factory=list)
    curves: list[CriticalCurve] = field(default_factory=list)
    trusted: bool = True


class _GaveUp(Exception):
    """The exact solve of one pair cannot be trusted to be complete."""


def _solve_exactly(problem: _Problem) -> _Found:
    """Solve every pair (condition on f_x, condition on f_y) within the time limit."""
    solver = _ExactSolver(problem.box)
    fx, fy = problem.gradient
    try:
        with time_limit(problem.seconds, "solve grad f = 0"):
            for i, a in enumerate(_conditions(fx)):
                for j, b in enumerate(_conditions(fy)):
                    solver.solve_pair(a, b, from_gradient=(i == j == 0))
    except SolveTimeout:
        solver.found.trusted = False
    return solver.found


def _conditions(derivative: sympy.Expr) -> list[sympy.Expr]:
    """Expressions whose zeros are where ``derivative`` is zero or may not exist."""
    return [derivative, *_singular_bases(derivative)]


def _singular_bases(expr: sympy.Expr) -> list[sympy.Expr]:
    """Where ``expr`` may be undefined: denominators, root bases, Abs/sign/log arguments."""
    bases = []
    for node in sympy.preorder_traversal(expr):
        if isinstance(node, (sympy.Abs, sympy.sign, sympy.Heaviside, sympy.DiracDelta,
                             sympy.log)):
            bases.append(node.args[0])
        elif node.is_Pow and not (node.exp.is_integer and node.exp.is_nonnegative):
            bases.append(node.base)
    return _unique(b for b in bases if b.free_symbols & {x, y} and b.is_zero is not False)


def _zero_factors(expr: sympy.Expr) -> list[sympy.Expr]:
    """Factors whose zeros together are the zeros of ``expr``; [0] if it is zero."""
    try:
        expr = sympy.factor(expr)
    except SYMPY_GAVE_UP:
        pass  # the unfactored expression has the same zeros
    if expr == 0:
        return [sympy.Integer(0)]
    return _unique(b for b in map(_zero_base, sympy.Mul.make_args(expr)) if b is not None)


def _zero_base(factor: sympy.Expr) -> sympy.Expr | None:
    """The expression with the same zeros as ``factor``, None if it never vanishes."""
    while (factor.is_Pow and factor.exp.is_positive) or isinstance(factor,
                                                                     (sympy.Abs, sympy.sign)):
        factor = factor.base if factor.is_Pow else factor.args[0]
    if factor.is_Pow and factor.exp.is_negative:
        return None
    if not factor.free_symbols & {x, y} or factor.is_zero is False:
        return None
    return factor


class _ExactSolver:
    """Solves factor pairs exactly, collecting the points and curves in the box."""

    def __init__(self, box: _Box):
        self.box = box
        self.found = _Found()

    def solve_pair(self, a: sympy.Expr, b: sympy.Expr, from_gradient: bool) -> None:
        """All common zeros of ``a`` and ``b`` in the box."""
        for p in _zero_factors(a):
            for q in _zero_factors(b):
                try:
                    self._solve_factors(p, q, from_gradient)
                except (_GaveUp, *SYMPY_GAVE_UP):
                    self.found.trusted = False

    def _solve_factors(self, p: sympy.Expr, q: sympy.Expr, tag: bool) -> None:
        if p == 0 and q == 0:
            self._add_curve(CriticalCurve(sympy.Integer(0), sympy.Integer(0), everywhere=True))
        elif p == 0 or q == 0 or _same_zeros(p, q):
            self._zero_set(q if p == 0 else p, tag)
        elif _is_univariate(p) and _is_univariate(q):
            self._univariate_pair(p, q, tag)
        elif _is_univariate(p) or _is_univariate(q):
            self._one_fixed(*((p, q) if _is_univariate(p) else (q, p)), tag)
        else:
            self._bivariate_pair(p, q, tag)

    def _zero_set(self, p: sympy.Expr, tag: bool) -> None:
        """The zeros of one factor: lines, a curve, or isolated points."""
        if _is_univariate(p):
            var = _variable_of(p)
            for value in self._roots(p, var):
                self._add_line(var, value)
        elif p.is_polynomial(x, y):
            self._algebraic_zero_set(p, tag)
        else:
            self._implicit_curve(p)

    def _algebraic_zero_set(self, p: sympy.Expr, tag: bool) -> None:
        """Real branches of the polynomial curve p = 0, and its isolated real points."""
        branches, points = _split_solutions(sympy.solve(p, [x, y], dict=True))
        inside = [b for b in branches if _branch_inside(b, self.box)]
        if len(inside) == 1:
            self._add_curve(_branch_curve(*inside[0]))
        elif inside:
            self._add_curve(CriticalCurve(p, sympy.Integer(0), tuple(inside)))
        singular = [p, p.diff(x), p.diff(y)]
        isolated = _split_solutions(sympy.solve(singular, [x, y], dict=True))[1]
        for point in points + _completed(isolated, singular, self.box):
            self._add_point(point, tag)

    def _implicit_curve(self, p: sympy.Expr) -> None:
        """The curve p = 0 as an equation, when p changes sign in the box.

        Without a sign change p = 0 could still hold at isolated points:
        then the exact answer is not trusted.
        """
        heights = sample_grid(p, self.box.x_range, self.box.y_range, CURVE_SAMPLES)[2]
        heights = heights[np.isfinite(heights)]
        if heights.size and heights.min() < 0 < heights.max():
            self._add_curve(CriticalCurve(p, sympy.Integer(0)))
        elif not heights.size or np.abs(heights).min() <= 1e-3 * np.abs(heights).max():
            raise _GaveUp(f"cannot tell whether {p} = 0 inside the domain")

    def _univariate_pair(self, p: sympy.Expr, q: sympy.Expr, tag: bool) -> None:
        v, w = _variable_of(p), _variable_of(q)
        for s in self._roots(p, v):
            if v == w and _is_zero(q.subs(v, s)):
                self._add_line(v, s)
            elif v != w:
                for t in self._roots(q, w):
                    self._add_point({v: s, w: t}, tag)

    def _one_fixed(self, p: sympy.Expr, q: sympy.Expr, tag: bool) -> None:
        """p depends on one variable only: fix it at each root, then solve q."""
        v = _variable_of(p)
        w = y if v == x else x
        for s in self._roots(p, v):
            rest = sympy.simplify(q.subs(v, s))
            if rest == 0:
                self._add_line(v, s)
            elif w in rest.free_symbols:
                for t in self._roots(rest, w):
                    self._add_point({v: s, w: t}, tag)

    def _bivariate_pair(self, p: sympy.Expr, q: sympy.Expr, tag: bool) -> None:
        _require_polynomial(p)
        _require_polynomial(q)
        branches, points = _split_solutions(sympy.solve([p, q], [x, y], dict=True))
        for branch in branches:
            if _branch_inside(branch, self.box):
                self._add_curve(_branch_curve(*branch))
        for point in _completed(points, [p, q], self.box):
            self._add_point(point, tag)

    def _roots(self, p: sympy.Expr, var: sympy.Symbol) -> list[sympy.Expr]:
        """All roots of p(var) in var's range; gives up unless the set is finite."""
        roots = sympy.solveset(p, var, self.box.interval(var))
        if roots is sympy.S.EmptySet:
            return []
        if not isinstance(roots, sympy.FiniteSet):
            raise _GaveUp(f"cannot list the roots of {p}")
        return [r for r in roots if real_number(r) is not None]

    def _add_point(self, values: dict, tag: bool) -> None:
        xf, yf = real_number(values[x]), real_number(values[y])
        if xf is not None and yf is not None and self.box.contains(xf, yf):
            self.found.points.append(_Candidate(values[x], values[y], tag))

    def _add_line(self, var: sympy.Symbol, value: sympy.Expr) -> None:
        self._add_curve(_branch_curve(var, value))

    def _add_curve(self, curve: CriticalCurve) -> None:
        if all(c.text != curve.text for c in self.found.curves):
            self.found.curves.append(curve)


def _split_solutions(solutions: list[dict]) -> tuple[list[tuple], list[dict]]:
    """Solutions from ``sympy.solve`` as branches (var, g(other)) and points {x:, y:}."""
    branches, points = [], []
    for solution in solutions:
        free = set().union(*(sympy.sympify(v).free_symbols for v in solution.values()))
        if set(solution) == {x, y} and not free:
            points.append(solution)
        elif len(solution) == 1:
            branches.append(next(iter(solution.items())))
        else:
            raise _GaveUp(f"cannot use the solution {solution}")
    return branches, points


def _completed(points: list[dict], polys: list[sympy.Expr], box: _Box) -> list[dict]:
    """``points`` (from ``sympy.solve``) plus the real solutions of ``polys`` in the box they lack.

    ``sympy.solve`` silently leaves out the roots it cannot write in radicals:
    for x^5 y^3 - 3x^4 y + 2x y^6 - x^2 + x y^3 + 7 it gives 2 of the 5 critical
    points, the others being roots of a degree-27 eliminant. Its closed forms
    are kept; elimination supplies the rest, as Floats where they have none.
    """
    known = [(real_number(p[x]), real_number(p[y])) for p in points]
    known = [k for k in known if None not in k]
    extra = [s for s in _eliminated_points(polys, box)
             if all(np.hypot(*(real_number(s[v]) - k[i] for i, v in enumerate((x, y))))
                    > 1e-9 * box.size for k in known)]
    return points + extra


def _eliminated_points(polys: list[sympy.Expr], box: _Box) -> list[dict]:
    """Every real common zero of the polynomials in the box, with exact coordinates.

    Each coordinate of a solution is a real root of that variable's eliminant
    (the univariate polynomial of a lex Groebner basis), and real-root
    isolation misses none of those; the pairs of roots that solve the system
    are kept.
    """
    xs, ys = (_eliminant_roots(polys, var, box) for var in (x, y))
    return [{x: _readable(a), y: _readable(b)} for a in xs for b in ys if _solves(polys, a, b)]


def _readable(root: sympy.Expr) -> sympy.Expr:
    """A root as it is, or as a PRECISION-digit Float if it is only known as a ``CRootOf``."""
    return sympy.Float(sympy.N(root, PRECISION), PRECISION) if root.has(sympy.CRootOf) else root


def _eliminant_roots(polys: list[sympy.Expr], var: sympy.Symbol, box: _Box) -> list[sympy.Expr]:
    """The real roots in var's range of the polynomial in ``var`` alone that the system implies."""
    other = y if var == x else x
    basis = sympy.groebner(polys, other, var, order="lex")
    if basis.exprs == [1]:
        return []
    if not basis.is_zero_dimensional:
        raise _GaveUp(f"{polys} have infinitely many common zeros")
    roots = _unique(sympy.Poly(basis.exprs[-1], var).real_roots())
    return [r for r in roots if box.holds(var, real_number(r))]


def _solves(polys: list[sympy.Expr], a: sympy.Expr, b: sympy.Expr) -> bool:
    """Whether (a, b) is a common zero: each polynomial, at 2 PRECISION digits, is
    zero to PRECISION digits of the size of its terms."""
    at = {x: sympy.N(a, 2 * PRECISION), y: sympy.N(b, 2 * PRECISION)}
    for p in polys:
        terms = [t.subs(at) for t in sympy.Add.make_args(sympy.expand(p))]
        if abs(sum(terms)) > 10**-PRECISION * (1 + sum(abs(t) for t in terms)):
            return False
    return True


def _branch_curve(var: sympy.Symbol, value: sympy.Expr) -> CriticalCurve:
    return CriticalCurve(var, value, ((var, value),))


def _branch_inside(branch: tuple, box: _Box) -> bool:
    """Whether the branch var = g(other) is a real curve that crosses the box."""
    return len(_branch_samples(branch, box)) >= 2


def _branch_samples(branch: tuple, box: _Box) -> list[tuple[float, float]]:
    """Points (x, y) of the branch inside the box, sampled along the other variable."""
    var, value = branch
    other = y if var == x else x
    ts = np.linspace(*box.floats(other), CURVE_SAMPLES)
    vs = np.broadcast_to(numeric_function(value, (other,))(ts), ts.shape)
    pairs = [(v, t) if var == x else (t, v) for v, t in zip(vs, ts, strict=True) if np.isfinite(v)]
    return [p for p in pairs if box.contains(*p)]


def _same_zeros(p: sympy.Expr, q: sympy.Expr) -> bool:
    return sympy.expand(p - q) == 0 or sympy.expand(p + q) == 0


def _is_univariate(p: sympy.Expr) -> bool:
    return len(p.free_symbols & {x, y}) == 1


def _variable_of(p: sympy.Expr) -> sympy.Symbol:
    (var,) = p.free_symbols & {x, y}
    return var


def _require_polynomial(p: sympy.Expr) -> None:
    """Only polynomial systems are solved completely in two variables."""
    if not p.is_polynomial(x, y):
        raise _GaveUp(f"{p} is not a polynomial in x and y")


def _unique(items) -> list:
    return list(dict.fromkeys(items))


# ---------------------------------------------------------------- numeric search


class _GradientSystem:
    """grad f = 0 as a numeric system, with the Hessian as its Jacobian."""

    def __init__(self, problem: _Problem):
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


def _solve_numerically(problem: _Problem, exact_guess: bool = True) -> list[_Candidate]:
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


def _starts(box: _Box) -> list[np.ndarray]:
    """Cell centres of a START_GRID x START_GRID grid over the box."""
    def centres(var):
        low, high = box.floats(var)
        step = (high - low) / START_GRID
        return low + step * (np.arange(START_GRID) + 0.5)
    return [np.array([a, b]) for a in centres(x) for b in centres(y)]


def _candidate_from_root(root: tuple[float, float], problem: _Problem,
                         exact: bool = True) -> _Candidate:
    """The root refined: an exact point if ``exact`` and a guess verifies exactly, else
    floats (``precise`` if ``nsolve`` confirmed them)."""
    refined = _refined(root, problem)
    values = refined or tuple(sympy.Float(v) for v in root)
    guess = tuple(_guess_exact(v, problem.box.size) for v in values) if exact else (None,)
    if None not in guess and all(_is_zero(d.subs({x: guess[0], y: guess[1]}), problem.seconds)
                                 for d in problem.gradient):
        return _Candidate(*guess, from_gradient=True)
    return _Candidate(*(_rounded(v, problem.box.size) for v in values), from_gradient=True,
                      precise=refined is not None)


def _rounded(value: sympy.Expr, size: float) -> sympy.Float:
    """A float coordinate, with rounding noise around zero cleared."""
    number = float(value)
    return sympy.Float(0.0 if abs(number) <= 1e-12 * size else number)


def _refined(root: tuple[float, float], problem: _Problem) -> tuple[sympy.Expr, sympy.Expr] | None:
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


def _merge(kept: list[_Candidate], new: list[_Candidate],
           tolerance: float) -> list[_Candidate]:
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


def _distance(a: _Candidate, b: _Candidate) -> float:
    return float(np.hypot(a.floats[0] - b.floats[0], a.floats[1] - b.floats[1]))


# ---------------------------------------------------------------- curves


def _in_domain(curve: CriticalCurve, problem: _Problem) -> bool:
    """Whether f is defined somewhere along the curve (so not on the pole line x = 0 of
    4(x + y)/(xy), where both partials fail to exist), or the curve is not sampled."""
    samples = _curve_samples(curve, problem.box)
    return not samples or any(np.isfinite(problem.f_numeric(*p)) for p in samples)


def _curve_samples(curve: CriticalCurve, box: _Box) -> list[tuple[float, float]]:
    return [p for branch in curve.branches for p in _branch_samples(branch, box)]


def _curve_verified(curve: CriticalCurve, problem: _Problem) -> bool:
    """f is finite along the curve and its gradient vanishes or does not exist there."""
    for xf, yf in _curve_samples(curve, problem.box):
        if not np.isfinite(problem.f_numeric(xf, yf)):
            return False
        gradient = [g(xf, yf) for g in problem.gradient_numeric]
        if np.all(np.isfinite(gradient)) and not problem.flat(np.hypot(*gradient), xf, yf):
            return False
    return True


def _on_curve(candidate: _Candidate, curve: CriticalCurve) -> bool:
    value = real_number(curve.equation.subs(candidate.at))
    return value is not None and abs(value) <= 1e-9


# ---------------------------------------------------------------- classification


def _classify(candidate: _Candidate, problem: _Problem) -> CriticalPoint | str:
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


def _stationary_point(candidate: _Candidate, value: sympy.Expr,
                      problem: _Problem) -> CriticalPoint:
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


def _probe(candidate: _Candidate, value: sympy.Expr, problem: _Problem) -> Verdict:
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


def _point(candidate: _Candidate, value: sympy.Expr, second: tuple, D: sympy.Expr | None,
           verdict: Verdict, probe: Verdict | None, differentiable: bool) -> CriticalPoint:
    xf, yf = candidate.floats
    fxx, fyy, fxy = second
    return CriticalPoint(candidate.x, candidate.y, xf, yf, value, fxx, fyy, fxy, D,
                         verdict, probe, differentiable)


def _partial_exists(derivative: sympy.Expr, var: sympy.Symbol, candidate: _Candidate,
                    problem: _Problem) -> bool:
    """The formula for the partial is finite there and, at a kink or pole of the
    formula, the one-sided difference quotients of f agree."""
    if real_number(derivative.subs(candidate.at)) is None:
        return False
    if not _on_locus(_singular_bases(derivative), candidate):
        return True
    return _one_sided_slopes_agree(problem, candidate.floats, var)


def _one_sided_slopes_agree(problem: _Problem, point: tuple[float, float],
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


def _vanishes(derivative: sympy.Expr, candidate: _Candidate, problem: _Problem) -> bool:
    value = real_number(derivative.subs(candidate.at))
    return value is not None and (value == 0 or problem.flat(abs(value), *candidate.floats))


def _on_locus(bases: list[sympy.Expr], candidate: _Candidate) -> bool:
    """Whether one of ``bases`` is zero at the candidate."""
    values = (real_number(b.subs(candidate.at)) for b in bases)
    return any(v is not None and abs(v) <= 1e-12 for v in values)


def _second_derivative(expr: sympy.Expr, candidate: _Candidate,
                       seconds: float) -> sympy.Expr | None:
    """The exact second derivative at the point, None where it does not exist."""
    if _on_locus(_singular_bases(expr), candidate):
        return None
    return _exact_value(expr, candidate.at, seconds)


# ---------------------------------------------------------------- numbers


def _exact_value(expr: sympy.Expr, at: dict, seconds: float) -> sympy.Expr | None:
    """``expr`` at the point, simplified; None if it is not a finite real number."""
    value = simplified(expr.subs(at), seconds)
    return value if real_number(value) is not None else None


def _is_zero(expr: sympy.Expr, seconds: float | None = None) -> bool:
    """Whether ``expr`` is exactly zero (simplified within the limit if one is given)."""
    if expr == 0:
        return True
    if not expr.free_symbols and abs(complex(sympy.N(expr, 2 * PRECISION))) > 1e-40:
        return False  # a close guess is not an exact one
    return (sympy.simplify(expr) if seconds is None else simplified(expr, seconds)) == 0


def _float_or_none(expr: sympy.Expr | None) -> float | None:
    return None if expr is None else real_number(expr)

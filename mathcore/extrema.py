"""Critical points of f(x) on a closed x range, classified, and absolute extrema on an interval.

>>> from mathcore.symbols import x
>>> result = extrema(x**3 - 3*x, (-3, 3), interval=(-2, 3))
>>> [(str(p.x), str(p.type)) for p in result.points]
[('-1', 'local max'), ('1', 'local min')]
>>> [str(v) for v in result.absolute.min.xs], str(result.absolute.max.value)
(['-2', '1'], '18')

Critical points are the points of the range inside f's domain (f defined on
both sides) where f'(x) = 0 (``roots.real_roots`` on the closed range) or f'
does not exist (``lines.singular_derivatives``: |x| and x^(2/3) at 0, x^(1/3)
at 0 where the tangent is vertical). An end of f's domain (sqrt(x) at 0) is
not critical, as textbooks define it: it is listed among ``ends``, and it
counts for absolute extrema as an end of the interval.

>>> [(str(p.x), str(p.type)) for p in extrema(4*sympy.sqrt(x) - x**2, (-1, 5)).points]
[('1', 'local max')]
>>> [str(e.x) for e in extrema(4*sympy.sqrt(x) - x**2, (-1, 5)).ends]
['0']

With no range, the window is chosen (``extrema_window``): the interval with a
margin, else the critical points and domain ends a wide search finds (the
ones nearest 0), else [-3, 3].

>>> extrema(x**2, interval=(1, 5)).x_range
(0, 6)

Each critical point is classified by

* the second-derivative test where f'(c) = 0 and f''(c) exists and is not
  zero (f'' > 0: local min, f'' < 0: local max); otherwise
* the first-derivative test: the sign of f' halfway from c to the next
  critical point or gap of f on each side (10% of the range where there is
  none on that side, also beyond the range). f' keeps its sign between
  neighbouring critical points, so this one sample decides it.

Absolute extrema compare the exact values of f at the critical points in the
closed interval and at its ends; equal values give several x (x^3 - 3x on
[-2, 3] has its minimum -2 at x = -2 and x = 1). f must be defined on the
whole interval (a MathError otherwise: it may then have no extrema), and
the interval must lie inside the range.

f' = 0 on a whole piece of the range (f constant there) is a MathError:
every point there would be critical.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import sympy

from mathcore.deadline import DEFAULT_SECONDS
from mathcore.errors import MathError
from mathcore.lines import SIDE_PROBES, Derivative, singular_derivatives, value_at
from mathcore.numbers import exact_interval, function_of_x, real_number, same_number, simplified
from mathcore.numeric import numeric_function
from mathcore.roots import InfinitelyManyRoots, real_roots, singular_bases, undefined_set
from mathcore.symbols import x
from mathcore.verdicts import Verdict
from mathcore.window import padded_window
from mathcore.wording import where_text

SECOND_DERIVATIVE, FIRST_DERIVATIVE = "second derivative", "first derivative"
NO_NEIGHBOUR_STEP = 0.1  # fraction of the range probed where no neighbour bounds a side
WIDE_SEARCH = (-10, 10)  # where critical points are looked for to choose a window
NEAREST_SHOWN = 4        # a chosen window holds at most this many of them, those nearest 0
DEFAULT_WINDOW = (-3, 3)  # when the wide search finds nothing to show
POINTS_MARGIN = 0.1       # of their span, around the points a wide search found


@dataclass(frozen=True)
class CriticalPoint:
    """A critical point: x exact (or a Float), f there, its type and the test that gave it.

    ``stationary`` is True where f'(x) = 0, False where f' does not exist.
    """

    x: sympy.Expr
    xf: float
    value: sympy.Expr
    value_f: float
    type: Verdict  # local min, local max or neither
    test: str
    stationary: bool

    def to_json(self) -> dict:
        return {"x": str(self.x), "xf": self.xf, "value": str(self.value),
                "type": str(self.type)}


@dataclass(frozen=True)
class DomainEnd:
    """An end of f's domain inside the range (sqrt(x) at 0): not a critical point."""

    x: sympy.Expr
    xf: float
    value: sympy.Expr
    value_f: float

    def to_json(self) -> dict:
        return {"x": str(self.x), "xf": self.xf, "value": str(self.value)}


@dataclass(frozen=True)
class Extreme:
    """The absolute min or max: its value and every x where f takes it."""

    xs: tuple[sympy.Expr, ...]
    value: sympy.Expr

    def to_json(self) -> dict:
        return {"x": [str(v) for v in self.xs], "value": str(self.value)}


@dataclass(frozen=True)
class Absolute:
    """Absolute extrema of f on the closed ``interval``."""

    interval: tuple[sympy.Expr, sympy.Expr]
    min: Extreme
    max: Extreme

    def to_json(self) -> dict:
        return {"min": self.min.to_json(), "max": self.max.to_json()}


@dataclass(frozen=True)
class Extrema:
    """Critical points of f on the range (the window drawn), sorted by x, the ends of f's
    domain there, and absolute extrema if asked.

    ``complete`` is True when the exact solve of f' = 0 found every root.
    """

    function: sympy.Expr
    derivative: sympy.Expr
    second_derivative: sympy.Expr
    x_range: tuple[sympy.Expr, sympy.Expr]
    points: tuple[CriticalPoint, ...]
    ends: tuple[DomainEnd, ...]
    absolute: Absolute | None
    complete: bool

    def to_json(self) -> dict:
        return {
            "function": str(self.function),
            "window": [str(v) for v in self.x_range],
            "points": [p.to_json() for p in self.points],
            "ends": [e.to_json() for e in self.ends],
            "absolute": None if self.absolute is None else self.absolute.to_json(),
        }


@dataclass(frozen=True)
class _Problem:
    """f with its derivatives, the range, and what the sign probes need."""

    f: sympy.Expr
    fprime: sympy.Expr
    fsecond: sympy.Expr
    low: sympy.Expr
    high: sympy.Expr
    seconds: float

    @property
    def width(self) -> float:
        return real_number(self.high) - real_number(self.low)


def extrema(f: sympy.Expr, x_range: Sequence | None = None, interval: Sequence | None = None,
            seconds: float = DEFAULT_SECONDS) -> Extrema:
    """Classify the critical points of f on the closed ``x_range`` (chosen by
    ``extrema_window`` when None); absolute extrema on the closed ``interval`` when one
    is given."""
    f = function_of_x(f)
    if x_range is None:
        x_range = extrema_window(f, interval, seconds)
    low, high = exact_interval(x_range, "x range")
    ends = None if interval is None else _checked_interval(f, interval, low, high, seconds)
    fprime = sympy.diff(f, x)
    problem = _Problem(f, fprime, sympy.diff(fprime, x), low, high, seconds)
    stationary, complete = _stationary_points(problem)
    rough = singular_derivatives(f, (low, high), seconds)
    candidates = _merge(stationary, rough, 1e-9 * problem.width)
    barriers = sorted([real_number(c) for c, _ in candidates] + _gap_edges(problem))
    inner = [(c, d) for c, d in candidates if not _domain_end(c, problem)]
    points = tuple(_classify(c, d, problem, barriers) for c, d in inner)
    domain_ends = tuple(_end(c, problem) for c, _ in candidates if _domain_end(c, problem))
    return Extrema(
        function=f, derivative=fprime, second_derivative=problem.fsecond,
        x_range=(low, high), points=points, ends=domain_ends,
        absolute=None if ends is None else _absolute(f, ends, points, seconds),
        complete=complete,
    )


def extrema_window(f: sympy.Expr, interval: Sequence | None = None,
                   seconds: float = DEFAULT_SECONDS) -> tuple[sympy.Expr, sympy.Expr]:
    """The window for a lesson that gives none: the interval with a margin; else the
    critical points and domain ends on WIDE_SEARCH nearest 0, with a margin; else
    DEFAULT_WINDOW.

    >>> extrema_window(x**3 - 12*x)
    (-3, 3)
    """
    if interval is not None:
        a, b = exact_interval(interval)
        return padded_window(real_number(a), real_number(b))
    wide = extrema(f, WIDE_SEARCH, seconds=seconds)
    marks = sorted([p.xf for p in wide.points] + [e.xf for e in wide.ends], key=abs)
    if not marks:
        return tuple(sympy.Integer(v) for v in DEFAULT_WINDOW)
    shown = marks[:NEAREST_SHOWN]
    return padded_window(min(shown), max(shown), margin=POINTS_MARGIN)


def _checked_interval(f: sympy.Expr, interval: Sequence, low: sympy.Expr, high: sympy.Expr,
                      seconds: float) -> tuple[sympy.Expr, sympy.Expr]:
    """The interval's ends, inside the range, with f defined on the whole interval."""
    a, b = exact_interval(interval)
    if real_number(a) < real_number(low) or real_number(b) > real_number(high):
        raise MathError(f"the interval [{a}, {b}] is not inside the x range [{low}, {high}]")
    for end in (a, b):
        try:
            value_at(f, end, seconds)
        except MathError:
            raise MathError(f"f is undefined at x = {end}, an end of the interval "
                            f"[{a}, {b}]") from None
    gaps = undefined_set(f, (a, b), seconds)
    if gaps != sympy.EmptySet:
        raise MathError(f"f is undefined {where_text(gaps)}, inside the interval [{a}, {b}]: "
                        "it may have no absolute extrema there")
    return a, b


def _stationary_points(problem: _Problem) -> tuple[list[sympy.Expr], bool]:
    """Roots of f' in the closed range, and whether they are known to be all."""
    try:
        roots = real_roots(problem.fprime, (problem.low, problem.high), open_ends=False,
                           seconds=problem.seconds)
    except InfinitelyManyRoots:
        raise MathError(f"f' = 0 on a whole piece of [{problem.low}, {problem.high}]: f is "
                        "constant there, so every point there is critical") from None
    return [v for v in roots.values if not _underflow(v, problem)], roots.complete


def _underflow(c: sympy.Expr, problem: _Problem) -> bool:
    """Whether a root of f' found by the numeric search is only f' too small for floats
    (x e^(-x^2/2) at x = 10, where f' is about 1e-20; made exact as -12 elsewhere): f'
    keeps its sign across c and is as large beside c as at it, at 50 digits, so it is no
    zero on f's own scale."""
    step = sympy.Float(1e-3 * problem.width, 50)
    at, left, right = (sympy.N(problem.fprime.subs(x, sympy.N(c, 50) + d), 50)
                       for d in (0, -step, step))
    if not all(v.is_real for v in (at, left, right)) or left * right <= 0:
        return False
    return abs(at) > 1e-6 * max(abs(left), abs(right))


def _merge(stationary: list[sympy.Expr], rough: Sequence[Derivative],
           tolerance: float) -> list[tuple[sympy.Expr, Derivative | None]]:
    """Critical candidates sorted by x: (x, None) for f' = 0 from the formula, (x, the
    Derivative) where the formula fails. A point where f' exists but is not 0 is dropped."""
    kept = [(d.at, d) for d in rough if not d.exists or d.value == 0]
    for value in stationary:
        if all(abs(real_number(value) - real_number(at)) > tolerance for at, _ in kept):
            kept.append((value, None))
    return sorted(kept, key=lambda item: real_number(item[0]))


def _gap_edges(problem: _Problem) -> list[float]:
    """Ends of the pieces of the range where f is undefined: f' may change sign there."""
    gaps = undefined_set(problem.f, (problem.low, problem.high), problem.seconds)
    return [] if gaps == sympy.EmptySet else [real_number(e) for e in gaps.boundary]


def _domain_end(c: sympy.Expr, problem: _Problem) -> bool:
    """Whether f is undefined just to one side of c: c ends f's domain, it is not interior."""
    probes = real_number(c) + np.outer((-1, 1), SIDE_PROBES).ravel()
    values = np.broadcast_to(numeric_function(problem.f, (x,))(probes), probes.shape)
    return not bool(np.all(np.isfinite(values)))


def _end(c: sympy.Expr, problem: _Problem) -> DomainEnd:
    value = value_at(problem.f, c, problem.seconds)
    return DomainEnd(c, real_number(c), value, real_number(value))


def _classify(c: sympy.Expr, derivative: Derivative | None, problem: _Problem,
              barriers: list[float]) -> CriticalPoint:
    stationary = derivative is None or derivative.exists
    second = _second_derivative_sign(c, problem) if stationary else 0
    if second:
        kind, test = (Verdict.LOCAL_MIN if second > 0 else Verdict.LOCAL_MAX), SECOND_DERIVATIVE
    else:
        kind, test = _first_derivative_test(c, problem, barriers), FIRST_DERIVATIVE
    value = value_at(problem.f, c, problem.seconds)
    return CriticalPoint(c, real_number(c), value, real_number(value), kind, test, stationary)


def _second_derivative_sign(c: sympy.Expr, problem: _Problem) -> int:
    """The sign of f''(c): 0 when it is zero or does not exist there."""
    fsecond = problem.fsecond
    for base in singular_bases(fsecond):
        at = real_number(base.subs(x, c))
        if at is not None and abs(at) <= 1e-12:
            return 0
    value = simplified(fsecond.subs(x, c), problem.seconds)
    number = real_number(value)
    if number is None:
        return 0
    if not value.has(sympy.Float):
        for decided, sign in ((value.is_zero, 0), (value.is_positive, 1), (value.is_negative, -1)):
            if decided:
                return sign
    return 0 if abs(number) <= 1e-9 else int(np.sign(number))


def _first_derivative_test(c: sympy.Expr, problem: _Problem,
                           barriers: list[float]) -> Verdict:
    """The type of c from the signs of f' on its two sides."""
    center = real_number(c)
    fprime = numeric_function(problem.fprime, (x,))
    signs = []
    for side in (-1, 1):
        beyond = [abs(b - center) for b in barriers if side * (b - center) > 1e-12 * problem.width]
        step = min(beyond) / 2 if beyond else NO_NEIGHBOUR_STEP * problem.width
        slope = fprime(center + side * step)
        signs.append(int(np.sign(slope)) if np.isfinite(slope) else None)
    left, right = signs
    if left is None or right is None:
        raise MathError(f"cannot tell the sign of f' beside x = {c}")
    if left < 0 < right:
        return Verdict.LOCAL_MIN
    if left > 0 > right:
        return Verdict.LOCAL_MAX
    return Verdict.NEITHER


def _absolute(f: sympy.Expr, ends: tuple[sympy.Expr, sympy.Expr],
              points: Sequence[CriticalPoint], seconds: float) -> Absolute:
    """Compare f at the critical points inside ``ends`` and at the two ends."""
    low, high = (real_number(e) for e in ends)
    slack = 1e-12 * (high - low)
    inside = [(p.x, p.value) for p in points if low - slack <= p.xf <= high + slack]
    candidates = [(e, value_at(f, e, seconds)) for e in ends] + inside
    distinct = {real_number(c): (c, v) for c, v in candidates}
    ordered = sorted(distinct.values(), key=lambda item: real_number(item[0]))
    return Absolute(ends, _extreme(ordered, min, seconds), _extreme(ordered, max, seconds))


def _extreme(candidates: list[tuple[sympy.Expr, sympy.Expr]], pick, seconds: float) -> Extreme:
    """The smallest or largest value (``pick`` is min or max) and every x giving it."""
    best = pick(candidates, key=lambda item: real_number(item[1]))[1]
    xs = tuple(c for c, v in candidates if same_number(v, best, seconds))
    return Extreme(xs, best)

"""The contour map of f(x, y): level values, level curves, gradient arrows.

>>> from mathcore.parse import parse_formula
>>> saddle = parse_formula("x^2 - y^2")
>>> levels(saddle, (-2, 2), (-2, 2), 4)
(-2.0, 0.0, 2.0)
>>> len(contour_lines(saddle, (-2, 2.3), (-1.7, 2), 0.0, saddles=[(0.0, 0.0)]))
4

``levels`` with a count gives round values (1, 2, 2.5 or 5 times a power of
ten, as many as fit the count) strictly inside the range f takes on the window
(sampled, a spike clipped as ``window.robust_range`` does), and always the
level of each saddle in the window, so that the X of a pass is drawn: a round
value nearer a saddle's level than a third of the spacing gives way to it. So
that each pit and peak stands inside a closed ring, a pit (peak) whose nearest
level above (below) is a saddle's, or who has none, gains one halfway there
(half a spacing with none). A list of values is used as given, sorted.

``contour_lines`` draws one level by the marching squares of
``implicit.curve_branches`` on f - level. Where the level is a saddle's own,
the two branches through the saddle are pinned to it (their vertex nearest
the saddle, within PIN cells, is moved onto it) and cut there, so that four
arms meet exactly at the pass instead of turning away a cell before it.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import sympy

from mathcore.critical import CriticalAnalysis, critical_points
from mathcore.deadline import DEFAULT_SECONDS
from mathcore.errors import MathError
from mathcore.implicit import CURVE_SAMPLES, curve_branches
from mathcore.numbers import exact_interval
from mathcore.numeric import numeric_function, sample_grid
from mathcore.symbols import x, y
from mathcore.verdicts import Verdict
from mathcore.window import robust_range

DEFAULT_LEVELS = 10
MOST_LEVELS = 40
LEVEL_SAMPLES = 101       # grid points per side, sampling the range of f
ROUND_FACTORS = (1, 2, 2.5, 5)
SADDLE_ROOM = 1 / 3       # a round level this near a saddle's (times the spacing) gives way
PIN = 3                   # a branch this many cells from a saddle at its level passes through it
ARROW_GRID = 9            # arrows per side
ARROW_CAP = 0.8           # the longest arrow, as a fraction of the arrows' spacing
ARROW_TYPICAL = 90        # the percentile of |grad f| drawn at full length (steeper is capped)
FLAT = 1e-9               # no arrow where |grad f| is below this times its largest (rounding)


@dataclass(frozen=True)
class LevelCurve:
    """The curve f = ``level`` as polylines of (x, y) rows; a closed loop ends where it
    starts."""

    level: float
    branches: tuple[np.ndarray, ...]


@dataclass(frozen=True)
class Arrow:
    """grad f at ``base``: its unit ``direction`` (uphill), the drawn ``length`` and
    |grad f| itself (``size``)."""

    base: tuple[float, float]
    direction: tuple[float, float]
    length: float
    size: float


@dataclass(frozen=True)
class ContourAnalysis:
    """The contour map of f on the window: its levels, their curves, the gradient
    arrows and f's critical points (``critical``, as the critical_points kind has them)."""

    function: sympy.Expr
    x_range: tuple[sympy.Expr, sympy.Expr]
    y_range: tuple[sympy.Expr, sympy.Expr]
    levels: tuple[float, ...]
    curves: tuple[LevelCurve, ...]
    arrows: tuple[Arrow, ...]
    critical: CriticalAnalysis

    def rings(self, point: tuple[float, float]) -> list[np.ndarray]:
        """The closed level curves (loops, or lobes from a pass back to it) that go
        round ``point``."""
        return [b for c in self.curves for b in c.branches
                if len(b) > 3 and np.array_equal(b[0], b[-1]) and _inside(point, b)]

    def ringed(self, point: tuple[float, float]) -> bool:
        """Whether a closed level curve goes round ``point``."""
        return bool(self.rings(point))

    def to_json(self) -> dict:
        return {"function": str(self.function), "levels": list(self.levels),
                "critical": self.critical.to_json()}


def contour(f: sympy.Expr, x_range: Sequence | None = None, y_range: Sequence | None = None,
            count_or_values: int | Sequence = DEFAULT_LEVELS, arrows: int = ARROW_GRID,
            seconds: float = DEFAULT_SECONDS,
            critical: CriticalAnalysis | None = None) -> ContourAnalysis:
    """The contour map of f; a range left None is chosen to hold the critical points
    (``critical.critical_window``). ``arrows`` per side, 0 for none. ``critical`` is f's
    analysis on the ranges when the caller has it already (found when None)."""
    if critical is None:
        critical = critical_points(f, (x_range, y_range), seconds)
    window = critical.window
    values = levels(f, *window, count_or_values, critical)
    passes = _saddles(critical)
    curves = tuple(LevelCurve(v, tuple(contour_lines(
        f, *window, v, [p for p, level in passes if _same_level(level, v)])))
        for v in values)
    return ContourAnalysis(critical.function, *window, values, curves,
                           gradient_arrows(f, *window, arrows) if arrows else (), critical)


# ---------------------------------------------------------------- levels


def levels(f: sympy.Expr, x_range: Sequence, y_range: Sequence,
           count_or_values: int | Sequence = DEFAULT_LEVELS,
           critical: CriticalAnalysis | None = None) -> tuple[float, ...]:
    """The level values to draw: round ones and each saddle's (for a count), or the
    values given. ``critical`` is f's analysis on this window (found when None)."""
    if not isinstance(count_or_values, (int, bool)):
        return _given_levels(count_or_values)
    if isinstance(count_or_values, bool) or not 1 <= count_or_values <= MOST_LEVELS:
        raise MathError(f"levels: a count from 1 to {MOST_LEVELS}, or a list of values "
                        f"(got {count_or_values})")
    low, high = robust_range(sample_grid(f, x_range, y_range, LEVEL_SAMPLES)[2])
    chosen, spacing = round_levels(low, high, count_or_values)
    if critical is None:
        critical = critical_points(f, (x_range, y_range))
    passes = [level for _, level in _saddles(critical)]
    for level in passes:
        chosen = [v for v in chosen if abs(v - level) >= SADDLE_ROOM * spacing] + [level]
    chosen += _rings(critical, chosen, passes, spacing)
    return tuple(sorted(set(chosen)))


def _rings(critical: CriticalAnalysis, chosen: list[float], passes: list[float],
           spacing: float) -> list[float]:
    """A level for each pit (peak) whose nearest level above (below) is a pass's or
    none: halfway to it, or half a spacing on, so that a closed ring surrounds it."""
    added = []
    for p in critical.points:
        verdict = p.probe if p.type == Verdict.INCONCLUSIVE else p.type
        if verdict not in (Verdict.LOCAL_MIN, Verdict.LOCAL_MAX):
            continue
        value, up = float(p.value), verdict == Verdict.LOCAL_MIN
        beyond = [v for v in chosen if (v > value if up else v < value)]
        if not beyond:
            added.append(_tidy(value + (spacing if up else -spacing) / 2, value))
            continue
        nearest = min(beyond) if up else max(beyond)
        if any(_same_level(nearest, level) for level in passes):
            added.append(_tidy((value + nearest) / 2, value, nearest))
    return added


def _tidy(level: float, *between: float) -> float:
    """``level`` to three significant digits, unless that would reach a bound."""
    short = float(f"{level:.3g}")
    return short if all(not _same_level(short, b) for b in between) else level


def round_levels(low: float, high: float, count: int) -> tuple[list[float], float]:
    """The multiples of the finest round spacing of which at most ``count`` lie strictly
    between ``low`` and ``high``, and that spacing.

    >>> round_levels(-4.2, 4.7, 5)
    ([-4.0, -2.0, 0.0, 2.0, 4.0], 2.0)
    >>> round_levels(0.0, 1.0, 3)
    ([0.25, 0.5, 0.75], 0.25)
    """
    def inside(spacing: float) -> range:
        return range(math.floor(low / spacing) + 1, math.ceil(high / spacing))

    power = math.floor(math.log10((high - low) / count)) - 1  # 10^(power + 2) always fits
    factor, exponent = next((f, e) for e in range(power, power + 3) for f in ROUND_FACTORS
                            if len(inside(f * 10.0**e)) <= count)
    spacing = factor * 10.0**exponent
    return [float(f"{m * factor}e{exponent}") for m in inside(spacing)], spacing


def _given_levels(values: Sequence) -> tuple[float, ...]:
    """The values, checked: finite real numbers, no two alike, at most MOST_LEVELS."""
    try:
        numbers = [_level_number(v) for v in values]
    except (TypeError, ValueError):
        raise MathError(f"levels: each value must be a finite real number "
                        f"(got {values})") from None
    if not 1 <= len(numbers) <= MOST_LEVELS:
        raise MathError(f"levels: from 1 to {MOST_LEVELS} values (got {len(numbers)})")
    if len(set(numbers)) < len(numbers):
        raise MathError(f"levels: a value is given twice (got {values})")
    return tuple(sorted(numbers))


def _level_number(value) -> float:
    if isinstance(value, (bool, str)):
        raise TypeError(value)
    number = float(value)
    if not math.isfinite(number):
        raise ValueError(value)
    return number


def _saddles(critical: CriticalAnalysis) -> list[tuple[tuple[float, float], float]]:
    """The passes (saddles, or points the probe finds to be saddles) and f there."""
    return [((p.xf, p.yf), float(p.value)) for p in critical.points
            if Verdict.SADDLE in (p.type, p.probe)]


def _same_level(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-9 * (1 + abs(a))


# ---------------------------------------------------------------- level curves


def contour_lines(f: sympy.Expr, x_range: Sequence, y_range: Sequence, level: float,
                  saddles: Sequence[tuple[float, float]] = (),
                  samples: int = CURVE_SAMPLES) -> list[np.ndarray]:
    """The curve f = ``level`` in the window as polylines, pinned to and cut at each of
    ``saddles`` (points where f has a pass at this level)."""
    F = f - sympy.nsimplify(level, rational=True)
    if F.free_symbols and y not in F.free_symbols:  # f of x alone: trace it with x as y
        swapped = curve_branches(F.subs(x, y), y_range, x_range, samples)
        branches = [b[:, ::-1] for b in swapped]
    else:
        branches = curve_branches(F, x_range, y_range, samples) if F.free_symbols else []
    if not saddles:
        return branches
    cell = max((float(r[1]) - float(r[0])) / (samples - 1) for r in (x_range, y_range))
    points = np.array(saddles, dtype=float)
    return [piece for b in branches for piece in _pinned(b, points, PIN * cell)]


def _pinned(branch: np.ndarray, saddles: np.ndarray, reach: float) -> list[np.ndarray]:
    """The branch cut at the saddles (rows): each pass within ``reach`` of one has its
    nearest vertex moved onto it (a figure eight passes its saddle twice)."""
    closed = len(branch) > 2 and np.array_equal(branch[0], branch[-1])
    near, distances = _nearness(branch, saddles, reach)
    if (near < 0).all() or (near >= 0).all():
        return [branch]
    if closed:  # start the loop away from the saddles, so that no pass wraps round its end
        loop = np.roll(branch[:-1], -int(np.argmax(near < 0)), axis=0)
        branch = np.vstack([loop, loop[:1]])
        near, distances = _nearness(branch, saddles, reach)
    runs = np.split(np.arange(len(branch)), np.flatnonzero(np.diff(near)) + 1)
    cuts = [int(r[np.argmin(distances[r])]) for r in runs if near[r[0]] >= 0]
    branch = branch.copy()
    branch[cuts] = saddles[near[cuts]]
    pieces = [branch[a:b + 1] for a, b in zip([0, *cuts], [*cuts, len(branch) - 1])]
    if closed:  # the first and last pieces meet where the loop was opened
        pieces = [np.vstack([pieces[-1], pieces[0][1:]]), *pieces[1:-1]]
    return [piece for piece in pieces if len(piece) >= 2]


def _inside(point: tuple[float, float], loop: np.ndarray) -> bool:
    """Whether ``point`` lies inside the closed polyline (the even-odd rule)."""
    (px, py), (ax, ay), (bx, by) = point, loop[:-1].T, loop[1:].T
    crosses = (ay > py) != (by > py)
    with np.errstate(divide="ignore", invalid="ignore"):
        at = ax + (py - ay) * (bx - ax) / (by - ay)
    return bool(np.count_nonzero(crosses & (px < at)) % 2)


def _nearness(branch: np.ndarray, saddles: np.ndarray, reach: float):
    """For each vertex the saddle within ``reach`` (its row, -1 for none) and the distance
    to the nearest saddle."""
    distances = np.hypot(branch[:, None, 0] - saddles[None, :, 0],
                         branch[:, None, 1] - saddles[None, :, 1])
    nearest = distances.argmin(axis=1)
    least = distances.min(axis=1)
    return np.where(least <= reach, nearest, -1), least


# ---------------------------------------------------------------- gradient arrows


def gradient_arrows(f: sympy.Expr, x_range: Sequence, y_range: Sequence,
                    count: int = ARROW_GRID) -> tuple[Arrow, ...]:
    """grad f at the centres of a count x count grid of cells, pointing uphill, the
    length proportional to |grad f| with the ARROW_TYPICAL percentile drawn ARROW_CAP of
    a cell long, and none longer; none where grad f is 0 or undefined."""
    if isinstance(count, bool) or not isinstance(count, int) or count < 1:
        raise MathError(f"arrows: a whole number per side, at least 1 (got {count})")
    (x0, x1), (y0, y1) = (tuple(float(v) for v in exact_interval(r)) for r in (x_range, y_range))
    xs = x0 + (np.arange(count) + 0.5) * (x1 - x0) / count
    ys = y0 + (np.arange(count) + 0.5) * (y1 - y0) / count
    grid_x, grid_y = (g.ravel() for g in np.meshgrid(xs, ys))
    gradient = [np.broadcast_to(numeric_function(sympy.diff(f, v), (x, y))(grid_x, grid_y),
                                grid_x.shape) for v in (x, y)]
    sizes = np.hypot(*gradient)
    finite = np.isfinite(sizes)
    usable = finite & (sizes > FLAT * (sizes[finite].max() if finite.any() else 0))
    if not usable.any():
        return ()
    cap = ARROW_CAP * min(x1 - x0, y1 - y0) / count
    scale = cap / np.percentile(sizes[usable], ARROW_TYPICAL)
    return tuple(Arrow((float(grid_x[i]), float(grid_y[i])),
                       (float(gradient[0][i] / sizes[i]), float(gradient[1][i] / sizes[i])),
                       float(min(cap, scale * sizes[i])), float(sizes[i]))
                 for i in np.flatnonzero(usable))

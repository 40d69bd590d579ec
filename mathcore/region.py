"""Absolute extrema of f(x, y) on a closed, bounded region.

>>> from mathcore.symbols import x, y
>>> result = absolute_extrema(x**2 + y**2 - 2*x, Rectangle((0, 2), (-1, 1)))
>>> str(result.maximum.value), len(result.maximum.points), str(result.minimum.value)
('1', 4, '-1')
>>> [c.where for c in result.candidates if c.valuef == -1]
['interior']

The region is a ``Rectangle``, a ``Disk``, a ``Polygon`` (its vertices in order)
or ``Inequalities`` (one or more of the form lhs <= rhs or lhs >= rhs; a disk is
the one inequality (x - h)^2 + (y - k)^2 <= r^2).

The candidates:

* interior: the critical points of f (``critical_points`` on a box around the
  region, so also where a partial derivative does not exist) inside the region;
* edge: on each side of a polygon, where the derivative of f along the side
  vanishes (``real_roots`` on the open side); on each curve h = 0 of an
  inequality, the Lagrange candidates (``constrained_candidates``) where the
  other inequalities hold strictly;
* corner: the vertices of a polygon; the points where two inequalities'
  curves meet inside the region.

f is evaluated at all of them; the largest and smallest values are the absolute
maximum and minimum. Both are checked against f on a dense grid of the region
and samples of its boundary: a sample beyond them raises MathError.
``complete`` is False when one of the searches could not be proved complete.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import sympy

from mathcore.critical import critical_points
from mathcore.deadline import DEFAULT_SECONDS, time_limit
from mathcore.errors import MathError, SolveTimeout
from mathcore.lagrange import Extremum, constrained_candidates, constraint_samples
from mathcore.numbers import (
    SYMPY_GAVE_UP,
    exact_interval,
    exact_number,
    real_number,
    same_number,
    shown,
    simplified,
)
from mathcore.numeric import numeric_function
from mathcore.roots import InfinitelyManyRoots, real_roots
from mathcore.symbols import x, y
from mathcore.window import padded_window

INTERIOR, EDGE, CORNER = "interior", "edge", "corner"
SEARCH_HALVES = (10, 100, 1000)  # an inequality region is looked for in [-h, h]^2
SEARCH_GRID = 201                # on a grid of this many points per side
CHECK_GRID = 201                 # the check samples the region on such a grid
EDGE_SAMPLES = 400               # and each polygon side at this many points
BEATEN = 1e-7                    # a sample beyond an extremum by more than this, relative
SAME_POINT = 1e-9                # candidates closer than this (x the region's size) are one


@dataclass(frozen=True)
class Rectangle:
    """a <= x <= b, c <= y <= d: ``x = (a, b)``, ``y = (c, d)``."""

    x: tuple
    y: tuple


@dataclass(frozen=True)
class Disk:
    """(x - h)^2 + (y - k)^2 <= r^2: ``center = (h, k)``, ``radius = r``."""

    center: tuple
    radius: object


@dataclass(frozen=True)
class Polygon:
    """The polygon with these vertices, in order around it."""

    vertices: tuple


@dataclass(frozen=True)
class Inequalities:
    """The points where every condition (sympy ``<=`` or ``>=``) holds."""

    conditions: tuple


@dataclass(frozen=True)
class RegionCandidate:
    """A candidate point, where it lies (interior, edge or corner) and f there."""

    point: tuple[sympy.Expr, sympy.Expr]
    pointf: tuple[float, float]
    where: str
    value: sympy.Expr
    valuef: float

    def to_json(self) -> dict:
        return {"point": [str(v) for v in self.point], "pointf": list(self.pointf),
                "where": self.where, "value": str(self.value), "valuef": self.valuef}


@dataclass(frozen=True)
class RegionAnalysis:
    """The candidates (interior, then edge, then corner ones, each by coordinates) and
    the absolute maximum and minimum; ``box`` holds the region (exact ends)."""

    function: sympy.Expr
    region: Rectangle | Disk | Polygon | Inequalities
    candidates: tuple[RegionCandidate, ...]
    maximum: Extremum
    minimum: Extremum
    complete: bool
    box: tuple[tuple[sympy.Expr, sympy.Expr], tuple[sympy.Expr, sympy.Expr]]

    def to_json(self) -> dict:
        return {"max": self.maximum.to_json(), "min": self.minimum.to_json(),
                "candidates": [c.to_json() for c in self.candidates]}


def absolute_extrema(function: sympy.Expr, region: Rectangle | Disk | Polygon | Inequalities,
                     seconds: float = DEFAULT_SECONDS) -> RegionAnalysis:
    """The absolute maximum and minimum of f(x, y) on the closed ``region``.

    ``seconds`` bounds each symbolic step (see ``critical_points`` and ``lagrange``).
    """
    f = sympy.sympify(function, strict=True)
    if not f.free_symbols <= {x, y}:
        raise MathError("f must depend on x and y only")
    shape = _shape(region)
    found, complete = shape.candidates(f, seconds)
    interior = critical_points(f, shape.box, seconds)
    found += [(p.x, p.y, INTERIOR) for p in interior.points]
    candidates = _evaluated(f, _distinct(found, shape), shape, seconds)
    maximum, minimum = (_extremum(candidates, sign, seconds) for sign in (1, -1))
    _check(f, shape, maximum, minimum)
    return RegionAnalysis(f, region, tuple(candidates), maximum, minimum,
                          complete and interior.complete, shape.box)


def region_box(region: Rectangle | Disk | Polygon | Inequalities
               ) -> tuple[tuple[sympy.Expr, sympy.Expr], tuple[sympy.Expr, sympy.Expr]]:
    """The box around ``region`` (exact ends), checking it as ``absolute_extrema`` does:
    MathError for a polygon with no area or inequalities that hold nowhere or unboundedly."""
    return _shape(region).box


# ---------------------------------------------------------------- shapes


class _Polygon:
    """A polygon's box, membership test and candidates on its sides and corners."""

    def __init__(self, vertices: Sequence):
        self.vertices = [tuple(exact_number(c, "a vertex coordinate") for c in v)
                         for v in vertices]
        if len(self.vertices) < 3 or any(len(v) != 2 for v in self.vertices):
            raise MathError("a polygon needs at least three vertices [x, y]")
        self.floats = np.array([[float(c) for c in v] for v in self.vertices])
        if abs(_area(self.floats)) <= 1e-12 * np.ptp(self.floats, axis=0).max() ** 2:
            raise MathError("the polygon's vertices enclose no area")
        self.box = tuple((min(c), max(c)) for c in zip(*self.vertices))
        self.size = float(np.ptp(self.floats, axis=0).max())

    def sides(self) -> list[tuple[tuple, tuple]]:
        return list(zip(self.vertices, self.vertices[1:] + self.vertices[:1]))

    def inside(self, points: np.ndarray, slack: float = 0.0) -> np.ndarray:
        """Whether each point is in the closed polygon (even-odd rule, sides included;
        ``slack`` is for the inequalities' test and not needed here)."""
        a, b = self.floats, np.roll(self.floats, -1, axis=0)
        px, py = points[:, 0:1], points[:, 1:2]
        with np.errstate(all="ignore"):
            crosses = ((a[:, 1] > py) != (b[:, 1] > py)) & (
                px < a[:, 0] + (py - a[:, 1]) * (b[:, 0] - a[:, 0]) / (b[:, 1] - a[:, 1]))
        return (np.count_nonzero(crosses, axis=1) % 2 == 1) | self._on_sides(points)

    def _on_sides(self, points: np.ndarray) -> np.ndarray:
        near = np.zeros(len(points), dtype=bool)
        for a, b in zip(self.floats, np.roll(self.floats, -1, axis=0)):
            t = np.clip((points - a) @ (b - a) / ((b - a) @ (b - a)), 0, 1)
            gap = np.linalg.norm(points - (a + t[:, None] * (b - a)), axis=1)
            near |= gap <= SAME_POINT * self.size
        return near

    def candidates(self, f: sympy.Expr, seconds: float) -> tuple[list[tuple], bool]:
        """The corners, and the points of each side where f along it is stationary."""
        found = [(*v, CORNER) for v in self.vertices]
        complete = True
        for start, end in self.sides():
            points, done = _side_points(f, start, end, seconds)
            found += [(*p, EDGE) for p in points]
            complete &= done
        return found, complete

    def boundary_samples(self) -> np.ndarray:
        t = np.linspace(0, 1, EDGE_SAMPLES)[:, None]
        return np.concatenate([a + t * (b - a) for a, b in
                               zip(self.floats, np.roll(self.floats, -1, axis=0))])


def _area(vertices: np.ndarray) -> float:
    """The signed area of a polygon (the shoelace formula)."""
    following = np.roll(vertices, -1, axis=0)
    return float(np.sum(vertices[:, 0] * following[:, 1] - following[:, 0] * vertices[:, 1]) / 2)


def _side_points(f: sympy.Expr, start: tuple, end: tuple,
                 seconds: float) -> tuple[list[tuple], bool]:
    """Points strictly inside the side start -> end where d/dt f(start + t (end - start))
    vanishes (t is written as x for ``real_roots``)."""
    along = {x: start[0] + x * (end[0] - start[0]), y: start[1] + x * (end[1] - start[1])}
    slope = sympy.diff(f.subs(along, simultaneous=True), x)
    try:
        roots = real_roots(slope, (0, 1), open_ends=True, seconds=seconds)
    except InfinitelyManyRoots:
        return [], True  # f is constant along the side: its corners hold its value
    points = [tuple(shown(simplified(along[v].subs(x, t), seconds)) for v in (x, y))
              for t in roots.values]
    return points, roots.complete


class _Inequalities:
    """A region h_i <= 0: its box, membership test, edge and corner candidates."""

    def __init__(self, conditions: Sequence):
        self.parts = [_nonpositive_part(c) for c in conditions]
        if not self.parts:
            raise MathError("a region needs at least one inequality")
        if not set().union(*(p.free_symbols for p in self.parts)) <= {x, y}:
            raise MathError("the region's inequalities may use x and y only")
        self.numeric = [numeric_function(p, (x, y)) for p in self.parts]
        lows, highs = _search_box(self)
        self.floats_box = tuple(zip(lows, highs))
        self.box = tuple(padded_window(a, b, 0.02, 1e-3 * float(max(highs - lows)))
                         for a, b in zip(lows, highs))
        self.size = float(max(highs - lows))

    def values(self, points: np.ndarray) -> np.ndarray:
        """h_i at each point: shape (m, number of inequalities)."""
        return np.column_stack([np.broadcast_to(h(points[:, 0], points[:, 1]), len(points))
                                for h in self.numeric])

    def inside(self, points: np.ndarray, slack: float = 0.0) -> np.ndarray:
        with np.errstate(invalid="ignore"):
            return np.all(self.values(points) <= slack, axis=1)

    def candidates(self, f: sympy.Expr, seconds: float) -> tuple[list[tuple], bool]:
        """Lagrange candidates on each curve h_i = 0 (the others strictly < 0), and the
        points where two curves meet in the region."""
        found, complete = [], True
        for i, part in enumerate(self.parts):
            others = [-p for j, p in enumerate(self.parts) if j != i]
            edge, done = constrained_candidates(f, [part], others, self.floats_box, seconds)
            found += [(*c.point, EDGE) for c in edge]
            complete &= done
        for a, b in itertools.combinations(self.parts, 2):
            corners, done = _meeting_points(a, b, seconds)
            found += [(*p, CORNER) for p in corners]
            complete &= done
        return found, complete

    def boundary_samples(self) -> np.ndarray:
        """Samples of each curve h_i = 0 where the other inequalities hold."""
        pieces = []
        for i, part in enumerate(self.parts):
            samples = constraint_samples([part], self.floats_box)
            others = np.delete(self.values(samples), i, axis=1)
            with np.errstate(invalid="ignore"):
                pieces.append(samples[np.all(others <= 0, axis=1)])
        return np.concatenate(pieces)


def _nonpositive_part(condition) -> sympy.Expr:
    """lhs <= rhs (or rhs >= lhs) as lhs - rhs, which is <= 0 in the region."""
    if isinstance(condition, sympy.LessThan):
        return condition.lhs - condition.rhs
    if isinstance(condition, sympy.GreaterThan):
        return condition.rhs - condition.lhs
    raise MathError(f"a closed region takes inequalities with <= or >= (got {condition})")


def _search_box(region: _Inequalities) -> tuple[np.ndarray, np.ndarray]:
    """The region's extent, from grids on growing squares: (lows, highs) of (x, y)."""
    for half in SEARCH_HALVES:
        axis = np.linspace(-half, half, SEARCH_GRID)
        points = np.stack([a.ravel() for a in np.meshgrid(axis, axis)], axis=1)
        held = region.inside(points)
        if not held.any():
            continue
        ring = (np.abs(points) >= half).any(axis=1)
        if (held & ring).any():
            continue
        step = axis[1] - axis[0]
        return points[held].min(axis=0) - step, points[held].max(axis=0) + step
    if held.any():
        raise MathError("the region is not bounded")
    raise MathError("no point satisfies the region's inequalities")


def _meeting_points(a: sympy.Expr, b: sympy.Expr,
                    seconds: float) -> tuple[list[tuple], bool]:
    """The real points where a = 0 and b = 0, exactly; whether that is all of them."""
    try:
        with time_limit(seconds, "find where the region's edges meet"):
            solutions = sympy.solve([a, b], [x, y], dict=True)
    except (SolveTimeout, *SYMPY_GAVE_UP):
        return [], False
    points, complete = [], True
    for solution in solutions:
        values = [solution.get(v) for v in (x, y)]
        if any(v is None or v.free_symbols for v in values):
            complete = False  # the two curves share a piece
        elif all(real_number(v) is not None for v in values):
            points.append(tuple(shown(v) for v in values))
    return points, complete


def _shape(region) -> _Polygon | _Inequalities:
    """The region as a polygon or as inequalities."""
    if isinstance(region, Rectangle):
        (a, b), (c, d) = exact_interval(region.x, "x range"), exact_interval(region.y, "y range")
        return _Polygon([(a, c), (b, c), (b, d), (a, d)])
    if isinstance(region, Polygon):
        return _Polygon(region.vertices)
    if isinstance(region, Disk):
        h, k = (exact_number(c, "the centre") for c in region.center)
        r = exact_number(region.radius, "the radius")
        if not real_number(r) > 0:
            raise MathError(f"a disk's radius must be positive (got {r})")
        return _Inequalities([sympy.Le((x - h) ** 2 + (y - k) ** 2, r**2)])
    if isinstance(region, Inequalities):
        return _Inequalities(region.conditions)
    raise MathError(f"unknown region {region!r}")


# ---------------------------------------------------------------- values and verdicts


def _distinct(found: list[tuple], shape) -> list[tuple]:
    """The candidates in the region, one per place: a corner before an edge point
    before an interior one."""
    order = {CORNER: 0, EDGE: 1, INTERIOR: 2}
    kept: list[tuple] = []
    for item in sorted(found, key=lambda c: order[c[2]]):
        point = np.array([float(item[0]), float(item[1])])
        inside = shape.inside(point[None], SAME_POINT * (1 + shape.size**2))[0]
        if inside and all(np.hypot(*(point - [float(k[0]), float(k[1])]))
                          > SAME_POINT * shape.size for k in kept):
            kept.append(item)
    return kept


def _evaluated(f: sympy.Expr, found: list[tuple], shape,
               seconds: float) -> list[RegionCandidate]:
    """f at each candidate, sorted: interior, edge, corner, each by coordinates."""
    candidates = []
    for px, py, where in found:
        value = shown(simplified(f.subs({x: px, y: py}), seconds))
        valuef = real_number(value)
        if valuef is None:
            raise MathError(f"f is undefined at ({px}, {py}) in the region")
        candidates.append(RegionCandidate((px, py), (real_number(px), real_number(py)),
                                          where, value, valuef))
    rank = {INTERIOR: 0, EDGE: 1, CORNER: 2}
    return sorted(candidates, key=lambda c: (rank[c.where], c.pointf))


def _extremum(candidates: list[RegionCandidate], sign: int, seconds: float) -> Extremum:
    """The largest (sign 1) or smallest (-1) value and every candidate that has it."""
    if not candidates:
        raise MathError("no candidate was found in the region")
    best = max(candidates, key=lambda c: sign * c.valuef)
    level = [c for c in candidates if same_number(c.value, best.value, seconds)]
    return Extremum(best.value, best.valuef, tuple(c.point for c in level),
                    tuple(c.pointf for c in level))


def _check(f: sympy.Expr, shape, maximum: Extremum, minimum: Extremum) -> None:
    """No sample of the region or its boundary may have f beyond the extremes."""
    (x0, x1), (y0, y1) = ((float(a), float(b)) for a, b in shape.box)
    grid = np.stack([a.ravel() for a in np.meshgrid(np.linspace(x0, x1, CHECK_GRID),
                                                    np.linspace(y0, y1, CHECK_GRID))], axis=1)
    samples = np.concatenate([grid[shape.inside(grid)], shape.boundary_samples()])
    values = np.broadcast_to(numeric_function(f, (x, y))(samples[:, 0], samples[:, 1]),
                             len(samples))
    values = values[np.isfinite(values)]
    room = BEATEN * max(1.0, abs(maximum.valuef), abs(minimum.valuef),
                        maximum.valuef - minimum.valuef)
    if values.size and values.max() > maximum.valuef + room:
        raise MathError(f"f reaches {values.max():.6g} in the region, above the largest "
                        f"candidate value {maximum.valuef:.6g}: a candidate was missed")
    if values.size and values.min() < minimum.valuef - room:
        raise MathError(f"f reaches {values.min():.6g} in the region, below the smallest "
                        f"candidate value {minimum.valuef:.6g}: a candidate was missed")

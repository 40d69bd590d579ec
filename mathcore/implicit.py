"""Implicit differentiation: the slope dy/dx = -F_x/F_y of a curve F(x, y) = 0.

>>> from mathcore.parse import parse_equation
>>> circle = parse_equation("x^2 + y^2 = 25")
>>> result = implicit(circle, (3, 4), equation="x^2 + y^2 = 25")
>>> result.to_json()["dydx"], result.to_json()["slope"], result.to_json()["tangent"]
('-x/y', '-3/4', 'y = 25/4 - 3*x/4')
>>> implicit(circle, (5, 0)).vertical_tangent
True

F is the expression ``lhs - rhs`` that ``parse_equation`` gives. The
equation as the teacher typed it is only a label: pass it as ``equation``
(it is shown in messages and JSON); without it the label is F written out
followed by "= 0" (``x**2 + y**2 - 25 = 0``).

At a point of the curve (checked to lie on it, else :class:`NotOnCurve`):

* F_y != 0: the slope -F_x/F_y there and the tangent ``y = <rhs>``, the right
  side expanded by sympy (``y = 25/4 - 3*x/4``), and the normal at right
  angles to it (``y = 4*x/3``; ``x = x0`` where the tangent is flat);
* F_y = 0, F_x != 0: a vertical tangent ``x = x0`` (the slope is None) and
  the flat normal ``y = y0``;
* F_x = F_y = 0: a singular point (the folium x^3 + y^3 = 6xy at the
  origin, where the curve crosses itself): no slope, no tangent, no normal.

The slope or vertical tangent is checked numerically before it is returned:
points of the curve at x0 ± h (or y0 ± h for steep tangents) are found by
Newton's method, and both one-sided difference quotients must match.

``vertical_tangent_points`` lists where F = F_y = 0 and F_x != 0 in a box,
``singular_points`` where F = F_x = F_y = 0 (exactly for polynomial F, else
numerically); ``curve_branches`` samples the curve for plotting, as
polylines from marching squares; ``curve_window`` chooses a window that shows
the curve (and the point) where the lesson gives none; ``tangent_direction``
gives the curve's direction at many points at once, for a point moving along it.
"""

from __future__ import annotations

import warnings
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import scipy.optimize
import sympy

from mathcore.deadline import DEFAULT_SECONDS, time_limit
from mathcore.errors import MathError, SolveTimeout
from mathcore.numbers import (
    SYMPY_GAVE_UP,
    exact_interval,
    exact_number,
    real_number,
    same_number,
    shown,
    simple_number,
    simplified,
)
from mathcore.numeric import numeric_function, sample_grid
from mathcore.roots import distinct_points
from mathcore.symbols import x, y
from mathcore.window import padded_window

CHECK_STEP = 1e-6       # relative step to the neighbouring points of the numeric slope check
SLOPE_TOLERANCE = 1e-4  # relative agreement of the difference quotients with the slope
START_GRID = 8          # the numeric search for special points starts from 8 x 8 points
MAX_CURVE_STARTS = 64   # and from at most 64 points of the traced curve
SINGULAR_ROOM = 1e-4    # a vertical tangent this close to a singular point (times the box) is
                        # the search creeping towards that point
CURVE_SAMPLES = 201     # grid points per side for curve_branches
WINDOW_HALF = 6         # half the side of the first box searched for the curve
WINDOW_GROWTH = 4       # each further box is 4 times as wide
WINDOW_BOXES = 5        # up to [-1536, 1536]^2
WINDOW_LEAST = 0.5      # the least room beside a curve that is a point or a line
WINDOW_SAMPLES = 121    # grid points per side in the search
BISECTIONS = 6          # halvings of each grid edge the curve crosses, before interpolating
GRADIENT_LEAST = 1e-6   # |grad F| below which the curve's direction is not read from it


class NotOnCurve(MathError):
    """The given point does not lie on the curve; ``value`` is F there (not 0)."""

    def __init__(self, message: str, value: sympy.Expr):
        super().__init__(message)
        self.value = value


@dataclass(frozen=True)
class Implicit:
    """dy/dx on F(x, y) = 0, and at ``point`` (if given) the slope and tangent.

    ``tangent`` is ``Eq(y, rhs)``, or ``Eq(x, x0)`` for a vertical tangent;
    ``normal`` the line through the point at right angles to it, likewise;
    ``slope``, ``tangent`` and ``normal`` are None where they do not exist. The
    point fields (point, slope, tangent, normal, vertical_tangent, singular) are
    None when no point was given.
    """

    equation: str
    expr: sympy.Expr
    fx: sympy.Expr
    fy: sympy.Expr
    dydx: sympy.Expr
    point: tuple[sympy.Expr, sympy.Expr] | None
    slope: sympy.Expr | None
    tangent: sympy.Equality | None
    normal: sympy.Equality | None
    vertical_tangent: bool | None
    singular: bool | None

    @property
    def point_floats(self) -> tuple[float, float] | None:
        return None if self.point is None else tuple(float(c) for c in self.point)

    @property
    def normal_slope(self) -> sympy.Expr | None:
        """-1/slope, 0 for a vertical tangent; None where the normal is vertical or absent."""
        if self.normal is None or self.normal.lhs == x:
            return None
        return sympy.Integer(0) if self.slope is None else -1 / self.slope

    def to_json(self) -> dict:
        return {
            "equation": self.equation,
            "dydx": str(self.dydx),
            "point": None if self.point is None else [str(c) for c in self.point],
            "on_curve": None if self.point is None else True,
            "slope": None if self.slope is None else str(self.slope),
            "tangent": None if self.tangent is None else line_text(self.tangent),
            "normal": None if self.normal is None else line_text(self.normal),
            "vertical_tangent": self.vertical_tangent,
        }


@dataclass(frozen=True)
class CurvePoint:
    """A point of the curve: exact coordinates (or Floats) and their floats."""

    x: sympy.Expr
    y: sympy.Expr
    xf: float
    yf: float

    def to_json(self) -> dict:
        return {"x": str(self.x), "y": str(self.y), "xf": self.xf, "yf": self.yf}


def line_text(line: sympy.Equality) -> str:
    """``y = 25/4 - 3*x/4`` for ``Eq(y, 25/4 - 3*x/4)``."""
    return f"{line.lhs} = {line.rhs}"


def implicit(F: sympy.Expr, point: Sequence | None = None, equation: str | None = None,
             seconds: float = DEFAULT_SECONDS) -> Implicit:
    """dy/dx for the curve F = 0 and, given a point of it, the slope and tangent there.

    Raises NotOnCurve for a point off the curve, MathError if F does not
    involve y or the curve has no tangent at the point (a corner).
    """
    F = relation(F)
    label = equation or f"{F} = 0"
    fx, fy = sympy.diff(F, x), sympy.diff(F, y)
    dydx = simplified(-fx / fy, seconds)
    if point is None:
        return Implicit(label, F, fx, fy, dydx, None, None, None, None, None, None)
    at = point_on_curve(F, point, label)
    return _at_point(Implicit(label, F, fx, fy, dydx, at, None, None, None, None, None),
                     seconds)


def on_curve(F: sympy.Expr, x0, y0) -> bool:
    """Whether F(x0, y0) = 0: exactly (simplify, or 50 digits), within 1e-9 for Floats."""
    value = relation(F).subs({x: exact_number(x0), y: exact_number(y0)})
    return real_number(value) is not None and same_number(value, sympy.Integer(0))


def relation(F) -> sympy.Expr:
    """F as a sympy expression in x and y that involves y; MathError if it is not."""
    F = sympy.sympify(F, strict=True)
    others = F.free_symbols - {x, y}
    if others:
        names = ", ".join(sorted(str(s) for s in others))
        raise MathError(f"the equation must be in x and y only (it also has {names})")
    if y not in F.free_symbols:
        raise MathError(f"the equation {F} = 0 does not involve y, so y is no function of x")
    return F


def point_on_curve(F: sympy.Expr, point: Sequence, label: str | None = None
                   ) -> tuple[sympy.Expr, sympy.Expr]:
    """The point's exact coordinates; NotOnCurve (naming ``label``, the equation as typed)
    if it is off the curve F = 0."""
    F = relation(F)
    label = label or f"{F} = 0"
    if len(point) != 2:
        raise MathError(f"a point has two coordinates (got {point})")
    x0, y0 = (exact_number(c, "a coordinate of the point") for c in point)
    if not on_curve(F, x0, y0):
        value = simplified(F.subs({x: x0, y: y0}))
        raise NotOnCurve(f"({x0}, {y0}) is not on {label}: left side minus right side "
                         f"is {value} there, not 0", value)
    return x0, y0


def _at_point(result: Implicit, seconds: float) -> Implicit:
    """The slope, tangent and kind of point at ``result.point``."""
    x0, y0 = result.point
    at = {x: x0, y: y0}
    fx0, fy0 = (simplified(d.subs(at), seconds) for d in (result.fx, result.fy))
    if real_number(fx0) is None or real_number(fy0) is None:
        raise MathError(f"the curve {result.equation} has no tangent at ({x0}, {y0}): "
                        "F is not differentiable there")
    zero = sympy.Integer(0)
    flat_x, flat_y = same_number(fx0, zero, seconds), same_number(fy0, zero, seconds)
    if flat_x and flat_y:
        return _with(result, None, (None, None), vertical=False, singular=True)
    if flat_y:
        _check_tangent(result, (0.0, 1.0))
        lines = sympy.Eq(x, x0), sympy.Eq(y, y0)
        return _with(result, None, lines, vertical=True, singular=False)
    slope = simplified(-fx0 / fy0, seconds)
    _check_tangent(result, (1.0, float(slope)))
    tangent = sympy.Eq(y, sympy.expand(y0 + slope * (x - x0)))
    normal = sympy.Eq(x, x0) if flat_x else sympy.Eq(y, sympy.expand(y0 - (x - x0) / slope))
    return _with(result, slope, (tangent, normal), vertical=False, singular=False)


def _with(result: Implicit, slope, lines: tuple, vertical: bool, singular: bool) -> Implicit:
    """``result`` with the point's slope and its (tangent, normal) lines."""
    return Implicit(result.equation, result.expr, result.fx, result.fy, result.dydx,
                    result.point, slope, *lines, vertical, singular)


def tangent_direction(result: Implicit) -> Callable[[np.ndarray, np.ndarray], np.ndarray]:
    """The curve's direction at many points at once: ``along(points, headings)`` gives,
    for each (x, y) row of ``points``, the vector (F_y, -F_x) at right angles to the
    gradient; where the gradient is undefined or shorter than GRADIENT_LEAST (at a
    singular point) the same row of ``headings``, the way a point moving along the
    curve goes there.

    >>> from mathcore.parse import parse_equation
    >>> along = tangent_direction(implicit(parse_equation("x^2 + y^2 = 25")))
    >>> along(np.array([[3.0, 4.0], [0.0, 0.0]]), np.array([[1.0, 0.0], [1.0, 1.0]]))
    array([[ 8., -6.],
           [ 1.,  1.]])
    """
    fx, fy = (numeric_function(d, (x, y)) for d in (result.fx, result.fy))

    def along(points: np.ndarray, headings: np.ndarray) -> np.ndarray:
        xs, ys = np.asarray(points, dtype=float).T
        gradient = np.column_stack([fx(xs, ys), fy(xs, ys)])
        usable = (np.all(np.isfinite(gradient), axis=1)
                  & (np.hypot(gradient[:, 0], gradient[:, 1]) > GRADIENT_LEAST))
        return np.where(usable[:, None], gradient[:, ::-1] * (1, -1), headings)

    return along


# ---------------------------------------------------------------- the numeric check


def _check_tangent(result: Implicit, direction: tuple[float, float]) -> None:
    """Points of the curve just beside the point must lie along ``direction`` (dx, dy),
    seen from both sides: a corner (y = |x| at 0) fails."""
    x0, y0 = result.point_floats
    dx, dy = direction
    F = numeric_function(result.expr, (x, y))
    if abs(dx) >= abs(dy):  # step in x, solve for y
        derivative = numeric_function(result.fy, (x, y))
        rate, point = dy / dx, (x0, y0)

        def order(fixed, free):
            return fixed, free
    else:                   # step in y, solve for x
        derivative = numeric_function(result.fx, (x, y))
        rate, point = dx / dy, (y0, x0)

        def order(fixed, free):
            return free, fixed
    step = CHECK_STEP * (1 + abs(x0) + abs(y0))
    for moved in (-step, step):
        quotient = _side_quotient(F, derivative, order, point, moved, rate)
        if not abs(quotient - rate) <= SLOPE_TOLERANCE * (1 + abs(rate)):
            raise MathError(f"the curve {result.equation} has no tangent at "
                            f"({result.point[0]}, {result.point[1]}): it has a corner there")


def _side_quotient(F, derivative, order, point: tuple[float, float], moved: float,
                   rate: float) -> float:
    """(free - free0) / moved between the point and the curve's point at fixed0 + moved;
    ``order(fixed, free)`` gives (x, y)."""
    fixed, free = point
    found = _newton(lambda v: F(*order(fixed + moved, v)),
                    lambda v: derivative(*order(fixed + moved, v)), free + rate * moved)
    return (found - free) / moved


def _newton(function, derivative, start: float) -> float:
    """A root of ``function`` near ``start`` (nan if Newton's method fails)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            return float(scipy.optimize.newton(function, start, fprime=derivative,
                                               tol=1e-14, maxiter=50))
        except (RuntimeError, ArithmeticError, ValueError):
            return float("nan")


# ---------------------------------------------------------------- special points


def vertical_tangent_points(F: sympy.Expr, x_range: Sequence, y_range: Sequence,
                            seconds: float = DEFAULT_SECONDS,
                            singular: Sequence[CurvePoint] | None = None
                            ) -> tuple[CurvePoint, ...]:
    """Points of F = 0 in the box where F_y = 0 and F_x != 0, sorted by (x, y).

    Exact for a polynomial F (``solve`` within ``seconds``); otherwise, or if
    that fails, found numerically (and made exact when a simple guess
    verifies) from a grid of starts and from the points of the traced curve
    where F_y changes sign, which may still miss some. The numeric search
    creeps towards a singular point, where F_x vanishes too: what it finds
    right beside one (``singular``, found here if not given) is dropped.
    """
    F = relation(F)
    fx, fy = sympy.diff(F, x), sympy.diff(F, y)
    found = _special_points(F, (F, fy), fx, (x_range, y_range), seconds)
    if singular is None:
        singular = singular_points(F, x_range, y_range, seconds)
    near = SINGULAR_ROOM * sum(float(r[1] - r[0]) for r in (x_range, y_range))
    return tuple(p for p in found
                 if all(np.hypot(p.xf - s.xf, p.yf - s.yf) > near for s in singular))


def singular_points(F: sympy.Expr, x_range: Sequence, y_range: Sequence,
                    seconds: float = DEFAULT_SECONDS) -> tuple[CurvePoint, ...]:
    """Points of F = 0 in the box where F_x = F_y = 0 (the folium's origin), sorted by (x, y).

    Found like ``vertical_tangent_points``: solving F_x = F_y = 0, keeping
    the solutions on the curve.
    """
    F = relation(F)
    fx, fy = sympy.diff(F, x), sympy.diff(F, y)
    on_the_curve = [p for p in _special_points(F, (fx, fy), None, (x_range, y_range), seconds)
                    if _vanish((F,), p)]
    return tuple(on_the_curve)


def _special_points(F: sympy.Expr, pair: tuple[sympy.Expr, sympy.Expr],
                    nonzero: sympy.Expr | None, ranges: tuple[Sequence, Sequence],
                    seconds: float) -> tuple[CurvePoint, ...]:
    """Points in the box where both of ``pair`` vanish and ``nonzero`` (if given) does not,
    sorted by (x, y); the numeric search also starts where the curve F = 0 crosses
    the zeros of ``pair``."""
    box = (exact_interval(ranges[0], "x range"), exact_interval(ranges[1], "y range"))
    polynomial = all(e.is_polynomial(x, y) for e in pair)
    found = _exact_common_zeros(pair, seconds) if polynomial else None
    if found is None:
        starts = _crossings_along(F, [e for e in pair if e != F], box)
        found = _numeric_common_zeros(pair, box, starts, seconds)
    kept = [p for p in found if _inside(p, box) and _vanish(pair, p)
            and (nonzero is None or _clearly_nonzero(nonzero, p))]
    unique = {(p.xf, p.yf): p for p in kept}
    return tuple(sorted(unique.values(), key=lambda p: (p.xf, p.yf)))


def _exact_common_zeros(pair: tuple[sympy.Expr, sympy.Expr],
                        seconds: float) -> list[CurvePoint] | None:
    """Isolated real solutions of both equations by ``solve``; None if sympy gives up."""
    try:
        with time_limit(seconds, f"solve {pair[0]} = 0 and {pair[1]} = 0"):
            solutions = sympy.solve(list(pair), [x, y], dict=True)
    except (SolveTimeout, *SYMPY_GAVE_UP):
        return None
    points = []
    for solution in solutions:
        if set(solution) == {x, y} and not (solution[x].free_symbols | solution[y].free_symbols):
            point = _curve_point(solution[x], solution[y])
            if point is not None:
                points.append(point)
    return points


def _crossings_along(F: sympy.Expr, exprs: Sequence[sympy.Expr], box) -> list[tuple]:
    """Points of the traced curve F = 0 where one of ``exprs`` changes sign along it (at
    most MAX_CURVE_STARTS, evenly chosen): starts for the numeric search."""
    found = []
    for branch in curve_branches(F, *box):
        for expr in exprs:
            values = numeric_function(expr, (x, y))(branch[:, 0], branch[:, 1])
            found.extend(branch[np.nonzero((values[:-1] > 0) != (values[1:] > 0))[0]])
    chosen = np.linspace(0, len(found) - 1, min(len(found), MAX_CURVE_STARTS)).astype(int)
    return [tuple(found[i]) for i in chosen]


def _numeric_common_zeros(pair: tuple[sympy.Expr, sympy.Expr], box, starts: Sequence[tuple],
                          seconds: float) -> list[CurvePoint]:
    """Solutions of both equations from a grid of starts and from ``starts``, by least
    squares kept inside the box (Newton's method leaps out of it)."""
    system = [numeric_function(e, (x, y)) for e in pair]
    jacobian = [[numeric_function(sympy.diff(e, v), (x, y)) for v in (x, y)] for e in pair]
    (x_low, x_high), (y_low, y_high) = [(float(a), float(b)) for a, b in box]
    points = []
    grid = [(a, b) for a in np.linspace(x_low, x_high, START_GRID)
            for b in np.linspace(y_low, y_high, START_GRID)]
    for xs, ys in grid + list(starts):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                solution = scipy.optimize.least_squares(
                    lambda v: [g(*v) for g in system], [xs, ys],
                    jac=lambda v: [[g(*v) for g in row] for row in jacobian],
                    bounds=([x_low, y_low], [x_high, y_high]),
                    xtol=1e-15, ftol=1e-15, gtol=1e-15)
            except (ValueError, np.linalg.LinAlgError):
                continue
        scale = 1 + np.abs(solution.x).sum()
        if np.all(np.abs(solution.fun) <= 1e-9 * scale):
            points.append(tuple(float(v) for v in solution.x))
    tolerance = 1e-7 * (x_high - x_low + y_high - y_low)
    return [_made_exact(pair, *p, seconds) for p in distinct_points(points, tolerance)]


def _made_exact(pair: tuple[sympy.Expr, sympy.Expr], xf: float, yf: float,
                seconds: float) -> CurvePoint:
    """The point with simple exact coordinates if such a guess solves both exactly."""
    scale = 1 + abs(xf) + abs(yf)
    guesses = [sympy.Integer(0) if abs(v) <= 1e-12 * scale else simple_number(v, 1e-9, (sympy.pi,))
               for v in (xf, yf)]
    if None not in guesses:
        at = {x: guesses[0], y: guesses[1]}
        if all(same_number(e.subs(at), sympy.Integer(0), seconds) for e in pair):
            return CurvePoint(*guesses, float(guesses[0]), float(guesses[1]))
    return CurvePoint(sympy.Float(xf, 15), sympy.Float(yf, 15), xf, yf)


def _curve_point(px: sympy.Expr, py: sympy.Expr) -> CurvePoint | None:
    """The point as shown, if both coordinates are real; None for a complex solution
    (solve gives those too, and ``shown`` refuses them)."""
    xf, yf = real_number(px), real_number(py)
    return None if xf is None or yf is None else CurvePoint(shown(px), shown(py), xf, yf)


def _inside(point: CurvePoint, box) -> bool:
    (x_low, x_high), (y_low, y_high) = [(float(a), float(b)) for a, b in box]
    slack = 1e-9 * (x_high - x_low + y_high - y_low)
    return (x_low - slack <= point.xf <= x_high + slack
            and y_low - slack <= point.yf <= y_high + slack)


def _vanish(exprs, point: CurvePoint) -> bool:
    """Whether every expression is within 1e-9 (relative) of 0 there, in floats."""
    values = [numeric_function(e, (x, y))(point.xf, point.yf) for e in exprs]
    return all(np.isfinite(v) and abs(v) <= 1e-9 * _scale(point) for v in values)


def _clearly_nonzero(expr: sympy.Expr, point: CurvePoint) -> bool:
    value = numeric_function(expr, (x, y))(point.xf, point.yf)
    return bool(np.isfinite(value) and abs(value) > 1e-6 * _scale(point))


def _scale(point: CurvePoint) -> float:
    return 1 + abs(point.xf) + abs(point.yf)


# ---------------------------------------------------------------- the window


def curve_window(F: sympy.Expr, point: Sequence | None = None, x_range: Sequence | None = None,
                 y_range: Sequence | None = None) -> tuple[tuple, tuple]:
    """The window (x range, y range) to show the curve F = 0 in: a given range is kept,
    a missing one is chosen from the curve.

    Boxes round the origin, from [-6, 6] (or 1.5 times the point's farther
    coordinate) growing fourfold, are searched for the curve. The first box
    the curve lies well inside gives its extent (a bounded curve: the circle,
    sqrt(x) + sqrt(y) = 13), with a tenth of the span to spare. A curve that
    runs off every box (the hyperbola xy = 1) is shown in the first box that
    meets it: that box's range along an axis the curve runs off, the curve's
    extent along the other. The point is always inside. Raises MathError if
    no box meets the curve.

    >>> curve_window(x**2 + y**2 - 25)
    ((-6, 6), (-6, 6))
    >>> curve_window(x*y - 1)
    ((-6, 6), (-6, 6))
    """
    F = relation(F)
    given = tuple(None if r is None else exact_interval(r, name) for r, name in
                  ((x_range, "x range"), (y_range, "y range")))
    if None not in given:
        return given
    centre = (0.0, 0.0) if point is None else tuple(real_number(exact_number(c)) for c in point)
    half = max(WINDOW_HALF, 1.5 * max(abs(c) for c in centre))
    first = None
    for _ in range(WINDOW_BOXES):
        box = tuple(g if g is not None else (-half, half) for g in given)
        half *= WINDOW_GROWTH
        branches = curve_branches(F, *box, n=WINDOW_SAMPLES)
        if not branches:
            continue
        points = np.vstack([*branches, [centre]])
        first = first or (points, box)
        if not any(_runs_off(points, box, given, axis) for axis in (0, 1)):
            return _chosen(points, box, given)
    if first is None:
        raise MathError(f"no part of the curve {F} = 0 was found within "
                        f"{half / WINDOW_GROWTH:g} of the origin: give the window x and y")
    return _chosen(*first, given)


def _runs_off(points: np.ndarray, box, given, axis: int) -> bool:
    """Whether the curve comes within two grid cells of the box's sides along ``axis``,
    when that range is free to choose (not given)."""
    low, high = (float(v) for v in box[axis])
    cell = 2 * (high - low) / (WINDOW_SAMPLES - 1)
    return given[axis] is None and (points[:, axis].min() < low + cell
                                    or points[:, axis].max() > high - cell)


def _chosen(points: np.ndarray, box, given) -> tuple[tuple, tuple]:
    """The given ranges; the box's where the curve runs off it; else round ranges about
    the curve's extent, with a tenth of it to spare."""
    def chosen(axis: int) -> tuple:
        if given[axis] is not None:
            return given[axis]
        if _runs_off(points, box, given, axis):
            return padded_window(*(float(v) for v in box[axis]), margin=0, least=0)
        return padded_window(float(points[:, axis].min()), float(points[:, axis].max()),
                             margin=0.1, least=WINDOW_LEAST)
    return chosen(0), chosen(1)


# ---------------------------------------------------------------- sampling the curve


def curve_branches(F: sympy.Expr, x_range: Sequence, y_range: Sequence,
                   n: int = CURVE_SAMPLES) -> list[np.ndarray]:
    """The curve F = 0 in the box as polylines: arrays of (x, y) rows, by marching squares.

    A closed loop ends where it starts. Sign changes of F across a pole
    (y = tan x) are not taken for the curve.
    """
    F = relation(F)
    if n < 3:
        raise MathError(f"curve_branches needs at least 3 samples per side (got {n})")
    box = (exact_interval(x_range, "x range"), exact_interval(y_range, "y range"))
    grid_x, grid_y, values = sample_grid(F, *box, n)
    positions = _crossing_positions(F, grid_x[0], grid_y[:, 0], values)
    return [positions[chain] for chain in _chains(_segments(values, positions))]


def _crossing_positions(F: sympy.Expr, xs: np.ndarray, ys: np.ndarray,
                        values: np.ndarray) -> np.ndarray:
    """Where F = 0 on each grid edge, nan on edges it does not cross.

    Edges are numbered: first the horizontal ones row by row (n (n - 1) of
    them), then the vertical ones. Each sign change is narrowed by bisection
    before it is interpolated; one where |F| grows as the bracket narrows is
    a pole (tan y), not the curve, and is dropped.
    """
    grid_x, grid_y = np.meshgrid(xs, ys)
    starts = np.column_stack([np.concatenate([grid_x[:, :-1].ravel(), grid_x[:-1, :].ravel()]),
                              np.concatenate([grid_y[:, :-1].ravel(), grid_y[:-1, :].ravel()])])
    ends = np.column_stack([np.concatenate([grid_x[:, 1:].ravel(), grid_x[1:, :].ravel()]),
                            np.concatenate([grid_y[:, 1:].ravel(), grid_y[1:, :].ravel()])])
    low = np.concatenate([values[:, :-1].ravel(), values[:-1, :].ravel()])
    high = np.concatenate([values[:, 1:].ravel(), values[1:, :].ravel()])
    crossed = np.isfinite(low) & np.isfinite(high) & ((low > 0) != (high > 0))
    positions = np.full(starts.shape, np.nan)
    positions[crossed] = _narrowed(numeric_function(F, (x, y)), starts[crossed], ends[crossed],
                                   low[crossed], high[crossed])
    return positions


def _narrowed(f, a: np.ndarray, b: np.ndarray, fa: np.ndarray, fb: np.ndarray) -> np.ndarray:
    """The zero of f between each pair of points a, b (rows) where f changes sign:
    BISECTIONS halvings, then linear interpolation; nan where |f| at the bracket's ends
    does not shrink (a pole or a jump) or f is undefined inside."""
    first = np.abs(fa) + np.abs(fb)
    for _ in range(BISECTIONS):
        middle = (a + b) / 2
        fm = f(middle[:, 0], middle[:, 1])
        left = (fa > 0) != (fm > 0)           # the sign changes in the first half
        a, fa = np.where(left[:, None], a, middle), np.where(left, fa, fm)
        b, fb = np.where(left[:, None], middle, b), np.where(left, fm, fb)
    with np.errstate(all="ignore"):
        fraction = fa / (fa - fb)
        zero = a + fraction[:, None] * (b - a)
    shrank = np.isfinite(fraction) & (np.abs(fa) + np.abs(fb) <= 0.5 * first)
    zero[~shrank] = np.nan
    return zero


def _segments(values: np.ndarray, positions: np.ndarray) -> np.ndarray:
    """Pairs of crossed edges joined inside a grid cell (two per saddle cell)."""
    n = values.shape[0]
    crossed = np.isfinite(positions[:, 0])
    horizontal = np.arange(n * (n - 1)).reshape(n, n - 1)
    vertical = n * (n - 1) + np.arange(n * (n - 1)).reshape(n - 1, n)
    sides = np.stack([horizontal[:-1], vertical[:, 1:], horizontal[1:], vertical[:, :-1]])
    flags = crossed[sides]                                  # bottom, right, top, left
    count = flags.sum(axis=0)
    first = np.argmax(flags, axis=0)
    last = 3 - np.argmax(flags[::-1], axis=0)
    pick = np.take_along_axis
    pairs = [np.stack([pick(sides, first[None], 0)[0], pick(sides, last[None], 0)[0]],
                      axis=-1)[count == 2]]
    corners = np.stack([values[:-1, :-1], values[:-1, 1:], values[1:, 1:], values[1:, :-1]])
    saddle = count == 4
    joined = (corners.mean(axis=0) > 0) == (corners[0] > 0)  # the centre is like bottom-left
    bottom, right, top, left = (s[saddle] for s in sides)
    split = joined[saddle]
    pairs.append(np.where(split[:, None], np.stack([bottom, right], -1),
                          np.stack([bottom, left], -1)))
    pairs.append(np.where(split[:, None], np.stack([top, left], -1),
                          np.stack([top, right], -1)))
    return np.concatenate(pairs)


def _chains(segments: np.ndarray) -> list[list[int]]:
    """The segments joined end to end into chains of edge numbers; loops are closed."""
    neighbours: dict[int, list[int]] = defaultdict(list)
    for a, b in segments.tolist():
        neighbours[a].append(b)
        neighbours[b].append(a)
    ends = [edge for edge, near in neighbours.items() if len(near) == 1]
    seen: set[int] = set()
    chains = []
    for start in ends + list(neighbours):
        if start in seen:
            continue
        chain, current = [start], start
        seen.add(start)
        while True:
            following = [e for e in neighbours[current] if e not in seen]
            if not following:
                if len(chain) > 2 and start in neighbours[current]:
                    chain.append(start)
                break
            current = following[0]
            chain.append(current)
            seen.add(current)
        chains.append(chain)
    return chains

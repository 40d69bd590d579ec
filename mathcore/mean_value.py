"""The mean value theorem on [a, b]: the secant slope and every c with f'(c) equal to it.

>>> from mathcore.symbols import x
>>> result = mean_value(x**3 - x, (0, 2))
>>> str(result.slope), [str(p.exact) for p in result.points], result.applies
('3', ['2*sqrt(3)/3'], True)

The hypotheses are checked, not assumed:

* continuous on [a, b]: f is defined at every point of [a, b] (for the
  functions a formula may use, that is the same thing; see
  ``roots.undefined_set``, which also checks samples of f);
* differentiable on (a, b): every point inside where the formula for f' is
  undefined (a denominator, an Abs argument or an odd-root base at zero) is
  examined with one-sided limits (``lines.singular_derivatives``): x*|x| is
  differentiable at 0, |x| and x^(2/3) are not.

When a hypothesis fails, ``applies`` is False and ``reason`` says why; the
slope and any c found are still reported (there may be none). A point where f
has no derivative is never a c, though sympy's formula for f' may equal the
slope there (d|x|/dx is sign(x), 0 at 0).

Decisions:

* f undefined at a or b (log(x) on [0, 1]): MathError, since the slope
  (f(b) - f(a))/(b - a) does not exist.
* f' equal to the slope on a whole piece of (a, b) (f a straight line
  there): MathError, since every c there works and there is nothing to show;
  but when a hypothesis fails as well ((x^2 - 1)/(x - 1) on [-2, 2]), the
  result says why (``applies`` False) and lists no c.
* ``rolle`` is True when f(a) = f(b), whether or not the hypotheses hold.
* ``window``, the x range to draw, is the one given, or [a, b] with a margin
  (``window.padded_window``): ``mean_value(x**2, (1, 5)).window`` is (0, 6).
* Every c is a root of f'(x) - slope found by ``roots.real_roots`` in the open
  interval: exact where sympy can, otherwise all numeric roots, each checked.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import sympy

from mathcore.deadline import DEFAULT_SECONDS
from mathcore.errors import MathError
from mathcore.lines import Line, line_through, singular_derivatives, value_at
from mathcore.numbers import exact_interval, function_of_x, real_number, same_number, simplified
from mathcore.roots import InfinitelyManyRoots, real_roots, undefined_set
from mathcore.symbols import x
from mathcore.window import padded_window
from mathcore.wording import points_text, where_text


@dataclass(frozen=True)
class MeanValuePoint:
    """One c: exact (None when only known numerically) and as a float."""

    exact: sympy.Expr | None
    value: float

    def to_json(self) -> dict:
        return {"exact": None if self.exact is None else str(self.exact), "value": self.value}


@dataclass(frozen=True)
class MeanValue:
    """The theorem on [a, b] for f: slope, secant, every c, whether it applies, and the
    window to draw it in.

    ``complete`` is True when the exact solve of f'(c) = slope found every c.
    """

    function: sympy.Expr
    a: sympy.Expr
    b: sympy.Expr
    fa: sympy.Expr
    fb: sympy.Expr
    slope: sympy.Expr
    derivative: sympy.Expr
    secant: Line
    points: tuple[MeanValuePoint, ...]
    applies: bool
    reason: str | None
    rolle: bool
    complete: bool
    window: tuple[sympy.Expr, sympy.Expr]

    def to_json(self) -> dict:
        return {
            "function": str(self.function),
            "window": [str(v) for v in self.window],
            "a": str(self.a),
            "b": str(self.b),
            "slope": str(self.slope),
            "c": [p.to_json() for p in self.points],
            "applies": self.applies,
            "reason": self.reason,
        }


def mean_value(f: sympy.Expr, interval: Sequence, window: Sequence | None = None,
               seconds: float = DEFAULT_SECONDS) -> MeanValue:
    """The mean value theorem for f on the closed ``interval`` (a, b), drawn in ``window``
    (chosen around [a, b] when None)."""
    f = function_of_x(f)
    a, b = exact_interval(interval)
    window = _window(a, b, window)
    fa, fb = (_end_value(f, end, a, b, seconds) for end in (a, b))
    slope = simplified((fb - fa) / (b - a), seconds)
    derivative = sympy.diff(f, x)
    reason, rough = _failed_hypothesis(f, a, b, seconds)
    points, complete = _points(derivative - slope, a, b, reason, seconds)
    points = tuple(p for p in points
                   if not any(abs(p.value - real_number(r)) <= 1e-9 * (b - a) for r in rough))
    return MeanValue(
        function=f, a=a, b=b, fa=fa, fb=fb, slope=slope, derivative=derivative,
        secant=line_through((a, fa), slope), points=points,
        applies=reason is None, reason=reason,
        rolle=same_number(fa, fb, seconds), complete=complete, window=window,
    )


def _window(a: sympy.Expr, b: sympy.Expr,
            window: Sequence | None) -> tuple[sympy.Expr, sympy.Expr]:
    """The window given (it must hold [a, b]), or [a, b] with a margin."""
    if window is None:
        return padded_window(real_number(a), real_number(b))
    low, high = exact_interval(window, "window")
    if real_number(a) < real_number(low) or real_number(b) > real_number(high):
        raise MathError(f"the interval [{a}, {b}] is not inside the window [{low}, {high}]")
    return low, high


def _points(equation: sympy.Expr, a: sympy.Expr, b: sympy.Expr, reason: str | None,
            seconds: float) -> tuple[tuple[MeanValuePoint, ...], bool]:
    """Every c in (a, b) where ``equation`` (f' - slope) is zero, and whether that is all.

    Zero on a whole piece: a MathError, or no points when the theorem does
    not apply anyway (its reason says more than "every c works").
    """
    try:
        roots = real_roots(equation, (a, b), open_ends=True, seconds=seconds)
    except InfinitelyManyRoots:
        if reason is not None:
            return (), False
        raise MathError(f"f'(c) equals the slope of the secant for every c in a part of "
                        f"({a}, {b}): f is a straight line there, so every such c works"
                        ) from None
    points = tuple(MeanValuePoint(None if v.is_Float else v, r)
                   for v, r in zip(roots.values, roots.floats, strict=True))
    return points, roots.complete


def _end_value(f: sympy.Expr, end: sympy.Expr, a: sympy.Expr, b: sympy.Expr,
               seconds: float) -> sympy.Expr:
    """f at an end of [a, b]; a MathError naming the end if f is undefined there."""
    try:
        return value_at(f, end, seconds)
    except MathError:
        raise MathError(f"f is undefined at x = {end}, an end of [{a}, {b}]: the mean value "
                        "theorem needs f(a) and f(b)") from None


def _failed_hypothesis(f: sympy.Expr, a: sympy.Expr, b: sympy.Expr,
                       seconds: float) -> tuple[str | None, list[sympy.Expr]]:
    """Why the theorem does not apply (None when both hypotheses hold), and the points
    inside where f has no derivative: none of them is a c, even where sympy's formula
    for f' gives the slope there (d|x|/dx = sign(x) is 0 at 0)."""
    gaps = undefined_set(f, (a, b), seconds)
    if gaps != sympy.EmptySet:
        return f"f is not continuous on [{a}, {b}]: it is undefined {where_text(gaps)}", []
    low, high = real_number(a), real_number(b)
    rough = [d.at for d in singular_derivatives(f, (a, b), seconds)
             if not d.exists and low < real_number(d.at) < high]
    if rough:
        return f"f is not differentiable at {points_text(rough)}, inside ({a}, {b})", rough
    return None, rough

"""The derivative at a point, and the lines it gives: tangent, secant.

>>> from mathcore.symbols import x
>>> tangent_line(x**2, 1).to_text()
'y = 2*x - 1'
>>> secant_line(x**2, 0, 2).to_text()
'y = 2*x'

``derivative_at(f, a)`` says what happens at a:

* ``"exists"``: f'(a) exists. Where f is defined on one side of a only
  (x^(3/2) at 0) this is the one-sided derivative, and the other side's
  slope is None.
* ``"vertical"``: the difference quotient tends to oo from both sides, or to
  -oo from both sides (x^(1/3) at 0), or from the only side there is
  (sqrt(x) at 0): the tangent is the vertical line x = a.
* ``"corner"``: the one-sided slopes differ and are not both infinite
  (|x| at 0: -1 and 1).
* ``"cusp"``: the slope tends to oo on one side and -oo on the other
  (x^(2/3) at 0).
* ``"jump"``: f is not continuous at a, so the quotient blows up.

At an ordinary point (the formula for f' is finite at a, and no
denominator, root base, Abs/sign argument or Piecewise boundary of f or f'
vanishes there) f'(a) is the formula's value, and both one-sided slopes
equal it. Elsewhere the one-sided limits of (f(a + h) - f(a))/h are taken
with ``sympy.limit`` and each is checked against the quotient at h = ±1e-8,
computed to 50 digits. Where sympy gives no limit or a wrong one (it says -oo
for cbrt(x^2 - 1) left of 1, where the quotient is large and positive), the
limit is estimated from the quotient at h = ±1e-6, ±1e-9, ±1e-12.

``tangent_line`` raises :class:`NotDifferentiable` at a corner, cusp or jump
and gives a vertical :class:`Line` for a vertical tangent: results never hold
nan or zoo.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import sympy

from mathcore.deadline import DEFAULT_SECONDS, time_limit
from mathcore.errors import MathError, SolveTimeout
from mathcore.numbers import (
    SYMPY_GAVE_UP,
    exact_interval,
    exact_number,
    function_of_x,
    real_number,
    same_number,
    simple_number,
    simplified,
)
from mathcore.numeric import numeric_function
from mathcore.roots import singular_bases, undefined_set
from mathcore.symbols import h, x

EXISTS, VERTICAL, CORNER, CUSP, JUMP = "exists", "vertical", "corner", "cusp", "jump"
LEFT, RIGHT = -1, 1

STEP = sympy.Symbol("t", positive=True)  # |h| in one-sided limits
CHECK_STEP = sympy.Rational(1, 10**8)  # h for the numeric check of a one-sided limit
CHECK_DIGITS = 50
SIDE_PROBES = (1e-3, 1e-5, 1e-7)       # f must be finite this far from a on a side


class NotDifferentiable(MathError):
    """f has no derivative at the point: a corner, a cusp or a jump.

    ``derivative`` is the :class:`Derivative` with the two one-sided slopes.
    """

    def __init__(self, message: str, derivative: Derivative):
        super().__init__(message)
        self.derivative = derivative


@dataclass(frozen=True)
class Derivative:
    """What f does at x = a: ``kind`` (see the module doc), f'(a) and the one-sided slopes.

    ``value`` is f'(a), None unless ``kind`` is "exists". ``left`` and
    ``right`` are the one-sided limits of the difference quotient (``oo`` or
    ``-oo`` when infinite), None on a side where f is undefined.
    """

    at: sympy.Expr
    fa: sympy.Expr
    value: sympy.Expr | None
    left: sympy.Expr | None
    right: sympy.Expr | None
    kind: str

    @property
    def exists(self) -> bool:
        return self.kind == EXISTS

    def reason(self) -> str:
        """Why f is not differentiable at a (empty when it is)."""
        where = f"f is not differentiable at x = {self.at}"
        if self.kind == CORNER:
            return (f"{where}: the slope from the left is {self.left} and from the right "
                    f"is {self.right} (a corner)")
        if self.kind == CUSP:
            return (f"{where}: the slope tends to {self.left} from the left and to "
                    f"{self.right} from the right (a cusp)")
        if self.kind == JUMP:
            return f"{where}: f is not continuous there"
        return ""

    def to_json(self) -> dict:
        return {"at": str(self.at), "value": _text(self.value), "left": _text(self.left),
                "right": _text(self.right), "kind": self.kind}


@dataclass(frozen=True)
class Line:
    """A straight line through ``point``: y = ``equation``, or x = ``equation`` if vertical.

    ``slope`` is None for a vertical line.
    """

    point: tuple[sympy.Expr, sympy.Expr]
    slope: sympy.Expr | None
    vertical: bool
    equation: sympy.Expr

    def to_text(self) -> str:
        return f"{'x' if self.vertical else 'y'} = {self.equation}"

    def to_json(self) -> dict:
        return {"point": [str(p) for p in self.point], "slope": _text(self.slope),
                "vertical": self.vertical, "equation": self.to_text()}


# ---------------------------------------------------------------- lines


def tangent_line(f: sympy.Expr, a, seconds: float = DEFAULT_SECONDS) -> Line:
    """The tangent to y = f(x) at x = a; vertical where the slope is infinite.

    Raises NotDifferentiable at a corner, cusp or jump, MathError where f is undefined.
    """
    return tangent_from(derivative_at(f, a, seconds))


def secant_line(f: sympy.Expr, a, b, seconds: float = DEFAULT_SECONDS) -> Line:
    """The line through (a, f(a)) and (b, f(b))."""
    f = function_of_x(f)
    a, b = exact_number(a, "a"), exact_number(b, "b")
    if real_number(a) == real_number(b):
        raise MathError(f"a secant needs two different points (got a = b = {a})")
    fa, fb = value_at(f, a, seconds), value_at(f, b, seconds)
    return line_through((a, fa), simplified((fb - fa) / (b - a), seconds))


def tangent_from(derivative: Derivative) -> Line:
    """The tangent line a :class:`Derivative` describes; NotDifferentiable if there is none."""
    if derivative.kind == VERTICAL:
        return vertical_line(derivative.at, derivative.fa)
    if not derivative.exists:
        raise NotDifferentiable(derivative.reason(), derivative)
    return line_through((derivative.at, derivative.fa), derivative.value)


def line_through(point: tuple[sympy.Expr, sympy.Expr], slope: sympy.Expr) -> Line:
    """The line through ``point`` with the given exact ``slope``."""
    x0, y0 = point
    return Line(point, slope, False, slope * x + tidy_number(y0 - slope * x0))


def tidy_number(value: sympy.Expr) -> sympy.Expr:
    """An exact number expanded with common factors pulled out: 3*(sin(3) + cos(3))/e."""
    return sympy.factor_terms(sympy.expand(value))


def vertical_line(x0: sympy.Expr, y0: sympy.Expr) -> Line:
    """The vertical line x = x0, through (x0, y0)."""
    return Line((x0, y0), None, True, x0)


# ---------------------------------------------------------------- derivatives


def derivative_at(f: sympy.Expr, a, seconds: float = DEFAULT_SECONDS) -> Derivative:
    """f'(a), or why there is none. MathError if f is undefined at a."""
    f = function_of_x(f)
    a = exact_number(a, "the point")
    fa = value_at(f, a, seconds)
    formula = sympy.diff(f, x)
    if not _needs_limits(f, formula, a):
        return _ordinary(f, a, fa, formula, seconds)
    left, right = _slopes(f, a, fa, seconds)
    value, kind = _classify(f, a, fa, left, right, seconds)
    return Derivative(a, fa, value, left, right, kind)


def derivative_formula(f: sympy.Expr, seconds: float = DEFAULT_SECONDS) -> sympy.Expr:
    """f'(x), simplified unless f has kinks (simplify turns sign(0)/0 into 0)."""
    derivative = sympy.diff(function_of_x(f), x)
    if derivative.has(sympy.Abs, sympy.sign, sympy.Piecewise):
        return derivative
    return simplified(derivative, seconds)


def value_at(f: sympy.Expr, a: sympy.Expr, seconds: float = DEFAULT_SECONDS) -> sympy.Expr:
    """f(a) exactly; MathError if f is undefined there."""
    value = simplified(f.subs(x, a), seconds)
    if real_number(value) is None:
        raise MathError(f"f is undefined at x = {a}")
    return value


def difference_quotient(f: sympy.Expr, a: sympy.Expr,
                        seconds: float = DEFAULT_SECONDS) -> sympy.Expr:
    """(f(a + h) - f(a)) / h, not simplified. MathError if f is undefined at a."""
    return _quotient(f, a, value_at(f, a, seconds))


def one_sided_slopes(f: sympy.Expr, a: sympy.Expr, seconds: float = DEFAULT_SECONDS
                     ) -> tuple[sympy.Expr | None, sympy.Expr | None]:
    """The limits of the difference quotient as h -> 0 from the left and from the right.

    None on a side where f is undefined near a. Raises MathError if a limit
    can be found neither by sympy nor from numbers.
    """
    return _slopes(f, a, value_at(f, a, seconds), seconds)


def singular_derivatives(f: sympy.Expr, interval: Sequence,
                         seconds: float = DEFAULT_SECONDS) -> tuple[Derivative, ...]:
    """``derivative_at`` each point of the closed interval where f is defined but f' is not.

    These are the only places where f can fail to be differentiable; f'
    may still exist there (x*|x| at 0).
    """
    f = function_of_x(f)
    a, b = exact_interval(interval)
    gaps = undefined_set(sympy.diff(f, x), (a, b), seconds)
    rough = sympy.Complement(gaps, undefined_set(f, (a, b), seconds))
    if rough == sympy.EmptySet:
        return ()
    if not isinstance(rough, sympy.FiniteSet):
        raise MathError(f"cannot tell where f is differentiable on [{a}, {b}]")
    return tuple(derivative_at(f, p, seconds) for p in sorted(rough, key=real_number))


def _needs_limits(f: sympy.Expr, formula: sympy.Expr, a: sympy.Expr) -> bool:
    """Whether f'(a) needs one-sided limits: the formula fails or may have a kink at a."""
    if real_number(formula.subs(x, a)) is None:
        return True
    for base in singular_bases(f) + singular_bases(formula):
        value = real_number(base.subs(x, a))
        if value is not None and abs(value) <= 1e-12:
            return True
    return False


def _ordinary(f: sympy.Expr, a: sympy.Expr, fa: sympy.Expr, formula: sympy.Expr,
              seconds: float) -> Derivative:
    """f'(a) from the formula, checked against the quotient on both sides."""
    value = simplified(formula.subs(x, a), seconds)
    quotient = _quotient(f, a, fa)
    if not all(_agrees(quotient, value, side) for side in (LEFT, RIGHT)):
        raise MathError(f"the derivative of f at x = {a} fails its numeric check")
    return Derivative(a, fa, value, value, value, EXISTS)


def _quotient(f: sympy.Expr, a: sympy.Expr, fa: sympy.Expr) -> sympy.Expr:
    return (f.subs(x, a + h) - fa) / h


def _slopes(f: sympy.Expr, a: sympy.Expr, fa: sympy.Expr,
            seconds: float) -> tuple[sympy.Expr | None, sympy.Expr | None]:
    quotient = _quotient(f, a, fa)
    return tuple(_one_sided_limit(f, quotient, a, side, seconds) for side in (LEFT, RIGHT))


def _one_sided_limit(f: sympy.Expr, quotient: sympy.Expr, a: sympy.Expr, side: int,
                     seconds: float) -> sympy.Expr | None:
    """lim quotient as h -> 0 from ``side``, checked numerically; None if f is undefined there."""
    if not _defined_beside(f, a, side):
        return None
    name = "left" if side == LEFT else "right"
    try:
        with time_limit(seconds, f"find the slope of f from the {name} of x = {a}"):
            limit = _limit_from(quotient.subs(h, side * STEP))
    except (SolveTimeout, *SYMPY_GAVE_UP):
        limit = sympy.nan
    if (_is_infinite(limit) or real_number(limit) is not None) and _agrees(quotient, limit, side):
        return limit
    estimate = _numeric_limit(quotient, side)
    if estimate is None:
        raise MathError(f"cannot find the slope of f from the {name} of x = {a}")
    return estimate


def _numeric_limit(quotient: sympy.Expr, side: int) -> sympy.Expr | None:
    """The limit estimated from Q at h = ±1e-6, ±1e-9, ±1e-12 (for when sympy fails).

    oo or -oo when |Q| grows at least tenfold at each step with one sign; a
    simple exact number (or a Float) when Q settles; None otherwise.
    """
    values = [_quotient_number(quotient, side * sympy.Rational(1, 10**k)) for k in (6, 9, 12)]
    if None in values:
        return None
    signs = set(np.sign(values))
    if len(signs) == 1 and all(abs(b) > 10 * abs(a) for a, b in zip(values, values[1:])):
        return sympy.oo * int(signs.pop())
    if abs(values[2] - values[1]) <= 1e-6 * (1 + abs(values[2])):
        return simple_number(values[2], 1e-8) or sympy.Float(values[2], 15)
    return None


def _defined_beside(f: sympy.Expr, a: sympy.Expr, side: int) -> bool:
    """Whether f is finite at a few points just to one side of a."""
    values = numeric_function(f, (x,))(real_number(a) + side * np.array(SIDE_PROBES))
    return bool(np.all(np.isfinite(values)))


def _agrees(quotient: sympy.Expr, limit: sympy.Expr, side: int) -> bool:
    """Whether the quotient at h = ±1e-8 and ±1e-4 (to 50 digits) bears out the limit.

    Finite: Q(±1e-8) is within 1e-4 of it, or at least twice as close as
    Q(±1e-4) (|x|^(4/3) at 0 has Q = ±|h|^(1/3), which closes in slowly).
    Infinite: Q(±1e-8) has the limit's sign and is larger than Q(±1e-4).
    """
    near = _quotient_number(quotient, side * CHECK_STEP)
    far = _quotient_number(quotient, side * CHECK_STEP * 10**4)
    if near is None or far is None:
        return False
    if not _is_infinite(limit):
        target = real_number(limit)
        error = abs(near - target)
        return error <= 1e-4 * (1 + abs(target)) or error <= 0.5 * abs(far - target)
    sign = 1 if limit == sympy.oo else -1
    return sign * near > max(sign * far, 0)


def _quotient_number(quotient: sympy.Expr, step: sympy.Expr) -> float | None:
    try:
        value = complex(sympy.N(quotient.subs(h, step), CHECK_DIGITS))
    except (TypeError, ValueError, AttributeError):
        return None
    return value.real if np.isfinite(value.real) and abs(value.imag) <= 1e-12 else None


def _classify(f: sympy.Expr, a: sympy.Expr, fa: sympy.Expr, left: sympy.Expr | None,
              right: sympy.Expr | None, seconds: float) -> tuple[sympy.Expr | None, str]:
    """(f'(a) or None, kind) from the one-sided slopes."""
    sides = [s for s in (left, right) if s is not None]
    if not sides:
        raise MathError(f"f is not defined on either side of x = {a}")
    infinite = [_is_infinite(s) for s in sides]
    if any(infinite) and not _continuous_at(f, a, fa, left, right, seconds):
        return None, JUMP
    if not any(infinite):
        if len(sides) == 1 or same_number(left, right, seconds):
            return sides[0], EXISTS
        return None, CORNER
    if all(infinite):
        return None, VERTICAL if len(set(sides)) == 1 else CUSP
    return None, CORNER


def _continuous_at(f: sympy.Expr, a: sympy.Expr, fa: sympy.Expr, left, right,
                   seconds: float) -> bool:
    """f(a + h) -> f(a) from each side where f is defined."""
    for side, slope in ((LEFT, left), (RIGHT, right)):
        if slope is None:
            continue
        try:
            with time_limit(seconds, f"check that f is continuous at x = {a}"):
                gap = _limit_from(f.subs(x, a + side * STEP) - fa)
        except SYMPY_GAVE_UP:
            gap = sympy.nan
        if gap != 0 and not (_is_infinite(gap) or real_number(gap) is not None):
            raise MathError(f"cannot tell whether f is continuous at x = {a}")
        if gap != 0:
            return False
    return True


def _limit_from(expr: sympy.Expr) -> sympy.Expr:
    """The limit of ``expr`` as the positive STEP -> 0.

    With a positive step, Abs(STEP), sign(STEP) and the Piecewise conditions
    of odd roots evaluate before the limit is taken, which sympy finds easier.
    """
    return sympy.limit(expr, STEP, 0, "+")


def _is_infinite(value: sympy.Expr) -> bool:
    return value in (sympy.oo, -sympy.oo)


def _text(value: sympy.Expr | None) -> str | None:
    return None if value is None else str(value)


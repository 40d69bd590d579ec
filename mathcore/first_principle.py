"""The derivative from first principles: the difference quotient and its limit.

>>> from mathcore.symbols import x
>>> result = first_principle(x**2, 3)
>>> str(result.quotient), str(result.limit), result.tangent.to_text()
('h + 6', '6', 'y = 6*x - 9')

Q(h) = (f(a + h) - f(a)) / h, shown simplified, and its one-sided limits as
h -> 0, taken by ``sympy.limit`` and checked against Q(±1e-8) (see
``mathcore.lines``). What the fields hold, point by point:

* f differentiable at a (x^2 at 3): ``limit`` = ``left`` = ``right`` =
  ``value`` = f'(a); the limit is also checked to equal f'(x) at a.
* a corner (|x| at 0) or a cusp (x^(2/3) at 0): ``limit``, ``value`` and
  ``tangent`` are None; ``left`` and ``right`` hold the two one-sided limits
  (-1 and 1; -oo and oo).
* a vertical tangent (x^(1/3) at 0): ``limit`` is ``oo`` (or ``-oo``), the
  quotient growing without bound with one sign; ``value`` is None (f'(a)
  does not exist) and ``tangent`` is the vertical line ``x = 0``.
* an end of f's domain (sqrt(x) at 0): h runs only where f(a + h) is
  defined; the other side's limit is None and ``limit`` is the one there is.

``left`` and ``right`` are always filled where f is defined on that side.
At a point where sympy cannot take the limits but f' is given by its
formula (no kink there), they are f'(a), which is what they are in theory.

``window``, the x range to draw, is the one given, or [a - 3, a + 3] cut back to
where f is defined around a (``taylor.defined_around``: sqrt(x) at 0 shows
[0, 3]) and rounded outward (``window.padded_window``).

The table holds Q(h) for h = 1, 1/10, 1/100, 1/1000 (exact and float); a
row's quotient is None where f(a + h) is undefined.
"""

from __future__ import annotations

from dataclasses import dataclass

import sympy

from mathcore.deadline import DEFAULT_SECONDS, time_limit
from mathcore.errors import MathError, SolveTimeout
from mathcore.lines import (
    VERTICAL,
    Derivative,
    Line,
    derivative_at,
    derivative_formula,
    difference_quotient,
    one_sided_slopes,
    tangent_from,
)
from mathcore.numbers import SYMPY_GAVE_UP, exact_number, function_of_x, real_number, same_number
from mathcore.symbols import h
from mathcore.taylor import defined_around
from mathcore.window import padded_window

TABLE_STEPS = tuple(sympy.Rational(1, 10**k) for k in range(4))
REACH = 3  # the default window is [a - REACH, a + REACH], where f is defined


@dataclass(frozen=True)
class QuotientRow:
    """Q(h) for one h of the table: exact values and floats (None where undefined)."""

    h: sympy.Expr
    quotient: sympy.Expr | None
    hf: float
    qf: float | None


@dataclass(frozen=True)
class FirstPrinciple:
    """The difference quotient of f at a, its limits and what they give (see the module doc)."""

    function: sympy.Expr
    at: sympy.Expr
    quotient: sympy.Expr
    limit: sympy.Expr | None
    left: sympy.Expr | None
    right: sympy.Expr | None
    derivative: sympy.Expr
    value: sympy.Expr | None
    table: tuple[QuotientRow, ...]
    tangent: Line | None
    point: Derivative
    window: tuple[sympy.Expr, sympy.Expr]

    def to_json(self) -> dict:
        return {
            "function": str(self.function),
            "at": str(self.at),
            "quotient": str(self.quotient),
            "limit": _text(self.limit),
            "left": _text(self.left),
            "right": _text(self.right),
            "derivative": str(self.derivative),
            "value": _text(self.value),
            "table": [[row.hf, row.qf] for row in self.table],
            "tangent": None if self.tangent is None else self.tangent.to_text(),
            "window": [str(v) for v in self.window],
        }


def first_principle(f: sympy.Expr, a, window=None,
                    seconds: float = DEFAULT_SECONDS) -> FirstPrinciple:
    """Differentiate f at x = a from the definition, to be drawn in ``window`` (default:
    around a). MathError if f is undefined at a."""
    f = function_of_x(f)
    a = exact_number(a, "the point")
    if window is None:
        centre = float(a)
        window = padded_window(*defined_around(f, centre, centre - REACH, centre + REACH),
                               margin=0, least=0)
    point = derivative_at(f, a, seconds)
    quotient = difference_quotient(f, a, seconds)
    left, right = _sides(f, a, point, seconds)
    limit = _limit(left, right, seconds)
    if point.exists:
        if limit is None or not same_number(limit, point.value, seconds):
            raise MathError(f"the limit of the difference quotient at x = {a} ({limit}) "
                            f"does not match f'({a}) = {point.value}")
        limit, left, right = (None if v is None else point.value for v in (limit, left, right))
    return FirstPrinciple(
        function=f, at=a, quotient=_shown_quotient(quotient, seconds),
        limit=limit, left=left, right=right,
        derivative=derivative_formula(f, seconds), value=point.value,
        table=tuple(_row(quotient, step) for step in TABLE_STEPS),
        tangent=tangent_from(point) if point.exists or point.kind == VERTICAL else None,
        point=point, window=tuple(window),
    )


def _sides(f: sympy.Expr, a: sympy.Expr, point: Derivative,
           seconds: float) -> tuple[sympy.Expr | None, sympy.Expr | None]:
    """The one-sided limits; f'(a) for both where sympy cannot take them at an ordinary point."""
    try:
        return one_sided_slopes(f, a, seconds)
    except (MathError, *SYMPY_GAVE_UP):
        if point.exists and point.left is not None and point.right is not None:
            return point.left, point.right
        raise


def _limit(left: sympy.Expr | None, right: sympy.Expr | None,
           seconds: float) -> sympy.Expr | None:
    """The two-sided limit: the common value, the only side's value, or None."""
    if left is None or right is None:
        return right if left is None else left
    return left if same_number(left, right, seconds) else None


def _shown_quotient(quotient: sympy.Expr, seconds: float) -> sympy.Expr:
    """Q(h) cancelled if it is a rational function of h: ((h + 1)^3 - 1)/h -> h^2 + 3h + 3.

    Other quotients stay as built, (f(a + h) - f(a))/h: ``simplify`` rarely
    shows them better and can take seconds.
    """
    if not quotient.is_rational_function(h):
        return quotient
    try:
        with time_limit(seconds, "simplify the difference quotient"):
            return sympy.cancel(quotient)
    except (SolveTimeout, *SYMPY_GAVE_UP):
        return quotient


def _row(quotient: sympy.Expr, step: sympy.Expr) -> QuotientRow:
    """Q(step) as sympy evaluates it (simplify can take seconds on trigonometric values)."""
    value = quotient.subs(h, step)
    number = real_number(value)
    return QuotientRow(step, None if number is None else value, float(step), number)


def _text(value: sympy.Expr | None) -> str | None:
    return None if value is None else str(value)

"""Numbers: real and exact values, simplification within the time limit, the
exceptions by which sympy gives up, and how a number is shown and read.

A number reads exact when its exact form is short, otherwise as about four
significant digits, marked approximate:

>>> reading(sympy.Rational(1, 4))
Reading(value=1/4, approximate=False)
>>> reading(sympy.sqrt(3) / 3).approximate
False
>>> float(reading(sympy.Float("1.4238733098218")).value)
1.424
>>> reading(sympy.Float("0.25")).approximate   # a decimal that is already short
False
>>> reading(sympy.Rational(1, 7)).value
1/7
>>> float(reading(sympy.Rational(1, 1024)).value)
0.0009766
>>> reading(sympy.exp(sympy.Rational(1, 3)) * sympy.pi + sympy.sqrt(7)).approximate
True
"""

from __future__ import annotations

import cmath
import math
import warnings
from collections.abc import Sequence
from dataclasses import dataclass

import sympy

from mathcore.deadline import DEFAULT_SECONDS, time_limit
from mathcore.errors import MathError, SolveTimeout
from mathcore.symbols import x

PRECISION = 30          # digits for numeric checks of exact values
MAX_OPERATIONS = 40     # an exact form longer than this is shown as a Float
DIGITS = 4              # significant digits of an approximate reading
MAX_TEXT = 12           # an exact form longer than this, as sympy writes it, is not short
MAX_DENOMINATOR = 1000  # 1/7 is short; 1/1024 is read as 0.0009766

# The exceptions by which sympy says "I cannot do this one".
SYMPY_GAVE_UP = (NotImplementedError, ValueError, TypeError, ArithmeticError,
                 AttributeError, RecursionError, sympy.polys.polyerrors.BasePolynomialError)


def function_of_x(expr) -> sympy.Expr:
    """``expr`` as a sympy expression in x alone (never parsed from text)."""
    expr = _sympy_value(expr, "the function")
    others = expr.free_symbols - {x}
    if others:
        names = ", ".join(sorted(str(s) for s in others))
        raise MathError(f"the function must depend on x only (it also depends on {names})")
    return expr


def exact_number(value, what: str = "a number") -> sympy.Expr:
    """``value`` as a finite real sympy number (ints stay exact)."""
    number = _sympy_value(value, what)
    if number.free_symbols or real_number(number) is None:
        raise MathError(f"{what} must be a finite real number (got {value})")
    return number


def exact_interval(interval: Sequence, what: str = "interval") -> tuple[sympy.Expr, sympy.Expr]:
    """The ends (a, b) of ``interval`` as exact numbers with a < b."""
    if len(interval) != 2:
        raise MathError(f"an {what} has two ends (got {interval})")
    a, b = (exact_number(end, f"an end of the {what}") for end in interval)
    if not real_number(a) < real_number(b):
        raise MathError(f"{what}: a must be less than b (got [{a}, {b}])")
    return a, b


def _sympy_value(value, what: str) -> sympy.Expr:
    """A sympy object or Python number as sympy; text is refused (parse it first)."""
    try:
        return sympy.sympify(value, strict=True)
    except sympy.SympifyError:
        raise MathError(f"{what} must be a sympy expression or a number, "
                        f"not {type(value).__name__}") from None


def real_number(expr) -> float | None:
    """``expr`` as a float if it is a finite real number, else None."""
    try:
        value = complex(sympy.N(expr, PRECISION))
    except (TypeError, ValueError, AttributeError):
        return None
    if not cmath.isfinite(value) or abs(value.imag) > 1e-12 * (1 + abs(value.real)):
        return None
    return value.real


def simplified(expr: sympy.Expr, seconds: float = DEFAULT_SECONDS) -> sympy.Expr:
    """``sympy.simplify`` within the time limit, else ``expr`` as it is."""
    if expr.is_Atom:
        return expr
    try:
        with time_limit(seconds, "simplify"):
            return sympy.simplify(expr)
    except (SolveTimeout, *SYMPY_GAVE_UP):
        return expr


def same_number(a: sympy.Expr, b: sympy.Expr, seconds: float = DEFAULT_SECONDS) -> bool:
    """Whether two numbers are equal: exactly by ``simplify``, or to 50 digits where
    simplify cannot tell (cosh(1/4) against exponentials); within 1e-9 for Floats."""
    if a == b:
        return True
    fa, fb = real_number(a), real_number(b)
    if fa is None or fb is None or abs(fa - fb) > 1e-9 * (1 + abs(fa) + abs(fb)):
        return False
    if a.has(sympy.Float) or b.has(sympy.Float) or simplified(a - b, seconds) == 0:
        return True
    return abs(sympy.N(a - b, 50)) <= 1e-40 * (1 + abs(fa))


def shown(value: sympy.Expr) -> sympy.Expr:
    """An exact number as it should be shown: a Float if its exact form is unreadable."""
    if value.is_Float:
        return value
    unreadable = (value.has(sympy.I, sympy.CRootOf, sympy.re, sympy.im)
                  or sympy.count_ops(value) > MAX_OPERATIONS)
    if not unreadable:
        return value
    number = real_number(value)
    if number is None:
        raise MathError(f"{sympy.sstr(value)[:60]} is not a real number")
    return sympy.Float(number, 15)


def simple_number(value: float, tolerance: float,
                  constants: tuple = ()) -> sympy.Expr | None:
    """A short exact number within ``tolerance`` (relative) of ``value`` by ``nsimplify``,
    or None. A guess, for the caller to check."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            guess = sympy.nsimplify(value, constants, tolerance=tolerance * (1 + abs(value)))
        except SYMPY_GAVE_UP:
            return None
    return guess if sympy.count_ops(guess) <= 12 else None


@dataclass(frozen=True)
class Reading:
    """What is shown for a number: ``value`` (exact, or a Float of DIGITS digits) and
    whether it is ``approximate`` (shown with ≈)."""

    value: sympy.Expr
    approximate: bool


def reading(value: sympy.Expr | float | int) -> Reading:
    """The number as it should be read; raises MathError for a value that is not a
    finite real number."""
    value = sympy.sympify(value) if isinstance(value, (int, float)) else value
    if is_short(value):
        return Reading(value, False)
    number = _real(value)
    rounded = sympy.Float(f"{number:.{DIGITS}g}", 15)
    return Reading(rounded, not math.isclose(float(rounded), number, rel_tol=1e-12,
                                             abs_tol=1e-300))


def is_short(value: sympy.Expr) -> bool:
    """Whether the exact form of ``value`` reads at a glance: 3, -1/4, √3/3, π/2."""
    if not isinstance(value, sympy.Expr) or value.has(sympy.Float, sympy.I, sympy.CRootOf,
                                                      sympy.re, sympy.im, sympy.zoo,
                                                      sympy.nan, sympy.oo):
        return False
    if value.is_Rational:
        return abs(value.q) <= MAX_DENOMINATOR and len(str(value)) <= MAX_TEXT
    return value.is_number and len(sympy.sstr(value)) <= MAX_TEXT


def _real(value: sympy.Expr) -> float:
    number = real_number(value)
    if number is None:
        raise MathError(f"{sympy.sstr(value)} is not a finite real number")
    return number

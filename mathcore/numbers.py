"""How a number reads to a person: exact when its exact form is short, otherwise
about four significant digits, marked approximate.

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

import math
from dataclasses import dataclass

import sympy

from mathcore.errors import MathError

DIGITS = 4              # significant digits of an approximate reading
MAX_TEXT = 12           # an exact form longer than this, as sympy writes it, is not short
MAX_DENOMINATOR = 1000  # 1/7 is short; 1/1024 is read as 0.0009766


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
    try:
        number = complex(sympy.N(value, 30))
    except (TypeError, ValueError, AttributeError):
        number = complex("nan")
    if not (math.isfinite(number.real) and abs(number.imag) <= 1e-12 * (1 + abs(number.real))):
        raise MathError(f"{sympy.sstr(value)} is not a finite real number")
    return number.real

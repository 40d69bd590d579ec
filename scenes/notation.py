"""How exact values read: LaTeX for the screen, plain text for captions."""

from __future__ import annotations

import re

import sympy

_NUMBER_TIMES = re.compile(r"(?<![\w.])(\d+)\*(?=[a-zA-Z(])")
_LETTER_TIMES = re.compile(r"(?<=[a-z])(?<![a-z]{2})\*(?=[a-z](?![a-z(]))")
_INTEGER_POWER = re.compile(r"\^(-?\d+)")
_SUPERSCRIPTS = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")
_SUBSCRIPTS = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")
_SQRT_OF_ATOM = re.compile(r"sqrt\((\w+)\)")
_PI = re.compile(r"\bpi\b")


def tex(value: sympy.Expr | float | int, **options) -> str:
    """LaTeX for an exact value, as it is typeset on screen (``options`` go to
    ``sympy.latex``, e.g. ``order="rev-lex"`` for ascending powers)."""
    return sympy.latex(sympy.sympify(value) if isinstance(value, (int, float)) else value,
                       **options)


def plain(value: sympy.Expr | float | int) -> str:
    """A caption-friendly rendering: ``3x² - 6x``, ``√3/3``, ``π/2``, ``-36``."""
    text = sympy.sstr(value).replace("**", "^")
    text = _PI.sub("π", _SQRT_OF_ATOM.sub(r"√\1", text))
    text = _INTEGER_POWER.sub(lambda m: m.group(1).translate(_SUPERSCRIPTS), text)
    text = _LETTER_TIMES.sub("", _NUMBER_TIMES.sub(r"\1", text))
    return text.replace("*", "·")


def point(x: sympy.Expr, y: sympy.Expr) -> str:
    """A point for captions: ``(0, -2)``."""
    return f"({plain(x)}, {plain(y)})"


def sub(name: str, index: int) -> str:
    """A name with a subscript index for captions: ``P₁₀``."""
    return name + str(index).translate(_SUBSCRIPTS)

"""How exact values read: LaTeX for the screen, plain text for captions, and words for
the voice while ``mathcore.speech.for_the_voice`` is on (each writer below then returns
its value spoken, marked with ``speech.said``)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING

import sympy
from sympy.printing.str import StrPrinter

from mathcore import speech
from mathcore.numbers import Reading, reading

if TYPE_CHECKING:
    from mathcore.critical import CriticalCurve

_NUMBER_TIMES = re.compile(r"(?<![\w.])(\d+)\*(?=[a-zA-Z(])")
_LETTER_TIMES = re.compile(r"(?<=[a-z])(?<![a-z]{2})\*(?=[a-z](?![a-z(]))")
_INTEGER_POWER = re.compile(r"\^(?:\((-\d+)\)|(-?\d+)(?![\d.]))")
_SUPERSCRIPTS = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")
_SUBSCRIPTS = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")
_SQRT_OF_ATOM = re.compile(r"sqrt\((\w+)\)")
_PI = re.compile(r"\bpi\b")
SIGNIFICANT = 4   # digits of a decimal that does not terminate in a few
MAX_DECIMAL = 10  # characters of a terminating decimal shown exactly (27.009001)


def tex(value: sympy.Expr | float | int, **options) -> str:
    """LaTeX for an exact value, as it is typeset on screen (``options`` go to
    ``sympy.latex``, e.g. ``order="rev-lex"`` for ascending powers)."""
    return sympy.latex(sympy.sympify(value) if isinstance(value, (int, float)) else value,
                       **options)


class _CaptionPrinter(StrPrinter):
    """sympy's text, written as a textbook writes it: e, e^(...), |x|, √(...), ln."""

    def _print_Exp1(self, expr: sympy.Expr) -> str:
        return "e"

    def _print_exp(self, expr: sympy.Expr) -> str:
        power = expr.args[0]
        inside = self._print(power)
        return f"e^{inside}" if power.is_Atom and not power.is_negative else f"e^({inside})"

    def _print_Abs(self, expr: sympy.Expr) -> str:
        return f"|{self._print(expr.args[0])}|"

    def _print_log(self, expr: sympy.Expr) -> str:
        return f"ln({self._print(expr.args[0])})" if len(expr.args) == 1 else \
            super()._print_log(expr)

    def _print_Pow(self, expr: sympy.Expr, rational: bool = False) -> str:
        base, power = expr.args
        if power in (sympy.S.Half, -sympy.S.Half) and not base.is_Atom:
            root = f"√({self._print(base)})"
            return root if power > 0 else f"1/{root}"
        return super()._print_Pow(expr, rational)


def plain(value: sympy.Expr | float | int) -> str:
    """A caption-friendly rendering: ``3x² - 6x``, ``√3/3``, ``π/2``, ``-36``,
    ``e^(-x²)``, ``|x - 1|``, ``√(x² + 1)``, ``ln(x)``, ``cos(y)⁻²``."""
    if speech.speaking():
        return speech.said(speech.speak(value))
    text = _CaptionPrinter().doprint(value).replace("**", "^")
    text = _PI.sub("π", _SQRT_OF_ATOM.sub(r"√\1", text))
    text = _INTEGER_POWER.sub(lambda m: (m.group(1) or m.group(2)).translate(_SUPERSCRIPTS),
                              text)
    text = _LETTER_TIMES.sub("", _NUMBER_TIMES.sub(r"\1", text))
    return text.replace("*", "·")


def number(value: sympy.Expr | float | int) -> str:
    """A number for captions: ``1/4``, ``√3/3``, ``-36``, or ``≈ 1.424``."""
    shown = reading(value)
    if speech.speaking():
        return speech.said(("about " if shown.approximate else "") + speech.speak(shown.value))
    return ("≈ " if shown.approximate else "") + _plain_reading(shown)


def number_tex(value: sympy.Expr | float | int) -> str:
    r"""The same number in LaTeX: ``\frac{1}{4}``, or ``\approx 1.424``."""
    shown = reading(value)
    return (r"\approx " if shown.approximate else "") + _tex_reading(shown)


def is_tex(value: sympy.Expr | float) -> str:
    r"""``= \frac{1}{4}``, or ``\approx 3.195``: the caption's reading of ``value``."""
    text = number_tex(value)
    return text if text.startswith(r"\approx") else f"= {text}"


def point(*coordinates: sympy.Expr) -> str:
    """A point for captions: ``(0, -2)``, ``(1, 2, 3)``, or ``≈ (1.424, 4.367)`` (one ≈
    for all)."""
    readings = [reading(c) for c in coordinates]
    about = any(r.approximate for r in readings)
    if speech.speaking():
        return speech.said(speech.point_words([speech.speak(r.value) for r in readings], about))
    inside = ", ".join(map(_plain_reading, readings))
    return ("≈ " if about else "") + f"({inside})"


def point_tex(*coordinates: sympy.Expr) -> str:
    r"""The same point in LaTeX: ``\left(\frac{1}{2}, -3\right)``."""
    readings = [reading(c) for c in coordinates]
    inside = ", ".join(map(_tex_reading, readings))
    return ((r"\approx " if any(r.approximate for r in readings) else "")
            + rf"\left({inside}\right)")


def _plain_reading(shown: Reading) -> str:
    return _decimal(shown.value, "·10") if shown.value.is_Float else plain(shown.value)


def _tex_reading(shown: Reading) -> str:
    return _decimal(shown.value, r" \cdot 10") if shown.value.is_Float else tex(shown.value)


def _decimal(value: sympy.Float, times_ten: str) -> str:
    """A Float of a few digits without trailing zeros; a power of ten when very large
    or small: ``0.25``, ``-36``, ``1.2·10⁻⁵``."""
    text = f"{float(value):.6g}"
    if "e" not in text:
        return text
    mantissa, power = text.split("e")
    if times_ten.startswith("·"):
        return f"{mantissa}{times_ten}{str(int(power)).translate(_SUPERSCRIPTS)}"
    return f"{mantissa}{times_ten}^{{{int(power)}}}"


def within(name: str, low: sympy.Expr, high: sympy.Expr) -> str:
    """``x in [-2, 2]``; for the voice, ``x from minus two to two``."""
    if speech.speaking():
        return f"{name} from {plain(low)} to {plain(high)}"
    return f"{name} in [{plain(low)}, {plain(high)}]"


def between(name: str, low: sympy.Expr, high: sympy.Expr) -> str:
    """``0 ≤ x ≤ 3``; for the voice, as :func:`within`: ``x from zero to three``."""
    if speech.speaking():
        return within(name, low, high)
    return f"{number(low)} ≤ {name} ≤ {number(high)}"


def sub(name: str, index: int) -> str:
    """A name with a subscript index for captions: ``P₁₀``."""
    if speech.speaking():
        return speech.said(speech.name_words(f"{name}_{index}"))
    return name + str(index).translate(_SUBSCRIPTS)


def equals(name: str, value: sympy.Expr) -> str:
    """``x = 2√3/3``, or ``x ≈ 1.075`` where the exact form is long or unknown (see
    :func:`number`)."""
    if not reading(value).approximate:
        return f"{name} = {number(value)}"
    return f"{name} {'is ' if speech.speaking() else ''}{number(value)}"


def decimal(exact: sympy.Expr, approx: float, about: str = "≈ ",
            digits: int = SIGNIFICANT) -> str:
    """A number as a decimal: exact when it terminates in a few digits (6001/1000 is
    6.001), else ``about`` and ``digits`` significant digits (-3/28 is ≈ -0.1071);
    ``about`` is ``\\approx `` for LaTeX."""
    text = _terminating(exact)
    if speech.speaking():
        return speech.said(speech.decimal_words(text) if text else
                           "about " + speech.decimal_words(f"{approx:.{digits}g}"))
    return text or f"{about}{approx:.{digits}g}"


def _terminating(exact: sympy.Expr) -> str | None:
    """A rational's exact decimal when it terminates within MAX_DECIMAL characters."""
    if exact.is_Rational:
        p, q = exact.as_numer_denom()
        if q == 2 ** _multiplicity(2, q) * 5 ** _multiplicity(5, q):
            text = format((Decimal(int(p)) / Decimal(int(q))).normalize(), "f")
            if len(text) <= MAX_DECIMAL:
                return text
    return None


def telling_digits(values: Sequence[float], most: int = 7) -> int:
    """The fewest significant digits, SIGNIFICANT at least and ``most`` at most, that
    tell the values apart: a table of slopes heading for a limit keeps its steps
    (-0.1247, -0.12498, -0.124998, not -0.125 twice)."""
    for digits in range(SIGNIFICANT, most):
        shown = [f"{v:.{digits}g}" for v in values]
        if len(set(shown)) == len(shown):
            return digits
    return most


def _multiplicity(prime: int, n: sympy.Integer) -> int:
    return sympy.multiplicity(prime, n) if n % prime == 0 else 0


def function_tex(expr: sympy.Expr) -> str:
    """``f(x, y) = ...`` in LaTeX, as every kind of f(x, y) titles it."""
    return rf"f(x, y) = {tex(expr)}"


def curve_text(curve: CriticalCurve) -> str:
    """A curve of critical points as a caption writes it: ``x = 0``, or its own words."""
    return curve.text if curve.everywhere else f"{plain(curve.lhs)} = {plain(curve.rhs)}"


def text_table(header: Sequence[str], rows: Sequence[Sequence[str]], indent: str = "") -> list[str]:
    """``header`` and ``rows`` as lines of text, ``a | b | c``, each column padded to its
    widest cell: the tables ``calcreel check`` prints."""
    table = [tuple(header), *(tuple(row) for row in rows)]
    widths = [max(len(row[i]) for row in table) for i in range(len(header))]
    return [indent + " | ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip()
            for row in table]


TEX_SPECIALS = {c: "\\" + c for c in "&%$#_{}"} | {
    "~": r"\textasciitilde{}", "^": r"\textasciicircum{}", "\\": r"\textbackslash{}"}


def tex_escaped(text: str) -> str:
    """Plain text made safe for LaTeX's text mode."""
    return "".join(TEX_SPECIALS.get(c, c) for c in text)


def tex_text(line: str) -> str:
    """Text with $...$ math made safe for LaTeX: the text's specials escaped, the math
    kept as it is."""
    pieces = line.split("$")
    return "$".join(piece if i % 2 else tex_escaped(piece) for i, piece in enumerate(pieces))

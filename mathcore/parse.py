"""Read the formulas teachers type into sympy expressions, safely.

A formula is data, never code: it is never handed to ``eval``, ``sympify`` or
``parse_expr``. The text goes through a small textual pre-pass, then
``ast.parse(..., mode="eval")``, and the syntax tree is walked with an
allow-list that builds sympy objects directly. Anything not listed below is a
:class:`~mathcore.errors.ParseError` whose 1-based ``column`` points into the
text as typed.

Grammar::

    formula  := sum
    sum      := term (("+" | "-") term)*
    term     := unary (("*" | "/") unary)*
    unary    := ("-" | "+") unary | power
    power    := atom (("^" | "**") unary)?      right-associative: 2^3^2 = 2^9
    atom     := number | name | function "(" sum ("," sum)* ")" | "(" sum ")"
    number   := 12 | 0.5 | .5 | 1e-3 | 2.5E+4      always exact: 0.1 is 1/10
    name     := a declared variable (x, y), a declared parameter, pi, e
    function := sin cos tan sec csc cot asin acos atan sinh cosh tanh
                asinh acosh atanh exp log ln sqrt cbrt root abs
                (also arcsin arccos arctan, arsinh/arcsinh, arcosh/arccosh,
                artanh/arctanh; log(x, base) and root(x, n) take two)

Pre-pass, one rule at a time, each keeping a map back to the typed columns:

* the Unicode minus ``−`` becomes ``-``, ``×`` ``·`` ``⋅`` become ``*``, and
  tabs, line breaks and no-break spaces become spaces; any other non-ASCII
  character is refused, naming it and its look-alike (Cyrillic ``х`` -> x);
* ``^`` becomes ``**``;
* a ``*`` is understood between a complete factor (a number, ``)``, or a
  variable, parameter or constant, none of which is a function) and a name or
  ``(`` that follows it, directly or after spaces, as in a textbook: ``3x``,
  ``2(x+1)``, ``2sin(x)``, ``2pi``, ``1e-3x``, ``(x+1)(x-1)``, ``x(ln(x) - 1)``,
  ``x^2 ln(x)``, ``e^x sin(x)``, ``x y``. Still refused, as a reader could take
  them two ways: a number after a factor (``x 2``, ``(x+1)2``, ``2 3``), a
  function without brackets (``sin x``: is ``sin x^2`` sin(x^2) or (sin x)^2?),
  and names run together (``xy`` is an unknown name: did you mean x*y?).

Limits, checked before anything is computed: 2 000 characters, 50 nested
brackets, 30 digits per number (powers of ten up to 1e100), 500 parts in the
syntax tree and 100 levels, constant exponents up to 100 in size (so no
``9^9^9``), and no power whose numbers or exponents would grow past about
10 000 bits (``(2^100)^100``). Nor a product or power whose expansion would
have more than 2 000 terms or a degree above 200 (``(x+y+1)^100``,
``(1+x)^100*(1-x)^150``): the size is estimated from the syntax, never by
expanding. A constant part that is undefined (``1/0``,
``log(0)``) or not real (``sqrt(-1)``) is refused. Unexpected failures deep
inside (recursion, memory, overflow) also become a ParseError.

Roots are real roots, as a teacher means them: ``u^(p/q)`` with an odd ``q``
(``x^(1/3)``, ``cbrt(x)``, ``root(x, 3)``) is ``|u|^(p/q)``, negated for
``u < 0`` when ``p`` is odd, written as a ``Piecewise`` of ``Abs`` powers so
that it differentiates and lambdifies to real values (``(-8)^(1/3) = -2``).
Even roots (``x^(1/2)``, ``sqrt(x)``) are sympy's ordinary powers.
"""

from __future__ import annotations

import ast
import difflib
import keyword
import math
import operator
import re
import unicodedata
import warnings
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction

import sympy

from mathcore import symbols
from mathcore.errors import ParseError

MAX_LENGTH = 2000
MAX_NESTING = 50
MAX_TREE_DEPTH = 100
MAX_NODES = 500
MAX_DIGITS = 30
MAX_TEN_POWER = 100
MAX_EXPONENT = 100
MAX_POWER_SIZE = 10_000
MAX_TERMS = 2_000
MAX_DEGREE = 200

_CONSTANTS: dict[str, sympy.Expr] = {"pi": sympy.pi, "e": sympy.E}

_TRANSLATIONS = str.maketrans(
    {"\u2212": "-", "\u00d7": "*", "\u00b7": "*", "\u22c5": "*",
     "\t": " ", "\n": " ", "\r": " ", "\u00a0": " "}
)
_LOOKALIKES = {
    "\u0430": "a", "\u0435": "e", "\u043e": "o", "\u0440": "p", "\u0441": "c",
    "\u0445": "x", "\u0443": "y", "\u03c0": "pi", "\u00b2": "^2", "\u00b3": "^3",
    "\u221a": "sqrt(...)", "\u2013": "-", "\u2014": "-", "\u00f7": "/",
}
_NAME_HINTS = {
    **dict.fromkeys(("i", "j", "I", "J"), "imaginary numbers are not supported"),
    **dict.fromkeys(("oo", "inf", "infinity", "Infinity"), "infinity is not a number"),
    **dict.fromkeys(("nan", "NaN"), "'not a number' cannot be used"),
}
_TOKEN = re.compile(
    r"(?P<number>(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)"
    r"|(?P<name>[A-Za-z_]\w*)|(?P<power>\^)|(?P<other>.)",
    re.DOTALL,
)
_OPENERS, _CLOSERS = "([{", ")]}"


# --- functions ----------------------------------------------------------------


class _ArgumentError(Exception):
    """A function argument that is not acceptable; ``position`` indexes the call's args."""

    def __init__(self, message: str, position: int):
        super().__init__(message)
        self.message = message
        self.position = position


@dataclass(frozen=True)
class _Function:
    """An allowed function: how many arguments it takes, how to build it, how to write it."""

    arities: tuple[int, ...]
    apply: Callable[..., sympy.Expr]
    usage: str


def _real_power(base: sympy.Expr, exponent: sympy.Expr) -> sympy.Expr:
    """``base**exponent``, where an odd root of a negative base is the real root."""
    if not (exponent.is_Rational and exponent.q % 2 == 1 and exponent.q > 1):
        return base**exponent
    magnitude = sympy.Abs(base) ** exponent
    if exponent.p % 2 == 0:
        return magnitude
    return sympy.Piecewise((magnitude, base >= 0), (-magnitude, True))


def _log(value: sympy.Expr, base: sympy.Expr | None = None) -> sympy.Expr:
    if base is None:
        return sympy.log(value)
    if base.is_number and not (base.is_positive and base != 1):
        raise _ArgumentError("the base of log(x, base) must be positive and not 1", 1)
    return sympy.log(value, base)


def _root(value: sympy.Expr, degree: sympy.Expr) -> sympy.Expr:
    if not (degree.is_Integer and 2 <= degree <= MAX_EXPONENT):
        raise _ArgumentError(
            f"n in root(x, n) must be a whole number from 2 to {MAX_EXPONENT}", 1
        )
    return _real_power(value, sympy.Rational(1, degree))


def _unary(function: Callable[[sympy.Expr], sympy.Expr], name: str) -> _Function:
    return _Function((1,), function, f"{name}(x)")


_FUNCTIONS: dict[str, _Function] = {
    **{name: _unary(getattr(sympy, name), name) for name in (
        "sin", "cos", "tan", "sec", "csc", "cot", "asin", "acos", "atan",
        "sinh", "cosh", "tanh", "asinh", "acosh", "atanh", "exp", "sqrt",
    )},
    "log": _Function((1, 2), _log, "log(x) or log(x, base)"),
    "ln": _unary(sympy.log, "ln"),
    "cbrt": _unary(lambda value: _real_power(value, sympy.Rational(1, 3)), "cbrt"),
    "root": _Function((2,), _root, "root(x, n)"),
    "abs": _unary(sympy.Abs, "abs"),
}
_CANONICAL_FUNCTIONS = tuple(_FUNCTIONS)
_ALIASES = {
    "arcsin": "asin", "arccos": "acos", "arctan": "atan",
    "arsinh": "asinh", "arcsinh": "asinh", "arcosh": "acosh", "arccosh": "acosh",
    "artanh": "atanh", "arctanh": "atanh",
}
_FUNCTIONS.update({alias: _FUNCTIONS[name] for alias, name in _ALIASES.items()})


# --- pre-pass -----------------------------------------------------------------


@dataclass(frozen=True)
class _Code:
    """Python source made from part of a formula, mapped back to the typed text.

    ``origin[i]`` is the index in ``text`` of ``code[i]``; one extra entry
    holds the index just past the part, for errors at its end.
    """

    text: str
    code: str
    origin: tuple[int, ...]

    def column(self, index: int) -> int:
        return self.origin[max(0, min(index, len(self.origin) - 1))] + 1

    def segment(self, node: ast.expr) -> str:
        start = self.origin[node.col_offset]
        end = self.origin[max(node.col_offset, node.end_col_offset - 1)] + 1
        return _shorten(self.text[start:end])


def _shorten(text: str, size: int = 40) -> str:
    """``text`` cut to ``size`` characters for a message, on one line."""
    text = re.sub(r"\s", " ", text)
    return text if len(text) <= size else text[: size - 3] + "..."


def _prepare(text: object, what: str = "formula") -> str:
    """Check the whole text and return it with the harmless characters translated."""
    if not isinstance(text, str):
        raise ParseError(f"a {what} must be text, not {type(text).__name__}", str(text))
    if not text.strip():
        raise ParseError(f"the {what} is empty", text, 1)
    if len(text) > MAX_LENGTH:
        raise ParseError(
            f"the {what} is too long ({len(text)} characters; at most {MAX_LENGTH})",
            text, MAX_LENGTH + 1,
        )
    cleaned = text.translate(_TRANSLATIONS)
    _check_characters(text, cleaned)
    _check_underscores(text, cleaned)
    _check_brackets(text, cleaned)
    return cleaned


def _check_characters(text: str, cleaned: str) -> None:
    for index, char in enumerate(cleaned):
        if not (char.isascii() and char.isprintable()):
            raise ParseError(_character_message(char), text, index + 1)


def _character_message(char: str) -> str:
    shown = f"'{char}' (U+{ord(char):04X})" if char.isprintable() else f"U+{ord(char):04X}"
    message = f"character {shown} is not allowed"
    normal = unicodedata.normalize("NFKC", char)
    hint = _LOOKALIKES.get(char) or (normal if normal.isascii() and normal.isprintable() else "")
    return f"{message}; did you mean '{hint}'?" if hint else message


def _check_underscores(text: str, cleaned: str) -> None:
    match = re.search(r"\w*__\w*", cleaned)
    if match:
        raise ParseError(
            f"'{_shorten(match.group())}' is not allowed: "
            "names with '__' are never part of a formula",
            text, match.start() + 1,
        )


def _check_brackets(text: str, cleaned: str) -> None:
    """Refuse unbalanced or too deeply nested brackets before Python's parser sees them."""
    opened: list[int] = []
    for index, char in enumerate(cleaned):
        if char in _OPENERS:
            opened.append(index)
            if len(opened) > MAX_NESTING:
                raise ParseError(
                    f"the brackets are nested too deeply (at most {MAX_NESTING} levels)",
                    text, index + 1,
                )
        elif char in _CLOSERS:
            if not opened:
                raise ParseError(
                    f"unexpected '{char}': there is no opening bracket for it", text, index + 1
                )
            opener = cleaned[opened.pop()]
            if _OPENERS.index(opener) != _CLOSERS.index(char):
                raise ParseError(f"unexpected '{char}': expected a closing bracket "
                                 f"for '{opener}'", text, index + 1)
    if opened:
        closer = _CLOSERS[_OPENERS.index(cleaned[opened[-1]])]
        raise ParseError(
            f"missing '{closer}': this '{cleaned[opened[-1]]}' is never closed",
            text, opened[-1] + 1,
        )


def _equals_signs(cleaned: str) -> list[tuple[int, int]]:
    """Spans of the ``=`` (or ``==``) outside brackets; ``<=``, ``>=``, ``!=``, ``:=`` are not."""
    return _outside_brackets(cleaned, r"[<>!:]?==?", lambda token: token[0] == "=")


def _outside_brackets(text: str, pattern: str,
                      wanted: Callable[[str], bool] = bool) -> list[tuple[int, int]]:
    """Spans of the matches of ``pattern`` in ``text`` that are outside every bracket
    and ``wanted``."""
    spans: list[tuple[int, int]] = []
    depth = 0
    for match in re.finditer(rf"[([{{]|[)\]}}]|{pattern}", text):
        token = match.group()
        if token in _OPENERS:
            depth += 1
        elif token in _CLOSERS:
            depth -= 1
        elif depth == 0 and wanted(token):
            spans.append(match.span())
    return spans


def _to_python(text: str, cleaned: str, start: int, end: int,
               names: Mapping[str, sympy.Expr]) -> _Code:
    """Rewrite ``cleaned[start:end]`` as Python: ``^`` -> ``**`` and implicit products."""
    pieces: list[str] = []
    origin: list[int] = []
    previous, spaced = ("", ""), False
    for match in _TOKEN.finditer(cleaned, start, end):
        kind, token = match.lastgroup, match.group()
        pieces.append("**" if kind == "power" else token)
        origin += [match.start()] * 2 if kind == "power" else range(match.start(), match.end())
        if token == " ":
            spaced = True
            continue
        if kind == "number":
            _check_number(text, match)
        if spaced and previous[1] in _FUNCTIONS and kind in ("name", "number"):
            raise ParseError(f"{previous[1]} needs brackets around its argument: "
                             f"write {previous[1]}(...)", text, match.start() + 1)
        if _implied_product(previous, kind, token, names):
            pieces.insert(len(pieces) - 1, "*")
            origin.insert(len(origin) - len(token), match.start())
        previous, spaced = (kind, token), False
    return _Code(text, "".join(pieces), (*origin, end))


def _implied_product(previous: tuple[str, str], kind: str | None, token: str,
                     names: Mapping[str, sympy.Expr]) -> bool:
    """Whether a ``*`` is understood before this token, which follows ``previous``
    (its kind and text) directly or after spaces.

    A product is a complete factor (a number, ``)``, or a known name, which is never a
    function) followed by a name or ``(``: ``2x``, ``x(x+1)``, ``x ln(x)``,
    ``(x+1) (x-1)``. A number is never a right-hand factor (``x 2``, ``(x+1)2``), and a
    Python keyword (``x if y``) is no name here.
    """
    before_kind, before = previous
    ends = before_kind == "number" or before == ")" or (
        before_kind == "name" and before in names)
    starts = token == "(" or (kind == "name" and not keyword.iskeyword(token))
    return ends and starts


def _check_number(text: str, match: re.Match[str]) -> None:
    literal = _shorten(match.group())
    mantissa, _, power = match.group().lower().partition("e")
    if sum(char.isdigit() for char in mantissa) > MAX_DIGITS:
        raise ParseError(
            f"the number '{literal}' has more than {MAX_DIGITS} digits", text, match.start() + 1
        )
    if power and abs(int(power)) > MAX_TEN_POWER:
        raise ParseError(
            f"the number '{literal}' is out of range "
            f"(powers of ten from -{MAX_TEN_POWER} to {MAX_TEN_POWER})",
            text, match.start() + 1,
        )
    if re.fullmatch(r"0\d+", literal):
        raise ParseError(
            f"the number '{literal}' starts with 0; write {literal.lstrip('0') or '0'}",
            text, match.start() + 1,
        )


# --- the syntax tree ----------------------------------------------------------


def _syntax_tree(code: _Code) -> ast.expr:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return ast.parse(code.code, mode="eval").body
    except SyntaxError as error:
        raise _syntax_error(error, code) from None
    except (ValueError, RecursionError, MemoryError):
        raise ParseError("the formula is too complex to read", code.text, code.column(0)) from None


def _syntax_error(error: SyntaxError, code: _Code) -> ParseError:
    index = (error.offset or 0) - 1
    if index < 0 or index >= len(code.code):
        return ParseError(
            "the formula stops too early: something is missing at the end",
            code.text, code.column(len(code.code)),
        )
    if not error.msg.startswith("invalid syntax"):
        return ParseError(error.msg, code.text, code.column(index))
    shown = code.text[code.origin[index]]
    before = code.code[:index].rstrip()
    message = f"unexpected '{shown}'"
    if before and (before[-1].isalnum() or before[-1] == ")") and (shown.isalnum() or shown == "("):
        message += ": to multiply, write '*' between the two"
    return ParseError(message, code.text, code.column(index))


def _check_size(tree: ast.expr, code: _Code) -> None:
    """Refuse trees too big or too deep to build, without recursion."""
    stack = [(tree, 1)]
    count = 0
    while stack:
        node, depth = stack.pop()
        count += 1
        if count > MAX_NODES or depth > MAX_TREE_DEPTH:
            raise ParseError(
                f"the formula is too complex (at most {MAX_NODES} parts, "
                f"{MAX_TREE_DEPTH} levels deep)",
                code.text, code.column(node.col_offset),
            )
        stack += [(child, depth + 1) for child in ast.iter_child_nodes(node)
                  if isinstance(child, ast.expr)]


# --- building sympy -----------------------------------------------------------

_ARITHMETIC = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul,
               ast.Div: operator.truediv}
_OPERATOR_SYMBOLS = {ast.FloorDiv: "//", ast.Mod: "%", ast.MatMult: "@", ast.LShift: "<<",
                     ast.RShift: ">>", ast.BitOr: "|", ast.BitAnd: "&"}
_HANDLERS = {ast.Constant: "_constant", ast.Name: "_name", ast.BinOp: "_binop",
             ast.UnaryOp: "_unaryop", ast.Call: "_call"}
_FORBIDDEN = {
    ast.Lambda: "'lambda' is not allowed",
    ast.ListComp: "comprehensions are not allowed",
    ast.SetComp: "comprehensions are not allowed",
    ast.DictComp: "comprehensions are not allowed",
    ast.GeneratorExp: "comprehensions are not allowed",
    ast.JoinedStr: "f-strings are not allowed",
    ast.IfExp: "'if ... else' is not allowed",
    ast.NamedExpr: "':=' is not allowed",
    ast.List: "lists '[...]' are not allowed",
    ast.Set: "braces '{...}' are not allowed",
    ast.Dict: "braces '{...}' are not allowed",
    ast.Subscript: "indexing with '[...]' is not allowed",
    ast.Starred: "'*' unpacking is not allowed",
}


class _Builder:
    """Turns one checked syntax tree into a sympy expression, node by node."""

    def __init__(self, code: _Code, names: Mapping[str, sympy.Expr], number_only: bool):
        self.code = code
        self.names = names
        self.number_only = number_only

    def error(self, message: str, index: int) -> ParseError:
        return ParseError(message, self.code.text, self.code.column(index))

    def build(self, node: ast.expr) -> sympy.Expr:
        handler = _HANDLERS.get(type(node))
        if handler is None:
            raise self._forbidden(node)
        return getattr(self, handler)(node)

    def _forbidden(self, node: ast.expr) -> ParseError:
        if isinstance(node, ast.Attribute):
            return self.error(f"attribute access ('.{node.attr}') is not allowed",
                              self._between(node.value, None))
        if isinstance(node, ast.Compare):
            return self.error("comparisons such as '<' or '==' are not allowed",
                              self._between(node.left, node.comparators[0]))
        if isinstance(node, ast.BoolOp):
            word = "and" if isinstance(node.op, ast.And) else "or"
            return self.error(f"'{word}' is not allowed", self._between(node.values[0], None))
        if isinstance(node, ast.Tuple):
            if not node.elts:
                return self.error("empty brackets '()' are not allowed", node.col_offset)
            return self.error("',' separates two formulas here; write a single formula",
                              self._between(node.elts[0], None))
        message = _FORBIDDEN.get(type(node), f"'{self.code.segment(node)}' is not allowed")
        return self.error(message, node.col_offset)

    def _between(self, left: ast.expr, right: ast.expr | None) -> int:
        """Index of the operator after ``left``: the first character not a space or ')'."""
        index = left.end_col_offset
        stop = right.col_offset if right else len(self.code.code)
        while index < stop and self.code.code[index] in " )":
            index += 1
        return index

    def _constant(self, node: ast.Constant) -> sympy.Expr:
        value = node.value
        if isinstance(value, (str, bytes)):
            raise self.error("text in quotes is not allowed in a formula", node.col_offset)
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise self.error(f"'{self.code.segment(node)}' is not a number", node.col_offset)
        literal = self.code.code[node.col_offset:node.end_col_offset]
        return sympy.Rational(Fraction(literal))

    def _name(self, node: ast.Name) -> sympy.Expr:
        if node.id in self.names:
            return self.names[node.id]
        raise self.error(self._unknown_name(node.id), node.col_offset)

    def _unknown_name(self, name: str) -> str:
        if self.number_only and name in symbols.VARIABLES:
            return f"a number is expected here, not a formula in {name}"
        if name in _NAME_HINTS:
            return f"unknown name '{name}': {_NAME_HINTS[name]}"
        suggestion = _suggest_name(name, list(self.names))
        hint = f": did you mean {suggestion}?" if suggestion else ""
        return f"unknown name '{_shorten(name)}'{hint} (allowed names: {', '.join(self.names)})"

    def _binop(self, node: ast.BinOp) -> sympy.Expr:
        kind = type(node.op)
        if kind in _OPERATOR_SYMBOLS:
            hint = "; use '/' to divide" if kind is ast.FloorDiv else ""
            raise self.error(f"the operator '{_OPERATOR_SYMBOLS[kind]}' is not allowed{hint}",
                             self._between(node.left, node.right))
        left, right = self.build(node.left), self.build(node.right)
        if kind is ast.Pow:
            if right.is_number:
                self._check_power(left, right, node)
                self._check_expansion(node, _expansion(left), right)
            return self._compute(node, _real_power, left, right)
        if kind in (ast.Mult, ast.Div):
            self._check_expansion(node, _expansion(left), _expansion(right))
        if kind is ast.Div and right == 0:
            raise self.error("division by zero", self._between(node.left, node.right))
        return self._compute(node, _ARITHMETIC[kind], left, right)

    def _check_power(self, base: sympy.Expr, exponent: sympy.Expr, node: ast.BinOp) -> None:
        """Refuse constant exponents too large to compute with, before the power is built."""
        at = self._between(node.left, node.right)
        size = sympy.Abs(exponent).evalf(20)
        if not size.is_Number or size > MAX_EXPONENT:
            raise self.error(
                f"the exponent {self.code.segment(node.right)} is too large "
                f"(at most {MAX_EXPONENT} in size)", at,
            )
        if size * _power_size(base) > MAX_POWER_SIZE:
            raise self.error(f"{self.code.segment(node)} is too large to compute with", at)

    def _check_expansion(self, node: ast.BinOp, left: tuple[int, int],
                         right: tuple[int, int] | sympy.Expr) -> None:
        """Refuse a product or whole power whose expansion would be too large."""
        (terms, degree) = left
        if isinstance(right, tuple):
            terms, degree = terms * right[0], degree + right[1]
        elif right.is_Integer:
            n = abs(int(right))
            degree *= n
            if degree <= MAX_DEGREE and terms > 1:
                terms = math.comb(n + terms - 1, terms - 1)
        else:
            return
        terms = min(terms, _monomials(degree, node, self.names))
        at = self._between(node.left, node.right)
        shown = self.code.segment(node)
        if degree > MAX_DEGREE:
            raise self.error(f"{shown} is too large to work with: its degree would be "
                             f"{degree:,} (at most {MAX_DEGREE})", at)
        if terms > MAX_TERMS:
            raise self.error(f"{shown} is too large to work with: expanded, it would have "
                             f"about {terms:,} terms (at most {MAX_TERMS:,})", at)

    def _unaryop(self, node: ast.UnaryOp) -> sympy.Expr:
        if isinstance(node.op, ast.USub):
            return -self.build(node.operand)
        if isinstance(node.op, ast.UAdd):
            return self.build(node.operand)
        word = "not" if isinstance(node.op, ast.Not) else "~"
        raise self.error(f"the operator '{word}' is not allowed", node.col_offset)

    def _call(self, node: ast.Call) -> sympy.Expr:
        if not isinstance(node.func, ast.Name):
            self.build(node.func)
            raise self.error("only the allowed functions can be called; to multiply, write '*'",
                             self._between(node.func, None))
        name = node.func.id
        function = _FUNCTIONS.get(name)
        if function is None:
            raise self.error(self._unknown_function(name), node.col_offset)
        if node.keywords:
            raise self.error(f"keyword arguments ('{node.keywords[0].arg}=') are not allowed "
                             f"in {name}(...)", node.keywords[0].col_offset)
        if len(node.args) not in function.arities:
            raise self.error(_arity_message(name, function, len(node.args)), node.col_offset)
        arguments = [self.build(argument) for argument in node.args]
        try:
            return self._compute(node, function.apply, *arguments)
        except _ArgumentError as error:
            raise self.error(error.message, node.args[error.position].col_offset) from None

    def _unknown_function(self, name: str) -> str:
        close = _close_match(name, list(_FUNCTIONS))
        if close:
            return f"unknown function '{_shorten(name)}': did you mean {close}?"
        return f"unknown function '{_shorten(name)}' (allowed: {', '.join(_CANONICAL_FUNCTIONS)})"

    def _compute(self, node: ast.expr, function: Callable[..., sympy.Expr], *args) -> sympy.Expr:
        """Apply ``function``, refusing a result that is undefined or not real."""
        try:
            result = function(*args)
        except (ArithmeticError, TypeError, ValueError):
            raise self.error(f"cannot compute {self.code.segment(node)}",
                             node.col_offset) from None
        if result.has(sympy.zoo, sympy.nan, sympy.oo, -sympy.oo):
            raise self.error(f"{self.code.segment(node)} is undefined", node.col_offset)
        if result.is_number and result.is_real is False:
            raise self.error(f"{self.code.segment(node)} is not a real number", node.col_offset)
        return result


def _expansion(expr: sympy.Expr) -> tuple[int, int]:
    """An upper estimate of (terms, degree) of ``expr`` multiplied out, without expanding.

    A function value (sin(x), |x|, a real root) counts as one term of degree 1.
    """
    if expr.is_Add or expr.is_Mul:
        parts = [_expansion(arg) for arg in expr.args]
        if expr.is_Add:
            return sum(t for t, _ in parts), max(d for _, d in parts)
        return math.prod(t for t, _ in parts), sum(d for _, d in parts)
    if expr.is_Pow and expr.exp.is_Integer:
        terms, degree = _expansion(expr.base)
        n = abs(int(expr.exp))
        degree *= n
        if terms > 1 and degree <= MAX_DEGREE:
            terms = math.comb(n + terms - 1, terms - 1)
        return terms, degree
    if expr.is_number:
        return 1, 0
    if expr.is_Pow and expr.exp.is_number:  # x^(1/2): one term, degree rounded up
        return 1, max(1, math.ceil(abs(float(expr.exp)) * _expansion(expr.base)[1]))
    return 1, 1


def _monomials(degree: int, node: ast.expr, names: Mapping[str, sympy.Expr]) -> int:
    """How many monomials of degree <= ``degree`` there are in the names ``node`` uses
    (a function call counted as one more name): no expansion has more terms."""
    used = {n.id for n in ast.walk(node) if isinstance(n, ast.Name) and n.id in names
            and not names[n.id].is_number}
    calls = sum(isinstance(n, ast.Call) for n in ast.walk(node))
    count = max(1, len(used) + calls)
    return math.comb(degree + count, count) if degree <= MAX_DEGREE else math.inf


def _power_size(expr: sympy.Expr) -> int:
    """A size for ``expr``: its largest number in bits, or its largest exponent."""
    sizes = [1]
    for number in expr.atoms(sympy.Rational):
        sizes += [abs(number.p).bit_length(), number.q.bit_length()]
    for power in expr.atoms(sympy.Pow):
        if power.exp.is_Rational:
            sizes.append(math.ceil(abs(power.exp)))
    return max(sizes)


def _arity_message(name: str, function: _Function, count: int) -> str:
    expected = " or ".join(str(arity) for arity in function.arities)
    plural = "argument" if function.arities == (1,) else "arguments"
    return f"{name} takes {expected} {plural}, got {count}: write {function.usage}"


def _close_match(name: str, candidates: list[str]) -> str | None:
    lowered = {candidate.lower(): candidate for candidate in candidates}
    if name.lower() in lowered:
        return lowered[name.lower()]
    close = difflib.get_close_matches(name, candidates, n=1)
    return close[0] if close else None


def _suggest_name(name: str, known: list[str]) -> str | None:
    """What an unknown name probably meant: pi for Pi, sin(x) for sinx, x*y for xy."""
    if name in _FUNCTIONS:
        return f"{name}(...)"
    for function in sorted(_FUNCTIONS, key=len, reverse=True):
        rest = name[len(function):]
        if name.startswith(function) and rest in known:
            return f"{function}({rest})"
    parts = _split_product(name, known)
    if len(parts) > 1:
        return "*".join(parts)
    return _close_match(name, known)


def _split_product(name: str, known: list[str]) -> list[str]:
    """``name`` as a run of known names (``xy`` -> x, y), or [] if it is not one."""
    if len(name) > 12:
        return []
    if name in known:
        return [name]
    for part in sorted(known, key=len, reverse=True):
        rest = _split_product(name[len(part):], known) if name.startswith(part) else []
        if rest:
            return [part, *rest]
    return []


# --- public API ---------------------------------------------------------------


def _names(variables: Sequence[str], parameters: Sequence[str]) -> dict[str, sympy.Expr]:
    names: dict[str, sympy.Expr] = {}
    for variable in variables:
        if variable not in symbols.VARIABLES:
            raise ParseError(
                f"unknown variable '{variable}' (variables: {', '.join(symbols.VARIABLES)})"
            )
        names[variable] = symbols.VARIABLES[variable]
    for name in parameters:
        if not _is_parameter_name(name):
            raise ParseError(f"'{name}' cannot be a parameter name: it must be a plain name "
                             "that is not x, y, z, pi, e or a function")
        names[name] = symbols.parameter(name)
    return {**names, **_CONSTANTS}


def _is_parameter_name(name: object) -> bool:
    return (
        isinstance(name, str) and name.isascii() and name.isidentifier()
        and not keyword.iskeyword(name) and "__" not in name
        and name not in symbols.VARIABLES and name not in _CONSTANTS and name not in _FUNCTIONS
    )


def _read(
    text: str, cleaned: str, span: tuple[int, int], names: Mapping[str, sympy.Expr],
    number_only: bool = False,
) -> sympy.Expr:
    """Parse ``cleaned[span]``; errors point into ``text``."""
    start, end = span
    start += len(cleaned[start:end]) - len(cleaned[start:end].lstrip())
    code = _to_python(text, cleaned, start, end, names)
    try:
        tree = _syntax_tree(code)
        _check_size(tree, code)
        return _Builder(code, names, number_only).build(tree)
    except (RecursionError, MemoryError, OverflowError):
        raise ParseError("the formula is too complex to read", text, start + 1) from None


def parse_formula(
    text: str, variables: Sequence[str] = ("x", "y"), parameters: Sequence[str] = ()
) -> sympy.Expr:
    """The sympy expression for ``text``, such as ``3x*y*e^(-x^2-y^2)``.

    ``variables`` (from x, y) and ``parameters`` (lesson-declared names such as
    ``a``) are the names it may use, besides pi and e. Raises ParseError.
    """
    names = _names(variables, parameters)
    cleaned = _prepare(text)
    signs = _equals_signs(cleaned)
    if signs:
        raise ParseError("'=' is not allowed here: write an expression such as x^2 - y^2, "
                         "not an equation", text, signs[0][0] + 1)
    return _read(text, cleaned, (0, len(text)), names)


def parse_equation(
    text: str, variables: Sequence[str] = ("x", "y"), parameters: Sequence[str] = ()
) -> sympy.Expr:
    """``lhs - rhs`` for an equation ``lhs = rhs`` (``==`` also works). Raises ParseError."""
    left, right = parse_sides(text, variables, parameters)
    return left - right


def parse_sides(
    text: str, variables: Sequence[str] = ("x", "y"), parameters: Sequence[str] = ()
) -> tuple[sympy.Expr, sympy.Expr]:
    """Both sides of an equation ``lhs = rhs`` (``==`` also works), each as typed.

    >>> parse_sides("x^2 + y^2 = 25")
    (x**2 + y**2, 25)

    Raises ParseError, its column pointing into the whole equation.
    """
    names = _names(variables, parameters)
    cleaned = _prepare(text, "equation")
    signs = _equals_signs(cleaned)
    if not signs:
        raise ParseError("an equation needs an '=', as in x^2 + y^2 = 25", text, 1)
    if len(signs) > 1:
        raise ParseError("an equation has exactly one '='; this is a second one",
                         text, signs[1][0] + 1)
    start, end = signs[0]
    for side, span in (("left", (0, start)), ("right", (end, len(text)))):
        if not cleaned[slice(*span)].strip():
            raise ParseError(f"the {side} side of '=' is empty", text, start + 1)
    return (_read(text, cleaned, (0, start), names),
            _read(text, cleaned, (end, len(text)), names))


_RELATIONS = {"<=": sympy.Le, ">=": sympy.Ge, "<": sympy.Lt, ">": sympy.Gt,
              "\u2264": sympy.Le, "\u2265": sympy.Ge}


def parse_relation(
    text: str, variables: Sequence[str] = ("x", "y"), parameters: Sequence[str] = ()
) -> sympy.Rel:
    """An inequality ``lhs < rhs`` (or ``<=``, ``>``, ``>=``, ``\u2264``, ``\u2265``).

    >>> parse_relation("x^2 + y^2 <= 4")
    x**2 + y**2 <= 4

    The relation stays as typed (never simplified to True or False). Raises
    ParseError, its column pointing into the whole text.
    """
    names = _names(variables, parameters)
    if not isinstance(text, str):
        raise ParseError(f"an inequality must be text, not {type(text).__name__}", str(text))
    _prepare(text.replace("\u2264", "<").replace("\u2265", ">"), "inequality")
    spans = _relation_signs(text)
    if not spans:
        raise ParseError("an inequality needs <, <=, > or >=, as in x^2 + y^2 <= 4", text, 1)
    if len(spans) > 1:
        raise ParseError("an inequality has exactly one of <, <=, > and >=; this is a second "
                         "one", text, spans[1][0] + 1)
    start, end = spans[0]
    cleaned = _prepare(text[:start] + " " * (end - start) + text[end:], "inequality")
    if _equals_signs(cleaned):
        raise ParseError("'=' is not allowed in an inequality", text,
                         _equals_signs(cleaned)[0][0] + 1)
    for side, span in (("left", (0, start)), ("right", (end, len(text)))):
        if not cleaned[slice(*span)].strip():
            raise ParseError(f"the {side} side of '{text[start:end]}' is empty", text, start + 1)
    relation = _RELATIONS[text[start:end]]
    return relation(_read(text, cleaned, (0, start), names),
                    _read(text, cleaned, (end, len(text)), names), evaluate=False)


def _relation_signs(text: str) -> list[tuple[int, int]]:
    """Spans of ``<``, ``<=``, ``>``, ``>=``, ``\u2264`` and ``\u2265`` outside brackets."""
    return _outside_brackets(text, r"[<>]=?|[\u2264\u2265]")


def parse_number(value: str | int | float) -> sympy.Expr:
    """An exact real constant such as ``"pi/2"``, ``"sqrt(3)"``, ``-1`` or ``0.5`` (-> 1/2).

    Floats are read from their decimal text, so 0.1 is 1/10. Raises ParseError.
    """
    text = _number_text(value)
    result = _read(text, _prepare(text, "number"), (0, len(text)), _CONSTANTS, number_only=True)
    try:
        finite = math.isfinite(float(result))
    except (TypeError, ValueError, OverflowError):
        raise ParseError(f"'{_shorten(text)}' is not a real number", text, 1) from None
    if not finite:
        raise ParseError(f"'{_shorten(text)}' is too large to use as a number", text, 1)
    return result


def _number_text(value: object) -> str:
    if isinstance(value, bool):
        raise ParseError(f"{str(value).lower()} is not a number", str(value), 1)
    if isinstance(value, int):
        if abs(value) >= 10**MAX_DIGITS:
            raise ParseError(f"the number has more than {MAX_DIGITS} digits", "", 1)
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ParseError(f"{value} is not a finite number", str(value), 1)
        return repr(value)
    if isinstance(value, str):
        return value
    raise ParseError(f"a number is expected, not {type(value).__name__}", str(value))

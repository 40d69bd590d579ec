"""Spoken mathematics: sympy expressions in the words a teacher says, after ClearSpeak's
conventions ("three x squared minus six x", "two thirds", "the square root of three").

>>> from mathcore.symbols import x
>>> speak(3*x**2 - 6*x)
'three x squared minus six x'
>>> speak(sympy.sqrt(3) / 3)
'the square root of three, over three'
>>> interval_words("minus one", "one")
'the interval from minus one to one'

A caption mixes written words with computed mathematics. While :func:`speaking` is on,
the functions that write mathematics into captions (``scenes.notation``,
``mathcore.wording``) return its spoken words between :data:`OPEN` and :data:`CLOSE`;
:func:`speak_caption` keeps those as they are and reads the written words around them
with a small lexicon of the signs captions use (``=``, ``≈``, ``f'(x)``, ``f_x``, ``∇f``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar

import sympy
from sympy.core.relational import Relational

OPEN, CLOSE = "\ue000", "\ue001"  # around mathematics already spoken, inside a caption
_SPEAKING: ContextVar[bool] = ContextVar("speaking", default=False)

_ONES = ("zero one two three four five six seven eight nine ten eleven twelve thirteen "
         "fourteen fifteen sixteen seventeen eighteen nineteen").split()
_TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()
_SCALES = ((10 ** 12, "trillion"), (10 ** 9, "billion"), (10 ** 6, "million"),
           (1000, "thousand"))
_ORDINALS = {1: "first", 2: "second", 3: "third", 4: "fourth", 5: "fifth", 6: "sixth",
             7: "seventh", 8: "eighth", 9: "ninth", 10: "tenth", 11: "eleventh",
             12: "twelfth", 20: "twentieth"}
_POWERS = {2: "squared", 3: "cubed"}
_ROOTS = {2: "square root", 3: "cube root"}
GREEK = {name: name for name in (
    "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron "
    "rho sigma tau upsilon phi chi psi omega").split()}
GREEK_LETTERS = dict(zip("αβγδεζηθικλμνξοπρστυφχψω", (
    "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi "
    "rho sigma sigma tau upsilon phi chi psi omega").split()))
_FUNCTIONS = {
    "sin": "sine", "cos": "cosine", "tan": "tangent", "sec": "secant", "csc": "cosecant",
    "cot": "cotangent", "asin": "arcsine", "acos": "arccosine", "atan": "arctangent",
    "sinh": "hyperbolic sine", "cosh": "hyperbolic cosine", "tanh": "hyperbolic tangent",
    "asinh": "inverse hyperbolic sine", "acosh": "inverse hyperbolic cosine",
    "atanh": "inverse hyperbolic tangent", "log": "the natural log",
}
_RELATIONS = {"==": "equals", "<": "is less than", "<=": "is less than or equal to",
              ">": "is greater than", ">=": "is greater than or equal to",
              "!=": "is not equal to"}


# -- numbers ---------------------------------------------------------------------------
def number_words(n: int) -> str:
    """A whole number in words: ``minus thirty-six``, ``two thousand one hundred sixty-nine``.

    >>> number_words(-36), number_words(2169), number_words(1_000_005)
    ('minus thirty-six', 'two thousand one hundred sixty-nine', 'one million five')
    """
    if n < 0:
        return "minus " + number_words(-n)
    if n < 20:
        return _ONES[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        return _TENS[tens] + (f"-{_ONES[ones]}" if ones else "")
    if n < 1000:
        hundreds, rest = divmod(n, 100)
        return f"{_ONES[hundreds]} hundred" + (f" {number_words(rest)}" if rest else "")
    for scale, name in _SCALES:
        if n >= scale:
            high, rest = divmod(n, scale)
            return f"{number_words(high)} {name}" + (f" {number_words(rest)}" if rest else "")
    raise AssertionError(n)  # pragma: no cover - every n >= 1000 meets a scale


def ordinal_words(n: int) -> str:
    """``fourth``, ``tenth``, ``twenty-first``, ``hundredth``."""
    if n in _ORDINALS:
        return _ORDINALS[n]
    if n < 100 and n % 10:
        return f"{_TENS[n // 10]}-{_ORDINALS[n % 10]}"
    cardinal = number_words(n)
    return cardinal[:-1] + "ieth" if cardinal.endswith("y") else cardinal + "th"


def decimal_words(text: str) -> str:
    """A decimal as written, digit by digit after the point: ``1.424`` is ``one point four
    two four``; ``1.2e-05`` is ``one point two times ten to the minus five``."""
    mantissa, _, power = text.lower().partition("e")
    sign, mantissa = ("minus ", mantissa[1:]) if mantissa.startswith("-") else ("", mantissa)
    whole, _, fraction = mantissa.partition(".")
    words = sign + number_words(int(whole or 0))
    if fraction:
        words += " point " + " ".join(_ONES[int(d)] for d in fraction)
    if power:
        words += f" times ten to the {number_words(int(power))}"
    return words


def fraction_words(p: int, q: int) -> str:
    """A fraction as said: ``one half``, ``two thirds``, ``three fourths`` (ClearSpeak's
    ordinals); past ten in either part, ``seventeen over forty-two``."""
    if p < 0:
        return "minus " + fraction_words(-p, q)
    if 2 <= q <= 10 and p < 10:
        name = "half" if q == 2 else ordinal_words(q)
        plural = "halves" if q == 2 else name + "s"
        return f"{number_words(p)} {name if p == 1 else plural}"
    return f"{number_words(p)} over {number_words(q)}"


# -- expressions -----------------------------------------------------------------------
def speak(value: sympy.Basic | int | float) -> str:
    """The words for a sympy expression, a relation, an interval or a set; what has no
    spoken form of its own (``Min``) is read as sympy writes it."""
    if isinstance(value, (int, float)):
        value = sympy.Integer(value) if isinstance(value, int) else sympy.Float(value)
    return _speak(value)


def _speak(expr: sympy.Basic) -> str:
    if isinstance(expr, Relational):
        return f"{_speak(expr.lhs)} {_RELATIONS[expr.rel_op]} {_speak(expr.rhs)}"
    if isinstance(expr, sympy.Interval):
        return interval_words(_speak(expr.start), _speak(expr.end),
                              expr.left_open, expr.right_open)
    if isinstance(expr, sympy.FiniteSet):
        return and_list([_speak(e) for e in sorted(expr, key=sympy.default_sort_key)])
    if isinstance(expr, sympy.Tuple):
        return point_words([_speak(e) for e in expr])
    if expr.is_Number or expr.is_NumberSymbol or expr in (sympy.oo, -sympy.oo):
        return _number(expr)
    if expr.is_Symbol:
        return name_words(expr.name)
    if expr.is_Add:
        return _sum(expr)
    if expr.is_Mul or (expr.is_Pow and expr.exp.is_negative):
        return _product(expr)
    if expr.is_Pow:
        return _power(expr.base, expr.exp)
    if isinstance(expr, sympy.exp):
        return _power(sympy.E, expr.args[0])
    if isinstance(expr, sympy.Piecewise):
        return "; ".join(f"{_speak(value)} otherwise" if condition is sympy.true
                         else f"{_speak(value)} where {_speak(condition)}"
                         for value, condition in expr.args)
    if isinstance(expr, sympy.Abs):
        return f"the absolute value of {_speak(expr.args[0])}"
    if isinstance(expr, sympy.Function):
        return _function(expr)
    return speak_text(sympy.sstr(expr).replace("**", "^"))  # read as written: never a crash


def _number(expr: sympy.Basic) -> str:
    if expr is sympy.oo:
        return "infinity"
    if expr is -sympy.oo:
        return "minus infinity"
    if expr.is_Integer:
        return number_words(int(expr))
    if expr.is_Rational:
        return fraction_words(int(expr.p), int(expr.q))
    if expr.is_Float:
        return decimal_words(f"{float(expr):.6g}")
    return {sympy.pi: "pi", sympy.E: "e"}.get(expr, str(expr))


def _sum(expr: sympy.Add) -> str:
    terms = expr.as_ordered_terms()
    words = _speak(terms[0])
    for term in terms[1:]:
        words += (f" minus {_speak(-term)}" if term.could_extract_minus_sign()
                  else f" plus {_speak(term)}")
    return words


def _product(expr: sympy.Expr) -> str:
    if expr.could_extract_minus_sign():
        return "minus " + _speak(-expr)
    top, bottom = sympy.fraction(expr)
    if bottom != 1:
        if top.is_Integer and bottom.is_Integer:
            return fraction_words(int(top), int(bottom))
        if _short(top) and _short(bottom):
            pause = "," if any(p.is_Pow and not p.exp.is_Integer
                               for p in sympy.preorder_traversal(top)) else ""
            return f"{_speak(top)}{pause} over {_speak(bottom)}"
        return f"the fraction with numerator {_speak(top)} and denominator {_speak(bottom)}"
    factors = expr.as_ordered_factors()
    words = [_factor_words(factors[0])]
    for before, factor in zip(factors, factors[1:]):
        apart = factor.is_Add or not (_juxtaposed(before) and _juxtaposed(factor))
        words.append(("times " if apart else "") + _factor_words(factor))
    return " ".join(words)


def _factor_words(factor: sympy.Expr) -> str:
    return f"the quantity {_speak(factor)}" if factor.is_Add else _speak(factor)


def _juxtaposed(factor: sympy.Expr) -> bool:
    """Said next to its neighbours without "times": a number, a name, a whole power."""
    return factor.is_Number or factor.is_Symbol or (
        factor.is_Pow and factor.base.is_Symbol and factor.exp.is_Integer)


def _short(expr: sympy.Expr) -> bool:
    """Said without a fraction's frame: a number, a name, a power or product of them."""
    return not any(isinstance(part, sympy.Add) for part in sympy.preorder_traversal(expr))


def _power(base: sympy.Expr, exponent: sympy.Expr) -> str:
    if exponent.is_Rational and exponent.p == 1 and exponent.q > 1:
        root = _ROOTS.get(int(exponent.q), f"{ordinal_words(int(exponent.q))} root")
        return f"the {root} of {_speak(base)}"
    said = _speak(base) if base.is_Atom else (
        f"{_speak(base)}," if isinstance(base, sympy.Function) else
        f"the quantity {_speak(base)},")
    if exponent.is_Integer and int(exponent) in _POWERS:
        return f"{said} {_POWERS[int(exponent)]}"
    if exponent.is_Integer and exponent > 0:
        return f"{said} to the {ordinal_words(int(exponent))}"
    if exponent.is_Symbol or (exponent.is_Mul and _short(exponent)):
        return f"{said} to the {_speak(exponent)}"
    return f"{said} raised to the {_speak(exponent)} power"


def _function(expr: sympy.Function) -> str:
    name = type(expr).__name__
    spoken = _FUNCTIONS.get(name, name_words(name))
    arguments = [_speak(a) if a.is_Atom or not a.is_Add else f"the quantity {_speak(a)}"
                 for a in expr.args]
    return f"{spoken} of {and_list(arguments)}"


# -- names, points, intervals ----------------------------------------------------------
def name_words(name: str) -> str:
    """A name as said: ``x``, ``lambda``, ``f sub x x`` for ``f_xx``, ``x sub zero``."""
    stem, _, index = name.partition("_")
    said = GREEK.get(stem, GREEK_LETTERS.get(stem, stem))
    if not index:
        return said
    parts = [number_words(int(index))] if index.isdigit() else list(index)
    return f"{said} sub {' '.join(parts)}"


def and_list(parts: Sequence[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def point_words(coordinates: Sequence[str], about: bool = False) -> str:
    """``the point two, minus two``; ``about the point ...`` for rounded coordinates."""
    return ("about " if about else "") + "the point " + ", ".join(coordinates)


def interval_words(low: str, high: str, left_open: bool = False,
                   right_open: bool = False) -> str:
    """``the interval from minus one to one``; an open end is said: ``the interval from
    zero, not included, to one``, both: ``the open interval from zero to one``."""
    if left_open and right_open:
        return f"the open interval from {low} to {high}"
    left = f"{low}, not included," if left_open else low
    right = f"{high}, not included" if right_open else high
    return f"the interval from {left} to {right}"


# -- captions --------------------------------------------------------------------------
def speaking() -> bool:
    """Whether captions are being written for the voice (see :func:`spoken_words`)."""
    return _SPEAKING.get()


@contextmanager
def for_the_voice() -> Iterator[None]:
    """Within: caption writers return spoken words, marked (see the module docstring)."""
    token = _SPEAKING.set(True)
    try:
        yield
    finally:
        _SPEAKING.reset(token)


def said(words: str) -> str:
    """Spoken mathematics marked as such inside a caption."""
    return f"{OPEN}{words}{CLOSE}"


def spoken_words(write: Callable[..., str] | str, *args: object) -> str:
    """What a voice says for a caption: ``write(*args)`` written for the voice, its
    written words read by :func:`speak_text`; a plain string is read as written."""
    if not callable(write):
        return speak_caption(write)
    with for_the_voice():
        return speak_caption(write(*args))


def speak_caption(caption: str) -> str:
    """A caption with its marked mathematics kept and its written words read aloud."""
    return re.sub(r"\s+([,;:.!?])", r"\1", speak_text(caption))


_WRITTEN_FUNCTIONS = _FUNCTIONS | {"ln": "the natural log", "sqrt": "the square root",
                                   "exp": "the exponential", "abs": "the absolute value"}
_PRIMES = {"'": "prime", "''": "double prime", "'''": "triple prime"}
_SIGNS = {"=": "equals", "≈": "is about", "<": "is less than", ">": "is greater than",
          "≤": "is at most", "≥": "is at least", "≠": "is not equal to", "±": "plus or minus",
          "→": "goes to", "·": "times", "×": "times", "∞": "infinity", "−": "minus",
          "-": "minus", "+": "plus", "/": "over", "%": "percent", "∥": "is parallel to",
          "√": "the square root of", "²": "squared", "³": "cubed", "&": "and"}
_SUPERSCRIPT_DIGITS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻", "0123456789-")
_SUBSCRIPT_DIGITS = str.maketrans("₀₁₂₃₄₅₆₇₈₉", "0123456789")
_RELATION_SIGNS = {"=", "≈", "<", ">", "≤", "≥", "≠", "<=", ">="}
_TOKEN = re.compile(rf"""
    (?P<said>{OPEN}.*?{CLOSE})                                           # spoken already
  | (?P<function>∇?[A-Za-zα-ω]\w*?(?P<primes>'*)\((?P<args>[^()]*)\))  # f(x), f'(2), ∇f(x, y)
  | (?P<name>∇?[A-Za-zα-ω](?:_[A-Za-z0-9]+)?'*(?:[₀-₉]+)?)(?![A-Za-z])  # x, f_x, f'', λ, P₁₀
  | (?P<word>[A-Za-z][A-Za-z'-]*)
  | (?P<fraction>\d+/\d+)
  | (?P<decimal>\d+\.\d+|\.\d+)
  | (?P<integer>\d+)
  | (?P<power>[⁻⁰¹²³⁴⁵⁶⁷⁸⁹]+)
  | \^(?:\((?P<group>[^()]*)\)|(?P<exponent>-?[\w.]+))                   # x^2, e^(-x), x^0.6
  | (?P<sign><=|>=|[=≈<>≤≥≠±→·×∞−+/%∥√&-])
  | (?P<other>.)
""", re.VERBOSE | re.DOTALL)


def speak_text(text: str) -> str:
    """Written words read aloud: words as they are, numbers in words, and the signs and
    names captions use (``f'(x)`` is ``f prime of x``, ``f_xx`` is ``f sub x x``, ``≈`` is
    ``is about``, ``∇f`` is ``the gradient of f``, ``x²`` is ``x squared``). A second,
    different relation in one clause is joined by "which": ``D = -36 < 0`` is ``D equals
    minus thirty-six, which is less than zero``; after "with" a relation loses its "is"
    (``with λ ≈ 2.2``: ``with lambda about two point two``). Parentheses are said as what
    they hold: ``the quantity`` of a sum, ``the point`` (``the vector`` after ∇) of a
    tuple, pauses round words."""
    out, bars, groups = [], 0, []
    relation = None        # the clause's last relation sign
    after_with = False     # the last word was "with", and no relation since
    subject = None         # the clause's first operand: a gradient's tuple is a vector
    operand = closed = False  # the last token was an operand; a "quantity" just closed

    def times(before: bool) -> None:
        if before:
            out.append("times")

    for match in _TOKEN.finditer(text):
        kind, token = match.lastgroup, match.group()
        is_operand = kind in ("said", "name", "fraction", "decimal", "integer") or bool(
            match.group("function"))
        if is_operand or token == "(":
            times(closed or (operand and token.startswith("∇")))
        closed = False
        if kind in ("group", "exponent"):
            out.append(_written_power(match[kind], kind == "group"))
        elif kind == "said":
            out.append(token[1:-1])
        elif match.group("function"):
            head, arguments = token[:token.index("(")], _arguments(match["args"])
            if head.startswith("∇"):  # the gradient at a point
                at = arguments[0] if len(arguments) == 1 else point_words(arguments)
                out.append(f"{_written_name(head)} at {at}")
            else:
                out.append(f"{_written_name(head)} of {and_list(arguments)}")
            subject = subject or head
        elif match.group("name"):
            out.append(_written_name(token))
            subject = subject or token
        elif kind == "word":
            out.append(_WRITTEN_FUNCTIONS.get(token, token))
            relation, after_with, subject = None, token == "with", None
        elif kind == "fraction":
            out.append(fraction_words(*map(int, token.split("/"))))
        elif kind == "decimal":
            out.append(decimal_words(token))
        elif kind == "integer":
            out.append(number_words(int(token)))
        elif kind == "power":
            power = int(token.translate(_SUPERSCRIPT_DIGITS))
            out.append(_POWERS.get(power, f"to the {number_words(power)}"))
        elif kind == "sign":
            words = _SIGNS.get(token, _RELATIONS.get(token, token))
            if token in _RELATION_SIGNS:
                if after_with:
                    words = words.removeprefix("is ").replace("equals", "equal to")
                elif relation is not None and not relation == token == "=":
                    words = f", which {words}"
                relation, after_with = token, False
            out.append(words)
        elif token == "(":
            groups.append(_group_kind(text, match.start(), (subject or "").startswith("∇")))
            out.append(_GROUP_WORDS[groups[-1]][0])
        elif token == ")" and groups:
            group = groups.pop()
            out.append(_GROUP_WORDS[group][1])
            closed = group == "quantity"
        elif token in ",;:.!?":
            out.append(token)
            relation = subject = None
        elif token == "|":
            bars += 1
            out.append("the absolute value of" if bars % 2 else "")
        operand = is_operand or kind in ("power", "group", "exponent") or token == ")"
        if out and out[-1] == ",":
            relation = None
    words = re.sub(r"\s+", " ", " ".join(out)).strip()
    return re.sub(r"\s*,(\s*[,;:.!?]|\s*$)", r"\1", words).strip()


_GROUP_WORDS = {"quantity": ("the quantity", ","), "point": ("the point", ""),
                "vector": ("the vector", ""), "aside": (",", ","), "silent": ("", "")}
_PROSE = re.compile(r"(?<![\w'])[A-Za-z]{3,}\b(?!\()")  # a word, not dy or a function
_SAID = re.compile(f"{OPEN}(.*?){CLOSE}")


def _group_kind(text: str, start: int, vector: bool) -> str:
    """How the parenthesis opening at ``start`` is said: round words an ``aside``, round
    a tuple a ``point`` (a ``vector`` after ∇), round a sum a ``quantity``; round a lone
    number or name nothing (``silent``)."""
    depth, parts = 0, [""]
    for char in text[start + 1:]:
        if char == ")" and depth == 0:
            break
        depth += (char == "(") - (char == ")")
        if char == "," and depth == 0:
            parts.append("")
        else:
            parts[-1] += char
    inside = _SAID.sub(lambda said: "a + b" if re.search(r"\S (plus|minus) ", said[1]) else "a",
                       ",".join(parts)).strip()  # mathematics spoken already: a sum or not
    if any(word not in _WRITTEN_FUNCTIONS for word in _PROSE.findall(inside)):
        return "aside"
    if len(parts) > 1:
        return "vector" if vector else "point"
    if re.fullmatch(r"[-−]?\d+/\d+", inside) or not re.search(r"[-−+·×/]",
                                                              inside.lstrip("-−+")):
        return "silent"
    return "quantity"


def _written_power(exponent: str, grouped: bool) -> str:
    """``^2`` is ``squared``, ``^4`` ``to the fourth``, ``^-x`` ``to the minus x``,
    ``^(3/5)`` ``raised to the three fifths power``."""
    if exponent.isdigit():
        power = int(exponent)
        return _POWERS.get(power, f"to the {ordinal_words(power)}")
    said = speak_text(exponent)
    return f"raised to the {said} power" if grouped else f"to the {said}"


def _written_name(token: str) -> str:
    """``f`` ``f'`` ``f''`` ``f_x`` ``∇f`` ``λ`` ``P₁₀`` as said."""
    gradient = token.startswith("∇")
    token = token.lstrip("∇")
    stem = token.rstrip("'₀₁₂₃₄₅₆₇₈₉")
    primes = token[len(stem):].rstrip("₀₁₂₃₄₅₆₇₈₉")
    index = token[len(stem) + len(primes):].translate(_SUBSCRIPT_DIGITS)
    if stem in _WRITTEN_FUNCTIONS:
        return _WRITTEN_FUNCTIONS[stem]
    words = name_words(stem.rstrip("'") + (f"_{index}" if index else ""))
    words += (" " + _PRIMES[primes]) if primes in _PRIMES else ""
    return f"the gradient of {words}" if gradient else words


def _arguments(inside: str) -> list[str]:
    parts = [speak_text(part) for part in inside.split(",")]
    return [p for p in parts if p] or ["nothing"]

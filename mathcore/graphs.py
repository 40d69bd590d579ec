"""A family of graphs on one set of axes: poles, horizontal asymptotes, identities.

>>> from mathcore.symbols import x
>>> graph_features(sympy.tanh(x), (-4, 4)).to_json()
{'function': 'tanh(x)', 'poles': [], 'asymptotes': ['y = 1', 'y = -1']}
>>> graph_features(sympy.tan(x), (-2, 2)).poles
(-pi/2, pi/2)
>>> check_identity(sympy.cosh(x)**2 - sympy.sinh(x)**2, sympy.Integer(1), (-3, 3)).holds
True
>>> exponential_form(sympy.sinh(x))
(exp(x) - exp(-x))/2

Poles are the real x in the closed range where f is infinite from at least
one side: the zeros of f's singular bases (denominators, root bases, log
arguments, the cos of tan ...) from ``real_roots``, kept where ``sympy.limit``
from one side is infinite and |f| grows towards the point in floats. A
removable gap (sin(x)/x at 0) is no pole.

Horizontal asymptotes are the finite limits of f as x -> oo and x -> -oo
(``sympy.limit`` within the time limit; the one at -oo taken as the limit of f(-x) at
oo, since sympy 1.14 gives limit(2**x, x, -oo) = oo), each checked on samples out to
x = ±10^6, listed once each ("y = 0" for exp(-x^2), both sides).

An identity lhs = rhs holds when sympy proves lhs - rhs = 0 (by simplify,
trigsimp, or simplify after rewriting in exponentials, which settles the
hyperbolic ones, or in logarithms, which settles the inverse functions:
arcsin(x) + arccos(x) = pi/2) and samples across the range agree. Samples that differ
clearly (relative gap above 1e-8, confirmed to 30 digits) give a
counterexample, and the identity does not hold. When sympy cannot prove
it and no sample differs, it does not hold either, with no counterexample:
it is unproved.

``exponential_form`` writes a hyperbolic function with exponentials, as its
definition reads; it gives None for a function with no hyperbolic part.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import sympy
from sympy.functions.elementary.hyperbolic import HyperbolicFunction

from mathcore.deadline import DEFAULT_SECONDS, time_limit
from mathcore.errors import MathError, SolveTimeout
from mathcore.numbers import SYMPY_GAVE_UP, exact_interval, function_of_x, real_number, same_number
from mathcore.numeric import numeric_function
from mathcore.roots import real_roots, singular_bases
from mathcore.symbols import x

IDENTITY_SAMPLES = 97
IDENTITY_TOLERANCE = 1e-8            # relative gap |lhs - rhs| / (1 + |lhs| + |rhs|)
POLE_STEPS = (1e-3, 1e-7)            # distances to a pole, as fractions of the range
FAR = 10.0 ** np.arange(2, 7)        # |x| where a horizontal asymptote is checked


@dataclass(frozen=True)
class Features:
    """What to call out on the graph of ``function``: poles (sorted), asymptote heights.

    ``asymptotes`` are the finite limits at oo then at -oo, each once.
    """

    function: sympy.Expr
    poles: tuple[sympy.Expr, ...]
    asymptotes: tuple[sympy.Expr, ...]

    @property
    def pole_floats(self) -> tuple[float, ...]:
        return tuple(real_number(p) for p in self.poles)

    def to_json(self) -> dict:
        return {"function": str(self.function), "poles": [str(p) for p in self.poles],
                "asymptotes": [f"y = {a}" for a in self.asymptotes]}


@dataclass(frozen=True)
class Identity:
    """lhs = rhs checked: ``proved`` by sympy, ``counterexample`` an x where the sides
    clearly differ, ``samples`` the number of sample points where both have a value."""

    label: str
    lhs: sympy.Expr
    rhs: sympy.Expr
    proved: bool
    counterexample: float | None
    samples: int

    @property
    def holds(self) -> bool:
        return self.proved and self.counterexample is None and self.samples > 0

    def to_json(self) -> dict:
        return {"identity": self.label, "holds": self.holds,
                "counterexample": self.counterexample}


@dataclass(frozen=True)
class Family:
    """Several functions drawn together, and the identities between them."""

    functions: tuple[Features, ...]
    identities: tuple[Identity, ...]

    def to_json(self) -> dict:
        return {"functions": [f.to_json() for f in self.functions],
                "identities": [i.to_json() for i in self.identities]}


def family(functions: Sequence[sympy.Expr], x_range: Sequence,
           identities: Sequence[tuple[sympy.Expr, sympy.Expr, str]] = (),
           seconds: float = DEFAULT_SECONDS) -> Family:
    """Features of each function on ``x_range`` and each (lhs, rhs, label) identity checked."""
    return Family(
        functions=tuple(graph_features(f, x_range, seconds) for f in functions),
        identities=tuple(check_identity(lhs, rhs, x_range, label, seconds)
                         for lhs, rhs, label in identities),
    )


def graph_features(f: sympy.Expr, x_range: Sequence,
                   seconds: float = DEFAULT_SECONDS) -> Features:
    """The poles of f in the closed ``x_range`` and its horizontal asymptotes."""
    f = function_of_x(f)
    low, high = exact_interval(x_range, "x range")
    return Features(f, _poles(f, low, high, seconds), _asymptotes(f, seconds))


def exponential_form(f: sympy.Expr) -> sympy.Expr | None:
    """f written with exponentials, (e^x - e^-x)/2 for sinh(x); None if f has no
    hyperbolic function in it (x^2 is left as it is, not rewritten as exp(2 log x))."""
    if not f.has(HyperbolicFunction):
        return None
    return sympy.factor_terms(f.rewrite(sympy.exp))


# ---------------------------------------------------------------- poles


def _poles(f: sympy.Expr, low: sympy.Expr, high: sympy.Expr,
           seconds: float) -> tuple[sympy.Expr, ...]:
    candidates: list[sympy.Expr] = []
    for base in singular_bases(f):
        try:
            roots = real_roots(base, (low, high), open_ends=False, seconds=seconds)
        except MathError:
            continue  # zero on a whole interval: no isolated poles there
        candidates += [r for r in roots.values
                       if not any(same_number(r, c, seconds) for c in candidates)]
    width = float(high - low)
    poles = [c for c in candidates if _is_pole(f, c, width, seconds)]
    return tuple(sorted(poles, key=real_number))


def _is_pole(f: sympy.Expr, point: sympy.Expr, width: float, seconds: float) -> bool:
    """|f| tends to oo from a side: by ``sympy.limit``, and growing there in floats."""
    for direction, side in (("+", 1.0), ("-", -1.0)):
        try:
            with time_limit(seconds, f"find the limit of {f} at {point}"):
                limit = sympy.limit(f, x, point, direction)
        except (SolveTimeout, *SYMPY_GAVE_UP):
            continue
        if limit in (sympy.oo, -sympy.oo, sympy.zoo) and _grows(f, float(point), side, width):
            return True
    return False


def _grows(f: sympy.Expr, point: float, side: float, width: float) -> bool:
    """|f| is larger nearer to ``point`` on this side (or too large for a float)."""
    far, near = numeric_function(f, (x,))(point + side * width * np.array(POLE_STEPS))
    return bool(np.isfinite(far) and (not np.isfinite(near) or abs(near) > abs(far)))


# ---------------------------------------------------------------- asymptotes


def _asymptotes(f: sympy.Expr, seconds: float) -> tuple[sympy.Expr, ...]:
    heights: list[sympy.Expr] = []
    for end in (sympy.oo, -sympy.oo):
        try:
            with time_limit(seconds, f"find the limit of {f} as x -> {end}"):
                limit = sympy.limit(f if end == sympy.oo else f.subs(x, -x), x, sympy.oo)
        except (SolveTimeout, *SYMPY_GAVE_UP):
            continue
        value = real_number(limit)
        if (value is not None and _approaches(f, float(np.sign(float(end))), value)
                and not any(same_number(limit, h, seconds) for h in heights)):
            heights.append(limit)
    return tuple(heights)


def _approaches(f: sympy.Expr, side: float, height: float) -> bool:
    """f(x) nears ``height`` as |x| grows through FAR on this side, ending within 10 %."""
    values = numeric_function(f, (x,))(side * FAR)
    gaps = np.abs(values[np.isfinite(values)] - height)
    scale = 1 + abs(height)
    if gaps.size < 2:
        return False
    return bool(gaps[-1] <= 0.1 * scale and gaps[-1] <= max(gaps[0], 1e-6 * scale))


# ---------------------------------------------------------------- identities


def check_identity(lhs: sympy.Expr, rhs: sympy.Expr, x_range: Sequence,
                   label: str | None = None, seconds: float = DEFAULT_SECONDS) -> Identity:
    """Whether lhs = rhs for all x: proved by sympy and confirmed on samples of ``x_range``."""
    lhs, rhs = function_of_x(lhs), function_of_x(rhs)
    low, high = exact_interval(x_range, "x range")
    counterexample, samples = _sampled_gap(lhs, rhs, float(low), float(high))
    return Identity(label or f"{lhs} = {rhs}", lhs, rhs, _proved(lhs - rhs, seconds),
                    counterexample, samples)


def _proved(difference: sympy.Expr, seconds: float) -> bool:
    """Whether sympy shows ``difference`` is 0, within ``seconds``."""
    if difference == 0:
        return True
    attempts = (sympy.simplify, sympy.trigsimp,
                lambda e: sympy.simplify(e.rewrite(sympy.exp)),
                lambda e: sympy.simplify(e.rewrite(sympy.log)))
    try:
        with time_limit(seconds, f"simplify {difference}"):
            return any(attempt(difference) == 0 for attempt in attempts)
    except (SolveTimeout, *SYMPY_GAVE_UP):
        return False


def _sampled_gap(lhs: sympy.Expr, rhs: sympy.Expr, low: float,
                 high: float) -> tuple[float | None, int]:
    """The sample x where the sides differ most (None if they agree), and how many
    samples have both sides defined."""
    xs = np.linspace(low, high, IDENTITY_SAMPLES)
    left, right = (np.broadcast_to(numeric_function(e, (x,))(xs), xs.shape) for e in (lhs, rhs))
    defined = np.isfinite(left) & np.isfinite(right)
    gaps = np.where(defined, np.abs(left - right) / (1 + np.abs(left) + np.abs(right)), 0.0)
    worst = int(np.argmax(gaps))
    if gaps[worst] <= IDENTITY_TOLERANCE or not _differs(lhs, rhs, float(xs[worst])):
        return None, int(defined.sum())
    return float(xs[worst]), int(defined.sum())


def _differs(lhs: sympy.Expr, rhs: sympy.Expr, at: float) -> bool:
    """The relative gap at ``at``, computed to 30 digits, is above the tolerance."""
    point = {x: sympy.Float(at, 30)}
    left, right = real_number(lhs.subs(point)), real_number(rhs.subs(point))
    return (left is not None and right is not None
            and abs(left - right) > IDENTITY_TOLERANCE * (1 + abs(left) + abs(right)))

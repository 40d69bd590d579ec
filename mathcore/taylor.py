"""Taylor polynomials of f(x) about a centre a, their remainder and its Lagrange bound.

>>> from mathcore.symbols import x
>>> result = taylor(sympy.sin(x), 0, 5)
>>> result.to_json()["polynomial"], result.to_json()["radius"]
('x**5/120 - x**3/6 + x', 'oo')
>>> taylor(sympy.sqrt(x), 1, 3).coefficients
(1, 1/2, -1/8, 1/16)

How the coefficients c_k = f^(k)(a)/k! are found: by Taylor-mode automatic
differentiation. Each node of f's tree becomes the list of its Taylor
coefficients at a (its "jet"), built from its children's jets by the usual
recurrences (products by convolution, powers by J. C. P. Miller's formula,
exp, log, sin/cos and sinh/cosh by their differential equations, inverse
functions by integrating their derivative). With exact sympy numbers at the
centre this is fast where repeated ``diff`` blows up (tan, rational
functions); coefficients are kept expanded, not simplified (simplify takes
seconds on tan about 1). Where a node is not analytic at a (|x| at 0, sqrt(x) at 0, a
Piecewise boundary), f is differentiated formula by formula instead, up to
the first derivative that does not exist at a: that one is named in the
error ("f'(0) does not exist"). A derivative formula that is finite at a
but jumps there (sign(x), the derivative of |x|) counts as not existing.
A function defined on one side of a only is expanded one-sidedly.

The same recurrences on numpy arrays give f^(n+1) on a grid, for the
Lagrange bound max|f^(n+1)| r^(n+1)/(n+1)! on [a - r, a + r]: the maximum
over LAGRANGE_GRID points, times SAFETY. It is infinite where f^(n+1) is
undefined somewhere on the interval (a pole, a kink) since the theorem then
gives no bound.

The radius of convergence is the distance from a to the nearest complex
singularity of f, when sympy can list them: none for entire functions
(polynomials, exp, sin, cos, sinh, cosh and their compositions); the zeros
of denominators (poles, checked to be genuine, so sin(x)/x has none), of
root bases and of log arguments; the branch points of the inverse trig and
hyperbolic functions; the poles of tan, sec, cot, csc, tanh for a linear
argument. Otherwise (tan(x^2), a kink, roots of a quintic) it is None.

A lesson that gives no window gets ``default_window``: REACH_PER_RADIUS times
the radius of convergence on each side of a (so the series is seen to fail
beyond it), or DEFAULT_REACH where f is entire or the radius is unknown; cut
back to the stretch around a where f is defined (ln x about 1 starts at 0),
and widened to hold the point where the error is bounded.

Every result is checked numerically before it is returned: the remainder
R = f - P_n at a + h and a + h/2 (h = 2^-16, evaluated to enough digits)
must shrink by at least the factor 2^(n+1) / 1.5, which a wrong coefficient
of order k <= n would break (it shrinks by only 2^k). Where f is not
analytic at a (found by derivatives) R need only be o(h^n): it must shrink
by more than 2^n / 0.95.
"""

from __future__ import annotations

import math
import operator
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import sympy
from sympy.printing.str import StrPrinter

from mathcore.deadline import DEFAULT_SECONDS, time_limit
from mathcore.errors import MathError
from mathcore.numbers import exact_number, function_of_x, real_number, simplified
from mathcore.numeric import numeric_function
from mathcore.parse import parse_number
from mathcore.symbols import x
from mathcore.window import padded_window

MAX_DEGREE = 20
LAGRANGE_GRID = 4001            # points where |f^(n+1)| is sampled for the Lagrange bound
SAFETY = 1.01                   # the sampled maximum is raised by 1 % for what lies between
CHECK_STEP = sympy.Rational(1, 2**16)
CONTINUITY_STEPS = (sympy.Rational(1, 10**4), sympy.Rational(1, 10**7))  # beside a: a jump?
POLE_STEPS = (1e-4, 1e-8)       # a candidate pole must make |f| grow between these distances
DEFAULT_REACH = 4               # the default window's half-width where f is entire
REACH_PER_RADIUS = 1.5          # ... else this many radii of convergence
ERROR_ROOM = 0.1                # room beyond the error point, as a fraction of its distance to a
DOMAIN_SAMPLES = 2001           # where f is sampled to find the stretch it is defined on
ERROR_DIGITS = 30               # digits to which |f - P_n| is evaluated at a point


@dataclass(frozen=True)
class Term:
    """One term of a Taylor polynomial as a textbook writes it: the sign, and
    ``expr`` = |c| (x - a)^k kept unexpanded, (x - 1)^3/6 rather than x^3/6 - x^2/2 ..."""

    negative: bool
    size: sympy.Expr
    power: sympy.Expr

    @property
    def expr(self) -> sympy.Expr:
        """|c| (x - a)^k with a fraction's denominator last: 3(x - 1)^2/2."""
        top, bottom = self.size.as_numer_denom()
        factors = [f for f in (top, self.power) if f != 1] or [sympy.Integer(1)]
        if bottom != 1:
            factors.append(sympy.Pow(bottom, -1, evaluate=False))
        return factors[0] if len(factors) == 1 else sympy.Mul(*factors, evaluate=False)

    def written(self, show: Callable[[sympy.Expr], str]) -> str:
        """``expr`` as ``show`` writes it, bracketed when it is a sum: (x - 1)."""
        text = show(self.expr)
        return f"({text})" if self.expr.is_Add else text


class _Formula(StrPrinter):
    """sympy's text, with e for E, as a lesson's formula is written (parse reads it back)."""

    def _print_Exp1(self, expr) -> str:
        return "e"


def formula_text(expr: sympy.Expr) -> str:
    """``expr`` in a lesson's formula syntax: ``e*(x - 1)**2/2``, not ``E*...``."""
    return _Formula().doprint(expr)


def signed_sum(parts: list[tuple[bool, str]]) -> str:
    """``1 - 2(x - 1) + ...`` from (negative, text) parts; "0" for none."""
    if not parts:
        return "0"
    text = ("-" if parts[0][0] else "") + parts[0][1]
    return text + "".join((" - " if negative else " + ") + part for negative, part in parts[1:])


@dataclass(frozen=True)
class Taylor:
    """The Taylor polynomials P_0 ... P_n of ``function`` about ``center``.

    ``coefficients[k]`` is the exact coefficient of (x - center)^k;
    ``partial_sums[k]`` is P_k written in powers of (x - center) (``sympy.expand``
    gives it in powers of x); ``remainder`` is f - P_n; ``radius_of_convergence``
    is exact (``oo`` for entire functions) or None when unknown.
    """

    function: sympy.Expr
    center: sympy.Expr
    degree: int
    coefficients: tuple[sympy.Expr, ...]
    partial_sums: tuple[sympy.Expr, ...]
    remainder: sympy.Expr
    radius_of_convergence: sympy.Expr | None

    @property
    def polynomial(self) -> sympy.Expr:
        """P_n, in powers of (x - center)."""
        return self.partial_sums[-1]

    @property
    def expanded(self) -> sympy.Expr:
        """P_n, in powers of x."""
        return sympy.expand(self.polynomial)

    def terms(self, k: int | None = None) -> tuple[Term, ...]:
        """The nonzero terms of P_k (default P_n), in ascending powers of (x - a)."""
        k = self.degree if k is None else k
        found = []
        for j, c in enumerate(self.coefficients[:k + 1]):
            if c != 0:
                negative = bool(c.could_extract_minus_sign())
                power = sympy.Integer(1) if j == 0 else (x - self.center) ** j
                found.append(Term(negative, -c if negative else c, power))
        return tuple(found)

    def textbook(self, k: int | None = None) -> str:
        """P_k as a textbook writes it, in a lesson's formula syntax:
        ``1 - 2*(x - 1) + 3*(x - 1)**2``."""
        return signed_sum([(t.negative, t.written(formula_text)) for t in self.terms(k)])

    def error(self, at) -> float:
        """|f - P_n| at ``at``, evaluated to ERROR_DIGITS digits (in floats, f and P_n far
        from a can cancel to noise: 1e-11 where the error is 0)."""
        size = real_number(sympy.N(self.remainder.subs(x, at), ERROR_DIGITS))
        if size is None:
            raise MathError(f"f has no value at x = {at}, so there is no error to measure")
        return abs(size)

    def lagrange_bound(self, at) -> float:
        """max|f^(n+1)| |at - a|^(n+1)/(n+1)! over the interval between the centre a and
        ``at`` (where Lagrange's c lies); 0 at a, inf if f^(n+1) is unbounded there.

        The maximum is sampled on LAGRANGE_GRID points and raised by SAFETY.
        """
        b = real_number(at)
        if b is None:
            raise MathError(f"the error can only be bounded at a real number (got {at})")
        a = float(self.center)
        if b == a:
            return 0.0
        points = np.linspace(min(a, b), max(a, b), LAGRANGE_GRID)
        with np.errstate(all="ignore"):
            top = np.abs(_jet(self.function, self.degree + 2, _Grid(points))[-1])
        top = np.broadcast_to(top, points.shape)
        if not np.all(np.isfinite(top)):
            return math.inf
        return SAFETY * float(top.max()) * abs(b - a) ** (self.degree + 1)

    def to_json(self) -> dict:
        radius = self.radius_of_convergence
        return {
            "function": str(self.function),
            "center": str(self.center),
            "degree": self.degree,
            "polynomial": str(self.expanded),
            "textbook": self.textbook(),
            "coefficients": [str(c) for c in self.coefficients],
            "radius": None if radius is None else str(radius),
        }


def taylor(f: sympy.Expr, center, degree: int, seconds: float = DEFAULT_SECONDS) -> Taylor:
    """P_0 ... P_degree of f(x) about ``center``, degree 0 to 20.

    ``center`` is an exact number; a float is read from its decimal text (0.1 is 1/10).

    Raises MathError when f has no Taylor polynomial of that degree at the
    centre, SolveTimeout (a MathError) past ``seconds``.
    """
    f = function_of_x(f)
    a = parse_number(center) if isinstance(center, float) else exact_number(center, "the centre")
    if isinstance(degree, bool) or not isinstance(degree, int) or not 0 <= degree <= MAX_DEGREE:
        raise MathError(f"the degree must be a whole number from 0 to {MAX_DEGREE} "
                        f"(got {degree!r})")
    with time_limit(seconds, f"find the Taylor polynomial of {f}"):
        coefficients, analytic = _coefficients(f, a, degree)
        result = _result(f, a, coefficients, _radius(f, a))
        _verify(result, analytic)
    return result


def default_window(result: Taylor, error_at=None) -> tuple[sympy.Expr, sympy.Expr]:
    """The window for a lesson that gives none (see the module doc).

    >>> from mathcore.symbols import x
    >>> default_window(taylor(sympy.exp(x), 8, 2))
    (4, 12)
    >>> default_window(taylor(sympy.log(x), 1, 3))
    (0, 5/2)
    """
    a, radius = float(result.center), result.radius_of_convergence
    reach = (DEFAULT_REACH if radius is None or radius == sympy.oo
             else REACH_PER_RADIUS * float(radius))
    low, high = a - reach, a + reach
    b = real_number(error_at) if error_at is not None else None
    if b is not None:
        room = ERROR_ROOM * abs(b - a)
        low, high = min(low, b - room), max(high, b + room)
    return padded_window(*defined_around(result.function, a, low, high), margin=0, least=0)


@dataclass(frozen=True)
class TaylorAnalysis:
    """The polynomials, the window to draw them in, and the error at one x beside its
    Lagrange bound (inf where the theorem gives none)."""

    taylor: Taylor
    error_at: sympy.Expr
    error: float
    bound: float
    window: tuple[sympy.Expr, sympy.Expr]

    @property
    def approximation(self) -> sympy.Expr:
        """P_n at the error's point, exact."""
        return sympy.expand(self.taylor.polynomial.subs(x, self.error_at))

    @property
    def error_curve(self) -> sympy.Expr:
        """|f - P_n|, the curve of the error."""
        return sympy.Abs(self.taylor.remainder)

    def to_json(self) -> dict:
        return {**self.taylor.to_json(), "window": [str(v) for v in self.window],
                "error_at": str(self.error_at), "approximation": formula_text(self.approximation),
                "error": self.error, "bound": self.bound if np.isfinite(self.bound) else None}


def taylor_analysis(f: sympy.Expr, center, degree: int, window=None,
                    error_at=None) -> TaylorAnalysis:
    """:func:`taylor`, in ``window`` (default: :func:`default_window`), with the error
    at ``error_at`` (default: halfway from the centre to the window's right edge).

    >>> from mathcore.symbols import x
    >>> found = taylor_analysis(sympy.exp(x), 0, 2, (-2, 2))
    >>> found.error_at, found.approximation, round(found.error, 6)
    (1, 5/2, 0.218282)
    """
    result = taylor(f, center, degree)
    window = tuple(window) if window is not None else default_window(result, error_at)
    at = error_at if error_at is not None else (result.center + window[1]) / 2
    return TaylorAnalysis(result, at, result.error(at), result.lagrange_bound(at), window)


def defined_around(f: sympy.Expr, a: float, low: float, high: float) -> tuple[float, float]:
    """The part of [low, high] around a where f is defined: cut at the first stretch
    (two samples or more) where it is not; a lone undefined sample (a pole, a hole) stays."""
    xs = np.linspace(low, high, DOMAIN_SAMPLES)
    bad = np.isnan(np.broadcast_to(numeric_function(f, (x,))(xs), xs.shape))
    run = bad & (np.r_[False, bad[:-1]] | np.r_[bad[1:], False])
    middle = int(np.searchsorted(xs, a))
    left, right = np.flatnonzero(run[:middle]), np.flatnonzero(run[middle:])
    start = xs[left[-1] + 1] if left.size else low
    end = xs[middle + right[0] - 1] if right.size else high
    return float(min(start, a)), float(max(end, a))


def _result(f: sympy.Expr, a: sympy.Expr, coefficients: list[sympy.Expr],
            radius: sympy.Expr | None) -> Taylor:
    sums, total = [], sympy.Integer(0)
    for k, c in enumerate(coefficients):
        total += _term(c, a, k)
        sums.append(total)
    return Taylor(f, a, len(coefficients) - 1, tuple(coefficients), tuple(sums),
                  f - total, radius)


def _term(c: sympy.Expr, a: sympy.Expr, k: int) -> sympy.Expr:
    """c (x - a)^k, kept as a multiple of (x - a) (sympy would spread 2(x - 1) out)."""
    if c == 0 or k == 0:
        return c
    power = x - a if k == 1 else (x - a) ** k
    return power if c == 1 else sympy.Mul(c, power, evaluate=False)


# ---------------------------------------------------------------- coefficients


def _coefficients(f: sympy.Expr, a: sympy.Expr,
                  degree: int) -> tuple[list[sympy.Expr], bool]:
    """c_0 ... c_degree and whether f is analytic at a.

    By jets (coefficients expanded, which is quick where simplify is not:
    tan about 1), or by derivatives where a node of f is not analytic at a.
    """
    try:
        return [sympy.sympify(v) for v in _jet(f, degree + 1, _Exact(a))], True
    except _NotAnalytic:
        return _coefficients_by_derivatives(f, a, degree), False


def _coefficients_by_derivatives(f: sympy.Expr, a: sympy.Expr,
                                 degree: int) -> list[sympy.Expr]:
    """f^(k)(a)/k! from the formulas of the derivatives; names the first one that fails."""
    values, derivative = [], f
    for k in range(degree + 1):
        value = simplified(derivative.subs(x, a))
        if real_number(value) is None or _jumps(derivative, a, value):
            what = "is not defined" if k == 0 else "does not exist"
            raise MathError(f"f has no Taylor polynomial at x = {a}: "
                            f"{_derivative_name(k)}({a}) {what}")
        values.append(value / sympy.factorial(k))
        derivative = sympy.diff(derivative, x)
    return values


def _derivative_name(k: int) -> str:
    return "f" + "'" * k if k <= 3 else f"f^({k})"


def _jumps(formula: sympy.Expr, a: sympy.Expr, value: sympy.Expr) -> bool:
    """Whether the formula's values beside a stay away from its value at a (sign(x) at 0).

    Evaluated by sympy, not floats: this runs inside the time limit.
    """
    target, scale = float(value), 1 + abs(float(a))
    for side in (-1, 1):
        gaps = [real_number(formula.subs(x, a + side * step * scale)) for step in CONTINUITY_STEPS]
        if None in gaps:
            continue  # f is defined on the other side only
        far, near = (abs(g - target) for g in gaps)
        if near > 1e-6 * (1 + abs(target)) and near > 0.1 * far:
            return True
    return False


# ---------------------------------------------------------------- jets


class _NotAnalytic(Exception):
    """A node with no Taylor expansion at the point (or one the jets do not know)."""


class _Exact:
    """Jet arithmetic in exact sympy numbers at the centre; refuses non-analytic nodes."""

    def __init__(self, center: sympy.Expr):
        self.point = center

    def constant(self, value) -> sympy.Expr:
        return sympy.sympify(value)

    def tidy(self, value: sympy.Expr) -> sympy.Expr:
        """``value`` expanded, refused if it is not a finite real number."""
        value = sympy.sympify(value)
        if not value.is_Rational:
            value = sympy.expand(value)
            if value.has(sympy.zoo, sympy.nan, sympy.oo, -sympy.oo) or value.is_real is False:
                raise _NotAnalytic
        return value

    def call(self, name: str, value: sympy.Expr) -> sympy.Expr:
        return self.tidy(getattr(sympy, name)(value))

    def power(self, base: sympy.Expr, exponent: sympy.Expr) -> sympy.Expr:
        if base == 0:
            raise _NotAnalytic
        return self.tidy(base**exponent)

    def sign(self, value: sympy.Expr) -> sympy.Expr:
        """The sign of a nonzero value (|u| is not analytic where u = 0)."""
        if value == 0 or real_number(value) == 0:
            raise _NotAnalytic
        return sympy.Integer(1 if real_number(value) > 0 else -1)

    def select(self, cases: list) -> list:
        """The jet of the Piecewise case that holds at the centre, not on a boundary."""
        for build, holds, gap in cases:
            if gap is not None and (gap == 0 or real_number(gap) == 0):
                raise _NotAnalytic
            if gap is None or holds(real_number(gap), 0):
                return build()
        raise _NotAnalytic


class _Grid:
    """Jet arithmetic on float arrays, one entry per grid point; nan where not analytic.

    A kink or pole between two grid points (the guarded value changes sign)
    also gives nan at both, so that no bound is claimed across it.
    """

    _NUMPY = {"exp": np.exp, "log": np.log, "sin": np.sin, "cos": np.cos, "sinh": np.sinh,
              "cosh": np.cosh, "atan": np.arctan, "asin": np.arcsin, "acos": np.arccos,
              "asinh": np.arcsinh, "acosh": np.arccosh, "atanh": np.arctanh}

    def __init__(self, points: np.ndarray):
        self.point = points

    def constant(self, value) -> float:
        return float(value)

    def tidy(self, value):
        return value

    def call(self, name: str, value):
        return self._NUMPY[name](value)

    def power(self, base, exponent: sympy.Expr):
        return self.guard(np.power(base, float(exponent)), base)

    def sign(self, value):
        return self.guard(np.sign(value), value)

    def guard(self, result, value):
        """``result`` with nan where ``value`` is 0 or changes sign to a neighbour."""
        value = np.broadcast_to(value, self.point.shape)
        signs = np.sign(value)
        flips = np.zeros(value.shape, dtype=bool)
        flips[1:] |= signs[1:] != signs[:-1]
        flips[:-1] |= signs[1:] != signs[:-1]
        return np.where((value == 0) | flips, np.nan, result)

    def select(self, cases: list) -> list:
        """Each grid point takes the first case that holds there."""
        result, taken = None, np.zeros(self.point.shape, dtype=bool)
        for build, holds, gap in cases:
            jet = build()
            where = ~taken if gap is None else np.asarray(holds(gap, 0)) & ~taken
            result = jet if result is None else [np.where(where, j, r)
                                                 for j, r in zip(jet, result, strict=True)]
            if gap is not None:
                result = [self.guard(r, gap) for r in result]
            taken = taken | where
        return result


_RELATIONS: dict[type, Callable] = {
    sympy.GreaterThan: operator.ge, sympy.StrictGreaterThan: operator.gt,
    sympy.LessThan: operator.le, sympy.StrictLessThan: operator.lt,
}


def _jet(expr: sympy.Expr, size: int, arith) -> list:
    """The first ``size`` Taylor coefficients of ``expr`` at ``arith.point``."""
    if x not in expr.free_symbols:
        return _constant(arith.constant(expr), size)
    if expr == x:
        return [arith.point, 1, *[0] * (size - 2)][:size]
    if expr.is_Add:
        parts = [_jet(arg, size, arith) for arg in expr.args]
        return [arith.tidy(sum(column)) for column in zip(*parts, strict=True)]
    if expr.is_Mul:
        result = _jet(expr.args[0], size, arith)
        for arg in expr.args[1:]:
            result = _multiply(result, _jet(arg, size, arith), arith)
        return result
    if expr.is_Pow:
        return _power_node(expr, size, arith)
    if isinstance(expr, sympy.Abs):
        u = _jet(expr.args[0], size, arith)
        sign = arith.sign(u[0])
        return [sign * c for c in u]
    if isinstance(expr, sympy.Piecewise):
        return _piecewise(expr, size, arith)
    rule = _RULES.get(type(expr))
    if rule is None:
        raise _NotAnalytic
    return rule(_jet(expr.args[0], size, arith), arith)


def _constant(value, size: int) -> list:
    return [value, *[0] * (size - 1)]


def _multiply(u: list, v: list, arith) -> list:
    return [arith.tidy(sum(u[j] * v[k - j] for j in range(k + 1))) for k in range(len(u))]


def _power_node(expr: sympy.Pow, size: int, arith) -> list:
    base = _jet(expr.base, size, arith)
    if x in expr.exp.free_symbols:  # u^v = exp(v log u)
        return _exp(_multiply(_jet(expr.exp, size, arith), _log(base, arith), arith), arith)
    return _power(base, expr.exp, arith)


def _power(u: list, exponent: sympy.Expr, arith) -> list:
    """u^e for a constant e: repeated squaring for whole e >= 0, else Miller's recurrence."""
    if exponent.is_Integer and exponent >= 0:
        result, square, n = _constant(1, len(u)), u, int(exponent)
        while n:
            if n & 1:
                result = _multiply(result, square, arith)
            n >>= 1
            if n:
                square = _multiply(square, square, arith)
        return result
    w, e = [arith.power(u[0], exponent)], arith.constant(exponent)
    for k in range(1, len(u)):
        total = sum(((e + 1) * j - k) * u[j] * w[k - j] for j in range(1, k + 1))
        w.append(arith.tidy(total / (arith.constant(k) * u[0])))
    return w


def _exp(u: list, arith) -> list:
    w = [arith.call("exp", u[0])]
    for k in range(1, len(u)):
        w.append(arith.tidy(sum(j * u[j] * w[k - j] for j in range(1, k + 1))
                            / arith.constant(k)))
    return w


def _log(u: list, arith) -> list:
    w = [arith.call("log", u[0])]
    for k in range(1, len(u)):
        inner = sum(j * w[j] * u[k - j] for j in range(1, k)) / arith.constant(k)
        w.append(arith.tidy((u[k] - inner) / u[0]))
    return w


def _sin_cos(u: list, arith, sign: int = -1, names=("sin", "cos")) -> tuple[list, list]:
    """Jets of sin u and cos u (sign -1), or of sinh u and cosh u (sign +1)."""
    s, c = [arith.call(names[0], u[0])], [arith.call(names[1], u[0])]
    for k in range(1, len(u)):
        s.append(arith.tidy(sum(j * u[j] * c[k - j] for j in range(1, k + 1))
                            / arith.constant(k)))
        c.append(arith.tidy(sign * sum(j * u[j] * s[k - j] for j in range(1, k + 1))
                            / arith.constant(k)))
    return s, c


def _sinh_cosh(u: list, arith) -> tuple[list, list]:
    return _sin_cos(u, arith, 1, ("sinh", "cosh"))


def _quotient(u: list, v: list, arith) -> list:
    return _multiply(u, _power(v, sympy.Integer(-1), arith), arith)


def _tan(u: list, arith) -> list:
    return _quotient(*_sin_cos(u, arith), arith)


def _cot(u: list, arith) -> list:
    return _quotient(*reversed(_sin_cos(u, arith)), arith)


def _sec(u: list, arith) -> list:
    return _power(_sin_cos(u, arith)[1], sympy.Integer(-1), arith)


def _csc(u: list, arith) -> list:
    return _power(_sin_cos(u, arith)[0], sympy.Integer(-1), arith)


def _tanh(u: list, arith) -> list:
    return _quotient(*_sinh_cosh(u, arith), arith)


def _inverse(name: str, square_sign: int, constant: int, exponent: sympy.Expr,
             outer: int = 1) -> Callable:
    """The rule for F(u) = F(u0) + integral of F'(u) u', where
    F'(u) = outer (constant + square_sign u^2)^exponent (atan: 1/(1 + u^2))."""
    def rule(u: list, arith) -> list:
        square = _multiply(u, u, arith)
        base = [constant + square_sign * square[0], *(square_sign * c for c in square[1:])]
        slope = _power(base, exponent, arith)[:-1]
        du = [(k + 1) * u[k + 1] for k in range(len(u) - 1)]
        integrand = _multiply(slope, du, arith)
        return [arith.call(name, u[0]),
                *(arith.tidy(outer * c / arith.constant(k + 1)) for k, c in enumerate(integrand))]
    return rule


def _piecewise(expr: sympy.Piecewise, size: int, arith) -> list:
    """A Piecewise whose conditions are single comparisons (as ``parse`` writes odd roots)."""
    cases = []
    for branch, condition in expr.args:
        def build(branch=branch):
            return _jet(branch, size, arith)
        if condition == sympy.true:
            cases.append((build, None, None))
        elif type(condition) in _RELATIONS:
            gap = _jet(condition.lhs - condition.rhs, 1, arith)[0]
            cases.append((build, _RELATIONS[type(condition)], gap))
        else:
            raise _NotAnalytic
    return arith.select(cases)


_HALF = sympy.Rational(-1, 2)
_RULES: dict[type, Callable] = {
    sympy.exp: _exp,
    sympy.log: _log,
    sympy.sin: lambda u, arith: _sin_cos(u, arith)[0],
    sympy.cos: lambda u, arith: _sin_cos(u, arith)[1],
    sympy.sinh: lambda u, arith: _sinh_cosh(u, arith)[0],
    sympy.cosh: lambda u, arith: _sinh_cosh(u, arith)[1],
    sympy.tan: _tan, sympy.cot: _cot, sympy.sec: _sec, sympy.csc: _csc, sympy.tanh: _tanh,
    sympy.atan: _inverse("atan", 1, 1, sympy.Integer(-1)),
    sympy.atanh: _inverse("atanh", -1, 1, sympy.Integer(-1)),
    sympy.asin: _inverse("asin", -1, 1, _HALF),
    sympy.acos: _inverse("acos", -1, 1, _HALF, outer=-1),
    sympy.asinh: _inverse("asinh", 1, 1, _HALF),
    sympy.acosh: _inverse("acosh", 1, -1, _HALF),
}


# ---------------------------------------------------------------- radius of convergence


_ENTIRE = (sympy.exp, sympy.sin, sympy.cos, sympy.sinh, sympy.cosh)
_BRANCH_POINTS = {  # where the inverse functions branch: zeros of sign u^2 + constant
    sympy.atan: (1, 1), sympy.asinh: (1, 1), sympy.asin: (-1, 1), sympy.acos: (-1, 1),
    sympy.atanh: (-1, 1), sympy.acosh: (1, -1),
}
_POLES_AT_ZEROS_OF = {sympy.tan: sympy.cos, sympy.sec: sympy.cos, sympy.cot: sympy.sin,
                      sympy.csc: sympy.sin, sympy.tanh: sympy.cosh}
_PERIODIC_ZEROS = {  # zeros of g(v): v = offset + k pi, times i when imaginary
    sympy.sin: (sympy.Integer(0), False), sympy.cos: (sympy.pi / 2, False),
    sympy.sinh: (sympy.Integer(0), True), sympy.cosh: (sympy.pi / 2, True),
}

_Singularity = tuple[sympy.Expr, bool]  # a complex point, and whether it is a pole


def _radius(f: sympy.Expr, a: sympy.Expr) -> sympy.Expr | None:
    """The distance from a to f's nearest genuine complex singularity; oo if none."""
    if f.is_rational_function(x):
        f = sympy.cancel(f)
    found = _singularities(f, a)
    if found is None:
        return None
    by_distance = sorted(((real_number(sympy.Abs(p - a)), p, pole) for p, pole in found),
                         key=lambda item: item[0])
    for distance, point, pole in by_distance:
        if not pole or _is_pole(f, point):
            return None if distance == 0 else simplified(sympy.Abs(point - a))
    return sympy.oo


def _singularities(expr: sympy.Expr, a: sympy.Expr) -> list[_Singularity] | None:
    """Candidate complex singularities of ``expr`` near a, or None if they cannot be listed."""
    if x not in expr.free_symbols:
        return []
    if isinstance(expr, sympy.Piecewise):
        return _piecewise_singularities(expr, a)
    found = []
    for arg in expr.args:
        inner = _singularities(arg, a)
        if inner is None:
            return None
        found += inner
    own = _own_singularities(expr, a)
    return None if own is None else found + own


def _own_singularities(expr: sympy.Expr, a: sympy.Expr) -> list[_Singularity] | None:
    """The singularities the top node of ``expr`` adds to its arguments'."""
    kind = type(expr)
    if expr == x or expr.is_Add or expr.is_Mul or kind in _ENTIRE:
        return []
    if expr.is_Pow:
        if expr.exp.is_Integer and expr.exp >= 0:
            return []
        return _zeros(expr.base, a, pole=bool(expr.exp.is_Integer))
    if kind in (sympy.log, sympy.Abs):  # a branch point; a kink (real zeros only)
        found = _zeros(expr.args[0], a, pole=False)
        if found is None or kind is sympy.log:
            return found
        return [(p, pole) for p, pole in found if p.is_real]
    if kind in _BRANCH_POINTS:
        sign, constant = _BRANCH_POINTS[kind]
        return _zeros(sign * expr.args[0] ** 2 + constant, a, pole=False)
    if kind in _POLES_AT_ZEROS_OF:
        return _zeros(_POLES_AT_ZEROS_OF[kind](expr.args[0]), a, pole=True)
    return None


def _piecewise_singularities(expr: sympy.Piecewise, a: sympy.Expr) -> list[_Singularity] | None:
    """The pieces' singularities, and the boundaries between pieces (as branch points)."""
    found = []
    for piece, condition in expr.args:
        inner = _singularities(piece, a)
        if type(condition) in _RELATIONS:
            boundary = _zeros(condition.lhs - condition.rhs, a, pole=False)
            inner = None if inner is None or boundary is None else inner + boundary
        if inner is None or not (condition == sympy.true or type(condition) in _RELATIONS):
            return None
        found += inner
    return found


def _zeros(u: sympy.Expr, a: sympy.Expr, pole: bool) -> list[_Singularity] | None:
    """Zeros of u near a: of a polynomial numerator, or of sin, cos, sinh, cosh of a line."""
    while isinstance(u, sympy.Abs):
        u = u.args[0]
    if type(u) in _PERIODIC_ZEROS:
        return _periodic_zeros(u.args[0], a, *_PERIODIC_ZEROS[type(u)], pole)
    top = sympy.numer(sympy.together(u))
    if not top.is_polynomial(x):
        return None
    poly = sympy.Poly(top, x)
    roots = sympy.roots(poly)
    if sum(roots.values()) != poly.degree():
        return None
    return [(root, pole) for root in roots]


def _periodic_zeros(v: sympy.Expr, a: sympy.Expr, offset: sympy.Expr, imaginary: bool,
                    pole: bool) -> list[_Singularity] | None:
    """The zeros v = offset + k pi (times i) nearest to a, for v linear in x."""
    if not (v.is_polynomial(x) and sympy.degree(v, x) == 1):
        return None
    slope, intercept = sympy.Poly(v, x).all_coeffs()
    middle = 0 if imaginary else round(float((slope * a + intercept - offset) / sympy.pi))
    unit = sympy.I if imaginary else 1
    values = [unit * (offset + k * sympy.pi) for k in (middle - 1, middle, middle + 1)]
    return [((value - intercept) / slope, pole) for value in values]


def _is_pole(f: sympy.Expr, point: sympy.Expr) -> bool:
    """Whether |f| grows near ``point`` (a removable singularity, sin(x)/x at 0, does not)."""
    sizes = []
    for step in POLE_STEPS:
        try:
            sizes.append(abs(complex(sympy.N(f.subs(x, point + sympy.Float(step)), 30))))
        except (TypeError, ValueError):
            return True  # infinite there
    return sizes[1] >= 10 * sizes[0]


# ---------------------------------------------------------------- the numeric check


def _verify(result: Taylor, analytic: bool) -> None:
    """R = f - P_n must shrink from h to h/2 as O(h^(n+1)) does where f is analytic
    (by 2^(n+1)/1.5 at least), else as o(h^n) does (by more than 2^n/0.95)."""
    n = result.degree
    factor = 1.5 / 2 ** (n + 1) if analytic else 0.95 / 2**n
    digits = 30 + 5 * (n + 2)
    tiny = 10.0 ** (20 - digits)
    for side in (1, -1):
        far, near = (_remainder_at(result, side * CHECK_STEP / d, digits) for d in (1, 2))
        if far is None or near is None:
            continue
        if near <= max(factor * far, tiny):
            return
        raise MathError(f"the Taylor polynomial of {result.function} about x = "
                        f"{result.center} failed its numeric check")
    raise MathError(f"cannot check the Taylor polynomial of {result.function}: "
                    f"f has no value beside x = {result.center}")


def _remainder_at(result: Taylor, step: sympy.Expr, digits: int) -> float | None:
    """|R(a + step)| to ``digits`` digits, None where f has no real value."""
    value = sympy.N(result.remainder.subs(x, result.center + step), digits)
    size = real_number(value)
    return None if size is None else abs(size)

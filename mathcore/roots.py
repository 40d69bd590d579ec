"""Real roots of f(x) on an interval, and where f(x) is defined there.

>>> from mathcore.symbols import x
>>> real_roots(x**2 - 2, (0, 2)).values
(sqrt(2),)
>>> result = real_roots(sympy.cos(x) - x, (0, 1))
>>> round(result.floats[0], 6), result.complete
(0.739085, False)

How roots are found:

1. Exactly: a polynomial with rational coefficients by ``Poly.real_roots``
   (a root with no radical form, ``CRootOf``, is shown as a Float but the
   list is still complete); anything else by ``sympy.solveset`` on the
   interval within the time limit, accepted only when the answer is a finite
   set of numbers (a FiniteSet, or its Intersection with the interval when
   sympy cannot place Cardano-style roots: then they are placed numerically).
   Each exact root is checked numerically; a "root" where the expression is
   undefined (``sign(x)/|x|^(1/3)`` at 0) is dropped.
2. Numerically, always, as a cross-check: 2000 samples plus the ends, sign
   changes refined with ``brentq`` (a pole, where the sign also changes, is
   rejected because |f| is large there), and touching roots ((x - 1)^2) as
   local minima of |f| near 0 refined with ``minimize_scalar``. A numeric root
   that the exact answer lacks is added, made exact when ``nsimplify`` guesses
   a value that verifies, and then ``complete`` is False.

An expression that vanishes on a whole piece of the interval (``0``,
``sign(x) - 1`` on (1, 2)) raises :class:`InfinitelyManyRoots`.

Exact forms longer than MAX_OPERATIONS operations, or written with complex
intermediate numbers (Cardano's formula), are shown as Floats instead.

``undefined_set`` gives the points of a closed interval where an expression
is undefined, from ``continuous_domain`` (with ``Abs``, ``sign`` and the
``Piecewise`` odd roots of ``parse`` rewritten into forms it understands).
For the functions a formula may use, "undefined" and "not continuous" are
the same points.
"""

from __future__ import annotations

import cmath
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import scipy.optimize
import sympy
from sympy.calculus.util import continuous_domain

from mathcore.deadline import DEFAULT_SECONDS, time_limit
from mathcore.errors import MathError, SolveTimeout
from mathcore.numbers import (
    PRECISION,
    SYMPY_GAVE_UP,
    exact_interval,
    function_of_x,
    real_number,
    shown,
    simple_number,
    simplified,
)
from mathcore.numeric import numeric_function
from mathcore.symbols import x
from mathcore.wording import interval_text

SAMPLES = 2000          # sample intervals of the numeric scan
GUESS_PRECISION = 60    # digits for checking a guessed exact root
ROOT_TOLERANCE = 1e-15  # |f(root)| allowed for an exact root at PRECISION digits


class InfinitelyManyRoots(MathError):
    """The expression is zero on a whole piece of the interval, not at separate points."""


@dataclass(frozen=True)
class Roots:
    """Roots sorted ascending: exact values (or Floats) and their floats.

    ``complete`` is True when the exact solve succeeded and the numeric scan
    found nothing more: then no root is missing.
    """

    values: tuple[sympy.Expr, ...]
    floats: tuple[float, ...]
    complete: bool

    def to_json(self) -> dict:
        return {"values": [str(v) for v in self.values], "floats": list(self.floats),
                "complete": self.complete}


def real_roots(expr: sympy.Expr, interval: Sequence, open_ends: bool = True,
               seconds: float = DEFAULT_SECONDS) -> Roots:
    """Every real root of ``expr`` (in x) between the ends of ``interval``.

    ``open_ends`` leaves the two ends out; ends may be exact (``pi``).
    ``seconds`` bounds the exact solve and each later symbolic step.
    """
    expr = function_of_x(expr)
    a, b = exact_interval(interval)
    region = sympy.Interval(a, b, open_ends, open_ends)
    exact, trusted = _exact_roots(expr, region, seconds)
    tolerance = 1e-7 * float(b - a)
    extra = [r for r in _numeric_roots(expr, region)
             if all(abs(r - real_number(v)) > tolerance for v in exact)]
    values = sorted(exact + [_made_exact(expr, r, region, seconds) for r in extra],
                    key=real_number)
    return Roots(tuple(values), tuple(real_number(v) for v in values), trusted and not extra)


# ---------------------------------------------------------------- exact roots


def _exact_roots(expr: sympy.Expr, region: sympy.Interval,
                 seconds: float) -> tuple[list[sympy.Expr], bool]:
    """The verified exact roots, and whether they are known to be all of them."""
    try:
        with time_limit(seconds, f"solve {expr} = 0"):
            candidates = _solve(expr, region)
    except (SolveTimeout, *SYMPY_GAVE_UP):
        return [], False
    if candidates is None:
        return [], False
    roots, trusted = [], True
    for value in candidates:
        verdict = _check_root(expr, value)
        if verdict == "root":
            roots.append(shown(value))
        elif verdict == "not a root":
            trusted = False
    return roots, trusted


def _solve(expr: sympy.Expr, region: sympy.Interval) -> list[sympy.Expr] | None:
    """Candidate roots in ``region``, or None if sympy cannot list them all."""
    if expr.is_polynomial(x):
        poly = sympy.Poly(expr, x)
        if poly.is_zero:
            raise InfinitelyManyRoots(f"{expr} is zero everywhere")
        if poly.domain.is_ZZ or poly.domain.is_QQ:
            roots = dict.fromkeys(poly.real_roots())
            return [r for r in roots if region.contains(r) == sympy.true]
    solutions = sympy.solveset(expr, x, region)
    if _has_interval(solutions):
        raise InfinitelyManyRoots(
            f"{expr} = 0 on a whole interval inside {interval_text(region)}, "
            "not at separate points")
    if solutions == sympy.EmptySet or isinstance(solutions, sympy.FiniteSet):
        return list(solutions)
    if isinstance(solutions, sympy.Intersection):
        return _members(solutions, region)
    return None


def _has_interval(solutions: sympy.Set) -> bool:
    if isinstance(solutions, sympy.Interval):
        return True
    return isinstance(solutions, sympy.Union) and any(map(_has_interval, solutions.args))


def _members(solutions: sympy.Intersection, region: sympy.Interval) -> list | None:
    """The elements of ``FiniteSet & region`` that sympy could not decide, decided numerically."""
    finite = [s for s in solutions.args if isinstance(s, sympy.FiniteSet)]
    if len(finite) != 1 or not all(s == region or isinstance(s, sympy.FiniteSet)
                                   for s in solutions.args):
        return None
    a, b = real_number(region.start), real_number(region.end)
    margin = 1e-12 * (b - a)
    values = [(v, real_number(v)) for v in finite[0]]
    return [v for v, f in values if f is not None and a + margin < f < b - margin]


def _check_root(expr: sympy.Expr, value: sympy.Expr) -> str:
    """"root", "undefined" (the expression has no value there) or "not a root".

    "Undefined" also when sympy finds a value but floats at and right beside
    the point do not: x/sqrt(x^2 - 1) is 0 at x = 0 for sympy (0 times a
    complex number), which is no root of a real function.
    """
    number = real_number(value)
    if number is None:
        return "not a root"
    at = real_number(expr.subs(x, value))
    beside = number + np.array([-1e-12, 0.0, 1e-12]) * (1 + abs(number))
    if at is None or not np.isfinite(numeric_function(expr, (x,))(beside)).any():
        return "undefined"
    return "root" if abs(at) <= ROOT_TOLERANCE * (1 + abs(number)) else "not a root"


# ---------------------------------------------------------------- numeric roots


def _numeric_roots(expr: sympy.Expr, region: sympy.Interval) -> list[float]:
    """Roots from a dense scan: sampled zeros, sign changes and touching roots."""
    f = numeric_function(expr, (x,))
    a, b = real_number(region.start), real_number(region.end)
    xs = np.linspace(a, b, SAMPLES + 1)
    ys = np.broadcast_to(f(xs), xs.shape)
    _refuse_zero_runs(expr, xs, ys, region)
    found = _sampled_zeros(expr, xs, ys) + _crossings(f, xs, ys) + _touchings(f, xs, ys)
    return _distinct(sorted(r for r in found if _inside(r, region, a, b)), 1e-9 * (b - a))


def _is_zero_at(expr: sympy.Expr, point: float) -> bool:
    """Whether sympy finds expr exactly zero at a sample where floats give 0.

    A float 0 may be an underflow (e^(1/x)/x^2 just left of 0 is about
    1e-429); a root that sympy misses this way is still found as a sign
    change or a touching root.
    """
    return sympy.N(expr.subs(x, sympy.Float(point)), PRECISION) == 0


def _refuse_zero_runs(expr: sympy.Expr, xs: np.ndarray, ys: np.ndarray,
                      region: sympy.Interval) -> None:
    """Three samples in a row that are zero (and not by underflow): infinitely many roots."""
    zero = ys == 0
    for i in np.flatnonzero(zero[:-2] & zero[1:-1] & zero[2:]):
        if _is_zero_at(expr, xs[i + 1]):
            raise InfinitelyManyRoots(f"{expr} = 0 on a whole interval inside "
                                      f"{interval_text(region)}, not at separate points")


def _sampled_zeros(expr: sympy.Expr, xs: np.ndarray, ys: np.ndarray) -> list[float]:
    return [float(p) for p in xs[ys == 0] if _is_zero_at(expr, p)]


def _crossings(f, xs: np.ndarray, ys: np.ndarray) -> list[float]:
    """Sign changes between neighbouring samples (or across one zero sample), refined by
    brentq; poles, where the sign also changes, are rejected because |f| is large there."""
    signs = np.sign(ys)
    pairs = [(i, i + 1) for i in np.flatnonzero(signs[:-1] * signs[1:] < 0)]
    pairs += [(i, i + 2) for i in np.flatnonzero((signs[1:-1] == 0)
                                                 & (signs[:-2] * signs[2:] < 0))]
    roots = []
    for i, j in pairs:
        try:
            root = scipy.optimize.brentq(f, xs[i], xs[j], xtol=1e-15, maxiter=200)
        except (ValueError, RuntimeError):
            continue
        value = f(root)
        if np.isfinite(value) and abs(value) <= 1e-8 * (1 + abs(ys[i]) + abs(ys[j])):
            roots.append(float(root))
    return roots


def _touchings(f, xs: np.ndarray, ys: np.ndarray) -> list[float]:
    """Roots where f touches 0 without changing sign: deep local minima of |f|, refined.

    Tolerances are relative to the neighbouring samples, not to f's largest
    value (which may be huge next to a pole).
    """
    size, signs = np.abs(ys), np.sign(ys)
    roots = [float(xs[i]) for i, j in ((0, 1), (-1, -2)) if size[i] <= 1e-12 * (1 + size[j])]
    inner = np.arange(1, len(xs) - 1)
    same_sign = signs[inner - 1] * signs[inner + 1] > 0
    deep = size[inner] <= 0.5 * np.minimum(size[inner - 1], size[inner + 1])
    for i in inner[same_sign & deep]:
        found = scipy.optimize.minimize_scalar(
            lambda t: np.nan_to_num(abs(f(t)), nan=np.inf),
            bounds=(xs[i - 1], xs[i + 1]), method="bounded", options={"xatol": 1e-13})
        if abs(f(found.x)) <= 1e-12 * (1 + size[i - 1] + size[i + 1]):
            roots.append(float(found.x))
    return roots


def _inside(root: float, region: sympy.Interval, a: float, b: float) -> bool:
    margin = 1e-12 * (b - a)
    if region.left_open and root <= a + margin:
        return False
    return not (region.right_open and root >= b - margin)


def _distinct(roots: list[float], tolerance: float) -> list[float]:
    """Sorted roots with near repeats dropped."""
    kept: list[float] = []
    for root in roots:
        if not kept or root - kept[-1] > tolerance:
            kept.append(root)
    return kept


def distinct_points(points: Iterable[tuple[float, float]],
                    tolerance: float) -> list[tuple[float, float]]:
    """The points in their order, dropping any within ``tolerance`` of an earlier one.

    >>> distinct_points([(0.0, 0.0), (1.0, 0.0), (0.0, 1e-12)], 1e-9)
    [(0.0, 0.0), (1.0, 0.0)]
    """
    kept: list[tuple[float, float]] = []
    for point in points:
        if all(np.hypot(point[0] - k[0], point[1] - k[1]) > tolerance for k in kept):
            kept.append(point)
    return kept


def _made_exact(expr: sympy.Expr, root: float, region: sympy.Interval,
                seconds: float) -> sympy.Expr:
    """An exact root close to ``root`` if a simple guess verifies, else a Float."""
    for guess in _guesses(root, region):
        if region.contains(guess) == sympy.true and _is_exact_root(expr, guess, seconds):
            return guess
    return sympy.Float(root, 15)


def _guesses(root: float, region: sympy.Interval) -> list[sympy.Expr]:
    """Simple exact numbers near ``root``: an end of the region, nsimplify's guesses."""
    guesses = [end for end in (region.start, region.end)
               if abs(real_number(end) - root) <= 1e-9 * (1 + abs(root))]
    for constants in ((), (sympy.pi,)):
        guess = simple_number(root, 1e-9, constants)
        if guess is not None and guess not in guesses:
            guesses.append(guess)
    return guesses


def _is_exact_root(expr: sympy.Expr, value: sympy.Expr, seconds: float) -> bool:
    """Whether expr(value) is zero: to GUESS_PRECISION digits, then by simplify."""
    at = expr.subs(x, value)
    try:
        size = abs(complex(sympy.N(at, GUESS_PRECISION)))
    except (TypeError, ValueError, AttributeError):
        return False
    if not cmath.isfinite(size) or size > 10.0 ** (15 - GUESS_PRECISION):
        return False
    return size <= 10.0 ** (5 - GUESS_PRECISION) or simplified(at, seconds) == 0


# ---------------------------------------------------------------- where f is defined


def undefined_set(expr: sympy.Expr, interval: Sequence,
                  seconds: float = DEFAULT_SECONDS) -> sympy.Set:
    """The points of the closed ``interval`` where ``expr`` is undefined (EmptySet if none).

    Raises MathError if sympy's answer disagrees with samples of ``expr``.
    """
    expr = function_of_x(expr)
    whole = sympy.Interval(*exact_interval(interval))
    try:
        with time_limit(seconds, f"find where {expr} is defined"):
            gaps = sympy.Complement(whole, continuous_domain(_kinks_as_gaps(expr), x, whole))
    except (SolveTimeout, *SYMPY_GAVE_UP):
        gaps = None
    if not _is_plain(gaps):
        gaps = _gaps_at_bases(expr, whole, seconds)
    _check_gaps(expr, whole, gaps)
    return gaps


def _is_plain(gaps: sympy.Set | None) -> bool:
    """Whether ``gaps`` is made of points and intervals only (not a ConditionSet...)."""
    if isinstance(gaps, sympy.Union):
        return all(map(_is_plain, gaps.args))
    return gaps == sympy.EmptySet or isinstance(gaps, (sympy.FiniteSet, sympy.Interval))


def _kinks_as_gaps(expr: sympy.Expr) -> sympy.Expr:
    """``expr`` in forms ``continuous_domain`` handles, undefined where sign() jumps.

    A Piecewise becomes its first piece: the pieces ``parse`` makes for odd
    roots differ only in sign, so they are defined at the same points.
    """
    expr = expr.replace(lambda e: isinstance(e, sympy.Piecewise), lambda e: e.args[0].expr)
    return expr.replace(sympy.sign, lambda u: u / sympy.Abs(u))


def _gaps_at_bases(expr: sympy.Expr, whole: sympy.Interval, seconds: float) -> sympy.Set:
    """Where ``expr`` has no value among the zeros of its singular bases."""
    points = set()
    for base in singular_bases(expr):
        try:
            roots = real_roots(base, (whole.start, whole.end), open_ends=False, seconds=seconds)
        except InfinitelyManyRoots:
            raise MathError(f"cannot tell where {expr} is defined on {interval_text(whole)}"
                            ) from None
        points.update(v for v in roots.values if real_number(expr.subs(x, v)) is None)
    return sympy.FiniteSet(*points)


def _check_gaps(expr: sympy.Expr, whole: sympy.Interval, gaps: sympy.Set) -> None:
    """Samples outside the gaps (away from their edges) must have a value.

    A float overflow (e^(1/x) near 0) is not a gap: such samples are
    evaluated again by sympy.
    """
    a, b = real_number(whole.start), real_number(whole.end)
    xs = np.linspace(a, b, SAMPLES + 1)
    ys = np.broadcast_to(numeric_function(expr, (x,))(xs), xs.shape)
    edges = [real_number(e) for e in gaps.boundary] if gaps != sympy.EmptySet else []
    margin = 1e-6 * (b - a)
    for xf in xs[~np.isfinite(ys)]:
        if any(abs(xf - e) <= margin for e in edges):
            continue
        point = sympy.Float(xf)
        if gaps.contains(point) != sympy.true and not _has_value(expr.subs(x, point)):
            raise MathError(f"cannot tell where {expr} is defined on {interval_text(whole)}")


def _has_value(expr: sympy.Expr) -> bool:
    """Whether ``expr`` is a finite real number, however large (unlike a float)."""
    value = sympy.N(expr, 15)
    return bool(value.is_real and value.is_finite)


def singular_bases(expr: sympy.Expr) -> list[sympy.Expr]:
    """Expressions whose zeros are where ``expr`` may be undefined or not smooth.

    Denominators and root bases, arguments of Abs, sign and log, Piecewise
    boundaries, and the cos or sin whose zeros are poles of tan, sec, cot, csc.
    """
    bases = []
    for node in sympy.preorder_traversal(expr):
        if isinstance(node, (sympy.Abs, sympy.sign, sympy.Heaviside, sympy.log)):
            bases.append(node.args[0])
        elif isinstance(node, (sympy.tan, sympy.sec)):
            bases.append(sympy.cos(node.args[0]))
        elif isinstance(node, (sympy.cot, sympy.csc)):
            bases.append(sympy.sin(node.args[0]))
        elif isinstance(node, sympy.Piecewise):
            bases += [c.lhs - c.rhs for _, c in node.args if isinstance(c, sympy.Rel)]
        elif node.is_Pow and not (node.exp.is_integer and node.exp.is_nonnegative):
            bases.append(node.base)
    return list(dict.fromkeys(b for b in bases if x in b.free_symbols and b.is_zero is not False))

"""What :mod:`mathcore.critical` works on: f(x, y) with its derivatives over a closed box
(``Problem``), the points it is to classify (``Candidate``), and the whole curves of
critical points it reports (``CriticalCurve``).

"|grad f| vanishes" is judged against f's own scale there: the largest
|grad f| on a small circle around the point (FLAT_RATIO of it at most). So
e^-(x^2 + y^2 + 2x), about 1e-40 near x = -10, is not flat there, nor is
y e^x - e^y at (-10, -10), however small its gradient beside its largest.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np
import sympy

from mathcore.errors import MathError
from mathcore.numbers import real_number, simplified
from mathcore.numeric import NumericFunction, numeric_function
from mathcore.symbols import x, y

Interval = tuple[sympy.Expr, sympy.Expr]
Domain = tuple[Interval, Interval]

EVERY_POINT = "every point"

PRECISION = 30                    # digits for numeric checks of exact values
FLAT_RATIO = 1e-6                 # |grad f| at a stationary point, at most this times ...
RING_RADIUS = 1e-3                # ... its largest on a circle this big (x domain size)
RING_ANGLES = 8


@dataclass(frozen=True)
class CriticalCurve:
    """A whole curve of critical points, ``lhs = rhs`` (``x = 0``, ``x**2 + y**2 - 1 = 0``),
    or every point of the plane (f constant). ``branches`` are its pieces var = g(other),
    where they are known, for sampling it."""

    lhs: sympy.Expr
    rhs: sympy.Expr
    branches: tuple[tuple[sympy.Symbol, sympy.Expr], ...] = ()
    everywhere: bool = False

    @property
    def text(self) -> str:
        return EVERY_POINT if self.everywhere else f"{self.lhs} = {self.rhs}"

    @property
    def equation(self) -> sympy.Expr:
        """Zero on the curve."""
        return self.lhs - self.rhs


@dataclass(frozen=True)
class Box:
    """The closed domain: exact ends, float ends and a length scale."""

    x_range: Interval
    y_range: Interval

    def range_of(self, var: sympy.Symbol) -> Interval:
        return self.x_range if var == x else self.y_range

    def floats(self, var: sympy.Symbol) -> tuple[float, float]:
        low, high = self.range_of(var)
        return float(low), float(high)

    def interval(self, var: sympy.Symbol) -> sympy.Interval:
        return sympy.Interval(*self.range_of(var))

    @cached_property
    def size(self) -> float:
        return max(high - low for low, high in (self.floats(x), self.floats(y)))

    def holds(self, var: sympy.Symbol, value: float) -> bool:
        """Whether ``value`` lies in var's closed range (up to rounding)."""
        low, high = self.floats(var)
        slack = 1e-9 * self.size
        return low - slack <= value <= high + slack

    def contains(self, xf: float, yf: float) -> bool:
        return self.holds(x, xf) and self.holds(y, yf)

    def distance(self, xf: float, yf: float) -> float:
        """How far (xf, yf) is from the box (0 inside it)."""
        (x0, x1), (y0, y1) = self.floats(x), self.floats(y)
        return float(np.hypot(max(x0 - xf, 0, xf - x1), max(y0 - yf, 0, yf - y1)))


@dataclass(frozen=True)
class Problem:
    """f, its derivatives and domain, with what the numeric checks need."""

    f: sympy.Expr
    gradient: tuple[sympy.Expr, sympy.Expr]
    fxx: sympy.Expr
    fyy: sympy.Expr
    fxy: sympy.Expr
    box: Box
    seconds: float
    f_numeric: NumericFunction
    gradient_numeric: tuple[NumericFunction, NumericFunction]

    def gradient_scale(self, xf: float, yf: float) -> float:
        """The largest finite |grad f| on a small circle around (xf, yf): f's own scale
        there, against which "the gradient is zero" is judged (0 where it underflows)."""
        angles = np.linspace(0, 2 * np.pi, RING_ANGLES, endpoint=False)
        radius = RING_RADIUS * self.box.size
        us, vs = xf + radius * np.cos(angles), yf + radius * np.sin(angles)
        sizes = np.hypot(*(np.broadcast_to(g(us, vs), us.shape) for g in self.gradient_numeric))
        finite = sizes[np.isfinite(sizes)]
        return float(finite.max()) if finite.size else 0.0

    def flat(self, size: float, xf: float, yf: float) -> bool:
        """Whether a gradient (or a partial) of ``size`` at (xf, yf) is zero to f's own
        scale there. Small among small (where f underflows, or far below f's steepest
        slope in the box) is not flat; nor is anything where the scale is 0."""
        scale = self.gradient_scale(xf, yf)
        return scale > 0 and size <= FLAT_RATIO * scale


def make_problem(f: sympy.Expr, domain: Domain, seconds: float) -> Problem:
    """Check the input and prepare the derivatives."""
    f = sympy.sympify(f, strict=True)
    if not f.free_symbols <= {x, y}:
        names = ", ".join(sorted(str(s) for s in f.free_symbols - {x, y}))
        raise MathError(f"f must depend on x and y only (it also depends on {names})")
    if seconds <= 0:
        raise MathError(f"the time limit must be positive (got {seconds})")
    box = _box(domain)
    fx, fy = sympy.diff(f, x), sympy.diff(f, y)
    gradient_numeric = (numeric_function(fx, (x, y)), numeric_function(fy, (x, y)))
    return Problem(
        f=f, gradient=(fx, fy),
        fxx=sympy.diff(fx, x), fyy=sympy.diff(fy, y), fxy=sympy.diff(fx, y),
        box=box, seconds=seconds,
        f_numeric=numeric_function(f, (x, y)),
        gradient_numeric=gradient_numeric,
    )


def _box(domain: Domain) -> Box:
    """The domain with exact, finite, increasing ends."""
    ranges = []
    for name, ends in zip("xy", domain, strict=True):
        low, high = (_exact_end(end) for end in ends)
        if not float(low) < float(high):
            raise MathError(f"domain for {name}: the low end must be less than the high end "
                            f"(got [{low}, {high}])")
        ranges.append((low, high))
    return Box(*ranges)


def _exact_end(end) -> sympy.Expr:
    """A domain end as a finite real sympy number (never parsed from text)."""
    value = sympy.sympify(end, strict=True)
    if value.free_symbols or real_number(value) is None:
        raise MathError(f"a domain end must be a finite real number (got {end})")
    return value


@dataclass(frozen=True)
class Candidate:
    """A point to classify; ``from_gradient``: it solved f_x = f_y = 0; ``precise``:
    it is exact, or a numeric root that Newton's method confirmed to PRECISION digits."""

    x: sympy.Expr
    y: sympy.Expr
    from_gradient: bool
    precise: bool = True

    @property
    def at(self) -> dict:
        return {x: self.x, y: self.y}

    @cached_property
    def floats(self) -> tuple[float, float]:
        return real_number(self.x), real_number(self.y)


def is_zero(expr: sympy.Expr, seconds: float | None = None) -> bool:
    """Whether ``expr`` is exactly zero (simplified within the limit if one is given)."""
    if expr == 0:
        return True
    if not expr.free_symbols and abs(complex(sympy.N(expr, 2 * PRECISION))) > 1e-40:
        return False  # a close guess is not an exact one
    return (sympy.simplify(expr) if seconds is None else simplified(expr, seconds)) == 0

"""Fast numeric evaluation of our sympy expressions, for plots and root finding.

>>> from mathcore.symbols import x, y
>>> f = numeric_function(sympy.sqrt(x) + y, (x, y))
>>> f(4.0, 1.0)
3.0
>>> f(np.array([-1.0, 9.0]), 0.0)
array([nan,  3.])

Only sympy trees built by mathcore are compiled (``sympy.lambdify``), never
raw text. Results are real floats: where the expression is undefined, infinite
or not real the value is ``nan``, without numpy warnings.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
import sympy

from mathcore.errors import MathError
from mathcore.symbols import x, y

NumericFunction = Callable[..., "float | np.ndarray"]

IMAGINARY_TOLERANCE = 1e-12


def _dirac_delta(value, order=0):
    """DiracDelta as a function: 0 away from 0, undefined (nan) at 0."""
    return np.where(np.asarray(value) == 0, np.nan, 0.0)


# Functions sympy differentiation produces that numpy has no name for.
_MISSING_IN_NUMPY = {"DiracDelta": _dirac_delta}


def numeric_function(expr: sympy.Expr, symbols: Sequence[sympy.Symbol]) -> NumericFunction:
    """``expr`` as a vectorised function of ``symbols`` (floats or arrays, broadcast).

    Scalar arguments give a float, arrays give a float array of their
    broadcast shape; ``nan`` marks undefined, infinite or complex values.
    """
    _require_only(expr, symbols)
    compiled = sympy.lambdify(tuple(symbols), expr, modules=[_MISSING_IN_NUMPY, "numpy"])

    def evaluate(*values):
        if all(isinstance(value, (int, float)) for value in values):
            return _scalar(compiled, values)
        arrays = [np.asarray(value, dtype=float) for value in values]
        shape = np.broadcast_shapes(*(array.shape for array in arrays))
        with np.errstate(all="ignore"):
            try:
                raw = compiled(*arrays)
            except NameError as error:
                raise MathError(f"cannot evaluate {expr} numerically ({error})") from None
            result = np.broadcast_to(_real_or_nan(raw), shape).copy()
        return float(result) if result.ndim == 0 else result

    return evaluate


def sample_grid(expr: sympy.Expr, x_range: Sequence, y_range: Sequence,
                n: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``expr`` on an n x n grid: ``X, Y`` from ``np.meshgrid``, ``Z = f(X, Y)``.

    Rows follow y and columns follow x; range ends may be exact sympy numbers.
    """
    xs = np.linspace(float(x_range[0]), float(x_range[1]), n)
    ys = np.linspace(float(y_range[0]), float(y_range[1]), n)
    grid_x, grid_y = np.meshgrid(xs, ys)
    return grid_x, grid_y, numeric_function(expr, (x, y))(grid_x, grid_y)


def _require_only(expr: sympy.Expr, symbols: Sequence[sympy.Symbol]) -> None:
    """Refuse an expression that still depends on a symbol with no value."""
    unbound = sympy.sympify(expr).free_symbols - set(symbols)
    if unbound:
        names = ", ".join(sorted(str(s) for s in unbound))
        raise MathError(f"cannot evaluate {expr}: no value for {names}")


def _scalar(compiled: Callable, values: Sequence[float]) -> float:
    """The fast path for scalar arguments (root finding calls this many times)."""
    with np.errstate(all="ignore"):
        try:
            raw = complex(compiled(*(float(v) for v in values)))
        except (TypeError, ValueError, ArithmeticError):  # e.g. 1/0.0 on Python floats
            return float("nan")
    real_enough = abs(raw.imag) <= IMAGINARY_TOLERANCE * (1 + abs(raw.real))
    return raw.real if real_enough and np.isfinite(raw.real) else float("nan")


def _real_or_nan(raw) -> np.ndarray:
    """A float array: real parts where the imaginary part is negligible, else nan."""
    values = np.asarray(raw)
    if values.dtype == object:
        try:
            values = values.astype(complex)
        except (TypeError, ValueError):
            return np.full(values.shape, np.nan)
    if np.iscomplexobj(values):
        real = np.real(values)
        negligible = np.abs(np.imag(values)) <= IMAGINARY_TOLERANCE * (1 + np.abs(real))
        values = np.where(negligible, real, np.nan)
    values = values.astype(float)
    return np.where(np.isfinite(values), values, np.nan)


def sample_curve(expr: sympy.Expr, x_range: Sequence, n: int = 801, poles: Sequence = (),
                 y_range: Sequence | None = None) -> list[tuple[np.ndarray, np.ndarray]]:
    """The graph y = expr(x) as branches (xs, ys) to draw, with no line across a pole.

    ``n`` samples cover ``x_range``. A branch ends at an undefined value, at
    each of ``poles`` (x values, exact or float), and where neighbouring
    samples jump across the window with opposite signs (a pole missing from
    ``poles``: both |y| larger than the window's height, which is
    ``y_range``'s or the spread of the middle 90 % of the values). Given
    ``y_range``, samples farther than its height outside it are dropped too.
    Branches have at least two points.
    """
    xs = np.linspace(float(x_range[0]), float(x_range[1]), n)
    ys = np.broadcast_to(numeric_function(expr, (x,))(xs), xs.shape)
    kept = np.isfinite(ys)
    if y_range is None:
        finite = ys[kept]
        bottom, top = np.percentile(finite, [5, 95]) if finite.size else (0.0, 0.0)
    else:
        bottom, top = float(y_range[0]), float(y_range[1])
        kept &= (ys >= 2 * bottom - top) & (ys <= 2 * top - bottom)
    height = max(top - bottom, 1e-12)
    cuts = ~kept[:-1] | ~kept[1:]
    for pole in poles:
        cuts |= (xs[:-1] <= float(pole)) & (xs[1:] >= float(pole))
    with np.errstate(invalid="ignore"):
        cuts |= (ys[:-1] * ys[1:] < 0) & (np.minimum(abs(ys[:-1]), abs(ys[1:])) > height)
    pieces = np.split(np.arange(n), np.flatnonzero(cuts) + 1)
    return [(xs[piece], ys[piece]) for piece in pieces if len(piece) >= 2]

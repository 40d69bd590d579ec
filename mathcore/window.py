"""The window to draw in: value ranges that ignore poles and undefined points.

>>> from mathcore.symbols import x
>>> low, high = graph_window([1 / x], (-4, 4))
>>> bool(-8 < low < -1 and 1 < high < 8)
True
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import sympy

from mathcore.errors import MathError
from mathcore.numeric import numeric_function
from mathcore.symbols import x


def robust_range(values: np.ndarray) -> tuple[float, float]:
    """The range of the finite values; a spike (a pole) is clipped to the bulk."""
    finite = values[np.isfinite(values)]
    if finite.size == 0:
        raise MathError("the function is undefined everywhere on the domain")
    low, high = float(finite.min()), float(finite.max())
    bulk_low, bulk_high = np.percentile(finite, [5, 95])
    spread = max(bulk_high - bulk_low, 1e-9)
    if high - low > 4 * spread:
        low, high = max(low, bulk_low - spread / 2), min(high, bulk_high + spread / 2)
    if high - low < 1e-9:
        low, high = low - 1, high + 1
    return low, high


def graph_window(functions: Sequence[sympy.Expr], x_range: Sequence,
                 samples: int = 801) -> tuple[float, float]:
    """A y range that shows every function over ``x_range``, with a little room."""
    xs = np.linspace(float(x_range[0]), float(x_range[1]), samples)
    values = np.concatenate([np.atleast_1d(numeric_function(f, (x,))(xs)) * np.ones_like(xs)
                             for f in functions])
    low, high = robust_range(values)
    room = 0.08 * (high - low)
    return low - room, high + room


def padded_window(low: float, high: float, margin: float = 0.2,
                  least: float = 1.0) -> tuple[sympy.Rational, sympy.Rational]:
    """A window around [low, high] for a lesson that gives none: ``margin`` of the span
    (at least ``least``) on each side, the ends rounded outward to a round step.

    >>> padded_window(1, 5)
    (0, 6)
    >>> padded_window(8, 8, least=4)
    (4, 12)
    >>> padded_window(-0.013, 0.02)
    (-3/2, 3/2)
    >>> padded_window(81, 81, least=30)
    (50, 120)
    """
    if not (np.isfinite(low) and np.isfinite(high)) or low > high:
        raise MathError(f"no window can be made around [{low}, {high}]")
    room = max(margin * (high - low), least)
    low, high = low - room, high + room
    step = _round_step((high - low) / 8)
    start = sympy.floor(sympy.Rational(low) / step) * step
    end = sympy.ceiling(sympy.Rational(high) / step) * step
    return sympy.nsimplify(start), sympy.nsimplify(end)


def _round_step(size: float) -> sympy.Rational:
    """1, 2 or 5 times a power of ten, the nearest at or above ``size``."""
    power = sympy.Integer(10) ** int(np.floor(np.log10(size)))
    for factor in (1, 2, 5, 10):
        if factor * power >= sympy.Rational(size) * (1 - 1e-12):
            return factor * power
    return 10 * power

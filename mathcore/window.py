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

"""The landscape of f(x, y): cross-sections and the height range to draw.

>>> from mathcore.symbols import x, y
>>> s = analyze_surface(x**2 - y**2, (-2, 2), (-2, 2))
>>> [str(c.expr) for c in s.sections], [c.bend for c in s.sections]
(['x**2', '-y**2'], ['up', 'down'])
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import sympy

from mathcore.numeric import sample_grid
from mathcore.symbols import x, y
from mathcore.window import robust_range

Interval = tuple[sympy.Expr, sympy.Expr]


@dataclass(frozen=True)
class Section:
    """f along one line through the centre: ``along`` reads ``y = 0``."""

    along: str
    variable: sympy.Symbol
    at: sympy.Expr
    expr: sympy.Expr
    bend: str  # "up", "down", "flat" or "undefined" at the centre

    def to_json(self) -> dict:
        return {"along": self.along, "function": str(self.expr), "bend": self.bend}


@dataclass(frozen=True)
class SurfaceAnalysis:
    """What a surface lesson shows; ``z_range`` covers the domain and sweep."""

    function: sympy.Expr
    x_range: Interval
    y_range: Interval
    parameter: sympy.Symbol | None
    sweep: Interval | None
    sections: tuple[Section, Section]
    z_range: tuple[float, float]

    @property
    def initial(self) -> sympy.Expr:
        """f as first shown: with the swept parameter at the start of its sweep."""
        return self.function if self.sweep is None else self.at(self.sweep[0])

    def at(self, value: sympy.Expr | float) -> sympy.Expr:
        """f with the swept parameter set to ``value``."""
        return self.function if self.parameter is None else self.function.subs(
            self.parameter, value)

    def to_json(self) -> dict:
        return {
            "function": str(self.function),
            "parameter": None if self.parameter is None else str(self.parameter),
            "sweep": None if self.sweep is None else [str(v) for v in self.sweep],
            "sections": [s.to_json() for s in self.sections],
            "z_range": list(self.z_range),
            "window": {"x": [str(v) for v in self.x_range], "y": [str(v) for v in self.y_range]},
        }


def centre_of(interval: Interval) -> sympy.Expr:
    """0 when the interval holds it (the natural place to cut), else its middle."""
    low, high = interval
    return sympy.Integer(0) if low <= 0 <= high else (low + high) / 2


def analyze_surface(function: sympy.Expr, x_range: Interval, y_range: Interval,
                    parameter: sympy.Symbol | None = None,
                    sweep: Interval | None = None, samples: int = 41) -> SurfaceAnalysis:
    """Cross-sections through the domain's centre and the height range to draw."""
    x_range = tuple(sympy.sympify(v) for v in x_range)
    y_range = tuple(sympy.sympify(v) for v in y_range)
    start = function if parameter is None else function.subs(parameter, sweep[0])
    x0, y0 = centre_of(x_range), centre_of(y_range)
    sections = (
        _section(start, x, x0, y, y0),
        _section(start, y, y0, x, x0),
    )
    values = [sweep[0], (sweep[0] + sweep[1]) / 2, sweep[1]] if parameter is not None else [None]
    heights = [
        sample_grid(function if v is None else function.subs(parameter, v),
                    x_range, y_range, samples)[2]
        for v in values
    ]
    return SurfaceAnalysis(function, x_range, y_range, parameter, sweep, sections,
                           robust_range(np.concatenate([h.ravel() for h in heights])))


def _section(f: sympy.Expr, variable: sympy.Symbol, centre: sympy.Expr,
             fixed: sympy.Symbol, at: sympy.Expr) -> Section:
    """f along ``fixed = at``, and how it bends where it crosses the other line."""
    expr = sympy.simplify(f.subs(fixed, at))
    curvature = sympy.diff(expr, variable, 2).subs(variable, centre)
    return Section(f"{fixed} = {at}", variable, at, expr, _bend(curvature))


def _bend(curvature: sympy.Expr) -> str:
    try:
        value = complex(sympy.N(curvature))
    except (TypeError, ValueError):  # DiracDelta, an unevaluated limit: no curvature
        return "undefined"
    if not np.isfinite(value.real) or abs(value.imag) > 1e-12:
        return "undefined"
    if abs(value.real) < 1e-12:
        return "flat"
    return "up" if value.real > 0 else "down"

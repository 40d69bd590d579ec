"""The symbols every formula is written in: real x, y, and the step h."""

import sympy

x, y, h = sympy.symbols("x y h", real=True)

VARIABLES = {"x": x, "y": y}


def parameter(name: str) -> sympy.Symbol:
    """The real symbol for a lesson parameter such as ``a`` in ``a*x^2 - y^2``."""
    return sympy.Symbol(name, real=True)

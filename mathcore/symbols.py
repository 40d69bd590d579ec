"""The symbols every formula is written in: real x, y (and z, for a constraint in
space), and the step h."""

import sympy

x, y, z, h = sympy.symbols("x y z h", real=True)

VARIABLES = {"x": x, "y": y, "z": z}


def parameter(name: str) -> sympy.Symbol:
    """The real symbol for a lesson parameter such as ``a`` in ``a*x^2 - y^2``."""
    return sympy.Symbol(name, real=True)

"""Expressions sent to worker processes keep their form.

SymPy pickles an expression as its class and arguments and builds it again
evaluated, so a form kept with ``evaluate=False`` (a definition's fraction
(e^x - e^-x)/2, a Taylor term's 1/3! x^3, a Lagrange equation) arrived in a
render's or check's worker as another one (e^x/2 - e^-x/2). Registered here
(imported with :mod:`mathcore`), sums, products, powers and equations are built
again with ``evaluate=False``: the same arguments in the same order, so an
evaluated expression comes back equal, and an unevaluated one as it was.
"""

from __future__ import annotations

import copyreg

import sympy

KEPT = (sympy.Add, sympy.Mul, sympy.Pow, sympy.Equality)


def _as_given(cls: type, args: tuple) -> sympy.Basic:
    return cls(*args, evaluate=False)


def _reduce(expr: sympy.Basic) -> tuple:
    return _as_given, (type(expr), expr.args)


for _kind in KEPT:
    copyreg.pickle(_kind, _reduce)

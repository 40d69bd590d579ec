"""grad f = 0 solved exactly in the box: the candidates for critical points, the whole
curves of them, and whether that answer can be trusted to be all.

"f_x = 0" and "f_x undefined" (a vanishing denominator, root base or Abs/sign
argument) are paired with the same conditions on f_y. Each pair is factored and
solved factor by factor: one-variable factors with ``solveset`` on the domain's
interval (so periodic functions give every solution in the domain), two-variable
polynomial factors with ``solve``, completed by elimination (a lex Groebner basis
and real-root isolation of its univariate polynomial), because ``solve`` silently
drops roots it cannot write in radicals; those come as PRECISION-digit Floats.
Anything else (a two-variable transcendental factor, a set that is not finite, a
timeout) makes the exact answer untrusted.

A whole curve of solutions (x^2 y^2: both axes; (x - y)^2: the line y = x) is a
``CriticalCurve``, ``lhs = rhs`` (``x = 0``, ``x = y``, or ``<expr> = 0`` for a curve
with several branches or that is only known implicitly, like ``cos(x + y) = 0``). A
constant f gives the curve "every point".
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import sympy

from mathcore.critical_problem import PRECISION, Box, Candidate, CriticalCurve, Problem, is_zero
from mathcore.deadline import time_limit
from mathcore.errors import SolveTimeout
from mathcore.numbers import SYMPY_GAVE_UP, real_number
from mathcore.numeric import numeric_function, sample_grid
from mathcore.symbols import x, y

CURVE_SAMPLES = 41                # points sampled along a branch of a curve


@dataclass
class Found:
    """What the exact solve collected, and whether it can be trusted to be all."""

    points: list[Candidate] = field(default_factory=list)
    curves: list[CriticalCurve] = field(default_factory=list)
    trusted: bool = True


class _GaveUp(Exception):
    """The exact solve of one pair cannot be trusted to be complete."""


def solve_exactly(problem: Problem) -> Found:
    """Solve every pair (condition on f_x, condition on f_y) within the time limit."""
    solver = _ExactSolver(problem.box)
    fx, fy = problem.gradient
    try:
        with time_limit(problem.seconds, "solve grad f = 0"):
            for i, a in enumerate(_conditions(fx)):
                for j, b in enumerate(_conditions(fy)):
                    solver.solve_pair(a, b, from_gradient=(i == j == 0))
    except SolveTimeout:
        solver.found.trusted = False
    return solver.found


def _conditions(derivative: sympy.Expr) -> list[sympy.Expr]:
    """Expressions whose zeros are where ``derivative`` is zero or may not exist."""
    return [derivative, *where_undefined(derivative)]


def where_undefined(expr: sympy.Expr) -> list[sympy.Expr]:
    """Where ``expr`` may be undefined: denominators, root bases, Abs/sign/log arguments."""
    bases = []
    for node in sympy.preorder_traversal(expr):
        if isinstance(node, (sympy.Abs, sympy.sign, sympy.Heaviside, sympy.DiracDelta,
                             sympy.log)):
            bases.append(node.args[0])
        elif node.is_Pow and not (node.exp.is_integer and node.exp.is_nonnegative):
            bases.append(node.base)
    return _unique(b for b in bases if b.free_symbols & {x, y} and b.is_zero is not False)


def _zero_factors(expr: sympy.Expr) -> list[sympy.Expr]:
    """Factors whose zeros together are the zeros of ``expr``; [0] if it is zero."""
    try:
        expr = sympy.factor(expr)
    except SYMPY_GAVE_UP:
        pass  # the unfactored expression has the same zeros
    if expr == 0:
        return [sympy.Integer(0)]
    return _unique(b for b in map(_zero_base, sympy.Mul.make_args(expr)) if b is not None)


def _zero_base(factor: sympy.Expr) -> sympy.Expr | None:
    """The expression with the same zeros as ``factor``, None if it never vanishes."""
    while (factor.is_Pow and factor.exp.is_positive) or isinstance(factor,
                                                                     (sympy.Abs, sympy.sign)):
        factor = factor.base if factor.is_Pow else factor.args[0]
    if factor.is_Pow and factor.exp.is_negative:
        return None
    if not factor.free_symbols & {x, y} or factor.is_zero is False:
        return None
    return factor


class _ExactSolver:
    """Solves factor pairs exactly, collecting the points and curves in the box."""

    def __init__(self, box: Box):
        self.box = box
        self.found = Found()

    def solve_pair(self, a: sympy.Expr, b: sympy.Expr, from_gradient: bool) -> None:
        """All common zeros of ``a`` and ``b`` in the box."""
        for p in _zero_factors(a):
            for q in _zero_factors(b):
                try:
                    self._solve_factors(p, q, from_gradient)
                except (_GaveUp, *SYMPY_GAVE_UP):
                    self.found.trusted = False

    def _solve_factors(self, p: sympy.Expr, q: sympy.Expr, tag: bool) -> None:
        if p == 0 and q == 0:
            self._add_curve(CriticalCurve(sympy.Integer(0), sympy.Integer(0), everywhere=True))
        elif p == 0 or q == 0 or _same_zeros(p, q):
            self._zero_set(q if p == 0 else p, tag)
        elif _is_univariate(p) and _is_univariate(q):
            self._univariate_pair(p, q, tag)
        elif _is_univariate(p) or _is_univariate(q):
            self._one_fixed(*((p, q) if _is_univariate(p) else (q, p)), tag)
        else:
            self._bivariate_pair(p, q, tag)

    def _zero_set(self, p: sympy.Expr, tag: bool) -> None:
        """The zeros of one factor: lines, a curve, or isolated points."""
        if _is_univariate(p):
            var = _variable_of(p)
            for value in self._roots(p, var):
                self._add_line(var, value)
        elif p.is_polynomial(x, y):
            self._algebraic_zero_set(p, tag)
        else:
            self._implicit_curve(p)

    def _algebraic_zero_set(self, p: sympy.Expr, tag: bool) -> None:
        """Real branches of the polynomial curve p = 0, and its isolated real points."""
        branches, points = _split_solutions(sympy.solve(p, [x, y], dict=True))
        inside = [b for b in branches if _branch_inside(b, self.box)]
        if len(inside) == 1:
            self._add_curve(_branch_curve(*inside[0]))
        elif inside:
            self._add_curve(CriticalCurve(p, sympy.Integer(0), tuple(inside)))
        singular = [p, p.diff(x), p.diff(y)]
        isolated = _split_solutions(sympy.solve(singular, [x, y], dict=True))[1]
        for point in points + _completed(isolated, singular, self.box):
            self._add_point(point, tag)

    def _implicit_curve(self, p: sympy.Expr) -> None:
        """The curve p = 0 as an equation, when p changes sign in the box.

        Without a sign change p = 0 could still hold at isolated points:
        then the exact answer is not trusted.
        """
        heights = sample_grid(p, self.box.x_range, self.box.y_range, CURVE_SAMPLES)[2]
        heights = heights[np.isfinite(heights)]
        if heights.size and heights.min() < 0 < heights.max():
            self._add_curve(CriticalCurve(p, sympy.Integer(0)))
        elif not heights.size or np.abs(heights).min() <= 1e-3 * np.abs(heights).max():
            raise _GaveUp(f"cannot tell whether {p} = 0 inside the domain")

    def _univariate_pair(self, p: sympy.Expr, q: sympy.Expr, tag: bool) -> None:
        v, w = _variable_of(p), _variable_of(q)
        for s in self._roots(p, v):
            if v == w and is_zero(q.subs(v, s)):
                self._add_line(v, s)
            elif v != w:
                for t in self._roots(q, w):
                    self._add_point({v: s, w: t}, tag)

    def _one_fixed(self, p: sympy.Expr, q: sympy.Expr, tag: bool) -> None:
        """p depends on one variable only: fix it at each root, then solve q."""
        v = _variable_of(p)
        w = y if v == x else x
        for s in self._roots(p, v):
            rest = sympy.simplify(q.subs(v, s))
            if rest == 0:
                self._add_line(v, s)
            elif w in rest.free_symbols:
                for t in self._roots(rest, w):
                    self._add_point({v: s, w: t}, tag)

    def _bivariate_pair(self, p: sympy.Expr, q: sympy.Expr, tag: bool) -> None:
        _require_polynomial(p)
        _require_polynomial(q)
        branches, points = _split_solutions(sympy.solve([p, q], [x, y], dict=True))
        for branch in branches:
            if _branch_inside(branch, self.box):
                self._add_curve(_branch_curve(*branch))
        for point in _completed(points, [p, q], self.box):
            self._add_point(point, tag)

    def _roots(self, p: sympy.Expr, var: sympy.Symbol) -> list[sympy.Expr]:
        """All roots of p(var) in var's range; gives up unless the set is finite."""
        roots = sympy.solveset(p, var, self.box.interval(var))
        if roots is sympy.S.EmptySet:
            return []
        if not isinstance(roots, sympy.FiniteSet):
            raise _GaveUp(f"cannot list the roots of {p}")
        return [r for r in roots if real_number(r) is not None]

    def _add_point(self, values: dict, tag: bool) -> None:
        xf, yf = real_number(values[x]), real_number(values[y])
        if xf is not None and yf is not None and self.box.contains(xf, yf):
            self.found.points.append(Candidate(values[x], values[y], tag))

    def _add_line(self, var: sympy.Symbol, value: sympy.Expr) -> None:
        self._add_curve(_branch_curve(var, value))

    def _add_curve(self, curve: CriticalCurve) -> None:
        if all(c.text != curve.text for c in self.found.curves):
            self.found.curves.append(curve)


def _split_solutions(solutions: list[dict]) -> tuple[list[tuple], list[dict]]:
    """Solutions from ``sympy.solve`` as branches (var, g(other)) and points {x:, y:}."""
    branches, points = [], []
    for solution in solutions:
        free = set().union(*(sympy.sympify(v).free_symbols for v in solution.values()))
        if set(solution) == {x, y} and not free:
            points.append(solution)
        elif len(solution) == 1:
            branches.append(next(iter(solution.items())))
        else:
            raise _GaveUp(f"cannot use the solution {solution}")
    return branches, points


def _completed(points: list[dict], polys: list[sympy.Expr], box: Box) -> list[dict]:
    """``points`` (from ``sympy.solve``) plus the real solutions of ``polys`` in the box they lack.

    ``sympy.solve`` silently leaves out the roots it cannot write in radicals:
    for x^5 y^3 - 3x^4 y + 2x y^6 - x^2 + x y^3 + 7 it gives 2 of the 5 critical
    points, the others being roots of a degree-27 eliminant. Its closed forms
    are kept; elimination supplies the rest, as Floats where they have none.
    """
    known = [(real_number(p[x]), real_number(p[y])) for p in points]
    known = [k for k in known if None not in k]
    extra = [s for s in _eliminated_points(polys, box)
             if all(np.hypot(*(real_number(s[v]) - k[i] for i, v in enumerate((x, y))))
                    > 1e-9 * box.size for k in known)]
    return points + extra


def _eliminated_points(polys: list[sympy.Expr], box: Box) -> list[dict]:
    """Every real common zero of the polynomials in the box, with exact coordinates.

    Each coordinate of a solution is a real root of that variable's eliminant
    (the univariate polynomial of a lex Groebner basis), and real-root
    isolation misses none of those; the pairs of roots that solve the system
    are kept.
    """
    xs, ys = (_eliminant_roots(polys, var, box) for var in (x, y))
    return [{x: _readable(a), y: _readable(b)} for a in xs for b in ys if _solves(polys, a, b)]


def _readable(root: sympy.Expr) -> sympy.Expr:
    """A root as it is, or as a PRECISION-digit Float if it is only known as a ``CRootOf``."""
    return sympy.Float(sympy.N(root, PRECISION), PRECISION) if root.has(sympy.CRootOf) else root


def _eliminant_roots(polys: list[sympy.Expr], var: sympy.Symbol, box: Box) -> list[sympy.Expr]:
    """The real roots in var's range of the polynomial in ``var`` alone that the system implies."""
    other = y if var == x else x
    basis = sympy.groebner(polys, other, var, order="lex")
    if basis.exprs == [1]:
        return []
    if not basis.is_zero_dimensional:
        raise _GaveUp(f"{polys} have infinitely many common zeros")
    roots = _unique(sympy.Poly(basis.exprs[-1], var).real_roots())
    return [r for r in roots if box.holds(var, real_number(r))]


def _solves(polys: list[sympy.Expr], a: sympy.Expr, b: sympy.Expr) -> bool:
    """Whether (a, b) is a common zero: each polynomial, at 2 PRECISION digits, is
    zero to PRECISION digits of the size of its terms."""
    at = {x: sympy.N(a, 2 * PRECISION), y: sympy.N(b, 2 * PRECISION)}
    for p in polys:
        terms = [t.subs(at) for t in sympy.Add.make_args(sympy.expand(p))]
        if abs(sum(terms)) > 10**-PRECISION * (1 + sum(abs(t) for t in terms)):
            return False
    return True


def _branch_curve(var: sympy.Symbol, value: sympy.Expr) -> CriticalCurve:
    return CriticalCurve(var, value, ((var, value),))


def _branch_inside(branch: tuple, box: Box) -> bool:
    """Whether the branch var = g(other) is a real curve that crosses the box."""
    return len(branch_samples(branch, box)) >= 2


def branch_samples(branch: tuple, box: Box) -> list[tuple[float, float]]:
    """Points (x, y) of the branch inside the box, sampled along the other variable."""
    var, value = branch
    other = y if var == x else x
    ts = np.linspace(*box.floats(other), CURVE_SAMPLES)
    vs = np.broadcast_to(numeric_function(value, (other,))(ts), ts.shape)
    pairs = [(v, t) if var == x else (t, v) for v, t in zip(vs, ts, strict=True) if np.isfinite(v)]
    return [p for p in pairs if box.contains(*p)]


def _same_zeros(p: sympy.Expr, q: sympy.Expr) -> bool:
    return sympy.expand(p - q) == 0 or sympy.expand(p + q) == 0


def _is_univariate(p: sympy.Expr) -> bool:
    return len(p.free_symbols & {x, y}) == 1


def _variable_of(p: sympy.Expr) -> sympy.Symbol:
    (var,) = p.free_symbols & {x, y}
    return var


def _require_polynomial(p: sympy.Expr) -> None:
    """Only polynomial systems are solved completely in two variables."""
    if not p.is_polynomial(x, y):
        raise _GaveUp(f"{p} is not a polynomial in x and y")


def _unique(items) -> list:
    return list(dict.fromkeys(items))

"""gradient_descent against outcomes known in closed form.

On a quadratic with Hessian eigenvalues lambda_i, plain descent multiplies the
eigen-components of x_k - x* by (1 - rate lambda_i) each step: it converges when
rate < 2 / lambda_max, oscillates between two points at rate = 2 / lambda_max, and
diverges above it. The heavy ball converges when rate < 2 (1 + momentum) / lambda_max.
"""

import functools
import json
import math
from fractions import Fraction

import numpy as np
import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from mathcore import descent
from mathcore.descent import DescentRun, Run, gradient_descent
from mathcore.errors import MathError
from mathcore.parse import parse_formula
from mathcore.symbols import x, y

sqrt = sympy.sqrt
RUN_KEYS = {"start", "rate", "momentum", "steps", "outcome", "limit", "limit_type", "rate_bound"}
STEP_KEYS = {"k", "point", "value", "gradient_norm"}
BOWL = "x^2 + 2y^2"            # eigenvalues 2 and 4: rate bound 1/2
TWO_PITS = "x^4 - 2x^2 + y^2"  # pits (±1, 0) at f = -1, a pass (0, 0) at f = 0


@functools.cache
def one_run(text: str, start: tuple, rate, steps: int = 300, momentum=0) -> DescentRun:
    variables = ("x", "y") if len(start) == 2 else ("x",)
    analysis = gradient_descent(parse_formula(text, variables),
                                [Run(start, rate, steps, momentum)])
    return analysis.runs[0]


def points(run: DescentRun) -> np.ndarray:
    return np.array([s.point for s in run.steps])


# ---------------------------------------------------------------- quadratics


def test_bowl_below_the_bound_follows_the_closed_form_and_converges():
    # rate 2/5: x_k = (1 - 4/5)^k = (1/5)^k, y_k = (1 - 8/5)^k = (-3/5)^k
    run = one_run(BOWL, (1, 1), 0.4)
    k = np.arange(len(run.steps))
    assert np.allclose(points(run), np.column_stack([0.2**k, (-0.6)**k]), rtol=1e-12, atol=1e-300)
    assert run.outcome == "converged" and run.limit_type == "local min"
    assert run.limit == (0.0, 0.0) and run.limit_exact == (0, 0) and run.limit_value == 0
    assert run.rate_bound == sympy.Rational(1, 2)
    assert run.steps[-1].gradient_norm <= 1e-8 * (1 + run.steps[0].gradient_norm)


def test_bowl_at_the_bound_oscillates_between_two_points():
    # rate 1/2: x_1 = 0 for good, y_k = (-1)^k
    run = one_run(BOWL, (1, 1), sympy.Rational(1, 2), steps=60)
    assert run.outcome == "oscillating" and run.limit is None and run.limit_type is None
    assert len(run.steps) == 61
    assert [s.point for s in run.steps[1:5]] == [(0.0, -1.0), (0.0, 1.0), (0.0, -1.0), (0.0, 1.0)]
    assert {s.value for s in run.steps[1:]} == {2.0}


def test_bowl_above_the_bound_diverges_where_it_passes_the_bound():
    # rate 3/5: y_k = (-7/5)^k, x_k = (-1/5)^k; f = 2 (7/5)^(2k) + (1/5)^(2k)
    run = one_run(BOWL, (1, 1), 0.6)
    f0 = 3
    blown = [k for k in range(300) if 2 * 1.4**(2 * k) + 0.2**(2 * k) > descent.BOUND**2 * (1 + f0)
             or 1.4**k > descent.BOUND * 2]
    assert run.outcome == "diverged" and run.reason == descent.BLEW_UP
    assert run.steps[-1].k == blown[0]
    assert run.steps[-1].point[1] == pytest.approx((-1.4)**blown[0], rel=1e-12)
    assert run.limit is None and run.rate_bound == sympy.Rational(1, 2)


@pytest.mark.parametrize(("rate", "outcome"), [(0.3, "converged"), (sympy.Rational(1, 3),
                                                "oscillating"), (0.4, "diverged")])
def test_one_variable_quadratic(rate, outcome):
    # f = 3x^2: f'' = 6, bound 1/3; x_k = (1 - 6 rate)^k * 2
    run = one_run("3x^2", (2,), rate, steps=100)
    assert run.outcome == outcome and run.rate_bound == sympy.Rational(1, 3)
    factor = 1 - 6 * float(rate)
    assert [s.point[0] for s in run.steps[:6]] == pytest.approx([2 * factor**k for k in range(6)])
    assert run.limit == ((0.0,) if outcome == "converged" else None)


def test_tilted_bowl_has_irrational_eigenvalues_and_its_bound_is_exact():
    # Hessian [[2, 1], [1, 4]]: eigenvalues 3 ± sqrt(2), bound 2/(3 + sqrt(2)) = (6 - 2sqrt(2))/7
    f = parse_formula("x^2 + x*y + 2y^2 - 3x")
    bound = (6 - 2 * sqrt(2)) / 7
    analysis = gradient_descent(f, [Run((0, 0), bound * sympy.Rational(9, 10), 500),
                                    Run((0, 0), bound, 500),
                                    Run((0, 0), bound * sympy.Rational(11, 10), 500)])
    assert [sympy.simplify(e - w) for e, w in
            zip(analysis.eigenvalues, (3 - sqrt(2), 3 + sqrt(2)))] == [0, 0]
    assert all(sympy.simplify(r.rate_bound - bound) == 0 for r in analysis.runs)
    assert [r.outcome for r in analysis.runs] == ["converged", "oscillating", "diverged"]
    # the minimum: 2x + y = 3, x + 4y = 0 -> (12/7, -3/7)
    assert analysis.runs[0].limit_exact == (sympy.Rational(12, 7), sympy.Rational(-3, 7))
    assert analysis.runs[0].limit_value == sympy.Rational(-18, 7)


@pytest.mark.parametrize(("rate", "outcome"), [(0.7, "converged"), (0.8, "diverged")])
def test_momentum_moves_the_bound_to_two_one_plus_momentum_over_lambda_max(rate, outcome):
    # heavy ball, momentum 1/2 on the bowl: bound 2 (3/2) / 4 = 3/4
    run = one_run(BOWL, (1, 1), rate, steps=500, momentum=0.5)
    assert run.rate_bound == sympy.Rational(3, 4) and run.momentum == sympy.Rational(1, 2)
    assert run.outcome == outcome
    # by hand: v_1 = -rate grad f(1, 1) = -rate (2, 4); v_2 = v_1/2 - rate grad f(x_1)
    x1 = np.array([1 - 2 * rate, 1 - 4 * rate])
    v1 = x1 - 1
    x2 = x1 + v1 / 2 - rate * np.array([2, 4]) * x1
    assert np.allclose(points(run)[1:3], [x1, x2], rtol=1e-12)


def test_a_function_that_is_not_quadratic_has_a_bound_only_near_its_pit():
    # the Hessian diag(12x^2 - 4, 2) is diag(8, 2) at the pits (+-1, 0): eta < 2/8 = 1/4 there
    analysis = gradient_descent(parse_formula(TWO_PITS), [Run((0.5, 1), 0.1, 200)])
    assert analysis.eigenvalues is None
    assert analysis.hessian == ((12 * x**2 - 4, 0), (0, 2))
    assert analysis.gradient == (4 * x**3 - 4 * x, 2 * y)
    run = analysis.runs[0]
    assert (run.bound_at, run.curvature, run.rate_bound) == ((1, 0), 8, sympy.Rational(1, 4))


def numpy_descent(start, rate: float, steps: int = 300) -> np.ndarray:
    """x_{k+1} = x_k - rate (4x^3 - 4x, 2y) on the two pits, written apart from mathcore."""
    point = np.array(start, dtype=float)
    for _ in range(steps):
        point = point - rate * np.array([4 * point[0]**3 - 4 * point[0], 2 * point[1]])
    return point


@pytest.mark.parametrize("rate, outcome", [(0.2, "converged"), (0.24, "converged"),
                                           (0.26, "oscillating"), (0.3, "oscillating")])
def test_the_local_bound_splits_settling_from_swinging_at_the_pit(rate, outcome):
    # near (1, 0), x - 1 is multiplied by 1 - 8 eta: |.| < 1 exactly when eta < 1/4
    run = one_run(TWO_PITS, (0.6, 1.2), rate)
    assert run.outcome == outcome
    assert (run.bound_at, run.curvature, run.rate_bound) == ((1, 0), 8, sympy.Rational(1, 4))
    settled = np.allclose(numpy_descent((0.6, 1.2), rate), (1, 0), atol=1e-6)
    assert settled == (rate < run.rate_bound)


def test_the_local_bound_is_exact_at_an_irrational_pit():
    # x^4 - 3x^2 + x: f'' = 12x^2 - 6 at the pit near 1.13 (a root of 4x^3 - 6x + 1), exact
    run = one_run("x^4 - 3x^2 + x", (0.3,), 0.05)
    assert run.outcome == "converged" and run.bound_at == run.limit_exact
    (pit,) = run.limit_exact
    assert sympy.simplify(run.curvature - (12 * pit**2 - 6)) == 0
    assert float(run.rate_bound) == pytest.approx(2 / (12 * float(pit)**2 - 6), rel=1e-12)


def test_a_run_that_stalls_or_diverges_has_no_local_bound():
    stalled, diverged = two_pits().runs[2], two_pits().runs[4]
    assert stalled.rate_bound is None and stalled.bound_at is None
    assert diverged.rate_bound is None and diverged.bound_at is None


# ---------------------------------------------------------------- the two pits


@functools.cache
def two_pits():
    runs = [Run((0.5, 1), 0.1, 300), Run((-0.5, 1), 0.1, 300), Run((0, 1), 0.1, 300),
            Run((0.5, 1), 0.3, 300), Run((0.5, 1), 0.6, 300)]
    return gradient_descent(parse_formula(TWO_PITS), runs)


def test_two_starts_reach_the_two_pits():
    right, left = two_pits().runs[:2]
    assert (right.outcome, right.limit_exact, right.limit_value) == ("converged", (1, 0), -1)
    assert (left.outcome, left.limit_exact, left.limit_value) == ("converged", (-1, 0), -1)
    assert right.limit_type == left.limit_type == "local min"
    assert math.dist(right.steps[-1].point, (1, 0)) < 1e-7
    values = [s.value for s in right.steps]
    assert all(a > b for a, b in zip(values, values[1:]))  # downhill all the way


def test_a_start_on_the_passes_stable_line_stalls_at_the_pass():
    # x stays 0 (f_x = 0 on x = 0); y_k = (4/5)^k -> 0: the pass (0, 0), a saddle
    run = two_pits().runs[2]
    assert run.outcome == "stalled" and run.limit_type == "saddle"
    assert run.limit_exact == (0, 0) and run.limit_value == 0
    assert all(s.point[0] == 0 for s in run.steps)
    assert [s.point[1] for s in run.steps[:4]] == pytest.approx([1, 0.8, 0.64, 0.512])


def test_too_large_a_rate_circles_the_pit_on_a_two_cycle():
    # rate 0.3 > 2/8 (f_xx = 8 at the pit): x -> g(x) = 2.2x - 1.2x^3 has a stable 2-cycle
    run = two_pits().runs[3]
    assert run.outcome == "oscillating"
    g = np.polynomial.Polynomial([0, 2.2, 0, -1.2])
    cycle = [r.real for r in (g(g) - np.polynomial.Polynomial([0, 1])).roots()
             if abs(r.imag) < 1e-9 and abs(g(r.real) - r.real) > 1e-6]
    end = run.steps[-1].point[0]
    assert min(abs(end - c) for c in cycle) < 1e-9
    assert 0 < end and 0 < run.steps[-2].point[0]  # around the right pit, not across


def test_a_much_larger_rate_diverges():
    run = two_pits().runs[4]
    assert run.outcome == "diverged" and run.reason == descent.BLEW_UP
    assert abs(run.steps[-1].point[0]) > descent.BOUND * 2 or (
        abs(run.steps[-1].value) > descent.BOUND**2 * (1 + run.steps[0].value))


def test_the_json_contract():
    data = json.loads(json.dumps(two_pits().to_json(), allow_nan=False))
    assert set(data) == {"function", "runs"} and data["function"] == "x**4 - 2*x**2 + y**2"
    for run, want in zip(data["runs"], ["converged", "converged", "stalled", "oscillating",
                                        "diverged"]):
        assert set(run) == RUN_KEYS and run["outcome"] == want
        assert all(set(s) == STEP_KEYS for s in run["steps"])
        assert [s["k"] for s in run["steps"]] == list(range(len(run["steps"])))
        assert run["steps"][0]["point"] == run["start"]
    # near a pit (its own, or the one it swings round): 2 / f_xx(+-1, 0) = 2/8
    assert [run["rate_bound"] for run in data["runs"]] == [0.25, 0.25, None, 0.25, None]
    stalled = data["runs"][2]
    assert stalled["limit"] == [0.0, 0.0] and stalled["limit_type"] == "saddle"
    assert data["runs"][0]["steps"][0] == {"k": 0, "point": [0.5, 1.0], "value": 0.5625,
                                           "gradient_norm": math.hypot(-1.5, 2)}
    assert data["runs"][4]["limit"] is None and data["runs"][4]["momentum"] == 0.0


# ---------------------------------------------------------------- other endings


def test_a_step_out_of_the_domain_stops_the_run_without_nan():
    # f = ln x + 1/x, f'(3) = 1/3 - 1/9 = 2/9: a rate of 30 steps to x = 3 - 20/3 < 0
    run = one_run("ln(x) + 1/x", (3,), 30)
    assert run.outcome == "diverged" and run.reason == descent.LEFT_DOMAIN
    assert len(run.steps) == 1 and run.steps[0].value == pytest.approx(math.log(3) + 1 / 3)
    json.dumps(run.to_json(), allow_nan=False)


def test_one_variable_minimum_is_identified():
    # f'(x) = 1/x - 1/x^2 = 0 at x = 1, f(1) = 1, f''(1) = 1 > 0
    run = one_run("ln(x) + 1/x", (3,), 1, steps=200)
    assert (run.outcome, run.limit_exact, run.limit_value) == ("converged", (1,), 1)


def test_a_kink_keeps_descent_jumping_across_it():
    # f = |x|: the slope is ±1, so every step is 1/10 long: 0.05, -0.05, 0.05, ...
    run = one_run("abs(x)", (sympy.Rational(21, 20),), 0.1, steps=40)
    assert run.outcome == "oscillating"
    assert [abs(s.point[0]) for s in run.steps[-4:]] == pytest.approx([0.05] * 4)


def test_slow_creep_onto_an_inflection_runs_out_of_steps():
    # f = x^3: x_{k+1} = x_k - 0.3 x_k^2 creeps to 0 but f' = 3x^2 never gets small enough
    run = one_run("x^3", (1,), 0.1, steps=300)
    assert run.outcome == "max_steps" and run.limit is None
    assert 0 < run.steps[-1].point[0] < 0.02


def test_resting_on_an_inflection_is_a_stall_of_no_listed_kind():
    # f = x^3 from x = 0: f'(0) = 0 at once, and 0 is neither a min nor a max
    run = one_run("x^3", (0,), 0.1)
    assert run.outcome == "stalled" and run.limit == (0.0,) and run.limit_type is None


def test_starting_at_a_peak_stays_there():
    run = one_run("4 - x^2 - 2y^2 + x*y", (0, 0), 0.1)
    assert run.outcome == "stalled" and run.limit_type == "local max" and len(run.steps) == 1


def test_a_path_that_depends_on_rounding_is_refused():
    # The pass of u^2/100 - v^2, u along (1, sqrt 2): its stable line is y = sqrt(2) x. The
    # start on it is off it by the rounding of sqrt(2), which grows by 3/2 each step: at 30
    # digits and in float64 the runs leave the line at different steps.
    u, v = "(x + sqrt(2) y)/sqrt(3)", "(sqrt(2) x - y)/sqrt(3)"
    f = parse_formula(f"({u})^2/100 - ({v})^2")
    with pytest.raises(MathError, match="rounding"):
        gradient_descent(f, [Run((1, sqrt(2)), 0.25, 400)])


@pytest.mark.parametrize(("run", "message"), [
    (Run((1, 1), 0, 10), "rate must be positive"),
    (Run((1, 1), 0.1, 10, momentum=1), "momentum must be at least 0 and less than 1"),
    (Run((1, 1), 0.1, 0), "steps must be a whole number from 1 to 500"),
    (Run((1, 1), 0.1, 501), "steps must be a whole number from 1 to 500"),
    (Run((1, 1), 0.1, True), "steps must be a whole number"),
    (Run((1, 2, 3), 0.1, 10), "one or two coordinates"),
    (Run((1,), 0.1, 10), "f depends on y, but the start has 1 coordinate"),
    (Run((1, sympy.oo), 0.1, 10), "finite real number"),
])
def test_bad_runs_are_refused(run, message):
    with pytest.raises(MathError, match=message):
        gradient_descent(parse_formula(BOWL), [run])


def test_runs_must_agree_on_the_dimension():
    with pytest.raises(MathError, match="all have one coordinate"):
        gradient_descent(parse_formula("x^2"), [Run((1,), 0.1, 5), Run((1, 1), 0.1, 5)])


def test_an_undefined_start_is_refused():
    with pytest.raises(MathError, match=r"undefined at the start \(-1\)"):
        gradient_descent(parse_formula("ln(x)", ("x",)), [Run((-1,), 0.1, 5)])


# ---------------------------------------------------------------- the property


@settings(max_examples=15, deadline=None)
@given(a=st.integers(1, 5), c=st.integers(1, 5), b=st.integers(-4, 4),
       d=st.integers(-5, 5), e=st.integers(-5, 5), start=st.tuples(st.integers(-3, 3),
                                                                    st.integers(-3, 3)),
       fraction=st.fractions(Fraction(1, 2), Fraction(19, 20), max_denominator=20))
def test_converged_runs_on_positive_definite_quadratics_end_at_the_minimiser(a, b, c, d, e,
                                                                             start, fraction):
    # f = a x^2 + b xy + c y^2 + d x + e y, positive definite when 4ac > b^2; its minimiser
    # solves 2a x + b y = -d, b x + 2c y = -e.
    if 4 * a * c <= b * b:
        b = 0
    f = a * x**2 + b * x * y + c * y**2 + d * x + e * y
    lam_max = max(sympy.Matrix([[2 * a, b], [b, 2 * c]]).eigenvals(), key=float)
    rate = sympy.Rational(fraction.numerator, fraction.denominator) * 2 / lam_max
    run = gradient_descent(f, [Run(start, rate, 500)]).runs[0]
    minimiser = sympy.Matrix([[2 * a, b], [b, 2 * c]]).solve(sympy.Matrix([-d, -e]))
    assert run.outcome in ("converged", "max_steps")
    values = [s.value for s in run.steps]
    assert all(later <= earlier + 1e-12 * (1 + abs(earlier))
               for earlier, later in zip(values, values[1:]))
    if run.outcome == "converged":
        assert run.limit_exact == tuple(minimiser) and run.limit_type == "local min"
        # It settled with |grad f| <= TOLERANCE (1 + |grad f(x_0)|), and on a quadratic
        # |x - x*| <= |grad f(x)| / lambda_min: the distance the stopping rule allows.
        lam_min = min(sympy.Matrix([[2 * a, b], [b, 2 * c]]).eigenvals(), key=float)
        allowed = descent.TOLERANCE * (1 + run.steps[0].gradient_norm) / float(lam_min)
        assert math.dist(run.steps[-1].point, [float(m) for m in minimiser]) <= allowed

"""numeric_function and sample_grid: real floats, nan where undefined, no warnings."""

import warnings

import numpy as np
import pytest
import sympy

from mathcore.errors import MathError
from mathcore.numeric import numeric_function, sample_grid
from mathcore.symbols import parameter, x, y


@pytest.fixture(autouse=True)
def warnings_are_errors():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        yield


def test_scalar_input_gives_python_float():
    f = numeric_function(x**2 + 3 * y, (x, y))
    value = f(2, 1)
    assert type(value) is float
    assert value == 7.0


def test_arrays_are_vectorised_and_broadcast():
    f = numeric_function(x * y, (x, y))
    result = f(np.array([1.0, 2.0, 3.0]), 2.0)
    assert result.shape == (3,)
    np.testing.assert_allclose(result, [2.0, 4.0, 6.0])


def test_constant_expression_has_the_input_shape():
    f = numeric_function(sympy.Integer(5), (x, y))
    result = f(np.zeros((2, 3)), 0.0)
    assert result.shape == (2, 3)
    assert np.all(result == 5.0)


@pytest.mark.parametrize("expr, at", [
    (sympy.sqrt(x), -1.0),     # complex
    (sympy.log(x), -2.0),      # complex
    (sympy.log(x), 0.0),       # -inf
    (1 / x, 0.0),              # division by zero
    (x**sympy.Rational(1, 3), -8.0),  # principal cube root is complex
])
def test_undefined_or_complex_is_nan(expr, at):
    f = numeric_function(expr, (x, y))
    assert np.isnan(f(at, 0.0))
    assert np.isnan(f(np.array([at]), 0.0)[0])


def test_defined_and_undefined_mix_in_one_array():
    f = numeric_function(sympy.sqrt(x), (x, y))
    result = f(np.array([-4.0, 0.0, 4.0]), 0.0)
    assert np.isnan(result[0])
    np.testing.assert_allclose(result[1:], [0.0, 2.0])


def test_complex_intermediate_with_real_result_is_kept():
    f = numeric_function((x + sympy.I) * (x - sympy.I), (x, y))  # x^2 + 1
    assert f(2.0, 0.0) == pytest.approx(5.0)


def test_unbound_symbol_is_refused():
    with pytest.raises(MathError, match="no value for a"):
        numeric_function(parameter("a") * x, (x, y))


def test_sample_grid_shape_orientation_and_exact_ends():
    X, Y, Z = sample_grid(x**2 - y, (-sympy.pi, sympy.pi), (0, 1), 5)
    assert X.shape == Y.shape == Z.shape == (5, 5)
    assert X[0, 0] == pytest.approx(-np.pi) and X[0, -1] == pytest.approx(np.pi)
    assert Y[0, 0] == 0.0 and Y[-1, 0] == 1.0
    np.testing.assert_allclose(Z, X**2 - Y)


def test_sample_grid_marks_holes_with_nan():
    _, _, Z = sample_grid(1 / (x**2 + y**2), (-1, 1), (-1, 1), 3)
    assert np.isnan(Z[1, 1])
    assert Z[0, 0] == pytest.approx(0.5)

"""first_principle against derivatives worked out from the definition by hand."""

import json
import math

import pytest
import sympy

from mathcore.errors import MathError
from mathcore.first_principle import FirstPrinciple, first_principle
from mathcore.parse import parse_formula
from mathcore.symbols import h

E, oo = sympy.E, sympy.oo
KEYS = {"function", "at", "quotient", "limit", "left", "right", "derivative", "value",
        "table", "tangent", "window"}
STEPS = [1.0, 0.1, 0.01, 0.001]


def f(text: str) -> sympy.Expr:
    return parse_formula(text, ("x",))


def table(result: FirstPrinciple) -> list[float | None]:
    assert [row.hf for row in result.table] == STEPS
    return [row.qf for row in result.table]


def test_x_squared_at_3_full_contract():
    # ((3 + h)^2 - 9)/h = (6h + h^2)/h = h + 6 -> 6; tangent y = 9 + 6(x - 3)
    result = first_principle(f("x^2"), 3)
    assert result.to_json() == {
        "function": "x**2", "at": "3", "quotient": "h + 6", "limit": "6", "left": "6",
        "right": "6", "derivative": "2*x", "value": "6",
        "table": [[1.0, 7.0], [0.1, 6.1], [0.01, 6.01], [0.001, 6.001]],
        "tangent": "y = 6*x - 9", "window": ["0", "6"],
    }


@pytest.mark.parametrize(("text", "at", "window"), [
    ("x^2", 3, (0, 6)),
    ("sqrt(x)", 0, (0, 3)),          # nothing to draw left of 0
    ("sqrt(x)", 4, (1, 7)),
    ("ln(x)", 1, (0, 4)),
    ("1/x", 2, (-1, 5)),             # the pole at 0 stays in view
    ("x^2", sympy.Rational(1, 3), (-3, 4)),  # rounded outward
])
def test_the_default_window_is_around_a_where_f_is_defined(text, at, window):
    assert first_principle(f(text), at).window == window


def test_a_given_window_is_kept():
    assert first_principle(f("x^2"), 3, (-1, 5)).window == (-1, 5)


def test_x_cubed_at_1():
    # ((1 + h)^3 - 1)/h = 3 + 3h + h^2 -> 3
    result = first_principle(f("x^3"), 1)
    assert sympy.expand(result.quotient - (h**2 + 3 * h + 3)) == 0
    assert result.limit == 3 and result.value == 3
    assert table(result) == pytest.approx([7.0, 3.31, 3.0301, 3.003001], abs=1e-12)
    assert result.tangent.to_text() == "y = 3*x - 2"


def test_one_over_x_at_2():
    # (1/(2 + h) - 1/2)/h = -1/(2(2 + h)) -> -1/4
    result = first_principle(f("1/x"), 2)
    assert sympy.simplify(result.quotient + 1 / (2 * (2 + h))) == 0
    assert result.value == sympy.Rational(-1, 4)
    assert table(result)[0] == pytest.approx(-1 / 6)


def test_sqrt_at_4():
    # (sqrt(4 + h) - 2)/h = 1/(sqrt(4 + h) + 2) -> 1/4
    result = first_principle(f("sqrt(x)"), 4)
    assert result.limit == sympy.Rational(1, 4) == result.value
    assert table(result) == pytest.approx(
        [1 / (math.sqrt(4 + s) + 2) for s in STEPS], abs=1e-12)


def test_sin_at_0():
    # sin(h)/h -> 1
    result = first_principle(f("sin(x)"), 0)
    assert result.value == 1 and str(result.quotient) == "sin(h)/h"
    assert table(result) == pytest.approx([math.sin(s) / s for s in STEPS], abs=1e-12)
    assert result.tangent.to_text() == "y = x"


def test_exp_at_0():
    # (e^h - 1)/h -> 1; h = 1 gives e - 1
    result = first_principle(f("e^x"), 0)
    assert result.value == 1 and str(result.derivative) == "exp(x)"
    assert table(result)[0] == pytest.approx(float(E - 1))
    assert result.tangent.to_text() == "y = x + 1"


def test_abs_at_0_has_no_limit():
    # |h|/h = -1 for h < 0 and 1 for h > 0
    result = first_principle(f("abs(x)"), 0)
    assert result.limit is None and result.value is None and result.tangent is None
    assert (result.left, result.right) == (-1, 1)
    assert table(result) == [1.0, 1.0, 1.0, 1.0]
    data = result.to_json()
    assert (data["limit"], data["left"], data["right"], data["value"], data["tangent"]) == (
        None, "-1", "1", None, None)


def test_cube_root_at_0_is_a_vertical_tangent():
    # h^(1/3)/h = h^(-2/3) -> oo on both sides; h = 1/1000 gives 100
    result = first_principle(f("x^(1/3)"), 0)
    assert result.limit == oo and result.left == oo and result.right == oo
    assert result.value is None and result.tangent.to_text() == "x = 0"
    assert table(result) == pytest.approx([1.0, 10 ** (2 / 3), 100 ** (2 / 3), 100.0])


def test_cusp_has_no_limit():
    result = first_principle(f("x^(2/3)"), 0)
    assert result.limit is None and (result.left, result.right) == (-oo, oo)
    assert result.tangent is None


def test_end_of_the_domain_uses_the_side_that_exists():
    result = first_principle(f("sqrt(x)"), 0)
    assert result.left is None and result.right == oo and result.limit == oo
    assert result.tangent.to_text() == "x = 0"


def test_table_row_where_f_is_undefined():
    # 1/x at -1: h = 1 reaches x = 0
    result = first_principle(f("1/x"), -1)
    assert table(result)[0] is None and table(result)[1] == pytest.approx(-1 / 0.9)
    assert result.value == -1


def test_undefined_point_raises():
    with pytest.raises(MathError, match="undefined at x = 0"):
        first_principle(f("1/x"), 0)


def test_json_types():
    for text, at in (("x^2", 3), ("abs(x)", 0), ("x^(1/3)", 0)):
        data = json.loads(json.dumps(first_principle(f(text), at).to_json()))
        assert set(data) == KEYS
        for key in ("function", "at", "quotient", "derivative"):
            assert isinstance(data[key], str)
        for key in ("limit", "left", "right", "value", "tangent"):
            assert data[key] is None or isinstance(data[key], str)
        assert all(len(row) == 2 and isinstance(row[0], float) for row in data["table"])


def test_limit_and_derivative_in_different_forms_still_agree():
    # f = 1/(1 + e^(1/x)), f'(x) = e^(1/x) / (x^2 (1 + e^(1/x))^2); sympy writes it with cosh
    result = first_principle(f("1/(1 + e^(1/x))"), -2)
    expected = math.exp(-0.5) / (4 * (1 + math.exp(-0.5)) ** 2)
    assert float(result.value) == pytest.approx(expected)
    assert float(result.limit) == pytest.approx(expected)

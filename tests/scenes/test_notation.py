"""Numbers read as a person reads them, the same in captions and on screen."""

from __future__ import annotations

import pytest
import sympy

from mathcore.errors import MathError
from scenes.notation import number, number_tex, plain, point, point_tex, text_table

S = sympy.sympify


@pytest.mark.parametrize("value, caption, latex", [
    (S("1/4"), "1/4", r"\frac{1}{4}"),
    (S("-36"), "-36", "-36"),
    (S("sqrt(3)/3"), "√3/3", r"\frac{\sqrt{3}}{3}"),
    (S("pi/2"), "π/2", r"\frac{\pi}{2}"),
    (S("9/4"), "9/4", r"\frac{9}{4}"),
    (0.25, "0.25", "0.25"),                       # a short decimal is not "approximately"
    (sympy.Float("2.25"), "2.25", "2.25"),
    (sympy.Float("1.4238733098218"), "≈ 1.424", r"\approx 1.424"),
    (sympy.Float("4.36721224981884"), "≈ 4.367", r"\approx 4.367"),
    (S("1/1024"), "≈ 0.0009766", r"\approx 0.0009766"),
    (S("E + sqrt(7)*pi"), "≈ 11.03", r"\approx 11.03"),
    (1e7 / 3, "≈ 3.333·10⁶", r"\approx 3.333 \cdot 10^{6}"),
    (1.2e-5, "1.2·10⁻⁵", r"1.2 \cdot 10^{-5}"),
    (S("CRootOf(x**5 - x - 1, 0)"), "≈ 1.167", r"\approx 1.167"),
])
def test_a_number_is_exact_when_short_else_four_digits(value, caption, latex):
    assert number(value) == caption
    assert number_tex(value) == latex


def test_a_point_carries_one_approximately_sign_for_both_coordinates():
    assert point(sympy.Float("1.4238733098218"), sympy.Float("4.36721224981884")) \
        == "≈ (1.424, 4.367)"
    assert point(S("1/2"), S("-3")) == "(1/2, -3)"
    assert point(S("0"), sympy.sqrt(2)) == "(0, √2)"
    assert point_tex(S("1/2"), S("-3")) == r"\left(\frac{1}{2}, -3\right)"
    assert point_tex(S("0"), sympy.Float("0.123456")) == r"\approx \left(0, 0.1235\right)"


@pytest.mark.parametrize("value", [sympy.I, S("oo"), S("nan"), S("zoo"), S("x")])
def test_what_is_not_a_real_number_is_refused_in_words(value):
    with pytest.raises(MathError, match="is not a finite real number"):
        number(value)


X, Y, C = sympy.symbols("x y c")


@pytest.mark.parametrize("expr, caption", [
    (sympy.E * (X - 1) ** 2 / 2, "e·(x - 1)²/2"),
    (sympy.exp(X), "e^x"),
    (X * sympy.exp(-X ** 2), "xe^(-x²)"),
    (sympy.Abs(X - 1), "|x - 1|"),
    (-2 * sympy.sign(2 * C + 8) / sympy.sqrt(sympy.Abs(2 * C + 8)), "-2sign(2c + 8)/√(|2c + 8|)"),
    (sympy.sqrt(X ** 2 + 1), "√(x² + 1)"),
    (1 / sympy.sqrt(X), "1/√x"),
    (sympy.log(X), "ln(x)"),
    (sympy.cos(Y) ** -2, "cos(y)⁻²"),
    ((X + 1) ** -3, "(x + 1)⁻³"),
    (X ** sympy.Rational(1, 3), "x^(1/3)"),
    (X ** 12 / 24, "x¹²/24"),
    (3 * X ** 2 - 6 * X, "3x² - 6x"),
])
def test_captions_write_formulas_as_a_textbook_does(expr, caption):
    assert plain(expr) == caption


def test_text_table_pads_each_column_to_its_widest_cell():
    assert text_table(("Point", "f"), [("(1, 2)", "-3"), ("(0, 0)", "10")], "  ") == [
        "  Point  | f",
        "  (1, 2) | -3",
        "  (0, 0) | 10",
    ]

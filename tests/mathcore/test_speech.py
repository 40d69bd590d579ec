"""Spoken mathematics: the words a teacher says for what mathcore returns (ClearSpeak's
conventions), and captions read aloud."""

import pytest
import sympy

from mathcore.speech import (
    decimal_words,
    number_words,
    ordinal_words,
    said,
    speak,
    speak_caption,
)
from mathcore.symbols import x, y, z

R = sympy.Rational
lam, f_x, f_xx, x_0, a = sympy.symbols("lambda f_x f_xx x_0 a", real=True)

SPOKEN = [
    # numbers
    (sympy.Integer(0), "zero"),
    (sympy.Integer(7), "seven"),
    (sympy.Integer(-36), "minus thirty-six"),
    (sympy.Integer(40), "forty"),
    (sympy.Integer(105), "one hundred five"),
    (sympy.Integer(2169), "two thousand one hundred sixty-nine"),
    (sympy.Integer(1000), "one thousand"),
    (sympy.Integer(3_000_000), "three million"),
    (sympy.Float(1.424), "one point four two four"),
    (sympy.Float(-0.25), "minus zero point two five"),
    (sympy.Float(1.2e-5), "one point two times ten to the minus five"),
    # fractions
    (R(1, 2), "one half"),
    (R(3, 2), "three halves"),
    (R(1, 3), "one third"),
    (R(2, 3), "two thirds"),
    (R(-3, 4), "minus three fourths"),
    (R(1, 4), "one fourth"),
    (R(5, 8), "five eighths"),
    (R(40, 3), "forty over three"),
    (R(17, 42), "seventeen over forty-two"),
    (x / 2, "x over two"),
    (1 / x, "one over x"),
    (x / y, "x over y"),
    (2 / (x + 1), "the fraction with numerator two and denominator x plus one"),
    ((x + 1) / (x - 1), "the fraction with numerator x plus one and denominator x minus one"),
    # constants and names
    (sympy.pi, "pi"),
    (sympy.pi / 2, "pi over two"),
    (sympy.E, "e"),
    (sympy.oo, "infinity"),
    (-sympy.oo, "minus infinity"),
    (lam, "lambda"),
    (20 * lam, "twenty lambda"),
    (f_x, "f sub x"),
    (f_xx, "f sub x x"),
    (x_0, "x sub zero"),
    # sums and products
    (3 * x**2 - 6 * x, "three x squared minus six x"),
    (-x**3 + 3 * x, "minus x cubed plus three x"),
    (x**2 + y**2, "x squared plus y squared"),
    (2 * x * y, "two x y"),
    (3 * x**2 * y, "three x squared y"),
    (x * y * z, "x y z"),
    (x * (x + 1), "x times the quantity x plus one"),
    (a * x**2 - y**2, "a x squared minus y squared"),
    (x - 2 * y + 1, "x minus two y plus one"),
    # powers and roots
    (x**2, "x squared"),
    (x**3, "x cubed"),
    (x**4, "x to the fourth"),
    (x**10, "x to the tenth"),
    (x**a, "x to the a"),
    (x**-2, "one over x squared"),
    ((x + 1)**2, "the quantity x plus one, squared"),
    (x**R(3, 5), "x raised to the three fifths power"),
    (sympy.sqrt(3), "the square root of three"),
    (sympy.sqrt(x), "the square root of x"),
    (sympy.sqrt(x**2 + 1), "the square root of x squared plus one"),
    (sympy.cbrt(x), "the cube root of x"),
    (x**R(1, 5), "the fifth root of x"),
    (1 / sympy.sqrt(x), "one over the square root of x"),
    (sympy.sqrt(3) / 3, "the square root of three, over three"),
    (2 * sympy.sqrt(3) / 3, "two times the square root of three, over three"),
    (sympy.exp(x), "e to the x"),
    (sympy.exp(-x**2), "e to the minus x squared"),
    (sympy.exp(x + 1), "e raised to the x plus one power"),
    # functions
    (sympy.sin(x), "sine of x"),
    (sympy.cos(2 * x), "cosine of two x"),
    (sympy.tan(x + 1), "tangent of the quantity x plus one"),
    (sympy.sin(x)**2, "sine of x, squared"),
    (sympy.atan(x), "arctangent of x"),
    (sympy.log(x), "the natural log of x"),
    (sympy.Abs(x), "the absolute value of x"),
    (x * sympy.exp(x), "x times e to the x"),
    # relations, points, intervals, sets
    (sympy.Eq(x**2 + y**2, 25), "x squared plus y squared equals twenty-five"),
    (sympy.Lt(x, 1), "x is less than one"),
    (sympy.Ge(y, x**2), "y is greater than or equal to x squared"),
    (sympy.Tuple(2, -2), "the point two, minus two"),
    (sympy.Tuple(30, R(40, 3)), "the point thirty, forty over three"),
    (sympy.Interval(-1, 1), "the interval from minus one to one"),
    (sympy.Interval.Lopen(0, 1), "the interval from zero, not included, to one"),
    (sympy.FiniteSet(-1, 1), "minus one and one"),
    (sympy.Piecewise((x, x > 0), (0, True)), "x where x is greater than zero; zero otherwise"),
]


@pytest.mark.parametrize(("expr", "words"), SPOKEN, ids=[str(e) for e, _ in SPOKEN])
def test_expressions_are_spoken_as_a_teacher_says_them(expr, words):
    assert speak(expr) == words


@pytest.mark.parametrize(("expr", "words"), [
    (sympy.Min(x, 1), "Min of one and x"),
    (sympy.Derivative(x**2, x), "Derivative of x squared and x"),
])
def test_what_has_no_spoken_form_is_read_as_written_not_refused(expr, words):
    """A caption writer speaks every value it is given: a beat of a silent video writes
    its words too, and must not fail on a value the voice has no rule for."""
    assert speak(expr) == words


def test_the_table_is_at_least_sixty_expressions():
    assert len(SPOKEN) >= 60


@pytest.mark.parametrize(("n", "words"), [(1, "first"), (4, "fourth"), (12, "twelfth"),
                                          (21, "twenty-first"), (30, "thirtieth"),
                                          (100, "one hundredth")])
def test_ordinals(n, words):
    assert ordinal_words(n) == words


def test_numbers_and_decimals_in_words():
    assert number_words(1_000_005) == "one million five"
    assert number_words(-19) == "minus nineteen"
    assert decimal_words("0.1") == "zero point one"


CAPTIONS = [
    ("f'(x) = 0 at x = 2", "f prime of x equals zero at x equals two"),
    ("f''(2) > 0", "f double prime of two is greater than zero"),
    ("D = -36 < 0", "D equals minus thirty-six, which is less than zero"),
    ("f_x = 0 and f_y = 0", "f sub x equals zero and f sub y equals zero"),
    ("∇f = λ∇g", "the gradient of f equals lambda times the gradient of g"),
    ("f_x = 3x² - 6x = 0", "f sub x equals three x squared minus six x equals zero"),
    ("η < 2/8 = 1/4", "eta is less than two eighths, which equals one fourth"),
    ("with λ ≈ 2.169", "with lambda about two point one six nine"),
    ("(f(3 + h) - f(3))/h = 7",
     "the quantity f of three plus h minus f of three, over h equals seven"),
    ("(-6x + 3y²)y' = 0",
     "the quantity minus six x plus three y squared, times y prime equals zero"),
    ("(1 - (-1))/2", "the quantity one minus minus one, over two"),
    ("From (0.4, 1.2), ∇f = (-1.3, 2.4)",
     "From the point zero point four, one point two, the gradient of f equals the vector "
     "minus one point three, two point four"),
    ("x_k+1 = x_k - η∇f(x_k)",
     "x sub k plus one equals x sub k minus eta times the gradient of f at x sub k"),
    ("∇f(1, 2) = (0, 0)", "the gradient of f at the point one, two equals the vector zero, zero"),
    ("it swings (near the pit (1, 0)), never settling",
     "it swings, near the pit the point one, zero, never settling"),
    ("dy/dx = 0/0 picks no slope", "dy over dx equals zero over zero picks no slope"),
    ("P₁₀ is f near 0", "P sub ten is f near zero"),
    ("η = 0.1 settles; η = 0.3 overshoots.",
     "eta equals zero point one settles; eta equals zero point three overshoots."),
    ("x² + y² ≤ 4", "x squared plus y squared is at most four"),
    ("f(x, y) has a saddle", "f of x and y has a saddle"),
]


@pytest.mark.parametrize(("caption", "words"), CAPTIONS)
def test_written_words_of_a_caption_are_read_aloud(caption, words):
    assert speak_caption(caption) == words


def test_marked_mathematics_is_kept_and_the_words_around_it_read():
    value = said("two thousand one hundred sixty-nine")
    place = said("the point thirty, forty over three")
    caption = f"Max f ≈ {value} at {place}."
    assert speak_caption(caption) == ("Max f is about two thousand one hundred sixty-nine "
                                      "at the point thirty, forty over three.")


TEACHERS_TEXT = [
    ("cosh(x)^2 - sinh(x)^2 = 1",
     "hyperbolic cosine of x squared minus hyperbolic sine of x squared equals one"),
    ("Output 100 x^0.6 y^0.4",
     "Output one hundred x to the zero point six y to the zero point four"),
    ("e^(-x^2) and x^(3/5)",
     "e raised to the minus x squared power and x raised to the three fifths power"),
    ("|f - P₁₀| is tiny", "the absolute value of f minus P sub ten is tiny"),
    ("Taylor polynomials of sin x", "Taylor polynomials of sine x"),
]


@pytest.mark.parametrize(("text", "words"), TEACHERS_TEXT)
def test_a_teachers_narration_is_read_with_its_formulas_spoken(text, words):
    assert speak_caption(text) == words

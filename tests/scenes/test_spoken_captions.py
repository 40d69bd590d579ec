"""Captions written for the voice: the same caption functions, their mathematics spoken
from the expressions (mathcore.speech), only while the voice is being written."""

import sympy

from mathcore.speech import for_the_voice, speaking, spoken_words
from mathcore.symbols import x
from mathcore.wording import interval_text
from scenes.notation import equals, number, plain, point


def test_caption_writers_speak_only_for_the_voice():

    def caption(value):
        return (f"f(x) = {plain(value)} on {interval_text((-1, 1), number)}: "
                f"{equals('x', sympy.sqrt(2))} or {equals('x', sympy.Float(1.07532))}"
                f" and {point(1, sympy.Float(1.23456))}")

    assert caption(3 * x**2) == "f(x) = 3x² on [-1, 1]: x = √2 or x ≈ 1.075 and ≈ (1, 1.235)"
    assert not speaking()
    assert spoken_words(caption, 3 * x**2) == (
        "f of x equals three x squared on the interval from minus one to one: "
        "x equals the square root of two or x is about one point zero seven five "
        "and about the point one, one point two three five")
    with for_the_voice():
        assert speaking()
    assert not speaking()

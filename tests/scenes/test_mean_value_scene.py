"""mean_value's captions read c and the slope as the screen shows them (issue 10, item 6)."""

from __future__ import annotations

from scenes.mean_value import lesson as mean_value


def analysed(**fields):
    return mean_value.MeanValueLesson.model_validate({"id": "t", "kind": "mean_value",
                                                      **fields}).analyze()


def test_an_exact_short_c_has_no_approximation():
    # sqrt(x) on [1, 4]: slope 1/3, 1/(2 sqrt c) = 1/3, c = 9/4; the caption said 2.25 ≈ 2.25
    mv = analysed(function="sqrt(x)", interval=[1, 4])
    (c,) = mv.points
    assert mean_value.c_text(c) == "c = 9/4"
    assert mean_value.c_tex(c, "c") == r"c = \frac{9}{4}"
    assert mean_value.secant_caption(mv) == "The secant AB has slope (2 - 1)/(4 - 1) = 1/3"


def test_a_long_slope_is_approximate_in_caption_and_on_screen():
    # e^x on [0, 2]: slope (e^2 - 1)/2 ≈ 3.195, c = log((e^2 - 1)/2) ≈ 1.161
    mv = analysed(function="e^x", interval=[0, 2])
    assert mean_value.secant_caption(mv).endswith("≈ 3.195")
    assert mean_value.is_tex(mv.slope) == r"\approx 3.195"
    assert mean_value.c_text(mv.points[0]) == "c ≈ 1.161"


def test_the_window_is_chosen_from_the_interval():
    assert analysed(function="x^2", interval=[1, 5]).window == (0, 6)

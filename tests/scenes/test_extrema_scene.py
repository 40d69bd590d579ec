"""extrema's captions read every number as the screen shows it (issue 10, items 5 and 6)."""

from __future__ import annotations

from scenes.extrema import lesson as extrema
from scenes.notation import number_tex


def analysed(**fields):
    return extrema.ExtremaLesson.model_validate({"id": "t", "kind": "extrema",
                                                 **fields}).analyze()


def test_the_absolute_max_reads_as_on_screen():
    # -x^2 + 3x - 2 on [1, 3]: f(3/2) = 1/4, f(3) = -2; the caption said 0.25
    ex = analysed(function="-x^2 + 3x - 2", interval=[1, 3])
    caption = extrema.absolute_caption(ex)
    assert caption == ("On [1, 3], ends included: the absolute max is 1/4 at x = 3/2, "
                       "and the absolute min is -2 at x = 3")
    assert number_tex(ex.absolute.max.value) == r"\frac{1}{4}"


def test_an_interval_without_a_window_is_not_refused():
    # the default window [-3, 3] refused interval [1, 5]
    ex = analysed(function="x^2 - 6x", interval=[1, 5])
    assert ex.x_range == (0, 6)
    assert "the absolute min is -9 at x = 3" in extrema.absolute_caption(ex)


def test_the_end_of_the_domain_is_called_an_end():
    ex = analysed(function="4sqrt(x) - x^2", interval=[0, 4])
    assert extrema.derivative_caption(ex).endswith(
        "; x = 0 ends the domain of f: not a critical point, only an end")
    assert [p.x for p in ex.points] == [1]

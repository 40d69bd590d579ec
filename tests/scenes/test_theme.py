"""Every verdict has its colour in every theme, and a saddle is the same colour in every kind."""

from __future__ import annotations

import re

import pytest

from mathcore.verdicts import Verdict
from scenes.theme import THEMES, contrast, readable


@pytest.mark.parametrize("name", sorted(THEMES))
@pytest.mark.parametrize("verdict", list(Verdict))
def test_every_verdict_has_a_colour_in_every_theme(name, verdict):
    assert re.fullmatch(r"#[0-9A-F]{6}", THEMES[name].colour(verdict))
    assert set(THEMES[name].verdicts) == set(Verdict)


@pytest.mark.parametrize("name", sorted(THEMES))
def test_min_max_and_saddle_are_told_apart(name):
    theme = THEMES[name]
    shown = {theme.colour(v) for v in (Verdict.LOCAL_MIN, Verdict.LOCAL_MAX, Verdict.SADDLE,
                                       Verdict.INCONCLUSIVE)}
    assert len(shown) == 4 and theme.background not in shown


def test_the_dark_theme_keeps_its_colours():
    dark = THEMES["dark"]
    assert [dark.colour(v) for v in (Verdict.LOCAL_MIN, Verdict.LOCAL_MAX, Verdict.SADDLE,
                                     Verdict.INCONCLUSIVE)] == [
        "#4DA3FF", "#FF5C5C", "#F2C14E", "#9AA0A6"]


def test_contrast_is_the_wcag_ratio():
    assert contrast("#FFFFFF", "#000000") == pytest.approx(21.0)
    assert contrast("#777777", "#777777") == pytest.approx(1.0)
    assert contrast("#767676", "#FFFFFF") == pytest.approx(4.54, abs=0.01)  # WCAG's AA grey


@pytest.mark.parametrize("name", sorted(THEMES))
def test_every_level_curve_stands_clear_of_the_background(name):
    from scenes.flat_map import CURVE_CONTRAST, level_colour

    theme = THEMES[name]
    colours = [level_colour(level, -15.0, 15.0, theme).to_hex() for level in range(-15, 16)]
    assert min(contrast(c, theme.background) for c in colours) >= CURVE_CONTRAST >= 3.0
    assert len(set(colours)) > 20  # still the height scale, not one colour


def test_a_colour_already_clear_of_the_background_is_kept():
    dark = THEMES["dark"]
    assert readable("#D9C36A", dark) == "#D9C36A"
    lifted = readable("#1B2A6B", dark)
    assert contrast(lifted, dark.background) >= 3.0 > contrast("#1B2A6B", dark.background)

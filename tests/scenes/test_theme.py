"""Every verdict has its colour in every theme, and a saddle is the same colour in every kind."""

from __future__ import annotations

import re

import pytest

from mathcore.verdicts import Verdict
from scenes.theme import THEMES


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

"""Every kind declares its beats once, and a scene cannot play one it did not declare."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from scenes.base import UndeclaredBeat
from scenes.layout import LAYOUTS
from scenes.registry import KINDS
from scenes.theme import THEMES

ROOT = Path(__file__).resolve().parents[2]


def default_lessons():
    """One lesson of each kind, from the default course."""
    entries = yaml.safe_load((ROOT / "config.yaml").read_text())["lessons"]
    return {e["kind"]: KINDS[e["kind"]].lesson.model_validate(e) for e in reversed(entries)}


@pytest.mark.parametrize("name", sorted(KINDS))
def test_each_kind_declares_title_first_and_closing_last(name):
    beats = list(KINDS[name].lesson.beats)
    assert beats[0] == "title" and beats[-1] == "closing"
    assert all(KINDS[name].lesson.beats[b].strip() for b in beats), "say what each beat shows"


@pytest.mark.parametrize("name", sorted(KINDS))
def test_a_scene_refuses_a_beat_its_kind_does_not_declare(name):
    lesson = default_lessons()[name]
    scene = KINDS[name].scene(lesson, None, LAYOUTS["landscape"], THEMES["dark"])
    with pytest.raises(UndeclaredBeat, match=f"{name}: beat 'encore' is not declared"):
        with scene.beat("encore", "one more time"):
            pass


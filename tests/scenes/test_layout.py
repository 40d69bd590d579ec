"""Layout checks: every kind in every shape, at the end of every beat, without
encoding video. Nothing may leave the safe area and no two texts may overlap."""

from __future__ import annotations

from pathlib import Path

import pytest
from manim import RIGHT, Scene, Text, tempconfig

from scenes import base
from scenes.layout import LANDSCAPE, LAYOUTS, PORTRAIT
from scenes.layout_check import layout_problems
from scripts.config import load_course
from scripts.pipeline import analyse
from scripts.quality import QUALITIES
from scripts.render import Job, rehearse

# One lesson of each kind from the default course, the ones with the most beats.
LESSONS = {
    "surface": "saddle",
    "critical_points": "full-example",
    "first_principle": "first-principle",
    "graphs": "hyperbolic",
    "implicit": "folium",
    "mean_value": "mean-value",
    "taylor": "taylor-sine",
    "extrema": "cubic-extrema",
}


@pytest.fixture(scope="module")
def analysed():
    loaded = load_course(Path(__file__).resolve().parents[2] / "config.yaml")
    return {a.lesson.id: a for a in analyse(loaded, LESSONS.values())}


@pytest.fixture(scope="module")
def cache(tmp_path_factory) -> Path:
    """One LaTeX and text cache for the module: each formula is typeset once."""
    return tmp_path_factory.mktemp("cache")


def problems_of(job: Job, tmp_path, cache: Path) -> list[str]:
    found: list[str] = []

    def probe(scene, beat: str) -> None:
        found.extend(f"{beat}: {problem}" for problem in layout_problems(scene, scene.layout))

    played = rehearse(job, tmp_path / "work", cache, probe)
    assert played.beats, "the rehearsal played no beats"
    return found


def job_for(analysed, lesson_id: str, shape: str) -> Job:
    a = analysed[lesson_id]
    return Job(a.lesson, a.analysis, shape, QUALITIES["tiny"], "dark")


def test_every_kind_is_covered(analysed):
    from scenes.registry import KINDS

    assert set(LESSONS) == set(KINDS)
    assert {a.lesson.kind for a in analysed.values()} == set(KINDS)
    assert all(a.ok for a in analysed.values())


@pytest.mark.parametrize("shape", list(LAYOUTS))
@pytest.mark.parametrize("kind", list(LESSONS))
def test_layout_is_clean(analysed, kind, shape, tmp_path, cache):
    assert problems_of(job_for(analysed, LESSONS[kind], shape), tmp_path, cache) == []


def test_a_label_pushed_off_the_frame_is_caught(analysed, tmp_path, cache, monkeypatch):
    strip = base.LessonMixin.caption_strip

    def pushed(self, content):
        return strip(self, content).shift(RIGHT * 9)

    monkeypatch.setattr(base.LessonMixin, "caption_strip", pushed)
    found = problems_of(job_for(analysed, "first-principle", "landscape"), tmp_path, cache)
    assert found
    assert all("outside the safe area" in problem for problem in found)


def test_overlapping_and_stray_text_are_reported():
    with tempconfig({"frame_width": LANDSCAPE.frame_width,
                     "frame_height": LANDSCAPE.frame_height}):
        scene = Scene()
        first, second = Text("first"), Text("second")
        scene.add(first, second.move_to(first.get_right()))
        problems = layout_problems(scene, LANDSCAPE)
        assert problems == ["Text 'first' overlaps Text 'second'"]

        scene.remove(second)
        first.move_to([0, -5.5, 0])  # inside the portrait frame, in the app's bottom fifth
        assert layout_problems(scene, PORTRAIT)[0].startswith("Text 'first' is outside")


def test_portrait_safe_area_keeps_clear_of_the_app():
    safe = PORTRAIT.safe
    assert safe.bottom >= -PORTRAIT.frame_height / 2 + PORTRAIT.frame_height / 5
    assert safe.right <= PORTRAIT.frame_width / 2 - 0.8
    for region in (PORTRAIT.heading, PORTRAIT.main, PORTRAIT.side, PORTRAIT.caption):
        assert safe.left <= region.left and region.right <= safe.right
        assert safe.bottom <= region.bottom and region.top <= safe.top


CAPTION = ("On [1, 3], ends included: the\nabsolute max is 0.25 at x = 1.5,\n"
           "and the absolute min is -2 at x = 3")


@pytest.mark.parametrize("spacing, overlapping", [(0.8, set()), (-0.6, {(1, 2), (2, 3)})])
def test_lines_of_one_caption_drawn_over_each_other_are_caught(spacing, overlapping):
    """The extrema portrait caption whose second line was drawn over its first: one
    Text, so only a check that sees the lines inside a text can catch it."""
    with tempconfig({"frame_width": PORTRAIT.frame_width,
                     "frame_height": PORTRAIT.frame_height}):
        scene = Scene()
        caption = Text(CAPTION, font_size=PORTRAIT.caption_size, line_spacing=spacing)
        scene.add(caption.scale_to_fit_width(6).move_to(PORTRAIT.safe.centre))
        lines = CAPTION.split("\n")
        found = set()
        for problem in layout_problems(scene, PORTRAIT):
            first, second = (int(problem.split("line ")[k].split()[0]) for k in (1, 2))
            assert problem.startswith(f"line {first} {lines[first - 1]!r} of Text")
            assert problem.endswith(f"overlaps line {second} {lines[second - 1]!r}")
            found.add((first, second))
        assert overlapping <= found and (found == set()) == (overlapping == set())

"""Layout checks: every kind in every shape, at the end of every beat, without
encoding video. Nothing may leave the safe area and no two texts may overlap."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from manim import RIGHT, Scene, Text, config, tempconfig

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
    "gradient_descent": "descent-two-pits",
    "contour": "contour-map",
    "lagrange": "lagrange-budget",
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


CAPTION = "On [-2, 0], ends included: the absolute max is 6 at x = -1, and the absolute min is -20 at x = -2"  # noqa: E501


def caption_problems(canvas: int | None) -> list[str]:
    """The layout check of the extrema portrait caption in two lines (as the strip chose
    when it measured the caption already wrapped), on a canvas ``canvas`` pixels wide
    (None: the strip's own)."""
    with tempconfig({"frame_width": PORTRAIT.frame_width,
                     "frame_height": PORTRAIT.frame_height, "pixel_width": canvas or 1080,
                     "pixel_height": 1920}), tempfile.TemporaryDirectory() as texts:
        config.text_dir = texts
        scene = Scene()
        lines = base._lines(CAPTION, 2)
        if canvas is None:
            with base.wide_text_canvas():
                caption = Text(lines, font_size=PORTRAIT.caption_size, line_spacing=0.8)
        else:
            caption = Text(lines, font_size=PORTRAIT.caption_size, line_spacing=0.8)
        scene.add(caption.scale_to_fit_width(6).move_to(PORTRAIT.safe.centre))
        return layout_problems(scene, PORTRAIT)


def test_a_caption_whose_lines_are_drawn_over_each_other_is_caught():
    """The extrema portrait caption whose second line was drawn over its first: Manim
    laid its text out on a canvas as wide as a tiny (144 px) video, where Pango wrapped
    the lines again. One Text, so only a check that sees its glyphs can catch it."""
    found = caption_problems(canvas=144)
    assert len(found) == 1 and "has glyphs drawn over each other" in found[0]
    assert caption_problems(canvas=None) == []  # the strip lays text out on a wide canvas

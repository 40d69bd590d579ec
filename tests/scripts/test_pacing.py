"""Pacing for clips: a portrait video keeps to max_seconds, or check says why not."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import av
import pytest

from scenes.layout import LAYOUTS
from scenes.timeline import BREATH, LEAD, Beat
from scripts import render
from scripts.config import load_course
from scripts.pacing import (
    MAX_TEMPO,
    CannotFit,
    Pacing,
    pace_to_fit,
    pace_with_voice,
    voiced_seconds,
)
from scripts.pipeline import analyse, plan, with_analyses

ROOT = Path(__file__).resolve().parents[2]

COURSE = """\
course:
  quality: tiny
  shapes: [portrait]
  max_seconds: {seconds}
lessons:
  - id: parabola
    kind: mean_value
    function: x^2
    interval: [0, 2]
    x: [-1, 3]
"""

BEATS = [Beat("title", "A title", 4.0), Beat("graph", "one two three four five six", 6.0),
         Beat("closing", "Bye", 30.0)]


def test_a_short_lesson_plays_at_its_own_pace():
    assert pace_to_fit(BEATS, 40.0, 60) == 1.0


def test_a_long_lesson_is_scaled_to_fit():
    assert pace_to_fit(BEATS, 40.0, 30) == pytest.approx(0.75)


def test_more_than_twice_as_fast_does_not_fit():
    with pytest.raises(CannotFit, match=r"^the lesson lasts 40.0 s; even 2x faster it lasts "
                                        r"20.0 s, over max_seconds = 15$"):
        pace_to_fit(BEATS, 40.0, 15)


def test_a_caption_sped_past_reading_does_not_fit():
    beats = [Beat("rule", " ".join(["word"] * 20), 5.0),  # 4 s to read
             Beat("closing", "Bye", 35.0)]
    with pytest.raises(CannotFit, match="the beat 'rule' shows its 20-word caption for 3.8 s"):
        pace_to_fit(beats, 40.0, 30)


# a voiced lesson: 40 s of animation, 10 s of it in beats, their words 8 s and 6 s long
VOICED = {"title": 8.0, "graph": 6.0}
PAD = LEAD + BREATH  # around each beat's words
WORDS = 14 + 2 * PAD  # the two voiced beats at tempo 1


def test_a_voiced_beat_lasts_as_long_as_its_words_and_a_breath():
    # title 4 s of animation, 8 s of words; graph 6 s and 6 s; closing 30 s, silent
    assert voiced_seconds(BEATS, 40.0, VOICED, Pacing()) == pytest.approx(WORDS + 30)


def test_a_voiced_clip_that_fits_plays_at_its_own_pace():
    assert pace_with_voice(BEATS, 40.0, VOICED, 60) == Pacing()


def test_a_voiced_clip_speeds_up_its_animations_first():
    pacing = pace_with_voice(BEATS, 40.0, VOICED, 35)
    assert pacing.tempo == 1.0
    assert pacing.pace == pytest.approx((35 - WORDS) / 30, abs=1e-6)  # the words stay whole
    assert voiced_seconds(BEATS, 40.0, VOICED, pacing) == pytest.approx(35, abs=1e-6)


def test_then_its_voice_by_a_fifth_at_most():
    # at 2x the closing lasts 15 s; in 29 s the 14 s of words must shrink to 14 - 2 PAD
    pacing = pace_with_voice(BEATS, 40.0, VOICED, 29)
    assert pacing.pace == 0.5
    assert pacing.tempo == pytest.approx(14 / (14 - 2 * PAD), abs=1e-6)
    assert pacing.tempo < MAX_TEMPO


def test_a_voiced_clip_too_long_even_so_says_by_how_much():
    shortest = 15 + 2 * PAD + 14 / MAX_TEMPO  # animations 2x, words 1.2x faster
    with pytest.raises(CannotFit, match=rf"lasts {shortest:.1f} s even with the animations 2x "
                                        rf"and the voice 1.2x faster: {shortest - 20:.1f} s "
                                        r"over max_seconds = 20$"):
        pace_with_voice(BEATS, 40.0, VOICED, 20)


def test_a_clip_too_long_for_its_voice_leaves_its_asides_unsaid_in_turn():
    # voiced, at 2x and 1.2x: 15 + 3 + (PAD + 8/1.2) + (PAD + 6/1.2) = 28.1 s; graph
    # given up first, 15 + 3 + PAD + 8/tempo fits 26 s with the voice a little faster
    pacing = pace_with_voice(BEATS, 40.0, VOICED, 26, asides=("graph", "title"))
    assert pacing.unsaid == ("graph",)
    assert pacing.tempo == pytest.approx(8 / (26 - 18 - PAD), abs=1e-6)
    assert voiced_seconds(BEATS, 40.0, {"title": 8.0}, pacing) == pytest.approx(26, abs=1e-6)
    assert pace_with_voice(BEATS, 40.0, VOICED, 60, asides=("graph",)).unsaid == ()


def test_an_unsaid_beat_is_held_until_its_caption_is_read():
    wordy = [Beat("title", "A title", 4.0), Beat("graph", " ".join(["word"] * 20), 6.0),
             Beat("closing", "Bye", 30.0)]
    # graph unsaid at 2x lasts not 3 s but its 20 words at 5 a second: 4 s
    at_twice = Pacing(0.5, 1.0, ("graph",))
    assert voiced_seconds(wordy, 40.0, {"title": 8.0}, at_twice) == pytest.approx(
        15 + 4 + PAD + 8)
    pacing = pace_with_voice(wordy, 40.0, VOICED, 27.5, asides=("graph",))
    assert pacing.unsaid == ("graph",)
    assert pacing.tempo == pytest.approx(8 / (27.5 - 19 - PAD), abs=1e-6)


def test_an_aside_given_up_in_vain_is_said_again():
    # at 2x and 1.2x all said lasts 28.1 s; graph unsaid saves 2.7 s, not enough for 24;
    # then title, which alone is enough (22.7 s): graph is said again
    pacing = pace_with_voice(BEATS, 40.0, VOICED, 24, asides=("graph", "title"))
    assert pacing.unsaid == ("title",)


def test_with_every_aside_unsaid_the_message_names_them():
    with pytest.raises(CannotFit, match=r"faster and graph unsaid: .* over max_seconds = 12$"):
        pace_with_voice(BEATS, 40.0, VOICED, 12, asides=("graph",))


def test_every_kinds_asides_are_beats_it_declares():
    from scenes.registry import KINDS
    for kind in KINDS.values():
        model = kind.lesson
        assert all(any(p == beat for beat in model.beats) for p in model.asides), model


def portrait_job(tmp_path: Path, seconds: float):
    config = tmp_path / "course.yaml"
    config.write_text(COURSE.format(seconds=seconds))
    loaded = load_course(config)
    return with_analyses(plan(loaded, "tiny"), analyse(loaded))[0], loaded


def test_only_a_clip_shape_is_kept_to_max_seconds(tmp_path):
    config = tmp_path / "course.yaml"
    config.write_text(COURSE.format(seconds=45).replace("[portrait]", f"[{', '.join(LAYOUTS)}]"))
    jobs = plan(load_course(config), "tiny")
    assert {job.shape: job.max_seconds for job in jobs} == {
        shape: 45 if layout.is_clip else None for shape, layout in LAYOUTS.items()}
    assert [job.shape for job in jobs if job.max_seconds] == ["portrait"]


def test_a_rehearsal_is_kept_under_the_job_key(tmp_path, monkeypatch):
    job, _ = portrait_job(tmp_path, 60)
    first = render.timing(job, tmp_path / "work", tmp_path / "cache")
    monkeypatch.setattr(render, "rehearse", lambda *args, **kwargs: pytest.fail("rehearsed"))
    again = render.timing(job, tmp_path / "work", tmp_path / "cache")
    assert again == first
    assert [beat.name for beat in first.beats][0] == "title"
    assert first.seconds > sum(beat.seconds for beat in first.beats) > 10


def test_check_says_when_a_clip_cannot_fit(tmp_path):
    config = tmp_path / "course.yaml"
    config.write_text(COURSE.format(seconds=8))
    done = subprocess.run([sys.executable, "-m", "scripts.cli", "check", str(config)],
                          capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 2
    assert done.stderr.startswith(
        f"error: {config}:6: lessons[0] 'parabola', portrait: the lesson lasts ")
    assert done.stderr.rstrip().endswith("over max_seconds = 8")
    assert len(done.stderr.splitlines()) == 1


def test_a_portrait_clip_keeps_to_max_seconds(tmp_path):
    job, loaded = portrait_job(tmp_path, 60)
    natural = render.timing(job, tmp_path / "work", tmp_path / "cache").seconds
    limit = round(natural * 0.9, 1)
    (tmp_path / "course.yaml").write_text(COURSE.format(seconds=limit))
    done = subprocess.run([sys.executable, "-m", "scripts.cli", "render",
                           str(tmp_path / "course.yaml"), "--jobs", "1"],
                          capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    with av.open(str(tmp_path / "out" / "portrait" / "parabola.mp4")) as video:
        seconds = video.duration / av.time_base
        assert (video.streams.video[0].width, video.streams.video[0].height) == (144, 256)
    assert limit - 0.5 <= seconds <= limit + 0.1 + 1e-3  # a frame over at most (10 fps)

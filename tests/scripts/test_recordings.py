"""voice: recordings: the teacher's takes, one file per beat, made here as tones: their
lengths time the beats, a missing take is synthesised (and check says so), a corrupt
one is a one-line error naming it, and a new take re-renders only its lesson."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
import srt

pytestmark = [pytest.mark.render, pytest.mark.xdist_group("voice")]

COURSE = """
course:
  quality: tiny
  output: videos
  shapes: [landscape]
  voice: {folder: takes}
lessons:
  - {id: wave, kind: graphs, functions: [sin(x)], x: [-3, 3], title: A wave}
  - {id: growth, kind: graphs, functions: [e^x], x: [-2, 2], title: Growth}
"""


def tone(path: Path, seconds: float, pitch: int = 440) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(["ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i",
                    f"sine=frequency={pitch}:duration={seconds}", str(path)], check=True)
    return path


def cues(out: Path, lesson: str) -> dict[str, float]:
    """Each cue's length, by its caption."""
    subtitles = srt.parse((out / "landscape" / f"{lesson}.srt").read_text())
    return {cue.content: (cue.end - cue.start).total_seconds() for cue in subtitles}


@pytest.fixture
def course(write_config):
    config = write_config(COURSE)
    tone(config.parent / "takes" / "wave" / "title.flac", 6.0)
    tone(config.parent / "takes" / "growth" / "title.wav", 2.0)
    return config


def test_a_takes_length_times_its_beat_and_a_missing_take_is_synthesised(course, calcreel):
    checked = calcreel("check", str(course))
    assert checked.returncode == 0, checked.stderr
    assert f"'wave': no take for graph-1, closing in {course.parent / 'takes'}: synthesised" \
        in checked.stderr
    rendered = calcreel("render", str(course))
    assert rendered.returncode == 0, rendered.stderr
    lengths = cues(course.parent / "videos", "wave")
    assert lengths["A wave"] == pytest.approx(6.0, abs=0.05)  # the tone, not a voice
    assert 0.5 < lengths["y = sin(x)"] < 5  # synthesised: "y equals sine of x"


def test_a_new_take_re_renders_only_its_lesson(course, calcreel):
    assert calcreel("render", str(course)).returncode == 0
    tone(course.parent / "takes" / "growth" / "title.wav", 3.0, pitch=660)
    again = calcreel("render", str(course))
    assert again.returncode == 0, again.stderr
    assert "1 of 2 video(s) up to date; 1 to render" in again.stdout
    assert cues(course.parent / "videos", "growth")["Growth"] == pytest.approx(3.0, abs=0.05)


def test_a_corrupt_take_is_one_line_naming_it(course, calcreel):
    broken = course.parent / "takes" / "wave" / "closing.wav"
    broken.write_bytes(b"RIFF not really a wave file")
    result = calcreel("check", str(course))
    assert result.returncode == 2
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1
    assert errors[0].startswith(f"error: {course}:7: lessons[0] 'wave', landscape: "
                                f"take {broken}: cannot be read")


def test_a_take_of_the_same_length_re_muxes_without_drawing_again(course, calcreel):
    """Only the sound changed: the frames are reused and the new sound muxed in."""
    assert calcreel("render", str(course)).returncode == 0
    out = course.parent / "videos"
    before = (out / "landscape" / "growth.mp4").read_bytes()
    tone(course.parent / "takes" / "growth" / "title.wav", 2.0, pitch=880)  # same length
    again = calcreel("render", str(course))
    assert again.returncode == 0, again.stderr
    assert "growth.mp4" in again.stdout and "(sound only: frames reused)" in again.stdout
    frames = {(v["lesson"], v["frames"]) for v in
              json.loads((out / "manifest.json").read_text())["videos"]}
    assert frames == {("wave", "drawn"), ("growth", "reused")}
    assert (out / "landscape" / "growth.mp4").read_bytes() != before  # the new sound
    assert cues(out, "growth")["Growth"] == pytest.approx(2.0, abs=0.05)

"""A voiced course (``voice: tts``) rendered by the real command: the mp4's sound is
AAC-LC 48 kHz stereo at platform loudness, the webm's Opus, the gif silent, the lecture's
unbroken across its joins (a silent lesson's chapter too); each caption cue is timed to
its words, and each beat lasts at least as long as its words."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import av
import numpy as np
import pytest
import srt

from scripts.sound import loudness

ROOT = Path(__file__).resolve().parents[2]

COURSE = """
course:
  quality: tiny
  output: videos
  shapes: [landscape]
  voice: tts
  formats: [webm, gif]
lessons:
  - {id: wave, kind: graphs, functions: [sin(x)], x: [-3, 3], title: A wave}
  - {id: growth, kind: graphs, functions: [e^x], x: [-2, 2]}
  - {id: quiet, kind: graphs, functions: [x^2], x: [-2, 2], voice: none}
"""

pytestmark = [pytest.mark.render, pytest.mark.xdist_group("voice")]


@pytest.fixture(scope="module")
def out(tmp_path_factory, rendered_lecture) -> Path:
    """The course rendered once by the real command, with --lecture."""
    return rendered_lecture(tmp_path_factory.mktemp("voice"), COURSE)


def test_the_mp4_carries_aac_lc_48_khz_stereo(out):
    with av.open(str(out / "landscape" / "wave.mp4")) as container:
        (audio,) = container.streams.audio
        assert (audio.codec_context.name, audio.codec_context.profile) == ("aac", "LC")
        assert audio.sample_rate == 48_000
        assert audio.channels == 2


def test_the_webm_speaks_opus_and_the_gif_is_silent(out):
    with av.open(str(out / "landscape" / "wave.webm")) as container:
        (audio,) = container.streams.audio
        assert (audio.codec_context.name, audio.sample_rate, audio.channels) == ("opus", 48_000, 2)
    with av.open(str(out / "landscape" / "wave.gif")) as container:
        assert not container.streams.audio


def test_the_lecture_sound_runs_unbroken_across_its_chapters(out):
    with av.open(str(out / "lecture.mp4")) as container:
        (video,), (audio,) = container.streams.video, container.streams.audio
        video_seconds = float(video.duration * video.time_base)
        audio_seconds = float(audio.duration * audio.time_base)
    parts = [av.open(str(out / "landscape" / f"{name}.mp4"))
             for name in ("wave", "growth", "quiet")]
    assert not parts[2].streams.audio  # a silent lesson stays silent, but not its chapter
    total = sum(part.duration / av.time_base for part in parts)
    for part in parts:
        part.close()
    assert audio_seconds == pytest.approx(video_seconds, abs=0.05)
    assert audio_seconds == pytest.approx(total, abs=0.1)
    assert loudness(out / "lecture.mp4").integrated == pytest.approx(-14, abs=1)


def test_the_sound_is_at_platform_loudness(out):
    measured = loudness(out / "landscape" / "wave.mp4")
    assert -15.0 <= measured.integrated <= -13.0
    assert measured.true_peak <= -1.0


def speech_segments(video: Path, gap: float = 0.55) -> list[tuple[float, float]]:
    """Where the sound is louder than -50 dBFS, in 10 ms windows; quieter stretches
    shorter than ``gap`` (a colon's pause; beats are further apart) are inside one."""
    pcm = subprocess.run(["ffmpeg", "-v", "error", "-i", str(video), "-map", "0:a:0",
                          "-ac", "1", "-ar", "8000", "-f", "f32le", "-"],
                         capture_output=True, check=True).stdout
    windows = np.frombuffer(pcm, dtype=np.float32)
    windows = windows[:len(windows) // 80 * 80].reshape(-1, 80)
    loud = np.sqrt((windows ** 2).mean(axis=1)) > 10 ** (-50 / 20)
    segments: list[list[float]] = []
    for index in np.flatnonzero(loud):
        time = index / 100
        if segments and time - segments[-1][1] < gap:
            segments[-1][1] = time + 0.01
        else:
            segments.append([time, time + 0.01])
    return [(a, b) for a, b in segments]


def test_each_caption_cue_is_timed_to_its_words(out):
    cues = list(srt.parse((out / "landscape" / "wave.srt").read_text()))
    segments = speech_segments(out / "landscape" / "wave.mp4")
    assert len(segments) == len(cues)
    for cue, (start, end) in zip(cues, segments):
        assert abs(cue.start.total_seconds() - start) <= 0.1, cue.content
        assert abs(cue.end.total_seconds() - end) <= 0.1, cue.content


def test_check_lists_what_the_voice_says(out, calcreel):
    result = calcreel("check", str(out.parent / "course.yaml"), "--json")
    spoken = json.loads(result.stdout)["lessons"][0]["spoken"]
    assert spoken["title"] == "A wave"
    assert spoken["graph-1"].startswith("y equals sine of x")


def test_every_beat_lasts_as_long_as_its_words(tmp_path):
    """Words longer than a beat's animation hold its last frame until they end; a beat
    without words in a voiced lesson keeps its own length, or is held until its caption
    is read (5 words a second)."""
    from scenes.registry import KINDS
    from scenes.timeline import BREATH, LEAD
    from scripts.quality import QUALITIES
    from scripts.render import Job, play_without_video

    lesson = KINDS["graphs"].lesson.model_validate(
        {"id": "wave", "kind": "graphs", "functions": ["sin(x)"], "x": [-3, 3]})
    job = Job(lesson, lesson.analyze(), "landscape", QUALITIES["tiny"], "dark")

    def beats(**options) -> dict[str, float]:
        scene = play_without_video(job, tmp_path, tmp_path / "cache", draw=False, **options)
        return {beat.name: beat for beat in scene.timeline}

    silent = beats()
    voiced = beats(speech={"title": 9.0, "graph-1": 0.5})
    assert voiced["title"].seconds >= LEAD + 9.0 + BREATH > silent["title"].seconds
    assert voiced["graph-1"].seconds == pytest.approx(silent["graph-1"].seconds)  # words fit
    closing = silent["closing"]
    assert voiced["closing"].seconds == pytest.approx(
        max(closing.seconds, len(closing.caption.split()) / 5))


def test_in_a_voiced_clip_an_unsaid_beat_is_held_until_its_caption_is_read(tmp_path):
    from scenes.registry import KINDS
    from scripts.quality import QUALITIES
    from scripts.render import Job, play_without_video

    wordy = "The sine wave rises and falls forever, between minus one and one, repeating " \
            "itself every two pi along the whole x axis"  # 20 words: 4 s to read
    lesson = KINDS["graphs"].lesson.model_validate(
        {"id": "wave", "kind": "graphs", "functions": ["sin(x)"], "x": [-3, 3],
         "narration": {"graph-1": wordy}})
    job = Job(lesson, lesson.analyze(), "portrait", QUALITIES["tiny"], "dark")

    def timeline(**options):
        scene = play_without_video(job, tmp_path, tmp_path / "cache", draw=False, **options)
        return {beat.name: beat for beat in scene.timeline}

    silent, fast = timeline(), timeline(speed=0.5, speech={"title": 1.0})
    own, caption = silent["graph-1"].seconds, silent["graph-1"].caption
    readable = len(caption.split()) / 5  # 5 words a second
    assert fast["graph-1"].seconds == pytest.approx(max(own / 2, readable), abs=0.1)  # a frame
    assert fast["graph-1"].seconds > own / 2  # this caption needs longer than 2x gives it


def test_check_says_which_beats_a_voiced_clip_leaves_unsaid(write_config, calcreel):
    config = write_config("""
        course: {quality: tiny, shapes: [portrait], voice: tts, max_seconds: 40}
        lessons:
          - {id: peak, kind: critical_points, function: 4 - x^2 - 2y^2 + x*y,
             x: [-2, 2], y: [-2, 2]}
        """)
    result = calcreel("check", str(config))
    assert result.returncode == 0, result.stderr
    assert (f"warning: {config}:3: lessons[0] 'peak': portrait: the voice leaves rule to the "
            "captions, to keep to max_seconds = 40") in result.stderr.splitlines()


def test_check_says_by_how_much_a_voiced_clip_is_over(write_config, calcreel):
    config = write_config("""
        course: {quality: tiny, shapes: [portrait], voice: tts, max_seconds: 4}
        lessons:
          - {id: wave, kind: graphs, functions: [sin(x)], x: [-3, 3]}
        """)
    result = calcreel("check", str(config))
    assert result.returncode == 2
    (line,) = result.stderr.splitlines()
    assert re.fullmatch(rf"error: {re.escape(str(config))}:3: lessons\[0\] 'wave', portrait: "
                        r"with its voice the clip lasts [\d.]+ s even with the animations 2x "
                        r"and the voice 1.2x faster: [\d.]+ s over max_seconds = 4", line)

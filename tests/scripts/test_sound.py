"""The mix: music looped under the voice, faded, and ducked while the voice speaks;
then mastered to platform loudness."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import numpy as np
import pytest

from scripts.narration import RATE, write_wav
from scripts.sound import loudness, master, mix

SPEECH = [(2.0, 5.0), (7.0, 10.0)]  # where the "voice" (a 300 Hz warble) speaks


def band_level(path: Path, start: float, end: float, frequency: int = 3000) -> float:
    """dBFS of ``path`` between ``start`` and ``end`` s, in a narrow band round ``frequency``."""
    pcm = subprocess.run(["ffmpeg", "-v", "error", "-i", str(path), "-af",
                          f"bandpass=f={frequency}:width_type=q:w=8", "-ac", "1",
                          "-f", "f32le", "-"], capture_output=True, check=True).stdout
    samples = np.frombuffer(pcm, dtype=np.float32)[int(start * RATE):int(end * RATE)]
    return float(20 * np.log10(np.sqrt(np.mean(samples ** 2))))


@pytest.fixture
def voice(tmp_path) -> Path:
    t = np.arange(12 * RATE) / RATE
    track = np.zeros_like(t, dtype=np.float32)
    for start, end in SPEECH:
        inside = (t >= start) & (t < end)
        track[inside] = 0.3 * np.sin(2 * np.pi * 300 * t[inside]) * (
            0.6 + 0.4 * np.sin(2 * np.pi * 3 * t[inside]))
    write_wav(track, tmp_path / "voice.wav")
    return tmp_path / "voice.wav"


@pytest.fixture
def music(tmp_path) -> Path:
    """Five seconds of a 3 kHz tone: shorter than the video, so it must loop."""
    subprocess.run(["ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i",
                    "sine=frequency=3000:duration=5", str(tmp_path / "music.wav")], check=True)
    return tmp_path / "music.wav"


def test_music_is_ducked_under_the_voice_by_ten_db_or_more(voice, music, tmp_path):
    mixed = mix(voice, music, 12.0, tmp_path / "mix.wav")
    pause = band_level(mixed, 5.6, 6.6)
    assert pause > -45  # the music plays in the pause
    for start, end in SPEECH:
        assert band_level(mixed, start + 1.0, end - 0.5) <= pause - 10


def test_music_loops_to_the_video_and_fades_at_both_ends(voice, music, tmp_path):
    mixed = mix(voice, music, 12.0, tmp_path / "mix.wav")
    assert band_level(mixed, 0.0, 0.3) < band_level(mixed, 1.6, 1.9) - 6  # fading in
    assert band_level(mixed, 11.7, 12.0) < band_level(mixed, 10.3, 10.6) - 6  # fading out
    assert band_level(mixed, 10.3, 10.6) > -45  # looped: the tone lasts 5 s, this is at 10 s
    duration = subprocess.run(["ffprobe", "-v", "error", "-show_entries", "format=duration",
                               "-of", "csv=p=0", str(mixed)], capture_output=True, text=True,
                              check=True).stdout
    assert float(duration) == pytest.approx(12.0, abs=0.02)


def test_the_master_is_at_platform_loudness(voice, music, tmp_path):
    """Within 0.3 LU of -14: the last gain is set from ebur128's reading (to 0.1 LU),
    and AAC moves it by about 0.1."""
    mastered = master(mix(voice, music, 12.0, tmp_path / "mix.wav"), tmp_path / "sound.m4a")
    measured = loudness(mastered)
    assert measured.integrated == pytest.approx(-14, abs=0.3)
    assert measured.true_peak <= -1


def test_a_voice_at_a_low_sample_rate_is_mastered_as_loud(tmp_path):
    """flite speaks at 8 kHz. Limited at that rate, its peaks came back over the
    true-peak limit at 48 kHz and held the last gain down (-15.0 LUFS): the track is
    resampled before it is limited."""
    low = tmp_path / "low.wav"
    subprocess.run(["flite", "-t", "The saddle rises along x and falls along y. As a "
                    "grows, the surface stretches.", "-o", str(low)], check=True)
    measured = loudness(master(low, tmp_path / "sound.m4a"))
    assert measured.integrated == pytest.approx(-14, abs=0.3)
    assert measured.true_peak <= -1


@pytest.mark.render
def test_new_music_re_muxes_the_frames_already_drawn(write_config, calcreel):
    config = write_config("""
        course: {quality: tiny, output: videos, shapes: [landscape], voice: tts, music: bed.wav}
        lessons:
          - {id: wave, kind: graphs, functions: [sin(x)], x: [-3, 3]}
        """)
    bed = config.parent / "bed.wav"
    subprocess.run(["ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i",
                    "sine=frequency=220:duration=4", str(bed)], check=True)
    first = calcreel("render", str(config))
    assert first.returncode == 0, first.stderr
    assert "frames reused" not in first.stdout
    subprocess.run(["ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i",
                    "sine=frequency=330:duration=4", str(bed)], check=True)
    again = calcreel("render", str(config))
    assert again.returncode == 0, again.stderr
    assert "wave.mp4" in again.stdout and "(sound only: frames reused)" in again.stdout
    (video,) = json.loads((config.parent / "videos" / "manifest.json").read_text())["videos"]
    assert video["frames"] == "reused"

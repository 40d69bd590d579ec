"""A job's narration: each voiced beat's speech as samples, from the speech engine, and
the voice track they make once the video's timeline says when each beat began."""

from __future__ import annotations

import subprocess
import wave
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from scenes.timeline import LEAD, Beat
from scenes.voice import Voice
from scripts.speak import synthesize

RATE = 48_000  # samples per second of every track


@dataclass(frozen=True)
class Narration:
    """The speech of each voiced beat, by name: mono samples at RATE and tempo 1."""

    takes: Mapping[str, np.ndarray]

    def seconds(self, tempo: float = 1.0) -> dict[str, float]:
        """How long each beat's words last at ``tempo``."""
        return {name: len(samples) / RATE / tempo for name, samples in self.takes.items()}


def narrate(voice: Voice, beats: Sequence[Beat], cache: Path) -> Narration | None:
    """The narration of a lesson's beats in ``voice`` (None when it is silent): each
    beat's spoken words synthesised, at the voice's rate."""
    if not voice.speaks:
        return None
    takes = {}
    for beat in beats:
        if beat.spoken.strip():
            speech = synthesize(beat.spoken, cache, voice.engine, voice.voice)
            takes[beat.name] = decode(speech, voice.rate)
    return Narration(takes)


def decode(path: Path, tempo: float = 1.0) -> np.ndarray:
    """An audio file as mono float samples at RATE, sped up ``tempo``x with its pitch
    kept (ffmpeg's atempo), silence trimmed from both ends."""
    trim = "silenceremove=start_periods=1:start_threshold=-40dB"
    filters = [trim, "areverse", trim, "areverse"] + ([f"atempo={tempo:.4f}"] if tempo != 1 else [])
    pcm = subprocess.run(
        ["ffmpeg", "-v", "error", "-i", str(path), "-af", ",".join(filters), "-ac", "1",
         "-ar", str(RATE), "-f", "f32le", "-"],
        check=True, capture_output=True, stdin=subprocess.DEVNULL).stdout
    return np.frombuffer(pcm, dtype=np.float32)


def voice_track(narration: Narration, timeline: Sequence[Beat], seconds: float,
                tempo: float, target: Path) -> Path:
    """A WAV as long as the video with each beat's words from LEAD after its start."""
    track = np.zeros(int(round(seconds * RATE)), dtype=np.float32)
    for beat in timeline:
        if beat.name not in narration.takes:
            continue
        samples = narration.takes[beat.name]
        if tempo != 1:
            samples = _faster(samples, tempo)
        begin = int(round((beat.start + LEAD) * RATE))
        end = min(len(track), begin + len(samples))
        track[begin:end] += samples[:end - begin]
    write_wav(track, target)
    return target


def _faster(samples: np.ndarray, tempo: float) -> np.ndarray:
    """Samples sped up ``tempo``x with their pitch kept (atempo, through ffmpeg)."""
    out = subprocess.run(
        ["ffmpeg", "-v", "error", "-f", "f32le", "-ar", str(RATE), "-ac", "1", "-i", "-",
         "-af", f"atempo={tempo:.4f}", "-f", "f32le", "-"],
        input=samples.tobytes(), check=True, capture_output=True).stdout
    return np.frombuffer(out, dtype=np.float32)


def write_wav(samples: np.ndarray, target: Path) -> None:
    """Mono float samples as a 16-bit WAV at RATE."""
    pcm = (np.clip(samples, -1, 1) * 32767).astype("<i2")
    with wave.open(str(target), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(pcm.tobytes())

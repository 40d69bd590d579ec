"""A job's narration: each voiced beat's speech as samples, from the teacher's take
(``<folder>/<lesson id>/<beat>.wav|mp3|m4a|flac``) or the speech engine, and the voice
track they make once the video's timeline says when each beat began."""

from __future__ import annotations

import hashlib
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
TAKE_FORMATS = ("wav", "mp3", "m4a", "flac")


class BadTake(ValueError):
    """A take that cannot be read: one line, naming the file."""


@dataclass(frozen=True)
class Narration:
    """The speech of each voiced beat, by name: mono samples at RATE and tempo 1; and
    the beats that had no take of the teacher's (synthesised, or silent)."""

    takes: Mapping[str, np.ndarray]
    missing: tuple[str, ...] = ()

    def without(self, beats: Sequence[str]) -> Narration:
        """This narration with ``beats`` left unsaid."""
        return Narration({name: samples for name, samples in self.takes.items()
                          if name not in beats}, self.missing)

    def seconds(self, tempo: float = 1.0) -> dict[str, float]:
        """How long each beat's words last at ``tempo``."""
        return {name: len(samples) / RATE / tempo for name, samples in self.takes.items()}


def narrate(voice: Voice, lesson: str, beats: Sequence[Beat], cache: Path) -> Narration | None:
    """The narration of a lesson's beats in ``voice`` (None when it is silent): each
    beat's take, or its spoken words synthesised where it has none (unless the
    fallback is silence)."""
    if not voice.speaks:
        return None
    takes, missing = {}, []
    for beat in beats:
        take = find_take(voice, lesson, beat.name)
        if take is not None:
            takes[beat.name] = decode_take(take)
            continue
        if voice.mode == "recordings":
            missing.append(beat.name)
            if voice.fallback == "none":
                continue
        if beat.spoken.strip():
            speech = synthesize(beat.spoken, cache, voice.engine, voice.voice)
            takes[beat.name] = decode(speech, voice.rate)
    return Narration(takes, tuple(missing))


def find_take(voice: Voice, lesson: str, beat: str) -> Path | None:
    """The teacher's take of a beat, if the voice is theirs and the file is there."""
    if voice.mode != "recordings":
        return None
    folder = Path(voice.folder) / lesson
    return next((folder / f"{beat}.{kind}" for kind in TAKE_FORMATS
                 if (folder / f"{beat}.{kind}").is_file()), None)


def file_digest(path: Path) -> str:
    """A hash of a file's bytes (a music file: new music makes a new video)."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def takes_digest(voice: Voice, lesson: str) -> str:
    """A hash of the lesson's takes, names and bytes: a new take makes a new video."""
    digest = hashlib.sha256()
    if voice.mode == "recordings":
        for path in sorted((Path(voice.folder) / lesson).glob("*")):
            if path.suffix[1:] in TAKE_FORMATS:
                digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def decode_take(path: Path) -> np.ndarray:
    """A take's samples; BadTake if ffmpeg cannot read it or it holds no sound."""
    try:
        samples = decode(path)
    except subprocess.CalledProcessError as failed:
        said = failed.stderr.decode(errors="replace").strip().splitlines()
        raise BadTake(f"take {path}: cannot be read"
                      + (f" ({said[-1][:120]})" if said else "")) from None
    if not len(samples):
        raise BadTake(f"take {path}: holds no sound")
    return samples


def decode(path: Path, tempo: float = 1.0) -> np.ndarray:
    """An audio file as mono float samples at RATE, sped up ``tempo``x with its pitch
    kept (ffmpeg's atempo), silence trimmed from both ends."""
    trim = "silenceremove=start_periods=1:start_threshold=-40dB"
    return _samples(["-i", str(path)], [trim, "areverse", trim, "areverse"], tempo)


def _samples(source: list[str], filters: list[str], tempo: float = 1.0,
             data: bytes | None = None) -> np.ndarray:
    """Mono float samples at RATE from ffmpeg's ``source`` (fed ``data`` on its input),
    through ``filters`` and atempo."""
    chain = filters + ([f"atempo={tempo:.4f}"] if tempo != 1 else [])
    pcm = subprocess.run(
        ["ffmpeg", "-v", "error", *source, "-af", ",".join(chain or ["anull"]), "-ac", "1",
         "-ar", str(RATE), "-f", "f32le", "-"],
        input=data, check=True, capture_output=True,
        stdin=subprocess.DEVNULL if data is None else None).stdout
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
    """Samples sped up ``tempo``x with their pitch kept."""
    return _samples(["-f", "f32le", "-ar", str(RATE), "-ac", "1", "-i", "-"], [], tempo,
                    samples.tobytes())


def write_wav(samples: np.ndarray, target: Path) -> None:
    """Mono float samples as a 16-bit WAV at RATE."""
    pcm = (np.clip(samples, -1, 1) * 32767).astype("<i2")
    with wave.open(str(target), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(pcm.tobytes())

"""The lecture: a course's videos of the lecture's shape (landscape) joined into
``lecture.mp4`` (stream copy, one chapter per lesson) with ``lecture.srt`` and
``lecture.vtt`` to match."""

from __future__ import annotations

import subprocess
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from scenes.layout import LECTURE
from scripts.captions import joined, to_vtt
from scripts.files import replacing, write_atomically
from scripts.manifest import ManifestEntry
from scripts.sound import AUDIO, has_sound, with_silence


@dataclass(frozen=True)
class Part:
    """One lesson's video in the lecture."""

    lesson: str
    title: str
    video: Path
    seconds: float
    captions: Path | None = None


def lecture_parts(out: Path, lessons: Sequence[tuple[str, str]],
                  entries: Sequence[ManifestEntry], quality: str) -> list[Part]:
    """The lecture-shaped videos at ``quality`` of the lessons ``(id, heading)``, in order."""
    chosen = {e.lesson: e for e in entries if e.shape == LECTURE.shape and e.quality == quality}
    parts = []
    for lesson, heading in lessons:
        if entry := chosen.get(lesson):
            captions = out / entry.captions if entry.captions else None
            parts.append(Part(lesson, heading, out / entry.file, entry.seconds, captions))
    return parts


def write_lecture(out: Path, title: str, parts: Sequence[Part]) -> Path:
    """Join ``parts`` into ``out/lecture.mp4`` with its captions; each file is written
    atomically (the captions are read before any is replaced). The frames are copied;
    the sound, if the parts have it, is decoded across the joins and encoded once, so
    it runs on without gaps or clicks where one part meets the next."""
    subrip = joined((part.captions.read_text(encoding="utf-8"), start)
                    for part, start in zip(parts, starts(parts)) if part.captions)
    with (tempfile.TemporaryDirectory(prefix="calcreel-lecture-") as scratch,
          replacing(out / "lecture.mp4") as video):
        listing = Path(scratch) / "parts.txt"
        listing.write_text("ffconcat version 1.0\n" + "".join(
            f"file {_quoted(video.resolve())}\nduration {part.seconds}\n"
            for part, video in zip(parts, _all_sounding(parts, Path(scratch)))))
        chapters = Path(scratch) / "chapters.txt"
        chapters.write_text(chapter_metadata(title, parts))
        subprocess.run(
            ["ffmpeg", "-v", "error", "-y", "-f", "concat", "-safe", "0", "-i", str(listing),
             "-i", str(chapters), "-map", "0", "-map_metadata", "1", "-map_chapters", "1",
             "-c:v", "copy", *AUDIO, "-movflags", "+faststart", "-f", "mp4", str(video)],
            check=True, stdin=subprocess.DEVNULL,
        )
    write_atomically(out / "lecture.srt", subrip)
    write_atomically(out / "lecture.vtt", to_vtt(subrip))
    return out / "lecture.mp4"


def _all_sounding(parts: Sequence[Part], scratch: Path) -> list[Path]:
    """The parts' videos; where some speak, the silent ones given a silent track (in
    ``scratch``), so that the sound runs on through them."""
    sounding = [has_sound(part.video) for part in parts]
    if not any(sounding):
        return [part.video for part in parts]
    return [part.video if sound else with_silence(part.video, scratch / f"{number}.mp4")
            for number, (part, sound) in enumerate(zip(parts, sounding))]


def starts(parts: Sequence[Part]) -> list[float]:
    """Where each part begins in the lecture, in seconds."""
    begins, total = [], 0.0
    for part in parts:
        begins.append(total)
        total += part.seconds
    return begins


def chapter_metadata(title: str, parts: Sequence[Part]) -> str:
    """ffmpeg's FFMETADATA1 text: the lecture's title and a chapter per part (in ms)."""
    lines = [";FFMETADATA1", f"title={_escaped(title)}"]
    for part, start in zip(parts, starts(parts)):
        lines += ["[CHAPTER]", "TIMEBASE=1/1000", f"START={round(start * 1000)}",
                  f"END={round((start + part.seconds) * 1000)}", f"title={_escaped(part.title)}"]
    return "\n".join(lines) + "\n"


def _escaped(value: str) -> str:
    """A metadata value with ffmpeg's special characters (= ; # \\ newline) escaped."""
    for special in ("\\", "=", ";", "#", "\n"):
        value = value.replace(special, "\\" + special)
    return value


def _quoted(path: Path) -> str:
    return "'" + str(path).replace("'", "'\\''") + "'"

"""``<out>/manifest.json``: every published video and its companion files.

``{"videos": [{"lesson", "shape", "quality", "file", "seconds", "bytes", "poster",
"captions", "render_seconds", "vtt", "key", "formats", "frames"}]}``, paths relative to the
output folder. Other tools read this file: its keys are a contract (see README).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path

from pydantic import TypeAdapter, ValidationError

from scripts.files import write_atomically

MANIFEST = "manifest.json"


@dataclass(frozen=True)
class ManifestEntry:
    """One published video (a lesson in a shape) and its files."""

    lesson: str
    shape: str
    quality: str
    file: str  # the mp4
    seconds: float  # of video
    bytes: int  # of the mp4
    poster: str  # a png
    captions: str | None  # the srt
    render_seconds: float
    vtt: str | None = None
    key: str = ""  # the job's content key
    formats: dict[str, str] = field(default_factory=dict)  # "gif"/"webm" -> file
    frames: str = "drawn"  # or "reused": only the sound changed, and was muxed in again
    beats: str | None = None  # the timeline (beats.json): each beat's start, length, words

    @property
    def files(self) -> list[str]:
        """Every file the entry names."""
        named = [self.file, self.poster, self.captions, self.vtt, self.beats,
                 *self.formats.values()]
        return [name for name in named if name]

    def to_json(self) -> dict:
        return asdict(self)


_ENTRIES = TypeAdapter(list[ManifestEntry])


@dataclass(frozen=True)
class Manifest:
    """The manifest's entries, one per (lesson, shape), in the order they were first
    published."""

    entries: tuple[ManifestEntry, ...] = ()

    @classmethod
    def read(cls, out: Path) -> Manifest:
        """``out``'s manifest; empty when it is missing or unreadable."""
        try:
            videos = json.loads((out / MANIFEST).read_text(encoding="utf-8"))["videos"]
            return cls(tuple(_ENTRIES.validate_python(videos)))
        except (OSError, ValueError, KeyError, TypeError, ValidationError):
            return cls()

    def __iter__(self) -> Iterator[ManifestEntry]:
        return iter(self.entries)

    def get(self, lesson: str, shape: str) -> ManifestEntry | None:
        return next((e for e in self.entries if (e.lesson, e.shape) == (lesson, shape)), None)

    def merged(self, new: Iterable[ManifestEntry]) -> Manifest:
        """These entries in place of those for the same (lesson, shape), others added."""
        by_video = {(e.lesson, e.shape): e for e in self.entries}
        by_video.update({(e.lesson, e.shape): e for e in new})
        return Manifest(tuple(by_video.values()))

    def write(self, out: Path) -> Path:
        """Write ``out``'s manifest atomically."""
        videos = [entry.to_json() for entry in self.entries]
        return write_atomically(out / MANIFEST, json.dumps({"videos": videos}, indent=2) + "\n")


def add_to_manifest(out: Path, entries: Iterable[ManifestEntry]) -> Path:
    """Merge ``entries`` into ``out``'s manifest, written atomically."""
    return Manifest.read(out).merged(entries).write(out)

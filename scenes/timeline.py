"""A lesson's beats as played: name, caption, seconds and spoken words, for pacing,
subtitles and the voice."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import astuple, dataclass

LEAD = 0.2    # seconds from a beat's start to its first word
BREATH = 0.5  # seconds kept after a beat's last word
WORDS_PER_SECOND = 5.0   # a quick reader of clips; a caption shown for less cannot be read


def reading_seconds(caption: str) -> float:
    """How long a caption must stay up to be read: its words at WORDS_PER_SECOND."""
    return len(caption.split()) / WORDS_PER_SECOND


@dataclass(frozen=True)
class Beat:
    """One beat as played: its name, its caption, how long it lasted and what a voice
    says for it."""

    name: str
    caption: str
    seconds: float
    spoken: str = ""
    start: float = 0.0  # when it began, in seconds from the lesson's start


def timeline_json(beats: Sequence[Beat], seconds: float) -> str:
    """A timeline as JSON: its whole length and each beat's fields in order."""
    return json.dumps({"seconds": seconds, "beats": [list(astuple(beat)) for beat in beats]})


def read_timeline(text: str) -> tuple[list[Beat], float]:
    """The beats and whole length of a timeline written by :func:`timeline_json`."""
    data = json.loads(text)
    return [Beat(*row) for row in data["beats"]], data["seconds"]

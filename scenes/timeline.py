"""A lesson's beats as played: name, caption, seconds and spoken words, for pacing,
subtitles and the voice."""

from __future__ import annotations

from dataclasses import dataclass

LEAD = 0.2    # seconds from a beat's start to its first word
BREATH = 0.5  # seconds kept after a beat's last word


@dataclass(frozen=True)
class Beat:
    """One beat as played: its name, its caption, how long it lasted and what a voice
    says for it."""

    name: str
    caption: str
    seconds: float
    spoken: str = ""
    start: float = 0.0  # when it began, in seconds from the lesson's start

"""A lesson's beats as played: name, caption and seconds, for pacing and subtitles."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Beat:
    """One beat as played: its name, its caption and how long it lasted."""

    name: str
    caption: str
    seconds: float

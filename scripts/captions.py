"""Captions: Manim's SubRip (.srt) as WebVTT for browsers, and several joined into one."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta
from pathlib import Path

import srt


def to_vtt(subrip: str) -> str:
    """WebVTT text from SubRip text: the header, ``.`` before the milliseconds, and
    ``&``, ``<``, ``>`` escaped (WebVTT reads them as markup)."""
    cues = [f"\n{_stamp(cue.start)} --> {_stamp(cue.end)}\n{_escape(cue.content)}\n"
            for cue in srt.parse(subrip)]
    return "WEBVTT\n" + "".join(cues)


def write_vtt(subrip: Path, target: Path) -> Path:
    """Write the WebVTT version of the SubRip file ``subrip`` to ``target``."""
    target.write_text(to_vtt(subrip.read_text(encoding="utf-8")), encoding="utf-8")
    return target


def joined(parts: Iterable[tuple[str, float]]) -> str:
    """One SubRip text from ``(subrip, offset in seconds)`` pairs: each part's cues
    shifted by its offset, all renumbered."""
    cues = []
    for subrip, offset in parts:
        shift = timedelta(seconds=offset)
        cues += [srt.Subtitle(0, cue.start + shift, cue.end + shift, cue.content)
                 for cue in srt.parse(subrip)]
    return srt.compose(cues)


def _stamp(time: timedelta) -> str:
    milliseconds = round(time.total_seconds() * 1000)
    hours, rest = divmod(milliseconds, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    seconds, milliseconds = divmod(rest, 1000)
    return f"{hours:02d}:{minutes:02d}:{seconds:02d}.{milliseconds:03d}"


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")

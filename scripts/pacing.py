"""Pacing for clips: a portrait video keeps to ``max_seconds`` by playing faster.

Every run time and wait of a lesson is scaled by one factor, its pace. Faster
than ``MIN_PACE``, or sped up so that a caption can no longer be read, the
lesson does not fit, and ``calcreel check`` says so.
"""

from __future__ import annotations

from collections.abc import Sequence

from scenes.timeline import Beat

MIN_PACE = 0.5           # at most twice as fast as the lesson's own timing
DENSE_PACE = 0.8         # a caption already quick to read speeds up by a fifth at most
WORDS_PER_SECOND = 5.0   # a quick reader of clips; a caption shown for less cannot be read


class CannotFit(ValueError):
    """The lesson cannot be played within the clip's length."""


def pace_to_fit(beats: Sequence[Beat], seconds: float, max_seconds: float) -> float:
    """The pace (1 = the lesson's own timing) at which a lesson of ``seconds`` with
    these ``beats`` lasts at most ``max_seconds``; raises CannotFit when none will do."""
    pace = min(1.0, max_seconds / seconds)
    if pace < MIN_PACE:
        raise CannotFit(
            f"the lesson lasts {seconds:.1f} s; even {1 / MIN_PACE:g}x faster it lasts "
            f"{seconds * MIN_PACE:.1f} s, over max_seconds = {max_seconds:g}")
    for beat in beats:
        words = len(beat.caption.split())
        shortest = min(beat.seconds * DENSE_PACE, words / WORDS_PER_SECOND)
        if beat.seconds * pace < shortest - 1e-9:
            raise CannotFit(
                f"at {max_seconds:g} s the beat '{beat.name}' shows its {words}-word "
                f"caption for {beat.seconds * pace:.1f} s, too short to read")
    return pace

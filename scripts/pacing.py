"""Pacing for clips: a portrait video keeps to ``max_seconds`` by playing faster.

Every run time and wait of a lesson is scaled by one factor, its pace. Faster
than ``MIN_PACE``, or sped up so that a caption can no longer be read, the
lesson does not fit, and ``calcreel check`` says so. A voiced beat lasts at least
as long as its words, which may be sped up to ``MAX_TEMPO`` (pitch kept). Where
even that runs over, the clip leaves its kind's asides (``LessonBase.asides``) to
their captions, one at a time, as an editor cuts a lecture down to a short.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from fnmatch import fnmatch

from scenes.timeline import BREATH, LEAD, Beat, reading_seconds

MIN_PACE = 0.5           # at most twice as fast as the lesson's own timing
DENSE_PACE = 0.8         # a caption already quick to read speeds up by a fifth at most
MAX_TEMPO = 1.2          # a voice is sped up by a fifth at most


@dataclass(frozen=True)
class Pacing:
    """How a video plays: its run times scaled by ``pace``, its voice sped up ``tempo``x,
    the beats in ``unsaid`` shown with their captions only."""

    pace: float = 1.0
    tempo: float = 1.0
    unsaid: tuple[str, ...] = ()


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
        if beat.seconds * pace < min(beat.seconds * DENSE_PACE,
                                     reading_seconds(beat.caption)) - 1e-9:
            raise CannotFit(
                f"at {max_seconds:g} s the beat '{beat.name}' shows its "
                f"{len(beat.caption.split())}-word caption for {beat.seconds * pace:.1f} s, "
                f"too short to read")
    return pace


def voiced_seconds(beats: Sequence[Beat], seconds: float, speech: Mapping[str, float],
                   pacing: Pacing) -> float:
    """How long a lesson of ``seconds`` lasts at ``pacing`` when each beat named in
    ``speech`` lasts at least as long as its words (seconds at tempo 1) and a breath,
    and every other beat as long as its caption takes to read."""
    outside = seconds - sum(beat.seconds for beat in beats)
    return outside * pacing.pace + sum(
        max(beat.seconds * pacing.pace, LEAD + speech[beat.name] / pacing.tempo + BREATH
            if beat.name in speech else reading_seconds(beat.caption))
        for beat in beats)


def pace_with_voice(beats: Sequence[Beat], seconds: float, speech: Mapping[str, float],
                    max_seconds: float, asides: Sequence[str] = ()) -> Pacing:
    """The slowest pacing that keeps a voiced clip to ``max_seconds``: the animations
    sped up first (down to MIN_PACE), then the voice (up to MAX_TEMPO), then the beats
    matching ``asides`` left unsaid in turn (each held until its caption is read), and
    those that turn out not to be needed said again; CannotFit says by how much the
    clip is over when even all of that will not do."""
    spare = [beat.name for pattern in asides for beat in beats
             if fnmatch(beat.name, pattern) and beat.name in speech]

    def attempt(unsaid: list[str]) -> Pacing | CannotFit:
        said = {name: s for name, s in speech.items() if name not in unsaid}
        try:
            return replace(_pace_voice(beats, seconds, said, max_seconds, unsaid),
                           unsaid=tuple(unsaid))
        except CannotFit as error:
            return error

    unsaid: list[str] = []
    while isinstance(pacing := attempt(unsaid), CannotFit):
        if not spare:
            raise pacing
        unsaid.append(spare.pop(0))
    for name in reversed(pacing.unsaid):  # the most needed first
        fewer = [other for other in unsaid if other != name]
        if isinstance(again := attempt(fewer), Pacing):
            unsaid, pacing = fewer, again
    return pacing


def _pace_voice(beats: Sequence[Beat], seconds: float, speech: Mapping[str, float],
                max_seconds: float, unsaid: Sequence[str]) -> Pacing:
    """pace_with_voice with every beat in ``speech`` said."""
    if not speech:
        return Pacing(pace_to_fit(beats, seconds, max_seconds))

    def fits(pacing: Pacing) -> bool:
        return voiced_seconds(beats, seconds, speech, pacing) <= max_seconds + 1e-6

    if fits(Pacing()):
        return Pacing()
    if fits(Pacing(MIN_PACE)):
        return Pacing(_bisect(lambda pace: fits(Pacing(pace)), MIN_PACE, 1.0))
    fastest = Pacing(MIN_PACE, MAX_TEMPO)
    if not fits(fastest):
        over = voiced_seconds(beats, seconds, speech, fastest) - max_seconds
        left = f" and {', '.join(unsaid)} unsaid" if unsaid else ""
        raise CannotFit(
            f"with its voice the clip lasts {max_seconds + over:.1f} s even with the "
            f"animations {1 / MIN_PACE:g}x and the voice {MAX_TEMPO:g}x faster{left}: "
            f"{over:.1f} s over max_seconds = {max_seconds:g}")
    return Pacing(MIN_PACE, _bisect(lambda tempo: not fits(Pacing(MIN_PACE, tempo)),
                                    1.0, MAX_TEMPO, want_high=True))


def _bisect(good, low: float, high: float, want_high: bool = False) -> float:  # noqa: ANN001
    """The largest value in [low, high] where ``good`` holds (``good(low)`` does), or with
    ``want_high`` the smallest where it stops failing (``good(high)`` fails)."""
    for _ in range(40):
        middle = (low + high) / 2
        low, high = (middle, high) if good(middle) else (low, middle)
    return high if want_high else low

"""The verdict table that critical_points and extrema fill in: one row and one beat for
each shown point (``point-1``, ``point-2``, ...), its verdict cell and its marker in the
verdict's colour; then one beat, ``more``, for the points beyond its rows
(:mod:`scenes.verdict_rows`)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from manim import LEFT, FadeIn, Indicate, MathTable, VGroup

from mathcore.verdicts import Verdict
from scenes.base import LessonMixin, ruled_table
from scenes.theme import Theme


@dataclass(frozen=True)
class RowPace:
    """How a row arrives, in seconds: it fades in as its marker takes the verdict's colour
    (``arrive``), the marker swells ``swell`` times and back (``flash``), a ``pause``."""

    arrive: float
    flash: float
    swell: float
    pause: float


def verdict_table(rows: list[list[str]], headers: list[str], verdicts: Sequence[Verdict],
                  theme: Theme, font_size: float) -> MathTable:
    """A ruled table of LaTeX ``rows``, the last cell of each in its verdict's colour."""
    table = ruled_table(rows, headers, theme, font_size)
    for row, verdict in zip(table.get_rows()[1:], verdicts):
        row[-1].set_color(theme.colour(verdict))
    return table


def play_rows(scene: LessonMixin, table: MathTable, markers: VGroup, points: Sequence[Any],
              caption: Callable[[Any], str], more: str | None, pace: RowPace,
              poster: bool = False) -> None:
    """A beat for each point (one with a verdict ``type``), captioned by ``caption``: the
    next row fades in and the next marker flashes in the verdict's colour; the last one
    is the poster if ``poster``. Then the ``more`` beat, if there is a caption for it."""
    for index, (point, row, marker) in enumerate(
            zip(points, table.get_rows()[1:], markers), start=1):
        with scene.beat(f"point-{index}", caption, point):
            colour = scene.theme.colour(point.type)
            scene.play(FadeIn(row, shift=LEFT * 0.2), marker.animate.set_fill(colour),
                       run_time=pace.arrive)
            scene.play(Indicate(marker, color=colour, scale_factor=pace.swell),
                       run_time=pace.flash)
            if poster and index == len(points):
                scene.mark_poster()
            scene.wait(pace.pause)
    if more is not None:
        with scene.beat("more", more):
            scene.wait(2.0)

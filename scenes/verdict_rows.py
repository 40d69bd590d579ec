"""Which classified points get a row of the verdict table, and what is said of the rest;
shared by the kinds that classify points (critical_points, extrema). No Manim here: the
table is drawn by :mod:`scenes.verdict_table`."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

MAX_ROWS = 6  # rows of a verdict table; the points beyond them are only counted

Point = TypeVar("Point")


def shown_rows(points: Sequence[Point]) -> tuple[Point, ...]:
    """The points that get a row: the first MAX_ROWS."""
    return tuple(points[:MAX_ROWS])


def more_caption(points: Sequence) -> str | None:
    """The caption of the ``more`` beat, or None when every point has its row.

    >>> more_caption(range(8))
    'and 2 more points, classified the same way'
    >>> more_caption(range(6)) is None
    True
    """
    hidden = len(points) - MAX_ROWS
    return f"and {hidden} more points, classified the same way" if hidden > 0 else None

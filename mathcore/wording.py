"""Words for mathematics in captions and messages: "a, b and c", intervals, points
and where a function is undefined."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import TypeVar

import sympy

from mathcore import speech
from mathcore.numbers import real_number
from mathcore.speech import and_list

T = TypeVar("T")


def _x_is(value: sympy.Expr) -> str:
    return f"x = {value}"


def points_text(points: Iterable[T], write: Callable[[T], str] = _x_is) -> str:
    """``x = -1 and x = 1``: each point written by ``write`` (a caption passes its own,
    for ``(-5, 0) and (5, 0)`` or ``x ≈ 1.075``), joined by :func:`and_list`."""
    return and_list([write(p) for p in points])


def interval_text(interval: sympy.Interval | Sequence[sympy.Expr],
                  write: Callable[[sympy.Expr], str] = str) -> str:
    """``[-1, 1]``, ``(-1, 2)``, ``[0, 1)`` ...: an Interval, or the ends of a closed one,
    each end written by ``write`` (a caption passes ``scenes.notation.number``)."""
    closed = not isinstance(interval, sympy.Interval)
    low, high = interval if closed else (interval.start, interval.end)
    if speech.speaking():
        return speech.interval_words(write(low), write(high), not closed and interval.left_open,
                                     not closed and interval.right_open)
    left = "[" if closed or not interval.left_open else "("
    right = "]" if closed or not interval.right_open else ")"
    return f"{left}{write(low)}, {write(high)}{right}"


def where_text(gaps: sympy.Set) -> str:
    """``at x = 0``, ``on (-1, 1)``, ``at x = -1 and on (0, 1]`` for a set of points."""
    pieces = gaps.args if isinstance(gaps, sympy.Union) else (gaps,)
    texts = [f"at {points_text(sorted(p, key=real_number))}" if isinstance(p, sympy.FiniteSet)
             else f"on {interval_text(p)}" for p in pieces]
    return " and ".join(texts)

"""Asymptote and pole exercises: check --json's graphs analysis against the book.

Values on both sides are read by ``mathcore.parse`` and compared exactly.
"""

from __future__ import annotations

import pytest
import sympy

from mathcore.parse import parse_formula

KIND = "graphs"
pytestmark = pytest.mark.xdist_group("corpus-graphs")


def read(text: str) -> sympy.Expr:
    return parse_formula(str(text), ())


def same(ours: list[sympy.Expr], book: list[sympy.Expr]) -> bool:
    """The same numbers in the same order."""
    return len(ours) == len(book) and all(sympy.simplify(a - b) == 0
                                          for a, b in zip(ours, book, strict=True))


def test_asymptotes_and_poles_match_the_book(exercise, analysis):
    answer, (features,) = exercise["answer"], analysis["functions"]
    heights = [read(text.removeprefix("y = ")) for text in features["asymptotes"]]
    if "asymptotes" in answer:
        assert same(heights, [read(v) for v in answer["asymptotes"]]), features["asymptotes"]
    if "asymptote" in answer:
        assert any(sympy.simplify(h - read(answer["asymptote"])) == 0 for h in heights), heights
    if "poles" in answer:
        assert same([read(p) for p in features["poles"]], [read(v) for v in answer["poles"]]), \
            features["poles"]

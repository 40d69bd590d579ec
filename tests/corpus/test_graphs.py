"""Asymptote, pole and identity exercises: check --json's graphs analysis against the book.

Values on both sides are read by ``mathcore.parse`` and compared exactly; an identity
holds or not as the book says, and a false one comes with a counterexample where its
two sides really differ.
"""

from __future__ import annotations

import pytest
import sympy

from mathcore.parse import parse_formula
from mathcore.symbols import x

KIND = "graphs"
pytestmark = pytest.mark.xdist_group("corpus-graphs")
APART = 1e-6  # the least relative gap |lhs - rhs| / (1 + |lhs| + |rhs|) of a counterexample


def read(text: str) -> sympy.Expr:
    return parse_formula(str(text), ())


def same(ours: list[sympy.Expr], book: list[sympy.Expr]) -> bool:
    """The same numbers in the same order."""
    return len(ours) == len(book) and all(sympy.simplify(a - b) == 0
                                          for a, b in zip(ours, book, strict=True))


def sides_differ(identity: str, at: sympy.Expr) -> bool:
    """Both sides of ``lhs = rhs`` are real at x = ``at`` (to 30 digits) and clearly apart."""
    left, right = (parse_formula(side, ("x",)).subs(x, at).evalf(30)
                   for side in identity.split("="))
    if not (left.is_real and right.is_real):
        return False
    return abs(left - right) > APART * (1 + abs(left) + abs(right))


def check_features(answer: dict, analysis: dict) -> None:
    (features,) = analysis["functions"]
    heights = [read(text.removeprefix("y = ")) for text in features["asymptotes"]]
    if "asymptotes" in answer:
        assert same(heights, [read(v) for v in answer["asymptotes"]]), features["asymptotes"]
    if "asymptote" in answer:
        assert any(sympy.simplify(h - read(answer["asymptote"])) == 0 for h in heights), heights
    if "poles" in answer:
        assert same([read(p) for p in features["poles"]], [read(v) for v in answer["poles"]]), \
            features["poles"]


def check_identities(lesson: dict, answer: list[dict], analysis: dict) -> None:
    ours = analysis["identities"]
    assert [i["identity"] for i in ours] == lesson["identities"]
    assert len(ours) == len(answer)
    for mine, book in zip(ours, answer, strict=True):
        assert mine["holds"] is book["holds"], mine
        if book["holds"]:
            assert mine["counterexample"] is None, mine
            continue
        assert mine["counterexample"] is not None, mine
        assert sides_differ(mine["identity"], sympy.Float(mine["counterexample"], 30)), mine
        if "at" in book:  # the book's own counterexample, as transcribed
            assert sides_differ(mine["identity"], read(book["at"])), book


def test_the_graphs_match_the_book(exercise, analysis):
    answer = exercise["answer"]
    assert answer.keys() <= {"asymptotes", "asymptote", "poles", "identities"}, answer
    if answer.keys() - {"identities"}:
        check_features(answer, analysis)
    if "identities" in answer:
        check_identities(exercise["lesson"], answer["identities"], analysis)

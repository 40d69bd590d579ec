"""The notes under a graph: the sizes each arrangement is judged by are the sizes
Manim's own ``arrange`` gives the parts laid out that way."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from manim import MathTex, Rectangle, Text

from scenes.graph_scene import _arranged, _arrangements, _sizes

BOXES = st.lists(st.tuples(st.floats(0.05, 6.0), st.floats(0.05, 3.0)), min_size=1,
                 max_size=5)


def laid_out(parts, buff: float) -> dict:
    """Width and height of every arrangement, laid out by Manim on copies."""
    sizes = {}
    for across, groups in _arrangements(len(parts)):
        block = _arranged([p.copy() for p in parts], across, groups, buff)
        sizes[across, tuple(map(tuple, groups))] = (block.width, block.height)
    return sizes


def assert_same(found: dict, expected: dict) -> None:
    assert found.keys() == expected.keys()
    for key, (width, height) in expected.items():
        assert found[key] == (pytest.approx(width, abs=1e-9), pytest.approx(height, abs=1e-9))


@settings(max_examples=40, deadline=None)
@given(BOXES, st.floats(0.0, 1.0))
def test_sizes_of_boxes_match_manims_arrange(boxes, buff):
    parts = [Rectangle(width=w, height=h).shift([i, -i, 0]) for i, (w, h) in enumerate(boxes)]
    assert_same(_sizes(parts, buff), laid_out(parts, buff))


def test_sizes_of_text_and_formulas_match_manims_arrange():
    parts = [Text("x0 = (1.5, -1)", font_size=30), MathTex(r"\nabla f = (2x, 4y)"),
             Text("step 0.1", font_size=24), MathTex(r"f(x^*) = -2.25")]
    sizes = _sizes(parts, 0.35)
    assert len(sizes) == 15  # 8 ways to cut four notes into runs, 7 of them also as rows
    assert_same(sizes, laid_out(parts, 0.35))

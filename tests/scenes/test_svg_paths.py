"""Copies of Text and MathTex share their parsed SVG paths and nothing else."""

from __future__ import annotations

import numpy as np
from manim import RIGHT, MathTex, Text

import scenes.base  # noqa: F401  (what every scene imports, and with it svg_paths)


def parts(mobject):
    return mobject.family_members_with_points()


def test_a_copy_shares_each_parts_path_but_owns_its_points_and_colours():
    for original in (Text("peaks, pits", font_size=30), MathTex(r"f_{xx} f_{yy} - f_{xy}^2")):
        copy = original.copy()
        pairs = list(zip(parts(original), parts(copy), strict=True))
        assert len(pairs) > 5
        for mine, theirs in pairs:
            assert theirs.path_obj is mine.path_obj
            assert theirs.points is not mine.points
            np.testing.assert_array_equal(theirs.points, mine.points)
        before = [part.points.copy() for part in parts(original)]
        copy.shift(RIGHT).set_color("#ff0000")
        for part, points in zip(parts(original), before, strict=True):
            np.testing.assert_array_equal(part.points, points)
        assert original.get_color().to_hex() != "#FF0000"


def test_a_text_parsed_again_is_the_same_as_the_first():
    first = Text("step 0.1 downhill", font_size=24, use_svg_cache=True)
    again = Text("step 0.1 downhill", font_size=24, use_svg_cache=True)
    assert len(parts(first)) == len(parts(again)) == 15  # the letters and digits, not the spaces
    for a, b in zip(parts(first), parts(again), strict=True):
        np.testing.assert_array_equal(a.points, b.points)

"""A number that changes as it is watched (a swept coefficient): redrawn only when its
digits change, from bare copies of its glyphs' outlines."""

from __future__ import annotations

from typing import Any

import numpy as np
from manim import DecimalNumber, VMobject
from manim.mobject.text.numbers import string_to_mob_map


class Counter(DecimalNumber):
    """A DecimalNumber for values set every frame. Manim rebuilds every digit on each
    ``set_value`` by deep-copying a whole MathTex (4-20 ms a digit, more than the
    frame); a Counter keeps the digits shown when their rounding has not changed, and
    builds new ones as one outline each, copied from Manim's glyph cache."""

    def set_value(self, number: float) -> Counter:
        shown = round(number, self.num_decimal_places)
        if shown != self.get_value():
            super().set_value(shown)
        return self

    def _string_to_mob(self, string: str, mob_class: type | None = None,
                       **kwargs: Any) -> VMobject:
        if string not in string_to_mob_map:
            string_to_mob_map[string] = (mob_class or self.mob_class)(string, **kwargs)
        glyph = string_to_mob_map[string]
        parts = glyph.family_members_with_points()
        outline = VMobject().set_points(np.vstack([part.points for part in parts]))
        return outline.match_style(parts[0]).scale(self._font_size / glyph.font_size)

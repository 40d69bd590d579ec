"""Copies of mobjects drawn from SVG (Text, MathTex) share the parsed SVG paths their
parts were built from, instead of deep-copying them.

Manim keeps each part's svgelements ``Path`` once it has turned it into Bézier points,
and never reads it again, but ``Mobject.copy`` deep-copied it all the same: 51 of the
58 ms a 72-letter Text took to copy. Manim copies mobjects at the start of every
Transform and fade, and keeps a copy of each SVG it parses. A path is changed only
while its part is being built (its arcs turned into curves), before any copy exists,
so sharing it changes nothing drawn."""

from __future__ import annotations

from typing import Any

import svgelements


def _shared(path: svgelements.Path, memo: dict[int, Any]) -> svgelements.Path:
    """A deep copy of a parsed path: the path itself."""
    return path


svgelements.Path.__deepcopy__ = _shared

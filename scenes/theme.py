"""Colours: the same language in every video. A verdict has one colour in every kind
(``Theme.verdicts``): a local min is blue, a local max red, a saddle gold."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from mathcore.verdicts import Verdict


@dataclass(frozen=True)
class Theme:
    """One palette; ``colour`` gives a verdict's."""

    name: str
    background: str
    text: str
    muted: str
    main: str
    verdicts: Mapping[Verdict, str]  # every verdict's colour
    tangent: str
    secant: str
    approximation: str
    caption_fill: str
    height_scale: tuple[str, ...]
    family: tuple[str, ...]  # several functions on one set of axes, after the main colour
    font: str = "DejaVu Sans"

    def colour(self, verdict: Verdict) -> str:
        """The colour of a verdict."""
        return self.verdicts[verdict]


DARK = Theme(
    name="dark",
    background="#10131A",
    text="#F2F2F2",
    muted="#A0A7B4",
    main="#C792EA",
    verdicts={Verdict.LOCAL_MIN: "#4DA3FF", Verdict.LOCAL_MAX: "#FF5C5C",
              Verdict.SADDLE: "#F2C14E", Verdict.INCONCLUSIVE: "#9AA0A6",
              Verdict.NEITHER: "#9AA0A6", Verdict.UNKNOWN: "#9AA0A6"},
    tangent="#FFE14D",
    secant="#5BD67A",
    approximation="#FF9F43",
    caption_fill="#000000",
    height_scale=("#1B2A6B", "#1F6F8B", "#3FA66B", "#D9C36A"),
    family=("#C792EA", "#2EC4B6", "#F78FB3", "#A3BE8C", "#E0E0E0", "#7FB2F0"),
)

LIGHT = Theme(
    name="light",
    background="#FFFFFF",
    text="#1B1E24",
    muted="#5B6270",
    main="#7B3FC4",
    verdicts={Verdict.LOCAL_MIN: "#1565C0", Verdict.LOCAL_MAX: "#C62828",
              Verdict.SADDLE: "#B8860B", Verdict.INCONCLUSIVE: "#6B7078",
              Verdict.NEITHER: "#6B7078", Verdict.UNKNOWN: "#6B7078"},
    tangent="#C9A400",
    secant="#2E8B3E",
    approximation="#E06A00",
    caption_fill="#FFFFFF",
    height_scale=("#1F3B73", "#2E7D8C", "#6DBE8B", "#D9CF7A"),
    family=("#7B3FC4", "#00897B", "#C2185B", "#5A7D2A", "#37474F", "#1E5AA8"),
)

THEMES = {theme.name: theme for theme in (DARK, LIGHT)}
MIX_STEPS = 40  # how finely readable() mixes a colour towards the text colour


def contrast(a: str, b: str) -> float:
    """The WCAG contrast ratio of two ``#RRGGBB`` colours, from 1 (the same) to 21."""
    lighter, darker = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def readable(colour: str, theme: Theme, ratio: float = 3.0) -> str:
    """``colour``, or the least mix of it towards the theme's text colour (lighter on
    the dark theme, darker on the light) that stands ``ratio`` clear of its background
    by :func:`contrast`."""
    for step in range(MIX_STEPS + 1):
        mixed = _mix(colour, theme.text, step / MIX_STEPS)
        if contrast(mixed, theme.background) >= ratio:
            return mixed
    return theme.text


def _rgb(colour: str) -> tuple[float, ...]:
    return tuple(int(colour.lstrip("#")[k:k + 2], 16) / 255 for k in (0, 2, 4))


def _luminance(colour: str) -> float:
    """WCAG relative luminance of an sRGB colour."""
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
               for c in _rgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _mix(a: str, b: str, t: float) -> str:
    """The colour ``t`` of the way from ``a`` to ``b``, as ``#RRGGBB``."""
    return "#" + "".join(f"{round((p + (q - p) * t) * 255):02X}"
                         for p, q in zip(_rgb(a), _rgb(b)))

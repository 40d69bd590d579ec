"""Colours: the same language in every video (see LESSONS.md)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Theme:
    """One palette. ``kind_colour`` maps a verdict to its colour."""

    name: str
    background: str
    text: str
    muted: str
    main: str
    local_min: str
    local_max: str
    saddle: str
    inconclusive: str
    tangent: str
    secant: str
    approximation: str
    caption_fill: str
    height_scale: tuple[str, ...]
    family: tuple[str, ...]  # several functions on one set of axes, after the main colour
    font: str = "DejaVu Sans"

    def kind_colour(self, kind: str) -> str:
        """The colour of a verdict: local min, local max, saddle, anything else."""
        return {
            "local min": self.local_min,
            "local max": self.local_max,
            "saddle": self.saddle,
        }.get(kind, self.inconclusive)


DARK = Theme(
    name="dark",
    background="#10131A",
    text="#F2F2F2",
    muted="#A0A7B4",
    main="#C792EA",
    local_min="#4DA3FF",
    local_max="#FF5C5C",
    saddle="#F2C14E",
    inconclusive="#9AA0A6",
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
    local_min="#1565C0",
    local_max="#C62828",
    saddle="#B8860B",
    inconclusive="#6B7078",
    tangent="#C9A400",
    secant="#2E8B3E",
    approximation="#E06A00",
    caption_fill="#FFFFFF",
    height_scale=("#1F3B73", "#2E7D8C", "#6DBE8B", "#D9CF7A"),
    family=("#7B3FC4", "#00897B", "#C2185B", "#5A7D2A", "#37474F", "#1E5AA8"),
)

THEMES = {theme.name: theme for theme in (DARK, LIGHT)}

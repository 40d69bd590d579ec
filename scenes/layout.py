"""Where things go on the frame, per shape. Scenes read geometry from here.

Coordinates are Manim scene units; the frame is centred on the origin.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Region:
    """An axis-aligned box: centre and size in scene units."""

    x: float
    y: float
    width: float
    height: float

    @property
    def centre(self) -> tuple[float, float, float]:
        return (self.x, self.y, 0.0)


@dataclass(frozen=True)
class Layout:
    """The geometry of one shape: frame, safe margins, regions and text sizes."""

    shape: str
    frame_width: float
    frame_height: float
    margin: float
    heading: Region
    main: Region
    side: Region
    caption: Region
    title_size: float
    heading_size: float
    body_size: float
    caption_size: float

    @property
    def safe_width(self) -> float:
        return self.frame_width - 2 * self.margin


LANDSCAPE = Layout(
    shape="landscape",
    frame_width=16 * 8 / 9,
    frame_height=8.0,
    margin=0.3,
    heading=Region(0.0, 3.35, 13.4, 0.7),
    main=Region(-3.35, -0.15, 6.9, 5.6),
    side=Region(3.65, -0.15, 5.9, 5.6),
    caption=Region(0.0, -3.4, 13.0, 0.62),
    title_size=54,
    heading_size=34,
    body_size=30,
    caption_size=26,
)

LAYOUTS = {layout.shape: layout for layout in (LANDSCAPE,)}

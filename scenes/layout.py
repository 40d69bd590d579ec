"""Where things go on the frame, per shape. Scenes read geometry from here.

Coordinates are Manim scene units; the frame is centred on the origin.
"""

from __future__ import annotations

from dataclasses import dataclass

TEXT_CANVAS = 8192  # pixels Pango lays text out on: wider than any line, at any size


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

    @property
    def left(self) -> float:
        return self.x - self.width / 2

    @property
    def right(self) -> float:
        return self.x + self.width / 2

    @property
    def bottom(self) -> float:
        return self.y - self.height / 2

    @property
    def top(self) -> float:
        return self.y + self.height / 2


@dataclass(frozen=True)
class Layout:
    """The geometry of one shape: frame, safe area, regions and text sizes.

    Everything drawn must lie inside ``safe``: the frame less its margins and, in
    portrait, less the bottom fifth and the right edge where apps draw their buttons.
    ``stacked`` says that ``side`` lies under ``main`` rather than beside it.
    The shape's policies: ``is_clip``, a short clip kept to the course's ``max_seconds``;
    ``in_lecture``, its videos are the ones joined into ``lecture.mp4``.
    """

    shape: str
    frame_width: float
    frame_height: float
    safe: Region
    heading: Region
    main: Region
    side: Region
    caption: Region
    title_size: float
    heading_size: float
    body_size: float
    caption_size: float
    stacked: bool = False
    is_clip: bool = False
    in_lecture: bool = False

    @property
    def safe_width(self) -> float:
        return self.safe.width

    @property
    def aspect(self) -> float:
        return self.frame_width / self.frame_height

    def above_caption(self, region: Region) -> Region:
        """``region`` less the band at its bottom that the caption strip may cover."""
        bottom = max(region.bottom, self.caption.top + 0.05)
        return Region(region.x, (bottom + region.top) / 2, region.width, region.top - bottom)


LANDSCAPE = Layout(
    shape="landscape",
    frame_width=16 * 8 / 9,
    frame_height=8.0,
    safe=Region(0.0, 0.0, 16 * 8 / 9 - 0.5, 7.5),
    heading=Region(0.0, 3.35, 13.4, 0.7),
    main=Region(-3.35, -0.15, 6.9, 5.6),
    side=Region(3.65, -0.15, 5.9, 5.6),
    caption=Region(0.0, -3.275, 13.0, 0.95),
    title_size=54,
    heading_size=34,
    body_size=30,
    caption_size=26,
    in_lecture=True,
)

# 9:16 for shorts and reels, 8 units wide. The safe area leaves the bottom fifth
# (captions, the account name) and a band on the right (like, comment, share) to the app.
PORTRAIT = Layout(
    shape="portrait",
    frame_width=8.0,
    frame_height=16 * 8 / 9,
    safe=Region(-0.325, 1.21, 6.65, 10.9),
    heading=Region(-0.325, 6.2, 6.5, 0.9),
    main=Region(-0.325, 2.95, 6.5, 5.3),
    side=Region(-0.325, -1.3, 6.5, 2.9),
    caption=Region(-0.325, -3.54, 6.5, 1.4),
    title_size=50,
    heading_size=34,
    body_size=30,
    caption_size=28,
    stacked=True,
    is_clip=True,
)

# 1:1 for feeds, 10 units a side: the notes sit under the picture.
SQUARE = Layout(
    shape="square",
    frame_width=10.0,
    frame_height=10.0,
    safe=Region(0.0, 0.0, 9.5, 9.5),
    heading=Region(0.0, 4.3, 9.2, 0.7),
    main=Region(0.0, 1.45, 9.2, 4.7),
    side=Region(0.0, -2.2, 9.2, 2.3),
    caption=Region(0.0, -4.0, 9.2, 1.3),
    title_size=50,
    heading_size=32,
    body_size=28,
    caption_size=26,
    stacked=True,
)

LAYOUTS = {layout.shape: layout for layout in (LANDSCAPE, PORTRAIT, SQUARE)}
# The shape whose videos make the lecture (the unpacking insists there is exactly one).
(LECTURE,) = (layout for layout in LAYOUTS.values() if layout.in_lecture)

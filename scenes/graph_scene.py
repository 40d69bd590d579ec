"""What the one-variable kinds draw alike: :class:`GraphScene` (axes, graph, dots,
clipped lines, labels placed where they cover least, the notes beside or under the
graph). Their Manim-free parts live elsewhere: the formula-in-x field in
:mod:`scenes.params`, number readings in :mod:`scenes.notation`, the "a, b and c"
joins and intervals in :mod:`mathcore.wording`."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import sympy
from manim import (
    DL,
    DOWN,
    DR,
    LEFT,
    ORIGIN,
    RIGHT,
    UL,
    UP,
    UR,
    Animation,
    Create,
    DashedLine,
    Dot,
    FadeIn,
    Line,
    MathTex,
    Mobject,
    Rectangle,
    VGroup,
)

from mathcore.numeric import numeric_function
from mathcore.symbols import x
from mathcore.window import graph_window
from scenes.base import LessonScene, fit
from scenes.layout import Region
from scenes.notation import tex
from scenes.plot2d import graph
from scenes.plot_room import axes_within, plot_region

LABEL_SIZE = 30         # labels on the graph
NOTE_SIZE = 36          # formulas and tables on the side
STACKED_SIZES = {"number_size": 26, "label_size": 34}  # axes read on a phone held upright
STACKED_LABEL_SIZE = 34  # labels on the graph, when it fills a phone's width
CAPTION_CLEARANCE = 0.12   # scene units kept between notes under the graph and the caption
NOTES_GAP = 0.6            # scene units between notes set side by side under the graph
AROUND = (UL, UR, DR, DL, LEFT, RIGHT, UP, DOWN)  # where a point's label may go, in order
LABEL_GAPS = (0.12, 0.45)  # how far from its point a label may stand, nearest first


def _outline(mobject: Mobject) -> np.ndarray:
    """Points along a mobject's strokes, straight lines sampled densely, for collisions."""
    parts = [np.linspace(m.get_start(), m.get_end(), 40) if isinstance(m, Line)
             else m.points for m in mobject.family_members_with_points()]
    return np.vstack(parts) if parts else np.zeros((0, 3))


def _covered(label: Mobject, points: np.ndarray) -> int:
    """How many of ``points`` lie under ``label``'s bounding box."""
    low, high = label.get_corner(DL)[:2], label.get_corner(UR)[:2]
    return int(np.all((points[:, :2] >= low) & (points[:, :2] <= high), axis=1).sum())


class GraphScene(LessonScene):
    """A lesson about one f(x): axes and graph in the main region, notes on the side."""

    @property
    def function(self) -> sympy.Expr:
        return self.analysis.function

    def title_formula(self) -> MathTex:
        return MathTex(rf"f(x) = {tex(self.function)}", color=self.theme.text)

    def draw_graph(self, window: Sequence[sympy.Expr], notes: Sequence[Mobject] = (),
                   buff: float = 0.35) -> None:
        """Build the axes and f's graph over ``window`` (not yet shown: see
        :meth:`play_graph`).

        Beside the notes (landscape) they fill the main region; over the notes (portrait,
        square) they also take the heading band these kinds leave empty, with numbers a
        size up, so the graph is as big as a phone allows, and give up some height when
        ``notes`` (the parts :meth:`notes_block` will lay out with ``buff``) need it."""
        self.f = numeric_function(self.function, (x,))
        y_range = graph_window([self.function], window)
        if self.layout.stacked:
            self.plot_area, self.notes_area = self.stacked_areas(notes, buff)
            self.axes = axes_within(window, y_range, self.plot_area, self.theme,
                                    **STACKED_SIZES)
        else:  # the caption strip may stand a little over the main region's foot
            self.plot_area = self.layout.above_caption(self.layout.main)
            self.axes = axes_within(window, y_range, self.plot_area, self.theme)
        self.curve = graph(self.axes, self.function, window, self.theme.main)

    def play_graph(self, behind: Sequence[Mobject] = (), then: Sequence[Animation] = ()) -> None:
        """The axes drawn, then f's graph with ``behind`` fading in under everything, then
        ``then`` (the points marked on it), and a pause to take it in."""
        self.play(Create(self.axes), run_time=1.0)
        self.bring_to_back(*behind)
        self.play(*(FadeIn(m) for m in behind), Create(self.curve), run_time=1.5)
        if then:
            self.play(*then, run_time=0.6)
        self.wait(0.8)

    @property
    def label_size(self) -> float:
        """Labels on the graph: a size up where the graph fills a phone's width."""
        return STACKED_LABEL_SIZE if self.layout.stacked else LABEL_SIZE

    def on_curve(self, at: float) -> np.ndarray:
        """The scene point of (at, f(at))."""
        return self.axes.c2p(at, self.f(float(at)))

    def note(self, content: str, colour: str | None = None) -> MathTex:
        """A formula for the side region."""
        return MathTex(content, font_size=NOTE_SIZE, color=colour or self.theme.text)

    def spot(self, at: float, colour: str) -> Dot:
        """A dot on the graph at x = ``at``."""
        return Dot(self.on_curve(at), radius=0.08, color=colour)

    def band(self, a: float, b: float) -> Rectangle:
        """The interval [a, b] shaded across the height of the axes."""
        y0, y1 = self.axes.y_range[:2]
        low, high = self.axes.c2p(a, y0), self.axes.c2p(b, y1)
        band = Rectangle(width=high[0] - low[0], height=high[1] - low[1], stroke_width=0,
                         fill_color=self.theme.muted, fill_opacity=0.15)
        return band.move_to((low + high) / 2)

    def tag(self, target: Mobject | np.ndarray, content: str,
            directions: Sequence[np.ndarray] = AROUND, colour: str | None = None,
            avoid: Sequence[Mobject] = ()) -> MathTex:
        """A small label beside ``target``, on the first side where it is clear of the
        axes, the graph and ``avoid``, on a backing that keeps it readable."""
        label = MathTex(content, font_size=self.label_size, color=colour or self.theme.text)
        label.add_background_rectangle(color=self.theme.background, opacity=0.75, buff=0.06)
        return self.place(label, [(target, d) for d in directions], avoid)

    def place(self, label: Mobject, spots: Sequence[tuple[Mobject | np.ndarray, np.ndarray]],
              avoid: Sequence[Mobject] = ()) -> Mobject:
        """Put ``label`` next to the first (target, direction) where, kept inside the main
        region, it covers nothing of the axes, the graph and ``avoid``: close by, else a
        little further out; else where it covers least."""
        obstacles = np.vstack([_outline(m) for m in (self.axes, self.curve, *avoid)])
        best = None
        for buff in LABEL_GAPS:
            for target, direction in spots:
                self.inside(label.next_to(target, direction, buff=buff))
                covered = _covered(label, obstacles)
                if covered == 0:
                    return label
                if best is None or covered < best[0]:
                    best = (covered, label.get_center())
        return label.move_to(best[1])

    def _main_bounds(self) -> tuple[np.ndarray, np.ndarray]:
        region = self.layout.above_caption(getattr(self, "plot_area", self.layout.main))
        half = np.array([region.width, region.height]) / 2
        return np.array(region.centre[:2]) - half, np.array(region.centre[:2]) + half

    def inside(self, mobject: Mobject) -> Mobject:
        """Shift ``mobject`` back into the main region (the graph's, once drawn) where it
        pokes out."""
        low, high = self._main_bounds()
        shift = (np.maximum(low - mobject.get_corner(DL)[:2], 0)
                 + np.minimum(high - mobject.get_corner(UR)[:2], 0))
        return mobject.shift([*shift, 0])

    def line_tag(self, line: Line, content: str, colour: str,
                 avoid: Sequence[Mobject] = ()) -> MathTex:
        """A label beside a line, as near its far end as there is room for."""
        label = MathTex(content, font_size=self.label_size, color=colour)
        label.add_background_rectangle(color=self.theme.background, opacity=0.75, buff=0.06)
        start, end = line.get_start(), line.get_end()
        spots = [(start + t * (end - start), d) for t in (0.85, 0.7, 0.55, 0.4, 0.25)
                 for d in (DR, UL, UR, DL)]
        return self.place(label, spots, (line, *avoid))

    def across(self, at: tuple[float, float], slope: float | None, colour: str,
               stroke_width: float = 4) -> Line:
        """The line through ``at`` with ``slope`` (None: vertical), clipped to the axes."""
        (x0, x1), (y0, y1) = self.axes.x_range[:2], self.axes.y_range[:2]
        px, py = at
        if slope is None:
            ends = ((px, y0), (px, y1))
        else:
            low, high = x0, x1
            if slope != 0:
                xa, xb = sorted((px + (y0 - py) / slope, px + (y1 - py) / slope))
                low, high = max(low, xa), min(high, xb)
            ends = ((low, py + slope * (low - px)), (high, py + slope * (high - px)))
        return Line(*(self.axes.c2p(*end) for end in ends), color=colour,
                    stroke_width=stroke_width)

    def x_mark(self, at: float, content: str, colour: str) -> VGroup:
        """A dashed drop from the graph to the x axis at ``at``, labelled below the axis."""
        foot = self.axes.x_axis.number_to_point(at)
        drop = DashedLine(self.on_curve(at), foot, color=colour, stroke_width=2,
                          dash_length=0.08)
        label = self.tag(foot, content, (DOWN, DR, DL, UR, UL), colour, (drop,))
        return VGroup(drop, label)

    def side_column(self, parts: Sequence[Mobject], region: Region | None = None,
                    buff: float = 0.35) -> VGroup:
        """Stack ``parts`` from the top of the side region, shrunk to fit it."""
        region = self.layout.above_caption(region or self.layout.side)
        for part in parts:
            fit(part, region.width)
        column = VGroup(*parts).arrange(DOWN, buff=buff)
        fit(column, region.width, region.height)
        return column.move_to(region.centre).align_to(region.centre + UP * region.height / 2,
                                                      UP)

    def notes_block(self, parts: Sequence[Mobject], region: Region | None = None,
                    buff: float = 0.35) -> VGroup:
        """Lay ``parts`` out in the side region and return them, in order, as a VGroup.

        Beside the graph (landscape) they form one column, as :meth:`side_column` does.
        Under it (portrait, square) the region is wide and low: runs of consecutive parts
        go side by side, in rows or in columns, whichever arrangement lets them be
        largest (one plain column when that fits at full size). The region is the one
        :meth:`draw_graph` left for these notes, if it was told of them."""
        if not self.layout.stacked:
            return self.side_column(parts, region, buff)
        region = self.layout.above_caption(region or getattr(self, "notes_area", self.layout.side))
        _, across, groups = _best_arrangement(_sizes(parts, buff), region)
        block = _arranged(list(parts), across, groups, buff)
        fit(block, region.width, region.height)
        block.move_to(region.centre).align_to(region.centre + UP * region.height / 2, UP)
        return VGroup(*parts)

    def stacked_areas(self, notes: Sequence[Mobject], buff: float) -> tuple[Region, Region]:
        """Portrait and square: the graph's area and the notes' under it. The graph takes
        the main region and the heading band above it; the notes the side region, or, when
        they would be shrunk there, as much more of the graph's height as lets them be
        largest while the graph keeps at least the main region's height."""
        plot, side = plot_region(self.layout), self.layout.above_caption(self.layout.side)
        gap = plot.bottom - side.top
        side = Region(side.x, side.y + CAPTION_CLEARANCE / 2, side.width,
                      side.height - CAPTION_CLEARANCE)
        sizes = _sizes(notes, buff) if notes else None

        def split(boundary: float) -> tuple[Region, Region]:
            top, bottom = plot.top, side.bottom
            return (Region(plot.x, (top + boundary) / 2, plot.width, top - boundary),
                    Region(side.x, (boundary - gap + bottom) / 2, side.width,
                           boundary - gap - bottom))

        highest = plot.top - min(self.layout.main.height, plot.height)
        boundaries = np.arange(plot.bottom, highest + 1e-9, 0.1) if sizes else [plot.bottom]
        scales = [_best_arrangement(sizes, split(b)[1])[0] if sizes else 1.0
                  for b in boundaries]
        enough = max(scales) - 0.02
        return split(next(b for b, s in zip(boundaries, scales) if s >= enough))


def _arrangements(count: int):
    """Every way to lay out ``count`` notes: (across, groups), the groups being runs of
    consecutive indices; across=True: groups side by side, each a column; False: groups
    one under another, each a row."""
    for cuts in range(2 ** (count - 1)):
        groups, start = [], 0
        for i in range(1, count):
            if cuts >> (i - 1) & 1:
                groups.append(list(range(start, i)))
                start = i
        groups.append(list(range(start, count)))
        yield True, groups
        if len(groups) < count:
            yield False, groups


def _sizes(parts: Sequence[Mobject], buff: float) -> dict:
    """Width and height of every arrangement of ``parts`` at full size, as
    :func:`_arranged` would make them: a run laid out along one direction is as long
    as its parts and gaps together and as thick as its thickest part, whatever they are
    aligned on. (Arranging copies took 1.7 s of a 10 s portrait rehearsal.)"""
    boxes = [(part.width, part.height) for part in parts]

    def column(boxes, gap):
        return max(w for w, _ in boxes), sum(h for _, h in boxes) + gap * (len(boxes) - 1)

    def row(boxes, gap):
        return sum(w for w, _ in boxes) + gap * (len(boxes) - 1), max(h for _, h in boxes)

    sizes = {}
    for across, groups in _arrangements(len(parts)):
        inner, outer = (column, row) if across else (row, column)
        blocks = [inner([boxes[i] for i in group], buff if across else NOTES_GAP)
                  for group in groups]
        sizes[across, tuple(map(tuple, groups))] = outer(blocks, NOTES_GAP if across else buff)
    return sizes


def _best_arrangement(sizes: dict, region: Region) -> tuple[float, bool, list[list[int]]]:
    """(scale, across, groups): the arrangement that fits ``region`` largest; of those as
    large, the one with the fewest parts side by side."""
    def key(item):
        (across, groups), (width, height) = item
        scale = min(1.0, region.width / width, region.height / height)
        return round(scale, 2), -(len(groups) if across else max(map(len, groups)))

    (across, groups), (width, height) = max(sizes.items(), key=key)
    scale = min(1.0, region.width / width, region.height / height)
    return scale, across, [list(g) for g in groups]


def _arranged(parts: list[Mobject], across: bool, groups: list[list[int]],
              buff: float) -> VGroup:
    """``parts`` arranged as :func:`_arrangements` describes, tops aligned side by side."""
    inner, outer = (DOWN, RIGHT) if across else (RIGHT, DOWN)
    blocks = [VGroup(*(parts[i] for i in group)).arrange(
        inner, buff=buff if across else NOTES_GAP, aligned_edge=ORIGIN if across else UP)
        for group in groups]
    return VGroup(*blocks).arrange(outer, buff=NOTES_GAP if across else buff,
                                   aligned_edge=UP if across else ORIGIN)

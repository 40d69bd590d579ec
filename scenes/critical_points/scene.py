"""The critical_points lesson drawn: the algebra, the points dropped onto the surface, the
test, and the verdict table filled a row a beat; with a region, the region on the flat
contour map, its candidates by kind, and the absolute max and min ringed."""

from __future__ import annotations

import numpy as np
from manim import (
    DEFAULT_FONT_SIZE,
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Circle,
    Create,
    Dot,
    FadeIn,
    FadeOut,
    MathTable,
    MathTex,
    Square,
    VGroup,
    VMobject,
    Write,
)

from mathcore.critical import CriticalAnalysis, CriticalPoint
from mathcore.lagrange import Extremum
from mathcore.region import CORNER, EDGE, INTERIOR, RegionAnalysis
from mathcore.verdicts import Verdict
from scenes.base import LessonScene3D, fit, ruled_table
from scenes.camera import TABLE_VIEW
from scenes.critical_points.lesson import (
    CANDIDATE_HEADERS,
    HEADING,
    RULE,
    RULE_CAPTION,
    TABLE_HEADERS,
    CriticalPointsAnalysis,
    CriticalPointsLesson,
    absolute_caption,
    candidate_rows,
    gradient_caption,
    gradient_tex,
    nothing_lines,
    outline,
    point_tex,
    region_boundary,
    region_caption,
    region_tex,
    solutions_caption,
    solutions_notes,
    surface_caption,
    table_caption,
    table_rows,
    takeaway,
    verdict,
    winner_tex,
)
from scenes.flat_map import AXES_ROOM, level_curves, map_axes, polyline, square_region
from scenes.layout import Region
from scenes.notation import function_tex
from scenes.plot3d import (
    box_corners,
    content_points,
    grow_landscape,
    height_function,
    landscape_axes,
    marker,
    surface_mesh,
)
from scenes.verdict_rows import more_caption, shown_rows
from scenes.verdict_table import RowPace, play_rows, verdict_table

TABLE_ORBIT = 0.45  # radians the camera turns beside the finished table
ROW_PACE = RowPace(arrive=1.0, flash=0.9, swell=1.6, pause=1.2)
EDGE_STROKE = 5       # the region's edge on the map
MARK_SIZE = 0.17      # a candidate's marker
RING_RADIUS = 0.24    # the ring round a winner
LEGEND = {INTERIOR: r"\text{inside}", EDGE: r"\text{on an edge}", CORNER: r"\text{corner}"}


class CriticalPointsScene(LessonScene3D):
    """Partial derivatives, solutions, the surface, the test, the table."""

    analysis: CriticalPointsAnalysis
    lesson: CriticalPointsLesson

    @property
    def critical(self) -> CriticalAnalysis:
        return self.analysis.critical

    def title_formula(self) -> MathTex:
        return MathTex(function_tex(self.critical.function), color=self.theme.text)

    def takeaway(self) -> str:
        return takeaway(self.critical, self.analysis.absolute)

    @property
    def shown_points(self) -> tuple[CriticalPoint, ...]:
        return shown_rows(self.critical.points)

    def body(self) -> None:
        self.algebra()
        self.landscape()
        if self.shown_points:
            self.rule()
            self.rows()
            self.finished_table()
        if self.analysis.absolute is not None:
            self.region_map()
            self.absolute_extrema()

    # -- beats 1 and 2: the algebra, full screen -------------------------------------
    def algebra(self) -> None:
        """f_x = 0 and f_y = 0 under a heading, then what solves them."""
        a, layout = self.critical, self.layout
        heading = self.flat(self.heading(HEADING))
        equations = VGroup(*(MathTex(line, color=self.theme.text)
                             for line in gradient_tex(a))).arrange(DOWN, buff=0.35)
        fit(equations, layout.safe_width, 2.2).move_to(UP * 1.3)
        solutions = self.solutions_tex()
        fit(solutions, layout.safe_width, 2.4).next_to(equations, DOWN, buff=0.6)
        if layout.stacked:  # centred between the heading and the caption, on the safe area
            stage_top, stage_bottom = layout.heading.bottom, layout.caption.top
            block = VGroup(equations, solutions)
            block.move_to([layout.safe.x, (stage_top + stage_bottom) / 2 + 0.4, 0])
        self.flat(equations)
        with self.beat("gradient", gradient_caption, a):
            self.play(FadeIn(heading), run_time=0.6)
            for line in equations:
                self.play(Write(line), run_time=1.2)
            self.wait(1.5)
        self.flat(solutions)
        with self.beat("solutions", solutions_caption, self.critical):
            self.play(FadeIn(solutions, shift=UP * 0.2), run_time=1.2)
            self.wait(2.0)
        self.play(FadeOut(heading), FadeOut(equations), FadeOut(solutions), run_time=0.6)

    def solutions_tex(self) -> VGroup:
        """The solved points, a few to a line, then the curves (or that there are none)."""
        a = self.critical
        lines = VGroup()
        points = [point_tex(p) for p in a.points]
        per_line = self._points_per_line(points)
        for start in range(0, len(points), per_line):
            lines.add(MathTex(r",\quad ".join(points[start:start + per_line]),
                              color=self.theme.text))
        lines.add(*(MathTex(note, color=self.theme.text) for note in solutions_notes(a)))
        return lines.arrange(DOWN, buff=0.3)

    def _points_per_line(self, points: list[str]) -> int:
        """Four points a line, or fewer when four would have to shrink to fit the
        width; the lines as even as their number allows."""
        count = 2
        for candidate in (4, 3):
            widest = max((MathTex(r",\quad ".join(points[i:i + candidate])).width
                          for i in range(0, len(points), candidate)), default=0.0)
            if widest <= self.layout.safe_width:
                count = candidate
                break
        lines = -(-len(points) // count)
        return max(1, -(-len(points) // max(lines, 1)))

    # -- beat 3: the points dropped onto the surface -----------------------------------
    def landscape(self) -> None:
        """The surface grows in and the points drop onto it; or, with none, the note."""
        a, layout = self.critical, self.layout
        surface_view = self.analysis.landscape
        self.axes = landscape_axes(surface_view, size=5.6, height=3.2, theme=self.theme)
        self.height = height_function(a.function, surface_view)
        top = surface_view.z_range[1]
        formula = fit(MathTex(function_tex(a.function), color=self.theme.text),
                      layout.heading.width, layout.heading.height)
        self.formula = self.flat(formula.move_to(layout.heading.centre))
        if self.shown_points:
            self.rule_lines, self.data_table = self.rule_and_table()
            notes = [self.rule_lines, self.data_table]
        else:
            notes = [self.nothing_note()]
        if layout.stacked:
            self.frame_stacked(top, notes)
        else:
            self.frame_box(box_corners(self.axes), layout.main, *TABLE_VIEW, orbit=TABLE_ORBIT)
        surface = surface_mesh(self.axes, self.height, surface_view, self.theme)
        self.markers = VGroup(*(marker(self.theme.text, self.theme)
                                for _ in self.shown_points))
        for m, p in zip(self.markers, self.shown_points):
            m.move_to(self.axes.c2p(p.xf, p.yf, top))
        with self.beat("surface", surface_caption, a):
            grow_landscape(self, self.axes, surface, self.formula, 1.2, 1.6)
            if self.shown_points:
                self.add_fixed_orientation_mobjects(*self.markers)
                self.play(*(m.animate.move_to(self.axes.c2p(p.xf, p.yf,
                                                            self.height(p.xf, p.yf)))
                            for m, p in zip(self.markers, self.shown_points)), run_time=1.5)
                self.wait(0.8)
            else:
                self.play(FadeIn(notes[0]), run_time=0.8)
                self.mark_poster()
                self.orbit(TABLE_ORBIT, 3.0)

    def line(self, content: str, verdict: Verdict | None) -> MathTex:
        """A line of LaTeX in its verdict's colour (None: the text colour)."""
        return MathTex(content, color=self.theme.text if verdict is None
                       else self.theme.colour(verdict))

    def nothing_note(self) -> VGroup:
        """What stands beside (or under) the surface when there is nothing to classify."""
        note = VGroup(*(self.line(*line) for line in nothing_lines(self.critical)))
        note.arrange(DOWN, buff=0.3)
        side = self.layout.side
        if self.layout.stacked:
            return self.flat(fit(note, side.width, side.height * 0.8))
        return self.flat(fit(note, side.width, side.height * 0.4).move_to(side.centre))

    def frame_stacked(self, top: float, notes: list) -> None:
        """Under the surface: the ``notes`` (the rule, then the table). The camera frames
        the surface itself (and the points' drop from ``top``), as big as the width
        allows, and surface and notes are centred together between the formula and the
        caption."""
        layout, view = self.layout, self.analysis.landscape
        drops = np.array([self.axes.c2p(p.xf, p.yf, top) for p in self.shown_points])
        points = np.vstack([content_points(self.axes, [self.height], view),
                            drops.reshape(-1, 3)])
        room = max(n.height for n in notes)
        ceiling = min(layout.main.top, self.formula.get_bottom()[1] - 0.2)
        floor = layout.side.bottom + 0.25  # clear of the caption strip
        bottom = floor + room + 0.4
        self.frame_box(points, Region(layout.main.x, (ceiling + bottom) / 2, layout.main.width,
                                      ceiling - bottom), *TABLE_VIEW, orbit=TABLE_ORBIT)
        low, high = self.renderer.camera.extent(points, TABLE_ORBIT)
        drawn = high[1] - low[1]
        block = drawn + 0.4 + room
        surface_top = (ceiling + floor + block) / 2 if block < ceiling - floor else ceiling
        self.frame_box(points, Region(layout.main.x, surface_top - drawn / 2, layout.main.width,
                                      drawn), *TABLE_VIEW, orbit=TABLE_ORBIT)
        centre = [layout.side.x, surface_top - drawn - 0.4 - room / 2, 0]
        for note in notes:
            note.move_to(centre)

    # -- beat 4: the decision rule ---------------------------------------------------------
    def rule_and_table(self) -> tuple[VGroup, MathTable]:
        """The decision rule and the (empty) table, sized and placed in ``side``."""
        side = self.layout.side
        lines = VGroup(*(self.line(*line) for line in RULE))
        lines[0].scale(1.15)
        table = self.table()
        if self.layout.stacked:
            # Under the surface there is room for the rule or the table, not both: the
            # rule fills ``side`` for its beat and gives way to the table at the first row.
            self._arrange_rule(lines, side.width, side.height).move_to(side.centre)
            fit(table, side.width, side.height).move_to(side.centre)
        else:
            lines.arrange(DOWN, aligned_edge=LEFT, buff=0.22)
            fit(lines, side.width, side.height * 0.42)
            lines.move_to(side.centre).align_to(side.centre + UP * side.height / 2, UP)
            fit(table, side.width, side.height - lines.height - 0.4)
            table.next_to(lines, DOWN, buff=0.4).set_x(side.x)
        return lines, table

    def rule(self) -> None:
        """The test's lines one by one, and the table's header."""
        lines, table = self.rule_lines, self.data_table
        self.flat(*lines, table)
        header = (FadeIn(table.get_rows()[0]), Create(table.header_rule))
        with self.beat("rule", RULE_CAPTION):
            for line in lines:
                self.play(FadeIn(line, shift=LEFT * 0.2), run_time=0.6)
            if not self.layout.stacked:
                self.play(*header, run_time=0.6)
            self.wait(1.2)
        if self.layout.stacked:
            self.play(*(FadeOut(line) for line in lines), run_time=0.5)
            self.play(*header, run_time=0.6)

    @staticmethod
    def _arrange_rule(lines: VGroup, width: float, height: float) -> VGroup:
        """The rule in one column, or its four cases two by two under D when that
        reads larger in a ``width`` x ``height`` box."""
        def scale_of(group: VGroup) -> float:
            return min(1.0, width / group.width, height / group.height)

        column = lines.copy().arrange(DOWN, aligned_edge=LEFT, buff=0.22)
        cases = lines[1:].copy().arrange_in_grid(rows=2, cols=2, buff=(0.7, 0.22),
                                                 col_alignments="ll")
        grid = VGroup(lines[0].copy(), cases).arrange(DOWN, buff=0.3)
        if scale_of(grid) > scale_of(column) * 1.05:
            cases = lines[1:].arrange_in_grid(rows=2, cols=2, buff=(0.7, 0.22),
                                              col_alignments="ll")
            VGroup(lines[0], cases).arrange(DOWN, buff=0.3)
        else:
            lines.arrange(DOWN, aligned_edge=LEFT, buff=0.22)
        return fit(lines, width, height)

    # -- beats 5: one row per point ------------------------------------------------------------
    def table(self) -> MathTable:
        return verdict_table(table_rows(self.critical), TABLE_HEADERS,
                             [p.type for p in self.shown_points], self.theme, DEFAULT_FONT_SIZE)

    def rows(self) -> None:
        """A beat for each point: its row, its marker in its verdict's colour."""
        play_rows(self, self.data_table, self.markers,
                  self.shown_points, verdict,
                  more_caption(self.critical.points), ROW_PACE)

    # -- beat 6: the finished table -------------------------------------------------------------
    def finished_table(self) -> None:
        """The table grown to fill ``side`` beside the turning surface."""
        side = self.layout.side
        with self.beat("table", table_caption, self.critical):
            if not self.layout.stacked:  # stacked, the table stands in place already
                grow = min(1.25, side.width / self.data_table.width,
                           side.height / self.data_table.height)
                self.play(*(FadeOut(line) for line in self.rule_lines),
                          self.data_table.animate.scale(grow).move_to(side.centre),
                          run_time=1.0)
            self.mark_poster()
            self.orbit(TABLE_ORBIT, 3.0)

    # -- with a region: the flat map, the candidates, the winners --------------------------------
    @property
    def absolute(self) -> RegionAnalysis:
        return self.analysis.absolute

    def region_areas(self, panel: MathTable) -> tuple[Region, Region]:
        """Where the map and its panel (``panel`` the larger of its contents) go: the main
        and side regions; stacked, map and panel side by side over both instead, when
        that shows the panel much larger and the map not much smaller."""
        layout, window = self.layout, self.critical.window
        under = (square_region(layout.above_caption(layout.main), window),
                 layout.above_caption(layout.side))
        if not layout.stacked:
            return under
        top, bottom = layout.main.top, under[1].bottom
        at_most = min(1.0, (top - bottom) / panel.height)
        under_scale = min(under[1].width / panel.width, under[1].height / panel.height)
        for shrink in (1.0, 0.85, 0.7):  # the panel's scale beside, largest first
            scale = at_most * shrink
            room = layout.main.width - panel.width * scale - 0.2
            chart = square_region(Region(layout.main.left + room / 2, (top + bottom) / 2,
                                         room, top - bottom), window)
            if (scale > 1.3 * under_scale
                    and chart.width - AXES_ROOM[0] > 0.8 * (under[0].width - AXES_ROOM[0])):
                chart = Region(layout.main.left + chart.width / 2, chart.y, chart.width,
                               chart.height)
                rest = layout.main.right - chart.right - 0.2
                return chart, Region(layout.main.right - rest / 2, chart.y, rest, chart.height)
        return under

    def region_map(self) -> None:
        """The surface gives way to the contour map, the region drawn on it, and the
        candidates marked by kind, a legend beside (under) the map."""
        window = self.critical.window
        self.candidate_table = ruled_table(candidate_rows(self.absolute), CANDIDATE_HEADERS,
                                           self.theme, DEFAULT_FONT_SIZE)
        self.chart_area, self.panel_area = self.region_areas(self.candidate_table)
        self.region_axes = axes = map_axes(window, self.chart_area, self.theme)
        curves = level_curves(axes, self.analysis.map, self.theme).set_stroke(opacity=0.8)
        region = self.region_shape(axes)
        self.candidate_marks = VGroup(*(self.candidate_mark(c.where).move_to(
            axes.c2p(*c.pointf)) for c in self.absolute.candidates))
        self.legend = self.region_legend()
        self.flat(axes, curves, region, self.candidate_marks, self.legend)
        leaving = [m for m in self.mobjects if m is not self.formula]
        with self.beat("region", region_caption, self.absolute):
            self.play(*(FadeOut(m) for m in leaving), run_time=0.8)
            self.stop_ambient_camera_rotation()
            self.play(Create(axes), run_time=0.8)
            self.play(Create(curves), run_time=1.2)
            self.play(Create(region), FadeIn(self.legend[0]), run_time=1.2)
            kinds = [w for w in (INTERIOR, EDGE, CORNER)
                     if any(c.where == w for c in self.absolute.candidates)]
            for where, row in zip(kinds, self.legend[1:]):
                marks = [m for m, c in zip(self.candidate_marks, self.absolute.candidates)
                         if c.where == where]
                self.play(FadeIn(row), *(FadeIn(m, scale=0.5) for m in marks), run_time=0.7)
            self.wait(1.2)

    def region_shape(self, axes) -> VGroup:
        """The region filled faintly (when its edge closes up) and its edge in the text
        colour."""
        pieces = region_boundary(self.absolute.region, self.critical.window)
        drawn = VGroup()
        loop = outline(pieces)
        if loop is not None:
            drawn.add(polyline(axes, loop, self.theme.text, 0).set_fill(self.theme.muted,
                                                                        opacity=0.15))
        return drawn.add(*(polyline(axes, piece, self.theme.text, EDGE_STROKE)
                           for piece in pieces))

    def candidate_mark(self, where: str) -> VMobject:
        """A dot inside, a diamond on an edge, a square at a corner."""
        if where == INTERIOR:
            return Dot(radius=MARK_SIZE * 0.6, color=self.theme.text)
        mark = Square(MARK_SIZE, color=self.theme.text, fill_opacity=1, stroke_width=0)
        return mark.rotate(np.pi / 4) if where == EDGE else mark

    def region_legend(self) -> VGroup:
        """The region's inequalities, then a row per kind of candidate present."""
        region = VGroup(*(MathTex(line, color=self.theme.text)
                          for line in region_tex(self.absolute.region))).arrange(DOWN, buff=0.2)
        rows = VGroup(region)
        for where in (INTERIOR, EDGE, CORNER):
            count = sum(c.where == where for c in self.absolute.candidates)
            if not count:
                continue
            label = MathTex(LEGEND[where] + rf"\ ({count})", color=self.theme.text)
            rows.add(VGroup(self.candidate_mark(where), label).arrange(RIGHT, buff=0.3))
        rows.arrange(DOWN, aligned_edge=LEFT, buff=0.35)
        rows[0].set_x(rows.get_x())
        side = self.panel_area
        return fit(rows, side.width, side.height).move_to(side.centre)

    def absolute_extrema(self) -> None:
        """f at every candidate in a table, the max and min rows and their points ringed
        in the verdict colours, each winner named on the map."""
        r, table, side = self.absolute, self.candidate_table, self.panel_area
        fit(table, side.width, side.height).move_to(side.centre)
        winners = VGroup()
        for extremum, name, kind in ((r.maximum, "max", Verdict.LOCAL_MAX),
                                     (r.minimum, "min", Verdict.LOCAL_MIN)):
            colour = self.theme.colour(kind)
            for row, c in zip(table.get_rows()[1:], r.candidates):
                if c.pointf in extremum.pointsf:
                    row.set_color(colour)
            winners.add(self.rings(extremum, colour, name,
                                   tuple(m for group in winners for m in group)))
        self.flat(table, winners)
        with self.beat("absolute", absolute_caption, r):
            self.play(FadeOut(self.legend), run_time=0.5)
            self.play(FadeIn(table), run_time=1.0)
            for group in winners:
                self.play(Create(group[0]), FadeIn(group[1]), run_time=1.0)
            self.mark_poster()
            self.wait(2.0)

    def clear_spot(self, label: MathTex, ring: Circle, away: np.ndarray,
                   obstacles: list) -> np.ndarray:
        """Where ``label`` goes by ``ring``: the first side, away from the region's middle
        first, that keeps it in the map's area and off the ``obstacles`` (the first side
        when none does)."""
        bounds = self.chart_area
        sides = [RIGHT * away[0] * sx + UP * away[1] * sy
                 for sx, sy in ((1, 1), (-1, 1), (1, -1), (-1, -1))]
        sides += [UP * away[1], DOWN * away[1], RIGHT * away[0], LEFT * away[0]]
        spots = []
        for side in sides:
            label.next_to(ring, side, buff=0.05)
            low, high = label.get_corner(DOWN + LEFT), label.get_corner(UP + RIGHT)
            inside = (bounds.left <= low[0] and high[0] <= bounds.right
                      and bounds.bottom <= low[1] and high[1] <= bounds.top)
            if inside and not any(_overlap(label, o) for o in obstacles):
                return label.get_center()
            spots.append(label.get_center())
        return spots[0]

    def rings(self, extremum: Extremum, colour: str, name: str,
              taken: tuple = ()) -> VGroup:
        """Rings round every point of the extremum, and its name and value by the first,
        on a clear side (away from the region's middle first; ``taken``: labels placed)."""
        axes = self.region_axes
        rings = VGroup(*(Circle(RING_RADIUS, color=colour, stroke_width=5)
                         .move_to(axes.c2p(*p)) for p in extremum.pointsf))
        middle = np.mean([c.pointf for c in self.absolute.candidates], axis=0)
        away = np.sign(np.array(extremum.pointsf[0]) - middle + 1e-9)
        label = MathTex(winner_tex(name, extremum), color=colour, font_size=30)
        label.add_background_rectangle(color=self.theme.background, opacity=0.8, buff=0.06)
        obstacles = [*axes.x_axis.numbers, *axes.y_axis.numbers, *axes[2:],
                     *self.candidate_marks, *rings[1:], *taken]
        label.move_to(self.clear_spot(label, rings[0], away, obstacles))
        return VGroup(rings, label)


def _overlap(a, b) -> bool:
    """Whether the boxes round two mobjects overlap."""
    (a0, a1), (b0, b1) = ((m.get_corner(DOWN + LEFT), m.get_corner(UP + RIGHT)) for m in (a, b))
    return bool(a0[0] < b1[0] and b0[0] < a1[0] and a0[1] < b1[1] and b0[1] < a1[1])

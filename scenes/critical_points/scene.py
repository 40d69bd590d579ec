"""The critical_points lesson drawn: the algebra, the points dropped onto the surface, the
test, and the verdict table filled a row a beat."""

from __future__ import annotations

import numpy as np
from manim import (
    DEFAULT_FONT_SIZE,
    DOWN,
    LEFT,
    UP,
    Create,
    FadeIn,
    FadeOut,
    MathTable,
    MathTex,
    VGroup,
    Write,
)

from mathcore.critical import CriticalAnalysis, CriticalPoint
from mathcore.verdicts import Verdict
from scenes.base import LessonScene3D, fit
from scenes.camera import TABLE_VIEW
from scenes.critical_points.lesson import (
    HEADING,
    RULE,
    RULE_CAPTION,
    TABLE_HEADERS,
    CriticalPointsAnalysis,
    CriticalPointsLesson,
    gradient_caption,
    gradient_tex,
    nothing_lines,
    point_tex,
    solutions_caption,
    solutions_notes,
    surface_caption,
    table_caption,
    table_rows,
    takeaway,
    verdict,
)
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
        return takeaway(self.critical)

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
        with self.beat("gradient", gradient_caption(a)):
            self.play(FadeIn(heading), run_time=0.6)
            for line in equations:
                self.play(Write(line), run_time=1.2)
            self.wait(1.5)
        self.flat(solutions)
        with self.beat("solutions", solutions_caption(self.critical)):
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
        with self.beat("surface", surface_caption(a)):
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
                  [(p.type, verdict(p)) for p in self.shown_points],
                  more_caption(self.critical.points), ROW_PACE)

    # -- beat 6: the finished table -------------------------------------------------------------
    def finished_table(self) -> None:
        """The table grown to fill ``side`` beside the turning surface."""
        side = self.layout.side
        with self.beat("table", table_caption(self.critical)):
            if not self.layout.stacked:  # stacked, the table stands in place already
                grow = min(1.25, side.width / self.data_table.width,
                           side.height / self.data_table.height)
                self.play(*(FadeOut(line) for line in self.rule_lines),
                          self.data_table.animate.scale(grow).move_to(side.centre),
                          run_time=1.0)
            self.mark_poster()
            self.orbit(TABLE_ORBIT, 3.0)

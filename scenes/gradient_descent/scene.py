"""The `gradient_descent` lesson drawn: the contour map of f(x, y) (the graph of f(x)),
the rule and its first steps, each run's path with a ball rolling along it, the table,
the outcomes. Beats: see `GradientDescentLesson.beats`."""

from __future__ import annotations

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    Arrow,
    Circle,
    Create,
    Dot,
    FadeIn,
    FadeOut,
    Line,
    MathTex,
    MoveAlongPath,
    VGroup,
    Write,
    linear,
)

from mathcore.descent import DescentRun
from scenes.base import ruled_table
from scenes.flat_map import level_curves, polyline, square_region
from scenes.gradient_descent.lesson import (
    TABLE_HEADERS,
    GradientDescentAnalysis,
    GradientDescentLesson,
    bound_caption,
    bound_tex,
    legend_tex,
    limit_verdict,
    map_caption,
    outcome_caption,
    outcome_tex,
    path_caption,
    rule_caption,
    rule_tex,
    steps_caption,
    steps_tex,
    table_rows,
    takeaway,
)
from scenes.graph_scene import NOTE_SIZE, GraphScene
from scenes.layout import Region
from scenes.notation import tex
from scenes.plot2d import graph_axes
from scenes.plot_room import plot_region

ROLL_SECONDS = 3.0      # the ball's roll along a whole path
NOTES_BUFF = 0.3        # between the lines of a panel of notes
PATH_STROKE = 3.5       # a run's path
STEP_DOTS = 12          # the first steps of a path marked with a dot


class GradientDescentScene(GraphScene):
    """The map, the rule and its first steps, each run rolling downhill, the outcomes."""

    analysis: GradientDescentAnalysis
    lesson: GradientDescentLesson

    def title_formula(self) -> MathTex:
        names = "x, y" if self.analysis.two_d else "x"
        return MathTex(rf"f({names}) = {tex(self.analysis.function)}", color=self.theme.text)

    def takeaway(self) -> str:
        return takeaway(self.analysis)

    def run_colour(self, index: int) -> str:
        """Each run's own colour, apart from the map's and the verdicts'."""
        return (self.theme.family[1], self.theme.family[2], self.theme.approximation)[index]

    def body(self) -> None:
        a = self.analysis
        self.show_map()
        self.panel: VGroup | None = None
        self.show_rule()
        self.show_steps()
        self.show_path(0, "path", path_caption(a))
        self.show_table()
        self.build_final_panel()
        for index in range(1, len(a.runs)):
            self.show_path(index, f"run-{index}", outcome_caption(a.runs[index]))
        if a.descent.eigenvalues is not None:
            self.show_bound()

    # -- beat: the map -----------------------------------------------------------------------
    def map_area(self) -> Region:
        """Where the map goes: the main region (grown over the heading band when stacked),
        clear of the caption, as large as keeps x and y units the same length."""
        area = plot_region(self.layout) if self.layout.stacked else self.layout.main
        return square_region(self.layout.above_caption(area), self.analysis.window)

    def notes_region(self) -> Region:
        return getattr(self, "notes_area", self.layout.side)

    def show_map(self) -> None:
        a = self.analysis
        if a.two_d:
            self.axes = graph_axes(*a.window, self.map_area(), self.theme)
            self.curve = level_curves(self.axes, a.landscape, self.theme)
            marks = VGroup(*(Dot(self.axes.c2p(p.xf, p.yf), radius=0.07,
                                 color=self.theme.colour(p.type))
                             for p in a.landscape.critical.points))
        else:
            self.draw_graph(a.window[0])
            marks = VGroup()
        self.critical_marks = marks
        with self.beat("map", map_caption(a)):
            self.play(Create(self.axes), run_time=1.0)
            self.play(Create(self.curve), FadeIn(marks), run_time=1.6)
            self.wait(0.6)

    # -- the notes: one panel at a time ------------------------------------------------------
    def note_lines(self, lines: list[str], colour: str | None = None) -> list[MathTex]:
        return [self.note(line, colour) for line in lines]

    def show_panel(self, parts: list, run_time: float = 1.0) -> VGroup:
        """Replace the notes on the side (under the map when stacked) with ``parts``."""
        panel = self.notes_block(parts, self.notes_region(), buff=NOTES_BUFF)
        if self.panel is not None:
            self.play(FadeOut(self.panel), run_time=0.5)
        self.panel = panel
        return panel

    # -- beats: the rule and the first steps -------------------------------------------------
    def show_rule(self) -> None:
        lines = self.note_lines(rule_tex(self.analysis))
        self.show_panel(lines)
        with self.beat("rule", rule_caption(self.analysis)):
            for line in lines:
                self.play(Write(line), run_time=1.0)
            self.wait(1.0)

    def run_points(self, run: DescentRun) -> np.ndarray:
        """The run's points on the map (on the graph for f(x)) until it leaves the axes,
        the last segment cut where it crosses their edge."""
        if self.analysis.two_d:
            points = np.array([s.point for s in run.steps])
        else:
            points = np.array([(s.point[0], s.value) for s in run.steps])
        low = np.array([self.axes.x_range[0], self.axes.y_range[0]])
        high = np.array([self.axes.x_range[1], self.axes.y_range[1]])
        outside = np.flatnonzero(np.any((points < low) | (points > high), axis=1))
        if not len(outside):
            return points
        if outside[0] == 0:
            return points[:1]
        inner, outer = points[outside[0] - 1], points[outside[0]]
        move = outer - inner
        with np.errstate(divide="ignore", invalid="ignore"):
            exits = np.where(move > 0, (high - inner) / move,
                             np.where(move < 0, (low - inner) / move, np.inf))
        return np.vstack([points[:outside[0]], inner + min(1.0, exits.min()) * move])

    def show_steps(self) -> None:
        a, colour = self.analysis, self.run_colour(0)
        points = self.run_points(a.runs[0])
        rule = self.note_lines(rule_tex(a)[:1])
        steps = self.note_lines(steps_tex(a), colour)
        arrows = VGroup(*(Arrow(self.axes.c2p(*p), self.axes.c2p(*q), buff=0,
                                color=colour, stroke_width=4, max_tip_length_to_length_ratio=0.3)
                          for p, q in zip(points[:len(steps)], points[1:len(steps) + 1])))
        start = Dot(self.axes.c2p(*points[0]), radius=0.08, color=colour)
        self.first_steps = VGroup(start, arrows)
        with self.beat("steps", steps_caption(a)):
            self.show_panel([*rule, *steps])
            self.add(self.panel[0])
            self.play(FadeIn(start, scale=0.5), run_time=0.5)
            for line, arrow in zip(self.panel[1:], arrows):
                self.play(Write(line), Create(arrow), run_time=1.2)
            self.wait(1.2)

    # -- beats: a run's path -----------------------------------------------------------------
    def show_path(self, index: int, name: str, caption: str) -> None:
        """The run's path in its colour, a ball rolling along it, its end ringed in the
        verdict's colour where it settled."""
        run, colour = self.analysis.runs[index], self.run_colour(index)
        points = self.run_points(run)
        path = polyline(self.axes, points, colour, PATH_STROKE)
        dots = VGroup(*(Dot(self.axes.c2p(*p), radius=0.04, color=colour)
                        for p in points[:STEP_DOTS]))
        ball = Dot(self.axes.c2p(*points[0]), radius=0.11, color=colour)
        end = VGroup()
        if run.limit is not None:
            where = run.limit if self.analysis.two_d else (run.limit[0], float(run.limit_value))
            end.add(Circle(radius=0.17, color=self.theme.colour(limit_verdict(run)),
                           stroke_width=4).move_to(self.axes.c2p(*where)))
        with self.beat(name, caption):
            if index == 0:
                self.play(FadeOut(self.first_steps), run_time=0.4)
            else:
                self.show_final_panel(index)
            self.play(FadeIn(ball, scale=0.5), FadeIn(dots), run_time=0.5)
            self.play(Create(path), MoveAlongPath(ball, path.copy()), run_time=ROLL_SECONDS,
                      rate_func=linear)
            if len(end):
                self.play(Create(end), run_time=0.6)
            if index == len(self.analysis.runs) - 1:
                self.mark_poster()
            self.wait(1.0)

    # -- beat: the table ---------------------------------------------------------------------
    def show_table(self) -> None:
        run = self.analysis.runs[0]
        table = ruled_table(table_rows(run), TABLE_HEADERS, self.theme, NOTE_SIZE)
        outcome = self.note(outcome_tex(run), self.theme.colour(limit_verdict(run)))
        with self.beat("table", outcome_caption(run)):
            self.show_panel([table, outcome])
            self.play(FadeIn(table), run_time=1.0)
            self.play(Write(outcome), run_time=1.0)
            if len(self.analysis.runs) == 1:
                self.mark_poster()
            self.wait(1.6)

    # -- beats: the runs compared, and the bound ---------------------------------------------
    def build_final_panel(self) -> None:
        """A legend row per run (a line in its colour, its start, rate and outcome), then
        the bound where f is quadratic: laid out now, shown as the beats come."""
        a = self.analysis
        rows = [VGroup(Line(RIGHT * -0.25, RIGHT * 0.25, color=self.run_colour(i),
                            stroke_width=6),
                       self.note(legend_tex(run), self.theme.colour(limit_verdict(run))))
                .arrange(RIGHT, buff=0.2) for i, run in enumerate(a.runs)]
        bound = (self.note_lines(bound_tex(a)) if a.descent.eigenvalues is not None else [])
        self.legend = rows if len(rows) > 1 else []
        self.bound_lines = bound
        legend = [VGroup(*rows).arrange(DOWN, aligned_edge=LEFT, buff=NOTES_BUFF)
                  ] if self.legend else []
        self.final_parts = [*legend, *bound]
        self.final_shown = False

    def show_final_panel(self, upto: int) -> None:
        """The legend's rows up to run ``upto`` (the panel first laid out if it is not)."""
        if not self.final_shown:
            self.show_panel(self.final_parts)
            self.final_shown = True
            if upto:
                self.play(*(FadeIn(row) for row in self.legend[:upto]), run_time=0.6)
        if upto < len(self.legend):
            self.play(FadeIn(self.legend[upto]), run_time=0.6)

    def show_bound(self) -> None:
        with self.beat("bound", bound_caption(self.analysis)):
            if not self.final_shown:
                self.show_final_panel(0)
            for line in self.bound_lines:
                self.play(Write(line), run_time=1.0)
            self.wait(1.6)

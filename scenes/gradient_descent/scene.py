"""The `gradient_descent` lesson drawn: the contour map of f(x, y) (the graph of f(x)),
the rule and its first steps, each run's path with a ball rolling along it, the table,
the outcomes; for f(x, y) the camera then tilts from straight above, the landscape rises
over its map and a ball rolls down each path on it, in step with its shadow on the map.
Beats: see `GradientDescentLesson.beats`."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
from manim import (
    DL,
    DOWN,
    DR,
    LEFT,
    OUT,
    RIGHT,
    UL,
    UR,
    Arrow,
    Circle,
    Create,
    Dot,
    FadeIn,
    FadeOut,
    Line,
    MathTex,
    MoveAlongPath,
    Restore,
    ThreeDAxes,
    ValueTracker,
    VGroup,
    VMobject,
    Write,
    linear,
)

from mathcore.descent import DescentRun
from scenes.base import LessonScene3D, ruled_table
from scenes.camera import LANDSCAPE_VIEW
from scenes.flat_map import level_curves, map_axes, polyline, square_region
from scenes.gradient_descent.lesson import (
    TABLE_HEADERS,
    GradientDescentAnalysis,
    GradientDescentLesson,
    bound_caption,
    bound_tex,
    legend_parts,
    limit_verdict,
    map_caption,
    outcome_caption,
    outcome_tex,
    path_caption,
    rule_caption,
    rule_tex,
    steps_caption,
    steps_tex,
    surface_caption,
    table_rows,
    takeaway,
)
from scenes.graph_scene import NOTE_SIZE, GraphScene
from scenes.layout import Region
from scenes.notation import tex
from scenes.plot3d import box_corners, height_function, marker, nice_step, surface_mesh
from scenes.plot_room import plot_region

ROLL_SECONDS = 3.0      # the ball's roll along a whole path
NOTES_BUFF = 0.3        # between the lines of a panel of notes
CAPTION_ROOM = 0.2      # kept clear over the caption strip
GROW_MOST = 1.5         # under the map (portrait, square) notes grow up to this to fill their room
PATH_STROKE = 3.5       # a run's path
STEP_DOTS = 12          # the first steps of a path marked with a dot
SURFACE_HEIGHT = 0.45   # the landscape's height, as a part of the map's longer side
FLOOR_GAP = 0.2         # between the map and the landscape's lowest point, the same
SURFACE_OPACITY = 0.8   # the map shows through the landscape a little
PATH_LIFT = 0.03        # a lifted path stands this far over the surface
TILT_SECONDS, RISE_SECONDS, SURFACE_ROLL = 2.5, 1.5, 4.0


class GradientDescentScene(GraphScene, LessonScene3D):
    """The map, the rule and its first steps, each run rolling downhill, the outcomes; for
    f(x, y), the landscape over the map with a ball rolling on each path. A 3D scene whose
    camera looks straight down (as a 2D one) until the landscape beat."""

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
        self.balls: dict[int, Dot] = {}  # each run's ball on the map, by index
        self.show_rule()
        self.show_steps()
        self.show_path(0, "path", path_caption, a)
        self.show_table()
        self.build_final_panel()
        for index in range(1, len(a.runs)):
            self.show_path(index, f"run-{index}", outcome_caption, a.runs[index],
                           a.descent.hessian)
        if a.bounded is not None:
            self.show_bound()
        if a.two_d:
            self.show_surface()

    # -- beat: the map -----------------------------------------------------------------------
    def map_area(self) -> Region:
        """Where the map goes: the main region (grown over the heading band when stacked),
        clear of the caption, as large as keeps x and y units the same length."""
        area = plot_region(self.layout) if self.layout.stacked else self.layout.main
        return square_region(self.layout.above_caption(area), self.analysis.window)

    def notes_region(self) -> Region:
        """The side region (the room left under the graph of f(x)), less a band over the
        caption strip, which may stand three lines high."""
        region = self.layout.above_caption(getattr(self, "notes_area", self.layout.side))
        return Region(region.x, region.y + CAPTION_ROOM / 2, region.width,
                      region.height - CAPTION_ROOM)

    def show_map(self) -> None:
        a = self.analysis
        if a.two_d:
            self.axes = map_axes(a.window, self.map_area(), self.theme)
            self.curve = level_curves(self.axes, a.landscape, self.theme)
            marks = VGroup(*(Dot(self.axes.c2p(p.xf, p.yf), radius=0.07,
                                 color=self.theme.colour(p.type))
                             for p in a.landscape.critical.points))
        else:
            self.draw_graph(a.window[0])
            marks = VGroup()
        self.critical_marks = marks
        with self.beat("map", map_caption, a):
            self.play(Create(self.axes), run_time=1.0)
            self.play(Create(self.curve), FadeIn(marks), run_time=1.6)
            self.wait(0.6)

    # -- the notes: one panel at a time ------------------------------------------------------
    def note_lines(self, lines: list[str], colour: str | None = None) -> list[MathTex]:
        return [self.note(line, colour) for line in lines]

    def show_panel(self, parts: list, run_time: float = 1.0) -> VGroup:
        """Replace the notes on the side (under the map when stacked) with ``parts``."""
        panel = self.notes_block(parts, self.notes_region(), buff=NOTES_BUFF)
        if self.layout.stacked:
            self.fill_room(panel)
        if self.panel is not None:
            self.play(FadeOut(self.panel), run_time=0.5)
        self.panel = panel
        return panel

    def fill_room(self, panel: VGroup) -> None:
        """Grow a panel laid out under the map (up to GROW_MOST) to fill the room there,
        its top where it was."""
        room = self.layout.above_caption(self.notes_region())
        factor = min(GROW_MOST, room.width / panel.width, room.height / panel.height)
        if factor > 1:
            panel.scale(factor).move_to([room.x, 0, 0], coor_mask=[1, 0, 0])
            panel.shift((room.top - panel.get_top()[1]) * np.array([0, 1, 0]))

    def legend_row(self, index: int) -> VGroup:
        """A line in the run's colour, then its start and rate and its outcome: on one line
        under the map (portrait, square), on two in the narrow column beside it."""
        run = self.analysis.runs[index]
        colour = self.theme.colour(limit_verdict(run))
        parts = legend_parts(run)
        text = (self.note(r":\ ".join(parts), colour) if self.layout.stacked else
                VGroup(*(self.note(p, colour) for p in parts)).arrange(DOWN, aligned_edge=LEFT,
                                                                       buff=0.12))
        swatch = Line(RIGHT * -0.25, RIGHT * 0.25, color=self.run_colour(index), stroke_width=6)
        return VGroup(swatch, text).arrange(RIGHT, buff=0.2)

    # -- beats: the rule and the first steps -------------------------------------------------
    def show_rule(self) -> None:
        lines = self.note_lines(rule_tex(self.analysis))
        self.show_panel(lines)
        with self.beat("rule", rule_caption, self.analysis):
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
        with self.beat("steps", steps_caption, a):
            self.show_panel([*rule, *steps])
            self.add(self.panel[0])
            self.play(FadeIn(start, scale=0.5), run_time=0.5)
            for line, arrow in zip(self.panel[1:], arrows):
                self.play(Write(line), Create(arrow), run_time=1.2)
            self.wait(1.2)

    # -- beats: a run's path -----------------------------------------------------------------
    def show_path(self, index: int, name: str, caption: Callable[..., str], *args: Any) -> None:
        """The run's path in its colour, a ball rolling along it, its end ringed in the
        verdict's colour where it settled."""
        run, colour = self.analysis.runs[index], self.run_colour(index)
        points = self.run_points(run)
        path = polyline(self.axes, points, colour, PATH_STROKE)
        dots = VGroup(*(Dot(self.axes.c2p(*p), radius=0.04, color=colour)
                        for p in points[:STEP_DOTS]))
        ball = Dot(self.axes.c2p(*points[0]), radius=0.11, color=colour)
        self.balls[index] = ball
        end = VGroup()
        if run.limit is not None:
            where = run.limit if self.analysis.two_d else (run.limit[0], float(run.limit_value))
            end.add(Circle(radius=0.17, color=self.theme.colour(limit_verdict(run)),
                           stroke_width=4).move_to(self.axes.c2p(*where)))
        with self.beat(name, caption, *args):
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
        with self.beat("table", outcome_caption, run, self.analysis.descent.hessian):
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
        rows = [self.legend_row(i) for i in range(len(a.runs))]
        bound = self.note_lines(bound_tex(a)) if a.bounded is not None else []
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
        with self.beat("bound", bound_caption, self.analysis):
            if not self.final_shown:
                self.show_final_panel(0)
            for line in self.bound_lines:
                self.play(Write(line), run_time=1.0)
            self.wait(1.6)

    # -- beat: the landscape ------------------------------------------------------------------
    def surface_axes(self) -> ThreeDAxes:
        """3D axes (not drawn) whose x and y lie on the map's, z standing over it: the
        landscape's lowest height FLOOR_GAP over the map."""
        z0, z1 = self.analysis.surface.z_range
        side = max(self.axes.x_length, self.axes.y_length)
        axes = ThreeDAxes(x_range=self.axes.x_range, y_range=self.axes.y_range,
                          z_range=[z0, z1, nice_step(z1 - z0)], x_length=self.axes.x_length,
                          y_length=self.axes.y_length, z_length=SURFACE_HEIGHT * side)
        x0, y0 = self.axes.x_range[0], self.axes.y_range[0]
        return axes.shift(self.axes.c2p(x0, y0) + OUT * FLOOR_GAP * side - axes.c2p(x0, y0, z0))

    def landscape_aim(self, corners: np.ndarray) -> tuple[float, np.ndarray]:
        """The zoom and screen shift that frame ``corners`` in the map's area from
        LANDSCAPE_VIEW; the camera is left looking straight down as before."""
        camera = self.renderer.camera
        phi, theta, zoom = camera.get_phi(), camera.get_theta(), camera.get_zoom()
        self.frame_box(corners, self.map_area(), *LANDSCAPE_VIEW)
        aim = camera.get_zoom(), camera.screen_shift.copy()
        self.set_camera_orientation(phi=phi, theta=theta, zoom=zoom)
        camera.screen_shift = np.zeros(3)
        return aim

    def show_surface(self) -> None:
        """The camera tilts, the landscape rises over the map, and a ball rolls down each
        run's path lifted onto it while its shadow moves on the map."""
        a = self.analysis
        axes = self.surface_axes()
        height = height_function(a.function, a.surface)
        surface = surface_mesh(axes, height, a.surface, self.theme)
        surface.set_fill(opacity=SURFACE_OPACITY)
        surface.shade_in_3d = False  # drawn in the order added: over the map, under the balls
        floor = [self.axes.get_corner(c) for c in (DL, DR, UR, UL)]  # the map, its numbers
        zoom, shift = self.landscape_aim(np.vstack([box_corners(axes), floor]))
        if self.panel is not None:
            self.flat(self.panel)
        runs = [self.run_points(run) for run in a.runs]
        back = [self.balls[i].animate.move_to(self.axes.c2p(*points[0]))
                for i, points in enumerate(runs)]
        with self.beat("surface", surface_caption, a):
            self.turn_camera(LANDSCAPE_VIEW, zoom, shift, back, run_time=TILT_SECONDS)
            surface.save_state()
            surface.stretch(0.01, 2, about_point=axes.c2p(*axes.x_range[:1], *axes.y_range[:1],
                                                          axes.z_range[0]))
            self.play(Restore(surface), run_time=RISE_SECONDS)
            self.roll(axes, height, runs)
            self.wait(1.0)

    def roll(self, axes: ThreeDAxes, height, runs: list[np.ndarray]) -> None:
        """A ball on each lifted path and its shadow on the map, at the same step k at every
        moment (k grows geometrically, so the first steps are seen slowly). They follow k
        by updaters of their own (a tracker's are suspended while it is animated)."""
        k = ValueTracker(0.0)
        longest = max(len(points) for points in runs)

        def step(points: np.ndarray) -> float:
            return min(longest ** k.get_value() - 1, len(points) - 1)

        movers = []
        for index, points in enumerate(runs):
            colour = self.run_colour(index)
            lifted = axes.c2p(np.column_stack([points, height(points[:, 0], points[:, 1])]))
            lifted = np.atleast_2d(lifted) + OUT * PATH_LIFT
            flat = np.atleast_2d(self.axes.c2p(points[:, 0], points[:, 1]).T)
            ball = marker(colour, self.theme).move_to(lifted[0])
            trace = VMobject(stroke_color=colour, stroke_width=PATH_STROKE)
            trace.set_points_as_corners([lifted[0], lifted[0]])
            ball.add_updater(lambda m, p=lifted: m.move_to(along(p, step(p))))
            trace.add_updater(lambda m, p=lifted: m.set_points_as_corners(
                [*p[:int(step(p)) + 1], along(p, step(p))]))
            self.balls[index].add_updater(lambda m, p=flat: m.move_to(along(p, step(p))))
            movers += [ball, trace, self.balls[index]]
            self.add(trace, ball)
            self.add_fixed_orientation_mobjects(ball)
        self.play(k.animate.set_value(1.0), run_time=SURFACE_ROLL, rate_func=linear)
        for mover in movers:
            mover.update(0)  # where k ended, when the animation was skipped too
            mover.clear_updaters()
        self.remove(k)


def along(points: np.ndarray, step: float) -> np.ndarray:
    """The point a fraction of the way from points[floor(step)] to the next."""
    first = min(int(step), len(points) - 1)
    if first == len(points) - 1:
        return points[first]
    return points[first] + (step - first) * (points[first + 1] - points[first])

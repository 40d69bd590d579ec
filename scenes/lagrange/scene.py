"""The `lagrange` lesson drawn: the contour map of f with the constraint curve over it, a
level curve sweeping up until it touches, grad f and grad g parallel there, then the
system, the table of candidates and the verdict. Three variables: the last three alone.
Beats: see `LagrangeLesson.beats`."""

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
    Indicate,
    Line,
    MathTex,
    Transform,
    VGroup,
    Write,
)

from mathcore.verdicts import Verdict
from scenes.flat_map import level_curves, map_axes, polyline
from scenes.graph_scene import NOTE_SIZE, GraphScene
from scenes.lagrange.lesson import (
    LagrangeLesson,
    LagrangeLessonAnalysis,
    constraint_tex,
    domain_tex,
    extremum,
    extremum_tex,
    function_tex,
    goals,
    gradients_caption,
    map_caption,
    multipliers_at_tex,
    point_tex,
    sweep_caption,
    system_caption,
    system_tex,
    table_caption,
    table_headers,
    table_rows,
    takeaway,
    verdict_caption,
    verdict_colour_key,
)
from scenes.layout import Region
from scenes.plot_room import plot_region
from scenes.verdict_table import verdict_table

NOTES_BUFF = 0.3       # between the lines of a panel of notes
CURVE_STROKE = 5       # the constraint curve
SWEEP_STROKE = 4.5     # the sweeping level curve
SWEEP_STEP = 0.35      # seconds from one level of the sweep to the next
ARROW_LENGTH = 1.1     # grad f on screen; grad g is drawn GRAD_G_PART as long
GRAD_G_PART = 0.6
SHOWN_LAMBDAS = 2      # touching points whose lambda the notes write out
MARK_RADIUS = 0.09


class LagrangeScene(GraphScene):
    """The map and the constraint, the sweep, the gradients, the system, table, verdict."""

    analysis: LagrangeLessonAnalysis
    lesson: LagrangeLesson

    def title_formula(self) -> VGroup:
        r = self.analysis.lagrange
        lines = [function_tex(r), r"\text{on }" + r",\ ".join(constraint_tex(r))]
        return VGroup(*(MathTex(line, color=self.theme.text) for line in lines)).arrange(
            DOWN, buff=0.3)

    def takeaway(self) -> str:
        return takeaway(self.analysis)

    def body(self) -> None:
        self.panel: VGroup | None = None
        self.marks: dict[int, Dot] = {}
        if self.analysis.drawn:
            self.show_map()
            self.show_sweep()
            self.show_gradients()
        self.show_system()
        self.show_table()
        self.show_verdict()

    # -- where things go ---------------------------------------------------------------------
    def map_area(self) -> Region:
        """The main region (grown over the heading band when stacked), clear of the
        caption."""
        return self.layout.above_caption(plot_region(self.layout) if self.layout.stacked
                                         else self.layout.main)

    def notes_region(self) -> Region:
        """Beside (under) the map; with no map, the whole frame under the heading."""
        if self.analysis.drawn:
            return self.layout.side
        top = plot_region(self.layout) if self.layout.stacked else self.layout.main
        side = self.layout.side
        left, right = min(top.left, side.left), max(top.right, side.right)
        high, low = max(top.top, side.top), min(top.bottom, side.bottom)
        return Region((left + right) / 2, (high + low) / 2, right - left, high - low)

    def show_panel(self, parts: list, run_time: float = 0.5) -> VGroup:
        """Replace the notes with ``parts``, laid out in the notes region."""
        region = self.notes_region()
        panel = self.notes_block(parts, region, buff=NOTES_BUFF)
        if not self.analysis.drawn:  # the whole frame: in the middle of it
            panel.move_to(self.layout.above_caption(region).centre)
        if self.panel is not None:
            self.play(FadeOut(self.panel), run_time=run_time)
        self.panel = panel
        return panel

    def colour_of(self, index: int) -> str:
        r = self.analysis.lagrange
        return self.theme.colour(verdict_colour_key(r, r.candidates[index]))

    # -- beat: the map -----------------------------------------------------------------------
    def show_map(self) -> None:
        a = self.analysis
        self.axes = map_axes(a.window, self.map_area(), self.theme)
        levels = level_curves(self.axes, a.landscape, self.theme)
        self.curve = VGroup(*(polyline(self.axes, b, self.theme.main, CURVE_STROKE)
                              for b in a.curve))
        lines = [self.note(function_tex(a.lagrange)),
                 *(self.note(g, self.theme.main) for g in constraint_tex(a.lagrange))]
        if a.lagrange.domain:
            lines.append(self.note(domain_tex(a.lagrange)))
        self.show_panel(lines)
        with self.beat("map", map_caption, a):
            self.play(Create(self.axes), run_time=1.0)
            self.play(Create(levels), Write(lines[0]), run_time=1.4)
            self.play(Create(self.curve), *(Write(line) for line in lines[1:]), run_time=1.2)
            self.wait(0.8)

    # -- beat: the sweep ---------------------------------------------------------------------
    def show_sweep(self) -> None:
        """One level curve moves up through the levels; at each touching level the points
        it touches are marked in their verdict's colour."""
        a = self.analysis
        frames = [level for level in a.sweep if level.branches]
        with self.beat("sweep", sweep_caption, a):
            if not frames:
                self.wait(1.0)
                return
            moving = self.level_group(frames[0].branches)
            self.play(Create(moving), run_time=0.6)
            for level in frames[1:]:
                self.play(Transform(moving, self.level_group(level.branches)),
                          run_time=SWEEP_STEP)
                if level.touching:
                    self.mark_touching(level.touching)
            self.wait(0.8)

    def level_group(self, branches) -> VGroup:
        return VGroup(*(polyline(self.axes, b, self.theme.text, SWEEP_STROKE)
                        for b in branches if len(b) > 1))

    def mark_touching(self, indices) -> None:
        r = self.analysis.lagrange
        dots = []
        for i in indices:
            c = r.candidates[i]
            dot = Dot(self.axes.c2p(*c.pointf), radius=MARK_RADIUS, color=self.colour_of(i))
            self.marks[i] = dot
            dots.append(dot)
        self.play(FadeIn(VGroup(*dots), scale=0.5), run_time=0.4)
        self.play(*(Indicate(d, color=d.get_color(), scale_factor=1.8) for d in dots),
                  run_time=0.6)

    # -- beat: the gradients -----------------------------------------------------------------
    def arrow(self, at, direction, length: float, colour: str) -> Arrow:
        """An arrow from ``at`` along ``direction`` (data units, as the axes' are equal),
        ``length`` long on screen."""
        start = self.axes.c2p(*at)
        unit = np.array([direction[0], direction[1], 0.0])
        unit /= max(np.linalg.norm(unit), 1e-12)
        return Arrow(start, start + unit * length, buff=0, color=colour, stroke_width=5,
                     max_tip_length_to_length_ratio=0.3)

    def show_gradients(self) -> None:
        a, r = self.analysis, self.analysis.lagrange
        f_colour, g_colour = self.theme.tangent, self.theme.secant
        arrows = VGroup()
        for t in a.touching:
            if np.linalg.norm(t.grad_f) > 0:
                arrows.add(self.arrow(t.at, t.grad_f, ARROW_LENGTH, f_colour))
            if np.linalg.norm(t.grad_g) > 0:
                arrows.add(self.arrow(t.at, t.grad_g, ARROW_LENGTH * GRAD_G_PART, g_colour))
        rule = MathTex(r"\nabla f", "=", r"\lambda", r"\nabla g", font_size=NOTE_SIZE,
                       color=self.theme.text)
        rule[0].set_color(f_colour)
        rule[3].set_color(g_colour)
        lambdas = [self.note(rf"{multipliers_at_tex(r.candidates[t.index])}\ "
                             rf"\text{{at}}\ {point_tex(*r.candidates[t.index].point)}",
                             self.colour_of(t.index))
                   for t in a.touching if r.candidates[t.index].multipliers][:SHOWN_LAMBDAS]
        legend = VGroup(*(VGroup(Line(LEFT * 0.25, RIGHT * 0.25, color=c, stroke_width=6),
                                 MathTex(name, font_size=NOTE_SIZE, color=c))
                          .arrange(RIGHT, buff=0.15)
                          for name, c in ((r"\nabla f", f_colour), (r"\nabla g", g_colour))))
        legend.arrange(RIGHT, buff=0.5)
        self.show_panel([rule, legend, *lambdas])
        with self.beat("gradients", gradients_caption, a):
            self.play(Write(rule), FadeIn(legend), run_time=0.8)
            self.play(*(Create(arrow) for arrow in arrows), run_time=1.2)
            for line in lambdas:
                self.play(Write(line), run_time=0.8)
            self.wait(1.0)
        self.play(FadeOut(arrows), run_time=0.4)

    # -- beats: the system, the table, the verdict -------------------------------------------
    def show_system(self) -> None:
        """The system; with no map before it, f over it (the constraints end it)."""
        r = self.analysis.lagrange
        given = [] if self.analysis.drawn else [self.note(function_tex(r), self.theme.main)]
        lines = [self.note(line) for line in system_tex(r)]
        self.show_panel([*given, *lines])
        with self.beat("system", system_caption, self.analysis):
            if given:
                self.play(*(FadeIn(line) for line in given), run_time=0.6)
            for line in lines:
                self.play(Write(line), run_time=0.7)
            self.wait(1.2)

    def show_table(self) -> None:
        r = self.analysis.lagrange
        shown = r.candidates[:len(table_rows(r))]
        table = verdict_table(table_rows(r), table_headers(r),
                              [verdict_colour_key(r, c) for c in shown], self.theme, NOTE_SIZE)
        self.show_panel([table])
        with self.beat("table", table_caption, self.analysis):
            self.play(FadeIn(table), run_time=1.0)
            self.wait(1.6)

    def show_verdict(self) -> None:
        r = self.analysis.lagrange
        colours = {"max": Verdict.LOCAL_MAX, "min": Verdict.LOCAL_MIN}
        lines = [self.note(extremum_tex(r, g), self.theme.colour(colours[g])
                           if extremum(r, g) is not None else self.theme.muted)
                 for g in goals(r)]
        rings = VGroup(*(Circle(radius=0.2, color=self.colour_of(i), stroke_width=4)
                         .move_to(dot) for i, dot in self.marks.items()
                         if verdict_colour_key(r, r.candidates[i]) != Verdict.INCONCLUSIVE))
        self.show_panel(lines)
        with self.beat("verdict", verdict_caption, self.analysis):
            self.play(*(Write(line) for line in lines), run_time=1.0)
            if len(rings):
                self.play(Create(rings), run_time=0.6)
            self.mark_poster()
            self.wait(1.6)

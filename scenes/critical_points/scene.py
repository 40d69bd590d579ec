"""`critical_points`: find and classify peaks, pits and passes of f(x, y).

Beats: title, gradient (f_x = 0, f_y = 0), solutions, surface (the points
dropped onto it), rule (the Hessian test), point-1, point-2, ... (a verdict
and a table row each), table (the finished table beside the surface), closing.
With nothing to classify (no critical point in the window, only curves of them,
a constant f) the surface beat says so and the lesson closes.

A window left out is chosen to hold every critical point (``critical_window``).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import cached_property
from typing import ClassVar, Literal

import numpy as np
import sympy
from manim import (
    DEFAULT_FONT_SIZE,
    DEGREES,
    DOWN,
    LEFT,
    UP,
    Create,
    FadeIn,
    FadeOut,
    Indicate,
    MathTable,
    MathTex,
    Restore,
    VGroup,
    Write,
)
from pydantic import Field, field_validator

from mathcore.critical import CriticalAnalysis, CriticalCurve, CriticalPoint, critical_points
from mathcore.surface import SurfaceAnalysis, analyze_surface
from scenes.base import LessonScene3D, fit, ruled_table
from scenes.layout import Region
from scenes.notation import plain, point, tex
from scenes.params import Formula, LessonBase, Range, parsed_formula
from scenes.plot3d import (
    axis_labels,
    box_corners,
    content_points,
    height_function,
    landscape_axes,
    marker,
    surface_mesh,
)
from scenes.surface import function_tex

MAX_ROWS = 6
TABLE_ORBIT = 0.45  # radians the camera turns beside the finished table
PLURALS = {"local min": "local minima", "local max": "local maxima", "saddle": "saddles",
           "inconclusive": "inconclusive points"}
TYPE_NAMES = {"local min": "Local min", "local max": "Local max", "saddle": "Saddle",
              "inconclusive": "Inconclusive"}


class CriticalPointsLesson(LessonBase):
    """Critical points of f(x, y), classified by the second-derivative test."""

    kind: Literal["critical_points"]
    function: Formula
    x: Range | None = Field(None, description="left out: chosen to hold every critical point")
    y: Range | None = Field(None, description="left out: chosen to hold every critical point")

    beats: ClassVar[tuple[str, ...]] = ("title", "gradient", "solutions", "surface", "rule",
                                        "point-*", "more", "table", "closing")

    @cached_property
    def expr(self) -> sympy.Expr:
        return parsed_formula(self.function)

    @field_validator("function")
    @classmethod
    def _parses(cls, text: str) -> str:
        parsed_formula(text)
        return text

    def analyze(self) -> CriticalPointsAnalysis:
        critical = critical_points(self.expr, (self.x, self.y))
        return CriticalPointsAnalysis(critical, analyze_surface(self.expr, *critical.window))


@dataclass(frozen=True)
class CriticalPointsAnalysis:
    """The critical points, and the landscape they are dropped onto."""

    critical: CriticalAnalysis
    landscape: SurfaceAnalysis

    def to_json(self) -> dict:
        return self.critical.to_json()


def verdict(p: CriticalPoint) -> str:
    """The caption for one point: what the test says and why."""
    where = f"At {point(p.x, p.y)}"
    if not p.differentiable:
        return (f"{where}, f has no derivative: the test cannot be applied;"
                f" nearby values say {p.probe}")
    if p.D is None:
        return f"{where}, a second derivative does not exist; nearby values say {p.probe}"
    d = plain(p.D)
    if p.type == "saddle":
        return f"{where}, D = {d} < 0: a saddle"
    if p.type in ("local min", "local max"):
        sign = ">" if p.type == "local min" else "<"
        return f"{where}, D = {d} > 0 and f_xx = {plain(p.fxx)} {sign} 0: a {p.type}"
    return f"{where}, D = 0: the test says nothing; nearby values say {p.probe}"


def a_kind(kind: str) -> str:
    """``a local min``, ``an inconclusive point``."""
    return "an inconclusive point" if kind == "inconclusive" else f"a {kind}"


def curve_text(curve: CriticalCurve) -> str:
    return curve.text if curve.everywhere else f"{plain(curve.lhs)} = {plain(curve.rhs)}"


def curve_tex(curve: CriticalCurve) -> str:
    return r"	ext{every point}" if curve.everywhere else f"{tex(curve.lhs)} = {tex(curve.rhs)}"


def solutions_caption(a: CriticalAnalysis) -> str:
    """What solving grad f = 0 gave: the points, the curves, or why there are none."""
    if any(c.everywhere for c in a.curves):
        return "Every point is critical: f is constant"
    if not a.points and not a.curves:
        text = "No critical point in this window"
        if a.nearest is not None:
            text += (f"; the nearest is {point(a.nearest.x, a.nearest.y)},"
                     f" {a_kind(a.nearest.type)}")
        return text
    n = len(a.points)
    text = f"{n} critical point{'s' if n != 1 else ''}"
    if a.points:
        text += ": " + ", ".join(point(p.x, p.y) for p in a.points[:8])
    if a.curves:
        text += "; and whole curves of them: " + ", ".join(map(curve_text, a.curves))
    if not a.complete:
        text += " (found numerically)"
    return text


def tally(points: tuple[CriticalPoint, ...]) -> str:
    """``2 saddles, 1 local min and 1 local max``."""
    counts = Counter(p.type for p in points)
    parts = [f"{n} {PLURALS[kind] if n > 1 else kind}" for kind, n in counts.items()]
    if not parts:
        return "no critical points in this window"
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def _cell(value: sympy.Expr | None) -> str:
    return tex(value) if value is not None else r"\text{--}"


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
        if any(c.everywhere for c in self.critical.curves):
            return "A constant is flat everywhere: every point is critical."
        if not self.shown_points and not self.critical.curves:
            return "Where the ground is nowhere flat, there is no peak, pit or pass."
        return ("Flat spots are only candidates: the Hessian tells the peaks, "
                "pits and passes apart.")

    @property
    def shown_points(self) -> tuple[CriticalPoint, ...]:
        return self.critical.points[:MAX_ROWS]

    def body(self) -> None:
        self.algebra()
        self.landscape()
        if self.shown_points:
            self.rule()
            self.rows()
            self.finished_table()

    # -- beats 1 and 2: the algebra, full screen -------------------------------------
    def algebra(self) -> None:
        a, layout = self.critical, self.layout
        fx, fy = a.gradient
        heading = self.flat(self.heading("Where is the ground flat?"))
        equations = VGroup(
            MathTex(rf"f_x = {tex(fx)} = 0", color=self.theme.text),
            MathTex(rf"f_y = {tex(fy)} = 0", color=self.theme.text),
        ).arrange(DOWN, buff=0.35)
        fit(equations, layout.safe_width, 2.2).move_to(UP * 1.3)
        solutions = self.solutions_tex()
        fit(solutions, layout.safe_width, 2.4).next_to(equations, DOWN, buff=0.6)
        if layout.stacked:  # centred between the heading and the caption, on the safe area
            stage_top, stage_bottom = layout.heading.bottom, layout.caption.top
            block = VGroup(equations, solutions)
            block.move_to([layout.safe.x, (stage_top + stage_bottom) / 2 + 0.4, 0])
        self.flat(equations)
        caption = (f"A ball resting here has no reason to roll: f_x = {plain(fx)} = 0"
                   f" and f_y = {plain(fy)} = 0")
        with self.beat("gradient", caption):
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
        a = self.critical
        lines = VGroup()
        points = [rf"({tex(p.x)},\ {tex(p.y)})" for p in a.points]
        per_line = self._points_per_line(points)
        for start in range(0, len(points), per_line):
            lines.add(MathTex(r",\quad ".join(points[start:start + per_line]),
                              color=self.theme.text))
        if any(c.everywhere for c in a.curves):
            lines.add(MathTex(r"\text{every point: } f \text{ is constant}",
                              color=self.theme.text))
        elif a.curves:
            lines.add(MathTex(r"\text{and every point of }" + r",\ ".join(
                map(curve_tex, a.curves)), color=self.theme.text))
        if not lines:
            lines.add(MathTex(r"\text{no solutions in this window}", color=self.theme.text))
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
            self.frame_box(box_corners(self.axes), layout.main, phi=62 * DEGREES,
                           theta=-55 * DEGREES, orbit=TABLE_ORBIT)
        surface = surface_mesh(self.axes, self.height, surface_view, self.theme)
        self.markers = VGroup(*(marker(self.theme.text, self.theme)
                                for _ in self.shown_points))
        for m, p in zip(self.markers, self.shown_points):
            m.move_to(self.axes.c2p(p.xf, p.yf, top))
        with self.beat("surface", self.surface_caption()):
            self.play(Create(self.axes), FadeIn(self.formula), run_time=1.2)
            self.add_fixed_orientation_mobjects(*axis_labels(self.axes, self.theme))
            surface.save_state()
            surface.stretch(0.01, 2, about_point=self.axes.c2p(0, 0, 0))
            self.play(Restore(surface), run_time=1.6)
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

    def surface_caption(self) -> str:
        a = self.critical
        if self.shown_points:
            return "Each critical point, dropped onto the surface"
        if any(c.everywhere for c in a.curves):
            return "A flat plane: a ball rests anywhere, and the test has nothing to decide"
        if a.curves:
            return ("Flat all along " + ", ".join(map(curve_text, a.curves))
                    + ": no isolated point to test")
        return "Nowhere in this window is the ground flat: a ball always rolls"

    def nothing_note(self) -> VGroup:
        """What stands beside (or under) the surface when there is nothing to classify."""
        a, t = self.critical, self.theme
        if any(c.everywhere for c in a.curves):
            lines = [MathTex(r"\text{flat everywhere:}", color=t.text),
                     MathTex(r"\text{every point is critical}", color=t.text)]
        elif a.curves:
            lines = [MathTex(r"\text{critical all along}", color=t.text),
                     *(MathTex(curve_tex(c), color=t.inconclusive) for c in a.curves)]
        else:
            lines = [MathTex(r"\text{no critical point}", color=t.text),
                     MathTex(r"\text{in this window}", color=t.text)]
            if a.nearest is not None:
                lines.append(MathTex(rf"\text{{nearest: }}({tex(a.nearest.x)},\ "
                                     rf"{tex(a.nearest.y)})",
                                     color=t.kind_colour(a.nearest.type)))
        note = VGroup(*lines).arrange(DOWN, buff=0.3)
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
        angles = {"phi": 62 * DEGREES, "theta": -55 * DEGREES, "orbit": TABLE_ORBIT}
        self.frame_box(points, Region(layout.main.x, (ceiling + bottom) / 2, layout.main.width,
                                      ceiling - bottom), **angles)
        low, high = self.renderer.camera.extent(points, TABLE_ORBIT)
        drawn = high[1] - low[1]
        block = drawn + 0.4 + room
        surface_top = (ceiling + floor + block) / 2 if block < ceiling - floor else ceiling
        self.frame_box(points, Region(layout.main.x, surface_top - drawn / 2, layout.main.width,
                                      drawn), **angles)
        centre = [layout.side.x, surface_top - drawn - 0.4 - room / 2, 0]
        for note in notes:
            note.move_to(centre)

    # -- beat 4: the decision rule ---------------------------------------------------------
    def rule_and_table(self) -> tuple[VGroup, MathTable]:
        """The decision rule and the (empty) table, sized and placed in ``side``."""
        side, t = self.layout.side, self.theme
        lines = VGroup(
            MathTex(r"D = f_{xx} f_{yy} - f_{xy}^2", color=t.text),
            MathTex(r"D > 0,\ f_{xx} > 0:\ \text{local min}", color=t.local_min),
            MathTex(r"D > 0,\ f_{xx} < 0:\ \text{local max}", color=t.local_max),
            MathTex(r"D < 0:\ \text{saddle}", color=t.saddle),
            MathTex(r"D = 0:\ \text{the test says nothing}", color=t.inconclusive),
        )
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
        lines, table = self.rule_lines, self.data_table
        self.flat(*lines, table)
        caption = ("The Hessian decides: D = f_xx·f_yy - f_xy²; D > 0 with f_xx > 0 is a min,"
                   " with f_xx < 0 a max, D < 0 a saddle, and D = 0 says nothing")
        header = (FadeIn(table.get_rows()[0]), Create(table.header_rule))
        with self.beat("rule", caption):
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
        rows = [[rf"({tex(p.x)},\ {tex(p.y)})", _cell(p.fxx), _cell(p.fyy), _cell(p.D),
                 rf"\text{{{TYPE_NAMES[p.type]}}}"] for p in self.shown_points]
        table = ruled_table(rows, [r"\text{Point}", "f_{xx}", "f_{yy}", "D", r"\text{Type}"],
                            self.theme, DEFAULT_FONT_SIZE)
        for row, p in zip(table.get_rows()[1:], self.shown_points):
            row[-1].set_color(self.theme.kind_colour(p.type))
        return table

    def rows(self) -> None:
        for index, (p, row, m) in enumerate(zip(self.shown_points,
                                                 self.data_table.get_rows()[1:],
                                                 self.markers), start=1):
            with self.beat(f"point-{index}", verdict(p)):
                colour = self.theme.kind_colour(p.type)
                self.play(FadeIn(row, shift=LEFT * 0.2), m.animate.set_fill(colour),
                          run_time=1.0)
                self.play(Indicate(m, color=colour, scale_factor=1.6), run_time=0.9)
                self.wait(1.2)
        hidden = len(self.critical.points) - len(self.shown_points)
        if hidden:
            with self.beat("more", f"and {hidden} more points, classified the same way"):
                self.wait(2.0)

    # -- beat 6: the finished table -------------------------------------------------------------
    def finished_table(self) -> None:
        side = self.layout.side
        with self.beat("table", tally(self.critical.points).capitalize() + "."):
            if not self.layout.stacked:  # stacked, the table stands in place already
                grow = min(1.25, side.width / self.data_table.width,
                           side.height / self.data_table.height)
                self.play(*(FadeOut(line) for line in self.rule_lines),
                          self.data_table.animate.scale(grow).move_to(side.centre),
                          run_time=1.0)
            self.mark_poster()
            self.orbit(TABLE_ORBIT, 3.0)


def report(analysis: CriticalPointsAnalysis) -> str:
    """The article's table, `Point | f_xx | f_yy | D | Type`, as check prints it."""
    a = analysis.critical
    header = ("Point", "f_xx", "f_yy", "D", "Type")
    rows = [header] + [
        (f"({plain(p.x)},{plain(p.y)})", *(plain(v) if v is not None else "-"
                                           for v in (p.fxx, p.fyy, p.D)),
         TYPE_NAMES[p.type] + (f" (probe: {p.probe})" if p.probe else ""))
        for p in a.points
    ]
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    lines = [f"f(x, y) = {plain(a.function)}",
             "exact solution" if a.complete else "numeric search (the list may be incomplete)"]
    lines += [" | ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip()
              for row in rows]
    lines += [f"critical curve: {c.text}" for c in a.curves]
    (x0, x1), (y0, y1) = a.window
    lines.append(f"window: x in [{plain(x0)}, {plain(x1)}], y in [{plain(y0)}, {plain(y1)}]")
    if not a.points and not a.curves:
        lines.append(solutions_caption(a))
    return "\n".join(lines)

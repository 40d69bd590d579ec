"""The first-principles lesson drawn: P, a sliding Q, the secant turning into the tangent,
and the algebra beside it.

Beats: see `FirstPrincipleLesson.beats`.
"""

from __future__ import annotations

import numpy as np
from manim import (
    DOWN,
    DR,
    LEFT,
    RIGHT,
    UL,
    UP,
    UR,
    Create,
    DashedLine,
    FadeIn,
    FadeOut,
    Line,
    MathTable,
    ReplacementTransform,
    ValueTracker,
    VGroup,
    Write,
    always_redraw,
)

from mathcore.first_principle import FirstPrinciple
from scenes.base import fit, ruled_table
from scenes.first_principle.lesson import (
    FirstPrincipleLesson,
    algebra_caption,
    conclusion_tex,
    defined_rows,
    finite_sides,
    graph_caption,
    limit_parts,
    limit_tex,
    no_tangent_caption,
    quotient_tex,
    secant_caption,
    shrink_caption,
    side_slope_tex,
    simplified_parts,
    table_rows,
    takeaway,
    tangent_caption,
    tangent_tex,
)
from scenes.graph_scene import NOTE_SIZE, NOTES_GAP, GraphScene
from scenes.layout import Region

SHRINK_SECONDS = 1.6    # each step of h sliding toward 0
RAY_LENGTH = 1.8        # scene units of a one-sided slope drawn from P


class FirstPrincipleScene(GraphScene):
    """P, a sliding Q, the secant turning into the tangent, and the algebra beside it."""

    analysis: FirstPrinciple
    lesson: FirstPrincipleLesson

    def takeaway(self) -> str:
        return takeaway(self.analysis)

    def body(self) -> None:
        fp = self.analysis
        self.show_graph()
        if self.secant is not None:
            self.show_secant()
            self.shrink()
        self.show_algebra()
        if fp.tangent is not None:
            self.show_tangent()
        elif fp.limit is None:
            self.show_sides()

    # -- beat: the graph and P ---------------------------------------------------------------
    def show_graph(self) -> None:
        fp = self.analysis
        table, algebra = self.build_notes()
        self.draw_graph(fp.window, [table, algebra])
        self.place_notes(table, algebra)
        self.a = float(fp.at)
        self.p_dot = self.spot(self.a, self.theme.text)
        rows = defined_rows(fp)
        self.step = ValueTracker(np.log10(rows[0].hf) if rows else 0)
        self.secant = always_redraw(self.secant_line) if rows else None
        self.tangent = None if fp.tangent is None else self.tangent_line()
        self.rays = self.one_sided_rays()
        guides = [m for m in (self.secant, self.tangent, self.rays) if m is not None]
        self.p_label = self.tag(self.p_dot, "P", avoid=guides)
        with self.beat("graph", graph_caption, fp):
            self.play_graph(then=[FadeIn(self.p_dot, scale=0.5), FadeIn(self.p_label)])

    def tangent_line(self) -> Line:
        line = self.analysis.tangent
        slope = None if line.vertical else float(line.slope)
        return self.across((self.a, float(self.analysis.point.fa)), slope, self.theme.tangent, 5)

    # -- the notes: the table of slopes and the algebra ---------------------------------------
    def build_notes(self) -> tuple[MathTable, VGroup]:
        """The table of h and the quotient, and the algebra: not yet placed."""
        fp = self.analysis
        table = ruled_table(table_rows(fp), ["h", quotient_tex(fp.at)], self.theme, NOTE_SIZE)
        for row in table.get_rows()[1:]:
            row[1].set_color(self.theme.secant)
        lines = [self.note(" ".join(simplified_parts(fp))), self.note(limit_tex(fp)),
                 self.note(conclusion_tex(fp))]
        if self.layout.stacked and (table.width + NOTES_GAP + max(m.width for m in lines)
                                    > self.layout.side.width):
            # too wide beside the table (portrait): "= h + 6" under the quotient, and the
            # two one-sided limits one under the other
            lines[:2] = [self.lines(*simplified_parts(fp)), self.lines(*limit_parts(fp))]
        if fp.tangent is not None:
            lines.append(self.note(tangent_tex(fp), self.theme.tangent))
        return table, VGroup(*lines).arrange(DOWN, buff=0.3)

    def lines(self, *contents: str) -> VGroup:
        """Notes one under another, read as one step of the algebra."""
        return VGroup(*(self.note(c) for c in contents)).arrange(DOWN, buff=0.15)

    def place_notes(self, table: MathTable, algebra: VGroup) -> None:
        """The table, and the algebra under it (landscape) or beside it (under the graph,
        in portrait and square)."""
        if self.layout.stacked:
            self.table, self.algebra = self.notes_block([table, algebra])
            return
        side = self.layout.side
        fit(table, side.width, side.height * 0.45)
        self.table = table.move_to(side.centre).align_to(
            side.centre + UP * side.height / 2, UP)
        room = side.height - self.table.height - 0.4
        below = Region(side.x, side.y - side.height / 2 + room / 2, side.width, room)
        self.algebra = self.side_column(list(algebra), below, buff=0.3)

    # -- beat: Q and the secant --------------------------------------------------------------
    def show_secant(self) -> None:
        q = self.spot(self.q_x(), self.theme.secant)
        self.q_dot = always_redraw(lambda: self.spot(self.q_x(), self.theme.secant))
        self.q_label = self.tag(q, "Q", (DR, RIGHT, DOWN, UL, UR), self.theme.secant,
                                (self.secant, self.p_label))
        rows = self.table.get_rows()
        with self.beat("secant", secant_caption, self.analysis):
            self.play(FadeIn(self.q_dot, scale=0.5), FadeIn(self.q_label), run_time=0.8)
            self.play(Create(self.secant), run_time=1.0)
            self.bring_to_front(self.q_dot, self.p_dot)
            self.play(FadeIn(rows[0]), Create(self.table.header_rule), run_time=0.8)
            self.play(FadeIn(rows[1], shift=LEFT * 0.2), run_time=0.6)
            self.wait(1.2)

    def q_x(self) -> float:
        return self.a + 10 ** self.step.get_value()

    def secant_line(self) -> Line:
        p, q = self.axes.p2c(self.on_curve(self.a)), self.axes.p2c(self.on_curve(self.q_x()))
        return self.across(tuple(p), (q[1] - p[1]) / (q[0] - p[0]), self.theme.secant)

    # -- beat: h shrinks ---------------------------------------------------------------------
    def shrink(self) -> None:
        fp = self.analysis
        cells = self.table.get_rows()[2:]
        with self.beat("shrink", shrink_caption, fp):
            for index, (row, cell) in enumerate(zip(defined_rows(fp)[1:], cells)):
                moves = [self.step.animate.set_value(np.log10(row.hf))]
                if index == 0:
                    moves.append(FadeOut(self.q_label))
                self.play(*moves, run_time=SHRINK_SECONDS)
                self.play(FadeIn(cell, shift=LEFT * 0.2), run_time=0.5)
            self.wait(1.0)

    # -- beat: the algebra -------------------------------------------------------------------
    def show_algebra(self) -> None:
        fp = self.analysis
        with self.beat("algebra", algebra_caption, fp):
            for line in self.algebra[:3]:
                self.play(Write(line), run_time=1.0)
            self.mark_poster()  # until the tangent, or the two one-sided slopes, are drawn
            self.wait(1.2)

    # -- beat: the tangent -------------------------------------------------------------------
    def show_tangent(self) -> None:
        label = self.line_tag(self.tangent, tangent_tex(self.analysis), self.theme.tangent,
                              (self.p_dot, self.p_label))
        with self.beat("tangent", tangent_caption, self.analysis):
            self.retire_secant(ReplacementTransform(self.secant, self.tangent)
                               if self.secant is not None else Create(self.tangent))
            self.bring_to_front(self.p_dot)
            self.play(Write(self.algebra[3]), FadeIn(label), run_time=1.0)
            self.mark_poster()
            self.wait(1.5)

    def retire_secant(self, *animations) -> None:
        """Stop Q and the secant following h, and play ``animations`` as they go."""
        if self.secant is not None:
            self.secant.clear_updaters()
            animations = (*animations, FadeOut(self.q_dot))
        self.play(*animations, run_time=1.2)

    # -- beat: two one-sided slopes, no tangent ----------------------------------------------
    def one_sided_rays(self) -> VGroup:
        """Where there is no limit: a short half-line from P for each finite one-sided slope."""
        fp = self.analysis
        if fp.limit is not None:
            return VGroup()
        return VGroup(*(self.ray(float(slope), side) for slope, side in finite_sides(fp)))

    def show_sides(self) -> None:
        fp = self.analysis
        labels = VGroup()
        for (slope, _), ray in zip(finite_sides(fp), self.rays):
            labels.add(self.line_tag(ray, side_slope_tex(slope), self.theme.secant,
                                     (self.p_dot, self.p_label, self.rays, *labels)))
        with self.beat("no-tangent", no_tangent_caption, fp):
            self.retire_secant(*([FadeOut(self.secant)] if self.secant is not None else []))
            self.play(*(Create(r) for r in self.rays), run_time=1.0)
            self.bring_to_front(self.p_dot)
            self.play(FadeIn(labels), run_time=0.8)
            self.mark_poster()
            self.wait(1.8)

    def ray(self, slope: float, side: int) -> DashedLine:
        """A short dashed half-line from P with ``slope``, to the left (-1) or right (1)."""
        full = self.across((self.a, float(self.analysis.point.fa)), slope, self.theme.secant)
        start = self.axes.c2p(self.a, float(self.analysis.point.fa))
        end = full.get_start() if side < 0 else full.get_end()
        end = start + (end - start) * min(1, RAY_LENGTH / max(np.linalg.norm(end - start), 1e-9))
        return DashedLine(start, end, color=self.theme.secant, stroke_width=5,
                          dash_length=0.12)


"""`first_principle`: the derivative as the limit of secant slopes.

Beats: title, graph (f and P = (a, f(a))), secant (Q = (a + h, f(a + h)) with
h = 1 and the secant PQ), shrink (h runs through the table's values while
the table of slopes fills in), algebra (the quotient simplified and its
limit), tangent (the tangent line drawn and labelled) or no-tangent (the two
one-sided slopes, when they differ), closing.
"""

from __future__ import annotations

from functools import cached_property
from typing import ClassVar, Literal

import numpy as np
import sympy
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
from pydantic import Field, model_validator

from mathcore.first_principle import FirstPrinciple, QuotientRow, first_principle
from scenes.base import fit, ruled_table
from scenes.graph_scene import NOTE_SIZE, NOTES_GAP, GraphScene
from scenes.layout import Region
from scenes.notation import decimal, plain, point, telling_digits, tex
from scenes.params import Exact, FormulaOfX, LessonBase, Range, contains, formula_of_x

SHRINK_SECONDS = 1.6    # each step of h sliding toward 0
SIDES_APART = r",\qquad "  # between the two one-sided limits on one line
RAY_LENGTH = 1.8        # scene units of a one-sided slope drawn from P


class FirstPrincipleLesson(LessonBase):
    """The derivative at a point from the limit of the difference quotient."""

    kind: Literal["first_principle"]
    function: FormulaOfX
    at: Exact = Field(description="a, the point where f is differentiated")
    x: Range | None = Field(None, description="the window; default [a - 3, a + 3], where f "
                                              "is defined")

    beats: ClassVar[tuple[str, ...]] = ("title", "graph", "secant", "shrink", "algebra",
                                        "tangent", "no-tangent", "closing")

    @model_validator(mode="after")
    def _fits_the_window(self) -> FirstPrincipleLesson:
        if self.x is None:
            return self
        low, high = self.x
        if not contains(self.x, self.at) or not contains(self.x, self.at + 1):
            raise ValueError(
                f"at = {self.at} must lie inside x = [{low}, {high}] with room for "
                f"Q at a + h = {self.at + 1} (h = 1); widen x")
        return self

    @cached_property
    def expr(self) -> sympy.Expr:
        return formula_of_x(self.function)

    def analyze(self) -> FirstPrinciple:
        return first_principle(self.expr, self.at, self.x)


# -- captions --------------------------------------------------------------------------------
def defined_rows(fp: FirstPrinciple) -> tuple[QuotientRow, ...]:
    """The table rows where f(a + h) is defined."""
    return tuple(row for row in fp.table if row.quotient is not None)


def slope_text(fp: FirstPrinciple, row: QuotientRow, about: str = "≈ ") -> str:
    """A secant's slope, with as many digits as tell the table's slopes apart."""
    digits = telling_digits([r.qf for r in defined_rows(fp)])
    return decimal(row.quotient, row.qf, about, digits)


def finite_sides(fp: FirstPrinciple) -> list[tuple[sympy.Expr, int]]:
    """The finite one-sided slopes, each with its side (-1 left, 1 right)."""
    return [(slope, side) for slope, side in ((fp.left, -1), (fp.right, 1))
            if slope is not None and slope not in (sympy.oo, -sympy.oo)]


def quotient_text(fp: FirstPrinciple) -> str:
    return f"(f({plain(fp.at)} + h) - f({plain(fp.at)}))/h"


def graph_caption(fp: FirstPrinciple) -> str:
    return (f"The graph of f(x) = {plain(fp.function)}, and the point "
            f"P = {point(fp.at, fp.point.fa)} on it")


def secant_caption(fp: FirstPrinciple) -> str:
    first = defined_rows(fp)[0]
    slope = slope_text(fp, first)
    return (f"Q sits h = {decimal(first.h, first.hf)} to the right of P: the secant PQ has "
            f"slope {quotient_text(fp)} {slope if slope.startswith('≈') else '= ' + slope}")


def limit_words(fp: FirstPrinciple) -> str:
    """Where the quotient heads as h -> 0+: a number, without bound, or only one side."""
    if fp.right in (sympy.oo, -sympy.oo):
        return "growing without bound"
    if fp.limit is None:
        return f"toward {plain(fp.right)} from the right, but {plain(fp.left)} from the left"
    return f"toward {plain(fp.limit)}"


def shrink_caption(fp: FirstPrinciple) -> str:
    slopes = ", ".join(slope_text(fp, row) for row in defined_rows(fp))
    return f"As h shrinks, the slope goes {slopes}: {limit_words(fp)}"


def algebra_caption(fp: FirstPrinciple) -> str:
    a = plain(fp.at)
    start = f"{quotient_text(fp)} = {plain(fp.quotient)}"
    if fp.value is not None:
        return (f"{start}; as h → 0 it tends to {plain(fp.value)}: f'({a}) = {plain(fp.value)},"
                f" and in general f'(x) = {plain(fp.derivative)}")
    if fp.limit is not None:
        return f"{start}; as h → 0 it grows without bound: f'({a}) does not exist"
    return (f"{start}; as h → 0 it tends to {plain(fp.left)} from the left and "
            f"{plain(fp.right)} from the right: no single limit")


def tangent_caption(fp: FirstPrinciple) -> str:
    line = fp.tangent
    if line.vertical:
        return ("The slope grows without bound: the tangent at P is vertical, "
                f"x = {plain(line.equation)}")
    return f"f'({plain(fp.at)}) = {plain(fp.value)}: the tangent is y = {plain(line.equation)}"


def no_tangent_caption(fp: FirstPrinciple) -> str:
    return (f"From the left the slope tends to {plain(fp.left)}, from the right to "
            f"{plain(fp.right)}: f'({plain(fp.at)}) does not exist, and there is no tangent")


# -- the algebra, typeset --------------------------------------------------------------------
def quotient_tex(a: sympy.Expr) -> str:
    return rf"\frac{{f({tex(a)} + h) - f({tex(a)})}}{{h}}"


def limit_tex(fp: FirstPrinciple) -> str:
    """The limit step: -> f'(a) = value, -> infinity, or the two one-sided limits."""
    if fp.limit is None:
        return rf"h \to 0^-:\ {tex(fp.left)}{SIDES_APART}h \to 0^+:\ {tex(fp.right)}"
    side = "" if fp.left is not None and fp.right is not None else (
        "^+" if fp.left is None else "^-")
    target = (rf"f'({tex(fp.at)}) = {tex(fp.value)}" if fp.value is not None
              else tex(fp.limit))
    return rf"\xrightarrow{{\;h \to 0{side}\;}}\ {target}"


def conclusion_tex(fp: FirstPrinciple) -> str:
    if fp.value is not None:
        return rf"f'(x) = {tex(fp.derivative)}"
    return rf"f'({tex(fp.at)})\ \text{{does not exist}}"


class FirstPrincipleScene(GraphScene):
    """P, a sliding Q, the secant turning into the tangent, and the algebra beside it."""

    analysis: FirstPrinciple
    lesson: FirstPrincipleLesson

    def takeaway(self) -> str:
        fp = self.analysis
        if fp.value is not None:
            return (f"The derivative is where the secant slopes settle: "
                    f"f'({plain(fp.at)}) = {plain(fp.value)}.")
        return "No single limit of the secant slopes, no derivative: the limit is the definition."

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
        with self.beat("graph", graph_caption(fp)):
            self.play_graph(then=[FadeIn(self.p_dot, scale=0.5), FadeIn(self.p_label)])

    def tangent_line(self) -> Line:
        line = self.analysis.tangent
        slope = None if line.vertical else float(line.slope)
        return self.across((self.a, float(self.analysis.point.fa)), slope, self.theme.tangent, 5)

    # -- the notes: the table of slopes and the algebra ---------------------------------------
    def build_notes(self) -> tuple[MathTable, VGroup]:
        """The table of h and the quotient, and the algebra: not yet placed."""
        fp = self.analysis
        rows = [[decimal(r.h, r.hf), slope_text(fp, r, r"\approx ")] for r in defined_rows(fp)]
        table = ruled_table(rows, ["h", quotient_tex(fp.at)], self.theme, NOTE_SIZE)
        for row in table.get_rows()[1:]:
            row[1].set_color(self.theme.secant)
        lines = [self.note(quotient_tex(fp.at) + " = " + tex(fp.quotient)),
                 self.note(limit_tex(fp)), self.note(conclusion_tex(fp))]
        if self.layout.stacked and (table.width + NOTES_GAP + max(m.width for m in lines)
                                    > self.layout.side.width):
            # too wide beside the table (portrait): "= h + 6" under the quotient, and the
            # two one-sided limits one under the other
            lines[:2] = [self.lines(quotient_tex(fp.at), "= " + tex(fp.quotient)),
                         self.lines(*limit_tex(fp).split(SIDES_APART))]
        if fp.tangent is not None:
            lines.append(self.note(self.tangent_tex(), self.theme.tangent))
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
        with self.beat("secant", secant_caption(self.analysis)):
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
        with self.beat("shrink", shrink_caption(fp)):
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
        with self.beat("algebra", algebra_caption(fp)):
            for line in self.algebra[:3]:
                self.play(Write(line), run_time=1.0)
            self.mark_poster()  # until the tangent, or the two one-sided slopes, are drawn
            self.wait(1.2)

    def tangent_tex(self) -> str:
        line = self.analysis.tangent
        return rf"{'x' if line.vertical else 'y'} = {tex(line.equation)}"

    # -- beat: the tangent -------------------------------------------------------------------
    def show_tangent(self) -> None:
        label = self.line_tag(self.tangent, self.tangent_tex(), self.theme.tangent,
                              (self.p_dot, self.p_label))
        with self.beat("tangent", tangent_caption(self.analysis)):
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
            labels.add(self.line_tag(ray, rf"\text{{slope }} {{{tex(slope)}}}", self.theme.secant,
                                     (self.p_dot, self.p_label, self.rays, *labels)))
        with self.beat("no-tangent", no_tangent_caption(fp)):
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


def report(fp: FirstPrinciple) -> str:
    """The quotient, its limit and the table, as `calcreel check` prints them."""
    lines = [f"f(x) = {plain(fp.function)}, a = {plain(fp.at)}",
             f"{quotient_text(fp)} = {plain(fp.quotient)}",
             "h | quotient"]
    lines += [f"{decimal(r.h, r.hf)} | "
              + ("undefined" if r.quotient is None else slope_text(fp, r))
              for r in fp.table]
    if fp.value is not None:
        lines.append(f"f'({plain(fp.at)}) = {plain(fp.value)}; f'(x) = {plain(fp.derivative)}")
    else:
        lines.append(f"limits: left {fp.left}, right {fp.right}: f'({plain(fp.at)}) does not exist")
    if fp.tangent is not None:
        lines.append(f"tangent: {'x' if fp.tangent.vertical else 'y'} = "
                     f"{plain(fp.tangent.equation)}")
    return "\n".join(lines)

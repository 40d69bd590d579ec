"""The Mean Value Theorem drawn: f on [a, b], the secant AB, the hypotheses, every c and
its parallel tangent.

Beats: see `MeanValueLesson.beats`.
"""

from __future__ import annotations

from manim import (
    DL,
    DOWN,
    DR,
    LEFT,
    RIGHT,
    UL,
    UP,
    UR,
    Create,
    FadeIn,
    Transform,
    VGroup,
    Write,
)

from mathcore.mean_value import MeanValue
from scenes.graph_scene import GraphScene
from scenes.mean_value.lesson import (
    MeanValueLesson,
    c_names,
    c_tex,
    derivative_tex,
    graph_caption,
    hypotheses_caption,
    hypotheses_tex,
    no_c_tex,
    reason_tex,
    secant_caption,
    shown_points,
    slide_caption,
    slope_tex,
    solve_caption,
    takeaway,
)

NOTES_BUFF = 0.5  # scene units between the slope, hypotheses and solve notes


class MeanValueScene(GraphScene):
    """f on [a, b], the secant AB, the hypotheses, every c and its parallel tangent."""

    analysis: MeanValue
    lesson: MeanValueLesson

    def takeaway(self) -> str:
        return takeaway(self.analysis)

    def body(self) -> None:
        self.show_graph()
        self.build_notes()
        self.show_secant()
        self.show_hypotheses()
        self.solve()
        if self.analysis.points:
            self.slide()

    # -- beat: f, [a, b], A and B ------------------------------------------------------------
    def show_graph(self) -> None:
        mv = self.analysis
        self.note_parts = self.build_note_parts()
        self.draw_graph(mv.window, self.note_parts, NOTES_BUFF)
        self.ends = [(float(mv.a), float(mv.fa)), (float(mv.b), float(mv.fb))]
        self.secant = self.across(self.ends[0], float(mv.slope), self.theme.secant)
        band = self.band(self.ends[0][0], self.ends[1][0])
        dots = VGroup(*(self.spot(end, self.theme.text) for end, _ in self.ends))
        labels = VGroup(self.tag(dots[0], "A", (UL, LEFT, DL, UP, DOWN), avoid=[self.secant]),
                        self.tag(dots[1], "B", (UR, RIGHT, DR, UP, DOWN), avoid=[self.secant]))
        self.marks = VGroup(dots, labels)
        with self.beat("graph", graph_caption, mv):
            self.play_graph([band], [FadeIn(self.marks)])

    # -- the notes on the side ---------------------------------------------------------------
    def build_note_parts(self) -> list[VGroup]:
        """The slope, the hypotheses and the solve, not yet placed."""
        slope = self.note(slope_tex(self.analysis), self.theme.secant)
        return [slope, self.hypotheses_notes(), self.solve_notes()]

    def build_notes(self) -> None:
        self.notes = self.notes_block(self.note_parts, buff=NOTES_BUFF)

    def hypotheses_notes(self) -> VGroup:
        mv = self.analysis
        lines = ([self.note(line) for line in hypotheses_tex(mv)]
                 + [self.note(line, self.theme.muted) for line in reason_tex(mv)])
        return VGroup(*lines).arrange(DOWN, aligned_edge=LEFT, buff=0.2)

    def solve_notes(self) -> VGroup:
        mv, t = self.analysis, self.theme
        equation = self.note(derivative_tex(mv))
        shown = shown_points(mv)
        answers = [self.note(c_tex(c, name), t.tangent)
                   for c, name in zip(shown, c_names(len(shown)))]
        if not shown:
            answers = [self.note(no_c_tex(mv))]
        return VGroup(equation, *answers).arrange(DOWN, buff=0.25)

    # -- beats: the secant, the hypotheses, the solve ----------------------------------------
    def show_secant(self) -> None:
        mv = self.analysis
        with self.beat("secant", secant_caption, mv):
            self.play(Create(self.secant), run_time=1.2)
            self.bring_to_front(self.marks)
            self.play(Write(self.notes[0]), run_time=1.2)
            self.wait(1.5)

    def show_hypotheses(self) -> None:
        with self.beat("hypotheses", hypotheses_caption, self.analysis):
            for line in self.notes[1]:
                self.play(FadeIn(line, shift=LEFT * 0.2), run_time=0.8)
            self.wait(2.0 if self.analysis.applies else 4.0)

    def solve(self) -> None:
        with self.beat("solve", solve_caption, self.analysis):
            for line in self.notes[2]:
                self.play(Write(line), run_time=1.0)
            self.mark_poster()  # until a slide to the tangents gives a better one
            self.wait(1.5 if self.analysis.points else 3.0)

    # -- beat: the secant slides onto each parallel tangent ----------------------------------
    def slide(self) -> None:
        mv = self.analysis
        shown = shown_points(mv)
        with self.beat("slide", slide_caption, mv):
            for c, name in zip(shown, c_names(len(shown))):
                copy = self.secant.copy()
                tangent = self.across((c.value, self.f(c.value)), float(mv.slope),
                                      self.theme.tangent, 5)
                self.add(copy)
                self.play(Transform(copy, tangent), run_time=1.5)
                self.play(FadeIn(self.spot(c.value, self.theme.tangent), scale=0.5),
                          FadeIn(self.x_mark(c.value, name, self.theme.tangent)), run_time=0.7)
            self.bring_to_front(self.marks)
            self.mark_poster()
            self.wait(1.5)


"""The extrema lesson drawn: the graph, f' = 0, each point classified into the verdict
table, the absolute extrema."""

from __future__ import annotations

from manim import DOWN, Circle, Create, Dot, FadeIn, MathTable, VGroup, Write

from mathcore.extrema import CriticalPoint, Extrema
from mathcore.verdicts import Verdict
from scenes.extrema.lesson import (
    END_TAG,
    TABLE_HEADERS,
    ExtremaLesson,
    absolute_caption,
    absolute_lines,
    derivative_caption,
    derivative_lines,
    graph_caption,
    table_rows,
    takeaway,
    verdict,
)
from scenes.graph_scene import NOTE_SIZE, GraphScene
from scenes.verdict_rows import more_caption, shown_rows
from scenes.verdict_table import RowPace, play_rows, verdict_table

NOTES_BUFF = 0.45  # scene units between the notes: f' and f'', the table, the absolute extrema
ROW_PACE = RowPace(arrive=0.9, flash=0.8, swell=1.8, pause=1.6)


class ExtremaScene(GraphScene):
    """The graph, f' = 0, each point classified into the table, the absolute extrema."""

    analysis: Extrema
    lesson: ExtremaLesson

    def takeaway(self) -> str:
        return takeaway(self.analysis)

    @property
    def shown_points(self) -> tuple[CriticalPoint, ...]:
        return shown_rows(self.analysis.points)

    def body(self) -> None:
        self.show_graph()
        self.build_notes()
        self.show_derivative()
        self.rows()
        if self.analysis.absolute is not None:
            self.show_absolute()

    def show_graph(self) -> None:
        """The axes, then the graph drawn across them."""
        ex = self.analysis
        self.note_parts = self.build_note_parts()
        self.draw_graph(ex.x_range, self.note_parts, NOTES_BUFF)
        with self.beat("graph", graph_caption, ex):
            self.play_graph()

    # -- the notes on the side ---------------------------------------------------------------
    def build_note_parts(self) -> list[VGroup]:
        """f' and f'', the table, the absolute extrema: not yet placed."""
        parts = [self.derivative_notes(), self.table()]
        if self.analysis.absolute is not None:
            parts.append(self.absolute_notes())
        return parts

    def build_notes(self) -> None:
        self.notes = self.notes_block(self.note_parts, buff=NOTES_BUFF)
        self.data_table = self.notes[1]

    def derivative_notes(self) -> VGroup:
        lines = [self.note(line) for line in derivative_lines(self.analysis)]
        return VGroup(*lines).arrange(DOWN, buff=0.2)

    def table(self) -> MathTable:
        return verdict_table(table_rows(self.analysis), TABLE_HEADERS,
                             [p.type for p in self.shown_points], self.theme, NOTE_SIZE)

    def absolute_notes(self) -> VGroup:
        lines = [self.note(line, self.theme.colour(kind))
                 for line, kind in absolute_lines(self.analysis)]
        return VGroup(*lines).arrange(DOWN, buff=0.2)

    # -- beat: f' = 0 ------------------------------------------------------------------------
    def show_derivative(self) -> None:
        """f' and f'' written out, the table's header, the candidates marked in grey."""
        grey = self.theme.colour(Verdict.INCONCLUSIVE)
        self.markers = VGroup(*(Dot(self.axes.c2p(p.xf, p.value_f), radius=0.09, color=grey)
                                for p in self.shown_points))
        with self.beat("derivative", derivative_caption, self.analysis):
            for line in self.notes[0]:
                self.play(Write(line), run_time=1.0)
            self.play(FadeIn(self.data_table.get_rows()[0]), Create(self.data_table.header_rule),
                      *(FadeIn(m, scale=0.5) for m in self.markers),
                      *(FadeIn(e) for e in self.domain_ends()), run_time=0.8)
            self.mark_poster()  # until the last classified point gives a better one
            self.wait(1.8)

    def domain_ends(self) -> list[VGroup]:
        """Each end of f's domain: a ring, labelled as an end."""
        marks = []
        for e in self.analysis.ends:
            ring = Circle(radius=0.09, color=self.theme.muted, stroke_width=3).move_to(
                self.axes.c2p(e.xf, e.value_f))
            marks.append(VGroup(ring, self.tag(ring, END_TAG, colour=self.theme.muted)))
        return marks

    # -- beats: one row per point ------------------------------------------------------------
    def rows(self) -> None:
        """A beat for each point: its row, its dot in its verdict's colour."""
        play_rows(self, self.data_table, self.markers,
                  self.shown_points, verdict,
                  more_caption(self.analysis.points), ROW_PACE, poster=True)

    # -- beat: the absolute extrema ----------------------------------------------------------
    def show_absolute(self) -> None:
        """The interval shaded, the absolute max and min ringed and written out."""
        found = self.analysis.absolute
        a, b = (float(v) for v in found.interval)
        rings = VGroup(*(Circle(radius=0.17, color=self.theme.colour(kind), stroke_width=4)
                         .move_to(self.axes.c2p(float(v), float(e.value)))
                         for e, kind in ((found.max, Verdict.LOCAL_MAX),
                                         (found.min, Verdict.LOCAL_MIN))
                         for v in e.xs))
        band = self.band(a, b)
        with self.beat("absolute", absolute_caption, self.analysis):
            self.bring_to_back(band)
            self.play(FadeIn(band), run_time=0.8)
            self.play(*(Create(r) for r in rings), run_time=1.0)
            for line in self.notes[2]:
                self.play(Write(line), run_time=0.9)
            self.wait(1.5)

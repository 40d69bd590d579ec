"""The `graphs` lesson drawn: the family one function at a time beside its legend, then
the asymptotes and the identities. Beats: see `GraphsLesson.beats`."""

from __future__ import annotations

import numpy as np
from manim import (
    DL,
    DOWN,
    DR,
    LEFT,
    RIGHT,
    UL,
    UR,
    Create,
    DashedLine,
    FadeIn,
    Line,
    MathTex,
    Mobject,
    VGroup,
    Write,
)

from mathcore.graphs import Features, Identity
from mathcore.verdicts import Verdict
from scenes.graph_scene import LABEL_SIZE, GraphScene
from scenes.graphs.lesson import (
    GraphsAnalysis,
    GraphsLesson,
    asymptote_tex,
    asymptotes_caption,
    definition_tex,
    graph_caption,
    identity_caption,
    identity_tex,
    pole_tex,
    takeaway,
    title_tex,
    verdict_tex,
)
from scenes.notation import tex
from scenes.plot2d import graph
from scenes.plot_room import plot_axes
from scenes.theme import Theme

# Where along a dashed line its label may sit, from the ends inward, and on which side.
ALONG = tuple(t for pair in zip(np.linspace(0.97, 0.53, 12), np.linspace(0.03, 0.47, 12))
              for t in pair)
BESIDE = (UL, UR, DL, DR)
SWATCH = 0.6           # the length of the legend's colour swatches
TEXT_LABEL_SIZE = 24   # a name given as text matches the formulas' size
LEGEND_BUFF = (0.6, 0.35)  # between the legend's columns and rows
NOTES_BUFF = 0.5       # between the legend and each identity


def family_colour(theme: Theme, index: int) -> str:
    """The colour of the family's ``index``-th function (the theme's family, in turn)."""
    return theme.family[index % len(theme.family)]


class GraphsScene(GraphScene):
    """The family drawn one by one, labelled; then asymptotes and identities."""

    analysis: GraphsAnalysis
    lesson: GraphsLesson

    @property
    def features(self) -> tuple[Features, ...]:
        return self.analysis.family.functions

    def title_formula(self) -> MathTex:
        return MathTex(title_tex(self.features), color=self.theme.text)

    def takeaway(self) -> str:
        return takeaway(self.lesson, self.analysis)

    def body(self) -> None:
        self.build_plot()
        self.build_notes()
        for index in range(len(self.features)):
            self.show_function(index)
        if any(f.poles or f.asymptotes for f in self.features):
            self.show_asymptotes()
        for index, identity in enumerate(self.analysis.family.identities):
            self.show_identity(index, identity)
        self.mark_poster()

    # -- the plot and the notes --------------------------------------------------------------
    def build_plot(self) -> None:
        a = self.analysis
        self.axes = plot_axes(self.layout, a.x_range, a.y_range, self.theme)
        self.curves = [graph(self.axes, f.function, a.x_range, family_colour(self.theme, i))
                       for i, f in enumerate(self.features)]
        self.curve = VGroup(*self.curves)

    def build_notes(self) -> None:
        """The legend (with definitions) and the identities, stacked on the side."""
        self.identities = [VGroup(self.note(identity_tex(i)),
                                  self.note(verdict_tex(i), self.verdict_colour(i)))
                           .arrange(DOWN, buff=0.15)
                           for i in self.analysis.family.identities]
        self.legend = self.arrange_legend(
            VGroup(*(self.legend_row(i) for i in range(len(self.features)))))
        self.side_column([self.legend, *self.identities], buff=NOTES_BUFF)

    def arrange_legend(self, rows: VGroup) -> VGroup:
        """The legend's rows one under another; under the plot (stacked layouts), in as
        many columns as lets the notes be largest in the wide, low side region."""
        if not self.layout.stacked:
            return rows.arrange(DOWN, aligned_edge=LEFT, buff=LEGEND_BUFF[1])
        region = self.layout.above_caption(self.layout.side)
        below = sum(i.height + NOTES_BUFF for i in self.identities)

        def scale(columns: int) -> float:
            grid = rows.copy().arrange_in_grid(cols=columns, buff=LEGEND_BUFF,
                                               col_alignments="l" * columns)
            return min(1.0, region.width / grid.width, region.height / (grid.height + below))

        best = max(range(1, len(rows) + 1), key=lambda c: (round(scale(c), 2), -c))
        return rows.arrange_in_grid(cols=best, buff=LEGEND_BUFF, col_alignments="l" * best)

    def legend_row(self, index: int) -> VGroup:
        """A swatch of the function's colour, its name, and its definition if asked for."""
        colour = family_colour(self.theme, index)
        names, rewritten = self.lesson.labels, self.analysis.definitions[index]
        name = (self.text(names[index], TEXT_LABEL_SIZE, colour) if names is not None
                else self.note(tex(self.features[index].function), colour))
        parts = [Line(LEFT * SWATCH / 2, RIGHT * SWATCH / 2, color=colour, stroke_width=8),
                 name]
        if rewritten is not None:
            parts.append(self.note(definition_tex(rewritten), colour))
        return VGroup(*parts).arrange(RIGHT, buff=0.2)

    def verdict_colour(self, identity: Identity) -> str:
        if identity.holds:
            return self.theme.secant
        return self.theme.colour(Verdict.LOCAL_MAX if identity.counterexample is not None
                                 else Verdict.INCONCLUSIVE)

    # -- beats: one function at a time -------------------------------------------------------
    def show_function(self, index: int) -> None:
        f = self.features[index]
        rewritten = self.analysis.definitions[index]
        with self.beat(f"graph-{index + 1}", graph_caption, f, rewritten):
            if index == 0:
                self.play(Create(self.axes), run_time=1.0)
            self.play(Create(self.curves[index]), FadeIn(self.legend[index], shift=LEFT * 0.2),
                      run_time=2.0)
            self.wait(1.5)

    # -- beat: poles and horizontal asymptotes -----------------------------------------------
    def show_asymptotes(self) -> None:
        lines, labels, drawn = VGroup(), VGroup(), set()
        for index, f in enumerate(self.features):
            colour = family_colour(self.theme, index)
            for line, content in self.guides(f, colour):
                if content not in drawn:  # an asymptote two functions share is drawn once
                    drawn.add(content)
                    lines.add(line)
                    labels.add(self.guide_label(line, content, colour, [*labels, *lines]))
        with self.beat("asymptotes", asymptotes_caption, self.analysis.family):
            self.play(*(Create(line) for line in lines), run_time=1.2)
            self.play(FadeIn(labels), run_time=0.8)
            self.wait(2.4)

    def guides(self, f: Features, colour: str) -> list[tuple[DashedLine, str]]:
        """A dashed line and its equation for each pole and horizontal asymptote in view."""
        (x0, x1), (y0, y1) = self.axes.x_range[:2], self.axes.y_range[:2]
        found = [(((p, y0), (p, y1)), pole_tex(pole))
                 for pole, p in zip(f.poles, f.pole_floats)]
        found += [(((x0, float(h)), (x1, float(h))), asymptote_tex(h)) for h in f.asymptotes
                  if y0 < float(h) < y1]
        return [(DashedLine(self.axes.c2p(*start), self.axes.c2p(*end), color=colour,
                            stroke_width=3, dash_length=0.12), content)
                for (start, end), content in found]

    def guide_label(self, line: DashedLine, content: str, colour: str,
                    avoid: list[Mobject]) -> MathTex:
        """A dashed line's equation beside it, nearest an end where there is room."""
        label = MathTex(content, font_size=LABEL_SIZE, color=colour)
        label.add_background_rectangle(color=self.theme.background, opacity=0.75, buff=0.06)
        start, end = line.get_start(), line.get_end()
        return self.place(label, [(start + t * (end - start), d) for t in ALONG for d in BESIDE],
                          avoid)

    # -- beats: the identities ---------------------------------------------------------------
    def show_identity(self, index: int, identity: Identity) -> None:
        statement, verdict = self.identities[index]
        with self.beat(f"identity-{index + 1}", identity_caption, identity):
            self.play(Write(statement), run_time=1.2)
            self.play(FadeIn(verdict, shift=LEFT * 0.2), run_time=0.8)
            self.wait(2.5)

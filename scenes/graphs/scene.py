"""`graphs`: a family of functions on one set of axes (the hyperbolic functions).

Beats: title, graph-1, graph-2, ... (each function drawn in its own colour,
its row added to the legend on the side, with its definition in exponentials
when asked for), asymptotes (dashed lines at the poles and the horizontal
asymptotes, labelled; only when there are some), identity-1, identity-2, ...
(each identity on the side, with a check mark when it holds or a cross and a
counterexample when it does not), closing.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import ClassVar, Literal

import numpy as np
import sympy
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
from pydantic import Field, field_validator, model_validator
from sympy.functions.elementary.hyperbolic import HyperbolicFunction

from mathcore.graphs import Family, Features, Identity, family
from mathcore.window import graph_window
from scenes.graph_scene import (
    LABEL_SIZE,
    FormulaOfX,
    GraphScene,
    and_list,
    formula_of_x,
    interval_text,
)
from scenes.implicit import equation_sides
from scenes.notation import plain, tex
from scenes.params import LessonBase, Range
from scenes.plot2d import graph
from scenes.plot_room import plot_axes
from scenes.theme import Theme

MAX_FUNCTIONS = 6
MAX_IDENTITIES = 4
# Where along a dashed line its label may sit, from the ends inward, and on which side.
ALONG = tuple(t for pair in zip(np.linspace(0.97, 0.53, 12), np.linspace(0.03, 0.47, 12))
              for t in pair)
BESIDE = (UL, UR, DL, DR)
SWATCH = 0.6           # the length of the legend's colour swatches
TEXT_LABEL_SIZE = 24   # a name given as text matches the formulas' size
LEGEND_BUFF = (0.6, 0.35)  # between the legend's columns and rows
NOTES_BUFF = 0.5       # between the legend and each identity
# A family names no point to centre on: [-3, 3] holds what the usual families show (the
# hyperbolic functions' asymptotes, tan's poles at ±π/2, 1/x's at 0) at a readable scale.
DEFAULT_WINDOW = (sympy.Integer(-3), sympy.Integer(3))


def family_colour(theme: Theme, index: int) -> str:
    """The colour of the family's ``index``-th function (the theme's family, in turn)."""
    return theme.family[index % len(theme.family)]


# -- the lesson ------------------------------------------------------------------------------
class GraphsLesson(LessonBase):
    """Several functions on one set of axes: definitions, asymptotes and identities."""

    kind: Literal["graphs"]
    functions: list[FormulaOfX] = Field(min_length=1, max_length=MAX_FUNCTIONS,
                                        description="formulas in x, e.g. [sinh(x), cosh(x)]")
    labels: list[str] | None = Field(
        None, description="a short name per function for the legend; default the formula")
    x: Range | None = Field(None, description="the window; default [-3, 3]")
    identities: list[str] = Field(
        default_factory=list, max_length=MAX_IDENTITIES,
        description="equations to check, e.g. cosh(x)^2 - sinh(x)^2 = 1")
    definitions: bool = Field(False, description="write each hyperbolic function with e^x")

    beats: ClassVar[tuple[str, ...]] = ("title", "graph-*", "asymptotes", "identity-*",
                                        "closing")

    @field_validator("identities")
    @classmethod
    def _are_equations(cls, texts: list[str]) -> list[str]:
        for text in texts:
            equation_sides(text, ("x",))
        return texts

    @model_validator(mode="after")
    def _one_label_each(self) -> GraphsLesson:
        if self.labels is not None and len(self.labels) != len(self.functions):
            raise ValueError(f"labels: give one per function ({len(self.functions)}), "
                             f"got {len(self.labels)}")
        return self

    @cached_property
    def exprs(self) -> tuple[sympy.Expr, ...]:
        return tuple(formula_of_x(text) for text in self.functions)

    def analyze(self) -> GraphsAnalysis:
        sides = [(*equation_sides(text, ("x",)), text) for text in self.identities]
        definitions = tuple(definition(f) if self.definitions else None for f in self.exprs)
        window = tuple(self.x) if self.x is not None else DEFAULT_WINDOW
        return GraphsAnalysis(family(self.exprs, window, sides), definitions,
                              window, graph_window(self.exprs, window))


def definition(f: sympy.Expr) -> sympy.Expr | None:
    """A hyperbolic function written with exponentials, (e^x - e^-x)/2; None for others."""
    if not f.has(HyperbolicFunction):
        return None
    return sympy.factor_terms(f.rewrite(sympy.exp))


@dataclass(frozen=True)
class GraphsAnalysis:
    """mathcore's family, with each function's definition (or None) and the window."""

    family: Family
    definitions: tuple[sympy.Expr | None, ...]
    x_range: tuple[sympy.Expr, sympy.Expr]
    y_range: tuple[float, float]

    def to_json(self) -> dict:
        return self.family.to_json()


# -- captions --------------------------------------------------------------------------------
def graph_caption(f: Features, rewritten: sympy.Expr | None) -> str:
    text = f"y = {plain(f.function)}"
    if rewritten is not None:
        text += f", that is {plain(rewritten)}"
    return text


def features_text(f: Features) -> str | None:
    """``tanh(x) approaches y = 1 and y = -1``; None when there is nothing to say."""
    parts = []
    if f.poles:
        parts.append(f"has {'poles' if len(f.poles) > 1 else 'a pole'} at "
                     + and_list([f"x = {plain(p)}" for p in f.poles]))
    if f.asymptotes:
        parts.append("approaches " + and_list([f"y = {plain(h)}" for h in f.asymptotes]))
    return f"{plain(f.function)} " + " and ".join(parts) if parts else None


def asymptotes_caption(fam: Family) -> str:
    said = [text for text in map(features_text, fam.functions) if text is not None]
    return "Asymptotes: " + and_list(said) if said else "No poles and no horizontal asymptotes"


def counterexample_text(identity: Identity) -> str:
    """Where the sides differ, to four digits: ``-3``, ``1.571``."""
    return f"{identity.counterexample:.4g}"


def identity_caption(identity: Identity) -> str:
    if identity.holds:
        return (f"{identity.label} holds for every x: sympy proves it, "
                f"and {identity.samples} sample points agree")
    if identity.counterexample is not None:
        return (f"{identity.label} is false: at x = {counterexample_text(identity)} "
                "the two sides differ")
    return f"{identity.label} could not be proved, though no sample point disagreed"


def identity_tex(identity: Identity) -> str:
    return f"{tex(identity.lhs)} = {tex(identity.rhs)}"


def verdict_tex(identity: Identity) -> str:
    if identity.holds:
        return r"\checkmark\ \text{for every } x"
    if identity.counterexample is not None:
        return rf"\times\ \text{{false at }} x = {counterexample_text(identity)}"
    return r"?\ \text{not proved}"


# -- the scene -------------------------------------------------------------------------------
class GraphsScene(GraphScene):
    """The family drawn one by one, labelled; then asymptotes and identities."""

    analysis: GraphsAnalysis
    lesson: GraphsLesson

    @property
    def features(self) -> tuple[Features, ...]:
        return self.analysis.family.functions

    def title_formula(self) -> MathTex:
        return MathTex(r",\quad ".join(f"y = {tex(f.function)}" for f in self.features),
                       color=self.theme.text)

    def takeaway(self) -> str:
        if self.lesson.definitions and any(d is not None for d in self.analysis.definitions):
            return "Built from e^x and e^-x, the hyperbolic functions echo sin and cos."
        return "One set of axes, many functions: compare them where they meet and part."

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
            parts.append(self.note(f"= {tex(rewritten)}", colour))
        return VGroup(*parts).arrange(RIGHT, buff=0.2)

    def verdict_colour(self, identity: Identity) -> str:
        if identity.holds:
            return self.theme.secant
        return self.theme.local_max if identity.counterexample is not None \
            else self.theme.inconclusive

    # -- beats: one function at a time -------------------------------------------------------
    def show_function(self, index: int) -> None:
        f = self.features[index]
        rewritten = self.analysis.definitions[index]
        with self.beat(f"graph-{index + 1}", graph_caption(f, rewritten)):
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
        with self.beat("asymptotes", asymptotes_caption(self.analysis.family)):
            self.play(*(Create(line) for line in lines), run_time=1.2)
            self.play(FadeIn(labels), run_time=0.8)
            self.wait(2.4)

    def guides(self, f: Features, colour: str) -> list[tuple[DashedLine, str]]:
        """A dashed line and its equation for each pole and horizontal asymptote in view."""
        (x0, x1), (y0, y1) = self.axes.x_range[:2], self.axes.y_range[:2]
        found = [(((p, y0), (p, y1)), f"x = {tex(pole)}")
                 for pole, p in zip(f.poles, f.pole_floats)]
        found += [(((x0, float(h)), (x1, float(h))), f"y = {tex(h)}") for h in f.asymptotes
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
        with self.beat(f"identity-{index + 1}", identity_caption(identity)):
            self.play(Write(statement), run_time=1.2)
            self.play(FadeIn(verdict, shift=LEFT * 0.2), run_time=0.8)
            self.wait(2.5)


def report(analysis: GraphsAnalysis) -> str:
    """Each function's poles and asymptotes, and each identity's verdict."""
    fam = analysis.family
    lines = [f"x in {interval_text(analysis.x_range)}"]
    for f in fam.functions:
        lines.append(features_text(f) or f"{plain(f.function)}: no poles, no asymptotes")
    lines += [identity_caption(i) for i in fam.identities]
    return "\n".join(lines)


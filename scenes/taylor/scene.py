"""The Taylor lesson drawn: f, then P_0 ... P_n morphing into one another, then the error.

Beats: see `TaylorLesson.beats`.
"""

from __future__ import annotations

import numpy as np
from manim import (
    LEFT,
    UL,
    UP,
    UR,
    Axes,
    Create,
    DashedLine,
    Dot,
    FadeIn,
    MathTex,
    ReplacementTransform,
    Write,
)

from mathcore.taylor import TaylorAnalysis
from mathcore.window import graph_window
from scenes.base import LessonScene, fit
from scenes.layout import Region
from scenes.plot2d import graph, graph_axes
from scenes.plot_room import axes_within, plot_axes
from scenes.taylor.lesson import (
    TaylorLesson,
    bound_caption,
    bound_tex,
    degree_caption,
    error_caption,
    error_title_tex,
    function_caption,
    polynomial_texts,
    shown_degrees,
    takeaway,
    title_tex,
)

FORMULA_SHARE = 0.45  # the most of the room under the plot that the formula of P_n takes
TITLE_HEIGHT = 0.45   # the error plot's title, over it
WIDE = 4.0            # an error plot's room this much wider than high has its title left
GAP = 0.15            # between the formula, the error plot and its title


class TaylorScene(LessonScene):
    """f, then P_0 ... P_n morphing into one another, then the error."""

    analysis: TaylorAnalysis
    lesson: TaylorLesson

    def title_formula(self) -> MathTex:
        return MathTex(title_tex(self.analysis.taylor), color=self.theme.text)

    def takeaway(self) -> str:
        return takeaway(self.analysis.taylor)

    def body(self) -> None:
        t, layout = self.analysis.taylor, self.layout
        window = self.analysis.window
        y_window = graph_window([t.function], window)
        self.axes = plot_axes(layout, window, y_window, self.theme)
        self.function_beat()
        self.polynomial_beats()
        self.error_beats()

    def function_beat(self) -> None:
        t = self.analysis.taylor
        curve = graph(self.axes, t.function, self.analysis.window, self.theme.main)
        a = float(t.center)
        centre = Dot(self.axes.c2p(a, float(t.coefficients[0])), color=self.theme.text)
        guide = DashedLine(self.axes.c2p(a, self.axes.y_range[0]),
                           self.axes.c2p(a, self.axes.y_range[1]),
                           color=self.theme.muted, stroke_width=2)
        if self.layout.stacked:
            self.formula_anchor = np.array(self.formula_zone().centre)
        else:
            self.formula_anchor = (self.layout.side.centre
                                   + UP * (self.layout.side.height / 2 - 0.6))
        with self.beat("function", function_caption, t):
            self.play(Create(self.axes), run_time=1.2)
            self.play(Create(curve), FadeIn(guide), FadeIn(centre), run_time=1.5)
            self.wait(0.8)

    def polynomial_tex(self, k: int) -> MathTex:
        if self.layout.stacked:
            zone = self.formula_zone()
            return self.fitted_formula(k, zone.width, zone.height).move_to(self.formula_anchor)
        formula = MathTex(polynomial_texts(self.analysis.taylor, k)[0],
                          color=self.theme.approximation)
        return fit(formula, self.layout.side.width, 1.4).move_to(self.formula_anchor)

    def fitted_formula(self, k: int, width: float, height: float) -> MathTex:
        """P_k on one line or, where that would shrink it more, broken onto two; every
        P_k at the scale the last one needs, so the formula keeps its size as it grows."""
        shapes = [MathTex(text, color=self.theme.approximation)
                  for text in polynomial_texts(self.analysis.taylor, k)]
        best = max(shapes, key=lambda m: min(1.0, width / m.width, height / m.height))
        if k != self.analysis.taylor.degree:
            best.scale(self._formula_scale)
            return fit(best, width, height)
        self._formula_scale = min(1.0, width / best.width, height / best.height)
        return fit(best, width, height)

    # -- under the plot (stacked layouts): the formula on top, the error plot below --------
    def formula_zone(self) -> Region:
        """As tall as the last, longest formula needs, at most FORMULA_SHARE of the notes."""
        notes = self.layout.above_caption(self.layout.side)
        if not hasattr(self, "_formula_height"):
            self._formula_height = self.fitted_formula(
                self.analysis.taylor.degree, notes.width, notes.height * FORMULA_SHARE).height
        height = self._formula_height
        return Region(notes.x, notes.top - height / 2, notes.width, height)

    def error_zone(self) -> Region:
        notes, formula = self.layout.above_caption(self.layout.side), self.formula_zone()
        top = formula.bottom - GAP
        return Region(notes.x, (top + notes.bottom) / 2, notes.width, top - notes.bottom)

    def error_plot(self) -> tuple[Axes, MathTex]:
        """Axes for the error and their title: beside the formula (landscape), under it
        (stacked), the title above the axes or, where the room is wide and low, left."""
        title = MathTex(error_title_tex(self.analysis.taylor), color=self.theme.text)
        y_window = graph_window([self.analysis.error_curve], self.analysis.window)
        if not self.layout.stacked:
            side = self.layout.side
            inset = Region(side.x, side.y - side.height * 0.22, side.width, side.height * 0.5)
            axes = graph_axes(self.analysis.window, y_window, inset, self.theme, numbers=False,
                              y_label="")
            fit(title, inset.width, 0.5).next_to(axes, UP, buff=0.15)
            return axes, title
        zone = self.error_zone()
        if zone.width > WIDE * zone.height:
            fit(title, zone.width * 0.3, zone.height)
            width = zone.width - title.width - GAP
            room = Region(zone.right - width / 2, zone.y, width, zone.height)
            axes = axes_within(self.analysis.window, y_window, room, self.theme, numbers=False,
                              y_label="")
            title.next_to(axes, LEFT, buff=GAP)
        else:
            fit(title, zone.width, TITLE_HEIGHT)
            room = Region(zone.x, zone.y - (title.height + GAP) / 2, zone.width,
                          zone.height - title.height - GAP)
            axes = axes_within(self.analysis.window, y_window, room, self.theme, numbers=False,
                              y_label="")
            title.next_to(axes, UP, buff=GAP)
        return axes, title

    def polynomial_beats(self) -> None:
        t = self.analysis.taylor
        curve = formula = None
        for k in shown_degrees(t):
            new_curve = graph(self.axes, t.partial_sums[k], self.analysis.window,
                              self.theme.approximation)
            new_formula = self.polynomial_tex(k)
            with self.beat(f"degree-{k}", degree_caption, t, k):
                if curve is None:
                    self.play(Create(new_curve), Write(new_formula), run_time=1.4)
                else:
                    self.play(ReplacementTransform(curve, new_curve),
                              ReplacementTransform(formula, new_formula), run_time=1.4)
                self.wait(0.6)
            curve, formula = new_curve, new_formula
        self.mark_poster()

    def error_beats(self) -> None:
        analysis, t = self.analysis, self.analysis.taylor
        axes, title = self.error_plot()
        curve = graph(axes, analysis.error_curve, analysis.window, self.theme.approximation,
                      stroke_width=3)
        with self.beat("error", error_caption, t):
            self.play(Create(axes), FadeIn(title), run_time=1.0)
            self.play(Create(curve), run_time=1.5)
            self.wait(1.0)
        at = float(analysis.error_at)
        marker = Dot(axes.c2p(at, min(analysis.error, axes.y_range[1])),
                     color=self.theme.tangent)
        bound = MathTex(bound_tex(analysis), color=self.theme.tangent)
        # Towards the centre, where the error curve lies flat, rather than into its rise.
        fit(bound, axes.width / 2, 0.4).next_to(marker, UL if at > float(t.center) else UR,
                                                buff=0.1)
        bound.add_background_rectangle(color=self.theme.background, opacity=0.75, buff=0.05)
        with self.beat("bound", bound_caption, analysis):
            self.play(FadeIn(marker, scale=1.5), FadeIn(bound), run_time=0.8)
            self.wait(2.0)

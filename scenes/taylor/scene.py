"""`taylor`: Taylor polynomials and their error.

Beats: title, function (f and the centre a), degree-0 ... degree-n (each new
polynomial morphs out of the last while its formula grows a term), error
(|f - P_n| small near a, growing away from it), bound (the error at a chosen
x against the Lagrange bound), closing.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cached_property
from typing import ClassVar, Literal

import numpy as np
import sympy
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
from pydantic import Field, model_validator

from mathcore.symbols import x
from mathcore.taylor import (
    MAX_DEGREE,
    Taylor,
    Term,
    default_window,
    formula_text,
    signed_sum,
    taylor,
)
from mathcore.window import graph_window
from scenes.base import LessonScene, fit
from scenes.layout import Region
from scenes.notation import equals, number, number_tex, plain, sub, tex
from scenes.params import Exact, FormulaOfX, LessonBase, Range, formula_of_x
from scenes.plot2d import graph, graph_axes
from scenes.plot_room import axes_within, plot_axes

FORMULA_SHARE = 0.45  # the most of the room under the plot that the formula of P_n takes
TITLE_HEIGHT = 0.45   # the error plot's title, over it
WIDE = 4.0            # an error plot's room this much wider than high has its title left
GAP = 0.15            # between the formula, the error plot and its title


class TaylorLesson(LessonBase):
    """Taylor polynomials P_0 ... P_n of f about a centre, and their error."""

    kind: Literal["taylor"]
    function: FormulaOfX
    center: Exact = Field(0, validate_default=True, description="the centre a")
    degree: int = Field(5, ge=0, le=MAX_DEGREE, description="the last polynomial's degree")
    x: Range | None = Field(None, description="the window; default: from the centre, the "
                                              "radius of convergence and f's domain")
    error_at: Exact | None = Field(None, description="where to bound the error (default: "
                                                     "halfway from the centre to the right edge)")

    beats: ClassVar[tuple[str, ...]] = ("title", "function", "degree-*", "error", "bound",
                                        "closing")

    @model_validator(mode="after")
    def _inside_window(self) -> TaylorLesson:
        if self.x is None:
            return self
        low, high = self.x
        for name, value in (("center", self.center), ("error_at", self.error_at)):
            if value is not None and not low <= value <= high:
                raise ValueError(f"{name} = {value} lies outside the window x = [{low}, {high}]")
        return self

    @cached_property
    def expr(self) -> sympy.Expr:
        return formula_of_x(self.function)

    def analyze(self) -> TaylorAnalysis:
        result = taylor(self.expr, self.center, self.degree)
        window = self.x if self.x is not None else default_window(result, self.error_at)
        at = self.error_at if self.error_at is not None else (self.center + window[1]) / 2
        return TaylorAnalysis(result, at, result.error(at), result.lagrange_bound(at),
                              tuple(window))


@dataclass(frozen=True)
class TaylorAnalysis:
    """The polynomials, the window to draw them in, and the error at one x beside its
    Lagrange bound (inf where the theorem gives none)."""

    taylor: Taylor
    error_at: sympy.Expr
    error: float
    bound: float
    window: tuple[sympy.Expr, sympy.Expr]

    @property
    def approximation(self) -> sympy.Expr:
        """P_n at the error's point, exact."""
        return sympy.expand(self.taylor.polynomial.subs(x, self.error_at))

    def to_json(self) -> dict:
        return {**self.taylor.to_json(), "window": [str(v) for v in self.window],
                "error_at": str(self.error_at), "approximation": formula_text(self.approximation),
                "error": self.error, "bound": self.bound if np.isfinite(self.bound) else None}


def shown_degrees(t: Taylor) -> list[int]:
    """The degrees worth a beat: 0, each that adds a term, and the last."""
    return [k for k in range(t.degree + 1)
            if k in (0, t.degree) or t.coefficients[k] != 0]


def degree_caption(t: Taylor, k: int) -> str:
    """What P_k adds, read from its coefficient."""
    a = t.center
    if k == 0:
        return f"P₀ is the value at the centre: f({plain(a)}) = {plain(t.coefficients[0])}"
    if t.coefficients[k] == 0:
        return (f"{sub('P', k)} = {sub('P', k - 1)}: there is no"
                f" {plain((x - a) ** k)} term")
    last = t.terms(k)[-1]
    return f"{sub('P', k)} adds {'-' if last.negative else ''}{last.written(plain)}"


def textbook_plain(t: Taylor, k: int | None = None) -> str:
    """P_k for captions, in ascending powers of (x - a): ``1 - 2(x - 1) + 3(x - 1)²``."""
    return signed_sum([(term.negative, term.written(plain)) for term in t.terms(k)])


def term_tex(term: Term) -> str:
    """One term typeset as a textbook does, coefficient first: \\frac{e}{2}(x - 1)^2."""
    if term.power == 1:
        return tex(term.size)
    power = tex(term.power)
    power = rf"\left({power}\right)" if term.power.is_Add else power
    if term.size == 1:
        return power
    size = tex(term.size)
    if term.size.is_Add:
        size = rf"\left({size}\right)"
    return f"{size} {power}"


def polynomial_texts(t: Taylor, k: int) -> list[str]:
    """P_k typeset on one line, and (with two terms or more) on two, broken between the
    terms at the one nearest the middle: never inside a bracket."""
    parts = [(term.negative, term_tex(term)) for term in t.terms(k)]
    texts = [rf"P_{{{k}}}(x) = {signed_sum(parts)}"]
    if len(parts) > 1:
        lengths = np.cumsum([len(text) for _, text in parts])
        cut = 1 + int(np.argmin(np.abs(lengths[:-1] - lengths[-1] / 2)))
        rest = ("- " if parts[cut][0] else "+ ") + signed_sum([(False, parts[cut][1]),
                                                               *parts[cut + 1:]])
        texts.append(rf"P_{{{k}}}(x) &= {signed_sum(parts[:cut])}\\ &\quad {rest}")
    return texts


def rounded_up(value: float, digits: int = 2) -> sympy.Float:
    """A bound as it is shown: ``digits`` significant digits, rounded up, so that what
    is shown still bounds (0.007370 is 0.0074)."""
    if value <= 0:
        return sympy.Float(0)
    step = 10.0 ** (math.floor(math.log10(value)) - digits + 1)
    return sympy.Float(f"{math.ceil(value / step * (1 - 1e-12)) * step:.{digits}g}", 15)


def bound_caption(analysis: TaylorAnalysis) -> str:
    t = analysis.taylor
    error = equals(f"|f - {sub('P', t.degree)}|", sympy.Float(analysis.error))
    start = f"At x = {plain(analysis.error_at)}: {error}"
    if not np.isfinite(analysis.bound):
        return (f"{start}; the Lagrange bound gives none there: the derivative of order"
                f" {t.degree + 1} is unbounded between {plain(t.center)} and"
                f" {plain(analysis.error_at)}")
    return f"{start}, within the Lagrange bound {number(rounded_up(analysis.bound))}"


def report(analysis: TaylorAnalysis) -> str:
    """The text `calcreel check` prints for a Taylor lesson."""
    t = analysis.taylor
    radius = "unknown" if t.radius_of_convergence is None else plain(t.radius_of_convergence)
    return "\n".join([
        f"f(x) = {plain(t.function)} about x = {plain(t.center)}",
        f"{sub('P', t.degree)}(x) = {textbook_plain(t)} = {plain(sympy.expand(t.polynomial))}",
        f"radius of convergence: {radius}",
        bound_caption(analysis),
    ])


class TaylorScene(LessonScene):
    """f, then P_0 ... P_n morphing into one another, then the error."""

    analysis: TaylorAnalysis
    lesson: TaylorLesson

    def title_formula(self) -> MathTex:
        t = self.analysis.taylor
        return MathTex(rf"f(x) = {tex(t.function)},\quad a = {tex(t.center)}",
                       color=self.theme.text)

    def takeaway(self) -> str:
        t = self.analysis.taylor
        return (f"Near x = {plain(t.center)}, {sub('P', t.degree)} is f for all practical purposes;"
                " far away, the error grows.")

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
        with self.beat("function", f"f(x) = {plain(t.function)}, about the centre"
                                   f" a = {plain(t.center)}"):
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

    def error_plot(self, error: sympy.Expr) -> tuple[Axes, MathTex]:
        """Axes for the error and their title: beside the formula (landscape), under it
        (stacked), the title above the axes or, where the room is wide and low, left."""
        t = self.analysis.taylor
        title = MathTex(rf"|f(x) - P_{{{t.degree}}}(x)|", color=self.theme.text)
        y_window = graph_window([error], self.analysis.window)
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
            with self.beat(f"degree-{k}", degree_caption(t, k)):
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
        error = sympy.Abs(t.remainder)
        axes, title = self.error_plot(error)
        curve = graph(axes, error, self.analysis.window, self.theme.approximation, stroke_width=3)
        with self.beat("error", f"The error |f - {sub('P', t.degree)}| is tiny near"
                                f" x = {plain(t.center)} and grows away from it"):
            self.play(Create(axes), FadeIn(title), run_time=1.0)
            self.play(Create(curve), run_time=1.5)
            self.wait(1.0)
        at = float(analysis.error_at)
        marker = Dot(axes.c2p(at, min(analysis.error, axes.y_range[1])),
                     color=self.theme.tangent)
        bound = MathTex(rf"\le {number_tex(rounded_up(analysis.bound))}"
                        if np.isfinite(analysis.bound)
                        else r"\le \infty", color=self.theme.tangent)
        # Towards the centre, where the error curve lies flat, rather than into its rise.
        fit(bound, axes.width / 2, 0.4).next_to(marker, UL if at > float(t.center) else UR,
                                                buff=0.1)
        bound.add_background_rectangle(color=self.theme.background, opacity=0.75, buff=0.05)
        with self.beat("bound", bound_caption(analysis)):
            self.play(FadeIn(marker, scale=1.5), FadeIn(bound), run_time=0.8)
            self.wait(2.0)

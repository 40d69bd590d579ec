"""`surface`: see the landscape of f(x, y).

Beats: title, landscape (axes, the surface grows in, the camera orbits),
sections (optional: the curves along y = 0 and x = 0), sweep (optional: a
coefficient morphs the surface under a live label), closing.
"""

from __future__ import annotations

from functools import cached_property
from typing import Annotated, ClassVar, Literal

import numpy as np
import sympy
from manim import (
    DEGREES,
    DOWN,
    LEFT,
    UP,
    Create,
    DecimalNumber,
    FadeIn,
    MathTex,
    ParametricFunction,
    Restore,
    ValueTracker,
    VGroup,
    always_redraw,
)
from pydantic import AfterValidator, Field, StringConstraints, field_validator, model_validator

from mathcore.critical import critical_window
from mathcore.surface import Section, SurfaceAnalysis, analyze_surface
from mathcore.symbols import parameter
from scenes.base import LessonScene3D, fit
from scenes.layout import Region
from scenes.notation import plain, tex
from scenes.params import Formula, LessonBase, Range, parsed_formula
from scenes.plot3d import (
    axis_labels,
    box_corners,
    content_points,
    height_function,
    landscape_axes,
    surface_mesh,
)

RESERVED_NAMES = ("x", "y", "e", "pi")
LANDSCAPE_ORBIT, SECTIONS_ORBIT = 0.6, 0.5  # radians the camera turns in those beats


def _free_name(name: str) -> str:
    if name in RESERVED_NAMES:
        raise ValueError(f"'{name}' is taken; name the coefficient something else, e.g. a")
    return name


ParameterName = Annotated[
    str, StringConstraints(pattern=r"^[a-zA-Z][a-zA-Z0-9]{0,7}$"), AfterValidator(_free_name)
]


class SurfaceLesson(LessonBase):
    """A surface z = f(x, y), optionally with cross-sections and a sweep."""

    kind: Literal["surface"]
    sweep: dict[ParameterName, Range] | None = Field(
        None, description="one coefficient to sweep, e.g. {a: [0.5, 3]}")
    function: Formula
    x: Range | None = Field(None, description="left out: around the critical points, "
                                              "else [-3, 3]")
    y: Range | None = Field(None, description="left out: around the critical points, "
                                              "else [-3, 3]")
    sections: bool = Field(False, description="draw the curves along y = 0 and x = 0")

    beats: ClassVar[tuple[str, ...]] = ("title", "landscape", "sections", "sweep", "closing")

    @field_validator("sweep")
    @classmethod
    def _one_parameter(cls, sweep: dict | None) -> dict | None:
        if sweep is not None and len(sweep) != 1:
            raise ValueError(f"sweep one coefficient at a time, got {len(sweep)}")
        return sweep

    @field_validator("function")
    @classmethod
    def _parses(cls, text: str, info) -> str:
        parsed_formula(text, tuple(info.data.get("sweep") or ()))
        return text

    @model_validator(mode="after")
    def _sweep_is_used(self) -> SurfaceLesson:
        if self.parameter is not None and self.parameter not in self.expr.free_symbols:
            raise ValueError(f"sweep: '{self.parameter}' does not appear in the function")
        return self

    @cached_property
    def parameter(self) -> sympy.Symbol | None:
        return parameter(next(iter(self.sweep))) if self.sweep else None

    @cached_property
    def expr(self) -> sympy.Expr:
        return parsed_formula(self.function, tuple(self.sweep or ()))

    def analyze(self) -> SurfaceAnalysis:
        """The landscape over the lesson's window; a range left out is chosen as for
        critical_points (around the peaks, pits and passes of f as first shown, where
        a landscape is worth looking at), [-3, 3] where f has none."""
        sweep = next(iter(self.sweep.values())) if self.sweep else None
        first = self.expr if sweep is None else self.expr.subs(self.parameter, sweep[0])
        window = critical_window(first, (self.x, self.y))
        return analyze_surface(self.expr, *window, self.parameter, sweep)


def function_tex(expr: sympy.Expr) -> str:
    return rf"f(x, y) = {tex(expr)}"


def section_caption(sections: tuple[Section, ...]) -> str:
    parts = [f"along {s.along}, f = {plain(s.expr)} bends {s.bend}" for s in sections]
    text = "; ".join(parts).capitalize()
    bends = {s.bend for s in sections}
    if bends == {"up", "down"}:
        text += ": up where you sit, down along the horse's spine"
    return text + "."


class SurfaceScene(LessonScene3D):
    """The landscape, grown in and orbited; sections and a sweep on request."""

    analysis: SurfaceAnalysis
    lesson: SurfaceLesson

    def title_formula(self) -> MathTex:
        return MathTex(function_tex(self.analysis.function), color=self.theme.text)

    def takeaway(self) -> str:
        bends = {s.bend for s in self.analysis.sections}
        if bends == {"up", "down"}:
            return "Up one way, down the other: that twist is a saddle."
        return "Every formula in two variables is a landscape you can walk on."

    def body(self) -> None:
        a = self.analysis
        self.axes = landscape_axes(a, size=5.6, height=3.4, theme=self.theme)
        self.height = height_function(a.initial, a)
        self.formula = self.flat(self._place_formula(
            MathTex(function_tex(a.initial), color=self.theme.text)))
        self.section_labels = self._section_labels() if self.lesson.sections else None
        self.sweep_label = self._sweep_label() if a.parameter is not None else None
        self.frame_surface()
        self.landscape()
        if self.lesson.sections:
            self.sections()
        if a.parameter is not None:
            self.sweep()

    def _place_formula(self, formula: MathTex) -> MathTex:
        """f(x, y) at the top of ``side`` beside the surface, or in the heading band
        when the notes are stacked under it."""
        layout = self.layout
        if layout.stacked:  # a fraction may stand a little taller than the band
            band = layout.heading
            fit(formula, band.width, band.height * 1.4)
            return formula.move_to(band.centre).align_to(band.centre + UP * band.height / 2, UP)
        side = layout.side
        return fit(formula, side.width, 1.0).move_to(side.centre + UP * (side.height / 2 - 0.5))

    def frame_surface(self) -> None:
        """Aim the camera. Beside the notes (landscape) the axes' box fills ``main``;
        stacked, the surface itself fills ``main`` and whatever of ``side`` the notes
        leave free."""
        a, layout = self.analysis, self.layout
        orbits = LANDSCAPE_ORBIT + (SECTIONS_ORBIT if self.lesson.sections else 0)
        if not layout.stacked:
            self.frame_box(box_corners(self.axes), layout.main, phi=64 * DEGREES,
                           theta=-52 * DEGREES, orbit=orbits)
            return
        notes = [m for m in (self.section_labels, self.sweep_label) if m is not None]
        used = max((m.height for m in notes), default=0.0)
        top = min(layout.main.top, self.formula.get_bottom()[1] - 0.2)
        floor = layout.side.bottom + 0.25  # clear of the caption strip
        bottom = floor + used + 0.4 if notes else floor
        points = content_points(self.axes, self._heights(), a)
        region = Region(layout.main.x, (top + bottom) / 2, layout.main.width, top - bottom)
        self.frame_box(points, region, phi=64 * DEGREES, theta=-52 * DEGREES, orbit=orbits)
        # A narrow frame leaves the surface short of its region: close the gap, and
        # centre surface and notes together between the formula and the caption.
        low, high = self.renderer.camera.extent(points, orbits)
        drawn = high[1] - low[1]
        block = drawn + (used + 0.4 if notes else 0.0)
        surface_top = (top + floor + block) / 2 if block < top - floor else top
        self.frame_box(points, Region(region.x, surface_top - drawn / 2, region.width, drawn),
                       phi=64 * DEGREES, theta=-52 * DEGREES, orbit=orbits)
        for m in notes:
            m.move_to([layout.side.x, surface_top - drawn - 0.4 - used / 2, 0])

    def _heights(self) -> list:
        """The surface's height functions over the lesson: as first shown, and at
        both ends of a sweep."""
        a = self.analysis
        if a.parameter is None:
            return [self.height]
        swept = height_function(a.function, a, (a.parameter,))
        return [self.height] + [lambda u, v, t=float(t): swept(u, v, t) for t in a.sweep]

    def landscape(self) -> None:
        a = self.analysis
        self.surface = surface = surface_mesh(self.axes, self.height, a, self.theme)
        caption = (f"z = {plain(a.initial)}"
                   f" over x in [{plain(a.x_range[0])}, {plain(a.x_range[1])}],"
                   f" y in [{plain(a.y_range[0])}, {plain(a.y_range[1])}]")
        with self.beat("landscape", caption):
            self.play(Create(self.axes), FadeIn(self.formula), run_time=1.5)
            self.add_fixed_orientation_mobjects(*axis_labels(self.axes, self.theme))
            surface.save_state()
            surface.stretch(0.01, 2, about_point=self.axes.c2p(0, 0, 0))
            self.play(Restore(surface), run_time=2.0)
            self.orbit(LANDSCAPE_ORBIT, 3.5)
            self.mark_poster()

    def _section_labels(self) -> VGroup:
        """f along each section, coloured by its bend, placed in ``side``."""
        side = self.layout.side
        labels = VGroup()
        for section in self.analysis.sections:
            other = "y" if section.variable.name == "x" else "x"
            arguments = (f"x, {tex(section.at)}" if other == "y" else f"{tex(section.at)}, y")
            labels.add(MathTex(rf"f({arguments}) = {tex(section.expr)}",
                               color=self._bend_colour(section)))
        labels.arrange(DOWN, aligned_edge=LEFT, buff=0.4)
        if self.layout.stacked:
            return fit(labels, side.width, side.height * 0.6)
        return fit(labels, side.width, side.height / 3).move_to(side.centre + UP * 0.6)

    def _bend_colour(self, section: Section) -> str:
        return {"up": self.theme.local_min, "down": self.theme.local_max}.get(
            section.bend, self.theme.inconclusive)

    def sections(self) -> None:
        a = self.analysis
        labels = self.flat(*self.section_labels)
        curves = VGroup(*(self._section_curve(section, self._bend_colour(section))
                          for section in a.sections))
        with self.beat("sections", section_caption(a.sections)):
            for curve, label in zip(curves, labels):
                self.play(Create(curve), FadeIn(label), run_time=1.5)
            self.orbit(SECTIONS_ORBIT, 3.0)
            self.mark_poster()
        self.sections_shown = VGroup(curves, labels)

    def _section_curve(self, section: Section, colour: str) -> ParametricFunction:
        a = self.analysis
        low, high = (float(v) for v in (a.x_range if section.variable.name == "x"
                                         else a.y_range))
        at = float(section.at)

        def point(t: float) -> np.ndarray:
            u, v = (t, at) if section.variable.name == "x" else (at, t)
            return self.axes.c2p(u, v, self.height(u, v))

        return ParametricFunction(point, t_range=[low, high], color=colour, stroke_width=6)

    def _sweep_label(self) -> VGroup:
        """``a = 0.50``, the live value of the swept coefficient, placed in ``side``."""
        a, side = self.analysis, self.layout.side
        name = MathTex(rf"{tex(a.parameter)} = ", color=self.theme.text)
        number = DecimalNumber(float(a.sweep[0]), num_decimal_places=2, color=self.theme.text)
        label = VGroup(name, number).arrange(buff=0.15).scale(1.3)
        fit(label, side.width, side.height * 0.6)
        return label.move_to(side.centre)

    def sweep(self) -> None:
        a = self.analysis
        low, high = (float(v) for v in a.sweep)
        tracker = ValueTracker(low)
        if self.lesson.sections:
            self.play(*(m.animate.set_opacity(0) for m in self.sections_shown), run_time=0.6)
            self.remove(self.sections_shown)
        self.remove(self.surface)
        height = height_function(a.function, a, (a.parameter,))
        surface = always_redraw(lambda: surface_mesh(
            self.axes, lambda u, v: height(u, v, tracker.get_value()), a, self.theme))
        label = self.sweep_label
        name, number = label
        number.add_updater(lambda m: m.set_value(tracker.get_value()))
        number.add_updater(lambda m: m.next_to(name, buff=0.15))
        self.keep_flat(number)
        general = self._place_formula(MathTex(function_tex(a.function), color=self.theme.text))
        self.flat(label, general)
        caption = (f"Try changing the coefficient: {a.parameter} from {plain(a.sweep[0])}"
                   f" to {plain(a.sweep[1])} stretches and squeezes the surface")
        with self.beat("sweep", caption):
            self.add(surface)
            self.play(FadeIn(label), self.formula.animate.set_opacity(0), FadeIn(general),
                      run_time=0.8)
            self.play(tracker.animate.set_value(high), run_time=4.0)
            self.play(tracker.animate.set_value((low + high) / 2), run_time=1.5)
            self.play(tracker.animate.set_value(high), run_time=1.5)
            self.mark_poster()
            self.wait(0.5)


def report(analysis: SurfaceAnalysis) -> str:
    """The text `calcreel check` prints for a surface lesson."""
    low, high = analysis.z_range
    lines = [f"f(x, y) = {plain(analysis.function)}",
             f"z from {low:.3g} to {high:.3g} over the window"]
    lines += [f"along {s.along}: f = {plain(s.expr)}, bends {s.bend}" for s in analysis.sections]
    if analysis.parameter is not None:
        lines.append(f"sweep {analysis.parameter} from {plain(analysis.sweep[0])}"
                     f" to {plain(analysis.sweep[1])}")
    return "\n".join(lines)

"""The surface lesson drawn: the landscape grown in and orbited, sections and a sweep."""

from __future__ import annotations

import numpy as np
from manim import (
    DOWN,
    LEFT,
    UP,
    Create,
    FadeIn,
    MathTex,
    ParametricFunction,
    ValueTracker,
    VGroup,
    always_redraw,
)

from mathcore.surface import Section, SurfaceAnalysis
from mathcore.verdicts import Verdict
from scenes.base import LessonScene3D, fit
from scenes.camera import LANDSCAPE_VIEW
from scenes.counter import Counter
from scenes.layout import Region
from scenes.notation import function_tex, tex
from scenes.plot3d import (
    box_corners,
    content_points,
    grow_landscape,
    height_function,
    landscape_axes,
    surface_mesh,
)
from scenes.surface.lesson import (
    SurfaceLesson,
    landscape_caption,
    section_caption,
    section_tex,
    sweep_caption,
    takeaway,
)

LANDSCAPE_ORBIT, SECTIONS_ORBIT = 0.6, 0.5  # radians the camera turns in those beats
BEND_VERDICTS = {"up": Verdict.LOCAL_MIN, "down": Verdict.LOCAL_MAX}  # a section's colour


class SurfaceScene(LessonScene3D):
    """The landscape, grown in and orbited; sections and a sweep on request."""

    analysis: SurfaceAnalysis
    lesson: SurfaceLesson

    def title_formula(self) -> MathTex:
        return MathTex(function_tex(self.analysis.function), color=self.theme.text)

    def takeaway(self) -> str:
        return takeaway(self.analysis)

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
            self.frame_box(box_corners(self.axes), layout.main, *LANDSCAPE_VIEW, orbit=orbits)
            return
        notes = [m for m in (self.section_labels, self.sweep_label) if m is not None]
        used = max((m.height for m in notes), default=0.0)
        top = min(layout.main.top, self.formula.get_bottom()[1] - 0.2)
        floor = layout.side.bottom + 0.25  # clear of the caption strip
        bottom = floor + used + 0.4 if notes else floor
        points = content_points(self.axes, self._heights(), a)
        region = Region(layout.main.x, (top + bottom) / 2, layout.main.width, top - bottom)
        self.frame_box(points, region, *LANDSCAPE_VIEW, orbit=orbits)
        # A narrow frame leaves the surface short of its region: close the gap, and
        # centre surface and notes together between the formula and the caption.
        low, high = self.renderer.camera.extent(points, orbits)
        drawn = high[1] - low[1]
        block = drawn + (used + 0.4 if notes else 0.0)
        surface_top = (top + floor + block) / 2 if block < top - floor else top
        self.frame_box(points, Region(region.x, surface_top - drawn / 2, region.width, drawn),
                       *LANDSCAPE_VIEW, orbit=orbits)
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
        """The axes, the surface growing up from flat, the camera turning."""
        a = self.analysis
        self.surface = surface = surface_mesh(self.axes, self.height, a, self.theme)
        with self.beat("landscape", landscape_caption, a):
            grow_landscape(self, self.axes, surface, self.formula, 1.5, 2.0)
            self.orbit(LANDSCAPE_ORBIT, 3.5)
            self.mark_poster()

    def _section_labels(self) -> VGroup:
        """f along each section, coloured by its bend, placed in ``side``."""
        side = self.layout.side
        labels = VGroup()
        for section in self.analysis.sections:
            labels.add(MathTex(section_tex(section), color=self._bend_colour(section)))
        labels.arrange(DOWN, aligned_edge=LEFT, buff=0.4)
        if self.layout.stacked:
            return fit(labels, side.width, side.height * 0.6)
        return fit(labels, side.width, side.height / 3).move_to(side.centre + UP * 0.6)

    def _bend_colour(self, section: Section) -> str:
        return self.theme.colour(BEND_VERDICTS.get(section.bend, Verdict.INCONCLUSIVE))

    def sections(self) -> None:
        """Each section drawn on the surface beside its formula, the camera turning."""
        a = self.analysis
        labels = self.flat(*self.section_labels)
        curves = VGroup(*(self._section_curve(section, self._bend_colour(section))
                          for section in a.sections))
        with self.beat("sections", section_caption, a.sections):
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
        number = Counter(float(a.sweep[0]), num_decimal_places=2, color=self.theme.text)
        label = VGroup(name, number).arrange(buff=0.15).scale(1.3)
        fit(label, side.width, side.height * 0.6)
        return label.move_to(side.centre)

    def sweep(self) -> None:
        """The surface redrawn as the coefficient runs through its sweep."""
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
        with self.beat("sweep", sweep_caption, a):
            self.add(surface)
            self.play(FadeIn(label), self.formula.animate.set_opacity(0), FadeIn(general),
                      run_time=0.8)
            self.play(tracker.animate.set_value(high), run_time=4.0)
            self.play(tracker.animate.set_value((low + high) / 2), run_time=1.5)
            self.play(tracker.animate.set_value(high), run_time=1.5)
            self.mark_poster()
            self.wait(0.5)


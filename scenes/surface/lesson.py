"""The surface lesson: its fields, its analysis and its words (no Manim here).

Beats: see `SurfaceLesson.beats`.
"""

from __future__ import annotations

from functools import cached_property
from typing import Annotated, ClassVar, Literal

import sympy
from pydantic import AfterValidator, Field, StringConstraints, field_validator, model_validator

from mathcore.critical import critical_window
from mathcore.surface import Section, SurfaceAnalysis, analyze_surface
from mathcore.symbols import parameter
from scenes.notation import plain, tex, within
from scenes.params import Formula, LessonBase, Range, parsed_formula
from scenes.practice import (
    Coefficients,
    Difficulty,
    Line,
    Move,
    Parameter,
    Sketch,
    map_sketch,
)

MOST_SECTION_TEXT = 24   # characters of a section's formula in an exercise's answer

RESERVED_NAMES = ("x", "y", "z", "e", "pi")


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

    beats: ClassVar[dict[str, str]] = {
        "title": "the title card, with f(x, y)",
        "landscape": "the axes, the surface growing in, the camera orbiting",
        "sections": "with sections: the curves along y = 0 and x = 0",
        "sweep": "with a sweep: a coefficient morphing the surface under its live value",
        "closing": "the takeaway",
    }
    asides: ClassVar[tuple[str, ...]] = ("landscape",)

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

    moves: ClassVar = (Coefficients("function"),)
    unvaried: ClassVar = ("sweep",)

    def moves_of(self) -> tuple[Move, ...]:
        """A swept lesson's variants fix its parameter at a whole value first."""
        return tuple(Parameter("function", name) for name in self.sweep or ()) + self.moves

    def problem(self, analysis: object) -> list[Line]:
        return [f"Picture the surface $z = {tex(self.expr)}$: find the curves it makes "
                "along $y = 0$ and along $x = 0$ (its sections through the middle of the "
                "window), and say which way each one bends there."]

    def worked(self, analysis: SurfaceAnalysis) -> list[Line]:
        lines: list[Line] = [f"Along ${s.along}$: ${section_tex(s)}$, which bends {s.bend}."
                             for s in analysis.sections]
        if twists(analysis.sections):
            lines.append("Up one way and down the other: the surface is a saddle there.")
        return lines

    def flaw(self, analysis: SurfaceAnalysis, difficulty: Difficulty) -> str | None:
        if any(s.bend not in ("up", "down") for s in analysis.sections):
            return "a section that is flat at the middle"
        if difficulty != "hard" and any(len(str(s.expr)) > MOST_SECTION_TEXT
                                        for s in analysis.sections):
            return "an answer that is not short"
        return None

    def sketch(self, analysis: SurfaceAnalysis) -> Sketch:
        return map_sketch(analysis.function, analysis.x_range, analysis.y_range)

    def analyze(self) -> SurfaceAnalysis:
        """The landscape over the lesson's window; a range left out is chosen as for
        critical_points (around the peaks, pits and passes of f as first shown, where
        a landscape is worth looking at), [-3, 3] where f has none."""
        sweep = next(iter(self.sweep.values())) if self.sweep else None
        first = self.expr if sweep is None else self.expr.subs(self.parameter, sweep[0])
        window = critical_window(first, (self.x, self.y))
        return analyze_surface(self.expr, *window, self.parameter, sweep)


# -- words -----------------------------------------------------------------------------------
def twists(sections: tuple[Section, ...]) -> bool:
    """Whether the sections bend up one way and down the other: a saddle."""
    return {s.bend for s in sections} == {"up", "down"}


def landscape_caption(a: SurfaceAnalysis) -> str:
    return (f"z = {plain(a.initial)}"
            f" for {within('x', *a.x_range)}, {within('y', *a.y_range)}")


def section_caption(sections: tuple[Section, ...]) -> str:
    parts = [f"along {s.along}, f = {plain(s.expr)} bends {s.bend}" for s in sections]
    text = "; ".join(parts).capitalize()
    if twists(sections):
        text += ": up where you sit, down along the horse's spine"
    return text + "."


def section_tex(section: Section) -> str:
    """``f(x, 0) = x^{2}``: f along the section."""
    at = tex(section.at)
    arguments = f"x, {at}" if section.variable.name == "x" else f"{at}, y"
    return rf"f({arguments}) = {tex(section.expr)}"


def sweep_caption(a: SurfaceAnalysis) -> str:
    return (f"Try changing the coefficient: {a.parameter} from {plain(a.sweep[0])}"
            f" to {plain(a.sweep[1])} stretches and squeezes the surface")


def takeaway(a: SurfaceAnalysis) -> str:
    if twists(a.sections):
        return "Up one way, down the other: that twist is a saddle."
    return "Every formula in two variables is a landscape you can walk on."


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

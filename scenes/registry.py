"""The lesson kinds. Each is a folder ``scenes/<kind>/``: ``lesson.py`` (the model, its
analysis and its words, no Manim) and ``scene.py`` (the drawing, imported on first use).

Adding a kind is one folder and one line in ``KINDS``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module
from typing import TYPE_CHECKING, Annotated, Any, Union

from pydantic import Field

from scenes.contour import lesson as contour
from scenes.critical_points import lesson as critical_points
from scenes.extrema import lesson as extrema
from scenes.first_principle import lesson as first_principle
from scenes.gradient_descent import lesson as gradient_descent
from scenes.graphs import lesson as graphs
from scenes.implicit import lesson as implicit
from scenes.lagrange import lesson as lagrange
from scenes.mean_value import lesson as mean_value
from scenes.params import LessonBase
from scenes.surface import lesson as surface
from scenes.taylor import lesson as taylor

if TYPE_CHECKING:
    from scenes.base import LessonMixin


@dataclass(frozen=True)
class Kind:
    """A lesson kind: its YAML model, its text report, and where its scene is."""

    lesson: type[LessonBase]
    report: Callable[[Any], str]
    scene_path: str  # "module:Class", imported only to draw

    @property
    def name(self) -> str:
        return self.lesson.model_fields["kind"].annotation.__args__[0]

    @property
    def summary(self) -> str:
        return (self.lesson.__doc__ or "").strip().splitlines()[0]

    @property
    def scene(self) -> type[LessonMixin]:
        """The Manim scene that draws this kind (importing it imports Manim)."""
        module, name = self.scene_path.split(":")
        return getattr(import_module(module), name)


KINDS: dict[str, Kind] = {
    kind.name: kind
    for kind in (
        Kind(surface.SurfaceLesson, surface.report, "scenes.surface.scene:SurfaceScene"),
        Kind(critical_points.CriticalPointsLesson, critical_points.report,
             "scenes.critical_points.scene:CriticalPointsScene"),
        Kind(first_principle.FirstPrincipleLesson, first_principle.report,
             "scenes.first_principle.scene:FirstPrincipleScene"),
        Kind(graphs.GraphsLesson, graphs.report, "scenes.graphs.scene:GraphsScene"),
        Kind(implicit.ImplicitLesson, implicit.report,
             "scenes.implicit.scene:ImplicitScene"),
        Kind(mean_value.MeanValueLesson, mean_value.report,
             "scenes.mean_value.scene:MeanValueScene"),
        Kind(taylor.TaylorLesson, taylor.report, "scenes.taylor.scene:TaylorScene"),
        Kind(extrema.ExtremaLesson, extrema.report, "scenes.extrema.scene:ExtremaScene"),
        Kind(contour.ContourLesson, contour.report, "scenes.contour.scene:ContourScene"),
        Kind(gradient_descent.GradientDescentLesson, gradient_descent.report,
             "scenes.gradient_descent.scene:GradientDescentScene"),
        Kind(lagrange.LagrangeLesson, lagrange.report, "scenes.lagrange.scene:LagrangeScene"),
    )
}

Lesson = Annotated[
    Union[tuple(kind.lesson for kind in KINDS.values())],  # noqa: UP007
    Field(discriminator="kind"),
]

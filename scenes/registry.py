"""The lesson kinds: each kind's parameters (a validated model) and its scene."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, Any, Union

from pydantic import Field

from scenes import (
    critical_points,
    extrema,
    first_principle,
    graphs,
    implicit,
    mean_value,
    surface,
    taylor,
)
from scenes.base import LessonMixin
from scenes.params import LessonBase


@dataclass(frozen=True)
class Kind:
    """A lesson kind: its YAML parameters, the scene that draws it, its text report."""

    name: str
    lesson: type[LessonBase]
    scene: type[LessonMixin]
    report: Callable[[Any], str]

    @property
    def summary(self) -> str:
        return (self.lesson.__doc__ or "").strip().splitlines()[0]


KINDS: dict[str, Kind] = {
    kind.name: kind
    for kind in (
        Kind("surface", surface.SurfaceLesson, surface.SurfaceScene, surface.report),
        Kind("critical_points", critical_points.CriticalPointsLesson,
             critical_points.CriticalPointsScene, critical_points.report),
        Kind("first_principle", first_principle.FirstPrincipleLesson,
             first_principle.FirstPrincipleScene, first_principle.report),
        Kind("graphs", graphs.GraphsLesson, graphs.GraphsScene, graphs.report),
        Kind("implicit", implicit.ImplicitLesson, implicit.ImplicitScene, implicit.report),
        Kind("mean_value", mean_value.MeanValueLesson, mean_value.MeanValueScene,
             mean_value.report),
        Kind("taylor", taylor.TaylorLesson, taylor.TaylorScene, taylor.report),
        Kind("extrema", extrema.ExtremaLesson, extrema.ExtremaScene, extrema.report),
    )
}

Lesson = Annotated[
    Union[tuple(kind.lesson for kind in KINDS.values())],  # noqa: UP007
    Field(discriminator="kind"),
]

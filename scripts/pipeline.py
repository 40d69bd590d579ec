"""Analyse, plan, render and publish a course: thin over mathcore and scenes."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import av

from mathcore.errors import MathError
from scenes.params import LessonBase
from scripts.config import LoadedCourse
from scripts.pacing import CannotFit
from scripts.quality import QUALITIES
from scripts.render import Job, pace, publish, render


@dataclass(frozen=True)
class Analysed:
    """A lesson with its analysis, or the error that stopped it."""

    index: int
    lesson: LessonBase
    analysis: Any = None
    error: str | None = None
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return self.error is None

    def to_json(self) -> dict:
        return {
            "id": self.lesson.id,
            "kind": self.lesson.kind,
            "ok": self.ok,
            "error": self.error,
            "analysis": self.analysis.to_json() if self.ok else None,
        }


def analyse(loaded: LoadedCourse, only: Iterable[str] = ()) -> list[Analysed]:
    """Run each lesson's mathematics; a failing lesson does not stop the others.
    Each symbolic step gets the course's ``deadline``, the whole lesson LESSON_DEADLINES
    of them; past that, the lesson fails with "could not ... within N s"."""
    from mathcore.deadline import LESSON_DEADLINES, default_deadline, time_limit

    wanted = set(only)
    results = []
    deadline = loaded.course.course.deadline
    for index, lesson in enumerate(loaded.course.lessons):
        if wanted and lesson.id not in wanted:
            continue
        started = time.perf_counter()
        try:
            with (default_deadline(deadline),
                  time_limit(LESSON_DEADLINES * deadline, f"analyse lesson '{lesson.id}'")):
                analysis = lesson.analyze()
        except MathError as err:
            results.append(Analysed(index, lesson, error=f"{loaded.where(index)}: {err}",
                                    seconds=time.perf_counter() - started))
            continue
        results.append(Analysed(index, lesson, analysis, seconds=time.perf_counter() - started))
    return results


@dataclass(frozen=True)
class Output:
    """One published video and its companions, as listed in the manifest."""

    lesson: str
    shape: str
    quality: str
    file: str
    seconds: float
    bytes: int
    poster: str
    captions: str | None
    render_seconds: float

    def to_json(self) -> dict:
        return dict(self.__dict__)


def plan(analysed: list[Analysed], loaded: LoadedCourse, quality: str,
         shapes: Sequence[str] = ()) -> list[Job]:
    """One job per shape of each lesson that analysed cleanly, in config order.
    ``shapes`` (from --shape) overrides the lesson's own, which override the course's."""
    settings = loaded.course.course
    return [
        Job(a.lesson, a.analysis, shape, QUALITIES[quality], settings.theme,
            max_seconds=settings.max_seconds if shape == "portrait" else None,
            formats=tuple(settings.formats))
        for a in analysed if a.ok
        for shape in (shapes or a.lesson.shapes or settings.shapes)
    ]


def check_clips(analysed: list[Analysed], loaded: LoadedCourse) -> list[Analysed]:
    """Rehearse every portrait clip; a lesson that cannot keep to ``max_seconds``
    becomes an error, as a lesson whose mathematics failed does."""
    checked = []
    for a in analysed:
        error = None
        for job in plan([a], loaded, "tiny"):
            if job.max_seconds is None:
                continue
            with tempfile.TemporaryDirectory() as scratch:
                try:
                    pace(job, Path(scratch), loaded.output_dir / ".cache")
                except CannotFit as err:
                    error = f"{loaded.where(a.index)}: {job.shape}: {err}"
        checked.append(replace(a, analysis=None, error=error) if error else a)
    return checked


def run_job(job: Job, out: Path) -> Output:
    """Render a job in a scratch folder, then publish its files into ``out``."""
    started = time.perf_counter()
    cache = out / ".cache"
    with tempfile.TemporaryDirectory(dir=_scratch(out)) as scratch:
        rendered = render(job, Path(scratch), cache)
        folder = out / job.shape
        video = publish(rendered.video, folder / f"{job.lesson.id}.mp4")
        poster = publish(rendered.poster, folder / f"{job.lesson.id}.png")
        captions = (publish(rendered.captions, folder / f"{job.lesson.id}.srt")
                    if rendered.captions else None)
    return Output(
        lesson=job.lesson.id, shape=job.shape, quality=job.quality.name,
        file=str(video.relative_to(out)), seconds=video_seconds(video),
        bytes=video.stat().st_size, poster=str(poster.relative_to(out)),
        captions=str(captions.relative_to(out)) if captions else None,
        render_seconds=round(time.perf_counter() - started, 3),
    )


def _scratch(out: Path) -> Path:
    folder = out / ".work"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def video_seconds(path: Path) -> float:
    """A video's duration, read back from the file."""
    with av.open(str(path)) as container:
        return round(container.duration / av.time_base, 3)


def render_jobs(jobs: list[Job], out: Path,
                on_done: Callable[[Job, Output | None, str | None], None]) -> list[Output]:
    """Run jobs one after another; a failing job is reported and the rest go on."""
    outputs = []
    for job in jobs:
        try:
            output = run_job(job, out)
        except Exception as err:  # a render failure must not stop the course
            on_done(job, None, f"{type(err).__name__}: {err}")
            continue
        outputs.append(output)
        on_done(job, output, None)
    shutil.rmtree(out / ".work", ignore_errors=True)
    return outputs


def write_manifest(out: Path, outputs: list[Output]) -> Path:
    """Merge these outputs into ``manifest.json``, written atomically."""
    path = out / "manifest.json"
    entries = {}
    if path.exists():
        try:
            for entry in json.loads(path.read_text())["videos"]:
                entries[(entry["lesson"], entry["shape"])] = entry
        except (ValueError, KeyError, TypeError):
            entries = {}
    for output in outputs:
        entries[(output.lesson, output.shape)] = output.to_json()
    temporary = path.with_name(".manifest.json.tmp")
    temporary.write_text(json.dumps({"videos": list(entries.values())}, indent=2) + "\n")
    os.replace(temporary, path)
    return path

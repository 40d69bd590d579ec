"""Analyse, plan, render and publish a course: thin over mathcore and scenes."""

from __future__ import annotations

import json
import os
import tempfile
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from mathcore.wording import and_list
from scenes.layout import LAYOUTS
from scenes.params import LessonBase
from scenes.practice import Exercise
from scenes.voice import Voice
from scripts.captions import write_vtt
from scripts.config import LoadedCourse
from scripts.files import publish
from scripts.formats import convert
from scripts.guard import LessonGuard
from scripts.manifest import Manifest, ManifestEntry
from scripts.narration import Narration
from scripts.quality import QUALITIES
from scripts.render import Job, narration_of, pace, render, seed_glyph_caches, timing
from scripts.sound import video_seconds


@dataclass(frozen=True)
class Analysed:
    """A lesson with its analysis (and that analysis as ``check`` prints it), or the
    one-line error that stopped it; ``internal`` when that was calcreel's own failure."""

    index: int
    lesson: LessonBase
    analysis: Any = None
    error: str | None = None
    seconds: float = 0.0
    internal: bool = False
    json: dict | None = None
    report: str = ""
    spoken: dict[str, str] | None = None  # what the voice says, by beat
    warnings: tuple[str, ...] = ()
    exercise: Exercise | None = None  # what its your_turn beat poses

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def id(self) -> str:
        return self.lesson.id

    @property
    def kind(self) -> str:
        return self.lesson.kind

    def to_json(self) -> dict:
        return {"id": self.id, "kind": self.kind, "ok": self.ok, "error": self.error,
                "analysis": self.json if self.ok else None,
                "spoken": self.spoken}


def analyse(loaded: LoadedCourse, only: Iterable[str] = ()) -> list[Analysed]:
    """Run each lesson's mathematics; a failing lesson does not stop the others.
    Each symbolic step gets the course's ``deadline``, the whole lesson LESSON_DEADLINES
    of them; past that, the lesson fails with "could not ... within N s"."""
    from mathcore.deadline import LESSON_DEADLINES, default_deadline, time_limit
    from scenes.registry import KINDS
    from scripts.practice import posed

    wanted = set(only)
    results = []
    deadline = loaded.course.course.deadline
    for index, lesson in zip(loaded.indices, loaded.course.lessons):
        if wanted and lesson.id not in wanted:
            continue
        started = time.perf_counter()
        guard = LessonGuard(loaded.where(index), f"analysing lesson '{lesson.id}'",
                            log_path(loaded, "check", lesson.id))
        with (guard, default_deadline(deadline),
              time_limit(LESSON_DEADLINES * deadline, f"analyse lesson '{lesson.id}'")):
            analysis = lesson.analyze()
            as_json = analysis.to_json()
            json.dumps(as_json)  # what check --json prints must print
            report = KINDS[lesson.kind].report(analysis)
        seconds = time.perf_counter() - started
        if guard.error:
            results.append(Analysed(index, lesson, error=guard.error, seconds=seconds,
                                    internal=guard.internal))
            continue
        exercise, why = None, None
        if lesson.your_turn:
            guard = LessonGuard(loaded.where(index), f"posing the exercise of '{lesson.id}'",
                                log_path(loaded, "check", lesson.id))
            with guard:
                exercise, why = posed(lesson, deadline)
            why = why or guard.error
        results.append(Analysed(index, lesson, analysis, seconds=seconds, json=as_json,
                                report=report, exercise=exercise,
                                warnings=(why,) if why else ()))
    return results


def log_path(loaded: LoadedCourse, step: str, lesson: str, shape: str = "") -> Path:
    """Where a lesson's internal failure in ``step`` (check, rehearse, preview) is logged."""
    return loaded.output_dir / "logs" / step / shape / f"{lesson}.log"


def plan(loaded: LoadedCourse, quality: str, shapes: Sequence[str] = (),
         only: Iterable[str] = ()) -> list[Job]:
    """One job per shape of each lesson (of ``only``, if given), in config order, its
    analysis not yet attached. ``shapes`` (from --shape) overrides the lesson's own,
    which override the course's."""
    settings, wanted = loaded.course.course, set(only)
    return [
        Job(lesson, None, shape, QUALITIES[quality], settings.theme,
            max_seconds=settings.max_seconds if LAYOUTS[shape].is_clip else None,
            formats=tuple(settings.formats),
            voice=resolved(lesson.voice or settings.voice, loaded.path.parent),
            music=(loaded.path.parent / settings.music).resolve() if settings.music else None)
        for lesson in loaded.course.lessons if not wanted or lesson.id in wanted
        for shape in (shapes or lesson.shapes or settings.shapes)
    ]


def resolved(voice: Voice, base: Path) -> Voice:
    """The voice with its recordings folder resolved against the config file's folder."""
    if voice.mode != "recordings":
        return voice
    return voice.model_copy(update={"folder": str((base / voice.folder).resolve())})


def with_analyses(jobs: list[Job], analysed: list[Analysed]) -> list[Job]:
    """The jobs whose lesson analysed cleanly, each with its analysis attached."""
    found = {a.lesson.id: a for a in analysed if a.ok}
    return [replace(job, analysis=found[job.lesson.id].analysis,
                    exercise=found[job.lesson.id].exercise)
            for job in jobs if job.lesson.id in found]


def is_current(job: Job, manifest: Manifest, out: Path) -> bool:
    """Whether the manifest lists this job with the same content key and its files
    are all still there: then rendering it again would make the same files."""
    entry = manifest.get(job.lesson.id, job.shape)
    return (entry is not None and entry.key == job.key and entry.beats is not None
            and all((out / name).is_file() for name in entry.files))


def out_of_date(jobs: list[Job], out: Path, force: bool = False) -> list[Job]:
    """The jobs to render: all of them with ``force``, else those not current."""
    manifest = Manifest.read(out)
    return [job for job in jobs if force or not is_current(job, manifest, out)]


def check_clips(analysed: list[Analysed], loaded: LoadedCourse,
                jobs: int = os.cpu_count() or 1) -> list[Analysed]:
    """Rehearse every clip, and every voiced lesson: a clip that cannot keep to
    ``max_seconds`` (with its voice) makes its lesson an error, as failed mathematics
    does; a voiced lesson keeps what its voice says, beat by beat (``spoken``). The
    lessons are rehearsed in ``jobs`` worker processes, named apart from a render's
    (their glyph caches are their own); a worker that dies fails its lesson. A lesson
    whose mathematics failed has nothing to rehearse, and stays as it is."""
    from scripts.executors import in_workers

    rehearsed = iter(in_workers(clips_checked, [(a, loaded) for a in analysed if a.ok], jobs,
                                _rehearsal_died, name="check-"))
    return [next(rehearsed) if a.ok else a for a in analysed]


def clips_checked(a: Analysed, loaded: LoadedCourse) -> Analysed:
    """One lesson of :func:`check_clips`."""
    cache = loaded.output_dir / ".cache"
    jobs = [job for job in with_analyses(plan(loaded, "tiny", only=[a.lesson.id]), [a])
            if job.max_seconds is not None or job.voice.speaks]
    if jobs:  # nothing is written for a lesson with nothing to rehearse
        seed_glyph_caches(cache)
    narration = None  # the same words in every shape: made once, by the first job
    for job in jobs:
        guard = LessonGuard(f"{loaded.where(a.index)} '{a.id}', {job.shape}",
                            "rehearsing the clip" if job.max_seconds else "rehearsing",
                            log_path(loaded, "rehearse", a.id, job.shape))
        with guard, tempfile.TemporaryDirectory() as scratch:
            work = Path(scratch)
            if narration is None and job.voice.speaks:
                narration = narration_of(job, work, cache)
                a = replace(a, spoken={b.name: b.spoken
                                       for b in timing(job, work, cache).beats},
                            warnings=a.warnings + missing_takes(narration, job.voice))
            pacing = pace(job, work, cache, narration)
            if pacing.unsaid:
                a = replace(a, warnings=a.warnings + (
                    f"{job.shape}: the voice leaves {and_list(pacing.unsaid)} to the "
                    f"captions, to keep to max_seconds = {job.max_seconds:g}",))
        if guard.error:
            return replace(a, analysis=None, json=None, error=guard.error,
                           internal=guard.internal, spoken=None)
    return a


def _rehearsal_died(a: Analysed, loaded: LoadedCourse, error: Exception) -> Analysed:
    """The lesson whose rehearsing worker died (killed, out of memory): it fails."""
    return replace(a, analysis=None, json=None, internal=True, spoken=None,
                   error=f"{loaded.where(a.index)} '{a.id}': internal error while rehearsing: "
                         f"{type(error).__name__}: {error}")


def missing_takes(narration: Narration, voice: Voice) -> tuple[str, ...]:
    """The warning for the beats that have no take, if any."""
    if not narration.missing:
        return ()
    instead = "synthesised" if voice.fallback == "tts" else "silent"
    return (f"no take for {', '.join(narration.missing)} in {voice.folder}: {instead}",)


def run_job(job: Job, out: Path) -> ManifestEntry:
    """Render a job in a scratch folder, then publish its files into ``out``."""
    started = time.perf_counter()
    cache = out / ".cache"
    seed_glyph_caches(cache)
    with tempfile.TemporaryDirectory(dir=_scratch(out)) as scratch:
        work = Path(scratch)
        rendered = render(job, work, cache)
        target = out / job.shape / job.lesson.id
        extras = {name: publish(path, target.with_suffix(f".{name}"))
                  for name, path in convert(rendered.video, job.formats, work).items()}
        video = publish(rendered.video, target.with_suffix(".mp4"))
        poster = publish(rendered.poster, target.with_suffix(".png"))
        beats = publish(rendered.beats, target.with_suffix(".beats.json"))
        captions = vtt = None
        if rendered.captions:
            captions = publish(rendered.captions, target.with_suffix(".srt"))
            vtt = publish(write_vtt(rendered.captions, work / "captions.vtt"),
                          target.with_suffix(".vtt"))

    def name(path: Path | None) -> str | None:
        return str(path.relative_to(out)) if path else None

    return ManifestEntry(
        lesson=job.lesson.id, shape=job.shape, quality=job.quality.name,
        file=name(video), seconds=video_seconds(video), bytes=video.stat().st_size,
        poster=name(poster), captions=name(captions),
        render_seconds=round(time.perf_counter() - started, 3),
        vtt=name(vtt), key=job.key, beats=name(beats),
        formats={format: name(path) for format, path in extras.items()},
        frames="reused" if rendered.reused else "drawn",
    )


def _scratch(out: Path) -> Path:
    folder = out / ".work"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


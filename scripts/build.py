"""calcreel render: skip what is up to date, run the rest, publish, record.

Order of work: an unchanged course (same config bytes, options and code as the
last clean build, every file still there) stops before loading anything heavy.
Otherwise the course is loaded and planned, each job whose content key is
already in the manifest with its files is skipped, only the lessons left are
analysed, and their jobs run in worker processes (or on a Dask cluster).
"""

from __future__ import annotations

import os
import shutil
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from rich.console import Console
from rich.markup import escape

from scripts import record
from scripts.errors import BAD_INPUT, OK, RENDER_FAILED


@dataclass(frozen=True)
class RenderOptions:
    """What ``calcreel render`` was asked for."""

    lessons: tuple[str, ...] = ()
    quality: str | None = None
    shapes: tuple[str, ...] = ()
    lecture: bool = False
    slides: bool = False
    one_file: bool = False  # the slides carry their videos inside them
    force: bool = False
    jobs: int = os.cpu_count() or 1
    executor: str = "local"
    scheduler: str | None = None

    def stamped(self) -> dict:
        """The options that change what is made (not how many processes make it)."""
        return {name: value for name, value in asdict(self).items()
                if name in ("lessons", "quality", "shapes", "lecture", "slides", "one_file")}


def render_course(config: Path, options: RenderOptions, console: Console) -> int:
    """Render what is out of date; the exit status (OK, RENDER_FAILED or BAD_INPUT).
    Raises ConfigError for a bad config."""
    stamped = record.stamp(config, options.stamped())  # before the config is read
    if not options.force:
        videos = record.unchanged(config, stamped)
        if videos is not None:
            console.print(f"nothing to render: all {videos} video(s) are up to date")
            return OK
    from scripts.config import load_course
    from scripts.lock import course_lock

    loaded = load_course(config)
    loaded.require(options.lessons)
    out = loaded.output_dir
    with course_lock(out, console.print):
        return _render(loaded, stamped, options, console)


def _render(loaded, stamped: str, options: RenderOptions, console: Console) -> int:
    from scripts.executors import Finished, executor, run_jobs
    from scripts.manifest import MANIFEST, add_to_manifest
    from scripts.pipeline import analyse, out_of_date, plan, with_analyses

    out = loaded.output_dir
    quality = options.quality or loaded.course.course.quality
    jobs = plan(loaded, quality, options.shapes, options.lessons)
    pending = out_of_date(jobs, out, options.force)
    console.print(f"{len(jobs) - len(pending)} of {len(jobs)} video(s) up to date; "
                  f"{len(pending)} to render at {quality}")
    wanted = {job.lesson.id for job in pending}
    analysed = analyse(loaded, wanted) if wanted else []
    refused = loaded.refusals(options.lessons)
    for a in [*refused, *analysed]:
        if not a.ok:
            print(f"error: {a.error}", file=sys.stderr)
    for a in analysed:
        for warning in a.warnings:
            print(f"warning: {loaded.where(a.index)} '{a.id}': {warning}", file=sys.stderr)
    started = time.perf_counter()
    finished = []
    if pending := with_analyses(pending, analysed):
        progress = _progress(console, len(pending), quality)

        def done(job: Finished) -> None:
            if job.output is not None:  # recorded at once: a crash later loses nothing
                add_to_manifest(out, [job.output])
            progress(job)

        with executor(options.executor, options.jobs, options.scheduler) as pool:
            finished = run_jobs(pending, out, pool, done)
        shutil.rmtree(out / ".work", ignore_errors=True)
    outputs = [f.output for f in finished if f.output is not None]
    failures = [f for f in finished if f.error is not None]
    if not (out / MANIFEST).exists():
        add_to_manifest(out, [])
    _pages(loaded, quality, options, console)
    console.print(f"{len(outputs)} video(s) rendered into {out} in "
                  f"{time.perf_counter() - started:.1f} s")
    for failure in failures:
        print(f"error: {failure.job.name}: {failure.error} (log: {failure.log})",
              file=sys.stderr)
    if failures or any(a.internal for a in analysed):
        return RENDER_FAILED
    if refused or any(not a.ok for a in analysed):
        return BAD_INPUT
    record.write(stamped, out, len(jobs))
    return OK


def _pages(loaded, quality: str, options: RenderOptions, console: Console) -> None:
    """After rendering: the lecture and the slides (if asked for) and the gallery, from
    the manifest."""
    from scripts.gallery import write_gallery
    from scripts.lecture import lecture_parts, write_lecture
    from scripts.manifest import Manifest

    out, title = loaded.output_dir, loaded.course.course.title
    lessons = [(lesson.id, lesson.heading()) for lesson in loaded.course.lessons]
    entries = Manifest.read(out).entries
    if options.slides:
        from scripts.slides import write_slides

        written = write_slides(out, title, lessons, entries, options.one_file)
        console.print(f"slides: {len(written) - 1} lesson(s) and course.html in "
                      f"{out / 'slides'}")
    if options.lecture:
        parts = lecture_parts(out, lessons, entries, quality)
        if parts:
            write_lecture(out, title, parts)
            console.print(f"lecture.mp4: {len(parts)} chapter(s), "
                          f"{sum(part.seconds for part in parts):.1f} s")
        if left_out := [lesson for lesson, _ in lessons
                        if lesson not in {part.lesson for part in parts}]:
            console.print(f"[yellow]lecture[/yellow]: no landscape video at {quality} of "
                          f"{', '.join(left_out)}; left out")
    write_gallery(out, title, lessons, entries)


def _progress(console: Console, total: int, quality: str):
    """One overall progress bar; returns the callback that advances it per job."""
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    progress = Progress(TextColumn(f"rendering at {quality}"), BarColumn(),
                        MofNCompleteColumn(), TimeElapsedColumn(), TextColumn("ETA"),
                        TimeRemainingColumn(), console=console, transient=True)
    task = progress.add_task("videos", total=total)
    progress.start()

    def done(finished) -> None:
        if finished.error:
            progress.console.print(f"[red]failed[/red] {escape(finished.job.name)} "
                                   f"(log: {escape(str(finished.log))})")
        else:
            output = finished.output
            progress.console.print(f"{output.file}  {output.seconds:.1f} s of video in "
                                   f"{output.render_seconds:.1f} s"
                                   + ("  (sound only: frames reused)"
                                      if output.frames == "reused" else ""))
        progress.advance(task)
        if progress.finished:
            progress.stop()

    return done

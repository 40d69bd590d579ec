"""calcreel watch: re-check, preview and re-render a course each time it is saved.

Saves are debounced (an editor writes a file in several steps). A config with an
error is reported and nothing else happens: the last good outputs stay. For each
lesson whose videos are out of date a preview still is written first, in
seconds, to ``<out>/preview/<lesson>.png``; then the videos are rendered.
"""

from __future__ import annotations

import sys
import tempfile
import threading
from pathlib import Path

from rich.console import Console
from watchdog.events import (
    EVENT_TYPE_CLOSED,
    EVENT_TYPE_CREATED,
    EVENT_TYPE_MODIFIED,
    EVENT_TYPE_MOVED,
    FileSystemEvent,
    FileSystemEventHandler,
)
from watchdog.observers import Observer

from scripts.build import RenderOptions, render_course
from scripts.errors import BAD_INPUT, OK, ConfigError

DEBOUNCE_SECONDS = 0.4


# The events that mean the file's content may have changed. Not "opened" nor
# "closed_no_write": a rebuild reads the file, and those would set off another.
WRITES = frozenset({EVENT_TYPE_MODIFIED, EVENT_TYPE_CREATED, EVENT_TYPE_MOVED,
                    EVENT_TYPE_CLOSED})


class _Saved(FileSystemEventHandler):
    """Sets an event whenever the watched file is written, created or moved into place."""

    def __init__(self, path: Path):
        self.path, self.saved = path, threading.Event()

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type not in WRITES:
            return
        written = event.dest_path if event.event_type == EVENT_TYPE_MOVED else event.src_path
        if str(self.path) == str(written):
            self.saved.set()


def watch(config: Path, options: RenderOptions, console: Console,
          stop: threading.Event | None = None) -> int:
    """Build now, then after every save, until Ctrl-C (or ``stop`` is set)."""
    config = config.resolve()
    handler = _Saved(config)
    observer = Observer()
    observer.schedule(handler, str(config.parent), recursive=False)
    observer.start()
    stop = stop or threading.Event()
    try:
        rebuild(config, options, console)
        console.print(f"watching {config.name}; Ctrl-C to stop")
        while not stop.is_set():
            if not handler.saved.wait(timeout=0.2):
                continue
            while handler.saved.wait(timeout=DEBOUNCE_SECONDS):  # let the editor finish
                handler.saved.clear()
            console.print(f"{config.name} changed")
            rebuild(config, options, console)
            console.print(f"watching {config.name}; Ctrl-C to stop")
    finally:
        observer.stop()
        observer.join()
    return OK


def rebuild(config: Path, options: RenderOptions, console: Console) -> None:
    """Check the config, write previews of the lessons that changed, render them."""
    try:
        previews(config, options, console)
        status = render_course(config, options, console)
    except ConfigError as err:
        print(f"error: {err}", file=sys.stderr, flush=True)
        status = BAD_INPUT
    if status == BAD_INPUT:
        console.print("the last good outputs are unchanged")


def previews(config: Path, options: RenderOptions, console: Console) -> None:
    """A still of each lesson with out-of-date videos, from its first shape."""
    from scripts.config import load_course
    from scripts.guard import LessonGuard
    from scripts.pipeline import analyse, log_path, out_of_date, plan, with_analyses
    from scripts.render import poster_still

    loaded = load_course(config)
    loaded.require(options.lessons)
    out = loaded.output_dir
    quality = options.quality or loaded.course.course.quality
    stale = out_of_date(plan(loaded, quality, options.shapes, options.lessons), out,
                        options.force)
    firsts = list({job.lesson.id: job for job in reversed(stale)}.values())[::-1]
    if not firsts:
        return
    analysed = analyse(loaded, {job.lesson.id for job in firsts})
    for job in with_analyses(firsts, analysed):
        index = next(a.index for a in analysed if a.id == job.lesson.id)
        guard = LessonGuard(loaded.where(index), f"previewing the {job.shape} still",
                            log_path(loaded, "preview", job.lesson.id, job.shape))
        with guard, tempfile.TemporaryDirectory() as scratch:
            still = poster_still(job, Path(scratch), out / ".cache",
                                 out / "preview" / f"{job.lesson.id}.png")
            console.print(f"preview: {still}")
        if guard.error:
            print(f"error: {guard.error}", file=sys.stderr, flush=True)

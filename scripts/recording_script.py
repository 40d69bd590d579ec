"""The recording script: for each lesson, each beat's words (as a voice says them, and
as the caption shows them) and the file name to save the teacher's take as."""

from __future__ import annotations

import tempfile
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

from scripts.config import LoadedCourse
from scripts.guard import LessonGuard
from scripts.narration import TAKE_FORMATS
from scripts.pipeline import Analysed, analyse, log_path, plan, with_analyses
from scripts.render import timing


def recording_script(loaded: LoadedCourse, only: Iterable[str] = ()) -> tuple[str, list[Analysed]]:
    """The script as Markdown, and each lesson's analysis (with its error, if it failed)."""
    settings = loaded.course.course
    lines = [f"# Recording script: {settings.title}", "",
             f"Save each take under the name given, as {', '.join(TAKE_FORMATS)}; "
             "say the words in quotes. A beat without a take is synthesised.", ""]
    results = []
    for a in analyse(loaded, only):
        if a.ok:
            job = with_analyses(plan(loaded, "tiny", only=[a.id]), [a])[0]
            guard = LessonGuard(loaded.where(a.index), "rehearsing",
                                log_path(loaded, "rehearse", a.id, job.shape))
            with guard, tempfile.TemporaryDirectory() as scratch:
                beats = timing(job, Path(scratch), loaded.output_dir / ".cache").beats
                folder = (a.lesson.voice or settings.voice).folder
                lines += [f"## {a.lesson.heading()} (`{a.id}`)", ""]
                for number, beat in enumerate(beats, start=1):
                    lines += [f"{number}. `{folder}/{a.id}/{beat.name}.wav`: "
                              f"\"{beat.spoken}\"", f"   (caption: {beat.caption})", ""]
            if guard.error:
                a = replace(a, error=guard.error, internal=guard.internal)
        results.append(a)
    return "\n".join(lines), results

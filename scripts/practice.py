"""``calcreel practice``: each lesson's exercises, searched in its own guard, written as
``<output>/practice/``: the worksheet and its key (PDF, typeset with LaTeX), the same in
Markdown, and ``practice.json`` for other tools.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from scenes.params import LessonBase
from scenes.practice import Drill, Exercise, Table, drill
from scripts.config import LoadedCourse
from scripts.files import write_atomically
from scripts.guard import LessonGuard
from scripts.keys import code_digest
from scripts.worksheet import typeset

FOLDER = "practice"
JSON_NAME, MARKDOWN_NAME, KEY_NAME = "practice.json", "practice.md", ".key"
WRITERS = (Path(__file__).with_name("practice.py"), Path(__file__).with_name("worksheet.py"))


@dataclass(frozen=True)
class Drilled:
    """A lesson's drill, or the one-line error that stopped it."""

    index: int
    id: str
    drill: Drill | None
    error: str | None = None
    internal: bool = False

    @property
    def ok(self) -> bool:
        return self.error is None


def drills(loaded: LoadedCourse, only: Iterable[str] = (),
           explicit: bool = False, jobs: int = os.cpu_count() or 1) -> list[Drilled]:
    """Each lesson's exercises (of ``only``, if given; of those with ``practice:`` when
    ``explicit``), each search inside its lesson's guard and the course's deadlines, in
    ``jobs`` worker processes (in this one with ``--debug``, to let tracebacks through)."""
    from scripts.executors import in_workers

    wanted = set(only)
    chosen = [(index, lesson) for index, lesson in zip(loaded.indices, loaded.course.lessons)
              if not (wanted and lesson.id not in wanted)
              and not (explicit and lesson.practice is None)]
    return in_workers(drilled, [(loaded, index, lesson) for index, lesson in chosen], jobs,
                      _died)


def drilled(loaded: LoadedCourse, index: int, lesson: LessonBase) -> Drilled:
    """One lesson's exercises, each with its sketch drawn (where the search ran: a map
    takes as long as the search), or the error that stopped them."""
    from scripts.pipeline import log_path

    where = LessonGuard(loaded.where(index), f"making the exercises of '{lesson.id}'",
                        log_path(loaded, "practice", lesson.id))
    result = None
    with where:
        result = drill(lesson, solver(loaded.course.course.deadline))
        for exercise in result.exercises:
            exercise.sketch  # noqa: B018 (kept on the exercise, for the sheet)
    return Drilled(index, lesson.id, result, where.error, where.internal)


def _died(loaded: LoadedCourse, index: int, lesson: LessonBase, error: Exception) -> Drilled:
    """The drill of a lesson whose worker died (killed, out of memory): its lesson fails."""
    return Drilled(index, lesson.id, None, f"{loaded.where(index)}: internal error while "
                   f"making the exercises of '{lesson.id}': {type(error).__name__}: {error}",
                   internal=True)


def posed(lesson: LessonBase, deadline: float) -> tuple[Exercise | None, str | None]:
    """The exercise a lesson's ``your_turn`` beat poses (its sheet's first), or None and
    the warning that says why there is none."""
    found = drill(lesson, solver(deadline), first=1)
    if found.exercises:
        return found.exercises[0], None
    return None, f"your_turn: no exercise to pose, so no 'your turn' beat ({shortfall(found)})"


def solver(deadline: float) -> Callable[[LessonBase], object]:
    """What solves a variant: its kind's ``solve`` under the course's deadlines."""
    from mathcore.deadline import LESSON_DEADLINES, default_deadline, time_limit

    def solve(variant: LessonBase) -> object:
        with default_deadline(deadline), time_limit(
                LESSON_DEADLINES * deadline, f"solve the exercise '{variant.id}'"):
            return variant.solve()

    return solve


def sheet_key(loaded: LoadedCourse, only: Iterable[str] = ()) -> str:
    """What the practice files depend on: the lessons, the course title, the code that
    solves and draws them and the code that writes the sheets."""
    wanted = set(only)
    ingredients = {
        "title": loaded.course.course.title,
        "lessons": [lesson.model_dump(mode="json") for lesson in loaded.course.lessons
                    if not wanted or lesson.id in wanted],
        "code": code_digest(),
        "writers": [hashlib.sha256(path.read_bytes()).hexdigest() for path in WRITERS]}
    return hashlib.sha256(json.dumps(ingredients, sort_keys=True).encode()).hexdigest()


def up_to_date(loaded: LoadedCourse, key: str) -> bool:
    """Whether the practice files were written from ``key`` and are all still there."""
    folder = loaded.output_dir / FOLDER
    stamp = folder / KEY_NAME
    slug = course_slug(loaded.course.course.title)
    return (stamp.is_file() and stamp.read_text() == key
            and all((folder / name).is_file() for name in
                    (f"{slug}.pdf", f"{slug}-answers.pdf", JSON_NAME, MARKDOWN_NAME)))


def shortfall(d: Drill) -> str | None:
    """check's warning for a lesson that found fewer exercises than asked, with why."""
    if not d.short:
        return None
    reasons = ", ".join(f"{why} ({n})" for why, n in d.rejected.most_common(3))
    return (f"practice: {len(d.exercises)} of {d.settings.count} exercises found in "
            f"{sum(d.rejected.values()) + len(d.exercises)} tries"
            + (f"; turned down: {reasons}" if reasons else ""))


def write_practice(loaded: LoadedCourse, found: list[Drilled]
                   ) -> tuple[list[Path], list[Drilled]]:
    """Write the sheet, its key, practice.md and practice.json; return their paths, and
    ``found`` with the error of any lesson LaTeX could not typeset (left out of all four)."""
    title = loaded.course.course.title
    folder = loaded.output_dir / FOLDER
    sheet, key, failed = typeset(title, [d.drill for d in found if d.ok and d.drill.exercises],
                                 folder, course_slug(title))
    found = [replace(d, error=f"{loaded.where(d.index)}: {failed[d.id]}", internal=True)
             if d.id in failed else d for d in found]
    kept = [d.drill for d in found if d.ok and d.drill.exercises]
    return [sheet, key,
            write_atomically(folder / MARKDOWN_NAME, markdown(title, kept)),
            write_atomically(folder / JSON_NAME, json.dumps(as_json(title, kept), indent=2)
                             + "\n")], found


def sheet_links(out: Path) -> dict[str, dict[str, str]]:
    """Each lesson's worksheet and key, as links into the PDFs of ``out`` (from its
    practice.json; none when there is no sheet yet)."""
    listing = out / FOLDER / JSON_NAME
    if not listing.is_file():
        return {}
    written = json.loads(listing.read_text(encoding="utf-8"))
    slug = course_slug(written["course"])
    return {e["lesson"]: {
        "worksheet": f"{FOLDER}/{slug}.pdf#lesson-{e['lesson']}",
        "answer key": f"{FOLDER}/{slug}-answers.pdf#lesson-{e['lesson']}"}
        for e in written["exercises"]}


def course_slug(title: str) -> str:
    """``Calculus, seen`` -> ``calculus-seen``: the PDFs' file name."""
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-") or "course"


def as_json(title: str, kept: list[Drill]) -> dict:
    """practice.json: every exercise with its lesson's fields, statement and answer."""
    return {"course": title, "exercises": [
        {"lesson": d.lesson.id, "kind": d.lesson.kind, "number": e.number,
         "lesson_fields": lesson_fields(e), "problem": plain_lines(e.problem()),
         "answer": e.analysis.to_json()}
        for d in kept for e in d.exercises]}


def lesson_fields(e: Exercise) -> dict:
    """The exercise as a lesson of its kind would be written in a course file."""
    return e.lesson.model_dump(mode="json", exclude_none=True,
                               exclude={"practice", "narration"})


def plain_lines(lines) -> str:  # noqa: ANN001 (lines of text and tables)
    return " ".join(line for line in lines if isinstance(line, str))


def markdown(title: str, kept: list[Drill]) -> str:
    """The sheet and its answers in Markdown with $...$ math, for a course page."""
    def block(line) -> str:  # noqa: ANN001
        if not isinstance(line, Table):
            return line
        rows = [line.header, tuple("---" for _ in line.header), *line.rows]
        return "\n".join("| " + " | ".join(row) + " |" for row in rows)

    parts = [f"# {title}: practice", ""]
    for d in kept:
        parts += [f"## {d.lesson.heading()}", ""]
        parts += [f"{e.number}. " + " ".join(e.problem()) for e in d.exercises]
        parts.append("")
    parts += ["# Answers", ""]
    for d in kept:
        parts += [f"## {d.lesson.heading()}", ""]
        for e in d.exercises:
            parts += [f"**{e.number}.**", ""]
            parts += [block(line) + "\n" for line in e.worked()]
    return "\n".join(parts).rstrip() + "\n"


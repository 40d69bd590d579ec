"""The command line: calcreel check | render | preview | practice | watch | list | voice.

Errors are one line, a traceback only with --debug. The exit statuses are those of
scripts.errors: 0 all well, 1 a render failed, 2 bad input, 130 interrupted.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from scenes.layout import LAYOUTS, LECTURE
from scripts.errors import BAD_INPUT, INTERRUPTED, OK, RENDER_FAILED, ConfigError
from scripts.quality import QUALITIES

if TYPE_CHECKING:
    from scripts.config import LoadedCourse



def main(argv: list[str] | None = None) -> int:
    from scripts import guard

    args = parser().parse_args(argv)
    guard.debug = args.debug
    try:
        return args.run(args)
    except ConfigError as err:
        if args.debug:
            raise
        print(f"error: {err}", file=sys.stderr)
        return BAD_INPUT
    except KeyboardInterrupt:
        print("interrupted; finished outputs are intact", file=sys.stderr)
        return INTERRUPTED


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="calcreel", description=__doc__.splitlines()[0])
    top.add_argument("--debug", action="store_true", help="show tracebacks")
    commands = top.add_subparsers(dest="command", required=True)

    check = commands.add_parser("check", help="analyse the lessons, render nothing")
    _config_argument(check)
    check.add_argument("--json", action="store_true", help="one JSON object on stdout")
    _lesson_argument(check)
    check.set_defaults(run=run_check)

    voice = commands.add_parser("voice", help="your own takes: the recording script")
    voice_commands = voice.add_subparsers(dest="voice_command", required=True)
    script = voice_commands.add_parser(
        "script", help="write each beat's words and the file name to save its take as")
    _config_argument(script)
    _lesson_argument(script)
    script.add_argument("--out", type=Path, help="default: <output>/recording-script.md")
    script.set_defaults(run=run_voice_script)

    render = commands.add_parser("render", help="render the course's videos")
    _config_argument(render)
    _lesson_argument(render)
    _quality_argument(render)
    _shape_argument(render)
    _job_arguments(render)
    render.add_argument("--lecture", action="store_true",
                        help=f"also join the {LECTURE.shape} videos into lecture.mp4, a "
                             "chapter per lesson")
    render.add_argument("--slides", action="store_true",
                        help="also write slides/<lesson>.html and slides/course.html: the "
                             f"{LECTURE.shape} videos, paused at the end of every beat")
    render.add_argument("--one-file", action="store_true",
                        help="write the slides with the videos inside the pages, so that each "
                             "page is one file to send or carry")
    render.set_defaults(run=run_render)

    preview = commands.add_parser("preview", help="a still of every beat, no video")
    _config_argument(preview)
    _lesson_argument(preview)
    _quality_argument(preview, default="draft")
    _shape_argument(preview)
    preview.add_argument("--out", type=Path, help="folder for the stills "
                         "(default: <output>/stills)")
    preview.set_defaults(run=run_preview)

    practice = commands.add_parser(
        "practice", help="write the worksheet, its answer key, practice.md and practice.json")
    _config_argument(practice)
    _lesson_argument(practice)
    practice.set_defaults(run=run_practice)

    watch = commands.add_parser("watch", help="re-render whenever the course file is saved")
    _config_argument(watch)
    _lesson_argument(watch)
    _quality_argument(watch)
    _shape_argument(watch)
    _job_arguments(watch)
    watch.set_defaults(run=run_watch)

    listing = commands.add_parser("list", help="list the course's lessons, or the kinds")
    _config_argument(listing)
    listing.add_argument("--kinds", action="store_true", help="list lesson kinds and beats")
    listing.set_defaults(run=run_list)

    schema = commands.add_parser("schema", help="print the JSON Schema of a course file")
    schema.set_defaults(run=run_schema)
    return top


def _job_arguments(command: argparse.ArgumentParser) -> None:
    command.add_argument("--force", action="store_true",
                         help="render every job, even those already up to date")
    command.add_argument("--jobs", type=_positive, default=os.cpu_count() or 1, metavar="N",
                         help="jobs at once, each in its own process (default: cores)")
    command.add_argument("--executor", choices=("local", "dask"), default="local",
                         help="local processes, or a Dask cluster (see README)")
    command.add_argument("--scheduler", metavar="tcp://HOST:PORT",
                         help="the Dask scheduler's address, with --executor dask")


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number >= 1, got {text}")
    return value


def _lesson_argument(command: argparse.ArgumentParser) -> None:
    command.add_argument("--lesson", action="append", default=[], metavar="ID",
                         help="only this lesson (repeatable)")


def _quality_argument(command: argparse.ArgumentParser, default: str | None = None) -> None:
    command.add_argument("--quality", choices=list(QUALITIES), default=default,
                         help=f"default: {default}" if default else "overrides course.quality")


def _shape_argument(command: argparse.ArgumentParser) -> None:
    command.add_argument("--shape", action="append", default=[], choices=list(LAYOUTS),
                         help="only this shape (repeatable); overrides the config's shapes")


def _config_argument(command: argparse.ArgumentParser) -> None:
    command.add_argument("config", nargs="?", default="config.yaml", type=Path,
                         help="the course file (default: config.yaml)")


def _load(args: argparse.Namespace) -> LoadedCourse:
    from scripts.config import load_course

    loaded = load_course(args.config)
    loaded.require(getattr(args, "lesson", []))
    return loaded


def run_check(args: argparse.Namespace) -> int:
    from scripts.pipeline import analyse, check_clips
    from scripts.practice import drills, shortfall

    loaded = _load(args)
    results = check_clips(analyse(loaded, args.lesson), loaded)
    everything = sorted([*results, *loaded.refusals(args.lesson)], key=lambda r: r.index)
    for r in results:
        for warning in r.warnings:
            print(f"warning: {loaded.where(r.index)} '{r.id}': {warning}", file=sys.stderr)
    analysed = [r.id for r in results if r.ok]
    for d in drills(loaded, analysed, explicit=True) if analysed else []:
        if not d.ok:
            print(f"warning: {d.error}", file=sys.stderr)
        elif warning := shortfall(d.drill):
            print(f"warning: {loaded.where(d.index)} '{d.id}': {warning}", file=sys.stderr)
    if args.json:
        print(json.dumps({"config": str(args.config),
                          "lessons": [r.to_json() for r in everything]}, indent=2))
    else:
        for r in everything:
            print(f"{r.id} ({r.kind})")
            if r.ok:
                print("  " + r.report.replace("\n", "\n  "))
            else:
                print(f"  error: {r.error}")
    return report_errors(everything)


def report_errors(results) -> int:  # noqa: ANN001 (Analysed and Refused alike)
    """Print each lesson's error on stderr; the exit status they make: OK when there are
    none, RENDER_FAILED when calcreel itself failed on one, else BAD_INPUT."""
    for r in results:
        if not r.ok:
            print(f"error: {r.error}", file=sys.stderr)
    if any(r.internal for r in results):
        return RENDER_FAILED
    return OK if all(r.ok for r in results) else BAD_INPUT


def run_voice_script(args: argparse.Namespace) -> int:
    from scripts.files import write_atomically
    from scripts.recording_script import recording_script

    loaded = _load(args)
    text, results = recording_script(loaded, args.lesson)
    target = args.out or loaded.output_dir / "recording-script.md"
    write_atomically(target, text)
    print(target)
    return report_errors(sorted([*results, *loaded.refusals(args.lesson)],
                                key=lambda r: r.index))


def run_render(args: argparse.Namespace) -> int:
    from rich.console import Console

    from scripts.build import render_course

    return render_course(args.config, render_options(args), Console())


def run_watch(args: argparse.Namespace) -> int:
    from rich.console import Console

    from scripts.watch import watch

    return watch(args.config, render_options(args), Console())


def render_options(args: argparse.Namespace):
    from scripts.build import RenderOptions

    if args.executor == "dask" and not args.scheduler:
        raise ConfigError(args.config, 0, "--scheduler",
                          "--executor dask needs --scheduler tcp://HOST:PORT")
    one_file = getattr(args, "one_file", False)  # implies --slides
    return RenderOptions(lessons=tuple(args.lesson), quality=args.quality,
                         shapes=tuple(args.shape), lecture=getattr(args, "lecture", False),
                         slides=getattr(args, "slides", False) or one_file,
                         one_file=one_file,
                         force=args.force, jobs=args.jobs, executor=args.executor,
                         scheduler=args.scheduler)


def run_preview(args: argparse.Namespace) -> int:
    import tempfile
    from dataclasses import replace

    from scripts.guard import LessonGuard
    from scripts.pipeline import analyse, log_path, plan, with_analyses
    from scripts.render import stills

    loaded = _load(args)
    results = {r.index: r for r in analyse(loaded, args.lesson)}
    out = loaded.output_dir
    folder = args.out or out / "stills"
    for job in with_analyses(plan(loaded, args.quality, args.shape, args.lesson),
                             list(results.values())):
        index = next(i for i, r in results.items() if r.id == job.lesson.id)
        guard = LessonGuard(loaded.where(index), f"previewing the {job.shape} stills",
                            log_path(loaded, "preview", job.lesson.id, job.shape))
        problems: list[str] = []
        with guard, tempfile.TemporaryDirectory() as scratch:
            for path in stills(job, Path(scratch), out / ".cache", folder, problems):
                print(path)
        for problem in problems:  # calcreel's to mend, not the teacher's: a warning
            print(f"warning: {loaded.where(index)}: {job.shape}: layout: {problem}",
                  file=sys.stderr)
        if guard.error:
            results[index] = replace(results[index], error=guard.error,
                                     internal=guard.internal)
    everything = sorted([*results.values(), *loaded.refusals(args.lesson)],
                        key=lambda r: r.index)
    return report_errors(everything)


def run_practice(args: argparse.Namespace) -> int:
    from scripts.files import write_atomically
    from scripts.practice import KEY_NAME, drills, sheet_key, shortfall, up_to_date, write_practice

    loaded = _load(args)
    key = sheet_key(loaded, args.lesson)
    if up_to_date(loaded, key):
        print(f"practice: up to date in {loaded.output_dir / 'practice'}")
        return report_errors(loaded.refusals(args.lesson))
    found = drills(loaded, args.lesson)
    paths, found = write_practice(loaded, found)
    if all(d.ok for d in found):
        write_atomically(loaded.output_dir / "practice" / KEY_NAME, key)
    for d in found:
        if d.ok:
            turned_down = sum(d.drill.rejected.values())
            variants = len(d.drill.variants)
            print(f"{d.id}: {variants} exercises"
                  + (" and a design challenge" if len(d.drill.exercises) > variants else "")
                  + f" ({turned_down} variants turned down) in {d.drill.seconds:.1f} s")
            if warning := shortfall(d.drill):
                print(f"warning: {loaded.where(d.index)} '{d.id}': {warning}", file=sys.stderr)
    for path in paths:
        print(path)
    return report_errors(sorted([*found, *loaded.refusals(args.lesson)], key=lambda r: r.index))


def run_list(args: argparse.Namespace) -> int:
    from scenes.registry import KINDS

    if args.kinds:
        for kind in KINDS.values():
            print(f"{kind.name}: {kind.summary}")
            print(f"  beats: {', '.join(kind.lesson.played_beats())}")
        return OK
    loaded = _load(args)
    for lesson in loaded.course.lessons:
        print(f"{lesson.id:<24} {lesson.kind:<16} {lesson.heading()}")
    return OK


def run_schema(args: argparse.Namespace) -> int:
    from scripts.config import course_schema

    print(json.dumps(course_schema(), indent=2))
    return OK


if __name__ == "__main__":
    sys.exit(main())

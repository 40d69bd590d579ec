"""The command line: calcreel check | render | list | schema.

Exit status 0 when all went well, 2 for bad input, 1 for a render failure.
Errors are one line; a traceback only with --debug.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from scenes.layout import LAYOUTS
from scripts.config import ConfigError, LoadedCourse, course_schema, load_course
from scripts.quality import QUALITIES

BAD_INPUT, RENDER_FAILED = 2, 1


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.run(args)
    except ConfigError as err:
        if args.debug:
            raise
        print(f"error: {err}", file=sys.stderr)
        return BAD_INPUT
    except KeyboardInterrupt:
        print("interrupted; finished outputs are intact", file=sys.stderr)
        return 130


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="calcreel", description=__doc__.splitlines()[0])
    top.add_argument("--debug", action="store_true", help="show tracebacks")
    commands = top.add_subparsers(dest="command", required=True)

    check = commands.add_parser("check", help="analyse the lessons, render nothing")
    _config_argument(check)
    check.add_argument("--json", action="store_true", help="one JSON object on stdout")
    check.add_argument("--lesson", action="append", default=[], metavar="ID")
    check.set_defaults(run=run_check)

    render = commands.add_parser("render", help="render the course's videos")
    _config_argument(render)
    render.add_argument("--lesson", action="append", default=[], metavar="ID",
                        help="only this lesson (repeatable)")
    render.add_argument("--quality", choices=list(QUALITIES),
                        help="overrides course.quality")
    _shape_argument(render)
    render.set_defaults(run=run_render)

    preview = commands.add_parser("preview", help="a still of every beat, no video")
    _config_argument(preview)
    preview.add_argument("--lesson", action="append", default=[], metavar="ID")
    preview.add_argument("--quality", choices=list(QUALITIES), default="draft")
    _shape_argument(preview)
    preview.add_argument("--out", type=Path, help="folder for the stills "
                         "(default: <output>/stills)")
    preview.set_defaults(run=run_preview)

    listing = commands.add_parser("list", help="list the course's lessons, or the kinds")
    _config_argument(listing)
    listing.add_argument("--kinds", action="store_true", help="list lesson kinds and beats")
    listing.set_defaults(run=run_list)

    schema = commands.add_parser("schema", help="print the JSON Schema of a course file")
    schema.set_defaults(run=run_schema)
    return top


def _shape_argument(command: argparse.ArgumentParser) -> None:
    command.add_argument("--shape", action="append", default=[], choices=list(LAYOUTS),
                         help="only this shape (repeatable); overrides the config's shapes")


def _config_argument(command: argparse.ArgumentParser) -> None:
    command.add_argument("config", nargs="?", default="config.yaml", type=Path,
                         help="the course file (default: config.yaml)")


def _load(args: argparse.Namespace) -> LoadedCourse:
    loaded = load_course(args.config)
    known = {lesson.id for lesson in loaded.course.lessons}
    for wanted in getattr(args, "lesson", []):
        if wanted not in known:
            raise ConfigError(args.config, 0, "--lesson",
                              f"no lesson '{wanted}' (lessons: {', '.join(sorted(known))})")
    return loaded


def run_check(args: argparse.Namespace) -> int:
    from scenes.registry import KINDS
    from scripts.pipeline import analyse, check_clips

    loaded = _load(args)
    results = check_clips(analyse(loaded, args.lesson), loaded)
    if args.json:
        print(json.dumps({"config": str(args.config),
                          "lessons": [r.to_json() for r in results]}, indent=2))
    else:
        for r in results:
            print(f"{r.lesson.id} ({r.lesson.kind})")
            if r.ok:
                print("  " + KINDS[r.lesson.kind].report(r.analysis).replace("\n", "\n  "))
            else:
                print(f"  error: {r.error}")
    for r in results:
        if not r.ok:
            print(f"error: {r.error}", file=sys.stderr)
    return 0 if all(r.ok for r in results) else BAD_INPUT


def run_render(args: argparse.Namespace) -> int:
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    from scripts.pipeline import analyse, plan, render_jobs, write_manifest

    loaded = _load(args)
    quality = args.quality or loaded.course.course.quality
    results = analyse(loaded, args.lesson)
    for r in results:
        if not r.ok:
            print(f"error: {r.error}", file=sys.stderr)
    jobs = plan(results, loaded, quality, args.shape)
    out = loaded.output_dir
    failures = []
    started = time.perf_counter()
    columns = (TextColumn("{task.description}"), BarColumn(), TextColumn("{task.completed}/"
               "{task.total} videos"), TimeElapsedColumn())
    with Progress(*columns, transient=False) as progress:
        task = progress.add_task(f"rendering at {quality}", total=len(jobs))

        def done(job, output, error):
            if error:
                failures.append(f"{job.name}: {error}")
                progress.console.print(f"[red]failed[/red] {job.name}: {error}")
            else:
                progress.console.print(f"{output.file}  {output.seconds:.1f} s of video"
                                       f" in {output.render_seconds:.1f} s")
            progress.advance(task)

        outputs = render_jobs(jobs, out, done)
    if outputs:
        write_manifest(out, outputs)
    print(f"{len(outputs)} video(s) in {out} ({time.perf_counter() - started:.1f} s)")
    for failure in failures:
        print(f"error: {failure}", file=sys.stderr)
    if failures:
        return RENDER_FAILED
    return 0 if all(r.ok for r in results) else BAD_INPUT


def run_preview(args: argparse.Namespace) -> int:
    import tempfile

    from scripts.pipeline import analyse, plan
    from scripts.render import stills

    loaded = _load(args)
    results = analyse(loaded, args.lesson)
    out = loaded.output_dir
    folder = args.out or out / "stills"
    for job in plan(results, loaded, args.quality, args.shape):
        with tempfile.TemporaryDirectory() as scratch:
            for path in stills(job, Path(scratch), out / ".cache", folder):
                print(path)
    for r in results:
        if not r.ok:
            print(f"error: {r.error}", file=sys.stderr)
    return 0 if all(r.ok for r in results) else BAD_INPUT


def run_list(args: argparse.Namespace) -> int:
    from scenes.registry import KINDS

    if args.kinds:
        for kind in KINDS.values():
            print(f"{kind.name}: {kind.summary}")
            print(f"  beats: {', '.join(kind.lesson.beats)}")
        return 0
    loaded = _load(args)
    for lesson in loaded.course.lessons:
        print(f"{lesson.id:<24} {lesson.kind:<16} {lesson.heading()}")
    return 0


def run_schema(args: argparse.Namespace) -> int:
    print(json.dumps(course_schema(), indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Benchmarks: render the course at several qualities, write figures to JSON.

    python scripts/bench.py --config config.yaml --out bench.json [--quality draft high]

Per lesson: analysis seconds, render seconds, seconds of video, frames and
frames rendered per second of wall time. Kept out of the test suite.
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scripts.config import load_course  # noqa: E402
from scripts.pipeline import analyse, plan, run_job  # noqa: E402
from scripts.quality import QUALITIES  # noqa: E402


def bench_quality(config: Path, quality: str) -> dict:
    """Render every lesson at ``quality`` into a scratch folder and time it."""
    loaded = load_course(config)
    analysed = analyse(loaded)
    lessons = {}
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as scratch:
        for job in plan(analysed, loaded, quality):
            output = run_job(job, Path(scratch))
            frames = round(output.seconds * job.quality.fps)
            lessons[job.lesson.id] = {
                "render_seconds": output.render_seconds,
                "video_seconds": output.seconds,
                "frames": frames,
                "frames_per_second": round(frames / output.render_seconds, 2),
                "realtime_factor": round(output.seconds / output.render_seconds, 3),
            }
    total = time.perf_counter() - started
    video = sum(v["video_seconds"] for v in lessons.values())
    return {"lessons": lessons, "total_seconds": round(total, 2),
            "video_seconds": round(video, 2), "realtime_factor": round(video / total, 3)}


def bench_check(config: Path) -> dict:
    """Seconds of mathematics per lesson, as `calcreel check` spends them."""
    return {a.lesson.id: round(a.seconds, 3) for a in analyse(load_course(config))}


def main() -> int:
    cli = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    cli.add_argument("--config", type=Path, default=Path("config.yaml"))
    cli.add_argument("--out", type=Path, default=Path("bench.json"))
    cli.add_argument("--quality", nargs="+", default=["draft", "high"], choices=list(QUALITIES))
    args = cli.parse_args()
    figures = {
        "machine": {"python": platform.python_version(), "cpus": _cpus()},
        "check_seconds": bench_check(args.config),
        "render": {},
    }
    for quality in args.quality:
        print(f"rendering the course at {quality} ...", flush=True)
        figures["render"][quality] = bench_quality(args.config, quality)
        args.out.write_text(json.dumps(figures, indent=2) + "\n")
    print(json.dumps(figures, indent=2))
    return 0


def _cpus() -> int:
    import os

    return os.cpu_count() or 1


if __name__ == "__main__":
    sys.exit(main())

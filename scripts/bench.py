"""Benchmarks, measured in one run and written to bench.json (never in the tests).

    python scripts/bench.py --config config.yaml --out bench.json

Every render goes through the real ``calcreel render`` in a scratch copy of the
course, so the figures include process start, planning and publishing:

- ``check_seconds``: the mathematics of each lesson;
- ``shapes``: the course at draft in each shape with ``--jobs 2``: wall time,
  seconds of video, realtime factor, peak memory of the process tree (PSS);
- ``high``: the course at high (1080p60), landscape, ``--jobs 2``;
- ``jobs``: draft landscape with ``--jobs 1`` against ``--jobs 2``;
- ``rebuild``: a no-op rebuild, a one-lesson edit and a one-beat edit (a caption)
  of the draft and the high render, each against that lesson's own render time;
- ``surface``: Manim's ``Surface`` against ``FastSurface`` at 1080p, frames per
  second and SSIM of matching frames;
- ``make_render``: what ``make render`` does (practice sheets, then the course in its
  shapes at its quality with the lecture and the slides) from an empty output folder;
  ``make_render_target_course``: the same for the course as it was when the target
  was set (``TARGET_COURSE``);
- ``kinds``, ``encoder``, ``cairo_fill``, ``baseline``: this renderer against the
  reference one and the machine's limits (``scripts/bench_speed.py``);
- ``voice``: a few lessons at draft, landscape, silent against ``voice: tts`` with
  music (render seconds added per lesson, loudness of each video), a sound-only change
  (new music: re-muxed) against the full voiced render, and the word error rate of each
  speech engine on those lessons' beats, as pocketsphinx hears them.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil
import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def render(config: Path, *args: str, source: Path = ROOT, step: str = "render") -> dict:
    """Run ``calcreel render`` (or another ``step``) of the calcreel in ``source`` and
    measure wall time and the tree's peak memory."""
    command = [sys.executable, "-m", "scripts.cli", step, str(config), *args]
    started = time.perf_counter()
    process = psutil.Popen(command, cwd=source, stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, text=True)
    peak = 0
    while process.poll() is None:
        peak = max(peak, _tree_memory(process))
        time.sleep(0.2)
    wall = time.perf_counter() - started
    output = process.stdout.read()
    if process.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{output}")
    return {"wall_seconds": round(wall, 2), "peak_pss_mb": round(peak / 2**20, 1),
            "log": output.strip().splitlines()[-1]}


def _tree_memory(process: psutil.Process) -> int:
    """Bytes resident in the process tree, each shared page counted once (PSS): forked
    workers share the parent's pages, which a sum of RSS would count again per worker."""
    total = 0
    for member in [process, *process.children(recursive=True)]:
        try:
            total += member.memory_full_info().pss
        except psutil.Error:
            pass
    return total


def course_copy(config: Path, folder: Path, **settings) -> Path:
    """A copy of the course in ``folder`` with some course settings changed."""
    data = yaml.safe_load(config.read_text())
    data.setdefault("course", {}).update({"output": "out", **settings})
    folder.mkdir(parents=True, exist_ok=True)
    copy = folder / "course.yaml"
    copy.write_text(yaml.safe_dump(data, sort_keys=False))
    return copy


def videos(config: Path) -> dict:
    """Per video: render seconds, seconds of video, frames per second of wall time."""
    from scripts.manifest import Manifest
    from scripts.quality import QUALITIES

    return {f"{e.shape}/{e.lesson}": {
        "render_seconds": e.render_seconds, "video_seconds": e.seconds,
        "frames_per_second": round(e.seconds * QUALITIES[e.quality].fps / e.render_seconds, 1),
    } for e in Manifest.read(config.parent / "out")}


def course_render(config: Path, scratch: Path, name: str, *args: str, **settings) -> dict:
    copy = course_copy(config, scratch / name, **settings)
    figures = render(copy, *args)
    per_video = videos(copy)
    video = sum(v["video_seconds"] for v in per_video.values())
    return figures | {"video_seconds": round(video, 2),
                      "realtime_factor": round(video / figures["wall_seconds"], 3),
                      "videos": per_video}


def bench_rebuilds(scratch: Path, built: Path, shape: str) -> dict:
    """No-op, one-lesson and one-beat edits of an already rendered course."""
    copy = scratch / f"rebuild-{built.name}"
    shutil.copytree(built, copy)
    course = copy / "course.yaml"
    noop = render(course, "--jobs", "2")
    data = yaml.safe_load(course.read_text())
    lesson = data["lessons"][-1]
    own = videos(course)[f"{shape}/{lesson['id']}"]["render_seconds"]
    lesson["title"] = "An edited title"
    course.write_text(yaml.safe_dump(data, sort_keys=False))
    one_lesson = render(course, "--jobs", "2")
    lesson.setdefault("narration", {})["closing"] = "An edited closing caption."
    course.write_text(yaml.safe_dump(data, sort_keys=False))
    one_beat = render(course, "--jobs", "2")
    return {
        "lesson": lesson["id"], "lesson_render_seconds": own,
        "noop_seconds": noop["wall_seconds"],
        "one_lesson_edit_seconds": one_lesson["wall_seconds"],
        "one_lesson_edit_ratio": round(one_lesson["wall_seconds"] / own, 3),
        "one_beat_edit_seconds": one_beat["wall_seconds"],
        "one_beat_edit_ratio": round(one_beat["wall_seconds"] / own, 3),
    }


VOICE_LESSONS = ("cubic-extrema", "mean-value", "circle")
ENGINE_VOICES = (("flite", "awb"), ("flite", "rms"), ("flite", "slt"), ("festival", None),
                 ("espeak-ng", None))


def bench_voice(config: Path, scratch: Path) -> dict:
    """Silent against voiced renders, a sound-only re-mux, and the engines' WER."""
    from scripts.listen import transcribe, word_error_rate, words
    from scripts.sound import loudness
    from scripts.speak import synthesize

    def tone(path: Path, pitch: int) -> None:
        subprocess.run(["ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i",
                        f"sine=frequency={pitch}:duration=20", str(path)], check=True)

    def lesson_copy(name: str, **settings) -> Path:
        copy = course_copy(config, scratch / name, quality="draft", shapes=["landscape"],
                           **settings)
        data = yaml.safe_load(copy.read_text())
        data["lessons"] = [lesson for lesson in data["lessons"] if lesson["id"] in VOICE_LESSONS]
        copy.write_text(yaml.safe_dump(data, sort_keys=False))
        return copy

    silent = lesson_copy("voice-silent")
    render(silent, "--jobs", "2")
    voiced = lesson_copy("voice-tts", voice="tts", music="music.wav")
    tone(voiced.parent / "music.wav", 220)
    full = render(voiced, "--jobs", "2")
    tone(voiced.parent / "music.wav", 330)
    remux = render(voiced, "--jobs", "2")
    before, after = videos(silent), videos(voiced)
    checked = subprocess.run([sys.executable, "-m", "scripts.cli", "check", str(voiced),
                              "--json"], cwd=ROOT, capture_output=True, text=True, check=True)
    said = [text for lesson in json.loads(checked.stdout)["lessons"]
            for text in (lesson["spoken"] or {}).values()]
    rates = {}
    for engine, voice in ENGINE_VOICES:
        errors = sum(word_error_rate(text, transcribe(synthesize(
            text, scratch / "speech", engine, voice))) * len(words(text)) for text in said)
        rates[f"{engine} {voice or 'default'}"] = round(
            errors / sum(len(words(text)) for text in said), 3)
    return {
        "lessons": list(VOICE_LESSONS),
        "added_render_seconds": {name: round(after[name]["render_seconds"]
                                             - before[name]["render_seconds"], 2)
                                 for name in after},
        "video_seconds": {name: [before[name]["video_seconds"], after[name]["video_seconds"]]
                          for name in after},
        "loudness": {name: vars(loudness(voiced.parent / "out" / f"{name}.mp4"))
                     for name in after},
        "voiced_render_seconds": full["wall_seconds"],
        "sound_only_remux_seconds": remux["wall_seconds"],
        "remux_ratio": round(remux["wall_seconds"] / full["wall_seconds"], 3),
        "word_error_rates": rates, "beats": len(said),
    }


def bench_surface(frames: int = 24) -> dict:
    """Stock Surface against FastSurface, 16x16 at 1920x1080, the camera turning."""
    import numpy as np
    from manim import DEGREES, Surface, ThreeDAxes, ThreeDScene, tempconfig

    from scenes.camera import LANDSCAPE_VIEW, LessonCamera
    from scenes.fast_surface import FastSurface
    from scenes.layout import LECTURE
    from scripts.quality import QUALITIES
    from scripts.render import frame_settings
    from scripts.similarity import ssim

    colours = ["#1B2A6B", "#1F6F8B", "#3FA66B", "#D9C36A"]

    def height(u, v):
        return u**2 - v**2 + 0.3 * np.sin(2 * u)

    def run(fast: bool) -> tuple[float, list]:
        with tempconfig(frame_settings(LECTURE.shape, QUALITIES["high"], "dark")):
            scene = ThreeDScene(camera_class=LessonCamera)
            axes = ThreeDAxes(x_range=[-2, 2, 1], y_range=[-2, 2, 1], z_range=[-4, 4, 2],
                              x_length=5.6, y_length=5.6, z_length=3.4)
            if fast:
                xs = np.linspace(-2, 2, 17)
                gx, gy = np.meshgrid(xs, xs)
                surface = FastSurface.from_heights(axes, xs, xs, height(gx, gy),
                                                   fill_opacity=0.9, stroke_width=0.4)
            else:
                surface = Surface(lambda u, v: axes.c2p(u, v, height(u, v)), u_range=[-2, 2],
                                  v_range=[-2, 2], resolution=(16, 16), fill_opacity=0.9,
                                  stroke_width=0.4)
            surface.set_fill_by_value(axes=axes, colorscale=colours, axis=2)
            scene.add(surface)
            images, started = [], time.perf_counter()
            for i in range(frames):
                scene.set_camera_orientation(phi=LANDSCAPE_VIEW.phi,
                                             theta=LANDSCAPE_VIEW.theta + 3 * i * DEGREES)
                scene.renderer.camera.reset_rotation_matrix()
                scene.renderer.update_frame(scene)
                if i % 8 == 0:
                    images.append(np.asarray(scene.renderer.camera.get_image().convert("RGB")))
            return frames / (time.perf_counter() - started), images

    stock_fps, stock = run(False)
    fast_fps, fast = run(True)
    scores = [ssim(a, b) for a, b in zip(stock, fast)]
    return {"stock_fps": round(stock_fps, 2), "fast_fps": round(fast_fps, 2),
            "speedup": round(fast_fps / stock_fps, 2), "ssim_min": round(min(scores), 4),
            "ssim": [round(s, 4) for s in scores]}


def bench_make_render(config: Path, scratch: Path, name: str = "make-render") -> dict:
    """``make render`` on a copy of the course, from an empty output folder."""
    copy = course_copy(config, scratch / name)
    practice = render(copy, step="practice")
    course = render(copy, "--lecture", "--slides")
    per_video = videos(copy)
    return {"wall_seconds": round(practice["wall_seconds"] + course["wall_seconds"], 2),
            "practice_seconds": practice["wall_seconds"],
            "render_seconds": course["wall_seconds"], "peak_pss_mb": course["peak_pss_mb"],
            "videos": len(per_video),
            "video_seconds": round(sum(v["video_seconds"] for v in per_video.values()), 2)}


# The default course when make render's 4-minute target was set (issue 15): 13 lessons,
# silent, 1,208 s of video in three shapes. The course has since grown (lessons, voice,
# practice sheets); rendering this one too keeps the target's own measure visible.
TARGET_COURSE = "de94de3"


def target_course(scratch: Path) -> Path | None:
    """That course's file, from the repository's history (None in a clone without it)."""
    shown = subprocess.run(["git", "-C", str(ROOT), "show", f"{TARGET_COURSE}:config.yaml"],
                           capture_output=True, text=True)
    if shown.returncode != 0:
        return None
    path = scratch / "target-course.yaml"
    path.write_text(shown.stdout)
    return path


def bench_check(config: Path) -> dict:
    """Seconds of mathematics per lesson, as ``calcreel check`` spends them."""
    from scripts.config import load_course
    from scripts.pipeline import analyse

    return {a.lesson.id: round(a.seconds, 3) for a in analyse(load_course(config))}


def bench_refusals(folder: Path = ROOT / "tests" / "bad_configs") -> dict:
    """Seconds to refuse each hostile or broken course file, as ``calcreel check`` does
    (the tests check what is said; how fast belongs here)."""
    import contextlib
    import io

    from scripts.cli import main as calcreel

    seconds = {}
    for case in sorted(folder.glob("*.yaml")):
        started = time.perf_counter()
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            calcreel(["check", str(case)])
        seconds[case.stem] = time.perf_counter() - started
    slowest = max(seconds, key=seconds.get)
    return {"cases": len(seconds), "slowest": slowest,
            "slowest_seconds": round(seconds[slowest], 3),
            "total_seconds": round(sum(seconds.values()), 3)}


def main() -> int:
    from scenes.layout import LAYOUTS, LECTURE
    from scripts import bench_speed as speed
    from scripts.errors import OK

    cli = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    cli.add_argument("--config", type=Path, default=ROOT / "config.yaml")
    cli.add_argument("--out", type=Path, default=ROOT / "bench.json")
    cli.add_argument("--keep", type=Path, help="render into this folder and keep it "
                     "(default: a temporary folder)")
    cli.add_argument("--skip", nargs="*", default=[],
                     choices=["shapes", "high", "jobs", "rebuild", "surface", "voice",
                              "make_render", "kinds", "encoder", "cairo_fill", "baseline"])
    args = cli.parse_args()
    config = args.config.resolve()
    figures: dict = {"machine": {"python": platform.python_version(),
                                 "cpus": os.cpu_count() or 1, "date": time.strftime("%F")},
                     "check_seconds": bench_check(config),
                     "refusals": bench_refusals()}

    def save(name: str, value) -> None:
        figures[name] = value
        args.out.write_text(json.dumps(figures, indent=2) + "\n")
        print(f"{name}: done", flush=True)

    lecture = LECTURE.shape  # the jobs, high and rebuild figures: the lecture's videos
    with tempfile.TemporaryDirectory() as folder:
        scratch = args.keep.resolve() if args.keep else Path(folder)
        if "cairo_fill" not in args.skip:
            save("cairo_fill", speed.bench_cairo_fill())
        if "baseline" not in args.skip:
            save("baseline", speed.bench_baseline(scratch))
        if "kinds" not in args.skip:
            save("kinds", speed.bench_kinds(config, scratch))
        if "encoder" not in args.skip:
            made = sorted((scratch / "kinds-reference" / "out" / lecture).glob("*.mp4"))
            save("encoder", speed.bench_encoder(
                [v for v in made if v.stem in ("saddle", "mean-value")] or made[:2]))
        if "make_render" not in args.skip:
            save("make_render", bench_make_render(config, scratch))
            if (then := target_course(scratch)) is not None:
                save("make_render_target_course", bench_make_render(
                    then, scratch, "make-render-target-course") | {"commit": TARGET_COURSE})
        if "surface" not in args.skip:
            save("surface", bench_surface())
        if "shapes" not in args.skip:
            save("shapes", {shape: course_render(config, scratch, f"draft-{shape}", "--jobs",
                                                 "2", quality="draft", shapes=[shape])
                            for shape in LAYOUTS})
        if "jobs" not in args.skip:
            one = course_render(config, scratch, "jobs-1", "--jobs", "1", quality="draft",
                                shapes=[lecture])
            two = figures.get("shapes", {}).get(lecture) or course_render(
                config, scratch, "jobs-2", "--jobs", "2", quality="draft", shapes=[lecture])
            save("jobs", {"jobs_1_seconds": one["wall_seconds"],
                          "jobs_2_seconds": two["wall_seconds"],
                          "speedup": round(one["wall_seconds"] / two["wall_seconds"], 3)})
        if "high" not in args.skip:
            save("high", course_render(config, scratch, "high", "--jobs", "2", quality="high",
                                       shapes=[lecture]))
        if "rebuild" not in args.skip:
            save("rebuild", {name: bench_rebuilds(scratch, scratch / name, lecture)
                             for name in (f"draft-{lecture}", "high")
                             if (scratch / name).is_dir()})
        if "voice" not in args.skip:
            save("voice", bench_voice(config, scratch))
    print(json.dumps(figures, indent=2))
    return OK


if __name__ == "__main__":
    sys.exit(main())

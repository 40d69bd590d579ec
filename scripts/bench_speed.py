"""The speed benchmarks of ``scripts/bench.py``: this renderer against the reference
renderer, the encoder's choices, and the machine's limits.

- ``kinds``: every lesson at high (1080p60), landscape, one job: frames per second,
  and the slowest 3D and 2D lessons against their targets; the first lesson of each
  kind also drawn by the reference renderer (``REFERENCE``, the commit before the fast
  paths: Manim's encoder settings, a held frame encoded once per frame, Manim's 3D axes,
  no layer): speed-up, file sizes, and the SSIM of frames sampled at the same times of
  both videos.
- ``encoder``: x264's presets at the chosen CRF, and other CRFs and a tune, on frames
  of the course's own videos: encode-only throughput, size and SSIM against the
  frames encoded.
- ``cairo_fill``: raw Cairo throughput for one surface's faces (24 x 24 quads at 1080p),
  filled only and filled and stroked: the floor under a 3D frame.
- ``baseline``: a hand-written stock Manim scene (axes, a 24 x 24 ``Surface``, a fade-in,
  a 4 s orbit at 1080p60) against the same scene with calcreel's fast paths, each a
  whole ``manim render`` process.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import numpy as np
import yaml

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = "0bc25c6"  # main before issue 15: the renderer the fast paths must look like
SAMPLES = 8  # frames compared per video


def frames_at(video: Path, times: list[float]) -> list[np.ndarray]:
    """The RGB frame on screen at each of ``times`` (seconds, increasing)."""
    import av

    shown, pending = [], list(times)
    with av.open(str(video)) as container:
        stream = container.streams.video[0]
        previous = None
        for frame in container.decode(stream):
            while pending and frame.time > pending[0] + 1e-6:
                shown.append(previous.to_ndarray(format="rgb24"))
                pending.pop(0)
            previous = frame
            if not pending:
                break
        shown.extend(previous.to_ndarray(format="rgb24") for _ in pending)
    return shown


def sample_times(seconds: float) -> list[float]:
    """SAMPLES times spread over a video, clear of its ends."""
    return list(np.linspace(0.5, seconds - 0.5, SAMPLES))


def compared(ours: Path, reference: Path, seconds: float) -> dict:
    """SSIM of frames at the same times of two videos, and their sizes."""
    from scripts.similarity import ssim

    times = sample_times(seconds)
    scores = [ssim(a, b) for a, b in zip(frames_at(ours, times), frames_at(reference, times))]
    return {"ssim_min": round(min(scores), 4), "ssim_mean": round(float(np.mean(scores)), 4),
            "bytes": ours.stat().st_size, "reference_bytes": reference.stat().st_size,
            "size_ratio": round(ours.stat().st_size / reference.stat().st_size, 3)}


def kinds_of(config: Path) -> dict[str, str]:
    """Each lesson's kind, in the course's order."""
    return {lesson["id"]: lesson["kind"]
            for lesson in yaml.safe_load(config.read_text())["lessons"]}


def first_of_each_kind(config: Path) -> list[str]:
    seen: dict[str, str] = {}
    for lesson, kind in kinds_of(config).items():
        seen.setdefault(kind, lesson)
    return list(seen.values())


def drawn_in_3d(kind: str) -> bool:
    """Whether the kind's scene is a 3D one (its targets differ)."""
    from manim import ThreeDScene

    from scenes.registry import KINDS

    return issubclass(KINDS[kind].scene, ThreeDScene)


def reference_source(scratch: Path) -> Path:
    """The reference commit's tree, checked out beside the project."""
    folder = scratch / "reference-source"
    if not folder.is_dir():
        subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", str(folder),
                        REFERENCE], check=True, capture_output=True)
    return folder


def bench_kinds(config: Path, scratch: Path) -> dict:
    """Every lesson at high, one job, drawn by this renderer (frames per second against
    the targets: 45 in 3D, 60 in 2D); the first lesson of each kind also by the
    reference renderer (speed-up, SSIM and size)."""
    from scripts.bench import course_copy, render, videos

    kinds, compared_lessons = kinds_of(config), first_of_each_kind(config)
    runs = {}
    source = reference_source(scratch)
    try:
        for name, tree, lessons in (("ours", ROOT, list(kinds)),
                                    ("reference", source, compared_lessons)):
            copy = course_copy(config, scratch / f"kinds-{name}", quality="high",
                               shapes=["landscape"])
            data = yaml.safe_load(copy.read_text())
            data["lessons"] = [lesson for lesson in data["lessons"] if lesson["id"] in lessons]
            copy.write_text(yaml.safe_dump(data, sort_keys=False))
            runs[name] = render(copy, "--jobs", "1", source=tree) | {"videos": videos(copy),
                                                                     "out": copy.parent / "out"}
    finally:
        subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(source)],
                       capture_output=True)
    figures = {}
    for lesson, kind in kinds.items():
        name = f"landscape/{lesson}"
        ours = runs["ours"]["videos"][name]
        figures[lesson] = {"kind": kind, "in_3d": drawn_in_3d(kind),
                           "frames_per_second": ours["frames_per_second"],
                           "video_seconds": ours["video_seconds"]}
        if lesson in compared_lessons:
            reference = runs["reference"]["videos"][name]
            figures[lesson] |= {
                "reference_frames_per_second": reference["frames_per_second"],
                "speedup": round(reference["render_seconds"] / ours["render_seconds"], 2),
            } | compared(runs["ours"]["out"] / f"{name}.mp4",
                         runs["reference"]["out"] / f"{name}.mp4",
                         min(ours["video_seconds"], reference["video_seconds"]))
    slowest = {space: min((f["frames_per_second"], lesson) for lesson, f in figures.items()
                          if f["in_3d"] == (space == "3d")) for space in ("3d", "2d")}
    sampled = [f for f in figures.values() if "ssim_min" in f]
    return {"wall_seconds": runs["ours"]["wall_seconds"],
            "reference_wall_seconds": runs["reference"]["wall_seconds"], "lessons": figures,
            "slowest_3d": {"lesson": slowest["3d"][1], "frames_per_second": slowest["3d"][0],
                           "target": 45},
            "slowest_2d": {"lesson": slowest["2d"][1], "frames_per_second": slowest["2d"][0],
                           "target": 60},
            "ssim_min": min(f["ssim_min"] for f in sampled),
            "size_ratio_max": max(f["size_ratio"] for f in sampled)}


PRESETS = ("medium", "faster", "veryfast", "superfast", "ultrafast")
REPEATS = 3  # encodes per setting: the median is kept (one 240-frame encode is ~4 s)


def bench_encoder(videos: list[Path], frames: int = 240) -> dict:
    """x264 on frames of the course's videos, preset by preset at the chosen CRF, and
    the chosen preset at other CRFs and with tune=animation: encode-only frames per
    second (the median of ``REPEATS`` encodes), kB, and SSIM."""
    import av

    from scripts.encoding import X264_OPTIONS
    from scripts.similarity import ssim

    source = []
    for video in videos:
        with av.open(str(video)) as container:
            for number, frame in enumerate(container.decode(video=0)):
                if number >= frames // len(videos):
                    break
                source.append(frame.to_ndarray(format="rgba"))
    height, width = source[0].shape[:2]
    target = videos[0].parent / "encoder-bench.mp4"
    chosen = X264_OPTIONS
    settings = [chosen | {"preset": p} for p in PRESETS]
    settings += [chosen | {"crf": crf} for crf in ("21", "23") if crf != chosen["crf"]]
    settings.append(chosen | {"tune": "animation"})
    results = {}

    def encode(options: dict) -> float:
        """Seconds to encode the frames into ``target``."""
        started = time.perf_counter()
        with av.open(str(target), "w") as container:
            stream = container.add_stream("libx264", rate=60, options=options)
            stream.pix_fmt, stream.width, stream.height = "yuv420p", width, height
            for number, pixels in enumerate(source):
                frame = av.VideoFrame.from_ndarray(pixels, format="rgba")
                frame.pts = number
                container.mux(stream.encode(frame))
            container.mux(stream.encode())
        return time.perf_counter() - started

    for options in settings:
        seconds = float(np.median([encode(options) for _ in range(REPEATS)]))
        picked = range(0, len(source), len(source) // 6)
        with av.open(str(target)) as encoded:
            decoded = [f.to_ndarray(format="rgb24") for f in encoded.decode(video=0)]
        score = min(ssim(decoded[i], source[i][..., :3]) for i in picked)
        results[" ".join(f"{k}={v}" for k, v in options.items())] = {
            "frames_per_second": round(len(source) / seconds, 1),
            "kilobytes": round(target.stat().st_size / 1e3, 1), "ssim_min": round(score, 4)}
    target.unlink()
    return {"frames": len(source), "size": f"{width}x{height}",
            "chosen": " ".join(f"{k}={v}" for k, v in chosen.items()),
            "settings": results}


def bench_cairo_fill(repeats: int = 60) -> dict:
    """Frames per second of Cairo alone drawing one surface's 576 faces at 1080p."""
    import cairo

    rng = np.random.default_rng(0)
    xs, ys = np.meshgrid(np.linspace(500, 1400, 25), np.linspace(200, 900, 25))
    grid = np.stack([xs + 80 * np.sin(ys / 90), ys], axis=-1)
    faces = [[grid[j, i], grid[j, i + 1], grid[j + 1, i + 1], grid[j + 1, i]]
             for j in range(24) for i in range(24)]
    colours = rng.random((len(faces), 3))
    surface = cairo.ImageSurface(cairo.FORMAT_ARGB32, 1920, 1080)
    ctx = cairo.Context(surface)
    ctx.set_line_width(0.54)

    def draw(stroke: bool) -> float:
        started = time.perf_counter()
        for _ in range(repeats):
            for (a, b, c, d), (r, g, bl) in zip(faces, colours):
                ctx.move_to(*a)
                ctx.line_to(*b)
                ctx.line_to(*c)
                ctx.line_to(*d)
                ctx.close_path()
                ctx.set_source_rgba(r, g, bl, 0.9)
                ctx.set_antialias(cairo.ANTIALIAS_NONE)
                if stroke:
                    ctx.fill_preserve()
                    ctx.set_antialias(cairo.ANTIALIAS_DEFAULT)
                    ctx.stroke()
                else:
                    ctx.fill()
        return repeats / (time.perf_counter() - started)

    fill, both = draw(False), draw(True)
    return {"faces": len(faces), "fill_frames_per_second": round(fill, 1),
            "fill_and_stroke_frames_per_second": round(both, 1),
            "faces_per_second": round(fill * len(faces))}


BASELINE_SCENE = '''
import numpy as np
from manim import *

FAST = {fast}
if FAST:
    from manim.renderer.cairo_renderer import CairoRenderer
    from scenes.camera import LessonCamera
    from scenes.fast_axes import FastAxes
    from scenes.fast_surface import FastSurface
    from scripts.encoding import ENCODERS_IN_FLIGHT, X264_OPTIONS, HeldFrameWriter
    config.video_encoder_options = X264_OPTIONS
    config.max_inflight_encoders = ENCODERS_IN_FLIGHT


class Orbit(ThreeDScene):
    def __init__(self, **kwargs):
        if FAST:
            kwargs["renderer"] = CairoRenderer(file_writer_class=HeldFrameWriter,
                                               camera_class=LessonCamera)
        super().__init__(**kwargs)

    def construct(self):
        Axes3D = FastAxes if FAST else ThreeDAxes
        axes = Axes3D(x_range=[-2, 2, 1], y_range=[-2, 2, 1], z_range=[-4, 4, 2])
        colours = [BLUE_E, TEAL, GREEN, YELLOW]
        if FAST:
            xs = np.linspace(-2, 2, 25)
            gx, gy = np.meshgrid(xs, xs)
            surface = FastSurface.from_heights(axes, xs, xs, gx**2 - gy**2)
        else:
            surface = Surface(lambda u, v: axes.c2p(u, v, u**2 - v**2), u_range=[-2, 2],
                              v_range=[-2, 2], resolution=(24, 24))
        surface.set_fill_by_value(axes=axes, colorscale=colours, axis=2)
        self.set_camera_orientation(phi=64 * DEGREES, theta=-52 * DEGREES)
        self.add(axes)
        self.play(FadeIn(surface), run_time=1)
        self.begin_ambient_camera_rotation(rate=0.3)
        self.wait(4)
        self.stop_ambient_camera_rotation()
        self.wait(1)
'''


def bench_baseline(scratch: Path) -> dict:
    """The hand-written stock Manim scene against the same scene on calcreel's fast
    paths: whole ``manim render -qh`` processes, and the SSIM of their frames."""
    results, outputs = {}, {}
    for name, fast in (("stock", False), ("calcreel", True)):
        folder = scratch / f"baseline-{name}"
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        (folder / "orbit.py").write_text(textwrap.dedent(BASELINE_SCENE.format(fast=fast)))
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "manim", "render", "-qh", "--disable_caching",
                        "--media_dir", str(folder / "media"), str(folder / "orbit.py"), "Orbit"],
                       check=True, capture_output=True, cwd=ROOT,
                       env={**os.environ, "PYTHONPATH": str(ROOT)})
        results[f"{name}_seconds"] = round(time.perf_counter() - started, 2)
        outputs[name] = next((folder / "media").rglob("Orbit.mp4"))
    results["speedup"] = round(results["stock_seconds"] / results["calcreel_seconds"], 2)
    return results | compared(outputs["calcreel"], outputs["stock"], 6.0)

"""Render one job with Manim. The only place that sets Manim's global config."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from scenes.layout import LAYOUTS, TEXT_CANVAS
from scenes.params import LessonBase
from scenes.practice import Exercise
from scenes.registry import KINDS
from scenes.theme import THEMES
from scenes.timeline import Beat, read_timeline, timeline_json
from scenes.voice import SILENT, Voice
from scripts.files import publish, write_atomically
from scripts.keys import job_key
from scripts.narration import Narration, file_digest, narrate, takes_digest, voice_track
from scripts.pacing import Pacing, pace_with_voice
from scripts.quality import Quality
from scripts.sound import master, mix, mux

if TYPE_CHECKING:
    from scenes.base import LessonMixin

WORKER = "CALCREEL_WORKER"  # names a worker process, for its own caches


@dataclass(frozen=True)
class Job:
    """One video to make: a lesson in a shape at a quality."""

    lesson: LessonBase
    analysis: Any
    shape: str
    quality: Quality
    theme: str
    max_seconds: float | None = None  # a clip's longest length; run times scale to fit
    formats: tuple[str, ...] = ()
    voice: Voice = SILENT
    music: Path | None = None  # under the voice
    exercise: Exercise | None = None  # what its your_turn beat poses

    @property
    def has_sound(self) -> bool:
        return self.voice.speaks or self.music is not None

    @property
    def name(self) -> str:
        return f"{self.shape}/{self.lesson.id}"

    @cached_property
    def key(self) -> str:
        """The content key: equal keys make equal files. Worked out once per job: it
        reads the bytes of the lesson's takes and of the music."""
        return job_key(self.lesson.drawn(), self.shape, self.quality.name,
                       self.theme, {"max_seconds": self.max_seconds, "formats": self.formats}
                       | ({"voice": self.voice.model_dump(),
                          "takes": takes_digest(self.voice, self.lesson.id)}
                          if self.voice.speaks else {})
                       | ({"music": file_digest(self.music)} if self.music else {}))


@dataclass(frozen=True)
class Rendered:
    """What a job produced, in its work folder, before publishing."""

    video: Path
    captions: Path | None
    poster: Path
    beats: Path  # the timeline: when each beat starts and ends, and its words
    reused: bool = False  # its frames were those of an earlier render: only its sound changed


def frame_settings(shape: str, quality: Quality, theme: str) -> dict[str, Any]:
    """Manim's config for pictures of a shape at a quality: size, frame, rate, colour,
    and Manim quiet; no files (``manim_settings`` adds a job's)."""
    layout = LAYOUTS[shape]
    width, height = quality.pixels(layout.aspect)
    return {
        "pixel_width": width,
        "pixel_height": height,
        "frame_width": layout.frame_width,
        "frame_height": layout.frame_height,
        "frame_rate": quality.fps,
        "background_color": THEMES[theme].background,
        "disable_caching": True,
        "write_to_movie": False,
        "verbosity": "ERROR",
        "progress_bar": "none",
    }


def manim_settings(job: Job, workdir: Path, cache: Path) -> dict[str, Any]:
    """Manim's config for a job: its frame settings, its folders and its video."""
    from scripts.encoding import ENCODERS_IN_FLIGHT, X264_OPTIONS

    return frame_settings(job.shape, job.quality, job.theme) | {
        "media_dir": str(workdir),
        **{setting: str(folder) for setting, folder in glyph_caches(cache).items()},
        "output_file": job.lesson.id,
        "write_to_movie": True,
        "video_encoder_options": X264_OPTIONS,
        "max_inflight_encoders": ENCODERS_IN_FLIGHT,
    }


def glyph_caches(cache: Path) -> dict[str, Path]:
    """Manim's LaTeX and text caches for this process: one per worker, as two processes
    writing one cache file at once would corrupt it."""
    worker = os.environ.get(WORKER, "main")
    return {"tex_dir": cache / "tex" / worker,
            "text_dir": cache / f"texts-{TEXT_CANVAS}" / worker}


def seed_glyph_caches(cache: Path) -> None:
    """Give this worker's glyph caches the SVGs the other processes have finished: a
    formula is typeset once per render, not once per worker (a lesson's shapes go to
    different workers). Each is copied in whole and renamed into place, not linked, so
    that no other process can change what a worker reads. An SVG not ended by
    ``</svg>`` is still being written, and is left, as is the copy Manim writes beside
    an SVG while it parses it (``<name>_.svg``, deleted at once). One of this worker's
    own that is not ended so was left by a process of its name killed while writing it
    (a worker of a killed render): Manim would take it as typeset and fail to parse
    it, so it is removed, to be typeset again."""
    for folder in glyph_caches(cache).values():
        folder.mkdir(parents=True, exist_ok=True)
        for svg in folder.glob("*.svg"):
            if not _finished(svg.read_bytes()):
                svg.unlink(missing_ok=True)
        have = {path.name for path in folder.glob("*.svg")}
        for svg in folder.parent.glob("*/*.svg"):
            if svg.name in have or svg.stem.endswith("_"):  # its own; Manim's scratch copy
                continue
            try:
                content = svg.read_bytes()
            except OSError:  # that scratch copy, gone since the glob
                continue
            if _finished(content):
                have.add(svg.name)
                part = folder / f".{svg.name}.part"
                part.write_bytes(content)
                os.replace(part, folder / svg.name)


def _finished(svg: bytes) -> bool:
    return svg.rstrip().endswith(b"</svg>")


def render(job: Job, workdir: Path, cache: Path) -> Rendered:
    """Render a job's video, subtitles and poster into ``workdir``: the frames (drawn,
    or those of an earlier render with the same picture and timing), then, for a job
    with sound, its narration laid on the beats' starts, music under it, mastered and
    muxed in."""
    workdir.mkdir(parents=True, exist_ok=True)
    narration = narration_of(job, workdir, cache)
    pacing = pace(job, workdir, cache, narration)
    if narration:
        narration = narration.without(pacing.unsaid)
    drawn = frames(job, pacing, narration.seconds(pacing.tempo) if narration else None,
                   workdir, cache)
    video = workdir / f"{job.lesson.id}.faststart.mp4"
    if not job.has_sound:
        faststart(drawn.video, video)
    else:
        track = voice_track(narration or Narration({}), drawn.timeline, drawn.seconds,
                            pacing.tempo, workdir / "voice.wav")
        sound = mix(track, job.music, drawn.seconds, workdir / "mix.wav")
        mux(drawn.video, master(sound, workdir / "sound.m4a"), video)
    beats = workdir / "beats.json"
    beats.write_text(timeline_json(drawn.timeline, drawn.seconds))
    return Rendered(video, drawn.captions, drawn.poster, beats, drawn.reused)


@dataclass(frozen=True)
class Frames:
    """A job's drawn video (no sound), its captions, poster and timeline."""

    video: Path
    captions: Path | None
    poster: Path
    timeline: list[Beat]
    seconds: float
    reused: bool = False

    def keep(self, folder: Path) -> None:
        """Copy into ``folder`` (whole or not at all) for a later sound-only change."""
        scratch = folder.with_name(folder.name + ".part")
        shutil.rmtree(scratch, ignore_errors=True)
        scratch.mkdir(parents=True)
        shutil.copyfile(self.video, scratch / "video.mp4")
        shutil.copyfile(self.poster, scratch / "poster.png")
        if self.captions:
            shutil.copyfile(self.captions, scratch / "captions.srt")
        (scratch / "timeline.json").write_text(timeline_json(self.timeline, self.seconds))
        try:
            os.replace(scratch, folder)
        except OSError:  # another worker kept the same frames first
            shutil.rmtree(scratch, ignore_errors=True)

    @classmethod
    def kept(cls, folder: Path) -> Frames | None:
        """The frames kept in ``folder``, if any."""
        try:
            timeline, seconds = read_timeline((folder / "timeline.json").read_text())
        except (OSError, ValueError, KeyError, TypeError):
            return None
        captions = folder / "captions.srt"
        return cls(folder / "video.mp4", captions if captions.is_file() else None,
                   folder / "poster.png", timeline, seconds, reused=True)


def frames(job: Job, pacing: Pacing, speech: dict[str, float] | None, workdir: Path,
           cache: Path) -> Frames:
    """The job's frames at ``pacing``, each beat held for its ``speech``: for a job with
    sound, those kept from an earlier render with the same picture and timing (only its
    sound changed: a new take of the same length, new music), else drawn by Manim."""
    from manim import tempconfig

    folder = cache / "frames" / job_key(
        job.lesson.drawn(), job.shape, job.quality.name, job.theme,
        {"pace": round(pacing.pace, 6),
         "speech": {name: round(seconds, 3) for name, seconds in (speech or {}).items()}})
    if job.has_sound and (kept := Frames.kept(folder)) is not None:
        return kept
    with tempconfig(manim_settings(job, workdir, cache)):
        scene = build_scene(job, pacing.pace, speech=speech)
        scene.render()
        plan = scene.output_plan
        poster = workdir / f"{job.lesson.id}.png"
        (scene.poster_image or scene.camera.get_image()).save(poster)
    captions = plan.subcaption_file if plan.subcaption_file and plan.subcaption_file.exists() \
        else None
    drawn = Frames(plan.primary_artifact, captions, poster, scene.timeline, scene.time)
    if job.has_sound:
        drawn.keep(folder)
    return drawn


def narration_of(job: Job, workdir: Path, cache: Path) -> Narration | None:
    """The job's narration, its beats' words from its rehearsal (None when silent)."""
    if not job.voice.speaks:
        return None
    return narrate(job.voice, job.lesson.id, timing(job, workdir, cache).beats, cache)


@dataclass(frozen=True)
class Rehearsal:
    """A scene played without drawing: its beats and its whole length."""

    beats: list[Beat]
    seconds: float


def pace(job: Job, workdir: Path, cache: Path, narration: Narration | None = None) -> Pacing:
    """The job's pacing: its own, or what keeps a clip to its ``max_seconds`` with its
    voice (CannotFit if nothing does)."""
    if job.max_seconds is None:
        return Pacing()
    played = timing(job, workdir, cache)
    speech = narration.seconds() if narration else {}
    return pace_with_voice(played.beats, played.seconds, speech, job.max_seconds,
                           job.lesson.asides)


def timing(job: Job, workdir: Path, cache: Path) -> Rehearsal:
    """The job's rehearsal, kept in ``cache`` under its content key: ``check`` and
    ``render`` rehearse a clip once, not on every run."""
    path = cache / "timings" / f"{job.key}.json"
    try:
        return Rehearsal(*read_timeline(path.read_text()))
    except (OSError, ValueError, KeyError, TypeError):
        pass
    played = rehearse(job, workdir, cache)
    write_atomically(path, timeline_json(played.beats, played.seconds))
    return played


def rehearse(job: Job, workdir: Path, cache: Path,
             probe: Callable[[LessonMixin, str], None] | None = None,
             speed: float = 1.0) -> Rehearsal:
    """Play the job's scene at ``speed`` without drawing or encoding. ``probe`` is
    called at the end of every beat (the layout checks use it)."""
    scene = play_without_video(job, workdir, cache, speed, draw=False, probe=probe)
    return Rehearsal(scene.timeline, scene.time)


def stills(job: Job, workdir: Path, cache: Path, folder: Path,
           problems: list[str] | None = None) -> list[Path]:
    """A PNG of the end of every beat, without encoding video; returns the paths.
    The layout check runs at the end of every beat too: what it finds is added to
    ``problems`` as ``<beat>: <problem>``."""
    from scenes.layout_check import layout_problems

    def probe(scene: LessonMixin, beat: str) -> None:
        if problems is not None:
            problems.extend(f"{beat}: {p}" for p in layout_problems(scene, scene.layout))

    scene = play_without_video(job, workdir, cache, pace(job, workdir, cache).pace,
                               keep_stills=True, probe=probe)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for number, (beat, image) in enumerate(scene.stills, start=1):
        path = folder / f"{job.lesson.id}-{job.shape}-{number:02d}-{beat}.png"
        image.save(path)
        paths.append(path)
    return paths


def poster_still(job: Job, workdir: Path, cache: Path, target: Path) -> Path:
    """The job's poster frame (or its last beat before the closing card) as a PNG,
    published at ``target``, without encoding video."""
    scene = play_without_video(job, workdir, cache, keep_stills=True)
    image = scene.poster_image or scene.stills[max(len(scene.stills) - 2, 0)][1]
    image.save(workdir / "still.png")
    return publish(workdir / "still.png", target)


def play_without_video(job: Job, workdir: Path, cache: Path, speed: float = 1.0,
                       draw: bool = True, **options: Any):
    """Play the job's scene with animations skipped and no video written; returns it.
    ``draw=False`` skips even the frames Manim draws for each play when skipping."""
    from manim import tempconfig

    settings = manim_settings(job, workdir, cache) | {"write_to_movie": False}
    with tempconfig(settings):
        scene = build_scene(job, speed, skip_animations=True, **options)
        if not draw:
            scene.renderer.update_frame = lambda *args, **kwargs: None
        scene.render()
    return scene


def build_scene(job: Job, speed: float = 1.0, **options: Any):
    """The job's scene object, laid out for its shape, played at ``speed`` (Manim's
    config must be set)."""
    from scripts.encoding import HeldFrameWriter

    layout = LAYOUTS[job.shape]
    return KINDS[job.lesson.kind].scene(job.lesson, job.analysis, layout, THEMES[job.theme],
                                        pace=speed, exercise=job.exercise,
                                        file_writer_class=HeldFrameWriter, **options)


def faststart(source: Path, target: Path) -> None:
    """Move the mp4 index to the front (stream copy) so players start at once."""
    subprocess.run(
        ["ffmpeg", "-v", "error", "-y", "-i", str(source), "-c", "copy",
         "-movflags", "+faststart", str(target)],
        check=True, stdin=subprocess.DEVNULL,
    )


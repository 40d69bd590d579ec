"""Extra files made from a finished mp4 with ffmpeg: an animated GIF and a WebM."""

from __future__ import annotations

import subprocess
from pathlib import Path

GIF_WIDTH, GIF_FPS = 480, 12  # GIFs grow fast with size; this keeps them shareable


def gif(video: Path, target: Path) -> Path:
    """A looping GIF at most GIF_WIDTH wide and GIF_FPS frames a second (fewer if the
    video has fewer), with a palette computed from the video itself."""
    graph = (f"fps='min({GIF_FPS},source_fps)',scale='min({GIF_WIDTH},iw)':-1:flags=lanczos,"
             "split[a][b];[a]palettegen=stats_mode=diff[p];"
             "[b][p]paletteuse=dither=bayer:bayer_scale=4")
    _ffmpeg("-i", str(video), "-filter_complex", graph, "-loop", "0", "-f", "gif", str(target))
    return target


def webm(video: Path, target: Path) -> Path:
    """A WebM: VP9 at constant quality, same size and frame rate; its sound, if any, as
    Opus at 48 kHz stereo (the GIF stays silent)."""
    _ffmpeg("-i", str(video), "-c:v", "libvpx-vp9", "-b:v", "0", "-crf", "35",
            "-deadline", "good", "-cpu-used", "4", "-row-mt", "1", "-pix_fmt", "yuv420p",
            "-c:a", "libopus", "-b:a", "128k", "-ar", "48000", "-ac", "2",
            "-f", "webm", str(target))
    return target


MAKERS = {"gif": gif, "webm": webm}


def convert(video: Path, formats: tuple[str, ...], folder: Path) -> dict[str, Path]:
    """Make each of ``formats`` from ``video`` in ``folder``; returns format -> path."""
    return {name: MAKERS[name](video, folder / f"{video.stem}.{name}") for name in formats}


def _ffmpeg(*arguments: str) -> None:
    subprocess.run(["ffmpeg", "-v", "error", "-y", *arguments], check=True,
                   stdin=subprocess.DEVNULL)

"""The sound of a video: its voice track, with music looped or trimmed under it and
ducked while the voice speaks (sidechain compression), mastered to platform loudness
(−14 LUFS integrated, true peak ≤ −1 dBTP, by ffmpeg's two-pass ``loudnorm``) as AAC-LC
48 kHz stereo, and muxed with the frames without encoding them again."""

from __future__ import annotations

import json
import math
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

LOUDNESS = -14.0   # LUFS integrated: what YouTube, Reels and TikTok normalise to
TRUE_PEAK = -1.5   # dBTP asked of loudnorm, which may overshoot it a little; -1 is the limit
LOUDNESS_RANGE = 11.0
CEILING = -2.5     # dBFS: the limiter's sample peak, under the true peak asked for
AUDIO = ["-c:a", "aac", "-b:a", "192k", "-ar", "48000", "-ac", "2"]


MUSIC_LEVEL = -16.0  # dB: the music bed under the voice, before ducking
FADE = 1.5           # seconds of fade at each end of the music
DUCKING = "sidechaincompress=threshold=0.004:ratio=20:attack=15:release=350"


@dataclass(frozen=True)
class Loudness:
    """A file's integrated loudness (LUFS) and true peak (dBTP), as ebur128 measures."""

    integrated: float
    true_peak: float


def master(voice: Path, target: Path) -> Path:
    """The voice track at platform loudness, as AAC at ``target``. Speech peaks far
    above its loudness, more than loudnorm can lift linearly, and its dynamic mode
    falls short; so the track is lifted and its peaks limited to CEILING until it is
    within half a LU of LOUDNESS (ebur128's integrated loudness, a fifth of the time of
    a loudnorm pass), then loudnorm's second pass, linear, finishes it."""
    lift, shaped = 0.0, "anull"
    integrated = _summary(voice, f"{shaped},ebur128").integrated
    for _ in range(4):
        short = LOUDNESS - integrated
        if abs(short) < 0.5:
            break
        lift += short
        shaped = f"volume={lift:.2f}dB,alimiter=limit={10 ** (CEILING / 20):.4f}:level=false"
        integrated = _summary(voice, f"{shaped},ebur128").integrated
    measured = _measure(voice, shaped)
    final = _loudnorm() + (
        f":measured_I={measured['input_i']}:measured_TP={measured['input_tp']}"
        f":measured_LRA={measured['input_lra']}:measured_thresh={measured['input_thresh']}"
        f":offset={measured['target_offset']}:linear=true")
    _ffmpeg(["-i", str(voice), "-af", f"{shaped},{final},aresample=48000", *AUDIO,
             str(target)])
    return target


def _measure(audio: Path, filters: str) -> dict[str, str]:
    """loudnorm's first pass over ``audio`` through ``filters``: what it measured."""
    log = _ffmpeg(["-i", str(audio), "-af", f"{filters},{_loudnorm()}:print_format=json",
                   "-f", "null", "-"])
    return json.loads(log[log.rindex("{"):log.rindex("}") + 1])


def mix(voice: Path, music: Path | None, seconds: float, target: Path) -> Path:
    """The voice in stereo with ``music`` under it (looped or trimmed to ``seconds``,
    faded in and out, ducked under the voice) as a WAV; the voice alone without music."""
    stereo = "aformat=sample_rates=48000:channel_layouts=stereo"
    if music is None:
        _ffmpeg(["-i", str(voice), "-af", stereo, "-c:a", "pcm_f32le", str(target)])
        return target
    graph = (f"[1:a]{stereo},atrim=0:{seconds:.3f},volume={MUSIC_LEVEL}dB,"
             f"afade=t=in:d={FADE},afade=t=out:st={max(seconds - FADE, 0):.3f}:d={FADE}[bed];"
             f"[0:a]{stereo},asplit=2[voice][key];[bed][key]{DUCKING}[ducked];"
             "[voice][ducked]amix=inputs=2:normalize=0:duration=first[out]")
    _ffmpeg(["-i", str(voice), "-stream_loop", "-1", "-i", str(music),
             "-filter_complex", graph, "-map", "[out]", "-c:a", "pcm_f32le", str(target)])
    return target


def mux(video: Path, audio: Path, target: Path) -> Path:
    """The frames of ``video`` (copied, not encoded) with ``audio``, index in front."""
    _ffmpeg(["-i", str(video), "-i", str(audio), "-map", "0:v:0", "-map", "1:a:0",
             "-c:v", "copy", "-c:a", "copy", "-movflags", "+faststart", str(target)])
    return target


def has_sound(video: Path) -> bool:
    """Whether a video file has an audio stream."""
    import av

    with av.open(str(video)) as container:
        return bool(container.streams.audio)


def video_seconds(path: Path) -> float:
    """A video's duration, read back from the file."""
    import av

    with av.open(str(path)) as container:
        return round(container.duration / av.time_base, 3)


def with_silence(video: Path, target: Path) -> Path:
    """A silent video with a silent track of the output's format, its frames copied:
    a silent lesson's part of a lecture whose other lessons speak. The track is as long
    as the video (``-shortest`` would end it where the last frame starts: a held frame
    can last seconds)."""
    _ffmpeg(["-i", str(video), "-f", "lavfi", "-t", str(video_seconds(video)),
             "-i", "anullsrc=r=48000:cl=stereo", "-map", "0:v:0", "-map", "1:a:0",
             "-c:v", "copy", *AUDIO, str(target)])
    return target


def loudness(path: Path) -> Loudness:
    """The integrated loudness and true peak of a file's audio (ffmpeg's ebur128)."""
    return _summary(path, "ebur128=peak=true")


def _summary(path: Path, filters: str) -> Loudness:
    """What ebur128, last of ``filters``, sums up of the file's audio (a true peak of
    nan unless it was asked for)."""
    log = _ffmpeg(["-nostats", "-i", str(path), "-map", "0:a:0", "-af", filters,
                   "-f", "null", "-"])
    summary = log[log.rindex("Summary:"):]
    integrated = float(re.search(r"I:\s+(-?[\d.]+|-inf) LUFS", summary).group(1))
    peak = re.search(r"Peak:\s+(-?[\d.]+|-inf) dBFS", summary)
    return Loudness(integrated, float(peak.group(1)) if peak else math.nan)


def _loudnorm() -> str:
    return f"loudnorm=I={LOUDNESS}:TP={TRUE_PEAK}:LRA={LOUDNESS_RANGE}"


def _ffmpeg(arguments: list[str]) -> str:
    """Run ffmpeg; its log (stderr), where the filters print what they measured."""
    done = subprocess.run(["ffmpeg", "-hide_banner", "-y", *arguments], check=True,
                          capture_output=True, stdin=subprocess.DEVNULL, text=True)
    return done.stderr

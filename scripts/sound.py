"""The sound of a video: its voice track, with music looped or trimmed under it and
ducked while the voice speaks (sidechain compression), mastered to platform loudness
(−14 LUFS integrated, true peak ≤ −1 dBTP, measured by ffmpeg's ``ebur128``) as AAC-LC
48 kHz stereo, and muxed with the frames without encoding them again."""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

LOUDNESS = -14.0   # LUFS integrated: what YouTube, Reels and TikTok normalise to
TRUE_PEAK = -1.5   # dBTP aimed at, as AAC may overshoot it a little; -1 is the limit
CEILING = -2.5     # dBFS: the limiter's sample peak, under the true peak asked for
# ffmpeg's AAC encoder with its fast coder: 124 s of a flite voice took 2.4 s, not the
# default (twoloop) coder's 6.6 s, at 29.8 dB signal-to-noise against 31.2 at 192 kb/s.
AUDIO = ["-c:a", "aac", "-aac_coder", "fast", "-b:a", "192k", "-ar", "48000", "-ac", "2"]


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
    above its loudness, more than a linear gain can lift under the true-peak limit; so
    the track is lifted and its peaks limited to CEILING until ebur128 measures it
    within half a LU of LOUDNESS, and a last gain, as much as keeps its true peak at
    TRUE_PEAK, finishes it (what loudnorm's linear second pass would do, without its
    two passes at 192 kHz: 1.7-1.9 s instead of 5.7 s for 53 s of voice). It is
    resampled to 48 kHz first: limited at flite's 8 kHz, its peaks came back over."""
    lift, shaped = 0.0, "aresample=48000"
    measured = loudness(voice, shaped)
    for _ in range(4):
        short = LOUDNESS - measured.integrated
        if abs(short) < 0.5:
            break
        lift += short
        shaped = (f"aresample=48000,volume={lift:.2f}dB,"
                  f"alimiter=limit={10 ** (CEILING / 20):.4f}:level=false")
        measured = loudness(voice, shaped)
    gain = min(LOUDNESS - measured.integrated, TRUE_PEAK - measured.true_peak)
    _ffmpeg(["-i", str(voice), "-af", f"{shaped},volume={gain:.2f}dB",
             *AUDIO, str(target)])
    return target


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


def loudness(path: Path, filters: str = "anull") -> Loudness:
    """The integrated loudness and true peak of a file's audio through ``filters``
    (ffmpeg's ebur128)."""
    log = _ffmpeg(["-nostats", "-i", str(path), "-map", "0:a:0",
                   "-af", f"{filters},ebur128=peak=true", "-f", "null", "-"])
    summary = log[log.rindex("Summary:"):]
    integrated = float(re.search(r"I:\s+(-?[\d.]+|-inf) LUFS", summary).group(1))
    peak = float(re.search(r"Peak:\s+(-?[\d.]+|-inf) dBFS", summary).group(1))
    return Loudness(integrated, peak)


def _ffmpeg(arguments: list[str]) -> str:
    """Run ffmpeg; its log (stderr), where the filters print what they measured."""
    done = subprocess.run(["ffmpeg", "-hide_banner", "-y", *arguments], check=True,
                          capture_output=True, stdin=subprocess.DEVNULL, text=True)
    return done.stderr

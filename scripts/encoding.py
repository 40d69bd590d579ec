"""How drawn frames become video: the x264 settings, chosen by measuring size,
SSIM and speed on calcreel's own frames (``make bench``, ``encoder`` in bench.json),
and a held frame (a wait, a hold for the voice) encoded once.

Manim encodes a held frame once per frame of the hold: a 3 s hold at 60 fps is 180
conversions to YUV and 180 x264 frames, each as dear as a moving one. Here it is one
frame that lasts the hold (an mp4 sample with a long duration): players, ffmpeg's
concat and the browser's seek show it exactly as long.
"""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import av
from manim.scene.scene_file_writer import SceneFileWriter
from manim.scene.video_segment_encoder import VideoSegmentEncoder

# x264's "veryfast": on 240 of the course's 1080p frames at CRF 23, 12% smaller than
# the default "medium" and 1.6x its speed, SSIM 0.9968 against 0.9973 (bench.json:
# encoder). CRF 22, not 23: the contour map's thin lines and text came out at SSIM
# 0.9796 against the reference renderer's video at 23, 0.9814 at 22 (file 0.86x its size).
X264_OPTIONS = {"crf": "22", "preset": "veryfast"}
ENCODERS_IN_FLIGHT = 2  # a play's segment encodes while the next one is drawn


class HeldFrameEncoder(VideoSegmentEncoder):
    """Manim's segment encoder, with a frame repeated ``repeat`` times encoded once,
    lasting ``repeat`` frames."""

    def __init__(self, *, target: Path, spec) -> None:
        super().__init__(target=target, spec=spec)
        self._container = _LastingMuxer(self._container)

    def write_frame(self, pixels, *, repeat: int = 1) -> None:
        self._validate_frame(pixels, repeat)
        frame = av.VideoFrame.from_ndarray(pixels, format="rgba")
        frame.pts = self._next_pts
        frame.time_base = Fraction(self.spec.frame_rate.denominator,
                                   self.spec.frame_rate.numerator)
        self._container.lasting[self._next_pts] = repeat
        self._next_pts += repeat
        try:
            for packet in self._stream.encode(frame):
                self._container.mux(packet)
        except BaseException as error:
            raise self._operation_error("encode", error) from error


class _LastingMuxer:
    """A container whose packets last as many frames as their frame was held (x264
    gives every packet one frame's duration); x264 may return them later and in
    another order, so they are matched by their time stamp."""

    def __init__(self, container: av.container.OutputContainer):
        self.container = container
        self.lasting: dict[int, int] = {}  # a frame's time stamp: how many frames it lasts

    def mux(self, packet: av.Packet) -> None:
        if packet.pts is not None:
            packet.duration = self.lasting.pop(packet.pts, 1)
        self.container.mux(packet)

    def close(self) -> None:
        self.container.close()


class HeldFrameWriter(SceneFileWriter):
    """Manim's scene file writer, its segments written by :class:`HeldFrameEncoder`."""

    def _create_segment_encoder(self, target: Path) -> VideoSegmentEncoder:
        return HeldFrameEncoder(target=target, spec=self.video_encoder)

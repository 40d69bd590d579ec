"""The real command on a two-lesson course, at a tiny size, read back with PyAV."""

from __future__ import annotations

import json

import av
import numpy as np
import pytest

COURSE = """
course:
  title: Smoke
  quality: tiny
  output: videos
lessons:
  - id: bowl
    kind: surface
    function: x^2 + y^2
    sections: true
  - id: pass
    kind: critical_points
    function: x^2 - y^2
    x: [-2, 2]
    y: [-2, 2]
"""


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    import subprocess
    import sys
    from pathlib import Path

    folder = tmp_path_factory.mktemp("course")
    config = folder / "course.yaml"
    config.write_text(COURSE)
    root = Path(__file__).resolve().parent.parent
    result = subprocess.run([sys.executable, "-m", "scripts.cli", "render", str(config)],
                            capture_output=True, text=True, cwd=root, timeout=900,
                            stdin=subprocess.DEVNULL)
    assert result.returncode == 0, result.stderr
    return folder / "videos"


@pytest.mark.render
@pytest.mark.parametrize("lesson", ["bowl", "pass"])
def test_each_lesson_has_a_playable_video(rendered, lesson):
    with av.open(str(rendered / "landscape" / f"{lesson}.mp4")) as container:
        stream = container.streams.video[0]
        assert (stream.codec_context.width, stream.codec_context.height) == (256, 144)
        assert stream.codec_context.name == "h264"
        assert stream.codec_context.pix_fmt == "yuv420p"
        duration = container.duration / av.time_base
        frames = [frame.to_ndarray(format="gray") for frame in container.decode(stream)]
    assert 10 < duration < 120
    assert abs(len(frames) - duration * 10) <= 2
    middle = frames[len(frames) // 2]
    assert middle.std() > 5, "the middle frame is blank"


@pytest.mark.render
def test_captions_carry_the_computed_verdict(rendered):
    srt = (rendered / "landscape" / "pass.srt").read_text()
    assert "At (0, 0), D = -4 < 0: a saddle" in srt
    assert "f_x = 2x = 0 and f_y = -2y = 0" in srt
    bowl = (rendered / "landscape" / "bowl.srt").read_text()
    assert "along y = 0, f = x² bends up" in bowl.lower()


@pytest.mark.render
def test_manifest_and_posters(rendered):
    manifest = json.loads((rendered / "manifest.json").read_text())
    entries = {v["lesson"]: v for v in manifest["videos"]}
    assert set(entries) == {"bowl", "pass"}
    for entry in entries.values():
        assert (rendered / entry["file"]).stat().st_size == entry["bytes"]
        poster = np.asarray(av.open(str(rendered / entry["poster"])).decode(video=0).__next__()
                            .to_ndarray(format="gray"))
        assert poster.shape == (144, 256) and poster.std() > 5
        assert entry["quality"] == "tiny" and entry["seconds"] > 10

"""The real command on a two-lesson course, at a tiny size, read back with PyAV."""

from __future__ import annotations

import json

import av
import numpy as np
import pytest

# One worker renders this module's courses once (make test runs files on every core).
pytestmark = pytest.mark.xdist_group("end-to-end")

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


ONE_VARIABLE = """
course:
  quality: tiny
  output: videos
lessons:
  - {id: limit, kind: first_principle, function: x^2, at: 3, x: [-1, 5]}
  - {id: hyperbolic, kind: graphs, functions: [sinh(x), cosh(x), tanh(x)],
     identities: ["cosh(x)^2 - sinh(x)^2 = 1"]}
  - {id: circle, kind: implicit, equation: x^2 + y^2 = 25, at: [3, 4]}
  - {id: mvt, kind: mean_value, function: x^3 - x, interval: [0, 2]}
  - {id: sine, kind: taylor, function: sin(x), degree: 5, x: [-2pi, 2pi]}
  - {id: cubic, kind: extrema, function: x^3 - 3x, x: [-2.5, 3], interval: [-2, 3]}
"""


def render_course(folder, text: str):
    """Run the real `calcreel render` on a course; returns its output folder."""
    import subprocess
    import sys
    from pathlib import Path

    config = folder / "course.yaml"
    config.write_text(text)
    root = Path(__file__).resolve().parent.parent
    result = subprocess.run([sys.executable, "-m", "scripts.cli", "render", str(config)],
                            capture_output=True, text=True, cwd=root, timeout=900,
                            stdin=subprocess.DEVNULL)
    assert result.returncode == 0, result.stderr
    return folder / "videos"


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    return render_course(tmp_path_factory.mktemp("course"), COURSE)


@pytest.fixture(scope="module")
def one_variable(tmp_path_factory):
    return render_course(tmp_path_factory.mktemp("one-variable"), ONE_VARIABLE)


def probe(path):
    """(width, height, codec, pixel format, duration, the frame on screen halfway, as a
    gray array). The frames start at 0 and follow each other in time; a held frame is
    one frame that stays until the next (so there are fewer frames than seconds x fps)."""
    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        context = stream.codec_context
        duration = container.duration / av.time_base
        frames = [(float(f.time), f.to_ndarray(format="gray")) for f in container.decode(stream)]
    starts = [start for start, _ in frames]
    assert starts[0] == 0 and starts == sorted(set(starts)), "frames out of time order"
    assert starts[-1] < duration
    middle = [gray for start, gray in frames if start <= duration / 2][-1]
    return context.width, context.height, context.name, context.pix_fmt, duration, middle


@pytest.mark.render
@pytest.mark.parametrize("lesson", ["bowl", "pass"])
def test_each_lesson_has_a_playable_video(rendered, lesson):
    width, height, codec, pixels, duration, middle = probe(
        rendered / "landscape" / f"{lesson}.mp4")
    assert (width, height, codec, pixels) == (256, 144, "h264", "yuv420p")
    assert 10 < duration < 120
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


@pytest.mark.render
@pytest.mark.parametrize("lesson", ["limit", "hyperbolic", "circle", "mvt", "sine", "cubic"])
def test_each_one_variable_kind_renders(one_variable, lesson):
    width, height, codec, pixels, duration, middle = probe(
        one_variable / "landscape" / f"{lesson}.mp4")
    assert (width, height, codec, pixels) == (256, 144, "h264", "yuv420p")
    assert 10 < duration < 90
    assert middle.std() > 5, "the middle frame is blank"
    assert (one_variable / "landscape" / f"{lesson}.srt").read_text().count("-->") >= 4


@pytest.mark.render
def test_one_variable_captions_carry_computed_numbers(one_variable):
    captions = {path.stem: path.read_text() for path in (one_variable / "landscape").glob("*.srt")}
    assert "-3/4" in captions["circle"]
    assert "P₅" in captions["sine"]
    assert "6.001" in captions["limit"]

"""What `calcreel render --lecture` publishes for a tiny course, checked on the files:
captions as .srt and .vtt, the manifest, gif and webm, the lecture's chapters and
captions, and the gallery page loaded in headless Chromium."""

from __future__ import annotations

import base64
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import av
import pytest
import srt

ROOT = Path(__file__).resolve().parents[2]

COURSE = """
course:
  title: Waves <&> "quotes"
  quality: tiny
  output: videos
  shapes: [landscape, portrait]
  formats: [gif, webm]
lessons:
  - {id: wave, kind: graphs, functions: [sin(x)], x: [-3, 3], title: "Sine <waves> & co"}
  - {id: growth, kind: graphs, functions: [e^x], x: [-2, 2]}
"""
HEADINGS = ["Sine <waves> & co", "Growth"]

# One worker renders this module's courses once (make test runs files on every core).
pytestmark = [pytest.mark.render, pytest.mark.xdist_group("outputs")]


@pytest.fixture(scope="module")
def out(tmp_path_factory, rendered_lecture) -> Path:
    """The course rendered once by the real command, with --lecture."""
    return rendered_lecture(tmp_path_factory.mktemp("outputs"), COURSE)


@pytest.fixture(scope="module")
def manifest(out) -> list[dict]:
    return json.loads((out / "manifest.json").read_text())["videos"]


def ffprobe(path: Path, *options: str) -> dict:
    result = subprocess.run(["ffprobe", "-v", "error", "-of", "json", *options, str(path)],
                            capture_output=True, text=True, check=True)
    return json.loads(result.stdout)


def boxes(path: Path) -> list[str]:
    """The top-level boxes of an mp4, in file order."""
    names, data, at = [], path.read_bytes(), 0
    while at < len(data):
        size, name = int.from_bytes(data[at:at + 4], "big"), data[at + 4:at + 8].decode()
        if size == 1:
            size = int.from_bytes(data[at + 8:at + 16], "big")
        names.append(name)
        at += size if size else len(data)
    return names


def test_manifest_lists_every_file_with_its_key(out, manifest):
    assert sorted((e["lesson"], e["shape"]) for e in manifest) == [
        ("growth", "landscape"), ("growth", "portrait"), ("wave", "landscape"),
        ("wave", "portrait")]
    for entry in manifest:
        stem = f"{entry['shape']}/{entry['lesson']}"
        assert (entry["file"], entry["poster"], entry["captions"], entry["vtt"]) == (
            f"{stem}.mp4", f"{stem}.png", f"{stem}.srt", f"{stem}.vtt")
        assert entry["formats"] == {"gif": f"{stem}.gif", "webm": f"{stem}.webm"}
        assert (out / entry["file"]).stat().st_size == entry["bytes"]
        assert len(entry["key"]) == 64 and int(entry["key"], 16) >= 0
        for name in (entry["poster"], entry["captions"], entry["vtt"],
                     *entry["formats"].values()):
            assert (out / name).stat().st_size > 0, name
    assert len({e["key"] for e in manifest}) == 4
    assert not list(out.rglob(".*.tmp")), "a temporary file was left behind"


def test_mp4_is_h264_yuv420p_with_the_index_first(out, manifest):
    for entry in manifest:
        stream = ffprobe(out / entry["file"], "-show_streams")["streams"][0]
        assert (stream["codec_name"], stream["pix_fmt"]) == ("h264", "yuv420p")
        order = boxes(out / entry["file"])
        assert order.index("moov") < order.index("mdat"), order


def test_vtt_matches_the_srt(out, manifest):
    for entry in manifest:
        cues = list(srt.parse((out / entry["captions"]).read_text()))
        vtt = (out / entry["vtt"]).read_text()
        assert vtt.startswith("WEBVTT\n\n") and "," not in vtt.split("\n")[2]
        assert vtt.count(" --> ") == len(cues) >= 3
        first = cues[0].start.total_seconds(), cues[0].end.total_seconds()
        assert f"00:00:{first[0]:06.3f} --> 00:00:{first[1]:06.3f}" in vtt
    assert "Sine &lt;waves&gt; &amp; co" in (out / "landscape/wave.vtt").read_text()


def test_gif_and_webm_are_real_animations(out, manifest):
    for entry in manifest:
        with av.open(str(out / entry["formats"]["gif"])) as gif:
            stream = gif.streams.video[0]
            frames = sum(1 for _ in gif.decode(stream))
            assert stream.codec_context.width <= 480
        assert abs(frames - entry["seconds"] * 10) <= 2  # tiny is 10 fps, under the cap
        webm = ffprobe(out / entry["formats"]["webm"], "-show_streams", "-show_format")
        assert [s["codec_type"] for s in webm["streams"]] == ["video"]
        assert webm["streams"][0]["codec_name"] == "vp9"
        assert abs(float(webm["format"]["duration"]) - entry["seconds"]) < 0.3


def test_lecture_has_a_chapter_per_lesson_at_the_real_durations(out, manifest):
    landscape = {e["lesson"]: e for e in manifest if e["shape"] == "landscape"}
    seconds = [landscape["wave"]["seconds"], landscape["growth"]["seconds"]]
    probe = ffprobe(out / "lecture.mp4", "-show_chapters", "-show_format", "-show_streams")
    chapters = probe["chapters"]
    assert [c["tags"]["title"] for c in chapters] == HEADINGS
    assert [float(c["start_time"]) for c in chapters] == pytest.approx([0, seconds[0]],
                                                                        abs=0.001)
    assert float(chapters[1]["end_time"]) == pytest.approx(sum(seconds), abs=0.001)
    assert float(probe["format"]["duration"]) == pytest.approx(sum(seconds), abs=0.15)
    video = [s for s in probe["streams"] if s["codec_type"] == "video"]
    assert [(s["codec_name"], s["pix_fmt"], s["width"]) for s in video] == [
        ("h264", "yuv420p", 256)]
    order = boxes(out / "lecture.mp4")
    assert order.index("moov") < order.index("mdat"), order


def test_lecture_captions_are_shifted_by_each_lessons_start(out, manifest):
    landscape = {e["lesson"]: e for e in manifest if e["shape"] == "landscape"}
    first = list(srt.parse((out / "landscape/wave.srt").read_text()))
    second = list(srt.parse((out / "landscape/growth.srt").read_text()))
    lecture = list(srt.parse((out / "lecture.srt").read_text()))
    assert len(lecture) == len(first) + len(second)
    assert [c.index for c in lecture] == list(range(1, len(lecture) + 1))
    offset = landscape["wave"]["seconds"]
    for cue, original in zip(lecture[len(first):], second):
        assert cue.content == original.content
        assert (cue.start - original.start).total_seconds() == pytest.approx(offset)
    assert lecture[len(first)].content == "Growth"
    vtt = (out / "lecture.vtt").read_text()
    assert vtt.startswith("WEBVTT") and vtt.count(" --> ") == len(lecture)


# The gallery in a real browser, driven over the DevTools protocol on a pipe.

BROWSER = shutil.which("chromium")

CHECK_PAGE = """(async () => {
  const settle = (target, ok, events) => new Promise(resolve => {
    if (ok()) return resolve();
    for (const name of events) target.addEventListener(name, () => resolve());
    setTimeout(resolve, 20000);
  });
  if (document.readyState !== 'complete') await new Promise(r => addEventListener('load', r));
  const videos = [...document.querySelectorAll('video')];
  await Promise.all(videos.map(v => settle(v, () => v.readyState >= 1 || v.error,
                                           ['loadedmetadata', 'error'])));
  const tracks = [...document.querySelectorAll('track')];
  await Promise.all(tracks.map(t => settle(t, () => t.readyState >= 2, ['load', 'error'])));
  const image = async src => {
    const img = new Image();
    img.src = src;
    await settle(img, () => img.complete, ['load', 'error']);
    return {src: src, ok: img.complete && img.naturalWidth > 0};
  };
  const metadata = videos.map(v => ({src: v.getAttribute('src'), ready: v.readyState,
                                      error: v.error && v.error.code, width: v.videoWidth}));
  const playEnd = async v => {  // decoding the last second reaches the end of the file
    v.muted = true;
    v.currentTime = Math.max(0, v.duration - 1);
    await settle(v, () => !v.seeking, ['seeked', 'error']);
    await v.play().catch(() => null);
    await settle(v, () => v.ended || v.error, ['ended', 'error']);
  };
  await Promise.all(videos.map(playEnd));
  return {
    videos: metadata,
    played: videos.map(v => ({src: v.getAttribute('src'), ended: v.ended,
                              error: v.error && v.error.code,
                              frames: v.getVideoPlaybackQuality().totalVideoFrames})),
    posters: await Promise.all(videos.map(v => image(v.poster))),
    tracks: tracks.map(t => ({video: t.parentElement.getAttribute('src'), ready: t.readyState,
                              cues: t.track.cues ? t.track.cues.length : 0})),
    h264: videos[0].canPlayType('video/mp4; codecs="avc1.42E01E"'),
  };
})()"""


class DevTools:
    """A Chromium started with --remote-debugging-pipe: messages are JSON, each ended
    by a NUL byte, sent on its fd 3 and answered on its fd 4."""

    def __init__(self, profile: Path):
        to_browser, self.to_browser = os.pipe()
        self.from_browser, from_browser = os.pipe()

        def wire() -> None:
            os.dup2(to_browser, 3)
            os.dup2(from_browser, 4)

        self.process = subprocess.Popen(
            [BROWSER, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
             "--no-first-run", "--disable-background-networking", "--disable-component-update",
             "--disable-sync", "--mute-audio", "--remote-debugging-pipe",
             f"--user-data-dir={profile}"],
            pass_fds=(3, 4), preexec_fn=wire, stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(to_browser)
        os.close(from_browser)
        self.pending, self.next_id, self.events = b"", 0, []

    def call(self, method: str, session: str | None = None, **params) -> dict:
        """Send a command; wait for its answer (keeping the events that come first)."""
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params}
        if session:
            message["sessionId"] = session
        os.write(self.to_browser, json.dumps(message).encode() + b"\0")
        while (reply := self._receive()).get("id") != self.next_id:
            self.events.append(reply.get("method"))
        assert "error" not in reply, reply["error"]
        return reply["result"]

    def wait_for(self, event: str) -> None:
        while event not in self.events:
            self.events.append(self._receive().get("method"))

    def _receive(self) -> dict:
        while b"\0" not in self.pending:
            chunk = os.read(self.from_browser, 1 << 16)
            assert chunk, "the browser closed its pipe"
            self.pending += chunk
        raw, self.pending = self.pending.split(b"\0", 1)
        return json.loads(raw)

    def close(self) -> None:
        self.process.kill()
        self.process.wait()
        os.close(self.to_browser)
        os.close(self.from_browser)


@pytest.fixture(scope="module")
def page(out, tmp_path_factory) -> dict:
    """The gallery opened from disk; what the page reports about its media."""
    if BROWSER is None:
        pytest.skip("chromium is not installed (make setup installs it)")
    browser = DevTools(tmp_path_factory.mktemp("profile"))
    try:
        target = browser.call("Target.createTarget", url="about:blank")
        session = browser.call("Target.attachToTarget", targetId=target["targetId"],
                               flatten=True)["sessionId"]
        browser.call("Page.enable", session)
        browser.call("Page.navigate", session, url=(out / "index.html").as_uri())
        browser.wait_for("Page.loadEventFired")
        result = browser.call("Runtime.evaluate", session, expression=CHECK_PAGE,
                              awaitPromise=True, returnByValue=True, timeout=60000)
    finally:
        browser.close()
    assert "exceptionDetails" not in result, result
    return result["result"]["value"]


def test_gallery_lists_every_video_in_config_order(out, manifest):
    html = (out / "index.html").read_text()
    assert "Sine &lt;waves&gt; &amp; co" in html and "Sine <waves>" not in html
    assert html.index("landscape/wave.mp4") < html.index("portrait/wave.mp4") < \
        html.index("landscape/growth.mp4")


def test_every_video_and_poster_loads_in_chromium(page, manifest):
    videos = {v["src"]: v for v in page["videos"]}
    assert set(videos) == {e["file"] for e in manifest} | {"lecture.mp4"}
    for src, video in videos.items():
        assert video["ready"] >= 1 and video["error"] is None and video["width"] > 0, src
    posters = {p["src"].rsplit("/videos/", 1)[1]: p["ok"] for p in page["posters"]}
    assert {e["poster"] for e in manifest} <= set(posters)
    assert all(posters.values()), posters


def test_chromium_decodes_and_plays_the_h264(page):
    assert page["h264"] in ("probably", "maybe")
    for video in page["played"]:
        assert video["ended"] and video["error"] is None and video["frames"] > 0, video


def test_captions_load_in_chromium(page, out, manifest):
    expected = {e["file"]: (out / e["vtt"]).read_text().count(" --> ") for e in manifest}
    expected["lecture.mp4"] = (out / "lecture.vtt").read_text().count(" --> ")
    loaded = {t["video"]: t["cues"] for t in page["tracks"] if t["ready"] == 2}
    assert loaded == expected and min(loaded.values()) >= 3, page["tracks"]


# The slides: the course's deck, stepped through with real key presses.

KEYS = {"right": ("ArrowRight", 39), "left": ("ArrowLeft", 37), "space": (" ", 32),
        "2": ("2", 50), "1": ("1", 49), "s": ("s", 83)}
SETTLED = """new Promise(resolve => {
  const ready = () => window.slides && !window.slides.state().playing &&
    document.getElementById('video').readyState >= 2 &&
    !document.getElementById('video').seeking;
  const poll = () => ready() ? resolve(window.slides.state()) : setTimeout(poll, 50);
  poll();
})"""


def stepped(page: Path, profile: Path, keys: list[str]) -> list[tuple[str, dict]]:
    """``page`` opened from disk in Chromium: its state on opening, then after each key."""
    browser = DevTools(profile)
    states = []
    try:
        target = browser.call("Target.createTarget", url="about:blank")
        session = browser.call("Target.attachToTarget", targetId=target["targetId"],
                               flatten=True)["sessionId"]
        browser.call("Page.enable", session)
        browser.call("Page.navigate", session, url=page.as_uri())
        browser.wait_for("Page.loadEventFired")

        def settled() -> dict:
            result = browser.call("Runtime.evaluate", session, expression=SETTLED,
                                  awaitPromise=True, returnByValue=True, timeout=60000)
            assert "exceptionDetails" not in result, result
            return result["result"]["value"]

        states.append(("open", settled()))
        for name in keys:
            key, code = KEYS[name]
            typed = {"text": key} if len(key) == 1 else {}  # a printable key types it
            browser.call("Input.dispatchKeyEvent", session, type="keyDown", key=key,
                         windowsVirtualKeyCode=code, **typed)
            browser.call("Input.dispatchKeyEvent", session, type="keyUp", key=key,
                         windowsVirtualKeyCode=code)
            states.append((name, settled()))
    finally:
        browser.close()
    return states


@pytest.fixture(scope="module")
def slides(out, tmp_path_factory) -> list[tuple[str, dict]]:
    """slides/course.html opened from disk; its state after each key of a sequence."""
    if BROWSER is None:
        pytest.skip("chromium is not installed (make setup installs it)")
    return stepped(out / "slides" / "course.html", tmp_path_factory.mktemp("slides-profile"),
                   ["right", "right", "space", "left", "s", "2", "right", "left", "left"])


def test_a_page_per_lesson_and_a_course_deck_are_written(out):
    pages = sorted(p.name for p in (out / "slides").iterdir())
    assert pages == ["course.html", "growth.html", "wave.html"]
    deck = (out / "slides" / "course.html").read_text()
    assert "http" not in deck.replace("http-equiv", "")  # nothing fetched from the net
    assert '"video": "../landscape/wave.mp4"' in deck
    gallery = (out / "index.html").read_text()
    assert all(f'<a href="slides/{lesson}.html">slides</a>' in gallery
               for lesson in ("wave", "growth"))


def test_each_key_moves_the_video_to_the_end_of_a_beat(slides, out):
    beats = {lesson: json.loads((out / "landscape" / f"{lesson}.beats.json").read_text())
             ["beats"] for lesson in ("wave", "growth")}
    ends = {lesson: [round(start + seconds, 3) for _, _, seconds, _, start in rows]
            for lesson, rows in beats.items()}
    expected = [  # (lesson shown, beats played to their end, the video's time)
        ("open", 0, -1, 0.0),
        ("right", 0, 0, ends["wave"][0]),
        ("right", 0, 1, ends["wave"][1]),
        ("space", 0, 2, ends["wave"][2]),
        ("left", 0, 1, ends["wave"][1]),
        ("s", 0, 1, ends["wave"][1]),
        ("2", 1, -1, 0.0),
        ("right", 1, 0, ends["growth"][0]),
        ("left", 1, -1, 0.0),
        ("left", 0, len(ends["wave"]) - 1, ends["wave"][-1]),
    ]
    assert [name for name, _ in slides] == [e[0] for e in expected]
    for (name, state), (_, lesson, shown, time) in zip(slides, expected):
        assert (state["lesson"], state["shown"]) == (lesson, shown), (name, state)
        assert state["time"] == pytest.approx(time, abs=0.02), (name, state)
        assert not state["playing"]


def test_s_shows_the_beats_words_as_speaker_notes(slides, out):
    before, after = slides[4][1], slides[5][1]
    assert not before["notesShown"] and after["notesShown"]
    rows = json.loads((out / "landscape" / "wave.beats.json").read_text())["beats"]
    name, caption, *_ = rows[1]
    assert after["notes"] == name + caption


def test_one_file_slides_carry_their_video_and_play_alone(out, tmp_path):
    if BROWSER is None:
        pytest.skip("chromium is not installed (make setup installs it)")
    course = tmp_path / "course"
    shutil.copytree(out.parent, course, ignore=shutil.ignore_patterns("slides"))
    done = subprocess.run([sys.executable, "-m", "scripts.cli", "render",
                           str(course / "course.yaml"), "--one-file"],
                          capture_output=True, text=True, cwd=ROOT, stdin=subprocess.DEVNULL)
    assert done.returncode == 0, done.stderr
    assert "0 video(s) rendered" in done.stdout  # only the pages were written
    page = (course / "videos" / "slides" / "wave.html").read_text()
    assert "../landscape" not in page
    encoded = re.search(r'"video": "data:video/mp4;base64,([A-Za-z0-9+/=]+)"', page)[1]
    assert base64.b64decode(encoded) == (out / "landscape" / "wave.mp4").read_bytes()
    alone = tmp_path / "elsewhere" / "wave.html"  # no video folder beside it
    alone.parent.mkdir()
    alone.write_text(page)
    ends = [round(start + seconds, 3) for *_, seconds, _, start in
            json.loads((out / "landscape" / "wave.beats.json").read_text())["beats"]]
    states = stepped(alone, tmp_path / "profile", ["right", "right"])
    assert [s["time"] for _, s in states] == pytest.approx([0.0, *ends[:2]], abs=0.02)

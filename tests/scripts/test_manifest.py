"""manifest.json: its keys are a contract, read and written through one class."""

from __future__ import annotations

import json
from dataclasses import replace

from scripts.config import load_course
from scripts.manifest import MANIFEST, Manifest, ManifestEntry, add_to_manifest
from scripts.pipeline import is_current, plan

KEYS = ["lesson", "shape", "quality", "file", "seconds", "bytes", "poster", "captions",
        "render_seconds", "vtt", "key", "formats", "frames", "beats"]  # as the README has them


def entry(lesson: str, shape: str = "landscape", **changes) -> ManifestEntry:
    made = ManifestEntry(lesson=lesson, shape=shape, quality="tiny", file=f"{shape}/{lesson}.mp4",
                         seconds=12.5, bytes=34_000, poster=f"{shape}/{lesson}.png",
                         captions=f"{shape}/{lesson}.srt", render_seconds=3.25,
                         vtt=f"{shape}/{lesson}.vtt", key="k1",
                         formats={"gif": f"{shape}/{lesson}.gif"},
                         beats=f"{shape}/{lesson}.beats.json")
    return replace(made, **changes)


def test_entries_are_written_with_the_documented_keys_and_read_back(tmp_path):
    written = add_to_manifest(tmp_path, [entry("a"), entry("b", "portrait")])
    assert written == tmp_path / MANIFEST
    videos = json.loads(written.read_text())["videos"]
    assert [list(video) for video in videos] == [KEYS, KEYS]
    assert videos[1]["file"] == "portrait/b.mp4" and videos[1]["formats"] == {
        "gif": "portrait/b.gif"}
    assert Manifest.read(tmp_path).entries == (entry("a"), entry("b", "portrait"))


def test_a_new_render_of_a_video_takes_its_place_and_new_videos_come_after(tmp_path):
    add_to_manifest(tmp_path, [entry("a"), entry("b")])
    add_to_manifest(tmp_path, [entry("c"), entry("a", key="k2")])
    manifest = Manifest.read(tmp_path)
    assert [(e.lesson, e.key) for e in manifest] == [("a", "k2"), ("b", "k1"), ("c", "k1")]
    assert manifest.get("a", "landscape").key == "k2"
    assert manifest.get("a", "portrait") is None


def test_an_entry_from_before_vtt_keys_and_formats_reads_with_their_defaults(tmp_path):
    old = {k: v for k, v in entry("a").to_json().items()
           if k not in ("vtt", "key", "formats", "beats")}
    (tmp_path / MANIFEST).write_text(json.dumps({"videos": [old]}))
    (read,) = Manifest.read(tmp_path).entries
    assert (read.vtt, read.key, read.formats, read.beats) == (None, "", {}, None)
    assert read.files == ["landscape/a.mp4", "landscape/a.png", "landscape/a.srt"]


def test_a_missing_or_unreadable_manifest_is_empty(tmp_path):
    assert Manifest.read(tmp_path).entries == ()
    for text in ('{"sentinel": true}\n', "not json", '{"videos": [{"lesson": "a"}]}',
                 '{"videos": [{"lesson": "a", "shape": "landscape", "seconds": "long"}]}'):
        (tmp_path / MANIFEST).write_text(text)
        assert Manifest.read(tmp_path).entries == (), text


def test_a_job_is_current_while_its_key_matches_and_all_its_files_are_there(write_config):
    config = write_config("""
        course: {quality: tiny, formats: [gif]}
        lessons:
          - {id: a, kind: mean_value, function: x^2, interval: [0, 2]}
        """)
    (job,) = plan(load_course(config), "tiny")
    out = config.parent / "out"
    listed = entry("a", key=job.key)
    for name in listed.files:
        (out / name).parent.mkdir(parents=True, exist_ok=True)
        (out / name).write_bytes(b"x")
    add_to_manifest(out, [listed])
    assert is_current(job, Manifest.read(out), out)
    assert not is_current(job, Manifest(), out)
    assert not is_current(job, Manifest((replace(listed, key="other"),)), out)
    (out / "landscape" / "a.gif").unlink()
    assert not is_current(job, Manifest.read(out), out)

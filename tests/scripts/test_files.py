"""Atomic writes: a file is replaced whole, or not at all."""

from __future__ import annotations

import pytest

from scripts.files import publish, replacing, write_atomically


def test_text_and_bytes_replace_the_file_whole(tmp_path):
    target = tmp_path / "deep" / "manifest.json"
    assert write_atomically(target, "first ü\n") == target
    assert target.read_text(encoding="utf-8") == "first ü\n"
    write_atomically(target, b"\x00second")
    assert target.read_bytes() == b"\x00second"
    assert [p.name for p in target.parent.iterdir()] == ["manifest.json"]


def test_a_writer_that_fails_leaves_the_earlier_file_and_no_temporary_one(tmp_path):
    target = tmp_path / "a.mp4"
    target.write_bytes(b"a good old video")
    with pytest.raises(RuntimeError, match="ffmpeg died"), replacing(target) as temporary:
        temporary.write_bytes(b"half a vid")
        raise RuntimeError("ffmpeg died")
    assert target.read_bytes() == b"a good old video"
    assert [p.name for p in tmp_path.iterdir()] == ["a.mp4"]


def test_ctrl_c_midway_leaves_the_earlier_file(tmp_path):
    target = tmp_path / "index.html"
    target.write_text("<p>old</p>")
    with pytest.raises(KeyboardInterrupt), replacing(target) as temporary:
        temporary.write_text("<p>ne")
        raise KeyboardInterrupt
    assert target.read_text() == "<p>old</p>"
    assert [p.name for p in tmp_path.iterdir()] == ["index.html"]


def test_the_temporary_file_is_hidden_beside_its_target(tmp_path):
    target = tmp_path / "out" / "lecture.mp4"
    with replacing(target) as temporary:
        assert temporary.parent == target.parent and temporary.name.startswith(".")
        assert not target.exists()
        temporary.write_bytes(b"video")
    assert target.read_bytes() == b"video" and not temporary.exists()


def test_publish_copies_and_keeps_the_source(tmp_path):
    source = tmp_path / "work" / "v.mp4"
    source.parent.mkdir()
    source.write_bytes(b"x" * 3_000_000)
    target = publish(source, tmp_path / "out" / "landscape" / "v.mp4")
    assert target.read_bytes() == source.read_bytes()
    assert sorted(p.name for p in target.parent.iterdir()) == ["v.mp4"]

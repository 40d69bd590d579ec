"""A lesson is a unit of failure: a bad field or a crash inside one lesson is that
lesson's one line, and the other lessons are checked, previewed and rendered."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import scenes.mean_value.lesson
import scripts.render
from scripts.cli import main

COURSE = """
lessons:
  - id: first
    kind: mean_value
    function: x^2
    interval: [0, 2]
  - id: window-too-small
    kind: mean_value
    function: x^2
    interval: [0, 5]
    x: [-1, 1]
  - id: typo
    kind: surfce
    function: x
  - {id: 7 bad id, kind: extrema, function: x^2}
  - not a lesson
  - id: last
    kind: extrema
    function: x^3 - 3x
"""


def check_json(config: Path, capsys) -> tuple[int, dict, str]:
    status = main(["check", str(config), "--json"])
    out, err = capsys.readouterr()
    return status, json.loads(out), err


def test_a_lesson_level_error_refuses_that_lesson_only(write_config, capsys):
    config = write_config(COURSE)
    status, report, err = check_json(config, capsys)
    lessons = report["lessons"]
    assert [lesson["id"] for lesson in lessons] == [
        "first", "window-too-small", "typo", "7 bad id", None, "last"]
    assert [lesson["ok"] for lesson in lessons] == [True, False, False, False, False, True]
    errors = [
        f"{config}:6: lessons[1]: interval [0, 5] must lie inside x = [-1, 1]",
        f"{config}:12: lessons[2].kind: unknown kind 'surfce'; did you mean 'surface'?",
        f"{config}:14: lessons[3].id: an id is made of lowercase letters, digits, '-' and "
        "'_' (at most 64), starting with a letter or digit; got '7 bad id'",
        f"{config}:15: lessons[4]: expected a mapping ('key: value' lines), "
        "got 'not a lesson'",
    ]
    assert [lesson["error"] for lesson in lessons if not lesson["ok"]] == errors
    assert err == "".join(f"error: {line}\n" for line in errors)
    assert status == 2
    assert lessons[0]["analysis"]["c"] and lessons[5]["analysis"]["points"]


@pytest.mark.parametrize("text, message", [
    ("lessons: []", "lessons: must not be empty (at least 1 item)"),
    ("course: {colour: red}\nlessons: [{id: a, kind: extrema, function: x}]",
     "course.colour: unknown key 'colour'"),
    ("lessons:\n  - {id: a, kind: extrema, function: x}\n  - {id: a, kind: extrema, "
     "function: x^2}", "lessons[1].id: 'a' is already used by lessons[0]"),
])
def test_a_course_level_error_still_refuses_the_file(write_config, capsys, text, message):
    config = write_config(text)
    status = main(["check", str(config), "--json"])
    out, err = capsys.readouterr()
    assert (status, out) == (2, "")
    assert err.startswith(f"error: {config}:") and message in err and err.count("\n") == 1


def boom(self):
    raise RuntimeError("an unforeseen bug\nover two lines")


def test_a_crash_in_one_lesson_is_its_error_and_logged(write_config, capsys, monkeypatch):
    monkeypatch.setattr(scenes.mean_value.lesson.MeanValueLesson, "analyze", boom)
    config = write_config(COURSE)
    status, report, err = check_json(config, capsys)
    first, last = report["lessons"][0], report["lessons"][-1]
    log = config.parent / "out" / "logs" / "check" / "first.log"
    assert first["error"] == (f"{config}:2: lessons[0]: internal error while analysing "
                              "lesson 'first': RuntimeError: an unforeseen bug over two "
                              f"lines (log: {log})")
    assert "Traceback" in log.read_text() and "an unforeseen bug" in log.read_text()
    assert last["ok"] and "Traceback" not in err
    assert status == 1  # calcreel's own failure, not the teacher's


def test_with_debug_a_crash_shows_its_traceback(write_config, monkeypatch):
    monkeypatch.setattr(scenes.mean_value.lesson.MeanValueLesson, "analyze", boom)
    with pytest.raises(RuntimeError, match="an unforeseen bug"):
        main(["--debug", "check", str(write_config(COURSE))])


def test_a_crash_while_previewing_one_lesson_spares_the_others(write_config, capsys,
                                                               monkeypatch, tmp_path):
    real = scripts.render.stills

    def stills(job, *args):
        if job.lesson.id == "first":
            raise ValueError("Called Scene.play with no animations")
        return real(job, *args)

    monkeypatch.setattr(scripts.render, "stills", stills)
    config = write_config(COURSE)
    status = main(["preview", str(config), "--out", str(tmp_path / "stills")])
    out, err = capsys.readouterr()
    log = config.parent / "out" / "logs" / "preview" / "landscape" / "first.log"
    assert (f"error: {config}:2: lessons[0]: internal error while previewing the "
            f"landscape stills: ValueError: Called Scene.play with no animations (log: {log})"
            ) in err.splitlines()
    assert len(err.splitlines()) == 5  # the crash and the four refused lessons
    stills_made = sorted(p.name for p in (tmp_path / "stills").iterdir())
    assert stills_made and all(name.startswith("last-") for name in stills_made)
    assert status == 1


@pytest.mark.render
def test_render_makes_the_good_lessons_of_a_course_with_a_bad_one(tmp_path, calcreel):
    config = tmp_path / "course.yaml"
    config.write_text("course: {quality: tiny}\n" + COURSE)
    done = calcreel("render", str(config), "--jobs", "1")
    assert done.returncode == 2, done.stderr
    videos = json.loads((tmp_path / "out" / "manifest.json").read_text())["videos"]
    assert sorted(video["lesson"] for video in videos) == ["first", "last"]
    assert all((tmp_path / "out" / video["file"]).stat().st_size > 1000 for video in videos)
    assert f"{config}:8: lessons[1]: interval [0, 5] must lie inside" in done.stderr
    assert "Traceback" not in done.stderr

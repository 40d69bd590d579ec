"""your_turn: the video poses the worksheet's first exercise, counts down, then shows
its worked answer; a clip still keeps to max_seconds; a lesson with nothing to pose
says so and plays without the beats."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import av
import pytest
from manim import MathTex
from pydantic import TypeAdapter

from scenes.layout_check import layout_problems
from scenes.practice import Table, drill
from scenes.registry import Lesson
from scenes.your_turn import COUNTDOWN, math_cell
from scripts.config import load_course
from scripts.pipeline import analyse, plan, with_analyses
from scripts.practice import posed, solver
from scripts.quality import QUALITIES
from scripts.render import Job, rehearse, timing

ROOT = Path(__file__).resolve().parents[2]
PEAK = {"id": "peak", "kind": "critical_points", "function": "4 - x^2 - 2y^2 + x*y",
        "your_turn": True}


def lesson_of(fields: dict):
    return TypeAdapter(Lesson).validate_python(fields)


@pytest.fixture(scope="module")
def cache(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("cache")


def test_the_posed_exercise_is_the_first_on_the_sheet():
    lesson = lesson_of(PEAK)
    exercise, why = posed(lesson, 10.0)
    sheet = drill(lesson, solver(10.0))
    assert why is None and exercise is not None
    assert exercise.lesson == sheet.exercises[0].lesson
    assert exercise.lesson.function != lesson.function


def test_the_turn_beats_pose_count_down_and_answer_before_the_closing_card(tmp_path,
                                                                           cache):
    lesson = lesson_of(PEAK)
    exercise, _ = posed(lesson, 10.0)
    shown: dict[str, list[str]] = {}
    problems: list[str] = []

    def probe(scene, beat: str) -> None:
        problems.extend(f"{beat}: {p}" for p in layout_problems(scene, scene.layout))
        shown[beat] = [m.tex_string for m in scene.mobjects for m in m.get_family()
                       if isinstance(m, MathTex) and m.tex_string]

    job = Job(lesson, lesson.analyze(), "landscape", QUALITIES["tiny"], "dark",
              exercise=exercise)
    played = rehearse(job, tmp_path / "work", cache, probe)
    names = [b.name for b in played.beats]
    assert names[-3:] == ["your_turn", "answer", "closing"]
    turn = played.beats[-3]
    assert turn.seconds >= COUNTDOWN
    posed_text = " ".join(shown["your_turn"])
    assert exercise.problem()[0].split("$")[1] in posed_text
    on_screen = " ".join(shown["answer"])
    for line in exercise.worked():  # every line and cell shown
        if isinstance(line, Table):
            assert all(math_cell(cell) in shown["answer"] for row in line.rows for cell in row)
        else:
            assert all(piece in on_screen for piece in line.split("$")[1::2]), line
    assert "Local max" in on_screen
    assert problems == []


def test_without_your_turn_the_lesson_has_no_turn_beats(tmp_path, cache):
    lesson = lesson_of(PEAK | {"your_turn": False})
    job = Job(lesson, lesson.analyze(), "landscape", QUALITIES["tiny"], "dark")
    names = [b.name for b in rehearse(job, tmp_path / "work", cache).beats]
    assert "your_turn" not in names and "answer" not in names


def test_table_cells_become_math():
    assert math_cell("$-6$") == "-6"
    assert math_cell("Local max") == r"\text{Local max}"
    assert math_cell("x & y") == r"\text{x \& y}"


def test_a_lesson_with_nothing_to_pose_says_so_in_check(tmp_path):
    # e^x about 1 has e in every coefficient: no variant has a short answer
    (tmp_path / "course.yaml").write_text(
        "course: {quality: tiny, shapes: [landscape]}\nlessons:\n"
        "  - {id: e, kind: taylor, function: e^x, center: 1, degree: 3, your_turn: true,\n"
        "     practice: {vary: {center: [1, 3]}, count: 1}}\n")
    done = subprocess.run([sys.executable, "-m", "scripts.cli", "check",
                           str(tmp_path / "course.yaml")],
                          capture_output=True, text=True, cwd=ROOT, stdin=subprocess.DEVNULL)
    assert done.returncode == 0, done.stderr
    assert (f"warning: {tmp_path / 'course.yaml'}:3: lessons[0] 'e': your_turn: no "
            "exercise to pose, so no 'your turn' beat (practice: 0 of 1 exercises found "
            "in 15 tries; turned down: an answer that is not short (15))") in done.stderr


CLIP = """\
course: {{quality: tiny, shapes: [portrait], max_seconds: {seconds}}}
lessons:
  - {{id: parabola, kind: mean_value, function: x^2, interval: [0, 2], x: [-1, 3],
     your_turn: true}}
"""


def test_a_portrait_clip_with_your_turn_keeps_to_max_seconds(tmp_path):
    config = tmp_path / "course.yaml"
    config.write_text(CLIP.format(seconds=120))
    loaded = load_course(config)
    (job,) = with_analyses(plan(loaded, "tiny"), analyse(loaded))
    natural = timing(job, tmp_path / "work", tmp_path / "cache")
    assert [b.name for b in natural.beats][-3:] == ["your_turn", "answer", "closing"]
    limit = round(natural.seconds * 0.85, 1)  # it must play faster to fit
    config.write_text(CLIP.format(seconds=limit))
    done = subprocess.run([sys.executable, "-m", "scripts.cli", "render", str(config),
                           "--jobs", "1"],
                          capture_output=True, text=True, cwd=ROOT, stdin=subprocess.DEVNULL)
    assert done.returncode == 0, done.stderr
    beats = (tmp_path / "out" / "portrait" / "parabola.beats.json").read_text()
    assert '"your_turn"' in beats and '"answer"' in beats
    with av.open(str(tmp_path / "out" / "portrait" / "parabola.mp4")) as video:
        assert video.duration / av.time_base <= limit + 0.1 + 1e-3  # a frame over at most

"""The command line: the JSON contract, the article's table, exit statuses."""

from __future__ import annotations

import json
from types import SimpleNamespace

import pytest

from scripts.cli import main, parser

COURSE = """
lessons:
  - id: seed
    kind: critical_points
    function: x^3 + y^3 - 3x^2 + 3y^2
  - id: saddle
    kind: surface
    function: x^2 - y^2
    sections: true
"""

@pytest.fixture
def cli(capsys):
    """Run the command line in this process: (status, stdout, stderr)."""

    def run(*args: str):
        try:
            status = main(list(args))
        except SystemExit as stop:
            status = stop.code
        out, err = capsys.readouterr()
        return SimpleNamespace(returncode=status, stdout=out, stderr=err)

    return run


POINT_KEYS = {"x", "y", "xf", "yf", "fxx", "fyy", "fxy", "D", "type", "probe"}


def test_check_json_keeps_the_contract(write_config, cli):
    config = write_config(COURSE)
    result = cli("check", str(config), "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert set(report) == {"config", "lessons"}
    assert report["config"] == str(config)
    seed = report["lessons"][0]
    assert set(seed) == {"id", "kind", "ok", "error", "analysis", "spoken"}
    assert (seed["id"], seed["kind"], seed["ok"], seed["error"], seed["spoken"]) == (
        "seed", "critical_points", True, None, None)  # silent: no voice, nothing spoken
    analysis = seed["analysis"]
    assert set(analysis) == {"function", "gradient", "complete", "points", "curves", "window",
                             "nearest"}
    assert analysis["window"] == {"x": ["-2", "4"], "y": ["-4", "2"]}  # the points, and room
    assert analysis["nearest"] is None
    assert analysis["gradient"] == ["3*x**2 - 6*x", "3*y**2 + 6*y"]
    assert analysis["complete"] is True and analysis["curves"] == []
    points = {(p["x"], p["y"]): p for p in analysis["points"]}
    assert set(points) == {("0", "0"), ("0", "-2"), ("2", "0"), ("2", "-2")}
    assert all(set(p) == POINT_KEYS for p in points.values())
    origin = points[("0", "0")]
    assert (origin["fxx"], origin["fyy"], origin["D"], origin["type"], origin["probe"]) == (
        -6.0, 6.0, -36.0, "saddle", None)
    assert points[("2", "0")]["type"] == "local min"
    assert points[("0", "-2")]["type"] == "local max"


def test_check_prints_the_article_table(write_config, cli):
    result = cli("check", str(write_config(COURSE)))
    assert result.returncode == 0, result.stderr
    rows = [[c.strip() for c in line.split("|")] for line in result.stdout.splitlines()
            if "|" in line]
    assert ["Point", "f_xx", "f_yy", "D", "Type"] in rows
    assert ["(0,0)", "-6", "6", "-36", "Saddle"] in rows


def test_bad_input_is_one_line_and_status_2(write_config, calcreel):
    config = write_config("""
    lessons:
      - id: seed
        kind: critical_points
        function: x^2 +* y
    """)
    result = calcreel("check", str(config))
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"error: {config}:4: lessons[0].function: column ")
    assert "Traceback" not in result.stderr
    refused_course = write_config("lessons: []", name="empty.yaml")
    debug = calcreel("--debug", "check", str(refused_course))
    assert "Traceback" in debug.stderr and debug.returncode != 0


def test_a_failing_lesson_does_not_stop_the_others(write_config, cli):
    config = write_config("""
    lessons:
      - id: nowhere
        kind: critical_points
        function: sqrt(-1 - x^2 - y^2)
      - id: fine
        kind: critical_points
        function: x^2 + y^2
    """)
    result = cli("check", str(config), "--json")
    assert result.returncode == 2
    report = json.loads(result.stdout)
    nowhere, fine = report["lessons"]
    assert nowhere["ok"] is False and nowhere["analysis"] is None
    assert nowhere["error"].startswith(f"{config}:2: lessons[0]: ")
    assert fine["ok"] is True and fine["analysis"]["points"][0]["type"] == "local min"


def test_unknown_lesson_and_listing(write_config, cli):
    config = write_config(COURSE)
    missing = cli("render", str(config), "--lesson", "nope")
    assert missing.returncode == 2 and "no lesson 'nope'" in missing.stderr
    listing = cli("list", str(config))
    assert listing.stdout.split()[:2] == ["seed", "critical_points"]
    kinds = cli("list", "--kinds")
    assert "point-*" in kinds.stdout and "sections" in kinds.stdout


def test_schema_is_json_for_editors(cli):
    result = cli("schema")
    schema = json.loads(result.stdout)
    assert schema["title"] == "calcreel course"
    assert "lessons" in schema["properties"]


@pytest.mark.parametrize("command", ["check", "render", "preview", "watch"])
def test_every_command_with_lessons_takes_them_alike(command):
    args = parser().parse_args([command, "course.yaml", "--lesson", "a", "--lesson", "b"])
    assert (args.lesson, str(args.config)) == (["a", "b"], "course.yaml")
    assert parser().parse_args([command]).lesson == []


def test_preview_is_at_draft_unless_told_and_render_at_the_course_quality():
    assert parser().parse_args(["preview"]).quality == "draft"
    assert parser().parse_args(["render"]).quality is None
    assert parser().parse_args(["watch", "--quality", "high"]).quality == "high"

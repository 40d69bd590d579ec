"""The contour lesson: its captions and report computed from the map, its JSON contract
through `calcreel check --json`, its fields refused when wrong, and a lesson with no
critical point and no arrows played in every beat it has."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from manim import DL, UR
from pydantic import ValidationError

from scenes.contour.lesson import (
    LABELLED,
    ContourLesson,
    arrows_caption,
    label_order,
    legend_lines,
    pass_levels,
    points_caption,
    report,
    settle_caption,
    takeaway,
)
from scenes.layout import LAYOUTS
from scenes.layout_check import layout_problems
from scripts.cli import main
from scripts.quality import QUALITIES
from scripts.render import Job, rehearse

SEED = "x^3 + y^3 - 3x^2 + 3y^2"  # max (0, -2) at 4, min (2, 0) at -4, passes (0, 0), (2, -2) at 0


def lesson(**fields) -> ContourLesson:
    return ContourLesson.model_validate({"id": "t", "kind": "contour", **fields})


@pytest.fixture(scope="module")
def seed():
    return lesson(function=SEED, x=[-1.5, 3.5], y=[-3.5, 1.5]).analyze()


def test_the_levels_hold_the_passes_and_a_ring_round_the_pit_and_the_peak(seed):
    a = seed.contour
    assert a.levels == (-15.0, -10.0, -5.0, -2.0, 0.0, 2.0, 5.0, 10.0, 15.0)
    assert pass_levels(a) == [0.0]
    assert a.ringed((2, 0)) and a.ringed((0, -2))
    # the pass's level first, then each time the level farthest down the list from those
    # chosen (nearer the middle on a tie): the labels spread from lowest to highest
    assert label_order(a) == [0.0, -15.0, 15.0, -5.0, 5.0, -2.0, 2.0, -10.0, 10.0]
    assert label_order(lesson(function="x^2 + y^2", levels=[1, 2, 3, 4, 5]).analyze()
                       .contour) == [3.0, 1.0, 5.0, 2.0, 4.0]  # no pass: the middle first


def test_the_captions_are_computed_from_the_map(seed):
    a = seed.contour
    assert settle_caption(a) == ("Seen from straight above, each height is a curve: 9 levels"
                                 " of f, from -15 to 15, in the surface's colours")
    assert arrows_caption(a).startswith("∇f = (3x² - 6x, 3y² + 6y) points uphill")
    assert points_caption(a) == (
        "A pit at (2, 0) and a peak at (0, -2), each inside closed rings;"
        " passes at (0, 0) and (2, -2), where the level f = 0 crosses itself")
    assert takeaway(a).startswith("Rings close round pits and peaks")
    assert [verdict for _, verdict in legend_lines(a)] == [
        "local max", "saddle", "saddle", "local min"]


def test_two_pits_and_two_peaks_are_named_in_groups():
    a = lesson(function="3x*y*e^(-x^2-y^2)").analyze().contour
    assert points_caption(a) == (
        "Pits at (-√2/2, √2/2) and (√2/2, -√2/2), peaks at (-√2/2, -√2/2) and (√2/2, √2/2),"
        " each inside closed rings; a pass at (0, 0), where the level f = 0 crosses itself")


def test_levels_given_that_miss_the_pass_and_ring_nothing_say_so():
    a = lesson(function="x^4 - 2x^2 + y^2", levels=[5, 6], arrows=False).analyze().contour
    assert a.levels == (5.0, 6.0) and a.arrows == ()
    assert points_caption(a) == ("Pits at (-1, 0) and (1, 0), no level drawn rings them;"
                                 " a pass at (0, 0), on the level f = 0, not drawn")


def test_flat_lines_and_a_flat_plane_are_named_for_what_they_are():
    ridge = lesson(function="sin(x)", x=[-4, 4], y=[-1, 1]).analyze()
    assert points_caption(ridge.contour) == (
        "No isolated critical point: the ground is flat all along x = -π/2 and x = π/2")
    assert "critical curve: x = π/2" in report(ridge).splitlines()
    plane = lesson(function="5").analyze().contour
    assert settle_caption(plane) == ("Seen from straight above, a flat plane: f = 5"
                                     " everywhere, and no level curve")
    assert points_caption(plane) == ("Every point is critical: f is constant,"
                                     " and its map has no curve")


def test_a_monkey_saddle_is_inconclusive_and_its_probe_is_said():
    a = lesson(function="x^3 - 3x*y^2", levels=[-1, 0, 1], arrows=6).analyze()
    assert points_caption(a.contour) == (
        "(0, 0), where the test says nothing; nearby values say saddle")
    assert "(0, 0) | 0 | Inconclusive | probe: saddle" in report(a).splitlines()
    assert len(a.contour.arrows) == 36


def test_the_report_lists_levels_points_and_arrows(seed):
    assert report(seed).splitlines() == [
        "f(x, y) = x³ - 3x² + y³ + 3y²",
        "window: x in [-3/2, 7/2], y in [-7/2, 3/2]",
        "levels: -15, -10, -5, -2, 0, 2, 5, 10, 15",
        "Point   | f  | Type      | on the map",
        "(0, -2) | 4  | Local max | inside closed rings",
        "(0, 0)  | 0  | Saddle    | two level curves cross",
        "(2, -2) | 0  | Saddle    | two level curves cross",
        "(2, 0)  | -4 | Local min | inside closed rings",
        "arrows: 81, |grad f| up to ≈ 16.71",
    ]


def test_check_json_keeps_the_contract(write_config, capsys):
    config = write_config(f"""
        lessons:
          - id: map
            kind: contour
            function: {SEED}
            x: [-1.5, 3.5]
            y: [-3.5, 1.5]
            levels: 6
            arrows: 5
    """)
    assert main(["check", str(config), "--json"]) == 0
    (entry,) = json.loads(capsys.readouterr().out)["lessons"]
    assert (entry["kind"], entry["ok"]) == ("contour", True)
    analysis = entry["analysis"]
    assert set(analysis) == {"function", "levels", "critical"}
    assert analysis["function"] == "x**3 - 3*x**2 + y**3 + 3*y**2"
    assert 0.0 in analysis["levels"] and -2.0 in analysis["levels"] and 2.0 in analysis["levels"]
    assert analysis["levels"] == sorted(analysis["levels"])
    assert {(p["x"], p["y"], p["type"]) for p in analysis["critical"]["points"]} == {
        ("0", "-2", "local max"), ("0", "0", "saddle"), ("2", "-2", "saddle"),
        ("2", "0", "local min")}
    assert analysis["critical"]["window"] == {"x": ["-3/2", "7/2"], "y": ["-7/2", "3/2"]}


@pytest.mark.parametrize("fields, message", [
    ({"levels": 0}, "greater than or equal to 1"),
    ({"levels": [1, "inf"]}, "finite number"),
    ({"arrows": 0}, "greater than or equal to 1"),
    ({"levels": True}, "valid integer"),
])
def test_bad_fields_are_refused(fields, message):
    with pytest.raises(ValidationError, match=message):
        lesson(function=SEED, **fields)


def test_a_map_without_points_or_arrows_plays_clean(tmp_path: Path):
    chosen = lesson(function="x + 2y", x=[-2, 2], y=[-1, 1], arrows=False)
    a = chosen.analyze()
    assert a.contour.critical.points == () and a.contour.arrows == ()
    assert points_caption(a.contour).startswith("No critical point in this window")
    problems: list[str] = []

    def probe(scene, beat: str) -> None:
        problems.extend(f"{beat}: {p}" for p in layout_problems(scene, scene.layout))

    job = Job(chosen, a, "portrait", QUALITIES["tiny"], "dark")
    played = rehearse(job, tmp_path / "work", tmp_path / "cache", probe)
    assert [b.name for b in played.beats] == ["title", "surface", "settle", "points", "closing"]
    assert problems == []


@pytest.mark.parametrize("shape", ["portrait", "square", "landscape"])
def test_the_seed_map_labels_four_levels_and_fills_its_frame(seed, shape, tmp_path: Path):
    """The course's contour-map lesson (the seed): -15, 15, -10 and 10 cross only corners
    of the window and leave their places to the next levels; every label sits on its own
    curve, inside the map, clear of the others. Stacked, the surface spans the width of
    ``main`` and the map grows down past it, into what the notes leave of ``side``."""
    chosen = lesson(function=SEED, x=[-1.5, 3.5], y=[-3.5, 1.5])
    seen: dict[str, object] = {}
    problems: list[str] = []

    def probe(scene, beat: str) -> None:
        problems.extend(f"{beat}: {p}" for p in layout_problems(scene, scene.layout))
        if beat == "surface":
            points = scene.screen(scene.surface.get_all_points())[:, :2]
            seen["surface"] = np.ptp(points, axis=0)
        if beat == "settle":
            corners = scene.screen(scene.map_corners(0.0))[:, :2]
            seen["map"] = (corners.min(axis=0), corners.max(axis=0))
            seen["labels"] = list(scene.labelled)
            seen["boxes"] = []
            for level, label in zip(scene.labelled, scene.labels):
                centre = label.get_center()[:2]
                curve = np.vstack([scene.screen(line.get_anchors())[:, :2]
                                   for line in scene.levels[level]])
                seen["boxes"].append((label.get_corner(DL)[:2], label.get_corner(UR)[:2],
                                      np.linalg.norm(curve - centre, axis=1).min()))

    job = Job(chosen, seed, shape, QUALITIES["tiny"], "dark")
    rehearse(job, tmp_path / "work", tmp_path / "cache", probe)
    assert problems == []
    assert seen["labels"] == [0.0, -5.0, 5.0, -2.0] and len(seen["labels"]) == LABELLED
    low, high = seen["map"]
    for k, (box_low, box_high, off_curve) in enumerate(seen["boxes"]):
        assert off_curve < 0.02  # centred on a vertex of its own level's curve
        assert (box_low >= low).all() and (box_high <= high).all()
        for other_low, other_high, _ in seen["boxes"][k + 1:]:
            assert (box_high < other_low).any() or (other_high < box_low).any()
    main = LAYOUTS[shape].main
    if LAYOUTS[shape].stacked:
        assert seen["surface"][0] >= 0.85 * main.width
        assert (high - low)[1] > main.height  # down past main, into what the notes leave

"""critical_points with ``region:``: the field's four forms and its errors, the window round
the region, the JSON key ``absolute`` (only with a region), the words computed from the
absolute extrema, and the region beats played in every shape without layout problems."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import sympy
import yaml

from mathcore.region import Disk, Inequalities, Polygon, Rectangle
from mathcore.symbols import x, y
from scenes.critical_points.lesson import (
    CriticalPointsLesson,
    absolute_caption,
    candidate_rows,
    outline,
    region_boundary,
    region_caption,
    region_shape,
    report,
    takeaway,
)
from scenes.layout_check import layout_problems
from scripts.config import load_course
from scripts.quality import QUALITIES
from scripts.render import Job, rehearse

PLATE = {"function": "x^2 - 2x*y + 2y", "region": {"x": [0, 3], "y": [0, 2]}}  # Stewart
DISK = {"function": "x^2 + 2y^2 - x", "region": {"center": [0, 0], "radius": 1}}
HALF_DISK = {"function": "x^2 + y^2 - 2y", "region": ["x^2 + y^2 <= 4", "y >= 0"]}


def lesson(**fields) -> CriticalPointsLesson:
    return CriticalPointsLesson.model_validate({"id": "t", "kind": "critical_points", **fields})


@pytest.fixture(scope="module")
def analyses():
    return {name: lesson(**fields).analyze()
            for name, fields in (("plate", PLATE), ("disk", DISK), ("half", HALF_DISK))}


def refusal(region, tmp_path: Path) -> str:
    """The one-line error ``calcreel`` gives a lesson with this region, from its file."""
    course = tmp_path / "course.yaml"
    course.write_text(yaml.safe_dump({"course": {"title": "t"}, "lessons": [
        {"id": "a", "kind": "critical_points", "function": "x*y", "region": region}]}))
    (refused,) = load_course(course).refused
    return str(refused.error).split(": ", 1)[1]


def test_the_four_forms_are_read_as_mathcore_regions():
    assert region_shape(lesson(**PLATE).region) == Rectangle((0, 3), (0, 2))
    assert region_shape(lesson(**DISK).region) == Disk((0, 0), 1)
    triangle = lesson(function="x", region={"vertices": [[0, 0], ["1/2", 0], [0, 1]]}).region
    assert region_shape(triangle) == Polygon(((0, 0), (sympy.Rational(1, 2), 0), (0, 1)))
    half = region_shape(lesson(**HALF_DISK).region)
    assert half == Inequalities((sympy.Le(x**2 + y**2, 4), sympy.Ge(y, 0)))


@pytest.mark.parametrize("region, message", [
    ({"center": [0, 0], "radius": 0},
     "lessons[0].region.disk.radius: a disk's radius must be positive, got 0"),
    ({"center": [0, 0], "radus": 2}, "lessons[0].region.disk.radus: unknown key 'radus'"),
    ({"vertices": [[0, 0], [1, 1], [2, 2]]},
     "lessons[0].region.polygon: the polygon's vertices enclose no area"),
    ({"vertices": [[0, 0], [1, 1]]}, "lessons[0].region.polygon.vertices: list should have"
                                     " at least 3 items, not 2"),
    (["y >= x^2"], "lessons[0].region.inequalities: the region is not bounded"),
    (["x^2 + y^2 <= -1"],
     "lessons[0].region.inequalities: no point satisfies the region's inequalities"),
    (["x <= 1", "x > 0", "y >= 0", "y <= 1"], "lessons[0].region.inequalities[1]: a closed"
     " region takes inequalities with <= or >=, got 'x > 0'"),
    (["x <= 1", "x >= 0", "y <= 1", "y >= 0", "x + y <= 3/2"],
     "lessons[0].region.inequalities: list should have at most 4 items, not 5"),
    ({"x": [1, 0], "y": [0, 1]},
     "lessons[0].region.rectangle.x: expected [min, max] with min < max, got [1, 0]"),
    ({"side": 2}, "lessons[0].region: a region is {x: [a, b], y: [c, d]}, {center: [h, k],"
     " radius: r}, {vertices: [[x, y], ...]} or a list of inequalities"),
])
def test_a_bad_region_is_refused_in_one_line_naming_the_field(region, message, tmp_path):
    error = refusal(region, tmp_path)
    assert error.startswith(message), error
    assert "\n" not in error


def test_the_window_is_chosen_round_the_region_unless_given(analyses):
    assert analyses["plate"].critical.window == ((sympy.Rational(-1, 2), sympy.Rational(7, 2)),
                                                 (sympy.Rational(-1, 2), sympy.Rational(5, 2)))
    assert analyses["disk"].critical.window == ((sympy.Rational(-3, 2), sympy.Rational(3, 2)),
                                                (sympy.Rational(-3, 2), sympy.Rational(3, 2)))
    given = lesson(**PLATE, x=[-5, 5]).analyze().critical.window
    assert given[0] == (-5, 5) and given[1] == analyses["plate"].critical.window[1]


def test_the_json_has_absolute_only_with_a_region(analyses):
    plain = lesson(function=PLATE["function"]).analyze().to_json()
    assert "absolute" not in plain
    data = analyses["plate"].to_json()
    assert set(data) == set(plain) | {"absolute"}
    assert data["absolute"]["max"] == {"value": "9", "valuef": 9.0, "points": [["3", "0"]],
                                       "pointsf": [[3.0, 0.0]]}
    assert sorted(data["absolute"]["min"]["points"]) == [["0", "0"], ["2", "2"]]


def test_the_rectangle_words_come_from_its_candidates(analyses):
    a = analyses["plate"]
    assert region_caption(a.absolute) == ("On the rectangle 0 ≤ x ≤ 3, 0 ≤ y ≤ 2, the"
                                          " candidates: 1 critical point inside, 1 point on"
                                          " an edge and 4 corners")
    assert absolute_caption(a.absolute) == ("f at every candidate: absolute max 9 at (3, 0);"
                                            " absolute min 0 at (2, 2) and (0, 0)")
    assert takeaway(a.critical, a.absolute) == (
        "A closed, bounded region holds both extremes: here the max 9 at a corner,"
        " the min 0 on an edge and at a corner.")
    lines = report(a).splitlines()
    assert lines[lines.index("region: the rectangle 0 ≤ x ≤ 3, 0 ≤ y ≤ 2") + 1:] == [
        "Point  | where    | f",
        "(1, 1) | interior | 1",
        "(2, 2) | edge     | 0",
        "(0, 0) | corner   | 0",
        "(0, 2) | corner   | 4",
        "(3, 0) | corner   | 9",
        "(3, 2) | corner   | 1",
        "absolute max 9 at (3, 0)",
        "absolute min 0 at (2, 2) and (0, 0)",
    ]


def test_the_disk_words_keep_exact_values(analyses):
    a = analyses["disk"].absolute
    assert region_caption(a) == ("On the disk of radius 1 about (0, 0), the candidates:"
                                 " 1 critical point inside and 4 points on the edges")
    assert absolute_caption(a) == ("f at every candidate: absolute max 9/4 at (-1/2, -√3/2)"
                                   " and (-1/2, √3/2); absolute min -1/4 at (1/2, 0)")
    assert "(-1/2, √3/2)  | edge     | 9/4" in report(analyses["disk"])
    assert candidate_rows(a)[0] == [r"\textstyle \left(\frac{1}{2}, 0\right)",
                                    r"\text{interior}", r"\textstyle - \frac{1}{4}"]


def test_the_inequality_region_words_and_edges(analyses):
    a = analyses["half"]
    assert region_caption(a.absolute) == ("On the region x² + y² ≤ 4 and y ≥ 0, the"
                                          " candidates: 1 critical point inside, 2 points"
                                          " on the edges and 2 corners")
    assert absolute_caption(a.absolute) == ("f at every candidate: absolute max 4 at (-2, 0)"
                                            " and (2, 0); absolute min -1 at (0, 1)")
    assert "absolute min -1 at (0, 1)" in report(a).splitlines()
    edge = np.vstack(region_boundary(a.absolute.region, a.critical.window))
    on_arc = np.isclose(np.hypot(edge[:, 0], edge[:, 1]), 2, atol=0.02) & (edge[:, 1] >= -0.02)
    on_line = np.isclose(edge[:, 1], 0, atol=1e-9) & (np.abs(edge[:, 0]) <= 2.02)
    assert (on_arc | on_line).all()
    assert on_arc.sum() > 20 and on_line.sum() > 2
    loop = outline(region_boundary(a.absolute.region, a.critical.window))  # to be filled
    assert len(loop) == len(edge) and np.hypot(*(loop[0] - loop[-1])) < 0.1
    assert outline([np.array([[0.0, 0.0], [1.0, 0.0]])]) is None  # an edge that does not close


@pytest.fixture(scope="module")
def cache(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("cache")


@pytest.mark.parametrize("shape", ["landscape", "portrait", "square"])
@pytest.mark.parametrize("fields", [PLATE, DISK, HALF_DISK], ids=["plate", "disk", "half"])
def test_the_region_beats_play_in_every_shape(fields, shape, tmp_path, cache):
    problems: list[str] = []

    def probe(scene, beat: str) -> None:
        problems.extend(f"{beat}: {p}" for p in layout_problems(scene, scene.layout))

    chosen = lesson(**fields)
    job = Job(chosen, chosen.analyze(), shape, QUALITIES["tiny"], "dark")
    beats = [b.name for b in rehearse(job, tmp_path / "work", cache, probe).beats]
    assert beats[-3:] == ["region", "absolute", "closing"]
    assert problems == []

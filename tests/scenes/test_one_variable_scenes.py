"""The one-variable kinds: captions from the results, model validation, still frames."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest
import sympy
from PIL import Image
from pydantic import ValidationError

from mathcore.wording import interval_text, points_text
from scenes.extrema import lesson as extrema
from scenes.first_principle import lesson as first_principle
from scenes.mean_value import lesson as mean_value
from scenes.notation import decimal, equals, number, plain
from scenes.registry import KINDS
from scripts import render
from scripts.quality import QUALITIES
from scripts.render import Job


def lesson(kind: str, **fields):
    """A validated lesson of ``kind``."""
    return KINDS[kind].lesson.model_validate({"id": "t", "kind": kind, **fields})


# -- first_principle -------------------------------------------------------------------------
@pytest.fixture(scope="module")
def square():
    return lesson("first_principle", function="x^2", at=3, x=[-1, 5]).analyze()


def test_the_slopes_converge_in_the_caption(square):
    assert (first_principle.shrink_caption(square)
            == "As h shrinks, the slope goes 7, 6.1, 6.01, 6.001: toward 6")
    assert "Q sits h = 1 to the right of P" in first_principle.secant_caption(square)
    assert first_principle.secant_caption(square).endswith("= 7")


def test_the_tangent_caption_reads_mathcores_line(square):
    assert first_principle.tangent_caption(square) == "f'(3) = 6: the tangent is y = 6x - 9"
    assert "f'(x) = 2x" in first_principle.algebra_caption(square)
    assert "P = (3, 9)" in first_principle.graph_caption(square)


def test_a_corner_has_two_sides_and_no_tangent():
    fp = lesson("first_principle", function="abs(x)", at=0).analyze()
    assert fp.tangent is None
    assert "from the left the slope tends to -1, from the right to 1" in (
        first_principle.no_tangent_caption(fp).lower())
    assert "does not exist" in first_principle.no_tangent_caption(fp)
    assert first_principle.shrink_caption(fp).endswith("toward 1 from the right, but -1 from "
                                                       "the left")
    assert "tangent: " not in first_principle.report(fp)


def test_a_vertical_tangent_is_called_vertical():
    fp = lesson("first_principle", function="x^(1/3)", at=0).analyze()
    assert "growing without bound" in first_principle.shrink_caption(fp)
    assert "vertical, x = 0" in first_principle.tangent_caption(fp)


def test_decimals_are_exact_when_they_terminate():
    assert decimal(sympy.Rational(6001, 1000), 6.001) == "6.001"
    assert decimal(sympy.Integer(7), 7.0) == "7"
    assert decimal(10 * sympy.sin(sympy.Rational(1, 10)), 0.9983341664682815) == "≈ 0.9983"
    assert decimal(sympy.Rational(-3, 28), -3 / 28) == "≈ -0.1071"
    assert decimal(sympy.Rational(-3, 28), -3 / 28, r"\approx ") == r"\approx -0.1071"
    assert decimal(sympy.Rational(1, 128), 1 / 128) == "0.0078125"
    assert interval_text((sympy.Rational(-5, 2), sympy.pi), number) == f"[-5/2, {plain(sympy.pi)}]"
    assert interval_text(sympy.Interval.Lopen(0, sympy.pi / 2)) == "(0, pi/2]"


def test_points_are_joined_as_a_sentence_and_each_written_as_asked():
    assert points_text([sympy.Integer(-1)]) == "x = -1"
    assert points_text([-1, 1]) == "x = -1 and x = 1"
    assert (points_text([sympy.sqrt(2), sympy.Float(1.07512)], lambda v: equals("x", v))
            == f"x = {plain(sympy.sqrt(2))} and x ≈ 1.075")


def test_first_principle_report_has_the_table(square):
    text = first_principle.report(square)
    assert "0.001 | 6.001" in text and "tangent: y = 6x - 9" in text


# -- mean_value ------------------------------------------------------------------------------
def test_the_c_caption_is_exact():
    mv = lesson("mean_value", function="x^3 - x", interval=[0, 2]).analyze()
    assert mean_value.secant_caption(mv) == "The secant AB has slope (6 - 0)/(2 - 0) = 3"
    c = f"c = {plain(2 * sympy.sqrt(3) / 3)}"  # exact and short: no ≈
    assert "√3" in c or "sqrt(3)" in c
    assert mean_value.solve_caption(mv) == f"Solve f'(c) = 3c² - 1 = 3: {c}"
    assert mean_value.slide_caption(mv) == (f"At {c} the tangent is parallel to the secant: "
                                            "both have slope 3")
    assert c in mean_value.report(mv)


def test_a_pole_voids_the_theorem():
    mv = lesson("mean_value", function="1/x", interval=[-1, 1]).analyze()
    caption = mean_value.hypotheses_caption(mv)
    assert caption == f"The theorem does not apply: {mv.reason}"
    assert "undefined at x = 0" in caption
    assert mean_value.solve_caption(mv).endswith("has no solution in (-1, 1): no c exists")
    assert "does not apply" in mean_value.report(mv)


def test_rolle_is_named_when_the_ends_are_level():
    mv = lesson("mean_value", function="sin(x)", interval=[0, "pi"]).analyze()
    assert "Rolle's theorem" in mean_value.slide_caption(mv)
    assert f"At c = {plain(sympy.pi / 2)} the tangent" in mean_value.slide_caption(mv)


def test_long_exact_values_become_decimals_in_captions():
    mv = lesson("mean_value", function="sin(3x)", interval=[0, 4]).analyze()
    assert mean_value.c_list(mv.points) == "c ≈ 0.5385, c ≈ 1.556, c ≈ 2.633 and c ≈ 3.65"
    assert "the tangents are parallel to the secant: all have" in mean_value.slide_caption(mv)


def test_the_default_window_is_a_little_wider():
    mv = lesson("mean_value", function="x^2", interval=[0, 2]).analyze()
    assert mv.window == (-1, 3)


# -- extrema ---------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def cubic():
    return lesson("extrema", function="x^3 - 3x", x=[-2.5, 3], interval=[-2, 3]).analyze()


def test_each_point_says_its_test(cubic):
    captions = [extrema.verdict(p) for p in cubic.points]
    assert captions == ["At x = -1, f''(-1) < 0: a local max, f(-1) = 2",
                        "At x = 1, f''(1) > 0: a local min, f(1) = -2"]
    assert extrema.derivative_caption(cubic) == ("Candidates: f'(x) = 3x² - 3 = 0 at x = -1 "
                                                 "and x = 1")


def test_the_absolute_extrema_include_the_ends(cubic):
    caption = extrema.absolute_caption(cubic)
    assert "the absolute max is 18 at x = 3" in caption
    assert "the absolute min is -2 at x = -2 and x = 1" in caption


def test_first_derivative_test_and_corners():
    ex = lesson("extrema", function="abs(x)", x=[-1, 1]).analyze()
    (corner,) = ex.points
    assert extrema.verdict(corner).startswith("At x = 0, f' does not exist, but f' changes sign")
    flat = lesson("extrema", function="x^3", x=[-2, 2]).analyze()
    assert "keeps its sign: neither a min nor a max" in extrema.verdict(flat.points[0])


def test_long_exact_points_are_read_as_decimals():
    ex = lesson("extrema", function="x^5 - 3x + 1", x=[-2, 2], interval=[-1.5, 1.5]).analyze()
    assert extrema.verdict(ex.points[0]) == "At x ≈ -0.8801, f'' < 0: a local max, f ≈ 3.112"
    # read as the screen shows them: 131/32 and 3/2, not 4.09375 and 1.5
    assert "the absolute max is 131/32 at x = 3/2" in extrema.absolute_caption(ex)


def test_extrema_report_is_a_table(cubic):
    rows = [[c.strip() for c in line.split("|")] for line in extrema.report(cubic).splitlines()
            if "|" in line]
    assert rows == [["x", "f(x)", "test", "type"],
                    ["-1", "2", "second derivative", "local max"],
                    ["1", "-2", "second derivative", "local min"]]


# -- validation ------------------------------------------------------------------------------
@pytest.mark.parametrize(("kind", "fields", "message"), [
    ("first_principle", {"function": "x^2", "at": 5, "x": [-3, 3]}, "at = 5 must lie inside x"),
    ("first_principle", {"function": "x^2", "at": 2.5, "x": [-3, 3]}, "room for Q"),
    ("first_principle", {"function": "x^2 + y", "at": 0}, "unknown name 'y'"),
    ("mean_value", {"function": "x^2", "interval": [0, 5], "x": [-1, 2]},
     "interval [0, 5] must lie inside x"),
    ("mean_value", {"function": "x^2", "interval": [2, 1]}, "min < max"),
    ("extrema", {"function": "x^2", "x": [-1, 1], "interval": [0, 2]},
     "interval [0, 2] must lie inside x"),
    ("extrema", {"function": "x^2", "narration": {"table": "hi"}}, "unknown beat 'table'"),
])
def test_bad_lessons_are_refused_clearly(kind, fields, message):
    with pytest.raises(ValidationError, match=message.replace("[", r"\[")):
        lesson(kind, **fields)


def test_point_beats_accept_narration():
    ex = lesson("extrema", function="x^2", narration={"point-1": "the bottom"})
    assert ex.narration == {"point-1": "the bottom"}


def test_the_default_first_principle_window_is_centred():
    assert lesson("first_principle", function="x^2", at=3).analyze().window == (0, 6)
    assert lesson("first_principle", function="sqrt(x)", at=0).analyze().window == (0, 3)


# -- still frames ----------------------------------------------------------------------------
STILLS = [
    ("first_principle", {"function": "x^2", "at": 3, "x": [-1, 5]},
     ["title", "graph", "secant", "shrink", "algebra", "tangent", "closing"]),
    ("first_principle", {"function": "abs(x)", "at": 0, "x": [-2, 2]},
     ["title", "graph", "secant", "shrink", "algebra", "no-tangent", "closing"]),
    ("mean_value", {"function": "x^3 - x", "interval": [0, 2]},
     ["title", "graph", "secant", "hypotheses", "solve", "slide", "closing"]),
    ("mean_value", {"function": "1/x", "interval": [-1, 1]},
     ["title", "graph", "secant", "hypotheses", "solve", "closing"]),
    ("extrema", {"function": "x^3 - 3x", "x": [-2.5, 3], "interval": [-2, 3]},
     ["title", "graph", "derivative", "point-1", "point-2", "absolute", "closing"]),
]


@pytest.fixture(scope="module")
def cache(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("cache")


@pytest.mark.parametrize(("kind", "fields", "beats"), STILLS,
                         ids=[f"{k}-{f['function']}" for k, f, _ in STILLS])
def test_still_frames(kind, fields, beats, tmp_path, cache, monkeypatch):
    built, original = [], render.build_scene

    def keep(job, *args, **options):
        built.append(original(job, *args, **options))
        return built[-1]

    monkeypatch.setattr(render, "build_scene", keep)
    chosen = lesson(kind, **fields)
    job = Job(chosen, chosen.analyze(), "landscape", QUALITIES["tiny"], "dark")
    paths = render.stills(job, tmp_path / "work", cache, tmp_path / "stills")
    # stills are named <lesson>-<shape>-<number>-<beat>
    assert [re.match(r".*?-\d{2}-(.*)", p.stem)[1] for p in paths] == beats
    assert built[0].poster_image is not None
    assert 25 <= built[0].time <= 45, "a video should run 25 to 45 seconds"
    for path in paths[1:-1]:  # the title and closing beats end on a cleared frame
        pixels = np.asarray(Image.open(path).convert("L"), dtype=float)
        assert pixels.std() > 5, f"{path.name} looks blank"

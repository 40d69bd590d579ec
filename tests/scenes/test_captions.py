"""Captions and notation are written from computed results."""

from __future__ import annotations

import pytest
import sympy

from mathcore.critical import critical_points
from mathcore.surface import analyze_surface
from mathcore.symbols import x, y
from scenes.critical_points.lesson import CriticalPointsAnalysis, report, tally, verdict
from scenes.notation import plain, point

SEED = x**3 + y**3 - 3 * x**2 + 3 * y**2
WINDOW = ((-3, 3), (-3, 3))


def test_plain_reads_like_a_teacher_writes():
    assert plain(3 * x**2 - 6 * x) == "3x² - 6x"
    assert plain(12 * x * y) == "12xy"
    assert plain(sympy.sqrt(3) / 3) == "√3/3"
    assert plain(sympy.pi / 2) == "π/2"
    assert plain(sympy.sqrt(x + 1)) == "√(x + 1)"
    assert plain(x * sympy.sin(y)) == "x·sin(y)"
    assert point(sympy.Integer(0), sympy.Integer(-2)) == "(0, -2)"


def test_verdicts_for_the_seed_example():
    analysis = critical_points(SEED, WINDOW)
    captions = {point(p.x, p.y): verdict(p) for p in analysis.points}
    assert captions["(0, 0)"] == "At (0, 0), D = -36 < 0: a saddle"
    assert captions["(2, 0)"] == "At (2, 0), D = 36 > 0 and f_xx = 6 > 0: a local min"
    assert captions["(0, -2)"] == "At (0, -2), D = 36 > 0 and f_xx = -6 < 0: a local max"
    assert tally(analysis.points) == "1 local max, 2 saddles and 1 local min"


def test_inconclusive_points_say_what_the_probe_found():
    (origin,) = critical_points(x**4 + y**4, WINDOW).points
    assert verdict(origin) == ("At (0, 0), D = 0: the test says nothing;"
                               " nearby values say local min")
    (cone,) = critical_points(sympy.sqrt(x**2 + y**2), WINDOW).points
    assert "cannot be applied" in verdict(cone) and "local min" in verdict(cone)


def test_check_prints_the_articles_row():
    analysis = CriticalPointsAnalysis(critical_points(SEED, WINDOW),
                                      analyze_surface(SEED, *WINDOW))
    rows = [line.split("|") for line in report(analysis).splitlines() if "|" in line]
    cells = [[c.strip() for c in row] for row in rows]
    assert cells[0] == ["Point", "f_xx", "f_yy", "D", "Type"]
    assert ["(0,0)", "-6", "6", "-36", "Saddle"] in cells
    assert len(cells) == 5


@pytest.mark.parametrize("count", [2, 3])
def test_a_caption_never_breaks_inside_a_point_or_before_an_operator(count):
    from scenes.base import OPERATORS, _lines

    text = ("A pit at (2, 0) and a peak at (0, -2), each inside closed rings; passes at "
            "(0, 0) and (2, -2), where the level f = 0 crosses itself")
    lines = _lines(text, count).splitlines()
    assert len(lines) == count and " ".join(lines) == text
    for line in lines:
        assert line.count("(") == line.count(")"), lines
        assert line.split()[0] not in OPERATORS, lines


@pytest.mark.parametrize("count", [2, 3])
def test_a_caption_breaks_between_words_not_after_an_operator_inside_a_formula(count):
    from scenes.base import OPERATORS, _lines

    text = "z = x³ - 3x² + y³ + 3y² for x in [-3/2, 7/2], y in [-7/2, 3/2]"
    lines = _lines(text, count).splitlines()
    assert len(lines) == count and " ".join(lines) == text
    assert lines[0].startswith("z = x³ - 3x² + y³ + 3y²"), lines  # the formula kept whole
    for line in lines:
        assert line.split()[-1] not in OPERATORS and line.split()[0] not in OPERATORS, lines


def test_a_formula_with_no_space_outside_it_is_still_broken_into_lines():
    from scenes.base import _lines

    assert _lines("a + b + c + d", 2).count("\n") == 1

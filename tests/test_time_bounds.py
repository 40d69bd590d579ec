"""Time bounds: the course's deadline reaches every symbolic step, a lesson that
overruns fails alone, and formulas that would explode are refused before sympy."""

from __future__ import annotations

import json
import sys
import time
from types import SimpleNamespace

import pytest
import sympy

from mathcore.critical import critical_points
from mathcore.deadline import (
    DEFAULT_SECONDS,
    LESSON_DEADLINES,
    _Overrun,
    current_default,
    default_deadline,
    time_limit,
)
from mathcore.errors import ParseError, SolveTimeout
from mathcore.parse import MAX_DEGREE, MAX_TERMS, parse_formula
from scripts.cli import main

SLOW = "x^4 + y^4 + x*y"  # its analysis is slowed on purpose below


def spin(seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        pass


def test_the_default_deadline_follows_the_innermost_setting():
    assert current_default() == 5.0
    with default_deadline(2):
        with default_deadline(0.05):
            assert current_default() == 0.05
            with pytest.raises(SolveTimeout) as caught:
                with time_limit(DEFAULT_SECONDS, "solve f_x = f_y = 0"):
                    spin(2.0)
            assert str(caught.value) == "could not solve f_x = f_y = 0 within 0.05 s"
        assert current_default() == 2
    assert current_default() == 5.0


def test_an_explicit_time_is_not_replaced_by_the_default():
    with default_deadline(0.01), time_limit(5.0, "wait a little"):
        spin(0.1)


@pytest.mark.parametrize("seconds", [0, -1, float("nan")])
def test_a_default_deadline_must_be_positive(seconds):
    with pytest.raises(ValueError, match="a time limit must be positive"):
        with default_deadline(seconds):
            pass


def test_an_alarm_swallowed_by_a_finalizer_prints_nothing(capsys):
    printed = []
    outer = sys.unraisablehook
    sys.unraisablehook = printed.append
    try:
        with time_limit(1.0, "wait"):
            sys.unraisablehook(SimpleNamespace(exc_value=_Overrun()))
            other = SimpleNamespace(exc_value=ValueError("shown"))
            sys.unraisablehook(other)
        assert printed == [other]
    finally:
        sys.unraisablehook = outer
    assert capsys.readouterr().err == ""


def test_past_the_deadline_the_numeric_path_takes_over():
    f = parse_formula("x^4 + y^4 - 4x*y + 1")
    domain = ((-2, 2), (-2, 2))
    exact = critical_points(f, domain)
    with default_deadline(0.01):
        numeric = critical_points(f, domain)
    assert exact.complete and not numeric.complete
    assert len(numeric.points) == len(exact.points) == 3
    for point in exact.points:
        assert any(abs(float(p.xf) - float(point.xf)) < 1e-6
                   and abs(float(p.yf) - float(point.yf)) < 1e-6 for p in numeric.points)


def test_a_lesson_past_its_deadline_fails_alone(write_config, capsys, monkeypatch):
    """The step is slowed on purpose (it spins until stopped), so the lesson overruns its
    budget on any machine, however fast; the other lesson is analysed all the same. The
    budget (10 s) is many times what the easy lesson needs even on a loaded machine: at
    0.1 s a step, its 1 s ran out when the tests ran beside renders."""
    import scenes.critical_points.lesson

    real = scenes.critical_points.lesson.critical_points

    def slowed(expr, domain, *args, **kwargs):
        if expr == parse_formula(SLOW):
            spin(float("inf"))
        return real(expr, domain, *args, **kwargs)

    monkeypatch.setattr(scenes.critical_points.lesson, "critical_points", slowed)
    config = write_config(f"""
        course:
          deadline: 1
        lessons:
          - id: slow
            kind: critical_points
            function: {SLOW}
          - id: easy
            kind: critical_points
            function: x^2 + y^2
    """)
    status = main(["check", str(config), "--json"])
    out, err = capsys.readouterr()
    budget = LESSON_DEADLINES * 1
    message = f"{config}:4: lessons[0]: could not analyse lesson 'slow' within {budget:g} s"
    assert err == f"error: {message}\n"
    assert status == 2
    lessons = {lesson["id"]: lesson for lesson in json.loads(out)["lessons"]}
    assert lessons["slow"]["ok"] is False and lessons["slow"]["error"] == message
    assert lessons["easy"]["ok"] is True
    assert len(lessons["easy"]["analysis"]["points"]) == 1


@pytest.mark.parametrize("formula, column, message", [
    ("(x+y+1)^100", 8, "(x+y+1)^100 is too large to work with: expanded, it would have "
                       f"about 5,151 terms (at most {MAX_TERMS:,})"),
    ("(1+x+y)^50*(2+x-y)^50", 11, "(1+x+y)^50*(2+x-y)^50 is too large to work with: expanded, "
                                  f"it would have about 5,151 terms (at most {MAX_TERMS:,})"),
    ("(x^3+y^3+x*y+1)^100", 16, "(x^3+y^3+x*y+1)^100 is too large to work with: its degree "
                                f"would be 300 (at most {MAX_DEGREE})"),
    ("x^100*y^100*x", 12, f"x^100*y^100*x is too large to work with: its degree would be 201 "
                          f"(at most {MAX_DEGREE})"),
    ("sin((x+y+2)^90)", 12, "(x+y+2)^90 is too large to work with: expanded, it would have "
                            f"about 4,186 terms (at most {MAX_TERMS:,})"),
    ("(x+y)^10000", 6, "the exponent 10000 is too large (at most 100 in size)"),
    ("(x^2+1)^5000", 8, "the exponent 5000 is too large (at most 100 in size)"),
])
def test_an_explosive_formula_is_refused_before_it_is_expanded(formula, column, message,
                                                               monkeypatch):
    def no_expansion(*args, **kwargs):
        raise AssertionError("the formula was expanded")

    monkeypatch.setattr(sympy, "expand", no_expansion)
    monkeypatch.setattr(sympy.Expr, "expand", no_expansion)
    with pytest.raises(ParseError) as caught:
        parse_formula(formula)
    assert str(caught.value) == f"column {column}: {message}"


@pytest.mark.parametrize("formula", [
    "(x+y)^100", "(1+x)^100*(2+x)^100", "(x+1)*(x+2)*(x+3)*(x+4)*(x+5)*(x+6)*(x+7)*(x+8)",
    "(x^2+y^2-1)^3 - x^2*y^3", "sin(x)^100*cos(y)^100", "x^100*y^100", "(x+y+1)^60",
])
def test_large_but_workable_formulas_are_still_read(formula):
    parse_formula(formula)

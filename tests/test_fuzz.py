"""Fuzzing: formulas and course files, valid and broken, never crash or hang anything.

``make test`` runs a small, fixed sample (about 150 examples); ``make fuzz``
(``CALCREEL_FUZZ=1``) runs over 10 000 random ones. Properties:

* ``parse_formula`` / ``parse_equation`` / ``parse_number`` return a sympy
  expression or raise ``MathError``, quickly, and the message is one line;
* ``load_course`` returns a course or raises ``ConfigError``, one line;
* ``calcreel check`` exits 0 or 2 and never prints a traceback;
* random textbook-style lessons (polynomials, exponentials, trig; windows left out)
  are checked and previewed without an internal error, and never refused for a
  window they did not give.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
import sympy
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from mathcore.errors import MathError
from mathcore.parse import parse_equation, parse_formula, parse_number
from scripts.cli import main
from scripts.config import ConfigError, LoadedCourse, load_course

FUZZ = os.environ.get("CALCREEL_FUZZ") == "1"
ROOT = Path(__file__).resolve().parent.parent
HANG = 60.0  # seconds: a parse or load this long has hung (they take milliseconds)


def fuzz_settings(ci: int, fuzz: int):
    """``ci`` fixed examples under ``make test``, ``fuzz`` random ones under ``make fuzz``."""
    return settings(max_examples=fuzz if FUZZ else ci, derandomize=not FUZZ, deadline=None,
                    database=None, print_blob=True,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                           HealthCheck.function_scoped_fixture])


# -- formulas --------------------------------------------------------------------------

ALLOWED = ["x", "y", "pi", "e", "a", "sin", "cos", "tan", "sec", "asin", "atan", "sinh",
           "acosh", "exp", "log", "ln", "sqrt", "cbrt", "root", "abs", "arctan",
           "0", "1", "2", "3", "10", "0.5", ".5", "1e3", "2.5E-2", "100", "7",
           "+", "-", "*", "/", "^", "**", "(", ")", ",", " ", "\u2212", "\u00b7"]
HOSTILE = ["__import__", "__class__", "lambda", ":", ".", "'", '"', "[", "]", "{", "}",
           "eval", "open", "os", "system", "f'", "!", "@", "%", "//", "~", "<", ">", "==",
           "=", "&", "|", "\\", ";", "#", "\u0445", "\u03c0", "\u00b2", "\x00", "\t", "\n",
           "\u200b", "9" * 40, "1e999", "if", "else", "for", "in", "not", "and", "j", "oo",
           "nan", "xy", "sinx", "Sin", "08", "1__0", "$", "`", "?", "\ud800"]

token_soup = st.lists(st.sampled_from(ALLOWED + HOSTILE), max_size=40).map("".join)
allowed_soup = st.lists(st.sampled_from(ALLOWED), max_size=40).map("".join)

NUMBERS = st.sampled_from(["0", "1", "2", "3", "0.5", "10", "100", "1/3", "pi", "e", "1e-3"])
ATOMS = st.one_of(NUMBERS, st.sampled_from(["x", "y", "x", "y"]))
FUNCTIONS = ["sin", "cos", "tan", "exp", "log", "sqrt", "abs", "cbrt", "atan", "sinh"]


def _extend(inner):
    return st.one_of(
        st.tuples(inner, st.sampled_from(["+", "-", "*", "/", "^", ""]), inner).map(
            lambda t: f"({t[0]}){t[1]}({t[2]})"),
        st.tuples(st.sampled_from(FUNCTIONS), inner).map(lambda t: f"{t[0]}({t[1]})"),
        st.tuples(inner, st.integers(-3, 150)).map(lambda t: f"({t[0]})^{t[1]}"),
        inner.map(lambda s: f"-{s}"),
    )


well_formed = st.recursive(ATOMS, _extend, max_leaves=12)
formulas = st.one_of(well_formed, token_soup, allowed_soup, st.text(max_size=60))


def check_one_line(error: Exception) -> None:
    text = str(error)
    assert text and "\n" not in text and "\r" not in text, repr(text)


def timed(function, *args):
    started = time.perf_counter()
    try:
        return function(*args)
    finally:
        assert time.perf_counter() - started < HANG, f"{function.__name__}{args!r} hung"


@fuzz_settings(ci=70, fuzz=6000)
@given(formulas)
@example("000000000000000000000000000000E0000000000")  # found by make fuzz: a ValueError
@example("x + sqrt(\n-1)")  # a line break in the message
def test_a_formula_is_read_or_refused(text):
    for parse, args in ((parse_formula, (text,)), (parse_formula, (text, ("x",), ("a",))),
                        (parse_equation, (text,)), (parse_equation, (f"{text} = 1",)),
                        (parse_number, (text,))):
        try:
            result = timed(parse, *args)
        except MathError as error:
            check_one_line(error)
        else:
            assert isinstance(result, sympy.Expr)
            assert result.free_symbols <= {sympy.Symbol("x", real=True),
                                           sympy.Symbol("y", real=True),
                                           *(s for s in result.free_symbols if s.name == "a")}


# -- course files ----------------------------------------------------------------------

KINDS = ["surface", "critical_points", "first_principle", "graphs", "implicit",
         "mean_value", "taylor", "extrema", "surfase", None]
scalars = st.one_of(st.none(), st.booleans(), st.integers(-10**40, 10**40),
                    st.floats(allow_nan=True), st.text(max_size=20), NUMBERS)
anything = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=8), inner, max_size=3)),
    max_leaves=8)
ranges = st.one_of(st.tuples(NUMBERS, NUMBERS).map(list),
                   st.lists(st.one_of(NUMBERS, st.integers(-5, 5)), max_size=3), anything)
simple_functions = st.one_of(
    st.sampled_from(["x^2 - y^2", "x^3 - 3x", "sin(x)", "1/x", "x^2 + y^2", "exp(-x^2)",
                     "sqrt(x)", "x*y", "ln(x)", "tan(x)", "abs(x)", "x^(1/3)"]),
    well_formed, token_soup)
lesson = st.fixed_dictionaries(
    {"id": st.one_of(st.sampled_from(["a", "b", "lesson-1"]), st.text(max_size=6)),
     "kind": st.sampled_from(KINDS)},
    optional={"function": st.one_of(simple_functions, anything), "x": ranges, "y": ranges,
              "interval": ranges, "at": st.one_of(NUMBERS, ranges), "center": NUMBERS,
              "degree": st.integers(-2, 25), "sections": st.booleans(),
              "equation": st.sampled_from(["x^2 + y^2 = 4", "y^2 = x^3 - x", "x = ", "x*y"]),
              "functions": st.lists(simple_functions, max_size=3),
              "narration": st.dictionaries(st.sampled_from(["title", "closing", "nope"]),
                                           st.text(max_size=10), max_size=2),
              "extra": anything})
courses = st.fixed_dictionaries(
    {"lessons": st.one_of(st.lists(lesson, max_size=3), anything)},
    optional={"course": st.one_of(
        st.fixed_dictionaries({}, optional={
            "title": st.text(max_size=10), "quality": st.sampled_from(["draft", "ultra"]),
            "deadline": st.sampled_from([0.5, 0, -1, "soon"]), "output": st.just("out")}),
        anything)})

YAML_BITS = ["[", "]", "{", "}", ":", ": ", "-", "- ", ",", "#", "&a", "*a", "!!",
             "!!python/name:os.system ", "|", ">", "'", '"', "\t", "\n", "  ", "%", "@",
             "`", "?", "---\n", "\x00", "\ufeff",
             "<<: ", "!!binary ", "2001-02-30", "0x", "1e999", "~", "\u0445"]


@st.composite
def course_texts(draw):
    """A course as YAML text: dumped from a generated document, then maybe broken."""
    text = yaml.safe_dump(draw(courses), allow_unicode=draw(st.booleans()), sort_keys=False)
    for _ in range(draw(st.integers(0, 4))):
        at = draw(st.integers(0, len(text)))
        if draw(st.booleans()):
            text = text[:at] + draw(st.sampled_from(YAML_BITS)) + text[at:]
        else:
            text = text[:at] + text[at + draw(st.integers(1, 5)):]
    return text


one_variable = st.one_of(st.sampled_from(["x^3 - 3x", "sin(x)", "1/x", "exp(-x^2)", "sqrt(x)",
                                          "ln(x)", "tan(x)", "abs(x)", "x^(1/3)", "x^2"]),
                         well_formed)
windows = st.sampled_from([[-3, 3], [-1, 2], [0, 1], ["-pi", "pi"], [0.5, 4]])
valid_lessons = st.one_of(
    st.fixed_dictionaries({"kind": st.sampled_from(["surface", "critical_points"]),
                           "function": simple_functions, "x": windows, "y": windows}),
    st.fixed_dictionaries({"kind": st.just("taylor"), "function": one_variable,
                           "center": st.sampled_from([0, 1, "pi/4"]),
                           "degree": st.integers(0, 6)}),
    st.fixed_dictionaries({"kind": st.sampled_from(["extrema", "mean_value"]),
                           "function": one_variable, "interval": windows,
                           "x": st.just([-4, 5])}),
    st.fixed_dictionaries({"kind": st.just("first_principle"), "function": one_variable,
                           "at": st.sampled_from([0, 1, -2, "pi/3"])}),
    st.fixed_dictionaries({"kind": st.just("graphs"),
                           "functions": st.lists(one_variable, min_size=1, max_size=2)}),
    st.fixed_dictionaries({"kind": st.just("implicit"), "equation": st.sampled_from(
        ["x^2 + y^2 = 4", "y^2 = x^3 - x", "x^3 + y^3 = 6x*y", "x*y = 1"])}),
)


@st.composite
def valid_course_texts(draw):
    """A course that is probably valid (some formulas are not): it reaches the analysis."""
    lessons = draw(st.lists(valid_lessons, min_size=1, max_size=2))
    for index, lesson in enumerate(lessons):
        lesson["id"] = f"l{index}"
    course = {"course": {"deadline": 0.3}, "lessons": lessons}
    return yaml.safe_dump(course, sort_keys=False)


yaml_files = st.one_of(course_texts(), st.text(max_size=200),
                       st.lists(st.sampled_from(YAML_BITS + ["lessons", "id", "kind", "x"]),
                                max_size=30).map("".join))


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "course.yaml"
    path.write_bytes(text.encode("utf-8", "surrogatepass"))
    return path


@fuzz_settings(ci=60, fuzz=4000)
@given(text=yaml_files)
@example(text='lessons: []\ncourse:\n  "\\r": null\n')  # found by make fuzz: a 2-line error
def test_a_course_file_loads_or_is_refused(tmp_path, text):
    path = write(tmp_path, text)
    try:
        loaded = timed(load_course, path)
    except ConfigError as error:
        check_one_line(error)
        assert str(error).startswith(f"{path}:")
        assert error.line >= 1
    else:
        assert isinstance(loaded, LoadedCourse)


@fuzz_settings(ci=12, fuzz=300)
@given(text=st.one_of(valid_course_texts(), course_texts()))
def test_check_exits_0_or_2_without_a_traceback(tmp_path, capsys, text):
    document = text if "deadline" in text else "course:\n  deadline: 0.3\n" + text
    path = write(tmp_path, document)
    try:
        status = main(["check", str(path)])
    except SystemExit as stop:  # argparse
        status = stop.code
    out, err = capsys.readouterr()
    assert status in (0, 2), err
    assert "Traceback" not in out + err
    lines = err.splitlines()
    assert all(line.startswith("error: ") for line in lines), err
    assert (status == 2) == bool(lines)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["course.yaml"]


# -- textbook lessons: valid, windows left out -----------------------------------------

small = st.integers(-4, 4)
nonzero = small.filter(bool)


def polynomial(variable: str) -> st.SearchStrategy[str]:
    """a_n v^n + ... + a_0, degree 1 to 4, small whole coefficients."""
    return st.lists(small, min_size=2, max_size=5).filter(lambda c: any(c[1:])).map(
        lambda c: " + ".join(f"({a})*{variable}^{n}" for n, a in enumerate(c) if a) or "0")


textbook_functions = st.one_of(
    polynomial("x"),
    st.tuples(nonzero, nonzero, small).map(lambda t: f"{t[0]}*e^({t[1]}*x) + {t[2]}"),
    st.tuples(nonzero, st.integers(1, 3), small).map(lambda t: f"{t[0]}*sin({t[1]}*x) + {t[2]}"),
    st.tuples(nonzero, st.integers(1, 3)).map(lambda t: f"{t[0]}*cos({t[1]}*x) + x"),
    st.tuples(polynomial("x"), nonzero).map(lambda t: f"({t[0]})*e^({t[1]}*x/4)"),
)
textbook_surfaces = st.tuples(nonzero, nonzero, small, small, small).map(
    lambda t: f"({t[0]})*x^2 + ({t[1]})*y^2 + ({t[2]})*x*y + ({t[3]})*x + ({t[4]})*y")
interval = st.tuples(st.integers(-5, 5), st.integers(1, 6)).map(lambda t: [t[0], t[0] + t[1]])
textbook_lessons = st.one_of(
    st.fixed_dictionaries({"kind": st.just("extrema"), "function": textbook_functions},
                          optional={"interval": interval}),
    st.fixed_dictionaries({"kind": st.just("mean_value"), "function": textbook_functions,
                           "interval": interval}),
    st.fixed_dictionaries({"kind": st.just("taylor"), "function": textbook_functions,
                           "center": st.integers(-8, 8), "degree": st.integers(0, 5)}),
    st.fixed_dictionaries({"kind": st.just("first_principle"), "function": textbook_functions,
                           "at": st.integers(-8, 8)}),
    st.fixed_dictionaries({"kind": st.sampled_from(["critical_points", "surface"]),
                           "function": textbook_surfaces}),
)


def textbook_course(lessons: list[dict], shapes: list[str] | None = None) -> str:
    for index, lesson in enumerate(lessons):
        lesson["id"] = f"l{index}"
    course = {"deadline": 2} | ({"shapes": shapes} if shapes else {})
    return yaml.safe_dump({"course": course, "lessons": lessons}, sort_keys=False)


def assert_no_internal_error(status: int, err: str) -> None:
    assert status in (0, 2), err
    assert "Traceback" not in err and "internal error" not in err, err
    assert "outside the window" not in err and "must lie inside" not in err, err


@fuzz_settings(ci=15, fuzz=300)
@given(lessons=st.lists(textbook_lessons, min_size=1, max_size=3))
def test_a_textbook_lesson_is_checked_without_an_internal_error(tmp_path, capsys, lessons):
    path = write(tmp_path, textbook_course(lessons))
    status = main(["check", str(path), "--json"])
    out, err = capsys.readouterr()
    assert_no_internal_error(status, err)
    assert len(json.loads(out)["lessons"]) == len(lessons)


@pytest.mark.render
@fuzz_settings(ci=3, fuzz=40)
@given(lesson=textbook_lessons, shape=st.sampled_from(["landscape", "portrait", "square"]))
def test_a_textbook_lesson_is_previewed_without_an_internal_error(tmp_path_factory, lesson,
                                                                  shape):
    folder = tmp_path_factory.mktemp("preview")
    path = write(folder, textbook_course([lesson], [shape]))
    done = subprocess.run([sys.executable, "-m", "scripts.cli", "preview", str(path),
                           "--quality", "tiny", "--out", str(folder / "stills")],
                          capture_output=True, text=True, cwd=ROOT, timeout=600,
                          stdin=subprocess.DEVNULL)
    assert_no_internal_error(done.returncode, done.stderr)
    if done.returncode == 0:
        assert list((folder / "stills").glob("l0-*-closing.png"))


@pytest.mark.skipif(not FUZZ, reason="make fuzz only")
def test_fuzz_mode_runs_over_ten_thousand_examples():
    assert 6000 + 4000 + 300 + 300 + 40 >= 10_000

"""The corpus: textbook exercises with their published answers, checked by the real
``calcreel check --json``.

Each ``tests/corpus/<kind>.yaml`` is a list of exercises::

    - source: "Active Calculus 3.3, exercise 2"   # book, section, exercise
      lesson:                                     # as a teacher writes it: no window
        kind: extrema                             # unless the exercise gives one
        function: 4sqrt(x) - x^2
        interval: [0, 4]
      answer:                                     # the book's answer, in the kind's terms
        points: [{x: "4^(-1/3)", type: local max}]
      book_error: "..."                           # only where the book is wrong: why

A whole kind's file is one course (lesson ids ``<kind>-<n>``, n from 1), checked in
one process; each exercise is then its own test. A test module names its kind and
keeps its tests on one xdist worker, so the file is checked once::

    KIND = "extrema"
    pytestmark = pytest.mark.xdist_group("corpus-extrema")

    def test_the_critical_points_match_the_book(exercise, analysis): ...
"""

from __future__ import annotations

import fcntl
import json
import os
import subprocess
import sys
from functools import cache
from pathlib import Path

import pytest
import sympy
import yaml

from mathcore.parse import parse_formula, parse_relation, parse_sides

CORPUS = Path(__file__).resolve().parent
ROOT = CORPUS.parent.parent


@cache
def exercises(kind: str) -> tuple[dict, ...]:
    """The exercises of one kind, each with its lesson ``id`` filled in."""
    items = yaml.safe_load((CORPUS / f"{kind}.yaml").read_text())
    for number, item in enumerate(items, 1):
        item["lesson"] = {"id": f"{kind.replace('_', '-')}-{number}", **item["lesson"]}
    return tuple(items)


@cache
def checked(kind: str, folder: Path) -> dict[str, dict]:
    """``calcreel check --json`` of the kind's whole file: lesson id -> its JSON. Under
    xdist the workers share one check per kind and run (the first checks, under a lock,
    the others read what it wrote), even when a kind's tests land on both workers."""
    run = os.environ.get("PYTEST_XDIST_TESTRUNUID")
    if run is None:
        return _check(kind, folder)
    shared = folder.parent.parent / f"corpus-{run}"
    shared.mkdir(exist_ok=True)
    with open(shared / f"{kind}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        done = shared / f"{kind}.json"
        if not done.exists():
            done.write_text(json.dumps(_check(kind, folder)))
        return json.loads(done.read_text())


def _check(kind: str, folder: Path) -> dict[str, dict]:
    course = folder / f"{kind}.yaml"
    course.write_text(yaml.safe_dump(
        {"course": {"title": f"corpus: {kind}"},
         "lessons": [item["lesson"] for item in exercises(kind)]}, sort_keys=False))
    done = subprocess.run([sys.executable, "-m", "scripts.cli", "check", str(course), "--json"],
                          capture_output=True, text=True, cwd=ROOT, timeout=1800,
                          stdin=subprocess.DEVNULL)
    assert "Traceback" not in done.stderr, done.stderr
    try:
        report = json.loads(done.stdout)
    except ValueError:
        pytest.fail(f"check printed no JSON (exit {done.returncode}): {done.stderr}")
    return {lesson["id"]: lesson for lesson in report["lessons"]}


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """A test that takes ``exercise`` runs once per exercise of its module's KIND."""
    if "exercise" in metafunc.fixturenames:
        items = exercises(metafunc.module.KIND)
        metafunc.parametrize("exercise", items, ids=[
            f"{item['lesson']['id']} {item['source']}" for item in items])


@pytest.fixture(scope="session")
def corpus_exercises():
    """``exercises``, for tests that pick exercises by kind and number."""
    return exercises


@pytest.fixture(scope="session")
def corpus_folder(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("corpus")


@pytest.fixture
def analysis(exercise: dict, corpus_folder: Path, request: pytest.FixtureRequest) -> dict:
    """The exercise's analysis from ``check --json``; fails with the lesson's error. The
    file checked is the module's KIND (region.yaml holds critical_points lessons)."""
    result = checked(request.module.KIND, corpus_folder)[exercise["lesson"]["id"]]
    assert result["ok"], result["error"]
    return result["analysis"]


class LessonText:
    """A lesson's formulas read as lagrange (and critical_points with region:) read them,
    for checks of the test's own: in x, y and z, equations as (lhs, rhs), inequalities as
    sympy relations, all through mathcore's parser."""

    VARIABLES = ("x", "y", "z")

    def formula(self, text: str) -> sympy.Expr:
        return parse_formula(text, self.VARIABLES)

    def equation(self, text: str) -> tuple[sympy.Expr, sympy.Expr]:
        return parse_sides(text, self.VARIABLES)

    def relation(self, text: str) -> sympy.Rel:
        return parse_relation(text, self.VARIABLES)


@pytest.fixture(scope="session")
def lesson_text() -> LessonText:
    return LessonText()

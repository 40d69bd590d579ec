"""Hostile and broken course files: nothing runs, nothing hangs, nothing is lost.

Each ``tests/bad_configs/*.yaml`` starts with ``# expect: <line>: <field>: <message>``,
the one line ``calcreel check`` must print on stderr after ``error: <file>:``
(whole-file problems have no field). ``{canary}`` in a case is replaced by a
path that the case tries to create; it must never appear. Every case runs
through the real command line (in this process; a few in a subprocess), exits
with status 2, prints no traceback and leaves the output folder untouched.
"""

from __future__ import annotations

import hashlib
import re
import subprocess
import sys
from pathlib import Path

import pytest

from scripts.cli import main
from scripts.config import load_course
from scripts.errors import ConfigError

ROOT = Path(__file__).resolve().parent.parent
CORPUS = Path(__file__).resolve().parent / "bad_configs"
CASES = sorted(CORPUS.glob("*.yaml"))
EXPECT = re.compile(rb"# expect: (.*)\n")


def expectation(case: Path) -> str:
    match = EXPECT.match(case.read_bytes())
    assert match, f"{case.name} has no '# expect:' first line"
    return match.group(1).decode()


def snapshot(folder: Path) -> dict[str, str]:
    """Every file under ``folder``: its content's hash (and so whether it changed)."""
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def course_dir(tmp_path: Path) -> Path:
    """A folder with a previous render's output in place (a sentinel that must survive)."""
    out = tmp_path / "out"
    out.mkdir()
    (out / "manifest.json").write_text('{"sentinel": true}\n')
    (out / "landscape").mkdir()
    (out / "landscape" / "a.mp4").write_bytes(b"a good old video")
    return tmp_path


def place(case: Path, folder: Path) -> tuple[Path, Path]:
    """Copy ``case`` into ``folder`` with its canary path filled in."""
    canary = folder / "canary"
    config = folder / case.name
    config.write_bytes(case.read_bytes().replace(b"{canary}", str(canary).encode()))
    return config, canary


def run_check(config: Path, capsys) -> tuple[int, str, str]:
    try:
        status = main(["check", str(config)])
    except SystemExit as stop:
        status = stop.code
    out, err = capsys.readouterr()
    return status, out, err


def test_the_corpus_is_large_enough():
    assert len(CASES) >= 45
    assert all(expectation(case) for case in CASES)


@pytest.mark.parametrize("case", CASES, ids=[case.stem for case in CASES])
def test_a_bad_course_is_refused_in_one_line(case: Path, course_dir: Path, capsys):
    config, canary = place(case, course_dir)
    before = snapshot(course_dir)
    status, out, err = run_check(config, capsys)
    assert err == f"error: {config}:{expectation(case)}\n"
    assert status == 2
    assert "Traceback" not in out + err
    assert not canary.exists()
    assert snapshot(course_dir) == before  # nothing written, nothing new


@pytest.mark.parametrize("case", [c for c in CASES if b"{canary}" in c.read_bytes()],
                         ids=lambda case: case.stem)
def test_loading_an_injection_attempt_runs_nothing(case: Path, tmp_path: Path):
    """The attempt refuses its lesson (or the file), and nothing it names is run."""
    config, canary = place(case, tmp_path)
    try:
        loaded = load_course(config)
    except ConfigError:
        loaded = None
    assert loaded is None or (loaded.refused and not loaded.course.lessons)
    assert not canary.exists()


def test_a_ten_megabyte_file_is_refused_without_reading_it_all(course_dir: Path, capsys):
    config = course_dir / "huge.yaml"
    line = b"# " + b"padding " * 12 + b"\n"
    config.write_bytes(b"lessons:\n" + line * (10 * 2**20 // len(line) + 1))
    assert config.stat().st_size > 10 * 2**20
    before = snapshot(course_dir)
    status, _, err = run_check(config, capsys)
    size = config.stat().st_size
    assert err == (f"error: {config}:1: the file is {size:,} bytes; "
                   "at most 1,000,000 are read\n")
    assert status == 2
    assert snapshot(course_dir) == before


def test_a_zero_byte_file_is_refused(course_dir: Path, capsys):
    config = course_dir / "empty.yaml"
    config.write_bytes(b"")
    status, _, err = run_check(config, capsys)
    assert (status, err) == (2, f"error: {config}:1: the file is empty; "
                                "expected a 'lessons:' list\n")


SUBPROCESS_CASES = ["inject-import", "yaml-tag-python-apply", "mean-value-end-undefined"]


def test_the_real_command_refuses_bad_courses(tmp_path: Path):
    """A few cases through ``python -m scripts.cli check`` in fresh processes, run together."""
    runs = []
    for name in SUBPROCESS_CASES:
        folder = tmp_path / name
        folder.mkdir()
        config, canary = place(CORPUS / f"{name}.yaml", folder)
        process = subprocess.Popen(
            [sys.executable, "-m", "scripts.cli", "check", str(config)], cwd=ROOT,
            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        runs.append((name, config, canary, process))
    for name, config, canary, process in runs:
        out, err = process.communicate(timeout=120)
        assert err == f"error: {config}:{expectation(CORPUS / f'{name}.yaml')}\n", name
        assert process.returncode == 2, name
        assert "Traceback" not in out
        assert not canary.exists()
        assert sorted(p.name for p in config.parent.iterdir()) == [config.name]



def test_a_mean_value_interval_over_a_pole_is_a_lesson_not_an_error(write_config, capsys):
    """1/x on [-1, 1]: the theorem does not apply, which the lesson explains (exit 0);
    an end where f is undefined is the error case (mean-value-end-undefined)."""
    config = write_config("""
        lessons:
          - id: pole
            kind: mean_value
            function: 1/x
            interval: [-1, 1]
    """)
    status, out, err = run_check(config, capsys)
    assert (status, err) == (0, "")
    assert "does not apply: f is not continuous on [-1, 1]: it is undefined at x = 0" in out

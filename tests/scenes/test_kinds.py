"""A kind's lesson is separate from its drawing: the model, the analysis and the words
load without Manim, and so do the commands that need no drawing."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from scenes.registry import KINDS

ROOT = Path(__file__).resolve().parents[2]


def loads_manim(code: str) -> bool:
    """Whether running ``code`` in a fresh interpreter imports Manim."""
    probe = f"{code}\nimport sys; print('manim' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                            cwd=ROOT, check=True)
    return result.stdout.strip().splitlines()[-1] == "True"


@pytest.mark.parametrize("name", sorted(KINDS))
def test_a_kinds_lesson_imports_no_manim(name):
    assert KINDS[name].lesson.__module__ == f"scenes.{name}.lesson"
    assert not loads_manim(f"import scenes.{name}.lesson")


@pytest.mark.parametrize("command", ["list", "schema"])
def test_list_and_schema_import_no_manim(command):
    assert not loads_manim("import contextlib, io\nfrom scripts.cli import main\n"
                           f"with contextlib.redirect_stdout(io.StringIO()): main([{command!r}])")


def test_loading_and_analysing_a_course_import_no_manim():
    assert not loads_manim("from scripts.config import load_course\n"
                           "from scripts.pipeline import analyse\n"
                           "assert all(a.ok for a in analyse(load_course('config.yaml')))")


def test_drawing_a_kind_imports_its_scene():
    assert loads_manim("from scenes.registry import KINDS\nKINDS['surface'].scene")
    assert KINDS["surface"].scene.__module__ == "scenes.surface.scene"

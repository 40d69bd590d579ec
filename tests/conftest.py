"""Shared test helpers: writing a course file and running the real command."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True, scope="session")
def own_manim_folders(tmp_path_factory):
    """Give each test process its own Manim folders and caches.

    Test processes run side by side. Two that typeset one formula in one shared
    ``media/Tex`` run LaTeX on the same files at once, and one of them fails.
    """
    from manim import config

    from scripts.render import WORKER

    os.environ[WORKER] = os.environ.get("PYTEST_XDIST_WORKER", "main")
    config.media_dir = str(tmp_path_factory.mktemp("media"))


@pytest.fixture
def write_config(tmp_path: Path):
    """Write a course file from an indented YAML string; returns its path."""

    def write(text: str, name: str = "course.yaml") -> Path:
        path = tmp_path / name
        path.write_text(textwrap.dedent(text).lstrip("\n"))
        return path

    return write


@pytest.fixture
def calcreel():
    """Run the real command line in a fresh process; returns the CompletedProcess."""

    def run(*args: str, cwd: Path | None = None, timeout: float = 600):
        return subprocess.run(
            [sys.executable, "-m", "scripts.cli", *args], capture_output=True, text=True,
            cwd=cwd or ROOT, timeout=timeout, stdin=subprocess.DEVNULL,
        )

    return run


@pytest.fixture(scope="session")
def rendered_lecture():
    """Write a course to a folder and render it by the real command with --lecture and
    --slides; returns its output folder (the course says ``output: videos``)."""

    def render(folder: Path, course: str) -> Path:
        (folder / "course.yaml").write_text(course)
        result = subprocess.run(
            [sys.executable, "-m", "scripts.cli", "render", str(folder / "course.yaml"),
             "--lecture", "--slides"], capture_output=True, text=True, cwd=ROOT, timeout=600,
            stdin=subprocess.DEVNULL)
        assert result.returncode == 0, result.stdout + result.stderr
        return folder / "videos"

    return render


@pytest.fixture
def repo_root() -> Path:
    return ROOT

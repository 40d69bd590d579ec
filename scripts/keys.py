"""Content keys: one hash per job of everything that decides what its video looks like.

Two jobs with the same key make the same files, so a job whose key is already in
the manifest (and whose files are still there) need not be rendered again.
"""

from __future__ import annotations

import hashlib
import json
from functools import cache
from importlib.metadata import version
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CODE_PACKAGES = ("mathcore", "scenes")


def job_key(lesson: dict[str, Any], shape: str, quality: str, theme: str,
            settings: dict[str, Any]) -> str:
    """The SHA-256 of a job's ingredients: the lesson's normalised description, the
    shape, quality and theme, the render ``settings`` that change the video (such as
    a portrait clip's length), the source of mathcore and scenes, and Manim's version."""
    ingredients = {
        "lesson": lesson,
        "shape": shape,
        "quality": quality,
        "theme": theme,
        "settings": settings,
        "code": code_digest(),
        "manim": manim_version(),
    }
    text = json.dumps(ingredients, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode()).hexdigest()


@cache
def manim_version() -> str:
    """Manim's version, read from its metadata without importing it."""
    return version("manim")


@cache
def code_digest(packages: tuple[str, ...] = CODE_PACKAGES) -> str:
    """A hash of every Python source file of ``packages`` (by default those that draw
    the videos)."""
    digest = hashlib.sha256()
    for package in packages:
        for path in sorted((ROOT / package).rglob("*.py")):
            digest.update(str(path.relative_to(ROOT)).encode() + b"\0")
            digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()

"""The record of the last clean build, so an unchanged course renders nothing.

Checking it reads the config's bytes and the output folder's file sizes; it
loads neither SymPy nor Manim, so a no-op ``calcreel render`` takes a blink.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from scenes.voice import SILENT, Voice
from scripts.files import write_atomically
from scripts.keys import CODE_PACKAGES, code_digest, manim_version

RECORD = ".build.json"
SKIPPED = ("logs", "stills", "preview")  # not outputs: their changes do not matter


def stamp(config: Path, options: dict[str, Any]) -> str:
    """A hash of the config file's bytes, the command's options, the code (that which
    writes the pages too), and the sound files the course names (takes, music)."""
    digest = hashlib.sha256(config.read_bytes())
    digest.update(json.dumps(options, sort_keys=True, default=str).encode())
    digest.update(code_digest((*CODE_PACKAGES, "scripts")).encode()
                  + manim_version().encode())
    for path in _sound_files(config):
        digest.update(str(path).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def _sound_files(config: Path) -> list[Path]:
    """The teacher's takes in the recordings folders the course names, and its music,
    read cheaply from the YAML (each ``voice:`` read by the Voice model itself)."""
    data = yaml.safe_load(config.read_text(encoding="utf-8"))
    settings = data.get("course", {})
    voices = [settings.get("voice")] + [
        lesson.get("voice") for lesson in data.get("lessons", []) if isinstance(lesson, dict)]
    folders = set()
    for written in voices:
        try:
            voice = Voice.model_validate(written) if written is not None else SILENT
        except ValidationError:  # the full load reports it
            continue
        if voice.mode == "recordings":
            folders.add(config.parent / voice.folder)
    files = sorted(p for folder in folders for p in folder.rglob("*") if p.is_file())
    music = config.parent / str(settings.get("music") or "")
    return files + ([music] if settings.get("music") and music.is_file() else [])


def output_dir(config: Path) -> Path:
    """The course's output folder, read cheaply (the full load validates it later)."""
    data = yaml.safe_load(config.read_text(encoding="utf-8"))
    return (config.parent / str(data.get("course", {}).get("output", "out"))).resolve()


def unchanged(config: Path, stamped: str) -> int | None:
    """The number of videos if the last clean build had the stamp ``stamped`` and its
    files are all still there as it left them; otherwise None."""
    try:
        out = output_dir(config)
        record = json.loads((out / RECORD).read_text())
        if record["stamp"] != stamped or record["files"] != _sizes(out):
            return None
        return int(record["videos"])
    except (OSError, ValueError, KeyError, TypeError, AttributeError, yaml.YAMLError):
        return None


def write(stamped: str, out: Path, videos: int) -> None:
    """Record a clean build of the config as it was stamped before it was read (a save
    during the build then makes the next run build again), atomically."""
    record = {"stamp": stamped, "videos": videos, "files": _sizes(out)}
    write_atomically(out / RECORD, json.dumps(record, indent=1))


def _sizes(out: Path) -> dict[str, int]:
    sizes = {}
    for folder, subfolders, files in os.walk(out):
        subfolders[:] = [d for d in subfolders if not d.startswith(".") and d not in SKIPPED]
        for name in files:
            if not name.startswith("."):
                path = Path(folder, name)
                sizes[str(path.relative_to(out))] = path.stat().st_size
    return dict(sorted(sizes.items()))

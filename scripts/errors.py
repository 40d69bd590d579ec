"""The error for bad input and the exit statuses, importable without loading Manim or SymPy."""

from __future__ import annotations

from pathlib import Path

BAD_INPUT, RENDER_FAILED = 2, 1  # exit statuses; 0 is all well


class ConfigError(Exception):
    """Bad input, phrased as ``file:line: field: message``."""

    def __init__(self, path: Path | str, line: int, field: str, message: str):
        self.path, self.line, self.field, self.message = str(path), line, field, message
        where = f"{field}: " if field else ""
        super().__init__(f"{self.path}:{line}: {where}{message}")

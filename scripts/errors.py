"""The error for bad input and the exit statuses, importable without loading Manim or SymPy."""

from __future__ import annotations

from pathlib import Path

# Exit statuses of calcreel (and of each of its processes).
OK = 0  # all went well
RENDER_FAILED = 1  # a render failed, or calcreel itself failed on a lesson
BAD_INPUT = 2  # the course file or an option was refused (a ConfigError, a lesson's error)
INTERRUPTED = 130  # Ctrl-C: 128 + SIGINT, as a shell reports it


class ConfigError(Exception):
    """Bad input, phrased as ``file:line: field: message``."""

    def __init__(self, path: Path | str, line: int, field: str, message: str):
        self.path, self.line, self.field, self.message = str(path), line, field, message
        where = f"{field}: " if field else ""
        super().__init__(f"{self.path}:{line}: {where}{message}")

    def __reduce__(self) -> tuple:
        """Pickled (into a worker, with the course it refused) as what made it."""
        return type(self), (self.path, self.line, self.field, self.message)

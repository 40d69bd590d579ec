"""A lesson is a unit of failure: whatever goes wrong inside one lesson becomes that
lesson's one-line error, and the rest of the course goes on.

Bad input (mathematics that cannot be done, a clip that cannot fit, a take that
cannot be read) reads as
``config.yaml:14: lessons[2]: <why>``. Anything else is an internal failure: its
traceback goes to a log, and the line names that log. With ``--debug`` the
exception is let through, traceback and all.
"""

from __future__ import annotations

import traceback
from pathlib import Path
from types import TracebackType

from mathcore.errors import MathError
from scripts.narration import BadTake
from scripts.pacing import CannotFit

BAD_INPUT_ERRORS = (MathError, CannotFit, BadTake)
debug = False  # set by ``calcreel --debug``


class LessonGuard:
    """``with LessonGuard(where, doing, log) as guard:`` runs one lesson's step; after
    it, ``guard.error`` is its one-line error (None if it went well) and
    ``guard.internal`` whether that was a failure of calcreel rather than of the input."""

    def __init__(self, where: str, doing: str, log: Path):
        self.where, self.doing, self.log = where, doing, log
        self.error: str | None = None
        self.internal = False

    def __enter__(self) -> LessonGuard:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> bool:
        if error is None or not isinstance(error, Exception):
            return False
        if isinstance(error, BAD_INPUT_ERRORS):
            self.error = f"{self.where}: {error}"
            return True
        if debug:
            return False
        self.log.parent.mkdir(parents=True, exist_ok=True)
        self.log.write_text("".join(traceback.format_exception(kind, error, trace)))
        summary = " ".join(str(error).split())[:160] or "no message"
        self.error = (f"{self.where}: internal error while {self.doing}: "
                      f"{type(error).__name__}: {summary} (log: {self.log})")
        self.internal = True
        return True

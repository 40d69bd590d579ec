"""One render of a course at a time: a lock file in its output folder."""

from __future__ import annotations

import fcntl
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def course_lock(out: Path, say: Callable[[str], None]) -> Iterator[None]:
    """Hold ``<out>/.lock`` while rendering; a second render says why it waits, then
    waits. The kernel drops the lock when its holder dies, even by SIGKILL."""
    out.mkdir(parents=True, exist_ok=True)
    with open(out / ".lock", "a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "another process"
            say(f"waiting: another calcreel render is writing to {out} ({holder})")
            fcntl.flock(handle, fcntl.LOCK_EX)
        handle.seek(0)
        handle.truncate()
        handle.write(f"pid {os.getpid()}\n")
        handle.flush()
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)

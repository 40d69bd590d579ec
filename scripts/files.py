"""Writing outputs atomically: a file is written under a temporary name beside its
target, then renamed onto it, so a crash, an error or Ctrl-C midway leaves the
earlier file as it was (and no temporary one)."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def replacing(target: Path) -> Iterator[Path]:
    """``with replacing(target) as temporary:`` write ``temporary`` (or have a program
    write it); when the block ends without an error it is synced to disk and renamed
    onto ``target``, otherwise it is removed and ``target`` is left alone."""
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        yield temporary
        with open(temporary, "rb") as written:
            os.fsync(written.fileno())
        os.replace(temporary, target)
    finally:
        temporary.unlink(missing_ok=True)


def write_atomically(target: Path, data: str | bytes) -> Path:
    """Write ``data`` (text as UTF-8) to ``target`` atomically; returns ``target``."""
    with replacing(target) as temporary:
        if isinstance(data, str):
            temporary.write_text(data, encoding="utf-8")
        else:
            temporary.write_bytes(data)
    return target


def publish(source: Path, target: Path) -> Path:
    """Copy a finished file into place atomically: never a half-written output."""
    with replacing(target) as temporary:
        shutil.copyfile(source, temporary)
    return target

"""Where jobs run: local processes (the default) or a Dask cluster.

Every job runs in a worker process with its output (Manim's log, ffmpeg, LaTeX)
sent to its own log file, ``<out>/logs/<shape>/<lesson>.log``, so nothing is
interleaved on the terminal. A failed job is reported with the path of its log
and the others go on. A Dask worker writes into the same output folder, so the
folder must be shared (the same disk, or a network file system).

Local workers are forked from a fork server (started with this process's imports
preloaded, so they start quickly), never from the render itself: they do not
inherit the course lock's descriptor. Each ends with the render, so a render
killed by SIGKILL (the OOM killer, a CI timeout) leaves no worker behind, and the
fork server, once its last worker is gone, ends too.
"""

from __future__ import annotations

import multiprocessing
import os
import select
import sys
import threading
import time
import traceback
from collections.abc import Callable, Iterator
from concurrent.futures import Executor, Future, ProcessPoolExecutor, as_completed
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from scripts import guard
from scripts.errors import RENDER_FAILED
from scripts.manifest import ManifestEntry
from scripts.pipeline import run_job
from scripts.render import WORKER, Job

T = TypeVar("T")


@dataclass(frozen=True)
class Finished:
    """What became of a job: its output, or its error; and where its log is."""

    job: Job
    output: ManifestEntry | None
    error: str | None
    log: Path


def log_path(out: Path, job: Job) -> Path:
    return out / "logs" / job.shape / f"{job.lesson.id}.log"


def run_logged(job: Job, out: Path) -> ManifestEntry:
    """Run one job in this (worker) process with stdout and stderr in its log file."""
    os.environ.setdefault(WORKER, f"pid{os.getpid()}")
    with _output_to(log_path(out, job)):
        try:
            return run_job(job, out)
        except BaseException:
            traceback.print_exc()
            raise


@contextmanager
def _output_to(path: Path) -> Iterator[None]:
    """Point file descriptors 1 and 2 (and so Manim, ffmpeg and LaTeX) at ``path``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    sys.stdout.flush()
    sys.stderr.flush()
    saved = os.dup(1), os.dup(2)
    with open(path, "w") as log:
        os.dup2(log.fileno(), 1)
        os.dup2(log.fileno(), 2)
        try:
            yield
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            os.dup2(saved[0], 1)
            os.dup2(saved[1], 2)
            os.close(saved[0])
            os.close(saved[1])


def _start_worker(slots, render: int, name: str) -> None:
    """Give each local worker a lasting name, w0, w1, ... (after ``name``, for a pool
    that may run beside a render's): its own LaTeX and text caches (two processes
    writing one cache file at once would corrupt it); and make it end with the render
    that started it."""
    with slots.get_lock():
        os.environ[WORKER] = f"{name}w{slots.value}"
        slots.value += 1
    _end_with(render)


def _end_with(render: int) -> None:
    """Exit this worker as soon as process ``render`` has ended, however it ended.

    Not a parent-death signal: a worker's parent is the fork server, which lives on
    while any worker does (each holds its "alive" pipe), so neither would notice."""
    try:
        handle = os.pidfd_open(render)
    except ProcessLookupError:  # it has ended already
        os._exit(RENDER_FAILED)
    except (AttributeError, OSError):  # no pidfd here: ask every second
        handle = None

    def watch() -> None:
        if handle is not None:
            select.select([handle], [], [])  # readable once the process has ended
        else:
            while _running(render):
                time.sleep(1)
        os._exit(RENDER_FAILED)

    threading.Thread(target=watch, name="end-with-render", daemon=True).start()


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)  # no signal: only whether the process is there
    except ProcessLookupError:
        return False
    except PermissionError:  # there, but another user's
        pass
    return True


@contextmanager
def executor(kind: str, jobs: int, scheduler: str | None = None,
             name: str = "") -> Iterator[Executor]:
    """A concurrent.futures executor: ``jobs`` local processes (their names after
    ``name``), or a Dask cluster's."""
    if kind == "local":
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["scripts.pipeline"])
        slots = context.Value("i", 0)
        with ProcessPoolExecutor(max_workers=jobs, mp_context=context,
                                 initializer=_start_worker,
                                 initargs=(slots, os.getpid(), name)) as pool:
            yield pool
        return
    from distributed import Client

    with Client(scheduler, set_as_default=False) as client:
        yield client.get_executor(pure=False)


def in_workers(work: Callable[..., T], items: list[tuple], jobs: int,
               failed: Callable[..., T], name: str = "") -> list[T]:
    """``work(*item)`` for each item, in order, in up to ``jobs`` local worker processes
    (in this one for fewer than two items or jobs, or with ``--debug``, to let
    tracebacks through). Where a worker died (killed, out of memory), the result is
    ``failed(*item, error)``: the process failed, not the item."""
    if jobs < 2 or len(items) < 2 or guard.debug:
        return [work(*item) for item in items]
    with executor("local", min(jobs, len(items)), name=name) as pool:
        futures = [pool.submit(work, *item) for item in items]
        results = []
        for future, item in zip(futures, items):
            try:
                results.append(future.result())
            except Exception as err:  # noqa: BLE001 (the worker, not the item, failed)
                results.append(failed(*item, err))
        return results


def run_jobs(jobs: list[Job], out: Path, pool: Executor,
             on_done: Callable[[Finished], None]) -> list[Finished]:
    """Submit every job, then report each as it finishes (in any order)."""
    futures: dict[Future, Job] = {pool.submit(run_logged, job, out): job for job in jobs}
    finished = []
    for future in as_completed(futures):
        job = futures[future]
        try:
            result = Finished(job, future.result(), None, log_path(out, job))
        except Exception as err:  # a job's failure must not stop the course
            result = Finished(job, None, f"{type(err).__name__}: {err}", log_path(out, job))
        finished.append(result)
        on_done(result)
    return finished

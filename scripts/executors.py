"""Where jobs run: local processes (the default) or a Dask cluster.

Every job runs in a worker process with its output (Manim's log, ffmpeg, LaTeX)
sent to its own log file, ``<out>/logs/<shape>/<lesson>.log``, so nothing is
interleaved on the terminal. A failed job is reported with the path of its log
and the others go on. A Dask worker writes into the same output folder, so the
folder must be shared (the same disk, or a network file system).

Local workers are forked from a fork server (started with this process's imports
preloaded, so they start quickly), never from the render itself: they do not
inherit the course lock's descriptor. Each dies with its parent, so a render
killed by SIGKILL (the OOM killer, a CI timeout) leaves no worker behind.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import sys
import threading
import time
import traceback
from collections.abc import Callable, Iterator
from concurrent.futures import Executor, Future, ProcessPoolExecutor, as_completed
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from scripts.pipeline import Output, run_job
from scripts.render import WORKER, Job


@dataclass(frozen=True)
class Finished:
    """What became of a job: its output, or its error; and where its log is."""

    job: Job
    output: Output | None
    error: str | None
    log: Path


def log_path(out: Path, job: Job) -> Path:
    return out / "logs" / job.shape / f"{job.lesson.id}.log"


def run_logged(job: Job, out: Path) -> Output:
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


def _start_worker(slots) -> None:
    """Give each local worker a lasting name, w0, w1, ...: its own LaTeX and text
    caches (two processes writing one cache file at once would corrupt it); and make
    it die with its parent."""
    with slots.get_lock():
        os.environ[WORKER] = f"w{slots.value}"
        slots.value += 1
    _die_with_parent()


PR_SET_PDEATHSIG = 1  # prctl(2): the signal this process gets when its parent dies


def _die_with_parent() -> None:
    """SIGKILL this process when its parent dies: by the kernel on Linux, else by a
    thread that watches for the parent to change."""
    parent = os.getppid()
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        if libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL) != 0:
            raise OSError(ctypes.get_errno(), "prctl")
    except (OSError, AttributeError):
        threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()
    if os.getppid() != parent:  # it died before the signal was asked for
        os._exit(1)


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(1)
    os._exit(1)


@contextmanager
def executor(kind: str, jobs: int, scheduler: str | None = None) -> Iterator[Executor]:
    """A concurrent.futures executor: ``jobs`` local processes, or a Dask cluster's."""
    if kind == "local":
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["scripts.pipeline"])
        slots = context.Value("i", 0)
        with ProcessPoolExecutor(max_workers=jobs, mp_context=context,
                                 initializer=_start_worker, initargs=(slots,)) as pool:
            yield pool
        return
    from distributed import Client

    with Client(scheduler, set_as_default=False) as client:
        yield client.get_executor(pure=False)


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

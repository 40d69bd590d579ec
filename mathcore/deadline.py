"""A deadline for symbolic steps that may run for a very long time.

>>> with time_limit(1.0, "add two numbers"):
...     _ = 1 + 1

``time_limit`` uses ``SIGALRM`` (``signal.setitimer(ITIMER_REAL)``), which
Python only allows in the main thread. Elsewhere (a worker thread) and on
platforms without ``setitimer`` the block runs without a deadline.

The alarm interrupts Python code only: a long call inside a C extension is
interrupted when it returns to Python. Code that sets up global state once
(a cache being filled, a namespace being imported) may be left half done if
the alarm lands there: keep such first-time set-up outside a limited block.

The alarm raises a private ``BaseException`` so that no ``except Exception``
inside sympy swallows it; the block's exit turns it into ``SolveTimeout``.
An alarm that lands where Python ignores exceptions (a finalizer) is repeated
until it lands in the block's own code.
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

from mathcore.errors import SolveTimeout

DEFAULT_SECONDS = 5.0


class _Overrun(BaseException):
    """Raised by the alarm inside the block; never leaves ``time_limit``."""


@contextmanager
def time_limit(seconds: float, what: str) -> Iterator[None]:
    """Raise ``SolveTimeout("could not <what> within <seconds> s")`` on overrun.

    Nestable: an inner limit that ends after the enclosing one changes
    nothing; otherwise the enclosing handler and timer are restored on exit,
    the timer minus the time spent inside.
    """
    if seconds <= 0:
        raise ValueError(f"a time limit must be positive (got {seconds})")
    if not _alarm_available() or _earlier_alarm_pending(seconds):
        yield
        return
    overrun = _Overrun()

    def on_alarm(signum, frame):
        raise overrun

    started = time.monotonic()
    previous_delay, previous_interval = signal.getitimer(signal.ITIMER_REAL)
    previous_handler = signal.signal(signal.SIGALRM, on_alarm)
    try:
        try:
            signal.setitimer(signal.ITIMER_REAL, seconds, _repeat_interval(seconds))
            yield
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
    except _Overrun as error:
        if error is not overrun:
            raise
        raise SolveTimeout(f"could not {what} within {seconds:g} s") from None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)  # again, if an alarm cut the first one short
        signal.signal(signal.SIGALRM,
                      signal.SIG_DFL if previous_handler is None else previous_handler)
        _rearm(previous_delay, previous_interval, time.monotonic() - started)


def _alarm_available() -> bool:
    """Whether this thread may use SIGALRM timers."""
    return (hasattr(signal, "setitimer")
            and threading.current_thread() is threading.main_thread())


def _earlier_alarm_pending(seconds: float) -> bool:
    """Whether a timer already set will fire before ``seconds`` from now."""
    delay, _ = signal.getitimer(signal.ITIMER_REAL)
    return 0 < delay <= seconds


def _repeat_interval(seconds: float) -> float:
    """How soon the alarm fires again if the first one is swallowed (say, in a finalizer)."""
    return max(seconds / 10, 0.01)


def _rearm(delay: float, interval: float, elapsed: float) -> None:
    """Put back an enclosing timer, shortened by the time spent inside."""
    if delay > 0:
        signal.setitimer(signal.ITIMER_REAL, max(delay - elapsed, 1e-6), interval)

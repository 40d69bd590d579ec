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

``DEFAULT_SECONDS`` is what mathcore's functions take when no time is given. It
is a marker as well as 5.0: ``time_limit(DEFAULT_SECONDS, ...)`` uses the
deadline set by the innermost ``default_deadline`` block (a course's
``deadline`` setting), or 5 s outside any.

>>> with default_deadline(0.5):
...     current_default()
0.5
>>> current_default()
5.0
"""

from __future__ import annotations

import signal
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

from mathcore.errors import SolveTimeout


class _DefaultSeconds(float):
    """5.0, and the mark of "no time given": see ``default_deadline``."""


DEFAULT_SECONDS: float = _DefaultSeconds(5.0)
LESSON_DEADLINES = 10  # a whole lesson's analysis may take this many deadlines
_default = [float(DEFAULT_SECONDS)]  # innermost default_deadline last


@contextmanager
def default_deadline(seconds: float) -> Iterator[None]:
    """Within the block, every ``time_limit(DEFAULT_SECONDS, ...)`` allows ``seconds``."""
    if not seconds > 0:
        raise ValueError(f"a time limit must be positive (got {seconds})")
    _default.append(float(seconds))
    try:
        yield
    finally:
        _default.pop()


def current_default() -> float:
    """The deadline that ``DEFAULT_SECONDS`` stands for here."""
    return _default[-1]


class _Overrun(BaseException):
    """Raised by the alarm inside the block; never leaves ``time_limit``."""


@contextmanager
def time_limit(seconds: float, what: str) -> Iterator[None]:
    """Raise ``SolveTimeout("could not <what> within <seconds> s")`` on overrun.

    ``DEFAULT_SECONDS`` (the very object) means the current default deadline.

    Nestable: an inner limit that ends after the enclosing one changes
    nothing; otherwise the enclosing handler and timer are restored on exit,
    the timer minus the time spent inside.
    """
    if seconds is DEFAULT_SECONDS:
        seconds = current_default()
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
    previous_hook = sys.unraisablehook
    sys.unraisablehook = _quiet(previous_hook)
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
        sys.unraisablehook = previous_hook
        _rearm(previous_delay, previous_interval, time.monotonic() - started)


def _quiet(hook):  # noqa: ANN001, ANN202 (sys.unraisablehook's type is private)
    """``hook``, except that an alarm swallowed by a finalizer is not printed (it is
    repeated, see the module's notes): a timeout must not spill tracebacks on stderr."""

    def quiet(unraisable):  # noqa: ANN001, ANN202
        if not isinstance(unraisable.exc_value, _Overrun):
            hook(unraisable)

    return quiet


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

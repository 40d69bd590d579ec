"""time_limit: overruns raise SolveTimeout, fast blocks pass, signals are put back."""

import signal
import threading
import time

import pytest

from mathcore.deadline import DEFAULT_SECONDS, time_limit
from mathcore.errors import MathError, SolveTimeout


def spin(seconds: float) -> None:
    """Busy Python code (the alarm is delivered between bytecodes)."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        pass


@pytest.fixture
def custom_handler():
    """A SIGALRM handler of our own, installed for the test and removed after."""
    def handler(signum, frame):
        raise AssertionError("the outer handler must not fire")

    previous = signal.signal(signal.SIGALRM, handler)
    yield handler
    signal.setitimer(signal.ITIMER_REAL, 0)
    signal.signal(signal.SIGALRM, previous)


def test_default_is_five_seconds():
    assert DEFAULT_SECONDS == 5.0


def test_overrun_raises_solve_timeout_with_message():
    with pytest.raises(SolveTimeout) as caught:  # raised only if the spin was cut short
        with time_limit(0.05, "spin the wheel"):
            spin(2.0)
    assert str(caught.value) == "could not spin the wheel within 0.05 s"
    assert isinstance(caught.value, MathError)


def test_sleep_is_interrupted():
    with pytest.raises(SolveTimeout, match="could not nap within 0.1 s"):
        with time_limit(0.1, "nap"):
            time.sleep(2.0)


def test_fast_block_passes_and_timer_is_disarmed():
    with time_limit(1.0, "add"):
        total = 1 + 1
    assert total == 2
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_except_exception_inside_cannot_swallow_the_timeout():
    with pytest.raises(SolveTimeout):
        with time_limit(0.05, "resist"):
            try:
                spin(2.0)
            except Exception:  # what a library might do
                pass
            spin(0.2)


def test_a_swallowed_alarm_fires_again():
    swallowed = []
    with pytest.raises(SolveTimeout):
        with time_limit(0.05, "resist"):
            try:
                spin(2.0)
            except BaseException as error:  # as in a finalizer, where Python ignores it
                swallowed.append(error)
            spin(2.0)
    assert len(swallowed) == 1


def test_previous_handler_restored_after_success(custom_handler):
    with time_limit(0.5, "work"):
        pass
    assert signal.getsignal(signal.SIGALRM) is custom_handler


def test_previous_handler_restored_after_timeout(custom_handler):
    with pytest.raises(SolveTimeout):
        with time_limit(0.02, "work"):
            spin(1.0)
    assert signal.getsignal(signal.SIGALRM) is custom_handler
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_other_exceptions_pass_through_and_restore(custom_handler):
    with pytest.raises(KeyError):
        with time_limit(0.5, "work"):
            raise KeyError("boom")
    assert signal.getsignal(signal.SIGALRM) is custom_handler


def test_nested_inner_timeout_leaves_outer_running():
    with pytest.raises(SolveTimeout, match="could not outer step"):
        with time_limit(0.3, "outer step"):
            with pytest.raises(SolveTimeout, match="could not inner step within 0.05 s"):
                with time_limit(0.05, "inner step"):
                    spin(1.0)
            remaining, _ = signal.getitimer(signal.ITIMER_REAL)
            assert 0 < remaining < 0.3
            spin(1.0)


def test_nested_longer_inner_limit_defers_to_outer():
    with pytest.raises(SolveTimeout, match="could not outer step within 0.05 s"):
        with time_limit(0.05, "outer step"):
            with time_limit(5.0, "inner step"):
                spin(1.0)


def test_outside_main_thread_runs_without_deadline():
    outcome = {}

    def work():
        try:
            with time_limit(0.01, "work"):
                time.sleep(0.1)
            outcome["result"] = "finished"
        except Exception as error:  # reported to the main thread
            outcome["result"] = error

    worker = threading.Thread(target=work)
    worker.start()
    worker.join()
    assert outcome["result"] == "finished"


def test_non_positive_limit_is_refused():
    with pytest.raises(ValueError):
        with time_limit(0, "nothing"):
            pass

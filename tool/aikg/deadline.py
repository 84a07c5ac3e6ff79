"""Giving up on work at a time limit (``--timeout``).

The work runs in a worker thread while the caller waits at most the given
time. rdflib, owlrl and pySHACL are pure Python: at the limit the worker is
stopped by an exception raised inside it. pyoxigraph evaluates natively
with the GIL released and cannot be interrupted; its thread is abandoned
(a daemon, it ends with the process — the CLI exits right after).
"""

from __future__ import annotations

from typing import Callable, TypeVar

from aikg.errors import TimeLimitReached

T = TypeVar("T")


class _Stop(BaseException):
    """Raised inside an abandoned worker; BaseException so library code cannot swallow it."""


def within(seconds: float | None, work: Callable[[], T], what: str = "the work") -> T:
    """``work()``, or TimeLimitReached when it takes longer than ``seconds`` (None: no limit)."""
    if not seconds:
        return work()
    import ctypes  # only with a limit: the threads' machinery stays off the untimed path
    import threading
    import traceback

    outcome: dict = {}

    def run():
        try:
            outcome["value"] = work()
        except _Stop:
            pass
        except BaseException as error:  # handed to the caller's thread
            # Release the frames' locals here: pyoxigraph objects must be
            # dropped on the thread that made them (the line numbers stay).
            traceback.clear_frames(error.__traceback__)
            outcome["error"] = error

    worker = threading.Thread(target=run, name="aikg-timed-work", daemon=True)
    worker.start()
    worker.join(seconds)
    if worker.is_alive():
        ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(worker.ident), ctypes.py_object(_Stop))
        raise TimeLimitReached(
            f"{what} did not finish within {seconds:g} s (--timeout)",
            hint="raise --timeout, or narrow the work (a LIMIT, more specific patterns, fewer inputs)",
        )
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]

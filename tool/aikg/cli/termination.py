"""SIGTERM and SIGHUP while a command writes an output file: unwind like Ctrl-C.

The temporary file beside the output is then removed and the old output kept,
and the exit code is 128 + the signal's number, as a shell reports it. Only the
``aikg`` program takes the signals over (:func:`aikg.cli.main` arms it), and
only while a command runs with ``-o FILE``: anywhere else the signal's default,
ending the process at once, leaves nothing behind either (a query writing to
standard output has no file of its own), and the signal module, whose enums
cost a catalogue query half a millisecond, stays unloaded. A program calling
the CLI in-process keeps its own handlers.
"""

from __future__ import annotations

import functools
from contextlib import contextmanager

_ARMED: list = []  # not empty while aikg.cli.main runs a command


@contextmanager
def armed():
    """Let commands run inside take SIGTERM and SIGHUP over while they write an output file."""
    _ARMED.append(True)
    try:
        yield
    finally:
        _ARMED.pop()


def unwinding(command):
    """``command``, whose run with an output file (``-o FILE``) unwinds on SIGTERM and SIGHUP when armed."""
    callback = command.callback

    @functools.wraps(callback)
    def run(*args, **kwargs):
        output = kwargs.get("output")
        if not _ARMED or not output or output == "-":
            return callback(*args, **kwargs)
        with _signals_unwind():
            return callback(*args, **kwargs)

    command.callback = run
    return command


@contextmanager
def _signals_unwind():
    """SIGTERM and SIGHUP raise SystemExit(128 + signal) inside; the previous handlers come back after."""
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():  # only the main thread may set handlers
        yield
        return

    def stop(signum, _frame):
        raise SystemExit(128 + signum)

    previous = {signum: signal.signal(signum, stop) for signum in (signal.SIGTERM, signal.SIGHUP)}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            if handler is not None:  # None: a handler set outside Python, which signal cannot put back
                signal.signal(signum, handler)

"""The ``aikg`` command line: a thin layer over :mod:`aikg.api`.

Each command parses its options, calls one library function, renders what
it returns and writes it. Errors become messages in :mod:`aikg.cli.app`,
and only there; the exit codes are the contract documented in the README.
"""

from __future__ import annotations

import gc
import sys

# Start-up makes tens of thousands of objects that live until exit (modules, click's
# options, rdflib's namespaces); collecting after every 700 new ones costs a catalogue
# query 5-6 ms, after every 10,000 still 2 ms (A/B, bench/startup.py); after 30,000 a
# catalogue query makes no collection at all. Cycles are still collected, only less often.
gc.set_threshold(30_000, *gc.get_threshold()[1:])

from aikg.cli.app import cli  # noqa: E402 - commands load on first use (aikg.cli.app.COMMANDS)


def main() -> None:
    """The ``aikg`` program (its console script and ``python -m aikg``): run the command, then end
    the process. From Python, use :mod:`aikg.api`, or ``cli.main(args, standalone_mode=False)``."""
    _stop_cleanly_on_termination()
    try:
        cli(prog_name="aikg")
    except SystemExit as stop:  # click's standalone mode always ends here, with the exit code
        code = stop.code
    except OSError as error:  # writing --help or --version, which click does before any command runs
        code = _output_failed(error)
    _exit_without_teardown(code)


def _exit_without_teardown(code) -> None:
    """Exit with ``code`` once stdout and stderr are flushed and the atexit handlers
    have run, skipping the interpreter's teardown.

    Tearing down the modules and objects start-up made (click's, pyoxigraph's,
    aikg's) costs a catalogue query about 9 ms of its 70 (bench/startup.py), and
    nothing is left to it: every command has closed its files (outputs are
    written whole, then renamed) and removed its temporary files before it
    returns, and on-disk stores keep what they committed without a close.
    """
    import atexit
    import os

    if (code is not None and not isinstance(code, int)) or _other_threads_running() or not hasattr(atexit, "_run_exitfuncs"):
        sys.exit(code)  # a message to print, or threads to wait for: Python's own exit
    try:
        sys.stdout.flush()
    except OSError as error:
        code = _output_failed(error)
    except ValueError:  # stdout closed: Python's own exit
        sys.exit(code)
    try:
        sys.stderr.flush()
    except (OSError, ValueError):
        pass
    atexit._run_exitfuncs()
    os._exit(code or 0)


def _output_failed(error: OSError) -> int:
    """The exit code for a write to standard output that failed: 0 when the reader went away
    (`aikg … | head`, as cat does), 4 with a message for a full disk; anything else is raised."""
    from aikg.cli.app import discard_stdout, disk_failure, report

    if isinstance(error, BrokenPipeError):
        discard_stdout()
        return 0
    failed = disk_failure(error)
    if failed is None:
        raise error
    discard_stdout()
    return report(failed)


def _other_threads_running() -> bool:
    """Whether a thread other than the main one would keep Python's exit waiting (a daemon would not)."""
    threading = sys.modules.get("threading")
    if threading is None:
        return False
    return any(t is not threading.main_thread() and not t.daemon and t.is_alive() for t in threading.enumerate())


def _stop_cleanly_on_termination() -> None:
    """SIGTERM and SIGHUP unwind like Ctrl-C (temporary files removed, old outputs kept),
    then exit 128 + the signal's number, as a shell reports it."""
    import _signal  # signal's C core: the signal module builds three enums on import (0.5 ms a command)

    def stop(signum, _frame):
        raise SystemExit(128 + signum)

    for signum in (_signal.SIGTERM, _signal.SIGHUP):
        _signal.signal(signum, stop)


__all__ = ["cli", "main"]

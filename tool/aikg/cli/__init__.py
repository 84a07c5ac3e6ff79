"""The ``aikg`` command line: a thin layer over :mod:`aikg.api`.

Each command parses its options, calls one library function, renders what
it returns and writes it. Errors become messages in :mod:`aikg.cli.app`,
and only there; the exit codes are the contract documented in the README.

Importing this package, or running ``cli.main(args, standalone_mode=False)``,
changes no process-wide state (warnings filters, import hooks, the garbage
collector, signal handlers, logging's handlers): what only a program's entry
point may set is set by :func:`main`, the console script.
"""

from __future__ import annotations

import sys


def __getattr__(name):
    # The click group is imported on first use, so that main() sets the collector up before
    # click's import makes its thousands of objects.
    if name == "cli":
        from aikg.cli.app import cli

        return cli
    raise AttributeError(f"module 'aikg.cli' has no attribute {name!r}")


def main() -> None:
    """The ``aikg`` program (its console script and ``python -m aikg``): run the command, then end
    the process with its exit code. From Python, use :mod:`aikg.api`, or
    ``cli.main(args, standalone_mode=False)``, which changes no process-wide state.

    As the end of a process it sets up the garbage collector for a short-lived one, for the
    rest of its life (:func:`_collect_less`), and lets a command writing an output file
    take SIGTERM and SIGHUP over while it runs (:mod:`aikg.cli.termination`).
    """
    from aikg.cli import termination

    _collect_less()
    with termination.armed():
        code = _run()
    sys.exit(code)


def _run():
    """The command's exit code, once what it wrote to stdout is flushed."""
    from aikg.cli.app import cli

    try:
        cli(prog_name="aikg")
    except SystemExit as stop:  # click's standalone mode always ends here, with the exit code
        code = stop.code
    except OSError as error:  # writing --help or --version, which click does before any command runs
        code = _output_failed(error)
    try:
        sys.stdout.flush()  # here, not at the interpreter's exit, so a failure still gets its exit code
    except OSError as error:
        code = _output_failed(error)
    except ValueError:  # stdout closed
        pass
    return code


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


def _collect_less() -> None:
    """Collect rarely while the command runs, and not at all at the interpreter's exit.

    Start-up makes tens of thousands of objects that live until exit (click's
    modules and options, pyoxigraph's classes, aikg's commands): collecting
    after every 700 new ones costs a catalogue query milliseconds for nothing,
    so the first generation's threshold is raised (cycles are still collected,
    less often). It is not put back: that would make the next allocation
    collect all of those objects (2.5 ms a query, bench/startup.py).

    At exit Python tears the modules down and collects their cycles, over
    objects the end of the process frees anyway: ``gc.freeze()`` moves them
    out of the collector's sight (the exit of a catalogue query: 28M
    instructions without, 6M with, valgrind's count); as an atexit
    handler it runs only when the process really ends, after the threads
    Python waits for, and the other atexit handlers still run, as does the
    freeing (and closing) of objects outside cycles.
    """
    import atexit
    import gc

    gc.set_threshold(30_000, *gc.get_threshold()[1:])
    atexit.unregister(gc.freeze)  # registered once, however often main runs
    atexit.register(gc.freeze)


__all__ = ["cli", "main"]

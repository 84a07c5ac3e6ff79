"""The ``aikg`` command line: a thin layer over :mod:`aikg.api`.

Each command parses its options, calls one library function, renders what
it returns and writes it. Errors become messages in :mod:`aikg.cli.app`,
and only there; the exit codes are the contract documented in the README.
"""

from __future__ import annotations

from aikg.cli.app import cli  # commands load on first use (aikg.cli.app.COMMANDS)


def main() -> None:
    _stop_cleanly_on_termination()
    cli(prog_name="aikg")


def _stop_cleanly_on_termination() -> None:
    """SIGTERM and SIGHUP unwind like Ctrl-C (temporary files removed, old outputs kept),
    then exit 128 + the signal's number, as a shell reports it."""
    import signal

    def stop(signum, _frame):
        raise SystemExit(128 + signum)

    for signum in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, stop)


__all__ = ["cli", "main"]

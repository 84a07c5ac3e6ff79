"""The ``aikg`` command line: a thin layer over :mod:`aikg.api`.

Each command parses its options, calls one library function, renders what
it returns and writes it. Errors become messages in :mod:`aikg.cli.app`,
and only there; the exit codes are the contract documented in the README.
"""

from __future__ import annotations

from aikg.cli.app import cli
from aikg.cli.graph import check, convert, info, reason, validate
from aikg.cli.interchange import export_group, import_group
from aikg.cli.provenance import diagram, obligations, report
from aikg.cli.query import queries, query
from aikg.cli.stores import load

for _command in (query, queries, validate, reason, convert, check, info, load, obligations, diagram, report,
                 import_group, export_group):
    cli.add_command(_command)


def main() -> None:
    cli(prog_name="aikg")


__all__ = ["cli", "main"]

"""Real triple-store servers for the integration tests, started once per session.

Each binds to 127.0.0.1 on a free port with its data in a temporary folder,
and is stopped when the session ends. Where a binary is missing the tests
that need it skip with a reason (tests/install-system-packages.sh installs
Virtuoso; the oxigraph server comes with the test extras).
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import pytest

VIRTUOSO_USER = "aikg"
VIRTUOSO_PASSWORD = "aikg-test-only"
VIRTUOSO_MAX_ROWS = 50_000


@dataclass
class Server:
    name: str
    url: str
    process: subprocess.Popen
    user: str | None = None
    password: str | None = None

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_answering(server: Server, query_url: str, log: Path, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    probe = query_url + "?query=" + quote("ASK {}")
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            pytest.fail(f"{server.name} exited with {server.process.returncode}:\n{log.read_text(errors='replace')[-2000:]}")
        try:
            with urllib.request.urlopen(probe, timeout=2) as answer:
                if answer.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.1)
    server.stop()
    pytest.fail(f"{server.name} did not answer within {seconds} s:\n{log.read_text(errors='replace')[-2000:]}")


def oxigraph_binary() -> str | None:
    beside_python = Path(sys.executable).with_name("oxigraph")
    return str(beside_python) if beside_python.exists() else shutil.which("oxigraph")


def start_oxigraph(folder: Path) -> Server:
    binary = oxigraph_binary()
    if binary is None:
        pytest.skip("the oxigraph server is not installed (pip install -e '.[test]')")
    port = free_port()
    log = folder / "oxigraph.log"
    process = subprocess.Popen(
        [binary, "serve", "--location", str(folder / "db"), "--bind", f"127.0.0.1:{port}"],
        stdout=log.open("wb"), stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
    )
    server = Server("oxigraph", f"http://127.0.0.1:{port}", process)
    wait_until_answering(server, server.url + "/query", log)
    return server


@pytest.fixture(scope="session")
def oxigraph(tmp_path_factory):
    server = start_oxigraph(tmp_path_factory.mktemp("oxigraph"))
    yield server
    server.stop()


@pytest.fixture
def fresh_oxigraph(tmp_path):
    """A server of one's own, for tests that stop it."""
    server = start_oxigraph(tmp_path)
    yield server
    server.stop()


_VIRTUOSO_INI = """\
[Database]
DatabaseFile = {d}/virtuoso.db
ErrorLogFile = {d}/virtuoso.log
LockFile = {d}/virtuoso.lck
TransactionFile = {d}/virtuoso.trx
xa_persistent_file = {d}/virtuoso.pxa
TempStorage = TempDatabase
[TempDatabase]
DatabaseFile = {d}/virtuoso-temp.db
TransactionFile = {d}/virtuoso-temp.trx
[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
DirsAllowed = .
[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerThreads = 4
[SPARQL]
ResultSetMaxRows = {max_rows}
MaxQueryExecutionTime = 60
"""

# A user who may query and update over SPARQL and the Graph Store Protocol.
_VIRTUOSO_SETUP = f"""
DB.DBA.USER_CREATE('{VIRTUOSO_USER}', '{VIRTUOSO_PASSWORD}');
GRANT SPARQL_SELECT TO "{VIRTUOSO_USER}";
GRANT SPARQL_UPDATE TO "{VIRTUOSO_USER}";
"""


@pytest.fixture(scope="session")
def virtuoso(tmp_path_factory):
    binary, isql = shutil.which("virtuoso-t"), shutil.which("isql-vt")
    if binary is None or isql is None:
        pytest.skip("Virtuoso is not installed (tests/install-system-packages.sh installs it as root)")
    folder = tmp_path_factory.mktemp("virtuoso")
    sql_port, http_port = free_port(), free_port()
    ini = folder / "virtuoso.ini"
    ini.write_text(_VIRTUOSO_INI.format(d=folder, sql_port=sql_port, http_port=http_port, max_rows=VIRTUOSO_MAX_ROWS))
    log = folder / "stdout.log"
    process = subprocess.Popen(
        [binary, "-f", "+configfile", str(ini)],
        cwd=folder, stdout=log.open("wb"), stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
    )
    server = Server("virtuoso", f"http://127.0.0.1:{http_port}", process, VIRTUOSO_USER, VIRTUOSO_PASSWORD)
    try:
        wait_until_answering(server, server.url + "/sparql", log)
        # A fresh database's dba password is "dba"; the server is reachable from this machine only.
        setup = subprocess.run(
            [isql, f"127.0.0.1:{sql_port}", "dba", "dba", "exec=" + _VIRTUOSO_SETUP],
            capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL,
        )
        output = setup.stdout + setup.stderr
        if setup.returncode != 0 or "*** Error" in output:  # isql-vt exits 0 when a statement fails
            pytest.fail(f"creating the Virtuoso user failed:\n{output}")
        yield server
    finally:
        server.stop()


@pytest.fixture
def as_virtuoso_user(monkeypatch, virtuoso):
    monkeypatch.setenv("AIKG_STORE_USER", virtuoso.user)
    monkeypatch.setenv("AIKG_STORE_PASSWORD", virtuoso.password)
    return virtuoso

"""Nothing lost, nothing hangs: outputs that are devices, FIFOs, links or inputs; streams without end;
a full or read-only disk; SIGTERM; file names that carry terminal escapes.

The dangerous cases run in a private mount namespace (``unshare -m``, a
tmpfs over /dev or a tiny tmpfs) so the real /dev is never at risk.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from helpers import CLI, FIXTURES, MINI

AIKG = [sys.executable, "-m", "aikg"]
NT = '<http://example.org/s> <http://example.org/p> "x" .\n'


def aikg(*args, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([*AIKG, *map(str, args)], capture_output=True, timeout=120, **kwargs)


def in_namespace(script: str) -> subprocess.CompletedProcess:
    """``script`` (sh) in a private mount namespace, with $AIKG the command."""
    if os.geteuid() != 0 or not shutil.which("unshare"):
        pytest.skip("needs root and unshare(1) for a private mount namespace")
    probe = subprocess.run(["unshare", "-m", "true"], capture_output=True)
    if probe.returncode != 0:
        pytest.skip(f"unshare -m is not permitted here: {probe.stderr.decode().strip()}")
    env = {**os.environ, "AIKG": " ".join(AIKG)}
    return subprocess.run(["unshare", "-m", "sh", "-euc", script], capture_output=True, text=True, env=env, timeout=120)


@pytest.fixture
def data(tmp_path) -> Path:
    path = tmp_path / "x.nt"
    path.write_text(NT)
    return path


# ------------------------------------------------------------------ outputs


def test_dev_null_stays_a_device(data):
    """As root, -o /dev/null used to become a regular file: here on a private /dev."""
    done = in_namespace(
        f"mount -t tmpfs none /dev && mknod -m 666 /dev/null c 1 3\n"
        f"$AIKG convert -i {data} --to ntriples -o /dev/null\n"
        "test -c /dev/null && echo still-a-device\n"
        "ls -a /dev\n"
    )
    assert done.returncode == 0, done.stderr
    assert "still-a-device" in done.stdout
    assert ".tmp" not in done.stdout  # nothing left beside it


def test_dev_stdout_is_written_directly(data, tmp_path):
    """On a private /dev: the link /dev/stdout stays a link, the shell's file gets the output
    (appended after >>), and nothing is left beside either."""
    out = tmp_path / "redirected.nt"
    done = in_namespace(
        "mount -t tmpfs none /dev && ln -s /proc/self/fd/1 /dev/stdout\n"
        f"echo first > {out}\n"
        f"$AIKG convert -i {data} --to ntriples -o /dev/stdout >> {out}\n"
        "test -L /dev/stdout && echo still-a-link >&2\n"
        f"$AIKG convert -i {data} --to ntriples -o /dev/stdout | wc -l >&2\n"
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr.split() == ["still-a-link", "1"]
    assert out.read_text() == "first\n" + NT
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_symlink_is_followed_and_its_target_replaced(run, data, tmp_path):
    target = tmp_path / "real.nt"
    target.write_text("old\n")
    link = tmp_path / "link.nt"
    link.symlink_to(target)
    assert run("convert", "-i", data, "--to", "ntriples", "-o", link).exit_code == 0
    assert link.is_symlink() and target.read_text() == NT


def test_fifo_with_a_reader_receives_the_output(run, data, tmp_path):
    fifo = tmp_path / "out.fifo"
    os.mkfifo(fifo)
    received = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_text()))
    reader.start()
    time.sleep(0.2)  # the reader is waiting in open()
    result = run("convert", "-i", data, "--to", "ntriples", "-o", fifo)
    reader.join(10)
    assert result.exit_code == 0, result.output
    assert received == [NT] and fifo.is_fifo()


def test_fifo_without_a_reader_is_refused_not_waited_on(run, data, tmp_path):
    fifo = tmp_path / "out.fifo"
    os.mkfifo(fifo)
    result = run("convert", "-i", data, "--to", "ntriples", "-o", fifo)
    assert result.exit_code == 3 and "a FIFO that no process is reading" in result.stderr


def test_output_naming_a_folder_is_exit_3(run, data, tmp_path):
    result = run("convert", "-i", data, "--to", "ntriples", "-o", tmp_path)
    assert result.exit_code == 3 and f"{tmp_path}: is a folder" in result.stderr


@pytest.mark.parametrize("args", [
    ("query", "{q}", "-i", "{d}", "-o", "{q}"),
    ("validate", "-i", "{d}", "-s", "{s}", "-o", "{s}"),
    ("convert", "-i", "{d}", "--to", "ntriples", "-o", "{d}"),
    ("reason", "-i", "{d}", "-o", "{d}"),
])
def test_output_over_a_file_the_command_reads_is_refused(run, tmp_path, args):
    files = {"{q}": tmp_path / "q.rq", "{d}": tmp_path / "d.ttl", "{s}": tmp_path / "s.ttl"}
    files["{q}"].write_text("SELECT * { ?s ?p ?o }\n")
    shutil.copy(MINI, files["{d}"])
    shutil.copy(CLI / "shapes.ttl", files["{s}"])
    before = {path: path.read_bytes() for path in files.values()}
    result = run(*(str(files.get(a, a)) for a in args))
    assert result.exit_code == 2, result.output
    assert "which this command reads" in result.stderr
    assert {path: path.read_bytes() for path in files.values()} == before


def test_disk_full_keeps_the_old_output_and_says_so(tmp_path):
    big = tmp_path / "big.nt"
    big.write_text("".join(f'<http://example.org/s{i}> <http://example.org/p> "{"x" * 200}" .\n' for i in range(2000)))
    done = in_namespace(
        "mkdir -p /mnt/full && mount -t tmpfs -o size=64k none /mnt/full\n"
        "echo old > /mnt/full/out.nt\n"
        f"set +e; $AIKG convert -i {big} --to ntriples -o /mnt/full/out.nt; echo rc=$?\n"
        "cat /mnt/full/out.nt; ls -a /mnt/full\n"
    )
    assert "rc=4" in done.stdout, done.stdout + done.stderr
    assert "writing failed: No space left on device; nothing was replaced" in done.stderr
    assert "Traceback" not in done.stderr
    assert "\nold\n" in done.stdout and ".tmp" not in done.stdout


def test_read_only_filesystem_is_exit_3(data):
    done = in_namespace(
        "mkdir -p /mnt/ro && mount -t tmpfs -o ro none /mnt/ro\n"
        f"set +e; $AIKG convert -i {data} --to ntriples -o /mnt/ro/out.nt; echo rc=$?\n"
    )
    assert "rc=3" in done.stdout, done.stdout + done.stderr
    assert "cannot write there: Read-only file system" in done.stderr


def test_sigterm_leaves_no_temporary_file(tmp_path):
    """The temporary output exists while stdin is awaited; SIGTERM must remove it."""
    out = tmp_path / "out.nt"
    out.write_text("old\n")
    process = subprocess.Popen([*AIKG, "convert", "-i", "-", "--to", "ntriples", "-o", str(out)],
                               stdin=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 30
    while not any(p.name.endswith(".tmp") for p in tmp_path.iterdir()) and time.monotonic() < deadline:
        time.sleep(0.05)
    process.send_signal(signal.SIGTERM)
    assert process.wait(30) == 128 + signal.SIGTERM
    process.stdin.close()
    assert [p.name for p in tmp_path.iterdir()] == ["out.nt"] and out.read_text() == "old\n"


def test_report_folder_with_other_files_is_not_replaced(run, tmp_path):
    site = tmp_path / "site"
    assert run("report", "-i", MINI, "-o", site).exit_code == 0
    mine = site / "my.ttl"
    shutil.copy(MINI, mine)
    result = run("report", "-i", mine, "-o", site)
    assert result.exit_code == 2 and "holds other files too (my.ttl)" in result.stderr
    assert mine.read_bytes() == MINI.read_bytes()
    mine.unlink()
    assert run("report", "-i", MINI, "-o", site).exit_code == 0  # its own files only: replaced


# ------------------------------------------------------------------- inputs


def test_endless_stdin_stops_at_the_limit():
    done = subprocess.run([*AIKG, "check", "-"], stdin=open("/dev/zero", "rb"), capture_output=True, timeout=60,
                          env={**os.environ, "AIKG_MAX_STDIN": "8M"})
    assert done.returncode == 3
    assert b"standard input: more than 8,388,608 bytes, the limit for a stream (AIKG_MAX_STDIN)" in done.stderr


def _bytes_read(pid: int) -> int:
    """What the process has read so far, from /proc (its imports are a few MB)."""
    with open(f"/proc/{pid}/io") as io:
        return next(int(line.split()[1]) for line in io if line.startswith("rchar:"))


def test_ctrl_c_stops_an_endless_stdin_read():
    """Read in chunks, so SIGINT is seen between them (one big read() never returned to Python)."""
    import resource

    def bounded_memory():  # should the read not stop, it fails here instead of filling the machine
        resource.setrlimit(resource.RLIMIT_AS, (4 * 2**30, 4 * 2**30))
        # Ctrl-C as at a terminal: a shell starts background jobs (a CI script's `cmd &`) with SIGINT
        # ignored, a disposition every child inherits, and then Python installs no handler for it.
        signal.signal(signal.SIGINT, signal.SIG_DFL)

    process = subprocess.Popen([*AIKG, "check", "-"], stdin=open("/dev/zero", "rb"), stderr=subprocess.PIPE,
                               env={**os.environ, "AIKG_MAX_STDIN": "3G"}, preexec_fn=bounded_memory)
    # Ctrl-C once the read is under way: a fixed sleep let a fast machine reach the 3G limit first (exit 3)
    deadline = time.monotonic() + 20
    while _bytes_read(process.pid) < 100 * 2**20:
        assert process.poll() is None and time.monotonic() < deadline, "aikg never started reading stdin"
        time.sleep(0.005)
    process.send_signal(signal.SIGINT)
    try:
        assert process.wait(20) == 130
    finally:
        process.kill()
    assert b"aikg: interrupted" in process.stderr.read()


def test_stdin_under_the_limit_is_read(run, monkeypatch):
    monkeypatch.setenv("AIKG_MAX_STDIN", "1K")
    assert run("convert", "-i", "-", "--to", "ntriples", input=NT).stdout == NT
    result = run("convert", "-i", "-", "--to", "ntriples", input=NT * 100)
    assert result.exit_code == 3 and "more than 1,024 bytes" in result.stderr


def test_fifo_and_process_substitution_are_read(data):
    done = subprocess.run(["bash", "-c", f"{' '.join(AIKG)} convert -i <(cat {data}) --to ntriples"],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout == NT


@pytest.mark.parametrize(("make", "message"), [
    (lambda tmp: tmp, "is a folder, not a file"),
    (lambda tmp: (tmp / "loop").symlink_to(tmp / "loop") or tmp / "loop", "cannot read: a symbolic link loop"),
    (lambda tmp: (tmp / "dangling").symlink_to(tmp / "gone") or tmp / "dangling", "no such file (a broken symbolic link)"),
    (lambda tmp: tmp / "missing.ttl", "no such file"),
])
def test_unreadable_inputs_say_why(run, tmp_path, make, message):
    path = make(tmp_path)
    result = run("check", path)
    assert result.exit_code == 3 and f"{path}: {message}" in result.stderr


def test_dev_zero_as_input_stops_at_the_limit(run, monkeypatch):
    monkeypatch.setenv("AIKG_MAX_STDIN", "1M")
    result = run("check", "/dev/zero")
    assert result.exit_code == 3 and "/dev/zero: more than 1,048,576 bytes" in result.stderr


def test_bad_limit_value_is_a_usage_error(run, monkeypatch):
    monkeypatch.setenv("AIKG_MAX_JSON_DEPTH", "deep")
    result = run("check", FIXTURES / "hostile" / "deep-array.jsonld")
    assert result.exit_code == 2 and "AIKG_MAX_JSON_DEPTH='deep' is not a positive number" in result.stderr


def test_limits_are_in_the_help(run):
    shown = run("--help").stdout
    for variable in ("AIKG_MAX_STDIN", "AIKG_MAX_JSON_DEPTH", "AIKG_MAX_TERM", "AIKG_MAX_ANSWER", "--timeout"):
        assert variable in shown


def test_seventeen_mib_literal_is_exit_3_not_a_memory_error(run, tmp_path):
    big = tmp_path / "big.nt"
    big.write_text('<http://example.org/s> <http://example.org/p> "' + "x" * (17 * 2**20) + '" .\n')
    result = run("check", "--syntax-only", big)
    assert result.exit_code == 3, result.output
    assert "a literal or IRI longer than 16,777,216 bytes; refused" in result.stderr


# ------------------------------------------------------------- the terminal


def test_file_names_with_escapes_are_shown_harmlessly(run, tmp_path):
    bad = tmp_path / "evil\x1b]0;owned\x07.ttl"
    bad.write_text("<http://example.org/s> <http://example.org/p> .\n")
    result = run("check", "--syntax-only", bad)
    assert result.exit_code == 3
    assert "\x1b" not in result.output and "\x07" not in result.output
    assert "evil\ufffd]0;owned\ufffd.ttl" in result.stderr


def test_csv_and_json_keep_the_data_byte_for_byte(run):
    path = FIXTURES / "hostile" / "esc-csi-literal.ttl"
    csv = run("query", "-i", path, "-e", "SELECT ?o { <http://example.org/s> ?p ?o }", "-f", "csv")
    assert csv.stdout.splitlines()[1] == "red\x1b[31malert"
    assert '"red\\u001b[31malert"' in run("query", "-i", path, "-e", "SELECT ?o { <http://example.org/s> ?p ?o }", "-f", "json").stdout


# ------------------------------------------------------------ queries (12's)


def test_repeated_parameter_is_a_usage_error(run):
    result = run("query", "-i", MINI, "-e", "SELECT ?x { }", "-p", "x=1", "-p", "x=2")
    assert result.exit_code == 2 and "--param x is given twice" in result.stderr


def test_service_answering_html_is_exit_4(run):
    from stores.fake_store import FakeStore

    html = FakeStore(answer=b"<html><body>not SPARQL</body></html>", content_type="text/html", open_access=True).start()
    try:
        result = run("query", "-i", MINI, "--allow-service",
                     "-e", f"SELECT * {{ SERVICE <{html.url}query> {{ ?s ?p ?o }} }}")
    finally:
        html.stop()
    assert result.exit_code == 4, result.output
    assert "SERVICE endpoint" in result.stderr


def test_oxigraph_timeout_with_an_empty_result_prints_nothing_stray(data):
    for text in ("SELECT * { ?s ?p 'nothing' }", "ASK { ?s ?p 'nothing' }", "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p 'no' }"):
        done = aikg("query", "-i", data, "--timeout", "5", "-e", text)
        assert done.returncode in (0, 1)
        assert done.stderr == b""

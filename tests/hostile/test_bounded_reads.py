"""Bounded reads (issue 10, case 5): an SLA is read at most 1,000,001 bytes from any source;
an export from a FIFO or `<(...)` is read once, copied to the run's folder, and that copy
stops at LEADSLA_MAX_SPOOL or a full temp folder with a message; SIGINT works while reading.

These run `leadsla` as a process: what is tested is how it behaves on real pipes, FIFOs and
signals. A child that would read without end (as the code before this fix did) is held by a
memory limit and a timeout, so that a failing test fails instead of eating the machine."""

from __future__ import annotations

import csv
import errno
import json
import os
import resource
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import IO

import pytest

from leadsla.errors import ExportUnreadable, UsageError
from tests.conftest import AS_OF, EXAMPLES, ROOT

pytestmark = pytest.mark.skipif(os.name != "posix", reason="FIFOs, signals and /dev are POSIX")

SLA = (
    "version: 1\nname: bounded\n"
    "scoring: {fit: {rules: [{name: Every lead, points: 1}], grades: {A: 1}}}\n"
)
MEMORY_LIMIT = 2 << 30  # address space of a child that must not read without end
FILE_LIMIT = 200 << 20  # largest file a child that must not spool without end may write


class Child:
    """`python -m leadsla ...` started with pipes; `finish` gives its exit, output, time and
    peak memory (ru_maxrss, from wait4)."""

    def __init__(
        self,
        *args: str | Path,
        env: dict[str, str] | None = None,
        stdin: int | None = subprocess.DEVNULL,
        pass_fds: tuple[int, ...] = (),
        limit_memory: bool = False,
        limit_files: bool = False,
        cwd: Path | None = None,
    ) -> None:
        full_env = {**os.environ, "NO_COLOR": "1", **(env or {})}

        def limit() -> None:
            if limit_memory:
                resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
            if limit_files:
                resource.setrlimit(resource.RLIMIT_FSIZE, (FILE_LIMIT, FILE_LIMIT))

        self.started = time.monotonic()
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "leadsla", *[str(a) for a in args]],
            stdin=stdin,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=full_env,
            cwd=cwd or ROOT,
            pass_fds=pass_fds,
            preexec_fn=limit,
        )

    def finish(self, timeout: float = 120) -> tuple[int, str, str, float, float]:
        """(exit code, stdout, stderr, seconds, peak RSS in MB); killed after `timeout`."""
        streams: dict[str, bytes] = {}

        def drain(key: str, stream: IO[bytes]) -> None:
            streams[key] = stream.read()

        readers = [
            threading.Thread(target=drain, args=(k, s), daemon=True)
            for k, s in (("out", self.proc.stdout), ("err", self.proc.stderr))
            if s is not None
        ]
        for t in readers:
            t.start()
        timer = threading.Timer(timeout, self.proc.kill)
        timer.start()
        hwm = _HighWater(self.proc.pid)
        _pid, status, usage = os.wait4(self.proc.pid, 0)
        hwm.stop()
        timer.cancel()
        for t in readers:
            t.join()
        self.proc.returncode = os.waitstatus_to_exitcode(status)
        elapsed = time.monotonic() - self.started
        if elapsed >= timeout:
            pytest.fail(f"leadsla did not finish within {timeout} s")
        stdout = streams.get("out", b"").decode("utf-8", "replace")
        stderr = streams.get("err", b"").decode("utf-8", "replace")
        assert "Traceback (most recent call last)" not in stderr, stderr
        # ru_maxrss starts at this (large) test process's size, which the forked child had
        # before its exec (Linux keeps that high-water mark): the child's own one, when /proc
        # shows it, is what counts
        peak = hwm.peak_mb if hwm.peak_mb is not None else usage.ru_maxrss / 1024
        return self.proc.returncode, stdout, stderr, elapsed, peak


class _HighWater:
    """The child's own peak resident size (VmHWM, which exec resets), read from /proc every
    few milliseconds while it runs: growth in its last milliseconds may be missed, an
    unbounded read never is."""

    def __init__(self, pid: int) -> None:
        self.path = Path(f"/proc/{pid}/status")
        self.peak_mb: float | None = None
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True)
        self._thread.start()

    def _watch(self) -> None:
        while not self._done.is_set():
            try:
                text = self.path.read_text()
            except OSError:
                return
            for line in text.splitlines():
                if line.startswith("VmHWM:"):
                    mb = int(line.split()[1]) / 1024
                    self.peak_mb = max(self.peak_mb or 0.0, mb)
            self._done.wait(0.005)

    def stop(self) -> None:
        self._done.set()
        self._thread.join()


def _feed(write: Callable[[], bytes], fd: int, forever: bool = False) -> threading.Thread:
    """Write `write()` into `fd` (once, or until the reader leaves), then close it."""

    def run() -> None:
        try:
            while True:
                _write_all(fd, write())
                if not forever:
                    break
        except (BrokenPipeError, OSError):
            pass
        finally:
            os.close(fd)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def _open_writer_when_read(fifo: Path, timeout: float = 60) -> int:
    """Open `fifo` for writing as soon as a reader has it open (a non-blocking open fails
    with ENXIO until then): the child is then inside its read."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            fd = os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
        except OSError as exc:
            if exc.errno != errno.ENXIO or time.monotonic() > deadline:
                raise
            time.sleep(0.02)
            continue
        os.set_blocking(fd, True)
        return fd


@pytest.fixture
def sla(tmp_path: Path) -> Path:
    path = tmp_path / "sla.yaml"
    path.write_text(SLA, encoding="utf-8")
    return path


def _export_bytes(rows: int = 3) -> bytes:
    return ("id,email\n" + "".join(f"L{i},l{i}@x.com\n" for i in range(1, rows + 1))).encode()


# --- the SLA file ---------------------------------------------------------------------------


def test_validate_dev_zero_stops_at_the_limit() -> None:
    """It grew to 24 GB, deaf to SIGINT: now it reads 1,000,001 bytes and says so."""
    code, out, err, seconds, peak = Child("validate", "/dev/zero", limit_memory=True).finish(60)
    assert code == 2, out + err
    assert "/dev/zero: more than 1,000,000 bytes" in out + err
    assert "an SLA file is at most 1,000,000 bytes" in out + err
    assert peak < 300, f"{peak:.0f} MB"
    assert seconds < 30


def test_validate_an_endless_pipe_on_dev_stdin() -> None:
    """`yes 'name: x' | leadsla validate /dev/stdin` reached 3.5 GB in 6 s."""
    read, write = os.pipe()
    child = Child("validate", "/dev/stdin", stdin=read, limit_memory=True)
    os.close(read)
    _feed(lambda: b"name: x\n" * 8192, write, forever=True)
    code, out, err, _seconds, peak = child.finish(60)
    assert code == 2, out + err
    assert "/dev/stdin: more than 1,000,000 bytes" in out + err
    assert peak < 300, f"{peak:.0f} MB"


def test_an_sla_from_a_pipe_or_fifo_within_the_limit_is_read(tmp_path: Path) -> None:
    text = SLA.encode() + b"# " + b"x" * (1_000_000 - len(SLA) - 3) + b"\n"
    assert len(text) == 1_000_000
    fifo = tmp_path / "sla.fifo"
    os.mkfifo(fifo)
    child = Child("validate", fifo)
    _feed(lambda: text, _open_writer_when_read(fifo))
    code, out, err, _seconds, _peak = child.finish()
    assert code == 0, out + err
    assert f"{fifo}: valid" in out
    # one byte more: refused, from a pipe as from a FIFO
    read, write = os.pipe()
    child = Child("validate", "/dev/stdin", stdin=read)
    os.close(read)
    _feed(lambda: text + b"#", write)
    code, out, err, _seconds, _peak = child.finish()
    assert code == 2, out + err
    assert "more than 1,000,000 bytes" in out + err


def test_a_large_regular_sla_file_still_says_its_size(tmp_path: Path) -> None:
    """Unchanged for a regular file: an invalid SLA (exit 1 in validate) with its size."""
    path = tmp_path / "big.yaml"
    path.write_bytes(SLA.encode() + b"#" * 3_000_000 + b"\n")
    code, out, err, _seconds, _peak = Child("validate", path, limit_memory=True).finish()
    assert code == 1, out + err
    assert "file is 3,000,0" in out and "an SLA file is at most 1,000,000 bytes" in out


def test_sigint_while_an_sla_fifo_is_silent(tmp_path: Path) -> None:
    """A writer that has opened the FIFO and writes nothing: the read waits, SIGINT ends it."""
    fifo = tmp_path / "sla.fifo"
    os.mkfifo(fifo)
    child = Child("validate", fifo)
    writer = _open_writer_when_read(fifo)
    try:
        time.sleep(0.2)
        child.proc.send_signal(signal.SIGINT)
        code, out, err, _seconds, _peak = child.finish(30)
    finally:
        os.close(writer)
    assert code == 130, out + err
    assert "interrupted" in err


def test_a_data_command_reads_its_sla_from_a_pipe(tmp_path: Path) -> None:
    export = tmp_path / "leads.csv"
    export.write_bytes(_export_bytes())
    read, write = os.pipe()
    child = Child(
        "score", export, "--sla", f"/dev/fd/{read}", "--as-of", AS_OF, "--format", "json",
        pass_fds=(read,),
    )  # fmt: skip
    os.close(read)
    _feed(lambda: SLA.encode(), write)
    code, out, err, _seconds, _peak = child.finish()
    assert code == 0, err
    assert len(json.loads(out)["leads"]) == 3


# --- the export from a FIFO or `<(...)` -----------------------------------------------------


def _scored(out: str) -> list[tuple[str, str]]:
    return [(lead["id"], lead["grade"]) for lead in json.loads(out)["leads"]]


def test_process_substitution_is_read(sla: Path, tmp_path: Path) -> None:
    """`leadsla score <(cat leads.csv)` said the file was empty: the pipe was read to detect
    the encoding, and then it was empty for DuckDB."""
    data = (EXAMPLES / "leads.csv").read_bytes()
    regular = Child(
        "score",
        EXAMPLES / "leads.csv",
        "--sla",
        EXAMPLES / "sla.yaml",
        "--as-of",
        AS_OF,
        "--format",
        "json",
    )
    expected = regular.finish()
    read, write = os.pipe()
    child = Child(
        "score", f"/dev/fd/{read}", "--sla", EXAMPLES / "sla.yaml", "--as-of", AS_OF,
        "--format", "json", pass_fds=(read,),
    )  # fmt: skip
    os.close(read)
    _feed(lambda: data, write)
    code, out, err, _seconds, _peak = child.finish()
    assert code == expected[0] == 0, err
    assert f"/dev/fd/{read}: 2,000 rows: 2,000 used" in err
    assert _scored(out) == _scored(expected[1])


@pytest.mark.skipif(shutil.which("bash") is None, reason="bash is not installed")
def test_process_substitution_from_bash(sla: Path, tmp_path: Path) -> None:
    export = tmp_path / "leads.csv"
    export.write_bytes(_export_bytes(5))
    proc = subprocess.run(
        ["bash", "-c", f'"$0" -m leadsla score <(cat "$1") --sla "$2" --as-of {AS_OF} --quiet --format json', sys.executable, export, sla],
        capture_output=True,
        cwd=ROOT,
        timeout=120,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert len(json.loads(proc.stdout)["leads"]) == 5


@pytest.mark.parametrize("encoding", ["utf-8", "cp1252", "utf-16"])
def test_a_named_fifo_with_a_writer_is_read(sla: Path, tmp_path: Path, encoding: str) -> None:
    """It hung: the FIFO was opened once per detection step and again by DuckDB."""
    fifo = tmp_path / "leads.fifo"
    os.mkfifo(fifo)
    text = "id,email,name\n" + "".join(f"L{i},l{i}@x.com,Jo\u00e3o {i}\n" for i in range(500))
    child = Child("score", fifo, "--sla", sla, "--as-of", AS_OF, "--format", "json")
    _feed(lambda: text.encode(encoding), _open_writer_when_read(fifo))
    code, out, err, _seconds, _peak = child.finish()
    assert code == 0, err
    assert f"{fifo}: 500 rows: 500 used, 0 rejected" in err
    assert [i for i, _g in _scored(out)][:2] == ["L0", "L1"]


def test_sigint_while_an_export_fifo_is_silent(sla: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "leads.fifo"
    os.mkfifo(fifo)
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    child = Child("score", fifo, "--sla", sla, "--as-of", AS_OF, env={"TMPDIR": str(tmp)})
    writer = _open_writer_when_read(fifo)
    try:
        _write_all(writer, _export_bytes(1000))  # half an export, then nothing
        time.sleep(0.3)
        child.proc.send_signal(signal.SIGINT)
        code, out, err, _seconds, _peak = child.finish(30)
    finally:
        os.close(writer)
    assert code == 130, out + err
    assert "interrupted" in err
    assert not list(tmp.rglob("*.csv")), "the spool was left behind"


# --- the spool's limits ---------------------------------------------------------------------


def test_an_endless_stdin_stops_at_the_spool_limit(sla: Path, tmp_path: Path) -> None:
    """`yes | leadsla score -` filled the temp folder."""
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    read, write = os.pipe()
    child = Child(
        "score", "-", "--sla", sla, "--as-of", AS_OF, stdin=read,
        env={"TMPDIR": str(tmp), "LEADSLA_MAX_SPOOL": "20M"}, limit_files=True,
    )  # fmt: skip
    os.close(read)
    _feed(lambda: b"y\n" * 65536, write, forever=True)
    code, out, err, _seconds, _peak = child.finish(60)
    assert code == 2, out + err
    assert "leadsla: standard input: more than 20 MB" in err
    assert "LEADSLA_MAX_SPOOL" in err
    assert not list(tmp.rglob("*.csv")), "the spool was left behind"


@pytest.mark.parametrize(
    ("limit", "size", "ok"),
    [("1000", 1000, True), ("1000", 1001, False), ("1K", 999, True), ("1KiB", 1025, False)],
)
def test_the_spool_limit_is_exact(
    sla: Path, tmp_path: Path, limit: str, size: int, ok: bool
) -> None:
    head = b"id,email\n"
    row = b"L1,l1@x.com\n"
    data = head + row * ((size - len(head)) // len(row))
    data += b"#" * (size - len(data) - 1) + b"\n" if len(data) < size else b""
    assert len(data) == size
    for source in ("stdin", "fifo"):
        if source == "stdin":
            child = Child(
                "score",
                "-",
                "--sla",
                sla,
                "--as-of",
                AS_OF,
                stdin=subprocess.PIPE,
                env={"LEADSLA_MAX_SPOOL": limit},
            )
            assert child.proc.stdin is not None
            child.proc.stdin.write(data)
            child.proc.stdin.close()
        else:
            fifo = tmp_path / f"leads-{size}.fifo"
            os.mkfifo(fifo)
            child = Child(
                "score", fifo, "--sla", sla, "--as-of", AS_OF, env={"LEADSLA_MAX_SPOOL": limit}
            )
            _feed(lambda: data, _open_writer_when_read(fifo))
        code, _out, err, _seconds, _peak = child.finish()
        if ok:
            assert code in (0, 1), err  # a trailing `#` line may be a rejected row
        else:
            assert code == 2, err
            assert "more than 1 KB" in err or "more than 1.02 KB" in err


def test_a_regular_file_is_not_spooled(sla: Path, tmp_path: Path) -> None:
    """The limit is for what must be copied: a file on disk is read where it is."""
    export = tmp_path / "leads.csv"
    export.write_bytes(_export_bytes(100))
    child = Child("score", export, "--sla", sla, "--as-of", AS_OF, env={"LEADSLA_MAX_SPOOL": "10"})
    code, _out, err, _seconds, _peak = child.finish()
    assert code == 0, err


@pytest.mark.parametrize("value", ["0", "abc", "12X", "-5", "1.5.2G"])
def test_a_bad_spool_limit_is_a_usage_error(sla: Path, value: str) -> None:
    child = Child(
        "score",
        "-",
        "--sla",
        sla,
        "--as-of",
        AS_OF,
        stdin=subprocess.PIPE,
        env={"LEADSLA_MAX_SPOOL": value},
    )
    assert child.proc.stdin is not None
    child.proc.stdin.write(_export_bytes())
    child.proc.stdin.close()
    code, _out, err, _seconds, _peak = child.finish()
    assert code == 2, err
    assert f"LEADSLA_MAX_SPOOL={value}: give a size in bytes" in err


@pytest.mark.parametrize(
    ("value", "size"),
    [("", 20 * 10**9), ("20G", 20 * 10**9), ("1.5GB", 1_500_000_000), ("2GiB", 2 << 30),
     ("500m", 500_000_000), ("64 KiB", 65536), ("1000", 1000), ("7b", 7)],
)  # fmt: skip
def test_spool_limit_values(monkeypatch: pytest.MonkeyPatch, value: str, size: int) -> None:
    from leadsla.data.source import human_size, max_spool

    monkeypatch.setenv("LEADSLA_MAX_SPOOL", value)
    assert max_spool() == size
    assert human_size(20 * 10**9) == "20 GB"


def test_a_bad_spool_limit_value_in_process(monkeypatch: pytest.MonkeyPatch) -> None:
    from leadsla.data.source import max_spool

    monkeypatch.setenv("LEADSLA_MAX_SPOOL", "twenty")
    with pytest.raises(UsageError):
        max_spool()


# --- a full temp folder ---------------------------------------------------------------------


def _full_device(tmp_path: Path) -> Path:
    """A `/dev/full` of our own (every write: ENOSPC), made in the test's folder."""
    node = tmp_path / "run" / "full"
    node.parent.mkdir()
    try:
        os.mknod(node, 0o600 | 0o020000, os.makedev(1, 7))
    except (PermissionError, AttributeError) as exc:
        if os.environ.get("LEADSLA_REQUIRE_DEVICES") == "1":
            raise
        pytest.skip(f"cannot make a device node here: {exc}")
    return node


def test_spool_onto_a_full_file_system(tmp_path: Path) -> None:
    from leadsla.data.source import spool

    target = _full_device(tmp_path)
    read, write = os.pipe()
    _feed(lambda: b"id\n1\n" * 100_000, write)
    with os.fdopen(read, "rb") as stream, pytest.raises(ExportUnreadable) as caught:
        spool(stream, "standard input", target)
    message = caught.value.message
    assert message.startswith("standard input: the temp folder ")
    assert str(tmp_path) in message and "No space left on device" in message
    assert "TMPDIR" in message


def _small_tmpfs_available() -> str | None:
    if sys.platform != "linux" or shutil.which("unshare") is None:
        return "needs Linux and unshare"
    probe = subprocess.run(
        ["unshare", "-m", "sh", "-c", "mount -t tmpfs -o size=1m none /mnt"],
        capture_output=True,
    )
    return None if probe.returncode == 0 else "cannot mount a tmpfs here (not root?)"


@pytest.mark.parametrize("case", ["stdin", "cp1252-file"])
def test_a_full_temp_folder_is_said_plainly(sla: Path, tmp_path: Path, case: str) -> None:
    """TMPDIR on a 2 MB file system: the spool (or the UTF-8 copy of a cp1252 export) stops
    with a message that names the folder; nothing is left in it."""
    why = _small_tmpfs_available()
    if why:
        pytest.skip(why)
    mount = tmp_path / "small"
    mount.mkdir()
    export = tmp_path / "leads.csv"
    export.write_bytes(
        b"id,name\n" + "".join(f"L{i},Jo\u00e3o\n" for i in range(300_000)).encode("cp1252")
    )
    run = f'"{sys.executable}" -m leadsla score {"- <" if case == "stdin" else ""} "{export}" --sla "{sla}" --as-of {AS_OF}'
    proc = subprocess.run(
        ["unshare", "-m", "sh", "-c", f'mount -t tmpfs -o size=2m none "{mount}" && TMPDIR="{mount}" {run}; echo "exit=$?"; ls -A "{mount}"'],
        capture_output=True,
        cwd=ROOT,
        timeout=120,
    )  # fmt: skip
    out, err = proc.stdout.decode(), proc.stderr.decode()
    assert out.splitlines()[0] == "exit=2", out + err
    assert out.splitlines()[1:] == [], "left behind: " + out
    assert f"the temp folder {mount} is full (No space left on device)" in err
    assert "Traceback" not in err


# --- a wide export --------------------------------------------------------------------------


def _wide(path: Path, columns: int, rows: int) -> list[list[str]]:
    header = ["id", "email", *[f"x{i}" for i in range(columns - 2)]]
    body = [
        [
            f"L{r}",
            f"l{r}@x.com",
            *[str(r * i % 7) if i % 3 == 0 else "" for i in range(columns - 2)],
        ]
        for r in range(rows)
    ]
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows([header, *body])
    return [header, *body]


def test_a_wide_export_is_scored(sla: Path, tmp_path: Path) -> None:
    """20,000 columns: the read's column list is one parameter, not 20,000 SQL nodes (the
    100,000-column figures are in benchmarks/wide.py and the README)."""
    export = tmp_path / "wide.csv"
    _wide(export, 20_000, 30)
    code, out, err, _seconds, _peak = Child(
        "score", export, "--sla", sla, "--as-of", AS_OF, "--format", "json"
    ).finish()
    assert code == 0, err
    assert f"{export}: 30 rows: 30 used, 0 rejected" in err
    assert [i for i, _g in _scored(out)] == [f"L{r}" for r in range(30)]


def test_a_wide_export_round_trips_through_output(sla: Path, tmp_path: Path) -> None:
    export = tmp_path / "wide.csv"
    written = _wide(export, 2_000, 40)
    output = tmp_path / "scored.csv"
    child = Child("score", export, "--sla", sla, "--as-of", AS_OF, "--output", output, "--quiet")
    code, _out, err, _seconds, _peak = child.finish()
    assert code == 0, err
    with output.open(encoding="utf-8", newline="") as f:
        back = list(csv.reader(f))
    assert [row[:2_000] for row in back] == written
    assert back[0][2_000:][:2] == ["sla_fit", "sla_grade"]

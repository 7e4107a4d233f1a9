"""No internal error from user input or the environment (issue 9, case 7).

Each case becomes a located SLA error, or a `leadsla: ...` usage or I/O message with exit 2;
the cache and HOME cases work without the cache; a 0001-01-01 cell is an unreadable cell;
SIGINT is exit 130 wherever it lands. What depends on the process (file descriptors, signals,
users, mounts) runs `leadsla` as a subprocess."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import textwrap
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.conftest import AS_OF, EXAMPLES, ROOT, Cli, run_leadsla

SLA = """
version: 1
name: t
leads:
  timezone: America/Sao_Paulo
calendar:
  timezone: America/Sao_Paulo
scoring:
  fit:
    rules:
      - name: big
        when: {field: size, gt: GT}
        points: 10
    grades: {A: 10}
follow_up:
  - id: fc
    owner: sales
    start: mql_at
    stop: [contact_at]
    within: 4h
goals:
  targets:
    - {id: c, owner: sales, metric: count, of: mql_at, target: ">= 5"}
"""
ROWS = "id,size,mql_at,contact_at\n1,5,MQL,\n2,50,2026-11-18 10:00,2026-11-18 11:00\n"


@pytest.fixture
def sla(write_sla: Callable[[str], Path]) -> Path:
    return write_sla(SLA.replace("GT", "5"))


@pytest.fixture
def export(tmp_path: Path) -> Path:
    path = tmp_path / "leads.csv"
    path.write_text(ROWS.replace("MQL", "2026-11-18 09:00"), encoding="utf-8")
    return path


def no_internal_error(text: str) -> None:
    assert "internal error" not in text and "Traceback" not in text, text


DATA_COMMANDS = [
    ("score",),
    ("check-deadlines",),
    ("report",),
    ("explain", "1"),
]


def data_command(command: tuple[str, ...], export: Path, sla: Path, *extra: str) -> list[str]:
    return [*command, str(export), "--sla", str(sla), *extra]


# --- numbers ----------------------------------------------------------------------------------


@pytest.mark.parametrize("value", [".nan", ".inf", "1e400", "1" * 5001])
@pytest.mark.parametrize("command", DATA_COMMANDS, ids=lambda c: c[0])
def test_a_number_sql_cannot_hold_stops_every_command_with_its_place(
    value: str,
    command: tuple[str, ...],
    cli: Cli,
    write_sla: Callable[[str], Path],
    export: Path,
) -> None:
    path = write_sla(SLA.replace("GT", value))
    r = cli(*data_command(command, export, path, "--as-of", AS_OF))
    no_internal_error(r.stderr)
    assert r.exit_code == 2
    assert f"{path}:11:33: scoring.fit.rules[0].when.gt: `" in r.stderr
    assert "is not a number leadsla can compute with" in r.stderr
    r = cli("validate", path)
    assert r.exit_code == 1 and f"{path}:11:33: scoring.fit.rules[0].when.gt:" in r.stdout


def test_a_huge_deadline_is_located_not_an_overflow(
    cli: Cli, write_sla: Callable[[str], Path], export: Path
) -> None:
    path = write_sla(SLA.replace("GT", "5").replace("within: 4h", "within: 99999999999999999999h"))
    r = cli("check-deadlines", export, "--sla", path, "--as-of", AS_OF)
    no_internal_error(r.stderr)
    assert r.exit_code == 2 and f"{path}:19:13: follow_up[0].within: `99999" in r.stderr


# --- dates --------------------------------------------------------------------------------------

EXTREMES = ["0001-01-01", "9999-12-31", "0001-01-01T00:00:00+05:00", "9999-12-31T23:00:00-05:00"]


@pytest.mark.parametrize("as_of", EXTREMES)
@pytest.mark.parametrize(
    "command", [*DATA_COMMANDS, ("calendar",), ("validate",)], ids=lambda c: c[0]
)
def test_as_of_extremes_are_a_usage_error(
    as_of: str, command: tuple[str, ...], cli: Cli, sla: Path, export: Path
) -> None:
    if command[0] in ("calendar", "validate"):
        args = [*command, "--sla", str(sla), "--as-of", as_of]
    else:
        args = data_command(command, export, sla, "--as-of", as_of)
    r = cli(*args)
    no_internal_error(r.stderr)
    assert r.exit_code == 2
    assert r.stderr == (
        f"leadsla: --as-of `{as_of}` is outside the dates leadsla computes with "
        "(1900-01-01 to 2099-12-31)\n"
    )


@pytest.mark.parametrize(
    ("args"),
    [
        ("calendar", "--from", "0001-01-01", "--to", "0001-12-31"),
        ("calendar", "--from", "2099-01-01", "--to", "9999-12-31"),
    ],
)
def test_calendar_extremes_are_a_usage_error(args: tuple[str, ...], cli: Cli, sla: Path) -> None:
    r = cli(*args, "--sla", sla, "--as-of", AS_OF)
    no_internal_error(r.stderr)
    assert r.exit_code == 2 and "is outside the dates leadsla computes with" in r.stderr


def test_report_from_the_year_1_is_a_usage_error(cli: Cli, sla: Path, export: Path) -> None:
    r = cli("report", export, "--sla", sla, "--as-of", AS_OF, "--from", "0001-01-01")
    assert r.exit_code == 2
    assert r.stderr.endswith(
        "--from 0001-01-01 is outside the dates leadsla computes with (1900-01-01 to 2099-12-31)\n"
    )


@pytest.mark.parametrize(
    "cell",
    [
        "0001-01-01",
        "0001-01-01 00:00",
        "0001-01-01T00:00:00+14:00",
        "1899-12-30",
        "9999-12-31 23:59",
    ],
)
@pytest.mark.parametrize("command", DATA_COMMANDS, ids=lambda c: c[0])
def test_a_placeholder_date_is_an_unreadable_cell(
    cell: str, command: tuple[str, ...], cli: Cli, sla: Path, tmp_path: Path
) -> None:
    """SPEC §2: a cell that cannot be read as its type becomes blank and is listed."""
    export = tmp_path / "leads.csv"
    export.write_text(ROWS.replace("MQL", cell), encoding="utf-8")
    errors = tmp_path / "errors.csv"
    r = cli(*data_command(command, export, sla, "--as-of", AS_OF, "--errors", str(errors)))
    no_internal_error(r.stderr)
    assert r.exit_code in (0, 1), r.stderr
    if command[0] == "score":  # score reads only the fields scoring uses
        return
    assert "2 rows: 2 used, 0 rejected, 1 unreadable cells" in r.stderr
    (issue,) = list(csv.DictReader(io.StringIO(errors.read_text(encoding="utf-8"))))
    assert (issue["kind"], issue["line"], issue["field"], issue["value"]) == (
        "unreadable",
        "2",
        "mql_at",
        cell,
    )
    assert "from 1900 to 2099" in issue["reason"]


def test_dates_at_the_edges_are_read(cli: Cli, sla: Path, tmp_path: Path) -> None:
    export = tmp_path / "leads.csv"
    export.write_text(ROWS.replace("MQL", "2099-12-31 23:00"), encoding="utf-8")
    r = cli("report", export, "--sla", sla, "--as-of", AS_OF, "--format", "json")
    assert r.exit_code == 0 and "0 unreadable cells" in r.stderr


# --- options ----------------------------------------------------------------------------------


def test_a_top_beyond_any_export_is_a_usage_error(cli: Cli, sla: Path, export: Path) -> None:
    r = cli("score", export, "--sla", sla, "--as-of", AS_OF, "--top", "99999999999999999999")
    no_internal_error(r.stderr)
    assert r.exit_code == 2
    assert r.stderr.startswith("leadsla: --top 99999999999999999999 is more leads than any")


def test_the_largest_top_lists_every_lead(cli: Cli, sla: Path, export: Path) -> None:
    r = cli(
        "score", export, "--sla", sla, "--as-of", AS_OF, "--top", str(2**63 - 1), "--format", "json"
    )
    assert r.exit_code == 0 and len(json.loads(r.stdout)["leads"]) == 2


# --- streams and files --------------------------------------------------------------------------


def run_with(
    args: list[str], *, preexec: Callable[[], None] | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run(
        [sys.executable, "-m", "leadsla", *args],
        capture_output=preexec is None,
        stdout=None if preexec is None else subprocess.DEVNULL,
        stderr=None if preexec is None else subprocess.PIPE,
        cwd=ROOT,
        env={**os.environ, "NO_COLOR": "1", **(env or {})},
        preexec_fn=preexec,
        timeout=300,
        text=True,
    )
    no_internal_error(proc.stderr or "")
    return proc


def test_a_closed_stdin_is_an_io_message(sla: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "leadsla", "score", "-", "--sla", str(sla), "--as-of", AS_OF],
        capture_output=True,
        text=True,
        cwd=ROOT,
        preexec_fn=lambda: os.close(0),
        timeout=300,
    )
    no_internal_error(proc.stderr)
    assert proc.returncode == 2
    assert proc.stderr == "leadsla: standard input is closed: there is no export to read from `-`\n"


def test_a_closed_stdout_is_an_io_message(sla: Path, export: Path) -> None:
    r, w = os.pipe()
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "leadsla",
            "score",
            str(export),
            "--sla",
            str(sla),
            "--as-of",
            AS_OF,
            "-q",
        ],
        stderr=w,
        cwd=ROOT,
        preexec_fn=lambda: os.close(1),
        timeout=300,
    )
    os.close(w)
    with os.fdopen(r, encoding="utf-8") as f:
        err = f.read()
    no_internal_error(err)
    assert proc.returncode == 2
    assert err == "leadsla: standard output is closed; nothing can be written\n"


def is_full_device(path: Path) -> bool:
    try:
        return stat.S_ISCHR(path.stat().st_mode)
    except OSError:
        return False


FULL = Path("/dev/full")


@pytest.mark.skipif(not is_full_device(FULL), reason="no /dev/full character device here")
def test_stdout_on_a_full_device_is_an_io_message(sla: Path, export: Path) -> None:
    with FULL.open("w") as full:
        proc = subprocess.run(
            [
                sys.executable,
                "-m",
                "leadsla",
                "score",
                str(export),
                "--sla",
                str(sla),
                "--as-of",
                AS_OF,
                "-q",
            ],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            cwd=ROOT,
            timeout=300,
        )
    no_internal_error(proc.stderr)
    assert proc.returncode == 2
    assert proc.stderr == "leadsla: cannot write to standard output (No space left on device)\n"


@pytest.fixture
def full_device(tmp_path: Path) -> Path:
    """A device node of our own that acts as /dev/full: were it replaced by a regular file (an
    atomic rename over it, as root), no other program would be hurt."""
    node = tmp_path / "full"
    try:
        os.mknod(node, stat.S_IFCHR | 0o666, os.makedev(1, 7))
    except (OSError, AttributeError) as exc:
        pytest.skip(f"cannot make a device node here (needs root): {exc}")
    return node


@pytest.mark.parametrize("option", ["--output", "--errors"])
def test_a_full_device_as_output_says_which_file(
    option: str, sla: Path, export: Path, full_device: Path
) -> None:
    """A device is written in place: an atomic rename would replace the device itself."""
    r = run_leadsla("score", export, "--sla", sla, "--as-of", AS_OF, "-q", option, full_device)
    assert r.returncode == 2
    assert r.stderr == (
        f"leadsla: {full_device}: cannot write (No space left on device); the file was not written\n"
    )
    assert is_full_device(full_device)


def test_a_link_to_standard_output_on_a_pipe_is_refused(
    sla: Path, export: Path, tmp_path: Path
) -> None:
    """`--output /dev/stdout` (here a link of our own to it: the test must not be able to
    replace /dev/stdout itself when run on a build that renames over it) while standard output
    is a pipe: the report and the scored export would mix (issue 10), as with `-o -`."""
    link = tmp_path / "stdout"
    link.symlink_to("/proc/self/fd/1")
    r = run_leadsla(
        "score", export, "--sla", sla, "--as-of", AS_OF, "-q", "--output", link, "--format", "json"
    )
    assert r.returncode == 2
    assert f"--output {link} is standard output" in r.stderr
    assert r.stdout == ""
    assert link.is_symlink()


def test_a_link_to_standard_output_on_a_device_is_written_through(
    sla: Path, export: Path, tmp_path: Path
) -> None:
    """With standard output on a device (cron's /dev/null), the device is written through."""
    link = tmp_path / "stdout"
    link.symlink_to("/proc/self/fd/1")
    r = subprocess.run(
        [sys.executable, "-m", "leadsla", "score", str(export), "--sla", str(sla), "--as-of",
         AS_OF, "-q", "--output", str(link)],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, cwd=ROOT,
    )  # fmt: skip
    assert r.returncode == 0, r.stderr
    assert link.is_symlink()


def test_a_link_to_a_file_stays_a_link(sla: Path, export: Path, tmp_path: Path, cli: Cli) -> None:
    target = tmp_path / "reports" / "scored.csv"
    target.parent.mkdir()
    target.write_text("old\n", encoding="utf-8")
    link = tmp_path / "latest.csv"
    link.symlink_to(target)
    r = cli("score", export, "--sla", sla, "--as-of", AS_OF, "--output", link)
    assert r.exit_code == 0, r.stderr
    assert link.is_symlink() and target.read_text(encoding="utf-8").startswith("id,size")
    assert sorted(p.name for p in target.parent.iterdir()) == ["scored.csv"]


def test_a_reader_that_leaves_is_not_an_error(tmp_path: Path) -> None:
    """`leadsla score ... | head`: exit 0, nothing on stderr."""
    args = example("score", EXAMPLES / "leads.csv", "--format", "json")
    proc = subprocess.Popen(
        [sys.executable, "-m", "leadsla", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=ROOT,
    )
    assert proc.stdout is not None and proc.stderr is not None
    assert proc.stdout.read(100)
    proc.stdout.close()
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=300) == 0, err
    assert err == ""


@pytest.fixture
def full_disk(tmp_path: Path) -> Iterator[Path]:
    """A 64 KiB filesystem, filled up to its last KiB."""
    mount = tmp_path / "tiny"
    mount.mkdir()
    try:
        done = subprocess.run(
            ["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(mount)],
            capture_output=True,
            text=True,
            timeout=60,
        )
    except (OSError, subprocess.SubprocessError) as exc:
        pytest.skip(f"cannot mount a tiny filesystem: {exc}")
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tiny filesystem (needs root): {done.stderr.strip()}")
    try:
        (mount / "filler").write_bytes(b"x" * 63 * 1024)
        yield mount
    finally:
        subprocess.run(["umount", str(mount)], capture_output=True, timeout=60)


def example(*args: str | Path) -> list[str]:
    return [str(a) for a in (*args, "--sla", EXAMPLES / "sla.yaml", "--as-of", AS_OF, "-q")]


@pytest.mark.parametrize(
    ("command", "option", "name"),
    [
        ("score", "--output", "scored.csv"),
        ("score", "--errors", "errors.csv"),
        ("report", "--output", "report.html"),
    ],
)
def test_a_full_disk_says_which_file(command: str, option: str, name: str, full_disk: Path) -> None:
    target = full_disk / name
    extra = ["--format", "html"] if command == "report" else []
    proc = run_with(example(command, EXAMPLES / "leads.csv", option, target, *extra))
    assert proc.returncode == 2
    assert (
        proc.stderr
        == f"leadsla: {target}: cannot write (No space left on device); the file was not written\n"
    )
    assert sorted(p.name for p in full_disk.iterdir()) == [
        "filler"
    ]  # no partial, no temporary file


def test_an_old_file_survives_a_full_disk(full_disk: Path) -> None:
    target = full_disk / "scored.csv"
    (full_disk / "filler").write_bytes(b"x" * 40 * 1024)
    target.write_text("old\n", encoding="utf-8")
    proc = run_with(example("score", EXAMPLES / "leads.csv", "--output", target))
    assert proc.returncode == 2 and f"leadsla: {target}: cannot write" in proc.stderr
    assert target.read_text(encoding="utf-8") == "old\n"


def test_temporary_files_on_a_full_disk_name_the_folder(full_disk: Path) -> None:
    # room for Python's check that TMPDIR is writable (else it silently picks /tmp), not for
    # the copy of standard input
    (full_disk / "filler").write_bytes(b"x" * 48 * 1024)
    proc = subprocess.run(
        [sys.executable, "-m", "leadsla", *example("score", "-")],
        input=(EXAMPLES / "leads.csv").read_bytes(),
        capture_output=True,
        cwd=ROOT,
        env={**os.environ, "TMPDIR": str(full_disk)},
        timeout=300,
    )
    err = proc.stderr.decode()
    no_internal_error(err)
    assert proc.returncode == 2
    assert err.startswith(
        f"leadsla: standard input: the temp folder {full_disk} is full (No space left on device)"
    )
    assert "set TMPDIR to a folder with room" in err


# --- the cache and the home folder --------------------------------------------------------------

HOLIDAYS = """
version: 1
name: t
calendar:
  timezone: America/Sao_Paulo
  holidays: {country: BR, subdivision: SP}
follow_up:
  - {id: f, owner: sales, start: mql_at, stop: [contact_at], within: 4h}
"""


def test_caches_of_the_wrong_shape_are_rebuilt(
    cli: Cli,
    write_sla: Callable[[str], Path],
    export: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    folder = tmp_path / "cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(folder))
    path = write_sla(HOLIDAYS)
    assert cli("check-deadlines", export, "--sla", path, "--as-of", AS_OF).exit_code == 1
    expected = cli("calendar", "--sla", path, "--as-of", AS_OF, "--format", "json").stdout
    files = sorted((folder / "leadsla").iterdir())
    # the holidays' names in Portuguese (the JSON's) and in English (the table's, for `en`)
    assert [f.name.split("-")[0] for f in files] == ["days", "days", "duckdb", "holidays"]
    broken = {"days": {"2026": 5}, "duckdb": {"format": 1, "zones": 5}, "holidays": {"BR": 5}}
    for f in files:
        f.write_text(json.dumps(broken[f.name.split("-")[0]]), encoding="utf-8")
    r = cli("validate", path)
    assert r.exit_code == 0, r.stdout
    r = cli("check-deadlines", export, "--sla", path, "--as-of", AS_OF)
    no_internal_error(r.stderr)
    assert r.exit_code == 1  # one follow-up breached, as before
    assert cli("calendar", "--sla", path, "--as-of", AS_OF, "--format", "json").stdout == expected


CHILD = """
import os, sys
# everything the commands import, imported before leaving root: a uid without a passwd entry
# cannot read this Python's standard library (under /root)
import leadsla.cli, leadsla.commands.validate, leadsla.commands.calendar, leadsla.render.validate
import leadsla.render.calendar, leadsla.sla.lints, leadsla.engine.probe, holidays, json, zoneinfo
holidays.country_holidays("BR", subdiv="SP", years=[2026])
os.setgid(54321)
os.setuid(54321)
os.chdir(sys.argv[1])
sys.argv = ["leadsla", *sys.argv[2:]]
leadsla.cli.main()
"""


@pytest.mark.skipif(
    not hasattr(os, "getuid") or os.getuid() != 0,
    reason="needs root to become a uid without a passwd entry",
)
@pytest.mark.parametrize("cache_home", [None, "/root/.cache"], ids=["no-home", "unreadable-cache"])
def test_no_home_and_no_passwd_entry_works_without_the_cache(
    cache_home: str | None, request: pytest.FixtureRequest
) -> None:
    import pwd

    try:
        pwd.getpwuid(54321)
        pytest.skip("uid 54321 has a passwd entry here")
    except KeyError:
        pass
    # pytest's folders are private to root: the child gets one of its own
    work = Path(tempfile.mkdtemp(prefix="leadsla-nohome-"))
    request.addfinalizer(lambda: shutil.rmtree(work, ignore_errors=True))
    work.chmod(0o777)
    path = work / "sla.yaml"
    path.write_text(textwrap.dedent(HOLIDAYS), encoding="utf-8")
    path.chmod(0o644)
    env = {k: v for k, v in os.environ.items() if k not in ("HOME", "XDG_CACHE_HOME")}
    if cache_home:
        env["XDG_CACHE_HOME"] = cache_home
    for args in (["validate", str(path)], ["calendar", "--sla", str(path), "--as-of", AS_OF]):
        proc = subprocess.run(
            [sys.executable, "-c", CHILD, str(work), *args],
            capture_output=True,
            text=True,
            env=env,
            timeout=300,
        )
        no_internal_error(proc.stderr)
        assert proc.returncode == 0, proc.stderr
    assert "Tiradentes" in proc.stdout
    assert [p.name for p in work.iterdir()] == ["sla.yaml"]  # no `~` folder made here


# --- SIGINT -----------------------------------------------------------------------------------


def big_export(path: Path, copies: int) -> None:
    lines = (EXAMPLES / "leads.csv").read_text(encoding="utf-8").splitlines()
    with path.open("w", encoding="utf-8") as out:
        out.write(lines[0] + "\n")
        for k in range(copies):
            out.writelines(f"{k}-{row}\n" for row in lines[1:])


def holds_open(pid: int, path: Path) -> bool:
    try:
        fds = os.listdir(f"/proc/{pid}/fd")
    except OSError:
        return False
    for fd in fds:
        try:
            if os.readlink(f"/proc/{pid}/fd/{fd}") == str(path):
                return True
        except OSError:
            continue
    return False


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc to see the read")
def test_sigint_while_duckdb_reads_exits_130(tmp_path: Path) -> None:
    """DuckDB turns the interrupt into its own error ("Query interrupted"), which the reader
    reported as an unreadable export (exit 2); it is still an interrupt."""
    export = tmp_path / "big.csv"
    big_export(export, 100)  # 200,000 rows, 46 MB: a second or more to read
    proc = subprocess.Popen(
        [sys.executable, "-m", "leadsla", *example("score", export)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        cwd=ROOT,
    )
    # Python opens the export only for a moment (its encoding and header); DuckDB keeps it
    # open while it reads: interrupt once it has been open for a fifth of a second.
    deadline = time.monotonic() + 120
    streak = 0
    while streak < 10:
        assert proc.poll() is None, "the read finished before the interrupt: a bigger export"
        assert time.monotonic() < deadline
        streak = streak + 1 if holds_open(proc.pid, export) else 0
        time.sleep(0.02)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=120)
    text = err.decode()
    no_internal_error(text)
    assert "Query interrupted" not in text and "cannot read" not in text
    assert proc.returncode == 130
    assert text.endswith("leadsla: interrupted\n")


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc to see the read")
def test_sigint_during_a_read_with_a_progress_bar_is_prompt(tmp_path: Path) -> None:
    """On a terminal the read runs in a thread (the main one draws the progress bar): the
    interrupt must stop DuckDB's query too, not wait for the whole read, and must not leave
    DuckDB running in a thread while Python exits (which aborts the process)."""
    import pty
    import select

    export = tmp_path / "big.csv"
    big_export(export, 300)  # 600,000 rows, 140 MB: several seconds to read
    pid, fd = pty.fork()
    if pid == 0:  # pragma: no cover - the child
        os.chdir(ROOT)
        os.execv(sys.executable, [sys.executable, "-m", "leadsla", *example("score", export)[:-1]])
    output = b""

    def drain(timeout: float) -> bool:
        nonlocal output
        ready, _, _ = select.select([fd], [], [], timeout)
        if ready:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                return False
            output += chunk
            return bool(chunk)
        return True

    deadline = time.monotonic() + 120
    streak = 0
    while streak < 10:
        assert time.monotonic() < deadline
        drain(0.02)
        streak = streak + 1 if holds_open(pid, export) else 0
    os.kill(pid, signal.SIGINT)
    sent = time.monotonic()
    while drain(1.0):
        pass
    _, status = os.waitpid(pid, 0)
    took = time.monotonic() - sent
    text = output.decode("utf-8", "replace")
    no_internal_error(text)
    assert os.waitstatus_to_exitcode(status) == 130, text
    assert "leadsla: interrupted" in text
    assert took < 2.5, f"{took:.1f} s after the interrupt: the read ran on"

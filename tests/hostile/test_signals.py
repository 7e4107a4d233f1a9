"""Clean on every exit (issue 10 case 4): SIGTERM and SIGHUP stop a run as SIGINT does (exit
143, 129, 130) and remove its partial output, DuckDB's spill and the spooled input; after a
SIGKILL, the next run removes what the killed one left."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import AS_OF, EXAMPLES, ROOT

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals"),
]


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """200,000 rows (46 MB): a few seconds to score and write."""
    path = tmp_path_factory.mktemp("big") / "big.csv"
    lines = (EXAMPLES / "leads.csv").read_text(encoding="utf-8").splitlines()
    with path.open("w", encoding="utf-8") as out:
        out.write(lines[0] + "\n")
        for k in range(100):
            out.writelines(f"{k}-{row}\n" for row in lines[1:])
    return path


def _start(tmp: Path, *args: str, stdin: int | None = None) -> subprocess.Popen[bytes]:
    env = {**os.environ, "NO_COLOR": "1", "TMPDIR": str(tmp)}
    return subprocess.Popen(
        [sys.executable, "-m", "leadsla", *args, "--sla", str(EXAMPLES / "sla.yaml"),
         "--as-of", AS_OF],
        cwd=ROOT, env=env, stdin=stdin, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip


def _wait_for(proc: subprocess.Popen[bytes], found: Callable[[], bool]) -> None:
    deadline = time.monotonic() + 180
    while not found():
        assert proc.poll() is None, "the run ended before the signal: " + (
            proc.stderr.read().decode() if proc.stderr else ""
        )
        assert time.monotonic() < deadline
        time.sleep(0.02)


def _partials(folder: Path) -> list[Path]:
    return [p for p in folder.iterdir() if ".leadsla-partial-" in p.name]


@pytest.mark.parametrize(
    ("signum", "code", "word"),
    [
        (signal.SIGTERM, 143, "terminated"),
        (signal.SIGHUP, 129, "hung up"),
        (signal.SIGINT, 130, "interrupted"),
    ],
)
def test_a_signal_while_writing_removes_the_partial_output(
    big: Path, tmp_path: Path, signum: int, code: int, word: str
) -> None:
    temp, out = tmp_path / "temp", tmp_path / "out"
    temp.mkdir()
    out.mkdir()
    proc = _start(temp, "score", str(big), "--output", str(out / "scored.csv"))
    _wait_for(proc, lambda: bool(_partials(out)))
    proc.send_signal(signum)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == code, err.decode()
    assert err.decode().endswith(f"leadsla: {word}\n")
    assert list(out.iterdir()) == []
    assert list(temp.iterdir()) == []


def test_a_signal_while_reading_removes_the_run_folder(big: Path, tmp_path: Path) -> None:
    temp = tmp_path / "temp"
    temp.mkdir()
    proc = _start(temp, "check-deadlines", str(big))
    _wait_for(proc, lambda: any(temp.iterdir()))
    time.sleep(0.5)
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 143, err.decode()
    assert list(temp.iterdir()) == []


def test_a_signal_while_standard_input_is_spooled_removes_the_spool(tmp_path: Path) -> None:
    temp = tmp_path / "temp"
    temp.mkdir()
    read, write = os.pipe()
    proc = _start(temp, "score", "-", stdin=read)
    os.close(read)
    header = (EXAMPLES / "leads.csv").read_bytes().split(b"\n", 1)[0] + b"\n"
    os.write(write, header)
    try:
        _wait_for(
            proc,
            lambda: any(temp.glob("leadsla-run-*/stdin*")) or any(temp.glob("leadsla-run-*/*.csv")),
        )
        proc.send_signal(signal.SIGTERM)
        _, err = proc.communicate(timeout=120)
    finally:
        os.close(write)
    assert proc.returncode == 143, err.decode()
    assert list(temp.iterdir()) == []


def test_after_a_sigkill_the_next_run_removes_what_was_left(big: Path, tmp_path: Path) -> None:
    temp, out = tmp_path / "temp", tmp_path / "out"
    temp.mkdir()
    out.mkdir()
    proc = _start(temp, "score", str(big), "--output", str(out / "scored.csv"))
    _wait_for(proc, lambda: bool(_partials(out)))
    proc.kill()
    proc.communicate(timeout=60)
    assert _partials(out) and list(temp.iterdir()), "SIGKILL cleaned up: nothing to test"
    # the next run: another export, written into the same folder with the same temp folder
    again = subprocess.run(
        [sys.executable, "-m", "leadsla", "score", str(EXAMPLES / "leads.csv"), "--sla",
         str(EXAMPLES / "sla.yaml"), "--as-of", AS_OF, "--quiet", "--errors",
         str(out / "errors.csv")],
        cwd=ROOT, env={**os.environ, "NO_COLOR": "1", "TMPDIR": str(temp)},
        capture_output=True, text=True,
    )  # fmt: skip
    assert again.returncode == 0, again.stderr
    assert [p.name for p in out.iterdir()] == ["errors.csv"]
    assert list(temp.iterdir()) == []

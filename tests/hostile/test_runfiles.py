"""Run folders and partial outputs are locked while their run lives; the next run sweeps the
ones a killed run left (issue 10 "Clean on every exit")."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from leadsla.runfiles import PARTIAL_MARK, RUN_PREFIX, run_folder, sweep_partials, sweep_runs

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="flock is POSIX")


def _hold(script: str) -> subprocess.Popen[str]:
    """A child process that runs `script`, says `ready`, and waits to be killed."""
    child = subprocess.Popen(
        [
            sys.executable,
            "-c",
            textwrap.dedent(script) + "\nprint('ready', flush=True)\nimport time\ntime.sleep(60)\n",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "ready"
    return child


def test_run_folder_is_removed_on_exit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", None)
    with run_folder() as folder:
        assert folder.parent == tmp_path and folder.name.startswith(RUN_PREFIX)
        (folder / "spill").write_bytes(b"x" * 10)
    assert not folder.exists()


def test_a_killed_runs_folder_is_swept_a_live_one_is_kept(tmp_path: Path) -> None:
    live = _hold(
        f"""
        import os, tempfile
        os.environ["TMPDIR"] = {str(tmp_path)!r}
        tempfile.tempdir = None
        from leadsla.runfiles import run_folder
        ctx = run_folder(); folder = ctx.__enter__()
        """
    )
    dead = _hold(
        f"""
        import os, tempfile
        tempfile.tempdir = {str(tmp_path)!r}
        from leadsla.runfiles import run_folder
        ctx = run_folder(); folder = ctx.__enter__()
        """
    )
    try:
        dead.kill()  # SIGKILL: no cleanup runs
        dead.wait()
        folders = sorted(p.name for p in tmp_path.iterdir())
        assert len(folders) == 2
        sweep_runs(tmp_path)
        left = [p for p in tmp_path.iterdir()]
        assert [p.name for p in left] == [
            f for f in folders if f.startswith(f"{RUN_PREFIX}{live.pid}-")
        ]
    finally:
        live.kill()
        live.wait()
    sweep_runs(tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_a_folder_without_its_lock_is_left_alone(tmp_path: Path) -> None:
    (tmp_path / f"{RUN_PREFIX}1-abc").mkdir()
    (tmp_path / "leadsla-old").mkdir()
    sweep_runs(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [f"{RUN_PREFIX}1-abc", "leadsla-old"]
    )


def test_partials_of_dead_runs_are_swept(tmp_path: Path) -> None:
    stale = tmp_path / f".out.csv{PARTIAL_MARK}1-x.tmp"
    stale.write_text("half")
    other = tmp_path / ".out.csv.tmp"  # not ours
    other.write_text("keep")
    held = tmp_path / f".out.csv{PARTIAL_MARK}2-y.tmp"
    held.write_text("writing")
    live = _hold(
        f"""
        import os
        from leadsla.runfiles import lock
        fd = os.open({str(held)!r}, os.O_RDWR); lock(fd)
        """
    )
    try:
        sweep_partials(tmp_path)
        assert sorted(p.name for p in tmp_path.iterdir()) == sorted([other.name, held.name])
    finally:
        live.kill()
        live.wait()
    sweep_partials(tmp_path)
    assert [p.name for p in tmp_path.iterdir()] == [other.name]
    assert os.path.exists(other)

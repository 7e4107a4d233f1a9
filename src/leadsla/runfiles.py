"""Files a run leaves while it works (its temp folder, partial outputs), each locked with
`flock` so that the next run can remove what a killed run left behind (issue 10)."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows has no flock: nothing is locked or swept
    fcntl = None  # type: ignore[assignment]

RUN_PREFIX = "leadsla-run-"
"""A run's own folder under the temp folder: DuckDB's spill and the spooled standard input."""
PARTIAL_MARK = ".leadsla-partial-"
"""In the name of a partial output, next to its output: `.NAME.leadsla-partial-PID-XXXX.tmp`."""
LOCK_NAME = ".lock"


def lock(fd: int) -> None:
    """Hold an exclusive lock on an open file for as long as this process keeps it open."""
    if fcntl is not None:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)


def _unlocked(path: Path) -> bool:
    """Is `path` a file no running leadsla holds a lock on? (Opening it is harmless.)"""
    if fcntl is None:
        return False
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    finally:
        os.close(fd)
    return True


def sweep_partials(folder: Path) -> None:
    """Remove the partial outputs in `folder` that no run is writing (left by a SIGKILL)."""
    with suppress(OSError):
        for entry in os.scandir(folder):
            if (
                PARTIAL_MARK in entry.name
                and entry.name.endswith(".tmp")
                and entry.is_file(follow_symlinks=False)
            ):
                path = Path(entry.path)
                if _unlocked(path):
                    with suppress(OSError):
                        path.unlink()


def sweep_runs(base: Path) -> None:
    """Remove the run folders under `base` whose run is gone (no lock held on them)."""
    with suppress(OSError):
        for entry in os.scandir(base):
            if entry.name.startswith(RUN_PREFIX) and entry.is_dir(follow_symlinks=False):
                folder = Path(entry.path)
                lock_file = folder / LOCK_NAME
                # a folder without `.lock` is being made (or is not ours to judge): left alone
                if lock_file.exists() and _unlocked(lock_file):
                    shutil.rmtree(folder, ignore_errors=True)


@contextmanager
def run_folder() -> Iterator[Path]:
    """This run's folder under the temp folder (`TMPDIR`), locked while the run lives and
    removed on every exit the process survives; stale folders of killed runs are swept first."""
    base = Path(tempfile.gettempdir())
    sweep_runs(base)
    folder = Path(tempfile.mkdtemp(prefix=f"{RUN_PREFIX}{os.getpid()}-", dir=base))
    # locked under another name, then renamed: a sweeping run never sees an unlocked `.lock`
    fresh = folder / (LOCK_NAME + ".new")
    fd = os.open(fresh, os.O_CREAT | os.O_RDWR, 0o600)
    try:
        lock(fd)
        fresh.rename(folder / LOCK_NAME)
        yield folder
    finally:
        os.close(fd)
        shutil.rmtree(folder, ignore_errors=True)


def partial_prefix(target: Path) -> str:
    return f".{target.name}{PARTIAL_MARK}{os.getpid()}-"

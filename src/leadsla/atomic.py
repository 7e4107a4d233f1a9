"""Atomic file writes: the file appears whole or not at all (SPEC §3).

A write that fails (a full disk, a quota, a read-only folder) says which file could not be
written, leaves no temporary file behind and the old file, if any, as it was. A path that is
not a regular file — `/dev/stdout` on a pipe, a named pipe, `/dev/null` — is written in place:
it cannot be replaced by a rename (and as root a rename would replace the device itself)."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from leadsla.errors import CannotWrite, UsageError
from leadsla.messages import say
from leadsla.runfiles import lock, partial_prefix, sweep_partials


def _mode_for(path: Path) -> int:
    """The existing file's mode, else 0666 less the umask."""
    try:
        return path.stat().st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


class AtomicFile:
    """The file being written: `write` says which file failed, never a bare OSError."""

    def __init__(self, path: Path, raw: BinaryIO) -> None:
        self.path = path
        self._raw = raw

    def write(self, data: bytes) -> int:
        try:
            return self._raw.write(data)
        except BrokenPipeError:
            raise  # a pipe whose reader left (`-o /dev/stdout | head`): as for standard output
        except OSError as exc:
            raise cannot_write(self.path, exc) from None


def cannot_write(path: Path, exc: OSError) -> CannotWrite:
    reason = exc.strerror or type(exc).__name__
    return CannotWrite(
        say(
            "{path}: cannot write ({reason}); the file was not written",
            path=str(path),
            reason=reason,
        )
    )


def _special(path: Path) -> bool:
    """An existing path that is not a regular file (a device, a pipe, a socket)."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return False
    return not stat.S_ISREG(mode) and not stat.S_ISDIR(mode)


@contextmanager
def atomic_binary(path: Path) -> Iterator[AtomicFile]:
    """Write to a temporary file next to `path`, then rename it over `path`. A symbolic link
    stays a link: the file it points to is the one replaced."""
    if path.is_dir():
        raise UsageError(say("{path} is a directory", path=str(path)))
    if _special(path):
        with _in_place(path) as out:
            yield out
        return
    real = Path(os.path.realpath(path)) if path.is_symlink() else path
    parent = real.parent if str(real.parent) else Path(".")
    if not parent.is_dir():
        raise UsageError(say("{path}: no such directory", path=str(parent)))
    sweep_partials(parent)  # what a killed run left next to its output
    try:
        fd, tmp = tempfile.mkstemp(dir=parent, prefix=partial_prefix(real), suffix=".tmp")
    except OSError as exc:
        raise cannot_write(path, exc) from None
    try:
        lock(fd)  # held until the file is renamed: no sweeping run removes it meanwhile
        with _closing(os.fdopen(fd, "wb")) as raw:
            yield AtomicFile(path, raw)
            try:
                raw.flush()
                os.fsync(raw.fileno())
                _keep_mode_and_owner(raw.fileno(), real)
                os.replace(tmp, real)
            except OSError as exc:
                raise cannot_write(path, exc) from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _keep_mode_and_owner(fd: int, target: Path) -> None:
    """A replaced file keeps its mode (and, as root, its owner); a new one gets the mode a plain
    open() would give it (mkstemp makes it private, 0600)."""
    try:
        st = target.stat()
    except FileNotFoundError:
        os.fchmod(fd, _mode_for(target))
        return
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        with contextlib.suppress(OSError):
            os.fchown(fd, st.st_uid, st.st_gid)
    os.fchmod(fd, st.st_mode & 0o7777)  # after fchown, which clears set-id bits


@contextmanager
def _in_place(path: Path) -> Iterator[AtomicFile]:
    try:
        raw = path.open("wb")
    except OSError as exc:
        raise cannot_write(path, exc) from None
    with _closing(raw):
        yield AtomicFile(path, raw)
        try:
            raw.close()  # flushes
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise cannot_write(path, exc) from None


@contextmanager
def _closing(raw: BinaryIO) -> Iterator[BinaryIO]:
    """Close `raw` whatever happens; a close that fails after a write failed (it tries to flush
    the same bytes again) must not hide the error that says which file."""
    try:
        yield raw
    finally:
        with contextlib.suppress(OSError):
            raw.close()


def atomic_write_text(path: Path, text: str, encoding: str = "utf-8") -> None:
    with atomic_binary(path) as out:
        out.write(text.encode(encoding))

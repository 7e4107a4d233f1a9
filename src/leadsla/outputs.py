"""Outputs never meet inputs: every output path is compared, as a file on disk, with the
export, the SLA, standard output and the other outputs before anything is read (issue 10)."""

from __future__ import annotations

import os
import stat
from collections.abc import Sequence
from pathlib import Path

from leadsla.errors import UsageError
from leadsla.messages import say

Named = tuple[str, Path]
"""(what it is, for messages: `--errors`, `the export`...; its path)."""


def _stat(path: Path) -> os.stat_result | None:
    try:
        return path.stat()
    except OSError:
        return None


def _same(a: os.stat_result, b: os.stat_result) -> bool:
    return (a.st_dev, a.st_ino) == (b.st_dev, b.st_ino)


def _stdout_stat() -> os.stat_result | None:
    try:
        return os.fstat(1)
    except OSError:
        return None


def _identity(path: Path) -> tuple[str, object]:
    """What makes two output paths one file: its inode when it exists, else its real path."""
    st = _stat(path)
    if st is not None:
        return ("inode", (st.st_dev, st.st_ino))
    return ("path", os.path.realpath(path))


def check_outputs(
    inputs: Sequence[Named],
    outputs: Sequence[Named],
    *,
    may_replace: Sequence[tuple[str, str]] = (),
) -> None:
    """Refuse (usage error, nothing written) an output that is an input, standard output (a
    regular file or a pipe; a device such as /dev/null is fine), or another output. An
    output in `may_replace` may be the input it is paired with (`score --output` onto its own
    export, replaced atomically)."""
    allowed = {(o, i) for o, i in may_replace}
    stdout = _stdout_stat()
    seen: dict[tuple[str, object], str] = {}
    for what, path in outputs:
        st = _stat(path)
        if st is not None:
            if stat.S_ISDIR(st.st_mode):
                raise UsageError(say("{what} {path} is a directory", what=what, path=str(path)))
            if (
                stdout is not None
                and (stat.S_ISREG(stdout.st_mode) or stat.S_ISFIFO(stdout.st_mode))
                and _same(st, stdout)
            ):
                raise UsageError(
                    say(
                        "{what} {path} is standard output, which carries the report; give"
                        " another file, or leave the option out",
                        what=what,
                        path=str(path),
                    )
                )
            for in_what, in_path in inputs:
                in_st = _stat(in_path)
                if in_st is None or not _same(st, in_st) or stat.S_ISCHR(st.st_mode):
                    continue
                if (what, in_what) in allowed:
                    continue
                raise UsageError(
                    say(
                        "{what} {path} is {input} ({input_path}): leadsla never writes over what"
                        " it reads; give another file",
                        what=what,
                        path=str(path),
                        input=in_what,
                        input_path=str(in_path),
                    )
                )
        if st is None or stat.S_ISREG(st.st_mode):
            folder = Path(os.path.realpath(path)).parent
            if folder.is_dir() and not os.access(folder, os.W_OK):
                raise UsageError(
                    say(
                        "{what} {path}: cannot write in {folder} (permission denied)",
                        what=what,
                        path=str(path),
                        folder=str(folder),
                    )
                )
        key = _identity(path)
        if key in seen and not (st is not None and stat.S_ISCHR(st.st_mode)):
            raise UsageError(
                say(
                    "{what} {path} and {other} are the same file; give two files",
                    what=what,
                    path=str(path),
                    other=seen[key],
                )
            )
        seen[key] = f"{what} {path}"

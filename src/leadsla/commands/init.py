"""`leadsla init [--from EXPORT]`: a starter SLA, from the template or from the user's export."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from leadsla.errors import ExportUnreadable, UsageError
from leadsla.i18n import _
from leadsla.sla.starter import refuse_overwrite, starter_from_export, write_starter

STDIN = "-"


def run_init(path: Path, *, force: bool, export: Path | None = None) -> None:
    """Write the starter at `path`; with `export` (`-`: standard input), one whose `leads`
    section reads it."""
    if path.is_dir():  # at once: neither "already exists; pass --force" nor a read export
        raise UsageError(_("{path} is a directory").format(path=path))
    if export is None:
        write_starter(path, force=force)
        return
    from_stdin = str(export) == STDIN
    _never_over_the_export(path, None if from_stdin else export)
    refuse_overwrite(path, force=force)  # before reading an export that may be large
    from leadsla.data.profile import profile_export

    name = _("standard input") if from_stdin else str(export)
    try:
        facts = profile_export(
            STDIN if from_stdin else str(export),
            None if from_stdin else export,
            None if from_stdin else _relative(export, path),
        )
    except ExportUnreadable as exc:
        reason = exc.message.removeprefix(f"{export}: ")
        raise ExportUnreadable(
            _("cannot start an SLA from {file}: {reason}").format(file=name, reason=reason)
        ) from None
    write_starter(path, force=force, text=starter_from_export(facts))


def _same(a: os.stat_result, b: os.stat_result) -> bool:
    return (a.st_dev, a.st_ino) == (b.st_dev, b.st_ino)


def _never_over_the_export(path: Path, export: Path | None) -> None:
    """Refuse, even with --force, an SLA path that is the export (`e.csv`, a link to it, a
    hard link), or, with `--from -`, the file standard input reads: writing the starter there
    would replace the user's export with a YAML file. A device (`/dev/null`) is no file to
    lose, and is written in place as every output is."""
    try:
        target = path.stat()
    except OSError:
        return  # not there yet (or unreachable: writing says so)
    if stat.S_ISCHR(target.st_mode) or stat.S_ISBLK(target.st_mode):
        return
    if export is None:
        try:
            source = os.fstat(0)
        except OSError:
            return
        if _same(target, source):
            raise UsageError(
                _(
                    "{path} is the file standard input reads the export from: leadsla never"
                    " writes the SLA over the export; give another path for the SLA"
                ).format(path=path)
            )
        return
    try:
        source = export.stat()
    except OSError:
        return  # reading the export says what is wrong with it
    if _same(target, source):
        raise UsageError(
            _(
                "{path} is the export {export}: leadsla never writes the SLA over the export"
                " it reads, not even with --force; give another path for the SLA"
            ).format(path=path, export=export)
        )


def _relative(export: Path, sla: Path) -> str:
    """The export's path as `leads.path` takes it: relative to the SLA file's folder when the
    export is inside it, else absolute (`../../Downloads/x.csv` breaks when the SLA moves)."""
    target = Path(os.path.abspath(export))
    folder = Path(os.path.abspath(sla)).parent
    try:
        return target.relative_to(folder).as_posix()
    except ValueError:
        return str(target)

"""`leadsla init [--from EXPORT]`: a starter SLA, from the template or from the user's export."""

from __future__ import annotations

import os
from pathlib import Path

from leadsla.errors import ExportUnreadable
from leadsla.i18n import _
from leadsla.sla.starter import refuse_overwrite, starter_from_export, write_starter


def run_init(path: Path, *, force: bool, export: Path | None = None) -> None:
    """Write the starter at `path`; with `export`, one whose `leads` section reads it."""
    if export is None:
        write_starter(path, force=force)
        return
    refuse_overwrite(path, force=force)  # before reading an export that may be large
    from leadsla.data.profile import profile_export

    try:
        facts = profile_export(str(export), export, _relative(export, path))
    except ExportUnreadable as exc:
        reason = exc.message.removeprefix(f"{export}: ").removeprefix(f"{export}:")
        raise ExportUnreadable(
            _("cannot start an SLA from {file}: {reason}").format(file=export, reason=reason)
        ) from None
    write_starter(path, force=force, text=starter_from_export(facts))


def _relative(export: Path, sla: Path) -> str:
    """The export's path as `leads.path` takes it: relative to the SLA file's folder when the
    export is inside it, else absolute (`../../Downloads/x.csv` breaks when the SLA moves)."""
    target = Path(os.path.abspath(export))
    folder = Path(os.path.abspath(sla)).parent
    try:
        return target.relative_to(folder).as_posix()
    except ValueError:
        return str(target)

"""SIGINT, SIGTERM and SIGHUP stop a run the same way: the signal is remembered, the run
unwinds (removing its partial output, DuckDB's spill and the spooled input), and the exit code
is 128 + the signal's number: 130, 143, 129. Installed first, before anything heavy is
imported, so a signal at any moment ends the same way."""

from __future__ import annotations

import contextlib
import signal
import sys

_signal: int | None = None
"""The signal that stopped the run, set by its handler: whatever the interrupt turned into on
its way up (DuckDB turns it into its own "Query interrupted" error), the run was stopped."""


def _on_signal(signum: int, frame: object) -> None:
    global _signal
    if _signal is not None:
        return  # already stopping: let the cleanup finish
    _signal = signum
    # KeyboardInterrupt, whatever the signal: DuckDB stops a running query at once for it
    raise KeyboardInterrupt


def install() -> None:
    for name in ("SIGINT", "SIGTERM", "SIGHUP"):
        signum = getattr(signal, name, None)
        if signum is not None:
            signal.signal(signum, _on_signal)


def stopped() -> bool:
    return _signal is not None


def exit_code() -> int:
    return 128 + (_signal or signal.SIGINT)


def message() -> str:
    """What stderr says, in the reader's language (gettext only: nothing heavy to import)."""
    from leadsla.i18n import _

    said = {
        2: _("leadsla: interrupted"),
        15: _("leadsla: terminated"),
        1: _("leadsla: hung up"),
    }.get(_signal or 2)
    return (said or _("leadsla: stopped")) + "\n"


def main() -> None:
    """The `leadsla` program."""
    install()
    try:
        from leadsla.cli import main as cli_main
    except KeyboardInterrupt:
        with contextlib.suppress(OSError, ValueError):
            sys.stderr.write(message())
        sys.exit(exit_code())
    cli_main()

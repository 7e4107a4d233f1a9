"""A progress bar on stderr while a large export is read (only when stderr is a terminal)."""

from __future__ import annotations

from typing import TextIO

from rich.console import Console
from rich.progress import BarColumn, Progress, TaskID, TextColumn, TimeElapsedColumn

from leadsla.i18n import _


class ProgressBar:
    """Callable with a percentage; draws on first use and clears itself at 100."""

    def __init__(self, stream: TextIO) -> None:
        self._progress = Progress(
            TextColumn(_("reading export")), BarColumn(), TextColumn("{task.percentage:>3.0f}%"), TimeElapsedColumn(),
            console=Console(file=stream), transient=True,
        )  # fmt: skip
        self._task: TaskID | None = None

    def __call__(self, percent: float) -> None:
        if self._task is None:
            self._progress.start()
            self._task = self._progress.add_task("read", total=100)
        self._progress.update(self._task, completed=percent)
        if percent >= 100:
            self._progress.stop()

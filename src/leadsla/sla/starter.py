"""`leadsla init`: the commented starter SLA, written atomically and never over a file."""

from __future__ import annotations

from datetime import date
from importlib.resources import files
from pathlib import Path

from leadsla.atomic import atomic_write_text
from leadsla.errors import UsageError


def starter_text(today: date | None = None) -> str:
    """The template, with the last review set to today and `effective` to 1 January of last
    year: an `effective` of today would judge none of the export's history (issue 9)."""
    day = today or date.today()
    text = files("leadsla.sla").joinpath("starter.yaml").read_text(encoding="utf-8")
    effective = date(day.year - 1, 1, 1)
    return text.replace("{effective}", effective.isoformat()).replace("{today}", day.isoformat())


def write_starter(path: Path, *, force: bool) -> None:
    if path.exists() and not force:
        raise UsageError(f"{path} already exists; pass --force to overwrite it")
    atomic_write_text(path, starter_text())

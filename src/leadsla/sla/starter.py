"""`leadsla init`: the commented starter SLA, written atomically and never over a file."""

from __future__ import annotations

from datetime import date
from importlib.resources import files
from pathlib import Path

from leadsla.atomic import atomic_write_text
from leadsla.errors import UsageError


def starter_text(today: date | None = None) -> str:
    """The template, with `effective` and the last review set to today."""
    text = files("leadsla.sla").joinpath("starter.yaml").read_text(encoding="utf-8")
    return text.replace("{today}", (today or date.today()).isoformat())


def write_starter(path: Path, *, force: bool) -> None:
    if path.exists() and not force:
        raise UsageError(f"{path} already exists; pass --force to overwrite it")
    atomic_write_text(path, starter_text())

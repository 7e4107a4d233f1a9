"""Every command's output formats: the one registry `--format` takes its choices from.

Light on purpose (no rich, no renderer imported until one is used): `leadsla validate` must
start fast, and the command line lists every command's choices when it starts."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from importlib import import_module
from typing import Any

TABLE_LEADS = 10
"""Leads a score table lists unless --top says otherwise (JSON and CSV list all)."""
TABLE_ITEMS = 200
"""Follow-ups a table or Markdown lists, worst first (the counts cover all; JSON and CSV list
every item)."""


@dataclass(frozen=True)
class Format:
    module: str
    function: str
    """`function(result)`, or `function(result, color)` when `color`: a string, or an iterator
    of strings for output that streams (it is written piece by piece)."""
    color: bool = False
    listing: int | None = None
    """Rows the command computes for the format by default (None: all): `score`'s table
    lists the 10 best unless --top says otherwise."""


def _formats(module: str, **entries: Format | str) -> dict[str, Format]:
    return {
        name: entry if isinstance(entry, Format) else Format(module, entry)
        for name, entry in entries.items()
    }


FORMATS: dict[str, dict[str, Format]] = {
    "validate": _formats("leadsla.render.validate", text="text", json="json_doc", github="github"),
    "score": _formats(
        "leadsla.render.score",
        table=Format("leadsla.render.score", "table", color=True, listing=TABLE_LEADS),
        json="json_doc",
        csv="csv_doc",
    ),
    "explain": _formats(
        "leadsla.render.explain",
        table=Format("leadsla.render.explain", "table", color=True),
        json="json_doc",
    ),
    "check-deadlines": _formats(
        "leadsla.render.deadlines",
        # table and Markdown list the worst TABLE_ITEMS (their renderer reads no more)
        table=Format("leadsla.render.deadlines", "table", color=True),
        json="json_doc",
        csv="csv_doc",
        markdown="markdown",
    ),
    "report": _formats(
        "leadsla.render.report",
        table=Format("leadsla.render.report", "table", color=True),
        json="json_doc",
        markdown="markdown",
        html=Format("leadsla.render.report_html", "html"),
    ),
    "calendar": _formats(
        "leadsla.render.calendar",
        table=Format("leadsla.render.calendar", "table", color=True),
        json="json_doc",
    ),
    "calibrate": _formats(
        "leadsla.render.calibrate",
        table=Format("leadsla.render.calibrate", "table", color=True),
        json="json_doc",
        markdown="markdown",
        html="html",
    ),
    "diff": _formats(
        "leadsla.render.diff",
        table=Format("leadsla.render.diff", "table", color=True),
        json="json_doc",
        markdown="markdown",
    ),
}


def render(command: str, fmt: str, result: Any, color: bool) -> Iterator[str]:
    """The pieces of `result` in format `fmt` of `command`, to write one after the other."""
    entry = FORMATS[command][fmt]
    fn: Callable[..., str | Iterator[str]] = getattr(import_module(entry.module), entry.function)
    out = fn(result, color) if entry.color else fn(result)
    if isinstance(out, str):
        yield out
    else:
        yield from out

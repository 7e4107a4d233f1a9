"""Rich renderables to a string, with or without colour, at a fixed width."""

from __future__ import annotations

import io
import os
import shutil
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from leadsla.render.escape import TERMINAL


def width() -> int:
    """The terminal's width (COLUMNS wins), at least 80; 120 when not a terminal."""
    if os.environ.get("COLUMNS", "").isdigit():
        return max(60, int(os.environ["COLUMNS"]))
    return max(80, shutil.get_terminal_size((120, 24)).columns)


def inert(renderable: Any) -> Any:
    """The renderable with control characters made visible (tables and texts, in place): see
    `escape.TERMINAL`."""
    if isinstance(renderable, str):
        return renderable.translate(TERMINAL)
    if isinstance(renderable, Text):
        renderable.plain = renderable.plain.translate(TERMINAL)
    elif isinstance(renderable, Table):
        renderable.title = inert(renderable.title) if renderable.title else renderable.title
        for column in renderable.columns:
            column.header = inert(column.header)
            column._cells = [inert(c) for c in column._cells]
    return renderable


def to_text(*renderables: Any, color: bool, cols: int | None = None) -> str:
    renderables = tuple(inert(r) for r in renderables)
    buf = io.StringIO()
    console = Console(
        file=buf,
        width=cols or width(),
        color_system="truecolor" if color else None,
        force_terminal=color,
        no_color=not color,
        highlight=False,
        markup=False,
        emoji=False,
        soft_wrap=False,
    )
    for r in renderables:
        console.print(r)
    return buf.getvalue()


def pct(share: float | None) -> str:
    return "–" if share is None else f"{share * 100:.1f}%"


def num(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f}"

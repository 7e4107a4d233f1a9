"""CSV cells a spreadsheet would not run as formulas (SPEC §3), for every CSV leadsla writes."""

from __future__ import annotations

import re
from collections.abc import Iterable

_NUMERIC = re.compile(r"[+-]?[0-9][0-9.,]*")
"""Digits with separators (`-1.234,5`, `+1,234.5`): a number in some locale, never a formula.
(Not spaces: `+55 11 9999 0000` is a phone number a spreadsheet would garble.)"""


def escape_formula(cell: str) -> str:
    """A cell a spreadsheet would run as a formula gets a `'` prefix (SPEC §3), numbers excepted."""
    if cell[:1] in ("=", "+", "-", "@", "\t", "\r"):
        if _NUMERIC.fullmatch(cell):
            return cell
        try:
            float(cell.replace(",", "."))
            return cell
        except ValueError:
            return "'" + cell
    return cell


def safe_row(cells: Iterable[object]) -> list[str]:
    """A row for csv.writer: None as an empty cell, text escaped, numbers as they are."""
    return ["" if c is None else escape_formula(c) if isinstance(c, str) else str(c) for c in cells]

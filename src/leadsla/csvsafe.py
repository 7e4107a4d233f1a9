"""CSV cells a spreadsheet would not run as formulas (SPEC §3), for every CSV leadsla writes."""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from typing import Any, Protocol

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""A cell starting with one of these is a formula to Excel, LibreOffice or Google Sheets."""

NUMBER_PATTERN = r"[+-]?[.,]?[0-9][0-9.,]*(?:[eE][+-]?[0-9]+)?"
"""The one exemption, as a full match: a number in some locale (`-5`, `-1.234,5`, `+1,234.5`,
`-.5`, `-1.5e3`), which a spreadsheet reads as a number, never as a formula. Not spaces
(`+55 11 9999 0000` is a phone number a spreadsheet would garble), nor `-inf`, `-nan` or a
leading tab (no spreadsheet reads those as numbers). Written in the syntax Python's `re` and
RE2 (DuckDB's `regexp_full_match`) read alike, so a SQL copy of this rule can use it as is."""

NUMBER = re.compile(NUMBER_PATTERN)


def escape_formula(cell: str) -> str:
    """A cell a spreadsheet would run as a formula gets a `'` prefix (SPEC §3), numbers excepted."""
    if cell.startswith(FORMULA_STARTS) and not NUMBER.fullmatch(cell):
        return "'" + cell
    return cell


def safe_row(cells: Iterable[object]) -> list[str]:
    """A row for csv.writer: None as an empty cell, text escaped, numbers as they are."""
    return ["" if c is None else escape_formula(c) if isinstance(c, str) else str(c) for c in cells]


class _Writable(Protocol):
    def write(self, text: str, /) -> Any: ...


class SafeWriter:
    """csv.writer for every CSV leadsla writes: each cell through `safe_row`, and a row with a
    carriage return in a cell quoted whole. (csv.writer quotes the characters of its line
    terminator only: with `\n` it writes `a\rb` bare, and a spreadsheet ends the row at the
    `\r`, starting a new one with whatever follows, such as `=1+1`.)"""

    def __init__(self, out: _Writable, **fmtparams: Any) -> None:
        self._minimal = csv.writer(out, **fmtparams)
        self._quoted = csv.writer(out, **{**fmtparams, "quoting": csv.QUOTE_ALL})

    def writerow(self, cells: Iterable[object]) -> None:
        self.write_as_is(safe_row(cells))

    def write_as_is(self, row: list[str]) -> None:
        """A row whose cells are already what the file must hold (`score --output` copies the
        source cells byte for byte and escapes only its own): only the carriage-return rule."""
        (self._quoted if any("\r" in c for c in row) else self._minimal).writerow(row)

"""Physical line numbers of the export's records, for messages and for ids that fall back to them.

DuckDB numbers records, not lines: a quoted cell may hold line breaks and blank lines are
skipped. When the file has one line per record (the common case) a record's line is simple
arithmetic; otherwise the file is scanned once for record starts (quote parity per line)."""

from __future__ import annotations

from array import array
from dataclasses import dataclass, field
from pathlib import Path

CHUNK = 1 << 20


def count_lines(path: Path) -> int:
    """Physical lines in the file (a last line without a line break counts)."""
    n = 0
    last = b"\n"
    with path.open("rb") as f:
        while chunk := f.read(CHUNK):
            n += chunk.count(b"\n")
            last = chunk[-1:]
    return n + (0 if last == b"\n" else 1)


def record_starts(path: Path) -> array[int]:
    """Line number (1-based) where each record starts, header included; blank lines skipped."""
    starts: array[int] = array("q")
    in_quotes = False
    with path.open("rb") as f:
        for number, line in enumerate(f, start=1):
            if not in_quotes:
                if line.strip(b"\r\n") == b"":
                    continue
                starts.append(number)
            if line.count(b'"') & 1:
                in_quotes = not in_quotes
    return starts


@dataclass
class LineMap:
    """Record index (0-based, after the header) -> physical line number, computed on demand."""

    path: Path
    header_lines: int
    records: int
    _offset: int | None = None
    _starts: array[int] | None = None
    _ready: bool = field(default=False, repr=False)

    def _prepare(self) -> None:
        if self._ready:
            return
        self._ready = True
        if count_lines(self.path) == self.header_lines + self.records:
            self._offset = self.header_lines + 1
            return
        starts = record_starts(self.path)
        if len(starts) == self.records + 1:
            self._starts = starts
        else:  # a stray quote outside quoting confused the scan: fall back to arithmetic
            self._offset = self.header_lines + 1

    @property
    def simple(self) -> bool:
        self._prepare()
        return self._offset is not None

    @property
    def offset(self) -> int:
        self._prepare()
        assert self._offset is not None
        return self._offset

    def line(self, row: int) -> int:
        self._prepare()
        if self._offset is not None:
            return row + self._offset
        assert self._starts is not None
        return int(self._starts[row + 1])

    def all_lines(self) -> list[int]:
        self._prepare()
        if self._offset is not None:
            return list(range(self._offset, self._offset + self.records))
        assert self._starts is not None
        return list(self._starts[1:])

"""Physical line numbers of the export's records, for messages and for ids that fall back to them.

DuckDB reads the good rows in parallel and sets the others aside with the number it gives each
record (blank lines counted, line breaks inside quotes not). When the file has one line per
record and nothing was set aside (the common case) a row's line is simple arithmetic;
otherwise the file is scanned once for record starts (quote parity per line)."""

from __future__ import annotations

import csv
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


def scan_records_csv(path: Path, delimiter: str) -> RecordScan | None:
    """The same as `scan_records`, with Python's csv module: slower, but a quote inside an
    unquoted cell (`Monitor 24"`) is data, as it is for DuckDB, not an opening quote. None if
    the file cannot be split this way either."""
    starts: array[int] = array("q")
    numbers: array[int] = array("q")
    csv.field_size_limit(1 << 30)
    with path.open("rb") as f:
        # physical lines are what `\n` ends (csv alone would also break lines at a lone `\r`)
        lines = (raw.decode("utf-8", "replace") for raw in f)
        reader = csv.reader(lines, delimiter=delimiter, quotechar='"', doublequote=True)
        before = 0
        try:
            for counter, cells in enumerate(reader, start=1):
                if cells:
                    starts.append(before + 1)
                    numbers.append(counter)
                before = reader.line_num
        except csv.Error:
            return None
    return RecordScan(starts, numbers)


@dataclass(frozen=True)
class RecordScan:
    starts: array[int]
    """Physical line (1-based) where each record starts, the header first."""
    numbers: array[int]
    """DuckDB's number for each record: records and blank lines counted from 1 (the header)."""


def scan_records(path: Path) -> RecordScan:
    starts: array[int] = array("q")
    numbers: array[int] = array("q")
    in_quotes = False
    counter = 0
    with path.open("rb") as f:
        for number, line in enumerate(f, start=1):
            if not in_quotes:
                counter += 1
                if line.strip(b"\r\n") != b"":
                    starts.append(number)
                    numbers.append(counter)
            if line.count(b'"') & 1:
                in_quotes = not in_quotes
    return RecordScan(starts, numbers)


@dataclass
class LineMap:
    """Good row index (0-based, in table order) -> physical line; and where set-aside records
    (known by DuckDB's number) sit among all records. Computed on demand."""

    path: Path
    header_lines: int
    rows: int
    """Good rows (in the `leads` table)."""
    rejected_numbers: list[int] = field(default_factory=list)
    """DuckDB's numbers of the records it set aside, ascending."""
    delimiter: str = ","
    _offset: int | None = None
    _good_lines: array[int] | None = None
    _rejected: dict[int, tuple[int, int]] = field(default_factory=dict)
    _after_blank: set[int] = field(default_factory=set)
    """Numbers of set-aside records that follow a blank line."""
    _ready: bool = field(default=False, repr=False)

    @property
    def records(self) -> int:
        return self.rows + len(self.rejected_numbers)

    def _prepare(self) -> None:
        if self._ready:
            return
        self._ready = True
        if not self.rejected_numbers and count_lines(self.path) == self.header_lines + self.rows:
            self._offset = self.header_lines + 1
            return
        scan: RecordScan | None = scan_records(self.path)
        if scan is not None and len(scan.starts) - 1 != self.records:
            # a quote inside an unquoted cell confused the quick scan
            scan = scan_records_csv(self.path, self.delimiter)
        if scan is None or len(scan.starts) - 1 != self.records:
            # still confused: fall back to arithmetic
            self._offset = self.header_lines + 1
            for n in self.rejected_numbers:
                self._rejected[n] = (n - 2, n + self.header_lines - 1)
            return
        wanted = set(self.rejected_numbers)
        good: array[int] = array("q")
        for index in range(1, len(scan.starts)):
            number = scan.numbers[index]
            if number in wanted:
                self._rejected[number] = (index - 1, scan.starts[index])
                if number - scan.numbers[index - 1] > 1:
                    self._after_blank.add(number)
            else:
                good.append(scan.starts[index])
        self._good_lines = good

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
        """The physical line of good row `row`."""
        self._prepare()
        if self._offset is not None:
            return row + self._offset + self._rejected_before(row)
        assert self._good_lines is not None
        return int(self._good_lines[row])

    def _rejected_before(self, row: int) -> int:
        """Approximate path: set-aside records that come before good row `row`."""
        if not self._rejected:
            return 0
        indices = sorted(i for i, _ in self._rejected.values())
        count = 0
        for i in indices:
            if i <= row + count:
                count += 1
        return count

    def all_lines(self) -> list[int]:
        self._prepare()
        if self._good_lines is not None:
            return list(self._good_lines)
        return [self.line(r) for r in range(self.rows)]

    def blank_before(self, number: int) -> bool:
        """Does a blank line come right before set-aside record `number`?"""
        self._prepare()
        return number in self._after_blank

    def rejected(self, number: int) -> tuple[int, int]:
        """(record index among all data records, physical line) of a set-aside record."""
        self._prepare()
        return self._rejected[number]

    def record_index(self, row: int) -> int:
        """The index of good row `row` among all data records (set-aside ones included)."""
        self._prepare()
        indices = sorted(i for i, _ in self._rejected.values())
        # good row k is the k-th index not in `indices`
        k = row
        for i in indices:
            if i <= k:
                k += 1
        return k

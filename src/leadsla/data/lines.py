"""Physical lines of the export's records: for messages, for ids that fall back to them, for
copying rejected records from the file, and for finding the records too long for DuckDB.

DuckDB reads the good rows in parallel and sets the others aside with the number it gives each
record (blank lines counted, line breaks inside quotes not). When the file has one line per
record and nothing was set aside (the common case) a row's line is simple arithmetic;
otherwise the file is scanned once for record starts (quote parity per line).

DuckDB cannot read a record of `MAX_RECORD_BYTES` or more, and does not fail cleanly on one:
up to its 32 MB read buffer it rejects it (and a multi-line one over about 8 MB also turns its
inner lines into rows of their own), beyond that a one-line record vanishes and a multi-line
one is misreported. So such records are found (`may_hold_long_line` before every read,
`may_hold_long_record` after a read that rejected anything, then `long_records`) and DuckDB
reads a copy in which each is replaced by a short placeholder record on the same lines
(`write_placeholders`)."""

from __future__ import annotations

import csv
from array import array
from collections.abc import Container, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

CHUNK = 1 << 20
MAX_RECORD_BYTES = 2_000_000
"""The reader's limit (DuckDB's `max_line_size`, set explicitly): a record of this many bytes
or more is rejected as too long. DuckDB counts a record's bytes up to its last line break (a
CR before it counted), and with them the blank lines right before it."""
MARGIN = 1 << 16
"""The quick look flags records this much under the limit too: blank lines before a record
count for DuckDB, not for the quick look; `long_records` then decides exactly."""


def count_lines(path: Path) -> int:
    """Physical lines in the file (a last line without a line break counts)."""
    n = 0
    last = b"\n"
    with path.open("rb") as f:
        while chunk := f.read(CHUNK):
            n += chunk.count(b"\n")
            last = chunk[-1:]
    return n + (0 if last == b"\n" else 1)


def may_hold_long_line(path: Path, limit: int = MAX_RECORD_BYTES - MARGIN) -> bool:
    """Could the file hold a line of `limit` bytes or more? Looks at a few hundred bytes per
    megabyte, so that every read can afford it: from a point, find the next line break; if
    it is half the limit away or more, say yes (a false alarm costs `long_records`); else go
    on from half the limit after that line break. A line of `limit` bytes holds a point that
    is at least half the limit before its end, and one of those points is looked at.

    (DuckDB leaves no trace of a one-line record longer than its read buffer. A long record
    of many lines is seen by `may_hold_long_record`, once DuckDB has rejected anything.)"""
    size = path.stat().st_size
    if size < limit:
        return False
    step = limit // 2
    # Reads, not a memory map: the pages a map touches (and the kernel's read-around of each)
    # count in the process's resident memory, which then grew with the export (2.2 GB for a
    # 2.3 GB file) although nothing was held.
    with path.open("rb") as f:
        pos = 0
        while pos < size:
            f.seek(pos)
            end = -1
            looked = 0
            while looked < step:
                piece = f.read(min(LOOK, step - looked))
                if not piece:
                    end = size
                    break
                found = piece.find(b"\n")
                if found >= 0:
                    end = pos + looked + found
                    break
                looked += len(piece)
            if end < 0 or end - pos >= step:
                return True
            pos = end + step
    return False


LOOK = 1 << 12
"""Bytes read at a time while looking for the next line break (most lines are shorter)."""


def may_hold_long_record(path: Path, limit: int = MAX_RECORD_BYTES - MARGIN) -> bool:
    """Could the file hold a record of `limit` bytes or more? One pass at the speed of bytes
    methods (no Python loop per line).

    True when a line is that long, or when, by quote parity, no line break outside quotes
    comes for that many bytes (a multi-line quoted cell that long). A quote inside an unquoted
    cell (`24"`) upsets the parity and may give a false alarm: `long_records` then decides."""
    if path.stat().st_size < limit:
        return False
    run = 0  # bytes since the last line break
    since_end = 0  # bytes since the last line break outside quotes
    odd = False  # inside quotes at the start of the chunk
    with path.open("rb") as f:
        while chunk := f.read(CHUNK):
            size = len(chunk)
            quotes_after_start = chunk.count(b'"')
            odd_end = odd ^ bool(quotes_after_start & 1)
            last = chunk.rfind(b"\n")
            if last < 0:
                run += size
                since_end += size
                if run >= limit:
                    return True
                odd = odd_end
                continue
            first = chunk.find(b"\n")
            if run + first >= limit:
                return True
            run = size - last - 1
            # the first line break outside quotes ends the run of bytes carried from before
            parity, begin, pos = odd, 0, first
            while pos >= 0:
                parity ^= bool(chunk.count(b'"', begin, pos) & 1)
                if not parity:
                    break
                begin, pos = pos, chunk.find(b"\n", pos + 1)
            if pos < 0:  # none in this chunk
                since_end += size
                if since_end >= limit:
                    return True
                odd = odd_end
                continue
            if since_end + pos >= limit:
                return True
            # the last one starts the next run (walking back from the end of the chunk)
            parity, end, pos = odd_end, size, last
            while True:
                parity ^= bool(chunk.count(b'"', pos + 1, end) & 1)
                if not parity:
                    break
                end, pos = pos, chunk.rfind(b"\n", 0, pos)
            since_end = size - pos - 1
            odd = odd_end
    return False


@dataclass(frozen=True)
class LongRecord:
    """A record too long for the reader: where it is, how big, and how many fields it has."""

    start: int
    """First physical line (1-based)."""
    end: int
    """Last physical line."""
    size: int
    """Bytes, counted as DuckDB counts them (see MAX_RECORD_BYTES)."""
    fields: int


@dataclass(frozen=True)
class RecordScan:
    starts: array[int]
    """Physical line (1-based) where each record starts, the header first."""
    numbers: array[int]
    """DuckDB's number for each record: records and blank lines counted from 1 (the header)."""
    lines: int
    """Physical lines in the file."""
    counter: int
    """DuckDB's numbers used in all (records and blank lines)."""
    spans: dict[int, tuple[int, int]] = field(default_factory=dict)
    """DuckDB number -> (byte offset, size) of the records asked for."""
    long: list[LongRecord] = field(default_factory=list)
    """Records of `long_limit` bytes or more, when asked for."""

    def end(self, index: int) -> int:
        """The last physical line of record `index` (blank lines after it are not part of it)."""
        number = self.numbers[index]
        if index + 1 < len(self.starts):
            return int(self.starts[index + 1] - 1 - (self.numbers[index + 1] - number - 1))
        return self.lines - (self.counter - number)


class _Lines:
    """The file's physical lines (ending at `\\n` only), with the byte counts a scan needs."""

    def __init__(self, f: IO[bytes]) -> None:
        self.f = f
        self.pos = 0
        """Bytes yielded so far."""
        self.newline = True
        """Did the last line yielded end with a line break?"""

    def __iter__(self) -> Iterator[str]:
        for raw in self.f:
            self.pos += len(raw)
            self.newline = raw.endswith(b"\n")
            yield raw.decode("utf-8", "replace")


def scan_records_csv(
    path: Path,
    delimiter: str,
    wanted: Container[int] = (),
    long_limit: int | None = None,
) -> RecordScan | None:
    """The same as `scan_records`, with Python's csv module: slower, but a quote inside an
    unquoted cell (`Monitor 24"`) is data, as it is for DuckDB, not an opening quote. Also
    lists the records of `long_limit` bytes or more. None if the file cannot be split this
    way either."""
    starts: array[int] = array("q")
    numbers: array[int] = array("q")
    spans: dict[int, tuple[int, int]] = {}
    long: list[LongRecord] = []
    csv.field_size_limit(1 << 30)
    counter = 0
    with path.open("rb") as f:
        # physical lines are what `\n` ends (csv alone would also break lines at a lone `\r`)
        lines = _Lines(f)
        reader = csv.reader(lines, delimiter=delimiter, quotechar='"', doublequote=True)
        before = 0
        offset = 0  # where the record starts
        after = 0  # where the last record ended (blank lines after it count for DuckDB)
        try:
            for counter, cells in enumerate(reader, start=1):
                if cells:
                    starts.append(before + 1)
                    numbers.append(counter)
                    end = lines.pos - (1 if lines.newline else 0)
                    if counter in wanted:
                        spans[counter] = (offset, end - offset)
                    if long_limit is not None and end - after >= long_limit and len(starts) > 1:
                        found = LongRecord(before + 1, reader.line_num, end - after, len(cells))
                        long.append(found)
                    after = lines.pos
                before = reader.line_num
                offset = lines.pos
        except csv.Error:
            return None
    return RecordScan(starts, numbers, before, counter, spans, long)


def scan_records(path: Path, wanted: Container[int] = ()) -> RecordScan:
    starts: array[int] = array("q")
    numbers: array[int] = array("q")
    spans: dict[int, tuple[int, int]] = {}
    in_quotes = False
    counter = 0
    number = 0
    line = b""
    pos = 0
    current = 0  # DuckDB number of the record being read, if asked for
    begin = 0
    with path.open("rb") as f:
        for number, line in enumerate(f, start=1):
            if not in_quotes:
                counter += 1
                if line.strip(b"\r\n") != b"":
                    starts.append(number)
                    numbers.append(counter)
                    if counter in wanted:
                        current, begin = counter, pos
            pos += len(line)
            if line.count(b'"') & 1:
                in_quotes = not in_quotes
            if current and not in_quotes:
                spans[current] = (begin, pos - begin - (1 if line.endswith(b"\n") else 0))
                current = 0
    if current:  # a quote that never closes: the record runs to the end of the file
        spans[current] = (begin, pos - begin - (1 if line.endswith(b"\n") else 0))
    return RecordScan(starts, numbers, number, counter, spans)


def long_records(path: Path, delimiter: str, limit: int = MAX_RECORD_BYTES) -> list[LongRecord]:
    """The data records of `limit` bytes or more, as DuckDB splits records (csv module); by
    quote parity if the csv module cannot split the file."""
    scan = scan_records_csv(path, delimiter, long_limit=limit)
    if scan is not None:
        return scan.long
    quick = scan_records(path, range(1, 1 << 62))  # every record's span
    out = []
    for index in range(1, len(quick.starts)):
        number = quick.numbers[index]
        _offset, size = quick.spans[number]
        if size >= limit:
            out.append(LongRecord(int(quick.starts[index]), quick.end(index), size, 0))
    return out


def write_placeholders(
    path: Path, long: list[LongRecord], target: Path, delimiter: str, width: int
) -> None:
    """A copy of `path` in which each long record is a short one on the same lines: a quoted
    cell holding its line breaks, then `width` delimiters. DuckDB rejects it (one field too
    many) with the number the record has, so every other record keeps its number and line."""
    spans = iter(long)
    current = next(spans, None)
    tail = delimiter.encode("utf-8") * width
    with path.open("rb") as f, target.open("wb") as out:
        for number, line in enumerate(f, start=1):
            while current is not None and number > current.end:
                current = next(spans, None)
            if current is None or number < current.start:
                out.write(line)
                continue
            term = b"\r\n" if line.endswith(b"\r\n") else b"\n" if line.endswith(b"\n") else b""
            first, last = number == current.start, number == current.end
            out.write((b'"' if first else b"") + (b'"' + tail if last else b"") + term)


def read_span(f: IO[bytes], offset: int, size: int, limit: int) -> tuple[str, bool]:
    """The text of the record at `offset` (`size` bytes) of the open file, at most `limit`
    characters; and whether it was cut there."""
    f.seek(offset)
    raw = f.read(min(size, limit * 4))
    text = raw.decode("utf-8", "replace")
    if size > len(raw) or len(text) > limit:
        return text[:limit], True
    return text.removesuffix("\r"), False


@dataclass
class LineMap:
    """Good row index (0-based, in table order) -> physical line; and where set-aside records
    (known by DuckDB's number) sit among all records, with the lines and bytes they take.
    Computed on demand."""

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
    _scan: RecordScan | None = None
    _exact: bool = True
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
        wanted = frozenset(self.rejected_numbers)
        scan: RecordScan | None = scan_records(self.path, wanted)
        if scan is not None and len(scan.starts) - 1 != self.records:
            # a quote inside an unquoted cell confused the quick scan
            scan = scan_records_csv(self.path, self.delimiter, wanted)
        if scan is None or len(scan.starts) - 1 != self.records:
            # still confused: fall back to arithmetic
            self._exact = False
            self._offset = self.header_lines + 1
            for n in self.rejected_numbers:
                self._rejected[n] = (n - 2, n + self.header_lines - 1)
            return
        self._scan = scan
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
    def exact(self) -> bool:
        """Were the file's records matched one to one with DuckDB's (else lines are estimated)?"""
        self._prepare()
        return self._exact

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

    def rejected_extent(self, number: int) -> tuple[int, int, int] | None:
        """(last physical line, byte offset, size in bytes) of a set-aside record, read from
        the file; None when the lines are estimated (see `exact`)."""
        self._prepare()
        if self._scan is None:
            return None
        index = self._rejected[number][0] + 1
        offset, size = self._scan.spans[number]
        return self._scan.end(index), offset, size

    def spans(self) -> Iterator[tuple[int, int]]:
        """(first, last) physical line of each data record, in file order (exact maps only)."""
        self._prepare()
        if self._scan is None:
            assert self._offset is not None and self._exact
            for line in range(self._offset, self._offset + self.records):
                yield line, line
            return
        scan = self._scan
        starts, numbers = scan.starts, scan.numbers
        n = len(starts)
        for index in range(1, n - 1):
            yield (
                starts[index],
                starts[index + 1] - 1 - (numbers[index + 1] - numbers[index] - 1),
            )
        if n > 1:
            yield int(starts[n - 1]), scan.end(n - 1)

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

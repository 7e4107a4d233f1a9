"""Row accounting: every data line is used or reported (SPEC §2 "Nothing is lost silently")."""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import IO, TYPE_CHECKING, Literal

from leadsla.atomic import atomic_binary
from leadsla.csvsafe import SafeWriter
from leadsla.data.db import Connection, one, rows
from leadsla.data.lines import MAX_RECORD_BYTES, read_span
from leadsla.data.names import field_column
from leadsla.messages import cat, num, say, say_n

if TYPE_CHECKING:
    from leadsla.data.lines import LineMap

IssueKind = Literal["rejected", "unreadable", "duplicate", "footer", "warning", "field"]


@dataclass(frozen=True)
class DataIssue:
    kind: IssueKind
    line: int
    column: str
    """The CSV header (empty for a whole row)."""
    field: str
    value: str
    reason: str


@dataclass(frozen=True)
class RowWarning:
    """A data warning about a good row (`row` = its index in the `leads` table)."""

    row: int
    column: str
    field: str
    value: str
    reason: str


@dataclass(frozen=True)
class RejectedRow:
    """A record DuckDB set aside: its number (records and blank lines counted), why, its text."""

    number: int
    kind: str
    """DuckDB's error type: MISSING COLUMNS, TOO MANY COLUMNS, UNQUOTED VALUE, LINE SIZE OVER
    MAXIMUM (too long to read: see lines.py)..."""
    fields: int | None
    """How many fields it had, when known."""
    text: str
    """Its text as the file has it (DuckDB's own copy stops at 10,000 characters), at most
    TEXT_LIMIT characters."""
    last_line: int = 0
    """Its last physical line (0 until placed: see Accounting.collect)."""
    size: int = 0
    """Its size in bytes (0 when not known); for a record too long to read, as DuckDB counts
    it (see lines.MAX_RECORD_BYTES)."""
    cut: bool = False
    """Is `text` only the start of the record (it holds more than TEXT_LIMIT characters)?"""


TEXT_LIMIT = 32_000
"""Characters of a rejected record kept for messages and --errors: whole up to here (a
spreadsheet cell holds 32,767), the start of it beyond. --output copies records whole."""


def _placed(row: RejectedRow, lines: LineMap, f: IO[bytes]) -> tuple[int, int, RejectedRow]:
    """(record index, first physical line, the row with its true extent and text), read from
    the file (open as `f`) at the place the record scan found: DuckDB's own copy of the text
    is cut."""
    index, line = lines.rejected(row.number)
    extent = lines.rejected_extent(row.number)
    if extent is None:  # lines only estimated: keep DuckDB's text
        return index, line, replace(row, last_line=line + row.text.count("\n"))
    last, offset, size = extent
    text, cut = read_span(f, offset, size, TEXT_LIMIT)
    return index, line, replace(row, text=text, last_line=last, size=row.size or size, cut=cut)


@dataclass(frozen=True)
class FieldCount:
    """How one field of the export was read: cells not blank (unreadable ones included) and
    cells that could not be read as the field's type."""

    field: str
    header: str
    type: str
    non_blank: int
    unreadable: int


@dataclass
class Accounting:
    records: int
    rows: int
    used: int
    rejected: int
    unreadable_cells: int
    duplicates: int
    footer_rows: int
    duplicate_ids: int
    rejected_rows: list[tuple[int, int, RejectedRow]]
    """(record index, physical line, row) of each rejected record that is not footer."""
    footer: list[tuple[int, int, RejectedRow]]
    warnings: list[RowWarning]
    """Found by a command after reading (e.g. a stop before its start); lines looked up late."""
    bad_bytes: tuple[tuple[int, int], ...] = ()
    """(line, byte) of the lines of a UTF-8 export with a byte that is not UTF-8 (read as U+FFFD)."""
    fields: list[FieldCount] = field(default_factory=list)
    """Every field read, in the export's column order (see `count_fields`)."""
    field_issues: list[DataIssue] = field(default_factory=list)
    """Findings about whole fields (an unhealthy field, a start field blank in every row)."""

    @classmethod
    def collect(
        cls, con: Connection, table: str, rejected: list[RejectedRow], lines: LineMap
    ) -> Accounting:
        good, unreadable = one(con, f"SELECT count(*), coalesce(sum(len(_bad)), 0) FROM {table}")
        placed = []
        if rejected:
            with lines.path.open("rb") as f:
                placed = sorted(_placed(r, lines, f) for r in rejected)
        records = int(good) + len(placed)
        # the footer: the trailing run of set-aside records, starting with a one-cell line or
        # after a blank line
        tail = len(placed)
        while tail > 0 and placed[tail - 1][0] == records - (len(placed) - tail) - 1:
            tail -= 1
        trailing = placed[tail:]
        starts_footer = bool(trailing) and (
            (trailing[0][2].fields or 0) == 1 or lines.blank_before(trailing[0][2].number)
        )
        footer = trailing if starts_footer else []
        kept = placed[: len(placed) - len(footer)]
        duplicates, duplicate_ids = one(
            con,
            f"""SELECT coalesce(sum(n), 0), count(*) FROM (
                  SELECT count(*) AS n FROM {table} WHERE _id IS NOT NULL
                  GROUP BY _id HAVING count(*) > 1)""",
        )
        data_rows = records - len(footer)
        return cls(
            records=records,
            rows=data_rows,
            used=int(good),
            rejected=len(kept),
            unreadable_cells=int(unreadable),
            duplicates=int(duplicates),
            footer_rows=len(footer),
            duplicate_ids=int(duplicate_ids),
            rejected_rows=kept,
            footer=footer,
            warnings=[],
        )

    @property
    def problems(self) -> int:
        return self.rejected + self.unreadable_cells + self.duplicates + len(self.bad_bytes)

    def summary_line(self, name: str) -> str:
        """`NAME: 12,000 rows: 11,990 used, 10 rejected, 42 unreadable cells` and notes: English
        as a string (validate's problems), in the reader's language on stderr (messages.py)."""
        # The counts keep SPEC's fixed form (always plural) in every language; the notes after
        # them read as sentences.
        pieces: list[object] = [
            say(
                "{name}: {rows} rows: {used} used, {rejected} rejected, {unreadable} unreadable"
                " cells",
                name=name,
                rows=num(self.rows),
                used=num(self.used),
                rejected=num(self.rejected),
                unreadable=num(self.unreadable_cells),
            )
        ]
        if self.duplicates:
            pieces.append(
                say_n(
                    "; {rows} rows share {n} duplicate id",
                    "; {rows} rows share {n} duplicate ids",
                    self.duplicate_ids,
                    rows=num(self.duplicates),
                )
            )
        if self.footer_rows:
            pieces.append(
                say_n(
                    "; a footer of {n} line skipped",
                    "; a footer of {n} lines skipped",
                    self.footer_rows,
                )
            )
        if self.bad_bytes:
            pieces.append(
                say_n(
                    "; {n} line with a byte that is not UTF-8, read as \ufffd (first on line"
                    " {first})",
                    "; {n} lines with a byte that is not UTF-8, read as \ufffd (first on line"
                    " {first})",
                    len(self.bad_bytes),
                    first=num(self.bad_bytes[0][0]),
                )
            )
        swallowed = sum(row.last_line - line for _i, line, row in self.rejected_rows)
        if swallowed:
            pieces.append(
                say_n(
                    "; rejected records hold {n} more line",
                    "; rejected records hold {n} more lines",
                    swallowed,
                )
            )
        return cat(*pieces)

    def warnings_line(self, name: str) -> str | None:
        """The data warnings a command found while computing (not part of the read's account,
        which is the same for every command): a line of their own."""
        if not self.warnings:
            return None
        return say_n(
            "{name}: {n} data warning found while computing",
            "{name}: {n} data warnings found while computing",
            len(self.warnings),
            name=name,
        )


def count_fields(
    con: Connection,
    table: str,
    fields: list[tuple[str, str, str]],
    slots: list[tuple[str, int]] | None,
) -> list[FieldCount]:
    """Non-blank and unreadable cells of each field, given as (field, header, type): counted
    on the table's typed columns (an unreadable cell is NULL there, and listed in `_bad`), or,
    with `slots`, from the `_nb` column and bit of each field's non-blank flag (a table that
    kept no typed column). One pass over those columns, one over the rows with a bad cell."""
    if not fields:
        return []
    unreadable = dict(
        rows(
            con,
            f"""SELECT b.field, count(*) FROM (
                  SELECT unnest(_bad) AS b FROM {table} WHERE _bad IS NOT NULL)
                GROUP BY ALL""",
        )
    )
    if slots is not None:
        sums = ", ".join(f"coalesce(sum(({column} >> {bit}) & 1), 0)" for column, bit in slots)
        non_blank = [int(n) for n in one(con, f"SELECT {sums} FROM {table}")]
    else:
        idents = ", ".join(f"count({_ident(name)})" for name, _h, _t in fields)
        read = one(con, f"SELECT {idents} FROM {table}")
        non_blank = [
            int(n) + int(unreadable.get(name, 0))
            for (name, _h, _t), n in zip(fields, read, strict=True)
        ]
    return [
        FieldCount(name, header, ftype, n, int(unreadable.get(name, 0)))
        for (name, header, ftype), n in zip(fields, non_blank, strict=True)
    ]


def _ident(name: str) -> str:
    """A field's column as a quoted SQL identifier (see `names`: a field may be named like
    anything, and no column of our own can have its name)."""
    column = field_column(name)
    return '"' + column.replace('"', '""') + '"'


def count(n: int, noun: str) -> str:
    """`1 data warning`, `2 data warnings`."""
    return f"{n:,} {noun}" + ("" if n == 1 else "s")


def rejection_reason(row: RejectedRow, expected: int) -> str:
    """Why a record was set aside: English in `--errors` and `--output`, in the reader's
    language when a message on stderr quotes it (messages.py)."""
    if row.kind in ("MISSING COLUMNS", "TOO MANY COLUMNS"):
        found: object = (
            str(row.fields)
            if row.fields is not None
            # i18n: "wrong number of fields: more, expected 5"
            else (say("more") if row.kind == "TOO MANY COLUMNS" else say("fewer"))
        )
        return say(
            "wrong number of fields: {found}, expected {expected}",
            found=found,
            expected=expected,
        )
    if row.kind == "LINE SIZE OVER MAXIMUM":
        size = say_n("{n} byte", "{n} bytes", row.size) if row.size else say("too long")
        return say(
            "a record of {size}; a record must be under {limit} bytes",
            size=size,
            limit=num(MAX_RECORD_BYTES),
        )
    if row.kind == "UNQUOTED VALUE":
        return say("a quote is not closed (or a quoted cell has text after its closing quote)")
    return say("unreadable row ({kind})", kind=row.kind.lower())


TYPE_WORD = {
    "number": "number",
    "boolean": "yes/no value",
    "timestamp": "date/time in leads.date_formats from 1900 to 2099",
    "text": "text",
}

ERROR_COLUMNS = ["kind", "line", "column", "field", "value", "reason"]


def mask(value: str) -> str:
    """--redact: keep the shape, hide the content."""
    return "".join("9" if c.isdigit() else "x" if c.isalpha() else c for c in value)


def write_errors(path: Path, issues: Iterator[DataIssue], redact: bool) -> int:
    """Write the full list of data problems as CSV, atomically; return how many.

    Every text cell goes through the one formula rule, whatever its origin: a header, a field
    name from the SLA, a cell value, a reason (which may quote the SLA)."""
    buf = io.StringIO()
    writer = SafeWriter(buf, lineterminator="\n")
    writer.writerow(ERROR_COLUMNS)
    n = 0
    for issue in issues:
        value = mask(issue.value) if redact else issue.value
        writer.writerow([issue.kind, issue.line, issue.column, issue.field, value, issue.reason])
        n += 1
    with atomic_binary(path) as out:
        out.write(buf.getvalue().encode("utf-8"))
    return n

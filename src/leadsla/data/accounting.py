"""Row accounting: every data line is used or reported (SPEC §2 "Nothing is lost silently")."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from leadsla.atomic import atomic_binary
from leadsla.data.db import Connection, one, rows

if TYPE_CHECKING:
    from leadsla.data.reader import Export

IssueKind = Literal["rejected", "unreadable", "duplicate", "footer", "warning"]


@dataclass(frozen=True)
class DataIssue:
    kind: IssueKind
    line: int
    column: str
    """The CSV header (empty for a whole row)."""
    field: str
    value: str
    reason: str


@dataclass
class Accounting:
    records: int
    rows: int
    used: int
    rejected: int
    unreadable_cells: int
    duplicates: int
    footer_rows: int
    footer_from: int | None
    """Record index where the footer starts."""
    duplicate_ids: int
    extra_warnings: list[DataIssue]

    @classmethod
    def collect(cls, con: Connection, table: str) -> Accounting:
        records, last_good, unreadable, ragged = one(
            con,
            f"""SELECT count(*), max(CASE WHEN NOT _ragged THEN rowid END),
                       coalesce(sum(CASE WHEN NOT _ragged THEN len(_bad) END), 0),
                       count(*) FILTER (WHERE _ragged)
                FROM {table}""",
        )
        records = int(records)
        last_good = -1 if last_good is None else int(last_good)
        footer_from: int | None = None
        trailing = rows(
            con,
            f"SELECT rowid, _nfields FROM {table} WHERE rowid > ? ORDER BY rowid LIMIT 1",
            [last_good],
        )
        if trailing and int(trailing[0][1] or 0) <= 1:
            footer_from = int(trailing[0][0])
        footer_rows = records - footer_from if footer_from is not None else 0
        rejected = int(ragged) - footer_rows
        duplicates, duplicate_ids = one(
            con,
            f"""SELECT coalesce(sum(n), 0), count(*) FROM (
                  SELECT count(*) AS n FROM {table} WHERE NOT _ragged AND _id IS NOT NULL
                  GROUP BY _id HAVING count(*) > 1)""",
        )
        data_rows = records - footer_rows
        return cls(
            records,
            data_rows,
            data_rows - rejected,
            rejected,
            int(unreadable),
            int(duplicates),
            footer_rows,
            footer_from,
            int(duplicate_ids),
            [],
        )

    @property
    def problems(self) -> int:
        return self.rejected + self.unreadable_cells + self.duplicates

    def summary_line(self, name: str) -> str:
        parts = [
            f"{self.used:,} used",
            f"{self.rejected:,} rejected",
            f"{self.unreadable_cells:,} unreadable cells",
        ]
        line = f"{name}: {self.rows:,} rows: " + ", ".join(parts)
        if self.duplicates:
            line += f"; {self.duplicates:,} rows share {self.duplicate_ids:,} duplicate ids"
        if self.footer_rows:
            line += f"; a footer of {self.footer_rows:,} lines skipped"
        if self.extra_warnings:
            line += f"; {len(self.extra_warnings):,} data warnings"
        return line

    def iter_issues(self, export: Export) -> Iterator[DataIssue]:
        """Every rejected row, unreadable cell, duplicate id and the footer, in line order."""
        con, lines, headers = export.con, export.lines, export.source.headers
        expected = len(headers)
        out: list[DataIssue] = []
        footer_from = self.footer_from if self.footer_from is not None else self.records
        for rowid, nfields, rawline in rows(
            con,
            "SELECT rowid, _nfields, _rawline FROM leads WHERE _ragged AND rowid < ? ORDER BY rowid",
            [footer_from],
        ):
            found = f"more than {expected}" if nfields > expected else str(nfields)
            out.append(
                DataIssue(
                    "rejected",
                    lines.line(rowid),
                    "",
                    "",
                    rawline or "",
                    f"wrong number of fields: {found}, expected {expected}",
                )
            )
        field_column = {f: headers[i] for f, i in export.columns.items()}
        for rowid, bad in rows(
            con, "SELECT rowid, unnest(_bad) FROM leads WHERE _bad IS NOT NULL ORDER BY rowid"
        ):
            f = bad["field"]
            ftype = export.types.get(f, "text")
            out.append(
                DataIssue(
                    "unreadable",
                    lines.line(rowid),
                    field_column[f],
                    f,
                    bad["value"],
                    f"not a {_TYPE_WORD[ftype]}; read as blank",
                )
            )
        for rowid, lead_id, n in rows(
            con,
            """SELECT rowid, _id, count(*) OVER (PARTITION BY _id) AS n FROM leads
               WHERE NOT _ragged AND _id IS NOT NULL QUALIFY n > 1 ORDER BY rowid""",
        ):
            out.append(
                DataIssue(
                    "duplicate",
                    lines.line(rowid),
                    field_column.get(export.id_from, ""),
                    export.id_from,
                    lead_id,
                    f"id used by {n} rows; all are kept",
                )
            )
        out.extend(self.extra_warnings)
        if self.footer_from is not None:
            first = (
                one(con, "SELECT _rawline FROM leads WHERE rowid = ?", [self.footer_from])[0] or ""
            )
            out.append(
                DataIssue(
                    "footer",
                    lines.line(self.footer_from),
                    "",
                    "",
                    first,
                    f"footer of {self.footer_rows} lines after the last row; not data",
                )
            )
        out.sort(key=lambda i: (i.line, i.kind != "rejected"))
        yield from out


_TYPE_WORD = {
    "number": "number",
    "boolean": "yes/no value",
    "timestamp": "date/time in leads.date_formats",
    "text": "text",
}

ERROR_COLUMNS = ["kind", "line", "column", "field", "value", "reason"]


def mask(value: str) -> str:
    """--redact: keep the shape, hide the content."""
    return "".join("9" if c.isdigit() else "x" if c.isalpha() else c for c in value)


def escape_formula(cell: str) -> str:
    """A cell a spreadsheet would run as a formula gets a `'` prefix (SPEC §3), numbers excepted."""
    if cell[:1] in ("=", "+", "-", "@", "\t", "\r"):
        try:
            float(cell.replace(",", "."))
            return cell
        except ValueError:
            return "'" + cell
    return cell


def write_errors(path: Path, issues: Iterator[DataIssue], redact: bool) -> int:
    """Write the full list of data problems as CSV, atomically; return how many."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(ERROR_COLUMNS)
    n = 0
    for issue in issues:
        value = mask(issue.value) if redact else issue.value
        writer.writerow(
            [
                issue.kind,
                issue.line,
                escape_formula(issue.column),
                issue.field,
                escape_formula(value),
                issue.reason,
            ]
        )
        n += 1
    with atomic_binary(path) as out:
        out.write(buf.getvalue().encode("utf-8"))
    return n

"""Helpers for the reader's tests: read an export for real, and check its row accounting
against the file itself (parsed independently with Python's csv module)."""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from leadsla.data.db import Connection, connect
from leadsla.data.headers import Wanted
from leadsla.data.names import field_column
from leadsla.data.reader import Export, FieldType, ReadSpec, read_export

EXPORTS = Path(__file__).resolve().parent / "exports"
SLAS = Path(__file__).resolve().parent / "slas"


@dataclass(frozen=True)
class Shape:
    """One committed export and how it is written (what detection must find)."""

    file: str
    encoding: str
    """The Python codec that decodes it (`utf-16`, `utf-8-sig`, `utf-8`, `cp1252`)."""
    delimiter: str
    newline: str = "\n"

    @property
    def path(self) -> Path:
        return EXPORTS / self.file

    def text(self) -> str:
        """The file as text, without BOM."""
        return self.path.read_bytes().decode(self.encoding).removeprefix("\ufeff")


SHAPES: dict[str, Shape] = {
    s.file.removesuffix(".csv"): s
    for s in [
        Shape("rdstation_utf16_tab.csv", "utf-16", "\t", "\r\n"),
        Shape("rdstation_legacy_utf8_semicolon.csv", "utf-8", ";"),
        Shape("hubspot_contacts.csv", "utf-8", ","),
        Shape("hubspot_contacts_ptbr.csv", "utf-8", ","),
        Shape("salesforce_report_footer.csv", "utf-8", ","),
        Shape("salesforce_dataloader_cp1252.csv", "cp1252", ",", "\r\n"),
        Shape("pipedrive_deals.csv", "utf-8", ","),
        Shape("zoho_leads_crlf_multiline.csv", "utf-8", ",", "\r\n"),
        Shape("mautic_contacts_bom.csv", "utf-8-sig", ","),
        Shape("excel_br_cp1252_semicolon.csv", "cp1252", ";", "\r\n"),
        Shape("pipe_delimited.csv", "utf-8", "|"),
        Shape("header_only.csv", "utf-8", ","),
        Shape("ragged_rows.csv", "utf-8", ","),
        Shape("no_id_no_email_multiline.csv", "utf-8", ","),
        Shape("duplicate_ids.csv", "utf-8", ","),
        Shape("hostile.csv", "utf-8", ","),
        Shape("naive_timestamps.csv", "utf-8", ","),
    ]
}


class Reader:
    """Reads exports into private DuckDB connections, closed at the end of the test."""

    def __init__(self, tmp: Path) -> None:
        self.tmp = tmp
        self.cons: list[Connection] = []
        self.count = 0

    def __call__(
        self,
        path: Path,
        fields: dict[str, str] | Sequence[str] = (),
        *,
        types: dict[str, FieldType] | None = None,
        date_formats: Sequence[str] = ("iso",),
        decimal: str = ".",
        timezone: str = "UTC",
        encoding: str = "auto",
        delimiter: str = "auto",
        keep_raw: bool = False,
        optional: Sequence[str] = (),
        name: str | None = None,
    ) -> Export:
        """Read `path` with `fields` (field -> header, or headers used as field names);
        `optional` fields are read when present (like id, email and owner in the CLI)."""
        mapping = dict(fields) if isinstance(fields, dict) else {f: f for f in fields}
        wanted = [Wanted(f, h, "test", True) for f, h in mapping.items()]
        wanted += [Wanted(f, f, "identity", False) for f in optional if f not in mapping]
        self.count += 1
        tmpdir = self.tmp / f"read{self.count}"
        tmpdir.mkdir()
        con = connect(tmpdir)
        self.cons.append(con)
        spec = ReadSpec(
            wanted=wanted,
            types=dict(types or {}),
            date_formats=list(date_formats),
            decimal=decimal,
            timezone=timezone,
            encoding=encoding,
            delimiter=delimiter,
            keep_raw=keep_raw,
        )
        return read_export(con, name or str(path), path, spec, tmpdir)

    def close(self) -> None:
        for con in self.cons:
            con.close()


def values(export: Export, *fields: str) -> list[tuple[Any, ...]]:
    """The typed fields of every used row, in table (= file) order."""
    cols = ", ".join('"' + field_column(f).replace('"', '""') + '"' for f in fields)
    return export.con.execute(f"SELECT {cols} FROM leads ORDER BY rowid").fetchall()


def ids(export: Export) -> list[str]:
    return [r[0] for r in export.con.execute("SELECT _id FROM leads ORDER BY rowid").fetchall()]


def bad_cells(export: Export) -> list[tuple[int, str, str]]:
    """(physical line, field, value) of every unreadable cell."""
    rows = export.con.execute(
        "SELECT rowid, unnest(_bad) FROM leads WHERE _bad IS NOT NULL ORDER BY rowid"
    ).fetchall()
    return [(export.lines.line(r), b["field"], b["value"]) for r, b in rows]


# --- the accounting invariant -----------------------------------------------------------------


@dataclass(frozen=True)
class Record:
    first: int
    """Physical line (1-based) where the record starts."""
    last: int
    cells: list[str]


def records(text: str, delimiter: str) -> Iterator[Record]:
    """Every non-blank record of `text` (the header first) with its physical lines, as Python's
    csv module reads it. Physical lines are what `\\n` ends, as editors and `wc -l` count."""
    lines = [line + "\n" for line in text.split("\n")]
    if lines and lines[-1] == "\n":
        lines.pop()  # the text ended with a line break
    csv.field_size_limit(1 << 30)
    reader = csv.reader(lines, delimiter=delimiter, quotechar='"')
    before = 0
    for cells in reader:
        if cells:
            yield Record(before + 1, reader.line_num, cells)
        before = reader.line_num


def assert_accounted(export: Export, text: str, delimiter: str) -> None:
    """Every data record of the file is exactly one of: a used row, a rejected row, or part of
    the footer (the trailing run); and the counts add up (SPEC §2 "Nothing is lost silently")."""
    a = export.accounting
    assert a.rows == a.used + a.rejected, a
    table_rows = export.con.execute("SELECT count(*) FROM leads").fetchone()
    assert table_rows is not None and table_rows[0] == a.used
    data = list(records(text, delimiter))[1:]
    used = [export.lines.line(r) for r in range(a.used)]
    assert used == sorted(used), "used rows are not in file order"
    rejected = [line for _index, line, _row in a.rejected_rows]
    footer_start = a.footer[0][1] if a.footer else None
    starts = {r.first for r in data}
    assert set(used) <= starts, f"used rows start on lines that start no record: {used}"
    assert set(rejected) <= starts, f"rejected rows on lines that start no record: {rejected}"
    assert not set(used) & set(rejected), "a row is both used and rejected"
    for r in data:
        kinds = [r.first in used, r.first in rejected]
        in_footer = footer_start is not None and r.first >= footer_start
        assert kinds.count(True) + in_footer == 1, (
            f"line {r.first} ({r.cells!r}) is {'used' if kinds[0] else ''}"
            f"{'rejected' if kinds[1] else ''}{'footer' if in_footer else ''}"
            f"{'' if any(kinds) or in_footer else 'not accounted for'}"
        )
    footer = [r for r in data if footer_start is not None and r.first >= footer_start]
    assert len(footer) == a.footer_rows
    assert a.rows == len(data) - len(footer)
    assert a.records == len(data)


SUMMARY = re.compile(
    r"^(?P<name>.+): (?P<rows>[\d,]+) rows: (?P<used>[\d,]+) used, (?P<rejected>[\d,]+) rejected,"
    r" (?P<unreadable>[\d,]+) unreadable cells",
    re.MULTILINE,
)


def summary_counts(stderr: str) -> dict[str, int]:
    """The numbers of the row summary on stderr; it must add up."""
    m = SUMMARY.search(stderr)
    assert m, f"no row summary in {stderr!r}"
    out = {k: int(v.replace(",", "")) for k, v in m.groupdict().items() if k != "name"}
    assert out["rows"] == out["used"] + out["rejected"], stderr
    return out

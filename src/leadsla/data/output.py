"""`score --output`: the export as it came in, every data row in order, `sla_` columns appended."""

from __future__ import annotations

import codecs
import csv
import io
from pathlib import Path

from leadsla.atomic import atomic_binary
from leadsla.csvsafe import escape_formula, safe_row
from leadsla.data.accounting import rejection_reason
from leadsla.data.reader import Export

SLA_COLUMNS = [
    "sla_fit",
    "sla_grade",
    "sla_engagement",
    "sla_score",
    "sla_qualification",
    "sla_reason",
]
BATCH = 20_000


def _number(value: float | None, decimal: str) -> str:
    if value is None:
        return ""
    text = f"{value:.1f}"
    return text.replace(".", ",") if decimal == "," else text


def write_scored_export(export: Export, scored_table: str, target: Path, decimal: str) -> int:
    """Write atomically in the input's delimiter and encoding; return the rows written.

    Good rows come from DuckDB in table order; the rejected ones are put back where they were
    (by record index) with blank `sla_` cells and the reason; the footer is left out."""
    source = export.source
    ncols = len(source.headers)
    # An export scored before: its old `sla_` columns are replaced, not repeated.
    keep = [i for i, h in enumerate(source.headers) if h.strip().lower() not in SLA_COLUMNS]
    raw = ", ".join(f"l._raw{i}" for i in range(ncols))
    query = f"""
        SELECT {raw}, s.fit, s.grade, s.engagement, s.score, s.qualification, s.reason
        FROM leads l LEFT JOIN {scored_table} s ON s._row = l.rowid ORDER BY l.rowid"""
    encoding = codecs.lookup(source.encoding).name
    bom = codecs.BOM_UTF8 if encoding == "utf-8-sig" else b""
    if encoding == "utf-16-be":
        bom = codecs.BOM_UTF16_BE
    elif encoding.startswith("utf-16"):
        encoding, bom = "utf-16-le", codecs.BOM_UTF16_LE
    elif encoding == "utf-8-sig":
        encoding = "utf-8"
    rejected = list(export.accounting.rejected_rows)
    pending = 0  # next rejected row to place
    record = 0  # index of the next record to write
    written = 0
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=source.delimiter, lineterminator=source.newline)

    def put_rejected_before(index: int) -> None:
        nonlocal pending, record, written
        while pending < len(rejected) and rejected[pending][0] <= index:
            _index, _line, row = rejected[pending]
            cells = _cells(row.text, source.delimiter, ncols)
            reason = "rejected: " + rejection_reason(row, ncols)
            writer.writerow([escape_formula(cells[i]) for i in keep] + ["", "", "", "", "", reason])
            pending += 1
            record += 1
            written += 1

    with atomic_binary(target) as out:
        out.write(bom)
        writer.writerow([escape_formula(source.headers[i]) for i in keep] + SLA_COLUMNS)
        cursor = export.con.execute(query)
        while batch := cursor.fetchmany(BATCH):
            for row in batch:
                put_rejected_before(record)
                cells = safe_row(row[i] for i in keep)
                fit, grade, eng, score, qual, reason = row[ncols:]
                sla = [
                    _number(fit, decimal),
                    grade,
                    _number(eng, decimal),
                    _number(score, decimal),
                    qual,
                    reason or "",
                ]
                writer.writerow(cells + sla)
                record += 1
                written += 1
            out.write(buf.getvalue().encode(encoding, errors="replace"))
            buf.seek(0)
            buf.truncate()
        put_rejected_before(export.accounting.records)
        out.write(buf.getvalue().encode(encoding, errors="replace"))
    return written


def _cells(text: str, delimiter: str, width: int) -> list[str]:
    """A rejected line's cells as best they can be split, padded or cut to the header's width
    (anything past the width is kept, joined, in the last cell)."""
    try:
        cells = next(csv.reader([text], delimiter=delimiter), [])
    except csv.Error:
        cells = [text]
    if len(cells) > width:
        cells = [*cells[: width - 1], delimiter.join(cells[width - 1 :])]
    return cells + [""] * (width - len(cells))

"""`score --output`: the export as it came in, every data row in order, `sla_` columns appended."""

from __future__ import annotations

import codecs
import csv
import io
from pathlib import Path

from leadsla.atomic import atomic_binary
from leadsla.data.accounting import escape_formula
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
    """Write atomically in the input's delimiter and encoding; return the rows written."""
    source = export.source
    ncols = len(source.headers)
    footer_from = export.accounting.footer_from
    limit = footer_from if footer_from is not None else export.accounting.records
    raw = ", ".join(f"l._raw{i}" for i in range(ncols))
    query = f"""
        SELECT {raw}, l._ragged, l._nfields, s.fit, s.grade, s.engagement, s.score, s.qualification, s.reason
        FROM leads l LEFT JOIN {scored_table} s ON s._row = l.rowid
        WHERE l.rowid < {int(limit)} ORDER BY l.rowid"""
    encoding = codecs.lookup(source.encoding).name
    bom = codecs.BOM_UTF8 if encoding == "utf-8-sig" else b""
    if encoding.startswith("utf-16"):
        encoding, bom = "utf-16-le", codecs.BOM_UTF16_LE
    elif encoding == "utf-8-sig":
        encoding = "utf-8"
    written = 0
    with atomic_binary(target) as out:
        out.write(bom)
        buf = io.StringIO()
        writer = csv.writer(buf, delimiter=source.delimiter, lineterminator=source.newline)
        writer.writerow([escape_formula(h) for h in source.headers] + SLA_COLUMNS)
        cursor = export.con.execute(query)
        while batch := cursor.fetchmany(BATCH):
            for row in batch:
                cells = ["" if v is None else escape_formula(v) for v in row[:ncols]]
                ragged, nfields = row[ncols], row[ncols + 1]
                if ragged:
                    found = f"more than {ncols}" if nfields > ncols else str(nfields)
                    sla = [
                        "",
                        "",
                        "",
                        "",
                        "",
                        f"rejected: wrong number of fields: {found}, expected {ncols}",
                    ]
                else:
                    fit, grade, eng, score, qual, reason = row[ncols + 2 :]
                    sla = [
                        _number(fit, decimal),
                        grade,
                        _number(eng, decimal),
                        _number(score, decimal),
                        qual,
                        reason or "",
                    ]
                writer.writerow(cells + sla)
                written += 1
            out.write(buf.getvalue().encode(encoding, errors="replace"))
            buf.seek(0)
            buf.truncate()
        out.write(buf.getvalue().encode(encoding, errors="replace"))
    return written

"""`score --output`: the export as it came in, every data record in order, `sla_` columns appended.

The records are copied from the file, byte for byte: blank markers (`-`), phone numbers
(`+55 11 ...`) and cells a spreadsheet would run as formulas are the user's data, as exported,
and scoring the file again gives the same account as the original. Only the cells leadsla
writes (the `sla_` columns) are escaped against formulas."""

from __future__ import annotations

import codecs
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from leadsla.atomic import AtomicFile, atomic_binary
from leadsla.csvsafe import escape_formula
from leadsla.data.accounting import RejectedRow, rejection_reason
from leadsla.data.lines import CHUNK
from leadsla.data.reader import Export
from leadsla.errors import ExportUnreadable
from leadsla.messages import say

SLA_COLUMNS = [
    "sla_fit",
    "sla_grade",
    "sla_engagement",
    "sla_score",
    "sla_qualification",
    "sla_reason",
]
BATCH = 20_000


def _restore_c1(exc: UnicodeError) -> tuple[bytes, int]:
    """The way back of source.py's `leadsla-c1`: a C1 control read from a byte cp1252 leaves
    undefined is written as that byte."""
    assert isinstance(exc, UnicodeEncodeError)
    text = exc.object[exc.start : exc.end]
    if all(ord(c) in (0x81, 0x8D, 0x8F, 0x90, 0x9D) for c in text):
        return bytes(ord(c) for c in text), exc.end
    raise exc


codecs.register_error("leadsla-c1-out", _restore_c1)


def _cell(text: str, delimiter: str) -> str:
    """A cell leadsla writes: no formula, quoted when it holds the delimiter, a quote or a
    line break (as csv.writer would)."""
    text = escape_formula(text)
    if delimiter in text or '"' in text or "\n" in text or "\r" in text:
        return '"' + text.replace('"', '""') + '"'
    return text


def _codec(source_encoding: str) -> tuple[str, str, bytes]:
    """(the codec that reads the export, the one that writes it again, the BOM to write)."""
    name = codecs.lookup(source_encoding).name
    if name == "utf-8-sig":
        return "utf-8-sig", "utf-8", codecs.BOM_UTF8
    if name == "utf-16-be":
        return name, name, codecs.BOM_UTF16_BE
    if name.startswith("utf-16"):
        return name, "utf-16-le", codecs.BOM_UTF16_LE
    return name, name, b""


def _physical_lines(path: Path, encoding: str, errors: str) -> Iterator[str]:
    """The file's lines as text, each without its `\\n` (a `\\r` before it stays): lines end
    at `\\n` only, as for the reader."""
    decoder = codecs.getincrementaldecoder(encoding)(errors=errors)
    carry = ""
    first = True
    with path.open("rb") as f:
        while True:
            chunk = f.read(CHUNK)
            text = carry + decoder.decode(chunk, final=not chunk)
            if first and text:
                text = text.removeprefix("\ufeff")
                first = False
            parts = text.split("\n")
            carry = parts.pop()
            yield from parts
            if not chunk:
                break
    if carry:
        yield carry


def _split_raw(record: str, delimiter: str) -> list[str]:
    """A record's cells as written (quotes kept), split at the delimiters outside quotes; a
    quote opens a quoted cell only at the cell's start, as the reader has it."""
    cells: list[str] = []
    current: list[str] = []
    quotes = 0
    for piece in record.split(delimiter):
        current.append(piece)
        quotes += piece.count('"')
        if current[0].startswith('"') and quotes % 2:
            continue  # the delimiter was inside quotes
        cells.append(delimiter.join(current))
        current, quotes = [], 0
    if current:
        cells.append(delimiter.join(current))
    return cells


def write_scored_export(export: Export, scored_table: str, target: Path, decimal: str) -> int:
    """Write atomically in the input's delimiter, encoding and line breaks; return the rows
    written.

    Records are copied from the file in order; the good ones get their scores from DuckDB (in
    table order), the rejected ones five blank `sla_` cells and the reason; the footer and
    blank lines are left out."""
    source, lines, accounting = export.source, export.lines, export.accounting
    if not lines.exact:
        raise ExportUnreadable(
            say(
                "{name}: cannot write --output: the export's records could not be matched to"
                " its lines",
                name=source.name,
            )
        )
    d = source.delimiter
    read_codec, write_codec, bom = _codec(source.encoding)
    # stray bytes of a UTF-8 export, and the bytes cp1252 leaves undefined, go back as they were
    read_errors, write_errors = {
        "utf-8": ("surrogateescape", "surrogateescape"),
        "utf-8-sig": ("surrogateescape", "surrogateescape"),
        "cp1252": ("leadsla-c1", "leadsla-c1-out"),
    }.get(read_codec, ("strict", "strict"))
    # UTF-8 and UTF-16 write any text: a batch is encoded at once; other codecs encode the
    # copied record exactly and the `sla_` cells with `?` for what they cannot hold
    any_text = write_codec.startswith(("utf-8", "utf-16"))
    # An export scored before: its old `sla_` columns are replaced, not repeated.
    drop = {i for i, h in enumerate(source.headers) if h.strip().lower() in SLA_COLUMNS}
    rejected: dict[int, RejectedRow] = {i: row for i, _line, row in accounting.rejected_rows}
    ncols = len(source.headers)
    last = accounting.records - accounting.footer_rows  # the records after these are the footer
    scores = _scores(export, scored_table, decimal, d)
    texts: dict[tuple[object, ...], tuple[str, ...]] = {}
    physical = _physical_lines(source.original, read_codec, read_errors)
    pending: list[str] = []
    encoded: list[bytes] = []

    def put(record: str, sla: str) -> None:
        end = "\r\n" if record.endswith("\r") else "\n"
        record = record.removesuffix("\r")
        if any_text:
            pending.append(record + d + sla + end)
        else:
            encoded.append(record.encode(write_codec, write_errors))
            encoded.append((d + sla + end).encode(write_codec, "replace"))

    def flush(out: AtomicFile) -> None:
        if pending:
            out.write("".join(pending).encode(write_codec, write_errors))
            pending.clear()
        if encoded:
            out.write(b"".join(encoded))
            encoded.clear()

    written = 0
    with atomic_binary(target) as out:
        out.write(bom)
        header = "\n".join(next(physical) for _ in range(source.header_lines))
        put(_without(header, drop, d) if drop else header, d.join(SLA_COLUMNS))
        at = source.header_lines  # physical lines read
        for index, (first, final) in enumerate(lines.spans()):
            if index >= last:
                break
            while at < first - 1:  # blank lines between records
                next(physical)
                at += 1
            if first == final:
                record = next(physical)
            else:
                record = "\n".join(next(physical) for _ in range(final - first + 1))
            at = final
            row = rejected.get(index) if rejected else None
            if row is not None:
                # copied as it is (its cells where they were), so it is rejected when read again
                put(record, d * 5 + _cell("rejected: " + rejection_reason(row, ncols), d))
            else:
                fit, grade, numbers, qualification, reason = next(scores)
                key = (grade, qualification, reason)
                cells = texts.get(key)
                if cells is None:
                    cells = texts[key] = tuple(_cell("" if v is None else str(v), d) for v in key)
                if drop:
                    record = _without(record, drop, d)
                put(record, fit + cells[0] + d + numbers + cells[1] + d + cells[2])
            written += 1
            if written % BATCH == 0:
                flush(out)
        flush(out)
    return written


def _scores(
    export: Export, scored_table: str, decimal: str, delimiter: str
) -> Iterator[tuple[Any, ...]]:
    """Per good row in table order: fit, grade, engagement and score, qualification, reason;
    the numbers as `sla_` cells already (one decimal in the SLA's `decimal`, each followed by
    the delimiter; DuckDB's printf rounds as Python's format does)."""

    def number(column: str) -> str:
        text = f"printf('%.1f', {column})"
        if decimal == ",":
            text = f"replace({text}, '.', ',')"
        if decimal == delimiter:  # quoted, as csv.writer would
            text = f"'\"' || {text} || '\"'"
        return f"coalesce({text}, '') || $d"

    cursor = export.con.execute(
        f"""SELECT {number("fit")}, grade, {number("engagement")} || {number("score")},
                   qualification, reason
            FROM {scored_table} ORDER BY _row""",
        {"d": delimiter},
    )
    while batch := cursor.fetchmany(BATCH):
        yield from batch


def _without(record: str, drop: set[int], delimiter: str) -> str:
    """The record without the cells at `drop` (a record that ends with `\\r` keeps it)."""
    cr = record.endswith("\r")
    cells = _split_raw(record.removesuffix("\r"), delimiter)
    kept = delimiter.join(c for i, c in enumerate(cells) if i not in drop)
    return kept + ("\r" if cr else "")

"""Records of any size (issue 9, cases 3 and 4): a record too long for the reader is rejected
and counted, never dropped, and never turned into rows of its own; a rejected record that
spans many lines is reported with its true line range and its text as the file has it.

The big files are made in tmp_path by each test. DuckDB misreads such records in several ways
(a one-line record over its 32 MB buffer vanishes; a multi-line one over about 8 MB becomes
thousands of rows of its own; its copy of a rejected record stops at 10,000 characters), so
every test checks the counts against the file itself: each physical line is the header, a
used row, part of a rejected record, a blank line or the footer."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from leadsla.data.accounting import TEXT_LIMIT
from leadsla.data.lines import (
    MAX_RECORD_BYTES,
    LineMap,
    count_lines,
    long_records,
    may_hold_long_line,
    may_hold_long_record,
    write_placeholders,
)
from leadsla.data.names import field_column
from leadsla.data.reader import Export
from leadsla.data.reader import issues as export_issues
from tests.conftest import AS_OF, Cli
from tests.data.support import Reader, assert_accounted, summary_counts

MB = 1 << 20
BEFORE, AFTER = 3_000, 2_000
FOOTER = b'\n"Grand Totals (5,001 records)"\nConfidential Information\n'


def good_row(i: int) -> bytes:
    return f"L{i},lead{i}@x.com,{i % 7}\n".encode()


def big_record(size: int, shape: str) -> bytes:
    """A record with the header's three fields, `size` bytes long as DuckDB counts it (its
    last line break not included), whose last cell is written in `shape`."""
    head = b"BIG,big@x.com,"
    room = size - len(head)
    if shape == "one line":
        return head + b"x" * room + b"\n"
    if shape == "quoted lines that look like rows":
        # the lines inside the quotes look like rows: a reader that starts inside the record
        # (DuckDB's parallel scan does) reads them as rows
        unit = b"X9,fake@x.com," + b"z" * 9_985 + b"\n"
        inner = (unit * (room // len(unit) + 1))[: room - 2]
        return head + b'"' + inner + b'"\n'
    raise AssertionError(shape)


def export_with(tmp_path: Path, big: bytes, blank: bool = True) -> Path:
    path = tmp_path / "export.csv"
    with path.open("wb") as f:
        f.write(b"id,email,n\n")
        f.writelines(good_row(i) for i in range(BEFORE))
        f.write(b"\n" if blank else b"")
        f.write(big)
        f.writelines(good_row(i) for i in range(BEFORE, BEFORE + AFTER))
        f.write(FOOTER)
    return path


def assert_every_line_accounted(export: Export, path: Path, blank: int) -> None:
    """header + the lines of used rows + those of rejected records + blank lines + footer
    lines = the file's physical lines; rows = used + rejected."""
    a = export.accounting
    assert a.rows == a.used + a.rejected
    rejected_lines = sum(row.last_line - line + 1 for _i, line, row in a.rejected_rows)
    footer_lines = sum(row.last_line - line + 1 for _i, line, row in a.footer)
    set_aside = {i for i, _line, _row in a.rejected_rows + a.footer}
    spans = [s for i, s in enumerate(export.lines.spans()) if i not in set_aside]
    assert len(spans) == a.used
    used_lines = sum(last - first + 1 for first, last in spans)
    assert (
        export.source.header_lines + used_lines + rejected_lines + blank + footer_lines
        == count_lines(path)
    )


SIZES = [
    pytest.param(1_000, id="1 KB"),
    pytest.param(20 * MB, id="20 MB", marks=pytest.mark.slow),
    pytest.param(40 * MB, id="40 MB", marks=pytest.mark.slow),
]


@pytest.mark.parametrize("shape", ["one line", "quoted lines that look like rows"])
@pytest.mark.parametrize("size", SIZES)
def test_a_record_of_any_size_is_used_or_rejected_never_lost(
    size: int, shape: str, read: Reader, tmp_path: Path
) -> None:
    big = big_record(size, shape)
    path = export_with(tmp_path, big)
    export = read(path, ["email", "n"])
    a = export.accounting
    assert (a.footer_rows, a.unreadable_cells) == (2, 0)
    if size < MAX_RECORD_BYTES:
        assert (a.rows, a.used, a.rejected) == (BEFORE + AFTER + 1, BEFORE + AFTER + 1, 0)
    else:
        assert (a.rows, a.used, a.rejected) == (BEFORE + AFTER + 1, BEFORE + AFTER, 1)
        ((index, line, row),) = a.rejected_rows
        assert (index, line) == (BEFORE, BEFORE + 3)
        assert row.last_line == line + big.count(b"\n") - 1
        assert row.size == len(big)  # as DuckDB counts it: with the blank line before it
        assert row.cut and row.text == big[:TEXT_LIMIT].decode()
        assert row.kind == "LINE SIZE OVER MAXIMUM" and row.fields == 3
        assert export.lines.line(BEFORE) == row.last_line + 1  # the row after it
    # the rows on both sides of it are read, where they are
    column = field_column("email")
    emails = export.con.execute(f'SELECT "{column}" FROM leads ORDER BY rowid').fetchall()
    assert emails[BEFORE - 1] == (f"lead{BEFORE - 1}@x.com",)
    assert emails[-1] == (f"lead{BEFORE + AFTER - 1}@x.com",)
    assert_every_line_accounted(export, path, blank=2)
    assert_accounted(export, path.read_text("utf-8"), ",")


@pytest.mark.parametrize(
    ("size", "blank", "rejected"),
    [
        (MAX_RECORD_BYTES - 1, False, False),
        (MAX_RECORD_BYTES, False, True),
        # DuckDB counts the blank lines right before a record as part of it: so do we
        (MAX_RECORD_BYTES - 2, True, False),
        (MAX_RECORD_BYTES - 1, True, True),
    ],
)
def test_records_just_under_and_at_the_limit(
    size: int, blank: bool, rejected: bool, read: Reader, tmp_path: Path
) -> None:
    big = big_record(size, "quoted lines that look like rows")
    export = read(export_with(tmp_path, big, blank), ["email", "n"])
    a = export.accounting
    assert (a.used, a.rejected) == (BEFORE + AFTER + 1 - rejected, rejected)
    if rejected:
        assert a.rejected_rows[0][2].size == MAX_RECORD_BYTES
    assert_every_line_accounted(export, export.lines.path, blank=1 + blank)


def test_a_long_record_with_a_field_per_byte_is_rejected_quickly(
    read: Reader, tmp_path: Path
) -> None:
    # 3 MB of `x,`: DuckDB alone spends minutes on the 1.5 million fields
    big = b"BIG,big@x.com," + b"x," * (3 * MB // 2) + b"x\n"
    export = read(export_with(tmp_path, big), ["email", "n"])
    ((_index, line, row),) = export.accounting.rejected_rows
    assert (line, row.fields) == (BEFORE + 3, 3 * MB // 2 + 3)
    assert "a record must be under 2,000,000 bytes" in next(
        i.reason for i in export_issues(export) if i.kind == "rejected"
    )


def test_a_long_record_at_the_end_of_a_crlf_export(read: Reader, tmp_path: Path) -> None:
    path = tmp_path / "crlf.csv"
    path.write_bytes(
        b"id,email,n\r\n"
        + b"".join(good_row(i).replace(b"\n", b"\r\n") for i in range(10))
        + b'BIG,big@x.com,"'
        + b"y\r\n" * (MAX_RECORD_BYTES // 3)
        + b'"\r\n'
    )
    export = read(path, ["email", "n"])
    a = export.accounting
    assert (a.rows, a.used, a.rejected, a.footer_rows) == (11, 10, 1, 0)
    ((_index, line, row),) = a.rejected_rows
    assert (line, row.last_line) == (12, 12 + MAX_RECORD_BYTES // 3)
    assert_every_line_accounted(export, path, blank=0)


# --- a stray quote: a rejected record of many lines (case 4) ------------------------------------


def stray_quote_export(tmp_path: Path, rows: int) -> tuple[Path, list[str]]:
    """`rows` rows; a quote opens the third cell of line 11 and the one that closes it ends
    line 156 in the middle of a cell, so lines 11-156 are one record, rejected for the text
    after that quote."""
    lines = ["id,email,note\n"]
    for i in range(2, rows + 2):
        note = f"note {i} " + "lorem ipsum " * 8
        if i == 11:
            note = '"' + note
        elif i == 156:
            note = f'note {i} " ' + "lorem ipsum " * 8
        lines.append(f"L{i},lead{i}@x.com,{note}\n")
    path = tmp_path / "stray.csv"
    path.write_text("".join(lines), encoding="utf-8")
    return path, lines


def test_a_stray_quote_record_has_its_true_line_range_and_text(
    read: Reader, tmp_path: Path
) -> None:
    path, lines = stray_quote_export(tmp_path, 200_000)
    export = read(path, ["email", "note"])
    a = export.accounting
    assert (a.rows, a.used, a.rejected) == (200_000 - 145, 200_000 - 146, 1)
    ((index, line, row),) = a.rejected_rows
    record = "".join(lines[10:156]).removesuffix("\n")
    assert len(record) > 10_000  # longer than DuckDB's copy of it
    assert (index, line, row.last_line, row.text, row.cut) == (9, 11, 156, record, False)
    assert row.size == len(record.encode())
    assert "; rejected records hold 145 more lines" in a.summary_line("stray.csv")
    (issue,) = [i for i in export_issues(export) if i.kind == "rejected"]
    assert issue.reason.endswith("; the record runs from line 11 to line 156")
    assert issue.value == record
    assert export.lines.line(9) == 157
    assert_every_line_accounted(export, path, blank=0)


# --- through the CLI: --strict and --errors (--output: tests/cli/test_output_roundtrip.py) -----


SLA = """\
version: 1
name: big records
leads: {timezone: UTC}
scoring:
  fit:
    rules: [{name: n, when: {field: n, gte: 3}, points: 10}]
    grades: {A: 10}
"""


@pytest.mark.slow
def test_a_40_mb_record_is_rejected_and_fails_strict(cli: Cli, tmp_path: Path) -> None:
    big = big_record(40 * MB, "one line")
    path = export_with(tmp_path, big)
    sla = tmp_path / "sla.yaml"
    sla.write_text(SLA, encoding="utf-8")
    errors = tmp_path / "errors.csv"
    base = ("score", path, "--sla", sla, "--as-of", AS_OF, "--format", "json")
    r = cli(*base, "--strict", "--errors", errors)
    assert r.exit_code == 2, r.output
    assert "--strict: " in r.stderr
    assert summary_counts(r.stderr) == {
        "rows": BEFORE + AFTER + 1,
        "used": BEFORE + AFTER,
        "rejected": 1,
        "unreadable": 0,
    }
    (issue, footer) = list(csv.DictReader(io.StringIO(errors.read_text("utf-8"))))
    assert footer["kind"] == "footer"
    assert (issue["kind"], issue["line"]) == ("rejected", str(BEFORE + 3))
    assert issue["reason"].startswith(
        f"a record of {len(big):,} bytes; a record must be under 2,000,000 bytes"
    )
    assert issue["value"] == big[:TEXT_LIMIT].decode()


def test_errors_give_every_line_of_a_stray_quote_record(cli: Cli, tmp_path: Path) -> None:
    path, lines = stray_quote_export(tmp_path, 200_000)
    sla = tmp_path / "sla.yaml"
    sla.write_text(SLA.replace("field: n, gte: 3", "field: note, contains: ipsum"), "utf-8")
    errors = tmp_path / "errors.csv"
    r = cli("score", path, "--sla", sla, "--as-of", AS_OF, "--errors", errors)
    assert r.exit_code == 0, r.output
    assert "; rejected records hold 145 more lines" in r.stderr
    (issue,) = [e for e in csv.DictReader(io.StringIO(errors.read_text("utf-8")))]
    assert issue["reason"].endswith("; the record runs from line 11 to line 156")
    assert issue["value"] == "".join(lines[10:156]).removesuffix("\n")


# --- the parts ----------------------------------------------------------------------------------


@pytest.mark.parametrize("at", [0, 1, 999_999, 1_000_000, 1_048_576, 3_999_999])
def test_the_look_before_reading_finds_a_long_line_wherever_it_is(at: int, tmp_path: Path) -> None:
    path = tmp_path / "f.csv"
    rows = b"a,b\n" * 1_000_000
    path.write_bytes(rows)
    assert not may_hold_long_line(path)
    cut = at - at % 4
    for line in (b"x" * MAX_RECORD_BYTES, b"x" * (MAX_RECORD_BYTES - 10) + b"\r"):
        path.write_bytes(rows[:cut] + line + b"\n" + rows[cut:])
        assert may_hold_long_line(path)
        path.write_bytes(rows[:cut] + line)  # at the end, without a line break
        assert may_hold_long_line(path)


def test_the_quick_look_finds_long_lines_and_long_quoted_cells(tmp_path: Path) -> None:
    path = tmp_path / "f.csv"
    rows = b"a,b\n" * 1_000_000
    path.write_bytes(rows)
    assert not may_hold_long_record(path)
    path.write_bytes(rows + b"a," + b"x" * MAX_RECORD_BYTES + b"\n" + rows)
    assert may_hold_long_record(path)
    # line breaks inside quotes, each line short
    path.write_bytes(rows + b'a,"' + b"x\n" * (MAX_RECORD_BYTES // 2) + b'"\n' + rows)
    assert may_hold_long_record(path)
    assert not may_hold_long_line(path)  # which the look before reading leaves to this one
    # many short quoted cells with line breaks are no long record
    path.write_bytes(b'a,"x\ny"\n' * 500_000)
    assert not may_hold_long_record(path)
    # a small file cannot hold one
    path.write_bytes(b'a,"' + b"x\n" * 1_000)
    assert not may_hold_long_record(path)


def test_long_records_are_found_and_replaced_on_the_same_lines(tmp_path: Path) -> None:
    path, copy = tmp_path / "f.csv", tmp_path / "copy.csv"
    long_quoted = b'2,"' + b"x\r\n" * (MAX_RECORD_BYTES // 3) + b'"\r\n'
    path.write_bytes(b"h1,h2\r\n1,a\r\n" + long_quoted + b"3,c\r\n" + b"4," + b"y" * 3 * MB)
    found = long_records(path, ",")
    assert [(r.start, r.end, r.size, r.fields) for r in found] == [
        (3, 3 + MAX_RECORD_BYTES // 3, len(long_quoted) - 1, 2),
        (5 + MAX_RECORD_BYTES // 3, 5 + MAX_RECORD_BYTES // 3, 3 * MB + 2, 2),
    ]
    write_placeholders(path, found, copy, ",", 2)
    assert copy.read_bytes() == (
        b'h1,h2\r\n1,a\r\n"\r\n' + b"\r\n" * (MAX_RECORD_BYTES // 3 - 1) + b'",,\r\n3,c\r\n"",,'
    )
    assert count_lines(copy) == count_lines(path)


def test_linemap_spans_and_extents(tmp_path: Path) -> None:
    path = tmp_path / "f.csv"
    path.write_bytes(b'h1,h2\n"a\nb",1\n\nbad\n\n\nc,2\n"d\n\ne",3\n\n')
    # DuckDB numbers: header 1, "a b" 2, blank 3, bad 4, blanks 5 6, c 7, "d e" 8, blank 9
    lines = LineMap(path, 1, 3, [4])
    assert list(lines.spans()) == [(2, 3), (5, 5), (8, 8), (9, 11)]
    assert lines.rejected_extent(4) == (5, len(b'h1,h2\n"a\nb",1\n\n'), 3)
    simple = tmp_path / "s.csv"
    simple.write_bytes(b"h\na\nb")
    assert list(LineMap(simple, 1, 2).spans()) == [(2, 2), (3, 3)]

"""Cell parsing (SPEC §2): blanks, booleans, numbers, timestamps; unreadable cells become blank
and are listed with their line, column and value.

Each group is one real CSV file read once through the real reader; the parametrized tests
look up their row in it."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from leadsla.data.accounting import DataIssue
from leadsla.data.reader import Export, FieldType
from leadsla.data.reader import issues as export_issues
from tests.data.support import Reader, bad_cells, values


@dataclass
class Parsed:
    """The cells of one column, read as one type: value and whether it was unreadable, by cell."""

    export: Export
    cells: dict[str, tuple[Any, bool]]


def _read_cells(
    reader: Reader,
    tmp: Path,
    cells: Sequence[str],
    ftype: FieldType,
    **spec: Any,
) -> Parsed:
    """One column `v` holding `cells` (quoted as needed), read as `ftype`."""
    assert len(set(cells)) == len(cells), "cells must be distinct"
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n", quoting=csv.QUOTE_ALL)
    writer.writerow(["v"])
    writer.writerows([c] for c in cells)
    path = tmp / f"{ftype}-{reader.count}.csv"
    path.write_text(buf.getvalue(), encoding="utf-8")
    export = reader(path, ["v"], types={"v": ftype}, **spec)
    assert export.accounting.used == len(cells)
    got = [v for (v,) in values(export, "v")]
    bad_lines = {line for line, _field, _value in bad_cells(export)}
    return Parsed(
        export,
        {cell: (got[i], i + 2 in bad_lines) for i, cell in enumerate(cells)},
    )


@pytest.fixture(scope="module")
def module_reader(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Reader]:
    reader = Reader(tmp_path_factory.mktemp("values"))
    yield reader
    reader.close()


# --- blanks ---------------------------------------------------------------------------------------

BLANKS = [
    "",
    " ",
    "   ",
    "N/A",
    "n/a",
    "NA",
    "na",
    "Na",
    "null",
    "NULL",
    "Null",
    "-",
    " - ",
    " N/A ",
]
NOT_BLANK = ["--", "none", "nil", "n.a.", "NaN", "0"]


@pytest.fixture(scope="module")
def blanks(module_reader: Reader) -> dict[FieldType, Parsed]:
    tmp = module_reader.tmp
    return {
        t: _read_cells(module_reader, tmp, BLANKS, t)
        for t in ("text", "number", "boolean", "timestamp")
    }


@pytest.mark.parametrize("ftype", ["text", "number", "boolean", "timestamp"])
@pytest.mark.parametrize("cell", BLANKS)
def test_blank_markers_are_blank_not_unreadable(
    blanks: dict[FieldType, Parsed], ftype: FieldType, cell: str
) -> None:
    assert blanks[ftype].cells[cell] == (None, False)
    assert blanks[ftype].export.accounting.unreadable_cells == 0


def test_blank_markers_in_text_fields(module_reader: Reader) -> None:
    parsed = _read_cells(module_reader, module_reader.tmp, NOT_BLANK, "text")
    assert {c: v for c, (v, _bad) in parsed.cells.items()} == {c: c for c in NOT_BLANK}


TRIMMED = {
    "  Ana  ": "Ana",
    "\u00a0Ana\u00a0": "Ana",  # no-break spaces (Excel, text pasted from the web)
    " \u00a0Ana": "Ana",
    "Ana Souza": "Ana Souza",
    "Ana\u00a0Souza": "Ana\u00a0Souza",
    "\u00a0": None,
    " \u00a0 ": None,
    "\u00a0N/A\u00a0": None,
}


def test_cells_are_trimmed(module_reader: Reader) -> None:
    parsed = _read_cells(module_reader, module_reader.tmp, list(TRIMMED), "text")
    assert {c: v for c, (v, _bad) in parsed.cells.items()} == TRIMMED


def test_quoted_and_unquoted_empty_cells_are_blank(read: Reader, tmp_path: Path) -> None:
    path = tmp_path / "e.csv"
    path.write_text('id,n,b,t\n1,"",,""\n2,,"",\n', encoding="utf-8")
    export = read(
        path, ["id", "n", "b", "t"], types={"n": "number", "b": "boolean", "t": "timestamp"}
    )
    assert values(export, "n", "b", "t") == [(None, None, None), (None, None, None)]
    assert export.accounting.unreadable_cells == 0


# --- booleans -------------------------------------------------------------------------------------

TRUE = [
    "true",
    "TRUE",
    "True",
    "yes",
    "YES",
    "y",
    "Y",
    "sim",
    "SIM",
    "Sim",
    "s",
    "S",
    "1",
    "x",
    "X",
    "verdadeiro",
    "VERDADEIRO",
    " sim ",
]
FALSE = [
    "false",
    "FALSE",
    "no",
    "No",
    "n",
    "N",
    "não",
    "Não",
    "NÃO",
    "nao",
    "NAO",
    "0",
    "falso",
    "FALSO",
    " Não ",
]
NOT_BOOLEAN = [
    "maybe",
    "talvez",
    "2",
    "ok",
    "-1",
    "sim!",
    "yes please",
    "verdade",
    "1.0",
    "t",
    "f",
    "on",
    "off",
]


@pytest.fixture(scope="module")
def booleans(module_reader: Reader) -> Parsed:
    return _read_cells(module_reader, module_reader.tmp, TRUE + FALSE + NOT_BOOLEAN, "boolean")


@pytest.mark.parametrize("cell", TRUE)
def test_true_words(booleans: Parsed, cell: str) -> None:
    assert booleans.cells[cell] == (True, False)


@pytest.mark.parametrize("cell", FALSE)
def test_false_words(booleans: Parsed, cell: str) -> None:
    assert booleans.cells[cell] == (False, False)


@pytest.mark.parametrize("cell", NOT_BOOLEAN)
def test_not_booleans_are_unreadable(booleans: Parsed, cell: str) -> None:
    assert booleans.cells[cell] == (None, True)


def test_unreadable_boolean_is_listed(booleans: Parsed) -> None:
    issues = [i for i in export_issues(booleans.export) if i.value == "maybe"]
    line = 2 + (TRUE + FALSE + NOT_BOOLEAN).index("maybe")
    assert issues == [
        DataIssue("unreadable", line, "v", "v", "maybe", "not a yes/no value; read as blank")
    ]


# --- numbers --------------------------------------------------------------------------------------

DOT: dict[str, float | None] = {
    "0": 0.0,
    "-0": 0.0,
    "007": 7.0,
    "42": 42.0,
    "-12": -12.0,
    "+3": 3.0,
    " 7 ": 7.0,
    "1234.5": 1234.5,
    "1,234.5": 1234.5,
    "1,234": 1234.0,
    "1,234,567.25": 1234567.25,
    "-1,234.5": -1234.5,
    "1 234.5": 1234.5,
    "1\u00a0234": 1234.0,
    ".5": 0.5,
    "-.5": -0.5,
    "3.14159": 3.14159,
    "12345678901234567890": 12345678901234567890.0,
    # unreadable: thousands only between groups of three; one decimal point; no exponents
    "1,23": None,
    "1,2345": None,
    "12,34,567": None,
    "1.234,5": None,
    "12,": None,
    ",5": None,
    "12.34.56": None,
    "1e3": None,
    "0x10": None,
    "--1": None,
    "+-1": None,
    "1-": None,
    "- 1": None,
    "inf": None,
    "nan": None,
    "1 2": None,
    "1  234": None,
    "R$ 10": None,
    "10%": None,
    "١٢": None,
    "abc": None,
}
COMMA: dict[str, float | None] = {
    "0": 0.0,
    "42": 42.0,
    "-12": -12.0,
    "+3": 3.0,
    "1234,5": 1234.5,
    "1.234,5": 1234.5,
    "1.234": 1234.0,
    "12.345.678,90": 12345678.9,
    "-1.234,5": -1234.5,
    "1 234,5": 1234.5,
    "1,23": 1.23,
    "0,5": 0.5,
    ",5": 0.5,
    "1,2345": 1.2345,
    # unreadable
    "1.23": None,
    "1,234.5": None,
    "1.2345": None,
    "12.34.567": None,
    "1,2,3": None,
    "1234.5": None,
    "12,": None,
    "1e3": None,
    "abc": None,
}


@pytest.fixture(scope="module")
def numbers(module_reader: Reader) -> dict[str, Parsed]:
    tmp = module_reader.tmp
    return {
        ".": _read_cells(module_reader, tmp, list(DOT), "number", decimal="."),
        ",": _read_cells(module_reader, tmp, list(COMMA), "number", decimal=","),
    }


@pytest.mark.parametrize(("cell", "expected"), DOT.items())
def test_numbers_decimal_point(
    numbers: dict[str, Parsed], cell: str, expected: float | None
) -> None:
    assert numbers["."].cells[cell] == (expected, expected is None)


@pytest.mark.parametrize(("cell", "expected"), COMMA.items())
def test_numbers_decimal_comma(
    numbers: dict[str, Parsed], cell: str, expected: float | None
) -> None:
    assert numbers[","].cells[cell] == (expected, expected is None)


def test_unreadable_number_is_listed_with_line_column_value(numbers: dict[str, Parsed]) -> None:
    export = numbers["."].export
    issues = [i for i in export_issues(export) if i.kind == "unreadable"]
    assert len(issues) == sum(v is None for v in DOT.values()) == export.accounting.unreadable_cells
    first = issues[0]
    assert first == DataIssue(
        "unreadable", 2 + list(DOT).index("1,23"), "v", "v", "1,23", "not a number; read as blank"
    )


# --- timestamps -----------------------------------------------------------------------------------

SP = timedelta(hours=3)  # America/Sao_Paulo is UTC-3 all year (no DST since 2019)


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)  # type: ignore[misc]


ISO: dict[str, datetime | None] = {
    # naive: in the zone given (America/Sao_Paulo here)
    "2026-02-24": utc(2026, 2, 24, 3, 0),
    "2026-02-24 17:18": utc(2026, 2, 24, 20, 18),
    "2026-02-24T17:18": utc(2026, 2, 24, 20, 18),
    "2026-02-24 17:18:05": utc(2026, 2, 24, 20, 18, 5),
    "2026-02-24T17:18:05.123": utc(2026, 2, 24, 20, 18, 5, 123000),
    "2026-02-24T17:18:05.5": utc(2026, 2, 24, 20, 18, 5, 500000),
    # with an offset: the zone given does not matter
    "2026-02-24T17:18:00.000Z": utc(2026, 2, 24, 17, 18),
    "2026-02-24T17:18:00Z": utc(2026, 2, 24, 17, 18),
    "2026-02-24 17:18:00z": utc(2026, 2, 24, 17, 18),
    "2026-02-24 17:18Z": utc(2026, 2, 24, 17, 18),
    "2026-02-24 17:18:00 Z": utc(2026, 2, 24, 17, 18),
    "2026-09-02 16:30:10 -0300": utc(2026, 9, 2, 19, 30, 10),
    "2026-09-02 16:30:10-0300": utc(2026, 9, 2, 19, 30, 10),
    "2026-02-24T17:18:00-03:00": utc(2026, 2, 24, 20, 18),
    "2026-02-24T17:18:00 -03:00": utc(2026, 2, 24, 20, 18),
    "2026-02-24T17:18-03": utc(2026, 2, 24, 20, 18),
    "2026-02-24 17:18:00 +0530": utc(2026, 2, 24, 11, 48),
    "2026-02-24T17:18:00+14:00": utc(2026, 2, 24, 3, 18),
    "2026-02-24T17:18:00.250-03:00": utc(2026, 2, 24, 20, 18, 0, 250000),
    "2026-02-24T17:18:00.123456789Z": utc(2026, 2, 24, 17, 18, 0, 123456),
    # a date with an offset
    "2026-02-24Z": utc(2026, 2, 24, 0, 0),
    "2026-02-24 -03:00": utc(2026, 2, 24, 3, 0),
    "2026-02-24+0100": utc(2026, 2, 23, 23, 0),
    # unreadable
    "2026-02-30": None,
    "2026-13-01 10:00": None,
    "2026-02-24 25:00": None,
    "2026-02-24 17:60": None,
    "2026-02-24 17:18:60": None,
    "2026-2-4": None,
    "24/02/2026": None,
    "2026/02/24": None,
    "2026-02-24T": None,
    "2026-02-24 17": None,
    "2026-02-24T17:18:00-3": None,
    "2026-02-24T17:18:00-03:7": None,
    "2026-02-24T17:18:00 UTC": None,
    "1771953480": None,
    "yesterday": None,
}


@pytest.fixture(scope="module")
def iso(module_reader: Reader) -> Parsed:
    return _read_cells(
        module_reader, module_reader.tmp, list(ISO), "timestamp", timezone="America/Sao_Paulo"
    )


@pytest.mark.parametrize(("cell", "expected"), ISO.items())
def test_iso(iso: Parsed, cell: str, expected: datetime | None) -> None:
    got, bad = iso.cells[cell]
    assert (got, bad) == (expected, expected is None)


def test_timestamps_are_aware(iso: Parsed) -> None:
    got = [v for v, _bad in iso.cells.values() if v is not None]
    assert got and all(v.utcoffset() == timedelta(0) for v in got)


def _stamps(
    reader: Reader, cells: Sequence[str], formats: Sequence[str], zone: str = "America/Sao_Paulo"
) -> dict[str, datetime | None]:
    parsed = _read_cells(
        reader, reader.tmp, cells, "timestamp", date_formats=formats, timezone=zone
    )
    for cell, (value, bad) in parsed.cells.items():
        assert bad == (value is None), cell
    return {c: v for c, (v, _bad) in parsed.cells.items()}


def test_date_formats_are_tried_in_order(module_reader: Reader) -> None:
    cells = ["01/02/2026", "13/02/2026", "02/13/2026", "31/02/2026"]
    day_first = _stamps(module_reader, cells, ["%d/%m/%Y", "%m/%d/%Y"], "UTC")
    month_first = _stamps(module_reader, cells, ["%m/%d/%Y", "%d/%m/%Y"], "UTC")
    assert day_first == {
        "01/02/2026": utc(2026, 2, 1),
        "13/02/2026": utc(2026, 2, 13),
        "02/13/2026": utc(2026, 2, 13),
        "31/02/2026": None,
    }
    assert month_first == {**day_first, "01/02/2026": utc(2026, 1, 2)}


def test_two_digit_years_are_not_read_by_four_digit_patterns(module_reader: Reader) -> None:
    """DuckDB's %Y alone would read `24/02/26` as the year 26."""
    cells = ["24/02/26", "24/02/2026", "24/02/0026"]
    assert _stamps(module_reader, cells, ["%d/%m/%Y"], "UTC") == {
        "24/02/26": None,
        "24/02/2026": utc(2026, 2, 24),
        "24/02/0026": None,
    }
    assert _stamps(module_reader, cells, ["%d/%m/%Y", "%d/%m/%y"], "UTC") == {
        "24/02/26": utc(2026, 2, 24),
        "24/02/2026": utc(2026, 2, 24),
        "24/02/0026": None,
    }
    with_offset = ["24/02/26 10:00 -0300", "24/02/2026 10:00 -0300"]
    assert _stamps(module_reader, with_offset, ["%d/%m/%Y %H:%M %z"], "UTC") == {
        "24/02/26 10:00 -0300": None,
        "24/02/2026 10:00 -0300": utc(2026, 2, 24, 13),
    }


def test_iso_between_patterns_keeps_its_place(module_reader: Reader) -> None:
    cells = ["2026-01-02T00:00:00Z", "01/02/2026", "2026-01-02"]
    got = _stamps(module_reader, cells, ["%Y-%m-%d", "iso", "%m/%d/%Y"], "UTC")
    assert got == {
        "2026-01-02T00:00:00Z": utc(2026, 1, 2),
        "01/02/2026": utc(2026, 1, 2),
        "2026-01-02": utc(2026, 1, 2),
    }


def test_excel_brazil_formats(module_reader: Reader) -> None:
    cells = [
        "24/02/2026 17:18",
        "24/02/2026",
        "2026-02-24T17:18:00Z",
        "31/02/2026",
        "24/02/26",
        "24-02-2026",
    ]
    got = _stamps(module_reader, cells, ["%d/%m/%Y %H:%M", "%d/%m/%Y", "iso"])
    assert got == {
        "24/02/2026 17:18": utc(2026, 2, 24, 17, 18) + SP,
        "24/02/2026": utc(2026, 2, 24) + SP,
        "2026-02-24T17:18:00Z": utc(2026, 2, 24, 17, 18),
        "31/02/2026": None,
        "24/02/26": None,
        "24-02-2026": None,
    }


def test_salesforce_report_format(module_reader: Reader) -> None:
    cells = [
        "2/24/2026, 2:18 PM",
        "12/1/2026, 11:05 AM",
        "3/5/2026, 12:00 AM",
        "3/5/2026, 12:30 PM",
        "2/24/2026 2:18 PM",
        "13/1/2026, 1:00 PM",
    ]
    got = _stamps(module_reader, cells, ["%m/%d/%Y, %I:%M %p"])
    assert got == {
        "2/24/2026, 2:18 PM": utc(2026, 2, 24, 14, 18) + SP,
        "12/1/2026, 11:05 AM": utc(2026, 12, 1, 11, 5) + SP,
        "3/5/2026, 12:00 AM": utc(2026, 3, 5, 0, 0) + SP,
        "3/5/2026, 12:30 PM": utc(2026, 3, 5, 12, 30) + SP,
        "2/24/2026 2:18 PM": None,
        "13/1/2026, 1:00 PM": None,
    }


def test_strptime_with_an_offset(module_reader: Reader) -> None:
    cells = ["2026-09-02 16:30:10 -0300", "2026-09-02 16:30:10 +0000", "2026-09-02 16:30:10"]
    got = _stamps(module_reader, cells, ["%Y-%m-%d %H:%M:%S %z"], "Asia/Tokyo")
    assert got == {
        "2026-09-02 16:30:10 -0300": utc(2026, 9, 2, 19, 30, 10),
        "2026-09-02 16:30:10 +0000": utc(2026, 9, 2, 16, 30, 10),
        "2026-09-02 16:30:10": None,
    }


def test_epoch_seconds_and_milliseconds(module_reader: Reader) -> None:
    cells = ["1771953480", "1771953480.5", "0", "-1", "1771953480000", "abc", "2026-02-24"]
    seconds = _stamps(module_reader, cells, ["epoch_s"])
    assert seconds == {
        "1771953480": utc(2026, 2, 24, 17, 18),
        "1771953480.5": utc(2026, 2, 24, 17, 18, 0, 500000),
        "0": utc(1970, 1, 1),
        "-1": utc(1969, 12, 31, 23, 59, 59),
        "1771953480000": None,
        "abc": None,
        "2026-02-24": None,
    }
    millis = _stamps(module_reader, cells, ["epoch_ms"])
    assert millis["1771953480000"] == utc(2026, 2, 24, 17, 18)
    assert millis["1771953480"] == utc(1970, 1, 21, 12, 12, 33, 480000)
    assert millis["1771953480.5"] is None and millis["abc"] is None
    both = _stamps(module_reader, cells, ["iso", "epoch_ms"])
    assert both["2026-02-24"] == utc(2026, 2, 24) + SP
    assert both["1771953480000"] == utc(2026, 2, 24, 17, 18)


@pytest.mark.parametrize(
    ("zone", "expected"),
    [
        ("UTC", utc(2026, 11, 20, 13, 30)),
        ("America/Sao_Paulo", utc(2026, 11, 20, 16, 30)),
        ("Asia/Tokyo", utc(2026, 11, 20, 4, 30)),
        ("Europe/Lisbon", utc(2026, 11, 20, 13, 30)),
        ("America/New_York", utc(2026, 11, 20, 18, 30)),
    ],
)
def test_naive_stamps_are_in_the_zone_given(
    module_reader: Reader, zone: str, expected: datetime
) -> None:
    for formats, cell in (
        (["iso"], "2026-11-20 13:30"),
        (["%d/%m/%Y %H:%M"], "20/11/2026 13:30"),
    ):
        assert _stamps(module_reader, [cell, "2026-11-20T13:30:00Z"], formats, zone) == {
            cell: expected,
            "2026-11-20T13:30:00Z": utc(2026, 11, 20, 13, 30) if formats == ["iso"] else None,
        }


def test_unreadable_cells_in_several_columns(read: Reader, tmp_path: Path) -> None:
    path = tmp_path / "mixed.csv"
    path.write_text(
        "id,n,b,t,txt\n1,12,sim,2026-02-24,anything\n2,doze,talvez,ontem,=1+1\n3,,,,\n",
        encoding="utf-8",
    )
    export = read(
        path,
        ["id", "n", "b", "t", "txt"],
        types={"n": "number", "b": "boolean", "t": "timestamp"},
    )
    assert values(export, "n", "b", "t", "txt") == [
        (12.0, True, utc(2026, 2, 24), "anything"),
        (None, None, None, "=1+1"),
        (None, None, None, None),
    ]
    assert export.accounting.unreadable_cells == 3
    assert [(i.line, i.column, i.field, i.value, i.reason) for i in export_issues(export)] == [
        (3, "n", "n", "doze", "not a number; read as blank"),
        (3, "b", "b", "talvez", "not a yes/no value; read as blank"),
        (
            3,
            "t",
            "t",
            "ontem",
            "not a date/time in leads.date_formats from 1900 to 2099; read as blank",
        ),
    ]

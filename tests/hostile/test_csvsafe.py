"""The one CSV rule (`csvsafe`): which cells get a `'`, the numbers exempted by one regular
expression that Python and DuckDB (RE2) read alike, and rows a spreadsheet cannot split."""

from __future__ import annotations

import csv
import io
import random

import duckdb
import pytest
from hypothesis import given
from hypothesis import strategies as st

from leadsla.csvsafe import FORMULA_STARTS, NUMBER, NUMBER_PATTERN, SafeWriter, escape_formula
from tests.hostile.corpus import CORPUS

# (cell, what a CSV leadsla writes holds for it)
CASES = [
    ("=1+1", "'=1+1"),
    ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
    ("+1+1", "'+1+1"),
    ("-1+1", "'-1+1"),
    ("@SUM(A1)", "'@SUM(A1)"),
    ("\t=1+1", "'\t=1+1"),
    ("\r=1+1", "'\r=1+1"),
    ("-cmd|' /C calc'!A0", "'-cmd|' /C calc'!A0"),
    ("+55 11 99999-0000", "'+55 11 99999-0000"),  # a phone number a spreadsheet would garble
    ("-", "'-"),
    ("+", "'+"),
    # numbers in any locale are numbers, never formulas
    ("-5", "-5"),
    ("+5", "+5"),
    ("-1.234,5", "-1.234,5"),
    ("+1,234.5", "+1,234.5"),
    ("-.5", "-.5"),
    ("-,5", "-,5"),
    ("-1.5e3", "-1.5e3"),
    ("-1E-3", "-1E-3"),
    # not numbers to a spreadsheet (Python's float() reads them; Excel shows #NAME?)
    ("-inf", "'-inf"),
    ("-nan", "'-nan"),
    ("-1_000", "'-1_000"),
    ("\t5", "'\t5"),
    ("-5 ", "'-5 "),
    ("-٥", "'-٥"),  # an Arabic-Indic digit: not [0-9] in either engine
    # no formula start
    ("5", "5"),
    ("a=1", "a=1"),
    (" =1", " =1"),
    ("", ""),
]


@pytest.mark.parametrize(("cell", "written"), CASES)
def test_escape_formula(cell: str, written: str) -> None:
    assert escape_formula(cell) == written


def _sql_numbers(cells: list[str]) -> list[bool]:
    """NUMBER_PATTERN as DuckDB runs it (RE2), for a SQL copy of the rule."""
    con = duckdb.connect()
    try:
        return [
            bool(r[0])
            for r in con.execute(
                "SELECT regexp_full_match(c, ?) FROM unnest(?::VARCHAR[]) WITH ORDINALITY t(c, i)"
                " ORDER BY i",
                [NUMBER_PATTERN, cells],
            ).fetchall()
        ]
    finally:
        con.close()


SHARED = [c for c, _ in CASES] + list(CORPUS.values())
"""The corpus a SQL copy of the rule is tested on (here: DuckDB runs the same pattern)."""


def test_duckdb_reads_the_number_pattern_as_python_does() -> None:
    assert _sql_numbers(SHARED) == [bool(NUMBER.fullmatch(c)) for c in SHARED]


def test_duckdb_agrees_on_any_mix_of_number_characters() -> None:
    # 20,000 seeded strings of the characters that matter, in one query
    rng = random.Random(10)
    alphabet = "+-.,0123456789eE =@\t\rx٥\x00\n"
    cells = ["".join(rng.choices(alphabet, k=rng.randint(0, 8))) for _ in range(20_000)]
    cells += [
        "-" + "".join(rng.choices("0123456789.,eE+-", k=rng.randint(1, 6))) for _ in range(20_000)
    ]
    assert _sql_numbers(cells) == [bool(NUMBER.fullmatch(c)) for c in cells]


@given(st.text())
def test_a_written_cell_never_starts_a_formula_and_keeps_the_text(cell: str) -> None:
    written = escape_formula(cell)
    assert written in (cell, "'" + cell)
    assert not written.startswith(FORMULA_STARTS) or NUMBER.fullmatch(written)


def test_a_carriage_return_cannot_split_a_row() -> None:
    # csv.writer quotes only its line terminator's characters: with "\n", `a\r=1+1` went out
    # bare, and a spreadsheet read `=1+1` as the start of a new row
    buf = io.StringIO()
    writer = SafeWriter(buf, lineterminator="\n")
    writer.writerow(["id", "name"])
    writer.writerow(["1", "a\r=1+1"])
    writer.writerow(["2", "\r\n@x"])
    writer.writerow(["3", "plain"])
    text = buf.getvalue()
    assert text == 'id,name\n"1","a\r=1+1"\n"2","\'\r\n@x"\n3,plain\n'
    # Python's reader, like a spreadsheet, ends a row at a bare \r outside quotes
    assert list(csv.reader(io.StringIO(text, newline=""))) == [
        ["id", "name"],
        ["1", "a\r=1+1"],
        ["2", "'\r\n@x"],
        ["3", "plain"],
    ]


def test_a_row_written_as_is_is_not_escaped_but_cannot_be_split() -> None:
    buf = io.StringIO()
    SafeWriter(buf, lineterminator="\n").write_as_is(["=1+1", "a\r@x"])
    assert buf.getvalue() == '"=1+1","a\r@x"\n'

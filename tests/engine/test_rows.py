"""engine/rows.py writes JSON and CSV in SQL: the same values as the plain Python writers
(csvsafe.SafeWriter, json, isoformat) on a corpus of hostile cells, numbers and instants."""

from __future__ import annotations

import csv
import io
import json
import math
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import duckdb
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from leadsla.csvsafe import SafeWriter
from leadsla.data.db import connect
from leadsla.engine.rows import Column, Rows

TEXTS = [
    "", "plain", "=1+1", "+55 11 9999 0000", "-5", "-1.234,5", "+1,234.5", "-.5", "-1.5e3",
    "@SUM(A1)", "\tlead", "\rlead", "-inf", "-nan", "a,b", 'say "hi"', "two\nlines", "cr\rhere",
    "crlf\r\n", "  spaced  ", "ünïcødé ção", "emoji 🚀", "'quoted", "=", "-", "+", "@", ",", '"',
    "\u2028sep", "back\\slash", "\x01ctl", "=HYPERLINK(\"http://x\")", "1e5", "0,5",
]  # fmt: skip
NUMBERS = [0.0, -0.0, 1.5, -15.0, 240.0, 1 / 3, 0.1 + 0.2, 1e20, 1e16, 1.5e-7, 5e-324, 123456789012345.0,
           float("inf"), float("-inf"), float("nan"), None]  # fmt: skip
ZONES = ["America/Sao_Paulo", "America/New_York", "UTC", "Asia/Kathmandu", "Australia/Lord_Howe",
         # where DuckDB's zone data (ICU) and Python's disagree: what is printed follows
         # Python's, as the table, `explain` and the business calendar do
         "America/Vancouver", "Europe/Amsterdam", "Africa/El_Aaiun"]  # fmt: skip
INSTANTS = [
    datetime(2026, 10, 8, 7, 20, tzinfo=UTC),
    datetime(1900, 1, 1, 12, 0, tzinfo=UTC),  # local mean time: offsets with seconds
    datetime(2018, 11, 4, 2, 30, tzinfo=UTC),  # around São Paulo's last DST change
    datetime(2026, 3, 8, 6, 59, 59, 999999, tzinfo=UTC),  # a microsecond before New York's
    datetime(2026, 11, 1, 5, 30, tzinfo=UTC),  # New York's fold
    datetime(2099, 12, 31, 23, 59, 59, tzinfo=UTC),
    datetime(2026, 11, 17, 1, 0, tzinfo=UTC),  # Vancouver: ICU and Python differ from 2026-11
    datetime(1901, 6, 1, 12, 0, tzinfo=UTC),  # Amsterdam's +00:19:32 in Python's data
    datetime(2026, 9, 25, 12, 0, tzinfo=UTC),  # El Aaiun: differs from 2026-09-20
    None,
]


def _con(tmp_path: Path) -> duckdb.DuckDBPyConnection:
    return connect(tmp_path)


def _table(con: duckdb.DuckDBPyConnection, texts: list[str | None], numbers: list[float | None],
           instants: list[datetime | None]) -> int:  # fmt: skip
    n = max(len(texts), len(numbers), len(instants))
    pad = lambda xs: list(xs) + [None] * (n - len(xs))  # noqa: E731
    con.execute(
        "CREATE OR REPLACE TABLE t AS SELECT unnest(range(?)) AS i, unnest(?::VARCHAR[]) AS s, "
        "unnest(?::DOUBLE[]) AS x, unnest(?::TIMESTAMPTZ[]) AS w",
        [n, pad(texts), pad(numbers), pad(instants)],
    ).fetchall()
    return n


def _rows(con: duckdb.DuckDBPyConnection, zone: str) -> Rows:
    return Rows(
        con,
        "t",
        (
            Column("s", "s", "text"),
            Column("x", "x", "number"),
            Column("w", "w", "time"),
            Column("i", "i", "integer"),
        ),
        "i",
        zone,
    )


def _python(texts: list[str | None], numbers: list[float | None],
            instants: list[datetime | None], zone: str) -> list[tuple[object, ...]]:  # fmt: skip
    n = max(len(texts), len(numbers), len(instants))

    def at(xs: list, i: int) -> object:  # type: ignore[type-arg]
        return xs[i] if i < len(xs) else None

    out = []
    for i in range(n):
        x = at(numbers, i)
        w = at(instants, i)
        out.append(
            (
                at(texts, i),
                x if isinstance(x, float) and math.isfinite(x) else None,
                w.astimezone(ZoneInfo(zone)).isoformat(timespec="seconds")
                if isinstance(w, datetime)
                else None,
                i,
            )
        )
    return out


def _pages(pages: object) -> list[str]:
    return [line for page in pages for line in page]  # type: ignore[attr-defined]


def _check(tmp_path: Path, texts: list[str | None], numbers: list[float | None],
           instants: list[datetime | None], zone: str) -> None:  # fmt: skip
    con = _con(tmp_path)
    _table(con, texts, numbers, instants)
    rows = _rows(con, zone)
    expected = _python(texts, numbers, instants, zone)
    # JSON: each line an object with the Python values
    got = [json.loads(line) for line in _pages(rows.json_lines())]
    assert [tuple(d.values()) for d in got] == expected
    assert all(list(d) == ["s", "x", "w", "i"] for d in got)
    # CSV: what SafeWriter writes and what the SQL writes read back alike
    buf = io.StringIO()
    writer = SafeWriter(buf, lineterminator="\n")
    for row in expected:
        writer.writerow(row)
    sql_text = "".join(line + "\n" for line in _pages(rows.csv_lines()))
    assert list(csv.reader(io.StringIO(sql_text))) == list(csv.reader(io.StringIO(buf.getvalue())))
    # a spreadsheet splits rows on a bare `\r` too: the SQL never leaves one outside quotes
    for line in csv.reader(io.StringIO(sql_text)):
        assert len(line) == 4
    con.close()


@pytest.mark.parametrize("zone", ZONES)
def test_corpus_matches_the_python_writers(tmp_path: Path, zone: str) -> None:
    _check(tmp_path, [*TEXTS, None], NUMBERS, INSTANTS, zone)


def test_head_and_count(tmp_path: Path) -> None:
    con = _con(tmp_path)
    _table(con, ["b", "a", "c"], [2.0, 1.0, 3.0], [INSTANTS[0]] * 3)
    rows = Rows(con, "t", (Column("s", "s", "text"), Column("w", "w", "time")), "x DESC",
                "America/Sao_Paulo", where="x > ?", params=(1.5,))  # fmt: skip
    assert rows.count() == 2
    head = rows.head(1)
    assert head == [{"s": "c", "w": INSTANTS[0].astimezone(ZoneInfo("America/Sao_Paulo"))}]
    assert [r["s"] for r in rows.head()] == ["c", "b"]
    limited = Rows(con, "t", rows.columns, "x DESC", "UTC", limit=1)
    assert limited.count() == 1
    assert len(_pages(limited.json_lines())) == 1
    assert _pages(Rows(con, "t", (Column("s", "s", "text"),), "i", "UTC").json_values()) == [
        '"b"',
        '"a"',
        '"c"',
    ]
    con.close()


def test_pages_do_not_hold_every_row(tmp_path: Path) -> None:
    """Rows come in pages of a few thousand: a writer never holds all of them."""
    con = _con(tmp_path)
    con.execute("CREATE TABLE t AS SELECT range AS i, 'x' AS s FROM range(20000)").fetchall()
    rows = Rows(con, "t", (Column("s", "s", "text"), Column("i", "i", "integer")), "i", "UTC")
    sizes = [len(page) for page in rows.csv_lines()]
    assert sum(sizes) == 20000
    assert max(sizes) < 20000
    con.close()


@settings(max_examples=60, deadline=None)
@given(
    texts=st.lists(st.text(max_size=12), min_size=1, max_size=8),
    numbers=st.lists(st.floats(allow_nan=True, allow_infinity=True) | st.none(), max_size=8),
    offsets=st.lists(st.integers(min_value=0, max_value=199 * 365 * 86400), max_size=8),
    zone=st.sampled_from(ZONES),
)
def test_any_cell_matches_the_python_writers(
    tmp_path_factory: pytest.TempPathFactory,
    texts: list[str],
    numbers: list[float | None],
    offsets: list[int],
    zone: str,
) -> None:
    texts = [t.replace("\x00", "") for t in texts]  # DuckDB text holds no NUL
    instants: list[datetime | None] = [
        datetime(1900, 1, 2, tzinfo=UTC) + timedelta(seconds=s) for s in offsets
    ]
    _check(tmp_path_factory.mktemp("rows"), list(texts), numbers, instants, zone)

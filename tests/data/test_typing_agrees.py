"""The read's typing of cells (issue 11, "cheap typing on every shape") reads every cell as it
was read before it was made cheap, and as Python reads the stamps that are plainly valid.

- Against the original SQL (`ORIGINAL` below, the typing of the read before issue 11: ICU's
  `timezone(zone, ...)` for every naive stamp, `ls_iso` in one piece, the year test that ran
  strptime twice, the boolean test per word...) on a corpus of cells near every format's
  shape (hypothesis: valid stamps from the year 999 to 2110, then a character replaced,
  dropped or added; blanks with no-break spaces; `24:00`; `12 AM`; offsets such as `+05:45`;
  `infinity`), for each `date_formats` kind and several zones, with a boolean field and a
  number field (`decimal` `.` and `,`: thousands separators, signs, near misses): a zone that still changes
  its clocks (New York), one that stopped (São Paulo, 2019: the quick reading after the last
  change, `ls_wall`), one that never did (UTC) and one at +05:45 (Kathmandu).
- Against zoneinfo for valid wall times in those zones, all around São Paulo's last change and
  over 2019-2099 (tests/data/test_dst_cells.py covers the nights the clocks change)."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import sqlglot.expressions as exp
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from leadsla.data import localtime
from leadsla.data.db import Connection, connect, rows, run
from leadsla.data.reader import ReadSpec, _trimmed, format_steps, naive_stamp
from leadsla.data.sqlparse import EPOCH_MS_PATTERN, FALSE_WORDS, TRUE_WORDS
from leadsla.data.sqltree import to_sql
from tests.data.support import Reader, values
from tests.data.test_dst_cells import reference

ZONES = ["America/New_York", "America/Sao_Paulo", "UTC", "Asia/Kathmandu"]
FORMATS: list[list[str]] = [
    ["iso"],
    ["%d/%m/%Y %H:%M"],
    ["%m/%d/%Y %I:%M %p"],
    ["epoch_s"],
    ["epoch_ms"],
    ["%d/%m/%Y %H:%M", "%d/%m/%Y", "iso"],
    ["epoch_s", "iso"],
    ["%d/%m/%y %H:%M", "iso"],
    ["%d/%m/%Y %H:%M", "%d/%m/%y %H:%M"],  # a two-digit year is %y's, not %Y's
    ["%Y-%m-%d %H:%M:%S%z", "iso"],
]
SHAPES = [
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d",
    "%Y-%m-%dT%H:%M:%S.%f",
    "%d/%m/%Y %H:%M",
    "%d/%m/%Y",
    "%d/%m/%y %H:%M",
    "%m/%d/%Y %I:%M %p",
    "epoch_s",
    "epoch_ms",
]
OFFSETS = ["", "", "Z", "z", " Z", "-03:00", "+05:45", "-0300", "+14", " -03:00", "+99:99"]
NOISE = "0123456789 -+:/.TZzAPMa\t\u00a0\u0663"
SPECIAL = [
    "",
    " ",
    "\u00a0",
    " \u00a0N/A\u00a0 ",
    "null",
    "-",
    "2024-02-29T00:00:00",
    "2026-02-29T00:00:00",
    "2026-10-08T24:00:00",
    "2026-10-08 24:00",
    "29/02/2024 24:00",
    "10/08/2026 12:00 AM",
    "10/08/2026 12:30 PM",
    "10/08/2026 00:30 AM",
    "infinity",
    "-infinity",
    "1899-12-31T23:59:59",
    "1900-01-01T00:00:00",
    "2099-12-31T23:59:59",
    "2100-01-01T10:00:00",
    "0999-12-31T23:59:59",
    "31/12/999 10:00",
    "2019-02-16T23:30:00",
    "2019-02-19T03:00:00",
    "2019-02-19T02:59:59",
    "2026-03-08T02:30:00",
    "2026-11-01T01:30:00",
    "\t2026-10-08T04:20:00",
    "2026-10-08T04:20:00\t",
    "-026-10-08T04:20:00",
    "2026-10-08T 4:20:00",
    "1767225600",
    "1767225600.5",
    "-1767225600",
    "1767225600000",
    "999999999999999",
    "9999999999999999",
]


def _cell(when: datetime, shape: str, offset: str) -> str:
    if shape == "epoch_s":
        return str(int(when.replace(tzinfo=UTC).timestamp()))
    if shape == "epoch_ms":
        return str(int(when.replace(tzinfo=UTC).timestamp() * 1000))
    year = when.strftime("%Y") if when.year >= 1000 else f"{when.year:04d}"
    text = when.strftime(shape.replace("%Y", year))
    return text + offset if shape.startswith("%Y") else text


@st.composite
def cells(draw: st.DrawFn) -> str:
    kind = draw(st.sampled_from(["valid", "spoilt", "special"]))
    if kind == "special":
        return draw(st.sampled_from(SPECIAL))
    when = draw(st.datetimes(datetime(999, 1, 1), datetime(2110, 12, 31)))
    if draw(st.booleans()):  # near São Paulo's last change and the DST nights
        when = draw(st.sampled_from([datetime(2019, 2, 16), datetime(2026, 3, 8)]))
        when += timedelta(minutes=draw(st.integers(0, 5 * 24 * 60)))
    text = _cell(when, draw(st.sampled_from(SHAPES)), draw(st.sampled_from(OFFSETS)))
    if kind == "spoilt" and text:
        at = draw(st.integers(0, len(text) - 1))
        how = draw(st.sampled_from(["replace", "drop", "add"]))
        noise = draw(st.sampled_from(NOISE))
        text = {
            "replace": text[:at] + noise + text[at + 1 :],
            "drop": text[:at] + text[at + 1 :],
            "add": text[:at] + noise + text[at:],
        }[how]
    if draw(st.booleans()):
        text = draw(st.sampled_from(["", " ", "\u00a0"])) + text + draw(st.sampled_from(["", " "]))
    return text


EDGE_NUMBERS = [
    "1.",
    "1,",
    ".5",
    ",5",
    "+.5",
    "-,5",
    ".",
    ",",
    "1.2.3",
    "1,2,3",
    "1 234",
    "1\u00a0234,5",
    "1.234.567,89",
    "1,234,567.89",
    "12,34",
    "1e5",
    "inf",
    "nan",
    "0x10",
    "1_000",
    "123456789012345",
    "1234567890123456",
    "12345678901234567890.5",
    "007",
]


@st.composite
def numbers(draw: st.DrawFn) -> str:
    """Numbers as CRM exports write them (`1234`, `1.234,5`, `-0.5`, `1 234`...), and near misses."""
    pick = draw(st.integers(0, 9))
    if pick == 0:
        return draw(st.text(alphabet="0123456789.,+- \u00a0e", max_size=12))
    if pick == 1:
        return draw(st.sampled_from(EDGE_NUMBERS))
    digits = str(draw(st.integers(0, 10**18)))
    sep = draw(st.sampled_from(["", "", ",", ".", " ", "\u00a0"]))
    if sep and len(digits) > 3:
        head, rest = digits[: len(digits) % 3 or 3], digits[len(digits) % 3 or 3 :]
        digits = head + "".join(sep + rest[i : i + 3] for i in range(0, len(rest), 3))
    point = draw(st.sampled_from(["", "", ".", ","]))
    frac = str(draw(st.integers(0, 999))) if point else ""
    sign = draw(st.sampled_from(["", "", "-", "+"]))
    text = sign + digits + point + frac
    if draw(st.booleans()):
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(st.sampled_from(".,+- e\u00a0")) + text[at:]
    return text


def _old_year(parsed: str) -> str:
    return f"CASE WHEN year({parsed}) >= 1000 THEN {parsed} END"


def original(k: str, formats: list[str], zone: str) -> str:
    """The typing of a cleaned cell `k` before issue 11 (reader.typed_parts and the macros as
    they were), with ls_local and ls_in_range as the read applies them."""
    z = "'" + zone.replace("'", "''") + "'"
    parts: list[str] = []
    for kind, arg in format_steps(formats):
        if kind == "patterns":
            fmts = "[" + ", ".join("'" + f + "'" for f in arg) + "]"
            parts.append(f"timezone({z}, try_strptime({k}, {fmts}))")
        elif kind == "year":
            parsed = f"try_strptime({k}, '{arg[0]}')"
            parts.append(f"timezone({z}, {_old_year(parsed)})")
        elif kind == "iso":
            parts.append(f"ls_iso({k}, {z})")
        elif kind == "epoch_s":
            parts.append(f"ls_epoch_s({k})")
        elif kind == "epoch_ms":
            parts.append(
                f"CASE WHEN regexp_full_match({k}, '{EPOCH_MS_PATTERN}')"
                f" THEN TRY(timezone('UTC', epoch_ms(CAST({k} AS BIGINT)))) END"
            )
        else:
            parsed = f"try_strptime({k}, '{arg[0]}')"
            parts.append(f"CAST({_old_year(parsed) if '%Y' in arg[0] else parsed} AS TIMESTAMPTZ)")
    value = parts[0] if len(parts) == 1 else f"coalesce({', '.join(parts)})"
    spec = ReadSpec(wanted=[], types={}, date_formats=formats, decimal=".", timezone=zone)
    stamp = naive_stamp(exp.column(k), spec)
    local = value if stamp is None else f"ls_local({value}, {to_sql(stamp)})"
    return f"ls_in_range({local})"


ORIGINAL_NUMBER = {
    ".": r"""CASE WHEN regexp_full_match(CELL, '[+-]?[0-9]{1,15}') THEN CAST(CELL AS DOUBLE)
             WHEN regexp_full_match(CELL, '[+-]?(?:\d{1,3}(?:[, \x{00A0}]\d{3})+|\d+)(?:\.\d+)?|[+-]?\.\d+')
             THEN TRY_CAST(regexp_replace(CELL, '[, \x{00A0}]', '', 'g') AS DOUBLE) END""",
    ",": r"""CASE WHEN regexp_full_match(CELL, '[+-]?[0-9]{1,15}') THEN CAST(CELL AS DOUBLE)
             WHEN regexp_full_match(CELL, '[+-]?(?:\d{1,3}(?:[. \x{00A0}]\d{3})+|\d+)(?:,\d+)?|[+-]?,\d+')
             THEN TRY_CAST(replace(regexp_replace(CELL, '[. \x{00A0}]', '', 'g'), ',', '.') AS DOUBLE) END""",
}
"""ls_num_dot and ls_num_comma before issue 11, over a cell `CELL`."""


def original_bool(k: str) -> str:
    def any_of(words: tuple[str, ...]) -> str:
        return " OR ".join(f"lower({k}) = '{w}'" for w in words)

    return f"CASE WHEN {any_of(TRUE_WORDS)} THEN true WHEN {any_of(FALSE_WORDS)} THEN false END"


def _write(path: Path, cells: list[str], numbers: list[str] | None = None) -> None:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(["id", "at", "flag", "amount"])
    more = numbers or []
    writer.writerows([i, c, c, more[i] if i < len(more) else ""] for i, c in enumerate(cells))
    path.write_text(buf.getvalue(), encoding="utf-8")


def _expected(
    con: Connection,
    cells: list[str],
    numbers: list[str],
    formats: list[str],
    zone: str,
    decimal: str,
) -> list[tuple[object, ...]]:
    """What the original typing makes of each cell (cleaned as the read cleans it)."""
    localtime.prepare(con, zone)
    run(
        con,
        "CREATE OR REPLACE TEMP TABLE corpus AS SELECT * FROM"
        " (SELECT unnest(?::VARCHAR[]) AS c, unnest(?::VARCHAR[]) AS a)",
        [cells, numbers + [""] * (len(cells) - len(numbers))],
    )
    number = ORIGINAL_NUMBER[decimal].replace("CELL", "m")
    return rows(
        con,
        f"""SELECT {original("k", formats, zone)}, {original_bool("k")}, {number}
            FROM (SELECT ls_blank({to_sql(_trimmed(exp.column("c")))}) AS k,
                         ls_blank({to_sql(_trimmed(exp.column("a")))}) AS m FROM corpus)""",
    )


@pytest.fixture(scope="module")
def reader(tmp_path_factory: pytest.TempPathFactory) -> Reader:
    return Reader(tmp_path_factory.mktemp("agree"))


@pytest.fixture(scope="module")
def con(tmp_path_factory: pytest.TempPathFactory) -> Connection:
    return connect(tmp_path_factory.mktemp("agree-con"))


@settings(
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    st.lists(cells(), min_size=1, max_size=40),
    st.lists(numbers(), max_size=40),
    st.sampled_from(FORMATS),
    st.sampled_from(ZONES),
    st.sampled_from([".", ","]),
)
def test_the_read_types_cells_as_it_did(
    reader: Reader,
    con: Connection,
    corpus: list[str],
    amounts: list[str],
    formats: list[str],
    zone: str,
    decimal: str,
) -> None:
    amounts = amounts[: len(corpus)]
    reader.count += 1
    path = reader.tmp / f"cells{reader.count}.csv"
    _write(path, corpus, amounts)
    export = reader(
        path,
        ["id", "at", "flag", "amount"],
        types={"at": "timestamp", "flag": "boolean", "amount": "number"},
        date_formats=formats,
        timezone=zone,
        decimal=decimal,
    )
    got = values(export, "at", "flag", "amount")
    expected = _expected(con, corpus, amounts, formats, zone, decimal)
    wrong = [(c, g, e) for c, g, e in zip(corpus, got, expected, strict=True) if g != e]
    assert wrong == []


def _walls() -> list[datetime]:
    """Every 20 minutes from two days before São Paulo's last change (16-17 Feb 2019) to three
    days after; and the first of every month at 00:00 and 12:34:56, 2019-2099. (Before, ICU
    and Python's zoneinfo may disagree on a zone's history, 1966 in São Paulo: the read's
    agreement with its original SQL is the test there.)"""
    start = datetime(2019, 2, 14)
    near = [start + timedelta(minutes=20 * i) for i in range(6 * 24 * 3)]
    far = [
        datetime(y, m, 1, h, mi, s)
        for y in range(2019, 2100)
        for m in range(1, 13)
        for h, mi, s in ((0, 0, 0), (12, 34, 56))
    ]
    return near + far


@pytest.mark.parametrize("zone", ZONES)
@pytest.mark.parametrize(
    ("formats", "shape"),
    [(["iso"], "%Y-%m-%dT%H:%M:%S"), (["%d/%m/%Y %H:%M:%S"], "%d/%m/%Y %H:%M:%S")],
)
def test_valid_wall_times_are_read_as_zoneinfo_reads_them(
    reader: Reader, zone: str, formats: list[str], shape: str
) -> None:
    walls = _walls()
    reader.count += 1
    path = reader.tmp / f"walls{reader.count}.csv"
    _write(path, [w.strftime(shape) for w in walls])
    export = reader(
        path, ["id", "at"], types={"at": "timestamp"}, date_formats=formats, timezone=zone
    )
    got = [v for (v,) in values(export, "at")]
    wrong = [
        (w, g, reference(w, zone))
        for w, g in zip(walls, got, strict=True)
        if g != reference(w, zone)
    ]
    assert wrong == []

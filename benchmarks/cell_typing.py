"""Benchmark of issue 11's "cheap typing on every shape": what leadsla's typed read costs per
`date_formats` kind and number kind, against a plain DuckDB query over the same file. Run by
hand, not in CI:

    python benchmarks/cell_typing.py [--rows 1000000] [--repeat 3] [--kinds iso_s,dmy] [--zone Z]

For each kind it generates (with DuckDB, seeded by the row number) a CSV of 30 columns into
/work/data (or --data): 8 timestamp columns in that kind's shape, 5 number columns (integers,
decimals, thousands separators, signs), 2 boolean columns and 15 text columns, with a few
blank (`''`, `N/A`, `-`, a no-break space), padded and unreadable cells. It then times, as
fresh connections taking turns (best of --repeat):

- scan: `CREATE TABLE AS SELECT` of the 30 columns as text (the CSV parse alone);
- leadsla: the reader's own `CREATE TABLE leads AS ...` (reader.build_read_sql: trimming,
  blanks, typing, the DST correction, the range check, `_bad`), same read_csv options;
- plain: the same columns through `TRY_CAST`/`try_strptime` (and `timezone(zone, ...)` for
  naive stamps), nothing else;

and prints kind, scan, leadsla, plain, and leadsla/plain (and the typing alone: each minus
the scan)."""

from __future__ import annotations

import argparse
import platform
import re
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import duckdb

from leadsla.data import localtime
from leadsla.data.db import connect, run
from leadsla.data.headers import Wanted, match_headers
from leadsla.data.reader import ReadSpec, build_read_sql, read_csv_call, read_parameters
from leadsla.data.source import prepare
from leadsla.data.sqltree import to_sql

STAMPS = 8
NUMBERS = 5
BOOLS = 2
TEXTS = 15


@dataclass(frozen=True)
class Kind:
    name: str
    date_formats: list[str]
    decimal: str
    stamp_sql: str
    """DuckDB SQL making a cell from TIMESTAMP `ts` (UTC wall time) and row number `i`."""
    plain_sql: str
    """The plain reading of cell `x` (`{zone}` is the zone literal)."""


KINDS = [
    Kind(
        "iso_min",
        ["iso"],
        ".",
        "strftime(ts, '%Y-%m-%dT%H:%M')",
        "timezone({zone}, TRY_CAST(x AS TIMESTAMP))",
    ),
    Kind(
        "iso_s",
        ["iso"],
        ".",
        "strftime(ts, '%Y-%m-%dT%H:%M:%S')",
        "timezone({zone}, TRY_CAST(x AS TIMESTAMP))",
    ),
    Kind(
        "iso_offset",
        ["iso"],
        ".",
        "CASE WHEN i % 2 = 0 THEN strftime(ts, '%Y-%m-%dT%H:%M:%S-03:00')"
        " ELSE strftime(ts, '%Y-%m-%dT%H:%M:%SZ') END",
        "TRY_CAST(x AS TIMESTAMPTZ)",
    ),
    Kind(
        "dmy",
        ["%d/%m/%Y %H:%M"],
        ",",
        "strftime(ts, '%d/%m/%Y %H:%M')",
        "timezone({zone}, try_strptime(x, '%d/%m/%Y %H:%M'))",
    ),
    Kind(
        "mdy_ampm",
        ["%m/%d/%Y %I:%M %p"],
        ".",
        "strftime(ts, '%m/%d/%Y %I:%M %p')",
        "timezone({zone}, try_strptime(x, '%m/%d/%Y %I:%M %p'))",
    ),
    Kind(
        "epoch_s",
        ["epoch_s"],
        ".",
        "CAST(epoch(ts) AS BIGINT)::VARCHAR",
        "to_timestamp(TRY_CAST(x AS DOUBLE))",
    ),
    Kind(
        "epoch_ms",
        ["epoch_ms"],
        ".",
        "epoch_ms(ts)::VARCHAR",
        "epoch_ms(TRY_CAST(x AS BIGINT))",
    ),
    Kind(
        "readme_list",
        ["%d/%m/%Y %H:%M", "%d/%m/%Y", "iso"],
        ",",
        "CASE WHEN i % 10 = 0 THEN strftime(ts, '%d/%m/%Y')"
        " WHEN i % 10 = 1 THEN strftime(ts, '%Y-%m-%d %H:%M:%S')"
        " ELSE strftime(ts, '%d/%m/%Y %H:%M') END",
        "timezone({zone}, coalesce(try_strptime(x, ['%d/%m/%Y %H:%M', '%d/%m/%Y']),"
        " TRY_CAST(x AS TIMESTAMP)))",
    ),
]


def _h(i: str, k: int) -> str:
    """A pseudo-random non-negative integer per row and column."""
    return f"CAST(hash({i} * 131 + {k}) % 1000000007 AS BIGINT)"


def _spoil(cell: str, k: int) -> str:
    """About 3% blank of several kinds, 1% padded, 0.5% unreadable; the rest `cell`."""
    r = f"({_h('i', 1000 + k)} % 1000)"
    return (
        f"CASE WHEN {r} < 15 THEN '' WHEN {r} < 20 THEN 'N/A' WHEN {r} < 25 THEN '-'"
        f" WHEN {r} < 30 THEN chr(160) WHEN {r} < 40 THEN ' ' || {cell} || ' '"
        f" WHEN {r} < 45 THEN 'oops' ELSE {cell} END"
    )


def _number(k: int, decimal: str) -> str:
    r = _h("i", 2000 + k)
    if k % NUMBERS == 0:  # small integers
        return f"CAST({r} % 500 AS VARCHAR)"
    if k % NUMBERS == 1:  # decimals
        return f"replace(printf('%.2f', ({r} % 100000) / 100.0), '.', '{decimal}')"
    if k % NUMBERS == 2:  # large integers
        return f"CAST({r} AS VARCHAR)"
    thousands = "," if decimal == "." else "."
    if k % NUMBERS == 3:  # thousands separators
        grouped = f"replace(format('{{:,}}', {r} % 10000000), ',', '{thousands}')"
        return f"{grouped} || '{decimal}' || lpad(CAST({r} % 100 AS VARCHAR), 2, '0')"
    return f"CASE WHEN {r} % 2 = 0 THEN '-' ELSE '+' END || CAST({r} % 1000 AS VARCHAR)"


def _plain_number(decimal: str) -> str:
    if decimal == ".":
        return "TRY_CAST(replace(x, ',', '') AS DOUBLE)"
    return "TRY_CAST(replace(replace(x, '.', ''), ',', '.') AS DOUBLE)"


PLAIN_BOOL = (
    "CASE WHEN lower(x) IN ('true', 'yes', 'sim', '1') THEN true"
    " WHEN lower(x) IN ('false', 'no', 'não', '0') THEN false END"
)


def headers() -> list[tuple[str, str]]:
    """(header, type) of the 30 columns."""
    out = [(f"stamp_{k}", "timestamp") for k in range(STAMPS)]
    out += [(f"number_{k}", "number") for k in range(NUMBERS)]
    out += [(f"flag_{k}", "boolean") for k in range(BOOLS)]
    out += [(f"text_{k}", "text") for k in range(TEXTS)]
    return out


def generate(kind: Kind, rows: int, path: Path) -> None:
    cols: list[str] = []
    for k in range(STAMPS):
        ts = f"(TIMESTAMP '2026-01-01' + to_seconds(CAST({_h('i', k)} % 31536000 AS BIGINT)))"
        stamp = kind.stamp_sql.replace("ts", ts)
        cols.append(f"{_spoil(stamp, k)} AS stamp_{k}")
    for k in range(NUMBERS):
        cols.append(f"{_spoil(_number(k, kind.decimal), 100 + k)} AS number_{k}")
    for k in range(BOOLS):
        words = "['true', 'false', 'Sim', 'não', '1', '0']"
        pick = f"{words}[1 + {_h('i', 300 + k)} % 6]"
        cols.append(f"{_spoil(pick, 300 + k)} AS flag_{k}")
    for k in range(TEXTS):
        cols.append(f"'text ' || CAST({_h('i', 400 + k)} % 100000 AS VARCHAR) AS text_{k}")
    con = duckdb.connect()
    con.execute(
        f"COPY (SELECT {', '.join(cols)} FROM range({rows}) AS r(i)) TO '{path}' (HEADER, DELIMITER ',')"
    )


def spec_for(kind: Kind, zone: str) -> ReadSpec:
    cols = headers()
    return ReadSpec(
        wanted=[Wanted(h, h, "bench") for h, _t in cols],
        types={h: t for h, t in cols if t != "text"},  # type: ignore[misc]
        date_formats=kind.date_formats,
        decimal=kind.decimal,
        timezone=zone,
    )


def timed(fn: Callable[[], None]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def _leadsla(tmpdir: Path, zone: str, sql: str, params: dict[str, object]) -> None:
    """The reader's query, on a fresh connection prepared as the reader prepares it."""
    con = connect(tmpdir)
    localtime.prepare(con, zone)
    run(con, sql, params)
    con.close()


def _plain(tmpdir: Path, sql: str, params: dict[str, object]) -> None:
    con = connect(tmpdir)
    run(con, sql, params)
    con.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--kinds", default=",".join(k.name for k in KINDS))
    parser.add_argument("--zone", default="America/Sao_Paulo")
    parser.add_argument("--data", type=Path, default=Path("/work/data"))
    parser.add_argument("--sql", action="store_true", help="print leadsla's read SQL and stop")
    args = parser.parse_args()
    zone_lit = "'" + args.zone.replace("'", "''") + "'"
    args.data.mkdir(parents=True, exist_ok=True)
    print(f"{platform.machine()} {platform.python_version()} duckdb {duckdb.__version__}")
    print(f"{args.rows:,} rows, zone {args.zone}, best of {args.repeat}")
    print(f"{'kind':<12} {'scan':>6} {'leadsla':>8} {'plain':>6} {'ratio':>6} {'typing':>14}")
    for kind in [k for k in KINDS if k.name in args.kinds.split(",")]:
        path = args.data / f"typing-{kind.name}-{args.rows}.csv"
        if not path.exists():
            generate(kind, args.rows, path)
        spec = spec_for(kind, args.zone)
        with tempfile.TemporaryDirectory() as tmp:
            tmpdir = Path(tmp)
            source = prepare(str(path), path, "auto", "auto", tmpdir)
            columns = match_headers(spec.wanted, source.headers, str(path))
            read_sql = build_read_sql(source, columns, spec, "line")
            if args.sql:
                print(read_sql)
                return
            params = read_parameters(source)
            scan_from = to_sql(read_csv_call(source, rejects=False))
            plain_cols = []
            for i, (h, t) in enumerate(headers()):
                x = f"c{i}"
                e = {
                    "timestamp": kind.plain_sql.replace("{zone}", zone_lit),
                    "number": _plain_number(kind.decimal),
                    "boolean": PLAIN_BOOL,
                    "text": "x",
                }[t]
                plain_cols.append(re.sub(r"\bx\b", x, e) + f" AS {h}")
            plain_sql = (
                f"CREATE OR REPLACE TEMP TABLE p AS SELECT {', '.join(plain_cols)} FROM {scan_from}"
            )
            scan_sql = f"CREATE OR REPLACE TEMP TABLE s AS SELECT * FROM {scan_from}"

            best = {"scan": 1e9, "leadsla": 1e9, "plain": 1e9}
            for _ in range(args.repeat):
                best["scan"] = min(best["scan"], timed(partial(_plain, tmpdir, scan_sql, params)))
                best["leadsla"] = min(
                    best["leadsla"],
                    timed(partial(_leadsla, tmpdir, args.zone, read_sql, params)),
                )
                best["plain"] = min(
                    best["plain"], timed(partial(_plain, tmpdir, plain_sql, params))
                )
        s, le, pl = best["scan"], best["leadsla"], best["plain"]
        typing = f"{le - s:.2f}/{pl - s:.2f}"
        print(f"{kind.name:<12} {s:6.2f} {le:8.2f} {pl:6.2f} {le / pl:5.2f}x {typing:>14}")
        sys.stdout.flush()


if __name__ == "__main__":
    main()

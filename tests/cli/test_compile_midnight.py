"""ISO `24:00` is the next day's midnight in every compiled script, as DuckDB's cast reads it
(issue 14 review F6); `24:00:01`, `24:30`, `24:00:00.5` and hour 24 in a strptime format
stay unreadable, as there."""

from __future__ import annotations

import csv
from pathlib import Path

import duckdb
import pytest

from tests.cli.test_compile import compile_sql, same, scored, text_table
from tests.conftest import AS_OF, Cli

ISO_CELLS = [
    "2026-11-01 24:00",
    "2026-11-01T24:00:00",
    "2026-11-01 24:00:00.000",
    "2026-11-01T24:00Z",
    "2026-11-01T24:00:00-03:00",
    "2026-10-31 24:00",  # the next day is the one New York leaves daylight saving time
    "2026-12-31 24:00",  # the next year
    "2026-02-28 24:00",
    "2026-11-01 24:00:01",  # unreadable, as for DuckDB
    "2026-11-01 24:30",
    "2026-11-01 24:00:00.5",
    "2026-11-01 25:00",
    "2026-11-01 23:59:59",
    "2026-11-02",
]

SLA = """
version: 1
name: midnight
leads:
  timezone: America/New_York
  date_formats: {formats}
  max_unreadable: 100%
scoring:
  fit:
    rules:
      - {{name: recent, when: {{field: seen, within: 20d}}, points: 1}}
      - {{name: old, when: {{field: seen, older_than: 3650d}}, points: 2}}
  engagement:
    decay: {{half_life: 7d, since: seen}}
    rules:
      - {{name: base, points: 64}}
"""


def midnight_export(folder: Path, cells: list[str]) -> Path:
    export = folder / "midnight.csv"
    with export.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["id", "seen"])
        w.writerows([f"c{i:02d}", cell] for i, cell in enumerate(cells))
    return export


@pytest.mark.parametrize(
    ("formats", "cells"),
    [
        ("[iso]", ISO_CELLS),
        ('["%d/%m/%Y %H:%M", iso]', ["01/11/2026 24:00", "01/11/2026 23:00", *ISO_CELLS[:3]]),
    ],
)
def test_hour_24_reads_as_duckdb_reads_it(
    cli: Cli,
    write_sla,  # type: ignore[no-untyped-def]
    tmp_path: Path,
    formats: str,
    cells: list[str],
) -> None:
    sla = write_sla(SLA.format(formats=formats))
    export = midnight_export(tmp_path, cells)
    expected = scored(cli, sla, export)
    by_id = {r[0]: r for r in expected}
    # DuckDB reads 24:00 as the next midnight: the same instant as the next day's 00:00
    if formats == "[iso]":
        assert by_id["c00"][3] == by_id["c13"][3] > 0
        # unreadable (no decay: the whole 64), as 25:00
        assert by_id["c08"][3] == by_id["c09"][3] == by_id["c10"][3] == by_id["c11"][3] == 64
        assert by_id["c00"][3] < 64
    script = compile_sql(cli, "--sla", sla, "--dialect", "duckdb", "--table", "t", "--as-of", AS_OF)
    con = duckdb.connect()
    text_table(con, "t", export, delim=",")
    got = [tuple(r) for r in con.execute(script).fetchall()]
    same(got, expected)  # type: ignore[arg-type]

"""`compile --what deadlines --dialect duckdb` against `check-deadlines` on a generated export
with what business time must get right: a zone with DST (New York), lunch breaks, Saturday
hours, an override that closes a day, company days off, minutes and `Nd` targets (`0d`
too), tiers, `early_stop: met`, stops before starts, `at_risk` as a share and as time left,
a calendar-clock rule, and starts outside business hours and on days off."""

from __future__ import annotations

import csv
import random
from pathlib import Path

import duckdb

from tests.cli.test_compile import compile_sql, item, text_table
from tests.conftest import Cli

SLA = """
version: 1
name: deadlines everywhere
effective: 2026-01-05
leads:
  timezone: America/New_York
  date_formats: ["%m/%d/%Y %H:%M", iso]
  columns: {id: Lead ID, owner: Owner}
calendar:
  timezone: America/New_York
  hours:
    mon-fri: "09:00-12:00, 13:00-17:30"
    sat: "10:00-12:00"
  overrides: {2026-03-09: "", 2026-11-02: "13:00-15:00"}
  holidays:
    include: [2026-03-16, 2026-11-26]
follow_up:
  - id: first-touch
    owner: sales
    start: created_at
    stop: [touched_at, lost_at]
    early_stop: met
    within: 2h
    at_risk: 50%
    tiers:
      - {when: {field: hot, is: true}, within: 30m}
  - id: close-of-day
    owner: sales
    start: created_at
    stop: [touched_at]
    within: 0d
  - id: two-days
    owner: sales
    when: {field: hot, is: false}
    start: created_at
    stop: [qualified_at]
    within: 2d
    at_risk: 3h
  - id: wall-clock
    owner: marketing
    start: created_at
    stop: [touched_at]
    clock: calendar
    within: 1d
    at_risk: 6h
"""
AS_OF = "2026-11-04T16:00:00-05:00"


def write_export(path: Path, n: int = 160) -> None:
    rnd = random.Random(14)

    def stamp(base_day: int, minutes: int) -> str:
        # days from 2026-01-01, clustered around the DST changes (Mar 8, Nov 1) and as-of
        from datetime import datetime, timedelta

        t = datetime(2026, 1, 1) + timedelta(days=base_day, minutes=minutes)
        return t.strftime("%m/%d/%Y %H:%M") if rnd.random() < 0.8 else t.isoformat(" ")

    rows = []
    for i in range(n):
        day = rnd.choice([rnd.randint(60, 80), rnd.randint(295, 307), rnd.randint(0, 300)])
        start_min = rnd.randint(0, 24 * 60 - 1)
        created = stamp(day, start_min)
        touched = stamp(day, start_min + rnd.randint(-120, 3000)) if rnd.random() < 0.7 else ""
        qualified = stamp(day, start_min + rnd.randint(0, 6000)) if rnd.random() < 0.5 else ""
        lost = stamp(day, start_min + rnd.randint(-60, 600)) if rnd.random() < 0.1 else ""
        rows.append(
            [
                f"L{i:03d}",
                rnd.choice(["ana", "Bruno", "", "carla"]),
                rnd.choice(["sim", "não", ""]),
                created,
                touched,
                qualified,
                lost,
            ]
        )
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(
            ["Lead ID", "Owner", "hot", "created_at", "touched_at", "qualified_at", "lost_at"]
        )
        w.writerows(rows)


def test_deadlines_script_equals_check_deadlines_on_a_busy_calendar(
    cli: Cli,
    write_sla,  # type: ignore[no-untyped-def]
    tmp_path: Path,
) -> None:
    sla = write_sla(SLA)
    export = tmp_path / "leads.csv"
    write_export(export)
    r = cli(
        "check-deadlines", export, "--sla", sla, "--as-of", AS_OF, "--status", "all",
        "--format", "csv", "--quiet",
    )  # fmt: skip
    assert r.exit_code in (0, 1), r.stderr
    expected = [item(row) for row in csv.DictReader(r.stdout.splitlines())]
    assert len(expected) > 300
    assert {e[4] for e in expected} >= {"met", "met_late", "breached", "at_risk", "on_track"}
    script = compile_sql(
        cli, "--sla", sla, "--dialect", "duckdb", "--table", "leads", "--what", "deadlines",
        "--as-of", AS_OF,
    )  # fmt: skip
    con = duckdb.connect()
    text_table(con, "leads", export, delim=",")
    found = con.execute(script)
    columns = [c[0] for c in found.description or []]
    got = [item(dict(zip(columns, row, strict=True))) for row in found.fetchall()]
    assert sorted(got, key=repr) == sorted(expected, key=repr)

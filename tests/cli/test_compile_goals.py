"""`compile --what goals --dialect duckdb` against `report --format json`: on the example, and
on a generated export with every metric on both clocks (conversions `within` minutes and
business days, maturing cohorts), `where`, `effective` and compliance."""

from __future__ import annotations

import csv
import json
import random
from datetime import datetime, timedelta
from pathlib import Path

import duckdb
import pytest

from tests.cli.test_compile import compile_sql, text_table
from tests.conftest import AS_OF, EXAMPLES, Cli

Value = tuple[object, ...]


def reported(cli: Cli, sla: Path, export: Path, as_of: str) -> list[Value]:
    r = cli("report", export, "--sla", sla, "--as-of", as_of, "--format", "json", "--quiet")
    assert r.exit_code == 0, r.stderr
    out = []
    for p in json.loads(r.stdout)["periods"]:
        start = datetime.fromisoformat(p["start"]).timestamp()
        end = datetime.fromisoformat(p["end"]).timestamp()
        for g in p["goals"]:
            out.append(value(g["id"], start, end, g["value"], g["size"], g["met"], g["maturing"]))
    return out


def value(goal: object, start: float, end: float, v: object, size: object, met: object, maturing: object) -> Value:  # fmt: skip
    return (goal, start, end, None if v is None else round(float(str(v)), 9), size, met, maturing)


def run_script(
    cli: Cli, sla: Path, export: Path, as_of: str, delim: str, *extra: str
) -> list[Value]:
    script = compile_sql(
        cli, "--sla", sla, "--dialect", "duckdb", "--table", "t", "--what", "goals",
        "--as-of", as_of, *extra,
    )  # fmt: skip
    con = duckdb.connect()
    text_table(con, "t", export, delim=delim)
    found = con.execute(script)
    columns = [c[0] for c in found.description or []]
    out = []
    for row in found.fetchall():
        r = dict(zip(columns, row, strict=True))
        assert r["group"] is None
        out.append(
            value(
                r["goal"],
                r["period_start"].timestamp(),
                r["period_end"].timestamp(),
                r["value"],
                r["size"],
                r["met"],
                r["maturing"],
            )
        )
    return out


def test_goals_script_gives_reports_values_on_the_example(cli: Cli) -> None:
    sla, export = EXAMPLES / "sla.yaml", EXAMPLES / "leads.csv"
    got = run_script(cli, sla, export, AS_OF, ";")
    assert sorted(got, key=repr) == sorted(reported(cli, sla, export, AS_OF), key=repr)
    assert {g[5] for g in got} >= {True, False}


SLA = """
version: 1
name: goals everywhere
effective: 2026-02-02
leads:
  timezone: Europe/Berlin
  columns: {id: Lead ID}
calendar:
  timezone: Europe/Berlin
  hours: {mon-fri: "09:00-12:00, 13:00-17:00"}
  holidays: {include: [2026-03-27]}
scoring:
  fit:
    rules:
      - {name: big, when: {field: size, gte: 100}, points: 10}
    grades: {A: 10}
follow_up:
  - {id: touch, owner: sales, start: created_at, stop: [touched_at], within: 4h}
goals:
  period: week
  targets:
    - {id: created, owner: m, metric: count, of: created_at, target: ">= 5"}
    - {id: big-created, owner: m, metric: count, of: created_at, target: ">= 2",
       where: {field: grade, eq: A}}
    - {id: conv-cal, owner: s, metric: conversion, from: created_at, to: won_at, within: 10d,
       target: ">= 30%"}
    - {id: conv-bmin, owner: s, metric: conversion, from: created_at, to: won_at, within: 16h,
       clock: business, target: ">= 20%"}
    - {id: conv-bdays, owner: s, metric: conversion, from: created_at, to: won_at, within: 3d,
       clock: business, target: ">= 25%"}
    - {id: conv-open, owner: s, metric: conversion, from: created_at, to: won_at, target: ">= 10%"}
    - {id: med-b, owner: s, metric: median_time, from: created_at, to: touched_at, target: "<= 4h"}
    - {id: p90-cal, owner: s, metric: p90_time, from: created_at, to: touched_at,
       clock: calendar, target: "<= 30h"}
    - {id: mean-b, owner: s, metric: mean_time, from: created_at, to: won_at, target: "<= 20h"}
    - {id: on-time, owner: s, metric: compliance, follow_up: touch, target: ">= 50%"}
"""
GOALS_AS_OF = "2026-03-31T10:00:00+02:00"


def write_export(path: Path, n: int = 220) -> None:
    rnd = random.Random(12)
    base = datetime(2026, 1, 12)
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["Lead ID", "size", "created_at", "touched_at", "won_at"])
        for i in range(n):
            created = base + timedelta(minutes=rnd.randint(0, 80 * 24 * 60))

            def after(p: float, most: int, created: datetime = created) -> str:
                if rnd.random() > p:
                    return ""
                return (created + timedelta(minutes=rnd.randint(-30, most))).isoformat(" ")

            w.writerow(
                [
                    f"G{i}",
                    rnd.choice(["10", "150", "", "99"]),
                    created.isoformat(" "),
                    after(0.8, 3000),
                    after(0.4, 20000),
                ]
            )


@pytest.mark.parametrize("as_of", [GOALS_AS_OF, "2026-03-25T12:00:00+01:00"])
def test_goals_script_gives_reports_values_on_every_metric(
    cli: Cli,
    write_sla,  # type: ignore[no-untyped-def]
    tmp_path: Path,
    as_of: str,
) -> None:
    sla = write_sla(SLA)
    export = tmp_path / "leads.csv"
    write_export(export)
    expected = reported(cli, sla, export, as_of)
    assert {e[6] for e in expected} == {True, False}  # some cohorts still maturing
    assert {e[5] for e in expected} >= {True, False, None}
    got = run_script(cli, sla, export, as_of, ",")
    assert sorted(got, key=repr) == sorted(expected, key=repr)


def test_goals_at_the_engines_clock(
    cli: Cli,
    write_sla,  # type: ignore[no-untyped-def]
    tmp_path: Path,
) -> None:
    """Without --as-of the script keeps the periods report shows at the engine's clock (the
    export is made around today, so the test does not age)."""
    sla = write_sla(
        """
        version: 1
        name: now
        leads: {timezone: UTC}
        goals:
          period: week
          targets:
            - {id: made, owner: m, metric: count, of: created_at, target: ">= 5"}
            - {id: won, owner: m, metric: conversion, from: created_at, to: won_at,
               within: 3d, clock: calendar, target: ">= 10%"}
        """
    )
    export = tmp_path / "leads.csv"
    rnd = random.Random(5)
    now = datetime.now().replace(microsecond=0)
    with export.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["id", "created_at", "won_at"])
        for i in range(80):
            created = now - timedelta(minutes=rnd.randint(60, 70 * 24 * 60))
            won = created + timedelta(minutes=rnd.randint(0, 6000))
            w.writerow([f"n{i}", created.isoformat(" "), won.isoformat(" ") if i % 3 else ""])
    r = cli("report", export, "--sla", sla, "--format", "json", "--quiet")
    assert r.exit_code == 0, r.stderr
    expected = [
        (g["id"], datetime.fromisoformat(p["start"]).timestamp(), g["value"], g["size"], g["met"],
         g["maturing"])
        for p in json.loads(r.stdout)["periods"]
        for g in p["goals"]
    ]  # fmt: skip
    script = compile_sql(
        cli, "--sla", sla, "--dialect", "duckdb", "--table", "t", "--what", "goals"
    )
    con = duckdb.connect()
    text_table(con, "t", export, delim=",")
    got = [
        (goal, start.timestamp(), value, size, met, maturing)
        for goal, start, _end, _group, value, size, met, maturing in con.execute(script).fetchall()
    ]
    assert len(got) == 16
    assert sorted(got, key=repr) == sorted(expected, key=repr)


GROUPED = """
version: 1
name: goals per owner
leads:
  timezone: America/Sao_Paulo
  columns: {id: Lead ID, owner: Owner}
  types: {size: number}
calendar:
  timezone: America/Sao_Paulo
  hours: {mon-fri: "09:00-18:00"}
follow_up:
  - {id: win, owner: sales, start: created_at, stop: [won_at], within: 2d}
goals:
  period: month
  targets:
    - {id: on-time-big, owner: sales, metric: compliance, follow_up: win, target: ">= 30%",
       where: {field: size, gte: 10}}
    - {id: on-time-owner, owner: sales, metric: compliance, follow_up: win, target: ">= 30%",
       for_each: owner}
    - {id: per-owner, owner: sales, metric: count, of: created_at, target: ">= 3",
       for_each: owner, overrides: {ANA: ">= 5", "(unassigned)": ">= 1"}}
    - {id: per-size, owner: sales, metric: conversion, from: created_at, to: won_at,
       target: ">= 20%", for_each: size}
    - {id: time-per-owner, owner: sales, metric: median_time, from: created_at,
       to: won_at, target: "<= 10h", for_each: owner}
    - {id: all, owner: sales, metric: count, of: created_at, target: ">= 10"}
"""


def test_for_each_goals_give_reports_groups(
    cli: Cli,
    write_sla,  # type: ignore[no-untyped-def]
    tmp_path: Path,
) -> None:
    """Groups as report makes them: one per value trimmed and case-folded, shown with its
    most frequent spelling; a blank owner is (unassigned), another blank (blank); whole
    numbers without `.0`; overrides matched case-folded. Compliance narrowed by `where` and
    per owner: each follow-up joined back to its lead (a table has no line numbers)."""
    sla = write_sla(GROUPED)
    export = tmp_path / "leads.csv"
    rnd = random.Random(3)
    with export.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["Lead ID", "Owner", "size", "created_at", "won_at"])
        for i in range(150):
            created = datetime(2026, 5, 1) + timedelta(minutes=rnd.randint(0, 150 * 24 * 60))
            won = created + timedelta(minutes=rnd.randint(0, 9000)) if rnd.random() < 0.4 else None
            w.writerow(
                [
                    f"P{i}",
                    rnd.choice(["Ana", "ana ", "ANA", "Bruno", "bruno", "", "Çecília", "çecília"]),
                    rnd.choice(["10", "10.0", "2.5", "", "50"]),
                    created.isoformat(" "),
                    won.isoformat(" ") if won else "",
                ]
            )
    as_of = "2026-09-20T12:00:00-03:00"
    r = cli("report", export, "--sla", sla, "--as-of", as_of, "--format", "json", "--quiet")
    assert r.exit_code == 0, r.stderr
    expected = []
    for p in json.loads(r.stdout)["periods"]:
        start = datetime.fromisoformat(p["start"]).timestamp()
        for g in p["goals"]:
            group = next(iter(g["group"].values())) if g["group"] else None
            v = None if g["value"] is None else round(float(g["value"]), 9)
            expected.append((g["id"], start, group, v, g["size"], g["met"], g["maturing"]))
    script = compile_sql(
        cli, "--sla", sla, "--dialect", "duckdb", "--table", "t", "--what", "goals",
        "--as-of", as_of,
    )  # fmt: skip
    con = duckdb.connect()
    text_table(con, "t", export, delim=",")
    found = con.execute(script)
    columns = [c[0] for c in found.description or []]
    got = []
    for row in found.fetchall():
        x = dict(zip(columns, row, strict=True))
        v = None if x["value"] is None else round(float(x["value"]), 9)
        got.append(
            (x["goal"], x["period_start"].timestamp(), x["group"], v, x["size"], x["met"],
             x["maturing"])
        )  # fmt: skip
    assert {e[2] for e in expected} >= {"(unassigned)", "(blank)", "10"}
    assert sorted(got, key=repr) == sorted(expected, key=repr)
    for dialect in ("postgres", "spark", "bigquery", "snowflake"):  # the allowlist passes
        compile_sql(
            cli, "--sla", sla, "--dialect", dialect, "--table", "t", "--what", "goals",
            "--as-of", as_of,
        )  # fmt: skip

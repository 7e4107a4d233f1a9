"""Scripts at the engine's clock, and the calendar `--engine` spans over the table (issue 14,
review F9 and F2).

F9: `compile --what goals` without `--as-of` (the engine's clock) always stopped on PostgreSQL
with "the engine's clock is outside the periods this script holds": the planner folded the
guard (a cast of text holding now() to a number) while estimating a WHERE clause, although no
row reached it. Each `now` script (scores, deadlines, goals) now runs on PostgreSQL, Spark and
DuckDB and gives DuckDB's rows; a guard fires only where its condition holds.

F2: `check-deadlines`/`report --engine` stopped (exit 2) on a table holding a lead older than
two years before the as-of time: the scripts' business calendar was compile's default range.
It now spans the table's starts (one query), so the results equal the CSV run."""

from __future__ import annotations

import csv
import random
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import duckdb
import pytest

from leadsla.engine.remote import EngineError, Target, open_engine
from tests.cli.test_compile import compile_sql, text_table
from tests.engines.conftest import PgServer, _load_pg, _load_spark
from tests.engines.test_report_results import same_report
from tests.engines.test_results import same_items

NOW_SLA = """
version: 1
name: at the engine's clock
leads:
  timezone: Asia/Tokyo
  date_formats: ["%d/%m/%Y %H:%M"]
  columns: {id: ID, email: Email, job_title: Title, company_size: Size}
  types: {company_size: number}
calendar:
  timezone: Asia/Tokyo
  hours: {mon-fri: "09:00-18:00"}
scoring:
  fit:
    rules:
      - {name: CEO, when: {field: job_title, matches: "\\\\bceo\\\\b"}, points: 30}
      - {name: Size, when: {field: company_size, between: [50, 1000]}, points: 20}
      - {name: Recent, when: {field: created_at, within: 30d}, points: 10}
    grades: {A: 50, B: 30}
qualification:
  mql: {field: grade, eq: A}
follow_up:
  - {id: contact, owner: sales, start: created_at, stop: [contacted_at], within: 4h}
goals:
  period: week
  targets:
    - {id: new, owner: marketing, metric: count, of: created_at, target: ">= 5"}
    - {id: contacted, owner: sales, metric: conversion, from: created_at, to: contacted_at,
       within: 2d, target: ">= 50%"}
    - {id: response, owner: sales, metric: median_time, from: created_at, to: contacted_at,
       target: "<= 4h"}
    - {id: on-time, owner: sales, metric: compliance, follow_up: contact, target: ">= 90%"}
"""


def now_export(path: Path) -> Path:
    """90 leads made over the last 60 days (around today: the test does not age), Tokyo
    wall times; a third never contacted."""
    rnd = random.Random(14)
    now = datetime.now(UTC).replace(tzinfo=None) + timedelta(hours=9)  # Tokyo, no DST
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["ID", "Email", "Title", "Size", "created_at", "contacted_at"])
        for i in range(90):
            created = now - timedelta(minutes=rnd.randint(90, 60 * 24 * 60))
            contacted = created + timedelta(minutes=rnd.randint(5, 3000))
            w.writerow(
                [
                    f"n{i}",
                    f"p{i}@acme.io",
                    rnd.choice(["CEO", "ceo office", "Analyst", ""]),
                    rnd.choice(["10", "120", "", "5000"]),
                    created.strftime("%d/%m/%Y %H:%M"),
                    contacted.strftime("%d/%m/%Y %H:%M") if i % 3 and contacted < now else "",
                ]
            )
    return path


def at_now(cli: Any, sla: Path, what: str, dialect: str, table: str = "clock") -> str:
    script = compile_sql(cli, "--sla", sla, "--dialect", dialect, "--table", table, "--what", what)
    assert "-- as of the engine's clock" in script
    return script


def kept(what: str, columns: list[str], rows: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    """The columns that do not move with the seconds between two runs at the engine's clock
    (elapsed minutes do), numbers rounded, instants as seconds since 1970."""
    keep = {
        "scores": ["id", "fit", "grade", "engagement", "score", "qualification", "funnel_stage"],
        "deadlines": ["lead", "rule", "status", "start", "due", "stopped", "target_minutes"],
        "goals": ["goal", "period_start", "period_end", "group", "value", "size", "met"],
    }[what]

    def plain(v: Any) -> Any:
        if isinstance(v, datetime):
            return round(v.timestamp())
        if isinstance(v, (int, float)) and not isinstance(v, bool):
            return round(float(v), 9)
        return v

    out = [tuple(plain(r[columns.index(c)]) for c in keep) for r in rows]
    return sorted(out, key=repr)


def duckdb_rows(script: str, export: Path) -> tuple[list[str], list[tuple[Any, ...]]]:
    con = duckdb.connect()
    text_table(con, "clock", export, delim=",")
    found = con.execute(script)
    return [c[0] for c in found.description or []], found.fetchall()


def engine_rows(target: Target, script: str) -> tuple[list[str], list[tuple[Any, ...]]]:
    engine = open_engine(target)
    try:
        fetched = engine.run(script)
        return [c.name for c in fetched.columns], fetched.all()
    finally:
        engine.close()


@pytest.fixture
def now_sla(write_sla: Any) -> Path:
    return Path(write_sla(NOW_SLA))


@pytest.mark.parametrize("what", ["goals", "scores", "deadlines"])
def test_scripts_at_the_engines_clock_run_on_postgres_as_on_duckdb(
    cli: Any, postgres_server: PgServer, now_sla: Path, tmp_path: Path, what: str
) -> None:
    export = now_export(tmp_path / "clock.csv")
    table = _load_pg(postgres_server, f"clock_{what}", export)
    local = duckdb_rows(at_now(cli, now_sla, what, "duckdb"), export)
    # the scripts run with search_path pinned (pg_catalog, pg_temp): name the schema, as
    # --engine does once it has found the table
    script = at_now(cli, now_sla, what, "postgres", f"public.{table}")
    remote = engine_rows(Target("postgres", table, postgres_server.dsn), script)
    assert remote[0] == local[0]
    assert len(local[1]) > (20 if what == "goals" else 80)
    assert kept(what, *remote) == kept(what, *local)
    if what == "goals":
        # report's 8 weeks up to the one holding the clock, each goal in each
        assert len(local[1]) == 8 * 4
        assert {r[local[0].index("goal")] for r in local[1]} == {
            "new",
            "contacted",
            "response",
            "on-time",
        }


def test_the_goals_script_at_the_engines_clock_runs_on_spark(
    cli: Any, spark: Any, now_sla: Path, tmp_path: Path
) -> None:
    export = now_export(tmp_path / "clock.csv")
    _load_spark(spark, "clock", export, tmp_path / "clock.parquet")
    local = duckdb_rows(at_now(cli, now_sla, "goals", "duckdb"), export)
    remote = engine_rows(Target("spark", "clock"), at_now(cli, now_sla, "goals", "spark"))
    assert len(local[1]) == 8 * 4
    assert kept("goals", *remote) == kept("goals", *local)


def test_the_clock_guard_fires_only_outside_the_periods(
    cli: Any, postgres_server: PgServer, now_sla: Path, tmp_path: Path
) -> None:
    """Compiled for 2020-2021, the engine's clock is outside: the script stops, saying so
    with readable instants, on PostgreSQL as on DuckDB."""
    export = now_export(tmp_path / "clock.csv")
    table = _load_pg(postgres_server, "clock_out", export)
    args = ("--from", "2020-01-01", "--to", "2021-12-31")
    words = (
        r"leadsla: the engine's clock \(20\d\d-\d\d-\d\d \d\d:\d\d:\d\d UTC\) is outside the"
        r" periods this script holds \(2020-01-0\d \d\d:00:00 UTC to 2021-12-\d\d \d\d:00:00"
        r" UTC\); compile it again"
    )
    for dialect in ("duckdb", "postgres"):
        script = compile_sql(
            cli, "--sla", now_sla, "--dialect", dialect, "--table",
            "clock" if dialect == "duckdb" else f"public.{table}", "--what", "goals", *args,
        )  # fmt: skip
        if dialect == "duckdb":
            with pytest.raises(duckdb.Error, match=words):
                duckdb_rows(script, export)
        else:
            with pytest.raises(EngineError, match=words):
                engine_rows(Target("postgres", table, postgres_server.dsn), script)


# --- F2: the calendar of --engine spans the table ---------------------------------------------

DL_SLA = """
version: 1
name: old leads
leads:
  timezone: Europe/London
  date_formats: ["%d/%m/%Y %H:%M", iso]
  columns: {id: ID, created_at: Created, first_contact_at: Contact, owner: Owner}
calendar:
  timezone: America/New_York
  hours: {mon-fri: "00:30-02:30, 09:00-17:00", sun: "01:00-03:00"}
  holidays: {include: [2026-11-03, 2020-01-20]}
follow_up:
  - {id: c, owner: sales, start: created_at, stop: [first_contact_at], within: 4h}
  - {id: d, owner: sales, start: created_at, stop: [first_contact_at], within: 2d}
goals:
  period: month
  targets:
    - {id: on-time, owner: sales, metric: compliance, follow_up: d, target: ">= 50%"}
    - {id: made, owner: sales, metric: count, of: created_at, target: ">= 2"}
"""
OLD_AS_OF = "2026-11-20T12:00:00+00:00"


def old_export(path: Path) -> Path:
    """Leads of 2020 (one contacted late, one met, one never), 2012 and of November 2026."""
    rows = [
        ("old", "15/01/2020 10:00", "", "x"),
        ("oldmet", "16/01/2020 10:00", "16/01/2020 11:00", "x"),
        ("oldlate", "17/01/2020 16:30", "22/01/2020 10:00", "y"),
        ("ancient", "03/03/2012 09:00", "05/03/2012 09:00", ""),
        ("new", "15/11/2026 10:00", "", "y"),
        ("newmet", "18/11/2026 14:00", "18/11/2026 15:00", "x"),
    ]
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, delimiter=";")
        w.writerow(["ID", "Created", "Contact", "Owner"])
        w.writerows(rows)
    return path


def test_a_table_with_leads_of_2012_and_2020_gives_the_csvs_deadlines_and_report_on_postgres(
    cli: Any, postgres_server: PgServer, write_sla: Any, tmp_path: Path
) -> None:
    sla = write_sla(DL_SLA)
    export = old_export(tmp_path / "old.csv")
    table = _load_pg(postgres_server, "old_leads", export)
    pg = ["--engine", "postgres", "--table", table, "--dsn", postgres_server.dsn]
    dl = ["check-deadlines", "--sla", sla, "--as-of", OLD_AS_OF, "--status", "all"]
    local = cli(*dl, "--format", "csv", export)
    remote = cli(*dl, "--format", "csv", *pg)
    same_items(local, remote, path=str(export), name=table)
    assert {r.split(",")[0] for r in remote.stdout.splitlines()[1:]} >= {"old", "ancient"}
    report = ["report", "--sla", sla, "--as-of", OLD_AS_OF, "--format", "json"]
    local = cli(*report, export)
    remote = cli(*report, *pg)
    same_report(local, remote, table, path=str(export))


def test_a_table_with_a_lead_of_2020_gives_the_csvs_deadlines_on_spark(
    cli: Any, spark: Any, write_sla: Any, tmp_path: Path
) -> None:
    sla = write_sla(DL_SLA)
    export = old_export(tmp_path / "old.csv")
    _load_spark(spark, "old_leads", export, tmp_path / "old.parquet")
    dl = ["check-deadlines", "--sla", sla, "--as-of", OLD_AS_OF, "--status", "all"]
    local = cli(*dl, "--format", "csv", export)
    remote = cli(*dl, "--format", "csv", "--engine", "spark", "--table", "old_leads")
    same_items(local, remote, path=str(export), name="old_leads")
    # a script spanned before the lead of 2012 came in: its guard stops it, the start shown
    # in UTC whatever the session's zone, and the message read out of Spark's error
    spark.conf.set("spark.sql.session.timeZone", "Asia/Kolkata")
    try:
        said = spanned_too_late(sla, "spark", "`old_leads`", Target("spark", "old_leads"))
    finally:
        spark.conf.set("spark.sql.session.timeZone", "UTC")
    assert said.startswith("lead ancient, follow-up ")


def test_compiled_for_a_narrow_calendar_the_script_names_the_lead_and_its_start(
    cli: Any, postgres_server: PgServer, write_sla: Any, tmp_path: Path
) -> None:
    """`compile` keeps its default range (two years before the as-of time): a start outside
    stops the script with the lead, the rule, the start as a date and what to do."""
    sla = write_sla(DL_SLA)
    export = old_export(tmp_path / "old.csv")
    table = _load_pg(postgres_server, "old_compiled", export)
    script = compile_sql(
        cli, "--sla", sla, "--dialect", "postgres", "--table", f"public.{table}", "--what", "deadlines",
        "--as-of", OLD_AS_OF,
    )  # fmt: skip
    with pytest.raises(EngineError) as caught:
        engine_rows(Target("postgres", table, postgres_server.dsn), script)
    message = str(caught.value)
    assert ": it starts at 20" in message and " UTC, outside the business calendar this" in message
    assert "(2024-11-20 to 2027-11-20); compile the script again with --from and --to" in message
    assert "seconds since 1970" not in message
    assert any(f"lead {lead}, follow-up " in message for lead in ("old", "oldmet", "ancient"))


def test_a_guard_of_an_engine_run_says_to_run_the_command_again(
    cli: Any, postgres_server: PgServer, write_sla: Any, tmp_path: Path
) -> None:
    """The `--engine` scripts hold a calendar spanned over the table's starts, read just
    before: a guard fires only when the table changed meanwhile (a lead of 2012 inserted),
    and the message says so, not to use --from/--to, which the command lacks."""
    sla = write_sla(DL_SLA)
    export = old_export(tmp_path / "old.csv")
    table = _load_pg(postgres_server, "old_changed", export)
    said = spanned_too_late(
        sla, "postgres", f'public."{table}"', Target("postgres", table, postgres_server.dsn)
    )
    assert said.startswith("lead ancient, follow-up ")


def spanned_too_late(sla: Path, dialect: str, table: str, target: Target) -> str:
    """Run check-deadlines' script spanned from 2020-01-08 (as if read before the lead of
    2012 came in): its guard stops it; the message script_stop reads out of the error."""
    from leadsla.commands.remote import script_stop
    from leadsla.engine.compile import Target as CompileTarget
    from leadsla.engine.remote.scripts import deadlines_script
    from leadsla.sla.asof import parse_as_of
    from leadsla.sla.load import load_sla

    loaded = load_sla(Path(sla))
    as_of = parse_as_of(OLD_AS_OF, "UTC")
    span = (datetime(2020, 1, 8).date(), datetime(2027, 11, 20).date())
    script = deadlines_script(loaded, dialect, CompileTarget(table, "ID"), as_of, span)
    with pytest.raises(EngineError) as caught:
        engine_rows(target, script)
    said = script_stop(str(caught.value))
    assert said is not None, str(caught.value)
    assert said.endswith(
        ": it starts at 2012-03-03 09:00:00 UTC, outside the business calendar leadsla"
        " computed from the table (2020-01-08 to 2027-11-20): the table changed while leadsla"
        " read it; run the command again"
    ), said
    return said

"""Golden files of `leadsla compile` for the dialects that cannot run here (BigQuery,
Snowflake), made from a SMALL SLA written for them (tests/data/slas/compile_golden.yaml): one
rule per construct whose SQL differs by dialect — a `matches` with `\\b`, `in`, `ends_with`,
`between` on a number, `within` on a date, one follow-up in business hours with one holiday,
a calendar of a few days, one goal of each metric kind — so that a person can read each golden
line by line (`pytest --update-golden` rewrites them; read the diff).

The same SLA's DuckDB script is run on a small export and equals score, check-deadlines and
report, so the goldens hold an SLA whose meaning is checked. The big bundled example is
compiled for every dialect and every `--what` (allowlist of the tree, printed text, one
statement that parses in its dialect), without goldens."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import duckdb
import pytest
import sqlglot

from leadsla.engine.sqlcheck import check_text
from leadsla.sla.regex_subset import DIALECTS
from tests.cli.test_compile import GOLDEN, compile_sql, item, same, scored, text_table
from tests.cli.test_compile_goals import reported, run_script
from tests.conftest import AS_OF, EXAMPLES, Cli

HERE = Path(__file__).resolve().parent.parent / "data"
SLA = HERE / "slas" / "compile_golden.yaml"
EXPORT = HERE / "exports" / "compile_golden.csv"
GOLDEN_AS_OF = "2026-11-23T12:00"
# the calendar of each script: two weeks for deadlines; from the first period report shows for goals
RANGE = {
    "scores": (),
    "deadlines": ("--from", "2026-11-16", "--to", "2026-11-30"),
    "goals": ("--from", "2026-10-26", "--to", "2026-11-30"),
}


def golden_args(what: str, dialect: str, table: str) -> tuple[str | Path, ...]:
    return (
        "--sla", SLA, "--dialect", dialect, "--table", table, "--what", what,
        "--as-of", GOLDEN_AS_OF, *RANGE[what],
    )  # fmt: skip


@pytest.mark.parametrize("what", ["scores", "deadlines", "goals"])
@pytest.mark.parametrize("dialect", ["bigquery", "snowflake"])
def test_golden_script(cli: Cli, what: str, dialect: str, update_golden: bool) -> None:
    script = compile_sql(cli, *golden_args(what, dialect, "crm.leads"))
    script = re.sub(r"^-- leadsla \S+", "-- leadsla <version>", script)
    path = GOLDEN / f"{what}.{dialect}.sql"
    if update_golden:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(script, encoding="utf-8")
    assert script == path.read_text(encoding="utf-8")
    # small enough to be read line by line
    assert script.count("\n") < 1400


def test_the_golden_slas_scores_script_gives_score_csv_values(cli: Cli) -> None:
    con = duckdb.connect()
    text_table(con, "t", EXPORT, delim=",")
    got = con.execute(compile_sql(cli, *golden_args("scores", "duckdb", "t"))).fetchall()
    expected = scored(cli, SLA, EXPORT, GOLDEN_AS_OF)
    # every fit rule decides some lead (\b: "CEO's" and "Co-CEO" match, "ceos club" does not)
    assert {r[1] for r in expected} >= {80.0, 70.0, 50.0, 20.0, 10.0}
    same([tuple(r) for r in got], expected)


def test_the_golden_slas_deadlines_script_gives_check_deadlines_values(cli: Cli) -> None:
    r = cli(
        "check-deadlines", EXPORT, "--sla", SLA, "--as-of", GOLDEN_AS_OF, "--status", "all",
        "--format", "csv", "--quiet",
    )  # fmt: skip
    assert r.exit_code == 1, r.stderr  # one breach
    expected = [item(row) for row in csv.DictReader(r.stdout.splitlines())]
    assert {e[4] for e in expected} == {"met", "breached", "on_track"}
    con = duckdb.connect()
    text_table(con, "t", EXPORT, delim=",")
    found = con.execute(compile_sql(cli, *golden_args("deadlines", "duckdb", "t")))
    columns = [c[0] for c in found.description or []]
    got = [item(dict(zip(columns, row, strict=True))) for row in found.fetchall()]
    assert sorted(got, key=repr) == sorted(expected, key=repr)


def test_the_golden_slas_goals_script_gives_reports_values(cli: Cli) -> None:
    expected = reported(cli, SLA, EXPORT, GOLDEN_AS_OF)
    assert {e[0] for e in expected} == {"new", "contacted", "response", "on-time"}
    got = run_script(cli, SLA, EXPORT, GOLDEN_AS_OF, ",", *RANGE["goals"][0:4])
    assert sorted(got, key=repr) == sorted(expected, key=repr)


@pytest.mark.parametrize("what", ["scores", "deadlines", "goals"])
@pytest.mark.parametrize("dialect", DIALECTS)
def test_the_examples_script_passes_the_allowlist(cli: Cli, what: str, dialect: str) -> None:
    """The bundled example, every dialect: compile walks the tree against the dialect's
    allowlist (it exits 2 otherwise); the printed text calls only allowed functions and reads
    back as one statement of the dialect."""
    span = () if what == "scores" else ("--from", "2026-06-01", "--to", "2027-01-31")
    script = compile_sql(
        cli, "--sla", EXAMPLES / "sla.yaml", "--dialect", dialect, "--table", "crm.leads",
        "--what", what, "--as-of", AS_OF, *span,
    )  # fmt: skip
    check_text(script, dialect)
    parsed = sqlglot.parse(script, read=dialect)
    assert len([p for p in parsed if p is not None]) == 1

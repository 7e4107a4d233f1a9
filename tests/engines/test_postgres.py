"""`--engine postgres` against a real, private PostgreSQL server (tests/engines/conftest.py)."""

from __future__ import annotations

import csv
import re
import signal
import subprocess
import sys
import time
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import duckdb
import pytest

from leadsla.engine.remote import EngineError, Target, open_engine
from leadsla.engine.remote.load import load_postgres, text_export
from tests.conftest import AS_OF, EXAMPLES, ROOT
from tests.engines.conftest import PgServer

SLA = EXAMPLES / "sla.yaml"
SUMMARY = re.compile(r"^(?P<name>.+?): (?P<counts>[\d,]+ rows: .*)$", re.M)


def summary(stderr: str) -> tuple[str, str]:
    """(name, counts and notes) of the row summary line."""
    found = SUMMARY.search(stderr)
    assert found, stderr
    return found.group("name"), found.group("counts")


def pg_args(server: PgServer, table: str) -> list[str]:
    return ["--engine", "postgres", "--table", table, "--dsn", server.dsn]


def test_the_private_server_runs_as_an_unprivileged_user(
    pg: Any, postgres_server: PgServer
) -> None:
    row = pg.execute("SELECT current_setting('server_version_num')::int, version()").fetchone()
    assert row[0] >= 130000
    assert pg.execute("SHOW listen_addresses").fetchone() == ("",)  # the socket only
    owner = postgres_server.folder.stat().st_uid
    assert owner != 0 or postgres_server.user is None
    assert (postgres_server.folder / "server.log").exists()


# --- loading an export as a table of text --------------------------------------------------


def test_the_example_loads_as_text_columns_named_as_its_headers(pg: Any, example_pg: str) -> None:
    with (EXAMPLES / "leads.csv").open(encoding="utf-8", newline="") as f:
        records = list(csv.reader(f, delimiter=";"))
    headers, rows = records[0], records[1:]
    columns = pg.execute(
        "SELECT column_name, data_type FROM information_schema.columns"
        " WHERE table_name = %s ORDER BY ordinal_position",
        [example_pg],
    ).fetchall()
    assert [c[0] for c in columns] == headers
    assert {c[1] for c in columns} == {"text"}
    assert pg.execute(f'SELECT count(*) FROM "{example_pg}"').fetchone() == (len(rows),)
    # an empty cell arrives as NULL; every other cell as written (quotes, `;`, line breaks)
    loaded = pg.execute(f'SELECT * FROM "{example_pg}"').fetchall()
    assert [list(r) for r in loaded] == [[c if c != "" else None for c in r] for r in rows]
    assert any("\n" in (c or "") for r in loaded for c in r)


def test_rows_of_another_width_are_not_loaded_and_listed(pg: Any, tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_text('id,name\n1,"a, b"\n2\n3,c,extra\n\n4,\nGrand Totals (3 records)\n')
    with text_export(path) as export:
        assert load_postgres(pg, "widths", export) == 2
    assert export.skipped == [3, 4, 7]
    assert pg.execute("SELECT * FROM widths").fetchall() == [("1", "a, b"), ("4", None)]


def test_a_header_postgresql_would_cut_is_refused(pg: Any, tmp_path: Path) -> None:
    path = tmp_path / "long.csv"
    path.write_text("id," + "x" * 64 + "\n1,2\n")
    with text_export(path) as export, pytest.raises(EngineError, match="longer than 63 bytes"):
        load_postgres(pg, "long", export)


# --- the engine: tables, scripts, typed rows in pages ----------------------------------------


def test_a_script_runs_and_its_last_statement_comes_back_typed(postgres_server: PgServer) -> None:
    # the statements share one (read only) transaction: a setting of the first is seen by
    # the last
    script = """
        SELECT set_config('leadsla.s', 'é;x', true);
        SELECT 1 AS n, 2.50::numeric AS d, 0.25::float8 AS f, current_setting('leadsla.s') AS s,
               true AS b, DATE '2026-11-20' AS day,
               TIMESTAMPTZ '2026-11-20 12:00:00-03:00' AS at, NULL::text AS nothing;
    """
    with open_engine(Target("postgres", "t", postgres_server.dsn)) as engine:
        fetched = engine.run(script)
        rows = fetched.all()
    assert [c.name for c in fetched.columns] == ["n", "d", "f", "s", "b", "day", "at", "nothing"]
    assert rows == [
        (
            1,
            Decimal("2.50"),
            0.25,
            "é;x",
            True,
            date(2026, 11, 20),
            datetime(2026, 11, 20, 15, 0, tzinfo=UTC),
            None,
        )
    ]
    assert rows[0][6].utcoffset() is not None  # an instant, not a naive time


def test_rows_come_in_pages(postgres_server: PgServer) -> None:
    with open_engine(Target("postgres", "t", postgres_server.dsn)) as engine:
        pages = list(engine.run("SELECT g FROM generate_series(1, 2500) g ORDER BY g").pages(1000))
    assert [len(p) for p in pages] == [1000, 1000, 500]
    assert [r[0] for p in pages for r in p] == list(range(1, 2501))


def test_tables_are_found_as_postgresql_folds_names(pg: Any, postgres_server: PgServer) -> None:
    pg.execute(
        'CREATE SCHEMA IF NOT EXISTS crm; CREATE TABLE IF NOT EXISTS crm.leads ("E-mail" text)'
    )
    with open_engine(Target("postgres", "x", postgres_server.dsn)) as engine:
        for name in ("crm.leads", "CRM.Leads"):
            relation = engine.relation(name)
            assert relation.headers == ["E-mail"]
            assert relation.table.sql(dialect="postgres") == '"crm"."leads"'
        with pytest.raises(EngineError, match="no table `nowhere`"):
            engine.relation("nowhere")
        with pytest.raises(EngineError, match=r"NAME or SCHEMA\.NAME"):
            engine.relation("a.b.c")


def test_a_failing_query_is_an_error_of_the_engine(postgres_server: PgServer) -> None:
    with (
        open_engine(Target("postgres", "t", postgres_server.dsn)) as engine,
        pytest.raises(EngineError, match=r"PostgreSQL: .*nope"),
    ):
        engine.run("SELECT * FROM nope").all()


# --- the commands on a table ---------------------------------------------------------------


WIRED = {"score", "check-deadlines", "report", "explain"}
"""The commands --engine computes (the others stop after the summary line)."""


@pytest.mark.parametrize(
    "command",
    [["score"], ["check-deadlines"], ["report"], ["explain", "100001"]],
    ids=lambda c: c[0],
)
def test_commands_account_for_the_table_rows_like_the_csv(
    cli: Any, postgres_server: PgServer, example_pg: str, command: list[str]
) -> None:
    """The summary line counts the table's rows in the server; rows and duplicate ids match
    what DuckDB reads from the CSV (unreadable cells too: the compiler's typed reading)."""
    local = cli(*command, "--sla", SLA, "--as-of", AS_OF, "--format", "json")
    remote = cli(*command, "--sla", SLA, "--as-of", AS_OF, *pg_args(postgres_server, example_pg))
    name, counts = summary(remote.stderr)
    assert name == example_pg
    local_counts = summary(local.stderr)[1]
    used = re.search(r"([\d,]+) used", local_counts)
    assert used is not None
    assert counts.startswith(f"{used.group(1)} rows: {used.group(1)} used, 0 rejected, ")
    dup = re.search(r"; [\d,]+ rows share [\d,]+ duplicate ids?", local_counts)
    assert dup is not None and dup.group(0) in counts
    assert counts == local_counts
    if command[0] in WIRED:
        assert remote.exit_code in (0, 1), remote.stderr
    else:  # not computed there yet: exit 2, saying so
        assert remote.exit_code == 2
        assert "does not compute this command's results yet" in remote.stderr


def crafted_export(tmp_path: Path) -> Path:
    """30 rows of the example with cells both readings call unreadable, blanks and a
    duplicate id."""
    with (EXAMPLES / "leads.csv").open(encoding="utf-8", newline="") as f:
        records = list(csv.reader(f, delimiter=";"))
    headers, rows = records[0], [r for r in records[1:31]]
    col = {h: i for i, h in enumerate(headers)}
    rows[6][col["Data de criação"]] = "31/02/2026 10:00"  # the right shape, no such day
    rows[0][col["Funcionários"]] = "11 a 50"
    rows[1][col["Data de criação"]] = "ontem"
    rows[2][col["Pediu demonstração"]] = "talvez"
    rows[3][col["Aberturas de e-mail"]] = " N/A "
    rows[4][col["ID"]] = rows[5][col["ID"]]
    path = tmp_path / "crafted.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f, delimiter=";").writerows([headers, *rows])
    return path


def test_the_summary_line_is_the_csv_one(
    cli: Any, pg: Any, postgres_server: PgServer, tmp_path: Path
) -> None:
    path = crafted_export(tmp_path)
    with text_export(path) as export:
        load_postgres(pg, "crafted", export)
    local = cli("score", path, "--sla", SLA, "--as-of", AS_OF, "--format", "json")
    remote = cli("score", "--sla", SLA, "--as-of", AS_OF, *pg_args(postgres_server, "crafted"))
    assert summary(remote.stderr) == ("crafted", summary(local.stderr)[1])
    unreadable = re.search(r"(\d+) unreadable cells; 2 rows share 1 duplicate id", remote.stderr)
    assert unreadable is not None and int(unreadable.group(1)) >= 4  # the 4 made here, at least


def test_strict_fails_on_the_tables_data_problems(
    cli: Any, pg: Any, postgres_server: PgServer, tmp_path: Path
) -> None:
    with text_export(crafted_export(tmp_path)) as export:
        load_postgres(pg, "crafted_strict", export)
    out = cli(
        "score", "--sla", SLA, "--as-of", AS_OF, "--strict",
        *pg_args(postgres_server, "crafted_strict"),
    )  # fmt: skip
    assert out.exit_code == 2
    assert "--strict: crafted_strict has data problems" in out.stderr


ID_SLA = """
version: 1
name: ids
leads:
  types: {pts: number}
scoring:
  fit:
    rules:
      - {name: p, when: {field: pts, gte: 6}, points: 10}
"""


def test_the_id_of_a_table(cli: Any, pg: Any, postgres_server: PgServer, write_sla: Any) -> None:
    """No line numbers in a table: the id column, else the e-mail, else --line-column; with
    none of them, an error that says so."""
    sla = write_sla(ID_SLA)
    pg.execute(
        "DROP TABLE IF EXISTS by_id, by_email, by_line;"
        "CREATE TABLE by_id (id text, pts text); INSERT INTO by_id VALUES ('a', '7'), ('a', '1');"
        "CREATE TABLE by_email (email text, pts text);"
        "INSERT INTO by_email VALUES ('x@y.z', '7'), ('x@y.z', '1');"
        "CREATE TABLE by_line (n text, pts text); INSERT INTO by_line VALUES ('1', '7'), ('2', 'x')"
    )
    args = ["score", "--sla", sla, "--as-of", AS_OF]
    for table in ("by_id", "by_email"):  # the duplicate shows which column is the id
        out = cli(*args, *pg_args(postgres_server, table))
        assert (
            f"{table}: 2 rows: 2 used, 0 rejected, 0 unreadable cells; 2 rows share 1" in out.stderr
        )
    out = cli(*args, *pg_args(postgres_server, "by_line"))
    assert out.exit_code == 2
    assert "the table `by_line` has no id column and no e-mail column" in out.stderr
    assert "--line-column NAME" in out.stderr
    out = cli(*args, *pg_args(postgres_server, "by_line"), "--line-column", "N")
    assert "by_line: 2 rows: 2 used, 0 rejected, 1 unreadable cells" in out.stderr
    out = cli(*args, *pg_args(postgres_server, "by_line"), "--line-column", "nope")
    assert out.exit_code == 2
    assert "--line-column `nope`: the table `by_line` has no such column" in out.stderr


def test_a_missing_column_names_the_field_and_the_tables_columns(
    cli: Any, pg: Any, postgres_server: PgServer, write_sla: Any
) -> None:
    pg.execute("DROP TABLE IF EXISTS no_pts; CREATE TABLE no_pts (id text, pst text)")
    out = cli(
        "score", "--sla", write_sla(ID_SLA), "--as-of", AS_OF, *pg_args(postgres_server, "no_pts")
    )
    assert out.exit_code == 2
    assert "no_pts lacks a column the command needs" in out.stderr
    assert "field `pts`: no column `pts`" in out.stderr and "closest: `pst`" in out.stderr


def test_a_missing_table_is_exit_2(cli: Any, postgres_server: PgServer) -> None:
    out = cli("score", "--sla", SLA, "--as-of", AS_OF, *pg_args(postgres_server, "nowhere"))
    assert out.exit_code == 2
    assert "PostgreSQL has no table `nowhere`" in out.stderr


@pytest.mark.parametrize("how", ["LEADSLA_DSN", "PG variables"])
def test_the_dsn_from_the_environment(
    cli: Any, postgres_server: PgServer, example_pg: str, how: str
) -> None:
    env = (
        {"LEADSLA_DSN": postgres_server.dsn}
        if how == "LEADSLA_DSN"
        else {"PGHOST": str(postgres_server.folder), "PGUSER": "leadsla", "PGDATABASE": "postgres"}
    )
    out = cli(
        "score", "--sla", SLA, "--as-of", AS_OF, "--engine", "postgres", "--table", example_pg,
        env=env,
    )  # fmt: skip
    assert summary(out.stderr)[0] == example_pg


# --- a signal cancels the query in the server ----------------------------------------------


def _active(pg: Any) -> list[tuple[Any, ...]]:
    return pg.execute(
        "SELECT pid, query FROM pg_stat_activity"
        " WHERE application_name = 'leadsla' AND state = 'active'"
    ).fetchall()


@pytest.mark.parametrize(("sig", "code"), [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_a_signal_cancels_the_running_query(
    pg: Any, postgres_server: PgServer, example_pg: str, sig: int, code: int
) -> None:
    """A query that would run for hours: SIGINT (SIGTERM) stops leadsla with 130 (143), and the
    server no longer runs it (without the cancel, the server would go on: a backend sleeping
    in pg_sleep does not notice that its client left)."""
    pg.execute(
        "CREATE OR REPLACE FUNCTION leadsla_slow() RETURNS boolean LANGUAGE sql VOLATILE"
        " AS 'SELECT pg_sleep(60) IS NOT NULL'"
    )
    pg.execute(f'CREATE OR REPLACE VIEW slow AS SELECT * FROM "{example_pg}" WHERE leadsla_slow()')
    proc = subprocess.Popen(
        [sys.executable, "-m", "leadsla", "score", "--sla", str(SLA), "--as-of", AS_OF,
         *pg_args(postgres_server, "slow")],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        while not _active(pg):
            assert proc.poll() is None, proc.communicate()
            assert time.monotonic() < deadline, "the query never started"
            time.sleep(0.1)
        proc.send_signal(sig)
        _out, err = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == code, err
    assert "Traceback" not in err
    deadline = time.monotonic() + 10
    while _active(pg):
        assert time.monotonic() < deadline, f"still running in the server: {_active(pg)}"
        time.sleep(0.1)


def test_duckdb_reads_the_same_rows_as_the_table(pg: Any, example_pg: str) -> None:
    """The loader's cells are those of a CSV read without types (DuckDB's all_varchar)."""
    con = duckdb.connect()
    csv_rows = con.execute(
        "SELECT * FROM read_csv(?, delim=';', header=true, all_varchar=true, quote='\"',"
        " escape='\"')",
        [str(EXAMPLES / "leads.csv")],
    ).fetchall()
    assert pg.execute(f'SELECT * FROM "{example_pg}"').fetchall() == csv_rows


TYPED = """
    SELECT n, d::numeric(5, 2) AS d, f, s, b, day, at, empty FROM (VALUES
      (1, 2.50::numeric(5, 2), 0.1::float8, 'a "quoted"; line
break', true, DATE '2026-11-20', TIMESTAMPTZ '2026-11-20 12:00:00.123456-03:00', ''),
      (NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)
    ) AS v(n, d, f, s, b, day, at, empty)
"""


def test_results_come_into_the_commands_duckdb_as_they_were(
    postgres_server: PgServer, tmp_path: Path
) -> None:
    """What renderers read (fetch_into): the same values and types, an empty text apart from
    NULL, instants as instants."""
    from leadsla.engine.remote.fetch import fetch_into

    con = duckdb.connect()
    con.execute("SET TimeZone = 'UTC'")
    with open_engine(Target("postgres", "t", postgres_server.dsn)) as engine:
        assert fetch_into(con, "result", engine.run(TYPED), tmp_path, size=1) == 2
    types = dict(con.execute("SELECT column_name, column_type FROM (DESCRIBE result)").fetchall())
    assert types == {
        "n": "INTEGER", "d": "DECIMAL(5,2)", "f": "DOUBLE", "s": "VARCHAR", "b": "BOOLEAN",
        "day": "DATE", "at": "TIMESTAMP WITH TIME ZONE", "empty": "VARCHAR",
    }  # fmt: skip
    rows = con.execute("SELECT * FROM result").fetchall()
    assert rows[0][:6] == (
        1,
        Decimal("2.50"),
        0.1,
        'a "quoted"; line\nbreak',
        True,
        date(2026, 11, 20),
    )
    assert rows[0][6] == datetime(2026, 11, 20, 15, 0, 0, 123456, tzinfo=UTC)
    assert rows[0][7] == ""
    assert rows[1] == (None,) * 8
    assert list(tmp_path.iterdir()) == []

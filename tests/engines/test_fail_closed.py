"""`--engine postgres` fails closed as the CSV run does (review of issue 14: F10, F11, F4, F7,
F13, F14): a field it cannot read, an SLA the dialect cannot run, a typed column. A real,
private PostgreSQL server (tests/engines/conftest.py); the CSV run of the same data is the
reference."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import EXAMPLES, run_leadsla
from tests.engines.conftest import PgServer

AS_OF = "2026-11-20T12:00:00-03:00"
LEADS = EXAMPLES / "leads.csv"


def pg_args(server: PgServer, table: str) -> list[str]:
    return ["--engine", "postgres", "--table", table, "--dsn", server.dsn]


def sla_with(tmp_path: Path, old: str, new: str, name: str = "sla.yaml") -> Path:
    text = (EXAMPLES / "sla.yaml").read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / name
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def wrong_format(tmp_path: Path) -> Path:
    """The classic mistake the guard exists for: a US month/day order for a Brazilian export."""
    text = (EXAMPLES / "sla.yaml").read_text(encoding="utf-8")
    found = re.search(r"^  date_formats:.*$", text, re.M)
    assert found, "the example SLA sets leads.date_formats on one line"
    path = tmp_path / "wrongfmt.yaml"
    path.write_text(
        text.replace(found.group(0), '  date_formats: ["%m/%d/%Y %H:%M"]'), encoding="utf-8"
    )
    return path


def located(stderr: str) -> str:
    """The message without the export's name (a file's or a table's)."""
    return stderr.replace(str(LEADS), "NAME").replace("example", "NAME")


# --- F10: leads.max_unreadable holds on the engine ----------------------------------------


@pytest.mark.parametrize(
    "command",
    [["score"], ["check-deadlines"], ["report"], ["explain", "101305"]],
    ids=["score", "check-deadlines", "report", "explain"],
)
def test_an_unreadable_field_stops_the_engine_run_as_it_stops_the_csv_run(
    postgres_server: PgServer, example_pg: str, tmp_path: Path, command: list[str]
) -> None:
    sla = wrong_format(tmp_path)
    head, rest = command[0], command[1:]
    csv_run = run_leadsla(head, "--sla", sla, *rest, LEADS, "--as-of", AS_OF)
    assert csv_run.returncode == 2, csv_run.stderr
    remote = run_leadsla(
        head, "--sla", sla, *rest, "--as-of", AS_OF, *pg_args(postgres_server, example_pg)
    )
    assert remote.returncode == 2, remote.stdout + remote.stderr
    assert remote.stdout == ""
    assert "internal error" not in remote.stderr
    assert "leads.max_unreadable" in remote.stderr
    # the same message: the field, its column, the share, and the formats that read it
    error = [line for line in csv_run.stderr.splitlines() if "max_unreadable" in line]
    assert error and error[0].startswith("leadsla: ")
    field = re.search(r"field `[^`]+` \(column `[^`]+`\)", error[0])
    assert field and field.group(0) in remote.stderr
    assert '"%d/%m/%Y %H:%M"' in remote.stderr and "set it in the SLA" in remote.stderr
    assert "leads: {date_formats: [" in remote.stderr


def test_an_unreadable_field_is_listed_in_the_tables_errors(
    postgres_server: PgServer, example_pg: str, tmp_path: Path
) -> None:
    sla = wrong_format(tmp_path)
    errors = tmp_path / "errors.csv"
    remote = run_leadsla(
        "score",
        "--sla",
        sla,
        "--as-of",
        AS_OF,
        "--errors",
        errors,
        *pg_args(postgres_server, example_pg),
    )
    assert remote.returncode == 2, remote.stderr
    rows = errors.read_text(encoding="utf-8").splitlines()
    assert rows[0] == "kind,id,column,field,value,reason"
    assert any(r.startswith("field,,") and "max_unreadable" in r for r in rows), rows[:5]


def test_a_field_within_the_limit_still_runs(postgres_server: PgServer, example_pg: str) -> None:
    remote = run_leadsla(
        "score",
        "--sla",
        EXAMPLES / "sla.yaml",
        "--as-of",
        AS_OF,
        "--format",
        "csv",
        *pg_args(postgres_server, example_pg),
    )
    assert remote.returncode == 0, remote.stderr
    assert "max_unreadable" not in remote.stderr


# --- F11: the dialect check runs before connecting -----------------------------------------

NOWHERE = "host=/nonexistent/leadsla-no-server dbname=none user=none"
"""A DSN no server answers: a command that connected first would fail on it instead."""


@pytest.mark.parametrize(
    "command",
    [["score"], ["check-deadlines"], ["report"], ["explain", "101305"]],
    ids=["score", "check-deadlines", "report", "explain"],
)
@pytest.mark.parametrize("case", ["date-formats", "regex"])
def test_what_the_dialect_cannot_run_is_refused_before_connecting_with_located_errors(
    tmp_path: Path, command: list[str], case: str
) -> None:
    if case == "date-formats":
        text = (EXAMPLES / "sla.yaml").read_text(encoding="utf-8")
        found = re.search(r"^  date_formats:.*$", text, re.M)
        assert found
        sla = tmp_path / "sla.yaml"
        sla.write_text(
            text.replace(
                found.group(0),
                '  date_formats: ["%d/%m/%Y %H:%M", "%m/%d/%Y %I:%M %p", "%d %b %Y"]',
            ),
            encoding="utf-8",
        )
    else:
        sla = sla_with(tmp_path, 'matches: "(head|', 'matches: "(?s)(head|')
    check = run_leadsla("validate", "--dialect", "postgres", sla)
    assert check.returncode == 1
    expected = [line for line in check.stdout.splitlines() if line.startswith(f"{sla}:")]
    expected = [line for line in expected if re.match(rf"{re.escape(str(sla))}:\d+:\d+: ", line)]
    assert expected, check.stdout
    head, rest = command[0], command[1:]
    remote = run_leadsla(
        head,
        "--sla",
        sla,
        *rest,
        "--as-of",
        AS_OF,
        "--engine",
        "postgres",
        "--table",
        "example",
        "--dsn",
        NOWHERE,
    )
    assert remote.returncode == 2, remote.stderr
    assert "internal error" not in remote.stderr and "bug" not in remote.stderr
    assert "connect" not in remote.stderr.lower()  # refused before connecting
    for line in expected:
        assert line in remote.stderr


# --- F13: typed columns are read as their text ---------------------------------------------

STAMP = r"^\d{2}/\d{2}/\d{4} \d{2}:\d{2}$"
TYPED = """
CREATE TABLE {typed} AS SELECT
  CASE WHEN "ID" ~ '^[0-9]{{1,15}}$' THEN "ID"::bigint END AS "ID",
  "Nome", "Email", "Telefone", "Cargo", "Empresa",
  CASE WHEN "Funcionários" ~ '^[0-9.]+$'
       THEN replace("Funcionários", '.', '')::numeric / 10 END AS "Funcionários",
  "Setor", "Cidade", "Origem", "Dono do Lead", "Estágio no funil",
  CASE WHEN "Data de criação" ~ '{stamp}' THEN
    CASE WHEN substr("Data de criação", 1, 2)::int BETWEEN 1 AND 28
          AND substr("Data de criação", 4, 2)::int BETWEEN 1 AND 12
          AND substr("Data de criação", 12, 2)::int < 24
         THEN to_timestamp("Data de criação", 'DD/MM/YYYY HH24:MI')::timestamp
              AT TIME ZONE 'America/Sao_Paulo' END
  END AS "Data de criação",
  "Data de qualificação", "Primeiro contato", "Data SQL", "Data da oportunidade",
  "Data da venda", "Data da perda", "Data de devolução", "Motivo da devolução",
  "Última atividade",
  CASE WHEN "Aberturas de e-mail" ~ '^[0-9]{{1,9}}$' THEN "Aberturas de e-mail"::integer
  END AS "Aberturas de e-mail",
  "Visitas à página de preços",
  CASE WHEN lower("Pediu demonstração") IN ('sim', 's', 'yes', 'true') THEN true
       WHEN lower("Pediu demonstração") IN ('não', 'nao', 'n', 'no', 'false') THEN false
  END AS "Pediu demonstração"
FROM {source}
"""


@pytest.fixture(scope="module")
def typed_pg(
    postgres_server: PgServer, example_pg: str, tmp_path_factory: pytest.TempPathFactory
) -> Path:
    """The example as the table `typed` (id bigint, employees numeric with a fraction,
    creation timestamptz, e-mail opens integer, demo boolean), and the same data as a CSV of
    text (written as the table's text in UTC, a number with the SLA's decimal comma)."""
    import psycopg

    folder = tmp_path_factory.mktemp("typed")
    with psycopg.connect(postgres_server.dsn, autocommit=True) as conn:
        conn.execute("DROP TABLE IF EXISTS typed")
        conn.execute(TYPED.format(typed="typed", source=example_pg, stamp=STAMP).encode())
        conn.execute("SET TimeZone TO 'UTC'")
        columns = [
            r[0]
            for r in conn.execute(
                "SELECT attname FROM pg_attribute WHERE attrelid = 'typed'::regclass"
                " AND attnum > 0 ORDER BY attnum"
            ).fetchall()
        ]
        select = ", ".join(
            f"replace(\"{c}\"::text, '.', ',')" if c == "Funcionários" else f'"{c}"::text'
            for c in columns
        )
        path = folder / "typed.csv"
        with path.open("wb") as out, conn.cursor() as cur:
            copy = f"COPY (SELECT {select} FROM typed) TO STDOUT WITH (FORMAT csv, HEADER false, DELIMITER ';')"
            with cur.copy(copy.encode()) as data:
                out.write(";".join(columns).encode() + b"\n")
                for chunk in data:
                    out.write(bytes(chunk))
    return path


def _rows(text: str) -> list[str]:
    lines = text.splitlines()
    return [lines[0], *sorted(lines[1:])]


@pytest.mark.parametrize(
    "command",
    [
        ["score", "--format", "csv"],
        ["check-deadlines", "--status", "all", "--format", "csv"],
    ],
    ids=["score", "check-deadlines"],
)
def test_a_typed_table_reads_as_the_csv_of_its_text(
    postgres_server: PgServer, typed_pg: Path, command: list[str]
) -> None:
    head, rest = command[0], command[1:]
    sla = EXAMPLES / "sla.yaml"
    csv_run = run_leadsla(head, "--sla", sla, typed_pg, "--as-of", AS_OF, *rest)
    assert csv_run.returncode in (0, 1), csv_run.stderr
    remote = run_leadsla(
        head, "--sla", sla, "--as-of", AS_OF, *rest, *pg_args(postgres_server, "typed")
    )
    assert remote.returncode == csv_run.returncode, remote.stderr
    assert "btrim" not in remote.stderr
    assert _rows(remote.stdout) == _rows(csv_run.stdout)
    # the same cells counted: the summary line after the name
    counts = [line.split(": ", 1)[1] for line in csv_run.stderr.splitlines() if " rows: " in line]
    assert counts and counts[0] in remote.stderr


def test_a_column_of_a_type_leadsla_cannot_read_as_text_is_refused_up_front(
    postgres_server: PgServer, example_pg: str
) -> None:
    import psycopg

    with psycopg.connect(postgres_server.dsn, autocommit=True) as conn:
        conn.execute("DROP TABLE IF EXISTS jsonish")
        conn.execute(f"CREATE TABLE jsonish AS SELECT * FROM {example_pg}".encode())
        conn.execute('ALTER TABLE jsonish ALTER COLUMN "Setor" TYPE jsonb USING to_jsonb("Setor")')
    remote = run_leadsla(
        "score",
        "--sla",
        EXAMPLES / "sla.yaml",
        "--as-of",
        AS_OF,
        *pg_args(postgres_server, "jsonish"),
    )
    assert remote.returncode == 2
    assert "column `Setor` of the table `jsonish` is of type jsonb" in remote.stderr
    assert "LINE" not in remote.stderr and "internal error" not in remote.stderr
    assert " rows: " not in remote.stderr  # before any script ran


# --- F4: --line-column as the table spells it ----------------------------------------------


NOID_SLA = """version: 1
name: noid
leads:
  timezone: America/Sao_Paulo
  date_formats: ["%d/%m/%Y %H:%M", iso]
  columns: {created_at: Data de criação, first_contact_at: Primeiro contato, owner: Dono do Lead}
calendar:
  timezone: America/Sao_Paulo
  hours: {mon-fri: "09:00-18:00"}
follow_up:
  - {id: c, owner: sales, start: created_at, stop: [first_contact_at], within: 4h}
"""


def test_a_line_column_matched_ignoring_case_is_used_as_the_table_spells_it(
    postgres_server: PgServer, example_pg: str, tmp_path: Path
) -> None:
    import psycopg

    with psycopg.connect(postgres_server.dsn, autocommit=True) as conn:
        conn.execute("DROP TABLE IF EXISTS noid")
        conn.execute(
            f'CREATE TABLE noid AS SELECT row_number() OVER ()::text AS "N", "Data de criação",'
            f' "Data de qualificação", "Primeiro contato", "Dono do Lead" FROM {example_pg}'.encode()
        )
    sla = tmp_path / "noid.yaml"
    sla.write_text(NOID_SLA, encoding="utf-8")
    runs = [
        run_leadsla(
            "check-deadlines",
            "--sla",
            sla,
            "--as-of",
            AS_OF,
            "--status",
            "all",
            "--format",
            "csv",
            *pg_args(postgres_server, "noid"),
            "--line-column",
            spelled,
        )
        for spelled in ("N", "n")
    ]
    assert runs[0].returncode in (0, 1), runs[0].stderr
    assert runs[1].returncode == runs[0].returncode, runs[1].stderr
    assert runs[1].stdout == runs[0].stdout


# --- F14: the script's transaction is read only, with PostgreSQL's own functions ----------


def test_the_scripts_run_read_only_with_a_pinned_search_path(
    postgres_server: PgServer, example_pg: str
) -> None:
    from leadsla.engine.remote import Target, open_engine

    with open_engine(Target("postgres", example_pg, postgres_server.dsn)) as engine:
        # an unqualified name still resolves (to its schema) before the path is pinned
        relation = engine.relation(example_pg)
        assert relation.table.args["db"].name == "public"
        row = engine.run(
            "SELECT current_setting('transaction_read_only'), current_setting('search_path')"
        ).all()
        assert row == [("on", "pg_catalog, pg_temp")]
        script = f"SELECT count(*) FROM {relation.table.sql('postgres')}"
        assert engine.run(script).all() == [(2000,)]


def test_compile_scores_refuses_from_and_to(tmp_path: Path) -> None:
    base = ["compile", "--sla", EXAMPLES / "sla.yaml", "--dialect", "postgres", "--table", "t"]
    run = run_leadsla(*base, "--what", "scores", "--from", "2026-01-01", "--to", "2026-12-31")
    assert run.returncode == 2 and run.stdout == ""
    assert "--what scores` has none" in run.stderr
    assert run_leadsla(*base, "--what", "scores").returncode == 0


def test_compile_refuses_a_comment_in_a_table_name() -> None:
    base = ["compile", "--sla", EXAMPLES / "sla.yaml", "--dialect", "postgres", "--what"]
    run = run_leadsla(*base, "scores", "--table", "t -- x")
    assert run.returncode == 2 and "not a table name" in run.stderr


def test_the_table_is_spelled_alike_for_compile_and_engine(
    postgres_server: PgServer, example_pg: str
) -> None:
    import psycopg

    with psycopg.connect(postgres_server.dsn, autocommit=True) as conn:
        conn.execute('DROP TABLE IF EXISTS "Leads 2026.v2"')
        conn.execute(f'CREATE TABLE "Leads 2026.v2" AS SELECT * FROM {example_pg}'.encode())
    name = '"Leads 2026.v2"'  # a name with a space and a dot, quoted as SQL quotes it
    common = ["--sla", EXAMPLES / "sla.yaml", "--as-of", AS_OF]
    compiled = run_leadsla("compile", *common, "--dialect", "postgres", "--table", name)
    assert compiled.returncode == 0, compiled.stderr
    assert 'FROM "public"."Leads 2026.v2"' in compiled.stdout or name in compiled.stdout
    remote = run_leadsla("score", *common, "--format", "csv", *pg_args(postgres_server, name))
    assert remote.returncode == 0, remote.stderr
    plain = run_leadsla("score", *common, "--format", "csv", *pg_args(postgres_server, example_pg))
    assert remote.stdout == plain.stdout


def test_psycopgs_own_log_lines_stay_off_stderr() -> None:
    import subprocess
    import sys

    pytest.importorskip("psycopg")
    code = (
        "import logging, leadsla.engine.remote.postgres\n"
        "logging.getLogger('psycopg').warning('query not terminated after cancellation')\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert run.returncode == 0 and run.stderr == ""


# --- F13 on Spark: the same casts from the DataFrame's schema ------------------------------

SPARK_TYPED = """
SELECT
  CASE WHEN ID RLIKE '^[0-9]{1,15}$' THEN CAST(ID AS BIGINT) END AS ID,
  Nome, Email, Telefone, Cargo, Empresa,
  CASE WHEN `Funcionários` RLIKE '^[0-9.]+$'
       THEN CAST(CAST(translate(`Funcionários`, '.', '') AS DECIMAL(12, 0)) / 10
                 AS DECIMAL(13, 1)) END AS `Funcionários`,
  Setor, Cidade, Origem, `Dono do Lead`, `Estágio no funil`, `Data de criação`,
  `Data de qualificação`, `Primeiro contato`, `Data SQL`, `Data da oportunidade`,
  `Data da venda`, `Data da perda`, `Data de devolução`, `Motivo da devolução`,
  `Última atividade`,
  CASE WHEN `Aberturas de e-mail` RLIKE '^[0-9]{1,9}$' THEN CAST(`Aberturas de e-mail` AS INT)
  END AS `Aberturas de e-mail`,
  `Visitas à página de preços`,
  CASE WHEN lower(`Pediu demonstração`) IN ('sim', 's', 'yes', 'true') THEN true
       WHEN lower(`Pediu demonstração`) IN ('não', 'nao', 'n', 'no', 'false') THEN false
  END AS `Pediu demonstração`
FROM example
"""


def test_a_typed_spark_table_reads_as_the_csv_of_its_text(
    cli: Any, spark: Any, example_spark: Path, tmp_path: Path
) -> None:
    import csv

    typed = spark.sql(SPARK_TYPED)
    parquet = tmp_path / "typed.parquet"
    typed.write.parquet(str(parquet))
    kinds = dict(typed.dtypes)
    assert kinds["ID"] == "bigint" and kinds["Pediu demonstração"] == "boolean"
    assert kinds["Funcionários"] == "decimal(13,1)" and kinds["Aberturas de e-mail"] == "int"
    text = typed.selectExpr(
        *[
            f"replace(CAST(`{c}` AS STRING), '.', ',')"
            if c == "Funcionários"
            else f"CAST(`{c}` AS STRING)"
            for c in typed.columns
        ]
    ).collect()
    path = tmp_path / "typed.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, delimiter=";")
        writer.writerow(typed.columns)
        writer.writerows([["" if v is None else v for v in row] for row in text])
    args = ["score", "--sla", EXAMPLES / "sla.yaml", "--as-of", AS_OF, "--format", "csv"]
    local = cli(*args, path)
    remote = cli(*args, "--engine", "spark", "--table", parquet)
    assert remote.exit_code == local.exit_code == 0, remote.stderr
    assert_same_scores(remote.stdout, local.stdout)


def assert_same_scores(got: str, expected: str) -> None:
    """The same rows (in any order), scores within 1e-9 (Spark's doubles end otherwise)."""
    import csv
    import io

    def rows(text: str) -> list[list[str]]:
        return sorted(csv.reader(io.StringIO(text)))

    a, b = rows(got), rows(expected)
    assert len(a) == len(b)
    for x, y in zip(a, b, strict=True):
        assert len(x) == len(y)
        for u, v in zip(x, y, strict=True):
            try:
                assert abs(float(u) - float(v)) <= 1e-9, (x, y)
            except ValueError:
                assert u == v, (x, y)


def test_a_spark_timestamp_column_is_refused_naming_it(
    cli: Any, spark: Any, example_spark: Path, tmp_path: Path
) -> None:
    parquet = tmp_path / "stamped.parquet"
    spark.sql(
        "SELECT * EXCEPT (`Data de criação`),"
        " try_to_timestamp(`Data de criação`, 'dd/MM/yyyy HH:mm') AS `Data de criação` FROM example"
    ).write.parquet(str(parquet))
    args = ["score", "--sla", EXAMPLES / "sla.yaml", "--as-of", AS_OF, "--format", "csv"]
    remote = cli(*args, "--engine", "spark", "--table", parquet)
    assert remote.exit_code == 2
    assert "column `Data de criação`" in remote.stderr and "timestamp_ltz" in remote.stderr


def test_the_formats_suggested_on_an_engine_are_ones_its_dialect_runs(
    postgres_server: PgServer, example_pg: str, tmp_path: Path
) -> None:
    """A US export's 12-hour times: a CSV run suggests `%m/%d/%Y %I:%M %p`, which `compile`
    cannot write; `--engine` must not suggest what it would then refuse."""
    import psycopg

    stamp = """CASE WHEN "{c}" ~ '{stamp}' THEN
      CASE WHEN substr("{c}", 1, 2)::int BETWEEN 1 AND 28
            AND substr("{c}", 4, 2)::int BETWEEN 1 AND 12
            AND substr("{c}", 12, 2)::int < 24
           THEN to_char(to_timestamp("{c}", 'DD/MM/YYYY HH24:MI'), 'MM/DD/YYYY HH12:MI AM')
      END END"""
    with psycopg.connect(postgres_server.dsn, autocommit=True) as conn:
        conn.execute("DROP TABLE IF EXISTS ampm")
        conn.execute(f"CREATE TABLE ampm AS SELECT * FROM {example_pg}".encode())
        conn.execute(
            (
                'UPDATE ampm SET "Data de criação" = '
                + stamp.format(c="Data de criação", stamp=STAMP)
            ).encode()
        )
        cells = [r[0] for r in conn.execute('SELECT "Data de criação" FROM ampm').fetchall()]
    assert any(c and c.endswith(" PM") for c in cells)
    csv_path = tmp_path / "ampm.csv"
    copy = "COPY ampm TO STDOUT WITH (FORMAT csv, HEADER true, DELIMITER ';')"
    with (
        psycopg.connect(postgres_server.dsn, autocommit=True) as conn,
        csv_path.open("wb") as out,
        conn.cursor().copy(copy) as data,
    ):
        for chunk in data:
            out.write(bytes(chunk))
    args = ["score", "--sla", EXAMPLES / "sla.yaml", "--as-of", AS_OF]
    local = run_leadsla(*args, csv_path)
    assert local.returncode == 2 and "%I:%M %p" in local.stderr  # the CSV run's advice
    remote = run_leadsla(*args, *pg_args(postgres_server, "ampm"))
    assert remote.returncode == 2, remote.stderr
    assert "field `created_at`" in remote.stderr and "max_unreadable" in remote.stderr
    assert "%I" not in remote.stderr and "%p" not in remote.stderr


def test_a_start_field_blank_in_every_row_is_said_as_for_a_csv(
    postgres_server: PgServer, example_pg: str, tmp_path: Path
) -> None:
    import psycopg

    copy = "COPY nomql TO STDOUT WITH (FORMAT csv, HEADER true, DELIMITER ';')"
    csv_path = tmp_path / "nomql.csv"
    with psycopg.connect(postgres_server.dsn, autocommit=True) as conn:
        conn.execute("DROP TABLE IF EXISTS nomql")
        conn.execute(f"CREATE TABLE nomql AS SELECT * FROM {example_pg}".encode())
        conn.execute('UPDATE nomql SET "Data de qualificação" = NULL'.encode())
        with csv_path.open("wb") as out, conn.cursor().copy(copy) as data:
            for chunk in data:
                out.write(bytes(chunk))
    args = ["check-deadlines", "--sla", EXAMPLES / "sla.yaml", "--as-of", AS_OF]
    local = run_leadsla(*args, csv_path)
    remote = run_leadsla(*args, *pg_args(postgres_server, "nomql"))
    warned = [line for line in local.stderr.splitlines() if "blank in every row" in line]
    assert warned, local.stderr
    assert remote.returncode == local.returncode, remote.stderr
    for line in warned:
        assert line.replace(str(csv_path), "nomql") in remote.stderr.splitlines()
    assert "leadsla: warning: nomql: field `mql_at` (column" in remote.stderr
    strict = run_leadsla(*args, "--strict", *pg_args(postgres_server, "nomql"))
    assert strict.returncode == 2 and strict.stdout == ""


def test_the_unreadable_cells_shown_are_found_beyond_the_sample(
    postgres_server: PgServer, example_pg: str
) -> None:
    """The first 1,000 non-blank cells all read (the suggestion's sample): the message still
    shows unreadable cells, found by the engine."""
    import psycopg

    with psycopg.connect(postgres_server.dsn, autocommit=True) as conn:
        conn.execute("DROP TABLE IF EXISTS late")
        conn.execute("CREATE TABLE late AS SELECT * FROM " + example_pg + " WITH NO DATA")
        # rows in this order (a table scan returns them so): 1,700 readable creation times,
        # then 300 unreadable ones
        conn.execute(
            f"""INSERT INTO late SELECT * FROM (
                  SELECT * FROM {example_pg} ORDER BY "ID", "Email") AS t""".encode()
        )
        conn.execute(
            """CREATE TEMP TABLE ordered AS SELECT *, row_number() OVER () AS rn FROM late;
               TRUNCATE late;
               INSERT INTO late SELECT "ID", "Nome", "Email", "Telefone", "Cargo", "Empresa",
                 "Funcionários", "Setor", "Cidade", "Origem", "Dono do Lead",
                 "Estágio no funil",
                 CASE WHEN rn > 1700 THEN 'day ' || rn ELSE '01/07/2026 10:00' END,
                 "Data de qualificação", "Primeiro contato", "Data SQL",
                 "Data da oportunidade", "Data da venda", "Data da perda",
                 "Data de devolução", "Motivo da devolução", "Última atividade",
                 "Aberturas de e-mail", "Visitas à página de preços", "Pediu demonstração"
               FROM ordered ORDER BY rn""".encode()
        )
    remote = run_leadsla(
        "score", "--sla", EXAMPLES / "sla.yaml", "--as-of", AS_OF, *pg_args(postgres_server, "late")
    )
    assert remote.returncode == 2, remote.stderr
    assert re.search(r"field `created_at` .* e\.g\. `day \d+`", remote.stderr), remote.stderr


def test_an_unreadable_field_stops_a_spark_run_as_a_csv_run(
    cli: Any, spark: Any, example_spark: Path, tmp_path: Path
) -> None:
    sla = wrong_format(tmp_path)
    local = cli("score", "--sla", sla, LEADS, "--as-of", AS_OF)
    remote = cli("score", "--sla", sla, "--as-of", AS_OF, "--engine", "spark", "--table", "example")
    assert local.exit_code == remote.exit_code == 2, remote.stderr
    expected = [line for line in local.stderr.splitlines() if line.startswith("  ")]
    assert expected and '"%d/%m/%Y %H:%M"' in expected[0]
    for line in expected:  # the advice: the formats that read the fields
        assert line in remote.stderr.splitlines()
    assert "field `created_at` (column `Data de criação`)" in remote.stderr

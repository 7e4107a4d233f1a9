"""`--engine` without a server: options, missing extras, DSN secrecy, statements, skip/require."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import duckdb
import pytest
import sqlglot.expressions as exp

from leadsla.engine.remote import EngineError, split_statements
from leadsla.engine.remote.ids import duplicates_query
from leadsla.engine.remote.postgres import PostgresEngine, redact
from tests.conftest import AS_OF, EXAMPLES, ROOT, run_leadsla

SLA = EXAMPLES / "sla.yaml"
DATA_COMMANDS = (
    ["score"],
    ["check-deadlines"],
    ["report"],
    ["explain", "100001"],
)


def leadsla_without(module: str, *args: str) -> subprocess.CompletedProcess[str]:
    """The real CLI in a Python where `module` cannot be imported (as without the extra)."""
    code = (
        f"import sys; sys.modules[{module!r}] = None; sys.argv[0] = 'leadsla'; "
        "from leadsla.stop import main; main()"
    )
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "NO_COLOR": "1"},
        timeout=120,
    )


@pytest.mark.parametrize(
    ("engine", "module", "extra"),
    [("postgres", "psycopg", "leadsla[postgres]"), ("spark", "pyspark", "leadsla[spark]")],
)
@pytest.mark.parametrize("command", DATA_COMMANDS, ids=lambda c: c[0])
def test_missing_extra_names_the_pip_command(
    engine: str, module: str, extra: str, command: list[str]
) -> None:
    out = leadsla_without(
        module, *command, "--sla", str(SLA), "--as-of", AS_OF, "--engine", engine, "--table", "t"
    )
    assert out.returncode == 2, out.stderr
    assert f"pip install '{extra}'" in out.stderr
    assert f"`{module}`" in out.stderr
    assert "Traceback" not in out.stderr


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--table", "leads"], "--table: only with --engine postgres or --engine spark"),
        (["--dsn", "host=x"], "--dsn: only with --engine postgres or"),
        (["--line-column", "n"], "--line-column: only with --engine"),
        (["--engine", "postgres"], "give it with --table NAME"),
        (
            ["--engine", "spark", "--table", "t", "--dsn", "host=x"],
            "--dsn goes with --engine postgres",
        ),
        (["--engine", "postgres", "--table", "t", str(EXAMPLES / "leads.csv")], "not both"),
    ],
)
def test_engine_options_that_do_not_fit(cli, args: list[str], says: str) -> None:  # type: ignore[no-untyped-def]
    result = cli("score", "--sla", SLA, "--as-of", AS_OF, *args)
    assert result.exit_code == 2
    assert says in result.stderr


def test_score_output_is_refused_on_a_table(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = cli(
        "score", "--sla", SLA, "--as-of", AS_OF, "--engine", "spark", "--table", "t",
        "--output", tmp_path / "o.csv",
    )  # fmt: skip
    assert result.exit_code == 2
    assert "--output cannot be used with --engine spark" in result.stderr


SECRET = "s3cr3t-Pa55"


@pytest.mark.parametrize(
    "dsn",
    [
        f"postgresql://alice:{SECRET}@127.0.0.1:1/crm",
        f"host=127.0.0.1 port=1 user=alice password={SECRET} dbname=crm",
        f"host=127.0.0.1 port=1 password='{SECRET} x' dbname=crm",
    ],
)
@pytest.mark.parametrize("given", ["--dsn", "LEADSLA_DSN"])
def test_a_connection_failure_never_shows_the_dsn(dsn: str, given: str) -> None:
    """Nothing listens on port 1: exit 2, where the DSN came from, never the DSN or password."""
    args = ["--dsn", dsn] if given == "--dsn" else []
    env = {"LEADSLA_DSN": dsn} if given == "LEADSLA_DSN" else {}
    out = run_leadsla(
        "score", "--sla", SLA, "--as-of", AS_OF, "--engine", "postgres", "--table", "leads",
        *args, env=env,
    )  # fmt: skip
    assert out.returncode == 2
    assert f"cannot connect to PostgreSQL (DSN from {given})" in out.stderr
    assert SECRET not in out.stderr and "alice:" not in out.stderr
    assert dsn not in out.stderr


def test_an_invalid_dsn_is_said_without_its_password() -> None:
    dsn = f"host=db password={SECRET} this-is-not-a-pair"
    with pytest.raises(EngineError) as caught:
        PostgresEngine.connect(dsn)
    assert caught.value.exit_code == 2
    assert "not valid" in caught.value.message
    assert SECRET not in caught.value.message


def test_pgpassword_is_masked_too(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PGPASSWORD", SECRET)
    assert redact(f"server said {SECRET}!", "") == "server said ***!"


def test_redact_masks_each_form_of_password() -> None:
    for dsn in (
        f"postgres://u:{SECRET}@h/db",
        f"password={SECRET} host=h",
        f"password = '{SECRET}' host=h",
    ):
        assert SECRET not in redact(f"error near {SECRET} in {dsn}", dsn)


def test_statements_split_at_their_own_semicolons() -> None:
    script = textwrap.dedent(
        """
        -- a comment; with a semicolon
        CREATE TEMP TABLE "a;b" AS SELECT ';' AS x;
        /* block; comment */
        SELECT x FROM "a;b";
        ;
        """
    )
    assert split_statements(script, "postgres") == [
        """-- a comment; with a semicolon\nCREATE TEMP TABLE "a;b" AS SELECT ';' AS x""",
        """/* block; comment */\nSELECT x FROM "a;b\"""",
    ]
    assert split_statements("SELECT `x;` FROM t; SELECT 1", "spark") == [
        "SELECT `x;` FROM t",
        "SELECT 1",
    ]


def test_duplicate_ids_are_counted_on_cleaned_ids() -> None:
    """Ids trimmed, the blank words not ids; a duplicate id is held by several rows."""
    con = duckdb.connect()
    con.execute('CREATE TABLE "le""ads" ("ID" TEXT, "x" TEXT)')
    con.execute(
        """INSERT INTO "le""ads" VALUES ('1', 'a'), (' 1 ', 'b'), ('2', NULL), (NULL, 'c'),
        ('N/A', 'd'), ('n/a', 'e'), ('3', 'f'), ('3', 'g'), ('3', 'h')"""
    )
    table = exp.Table(this=exp.to_identifier('le"ads', quoted=True))
    assert con.execute(duplicates_query("duckdb", table, "ID")).fetchall() == [(2, 5)]


SKIP_TEST = """
def test_needs_postgres(postgres_server):
    pass

def test_needs_spark(spark):
    pass
"""


@pytest.mark.parametrize("required", [False, True])
def test_absent_engines_skip_with_their_reason_unless_required(
    tmp_path: Path, required: bool
) -> None:
    """No PostgreSQL binaries, no Java: skipped with the reason; LEADSLA_REQUIRE_ENGINES=1
    turns both into failures (what CI sets after installing them)."""
    (tmp_path / "conftest.py").write_text("from tests.engines.conftest import *  # noqa\n")
    (tmp_path / "test_absent.py").write_text(SKIP_TEST)
    empty = tmp_path / "bin"
    empty.mkdir()
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "LEADSLA_PG_BIN": str(tmp_path / "no-postgres"),
        "PATH": str(empty),
        "JAVA_HOME": str(tmp_path / "no-java"),
    }
    env.pop("LEADSLA_REQUIRE_ENGINES", None)
    if required:
        env["LEADSLA_REQUIRE_ENGINES"] = "1"
    out = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-rsE", "-p", "no:randomly", "-p", "no:cacheprovider",
         str(tmp_path)],
        capture_output=True, text=True, cwd=tmp_path, env=env, timeout=300,
    )  # fmt: skip
    text = out.stdout + out.stderr
    assert "PostgreSQL is not installed" in text
    assert "Java is not installed" in text
    if required:
        assert out.returncode == 1, text
        assert "2 errors" in text and "LEADSLA_REQUIRE_ENGINES=1 and" in text
    else:
        assert out.returncode == 0, text
        assert "2 skipped" in text


def test_spark_connect_without_its_packages_says_what_to_install() -> None:
    """SPARK_REMOTE asks for Spark Connect; without its packages (pyarrow, grpcio...), exit 2
    naming them, and nothing else on stderr."""
    pytest.importorskip("pyspark")
    try:
        import pyarrow  # noqa: F401

        pytest.skip("pyarrow is installed: Spark Connect's packages may all be there")
    except ImportError:
        pass
    out = run_leadsla(
        "score", "--sla", SLA, "--as-of", AS_OF, "--engine", "spark", "--table", "t",
        env={"SPARK_REMOTE": "sc://127.0.0.1:1"},
    )  # fmt: skip
    assert out.returncode == 2
    assert out.stderr.startswith("leadsla: SPARK_REMOTE asks for Spark Connect"), out.stderr
    assert "pip install 'pyspark[connect]'" in out.stderr
    assert len(out.stderr.strip().splitlines()) == 1

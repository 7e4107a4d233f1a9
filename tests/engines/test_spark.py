"""`--engine spark` against a real local Spark session (tests/engines/conftest.py)."""

from __future__ import annotations

import csv
import os
import signal
import threading
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from leadsla.engine.remote import EngineError, Target, open_engine
from leadsla.engine.remote.load import load_spark, text_export
from leadsla.engine.remote.spark import SparkEngine, is_path
from tests.conftest import AS_OF, EXAMPLES, run_leadsla
from tests.engines.test_postgres import crafted_export, summary

SLA = EXAMPLES / "sla.yaml"


@pytest.fixture
def engine(spark: Any) -> Iterator[SparkEngine]:
    """leadsla's Spark engine on the test session (which it must not stop)."""
    with open_engine(Target("spark", "t")) as opened:
        assert isinstance(opened, SparkEngine) and not opened.owned
        yield opened
    assert not spark.sparkContext._jsc.sc().isStopped()


def test_the_session_is_local_and_modest(spark: Any) -> None:
    conf = spark.sparkContext.getConf()
    assert spark.sparkContext.master == "local[2]"
    assert conf.get("spark.driver.memory") == "4g"
    assert spark.conf.get("spark.sql.shuffle.partitions") == "2"
    assert conf.get("spark.ui.enabled") == "false"
    assert spark.conf.get("spark.sql.session.timeZone") == "UTC"
    assert tuple(int(p) for p in spark.version.split(".")[:2]) >= (3, 5)


# --- loading -------------------------------------------------------------------------------


def test_the_example_loads_as_string_columns(spark: Any, example_spark: Path) -> None:
    with (EXAMPLES / "leads.csv").open(encoding="utf-8", newline="") as f:
        records = list(csv.reader(f, delimiter=";"))
    headers, rows = records[0], records[1:]
    for df in (spark.table("example"), spark.read.parquet(str(example_spark))):
        assert df.columns == headers
        assert {f.dataType.simpleString() for f in df.schema.fields} == {"string"}
        got = [list(r) for r in df.collect()]
        assert sorted(got, key=lambda r: r[0]) == sorted(
            ([c if c != "" else None for c in r] for r in rows), key=lambda r: r[0]
        )


def test_headers_spark_would_confuse_are_refused(spark: Any, tmp_path: Path) -> None:
    path = tmp_path / "case.csv"
    path.write_text("Email,email\na,b\n")
    with text_export(path) as export, pytest.raises(EngineError, match="ignoring case"):
        load_spark(spark, export, view="case_clash")


# --- the engine ----------------------------------------------------------------------------


def test_a_script_runs_and_its_last_statement_comes_back_typed(engine: SparkEngine) -> None:
    fetched = engine.run(
        """
        CREATE OR REPLACE TEMP VIEW t AS
          SELECT 1 AS n, CAST(2.50 AS DECIMAL(5, 2)) AS d, CAST(0.25 AS DOUBLE) AS f,
                 'é;x' AS s, true AS b, DATE '2026-11-20' AS day,
                 TIMESTAMP '2026-11-20 12:00:00-03:00' AS at, CAST(NULL AS STRING) AS nothing;
        SELECT * FROM t
        """
    )
    assert [c.name for c in fetched.columns] == ["n", "d", "f", "s", "b", "day", "at", "nothing"]
    assert fetched.all() == [
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


def test_timestamps_are_instants_whatever_the_machines_zone(engine: SparkEngine) -> None:
    """pyspark turns a timestamp into a naive time of the Python process's zone; leadsla
    fetches the instant."""
    before = os.environ.get("TZ")
    os.environ["TZ"] = "Asia/Kolkata"
    time.tzset()
    try:
        rows = engine.run("SELECT TIMESTAMP '2026-03-08 02:30:00Z' AS at").all()
    finally:
        if before is None:
            os.environ.pop("TZ")
        else:
            os.environ["TZ"] = before
        time.tzset()
    assert rows == [(datetime(2026, 3, 8, 2, 30, tzinfo=UTC),)]


def test_the_session_reads_backslashes_as_the_scripts_mean_them(spark: Any) -> None:
    """A notebook or a Connect server may run with escapedStringLiterals on, which doubles
    every backslash of the scripts' regexes (`\\d` would match a backslash and a d, silently):
    leadsla sets the settings its scripts depend on in the session it uses."""
    key = "spark.sql.parser.escapedStringLiterals"
    spark.conf.set(key, "true")
    try:
        with open_engine(Target("spark", "t")) as opened:
            rows = opened.run("SELECT '7' RLIKE '^\\\\d$' AS digit").all()
        assert spark.conf.get(key) == "false"
    finally:
        spark.conf.set(key, "false")
    assert rows == [(True,)]


def test_rows_come_in_pages_in_order(engine: SparkEngine) -> None:
    pages = list(engine.run("SELECT id FROM range(0, 25000, 1, 4) ORDER BY id DESC").pages(10_000))
    assert [len(p) for p in pages] == [10_000, 10_000, 5_000]
    assert [r[0] for p in pages for r in p] == list(range(24_999, -1, -1))


def test_a_table_is_a_catalog_name_or_a_parquet_path(
    engine: SparkEngine, example_spark: Path
) -> None:
    by_view = engine.relation("example")
    by_path = engine.relation(str(example_spark))
    assert by_view.headers == by_path.headers
    assert by_path.name == str(example_spark)
    assert engine.run(f"SELECT count(*) FROM {by_path.table.sql(dialect='spark')}").all() == [
        (2000,)
    ]
    with pytest.raises(EngineError, match="no table `nowhere`"):
        engine.relation("nowhere")
    with pytest.raises(EngineError, match="cannot read the Parquet path"):
        engine.relation(str(example_spark.parent / "none.parquet"))
    assert is_path("s3a://bucket/leads") and is_path("leads.parquet") and not is_path("db.leads")


def test_a_failing_query_is_an_error_of_the_engine(engine: SparkEngine) -> None:
    with pytest.raises(EngineError, match=r"Spark: .*nope"):
        engine.run("SELECT * FROM nope")


def test_a_job_failing_on_the_jvm_is_said_in_sparks_words() -> None:
    """A job that fails in an executor comes as py4j's `An error occurred while calling
    o3086.toPythonIterator.` (as CI once saw it): the message is Spark's error class and
    words further down, the cause last."""
    from leadsla.engine.remote.spark import spark_reason

    text = (
        "An error occurred while calling o3086.toPythonIterator.\n"
        ": org.apache.spark.SparkException: [SPARK_JOB_CANCELLED] Job aborted: stage failure\n"
        "\tat org.apache.spark.scheduler.DAGScheduler.failJobAndIndependentStages(...)\n"
        "Caused by: org.apache.spark.memory.SparkOutOfMemoryError: [AGGREGATE_OUT_OF_MEMORY]"
        " No enough memory for aggregation SQLSTATE: 82001\n"
        "\tat org.apache.spark.sql.errors.QueryExecutionErrors$.aggregateOutOfMemoryError\n"
    )
    assert spark_reason(RuntimeError(text)) == (
        "[AGGREGATE_OUT_OF_MEMORY] No enough memory for aggregation SQLSTATE: 82001"
    )
    assert spark_reason(RuntimeError("plain words\nmore")) == "plain words"
    # no error class (the driver's heap ran out, as CI once saw): the JVM's exception, the
    # root cause last, not py4j's line
    heap = (
        "An error occurred while calling o3333.toPythonIterator.\n"
        ": org.apache.spark.SparkException: Job aborted due to stage failure: Task 0 failed\n"
        "\tat org.apache.spark.scheduler.DAGScheduler.failJobAndIndependentStages(...)\n"
        "Caused by: java.lang.OutOfMemoryError: Java heap space\n"
        "\tat java.base/java.util.Arrays.copyOf(Arrays.java:3537)\n"
    )
    assert spark_reason(RuntimeError(heap)) == "java.lang.OutOfMemoryError: Java heap space"


def test_a_signal_cancels_the_running_job(engine: SparkEngine, spark: Any) -> None:
    """A job of tasks that sleep a minute: the signal reaches the main thread at once, the
    job group is cancelled and its tasks interrupted (the cores are free again)."""
    previous = signal.getsignal(signal.SIGUSR1)

    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt  # as leadsla's handler does (stop.py)

    signal.signal(signal.SIGUSR1, interrupt)
    timer = threading.Timer(3, os.kill, (os.getpid(), signal.SIGUSR1))
    began = time.monotonic()
    timer.start()
    try:
        with pytest.raises(KeyboardInterrupt):
            engine.run(
                "SELECT java_method('java.lang.Thread', 'sleep', 60000L) FROM range(0, 2, 1, 2)"
            ).all()
    finally:
        timer.cancel()
        signal.signal(signal.SIGUSR1, previous)
    assert time.monotonic() - began < 20
    tracker = spark.sparkContext.statusTracker()
    deadline = time.monotonic() + 15
    while tracker.getActiveJobsIds() or tracker.getActiveStageIds():
        assert time.monotonic() < deadline, "the job still runs"
        time.sleep(0.2)
    # the session goes on
    assert engine.run("SELECT 1").all() == [(1,)]


# --- the commands on a table ---------------------------------------------------------------


def test_the_summary_line_is_the_csv_one(cli: Any, spark: Any, tmp_path: Path) -> None:
    path = crafted_export(tmp_path)
    parquet = tmp_path / "crafted.parquet"
    with text_export(path) as export:
        load_spark(spark, export, parquet=parquet)
    local = cli("score", path, "--sla", SLA, "--as-of", AS_OF, "--format", "json")
    remote = cli("score", "--sla", SLA, "--as-of", AS_OF, "--engine", "spark", "--table", parquet)
    assert summary(remote.stderr) == (str(parquet), summary(local.stderr)[1])
    assert remote.exit_code == 0, remote.stderr


def test_a_fresh_process_starts_its_own_quiet_local_session(example_spark: Path) -> None:
    """`leadsla` as a subprocess: a local session of its own, Spark's log kept to errors
    (no WARN lines on stderr), the same account."""
    out = run_leadsla(
        "check-deadlines", "--sla", SLA, "--as-of", AS_OF, "--engine", "spark",
        "--table", example_spark,
        env={"LEADSLA_SPARK_MASTER": "local[1]"},
    )  # fmt: skip
    name, counts = summary(out.stderr)
    assert name == str(example_spark) and counts.startswith("2,000 rows: 2,000 used")
    assert "WARN" not in out.stderr, out.stderr
    assert out.returncode == 1  # the example has breached follow-ups
    assert out.stderr.splitlines()[1:] == [
        f"{example_spark}: 33 data warnings found while computing"
    ]
    assert "breached" in out.stdout


def test_leadslas_own_session_gets_the_driver_memory_asked_for(spark: Any) -> None:
    """A fresh process's local session has LEADSLA_SPARK_DRIVER_MEMORY's heap (default 4g:
    Spark's own 1g runs out on a report of a few hundred thousand leads): the setting
    reaches the JVM, whose maximum heap is that size."""
    import subprocess
    import sys

    script = (
        "from leadsla.engine.remote.spark import local_session\n"
        "s = local_session()\n"
        "print(s.conf.get('spark.driver.memory'))\n"
        "print(s.sparkContext._jvm.java.lang.Runtime.getRuntime().maxMemory())\n"
        "s.stop()\n"
    )
    env = {**os.environ, "LEADSLA_SPARK_DRIVER_MEMORY": "1200m", "LEADSLA_SPARK_MASTER": "local[1]"}
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=300
    )
    assert out.returncode == 0, out.stderr
    conf, heap = out.stdout.split()
    assert conf == "1200m"
    # the JVM's usable heap is a little under -Xmx (a survivor space is not counted)
    assert 1000 * 2**20 < int(heap) <= 1200 * 2**20, heap


def test_a_driver_memory_spark_would_not_read_is_refused_before_starting(
    example_spark: Path,
) -> None:
    out = run_leadsla(
        "score", "--sla", SLA, "--as-of", AS_OF, "--engine", "spark", "--table", example_spark,
        env={"LEADSLA_SPARK_DRIVER_MEMORY": "4 GB"},
    )  # fmt: skip
    assert out.returncode == 2
    assert "LEADSLA_SPARK_DRIVER_MEMORY `4 GB`: write the driver's memory as Spark does" in (
        out.stderr
    )
    assert out.stdout == ""


def test_results_come_into_the_commands_duckdb_as_they_were(
    engine: SparkEngine, tmp_path: Path
) -> None:
    import duckdb

    from leadsla.engine.remote.fetch import fetch_into

    con = duckdb.connect()
    con.execute("SET TimeZone = 'UTC'")
    fetched = engine.run(
        """
        SELECT * FROM VALUES
          (1, CAST(2.50 AS DECIMAL(5, 2)), CAST(0.1 AS DOUBLE), 'a "q"; line\nbreak', true,
           DATE '2026-11-20', TIMESTAMP '2026-11-20 12:00:00.123456-03:00', ''),
          (NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)
        AS v(n, d, f, s, b, day, at, empty)
        """
    )
    assert fetch_into(con, "result", fetched, tmp_path, size=1) == 2
    types = dict(con.execute("SELECT column_name, column_type FROM (DESCRIBE result)").fetchall())
    assert types == {
        "n": "INTEGER", "d": "DECIMAL(5,2)", "f": "DOUBLE", "s": "VARCHAR", "b": "BOOLEAN",
        "day": "DATE", "at": "TIMESTAMP WITH TIME ZONE", "empty": "VARCHAR",
    }  # fmt: skip
    rows = con.execute("SELECT * FROM result ORDER BY n NULLS LAST").fetchall()
    assert rows[0] == (
        1, Decimal("2.50"), 0.1, 'a "q"; line\nbreak', True, date(2026, 11, 20),
        datetime(2026, 11, 20, 15, 0, 0, 123456, tzinfo=UTC), "",
    )  # fmt: skip
    assert rows[1] == (None,) * 8

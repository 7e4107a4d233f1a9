"""Letters lowered on PostgreSQL and Spark exactly as DuckDB lowers them (issue 14 review F1,
F3): every code point through the compiled `lower`, then the hostile letters scored."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import duckdb
import sqlglot.expressions as exp

from leadsla.engine import dialects as dl
from leadsla.engine.remote.load import load_postgres, load_spark, text_export
from leadsla.sla.lowercase import pairs
from tests.cli.test_compile_fold import FITS, FOLD_AS_OF, FOLD_CSV, FOLD_SLA
from tests.cli.test_compile_midnight import ISO_CELLS, SLA, midnight_export
from tests.conftest import AS_OF
from tests.engines.conftest import PgServer

WORDS = [
    "İSTANBUL",
    "ΟΔΟΣ",
    "ΠΑΣ ΣΑΣ.",
    "GIÁM ĐỐC TRƯỞNG PHÒNG",
    "São Paulo",
    "JOÃO",
    "ＡＢＣ corp",
    "ǅemal",
    "ẞtraße",
    "Ⴀbc",
    "Ꭰ",
    "𐐀x",
    "𐕰",
    "Ⓐ",
    "\u212aelvin",
    "I\u0307",
    "ABC plain",
]


def every_code_point() -> list[str]:
    return [chr(c) for c in range(1, 0x110000) if not 0xD800 <= c <= 0xDFFF]


def duckdb_lower(texts: list[str]) -> list[str]:
    con = duckdb.connect()
    con.execute(
        "CREATE TABLE x AS SELECT unnest(?) AS t, generate_subscripts(?, 1) AS i", [texts, texts]
    )
    return [r[0] for r in con.execute("SELECT lower(t) FROM x ORDER BY i").fetchall()]


def lowered_sql(dialect: str, table: str) -> str:
    d = dl.Dialect(dialect)
    query = exp.select(dl.lower(d, dl.col("t"))).from_(table).order_by(dl.col("i"))
    return query.sql(dialect=dialect)


def score_rows(stdout: str) -> dict[str, float]:
    return {r["id"]: float(r["fit"]) for r in csv.DictReader(io.StringIO(stdout))}


def test_postgresql_lowers_every_code_point_as_duckdb(pg: Any) -> None:
    texts = every_code_point() + WORDS
    pg.execute("CREATE TEMPORARY TABLE letters (i integer, t text)")
    with pg.cursor().copy("COPY letters (i, t) FROM STDIN") as copy:
        for i, t in enumerate(texts):
            copy.write_row((i, t))
    got = [r[0] for r in pg.execute(lowered_sql("postgres", "letters")).fetchall()]
    assert got == duckdb_lower(texts)
    # whatever the collation the column has: the C collation folds ASCII only, on purpose
    collated = lowered_sql("postgres", "letters").replace('"t"', '("t" COLLATE "POSIX")', 1)
    assert [r[0] for r in pg.execute(collated).fetchall()][-1] == "abc plain"


def test_the_hostile_letters_score_on_postgresql_as_on_duckdb(
    cli: Any, pg: Any, postgres_server: PgServer
) -> None:
    with text_export(FOLD_CSV) as export:
        load_postgres(pg, "fold", export)
    args = ["score", "--sla", FOLD_SLA, "--as-of", FOLD_AS_OF, "--format", "csv", "--quiet"]
    local = cli(*args[:1], FOLD_CSV, *args[1:])
    remote = cli(*args, "--engine", "postgres", "--table", "fold", "--dsn", postgres_server.dsn)
    assert remote.exit_code == 0, remote.stderr
    assert score_rows(remote.stdout) == score_rows(local.stdout) == FITS


def midnight_scores(cli: Any, write_sla: Any, folder: Path, *engine: str | Path) -> None:
    """`24:00` cells (review F6) scored on the engine as DuckDB scores the CSV, and counted
    unreadable alike (the summary line)."""
    sla = write_sla(SLA.format(formats="[iso]"))
    args = ["score", "--sla", sla, "--as-of", AS_OF, "--format", "csv"]
    local = cli(args[0], midnight_export(folder, ISO_CELLS), *args[1:])
    remote = cli(*args, *engine)
    assert remote.exit_code == 0, remote.stderr
    ours, theirs = (
        list(csv.reader(io.StringIO(local.stdout))),
        list(csv.reader(io.StringIO(remote.stdout))),
    )
    assert len(ours) == len(theirs) == len(ISO_CELLS) + 1
    for a, b in zip(ours, theirs, strict=True):  # scores within 1e-9 (the bar)
        assert [x if i not in (1, 3, 4) else "" for i, x in enumerate(a)] == [
            x if i not in (1, 3, 4) else "" for i, x in enumerate(b)
        ]
        if a[0] != "id":
            assert all(abs(float(a[i]) - float(b[i])) <= 1e-9 for i in (1, 3, 4)), (a, b)
    assert "4 unreadable cells" in local.stderr
    assert remote.stderr.split(": ", 1)[1] == local.stderr.split(": ", 1)[1]


def test_hour_24_reads_on_postgresql_as_on_duckdb(
    cli: Any, pg: Any, postgres_server: PgServer, write_sla: Any, tmp_path: Path
) -> None:
    with text_export(midnight_export(tmp_path, ISO_CELLS)) as export:
        load_postgres(pg, "midnight", export)
    engine = ["--engine", "postgres", "--table", "midnight", "--dsn", postgres_server.dsn]
    midnight_scores(cli, write_sla, tmp_path, *engine)


def test_spark_lowers_and_scores_the_letters_as_duckdb(
    cli: Any, spark: Any, write_sla: Any, tmp_path: Path
) -> None:
    """One Spark run: Java's lower() gives İ -> i̇ and a final ς, and knows no Unicode 14
    letter; the compiled scripts translate DuckDB's table instead. And `24:00` (F6)."""
    texts = [chr(a) for a, _ in pairs()] + WORDS
    spark.createDataFrame(list(enumerate(texts)), "i INT, t STRING").createOrReplaceTempView(
        "letters"
    )
    got = [r[0] for r in spark.sql(lowered_sql("spark", "letters")).collect()]
    assert got == duckdb_lower(texts)
    parquet = tmp_path / "fold.parquet"
    with text_export(FOLD_CSV) as export:
        load_spark(spark, export, parquet=parquet)
    args = ["score", "--sla", FOLD_SLA, "--as-of", FOLD_AS_OF, "--format", "csv", "--quiet"]
    remote = cli(*args, "--engine", "spark", "--table", parquet)
    assert remote.exit_code == 0, remote.stderr
    assert score_rows(remote.stdout) == FITS
    midnight = tmp_path / "midnight.parquet"
    with text_export(midnight_export(tmp_path, ISO_CELLS)) as export:
        load_spark(spark, export, parquet=midnight)
    midnight_scores(cli, write_sla, tmp_path, "--engine", "spark", "--table", midnight)

"""`report --engine` groups `for_each` values as the CSV run does (review F15): Python's
casefold, not the engine's LOWER (Straße/STRASSE/strasse, İzmir/i̇zmir, ǅemal/ǆemal are one
group each, with the same value, spelling shown and verdict)."""

from __future__ import annotations

import random
import sys
from pathlib import Path
from typing import Any

import sqlglot.expressions as exp

from leadsla.engine import dialects as dl
from tests.engines.conftest import PgServer
from tests.engines.test_report_results import same_report

DATA = Path(__file__).resolve().parents[1] / "data"
SLA = DATA / "slas" / "groups_casefold.yaml"
EXPORT = DATA / "exports" / "groups_casefold.csv"
REPORT = ["report", "--sla", SLA, "--as-of", "2026-11-24T12:00:00-03:00", "--format", "json"]


def test_report_groups_on_postgres_fold_as_the_csv_run(cli: Any, postgres_server: PgServer) -> None:
    from tests.engines.conftest import _load_pg

    table = _load_pg(postgres_server, "groups_casefold", EXPORT)
    local = cli(*REPORT, EXPORT)
    remote = cli(*REPORT, "--engine", "postgres", "--table", table, "--dsn", postgres_server.dsn)
    assert '"STRASSE"' in local.stdout and '"Straße"' not in local.stdout
    same_report(local, remote, table, path=str(EXPORT))


def test_report_groups_on_spark_fold_as_the_csv_run(cli: Any, spark: Any, tmp_path: Path) -> None:
    from tests.engines.conftest import _load_spark

    _load_spark(spark, "groups_casefold", EXPORT, tmp_path / "g.parquet")
    local = cli(*REPORT, EXPORT)
    remote = cli(*REPORT, "--engine", "spark", "--table", "groups_casefold")
    same_report(local, remote, "groups_casefold", path=str(EXPORT))


def test_postgres_casefold_is_pythons(pg: Any) -> None:
    """Every code point casefold changes, one in 97 of the others between ASCII letters (the
    ASCII-only branch and the full one), random mixed strings."""
    codes = [c for c in range(1, sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF]
    changed = [chr(c) for c in codes if chr(c).casefold() != chr(c)]
    texts = changed + ["A" + chr(c) + "z" for c in codes[::97]] + ["MARIA", "ISTANBUL"]
    rnd = random.Random(15)
    pool = changed + list("aZ ΣσςßİI")
    texts += ["".join(rnd.choice(pool) for _ in range(rnd.randint(1, 12))) for _ in range(1000)]
    with pg.cursor() as cur:
        cur.execute("CREATE TEMP TABLE w (i INTEGER, t TEXT)")
        cur.executemany("INSERT INTO w VALUES (%s, %s)", list(enumerate(texts)))
        q = exp.select(dl.casefold(dl.Dialect("postgres"), dl.col("t"))).from_("w").order_by("i")
        cur.execute(q.sql("postgres"))
        got = [r[0] for r in cur.fetchall()]
    wrong = [(t, g) for t, g in zip(texts, got, strict=True) if g != t.casefold()]
    assert wrong == []


def test_spark_casefold_is_pythons(spark: Any) -> None:
    """As on PostgreSQL: Spark's TRANSLATE and REPLACE fold every letter casefold changes
    (supplementary ones included) and the sampled others as Python does."""
    codes = [c for c in range(1, sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF]
    changed = [chr(c) for c in codes if chr(c).casefold() != chr(c)]
    texts = changed + ["A" + chr(c) + "z" for c in codes[::97]]
    rnd = random.Random(16)
    pool = changed + list("aZ ΣσςßİI")
    texts += ["".join(rnd.choice(pool) for _ in range(rnd.randint(1, 12))) for _ in range(1000)]
    spark.createDataFrame(list(enumerate(texts)), "i INT, t STRING").createOrReplaceTempView(
        "casefold_w"
    )
    q = exp.select(dl.col("i"), dl.casefold(dl.Dialect("spark"), dl.col("t"))).from_("casefold_w")
    got = dict(spark.sql(q.sql("spark")).collect())
    wrong = [(t, got[i]) for i, t in enumerate(texts) if got[i] != t.casefold()]
    assert wrong == []

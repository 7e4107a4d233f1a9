"""The same export, three engines: DuckDB reading the CSV, PostgreSQL and Spark reading it as a
table of text: one account, and identical results (issue 14)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from tests.conftest import AS_OF, EXAMPLES
from tests.engines.conftest import PgServer
from tests.engines.test_postgres import summary
from tests.engines.test_results import same_items, same_scores

SLA = EXAMPLES / "sla.yaml"


def test_the_100k_export_scores_alike_on_every_engine(
    cli: Any,
    postgres_server: PgServer,
    big_pg: str,
    big_spark: Path,
    export_100k: Path,
) -> None:
    """Every lead's fit, grade, engagement, score (1e-9), qualification, reason and funnel
    stage: DuckDB reading the CSV = PostgreSQL = Spark reading it as a table; and one account
    (rows, unreadable cells, duplicate ids) on the three."""
    args = ["score", "--sla", SLA, "--as-of", AS_OF, "--format", "csv"]
    local = cli(*args, export_100k)
    on_pg = cli(*args, "--engine", "postgres", "--table", big_pg, "--dsn", postgres_server.dsn)
    on_spark = cli(*args, "--engine", "spark", "--table", big_spark)
    same_scores(local.stdout, on_pg.stdout)
    same_scores(local.stdout, on_spark.stdout)
    counts = summary(local.stderr)[1]
    assert summary(on_pg.stderr) == (big_pg, counts)
    assert summary(on_spark.stderr) == (str(big_spark), counts)
    assert re.search(r"100,000 rows: 100,000 used, 0 rejected, [\d,]+ unreadable cells", counts)


def test_the_100k_export_has_the_same_deadlines_on_every_engine(
    cli: Any,
    postgres_server: PgServer,
    big_pg: str,
    big_spark: Path,
    export_100k: Path,
) -> None:
    """Every deadline's due (an instant, written in the calendar's zone), status and minutes,
    and the same exit code and data warnings."""
    args = ["check-deadlines", "--sla", SLA, "--as-of", AS_OF, "--status", "all"]
    args += ["--format", "csv"]
    local = cli(*args, export_100k)
    on_pg = cli(*args, "--engine", "postgres", "--table", big_pg, "--dsn", postgres_server.dsn)
    on_spark = cli(*args, "--engine", "spark", "--table", big_spark)
    for remote, name in ((on_pg, big_pg), (on_spark, str(big_spark))):
        same_items(local, remote, str(export_100k), name)

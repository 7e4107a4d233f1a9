"""The same export, three engines: DuckDB reading the CSV, PostgreSQL and Spark reading it as a
table of text. (The identical-results tests of issue 14 join these once the compiler lands.)"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from tests.conftest import AS_OF, EXAMPLES
from tests.engines.conftest import PgServer
from tests.engines.test_postgres import summary

SLA = EXAMPLES / "sla.yaml"


def test_the_100k_export_has_one_account_on_every_engine(
    cli: Any,
    postgres_server: PgServer,
    big_pg: str,
    big_spark: Path,
    export_100k: Path,
) -> None:
    args = ["score", "--sla", SLA, "--as-of", AS_OF]
    local = cli(*args, export_100k, "--top", "1", "--format", "json")
    on_pg = cli(*args, "--engine", "postgres", "--table", big_pg, "--dsn", postgres_server.dsn)
    on_spark = cli(*args, "--engine", "spark", "--table", big_spark)
    assert summary(on_pg.stderr) == (big_pg, summary(on_spark.stderr)[1])
    counts = summary(on_pg.stderr)[1]
    local_counts = summary(local.stderr)[1]
    used = re.search(r"([\d,]+) used", local_counts)
    assert used is not None
    assert counts.startswith(f"{used.group(1)} rows: {used.group(1)} used, 0 rejected")
    duplicates = re.search(r"; [\d,]+ rows share [\d,]+ duplicate ids?", local_counts)
    assert duplicates is not None and duplicates.group(0) in counts

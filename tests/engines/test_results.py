"""`--engine postgres|spark` computes the results: the same as DuckDB reading the CSV (issue 14,
identical results). Every lead's fit, grade, engagement, score (within 1e-9), qualification,
reason and funnel stage; every deadline's due (as an instant), status and minutes."""

from __future__ import annotations

import csv
import io
import math
from pathlib import Path
from typing import Any

from tests.conftest import AS_OF, EXAMPLES
from tests.engines.conftest import PgServer

SLA = EXAMPLES / "sla.yaml"
NUMBERS = {"fit", "engagement", "score"}


def csv_rows(text: str) -> tuple[list[str], list[dict[str, str]]]:
    reader = csv.DictReader(io.StringIO(text))
    return list(reader.fieldnames or []), list(reader)


def by_id(rows: list[dict[str, str]]) -> list[dict[str, str]]:
    return sorted(rows, key=lambda r: tuple(r.values()))


def same_scores(local: str, remote: str) -> None:
    """Equal rows (as sets: a table has no export order), numbers within 1e-9."""
    head_l, rows_l = csv_rows(local)
    head_r, rows_r = csv_rows(remote)
    assert head_r == head_l
    assert len(rows_r) == len(rows_l)
    key = [c for c in head_l if c not in NUMBERS]
    left = sorted(rows_l, key=lambda r: tuple(r[c] for c in key))
    right = sorted(rows_r, key=lambda r: tuple(r[c] for c in key))
    for a, b in zip(left, right, strict=True):
        assert {c: a[c] for c in key} == {c: b[c] for c in key}
        for c in NUMBERS & set(head_l):
            assert (a[c] == b[c] == "") or math.isclose(
                float(a[c]), float(b[c]), rel_tol=0, abs_tol=1e-9
            ), (a, b)


def pg_args(server: PgServer, table: str) -> list[str]:
    return ["--engine", "postgres", "--table", table, "--dsn", server.dsn]


def test_score_csv_on_postgres_is_duckdbs(
    cli: Any, postgres_server: PgServer, example_pg: str
) -> None:
    args = ["score", "--sla", SLA, "--as-of", AS_OF, "--format", "csv"]
    local = cli(*args, EXAMPLES / "leads.csv")
    remote = cli(*args, *pg_args(postgres_server, example_pg))
    assert remote.exit_code == 0, remote.stderr
    same_scores(local.stdout, remote.stdout)


def test_score_csv_on_spark_is_duckdbs(cli: Any, example_spark: Path) -> None:
    args = ["score", "--sla", SLA, "--as-of", AS_OF, "--format", "csv"]
    local = cli(*args, EXAMPLES / "leads.csv")
    remote = cli(*args, "--engine", "spark", "--table", "example")
    assert remote.exit_code == 0, remote.stderr
    same_scores(local.stdout, remote.stdout)
    assert remote.stderr.splitlines()[0] == local.stderr.splitlines()[0].replace(
        str(EXAMPLES / "leads.csv"), "example"
    )


def same_items(
    local: Any, remote: Any, path: str = str(EXAMPLES / "leads.csv"), name: str = "example"
) -> None:
    """check-deadlines: the same exit code (1: breached), the same items (due, status and
    minutes as CSV writes them: instants in the calendar's zone), the same warnings count."""
    assert remote.exit_code == local.exit_code == 1, remote.stderr
    head_l, rows_l = csv_rows(local.stdout)
    head_r, rows_r = csv_rows(remote.stdout)
    assert head_r == head_l and len(rows_r) == len(rows_l) > 0
    assert by_id(rows_r) == by_id(rows_l)
    assert remote.stderr.splitlines()[1:] == [
        line.replace(path, name) for line in local.stderr.splitlines()[1:]
    ]


DEADLINES = ["check-deadlines", "--sla", SLA, "--as-of", AS_OF, "--status", "all", "--format"]


def test_check_deadlines_on_postgres_is_duckdbs(
    cli: Any, postgres_server: PgServer, example_pg: str
) -> None:
    local = cli(*DEADLINES, "csv", EXAMPLES / "leads.csv")
    remote = cli(*DEADLINES, "csv", *pg_args(postgres_server, example_pg))
    same_items(local, remote)


def test_check_deadlines_on_spark_is_duckdbs(cli: Any, example_spark: Path) -> None:
    local = cli(*DEADLINES, "csv", EXAMPLES / "leads.csv")
    remote = cli(*DEADLINES, "csv", "--engine", "spark", "--table", "example")
    same_items(local, remote)

"""`report --engine postgres|spark` computes the goals there (issue 14, identical results):
`report --format json` equals DuckDB's on the example, every number within 1e-9; options
report does not compute there yet are refused (exit 2), never answered wrongly."""

from __future__ import annotations

import json
import math
from typing import Any

import pytest

from tests.conftest import AS_OF, EXAMPLES
from tests.engines.conftest import PgServer

SLA = EXAMPLES / "sla.yaml"
REPORT = ["report", "--sla", SLA, "--as-of", AS_OF, "--format", "json"]


def close(a: Any, b: Any, where: str = "") -> None:
    """Equal JSON documents, numbers within 1e-9 (absolute, or relative for large values)."""
    if isinstance(a, dict):
        assert isinstance(b, dict) and sorted(a) == sorted(b), where
        for k in a:
            close(a[k], b[k], f"{where}.{k}")
    elif isinstance(a, list):
        assert isinstance(b, list) and len(a) == len(b), where
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            close(x, y, f"{where}[{i}]")
    elif isinstance(a, float) or (isinstance(b, float) and not isinstance(a, bool)):
        assert isinstance(b, (int, float)) and not isinstance(b, bool), (where, a, b)
        assert math.isclose(a, b, rel_tol=1e-12, abs_tol=1e-9), (where, a, b)
    else:
        assert a == b, (where, a, b)


def same_report(local: Any, remote: Any, name: str) -> None:
    assert remote.exit_code == local.exit_code, remote.stderr
    left, right = json.loads(local.stdout), json.loads(remote.stdout)
    # the summary line names the export (a file, a table); the counts are the same
    assert remote.stderr.splitlines()[0] == local.stderr.splitlines()[0].replace(
        str(EXAMPLES / "leads.csv"), name
    )
    assert left["periods"] and any(p["goals"] for p in left["periods"])
    close(left, right)


def test_report_json_on_postgres_is_duckdbs(
    cli: Any, postgres_server: PgServer, example_pg: str
) -> None:
    local = cli(*REPORT, EXAMPLES / "leads.csv")
    remote = cli(
        *REPORT, "--engine", "postgres", "--table", example_pg, "--dsn", postgres_server.dsn
    )
    same_report(local, remote, example_pg)


def test_report_json_on_spark_is_duckdbs(cli: Any, example_spark: Any) -> None:
    local = cli(*REPORT, EXAMPLES / "leads.csv")
    remote = cli(*REPORT, "--engine", "spark", "--table", "example")
    same_report(local, remote, "example")


@pytest.mark.parametrize(
    "option", [["--by", "owner"], ["--period", "month"], ["--from", "2026-01-01"]]
)
def test_report_options_not_computed_there_are_refused(
    cli: Any, postgres_server: PgServer, example_pg: str, option: list[str]
) -> None:
    remote = cli(
        *REPORT,
        *option,
        "--engine",
        "postgres",
        "--table",
        example_pg,
        "--dsn",
        postgres_server.dsn,
    )
    assert remote.exit_code == 2
    assert "cannot be used with --engine postgres yet" in remote.stderr
    assert remote.stdout == ""

"""`report --engine postgres|spark` computes the goals there (issue 14, identical results):
`report --format json` equals DuckDB's on the example, every number within 1e-9, with
report's options (--period, --from, --to, --by) too."""

from __future__ import annotations

import csv
import json
import math
import random
from datetime import datetime, timedelta
from pathlib import Path
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


def same_report(
    local: Any, remote: Any, name: str, path: str = str(EXAMPLES / "leads.csv")
) -> None:
    assert remote.exit_code == local.exit_code, remote.stderr
    left, right = json.loads(local.stdout), json.loads(remote.stdout)
    # the summary line names the export (a file, a table); the counts are the same
    # (the data warnings line too: stops before their starts, which the rules ignore)
    assert remote.stderr.splitlines() == [
        line.replace(path, name) for line in local.stderr.splitlines()
    ]
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
    "option",
    [
        ["--by", "owner"],  # an SLA field: no targets per group, (unassigned) for a blank
        ["--by", "Cidade"],  # a column the SLA does not use: read, not in the account
        ["--by", "grade"],  # a scored field
        ["--by", "funnel_stage"],
        ["--period", "month"],  # not goals.period: values without verdicts
        ["--period", "quarter", "--by", "source"],
        # two years on, --from is before the default calendar (two years before as-of)
        ["--as-of", "2029-01-10T12:00:00-03:00", "--from", "2026-08-01", "--to", "2026-10-31"],
        ["--from", "2026-10-01"],
        ["--period", "month", "--from", "2026-06-01", "--to", "2026-09-30", "--by", "owner"],
    ],
)
def test_report_options_on_postgres_are_duckdbs(
    cli: Any, postgres_server: PgServer, example_pg: str, option: list[str]
) -> None:
    """report's --period, --from, --to and --by on a table: the CSV's report, number for
    number (they were refused before: exit 2)."""
    local = cli(*REPORT, *option, EXAMPLES / "leads.csv")
    remote = cli(
        *REPORT, *option, "--engine", "postgres", "--table", example_pg, "--dsn",
        postgres_server.dsn,
    )  # fmt: skip
    same_report(local, remote, example_pg)
    if "--by" in option:
        field = option[option.index("--by") + 1]
        groups = {
            tuple(g["group"]) for p in json.loads(remote.stdout)["periods"] for g in p["goals"]
        }
        assert groups == {(field,)}, groups


def test_report_options_on_spark_are_duckdbs(cli: Any, example_spark: Any) -> None:
    option = ["--period", "month", "--from", "2026-03-01", "--by", "owner"]
    local = cli(*REPORT, *option, EXAMPLES / "leads.csv")
    remote = cli(*REPORT, *option, "--engine", "spark", "--table", "example")
    same_report(local, remote, "example")


def test_report_by_a_missing_column_on_postgres_is_the_csvs_error(
    cli: Any, postgres_server: PgServer, example_pg: str
) -> None:
    local = cli(*REPORT, "--by", "Nope", EXAMPLES / "leads.csv")
    remote = cli(
        *REPORT, "--by", "Nope", "--engine", "postgres", "--table", example_pg, "--dsn",
        postgres_server.dsn,
    )  # fmt: skip
    assert local.exit_code == remote.exit_code == 2, remote.stderr
    assert "field `Nope`: no column `Nope` (used at the command line)" in remote.stderr
    assert remote.stdout == ""


def test_report_groups_and_no_data_on_postgres_are_duckdbs(
    cli: Any,
    postgres_server: PgServer,
    write_sla: Any,
    tmp_path: Path,
) -> None:
    """`for_each` goals (groups by their most frequent spelling, overrides, (unassigned) and
    (blank) without a target), conversion, median time and compliance per owner, periods
    before a group's first data (no_data): the report of a table is the CSV's."""
    from tests.cli.test_compile_goals import GROUPED
    from tests.engines.conftest import _load_pg

    sla = write_sla(GROUPED)
    export = tmp_path / "leads.csv"
    rnd = random.Random(3)
    with export.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["Lead ID", "Owner", "size", "created_at", "won_at"])
        for i in range(150):
            created = datetime(2026, 5, 1) + timedelta(minutes=rnd.randint(0, 150 * 24 * 60))
            won = created + timedelta(minutes=rnd.randint(0, 9000)) if rnd.random() < 0.4 else None
            w.writerow(
                [
                    f"P{i}",
                    rnd.choice(["Ana", "ana ", "ANA", "Bruno", "bruno", "", "Çecília", "çecília"]),
                    rnd.choice(["10", "10.0", "2.5", "", "50"]),
                    created.isoformat(" "),
                    won.isoformat(" ") if won else "",
                ]
            )
    table = _load_pg(postgres_server, "grouped", export)
    args = ["report", "--sla", sla, "--as-of", "2026-09-20T12:00:00-03:00", "--format", "json"]
    local = cli(*args, export)
    remote = cli(*args, "--engine", "postgres", "--table", table, "--dsn", postgres_server.dsn)
    verdicts = {g["verdict"] for p in json.loads(local.stdout)["periods"] for g in p["goals"]}
    assert {"no_data", "no_target", "met", "missed"} <= verdicts, verdicts
    same_report(local, remote, table, path=str(export))

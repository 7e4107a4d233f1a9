"""`explain --engine postgres|spark` computes the lead there (issue 14): its row, each rule's
check and points, and its deadline items come from scripts run in the engine with the id as a
literal; `explain --format json` equals DuckDB's on the example, except `line` (a table has no
line numbers: null). An unknown id: the same exit and message as for a CSV."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import AS_OF, EXAMPLES
from tests.engines.conftest import PgServer
from tests.engines.test_errors_results import same_errors
from tests.engines.test_report_results import close

SLA = EXAMPLES / "sla.yaml"
CSV = EXAMPLES / "leads.csv"
EXPLAIN = ["explain", "--sla", SLA, "--as-of", AS_OF, "--format", "json"]

LEADS = {
    "100500": "qualified (mql)",
    "100004": "disqualified (student)",
    "100016": "a breached deadline",
    "100002": "an unreadable number (`11 a 50`)",
    "100122": "an unreadable date (`ontem`)",
    "100368": "an unreadable creation date (`30/02/2026`)",
}


def same_explain(local: Any, remote: Any, name: str) -> None:
    """The same document but `line` (null for a table), the same summary line but the name."""
    assert local.exit_code == 0, local.stderr
    assert remote.exit_code == local.exit_code, remote.stderr
    left, right = json.loads(local.stdout), json.loads(remote.stdout)
    for lead in left["leads"]:
        assert isinstance(lead["line"], int)
        lead["line"] = None
    close(left, right)
    summary = [line for line in local.stderr.splitlines() if "data warning" not in line]
    got = [line for line in remote.stderr.splitlines() if "data warning" not in line]
    assert got == [line.replace(str(CSV), name) for line in summary]


def test_the_leads_chosen_are_what_they_say(cli: Any) -> None:
    """The example's leads hold what the tests below say they hold (else they prove less)."""
    found = {i: json.loads(cli(*EXPLAIN, i, CSV).stdout)["leads"][0] for i in LEADS}
    assert found["100500"]["qualification"] == "mql"
    assert found["100004"]["qualification"] == "disqualified"
    assert any(d["status"] == "breached" for d in found["100016"]["deadlines"])
    assert found["100002"]["fields"]["company_size"] is None
    assert found["100122"]["fields"]["first_contact_at"] is None
    assert found["100368"]["fields"]["created_at"] is None


@pytest.mark.parametrize("lead", list(LEADS))
def test_explain_json_on_postgres_is_duckdbs(
    cli: Any, postgres_server: PgServer, example_pg: str, lead: str
) -> None:
    local = cli(*EXPLAIN, lead, CSV)
    remote = cli(
        *EXPLAIN, lead, "--engine", "postgres", "--table", example_pg, "--dsn", postgres_server.dsn
    )
    same_explain(local, remote, example_pg)


def test_explain_json_on_spark_is_duckdbs(cli: Any, example_spark: Any, tmp_path: Path) -> None:
    """One Spark run per lead, in one test (Spark is slow to start a job); the first with
    `--errors`, whose list is DuckDB's too."""
    for n, lead in enumerate(("100500", "100004", "100016", "100122")):
        errors = ["--errors", tmp_path / "local.csv"] if n == 0 else []
        local = cli(*EXPLAIN, lead, CSV, *errors)
        errors = ["--errors", tmp_path / "remote.csv"] if n == 0 else []
        remote = cli(*EXPLAIN, lead, "--engine", "spark", "--table", "example", *errors)
        same_explain(local, remote, "example")
    same_errors(tmp_path / "local.csv", tmp_path / "remote.csv")


def test_explain_table_on_postgres_says_no_line(
    cli: Any, postgres_server: PgServer, example_pg: str
) -> None:
    """The table output is the CSV's, the heading without a line number."""
    args = ["explain", "--sla", SLA, "--as-of", AS_OF, "100016"]
    local = cli(*args, CSV)
    remote = cli(*args, "--engine", "postgres", "--table", example_pg, "--dsn", postgres_server.dsn)
    assert remote.exit_code == local.exit_code == 0, remote.stderr
    assert local.stdout.startswith("Lead 100016 (line 16)\n")
    assert remote.stdout == local.stdout.replace("Lead 100016 (line 16)", "Lead 100016", 1)


@pytest.mark.parametrize("lead", ["100O16", "nobody"])
def test_an_unknown_id_on_postgres_is_said_as_for_a_csv(
    cli: Any, postgres_server: PgServer, example_pg: str, lead: str
) -> None:
    args = ["explain", "--sla", SLA, "--as-of", AS_OF, lead]
    local = cli(*args, CSV)
    remote = cli(*args, "--engine", "postgres", "--table", example_pg, "--dsn", postgres_server.dsn)
    assert local.exit_code == 2
    assert remote.exit_code == local.exit_code
    assert remote.stdout == local.stdout == ""
    assert remote.stderr == local.stderr.replace(str(CSV), example_pg)

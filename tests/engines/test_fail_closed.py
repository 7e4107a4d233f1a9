"""`--engine postgres` fails closed as the CSV run does (review of issue 14: F10, F11, F4, F7,
F13, F14): a field it cannot read, an SLA the dialect cannot run, a typed column. A real,
private PostgreSQL server (tests/engines/conftest.py); the CSV run of the same data is the
reference."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, run_leadsla
from tests.engines.conftest import PgServer

AS_OF = "2026-11-20T12:00:00-03:00"
LEADS = EXAMPLES / "leads.csv"


def pg_args(server: PgServer, table: str) -> list[str]:
    return ["--engine", "postgres", "--table", table, "--dsn", server.dsn]


def sla_with(tmp_path: Path, old: str, new: str, name: str = "sla.yaml") -> Path:
    text = (EXAMPLES / "sla.yaml").read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / name
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def wrong_format(tmp_path: Path) -> Path:
    """The classic mistake the guard exists for: a US month/day order for a Brazilian export."""
    text = (EXAMPLES / "sla.yaml").read_text(encoding="utf-8")
    found = re.search(r"^  date_formats:.*$", text, re.M)
    assert found, "the example SLA sets leads.date_formats on one line"
    path = tmp_path / "wrongfmt.yaml"
    path.write_text(
        text.replace(found.group(0), '  date_formats: ["%m/%d/%Y %H:%M"]'), encoding="utf-8"
    )
    return path


def located(stderr: str) -> str:
    """The message without the export's name (a file's or a table's)."""
    return stderr.replace(str(LEADS), "NAME").replace("example", "NAME")


# --- F10: leads.max_unreadable holds on the engine ----------------------------------------


@pytest.mark.parametrize(
    "command",
    [["score"], ["check-deadlines"], ["report"], ["explain", "101305"]],
    ids=["score", "check-deadlines", "report", "explain"],
)
def test_an_unreadable_field_stops_the_engine_run_as_it_stops_the_csv_run(
    postgres_server: PgServer, example_pg: str, tmp_path: Path, command: list[str]
) -> None:
    sla = wrong_format(tmp_path)
    head, rest = command[0], command[1:]
    csv_run = run_leadsla(head, "--sla", sla, *rest, LEADS, "--as-of", AS_OF)
    assert csv_run.returncode == 2, csv_run.stderr
    remote = run_leadsla(
        head, "--sla", sla, *rest, "--as-of", AS_OF, *pg_args(postgres_server, example_pg)
    )
    assert remote.returncode == 2, remote.stdout + remote.stderr
    assert remote.stdout == ""
    assert "internal error" not in remote.stderr
    assert "leads.max_unreadable" in remote.stderr
    # the same message: the field, its column, the share, and the formats that read it
    error = [line for line in csv_run.stderr.splitlines() if "max_unreadable" in line]
    assert error and error[0].startswith("leadsla: ")
    field = re.search(r"field `[^`]+` \(column `[^`]+`\)", error[0])
    assert field and field.group(0) in remote.stderr
    assert '"%d/%m/%Y %H:%M"' in remote.stderr and "set it in the SLA" in remote.stderr
    assert "leads: {date_formats: [" in remote.stderr


def test_an_unreadable_field_is_listed_in_the_tables_errors(
    postgres_server: PgServer, example_pg: str, tmp_path: Path
) -> None:
    sla = wrong_format(tmp_path)
    errors = tmp_path / "errors.csv"
    remote = run_leadsla(
        "score",
        "--sla",
        sla,
        "--as-of",
        AS_OF,
        "--errors",
        errors,
        *pg_args(postgres_server, example_pg),
    )
    assert remote.returncode == 2, remote.stderr
    rows = errors.read_text(encoding="utf-8").splitlines()
    assert rows[0] == "kind,id,column,field,value,reason"
    assert any(r.startswith("field,,") and "max_unreadable" in r for r in rows), rows[:5]


def test_a_field_within_the_limit_still_runs(postgres_server: PgServer, example_pg: str) -> None:
    remote = run_leadsla(
        "score",
        "--sla",
        EXAMPLES / "sla.yaml",
        "--as-of",
        AS_OF,
        "--format",
        "csv",
        *pg_args(postgres_server, example_pg),
    )
    assert remote.returncode == 0, remote.stderr
    assert "max_unreadable" not in remote.stderr


# --- F11: the dialect check runs before connecting -----------------------------------------

NOWHERE = "host=/nonexistent/leadsla-no-server dbname=none user=none"
"""A DSN no server answers: a command that connected first would fail on it instead."""


@pytest.mark.parametrize(
    "command",
    [["score"], ["check-deadlines"], ["report"], ["explain", "101305"]],
    ids=["score", "check-deadlines", "report", "explain"],
)
@pytest.mark.parametrize("case", ["date-formats", "regex"])
def test_what_the_dialect_cannot_run_is_refused_before_connecting_with_located_errors(
    tmp_path: Path, command: list[str], case: str
) -> None:
    if case == "date-formats":
        text = (EXAMPLES / "sla.yaml").read_text(encoding="utf-8")
        found = re.search(r"^  date_formats:.*$", text, re.M)
        assert found
        sla = tmp_path / "sla.yaml"
        sla.write_text(
            text.replace(
                found.group(0),
                '  date_formats: ["%d/%m/%Y %H:%M", "%m/%d/%Y %I:%M %p", "%d %b %Y"]',
            ),
            encoding="utf-8",
        )
    else:
        sla = sla_with(tmp_path, 'matches: "(head|', 'matches: "(?s)(head|')
    check = run_leadsla("validate", "--dialect", "postgres", sla)
    assert check.returncode == 1
    expected = [line for line in check.stdout.splitlines() if line.startswith(f"{sla}:")]
    expected = [line for line in expected if re.match(rf"{re.escape(str(sla))}:\d+:\d+: ", line)]
    assert expected, check.stdout
    head, rest = command[0], command[1:]
    remote = run_leadsla(
        head,
        "--sla",
        sla,
        *rest,
        "--as-of",
        AS_OF,
        "--engine",
        "postgres",
        "--table",
        "example",
        "--dsn",
        NOWHERE,
    )
    assert remote.returncode == 2, remote.stderr
    assert "internal error" not in remote.stderr and "bug" not in remote.stderr
    assert "connect" not in remote.stderr.lower()  # refused before connecting
    for line in expected:
        assert line in remote.stderr

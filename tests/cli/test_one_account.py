"""One account of an export (issue 9, case 2): every data command reads and checks every field
the SLA uses, so the summary line, the read problems in `--errors` and the `--strict` verdict
are the same for `score`, `check-deadlines`, `report`, `explain` and `validate --leads`.

The export is the bundled example made messy: unreadable cells in fields that only some
commands use (a follow-up's stop, a goal's `to`, a scoring number), a row with a field too many,
a footer. Warnings found while computing (a stop before its start) belong to the commands that
compute them, and are left out of the comparison."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import AS_OF, EXAMPLES, run_leadsla

COMMANDS = [
    ("score",),
    ("check-deadlines", "--fail-on", "never"),
    ("report",),
    ("explain", "100001"),
]


STAMP = re.compile(r"\d\d/\d\d/2026 \d\d:\d\d")
INJECTED = {"first_contact_at": 0, "sql_at": 0, "email_opens": 0}
"""Readable cells the fixture made unreadable, per field."""


@pytest.fixture(scope="module")
def messy(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("messy")
    text = (EXAMPLES / "leads.csv").read_text(encoding="utf-8")
    rows = list(csv.reader(text.splitlines(), delimiter=";"))
    col = {h: i for i, h in enumerate(rows[0])}
    bad = [
        # only deadlines and goals read it
        ("first_contact_at", "Primeiro contato", 61, STAMP, "amanhã"),
        # the funnel (score) and a conversion goal
        ("sql_at", "Data SQL", 43, STAMP, "31/02/2026"),
        # only score reads it
        ("email_opens", "Aberturas de e-mail", 101, re.compile(r"\d+"), "muitas"),
    ]
    for n, row in enumerate(rows[1:], start=1):
        for name, header, every, readable, value in bad:
            if n % every == 0 and readable.fullmatch(row[col[header]]):
                row[col[header]] = value
                INJECTED[name] += 1
    rows.insert(500, [*rows[500], "extra"])  # a row with one field too many: rejected
    export = folder / "leads.csv"
    with export.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f, delimiter=";", lineterminator="\n").writerows(rows)
        f.write("\nTotal de leads: 2001\nConfidencial\n")  # a footer after a blank line
    return EXAMPLES / "sla.yaml", export


def _computed(issue: dict[str, str]) -> bool:
    return issue["kind"] == "warning" and "before its start" in issue["reason"]


def test_every_command_gives_the_same_account(messy: tuple[Path, Path], tmp_path: Path) -> None:
    sla, export = messy
    summaries: dict[str, str] = {}
    errors: dict[str, list[dict[str, str]]] = {}
    fields: dict[str, Any] = {}
    for command in COMMANDS:
        path = tmp_path / f"{command[0]}.csv"
        r = run_leadsla(
            *command, export, "--sla", sla, "--as-of", AS_OF, "--errors", path, "--format", "json"
        )
        assert r.returncode == 0, r.stderr
        summaries[command[0]] = r.stderr.splitlines()[0]
        errors[command[0]] = [e for e in csv.DictReader(path.open()) if not _computed(e)]
        fields[command[0]] = r.stdout
    # was: score 74 unreadable cells, check-deadlines 71, report 77 on the example
    unreadable = 77 + sum(INJECTED.values())
    expected = (
        f"{export}: 2,001 rows: 2,000 used, 1 rejected, {unreadable} unreadable cells; 10 rows "
        "share 5 duplicate ids; a footer of 2 lines skipped"
    )
    assert set(summaries.values()) == {expected}, summaries
    fields = {c: json.loads(out)["summary"]["fields"] for c, out in fields.items()}
    first = errors["score"]
    assert all(e == first for e in errors.values())
    assert {e["kind"] for e in first} == {"rejected", "unreadable", "duplicate", "footer"}
    assert all(f == fields["score"] for f in fields.values())
    by_field = {f["field"]: f["unreadable"] for f in fields["score"]}
    # the example's own unreadable cells, and the fixture's
    assert (by_field["first_contact_at"], by_field["sql_at"], by_field["email_opens"]) == (
        3 + INJECTED["first_contact_at"],
        0 + INJECTED["sql_at"],
        2 + INJECTED["email_opens"],
    )
    assert (
        min(INJECTED.values()) >= 3 and sum(f["unreadable"] for f in fields["score"]) == unreadable
    )

    # validate --leads gives the same account: the summary as a warning, and in JSON
    r = run_leadsla("validate", sla, "--leads", export, "--as-of", AS_OF, "--format", "json")
    assert r.returncode == 0, r.stdout + r.stderr
    [f] = json.loads(r.stdout)["files"]
    assert f["summary"]["fields"] == fields["score"]
    [warning] = [w for w in f["warnings"] if w["code"] == "export"]
    assert warning["message"].startswith(expected.removeprefix(f"{export}: "))


def test_strict_fails_alike(messy: tuple[Path, Path]) -> None:
    sla, export = messy
    verdicts = set()
    for command in COMMANDS:
        r = run_leadsla(*command, export, "--sla", sla, "--as-of", AS_OF, "--strict", "--quiet")
        assert r.returncode == 2 and r.stdout == ""
        verdicts.add(r.stderr)
    # rejected rows, unreadable cells and rows with a duplicate id
    problems = 1 + 77 + sum(INJECTED.values()) + 10
    assert verdicts == {
        f"leadsla: --strict: {export} has {problems} data problems; list them with --errors FILE\n"
    }
    r = run_leadsla("validate", sla, "--leads", export, "--as-of", AS_OF, "--strict")
    assert r.returncode == 1


def test_computed_warnings_have_their_own_line(messy: tuple[Path, Path]) -> None:
    sla, export = messy
    r = run_leadsla("check-deadlines", export, "--sla", sla, "--as-of", AS_OF)
    lines = r.stderr.splitlines()
    assert lines[1] == f"{export}: 33 data warnings found while computing"
    r = run_leadsla("score", export, "--sla", sla, "--as-of", AS_OF)
    assert len(r.stderr.splitlines()) == 1  # score computes no deadline

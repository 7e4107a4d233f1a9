"""`leadsla explain ID`: every rule, point, grade, qualification and deadline of one lead, with
values worked out by hand from the rows below (SPEC §3)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import AS_OF, Cli, run_leadsla

SLA = """\
version: 1
name: Explain test
leads: {timezone: America/Sao_Paulo, date_formats: ["%Y-%m-%d %H:%M"]}
calendar:
  timezone: America/Sao_Paulo
  hours: {mon-fri: "09:00-12:00, 13:00-18:00"}
scoring:
  fit:
    rules:
      - {name: Big company, when: {field: size, gte: 100}, points: 30}
      - {name: Director, when: {field: title, contains: director}, points: 20}
    grades: {A: 50, B: 30}
  engagement:
    cap: 40
    rules:
      - {name: Opens, per: opens, points: 5}
    decay: {half_life: 10d, since: last_activity}
qualification:
  mql: {field: score, gte: 60}
  disqualify:
    - {when: {field: email, ends_with: "@rival.com"}, reason: competitor}
follow_up:
  - {id: contact, owner: sales, start: mql_at, stop: [contact_at], within: 4h, at_risk: 75%}
"""
# AS_OF is Friday 20 Nov 2026, 12:00 -03:00 (a business day: the holidays are not listed).
CSV = """\
id,email,title,size,opens,last_activity,mql_at,contact_at
L1,a@x.com,Sales Director,150,10,2026-11-10 12:00,2026-11-19 16:00,
L2,b@rival.com,Director,500,2,,2026-11-19 10:00,2026-11-19 11:00
L1,c@x.com,Intern,10,0,,2026-11-20 09:00,
"""


class Explain:
    def __init__(self, cli: Cli, folder: Path) -> None:
        self.cli = cli
        self.sla = folder / "sla.yaml"
        self.csv = folder / "leads.csv"
        self.sla.write_text(SLA, encoding="utf-8")
        self.csv.write_text(CSV, encoding="utf-8")

    def raw(self, lead: str, *args: str) -> Any:
        return self.cli("explain", lead, self.csv, "--sla", self.sla, "--as-of", AS_OF, *args)

    def json(self, lead: str) -> list[dict[str, Any]]:
        r = self.raw(lead, "--format", "json", "--quiet")
        assert r.exit_code == 0, r.output
        leads: list[dict[str, Any]] = json.loads(r.stdout)["leads"]
        return leads


@pytest.fixture
def explain(cli: Cli, tmp_path: Path) -> Explain:
    return Explain(cli, tmp_path)


def test_points_grade_decay_score_and_qualification(explain: Explain) -> None:
    first, _second = explain.json("L1")
    assert first["line"] == 2
    assert [(r["part"], r["name"], r["fired"], r["points"]) for r in first["rules"]] == [
        ("fit", "Big company", True, 30.0),  # 150 employees
        ("fit", "Director", True, 20.0),  # "Sales Director" contains "director", any case
        ("engagement", "Opens", True, 50.0),  # 10 opens x 5
        ("disqualify", "competitor", False, None),
        ("mql", "MQL definition", True, None),
    ]
    assert (first["fit"], first["grade"]) == (50.0, "A")  # 50 reaches A exactly
    # 50 engagement points capped at 40; last activity 10 days (one half-life) before as-of
    assert (first["engagement_raw"], first["decay_factor"], first["engagement"]) == (
        40.0,
        0.5,
        20.0,
    )
    assert (first["score"], first["qualification"], first["reason"]) == (70.0, "mql", None)


def test_a_disqualified_lead_names_its_reason(explain: Explain) -> None:
    (lead,) = explain.json("L2")
    assert (lead["fit"], lead["qualification"], lead["reason"]) == (
        50.0,
        "disqualified",
        "competitor",
    )
    assert lead["decay_factor"] == 1.0  # no last activity: no decay
    (deadline,) = lead["deadlines"]
    # contacted an hour after the MQL, well within 4 business hours
    assert (deadline["status"], deadline["stopped"], deadline["elapsed_minutes"]) == (
        "met",
        "2026-11-19T11:00:00-03:00",
        60.0,
    )


def test_each_row_of_a_shared_id_has_its_own_deadlines(explain: Explain) -> None:
    first, second = explain.json("L1")
    assert (first["line"], second["line"]) == (2, 4)
    (d1,) = first["deadlines"]
    # Thu 16:00 + 4 business hours: 16-18 Thu, 09-11 Fri -> due Fri 11:00; as-of 12:00 is an
    # hour past it; elapsed 2 h Thu + 3 h Fri
    assert (d1["start"], d1["due"], d1["status"]) == (
        "2026-11-19T16:00:00-03:00",
        "2026-11-20T11:00:00-03:00",
        "breached",
    )
    assert (d1["elapsed_minutes"], d1["overdue_minutes"]) == (300.0, 60.0)
    (d2,) = second["deadlines"]
    # Fri 09:00 + 4 h: 09-12, lunch, 13-14 -> due 14:00; 3 h gone = 75% -> at risk, with one
    # business hour left (the lunch hour does not count)
    assert (d2["due"], d2["status"], d2["elapsed_minutes"], d2["left_minutes"]) == (
        "2026-11-20T14:00:00-03:00",
        "at_risk",
        180.0,
        60.0,
    )
    assert (second["fit"], second["grade"], second["qualification"]) == (0.0, "D", "not_qualified")


def test_table_says_how_many_rows_share_the_id(explain: Explain) -> None:
    r = explain.raw("L1", "--no-color")
    assert r.exit_code == 0, r.output
    assert r.stdout.startswith("2 rows of the export have this id; each is shown.")
    assert "Lead L1 (line 2)" in r.stdout and "Lead L1 (line 4)" in r.stdout
    assert "score = fit + engagement = 70\n" in r.stdout
    assert "\x1b[" not in r.stdout


def test_unknown_id_exits_2_with_where_ids_come_from(explain: Explain) -> None:
    r = explain.raw("L9")
    assert r.exit_code == 2 and r.stdout == ""
    assert "no lead with id `L9` in" in r.stderr
    assert "(ids come from its id column)" in r.stderr


def test_sql_shows_the_compiled_query(explain: Explain) -> None:
    r = explain.raw("L2", "--sql")
    assert r.exit_code == 0, r.output
    assert r.stdout.startswith("SELECT")
    assert "'director'" in r.stdout  # the condition, compiled


def test_as_a_subprocess(tmp_path: Path) -> None:
    folder = Explain(Cli(), tmp_path)
    r = run_leadsla(
        "explain", "L2", folder.csv, "--sla", folder.sla, "--as-of", AS_OF, "--format", "json"
    )
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["leads"][0]["reason"] == "competitor"

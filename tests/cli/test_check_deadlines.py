"""`leadsla check-deadlines` end to end on a small export written here (SPEC §1 "Follow-up
deadlines", "Durations and clocks"; §3 `check-deadlines`, "Exit codes", "JSON").

Calendar: São Paulo (UTC-03:00), Monday to Friday 09:00-12:00 and 13:00-18:00 (480 business
minutes a day), Brazil's national holidays (Sunday 15 and Friday 20 November 2026). As of
Wednesday 18 November 2026 15:00. Timestamps in the export have no offset: they are in the
calendar's zone (SPEC §2). Every expected value is worked out by hand next to its row.

Rules:
- `contact` (sales; kind c): mql_at -> first of first_contact_at / lost_at, 4h, at_risk 75%
  (180 elapsed minutes), tier `priority = high` -> 1h.
- `accept` (sales; kind a): mql_at -> sql_at, 2d (close of the 2nd business day after the day
  of the effective start), at_risk 3h (at most 180 minutes left), tier high -> 1d.
- `wall` (marketing; kind w): recycled_at -> touched_at, `clock: calendar`, 1d = 24 hours,
  at_risk 75% (1,080 minutes)."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import Cli, run_leadsla

AS_OF = "2026-11-18T15:00:00-03:00"

SLA = """\
version: 1
name: Deadline test SLA
calendar:
  timezone: America/Sao_Paulo
  hours: {mon-fri: "09:00-12:00, 13:00-18:00"}
  holidays: {country: BR}
follow_up:
  - id: contact
    name: Contact every MQL
    owner: sales
    when: {field: kind, eq: c}
    start: mql_at
    stop: [first_contact_at, lost_at]
    within: 4h
    at_risk: 75%
    tiers:
      - {when: {field: priority, eq: high}, within: 1h}
  - id: accept
    name: Accept or return
    owner: sales
    when: {field: kind, eq: a}
    start: mql_at
    stop: [sql_at]
    within: 2d
    at_risk: 3h
    tiers:
      - {when: {field: priority, eq: high}, within: 1d}
  - id: wall
    name: Work returned leads
    owner: marketing
    when: {field: kind, eq: w}
    clock: calendar
    start: recycled_at
    stop: [touched_at]
    within: 1d
    at_risk: 75%
"""

HEADER = "id,owner,kind,priority,mql_at,first_contact_at,lost_at,sql_at,recycled_at,touched_at"
ROWS = [
    # contact. Tue 17 10:00 + 4h: 10-12 (2h) + 13-15 -> due Tue 15:00.
    # c01 contacted 14:00: met; elapsed 10-12 + 13-14 = 180.
    "c01,ana,c,,2026-11-17 10:00,2026-11-17 14:00,,,,",
    # c02 contacted exactly at due (15:00): met (stopped at or before due); elapsed 240.
    "c02,ana,c,,2026-11-17 10:00,2026-11-17 15:00,,,,",
    # c03 contacted 15:01: met_late; elapsed 241, overdue 1.
    "c03,bruno,c,,2026-11-17 10:00,2026-11-17 15:01,,,,",
    # c04 Mon 16 16:00 + 4h: Mon 16-18 (2h), Tue 09-11 -> due Tue 11:00; never contacted.
    # elapsed to Wed 15:00: 120 + 480 + 180 + 120 = 900; overdue Tue 11-12, 13-18 (360) + Wed 300
    # = 660: breached.
    "c04,bruno,c,,2026-11-16 16:00,,,,,",
    # c05 Wed 12:30 (lunch) -> effective 13:00, due 17:00; elapsed 120 < 180: on_track, left 120.
    "c05,ana,c,,2026-11-18 12:30,,,,,",
    # c06 Wed 10:00 -> due 10-12 + 13-15 = 15:00 = as-of: breached, overdue 0, elapsed 240.
    "c06,,c,,2026-11-18 10:00,,,,,",
    # c07 Wed 10:30 -> due 10:30-12 (90) + 13:00-15:30: elapsed 90 + 120 = 210 >= 180: at_risk,
    # left 30.
    "c07,ana,c,,2026-11-18 10:30,,,,,",
    # c08 Wed 11:00 -> due 16:00; elapsed 60 + 120 = 180 = exactly 75%: at_risk, left 60.
    "c08,bruno,c,,2026-11-18 11:00,,,,,",
    # c09 high: 1h tier. Wed 13:30 -> due 14:30: breached, overdue 30, elapsed 90, tier 0.
    "c09,ana,c,high,2026-11-18 13:30,,,,,",
    # c10 contact Mon 16 before the start Tue 17 10:00: ignored (data warning). Due Tue 15:00:
    # breached; overdue Tue 15-18 (180) + Wed 300 = 480; elapsed Tue 10-12, 13-18 (420) + Wed
    # 300 = 720.
    "c10,bruno,c,,2026-11-17 10:00,2026-11-16 10:00,,,,",
    # c11 two stops: lost 11:00 is the earliest at/after start: met at 11:00 by lost_at,
    # elapsed 60 (the 16:00 contact would have been late).
    "c11,ana,c,,2026-11-17 10:00,2026-11-17 16:00,2026-11-17 11:00,,,",
    # c12 Wed 09:00, contact at 16:00 is after as-of (not yet happened): due 09-12 + 13-14 =
    # 14:00, breached, overdue 60, elapsed 180 + 120 = 300, not stopped.
    "c12,bruno,c,,2026-11-18 09:00,2026-11-18 16:00,,,,",
    # c13 starts Thursday, after as-of: no instance at all.
    "c13,ana,c,,2026-11-19 10:00,,,,,",
    # c14 high: Tue 17:30 + 1h = Tue 17:30-18:00 (30) + Wed 09:00-09:30 -> due Wed 09:30;
    # contacted Wed 09:20: met, elapsed 30 + 20 = 50, tier 0.
    "c14,bruno,c,high,2026-11-17 17:30,2026-11-18 09:20,,,,",
    # accept (2d). a1 Mon 16 10:00 -> close of Wed 18 = 18:00; left 180 <= 3h: at_risk.
    # elapsed Mon 420 + Tue 480 + Wed 300 = 1,200; target Mon 420 + Tue 480 + Wed 480 = 1,380.
    "a1,ana,a,,2026-11-16 10:00,,,,,",
    # a2 Tue 17 09:00 -> Thu 19 18:00; left Wed 180 + Thu 480 = 660: on_track.
    "a2,bruno,a,,2026-11-17 09:00,,,,,",
    # a3 Thu 12 10:00 -> day 1 Fri 13, day 2 Mon 16 (Sun 15 a holiday anyway): due Mon 18:00;
    # accepted Tue 17 10:00: met_late, overdue 60; elapsed 420 + 480 + 480 + 60 = 1,440;
    # target 420 + 480 + 480 = 1,380.
    "a3,bruno,a,,2026-11-12 10:00,,,2026-11-17 10:00,,",
    # a4 Fri 13 18:30 (after close) -> effective Mon 16 09:00 -> due Wed 18 18:00; accepted
    # Mon 09:00: met, elapsed 0 (nothing of business time from Friday night to Monday 09:00),
    # target 3 x 480 = 1,440.
    "a4,ana,a,,2026-11-13 18:30,,,2026-11-16 09:00,,",
    # a5 Thu 12 10:00 -> due Mon 16 18:00, never accepted: breached, overdue Tue 480 + Wed 300
    # = 780.
    "a5,,a,,2026-11-12 10:00,,,,,",
    # a6 high (1d): Wed 08:00 -> effective Wed 09:00 -> due Thu 19 18:00; left Wed 180 + Thu
    # 480 = 660: on_track; target 960; elapsed 180 + 120 = 300.
    "a6,ana,a,high,2026-11-18 08:00,,,,,",
    # wall (calendar clock, 24h). w1 Sat 14 10:00 -> due Sun 15 10:00 (weekend and holiday
    # count): breached; overdue to Wed 15:00 = 3d 5h = 4,620; elapsed 4d 5h = 6,060.
    "w1,ana,w,,,,,,2026-11-14 10:00,",
    # w2 Tue 18:00 -> touched Wed 09:00: met, elapsed 15h = 900 (0 on the business clock).
    "w2,bruno,w,,,,,,2026-11-17 18:00,2026-11-18 09:00",
    # w3 Tue 20:00 -> due Wed 20:00; elapsed 19h = 1,140 >= 1,080: at_risk, left 300.
    "w3,ana,w,,,,,,2026-11-17 20:00,",
]
CSV = HEADER + "\n" + "\n".join(ROWS) + "\n"

ITEM_FIELDS = {
    "lead", "rule", "team", "owner", "status", "tier", "start", "due", "stopped", "stopped_by",
    "target_minutes", "elapsed_minutes", "overdue_minutes",
}  # fmt: skip
ISO = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?[+-]\d{2}:\d{2}$")


def local(text: str) -> datetime:
    """A wall time in São Paulo, as an aware datetime at -03:00."""
    return datetime.fromisoformat(text + "-03:00")


def ts(value: str | None) -> datetime | None:
    """A JSON timestamp: ISO 8601 with the calendar zone's offset (-03:00)."""
    if value is None:
        return None
    assert ISO.match(value), value
    t = datetime.fromisoformat(value)
    assert t.utcoffset() == timedelta(hours=-3), value
    return t


class Run:
    def __init__(self, cli: Cli, folder: Path, sla: str = SLA, csv_text: str = CSV) -> None:
        self.cli = cli
        self.sla = folder / "sla.yaml"
        self.csv = folder / "leads.csv"
        self.sla.write_text(sla, encoding="utf-8")
        self.csv.write_text(csv_text, encoding="utf-8")

    def raw(self, *args: str, as_of: str = AS_OF, env: dict[str, str] | None = None) -> Any:
        return self.cli(
            "check-deadlines", self.csv, "--sla", self.sla, "--as-of", as_of, *args, env=env
        )

    def json(self, *args: str, code: int | None = None, as_of: str = AS_OF) -> Any:
        r = self.raw("--format", "json", "--quiet", *args, as_of=as_of)
        if code is not None:
            assert r.exit_code == code, r.stdout + r.stderr
        assert r.exit_code in (0, 1), r.stdout + r.stderr
        return json.loads(r.stdout)


@pytest.fixture
def run(cli: Cli, tmp_path: Path) -> Run:
    return Run(cli, tmp_path)


def by_lead(doc: dict[str, Any]) -> dict[tuple[str, str], dict[str, Any]]:
    return {(i["lead"], i["rule"]): i for i in doc["items"]}


def counts(breached: int, at_risk: int, on_track: int, met_late: int, met: int) -> dict[str, int]:
    return {
        "breached": breached,
        "at_risk": at_risk,
        "on_track": on_track,
        "met_late": met_late,
        "met": met,
    }


# --- the JSON document --------------------------------------------------------------------------


def test_json_header_summary_and_groups(run: Run) -> None:
    doc = run.json(code=1)  # 7 breached: --fail-on breached (default) fails
    assert list(doc)[:3] == ["leadsla_version", "as_of", "holidays_version"]
    assert ts(doc["as_of"]) == local("2026-11-18T15:00")
    # contact: met c01 c02 c11 c14, met_late c03, breached c04 c06 c09 c10 c12, at_risk c07 c08,
    # on_track c05; accept: at_risk a1, on_track a2 a6, met_late a3, met a4, breached a5;
    # wall: breached w1, met w2, at_risk w3.
    assert doc["summary"]["counts"] == counts(7, 4, 3, 2, 6)
    rules = {r["id"]: r for r in doc["rules"]}
    assert [r["id"] for r in doc["rules"]] == ["contact", "accept", "wall"]
    assert rules["contact"]["team"] == "sales"
    assert rules["contact"]["counts"] == counts(5, 2, 1, 1, 4)
    assert rules["contact"]["compliance"] == pytest.approx(4 / 10)
    assert rules["accept"]["counts"] == counts(1, 1, 2, 1, 1)
    assert rules["accept"]["compliance"] == pytest.approx(1 / 3)
    assert rules["wall"]["team"] == "marketing"
    assert rules["wall"]["counts"] == counts(1, 1, 0, 0, 1)
    assert rules["wall"]["compliance"] == pytest.approx(1 / 2)
    owners = {o["owner"]: o for o in doc["owners"]}
    # ana: met c01 c02 c11 a4, on_track c05 a6, at_risk c07 a1 w3, breached c09 w1
    assert owners["ana"]["counts"] == counts(2, 3, 2, 0, 4)
    assert owners["ana"]["compliance"] == pytest.approx(4 / 6)
    # bruno: met_late c03 a3, breached c04 c10 c12, at_risk c08, met c14 w2, on_track a2
    assert owners["bruno"]["counts"] == counts(3, 1, 1, 2, 2)
    assert owners["bruno"]["compliance"] == pytest.approx(2 / 7)
    # a blank owner: (unassigned): c06, a5 both breached
    assert owners["(unassigned)"]["counts"] == counts(2, 0, 0, 0, 0)
    assert owners["(unassigned)"]["compliance"] == 0
    teams = {t["team"]: t for t in doc["teams"]}
    assert teams["sales"]["counts"] == counts(6, 3, 3, 2, 5)
    assert teams["sales"]["compliance"] == pytest.approx(5 / 13)
    assert teams["marketing"]["counts"] == counts(1, 1, 0, 0, 1)


def test_default_items_are_breached_and_at_risk_worst_first(run: Run) -> None:
    doc = run.json(code=1)
    # breached by overdue descending: w1 4,620, a5 780, c04 660, c10 480, c12 60, c09 30, c06 0;
    # then at_risk by time left ascending: c07 30, c08 60, a1 180, w3 300.
    assert [(i["lead"], i["status"]) for i in doc["items"]] == [
        ("w1", "breached"),
        ("a5", "breached"),
        ("c04", "breached"),
        ("c10", "breached"),
        ("c12", "breached"),
        ("c09", "breached"),
        ("c06", "breached"),
        ("c07", "at_risk"),
        ("c08", "at_risk"),
        ("a1", "at_risk"),
        ("w3", "at_risk"),
    ]
    for item in doc["items"]:
        assert set(item) >= ITEM_FIELDS, item


# lead, rule: status, tier, start, due, stopped, stopped_by, target, elapsed, overdue
EXPECTED: dict[tuple[str, str], tuple[Any, ...]] = {
    ("c01", "contact"): (
        "met", None, "2026-11-17T10:00", "2026-11-17T15:00",
        "2026-11-17T14:00", "first_contact_at", 240, 180, 0,
    ),
    ("c02", "contact"): (
        "met", None, "2026-11-17T10:00", "2026-11-17T15:00",
        "2026-11-17T15:00", "first_contact_at", 240, 240, 0,
    ),
    ("c03", "contact"): (
        "met_late", None, "2026-11-17T10:00", "2026-11-17T15:00",
        "2026-11-17T15:01", "first_contact_at", 240, 241, 1,
    ),
    ("c04", "contact"): (
        "breached", None, "2026-11-16T16:00", "2026-11-17T11:00", None, None, 240, 900, 660,
    ),
    ("c05", "contact"): (
        "on_track", None, "2026-11-18T12:30", "2026-11-18T17:00", None, None, 240, 120, 0,
    ),
    ("c06", "contact"): (
        "breached", None, "2026-11-18T10:00", "2026-11-18T15:00", None, None, 240, 240, 0,
    ),
    ("c07", "contact"): (
        "at_risk", None, "2026-11-18T10:30", "2026-11-18T15:30", None, None, 240, 210, 0,
    ),
    ("c08", "contact"): (
        "at_risk", None, "2026-11-18T11:00", "2026-11-18T16:00", None, None, 240, 180, 0,
    ),
    ("c09", "contact"): (
        "breached", 0, "2026-11-18T13:30", "2026-11-18T14:30", None, None, 60, 90, 30,
    ),
    ("c10", "contact"): (
        "breached", None, "2026-11-17T10:00", "2026-11-17T15:00", None, None, 240, 720, 480,
    ),
    ("c11", "contact"): (
        "met", None, "2026-11-17T10:00", "2026-11-17T15:00",
        "2026-11-17T11:00", "lost_at", 240, 60, 0,
    ),
    ("c12", "contact"): (
        "breached", None, "2026-11-18T09:00", "2026-11-18T14:00", None, None, 240, 300, 60,
    ),
    ("c14", "contact"): (
        "met", 0, "2026-11-17T17:30", "2026-11-18T09:30",
        "2026-11-18T09:20", "first_contact_at", 60, 50, 0,
    ),
    ("a1", "accept"): (
        "at_risk", None, "2026-11-16T10:00", "2026-11-18T18:00", None, None, 1380, 1200, 0,
    ),
    ("a2", "accept"): (
        "on_track", None, "2026-11-17T09:00", "2026-11-19T18:00", None, None, 1440, 780, 0,
    ),
    ("a3", "accept"): (
        "met_late", None, "2026-11-12T10:00", "2026-11-16T18:00",
        "2026-11-17T10:00", "sql_at", 1380, 1440, 60,
    ),
    ("a4", "accept"): (
        "met", None, "2026-11-13T18:30", "2026-11-18T18:00",
        "2026-11-16T09:00", "sql_at", 1440, 0, 0,
    ),
    ("a5", "accept"): (
        "breached", None, "2026-11-12T10:00", "2026-11-16T18:00", None, None, 1380, 2160, 780,
    ),
    ("a6", "accept"): (
        "on_track", 0, "2026-11-18T08:00", "2026-11-19T18:00", None, None, 960, 300, 0,
    ),
    ("w1", "wall"): (
        "breached", None, "2026-11-14T10:00", "2026-11-15T10:00", None, None, 1440, 6060, 4620,
    ),
    ("w2", "wall"): (
        "met", None, "2026-11-17T18:00", "2026-11-18T18:00",
        "2026-11-18T09:00", "touched_at", 1440, 900, 0,
    ),
    ("w3", "wall"): (
        "at_risk", None, "2026-11-17T20:00", "2026-11-18T20:00", None, None, 1440, 1140, 0,
    ),
}  # fmt: skip
# a2: elapsed Tue 480 + Wed 300 = 780; target Tue + Wed + Thu = 1,440.
# a5: elapsed Thu 420 + Fri 480 + Mon 480 + Tue 480 + Wed 300 = 2,160.


def test_every_instance_with_status_all(run: Run) -> None:
    doc = run.json("--status", "all", code=1)
    got = by_lead(doc)
    # c13 starts after as-of: not an instance
    assert set(got) == set(EXPECTED)
    for key, (status, tier, start, due, stopped, by, target, elapsed, overdue) in EXPECTED.items():
        item = got[key]
        assert item["status"] == status, key
        assert item["tier"] == tier, key
        assert ts(item["start"]) == local(start), key
        assert ts(item["due"]) == local(due), key
        assert ts(item["stopped"]) == (local(stopped) if stopped else None), key
        assert item["stopped_by"] == by, key
        assert item["target_minutes"] == target, key
        assert item["elapsed_minutes"] == elapsed, key
        assert item["overdue_minutes"] == overdue, key
        assert item["team"] == ("marketing" if key[1] == "wall" else "sales"), key
    assert got[("c06", "contact")]["owner"] == "(unassigned)"
    assert got[("c01", "contact")]["owner"] == "ana"
    # --status all lists the five statuses, worst first: breached, at_risk, on_track, met_late, met
    order = ["breached", "at_risk", "on_track", "met_late", "met"]
    ranks = [order.index(i["status"]) for i in doc["items"]]
    assert ranks == sorted(ranks)


def test_early_stop_is_a_data_warning(run: Run, tmp_path: Path) -> None:
    errors = tmp_path / "errors.csv"
    r = run.raw("--format", "json", "--status", "all", "--errors", str(errors))
    assert r.exit_code == 1
    # c10's first_contact_at (Mon 16 10:00) is before its start: ignored, counted as a warning
    assert "23 rows: 23 used, 0 rejected, 0 unreadable cells" in r.stderr
    assert "1 data warning" in r.stderr
    found = list(csv.DictReader(io.StringIO(errors.read_text(encoding="utf-8"))))
    assert len(found) == 1
    # the header is line 1, c10 the 10th row: line 11
    assert found[0]["line"] == "11"
    assert found[0]["field"] == "first_contact_at"
    assert found[0]["reason"] == "rule contact: before its start (`mql_at`); ignored"
    # in the calendar's zone, as every timestamp leadsla prints
    assert found[0]["value"] == "2026-11-16T10:00:00-03:00"
    # --redact: the value is masked, and the reason holds no value of the row to leak
    r = run.raw("--format", "json", "--errors", str(errors), "--redact")
    (found,) = list(csv.DictReader(io.StringIO(errors.read_text(encoding="utf-8"))))
    assert found["value"] == "9999-99-99x99:99:99-99:99"
    assert found["reason"] == "rule contact: before its start (`mql_at`); ignored"
    item = by_lead(json.loads(r.stdout))[("c10", "contact")]
    assert item["status"] == "breached"
    assert item["stopped"] is None


def test_strict_counts_data_warnings_too(run: Run, tmp_path: Path) -> None:
    # the only data problem of the export is c10's early stop, found while computing deadlines:
    # --strict still exits 2 with no result, after writing --errors
    errors = tmp_path / "errors.csv"
    r = run.raw("--format", "json", "--strict", "--errors", str(errors))
    assert r.exit_code == 2 and r.stdout == ""
    assert "leads.csv has 1 data warning; " not in r.stderr  # --errors was given
    assert r.stderr.endswith("leads.csv has 1 data warning\n")
    assert [row["kind"] for row in csv.DictReader(io.StringIO(errors.read_text("utf-8")))] == [
        "warning"
    ]
    # the export is at fault, whatever the filters show
    assert run.raw("--format", "json", "--strict", "--rule", "accept").exit_code == 2
    assert run.raw("--format", "json", "--rule", "accept").exit_code == 1


def test_early_stop_met(cli: Cli, tmp_path: Path) -> None:
    sla = SLA.replace("    within: 4h\n", "    early_stop: met\n    within: 4h\n")
    doc = Run(cli, tmp_path, sla).json("--status", "all", "--rule", "contact")
    item = by_lead(doc)[("c10", "contact")]
    # a contact before the MQL counts as met, with no elapsed time
    assert item["status"] == "met"
    assert item["elapsed_minutes"] == 0
    assert item["overdue_minutes"] == 0
    assert item["stopped_by"] == "first_contact_at"
    assert ts(item["stopped"]) == local("2026-11-16T10:00")
    # contact: c10 moves from breached to met
    assert doc["summary"]["counts"] == counts(4, 2, 1, 1, 5)


# --- as-of ----------------------------------------------------------------------------------------


def test_as_of_before_every_start(run: Run) -> None:
    # Wednesday 11 Nov: no start is at or before it; nothing to judge, nothing fails
    doc = run.json("--status", "all", code=0, as_of="2026-11-11T12:00:00-03:00")
    assert doc["items"] == []
    assert doc["summary"]["counts"] == counts(0, 0, 0, 0, 0)
    # every rule and team still has its line: nothing to judge, compliance unknown
    assert [(r["id"], r["team"], r["counts"], r["compliance"]) for r in doc["rules"]] == [
        ("contact", "sales", counts(0, 0, 0, 0, 0), None),
        ("accept", "sales", counts(0, 0, 0, 0, 0), None),
        ("wall", "marketing", counts(0, 0, 0, 0, 0), None),
    ]
    assert [t["team"] for t in doc["teams"]] == ["marketing", "sales"]
    assert doc["owners"] == []
    # the rule and team filters still choose which lines there are
    doc = run.json("--team", "marketing", code=0, as_of="2026-11-11T12:00:00-03:00")
    assert ([r["id"] for r in doc["rules"]], [t["team"] for t in doc["teams"]]) == (
        ["wall"],
        ["marketing"],
    )


def test_as_of_moves_statuses(run: Run) -> None:
    # Wed 18 14:59, one minute before c06's due (15:00): c06 is at_risk (elapsed 239 >= 180)
    # with 1 minute left, not breached; c07 (due 15:30): elapsed 209, at_risk, 31 left.
    doc = run.json("--status", "all", "--rule", "contact", as_of="2026-11-18T14:59:00-03:00")
    got = by_lead(doc)
    assert got[("c06", "contact")]["status"] == "at_risk"
    assert got[("c06", "contact")]["elapsed_minutes"] == 239
    assert got[("c07", "contact")]["elapsed_minutes"] == 209
    # Tue 17 11:30: c11 (lost at 11:00) is met; c01 has no contact yet (14:00 not happened):
    # elapsed 10:00-11:30 = 90 < 180: on_track; c04 (due Tue 11:00) breached by 30.
    doc = run.json("--status", "all", "--rule", "contact", as_of="2026-11-17T11:30:00-03:00")
    got = by_lead(doc)
    assert got[("c11", "contact")]["status"] == "met"
    assert got[("c01", "contact")]["status"] == "on_track"
    assert got[("c01", "contact")]["stopped"] is None
    assert got[("c04", "contact")]["status"] == "breached"
    assert got[("c04", "contact")]["overdue_minutes"] == 30
    # c10's early contact (Mon 16) was already before its start
    assert got[("c10", "contact")]["status"] == "on_track"
    assert ("c05", "contact") not in got  # starts Wednesday


def test_as_of_without_offset_is_in_the_calendar_zone(run: Run) -> None:
    # 15:00 without an offset = 15:00 -03:00: the same answer as AS_OF
    doc = run.json("--status", "all", as_of="2026-11-18T15:00")
    assert ts(doc["as_of"]) == local("2026-11-18T15:00")
    assert by_lead(doc)[("c06", "contact")]["status"] == "breached"
    assert doc["summary"]["counts"] == counts(7, 4, 3, 2, 6)


# --- filters and exit codes -------------------------------------------------------------------


def test_status_filter(run: Run) -> None:
    doc = run.json("--status", "met,met_late", code=1)  # breached items still fail
    assert sorted(i["lead"] for i in doc["items"]) == sorted(
        ["c01", "c02", "c11", "c14", "a4", "w2", "c03", "a3"]
    )
    # met_late before met (worst first)
    assert [i["status"] for i in doc["items"]][:2] == ["met_late", "met_late"]
    # counts are of everything, not of what is shown
    assert doc["summary"]["counts"] == counts(7, 4, 3, 2, 6)


def test_rule_and_owner_filters(run: Run) -> None:
    doc = run.json("--rule", "accept", "--status", "all")
    assert {i["rule"] for i in doc["items"]} == {"accept"}
    assert len(doc["items"]) == 6
    assert doc["summary"]["counts"] == counts(1, 1, 2, 1, 1)
    doc = run.json("--owner", "bruno", "--status", "all")
    assert sorted(i["lead"] for i in doc["items"]) == [
        "a2", "a3", "c03", "c04", "c08", "c10", "c12", "c14", "w2",
    ]  # fmt: skip
    assert [o["owner"] for o in doc["owners"]] == ["bruno"]
    doc = run.json("--team", "marketing", "--status", "all")
    assert sorted(i["lead"] for i in doc["items"]) == ["w1", "w2", "w3"]


@pytest.mark.parametrize(
    ("args", "code", "failing"),
    [
        ((), 1, 7),  # default --fail-on breached: 7 breached
        (("--fail-on", "breached"), 1, 7),
        (("--fail-on", "at_risk"), 1, 11),  # at_risk counts breached too: 7 + 4
        (("--fail-on", "never"), 0, 0),
        # accept of bruno: a2 on_track, a3 met_late: nothing to fail on
        (("--rule", "accept", "--owner", "bruno", "--fail-on", "at_risk"), 0, 0),
        # accept of ana: a1 at_risk, a4 met, a6 on_track: fails on at_risk only
        (("--rule", "accept", "--owner", "ana", "--fail-on", "at_risk"), 1, 1),
        (("--rule", "accept", "--owner", "ana", "--fail-on", "breached"), 0, 0),
        # --status only chooses what is shown: the breached items still fail
        (("--status", "met"), 1, 7),
        (("--status", "on_track", "--fail-on", "at_risk"), 1, 11),
        # marketing: w1 breached
        (
            (
                "--team",
                "marketing",
            ),
            1,
            1,
        ),
        # wall rule of bruno: w2 met
        (("--rule", "wall", "--owner", "bruno"), 0, 0),
    ],
)
def test_fail_on_and_exit_codes(run: Run, args: tuple[str, ...], code: int, failing: int) -> None:
    r = run.raw("--format", "json", "--quiet", *args)
    assert r.exit_code == code, r.stdout + r.stderr
    doc = json.loads(r.stdout)
    assert doc["summary"]["failing"] == failing


def test_unknown_rule_and_bad_options_are_usage_errors(run: Run) -> None:
    r = run.raw("--rule", "nope")
    assert r.exit_code == 2
    assert "nope" in r.stderr
    r = run.raw("--team", "salse")
    assert r.exit_code == 2 and r.stdout == ""
    assert "--team `salse`: no follow-up rule is owned by that team (did you mean `sales`?)" in (
        r.stderr
    )
    assert run.raw("--team", "Sales", "--fail-on", "never").exit_code == 0  # case aside
    r = run.raw("--status", "late")
    assert r.exit_code == 2
    r = run.raw("--fail-on", "sometimes")
    assert r.exit_code == 2
    assert "Traceback" not in r.stdout + r.stderr


# --- formats ----------------------------------------------------------------------------------


def test_csv_format(run: Run) -> None:
    r = run.raw("--format", "csv", "--quiet")
    assert r.exit_code == 1
    rows = list(csv.DictReader(io.StringIO(r.stdout)))
    assert set(rows[0]) >= ITEM_FIELDS
    assert [row["lead"] for row in rows] == [
        "w1", "a5", "c04", "c10", "c12", "c09", "c06", "c07", "c08", "a1", "w3",
    ]  # fmt: skip
    c04 = rows[2]
    assert c04["status"] == "breached"
    assert ts(c04["due"]) == local("2026-11-17T11:00")
    assert float(c04["overdue_minutes"]) == 660
    assert float(c04["elapsed_minutes"]) == 900
    assert c04["stopped"] == ""


def test_markdown_format(run: Run) -> None:
    r = run.raw("--format", "markdown", "--quiet")
    assert r.exit_code == 1
    lines = r.stdout.splitlines()
    # every column has a header (the time past due or left had none)
    head = lines.index("| lead | rule | owner | status | start | due | over by / left | tier |")
    # after the header and separator, the 11 items worst first, then a blank line
    body = lines[head + 2 : lines.index("", head)]
    assert len(body) == 11
    cells = [c.strip() for c in body[2].split("|")[1:-1]]
    # c04: due Tue 17 11:00, over by 660 minutes = 11h
    assert cells[:6] == [
        "c04",
        "contact",
        "bruno",
        "**breached**",
        "Mon 11/16 4:00\u202fPM",
        "Tue 11/17 11:00\u202fAM",
    ]
    assert cells[6] == "11h business"  # on the business clock, and it says so
    # a line of counts above the table: 7 breached, 4 at risk, 3 on track, 2 met late, 6 met
    assert "7 breached, 4 at risk, 3 on track, 2 met late, 6 met" in r.stdout
    assert body[0].split("|")[1].strip() == "w1"
    assert body[-1].split("|")[1].strip() == "w3"
    assert "\x1b[" not in r.stdout


def test_table_format_no_color(run: Run) -> None:
    r = run.raw("--quiet", env={"NO_COLOR": "1", "COLUMNS": "200"})
    assert r.exit_code == 1
    assert "\x1b[" not in r.stdout
    for lead in ("w1", "a5", "c04", "c07", "w3"):
        assert lead in r.stdout
    # met and on_track leads are not listed by default
    for lead in ("c01", "c05", "a2", "a4", "w2"):
        assert re.search(rf"\b{lead}\b", r.stdout) is None, lead
    r = run.raw("--quiet", "--no-color", env={"COLUMNS": "200"})
    assert "\x1b[" not in r.stdout


def test_subprocess_json_and_exit_code(tmp_path: Path) -> None:
    (tmp_path / "sla.yaml").write_text(SLA, encoding="utf-8")
    (tmp_path / "leads.csv").write_text(CSV, encoding="utf-8")
    args = ("check-deadlines", "leads.csv", "--sla", "sla.yaml", "--as-of", AS_OF)
    proc = run_leadsla(*args, "--format", "json", "--rule", "wall", cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr
    doc = json.loads(proc.stdout)
    assert [(i["lead"], i["overdue_minutes"]) for i in doc["items"]] == [("w1", 4620), ("w3", 0)]
    # the row summary on stderr: 23 rows, all used
    assert re.search(r"23 rows: 23 used, 0 rejected, 0 unreadable cells", proc.stderr)
    proc = run_leadsla(*args, "--fail-on", "never", "--quiet", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""
    assert "\x1b[" not in proc.stdout


def test_business_clock_instead_of_the_wall_clock(cli: Cli, tmp_path: Path) -> None:
    sla = SLA.replace("    clock: calendar\n", "")
    doc = Run(cli, tmp_path, sla).json("--status", "all", "--rule", "wall")
    got = by_lead(doc)
    # w1 Sat 14 10:00 waits for Mon 16 09:00; 1d -> close of Tue 17 (18:00); breached by
    # Wed 09-12, 13-15 = 300; elapsed Mon 480 + Tue 480 + Wed 300 = 1,260; target 960.
    w1 = got[("w1", "wall")]
    assert (w1["status"], ts(w1["due"])) == ("breached", local("2026-11-17T18:00"))
    assert (w1["target_minutes"], w1["elapsed_minutes"], w1["overdue_minutes"]) == (960, 1260, 300)
    # w2 Tue 18:00 -> Wed 09:00: no business time at all (900 on the wall clock)
    w2 = got[("w2", "wall")]
    assert (w2["status"], w2["elapsed_minutes"]) == ("met", 0)
    assert ts(w2["due"]) == local("2026-11-19T18:00")
    # w3 Tue 20:00 -> effective Wed 09:00, due Thu 18:00; elapsed 300 < 75% of 960: on_track
    w3 = got[("w3", "wall")]
    assert (w3["status"], w3["elapsed_minutes"], w3["target_minutes"]) == ("on_track", 300, 960)


def test_zero_days_is_the_close_of_the_effective_start_day(cli: Cli, tmp_path: Path) -> None:
    # Regression: `0d` was once read as 0 business minutes (due = the effective start),
    # because "has days" looked at the value, not at the unit written (SPEC §1: `0d` = that
    # day's close).
    sla = SLA.replace("within: 1d}", "within: 0d}")
    doc = Run(cli, tmp_path, sla).json("--status", "all", "--rule", "accept")
    a6 = by_lead(doc)[("a6", "accept")]
    # a6 (high: 0d) Wed 08:00 -> effective Wed 09:00 -> due that day's close, Wed 18:00;
    # target 09-12 + 13-18 = 480; 180 left at 15:00 <= 3h: at_risk, not breached
    assert ts(a6["due"]) == local("2026-11-18T18:00")
    assert a6["target_minutes"] == 480
    assert a6["status"] == "at_risk"
    assert a6["overdue_minutes"] == 0

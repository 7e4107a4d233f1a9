"""`leadsla report` through the real CLI on small exports written here (SPEC §1 "Goals", §3
`report` and "JSON"; README "report", "Goals", "JSON").

Every expected value is worked out by hand in the comments from the rows of the test. The
calendar of these SLAs is Monday to Friday 09:00-12:00 and 13:00-18:00 in São Paulo, no
holidays: 480 business minutes a day, 2,400 a week. The weeks used: W44 = 26 Oct-1 Nov 2026,
W45 = Mon 2 Nov-Sun 8 Nov, W46 = 9-15 Nov, W47 = 16-22 Nov."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from leadsla.i18n import fmt_date
from tests.conftest import AS_OF, ROOT, Cli, run_leadsla

HEAD = """\
version: 1
name: Test SLA
owners: {marketing: ana, sales: bruno}
"""
CALENDAR = """\
calendar:
  timezone: America/Sao_Paulo
  hours: {mon-fri: "09:00-12:00, 13:00-18:00"}
"""
WED_NOON = "2026-11-18T12:00:00-03:00"
"""Wednesday of W47: W45 and W46 are complete, W47 is the current period."""


class Run:
    """Write an SLA and an export into a folder and run `leadsla report` on them."""

    def __init__(self, cli: Cli, folder: Path, sla: str, csv: str) -> None:
        self.cli = cli
        self.sla = folder / "sla.yaml"
        self.csv = folder / "leads.csv"
        self.sla.write_text(sla, encoding="utf-8")
        self.csv.write_text(csv, encoding="utf-8")

    def __call__(self, *args: str, as_of: str = WED_NOON, code: int = 0) -> Any:
        r = self.raw(*args, "--format", "json", as_of=as_of)
        assert r.exit_code == code, r.stdout + r.stderr
        assert r.stderr == ""
        return json.loads(r.stdout)

    def raw(self, *args: str, as_of: str = WED_NOON, env: dict[str, str] | None = None) -> Any:
        return self.cli(
            "report", self.csv, "--sla", self.sla, "--as-of", as_of, "--quiet", *args, env=env
        )


def goal(doc: dict[str, Any], gid: str, group: str | None = None) -> dict[str, dict[str, Any]]:
    """period label -> the goal's entry (of one group with --by)."""
    out = {}
    for p in doc["periods"]:
        [g] = [
            g
            for g in p["goals"]
            if g["id"] == gid and (group is None or next(iter(g["group"].values())) == group)
        ]
        out[p["label"]] = g
    return out


def brief(g: dict[str, Any]) -> tuple[Any, ...]:
    """value, size, met, maturing, projected, on_pace."""
    return (g["value"], g["size"], g["met"], g["maturing"], g["projected"], g["on_pace"])


# --- count -------------------------------------------------------------------------------------

COUNT_SLA = (
    HEAD
    + CALENDAR
    + """\
goals:
  period: week
  targets:
    - {id: ads-mqls, owner: marketing, metric: count, of: mql_at, target: ">= 2",
       where: {field: source, eq: ads}}
    - {id: all-mqls, owner: marketing, metric: count, of: mql_at, target: ">= 2"}
"""
)
COUNT_CSV = """\
id,owner,source,mql_at
1,ana,ads,2026-11-02 09:00
2,ana,ads,2026-11-08 23:59
3,ana,email,2026-11-03 10:00
4,bia, ADS ,2026-11-10 10:00
5,bia,,2026-11-11 10:00
6,ana,ads,
7,,ads,2026-11-17 10:00
8,ana,ads,2026-11-19 10:00
9,ana,ads,2026-10-30 10:00
"""
# ads-mqls: W45 {1, 2} = 2; W46 {4} = 1 (text compares trimmed, ignoring case; 5 is blank and
# satisfies no operator); W47 {7} = 1 (8 is after as-of: not yet happened); 9 is in W44.
# all-mqls: W45 {1, 2, 3} = 3; W46 {4, 5} = 2; W47 {7} = 1.
# W47 at Wednesday noon: Mon 480 + Tue 480 + Wed 09:00-12:00 180 = 1,140 of 2,400 minutes gone.
SHARE_WED_NOON = 1140 / 2400


@pytest.fixture
def counts(cli: Cli, tmp_path: Path) -> Run:
    return Run(cli, tmp_path, COUNT_SLA, COUNT_CSV)


def test_count_with_where(counts: Run) -> None:
    doc = counts("--from", "2026-11-02")
    assert [p["label"] for p in doc["periods"]] == ["2026-W45", "2026-W46", "2026-W47"]
    assert [p["complete"] for p in doc["periods"]] == [True, True, False]
    ads = goal(doc, "ads-mqls")
    assert brief(ads["2026-W45"]) == (2.0, 2, True, False, None, None)
    assert brief(ads["2026-W46"]) == (1.0, 1, False, False, None, None)
    w47 = ads["2026-W47"]
    assert (w47["value"], w47["size"], w47["met"], w47["maturing"]) == (1.0, 1, None, False)
    # projected = 1 / (1140/2400) = 2.105... >= 2: on pace
    assert w47["projected"] == pytest.approx(1 / SHARE_WED_NOON, rel=1e-12)
    assert w47["on_pace"] is True
    every = goal(doc, "all-mqls")
    assert [brief(every[k])[:3] for k in ("2026-W45", "2026-W46")] == [
        (3.0, 3, True),
        (2.0, 2, True),
    ]
    assert every["2026-W47"]["projected"] == pytest.approx(1 / SHARE_WED_NOON, rel=1e-12)
    assert doc["missed"] == 1  # ads-mqls in W46


def test_count_before_the_data_is_no_data(counts: Run) -> None:
    # issue 12: W43 ends before the first mql_at of the export (lead 9, 30 Oct in W44): no data,
    # not a miss (it was "0, missed" before)
    doc = counts("--from", "2026-10-19", "--to", "2026-10-25")
    [p] = doc["periods"]
    assert p["label"] == "2026-W43"
    assert [brief(g) for g in p["goals"]] == [(0.0, 0, None, False, None, None)] * 2
    assert [g["verdict"] for g in p["goals"]] == ["no_data"] * 2
    assert doc["missed"] == 0


def test_fail_on_missed(counts: Run) -> None:
    # W46 misses ads-mqls (1 < 2): exit 1 only with --fail-on-missed
    assert counts("--from", "2026-11-02", "--fail-on-missed", code=1)["missed"] == 1
    assert counts("--from", "2026-11-02", code=0)["missed"] == 1
    # W45 alone meets both goals
    assert counts("--from", "2026-11-02", "--to", "2026-11-08", "--fail-on-missed")["missed"] == 0


def test_fail_on_missed_ignores_the_current_period(counts: Run) -> None:
    # only W47, which is not over: 1 < 2 so far, but there is no verdict yet
    doc = counts("--from", "2026-11-16", "--fail-on-missed", code=0)
    assert [g["met"] for g in doc["periods"][0]["goals"]] == [None, None]
    assert doc["missed"] == 0


def test_fail_on_missed_ignores_maturing_periods(cli: Cli, tmp_path: Path) -> None:
    # a conversion of 0% in a complete week that has not matured: no verdict, exit 0
    sla = (
        HEAD
        + """\
goals:
  targets:
    - {id: conv, owner: sales, metric: conversion, from: mql_at, to: sql_at, within: 30d, target: ">= 50%"}
"""
    )
    run = Run(cli, tmp_path, sla, "id,mql_at,sql_at\n1,2026-11-10 10:00,\n")
    doc = run("--from", "2026-11-09", "--to", "2026-11-15", "--fail-on-missed")
    assert brief(goal(doc, "conv")["2026-W46"]) == (0.0, 1, None, True, None, None)


def test_by_owner_groups_with_blank(counts: Run) -> None:
    doc = counts("--from", "2026-11-02", "--by", "owner")
    assert doc["by"] == "owner"
    groups = [g["group"] for g in doc["periods"][0]["goals"]]
    # every goal for every group, groups sorted; a blank owner is "(unassigned)"
    assert groups == [{"owner": "(unassigned)"}, {"owner": "ana"}, {"owner": "bia"}] * 2
    ads = {grp: goal(doc, "ads-mqls", grp) for grp in ("(unassigned)", "ana", "bia")}
    # ads-mqls: ana has 1, 2 (W45); bia has 4 (W46); the blank owner has 7 (W47)
    assert [ads["ana"][w]["value"] for w in ("2026-W45", "2026-W46", "2026-W47")] == [2.0, 0, 0]
    assert [ads["bia"][w]["value"] for w in ("2026-W45", "2026-W46", "2026-W47")] == [0, 1.0, 0]
    assert [ads["(unassigned)"][w]["value"] for w in ("2026-W45", "2026-W46", "2026-W47")] == [
        0,
        0,
        1.0,
    ]
    # issue 12: the SLA sets no target per owner (no `for_each`), so no group gets a verdict
    # (each was judged against the team's target before: 9 "missed" goal-periods)
    assert [ads[g]["2026-W45"]["met"] for g in ("(unassigned)", "ana", "bia")] == [None] * 3
    # (bia's first MQL is in W46: her W45 has no data)
    assert {v["verdict"] for p in doc["periods"] for v in p["goals"] if p["complete"]} == {
        "no_target",
        "no_data",
    }
    assert ads["bia"]["2026-W45"]["verdict"] == "no_data"
    assert ads["(unassigned)"]["2026-W47"]["projected"] == pytest.approx(
        1 / SHARE_WED_NOON, rel=1e-12
    )
    assert ads["ana"]["2026-W47"]["projected"] == 0
    every = {grp: goal(doc, "all-mqls", grp) for grp in ("(unassigned)", "ana", "bia")}
    # all-mqls: ana 1, 2, 3 (W45); bia 4, 5 (W46)
    assert every["ana"]["2026-W45"]["value"] == 3.0 and every["bia"]["2026-W46"]["value"] == 2.0
    assert doc["missed"] == 0


def test_by_in_the_table(counts: Run) -> None:
    r = counts.raw("--from", "2026-11-02", "--by", "owner", env={"NO_COLOR": "1", "COLUMNS": "118"})
    assert r.exit_code == 0
    lines = r.stdout.splitlines()
    header = next(x for x in lines if x.lstrip().startswith("goal"))
    assert header.split() == ["goal", "owner", "target", "W45", "W46", "W47*", "trend"]
    assert any(x.split()[:2] == ["ads-mqls", "(unassigned)"] for x in lines)


def test_period_month_overrides_goals_period(counts: Run) -> None:
    doc = counts("--from", "2026-10-01", "--period", "month")
    assert doc["period"] == "month"
    assert [(p["label"], p["start"], p["end"], p["complete"]) for p in doc["periods"]] == [
        ("2026-10", "2026-10-01T00:00:00-03:00", "2026-11-01T00:00:00-03:00", True),
        ("2026-11", "2026-11-01T00:00:00-03:00", "2026-12-01T00:00:00-03:00", False),
    ]
    ads = goal(doc, "ads-mqls")
    # October: row 9 only -> 1; November: 1, 2, 4, 7 -> 4 so far. The targets hold per week
    # (goals.period): per month the values have no verdict (issue 12; October was "missed")
    assert brief(ads["2026-10"]) == (1.0, 1, None, False, None, None)
    assert ads["2026-10"]["verdict"] == "no_target" and ads["2026-11"]["verdict"] == "no_target"
    assert doc["missed"] == 0
    # November 2026 has 21 weekdays (2-6, 9-13, 16-20, 23-27, 30): 10,080 minutes; by Wednesday
    # 18 at noon 12 whole days (5,760) and 180 minutes are gone: 5,940.
    nov = ads["2026-11"]
    assert nov["value"] == 4.0 and nov["met"] is None
    assert nov["projected"] == pytest.approx(4 / (5940 / 10080), rel=1e-12)
    assert nov["on_pace"] is None


def test_table_marks_met_missed_and_projection(counts: Run) -> None:
    r = counts.raw("--from", "2026-11-02", env={"NO_COLOR": "1", "COLUMNS": "118"})
    assert r.exit_code == 0
    row = next(x for x in r.stdout.splitlines() if x.strip().startswith("ads-mqls"))
    # W45 met 2, W46 missed 1, W47 1 so far projected 2.1 and on pace; trend of complete weeks
    assert row.split() == ["ads-mqls", "≥", "2", "✓", "2", "✗", "1", "1→2↑", "█▁"]
    assert "1 goal-period missed." in r.stdout


# --- projection of the current period --------------------------------------------------------------

PACE_SLA = (
    HEAD
    + CALENDAR
    + """\
goals:
  targets:
    - {id: five, owner: marketing, metric: count, of: mql_at, target: ">= 5"}
    - {id: ten, owner: marketing, metric: count, of: mql_at, target: ">= 10"}
"""
)
# one MQL a day in W47, Monday 09:00 to Friday 10:00
PACE_CSV = """\
id,mql_at
1,2026-11-16 09:00
2,2026-11-17 10:00
3,2026-11-18 10:00
4,2026-11-19 10:00
5,2026-11-20 10:00
"""


@pytest.mark.parametrize(
    ("as_of", "value", "share"),
    [
        # Monday 09:00, the first business minute: nothing of the week gone yet, no projection
        ("2026-11-16T09:00:00-03:00", 1.0, None),
        # Monday 08:00, before the opening: the same
        ("2026-11-16T08:00:00-03:00", 0.0, None),
        # Monday 09:01: 1 of 2,400 minutes gone
        ("2026-11-16T09:01:00-03:00", 1.0, 1 / 2400),
        # Friday 17:59, the last business minute: 2,399 of 2,400
        ("2026-11-20T17:59:00-03:00", 5.0, 2399 / 2400),
        # Friday 18:00 and the weekend: all the week's business time is gone
        ("2026-11-20T18:00:00-03:00", 5.0, 1.0),
        ("2026-11-21T15:00:00-03:00", 5.0, 1.0),
        ("2026-11-22T23:59:59-03:00", 5.0, 1.0),
    ],
)
def test_projection_by_business_time_gone(
    cli: Cli, tmp_path: Path, as_of: str, value: float, share: float | None
) -> None:
    run = Run(cli, tmp_path, PACE_SLA, PACE_CSV)
    doc = run("--from", "2026-11-16", as_of=as_of)
    [p] = doc["periods"]
    assert p["label"] == "2026-W47" and p["complete"] is False
    for gid, target in (("five", 5), ("ten", 10)):
        g = goal(doc, gid)["2026-W47"]
        assert (g["value"], g["met"], g["maturing"]) == (value, None, False)
        if share is None:
            assert (g["projected"], g["on_pace"]) == (None, None)
        else:
            assert g["projected"] == pytest.approx(value / share, rel=1e-12)
            assert g["on_pace"] is (value / share >= target)
    if share is not None and share < 1:
        # 1 / (1/2400) = 2,400; 5 / (2399/2400) = 5.002: on pace for five, not for ten
        assert goal(doc, "five")["2026-W47"]["on_pace"] is True


def test_week_over_at_monday_midnight(cli: Cli, tmp_path: Path) -> None:
    run = Run(cli, tmp_path, PACE_SLA, PACE_CSV)
    doc = run("--from", "2026-11-16", as_of="2026-11-23T00:00:00-03:00")
    w47, w48 = doc["periods"]
    assert (w47["label"], w47["complete"], w48["label"], w48["complete"]) == (
        "2026-W47",
        True,
        "2026-W48",
        False,
    )
    assert [brief(g) for g in w47["goals"]] == [
        (5.0, 5, True, False, None, None),
        (5.0, 5, False, False, None, None),
    ]
    # W48 has just begun: 0 leads and no business time gone, so no projection
    assert [brief(g) for g in w48["goals"]] == [(0.0, 0, None, False, None, None)] * 2


def test_projection_after_a_closed_week(cli: Cli, tmp_path: Path) -> None:
    # The week before W47 is closed (overrides). Whatever the range, W47's projection at
    # Wednesday noon is by business time: 1 / (1140/2400), not by calendar time (2.5/7 gone).
    sla = PACE_SLA.replace(
        "goals:",
        "  overrides: {2026-11-09: '', 2026-11-10: '', 2026-11-11: '', 2026-11-12: '', 2026-11-13: ''}\n"
        "goals:",
    )
    run = Run(cli, tmp_path, sla, PACE_CSV)
    for start in ("2026-11-16", "2026-11-02"):
        g = goal(run("--from", start, as_of=WED_NOON), "ten")["2026-W47"]
        assert g["value"] == 3.0
        assert g["projected"] == pytest.approx(3 / SHARE_WED_NOON, rel=1e-12), start


def test_projection_without_calendar_uses_calendar_time(cli: Cli, tmp_path: Path) -> None:
    sla = (
        HEAD + "leads: {timezone: America/Sao_Paulo}\n" + "goals:" + PACE_SLA.split("goals:", 1)[1]
    )
    run = Run(cli, tmp_path, sla, PACE_CSV)
    # Thursday 12:00: 3.5 of 7 days gone; leads 1-4 so far -> 4 / 0.5 = 8
    doc = run("--from", "2026-11-16", as_of="2026-11-19T12:00:00-03:00")
    assert "holidays_version" not in doc
    g = goal(doc, "ten")["2026-W47"]
    assert (g["value"], g["projected"], g["on_pace"]) == (4.0, 8.0, False)


def test_projection_without_calendar_across_dst(cli: Cli, tmp_path: Path) -> None:
    # New York, week of Monday 2 March 2026 (00:00 EST = 05:00 UTC) to Monday 9 March (00:00
    # EDT = 04:00 UTC): 167 real hours. As of Sunday 8 March 12:00 EDT (16:00 UTC), 155 hours
    # are gone: projected = 1 / (155/167). (Wall clocks would say 156 of 168.)
    sla = HEAD + "leads: {timezone: America/New_York}\n" + "goals:" + PACE_SLA.split("goals:", 1)[1]
    run = Run(cli, tmp_path, sla, "id,mql_at\n1,2026-03-03 10:00\n")
    doc = run("--from", "2026-03-02", as_of="2026-03-08T12:00:00-04:00")
    g = goal(doc, "ten")["2026-W10"]
    assert g["value"] == 1.0
    assert g["projected"] == pytest.approx(167 / 155, rel=1e-12)


# --- conversion --------------------------------------------------------------------------------

CONVERSION_SLA = (
    HEAD
    + CALENDAR
    + """\
goals:
  targets:
    - {id: in-2d, owner: sales, metric: conversion, from: mql_at, to: sql_at, within: 2d, target: ">= 50%"}
    - {id: ever, owner: sales, metric: conversion, from: mql_at, to: sql_at, target: ">= 50%"}
"""
)
CONVERSION_CSV = """\
id,mql_at,sql_at
a,2026-11-02 10:00,2026-11-03 10:00
b,2026-11-02 10:00,2026-11-04 10:00
c,2026-11-02 10:00,2026-11-04 10:01
d,2026-11-03 10:00,2026-11-02 09:00
e,2026-11-04 10:00,
f,2026-11-13 10:00,2026-11-14 09:00
g,2026-11-15 20:00,
h,2026-11-13 11:00,2026-11-18 13:00
i,2026-11-16 09:00,2026-11-17 09:00
"""
# W45 cohort {a, b, c, d, e}: a in 24h, b in exactly 48h (within), c 48h01m (late: not
# converted for in-2d, converted for ever), d reached sql before mql (not converted), e never.
#   in-2d 2/5 = 0.4, ever 3/5 = 0.6.
# W46 cohort {f, g, h}: f in 23h; g never; h's sql is after as-of (Wed 18 Nov 12:00), so not
# yet.  in-2d 1/3, ever 1/3. The last member, g (Sun 15 Nov 20:00), had 2d at Tue 17 Nov
# 20:00.
# W47 cohort {i}: 1/1, but the week is not over.


@pytest.fixture
def conversions(cli: Cli, tmp_path: Path) -> Run:
    return Run(cli, tmp_path, CONVERSION_SLA, CONVERSION_CSV)


def test_conversion_cohorts(conversions: Run) -> None:
    doc = conversions("--from", "2026-10-26")
    in2d, ever = goal(doc, "in-2d"), goal(doc, "ever")
    # W44 has no cohort: value null, no verdict, and nothing to wait for
    assert brief(in2d["2026-W44"]) == (None, 0, None, False, None, None)
    assert brief(ever["2026-W44"]) == (None, 0, None, False, None, None)
    assert brief(in2d["2026-W45"]) == (0.4, 5, False, False, None, None)
    assert brief(ever["2026-W45"]) == (0.6, 5, True, False, None, None)
    assert brief(in2d["2026-W46"]) == (1 / 3, 3, False, False, None, None)
    assert brief(ever["2026-W46"]) == (1 / 3, 3, False, False, None, None)
    # the current week: maturing (its cohort is still growing), no verdict, no projection
    assert brief(in2d["2026-W47"]) == (1.0, 1, None, True, None, None)
    # without `within` nothing matures: a cohort is judged once its period is over
    assert brief(ever["2026-W47"]) == (1.0, 1, None, False, None, None)
    assert doc["missed"] == 3


@pytest.mark.parametrize(
    ("as_of", "maturing"),
    [
        ("2026-11-17T19:59:00-03:00", True),  # g has had 47h59m
        ("2026-11-17T20:00:00-03:00", False),  # g has had 2d: the cohort is mature
        ("2026-11-17T21:00:00-03:00", False),
    ],
)
def test_conversion_matures_when_the_last_member_had_within(
    conversions: Run, as_of: str, maturing: bool
) -> None:
    doc = conversions("--from", "2026-11-09", "--to", "2026-11-15", as_of=as_of)
    g = goal(doc, "in-2d")["2026-W46"]
    # f converted; g and h not (h's sql is after every as-of here)
    assert (g["value"], g["size"], g["maturing"]) == (1 / 3, 3, maturing)
    assert g["met"] is (None if maturing else False)


BUSINESS_CONVERSION_SLA = (
    HEAD
    + CALENDAR
    + """\
goals:
  targets:
    - {id: in-4h, owner: sales, metric: conversion, from: mql_at, to: sql_at, within: 4h,
       clock: business, target: ">= 50%", where: {field: set, eq: h}}
    - {id: in-1d, owner: sales, metric: conversion, from: mql_at, to: sql_at, within: 1d,
       clock: business, target: ">= 60%", where: {field: set, eq: d}}
    - {id: in-1d-calendar, owner: sales, metric: conversion, from: mql_at, to: sql_at,
       within: 1d, target: ">= 60%", where: {field: set, eq: d}}
"""
)
BUSINESS_CONVERSION_CSV = """\
id,set,mql_at,sql_at
p1,h,2026-11-02 17:00,2026-11-03 11:00
p2,h,2026-11-02 17:00,2026-11-03 14:30
p3,h,2026-11-06 16:00,2026-11-09 10:00
p4,h,2026-11-07 10:00,2026-11-09 14:00
p5,h,2026-11-07 10:00,2026-11-09 14:01
n1,d,2026-11-02 17:00,2026-11-03 17:59
n2,d,2026-11-02 17:00,2026-11-04 09:00
n3,d,2026-11-02 18:30,2026-11-04 18:00
n4,d,2026-11-06 12:30,2026-11-09 17:00
n5,d,2026-11-07 10:00,2026-11-10 18:00
n6,d,2026-11-08 15:00,2026-11-11 09:00
n7,d,2026-11-06 09:00,2026-11-09 18:00:01
"""
# in-4h (240 business minutes), all W45:
#   p1 Mon 17:00 -> Tue 11:00: 60 + 120 = 180, yes (18 calendar hours)
#   p2 Mon 17:00 -> Tue 14:30: 60 + 180 + 90 = 330, no
#   p3 Fri 16:00 -> Mon 10:00: 120 + 60 = 180, yes (the weekend does not count)
#   p4 Sat 10:00 (closed: starts Mon 09:00) -> Mon 14:00: 180 + 60 = 240, yes (exactly)
#   p5 the same -> Mon 14:01: 241, no                                     => 3/5 = 0.6
# in-1d (close of the 1st business day after the day of the effective start):
#   n1 Mon 17:00 -> close Tue 18:00; Tue 17:59 yes      n2 Wed 09:00 no
#   n3 Mon 18:30 (after close: Tue) -> close Wed 18:00; Wed 18:00 yes
#   n4 Fri 12:30 (lunch: still Friday) -> close Mon 18:00; Mon 17:00 yes
#   n5 Sat 10:00 (Monday) -> close Tue 10 Nov 18:00; Tue 18:00 yes
#   n6 Sun 15:00 (Monday) -> close Tue 18:00; Wed 09:00 no
#   n7 Fri 09:00 -> close Mon 18:00; Mon 18:00:01 no                     => 4/7
# in-1d-calendar (24 hours): n1 24h59m no, n2 no, n3 47h30m no, n4 76h30m no, n5 no, n6 no,
#   n7 no => 0/7


@pytest.fixture
def business_conversions(cli: Cli, tmp_path: Path) -> Run:
    return Run(cli, tmp_path, BUSINESS_CONVERSION_SLA, BUSINESS_CONVERSION_CSV)


def test_conversion_on_the_business_clock(business_conversions: Run) -> None:
    doc = business_conversions("--from", "2026-11-02", "--to", "2026-11-08")
    assert "holidays_version" in doc
    assert brief(goal(doc, "in-4h")["2026-W45"]) == (0.6, 5, True, False, None, None)
    assert brief(goal(doc, "in-1d")["2026-W45"]) == (4 / 7, 7, False, False, None, None)
    assert brief(goal(doc, "in-1d-calendar")["2026-W45"]) == (0.0, 7, False, False, None, None)


@pytest.mark.parametrize(
    ("as_of", "value_4h", "maturing_4h", "maturing_1d"),
    [
        # the last in-4h members (p4, p5: Sat 10:00) start Mon 09:00 and have had 4h at 14:00;
        # at 13:59 p4 has not converted yet (its sql is after as-of)
        ("2026-11-09T13:59:00-03:00", 0.4, True, True),
        ("2026-11-09T14:00:00-03:00", 0.6, False, True),
        # the last in-1d member (n6, Sun) has until the close of Tuesday 10 Nov
        ("2026-11-10T17:59:00-03:00", 0.6, False, True),
        ("2026-11-10T18:00:00-03:00", 0.6, False, False),
    ],
)
def test_business_conversion_maturing(
    business_conversions: Run,
    as_of: str,
    value_4h: float,
    maturing_4h: bool,
    maturing_1d: bool,
) -> None:
    doc = business_conversions("--from", "2026-11-02", "--to", "2026-11-08", as_of=as_of)
    g4, g1 = goal(doc, "in-4h")["2026-W45"], goal(doc, "in-1d")["2026-W45"]
    assert (g4["value"], g4["maturing"], g4["met"]) == (
        value_4h,
        maturing_4h,
        None if maturing_4h else True,
    )
    assert g1["maturing"] is maturing_1d
    assert g1["met"] is (None if maturing_1d else False)


def test_business_days_beyond_the_calendar_table(cli: Cli, tmp_path: Path) -> None:
    # `within: 100d` on the business clock: the 100th business day after Mon 2 Nov 2026 closes
    # in late March 2027, past the end of the business-time table (as-of + 120 days). A lead
    # that reached sql 6 business days after its MQL has converted within it all the same.
    sla = (
        HEAD
        + CALENDAR
        + """\
goals:
  targets:
    - {id: slow, owner: sales, metric: conversion, from: mql_at, to: sql_at, within: 100d,
       clock: business, target: ">= 50%"}
"""
    )
    run = Run(cli, tmp_path, sla, "id,mql_at,sql_at\n1,2026-11-02 10:00,2026-11-10 10:00\n")
    doc = run("--from", "2026-11-02", "--to", "2026-11-08")
    assert brief(goal(doc, "slow")["2026-W45"]) == (1.0, 1, None, True, None, None)


# --- times -------------------------------------------------------------------------------------

TIMES_SLA = (
    HEAD
    + CALENDAR
    + """\
goals:
  targets:
    - {id: median, owner: sales, metric: median_time, from: mql_at, to: first_contact_at, target: "<= 2h"}
    - {id: p90, owner: sales, metric: p90_time, from: mql_at, to: first_contact_at, target: "<= 5h"}
    - {id: mean, owner: sales, metric: mean_time, from: mql_at, to: first_contact_at, target: "<= 2h30m"}
    - {id: median-cal, owner: sales, metric: median_time, from: mql_at, to: first_contact_at,
       clock: calendar, target: "<= 6h"}
    - {id: p90-cal, owner: sales, metric: p90_time, from: mql_at, to: first_contact_at,
       clock: calendar, target: "<= 2d"}
    - {id: mean-cal, owner: sales, metric: mean_time, from: mql_at, to: first_contact_at,
       clock: calendar, target: "<= 12h"}
"""
)
TIMES_CSV = """\
id,mql_at,first_contact_at
t1,2026-11-02 09:00,2026-11-02 10:00
t2,2026-11-02 11:00,2026-11-02 14:00
t3,2026-11-02 17:00,2026-11-03 10:30
t4,2026-11-06 17:30,2026-11-09 11:30
t5,2026-11-03 10:00,2026-11-03 09:00
t6,2026-11-03 10:00,
t7,2026-11-07 11:00,2026-11-07 12:00
t8,2026-11-04 09:00,2026-11-04 16:00
t9,2026-11-05 10:00,2026-11-19 10:00
"""
# W45 members with a first contact at or after the MQL and not after as-of (t5 contacted
# before, t6 never, t9 after as-of):
#          business minutes                calendar minutes
#   t1     60                              60
#   t2     60 + 60 (lunch skipped) = 120    180
#   t3     60 + 90 = 150                   17h30 = 1,050
#   t4     30 + 150 = 180                  66h = 3,960
#   t7     0 (Saturday: both closed)       60
#   t8     180 + 180 = 360                 420
# business sorted [0, 60, 120, 150, 180, 360]: median (120 + 150)/2 = 135;
#   p90 at rank 0.9 x 5 = 4.5: 180 + 0.5 x (360 - 180) = 270; mean 870/6 = 145
# calendar sorted [60, 60, 180, 420, 1050, 3960]: median (180 + 420)/2 = 300;
#   p90 1050 + 0.5 x 2910 = 2505; mean 5730/6 = 955


def test_times_business_and_calendar(cli: Cli, tmp_path: Path) -> None:
    doc = Run(cli, tmp_path, TIMES_SLA, TIMES_CSV)("--from", "2026-11-02", "--to", "2026-11-15")
    expected = {
        "median": (135.0, False),  # > 120
        "p90": (270.0, True),  # <= 300
        "mean": (145.0, True),  # <= 150
        "median-cal": (300.0, True),  # <= 360
        "p90-cal": (2505.0, True),  # <= 2,880
        "mean-cal": (955.0, False),  # > 720
    }
    for gid, (value, met) in expected.items():
        g = goal(doc, gid)
        assert brief(g["2026-W45"]) == (value, 6, met, False, None, None), gid
        # W46 has no cohort: null, no verdict
        assert brief(g["2026-W46"]) == (None, 0, None, False, None, None), gid
    assert goal(doc, "median")["2026-W45"]["target"] == {
        "op": "<=",
        "value": 120.0,
        "text": "<= 2h",
    }
    assert goal(doc, "p90-cal")["2026-W45"]["target"]["value"] == 2880.0
    assert doc["missed"] == 2


def test_time_goals_in_markdown(cli: Cli, tmp_path: Path) -> None:
    r = Run(cli, tmp_path, TIMES_SLA, TIMES_CSV).raw(
        "--from", "2026-11-02", "--to", "2026-11-15", "--format", "markdown"
    )
    lines = r.stdout.splitlines()
    # no cohort in W46: no data; a business-clock target says so
    assert "| sales | median | ≤ 2h business | ❌ 2h15m | no data |" in lines
    assert "| sales | mean-cal | ≤ 12h | ❌ 15h55m | no data |" in lines
    assert lines[-1] == "**2 goal-periods missed.**"


# --- compliance ------------------------------------------------------------------------------------

COMPLIANCE_SLA = (
    HEAD
    + CALENDAR
    + """\
follow_up:
  - id: contact
    owner: sales
    start: mql_at
    stop: [first_contact_at]
    within: 2h
goals:
  targets:
    - {id: on-time, owner: sales, metric: compliance, follow_up: contact, target: ">= 75%"}
    - {id: on-time-ana, owner: sales, metric: compliance, follow_up: contact, target: ">= 75%",
       where: {field: owner, eq: ana}}
"""
)
COMPLIANCE_CSV = """\
id,owner,mql_at,first_contact_at
c1,ana,2026-11-02 09:00,2026-11-02 10:00
c2,ana,2026-11-02 09:00,2026-11-02 11:00
c3,bia,2026-11-02 11:00,2026-11-02 14:30
c4,bia,2026-11-03 09:00,
c5,ana,2026-11-08 20:00,
c6,ana,2026-11-16 09:00,2026-11-16 09:30
c7,bia,2026-11-18 11:00,
c8,bia,2026-11-19 09:00,
"""
# due = start + 2 business hours:
#   c1 due 11:00, stopped 10:00: met          c2 stopped at 11:00, exactly due: met
#   c3 due 14:00 (11-12, 13-14), stopped 14:30: met_late
#   c4 due Tue 11:00, never stopped: breached
#   c5 Sun 20:00 waits for Mon 9 Nov 09:00, due 11:00: breached; it started in W45
#   c6 W47, met                                c7 due 14:00, at noon on_track: not judged
#   c8 starts after as-of: no instance
# W45: met 2 of 5 judged = 0.4; W46: none; W47: 1/1.


def test_compliance_of_a_follow_up_rule(cli: Cli, tmp_path: Path) -> None:
    doc = Run(cli, tmp_path, COMPLIANCE_SLA, COMPLIANCE_CSV)("--from", "2026-11-02")
    g = goal(doc, "on-time")
    assert brief(g["2026-W45"]) == (0.4, 5, False, False, None, None)
    assert brief(g["2026-W46"]) == (None, 0, None, False, None, None)
    assert brief(g["2026-W47"]) == (1.0, 1, None, False, None, None)
    # with `where: owner = ana`, W45 judges c1, c2 (met) and c5 (breached): 2/3
    assert brief(goal(doc, "on-time-ana")["2026-W45"]) == (2 / 3, 3, False, False, None, None)
    # the compliance section counts the instances that started since the first period
    [rule] = doc["compliance"]["rules"]
    assert rule == {
        "id": "contact",
        "team": "sales",
        "counts": {"breached": 2, "at_risk": 0, "on_track": 1, "met_late": 1, "met": 3},
        "compliance": 0.5,  # 3 / (3 + 1 + 2)
    }
    owners = {o["owner"]: (o["counts"], o["compliance"]) for o in doc["compliance"]["owners"]}
    # ana: c1, c2, c6 met, c5 breached -> 3/4; bia: c3 late, c4 breached, c7 on track -> 0/2
    assert owners["ana"][1] == 0.75 and owners["bia"][1] == 0.0


def test_compliance_by_owner(cli: Cli, tmp_path: Path) -> None:
    doc = Run(cli, tmp_path, COMPLIANCE_SLA, COMPLIANCE_CSV)(
        "--from", "2026-11-02", "--to", "2026-11-08", "--by", "owner"
    )
    # values per owner, without the team's target (issue 12)
    assert brief(goal(doc, "on-time", "ana")["2026-W45"]) == (2 / 3, 3, None, False, None, None)
    assert brief(goal(doc, "on-time", "bia")["2026-W45"]) == (0.0, 2, None, False, None, None)


def test_effective_drops_periods_and_instances(cli: Cli, tmp_path: Path) -> None:
    sla = COMPLIANCE_SLA.replace("owners:", "effective: 2026-11-03\nowners:")
    doc = Run(cli, tmp_path, sla, COMPLIANCE_CSV)("--from", "2026-10-26", "--to", "2026-11-08")
    # W44 ended before 3 Nov: not reported. In W45 the instances that started on 2 Nov (c1-c3)
    # are not judged; c4 and c5 are breached: 0/2.
    assert [p["label"] for p in doc["periods"]] == ["2026-W45"]
    assert brief(goal(doc, "on-time")["2026-W45"]) == (0.0, 2, False, False, None, None)


# --- header, review, errors --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("every", "as_of", "due", "overdue"),
    [
        ("90d", WED_NOON, "2026-12-30", False),
        ("30d", WED_NOON, "2026-10-31", True),
        # on the due day itself (local date) the review is not yet overdue
        ("30d", "2026-10-31T23:00:00-03:00", "2026-10-31", False),
        ("30d", "2026-11-01T01:00:00Z", "2026-10-31", False),  # 31 Oct 22:00 in São Paulo
        ("30d", "2026-11-01T00:00:00-03:00", "2026-10-31", True),
    ],
)
def test_header_owners_and_review(
    counts: Run, every: str, as_of: str, due: str, overdue: bool
) -> None:
    text = COUNT_SLA.replace(
        "owners:", f"review: {{every: {every}, last_reviewed: 2026-10-01}}\nowners:"
    )
    counts.sla.write_text(text, encoding="utf-8")
    doc = counts(as_of=as_of)
    assert doc["owners"] == {"marketing": "ana", "sales": "bruno"}
    assert doc["review"] == {
        "every": every,
        "last_reviewed": "2026-10-01",
        "due": due,
        "overdue": overdue,
    }
    r = counts.raw(as_of=as_of, env={"NO_COLOR": "1", "COLUMNS": "118"})
    lines = r.stdout.splitlines()
    assert lines[1] == "Owners: marketing: ana, sales: bruno"
    shown = fmt_date(date.fromisoformat(due))
    state = f"OVERDUE since {shown}" if overdue else f"next due {shown}"
    assert lines[2] == f"Review every {every}; last reviewed Oct 1, 2026; {state}"


def test_header_without_review_or_owners(cli: Cli, tmp_path: Path) -> None:
    sla = COUNT_SLA.replace("owners: {marketing: ana, sales: bruno}\n", "")
    run = Run(cli, tmp_path, sla, COUNT_CSV)
    doc = run()
    assert (doc["owners"], doc["review"]) == ({}, None)
    r = run.raw(env={"NO_COLOR": "1", "COLUMNS": "118"})
    assert r.stdout.splitlines()[1] == "No owners named"


def test_missing_goals_section_exit_2(cli: Cli, tmp_path: Path) -> None:
    run = Run(cli, tmp_path, HEAD + CALENDAR, COUNT_CSV)
    r = run.raw()
    assert r.exit_code == 2 and r.stdout == ""
    assert "`leadsla report` needs a `goals` section" in r.stderr


@pytest.mark.parametrize(
    "target",
    [
        '{id: resp, owner: sales, metric: median_time, from: mql_at, to: sql_at, target: "<= 4h"}',
        '{id: resp, owner: sales, metric: p90_time, from: mql_at, to: sql_at, clock: business, target: "<= 4h"}',
        '{id: resp, owner: sales, metric: conversion, from: mql_at, to: sql_at, within: 2d, clock: business, target: ">= 5%"}',
    ],
)
def test_business_time_goals_without_calendar_exit_2(cli: Cli, tmp_path: Path, target: str) -> None:
    sla = HEAD + f"goals:\n  targets:\n    - {target}\n"
    r = Run(cli, tmp_path, sla, "id,mql_at,sql_at\n").raw()
    assert r.exit_code == 2 and r.stdout == ""
    assert "goal resp measures business time, which needs a `calendar` section" in r.stderr
    assert "Traceback" not in r.stderr


def test_calendar_clock_goals_need_no_calendar(cli: Cli, tmp_path: Path) -> None:
    sla = (
        HEAD
        + "leads: {timezone: America/Sao_Paulo}\n"
        + """\
goals:
  targets:
    - {id: resp, owner: sales, metric: median_time, from: mql_at, to: sql_at, clock: calendar, target: "<= 1d"}
    - {id: conv, owner: sales, metric: conversion, from: mql_at, to: sql_at, within: 2d, target: ">= 50%"}
"""
    )
    # 1: 2h30m (yes within 2d); 2: 50h (no); median (150 + 3000)/2 = 1,575 minutes
    csv = "id,mql_at,sql_at\n1,2026-11-02 10:00,2026-11-02 12:30\n2,2026-11-03 10:00,2026-11-05 12:00\n"
    doc = Run(cli, tmp_path, sla, csv)("--from", "2026-11-02", "--to", "2026-11-08")
    assert "holidays_version" not in doc
    assert brief(goal(doc, "resp")["2026-W45"]) == (1575.0, 2, False, False, None, None)
    assert brief(goal(doc, "conv")["2026-W45"]) == (0.5, 2, True, False, None, None)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--from", "2026-11-10", "--to", "2026-11-01"],
            "--to 2026-11-01 is before --from 2026-11-10",
        ),
        (["--from", "10/11/2026"], "--from `10/11/2026` is not a date"),
        (["--period", "day"], "--period"),
    ],
)
def test_bad_arguments_exit_2(counts: Run, args: list[str], message: str) -> None:
    r = counts.raw(*args)
    assert r.exit_code == 2
    assert message in r.stderr


def test_effective_after_as_of_reports_no_period(cli: Cli, tmp_path: Path) -> None:
    # an SLA signed to start next year, with a goal in business time and no follow-up rule
    sla = TIMES_SLA.replace("owners:", "effective: 2027-01-04\nowners:")
    run = Run(cli, tmp_path, sla, TIMES_CSV)
    r = run.raw("--format", "json")
    doc = json.loads(r.stdout)
    assert (doc["periods"], doc["missed"]) == ([], 0)
    # said even with --quiet (issue 9): a cron job must not read "nothing missed" as green
    warning = "sla.yaml:3:12: warning: effective: 2027-01-04 is after the as-of time"
    assert r.exit_code == 0 and warning in r.stderr
    r = run.raw("--fail-on-missed", env={"NO_COLOR": "1", "COLUMNS": "118"})
    assert r.exit_code == 0 and warning in r.stderr
    assert r.stdout.splitlines()[-1] == (
        "No week to report: every week asked for ends before the SLA is effective or starts "
        "after the as-of time."
    )


@pytest.mark.parametrize("fmt", ["table", "json", "markdown", "html"])
def test_funnel_with_no_lead_in_range(cli: Cli, tmp_path: Path, fmt: str) -> None:
    # a header-only export (a quiet night's export) and a range with no lead: the funnel is
    # all zeros, not an internal error
    header = (ROOT / "examples" / "leads.csv").read_bytes().split(b"\n", 1)[0] + b"\n"
    export = tmp_path / "empty.csv"
    export.write_bytes(header)
    out = tmp_path / "report.out"
    for args in ([str(export)], ["--from", "2026-01-05", "--to", "2026-02-01"]):
        r = cli(
            "report", *args, "--sla", str(ROOT / "examples" / "sla.yaml"), "--as-of", AS_OF,
            "--format", fmt, "--output", str(out),
        )  # fmt: skip
        assert r.exit_code == 0, r.output
        text = out.read_text(encoding="utf-8")
        if fmt == "json":
            doc = json.loads(text)
            assert [s["reached"] for s in doc["funnel"]] == [0] * len(doc["funnel"])
        elif fmt == "markdown" and args[0] == "--from":
            assert "No week to report" in text


def test_leads_before_effective_in_the_first_period(cli: Cli, tmp_path: Path) -> None:
    # effective Wednesday 4 Nov: W45 is reported; rows 1 and 3 (2 and 3 Nov) are before it
    sla = COUNT_SLA.replace("owners:", "effective: 2026-11-04\nowners:")
    doc = Run(cli, tmp_path, sla, COUNT_CSV)("--from", "2026-11-02", "--to", "2026-11-08")
    assert goal(doc, "all-mqls")["2026-W45"]["value"] == 1.0  # row 2 only


def test_by_a_field_the_export_lacks_exit_2(counts: Run) -> None:
    r = counts.raw("--by", "segment")
    assert r.exit_code == 2 and r.stdout == ""
    assert "field `segment`: no column `segment` (used at the command line)" in r.stderr


def test_no_period_in_range(counts: Run) -> None:
    # --from after as-of: nothing to report, and nothing missed
    doc = counts("--from", "2026-12-01", "--fail-on-missed")
    assert doc["periods"] == [] and doc["missed"] == 0


# --- the JSON document -----------------------------------------------------------------------------


def test_json_keys_and_types(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    r = cli("report", "--sla", "examples/sla.yaml", "--as-of", AS_OF, "--format", "json", "--quiet")
    assert r.exit_code == 0
    doc = json.loads(r.stdout)
    assert list(doc) == [
        "leadsla_version",
        "as_of",
        "holidays_version",
        "sla",
        "period",
        "owners",
        "review",
        "by",
        "periods",
        "funnel",
        "compliance",
        "missed",
        "summary",
    ]
    assert doc["as_of"] == "2026-11-20T12:00:00-03:00"
    assert (doc["sla"], doc["period"], doc["by"]) == ("ACME marketing and sales SLA", "week", None)
    assert doc["owners"] == {"marketing": "ana.souza", "sales": "bruno.lima"}
    assert doc["review"] == {
        "every": "90d",
        "last_reviewed": "2026-10-01",
        "due": "2026-12-30",
        "overdue": False,
    }
    assert len(doc["periods"]) == 8
    for p in doc["periods"]:
        assert list(p) == ["label", "start", "end", "complete", "goals"]
        assert p["start"].endswith("T00:00:00-03:00") and p["end"].endswith("T00:00:00-03:00")
        assert isinstance(p["complete"], bool)
        for g in p["goals"]:
            assert list(g) == [
                "id",
                "name",
                "owner",
                "metric",
                "group",
                "value",
                "size",
                "target",
                "met",
                "maturing",
                "projected",
                "on_pace",
                "verdict",
            ]
            assert list(g["target"]) == ["op", "value", "text"]
            assert g["group"] is None
            # counts are whole numbers; shares and times are floats
            kind = int if g["metric"] == "count" else float
            assert g["value"] is None or type(g["value"]) is kind
            assert isinstance(g["size"], int) and isinstance(g["maturing"], bool)
            assert g["met"] in (True, False, None) and g["on_pace"] in (True, False, None)
            if g["metric"] in ("conversion", "compliance") and g["value"] is not None:
                assert 0 <= g["value"] <= 1
            if p["complete"]:
                assert g["projected"] is None and g["on_pace"] is None
            else:
                assert g["met"] is None
    assert [p["complete"] for p in doc["periods"]] == [True] * 7 + [False]
    for s in doc["funnel"]:
        assert list(s) == ["stage", "outcome", "reached", "conversion"]
    assert list(doc["compliance"]) == ["rules", "owners"]
    assert list(doc["compliance"]["rules"][0]) == [
        "id",
        "team",
        "counts",
        "compliance",
    ]
    assert list(doc["compliance"]["owners"][0]) == ["owner", "counts", "compliance"]
    met_false = sum(g["met"] is False for p in doc["periods"] for g in p["goals"])
    assert doc["missed"] == met_false


def test_subprocess_exit_codes_and_row_summary(tmp_path: Path) -> None:
    (tmp_path / "sla.yaml").write_text(COUNT_SLA, encoding="utf-8")
    (tmp_path / "leads.csv").write_text(COUNT_CSV, encoding="utf-8")
    r = run_leadsla(
        "report",
        "leads.csv",
        "--sla",
        "sla.yaml",
        "--as-of",
        WED_NOON,
        "--from",
        "2026-11-02",
        "--fail-on-missed",
        cwd=tmp_path,
    )
    assert r.returncode == 1
    assert r.stderr == "leads.csv: 9 rows: 9 used, 0 rejected, 0 unreadable cells\n"
    assert "1 goal-period missed." in r.stdout

"""Goal periods (SPEC §1 "Goals", README "report"): weeks from Monday, months, quarters, all in
the calendar's zone; the default 8 periods up to the one holding as-of; --from/--to; `effective`.

The last tests put leads on both sides of a local midnight and count them through the real CLI:
a period boundary is local midnight, never UTC midnight, also across a DST change."""

from __future__ import annotations

import itertools
import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from leadsla.engine.periods import Period, periods
from tests.conftest import Cli

SP = "America/Sao_Paulo"
NY = "America/New_York"
SP_TZ = ZoneInfo(SP)
NY_TZ = ZoneInfo(NY)
# Friday 20 November 2026, noon in São Paulo: ISO week 47 (Monday 16 November).
AS_OF = datetime(2026, 11, 20, 12, 0, tzinfo=SP_TZ)


def labels(ps: list[Period]) -> list[str]:
    return [p.label for p in ps]


# --- weeks -------------------------------------------------------------------------------------


def test_default_is_eight_weeks_up_to_the_one_holding_as_of() -> None:
    ps = periods("week", AS_OF, SP)
    # 16 Nov is the Monday of as-of's week; seven weeks earlier is Monday 28 Sep (W40).
    assert labels(ps) == [f"2026-W{w}" for w in range(40, 48)]
    assert [p.first for p in ps] == [date(2026, 9, 28) + timedelta(weeks=i) for i in range(8)]
    for p in ps:
        assert p.first.weekday() == 0  # Monday
        assert p.next_first == p.first + timedelta(days=7)
        assert p.start == datetime.combine(p.first, datetime.min.time(), SP_TZ)
        assert p.end == datetime.combine(p.next_first, datetime.min.time(), SP_TZ)
    last = ps[-1]
    # São Paulo has no DST since 2019: local midnight is 03:00 UTC
    assert last.start == datetime(2026, 11, 16, 3, 0, tzinfo=UTC)
    assert last.end == datetime(2026, 11, 23, 3, 0, tzinfo=UTC)
    assert last.contains(AS_OF)


def test_weeks_follow_each_other_without_gaps() -> None:
    ps = periods("week", AS_OF, SP)
    for a, b in itertools.pairwise(ps):
        assert a.end == b.start and a.next_first == b.first


@pytest.mark.parametrize(
    ("as_of", "monday"),
    [
        # Monday 00:00 local opens the new week
        (datetime(2026, 11, 16, 0, 0, tzinfo=SP_TZ), date(2026, 11, 16)),
        # Sunday 23:59:59 local is still the previous week
        (datetime(2026, 11, 15, 23, 59, 59, tzinfo=SP_TZ), date(2026, 11, 9)),
        # Monday 01:00 UTC is Sunday 22:00 in São Paulo: the previous week, not UTC's
        (datetime(2026, 11, 16, 1, 0, tzinfo=UTC), date(2026, 11, 9)),
        # Sunday 23:30 in Tokyo is Sunday 11:30 in São Paulo
        (datetime(2026, 11, 22, 23, 30, tzinfo=ZoneInfo("Asia/Tokyo")), date(2026, 11, 16)),
    ],
)
def test_as_of_week_is_the_local_week(as_of: datetime, monday: date) -> None:
    ps = periods("week", as_of, SP)
    assert ps[-1].first == monday
    assert ps[-1].contains(as_of)
    assert len(ps) == 8


def test_week_labels_are_iso_weeks_across_new_year() -> None:
    # 2026 has 53 ISO weeks (1 January 2026 is a Thursday); Monday 29 Dec 2025 is 2026-W01.
    ps = periods("week", datetime(2027, 1, 6, 12, 0, tzinfo=SP_TZ), SP, start=date(2025, 12, 29))
    assert ps[0].label == "2026-W01" and ps[0].first == date(2025, 12, 29)
    assert [p.label for p in ps[-2:]] == ["2026-W53", "2027-W01"]
    assert ps[-2].first == date(2026, 12, 28) and ps[-1].first == date(2027, 1, 4)
    assert len(ps) == 54  # 53 weeks of 2026 and the first of 2027


# --- months and quarters -----------------------------------------------------------------------


def test_default_is_eight_months() -> None:
    ps = periods("month", AS_OF, SP)
    assert labels(ps) == [f"2026-{m:02d}" for m in range(4, 12)]
    assert ps[-1].start == datetime(2026, 11, 1, tzinfo=SP_TZ)
    assert ps[-1].end == datetime(2026, 12, 1, tzinfo=SP_TZ)


def test_months_cross_the_year_and_february() -> None:
    ps = periods("month", datetime(2026, 3, 15, tzinfo=SP_TZ), SP)
    assert labels(ps) == [f"2025-{m:02d}" for m in range(8, 13)] + ["2026-01", "2026-02", "2026-03"]
    dec, feb = ps[4], ps[6]
    assert (dec.first, dec.next_first) == (date(2025, 12, 1), date(2026, 1, 1))
    assert (feb.first, feb.next_first) == (date(2026, 2, 1), date(2026, 3, 1))
    assert feb.end - feb.start == timedelta(days=28)


def test_default_is_eight_quarters() -> None:
    ps = periods("quarter", AS_OF, SP)
    assert labels(ps) == [f"{y}-Q{q}" for y in (2025, 2026) for q in (1, 2, 3, 4)]
    assert [p.first for p in ps[:4]] == [date(2025, m, 1) for m in (1, 4, 7, 10)]
    q4 = ps[-1]
    assert (q4.first, q4.next_first) == (date(2026, 10, 1), date(2027, 1, 1))
    assert q4.contains(AS_OF)


def test_quarter_of_a_middle_month() -> None:
    # as-of in May: the quarter is April-June
    ps = periods("quarter", datetime(2026, 5, 31, 23, 0, tzinfo=SP_TZ), SP, start=date(2026, 5, 1))
    assert labels(ps) == ["2026-Q2"]
    assert (ps[0].first, ps[0].next_first) == (date(2026, 4, 1), date(2026, 7, 1))


# --- --from / --to -----------------------------------------------------------------------------


def test_from_and_to_select_the_periods_they_overlap() -> None:
    # Wednesday 7 Oct (week of Mon 5 Oct) to Tuesday 20 Oct (week of Mon 19 Oct)
    ps = periods("week", AS_OF, SP, start=date(2026, 10, 7), end=date(2026, 10, 20))
    assert [p.first for p in ps] == [date(2026, 10, 5), date(2026, 10, 12), date(2026, 10, 19)]


def test_from_alone_runs_up_to_as_of() -> None:
    ps = periods("week", AS_OF, SP, start=date(2026, 11, 1))
    # Sunday 1 Nov is in the week of Monday 26 Oct; the last week holds as-of
    assert labels(ps) == ["2026-W44", "2026-W45", "2026-W46", "2026-W47"]


def test_from_beyond_eight_periods() -> None:
    ps = periods("month", AS_OF, SP, start=date(2025, 1, 31))
    assert len(ps) == 23 and ps[0].label == "2025-01" and ps[-1].label == "2026-11"


def test_to_alone_gives_eight_periods_up_to_it() -> None:
    ps = periods("week", AS_OF, SP, end=date(2026, 10, 14))
    assert labels(ps) == [f"2026-W{w}" for w in range(35, 43)]


def test_to_after_as_of_stops_at_the_period_holding_as_of() -> None:
    ps = periods("week", AS_OF, SP, start=date(2026, 11, 2), end=date(2026, 12, 31))
    assert labels(ps) == ["2026-W45", "2026-W46", "2026-W47"]


def test_from_after_as_of_gives_no_period() -> None:
    assert periods("week", AS_OF, SP, start=date(2026, 12, 1)) == []


def test_from_and_to_in_one_period() -> None:
    ps = periods("month", AS_OF, SP, start=date(2026, 2, 10), end=date(2026, 2, 11))
    assert labels(ps) == ["2026-02"]


# --- effective ---------------------------------------------------------------------------------


def test_periods_ending_before_effective_are_dropped() -> None:
    # effective Wednesday 14 Oct: W40 (ends 5 Oct) and W41 (ends 12 Oct) are dropped, W42 holds it
    ps = periods("week", AS_OF, SP, effective=date(2026, 10, 14))
    assert labels(ps) == [f"2026-W{w}" for w in range(42, 48)]


def test_period_ending_at_effective_midnight_is_dropped() -> None:
    # effective Monday 12 Oct: W41 ends at 12 Oct 00:00, before anything is judged
    ps = periods("week", AS_OF, SP, effective=date(2026, 10, 12))
    assert ps[0].label == "2026-W42"
    # effective Sunday 11 Oct: W41 still has one judged day
    ps = periods("week", AS_OF, SP, effective=date(2026, 10, 11))
    assert ps[0].label == "2026-W41"


def test_effective_after_as_of_leaves_nothing() -> None:
    assert periods("month", AS_OF, SP, effective=date(2027, 1, 1)) == []


def test_effective_with_from_and_months() -> None:
    ps = periods("month", AS_OF, SP, start=date(2026, 1, 1), effective=date(2026, 7, 1))
    assert labels(ps) == ["2026-07", "2026-08", "2026-09", "2026-10", "2026-11"]


# --- DST -----------------------------------------------------------------------------------------


def test_new_york_weeks_across_dst() -> None:
    # DST starts Sunday 8 March 2026 at 02:00 (the week is one hour short) and ends Sunday
    # 1 November 2026 at 02:00 (one hour long); the weeks still start at local midnight.
    spring = periods("week", datetime(2026, 3, 12, 12, 0, tzinfo=NY_TZ), NY, start=date(2026, 3, 2))
    w10 = spring[0]
    assert w10.start == datetime(2026, 3, 2, 5, 0, tzinfo=UTC)  # 00:00 EST (-05:00)
    assert w10.end == datetime(2026, 3, 9, 4, 0, tzinfo=UTC)  # 00:00 EDT (-04:00)
    # (aware datetimes in one zone subtract as wall clocks: compare instants)
    assert w10.end.timestamp() - w10.start.timestamp() == 167 * 3600
    assert w10.contains(datetime(2026, 3, 8, 23, 59, 59, tzinfo=NY_TZ))
    assert not w10.contains(datetime(2026, 3, 9, 0, 0, tzinfo=NY_TZ))
    assert spring[1].contains(datetime(2026, 3, 9, 0, 0, tzinfo=NY_TZ))

    autumn = periods("week", datetime(2026, 11, 4, tzinfo=NY_TZ), NY, start=date(2026, 10, 26))
    w44 = autumn[0]
    assert w44.label == "2026-W44"
    assert w44.start == datetime(2026, 10, 26, 4, 0, tzinfo=UTC)  # 00:00 EDT
    assert w44.end == datetime(2026, 11, 2, 5, 0, tzinfo=UTC)  # 00:00 EST
    assert w44.end.timestamp() - w44.start.timestamp() == 169 * 3600


# --- counted through the CLI: leads on either side of local midnight -----------------------------

SLA = """\
version: 1
name: Midnight
leads: {{timezone: {zone}}}
goals:
  period: week
  targets:
    - {{id: mqls, owner: marketing, metric: count, of: mql_at, target: ">= 1"}}
"""


def _counts(
    cli: Cli, tmp_path: Path, zone: str, csv_rows: list[str], as_of: str, start: str
) -> dict[str, tuple[str, str, float]]:
    (tmp_path / "sla.yaml").write_text(SLA.format(zone=zone), encoding="utf-8")
    (tmp_path / "leads.csv").write_text("id,mql_at\n" + "\n".join(csv_rows) + "\n", "utf-8")
    r = cli(
        "report",
        tmp_path / "leads.csv",
        "--sla",
        tmp_path / "sla.yaml",
        "--as-of",
        as_of,
        "--from",
        start,
        "--format",
        "json",
        "--quiet",
    )
    assert r.exit_code == 0, r.stdout + r.stderr
    doc = json.loads(r.stdout)
    return {p["label"]: (p["start"], p["end"], p["goals"][0]["value"]) for p in doc["periods"]}


def test_sao_paulo_sunday_night_counts_in_its_local_week(cli: Cli, tmp_path: Path) -> None:
    rows = [
        "1,2026-11-15 23:59:59",  # Sunday 23:59:59 local (Monday 02:59:59 UTC): W46
        "2,2026-11-16 00:00:00",  # Monday 00:00 local: W47
        "3,2026-11-16T02:59:59Z",  # = Sunday 23:59:59 -03:00: W46
        "4,2026-11-16T03:00:00Z",  # = Monday 00:00 -03:00: W47
        "5,2026-11-09T01:00:00+00:00",  # = Sunday 8 Nov 22:00 local: W45
    ]
    found = _counts(cli, tmp_path, SP, rows, "2026-11-20T12:00:00-03:00", "2026-11-02")
    # local weeks: W45 {5}, W46 {1, 3}, W47 {2, 4}; by UTC dates it would be W45 0, W46 1, W47 4
    assert found == {
        "2026-W45": ("2026-11-02T00:00:00-03:00", "2026-11-09T00:00:00-03:00", 1.0),
        "2026-W46": ("2026-11-09T00:00:00-03:00", "2026-11-16T00:00:00-03:00", 2.0),
        "2026-W47": ("2026-11-16T00:00:00-03:00", "2026-11-23T00:00:00-03:00", 2.0),
    }


def test_new_york_dst_weekend_counts_in_local_weeks(cli: Cli, tmp_path: Path) -> None:
    rows = [
        "1,2026-03-08 23:59:59",  # Sunday after the spring-forward, EDT (03:59:59 UTC Mon): W10
        "2,2026-03-09 00:00:00",  # Monday 00:00 EDT: W11
        "3,2026-03-09T03:59:59Z",  # = Sunday 23:59:59 EDT: W10
        "4,2026-03-02 00:00",  # Monday 00:00 EST (05:00 UTC): W10
        "5,2026-03-01T23:59:59-05:00",  # Sunday 1 March: W09
        "6,2026-03-08 03:30",  # Sunday just after the jump (02:00 -> 03:00): W10
        "7,2026-03-09T04:00:00Z",  # = Monday 00:00 EDT: W11
    ]
    found = _counts(cli, tmp_path, NY, rows, "2026-03-20", "2026-02-23")
    # local weeks: W09 {5}, W10 {1, 3, 4, 6}, W11 {2, 7}, W12 none (a count over nothing is 0)
    # (by UTC dates: W09 0, W10 3, W11 4)
    assert found == {
        "2026-W09": ("2026-02-23T00:00:00-05:00", "2026-03-02T00:00:00-05:00", 1.0),
        "2026-W10": ("2026-03-02T00:00:00-05:00", "2026-03-09T00:00:00-04:00", 4.0),
        "2026-W11": ("2026-03-09T00:00:00-04:00", "2026-03-16T00:00:00-04:00", 2.0),
        "2026-W12": ("2026-03-16T00:00:00-04:00", "2026-03-23T00:00:00-04:00", 0.0),
    }


def test_new_york_autumn_dst_month_boundary(cli: Cli, tmp_path: Path) -> None:
    rows = [
        "1,2026-10-31 23:59:59",  # Saturday 31 Oct, EDT: October
        "2,2026-11-01 00:00:00",  # Sunday 1 Nov 00:00 EDT (DST ends at 02:00): November
        "3,2026-11-01 01:30-04:00",  # the first 01:30 (EDT): November
        "4,2026-11-01 01:30-05:00",  # the repeated 01:30 (EST): November
        "5,2026-11-01T03:59:59Z",  # = 31 Oct 23:59:59 EDT: October
    ]
    (tmp_path / "sla.yaml").write_text(SLA.format(zone=NY), encoding="utf-8")
    (tmp_path / "leads.csv").write_text("id,mql_at\n" + "\n".join(rows) + "\n", "utf-8")
    r = cli(
        "report",
        tmp_path / "leads.csv",
        "--sla",
        tmp_path / "sla.yaml",
        "--as-of",
        "2026-11-30",
        "--period",
        "month",
        "--from",
        "2026-10-01",
        "--format",
        "json",
        "--quiet",
    )
    assert r.exit_code == 0, r.stdout + r.stderr
    doc = json.loads(r.stdout)
    assert doc["as_of"] == "2026-11-30T23:59:59-05:00"
    got = [(p["label"], p["start"], p["end"], p["goals"][0]["value"]) for p in doc["periods"]]
    assert got == [
        ("2026-10", "2026-10-01T00:00:00-04:00", "2026-11-01T00:00:00-04:00", 2.0),
        ("2026-11", "2026-11-01T00:00:00-04:00", "2026-12-01T00:00:00-05:00", 3.0),
    ]

"""The business calendar (SPEC §1 "Durations and clocks", "Follow-up deadlines"), by hand.

Every expected instant is worked out in the comments. Unless a test says otherwise the calendar
is São Paulo (UTC-03:00 all year: no DST since 2019), Monday to Friday 09:00-12:00 and
13:00-18:00, with Brazil's national holidays. November 2026: Sunday 1, Monday 2 (All Souls'),
Sunday 15 (Republic), Friday 20 (Consciência Negra, national since 2024) are the holidays;
Friday 25 December 2026 is Christmas.

DST: business time is real elapsed time (an hour is 60 minutes of the world's clock), while
windows are local wall times. America/New_York springs forward on Sunday 8 March 2026
(02:00 EST -> 03:00 EDT) and falls back on Sunday 1 November 2026 (02:00 EDT -> 01:00 EST);
Europe/Lisbon on Sunday 29 March 2026 (01:00 WET -> 02:00 WEST) and Sunday 25 October 2026
(02:00 WEST -> 01:00 WET)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import duckdb
import pytest

from leadsla.engine.calendar import BusinessCalendar, load_tables
from leadsla.errors import UsageError
from leadsla.sla.models import Calendar

SP = ZoneInfo("America/Sao_Paulo")
NY = ZoneInfo("America/New_York")
LIS = ZoneInfo("Europe/Lisbon")
LUNCH = "09:00-12:00, 13:00-18:00"
H = 3600  # seconds in an hour
M = 60


def make(
    hours: dict[str, str] | None = None,
    zone: str = "America/Sao_Paulo",
    *,
    holidays: dict[str, Any] | None = None,
    overrides: dict[str, str] | None = None,
    first: date = date(2026, 2, 1),
    last: date = date(2027, 1, 31),
) -> BusinessCalendar:
    spec: dict[str, Any] = {"timezone": zone, "hours": hours or {"mon-fri": LUNCH}}
    if holidays is not None:
        spec["holidays"] = holidays
    if overrides is not None:
        spec["overrides"] = overrides
    return BusinessCalendar(Calendar.model_validate(spec), first, last)


def br(hours: dict[str, str] | None = None, **kw: Any) -> BusinessCalendar:
    kw.setdefault("holidays", {"country": "BR"})
    return make(hours, **kw)


def sp(day: int, hour: int, minute: int = 0, month: int = 11) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=SP)


# --- the holiday data the tests rely on -------------------------------------------------------


def test_brazil_november_holidays_are_the_ones_assumed() -> None:
    bc = br(first=date(2026, 11, 1), last=date(2026, 12, 31))
    assert set(bc.holidays) == {
        date(2026, 11, 2),
        date(2026, 11, 15),
        date(2026, 11, 20),
        date(2026, 12, 25),
    }
    assert bc.hours_on(date(2026, 11, 20)) == ()
    assert bc.hours_on(date(2026, 11, 19)) == ((540, 720), (780, 1080))
    assert bc.hours_on(date(2026, 11, 21)) == ()  # a Saturday


# --- opening, closing, effective start --------------------------------------------------------


@pytest.mark.parametrize(
    ("t", "open_"),
    [
        (sp(17, 8, 59), False),
        (sp(17, 9, 0), True),  # a window is open from its start...
        (sp(17, 11, 59), True),
        (sp(17, 12, 0), False),  # ...up to, not including, its close
        (sp(17, 12, 59), False),
        (sp(17, 13, 0), True),
        (sp(17, 17, 59), True),
        (sp(17, 18, 0), False),
        (sp(20, 10, 0), False),  # Consciência Negra
        (sp(21, 10, 0), False),  # Saturday
    ],
)
def test_is_open(t: datetime, open_: bool) -> None:
    assert br().is_open(t) is open_


@pytest.mark.parametrize(
    ("t", "expected"),
    [
        (sp(17, 10, 15), sp(17, 10, 15)),  # inside hours: itself
        (sp(17, 7, 0), sp(17, 9, 0)),  # before opening: that morning
        (sp(17, 12, 0), sp(17, 13, 0)),  # at the lunch close: after lunch
        (sp(17, 12, 30), sp(17, 13, 0)),  # inside the lunch break
        (sp(17, 18, 0), sp(18, 9, 0)),  # exactly at the close: next day (SPEC)
        (sp(17, 18, 30), sp(18, 9, 0)),  # after the close
        (sp(19, 23, 59), sp(23, 9, 0)),  # Thursday night, Friday 20 is a holiday
        (sp(20, 10, 0), sp(23, 9, 0)),  # on the holiday itself
        (sp(21, 10, 0), sp(23, 9, 0)),  # Saturday morning without Saturday hours
        (sp(24, 17, 0, month=12), sp(24, 17, 0, month=12)),  # 24 Dec is not a national holiday
        (sp(25, 9, 0, month=12), sp(28, 9, 0, month=12)),  # Christmas (Friday) -> Monday 28
    ],
)
def test_effective_start(t: datetime, expected: datetime) -> None:
    got = br().effective_start(t)
    assert got == expected
    assert got is not None and got.utcoffset() == timedelta(0)  # UTC inside; same instant


def test_effective_start_accepts_any_zone_for_the_same_instant() -> None:
    # 21:30 UTC on Tuesday 17 Nov = 18:30 in São Paulo: after the close -> Wed 09:00 -03:00.
    assert br().effective_start(datetime(2026, 11, 17, 21, 30, tzinfo=UTC)) == sp(18, 9)


# --- hour targets -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "seconds", "due"),
    [
        # inside the morning window: plain addition
        (sp(17, 9, 30), 2 * H, sp(17, 11, 30)),
        # uses the morning's last minute: falls on 12:00 (the lunch close), not 13:00
        (sp(17, 11, 0), 1 * H, sp(17, 12, 0)),
        # one minute more: 12:00 is reached, 1 minute after lunch
        (sp(17, 11, 0), 1 * H + 1 * M, sp(17, 13, 1)),
        # start inside lunch waits for 13:00: 13:00 + 1h
        (sp(17, 12, 30), 1 * H, sp(17, 14, 0)),
        # 14:00 + 4h: 14-18 is exactly 4h, the deadline stays at the close
        (sp(17, 14, 0), 4 * H, sp(17, 18, 0)),
        # one minute more goes to the next opening + 1 minute
        (sp(17, 14, 0), 4 * H + 1 * M, sp(18, 9, 1)),
        # start after the close: Wed 09:00 + 4h = 09-12 (3h) + 13:00-14:00
        (sp(17, 18, 30), 4 * H, sp(18, 14, 0)),
        # start at exactly 18:00 is outside hours too
        (sp(17, 18, 0), 1 * H, sp(18, 10, 0)),
        # a full day from opening: 8 business hours, 09:00 -> 18:00 the same day
        (sp(17, 9, 0), 8 * H, sp(17, 18, 0)),
        # Thursday 16:00 + 8h: Thu 16-18 (2h), Fri 20 holiday, weekend, Mon 09-12 (5h), 13-16 (8h)
        (sp(19, 16, 0), 8 * H, sp(23, 16, 0)),
        # Thursday 24 Dec 17:00 + 2h: 1h on Thursday, Christmas Friday, weekend, Mon 28 10:00
        (sp(24, 17, 0, month=12), 2 * H, sp(28, 10, 0, month=12)),
        # a holiday start: Mon 23 09:00 + 30m
        (sp(20, 11, 0), 30 * M, sp(23, 9, 30)),
        # 0 seconds: the effective start (a start outside hours waits for the opening)
        (sp(17, 19, 0), 0, sp(18, 9, 0)),
        (sp(17, 10, 0), 0, sp(17, 10, 0)),
    ],
)
def test_add_hours(start: datetime, seconds: int, due: datetime) -> None:
    bc = br()
    assert bc.add(start, seconds) == due
    # the deadline is exactly `seconds` of business time after the start
    assert bc.elapsed(start, due) == seconds


def test_saturday_morning_without_and_with_saturday_hours() -> None:
    sat = sp(14, 10, 0)  # Saturday 14 Nov 2026
    weekdays = br()
    # no Saturday hours: waits for Monday 16 at 09:00; +4h = 09-12 (3h) + 13:00-14:00
    assert weekdays.effective_start(sat) == sp(16, 9)
    assert weekdays.add(sat, 4 * H) == sp(16, 14)
    saturdays = br({"mon-fri": LUNCH, "sat": "09:00-13:00"})
    assert saturdays.is_open(sat)
    assert saturdays.effective_start(sat) == sat
    # 10:00-13:00 is 3h on Saturday, Sunday 15 closed, Monday 09:00 + 1h
    assert saturdays.add(sat, 4 * H) == sp(16, 10)
    # using up Saturday exactly ends at Saturday's close, 13:00
    assert saturdays.add(sat, 3 * H) == sp(14, 13)
    # after Saturday's close (13:00): Monday 09:00
    assert saturdays.effective_start(sp(14, 13, 0)) == sp(16, 9)


def test_hours_target_past_the_table_is_none() -> None:
    bc = br(first=date(2026, 11, 16), last=date(2026, 11, 17))
    # two days of 8h: 16h from Monday 09:00 ends at Tuesday 18:00; one minute more does not fit
    assert bc.add(sp(16, 9), 16 * H) == sp(17, 18)
    assert bc.add(sp(16, 9), 16 * H + M) is None
    assert bc.effective_start(sp(17, 18, 0)) is None


# --- business days ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "days", "due"),
    [
        # 0d = the close of the effective start's day
        (sp(17, 10, 0), 0, sp(17, 18)),
        (sp(17, 7, 0), 0, sp(17, 18)),  # before opening: that day
        (sp(17, 12, 30), 0, sp(17, 18)),  # at lunch: that day
        (sp(17, 17, 59), 0, sp(17, 18)),
        # after the close the effective start is Wednesday 09:00
        (sp(17, 18, 0), 0, sp(18, 18)),
        (sp(17, 18, 30), 0, sp(18, 18)),
        # Nd counts business days after the effective start's day
        (sp(17, 10, 0), 1, sp(18, 18)),
        (sp(17, 10, 0), 2, sp(19, 18)),
        (sp(17, 10, 0), 3, sp(23, 18)),  # Fri 20 (holiday), Sat, Sun skipped
        (sp(17, 18, 30), 2, sp(23, 18)),  # effective Wed 18: Thu 19, then Mon 23
        (sp(20, 10, 0), 0, sp(23, 18)),  # holiday start: effective Mon 23
        (sp(20, 10, 0), 1, sp(24, 18)),
        (sp(21, 10, 0), 2, sp(25, 18)),  # Saturday: effective Mon 23, +2 -> Wed 25
        (sp(23, 17, 0, month=12), 1, sp(24, 18, month=12)),
        (sp(23, 17, 0, month=12), 2, sp(28, 18, month=12)),  # over Christmas
    ],
)
def test_close_after_days(start: datetime, days: int, due: datetime) -> None:
    assert br().close_after_days(start, days) == due


def test_close_after_days_with_saturday_hours() -> None:
    bc = br({"mon-fri": LUNCH, "sat": "09:00-13:00"})
    # Saturday's close is 13:00
    assert bc.close_after_days(sp(14, 10), 0) == sp(14, 13)
    assert bc.close_after_days(sp(13, 10), 1) == sp(14, 13)  # Friday 13 -> Saturday 14
    assert bc.close_after_days(sp(13, 10), 2) == sp(16, 18)  # Sunday 15 closed -> Monday
    # after Saturday's close: effective Monday 16 09:00
    assert bc.close_after_days(sp(14, 13, 0), 0) == sp(16, 18)
    # Saturday 21 is a business day, Friday 20 is not: Thu 19 + 1 -> Sat 21
    assert bc.close_after_days(sp(19, 10), 1) == sp(21, 13)


# --- company days off and worked holidays -----------------------------------------------------


def test_include_and_exclude() -> None:
    bc = br(
        holidays={
            "country": "BR",
            "include": ["2026-11-18"],  # a company day off (Wednesday)
            "exclude": ["2026-11-20"],  # the company works on Consciência Negra
        }
    )
    assert bc.holidays.get(date(2026, 11, 18)) == "company day off"
    assert date(2026, 11, 20) not in bc.holidays
    # Tue 17 17:00 + 2h: Tue 17-18 (1h), Wed 18 off, Thu 09:00 + 1h
    assert bc.add(sp(17, 17), 2 * H) == sp(19, 10)
    # Thu 19 17:00 + 2h: 1h Thursday, Friday 20 is worked: 10:00
    assert bc.add(sp(19, 17), 2 * H) == sp(20, 10)
    assert bc.is_open(sp(20, 10))
    assert not bc.is_open(sp(18, 10))
    assert bc.close_after_days(sp(17, 10), 1) == sp(19, 18)
    # Mon 16 10:00 -> Mon 23 10:00: Mon 7h, Tue 8h, Thu 8h, Fri 8h, Mon 1h = 32h
    assert bc.elapsed(sp(16, 10), sp(23, 10)) == 32 * H


def test_include_without_a_country() -> None:
    bc = make(holidays={"include": ["2026-11-17"]})
    assert bc.holidays == {date(2026, 11, 17): "company day off"}
    # Monday 17:00 + 2h: 1h Monday, Tuesday off, Wednesday 10:00; Friday 20 is worked
    assert bc.add(sp(16, 17), 2 * H) == sp(18, 10)
    assert bc.is_open(sp(20, 10))


def test_overrides() -> None:
    bc = br(overrides={"2026-11-18": "12:00-18:00", "2026-11-19": "", "2026-11-20": "09:00-11:00"})
    # Wednesday opens at noon; Thursday is closed; the holiday Friday opens 09-11
    assert bc.effective_start(sp(18, 9)) == sp(18, 12)
    assert bc.add(sp(17, 17), 7 * H) == sp(18, 18)  # 1h Tue + 12:00-18:00 (6h)
    assert bc.add(sp(17, 17), 9 * H) == sp(20, 11)  # + 09-11 on Friday 20, ends at its close
    assert bc.add(sp(17, 17), 9 * H + M) == sp(23, 9, 1)
    assert bc.close_after_days(sp(18, 15), 1) == sp(20, 11)


def test_no_business_hours_at_all_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="no business hours"):
        make({"mon-fri": ""})


# --- elapsed ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b", "seconds"),
    [
        (sp(17, 10), sp(17, 11, 30), 90 * M),
        (sp(17, 11, 30), sp(17, 13, 30), 60 * M),  # lunch does not count
        (sp(17, 17), sp(18, 10), 2 * H),  # the night does not count
        (sp(13, 17), sp(16, 10), 2 * H),  # Friday 13 to Monday 16: weekend + Sunday holiday
        (sp(19, 17), sp(23, 9, 30), 90 * M),  # over the Friday holiday and the weekend
        (sp(17, 19), sp(18, 8), 0),  # both outside hours
        (sp(17, 18), sp(18, 9), 0),  # close to next opening
        (sp(21, 8), sp(22, 20), 0),  # a whole weekend
        (sp(16, 9), sp(21, 0), 4 * 8 * H),  # Mon-Thu (Friday 20 is a holiday)
        (sp(17, 10), sp(17, 10), 0),
    ],
)
def test_elapsed(a: datetime, b: datetime, seconds: int) -> None:
    bc = br()
    assert bc.elapsed(a, b) == seconds
    assert bc.elapsed(b, a) == -seconds


# --- DST ----------------------------------------------------------------------------------------


def ny(month: int, day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=NY)


def utc(month: int, day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=UTC)


def test_new_york_spring_forward_night_window() -> None:
    bc = make({"sun": "00:00-04:00"}, "America/New_York")
    # 00:00 EST (05:00Z) to 04:00 EDT (08:00Z): three real hours on Sunday 8 March
    assert bc.elapsed(ny(3, 8, 0), ny(3, 8, 4)) == 3 * H
    assert bc.add(ny(3, 8, 0), 3 * H) == utc(3, 8, 8) == ny(3, 8, 4)
    # one minute more: next Sunday 15 March 00:00 EDT (04:00Z) + 1 minute
    assert bc.add(ny(3, 8, 0), 3 * H + M) == utc(3, 15, 4, 1)
    # 01:30 EST (06:30Z) + 1h = 07:30Z = 03:30 EDT (the clock skipped 02:00-03:00)
    assert bc.add(ny(3, 8, 1, 30), H) == utc(3, 8, 7, 30) == ny(3, 8, 3, 30)
    # an ordinary Sunday has 4 hours
    assert bc.elapsed(ny(3, 1, 0), ny(3, 1, 4)) == 4 * H


def test_new_york_window_opening_in_the_skipped_hour() -> None:
    bc = make({"sun": "02:30-05:00"}, "America/New_York")
    # 02:30 does not exist on 8 March: the window opens when the clock jumps, 03:00 EDT (07:00Z)
    assert bc.effective_start(ny(3, 8, 0)) == utc(3, 8, 7)
    # ... and closes at 05:00 EDT (09:00Z): 2 hours
    assert bc.add(ny(3, 8, 0), 2 * H) == utc(3, 8, 9)
    assert bc.close_after_days(ny(3, 8, 0), 0) == utc(3, 8, 9)


def test_new_york_fall_back_night_window() -> None:
    bc = make({"sun": "00:00-04:00"}, "America/New_York")
    # 00:00 EDT (04:00Z) to 04:00 EST (09:00Z): five real hours on Sunday 1 November
    start = ny(11, 1, 0)
    assert start == utc(11, 1, 4)
    assert bc.elapsed(start, ny(11, 1, 4)) == 5 * H
    # + 4h = 08:00Z = 03:00 EST; +5h lands on the close, 04:00 EST
    assert bc.add(start, 4 * H) == utc(11, 1, 8) == ny(11, 1, 3)
    assert bc.add(start, 5 * H) == utc(11, 1, 9)
    # + 1h30m = 05:30Z = 01:30 EDT; + 2h30m = 06:30Z = 01:30 EST (the repeated hour).
    # (Python never finds an instant in a repeated hour equal to one of another zone: compare
    # in UTC and check the local reading separately.)
    first, second = bc.add(start, 90 * M), bc.add(start, 150 * M)
    assert first == utc(11, 1, 5, 30)
    assert second == utc(11, 1, 6, 30)
    assert first is not None and second is not None
    assert first.astimezone(NY).strftime("%H:%M %Z") == "01:30 EDT"
    assert second.astimezone(NY).strftime("%H:%M %Z") == "01:30 EST"
    # 0d on that day is the close
    assert bc.close_after_days(start, 0) == utc(11, 1, 9)


def test_new_york_weekday_hours_across_both_changes() -> None:
    bc = make({"mon-fri": "09:00-17:00"}, "America/New_York")
    # Friday 6 March 16:00 EST (21:00Z) + 2h: 1h Friday, Monday 9 March 09:00 EDT (13:00Z) + 1h
    assert bc.add(ny(3, 6, 16), 2 * H) == ny(3, 9, 10) == utc(3, 9, 14)
    assert bc.elapsed(ny(3, 6, 16), ny(3, 9, 10)) == 2 * H
    # Friday 30 October 16:00 EDT + 2h -> Monday 2 November 10:00 EST (15:00Z)
    assert bc.add(ny(10, 30, 16), 2 * H) == utc(11, 2, 15)
    assert bc.close_after_days(ny(10, 30, 16), 1) == utc(11, 2, 22)  # 17:00 EST


def test_new_york_round_the_clock() -> None:
    bc = make({"mon-sun": "00:00-24:00"}, "America/New_York")
    # Saturday 7 March 23:00 EST (04:00Z) + 3h = 07:00Z = Sunday 03:00 EDT: 4h on the wall clock
    assert bc.add(ny(3, 7, 23), 3 * H) == ny(3, 8, 3) == utc(3, 8, 7)
    # a whole spring-forward Sunday is 23 hours, a fall-back Sunday 25
    assert bc.elapsed(ny(3, 8, 0), ny(3, 9, 0)) == 23 * H
    assert bc.elapsed(ny(11, 1, 0), ny(11, 2, 0)) == 25 * H
    assert bc.close_after_days(ny(3, 8, 10), 0) == ny(3, 9, 0)  # 24:00 = next midnight
    # Saturday 31 Oct 23:00 EDT (03:00Z) + 4h = 07:00Z = 02:00 EST
    assert bc.add(ny(10, 31, 23), 4 * H) == utc(11, 1, 7) == ny(11, 1, 2)


def test_lisbon_spring_forward_and_fall_back() -> None:
    bc = make({"sun": "00:00-03:00"}, "Europe/Lisbon")
    # 29 March: 00:00 WET (00:00Z) to 03:00 WEST (02:00Z): two hours
    assert bc.elapsed(datetime(2026, 3, 29, 0, tzinfo=LIS), utc(3, 29, 2)) == 2 * H
    assert bc.add(datetime(2026, 3, 29, 0, tzinfo=LIS), 2 * H) == utc(3, 29, 2)
    # 00:30 WET (00:30Z) + 1h = 01:30Z = 02:30 WEST
    assert bc.add(datetime(2026, 3, 29, 0, 30, tzinfo=LIS), H) == datetime(
        2026, 3, 29, 2, 30, tzinfo=LIS
    )
    # 25 October: 00:00 WEST (23:00Z on the 24th) to 03:00 WET (03:00Z): four hours
    start = datetime(2026, 10, 25, 0, tzinfo=LIS)
    assert start == datetime(2026, 10, 24, 23, tzinfo=UTC)
    assert bc.elapsed(start, utc(10, 25, 3)) == 4 * H
    assert bc.add(start, 4 * H) == utc(10, 25, 3)
    assert bc.add(start, 4 * H + M) == utc(11, 1, 0, 1)  # next Sunday 00:01 WET


def test_lisbon_office_hours_keep_local_time() -> None:
    bc = make({"mon-fri": "09:00-18:00"}, "Europe/Lisbon")
    # Friday 27 March 17:00 WET (17:00Z) + 2h: 1h Friday, Monday 30 March 09:00 WEST (08:00Z) + 1h
    assert bc.add(datetime(2026, 3, 27, 17, tzinfo=LIS), 2 * H) == utc(3, 30, 9)
    # Friday 23 October 17:00 WEST (16:00Z) + 2h -> Monday 26 October 10:00 WET (10:00Z)
    assert bc.add(datetime(2026, 10, 23, 17, tzinfo=LIS), 2 * H) == utc(10, 26, 10)


def test_sao_paulo_has_no_dst_any_more() -> None:
    # Until 2018 São Paulo sprang forward on the first Sunday of November; not in 2026.
    bc = make({"mon-sun": "00:00-24:00"})
    # Saturday 31 Oct 23:00 -03:00 + 2h = Sunday 1 Nov 01:00 -03:00
    assert bc.add(sp(31, 23, month=10), 2 * H) == sp(1, 1)
    assert bc.elapsed(sp(1, 0), sp(2, 0)) == 24 * H
    assert all(w.seconds == 24 * H for w in bc.windows)
    assert all(w.start.astimezone(SP).utcoffset() == timedelta(hours=-3) for w in bc.windows)


# --- the table for DuckDB ------------------------------------------------------------------------


def test_load_tables_matches_the_python_answers() -> None:
    bc = br(first=date(2026, 11, 16), last=date(2026, 11, 23))
    con = duckdb.connect()
    try:
        load_tables(con, bc)
        wins = con.execute(
            "SELECT epoch(w_start)::BIGINT, epoch(w_end)::BIGINT, before, len, day_idx "
            "FROM _bwin ORDER BY wi"
        ).fetchall()
        days = con.execute(
            "SELECT idx, epoch(close)::BIGINT, close_pos FROM _bday ORDER BY idx"
        ).fetchall()
    finally:
        con.close()
    # Mon 16 to Thu 19 (Fri 20 holiday, weekend) and Mon 23: 5 days of 2 windows each
    assert len(wins) == 10
    assert [d for *_, d in wins] == [0, 0, 1, 1, 2, 2, 3, 3, 4, 4]
    assert [w[3] for w in wins] == [3 * H, 5 * H] * 5
    # business seconds before each window: 0, 3h (the morning), 8h (a day), 11h, 16h...
    assert [w[2] for w in wins] == [(i // 2) * 8 * H + (i % 2) * 3 * H for i in range(10)]
    assert int(sp(16, 9).timestamp()) == wins[0][0]
    assert int(sp(23, 18).timestamp()) == wins[-1][1]
    assert [d[2] for d in days] == [8 * H * (i + 1) for i in range(5)]
    assert [d[1] for d in days] == [int(sp(d, 18).timestamp()) for d in (16, 17, 18, 19, 23)]

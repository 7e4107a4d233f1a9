"""BusinessCalendar against a slow reference that walks business time minute by minute.

The reference knows nothing of windows tables or positions: it takes every real (UTC) minute of
the span, reads the local wall clock with zoneinfo, and asks "is this minute inside one of the
day's windows, on a day that is not a day off?" (SPEC §1 "Calendar", "Durations and clocks",
"Follow-up deadlines"). Business time is then a count of such minutes:
- `add(t, n)` is the end of the n-th business minute from `t` (so a deadline that uses up a
  window's last minute falls on its close); `add(t, 0)` is the effective start;
- `elapsed(a, b)` is the number of business minutes in [a, b);
- `close_after_days(t, n)` is the end of the last business minute of the n-th business day
  after the local day of the effective start.

Random calendars: windows per weekday, overrides, a country's holidays plus random company days
off (`include`) and worked holidays (`exclude`), in zones with and without DST, around their
2026 DST changes. Window edges never fall inside a repeated (fall-back) hour: there the wall
time names two instants, and the SPEC does not say which one a window means."""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import cache
from typing import Any
from zoneinfo import ZoneInfo

import holidays
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from leadsla.engine.calendar import BusinessCalendar
from leadsla.sla.models import Calendar

MINUTE = timedelta(minutes=1)
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
ZONES = {
    "America/Sao_Paulo": "BR",
    "America/New_York": "US",
    "Europe/Lisbon": "PT",
    "UTC": None,
}
# Days around the 2026 DST changes (New York 8 Mar / 1 Nov, Lisbon 29 Mar / 25 Oct), the
# holidays of November and December, and New Year.
BASES = [
    date(2026, 3, 5),
    date(2026, 3, 26),
    date(2026, 10, 22),
    date(2026, 10, 29),
    date(2026, 11, 14),
    date(2026, 12, 21),
    date(2025, 12, 29),
]
CHANGES = [
    ("America/New_York", date(2026, 3, 8)),
    ("America/New_York", date(2026, 11, 1)),
    ("Europe/Lisbon", date(2026, 3, 29)),
    ("Europe/Lisbon", date(2026, 10, 25)),
]
SPAN_DAYS = 15
# Window edges in minutes after midnight: quarter hours, none strictly inside 01:00-02:00 (the
# hour that New York and Lisbon repeat in the autumn).
EDGES = [m for m in range(0, 24 * 60 + 1, 15) if not 60 < m < 120]


def text(windows: list[tuple[int, int]]) -> str:
    return ", ".join(f"{a // 60:02d}:{a % 60:02d}-{b // 60:02d}:{b % 60:02d}" for a, b in windows)


# Edges around the DST changes: 01:00 (repeated in the autumn, skipped in Lisbon's spring),
# 02:00-03:00 (skipped in New York's spring).
NIGHT = [0, 30, 60, 120, 135, 150, 180, 195, 240, 300, 1440]


@st.composite
def windows_st(
    draw: st.DrawFn, max_windows: int = 3, pool: list[int] | None = None
) -> list[tuple[int, int]]:
    pool = pool or draw(st.sampled_from([EDGES, NIGHT]))
    edges = sorted(draw(st.sets(st.sampled_from(pool), max_size=2 * max_windows)))
    if len(edges) % 2:
        edges.pop()
    return [(edges[i], edges[i + 1]) for i in range(0, len(edges), 2)]


@dataclass(frozen=True)
class Case:
    zone: str
    week: tuple[tuple[tuple[int, int], ...], ...]
    country: str | None
    include: tuple[date, ...]
    exclude: tuple[date, ...]
    overrides: dict[date, tuple[tuple[int, int], ...]]
    first: date
    last: date

    def calendar(self) -> Calendar:
        spec: dict[str, Any] = {
            "timezone": self.zone,
            "hours": {DAYS[d]: text(list(ws)) for d, ws in enumerate(self.week)},
            "overrides": {d.isoformat(): text(list(ws)) for d, ws in self.overrides.items()},
        }
        if self.country or self.include or self.exclude:
            spec["holidays"] = {
                "country": self.country,
                "include": [d.isoformat() for d in self.include],
                "exclude": [d.isoformat() for d in self.exclude],
            }
        return Calendar.model_validate(spec)


@st.composite
def cases(draw: st.DrawFn) -> Case:
    if draw(st.booleans()):
        # a DST change in the span, and night windows every day
        zone, change = draw(st.sampled_from(CHANGES))
        base = change - timedelta(days=draw(st.integers(0, 5)))
        pool: list[int] | None = NIGHT
    else:
        zone = draw(st.sampled_from(sorted(ZONES)))
        base = draw(st.sampled_from(BASES)) + timedelta(days=draw(st.integers(0, 6)))
        pool = None
    country = ZONES[zone] if draw(st.booleans()) else None
    first, last = base - timedelta(days=1), base + timedelta(days=SPAN_DAYS - 2)
    span = [first + timedelta(days=i) for i in range((last - first).days + 1)]
    # mostly office-like weeks, sometimes anything
    office = draw(st.booleans())
    if office:
        day = tuple(draw(windows_st(2, pool)))
        workdays = draw(st.sets(st.integers(0, 6), min_size=1, max_size=7))
        week = tuple(day if d in workdays else () for d in range(7))
    else:
        week = tuple(tuple(draw(windows_st(3, pool))) for _ in range(7))
    days = st.sampled_from(span)
    include = tuple(draw(st.lists(days, max_size=3, unique=True)))
    exclude = tuple(draw(st.lists(days, max_size=2, unique=True)))
    if country and draw(st.booleans()):
        # work on one of the country's own holidays
        found = sorted(d for d in country_days(country, first.year, last.year) if d in span)
        if found:
            exclude += (draw(st.sampled_from(found)),)
    overrides = {
        d: tuple(draw(windows_st(2)))
        for d in draw(st.lists(days, max_size=2, unique=True))
        if d not in include  # a day both overridden and a day off: left to the unit tests
    }
    return Case(zone, week, country, include, exclude, overrides, first, last)


@cache
def country_days(country: str, y1: int, y2: int) -> frozenset[date]:
    return frozenset(holidays.country_holidays(country, years=range(y1, y2 + 1)))


class Reference:
    """Every real minute of the span, business or not, by reading the local wall clock."""

    def __init__(self, case: Case) -> None:
        tz = ZoneInfo(case.zone)
        off = set(case.include)
        if case.country:
            off |= country_days(case.country, case.first.year, case.last.year)
        off -= set(case.exclude)

        def windows(day: date) -> tuple[tuple[int, int], ...]:
            if day in case.overrides:
                return case.overrides[day]
            if day in off:
                return ()
            return case.week[day.weekday()]

        self.t0 = datetime.combine(case.first, datetime.min.time(), tz).astimezone(UTC)
        end = datetime.combine(case.last + timedelta(days=1), datetime.min.time(), tz)
        n = int((end.astimezone(UTC) - self.t0) / MINUTE)
        self.n = n
        self.day: list[date] = []
        self.biz: list[bool] = []
        for i in range(n):
            local = (self.t0 + i * MINUTE).astimezone(tz)
            wall = local.hour * 60 + local.minute
            self.day.append(local.date())
            self.biz.append(any(a <= wall < b for a, b in windows(local.date())))
        self.cum = [0]
        for b in self.biz:
            self.cum.append(self.cum[-1] + b)
        self.business_days = sorted({d for d, b in zip(self.day, self.biz, strict=True) if b})
        # minutes where business time starts or stops: where the edge cases are
        self.edges = [i for i in range(1, n) if self.biz[i] != self.biz[i - 1]]
        self.closes = [i for i in self.edges if self.biz[i - 1]] + ([n] if self.biz[-1] else [])

    def at(self, i: int) -> datetime:
        return self.t0 + i * MINUTE

    def index(self, t: datetime) -> int:
        return int((t - self.t0) / MINUTE)

    def effective_start(self, i: int) -> int | None:
        return next((j for j in range(i, self.n) if self.biz[j]), None)

    def add(self, i: int, minutes: int) -> datetime | None:
        if minutes == 0:
            j = self.effective_start(i)
            return None if j is None else self.at(j)
        # the first minute j with `minutes` business minutes in [i, j]
        j = bisect.bisect_left(self.cum, self.cum[i] + minutes) - 1
        return self.at(j + 1) if j < self.n and self.cum[j + 1] - self.cum[i] == minutes else None

    def elapsed(self, i: int, j: int) -> int:
        return sum(self.biz[i:j]) if i <= j else -sum(self.biz[j:i])

    def close_after_days(self, i: int, days: int) -> datetime | None:
        j = self.effective_start(i)
        if j is None:
            return None
        k = self.business_days.index(self.day[j]) + days
        if k >= len(self.business_days):
            return None
        target = self.business_days[k]
        last = max(m for m in range(self.n) if self.biz[m] and self.day[m] == target)
        return self.at(last + 1)


SETTINGS = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@SETTINGS
@given(case=cases(), data=st.data())
def test_calendar_agrees_with_the_minute_walk(case: Case, data: st.DataObject) -> None:
    if not any(case.week) and not any(case.overrides.values()):
        return  # a calendar with no hours at all is refused; the unit tests cover that
    ref = Reference(case)
    bc = BusinessCalendar(case.calendar(), case.first, case.last)

    # the same windows: every minute's openness agrees
    around = st.sampled_from(ref.edges or [0]).flatmap(
        lambda e: st.integers(max(0, e - 1), min(ref.n - 1, e))
    )
    probes = st.lists(st.one_of(st.integers(0, ref.n - 1), around), min_size=5, max_size=20)
    for i in data.draw(probes, label="probes"):
        assert bc.is_open(ref.at(i)) is ref.biz[i], ref.at(i).astimezone(ZoneInfo(case.zone))
    assert bc.total == ref.cum[-1] * 60

    limit = ref.n * 3 // 5
    near_edge = st.sampled_from([e for e in ref.edges if e < limit] or [0]).flatmap(
        lambda e: st.integers(max(0, e - 2), min(limit, e + 2))
    )
    start = data.draw(st.one_of(st.integers(0, limit), near_edge), label="start minute")
    t = ref.at(start)
    local = t.astimezone(ZoneInfo(case.zone))
    j = ref.effective_start(start)
    assert bc.effective_start(t) == (None if j is None else ref.at(j)), local

    # sometimes exactly up to a later close (the deadline must stay on the close), or one more
    to_close = [ref.cum[k] - ref.cum[start] for k in ref.closes if ref.cum[k] > ref.cum[start]]
    exact = st.sampled_from(to_close[:8] or [0]).flatmap(lambda m: st.sampled_from([m, m + 1]))
    minutes = data.draw(
        st.one_of(
            st.integers(0, 240),
            st.integers(0, 6000),
            st.sampled_from([0, 1, 60, 480]),
            exact,
        ),
        label="minutes",
    )
    due = bc.add(t, minutes * 60)
    assert due == ref.add(start, minutes), (local, minutes)
    if due is not None:
        assert bc.elapsed(t, due) == minutes * 60

    other = data.draw(st.integers(0, ref.n), label="other minute")
    assert bc.elapsed(t, ref.at(other)) == ref.elapsed(start, other) * 60, (local, other)

    days = data.draw(st.integers(0, 6), label="days")
    assert bc.close_after_days(t, days) == ref.close_after_days(start, days), (local, days)

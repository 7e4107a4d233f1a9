"""Goal periods (SPEC §1 "Goals"): weeks (Monday first), months, quarters in the calendar's zone."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

DEFAULT_COUNT = 8


@dataclass(frozen=True)
class Period:
    first: date
    """Local date the period starts."""
    next_first: date
    """Local date the next period starts."""
    start: datetime
    end: datetime
    label: str

    def contains(self, t: datetime) -> bool:
        return self.start <= t < self.end


def period_start(day: date, kind: str) -> date:
    if kind == "week":
        return day - timedelta(days=day.weekday())
    if kind == "month":
        return day.replace(day=1)
    return date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


def next_start(first: date, kind: str) -> date:
    if kind == "week":
        return first + timedelta(days=7)
    months = 1 if kind == "month" else 3
    year, month = divmod(first.month - 1 + months, 12)
    return date(first.year + year, month + 1, 1)


def label(first: date, kind: str) -> str:
    if kind == "week":
        iso = first.isocalendar()
        return f"{iso.year}-W{iso.week:02d}"
    if kind == "month":
        return f"{first.year}-{first.month:02d}"
    return f"{first.year}-Q{(first.month - 1) // 3 + 1}"


def make(first: date, kind: str, tz: ZoneInfo) -> Period:
    nxt = next_start(first, kind)
    return Period(
        first,
        nxt,
        datetime.combine(first, time(0), tz),
        datetime.combine(nxt, time(0), tz),
        label(first, kind),
    )


def periods(
    kind: str,
    as_of: datetime,
    zone: str,
    start: date | None = None,
    end: date | None = None,
    effective: date | None = None,
) -> list[Period]:
    """Periods overlapping [start, end] (default: the 8 up to the one holding as-of), dropping
    those that end before `effective` and those that start after as-of."""
    tz = ZoneInfo(zone)
    today = as_of.astimezone(tz).date()
    last_first = period_start(min(end, today) if end else today, kind)
    if start is None:
        first = last_first
        for _ in range(DEFAULT_COUNT - 1):
            first = period_start(first - timedelta(days=1), kind)
    else:
        first = period_start(start, kind)
    out = []
    current = first
    while current <= last_first:
        p = make(current, kind, tz)
        if effective is None or p.next_first > effective:
            out.append(p)
        current = p.next_first
    return out

"""Business time (SPEC §1 "Durations and clocks", §4): windows with cumulative business seconds.

Each business window (a day's `09:00-12:00`, say) becomes a pair of UTC instants, and the
windows are numbered with the business seconds before them. Business time between two instants
is then a difference of positions, and a deadline is the instant where a position is reached:
a lookup in a sorted table, never a minute-by-minute walk. The same table goes to DuckDB for
the bulk work (as-of joins); this module also answers single questions in Python."""

from __future__ import annotations

import bisect
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import cached_property
from zoneinfo import ZoneInfo

from leadsla.data.db import Connection, run
from leadsla.errors import UsageError
from leadsla.messages import say
from leadsla.sla.models import Calendar, parse_windows

MAX_SPAN_DAYS = 366 * 40
EARLIEST, LATEST = date(1800, 1, 1), date(2100, 12, 31)
"""Business windows are built within these days: as-of times and data lie in 1900-2099
(sla/asof.py); periods, deadlines and margins reach a little beyond, and no further than the
holidays are known. Python's dates would overflow a day's step past 9999-12-31."""
COMPANY_DAY_OFF = "company day off"


@dataclass(frozen=True)
class Window:
    start: datetime
    """UTC."""
    end: datetime
    day: date
    """The local date the window belongs to."""
    before: int
    """Business seconds in all earlier windows of the table."""

    @property
    def seconds(self) -> int:
        return int((self.end - self.start).total_seconds())


def local_to_utc(day: date, minutes: int, tz: ZoneInfo) -> datetime:
    """The UTC instant of a local wall time. A wall time skipped by a DST jump maps to the
    jump itself (the first instant that exists after it); a repeated one to its first pass."""
    if minutes >= 24 * 60:
        day, minutes = day + timedelta(days=1), minutes - 24 * 60
    wall = datetime.combine(day, time(minutes // 60, minutes % 60))
    first = wall.replace(tzinfo=tz, fold=0).astimezone(UTC)
    if first.astimezone(tz).replace(tzinfo=None) == wall:
        return first
    # In a gap: fold=1 gives an earlier instant; walk forward to where the clock passes `wall`.
    probe = wall.replace(tzinfo=tz, fold=1).astimezone(UTC)
    while probe.astimezone(tz).replace(tzinfo=None) < wall:
        probe += timedelta(minutes=1)
    return probe


def days_off(
    cal: Calendar, first: date, last: date, language: str | None = None
) -> dict[date, str | None]:
    """Days off between two dates with their names: the country's (and subdivision's)
    holidays from the `holidays` package, named in `language` (None: the country's default
    language), plus `include` (None for a company day off the SLA does not name), minus
    `exclude`. A named company day off on a holiday takes the company's name."""
    out: dict[date, str | None] = {}
    spec = cal.holidays
    if spec is None:
        return out
    if spec.country:
        from leadsla.sla.holiday_registry import holiday_days

        found = holiday_days(
            spec.country.upper(),
            spec.subdivision.upper() if spec.subdivision else None,
            tuple(spec.categories),
            range(first.year, last.year + 1),
            language,
        )
        for day, name in sorted(found.items()):
            if first <= day <= last:
                out[day] = str(name)
    for day, own in spec.days_off().items():
        if first <= day <= last and (own is not None or day not in out):
            out[day] = own
    for day in spec.exclude:
        out.pop(day, None)
    return dict(sorted(out.items()))


def holiday_names(cal: Calendar, first: date, last: date) -> dict[date, str]:
    """`days_off` in the country's default language, an unnamed company day off as
    `company day off`: what the JSON says, whatever the locale."""
    return {d: n or COMPANY_DAY_OFF for d, n in days_off(cal, first, last).items()}


def holidays_version() -> str:
    from leadsla.sla.pkgversion import package_version

    return package_version("holidays") or "unknown"


class BusinessCalendar:
    """The calendar's business windows from `first` to `last` (local dates, inclusive)."""

    def __init__(self, cal: Calendar, first: date, last: date) -> None:
        if first < EARLIEST or last > LATEST:
            raise UsageError(
                say(
                    "business time from {first} to {last} is out of reach: it is computed from"
                    " {earliest} to {latest} (the `holidays` package's rules end in {year})",
                    first=str(first),
                    last=str(last),
                    earliest=str(EARLIEST),
                    latest=str(LATEST),
                    year=LATEST.year,
                )
            )
        if (last - first).days > MAX_SPAN_DAYS:
            raise UsageError(
                say(
                    "the data spans {first} to {last}; business time covers at most {years}"
                    " years (look for mistyped years in the export)",
                    first=str(first),
                    last=str(last),
                    years=MAX_SPAN_DAYS // 366,
                )
            )
        self.cal = cal
        self.zone = ZoneInfo(cal.timezone)
        self.first, self.last = first, last
        self.week = cal.week()
        if not any(self.week.values()) and not any(
            parse_windows(v) for v in cal.overrides.values()
        ):
            raise UsageError(say("the calendar has no business hours at all (calendar.hours)"))
        self.holidays = holiday_names(cal, first, last)
        self.windows: list[Window] = []
        before = 0
        day = first
        while day <= last:
            for start, end in self.hours_on(day):
                w_start, w_end = (
                    local_to_utc(day, start, self.zone),
                    local_to_utc(day, end, self.zone),
                )
                if w_end > w_start:
                    w = Window(w_start, w_end, day, before)
                    self.windows.append(w)
                    before += w.seconds
            day += timedelta(days=1)
        self._starts = [w.start for w in self.windows]
        self._befores = [w.before for w in self.windows]

    def hours_on(self, day: date) -> tuple[tuple[int, int], ...]:
        """A date's windows in local minutes: its override, else none on a day off, else the weekday's."""
        if day in self.cal.overrides:
            return parse_windows(self.cal.overrides[day])
        if day in self.holidays:
            return ()
        return self.week[day.weekday()]

    @cached_property
    def business_days(self) -> list[date]:
        return sorted({w.day for w in self.windows})

    @cached_property
    def _day_index(self) -> dict[date, int]:
        return {d: i for i, d in enumerate(self.business_days)}

    @cached_property
    def closes(self) -> dict[date, datetime]:
        out: dict[date, datetime] = {}
        for w in self.windows:
            out[w.day] = max(out.get(w.day, w.end), w.end)
        return out

    def days_per_month(self) -> Counter[tuple[int, int]]:
        return Counter((d.year, d.month) for d in self.business_days)

    @property
    def total(self) -> int:
        return self.windows[-1].before + self.windows[-1].seconds if self.windows else 0

    def covers(self, t: datetime) -> bool:
        return bool(self.windows) and self.windows[0].start <= t <= self.windows[-1].end

    # -- positions ------------------------------------------------------------------------------

    def position(self, t: datetime) -> int:
        """Business seconds from the start of the table up to `t`."""
        i = bisect.bisect_right(self._starts, t) - 1
        if i < 0:
            return 0
        w = self.windows[i]
        return w.before + min(int((t - w.start).total_seconds()), w.seconds)

    def instant(self, position: int, *, closing: bool) -> datetime | None:
        """Where a position is reached. `closing`: a position that ends a window falls on that
        window's close (a deadline); otherwise on the next opening (a start)."""
        if closing:
            i = bisect.bisect_left(self._befores, position) - 1
        else:
            i = bisect.bisect_right(self._befores, position) - 1
        if i < 0:
            return None
        w = self.windows[i]
        offset = position - w.before
        if offset > w.seconds or (not closing and offset == w.seconds):
            return None
        return w.start + timedelta(seconds=offset)

    def effective_start(self, t: datetime) -> datetime | None:
        """`t` itself inside business hours, else the next opening."""
        return self.instant(self.position(t), closing=False)

    def elapsed(self, a: datetime, b: datetime) -> int:
        """Business seconds from `a` to `b` (negative when `b` is earlier)."""
        return self.position(b) - self.position(a)

    def add(self, t: datetime, seconds: int) -> datetime | None:
        """The deadline `seconds` of business time after `t` (None past the table's end)."""
        if seconds <= 0:
            return self.effective_start(t)
        return self.instant(self.position(t) + seconds, closing=True)

    def close_after_days(self, t: datetime, days: int) -> datetime | None:
        """`Nd`: the close of the Nth business day after the day of the effective start."""
        start = self.effective_start(t)
        if start is None:
            return None
        local_day = self._window_day(start)
        index = self._day_index[local_day] + days
        if index >= len(self.business_days):
            return None
        return self.closes[self.business_days[index]]

    def _window_day(self, t: datetime) -> date:
        i = bisect.bisect_right(self._starts, t) - 1
        return self.windows[i].day

    def is_open(self, t: datetime) -> bool:
        i = bisect.bisect_right(self._starts, t) - 1
        return i >= 0 and t < self.windows[i].end


WINDOWS_TABLE = "_bwin"
DAYS_TABLE = "_bday"


def load_tables(con: Connection, bc: BusinessCalendar) -> None:
    """`_bwin(w_start, w_end, before, len, day_idx, wi)` and `_bday(idx, close, close_pos)` in DuckDB."""
    index = {d: i for i, d in enumerate(bc.business_days)}
    ws = bc.windows
    run(
        con,
        f"""CREATE OR REPLACE TEMP TABLE {WINDOWS_TABLE} AS
            SELECT unnest(?::TIMESTAMPTZ[]) AS w_start, unnest(?::TIMESTAMPTZ[]) AS w_end,
                   unnest(?::BIGINT[]) AS before, unnest(?::BIGINT[]) AS len, unnest(?::INTEGER[]) AS day_idx,
                   unnest(range(?)) AS wi""",
        [
            [w.start for w in ws],
            [w.end for w in ws],
            [w.before for w in ws],
            [w.seconds for w in ws],
            [index[w.day] for w in ws],
            len(ws),
        ],
    )
    closes = [bc.closes[d] for d in bc.business_days]
    last_pos: dict[date, int] = {}
    for w in ws:
        last_pos[w.day] = w.before + w.seconds
    run(
        con,
        f"""CREATE OR REPLACE TEMP TABLE {DAYS_TABLE} AS
            SELECT unnest(?::INTEGER[]) AS idx, unnest(?::TIMESTAMPTZ[]) AS close, unnest(?::BIGINT[]) AS close_pos""",
        [list(range(len(bc.business_days))), closes, [last_pos[d] for d in bc.business_days]],
    )

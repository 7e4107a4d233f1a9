"""The as-of time: `--as-of` (ISO 8601) or now, always timezone-aware; and the dates leadsla
computes with (1900 to 2099)."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

from leadsla.errors import UsageError
from leadsla.messages import say

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# Only the forms SPEC §2 documents: Python would also take `20261120` (as midnight, where a
# bare date means the end of the day) and `2026-W47`, which a cron line should not guess at.
_TIME = re.compile(
    r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?\s?([Zz]|[+-]\d{2}(:?\d{2})?)?$"
)

FIRST_DAY = date(1900, 1, 1)
LAST_DAY = date(2099, 12, 31)
"""The dates leadsla computes with: as-of times, the SLA's dates, and the timestamps it reads
(others are unreadable cells). Python's dates end in 9999 and the `holidays` package's rules
in 2100; deadlines, periods and week-long margins around them must stay inside both. A date
outside this range in a lead export is a placeholder (0001-01-01 is .NET's empty date,
1899-12-30 Excel's day zero, 9999-12-31 "never") or a typo."""
# i18n: the range of dates leadsla computes with, "1900-01-01 to 2099-12-31"
SUPPORTED = say("{first} to {last}", first=FIRST_DAY.isoformat(), last=LAST_DAY.isoformat())
"""English as a string; in the reader's words where stderr shows a message holding it."""


def outside(day: date) -> bool:
    return not FIRST_DAY <= day <= LAST_DAY


def parse_as_of(text: str | None, zone: str) -> datetime:
    """Without an offset the time is in `zone`; a bare date means the end of that day."""
    tz = ZoneInfo(zone)
    if text is None:
        return datetime.now(UTC).astimezone(tz)
    raw = text.strip()
    try:
        if _DATE.match(raw):
            day = datetime.fromisoformat(raw).date()
            _check_range(day, text)
            return datetime.combine(day, time.max, tz)
        if not _TIME.match(raw):
            raise ValueError(raw)
        value = datetime.fromisoformat(raw.replace("z", "Z").replace(" Z", "Z"))
    except ValueError:
        raise UsageError(
            say(
                "--as-of `{text}` is not an ISO 8601 date or time (e.g. 2026-11-20,"
                " 2026-11-20T12:00, 2026-11-20T12:00:00-03:00)",
                text=text,
            )
        ) from None
    # before converting: 0001-01-01T00:00+05:00 is in the year 0 in UTC, which Python lacks
    _check_range(value.date(), text)
    if value.tzinfo is None:
        value = value.replace(tzinfo=tz)
    return value.astimezone(tz)


def _check_range(day: date, text: str) -> None:
    if outside(day):
        raise UsageError(
            say(
                "--as-of `{text}` is outside the dates leadsla computes with ({supported})",
                text=text,
                supported=SUPPORTED,
            )
        )

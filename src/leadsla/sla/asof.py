"""The as-of time: `--as-of` (ISO 8601) or now, always timezone-aware."""

from __future__ import annotations

import re
from datetime import UTC, datetime, time
from zoneinfo import ZoneInfo

from leadsla.errors import UsageError

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# Only the forms SPEC §2 documents: Python would also take `20261120` (as midnight, where a
# bare date means the end of the day) and `2026-W47`, which a cron line should not guess at.
_TIME = re.compile(
    r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?\s?([Zz]|[+-]\d{2}(:?\d{2})?)?$"
)


def parse_as_of(text: str | None, zone: str) -> datetime:
    """Without an offset the time is in `zone`; a bare date means the end of that day."""
    tz = ZoneInfo(zone)
    if text is None:
        return datetime.now(UTC).astimezone(tz)
    raw = text.strip()
    try:
        if _DATE.match(raw):
            day = datetime.fromisoformat(raw).date()
            return datetime.combine(day, time.max, tz)
        if not _TIME.match(raw):
            raise ValueError(raw)
        value = datetime.fromisoformat(raw.replace("z", "Z").replace(" Z", "Z"))
    except ValueError:
        raise UsageError(
            f"--as-of `{text}` is not an ISO 8601 date or time "
            "(e.g. 2026-11-20, 2026-11-20T12:00, 2026-11-20T12:00:00-03:00)"
        ) from None
    if value.tzinfo is None:
        value = value.replace(tzinfo=tz)
    return value.astimezone(tz)

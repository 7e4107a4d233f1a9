"""BusinessCalendar.add against pandas' CustomBusinessHour, an independent implementation of
business hours, for calendars pandas can express: one window a day on chosen weekdays, company
days off, in UTC (pandas' business hours know nothing of DST). Whole business hours only:
pandas offsets count `n` hours."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from leadsla.engine.calendar import BusinessCalendar
from leadsla.sla.models import Calendar

pd = pytest.importorskip("pandas")

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
FIRST = date(2026, 11, 2)


@settings(max_examples=100, deadline=None)
@given(
    open_hour=st.integers(0, 12),
    length=st.integers(1, 11),
    workdays=st.sets(st.integers(0, 6), min_size=1),
    off=st.lists(st.integers(0, 30), max_size=4, unique=True),
    start_minute=st.integers(0, 14 * 24 * 60),
    hours=st.integers(1, 40),
)
def test_add_agrees_with_pandas(
    open_hour: int, length: int, workdays: set[int], off: list[int], start_minute: int, hours: int
) -> None:
    window = f"{open_hour:02d}:00-{open_hour + length:02d}:00"
    days_off = [FIRST + timedelta(days=d) for d in off]
    cal = Calendar.model_validate(
        {
            "timezone": "UTC",
            "hours": {DAYS[d]: window for d in sorted(workdays)},
            "holidays": {"include": [d.isoformat() for d in days_off]},
        }
    )
    bc = BusinessCalendar(cal, FIRST, FIRST + timedelta(days=400))
    start = datetime.combine(FIRST, datetime.min.time(), UTC) + timedelta(minutes=start_minute)
    offset = pd.offsets.CustomBusinessHour(
        n=hours,
        start=f"{open_hour:02d}:00",
        end=f"{open_hour + length:02d}:00",
        weekmask=" ".join(DAYS[d].capitalize() for d in sorted(workdays)),
        holidays=days_off,
    )
    expected = (pd.Timestamp(start.replace(tzinfo=None)) + offset).to_pydatetime()
    expected = expected.replace(tzinfo=UTC)
    due = bc.add(start, hours * 3600)
    assert due is not None
    if due != expected:
        # pandas puts a deadline that uses up a window's last minute on the next opening; the
        # SPEC keeps it on the close. Then the two are the same business position: the close
        # of the previous business day, and the opening after it.
        assert not bc.is_open(due), (start, window, due, expected)
        assert bc.is_open(expected), (start, window, due, expected)
        assert bc.elapsed(due, expected) == 0, (start, window, due, expected)
        assert due.time() == time(open_hour + length)  # at most 12 + 11 = 23:00
        assert expected.time() == time(open_hour)
        assert due < expected

"""`leadsla calendar`: the business hours, holidays and business days the deadlines use."""

from __future__ import annotations

from datetime import date, timedelta

from leadsla import i18n
from leadsla.commands.common import as_of_for, load_for_command, option_day, require
from leadsla.engine.calendar import BusinessCalendar, days_off, holidays_version
from leadsla.errors import UsageError
from leadsla.messages import say
from leadsla.results import CalendarResult, MonthDays

DAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def _day(text: str | None, option: str, default: date) -> date:
    return default if text is None else option_day(text, option)


def run_calendar(
    sla_option: str | None, as_of_text: str | None, start: str | None, end: str | None
) -> CalendarResult:
    loaded = load_for_command(sla_option)
    require(loaded, "calendar", "calendar")
    cal = loaded.sla.calendar
    assert cal is not None
    as_of = as_of_for(loaded, as_of_text)
    first = _day(start, "--from", date(as_of.year, 1, 1))
    last = _day(end, "--to", date(first.year, 12, 31) if start else date(as_of.year, 12, 31))
    if last < first:
        raise UsageError(
            say("--to {last} is before --from {first}", last=str(last), first=str(first))
        )
    bc = BusinessCalendar(cal, first, last)
    week = bc.week
    hours = {
        DAY_NAMES[d]: ", ".join(
            f"{s // 60:02d}:{s % 60:02d}-{e // 60:02d}:{e % 60:02d}" for s, e in week[d]
        )
        for d in range(7)
    }
    seconds: dict[str, int] = {}
    for w in bc.windows:
        key = f"{w.day.year:04d}-{w.day.month:02d}"
        seconds[key] = seconds.get(key, 0) + w.seconds
    days = bc.days_per_month()
    months = []
    month = date(first.year, first.month, 1)
    while month <= last:
        key = f"{month.year:04d}-{month.month:02d}"
        months.append(
            MonthDays(key, days.get((month.year, month.month), 0), seconds.get(key, 0) / 3600)
        )
        month = (month + timedelta(days=32)).replace(day=1)
    spec = cal.holidays
    # The names for people in the locale's language where the country has it; the JSON's in
    # the country's default language, as every locale gets them.
    language = None
    if spec is not None and spec.country:
        from leadsla.sla.holiday_registry import holiday_language

        language = holiday_language(spec.country.upper(), i18n.active())
    shown = days_off(cal, first, last, language)
    return CalendarResult(
        as_of=as_of,
        sla_name=loaded.sla.name,
        timezone=cal.timezone,
        holidays_version=holidays_version(),
        country=spec.country if spec else None,
        subdivision=spec.subdivision if spec else None,
        start=first,
        end=last,
        hours=hours,
        overrides={d: t for d, t in sorted(cal.overrides.items()) if first <= d <= last},
        holidays=sorted(bc.holidays.items()),
        months=months,
        shown_holidays=sorted(shown.items()),
    )

"""`calendar` results: hours, holidays with names, business days per month."""

from __future__ import annotations

from datetime import date

from rich.text import Text

from leadsla.i18n import _, fmt_date, fmt_int, fmt_month, fmt_number, fmt_weekday, pgettext
from leadsla.render import console
from leadsla.render.console import to_text
from leadsla.render.fitting import Col, fit
from leadsla.render.jsonout import dumps, header
from leadsla.results import CalendarResult

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def json_doc(result: CalendarResult) -> str:
    doc = header(result.as_of, result.holidays_version)
    doc.update(
        {
            "timezone": result.timezone,
            "country": result.country,
            "subdivision": result.subdivision,
            "from": result.start.isoformat(),
            "to": result.end.isoformat(),
            "hours": result.hours,
            "overrides": {d.isoformat(): t for d, t in result.overrides.items()},
            "holidays": [{"date": d.isoformat(), "name": n} for d, n in result.holidays],
            "months": [
                {
                    "month": m.month,
                    "business_days": m.business_days,
                    "business_hours": m.business_hours,
                }
                for m in result.months
            ],
        }
    )
    return dumps(doc)


def _day(d: date) -> str:
    return f"{fmt_date(d)} ({fmt_weekday(d)})"


def _weekday(key: str) -> str:
    """`mon`... as the locale writes the weekday (2024-01-01 was a Monday)."""
    return fmt_weekday(date(2024, 1, 1 + DAYS.index(key))) if key in DAYS else key


def table(result: CalendarResult, color: bool, cols: int | None = None) -> str:
    width = cols or console.width()
    where = ", ".join(x for x in (result.country, result.subdivision) if x) or _("no country")
    title = Text(
        _(
            "{sla}: business calendar, {zone} ({where}; holidays {version}), {start} to {end}"
        ).format(
            sla=result.sla_name,
            zone=result.timezone,
            where=where,
            version=result.holidays_version,
            start=fmt_date(result.start),
            end=fmt_date(result.end),
        ),
        style="bold" if color else "",
    )
    parts: list[object] = [title]
    hours = [
        # i18n: a weekday, the column of business hours per weekday
        Col(_("day"), [_weekday(d) for d in result.hours], whole=True),
        # i18n: business hours of a day, e.g. "09:00-12:00, 13:00-18:00"
        Col(_("windows"), [w or _("closed") for w in result.hours.values()], floor=12),
    ]
    parts.append(fit(hours, width, _("Hours")).renderable)
    if result.overrides:
        ov = [
            Col(_("date"), [_day(d) for d in result.overrides], whole=True),
            Col(_("windows"), [t or _("closed") for t in result.overrides.values()], floor=12),
        ]
        parts.append(fit(ov, width, _("Days with their own hours")).renderable)
    days = result.shown_holidays or [(d, n) for d, n in result.holidays]
    off = [
        Col(_("date"), [_day(d) for d, _n in days], whole=True),
        Col(_("name"), [n or _("company day off") for _d, n in days], floor=16),
    ]
    title_off = _("Days off ({n})").format(n=fmt_int(len(days)))
    parts.append(fit(off, width, title_off).renderable)
    months = [
        Col(
            pgettext("column", "month"),
            [fmt_month(_first_day(m.month)) for m in result.months],
            whole=True,
        ),
        Col(
            _("business days"),
            [fmt_int(m.business_days) for m in result.months],
            justify="right",
        ),
        Col(
            _("business hours"),
            [fmt_number(m.business_hours, 2) for m in result.months],
            justify="right",
        ),
    ]
    parts.append(fit(months, width, _("Business days per month")).renderable)
    return to_text(*parts, color=color, cols=width)


def _first_day(month: str) -> date:
    year, number = month.split("-")
    return date(int(year), int(number), 1)

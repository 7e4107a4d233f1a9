"""`calendar` results: hours, holidays with names, business days per month."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text

from leadsla.render.console import to_text
from leadsla.render.jsonout import dumps, header
from leadsla.results import CalendarResult


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


def table(result: CalendarResult, color: bool) -> str:
    where = ", ".join(x for x in (result.country, result.subdivision) if x) or "no country"
    title = Text(
        f"{result.sla_name}: business calendar, {result.timezone} ({where}; holidays {result.holidays_version}), "
        f"{result.start} to {result.end}",
        style="bold" if color else "",
    )
    hours = Table(title="Hours", title_justify="left")
    hours.add_column("day")
    hours.add_column("windows")
    for day, windows in result.hours.items():
        hours.add_row(day, windows or "closed")
    parts: list[object] = [title, hours]
    if result.overrides:
        ov = Table(title="Days with their own hours", title_justify="left")
        ov.add_column("date")
        ov.add_column("windows")
        for d, t in result.overrides.items():
            ov.add_row(f"{d} {d:%a}", t or "closed")
        parts.append(ov)
    hol = Table(title=f"Days off ({len(result.holidays)})", title_justify="left")
    hol.add_column("date")
    hol.add_column("name")
    for d, name in result.holidays:
        hol.add_row(f"{d} {d:%a}", name)
    parts.append(hol)
    months = Table(title="Business days per month", title_justify="left")
    months.add_column("month")
    months.add_column("business days", justify="right")
    months.add_column("business hours", justify="right")
    for m in result.months:
        months.add_row(m.month, str(m.business_days), f"{m.business_hours:g}")
    parts.append(months)
    return to_text(*parts, color=color)

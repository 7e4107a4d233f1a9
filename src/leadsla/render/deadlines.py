"""`check-deadlines` results: rich tables, JSON (SPEC §3), CSV, Markdown."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import Any

from rich.table import Table
from rich.text import Text

from leadsla.render.console import pct, to_text
from leadsla.render.escape import Md
from leadsla.render.escape import markdown as md
from leadsla.render.escape import row as md_row
from leadsla.render.jsonout import fields_json, header, iso, slot, stream
from leadsla.render.registry import TABLE_ITEMS
from leadsla.results import ITEM_COLUMNS, STATUSES, DeadlineItem, DeadlinesResult, StatusCounts

STATUS_STYLE = {
    "breached": "bold red",
    "at_risk": "yellow",
    "on_track": "cyan",
    "met_late": "magenta",
    "met": "green",
}
MAX_TABLE_ITEMS = TABLE_ITEMS


def duration(minutes: float | None) -> str:
    """`1h05m`, `30h`: hours and minutes only, since on the business clock a day is not 24 hours."""
    if minutes is None:
        return "–"
    h, m = divmod(round(minutes), 60)
    if h:
        return f"{h}h{m:02d}m" if m else f"{h}h"
    return f"{m}m"


def when(t: datetime | None) -> str:
    return t.strftime("%a %d/%m %H:%M") if t else "–"


def _summary_json(s: StatusCounts, key: str) -> dict[str, Any]:
    out: dict[str, Any] = {key: s.key}
    if key == "id":
        out["name"] = s.name
        out["team"] = s.team
    out["counts"] = s.counts
    out["compliance"] = s.compliance
    return out


def json_doc(result: DeadlinesResult) -> Iterator[str]:
    """SPEC §3's document; the items stream from the engine, one compact object per line."""
    doc = header(result.as_of, result.holidays_version)
    doc["summary"] = {
        "counts": result.counts,
        "fail_on": result.fail_on,
        "failing": result.failing,
        "fields": fields_json(result.rows),
    }
    doc["rules"] = [_summary_json(s, "id") for s in result.rules]
    doc["owners"] = [_summary_json(s, "owner") for s in result.owners]
    doc["teams"] = [_summary_json(s, "team") for s in result.teams]
    doc["items"] = slot(0)
    return stream(doc, [result.items.json_lines()])


def csv_doc(result: DeadlinesResult) -> Iterator[str]:
    """Every item: the cells escaped and quoted by the engine (csvsafe.py's rules)."""
    yield ",".join(ITEM_COLUMNS) + "\n"
    for page in result.items.csv_lines():
        yield "\n".join(page) + "\n"


def item_json(i: DeadlineItem) -> dict[str, Any]:
    """One item as the JSON of `explain` lists it (the keys of ITEM_COLUMNS)."""
    return {
        k: iso(getattr(i, k)) if k in ("start", "due", "stopped") else getattr(i, k)
        for k in ITEM_COLUMNS
    }


def _shown(result: DeadlinesResult) -> list[DeadlineItem]:
    return [DeadlineItem.from_row(r) for r in result.items.head(MAX_TABLE_ITEMS)]


def _counts_cells(s: StatusCounts) -> list[str]:
    return [f"{s.counts.get(st, 0):,}" for st in STATUSES] + [pct(s.compliance)]


def _summary_table(title: str, first: str, rows: list[StatusCounts], color: bool) -> Table:
    t = Table(title=title, title_justify="left")
    t.add_column(first)
    for st in STATUSES:
        t.add_column(st, justify="right", style=STATUS_STYLE[st] if color else "")
    t.add_column("compliance", justify="right")
    for s in rows:
        label = s.key if not s.name else f"{s.key} ({s.name})"
        t.add_row(label, *_counts_cells(s))
    return t


def left_or_over(i: DeadlineItem) -> str:
    if i.status in ("breached", "met_late"):
        return "over by " + duration(i.overdue_minutes)
    if i.left_minutes is not None:
        return duration(i.left_minutes) + " left"
    return ""


def table(result: DeadlinesResult, color: bool) -> str:
    shown = ", ".join(result.shown_statuses)
    items = Table(
        title=f"{result.sla_name} — follow-ups ({shown}), worst first", title_justify="left"
    )
    for name in ("lead", "rule", "owner", "status", "start", "due", "", "tier"):
        items.add_column(name)
    shown_items = _shown(result)
    for i in shown_items:
        items.add_row(
            i.lead,
            i.rule,
            i.owner,
            Text(i.status, style=STATUS_STYLE[i.status] if color else ""),
            when(i.start),
            when(i.due),
            left_or_over(i),
            "" if i.tier is None else str(i.tier),
        )
    parts: list[Any] = []
    if shown_items:
        parts.append(items)
        if result.item_count > MAX_TABLE_ITEMS:
            parts.append(
                Text(
                    f"… and {result.item_count - MAX_TABLE_ITEMS:,} more (--format csv or json lists them all)"
                )
            )
    else:
        parts.append(
            Text(
                f"No follow-ups {shown} as of {result.as_of:%Y-%m-%d %H:%M %Z}.",
                style="green" if color else "",
            )
        )
    parts.append(_summary_table("By rule", "rule", result.rules, color))
    parts.append(_summary_table("By owner", "owner", result.owners, color))
    parts.append(_summary_table("By team", "team", result.teams, color))
    verdict = (
        f"{result.failing:,} follow-ups {'breached' if result.fail_on == 'breached' else 'at risk or breached'}"
        if result.fail_on != "never"
        else "--fail-on never"
    )
    parts.append(
        Text(f"As of {result.as_of.isoformat(timespec='minutes')} ({result.zone}); {verdict}.")
    )
    return to_text(*parts, color=color)


def markdown(result: DeadlinesResult) -> str:
    lines = [
        f"### {md(result.sla_name)}: follow-ups as of {result.as_of.isoformat(timespec='minutes')}",
        "",
    ]
    counts = ", ".join(f"{result.counts.get(s, 0):,} {s}" for s in STATUSES)
    lines += [counts, ""]
    shown_items = _shown(result)
    if shown_items:
        lines.append(
            md_row([Md(c) for c in ("lead", "rule", "owner", "status", "start", "due", "", "tier")])
        )
        lines.append(md_row([Md("---")] * 8))
        for i in shown_items:
            lines.append(
                md_row(
                    [
                        i.lead,
                        i.rule,
                        i.owner,
                        Md(f"**{i.status}**" if i.status == "breached" else i.status),
                        when(i.start),
                        when(i.due),
                        left_or_over(i),
                        "" if i.tier is None else str(i.tier),
                    ]
                )
            )
        if result.item_count > MAX_TABLE_ITEMS:
            lines.append(f"\n… and {result.item_count - MAX_TABLE_ITEMS:,} more.")
    else:
        lines.append(f"No follow-ups {', '.join(result.shown_statuses)}.")
    for title, rows in (
        ("By rule", result.rules),
        ("By owner", result.owners),
        ("By team", result.teams),
    ):
        lines += [
            "",
            f"**{title}**",
            "",
            md_row([Md(c) for c in (title.split()[-1], *STATUSES, "compliance")]),
            md_row([Md("---")] * (len(STATUSES) + 2)),
        ]
        lines += [md_row([s.key, *_counts_cells(s)]) for s in rows]
    return "\n".join(lines) + "\n"

"""`report` results: a terminal table with met/missed and a trend, JSON, Markdown (HTML in report_html)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rich import box
from rich.table import Table
from rich.text import Text

from leadsla.render.console import pct, to_text
from leadsla.render.deadlines import duration
from leadsla.render.escape import Md
from leadsla.render.escape import markdown as md
from leadsla.render.escape import row as md_row
from leadsla.render.jsonout import dumps, fields_json, header, iso
from leadsla.results import GoalValue, ReportResult

SPARKS = "▁▂▃▄▅▆▇█"


def fmt_value(v: GoalValue, value: float | None, compact: bool = False) -> str:
    """A goal's value as people read it (`compact`: whole percentages, for narrow tables)."""
    if value is None:
        return "–"
    if v.metric in ("conversion", "compliance"):
        return f"{value * 100:.0f}%" if compact else pct(value)
    if v.metric.endswith("_time"):
        return duration(value)
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"


def fmt_target(v: GoalValue) -> str:
    return v.target_text.strip()


def sparkline(values: list[float | None]) -> str:
    known = [x for x in values if x is not None]
    if not known:
        return ""
    lo, hi = min(known), max(known)
    out = []
    for x in values:
        if x is None:
            out.append(" ")
        else:
            out.append(SPARKS[0 if hi == lo else round((x - lo) / (hi - lo) * (len(SPARKS) - 1))])
    return "".join(out)


def _goal_json(v: GoalValue) -> dict[str, Any]:
    return {
        "id": v.id,
        "name": v.name,
        "owner": v.owner,
        "metric": v.metric,
        "group": v.group,
        # a count is a whole number of leads: 51, not 51.0 (a projection stays a float)
        "value": int(v.value) if v.metric == "count" and v.value is not None else v.value,
        "size": v.size,
        "target": {"op": v.target_op, "value": v.target_value, "text": v.target_text},
        "met": v.met,
        "maturing": v.maturing,
        "projected": v.projected,
        "on_pace": v.on_pace,
        "verdict": v.verdict,
    }


def json_doc(result: ReportResult) -> str:
    doc = header(result.as_of, result.holidays_version)
    doc["sla"] = result.sla_name
    doc["period"] = result.period
    doc["owners"] = result.owners
    r = result.review
    doc["review"] = (
        {
            "every": r.every,
            "last_reviewed": iso(r.last_reviewed),
            "due": iso(r.due),
            "overdue": r.overdue,
        }
        if r
        else None
    )
    doc["by"] = result.by
    doc["periods"] = [
        {"label": p.label, "start": iso(p.start.astimezone(result.as_of.tzinfo)), "end": iso(p.end.astimezone(result.as_of.tzinfo)),
         "complete": p.complete, "goals": [_goal_json(v) for v in p.goals]}
        for p in result.periods
    ]  # fmt: skip
    doc["funnel"] = [
        {"stage": s.id, "outcome": s.outcome, "reached": s.reached, "conversion": s.conversion}
        for s in result.funnel
    ]
    doc["compliance"] = {
        "rules": [
            {"id": s.key, "team": s.team, "counts": s.counts, "compliance": s.compliance}
            for s in result.compliance_rules
        ],
        "owners": [
            {"owner": s.key, "counts": s.counts, "compliance": s.compliance}
            for s in result.compliance_owners
        ],
    }
    doc["missed"] = result.missed
    doc["summary"] = {"fields": fields_json(result.rows)}
    return dumps(doc)


def rows_by_goal(result: ReportResult) -> list[tuple[str, str | None, list[GoalValue]]]:
    """(goal id, group label, its value in each period), goals grouped by team."""
    if not result.periods:
        return []
    keys: list[tuple[str, str | None]] = []
    for v in result.periods[0].goals:
        group = next(iter(v.group.values())) if v.group else None
        keys.append((v.id, group))
    out = []
    for i, (gid, group) in enumerate(keys):
        out.append((gid, group, [p.goals[i] for p in result.periods]))
    owner_order = {o: n for n, o in enumerate(result.owners)}
    out.sort(key=lambda r: (owner_order.get(r[2][0].owner, len(owner_order)), r[2][0].owner))
    return out


def _cell(v: GoalValue, color: bool) -> Text:
    text = fmt_value(v, v.value, compact=True)
    if v.met is True:
        return Text(f"✓ {text}", style="green" if color else "")
    if v.met is False:
        return Text(f"✗ {text}", style="bold red" if color else "")
    if v.maturing:
        return Text(f"… {text}", style="dim" if color else "")
    if v.projected is not None:
        pace = "↑" if v.on_pace else "↓"
        return Text(
            f"{text}→{fmt_value(v, v.projected, compact=True)}{pace}",
            style=("cyan" if v.on_pace else "yellow") if color else "",
        )
    return Text(text)


def header_lines(result: ReportResult, text: Callable[[str], str] = str) -> list[str]:
    """The report's heading and its lines on owners and review; `text` escapes the SLA's
    strings for the format (Markdown)."""
    owners = (
        ", ".join(f"{text(team)}: {text(person)}" for team, person in result.owners.items())
        or "no owners named"
    )
    lines = [
        f"{text(result.sla_name)} — goals per {result.period}, as of {result.as_of.isoformat(timespec='minutes')} ({result.zone})",
        f"Owners: {owners}",
    ]
    r = result.review
    if r:
        state = f"OVERDUE since {r.due}" if r.overdue else f"next due {r.due}"
        lines.append(f"Review every {r.every}; last reviewed {r.last_reviewed or 'never'}; {state}")
    return lines


def short_label(label: str, period: str) -> str:
    """`2026-W47` -> `W47`, `2026-11` -> `Nov`, `2026-Q4` -> `Q4`: the year is in the header."""
    if period == "month":
        import calendar

        return calendar.month_abbr[int(label[5:7])]
    return label[5:]


def no_periods(result: ReportResult) -> str:
    return (
        f"No {result.period} to report: every {result.period} asked for ends before the SLA is "
        "effective or starts after the as-of time."
    )


def table(result: ReportResult, color: bool) -> str:
    head = header_lines(result)
    parts: list[Any] = [Text(head[0], style="bold" if color else "")]
    for line in head[1:]:
        parts.append(Text(line, style="bold red" if ("OVERDUE" in line and color) else ""))
    if result.periods:
        span = f"{result.periods[0].label} to {result.periods[-1].label}"
        parts.append(Text(f"Periods {span}: ✓ met  ✗ missed  … maturing  * current"))
    t = Table(box=box.SIMPLE_HEAD, pad_edge=False, collapse_padding=True)
    t.add_column("goal", no_wrap=True)
    if result.by:
        t.add_column(result.by, no_wrap=True)
    t.add_column("target", no_wrap=True)
    for p in result.periods:
        name = short_label(p.label, result.period) + ("" if p.complete else "*")
        t.add_column(name, justify="right", no_wrap=True)
    t.add_column("trend", no_wrap=True)
    previous_team = None
    for gid, group, values in rows_by_goal(result):
        first = values[0]
        if first.owner != previous_team:
            person = result.owners.get(first.owner)
            t.add_row(
                Text(
                    first.owner + (f" ({person})" if person else ""), style="bold" if color else ""
                )
            )
            previous_team = first.owner
        cells: list[Any] = ["  " + gid]
        if result.by:
            cells.append(group or "")
        cells.append(fmt_target(first))
        cells += [_cell(v, color) for v in values]
        # the current period is not over: its partial value would read as a drop
        cells.append(
            sparkline([v.value for v, p in zip(values, result.periods, strict=True) if p.complete])
        )
        t.add_row(*cells)
    if not result.periods:
        return to_text(*parts, Text(no_periods(result)), color=color)
    parts.append(t)
    if not result.periods[-1].complete:
        parts.append(
            Text(
                "* not over: no verdict yet; counts projected by business time gone (↑ on pace, ↓ behind)"
            )
        )
    verdict = (
        f"{result.missed} goal-periods missed."
        if result.missed
        else "No goal missed in the complete periods."
    )
    parts.append(Text(verdict))
    return to_text(*parts, color=color)


def _md_cell(v: GoalValue) -> Md:
    """Numbers and our words: already Markdown."""
    text = fmt_value(v, v.value)
    if v.met is True:
        return Md(f"✅ {text}")
    if v.met is False:
        return Md(f"❌ {text}")
    if v.maturing:
        return Md(f"⏳ {text}")
    if v.projected is not None:
        return Md(f"{text} → {fmt_value(v, v.projected)} ({'on pace' if v.on_pace else 'behind'})")
    return Md(text)


def markdown(result: ReportResult) -> str:
    head = header_lines(result, md)
    lines = [f"### {head[0]}", "", *[f"- {x}" for x in head[1:]], ""]
    cols = (
        [Md("team"), Md("goal")]
        + ([result.by] if result.by else [])
        + [Md("target")]
        + [Md(p.label + ("" if p.complete else " *")) for p in result.periods]
    )
    if not result.periods:
        return "\n".join([*lines, no_periods(result)]) + "\n"
    lines += [md_row(cols), md_row([Md("---")] * len(cols))]
    for gid, group, values in rows_by_goal(result):
        first = values[0]
        cells = (
            [first.owner, gid]
            + ([group or ""] if result.by else [])
            + [fmt_target(first).replace(">=", "≥").replace("<=", "≤")]
            + [_md_cell(v) for v in values]
        )
        lines.append(md_row(cells))
    lines += ["", "✅ met · ❌ missed · ⏳ maturing · * current period (projected)", ""]
    lines.append(
        f"**{result.missed} goal-periods missed.**"
        if result.missed
        else "No goal missed in the complete periods."
    )
    return "\n".join(lines) + "\n"

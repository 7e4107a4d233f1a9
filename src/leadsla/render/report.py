"""`report` results: a terminal table with met/missed and a trend, JSON, Markdown (HTML in report_html)."""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from rich import box
from rich.cells import cell_len
from rich.console import Console
from rich.measure import Measurement
from rich.table import Table
from rich.text import Text

from leadsla.i18n import (
    _,
    fmt_date,
    fmt_datetime,
    fmt_int,
    fmt_month_abbr,
    fmt_number,
    fmt_percent,
    ngettext,
)
from leadsla.render.console import to_text
from leadsla.render.console import width as console_width
from leadsla.render.escape import Md, one_line
from leadsla.render.escape import markdown as md
from leadsla.render.escape import row as md_row
from leadsla.render.jsonout import dumps, fields_json, header, iso
from leadsla.results import BLANK_GROUP, UNASSIGNED_GROUP, GoalValue, ReportResult

SPARKS = "▁▂▃▄▅▆▇█"


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


# --- the terminal table and Markdown: words through gettext, numbers and dates by locale ----

MIN_PERIODS = 3
"""Periods a terminal table keeps before it becomes one block per goal."""
NAME_WIDTH = 24
NARROW_NAME = 14
STYLES = {
    "met": "green",
    "missed": "bold red",
    "maturing": "dim",
    "on_pace": "cyan",
    "behind": "yellow",
    "no_data": "dim",
}


def goal_title(v: GoalValue) -> str:
    """The goal as the SLA names it (`name:`), else its id."""
    return v.name or v.id


def group_value(value: str) -> str:
    """A group's value on screen: `(unassigned)` and `(blank)` in the reader's words (JSON,
    CSV and the SLA's `overrides` keep the English ones)."""
    if value == UNASSIGNED_GROUP:
        # i18n: the group of leads without an owner
        return _("(unassigned)")
    if value == BLANK_GROUP:
        return _("(blank)")
    return value


def group_parts(v: GoalValue) -> tuple[str, str] | None:
    """The goal's own group (its `for_each` field, else `--by`'s) and its value on screen."""
    if not v.group:
        return None
    field, value = next(iter(v.group.items()))
    return field, group_value(value)


def _duration(minutes: float) -> str:
    h, m = divmod(round(minutes), 60)
    if h:
        return f"{fmt_int(h)}h{m:02d}m" if m else f"{fmt_int(h)}h"
    return f"{m}m"


def value_text(v: GoalValue, value: float | None, compact: bool = False) -> str:
    """A goal's value in the reader's locale (`compact`: whole percentages and counts)."""
    return metric_text(v.metric, value, compact)


def metric_text(metric: str, value: float | None, compact: bool = False) -> str:
    """A value of a goal of `metric` in the reader's locale."""
    if value is None:
        return "–"
    if metric in ("conversion", "compliance"):
        return fmt_percent(value, 0 if compact else 1)
    if metric.endswith("_time"):
        return _duration(value)
    return fmt_number(value, 0 if compact else 1)


def target_words(v: GoalValue) -> str:
    """The target as people read it: `≥ 40`, `≥ 25%`, `≤ 4h business`; `no target` when the
    SLA sets none for the goal's group or period."""
    if not v.has_target:
        return _("no target")
    op = "≥" if v.target_op == ">=" else "≤"
    if v.metric in ("conversion", "compliance"):
        whole = round(v.target_value * 100, 6).is_integer()
        amount = fmt_percent(v.target_value, 0 if whole else 1)
    elif v.metric.endswith("_time"):
        amount = v.target_text.strip()[2:].strip()  # as written: 4h, 1h30m
        if v.business:
            # i18n: a duration of business time, e.g. "4h business"
            amount = _("{duration} business").format(duration=amount)
    else:
        amount = fmt_number(v.target_value, 2)
    return f"{op} {amount}"


def period_word(kind: str) -> str:
    # the same words as the HTML's plurals: one catalog entry each (gettext keys a plural
    # entry by its forms, so a plain _("week") beside ngettext("week", ...) would miss it)
    words = {
        "week": ngettext("week", "weeks", 1),
        "month": ngettext("month", "months", 1),
        "quarter": ngettext("quarter", "quarters", 1),
    }
    return words.get(kind, kind)


def period_name(label: str, kind: str) -> str:
    """`2026-W47` -> `W47`, `2026-11` -> `Nov`, `2026-Q4` -> `Q4`, in the reader's words."""
    if kind == "week":
        # i18n: a week of the year, e.g. W47
        return _("W{week}").format(week=int(label[6:]))
    if kind == "month":
        return fmt_month_abbr(date(int(label[:4]), int(label[5:7]), 1))
    # i18n: a quarter of the year, e.g. Q4
    return _("Q{quarter}").format(quarter=label[6:])


@dataclass(frozen=True)
class Verdict:
    """How one goal-period reads: its key, a CSS class, a symbol (colour is never the only
    signal) and words."""

    key: str
    css: str
    symbol: str
    word: str


def verdict_shown(key: str) -> Verdict:
    """A verdict for people; one we do not know is shown as written, in a neutral
    style."""
    if key == "met":
        return Verdict(key, "met", "✓", _("met"))
    if key == "missed":
        return Verdict(key, "missed", "✗", _("missed"))
    if key == "maturing":
        return Verdict(key, "maturing", "…", _("maturing"))
    if key == "on_pace":
        return Verdict(key, "current", "↑", _("on pace"))
    if key == "behind":
        return Verdict(key, "behind", "↓", _("behind"))
    if key == "open":
        # i18n: the verdict of a current period (not over): no verdict yet
        return Verdict(key, "current", "•", _("open"))
    if key == "no_data":
        return Verdict(key, "nodata", "–", _("no data"))
    if key == "no_target":
        return Verdict(key, "notarget", "○", _("no target"))
    return Verdict(key, "other", "•", key.replace("_", " "))


def cell_text(v: GoalValue) -> str:
    """A period's value with its verdict mark, short enough for a terminal column."""
    if v.verdict == "no_data":
        return "–"
    text = value_text(v, v.value, compact=True)
    if v.verdict in ("met", "missed", "maturing"):
        return f"{verdict_shown(v.verdict).symbol} {text}"
    if v.verdict in ("on_pace", "behind"):
        arrow = "↑" if v.verdict == "on_pace" else "↓"
        return f"{text}→{value_text(v, v.projected, compact=True)}{arrow}"
    return text


def heading(result: ReportResult, text: Callable[[str], str] = str) -> list[str]:
    """The report's title and its lines on owners and review, in the reader's words; `text`
    escapes the SLA's strings for the format (Markdown)."""
    owners = ", ".join(f"{text(team)}: {text(person)}" for team, person in result.owners.items())
    lines = [
        _("{sla} — goals per {period}, as of {when} ({zone})").format(
            sla=text(result.sla_name),
            period=period_word(result.period),
            when=fmt_datetime(result.as_of),
            zone=result.zone,
        ),
        _("Owners: {owners}").format(owners=owners) if owners else _("No owners named"),
    ]
    r = result.review
    if r:
        last = fmt_date(r.last_reviewed) if r.last_reviewed else _("never")
        due = fmt_date(r.due) if r.due else "–"
        line = (
            _("Review every {every}; last reviewed {last}; OVERDUE since {due}")
            if r.overdue
            else _("Review every {every}; last reviewed {last}; next due {due}")
        )
        lines.append(line.format(every=r.every, last=last, due=due))
    return lines


def _span(result: ReportResult) -> str:
    first = result.periods[0].start.astimezone(result.as_of.tzinfo).date()
    last = result.periods[-1].end.astimezone(result.as_of.tzinfo).date() - timedelta(days=1)
    return _("From {first} to {last}").format(first=fmt_date(first), last=fmt_date(last))


def _notes(result: ReportResult) -> list[str]:
    """Why some values have no verdict."""
    values = [v for p in result.periods for v in p.goals]
    if result.goals_period and result.period != result.goals_period:
        return [
            _(
                "Targets hold per {goals_period} (goals.period): values per {period} have no verdict."
            ).format(
                goals_period=period_word(result.goals_period), period=period_word(result.period)
            )
        ]
    if any(not v.has_target for v in values):
        return [
            _(
                "No target: the SLA sets none for that group (a goal with `for_each` sets "
                "one per group, `overrides` for some)."
            )
        ]
    return []


def _groups_header(rows: list[tuple[str, str | None, list[GoalValue]]]) -> str | None:
    fields = {next(iter(r[2][0].group)) for r in rows if r[2][0].group}
    if not fields:
        return None
    # i18n: the header of the column of a goal's group (owner, source...)
    return fields.pop() if len(fields) == 1 else _("group")


def _group_cell(v: GoalValue, several: bool, text: Callable[[str], str] = str) -> str:
    parts = group_parts(v)
    if parts is None:
        return ""
    field, value = parts
    return f"{text(field)}: {text(value)}" if several else text(value)


def _team_line(result: ReportResult, team: str) -> str:
    """The team and its person, as one terminal line (`one_line`)."""
    person = result.owners.get(team)
    return one_line(f"{team} ({person})" if person else team)


def _styled(text: str, verdict: str, color: bool) -> Text:
    return Text(text, style=STYLES.get(verdict, "") if color else "")


def _build(
    result: ReportResult,
    rows: list[tuple[str, str | None, list[GoalValue]]],
    keep: int,
    trend: bool,
    name_width: int,
    color: bool,
) -> Table:
    periods = result.periods[len(result.periods) - keep :]
    group_header = _groups_header(rows)
    several = group_header is not None and group_header not in {
        next(iter(r[2][0].group)) for r in rows if r[2][0].group
    }
    longest_word = max(
        (len(w) for r in rows for w in one_line(goal_title(r[2][0])).split()), default=1
    )
    t = Table(box=box.SIMPLE_HEAD, pad_edge=False, collapse_padding=True)
    t.add_column(_("goal"), max_width=max(name_width, longest_word), overflow="fold")
    if group_header is not None:
        t.add_column(one_line(group_header), no_wrap=True)
    t.add_column(_("target"), no_wrap=True)
    for p in periods:
        name = period_name(p.label, result.period) + ("" if p.complete else "*")
        t.add_column(name, justify="right", no_wrap=True)
    if trend:
        t.add_column(_("trend"), no_wrap=True)
    previous_team = previous_goal = None
    for gid, _group, values in rows:
        first = values[0]
        if first.owner != previous_team:
            t.add_row(Text(_team_line(result, first.owner), style="bold" if color else ""))
            previous_team = first.owner
        # a goal's groups follow each other: its name once
        cells: list[Any] = [one_line(goal_title(first)) if gid != previous_goal else ""]
        previous_goal = gid
        if group_header is not None:
            cells.append(_group_cell(first, several, one_line))
        cells.append(target_words(first))
        shown = values[len(values) - keep :]
        cells += [_styled(cell_text(v), v.verdict, color) for v in shown]
        if trend:
            # the current period is not over: its partial value would read as a drop
            cells.append(
                sparkline(
                    [
                        None if v.verdict == "no_data" else v.value
                        for v, p in zip(values, result.periods, strict=True)
                        if p.complete
                    ]
                )
            )
        t.add_row(*cells)
    return t


def _fits(table: Table, cols: int) -> bool:
    # measured unbounded: a console of `cols` would clamp the measure to its width
    console = Console(width=10_000, file=io.StringIO())
    return Measurement.get(console, console.options, table).maximum <= cols


def _blocks(
    result: ReportResult,
    rows: list[tuple[str, str | None, list[GoalValue]]],
    color: bool,
    width: int,
) -> list[Any]:
    """One block per goal (and group), for a terminal too narrow for the table. A period's
    name, verdict mark and value stay on one line (`W46 … 33%`): the line breaks between
    periods, never inside one."""
    out: list[Any] = []
    previous_team = None
    for _gid, _group, values in rows:
        first = values[0]
        if first.owner != previous_team:
            out.append(Text(_team_line(result, first.owner), style="bold" if color else ""))
            previous_team = first.owner
        head = [one_line(goal_title(first))]
        if first.group:
            head.append(_group_cell(first, True, one_line))
        # `no target` says it all: not "target no target"
        head.append(
            _("target {target}").format(target=target_words(first))
            if first.has_target
            else target_words(first)
        )
        out.append(Text("  " + " · ".join(head)))
        indent, sep = "    ", " · "
        line = Text(indent)
        for n, (v, p) in enumerate(zip(values, result.periods, strict=True)):
            name = period_name(p.label, result.period) + ("" if p.complete else "*")
            item = Text(f"{name} ")
            item.append(_styled(cell_text(v), v.verdict, color))
            if n and cell_len(line.plain) + len(sep) + cell_len(item.plain) > width:
                out.append(line)
                line = Text(indent)
            elif n:
                line.append(sep)
            line.append(item)
        out.append(line)
    return out


def table(result: ReportResult, color: bool, cols: int | None = None) -> str:
    """The terminal report, fitted to `cols` (the terminal's width): goal names fold, older
    periods, then the trend, drop; a terminal too narrow for that gets one block per goal."""
    width = cols or console_width()
    head = heading(result, one_line)
    parts: list[Any] = [Text(head[0], style="bold" if color else "")]
    for line in head[1:]:
        overdue = result.review is not None and result.review.overdue and line is head[-1]
        parts.append(Text(line, style="bold red" if overdue and color else ""))
    if not result.periods:
        return to_text(*parts, Text(no_periods(result)), color=color, cols=width)
    parts.append(Text(_span(result)))
    parts.append(Text(_("✓ met  ✗ missed  … maturing  ↑ on pace  ↓ behind  – no data  * open")))
    rows = rows_by_goal(result)
    n = len(result.periods)
    floor = min(n, MIN_PERIODS)
    has_trend = sum(1 for p in result.periods if p.complete) >= 2
    candidates = [(k, has_trend, NAME_WIDTH) for k in range(n, floor - 1, -1)]
    candidates += [(floor, False, NAME_WIDTH), (floor, False, NARROW_NAME)]
    chosen: Table | None = None
    kept = n
    for keep, trend, name_width in candidates:
        t = _build(result, rows, keep, trend, name_width, color)
        if _fits(t, width):
            chosen, kept = t, keep
            break
    if chosen is None:
        parts += _blocks(result, rows, color, width)
    else:
        parts.append(chosen)
        if kept < n:
            parts.append(
                Text(
                    ngettext(
                        "{n} earlier period not shown: widen the terminal, or use --format markdown.",
                        "{n} earlier periods not shown: widen the terminal, or use --format markdown.",
                        n - kept,
                    ).format(n=fmt_int(n - kept))
                )
            )
    if not result.periods[-1].complete:
        parts.append(
            Text(_("* current period, not over: counts projected by the business time gone."))
        )
    parts += [Text(line) for line in _notes(result)]
    parts.append(Text(_missed_line(result)))
    return to_text(*parts, color=color, cols=width)


def _missed_line(result: ReportResult) -> str:
    if result.missed:
        return ngettext(
            "{n} goal-period missed.", "{n} goal-periods missed.", result.missed
        ).format(n=fmt_int(result.missed))
    return _("No goal missed in the complete periods.")


def no_periods(result: ReportResult) -> str:
    word = period_word(result.period)
    return _(
        "No {period} to report: every {period} asked for ends before the SLA is effective or "
        "starts after the as-of time."
    ).format(period=word)


def _md_cell(v: GoalValue) -> Md:
    """Numbers and our words: already Markdown."""
    if v.verdict == "no_data":
        return Md(_("no data"))
    text = value_text(v, v.value)
    if v.verdict == "met":
        return Md(f"✅ {text}")
    if v.verdict == "missed":
        return Md(f"❌ {text}")
    if v.verdict == "maturing":
        return Md(f"⏳ {text}")
    if v.verdict in ("on_pace", "behind"):
        pace = _("on pace") if v.verdict == "on_pace" else _("behind")
        return Md(f"{text} → {value_text(v, v.projected)} ({pace})")
    return Md(text)


def markdown(result: ReportResult) -> str:
    head = heading(result, md)
    lines = [f"### {head[0]}", "", *[f"- {x}" for x in head[1:]], ""]
    if not result.periods:
        return "\n".join([*lines, no_periods(result)]) + "\n"
    rows = rows_by_goal(result)
    group_header = _groups_header(rows)
    several = group_header is not None and group_header == _("group")
    cols = (
        [Md(_("team")), Md(_("goal"))]
        + ([group_header] if group_header is not None else [])
        + [Md(_("target"))]
        + [
            Md(period_name(p.label, result.period) + ("" if p.complete else " *"))
            for p in result.periods
        ]
    )
    lines.insert(len(lines) - 1, f"- {_span(result)}")
    lines += [md_row(cols), md_row([Md("---")] * len(cols))]
    for _gid, _group, values in rows:
        first = values[0]
        cells = (
            [first.owner, goal_title(first)]
            + ([_group_cell(first, several)] if group_header is not None else [])
            + [target_words(first)]
            + [_md_cell(v) for v in values]
        )
        lines.append(md_row(cells))
    lines += [
        "",
        _(
            "✅ met · ❌ missed · ⏳ maturing · * current period (projected: on pace or behind) · "
            "a value without a mark has no verdict"
        ),
        *[f"\n{md(x)}" for x in _notes(result)],
        "",
    ]
    missed = _missed_line(result)
    lines.append(f"**{missed}**" if result.missed else missed)
    return "\n".join(lines) + "\n"

"""`check-deadlines` results: rich tables, JSON (SPEC §3), CSV, Markdown."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import datetime
from typing import Any

from rich.text import Text

from leadsla.i18n import (
    _,
    fmt_datetime,
    fmt_day_month,
    fmt_int,
    fmt_percent,
    fmt_time,
    fmt_weekday,
    ngettext,
    npgettext,
    pgettext,
)
from leadsla.render import console
from leadsla.render.console import to_text
from leadsla.render.escape import Md
from leadsla.render.escape import markdown as md
from leadsla.render.escape import row as md_row
from leadsla.render.fitting import Col, Fitted, fit, left_out
from leadsla.render.jsonout import fields_json, header, iso, slot, stream
from leadsla.render.registry import TABLE_ITEMS
from leadsla.results import (
    ITEM_COLUMNS,
    STATUSES,
    DeadlineItem,
    DeadlinesResult,
    RuleFacts,
    StatusCounts,
)

STATUS_STYLE = {
    "breached": "bold red",
    "at_risk": "yellow",
    "on_track": "cyan",
    "met_late": "magenta",
    "met": "green",
}
MAX_TABLE_ITEMS = TABLE_ITEMS
SUMMARY_DROP = {"breached": 0, "met": 2, "met_late": 2, "at_risk": 3, "on_track": 4}
"""On a narrow terminal the counts by rule, owner and team keep breached longest, and
compliance with the counts it is computed from (met, met late, breached): on track and at risk
go first; then compliance, met and met late go together (see `_fit_summary`), never
compliance without its inputs."""
COMPLIANCE_INPUTS = ("met", "met_late")


def duration(minutes: float | None) -> str:
    """`1h05m`, `30h`: hours and minutes only, since on the business clock a day is not 24 hours."""
    if minutes is None:
        return "–"
    h, m = divmod(round(minutes), 60)
    if h:
        return f"{h}h{m:02d}m" if m else f"{h}h"
    return f"{m}m"


def when(t: datetime | None) -> str:
    """Weekday, day and month, time, in the locale's order: `Tue 7/28 3:50 PM` /
    `ter. 28/07 15:50`."""
    if t is None:
        return "–"
    return f"{fmt_weekday(t)} {fmt_day_month(t)} {fmt_time(t)}"


def span(minutes: float | None, business: bool) -> str:
    """A duration that says when it is business time: `642h30m business` / `642h30m úteis`."""
    text = duration(minutes)
    if business and minutes is not None:
        # i18n: a duration counted in business hours, e.g. "642h30m business"
        return _("{duration} business").format(duration=text)
    return text


def status_word(status: str) -> str:
    """A status for people (the JSON keeps `at_risk`...)."""
    words = {
        "breached": _("breached"),
        "at_risk": _("at risk"),
        "on_track": _("on track"),
        "met_late": _("met late"),
        # a goal "met" is another word in Portuguese (atingida): this one is a deadline's
        "met": pgettext("deadline", "met"),
    }
    return words[status]


def status_count(status: str, n: int) -> str:
    """`n` follow-ups in a status, the word agreeing with the number: `332 breached` /
    `332 vencidos`, `1 vencido`."""
    forms = {
        "breached": npgettext("follow-ups", "{n} breached", "{n} breached", n),
        "at_risk": npgettext("follow-ups", "{n} at risk", "{n} at risk", n),
        "on_track": npgettext("follow-ups", "{n} on track", "{n} on track", n),
        "met_late": npgettext("follow-ups", "{n} met late", "{n} met late", n),
        "met": npgettext("follow-ups", "{n} met", "{n} met", n),
    }
    return forms[status].format(n=fmt_int(n))


def statuses_shown(statuses: Iterable[str]) -> str:
    """The statuses a list holds, as adjectives of the follow-ups: `vencidos, em risco`."""
    words = {
        "breached": pgettext("follow-ups", "breached"),
        "at_risk": pgettext("follow-ups", "at risk"),
        "on_track": pgettext("follow-ups", "on track"),
        "met_late": pgettext("follow-ups", "met late"),
        "met": pgettext("follow-ups", "met"),
    }
    return ", ".join(words[s] for s in statuses)


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
    return [fmt_int(s.counts.get(st, 0)) for st in STATUSES] + [
        "–" if s.compliance is None else fmt_percent(s.compliance)
    ]


def _business(facts: dict[str, RuleFacts], rule: str) -> bool:
    f = facts.get(rule)
    return f is None or f.clock == "business"


def left_or_over(i: DeadlineItem, business: bool = True) -> str:
    """The time past due (breached, met late) or left (open, not yet due), on the rule's clock;
    the status beside it says which."""
    if i.status in ("breached", "met_late"):
        return span(i.overdue_minutes, business)
    if i.left_minutes is not None:
        return span(i.left_minutes, business)
    return ""


def tier_label(i: DeadlineItem, facts: dict[str, RuleFacts]) -> str:
    f = facts.get(i.rule)
    label = f.label_of(i.tier) if f is not None else None
    return label or ("" if i.tier is None else str(i.tier))


def _item_headers() -> list[str]:
    return [
        _("lead"),
        _("rule"),
        _("owner"),
        _("status"),
        # i18n: column of the time past the deadline (breached) or left before it (open)
        _("over by / left"),
        # i18n: the deadline of a follow-up
        _("due"),
        # i18n: the target tier of a follow-up rule, e.g. "grade A: 1h"
        _("tier"),
        # i18n: when the follow-up's clock started
        _("start"),
    ]


def _item_cells(i: DeadlineItem, facts: dict[str, RuleFacts]) -> list[str]:
    return [
        i.lead,
        i.rule,
        i.owner,
        status_word(i.status),
        left_or_over(i, _business(facts, i.rule)),
        when(i.due),
        tier_label(i, facts),
        when(i.start),
    ]


def _items_cols(items: list[DeadlineItem], facts: dict[str, RuleFacts], color: bool) -> list[Col]:
    headers = _item_headers()
    rows = [_item_cells(i, facts) for i in items]
    cols = [Col(h, [r[k] for r in rows]) for k, h in enumerate(headers)]
    for c in cols[:3]:  # lead, rule, owner: never cut, never dropped
        c.whole = True
    # status, over by / left, due, tier, start: dropped in the reverse order
    for drop, c in enumerate(cols[3:], start=1):
        c.drop = drop
        c.whole = c is not cols[6]  # a tier's label may be a long condition: it folds
        c.floor = 12
    cols[3].cells = [
        Text(status_word(i.status), style=STATUS_STYLE[i.status] if color else "") for i in items
    ]
    cols[4].justify = "right"
    return cols


def _summary_cols(first: str, rows: list[StatusCounts], color: bool, names: bool) -> list[Col]:
    cols = [Col(first, [s.key for s in rows], whole=True)]
    if names:
        # i18n: a follow-up rule's name, as the SLA writes it
        cols.append(Col(_("name"), [s.name or "" for s in rows], drop=9, floor=20))
    cells = [_counts_cells(s) for s in rows]
    for k, st in enumerate(STATUSES):
        cols.append(
            Col(
                status_word(st),
                [c[k] for c in cells],
                drop=SUMMARY_DROP[st],
                justify="right",
                style=STATUS_STYLE[st] if color else "",
            )
        )
    cols.append(Col(_("compliance"), [c[-1] for c in cells], justify="right"))
    return cols


def _fit_summary(cols: list[Col], width: int, title: str) -> Fitted:
    """A count table fitted to `width`; when met or met late must go, compliance goes with
    them (a percentage without the counts it comes from cannot be checked), and the room
    they leave may show at risk and on track again."""
    fitted = fit(cols, width, title)
    inputs = {status_word(st) for st in COMPLIANCE_INPUTS}
    if not inputs & set(fitted.dropped):
        return fitted
    group = inputs | {_("compliance")}
    kept = [c for c in cols if c.header not in group]
    refitted = fit(kept, width, title)
    gone = group | set(refitted.dropped)
    return Fitted(refitted.renderable, [c.header for c in cols if c.header in gone])


def _left_out(dropped: list[str]) -> list[Text]:
    return left_out(
        dropped,
        _(
            "Not shown at this width: {columns} (a wider terminal, --format markdown or csv "
            "shows them)."
        ),
    )


def _verdict(result: DeadlinesResult) -> str:
    n = result.failing
    if result.fail_on == "breached":
        return ngettext("{n} follow-up breached", "{n} follow-ups breached", n).format(n=fmt_int(n))
    if result.fail_on == "at_risk":
        return ngettext(
            "{n} follow-up at risk or breached", "{n} follow-ups at risk or breached", n
        ).format(n=fmt_int(n))
    return "--fail-on never"


def _title(result: DeadlinesResult) -> str:
    return _("{sla}: follow-ups ({statuses}), worst first").format(
        sla=result.sla_name, statuses=statuses_shown(result.shown_statuses)
    )


def _more(result: DeadlinesResult) -> str:
    return _("… and {n} more (--format csv or json lists them all)").format(
        n=fmt_int(result.item_count - MAX_TABLE_ITEMS)
    )


def _none(result: DeadlinesResult) -> str:
    return _("No follow-ups {statuses} as of {as_of}.").format(
        statuses=", ".join(status_word(s) for s in result.shown_statuses),
        as_of=fmt_datetime(result.as_of),
    )


def _by() -> list[tuple[str, str]]:
    return [(_("By rule"), _("rule")), (_("By owner"), _("owner")), (_("By team"), _("team"))]


def table(result: DeadlinesResult, color: bool, cols: int | None = None) -> str:
    """The items worst first and the counts by rule, owner and team, fitted to the terminal's
    width: ids, rule ids and owners whole; the times, the tier and the rule's names fold or
    go first; one block per item when even the ids do not fit side by side."""
    width = cols or console.width()
    shown_items = _shown(result)
    parts: list[Any] = []
    if shown_items:
        fitted = fit(_items_cols(shown_items, result.facts, color), width, _title(result))
        parts.append(fitted.renderable)
        parts += _left_out(fitted.dropped)
        if result.item_count > MAX_TABLE_ITEMS:
            parts.append(Text(_more(result)))
    else:
        parts.append(Text(_none(result), style="green" if color else ""))
    for (title, first), rows in zip(
        _by(), (result.rules, result.owners, result.teams), strict=True
    ):
        fitted = _fit_summary(_summary_cols(first, rows, color, rows is result.rules), width, title)
        parts.append(fitted.renderable)
        parts += _left_out(fitted.dropped)
    parts.append(
        Text(
            _("As of {as_of} ({zone}); {verdict}.").format(
                as_of=fmt_datetime(result.as_of), zone=result.zone, verdict=_verdict(result)
            )
        )
    )
    return to_text(*parts, color=color, cols=width)


def markdown(result: DeadlinesResult) -> str:
    lines = [
        "### "
        + md(
            _("{sla}: follow-ups as of {as_of} ({zone})").format(
                sla=result.sla_name, as_of=fmt_datetime(result.as_of), zone=result.zone
            )
        ),
        "",
    ]
    counts = ", ".join(status_count(s, result.counts.get(s, 0)) for s in STATUSES)
    lines += [md(counts), ""]
    shown_items = _shown(result)
    if shown_items:
        # Markdown has room: every column, start before due and the tier last
        order = (0, 1, 2, 3, 7, 5, 4, 6)
        headers = [_item_headers()[k] for k in order]
        lines.append(md_row(headers))
        lines.append(md_row([Md("---")] * len(headers)))
        for i in shown_items:
            c: list[str] = [_item_cells(i, result.facts)[k] for k in order]
            status = md(c[3])
            c[3] = Md(f"**{status}**" if i.status == "breached" else status)
            lines.append(md_row(c))
        if result.item_count > MAX_TABLE_ITEMS:
            lines.append("\n" + md(_more(result)))
    else:
        lines.append(md(_none(result)))
    for (title, first), rows in zip(
        _by(), (result.rules, result.owners, result.teams), strict=True
    ):
        with_names = rows is result.rules
        heads = [first, *([_("name")] if with_names else []), *map(status_word, STATUSES)]
        heads.append(_("compliance"))
        lines += ["", f"**{md(title)}**", "", md_row(heads), md_row([Md("---")] * len(heads))]
        lines += [
            md_row([s.key, *([s.name or ""] if with_names else []), *_counts_cells(s)])
            for s in rows
        ]
    return "\n".join(lines) + "\n"

"""`explain` results: a readable account of one lead, or JSON."""

from __future__ import annotations

from dataclasses import asdict
from datetime import datetime
from typing import Any

from rich.text import Text

from leadsla.i18n import _, fmt_datetime, fmt_int, fmt_number, ngettext
from leadsla.messages import local
from leadsla.render import console
from leadsla.render.console import to_text
from leadsla.render.deadlines import (
    STATUS_STYLE,
    item_json,
    left_or_over,
    status_word,
    tier_label,
    when,
)
from leadsla.render.fitting import Col, fit, left_out
from leadsla.render.jsonout import dumps, fields_json, header, iso
from leadsla.render.score import qualification_word
from leadsla.results import DeadlineItem, ExplainResult, LeadExplained, RuleExplained, RuleFacts


def _value(v: object) -> Any:
    if isinstance(v, datetime):
        return iso(v)
    return v


def json_doc(result: ExplainResult) -> str:
    doc = header(result.as_of, result.holidays_version)
    doc["summary"] = {"fields": fields_json(result.rows)}
    doc["leads"] = []
    for lead in result.leads:
        d = asdict(lead)
        for r in d["rules"]:  # a tier's rule and index serve the table: the JSON has `name`
            del r["rule"], r["tier"]
        d["fields"] = {k: _value(v) for k, v in lead.fields.items()}
        d["deadlines"] = [item_json(i) for i in lead.deadlines]
        doc["leads"].append(d)
    return dumps(doc)


def shown_value(v: object) -> str:
    """A field's value for people: integers without `.0`, dates in the locale's format."""
    if v is None:
        # i18n: an empty cell of the export
        return _("(blank)")
    if isinstance(v, bool):
        return _("yes") if v else _("no")
    if isinstance(v, datetime):
        return fmt_datetime(v)
    if isinstance(v, float):
        return fmt_number(v, 6)
    if isinstance(v, int):
        return fmt_int(v)
    return str(v)


def _part_word(part: str) -> str:
    words = {
        # i18n: the fit part of a lead's score (who they are)
        "fit": _("fit"),
        "engagement": _("engagement"),
        # i18n: a rule that disqualifies a lead
        "disqualify": _("disqualify"),
        "mql": "MQL",
        # i18n: a follow-up rule's tier (a target for some leads), e.g. "grade A: 1h"
        "tier": _("tier"),
    }
    return words.get(part, part)


def _rule_name(r: RuleExplained, facts: dict[str, RuleFacts]) -> str:
    if r.part == "mql":
        return _("MQL definition")
    if r.rule is not None:
        f = facts.get(r.rule)
        label = f.label_of(r.tier) if f is not None else None
        if label is not None:
            return _("{rule} tier ({label})").format(rule=r.rule, label=label)
    return r.name


def target(i: DeadlineItem, facts: dict[str, RuleFacts]) -> str:
    """The target as written, its minutes on the rule's clock beside: `2d (1,090 business
    min)`; a tier's label in front of it (`grade A: 1h (60 business min)`)."""
    f = facts.get(i.rule)
    written = tier_label(i, facts) if i.tier is not None else (f.within if f else "")
    if i.target_minutes is None:
        return written or "–"
    minutes = fmt_number(i.target_minutes, 0)
    if f is None or f.clock == "business":
        # i18n: a target in business minutes, e.g. "2d (1,090 business min)"
        beside = _("{minutes} business min").format(minutes=minutes)
    else:
        beside = _("{minutes} min").format(minutes=minutes)
    return f"{written} ({beside})" if written else beside


def _fields_table(lead: LeadExplained, width: int) -> Any:
    names = list(lead.fields)
    cols = [
        Col(_("field"), names, whole=True),
        Col(_("value"), [shown_value(lead.fields[k]) for k in names], floor=20),
    ]
    return fit(cols, width, _("Fields as read (in the export's order)")).renderable


def _rules_table(
    lead: LeadExplained, facts: dict[str, RuleFacts], color: bool, width: int
) -> list[Any]:
    rules = lead.rules
    cols = [
        # i18n: which part of the SLA a rule belongs to (fit, engagement, disqualify...)
        Col(_("part"), [_part_word(r.part) for r in rules], whole=True),
        Col(_("rule"), [_rule_name(r, facts) for r in rules], floor=16),
        Col(
            # i18n: whether a rule's condition held for the lead
            _("fired"),
            [
                Text(
                    _("yes") if r.fired else _("no"),
                    style=("green" if r.fired else "dim") if color else "",
                )
                for r in rules
            ],
            whole=True,
        ),
        Col(
            _("points"),
            ["" if r.points is None else fmt_number(r.points, 2) for r in rules],
            whole=True,
            justify="right",
        ),
        Col(
            _("condition"),
            [local(r.condition) if r.condition else _("(always)") for r in rules],
            drop=2,
            floor=20,
        ),
        # the condition and the reason are English in the JSON, the reader's words here
        Col(_("why / how"), [local(r.detail) for r in rules], drop=1, floor=20),
    ]
    fitted = fit(cols, width, _("Rules"))
    return [fitted.renderable, *_left_out(fitted.dropped)]


def _summary(lead: LeadExplained) -> Text:
    grades = ", ".join(f"{g} ≥ {fmt_number(t, 2)}" for g, t in lead.grades.items()) or _("none")
    eng = _("engagement {points}").format(points=fmt_number(lead.engagement_raw, 2))
    if lead.engagement_cap is not None:
        eng += " " + _("(cap {cap})").format(cap=fmt_number(lead.engagement_cap, 2))
    if lead.decay:
        eng += " " + _("× decay {factor} [{how}]").format(
            factor=fmt_number(lead.decay_factor, 3), how=local(lead.decay)
        )
    qualification = qualification_word(lead.qualification)
    lines = [
        _("fit {fit} → grade {grade} (thresholds: {grades}; below all: D)").format(
            fit=fmt_number(lead.fit, 2), grade=lead.grade, grades=grades
        ),
        f"{eng} = {fmt_number(lead.engagement, 2)}",
        _("score = fit + engagement = {score}").format(score=fmt_number(lead.score, 2)),
        _("qualification: {qualification}").format(qualification=qualification)
        + (" " + _("(reason: {reason})").format(reason=lead.reason) if lead.reason else ""),
        _("funnel stage: {stage}").format(stage=lead.funnel_stage or _("(none)")),
    ]
    return Text("\n".join(lines))


def _deadlines_table(
    items: list[DeadlineItem], facts: dict[str, RuleFacts], color: bool, width: int
) -> list[Any]:
    def stopped(i: DeadlineItem) -> str:
        return f"{when(i.stopped)} ({i.stopped_by})" if i.stopped else "–"

    def business(i: DeadlineItem) -> bool:
        f = facts.get(i.rule)
        return f is None or f.clock == "business"

    cols = [
        Col(_("rule"), [i.rule for i in items], whole=True),
        Col(
            _("status"),
            [
                Text(status_word(i.status), style=STATUS_STYLE[i.status] if color else "")
                for i in items
            ],
            whole=True,
        ),
        # i18n: a follow-up's target, as the SLA writes it
        Col(_("target"), [target(i, facts) for i in items], drop=1, floor=14),
        Col(_("over by / left"), [left_or_over(i, business(i)) for i in items], drop=2, whole=True),
        Col(_("due"), [when(i.due) for i in items], drop=3, whole=True),
        # i18n: when and by which field a follow-up's clock stopped
        Col(_("stopped"), [stopped(i) for i in items], drop=4, floor=16),
        Col(_("start"), [when(i.start) for i in items], drop=5, whole=True),
    ]
    fitted = fit(cols, width, _("Deadlines"))
    return [fitted.renderable, *_left_out(fitted.dropped)]


def _lead_parts(
    lead: LeadExplained, facts: dict[str, RuleFacts], color: bool, width: int
) -> list[Any]:
    parts: list[Any] = [
        Text(
            _("Lead {id} (line {line})").format(id=lead.id, line=fmt_int(lead.line))
            if lead.line is not None
            else _("Lead {id}").format(id=lead.id),
            style="bold" if color else "",
        ),
        _fields_table(lead, width),
    ]
    parts += _rules_table(lead, facts, color, width)
    parts.append(_summary(lead))
    if lead.deadlines:
        parts += _deadlines_table(lead.deadlines, facts, color, width)
    return parts


def table(result: ExplainResult, color: bool, cols: int | None = None) -> str:
    width = cols or console.width()
    parts: list[Any] = []
    n = len(result.leads)
    if n > 1:
        parts.append(
            Text(
                ngettext(
                    "{n} row of the export has this id; each is shown.",
                    "{n} rows of the export have this id; each is shown.",
                    n,
                ).format(n=fmt_int(n)),
                style="yellow" if color else "",
            )
        )
    for lead in result.leads:
        parts.extend(_lead_parts(lead, result.facts, color, width))
    return to_text(*parts, color=color, cols=width)


def _left_out(dropped: list[str]) -> list[Text]:
    return left_out(dropped, _("Not shown at this width: {columns} (--format json has them)."))

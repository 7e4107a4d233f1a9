"""`explain` results: a readable account of one lead, or JSON."""

from __future__ import annotations

from dataclasses import asdict
from datetime import datetime
from typing import Any

from rich.table import Table
from rich.text import Text

from leadsla.render.console import num, to_text
from leadsla.render.deadlines import STATUS_STYLE, item_json, left_or_over, when
from leadsla.render.jsonout import dumps, fields_json, header, iso
from leadsla.results import ExplainResult, LeadExplained


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
        d["fields"] = {k: _value(v) for k, v in lead.fields.items()}
        d["deadlines"] = [item_json(i) for i in lead.deadlines]
        doc["leads"].append(d)
    return dumps(doc)


def _lead_parts(lead: LeadExplained, color: bool) -> list[Any]:
    parts: list[Any] = [Text(f"Lead {lead.id} (line {lead.line})", style="bold")]
    fields = Table(title="Fields as read", title_justify="left", show_header=False)
    fields.add_column("field")
    fields.add_column("value")
    for k, v in lead.fields.items():
        shown = (
            "(blank)"
            if v is None
            else (v.isoformat(timespec="minutes") if isinstance(v, datetime) else str(v))
        )
        fields.add_row(k, shown)
    parts.append(fields)
    rules = Table(title="Rules", title_justify="left")
    for c in ("part", "rule", "condition", "fired", "points", "why / how"):
        rules.add_column(c)
    for r in lead.rules:
        fired = Text(
            "yes" if r.fired else "no", style=("green" if r.fired else "dim") if color else ""
        )
        rules.add_row(
            r.part,
            r.name,
            r.condition or "(always)",
            fired,
            "" if r.points is None else f"{r.points:g}",
            r.detail,
        )
    parts.append(rules)
    grades = ", ".join(f"{g} ≥ {t:g}" for g, t in lead.grades.items()) or "none"
    eng = f"engagement {num(lead.engagement_raw)}"
    if lead.engagement_cap is not None:
        eng += f" (cap {lead.engagement_cap:g})"
    if lead.decay:
        eng += f" × decay {lead.decay_factor:.3f} [{lead.decay}]"
    lines = [
        f"fit {num(lead.fit)} → grade {lead.grade} (thresholds: {grades}; below all: D)",
        f"{eng} = {num(lead.engagement)}",
        f"score = fit + engagement = {num(lead.score)}",
        f"qualification: {lead.qualification}"
        + (f" (reason: {lead.reason})" if lead.reason else ""),
        f"funnel stage: {lead.funnel_stage or '(none)'}",
    ]
    parts.append(Text("\n".join(lines)))
    if lead.deadlines:
        dl = Table(title="Deadlines", title_justify="left")
        for c in ("rule", "status", "start", "due", "stopped", "", "target"):
            dl.add_column(c)
        for i in lead.deadlines:
            dl.add_row(
                i.rule,
                Text(i.status, style=STATUS_STYLE[i.status] if color else ""),
                when(i.start),
                when(i.due),
                f"{when(i.stopped)} ({i.stopped_by})" if i.stopped else "–",
                left_or_over(i),
                f"{i.target_minutes:g} min" if i.target_minutes is not None else "–",
            )
        parts.append(dl)
    return parts


def table(result: ExplainResult, color: bool) -> str:
    parts: list[Any] = []
    if len(result.leads) > 1:
        parts.append(
            Text(
                f"{len(result.leads)} rows of the export have this id; each is shown.",
                style="yellow" if color else "",
            )
        )
    for lead in result.leads:
        parts.extend(_lead_parts(lead, color))
    return to_text(*parts, color=color)

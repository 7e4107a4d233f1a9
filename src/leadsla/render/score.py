"""`score` results: a rich table, JSON (SPEC §3) or CSV."""

from __future__ import annotations

import io
from dataclasses import asdict
from typing import Any

from rich.table import Table
from rich.text import Text

from leadsla.csvsafe import SafeWriter
from leadsla.render.console import num, to_text
from leadsla.render.jsonout import dumps, fields_json, header
from leadsla.results import RowSummary, ScoreResult

QUALIFICATION_STYLE = {"mql": "bold green", "not_qualified": "", "disqualified": "red"}
AUDIT_SHOWN = 10


def rows_dict(rows: RowSummary) -> dict[str, Any]:
    counts = {k: v for k, v in asdict(rows).items() if k not in ("source", "fields")}
    return {**counts, "fields": fields_json(rows)}


def json_doc(result: ScoreResult) -> str:
    doc = header(result.as_of)
    doc["summary"] = {
        **rows_dict(result.rows),
        "by_grade": result.by_grade,
        "by_qualification": result.by_qualification,
        "by_grade_and_qualification": result.by_grade_and_qualification,
        "handoff": {
            "stage": result.handoff_stage,
            "not_qualified": result.not_qualified,
            "not_handed_off": result.not_handed_off,
        },
        "stage_mismatch": [asdict(m) for m in result.stage_mismatch],
    }
    doc["leads"] = [asdict(lead) for lead in result.leads]
    return dumps(doc)


def csv_doc(result: ScoreResult) -> str:
    buf = io.StringIO()
    writer = SafeWriter(buf, lineterminator="\n")
    writer.writerow(
        ["id", "fit", "grade", "engagement", "score", "qualification", "reason", "funnel_stage"]
    )
    for lead in result.leads:
        writer.writerow(
            [
                lead.id,
                lead.fit,
                lead.grade,
                lead.engagement,
                lead.score,
                lead.qualification,
                lead.reason,
                lead.funnel_stage,
            ]
        )
    return buf.getvalue()


def _ids(ids: list[str]) -> str:
    shown = ", ".join(ids[:AUDIT_SHOWN])
    return shown + (f", … (+{len(ids) - AUDIT_SHOWN:,})" if len(ids) > AUDIT_SHOWN else "")


def table(result: ScoreResult, color: bool) -> str:
    quals = list(result.by_qualification)
    heading = Text(
        f"{result.sla_name} — leads by grade and qualification", style="bold" if color else ""
    )
    grid = Table()
    grid.add_column("grade")
    for q in quals:
        grid.add_column(q, justify="right", style=QUALIFICATION_STYLE[q])
    grid.add_column("total", justify="right", style="bold")
    for g in result.grades:
        cells = result.by_grade_and_qualification.get(g, {})
        grid.add_row(g, *[f"{cells.get(q, 0):,}" for q in quals], f"{result.by_grade.get(g, 0):,}")
    grid.add_row(
        "all",
        *[f"{result.by_qualification[q]:,}" for q in quals],
        f"{sum(result.by_grade.values()):,}",
        style="bold",
    )

    shown = "all" if result.top is None else f"top {len(result.leads)}"
    top_heading = Text(
        f"Leads by score ({shown} of {result.total_leads:,})", style="bold" if color else ""
    )
    top = Table()
    for name, justify in (
        ("id", "left"),
        ("score", "right"),
        ("fit", "right"),
        ("grade", "center"),
        ("engagement", "right"),
        ("qualification", "left"),
        ("stage", "left"),
    ):
        top.add_column(name, justify=justify)  # type: ignore[arg-type]
    for lead in result.leads:
        qual = lead.qualification + (f" ({lead.reason})" if lead.reason else "")
        top.add_row(
            lead.id,
            num(lead.score),
            num(lead.fit),
            lead.grade,
            num(lead.engagement),
            Text(qual, style=QUALIFICATION_STYLE[lead.qualification]),
            lead.funnel_stage or "–",
        )

    audit = Text()
    stage = result.handoff_stage or "hand-off"
    audit.append("Hand-off audit\n", style="bold")
    if result.handoff_stage is None:
        audit.append("  no funnel: nothing to audit\n")
    else:
        audit.append(
            f"  handed off ({stage}) but not qualified by the SLA: {len(result.not_qualified):,}",
            style="yellow" if result.not_qualified else "",
        )
        audit.append(f"{'  ' + _ids(result.not_qualified) if result.not_qualified else ''}\n")
        audit.append(
            f"  qualified by the SLA but never handed off: {len(result.not_handed_off):,}",
            style="yellow" if result.not_handed_off else "",
        )
        audit.append(f"{'  ' + _ids(result.not_handed_off) if result.not_handed_off else ''}\n")
        if result.stage_mismatch:
            mism = [
                f"{m.id} ({m.crm_stage} ≠ {m.funnel_stage or 'none'})"
                for m in result.stage_mismatch
            ]
            audit.append(
                f"  CRM stage disagrees with the SLA's funnel stage: {len(mism):,}  {_ids(mism)}\n"
            )
    return to_text(heading, grid, top_heading, top, audit, color=color)


RENDERERS = {"json": json_doc, "csv": csv_doc}

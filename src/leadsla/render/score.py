"""`score` results: a rich table, JSON (SPEC §3) or CSV."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import asdict
from typing import Any

from rich.table import Table
from rich.text import Text

from leadsla.render.console import num, to_text
from leadsla.render.jsonout import fields_json, header, slot, stream
from leadsla.results import RowStream, RowSummary, ScoreResult

QUALIFICATION_STYLE = {"mql": "bold green", "not_qualified": "", "disqualified": "red"}
AUDIT_SHOWN = 10


def rows_dict(rows: RowSummary) -> dict[str, Any]:
    counts = {k: v for k, v in asdict(rows).items() if k not in ("source", "fields")}
    return {**counts, "fields": fields_json(rows)}


def json_doc(result: ScoreResult) -> Iterator[str]:
    """SPEC §3's document; the leads and the audit's lists stream from the engine."""
    doc = header(result.as_of)
    doc["summary"] = {
        **rows_dict(result.rows),
        "by_grade": result.by_grade,
        "by_qualification": result.by_qualification,
        "by_grade_and_qualification": result.by_grade_and_qualification,
        "handoff": {
            "stage": result.handoff_stage,
            "not_qualified": slot(0),
            "not_handed_off": slot(1),
        },
        "stage_mismatch": slot(2),
    }
    doc["leads"] = slot(3)
    return stream(
        doc,
        [
            result.not_qualified.json_values(),
            result.not_handed_off.json_values(),
            result.stage_mismatch.json_lines(),
            result.leads.json_lines(),
        ],
    )


def csv_doc(result: ScoreResult) -> Iterator[str]:
    """The leads, best first: the cells escaped and quoted by the engine (csvsafe.py's rules)."""
    yield ",".join(result.leads.names) + "\n"
    for page in result.leads.csv_lines():
        yield "\n".join(page) + "\n"


def _ids(found: RowStream) -> tuple[int, str]:
    """How many, and the first few (`a, b, … (+12)`)."""
    n = found.count()
    shown = ", ".join(str(r["id"]) for r in found.head(AUDIT_SHOWN))
    return n, shown + (f", … (+{n - AUDIT_SHOWN:,})" if n > AUDIT_SHOWN else "")


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

    leads = result.leads.head()
    shown = "all" if result.top is None else f"top {len(leads)}"
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
    for lead in leads:
        qual = lead["qualification"] + (f" ({lead['reason']})" if lead["reason"] else "")
        top.add_row(
            lead["id"],
            num(lead["score"]),
            num(lead["fit"]),
            lead["grade"],
            num(lead["engagement"]),
            Text(qual, style=QUALIFICATION_STYLE[lead["qualification"]]),
            lead["funnel_stage"] or "–",
        )

    audit = Text()
    stage = result.handoff_stage or "hand-off"
    audit.append("Hand-off audit\n", style="bold")
    if result.handoff_stage is None:
        audit.append("  no funnel: nothing to audit\n")
    else:
        for what, found in (
            (f"handed off ({stage}) but not qualified by the SLA", result.not_qualified),
            ("qualified by the SLA but never handed off", result.not_handed_off),
        ):
            n, ids = _ids(found)
            audit.append(f"  {what}: {n:,}", style="yellow" if n else "")
            audit.append(f"{'  ' + ids if n else ''}\n")
        n_mism = result.stage_mismatch.count()
        if n_mism:
            mism = [
                f"{m['id']} ({m['crm_stage']} ≠ {m['funnel_stage'] or 'none'})"
                for m in result.stage_mismatch.head(AUDIT_SHOWN)
            ]
            more = f", … (+{n_mism - AUDIT_SHOWN:,})" if n_mism > AUDIT_SHOWN else ""
            audit.append(
                f"  CRM stage disagrees with the SLA's funnel stage: {n_mism:,}  "
                f"{', '.join(mism)}{more}\n"
            )
    return to_text(heading, grid, top_heading, top, audit, color=color)

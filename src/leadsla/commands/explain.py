"""`leadsla explain LEAD_ID`: every rule, point, grade and deadline of one lead."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from leadsla.commands.common import (
    DataOptions,
    Notify,
    load_for_command,
    open_session,
    row_summary,
    zone_of,
)
from leadsla.commands.deadlines import evaluate
from leadsla.data.accounting import mask
from leadsla.data.db import rows
from leadsla.engine import deadlines as dl
from leadsla.engine.calendar import holidays_version
from leadsla.engine.derive import Deriver
from leadsla.engine.explain import ExplainedRow, explain_query, explain_rows, rules_explained
from leadsla.engine.sqlbuild import pretty_sql
from leadsla.errors import LeadNotFound
from leadsla.results import STATUSES, ExplainResult, LeadExplained
from leadsla.sla.conditions import suggest

EXPLAIN_SECTIONS = ("scoring", "qualification", "funnel", "follow_up")


def run_explain(
    opts: DataOptions, notify: Notify, lead_id: str, *, show_sql: bool
) -> ExplainResult | str:
    loaded = load_for_command(opts.sla)
    sla = loaded.sla
    sections = {s for s in EXPLAIN_SECTIONS if getattr(sla, s) is not None}
    with open_session(opts, loaded, sections, notify) as session:
        export = session.export
        deriver = Deriver(
            sla, export.types, session.as_of, sections | {"funnel", "scoring", "qualification"}
        )
        if show_sql:
            return pretty_sql(explain_query(deriver, lead_id))
        found = explain_rows(export.con, deriver, lead_id)
        if not found:
            raise LeadNotFound(
                _not_found(export.con, lead_id, export.source.name, export.id_from, opts.redact)
            )
        business = None
        if sla.follow_up:
            business = evaluate(session, list(sla.follow_up), deriver)
        items = (
            dl.items(export.con, dl.Filters(lead=lead_id), list(STATUSES), zone_of(loaded))
            if sla.follow_up
            else []
        )
        tz = ZoneInfo(zone_of(loaded))
        localised = [
            ExplainedRow(
                {
                    k: (x.astimezone(tz) if isinstance(x, datetime) else x)
                    for k, x in v.fields.items()
                },
                v.columns,
            )
            for v in found
        ]
        leads = [
            _lead(deriver, v, export.lines.line(int(v.columns["_row"])), items, list(export.types))
            for v in localised
        ]
        return ExplainResult(
            session.as_of,
            sla.name,
            holidays_version() if business else None,
            leads,
            row_summary(export),
        )


def _not_found(con: Any, lead_id: str, source: str, id_from: str, redact: bool) -> str:
    """No such lead; the closest id as a hint. With --redact, the id given is masked (it is
    likely a cell of the export, give or take a typo) and the close one left out."""
    ids = [
        r[0] for r in rows(con, "SELECT DISTINCT _id FROM leads WHERE _id IS NOT NULL LIMIT 100000")
    ]
    where = {
        "id": "its id column",
        "email": "its e-mail column (no id column)",
        "line": "line numbers (no id or e-mail column)",
    }[id_from]
    hint = suggest(lead_id, ids)
    if redact:
        hint = "; a close id exists (hidden by --redact)" if hint else ""
        lead_id = mask(lead_id)
    return f"no lead with id `{lead_id}` in {source} (ids come from {where}){hint}"


def _lead(
    deriver: Deriver, row: ExplainedRow, line: int, items: list[Any], fields: list[str]
) -> LeadExplained:
    sla = deriver.sla
    values, own = row.fields, row.columns
    scoring = sla.scoring
    eng = scoring.engagement if scoring else None
    decay = None
    if eng and eng.decay:
        since = values.get(eng.decay.since)
        decay = f"half-life {eng.decay.half_life} since {eng.decay.since} ({since.isoformat() if since else 'blank: no decay'})"
    return LeadExplained(
        id=str(own["_lead"]),
        line=line,
        fields={f: values.get(f) for f in fields},
        rules=rules_explained(deriver, row),
        fit=float(values["fit"]),
        grades=dict(scoring.fit.grades) if scoring and scoring.fit else {},
        grade=values["grade"],
        engagement_raw=float(own["_engagement_raw"]),
        engagement_cap=eng.cap if eng else None,
        decay_factor=float(own["_decay"]),
        decay=decay,
        engagement=float(values["engagement"]),
        score=float(values["score"]),
        qualification=values["qualification"],
        reason=own["reason"],
        funnel_stage=values["funnel_stage"],
        deadlines=[i for i in items if i.row == int(own["_row"])],  # ids may be shared
    )

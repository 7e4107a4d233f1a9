"""`score`: the derived fields of every lead in table `scored`, and the summaries of SPEC §3."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import sqlglot.expressions as exp

from leadsla.data.db import Connection, rows, run
from leadsla.data.reader import Wrap
from leadsla.engine.derive import Deriver
from leadsla.engine.rows import Column, Kind, Rows
from leadsla.engine.sqlbuild import call, case, cast, col, lit
from leadsla.results import LEAD_COLUMNS, STAGE_MISMATCH_COLUMNS
from leadsla.sla.conditions import FieldType
from leadsla.sla.lowercase import fold
from leadsla.sla.models import Sla
from leadsla.sla.semantics import FALLBACK_GRADE, QUALIFICATIONS

SCORED = "scored"
SCORED_COLUMNS = [
    "_row",
    "_lead",
    "fit",
    "grade",
    "engagement",
    "score",
    "qualification",
    "reason",
    "funnel_stage",
]


def scoring_wrap(sla: Sla, as_of: datetime) -> Wrap:
    """Score in the same pass that reads the export: `leads` then holds, per lead, `_id`,
    `_bad` (and the raw cells for --output) and the derived fields; `scored` is a view of it."""

    def wrap(query: exp.Select, types: dict[str, FieldType], keep: list[str]) -> exp.Select:
        deriver = Deriver(sla, types, as_of, source=query, keep=keep)
        derived = deriver.derived()
        handoff = handoff_entered(sla)
        if handoff is not None:
            derived = deriver.qualified_at(derived, handoff, "_handoff_qualification")
        return exp.select(*[exp.column(c) for c in keep], *scored_columns(sla)).from_(
            derived.subquery("d", copy=False)
        )

    return wrap


def create_scored_view(con: Connection) -> None:
    run(
        con,
        f"""CREATE OR REPLACE TEMP VIEW {SCORED} AS
            SELECT rowid AS _row, _id AS _lead, {", ".join(SCORED_COLUMNS[2:])},
                   _handed_off, _handoff_qualification, _crm_stage, _crm_stage_id
            FROM leads""",
    )


def create_remote_scored_view(con: Connection, table: str) -> None:
    """`scored` over the rows a remote engine returned (engine/remote/scripts.py's columns).
    A table has no export order: the leads are numbered (`_row`, the order lists follow) by
    id in binary order, leads without an id last, ties in the script's order."""
    run(
        con,
        f"""CREATE OR REPLACE TEMP TABLE {SCORED} AS
            SELECT row_number() OVER (ORDER BY id NULLS LAST, rowid) AS _row, id AS _lead,
                   {", ".join(SCORED_COLUMNS[2:])},
                   handed_off AS _handed_off, handoff_qualification AS _handoff_qualification,
                   crm_stage AS _crm_stage, crm_stage_id AS _crm_stage_id
            FROM {table} ORDER BY _row""",
    )


def scored_columns(sla: Sla) -> list[exp.Expression]:
    # The derived fields leave their namespace here: `scored` holds no field of the export.
    select: list[exp.Expression] = [
        exp.column(c) if c == "reason" else exp.alias_(col(c), c) for c in SCORED_COLUMNS[2:]
    ]
    handoff = handoff_entered(sla)
    handed_off = (
        exp.not_(exp.Is(this=handoff, expression=exp.null()))
        if handoff is not None
        else exp.false()
    )
    select.append(exp.alias_(handed_off, "_handed_off"))
    # the hand-off audit judges each lead with its engagement as it was when handed off
    judged = exp.column("_handoff_qualification") if handoff is not None else exp.null()
    select.append(exp.alias_(cast(judged, "VARCHAR"), "_handoff_qualification"))
    stage_field = sla.funnel.stage_field if sla.funnel else None
    crm = col(stage_field) if stage_field else cast(exp.null(), "VARCHAR")
    select.append(exp.alias_(crm, "_crm_stage"))
    stages = sla.funnel.stages if sla.funnel else []
    labels = {fold(v.strip()): s.id for s in stages for v in s.values}
    whens = [
        (exp.EQ(this=call("lower", crm.copy()), expression=lit(k)), lit(v))
        for k, v in labels.items()
    ]
    crm_id = case(whens) if whens else cast(exp.null(), "VARCHAR")
    select.append(exp.alias_(crm_id, "_crm_stage_id"))
    return select


def handoff_entered(sla: Sla) -> exp.Expression | None:
    if sla.funnel is None:
        return None
    for stage in sla.funnel.stages:
        if stage.id == sla.funnel.handoff:
            return col(stage.entered)
    return None


def grade_labels(sla: Sla) -> list[str]:
    fit = sla.scoring.fit if sla.scoring else None
    return [*(fit.grades if fit else {}), FALLBACK_GRADE]


def counts(
    con: Connection, sla: Sla
) -> tuple[dict[str, int], dict[str, int], dict[str, dict[str, int]]]:
    grades = grade_labels(sla)
    by_gq: dict[str, dict[str, int]] = {g: dict.fromkeys(QUALIFICATIONS, 0) for g in grades}
    for grade, qualification, n in rows(
        con, f"SELECT grade, qualification, count(*) FROM {SCORED} GROUP BY ALL"
    ):
        by_gq.setdefault(grade, dict.fromkeys(QUALIFICATIONS, 0))[qualification] = int(n)
    by_grade = {g: sum(q.values()) for g, q in by_gq.items()}
    by_qual = {q: sum(by_gq[g][q] for g in by_gq) for q in QUALIFICATIONS}
    return by_grade, by_qual, by_gq


_COLUMNS: dict[str, tuple[str, Kind]] = {
    "id": ("CAST(_lead AS VARCHAR)", "text"),
    "fit": ("fit", "number"),
    "engagement": ("engagement", "number"),
    "score": ("score", "number"),
    "crm_stage": ("_crm_stage", "text"),
    "crm_stage_id": ("_crm_stage_id", "text"),
}
"""How `scored` gives each column of LEAD_COLUMNS and STAGE_MISMATCH_COLUMNS (else: text,
under its own name)."""


def _columns(names: tuple[str, ...]) -> tuple[Column, ...]:
    return tuple(Column(n, *_COLUMNS.get(n, (n, "text"))) for n in names)


TOP_ORDER = (
    "CASE qualification WHEN 'mql' THEN 0 ELSE 1 END, score DESC NULLS LAST, "
    "CAST(_lead AS VARCHAR), _row"
)
"""The top leads: MQLs first, then the leads not qualified, each by score (highest first),
then by id (then export order, for a duplicated id)."""


def lead_scores(con: Connection, top: int | None, zone: str) -> Rows:
    """The `top` best leads (TOP_ORDER; a disqualified lead is never one of them), or, without
    `top`, every lead in the export's order."""
    if top is None:
        return Rows(con, SCORED, _columns(LEAD_COLUMNS), "_row", zone)
    return Rows(
        con,
        SCORED,
        _columns(LEAD_COLUMNS),
        TOP_ORDER,
        zone,
        "qualification <> 'disqualified'",
        limit=top,
    )


@dataclass(frozen=True)
class Audit:
    """The hand-off audit: handed off but not qualified when handed off (engagement decayed at
    the hand-off time, everything else as of), qualified (as of) but never handed off, and
    CRM stage labels that name another stage than `funnel_stage` (all in export order)."""

    not_qualified: Rows
    not_handed_off: Rows
    stage_mismatch: Rows


def audit(con: Connection, sla: Sla, zone: str) -> Audit:
    def rows_of(names: tuple[str, ...], where: str) -> Rows:
        return Rows(con, SCORED, _columns(names), "_row", zone, where)

    # no hand-off stage: nothing to audit
    handoff = handoff_entered(sla) is not None
    stages = bool(
        sla.funnel and sla.funnel.stage_field and any(s.values for s in sla.funnel.stages)
    )
    return Audit(
        rows_of(
            ("id",),
            "_handed_off AND _handoff_qualification <> 'mql'" if handoff else "FALSE",
        ),
        rows_of(("id",), "NOT _handed_off AND qualification = 'mql'" if handoff else "FALSE"),
        rows_of(
            STAGE_MISMATCH_COLUMNS,
            "_crm_stage IS NOT NULL AND _crm_stage_id IS DISTINCT FROM funnel_stage"
            if stages
            else "FALSE",
        ),
    )

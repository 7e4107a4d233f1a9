"""`explain`: one lead's rules, points, grade, qualification and deadlines, from the same SQL."""

from __future__ import annotations

from typing import Any

import sqlglot.expressions as exp

from leadsla.data.db import Connection, one
from leadsla.engine.conditions import why_not
from leadsla.engine.derive import Deriver
from leadsla.engine.sqlbuild import sql
from leadsla.results import RuleExplained
from leadsla.sla.conditions import Condition, describe


def checks(deriver: Deriver) -> list[tuple[str, str, Condition | None, exp.Expression]]:
    """(part, name, condition, SQL of whether it holds) for every rule the lead meets."""
    sla = deriver.sla
    out: list[tuple[str, str, Condition | None, exp.Expression]] = []
    if "scoring" in deriver.sections:
        for r in deriver.rule_columns():
            part = "fit" if r.part == "fit" else "engagement"
            out.append(
                (
                    part,
                    r.rule.name,
                    r.rule.when,
                    deriver.cond(r.rule.when) if r.rule.when else exp.true(),
                )
            )
    qual = sla.qualification if "qualification" in deriver.sections else None
    if qual:
        for d in qual.disqualify:
            out.append(("disqualify", d.reason, d.when, deriver.cond(d.when)))
        if qual.mql is not None:
            out.append(("mql", "MQL definition", qual.mql, deriver.cond(qual.mql)))
    for f in sla.follow_up or [] if "follow_up" in deriver.sections else []:
        for i, t in enumerate(f.tiers):
            out.append(
                ("tier", f"{f.id} tier {i} (within {t.within})", t.when, deriver.cond(t.when))
            )
    return out


def explain_query(deriver: Deriver, lead_id: str) -> exp.Select:
    cks = checks(deriver)
    contributions = (
        [exp.column(r.name) for r in deriver.rule_columns()]
        if "scoring" in deriver.sections
        else []
    )
    return exp.select(
        exp.Star(),
        *[exp.alias_(cond, f"_check_{i}") for i, (_, _, _, cond) in enumerate(cks)],
        *[exp.alias_(c, f"_points_{i}") for i, c in enumerate(contributions)],
    ).from_(deriver.derived(where_id=lead_id).subquery("e", copy=False))


def explain_rows(con: Connection, deriver: Deriver, lead_id: str) -> list[dict[str, Any]]:
    cursor = con.execute(f"SELECT * FROM ({sql(explain_query(deriver, lead_id))}) ORDER BY _row")
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, r, strict=True)) for r in cursor.fetchall()]


def rules_explained(deriver: Deriver, values: dict[str, Any]) -> list[RuleExplained]:
    out: list[RuleExplained] = []
    point_index = 0
    for i, (part, name, cond, _) in enumerate(checks(deriver)):
        fired = bool(values[f"_check_{i}"])
        points = None
        detail = ""
        if part in ("fit", "engagement"):
            rule = deriver.rule_columns()[point_index].rule
            points = float(values[f"_points_{point_index}"])
            point_index += 1
            if fired:
                parts = []
                if rule.per:
                    parts.append(f"{rule.points:g} × {rule.per} ({values.get(rule.per)})")
                if rule.cap is not None:
                    parts.append(f"capped at ±{rule.cap:g}")
                detail = ", ".join(parts)
        if not fired and cond is not None:
            detail = why_not(cond, values, deriver.types, deriver.as_of)
        out.append(
            RuleExplained(
                part, name, describe(cond) if cond is not None else None, fired, points, detail
            )
        )
    return out


def match_counts(con: Connection, deriver: Deriver) -> list[int]:
    """How many leads each entry of `checks` holds for (for `validate --leads`)."""
    cks = checks(deriver)
    if not cks:
        return []
    sums = ", ".join(f"count(*) FILTER (WHERE {sql(c)})" for *_, c in cks)
    return [int(n) for n in one(con, f"SELECT {sums} FROM ({sql(deriver.derived())})")]

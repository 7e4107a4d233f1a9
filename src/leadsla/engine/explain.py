"""`explain`: one lead's rules, points, grade, qualification and deadlines, from the same SQL."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import partial
from typing import Any

import sqlglot.expressions as exp

from leadsla.data.db import Connection, one, run
from leadsla.data.names import field_of_column
from leadsla.engine.conditions import why_not
from leadsla.engine.deadlines import DEADLINES, RULES, load_items
from leadsla.engine.derive import Deriver
from leadsla.engine.sqlbuild import sql
from leadsla.results import RuleExplained
from leadsla.sla.conditions import Condition, Words, describe, explained
from leadsla.sla.models import FollowUp, Rule
from leadsla.sla.semantics import DERIVED


def rules_checked(deriver: Deriver) -> list[tuple[str, str, Condition | None]]:
    """(part, name, condition) of every rule the lead is checked against, in order."""
    return [(part, name, cond) for part, name, cond, _ in _checked(deriver)]


def _checked(
    deriver: Deriver,
) -> list[tuple[str, str, Condition | None, tuple[str, int] | None]]:
    """`rules_checked`, each tier with its follow-up rule's id and its index."""
    sla = deriver.sla
    out: list[tuple[str, str, Condition | None, tuple[str, int] | None]] = []
    if "scoring" in deriver.sections:
        for r in deriver.rule_columns():
            out.append(("fit" if r.part == "fit" else "engagement", r.rule.name, r.rule.when, None))
    qual = sla.qualification if "qualification" in deriver.sections else None
    if qual:
        out += [("disqualify", d.reason, d.when, None) for d in qual.disqualify]
        if qual.mql is not None:
            out.append(("mql", "MQL definition", qual.mql, None))
    for f in sla.follow_up or [] if "follow_up" in deriver.sections else []:
        for i, t in enumerate(f.tiers):
            out.append(("tier", f"{f.id} tier {i} (within {t.within})", t.when, (f.id, i)))
    return out


def checks(deriver: Deriver) -> list[tuple[str, str, Condition | None, exp.Expression]]:
    """`rules_checked`, each with the SQL of whether it holds."""
    return [
        (part, name, cond, deriver.cond(cond) if cond is not None else exp.true())
        for part, name, cond in rules_checked(deriver)
    ]


def explain_query(deriver: Deriver, lead_id: str) -> exp.Select:
    cks = checks(deriver)
    contributions = (
        [exp.column(r.name) for r in deriver.rule_columns()]
        if "scoring" in deriver.sections
        else []
    )
    # every expression here is new: no copies (an SLA may have thousands of rules)
    return exp.select(
        exp.Star(),
        *[exp.alias_(cond, f"_check_{i}", copy=False) for i, (_, _, _, cond) in enumerate(cks)],
        *[exp.alias_(c, f"_points_{i}", copy=False) for i, c in enumerate(contributions)],
        copy=False,
    ).from_(deriver.derived(where_id=lead_id).subquery("e", copy=False), copy=False)


@dataclass(frozen=True)
class ExplainedRow:
    """One lead's row, its fields apart from leadsla's own columns: a field may be named
    `_row` or `reason` too."""

    fields: dict[str, Any]
    """Every field by name: the export's, as read, and the derived ones (`fit`, `grade`...)."""
    columns: dict[str, Any]
    """leadsla's own: `_row`, `_lead`, `reason`, `_decay`, `_engagement_raw`, `_check_0`..."""


def explain_rows(con: Connection, deriver: Deriver, lead_id: str) -> list[ExplainedRow]:
    cursor = con.execute(f"SELECT * FROM ({sql(explain_query(deriver, lead_id))}) ORDER BY _row")
    names = [d[0] for d in cursor.description]
    out = []
    for values in cursor.fetchall():
        fields: dict[str, Any] = {}
        columns: dict[str, Any] = {}
        for column, value in zip(names, values, strict=True):
            field = field_of_column(column)
            if field is None:
                columns[column] = value
            else:
                fields[field] = value
        out.append(ExplainedRow(fields, columns))
    return out


def rules_explained(deriver: Deriver, row: ExplainedRow) -> list[RuleExplained]:
    out: list[RuleExplained] = []
    point_index = 0
    values = row.fields
    scoring_rules = deriver.rule_columns()
    for i, (part, name, cond, tier) in enumerate(_checked(deriver)):
        fired = bool(row.columns[f"_check_{i}"])
        points = None
        detail: str = ""
        if part in ("fit", "engagement"):
            rule = scoring_rules[point_index].rule
            points = float(row.columns[f"_points_{point_index}"])
            point_index += 1
            if fired:
                detail = explained(partial(_counted, rule, values))
        if not fired and cond is not None:
            detail = why_not(cond, values, deriver.types, deriver.as_of)
        out.append(
            RuleExplained(
                part,
                name,
                describe(cond) if cond is not None else None,
                fired,
                points,
                detail,
                *(tier or (None, None)),
            )
        )
    return out


def _counted(rule: Rule, values: dict[str, Any], _: Words) -> str:
    """How a rule that fired counted its points: `2 × email_opens (23.0), capped at ±10`."""
    parts = []
    if rule.per:
        value = values.get(rule.per)
        # i18n: points per unit of a field, e.g. "2 × email_opens (23)"
        per = _("{points} × {field} ({value})")
        shown = _.value(value) if _.people else str(value)
        parts.append(per.format(points=_.number(rule.points), field=rule.per, value=shown))
    if rule.cap is not None:
        # i18n: a scoring rule's points are limited to this, up or down
        parts.append(_("capped at ±{cap}").format(cap=_.number(rule.cap)))
    return ", ".join(parts)


def match_counts(con: Connection, deriver: Deriver) -> list[int]:
    """How many leads each entry of `checks` holds for (for `validate --leads`)."""
    cks = checks(deriver)
    if not cks:
        return []
    sums = ", ".join(f"count(*) FILTER (WHERE {sql(c)})" for *_, c in cks)
    return [int(n) for n in one(con, f"SELECT {sums} FROM ({sql(deriver.derived())})")]


def remote_explained_rows(
    names: list[str], rows: list[tuple[Any, ...]], fields: dict[str, str], types: dict[str, str]
) -> list[ExplainedRow]:
    """`explain_rows` from the rows an engine returned for engine/remote/scripts.py's
    `explain_script` (`fields`: its column -> field; `types`: the fields' types): instants
    come as seconds since the epoch, numbers as the engine's numbers; here they become what
    DuckDB's rows hold (an aware datetime in UTC, a float, a bool)."""
    every = {**types, **DERIVED}
    out = []
    for values in rows:
        found: dict[str, Any] = {}
        columns: dict[str, Any] = {}
        for column, value in zip(names, values, strict=True):
            field = fields.get(column)
            if field is None:
                columns[column] = _own(column, value)
            else:
                found[field] = _typed(every.get(field, "text"), value)
        out.append(ExplainedRow(found, columns))
    return out


def _typed(kind: str, value: Any) -> Any:
    if value is None:
        return None
    if kind == "timestamp":
        return datetime.fromtimestamp(0, UTC) + timedelta(microseconds=round(float(value) * 1e6))
    if kind == "number":
        return float(value)
    if kind == "boolean":
        return bool(value)
    return str(value)


def _own(column: str, value: Any) -> Any:
    if value is None or column in ("_lead", "reason"):
        return value
    if column.startswith("_check_"):
        return bool(value)
    if column == "_row":
        return int(value)
    return float(value)


def load_lead_items(con: Connection, table: str, rules: list[FollowUp]) -> int:
    """`_rules` and `_deadlines` from one lead's items (engine/remote/scripts.py's
    `lead_deadlines_script`, fetched into `table`), each item's `_row` its row's number in
    the engine (as `remote_explained_rows` gives it), so that a row gets its own items.
    Returns the data warnings (as `load_items`)."""
    warnings = load_items(con, table, rules)
    run(
        con,
        f"""CREATE OR REPLACE TEMP TABLE {DEADLINES} AS
            SELECT d.* REPLACE (f._row AS _row) FROM {DEADLINES} d JOIN (
                SELECT f._row, row_number() OVER (ORDER BY f.lead NULLS LAST, r.rule_idx, f.rowid)
                       AS n
                FROM {table} f JOIN {RULES} r ON r.rule = f.rule) f ON f.n = d._row
            ORDER BY f.n""",
    )
    return warnings

"""The scripts `--engine postgres|spark` runs: `leadsla compile`'s, plus what a command shows
beyond a compiled script's columns.

`score` shows the hand-off audit (handed off but not qualified when handed off, qualified but
never handed off) and the CRM stages that name another funnel stage: `scored_script` is the
scores script with the columns the DuckDB engine's `scored` table holds for them
(engine/scoring.py), built from the same Deriver layers, lowered and checked by the compiler."""

from __future__ import annotations

from datetime import datetime

import sqlglot.expressions as exp

from leadsla.data.names import field_column
from leadsla.engine import compile_deadlines as cd
from leadsla.engine import dialects as dl
from leadsla.engine.compile import (
    SCORE_COLUMNS,
    Target,
    _order,
    binary,
    build,
    finish,
    score_fields,
)
from leadsla.engine.deadlines import LEADS
from leadsla.engine.scoring import handoff_entered, scored_columns
from leadsla.errors import MissingSection
from leadsla.messages import say
from leadsla.sla.load import LoadedSla
from leadsla.sla.needs import sections_for

SCORED_EXTRA = ("handed_off", "handoff_qualification", "crm_stage", "crm_stage_id")
"""The columns `scored_script` returns after SCORE_COLUMNS: engine/scoring.py's `_handed_off`,
`_handoff_qualification`, `_crm_stage`, `_crm_stage_id`."""
SCORED_SCRIPT_COLUMNS = (*SCORE_COLUMNS, *SCORED_EXTRA)


def scored_script(loaded: LoadedSla, dialect: str, target: Target, as_of: datetime) -> str:
    """`compile --what scores`'s script (same rows, same order) with SCORED_EXTRA after its
    columns."""
    sla = loaded.sla
    b = build(loaded, dialect, target, as_of, score_fields(loaded))
    derived = b.deriver.derived()
    handoff = handoff_entered(sla)
    if handoff is not None:
        derived = b.deriver.qualified_at(derived, handoff, "_handoff_qualification")
    extra = {e.alias: e for e in scored_columns(sla)}
    out: list[exp.Expression] = []
    for c in SCORE_COLUMNS:
        source: exp.Expression = (
            exp.column("_lead")
            if c == "id"
            else exp.column(c)
            if c == "reason"
            else exp.column(exp.to_identifier(field_column(c), quoted=True))
        )
        out.append(exp.alias_(source, c))
    for c in SCORED_EXTRA:
        e = extra[f"_{c}"]
        assert isinstance(e, exp.Alias)
        out.append(exp.alias_(e.this, c))
    scores = exp.select(*out).from_(derived.subquery("d", copy=False))
    tree = b.lower(scores)
    assert isinstance(tree, exp.Select)
    return finish(b, tree, _order(b.d), {}, "scores", SCORED_SCRIPT_COLUMNS)


def deadlines_script(loaded: LoadedSla, dialect: str, target: Target, as_of: datetime) -> str:
    """`compile --what deadlines`' script (engine/compile_deadlines.py's `compile_deadlines`,
    the same steps) with one more column, `early_ignored`: a stop before its instance's
    start that the rule ignores, a data warning of the DuckDB engine (deadlines.evaluate)."""
    sla = loaded.sla
    rules = list(sla.follow_up or [])
    if not rules:
        raise MissingSection(say("`leadsla compile --what deadlines` needs a `follow_up` section"))
    cd.require_calendar(loaded, rules)
    cal = cd.script_calendar(loaded, as_of, None, None, any(r.clock == "business" for r in rules))
    b = build(
        loaded,
        dialect,
        target,
        as_of,
        cd.deadline_fields(loaded),
        sections_for(loaded, {"follow_up"}),
    )
    found = cd.instances(b, rules).with_(LEADS, as_=b.deriver.derived(), copy=False)
    lowered = b.lower(found)
    assert isinstance(lowered, exp.Select)
    rows = cd.calendar_rows(b.d, cal)
    tree = cd.deadline_items(b, lowered, rules, cal)
    p = "p"  # the items' own subquery (cd._status)
    ignored = exp.and_(
        exp.not_(exp.Is(this=exp.column(_q("early"), _q(p)), expression=exp.null())),
        exp.not_(exp.column(_q("early_met"), _q(p))),
    )
    tree.select(exp.alias_(dl.case([(ignored, dl.n(1))], dl.n(0)), "early_ignored"), copy=False)
    order = [
        exp.Ordered(this=binary(b.d, exp.column(_q("lead"), _q("s"))), nulls_first=False),
        exp.Ordered(this=binary(b.d, exp.column(_q("rule"), _q("s"))), nulls_first=False),
        *[
            exp.Ordered(this=exp.column(_q(c), _q("s")), nulls_first=False)
            for c in ("start", "due", "stopped", "status", "owner")
        ],
    ]
    return finish(b, tree, order, rows, "deadlines", (*cd.DEADLINE_COLUMNS, "early_ignored"))


def _q(name: str) -> exp.Identifier:
    return exp.to_identifier(name, quoted=True)

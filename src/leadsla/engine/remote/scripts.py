"""The scripts `--engine postgres|spark` runs: `leadsla compile`'s, plus what a command shows
beyond a compiled script's columns.

`score` shows the hand-off audit (handed off but not qualified when handed off, qualified but
never handed off) and the CRM stages that name another funnel stage: `scored_script` is the
scores script with the columns the DuckDB engine's `scored` table holds for them
(engine/scoring.py), built from the same Deriver layers, lowered and checked by the compiler."""

from __future__ import annotations

from datetime import datetime

import sqlglot.expressions as exp

from leadsla.engine import dialects as dl
from leadsla.engine.compile import (
    AUDIT_COLUMNS,
    SCORE_COLUMNS,
    Target,
    build,
    compile_scores,
    finish,
    read_fields,
)
from leadsla.engine.compile_deadlines import compile_deadlines
from leadsla.engine.compile_goals import GOAL_COLUMNS, goals_and_periods
from leadsla.engine.periods import Period
from leadsla.engine.sqlbuild import col, not_null, timestamp
from leadsla.sla.load import LoadedSla
from leadsla.sla.needs import sections_for

SCORED_EXTRA = AUDIT_COLUMNS
"""The columns `scored_script` returns after SCORE_COLUMNS: engine/scoring.py's `_handed_off`,
`_handoff_qualification`, `_crm_stage`, `_crm_stage_id`."""
SCORED_SCRIPT_COLUMNS = (*SCORE_COLUMNS, *SCORED_EXTRA)


def scored_script(loaded: LoadedSla, dialect: str, target: Target, as_of: datetime) -> str:
    """`compile --what scores`'s script (same rows, same order) with SCORED_EXTRA after its
    columns."""
    return compile_scores(loaded, dialect, target, as_of, audit=True)


def deadlines_script(loaded: LoadedSla, dialect: str, target: Target, as_of: datetime) -> str:
    """`compile --what deadlines`' script with one more column, `early_ignored`: a stop
    before its instance's start that the rule ignores, a data warning of the DuckDB engine
    (deadlines.evaluate)."""
    return compile_deadlines(loaded, dialect, target, as_of, early_ignored=True)


GOALS_SCRIPT_COLUMNS = (*GOAL_COLUMNS, "first")
"""The columns `goals_script` returns: compile's, then `first`: the group's first value of the
goal's timestamp in all the table (engine/goals.py's `first_data`; NULL: none), which tells
a period with no data yet from one with a value but no target."""


def goals_script(
    loaded: LoadedSla, dialect: str, target: Target, as_of: datetime
) -> tuple[str, list[Period]]:
    """`compile --what goals`' script at a given as-of time with `first` after its columns;
    and the periods it holds (none: no script)."""
    return goals_and_periods(loaded, dialect, target, as_of, first_data=True)


def funnel_script(
    loaded: LoadedSla, dialect: str, target: Target, as_of: datetime, since: datetime
) -> str:
    """One row: per funnel stage (`s0`, `s1`...), the leads that entered the funnel's first
    stage since `since` and reached it by `as_of` (engine/goals.py's `funnel_steps`)."""
    funnel = loaded.sla.funnel
    assert funnel is not None and funnel.stages
    sections = sections_for(loaded, {"funnel"})
    b = build(loaded, dialect, target, as_of, read_fields(loaded, sections), sections)
    one, zero = dl.n(1), dl.n(0)
    counts = [
        exp.alias_(
            exp.func("SUM", dl.case([(not_null(col(s.entered)), one.copy())], zero.copy())),
            f"s{i}",
        )
        for i, s in enumerate(funnel.stages)
    ]
    query = (
        exp.select(*counts)
        .from_(b.deriver.base().subquery("d", copy=False))
        .where(exp.GTE(this=col(funnel.stages[0].entered), expression=timestamp(since)))
    )
    tree = b.lower(query)
    assert isinstance(tree, exp.Select)
    names = tuple(f"s{i}" for i in range(len(funnel.stages)))
    # one row: any order (finish writes an ORDER BY)
    order = [exp.Ordered(this=dl.col("s0", "s"), nulls_first=False)]
    return finish(b, tree, order, {}, "funnel", names)

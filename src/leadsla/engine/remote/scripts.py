"""The scripts `--engine postgres|spark` runs: `leadsla compile`'s, plus what a command shows
beyond a compiled script's columns.

`score` shows the hand-off audit (handed off but not qualified when handed off, qualified but
never handed off) and the CRM stages that name another funnel stage: `scored_script` is the
scores script with the columns the DuckDB engine's `scored` table holds for them
(engine/scoring.py), built from the same Deriver layers, lowered and checked by the compiler."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import sqlglot.expressions as exp

from leadsla.data.names import field_column
from leadsla.engine import compile_deadlines as cd
from leadsla.engine import compile_goals as cg
from leadsla.engine import dialects as dl
from leadsla.engine.compile import (
    SCORE_COLUMNS,
    CompileError,
    Target,
    _order,
    binary,
    build,
    finish,
    score_fields,
)
from leadsla.engine.compile_goals import GOAL_COLUMNS
from leadsla.engine.deadlines import LEADS, due_margin
from leadsla.engine.goals import goal_sections, uses_business
from leadsla.engine.periods import Period
from leadsla.engine.periods import periods as make_periods
from leadsla.engine.scoring import handoff_entered, scored_columns
from leadsla.engine.sqlbuild import col, not_null, timestamp
from leadsla.errors import MissingSection
from leadsla.messages import say
from leadsla.sla.load import LoadedSla
from leadsla.sla.needs import needed_fields, sections_for
from leadsla.sla.semantics import DERIVED

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


def span_script(loaded: LoadedSla, dialect: str, target: Target, as_of: datetime) -> str | None:
    """One row: the earliest and latest value (seconds since 1970, NULL: none) of each field
    where a business-time follow-up starts, typed as the scripts type them (a value after
    the as-of time is blank); None when no rule counts business time (no calendar needed)."""
    starts = list(
        dict.fromkeys(r.start for r in loaded.sla.follow_up or [] if r.clock == "business")
    )
    if not starts or loaded.sla.calendar is None:
        return None
    b = build(loaded, dialect, target, as_of, dict.fromkeys(starts, "timestamp"), set())
    bounds: list[exp.Expression] = []
    for i, f in enumerate(starts):
        bounds.append(exp.alias_(exp.func("MIN", col(f)), f"lo{i}"))
        bounds.append(exp.alias_(exp.func("MAX", col(f)), f"hi{i}"))
    tree = b.lower(exp.select(*bounds).from_(b.deriver.base().subquery("d", copy=False)))
    assert isinstance(tree, exp.Select)
    # one row: any order (finish writes an ORDER BY)
    order = [exp.Ordered(this=exp.column(_q("lo0"), _q("s")), nulls_first=False)]
    names = tuple(f"{k}{i}" for i in range(len(starts)) for k in ("lo", "hi"))
    return finish(b, tree, order, {}, "span", names)


def spanned_range(
    loaded: LoadedSla, as_of: datetime, row: tuple[float | None, ...]
) -> tuple[date, date]:
    """`--from`/`--to` for the scripts' business calendar from span_script's row: a week
    before the earliest start (not before `effective`) to the room the longest target needs
    after the latest start (or the as-of time), and never less than compile's default range
    (the goals' periods lie in it)."""
    sla = loaded.sla
    assert sla.calendar is not None
    zone = ZoneInfo(sla.calendar.timezone)
    lo_default, hi_default = cd.default_range(as_of, sla.calendar.timezone)
    values = [float(v) for v in row if v is not None]
    if not values:
        return lo_default, hi_default
    earliest = datetime.fromtimestamp(min(values), UTC)
    if sla.effective is not None:
        earliest = max(earliest, datetime.combine(sla.effective, time(0), zone))
    latest = max(datetime.fromtimestamp(max(values), UTC), as_of)
    first = earliest.astimezone(zone).date() - timedelta(days=7)
    last = latest.astimezone(zone).date() + due_margin(list(sla.follow_up or []), sla.calendar)
    return min(first, lo_default), max(last, hi_default)


def deadlines_script(
    loaded: LoadedSla,
    dialect: str,
    target: Target,
    as_of: datetime,
    span: tuple[date, date] | None = None,
) -> str:
    """`compile --what deadlines`' script (engine/compile_deadlines.py's `compile_deadlines`,
    the same steps) with one more column, `early_ignored`: a stop before its instance's
    start that the rule ignores, a data warning of the DuckDB engine (deadlines.evaluate)."""
    sla = loaded.sla
    rules = list(sla.follow_up or [])
    if not rules:
        raise MissingSection(say("`leadsla compile --what deadlines` needs a `follow_up` section"))
    cd.require_calendar(loaded, rules)
    first, last = span or (None, None)
    business = any(r.clock == "business" for r in rules)
    cal = cd.script_calendar(loaded, as_of, first, last, business, spanned=span is not None)
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


GOALS_SCRIPT_COLUMNS = (*GOAL_COLUMNS, "first")
"""The columns `goals_script` returns: compile's, then `first`: the group's first value of the
goal's timestamp in all the table (engine/goals.py's `first_data`; NULL: none), which tells
a period with no data yet from one with a value but no target."""


def goals_script(
    loaded: LoadedSla,
    dialect: str,
    target: Target,
    as_of: datetime,
    span: tuple[date, date] | None = None,
) -> tuple[str, list[Period]]:
    """`compile --what goals`' script (engine/compile_goals.py's `compile_goals` at a given
    as-of time, the same steps) with `first` after its columns; and the periods it holds."""
    sla = loaded.sla
    assert sla.goals is not None
    goals = list(sla.goals.targets)
    rules = list(sla.follow_up or [])
    used_rules = [r for r in rules if any(g.follow_up == r.id for g in goals)]
    cd.require_calendar(loaded, used_rules)
    business = any(uses_business(g) for g in goals) or any(
        r.clock == "business" for r in used_rules
    )
    if business and sla.calendar is None:
        raise CompileError(say("the goals measure business time, which needs a `calendar` section"))
    zone = sla.calendar.timezone if sla.calendar else (sla.leads.timezone or "UTC")
    first, last = span or (None, None)
    cal = cd.script_calendar(loaded, as_of, first, last, business, spanned=span is not None)
    found_periods = make_periods(sla.goals.period, as_of, zone, effective=sla.effective)
    if not found_periods:
        return "", []
    if found_periods[0].start < cal.lo:
        raise CompileError(
            say(
                "--from {start} is after the first period reported ({first})",
                start=str(cal.first),
                first=str(found_periods[0].first),
            )
        )
    b = build(
        loaded,
        dialect,
        target,
        as_of,
        cg.goal_fields(loaded),
        sections_for(loaded, goal_sections(sla)),
    )
    b.numbered = any(g.metric == "compliance" and (g.where or g.for_each) for g in goals)
    tree = cg._goals(b, goals, rules, found_periods, cal, as_of)
    tree.select(
        exp.alias_(dl.to_timestamp(b.d, exp.column(_q("first"), _q("y"))), "first", quoted=True),
        copy=False,
    )
    rows = cd.calendar_rows(b.d, cal)
    rows[cg.PERIODS] = dl.rows_table(
        b.d,
        "p",
        ["pi", "p_start", "p_end", "complete"],
        [
            (k, int(dl.epoch_of(p.start)), int(dl.epoch_of(p.end)), int(p.end <= as_of))
            for k, p in enumerate(found_periods)
        ],
    )
    order = [
        exp.Ordered(this=exp.column(_q("period_start"), _q("s")), nulls_first=False),
        exp.Ordered(this=binary(b.d, exp.column(_q("goal"), _q("s"))), nulls_first=False),
        exp.Ordered(this=binary(b.d, exp.column(_q("group"), _q("s"))), nulls_first=False),
    ]
    return finish(b, tree, order, rows, "goals", GOALS_SCRIPT_COLUMNS), found_periods


def funnel_script(
    loaded: LoadedSla, dialect: str, target: Target, as_of: datetime, since: datetime
) -> str:
    """One row: per funnel stage (`s0`, `s1`...), the leads that entered the funnel's first
    stage since `since` and reached it by `as_of` (engine/goals.py's `funnel_steps`)."""
    funnel = loaded.sla.funnel
    assert funnel is not None and funnel.stages
    sections = sections_for(loaded, {"funnel"})
    types = loaded.types.types
    fields = {
        n.field: types.get(n.field, "text")
        for n in needed_fields(loaded, sections)
        if n.required and n.field not in DERIVED
    }
    b = build(loaded, dialect, target, as_of, fields, sections)
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
    order = [exp.Ordered(this=exp.column(_q("s0"), _q("s")), nulls_first=False)]
    return finish(b, tree, order, {}, "funnel", names)

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
from leadsla.engine.compile_deadlines import DEADLINE_COLUMNS, compile_deadlines, default_range
from leadsla.engine.compile_goals import GOAL_COLUMNS, Shown, goals_and_periods
from leadsla.engine.deadlines import due_margin
from leadsla.engine.periods import Period
from leadsla.engine.sqlbuild import col, not_null, timestamp
from leadsla.sla.load import LoadedSla
from leadsla.sla.models import FieldType
from leadsla.sla.needs import sections_for
from leadsla.sla.semantics import DERIVED

SCORED_EXTRA = AUDIT_COLUMNS
"""The columns `scored_script` returns after SCORE_COLUMNS: engine/scoring.py's `_handed_off`,
`_handoff_qualification`, `_crm_stage`, `_crm_stage_id`."""
SCORED_SCRIPT_COLUMNS = (*SCORE_COLUMNS, *SCORED_EXTRA)


def scored_script(loaded: LoadedSla, dialect: str, target: Target, as_of: datetime) -> str:
    """`compile --what scores`'s script (same rows, same order) with SCORED_EXTRA after its
    columns."""
    return compile_scores(loaded, dialect, target, as_of, audit=True)


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
    order = [exp.Ordered(this=dl.col("lo0", "s"), nulls_first=False)]
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
    lo_default, hi_default = default_range(as_of, sla.calendar.timezone)
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
    """`compile --what deadlines`' script with one more column, `early_ignored`: a stop
    before its instance's start that the rule ignores, a data warning of the DuckDB engine
    (deadlines.evaluate). `span`: the business calendar's range (`spanned_range`)."""
    first, last = span or (None, None)
    return compile_deadlines(
        loaded, dialect, target, as_of, first, last, early_ignored=True, spanned=span is not None
    )


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
    shown: Shown | None = None,
) -> tuple[str, list[Period]]:
    """`compile --what goals`' script at a given as-of time with `first` after its columns;
    and the periods it holds (none: no script). `span`: the business calendar's range;
    `shown`: report's periods and groups (default: goals.period's 8, no --by)."""
    first, last = span or (None, None)
    return goals_and_periods(
        loaded, dialect, target, as_of, first, last,
        first_data=True, spanned=span is not None, shown=shown,
    )  # fmt: skip


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


# --- explain: one lead -----------------------------------------------------------------------

EXPLAIN_OWN = ("_row", "_lead", "reason", "_decay", "_engagement_raw")
"""leadsla's own columns of `explain_script`'s rows (engine/explain.py's ExplainedRow)."""


def explain_script(
    loaded: LoadedSla,
    dialect: str,
    target: Target,
    as_of: datetime,
    types: dict[str, FieldType],
    sections: set[str],
    lead_id: str,
) -> tuple[str, dict[str, str]]:
    """The rows of one lead (all the table's rows with that id; the id enters as a literal,
    compared with the typed source's cleaned id as the Deriver compares it for a CSV): its
    fields as read (`types`: every field the table holds that the SLA uses; instants as
    seconds), the derived ones, the Deriver's own columns (EXPLAIN_OWN), and per rule checked
    whether it holds (`_check_0`...) and per scoring rule its points (`_points_0`...), as
    engine/explain.py's `explain_query` selects them for DuckDB. `_row` numbers the table's
    rows as `lead_deadlines_script` does (the same `types`), so that each row gets its own
    items. Returns the script and, per column holding a field, its field."""
    from leadsla.engine.explain import checks

    b = build(loaded, dialect, target, as_of, types, sections)
    b.numbered = True
    deriver = b.deriver
    every = [*types, *[f for f in DERIVED if f not in types]]
    fields = {f"x{i}": f for i, f in enumerate(every)}
    out: list[exp.Expression] = [exp.column(c) for c in EXPLAIN_OWN]
    out += [
        exp.alias_(exp.column(exp.to_identifier(field_column(f), quoted=True)), x)
        for x, f in fields.items()
    ]
    out += [exp.alias_(c, f"_check_{i}") for i, (*_, c) in enumerate(checks(deriver))]
    rules = deriver.rule_columns() if "scoring" in sections else []
    out += [exp.alias_(exp.column(r.name), f"_points_{i}") for i, r in enumerate(rules)]
    query = exp.select(*out).from_(deriver.derived(where_id=lead_id).subquery("e", copy=False))
    tree = b.lower(query)
    assert isinstance(tree, exp.Select)
    order = [exp.Ordered(this=dl.col("_row", "s"), nulls_first=False)]
    names = (*EXPLAIN_OWN, *fields)
    return finish(b, tree, order, {}, "explain", names), fields


LEAD_ITEM_COLUMNS = (*DEADLINE_COLUMNS, "early_ignored", "_row")


def lead_deadlines_script(
    loaded: LoadedSla,
    dialect: str,
    target: Target,
    as_of: datetime,
    types: dict[str, FieldType],
    lead_id: str,
    span: tuple[date, date] | None = None,
) -> str:
    """`deadlines_script`'s items of one lead, each with `_row`: its row's number as
    `explain_script` numbers them (give it the same `types`). Ordered by rule, then row."""
    first, last = span or (None, None)
    return compile_deadlines(
        loaded,
        dialect,
        target,
        as_of,
        first,
        last,
        early_ignored=True,
        lead=lead_id,
        types=types,
        spanned=span is not None,
    )


# --- --errors: the cells the engine could not read ----------------------------------------------


def bad_cells_script(
    loaded: LoadedSla, dialect: str, target: Target, types: dict[str, FieldType]
) -> str | None:
    """The rows holding a cell that is not a value of its field's type (read as blank: the
    cells `compile_cells` counts unreadable), each with `_id` and per field of `types` that is
    not text (`b0`, `b1`...: in the order of `types` without the text fields) the cell as
    cleaned, NULL where it was read. None when every field is text (no cell is unreadable)."""
    from leadsla.engine.compile import (
        ZONE_CTE,
        _Names,
        _rows_cte,
        fence,
        parse_table,
        typed_source,
    )
    from leadsla.engine.dialects import col as column
    from leadsla.engine.sqlcheck import check, check_text

    typed: dict[str, FieldType] = {f: t for f, t in types.items() if t != "text"}
    if not typed:
        return None
    d = dl.Dialect(dialect)
    table = parse_table(target.table, dialect)
    names = _Names(list(typed))
    source, zone_rows = typed_source(loaded, d, target, table, typed, names, cells=True)
    out: list[exp.Expression] = [column("_id")]
    bad: list[exp.Expression] = []
    for i, f in enumerate(typed):
        test = exp.and_(dl.not_null(column(f"k{i}")), dl.is_null(column(names.field(f))))
        out.append(exp.alias_(dl.case([(test, column(f"k{i}"))]), f"b{i}"))
        bad.append(test.copy())
    tree = exp.select(*out).from_(source.subquery(dl.ident("c"), copy=False)).where(exp.or_(*bad))
    if dialect == "postgres":
        fence(tree)
    check(tree, dialect)
    body = str(tree.sql(d.sqlglot, pretty=True))
    if zone_rows is not None:
        check(zone_rows, dialect)
        body = f"WITH {_rows_cte(d, ZONE_CTE, zone_rows)}\n{body}"
    check_text(body, dialect)
    return body + ";\n"

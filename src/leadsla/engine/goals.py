"""Goals (SPEC §1 "Goals"): count, conversion, times and compliance per period (and group).

Leads are materialised once in `_g` with the timestamps the goals use, each goal's `where`
as a flag, the `--by` group, and (for business-clock goals) the business position of each
timestamp. Each goal is then one GROUP BY over the period key `date_trunc(unit, local time)`."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import sqlglot.expressions as exp

from leadsla.data.db import Connection, rows, run
from leadsla.engine.calendar import DAYS_TABLE, WINDOWS_TABLE, BusinessCalendar, load_tables
from leadsla.engine.deadlines import DEADLINES, UNASSIGNED, effective_instant
from leadsla.engine.derive import Deriver
from leadsla.engine.periods import Period
from leadsla.engine.sqlbuild import call, cast, col, lit, not_null, sql, timestamp
from leadsla.results import FunnelStep, GoalValue
from leadsla.sla.durations import Target
from leadsla.sla.models import TIME_METRICS, Goal, Sla

LEADS_TABLE = "_g"
NO_GROUP = "(blank)"

Found = dict[tuple[date, str], tuple[float | None, int, datetime | None]]
"""(period first day, group) -> (value, size, the latest `from` of a conversion cohort)."""


@dataclass
class GoalColumns:
    """Internal names of the columns of `_g`: `_t0`... for timestamps, `_p0`... their positions,
    `_grp` the `--by` group and `_e0`... the groups of the `for_each` fields."""

    timestamps: dict[str, int]
    for_each: dict[str, str] = field(default_factory=dict)
    """for_each field -> its group column."""

    def group(self, goal: Goal) -> str:
        """The column holding the goal's group: its for_each field's, else `--by`'s."""
        return self.for_each[goal.for_each] if goal.for_each else "_grp"

    def ts(self, field: str) -> str:
        return f"_t{self.timestamps[field]}"

    def pos(self, field: str) -> str:
        return f"_p{self.timestamps[field]}"

    def day(self, field: str) -> str:
        return f"_d{self.timestamps[field]}"


def uses_business(goal: Goal) -> bool:
    if goal.metric in TIME_METRICS:
        return (goal.clock or "business") == "business"
    return goal.metric == "conversion" and goal.clock == "business" and goal.within is not None


def build_goal_leads(
    con: Connection, sla: Sla, deriver: Deriver, by: str | None, business: BusinessCalendar | None
) -> GoalColumns:
    goals = sla.goals.targets if sla.goals else []
    fields: list[str] = []
    for g in goals:
        for f in (g.of, g.from_, g.to):
            if f and f not in fields:
                fields.append(f)
    each = list(dict.fromkeys(g.for_each for g in goals if g.for_each))
    columns = GoalColumns(
        {f: i for i, f in enumerate(fields)}, {f: f"_e{i}" for i, f in enumerate(each)}
    )
    select: list[exp.Expression] = [exp.column("_row"), exp.column("_lead")]
    select += [exp.alias_(col(f), columns.ts(f)) for f in fields]
    select += [
        exp.alias_(deriver.cond(g.where) if g.where is not None else exp.true(), f"_w{i}")
        for i, g in enumerate(goals)
    ]
    types = deriver.types
    select.append(exp.alias_(group_text(by, types.get(by)) if by else lit(NO_GROUP), "_grp"))
    select += [
        exp.alias_(group_text(f, types.get(f)), name) for f, name in columns.for_each.items()
    ]
    run(
        con,
        f"CREATE OR REPLACE TEMP TABLE {LEADS_TABLE} AS {sql(exp.select(*select).from_(deriver.derived().subquery('d', copy=False)))}",
    )
    for name in columns.for_each.values():
        _fold_groups(con, name)
    if business is not None:
        needed = {f for g in goals if uses_business(g) for f in (g.from_, g.to) if f}
        for f in sorted(needed, key=fields.index):
            t, p, d = columns.ts(f), columns.pos(f), columns.day(f)
            run(
                con,
                f"""CREATE OR REPLACE TEMP TABLE {LEADS_TABLE} AS
                    SELECT g.*, w.before + least(epoch(g.{t}) - epoch(w.w_start), w.len) AS {p}
                    FROM {LEADS_TABLE} g ASOF LEFT JOIN {WINDOWS_TABLE} w ON g.{t} >= w.w_start""",
            )
            run(
                con,
                f"""CREATE OR REPLACE TEMP TABLE {LEADS_TABLE} AS
                    SELECT g.*, w.day_idx AS {d}
                    FROM {LEADS_TABLE} g ASOF LEFT JOIN {WINDOWS_TABLE} w ON g.{p} >= w.before""",
            )
    return columns


def fold_key(value: str) -> str:
    """A group's value as `overrides` match it (`target_for`): trimmed and case-folded."""
    return value.strip().casefold()


def _fold_groups(con: Connection, column: str) -> None:
    """One group per value trimmed and case-folded, as `overrides` match (`Ann`, `ann ` and
    `ANN` are one owner), shown with its most frequent spelling (ties: the first in sort
    order), so each spelling neither splits the group nor misses its override."""
    spellings: dict[str, list[tuple[int, str]]] = {}
    for value, n in rows(con, f"SELECT {column}, count(*) FROM {LEADS_TABLE} GROUP BY 1"):
        spellings.setdefault(fold_key(value), []).append((-int(n), value))
    renames = [
        (value, shown)
        for found in spellings.values()
        if len(found) > 1
        for shown in [min(found)[1]]
        for _n, value in found
        if value != shown
    ]
    if not renames:
        return
    run(con, "CREATE OR REPLACE TEMP TABLE _fold (v VARCHAR, shown VARCHAR)")
    con.executemany("INSERT INTO _fold VALUES (?, ?)", renames)
    run(
        con,
        f"UPDATE {LEADS_TABLE} SET {column} = f.shown FROM _fold f WHERE {LEADS_TABLE}.{column} = f.v",
    )
    run(con, "DROP TABLE _fold")


def group_text(name: str, ftype: str | None) -> exp.Expression:
    """A field's value as the text of a group: whole numbers without `.0`; a blank owner reads
    as in check-deadlines (SPEC §3), other blank fields as "(blank)"."""
    value: exp.Expression = col(name)
    if ftype == "number":
        value = exp.If(
            this=exp.EQ(this=value, expression=call("trunc", value)),
            true=cast(cast(value, "HUGEINT"), "VARCHAR"),
            false=cast(value, "VARCHAR"),
        )
    return exp.Coalesce(
        this=call("nullif", call("trim", cast(value, "VARCHAR")), lit("")),
        expressions=[lit(UNASSIGNED if name == "owner" else NO_GROUP)],
    )


def _key(ts: str, kind: str, zone: str) -> str:
    return f"CAST(date_trunc('{kind}', timezone({sql(lit(zone))}, {ts})) AS DATE)"


def _conversion_filter(goal: Goal, c: GoalColumns) -> str:
    t_from, t_to = c.ts(goal.from_ or ""), c.ts(goal.to or "")
    base = f"{t_to} IS NOT NULL AND {t_to} >= {t_from}"
    w = goal.within
    if w is None:
        return base
    if goal.clock != "business":
        return f"{base} AND epoch({t_to}) - epoch({t_from}) <= {w.calendar_minutes * 60}"
    if w.has_days:
        # a close past the table's end is after as-of (the table runs 120 days beyond it), so
        # any `to` (never after as-of) is within it
        close = f"(SELECT close FROM {DAYS_TABLE} WHERE idx = {c.day(goal.from_ or '')} + {w.days})"
        return f"{base} AND {t_to} <= coalesce({close}, 'infinity'::TIMESTAMPTZ)"
    return f"{base} AND {c.pos(goal.to or '')} - {c.pos(goal.from_ or '')} <= {w.business_minutes * 60}"


def goal_values(
    con: Connection,
    goal: Goal,
    index: int,
    c: GoalColumns,
    kind: str,
    zone: str,
    effective: datetime | None = None,
) -> Found:
    """(period first day, group) -> (value, size, last cohort member) for one goal. Leads whose
    counted timestamp (`of`, or the cohort's `from`) is before `effective` are not judged, even
    in the period that holds `effective` (follow-ups before it have no instance at all)."""
    w = f"_w{index}"
    gcol = c.group(goal)
    if effective is not None:
        since = sql(timestamp(effective))
        anchor = (
            c.ts(goal.of or "")
            if goal.metric == "count"
            else c.ts(goal.from_ or "")
            if goal.from_
            else None
        )
        if anchor is not None:
            w = f"({w} AND {anchor} >= {since})"
    out: Found = {}
    if goal.metric == "count":
        t = c.ts(goal.of or "")
        for k, grp, n in rows(
            con,
            f"SELECT {_key(t, kind, zone)}, {gcol}, count(*) FROM {LEADS_TABLE} WHERE {t} IS NOT NULL AND {w} GROUP BY ALL",
        ):
            out[(k, grp)] = (float(n), int(n), None)
    elif goal.metric == "conversion":
        t = c.ts(goal.from_ or "")
        found = rows(
            con,
            f"""SELECT {_key(t, kind, zone)}, {gcol}, count(*), count(*) FILTER (WHERE {_conversion_filter(goal, c)}), max({t})
                FROM {LEADS_TABLE} WHERE {t} IS NOT NULL AND {w} GROUP BY ALL""",
        )
        for k, grp, n, converted, last in found:
            out[(k, grp)] = (converted / n if n else None, int(n), last)
    elif goal.metric in TIME_METRICS:
        t_from, t_to = c.ts(goal.from_ or ""), c.ts(goal.to or "")
        if (goal.clock or "business") == "business":
            minutes = f"({c.pos(goal.to or '')} - {c.pos(goal.from_ or '')}) / 60.0"
        else:
            minutes = f"(epoch({t_to}) - epoch({t_from})) / 60.0"
        agg = {
            "median_time": f"quantile_cont({minutes}, 0.5)",
            "p90_time": f"quantile_cont({minutes}, 0.9)",
            "mean_time": f"avg({minutes})",
        }[goal.metric]
        found = rows(
            con,
            f"""SELECT {_key(t_from, kind, zone)}, {gcol}, {agg}, count(*) FROM {LEADS_TABLE}
                WHERE {t_from} IS NOT NULL AND {t_to} IS NOT NULL AND {t_to} >= {t_from} AND {w} GROUP BY ALL""",
        )
        for k, grp, value, n in found:
            out[(k, grp)] = (float(value) if value is not None else None, int(n), None)
    else:  # compliance
        found = rows(
            con,
            f"""SELECT {_key("d.start", kind, zone)}, g.{gcol}, count(*) FILTER (WHERE d.status = 'met'), count(*)
                FROM {DEADLINES} d JOIN {LEADS_TABLE} g USING (_row)
                WHERE d.rule = ? AND d.status IN ('met', 'met_late', 'breached') AND g.{w} GROUP BY ALL""",
            [goal.follow_up],
        )
        for k, grp, met, n in found:
            out[(k, grp)] = (met / n if n else None, int(n), None)
    return out


def groups(con: Connection, column: str = "_grp") -> list[str]:
    return [r[0] for r in rows(con, f"SELECT DISTINCT {column} FROM {LEADS_TABLE} ORDER BY 1")]


def first_data(con: Connection, goal: Goal, c: GoalColumns) -> dict[str, datetime]:
    """Group -> the first non-blank value of the goal's own timestamp (`of`, `from`, or the
    follow-up's start), in all the export: the periods before it have no data, not a miss."""
    grp = c.group(goal)
    if goal.metric == "compliance":
        query = f"""SELECT g.{grp}, min(d.start) FROM {DEADLINES} d JOIN {LEADS_TABLE} g USING (_row)
                    WHERE d.rule = ? GROUP BY 1"""
        return {k: t for k, t in rows(con, query, [goal.follow_up]) if t is not None}
    t = c.ts(goal.of or goal.from_ or "")
    query = f"SELECT {grp}, min({t}) FROM {LEADS_TABLE} GROUP BY 1"
    return {k: v for k, v in rows(con, query) if v is not None}


def target_for(goal: Goal, group: str, by: str | None, judged: bool) -> Target | None:
    """The target the SLA sets for this goal and group, if any (issue 12): a `for_each` goal's
    target holds for each group (an override for some), but not for `(unassigned)` or
    `(blank)` unless overridden; a goal without `for_each` has a target for the whole team
    only, not per `--by` group. `judged`: the report's period is `goals.period`."""
    if not judged:
        return None
    if goal.for_each:
        wanted = fold_key(group)
        for value, target in (goal.overrides or {}).items():
            if fold_key(value) == wanted:
                return target
        return None if group in (UNASSIGNED, NO_GROUP) else goal.target
    return None if by else goal.target


def maturing(
    goal: Goal,
    period: Period,
    as_of: datetime,
    business: BusinessCalendar | None,
    last: datetime | None = None,
) -> bool:
    """A conversion cohort is mature once its last member has had `within` to convert; the
    cohort of a period that is not over may still grow."""
    if goal.metric != "conversion" or goal.within is None:
        return False
    if period.end > as_of:
        return True
    if last is None:  # no cohort: nothing to wait for
        return False
    if goal.clock == "business" and business is not None:
        if goal.within.has_days:
            due = business.close_after_days(last, goal.within.days)
        else:
            due = business.add(last, goal.within.business_minutes * 60)
        return due is None or due > as_of
    # in UTC: `d` is 24 real hours, also across a DST change
    return last.astimezone(UTC) + goal.within.as_timedelta() > as_of


def elapsed_share(
    period: Period, as_of: datetime, business: BusinessCalendar | None
) -> float | None:
    """The share of the period's business time (calendar time without a calendar) gone by as-of."""
    # the table need not have a window before the period starts (a closed week before it)
    if business is not None and business.first <= period.first and business.covers(period.end):
        total = business.elapsed(period.start, period.end)
        return business.elapsed(period.start, min(as_of, period.end)) / total if total else None
    # timestamps, not datetime differences: those of one zone are wall-clock (wrong across DST)
    start = period.start.timestamp()
    total_s = period.end.timestamp() - start
    return (min(as_of.timestamp(), period.end.timestamp()) - start) / total_s


def evaluate_goal(
    goal: Goal,
    found: Found,
    period: Period,
    group: str,
    by: str | None,
    as_of: datetime,
    business: BusinessCalendar | None,
    *,
    target: Target | None = None,
    first: datetime | None = None,
) -> GoalValue:
    """One goal's value and verdict in one period and group. `target`: the one the SLA sets
    for the group in this report (None: the value has no verdict); `first`: the group's first
    value of the goal's timestamp (None: it has none; the periods before it have no data)."""
    value, size, last = found.get(
        (period.first, group), (0.0 if goal.metric == "count" else None, 0, None)
    )
    complete = period.end <= as_of
    is_maturing = maturing(goal, period, as_of, business, last)
    before = first is None or period.end <= first
    judged = target is not None and not before
    met = (
        target.met_by(value)
        if target is not None and judged and complete and not is_maturing and value is not None
        else None
    )
    return goal_value(
        goal, period, group, as_of, business,
        value=value, size=size, met=met, is_maturing=is_maturing, target=target, first=first,
        by=by,
    )  # fmt: skip


def goal_value(
    goal: Goal,
    period: Period,
    group: str,
    as_of: datetime,
    business: BusinessCalendar | None,
    *,
    value: float | None,
    size: int,
    met: bool | None,
    is_maturing: bool,
    target: Target | None,
    first: datetime | None,
    by: str | None = None,
) -> GoalValue:
    """The GoalValue of measured `value`, `size`, `met` and `is_maturing` (here or by an
    engine's goals script): the pace of a current count goal and the verdict."""
    complete = period.end <= as_of
    before = first is None or period.end <= first
    judged = target is not None and not before
    projected = on_pace = None
    if not complete and goal.metric == "count" and value is not None:
        share = elapsed_share(period, as_of, business)
        if share:
            projected = value / share
            on_pace = target.met_by(projected) if target is not None and judged else None
    shown = target or goal.target
    field_name = goal.for_each or by
    return GoalValue(
        id=goal.id, name=goal.name, owner=goal.owner, metric=goal.metric,
        group={field_name: group} if field_name else None, value=value, size=size,
        target_op=shown.op, target_value=shown.value, target_text=shown.text,
        met=met, maturing=is_maturing, projected=projected, on_pace=on_pace,
        verdict=verdict_of(
            value, is_maturing, complete, goal.metric, on_pace, met,
            has_target=target is not None, before_data=before,
        ),
        business=goal.metric in TIME_METRICS and uses_business(goal),
        has_target=target is not None,
    )  # fmt: skip


SCORED_GROUPS = frozenset({"fit", "engagement", "score", "grade", "qualification"})


def goal_sections(sla: Sla, by: str | None = None) -> set[str]:
    """The SLA sections the goals read: theirs, the follow-ups' (compliance), the funnel's, and
    scoring where a goal's `for_each` (or `--by`) groups by a scored field."""
    base = {"goals"}
    base |= {"follow_up"} if sla.follow_up else set()
    base |= {"funnel"} if sla.funnel else set()
    split = {by} | {g.for_each for g in (sla.goals.targets if sla.goals else [])}
    if split & SCORED_GROUPS:
        base |= {"scoring", "qualification"}
    return base


@dataclass
class GoalRun:
    """Each goal's values in each period (in the periods' order; per goal, one per group)."""

    periods: list[list[GoalValue]]
    business: BusinessCalendar | None
    """The business calendar the values were measured on (the follow-ups' one, widened to
    the periods), or None."""


def evaluate_periods(
    con: Connection,
    sla: Sla,
    deriver: Deriver,
    periods: list[Period],
    *,
    kind: str,
    as_of: datetime,
    zone: str,
    by: str | None,
    judged: bool,
    business: BusinessCalendar | None,
) -> GoalRun:
    """The goals' values and verdicts over `periods` of `kind`, as `report` shows them (and
    `diff` compares them). `business`: the follow-ups' calendar, if they built one (its tables
    are replaced by a span that also covers the periods); `judged`: `kind` is `goals.period`,
    so the targets hold (otherwise values without verdicts)."""
    assert sla.goals is not None
    if sla.calendar is not None and periods:
        # goal times need positions from the first period to past as-of (Nd conversions)
        span_start = periods[0].first - timedelta(days=7)
        span_end = as_of.astimezone(ZoneInfo(zone)).date() + timedelta(days=120)
        if business is not None:
            span_start, span_end = min(span_start, business.first), max(span_end, business.last)
        business = BusinessCalendar(sla.calendar, span_start, span_end)
        load_tables(con, business)
    if not periods:
        # no period in range (effective or --from after as-of): nothing to compute, and without
        # a period no business-time table was built for the time goals
        return GoalRun([], business)
    columns = build_goal_leads(con, sla, deriver, by, business)
    goals = sla.goals.targets
    # each goal's groups: its for_each field's, else --by's, else one
    names = [groups(con, columns.group(g)) if g.for_each or by else [NO_GROUP] for g in goals]
    effective = effective_instant(sla.effective, zone)
    found = [goal_values(con, g, i, columns, kind, zone, effective) for i, g in enumerate(goals)]
    firsts = [first_data(con, g, columns) for g in goals]
    out = [
        [
            evaluate_goal(
                g, f, p, grp, by, as_of, business,
                target=target_for(g, grp, by, judged), first=first.get(grp),
            )
            for g, f, group_names, first in zip(goals, found, names, firsts, strict=True)
            for grp in group_names
        ]
        for p in periods
    ]  # fmt: skip
    return GoalRun(out, business)


def verdict_of(
    value: float | None,
    is_maturing: bool,
    complete: bool,
    metric: str,
    on_pace: bool | None,
    met: bool | None,
    *,
    has_target: bool = True,
    before_data: bool = False,
) -> str:
    """One word for a goal's period, the first that applies (issue 12)."""
    if value is None or before_data:
        return "no_data"
    if not has_target:
        return "no_target"
    if is_maturing:
        return "maturing"
    if not complete:
        if metric == "count" and on_pace is not None:
            return "on_pace" if on_pace else "behind"
        return "open"
    return "met" if met else "missed"


def funnel_steps(con: Connection, sla: Sla, deriver: Deriver, since: datetime) -> list[FunnelStep]:
    """Leads that entered the funnel's first step since `since`, and how many reached each stage."""
    funnel = sla.funnel
    if funnel is None or not funnel.stages:
        return []
    first = col(funnel.stages[0].entered)
    counts = [
        exp.alias_(call("count_if", not_null(col(s.entered))), f"_s{i}")
        for i, s in enumerate(funnel.stages)
    ]
    # the stages' timestamps as of as-of: the typed fields, no scoring needed
    query = (
        exp.select(*counts)
        .from_(deriver.base().subquery("d", copy=False))
        .where(exp.GTE(this=first, expression=timestamp(since)))
    )
    reached = [int(n or 0) for n in rows(con, sql(query))[0]]  # count_if of no rows is NULL
    return funnel_from_counts(sla, reached)


def funnel_from_counts(sla: Sla, reached: list[int]) -> list[FunnelStep]:
    """The funnel's steps from the leads that reached each stage (in the stages' order)."""
    assert sla.funnel is not None
    out: list[FunnelStep] = []
    previous: int | None = None
    for stage, n in zip(sla.funnel.stages, reached, strict=True):
        conversion = None
        if stage.outcome is None:
            conversion = (n / previous if previous else None) if previous is not None else None
            previous = n
        out.append(FunnelStep(stage.id, stage.outcome, n, conversion))
    return out

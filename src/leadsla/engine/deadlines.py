"""Follow-up deadlines (SPEC §1 "Follow-up deadlines"): one instance per lead and rule.

Instances are selected and their stops found with sqlglot expressions over the derived leads;
then every instant becomes a position on the rule's clock (business seconds from the calendar
table, through as-of joins, or epoch seconds on the calendar clock), and due, elapsed, overdue
and status are differences of positions."""

from __future__ import annotations

import math
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import sqlglot.expressions as exp

from leadsla.data.db import Connection, one, rows, run
from leadsla.engine.calendar import DAYS_TABLE, WINDOWS_TABLE, BusinessCalendar, load_tables
from leadsla.engine.derive import Deriver
from leadsla.engine.rows import Column, Kind, Rows
from leadsla.engine.sqlbuild import call, case, cast, col, lit, not_null, sql, timestamp
from leadsla.errors import MissingSection
from leadsla.messages import say
from leadsla.results import ITEM_COLUMNS, STATUSES, DeadlineItem, RuleFacts, TierFacts
from leadsla.sla.conditions import Condition, FieldCondition, describe
from leadsla.sla.durations import Duration
from leadsla.sla.models import Calendar, FollowUp

INSTANCES = "_inst"
LEADS = "_leads_derived"
RULES = "_rules"
TABLE = "_deadlines_table"
DEADLINES = "_deadlines"
"""A view of the deadlines table with the rule's names: what every query reads."""
UNASSIGNED = "(unassigned)"


@dataclass(frozen=True)
class Target:
    seconds: int | None
    days: int | None


def target_of(d: Duration, clock: str) -> Target:
    if clock == "calendar":
        return Target(d.calendar_minutes * 60, None)
    if d.has_days:
        return Target(None, d.days)
    return Target(d.business_minutes * 60, None)


def _value(v: object) -> str:
    return f"{v:g}" if isinstance(v, float) else str(v)


def condition_label(cond: Condition) -> str:
    """A tier's condition, short: `grade A` for `grade eq A`, `grade A/B` for `in`, else the
    condition as `explain` writes it. Field names and values are the SLA's own words."""
    if isinstance(cond, FieldCondition) and not isinstance(cond.value, bool):
        if cond.op == "eq":
            return f"{cond.field} {_value(cond.value)}"
        if cond.op == "in" and isinstance(cond.value, tuple) and len(cond.value) <= 4:
            return f"{cond.field} {'/'.join(_value(v) for v in cond.value)}"
    return describe(cond)


def rule_facts(rules: list[FollowUp]) -> dict[str, RuleFacts]:
    """Each rule's clock and targets as written, with a label per tier (`grade A: 1h`)."""
    return {
        r.id: RuleFacts(
            r.clock,
            str(r.within),
            tuple(
                TierFacts(f"{condition_label(t.when)}: {t.within}", str(t.within)) for t in r.tiers
            ),
        )
        for r in rules
    }


def effective_instant(effective: date | None, zone: str) -> datetime | None:
    if effective is None:
        return None
    return datetime.combine(effective, time(0), ZoneInfo(zone))


def _instances_query(
    rule: FollowUp, index: int, deriver: Deriver, effective: datetime | None, owner: bool
) -> exp.Select:
    start = col(rule.start)
    stop_cols = [f"_stop_{i}" for i in range(len(rule.stop))]

    def earliest(valid: bool) -> exp.Expression:
        cmp = exp.GTE if valid else exp.LT
        parts = [
            exp.If(this=cmp(this=exp.column(s), expression=exp.column("start")), true=exp.column(s))
            for s in stop_cols
        ]
        return call("least", *parts) if len(parts) > 1 else parts[0]

    def which(at: str, valid: bool) -> exp.Expression:
        """The index of the stop field that gave `at` (the first listed, on a tie)."""
        cmp = exp.GTE if valid else exp.LT
        return case(
            [
                (
                    exp.and_(
                        cmp(this=exp.column(s), expression=exp.column("start")),
                        exp.EQ(this=exp.column(s), expression=exp.column(at)),
                    ),
                    cast(lit(k), "TINYINT"),
                )
                for k, s in enumerate(stop_cols)
            ]
        )

    targets = [target_of(t.within, rule.clock) for t in rule.tiers] + [
        target_of(rule.within, rule.clock)
    ]
    tier_conds = [deriver.cond(t.when) for t in rule.tiers]
    tier = (
        case([(c, lit(i)) for i, c in enumerate(tier_conds)])
        if tier_conds
        else cast(exp.null(), "INTEGER")
    )

    def pick(values: list[int | None]) -> exp.Expression:
        whens = [
            (c, lit(v) if v is not None else exp.null())
            for c, v in zip(tier_conds, values, strict=False)
        ]
        default = lit(values[-1]) if values[-1] is not None else exp.null()
        return cast(case(whens, default) if whens else default, "BIGINT")

    select = [
        exp.alias_(lit(index), "rule_idx"),
        exp.column("_row"),
        # The lead's id and owner ride along, so the deadlines need no join back to the leads.
        exp.alias_(exp.column("_lead"), "lead"),
        exp.alias_(
            call("coalesce", col("owner"), lit(UNASSIGNED)) if owner else lit(UNASSIGNED), "owner"
        ),
        exp.alias_(tier, "tier"),
        exp.alias_(pick([t.seconds for t in targets]), "target_s"),
        exp.alias_(pick([t.days for t in targets]), "target_d"),
        exp.alias_(start, "start"),
        *[exp.alias_(col(name), s) for name, s in zip(rule.stop, stop_cols, strict=True)],
    ]
    # the leads come from the CTE `build_instances` puts before every rule's query
    inner = (
        exp.select(*select, copy=False)
        .from_(exp.to_table(LEADS).as_("d"), copy=False)
        .where(not_null(start), copy=False)
    )
    if rule.when is not None:
        inner = inner.where(deriver.cond(rule.when), copy=False)
    if effective is not None:
        inner = inner.where(exp.GTE(this=start, expression=timestamp(effective)), copy=False)
    keep = ["rule_idx", "_row", "lead", "owner", "tier", "target_s", "target_d", "start"]
    found = exp.select(
        *keep, *stop_cols, exp.alias_(earliest(True), "stop"), exp.alias_(earliest(False), "early")
    ).from_(inner.subquery("i", copy=False))
    return exp.select(
        *keep,
        "stop",
        "early",
        exp.alias_(which("stop", True), "stop_by"),
        exp.alias_(which("early", False), "early_by"),
    ).from_(found.subquery("f", copy=False))


def build_instances(
    con: Connection,
    rules: list[FollowUp],
    deriver: Deriver,
    effective: datetime | None,
    owner: bool,
) -> None:
    """`_inst`: one row per lead and rule whose `when` holds and whose start is set (as of).
    The leads' derived fields are one CTE for all rules: compiled and planned once, however
    many rules (an SLA with 1,000 scoring rules has 1,000 columns to derive)."""
    parts = [sql(_instances_query(r, i, deriver, effective, owner)) for i, r in enumerate(rules)]
    run(
        con,
        f"CREATE OR REPLACE TEMP TABLE {INSTANCES} AS WITH {LEADS} AS ({sql(deriver.derived())}) "
        + " UNION ALL ".join(parts),
    )
    build_rules(con, rules)


def _risk_left(rule: FollowUp) -> int | None:
    risk = rule.at_risk
    if risk is None or risk.left is None:
        return None
    minutes = risk.left.calendar_minutes if rule.clock == "calendar" else risk.left.business_minutes
    return minutes * 60


def build_rules(con: Connection, rules: list[FollowUp]) -> None:
    """`_rules`: what each rule index means (names enter as bound parameters)."""
    run(
        con,
        f"""CREATE OR REPLACE TEMP TABLE {RULES} AS SELECT
              unnest(?::INTEGER[]) AS rule_idx, unnest(?::VARCHAR[]) AS rule, unnest(?::VARCHAR[]) AS team,
              unnest(?::VARCHAR[]) AS clock, unnest(?::BOOLEAN[]) AS early_met,
              unnest(?::DOUBLE[]) AS risk_share, unnest(?::BIGINT[]) AS risk_left_s,
              unnest(?::VARCHAR[][]) AS stop_names""",
        [
            list(range(len(rules))),
            [r.id for r in rules],
            [r.owner for r in rules],
            [r.clock for r in rules],
            [r.early_stop == "met" for r in rules],
            [r.at_risk.share if r.at_risk else None for r in rules],
            [_risk_left(r) for r in rules],
            [list(r.stop) for r in rules],
        ],
    )


def calendar_span(
    con: Connection, as_of: datetime, rules: list[FollowUp], cal: Calendar
) -> tuple[date, date]:
    """The local dates the business windows must cover: every start, stop and due."""
    tz = ZoneInfo(cal.timezone)
    first, last = one(
        con,
        f"""SELECT min(least(start, early)), max(greatest(start, stop)) FROM {INSTANCES}
            WHERE rule_idx IN (SELECT rule_idx FROM {RULES} WHERE clock = 'business')""",
    )
    begin = (first or as_of).astimezone(tz).date() - timedelta(days=7)
    end = max(last or as_of, as_of).astimezone(tz).date()
    return begin, end + due_margin(rules, cal)


def due_margin(rules: list[FollowUp], cal: Calendar) -> timedelta:
    """Room after the last start for the longest business target, with holidays on the way
    (also used by `--engine`, which spans its scripts' calendar over the table's dates)."""
    week = cal.week()
    weekly_minutes = sum(e - s for day in week.values() for s, e in day)
    days_needed = 0
    for r in rules:
        for d in [r.within, *(t.within for t in r.tiers)]:
            if r.clock != "business":
                continue
            if d.has_days:
                days_needed = max(
                    days_needed, math.ceil(d.days * 7 / max(1, sum(1 for w in week.values() if w)))
                )
            elif weekly_minutes:
                days_needed = max(days_needed, math.ceil(d.business_minutes / weekly_minutes * 7))
    return timedelta(days=2 * days_needed + 31)


# As-of joins sort their left side, so each runs on a narrow (instance id, instant) table and
# its result is joined back by id; the window after a start outside hours is `wi + 1`.
_POSITIONS = f"""
WITH b AS (SELECT rowid AS _i, * FROM {INSTANCES} WHERE rule_idx IN (SELECT rule_idx FROM {RULES} WHERE clock = 'business')),
s AS (
  SELECT x._i, x.target_s, coalesce(w.before + least(epoch(x.start) - epoch(w.w_start), w.len), 0)::BIGINT AS p_start,
         CASE WHEN w.wi IS NULL THEN 0 WHEN x.start < w.w_end THEN w.wi ELSE w.wi + 1 END AS eff_wi
  FROM (SELECT _i, start, target_s FROM b) x ASOF LEFT JOIN {WINDOWS_TABLE} w ON x.start >= w.w_start),
e AS (
  SELECT s._i, s.target_s, s.p_start, w.day_idx AS d_start, w.w_start + to_seconds(s.p_start - w.before) AS eff_start
  FROM s LEFT JOIN {WINDOWS_TABLE} w ON w.wi = s.eff_wi),
t AS (
  SELECT _i, p_start + target_s AS p_target FROM e WHERE target_s > 0),
m AS (
  SELECT t._i, t.p_target,
         CASE WHEN t.p_target - w.before <= w.len THEN w.w_start + to_seconds(t.p_target - w.before) END AS due_m
  FROM t ASOF LEFT JOIN {WINDOWS_TABLE} w ON t.p_target > w.before),
st AS (
  SELECT x._i, w.before + least(epoch(x.stop) - epoch(w.w_start), w.len) AS p_stop
  FROM (SELECT _i, stop FROM b WHERE stop IS NOT NULL) x ASOF LEFT JOIN {WINDOWS_TABLE} w ON x.stop >= w.w_start)
SELECT b.* EXCLUDE (_i), e.p_start,
       CASE WHEN b.target_s = 0 THEN e.eff_start ELSE coalesce(m.due_m, bd.close) END AS due,
       CASE WHEN b.target_s = 0 THEN e.p_start ELSE coalesce(m.p_target, bd.close_pos) END AS p_due,
       st.p_stop
FROM b JOIN e USING (_i) LEFT JOIN m USING (_i) LEFT JOIN st USING (_i)
       LEFT JOIN {DAYS_TABLE} bd ON bd.idx = e.d_start + b.target_d
"""

_CALENDAR_POSITIONS = f"""
SELECT *, epoch(start) AS p_start, start + to_seconds(target_s) AS due,
       epoch(start) + target_s AS p_due, epoch(stop) AS p_stop
FROM {INSTANCES} WHERE rule_idx IN (SELECT rule_idx FROM {RULES} WHERE clock = 'calendar')
"""


def build_deadlines(con: Connection, as_of: datetime, business: BusinessCalendar | None) -> None:
    """Table `_deadlines_table` (status, due, elapsed and overdue of every instance, with the
    lead's id and owner) and the view `_deadlines` that adds the rule's names."""
    parts = [_CALENDAR_POSITIONS]
    p_asof_business = 0
    if business is not None:
        load_tables(con, business)
        parts.append(_POSITIONS)
        p_asof_business = business.position(as_of)
    positions = " UNION ALL BY NAME ".join(f"({p})" for p in parts)
    as_of_sql = sql(timestamp(as_of))
    p_asof = (
        f"(CASE WHEN r.clock = 'business' THEN {int(p_asof_business)} ELSE epoch({as_of_sql}) END)"
    )
    early = "(r.early_met AND p.early IS NOT NULL)"
    run(
        con,
        f"""CREATE OR REPLACE TEMP TABLE {TABLE} AS
        SELECT p.rule_idx, r.team, p._row, p.lead, p.owner, p.tier, p.start, p.due,
               CASE WHEN {early} THEN p.early ELSE p.stop END AS stopped,
               CASE WHEN {early} THEN p.early_by ELSE p.stop_by END AS stopped_by_i,
               (p.p_due - p.p_start) / 60.0 AS target_minutes,
               CASE WHEN {early} THEN 0 ELSE (coalesce(p.p_stop, {p_asof}) - p.p_start) / 60.0 END AS elapsed_minutes,
               CASE WHEN {early} THEN 0 ELSE greatest(0, coalesce(p.p_stop, {p_asof}) - p.p_due) / 60.0 END AS overdue_minutes,
               CASE WHEN p.stop IS NULL AND NOT {early} AND {as_of_sql} < p.due THEN (p.p_due - {p_asof}) / 60.0 END AS left_minutes,
               CASE WHEN {early} THEN 'met'
                    WHEN p.stop IS NOT NULL THEN CASE WHEN p.stop <= p.due THEN 'met' ELSE 'met_late' END
                    WHEN p.due IS NULL THEN 'on_track'
                    WHEN {as_of_sql} >= p.due THEN 'breached'
                    WHEN r.risk_share IS NOT NULL AND ({p_asof} - p.p_start) >= r.risk_share * (p.p_due - p.p_start) THEN 'at_risk'
                    WHEN r.risk_left_s IS NOT NULL AND (p.p_due - {p_asof}) <= r.risk_left_s THEN 'at_risk'
                    ELSE 'on_track' END AS status,
               (p.early IS NOT NULL AND NOT r.early_met) AS early_ignored, p.early, p.early_by AS early_by_i
        FROM ({positions}) p JOIN {RULES} r USING (rule_idx)""",
    )
    run(
        con,
        f"""CREATE OR REPLACE TEMP VIEW {DEADLINES} AS
            SELECT d.* EXCLUDE (stopped_by_i, early_by_i), r.rule,
                   r.stop_names[d.stopped_by_i + 1] AS stopped_by, r.stop_names[d.early_by_i + 1] AS early_by
            FROM {TABLE} d JOIN {RULES} r USING (rule_idx)""",
    )


def load_items(con: Connection, table: str, rules: list[FollowUp]) -> int:
    """`_rules` and `_deadlines` from the items a remote engine computed (`compile --what
    deadlines`' columns, fetched into `table`), so that summaries and listings read them as
    they read `build_deadlines`' own. A table has no export order: an item's `_row` numbers
    the items by lead (binary order), then rule. Returns the number of stops before their
    starts that the rules ignore (data warnings, as `evaluate` finds them)."""
    build_rules(con, rules)
    run(
        con,
        f"""CREATE OR REPLACE TEMP TABLE {DEADLINES} AS
            SELECT r.rule_idx, f.team,
                   row_number() OVER (ORDER BY f.lead NULLS LAST, r.rule_idx, f.rowid) AS _row,
                   f.lead, f.owner, f.tier, f.start, f.due, f.stopped,
                   f.target_minutes, f.elapsed_minutes, f.overdue_minutes, f.left_minutes,
                   f.status, f.early_ignored = 1 AS early_ignored,
                   CAST(NULL AS TIMESTAMPTZ) AS early, f.rule, f.stopped_by,
                   CAST(NULL AS VARCHAR) AS early_by
            FROM {table} f JOIN {RULES} r ON r.rule = f.rule
            ORDER BY _row""",
    )
    return int(one(con, f"SELECT count(*) FROM {DEADLINES} WHERE early_ignored")[0])


@contextmanager
def _unordered(con: Connection) -> Iterator[None]:
    """Let DuckDB write tables in parallel, without keeping the order rows come in."""
    run(con, "SET preserve_insertion_order = false")
    try:
        yield
    finally:
        run(con, "SET preserve_insertion_order = true")


@dataclass(frozen=True)
class EarlyStop:
    """A data warning: a stop before its instance's start, which the rule ignores."""

    row: int
    rule: str
    start: str
    """The rule's start field, as the SLA writes it."""
    field: str
    """The stop field."""
    stop: datetime


@dataclass(frozen=True)
class Evaluated:
    business: BusinessCalendar | None
    """The business calendar the rules counted on (None: no rule counts business time)."""
    warnings: list[EarlyStop]


def evaluate(
    con: Connection,
    deriver: Deriver,
    rules: list[FollowUp],
    cal: Calendar | None,
    as_of: datetime,
    effective: datetime | None,
    owner: bool,
) -> Evaluated:
    """Build `_inst` and `_deadlines` for the given rules (only ever read in an explicit
    order: worst first, then lead, rule and row); return the business calendar used and the
    ignored early stops, as warnings for the caller to report (the engine does not write the
    data layer's accounting)."""
    with _unordered(con):
        build_instances(con, rules, deriver, effective, owner)
        business: BusinessCalendar | None = None
        if any(r.clock == "business" for r in rules):
            if cal is None:
                names = ", ".join(r.id for r in rules if r.clock == "business")
                raise MissingSection(
                    say(
                        "follow-up rules {names} count business time, which needs a `calendar`"
                        " section (or say `clock: calendar` on the rule)",
                        names=names,
                    )
                )
            first, last = calendar_span(con, as_of, rules, cal)
            business = BusinessCalendar(cal, first, last)
        build_deadlines(con, as_of, business)
    starts = {r.id: r.start for r in rules}
    found = rows(
        con,
        f"SELECT _row, rule, early_by, early FROM {DEADLINES} WHERE early_ignored ORDER BY _row, rule_idx",
    )
    return Evaluated(
        business,
        [EarlyStop(int(row), rule, starts[rule], field, stop) for row, rule, field, stop in found],
    )


@dataclass(frozen=True)
class Filters:
    rule: str | None = None
    owner: str | None = None
    team: str | None = None
    since: datetime | None = None
    lead: str | None = None

    def where(self) -> tuple[str, list[object]]:
        clauses: list[str] = ["TRUE"]
        params: list[object] = []
        for column, value in (("rule", self.rule), ("owner", self.owner), ("team", self.team)):
            if value is not None:
                clauses.append(f"lower({column}) = lower(?)")
                params.append(value)
        if self.since is not None:
            clauses.append("start >= ?")
            params.append(self.since)
        if self.lead is not None:
            clauses.append("lead = ?")
            params.append(self.lead)
        return " AND ".join(clauses), params


FAIL_ON = {"breached": ("breached",), "at_risk": ("breached", "at_risk"), "never": ()}
_ORDER = """CASE status WHEN 'breached' THEN 0 WHEN 'at_risk' THEN 1 WHEN 'on_track' THEN 2
                        WHEN 'met_late' THEN 3 ELSE 4 END,
            CASE WHEN status IN ('breached', 'met_late') THEN -overdue_minutes ELSE left_minutes END NULLS LAST,
            lead, rule_idx, _row"""


def _counts(raw: dict[str, int]) -> tuple[dict[str, int], float | None]:
    counts = {s: int(raw.get(s, 0)) for s in STATUSES}
    judged = counts["met"] + counts["met_late"] + counts["breached"]
    return counts, (counts["met"] / judged if judged else None)


def summarise(
    con: Connection, filters: Filters, key: str
) -> list[tuple[str, str | None, dict[str, int], float | None]]:
    """Counts per `key` (rule, owner or team): (key, team of a rule, counts, compliance)."""
    where, params = filters.where()
    extra = ", any_value(team)" if key == "rule" else ", NULL"
    order = "min(rule_idx)" if key == "rule" else key
    found = rows(
        con,
        f"""SELECT {key}{extra}, map(list(status), list(n)) FROM (
              SELECT {key}, status, count(*) AS n, min(rule_idx) AS rule_idx, any_value(team) AS team
              FROM {DEADLINES} WHERE {where} GROUP BY ALL)
            GROUP BY {key} ORDER BY {order}""",
        params,
    )
    seen = {str(name): (team, dict(raw)) for name, team, raw in found}
    if key == "owner":
        return [(k, None, *_counts(raw)) for k, (_, raw) in seen.items()]
    # Every rule (and team) the filters allow has a line, with zero counts when none of its
    # follow-ups is in range: a rule missing from the summary reads as a rule that is gone.
    allowed = [
        (rule, team)
        for rule, team in rows(con, f"SELECT rule, team FROM {RULES} ORDER BY rule_idx")
        if (filters.rule is None or filters.rule.lower() == rule.lower())
        and (filters.team is None or filters.team.lower() == team.lower())
    ]
    if key == "rule":
        keys = [rule for rule, _ in allowed if rule in seen or filters.lead is None]
        teams = dict(allowed)
        return [(k, teams[k], *_counts(seen.get(k, (None, {}))[1])) for k in keys]
    keys = sorted(set(seen) | ({team for _, team in allowed} if filters.lead is None else set()))
    return [(k, None, *_counts(seen.get(k, (None, {}))[1])) for k in keys]


def total_counts(con: Connection, filters: Filters) -> dict[str, int]:
    where, params = filters.where()
    raw = dict(
        rows(con, f"SELECT status, count(*) FROM {DEADLINES} WHERE {where} GROUP BY status", params)
    )
    return _counts(raw)[0]


_KINDS: dict[str, Kind] = {
    "tier": "integer", "start": "time", "due": "time", "stopped": "time",
    "target_minutes": "number", "elapsed_minutes": "number", "overdue_minutes": "number",
    "left_minutes": "number",
}  # fmt: skip


def items(
    con: Connection,
    filters: Filters,
    statuses: list[str],
    zone: str,
    *,
    with_row: bool = False,
) -> Rows:
    """The instances with these statuses, worst first, in the calendar's zone (ITEM_COLUMNS;
    `with_row`: and the export row each belongs to, for `explain`)."""
    where, params = filters.where()
    marks = ", ".join("?" for _ in statuses) or "NULL"
    columns = [Column(c, c, _KINDS.get(c, "text")) for c in ITEM_COLUMNS]
    if with_row:
        columns.append(Column("row", "_row", "integer"))
    return Rows(
        con,
        DEADLINES,
        tuple(columns),
        _ORDER,
        zone,
        f"{where} AND status IN ({marks})",
        (*params, *statuses),
    )


def deadline_items(found: Rows) -> list[DeadlineItem]:
    """Every item as values, by column name: for the few of one lead (`explain`)."""
    return [DeadlineItem.from_row(row) for row in found.head()]


def count(con: Connection, filters: Filters, statuses: list[str]) -> int:
    if not statuses:
        return 0
    where, params = filters.where()
    marks = ", ".join("?" for _ in statuses)
    return int(
        one(
            con,
            f"SELECT count(*) FROM {DEADLINES} WHERE {where} AND status IN ({marks})",
            [*params, *statuses],
        )[0]
    )

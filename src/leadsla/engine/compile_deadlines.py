"""`leadsla compile --what deadlines`: check-deadlines' items as one SQL script per dialect.

The instances are the engine's own (deadlines._instances_query over the Deriver's leads).
Business time is the engine's too (calendar.BusinessCalendar): its windows for `--from` ..
`--to` are written into the script as a table (seconds since 1970 UTC, with the business
seconds before each), and an instant's position is a range join into it, as the DuckDB engine
does with an as-of join. An instant outside that range, or a due past its end, stops the
script with a message (a wrong due time is never returned)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import sqlglot.expressions as exp

from leadsla.engine import dialects as dl
from leadsla.engine.calendar import BusinessCalendar
from leadsla.engine.compile import (
    SENTINEL,
    Build,
    CompileError,
    Target,
    binary,
    build,
    finish,
    read_fields,
)
from leadsla.engine.deadlines import LEADS, _instances_query, _risk_left
from leadsla.engine.dialects import col as _c
from leadsla.engine.dialects import ident as _ident
from leadsla.engine.dialects import is_null as _null
from leadsla.engine.dialects import named as _as
from leadsla.errors import MissingSection
from leadsla.messages import say
from leadsla.sla.conditions import FieldType
from leadsla.sla.load import LoadedSla
from leadsla.sla.models import FollowUp
from leadsla.sla.needs import sections_for

DEADLINE_COLUMNS = (
    "lead", "rule", "team", "owner", "status", "tier", "start", "due", "stopped", "stopped_by",
    "target_minutes", "elapsed_minutes", "overdue_minutes", "left_minutes",
)  # fmt: skip
WINDOWS = "leadsla_windows"
BY_DAY = "leadsla_windows_by_day"
BY_POSITION = "leadsla_windows_by_position"
DAY = 86_400
POSITION_BUCKET = 28_800
"""Business seconds per bucket of BY_POSITION (8 hours: a window spans one or two)."""
DAYS = "leadsla_days"


def deadline_fields(loaded: LoadedSla) -> dict[str, FieldType]:
    out = read_fields(loaded, sections_for(loaded, {"follow_up"}))
    if "owner" in loaded.sla.leads.columns:
        out.setdefault("owner", "text")
    return out


def default_range(as_of: datetime | None, zone: str) -> tuple[date, date]:
    """Two years before the as-of day to one year after (today's, for the engine's clock)."""
    day = (as_of or datetime.now(ZoneInfo(zone))).astimezone(ZoneInfo(zone)).date()
    return day.replace(year=day.year - 2, day=min(day.day, 28)), day.replace(
        year=day.year + 1, day=min(day.day, 28)
    )


def _epoch(value: datetime) -> int:
    return int(dl.epoch_of(value))


@dataclass(frozen=True)
class Calendar:
    """The business calendar a script holds: its range and (with business rules) windows."""

    first: date
    last: date
    lo: datetime
    hi: datetime
    business: BusinessCalendar | None
    spanned: bool = False
    """The range was spanned over the table's own dates (`--engine`), not given by the user:
    a start outside it means the table changed meanwhile, and the guards say so."""


def script_calendar(
    loaded: LoadedSla,
    as_of: datetime | None,
    first: date | None,
    last: date | None,
    business: bool,
    spanned: bool = False,
) -> Calendar:
    """--from..--to (default: two years before as-of to a year after) in the calendar's
    zone, and its business windows when `business`; as-of must lie inside."""
    sla = loaded.sla
    cal = sla.calendar
    zone = cal.timezone if cal else (sla.leads.timezone or "UTC")
    lo_day, hi_day = default_range(as_of, zone)
    first, last = first or lo_day, last or hi_day
    if last < first:
        raise CompileError(
            say("--to {to} is before --from {start}", to=str(last), start=str(first))
        )
    tz = ZoneInfo(zone)
    range_lo = datetime.combine(first, time(0), tz)
    range_hi = datetime.combine(last + timedelta(days=1), time(0), tz)
    if as_of is not None and not range_lo <= as_of < range_hi:
        raise CompileError(
            say(
                "the as-of time {as_of} is outside --from {start} --to {to}",
                as_of=as_of.isoformat(),
                start=str(first),
                to=str(last),
            )
        )
    bc = BusinessCalendar(cal, first, last) if business and cal is not None else None
    return Calendar(first, last, range_lo, range_hi, bc, spanned)


def instances(b: Build, rules: list[FollowUp]) -> exp.Select:
    """One row per lead and rule (deadlines._instances_query, every rule's UNION ALL), over
    the Deriver's leads as the CTE `LEADS`, which the caller puts around it (not lowered)."""
    sla = b.loaded.sla
    zone = sla.calendar.timezone if sla.calendar else (sla.leads.timezone or "UTC")
    effective = datetime.combine(sla.effective, time(0), ZoneInfo(zone)) if sla.effective else None
    owner = "owner" in b.types
    parts = [_instances_query(r, i, b.deriver, effective, owner) for i, r in enumerate(rules)]
    union: exp.Query = parts[0]
    for p in parts[1:]:
        union = exp.union(union, p, distinct=False, copy=False)
    return exp.select(exp.Star()).from_(
        exp.Subquery(this=union, alias=exp.TableAlias(this=exp.to_identifier("u")))
    )


def require_calendar(loaded: LoadedSla, rules: list[FollowUp]) -> None:
    business_rules = [r for r in rules if r.clock == "business"]
    if business_rules and loaded.sla.calendar is None:
        raise MissingSection(
            say(
                "follow-up rules {names} count business time, which needs a `calendar` section"
                " (or say `clock: calendar` on the rule)",
                names=", ".join(r.id for r in business_rules),
            )
        )


def compile_deadlines(
    loaded: LoadedSla,
    dialect: str,
    target: Target,
    as_of: datetime | None,
    first: date | None = None,
    last: date | None = None,
    *,
    early_ignored: bool = False,
    lead: str | None = None,
    types: dict[str, FieldType] | None = None,
    spanned: bool = False,
) -> str:
    """The script returning check-deadlines' items (DEADLINE_COLUMNS), ordered by lead, rule.
    `early_ignored`: one more column, 1 for a stop before its instance's start that the rule
    ignores (the DuckDB engine's data warnings; `--engine` counts them).
    `lead` (explain over an engine): only that lead's items (the id enters as a literal,
    compared as the Deriver compares it for a CSV), each with `_row`, its row's number as
    explain's script numbers the rows (give it explain's `types`: the same fields, so the
    same numbering); ordered by rule, then row. `spanned`: --from/--to were spanned over the
    table by `--engine` (its guards' message then says to run again)."""
    sla = loaded.sla
    rules = list(sla.follow_up or [])
    if not rules:
        raise MissingSection(say("`leadsla compile --what deadlines` needs a `follow_up` section"))
    require_calendar(loaded, rules)
    business = any(r.clock == "business" for r in rules)
    cal = script_calendar(loaded, as_of, first, last, business, spanned)
    b = build(
        loaded,
        dialect,
        target,
        as_of,
        deadline_fields(loaded) if types is None else types,
        sections_for(loaded, {"follow_up"}),
    )
    b.numbered = lead is not None
    found = instances(b, rules).with_(LEADS, as_=b.deriver.derived(where_id=lead), copy=False)
    lowered = b.lower(found)
    assert isinstance(lowered, exp.Select)
    rows = calendar_rows(b.d, cal)
    tree = deadline_items(b, lowered, rules, cal, keep=lead is not None)
    columns: tuple[str, ...] = DEADLINE_COLUMNS
    if early_ignored:
        p = "p"  # the items' own subquery (`_status`)
        ignored = exp.and_(exp.not_(_null(_c("early", p))), exp.not_(_c("early_met", p)))
        tree.select(_as(dl.case([(ignored, dl.n(1))], dl.n(0)), "early_ignored"), copy=False)
        columns = (*columns, "early_ignored")
    if lead is not None:
        order = [
            exp.Ordered(this=binary(b.d, _c("rule", "s")), nulls_first=False),
            exp.Ordered(this=_c("_row", "s"), nulls_first=False),
        ]
        return finish(b, tree, order, rows, "deadlines", (*columns, "_row"))
    order = [
        exp.Ordered(this=binary(b.d, _c("lead", "s")), nulls_first=False),
        exp.Ordered(this=binary(b.d, _c("rule", "s")), nulls_first=False),
        *[
            exp.Ordered(this=_c(c, "s"), nulls_first=False)
            for c in ("start", "due", "stopped", "status", "owner")
        ],
    ]
    return finish(b, tree, order, rows, "deadlines", columns)


def calendar_rows(d: dl.Dialect, cal: Calendar) -> dict[str, exp.Select]:
    return _calendar_rows(d, cal.business, cal.lo, cal.hi) if cal.business is not None else {}


def _calendar_rows(
    d: dl.Dialect, bc: BusinessCalendar, range_lo: datetime, range_hi: datetime
) -> dict[str, exp.Select]:
    """The business windows (a zero-length one at the range's start stands for "before the
    first opening": its position is 0) and the business days' closes."""
    index = {day: i for i, day in enumerate(bc.business_days)}
    ws = bc.windows
    starts = [_epoch(w.start) for w in ws]
    lo, hi = _epoch(range_lo), _epoch(range_hi)
    windows: list[tuple[int | None, ...]] = [(-1, lo, lo, 0, 0, -1, starts[0] if ws else hi)]
    for i, w in enumerate(ws):
        nxt = starts[i + 1] if i + 1 < len(ws) else hi
        windows.append((i, starts[i], _epoch(w.end), w.before, w.seconds, index[w.day], nxt))
    last_pos: dict[date, int] = {}
    for w in ws:
        last_pos[w.day] = w.before + w.seconds
    days: list[tuple[int | None, ...]] = [
        (i, _epoch(bc.closes[day]), last_pos[day]) for i, day in enumerate(bc.business_days)
    ]
    # the same rows once per UTC day they cover (instant -> window) and per POSITION_BUCKET of
    # business time (position -> window): a join on the bucket is a hash join in every engine;
    # a join on a range alone compares every lead with every window
    by_day: list[tuple[int | None, ...]] = []
    by_position: list[tuple[int | None, ...]] = []
    for row in windows:
        opens, before, length, nxt = (int(row[k] or 0) for k in (1, 3, 4, 6))
        by_day += [(k, *row) for k in range(opens // DAY, max(opens, nxt - 1) // DAY + 1)]
        if length:
            lowest, highest = before // POSITION_BUCKET, (before + length) // POSITION_BUCKET
            by_position += [(k, *row) for k in range(lowest, highest + 1)]
    columns = ["wi", "w_start", "w_end", "before", "len", "day_idx", "next_start"]
    return {
        WINDOWS: dl.rows_table(d, "w", columns, windows),
        BY_DAY: dl.rows_table(d, "w", ["bucket", *columns], by_day),
        BY_POSITION: dl.rows_table(d, "w", ["bucket", *columns], by_position),
        DAYS: dl.rows_table(d, "b", ["idx", "close", "close_pos"], days),
    }


def at_time(alias: str, t: exp.Expression) -> tuple[exp.Expression, exp.Expression]:
    """The window an instant is in or after (before the next one starts), as a join: the
    table, aliased, and the condition."""
    return (
        exp.to_table(_ident(BY_DAY)).as_(_ident(alias)),
        exp.and_(
            exp.EQ(this=_c("bucket", alias), expression=dl.call("FLOOR", dl.div(t, dl.n(DAY)))),
            exp.LTE(this=_c("w_start", alias), expression=t.copy()),
            exp.LT(this=t.copy(), expression=_c("next_start", alias)),
        ),
    )


def reaching(alias: str, p: exp.Expression) -> tuple[exp.Expression, exp.Expression]:
    """The window where a position is reached (before < p <= before + len: a position that
    ends a window falls on its close), as a join."""
    return _by_position(alias, p, exp.LT, exp.LTE)


def holding(alias: str, p: exp.Expression) -> tuple[exp.Expression, exp.Expression]:
    """The window that holds a position (before <= p < before + len), as a join."""
    return _by_position(alias, p, exp.LTE, exp.LT)


def _by_position(
    alias: str,
    p: exp.Expression,
    after: type[exp.LT] | type[exp.LTE],
    within: type[exp.LT] | type[exp.LTE],
) -> tuple[exp.Expression, exp.Expression]:
    """A join into the windows by position: the bucket of `p`, then `before after p` and
    `p within before + len`."""
    return (
        exp.to_table(_ident(BY_POSITION)).as_(_ident(alias)),
        exp.and_(
            exp.EQ(
                this=_c("bucket", alias),
                expression=dl.call("FLOOR", dl.div(p, dl.n(POSITION_BUCKET))),
            ),
            after(this=_c("before", alias), expression=p.copy()),
            within(this=p.copy(), expression=dl.add(_c("before", alias), _c("len", alias))),
        ),
    )


def deadline_items(
    b: Build, instances: exp.Select, rules: list[FollowUp], cal: Calendar, keep: bool = False
) -> exp.Select:
    """The items of check-deadlines from the (lowered) instances. `keep`: also `rule_idx`
    and the start and status as numbers and text (for goals' compliance)."""
    d = b.d
    bc, range_lo, range_hi = cal.business, cal.lo, cal.hi
    n, s = dl.n, dl.s

    def by_rule(values: list[exp.Expression]) -> exp.Expression:
        return exp.Case(
            this=_c("rule_idx"), ifs=[exp.If(this=n(i), true=v) for i, v in enumerate(values)]
        )

    def lit(v: object) -> exp.Expression:
        if v is None:
            return exp.null()
        if isinstance(v, bool):
            return exp.true() if v else exp.false()
        if isinstance(v, float):
            return dl.double(d, v)
        if isinstance(v, int):
            return n(v)
        return s(str(v))

    def typed(e: exp.Expression, to: str) -> exp.Expression:
        # a CASE of NULLs only (no rule says at_risk) is text to PostgreSQL, and
        # `text * double precision` then stops the script
        if all(isinstance(i.args["true"], exp.Null) for i in e.args["ifs"]):
            return dl.cast(e, to)
        return e

    business = [r.clock == "business" for r in rules]
    # 1: each instance with its rule's facts
    facts = [
        _as(by_rule([s(r.id) for r in rules]), "rule"),
        _as(by_rule([s(r.owner) for r in rules]), "team"),
        _as(by_rule([lit(x) for x in business]), "business"),
        _as(by_rule([lit(r.early_stop == "met") for r in rules]), "early_met"),
        _as(
            typed(by_rule([lit(r.at_risk.share if r.at_risk else None) for r in rules]), "DOUBLE"),
            "risk_share",
        ),
        _as(typed(by_rule([lit(_risk_left(r)) for r in rules]), "BIGINT"), "risk_left_s"),
    ]
    q = exp.select(exp.Star(), *facts).from_(instances.subquery(_ident("i"), copy=False))

    as_of = b.instant(b.as_of or SENTINEL)
    lo, hi = _epoch(range_lo), _epoch(range_hi)

    # the script's own words (never translated: the script is the same in every locale); each
    # guard reads the row's columns, so that no planner evaluates it before a row reaches it
    def guard(row: str, what: str, advice: str) -> exp.Expression:
        return dl.fail(
            d,
            "leadsla: lead ",
            _c("lead", row),
            ", follow-up ",
            _c("rule", row),
            ": it starts at ",
            dl.utc_text(d, _c("start", row)),
            f", {what} the business calendar this script holds ({cal.first} to {cal.last}); ",
            advice,
        )

    again = "run the command again (the table changed while leadsla read it)" if cal.spanned else ""

    def position(t: exp.Expression, w: str) -> exp.Expression:
        return dl.add(
            _c("before", w),
            dl.extreme(d, "LEAST", [dl.sub(t, _c("w_start", w)), _c("len", w)]),
        )

    if bc is None:
        # every rule counts calendar time
        p = exp.select(
            exp.Star(),
            _as(_c("start"), "p_start"),
            _as(_c("stop"), "p_stop"),
            _as(as_of.copy(), "p_asof"),
            _as(as_of.copy(), "t_asof"),
            _as(dl.add(_c("start"), _c("target_s")), "due"),
            _as(dl.add(_c("start"), _c("target_s")), "p_due"),
        ).from_(q.subquery(_ident("f"), copy=False))
        return _status(b, p, rules, keep)

    # 2: positions of the start, the stop and the as-of time (range joins into the windows)
    ws, wt, wa = "ws", "wt", "wa"
    in_range = exp.and_(
        exp.GTE(this=_c("start", "f"), expression=n(lo)),
        exp.LT(this=_c("start", "f"), expression=n(hi)),
    )
    p_start = dl.case(
        [
            (exp.not_(_c("business", "f")), _c("start", "f")),
            (
                exp.not_(dl.paren(in_range)),
                guard(
                    "f",
                    "outside",
                    again or "compile the script again with --from and --to around that day",
                ),
            ),
        ],
        position(_c("start", "f"), ws),
    )
    p_stop = dl.case(
        [(exp.not_(_c("business", "f")), _c("stop", "f"))], position(_c("stop", "f"), wt)
    )
    asof_t = as_of.copy()
    asof_at = position(asof_t.copy(), wa)
    if d.name == "postgres":
        # one lookup, not one per item: PostgreSQL plans the join on a constant as a nested
        # loop that scanned the windows again for every item (0.75 s of the example's 1.4 s);
        # a scalar subquery runs once (at most one window holds an instant)
        table, on = at_time(wa, asof_t.copy())
        asof_at = exp.Subquery(this=exp.select(asof_at).from_(table).where(on))
    p_asof = dl.case([(exp.not_(_c("business", "f")), asof_t.copy())], asof_at)
    eff_wi = dl.case(
        [(exp.LT(this=_c("start", "f"), expression=_c("w_end", ws)), _c("wi", ws))],
        dl.add(_c("wi", ws), n(1)),
    )

    windows = exp.to_table(_ident(WINDOWS))
    q2 = (
        exp.select(
            exp.column(exp.Star(), table=_ident("f")),
            _as(p_start, "p_start"),
            _as(p_stop, "p_stop"),
            _as(p_asof, "p_asof"),
            _as(asof_t.copy(), "t_asof"),
            _as(eff_wi, "eff_wi"),
        )
        .from_(q.subquery(_ident("f"), copy=False))
        .join(*at_time(ws, _c("start", "f")), join_type="left")
        .join(*at_time(wt, _c("stop", "f")), join_type="left")
    )
    if d.name != "postgres":
        q2 = q2.join(*at_time(wa, asof_t.copy()), join_type="left")

    # 3: the effective start (its window), the target position, and the due
    we, wm, bd = "we", "wm", "bd"
    p_target = dl.add(_c("p_start", "g"), _c("target_s", "g"))
    eff_start = dl.add(_c("w_start", we), dl.sub(_c("p_start", "g"), _c("before", we)))
    due_business = dl.case(
        [
            (exp.EQ(this=_c("target_s", "g"), expression=n(0)), eff_start),
            (
                exp.GT(this=_c("target_s", "g"), expression=n(0)),
                dl.add(_c("w_start", wm), dl.sub(p_target.copy(), _c("before", wm))),
            ),
        ],
        _c("close", bd),
    )
    p_due_business = dl.case(
        [
            (exp.EQ(this=_c("target_s", "g"), expression=n(0)), _c("p_start", "g")),
            (exp.GT(this=_c("target_s", "g"), expression=n(0)), p_target.copy()),
        ],
        _c("close_pos", bd),
    )
    calendar_due = dl.add(_c("start", "g"), _c("target_s", "g"))
    due = dl.case(
        [
            (exp.not_(_c("business", "g")), calendar_due),
            (
                _null(due_business.copy()),
                guard(
                    "g",
                    "and is due past the end of",
                    again or "compile the script again with a later --to",
                ),
            ),
        ],
        due_business,
    )
    p_due = dl.case([(exp.not_(_c("business", "g")), calendar_due.copy())], p_due_business)
    days = exp.to_table(_ident(DAYS))
    q3 = (
        exp.select(
            exp.column(exp.Star(), table=_ident("g")),
            _as(due, "due"),
            _as(p_due, "p_due"),
        )
        .from_(q2.subquery(_ident("g"), copy=False))
        .join(
            windows.copy().as_(_ident(we)),
            on=exp.EQ(this=_c("wi", we), expression=_c("eff_wi", "g")),
            join_type="left",
        )
        .join(*reaching(wm, p_target.copy()), join_type="left")
        .join(
            days.as_(_ident(bd)),
            on=exp.EQ(
                this=_c("idx", bd), expression=dl.add(_c("day_idx", we), _c("target_d", "g"))
            ),
            join_type="left",
        )
    )
    return _status(b, q3, rules, keep)


def _status(b: Build, q: exp.Select, rules: list[FollowUp], keep: bool) -> exp.Select:
    """The items: status, elapsed, overdue and left, as `build_deadlines` computes them."""
    d = b.d
    n, s = dl.n, dl.s
    p = "p"
    early = exp.and_(_c("early_met", p), exp.not_(_null(_c("early", p))))
    early_p = dl.paren(early)
    sixty = dl.double(d, 60.0)
    now = exp.Coalesce(this=_c("p_stop", p), expressions=[_c("p_asof", p)])

    def names(index: str) -> exp.Expression:
        case = exp.Case()
        for i, r in enumerate(rules):
            for k, stop in enumerate(r.stop):
                case = case.when(
                    exp.and_(
                        exp.EQ(this=_c("rule_idx", p), expression=n(i)),
                        exp.EQ(this=_c(index, p), expression=n(k)),
                    ),
                    s(stop),
                    copy=False,
                )
        return case

    stopped = dl.case([(early_p, _c("early", p))], _c("stop", p))
    stopped_by = dl.case([(early_p.copy(), names("early_by"))], names("stop_by"))
    status = dl.case(
        [
            (early_p.copy(), s("met")),
            (
                exp.not_(_null(_c("stop", p))),
                dl.case(
                    [(exp.LTE(this=_c("stop", p), expression=_c("due", p)), s("met"))],
                    s("met_late"),
                ),
            ),
            (_null(_c("due", p)), s("on_track")),
            (exp.GTE(this=_c("t_asof", p), expression=_c("due", p)), s("breached")),
            (
                exp.and_(
                    exp.not_(_null(_c("risk_share", p))),
                    exp.GTE(
                        this=dl.sub(_c("p_asof", p), _c("p_start", p)),
                        expression=dl.mul(
                            _c("risk_share", p), dl.sub(_c("p_due", p), _c("p_start", p))
                        ),
                    ),
                ),
                s("at_risk"),
            ),
            (
                exp.and_(
                    exp.not_(_null(_c("risk_left_s", p))),
                    exp.LTE(
                        this=dl.sub(_c("p_due", p), _c("p_asof", p)),
                        expression=_c("risk_left_s", p),
                    ),
                ),
                s("at_risk"),
            ),
        ],
        s("on_track"),
    )
    zero = dl.double(d, 0.0)
    out = [
        _as(_c("lead", p), "lead"),
        _as(_c("rule", p), "rule"),
        _as(_c("team", p), "team"),
        _as(_c("owner", p), "owner"),
        _as(status, "status"),
        _as(_c("tier", p), "tier"),
        _as(dl.to_timestamp(d, _c("start", p)), "start"),
        _as(dl.to_timestamp(d, _c("due", p)), "due"),
        _as(dl.to_timestamp(d, stopped), "stopped"),
        _as(stopped_by, "stopped_by"),
        _as(dl.div(dl.sub(_c("p_due", p), _c("p_start", p)), sixty.copy()), "target_minutes"),
        _as(
            dl.case(
                [(early_p.copy(), zero.copy())], dl.div(dl.sub(now, _c("p_start", p)), sixty.copy())
            ),
            "elapsed_minutes",
        ),
        _as(
            dl.case(
                [(early_p.copy(), zero.copy())],
                dl.div(
                    dl.extreme(d, "GREATEST", [n(0), dl.sub(now.copy(), _c("p_due", p))]),
                    sixty.copy(),
                ),
            ),
            "overdue_minutes",
        ),
        _as(
            dl.case(
                [
                    (
                        exp.and_(
                            _null(_c("stop", p)),
                            exp.not_(early_p.copy()),
                            exp.LT(this=_c("t_asof", p), expression=_c("due", p)),
                        ),
                        dl.div(dl.sub(_c("p_due", p), _c("p_asof", p)), sixty.copy()),
                    )
                ]
            ),
            "left_minutes",
        ),
    ]
    if keep:
        out += [_as(_c("rule_idx", p), "rule_idx"), _as(_c("start", p), "start_s")]
        out.append(_as(_c("_row", p), "_row"))
    return exp.select(*out).from_(q.subquery(_ident(p), copy=False))

"""`leadsla compile --what goals`: report's goal values as one SQL script per dialect.

One row per goal and period of `report`'s default periods (the 8 up to the one holding the
as-of time, none ending before `effective`): `goal, period_start, period_end, group, value,
size, met, maturing`, measured as engine/goals.py measures them: counts, conversions (with
`within` on either clock, `maturing` cohorts), median/p90/mean times (quantiles interpolate,
as DuckDB's quantile_cont) and follow-up compliance (the deadlines script's items).

`for_each` goals have one row per group, as `report` groups them (values trimmed and
case-folded, shown with their most frequent spelling; overrides matched alike). A compliance
goal with `where` or `for_each` joins each follow-up back to its lead by a number the script
gives the leads (`_row`: a table has no line numbers). Not written yet (refused with a
message): nothing. With `--as-of now` the script holds every period of its calendar
(`--from`..`--to`) and keeps those `report` would show at the engine's clock."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import sqlglot.expressions as exp

from leadsla.engine import dialects as dl
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
from leadsla.engine.compile_deadlines import (
    DAYS,
    WINDOWS,
    Calendar,
    at_time,
    calendar_rows,
    deadline_items,
    holding,
    instances,
    reaching,
    require_calendar,
    script_calendar,
)
from leadsla.engine.deadlines import LEADS
from leadsla.engine.dialects import col as _c
from leadsla.engine.dialects import ident as _i
from leadsla.engine.dialects import is_null as _null
from leadsla.engine.dialects import named as _as
from leadsla.engine.dialects import not_null as _nn
from leadsla.engine.goals import fold_key, goal_sections, uses_business
from leadsla.engine.periods import DEFAULT_COUNT, Period, make, next_start, period_start, periods
from leadsla.engine.sqlbuild import col
from leadsla.messages import say
from leadsla.sla.conditions import FieldType
from leadsla.sla.durations import Target as TargetT
from leadsla.sla.load import LoadedSla
from leadsla.sla.models import TIME_METRICS, Goal
from leadsla.sla.needs import sections_for
from leadsla.sla.semantics import DERIVED

GOAL_COLUMNS = (
    "goal", "period_start", "period_end", "group", "value", "size", "met", "maturing",
)  # fmt: skip
PERIODS = "leadsla_periods"
ALL_PERIODS = "leadsla_all_periods"


@dataclass(frozen=True)
class Shown:
    """The periods and groups `report` shows: `--period` (default `goals.period`), `--from`
    and `--to` (default: the 8 periods up to the as-of time's), `--by` (default: none)."""

    kind: str
    start: date | None = None
    end: date | None = None
    by: str | None = None


def goal_fields(loaded: LoadedSla) -> dict[str, FieldType]:
    assert loaded.sla.goals is not None
    out = read_fields(loaded, sections_for(loaded, goal_sections(loaded.sla)))
    if "owner" in loaded.sla.leads.columns and loaded.sla.follow_up:
        out.setdefault("owner", "text")
    return out


def compile_goals(
    loaded: LoadedSla,
    dialect: str,
    target: Target,
    as_of: datetime | None,
    first: date | None = None,
    last: date | None = None,
) -> str:
    """The script returning one row per goal, period and group (GOAL_COLUMNS) over `report`'s
    default periods at `as_of` (None: the engine's clock)."""
    script, _periods = goals_and_periods(loaded, dialect, target, as_of, first, last)
    return script


def goals_and_periods(
    loaded: LoadedSla,
    dialect: str,
    target: Target,
    as_of: datetime | None,
    first: date | None = None,
    last: date | None = None,
    *,
    first_data: bool = False,
    spanned: bool = False,
    shown: Shown | None = None,
) -> tuple[str, list[Period]]:
    """`compile_goals`' script and the periods it holds (at the engine's clock: every period
    of its calendar). `first_data`: one more column, `first`, the group's first value of the
    goal's timestamp in all the table (engine/goals.py's `first_data`; NULL: none), which
    tells a period with no data yet from one with a value but no target; and no period to
    report is then no script (``, []) rather than an error. `spanned`: --from/--to were
    spanned over the table by `--engine` (its guards' message then says to run again).
    `shown`: report's --period, --from, --to and --by (`report --engine`), at a given as-of."""
    sla = loaded.sla
    assert sla.goals is not None
    shown = shown or Shown(sla.goals.period)
    by = shown.by
    # --by splits the goals without a `for_each` by its field, as a for_each would (a goal's
    # own for_each wins, as in engine/goals.py); the targets are decided by the caller
    goals = [
        g if g.for_each or by is None else g.model_copy(update={"for_each": by})
        for g in sla.goals.targets
    ]
    rules = list(sla.follow_up or [])
    used_rules = [r for r in rules if any(g.follow_up == r.id for g in goals)]
    require_calendar(loaded, used_rules)
    business = any(uses_business(g) for g in goals) or any(
        r.clock == "business" for r in used_rules
    )
    if business and sla.calendar is None:
        raise CompileError(say("the goals measure business time, which needs a `calendar` section"))
    zone = sla.calendar.timezone if sla.calendar else (sla.leads.timezone or "UTC")
    cal = script_calendar(loaded, as_of, first, last, business, spanned)
    kind = shown.kind
    if as_of is not None:
        found_periods = periods(kind, as_of, zone, shown.start, shown.end, sla.effective)
        if not found_periods and first_data:
            return "", []
        if not found_periods:
            raise CompileError(say("no period to report at {as_of}", as_of=as_of.isoformat()))
        if found_periods[0].start < cal.lo:
            raise CompileError(
                say(
                    "--from {start} is after the first period reported ({first})",
                    start=str(cal.first),
                    first=str(found_periods[0].first),
                )
            )
    else:
        assert shown == Shown(sla.goals.period), "report's options need an as-of time"
        # the engine's clock: every period of the script's calendar, of which the script
        # keeps the 8 up to the one holding the clock (see `_now_periods`)
        found_periods = []
        day = period_start(cal.first, kind)
        if day < cal.first:
            day = next_start(day, kind)
        while day <= cal.last:
            p = make(day, kind, ZoneInfo(zone))
            if p.next_first > cal.last + timedelta(days=1):
                break
            found_periods.append(p)
            day = p.next_first
    fields = goal_fields(loaded)
    if by is not None and by not in DERIVED:
        fields.setdefault(by, loaded.types.types.get(by, "text"))
    b = build(loaded, dialect, target, as_of, fields, sections_for(loaded, goal_sections(sla, by)))
    # a compliance goal that narrows or groups its leads joins the follow-ups back to them
    b.numbered = any(g.metric == "compliance" and (g.where or g.for_each) for g in goals)
    tree = _goals(b, goals, rules, found_periods, cal, as_of)
    columns: tuple[str, ...] = GOAL_COLUMNS
    if first_data:
        tree.select(_as(dl.to_timestamp(b.d, _c("first", "y")), "first"), copy=False)
        columns = (*columns, "first")
    rows = calendar_rows(b.d, cal)
    spans = [
        (k, int(dl.epoch_of(p.start)), int(dl.epoch_of(p.end))) for k, p in enumerate(found_periods)
    ]
    if as_of is not None:
        rows[PERIODS] = dl.rows_table(
            b.d,
            "p",
            ["pi", "p_start", "p_end", "complete"],
            [(*span, int(p.end <= as_of)) for span, p in zip(spans, found_periods, strict=True)],
        )
    else:
        rows[ALL_PERIODS] = dl.rows_table(b.d, "p", ["pi", "p_start", "p_end"], list(spans))
        tree = tree.with_(_i(PERIODS), as_=_now_periods(b, zone), copy=False)
    order = [
        exp.Ordered(this=_c("period_start", "s"), nulls_first=False),
        exp.Ordered(this=binary(b.d, _c("goal", "s")), nulls_first=False),
        exp.Ordered(this=binary(b.d, _c("group", "s")), nulls_first=False),
    ]
    return finish(b, tree, order, rows, "goals", columns), found_periods


def _now_periods(b: Build, zone: str) -> exp.Select:
    """The periods `report` shows at the engine's clock: the 8 up to the one holding it, none
    ending before `effective`, each `complete` once over. The script stops when the clock is
    outside its calendar (compile it again).

    The period holding the clock is an aggregate over the periods (one row, `cur` NULL when
    none holds it), joined to them: the guard reads that row's columns. A guard built of the
    clock alone is a constant to the planner, which evaluates it whether or not it is reached
    (PostgreSQL does, estimating the WHERE clause `pi BETWEEN COALESCE(.., guard) - 7 AND ..`:
    the script always stopped)."""
    d = b.d
    now = b.instant(SENTINEL)
    holds = exp.and_(
        exp.LTE(this=_c("p_start"), expression=now.copy()),
        exp.LT(this=now.copy(), expression=_c("p_end")),
    )
    clock = exp.select(
        _as(exp.func("MAX", dl.case([(holds, _c("pi"))])), "cur"),
        _as(exp.func("MIN", _c("p_start")), "lo"),
        _as(exp.func("MAX", _c("p_end")), "hi"),
    ).from_(exp.to_table(_i(ALL_PERIODS)))
    guard = dl.fail(
        d,
        "leadsla: the engine's clock (",
        dl.utc_text(d, now.copy()),
        ") is outside the periods this script holds (",
        dl.utc_text(d, _c("lo", "c")),
        " to ",
        dl.utc_text(d, _c("hi", "c")),
        "); compile it again",
    )
    current = exp.select(
        _as(dl.case([(_null(_c("cur", "c")), guard)], _c("cur", "c")), "cur")
    ).from_(clock.subquery(_i("c"), copy=False))
    cur = _c("cur", "k")
    keep = [
        exp.Between(this=_c("pi", "a"), low=dl.sub(cur, dl.n(DEFAULT_COUNT - 1)), high=cur.copy())
    ]
    effective = b.loaded.sla.effective
    if effective is not None:
        since = datetime.combine(effective, datetime.min.time(), ZoneInfo(zone))
        keep.append(exp.GT(this=_c("p_end", "a"), expression=dl.n(int(dl.epoch_of(since)))))
    complete = dl.case([(exp.LTE(this=_c("p_end", "a"), expression=now.copy()), dl.n(1))], dl.n(0))
    return (
        exp.select(
            _as(_c("pi", "a"), "pi"),
            _as(_c("p_start", "a"), "p_start"),
            _as(_c("p_end", "a"), "p_end"),
            _as(complete, "complete"),
        )
        .from_(exp.to_table(_i(ALL_PERIODS)).as_(_i("a")))
        .join(current.subquery(_i("k"), copy=False), join_type="cross")
        .where(exp.and_(*keep))
    )


def _goals(
    b: Build,
    goals: list[Goal],
    rules: list,  # type: ignore[type-arg]
    found_periods: list[Period],
    cal: Calendar,
    as_of: datetime | None,
) -> exp.Select:
    d = b.d
    n = dl.n
    fields: list[str] = []
    for g in goals:
        for f in (g.of, g.from_, g.to):
            if f and f not in fields:
                fields.append(f)
    t = {f: f"_t{k}" for k, f in enumerate(fields)}
    # 1: the leads with the timestamps the goals use and each goal's `where`
    leads = exp.select(
        *([exp.column("_row")] if b.numbered else []),
        *[_as(col(f), t[f]) for f in fields],
        *[
            exp.alias_(b.deriver.cond(g.where) if g.where is not None else exp.true(), f"_w{i}")
            for i, g in enumerate(goals)
        ],
    ).from_(exp.to_table(LEADS).as_("d"))
    lowered = b.lower(leads)
    assert isinstance(lowered, exp.Select)
    each = list(dict.fromkeys(g.for_each for g in goals if g.for_each))
    pairs = dl.casefold_pairs() if each else ()
    stages = [pairs[k : k + FOLD_STEP] for k in range(0, len(pairs), FOLD_STEP)]
    for j, f in enumerate(each):
        lowered.select(_as(_group_text(b, f), f"_e{j}"), copy=False)
        lowered.select(
            _as(dl.casefold_letters(d, _group_text(b, f)), _fold_name(j, 0, len(stages))),
            copy=False,
        )
    q: exp.Select = lowered
    # 2: business positions (and the day of each) of the timestamps business goals use
    needed = [f for f in fields if any(uses_business(g) and f in (g.from_, g.to) for g in goals)]
    if cal.business is not None and needed:
        select: list[exp.Expression] = [exp.column(exp.Star(), table=_i("l"))]
        joined = exp.select()
        for k, f in enumerate(needed):
            w, v = f"wp{k}", f"wd{k}"
            ts = _c(t[f], "l")
            select.append(_as(_position(d, ts, w), f"_p{fields.index(f)}"))
            select.append(_as(_c("day_idx", v), f"_d{fields.index(f)}"))
        joined = exp.select(*select).from_(q.subquery(_i("l"), copy=False))
        for k, f in enumerate(needed):
            w, v = f"wp{k}", f"wd{k}"
            ts = _c(t[f], "l")
            joined = joined.join(*at_time(w, ts), join_type="left", copy=False)
            joined = joined.join(
                *holding(v, _position(d, ts.copy(), w)), join_type="left", copy=False
            )
        q = joined
    # the group keys' longer folds (`ß` -> `ss`), FOLD_STEP at a time: one query of a hundred
    # nested REPLACEs would print 50 KB of indentation
    folds: list[tuple[str, exp.Select]] = []
    for k, chunk in enumerate(stages, 1):
        stage = exp.select(exp.column(exp.Star(), table=_i("l")))
        for j in range(len(each)):
            before = _c(_fold_name(j, k - 1, len(stages)), "l")
            stage.select(
                _as(dl.casefold_longer(before, chunk), _fold_name(j, k, len(stages))), copy=False
            )
        folds.append((f"leadsla_f{k - 1}", q))
        q = stage.from_(exp.to_table(_i(f"leadsla_f{k - 1}")).as_(_i("l")), copy=False)
    g_cte = q
    # each for_each field's groups, one per value trimmed and case-folded (`_k`: Python's
    # casefold, not the engine's LOWER), shown with its most frequent spelling (ties: the
    # first in binary order), as engine/goals.py folds them
    gg: exp.Select = exp.select(exp.column(exp.Star(), table=_i("l"))).from_(
        exp.to_table(_i("leadsla_g0")).as_(_i("l"))
    )
    for j, _f in enumerate(each):
        counted = exp.select(_as(_c(f"_k{j}"), "key"), _as(_c(f"_e{j}"), "shown")).from_(
            exp.to_table(_i("leadsla_g0"))
        )
        spelled = (
            exp.select(_c("key"), _c("shown"), _as(exp.func("COUNT", exp.Star()), "n"))
            .from_(counted.subquery(_i("c"), copy=False))
            .group_by(_c("key"), _c("shown"))
        )
        ranked = exp.select(
            _c("key"),
            _c("shown"),
            _as(
                exp.Window(
                    this=exp.RowNumber(),
                    partition_by=[_c("key")],
                    order=exp.Order(
                        expressions=[
                            exp.Ordered(this=_c("n"), desc=True),
                            exp.Ordered(this=binary(d, _c("shown"))),
                        ]
                    ),
                ),
                "rn",
            ),
        ).from_(spelled.subquery(_i("s"), copy=False))
        chosen = (
            exp.select(_c("key"), _c("shown"))
            .from_(ranked.subquery(_i("r"), copy=False))
            .where(exp.EQ(this=_c("rn"), expression=n(1)))
        )
        gg = gg.select(_as(_c("shown", f"e{j}"), f"_grp{j}"), copy=False).join(
            chosen.subquery(_i(f"e{j}"), copy=False),
            on=exp.EQ(this=_c("key", f"e{j}"), expression=_c(f"_k{j}", "l")),
            join_type="left",
            copy=False,
        )
    group_of = {g.id: f"_grp{each.index(g.for_each)}" if g.for_each else None for g in goals}

    effective = (
        b.instant(
            datetime.combine(
                b.loaded.sla.effective,
                datetime.min.time(),
                ZoneInfo(
                    b.loaded.sla.calendar.timezone
                    if b.loaded.sla.calendar
                    else (b.loaded.sla.leads.timezone or "UTC")
                ),
            )
        )
        if b.loaded.sla.effective
        else None
    )
    parts: list[exp.Select] = []
    firsts: list[exp.Select] = []
    items: exp.Select | None = None
    for i, g in enumerate(goals):
        if g.metric == "compliance":
            if items is None:
                lowered_instances = b.lower(instances(b, rules))
                assert isinstance(lowered_instances, exp.Select)
                items = deadline_items(b, lowered_instances, rules, cal, keep=True)
            idx = next(k for k, r in enumerate(rules) if r.id == g.follow_up)
            grp = group_of[g.id]
            joined = g.where is not None or grp is not None
            parts.append(_compliance(b, i, items.copy(), idx, grp, joined))
            first = (
                exp.select(
                    _as(n(i), "gi"),
                    _as(_c(grp, "l") if grp else exp.cast(exp.null(), "VARCHAR"), "grp"),
                    _as(exp.func("MIN", _c("start_s", "it")), "first"),
                )
                .from_(items.copy().subquery(_i("it"), copy=False))
                .where(exp.EQ(this=_c("rule_idx", "it"), expression=n(idx)))
            )
            if grp:
                first = first.join(
                    exp.to_table(_i("leadsla_g")).as_(_i("l")),
                    on=exp.EQ(this=_c("_row", "l"), expression=_c("_row", "it")),
                ).group_by(_c(grp, "l"))
            firsts.append(first)
            continue
        anchor = t[g.of or g.from_ or ""]
        grp = group_of[g.id]
        parts.append(_metric(b, i, g, t, fields, effective, grp))
        first = exp.select(
            _as(n(i), "gi"),
            _as(_c(grp) if grp else exp.cast(exp.null(), "VARCHAR"), "grp"),
            _as(exp.func("MIN", _c(anchor)), "first"),
        ).from_(exp.to_table(_i("leadsla_g")))
        firsts.append(first.group_by(_c(grp), copy=False) if grp else first)
    union: exp.Query = parts[0]
    for p in parts[1:]:
        union = exp.union(union, p, distinct=False, copy=False)
    first_union: exp.Query = firsts[0]
    for p in firsts[1:]:
        first_union = exp.union(first_union, p, distinct=False, copy=False)

    # 3: every goal in every period and group, with its value, verdict and whether it matures
    groups: exp.Query | None = None
    for i, g in enumerate(goals):
        grp = group_of[g.id]
        one = (
            exp.select(_as(n(i), "gi"), _as(_c(grp), "grp"))
            .distinct()
            .from_(exp.to_table(_i("leadsla_g")))
            if grp
            else exp.select(_as(n(i), "gi"), _as(exp.cast(exp.null(), "VARCHAR"), "grp"))
        )
        groups = one if groups is None else exp.union(groups, one, distinct=False, copy=False)
    assert groups is not None

    def same_group(a: str, b_: str) -> exp.Expression:
        # groups are never blank text ("(blank)"): '' stands for "no group" on both sides
        return exp.EQ(
            this=exp.Coalesce(this=_c("grp", a), expressions=[dl.s("")]),
            expression=exp.Coalesce(this=_c("grp", b_), expressions=[dl.s("")]),
        )

    base = (
        exp.select(
            _c("gi", "g"),
            _c("grp", "g"),
            _c("pi", "p"),
            _c("p_start", "p"),
            _c("p_end", "p"),
            _c("complete", "p"),
            _as(_c("value", "v"), "value"),
            _as(_c("size", "v"), "size"),
            _as(_c("last", "v"), "last"),
            _as(_c("first", "f"), "first"),
        )
        .from_(exp.Subquery(this=groups, alias=exp.TableAlias(this=_i("g"))))
        .join(exp.to_table(_i(PERIODS)).as_(_i("p")), join_type="cross")
        .join(
            exp.Subquery(this=union, alias=exp.TableAlias(this=_i("v"))),
            on=exp.and_(
                exp.EQ(this=_c("gi", "v"), expression=_c("gi", "g")),
                exp.EQ(this=_c("pi", "v"), expression=_c("pi", "p")),
                same_group("v", "g"),
            ),
            join_type="left",
        )
        .join(
            exp.Subquery(this=first_union, alias=exp.TableAlias(this=_i("f"))),
            on=exp.and_(exp.EQ(this=_c("gi", "f"), expression=_c("gi", "g")), same_group("f", "g")),
            join_type="left",
        )
    )
    verdicts = _verdicts(b, goals, base, cal, as_of)
    derived = b.lower(b.deriver.derived())
    assert isinstance(derived, exp.Select)
    verdicts = verdicts.with_(_i(LEADS), as_=derived, copy=False)
    for name, fold in folds:
        verdicts = verdicts.with_(_i(name), as_=fold, copy=False)
    return verdicts.with_(_i("leadsla_g0"), as_=g_cte, copy=False).with_(
        _i("leadsla_g"), as_=gg, copy=False
    )


FOLD_STEP = 16
"""Longer casefolds (REPLACEs) per query of the group keys."""


def _fold_name(j: int, stage: int, stages: int) -> str:
    """The column of for_each field j's group key after `stage` of the `stages` (`_k{j}`
    once folded: engine/goals.py's `fold_key` of the trimmed text, Python's casefold, not
    the engine's LOWER, which `report` groups and matches overrides by)."""
    return f"_k{j}" if stage == stages else f"_f{j}_{stage}"


SPACES = "".join(chr(c) for c in range(0x3001) if unicodedata.category(chr(c)) == "Zs")
"""What DuckDB's trim() removes, which engine/goals.py's group_text trims a group with: every
Unicode space (U+0020, U+00A0, U+1680, U+2000..U+200A, U+202F, U+205F, U+3000), not only
the space and no-break space the compiled reader trims (`Ana\u3000` is `Ana`'s group)."""


def _group_text(b: Build, field: str) -> exp.Expression:
    """A field's value as the text of a group (engine/goals.py's group_text): whole numbers
    without `.0`, booleans `true`/`false`; a blank owner is `(unassigned)`, another blank
    field `(blank)`."""
    value: exp.Expression = _c(b.names.field(field))
    kind = b.deriver.types.get(field, "text")
    if kind == "number":
        whole = exp.and_(
            exp.EQ(this=value.copy(), expression=dl.call("FLOOR", value.copy())),
            exp.LT(this=dl.call("ABS", value.copy()), expression=dl.double(b.d, 1e15)),
        )
        value = dl.case(
            [(whole, exp.cast(exp.cast(value.copy(), "BIGINT"), "VARCHAR"))],
            exp.cast(value.copy(), "VARCHAR"),
        )
    elif kind == "boolean":
        value = dl.case([(value.copy(), dl.s("true")), (exp.not_(value.copy()), dl.s("false"))])
    blank = "(unassigned)" if field == "owner" else "(blank)"
    return exp.Coalesce(
        this=exp.Nullif(this=exp.Trim(this=value, expression=dl.s(SPACES)), expression=dl.s("")),
        expressions=[dl.s(blank)],
    )


def _position(d: dl.Dialect, t: exp.Expression, w: str) -> exp.Expression:
    return dl.add(
        _c("before", w), dl.extreme(d, "LEAST", [dl.sub(t, _c("w_start", w)), _c("len", w)])
    )


def _in_period(t: exp.Expression) -> exp.Expression:
    return exp.and_(
        exp.LTE(this=_c("p_start", "p"), expression=t),
        exp.LT(this=t.copy(), expression=_c("p_end", "p")),
    )


def _metric(
    b: Build,
    i: int,
    g: Goal,
    t: dict[str, str],
    fields: list[str],
    effective: exp.Expression | None,
    grp: str | None,
) -> exp.Select:
    """(gi, pi, grp, value, size, last) of a count, conversion or time goal, per period (and
    group, the column `grp` of the leads, for a `for_each` goal)."""
    d = b.d
    n = dl.n
    anchor = _c(t[g.of or g.from_ or ""], "l")
    where: list[exp.Expression] = [_nn(anchor), _c(f"_w{i}", "l")]
    if effective is not None:
        where.append(exp.GTE(this=anchor.copy(), expression=effective.copy()))
    source = (
        exp.select(exp.Star())
        .from_(exp.to_table(_i("leadsla_g")).as_(_i("l")))
        .join(exp.to_table(_i(PERIODS)).as_(_i("p")), on=_in_period(anchor.copy()))
    )
    group = _c(grp, "l") if grp else exp.cast(exp.null(), "VARCHAR")
    key = [_as(n(i), "gi"), _c("pi", "p"), _as(group, "grp")]
    by = [_c("pi", "p"), *([_c(grp, "l")] if grp else [])]
    last: exp.Expression = exp.cast(exp.null(), "DOUBLE")
    if g.metric == "count":
        count = exp.func("COUNT", exp.Star())
        sel = [*key, _as(count, "value"), _as(count.copy(), "size")]
        q = source.select(*sel, append=False, copy=False).where(exp.and_(*where), copy=False)
        return q.group_by(*by, copy=False).select(_as(last, "last"), copy=False)
    t_from = anchor
    t_to = _c(t[g.to or ""], "l")
    if g.metric == "conversion":
        ok = exp.and_(_nn(t_to), exp.GTE(this=t_to.copy(), expression=t_from.copy()))
        w = g.within
        if w is not None:
            if g.clock != "business":
                ok = exp.and_(
                    ok,
                    exp.LTE(
                        this=dl.sub(t_to.copy(), t_from.copy()),
                        expression=n(w.calendar_minutes * 60),
                    ),
                )
            elif w.has_days:
                # the close of the Nth business day after the cohort member's (None: past
                # the calendar, so any `to`, never after as-of, is within it)
                close = _c("close", "dc")
                source = source.join(
                    exp.to_table(_i(DAYS)).as_(_i("dc")),
                    on=exp.EQ(
                        this=_c("idx", "dc"),
                        expression=dl.add(_c(f"_d{fields.index(g.from_ or '')}", "l"), n(w.days)),
                    ),
                    join_type="left",
                    copy=False,
                )
                ok = exp.and_(
                    ok,
                    dl.paren(
                        exp.or_(_null(close), exp.LTE(this=t_to.copy(), expression=close.copy()))
                    ),
                )
            else:
                gap = dl.sub(
                    _c(f"_p{fields.index(g.to or '')}", "l"),
                    _c(f"_p{fields.index(g.from_ or '')}", "l"),
                )
                ok = exp.and_(ok, exp.LTE(this=gap, expression=n(w.business_minutes * 60)))
        converted = exp.func("SUM", dl.case([(ok, n(1))], n(0)))
        size = exp.func("COUNT", exp.Star())
        value = dl.div(dl.cast(converted, "DOUBLE"), size.copy())
        sel = [
            *key,
            _as(value, "value"),
            _as(size, "size"),
            _as(exp.func("MAX", t_from.copy()), "last"),
        ]
        q = source.select(*sel, append=False, copy=False).where(exp.and_(*where), copy=False)
        return q.group_by(*by, copy=False)
    assert g.metric in TIME_METRICS
    if (g.clock or "business") == "business":
        minutes = dl.div(
            dl.sub(
                _c(f"_p{fields.index(g.to or '')}", "l"),
                _c(f"_p{fields.index(g.from_ or '')}", "l"),
            ),
            dl.double(d, 60.0),
        )
    else:
        minutes = dl.div(dl.sub(t_to.copy(), t_from.copy()), dl.double(d, 60.0))
    where += [_nn(t_to.copy()), exp.GTE(this=t_to.copy(), expression=t_from.copy())]
    q_inner = source.select(
        _c("pi", "p"), _as(group, "grp"), _as(minutes, "m"), append=False, copy=False
    ).where(exp.and_(*where), copy=False)
    if g.metric == "mean_time":
        agg: exp.Expression = exp.func("AVG", _c("m"))
    else:
        q = 0.5 if g.metric == "median_time" else 0.9
        if d.name == "bigquery":
            pc = exp.Window(
                this=exp.PercentileCont(this=_c("m"), expression=dl.double(d, q)),
                partition_by=[_c("pi"), _c("grp")],
            )
            q_inner = exp.select(exp.Star(), _as(pc, "pc")).from_(
                q_inner.subquery(_i("m0"), copy=False)
            )
            agg = exp.func("MAX", _c("pc"))
        elif d.name in ("postgres", "snowflake"):
            agg = exp.WithinGroup(
                this=exp.PercentileCont(this=dl.double(d, q)),
                expression=exp.Order(expressions=[exp.Ordered(this=_c("m"))]),
            )
        elif d.name == "spark":
            agg = dl.call("PERCENTILE", _c("m"), dl.double(d, q))
        else:
            agg = dl.call("QUANTILE_CONT", _c("m"), dl.double(d, q))
    return (
        exp.select(
            _as(n(i), "gi"),
            _c("pi"),
            _c("grp"),
            _as(agg, "value"),
            _as(exp.func("COUNT", exp.Star()), "size"),
            _as(exp.cast(exp.null(), "DOUBLE"), "last"),
        )
        .from_(q_inner.subquery(_i("m1"), copy=False))
        .group_by(_c("pi"), _c("grp"))
    )


def _compliance(
    b: Build, i: int, items: exp.Select, rule_idx: int, grp: str | None, joined: bool
) -> exp.Select:
    """(gi, pi, grp, value, size, last) of a compliance goal: of the rule's follow-ups that
    started in the period and ended, the share met. `joined`: each follow-up joined to its
    lead (by `_row`) for the goal's `where` and group."""
    n, s = dl.n, dl.s
    status = _c("status", "it")
    judged = exp.In(this=status, expressions=[s("met"), s("met_late"), s("breached")])
    met = exp.func("SUM", dl.case([(exp.EQ(this=status.copy(), expression=s("met")), n(1))], n(0)))
    size = exp.func("COUNT", exp.Star())
    group = _c(grp, "l") if grp else exp.cast(exp.null(), "VARCHAR")
    where = [exp.EQ(this=_c("rule_idx", "it"), expression=n(rule_idx)), judged.copy()]
    q = (
        exp.select(
            _as(n(i), "gi"),
            _c("pi", "p"),
            _as(group, "grp"),
            _as(dl.div(dl.cast(met, "DOUBLE"), size.copy()), "value"),
            _as(size, "size"),
            _as(exp.cast(exp.null(), "DOUBLE"), "last"),
        )
        .from_(items.subquery(_i("it"), copy=False))
        .join(exp.to_table(_i(PERIODS)).as_(_i("p")), on=_in_period(_c("start_s", "it")))
    )
    if joined:
        q = q.join(
            exp.to_table(_i("leadsla_g")).as_(_i("l")),
            on=exp.EQ(this=_c("_row", "l"), expression=_c("_row", "it")),
        )
        where.append(_c(f"_w{i}", "l"))
    return q.where(exp.and_(*where)).group_by(_c("pi", "p"), *([_c(grp, "l")] if grp else []))


def _verdicts(
    b: Build, goals: list[Goal], base: exp.Select, cal: Calendar, as_of: datetime | None
) -> exp.Select:
    """goal, period, value (0 for a count with no lead), size, met, maturing (engine/goals.py's
    `evaluate_goal` and `maturing`)."""
    d = b.d
    n, s = dl.n, dl.s
    each = list(dict.fromkeys(g.for_each for g in goals if g.for_each))
    t_asof = b.instant(as_of or SENTINEL)
    gi = _c("gi", "x")

    def per_goal(values: list[exp.Expression]) -> exp.Expression:
        return exp.Case(
            this=gi.copy(), ifs=[exp.If(this=n(k), true=v) for k, v in enumerate(values)]
        )

    value = per_goal(
        [
            exp.Coalesce(this=_c("value", "x"), expressions=[dl.double(d, 0.0)])
            if g.metric == "count"
            else _c("value", "x")
            for g in goals
        ]
    )
    # maturing: a conversion cohort whose last member has not had `within` yet (the due of
    # the last member as BusinessCalendar.add / close_after_days on the business clock)
    last = _c("last", "x")
    windows = exp.to_table(_i(WINDOWS))
    joins: list[tuple[exp.Expression, str, exp.Expression]] = []
    position = dl.add(
        _c("before", "wl"),
        dl.extreme(d, "LEAST", [dl.sub(last.copy(), _c("w_start", "wl")), _c("len", "wl")]),
    )
    eff_wi = dl.case(
        [(exp.LT(this=last.copy(), expression=_c("w_end", "wl")), _c("wi", "wl"))],
        dl.add(_c("wi", "wl"), n(1)),
    )
    maturing_each: list[exp.Expression] = []
    for k, g in enumerate(goals):
        if g.metric != "conversion" or g.within is None:
            maturing_each.append(exp.false())
            continue
        w = g.within
        if g.clock == "business" and cal.business is not None:
            if not joins:
                table, on = at_time("wl", last.copy())
                joins.append((table, "wl", on))
            if w.has_days:
                if not any(alias == "we" for _t, alias, _on in joins):
                    joins.append(
                        (
                            windows.copy().as_(_i("we")),
                            "we",
                            exp.EQ(this=_c("wi", "we"), expression=eff_wi),
                        )
                    )
                joins.append(
                    (
                        exp.to_table(_i(DAYS)).as_(_i(f"bl{k}")),
                        f"bl{k}",
                        exp.EQ(
                            this=_c("idx", f"bl{k}"),
                            expression=dl.add(_c("day_idx", "we"), n(w.days)),
                        ),
                    )
                )
                due: exp.Expression = _c("close", f"bl{k}")
            else:
                reached = dl.add(position.copy(), n(w.business_minutes * 60))
                table, on = reaching(f"wm{k}", reached)
                joins.append((table, f"wm{k}", on))
                due = dl.add(
                    _c("w_start", f"wm{k}"), dl.sub(reached.copy(), _c("before", f"wm{k}"))
                )
            mature = exp.or_(_null(due.copy()), exp.GT(this=due, expression=t_asof.copy()))
        else:
            mature = exp.GT(
                this=dl.add(last.copy(), n(w.calendar_minutes * 60)), expression=t_asof.copy()
            )
        maturing_each.append(
            dl.case(
                [
                    (exp.EQ(this=_c("complete", "x"), expression=n(0)), exp.true()),
                    (_null(last.copy()), exp.false()),
                ],
                dl.paren(mature),
            )
        )
    maturing = per_goal(maturing_each)
    met_each: list[exp.Expression] = []
    value_y = _c("value_", "y")

    def meets(target: TargetT) -> exp.Expression:
        cmp = exp.GTE if target.op == ">=" else exp.LTE
        return cmp(this=value_y.copy(), expression=dl.double(d, float(target.value)))

    for g in goals:
        if not g.for_each:
            met_each.append(meets(g.target))
            continue
        # engine/goals.py's target_for: an override for the group (matched trimmed and
        # case-folded), none for (unassigned) and (blank), else the goal's target
        folded = _c(f"_key{each.index(g.for_each)}", "y")
        whens = [
            (exp.EQ(this=folded.copy(), expression=dl.s(fold_key(value))), meets(target))
            for value, target in (g.overrides or {}).items()
        ]
        whens.append(
            (
                exp.In(this=_c("grp", "y"), expressions=[dl.s("(unassigned)"), dl.s("(blank)")]),
                exp.cast(exp.null(), "BOOLEAN"),
            )
        )
        met_each.append(dl.case(whens, meets(g.target)))
    judged = exp.and_(
        exp.EQ(this=_c("complete", "y"), expression=n(1)),
        exp.not_(_c("maturing", "y")),
        _nn(_c("value_", "y")),
        _nn(_c("first", "y")),
        exp.GT(this=_c("p_end", "y"), expression=_c("first", "y")),
    )
    first_layer = exp.select(
        exp.column(exp.Star(), table=_i("x")),
        _as(value, "value_"),
        _as(maturing, "maturing"),
    ).from_(base.subquery(_i("x"), copy=False))
    # each group's key (its casefold), for the overrides: one row per spelling shown
    for j, f in enumerate(each):
        if not any(g.for_each == f and g.overrides for g in goals):
            continue
        keys = (
            exp.select(_as(_c(f"_grp{j}"), "shown"), _as(_c(f"_k{j}"), "key"))
            .distinct()
            .from_(exp.to_table(_i("leadsla_g")))
        )
        first_layer = first_layer.select(_as(_c("key", f"o{j}"), f"_key{j}"), copy=False).join(
            keys.subquery(_i(f"o{j}"), copy=False),
            on=exp.EQ(this=_c("shown", f"o{j}"), expression=_c("grp", "x")),
            join_type="left",
            copy=False,
        )
    for table, _alias, on in joins:
        first_layer = first_layer.join(table, on=on, join_type="left", copy=False)
    y = first_layer.subquery(_i("y"), copy=False)
    met = exp.Case(
        this=_c("gi", "y"), ifs=[exp.If(this=n(k), true=v) for k, v in enumerate(met_each)]
    )
    out = [
        _as(
            exp.Case(
                this=_c("gi", "y"),
                ifs=[exp.If(this=n(k), true=s(g.id)) for k, g in enumerate(goals)],
            ),
            "goal",
        ),
        _as(dl.to_timestamp(d, _c("p_start", "y")), "period_start"),
        _as(dl.to_timestamp(d, _c("p_end", "y")), "period_end"),
        _as(_c("grp", "y"), "group"),
        _as(_c("value_", "y"), "value"),
        _as(exp.Coalesce(this=_c("size", "y"), expressions=[n(0)]), "size"),
        _as(dl.case([(judged, met)]), "met"),
        _as(_c("maturing", "y"), "maturing"),
    ]
    return exp.select(*out).from_(y)

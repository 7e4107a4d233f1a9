"""`calibrate`: every rule of the SLA against an outcome, counted in one query over the same
compiled scoring SQL as `score`; then lift, its interval and suggested points."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime

import sqlglot.expressions as exp

from leadsla.data.db import Connection, rows
from leadsla.engine.derive import Deriver, _over
from leadsla.engine.sqlbuild import (
    add,
    coalesce_false,
    col,
    internal,
    lit,
    not_null,
    sql,
    timestamp,
)
from leadsla.results import (
    CalibrationCohort,
    DecileCalibration,
    GradeCalibration,
    MqlCalibration,
    RuleCalibration,
)

Z95 = 1.959964
"""The standard normal quantile of a two-sided 95% interval."""
DECILES = 10
STEP = 5
"""Suggested points are multiples of this."""


@dataclass(frozen=True)
class RuleFlag:
    """A rule of the SLA and the SQL that says, per lead, whether it fired."""

    part: str
    """`fit`, `engagement`, `disqualify` or `mql`."""
    name: str
    points: float | None
    """The contribution when it fires (points clamped by cap), None for `per` rules,
    disqualify rules and `mql`."""
    written_points: float | None
    """The rule's `points` as written (JSON `points`)."""
    fired: exp.Expression


def rule_flags(deriver: Deriver) -> list[RuleFlag]:
    """Each rule's fired flag, read from the columns and conditions `Deriver.derived` compiles:
    a scoring rule fires when its contribution column (`_fit_0`...) is not 0; a disqualify rule
    when its own condition holds (whatever the order); `mql` when the MQL definition holds."""
    sla = deriver.sla
    out: list[RuleFlag] = []
    positions = {"fit": 0, "eng": 0}
    for rc in deriver.rule_columns():
        part = "fit" if rc.part == "fit" else "engagement"
        index = positions[rc.part]
        positions[rc.part] += 1
        rule = rc.rule
        fired = coalesce_false(exp.NEQ(this=exp.column(rc.name), expression=lit(0.0)))
        contribution: float | None = None
        if not rule.per:
            contribution = float(rule.points)
            if rule.cap is not None:
                contribution = max(-rule.cap, min(rule.cap, contribution))
        name = rule.name or f"{part}[{index}]"
        out.append(RuleFlag(part, name, contribution, float(rule.points), fired))
    qual = sla.qualification if "qualification" in deriver.sections else None
    if qual is not None:
        for i, d in enumerate(qual.disqualify):
            name = d.reason or f"disqualify[{i}]"
            out.append(
                RuleFlag("disqualify", name, None, None, coalesce_false(deriver.cond(d.when)))
            )
        if qual.mql is not None:
            out.append(RuleFlag("mql", "mql", None, None, coalesce_false(deriver.cond(qual.mql))))
    return out


@dataclass(frozen=True)
class Window:
    """The cohort and the outcome: `cohort` in [start, end], converted when `outcome` is in
    [t, t + within] (the as-of time bounds it: later timestamps are blank as of)."""

    cohort: str
    outcome: str
    within_minutes: int
    start: datetime | None
    end: datetime


def calibration_query(deriver: Deriver, flags: list[RuleFlag], window: Window) -> str:
    """One query: the totals and every rule's counts, per grade, per decile of score."""
    q = deriver.derived()
    t = col(window.cohort)
    outcome = col(window.outcome)
    in_cohort = exp.and_(
        not_null(t.copy()),
        exp.LTE(this=t.copy(), expression=timestamp(window.end)),
        *(
            [exp.GTE(this=t.copy(), expression=timestamp(window.start))]
            if window.start is not None
            else []
        ),
    )
    later = exp.Interval(
        this=exp.Literal.string(str(window.within_minutes)), unit=exp.var("MINUTE")
    )
    converted = coalesce_false(
        exp.and_(
            not_null(outcome.copy()),
            exp.GTE(this=outcome.copy(), expression=t.copy()),
            exp.LTE(this=outcome.copy(), expression=add(t.copy(), later)),
        )
    )
    q = _over(
        q,
        "k0",
        exp.alias_(t.copy(), "_t"),
        exp.alias_(converted, "_conv"),
        exp.alias_(col("score"), "_score"),
        exp.alias_(col("grade"), "_grade"),
        exp.alias_(col("qualification"), "_qualification"),
        *[exp.alias_(f.fired, f"_k{i}") for i, f in enumerate(flags)],
    )
    cohort = q.where(in_cohort, copy=False)
    ranked = exp.select(
        exp.Star(),
        exp.alias_(_rank(), "_rank"),
        exp.alias_(exp.Window(this=exp.Count(this=exp.Star())), "_n"),
    ).from_(cohort.subquery("k1", copy=False), copy=False)
    per_rule = ", ".join(
        f"count_if(_k{i}) AS _f{i}, count_if(_k{i} AND _conv) AS _fc{i}" for i in range(len(flags))
    )
    return f"""
        SELECT GROUPING(_grade) AS _by_grade, GROUPING(_decile) AS _by_decile,
               _grade, _decile, count(*), count_if(_conv), min(_t), min(_score), max(_score),
               count_if(_qualification = 'mql'), count_if(_qualification = 'mql' AND _conv)
               {", " + per_rule if per_rule else ""}
        FROM (SELECT *, 1 + (({DECILES} * (_rank - 1)) // _n) AS _decile
              FROM ({sql(ranked)}) AS k2) AS k3
        GROUP BY GROUPING SETS ((), (_grade), (_decile))"""


def _rank() -> exp.Expression:
    order = exp.Order(
        expressions=[exp.Ordered(this=internal("_score"), desc=True, nulls_first=False)]
    )
    return exp.Window(this=exp.Anonymous(this="RANK", expressions=[]), order=order)


@dataclass(frozen=True)
class Counts:
    """What the query counted."""

    size: int
    converted: int
    earliest: datetime | None
    mql_size: int
    mql_converted: int
    fired: list[tuple[int, int]]
    """Per flag: (fired, converted among the fired)."""
    grades: dict[str, tuple[int, int]]
    deciles: dict[int, tuple[int, int, float | None, float | None]]
    """decile -> (size, converted, min score, max score)."""


def count(con: Connection, deriver: Deriver, flags: list[RuleFlag], window: Window) -> Counts:
    found = rows(con, calibration_query(deriver, flags, window))
    total: tuple[object, ...] | None = None
    grades: dict[str, tuple[int, int]] = {}
    deciles: dict[int, tuple[int, int, float | None, float | None]] = {}
    for r in found:
        by_grade, by_decile = r[0], r[1]
        if by_grade and by_decile:
            total = r
        elif not by_grade:
            grades[str(r[2])] = (_int(r[4]), _int(r[5]))
        else:
            deciles[int(r[3])] = (_int(r[4]), _int(r[5]), _float(r[7]), _float(r[8]))
    assert total is not None
    fired = [(_int(total[11 + 2 * i]), _int(total[12 + 2 * i])) for i in range(len(flags))]
    return Counts(
        _int(total[4]),
        _int(total[5]),
        total[6],  # type: ignore[arg-type]
        _int(total[9]),
        _int(total[10]),
        fired,
        grades,
        deciles,
    )


def _int(v: object) -> int:
    """A count (DuckDB's `count_if` over no row is NULL)."""
    return 0 if v is None else int(v)  # type: ignore[call-overload]


def _float(v: object) -> float | None:
    return None if v is None else float(v)  # type: ignore[arg-type]


# -- the statistics --------------------------------------------------------------------------------


def rate(k: int, n: int) -> float | None:
    return k / n if n > 0 else None


def lift_interval(
    a: int, n1: int, c: int, n0: int
) -> tuple[float | None, float | None, float | None]:
    """Lift (rate fired ÷ rate not fired) and its 95% interval by the log method, with a
    converted among the n1 fired and c among the n0 not fired."""
    lift = (a / n1) / (c / n0) if n1 > 0 and n0 > 0 and c > 0 else None
    if lift is None or a == 0:
        return lift, None, None
    se = math.sqrt(1 / a - 1 / n1 + 1 / c - 1 / n0)
    centre = math.log(lift)
    return lift, math.exp(centre - Z95 * se), math.exp(centre + Z95 * se)


def has_evidence(low: float | None, high: float | None) -> bool:
    return low is not None and high is not None and (low > 1 or high < 1)


def round_to_step(x: float, step: int = STEP) -> int:
    """`x` rounded half away from zero to a multiple of `step` (12 decimals first, so that a
    half computed as 2.4999999999999996 is still a half)."""
    q = round(abs(x) / step, 12)
    n = math.floor(q + 0.5)
    out = int(math.copysign(n * step, x)) if n else 0
    return out


def rules_result(flags: list[RuleFlag], counts: Counts) -> list[RuleCalibration]:
    stats = []
    for f, (n1, a) in zip(flags, counts.fired, strict=True):
        n0, c = counts.size - n1, counts.converted - a
        lift, low, high = lift_interval(a, n1, c, n0)
        stats.append((f, n1, a, n0, c, lift, low, high, has_evidence(low, high)))
    suggested: dict[int, int] = {}
    for part in ("fit", "engagement"):
        chosen = [
            (i, s[0].points, s[5])
            for i, s in enumerate(stats)
            if s[0].part == part and s[0].points is not None and s[8]
        ]
        if not chosen:
            continue
        max_p = max(abs(p) for _i, p, _l in chosen if p is not None)
        max_ln = max(abs(math.log(lift)) for _i, _p, lift in chosen if lift)
        k = max_p / max_ln
        for i, _p, lift in chosen:
            assert lift
            suggested[i] = round_to_step(k * math.log(lift))
    return [
        RuleCalibration(
            part=f.part,
            name=f.name,
            points=f.written_points,
            fired=n1,
            fired_converted=a,
            not_fired=n0,
            not_fired_converted=c,
            rate_fired=rate(a, n1),
            rate_not_fired=rate(c, n0),
            lift=lift,
            lift_low=low,
            lift_high=high,
            suggested_points=suggested.get(i),
            evidence=evidence,
        )
        for i, (f, n1, a, n0, c, lift, low, high, evidence) in enumerate(stats)
    ]


def cohort_result(window: Window, counts: Counts) -> CalibrationCohort:
    return CalibrationCohort(
        window.cohort,
        window.start if window.start is not None else counts.earliest,
        window.end,
        counts.size,
        counts.converted,
        rate(counts.converted, counts.size),
    )


def grades_result(labels: list[str], counts: Counts) -> list[GradeCalibration]:
    names = [*labels, *(g for g in counts.grades if g not in labels)]
    out = []
    for g in names:
        n, k = counts.grades.get(g, (0, 0))
        out.append(GradeCalibration(g, n, k, rate(k, n)))
    return out


def mql_result(counts: Counts, defined: bool = True) -> MqlCalibration:
    """Precision and recall of the MQL definition; both null without one (no lead can be an
    MQL: a recall of 0% would judge a definition nobody wrote)."""
    if not defined:
        return MqlCalibration(counts.mql_size, counts.mql_converted, None, None)
    return MqlCalibration(
        counts.mql_size,
        counts.mql_converted,
        rate(counts.mql_converted, counts.mql_size),
        rate(counts.mql_converted, counts.converted),
    )


def deciles_result(counts: Counts) -> list[DecileCalibration]:
    out = []
    for d in range(1, DECILES + 1):
        n, k, low, high = counts.deciles.get(d, (0, 0, None, None))
        out.append(DecileCalibration(d, low, high, n, k, rate(k, n)))
    return out

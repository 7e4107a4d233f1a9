"""The derived fields (SPEC §1): funnel_stage, fit, grade, engagement, score, qualification.

Built as layered SELECTs over the typed `leads` table so that each layer's conditions see
exactly the derived fields that exist at that point."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import sqlglot.expressions as exp

from leadsla.data.names import field_column
from leadsla.engine.conditions import compile_condition
from leadsla.engine.sqlbuild import (
    add,
    as_field,
    call,
    case,
    cast,
    col,
    div,
    epoch_seconds,
    internal,
    is_null,
    lit,
    mul,
    not_null,
    sub,
    timestamp,
)
from leadsla.sla.conditions import Condition, FieldType
from leadsla.sla.models import Rule, Sla
from leadsla.sla.semantics import DERIVED, FALLBACK_GRADE

SOURCE_TABLE = "leads"


@dataclass(frozen=True)
class RuleColumn:
    """A scoring rule's contribution column (`_fit_0`, `_eng_2`...), for `explain`."""

    part: str
    index: int
    rule: Rule

    @property
    def name(self) -> str:
        return f"_{self.part}_{self.index}"


class Deriver:
    """Compiles the SLA into SQL over the export's typed fields, as of one instant."""

    def __init__(
        self,
        sla: Sla,
        field_types: dict[str, FieldType],
        as_of: datetime,
        sections: frozenset[str] | set[str] = frozenset({"funnel", "scoring", "qualification"}),
        source: exp.Expression | None = None,
        keep: list[str] | None = None,
    ) -> None:
        """`sections`: which derived fields to compute (the export holds only their inputs).
        `source`: a query to read the typed fields from instead of table `leads` (then `_row`
        is NULL: the table being built numbers the rows), passing the columns `keep` through;
        it becomes part of the query `derived` returns, so call that once."""
        self.sla = sla
        self.source = source
        self.keep = list(keep or [])
        self.sections = frozenset(sections)
        self.as_of = as_of
        self.field_types = dict(field_types)
        self.types: dict[str, FieldType] = {**field_types, **DERIVED}

    def cond(self, condition: Condition) -> exp.Expression:
        return compile_condition(condition, self.types, self.as_of)

    # -- layer 0: the export as of the as-of time ------------------------------------------------

    def base(self, where_id: str | None = None) -> exp.Select:
        """Typed fields, with timestamps after as-of treated as not yet happened (blank)."""
        as_of = timestamp(self.as_of)
        row = cast(exp.null(), "BIGINT") if self.source is not None else exp.column("rowid")
        select: list[exp.Expression] = [
            exp.alias_(row, "_row"),
            exp.alias_(internal("_id"), "_lead"),
            *[internal(k) for k in self.keep],
        ]
        for name, ftype in self.field_types.items():
            c = col(name)
            if ftype == "timestamp":
                later = exp.LTE(this=c.copy(), expression=as_of.copy())
                select.append(as_field(exp.If(this=later, true=c), name))
            else:
                select.append(c)
        source = (
            self.source.subquery(SOURCE_TABLE, copy=False)
            if self.source is not None
            else exp.to_table(SOURCE_TABLE)
        )
        query = exp.select(*select, copy=False).from_(source, copy=False)
        if where_id is not None:
            query = query.where(exp.EQ(this=internal("_id"), expression=lit(where_id)))
        return query

    # -- the layers ------------------------------------------------------------------------------

    def funnel_stage(self) -> exp.Expression:
        """The stage whose `entered` is latest (as of); later stages are tried first, so a tie
        goes to the later stage in the list. Needs the column `_latest`."""
        funnel = self.sla.funnel
        assert funnel is not None
        whens = [
            (exp.EQ(this=col(s.entered), expression=exp.column("_latest")), lit(s.id))
            for s in reversed(funnel.stages)
        ]
        return case(whens)

    def _latest_entered(self) -> exp.Expression:
        funnel = self.sla.funnel
        assert funnel is not None
        entered = [col(s.entered) for s in funnel.stages]
        return call("greatest", *entered) if len(entered) > 1 else entered[0]

    def rule_columns(self) -> list[RuleColumn]:
        out: list[RuleColumn] = []
        scoring = self.sla.scoring
        if scoring and scoring.fit:
            out += [RuleColumn("fit", i, r) for i, r in enumerate(scoring.fit.rules)]
        if scoring and scoring.engagement:
            out += [RuleColumn("eng", i, r) for i, r in enumerate(scoring.engagement.rules)]
        return out

    def contribution(self, rule: Rule) -> exp.Expression:
        amount: exp.Expression = lit(float(rule.points))
        if rule.per:
            amount = mul(lit(rule.points), exp.Coalesce(this=col(rule.per), expressions=[lit(0.0)]))
        if rule.cap is not None:
            amount = call("greatest", lit(-rule.cap), call("least", lit(rule.cap), amount))
        if rule.when is None:
            return amount  # DOUBLE: the points, a product with a DOUBLE field, or clamped
        return exp.If(this=self.cond(rule.when), true=amount, false=lit(0.0))

    def decay_factor(self, at: exp.Expression | None = None) -> exp.Expression:
        """Engagement's decay as of the as-of time, or at the instant `at` (a column: each
        lead's own hand-off time), when activity after `at` (`since` later) means no decay."""
        eng = self.sla.scoring.engagement if self.sla.scoring else None
        if eng is None or eng.decay is None:
            return lit(1.0)
        since = col(eng.decay.since)
        none = is_null(since)
        if at is not None:
            none = exp.or_(none, exp.GT(this=col(eng.decay.since), expression=at.copy()))
        half_life = eng.decay.half_life.calendar_minutes * 60
        now = at.copy() if at is not None else timestamp(self.as_of)
        age = sub(epoch_seconds(now), epoch_seconds(since))
        if half_life == 0:
            return exp.If(this=none, true=lit(1.0), false=lit(0.0))
        factor = call("pow", lit(0.5), div(age, lit(float(half_life))))
        return exp.If(this=none, true=lit(1.0), false=factor)

    def grade(self) -> exp.Expression:
        fit = self.sla.scoring.fit if self.sla.scoring else None
        grades = fit.grades if fit else {}
        whens = [(exp.GTE(this=col("fit"), expression=lit(t)), lit(g)) for g, t in grades.items()]
        return case(whens, lit(FALLBACK_GRADE)) if whens else lit(FALLBACK_GRADE)

    def derived(self, where_id: str | None = None) -> exp.Select:
        """Every lead with its derived fields, and each scoring rule's contribution (`_fit_0`...)."""
        q: exp.Select = self.base(where_id)
        if self.sla.funnel is not None and "funnel" in self.sections:
            q = _over(q, "l0", exp.alias_(self._latest_entered(), "_latest"))
            q = _over(q, "l1", as_field(self.funnel_stage(), "funnel_stage"))
        else:
            q = _over(q, "l1", as_field(cast(exp.null(), "VARCHAR"), "funnel_stage"))

        rules = self.rule_columns() if "scoring" in self.sections else []
        q = _over(
            q, "l2", *[exp.alias_(self.contribution(r.rule), r.name, copy=False) for r in rules]
        )

        fit_cols = [exp.column(r.name) for r in rules if r.part == "fit"]
        eng_cols = [exp.column(r.name) for r in rules if r.part == "eng"]
        fit = _sum(fit_cols)
        eng_raw = _sum(eng_cols)
        eng_section = self.sla.scoring.engagement if self.sla.scoring and rules else None
        if eng_section and eng_section.cap is not None:
            eng_raw = call("least", eng_raw, lit(eng_section.cap))
        decay = self.decay_factor() if rules else lit(1.0)
        q = _over(
            q,
            "l3",
            as_field(fit, "fit"),
            as_field(mul(eng_raw, decay), "engagement"),
            exp.alias_(decay, "_decay"),
            exp.alias_(eng_raw, "_engagement_raw"),
        )
        q = _over(
            q,
            "l4",
            as_field(self.grade(), "grade"),
            as_field(add(col("fit"), col("engagement")), "score"),
        )

        reason, mql = self._reason_and_mql()
        q = _over(q, "l5", exp.alias_(reason, "reason"))
        qualification = case(
            [(not_null(exp.column("reason")), lit("disqualified")), (mql, lit("mql"))],
            lit("not_qualified"),
        )
        return _over(q, "l6", as_field(qualification, "qualification"))

    def _reason_and_mql(self) -> tuple[exp.Expression, exp.Expression]:
        """The disqualification reason (NULL: none) and whether the MQL definition holds."""
        qual = self.sla.qualification if "qualification" in self.sections else None
        reasons = [(self.cond(d.when), lit(d.reason)) for d in (qual.disqualify if qual else [])]
        reason = case(reasons) if reasons else cast(exp.null(), "VARCHAR")
        mql = self.cond(qual.mql) if qual and qual.mql is not None else exp.false()
        return reason, mql

    def qualified_at(self, q: exp.Select, at: exp.Expression, name: str) -> exp.Select:
        """`q` (what `derived` returns) with column `name`: the qualification each lead would
        have had with its engagement decayed at the instant `at` (a column; NULL where `at`
        is), everything else as of the as-of time. The same compiled conditions, reading
        `engagement` and `score` from columns of that instant."""
        decay = self.decay_factor(at) if self.rule_columns() else lit(1.0)
        engagement = mul(exp.column("_engagement_raw"), decay)
        q = _over(q, "h0", exp.alias_(engagement, "_at_engagement"))
        score = add(col("fit"), exp.column("_at_engagement"))
        q = _over(q, "h1", exp.alias_(score, "_at_score"))
        swap = {
            field_column("engagement"): "_at_engagement",
            field_column("score"): "_at_score",
        }
        reason, mql = (_reading(e, swap) for e in self._reason_and_mql())
        q = _over(q, "h2", exp.alias_(reason, "_at_reason"))
        qualification = case(
            [
                (is_null(at.copy()), cast(exp.null(), "VARCHAR")),
                (not_null(exp.column("_at_reason")), lit("disqualified")),
                (mql, lit("mql")),
            ],
            lit("not_qualified"),
        )
        return _over(q, "h3", exp.alias_(qualification, name))


def _reading(e: exp.Expression, columns: dict[str, str]) -> exp.Expression:
    """`e` with the columns named in `columns` read from the columns they map to."""

    def swap(node: exp.Expression) -> exp.Expression:
        if isinstance(node, exp.Column) and not node.table and node.name in columns:
            return exp.column(columns[node.name])
        return node

    return e.transform(swap)


def _over(q: exp.Select, alias: str, *columns: exp.Expression) -> exp.Select:
    """`SELECT *, columns FROM (q) AS alias`. `q` becomes part of the result, not copied: a
    copy at each of these layers made building the query quadratic in its depth."""
    return exp.select(exp.Star(), *columns, copy=False).from_(
        q.subquery(alias, copy=False), copy=False
    )


SHORT_SUM = 16
"""Sums of up to this many rules are written `a + b + ...`; longer ones with list_reduce."""


def _sum(cols: list[exp.Expression]) -> exp.Expression:
    """The rules' contributions added in the order of the rules, whatever their number: a
    chain of 1,000 `+` is 1,000 levels deep (too deep to print, and for DuckDB), and a
    balanced sum could round differently than the order the SLA lists its rules in."""
    if not cols:
        return lit(0.0)
    if len(cols) > SHORT_SUM:
        a, b = exp.to_identifier("a"), exp.to_identifier("b")
        fold = exp.Lambda(this=add(exp.column(a), exp.column(b)), expressions=[a, b])
        return call("list_reduce", exp.Array(expressions=cols), fold)
    out = cols[0]
    for c in cols[1:]:
        out = add(out, c)
    return out

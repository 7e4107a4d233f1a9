"""Conditions compiled to SQL (sqlglot) with SPEC §1 semantics, and evaluated in Python alike.

Text operators ignore case and surrounding spaces; a blank cell satisfies no value operator
(not even `ne` or `not_in`): every leaf is `COALESCE(..., FALSE)`, so `not` of an
unsatisfied condition is satisfied."""

from __future__ import annotations

from datetime import datetime, timedelta

import sqlglot.expressions as exp

from leadsla.engine.sqlbuild import call, coalesce_false, col, is_null, lit, not_null, timestamp
from leadsla.sla.conditions import (
    AllCondition,
    Condition,
    FieldCondition,
    FieldType,
    NotCondition,
    Scalar,
)
from leadsla.sla.durations import Duration


def _text_value(v: Scalar) -> str:
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v).strip().lower()


def _typed_literal(v: Scalar, ftype: FieldType) -> exp.Expression:
    if ftype == "number":
        return lit(float(v))
    if ftype == "boolean":
        return lit(bool(v))
    return lit(_text_value(v))


def _any(parts: list[exp.Expression]) -> exp.Expression:
    out = parts[0]
    for p in parts[1:]:
        out = exp.or_(out, p)
    return out


def compile_leaf(leaf: FieldCondition, ftype: FieldType, as_of: datetime) -> exp.Expression:
    column: exp.Expression = col(leaf.field)
    op, v = leaf.op, leaf.value
    if op == "present":
        return not_null(column) if v else is_null(column)
    if ftype == "text":
        column = call("lower", column)
    if op in ("eq", "ne"):
        rhs = _typed_literal(v, ftype)
        cmp: exp.Expression = (
            exp.EQ(this=column, expression=rhs)
            if op == "eq"
            else exp.NEQ(this=column, expression=rhs)
        )
    elif op in ("in", "not_in"):
        # Equalities, not `IN (...)`: DuckDB may plan an IN list as a join, which does not keep
        # the rows in file order, and the read that scores must (line numbers, --output).
        inside = _any([exp.EQ(this=column, expression=_typed_literal(x, ftype)) for x in v])
        cmp = inside if op == "in" else exp.not_(inside)
    elif op in ("gt", "gte", "lt", "lte"):
        cls = {"gt": exp.GT, "gte": exp.GTE, "lt": exp.LT, "lte": exp.LTE}[op]
        cmp = cls(this=column, expression=lit(v))
    elif op == "between":
        cmp = exp.Between(this=column, low=lit(v[0]), high=lit(v[1]))
    elif op in ("contains", "starts_with", "ends_with"):
        fn = {"contains": "contains", "starts_with": "starts_with", "ends_with": "suffix"}[op]
        cmp = _any([call(fn, column, lit(s.lower())) for s in v])
    elif op == "matches":
        cmp = call("regexp_matches", col(leaf.field), lit(v), lit("i"))
    elif op == "is":
        cmp = exp.EQ(this=column, expression=lit(bool(v)))
    elif op in ("within", "older_than"):
        assert isinstance(v, Duration)
        edge = timestamp(as_of - timedelta(minutes=v.calendar_minutes))
        if op == "within":
            cmp = exp.and_(
                exp.GTE(this=column, expression=edge),
                exp.LTE(this=column, expression=timestamp(as_of)),
            )
        else:
            cmp = exp.LT(this=column, expression=edge)
    else:  # pragma: no cover - the loader refuses other operators
        raise ValueError(op)
    return coalesce_false(cmp)


def compile_condition(
    cond: Condition, types: dict[str, FieldType], as_of: datetime
) -> exp.Expression:
    if isinstance(cond, FieldCondition):
        return compile_leaf(cond, types.get(cond.field, "text"), as_of)
    if isinstance(cond, NotCondition):
        return exp.not_(exp.Paren(this=compile_condition(cond.item, types, as_of)))
    parts = [exp.Paren(this=compile_condition(c, types, as_of)) for c in cond.items]
    out = parts[0]
    for p in parts[1:]:
        out = exp.and_(out, p) if isinstance(cond, AllCondition) else exp.or_(out, p)
    return exp.Paren(this=out)


# --- the same semantics in plain Python (explain, and the reference the tests compare with) ----


def leaf_holds(leaf: FieldCondition, value: object, ftype: FieldType, as_of: datetime) -> bool:
    """Does one field condition hold for a value as read (None = blank)?"""
    op, v = leaf.op, leaf.value
    if op == "present":
        return (value is not None) == bool(v)
    if value is None:
        return False
    if ftype == "text":
        text = str(value).strip().lower()
        if op == "eq":
            return text == _text_value(v)
        if op == "ne":
            return text != _text_value(v)
        if op == "in":
            return text in {_text_value(x) for x in v}
        if op == "not_in":
            return text not in {_text_value(x) for x in v}
        if op == "contains":
            return any(s.lower() in text for s in v)
        if op == "starts_with":
            return any(text.startswith(s.lower()) for s in v)
        if op == "ends_with":
            return any(text.endswith(s.lower()) for s in v)
        if op == "matches":
            import re

            return re.search(v, str(value).strip(), re.IGNORECASE) is not None
        return False
    if ftype == "number":
        x = float(value)  # type: ignore[arg-type]
        if op == "eq":
            return x == float(v)
        if op == "ne":
            return x != float(v)
        if op == "in":
            return x in {float(y) for y in v}
        if op == "not_in":
            return x not in {float(y) for y in v}
        if op == "between":
            return bool(v[0] <= x <= v[1])
        return bool({"gt": x > v, "gte": x >= v, "lt": x < v, "lte": x <= v}[op])
    if ftype == "boolean":
        if op in ("is", "eq"):
            return bool(value) == bool(v)
        if op == "ne":
            return bool(value) != bool(v)
        if op == "in":
            return bool(value) in {bool(y) for y in v}
        if op == "not_in":
            return bool(value) not in {bool(y) for y in v}
        return False
    assert isinstance(value, datetime)
    if op in ("within", "older_than"):
        edge = as_of - timedelta(minutes=v.calendar_minutes)
        return edge <= value <= as_of if op == "within" else value < edge
    return False


def holds(
    cond: Condition, values: dict[str, object], types: dict[str, FieldType], as_of: datetime
) -> bool:
    if isinstance(cond, FieldCondition):
        return leaf_holds(cond, values.get(cond.field), types.get(cond.field, "text"), as_of)
    if isinstance(cond, NotCondition):
        return not holds(cond.item, values, types, as_of)
    results = (holds(c, values, types, as_of) for c in cond.items)
    return all(results) if isinstance(cond, AllCondition) else any(results)


def why_not(
    cond: Condition, values: dict[str, object], types: dict[str, FieldType], as_of: datetime
) -> str:
    """A short reason a condition did not hold, for `explain`."""
    if isinstance(cond, FieldCondition):
        value = values.get(cond.field)
        if value is None and cond.op != "present":
            return f"`{cond.field}` is blank"
        return f"`{cond.field}` is {value!r}, not {cond.op} {_show(cond.value)}"
    if isinstance(cond, NotCondition):
        return "the negated condition holds"
    failing = [c for c in cond.items if not holds(c, values, types, as_of)]
    if isinstance(cond, AllCondition):
        return why_not(failing[0], values, types, as_of) if failing else ""
    return "; ".join(why_not(c, values, types, as_of) for c in failing)


def _show(v: object) -> str:
    if isinstance(v, tuple):
        return "[" + ", ".join(str(x) for x in v) + "]"
    return str(v)

"""Conditions compiled to SQL (sqlglot) with SPEC §1 semantics, and evaluated in Python alike.

Text operators ignore case and surrounding spaces; a blank cell satisfies no value operator
(not even `ne` or `not_in`): every leaf is `COALESCE(..., FALSE)`, so `not` of an
unsatisfied condition is satisfied."""

from __future__ import annotations

from datetime import datetime, timedelta

import sqlglot.expressions as exp

from leadsla.data.sqltree import balanced
from leadsla.engine.sqlbuild import call, coalesce_false, col, is_null, lit, not_null, timestamp
from leadsla.messages import Message
from leadsla.sla.conditions import (
    AllCondition,
    AnyCondition,
    Condition,
    FieldCondition,
    FieldType,
    NotCondition,
    Scalar,
    Words,
    explained,
    show_values,
)
from leadsla.sla.durations import Duration
from leadsla.sla.lowercase import fold


def _text_value(v: Scalar) -> str:
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return fold(str(v).strip())


def _typed_literal(v: Scalar, ftype: FieldType) -> exp.Expression:
    if ftype == "number":
        return lit(float(v))
    if ftype == "boolean":
        return lit(bool(v))
    return lit(_text_value(v))


SHORT_LIST = 8
"""Lists of texts up to this long compile to one test per value; longer ones to RE2 patterns."""
PATTERN_VALUES = 250
PATTERN_CHARS = 20_000
"""A pattern holds at most this many values or characters (RE2 compiles each pattern into a
bounded amount of memory); a longer list becomes several patterns."""


def _re2_literal(text: str) -> str:
    """`text` as an RE2 pattern that matches exactly it (RE2 takes any ASCII symbol escaped)."""
    out = []
    for ch in text:
        if not ch.isascii() or ch.isalnum() or ch == "_":
            out.append(ch)
        elif ch.isprintable():
            out.append("\\" + ch)
        else:
            out.append(f"\\x{{{ord(ch):x}}}")
    return "".join(out)


def _patterns(values: list[str]) -> list[str]:
    """Alternations of the values, `(?:a|b|...)`, each within PATTERN_VALUES and PATTERN_CHARS."""
    out: list[str] = []
    chunk: list[str] = []
    size = 0
    for v in dict.fromkeys(_re2_literal(x) for x in values):
        if chunk and (len(chunk) == PATTERN_VALUES or size + len(v) > PATTERN_CHARS):
            out.append("(?:" + "|".join(chunk) + ")")
            chunk, size = [], 0
        chunk.append(v)
        size += len(v) + 1
    out.append("(?:" + "|".join(chunk) + ")")
    return out


def _text_list(column: exp.Expression, op: str, values: list[str]) -> exp.Expression:
    """Whether lower-cased text `column` equals (`in`), contains, starts or ends with one of
    the lower-cased `values`. A long list is one RE2 pattern, not an OR per value: DuckDB tries
    an OR's terms one by one (1,000 `suffix` tests took 28 s per million rows; a pattern 0.2 s)."""
    if len(values) <= SHORT_LIST:
        if op == "in":
            tests = [exp.EQ(this=column.copy(), expression=lit(v)) for v in values]
        else:
            fn = {"contains": "contains", "starts_with": "starts_with", "ends_with": "suffix"}[op]
            tests = [call(fn, column.copy(), lit(v)) for v in values]
        return balanced(tests, exp.Or)
    fn = "regexp_full_match" if op == "in" else "regexp_matches"
    anchor = {"starts_with": ("^", ""), "ends_with": ("", "$")}.get(op, ("", ""))
    return balanced(
        [call(fn, column.copy(), lit(anchor[0] + p + anchor[1])) for p in _patterns(values)],
        exp.Or,
    )


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
        # Equalities or patterns, not `IN (...)`: DuckDB may plan an IN list as a join, which
        # does not keep the rows in file order, and the read that scores must (line numbers,
        # --output).
        if ftype == "text":
            inside = _text_list(column, "in", [_text_value(x) for x in v])
        else:
            inside = balanced(
                [exp.EQ(this=column.copy(), expression=_typed_literal(x, ftype)) for x in v],
                exp.Or,
            )
        cmp = inside if op == "in" else exp.Not(this=exp.Paren(this=inside))
    elif op in ("gt", "gte", "lt", "lte"):
        cls = {"gt": exp.GT, "gte": exp.GTE, "lt": exp.LT, "lte": exp.LTE}[op]
        cmp = cls(this=column, expression=lit(v))
    elif op == "between":
        cmp = exp.Between(this=column, low=lit(v[0]), high=lit(v[1]))
    elif op in ("contains", "starts_with", "ends_with"):
        cmp = _text_list(column, op, [fold(s) for s in v])
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
    """The condition as a boolean SQL expression that is never NULL. `not` is pushed down to
    the leaves (every leaf is `COALESCE(..., FALSE)`, so conditions are two-valued and De
    Morgan's laws hold), nested `all`s and `any`s of one kind are merged, and each list is a
    balanced tree: the depth of the SQL is the depth of alternating all/any, not the length
    of lists or `not` chains."""
    return _compile(cond, types, as_of, negate=False)


def _compile(
    cond: Condition, types: dict[str, FieldType], as_of: datetime, negate: bool
) -> exp.Expression:
    while isinstance(cond, NotCondition):
        cond, negate = cond.item, not negate
    if isinstance(cond, FieldCondition):
        leaf = compile_leaf(cond, types.get(cond.field, "text"), as_of)
        return exp.Not(this=leaf) if negate else leaf
    conjunction = isinstance(cond, AllCondition) != negate  # not all = any not
    parts = [_compile(c, types, as_of, n) for c, n in _terms(cond, negate, conjunction)]
    return balanced(parts, exp.And if conjunction else exp.Or)


def _terms(
    cond: AllCondition | AnyCondition, negate: bool, conjunction: bool
) -> list[tuple[Condition, bool]]:
    """The items of `cond` (each with whether it is negated), with those of nested
    combinations that are of the same kind once negation is applied."""
    out: list[tuple[Condition, bool]] = []
    for item in cond.items:
        n = negate
        while isinstance(item, NotCondition):
            item, n = item.item, not n
        if not isinstance(item, FieldCondition) and (isinstance(item, AllCondition) != n) == (
            conjunction
        ):
            out += _terms(item, n, conjunction)
        else:
            out.append((item, n))
    return out


# --- the same semantics in plain Python (explain, and the reference the tests compare with) ----


def leaf_holds(leaf: FieldCondition, value: object, ftype: FieldType, as_of: datetime) -> bool:
    """Does one field condition hold for a value as read (None = blank)?"""
    op, v = leaf.op, leaf.value
    if op == "present":
        return (value is not None) == bool(v)
    if value is None:
        return False
    if ftype == "text":
        text = fold(str(value).strip())
        if op == "eq":
            return text == _text_value(v)
        if op == "ne":
            return text != _text_value(v)
        if op == "in":
            return text in {_text_value(x) for x in v}
        if op == "not_in":
            return text not in {_text_value(x) for x in v}
        if op == "contains":
            return any(fold(s) in text for s in v)
        if op == "starts_with":
            return any(text.startswith(fold(s)) for s in v)
        if op == "ends_with":
            return any(text.endswith(fold(s)) for s in v)
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
    negate = False
    while isinstance(cond, NotCondition):  # a chain of `not`s, without a frame for each
        cond, negate = cond.item, not negate
    if isinstance(cond, FieldCondition):
        found = leaf_holds(cond, values.get(cond.field), types.get(cond.field, "text"), as_of)
    else:
        results = (holds(c, values, types, as_of) for c in cond.items)
        found = all(results) if isinstance(cond, AllCondition) else any(results)
    return found != negate


def why_not(
    cond: Condition, values: dict[str, object], types: dict[str, FieldType], as_of: datetime
) -> Message:
    """A short reason a condition did not hold, for `explain`: English (the JSON's), and in
    the reader's words where the table shows it."""
    return explained(lambda words: _why_not(cond, values, types, as_of, words))


def _why_not(
    cond: Condition,
    values: dict[str, object],
    types: dict[str, FieldType],
    as_of: datetime,
    _: Words,
) -> str:
    if isinstance(cond, FieldCondition):
        value = values.get(cond.field)
        if value is None and cond.op != "present":
            # i18n: why a condition did not hold: the lead's field is empty
            return _("`{field}` is blank").format(field=cond.field)
        # i18n: why a condition did not hold, e.g. "`email` is 'a@b.com', not ends_with [@x.com]"
        return _("`{field}` is {value}, not {op} {expected}").format(
            field=cond.field, value=_.value(value), op=cond.op, expected=_show(cond.value, _)
        )
    if isinstance(cond, NotCondition):
        return _("the negated condition holds")
    failing = [c for c in cond.items if not holds(c, values, types, as_of)]
    if isinstance(cond, AllCondition):
        return _why_not(failing[0], values, types, as_of, _) if failing else ""
    return "; ".join(_why_not(c, values, types, as_of, _) for c in failing)


def _show(v: object, words: Words) -> str:
    return show_values(v, words) if isinstance(v, tuple) else str(v)

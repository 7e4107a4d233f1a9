"""Small sqlglot helpers: user text enters SQL only as literals and quoted identifiers."""

from __future__ import annotations

import math
from datetime import datetime

import sqlglot.expressions as exp

from leadsla.data.names import field_column
from leadsla.data.sqltree import to_sql


def col(name: str) -> exp.Column:
    """A field's column (of the export, or derived: `fit`, `grade`...), in the fields' own
    namespace: `"f:company_size"` (see `data.names`), so no field can name a column of ours."""
    return exp.column(exp.to_identifier(field_column(name), quoted=True))


def as_field(e: exp.Expression, name: str) -> exp.Expression:
    """`e AS "f:name"`: a value computed as field `name`."""
    return exp.alias_(e, field_column(name), quoted=True, copy=False)


def internal(name: str) -> exp.Column:
    """One of our own columns (`_row`, `_id`...): a plain identifier, never holding `:`."""
    return exp.column(name)


_TYPES: dict[str, exp.DataType] = {}


def cast(e: exp.Expression, to: str) -> exp.Cast:
    """`CAST(e AS to)`, without parsing the type's name and copying `e` every time (sqlglot's
    `exp.cast` does both; an SLA of 1,000 rules has thousands of casts)."""
    found = _TYPES.get(to)
    if found is None:
        found = _TYPES[to] = exp.DataType.build(to)
    return exp.Cast(this=e, to=found.copy())


def lit(value: str | int | float | bool | None) -> exp.Expression:
    if value is None:
        return exp.null()
    if isinstance(value, bool):
        return exp.true() if value else exp.false()
    if isinstance(value, float):
        return double(value)
    if isinstance(value, int):
        return exp.Literal.number(str(value))
    return exp.Literal.string(value)


def double(value: float) -> exp.Expression:
    """A DOUBLE literal: `0.5e0`. A bare `0.5` is a DECIMAL in DuckDB, and scores and shares
    are DOUBLE everywhere; the exponent says so without a CAST (printing thousands of CASTs
    was most of the time sqlglot took for an SLA of 1,000 rules). `repr` gives the shortest
    text that reads back as the same double."""
    if not math.isfinite(value):
        return cast(exp.Literal.string(repr(value)), "DOUBLE")
    text = repr(abs(value))
    number = exp.Literal.number(text if "e" in text else text + "e0")
    return exp.Neg(this=number) if math.copysign(1.0, value) < 0 else number


def call(name: str, *args: exp.Expression) -> exp.Expression:
    return exp.Anonymous(this=name, expressions=list(args))


def timestamp(value: datetime) -> exp.Expression:
    """A TIMESTAMPTZ literal for an aware datetime (the session runs in UTC)."""
    return cast(exp.Literal.string(value.isoformat()), "TIMESTAMPTZ")


def coalesce_false(e: exp.Expression) -> exp.Expression:
    return exp.Coalesce(this=e, expressions=[exp.false()])


def is_null(e: exp.Expression) -> exp.Expression:
    return exp.Is(this=e, expression=exp.null())


def not_null(e: exp.Expression) -> exp.Expression:
    return exp.not_(is_null(e))


def case(
    whens: list[tuple[exp.Expression, exp.Expression]], default: exp.Expression | None = None
) -> exp.Expression:
    c = exp.Case()
    for cond, value in whens:
        c = c.when(cond, value)
    if default is not None:
        c = c.else_(default)
    return c


def epoch_seconds(e: exp.Expression) -> exp.Expression:
    return call("epoch", e)


def sql(e: exp.Expression) -> str:
    return to_sql(e)


def pretty_sql(e: exp.Expression) -> str:
    return to_sql(e, pretty=True) + ";\n"


def _p(e: exp.Expression) -> exp.Expression:
    """Parenthesise: sqlglot prints trees as built, without adding precedence parentheses."""
    return (
        e
        if isinstance(e, (exp.Paren, exp.Column, exp.Literal, exp.Anonymous, exp.Func))
        else exp.Paren(this=e)
    )


def add(a: exp.Expression, b: exp.Expression) -> exp.Expression:
    return exp.Paren(this=exp.Add(this=_p(a), expression=_p(b)))


def sub(a: exp.Expression, b: exp.Expression) -> exp.Expression:
    return exp.Paren(this=exp.Sub(this=_p(a), expression=_p(b)))


def mul(a: exp.Expression, b: exp.Expression) -> exp.Expression:
    return exp.Paren(this=exp.Mul(this=_p(a), expression=_p(b)))


def div(a: exp.Expression, b: exp.Expression) -> exp.Expression:
    return exp.Paren(this=exp.Div(this=_p(a), expression=_p(b)))

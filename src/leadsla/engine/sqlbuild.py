"""Small sqlglot helpers: user text enters SQL only as literals and quoted identifiers."""

from __future__ import annotations

from datetime import datetime

import sqlglot.expressions as exp


def col(name: str) -> exp.Column:
    """A column named by the user (a field): always a quoted identifier."""
    return exp.column(exp.to_identifier(name, quoted=True))


def internal(name: str) -> exp.Column:
    """One of our own columns (`_row`, `_id`...)."""
    return exp.column(name)


def lit(value: str | int | float | bool | None) -> exp.Expression:
    if value is None:
        return exp.null()
    if isinstance(value, bool):
        return exp.true() if value else exp.false()
    if isinstance(value, float):
        # a bare `0.5` is a DECIMAL in DuckDB; scores and shares are DOUBLE everywhere
        return exp.cast(exp.Literal.number(repr(value)), "DOUBLE")
    if isinstance(value, int):
        return exp.Literal.number(str(value))
    return exp.Literal.string(value)


def call(name: str, *args: exp.Expression) -> exp.Expression:
    return exp.Anonymous(this=name, expressions=list(args))


def timestamp(value: datetime) -> exp.Expression:
    """A TIMESTAMPTZ literal for an aware datetime (the session runs in UTC)."""
    return exp.cast(exp.Literal.string(value.isoformat()), "TIMESTAMPTZ")


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
    return str(e.sql("duckdb"))


def pretty_sql(e: exp.Expression) -> str:
    return str(e.sql("duckdb", pretty=True)) + ";\n"


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

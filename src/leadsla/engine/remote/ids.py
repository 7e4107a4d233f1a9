"""Duplicate ids in a table, counted where it lives, as the reader counts them in a CSV.

An id is its cell trimmed, blank as the reader says (SPEC §2: empty, N/A, NA, null, -; any
case) and then not an id; a duplicate id is one held by more than one row."""

from __future__ import annotations

import sqlglot.expressions as exp

from leadsla.data.sqlparse import BLANKS


def _text(column: str) -> exp.Expression:
    return exp.Trim(this=exp.cast(exp.column(column, quoted=True), "TEXT"))


def blank(column: str) -> exp.Expression:
    """NULL, or blank as the reader says."""
    words = [exp.Literal.string(b.lower()) for b in BLANKS]
    return exp.or_(
        exp.column(column, quoted=True).is_(exp.null()),
        exp.In(this=exp.Lower(this=_text(column)), expressions=words),
    )


def duplicates_query(dialect: str, table: exp.Table, id_column: str) -> str:
    """One row: `duplicate_ids` (ids held by more than one row), `duplicates` (those rows)."""
    key = _text(id_column)
    ids = (
        exp.select(exp.alias_(exp.Count(this=exp.Star()), "n"))
        .from_(table.copy())
        .where(exp.not_(blank(id_column)))
        .group_by(key)
        .having(exp.GT(this=exp.Count(this=exp.Star()), expression=exp.Literal.number(1)))
    )
    query = exp.select(
        exp.alias_(exp.Count(this=exp.Star()), "duplicate_ids"),
        exp.alias_(
            exp.Coalesce(this=exp.Sum(this=exp.column("n")), expressions=[exp.Literal.number(0)]),
            "duplicates",
        ),
    ).from_(ids.subquery("d"))
    return str(query.sql(dialect=dialect))


def ids_query(dialect: str, table: exp.Table, id_column: str, longest: int, limit: int) -> str:
    """Up to `limit` distinct ids (cleaned as the reader cleans them, at most `longest`
    characters): the close ids `explain` offers for an id it does not find."""
    key = _text(id_column)
    query = (
        exp.select(key.copy())
        .distinct()
        .from_(table.copy())
        .where(
            exp.and_(
                exp.not_(blank(id_column)),
                exp.LTE(this=exp.Length(this=key.copy()), expression=exp.Literal.number(longest)),
            )
        )
        .limit(limit)
    )
    return str(query.sql(dialect=dialect))


def duplicate_rows_query(dialect: str, table: exp.Table, id_column: str) -> str:
    """Per row whose id another row holds too: `id` and `n`, the rows holding it."""
    key = _text(id_column)
    counted = (
        exp.select(
            exp.alias_(key.copy(), "id"),
            exp.alias_(exp.Window(this=exp.Count(this=exp.Star()), partition_by=[key.copy()]), "n"),
        )
        .from_(table.copy())
        .where(exp.not_(blank(id_column)))
    )
    query = (
        exp.select(exp.column("id"), exp.column("n"))
        .from_(counted.subquery("d"))
        .where(exp.GT(this=exp.column("n"), expression=exp.Literal.number(1)))
    )
    return str(query.sql(dialect=dialect))


def sample_query(dialect: str, table: exp.Table, column: str, limit: int) -> str:
    """Up to `limit` of the column's non-blank cells, trimmed, as text (whatever the column's
    type): what field health tries other date formats and decimal marks on when a field is
    unreadable (the reader's finer blanks are dropped on this side)."""
    query = (
        exp.select(exp.alias_(_text(column), "k"))
        .from_(table.copy())
        .where(exp.not_(blank(column)))
        .limit(limit)
    )
    return str(query.sql(dialect=dialect))

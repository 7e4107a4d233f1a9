"""INTERIM: the one SQL query leadsla runs on a remote engine until `leadsla compile` lands.

Issue 14 splits in two branches: i14-compile builds the per-dialect SQL (typed cells, regexes,
the business calendar, scores, deadlines, goals); i14-engines (this) runs SQL on PostgreSQL and
Spark. Until the compiler is merged, the remote commands run only this query: the table's row
account (rows, non-blank and unreadable cells of every field the SLA reads, duplicate ids),
with a deliberately simple reading of cells (shapes by regular expression, no date checked
for existence). THE COMPILE BRANCH REPLACES `account_query` with its own typed reading, so that
the remote summary line counts exactly what DuckDB counts."""

from __future__ import annotations

import re
from dataclasses import dataclass

import sqlglot.expressions as exp

from leadsla.data.sqlparse import BLANKS, FALSE_WORDS, TRUE_WORDS

ISO = (
    "^[0-9]{4}-[0-9]{2}-[0-9]{2}([ T][0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]+)?)?)?"
    "( ?([Zz]|[+-][0-9]{2}(:?[0-9]{2})?))?$"
)
EPOCH_S = "^-?[0-9]{1,12}([.][0-9]+)?$"
EPOCH_MS = "^-?[0-9]{1,15}$"
_DIRECTIVES = {
    "d": "[0-9]{1,2}",
    "m": "[0-9]{1,2}",
    "H": "[0-9]{1,2}",
    "I": "[0-9]{1,2}",
    "M": "[0-9]{2}",
    "S": "[0-9]{2}",
    "Y": "[0-9]{4}",
    "y": "[0-9]{2}",
    "p": "(AM|PM|am|pm)",
    "b": "[A-Za-z]{3}",
    "f": "[0-9]{1,6}",
    "%": "%",
}


@dataclass(frozen=True)
class AccountField:
    """A field the SLA reads, the table's column that holds it, and its type."""

    field: str
    column: str
    type: str


def number_pattern(decimal: str) -> str:
    mark, group = ("[.]", ",") if decimal == "." else (",", "[.]")
    return f"^[+-]?([0-9]{{1,3}}({group}[0-9]{{3}})+|[0-9]+)({mark}[0-9]+)?$|^[+-]?{mark}[0-9]+$"


def format_pattern(fmt: str) -> str:
    """A strptime pattern (or `iso`, `epoch_s`, `epoch_ms`) as a regular expression of its
    shape, written without backslashes (they mean different things in each SQL dialect)."""
    if fmt == "iso":
        return ISO
    if fmt == "epoch_s":
        return EPOCH_S
    if fmt == "epoch_ms":
        return EPOCH_MS
    out, i = [], 0
    while i < len(fmt):
        ch = fmt[i]
        if ch == "%" and i + 1 < len(fmt):
            out.append(_DIRECTIVES.get(fmt[i + 1], ".*"))
            i += 2
            continue
        out.append(ch if re.fullmatch(r"[A-Za-z0-9 ]", ch) else f"[{ch}]" if ch != "^" else "\\^")
        i += 1
    return "^" + "".join(out) + "$"


def _text(column: str) -> exp.Expression:
    return exp.Trim(this=exp.cast(exp.column(column, quoted=True), "TEXT"))


def blank(column: str) -> exp.Expression:
    """NULL, or blank as the reader says (SPEC §2: empty, N/A, NA, null, -; any case)."""
    words = [exp.Literal.string(b.lower()) for b in BLANKS]
    return exp.or_(
        exp.column(column, quoted=True).is_(exp.null()),
        exp.In(this=exp.Lower(this=_text(column)), expressions=words),
    )


def readable(f: AccountField, decimal: str, date_formats: list[str]) -> exp.Expression:
    if f.type == "number":
        patterns = [number_pattern(decimal)]
    elif f.type == "timestamp":
        patterns = [format_pattern(fmt) for fmt in date_formats]
    elif f.type == "boolean":
        words = [exp.Literal.string(w) for w in (*TRUE_WORDS, *FALSE_WORDS)]
        return exp.In(this=exp.Lower(this=_text(f.column)), expressions=words)
    else:
        return exp.true()
    return exp.or_(
        *[exp.RegexpLike(this=_text(f.column), expression=exp.Literal.string(p)) for p in patterns]
    )


def _count_if(condition: exp.Expression, alias: str) -> exp.Expression:
    return exp.alias_(
        exp.Count(this=exp.Case(ifs=[exp.If(this=condition, true=exp.Literal.number(1))])),
        alias,
    )


def account_query(
    dialect: str,
    table: exp.Table,
    fields: list[AccountField],
    id_column: str,
    decimal: str,
    date_formats: list[str],
) -> str:
    """One row: `rows`, `duplicate_ids`, `duplicates`, then `nb_<i>` and `bad_<i>` (cells not
    blank, cells not readable as the type) of each field, in the order given."""
    items: list[exp.Expression] = [exp.alias_(exp.Count(this=exp.Star()), "rows")]
    for i, f in enumerate(fields):
        items.append(_count_if(exp.not_(blank(f.column)), f"nb_{i}"))
        items.append(
            _count_if(
                exp.and_(exp.not_(blank(f.column)), exp.not_(readable(f, decimal, date_formats))),
                f"bad_{i}",
            )
        )
    key = _text(id_column)
    ids = (
        exp.select(exp.alias_(key, "k"), exp.alias_(exp.Count(this=exp.Star()), "n"))
        .from_(table.copy())
        .where(exp.not_(blank(id_column)))
        .group_by(key.copy())
        .having(exp.GT(this=exp.Count(this=exp.Star()), expression=exp.Literal.number(1)))
    )
    dup_ids = exp.select(exp.Count(this=exp.Star())).from_(ids.subquery("d"))
    dup_rows = exp.select(
        exp.Coalesce(this=exp.Sum(this=exp.column("n")), expressions=[exp.Literal.number(0)])
    ).from_(ids.copy().subquery("d"))
    items[1:1] = [
        exp.alias_(dup_ids.subquery(), "duplicate_ids"),
        exp.alias_(dup_rows.subquery(), "duplicates"),
    ]
    query = exp.select(*items).from_(table.copy())
    return str(query.sql(dialect=dialect))

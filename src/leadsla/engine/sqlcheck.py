"""The allowlist every compiled tree passes before it is printed: the node kinds and the
functions each dialect is known to run with the meaning leadsla gives them. Anything else
(a DuckDB-only function left in a tree, a node sqlglot would transpile silently) stops
`compile` loudly instead of producing a script that runs differently elsewhere."""

from __future__ import annotations

from itertools import pairwise

import sqlglot.expressions as exp

COMMON_NODES: frozenset[type[exp.Expression]] = frozenset(
    {
        exp.Select,
        exp.From,
        exp.Subquery,
        exp.TableAlias,
        exp.Table,
        exp.Column,
        exp.Identifier,
        exp.Literal,
        exp.Alias,
        exp.Star,
        exp.Paren,
        exp.And,
        exp.Or,
        exp.Not,
        exp.EQ,
        exp.NEQ,
        exp.GT,
        exp.GTE,
        exp.LT,
        exp.LTE,
        exp.Add,
        exp.Sub,
        exp.Mul,
        exp.Div,
        exp.Neg,
        exp.Case,
        exp.If,
        exp.Is,
        exp.Null,
        exp.Boolean,
        exp.Between,
        exp.In,
        exp.Order,
        exp.Ordered,
        exp.Cast,
        exp.DataType,
        exp.Coalesce,
        exp.Nullif,
        exp.Trim,
        exp.DPipe,
        exp.Anonymous,
        exp.Var,
        exp.CurrentTimestamp,
        exp.Where,
        exp.Values,
        exp.Tuple,
        exp.With,
        exp.CTE,
        exp.Join,
        exp.Union,
        exp.Group,
        exp.Count,
        exp.Sum,
        exp.Max,
        exp.Min,
        exp.Avg,
        exp.Window,
        exp.RowNumber,
        exp.Distinct,
        exp.Abs,
    }
)
"""Plain SQL every dialect spells alike (sqlglot prints each in the dialect's syntax)."""

EXTRA_NODES: dict[str, frozenset[type[exp.Expression]]] = {
    "duckdb": frozenset({exp.Mod, exp.TryCast}),
    "postgres": frozenset(
        {
            exp.RegexpLike,
            exp.Extract,
            exp.Collate,
            exp.WithinGroup,
            exp.PercentileCont,
            exp.Offset,
            exp.Bracket,  # (m)[i]: a run of digits of a cell (dialects.stamp_parts)
        }
    ),
    "spark": frozenset({exp.RegexpLike, exp.Mod}),
    # SAFE_CAST
    "bigquery": frozenset(
        {exp.Unnest, exp.Array, exp.ColumnDef, exp.TryCast, exp.Window, exp.PercentileCont}
    ),
    "snowflake": frozenset({exp.WithinGroup, exp.PercentileCont}),
}

_TEXT = {"LOWER", "LEFT", "RIGHT", "REPLACE", "LENGTH", "SUBSTR", "TRANSLATE"}
_MATH = {"FLOOR", "GREATEST", "LEAST", "POWER", "ROUND", "ABS"}
_AGGREGATES = {"COUNT", "SUM", "MAX", "MIN", "AVG"}
FUNCTIONS: dict[str, frozenset[str]] = {
    "duckdb": frozenset(
        _TEXT
        | _MATH
        | {"REGEXP_MATCHES", "REGEXP_EXTRACT", "STRPOS", "EPOCH", "NOW", "ERROR", "TO_TIMESTAMP"}
        | {"QUANTILE_CONT", "TIMEZONE", "STRFTIME"}
    ),
    "postgres": frozenset(
        _TEXT
        | _MATH
        | {"TRANSLATE", "SUBSTRING", "STRPOS", "MOD", "NOW", "TO_TIMESTAMP"}
        | {"REGEXP_SPLIT_TO_ARRAY"}
        | {"TIMEZONE", "TO_CHAR"}
    ),
    "spark": frozenset(
        _TEXT
        | _MATH
        | {"REGEXP_EXTRACT", "INSTR", "UNIX_MICROS", "RAISE_ERROR", "TIMESTAMP_MICROS"}
        | {"PERCENTILE", "TO_UTC_TIMESTAMP", "CURRENT_TIMEZONE", "DATE_FORMAT"}
    ),
    "bigquery": frozenset(
        _TEXT
        | _MATH
        | {"REGEXP_CONTAINS", "REGEXP_EXTRACT", "STRPOS", "MOD", "UNIX_MICROS", "ERROR"}
        | {"TIMESTAMP_MICROS", "FORMAT_TIMESTAMP"}
    ),
    "snowflake": frozenset(
        _TEXT
        | _MATH
        | {"REGEXP_INSTR", "REGEXP_SUBSTR", "POSITION", "MOD", "DATE_PART"}
        | {"TRY_TO_DOUBLE", "TRY_TO_NUMBER", "TO_TIMESTAMP_TZ", "TO_CHAR", "TO_TIMESTAMP_NTZ"}
        | {"TRANSLATE"}
    ),
}
"""Functions by name (exp.Anonymous), per dialect. TryCast is a node only where sqlglot
prints it as a cast that yields NULL (DuckDB's TRY_CAST, BigQuery's SAFE_CAST): it prints a
plain CAST for Spark, and for Snowflake unless it knows the input is text."""

TYPES = frozenset(
    {
        exp.DataType.Type.DOUBLE,
        exp.DataType.Type.BIGINT,
        exp.DataType.Type.VARCHAR,
        exp.DataType.Type.BOOLEAN,
    }
)


EXTRA_TYPES: dict[str, frozenset[exp.DataType.Type]] = {
    "duckdb": frozenset(),
    "postgres": frozenset(),
    "spark": frozenset(),
    "bigquery": frozenset({exp.DataType.Type.ARRAY, exp.DataType.Type.STRUCT}),
    "snowflake": frozenset(),
}
"""BigQuery writes a table of rows as a typed ARRAY of STRUCTs (it has no VALUES)."""


class NotAllowed(Exception):
    """A compiled tree holds what its dialect is not known to run alike (a bug of leadsla)."""


def check(tree: exp.Expression, dialect: str) -> None:
    """Raise NotAllowed naming the first node or function outside `dialect`'s allowlist."""
    nodes = COMMON_NODES | EXTRA_NODES[dialect]
    functions = FUNCTIONS[dialect]
    for node in tree.walk():
        kind = type(node)
        if kind not in nodes:
            raise NotAllowed(
                f"{dialect}: `{kind.__name__}` is not allowed: {node.sql(dialect)[:80]}"
            )
        if isinstance(node, exp.Anonymous) and str(node.this).upper() not in functions:
            raise NotAllowed(f"{dialect}: function `{node.this}` is not allowed")
        if isinstance(node, exp.DataType) and node.this not in TYPES | EXTRA_TYPES[dialect]:
            raise NotAllowed(f"{dialect}: type `{node.sql(dialect)}` is not allowed")
        if isinstance(node, exp.If) and not isinstance(node.parent, exp.Case):
            raise NotAllowed(f"{dialect}: IF outside CASE is not allowed (engines spell it apart)")
        if _fails(node) and not any(isinstance(c, exp.Column) for c in node.walk()):
            raise NotAllowed(
                f"{dialect}: a failing expression must depend on a row (a planner evaluates"
                f" constants even where no row reaches them): {node.sql(dialect)[:120]}"
            )


def _fails(node: exp.Expression) -> bool:
    """Whether `node` may stop the query: ERROR()/RAISE_ERROR() (dialects.fail), or a cast of
    text holding a literal to a number."""
    if isinstance(node, exp.Anonymous):
        return str(node.this).upper() in ("ERROR", "RAISE_ERROR")
    # PostgreSQL's and Snowflake's guard (a cast of its message to a number), and the cells'
    # casts of text a pattern found to be a number: of constant text a planner folds (and
    # fails on) it wherever it stands (PostgreSQL; Spark with ANSI casts)
    return (
        isinstance(node, exp.Cast)
        and node.to.this in (exp.DataType.Type.BIGINT, exp.DataType.Type.DOUBLE)
        and any(isinstance(c, exp.Literal) and c.is_string for c in node.this.walk())
    )


SYNTAX = frozenset(
    {"AS", "FROM", "IN", "WHEN", "THEN", "ELSE", "AND", "OR", "NOT", "VALUES", "ON", "SELECT"}
    | {"CASE", "END", "JOIN", "BETWEEN", "IS", "NULL", "WITH", "BY", "CAST", "COALESCE"}
    | {"NULLIF", "TRIM", "WHERE", "UNION", "ALL", "COUNT", "SUM", "MAX", "MIN", "AVG", "OVER"}
    | {"PARTITION", "ORDER", "GROUP", "WITHIN", "ROW_NUMBER", "ABS", "DISTINCT", "OFFSET"}
)
"""Words a script may write before `(` that are syntax, not functions."""
PRINTED: dict[str, frozenset[str]] = {
    "duckdb": frozenset({"TRY_CAST"}),
    "postgres": frozenset({"EXTRACT", "PERCENTILE_CONT"}),
    "spark": frozenset({"CURRENT_TIMESTAMP"}),
    "bigquery": frozenset({"SAFE_CAST", "UNNEST", "CURRENT_TIMESTAMP", "PERCENTILE_CONT"}),
    "snowflake": frozenset({"CURRENT_TIMESTAMP", "PERCENTILE_CONT"}),
}
"""What sqlglot prints for the nodes of EXTRA_NODES."""


def check_text(sql: str, dialect: str) -> None:
    """The printed script, read back with the dialect's tokenizer: every word written before
    `(` is a function of the allowlist or syntax. This catches what the tree check cannot: a
    node that sqlglot's generator prints as another function for this dialect."""
    from sqlglot.dialects.dialect import Dialect
    from sqlglot.tokens import TokenType

    tokens = Dialect.get_or_raise(dialect).tokenize(sql)
    allowed = FUNCTIONS[dialect] | SYNTAX | PRINTED[dialect]
    for word, after in pairwise(tokens):
        if after.token_type != TokenType.L_PAREN or word.token_type in (
            TokenType.IDENTIFIER,
            TokenType.STRING,
        ):
            continue
        name = word.text.upper()
        if name.replace("_", "").isalnum() and not name.isdigit() and name not in allowed:
            raise NotAllowed(f"{dialect}: the script calls `{word.text}`, which is not allowed")

"""SQL trees of any SLA's size: balanced AND/OR lists, and printing nested conditions.

A rule list, an `in` list or a field list can be 1,000 long: as a left-deep chain it is 1,000
levels deep, beyond Python's recursion limit when sqlglot prints it (and DuckDB's expression
depth). Balanced, it is 10 levels deep. What stays deep is what the SLA nests (`all` in `any`
in `all`..., at most MAX_NESTING levels, checked at load): printing it takes a few Python
frames per level, so `to_sql` allows the recursion that needs."""

from __future__ import annotations

import sys

import sqlglot.expressions as exp

PRINT_RECURSION_LIMIT = 20_000
"""Python frames allowed while printing SQL (the loader bounds how deep conditions nest)."""


def balanced(parts: list[exp.Expression], kind: type[exp.And] | type[exp.Or]) -> exp.Expression:
    """`a AND b AND c...` (or OR) as a balanced tree."""
    if len(parts) == 1:
        return parts[0]
    middle = len(parts) // 2
    halves = [balanced(parts[:middle], kind), balanced(parts[middle:], kind)]
    # sqlglot prints a tree as built: an OR inside an AND needs its parentheses
    left, right = [
        exp.Paren(this=h) if isinstance(h, exp.Connector) and not isinstance(h, kind) else h
        for h in halves
    ]
    return kind(this=left, expression=right)


def to_sql(tree: exp.Expression, pretty: bool = False) -> str:
    """The DuckDB SQL of `tree`, however deep the SLA's conditions nest. The tree is printed
    as it is, not copied first (a copy of the query of an SLA with 1,000 rules took seconds):
    print a tree once, and do not use it afterwards (sqlglot may rewrite parts as it prints)."""
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(max(limit, PRINT_RECURSION_LIMIT))
    try:
        return str(tree.sql("duckdb", pretty=pretty, copy=False))
    finally:
        sys.setrecursionlimit(limit)

"""Ask DuckDB what it accepts: its time zone names, and whether RE2 compiles a `matches`
pattern exactly as the compiled condition runs it (sla/engine_facts.py caches the answers)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

import duckdb
import sqlglot.expressions as exp

from leadsla.data.names import field_column
from leadsla.engine.conditions import compile_leaf
from leadsla.engine.sqlbuild import sql
from leadsla.sla.conditions import FieldCondition
from leadsla.sla.engine_facts import EngineAnswers

_PREFIXES = ("Invalid Input Error: ", "Binder Error: ", "Parser Error: ")


def ask(patterns: Sequence[str]) -> EngineAnswers:
    con = duckdb.connect(":memory:")
    try:
        zones = frozenset(
            r[0] for r in con.execute("SELECT name FROM pg_timezone_names()").fetchall()
        )
        verdicts = {p: _verdict(con, p) for p in patterns}
    finally:
        con.close()
    return EngineAnswers(zones, verdicts)


def _verdict(con: duckdb.DuckDBPyConnection, pattern: str) -> str | None:
    """None when the condition `{field: x, matches: pattern}` runs, else DuckDB's reason."""
    leaf = FieldCondition(field="x", op="matches", value=pattern)
    test = compile_leaf(leaf, "text", datetime.now(UTC))
    try:
        column = sql(exp.column(field_column("x"), quoted=True))
        con.execute(f"SELECT {sql(test)} FROM (SELECT 'x' AS {column})").fetchall()
    except duckdb.InterruptException:
        raise
    except duckdb.Error as exc:
        first = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
        for prefix in _PREFIXES:
            first = first.removeprefix(prefix)
        return first
    return None

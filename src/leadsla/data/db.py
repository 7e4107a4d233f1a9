"""The in-process DuckDB connection and the three ways we talk to it (results always consumed)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb

from leadsla.data.sqlparse import MACROS

Connection = duckdb.DuckDBPyConnection
Params = list[Any] | dict[str, Any] | None


def connect(tmpdir: Path, memory_limit: str = "400MB") -> Connection:
    """A private in-memory database that spills to `tmpdir` beyond `memory_limit`."""
    con = duckdb.connect(
        ":memory:",
        config={
            "memory_limit": memory_limit,
            "temp_directory": str(tmpdir / "duckdb.tmp"),
            "preserve_insertion_order": True,
            # a file name never makes DuckDB fetch an extension (`s3://`, `http://`...): it
            # reads local files only, and the ones it needs are built in
            "autoinstall_known_extensions": False,
            "autoload_known_extensions": False,
        },
    )
    run(con, "SET enable_progress_bar = false")
    run(con, "SET TimeZone = 'UTC'")
    # DuckDB's common-subexpression pass takes seconds to minutes on a condition nested 200
    # deep that shares a test with another rule (7 s for 2,000 rows with 100 rules); the reads
    # are built in layers that compute each value once, and scoring ran no slower without it.
    run(con, "SET disabled_optimizers = 'common_subexpressions'")
    for macro in MACROS:
        run(con, macro)
    return con


def run(con: Connection, sql: str, params: Params = None) -> None:
    con.execute(sql, params).fetchall()


def rows(con: Connection, sql: str, params: Params = None) -> list[tuple[Any, ...]]:
    return con.execute(sql, params).fetchall()


def one(con: Connection, sql: str, params: Params = None) -> tuple[Any, ...]:
    result = con.execute(sql, params).fetchall()
    if not result:
        raise LookupError("query returned no row")
    return result[0]

"""A remote result brought into the command's own DuckDB, so that renderers read it as today.

The pages are written to a CSV file in the run's folder (every text quoted, NULL unquoted and
empty, times as ISO instants) and read back by DuckDB with the columns' types: fast at any
size, memory bounded by one page, and no value re-parsed by guesswork."""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import duckdb
import sqlglot.expressions as exp

from leadsla.engine.remote import PAGE, Column, Fetched

_DECIMAL = re.compile(r"(?:numeric|decimal)\((\d+),\s*(\d+)\)")


def duckdb_type(column: Column) -> str:
    """The DuckDB type of an engine's column type (PostgreSQL's or Spark's name)."""
    t = column.type.lower().strip()
    found = _DECIMAL.fullmatch(t)
    if found:
        return f"DECIMAL({min(int(found.group(1)), 38)}, {found.group(2)})"
    if t in ("numeric", "decimal"):
        return "DOUBLE"  # PostgreSQL's unbounded numeric
    if t in ("int2", "int4", "smallint", "integer", "int", "tinyint"):
        return "INTEGER"
    if t in ("int8", "bigint", "long"):
        return "BIGINT"
    if t in ("float4", "float8", "real", "double precision", "double", "float"):
        return "DOUBLE"
    if t in ("bool", "boolean"):
        return "BOOLEAN"
    if t == "date":
        return "DATE"
    if t in ("timestamptz", "timestamp with time zone", "timestamp_ltz"):
        return "TIMESTAMPTZ"
    if t in ("timestamp", "timestamp without time zone", "timestamp_ntz"):
        return "TIMESTAMP"
    return "VARCHAR"


def _cell(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal | int | float):
        return str(value)
    return str(value)


def fetch_into(
    con: duckdb.DuckDBPyConnection,
    table: str,
    fetched: Fetched,
    folder: Path,
    size: int = PAGE,
) -> int:
    """Create `table` in `con` with `fetched`'s columns and rows (in their order); the rows
    pass through `folder/<table>.csv`, removed afterwards. Returns the number of rows."""
    path = folder / f"{table}.fetched.csv"
    names = [c.name for c in fetched.columns]
    rows = 0
    try:
        with path.open("w", encoding="utf-8", newline="") as f:
            for page in fetched.pages(size):
                for row in page:
                    # every value quoted (an empty text is `""`), NULL an unquoted nothing
                    cells = (_cell(v) for v in row)
                    f.write(",".join("" if c is None else _quote(c) for c in cells) + "\n")
                    rows += 1
        types = {c.name: duckdb_type(c) for c in fetched.columns}
        ident = exp.to_identifier(table, quoted=True).sql("duckdb")
        literal = exp.Literal.string(str(path)).sql("duckdb")
        struct = (
            "{"
            + ", ".join(
                f"{exp.Literal.string(n).sql('duckdb')}: {exp.Literal.string(types[n]).sql('duckdb')}"
                for n in names
            )
            + "}"
        )
        con.execute(
            f"CREATE OR REPLACE TEMP TABLE {ident} AS SELECT * FROM read_csv({literal},"
            f" header = false, delim = ',', quote = '\"', escape = '\"',"
            f" allow_quoted_nulls = false, columns = {struct}, auto_detect = false)"
        )
    finally:
        path.unlink(missing_ok=True)
    return rows


def _quote(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'

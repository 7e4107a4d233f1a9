"""Lower case as DuckDB writes it, for every engine and for the SLA's own text.

Text conditions compare a cell lower-cased with the SLA's values lower-cased. DuckDB (the
reference engine) lowers each code point to one code point (`İ` -> `i`, `Σ` -> `σ` even at
the end of a word); Python's str.lower() and Java's (Spark's) lower() use Unicode's full
mapping (`İ` -> `i̇`, two code points; a final `Σ` -> `ς`), and PostgreSQL's lower() depends on
the server's locale (ASCII only under C). So leadsla lowers the SLA's values with DuckDB's
table (lowercase_table.py, generated from DuckDB), and the compiled scripts of the other
engines lower cells with the same table (engine/dialects.py `lower`)."""

from __future__ import annotations

from functools import cache

from leadsla.sla.lowercase_table import RUNS


@cache
def pairs() -> tuple[tuple[int, int], ...]:
    """(code point, its lower case) for every code point DuckDB's lower() changes, in order."""
    return tuple(
        (code, code + shift)
        for first, last, step, shift in RUNS
        for code in range(first, last + 1, step)
    )


@cache
def _table() -> dict[int, int]:
    return dict(pairs())


def fold(text: str) -> str:
    """`text` lower-cased exactly as DuckDB's lower() does it."""
    return text.translate(_table())


def fold1(ch: str) -> str:
    """One character lower-cased as DuckDB does (always one character)."""
    return chr(_table().get(ord(ch), ord(ch)))

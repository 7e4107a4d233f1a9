"""Running the SLA where the data lives: a PostgreSQL server or a Spark session (issue 14).

`open_engine` connects (psycopg and pyspark are optional extras, imported only here and only
when asked for); a `RemoteEngine` finds the table holding the export, runs one SQL script and
hands back the typed rows of its last statement in pages; a signal (SIGINT, SIGTERM) cancels
what runs there. Nothing here prints: failures are `EngineError`s (exit 2) whose messages
never hold a DSN or a password."""

from __future__ import annotations

import importlib
import re
from abc import ABC, abstractmethod
from collections.abc import Iterator
from dataclasses import dataclass, field
from types import TracebackType
from typing import Any, Literal

import sqlglot.expressions as exp
from sqlglot import Dialect
from sqlglot.tokens import TokenType

from leadsla.errors import LeadslaError
from leadsla.messages import say

Engine = Literal["duckdb", "postgres", "spark"]
ENGINES: tuple[Engine, ...] = ("duckdb", "postgres", "spark")
REMOTE: tuple[Engine, ...] = ("postgres", "spark")
DIALECTS = {"postgres": "postgres", "spark": "spark"}
"""The sqlglot dialect each engine speaks."""
EXTRAS = {"postgres": ("psycopg", "leadsla[postgres]"), "spark": ("pyspark", "leadsla[spark]")}
"""engine -> (the module it needs, the pip requirement that installs it)."""
PAGE = 10_000
"""Result rows fetched at a time: the results come to this machine, never all at once."""


class EngineError(LeadslaError):
    """The engine is not installed, cannot be reached, lacks the table, or failed a query."""


@dataclass(frozen=True)
class Target:
    """Where to run: the engine, the table (or, for Spark, a Parquet path) and, for
    PostgreSQL, the DSN given with `--dsn` (else `LEADSLA_DSN`, else libpq's own)."""

    engine: Engine
    table: str
    dsn: str | None = None


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    """The engine's own name of the type (`text`, `string`, `timestamp with time zone`...)."""


@dataclass(frozen=True)
class Relation:
    """The table holding the export, found in the engine: its name as the user gave it (for
    messages), the table expression the SQL uses (quoted identifiers), and its columns."""

    name: str
    table: exp.Table
    columns: list[Column] = field(default_factory=list)

    @property
    def headers(self) -> list[str]:
        """The column names: the export's headers, as a CSV loaded without types keeps them."""
        return [c.name for c in self.columns]


class Fetched(ABC):
    """The rows of a script's last statement, still in the engine; read them in pages."""

    columns: list[Column]

    @abstractmethod
    def pages(self, size: int = PAGE) -> Iterator[list[tuple[Any, ...]]]:
        """Lists of at most `size` rows, each a tuple of Python values: `int`, `float`,
        `Decimal`, `str`, `bool`, `date`, and timestamps with a zone as aware `datetime`s."""

    def all(self) -> list[tuple[Any, ...]]:
        """Every row (for the small results: counts, one row per field)."""
        return [row for page in self.pages() for row in page]


class RemoteEngine(ABC):
    """A connection to one engine, used by one command and closed at its end."""

    engine: Engine
    dialect: str

    @abstractmethod
    def relation(self, table: str) -> Relation:
        """The table named `table` (PostgreSQL: `[schema.]name`; Spark: a catalog table or a
        Parquet path), or an EngineError naming it."""

    @abstractmethod
    def run(self, script: str) -> Fetched:
        """Run every statement of `script` (`;`-separated) and return the last one's rows."""

    @abstractmethod
    def cancel(self) -> None:
        """Stop what runs in the engine now (called on a signal; never raises)."""

    @abstractmethod
    def close(self) -> None: ...

    def __enter__(self) -> RemoteEngine:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if kind is not None and not issubclass(kind, Exception):
            self.cancel()  # a signal while something runs there: stop it, then leave
        self.close()


def require_module(engine: Engine) -> Any:
    """The engine's Python module, or an EngineError saying what to install (exit 2)."""
    module, requirement = EXTRAS[engine]
    try:
        return importlib.import_module(module)
    except ImportError:
        raise EngineError(
            say(
                "--engine {engine} needs the Python package `{module}`, which is not installed;"
                " install it with: pip install '{requirement}'",
                engine=engine,
                module=module,
                requirement=requirement,
            )
        ) from None


def open_engine(target: Target) -> RemoteEngine:
    """Connect to the target's engine (exit 2 when it is not installed or cannot be reached)."""
    require_module(target.engine)
    if target.engine == "postgres":
        from leadsla.engine.remote.postgres import PostgresEngine

        return PostgresEngine.connect(target.dsn)
    if target.engine == "spark":
        from leadsla.engine.remote.spark import SparkEngine

        return SparkEngine.connect()
    raise EngineError(say("--engine {engine} runs in process", engine=target.engine))


def split_statements(script: str, dialect: str) -> list[str]:
    """The statements of `script`, cut at the `;` that end statements (not those inside a
    string, an identifier or a comment), as written; empty ones dropped.

    A compiled script (`leadsla compile`'s: one statement, its only `;` at the end) is not
    read through the tokenizer: on the example's deadlines script (700 KB, mostly calendar
    numbers) that took 3 s, more than the engine took to run it."""
    one = _one_statement(script, dialect)
    if one is not None:
        return [one]
    tokens = Dialect.get_or_raise(dialect).tokenize(script)
    pieces: list[str] = []
    start, code = 0, False
    for t in tokens:
        if t.token_type == TokenType.SEMICOLON:
            if code:
                pieces.append(script[start : t.start].strip())
            start, code = t.start + 1, False
        else:
            code = True
    if code:
        pieces.append(script[start:].strip())
    return pieces


_LEADING_COMMENTS = re.compile(r"(?:\s+|--[^\n]*(?:\n|$))*")
_QUOTED = {
    # the dialect's strings and quoted names as sqlglot's tokenizer reads them
    "postgres": re.compile(r"'(?:[^']|'')*'|\"(?:[^\"]|\"\")*\""),
    "spark": re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"|`(?:[^`]|``)*`"),
}
_UNSURE = ("'", '"', "`", "$", "/*", "--", "\\")


def _one_statement(script: str, dialect: str) -> str | None:
    """`script` without its final `;` when it is surely one statement: code after its leading
    `--` comment lines (compile's header), and no other `;` there but inside plain strings
    and quoted names. None (read it with the tokenizer) whenever anything else could hide a
    `;` (a comment, a dollar-quoted or escaped string...)."""
    body = script.rstrip()
    if body.endswith(";"):
        body = body[:-1]
    head = _LEADING_COMMENTS.match(body)
    rest = body[head.end() if head else 0 :]
    if not rest or rest.startswith(("/*", "--")):
        return None
    if ";" in rest:
        quoted = _QUOTED.get(dialect)
        if quoted is None:
            return None
        outside = quoted.sub(" ", rest)
        if ";" in outside or any(mark in outside for mark in _UNSURE):
            return None
    return body.strip()


def first_line(exc: BaseException) -> str:
    """An engine's error in one line (Spark's hold a JVM stack trace after the first)."""
    text = str(exc).strip()
    return (text.splitlines() or [type(exc).__name__])[0].strip()

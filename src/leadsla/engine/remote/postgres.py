"""`--engine postgres`: a psycopg 3 connection to PostgreSQL 13 or newer.

The DSN comes from `--dsn`, else `LEADSLA_DSN`, else libpq's own defaults (the `PG*`
variables, `.pgpass`, `PGSERVICE`). It is never printed: messages name where it came from,
and any password (of the DSN, `PGPASSWORD`) is masked in what the server or libpq says."""

from __future__ import annotations

import contextlib
import logging
import os
import re
from collections.abc import Iterator
from typing import Any

import psycopg
import sqlglot.expressions as exp

from leadsla.engine.remote import (
    PAGE,
    Column,
    EngineError,
    Fetched,
    Relation,
    RemoteEngine,
    first_line,
    split_statements,
)
from leadsla.messages import say

DSN_VARIABLE = "LEADSLA_DSN"
MASK = "***"
CONNECT_TIMEOUT = 15
"""Seconds to wait for the server when neither the DSN nor PGCONNECT_TIMEOUT says."""
_URI_PASSWORD = re.compile(r"(?i)\b[a-z][a-z0-9+.-]*://[^:/@\s]*:([^@\s]+)@")
_KEY_PASSWORD = re.compile(r"""(?i)\bpassword\s*=\s*('(?:[^'\\]|\\.)*'|[^\s'"]+)""")

# psycopg logs a few of its own notes (`query not terminated after cancellation: closing
# connection` on Ctrl-C) through `logging`, which would print them on stderr: leadsla says
# what happened itself
logging.getLogger("psycopg").addHandler(logging.NullHandler())


def resolve_dsn(option: str | None) -> tuple[str, str]:
    """(the DSN, where it came from, for messages): `--dsn`, else LEADSLA_DSN, else `` (libpq
    reads PGHOST, PGDATABASE... and .pgpass itself)."""
    if option:
        return option, "--dsn"
    env = os.environ.get(DSN_VARIABLE)
    if env:
        return env, DSN_VARIABLE
    return "", say("libpq's PG* variables")


def secrets_of(dsn: str) -> list[str]:
    """The passwords a message must not show: the DSN's (URI or `password=`), PGPASSWORD's,
    and the DSN itself (it may hold a password in a form we do not parse)."""
    found = [m.group(1) for m in _URI_PASSWORD.finditer(dsn)]
    for m in _KEY_PASSWORD.finditer(dsn):
        value = m.group(1)
        found.append(value)
        if value.startswith("'") and value.endswith("'") and len(value) >= 2:
            found.append(value[1:-1])
    try:
        password = psycopg.conninfo.conninfo_to_dict(dsn).get("password")
    except psycopg.Error:
        password = None
    if password:
        found.append(str(password))
    if os.environ.get("PGPASSWORD"):
        found.append(os.environ["PGPASSWORD"])
    if dsn.strip():
        found.append(dsn.strip())
    return sorted({s for s in found if s}, key=len, reverse=True)


def redact(text: str, dsn: str) -> str:
    """`text` with the DSN and every password in it masked."""
    for secret in secrets_of(dsn):
        text = text.replace(secret, MASK)
    return text


class PostgresEngine(RemoteEngine):
    engine = "postgres"
    dialect = "postgres"

    def __init__(self, conn: psycopg.Connection[Any], dsn: str) -> None:
        self.conn = conn
        self._dsn = dsn

    @classmethod
    def connect(cls, option: str | None) -> PostgresEngine:
        dsn, source = resolve_dsn(option)
        extra: dict[str, Any] = {"application_name": "leadsla"}
        try:
            params = psycopg.conninfo.conninfo_to_dict(dsn)
        except psycopg.Error as exc:
            raise EngineError(
                say(
                    "the PostgreSQL DSN from {source} is not valid: {reason}",
                    source=source,
                    reason=redact(first_line(exc), dsn),
                )
            ) from None
        if "connect_timeout" not in params and not os.environ.get("PGCONNECT_TIMEOUT"):
            extra["connect_timeout"] = CONNECT_TIMEOUT
        try:
            conn = psycopg.connect(dsn, **extra)
        except psycopg.Error as exc:
            raise EngineError(
                say(
                    "cannot connect to PostgreSQL (DSN from {source}): {reason}",
                    source=source,
                    reason=redact(_one_message(exc), dsn),
                )
            ) from None
        # a session of our own: UTC, so that no result depends on the server's zone
        try:
            conn.execute("SET TimeZone TO 'UTC'")
            conn.commit()
        except psycopg.Error as exc:
            conn.close()
            raise EngineError(redact(first_line(exc), dsn)) from None
        return cls(conn, dsn)

    def relation(self, table: str) -> Relation:
        if '"' in table:
            candidates = _quoted_name(table)
        else:
            parts = table.split(".")
            if len(parts) > 2 or not all(parts):
                raise EngineError(
                    say("--table `{table}`: give a table as NAME or SCHEMA.NAME", table=table)
                )
            schema, name = (parts[0], parts[1]) if len(parts) == 2 else (None, parts[0])
            # as written, then folded to lower case as PostgreSQL folds unquoted names
            candidates = [(schema, name), (schema and schema.lower(), name.lower())]
        for s, n in candidates:
            found = self._columns(s, n)
            if found:
                nsp, columns = found
                return Relation(
                    table,
                    exp.Table(
                        this=exp.to_identifier(n, quoted=True),
                        db=exp.to_identifier(nsp, quoted=True),
                    ),
                    columns,
                )
        raise EngineError(
            say("PostgreSQL has no table `{table}` that this user can read", table=table)
        )

    def _columns(self, schema: str | None, name: str) -> tuple[str, list[Column]] | None:
        query = """
            SELECT n.nspname, a.attname, format_type(a.atttypid, a.atttypmod)
            FROM pg_catalog.pg_class c
            JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
            JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid
            WHERE c.relname = %(name)s
              AND c.relkind IN ('r', 'v', 'm', 'f', 'p')
              AND a.attnum > 0 AND NOT a.attisdropped
              AND (n.nspname = %(schema)s
                   OR (%(schema)s::text IS NULL AND pg_catalog.pg_table_is_visible(c.oid)))
              AND has_table_privilege(c.oid, 'SELECT')
            ORDER BY a.attnum"""
        try:
            rows = self.conn.execute(query, {"name": name, "schema": schema}).fetchall()
            self.conn.rollback()
        except psycopg.Error as exc:
            raise self._failed(exc) from None
        if not rows:
            return None
        return str(rows[0][0]), [Column(str(r[1]), str(r[2])) for r in rows]

    def run(self, script: str) -> Fetched:
        statements = split_statements(script, self.dialect)
        if not statements:
            raise EngineError(say("the script holds no SQL statement"))
        # one read-only transaction: what the first statements set lives until the last
        # one's rows are read, and nothing is left behind (rolled back at close)
        try:
            self.conn.rollback()
            with self.conn.cursor() as cur:
                # read only, and only PostgreSQL's own functions: the table is named with its
                # schema, so nobody's function or operator in the user's search_path can
                # stand in for the ones the script calls
                cur.execute(b"SET TRANSACTION READ ONLY")
                cur.execute(b"SET LOCAL search_path = pg_catalog, pg_temp")
                # no JIT: past ~10,000 rows a script's cost passes jit_above_cost and LLVM
                # compiles its thousands of expressions for each run, longer than running
                # them (100,000 rows: 9 s of the cells script's 12.7; 4.9 s without JIT)
                cur.execute(b"SET LOCAL jit = off")
                for statement in statements[:-1]:
                    cur.execute(statement.encode("utf-8"))
            return _PostgresRows(self, statements[-1])
        except psycopg.Error as exc:
            raise self._failed(exc) from None

    def _failed(self, exc: psycopg.Error) -> EngineError:
        return EngineError(say("PostgreSQL: {reason}", reason=redact(_one_message(exc), self._dsn)))

    def cancel(self) -> None:
        try:
            if not self.conn.closed:
                self.conn.cancel_safe(timeout=5.0)
        except Exception:
            pass

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self.conn.close()


class _PostgresRows(Fetched):
    """The last statement through a server-side cursor: the rows stay on the server and come
    in pages."""

    def __init__(self, engine: PostgresEngine, statement: str) -> None:
        self.engine = engine
        self.cursor = engine.conn.cursor(name="leadsla_result")
        try:
            self.cursor.execute(statement.encode("utf-8"))
        except psycopg.Error as exc:
            raise engine._failed(exc) from None
        # `numeric(5,2)`, `timestamp with time zone`: the type as PostgreSQL writes it
        self.columns = [Column(d.name, d.type_display) for d in self.cursor.description or []]

    def pages(self, size: int = PAGE) -> Iterator[list[tuple[Any, ...]]]:
        try:
            while True:
                page = self.cursor.fetchmany(size)
                if not page:
                    break
                yield page
        except psycopg.Error as exc:
            raise self.engine._failed(exc) from None
        finally:
            # after a cancel the connection may be gone: what stopped the reading matters
            with contextlib.suppress(Exception):
                self.cursor.close()


def _quoted_name(table: str) -> list[tuple[str | None, str]]:
    """`--table` written as SQL writes it (`"Leads 2026"`, `crm."Leads.2026"`: the spelling
    `compile --table` takes): its quoted parts exactly, its other parts as written, then
    folded to lower case."""
    from leadsla.engine.compile import CompileError, parse_table

    try:
        found = parse_table(table, "postgres")
    except CompileError as exc:
        raise EngineError(exc.message) from None
    if found.args.get("catalog") is not None:
        raise EngineError(
            say("--table `{table}`: give a table as NAME or SCHEMA.NAME", table=table)
        )
    db, this = found.args.get("db"), found.args["this"]

    def folded(part: exp.Identifier | None) -> str | None:
        if part is None:
            return None
        return str(part.this) if part.quoted else str(part.this).lower()

    written = (None if db is None else str(db.this), str(this.this))
    return [written, (folded(db), str(folded(this)))]


def _one_message(exc: psycopg.Error) -> str:
    """The server's or libpq's words, on one line (libpq lists each address it tried)."""
    lines = [line.strip() for line in str(exc).strip().splitlines() if line.strip()]
    return "; ".join(lines) if lines else type(exc).__name__

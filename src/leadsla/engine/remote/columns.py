"""A typed column of a table: read as its text, or refused up front.

The scripts read text, as a CSV's cells arrive (issue 14: "columns as text"). A table behind
a CRM is often typed; a column whose text leadsla reads as the value it holds enters the
script cast to text (engine/compile.py `Target.casts`):

- PostgreSQL (the session in UTC): `timestamp with time zone` as `2026-07-20 12:17:00+00`
  (`iso` reads it, offset included), `timestamp` as `2026-07-20 12:17:00` (a naive time, read
  in `leads.timezone` as any), `date` as `2026-07-20`, `boolean` as `true`/`false`, integers
  as their digits, `numeric`/`real`/`double precision` as `1234.5` (with the SLA's decimal
  mark put in: `decimal: ","` reads `1234,5`), `uuid` as its text.
- Spark: the same for `boolean`, integers, `decimal`, `date` and `timestamp_ntz`; Spark's
  `timestamp` (an instant) prints without its offset in the session's zone, so it is refused,
  as are floats (`1.0E10`), and every other type anywhere (arrays, JSON, intervals...): the
  message names the column and its type and says how to give it as text."""

from __future__ import annotations

import re

from leadsla.engine.remote import Relation
from leadsla.errors import LeadslaError
from leadsla.messages import say

TEXT = {
    "postgres": re.compile(
        r"text|character varying(\(\d+\))?|varchar(\(\d+\))?|character(\(\d+\))?"
        r"|bpchar|name|citext|\"char\""
    ),
    "spark": re.compile(r"string|varchar\(\d+\)|char\(\d+\)"),
}
"""Types whose values are text already: no cast."""

AS_TEXT = {
    "postgres": re.compile(
        r"boolean|smallint|integer|bigint|date|uuid"
        r"|timestamp(\(\d\))? with(out)? time zone"
    ),
    "spark": re.compile(r"boolean|tinyint|smallint|int|bigint|date|timestamp_ntz"),
}
"""Types read as their text."""

AS_DECIMAL = {
    "postgres": re.compile(r"numeric(\(\d+(,\d+)?\))?|real|double precision"),
    "spark": re.compile(r"decimal\(\d+,\d+\)"),
}
"""Number types read as their text with the SLA's decimal mark."""


def casts(engine: str, relation: Relation, columns: list[str]) -> tuple[tuple[str, str], ...]:
    """(column, `text` or `decimal`) for the `columns` (those the SLA reads, the id's) that
    are not text; a LeadslaError naming the first column of a type leadsla cannot read as
    text (exit 2, before any script runs)."""
    types = {c.name: c.type.strip().lower() for c in relation.columns}
    out: list[tuple[str, str]] = []
    for column in dict.fromkeys(columns):
        kind = types.get(column)
        if kind is None or TEXT[engine].fullmatch(kind):
            continue
        if AS_TEXT[engine].fullmatch(kind):
            out.append((column, "text"))
        elif AS_DECIMAL[engine].fullmatch(kind):
            out.append((column, "decimal"))
        else:
            raise LeadslaError(
                say(
                    "column `{column}` of the table `{table}` is of type {type}, which leadsla"
                    " does not read (it reads text, and numbers, booleans, dates and timestamps"
                    " as their text); give it as text, e.g. in a view: CREATE VIEW leads_text"
                    ' AS SELECT ..., CAST("{column}" AS {text}) AS "{column}" FROM ...',
                    column=column,
                    table=relation.name,
                    type=kind,
                    text="TEXT" if engine == "postgres" else "STRING",
                )
            )
    return tuple(out)

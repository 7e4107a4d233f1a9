"""The SQL name of a field's column: a namespace that none of leadsla's own columns can enter.

Every table and query holds the fields of the export (and the derived fields, `fit`...) next
to columns of leadsla's own (`_row`, `_id`, `reason`, `_fit_0`, `k3`...). A field may be named
anything an export's header is named, so instead of reserving names, each field's column is
`f:` followed by the field's name as written (`f:company_size`), and every column of our own is
a plain identifier, which never holds `:`. DuckDB compares names ignoring ASCII case, so a name
with capitals lists where they are before the colon (`Score` is `f0:Score`, `score` is
`f:score`): two fields whose names differ only in case get two columns."""

from __future__ import annotations


def field_column(name: str) -> str:
    """The column that holds field `name`, unquoted (always quote it in SQL)."""
    capitals = ",".join(str(i) for i, ch in enumerate(name) if "A" <= ch <= "Z")
    return f"f{capitals}:{name}"


def field_of_column(column: str) -> str | None:
    """The field a column holds, or None for a column of leadsla's own."""
    head, colon, name = column.partition(":")
    if not colon or head[:1] != "f" or field_column(name) != column:
        return None
    return name

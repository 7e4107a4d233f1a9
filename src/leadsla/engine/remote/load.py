"""An export loaded into an engine as a CSV loaded without types arrives: a table of text.

Each header becomes a column of that name (as written, trimmed), every cell text as written
(spaces kept), and an EMPTY cell becomes NULL (what PostgreSQL's `COPY ... CSV` and Spark's
CSV reader do with an unquoted empty field). leadsla reads NULL, an empty or all-space cell
and `N/A`, `NA`, `null`, `-` alike: blank (SPEC §2), so the choice changes no result. A row
with another number of fields than the header (a footer, a broken line) is not loaded, as
the CSV reader rejects it; `TextExport.skipped` lists their lines.

Used by the tests and by `scripts/load_table.py` (the README's first step on each engine)."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from leadsla.data.source import prepare
from leadsla.engine.remote import EngineError
from leadsla.messages import say

PG_MAX_NAME = 63
"""PostgreSQL's longest identifier in bytes (NAMEDATALEN - 1): a longer one is cut silently."""
SPARK_CHUNK = 200_000
"""Rows handed to Spark at a time when writing Parquet."""


@dataclass
class TextExport:
    """An export's header and rows as text (`None` for an empty cell)."""

    name: str
    path: Path
    delimiter: str
    encoding: str
    headers: list[str]
    skipped: list[int] = field(default_factory=list)
    """Physical lines (1-based) of the rows not loaded: another number of fields."""
    rows: int = 0
    """Rows handed out so far by `records`."""

    def records(self) -> Iterator[list[str | None]]:
        width = len(self.headers)
        with self.path.open(encoding="utf-8", newline="") as f:
            reader = csv.reader(f, delimiter=self.delimiter, quotechar='"', strict=False)
            next(reader, None)  # the header
            start = 2
            for record in reader:
                line, start = start, reader.line_num + 1
                if not record:
                    continue  # a blank line is no row
                if len(record) != width:
                    self.skipped.append(line)
                    continue
                self.rows += 1
                yield [cell if cell != "" else None for cell in record]


@contextmanager
def text_export(
    path: Path, encoding: str = "auto", delimiter: str = "auto"
) -> Iterator[TextExport]:
    """The export at `path`, its encoding and delimiter found as `leadsla` finds them."""
    import tempfile

    with tempfile.TemporaryDirectory(prefix="leadsla-load-") as tmp:
        source = prepare(str(path), path, encoding, delimiter, Path(tmp))
        headers = source.headers
        empty = [i + 1 for i, h in enumerate(headers) if not h]
        if empty:
            raise EngineError(
                say(
                    "{name}: column {column} has no header; a table needs a name for every column",
                    name=str(path),
                    column=empty[0],
                )
            )
        yield TextExport(str(path), source.path, source.delimiter, source.encoding, headers)


def _check_names(export: TextExport, *, fold: bool, max_bytes: int | None) -> None:
    seen: dict[str, str] = {}
    for h in export.headers:
        key = h.casefold() if fold else h
        if key in seen:
            raise EngineError(
                say(
                    "{name}: two columns are named `{header}`{how}; a table cannot hold both",
                    name=export.name,
                    header=h,
                    how=say(" (ignoring case)") if fold and seen[key] != h else "",
                )
            )
        seen[key] = h
        if max_bytes is not None and len(h.encode("utf-8")) > max_bytes:
            raise EngineError(
                say(
                    "{name}: the header `{header}` is longer than {n} bytes, which PostgreSQL"
                    " would cut; shorten it in the export",
                    name=export.name,
                    header=h,
                    n=max_bytes,
                )
            )


def load_postgres(conn: Any, table: str, export: TextExport, *, replace: bool = True) -> int:
    """Create `table` (`[schema.]name`, as written: quoted) with a text column per header and
    COPY the rows in; `replace` drops a table of that name first. One transaction."""
    from psycopg import sql

    _check_names(export, fold=False, max_bytes=PG_MAX_NAME)
    ident = sql.Identifier(*table.split("."))
    columns = sql.SQL(", ").join(
        sql.SQL("{} text").format(sql.Identifier(h)) for h in export.headers
    )
    names = sql.SQL(", ").join(sql.Identifier(h) for h in export.headers)
    with conn.transaction(), conn.cursor() as cur:
        if replace:
            cur.execute(sql.SQL("DROP TABLE IF EXISTS {}").format(ident))
        cur.execute(sql.SQL("CREATE TABLE {} ({})").format(ident, columns))
        with cur.copy(sql.SQL("COPY {} ({}) FROM STDIN").format(ident, names)) as copy:
            for record in export.records():
                copy.write_row(record)
    return export.rows


def load_spark(
    spark: Any,
    export: TextExport,
    *,
    view: str | None = None,
    table: str | None = None,
    parquet: Path | None = None,
) -> Any:
    """The export as a Spark DataFrame of string columns; also as a temporary `view`, a
    catalog `table` (saved in the session's warehouse) and/or Parquet files at `parquet`
    (a folder, replaced). Returns the DataFrame (read back from Parquet when written)."""
    from pyspark.sql.types import StringType, StructField, StructType

    # Spark resolves names ignoring case (spark.sql.caseSensitive is off by default)
    _check_names(export, fold=True, max_bytes=None)
    schema = StructType([StructField(h, StringType(), True) for h in export.headers])
    if parquet is not None:
        mode = "overwrite"
        chunk: list[list[str | None]] = []
        records = export.records()
        while True:
            chunk = [r for _, r in zip(range(SPARK_CHUNK), records, strict=False)]
            if not chunk and mode == "append":
                break
            spark.createDataFrame(chunk, schema, verifySchema=False).write.mode(mode).parquet(
                str(parquet)
            )
            mode = "append"
            if len(chunk) < SPARK_CHUNK:
                break
        df = spark.read.parquet(str(parquet))
    else:
        df = spark.createDataFrame(list(export.records()), schema, verifySchema=False)
    if view is not None:
        df.createOrReplaceTempView(view)
    if table is not None:
        df.write.mode("overwrite").saveAsTable(table)
    return df

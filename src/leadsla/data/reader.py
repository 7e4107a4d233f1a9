"""Read an export into the DuckDB table `leads`: one typed column per field, every row accounted."""

from __future__ import annotations

import tempfile
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import duckdb
import sqlglot.expressions as exp

from leadsla.data.accounting import Accounting, DataIssue
from leadsla.data.db import Connection, one, run
from leadsla.data.headers import Wanted, match_headers
from leadsla.data.lines import LineMap
from leadsla.data.source import Source, prepare, spool_stdin
from leadsla.errors import ExportUnreadable

FieldType = Literal["text", "number", "boolean", "timestamp"]
TABLE = "leads"


@dataclass(frozen=True)
class ReadSpec:
    """What to read: the fields with their types, and how cells are written."""

    wanted: list[Wanted]
    types: dict[str, FieldType]
    date_formats: list[str]
    decimal: str
    timezone: str
    encoding: str = "auto"
    delimiter: str = "auto"
    keep_raw: bool = False
    """Also keep every column as written (for `score --output`)."""


@dataclass
class Export:
    """The export in DuckDB: table `leads` (typed fields, `id`), and its row accounting."""

    con: Connection
    source: Source
    columns: dict[str, int]
    """field -> column index in the CSV."""
    types: dict[str, FieldType]
    accounting: Accounting
    lines: LineMap
    id_from: str
    """`id`, `email` or `line`: where lead ids come from."""
    raw_columns: list[str] = field(default_factory=list)
    """Names of the raw text columns (`c0`...) when read with keep_raw."""

    def has(self, name: str) -> bool:
        return name in self.columns


def _col(i: int) -> exp.Column:
    return exp.column(f"c{i}")


def _call(name: str, *args: exp.Expression) -> exp.Expression:
    return exp.Anonymous(this=name, expressions=list(args))


def _lit(text: str) -> exp.Literal:
    return exp.Literal.string(text)


def typed_expression(cleaned: exp.Expression, ftype: FieldType, spec: ReadSpec) -> exp.Expression:
    """The SQL that reads one cleaned (trimmed, blank-as-NULL) cell as its type."""
    if ftype == "text":
        return cleaned
    if ftype == "boolean":
        return _call("ls_bool", cleaned)
    if ftype == "number":
        return _call("ls_num_comma" if spec.decimal == "," else "ls_num_dot", cleaned)
    zone = _lit(spec.timezone)
    parts: list[exp.Expression] = []
    patterns: list[str] = []  # consecutive plain strptime patterns: one call tries them in order

    def flush() -> None:
        if patterns:
            fmts = exp.Array(expressions=[_lit(f) for f in patterns])
            parts.append(_call("timezone", zone, _call("try_strptime", cleaned, fmts)))
            patterns.clear()

    for fmt in spec.date_formats:
        if fmt not in ("iso", "epoch_s", "epoch_ms") and "%z" not in fmt and "%Z" not in fmt:
            patterns.append(fmt)
            continue
        flush()
        if fmt == "iso":
            parts.append(_call("ls_iso", cleaned, zone))
        elif fmt == "epoch_s":
            parts.append(_call("ls_epoch_s", cleaned))
        elif fmt == "epoch_ms":
            parts.append(_call("ls_epoch_ms", cleaned))
        else:
            parts.append(exp.cast(_call("try_strptime", cleaned, _lit(fmt)), "TIMESTAMPTZ"))
    flush()
    return parts[0] if len(parts) == 1 else exp.Coalesce(this=parts[0], expressions=parts[1:])


def _read_csv(source: Source, ncols: int, parallel: bool) -> exp.Expression:
    columns = exp.Struct(
        expressions=[
            exp.PropertyEQ(this=exp.to_identifier(f"c{i}"), expression=_lit("VARCHAR"))
            for i in range(ncols + 1)  # one more than the header: rows with too many fields
        ]
    )
    options = {
        "header": exp.true(),
        "delim": _lit(source.delimiter),
        "quote": _lit('"'),
        "escape": _lit('"'),
        "auto_detect": exp.false(),
        "null_padding": exp.true(),
        "nullstr": _lit("\x00\x01"),
        "strict_mode": exp.false(),
        "max_line_size": exp.Literal.number(64 * 1024 * 1024),
        "columns": columns,
        "parallel": exp.true() if parallel else exp.false(),
    }
    return _call(
        "read_csv",
        exp.Placeholder(this="path"),
        *[exp.PropertyEQ(this=exp.to_identifier(k), expression=v) for k, v in options.items()],
    )


def _is_null(e: exp.Expression) -> exp.Expression:
    return exp.Is(this=e, expression=exp.null())


def _not_null(e: exp.Expression) -> exp.Expression:
    return exp.not_(_is_null(e))


def _non_null_items(items: list[exp.Expression], var: str) -> exp.Expression:
    return _call(
        "list_filter",
        exp.Array(expressions=items),
        exp.Lambda(this=_not_null(exp.column(var)), expressions=[exp.to_identifier(var)]),
    )


def build_read_sql(
    source: Source, columns: dict[str, int], spec: ReadSpec, id_from: str, parallel: bool = True
) -> str:
    """`CREATE TABLE leads AS SELECT ...` over read_csv: typed fields, ragged rows flagged,
    unreadable cells listed in `_bad`. Built in layers so each cell is trimmed, cleaned and
    parsed once (DuckDB inlines macros, and would otherwise repeat them)."""
    ncols = len(source.headers)
    everything = [_col(i) for i in range(ncols + 1)]
    ragged = exp.or_(_is_null(_col(ncols - 1)), _not_null(_col(ncols)))
    used = sorted(set(columns.values()))
    ftype = {name: spec.types.get(name, "text") for name in columns}
    ftype["_id"] = "text"

    # 1: trimmed cells, the row's shape
    layer1: list[exp.Expression] = [
        exp.alias_(ragged, "_ragged"),
        exp.alias_(
            exp.If(this=ragged, true=_call("len", _non_null_items(everything, "v"))), "_nfields"
        ),
        exp.alias_(
            exp.If(this=ragged, true=_call("concat_ws", _lit(source.delimiter), *everything)),
            "_rawline",
        ),
        *[exp.alias_(_call("trim", _col(i)), f"t{i}") for i in used],
    ]
    if spec.keep_raw:
        layer1.extend(exp.alias_(_col(i), f"_raw{i}") for i in range(ncols))
    q1 = exp.select(*layer1).from_(exp.Table(this=_read_csv(source, ncols, parallel)))

    # 2: blanks (N/A, -, ...) as NULL
    passthrough = ["_ragged", "_nfields", "_rawline"] + (
        [f"_raw{i}" for i in range(ncols)] if spec.keep_raw else []
    )
    layer2: list[exp.Expression] = [exp.column(c) for c in passthrough]
    layer2 += [exp.alias_(_call("ls_blank", exp.column(f"t{i}")), f"k{i}") for i in used]
    q2 = exp.select(*layer2).from_(q1.subquery("l1"))

    # 3: typed values, next to the cleaned text of non-text fields
    layer3: list[exp.Expression] = [exp.column(c) for c in passthrough]
    for name, index in columns.items():
        layer3.append(
            exp.alias_(
                typed_expression(exp.column(f"k{index}"), ftype[name], spec),
                f"v_{name}",
                quoted=True,
            )
        )
    if id_from in columns:
        layer3.append(exp.alias_(exp.column(f"k{columns[id_from]}"), "_id"))
    for index in sorted({columns[n] for n in columns if ftype[n] != "text"}):
        layer3.append(exp.column(f"k{index}"))
    q3 = exp.select(*layer3).from_(q2.subquery("l2"))

    # 4: the table
    not_ragged = exp.not_(exp.column("_ragged"))
    final: list[exp.Expression] = [
        exp.column("_ragged"),
        exp.column("_nfields"),
        exp.column("_rawline"),
    ]
    bad_items: list[exp.Expression] = []
    for name, index in columns.items():
        value = exp.column(f"v_{name}", quoted=True)
        final.append(exp.alias_(exp.If(this=not_ragged, true=value), name, quoted=True))
        if ftype[name] != "text":
            cleaned = exp.column(f"k{index}")
            item = exp.Struct(
                expressions=[
                    exp.PropertyEQ(this=exp.to_identifier("field"), expression=_lit(name)),
                    exp.PropertyEQ(this=exp.to_identifier("value"), expression=cleaned),
                ]
            )
            bad_items.append(exp.If(this=exp.and_(_not_null(cleaned), _is_null(value)), true=item))
    final.append(
        exp.alias_(
            exp.cast(exp.column("_id") if id_from in columns else exp.null(), "VARCHAR"), "_id"
        )
    )
    if bad_items:
        bad = exp.Nullif(this=_non_null_items(bad_items, "b"), expression=exp.Array(expressions=[]))
        final.append(exp.alias_(exp.If(this=not_ragged, true=bad), "_bad"))
    else:
        final.append(
            exp.alias_(exp.cast(exp.null(), "STRUCT(field VARCHAR, value VARCHAR)[]"), "_bad")
        )
    if spec.keep_raw:
        final.extend(exp.column(f"_raw{i}") for i in range(ncols))
    query = exp.select(*final).from_(q3.subquery("l3"))
    return f"CREATE OR REPLACE TEMP TABLE {TABLE} AS {query.sql('duckdb')}"


def _duckdb_message(exc: duckdb.Error) -> str:
    first = str(exc).strip().splitlines()
    return first[0] if first else type(exc).__name__


PROGRESS_MIN_BYTES = 20_000_000
Progress = Callable[[float], None]


def _run_with_progress(
    con: Connection, sql_text: str, params: dict[str, str], progress: Progress | None
) -> None:
    """Run a long statement; with `progress`, report DuckDB's percentage from this thread."""
    if progress is None:
        run(con, sql_text, params)
        return
    failure: list[BaseException] = []

    def work() -> None:
        try:
            run(con, sql_text, params)
        except BaseException as exc:  # re-raised in the caller's thread
            failure.append(exc)

    worker = threading.Thread(target=work, daemon=True)
    worker.start()
    while worker.is_alive():
        worker.join(0.1)
        done = con.query_progress()
        if done >= 0:
            progress(done)
    progress(100.0)
    if failure:
        raise failure[0]


def read_export(
    con: Connection,
    name: str,
    path: Path | None,
    spec: ReadSpec,
    tmpdir: Path,
    progress: Progress | None = None,
) -> Export:
    """Read `path` (or standard input when `name` is `-`) into table `leads`."""
    original = spool_stdin(tmpdir) if name == "-" else path
    assert original is not None
    source = prepare(name, original, spec.encoding, spec.delimiter, tmpdir)
    columns = match_headers(spec.wanted, source.headers, name)
    id_from = "id" if "id" in columns else "email" if "email" in columns else "line"
    try:
        try:
            big = source.path.stat().st_size >= PROGRESS_MIN_BYTES
            _run_with_progress(
                con,
                build_read_sql(source, columns, spec, id_from),
                {"path": str(source.path)},
                progress if big else None,
            )
        except duckdb.Error as exc:
            # DuckDB's parallel reader cannot pad short rows once a quoted cell holds a line
            # break; such exports are read again on one thread.
            if "parallel=false" not in str(exc):
                raise
            run(
                con,
                build_read_sql(source, columns, spec, id_from, parallel=False),
                {"path": str(source.path)},
            )
    except duckdb.Error as exc:
        raise ExportUnreadable(f"{name}: cannot read the export: {_duckdb_message(exc)}") from None
    lines = LineMap(source.path, source.header_lines, _record_count(con))
    accounting = Accounting.collect(con, TABLE)
    export = Export(
        con,
        source,
        columns,
        {f: spec.types.get(f, "text") for f in columns},
        accounting,
        lines,
        id_from,
    )
    _fill_missing_ids(export)
    return export


def _record_count(con: Connection) -> int:
    return int(one(con, f"SELECT count(*) FROM {TABLE}")[0])


def _fill_missing_ids(export: Export) -> None:
    """Leads without an id (no id/email column, or a blank cell) take their line number."""
    con, lines = export.con, export.lines
    if not one(con, f"SELECT count(*) FROM {TABLE} WHERE _id IS NULL AND NOT _ragged")[0]:
        return
    if lines.simple:
        run(
            con,
            f"UPDATE {TABLE} SET _id = CAST(rowid + ? AS VARCHAR) WHERE _id IS NULL AND NOT _ragged",
            [lines.offset],
        )
        return
    run(
        con,
        "CREATE OR REPLACE TEMP TABLE _lines AS SELECT unnest(range(?)) AS r, unnest(?::BIGINT[]) AS line",
        [lines.records, lines.all_lines()],
    )
    run(
        con,
        f"UPDATE {TABLE} SET _id = CAST(_lines.line AS VARCHAR) FROM _lines "
        f"WHERE {TABLE}.rowid = _lines.r AND _id IS NULL AND NOT _ragged",
    )
    run(con, "DROP TABLE _lines")


def issues(export: Export) -> Iterator[DataIssue]:
    return export.accounting.iter_issues(export)


def temp_dir() -> tempfile.TemporaryDirectory[str]:
    return tempfile.TemporaryDirectory(prefix="leadsla-")


_SQL_TYPE = {
    "text": "VARCHAR",
    "number": "DOUBLE",
    "boolean": "BOOLEAN",
    "timestamp": "TIMESTAMPTZ",
}


def add_blank_fields(export: Export, fields: dict[str, FieldType]) -> None:
    """Give `leads` an all-blank column for fields the export lacks (validate reads on anyway)."""
    for name, ftype in fields.items():
        ident = exp.to_identifier(name, quoted=True).sql("duckdb")
        run(export.con, f"ALTER TABLE {TABLE} ADD COLUMN {ident} {_SQL_TYPE[ftype]}")
        export.types[name] = ftype

"""Read an export into the DuckDB table `leads`: one typed column per field, every row accounted."""

from __future__ import annotations

import heapq
import re
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal

import duckdb
import sqlglot.expressions as exp

from leadsla.data import localtime
from leadsla.data.accounting import (
    TEXT_LIMIT,
    TYPE_WORD,
    Accounting,
    DataIssue,
    RejectedRow,
    count,
    rejection_reason,
)
from leadsla.data.db import Connection, one, rows, run
from leadsla.data.headers import Wanted, match_headers
from leadsla.data.lines import (
    MAX_RECORD_BYTES,
    LineMap,
    LongRecord,
    long_records,
    may_hold_long_line,
    may_hold_long_record,
    write_placeholders,
)
from leadsla.data.names import field_column
from leadsla.data.source import (
    Source,
    duckdb_path,
    file_looks_utf8,
    prepare,
    spool_if_stream,
    spool_stdin,
    with_lf_line_breaks,
)
from leadsla.data.sqlparse import EPOCH_MS_PATTERN, EPOCH_S_PATTERN
from leadsla.data.sqltree import balanced, to_sql
from leadsla.errors import ExportUnreadable
from leadsla.messages import say
from leadsla.runfiles import run_folder

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
    redact: bool = False
    """--redact: an engine error is reported by its kind alone (its message may quote cells)."""


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


def _field(name: str) -> exp.Column:
    """A field's typed column (see `names`: no column of our own can have its name)."""
    return exp.column(field_column(name), quoted=True)


def _call(name: str, *args: exp.Expression) -> exp.Expression:
    return exp.Anonymous(this=name, expressions=list(args))


def _lit(text: str) -> exp.Literal:
    return exp.Literal.string(text)


def typed_expression(cleaned: exp.Expression, ftype: FieldType, spec: ReadSpec) -> exp.Expression:
    """The SQL that reads one cleaned (trimmed, blank-as-NULL) cell as its type."""
    parts = typed_parts(cleaned, ftype, spec)
    return parts[0] if len(parts) == 1 else exp.Coalesce(this=parts[0], expressions=parts[1:])


def typed_parts(cleaned: exp.Expression, ftype: FieldType, spec: ReadSpec) -> list[exp.Expression]:
    """The ways to read a cell, tried in order (several only for timestamps: `date_formats`)."""
    if ftype == "text":
        return [cleaned]
    if ftype == "boolean":
        return [_call("ls_bool", cleaned)]
    if ftype == "number":
        return [_call("ls_num_comma" if spec.decimal == "," else "ls_num_dot", cleaned)]
    zone = _lit(spec.timezone)
    return [
        _call("ls_wall", e, zone.copy()) if naive else e
        for naive, e in stamp_readings(cleaned, spec)
    ]


Reading = tuple[bool, exp.Expression]
"""(naive, expression): a way to read a timestamp cell, as a naive TIMESTAMP (to be read in the
export's zone) or as the TIMESTAMPTZ it says; NULL when it does not read the cell."""


def stamp_readings(cleaned: exp.Expression, spec: ReadSpec) -> list[Reading]:
    """The ways to read a timestamp cell, tried in order: `date_formats`, each format as one
    reading (`iso` as two: its naive cells, then those with an offset, which no naive reading
    reads), so that the first reading that reads a cell is the first format that reads it."""
    readings: list[Reading] = []
    for kind, arg in format_steps(spec.date_formats):
        if kind == "patterns":
            fmts = exp.Array(expressions=[_lit(f) for f in arg])
            readings.append((True, _call("try_strptime", cleaned.copy(), fmts)))
        elif kind == "year":
            readings.append((True, _year_1000_on(_strptime(cleaned, arg[0]))))
        elif kind == "iso":
            readings += [
                (True, _call("ls_iso_naive", cleaned.copy())),
                (False, _call("ls_iso_zoned", cleaned.copy())),
            ]
        elif kind in ("epoch_s", "epoch_ms"):
            readings.append((False, _call(f"ls_{kind}", cleaned.copy())))
        else:  # a pattern with an offset
            fmt = arg[0]
            parsed = _strptime(cleaned, fmt)
            if "%Y" in fmt:
                parsed = _year_1000_on(parsed, "TIMESTAMPTZ")
            readings.append((False, exp.cast(parsed, "TIMESTAMPTZ")))
    return readings


def _year_1000_on(parsed: exp.Expression, kind: str = "TIMESTAMP") -> exp.Expression:
    """`_four_digit_year` with `parsed` computed once: a finite time from the year 1000 on,
    else NULL (DuckDB's strptime reads `infinity` whatever the format: its year is NULL, and
    so are its microseconds). In microseconds, where `greatest` costs a third of what it
    costs on timestamps."""
    before = exp.Literal.number(YEAR_1000_US - 1)
    micros = _call("greatest", _call("epoch_us", parsed), before)
    make = "make_timestamptz" if kind == "TIMESTAMPTZ" else "make_timestamp"
    return _call(make, _call("nullif", micros, before.copy()))


YEAR_1000_US = -30_610_224_000_000_000
"""1000-01-01 00:00 UTC in microseconds since 1970."""


FormatStep = tuple[str, list[str]]


def format_steps(date_formats: list[str]) -> list[FormatStep]:
    """`date_formats` as the steps a cell tries, in order: `patterns` (consecutive strptime
    patterns without `%Y` or an offset: one call tries them in order), `year` (one with `%Y`,
    no offset), `iso`, `epoch_s`, `epoch_ms`, `offset` (a pattern with `%z` or `%Z`). Shared by
    `typed_parts` and `naive_stamp`, which must try the formats alike."""
    steps: list[FormatStep] = []
    patterns: list[str] = []
    for fmt in date_formats:
        plain = fmt not in ("iso", "epoch_s", "epoch_ms") and "%z" not in fmt and "%Z" not in fmt
        if plain and "%Y" not in fmt:
            patterns.append(fmt)
            continue
        if patterns:
            steps.append(("patterns", patterns))
            patterns = []
        if plain:
            steps.append(("year", [fmt]))
        elif fmt in ("iso", "epoch_s", "epoch_ms"):
            steps.append((fmt, []))
        else:
            steps.append(("offset", [fmt]))
    if patterns:
        steps.append(("patterns", patterns))
    return steps


def naive_stamp(cell: exp.Expression, spec: ReadSpec) -> exp.Expression | None:
    """The naive TIMESTAMP a timestamp cell is read from, trying `date_formats` in the order
    of `stamp_readings`; NULL when a format with an offset (or none) reads it; None when no
    format gives naive stamps. `ls_local` (localtime.py) needs it for the rare cell whose
    reading lies just after a clock change, in a CASE branch. DuckDB hoists an expression
    that a SELECT uses twice out of CASE branches, which would run it for every cell: so no
    expression appears twice here (COALESCE, not CASE WHEN x IS NOT NULL THEN x)."""
    # (True, a naive stamp or NULL) or (False, does a format with an offset read the cell?)
    ways: list[tuple[bool, exp.Expression]] = []
    for kind, arg in format_steps(spec.date_formats):
        if kind == "patterns":
            fmts = exp.Array(expressions=[_lit(f) for f in arg])
            ways.append((True, _call("try_strptime", cell.copy(), fmts)))
        elif kind == "year":
            ways.append((True, _from_year_1000(_strptime(cell, arg[0]))))
        elif kind == "iso":
            ways.append((True, _call("ls_iso_naive", cell.copy())))
            ways.append((False, _call("ls_iso_offset_shape", cell.copy())))
        elif kind == "epoch_s":
            ways.append((False, _call("regexp_full_match", cell.copy(), _lit(EPOCH_S_PATTERN))))
        elif kind == "epoch_ms":
            ways.append((False, _call("regexp_full_match", cell.copy(), _lit(EPOCH_MS_PATTERN))))
        else:  # a pattern with an offset
            fmt = arg[0]
            parsed = _strptime(cell, fmt)
            ways.append(
                (
                    False,
                    _not_null(_from_year_1000(parsed, "TIMESTAMPTZ") if "%Y" in fmt else parsed),
                )
            )
    if not any(naive for naive, _e in ways):
        return None
    # from the last way back: coalesce(naive, rest); or, after a format with an offset that
    # reads the cell, NULL
    chain: exp.Expression = exp.cast(exp.null(), "TIMESTAMP")
    for naive, e in reversed(ways):
        chain = (
            exp.Coalesce(this=e, expressions=[chain])
            if naive
            else exp.If(this=e, true=exp.cast(exp.null(), "TIMESTAMP"), false=chain)
        )
    return chain


def _from_year_1000(parsed: exp.Expression, kind: str = "TIMESTAMP") -> exp.Expression:
    """`parsed` if its year has four digits, else NULL (as `_four_digit_year`), using it once."""
    last = "0999-12-31 23:59:59.999999" + ("+00" if kind == "TIMESTAMPTZ" else "")
    before = exp.cast(_lit(last), kind)
    return _call("nullif", _call("greatest", parsed, before), before.copy())


def local_time(value: exp.Expression, cleaned: exp.Expression, spec: ReadSpec) -> exp.Expression:
    """A timestamp field as read (`value`: ICU's reading of a naive stamp) with a wall time
    the clock repeats read as its first pass, and one it skips as the jump (`ls_local`,
    localtime.py). Applied once per field, after every format was tried: a cheap test of
    `value` against the zone's clock changes; the naive stamp the cell was read from is
    worked out again only for the rare cell just after one."""
    stamp = naive_stamp(cleaned, spec)
    return value if stamp is None else _call("ls_local", value, stamp)


def _strptime(cleaned: exp.Expression, fmt: str) -> exp.Expression:
    return _call("try_strptime", cleaned.copy(), _lit(fmt))


def _in_range(value: exp.Expression) -> exp.Expression:
    """A timestamp field, blank outside the dates leadsla computes with (an unreadable cell)."""
    return _call("ls_in_range", value)


def _four_digit_year(cleaned: exp.Expression, fmt: str) -> exp.Expression:
    """DuckDB's `%Y` takes one to four digits, so `%d/%m/%Y` reads `24/02/26` as the year 26:
    such a cell is unreadable (and the next format is tried), as with Python's strptime."""
    parsed = _strptime(cleaned, fmt)
    year = _call("year", parsed.copy())
    return exp.If(this=exp.GTE(this=year, expression=exp.Literal.number(1000)), true=parsed)


REJECTS = "_rejects"


def read_csv_call(source: Source, *, rejects: bool = True) -> exp.Expression:
    """`read_csv(?path, ...)`: every column as text, as written; its parameters come from
    `read_parameters`. With `rejects`, the rows it sets aside are listed in REJECTS."""
    kept: dict[str, exp.Expression] = (
        {
            "store_rejects": exp.true(),
            "rejects_table": _lit(REJECTS),
            "rejects_scan": _lit(REJECTS + "_scan"),
            "rejects_limit": exp.Literal.number(0),
        }
        if rejects
        else {}
    )
    options = {
        "header": exp.true(),
        "delim": _lit(source.delimiter),
        "quote": _lit('"'),
        "escape": _lit('"'),
        "auto_detect": exp.false(),
        # rows with the wrong number of fields (or a broken quote) are set aside, with their
        # number and text, in the rejects table; the good ones are read in parallel
        "strict_mode": exp.true(),
        "ignore_errors": exp.true(),
        **kept,
        # DuckDB's default, said here because lines.py finds the records this long first
        "max_line_size": exp.Literal.number(MAX_RECORD_BYTES),
        "nullstr": _lit("\x00\x01"),
        # a parameter (see `read_parameters`), not ncols nodes: sqlglot copies and prints
        # every node, and an export may have 100,000 columns
        "columns": exp.Placeholder(this="columns"),
    }
    return _call(
        "read_csv",
        exp.Placeholder(this="path"),
        *[exp.PropertyEQ(this=exp.to_identifier(k), expression=v) for k, v in options.items()],
    )


def _trimmed(cell: exp.Expression) -> exp.Expression:
    """trim(), only where there is a space to remove: most cells have none, and trimming
    copies the string. trim() also removes no-break spaces (Excel, text pasted from the web),
    so a cell that starts or ends with one is trimmed too, not only when a space is there."""
    edge = exp.or_(
        *[
            _call(side, cell.copy(), _lit(space))
            for space in (" ", "\u00a0")
            for side in ("prefix", "suffix")
        ]
    )
    return exp.If(this=edge, true=_call("trim", cell.copy()), false=cell.copy())


def _is_null(e: exp.Expression) -> exp.Expression:
    return exp.Is(this=e, expression=exp.null())


def _not_null(e: exp.Expression) -> exp.Expression:
    return exp.not_(_is_null(e))


Wrap = Callable[[exp.Select, dict[str, FieldType], list[str]], exp.Select]
"""Turns the typed read query into what the table should hold (given the fields' types and
the columns to keep as they are): a command that needs one pass computes in the read."""


def build_read_sql(
    source: Source, columns: dict[str, int], spec: ReadSpec, id_from: str, wrap: Wrap | None = None
) -> str:
    """`CREATE TABLE leads AS SELECT ...` over read_csv (see `build_read_query`), or over what
    `wrap` makes of it."""
    query = build_read_query(source, columns, spec, id_from, non_blank_bits=wrap is not None)
    if wrap is not None:
        keep = ["_id", "_bad", *non_blank_columns(list(columns))] + (
            [f"_raw{i}" for i in range(len(source.headers))] if spec.keep_raw else []
        )
        query = wrap(query, {name: spec.types.get(name, "text") for name in columns}, keep)
    return f"CREATE OR REPLACE TEMP TABLE {TABLE} AS {to_sql(query)}"


def build_read_query(
    source: Source,
    columns: dict[str, int],
    spec: ReadSpec,
    id_from: str,
    *,
    non_blank_bits: bool = False,
) -> exp.Select:
    """SELECT over read_csv: typed fields, and the cells that could not be read as their type
    listed in `_bad`. Built in layers so each cell is trimmed, cleaned and parsed once (DuckDB
    inlines macros, and would otherwise repeat them). `non_blank_bits`: also the `_nb` bit
    sets, for a `wrap` that drops the typed fields (see `non_blank_slot`)."""
    ncols = len(source.headers)
    # no field wanted (a rule without conditions): still read a column, to count the rows
    used = sorted(set(columns.values())) or [0]
    ftype = {name: spec.types.get(name, "text") for name in columns}
    raw = [f"_raw{i}" for i in range(ncols)] if spec.keep_raw else []

    # 1: trimmed cells
    layer1: list[exp.Expression] = [exp.alias_(_trimmed(_col(i)), f"t{i}") for i in used]
    layer1 += [exp.alias_(_col(i), f"_raw{i}") for i in range(ncols)] if spec.keep_raw else []
    q1 = exp.select(*layer1).from_(exp.Table(this=read_csv_call(source)))

    # 2: blanks (N/A, -, ...) as NULL
    layer2: list[exp.Expression] = [exp.column(c) for c in raw]
    layer2 += [exp.alias_(_call("ls_blank", exp.column(f"t{i}")), f"k{i}") for i in used]
    q2 = exp.select(*layer2).from_(q1.subquery("l1", copy=False))

    # 3: typed values, next to the cleaned text of non-text fields. A timestamp field has two
    # columns while its formats are tried: the field's (a stamp with an offset) and `n{j}` (a
    # naive stamp, read in the export's zone in one go afterwards, see `ls_wall`)
    stamps = [name for name in columns if ftype[name] == "timestamp"]
    naive_col = {name: f"n{j}" for j, name in enumerate(stamps)}
    readings: dict[str, list[Reading]] = {
        name: stamp_readings(exp.column(f"k{index}"), spec)
        if ftype[name] == "timestamp"
        else [(False, typed_parts(exp.column(f"k{index}"), ftype[name], spec)[0])]
        for name, index in columns.items()
    }
    keep = [exp.column(c) for c in raw] + [
        exp.column(f"k{i}") for i in sorted({columns[n] for n in columns if ftype[n] != "text"})
    ]
    if id_from in columns:
        keep.append(exp.alias_(exp.column(f"k{columns[id_from]}"), "_id"))
    kept = [exp.column(e.alias_or_name) for e in keep]

    def first(name: str) -> list[exp.Expression]:
        naive, e = readings[name][0]
        if ftype[name] != "timestamp":
            return [exp.alias_(e, field_column(name), quoted=True)]
        return [
            exp.alias_(
                exp.cast(exp.null(), "TIMESTAMPTZ") if naive else e, field_column(name), quoted=True
            ),
            exp.alias_(e if naive else exp.cast(exp.null(), "TIMESTAMP"), naive_col[name]),
        ]

    layer3 = keep + [c for name in columns for c in first(name)]
    layer3 = layer3 or [exp.column(f"k{used[0]}")]
    q3 = exp.select(*layer3).from_(q2.subquery("l2", copy=False))
    # later readings only for the cells the earlier ones could not read (a CASE is lazy,
    # COALESCE is not)
    for step in range(1, max(len(r) for r in readings.values()) if readings else 1):
        later: list[exp.Expression] = list(kept)
        for name, index in columns.items():
            targets = [_field(name)] + ([exp.column(naive_col[name])] if name in naive_col else [])
            if step >= len(readings[name]):
                later += targets
                continue
            naive, e = readings[name][step]
            missing = exp.and_(
                *[_is_null(t.copy()) for t in targets], _not_null(exp.column(f"k{index}"))
            )
            for t in targets:
                if (t.name == naive_col.get(name)) == naive:
                    t = exp.alias_(
                        exp.If(this=missing, true=e, false=t.copy()),
                        t.name,
                        quoted=t.name == field_column(name),
                    )
                later.append(t)
        q3 = exp.select(*later).from_(q3.subquery(f"l3_{step}", copy=False))

    # 4: timestamps: naive ones read in the export's zone, then corrected on the nights the
    # clocks change, then checked (range); each in a layer of its own: the macros use their
    # argument more than once, and the tests of layer 5 use each value twice or more, and
    # DuckDB (without its common-subexpression pass, see db.py) would compute an expression
    # again for each use
    zone = _lit(spec.timezone)

    def stamps_layer(
        alias: str, make: Callable[[str, int], exp.Expression], q: exp.Select
    ) -> exp.Select:
        items = kept + [
            exp.alias_(make(name, index), field_column(name), quoted=True)
            if name in naive_col
            else _field(name)
            for name, index in columns.items()
        ]
        return exp.select(*(items or [exp.column(f"k{used[0]}")])).from_(
            q.subquery(alias, copy=False)
        )

    q4 = stamps_layer(
        "l3",
        lambda name, _i: exp.If(
            this=_not_null(exp.column(naive_col[name])),
            true=_call("ls_wall", exp.column(naive_col[name]), zone.copy()),
            false=_field(name),
        ),
        q3,
    )
    q4 = stamps_layer(
        "l4_wall", lambda name, i: local_time(_field(name), exp.column(f"k{i}"), spec), q4
    )
    q4 = stamps_layer("l4_local", lambda name, _i: _in_range(_field(name)), q4)

    # 5: the table; `_bad` is built only for rows that have an unreadable cell
    value = {name: _field(name) for name in columns}
    final: list[exp.Expression] = [_field(name) for name in columns]
    bad_tests: list[exp.Expression] = []
    bad_items: list[exp.Expression] = []
    for name, index in columns.items():
        if ftype[name] == "text":
            continue
        cleaned = exp.column(f"k{index}")
        is_bad = exp.and_(_not_null(cleaned), _is_null(value[name].copy()))
        bad_tests.append(is_bad)
        item = exp.Struct(
            expressions=[
                exp.PropertyEQ(this=exp.to_identifier("field"), expression=_lit(name)),
                exp.PropertyEQ(this=exp.to_identifier("value"), expression=cleaned),
            ]
        )
        bad_items.append(exp.If(this=is_bad.copy(), true=item))
    final.append(
        exp.alias_(
            exp.cast(exp.column("_id") if id_from in columns else exp.null(), "VARCHAR"), "_id"
        )
    )
    if bad_items:
        any_bad = balanced(bad_tests, exp.Or)
        listed = _call(
            "list_filter",
            exp.Array(expressions=bad_items),
            exp.Lambda(this=_not_null(exp.column("b")), expressions=[exp.to_identifier("b")]),
        )
        final.append(exp.alias_(exp.If(this=any_bad, true=listed), "_bad"))
    else:
        final.append(
            exp.alias_(exp.cast(exp.null(), "STRUCT(field VARCHAR, value VARCHAR)[]"), "_bad")
        )
    final += _non_blank_bits(columns, ftype) if non_blank_bits else []
    final += [exp.column(c) for c in raw]
    return exp.select(*final).from_(q4.subquery("l4", copy=False))


NON_BLANK_BITS = 62
"""Fields per `_nb` column: bit j of `_nb{i}` says whether field i * 62 + j (in the order of
the read's columns) has a non-blank cell in the row."""


def non_blank_slot(index: int) -> tuple[str, int]:
    """The `_nb` column and bit that hold the non-blank flag of the field read `index`-th."""
    return f"_nb{index // NON_BLANK_BITS}", index % NON_BLANK_BITS


def non_blank_columns(fields: list[str]) -> list[str]:
    return sorted({non_blank_slot(i)[0] for i in range(len(fields))})


def _non_blank_bits(columns: dict[str, int], ftype: dict[str, FieldType]) -> list[exp.Expression]:
    """Per row, which fields hold a non-blank cell (unreadable cells included), packed into
    BIGINT bit sets: the per-field counts of field health survive a `wrap` that keeps only a
    few columns, at the cost of one integer per row."""
    sums: dict[str, exp.Expression] = {}
    for i, (name, index) in enumerate(columns.items()):
        cell = _field(name) if ftype[name] == "text" else exp.column(f"k{index}")
        column, bit = non_blank_slot(i)
        flag = exp.If(
            this=_not_null(cell), true=exp.Literal.number(1 << bit), false=exp.Literal.number(0)
        )
        sums[column] = (
            exp.Add(this=sums[column], expression=flag)
            if column in sums
            else exp.cast(flag, "BIGINT")  # the sum in BIGINT from its first term on
        )
    return [exp.alias_(total, column) for column, total in sums.items()]


def _read(
    con: Connection,
    name: str,
    source: Source,
    columns: dict[str, int],
    spec: ReadSpec,
    id_from: str,
    progress: Progress | None,
    wrap: Wrap | None,
    long: list[LongRecord],
    tmpdir: Path,
) -> None:
    big = source.path.stat().st_size >= PROGRESS_MIN_BYTES
    run(con, f"DROP TABLE IF EXISTS {REJECTS}")
    run(con, f"DROP TABLE IF EXISTS {REJECTS}_scan")
    path = source.path
    if long:
        # records DuckDB cannot read: it reads a copy where each is a short rejected record
        path = tmpdir / "export.placeholders.csv"
        write_placeholders(source.path, long, path, source.delimiter, len(source.headers))
    try:
        if "timestamp" in spec.types.values():
            localtime.prepare(con, spec.timezone)  # ls_local for this zone (local_time)
        _run_with_progress(
            con,
            build_read_sql(source, columns, spec, id_from, wrap),
            read_parameters(source, path),
            progress if big else None,
        )
    except duckdb.Error as exc:
        if "state machine reached an invalid state" in str(exc):
            raise _MixedLineBreaks() from None
        raise ExportUnreadable(
            say(
                "{name}: cannot read the export: {reason}",
                name=name,
                reason=_duckdb_message(exc, spec.redact),
            )
        ) from None


def read_parameters(source: Source, path: Path | None = None) -> dict[str, object]:
    """The values of the read's placeholders: the file's name (`source.path`, or a copy of it
    in the run's folder) as DuckDB must see it, and every column as text (`c0`, `c1`...)."""
    return {
        "path": duckdb_path(path or source.path),
        "columns": {f"c{i}": "VARCHAR" for i in range(len(source.headers))},
    }


def _duckdb_message(exc: duckdb.Error, redact: bool = False) -> str:
    """DuckDB's first line; with `redact`, only its kind (`Conversion Error`): the rest may
    quote a cell (`invalid timestamp field format: "ana@acme.com"`)."""
    first = str(exc).strip().splitlines()
    if not redact:
        return first[0] if first else type(exc).__name__
    kind = first[0].split(":", 1)[0] if first else ""
    if not re.fullmatch(r"[A-Z][A-Za-z ]* Error", kind):
        kind = type(exc).__name__
    return say("{kind} (details left out by --redact: DuckDB's message may quote cells)", kind=kind)


PROGRESS_MIN_BYTES = 20_000_000
Progress = Callable[[float], None]


def _run_with_progress(
    con: Connection, sql_text: str, params: dict[str, object], progress: Progress | None
) -> None:
    """Run a long statement; with `progress`, report DuckDB's percentage from this thread."""
    if progress is None:
        run(con, sql_text, params)
        return
    failure: list[BaseException] = []
    finished = threading.Event()

    def work() -> None:
        try:
            run(con, sql_text, params)
        except BaseException as exc:  # re-raised in the caller's thread
            failure.append(exc)
        finally:
            finished.set()

    worker = threading.Thread(target=work, daemon=True)
    worker.start()
    try:
        while not finished.wait(0.1):
            done = con.query_progress()
            if done >= 0:
                progress(done)
    except KeyboardInterrupt:
        # Ctrl-C reaches this thread only: stop the query, and wait for it (an interpreter
        # that exits while DuckDB runs in a thread aborts; Thread.join, interrupted, may
        # also think the thread done when it is not: hence the event)
        con.interrupt()
        finished.wait()
        raise
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
    wrap: Wrap | None = None,
) -> Export:
    """Read `path` (or standard input when `name` is `-`) into table `leads` (typed fields,
    `_id`, `_bad`; or, with `wrap`, what it computes from them)."""
    original = spool_stdin(tmpdir) if path is None else spool_if_stream(name, path, tmpdir)
    source = prepare(name, original, spec.encoding, spec.delimiter, tmpdir)
    columns = match_headers(spec.wanted, source.headers, name)
    id_from = "id" if "id" in columns else "email" if "email" in columns else "line"
    source, long = _read_any_line_breaks(
        con, name, source, columns, spec, id_from, progress, wrap, tmpdir
    )
    if (
        source.utf8_guessed
        and one(con, f"SELECT count(*) FROM {REJECTS} WHERE error_type = 'INVALID ENCODING'")[0]
    ):
        # A byte that is not UTF-8 after a valid first megabyte: UTF-8 with a stray byte if the
        # file has many UTF-8 letters for each bad byte (read it again with the bad bytes
        # replaced, and say where), else Excel's cp1252, converted, and read again.
        if file_looks_utf8(original):
            source = prepare(name, original, "auto", spec.delimiter, tmpdir, replace_bad_utf8=True)
        else:
            source = prepare(name, original, "cp1252", spec.delimiter, tmpdir)
        source, long = _read_any_line_breaks(
            con, name, source, columns, spec, id_from, progress, wrap, tmpdir
        )
    rejected = _rejected_rows(con)
    lines = LineMap(
        source.path,
        source.header_lines,
        _record_count(con),
        [r.number for r in rejected],
        source.delimiter,
    )
    rejected = _too_long_as_such(rejected, lines, long)
    # ids first: a line number given to a blank id may repeat another row's id
    _fill_missing_ids(con, lines)
    accounting = Accounting.collect(con, TABLE, rejected, lines)
    accounting.bad_bytes = source.bad_bytes
    return Export(
        con,
        source,
        columns,
        {f: spec.types.get(f, "text") for f in columns},
        accounting,
        lines,
        id_from,
    )


class _MixedLineBreaks(Exception):
    """DuckDB's strict parser stopped: the file mixes CRLF and LF line breaks."""


def _read_any_line_breaks(
    con: Connection,
    name: str,
    source: Source,
    columns: dict[str, int],
    spec: ReadSpec,
    id_from: str,
    progress: Progress | None,
    wrap: Wrap | None,
    tmpdir: Path,
) -> tuple[Source, list[LongRecord]]:
    """`_read`, with the records too long for DuckDB replaced (see lines.py). Returns the
    source read and those records."""
    long = long_records(source.path, source.delimiter) if may_hold_long_line(source.path) else []
    args = (con, name, columns, spec, id_from, progress, wrap, tmpdir)
    source = _read_lf(source, long, *args)
    if long or not one(con, f"SELECT count(*) FROM {REJECTS}")[0]:
        return source, long
    # DuckDB rejected something: a long record of many lines, misread, may be the cause (the
    # quick look before the read sees long lines only); DuckDB's own LINE SIZE OVER MAXIMUM
    # is looked at too, in case quote parity misled the look
    too_long = one(con, f"SELECT count(*) FROM {REJECTS} WHERE error_type = '{_TOO_LONG}'")[0]
    if too_long or may_hold_long_record(source.path):
        long = long_records(source.path, source.delimiter)
        if long:
            source = _read_lf(source, long, *args)
    return source, long


_TOO_LONG = "LINE SIZE OVER MAXIMUM"


def _read_lf(
    source: Source,
    long: list[LongRecord],
    con: Connection,
    name: str,
    columns: dict[str, int],
    spec: ReadSpec,
    id_from: str,
    progress: Progress | None,
    wrap: Wrap | None,
    tmpdir: Path,
) -> Source:
    """`_read`; a file whose rows end in both CRLF and LF (rows added in another editor) is
    read again from a copy with LF only. Returns the source read."""
    try:
        _read(con, name, source, columns, spec, id_from, progress, wrap, long, tmpdir)
        return source
    except _MixedLineBreaks:
        source = with_lf_line_breaks(source, tmpdir)
    try:
        _read(con, name, source, columns, spec, id_from, progress, wrap, long, tmpdir)
    except _MixedLineBreaks:
        raise ExportUnreadable(
            say(
                "{name}: cannot read the export: a carriage return (\\r) outside quotes that"
                " does not end a line",
                name=name,
            )
        ) from None
    return source


_FOUND = re.compile(r"Found: (\d+)")


def _rejected_rows(con: Connection) -> list[RejectedRow]:
    """One entry per record DuckDB set aside (it writes one error per missing column)."""
    found = rows(
        con,
        f"""SELECT line, list(error_type::VARCHAR ORDER BY column_idx), list(error_message ORDER BY column_idx),
                   any_value(csv_line)
            FROM {REJECTS} GROUP BY line ORDER BY line""",
    )
    out = []
    for number, kinds, messages, text in found:
        counts = [int(m.group(1)) for msg in messages if (m := _FOUND.search(msg or ""))]
        out.append(
            RejectedRow(
                int(number), kinds[0], min(counts) if counts else None, (text or "").strip("\r\n")
            )
        )
    return out


def _too_long_as_such(
    rejected: list[RejectedRow], lines: LineMap, long: list[LongRecord]
) -> list[RejectedRow]:
    """The placeholders of records too long to read (see lines.py), rejected by DuckDB as
    having one field too many, are rejected for being too long, with their own field count."""
    if not long:
        return rejected
    by_start = {r.start: r for r in long}
    out = []
    for row in rejected:
        found = by_start.get(lines.rejected(row.number)[1])
        out.append(
            replace(row, kind=_TOO_LONG, fields=found.fields, size=found.size) if found else row
        )
    return out


def _record_count(con: Connection) -> int:
    return int(one(con, f"SELECT count(*) FROM {TABLE}")[0])


def _fill_missing_ids(con: Connection, lines: LineMap) -> None:
    """Leads without an id (no id/email column, or a blank cell) take their line number."""
    if not one(con, f"SELECT count(*) FROM {TABLE} WHERE _id IS NULL")[0]:
        return
    if lines.simple:
        run(
            con,
            f"UPDATE {TABLE} SET _id = CAST(rowid + ? AS VARCHAR) WHERE _id IS NULL",
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
        f"WHERE {TABLE}.rowid = _lines.r AND _id IS NULL",
    )
    run(con, "DROP TABLE _lines")


def issues(export: Export) -> Iterator[DataIssue]:
    """Every rejected row, unreadable cell, duplicate id, warning and the footer, in line
    order: each kind comes in line order (the cells and ids straight from DuckDB, in pages)
    and they are merged as they come, so `--errors` holds no list of a million cells."""
    accounting = export.accounting
    con, lines, headers = export.con, export.lines, export.source.headers
    expected = len(headers)
    header_of = {f: headers[i] for f, i in export.columns.items()}

    def by_line(found: Iterable[DataIssue]) -> list[DataIssue]:
        return sorted(found, key=lambda i: i.line)

    def rejected() -> Iterator[DataIssue]:
        for _index, line, row in accounting.rejected_rows:
            reason = rejection_reason(row, expected)
            if row.last_line > line:  # an unclosed quote swallows the lines after it: say which
                reason += f"; the record runs from line {line} to line {row.last_line}"
            if row.cut:
                reason += f"; the value holds its first {TEXT_LIMIT:,} characters" + (
                    "" if row.kind == "LINE SIZE OVER MAXIMUM" else f" (of {row.size:,} bytes)"
                )
            yield DataIssue("rejected", line, "", "", row.text, reason)

    def paged(sql: str) -> Iterator[tuple[Any, ...]]:
        cursor = con.execute(sql)
        while page := cursor.fetchmany(4096):
            yield from page

    def unreadable() -> Iterator[DataIssue]:
        for rowid, bad in paged(
            "SELECT rowid, unnest(_bad) FROM leads WHERE _bad IS NOT NULL ORDER BY rowid"
        ):
            f = bad["field"]
            ftype = export.types.get(f, "text")
            yield DataIssue(
                "unreadable",
                lines.line(rowid),
                header_of[f],
                f,
                bad["value"],
                f"not a {TYPE_WORD[ftype]}; read as blank",
            )

    def duplicates() -> Iterator[DataIssue]:
        # a subquery: `leads` has a column per field, and a field may be named like an alias
        for rowid, lead_id, n in paged(
            """SELECT r, i, n FROM (
                 SELECT rowid AS r, _id AS i, count(*) OVER (PARTITION BY _id) AS n FROM leads
                 WHERE _id IS NOT NULL)
               WHERE n > 1 ORDER BY r"""
        ):
            yield DataIssue(
                "duplicate",
                lines.line(rowid),
                header_of.get(export.id_from, ""),
                export.id_from,
                lead_id,
                f"id used by {n} rows; all are kept",
            )

    footer = []
    if accounting.footer:
        _index, line, first = accounting.footer[0]
        footer.append(
            DataIssue(
                "footer",
                line,
                "",
                "",
                first.text,
                f"footer of {count(accounting.footer_rows, 'line')} after the last row; not data",
            )
        )
    # in this order on a line (a merge keeps the order of its inputs for equal keys)
    yield from heapq.merge(
        by_line(rejected()),
        unreadable(),
        duplicates(),
        by_line(
            DataIssue("warning", lines.line(w.row), w.column, w.field, w.value, w.reason)
            for w in accounting.warnings
        ),
        by_line(accounting.field_issues),
        by_line(
            DataIssue(
                "warning", n, "", "", f"0x{byte:02x}", "a byte that is not UTF-8; read as \ufffd"
            )
            for n, byte in accounting.bad_bytes
        ),
        footer,
        key=lambda i: (i.line, i.kind != "rejected"),
    )


def temp_dir() -> AbstractContextManager[Path]:
    """The run's own folder (DuckDB's spill, the spooled input), locked while the run lives and
    removed on every exit; folders of killed runs are swept by the next run."""
    return run_folder()


_SQL_TYPE = {
    "text": "VARCHAR",
    "number": "DOUBLE",
    "boolean": "BOOLEAN",
    "timestamp": "TIMESTAMPTZ",
}


def add_blank_fields(export: Export, fields: dict[str, FieldType]) -> None:
    """Give `leads` an all-blank column for fields the export lacks (validate reads on anyway)."""
    for name, ftype in fields.items():
        ident = exp.to_identifier(field_column(name), quoted=True).sql("duckdb")
        run(export.con, f"ALTER TABLE {TABLE} ADD COLUMN {ident} {_SQL_TYPE[ftype]}")
        export.types[name] = ftype

"""`leadsla compile`: the SLA as one SQL script for a dialect, over a table of text columns.

The scoring is the engine's own (derive.Deriver: the same compiled conditions and layers the
DuckDB engine runs), over a typed source written here for the dialect (dialects.py). The
Deriver's tree speaks DuckDB; `_lower` rewrites each of its DuckDB constructs into the
dialect's explicitly (a construct it does not know stays, and the allowlist refuses it),
and the field columns are renamed `f0`, `f1`... (PostgreSQL cuts names at 63 bytes, BigQuery
allows few characters in them). Every identifier is quoted; user text enters as literals."""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TypeVar

import sqlglot
import sqlglot.expressions as exp

from leadsla import __version__
from leadsla.data.names import field_column
from leadsla.engine import dialects as dl
from leadsla.engine.derive import SOURCE_TABLE, Deriver
from leadsla.engine.dialects import col as _column
from leadsla.engine.dialects import ident as _ident
from leadsla.engine.dialects import named as _as
from leadsla.engine.sqlcheck import check, check_text
from leadsla.messages import say
from leadsla.sla.asof import FIRST_DAY, LAST_DAY
from leadsla.sla.conditions import FieldType
from leadsla.sla.load import LoadedSla
from leadsla.sla.needs import ALL_SECTIONS, needed_fields, sections_for
from leadsla.sla.regex_subset import (
    ISO_NAIVE_SHAPE,
    ISO_ZONED_SHAPE,
    FormatUnsupported,
    Shape,
    Unportable,
    format_shape,
    translate,
)
from leadsla.sla.semantics import DERIVED

T = TypeVar("T")
SCORE_SECTIONS = ("scoring", "qualification", "funnel")
SCORE_COLUMNS = (
    "id",
    "fit",
    "grade",
    "engagement",
    "score",
    "qualification",
    "reason",
    "funnel_stage",
)
WIDTH = 100
"""Pretty printing: an expression up to this long stays on one line."""
SENTINEL = datetime(1000, 1, 1, tzinfo=UTC)
RELATIVE_UNTIL = datetime(1800, 1, 1, tzinfo=UTC)
"""`--as-of now`: the Deriver computes with SENTINEL as its as-of time; an instant literal
before RELATIVE_UNTIL is the as-of time or a duration away from it (`within: 30d`), and
becomes the engine's clock plus its distance from SENTINEL; a later one (`effective`) is an
instant of its own (leadsla's dates start in 1900)."""


class CompileError(Exception):
    """What the SLA asks that `compile` cannot write for the dialect (message; SLA path)."""

    def __init__(self, message: str, path: tuple[str | int, ...] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = path


@dataclass(frozen=True)
class Target:
    """Where and how the script reads: the table, the column of ids, and optionally a column
    whose value stands in for a blank id (the line number of a CSV)."""

    table: str
    id_column: str
    line_column: str | None = None
    columns: tuple[tuple[str, str], ...] = ()
    """(field, the table's column) where the caller found them (`--engine` matches the SLA's
    headers to the table's columns as to a CSV's); else `leads.columns`, else the field's name."""
    casts: tuple[tuple[str, str], ...] = ()
    """(column, `text` or `decimal`): the table's columns that are not text (`--engine` on a
    typed table), read as their text; `decimal` ones (a numeric column's `1234.5`) with the
    SLA's decimal mark."""


def parse_table(name: str, dialect: str) -> exp.Table:
    """`--table`: a table name, qualified or quoted as the dialect writes it, and nothing else."""
    try:
        found = sqlglot.parse_one(name, into=exp.Table, read=dialect)
    except (sqlglot.errors.ParseError, sqlglot.errors.TokenError, ValueError):
        found = None
    if (
        not isinstance(found, exp.Table)
        or any(
            not isinstance(part, exp.Identifier)
            for part in (found.args.get(k) for k in ("this", "db", "catalog"))
            if part is not None
        )
        or (
            set(found.args) - {"this", "db", "catalog"}
            and any(found.args.get(k) for k in set(found.args) - {"this", "db", "catalog"})
        )
        # a comment is no part of a name (`t -- x` would print as `t /* x */`)
        or any(node.comments for node in found.walk())
    ):
        raise CompileError(
            say("--table `{name}` is not a table name in {dialect}", name=name, dialect=dialect)
        )
    return found


# --- the typed source ---------------------------------------------------------------------------


class _Names:
    """Short column names for the fields (`f0`...), the same in every layer."""

    def __init__(self, fields: list[str]) -> None:
        self.of = {field_column(f): f"f{i}" for i, f in enumerate(fields)}

    def field(self, name: str) -> str:
        return self.of[field_column(name)]


ZONE_CTE = "leadsla_zone"


def _over(q: exp.Select, alias: str, *columns: exp.Expression) -> exp.Select:
    """`SELECT *, columns FROM (q) AS alias` (every column past the first layer is ours)."""
    return exp.select(exp.Star(), *columns, copy=False).from_(
        q.subquery(_ident(alias), copy=False), copy=False
    )


def typed_source(
    loaded: LoadedSla,
    d: dl.Dialect,
    target: Target,
    table: exp.Table,
    types: dict[str, FieldType],
    names: _Names,
    cells: bool = False,
    numbered: bool = False,
) -> tuple[exp.Select, exp.Select | None]:
    """SELECT `_id` and each field typed (instants as seconds), from the table's text; and
    the zone table the query joins (a CTE named ZONE_CTE), if it needs one. `cells`: also
    each field's cleaned cell `k0`... (to count the cells that could not be read)."""
    sla = loaded.sla
    columns = sla.leads.columns
    fields = list(types)
    zone = sla.leads.timezone or (sla.calendar.timezone if sla.calendar else None) or "UTC"
    zt = dl.zone_table(zone)
    found = dict(target.columns)
    casts = dict(target.casts)

    def entry(name: str) -> exp.Expression:
        # a typed column enters as its text (the script reads text, as a CSV's cells)
        how = casts.get(name)
        if how is None:
            return _column(name)
        text = exp.cast(_column(name), "VARCHAR")
        if how == "decimal" and sla.leads.decimal != ".":
            return exp.Anonymous(this="REPLACE", expressions=[text, dl.s("."), dl.s(",")])
        return text

    # 1: cleaned cells (trimmed, blank as NULL)
    layer1: list[exp.Expression] = [
        _as(dl.cleaned(d, entry(found.get(f) or columns.get(f, f))), f"k{i}")
        for i, f in enumerate(fields)
    ]
    ident = dl.cleaned(d, entry(target.id_column))
    if target.line_column is not None:
        line = dl.trimmed(exp.cast(_column(target.line_column), "VARCHAR"))
        ident = exp.Coalesce(this=ident, expressions=[line])
    layer1.append(_as(ident, "_id"))
    q: exp.Select = exp.select(*layer1).from_(table)

    stamps = [i for i, f in enumerate(fields) if types[f] == "timestamp"]
    steps = _stamp_steps(list(sla.leads.date_formats)) if stamps else []
    shaped = [j for j, st in enumerate(steps) if st.shape is not None]
    parts_of = {j: [c for _p, c in steps[j].shape or [] if c] for j in shaped}

    def col(name: str) -> exp.Column:
        return _column(name)

    def matched(i: int, j: int) -> str:
        # the column `shaped` fills: p.._ok, or p.._m (the cell's match: PostgreSQL)
        return f"p{i}_{j}_{dl.shape_column(d, steps[j].shape or [])}"

    # 2: typed values; a timestamp cell's parts per date format (or its epoch reading)
    layer2: list[exp.Expression] = [col("_id")]
    for i, f in enumerate(fields):
        k = col(f"k{i}")
        kind = types[f]
        if kind == "text":
            layer2.append(_as(k, f"v{i}"))
        elif kind == "number":
            layer2.append(_as(dl.number(d, k, sla.leads.decimal), f"v{i}"))
        elif kind == "boolean":
            layer2.append(_as(dl.boolean(d, k), f"v{i}"))
        else:
            for j, st in enumerate(steps):
                if st.shape is None:
                    assert st.epoch is not None
                    layer2.append(_as(_epoch(d, k, *st.epoch), f"r{i}_{j}"))
                else:
                    layer2.append(_as(dl.shaped(d, k, st.shape), matched(i, j)))
    kept = [col(f"k{i}") for i in range(len(fields)) if cells and types[fields[i]] != "timestamp"]
    layer2 += kept
    if numbered:
        # rows that read alike are interchangeable: numbering them in the order of their
        # cells gives every engine, and every evaluation, the same leads under each number
        order = [
            exp.Ordered(this=dl.paren(e), nulls_first=False)
            for e in [col("_id"), *[col(f"k{i}") for i in range(len(fields))]]
        ]
        number = exp.Window(this=exp.RowNumber(), order=exp.Order(expressions=order))
        layer2.append(_as(number, "_row"))
        kept.append(col("_row"))
    if not stamps:
        q = exp.select(*layer2).from_(q.subquery(_ident("c1"), copy=False))
        final = [col("_id")] + [_as(col(f"v{i}"), names.field(f)) for i, f in enumerate(fields)]
        final += [col(k.name) for k in kept]
        return exp.select(*final).from_(q.subquery(_ident("c2"), copy=False)), None
    # the k columns go on to 2b, which reads the parts of the cells that have a shape
    q = exp.select(*layer2, *[col(f"k{i}") for i in stamps]).from_(
        q.subquery(_ident("c1"), copy=False)
    )
    q = _over(
        q,
        "c2a",
        *[
            _as(e, f"p{i}_{j}_{c}")
            for i in stamps
            for j in shaped
            for c, e in dl.stamp_parts(
                d, col(f"k{i}"), steps[j].shape or [], col(matched(i, j))
            ).items()
        ],
    )

    def parts(i: int, j: int) -> dict[str, exp.Expression]:
        return {c: col(f"p{i}_{j}_{c}") for c in ["ok", *parts_of[j]]}

    # 3: each format's year; 4: whether it reads the cell; 5: the first that does
    q = _over(
        q, "c2", *[_as(dl.year_of(parts(i, j)), f"yr{i}_{j}") for i in stamps for j in shaped]
    )
    reads = []
    for i in stamps:
        for j, st in enumerate(steps):
            test = (
                dl.stamp_valid(d, parts(i, j), col(f"yr{i}_{j}"), end_of_day=st.iso)
                if st.shape is not None
                else dl.not_null(col(f"r{i}_{j}"))
            )
            reads.append(_as(test, f"g{i}_{j}"))
    q = _over(q, "c3", *reads)
    q = _over(
        q,
        "c4",
        *[
            _as(dl.case([(col(f"g{i}_{j}"), dl.n(j)) for j in range(len(steps))]), f"win{i}")
            for i in stamps
        ],
    )
    # 6: the winning format's parts
    picked: list[exp.Expression] = []
    components = sorted({c for j in shaped for c in parts_of[j]} - {"y", "yy"})
    epochs = [j for j in range(len(steps)) if j not in shaped]
    for i in stamps:
        if shaped:
            picked.append(
                _as(dl.case([(_is(i, j), col(f"yr{i}_{j}")) for j in shaped]), f"q{i}_yr")
            )
        for c in components:
            chosen = [(_is(i, j), col(f"p{i}_{j}_{c}")) for j in shaped if c in parts_of[j]]
            picked.append(_as(dl.case(chosen), f"q{i}_{c}"))
        if epochs:
            picked.append(_as(dl.case([(_is(i, j), col(f"r{i}_{j}")) for j in epochs]), f"e{i}"))
    q = _over(q, "c5", *picked)

    # 7: the wall time, and the offset a cell says
    walls: list[exp.Expression] = []
    for i in stamps:
        if not shaped:
            continue
        qp = {c: col(f"q{i}_{c}") for c in components}
        walls.append(_as(dl.wall_seconds(d, col(f"q{i}_yr"), qp), f"wall{i}"))
        if "z" in components:
            walls.append(_as(dl.offset_seconds(d, col(f"q{i}_z")), f"off{i}"))
    q = _over(q, "c6", *walls)

    # 8: the instant: naive wall times in the export's zone (its row joined by year)
    naive = [j for j, st in enumerate(steps) if st.naive]
    zoned = [j for j in shaped if not steps[j].naive]
    joined = bool(naive) and zt.width > 0
    source: exp.Select = exp.select(
        col("_id"),
        *([col("_row")] if numbered else []),
        *[col(f"v{i}") for i in range(len(fields)) if i not in stamps],
        *[col(f"k{i}") for i in range(len(fields)) if cells and types[fields[i]] != "text"],
    )
    for i in stamps:
        whens: list[tuple[exp.Expression, exp.Expression]] = []
        if naive:
            instant = dl.zone_instant(d, col(f"wall{i}"), col(f"q{i}_yr"), f"z{i}", zt)
            whens.append((_in(i, naive), instant))
        if zoned:
            whens.append((_in(i, zoned), dl.sub(col(f"wall{i}"), col(f"off{i}"))))
        if epochs:
            whens.append((_in(i, epochs), col(f"e{i}")))
        source.select(_as(dl.case(whens), f"t{i}"), copy=False)
    source.from_(q.subquery(_ident("c7"), copy=False), copy=False)
    if joined:
        for i in stamps:
            source.join(
                exp.to_table(_ident(ZONE_CTE)).as_(_ident(f"z{i}")),
                on=exp.EQ(
                    this=exp.column(_ident("yr"), table=_ident(f"z{i}")), expression=col(f"q{i}_yr")
                ),
                join_type="left",
                copy=False,
            )

    # 9: instants outside the dates leadsla computes with are unreadable (ls_in_range)
    lo = dl.epoch_of(datetime.combine(FIRST_DAY, datetime.min.time(), UTC)) - 14 * 3600
    hi = dl.epoch_of(datetime.combine(LAST_DAY, datetime.min.time(), UTC)) + (24 + 12) * 3600
    final = [col("_id"), *([col("_row")] if numbered else [])]
    for i, f in enumerate(fields):
        if i not in stamps:
            final.append(_as(col(f"v{i}"), names.field(f)))
            continue
        ok = exp.and_(
            exp.GTE(this=col(f"t{i}"), expression=dl.n(int(lo))),
            exp.LT(this=col(f"t{i}"), expression=dl.n(int(hi))),
        )
        final.append(_as(dl.case([(ok, col(f"t{i}"))]), names.field(f)))
    if cells:
        final += [col(f"k{i}") for i, f in enumerate(fields) if types[f] != "text"]
    typed = exp.select(*final).from_(source.subquery(_ident("c8"), copy=False))
    zone_rows = dl.rows_table(d, "z", zt.columns(), list(zt.rows)) if joined else None
    return typed, zone_rows


def _is(i: int, j: int) -> exp.Expression:
    return exp.EQ(this=_column(f"win{i}"), expression=dl.n(j))


def _in(i: int, js: list[int]) -> exp.Expression:
    return exp.In(this=_column(f"win{i}"), expressions=[dl.n(j) for j in js])


@dataclass(frozen=True)
class Step:
    """One way to read a timestamp cell: a shape (its parts, then a wall time, naive or with
    the offset it says) or an epoch number (pattern, unit)."""

    naive: bool
    shape: Shape | None = None
    epoch: tuple[str, int] | None = None
    iso: bool = False
    """An `iso` shape: `24:00` is the next day's midnight there (DuckDB's cast reads it so;
    its strptime, which reads the other formats, refuses hour 24)."""


def _stamp_steps(formats: list[str]) -> list[Step]:
    """The readings of `date_formats`, in order (`iso` is two: naive cells, then cells with an
    offset), each NULL for a cell it does not read."""
    out: list[Step] = []
    for fmt in formats:
        if fmt == "iso":
            out += [Step(True, ISO_NAIVE_SHAPE, iso=True), Step(False, ISO_ZONED_SHAPE, iso=True)]
        elif fmt == "epoch_s":
            out.append(Step(False, epoch=(r"-?[0-9]{1,12}(?:[.][0-9]+)?", 1)))
        elif fmt == "epoch_ms":
            out.append(Step(False, epoch=(r"-?[0-9]{1,15}", 1000)))
        else:
            if "%z" in fmt or "%Z" in fmt:
                raise CompileError(
                    f"the date format `{fmt}` has an offset: `compile` writes only `iso` for those",
                    ("leads", "date_formats"),
                )
            try:
                out.append(Step(True, format_shape(fmt)))
            except FormatUnsupported as exc:
                raise CompileError(str(exc), ("leads", "date_formats")) from None
    return out


def _epoch(d: dl.Dialect, k: exp.Expression, pattern: str, unit: int) -> exp.Expression:
    value = dl.number_cast(d, k.copy(), "DOUBLE")
    if unit != 1:
        value = dl.div(value, dl.double(d, float(unit)))
    return dl.case([(dl.whole(d, k.copy(), pattern), value)])


# --- lowering the Deriver's DuckDB tree ---------------------------------------------------------


_INTEGERS = {
    exp.DataType.Type.TINYINT,
    exp.DataType.Type.SMALLINT,
    exp.DataType.Type.INT,
}


class _Lowering:
    def __init__(self, d: dl.Dialect, now: bool, names: _Names, numbered: bool = False) -> None:
        self.d = d
        self.now = now
        self.names = names
        self.numbered = numbered

    def instant(self, iso: str) -> exp.Expression:
        value = datetime.fromisoformat(iso)
        if self.now and value < RELATIVE_UNTIL:
            return dl.add(
                dl.now_epoch(self.d), dl.double(self.d, dl.epoch_of(value) - dl.epoch_of(SENTINEL))
            )
        return dl.double(self.d, dl.epoch_of(value))

    def pattern(self, p: str) -> str:
        try:
            return translate(p, self.d.name)
        except Unportable as exc:
            raise CompileError(
                say(
                    "`matches: {pattern}` cannot run alike in {dialect}: {reason} at character {at}",
                    pattern=p,
                    dialect=self.d.name,
                    reason=exc.reason,
                    at=exc.offset + 1,
                )
            ) from None

    def rewrite(self, e: exp.Expression) -> exp.Expression:
        d = self.d
        if (
            self.numbered
            and isinstance(e, exp.Alias)
            and e.alias == "_row"
            and isinstance(e.this, exp.Cast)
            and isinstance(e.this.this, exp.Null)
        ):
            # the Deriver over a source leaves `_row` NULL: the typed source numbers the leads
            return _as(_column("_row"), "_row")
        if isinstance(e, exp.Identifier) and e.this in self.names.of:
            return _ident(self.names.of[e.this])
        if isinstance(e, exp.Identifier):
            return _ident(e.this)
        if isinstance(e, exp.If) and not isinstance(e.parent, exp.Case):
            return dl.case([(e.this, e.args["true"])], e.args.get("false"))
        if isinstance(e, exp.DataType) and e.this in _INTEGERS:
            return exp.DataType.build("BIGINT")
        if isinstance(e, exp.Cast) and e.to.this == exp.DataType.Type.TIMESTAMPTZ:
            assert isinstance(e.this, exp.Literal)
            return self.instant(e.this.this)
        if isinstance(e, exp.Literal) and e.is_number and "e" in e.this and d.name == "postgres":
            return dl.double(d, float(e.this))
        if isinstance(e, exp.Anonymous):
            name = str(e.this)
            args = list(e.expressions)
            if name in ("greatest", "least"):
                return dl.extreme(d, name.upper(), args)
            if name == "coalesce":
                return exp.Coalesce(this=args[0], expressions=args[1:])
            if name == "pow":
                return dl.call("POWER", *args)
            if name == "epoch":
                return args[0]
            if name == "lower":
                return dl.lower(d, args[0])
            if name in ("contains", "starts_with", "suffix"):
                part = args[1]
                assert isinstance(part, exp.Literal)
                if name == "contains":
                    return dl.contains(d, args[0], part.this)
                builder = dl.starts_with if name == "starts_with" else dl.ends_with
                return builder(args[0], part.this)
            if name in ("regexp_matches", "regexp_full_match"):
                pattern = args[1]
                assert isinstance(pattern, exp.Literal)
                text = args[0]
                if len(args) == 3:  # `matches`: the field's text, case ignored
                    text = dl.lower(d, text)
                p = self.pattern(pattern.this)
                if name == "regexp_full_match":
                    return dl.find(d, text, "^(?:" + p + ")" + d.end)
                return dl.find(d, text, p)
            if name == "list_reduce":
                items = list(args[0].expressions)
                return dl.add(*items)
        return e

    def run(self, e: exp.Expression) -> exp.Expression:
        """Post-order: children first, then the node."""
        for key, value in list(e.args.items()):
            if isinstance(value, exp.Expression):
                e.set(key, self.run(value))
            elif isinstance(value, list):
                e.set(key, [self.run(v) if isinstance(v, exp.Expression) else v for v in value])
        return self.rewrite(e)


# --- scores -------------------------------------------------------------------------------------


def read_fields(loaded: LoadedSla, sections: set[str]) -> dict[str, FieldType]:
    """The export fields `sections` read (sla.needs' required ones), with their types."""
    types = loaded.types.types
    return {
        n.field: types.get(n.field, "text")
        for n in needed_fields(loaded, sections)
        if n.required and n.field not in DERIVED
    }


def score_fields(loaded: LoadedSla) -> dict[str, FieldType]:
    """The export fields `score` reads, with their types."""
    return read_fields(loaded, sections_for(loaded, SCORE_SECTIONS))


@dataclass
class Build:
    """What every `--what` shares: the dialect, the table, the fields read with their types,
    the short names of the field columns, and the Deriver (reading the placeholder source)."""

    loaded: LoadedSla
    d: dl.Dialect
    target: Target
    table: exp.Table
    types: dict[str, FieldType]
    names: _Names
    deriver: Deriver
    as_of: datetime | None
    numbered: bool = False
    """Number the leads (`_row`): a table has no line numbers, and joining a lead's follow-ups
    back to it needs one (see `typed_source`)."""

    def lower(self, tree: exp.Expression) -> exp.Expression:
        """The Deriver's DuckDB tree written for the dialect (see `_Lowering`)."""
        lowering = _Lowering(self.d, self.as_of is None, self.names, self.numbered)
        return _deep(lambda: lowering.run(tree))

    def instant(self, value: datetime) -> exp.Expression:
        """An instant the Deriver's clock is relative to, as the script's seconds."""
        return _Lowering(self.d, self.as_of is None, self.names).instant(value.isoformat())


def build(
    loaded: LoadedSla,
    dialect: str,
    target: Target,
    as_of: datetime | None,
    types: dict[str, FieldType],
    sections: set[str] | frozenset[str] = frozenset({"funnel", "scoring", "qualification"}),
) -> Build:
    d = dl.Dialect(dialect)
    table = parse_table(target.table, dialect)
    names = _Names([*types, *[f for f in DERIVED if f not in types]])
    deriver = Deriver(
        loaded.sla,
        types,
        as_of or SENTINEL,
        sections,
        source=exp.select(exp.Star()).from_(exp.to_table("__typed__")),
    )
    return Build(loaded, d, target, table, types, names, deriver, as_of)


def finish(
    b: Build,
    tree: exp.Select,
    order: list[exp.Ordered],
    rows: dict[str, exp.Select],
    what: str,
    columns: tuple[str, ...],
) -> str:
    """The script: `tree` (lowered; its placeholder source replaced by the typed source)
    ordered by `order` (over its columns as `s`), after the tables of `rows` (CTEs written
    one row a line); checked against the allowlist, as a tree and as printed text."""
    source, zone_rows = typed_source(
        b.loaded, b.d, b.target, b.table, b.types, b.names, numbered=b.numbered
    )
    for sub in list(tree.find_all(exp.Subquery)):
        if sub.alias == SOURCE_TABLE:
            sub.set("this", source.copy())
    tables = dict(rows)
    if zone_rows is not None:
        tables[ZONE_CTE] = zone_rows
    if b.table.name in tables:
        raise CompileError(
            say("--table `{name}`: the script names a table of its own so", name=b.target.table)
        )
    ordered = (
        exp.select(exp.Star())
        .from_(tree.subquery(_ident("s"), copy=False))
        .order_by(*order, copy=False)
    )
    dialect = b.d.name
    if dialect == "postgres":
        fence(ordered)
    _deep(lambda: check(ordered, dialect))
    for table in tables.values():
        check(table, dialect)
    # copy=False: the trees are printed once, last (sqlglot copies a whole tree by default:
    # a second of the example's deadlines script went to copying its calendar rows)
    body = str(
        _deep(lambda: ordered.sql(b.d.sqlglot, pretty=True, max_text_width=WIDTH, copy=False))
    )
    if tables:
        ctes = ",\n".join(_rows_cte(b.d, name, table) for name, table in tables.items())
        body = (
            f"WITH {ctes},\n{body.removeprefix('WITH ')}"
            if body.startswith("WITH ")
            else f"WITH {ctes}\n{body}"
        )
    check_text(_rows_folded(body), dialect)
    when = "the engine's clock" if b.as_of is None else b.as_of.isoformat()
    header = (
        f"-- leadsla {__version__} compile --dialect {dialect} --what {what}\n"
        f"-- as of {when}; columns: {', '.join(columns)}\n"
    )
    if dialect == "spark":
        # the regexes are written with backslashes (`\\d`, `\\b`): with this setting on,
        # Spark reads them doubled and every pattern means something else, silently
        header += "-- needs spark.sql.parser.escapedStringLiterals=false (Spark's default)\n"
    return header + body + ";\n"


AUDIT_COLUMNS = ("handed_off", "handoff_qualification", "crm_stage", "crm_stage_id")
"""The columns `compile_scores(..., audit=True)` returns after SCORE_COLUMNS: the DuckDB
engine's `scored` table's `_handed_off`, `_handoff_qualification`, `_crm_stage`,
`_crm_stage_id` (engine/scoring.py), for `score`'s hand-off audit and stage mismatches."""


def compile_scores(
    loaded: LoadedSla, dialect: str, target: Target, as_of: datetime | None, *, audit: bool = False
) -> str:
    """The script that returns `score --format csv`'s columns for every row of the table,
    ordered by score (highest first), then id (binary order), then the other columns.
    `as_of` None: the engine's clock. `audit`: AUDIT_COLUMNS after them."""
    b = build(loaded, dialect, target, as_of, score_fields(loaded))
    derived = b.deriver.derived()
    out = [
        exp.alias_(
            exp.column("_lead")
            if c == "id"
            else exp.column(c)
            if c == "reason"
            else _column(field_column(c)),
            c,
        )
        for c in SCORE_COLUMNS
    ]
    columns: tuple[str, ...] = SCORE_COLUMNS
    if audit:
        from leadsla.engine.scoring import handoff_entered, scored_columns

        handoff = handoff_entered(loaded.sla)
        if handoff is not None:
            derived = b.deriver.qualified_at(derived, handoff, "_handoff_qualification")
        extra = {e.alias: e for e in scored_columns(loaded.sla)}
        for c in AUDIT_COLUMNS:
            e = extra[f"_{c}"]
            assert isinstance(e, exp.Alias)
            out.append(exp.alias_(e.this, c))
        columns = (*columns, *AUDIT_COLUMNS)
    scores = exp.select(*out).from_(derived.subquery("d", copy=False))
    tree = b.lower(scores)
    assert isinstance(tree, exp.Select)
    return finish(b, tree, _order(b.d), {}, "scores", columns)


def compile_cells(
    loaded: LoadedSla, dialect: str, target: Target, fields: list[str] | None = None
) -> tuple[str, list[str]]:
    """A script returning one row: `rows` (the table's), then per field (of `fields`, by
    default those `score` reads) `nb0`, `bad0`...: its non-blank cells and those that are not
    a value of its type (read as blank). For the row accounting of `--engine` (the summary
    line: `N rows: N used, 0 rejected, K unreadable cells`). Returns the script and the
    fields in the order of their columns. By default every field the SLA uses (one account,
    whatever the command), and id, e-mail and owner where `leads.columns` names them."""
    known = loaded.types.types
    mapped = loaded.sla.leads.columns
    every = [
        n.field
        for n in needed_fields(loaded, set(ALL_SECTIONS))
        if n.field not in DERIVED and (n.required or n.field in mapped)
    ]
    types = {f: known.get(f, "text") for f in (fields or every)}
    d = dl.Dialect(dialect)
    table = parse_table(target.table, dialect)
    names = _Names(list(types))
    source, zone_rows = typed_source(loaded, d, target, table, types, names, cells=True)
    n = dl.n
    out: list[exp.Expression] = [_as(exp.func("COUNT", exp.Star()), "rows")]
    for i, f in enumerate(types):
        cell = _column(f"k{i}") if types[f] != "text" else _column(names.field(f))
        present = dl.not_null(cell)
        out.append(_as(exp.func("SUM", dl.case([(present, n(1))], n(0))), f"nb{i}"))
        bad = exp.and_(present.copy(), dl.is_null(_column(names.field(f))))
        out.append(_as(exp.func("SUM", dl.case([(bad, n(1))], n(0))), f"bad{i}"))
    tree = exp.select(*out).from_(source.subquery(_ident("c"), copy=False))
    if dialect == "postgres":
        fence(tree)  # as `finish` does: without it the server ran out of memory planning it
    check(tree, dialect)
    body = str(_deep(lambda: tree.sql(d.sqlglot, pretty=True, max_text_width=WIDTH)))
    if zone_rows is not None:
        check(zone_rows, dialect)
        body = f"WITH {_rows_cte(d, ZONE_CTE, zone_rows)}\n{body}"
    check_text(body, dialect)
    return body + ";\n", list(types)


def fence(tree: exp.Expression) -> None:
    """PostgreSQL: `OFFSET 0` on every subquery in FROM. Its planner pulls a subquery that
    only computes columns up into the query above, writing each column's expression wherever
    it is used: through the script's layers (a wall time read by a zone lookup read by
    several tests...) the expressions multiply, and planning the example's script ran out of
    memory. A subquery with OFFSET is planned as it is written."""
    for sub in list(tree.find_all(exp.Subquery)):
        inner = sub.this
        if isinstance(inner, exp.Select) and inner.args.get("offset") is None:
            inner.offset(0, copy=False)


def _rows_cte(d: dl.Dialect, name: str, rows: exp.Select) -> str:
    """`name AS (rows)`, one row of the table a line (sqlglot's pretty printer puts each
    value on a line of its own). The rows hold only numbers and NULLs, so `), (` is where
    one ends and the next starts. (`rows` is printed without a copy: not used after.)"""
    text = rows.sql(d.sqlglot, copy=False).replace("), (", "),\n  (")
    return f"{_ident(name).sql(d.sqlglot)} AS (\n  {text}\n)"


_ROW_LINE = re.compile(r"\s*\((?:NULL|-?\d+)(?:, (?:NULL|-?\d+))*\),?")


def _rows_folded(body: str) -> str:
    """`body` with each run of lines that are a row of numbers and NULLs (`  (1, 2, NULL),`)
    written as one such line, for `check_text`: such a line calls no function, and the
    calendar's thousands of rows made most of the tokenizer's work (1.4 s of the example's
    deadlines script). The lines around each run are kept, and a row stays between them."""
    out: list[str] = []
    folded = False
    for line in body.split("\n"):
        if _ROW_LINE.fullmatch(line):
            if not folded:
                out.append("  (0),")
            folded = True
            continue
        folded = False
        out.append(line)
    return "\n".join(out)


def binary(d: dl.Dialect, e: exp.Expression) -> exp.Expression:
    """`e` compared in binary (C) order: PostgreSQL's default collation may be a locale's."""
    if d.name == "postgres":
        return exp.Collate(this=e, expression=exp.Identifier(this="C", quoted=True))
    return e


def _order(d: dl.Dialect) -> list[exp.Ordered]:
    def col(name: str) -> exp.Expression:
        return exp.column(_ident(name), table=_ident("s"))

    ident = binary(d, col("id"))
    keys = [exp.Ordered(this=col("score"), desc=True, nulls_first=False)]
    keys.append(exp.Ordered(this=ident, nulls_first=False))
    for c in ("fit", "grade", "engagement", "qualification", "reason", "funnel_stage"):
        keys.append(exp.Ordered(this=col(c), nulls_first=False))
    return keys


def _deep(fn: Callable[[], T]) -> T:
    """Run `fn` with room for the recursion deep trees need (see data/sqltree.py)."""
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(max(limit, 20_000))
    try:
        return fn()
    finally:
        sys.setrecursionlimit(limit)

"""`--engine postgres|spark --table NAME`: a data command on a table where the data lives.

The export is a table of text columns named as the headers (a CSV loaded without types). The
command connects, finds the table and the columns the SLA reads (the same header matching as
for a CSV), decides where the id comes from (a table has no line numbers: the id column, else
the e-mail, else `--line-column`), counts the rows and cells there as the reader counts a
CSV's (the same summary line), then runs `leadsla compile`'s script for the command there and
fetches only its rows into the command's own DuckDB (`RemoteSession`), where the command
builds its result as it does from a CSV. Commands not wired yet stop after the summary line
(exit 2, saying so)."""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, cast

from leadsla.atomic import atomic_binary
from leadsla.csvsafe import SafeWriter
from leadsla.data.accounting import TYPE_WORD, Accounting, FieldCount, mask
from leadsla.data.db import Connection, connect
from leadsla.data.headers import Wanted, lookup_columns, match_headers
from leadsla.data.health import SAMPLES
from leadsla.data.reader import temp_dir
from leadsla.engine.remote import DIALECTS, REMOTE, Relation, RemoteEngine, Target, open_engine
from leadsla.engine.remote.ids import duplicates_query, sample_query
from leadsla.errors import (
    ExportUnreadable,
    LeadslaError,
    SlaInvalid,
    StrictDataError,
    UsageError,
)
from leadsla.messages import say, say_n
from leadsla.results import FieldSummary, RowSummary
from leadsla.sla.asof import parse_as_of
from leadsla.sla.load import LoadedSla
from leadsla.sla.needs import command_line_fields, read_plan, sections_for, start_fields

if TYPE_CHECKING:  # common.py imports this module
    from leadsla.commands.common import Account, DataOptions, Notify
    from leadsla.data.reader import FieldType


def check_options(opts: DataOptions) -> None:
    """The engine options fit together (before anything is read or connected)."""
    remote_only = [
        name
        for name, value in (
            ("--table", opts.table),
            ("--dsn", opts.dsn),
            ("--line-column", opts.line_column),
        )
        if value is not None
    ]
    if opts.engine not in REMOTE:
        if remote_only:
            raise UsageError(
                say(
                    "{options}: only with --engine postgres or --engine spark (the export is"
                    " then a table there)",
                    options=", ".join(remote_only),
                )
            )
        return
    if not opts.table:
        raise UsageError(
            say(
                "--engine {engine} reads a table: give it with --table NAME",
                engine=opts.engine,
            )
        )
    if opts.leads is not None:
        raise UsageError(
            say(
                "give the export as LEADS (a CSV file) or as --table with --engine {engine},"
                " not both",
                engine=opts.engine,
            )
        )
    if opts.dsn is not None and opts.engine != "postgres":
        raise UsageError(say("--dsn goes with --engine postgres"))
    if opts.outputs:
        raise UsageError(
            say(
                "--output cannot be used with --engine {engine}: it copies the export's rows,"
                " and the rows stay in the table; write the scores with --format csv (or run"
                " `leadsla compile --what scores` there and join its rows to the table by id)",
                engine=opts.engine,
            )
        )


@dataclass(frozen=True)
class RemoteRead:
    """The table found, the columns of the fields the SLA reads, and where the id comes from."""

    relation: Relation
    columns: dict[str, str]
    """field -> the table's column holding it."""
    id_column: str
    id_from: str
    """`id`, `email` or `line` (the `--line-column`)."""
    casts: tuple[tuple[str, str], ...] = ()
    """The columns read that are not text, and how they are read as text (engine/remote/
    columns.py)."""
    extra: tuple[str, ...] = ()
    """Fields of the command line's own (`report --by`): read, not part of the account, as
    for a CSV."""

    @property
    def line_column(self) -> str | None:
        """The `--line-column` as the table spells it (it was matched ignoring case), when
        the ids come from it."""
        return self.id_column if self.id_from == "line" else None


def find_columns(
    opts: DataOptions,
    loaded: LoadedSla,
    relation: Relation,
    sections: Iterable[str],
    extra: tuple[str, ...] = (),
) -> RemoteRead:
    """Match the SLA's fields (and `extra`, the command line's) to the table's columns as to
    a CSV's headers; the id rule."""
    needs, _used = read_plan(loaded, sections_for(loaded, sections), list(extra))
    wanted = [Wanted(n.field, n.header, n.used_at, n.required) for n in needs]
    headers = relation.headers
    found = match_headers(wanted, headers, relation.name)
    columns = {f: headers[i] for f, i in found.items()}
    extra = tuple(f for f in command_line_fields(loaded, extra) if f in columns)
    if "id" in columns:
        return _typed(opts, RemoteRead(relation, columns, columns["id"], "id", extra=extra))
    if "email" in columns:
        return _typed(opts, RemoteRead(relation, columns, columns["email"], "email", extra=extra))
    if opts.line_column is not None:
        at = lookup_columns(opts.line_column, headers)
        if len(at) != 1:
            raise LeadslaError(
                say(
                    "--line-column `{name}`: the table `{table}` has no such column",
                    name=opts.line_column,
                    table=relation.name,
                )
            )
        return _typed(opts, RemoteRead(relation, columns, headers[at[0]], "line", extra=extra))
    raise LeadslaError(
        say(
            "the table `{table}` has no id column and no e-mail column, and a table has no line"
            " numbers: map `leads.columns.id` (or `email`) to a column, or name a column that"
            " numbers the rows with --line-column NAME",
            table=relation.name,
        )
    )


def _typed(opts: DataOptions, read: RemoteRead) -> RemoteRead:
    """`read` with its typed columns' casts (or refused, naming the column and its type)."""
    from leadsla.engine.remote.columns import casts

    found = casts(opts.engine, read.relation, [*read.columns.values(), read.id_column])
    return replace(read, casts=found)


def account(engine: RemoteEngine, loaded: LoadedSla, read: RemoteRead) -> Accounting:
    """The row account, counted in the engine: every field's non-blank and unreadable cells
    by the compiler's typed reading (the same as DuckDB's reader: `compile_cells`), and the
    duplicate ids (ids cleaned as the reader cleans them)."""
    from leadsla.engine.compile import compile_cells

    types = dict(loaded.types.types)
    order = {column: i for i, column in enumerate(read.relation.headers)}
    fields = sorted(
        (f for f in read.columns if f not in read.extra), key=lambda f: order[read.columns[f]]
    )
    script, counted = compile_cells(loaded, engine.dialect, compile_target(engine, read), fields)
    row = engine.run(script).all()[0]
    rows = int(row[0])
    counts = {
        f: (int(row[1 + 2 * i] or 0), int(row[2 + 2 * i] or 0)) for i, f in enumerate(counted)
    }
    ids = engine.run(duplicates_query(engine.dialect, read.relation.table, read.id_column)).all()
    duplicate_ids, duplicates = (int(v or 0) for v in ids[0])
    return Accounting(
        records=rows,
        rows=rows,
        used=rows,
        rejected=0,
        unreadable_cells=sum(bad for _nb, bad in counts.values()),
        duplicates=duplicates,
        footer_rows=0,
        duplicate_ids=duplicate_ids,
        rejected_rows=[],
        footer=[],
        warnings=[],
        fields=[FieldCount(f, read.columns[f], types.get(f, "text"), *counts[f]) for f in counted],
    )


TABLE_ERROR_COLUMNS = ["kind", "id", "column", "field", "value", "reason"]
"""`--errors` of a table: a CSV's columns, the row's id (as `explain` takes it: the id
column, else the e-mail, else `--line-column`) where a CSV's list has its line number."""


def errors(
    engine: RemoteEngine, loaded: LoadedSla, read: RemoteRead
) -> list[tuple[str, str, str, str, str, str]]:
    """The table's data problems as a CSV's `--errors` lists them (kind, id, column, field,
    value, reason): every unreadable cell (the engine's typed reading, `compile_cells`'
    count) and every row whose id another row holds too; by id (binary order), then as on a
    CSV's line (unreadable cells in the table's column order, then the duplicate id)."""
    from leadsla.engine.remote.ids import duplicate_rows_query
    from leadsla.engine.remote.scripts import bad_cells_script

    known = loaded.types.types
    order = {c: i for i, c in enumerate(read.relation.headers)}
    fields = sorted(read.columns, key=lambda f: order[read.columns[f]])
    types = {f: known.get(f, "text") for f in fields}
    typed = [f for f in fields if types[f] != "text"]
    found: list[tuple[str, int, int, tuple[str, str, str, str, str, str]]] = []
    script = bad_cells_script(loaded, engine.dialect, compile_target(engine, read), types)
    if script is not None:
        for row in engine.run(script).all():
            lead = "" if row[0] is None else str(row[0])
            for i, f in enumerate(typed):
                value = row[1 + i]
                if value is None:
                    continue
                reason = f"not a {TYPE_WORD[types[f]]}; read as blank"
                issue = ("unreadable", lead, read.columns[f], f, str(value), reason)
                found.append((lead, 0, order[read.columns[f]], issue))
    query = duplicate_rows_query(engine.dialect, read.relation.table, read.id_column)
    for lead, n in engine.run(query).all():
        reason = f"id used by {int(n)} rows; all are kept"
        issue = ("duplicate", str(lead), read.id_column, read.id_from, str(lead), reason)
        found.append((str(lead), 1, 0, issue))
    found.sort(key=lambda x: (x[0].encode("utf-8"), x[1], x[2]))
    return [issue for *_key, issue in found]


def write_errors(
    path: Path, issues: list[tuple[str, str, str, str, str, str]], redact: bool
) -> None:
    """Write `--errors` of a table as a CSV's (data/accounting.py's `write_errors`: every
    text through the one formula rule, atomically)."""
    buf = io.StringIO()
    writer = SafeWriter(buf, lineterminator="\n")
    writer.writerow(TABLE_ERROR_COLUMNS)
    for kind, lead, column, field, value, reason in issues:
        writer.writerow([kind, lead, column, field, mask(value) if redact else value, reason])
    with atomic_binary(path) as out:
        out.write(buf.getvalue().encode("utf-8"))


def compile_target(engine: RemoteEngine, read: RemoteRead, line_column: str | None = None) -> Any:
    """The compiler's Target: the table as found (quoted), the id column, the columns found."""
    from leadsla.engine.compile import Target as CompileTarget

    return CompileTarget(
        read.relation.table.sql(engine.dialect),
        read.id_column,
        line_column,
        tuple(read.columns.items()),
        read.casts,
    )


def row_summary(name: str, accounting: Accounting) -> RowSummary:
    return RowSummary(
        name,
        accounting.rows,
        accounting.used,
        accounting.rejected,
        accounting.unreadable_cells,
        accounting.duplicates,
        accounting.footer_rows,
        [FieldSummary(f.field, f.header, f.non_blank, f.unreadable) for f in accounting.fields],
    )


_STOP = re.compile(
    r"leadsla: lead (?P<lead>.*), follow-up (?P<rule>.*): it starts at (?P<start>.+? UTC),"
    r" (?P<what>outside|and is due past the end of) the business calendar this script holds"
    r" \((?P<first>[0-9-]+) to (?P<last>[0-9-]+)\); run the command again"
)


def script_stop(reason: str) -> str | None:
    """The message of a script's guard (engine/compile_deadlines.py) found in the engine's
    error, in the user's language, without the engine's wrapping (PostgreSQL's failed cast,
    Spark's raise_error); None for another error. The scripts of `--engine` hold a calendar
    spanned over the table's own dates, so a guard fires only when the table changed between
    that reading and the script."""
    found = _STOP.search(reason)
    if found is None:
        return None
    span = {"first": found["first"], "last": found["last"]}
    where = (
        say(
            "outside the business calendar leadsla computed from the table ({first} to {last})",
            **span,
        )
        if found["what"] == "outside"
        else say(
            "its due falls past the end of the business calendar leadsla computed from the"
            " table ({first} to {last})",
            **span,
        )
    )
    return say(
        "lead {lead}, follow-up {rule}: it starts at {start}, {where}: the table changed while"
        " leadsla read it; run the command again",
        lead=found["lead"],
        rule=found["rule"],
        start=found["start"],
        where=where,
    )


@dataclass
class RemoteSession:
    """What a data command works with on `--engine`: the engine, the table and its columns,
    its row account, the as-of time, the calendar's zone, and the command's own DuckDB
    (`con`, in the run's folder) that the results are fetched into."""

    loaded: LoadedSla
    engine: RemoteEngine
    read: RemoteRead
    accounting: Accounting
    as_of: datetime
    zone: str
    line_column: str | None
    con: Connection
    folder: Path
    notify: Notify
    quiet: bool = False
    strict: bool = False

    @property
    def name(self) -> str:
        return self.read.relation.name

    def target(self) -> Any:
        """The compiler's Target for this table (engine.compile.Target)."""
        return compile_target(self.engine, self.read, self.line_column)

    def calendar_span(self) -> tuple[date, date] | None:
        """--from/--to of the business calendar the scripts hold, spanned over the table's
        own starts (one query for their earliest and latest), so that every lead the table
        holds finds its business windows, as for a CSV; None: no rule counts business time."""
        from leadsla.engine.remote.scripts import span_script, spanned_range

        script = span_script(self.loaded, self.engine.dialect, self.target(), self.as_of)
        if script is None:
            return None
        row = self.engine.run(script).all()[0]
        return spanned_range(self.loaded, self.as_of, tuple(row))

    def fetch(self, script: str, table: str) -> int:
        """Run `script` in the engine and bring its rows into `table` of `con` (in order)."""
        from leadsla.engine.remote import EngineError
        from leadsla.engine.remote.fetch import fetch_into

        try:
            return fetch_into(self.con, table, self.engine.run(script), self.folder)
        except EngineError as exc:
            stopped = script_stop(exc.message)
            if stopped is None:
                raise
            raise EngineError(stopped) from None

    def rows(self) -> RowSummary:
        return row_summary(self.name, self.accounting)

    def data_warnings(self, n: int) -> None:
        """What computing found (stops before their starts, which the rules ignore): the
        line a CSV's run prints, and `--strict` fails on them. (A table's `--errors` does not
        list them: see the README.)"""
        if not n:
            return
        if not self.quiet:
            self.notify(
                say_n(
                    "{name}: {n} data warning found while computing",
                    "{name}: {n} data warnings found while computing",
                    n,
                    name=self.name,
                )
            )
        if self.strict:
            raise StrictDataError(
                say(
                    "--strict: {name} has {what}{hint}",
                    name=self.name,
                    what=say_n("{n} data warning", "{n} data warnings", n),
                    hint="",
                )
            )


@contextmanager
def remote_session(
    opts: DataOptions,
    loaded: LoadedSla,
    sections: Iterable[str],
    notify: Notify,
    zone: str,
    extra: tuple[str, ...] = (),
) -> Iterator[RemoteSession]:
    """Connect, find the table and its columns (the SLA's fields' and `extra`, the command
    line's), count its rows and cells there (the summary line on stderr; `--strict` fails on
    its problems), and open the command's DuckDB."""
    check_options(opts)
    as_of = parse_as_of(opts.as_of, zone)
    assert opts.table is not None and opts.engine in REMOTE
    dialect_check(loaded, opts.engine)
    if opts.errors is not None:
        from leadsla.commands.common import check_paths

        check_paths(opts, loaded, None)
    from leadsla.engine.compile import CompileError

    try:
        with _remote_session(opts, loaded, sections, notify, zone, as_of, extra) as session:
            yield session
    except CompileError as exc:
        # what the dialect check does not foresee is still the SLA's, not a bug: a message
        raise compile_refusal(loaded, opts.engine, exc) from None


def dialect_check(loaded: LoadedSla, engine: str) -> None:
    """`validate --dialect`'s check for the engine's dialect, before connecting: what it
    cannot run alike stops the command with the same located errors (exit 2)."""
    from leadsla.sla.dialect_check import dialect_problems

    refused = dialect_problems(loaded, DIALECTS[engine])
    if refused:
        raise SlaInvalid(_cannot_run(loaded, engine), refused)


def _cannot_run(loaded: LoadedSla, engine: str) -> str:
    return say(
        "{sla} asks what {dialect} cannot run alike; see `leadsla validate --dialect"
        " {dialect} {sla}`",
        sla=loaded.display,
        dialect=DIALECTS[engine],
    )


def compile_refusal(loaded: LoadedSla, engine: str, exc: Any) -> LeadslaError:
    """A CompileError (engine/compile.py) as a user's error: located in the SLA when it
    names a place there, else its message (exit 2)."""
    if exc.path:
        from leadsla.sla.semantics import Finding

        found = loaded.problem(Finding(tuple(exc.path), exc.message, "dialect-compile"))
        return SlaInvalid(_cannot_run(loaded, engine), [found])
    return UsageError(exc.message)


@contextmanager
def _remote_session(
    opts: DataOptions,
    loaded: LoadedSla,
    sections: Iterable[str],
    notify: Notify,
    zone: str,
    as_of: datetime,
    extra: tuple[str, ...],
) -> Iterator[RemoteSession]:
    assert opts.table is not None and opts.engine in REMOTE
    with open_engine(Target(opts.engine, opts.table, opts.dsn)) as engine:
        relation = engine.relation(opts.table)
        read = find_columns(opts, loaded, relation, sections, extra)
        accounting = account(engine, loaded, read)
        with temp_dir() as folder:
            con = connect(folder)
            try:
                health = field_health(engine, loaded, read, accounting, con, zone, opts.redact)
                _needs, used = read_plan(loaded, sections_for(loaded, sections), [])
                if opts.errors is not None:
                    found = [*field_issues(health), *errors(engine, loaded, read)]
                    write_errors(opts.errors, found, opts.redact)
                if not opts.quiet:
                    notify(accounting.summary_line(relation.name))
                    for line in health.warnings(used):
                        notify(line)
                if health.fatal(used):
                    # as on a CSV: a command cannot judge with a field it cannot read
                    raise ExportUnreadable(health.error(used))
                if opts.strict and (accounting.problems or health.problems()):
                    raise StrictDataError(
                        say(
                            "--strict: {name} has data problems (unreadable cells or duplicate"
                            " ids)",
                            name=relation.name,
                        )
                    )
                yield RemoteSession(
                    loaded,
                    engine,
                    read,
                    accounting,
                    as_of,
                    zone,
                    read.line_column,
                    con,
                    folder,
                    notify,
                    opts.quiet,
                    opts.strict,
                )
            finally:
                con.close()


SAMPLE_ROWS = 2_000
"""Non-blank cells of an unhealthy field fetched from the table (the first `sniff.SAMPLE`
of them are tried with other formats, as a CSV's first cells are)."""


def field_health(
    engine: RemoteEngine,
    loaded: LoadedSla,
    read: RemoteRead,
    accounting: Accounting,
    con: Connection,
    zone: str,
    redact: bool,
) -> Account:
    """The CSV path's field health (data/health.py) on the table's account: a field whose
    unreadable cells are more than `leads.max_unreadable` stops the commands that use it,
    with the same message; the formats that would read it are tried, in `con`, on a sample
    of its cells fetched from the table."""
    from leadsla.commands.common import Account
    from leadsla.data.health import Cells, ReadSettings, blank_fields, judge_fields
    from leadsla.data.sniff import SAMPLE, unreadable
    from leadsla.sla.regex_subset import format_problem

    sla = loaded.sla
    settings = ReadSettings(
        list(sla.leads.date_formats),
        sla.leads.decimal,
        sla.leads.timezone or zone,
        sla.leads.max_unreadable,
    )
    fetched: dict[str, list[str]] = {}

    def sample(fc: FieldCount) -> list[str]:
        if fc.field not in fetched:
            query = sample_query(
                engine.dialect, read.relation.table, read.columns[fc.field], SAMPLE_ROWS
            )
            cells = [str(r[0]) for r in engine.run(query).all() if r[0] is not None]
            fetched[fc.field] = cells[:SAMPLE]
        return fetched[fc.field]

    def bad(fc: FieldCount) -> list[str]:
        cells = sample(fc)
        kind = cast("FieldType", fc.type)
        found = unreadable(
            con, cells, kind, settings.date_formats, settings.decimal, settings.timezone
        )
        if not found:
            # none among the sample's cells: the first few the engine finds
            from leadsla.engine.remote.scripts import bad_cells_script

            target = compile_target(engine, read)
            script = bad_cells_script(loaded, engine.dialect, target, {fc.field: kind})
            if script is not None:
                page = next(iter(engine.run(script).pages(SAMPLES)), [])
                found = [str(r[1]) for r in page if r[1] is not None]
        return found[:SAMPLES]

    def runs_there(fmt: str) -> bool:
        return format_problem(fmt) is None

    cells = Cells(read.relation.name, con, sample, bad, runs_there)
    starts = blank_fields(read.relation.name, accounting, start_fields(loaded))
    return Account(judge_fields(cells, accounting.fields, settings, redact), starts)


def field_issues(health: Account) -> list[tuple[str, str, str, str, str, str]]:
    """The unhealthy fields and the start fields blank in every row, as `--errors` of a
    table lists them (kind `field`, no id)."""
    return [
        ("field", "", f.issue.column, f.issue.field, f.issue.value, f.issue.reason)
        for f in [*health.health.unhealthy, *health.blank_starts]
    ]


def run_remote(
    opts: DataOptions, loaded: LoadedSla, sections: Iterable[str], notify: Notify, zone: str
) -> NoReturn:
    """A data command not wired to the engines yet: the row account, then exit 2."""
    with remote_session(opts, loaded, sections, notify, zone):
        raise LeadslaError(
            say(
                "--engine {engine} does not compute this command's results yet (see the README,"
                " Beyond one machine)",
                engine=opts.engine,
            )
        )
    raise AssertionError("unreachable")  # pragma: no cover

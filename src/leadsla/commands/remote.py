"""`--engine postgres|spark --table NAME`: a data command on a table where the data lives.

The export is a table of text columns named as the headers (a CSV loaded without types). The
command connects, finds the table and the columns the SLA reads (the same header matching as
for a CSV), decides where the id comes from (a table has no line numbers: the id column, else
the e-mail, else `--line-column`), runs the SQL there and prints the same row summary line.

INTERIM (issue 14, branch i14-engines): the SQL run remotely is `interim.account_query`, the
row account only; the results of score, check-deadlines, report and explain come with the
compiler of branch i14-compile, which replaces `_results` below (and the account query) with
`leadsla compile`'s scripts. Until then these commands stop after the summary line, exit 2."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, NoReturn

from leadsla.data.accounting import Accounting
from leadsla.data.headers import Wanted, lookup_columns, match_headers
from leadsla.engine.remote import REMOTE, Relation, RemoteEngine, Target, open_engine
from leadsla.engine.remote.interim import AccountField, account_query
from leadsla.errors import LeadslaError, StrictDataError, UsageError
from leadsla.messages import say
from leadsla.results import FieldSummary, RowSummary
from leadsla.sla.asof import parse_as_of
from leadsla.sla.load import LoadedSla
from leadsla.sla.needs import read_plan, sections_for

if TYPE_CHECKING:  # common.py imports this module
    from leadsla.commands.common import DataOptions, Notify


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
    not_yet = [
        name
        for name, given in (("--errors", opts.errors is not None), ("--output", bool(opts.outputs)))
        if given
    ]
    if not_yet:
        raise UsageError(
            say(
                "{options} cannot be used with --engine {engine} yet",
                options=", ".join(not_yet),
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


def find_columns(
    opts: DataOptions, loaded: LoadedSla, relation: Relation, sections: Iterable[str]
) -> RemoteRead:
    """Match the SLA's fields to the table's columns as to a CSV's headers; the id rule."""
    needs, _used = read_plan(loaded, sections_for(loaded, sections), [])
    wanted = [Wanted(n.field, n.header, n.used_at, n.required) for n in needs]
    headers = relation.headers
    found = match_headers(wanted, headers, relation.name)
    columns = {f: headers[i] for f, i in found.items()}
    if "id" in columns:
        return RemoteRead(relation, columns, columns["id"], "id")
    if "email" in columns:
        return RemoteRead(relation, columns, columns["email"], "email")
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
        return RemoteRead(relation, columns, headers[at[0]], "line")
    raise LeadslaError(
        say(
            "the table `{table}` has no id column and no e-mail column, and a table has no line"
            " numbers: map `leads.columns.id` (or `email`) to a column, or name a column that"
            " numbers the rows with --line-column NAME",
            table=relation.name,
        )
    )


def _summary(engine: RemoteEngine, loaded: LoadedSla, read: RemoteRead) -> Accounting:
    """The row account, counted in the engine (INTERIM query: see the module's docstring)."""
    sla = loaded.sla
    types = dict(loaded.types.types)
    fields = [
        AccountField(f, column, types.get(f, "text"))
        for column in read.relation.headers
        for f, c in read.columns.items()
        if c == column
    ]
    script = account_query(
        engine.dialect,
        read.relation.table,
        fields,
        read.id_column,
        sla.leads.decimal,
        list(sla.leads.date_formats),
    )
    row = engine.run(script).all()[0]
    rows, duplicate_ids, duplicates = (int(v) for v in row[:3])
    counts = [(int(row[3 + 2 * i]), int(row[4 + 2 * i])) for i in range(len(fields))]
    accounting = Accounting(
        records=rows,
        rows=rows,
        used=rows,
        rejected=0,
        unreadable_cells=sum(bad for _nb, bad in counts),
        duplicates=duplicates,
        footer_rows=0,
        duplicate_ids=duplicate_ids,
        rejected_rows=[],
        footer=[],
        warnings=[],
    )
    return accounting


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


def run_remote(
    opts: DataOptions, loaded: LoadedSla, sections: Iterable[str], notify: Notify, zone: str
) -> NoReturn:
    """A data command on `--engine postgres|spark`: the table, its row account on stderr
    (`--strict` fails on its problems), then the command's results (see `_results`)."""
    check_options(opts)
    as_of = parse_as_of(opts.as_of, zone)
    assert opts.table is not None and opts.engine in REMOTE
    with open_engine(Target(opts.engine, opts.table, opts.dsn)) as engine:
        relation = engine.relation(opts.table)
        read = find_columns(opts, loaded, relation, sections)
        accounting = _summary(engine, loaded, read)
        if not opts.quiet:
            notify(accounting.summary_line(relation.name))
        if opts.strict and accounting.problems:
            raise StrictDataError(
                say(
                    "--strict: {name} has data problems (unreadable cells or duplicate ids)",
                    name=relation.name,
                )
            )
        _results(opts, engine, read, as_of)


def _results(
    opts: DataOptions, engine: RemoteEngine, read: RemoteRead, as_of: datetime
) -> NoReturn:
    """THE COMPILE BRANCH REPLACES THIS: run `leadsla compile`'s script for the command in
    `engine`, fetch its rows in pages (`engine.run(script).pages()`) and build the command's
    result from them. Until then: exit 2, saying so."""
    raise LeadslaError(
        say(
            "this build reads the table on --engine {engine} but cannot compute results there"
            " yet: the SQL compiler of issue 14 (`leadsla compile`) is not part of it",
            engine=opts.engine,
        )
    )

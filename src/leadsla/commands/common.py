"""What every data command does first: load the SLA, fix the as-of time, read the export."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from leadsla.commands.slacheck import engine_load_problems
from leadsla.data.accounting import count, rejection_reason, write_errors
from leadsla.data.db import connect
from leadsla.data.headers import Wanted
from leadsla.data.reader import Export, ReadSpec, Wrap, read_export, temp_dir
from leadsla.errors import (
    ExportUnreadable,
    LeadslaError,
    MissingSection,
    SlaInvalid,
    StrictDataError,
    UsageError,
)
from leadsla.outputs import check_outputs
from leadsla.sla.asof import parse_as_of
from leadsla.sla.load import LoadedSla, load_sla, resolve_sla_path
from leadsla.sla.needs import needed_fields, sections_for

Notify = Callable[[str], None]


@dataclass(frozen=True)
class DataOptions:
    """The options every data command shares (SPEC §3 "Common options")."""

    leads: str | None = None
    sla: str | None = None
    as_of: str | None = None
    errors: Path | None = None
    redact: bool = False
    strict: bool = False
    quiet: bool = False
    progress: Callable[[float], None] | None = None
    """Called with DuckDB's percentage while a large export is read."""
    outputs: tuple[tuple[str, Path], ...] = ()
    """The command's own output files besides --errors (`--output`), checked with it before
    anything is read: an output is never an input, standard output or another output."""
    output_may_replace_export: bool = False
    """`score --output` onto its own export replaces it (atomically): the one exception."""


def load_for_command(sla_option: str | None) -> LoadedSla:
    """Load the SLA for a data command: an invalid SLA means the command cannot run (exit 2)."""
    path = resolve_sla_path(sla_option)
    try:
        loaded = load_sla(path, str(path))
    except SlaInvalid as exc:
        raise SlaInvalid(
            f"{path} is not a valid SLA; run `leadsla validate {path}`", exc.problems
        ) from None
    refused = engine_load_problems(loaded)
    if refused:
        raise SlaInvalid(f"{path} is not a valid SLA; run `leadsla validate {path}`", refused)
    return loaded


def require(loaded: LoadedSla, section: str, command: str, why: str = "") -> None:
    if getattr(loaded.sla, section) is None:
        raise MissingSection(
            f"`leadsla {command}` needs a `{section}` section in {loaded.display}{why}; "
            "`leadsla init` writes a starter with every section"
        )


def zone_of(loaded: LoadedSla) -> str:
    sla = loaded.sla
    if sla.calendar is not None:
        return sla.calendar.timezone
    return sla.leads.timezone or "UTC"


def as_of_for(loaded: LoadedSla, text: str | None) -> datetime:
    return parse_as_of(text, zone_of(loaded))


def export_path(loaded: LoadedSla, leads: str | None) -> tuple[str, Path | None]:
    """The export to read: the LEADS argument, else `leads.path` relative to the SLA file."""
    if leads == "-":
        return "-", None
    if leads:
        return leads, Path(leads)
    if loaded.sla.leads.path:
        path = loaded.path.parent / loaded.sla.leads.path
        return str(path), path
    raise UsageError(
        "no export to read: give LEADS (a CSV file, or - for standard input) or set `leads.path` in the SLA"
    )


def check_paths(opts: DataOptions, loaded: LoadedSla, export: Path | None) -> None:
    """Before anything is read: no output is the SLA, the export, standard output or another
    output (`score --output` onto its own export excepted: it is replaced atomically)."""
    inputs = [("the SLA", loaded.path)] + ([("the export", export)] if export else [])
    outputs = [*opts.outputs] + ([("--errors", opts.errors)] if opts.errors is not None else [])
    allowed = [("--output", "the export")] if opts.output_may_replace_export else []
    check_outputs(inputs, outputs, may_replace=allowed)


@dataclass
class Session:
    loaded: LoadedSla
    as_of: datetime
    export: Export


@contextmanager
def open_session(
    opts: DataOptions,
    loaded: LoadedSla,
    sections: Iterable[str],
    notify: Notify,
    *,
    extra_fields: Iterable[str] = (),
    keep_raw: bool = False,
    wrap: Wrap | None = None,
) -> Iterator[Session]:
    """Read the export the command needs into DuckDB; report its rows; honour --errors/--strict."""
    as_of = as_of_for(loaded, opts.as_of)
    wanted_sections = sections_for(loaded, sections)
    extra = list(extra_fields)
    needs = needed_fields(loaded, wanted_sections, extra)
    sla = loaded.sla
    types = dict(loaded.types.types)
    for f in extra:
        types.setdefault(f, "text")
    for f in ("id", "email", "owner"):
        types.setdefault(f, "text")
    spec = ReadSpec(
        wanted=[Wanted(n.field, n.header, n.used_at, n.required) for n in needs],
        types=types,
        date_formats=list(sla.leads.date_formats),
        decimal=sla.leads.decimal,
        timezone=sla.leads.timezone or zone_of(loaded),
        encoding=sla.leads.encoding,
        delimiter=sla.leads.delimiter,
        keep_raw=keep_raw,
        redact=opts.redact,
    )
    name, path = export_path(loaded, opts.leads)
    check_paths(opts, loaded, path)
    with temp_dir() as tmp:
        tmpdir = Path(tmp)
        con = connect(tmpdir)
        try:
            export = read_export(con, name, path, spec, tmpdir, opts.progress, wrap)
            accounting = export.accounting
            if accounting.rejected and not accounting.used:
                # nothing read at all is not a result (a cron job must not see success)
                _report(opts, export, notify)
                _index, line, row = accounting.rejected_rows[0]
                hint = (
                    "; the header line ends with a delimiter (an empty last column name) the "
                    "rows do not have"
                    if export.source.headers and not export.source.headers[-1]
                    else ""
                )
                raise ExportUnreadable(
                    f"{export.source.name}: no row could be read; line {line}: "
                    f"{rejection_reason(row, len(export.source.headers))}{hint}"
                )
            if opts.strict and accounting.problems:
                _report(opts, export, notify)
                raise _strict(opts, export, count(accounting.problems, "data problem"))
            yield Session(loaded, as_of, export)
            # after the command: it may have found more (e.g. stops before starts), and those
            # are data problems too: --strict still stops before any result is printed
            _report(opts, export, notify)
            if opts.strict and accounting.warnings:
                raise _strict(opts, export, count(len(accounting.warnings), "data warning"))
        except Exception as exc:
            if opts.redact:
                hide_message(exc)
            raise
        finally:
            con.close()


def hide_message(exc: Exception) -> None:
    """--redact: an unexpected error (an engine's, a bug's) keeps its kind but not its message,
    which may quote a cell; our own errors say no cell value when --redact is on."""
    if not isinstance(exc, LeadslaError):
        exc.args = ("(message left out by --redact: it may quote cells)",)


def _strict(opts: DataOptions, export: Export, what: str) -> StrictDataError:
    hint = "" if opts.errors else "; list them with --errors FILE"
    return StrictDataError(f"--strict: {export.source.name} has {what}{hint}")


def _report(opts: DataOptions, export: Export, notify: Notify) -> None:
    """The one-line row summary on stderr, and the --errors file."""
    if opts.errors is not None:
        write_errors(opts.errors, export.accounting.iter_issues(export), opts.redact)
    if not opts.quiet:
        notify(export.accounting.summary_line(export.source.name))

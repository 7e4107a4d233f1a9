"""What every data command does first: load the SLA, fix the as-of time, read the export."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo

from leadsla import i18n
from leadsla.commands.remote import check_options, run_remote
from leadsla.commands.slacheck import engine_load_problems
from leadsla.data.accounting import RowWarning, rejection_reason, write_errors
from leadsla.data.db import connect
from leadsla.data.headers import Wanted
from leadsla.data.health import (
    FieldFinding,
    Health,
    ReadSettings,
    blank_starts,
    check_health,
    count_export_fields,
)
from leadsla.data.reader import Export, ReadSpec, Wrap, issues, read_export, temp_dir
from leadsla.engine import deadlines as dl
from leadsla.engine.calendar import BusinessCalendar
from leadsla.engine.deadlines import EarlyStop
from leadsla.engine.derive import Deriver
from leadsla.errors import (
    ExportUnreadable,
    LeadslaError,
    MissingSection,
    Problem,
    SlaInvalid,
    StrictDataError,
    UsageError,
)
from leadsla.messages import cat, join, problem_line, say, say_n
from leadsla.outputs import check_outputs
from leadsla.results import FieldSummary, RowSummary
from leadsla.sla.asof import SUPPORTED, outside, parse_as_of
from leadsla.sla.load import LoadedSla, load_sla, resolve_sla_path
from leadsla.sla.models import FollowUp
from leadsla.sla.needs import command_line_fields, read_plan, sections_for, start_fields
from leadsla.sla.semantics import Finding

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
    engine: str = "duckdb"
    """`--engine`: `duckdb` reads LEADS in process; `postgres` and `spark` run where the table
    `table` is (commands/remote.py), PostgreSQL through the DSN `dsn`."""
    table: str | None = None
    dsn: str | None = None
    line_column: str | None = None
    """`--line-column`: a table's column that numbers its rows, the id when there is no id or
    e-mail column (a table has no line numbers)."""


def load_for_command(sla_option: str | None) -> LoadedSla:
    """Load the SLA for a data command: an invalid SLA means the command cannot run (exit 2)."""
    path = resolve_sla_path(sla_option)
    try:
        loaded = load_sla(path, str(path))
    except SlaInvalid as exc:
        raise SlaInvalid(_not_valid(path), exc.problems) from None
    refused = engine_load_problems(loaded)
    if refused:
        raise SlaInvalid(_not_valid(path), refused)
    display = loaded.sla.display
    i18n.adopt(display.locale if display is not None else None)
    return loaded


def _not_valid(path: Path) -> str:
    return say("{path} is not a valid SLA; run `leadsla validate {path}`", path=str(path))


def require(loaded: LoadedSla, section: str, command: str, why: str = "") -> None:
    if getattr(loaded.sla, section) is None:
        raise MissingSection(
            say(
                "`leadsla {command}` needs a `{section}` section in {sla}{why}; "
                "`leadsla init` writes a starter with every section",
                command=command,
                section=section,
                sla=loaded.display,
                why=why,
            )
        )


def zone_of(loaded: LoadedSla) -> str:
    sla = loaded.sla
    if sla.calendar is not None:
        return sla.calendar.timezone
    return sla.leads.timezone or "UTC"


def option_day(text: str, option: str) -> date:
    """A day given on the command line (`--from`, `--to`): ISO, within the dates leadsla
    computes with, else a usage error naming the option."""
    try:
        day = date.fromisoformat(text.strip())
    except ValueError:
        raise UsageError(
            say("{option} `{text}` is not a date (YYYY-MM-DD)", option=option, text=text)
        ) from None
    if outside(day):
        raise UsageError(
            say(
                "{option} {day} is outside the dates leadsla computes with ({supported})",
                option=option,
                day=str(day),
                supported=SUPPORTED,
            )
        )
    return day


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
        say(
            "no export to read: give LEADS (a CSV file, or - for standard input) or set"
            " `leads.path` in the SLA"
        )
    )


def check_paths(opts: DataOptions, loaded: LoadedSla, export: Path | None) -> None:
    """Before anything is read: no output is the SLA, the export, standard output or another
    output (`score --output` onto its own export excepted: it is replaced atomically)."""
    # i18n: what an output must not be: "--errors x.csv is the SLA (sla.yaml)"
    inputs = [(say("the SLA"), loaded.path)] + ([(say("the export"), export)] if export else [])
    outputs = [*opts.outputs] + ([("--errors", opts.errors)] if opts.errors is not None else [])
    allowed = [("--output", "the export")] if opts.output_may_replace_export else []
    check_outputs(inputs, outputs, may_replace=allowed)


@dataclass
class Session:
    """What a data command works with, found once: the SLA, the as-of time, the calendar's
    zone (every time leadsla prints is in it), and the export read into DuckDB."""

    loaded: LoadedSla
    as_of: datetime
    zone: str
    export: Export
    finish: Callable[[], None]
    """Report the rows (stderr, --errors) and fail --strict on what computing found: call it
    once the tables are built, before any result is written (the session calls it at the end
    when the command did not)."""

    def early_stops(self, found: Iterable[EarlyStop]) -> None:
        """Record the engine's warnings about stops before starts as data warnings (`--errors`,
        the warnings line, `--strict`). The line names the row; the reason holds no cell
        value, so --redact hides them all."""
        export = self.export
        headers = export.source.headers
        tz = ZoneInfo(self.zone)  # in the calendar's zone, as every timestamp we print
        for w in found:
            export.accounting.warnings.append(
                RowWarning(
                    w.row,
                    headers[export.columns[w.field]] if w.field in export.columns else "",
                    w.field,
                    w.stop.astimezone(tz).isoformat(),
                    f"rule {w.rule}: before its start (`{w.start}`); ignored",
                )
            )


@dataclass
class Account:
    """What reading the export found beyond its rows, alike for every command: unhealthy
    fields, start fields blank in every row, and an `effective` after the as-of time."""

    health: Health = field(default_factory=lambda: Health([], []))
    blank_starts: list[FieldFinding] = field(default_factory=list)
    effective: Problem | None = None

    def fatal(self, used: set[str]) -> list[FieldFinding]:
        """The unhealthy fields among those a command uses: it cannot do its job."""
        return [f for f in self.health.unhealthy if f.field in used]

    def error(self, used: set[str]) -> str:
        """The message of the exit 2 of a command that uses an unhealthy field."""
        return cat(
            join("\nleadsla: ", _listed(self.fatal(used))),
            *(cat("\n  ", line) for line in self.health.advice),
        )

    def warnings(self, used: set[str]) -> list[str]:
        """The findings that do not stop a command using the fields `used`, as stderr lines
        (the advice on unhealthy fields goes with the error when there is one)."""
        out: list[str] = [
            _warning(m) for m in _listed([f for f in self.health.unhealthy if f.field not in used])
        ]
        if out and not self.fatal(used):
            out += [cat("  ", line) for line in self.health.advice]
        out += [_warning(f.message) for f in self.blank_starts]
        if self.effective is not None:
            out.append(problem_line(self.effective))
        return out

    def problems(self) -> int:
        """How many findings (`--strict` fails on any)."""
        return len(self.health.unhealthy) + len(self.blank_starts) + (self.effective is not None)


MAX_LISTED_FIELDS = 10
"""Unhealthy fields a message describes one by one (each with a few of its cells); the rest
are named, and all are in `--errors`: a message never pastes pages of the export."""


def _warning(message: str) -> str:
    return say("leadsla: warning: {message}", message=message)


def _listed(findings: list[FieldFinding]) -> list[str]:
    shown = [f.message for f in findings[:MAX_LISTED_FIELDS]]
    rest = findings[MAX_LISTED_FIELDS:]
    if rest:
        names = ", ".join(f"`{f.field}`" for f in rest)
        shown.append(
            say_n(
                "and {n} more unhealthy field ({names}); see --errors",
                "and {n} more unhealthy fields ({names}); see --errors",
                len(rest),
                names=names,
            )
        )
    return shown


def examine(
    loaded: LoadedSla,
    export: Export,
    as_of: datetime,
    timezone: str,
    *,
    redact: bool,
    extra_fields: Iterable[str] = (),
) -> Account:
    """Count every field's cells (`summary.fields`) and judge them; the field findings go to
    `--errors` too. `extra_fields` (the command line's own, such as `report --by`) are read but
    not part of the account."""
    sla = loaded.sla
    count_export_fields(export, set(command_line_fields(loaded, extra_fields)))
    settings = ReadSettings(
        list(sla.leads.date_formats), sla.leads.decimal, timezone, sla.leads.max_unreadable
    )
    account = Account(
        check_health(export, settings, redact), blank_starts(export, start_fields(loaded))
    )
    export.accounting.field_issues = [
        f.issue for f in [*account.health.unhealthy, *account.blank_starts]
    ]
    start = effective_start(loaded)
    if start is not None and start > as_of:
        account.effective = loaded.problem(
            Finding(
                ("effective",),
                say(
                    "{effective} is after the as-of time ({as_of}): nothing that starts before"
                    " it is judged, so no deadline or goal is judged yet",
                    effective=str(sla.effective),
                    as_of=as_of.isoformat(timespec="minutes"),
                ),
                "effective-after-as-of",
                level="warning",
            )
        )
    return account


def effective_start(loaded: LoadedSla) -> datetime | None:
    """The first instant the SLA judges: the start of `effective` in the calendar's zone."""
    effective = loaded.sla.effective
    if effective is None:
        return None
    return datetime.combine(effective, time(0), ZoneInfo(zone_of(loaded)))


@contextmanager
def open_session(
    opts: DataOptions,
    loaded: LoadedSla,
    sections: Iterable[str],
    notify: Notify,
    *,
    extra_fields: Iterable[str] = (),
    wrap: Callable[[datetime], Wrap] | None = None,
) -> Iterator[Session]:
    """Read the export into DuckDB; report its rows; honour --errors/--strict.

    Every command reads and checks every field the SLA uses (one account of the export: the
    same summary line, `--errors` and `--strict` verdict whatever the command); a column or an
    unhealthy field is an error only for the commands whose `sections` use it."""
    zone = zone_of(loaded)
    check_options(opts)
    if opts.engine != "duckdb":
        run_remote(opts, loaded, sections, notify, zone)
    as_of = parse_as_of(opts.as_of, zone)
    wanted_sections = sections_for(loaded, sections)
    extra = list(extra_fields)
    needs, used = read_plan(loaded, wanted_sections, extra)
    sla = loaded.sla
    types = dict(loaded.types.types)
    for f in extra:
        types.setdefault(f, "text")
    for f in ("id", "email", "owner"):
        types.setdefault(f, "text")
    timezone = sla.leads.timezone or zone
    spec = ReadSpec(
        wanted=[Wanted(n.field, n.header, n.used_at, n.required) for n in needs],
        types=types,
        date_formats=list(sla.leads.date_formats),
        decimal=sla.leads.decimal,
        timezone=timezone,
        encoding=sla.leads.encoding,
        delimiter=sla.leads.delimiter,
        redact=opts.redact,
    )
    name, path = export_path(loaded, opts.leads)
    check_paths(opts, loaded, path)
    with temp_dir() as tmp:
        tmpdir = Path(tmp)
        con = connect(tmpdir)
        try:
            export = read_export(
                con, name, path, spec, tmpdir, opts.progress, wrap(as_of) if wrap else None
            )
            accounting = export.accounting
            if accounting.rejected and not accounting.used:
                # nothing read at all is not a result (a cron job must not see success)
                _report(opts, export, notify)
                _index, line, row = accounting.rejected_rows[0]
                hint = (
                    say(
                        "; the header line ends with a delimiter (an empty last column name)"
                        " the rows do not have"
                    )
                    if export.source.headers and not export.source.headers[-1]
                    else ""
                )
                raise ExportUnreadable(
                    say(
                        "{name}: no row could be read; line {line}: {reason}{hint}",
                        name=export.source.name,
                        line=line,
                        reason=rejection_reason(row, len(export.source.headers)),
                        hint=hint,
                    )
                )
            account = examine(
                loaded, export, as_of, timezone, redact=opts.redact, extra_fields=extra
            )
            warnings = account.warnings(used)
            if account.fatal(used):
                # the command cannot judge with a field it cannot read: exit 2, after the
                # summary and --errors that say why
                _report(opts, export, notify, warnings)
                raise ExportUnreadable(account.error(used))
            if opts.strict and (accounting.problems or account.problems()):
                _report(opts, export, notify, warnings)
                raise _strict_findings(opts, export, accounting.problems, account)
            finished = False

            def finish() -> None:
                # after the command's tables: it may have found more (e.g. stops before
                # starts), and those are data problems too: --strict still stops before any
                # result is printed
                nonlocal finished
                if finished:
                    return
                finished = True
                _report(opts, export, notify, warnings)
                if opts.strict and accounting.warnings:
                    raise _strict(opts, export, _data_warnings(len(accounting.warnings)))

            yield Session(loaded, as_of, zone, export, finish)
            finish()
        except Exception as exc:
            if opts.redact:
                hide_message(exc)
            raise
        finally:
            con.close()


def evaluate(
    session: Session, rules: list[FollowUp], deriver: Deriver | None = None
) -> BusinessCalendar | None:
    """Build the deadline tables for `rules` in the session's DuckDB; record the ignored early
    stops as data warnings. (Shared by check-deadlines, report and explain.)"""
    loaded, export = session.loaded, session.export
    sla = loaded.sla
    if deriver is None:
        deriver = Deriver(sla, export.types, session.as_of, sections_for(loaded, {"follow_up"}))
    found = dl.evaluate(
        export.con,
        deriver,
        rules,
        sla.calendar,
        session.as_of,
        dl.effective_instant(sla.effective, session.zone),
        owner=export.has("owner"),
    )
    session.early_stops(found.warnings)
    return found.business


def hide_message(exc: Exception) -> None:
    """--redact: an unexpected error (an engine's, a bug's) keeps its kind but not its message,
    which may quote a cell; our own errors say no cell value when --redact is on."""
    if not isinstance(exc, LeadslaError):
        exc.args = ("(message left out by --redact: it may quote cells)",)


def row_summary(export: Export) -> RowSummary:
    a = export.accounting
    return RowSummary(
        export.source.name,
        a.rows,
        a.used,
        a.rejected,
        a.unreadable_cells,
        a.duplicates,
        a.footer_rows,
        [FieldSummary(f.field, f.header, f.non_blank, f.unreadable) for f in a.fields],
    )


def _strict_findings(
    opts: DataOptions, export: Export, problems: int, account: Account
) -> StrictDataError:
    """What --strict fails on before any result: `x.csv has 12 data problems and 2 findings`,
    and the SLA's `effective` after the as-of time."""
    findings = len(account.health.unhealthy) + len(account.blank_starts)
    parts = [say_n("{n} data problem", "{n} data problems", problems)] if problems else []
    parts += [say_n("{n} finding", "{n} findings", findings)] if findings else []
    effective = say("the SLA's `effective` is after the as-of time") if account.effective else ""
    if not parts:
        return StrictDataError(say("--strict: {reason}", reason=effective))
    error = _strict(opts, export, join(say(" and "), parts))
    if effective:
        error.message = cat(error.message, "; ", effective)
    return error


def _data_warnings(n: int) -> str:
    return say_n("{n} data warning", "{n} data warnings", n)


def _strict(opts: DataOptions, export: Export, what: str) -> StrictDataError:
    hint = "" if opts.errors else say("; list them with --errors FILE")
    return StrictDataError(
        say("--strict: {name} has {what}{hint}", name=export.source.name, what=what, hint=hint)
    )


def _report(
    opts: DataOptions, export: Export, notify: Notify, warnings: Sequence[str] = ()
) -> None:
    """The one-line row summary on stderr, the --errors file, and the warnings about fields
    (printed even with --quiet: they say the results may be wrong)."""
    if opts.errors is not None:
        write_errors(opts.errors, issues(export), opts.redact)
    if not opts.quiet:
        notify(export.accounting.summary_line(export.source.name))
        computed = export.accounting.warnings_line(export.source.name)
        if computed is not None:
            notify(computed)
    for w in warnings:
        notify(w)

"""The `leadsla` command line: parse arguments, run load -> read -> evaluate -> render, exit."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn, TypeAlias, TypeVar

import typer
from typer.core import TyperGroup

from leadsla import __version__, completion, stop
from leadsla.errors import (
    EXIT_FAILED,
    EXIT_FINDINGS,
    EXIT_OK,
    CannotWrite,
    LeadslaError,
    SlaInvalid,
    UsageError,
)
from leadsla.messages import local, num, problem_line, say, shown
from leadsla.render.registry import FORMATS

if TYPE_CHECKING:
    from leadsla.commands.common import DataOptions


class _Group(TyperGroup):
    """The root command: takes the shell of `--show-completion SHELL` before parsing."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        return super().parse_args(ctx, completion.take_shell(args, ctx.meta))


completion.register_shells()
app = typer.Typer(
    name="leadsla",
    cls=_Group,
    help="Make the lead SLA between marketing and sales executable.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    add_completion=False,  # ours take the shell as a value: see _main's two options
)

T = TypeVar("T")


def _formats(command: str) -> type[StrEnum]:
    """`--format`'s choices: the command's renderers (render/registry.py)."""
    name = "".join(w.title() for w in command.split("-")) + "Format"
    return StrEnum(name, {f: f for f in FORMATS[command]})  # type: ignore[return-value]


if TYPE_CHECKING:  # a format is its name: what the registry is keyed by
    ValidateFormat: TypeAlias = str
    ScoreFormat: TypeAlias = str
    ExplainFormat: TypeAlias = str
    DeadlineFormat: TypeAlias = str
    ReportFormat: TypeAlias = str
    CalendarFormat: TypeAlias = str
    CalibrateFormat: TypeAlias = str
    DiffFormat: TypeAlias = str
else:
    ValidateFormat = _formats("validate")
    ScoreFormat = _formats("score")
    ExplainFormat = _formats("explain")
    DeadlineFormat = _formats("check-deadlines")
    ReportFormat = _formats("report")
    CalendarFormat = _formats("calendar")
    CalibrateFormat = _formats("calibrate")
    DiffFormat = _formats("diff")
FormatOpt = typer.Option("--format", help="Output format.")


def _version(value: bool) -> None:
    if value:

        def body() -> int:
            _write(f"leadsla {__version__}\n")
            return EXIT_OK

        _guard(body)


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
    install_completion: Annotated[
        bool,
        typer.Option(
            "--install-completion",
            callback=completion.install_completion,
            expose_value=False,
            is_eager=True,
            help="[SHELL] Install completion for a shell (`--install-completion zsh`: bash, "
            "zsh, fish or powershell), else for the shell this runs in.",
            show_default=False,
        ),
    ] = False,
    show_completion: Annotated[
        bool,
        typer.Option(
            "--show-completion",
            callback=completion.show_completion,
            expose_value=False,
            is_eager=True,
            help="[SHELL] Print the completion script of a shell (`--show-completion zsh`: "
            "bash, zsh, fish or powershell), else of the shell this runs in.",
            show_default=False,
        ),
    ] = False,
) -> None:
    """Score and qualify leads, watch follow-up deadlines in business time, measure team goals."""


# --- shared options --------------------------------------------------------------------------

SlaOpt = Annotated[
    str | None,
    typer.Option(
        "--sla",
        help="SLA file (else $LEADSLA_SLA, else ./sla.yaml, else ./leadsla.yaml).",
        show_default=False,
    ),
]
AsOfOpt = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        help="Judge as of this ISO 8601 time (default: now; a bare date is the end of that day).",
        show_default=False,
    ),
]
StrictOpt = Annotated[
    bool, typer.Option("--strict", help="Treat warnings and data problems as failures.")
]
QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help="No row summary on stderr.")]
NoColorOpt = Annotated[bool, typer.Option("--no-color", help="No colours (also NO_COLOR=1).")]
LocaleOpt = Annotated[
    str | None,
    typer.Option(
        "--locale",
        help="Language and formats for people, e.g. en-US, pt-BR (else LEADSLA_LOCALE, else "
        "the SLA's display.locale, else en). JSON and CSV never change.",
        show_default=False,
        autocompletion=completion.locales,
    ),
]


def _choose_locale(option: str | None) -> None:
    from leadsla import i18n

    try:
        i18n.choose(option)
    except i18n.UnknownLocale as exc:
        where = "--locale" if option is not None else i18n.ENV
        raise UsageError(say("{where}: {reason}", where=where, reason=str(exc))) from None


ErrorsOpt = Annotated[
    Path | None,
    typer.Option(
        "--errors",
        help="Write every rejected row and unreadable cell to this CSV file.",
        show_default=False,
        autocompletion=completion.files,
    ),
]
RedactOpt = Annotated[
    bool, typer.Option("--redact", help="Mask cell values in --errors and messages.")
]


def _err(text: str) -> None:
    """Write to stderr if it can take it: with stderr closed or full there is no one to tell,
    and the exit code must still say what happened."""
    try:
        if sys.stderr is not None:
            sys.stderr.write(text)
            sys.stderr.flush()
    except (OSError, ValueError):
        pass


def _fail(exc: LeadslaError) -> NoReturn:
    from leadsla.render.escape import terminal  # a header or SLA string must not drive it

    # in the reader's language (messages.py); the problems' JSON and annotations stay English
    lines = [shown(problem_line(p)) for p in exc.problems]
    if not exc.problems or not isinstance(exc, SlaInvalid):
        lines.append(shown(say("leadsla: {message}", message=exc.message)))
    if exc.hint:
        lines.append(shown(say("  hint: {hint}", hint=exc.hint)))
    _err(terminal("\n".join(lines)) + "\n")
    raise typer.Exit(exc.exit_code)


# --- Ctrl-C, SIGTERM, SIGHUP -----------------------------------------------------------------


def _was_interrupted(exc: BaseException) -> bool:
    if stop.stopped():
        return True
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, KeyboardInterrupt) or _engine_error(current, "InterruptException"):
            return True
        current = current.__cause__ or current.__context__
    return False


def _engine_error(exc: BaseException, *names: str) -> bool:
    """A DuckDB exception of one of these classes (cli.py does not import duckdb)."""
    cls = type(exc)
    return cls.__module__.lstrip("_") == "duckdb" and (not names or cls.__name__ in names)


# --- errors from the environment ------------------------------------------------------------


def _no_space_hint() -> str:
    import tempfile

    return say(
        "temporary files go to {folder}; free some space there, "
        "or set TMPDIR to a folder with room",
        folder=tempfile.gettempdir(),
    )


def _environment_error(exc: BaseException) -> LeadslaError | None:
    """A failure of the machine, not of leadsla: a full disk, a file that cannot be read, no
    memory. Said plainly, with exit 2; None for anything else (a bug)."""
    import errno

    if isinstance(exc, OSError):
        reason = exc.strerror or str(exc) or type(exc).__name__
        if exc.filename is not None:
            return LeadslaError(f"{exc.filename}: {reason}")
        if exc.errno in (errno.ENOSPC, errno.EDQUOT):
            return LeadslaError(
                say("cannot write a temporary file ({reason})", reason=reason),
                hint=_no_space_hint(),
            )
        return LeadslaError(reason)
    if isinstance(exc, MemoryError):
        return LeadslaError(say("out of memory"))
    if _engine_error(exc, "IOException", "OutOfMemoryException"):
        first = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
        space = "No space left" in str(exc) or "disk" in str(exc).lower()
        return LeadslaError(
            say("the query engine could not go on: {reason}", reason=first),
            hint=_no_space_hint() if space else "",
        )
    return None


def _guard(fn: Callable[[], int]) -> NoReturn:
    """Run a command body; user errors become a message and an exit code, never a traceback."""
    try:
        code = fn()
    except (typer.Exit, SystemExit):
        raise
    except BaseException as exc:
        _handle(exc)
    raise typer.Exit(code)


def _handle(exc: BaseException) -> NoReturn:
    if _was_interrupted(exc):
        _err(stop.message())
        raise typer.Exit(stop.exit_code()) from None
    if isinstance(exc, LeadslaError):
        _fail(exc)
    if isinstance(exc, BrokenPipeError):
        # `leadsla ... | head`: the reader left; nothing more to say.
        _quiet_stdout()
        raise typer.Exit(EXIT_OK) from None
    if not isinstance(exc, Exception):
        raise exc
    if os.environ.get("LEADSLA_DEBUG"):
        raise exc
    known = _environment_error(exc)
    if known is not None:
        _fail(known)
    # a bug of ours: say so plainly, keep the traceback for reports
    first = str(exc).splitlines()[0] if str(exc) else ""
    _err(
        local(
            say(
                "leadsla: internal error: {kind}: {message}\n"
                "  this is a bug in leadsla; run again with LEADSLA_DEBUG=1 for the details and"
                " report them\n",
                kind=type(exc).__name__,
                message=first,
            )
        )
    )
    raise typer.Exit(EXIT_FAILED) from None


def _quiet_stdout() -> None:
    """Point standard output at /dev/null: what is still buffered for a stream that failed
    (a full disk, a reader that left) would fail again when Python flushes it at exit, print
    "Exception ignored" and turn the exit code into 120."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass


def _write(text: str) -> None:
    out = sys.stdout
    if out is None:
        raise CannotWrite(say("standard output is closed; nothing can be written"))
    try:
        out.write(text)
        out.flush()
    except BrokenPipeError:
        raise
    except OSError as exc:
        _quiet_stdout()
        raise CannotWrite(
            say("cannot write to standard output ({reason})", reason=exc.strerror or str(exc))
        ) from None


def _emit(
    command: str,
    fmt: str,
    result: object,
    no_color: bool,
    output: Path | None = None,
) -> None:
    """Write `result` in `fmt` (command's registry) to standard output, or atomically to
    `output`, piece by piece as the renderer streams it; colour only on a terminal. A reader
    that leaves early (`| head`) ends the writing, not the command: its verdict (the exit
    code) was known before the first line, and `set -o pipefail` must still see a breach."""
    from leadsla.render.registry import render

    pieces = render(command, fmt, result, output is None and color_enabled(no_color))
    if output is None:
        try:
            for piece in pieces:
                _write(piece)
        except BrokenPipeError:
            _quiet_stdout()
        return
    from leadsla.atomic import atomic_binary

    with atomic_binary(output) as out:
        for piece in pieces:
            out.write(piece.encode("utf-8"))


def color_enabled(no_color: bool) -> bool:
    if no_color or os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return sys.stdout is not None and sys.stdout.isatty()


# --- init / validate / schema ------------------------------------------------------------------


@app.command()
def init(
    path: Annotated[
        Path,
        typer.Argument(help="Where to write the starter SLA.", autocompletion=completion.files),
    ] = Path("sla.yaml"),
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
    export: Annotated[
        Path | None,
        typer.Option(
            "--from",
            help="Start from this CRM export (CSV): its encoding, delimiter, date formats and "
            "headers, and only the rules its columns support.",
            show_default=False,
            autocompletion=completion.files,
        ),
    ] = None,
    locale: LocaleOpt = None,
) -> None:
    """Write a commented starter SLA file (from your own export with --from)."""

    def body() -> int:
        _choose_locale(locale)
        from leadsla.commands.init import run_init
        from leadsla.i18n import _

        run_init(path, force=force, export=export)
        _err(
            _("wrote {path}; edit it, then run `leadsla validate {path}`").format(path=path) + "\n"
        )
        return EXIT_OK

    _guard(body)


@app.command()
def validate(
    files: Annotated[
        list[Path] | None,
        typer.Argument(
            help="SLA files (default: --sla).", show_default=False, autocompletion=completion.files
        ),
    ] = None,
    sla: SlaOpt = None,
    leads: Annotated[
        str | None,
        typer.Option(
            "--leads",
            help="Also check this export: the headers the SLA needs, rules that match no row.",
            show_default=False,
        ),
    ] = None,
    strict: StrictOpt = False,
    dialect: Annotated[
        str | None,
        typer.Option(
            "--dialect",
            help="Also refuse what this SQL dialect cannot run alike (see `leadsla compile`).",
            show_default=False,
        ),
    ] = None,
    fmt: Annotated[ValidateFormat, FormatOpt] = "text",
    as_of: AsOfOpt = None,
    redact: RedactOpt = False,
    quiet: QuietOpt = False,
    no_color: NoColorOpt = False,
    locale: LocaleOpt = None,
) -> None:
    """Check SLA files: load errors and lints (exit 1 when invalid, or on warnings with --strict)."""

    def body() -> int:
        _choose_locale(locale)
        from leadsla.commands.validate import run_validate

        paths = list(files or [])
        if not paths:
            from leadsla.sla.load import resolve_sla_path

            paths = [resolve_sla_path(sla)]
        elif sla:
            raise UsageError(say("give SLA files as arguments or with --sla, not both"))
        from leadsla.sla.regex_subset import DIALECTS

        if dialect is not None and dialect not in DIALECTS:
            raise UsageError(
                say(
                    "--dialect {dialect} is not one of {known}",
                    dialect=dialect,
                    known=", ".join(DIALECTS),
                )
            )
        result, code = run_validate(
            paths, as_of=as_of, strict=strict, leads=leads, redact=redact, dialect=dialect
        )
        _emit("validate", fmt, result, no_color)
        return code

    _guard(body)


@app.command()
def schema() -> None:
    """Print the JSON Schema of the SLA file (for editors and CI)."""

    def body() -> int:
        import json

        from leadsla.sla.schema import sla_schema

        _write(json.dumps(sla_schema(), indent=2, ensure_ascii=False) + "\n")
        return EXIT_OK

    _guard(body)


# --- data commands -------------------------------------------------------------------------

LeadsArg = Annotated[
    str | None,
    typer.Argument(
        help="The CRM export (CSV; - reads standard input). Default: the SLA's leads.path.",
        show_default=False,
    ),
]


class EngineChoice(StrEnum):
    duckdb = "duckdb"
    postgres = "postgres"
    spark = "spark"


EngineOpt = Annotated[
    EngineChoice,
    typer.Option(
        "--engine",
        help="Where to compute: duckdb (in process, reads LEADS), or postgres or spark (the "
        "export is a table there: --table).",
    ),
]
TableOpt = Annotated[
    str | None,
    typer.Option(
        "--table",
        help="With --engine postgres|spark: the table holding the export, its columns named as "
        "the headers (Spark: a catalog table or a Parquet path).",
        show_default=False,
    ),
]
DsnOpt = Annotated[
    str | None,
    typer.Option(
        "--dsn",
        help="With --engine postgres: the connection string (else LEADSLA_DSN, else libpq's PG* "
        "variables and .pgpass). Never printed.",
        show_default=False,
    ),
]
LineColumnOpt = Annotated[
    str | None,
    typer.Option(
        "--line-column",
        help="With --engine postgres|spark: the column numbering the rows, the id when the table "
        "has no id or e-mail column.",
        show_default=False,
    ),
]


def _notify(message: str) -> None:
    """A data command's message on stderr, in the reader's language (messages.py)."""
    _err(shown(message) + "\n")


def _options(
    leads: str | None,
    sla: str | None,
    as_of: str | None,
    errors: Path | None,
    redact: bool,
    strict: bool,
    quiet: bool,
    output: Path | None = None,
    *,
    remote: tuple[EngineChoice, str | None, str | None, str | None] | None = None,
) -> DataOptions:
    """`output`: a file the command body writes itself (report's --output), checked with the
    others before anything is read. `remote`: --engine, --table, --dsn, --line-column."""
    from leadsla.commands.common import DataOptions

    engine, table, dsn, line_column = remote or (EngineChoice.duckdb, None, None, None)
    if leads == "-" and sys.stdin is None:
        raise UsageError(say("standard input is closed: there is no export to read from `-`"))
    progress = None
    if not quiet and sys.stderr is not None and sys.stderr.isatty():
        from leadsla.render.progress import ProgressBar

        progress = ProgressBar(sys.stderr)
    return DataOptions(
        leads=leads,
        sla=sla,
        as_of=as_of,
        errors=errors,
        redact=redact,
        strict=strict,
        quiet=quiet,
        progress=progress,
        outputs=(("--output", output),) if output is not None else (),
        engine=engine.value,
        table=table,
        dsn=dsn,
        line_column=line_column,
    )


MAX_TOP = 2**63 - 1
"""The largest LIMIT the engine takes (a BIGINT)."""


@app.command()
def score(
    leads: LeadsArg = None,
    top: Annotated[
        int | None,
        typer.Option(
            "--top",
            help="Show the N best leads (table default 10; json/csv all).",
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Write the export with sla_ columns appended.",
            show_default=False,
            autocompletion=completion.files,
        ),
    ] = None,
    fmt: Annotated[ScoreFormat, FormatOpt] = "table",
    sla: SlaOpt = None,
    as_of: AsOfOpt = None,
    errors: ErrorsOpt = None,
    redact: RedactOpt = False,
    strict: StrictOpt = False,
    quiet: QuietOpt = False,
    no_color: NoColorOpt = False,
    engine: EngineOpt = EngineChoice.duckdb,
    table: TableOpt = None,
    dsn: DsnOpt = None,
    line_column: LineColumnOpt = None,
    locale: LocaleOpt = None,
) -> None:
    """Score and qualify every lead: grade x qualification, top leads, the hand-off audit."""

    def body() -> int:
        _choose_locale(locale)
        from leadsla.commands.score import run_score

        if top is not None and top > MAX_TOP:
            raise UsageError(
                say(
                    "--top {top} is more leads than any export holds (at most {most}); "
                    "leave --top out to list them all (--format json or csv)",
                    top=top,
                    most=num(MAX_TOP),
                )
            )
        shown = top if top is not None else FORMATS["score"][fmt].listing
        remote = (engine, table, dsn, line_column)
        with run_score(
            _options(leads, sla, as_of, errors, redact, strict, quiet, remote=remote),
            _notify,
            top=shown,
            output=output,
        ) as result:
            _emit("score", fmt, result, no_color)
        return EXIT_OK

    _guard(body)


@app.command()
def explain(
    lead_id: Annotated[
        str, typer.Argument(help="The lead's id (its id column, else e-mail, else line number).")
    ],
    leads: LeadsArg = None,
    show_sql: Annotated[
        bool, typer.Option("--sql", help="Print the compiled SQL query instead.")
    ] = False,
    fmt: Annotated[ExplainFormat, FormatOpt] = "table",
    sla: SlaOpt = None,
    as_of: AsOfOpt = None,
    errors: ErrorsOpt = None,
    redact: RedactOpt = False,
    strict: StrictOpt = False,
    quiet: QuietOpt = False,
    no_color: NoColorOpt = False,
    engine: EngineOpt = EngineChoice.duckdb,
    table: TableOpt = None,
    dsn: DsnOpt = None,
    line_column: LineColumnOpt = None,
    locale: LocaleOpt = None,
) -> None:
    """Every rule, point, grade, qualification and deadline of one lead."""

    def body() -> int:
        _choose_locale(locale)
        from leadsla.commands.explain import run_explain

        remote = (engine, table, dsn, line_column)

        result = run_explain(
            _options(leads, sla, as_of, errors, redact, strict, quiet, remote=remote),
            _notify,
            lead_id,
            show_sql=show_sql,
        )
        if isinstance(result, str):
            _write(result)
        else:
            _emit("explain", fmt, result, no_color)
        return EXIT_OK

    _guard(body)


class FailOn(StrEnum):
    breached = "breached"
    at_risk = "at_risk"
    never = "never"


@app.command("check-deadlines")
def check_deadlines(
    leads: LeadsArg = None,
    status: Annotated[
        str | None,
        typer.Option(
            "--status",
            help="Statuses to list: comma list of breached, at_risk, on_track, met_late, met, or all (default breached,at_risk).",
            show_default=False,
        ),
    ] = None,
    rule: Annotated[
        str | None,
        typer.Option(
            "--rule",
            help="Only this follow-up rule (its id).",
            show_default=False,
            autocompletion=completion.rules,
        ),
    ] = None,
    owner: Annotated[
        str | None,
        typer.Option("--owner", help="Only leads of this owner (person).", show_default=False),
    ] = None,
    team: Annotated[
        str | None,
        typer.Option(
            "--team",
            help="Only rules of this team.",
            show_default=False,
            autocompletion=completion.teams,
        ),
    ] = None,
    since: Annotated[
        str | None,
        typer.Option(
            "--since",
            help="Only instances that started since a DATE or a DURATION ago (7d).",
            show_default=False,
        ),
    ] = None,
    fail_on: Annotated[
        FailOn,
        typer.Option(
            "--fail-on", help="Exit 1 when items have this status (at_risk includes breached)."
        ),
    ] = FailOn.breached,
    fmt: Annotated[DeadlineFormat, FormatOpt] = "table",
    sla: SlaOpt = None,
    as_of: AsOfOpt = None,
    errors: ErrorsOpt = None,
    redact: RedactOpt = False,
    strict: StrictOpt = False,
    quiet: QuietOpt = False,
    no_color: NoColorOpt = False,
    engine: EngineOpt = EngineChoice.duckdb,
    table: TableOpt = None,
    dsn: DsnOpt = None,
    line_column: LineColumnOpt = None,
    locale: LocaleOpt = None,
) -> None:
    """Follow-up deadlines at risk or breached, worst first (exit 1 on --fail-on)."""

    def body() -> int:
        _choose_locale(locale)
        from leadsla.commands.deadlines import run_check_deadlines

        remote = (engine, table, dsn, line_column)

        with run_check_deadlines(
            _options(leads, sla, as_of, errors, redact, strict, quiet, remote=remote),
            _notify,
            status=status,
            rule=rule,
            owner=owner,
            team=team,
            since=since,
            fail_on=fail_on.value,
        ) as result:
            code = EXIT_FINDINGS if result.failing else EXIT_OK
            _emit("check-deadlines", fmt, result, no_color)
        return code

    _guard(body)


class PeriodKind(StrEnum):
    week = "week"
    month = "month"
    quarter = "quarter"


@app.command()
def report(
    leads: LeadsArg = None,
    period: Annotated[
        PeriodKind | None,
        typer.Option(
            "--period", help="week, month or quarter (default: goals.period).", show_default=False
        ),
    ] = None,
    start: Annotated[
        str | None,
        typer.Option("--from", help="First day (default: the last 8 periods).", show_default=False),
    ] = None,
    end: Annotated[
        str | None, typer.Option("--to", help="Last day (default: as-of).", show_default=False)
    ] = None,
    by: Annotated[
        str | None,
        typer.Option(
            "--by",
            help="Split every goal by this field (owner, source, grade...).",
            show_default=False,
        ),
    ] = None,
    fail_on_missed: Annotated[
        bool, typer.Option("--fail-on-missed", help="Exit 1 when a goal was missed.")
    ] = False,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Write the report to this file (atomically).",
            show_default=False,
            autocompletion=completion.files,
        ),
    ] = None,
    fmt: Annotated[ReportFormat, FormatOpt] = "table",
    sla: SlaOpt = None,
    as_of: AsOfOpt = None,
    errors: ErrorsOpt = None,
    redact: RedactOpt = False,
    strict: StrictOpt = False,
    quiet: QuietOpt = False,
    no_color: NoColorOpt = False,
    engine: EngineOpt = EngineChoice.duckdb,
    table: TableOpt = None,
    dsn: DsnOpt = None,
    line_column: LineColumnOpt = None,
    locale: LocaleOpt = None,
) -> None:
    """Both teams' goals per period: met or missed, pace of the current period, trend."""

    def body() -> int:
        _choose_locale(locale)
        from leadsla.commands.report import run_report

        remote = (engine, table, dsn, line_column)

        result = run_report(
            _options(leads, sla, as_of, errors, redact, strict, quiet, output, remote=remote),
            _notify,
            period=period.value if period else None,
            start=start,
            end=end,
            by=by,
        )
        code = EXIT_FINDINGS if fail_on_missed and result.missed else EXIT_OK
        _emit("report", fmt, result, no_color, output)
        if output is not None and not quiet:
            _notify(say("wrote {path}", path=str(output)))
        return code

    _guard(body)


@app.command()
def calendar(
    start: Annotated[
        str | None,
        typer.Option(
            "--from", help="First day (default: 1 January of the as-of year).", show_default=False
        ),
    ] = None,
    end: Annotated[
        str | None,
        typer.Option("--to", help="Last day (default: 31 December).", show_default=False),
    ] = None,
    fmt: Annotated[CalendarFormat, FormatOpt] = "table",
    sla: SlaOpt = None,
    as_of: AsOfOpt = None,
    no_color: NoColorOpt = False,
    locale: LocaleOpt = None,
) -> None:
    """Business hours, holidays (with names) and business days per month."""

    def body() -> int:
        _choose_locale(locale)
        from leadsla.commands.calendar import run_calendar

        result = run_calendar(sla, as_of, start, end)
        _emit("calendar", fmt, result, no_color)
        return EXIT_OK

    _guard(body)


@app.command("compile")
def compile_sql(
    dialect: Annotated[
        str,
        typer.Option(
            "--dialect",
            help="The engine: duckdb, postgres, spark, bigquery or snowflake.",
            show_default=False,
        ),
    ],
    table: Annotated[
        str,
        typer.Option(
            "--table",
            help="The table holding the export, its columns as text (qualified as the engine writes it).",
            show_default=False,
        ),
    ],
    what: Annotated[
        str, typer.Option("--what", help="What the script returns: scores, deadlines or goals.")
    ] = "scores",
    start: Annotated[
        str | None,
        typer.Option(
            "--from",
            help="First day of the script's business calendar (default: two years before as-of).",
            show_default=False,
        ),
    ] = None,
    end: Annotated[
        str | None,
        typer.Option(
            "--to",
            help="Last day of the script's business calendar (default: a year after as-of).",
            show_default=False,
        ),
    ] = None,
    id_column: Annotated[
        str | None,
        typer.Option(
            "--id-column",
            help="The column of lead ids (default: the SLA's leads.columns.id, else `id`).",
            show_default=False,
        ),
    ] = None,
    line_column: Annotated[
        str | None,
        typer.Option(
            "--line-column",
            help="A column whose value stands in for a blank id (as a CSV's line number).",
            show_default=False,
        ),
    ] = None,
    sla: SlaOpt = None,
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of",
            help="ISO 8601 time to judge at (default: now, the engine's clock when the script runs).",
            show_default=False,
        ),
    ] = None,
    locale: LocaleOpt = None,
) -> None:
    """Print the SLA as one SQL script for an engine (run it where the data lives)."""

    def body() -> int:
        _choose_locale(locale)
        from leadsla.commands.compile import run_compile

        text = run_compile(
            sla,
            dialect=dialect,
            table=table,
            what=what,
            as_of=as_of,
            id_column=id_column,
            line_column=line_column,
            start=start,
            end=end,
        )
        _write(text)
        if dialect == "bigquery" and len(text) > BIGQUERY_LIMIT:
            _notify(
                say(
                    "the script holds {size} characters, more than the {limit} BigQuery takes"
                    " in one query; a shorter --from/--to makes its calendar smaller",
                    size=num(len(text)),
                    limit=num(BIGQUERY_LIMIT),
                )
            )
        return EXIT_OK

    _guard(body)


BIGQUERY_LIMIT = 1024 * 1024
"""BigQuery's longest query text ("1,024K characters", its quotas page)."""


@app.command()
def calibrate(
    leads: LeadsArg = None,
    outcome: Annotated[
        str,
        typer.Option(
            "--outcome",
            help="The timestamp field of the outcome (sql_at, won_at...).",
            show_default=False,
        ),
    ] = ...,  # type: ignore[assignment]
    within: Annotated[
        str | None,
        typer.Option(
            "--within", help="Calendar time to convert (default: 90d).", show_default=False
        ),
    ] = None,
    cohort: Annotated[
        str | None,
        typer.Option(
            "--cohort",
            help="The cohort's timestamp field (default: the funnel's first step).",
            show_default=False,
        ),
    ] = None,
    start: Annotated[
        str | None,
        typer.Option(
            "--from", help="First day of the cohort (default: the earliest).", show_default=False
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Write the calibration to this file (atomically).",
            show_default=False,
            autocompletion=completion.files,
        ),
    ] = None,
    fmt: Annotated[CalibrateFormat, FormatOpt] = "table",
    sla: SlaOpt = None,
    as_of: AsOfOpt = None,
    errors: ErrorsOpt = None,
    redact: RedactOpt = False,
    strict: StrictOpt = False,
    quiet: QuietOpt = False,
    no_color: NoColorOpt = False,
    locale: LocaleOpt = None,
) -> None:
    """Do the rules predict an outcome? Lift per rule, conversion per grade and decile."""

    def body() -> int:
        _choose_locale(locale)
        from leadsla.commands.calibrate import run_calibrate

        result = run_calibrate(
            _options(leads, sla, as_of, errors, redact, strict, quiet, output),
            _notify,
            outcome=outcome,
            within=within,
            cohort=cohort,
            start=start,
        )
        _emit("calibrate", fmt, result, no_color, output)
        if output is not None and not quiet:
            _notify(say("wrote {path}", path=str(output)))
        return EXIT_OK

    _guard(body)


@app.command()
def diff(
    old: Annotated[str, typer.Argument(help="The SLA before: a file, or REV:PATH read from git.")],
    new: Annotated[str, typer.Argument(help="The SLA after: a file, or REV:PATH.")],
    leads: LeadsArg = None,
    fail_on_impact: Annotated[
        bool,
        typer.Option(
            "--fail-on-impact",
            help="Exit 1 when a lead, follow-up or goal verdict changes.",
        ),
    ] = False,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Write the diff to this file (atomically).",
            show_default=False,
            autocompletion=completion.files,
        ),
    ] = None,
    fmt: Annotated[DiffFormat, FormatOpt] = "table",
    as_of: AsOfOpt = None,
    errors: ErrorsOpt = None,
    redact: RedactOpt = False,
    strict: StrictOpt = False,
    quiet: QuietOpt = False,
    no_color: NoColorOpt = False,
    locale: LocaleOpt = None,
) -> None:
    """What a change of SLA changes: its text, and what it does to the export."""

    def body() -> int:
        _choose_locale(locale)
        from leadsla.commands.diff import run_diff

        with run_diff(
            _options(leads, None, as_of, errors, redact, strict, quiet, output),
            _notify,
            old,
            new,
        ) as result:
            impact = result.impact
            found = fail_on_impact and impact is not None and impact.any
            code = EXIT_FINDINGS if found else EXIT_OK
            _emit("diff", fmt, result, no_color, output)
        if output is not None and not quiet:
            _notify(say("wrote {path}", path=str(output)))
        return code

    _guard(body)


def main() -> None:
    stop.install()  # again: `leadsla.stop.main` did already, a direct caller may not have
    try:
        app()
    except SystemExit as exc:
        code = exc.code
        if code is None:
            code = 0
        # a signal outside a command body (while click parses) stops it too, not click's
        # "Aborted!" with 1
        if stop.stopped() and code != stop.exit_code():
            _err(stop.message())
            code = stop.exit_code()
        sys.exit(code)
    except KeyboardInterrupt:
        _err(stop.message())
        sys.exit(stop.exit_code())


__all__ = ["EXIT_FAILED", "EXIT_FINDINGS", "app", "main"]

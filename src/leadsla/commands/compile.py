"""`leadsla compile`: the SLA as one SQL script for an engine, over a table of text columns."""

from __future__ import annotations

from leadsla.commands.common import load_for_command, option_day, require
from leadsla.errors import SlaInvalid, UsageError
from leadsla.messages import say
from leadsla.sla.asof import parse_as_of
from leadsla.sla.dialect_check import dialect_problems
from leadsla.sla.regex_subset import DIALECTS

WHATS = ("scores", "deadlines", "goals")


def run_compile(
    sla_option: str | None,
    *,
    dialect: str,
    table: str,
    what: str,
    as_of: str | None,
    id_column: str | None = None,
    line_column: str | None = None,
    start: str | None = None,
    end: str | None = None,
) -> str:
    """The script's text. `as_of` None or `now`: the engine's clock when the script runs."""
    if dialect not in DIALECTS:
        raise UsageError(
            say(
                "--dialect {dialect} is not one of {known}",
                dialect=dialect,
                known=", ".join(DIALECTS),
            )
        )
    if what not in WHATS:
        raise UsageError(
            say("--what {what} is not one of {known}", what=what, known=", ".join(WHATS))
        )
    if what == "scores" and (start or end):
        raise UsageError(
            say(
                "--from and --to span the business calendar of `--what deadlines` and"
                " `--what goals`; `--what scores` has none: leave them out"
            )
        )
    loaded = load_for_command(sla_option)
    if what == "scores":
        require(loaded, "scoring", "compile --what scores")
    elif what == "deadlines":
        require(loaded, "follow_up", "compile --what deadlines")
    else:
        require(loaded, "goals", "compile --what goals")
    first = option_day(start, "--from") if start else None
    last = option_day(end, "--to") if end else None
    refused = dialect_problems(loaded, dialect)
    if refused:
        raise SlaInvalid(
            say(
                "{sla} asks what {dialect} cannot run alike; see `leadsla validate --dialect"
                " {dialect} {sla}`",
                sla=loaded.display,
                dialect=dialect,
            ),
            refused,
        )
    # sqlglot only now: the checks above are quick, and refuse without it
    from leadsla.engine.compile import CompileError, Target, compile_scores
    from leadsla.engine.compile_deadlines import compile_deadlines
    from leadsla.engine.compile_goals import compile_goals

    sla = loaded.sla
    zone = sla.calendar.timezone if sla.calendar else sla.leads.timezone or "UTC"
    when = None if as_of is None or as_of.strip().lower() == "now" else parse_as_of(as_of, zone)
    target = Target(table, id_column or sla.leads.columns.get("id", "id"), line_column)
    try:
        if what == "deadlines":
            return compile_deadlines(loaded, dialect, target, when, first, last)
        if what == "goals":
            return compile_goals(loaded, dialect, target, when, first, last)
        return compile_scores(loaded, dialect, target, when)
    except CompileError as exc:
        raise UsageError(exc.message) from None

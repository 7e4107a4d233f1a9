"""`leadsla check-deadlines`: follow-up deadlines at risk or breached, worst first."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, time
from zoneinfo import ZoneInfo

from leadsla.commands.common import (
    DataOptions,
    Notify,
    evaluate,
    load_for_command,
    open_session,
    require,
    row_summary,
    zone_of,
)
from leadsla.commands.remote import RemoteSession, remote_session
from leadsla.data.db import Connection
from leadsla.engine import deadlines as dl
from leadsla.engine.calendar import holidays_version
from leadsla.errors import UsageError
from leadsla.messages import say
from leadsla.results import STATUSES, DeadlinesResult, RowSummary, StatusCounts
from leadsla.sla.durations import parse_duration
from leadsla.sla.load import LoadedSla
from leadsla.sla.models import FollowUp

DEFAULT_STATUSES = ["breached", "at_risk"]


def parse_statuses(text: str | None) -> list[str]:
    if text is None:
        return list(DEFAULT_STATUSES)
    if text.strip().lower() == "all":
        return list(STATUSES)
    out = []
    for part in (p.strip().lower() for p in text.split(",")):
        if part not in STATUSES:
            raise UsageError(
                say(
                    "--status `{status}`: use {statuses}, a comma list of them, or all",
                    status=part,
                    statuses=", ".join(STATUSES),
                )
            )
        out.append(part)
    return out


def parse_since(text: str | None, as_of: datetime, zone: str) -> datetime | None:
    if text is None:
        return None
    try:
        return as_of - parse_duration(text).as_timedelta()
    except ValueError:
        pass
    try:
        day = datetime.fromisoformat(text.strip())
    except ValueError:
        raise UsageError(
            say("--since `{text}`: give a date (2026-11-01) or a duration (7d)", text=text)
        ) from None
    if day.tzinfo is None:
        day = (
            datetime.combine(day.date(), time(0), ZoneInfo(zone))
            if len(text.strip()) == 10
            else day.replace(tzinfo=ZoneInfo(zone))
        )
    return day


def check_rule(rules: list[FollowUp], rule: str | None, team: str | None = None) -> None:
    """A --rule or --team the SLA does not know is a typo, not an empty (green) result."""
    from leadsla.sla.conditions import suggest

    ids = [r.id for r in rules]
    if rule is not None and rule not in ids:
        raise UsageError(
            say(
                "--rule `{rule}`: no follow-up rule has that id{suggestion}; rules: {rules}",
                rule=rule,
                suggestion=suggest(rule, ids),
                rules=", ".join(ids),
            )
        )
    teams = sorted({r.owner for r in rules})
    if team is not None and team.lower() not in [t.lower() for t in teams]:
        raise UsageError(
            say(
                "--team `{team}`: no follow-up rule is owned by that team{suggestion}; teams:"
                " {teams}",
                team=team,
                suggestion=suggest(team, teams),
                teams=", ".join(teams) or say("(no follow-up rules)"),
            )
        )


@contextmanager
def run_check_deadlines(
    opts: DataOptions,
    notify: Notify,
    *,
    status: str | None,
    rule: str | None,
    owner: str | None,
    team: str | None,
    since: str | None,
    fail_on: str,
) -> Iterator[DeadlinesResult]:
    """The result, whose items are read from DuckDB while the caller writes them."""
    loaded = load_for_command(opts.sla)
    require(loaded, "follow_up", "check-deadlines")
    if fail_on not in dl.FAIL_ON:
        raise UsageError(say("--fail-on `{value}`: use breached, at_risk or never", value=fail_on))
    shown = parse_statuses(status)
    rules = list(loaded.sla.follow_up or [])
    check_rule(rules, rule, team)
    if opts.engine != "duckdb":
        with _remote_deadlines(opts, loaded, notify, rules) as session:
            yield _result(
                session.con,
                loaded,
                rules,
                session.as_of,
                session.zone,
                session.rows(),
                business=any(r.clock == "business" for r in rules),
                filters=(rule, owner, team, since),
                shown=shown,
                fail_on=fail_on,
            )
        return
    with open_session(opts, loaded, ["follow_up"], notify) as session:
        business = evaluate(session, rules)
        result = _result(
            session.export.con,
            loaded,
            rules,
            session.as_of,
            session.zone,
            row_summary(session.export),
            business=business is not None,
            filters=(rule, owner, team, since),
            shown=shown,
            fail_on=fail_on,
        )
        session.finish()
        yield result


REMOTE_ITEMS = "remote_items"


@contextmanager
def _remote_deadlines(
    opts: DataOptions, loaded: LoadedSla, notify: Notify, rules: list[FollowUp]
) -> Iterator[RemoteSession]:
    """`check-deadlines --engine postgres|spark`: `compile --what deadlines`' script runs
    there (its business calendar spans the table's starts: RemoteSession.calendar_span);
    its items come into the command's DuckDB as
    `_deadlines`, which the summaries and listings read as for a CSV."""
    from leadsla.engine.compile import CompileError
    from leadsla.engine.remote.scripts import deadlines_script

    with remote_session(opts, loaded, ["follow_up"], notify, zone_of(loaded)) as session:
        try:
            script = deadlines_script(
                loaded,
                session.engine.dialect,
                session.target(),
                session.as_of,
                span=session.calendar_span(),
            )
        except CompileError as exc:
            raise UsageError(exc.message) from None
        session.fetch(script, REMOTE_ITEMS)
        session.data_warnings(dl.load_items(session.con, REMOTE_ITEMS, rules))
        yield session


def _result(
    con: Connection,
    loaded: LoadedSla,
    rules: list[FollowUp],
    as_of: datetime,
    zone: str,
    rows: RowSummary,
    *,
    business: bool,
    filters: tuple[str | None, str | None, str | None, str | None],
    shown: list[str],
    fail_on: str,
) -> DeadlinesResult:
    """The result from the tables `_deadlines` and `_rules` of `con`."""
    rule, owner, team, since = filters
    found = dl.Filters(rule, owner, team, parse_since(since, as_of, zone))
    names = {r.id: r.name for r in rules}

    def summary(key: str) -> list[StatusCounts]:
        return [
            StatusCounts(k, c, comp, names.get(k) if key == "rule" else None, t)
            for k, t, c, comp in dl.summarise(con, found, key)
        ]

    return DeadlinesResult(
        as_of=as_of,
        sla_name=loaded.sla.name,
        rows=rows,
        holidays_version=holidays_version() if business else None,
        counts=dl.total_counts(con, found),
        rules=summary("rule"),
        owners=summary("owner"),
        teams=summary("team"),
        items=dl.items(con, found, shown, zone),
        item_count=dl.count(con, found, shown),
        shown_statuses=shown,
        failing=dl.count(con, found, list(dl.FAIL_ON[fail_on])),
        fail_on=fail_on,
        zone=zone,
        facts=dl.rule_facts(rules),
    )

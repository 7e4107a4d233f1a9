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
)
from leadsla.engine import deadlines as dl
from leadsla.engine.calendar import holidays_version
from leadsla.errors import UsageError
from leadsla.messages import say
from leadsla.results import STATUSES, DeadlinesResult, StatusCounts
from leadsla.sla.durations import parse_duration
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
    with open_session(opts, loaded, ["follow_up"], notify) as session:
        business = evaluate(session, rules)
        zone = session.zone
        filters = dl.Filters(rule, owner, team, parse_since(since, session.as_of, zone))
        con = session.export.con
        names = {r.id: r.name for r in rules}

        def summary(key: str) -> list[StatusCounts]:
            return [
                StatusCounts(k, c, comp, names.get(k) if key == "rule" else None, t)
                for k, t, c, comp in dl.summarise(con, filters, key)
            ]

        result = DeadlinesResult(
            as_of=session.as_of,
            sla_name=loaded.sla.name,
            rows=row_summary(session.export),
            holidays_version=holidays_version() if business is not None else None,
            counts=dl.total_counts(con, filters),
            rules=summary("rule"),
            owners=summary("owner"),
            teams=summary("team"),
            items=dl.items(con, filters, shown, zone),
            item_count=dl.count(con, filters, shown),
            shown_statuses=shown,
            failing=dl.count(con, filters, list(dl.FAIL_ON[fail_on])),
            fail_on=fail_on,
            zone=zone,
            facts=dl.rule_facts(rules),
        )
        session.finish()
        yield result

"""`leadsla check-deadlines`: follow-up deadlines at risk or breached, worst first."""

from __future__ import annotations

from datetime import datetime, time
from zoneinfo import ZoneInfo

from leadsla.commands.common import (
    DataOptions,
    Notify,
    Session,
    load_for_command,
    open_session,
    require,
    row_summary,
    zone_of,
)
from leadsla.data.accounting import RowWarning
from leadsla.engine import deadlines as dl
from leadsla.engine.calendar import BusinessCalendar, holidays_version
from leadsla.engine.derive import Deriver
from leadsla.errors import UsageError
from leadsla.results import STATUSES, DeadlinesResult, StatusCounts
from leadsla.sla.durations import parse_duration
from leadsla.sla.models import FollowUp
from leadsla.sla.needs import sections_for

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
                f"--status `{part}`: use {', '.join(STATUSES)}, a comma list of them, or all"
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
        raise UsageError(f"--since `{text}`: give a date (2026-11-01) or a duration (7d)") from None
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
            f"--rule `{rule}`: no follow-up rule has that id{suggest(rule, ids)}; rules: {', '.join(ids)}"
        )
    teams = sorted({r.owner for r in rules})
    if team is not None and team.lower() not in [t.lower() for t in teams]:
        raise UsageError(
            f"--team `{team}`: no follow-up rule is owned by that team{suggest(team, teams)}; "
            f"teams: {', '.join(teams) or '(no follow-up rules)'}"
        )


def evaluate(
    session: Session, rules: list[FollowUp], deriver: Deriver | None = None
) -> BusinessCalendar | None:
    """Build the deadline tables for `rules` in the session's DuckDB; note ignored early stops."""
    loaded, export = session.loaded, session.export
    sla = loaded.sla
    if deriver is None:
        deriver = Deriver(sla, export.types, session.as_of, sections_for(loaded, {"follow_up"}))
    zone = zone_of(loaded)
    business = dl.prepare(
        export.con,
        deriver,
        rules,
        sla.calendar,
        session.as_of,
        dl.effective_instant(sla.effective, zone),
        owner=export.has("owner"),
    )
    headers = export.source.headers
    tz = ZoneInfo(zone)  # in the calendar's zone, as every timestamp we print
    starts = {r.id: r.start for r in rules}
    for row, rule, field, stop in dl.early_warnings(export.con):
        # The line names the row; the reason holds no cell value, so --redact hides them all.
        export.accounting.warnings.append(
            RowWarning(
                row,
                headers[export.columns[field]] if field in export.columns else "",
                field,
                stop.astimezone(tz).isoformat(),
                f"rule {rule}: before its start (`{starts[rule]}`); ignored",
            )
        )
    return business


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
    limit: int | None = None,
) -> DeadlinesResult:
    """`limit`: list only the worst items (a table shows 200; JSON and CSV list all)."""
    loaded = load_for_command(opts.sla)
    require(loaded, "follow_up", "check-deadlines")
    if fail_on not in dl.FAIL_ON:
        raise UsageError(f"--fail-on `{fail_on}`: use breached, at_risk or never")
    shown = parse_statuses(status)
    rules = list(loaded.sla.follow_up or [])
    check_rule(rules, rule, team)
    zone = zone_of(loaded)
    with open_session(opts, loaded, ["follow_up"], notify) as session:
        business = evaluate(session, rules)
        filters = dl.Filters(rule, owner, team, parse_since(since, session.as_of, zone))
        con = session.export.con
        items = dl.items(con, filters, shown, zone, limit)
        item_count = dl.count(con, filters, shown)
        fail_statuses = list(dl.FAIL_ON[fail_on])
        failing = dl.count(con, filters, fail_statuses)
        rules_summary = [
            StatusCounts(k, c, comp, team=t) for k, t, c, comp in dl.summarise(con, filters, "rule")
        ]
        owners = [
            StatusCounts(k, c, comp) for k, _t, c, comp in dl.summarise(con, filters, "owner")
        ]
        teams = [StatusCounts(k, c, comp) for k, _t, c, comp in dl.summarise(con, filters, "team")]
        names = {r.id: r.name for r in rules}
        rules_summary = [
            StatusCounts(s.key, s.counts, s.compliance, names.get(s.key), s.team)
            for s in rules_summary
        ]
        return DeadlinesResult(
            as_of=session.as_of,
            sla_name=loaded.sla.name,
            rows=row_summary(session.export),
            holidays_version=holidays_version() if business is not None else None,
            counts=dl.total_counts(con, filters),
            rules=rules_summary,
            owners=owners,
            teams=teams,
            items=items,
            shown_statuses=shown,
            failing=failing,
            item_count=item_count,
            fail_on=fail_on,
            zone=zone,
        )

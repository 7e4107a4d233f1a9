"""`leadsla report`: both teams' goals per period, met or missed, with pace and trend."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from leadsla.commands.common import (
    DataOptions,
    Notify,
    evaluate,
    load_for_command,
    open_session,
    option_day,
    require,
    row_summary,
    zone_of,
)
from leadsla.data.db import Connection
from leadsla.engine import deadlines as dl
from leadsla.engine import goals as gl
from leadsla.engine.calendar import BusinessCalendar, holidays_version
from leadsla.engine.derive import Deriver
from leadsla.engine.periods import Period
from leadsla.engine.periods import periods as make_periods
from leadsla.errors import MissingSection, UsageError
from leadsla.messages import say, say_n
from leadsla.results import (
    FunnelStep,
    GoalValue,
    PeriodResult,
    ReportResult,
    ReviewInfo,
    RowSummary,
    StatusCounts,
)
from leadsla.sla.load import LoadedSla
from leadsla.sla.models import TIME_METRICS, Sla
from leadsla.sla.needs import sections_for


def _date(text: str | None, option: str) -> date | None:
    return None if text is None else option_day(text, option)


def review_info(sla: Sla, today: date) -> ReviewInfo | None:
    if sla.review is None:
        return None
    last = sla.review.last_reviewed
    due = last + timedelta(minutes=sla.review.every.calendar_minutes) if last else None
    return ReviewInfo(str(sla.review.every), last, due, bool(due and today > due))


def run_report(
    opts: DataOptions,
    notify: Notify,
    *,
    period: str | None,
    start: str | None,
    end: str | None,
    by: str | None,
) -> ReportResult:
    loaded = load_for_command(opts.sla)
    require(loaded, "goals", "report")
    sla = loaded.sla
    assert sla.goals is not None
    kind = period or sla.goals.period
    if kind not in ("week", "month", "quarter"):
        raise UsageError(say("--period `{kind}`: use week, month or quarter", kind=kind))
    first, last = _date(start, "--from"), _date(end, "--to")
    if first and last and last < first:
        raise UsageError(
            say("--to {last} is before --from {first}", last=str(last), first=str(first))
        )
    business_goals = [g.id for g in sla.goals.targets if gl.uses_business(g)]
    if business_goals and sla.calendar is None:
        raise MissingSection(
            say_n(
                "goal {goals} measures business time, which needs a `calendar` section "
                "(or say `clock: calendar` on the goal)",
                "goals {goals} measure business time, which needs a `calendar` section "
                "(or say `clock: calendar` on the goal)",
                len(business_goals),
                goals=", ".join(business_goals),
            )
        )
    base = gl.goal_sections(sla, by)
    extra = [by] if by and by not in gl.SCORED_GROUPS | {"funnel_stage"} else []
    if opts.engine != "duckdb":
        return _remote_report(
            opts, loaded, notify, kind=kind, first=first, last=last, by=by, extra=extra
        )
    with open_session(opts, loaded, base, notify, extra_fields=extra) as session:
        export, as_of, zone = session.export, session.as_of, session.zone
        sections = sections_for(loaded, base)
        deriver = Deriver(sla, export.types, as_of, sections)
        periods = make_periods(kind, as_of, zone, first, last, sla.effective)
        business = evaluate(session, list(sla.follow_up), deriver) if sla.follow_up else None
        # targets hold for goals.period: another --period shows values without verdicts
        run = gl.evaluate_periods(
            export.con, sla, deriver, periods,
            kind=kind, as_of=as_of, zone=zone, by=by, judged=kind == sla.goals.period,
            business=business,
        )  # fmt: skip
        business = run.business
        out_periods = [
            PeriodResult(p.label, p.start, p.end, p.end <= as_of, values)
            for p, values in zip(periods, run.periods, strict=True)
        ]
        since = periods[0].start if periods else as_of
        compliance = _compliance(export.con, since) if sla.follow_up else ([], [])
        funnel = gl.funnel_steps(export.con, sla, deriver, since) if sla.funnel else []
        return _result(
            sla, as_of, kind, zone, by, out_periods, business is not None, funnel, since,
            compliance, row_summary(export),
        )  # fmt: skip


def _compliance(con: Connection, since: datetime) -> tuple[list[StatusCounts], list[StatusCounts]]:
    """The follow-ups' compliance per rule and per owner since `since` (from `_deadlines`)."""
    filters = dl.Filters(since=since)
    rules = [
        StatusCounts(k, c, comp, team=t) for k, t, c, comp in dl.summarise(con, filters, "rule")
    ]
    owners = [StatusCounts(k, c, comp) for k, _t, c, comp in dl.summarise(con, filters, "owner")]
    return rules, owners


def _result(
    sla: Sla,
    as_of: datetime,
    kind: str,
    zone: str,
    by: str | None,
    periods: list[PeriodResult],
    business: bool,
    funnel: list[FunnelStep],
    since: datetime,
    compliance: tuple[list[StatusCounts], list[StatusCounts]],
    rows: RowSummary,
) -> ReportResult:
    """The result (a CSV's run and an engine's alike). `business`: business time was
    computed (the holidays' version is then shown)."""
    assert sla.goals is not None
    missed = sum(1 for p in periods for v in p.goals if v.verdict == "missed")
    uses_calendar = business or any(g.metric in TIME_METRICS for g in sla.goals.targets)
    return ReportResult(
        as_of=as_of,
        sla_name=sla.name,
        period=kind,
        zone=zone,
        owners=dict(sla.owners or {}),
        review=review_info(sla, as_of.date()),
        by=by,
        periods=periods,
        holidays_version=holidays_version() if uses_calendar and sla.calendar else None,
        funnel=funnel,
        funnel_since=since if funnel else None,
        compliance_rules=compliance[0],
        compliance_owners=compliance[1],
        missed=missed,
        rows=rows,
        goals_period=sla.goals.period,
    )


def _remote_report(
    opts: DataOptions,
    loaded: LoadedSla,
    notify: Notify,
    *,
    kind: str,
    first: date | None,
    last: date | None,
    by: str | None,
    extra: list[str],
) -> ReportResult:
    """`report --engine postgres|spark`: `compile --what goals`' script (with each group's
    first data) runs there for the values, sizes, met and maturing of the periods shown
    (`--period`, `--from`, `--to`) and the groups (`for_each`, else `--by`); the follow-ups'
    items (check-deadlines' script) for the compliance, and a count script for the funnel.
    The verdicts, pace (the share of the period gone by, on a local calendar) and targets are
    decided here as for a CSV (engine/goals.py)."""
    from leadsla.commands.remote import remote_session
    from leadsla.engine.compile import CompileError
    from leadsla.engine.compile_deadlines import default_range
    from leadsla.engine.compile_goals import Shown
    from leadsla.engine.remote.scripts import deadlines_script, funnel_script, goals_script

    sla = loaded.sla
    assert sla.goals is not None
    zone = zone_of(loaded)
    base = gl.goal_sections(sla, by)
    with remote_session(opts, loaded, base, notify, zone, tuple(extra)) as session:
        as_of, dialect, target = session.as_of, session.engine.dialect, session.target()
        span = session.calendar_span()
        shown = make_periods(kind, as_of, zone, first, last, sla.effective)
        if shown:
            # the script's calendar holds the periods shown, --from's too (and a week before)
            early = shown[0].first - timedelta(days=7)
            lo, hi = span or default_range(as_of, zone)
            span = (min(lo, early), hi)
        try:
            script, periods = goals_script(
                loaded, dialect, target, as_of, span=span, shown=Shown(kind, first, last, by)
            )
            if sla.follow_up:
                items = deadlines_script(loaded, dialect, target, as_of, span=span)
        except CompileError as exc:
            raise UsageError(exc.message) from None
        values: list[list[GoalValue]] = [[] for _ in periods]
        if periods:
            session.fetch(script, REMOTE_GOALS)
            values = _goal_values(
                session.con, sla, periods, as_of, zone, by, kind == sla.goals.period
            )
        out_periods = [
            PeriodResult(p.label, p.start, p.end, p.end <= as_of, v)
            for p, v in zip(periods, values, strict=True)
        ]
        since = periods[0].start if periods else as_of
        compliance: tuple[list[StatusCounts], list[StatusCounts]] = ([], [])
        if sla.follow_up:
            session.fetch(items, REMOTE_ITEMS)
            session.data_warnings(dl.load_items(session.con, REMOTE_ITEMS, list(sla.follow_up)))
            compliance = _compliance(session.con, since)
        funnel: list[FunnelStep] = []
        if sla.funnel and sla.funnel.stages:
            session.fetch(funnel_script(loaded, dialect, target, as_of, since), REMOTE_FUNNEL)
            reached = [int(n or 0) for n in session.con.execute(
                f"SELECT * FROM {REMOTE_FUNNEL}"
            ).fetchall()[0]]  # fmt: skip
            funnel = gl.funnel_from_counts(sla, reached)
        return _result(
            sla, as_of, kind, zone, by, out_periods, bool(periods), funnel, since, compliance,
            session.rows(),
        )  # fmt: skip


REMOTE_GOALS = "remote_goals"
REMOTE_ITEMS = "remote_items"
REMOTE_FUNNEL = "remote_funnel"


def _goal_values(
    con: Connection,
    sla: Sla,
    periods: list[Period],
    as_of: datetime,
    zone: str,
    by: str | None,
    judged: bool,
) -> list[list[GoalValue]]:
    """Each period's goal values from the goals script's rows (`remote_goals`), in report's
    order (the goals' order, then each goal's groups in binary order). `judged`: the period
    is `goals.period` (targets hold for it only); a `--by` group has no target (target_for)."""
    assert sla.goals is not None and periods
    goals = list(sla.goals.targets)
    index = {g.id: i for i, g in enumerate(goals)}
    business = None
    if sla.calendar is not None:
        # as engine/goals.py's evaluate_periods: the periods and past as-of (for the pace)
        business = BusinessCalendar(
            sla.calendar,
            periods[0].first - timedelta(days=7),
            as_of.astimezone(ZoneInfo(zone)).date() + timedelta(days=120),
        )
    found = con.execute(
        f"""SELECT goal, period_start, "group", value, size, met, maturing, "first"
            FROM {REMOTE_GOALS}"""
    ).fetchall()
    by_start = {p.start: k for k, p in enumerate(periods)}
    out: list[list[tuple[int, bytes, GoalValue]]] = [[] for _ in periods]
    for goal_id, start, group, value, size, met, is_maturing, first in found:
        k = by_start[start]
        goal = goals[index[goal_id]]
        group_name = group if goal.for_each or by else gl.NO_GROUP
        value = None if value is None else float(value)
        target = gl.target_for(goal, group_name, by, judged)
        out[k].append(
            (
                index[goal_id],
                str(group_name).encode(),
                gl.goal_value(
                    goal, periods[k], group_name, as_of, business,
                    value=value, size=int(size or 0), met=met if target is not None else None,
                    is_maturing=bool(is_maturing), target=target, first=first, by=by,
                ),
            )
        )  # fmt: skip
    return [[v for _i, _g, v in sorted(values, key=lambda t: t[:2])] for values in out]

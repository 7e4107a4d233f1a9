"""`leadsla report`: both teams' goals per period, met or missed, with pace and trend."""

from __future__ import annotations

from datetime import date, timedelta

from leadsla.commands.common import (
    DataOptions,
    Notify,
    evaluate,
    load_for_command,
    open_session,
    option_day,
    require,
    row_summary,
)
from leadsla.engine import deadlines as dl
from leadsla.engine import goals as gl
from leadsla.engine.calendar import holidays_version
from leadsla.engine.derive import Deriver
from leadsla.engine.periods import periods as make_periods
from leadsla.errors import MissingSection, UsageError
from leadsla.messages import say, say_n
from leadsla.results import PeriodResult, ReportResult, ReviewInfo, StatusCounts
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
        rules = owners = []
        if sla.follow_up:
            filters = dl.Filters(since=since)
            rules = [
                StatusCounts(k, c, comp, team=t)
                for k, t, c, comp in dl.summarise(export.con, filters, "rule")
            ]
            owners = [
                StatusCounts(k, c, comp)
                for k, _t, c, comp in dl.summarise(export.con, filters, "owner")
            ]
        funnel = gl.funnel_steps(export.con, sla, deriver, since) if sla.funnel else []
        missed = sum(1 for p in out_periods for v in p.goals if v.verdict == "missed")
        uses_calendar = business is not None or any(
            g.metric in TIME_METRICS for g in sla.goals.targets
        )
        return ReportResult(
            as_of=as_of,
            sla_name=sla.name,
            period=kind,
            zone=zone,
            owners=dict(sla.owners or {}),
            review=review_info(sla, as_of.date()),
            by=by,
            periods=out_periods,
            holidays_version=holidays_version() if uses_calendar and sla.calendar else None,
            funnel=funnel,
            funnel_since=since if funnel else None,
            compliance_rules=rules,
            compliance_owners=owners,
            missed=missed,
            rows=row_summary(export),
            goals_period=sla.goals.period,
        )

"""`leadsla calibrate`: do the SLA's rules predict an outcome? Counts per rule, grade, decile."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from leadsla.commands.common import (
    DataOptions,
    Notify,
    Session,
    load_for_command,
    open_session,
    option_day,
    require,
    row_summary,
    zone_of,
)
from leadsla.data.health import ReadSettings, check_fields, field_counts
from leadsla.engine import calibrate as cal
from leadsla.engine.derive import Deriver
from leadsla.engine.scoring import grade_labels
from leadsla.errors import ExportUnreadable, LeadslaError, UsageError
from leadsla.messages import cat, join, say
from leadsla.results import CalibrateResult
from leadsla.sla.durations import parse_duration
from leadsla.sla.load import LoadedSla
from leadsla.sla.needs import sections_for
from leadsla.sla.semantics import DERIVED, FieldTypes

SECTIONS = ("funnel", "scoring", "qualification")
DEFAULT_WITHIN = "90d"


class EmptyCohort(LeadslaError):
    """No lead's cohort timestamp is in the range: nothing to calibrate (exit 2)."""


def _timestamp_field(loaded: LoadedSla, name: str, option: str) -> LoadedSla:
    """`loaded` reading `name` as a timestamp: a field the SLA uses as another type, or a
    derived field, cannot be one."""
    if name in DERIVED:
        raise UsageError(
            say(
                "{option} {field}: a derived field is not a timestamp; name a date field of the"
                " export",
                option=option,
                field=name,
            )
        )
    known = loaded.types.types.get(name)
    if known is not None and known != "timestamp":
        raise UsageError(
            say(
                "{option} {field}: the SLA reads this field as {type}, not as a timestamp",
                option=option,
                field=name,
                type=known,
            )
        )
    if known == "timestamp":
        return loaded
    types = FieldTypes({**loaded.types.types, name: "timestamp"}, loaded.types.uses)
    return replace(loaded, types=types)


def run_calibrate(
    opts: DataOptions,
    notify: Notify,
    *,
    outcome: str,
    within: str | None,
    cohort: str | None,
    start: str | None,
) -> CalibrateResult:
    loaded = load_for_command(opts.sla)
    require(loaded, "scoring", "calibrate")
    sla = loaded.sla
    within_text = DEFAULT_WITHIN if within is None else within
    try:
        window_length = parse_duration(within_text)
    except ValueError as exc:
        raise UsageError(say("--within: {why}", why=str(exc))) from None
    if cohort is None:
        if sla.funnel is None or not sla.funnel.stages:
            raise UsageError(
                say(
                    "--cohort is required: the SLA has no funnel whose first step would give"
                    " the cohort's timestamp"
                )
            )
        cohort = sla.funnel.stages[0].entered
    loaded = _timestamp_field(loaded, cohort, "--cohort")
    loaded = _timestamp_field(loaded, outcome, "--outcome")
    zone = zone_of(loaded)
    first = option_day(start, "--from") if start is not None else None
    extra = list(dict.fromkeys((cohort, outcome)))
    with open_session(opts, loaded, SECTIONS, notify, extra_fields=extra) as session:
        export, as_of = session.export, session.as_of
        _readable(session, {cohort: "--cohort", outcome: "--outcome"}, redact=opts.redact)
        minutes = window_length.calendar_minutes
        window = cal.Window(
            cohort,
            outcome,
            minutes,
            datetime.combine(first, time(0), ZoneInfo(zone)) if first is not None else None,
            as_of - timedelta(minutes=minutes),
        )
        deriver = Deriver(sla, export.types, as_of, sections_for(loaded, set(SECTIONS)))
        flags = cal.rule_flags(deriver)
        counts = cal.count(export.con, deriver, flags, window)
        session.finish()
        if counts.size == 0:
            raise EmptyCohort(_empty(window, within_text, zone))
        return CalibrateResult(
            as_of=as_of,
            sla_name=sla.name,
            zone=zone,
            outcome=outcome,
            within_minutes=minutes,
            within=within_text,
            cohort=cal.cohort_result(window, counts),
            rules=cal.rules_result(flags, counts),
            grades=cal.grades_result(grade_labels(sla), counts),
            mql=cal.mql_result(
                counts, sla.qualification is not None and sla.qualification.mql is not None
            ),
            deciles=cal.deciles_result(counts),
            rows=row_summary(export),
        )


def _readable(session: Session, options: dict[str, str], *, redact: bool) -> None:
    """The cohort and outcome fields must be readable: a field of the command line is kept out
    of the export's account, and one the SLA uses elsewhere (a follow-up's stop) is only a
    warning there; calibrating on dates nobody can read would count no conversion at all."""
    export, sla = session.export, session.loaded.sla
    counts = field_counts(export, list(options))
    settings = ReadSettings(
        list(sla.leads.date_formats),
        sla.leads.decimal,
        sla.leads.timezone or session.zone,
        sla.leads.max_unreadable,
    )
    health = check_fields(export, counts, settings, redact)
    if health.unhealthy:
        session.finish()
        raise ExportUnreadable(
            cat(
                join("\nleadsla: ", [f.message for f in health.unhealthy]),
                *(cat("\n  ", line) for line in health.advice),
            )
        )
    if not export.accounting.used:
        return  # no row at all: the empty cohort says so
    for fc in counts:
        if fc.non_blank == 0:
            session.finish()
            raise ExportUnreadable(
                say(
                    "{name}: {option} `{field}` (column `{header}`) is blank in every row:"
                    " nothing to calibrate; name the field that holds the date",
                    name=export.source.name,
                    option=options[fc.field],
                    field=fc.field,
                    header=fc.header,
                )
            )


def _empty(window: cal.Window, within: str, zone: str) -> str:
    tz = ZoneInfo(zone)
    end = window.end.astimezone(tz).isoformat(timespec="minutes")
    if window.start is None:
        return say(
            "the cohort is empty: no lead has {field} on or before {end} (the as-of time less"
            " --within {within}); nothing to calibrate",
            field=window.cohort,
            end=end,
            within=within,
        )
    return say(
        "the cohort is empty: no lead has {field} from {start} to {end} (--from to the as-of"
        " time less --within {within}); nothing to calibrate",
        field=window.cohort,
        start=window.start.astimezone(tz).isoformat(timespec="minutes"),
        end=end,
        within=within,
    )

"""`calibrate` results: JSON, a terminal table, Markdown (HTML in calibrate_html)."""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

from rich.console import Group
from rich.text import Text

from leadsla.i18n import _, fmt_datetime, fmt_int, fmt_number, fmt_percent, ngettext
from leadsla.render.console import to_text
from leadsla.render.console import width as console_width
from leadsla.render.escape import Md, one_line
from leadsla.render.escape import markdown as md
from leadsla.render.escape import row as md_row
from leadsla.render.fitting import Col, fit, left_out
from leadsla.render.jsonout import dumps, header, iso
from leadsla.results import CalibrateResult, DecileCalibration, RuleCalibration

BAR = 30
"""The calibration chart's longest bar, in characters."""


def _number(x: float | None) -> int | float | None:
    """A whole number as an int in JSON (25, not 25.0)."""
    if x is None:
        return None
    return int(x) if float(x).is_integer() else x


def json_doc(result: CalibrateResult) -> str:
    zone = ZoneInfo(result.zone)
    c = result.cohort
    doc = header(result.as_of)
    doc["outcome"] = result.outcome
    doc["within_minutes"] = result.within_minutes
    doc["cohort"] = {
        "field": c.field,
        "from": iso(c.start.astimezone(zone)) if c.start is not None else None,
        "to": iso(c.end.astimezone(zone)),
        "size": c.size,
        "converted": c.converted,
        "rate": c.rate,
    }
    doc["rules"] = [
        {
            "part": r.part,
            "name": r.name,
            "points": _number(r.points),
            "fired": r.fired,
            "fired_converted": r.fired_converted,
            "not_fired": r.not_fired,
            "not_fired_converted": r.not_fired_converted,
            "rate_fired": r.rate_fired,
            "rate_not_fired": r.rate_not_fired,
            "lift": r.lift,
            "lift_low": r.lift_low,
            "lift_high": r.lift_high,
            "suggested_points": r.suggested_points,
            "evidence": r.evidence,
        }
        for r in result.rules
    ]
    doc["grades"] = [
        {"grade": g.grade, "size": g.size, "converted": g.converted, "rate": g.rate}
        for g in result.grades
    ]
    m = result.mql
    doc["mql"] = {
        "size": m.size,
        "converted": m.converted,
        "precision": m.precision,
        "recall": m.recall,
    }
    doc["deciles"] = [
        {
            "decile": d.decile,
            "min_score": d.min_score,
            "max_score": d.max_score,
            "size": d.size,
            "converted": d.converted,
            "rate": d.rate,
        }
        for d in result.deciles
    ]
    return dumps(doc)


# -- words shared by the table, Markdown and HTML ----------------------------------------------


def by_lift(rules: list[RuleCalibration]) -> list[RuleCalibration]:
    """The rules by lift, highest first; those without a lift last, in the SLA's order."""
    return sorted(rules, key=lambda r: (r.lift is None, -(r.lift or 0.0)))


def rate(x: float | None) -> str:
    return "–" if x is None else fmt_percent(x)


def lift(x: float | None) -> str:
    return "–" if x is None else fmt_number(x, 2)


def interval(r: RuleCalibration) -> str:
    if r.lift_low is None or r.lift_high is None:
        return "–"
    return f"{fmt_number(r.lift_low, 2)}–{fmt_number(r.lift_high, 2)}"


def points(x: float | int | None) -> str:
    return "–" if x is None else fmt_number(float(x), 2)


def part_word(part: str) -> str:
    words = {
        # i18n: the part of the SLA a rule belongs to (scoring.fit)
        "fit": _("fit"),
        # i18n: the part of the SLA a rule belongs to (scoring.engagement)
        "engagement": _("engagement"),
        # i18n: the part of the SLA a rule belongs to (qualification.disqualify)
        "disqualify": _("disqualify"),
        "mql": "MQL",
    }
    return words.get(part, part)


def scores(d: DecileCalibration) -> str:
    if d.min_score is None or d.max_score is None:
        return "–"
    low, high = fmt_number(d.min_score), fmt_number(d.max_score)
    return low if low == high else f"{low}–{high}"


def headline(result: CalibrateResult) -> list[str]:
    zone = ZoneInfo(result.zone)
    c = result.cohort
    lines = [
        _("Calibration of {sla} against {outcome} within {within}").format(
            sla=result.sla_name, outcome=result.outcome, within=result.within
        ),
        _("Cohort: {field} from {start} to {end}").format(
            field=c.field,
            start=fmt_datetime(c.start.astimezone(zone)) if c.start is not None else "–",
            end=fmt_datetime(c.end.astimezone(zone)),
        ),
        ngettext(
            "{n} lead, {converted} converted ({rate})",
            "{n} leads, {converted} converted ({rate})",
            c.size,
        ).format(n=fmt_int(c.size), converted=fmt_int(c.converted), rate=rate(c.rate)),
    ]
    m = result.mql
    lines.append(
        ngettext(
            "MQL definition: {n} MQL, {converted} converted; precision {precision},"
            " recall {recall}",
            "MQL definition: {n} MQLs, {converted} converted; precision {precision},"
            " recall {recall}",
            m.size,
        ).format(
            n=fmt_int(m.size),
            converted=fmt_int(m.converted),
            precision=rate(m.precision),
            recall=rate(m.recall),
        )
    )
    return lines


def reading_note() -> str:
    return _(
        "lift: conversion rate when the rule fires ÷ rate when it does not; the interval"
        " ({level}) excludes 1 when there is evidence (*). Counts are the export as it is now,"
        " not as it was at the time."
    ).format(level=fmt_percent(0.95, 0))


def bar(share: float | None, top: float) -> str:
    if share is None or top <= 0:
        return ""
    return "█" * max(1 if share > 0 else 0, round(share / top * BAR))


# -- the terminal table ------------------------------------------------------------------------


def _rule_cols(rules: list[RuleCalibration]) -> list[Col]:
    return [
        # i18n: column header: the rule of the SLA
        Col(_("rule"), [r.name for r in rules], floor=12),
        # i18n: column header: fit, engagement, disqualify or MQL
        Col(_("part"), [part_word(r.part) for r in rules], drop=4),
        # i18n: column header: how many leads the rule fired for
        Col(_("fired"), [fmt_int(r.fired) for r in rules], drop=3, justify="right"),
        # i18n: column header: conversion rate of the leads the rule fired for
        Col(_("rate fired"), [rate(r.rate_fired) for r in rules], drop=2, justify="right"),
        # i18n: column header: conversion rate of the leads the rule did not fire for
        Col(_("rate not fired"), [rate(r.rate_not_fired) for r in rules], drop=2, justify="right"),
        Col(
            # i18n: column header: rate fired ÷ rate not fired; * marks evidence
            _("lift"),
            [lift(r.lift) + (" *" if r.evidence else "") for r in rules],
            justify="right",
            whole=True,
        ),
        # i18n: column header: the 95 percent confidence interval of the lift
        Col(_("interval"), [interval(r) for r in rules], drop=1, whole=True),
        # i18n: column header: the rule's points in the SLA
        Col(_("points"), [points(r.points) for r in rules], drop=3, justify="right"),
        # i18n: column header: the points the evidence suggests
        Col(_("suggested"), [points(r.suggested_points) for r in rules], drop=1, justify="right"),
    ]


def table(result: CalibrateResult, color: bool, cols: int | None = None) -> str:
    width = cols or console_width()
    # the SLA's name and fields head it: shown, not obeyed (`to_text` cleans only what it is
    # given, not the inside of a Group)
    parts: list[Any] = [Text(one_line(line), overflow="fold") for line in headline(result)]
    rules = by_lift(result.rules)
    # i18n: title of the table of rules against the outcome
    fitted = fit(_rule_cols(rules), width, _("Rules by lift"))
    # i18n: {columns} lists column headers left out of a table too wide for the terminal
    note = _("(not shown at this width: {columns})")
    parts += [Text(""), fitted.renderable, *left_out(fitted.dropped, note)]
    parts.append(Text(reading_note(), style="dim", overflow="fold"))
    grades = fit(
        [
            # i18n: column header
            Col(_("grade"), [g.grade for g in result.grades], whole=True),
            # i18n: column header: number of leads
            Col(_("leads"), [fmt_int(g.size) for g in result.grades], justify="right"),
            # i18n: column header: leads that converted
            Col(_("converted"), [fmt_int(g.converted) for g in result.grades], justify="right"),
            # i18n: column header: conversion rate
            Col(_("rate"), [rate(g.rate) for g in result.grades], justify="right"),
        ],
        width,
        # i18n: title of the table of conversion per grade
        _("Conversion per grade"),
    )
    parts += [Text(""), grades.renderable]
    top = max((d.rate or 0.0 for d in result.deciles), default=0.0)
    deciles = fit(
        [
            # i18n: column header: decile of score, 1 the highest
            Col(_("decile"), [str(d.decile) for d in result.deciles], whole=True, justify="right"),
            # i18n: column header: the scores in the decile
            Col(_("score"), [scores(d) for d in result.deciles], whole=True, drop=2),
            Col(_("leads"), [fmt_int(d.size) for d in result.deciles], justify="right", drop=3),
            Col(
                _("converted"),
                [fmt_int(d.converted) for d in result.deciles],
                justify="right",
                drop=3,
            ),
            Col(_("rate"), [rate(d.rate) for d in result.deciles], justify="right"),
            # i18n: column header: a bar as long as the decile's conversion rate
            Col(_("chart"), [bar(d.rate, top) for d in result.deciles], drop=1, whole=True),
        ],
        width,
        # i18n: title of the calibration chart: conversion per decile of score, 1 the highest
        _("Conversion per decile of score (1 = highest)"),
    )
    parts += [Text(""), deciles.renderable, *left_out(deciles.dropped, note)]
    return to_text(Group(*parts), color=color, cols=width)


# -- Markdown ----------------------------------------------------------------------------------


def rule_headers() -> list[str]:
    """The columns of the table of rules in Markdown and HTML."""
    return [
        _("rule"),
        _("part"),
        _("fired"),
        _("rate fired"),
        _("rate not fired"),
        _("lift"),
        _("interval"),
        _("points"),
        _("suggested"),
    ]


def markdown(result: CalibrateResult) -> str:
    head = headline(result)
    lines = [f"### {md(head[0])}", "", *[f"- {md(x)}" for x in head[1:]], ""]
    # i18n: title of the table of rules against the outcome
    lines += [f"#### {_('Rules by lift')}", ""]
    cols = rule_headers()
    lines += [md_row(cols), md_row([Md("---")] * len(cols))]
    for r in by_lift(result.rules):
        lines.append(
            md_row(
                [
                    r.name,
                    part_word(r.part),
                    fmt_int(r.fired),
                    rate(r.rate_fired),
                    rate(r.rate_not_fired),
                    lift(r.lift) + (" *" if r.evidence else ""),
                    interval(r),
                    points(r.points),
                    points(r.suggested_points),
                ]
            )
        )
    lines += ["", md(reading_note()), ""]
    lines += [f"#### {_('Conversion per grade')}", ""]
    cols = [_("grade"), _("leads"), _("converted"), _("rate")]
    lines += [md_row(cols), md_row([Md("---")] * len(cols))]
    for g in result.grades:
        lines.append(md_row([g.grade, fmt_int(g.size), fmt_int(g.converted), rate(g.rate)]))
    lines += ["", f"#### {_('Conversion per decile of score (1 = highest)')}", ""]
    cols = [_("decile"), _("score"), _("leads"), _("converted"), _("rate"), _("chart")]
    lines += [md_row(cols), md_row([Md("---")] * len(cols))]
    top = max((d.rate or 0.0 for d in result.deciles), default=0.0)
    for d in result.deciles:
        lines.append(
            md_row(
                [
                    str(d.decile),
                    scores(d),
                    fmt_int(d.size),
                    fmt_int(d.converted),
                    rate(d.rate),
                    Md(f"`{bar(d.rate, top)}`" if bar(d.rate, top) else ""),
                ]
            )
        )
    return "\n".join(lines) + "\n"


# -- HTML --------------------------------------------------------------------------------------

CHART_W, CHART_H, CHART_TOP, CHART_BOTTOM = 600, 220, 20, 30
"""The calibration chart's size in pixels, and its room above the bars and below the axis."""


def _chart(result: CalibrateResult) -> dict[str, Any]:
    top = max((d.rate or 0.0 for d in result.deciles), default=0.0)
    slot = CHART_W / len(result.deciles)
    base = CHART_H - CHART_BOTTOM
    room = base - CHART_TOP
    bars = []
    for i, d in enumerate(result.deciles):
        h = round((d.rate or 0.0) / top * room, 1) if top > 0 else 0.0
        x = round(i * slot + slot * 0.15, 1)
        bars.append(
            {
                "x": x,
                "y": round(base - h, 1),
                "w": round(slot * 0.7, 1),
                "h": h,
                "cx": round(i * slot + slot / 2, 1),
                "label": str(d.decile),
                "value": rate(d.rate),
                "value_y": round(base - h - 4, 1),
                "title": f"{d.decile}: {rate(d.rate)} ({fmt_int(d.converted)}/{fmt_int(d.size)})",
            }
        )
    return {"w": CHART_W, "h": CHART_H, "base": base, "label_y": CHART_H - 10, "bars": bars}


def html(result: CalibrateResult) -> str:
    from leadsla import __version__, i18n
    from leadsla.render.report_html import environment

    words = {
        "rules_title": _("Rules by lift"),
        "rule_headers": rule_headers(),
        "note": reading_note(),
        "grades_title": _("Conversion per grade"),
        "grade_headers": [_("grade"), _("leads"), _("converted"), _("rate")],
        "deciles_title": _("Conversion per decile of score (1 = highest)"),
        "decile_headers": [_("decile"), _("score"), _("leads"), _("converted"), _("rate")],
    }
    rules = [
        {
            "name": r.name,
            "part": part_word(r.part),
            "fired": fmt_int(r.fired),
            "rate_fired": rate(r.rate_fired),
            "rate_not_fired": rate(r.rate_not_fired),
            "lift": lift(r.lift) + (" *" if r.evidence else ""),
            "interval": interval(r),
            "points": points(r.points),
            "suggested": points(r.suggested_points),
            "evidence": r.evidence,
        }
        for r in by_lift(result.rules)
    ]
    grades = [
        {"grade": g.grade, "size": fmt_int(g.size), "converted": fmt_int(g.converted),
         "rate": rate(g.rate)}
        for g in result.grades
    ]  # fmt: skip
    deciles = [
        {"decile": d.decile, "scores": scores(d), "size": fmt_int(d.size),
         "converted": fmt_int(d.converted), "rate": rate(d.rate)}
        for d in result.deciles
    ]  # fmt: skip
    page = environment().get_template("calibrate.html")
    return page.render(
        lang=i18n.active().replace("_", "-"),
        version=__version__,
        head=headline(result),
        words=words,
        rules=rules,
        grades=grades,
        deciles=deciles,
        chart=_chart(result),
    )

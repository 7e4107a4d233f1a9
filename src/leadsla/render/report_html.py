"""`report --format html`: one self-contained page (inline CSS and SVG, no network, no script)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from html import escape

from leadsla import __version__
from leadsla.render.console import pct
from leadsla.render.deadlines import duration
from leadsla.render.report import fmt_target, fmt_value, header_lines, rows_by_goal, sparkline
from leadsla.results import (
    FunnelStep,
    GoalValue,
    PeriodResult,
    ReportResult,
    ReviewInfo,
    RowSummary,
    StatusCounts,
)

DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
METRICS = {
    "count": ("Count", "leads"),
    "conversion": ("Conversion", "cohort"),
    "median_time": ("Median time", "timed"),
    "p90_time": ("90th percentile time", "timed"),
    "mean_time": ("Mean time", "timed"),
    "compliance": ("On-time share", "judged"),
}
# follow-up statuses, best first, with their table labels
COMPLIANCE_STATUSES = (
    ("met", "Met"),
    ("met_late", "Met late"),
    ("breached", "Breached"),
    ("at_risk", "At risk"),
    ("on_track", "On track"),
)
OUTCOME_CLASS = {"won": "met", "lost": "missed", "recycled": "maturing"}


def e(text: object) -> str:
    """Escape any text from the data, for element content and quoted attributes alike."""
    return escape(str(text), quote=True)


def _num(x: float) -> str:
    """Coordinates: short, and the same on every machine."""
    return f"{x:.1f}".removesuffix(".0")


def _day(d: datetime) -> str:
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def _moment(t: datetime) -> str:
    offset = t.strftime("%z") or "+0000"
    sign = "−" if offset[0] == "-" else "+"
    return f"{DAYS[t.weekday()]} {_day(t)}, {t:%H:%M} (UTC{sign}{offset[1:3]}:{offset[3:5]})"


def _target(v: GoalValue) -> str:
    return fmt_target(v).replace(">=", "≥").replace("<=", "≤")


def _short(p: PeriodResult, period: str) -> str:
    if period == "month":
        return MONTHS[p.start.month - 1]
    return p.label[5:] if len(p.label) > 5 else p.label


def _span(p: PeriodResult) -> str:
    last = p.end - timedelta(seconds=1)
    return f"{_day(p.start)} – {_day(last)}"


@dataclass(frozen=True)
class Mark:
    """How one goal value reads: a CSS class, a symbol (colour is never the only signal), words."""

    css: str
    symbol: str
    words: str


def mark(v: GoalValue, complete: bool) -> Mark:
    if not complete:
        if v.projected is not None:
            pace = "on pace" if v.on_pace else "behind pace"
            return Mark("current", "↑" if v.on_pace else "↓", f"so far; {pace}")
        return Mark("current", "•", "so far" + (" (maturing)" if v.maturing else ""))
    if v.met is True:
        return Mark("met", "✓", "met")
    if v.met is False:
        return Mark("missed", "✗", "missed")
    if v.maturing:
        return Mark("maturing", "…", "maturing")
    return Mark("nodata", "–", "no data" if v.value is None else "no verdict")


# ---------------------------------------------------------------- header


def _owners(result: ReportResult) -> str:
    if not result.owners:
        return "<dd>no owners named</dd>"
    return "".join(
        f'<dd><span class="team">{e(team)}</span> {e(person)}</dd>'
        for team, person in result.owners.items()
    )


def _review(r: ReviewInfo | None) -> str:
    if r is None:
        return ""
    last = str(r.last_reviewed) if r.last_reviewed else "never"
    if r.overdue:
        state = f'<strong class="flag">⚠ Review overdue since {e(r.due)}</strong>'
    else:
        state = f"next due {e(r.due)}" if r.due else "no due date"
    return f"<dt>Review</dt><dd>every {e(r.every)}; last reviewed {e(last)}; {state}</dd>"


def _rows(rows: RowSummary | None) -> str:
    if rows is None:
        return ""
    parts = [f"{rows.rows:,} rows", f"{rows.used:,} used"]
    problems = [
        (rows.rejected, "rejected"),
        (rows.unreadable_cells, "unreadable cells"),
        (rows.duplicates, "duplicate ids"),
    ]
    for n, words in problems:
        text = f"{n:,} {words}"
        parts.append(f'<span class="warn">⚠ {text}</span>' if n else text)
    if rows.footer_rows:
        parts.append(f"{rows.footer_rows:,} footer lines skipped")
    return f"<dt>Export</dt><dd><code>{e(rows.source)}</code>: {', '.join(parts)}</dd>"


def _header(result: ReportResult) -> str:
    ps = result.periods
    span = (
        f"{len(ps)} {e(result.period)}{'s' if len(ps) != 1 else ''}: "
        f"{e(ps[0].label)} to {e(ps[-1].label)} ({_day(ps[0].start)} – "
        f"{_day(ps[-1].end - timedelta(seconds=1))})"
        if ps
        else "no periods in range"
    )
    return f"""<header class="top">
<p class="kicker">Lead SLA report · goals per {e(result.period)}</p>
<h1>{e(result.sla_name)}</h1>
<p class="asof">As of <time datetime="{e(result.as_of.isoformat())}">{e(_moment(result.as_of))}</time>, {e(result.zone)}</p>
<dl class="meta">
<dt>Owners</dt>{_owners(result)}
{_review(result.review)}
<dt>Periods</dt><dd>{span}</dd>
{_rows(result.rows)}
</dl>
</header>"""


# ---------------------------------------------------------------- summary


def _latest_complete(result: ReportResult) -> int | None:
    done = [i for i, p in enumerate(result.periods) if p.complete]
    return done[-1] if done else None


def _tiles(result: ReportResult) -> str:
    tiles: list[str] = []
    last = _latest_complete(result)
    if last is not None:
        p = result.periods[last]
        judged = [v for v in p.goals if v.met is not None]
        met = sum(1 for v in judged if v.met)
        css = "met" if judged and met == len(judged) else "missed" if judged else "nodata"
        tiles.append(
            _tile(
                f"Latest complete {e(result.period)} · {e(p.label)}",
                f"{met} of {len(judged)}",
                "goals met" + _unjudged(len(p.goals) - len(judged)),
                css,
            )
        )
    complete = [v for p in result.periods if p.complete for v in p.goals]
    judged_all = [v for v in complete if v.met is not None]
    if complete:
        missed = result.missed
        tiles.append(
            _tile(
                f"All complete {e(result.period)}s",
                f"{missed} missed",
                f"of {len(judged_all)} judged goal-periods"
                + _unjudged(sum(1 for v in complete if v.maturing), "maturing"),
                "missed" if missed else "met",
            )
        )
    if result.periods and not result.periods[-1].complete:
        cur = result.periods[-1]
        paced = [v for v in cur.goals if v.on_pace is not None]
        on = sum(1 for v in paced if v.on_pace)
        if paced:
            tiles.append(
                _tile(
                    f"Current {e(result.period)} · {e(cur.label)} (in progress)",
                    f"{on} of {len(paced)}",
                    "count goals on pace",
                    "current" if on == len(paced) else "missed",
                )
            )
    if not tiles:
        return ""
    return f'<section class="tiles" aria-label="Summary">{"".join(tiles)}</section>'


def _unjudged(n: int, words: str = "without a verdict") -> str:
    return f" ({n} {words})" if n else ""


def _tile(label: str, big: str, small: str, css: str) -> str:
    symbol = {"met": "✓", "missed": "✗", "current": "→"}.get(css, "–")
    return (
        f'<div class="tile {css}"><p class="label">{label}</p>'
        f'<p class="big"><span class="sym" aria-hidden="true">{symbol}</span> {big}</p>'
        f'<p class="small">{small}</p></div>'
    )


# ---------------------------------------------------------------- goals


@dataclass(frozen=True)
class GoalRow:
    anchor: str
    gid: str
    group: str | None
    values: list[GoalValue]


def _goal_rows(result: ReportResult) -> list[GoalRow]:
    return [
        GoalRow(f"goal-{n}", gid, group, values)
        for n, (gid, group, values) in enumerate(rows_by_goal(result), start=1)
    ]


def _verdict(result: ReportResult, values: list[GoalValue]) -> tuple[Mark, str]:
    """The latest complete period's verdict, in words (the latest judged one when it matures)."""
    last = _latest_complete(result)
    if last is None:
        return Mark("current", "•", "in progress"), "No complete period yet"
    v, label = values[last], e(result.periods[last].label)
    m = mark(v, True)
    if v.met is not None:
        return m, f"{m.symbol} {m.words.capitalize()} in {label}: {e(fmt_value(v, v.value))}"
    if v.maturing:
        judged = [i for i in range(last) if values[i].met is not None]
        if judged:
            j = judged[-1]
            prev = mark(values[j], True)
            return prev, (
                f"{prev.symbol} {prev.words.capitalize()} in {e(result.periods[j].label)}: "
                f"{e(fmt_value(values[j], values[j].value))} · later {e(result.period)}s maturing"
            )
        return m, f"… {label} still maturing"
    return m, f"– No data in {label}"


def _record(result: ReportResult, values: list[GoalValue]) -> str:
    judged = [
        v for v, p in zip(values, result.periods, strict=True) if p.complete and v.met is not None
    ]
    if not judged:
        return "no verdicts yet"
    return f"met {sum(1 for v in judged if v.met)} of {len(judged)}"


def _now(result: ReportResult, values: list[GoalValue]) -> str:
    if not result.periods or result.periods[-1].complete:
        return "–"
    v = values[-1]
    text = e(fmt_value(v, v.value))
    if v.projected is not None:
        pace = "↑ on pace" if v.on_pace else "↓ behind"
        return f'{text} → {e(fmt_value(v, v.projected))} <span class="pace {"met" if v.on_pace else "missed"}">{pace}</span>'
    return text + (' <span class="muted">(maturing)</span>' if v.maturing else "")


def _glance(result: ReportResult, rows: list[GoalRow]) -> str:
    by = f'<th scope="col">{e(result.by)}</th>' if result.by else ""
    current = not result.periods[-1].complete
    head = (
        '<tr><th scope="col">Team</th><th scope="col">Goal</th>'
        f'{by}<th scope="col">Target</th><th scope="col">Latest verdict</th>'
        '<th scope="col">Record</th>'
        + (f'<th scope="col">Now ({e(result.periods[-1].label)})</th>' if current else "")
        + '<th scope="col">Trend</th></tr>'
    )
    body = []
    for r in rows:
        first = r.values[0]
        m, words = _verdict(result, r.values)
        trend = sparkline([v.value for v in r.values])
        cells = [
            f'<td class="team">{e(first.owner)}</td>',
            f'<th scope="row"><a href="#{r.anchor}">{e(r.gid)}</a></th>',
            f"<td>{e(r.group or '')}</td>" if result.by else "",
            f'<td class="num">{e(_target(first))}</td>',
            f'<td class="verdict {m.css}">{words}</td>',
            f'<td class="record">{_record(result, r.values)}</td>',
            f'<td class="num">{_now(result, r.values)}</td>' if current else "",
            f'<td class="spark" aria-hidden="true">{e(trend)}</td>',
        ]
        body.append("<tr>" + "".join(cells) + "</tr>")
    return (
        '<div class="scroll"><table class="glance"><caption>At a glance</caption>'
        f"<thead>{head}</thead><tbody>{''.join(body)}</tbody></table></div>"
    )


def _legend() -> str:
    def swatch(css: str) -> str:
        return (
            f'<svg class="swatch" width="14" height="12" aria-hidden="true">'
            f'<rect class="bar {css}" x="1" y="1" width="12" height="10"/></svg>'
        )

    return (
        '<ul class="legend" aria-label="Chart legend">'
        f"<li>{swatch('met')} ✓ met</li>"
        f"<li>{swatch('missed')} ✗ missed</li>"
        f"<li>{swatch('maturing')} … maturing (cohort too young to judge)</li>"
        f"<li>{swatch('current')} current period, in progress; ↑/↓ projection on or behind pace</li>"
        '<li><svg class="swatch" width="22" height="12" aria-hidden="true">'
        '<line class="target" x1="1" y1="6" x2="21" y2="6"/></svg> target</li>'
        "</ul>"
    )


def _nice(top: float, time: bool) -> float:
    """A round axis maximum at or above `top`."""
    if top <= 0:
        return 60.0 if time else 1.0
    if time and top > 60:
        return _nice(top / 60, False) * 60
    scale = 10 ** len(str(int(top))) / 10 if top >= 1 else 0.1
    while top / scale <= 1:
        scale /= 10
    for step in (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10):
        if step * scale >= top:
            return step * scale
    return 10 * scale


def _tick(v: GoalValue, x: float) -> str:
    if x == 0:
        return "0"
    if v.metric in ("conversion", "compliance"):
        return f"{x * 100:.0f}%"
    if v.metric.endswith("_time"):
        return duration(x)
    return f"{x:,.0f}" if x >= 10 or float(x).is_integer() else f"{x:,.1f}"


class Ids:
    """Element ids numbered in document order, so the same result gives the same page."""

    def __init__(self) -> None:
        self.n = 0

    def next(self, prefix: str) -> str:
        self.n += 1
        return f"{prefix}-{self.n}"


W, H = 560, 200
LEFT, RIGHT, TOP, BOTTOM = 48, 10, 26, 38
LABEL_W = 34
"""The room one x-axis label needs; narrower slots label every k-th period (and the last)."""


@dataclass(frozen=True)
class Scale:
    """Where a goal's chart puts things: `top` is the value at the top of the plot."""

    top: float
    n: int

    @property
    def base(self) -> float:
        return H - BOTTOM

    @property
    def slot(self) -> float:
        return (W - LEFT - RIGHT) / self.n

    def y(self, x: float) -> float:
        return self.base - max(0.0, x) / self.top * (H - TOP - BOTTOM)

    def cx(self, i: int) -> float:
        return LEFT + self.slot * i + self.slot / 2


def _grid(first: GoalValue, sc: Scale) -> list[str]:
    """Grid lines at 0, half and top, labelled unless the target's label is there."""
    out = []
    ty = sc.y(first.target_value)
    for tick in (0.0, sc.top / 2, sc.top):
        gy = sc.y(tick)
        out.append(
            f'<line class="grid" x1="{LEFT}" y1="{_num(gy)}" x2="{W - RIGHT}" y2="{_num(gy)}"/>'
        )
        if abs(gy - ty) >= 14:
            out.append(
                f'<text class="tick" x="{LEFT - 6}" y="{_num(gy + 4)}" text-anchor="end">{e(_tick(first, tick))}</text>'
            )
    return out


def _target_line(first: GoalValue, sc: Scale) -> str:
    ty = sc.y(first.target_value)
    return (
        f'<line class="target" x1="{LEFT}" y1="{_num(ty)}" x2="{W - RIGHT}" y2="{_num(ty)}"/>'
        f'<text class="tick target-label" x="{LEFT - 6}" y="{_num(ty + 4)}" text-anchor="end">{e(_target(first))}</text>'
        f'<line class="axis" x1="{LEFT}" y1="{sc.base}" x2="{W - RIGHT}" y2="{sc.base}"/>'
    )


def _bar(v: GoalValue, p: PeriodResult, i: int, sc: Scale) -> tuple[list[str], str]:
    """One period: its bar, the projection, the verdict mark; and the same in words."""
    m = mark(v, p.complete)
    cx, bar_w = sc.cx(i), min(sc.slot * 0.62, 64)
    x0, wide = cx - bar_w / 2, sc.slot >= 52
    value_text = fmt_value(v, v.value)
    out, words = [], f"{p.label}: {value_text}"
    top_y = sc.base
    if v.value is not None:
        top_y = sc.y(v.value)
        h = max(sc.base - top_y, 1.0 if v.value > 0 else 0.0)
        out.append(
            f'<rect class="bar {m.css}" x="{_num(x0)}" y="{_num(sc.base - h)}" width="{_num(bar_w)}" height="{_num(h)}">'
            f"<title>{e(p.label)}: {e(value_text)} ({e(m.words)})</title></rect>"
        )
    shown = f"{m.symbol} {value_text}" if wide else m.symbol
    if v.projected is not None:
        projected = fmt_value(v, v.projected)
        py = sc.y(v.projected)
        if py < top_y:
            out.append(
                f'<rect class="projection" x="{_num(x0)}" y="{_num(py)}" width="{_num(bar_w)}" height="{_num(top_y - py)}">'
                f"<title>projected {e(projected)}</title></rect>"
            )
        top_y = min(top_y, py)
        shown = f"{m.symbol} {projected}"
        words += f" projected {projected}, {m.words.split('; ')[-1]}"
    else:
        words += f" {m.words}"
    if v.value is None and v.projected is None:
        shown = "–"
    out.append(
        f'<text class="mark {m.css}" x="{_num(cx)}" y="{_num(max(top_y - 6, 12))}" text-anchor="middle">{e(shown)}</text>'
    )
    return out, words


def _xlabels(result: ReportResult, values: list[GoalValue], sc: Scale) -> list[str]:
    every = max(1, -int(-LABEL_W // sc.slot))
    out = []
    for i, (v, p) in enumerate(zip(values, result.periods, strict=True)):
        # every k-th label, and the last (the current period), never two crowded together
        if i != sc.n - 1 and (i % every or sc.n - 1 - i < every):
            continue
        cx = _num(sc.cx(i))
        out.append(
            f'<text class="xlabel" x="{cx}" y="{_num(sc.base + 15)}" text-anchor="middle">{e(_short(p, result.period))}</text>'
        )
        sub = "now" if not p.complete else ("maturing" if v.maturing and every == 1 else "")
        if sub and (sc.slot >= 52 or sub == "now"):
            out.append(
                f'<text class="xsub" x="{cx}" y="{_num(sc.base + 28)}" text-anchor="middle">{sub}</text>'
            )
    return out


def _chart(result: ReportResult, values: list[GoalValue], name: str, ids: Ids) -> str:
    """Value per period as bars, the target as a dashed line, each bar marked with its verdict."""
    first = values[0]
    known = [x for v in values for x in (v.value, v.projected) if x is not None]
    top = _nice(max([*known, first.target_value]) * 1.08, first.metric.endswith("_time"))
    sc = Scale(top, len(values))
    out = _grid(first, sc)
    descr = []
    for i, (v, p) in enumerate(zip(values, result.periods, strict=True)):
        parts, words = _bar(v, p, i, sc)
        out += parts
        descr.append(words)
    out += _xlabels(result, values, sc)
    out.append(_target_line(first, sc))
    title_id = ids.next("chart")
    title = f"{name}, per {result.period}, target {_target(first)}. " + "; ".join(descr) + "."
    return (
        f'<svg class="chart goal-chart" viewBox="0 0 {W} {H}" role="img" aria-labelledby="{title_id}">'
        f'<title id="{title_id}">{e(title)}</title>{"".join(out)}</svg>'
    )


WIDE_TABLE = 12
"""Up to this many periods the values table runs across; more run down, one row per period."""


def _value_cells(v: GoalValue, p: PeriodResult) -> tuple[str, str, str]:
    """The value (with its verdict symbol), the size, the projection: as table cells."""
    m = mark(v, p.complete)
    plain = m.css == "current" or (v.value is None and m.css == "nodata")
    symbol = "" if plain else f'<span class="sym">{e(m.symbol)}</span> '
    value = f'<td class="{m.css}" title="{e(m.words)}">{symbol}{e(fmt_value(v, v.value))}</td>'
    projected = (
        ""
        if v.projected is None
        else f'<span class="sym">{e(m.symbol)}</span> {e(fmt_value(v, v.projected))}'
    )
    return value, f"<td>{v.size:,}</td>", f'<td class="current">{projected}</td>'


def _values_table(result: ReportResult, values: list[GoalValue]) -> str:
    first = values[0]
    size_words = e(METRICS.get(first.metric, (first.metric, "n"))[1])
    cells = [_value_cells(v, p) for v, p in zip(values, result.periods, strict=True)]
    projects = any(v.projected is not None for v in values)

    def name(p: PeriodResult, scope: str) -> str:
        star = "" if p.complete else "*"
        return f'<th scope="{scope}" title="{e(_span(p))}">{e(_short(p, result.period))}{star}</th>'

    period = e(result.period.capitalize())
    if len(values) > WIDE_TABLE:
        head = f'<th scope="col">{period}</th><th scope="col">Value</th><th scope="col">{size_words}</th>'
        head += '<th scope="col">Projected</th>' if projects else ""
        body = "".join(
            f"<tr>{name(p, 'row')}{c[0]}{c[1]}{c[2] if projects else ''}</tr>"
            for p, c in zip(result.periods, cells, strict=True)
        )
        return (
            '<div class="scroll"><table class="values tall">'
            f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>"
        )
    rows = [
        f'<tr><th scope="row">Value</th>{"".join(c[0] for c in cells)}</tr>',
        f'<tr class="size"><th scope="row">{size_words}</th>{"".join(c[1] for c in cells)}</tr>',
    ]
    if projects:
        rows.append(
            f'<tr class="projected"><th scope="row">Projected</th>{"".join(c[2] for c in cells)}</tr>'
        )
    head = "".join(name(p, "col") for p in result.periods)
    return (
        '<div class="scroll"><table class="values">'
        f'<thead><tr><th scope="col">{period}</th>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div>"
    )


def _card(result: ReportResult, row: GoalRow, ids: Ids, heading: str) -> str:
    first = row.values[0]
    metric = METRICS.get(first.metric, (first.metric, "n"))[0]
    title = f"{row.gid}" + (f" — {first.name}" if first.name else "")
    if row.group is not None:
        name = f"{result.by}: {row.group}"
        h = f'<{heading} class="card-title">{e(name)}</{heading}>'
        chart_name = f"{title} ({name})"
    else:
        name_html = f'<span class="name">{e(first.name)}</span>' if first.name else ""
        h = f'<{heading} class="card-title"><code>{e(row.gid)}</code>{name_html}</{heading}>'
        chart_name = title
    m, words = _verdict(result, row.values)
    return f"""<article class="card {m.css}" id="{row.anchor}">
{h}
<p class="target-line">{e(metric)} per {e(result.period)} · target <strong>{e(_target(first))}</strong> · {_record(result, row.values)}</p>
<p class="verdict {m.css}">{words}</p>
{_chart(result, row.values, chart_name, ids)}
{_values_table(result, row.values)}
</article>"""


def _team_sections(result: ReportResult, rows: list[GoalRow], ids: Ids) -> str:
    teams: dict[str, list[GoalRow]] = {}
    for r in rows:
        teams.setdefault(r.values[0].owner, []).append(r)
    out = []
    for team, team_rows in teams.items():
        person = result.owners.get(team)
        who = f' <span class="person">owner: {e(person)}</span>' if person else ""
        cards: list[str] = []
        if result.by:
            goals: dict[str, list[GoalRow]] = {}
            for r in team_rows:
                goals.setdefault(r.gid, []).append(r)
            for gid, grows in goals.items():
                first = grows[0].values[0]
                name = f' <span class="name">{e(first.name)}</span>' if first.name else ""
                inner = "".join(_card(result, r, ids, "h5") for r in grows)
                cards.append(
                    f'<section class="goal"><h4><code>{e(gid)}</code>{name} '
                    f'<span class="muted">target {e(_target(first))}, by {e(result.by)}</span></h4>'
                    f'<div class="cards">{inner}</div></section>'
                )
            body = "".join(cards)
        else:
            body = (
                '<div class="cards">'
                + "".join(_card(result, r, ids, "h4") for r in team_rows)
                + "</div>"
            )
        out.append(f'<section class="team"><h3>{e(team)}{who}</h3>{body}</section>')
    return "".join(out)


def _goals(result: ReportResult, ids: Ids) -> str:
    if not result.periods:
        return (
            '<section id="goals"><h2>Goals</h2><p class="empty">No periods in range.</p></section>'
        )
    rows = _goal_rows(result)
    if not rows:
        return '<section id="goals"><h2>Goals</h2><p class="empty">No goals.</p></section>'
    note = ""
    if not result.periods[-1].complete:
        note = (
            '<p class="note">* The current period is not over: it gets no verdict yet; '
            "count goals show a projection scaled by the share of its business time gone.</p>"
        )
    return (
        f'<section id="goals"><h2>Goals per {e(result.period)}</h2>'
        f"{_glance(result, rows)}{note}{_legend()}{_team_sections(result, rows, ids)}</section>"
    )


# ---------------------------------------------------------------- funnel and follow-ups


def _hbar(share: float, css: str, title: str, width: int = 240, height: int = 16) -> str:
    w = max(0.0, min(share, 1.0)) * width
    return (
        f'<svg class="hbar" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'role="img" aria-label="{e(title)}"><title>{e(title)}</title>'
        f'<rect class="track" x="0" y="0" width="{width}" height="{height}" rx="2"/>'
        f'<rect class="bar {css}" x="0" y="0" width="{_num(w)}" height="{height}" rx="2"/></svg>'
    )


def _funnel_rows(steps: Iterable[FunnelStep], top: int) -> str:
    rows = []
    previous: str | None = None
    for s in steps:
        share = s.reached / top if top else 0.0
        css = OUTCOME_CLASS.get(s.outcome, "step") if s.outcome else "step"
        name = e(s.id) + (f' <span class="muted">({e(s.outcome)})</span>' if s.outcome else "")
        if s.outcome is not None:
            conv = "<td></td>"
        elif s.conversion is None:
            conv = '<td class="num muted">–</td>'
        else:
            conv = f'<td class="num">{pct(s.conversion)} <span class="muted">of {e(previous)}</span></td>'
        bar = _hbar(share, css, f"{s.id}: {s.reached:,} leads", FUNNEL_BAR)
        rows.append(
            f'<tr><th scope="row">{name}</th><td class="barcell">{bar}</td>'
            f'<td class="num">{s.reached:,}</td>{conv}</tr>'
        )
        previous = s.id
    return "".join(rows)


FUNNEL_BAR = 420


def _funnel(result: ReportResult) -> str:
    if not result.funnel:
        return (
            '<section id="funnel"><h2>Funnel</h2>'
            '<p class="empty">No funnel in the SLA.</p></section>'
        )
    steps = [s for s in result.funnel if s.outcome is None]
    exits = [s for s in result.funnel if s.outcome is not None]
    top = max([s.reached for s in result.funnel] + [0])
    since = (
        f" that entered <em>{e(steps[0].id if steps else result.funnel[0].id)}</em> since "
        f"{_day(result.funnel_since)}"
        if result.funnel_since
        else ""
    )
    exit_rows = (
        '<tbody class="exits"><tr><th scope="colgroup" colspan="4">Exits '
        '<span class="muted">(leads that left the funnel; not part of the conversions)</span></th></tr>'
        f"{_funnel_rows(exits, top)}</tbody>"
        if exits
        else ""
    )
    return (
        f'<section id="funnel"><h2>Funnel</h2><p class="lead-in">Leads{since}: how many reached each stage.</p>'
        '<div class="scroll"><table class="funnel">'
        '<thead><tr><th scope="col">Stage</th><th scope="col">Leads</th>'
        '<th scope="col" class="num">Reached</th><th scope="col" class="num">Conversion from previous step</th></tr></thead>'
        f'<tbody class="steps">{_funnel_rows(steps, top)}</tbody>{exit_rows}</table></div></section>'
    )


def _stacked(counts: dict[str, int], width: int = 160, height: int = 14) -> str:
    total = sum(counts.get(k, 0) for k, _ in COMPLIANCE_STATUSES)
    words = ", ".join(f"{counts.get(k, 0):,} {w.lower()}" for k, w in COMPLIANCE_STATUSES)
    rects, x = [], 0.0
    for key, _ in COMPLIANCE_STATUSES:
        w = counts.get(key, 0) / total * width if total else 0.0
        if w > 0:
            rects.append(
                f'<rect class="st {key}" x="{_num(x)}" y="0" width="{_num(w)}" height="{height}"/>'
            )
        x += w
    return (
        f'<svg class="stack" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'role="img" aria-label="{e(words)}"><title>{e(words)}</title>'
        f'<rect class="track" x="0" y="0" width="{width}" height="{height}"/>{"".join(rects)}</svg>'
    )


def _compliance_table(caption: str, first: str, rows: Sequence[StatusCounts], team: bool) -> str:
    head = (
        f'<th scope="col">{first}</th>'
        + ('<th scope="col">Team</th>' if team else "")
        + "".join(f'<th scope="col" class="num">{w}</th>' for _, w in COMPLIANCE_STATUSES)
        + '<th scope="col">Status mix</th><th scope="col">Compliance</th>'
    )
    body = []
    for s in rows:
        label = e(s.key) + (f' <span class="muted">{e(s.name)}</span>' if s.name else "")
        share = s.compliance
        comp = (
            '<span class="muted">–</span>'
            if share is None
            else _hbar(share, "step", f"compliance {pct(share)}", 80, 10) + f" {pct(share)}"
        )
        body.append(
            f'<tr><th scope="row">{label}</th>'
            + (f"<td>{e(s.team or '')}</td>" if team else "")
            + "".join(
                f'<td class="num">{s.counts.get(k, 0):,}</td>' for k, _ in COMPLIANCE_STATUSES
            )
            + f'<td class="barcell">{_stacked(s.counts)}</td><td class="comp">{comp}</td></tr>'
        )
    return (
        f'<div class="scroll"><table class="compliance"><caption>{caption}</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table></div>"
    )


def _follow_ups(result: ReportResult) -> str:
    if not result.compliance_rules and not result.compliance_owners:
        return (
            '<section id="follow-ups"><h2>Follow-up compliance</h2>'
            '<p class="empty">No follow-up rules in the SLA.</p></section>'
        )
    since = f" that started since {_day(result.periods[0].start)}" if result.periods else ""
    legend = "".join(
        f'<li><svg class="swatch" width="14" height="12" aria-hidden="true">'
        f'<rect class="st {k}" x="1" y="1" width="12" height="10"/></svg> {w}</li>'
        for k, w in COMPLIANCE_STATUSES
    )
    return (
        '<section id="follow-ups"><h2>Follow-up compliance</h2>'
        f'<p class="lead-in">Follow-up deadlines{since}. Compliance = met ÷ (met + met late + breached); '
        "at-risk and on-track follow-ups are not judged yet.</p>"
        f'<ul class="legend" aria-label="Status colours">{legend}</ul>'
        + _compliance_table("Per rule", "Rule", result.compliance_rules, True)
        + _compliance_table("Per owner", "Owner", result.compliance_owners, False)
        + "</section>"
    )


# ---------------------------------------------------------------- page


def html(result: ReportResult) -> str:
    ids = Ids()
    title = header_lines(result)[0]
    footer = f"Generated by leadsla {e(__version__)}"
    if result.holidays_version:
        footer += f" · holidays {e(result.holidays_version)}"
    footer += f" · as of {e(result.as_of.isoformat(timespec='minutes'))}"
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="generator" content="leadsla {e(__version__)}">
<title>{e(title)}</title>
<style>{CSS}</style>
</head>
<body>
{_header(result)}
<nav aria-label="Sections"><a href="#goals">Goals</a><a href="#funnel">Funnel</a><a href="#follow-ups">Follow-ups</a></nav>
<main>
{_tiles(result)}
{_goals(result, ids)}
{_funnel(result)}
{_follow_ups(result)}
</main>
<footer>{footer}</footer>
</body>
</html>
"""


CSS = """
:root {
  --bg: #f6f7f9; --card: #ffffff; --fg: #1c2128; --muted: #5b6571; --line: #d8dee4;
  --grid: #eaeef2; --met: #1a7f37; --missed: #cf222e; --maturing: #8c959f; --current: #0969da;
  --step: #3b6fd8; --late: #bf8700; --risk: #e16f24; --track: #eaeef2; --accent: #0b3d91;
  --met-bg: #dafbe1; --missed-bg: #ffebe9; --current-bg: #ddf4ff; --nodata-bg: #eaeef2;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #0d1117; --card: #161b22; --fg: #e6edf3; --muted: #8d96a0; --line: #30363d;
    --grid: #21262d; --met: #3fb950; --missed: #f85149; --maturing: #6e7681; --current: #58a6ff;
    --step: #6d9eff; --late: #d29922; --risk: #f0883e; --track: #21262d; --accent: #a5c8ff;
    --met-bg: #12361f; --missed-bg: #3d1518; --current-bg: #0c2d4f; --nodata-bg: #21262d;
  }
}
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--fg);
  font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  font-variant-numeric: tabular-nums; }
header.top, nav, main, footer { max-width: 1180px; margin: 0 auto; padding: 0 24px; }
header.top { padding-top: 28px; padding-bottom: 8px; }
.kicker { margin: 0; color: var(--muted); text-transform: uppercase; letter-spacing: .06em; font-size: 12px; font-weight: 600; }
h1 { margin: 4px 0 2px; font-size: 28px; line-height: 1.2; color: var(--accent); }
h2 { font-size: 21px; margin: 36px 0 12px; padding-bottom: 6px; border-bottom: 2px solid var(--line); }
h3 { font-size: 18px; margin: 26px 0 10px; text-transform: capitalize; }
h3 .person, .muted { color: var(--muted); font-weight: 400; text-transform: none; }
h3 .person { font-size: 14px; margin-left: 8px; }
h4, h5 { margin: 0; font-size: 16px; }
.goal > h4 { margin: 18px 0 8px; }
code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .92em; }
.asof { margin: 0 0 12px; color: var(--muted); }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: 3px 16px; margin: 0; font-size: 14px; }
dl.meta dt { color: var(--muted); font-weight: 600; grid-column: 1; }
dl.meta dd { margin: 0; grid-column: 2; }
dl.meta .team { display: inline-block; min-width: 84px; color: var(--muted); text-transform: capitalize; }
.flag { color: var(--missed); }
.warn { color: var(--late); font-weight: 600; }
nav { display: flex; gap: 18px; padding-top: 6px; padding-bottom: 6px; font-size: 14px; border-bottom: 1px solid var(--line); }
a { color: var(--current); text-decoration: none; }
a:hover, a:focus { text-decoration: underline; }
.tiles { display: grid; grid-template-columns: repeat(auto-fit, minmax(240px, 1fr)); gap: 12px; margin-top: 20px; }
.tile { background: var(--card); border: 1px solid var(--line); border-left: 5px solid var(--maturing); border-radius: 8px; padding: 10px 14px; }
.tile p { margin: 0; }
.tile .label { font-size: 13px; color: var(--muted); }
.tile .big { font-size: 24px; font-weight: 700; }
.tile .small { font-size: 13px; color: var(--muted); }
.tile.met { border-left-color: var(--met); } .tile.met .sym { color: var(--met); }
.tile.missed { border-left-color: var(--missed); } .tile.missed .sym { color: var(--missed); }
.tile.current { border-left-color: var(--current); } .tile.current .sym { color: var(--current); }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; font-size: 13.5px; }
caption { text-align: left; font-weight: 600; padding: 4px 0 6px; }
th, td { padding: 5px 10px; text-align: left; border-bottom: 1px solid var(--line); white-space: nowrap; }
thead th { color: var(--muted); font-weight: 600; font-size: 12.5px; border-bottom: 2px solid var(--line); }
tbody th { font-weight: 600; }
.num { text-align: right; }
table.glance { width: 100%; background: var(--card); border: 1px solid var(--line); border-radius: 8px; }
table.glance caption { padding-left: 2px; }
td.verdict.met, td.met .sym, .pace.met { color: var(--met); font-weight: 600; }
td.verdict.missed, td.missed .sym, .pace.missed { color: var(--missed); font-weight: 600; }
td.verdict.maturing, td.verdict.nodata { color: var(--muted); }
table.glance th, table.glance td { white-space: normal; }
table.glance .num, table.glance td.spark, table.glance td.record, table.glance tbody th { white-space: nowrap; }
table.glance td.team { text-transform: capitalize; }
td.verdict { min-width: 16em; }
td.spark { font-size: 15px; letter-spacing: 1px; color: var(--step); }
.note { font-size: 13px; color: var(--muted); margin: 8px 0; }
.legend { list-style: none; display: flex; flex-wrap: wrap; gap: 6px 18px; padding: 0; margin: 10px 0; font-size: 13px; color: var(--muted); }
.legend li { display: flex; align-items: center; gap: 5px; }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(480px, 100%), 1fr)); gap: 14px; }
.card { background: var(--card); border: 1px solid var(--line); border-top: 4px solid var(--maturing); border-radius: 8px; padding: 12px 14px 10px; min-width: 0; }
.card.met { border-top-color: var(--met); } .card.missed { border-top-color: var(--missed); }
.card.current { border-top-color: var(--current); }
.card-title code { font-size: 16px; }
.card-title .name, h4 .name { font-weight: 400; margin-left: 8px; }
.target-line { margin: 2px 0 4px; font-size: 13px; color: var(--muted); }
.target-line strong { color: var(--fg); }
p.verdict { display: inline-block; margin: 2px 0 6px; padding: 2px 10px; border-radius: 12px; font-size: 13.5px; font-weight: 600; background: var(--nodata-bg); }
p.verdict.met { color: var(--met); background: var(--met-bg); }
p.verdict.missed { color: var(--missed); background: var(--missed-bg); }
p.verdict.current { color: var(--current); background: var(--current-bg); }
p.verdict.maturing, p.verdict.nodata { color: var(--muted); }
svg.chart { display: block; width: 100%; height: auto; margin: 2px 0 6px; }
svg text { font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; fill: var(--muted); }
svg .tick { font-size: 11px; }
svg .target-label { fill: var(--fg); font-weight: 600; }
svg .xlabel { font-size: 11.5px; fill: var(--fg); }
svg .xsub { font-size: 10px; font-style: italic; }
svg .mark { font-size: 11.5px; font-weight: 700; paint-order: stroke; stroke: var(--card); stroke-width: 3px; stroke-linejoin: round; }
svg .tick { paint-order: stroke; stroke: var(--card); stroke-width: 3px; stroke-linejoin: round; }
svg .mark.met { fill: var(--met); } svg .mark.missed { fill: var(--missed); }
svg .mark.current { fill: var(--current); } svg .mark.maturing { fill: var(--maturing); }
svg .grid { stroke: var(--grid); stroke-width: 1; }
svg .axis { stroke: var(--line); stroke-width: 1.5; }
svg .target { stroke: var(--fg); stroke-width: 1.5; stroke-dasharray: 6 4; opacity: .8; }
.bar.met { fill: var(--met); } .bar.missed { fill: var(--missed); }
.bar.maturing { fill: var(--maturing); opacity: .45; stroke: var(--maturing); stroke-dasharray: 3 2; }
.bar.nodata { fill: var(--maturing); }
.bar.current { fill: var(--current); opacity: .55; }
.bar.step { fill: var(--step); }
.projection { fill: none; stroke: var(--current); stroke-width: 1.5; stroke-dasharray: 4 3; }
.track { fill: var(--track); }
.st.met { fill: var(--met); } .st.met_late { fill: var(--late); } .st.breached { fill: var(--missed); }
.st.at_risk { fill: var(--risk); } .st.on_track { fill: var(--current); }
table.values { width: 100%; font-size: 12px; }
table.values th, table.values td { padding: 3px 4px; text-align: right; }
table.values th:first-child { text-align: left; }
table.values.tall { width: auto; min-width: 60%; }
table.values tr.size td, table.values tr.size th { color: var(--muted); font-weight: 400; }
table.values td.current { color: var(--current); }
table.values td.maturing, table.values td.nodata { color: var(--muted); }
table.funnel, table.compliance { background: var(--card); border: 1px solid var(--line); margin-bottom: 16px; }
table.funnel { width: 100%; }
tbody.exits th[scope=colgroup] { padding-top: 14px; border-bottom: 2px solid var(--line); }
td.barcell { width: 1%; }
svg.hbar, svg.stack { display: block; }
td.comp svg { display: inline-block; vertical-align: middle; margin-right: 6px; }
.lead-in { color: var(--muted); margin: 0 0 10px; font-size: 14px; }
.empty { color: var(--muted); font-style: italic; }
footer { margin-top: 36px; padding-top: 12px; padding-bottom: 28px; border-top: 1px solid var(--line); color: var(--muted); font-size: 12.5px; }
@media print {
  :root { --bg: #fff; --card: #fff; --fg: #000; --muted: #444; --line: #bbb; --grid: #e5e5e5;
    --met: #1a7f37; --missed: #cf222e; --maturing: #8c959f; --current: #0969da; --step: #3b6fd8;
    --late: #9a6700; --risk: #bc4c00; --track: #eee; --accent: #0b3d91;
    --met-bg: #dafbe1; --missed-bg: #ffebe9; --current-bg: #ddf4ff; --nodata-bg: #eee; }
  @page { size: A4; margin: 12mm; }
  body { font-size: 11pt; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  nav { display: none; }
  header.top, main, footer { max-width: none; padding-left: 0; padding-right: 0; }
  .cards { grid-template-columns: 1fr; }
  .tiles { grid-template-columns: repeat(3, 1fr); }
  svg.chart { max-height: 62mm; }
  table { font-size: 9pt; }
  .glance .spark, .glance th:last-child { display: none; }
  .card, .tile, table, .legend { break-inside: avoid; }
  h2, h3, h4 { break-after: avoid; }
  .scroll { overflow: visible; }
  a { color: inherit; }
}
"""

"""`report --format html`: one self-contained page (inline CSS and SVG, no network, no script).

The page is Jinja2 templates with autoescape (`templates/report.html`, its CSS in
`templates/report.css`), in the reader's language through gettext. This module computes
what the templates cannot: words with numbers in them, and every chart's geometry, including
where each value label goes so that no line crosses it (`place_label`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import cache
from typing import TYPE_CHECKING

from leadsla import __version__, i18n
from leadsla.i18n import _, ngettext
from leadsla.render.deadlines import duration
from leadsla.render.escape import one_line
from leadsla.render.report import Verdict, group_parts, rows_by_goal, sparkline, verdict_shown
from leadsla.results import (
    FunnelStep,
    GoalValue,
    PeriodResult,
    ReportResult,
    ReviewInfo,
    RowSummary,
    StatusCounts,
)

if TYPE_CHECKING:
    import jinja2

COMPLIANCE_STATUSES = ("met", "met_late", "breached", "at_risk", "on_track")
"""Follow-up statuses, best first (their words in `_status_word`)."""
OUTCOME_CLASS = {"won": "met", "lost": "missed", "recycled": "maturing"}
JUDGED = ("met", "missed")
CURRENT = ("on_pace", "behind", "open")


# ---------------------------------------------------------------- the template environment


@cache
def environment() -> jinja2.Environment:
    """The templates, autoescaped, with the gettext of `leadsla.i18n` (read at call time, so
    one environment serves every locale)."""
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("leadsla.render", "templates"),
        autoescape=jinja2.select_autoescape(["html"], default=True),
        undefined=jinja2.StrictUndefined,
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    # the SLA's and the export's strings as one line, as the terminal shows them: a line
    # break reads `\n`, a control character `\ufffd` (escape.one_line)
    env.filters["line"] = one_line
    env.install_gettext_callables(  # type: ignore[attr-defined]
        i18n._, i18n.ngettext, newstyle=True
    )
    return env


# ---------------------------------------------------------------- numbers and dates in words


def _num(x: float) -> str:
    """Coordinates: short, and the same on every machine and in every locale."""
    return f"{x:.1f}".removesuffix(".0")


def value_text(v: GoalValue, value: float | None) -> str:
    """A goal's value in the reader's locale: 1,234 / 70.5% / 4h30m."""
    if value is None:
        return "–"
    if v.metric in ("conversion", "compliance"):
        return i18n.fmt_percent(value)
    if v.metric.endswith("_time"):
        return duration(value)
    return i18n.fmt_number(value)


def has_target(v: GoalValue) -> bool:
    # the engine's word, not the verdict: a period before the data is `no_data` whether or not
    # its group has a target
    return v.has_target and bool(v.target_text.strip())


def target_text(v: GoalValue, short: bool = False) -> str:
    """`≥ 150`, `≥ 25%` in the reader's numbers; a time target as written, saying when it is
    business time (`≤ 4h business`) unless `short` (the chart's axis, where space is tight)."""
    if not has_target(v):
        return _("no target")
    op = {">=": "≥", "<=": "≤", ">": ">", "<": "<", "==": "="}.get(v.target_op, v.target_op)
    if v.metric.endswith("_time"):
        written = v.target_text.strip()
        for sign in (">=", "<=", ">", "<", "=="):
            written = written.removeprefix(sign)
        written = written.strip()
        if v.business and not short:
            written = _("{duration} business").format(duration=written)
        return f"{op} {written}"
    if v.metric in ("conversion", "compliance"):
        from babel.numbers import format_percent

        # as a target is written: 25%, 72.5% (72,5% in pt-BR), not 25.0%
        shown = format_percent(v.target_value, format="#,##0.##%", locale=i18n.active())
        return f"{op} {shown}"
    return f"{op} {value_text(v, v.target_value)}"


def _day(d: datetime) -> str:
    return i18n.fmt_date(d.date())


def _moment(t: datetime) -> str:
    offset = t.strftime("%z") or "+0000"
    sign = "−" if offset[0] == "-" else "+"
    zone = f"UTC{sign}{offset[1:3]}:{offset[3:5]}"
    return f"{i18n.fmt_weekday(t.date())} {_day(t)}, {i18n.fmt_time(t)} ({zone})"


def _short(p: PeriodResult, period: str) -> str:
    """The x-axis label of a period: W47 / S47, Nov / nov., Q4 / T4."""
    if period == "month":
        from babel.dates import format_date

        return format_date(p.start.date(), format="LLL", locale=i18n.active())
    number = p.label[6:] if len(p.label) > 6 else p.label
    if period == "week" and p.label[5:6] == "W":
        # i18n: an ISO week on a chart's axis, e.g. W47 (keep it 3 characters)
        return _("W{n}").format(n=number)
    if period == "quarter" and p.label[5:6] == "Q":
        # i18n: a quarter on a chart's axis, e.g. Q4
        return _("Q{n}").format(n=number)
    return p.label[5:] if len(p.label) > 5 else p.label


def _span(p: PeriodResult) -> str:
    return f"{_day(p.start)} – {_day(p.end - timedelta(seconds=1))}"


def period_word(period: str, n: int = 1) -> str:
    """`week`/`weeks`, `semana`/`semanas`..."""
    if period == "week":
        return ngettext("week", "weeks", n)
    if period == "month":
        return ngettext("month", "months", n)
    if period == "quarter":
        return ngettext("quarter", "quarters", n)
    return period


def _metric_word(metric: str) -> str:
    return {
        "count": _("Count"),
        "conversion": _("Conversion"),
        "median_time": _("Median time"),
        "p90_time": _("90th percentile time"),
        "mean_time": _("Mean time"),
        "compliance": _("On-time share"),
    }.get(metric, metric)


def _size_word(metric: str) -> str:
    """What a goal's size counts."""
    if metric == "count":
        return _("leads")
    if metric == "conversion":
        # i18n: the leads a conversion is measured on
        return _("cohort")
    if metric == "compliance":
        # i18n: the follow-ups already judged (met, met late or breached)
        return _("judged")
    # i18n: the leads whose time could be measured
    return _("timed")


def _status_word(status: str) -> str:
    return {
        "met": _("Met"),
        "met_late": _("Met late"),
        "breached": _("Breached"),
        "at_risk": _("At risk"),
        "on_track": _("On track"),
    }.get(status, status)


# ---------------------------------------------------------------- verdicts


def verdict(v: GoalValue) -> Verdict:
    """`GoalValue.verdict` for people."""
    return verdict_shown(v.verdict)


def _latest_complete(result: ReportResult) -> int | None:
    done = [i for i, p in enumerate(result.periods) if p.complete]
    return done[-1] if done else None


@dataclass(frozen=True)
class Summary:
    """A goal's latest verdict in words, with its style."""

    css: str
    text: str


def latest(result: ReportResult, values: list[GoalValue]) -> Summary:
    """The latest complete period's verdict (the latest judged one while later ones mature)."""
    last = _latest_complete(result)
    if last is None:
        return Summary("current", _("No complete period yet"))
    v, label = values[last], result.periods[last].label
    m = verdict(v)
    if m.key in JUDGED:
        text = _("{symbol} {verdict} in {period}: {value}").format(
            symbol=m.symbol, verdict=m.word.capitalize(), period=label, value=value_text(v, v.value)
        )
        return Summary(m.css, text)
    if m.key == "maturing":
        judged = [i for i in range(last) if values[i].verdict in JUDGED]
        if judged:
            j = judged[-1]
            prev = verdict(values[j])
            text = _("{symbol} {verdict} in {period}: {value} · later {periods} maturing").format(
                symbol=prev.symbol,
                verdict=prev.word.capitalize(),
                period=result.periods[j].label,
                value=value_text(values[j], values[j].value),
                periods=period_word(result.period, 2),
            )
            return Summary(prev.css, text)
        return Summary(m.css, _("… {period} still maturing").format(period=label))
    text = _("{symbol} {verdict} in {period}").format(
        symbol=m.symbol, verdict=m.word.capitalize(), period=label
    )
    return Summary(m.css, text)


def record(result: ReportResult, values: list[GoalValue]) -> str:
    judged = [
        v for v, p in zip(values, result.periods, strict=True) if p.complete and v.verdict in JUDGED
    ]
    if not judged:
        return _("no verdicts yet")
    met = sum(1 for v in judged if v.verdict == "met")
    return _("met {met} of {n}").format(met=i18n.fmt_int(met), n=i18n.fmt_int(len(judged)))


# ---------------------------------------------------------------- the chart's geometry


W, H = 560, 200
LEFT, RIGHT, TOP, BOTTOM = 48, 10, 26, 38
LABEL_W = 34
"""The room one x-axis label needs; narrower slots label every k-th period (and the last)."""
MARK_SIZE = 11.5
"""Font size of the value labels above the bars (written on each label, so the SVG says it)."""
ASCENT, DESCENT = 0.95, 0.3
"""A label's box above and below its baseline, as shares of its font size: room for ✓ ✗ ↑ and
digits in any sans-serif font."""
CLEAR = 2.5
"""Pixels kept between a label's box and any line (half the line's width and the label's halo)."""
GAP = 3.0
"""Pixels between a bar's top and its label's box."""


def place_label(preferred: float, lines: Sequence[float], top: float = 0.0) -> float:
    """The baseline of a value label: at `preferred` (just above its bar) unless a horizontal
    line at one of `lines` would cross its box; then the nearest position above that keeps
    clear of every line, either just under or just over a line. Never lower than `preferred`,
    so a label never sits in its bar."""
    up, down = ASCENT * MARK_SIZE, DESCENT * MARK_SIZE

    def free(base: float) -> bool:
        box_top, box_bottom = base - up, base + down
        if box_top < top:
            return False
        return all(not (box_top - CLEAR < y < box_bottom + CLEAR) for y in lines)

    candidates = [preferred, top + up]
    candidates += [y - CLEAR - down for y in lines]
    candidates += [y + CLEAR + up for y in lines]
    fitting = [b for b in candidates if b <= preferred and free(b)]
    return max(fitting) if fitting else top + up


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
        return i18n.fmt_percent(x, 0)
    if v.metric.endswith("_time"):
        return duration(x)
    return i18n.fmt_number(x, 0 if x >= 10 or float(x).is_integer() else 1)


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


@dataclass(frozen=True)
class Box:
    x: str
    y: str
    w: str
    h: str
    title: str


@dataclass(frozen=True)
class Label:
    x: str
    y: str
    text: str
    css: str = ""


@dataclass(frozen=True)
class Bar:
    css: str
    rect: Box | None
    projection: Box | None
    mark: Label


@dataclass
class Chart:
    id: str
    title: str
    base: str
    target_y: str | None
    target_label: Label | None
    grid: list[str] = field(default_factory=list)
    ticks: list[Label] = field(default_factory=list)
    bars: list[Bar] = field(default_factory=list)
    xlabels: list[Label] = field(default_factory=list)
    xsubs: list[Label] = field(default_factory=list)


def _bar(v: GoalValue, p: PeriodResult, i: int, sc: Scale, lines: list[float]) -> tuple[Bar, str]:
    """One period: its bar, the projection, the verdict label; and the same in words."""
    m = verdict(v)
    cx, bar_w = sc.cx(i), min(sc.slot * 0.62, 64)
    x0, wide = cx - bar_w / 2, sc.slot >= 52
    shown_value = value_text(v, v.value)
    words = f"{p.label}: {shown_value}"
    top_y = sc.base
    rect = projection = None
    if v.value is not None:
        top_y = sc.y(v.value)
        h = max(sc.base - top_y, 1.0 if v.value > 0 else 0.0)
        rect = Box(_num(x0), _num(sc.base - h), _num(bar_w), _num(h), f"{words} ({m.word})")
    shown = f"{m.symbol} {shown_value}" if wide else m.symbol
    if v.projected is not None:
        projected = value_text(v, v.projected)
        py = sc.y(v.projected)
        if py < top_y:
            projection = Box(
                _num(x0),
                _num(py),
                _num(bar_w),
                _num(top_y - py),
                _("projected {value}").format(value=projected),
            )
        top_y = min(top_y, py)
        shown = f"{m.symbol} {projected}" if wide else m.symbol
        words += ", " + _("projected {value}").format(value=projected)
    words += f" ({m.word})"
    if v.value is None and v.projected is None:
        shown = "–"
    base = place_label(top_y - GAP - DESCENT * MARK_SIZE, lines)
    return Bar(m.css, rect, projection, Label(_num(cx), _num(base), shown, m.css)), words


def chart(result: ReportResult, values: list[GoalValue], name: str, chart_id: str) -> Chart:
    """Value per period as bars, the target as a dashed line, each bar labelled with its
    verdict and value where no line crosses the label."""
    first = values[0]
    target = first.target_value if has_target(first) else None
    known = [x for v in values for x in (v.value, v.projected) if x is not None]
    top = _nice(
        max([*known, target if target is not None else 0.0, 0.0]) * 1.08,
        first.metric.endswith("_time"),
    )
    sc = Scale(top, len(values))
    ty = sc.y(target) if target is not None else None
    grid_values = (0.0, sc.top / 2, sc.top)
    lines = [sc.y(t) for t in grid_values] + ([ty] if ty is not None else [])
    if target is not None:
        title = _("{name}, per {period}, target {target}.").format(
            name=name, period=period_word(result.period), target=target_text(first)
        )
    else:
        title = _("{name}, per {period}, no target.").format(
            name=name, period=period_word(result.period)
        )
    out = Chart(
        id=chart_id,
        title=title,
        base=_num(sc.base),
        target_y=None if ty is None else _num(ty),
        target_label=None
        if ty is None
        else Label(
            _num(LEFT - 6), _num(ty + 4), target_text(first, short=True), "tick target-label"
        ),
    )
    for tick in grid_values:
        gy = sc.y(tick)
        out.grid.append(_num(gy))
        if ty is None or abs(gy - ty) >= 14:
            out.ticks.append(Label(_num(LEFT - 6), _num(gy + 4), _tick(first, tick), "tick"))
    described = []
    for i, (v, p) in enumerate(zip(values, result.periods, strict=True)):
        bar, words = _bar(v, p, i, sc, lines)
        out.bars.append(bar)
        described.append(words)
    out.title += " " + "; ".join(described) + "."
    every = max(1, -int(-LABEL_W // sc.slot))
    for i, (v, p) in enumerate(zip(values, result.periods, strict=True)):
        # every k-th label, and the last (the current period), never two crowded together
        if i != sc.n - 1 and (i % every or sc.n - 1 - i < every):
            continue
        cx = _num(sc.cx(i))
        out.xlabels.append(Label(cx, _num(sc.base + 15), _short(p, result.period), "xlabel"))
        if not p.complete:
            # i18n: under the current period on a chart's axis (keep it short)
            sub = _("now")
        elif v.verdict == "maturing" and every == 1 and sc.slot >= 52:
            sub = _("maturing")
        else:
            continue
        out.xsubs.append(Label(cx, _num(sc.base + 28), sub, "xsub"))
    return out


# ---------------------------------------------------------------- the page's parts


class Ids:
    """Element ids numbered in document order, so the same result gives the same page."""

    def __init__(self) -> None:
        self.n = 0

    def next(self, prefix: str) -> str:
        self.n += 1
        return f"{prefix}-{self.n}"


@dataclass(frozen=True)
class Tile:
    label: str
    big: str
    small: str
    css: str

    @property
    def symbol(self) -> str:
        return {"met": "✓", "missed": "✗", "current": "→"}.get(self.css, "–")


def tiles(result: ReportResult) -> list[Tile]:
    out: list[Tile] = []
    period = period_word(result.period)
    last = _latest_complete(result)
    if last is not None:
        p = result.periods[last]
        judged = [v for v in p.goals if v.verdict in JUDGED]
        met = sum(1 for v in judged if v.verdict == "met")
        css = "met" if judged and met == len(judged) else "missed" if judged else "nodata"
        rest = len(p.goals) - len(judged)
        small = _("goals met")
        if rest:
            small += " " + _("({n} without a verdict)").format(n=i18n.fmt_int(rest))
        out.append(
            Tile(
                _("Latest complete {period} · {label}").format(period=period, label=p.label),
                _("{met} of {n}").format(met=i18n.fmt_int(met), n=i18n.fmt_int(len(judged))),
                small,
                css,
            )
        )
    complete = [v for p in result.periods if p.complete for v in p.goals]
    if complete:
        judged_all = sum(1 for v in complete if v.verdict in JUDGED)
        missed = sum(1 for v in complete if v.verdict == "missed")
        small = ngettext(
            "of {n} judged goal-period", "of {n} judged goal-periods", judged_all
        ).format(n=i18n.fmt_int(judged_all))
        maturing = sum(1 for v in complete if v.verdict == "maturing")
        if maturing:
            small += " " + _("({n} maturing)").format(n=i18n.fmt_int(maturing))
        out.append(
            Tile(
                _("All complete {periods}").format(periods=period_word(result.period, 2)),
                _("{n} missed").format(n=i18n.fmt_int(missed)),
                small,
                "missed" if missed else "met",
            )
        )
    if result.periods and not result.periods[-1].complete:
        cur = result.periods[-1]
        paced = [v for v in cur.goals if v.verdict in ("on_pace", "behind")]
        on = sum(1 for v in paced if v.verdict == "on_pace")
        if paced:
            out.append(
                Tile(
                    _("Current {period} · {label} (in progress)").format(
                        period=period, label=cur.label
                    ),
                    _("{met} of {n}").format(met=i18n.fmt_int(on), n=i18n.fmt_int(len(paced))),
                    _("count goals on pace"),
                    "current" if on == len(paced) else "missed",
                )
            )
    return out


@dataclass(frozen=True)
class Cell:
    """One goal-period in the values table."""

    period: str
    span: str
    current: bool
    css: str
    symbol: str
    value: str
    word: str
    size: str
    projected: str


@dataclass
class Goal:
    """One goal (and group): a row at a glance and a card with its chart and values."""

    anchor: str
    gid: str
    name: str
    field: str | None
    """The goal's own group field (`for_each`, else `--by`), when it has groups."""
    group: str | None
    """Its value in that field, in the reader's words (`(unassigned)`...)."""
    team: str
    target: str
    metric: str
    size_word: str
    latest: Summary
    record: str
    now: str
    now_css: str
    trend: str
    chart: Chart
    cells: list[Cell]
    projects: bool


def _goals(result: ReportResult, ids: Ids) -> list[Goal]:
    out = []
    current = bool(result.periods) and not result.periods[-1].complete
    for n, (gid, _group, values) in enumerate(rows_by_goal(result), start=1):
        first = values[0]
        name = one_line(first.name or gid)
        # the goal's own group: its for_each field's (whatever --by says), else --by's
        parts = group_parts(first)
        field_name, group = (one_line(parts[0]), one_line(parts[1])) if parts else (None, None)
        title = name if group is None else f"{name} ({field_name}: {group})"
        now, now_css = "", ""
        if current:
            v = values[-1]
            m = verdict(v)
            now = value_text(v, v.value)
            if v.projected is not None:
                now += f" → {value_text(v, v.projected)}"
            now += f" {m.symbol} {m.word}"
            now_css = m.css
        cells = [
            Cell(
                period=_short(p, result.period),
                span=_span(p),
                current=not p.complete,
                css=verdict(v).css,
                symbol=verdict(v).symbol,
                value=value_text(v, v.value),
                word=verdict(v).word,
                size=i18n.fmt_int(v.size),
                projected="" if v.projected is None else value_text(v, v.projected),
            )
            for v, p in zip(values, result.periods, strict=True)
        ]
        out.append(
            Goal(
                anchor=f"goal-{n}",
                gid=gid,
                name=name,
                field=field_name,
                group=group,
                team=one_line(first.owner),
                target=target_text(first),
                metric=_metric_word(first.metric),
                size_word=_size_word(first.metric),
                latest=latest(result, values),
                record=record(result, values),
                now=now,
                now_css=now_css,
                trend=sparkline([v.value for v in values]),
                chart=chart(result, values, title, ids.next("chart")),
                cells=cells,
                projects=any(v.projected is not None for v in values),
            )
        )
    return out


@dataclass
class GoalGroup:
    """One goal's cards: one per group (its `for_each` field's, else `--by`'s), or its only
    card (`field` None)."""

    gid: str
    name: str
    field: str | None
    target: str | None
    """The target when every group has the same (an override makes them differ)."""
    goals: list[Goal]


@dataclass
class Team:
    name: str
    person: str | None
    goals: list[Goal]
    groups: list[GoalGroup]


def teams(result: ReportResult, goals: list[Goal]) -> list[Team]:
    out: dict[str, Team] = {}
    for g in goals:
        team = out.setdefault(g.team, Team(g.team, result.owners.get(g.team), [], []))
        team.goals.append(g)
        last = team.groups[-1] if team.groups else None
        # the goals without groups share one row of cards; each grouped goal has its own
        same = last is not None and (
            last.gid == g.gid if g.field is not None else last.field is None
        )
        if not same:
            team.groups.append(GoalGroup(g.gid, g.name, g.field, g.target, []))
        gg = team.groups[-1]
        gg.goals.append(g)
        if gg.target != g.target:
            gg.target = None
    return list(out.values())


def glance_header(goals: list[Goal]) -> str | None:
    """The header of the glance table's group column: the field when every grouped goal has
    the same, else `Group` (each cell then says its field); None: no goal has groups."""
    fields = {g.field for g in goals if g.field is not None}
    if not fields:
        return None
    return fields.pop() if len(fields) == 1 else _("Group")


def glance_group(g: Goal, header: str | None) -> str:
    if g.group is None:
        return ""
    return g.group if g.field == header else f"{g.field}: {g.group}"


@dataclass(frozen=True)
class Part:
    text: str
    warn: bool = False


def row_parts(rows: RowSummary) -> list[Part]:
    parts = [
        Part(ngettext("{n} row", "{n} rows", rows.rows).format(n=i18n.fmt_int(rows.rows))),
        Part(_("{n} used").format(n=i18n.fmt_int(rows.used))),
    ]
    for n, words in (
        (rows.rejected, _("{n} rejected")),
        (rows.unreadable_cells, _("{n} unreadable cells")),
        (rows.duplicates, _("{n} duplicate ids")),
    ):
        text = words.format(n=i18n.fmt_int(n))
        parts.append(Part("⚠ " + text, True) if n else Part(text))
    if rows.footer_rows:
        parts.append(
            Part(
                ngettext(
                    "{n} footer line skipped", "{n} footer lines skipped", rows.footer_rows
                ).format(n=i18n.fmt_int(rows.footer_rows))
            )
        )
    return parts


def review_text(r: ReviewInfo) -> tuple[str, str | None]:
    """The review line, and the overdue flag (None when on time)."""
    last = i18n.fmt_date(r.last_reviewed) if r.last_reviewed else _("never")
    line = _("every {every}; last reviewed {last}").format(every=r.every, last=last)
    if r.overdue:
        due = i18n.fmt_date(r.due) if r.due else "–"
        return line, _("⚠ Review overdue since {due}").format(due=due)
    if r.due:
        return line + "; " + _("next due {due}").format(due=i18n.fmt_date(r.due)), None
    return line + "; " + _("no due date"), None


def span_text(result: ReportResult) -> str:
    ps = result.periods
    if not ps:
        return _("no periods in range")
    count = f"{i18n.fmt_int(len(ps))} {period_word(result.period, len(ps))}"
    return _("{count}: {first} to {last} ({start} – {end})").format(
        count=count,
        first=ps[0].label,
        last=ps[-1].label,
        start=_day(ps[0].start),
        end=_day(ps[-1].end - timedelta(seconds=1)),
    )


@dataclass(frozen=True)
class Step:
    name: str
    outcome: str | None
    css: str
    reached: str
    share: float
    bar_w: str
    bar_title: str
    conversion: str | None
    previous: str | None


FUNNEL_BAR = 420
HBAR_H = 16


def funnel_steps(steps: Sequence[FunnelStep], top: int) -> list[Step]:
    out = []
    previous: str | None = None
    for s in steps:
        share = s.reached / top if top else 0.0
        css = OUTCOME_CLASS.get(s.outcome, "step") if s.outcome else "step"
        reached = i18n.fmt_int(s.reached)
        out.append(
            Step(
                name=s.id,
                outcome=s.outcome,
                css=css,
                reached=reached,
                share=share,
                bar_w=_num(max(0.0, min(share, 1.0)) * FUNNEL_BAR),
                bar_title=ngettext("{stage}: {n} lead", "{stage}: {n} leads", s.reached).format(
                    stage=s.id, n=reached
                ),
                conversion=None
                if s.conversion is None or s.outcome
                else i18n.fmt_percent(s.conversion),
                previous=previous,
            )
        )
        previous = s.id
    return out


@dataclass(frozen=True)
class Segment:
    css: str
    x: str
    w: str


@dataclass(frozen=True)
class ComplianceRow:
    key: str
    name: str | None
    team: str | None
    counts: list[str]
    words: str
    segments: list[Segment]
    compliance: str | None
    compliance_w: str


STACK_W, STACK_H = 160, 14
COMP_W, COMP_H = 80, 10


def compliance_rows(rows: Sequence[StatusCounts]) -> list[ComplianceRow]:
    out = []
    for s in rows:
        total = sum(s.counts.get(k, 0) for k in COMPLIANCE_STATUSES)
        words = ", ".join(
            f"{i18n.fmt_int(s.counts.get(k, 0))} {_status_word(k).lower()}"
            for k in COMPLIANCE_STATUSES
        )
        segments, x = [], 0.0
        for key in COMPLIANCE_STATUSES:
            w = s.counts.get(key, 0) / total * STACK_W if total else 0.0
            if w > 0:
                segments.append(Segment(key, _num(x), _num(w)))
            x += w
        share = s.compliance
        out.append(
            ComplianceRow(
                key=s.key,
                name=s.name,
                team=s.team,
                counts=[i18n.fmt_int(s.counts.get(k, 0)) for k in COMPLIANCE_STATUSES],
                words=words,
                segments=segments,
                compliance=None if share is None else i18n.fmt_percent(share),
                compliance_w=_num(max(0.0, min(share or 0.0, 1.0)) * COMP_W),
            )
        )
    return out


def _css() -> str:
    from importlib.resources import files

    return files("leadsla.render").joinpath("templates", "report.css").read_text("utf-8")


# ---------------------------------------------------------------- page


def html(result: ReportResult) -> str:
    from markupsafe import Markup

    ids = Ids()
    goals = _goals(result, ids) if result.periods else []
    review = review_text(result.review) if result.review else None
    steps = [s for s in result.funnel if s.outcome is None]
    exits = [s for s in result.funnel if s.outcome is not None]
    top = max([s.reached for s in result.funnel] + [0])
    page = environment().get_template("report.html")
    return page.render(
        lang=i18n.active().replace("_", "-"),
        version=__version__,
        css=Markup(_css()),
        r=result,
        title=_("{sla} — goals per {period}, as of {moment} ({zone})").format(
            sla=one_line(result.sla_name),
            period=period_word(result.period),
            moment=result.as_of.isoformat(timespec="minutes"),
            zone=result.zone,
        ),
        period=period_word(result.period),
        periods=period_word(result.period, 2),
        as_of_text=_moment(result.as_of),
        review=review,
        span=span_text(result),
        rows=row_parts(result.rows) if result.rows else None,
        tiles=tiles(result),
        goals=goals,
        teams=teams(result, goals),
        group_header=glance_header(goals),
        glance_group=glance_group,
        current=bool(result.periods) and not result.periods[-1].complete,
        current_label=result.periods[-1].label if result.periods else "",
        statuses=[(k, _status_word(k)) for k in COMPLIANCE_STATUSES],
        funnel_first=Markup("<em>{}</em>").format(
            (steps[0].id if steps else result.funnel[0].id) if result.funnel else ""
        ),
        funnel_since=_day(result.funnel_since) if result.funnel_since else None,
        steps=funnel_steps(steps, top),
        exits=funnel_steps(exits, top),
        follow_since=_day(result.periods[0].start) if result.periods else None,
        rules=compliance_rows(result.compliance_rules),
        owners=compliance_rows(result.compliance_owners),
        chart_w=W,
        chart_h=H,
        left=LEFT,
        right=W - RIGHT,
        mark_size=_num(MARK_SIZE),
        funnel_bar=FUNNEL_BAR,
        hbar_h=HBAR_H,
        stack_w=STACK_W,
        stack_h=STACK_H,
        comp_w=COMP_W,
        comp_h=COMP_H,
        wide_table=WIDE_TABLE,
    )


WIDE_TABLE = 12
"""Up to this many periods the values table runs across; more run down, one row per period."""

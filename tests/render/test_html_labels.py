"""Issue 12, case 6: no line of a chart crosses a value label ("✗ 70.5%" read as struck through).

Checked on the SVG's own numbers: every horizontal line (the dashed target, the grid, the axis)
against a conservative estimate of each label's box, for values near, above and below the
target, in every kind of goal.
"""

from __future__ import annotations

import itertools
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from leadsla import i18n
from leadsla.engine.goals import verdict_of
from leadsla.render.report_html import html
from leadsla.results import GoalValue, PeriodResult, ReportResult

ZONE = ZoneInfo("America/Sao_Paulo")
DEFAULT_SIZE = 11.5
"""The labels' font size when the SVG does not say (the page's CSS before issue 12)."""


@dataclass(frozen=True)
class Goal:
    gid: str
    metric: str
    op: str
    target: float
    text: str
    values: list[float | None]


def _value(g: Goal, value: float | None, complete: bool, projected: float | None) -> GoalValue:
    met = None
    if complete and value is not None:
        met = value >= g.target if g.op == ">=" else value <= g.target
    on_pace = None if projected is None else projected >= g.target
    return GoalValue(
        id=g.gid, name=None, owner="sales", metric=g.metric, group=None, value=value,
        size=0 if value is None else 40, target_op=g.op, target_value=g.target,
        target_text=g.text, met=met, maturing=False, projected=projected, on_pace=on_pace,
        verdict=verdict_of(value, False, complete, g.metric, on_pace, met),
    )  # fmt: skip


def _result(goals: list[Goal], current: bool = True) -> ReportResult:
    n = len(goals[0].values)
    periods = []
    for i in range(n):
        start = datetime(2026, 9, 28, tzinfo=ZONE) + timedelta(weeks=i)
        complete = not (current and i == n - 1)
        values = []
        for g in goals:
            v = g.values[i]
            projected = v * 1.6 if not complete and v is not None and g.metric == "count" else None
            values.append(_value(g, v, complete, projected))
        label = f"2026-W{start.isocalendar().week:02d}"
        periods.append(PeriodResult(label, start, start + timedelta(weeks=1), complete, values))
    return ReportResult(
        as_of=datetime(2026, 11, 20, 12, tzinfo=ZONE), sla_name="labels", period="week",
        zone="America/Sao_Paulo", owners={"sales": "bruno"}, review=None, by=None,
        periods=periods, holidays_version=None, funnel=[], funnel_since=None,
        compliance_rules=[], compliance_owners=[], missed=0,
    )  # fmt: skip


def _near(target: float, steps: list[float]) -> list[float | None]:
    return [target * (1 + s) for s in steps]


# values on, just under and just over the target (the labels the old page struck through),
# far above and far below, and none; 8 periods so each label shows its value
NEAR = [-0.02, -0.04, -0.01, 0.0, 0.01, 0.03, -0.06, -0.03]
SPREAD = [-0.6, 0.5, -0.1, 0.1, -0.08, 0.08, -0.95, -0.05]
GOALS = [
    Goal("count-near", "count", ">=", 150, ">= 150", _near(150, NEAR)),
    Goal("count-spread", "count", ">=", 150, ">= 150", _near(150, SPREAD)),
    Goal("count-low", "count", ">=", 40, ">= 40", [39, 38, 41, 40, 37, 42, None, 36]),
    Goal("conv-near", "conversion", ">=", 0.72, ">= 72%", [0.705, 0.715, 0.69, 0.72, 0.73, 0.70, 0.66, 0.71]),
    Goal("conv-low", "conversion", ">=", 0.25, ">= 25%", [0.22, 0.196, 0.32, 0.395, 0.24, 0.26, 0.23, 0.098]),
    Goal("time-near", "median_time", "<=", 240, "<= 4h", [235, 245, 228, 250, 240, 220, 300, 30]),
    Goal("share-near", "compliance", ">=", 0.9, ">= 90%", [0.88, 0.895, 0.86, 0.905, 0.93, 0.85, 0.5, 0.737]),
]  # fmt: skip


@dataclass(frozen=True)
class Span:
    """A box or a line: x from x0 to x1, y from y0 to y1 (SVG user units, y down)."""

    x0: float
    x1: float
    y0: float
    y1: float

    def meets(self, other: Span) -> bool:
        return (
            self.x0 < other.x1 and other.x0 < self.x1 and self.y0 < other.y1 and other.y0 < self.y1
        )


def _charts(page: str) -> Iterator[ET.Element]:
    for chunk in re.findall(r'<svg class="chart goal-chart".*?</svg>', page, flags=re.S):
        yield ET.fromstring(chunk)


def label_box(text: ET.Element) -> Span:
    """Where a label's glyphs may be: a generous estimate for any sans-serif font, bold.
    Above the baseline 0.9 of the font size (digits, %, ✓ ✗ ↑ ↓ reach about 0.75), below it
    0.25; each character 0.62 wide, a symbol a whole em."""
    size = float(text.get("font-size", DEFAULT_SIZE))
    words = text.text or ""
    width = sum(size * (0.62 if ord(c) < 128 else 1.0) for c in words)
    x, y = float(text.get("x", "0")), float(text.get("y", "0"))
    anchor = text.get("text-anchor", "start")
    left = x - width / 2 if anchor == "middle" else x - width if anchor == "end" else x
    return Span(left, left + width, y - 0.9 * size, y + 0.25 * size)


def lines(svg: ET.Element) -> list[tuple[str, Span]]:
    """The horizontal lines, with half their stroke width on each side."""
    out = []
    for line in svg.iter("line"):
        y1, y2 = float(line.get("y1", "0")), float(line.get("y2", "0"))
        assert y1 == y2, "the charts draw only horizontal lines"
        x1, x2 = sorted((float(line.get("x1", "0")), float(line.get("x2", "0"))))
        half = 0.75 if "target" in line.get("class", "") else 0.5
        out.append((line.get("class", ""), Span(x1, x2, y1 - half, y1 + half)))
    return out


def crossings(page: str) -> list[str]:
    found = []
    for svg in _charts(page):
        title = (svg.findtext("title") or "")[:30]
        drawn = lines(svg)
        assert any(css == "target" for css, _ in drawn), title
        marks = [t for t in svg.iter("text") if "mark" in t.get("class", "").split()]
        assert marks, title
        for t in marks:
            box = label_box(t)
            found += [
                f"{title}: the {css} line at y={line.y0 + (line.y1 - line.y0) / 2:g} crosses "
                f"{t.text!r} at y={t.get('y')}"
                for css, line in drawn
                if box.meets(line)
            ]
    return found


@pytest.fixture(params=["en", "pt_BR"])
def locale(request: pytest.FixtureRequest) -> Iterator[str]:
    i18n.activate(request.param)
    yield request.param
    i18n.activate("en")


def test_no_line_crosses_a_value_label(locale: str) -> None:
    for current in (True, False):
        page = html(_result(GOALS, current))
        assert crossings(page) == []


def test_labels_stay_in_the_chart_above_their_bar_and_apart(locale: str) -> None:
    page = html(_result(GOALS))
    for svg in _charts(page):
        w, h = (float(x) for x in (svg.get("viewBox") or "").split()[2:])
        bars = [r for r in svg.iter("rect") if "bar" in r.get("class", "").split()]
        marks = [t for t in svg.iter("text") if "mark" in t.get("class", "").split()]
        boxes = [label_box(t) for t in marks]
        for box in boxes:
            assert box.y0 >= 0 and box.y1 <= h and box.x0 >= 0 and box.x1 <= w, box
        for bar in bars:
            x = float(bar.get("x", "0"))
            top = float(bar.get("y", "0"))
            over = [b for b in boxes if b.x0 < x + float(bar.get("width", "0")) and x < b.x1]
            assert over and all(b.y1 <= top for b in over), "a label sits above its bar"
        for a, b in itertools.pairwise(boxes):
            assert not a.meets(b), "neighbouring labels do not overlap"


def test_the_old_placement_would_cross() -> None:
    """The estimate is not vacuous: a label drawn 6 px above a bar just under the target,
    as the page did before, meets the target line."""
    svg = ET.fromstring(
        '<svg><line class="target" x1="48" y1="40" x2="550" y2="40"/>'
        '<text class="mark missed" x="100" y="37" text-anchor="middle">✗ 70.5%</text></svg>'
    )
    box = label_box(next(svg.iter("text")))
    assert any(box.meets(line) for _, line in lines(svg))


def test_the_bundled_example_has_no_crossed_label(locale: str) -> None:
    from tests.conftest import AS_OF, EXAMPLES, run_leadsla

    r = run_leadsla(
        "report", EXAMPLES / "leads.csv", "--sla", EXAMPLES / "sla.yaml", "--as-of", AS_OF,
        "--format", "html", "--quiet", "--locale", locale.replace("_", "-"),
    )  # fmt: skip
    assert r.returncode in (0, 1), r.stderr
    assert crossings(r.stdout) == []

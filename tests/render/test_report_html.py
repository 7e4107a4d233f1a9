"""`report --format html`: the page's structure on a hand-built result, then the real page in Chromium."""

from __future__ import annotations

import os
import re
import shutil
import signal
import struct
import subprocess
import sys
import zipfile
from dataclasses import replace
from datetime import date, datetime, timedelta
from html import escape
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from leadsla import i18n
from leadsla.engine.goals import verdict_of
from leadsla.render.report_html import html
from leadsla.results import (
    FunnelStep,
    GoalValue,
    PeriodResult,
    ReportResult,
    ReviewInfo,
    RowSummary,
    StatusCounts,
)
from tests.conftest import AS_OF, EXAMPLES, run_leadsla

ZONE = ZoneInfo("America/Sao_Paulo")
HOSTILE = "<script>alert(1)</script>"
QUOTES = '"quotes" & ampersands'
VOID = {"meta", "link", "br", "hr", "img", "input", "col", "wbr", "source", "area", "base"}
# SVG elements written as <x/>: the parser reports them through handle_startendtag
SVG_LEAVES = {"rect", "line", "path", "circle", "polyline", "polygon"}


# --- a result built by hand ----------------------------------------------------------------------


def _goal(
    gid: str,
    owner: str,
    metric: str,
    value: float | None,
    target: tuple[str, float, str],
    met: bool | None,
    *,
    name: str | None = None,
    group: dict[str, str] | None = None,
    maturing: bool = False,
    projected: float | None = None,
    on_pace: bool | None = None,
) -> GoalValue:
    op, tv, text = target
    return GoalValue(
        id=gid,
        name=name,
        owner=owner,
        metric=metric,
        group=group,
        value=value,
        size=0 if value is None else 17,
        target_op=op,
        target_value=tv,
        target_text=text,
        met=met,
        maturing=maturing,
        projected=projected,
        on_pace=on_pace,
        verdict=verdict_of(value, maturing, met is not None or value is None, metric, on_pace, met),
    )


def _period(n: int, goals: list[GoalValue], complete: bool = True) -> PeriodResult:
    start = datetime(2026, 10, 26, tzinfo=ZONE) + timedelta(weeks=n)
    week = start.isocalendar().week
    return PeriodResult(f"2026-W{week:02d}", start, start + timedelta(weeks=1), complete, goals)


def _periods(group: dict[str, str] | None = None) -> list[PeriodResult]:
    """Four weeks: met, missed, maturing, no data, and the current week with a projection."""
    count = (">=", 40.0, ">= 40")
    share = (">=", 0.25, ">= 25%")
    time = ("<=", 240.0, "<= 4h")
    rows: list[list[tuple[float | None, bool | None, bool]]] = [
        # (value, met, maturing) for: count, conversion, median_time, compliance
        [(45, True, False), (0.30, True, False), (120, True, False), (0.95, True, False)],
        [(38, False, False), (0.20, False, False), (300, False, False), (None, None, False)],
        [(41, True, False), (0.31, None, True), (90, True, False), (0.80, False, False)],
    ]
    out = []
    for n, row in enumerate(rows):
        (c, cm, _), (v, vm, vmat), (t, tm, _), (p, pm, _) = row
        out.append(
            _period(
                n,
                [
                    _goal("mql-volume", "marketing", "count", c, count, cm, group=group),
                    _goal(
                        "mql-to-sql", "sales", "conversion", v, share, vm, maturing=vmat,
                        name=HOSTILE, group=group,
                    ),
                    _goal("response-time", "sales", "median_time", t, time, tm, group=group),
                    _goal(
                        "on-time", QUOTES, "compliance", p, (">=", 0.9, ">= 90%"), pm, group=group
                    ),
                ],
            )
        )  # fmt: skip
    out.append(
        _period(
            3,
            [
                _goal(
                    "mql-volume", "marketing", "count", 21, count, None,
                    projected=52.5, on_pace=True, group=group,
                ),
                _goal(
                    "mql-to-sql", "sales", "conversion", 0.1, share, None, maturing=True,
                    name=HOSTILE, group=group,
                ),
                _goal("response-time", "sales", "median_time", None, time, None, group=group),
                _goal("on-time", QUOTES, "compliance", 0.5, (">=", 0.9, ">= 90%"), None, group=group),
            ],
            complete=False,
        )
    )  # fmt: skip
    return out


def _result(**changes: Any) -> ReportResult:
    periods = _periods()
    base = ReportResult(
        as_of=datetime(2026, 11, 20, 12, 0, tzinfo=ZONE),
        sla_name=f"ACME {HOSTILE}",
        period="week",
        zone="America/Sao_Paulo",
        owners={"marketing": "ana.souza", "sales": HOSTILE, QUOTES: QUOTES},
        review=ReviewInfo("90d", date(2026, 1, 5), date(2026, 4, 5), overdue=True),
        by=None,
        periods=periods,
        holidays_version="0.109",
        funnel=[],
        funnel_since=None,
        compliance_rules=[],
        compliance_owners=[],
        missed=sum(1 for p in periods for v in p.goals if v.met is False),
        rows=RowSummary(f"leads {HOSTILE}.csv", 120, 118, 2, 3, 0, 1),
    )
    return replace(base, **changes)


def _grouped() -> ReportResult:
    by = f"owner {HOSTILE}"
    a, b = _periods({by: "Ana"}), _periods({by: QUOTES})
    periods = [
        replace(pa, goals=[g for pair in zip(pa.goals, pb.goals, strict=True) for g in pair])
        for pa, pb in zip(a, b, strict=True)
    ]
    return _result(by=by, periods=periods)


def _with_funnel() -> ReportResult:
    return _result(
        funnel=[
            FunnelStep("lead", None, 1000, None),
            FunnelStep("mql", None, 357, 0.357),
            FunnelStep(HOSTILE, None, 102, 102 / 357),
            FunnelStep("customer", "won", 8, None),
            FunnelStep("lost", "lost", 36, None),
        ],
        funnel_since=datetime(2026, 10, 26, tzinfo=ZONE),
        compliance_rules=[
            StatusCounts("first-contact", {"met": 9, "met_late": 2, "breached": 1}, 0.75, team="sales"),
            StatusCounts(HOSTILE, {"at_risk": 2}, None, team=QUOTES),
        ],
        compliance_owners=[
            StatusCounts(QUOTES, {"met": 3, "breached": 1, "on_track": 4}, 0.75),
        ],
    )  # fmt: skip


# --- a strict reading of the page -----------------------------------------------------------------


class Page(HTMLParser):
    """Every element with its attributes, nesting errors, and the text of each element kind."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.elements: list[tuple[str, dict[str, str]]] = []
        self.texts: list[tuple[tuple[str, ...], str]] = []
        self.doctype = ""
        self.feed(text)
        self.close()
        if self.stack:
            self.errors.append(f"unclosed: {self.stack}")

    def handle_decl(self, decl: str) -> None:
        self.doctype = decl

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, {k: v or "" for k, v in attrs}))
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, {k: v or "" for k, v in attrs}))
        if tag not in VOID and tag not in SVG_LEAVES:
            self.errors.append(f"self-closed <{tag}/>")

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            self.errors.append(f"end tag for void <{tag}>")
        elif not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-3:]}")
        else:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.texts.append((tuple(self.stack), data))

    def all(self, tag: str, cls: str | None = None) -> list[dict[str, str]]:
        return [
            a
            for t, a in self.elements
            if t == tag and (cls is None or cls in a.get("class", "").split())
        ]

    def text(self) -> str:
        return "".join(t for _, t in self.texts)

    def text_in(self, tag: str) -> list[str]:
        return [t for stack, t in self.texts if stack and stack[-1] == tag]


def _page(result: ReportResult) -> tuple[str, Page]:
    out = html(result)
    return out, Page(out)


# --- structure ------------------------------------------------------------------------------------


def test_well_formed_html5_page() -> None:
    out, page = _page(_with_funnel())
    assert page.errors == []
    assert page.doctype.lower() == "doctype html"
    assert out.startswith('<!DOCTYPE html>\n<html lang="en">')
    assert [a["charset"] for a in page.all("meta") if "charset" in a] == ["utf-8"]
    assert len(page.all("h1")) == 1 and len(page.all("main")) == 1
    assert len(page.all("title")) >= 1
    ids = [a["id"] for _, a in page.elements if "id" in a]
    assert len(ids) == len(set(ids)), "ids are unique"


def test_self_contained_no_network_no_script() -> None:
    for result in (_result(), _grouped(), _with_funnel()):
        out, page = _page(result)
        assert "http" not in out.lower()
        assert "//" not in re.sub(r"<!--.*?-->", "", out).replace("/*", "").replace("*/", "")
        assert not page.all("script") and not page.all("link") and not page.all("img")
        assert not page.all("iframe") and not page.all("object") and not page.all("embed")
        assert "@import" not in out and "url(" not in out
        assert not [a for _, a in page.elements if "src" in a]
        ids = {a["id"] for _, a in page.elements if "id" in a}
        for _, a in page.elements:
            if "href" in a:
                assert a["href"].startswith("#") and a["href"][1:] in ids, a["href"]
        assert len(page.all("style")) == 1


def test_hostile_text_is_escaped_everywhere() -> None:
    for result in (_result(), _grouped(), _with_funnel()):
        out, page = _page(result)
        assert "<script>" not in out and "alert(1)</" not in out
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out
        # MarkupSafe (Jinja2's autoescape) writes a double quote as &#34;
        assert "&#34;quotes&#34; &amp; ampersands" in out
        assert '"quotes" &' not in out
        assert not page.all("script")
        text = page.text()
        assert HOSTILE in text and QUOTES in text  # shown as written, as text
        # attributes survive quoting: the chart titles hold the hostile goal name intact
        labels = " ".join(a.get("aria-label", "") for _, a in page.elements)
        assert HOSTILE in page.text() or HOSTILE in labels


def test_one_chart_per_goal_with_title_and_label() -> None:
    _, page = _page(_result())
    charts = page.all("svg", "goal-chart")
    assert len(charts) == 4  # mql-volume, mql-to-sql, response-time, on-time
    assert len(page.all("article", "card")) == 4
    titles = {a["id"] for a in page.all("title") if "id" in a}
    for svg in charts:
        assert svg["role"] == "img" and svg["aria-labelledby"] in titles
        assert "viewbox" in svg
    # the target is a dashed line in every chart, and the current week is drawn apart
    assert len(page.all("line", "target")) >= 4
    assert len(page.all("rect", "projection")) == 1  # only the count goal projects
    assert page.all("rect", "current") and page.all("rect", "maturing")


def test_grouped_gives_a_card_per_goal_and_group() -> None:
    out, page = _page(_grouped())
    assert len(page.all("svg", "goal-chart")) == 8
    assert len(page.all("section", "goal")) == 4  # one heading per goal, cards per group
    assert "owner &lt;script&gt;" in out
    assert f"owner {HOSTILE}: {QUOTES}" in page.text()


def test_teams_in_owner_order_with_people() -> None:
    _, page = _page(_result())
    teams = [t.strip() for t in page.text_in("h3")]
    assert teams == ["marketing", "sales", QUOTES]
    assert "owner: ana.souza" in page.text()


def test_verdicts_are_words_and_symbols_not_only_colour() -> None:
    out, page = _page(_result())
    text = page.text()
    # weeks W44, W45, W46 are complete, W47 is the current one
    assert "✓ Met in 2026-W46: 41" in text  # mql-volume
    assert "✗ Missed in 2026-W45: 20.0% · later weeks maturing" in text  # mql-to-sql
    assert "✗ Missed in 2026-W46: 80.0%" in text  # on-time
    # the values table marks every judged cell with a symbol, the current one is not judged
    cells = re.findall(r'<td class="(met|missed|maturing|nodata|current)"[^>]*>(.*?)</td>', out)
    marks = {"met": "✓", "missed": "✗", "maturing": "…", "nodata": "–"}
    for css, inner in cells:
        if css in marks:
            assert marks[css] in inner, (css, inner)
    assert "Projected" in text and "52.5" in text and "↑" in text
    assert "maturing" in text and "now" in page.text_in("text")


def test_header_owners_review_rows() -> None:
    out, page = _page(_result())
    text = page.text()
    assert f"ACME {HOSTILE}" in page.text_in("h1")
    # dates in the reader's locale (Babel's en: month first, 12-hour clock)
    assert "Fri Nov 20, 2026, 12:00\u202fPM (UTC−03:00)" in text and "America/Sao_Paulo" in text
    assert "⚠ Review overdue since Apr 5, 2026" in text
    assert "120 rows" in text and "⚠ 2 rejected" in text and "⚠ 3 unreadable cells" in text
    assert 'datetime="2026-11-20T12:00:00-03:00"' in out
    _, bare = _page(replace(_result(), review=None, rows=None, owners={}))
    assert bare.errors == [] and "no owners named" in bare.text()


def test_empty_funnel_and_no_follow_ups_say_so() -> None:
    _, page = _page(_result())
    text = page.text()
    assert "No funnel in the SLA." in text
    assert "No follow-up rules in the SLA." in text
    assert not page.all("table", "funnel") and not page.all("table", "compliance")


def test_funnel_steps_exits_and_compliance() -> None:
    _, page = _page(_with_funnel())
    assert len(page.all("table", "funnel")) == 1
    assert len(page.all("tbody", "exits")) == 1
    assert "35.7%" in page.text() and "28.6%" in page.text()  # conversion between steps
    assert "since Oct 26, 2026" in page.text()  # Babel's medium date in en
    assert len(page.all("svg", "hbar")) >= 5
    tables = page.all("table", "compliance")
    assert len(tables) == 2
    assert "75.0%" in page.text()
    assert len(page.all("svg", "stack")) == 3


def test_every_table_header_has_a_scope() -> None:
    for result in (_result(), _grouped(), _with_funnel()):
        _, page = _page(result)
        ths = page.all("th")
        assert ths and all(a.get("scope") in {"col", "row", "colgroup"} for a in ths)


def test_light_dark_and_print_styles() -> None:
    out = html(_result())
    assert "prefers-color-scheme: dark" in out and "@media print" in out
    assert '<meta name="color-scheme" content="light dark">' in out


def test_deterministic_and_no_periods() -> None:
    assert html(_with_funnel()) == html(_with_funnel())
    _, page = _page(_result(periods=[], missed=0))
    assert page.errors == [] and "No periods in range." in page.text()


def test_many_periods_thin_the_axis_and_list_values_down() -> None:
    one = _periods()[0]
    periods = [
        replace(_period(n - 16, one.goals), complete=n < 19) for n in range(20)
    ]  # 20 weeks, the last one current
    _, page = _page(_result(periods=periods))
    assert page.errors == []
    assert len(page.all("table", "tall")) == 4  # one row per week, not 20 columns
    labels = [t for t in page.text_in("text") if re.fullmatch(r"W\d\d", t)]
    assert len(labels) < 4 * 20 and labels.count(periods[-1].label[5:]) == 4


# --- the real page in a real browser --------------------------------------------------------------


def _chromium() -> str:
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    reason = "chromium is not on PATH (apt-get install chromium)"
    if os.environ.get("LEADSLA_REQUIRE_BROWSER") == "1":
        pytest.fail(f"LEADSLA_REQUIRE_BROWSER=1 but {reason}")
    pytest.skip(reason)


LEAD_HEADERS = [
    "ID", "Email", "Cargo", "Empresa", "Funcionários", "Setor", "Origem", "Dono do Lead",
    "Estágio no funil", "Data de criação", "Data de qualificação", "Primeiro contato", "Data SQL",
    "Data da oportunidade", "Data da venda", "Data da perda", "Data de devolução",
    "Motivo da devolução", "Última atividade", "Aberturas de e-mail",
    "Visitas à página de preços", "Pediu demonstração",
]  # fmt: skip


def _leads_csv(tmp_path: Path) -> Path:
    """examples/leads.csv, else a small export in its shape (`;`, dd/mm/YYYY HH:MM)."""
    example = EXAMPLES / "leads.csv"
    if example.exists():
        return example
    start = datetime(2026, 9, 1, 9, 30)
    lines = [";".join(LEAD_HEADERS)]
    for i in range(120):
        created = start + timedelta(hours=13 * i)
        mql = created + timedelta(hours=2) if i % 3 else None
        contact = mql + timedelta(minutes=45 + 37 * (i % 9)) if mql and i % 4 else None
        sql = contact + timedelta(days=2) if contact and i % 5 == 0 else None

        def d(t: datetime | None) -> str:
            return t.strftime("%d/%m/%Y %H:%M") if t else ""

        lines.append(
            ";".join(
                [
                    str(1000 + i), f"lead{i}@acme{i % 7}.com", "Head of Sales" if i % 2 else "Analista",
                    "ACME", str(40 + i * 5), "saas", "Google Ads", ["Ana", "Bruno", ""][i % 3],
                    "MQL" if mql else "Lead", d(created), d(mql), d(contact), d(sql), "", "", "", "",
                    "", d(contact or created), str(i % 6), str(i % 2), "sim" if i % 4 == 0 else "não",
                ]
            )
        )  # fmt: skip
    path = tmp_path / "leads.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


BROWSER_TIMEOUT = 12
"""Seconds for one Chromium run (about 1.5 s normally): two runs stay well under 30 s."""


def _browser(chromium: str, tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """One headless Chromium run with its own profile; the whole process group dies on timeout."""
    profile = tmp_path / f"profile-{len(list(tmp_path.glob('profile-*')))}"
    cmd = [
        chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-extensions", "--disable-dev-shm-usage", "--hide-scrollbars",
        f"--user-data-dir={profile}", "--enable-logging=stderr", "--v=0", *args,
    ]  # fmt: skip
    proc = subprocess.Popen(
        cmd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        errors="replace",
        start_new_session=True,
    )
    try:
        out, err = proc.communicate(timeout=BROWSER_TIMEOUT)
    except subprocess.TimeoutExpired:
        if hasattr(os, "killpg"):
            os.killpg(proc.pid, signal.SIGKILL)
        else:  # pragma: no cover - Windows
            proc.kill()
        proc.communicate()
        pytest.fail(f"chromium did not finish in {BROWSER_TIMEOUT} s: {' '.join(args)}")
    assert proc.returncode == 0, err[-2000:]
    return subprocess.CompletedProcess(cmd, proc.returncode, out, err)


def _console_errors(stderr: str) -> list[str]:
    """Console lines (logged as INFO:CONSOLE or ERROR:CONSOLE by version): the page has no
    script, so any is a problem, as is a failed load."""
    return [
        line
        for line in stderr.splitlines()
        if "Uncaught" in line or ":CONSOLE" in line or "net::ERR" in line
    ]


def _png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def test_real_report_renders_in_chromium(tmp_path: Path) -> None:
    chromium = _chromium()
    page = tmp_path / "report.html"
    sla = EXAMPLES / "sla.yaml"
    r = run_leadsla(
        "report", _leads_csv(tmp_path), "--sla", sla, "--as-of", AS_OF,
        "--format", "html", "--output", page, "--quiet",
    )  # fmt: skip
    assert r.returncode in (0, 1), r.stderr
    text = page.read_text(encoding="utf-8")
    charts = text.count('class="chart goal-chart"')
    assert charts >= 1 and Page(text).errors == []

    dom = _browser(chromium, tmp_path, "--dump-dom", page.as_uri())
    assert dom.stdout.count('class="chart goal-chart"') == charts
    assert "<svg" in dom.stdout and "</html>" in dom.stdout
    assert _console_errors(dom.stderr) == []

    shot = tmp_path / "report.png"
    snap = _browser(
        chromium, tmp_path, f"--screenshot={shot}", "--window-size=1200,2000", page.as_uri()
    )
    assert _console_errors(snap.stderr) == []
    assert shot.exists() and shot.stat().st_size > 30_000
    assert _png_size(shot) == (1200, 2000)


# --- issue 12: verdicts, names, the reader's language, a phone --------------------------------


@pytest.fixture
def pt_br() -> Any:
    i18n.activate("pt_BR")
    yield
    i18n.activate("en")


def test_every_goal_period_shows_its_verdict_unknown_ones_neutral() -> None:
    result = _result()
    # another part of issue 12 adds `no_target` (and maybe more): any word is shown, neutral
    last = result.periods[-1]
    odd = [
        replace(last.goals[0], verdict="no_target"),
        replace(last.goals[1], verdict="for_each_pending"),
        *last.goals[2:],
    ]
    result = replace(result, periods=[*result.periods[:-1], replace(last, goals=odd)])
    out, page = _page(result)
    assert page.errors == []
    words = [t.strip() for t in page.text_in("td") if t.strip()]
    cells = re.findall(r'<td class="word ([a-z]+)">(.*?)</td>', out)
    # one verdict cell per goal and period
    assert len(cells) == 4 * len(result.periods)
    assert ("notarget", "no target") in cells and ("other", "for each pending") in cells
    assert ("met", "met") in cells and ("missed", "missed") in cells
    assert ("maturing", "maturing") in cells and ("nodata", "no data") in cells
    assert words  # the verdicts are text, not only colour


def test_the_goal_name_is_shown_else_its_id() -> None:
    result = _result()
    named = [
        replace(p, goals=[replace(p.goals[0], name="MQLs per week"), *p.goals[1:]])
        for p in result.periods
    ]
    _, page = _page(replace(result, periods=named))
    assert "MQLs per week" in page.text_in("a")  # at a glance, linking to the card
    assert "mql-volume" in page.text_in("code")  # the id beside it
    assert "response-time" in page.text_in("a")  # no name: the id


def test_pt_br_words_dates_numbers_and_lang(pt_br: None) -> None:
    out, page = _page(_with_funnel())
    assert out.startswith('<!DOCTYPE html>\n<html lang="pt-BR">')
    assert page.errors == []
    text = page.text()
    assert "Metas por semana" in text and "Funil" in text and "Cumprimento" in text
    assert "sex. 20 de nov. de 2026, 12:00 (UTC−03:00)" in text
    assert "⚠ Revisão atrasada desde 5 de abr. de 2026" in text
    assert "35,7%" in text and "52,5" in text  # decimal comma
    assert "✓ Atingida em 2026-W46: 41" in text
    assert "S47" in page.text_in("text")  # the week on the chart's axis
    # the data stays as written, escaped
    assert HOSTILE in text and "<script>" not in out
    for english in ("Goals per week", "No funnel", "At a glance", "Latest verdict"):
        assert english not in text


def test_templates_and_css_are_in_the_built_wheel(tmp_path: Path) -> None:
    """A plain `pip install .` must carry the templates (hatch ships package data files)."""
    root = Path(__file__).resolve().parents[2]
    done = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
         "-w", str(tmp_path), str(root)],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    if done.returncode != 0 and "hatchling" in done.stderr:
        pytest.skip("hatchling is not installed for an offline build")
    assert done.returncode == 0, done.stderr[-2000:]
    (wheel,) = tmp_path.glob("leadsla-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "leadsla/render/templates/report.html" in names
    assert "leadsla/render/templates/report.css" in names
    assert "leadsla/locale/pt_BR/LC_MESSAGES/leadsla.mo" in names


PHONE = 390
DESKTOP = 1400


def _widths(chromium: str, tmp_path: Path, page: str, width: int) -> dict[str, str]:
    """The page in a `width`-px viewport (an iframe of that width, since a headless window has
    a minimum width): its scroll width, and the elements that stick out of it outside a
    scrolling table. The report itself has no script; the measuring one is in the wrapper."""
    wrapper = tmp_path / f"measure-{width}.html"
    wrapper.write_text(
        f'<!DOCTYPE html><html><body style="margin:0"><iframe id="f" '
        f'style="width:{width}px;height:900px;border:0" srcdoc="{escape(page, quote=True)}">'
        "</iframe><script>"
        'window.addEventListener("load", function () {'
        ' var d = document.getElementById("f").contentDocument;'
        " var w = d.documentElement.clientWidth, wide = [];"
        ' d.querySelectorAll("body *").forEach(function (e) {'
        "  var r = e.getBoundingClientRect();"
        '  if (r.right > w + 0.5 && !e.closest(".scroll")) wide.push(e.tagName + "." + e.getAttribute("class"));'
        " });"
        ' document.body.setAttribute("data-scroll-width", d.documentElement.scrollWidth);'
        ' document.body.setAttribute("data-client-width", w);'
        ' document.body.setAttribute("data-wide", wide.slice(0, 20).join(" "));'
        "});</script></body></html>",
        encoding="utf-8",
    )
    dom = _browser(chromium, tmp_path, "--dump-dom", wrapper.as_uri())
    return dict(re.findall(r'data-([a-z-]+)="([^"]*)"', dom.stdout))


@pytest.mark.parametrize("locale", ["en", "pt-BR"])
def test_no_horizontal_overflow_on_a_phone_or_a_desktop(tmp_path: Path, locale: str) -> None:
    chromium = _chromium()
    for by in ((), ("--by", "owner")):
        r = run_leadsla(
            "report", _leads_csv(tmp_path), "--sla", EXAMPLES / "sla.yaml", "--as-of", AS_OF,
            "--format", "html", "--quiet", "--locale", locale, *by,
        )  # fmt: skip
        assert r.returncode in (0, 1), r.stderr
        for width in (PHONE, DESKTOP):
            seen = _widths(chromium, tmp_path, r.stdout, width)
            assert seen["client-width"] == str(width), seen
            assert seen["scroll-width"] == str(width), (width, by, seen)
            assert seen["wide"] == "", (width, by, seen)

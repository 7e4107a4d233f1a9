"""`leadsla calibrate`: hand-worked exports for every count, rate, lift, interval, suggestion and
decile; the empty cohort; a property test against a plain Python evaluation."""

from __future__ import annotations

import json
import math
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from leadsla import i18n
from tests.conftest import Cli, run_leadsla

AS_OF = "2026-06-30T00:00:00Z"
Z = 1.959964

SLA = """\
version: 1
name: Calibration test
leads:
  timezone: UTC
scoring:
  fit:
    rules:
      - {name: Big, when: {field: size, gte: 100}, points: 20}
      - {name: Titled, when: {field: title, eq: boss}, points: 30, cap: 25}
    grades: {A: 40, B: 20}
  engagement:
    rules:
      - {name: Opens, per: opens, points: 2}
      - {name: Demo, when: {field: demo, eq: "yes"}, points: 10}
qualification:
  disqualify:
    - {reason: student, when: {field: title, eq: student}}
    - {reason: huge, when: {field: size, gte: 150}}
  mql: {field: score, gte: 30}
"""

HEADER = "id,created_at,sql_at,size,title,opens,demo"
# as of 2026-06-30 with --within 10d the cohort is created_at <= 2026-06-20T00:00Z
# scores: fit (Big 20, Titled capped 25) + engagement (2 per open, Demo 10)
SMALL = [
    "L01,2026-06-01T00:00:00Z,2026-06-05T00:00:00Z,120,boss,0,yes",  # 55 A mql, converted
    "L02,2026-06-01T00:00:00Z,2026-06-20T00:00:00Z,200,x,3,no",  # 26 B huge, 19 days: no
    "L03,2026-06-02T00:00:00Z,2026-06-03T00:00:00Z,120,boss,0,no",  # 45 A mql, converted
    "L04,2026-06-02T00:00:00Z,,50,boss,1,yes",  # 37 B mql, no outcome
    "L05,2026-06-03T00:00:00Z,2026-06-02T00:00:00Z,50,x,0,no",  # 0 D, outcome before t: no
    "L06,2026-06-03T00:00:00Z,2026-06-04T00:00:00Z,200,student,0,no",  # 20 B student+huge, conv
    "L07,2026-06-04T00:00:00Z,2026-06-14T00:00:00Z,50,x,0,yes",  # 10 D, exactly t+10d: conv
    "L08,2026-06-05T00:00:00Z,2026-06-06T00:00:00Z,50,x,2,no",  # 4 D, converted
    "L09,2026-06-19T23:00:00Z,,50,x,0,no",  # 0 D, no outcome
    "L10,2026-06-20T00:00:00Z,2026-06-29T00:00:00Z,200,x,0,no",  # 20 B huge, on the end: conv
    "L11,2026-06-20T00:01:00Z,2026-06-21T00:00:00Z,200,boss,0,yes",  # after the end: out
    "L12,,2026-06-21T00:00:00Z,50,boss,0,yes",  # no cohort timestamp: out
    "L13,2026-07-05T00:00:00Z,2026-07-06T00:00:00Z,50,boss,0,yes",  # after as-of: out
]


def _write(tmp_path: Path, rows: list[str], sla: str = SLA) -> tuple[Path, Path]:
    s = tmp_path / "sla.yaml"
    s.write_text(sla, encoding="utf-8")
    leads = tmp_path / "leads.csv"
    leads.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    return s, leads


def _calibrate(cli: Cli, tmp_path: Path, rows: list[str], *more: str, sla: str = SLA) -> Any:
    s, leads = _write(tmp_path, rows, sla)
    r = cli(
        "calibrate", leads, "--sla", s, "--as-of", AS_OF, "--outcome", "sql_at",
        "--cohort", "created_at", "--within", "10d", "--format", "json", *more,
    )  # fmt: skip
    assert r.exit_code == 0, r.stderr
    return json.loads(r.stdout)


def _interval(a: int, n1: int, c: int, n0: int) -> tuple[float, float, float]:
    lift = (a / n1) / (c / n0)
    se = math.sqrt(1 / a - 1 / n1 + 1 / c - 1 / n0)
    return lift, math.exp(math.log(lift) - Z * se), math.exp(math.log(lift) + Z * se)


def _rule(doc: dict[str, Any], name: str) -> dict[str, Any]:
    return next(r for r in doc["rules"] if r["name"] == name)


def test_cohort_and_conversion_bounds(cli: Cli, tmp_path: Path) -> None:
    doc = _calibrate(cli, tmp_path, SMALL)
    assert doc["outcome"] == "sql_at"
    assert doc["within_minutes"] == 10 * 24 * 60
    # L01..L10: L10 exactly on as-of - 10d is in, L11 a minute later is not; L12 blank and
    # L13 after as-of are not; converted: L01 L03 L06 L07 (t + 10d exactly) L08 L10
    assert doc["cohort"] == {
        "field": "created_at",
        "from": "2026-06-01T00:00:00+00:00",
        "to": "2026-06-20T00:00:00+00:00",
        "size": 10,
        "converted": 6,
        "rate": 0.6,
    }


def test_every_rule_count_rate_lift_and_interval(cli: Cli, tmp_path: Path) -> None:
    doc = _calibrate(cli, tmp_path, SMALL)
    names = [(r["part"], r["name"], r["points"]) for r in doc["rules"]]
    assert names == [
        ("fit", "Big", 20),
        ("fit", "Titled", 30),
        ("engagement", "Opens", 2),
        ("engagement", "Demo", 10),
        ("disqualify", "student", None),
        ("disqualify", "huge", None),
        ("mql", "mql", None),
    ]
    # (fired, fired converted, not fired, not fired converted), worked by hand above
    expected = {
        "Big": (5, 4, 5, 2),  # L01 L02 L03 L06 L10
        "Titled": (3, 2, 7, 4),  # L01 L03 L04
        "Opens": (3, 1, 7, 5),  # a `per` rule fires where opens is not 0: L02 L04 L08
        "Demo": (3, 2, 7, 4),  # L01 L04 L07
        "student": (1, 1, 9, 5),  # L06
        "huge": (3, 2, 7, 4),  # L02 L06 L10: L06 is disqualified as student, huge fires too
        "mql": (3, 2, 7, 4),  # score >= 30: L01 L03 L04
    }
    for name, (n1, a, n0, c) in expected.items():
        r = _rule(doc, name)
        assert (r["fired"], r["fired_converted"], r["not_fired"], r["not_fired_converted"]) == (
            n1, a, n0, c,
        ), name  # fmt: skip
        assert r["rate_fired"] == pytest.approx(a / n1)
        assert r["rate_not_fired"] == pytest.approx(c / n0)
        lift, low, high = _interval(a, n1, c, n0)
        assert r["lift"] == pytest.approx(lift)
        assert r["lift_low"] == pytest.approx(low)
        assert r["lift_high"] == pytest.approx(high)
        assert r["evidence"] is (name == "student"), name
        assert r["suggested_points"] is None
    # student: one lead, converted, against 5 of 9: exp(ln 1.8 − 1.959964 · √(1/5 − 1/9))
    # = 1.0035 > 1, evidence; a disqualify rule never has suggested points
    assert _rule(doc, "student")["lift_low"] == pytest.approx(1.0035, abs=1e-4)
    big = _rule(doc, "Big")
    # 0.8 / 0.4 = 2; exp(ln 2 ± 1.959964 · √(1/4 − 1/5 + 1/2 − 1/5))
    assert big["lift"] == pytest.approx(2.0)
    assert big["lift_low"] == pytest.approx(0.6273, abs=1e-4)
    assert big["lift_high"] == pytest.approx(6.3769, abs=1e-4)


def test_lift_and_interval_nulls(cli: Cli, tmp_path: Path) -> None:
    # every lead converts but L04: a rule that fires for all converted leads has c = 0
    rows = [
        "L01,2026-06-01T00:00:00Z,2026-06-02T00:00:00Z,120,boss,0,no",
        "L02,2026-06-01T00:00:00Z,2026-06-02T00:00:00Z,120,x,0,no",
        "L03,2026-06-01T00:00:00Z,,50,x,0,no",
        "L04,2026-06-01T00:00:00Z,2026-06-02T00:00:00Z,50,boss,0,no",
    ]
    doc = _calibrate(cli, tmp_path, rows)
    big = _rule(doc, "Big")  # fired 2 (2 converted), not fired 2 (1 converted)
    assert (big["fired"], big["fired_converted"], big["not_fired_converted"]) == (2, 2, 1)
    assert big["lift"] == pytest.approx(2.0)
    # a = n1: 1/a - 1/n1 = 0, still an interval
    assert big["lift_low"] is not None
    demo = _rule(doc, "Demo")  # fires for none: n1 = 0, lift null
    assert (demo["fired"], demo["rate_fired"], demo["lift"], demo["lift_low"]) == (
        0,
        None,
        None,
        None,
    )
    assert demo["evidence"] is False
    opens = _rule(doc, "Opens")  # never fires either
    assert opens["lift"] is None
    student = _rule(doc, "student")
    assert student["fired"] == 0 and student["lift"] is None
    # Titled fires for L01 (converted) and L04 (converted); not fired L02 (conv), L03 (not)
    titled = _rule(doc, "Titled")
    assert titled["lift"] == pytest.approx(1.0 / 0.5)
    # a rule whose not-fired leads never convert has a null lift
    rows2 = [
        "L01,2026-06-01T00:00:00Z,2026-06-02T00:00:00Z,120,x,0,no",
        "L02,2026-06-01T00:00:00Z,,50,x,0,no",
    ]
    doc2 = _calibrate(cli, tmp_path, rows2)
    big2 = _rule(doc2, "Big")  # a = 1, n1 = 1, c = 0, n0 = 1
    assert big2["rate_fired"] == 1.0 and big2["rate_not_fired"] == 0.0
    assert big2["lift"] is None and big2["lift_low"] is None and big2["evidence"] is False
    huge = _rule(doc2, "huge")  # fires for none
    assert huge["fired"] == 0 and huge["lift"] is None


def _copies(n: int, start: int, cells: str, converted: bool) -> list[str]:
    sql = "2026-06-02T00:00:00Z" if converted else ""
    return [f"C{start + i:04d},2026-06-01T00:00:00Z,{sql},{cells}" for i in range(n)]


def test_evidence_and_suggested_points(cli: Cli, tmp_path: Path) -> None:
    # Big only (with a demo and an open): 40 leads, 30 converted; Titled only: 40, 9;
    # neither: 40, 6. Big: 0.75 / (15/80) = 4; Titled: 0.225 / (36/80) = 0.5
    rows = (
        _copies(30, 0, "120,x,1,yes", True)
        + _copies(10, 30, "120,x,1,yes", False)
        + _copies(9, 40, "50,boss,0,no", True)
        + _copies(31, 49, "50,boss,0,no", False)
        + _copies(6, 80, "50,x,0,no", True)
        + _copies(34, 86, "50,x,0,no", False)
    )
    doc = _calibrate(cli, tmp_path, rows)
    big, titled = _rule(doc, "Big"), _rule(doc, "Titled")
    assert big["lift"] == pytest.approx(4.0)
    # se = √(1/30 − 1/40 + 1/15 − 1/80) = 0.25
    assert big["lift_low"] == pytest.approx(4 * math.exp(-Z * 0.25))
    assert big["lift_high"] == pytest.approx(4 * math.exp(Z * 0.25))
    assert big["evidence"] is True
    assert titled["lift"] == pytest.approx(0.5)
    se = math.sqrt(1 / 9 - 1 / 40 + 1 / 36 - 1 / 80)
    assert titled["lift_high"] == pytest.approx(0.5 * math.exp(Z * se))
    assert titled["lift_high"] < 1 and titled["evidence"] is True
    # k = max |p| / max |ln lift| = 25 (Titled's 30 capped at 25) / ln 4
    # Big: 25 · ln 4 / ln 4 = 25; Titled: 25 · ln 0.5 / ln 4 = -12.5 -> -15 (half away from 0)
    assert big["suggested_points"] == 25
    assert titled["suggested_points"] == -15
    # engagement is its own part: Demo alone, k = 10 / ln 4, its suggestion 10
    demo, opens = _rule(doc, "Demo"), _rule(doc, "Opens")
    assert demo["lift"] == pytest.approx(4.0) and demo["evidence"] is True
    assert demo["suggested_points"] == 10
    # a `per` rule has evidence but no suggestion
    assert opens["evidence"] is True and opens["suggested_points"] is None
    # the MQL condition has evidence (the Big leads score 32) but no points to suggest
    mql = _rule(doc, "mql")
    assert mql["suggested_points"] is None


def test_grades_mql_precision_recall(cli: Cli, tmp_path: Path) -> None:
    doc = _calibrate(cli, tmp_path, SMALL)
    assert doc["grades"] == [
        {"grade": "A", "size": 2, "converted": 2, "rate": 1.0},  # L01 L03
        {"grade": "B", "size": 4, "converted": 2, "rate": 0.5},  # L02 L04 L06 L10
        {"grade": "D", "size": 4, "converted": 2, "rate": 0.5},  # L05 L07 L08 L09
    ]
    # MQLs: L01 L03 L04 (L02 L06 L10 disqualified); converted L01 L03
    assert doc["mql"]["size"] == 3 and doc["mql"]["converted"] == 2
    assert doc["mql"]["precision"] == pytest.approx(2 / 3)
    assert doc["mql"]["recall"] == pytest.approx(2 / 6)


def test_no_mql_definition_has_no_precision_or_recall(cli: Cli, tmp_path: Path) -> None:
    """Without `qualification.mql` no lead can be an MQL: a recall of 0% would judge a
    definition nobody wrote."""
    sla = SLA.replace("  mql: {field: score, gte: 30}\n", "")
    doc = _calibrate(cli, tmp_path, SMALL, sla=sla)
    assert doc["mql"] == {"size": 0, "converted": 0, "precision": None, "recall": None}
    assert "mql" not in [r["part"] for r in doc["rules"]]


def test_deciles_rank_ties_and_empty_ones(cli: Cli, tmp_path: Path) -> None:
    doc = _calibrate(cli, tmp_path, SMALL)
    # scores 55 45 37 26 20 20 10 4 0 0: ranks 1 2 3 4 5 5 7 8 9 9; n = 10 so decile = rank
    got = [(d["decile"], d["min_score"], d["max_score"], d["size"], d["converted"], d["rate"])
           for d in doc["deciles"]]  # fmt: skip
    assert got == [
        (1, 55, 55, 1, 1, 1.0),
        (2, 45, 45, 1, 1, 1.0),
        (3, 37, 37, 1, 0, 0.0),
        (4, 26, 26, 1, 0, 0.0),
        (5, 20, 20, 2, 2, 1.0),
        (6, None, None, 0, 0, None),
        (7, 10, 10, 1, 1, 1.0),
        (8, 4, 4, 1, 1, 1.0),
        (9, 0, 0, 2, 0, 0.0),
        (10, None, None, 0, 0, None),
    ]


def test_from_narrows_the_cohort(cli: Cli, tmp_path: Path) -> None:
    doc = _calibrate(cli, tmp_path, SMALL, "--from", "2026-06-02")
    assert doc["cohort"]["from"] == "2026-06-02T00:00:00+00:00"
    assert doc["cohort"]["size"] == 8 and doc["cohort"]["converted"] == 5  # L01, L02 out


def test_empty_cohort_is_exit_2_naming_the_range(cli: Cli, tmp_path: Path) -> None:
    s, leads = _write(tmp_path, SMALL)
    r = cli("calibrate", leads, "--sla", s, "--as-of", AS_OF, "--outcome", "sql_at",
            "--cohort", "created_at", "--within", "10d", "--from", "2026-06-25")  # fmt: skip
    assert r.exit_code == 2 and r.stdout == ""
    assert "created_at" in r.stderr
    assert "2026-06-25T00:00+00:00" in r.stderr and "2026-06-20T00:00+00:00" in r.stderr
    r = cli("calibrate", leads, "--sla", s, "--as-of", "2026-06-01T00:00:00Z",
            "--outcome", "sql_at", "--cohort", "created_at")  # fmt: skip
    assert r.exit_code == 2 and "on or before 2026-03-03T00:00+00:00" in r.stderr


def test_cohort_defaults_to_the_first_funnel_step(cli: Cli, tmp_path: Path) -> None:
    s, leads = _write(tmp_path, SMALL)
    r = cli("calibrate", leads, "--sla", s, "--as-of", AS_OF, "--outcome", "sql_at")
    assert r.exit_code == 2 and "--cohort" in r.stderr  # no funnel: --cohort is required
    funnel = SLA + (
        "funnel:\n  handoff: sql\n  stages:\n    - {id: lead, entered: created_at}\n"
        "    - {id: sql, entered: sql_at}\n"
    )
    doc = _calibrate(cli, tmp_path, SMALL, sla=funnel)
    assert doc["cohort"]["field"] == "created_at" and doc["cohort"]["size"] == 10


def test_outcome_must_be_a_timestamp(cli: Cli, tmp_path: Path) -> None:
    s, leads = _write(tmp_path, SMALL)
    r = cli("calibrate", leads, "--sla", s, "--as-of", AS_OF, "--outcome", "size",
            "--cohort", "created_at")  # fmt: skip
    assert r.exit_code == 2 and "--outcome size" in r.stderr
    r = cli("calibrate", leads, "--sla", s, "--as-of", AS_OF, "--outcome", "sql_at",
            "--cohort", "created_at", "--within", "ten days")  # fmt: skip
    assert r.exit_code == 2 and "--within" in r.stderr
    # an empty --within is not the default 90d (a script's unset variable must not pass)
    r = cli("calibrate", leads, "--sla", s, "--as-of", AS_OF, "--outcome", "sql_at",
            "--cohort", "created_at", "--within", "")  # fmt: skip
    assert r.exit_code == 2 and "--within" in r.stderr


# -- table and Markdown ------------------------------------------------------------------------


def test_outcome_nobody_can_read_is_exit_2_not_a_quiet_zero(cli: Cli, tmp_path: Path) -> None:
    """An --outcome column of names (no cell a date), or blank in every row, would count no
    conversion at all: exit 2 with what to fix, never a calibration of zeros."""
    s = tmp_path / "sla.yaml"
    s.write_text(SLA, encoding="utf-8")
    leads = tmp_path / "leads.csv"
    rows = [f"{r},Ann Smith{i}," for i, r in enumerate(SMALL)]
    leads.write_text("\n".join([HEADER + ",name,won_at", *rows]) + "\n", encoding="utf-8")
    for outcome, said in (("name", "max_unreadable"), ("won_at", "blank in every row")):
        r = cli("calibrate", leads, "--sla", s, "--as-of", AS_OF, "--outcome", outcome,
                "--cohort", "created_at", "--within", "10d", "--format", "json")  # fmt: skip
        assert r.exit_code == 2 and r.stdout == "", (outcome, r.stdout)
        assert f"`{outcome}`" in r.stderr and said in r.stderr, r.stderr
        assert "Traceback" not in r.stderr


@pytest.mark.parametrize("width", [80, 100, 120, 160])
def test_table_fits_every_width(tmp_path: Path, width: int) -> None:
    s, leads = _write(tmp_path, SMALL)
    r = run_leadsla("calibrate", leads, "--sla", s, "--as-of", AS_OF, "--outcome", "sql_at",
                    "--cohort", "created_at", "--within", "10d", env={"COLUMNS": str(width)})  # fmt: skip
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert all(cell_len(line) <= width for line in lines)
    for name in ("Big", "Titled", "Opens", "Demo", "student", "huge", "mql"):
        assert any(name in line for line in lines), name
    assert "…" not in r.stdout
    assert "Rules by lift" in r.stdout and "decile" in r.stdout
    # sorted by lift: Big (2) before the rules at 7/6
    assert r.stdout.index("Big") < r.stdout.index("Titled")


def test_markdown_lists_rules_by_lift_and_the_chart(cli: Cli, tmp_path: Path) -> None:
    s, leads = _write(tmp_path, SMALL)
    r = cli("calibrate", leads, "--sla", s, "--as-of", AS_OF, "--outcome", "sql_at",
            "--cohort", "created_at", "--within", "10d", "--format", "markdown")  # fmt: skip
    assert r.exit_code == 0
    out = r.stdout
    table = out.split("#### Rules by lift")[1].split("####")[0]
    rule_rows = [line for line in table.splitlines() if line.startswith("| ")][2:]
    names = [row.split("|")[1].strip() for row in rule_rows[:7]]
    assert names[0] == "Big" and names[-1] == "Opens"  # lift 2 first, 7/15 last
    assert "| 5 | 20 | 2 | 2 | 100.0% | `" in out  # decile 5 and its bar
    assert "| 6 | – | 0 | 0 | – |  |" in out


@pytest.fixture
def pt_br() -> Any:
    i18n.activate("pt_BR")
    yield
    i18n.activate("en")


def test_markdown_in_portuguese(cli: Cli, tmp_path: Path) -> None:
    s, leads = _write(tmp_path, SMALL)
    r = cli("calibrate", leads, "--sla", s, "--as-of", AS_OF, "--outcome", "sql_at",
            "--cohort", "created_at", "--within", "10d", "--format", "markdown",
            "--locale", "pt-BR")  # fmt: skip
    assert r.exit_code == 0
    assert "regra" in r.stdout and "60,0%" in r.stdout


# -- the property test -------------------------------------------------------------------------

BASE = datetime(2026, 6, 1, tzinfo=UTC)
END = datetime(2026, 6, 20, tzinfo=UTC)
lead = st.tuples(
    st.integers(0, 30 * 24),  # created: hours after BASE (some past the cohort's end)
    st.one_of(st.none(), st.integers(-48, 20 * 24)),  # outcome: hours after created
    st.sampled_from([50, 120, 200]),
    st.sampled_from(["boss", "x", "student"]),
    st.integers(0, 3),
    st.sampled_from(["yes", "no"]),
)


def _plain(leads: list[tuple[int, int | None, int, str, int, str]]) -> dict[str, Any]:
    """The calibration of SLA, evaluated in plain Python."""
    as_of = datetime(2026, 6, 30, tzinfo=UTC)
    out = []
    for created_h, outcome_h, size, title, opens, demo in leads:
        t = BASE + timedelta(hours=created_h)
        if t > END:
            continue
        o = t + timedelta(hours=outcome_h) if outcome_h is not None else None
        if o is not None and o > as_of:
            o = None
        conv = o is not None and t <= o <= t + timedelta(days=10)
        fit = (20 if size >= 100 else 0) + (25 if title == "boss" else 0)
        eng = 2 * opens + (10 if demo == "yes" else 0)
        score = fit + eng
        flags = {
            "Big": size >= 100,
            "Titled": title == "boss",
            "Opens": opens != 0,
            "Demo": demo == "yes",
            "student": title == "student",
            "huge": size >= 150,
            "mql": score >= 30,
        }
        disq = flags["student"] or flags["huge"]
        qual = "disqualified" if disq else ("mql" if score >= 30 else "not_qualified")
        grade = "A" if fit >= 40 else "B" if fit >= 20 else "D"
        out.append((conv, flags, qual, grade, score))
    n = len(out)
    rules = {
        name: (
            sum(1 for c, f, *_ in out if f[name]),
            sum(1 for c, f, *_ in out if f[name] and c),
        )
        for name in ("Big", "Titled", "Opens", "Demo", "student", "huge", "mql")
    }
    deciles: dict[int, list[int]] = {d: [0, 0] for d in range(1, 11)}
    for conv, _f, _q, _g, score in out:
        rank = 1 + sum(1 for *_, s in out if s > score)
        d = 1 + (10 * (rank - 1)) // n
        deciles[d][0] += 1
        deciles[d][1] += conv
    return {
        "size": n,
        "converted": sum(c for c, *_ in out),
        "rules": rules,
        "grades": {
            g: (sum(1 for x in out if x[3] == g), sum(1 for x in out if x[3] == g and x[0]))
            for g in ("A", "B", "D")
        },
        "mql": (
            sum(1 for x in out if x[2] == "mql"),
            sum(1 for x in out if x[2] == "mql" and x[0]),
        ),
        "deciles": {d: tuple(v) for d, v in deciles.items()},
    }


def _iso(d: datetime) -> str:
    return d.strftime("%Y-%m-%dT%H:%M:%SZ")


@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(lead, min_size=1, max_size=30))
def test_property_matches_plain_python(
    tmp_path_factory: pytest.TempPathFactory,
    leads: list[tuple[int, int | None, int, str, int, str]],
) -> None:
    expected = _plain(leads)
    tmp = tmp_path_factory.mktemp("calibrate")
    rows = []
    for i, (created_h, outcome_h, size, title, opens, demo) in enumerate(leads):
        t = BASE + timedelta(hours=created_h)
        o = _iso(t + timedelta(hours=outcome_h)) if outcome_h is not None else ""
        rows.append(f"P{i:03d},{_iso(t)},{o},{size},{title},{opens},{demo}")
    s, path = _write(tmp, rows)
    r = Cli()(
        "calibrate", path, "--sla", s, "--as-of", AS_OF, "--outcome", "sql_at",
        "--cohort", "created_at", "--within", "10d", "--format", "json", "--quiet",
    )  # fmt: skip
    if expected["size"] == 0 or all(lead[1] is None for lead in leads):
        assert r.exit_code == 2  # an empty cohort, or an outcome blank in every row
        return
    assert r.exit_code == 0, r.stderr
    doc = json.loads(r.stdout)
    assert (doc["cohort"]["size"], doc["cohort"]["converted"]) == (
        expected["size"], expected["converted"],
    )  # fmt: skip
    for rule in doc["rules"]:
        n1, a = expected["rules"][rule["name"]]
        assert (rule["fired"], rule["fired_converted"]) == (n1, a), rule["name"]
        assert rule["not_fired"] == expected["size"] - n1
        assert rule["not_fired_converted"] == expected["converted"] - a
    assert {g["grade"]: (g["size"], g["converted"]) for g in doc["grades"]} == expected["grades"]
    assert (doc["mql"]["size"], doc["mql"]["converted"]) == expected["mql"]
    assert {d["decile"]: (d["size"], d["converted"]) for d in doc["deciles"]} == expected["deciles"]


def test_an_sla_name_with_controls_drives_no_terminal(cli: Cli, tmp_path: Path) -> None:
    """The SLA's name heads every format: its escape sequences (clear the screen, set the
    window title) are shown, not obeyed, in the table and the HTML page too."""
    sla = SLA.replace("name: Calibration test", 'name: "Evil \\e[2J\\e]0;pwn\\a\\nx"')
    s, leads = _write(tmp_path, SMALL, sla)
    for fmt in ("table", "markdown", "html"):
        r = cli("calibrate", leads, "--sla", s, "--as-of", AS_OF, "--outcome", "sql_at",
                "--cohort", "created_at", "--within", "10d", "--format", fmt, "-q")  # fmt: skip
        assert r.exit_code == 0, r.stderr
        assert "Evil" in r.stdout and "pwn" in r.stdout, fmt
        assert "\x1b" not in r.stdout and "\x07" not in r.stdout, fmt


def test_html_page_escapes_and_draws_every_decile(cli: Cli, tmp_path: Path) -> None:
    sla = SLA.replace("name: Big,", "name: '<script>Big</script>',")
    s, leads = _write(tmp_path, SMALL, sla)
    out = tmp_path / "calibration.html"
    r = cli("calibrate", leads, "--sla", s, "--as-of", AS_OF, "--outcome", "sql_at",
            "--cohort", "created_at", "--within", "10d", "--format", "html", "-o", out)  # fmt: skip
    assert r.exit_code == 0, r.stderr
    page = out.read_text(encoding="utf-8")
    assert "<script>" not in page and "&lt;script&gt;Big&lt;/script&gt;" in page
    assert page.count('<rect class="bar"') == 10  # all 10 deciles, empty ones at height 0
    assert 'height="0.0"' in page  # decile 6 and 10 are empty
    # rules by lift: Big (2) first
    assert page.index("&lt;script&gt;Big") < page.index(">Titled<")


@pytest.mark.parametrize(
    ("x", "points"),
    [(12.5, 15), (-12.5, -15), (2.5, 5), (-2.5, -5), (7.49, 5), (7.5, 10), (0.4, 0), (-0.4, 0),
     (25 * math.log(0.5) / math.log(4), -15), (22.4999, 20)],
)  # fmt: skip
def test_suggestions_round_half_away_from_zero_to_fives(x: float, points: int) -> None:
    from leadsla.engine.calibrate import round_to_step

    assert round_to_step(x) == points

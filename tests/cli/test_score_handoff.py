"""`score`: the hand-off audit judges each lead as it was when handed off (issue 12, case 5),
the top leads (MQLs, then not qualified, by score, then id; never a disqualified lead), full
listings in the export's order, and the table at 80 to 160 columns in English and pt-BR."""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from rich.cells import cell_len

from tests.conftest import Cli

AS_OF = "2026-11-20T12:00:00-03:00"
NOW = datetime.fromisoformat(AS_OF)

SLA = """\
version: 1
name: Hand-off audit SLA
leads:
  path: leads.csv
  timezone: America/Sao_Paulo
  types: {{size: number, demo: boolean, unsubscribed: boolean}}
funnel:
  handoff: mql
  stages:
    - {{id: lead, entered: created_at}}
    - {{id: mql, entered: mql_at}}
scoring:
  fit:
    rules:
      - {{name: Big company, when: {{field: size, gte: 100}}, points: 40}}
    grades: {{A: 40}}
  engagement:
    decay: {{half_life: 30d, since: last_activity_at}}
    rules:
      - {{name: Demo, when: {{field: demo, is: true}}, points: 40}}
      - {{name: Unsubscribed, when: {{field: unsubscribed, is: true}}, points: -30}}
qualification:
  disqualify:
    - {{reason: competitor, when: {{field: email, ends_with: "@rival.com"}}}}
  mql: {mql}
"""
MQL_ENGAGEMENT = "{all: [{field: engagement, gte: 25}, {field: engagement, lte: 45}]}"
FIELDS = ["id", "email", "size", "demo", "unsubscribed", "created_at", "mql_at", "last_activity_at"]


def _at(days: float) -> str:
    """The as-of time minus `days`, as the export writes it."""
    return (NOW - timedelta(days=days)).isoformat(timespec="minutes")


def _write(tmp_path: Path, rows: list[dict[str, Any]], mql: str = MQL_ENGAGEMENT) -> Path:
    with (tmp_path / "leads.csv").open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, FIELDS)
        w.writeheader()
        for r in rows:
            w.writerow({"email": f"{r['id']}@x.com", "created_at": _at(200), **r})
    sla = tmp_path / "sla.yaml"
    sla.write_text(SLA.format(mql=mql), encoding="utf-8")
    return sla


def _json(cli: Cli, sla: Path, *args: str) -> dict[str, Any]:
    r = cli("score", "--sla", sla, "--as-of", AS_OF, "--quiet", "--format", "json", *args)
    assert r.exit_code == 0, r.output
    doc: dict[str, Any] = json.loads(r.stdout)
    return doc


def _quals(doc: dict[str, Any]) -> dict[str, str]:
    return {lead["id"]: lead["qualification"] for lead in doc["leads"]}


def test_the_audit_decays_engagement_to_each_leads_hand_off(cli: Cli, tmp_path: Path) -> None:
    sla = _write(
        tmp_path,
        [
            # handed off 90 days ago, a day after its last activity: 40 points then (39.1),
            # 4.7 now. Qualified when handed off, so not what the audit looks for.
            {
                "id": "was-hot",
                "size": 500,
                "demo": "true",
                "mql_at": _at(90),
                "last_activity_at": _at(91),
            },
            # quiet for 90 days before it was handed off yesterday: 5 points then, as now
            {
                "id": "was-cold",
                "size": 500,
                "demo": "true",
                "mql_at": _at(1),
                "last_activity_at": _at(91),
            },
            # active after the hand-off: no decay at the hand-off (40, not 80 for a negative
            # age, which the MQL's `lte: 45` would refuse), decayed to 20 now
            {
                "id": "active-after",
                "size": 500,
                "demo": "true",
                "mql_at": _at(60),
                "last_activity_at": _at(30),
            },
            # qualified now but never handed off: unchanged
            {"id": "never", "size": 500, "demo": "true", "last_activity_at": _at(1)},
            # hands off after the as-of time: not handed off yet
            {
                "id": "later",
                "size": 500,
                "demo": "true",
                "mql_at": _at(-3),
                "last_activity_at": _at(1),
            },
            # a competitor handed off: disqualified when handed off too
            {
                "id": "rival",
                "email": "r@rival.com",
                "size": 500,
                "demo": "true",
                "mql_at": _at(2),
                "last_activity_at": _at(2),
            },
        ],
    )
    doc = _json(cli, sla)
    handoff = doc["summary"]["handoff"]
    assert handoff["judged_at"] == "handoff"
    assert handoff["not_qualified"] == ["was-cold", "rival"]
    assert handoff["not_handed_off"] == ["never", "later"]
    # everything else is as of the as-of time: the leads' own qualification has not moved
    assert _quals(doc) == {
        "was-hot": "not_qualified",
        "was-cold": "not_qualified",
        "active-after": "not_qualified",
        "never": "mql",
        "later": "mql",
        "rival": "disqualified",
    }
    engagement = {lead["id"]: lead["engagement"] for lead in doc["leads"]}
    assert engagement["was-hot"] == pytest.approx(40 * 0.5 ** (91 / 30))
    assert engagement["active-after"] == pytest.approx(20)


def test_negative_engagement_decays_too_so_a_lead_qualified_now_may_not_have_been(
    cli: Cli, tmp_path: Path
) -> None:
    # an unsubscribe (-30) handed off the day after it happened weighed -29.3 then (score 10.7),
    # and fades to -3.7 by now (score 36.3): an MQL now, not when handed off
    sla = _write(
        tmp_path,
        [
            {
                "id": "unsub",
                "size": 500,
                "unsubscribed": "true",
                "mql_at": _at(90),
                "last_activity_at": _at(91),
            },
            {"id": "plain", "size": 500, "mql_at": _at(90), "last_activity_at": _at(91)},
        ],
        mql="{field: score, gte: 30}",
    )
    doc = _json(cli, sla)
    assert _quals(doc) == {"unsub": "mql", "plain": "mql"}
    assert doc["summary"]["handoff"]["not_qualified"] == ["unsub"]
    assert doc["summary"]["handoff"]["not_handed_off"] == []


def test_within_conditions_stay_at_the_as_of_time(cli: Cli, tmp_path: Path) -> None:
    # `within` looks back from the as-of time, not from the hand-off: a lead handed off 10
    # days after it was created, 100 days ago, fails "created within 30 days"
    sla = _write(
        tmp_path,
        [
            {
                "id": "old",
                "size": 500,
                "demo": "true",
                "created_at": _at(110),
                "mql_at": _at(100),
                "last_activity_at": _at(100),
            },
            {
                "id": "new",
                "size": 500,
                "demo": "true",
                "created_at": _at(12),
                "mql_at": _at(10),
                "last_activity_at": _at(10),
            },
        ],
        mql="{all: [{field: engagement, gte: 25}, {field: created_at, within: 30d}]}",
    )
    assert _json(cli, sla)["summary"]["handoff"]["not_qualified"] == ["old"]


# -- top leads and listings ------------------------------------------------------------------------

RANKED = [
    # in export order; score = fit (40 for the size) + engagement (40 for a demo, decayed)
    {"id": "z-nq-high", "size": 500},  # 40, not qualified (no engagement)
    {"id": "rival", "email": "r@rival.com", "size": 500, "demo": "true"},  # 80, disqualified
    {"id": "m-mql", "size": 500, "demo": "true", "last_activity_at": _at(20)},  # 40 + 25.2
    {"id": "b-nq", "size": 5},  # 0
    {"id": "a-nq", "size": 5},  # 0: ties with b-nq, goes first by id
    {"id": "c-mql", "size": 5, "demo": "true", "last_activity_at": _at(1)},  # 39.1: an MQL
]
TOP = ["m-mql", "c-mql", "z-nq-high", "a-nq", "b-nq"]
EXPORT_ORDER = [r["id"] for r in RANKED]


def test_top_leads_rank_mqls_then_not_qualified_by_score_then_id(cli: Cli, tmp_path: Path) -> None:
    sla = _write(tmp_path, RANKED)
    doc = _json(cli, sla, "--top", "10")
    assert [lead["id"] for lead in doc["leads"]] == TOP
    assert [lead["id"] for lead in _json(cli, sla, "--top", "3")["leads"]] == TOP[:3]

    r = cli("score", "--sla", sla, "--as-of", AS_OF, "--quiet", "--format", "csv", "--top", "10")
    assert r.exit_code == 0, r.output
    assert [row["id"] for row in csv.DictReader(io.StringIO(r.stdout))] == TOP

    r = cli("score", "--sla", sla, "--as-of", AS_OF, "--quiet", env={"COLUMNS": "120"})
    assert r.exit_code == 0, r.output
    listed = [
        line.split("│")[1].strip()
        for line in r.stdout.splitlines()
        if "-mql " in line or "-nq" in line
    ]
    assert listed == TOP
    # the competitor scores highest, and is never a top lead
    assert "rival" not in r.stdout.split("Top leads")[1].split("Hand-off audit")[0]


def test_full_listings_keep_the_exports_order(cli: Cli, tmp_path: Path) -> None:
    sla = _write(tmp_path, RANKED)
    assert [lead["id"] for lead in _json(cli, sla)["leads"]] == EXPORT_ORDER
    r = cli("score", "--sla", sla, "--as-of", AS_OF, "--quiet", "--format", "csv")
    assert r.exit_code == 0, r.output
    assert [row["id"] for row in csv.DictReader(io.StringIO(r.stdout))] == EXPORT_ORDER
    out = tmp_path / "scored.csv"
    r = cli("score", "--sla", sla, "--as-of", AS_OF, "--quiet", "--output", out)
    assert r.exit_code == 0, r.output
    with out.open(encoding="utf-8", newline="") as f:
        assert [row["id"] for row in csv.DictReader(f)] == EXPORT_ORDER


def test_json_and_csv_do_not_change_with_the_locale(cli: Cli, tmp_path: Path) -> None:
    sla = _write(tmp_path, RANKED)
    for fmt in ("json", "csv"):
        args = ("score", "--sla", sla, "--as-of", AS_OF, "--quiet", "--format", fmt, "--top", "3")
        en = cli(*args)
        pt = cli(*args, "--locale", "pt-BR")
        assert en.exit_code == pt.exit_code == 0
        assert en.stdout == pt.stdout


# -- the table at the terminal's width -------------------------------------------------------------

LONG_ID = "lead-00000000000000000000000042"


def _table(cli: Cli, sla: Path, width: int, locale: str) -> list[str]:
    r = cli(
        "score", "--sla", sla, "--as-of", AS_OF, "--quiet", "--locale", locale,
        env={"COLUMNS": str(width)},
    )  # fmt: skip
    assert r.exit_code == 0, r.output
    lines = r.stdout.splitlines()
    assert all(cell_len(line) <= width for line in lines), max(lines, key=cell_len)
    return lines


@pytest.mark.parametrize("locale", ["en", "pt-BR"])
@pytest.mark.parametrize("width", [80, 100, 120, 160])
def test_the_table_fits_and_keeps_ids_whole(
    cli: Cli, tmp_path: Path, width: int, locale: str
) -> None:
    rows = [*RANKED, {"id": LONG_ID, "size": 500, "demo": "true", "last_activity_at": _at(25)}]
    sla = _write(tmp_path, rows)
    text = "\n".join(_table(cli, sla, width, locale))
    for lead in [*TOP, LONG_ID]:
        assert lead in text
    assert "…" not in text.split("\n", 1)[1].split("Hand-off")[0].split("Auditoria")[0]


def test_lower_priority_columns_go_first_and_the_note_says_which(cli: Cli, tmp_path: Path) -> None:
    rows = [*RANKED, {"id": LONG_ID, "size": 500, "demo": "true", "last_activity_at": _at(25)}]
    sla = _write(tmp_path, rows)
    wide = "\n".join(_table(cli, sla, 160, "en"))
    header = next(line for line in wide.splitlines() if "Lead" in line and "Score" in line)
    for name in ("Lead", "Score", "Fit", "Grade", "Engagement", "Qualification", "Stage"):
        assert name in header
    assert "not shown" not in wide

    narrow = _table(cli, sla, 80, "en")
    header = next(line for line in narrow if "Lead" in line and "Score" in line)
    # at 80 the long id leaves room for fewer columns: fit goes first, then engagement
    assert "Fit" not in header and "Engagement" not in header
    assert all(name in header for name in ("Lead", "Score", "Qualification"))
    assert "(not shown at this width: Fit, Engagement)" in narrow

    pt = _table(cli, sla, 80, "pt-BR")
    header = next(line for line in pt if "Lead" in line and "Pontuação" in line)
    assert "Qualificação" in header and "Perfil" not in header
    assert any(line.startswith("(colunas ocultas nesta largura: Perfil") for line in pt)


def test_a_table_too_wide_becomes_one_block_per_lead(cli: Cli, tmp_path: Path) -> None:
    huge = "lead-" + "9" * 70
    sla = _write(
        tmp_path, [*RANKED, {"id": huge, "size": 500, "demo": "true", "last_activity_at": _at(25)}]
    )
    lines = _table(cli, sla, 80, "en")
    top = lines[lines.index(next(x for x in lines if x.startswith("Top leads"))) + 1 :]
    assert top[0] == "m-mql"
    assert top[1].startswith("  Score: 65.2 · Fit: 40 · Grade: A · Engagement: 25.2")
    assert huge in lines


def test_the_table_speaks_portuguese(cli: Cli, tmp_path: Path) -> None:
    sla = _write(tmp_path, RANKED)
    text = "\n".join(_table(cli, sla, 120, "pt-BR"))
    assert "Hand-off audit SLA — leads por nota e qualificação" in text
    assert "Melhores leads (5 de 6): MQLs, depois não qualificados, por pontuação" in text
    assert "não qualificado" in text and "65,2" in text
    assert "Auditoria do repasse: qualificado quando repassado" in text
    assert "Todas" in text and "Desqualificado" in text

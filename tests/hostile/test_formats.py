"""Every format of every command, on the hostile corpus in cells, headers and SLA strings.

Each format is checked for the property that makes it safe (CSV: no cell runs as a formula;
Markdown: one line per row, no HTML, link or markup from the data; HTML: no element or attribute
from the data; terminal: nothing a terminal obeys; JSON: the strings exactly as they are), and
for showing each string, neutralised, where it belongs."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import AS_OF, Cli
from tests.hostile import corpus
from tests.hostile.checks import (
    assert_inert,
    assert_no_formula,
    csv_rows,
    escaped,
    everything,
    html_page,
    markdown_tables,
    md_shown,
    shown,
)
from tests.hostile.corpus import CELLS, CORPUS, FIELD_NUMBER, HEADER_NUMBER, KEYS

Run = Callable[..., Any]

IDS = {CORPUS[k] for k in CELLS}


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> corpus.Files:
    return corpus.write(tmp_path_factory.mktemp("hostile"))


@pytest.fixture(scope="module")
def run(files: corpus.Files) -> Run:
    """Run a command once per module (several tests read the same output)."""
    cli = Cli()
    done: dict[tuple[str, ...], Any] = {}
    scoring, teams = ("--sla", files.scoring_sla), ("--sla", files.teams_sla)
    commands = {
        # every lead (a listing): the top leads leave out disqualified ones, hostile reasons too
        "score": ("score", files.export, *scoring),
        "explain": ("explain", CORPUS["breakout"], files.export, *scoring),
        "check-deadlines": ("check-deadlines", files.export, *teams, "--status", "all"),
        "report": ("report", files.export, *teams, "--from", "2026-11-09"),
    }

    def go(command: str, fmt: str, *extra: str | Path) -> Any:
        key = (command, fmt, *map(str, extra))
        if key not in done:
            args = (*commands[command], "--as-of", AS_OF, "--format", fmt, *extra)
            done[key] = cli(*args, env={"COLUMNS": "160"})
        return done[key]

    return go


def ok(result: Any, code: int = 0) -> str:
    assert result.exit_code == code, result.output
    out: str = result.stdout_bytes.decode("utf-8")  # as written (`stdout` turns CRLF into LF)
    return out


# --- score ----------------------------------------------------------------------------------------


def test_score_json_keeps_every_string_exactly(run: Run) -> None:
    doc = json.loads(ok(run("score", "json")))
    assert {lead["id"] for lead in doc["leads"]} == IDS
    assert {lead["reason"] for lead in doc["leads"]} == {CORPUS[k] for k in corpus.REASONS}
    assert {lead["grade"] for lead in doc["leads"]} <= {CORPUS[k] for k in KEYS}
    assert {m["crm_stage"] for m in doc["summary"]["stage_mismatch"]} <= IDS
    assert len(doc["summary"]["stage_mismatch"]) > 20


def test_score_csv_runs_no_formula(run: Run) -> None:
    leads = json.loads(ok(run("score", "json")))["leads"]
    rows = csv_rows(ok(run("score", "csv")))
    assert_no_formula(rows)
    assert rows[0] == [
        "id", "fit", "grade", "engagement", "score", "qualification", "reason", "funnel_stage",
    ]  # fmt: skip
    assert [(r[0], r[2], r[6]) for r in rows[1:]] == [
        (escaped(lead["id"]), escaped(lead["grade"]), escaped(lead["reason"])) for lead in leads
    ]


def test_score_table_obeys_nothing(run: Run) -> None:
    out = ok(run("score", "table", "--top", "100"))
    assert_inert(out)
    for k in ("formula_eq", "formula_at", "ansi", "c1", "html"):
        assert shown(CORPUS[k]) in out, k


def test_errors_file_runs_no_formula(run: Run, tmp_path: Path) -> None:
    errors = tmp_path / "errors.csv"
    ok(run("score", "json", "--errors", errors))
    rows = csv_rows(errors.read_bytes().decode("utf-8"))
    assert_no_formula(rows)
    assert rows[0] == ["kind", "line", "column", "field", "value", "reason"]
    unreadable = [r for r in rows[1:] if r[0] == "unreadable"]
    # every number cell but `-12` is text the number field cannot read
    assert len(unreadable) == len(CELLS) - 1
    for _kind, _line, column, field, _value, _reason in unreadable:
        assert (column, field) == (escaped(HEADER_NUMBER), escaped(FIELD_NUMBER))
    assert {r[4] for r in unreadable} == {
        escaped(lead.number_cell) for lead in corpus.leads() if lead.number_cell != "-12"
    }


# --- check-deadlines ------------------------------------------------------------------------------


def test_deadlines_json_keeps_every_string_exactly(run: Run) -> None:
    doc = json.loads(ok(run("check-deadlines", "json"), 1))
    items = doc["items"]
    assert {i["lead"] for i in items} == IDS
    assert {i["owner"] for i in items} == {lead.owner for lead in corpus.leads()}
    assert {r["name"] for r in doc["rules"]} == IDS
    assert {r["team"] for r in doc["rules"]} == {t["team"] for t in doc["teams"]}
    assert {t["team"] for t in doc["teams"]} == {corpus.team(i) for i in range(len(CELLS))}


def test_deadlines_csv_runs_no_formula(run: Run) -> None:
    items = json.loads(ok(run("check-deadlines", "json"), 1))["items"]
    rows = csv_rows(ok(run("check-deadlines", "csv"), 1))
    assert_no_formula(rows)
    head = rows[0]
    got = [{k: row[head.index(k)] for k in ("lead", "rule", "team", "owner")} for row in rows[1:]]
    assert got == [{k: escaped(i[k]) for k in ("lead", "rule", "team", "owner")} for i in items]


def test_deadlines_markdown_keeps_each_row_on_its_line(run: Run) -> None:
    doc = json.loads(ok(run("check-deadlines", "json"), 1))
    text = ok(run("check-deadlines", "markdown"), 1)
    items, by_rule, by_owner, by_team = markdown_tables(text)
    assert len(items) == 1 + len(doc["items"])
    assert [(row[0], row[2]) for row in items[1:]] == [
        (md_shown(i["lead"]), md_shown(i["owner"])) for i in doc["items"]
    ]
    assert [row[0] for row in by_owner[1:]] == [md_shown(o["owner"]) for o in doc["owners"]]
    assert [row[0] for row in by_team[1:]] == [md_shown(t["team"]) for t in doc["teams"]]
    assert len(by_rule) == 1 + len(doc["rules"])
    heading = text.splitlines()[0]
    assert heading.startswith("### Bob \\# INJECTED \\[click\\](https://x) &lt;img src=x")


def test_deadlines_table_obeys_nothing(run: Run) -> None:
    assert_inert(ok(run("check-deadlines", "table"), 1))


# --- report ---------------------------------------------------------------------------------------

BY = [(), ("--by", "owner")]


@pytest.mark.parametrize("by", BY, ids=["all", "by-owner"])
def test_report_json_keeps_every_string_exactly(run: Run, by: tuple[str, ...]) -> None:
    doc = json.loads(ok(run("report", "json", *by)))
    goals = [g for p in doc["periods"] for g in p["goals"]]
    assert {g["name"] for g in goals} == set(CORPUS.values())
    assert {g["owner"] for g in goals} == {corpus.team(i) for i in range(len(CORPUS))}
    assert doc["owners"] == {corpus.team(i): corpus.person(i) for i in range(len(KEYS))}
    if by:
        assert {next(iter(g["group"].values())) for g in goals} == {
            lead.owner for lead in corpus.leads()
        }


@pytest.mark.parametrize("by", BY, ids=["all", "by-owner"])
def test_report_markdown_keeps_each_row_on_its_line(run: Run, by: tuple[str, ...]) -> None:
    doc = json.loads(ok(run("report", "json", *by)))
    text = ok(run("report", "markdown", *by))
    (table,) = markdown_tables(text)
    goals = doc["periods"][0]["goals"]
    assert len(table) == 1 + len(goals)
    expected = {
        (
            md_shown(g["owner"]),
            md_shown(g["name"] or g["id"]),  # the goal as the SLA names it (issue 12)
            *([md_shown(next(iter(g["group"].values())))] if by else []),
        )
        for g in goals
    }
    assert {tuple(row[: 3 if by else 2]) for row in table[1:]} == expected
    # Owners and the span of the periods
    assert len([line for line in text.splitlines() if line.startswith("- ")]) == 2


@pytest.mark.parametrize("by", BY, ids=["all", "by-owner"])
def test_report_html_holds_no_element_of_the_data(run: Run, by: tuple[str, ...]) -> None:
    page = html_page(ok(run("report", "html", *by)))
    text = "".join(page.texts)
    for k, s in CORPUS.items():
        assert s.replace("\r\n", "\n").replace("\r", "\n") in text or s in text, k


@pytest.mark.parametrize("by", BY, ids=["all", "by-owner"])
def test_report_table_obeys_nothing(run: Run, by: tuple[str, ...]) -> None:
    assert_inert(ok(run("report", "table", *by)))


# --- explain --------------------------------------------------------------------------------------


def test_explain_json_keeps_every_string_exactly(run: Run) -> None:
    (lead,) = json.loads(ok(run("explain", "json")))["leads"]
    mine = next(x for x in corpus.leads() if x.id == CORPUS["breakout"])
    assert lead["id"] == mine.id
    assert lead["fields"][FIELD_NUMBER] is None  # unreadable as a number
    assert lead["fields"]["owner"] == mine.owner
    assert lead["fields"]["crm_stage"] == mine.stage
    assert {r["name"] for r in lead["rules"]} >= set(CORPUS.values())
    assert lead["reason"] == CORPUS[corpus.REASONS[mine.points - 1]]
    assert set(CORPUS.values()) <= everything(lead) | {FIELD_NUMBER}


def test_explain_table_obeys_nothing(run: Run) -> None:
    out = ok(run("explain", "table"))
    assert_inert(out)
    assert shown(CORPUS["ansi"]) in out


# --- messages -------------------------------------------------------------------------------------


def test_messages_obey_nothing(files: corpus.Files, tmp_path: Path) -> None:
    # a missing column: the message names the SLA's field and lists the export's headers
    export = tmp_path / "leads.csv"
    lines = files.export.read_text(encoding="utf-8").split("\n")
    export.write_text(lines[0].replace(HEADER_NUMBER, "other") + "\n", encoding="utf-8")
    r = Cli()("score", export, "--sla", files.scoring_sla, "--as-of", AS_OF)
    assert r.exit_code == 2
    # the header is named, its controls shown (as `\x1b` by the message's excerpt), not obeyed
    visible = corpus.HEADER_OWNER.split("\x1b")[0]
    assert "lacks a column" in r.stderr and visible in r.stderr
    assert_inert(r.stderr)

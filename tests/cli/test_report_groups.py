"""The hostile review of `report`'s groups: `for_each` groups in the HTML (the goal's name and
its own field), one group per spelling folded as `overrides` match, block mode keeping a mark
with its value, `(unassigned)` / `(blank)` in the reader's words, and one sanitizer for the
SLA's and the export's strings. A real export in tmp_path, the real CLI.

Weeks of 2026: W45 = 2-8 Nov, W46 = 9-15 Nov, W47 = 16-22 Nov (as of the 20th).
Owners: `Ann` (W45) and `ann ` (W45) are one owner; `BOB` (W45), `Bob` (W46) twice are one
(`Bob`, the most frequent); a blank owner (W46); `line\\nbreak` (W47)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import Cli

AS_OF = "2026-11-20T12:00:00-03:00"
SLA = """\
version: 1
name: "Hostile \\e[31m SLA"
owners: {marketing: ana.souza, sales: bruno.lima}
leads:
  path: leads.csv
  timezone: America/Sao_Paulo
goals:
  period: week
  targets:
    - {id: team-mqls, name: MQLs of the team, owner: marketing, metric: count, of: mql_at, target: ">= 4"}
    - {id: mql-owner, name: MQLs per owner, owner: sales, metric: count, of: mql_at, target: ">= 2",
       for_each: owner, overrides: {"ann": ">= 1", "(unassigned)": ">= 1"}}
    - {id: mql-source, name: MQLs per source, owner: marketing, metric: count, of: mql_at,
       target: ">= 1", for_each: source}
"""
CSV = (
    "id,owner,source,created_at,mql_at\n"
    "L1,Ann,ads,2026-11-02 10:00,2026-11-02 11:00\n"
    "L2,ann ,ads,2026-11-03 10:00,2026-11-03 11:00\n"
    "L3,BOB,Web,2026-11-04 10:00,2026-11-04 11:00\n"
    "L4,Bob,web,2026-11-10 10:00,2026-11-10 11:00\n"
    "L5,Bob,,2026-11-11 10:00,2026-11-11 11:00\n"
    "L6,,ads,2026-11-12 10:00,2026-11-12 11:00\n"
    'L7,"line\nbreak",ads,2026-11-17 10:00,2026-11-17 11:00\n'
)


@pytest.fixture
def sla(tmp_path: Path) -> Path:
    (tmp_path / "leads.csv").write_text(CSV, encoding="utf-8")
    path = tmp_path / "sla.yaml"
    path.write_text(SLA, encoding="utf-8")
    return path


def report(cli: Cli, sla: Path, *args: str, env: dict[str, str] | None = None) -> str:
    r = cli(
        "report", "--sla", str(sla), "--as-of", AS_OF, "--from", "2026-11-02", "--quiet", *args,
        env=env,
    )  # fmt: skip
    assert r.exit_code in (0, 1), r.stderr
    return str(r.stdout)


def groups(doc: dict[str, Any], gid: str) -> list[dict[str, str] | None]:
    return [g["group"] for g in doc["periods"][0]["goals"] if g["id"] == gid]


def test_html_for_each_cards_name_the_goal_and_its_own_field(cli: Cli, sla: Path) -> None:
    """Case 1: `None: Ann` without --by, `source: Ann` with --by source."""
    for extra in ((), ("--by", "source")):
        page = report(cli, sla, "--format", "html", *extra)
        assert "None:" not in page
        titles = re.findall(r'<h5 class="card-title">(.*?)</h5>', page)
        assert (
            '<span class="goal-name">MQLs per owner</span> <span class="group">owner: Ann</span>'
            in titles
        )
        assert '<span class="group">source: ads</span>' in "".join(titles)
        assert "source: Ann" not in page and "(source: Bob)" not in page
        # the chart names the goal and its own group
        assert ">MQLs per owner (owner: Bob), per week" in page
        # at a glance: the goal's name and its group value, the field in the cell when the
        # goals' fields differ
        glance = page.split('class="glance"')[1].split("</table>")[0]
        assert ">Group</th>" in glance
        assert "<td>owner: Bob</td>" in glance and "<td>source: ads</td>" in glance
        assert "<td>owner: (unassigned)</td>" in glance


def test_html_for_each_in_pt_br(cli: Cli, sla: Path) -> None:
    page = report(cli, sla, "--format", "html", "--locale", "pt-BR")
    assert "None:" not in page
    assert '<span class="group">owner: (sem responsável)</span>' in page
    assert '<span class="group">source: (vazio)</span>' in page
    glance = page.split('class="glance"')[1].split("</table>")[0]
    assert ">Grupo</th>" in glance and "<td>owner: Bob</td>" in glance
    # the overrides make the owners' targets differ: the goal's heading names no one target
    assert "por owner</span></h4>" in page


def test_for_each_groups_fold_case_and_spaces_like_overrides(cli: Cli, sla: Path) -> None:
    """Case 2: `Ann`/`ann ` and `BOB`/`Bob` are one owner each, shown with the most frequent
    spelling (a tie: the first in sort order), and each gets its override."""
    doc = json.loads(report(cli, sla, "--format", "json"))
    assert groups(doc, "mql-owner") == [
        {"owner": o} for o in ("(unassigned)", "Ann", "Bob", "line\nbreak")
    ]
    assert groups(doc, "mql-source") == [{"source": s} for s in ("(blank)", "Web", "ads")]
    w45 = {g["group"]["owner"]: g for g in doc["periods"][0]["goals"] if g["id"] == "mql-owner"}
    assert w45["Ann"]["value"] == 2 and w45["Ann"]["target"]["value"] == 1
    assert w45["Ann"]["verdict"] == "met"
    assert w45["Bob"]["value"] == 1 and w45["Bob"]["verdict"] == "missed"
    w46 = {g["group"]["owner"]: g for g in doc["periods"][1]["goals"] if g["id"] == "mql-owner"}
    assert w46["Bob"]["value"] == 2 and w46["Bob"]["verdict"] == "met"


def test_block_mode_keeps_each_mark_with_its_value(cli: Cli, sla: Path) -> None:
    """Case 3: a narrow terminal, one block per goal: `W45 ✓ 2` never split across lines;
    a group without a target reads `no target`, not `target no target`."""
    out = report(cli, sla, "--from", "2026-09-28", env={"COLUMNS": "60"})
    assert "  MQLs per owner · owner: Ann · target ≥ 1" in out  # block mode
    assert "target no target" not in out
    assert "MQLs per source · source: (blank) · no target" in out
    for line in out.splitlines():
        assert not re.search(r"[✓✗…]\s*$", line), line
        assert not re.search(r"(^|·)\s*W\d+\*?\s*$", line), line
        assert not re.match(r"^\s*\d+\s*(·|$)", line), line
    periods = re.findall(r"W\d+\*? (?:[✓✗…] )?\S+", out)
    assert len(periods) == 8 * 8


def test_placeholders_in_the_readers_words_on_screen_only(cli: Cli, sla: Path) -> None:
    """Case 4: `(unassigned)` and `(blank)` in pt-BR on screen; JSON and CSV keep English."""
    table = report(cli, sla, "--locale", "pt-BR", env={"COLUMNS": "160"})
    assert "owner: (sem responsável)" in table and "source: (vazio)" in table
    assert "(unassigned)" not in table and "(blank)" not in table
    md = report(cli, sla, "--locale", "pt-BR", "--format", "markdown")
    assert "owner: (sem responsável)" in md and "source: (vazio)" in md
    assert "(unassigned)" not in md
    doc = json.loads(report(cli, sla, "--locale", "pt-BR", "--format", "json"))
    assert {"owner": "(unassigned)"} in groups(doc, "mql-owner")
    assert {"source": "(blank)"} in groups(doc, "mql-source")


def test_one_sanitizer_for_line_breaks_and_controls(cli: Cli, sla: Path) -> None:
    """Case 5: the owner `line\\nbreak` reads `line\\nbreak` on one line in the table, the
    blocks and the HTML headings; ESC in the SLA's name is `\ufffd` everywhere (as in
    check-deadlines)."""
    for cols in ("160", "60"):
        out = report(cli, sla, env={"COLUMNS": cols})
        assert "owner: line\\nbreak" in out or "line\\nbreak" in out
        assert not any(line.rstrip().endswith("line") for line in out.splitlines())
        assert "\x1b" not in out and "Hostile \ufffd[31m SLA" in out
    page = report(cli, sla, "--format", "html")
    assert "\x1b" not in page
    assert "<h1>Hostile \ufffd[31m SLA</h1>" in page
    assert "<title>Hostile \ufffd[31m SLA" in page
    headings = re.findall(r"<h[1-6][^>]*>.*?</h[1-6]>", page, flags=re.S)
    assert headings and not any("\n" in h for h in headings)
    assert '<span class="group">owner: line\\nbreak</span>' in page


def test_html_group_without_target_says_so_even_before_its_data(cli: Cli, sla: Path) -> None:
    """The blank-source group of `for_each: source` has no target; its first week is before its
    data (`no_data`), which once made the chart title read the goal's `target >= 1`."""
    page = report(cli, sla, "--format", "html")
    titles = [
        t
        for t in re.findall(r'<title id="chart-[0-9]+">(.*?)</title>', page)
        if t.startswith("MQLs per source") and "(blank)" in t
    ]
    assert titles, "no chart for the blank source"
    for title in titles:
        assert "no target" in title and "target ≥" not in title, title

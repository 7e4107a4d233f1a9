"""`leadsla diff OLD NEW [LEADS]` (issue 13): the text changes, located in both files; the
impact on a hand-worked export (every cell of both matrices, moved leads, follow-ups, goals);
an SLA against itself; git's REV:PATH; the table and Markdown."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from rich.cells import cell_len

from tests.conftest import EXAMPLES, Cli, run_leadsla

AS_OF = "2026-11-20T12:00:00+00:00"

OLD = """\
version: 1
name: Old SLA
leads:
  path: leads.csv
  timezone: UTC
  types: {size: number}
scoring:
  fit:
    rules:
      - {name: Big, when: {field: size, gte: 100}, points: 40}
    grades: {A: 40, B: 20}
qualification:
  disqualify:
    - {reason: tiny, when: {field: size, lt: 5}}
  mql: {field: fit, gte: 40}
follow_up:
  - id: first-contact
    owner: sales
    start: created_at
    stop: [contacted_at]
    within: 2d
    clock: calendar
goals:
  period: week
  targets:
    - {id: contacts, owner: sales, metric: count, of: contacted_at, target: ">= 2"}
"""

NEW = """\
version: 1
name: New SLA
leads:
  path: leads.csv
  timezone: UTC
  types: {size: number}
scoring:
  fit:
    rules:
      - {name: Big, when: {field: size, gte: 150}, points: 30}
      - {name: Mid, when: {field: size, gte: 50}, points: 20}
    grades: {A: 45, B: 20}
qualification:
  disqualify:
    - {reason: tiny, when: {field: size, lt: 2}}
  mql: {field: fit, gte: 40}
follow_up:
  - id: first-contact
    owner: sales
    when: {field: size, gte: 50}
    start: created_at
    stop: [contacted_at]
    within: 1d
    clock: calendar
goals:
  period: week
  targets:
    - {id: contacts, owner: sales, metric: count, of: contacted_at, target: ">= 5"}
"""

# size -> (old grade, qualification, score) -> (new ...), worked by hand:
#   200: A mql 40      -> A mql 50            (score changes, does not move)
#   120: A mql 40      -> B not_qualified 20  (moves)
#    60: D nq 0        -> B nq 20             (moves)
#    10: D nq 0        -> D nq 0              (nothing)
#     3: D disq 0      -> D nq 0              (moves: `tiny` is now size < 2)
LEADS = """\
id,size,created_at,contacted_at
L1,200,2026-11-16T08:00,2026-11-17T20:00
L2,120,,
L3,60,2026-11-16T08:00,2026-11-16T20:00
L4,10,2026-11-16T08:00,2026-11-16T20:00
L5,3,,
"""


def _files(tmp_path: Path, old: str = OLD, new: str = NEW) -> tuple[Path, Path]:
    (tmp_path / "leads.csv").write_text(LEADS, encoding="utf-8")
    o, n = tmp_path / "old.yaml", tmp_path / "new.yaml"
    o.write_text(old, encoding="utf-8")
    n.write_text(new, encoding="utf-8")
    return o, n


def _json(cli: Cli, *args: str | Path) -> tuple[int, dict[str, Any]]:
    result = cli("diff", *args, "--as-of", AS_OF, "--format", "json", "-q")
    return result.exit_code, json.loads(result.stdout)


def test_an_sla_against_itself_changes_nothing_even_with_fail_on_impact(
    cli: Cli, tmp_path: Path
) -> None:
    o, _n = _files(tmp_path)
    code, doc = _json(cli, o, o, "--fail-on-impact")
    assert code == 0
    assert doc["changes"] == []
    impact = doc["impact"]
    assert impact["moved"] == [] and impact["score_changed"] == 0
    assert impact["leads"] == 5
    for f in impact["follow_up"]:
        assert f["status_changed"] == f["due_changed"] == f["only_old"] == f["only_new"] == 0
    assert all(g["old"] == g["new"] for g in impact["goals"])
    # the bundled example against itself too
    r = cli("diff", EXAMPLES / "sla.yaml", EXAMPLES / "sla.yaml", "--as-of", AS_OF,
            "--fail-on-impact", "-q")  # fmt: skip
    assert r.exit_code == 0, r.stdout


def test_text_changes_are_matched_and_located_in_both_files(cli: Cli, tmp_path: Path) -> None:
    o, n = _files(tmp_path)
    _code, doc = _json(cli, o, n)
    by_path = {(c["kind"], c["path"]): c for c in doc["changes"]}
    assert doc["old"] == {"path": str(o), "name": "Old SLA"}
    assert doc["new"] == {"path": str(n), "name": "New SLA"}
    name = by_path[("changed", "name")]
    assert (name["old"], name["new"], name["old_line"], name["new_line"]) == (
        "Old SLA", "New SLA", 2, 2,
    )  # fmt: skip
    gte = by_path[("changed", "scoring.fit.rules[0].when.gte")]
    assert (gte["old"], gte["new"], gte["old_line"], gte["new_line"]) == (100, 150, 10, 10)
    added = by_path[("added", "scoring.fit.rules[1]")]
    assert added["old"] is None and added["new"]["name"] == "Mid"
    assert added["old_line"] is None and added["new_line"] == 11
    assert added["old_path"] is None and added["new_path"] == "scoring.fit.rules[1]"
    assert by_path[("changed", "scoring.fit.grades.A")]["new"] == 45
    assert by_path[("changed", "qualification.disqualify[0].when.lt")]["new"] == 2
    when = by_path[("added", "follow_up[0].when")]
    assert when["new"] == {"field": "size", "gte": 50} and when["new_line"] == 20
    assert by_path[("changed", "follow_up[0].within")]["new"] == "1d"
    assert by_path[("changed", "goals.targets[0].target")]["old_line"] == 26


def test_reordering_where_order_matters_is_a_move(cli: Cli, tmp_path: Path, write_sla) -> None:  # type: ignore[no-untyped-def]
    old = OLD.replace(
        "    - {reason: tiny, when: {field: size, lt: 5}}\n",
        "    - {reason: tiny, when: {field: size, lt: 5}}\n"
        "    - {reason: huge, when: {field: size, gt: 1000}}\n",
    )
    new = OLD.replace(
        "    - {reason: tiny, when: {field: size, lt: 5}}\n",
        "    - {reason: huge, when: {field: size, gt: 1000}}\n"
        "    - {reason: tiny, when: {field: size, lt: 5}}\n",
    )
    o, n = _files(tmp_path, old, new)
    _code, doc = _json(cli, o, n)
    moves = {(c["old_path"], c["new_path"], c["old"], c["new"]) for c in doc["changes"]}
    assert ("qualification.disqualify[0]", "qualification.disqualify[1]", 0, 1) in moves
    assert ("qualification.disqualify[1]", "qualification.disqualify[0]", 1, 0) in moves
    assert {c["kind"] for c in doc["changes"]} == {"moved"}


def test_every_cell_of_both_matrices_and_the_moved_leads(cli: Cli, tmp_path: Path) -> None:
    o, n = _files(tmp_path)
    code, doc = _json(cli, o, n)
    assert code == 0  # without --fail-on-impact
    impact = doc["impact"]
    assert impact["leads"] == 5
    assert impact["grade"] == {
        "A": {"A": 1, "B": 1, "D": 0},
        "B": {"A": 0, "B": 0, "D": 0},
        "D": {"A": 0, "B": 1, "D": 2},
    }
    assert impact["qualification"] == {
        "mql": {"mql": 1, "not_qualified": 1, "disqualified": 0},
        "not_qualified": {"mql": 0, "not_qualified": 2, "disqualified": 0},
        "disqualified": {"mql": 0, "not_qualified": 1, "disqualified": 0},
    }
    assert impact["moved"] == [
        {"id": "L2", "line": 3,
         "old": {"grade": "A", "qualification": "mql", "score": 40},
         "new": {"grade": "B", "qualification": "not_qualified", "score": 20}},
        {"id": "L3", "line": 4,
         "old": {"grade": "D", "qualification": "not_qualified", "score": 0},
         "new": {"grade": "B", "qualification": "not_qualified", "score": 20}},
        {"id": "L5", "line": 6,
         "old": {"grade": "D", "qualification": "disqualified", "score": 0},
         "new": {"grade": "D", "qualification": "not_qualified", "score": 0}},
    ]  # fmt: skip
    assert impact["score_changed"] == 3  # L1 40 -> 50, L2, L3
    assert cli("diff", o, n, "--as-of", AS_OF, "-q", "--fail-on-impact").exit_code == 1


def test_follow_ups_keyed_by_line_and_rule(cli: Cli, tmp_path: Path) -> None:
    o, n = _files(tmp_path)
    _code, doc = _json(cli, o, n)
    (fu,) = doc["impact"]["follow_up"]
    # L1 contacted after 36h: met within 2d, met late within 1d; L3 after 12h: met under both
    # (its due moves); L4 (size 10) is no instance under the new `when`
    assert fu == {
        "rule": "first-contact",
        "old": {"breached": 0, "at_risk": 0, "on_track": 0, "met_late": 0, "met": 3},
        "new": {"breached": 0, "at_risk": 0, "on_track": 0, "met_late": 1, "met": 1},
        "status_changed": 1,
        "due_changed": 2,
        "only_old": 1,
        "only_new": 0,
    }


def test_goals_value_and_verdict_under_each(cli: Cli, tmp_path: Path) -> None:
    o, n = _files(tmp_path)
    _code, doc = _json(cli, o, n)
    goals = doc["impact"]["goals"]
    assert len(goals) == 8  # report's default: the last 8 weeks, one group
    week = next(g for g in goals if g["period_start"].startswith("2026-11-16"))
    # three contacts in the week of 16 November, the current one (as of Friday noon)
    assert week["old"]["value"] == 3 and week["new"]["value"] == 3
    assert week["old"]["verdict"] != week["new"]["verdict"]
    before = [g for g in goals if g is not week]
    assert all(g["old"]["value"] == g["new"]["value"] == 0 for g in before)


def test_git_rev_path_and_a_clear_error_outside_a_repository(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    (repo / "sub").mkdir(parents=True)
    env = {**os.environ, "GIT_CEILING_DIRECTORIES": str(tmp_path)}

    def git(*args: str) -> None:
        subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@t", *args], cwd=repo,
                       check=True, capture_output=True, env=env)  # fmt: skip

    git("init", "-q")
    (repo / "sub" / "leads.csv").write_text(LEADS, encoding="utf-8")
    (repo / "sub" / "sla.yaml").write_text(OLD, encoding="utf-8")
    git("add", ".")
    git("commit", "-qm", "old")
    (repo / "sub" / "sla.yaml").write_text(NEW, encoding="utf-8")
    # from the repository's root: PATH relative to the working directory, and the git-read
    # SLA's leads.path resolves next to sub/sla.yaml
    p = run_leadsla("diff", "HEAD:sub/sla.yaml", "sub/sla.yaml", "--as-of", AS_OF,
                    "--format", "json", "-q", cwd=repo, env={"GIT_CEILING_DIRECTORIES": str(tmp_path)})  # fmt: skip
    assert p.returncode == 0, p.stderr
    doc = json.loads(p.stdout)
    assert doc["old"] == {"path": "HEAD:sub/sla.yaml", "name": "Old SLA"}
    assert len(doc["impact"]["moved"]) == 3
    # from inside sub/: ./sla.yaml of that folder
    p = run_leadsla("diff", "HEAD:sla.yaml", "sla.yaml", "--as-of", AS_OF, "--format", "json",
                    "-q", cwd=repo / "sub", env={"GIT_CEILING_DIRECTORIES": str(tmp_path)})  # fmt: skip
    assert p.returncode == 0, p.stderr
    assert json.loads(p.stdout)["impact"]["score_changed"] == 3
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "sla.yaml").write_text(NEW, encoding="utf-8")
    (outside / "leads.csv").write_text(LEADS, encoding="utf-8")
    p = run_leadsla("diff", "main:sla.yaml", "sla.yaml", "--as-of", AS_OF, cwd=outside,
                    env={"GIT_CEILING_DIRECTORIES": str(tmp_path)})  # fmt: skip
    assert p.returncode == 2
    assert "main:sla.yaml: not inside a git repository" in p.stderr
    assert "Traceback" not in p.stderr
    p = run_leadsla("diff", "HEAD:nope.yaml", "sub/sla.yaml", "--as-of", AS_OF, cwd=repo,
                    env={"GIT_CEILING_DIRECTORIES": str(tmp_path)})  # fmt: skip
    assert p.returncode == 2 and "HEAD:nope.yaml: git cannot show it" in p.stderr
    # a folder of the commit is not an SLA: said so, not a YAML error about `tree HEAD:...`
    p = run_leadsla("diff", "HEAD:sub", "sub/sla.yaml", "--as-of", AS_OF, cwd=repo,
                    env={"GIT_CEILING_DIRECTORIES": str(tmp_path)})  # fmt: skip
    assert p.returncode == 2 and "HEAD:sub: a folder in git, not a file" in p.stderr, p.stderr
    # a revision that does not exist
    p = run_leadsla("diff", "nosuchrev:sub/sla.yaml", "sub/sla.yaml", "--as-of", AS_OF,
                    cwd=repo, env={"GIT_CEILING_DIRECTORIES": str(tmp_path)})  # fmt: skip
    assert p.returncode == 2 and "nosuchrev:sub/sla.yaml: git cannot show it" in p.stderr


def test_an_sla_that_cannot_read_the_export_is_exit_2(cli: Cli, tmp_path: Path) -> None:
    o, n = _files(tmp_path)
    n.write_text(NEW.replace("follow_up:\n", "follow_up:\n  - id: x\n    owner: sales\n"
                             "    start: missing_at\n    stop: [contacted_at]\n    within: 1d\n"),
                 encoding="utf-8")  # fmt: skip
    r = cli("diff", o, n, "--as-of", AS_OF, "-q")
    assert r.exit_code == 2


@pytest.mark.parametrize("width", [80, 100, 120, 160])
def test_table_fits_and_markdown_is_a_comment(tmp_path: Path, width: int) -> None:
    o, n = _files(tmp_path)
    p = run_leadsla("diff", o, n, "--as-of", AS_OF, "-q", env={"COLUMNS": str(width)})
    assert p.returncode == 0, p.stderr
    for line in p.stdout.splitlines():
        assert cell_len(line) <= width, line
    assert "scoring.fit.rules[0].when.gte" in p.stdout
    assert "first-contact" in p.stdout
    if width == 80:
        m = run_leadsla("diff", o, n, "--as-of", AS_OF, "-q", "--format", "markdown")
        assert m.returncode == 0
        text = m.stdout
        assert text.startswith("### ")
        assert "| change | path | old | new | lines |" in text
        assert "| L2 | 3 | A MQL 40 | B not qualified 20 |" in text
        assert "| changed | `scoring.fit.rules[0].when.gte` | 100 | 150 | 10→10 |" in text
        assert "| A | 1 | 1 | 0 |" in text
        # a goal's values as report writes them, its verdicts in words
        assert "| contacts | Nov 16, 2026 | 3 ↑ on pace | 3 ↓ behind |" in text
        assert "| rule | breached | status changed |" in text


def test_pt_br_table_fits_80_columns(tmp_path: Path) -> None:
    o, n = _files(tmp_path)
    p = run_leadsla("diff", o, n, "--as-of", AS_OF, "-q", "--locale", "pt-BR",
                    env={"COLUMNS": "80"})  # fmt: skip
    assert p.returncode == 0, p.stderr
    assert "O que mudou no texto" in p.stdout and "Leads que mudam" in p.stdout
    assert "3 ↑ no ritmo" in p.stdout and "3 ↓ abaixo do ritmo" in p.stdout
    assert all(cell_len(line) <= 80 for line in p.stdout.splitlines())


def test_a_goal_and_a_rule_under_one_sla_only(cli: Cli, tmp_path: Path) -> None:
    extra_goal = '    - {id: more, owner: sales, metric: count, of: created_at, target: ">= 1"}\n'
    extra_rule = (
        "  - id: second\n    owner: sales\n    start: created_at\n    stop: [contacted_at]\n"
        "    within: 3d\n    clock: calendar\n"
    )
    new = OLD.replace("goals:\n", extra_rule + "goals:\n") + extra_goal
    o, n = _files(tmp_path, OLD, new)
    code, doc = _json(cli, o, n, "--fail-on-impact")
    assert code == 1
    kinds = {(c["kind"], c["path"], c["old_line"], c["new_line"]) for c in doc["changes"]}
    assert ("added", "follow_up[1]", None, 23) in kinds
    assert ("added", "goals.targets[1]", None, 33) in kinds
    impact = doc["impact"]
    assert impact["moved"] == [] and impact["score_changed"] == 0
    second = next(f for f in impact["follow_up"] if f["rule"] == "second")
    assert second["only_new"] == 3 and second["only_old"] == 0
    assert second["old"] == dict.fromkeys(["breached", "at_risk", "on_track", "met_late", "met"], 0)
    more = [g for g in impact["goals"] if g["id"] == "more"]
    assert len(more) == 8 and all(g["old"] is None and g["new"] for g in more)
    # and the other way round: removed, with the old file's path and line
    _code, back = _json(cli, n, o)
    removed = {(c["kind"], c["path"], c["old_line"], c["new_line"]) for c in back["changes"]}
    assert ("removed", "follow_up[1]", 23, None) in removed
    assert all(g["new"] is None for g in back["impact"]["goals"] if g["id"] == "more")


def test_output_file_and_no_impact_without_an_export_change(cli: Cli, tmp_path: Path) -> None:
    o, _n = _files(tmp_path)
    renamed = tmp_path / "renamed.yaml"
    renamed.write_text(OLD.replace("name: Old SLA", "name: Renamed"), encoding="utf-8")
    out = tmp_path / "diff.md"
    r = cli("diff", o, renamed, "--as-of", AS_OF, "-q", "--format", "markdown",
            "--output", out, "--fail-on-impact")  # fmt: skip
    assert r.exit_code == 0 and r.stdout == ""
    text = out.read_text(encoding="utf-8")
    assert "| changed | `name` | Old SLA | Renamed | 2→2 |" in text
    assert "no impact on the export" in text


# A row is rejected by the reader (a record with the wrong number of fields), never by a type:
# a cell that is not a number is an unreadable cell of a row that is still used. So the two
# SLAs read the export with different delimiters: `,` sees `id,size,note;id2;size2` as three
# fields (the third holds semicolons), `;` sees three other fields and maps id and size to the
# last two. Line 3 has two fields under `;` only; line 4 has two fields under `,` only.
ONE_SIDE_LEADS = """\
id,size,note;id2;size2
L1,200,x;L1;200
L2,120,x;L2
L3,3;L3;3
L4,60,y;L4;60
"""

ONE_SIDE_SLA = """\
version: 1
name: {name}
leads:
  path: leads.csv
  delimiter: "{delimiter}"
  columns: {columns}
  timezone: UTC
  types: {{size: number}}
scoring:
  fit:
    rules:
      - {{name: Big, when: {{field: size, gte: 100}}, points: 40}}
    grades: {{A: 40, B: 20}}
qualification:
  mql: {{field: fit, gte: 40}}
"""


def test_a_row_rejected_under_one_sla_only_is_rejected_in_the_matrices(
    cli: Cli, tmp_path: Path
) -> None:
    (tmp_path / "leads.csv").write_text(ONE_SIDE_LEADS, encoding="utf-8")
    o, n = tmp_path / "comma.yaml", tmp_path / "semicolon.yaml"
    o.write_text(ONE_SIDE_SLA.format(name="Comma", delimiter=",", columns="{}"), encoding="utf-8")
    n.write_text(
        ONE_SIDE_SLA.format(name="Semicolon", delimiter=";", columns="{id: id2, size: size2}"),
        encoding="utf-8",
    )
    # each side reads the file its own way: one row rejected under each
    both = cli("diff", o, n, "--as-of", AS_OF, "--format", "json")
    assert both.stderr.count("4 rows: 3 used, 1 rejected") == 2, both.stderr
    code, doc = _json(cli, o, n)
    assert code == 0
    impact = doc["impact"]
    assert impact["leads"] == 4  # data rows of the file, rejected ones included
    # L1 A -> A; L2 (line 3) A -> rejected; L3 (line 4) rejected -> D; L4 D -> D
    assert impact["grade"] == {
        "A": {"A": 1, "B": 0, "D": 0, "(rejected)": 1},
        "B": {"A": 0, "B": 0, "D": 0, "(rejected)": 0},
        "D": {"A": 0, "B": 0, "D": 1, "(rejected)": 0},
        "(rejected)": {"A": 0, "B": 0, "D": 1, "(rejected)": 0},
    }
    assert impact["qualification"] == {
        "mql": {"mql": 1, "not_qualified": 0, "disqualified": 0, "(rejected)": 1},
        "not_qualified": {"mql": 0, "not_qualified": 1, "disqualified": 0, "(rejected)": 0},
        "disqualified": {"mql": 0, "not_qualified": 0, "disqualified": 0, "(rejected)": 0},
        "(rejected)": {"mql": 0, "not_qualified": 1, "disqualified": 0, "(rejected)": 0},
    }
    # a lead rejected on one side moves, with no score there; its id is the side that read it
    assert impact["moved"] == [
        {"id": "L2", "line": 3,
         "old": {"grade": "A", "qualification": "mql", "score": 40},
         "new": {"grade": "(rejected)", "qualification": "(rejected)", "score": None}},
        {"id": "L3", "line": 4,
         "old": {"grade": "(rejected)", "qualification": "(rejected)", "score": None},
         "new": {"grade": "D", "qualification": "not_qualified", "score": 0}},
    ]  # fmt: skip
    assert impact["score_changed"] == 2  # a score and no score differ
    assert cli("diff", o, n, "--as-of", AS_OF, "-q", "--fail-on-impact").exit_code == 1
    # the table names the rejected rows too
    table = cli("diff", o, n, "--as-of", AS_OF, "-q", env={"COLUMNS": "100"}).stdout
    assert "(rejected)" in table


def test_json_lists_every_moved_lead_the_table_the_first_twenty(cli: Cli, tmp_path: Path) -> None:
    """`moved` is the whole list, streamed (it used to stop at 10,000): 10,005 leads move."""
    n = 10_005
    lines = ["id,email,size,created_at,contacted_at"]
    lines += [f"L{i},l{i}@acme.com,120,2026-11-16T09:00:00Z," for i in range(n)]
    (tmp_path / "leads.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (tmp_path / "old.yaml").write_text(OLD, encoding="utf-8")
    (tmp_path / "new.yaml").write_text(NEW, encoding="utf-8")
    os.chdir(tmp_path)
    r = cli("diff", "old.yaml", "new.yaml", "--as-of", AS_OF, "--format", "json", "-q")
    assert r.exit_code == 0, r.stderr
    moved = json.loads(r.stdout)["impact"]["moved"]
    # size 120: A/mql (40) under OLD, B/not_qualified (20) under NEW, for every lead
    assert len(moved) == n
    assert [m["line"] for m in moved] == list(range(2, n + 2))
    assert moved[-1] == {
        "id": f"L{n - 1}",
        "line": n + 1,
        "old": {"grade": "A", "qualification": "mql", "score": 40},
        "new": {"grade": "B", "qualification": "not_qualified", "score": 20},
    }
    r = cli("diff", "old.yaml", "new.yaml", "--as-of", AS_OF, "-q", env={"COLUMNS": "120"})
    assert r.exit_code == 0, r.stderr
    assert "L19 " in r.stdout and "L20 " not in r.stdout
    assert "… and 9,985 more (--format json lists them all)" in r.stdout


def test_thousands_of_text_changes_fit_a_pull_request_comment(cli: Cli, tmp_path: Path) -> None:
    """3,000 calendar overrides added: the Markdown stays under GitHub's 65,536 characters of
    a comment (the first changes, then how many more), the JSON lists them all."""
    first = date(2027, 1, 1)
    overrides = ", ".join(f'{first + timedelta(days=i)}: "09:00-12:00"' for i in range(3000))
    o, n = _files(tmp_path, OLD + "calendar:\n  timezone: UTC\n  overrides: {2026-12-25: ''}\n",
                  NEW + f"calendar:\n  timezone: UTC\n  overrides: {{2026-12-25: '', {overrides}}}\n")  # fmt: skip
    os.chdir(tmp_path)
    r = cli("diff", o.name, n.name, "--as-of", AS_OF, "--format", "json", "-q")
    assert r.exit_code == 0, r.stderr
    changes = json.loads(r.stdout)["changes"]
    assert sum(c["path"].startswith("calendar.overrides") for c in changes) == 3000
    r = cli("diff", o.name, n.name, "--as-of", AS_OF, "--format", "markdown", "-q")
    assert r.exit_code == 0, r.stderr
    assert len(r.stdout) < 65_536
    assert "more (--format json lists them all)" in r.stdout
    r = cli("diff", o.name, n.name, "--as-of", AS_OF, "-q", env={"COLUMNS": "100"})
    assert r.exit_code == 0 and "more (--format json lists them all)" in r.stdout
    assert r.stdout.count("\n") < 600


def test_markdown_headline_escapes_the_file_names(cli: Cli, tmp_path: Path) -> None:
    """The headline names the two files: `<i>`, a pipe, a backtick or an escape sequence in a
    file name renders as that text in a pull-request comment, not as markup or a command."""
    o, n = _files(tmp_path)
    evil = tmp_path / "new <i>x |`\x1b[2J.yaml"
    n.rename(evil)
    os.chdir(tmp_path)
    r = cli("diff", o.name, evil.name, "--as-of", AS_OF, "--format", "markdown", "-q")
    assert r.exit_code == 0, r.stderr
    head = r.stdout.splitlines()[0]
    assert head.startswith("### old.yaml → new &lt;i&gt;x \\|\\`"), head
    assert "\x1b" not in r.stdout


def test_errors_lists_the_problems_of_both_slas(cli: Cli, tmp_path: Path) -> None:
    """OLD reads `1,5` as a number and NEW does not, NEW reads `16/11/2026` and OLD does not:
    --errors holds both (each side's session wrote it over the other's), and is never the
    export or either SLA."""
    old = OLD.replace("  types: {size: number}", '  types: {size: number}\n  decimal: ","')
    new = NEW.replace("  timezone: UTC", '  timezone: UTC\n  date_formats: [iso, "%d/%m/%Y"]')
    o, n = _files(tmp_path, old, new)
    leads = LEADS.replace("L4,10,", 'L4,"1,5",').replace(
        "L3,60,2026-11-16T08:00,2026-11-16T20:00", "L3,60,2026-11-16T08:00,16/11/2026"
    )
    (tmp_path / "leads.csv").write_text(leads, encoding="utf-8")
    os.chdir(tmp_path)
    r = cli("diff", o.name, n.name, "--as-of", AS_OF, "--errors", "e.csv", "-q")
    assert r.exit_code == 0, r.stderr
    rows = (tmp_path / "e.csv").read_text(encoding="utf-8").splitlines()
    assert rows[0] == "kind,line,column,field,value,reason"
    assert any(x.startswith('unreadable,5,size,size,"1,5"') for x in rows), rows  # NEW's
    assert any(x.startswith("unreadable,4,contacted_at,") for x in rows), rows  # OLD's
    for target in ("leads.csv", "old.yaml", "new.yaml"):
        r = cli("diff", o.name, n.name, "--as-of", AS_OF, "--errors", target, "-q")
        assert r.exit_code == 2 and f"--errors {target} is the" in r.stderr, r.stderr


def test_a_pipe_as_the_export_is_refused_not_read_twice(tmp_path: Path) -> None:
    """Each SLA reads the export: through a pipe the second read found an empty file, and a
    FIFO left it waiting forever."""
    _files(tmp_path)
    p = run_leadsla("diff", "old.yaml", "new.yaml", "/dev/stdin", "--as-of", AS_OF,
                    cwd=tmp_path, input=LEADS.encode())  # fmt: skip
    assert p.returncode == 2, p.stderr
    assert "/dev/stdin: diff reads the export twice" in p.stderr
    os.mkfifo(tmp_path / "fifo")
    fifo = subprocess.run(
        [sys.executable, "-m", "leadsla", "diff", "old.yaml", "new.yaml", "fifo", "--as-of", AS_OF],
        capture_output=True, cwd=tmp_path, timeout=60, check=False,
    )  # fmt: skip
    assert fifo.returncode == 2 and b"fifo: diff reads the export twice" in fifo.stderr


def test_each_summary_line_says_which_sla_read_the_export(tmp_path: Path) -> None:
    _files(tmp_path)
    p = run_leadsla("diff", "old.yaml", "new.yaml", "--as-of", AS_OF, "--format", "json",
                    cwd=tmp_path)  # fmt: skip
    assert p.returncode == 0, p.stderr
    lines = [line for line in p.stderr.splitlines() if " rows: " in line]
    assert [line.split(": ")[0:2] for line in lines] == [["old.yaml", "leads.csv"],
                                                         ["new.yaml", "leads.csv"]]  # fmt: skip


def test_no_export_anywhere_says_how_to_give_one_without_suggesting_stdin(
    cli: Cli, tmp_path: Path
) -> None:
    o, n = _files(
        tmp_path, NEW.replace("  path: leads.csv\n", ""), NEW.replace("  path: leads.csv\n", "")
    )
    r = cli("diff", str(o), str(n), "--as-of", AS_OF)
    assert r.exit_code == 2
    assert "give LEADS (a CSV file) or set `leads.path` in NEW" in r.stderr
    assert "standard input" not in r.stderr

"""Issue 12 case 4 (targets per group and period) and the report's table and Markdown for
people (cases 1 and 3): real exports in tests/data/goals, the real CLI.

tests/data/goals/per_owner.csv, weeks of 2026 (W45 = 2-8 Nov, W46 = 9-15 Nov, W47 = 16-22 Nov;
the first MQL is on 2 Nov, so W44 and before have no data):
  ana: W45 3 (L1-L3), W46 1 (L7); bruno: W45 1 (L4), W46 2 (L8, L9); carla: W46 1 (L6), W47 1
  (L10); blank owner: W45 1 (L5). The team: W45 5, W46 4, W47 1.
`owner-mqls` holds each owner to ">= 2", carla to ">= 1" (override); `team-mqls` the team to
">= 4"."""

from __future__ import annotations

import json
import re
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from rich.cells import cell_len

from tests.conftest import ROOT, Cli, run_leadsla

DATA = ROOT / "tests" / "data" / "goals"
SLA = DATA / "per_owner.yaml"
AS_OF = "2026-11-20T12:00:00-03:00"
BASE = ("--sla", str(SLA), "--as-of", AS_OF, "--quiet")


def report(cli: Cli, *args: str, env: dict[str, str] | None = None) -> Any:
    r = cli("report", *BASE, *args, env=env)
    assert r.exit_code in (0, 1), r.stderr
    return r


def doc(cli: Cli, *args: str) -> dict[str, Any]:
    return json.loads(report(cli, *args, "--format", "json").stdout)


def verdicts(d: dict[str, Any], gid: str, group: str | None = None) -> dict[str, str]:
    out = {}
    for p in d["periods"]:
        for g in p["goals"]:
            if g["id"] == gid and (group is None or (g["group"] or {}).get("owner") == group):
                out[p["label"]] = g["verdict"]
    return out


def test_for_each_owner_with_override_and_unassigned(cli: Cli) -> None:
    d = doc(cli, "--from", "2026-10-26")
    groups = [g["group"] for g in d["periods"][0]["goals"] if g["id"] == "owner-mqls"]
    # always per owner, without --by; the team goal stays one row
    assert groups == [{"owner": o} for o in ("(unassigned)", "ana", "bruno", "carla")]
    assert [g["group"] for g in d["periods"][0]["goals"] if g["id"] == "team-mqls"] == [None]
    assert verdicts(d, "owner-mqls", "ana") == {
        "2026-W44": "no_data",
        "2026-W45": "met",  # 3 >= 2
        "2026-W46": "missed",  # 1 < 2
        "2026-W47": "behind",
    }
    assert verdicts(d, "owner-mqls", "bruno")["2026-W45"] == "missed"  # 1 < 2
    # carla's override: 1 >= 1; her first MQL is in W46, so W45 has no data (not a miss)
    carla = verdicts(d, "owner-mqls", "carla")
    assert (carla["2026-W45"], carla["2026-W46"], carla["2026-W47"]) == (
        "no_data",
        "met",
        "on_pace",
    )
    w46 = next(p for p in d["periods"] if p["label"] == "2026-W46")
    [c] = [g for g in w46["goals"] if g["group"] == {"owner": "carla"}]
    assert c["target"] == {"op": ">=", "value": 1.0, "text": ">= 1"} and c["met"] is True
    # (unassigned) has no target unless overridden: values, no verdict, never missed
    unassigned = verdicts(d, "owner-mqls", "(unassigned)")
    assert unassigned["2026-W45"] == unassigned["2026-W46"] == "no_target"
    assert verdicts(d, "team-mqls") == {
        "2026-W44": "no_data",
        "2026-W45": "met",
        "2026-W46": "met",
        "2026-W47": "behind",
    }
    # missed: ana W46, bruno W45; --fail-on-missed counts those only
    assert d["missed"] == 2
    assert cli("report", *BASE, "--fail-on-missed").exit_code == 1


def test_by_owner_judges_only_the_for_each_goal(cli: Cli) -> None:
    d = doc(cli, "--from", "2026-11-02", "--by", "owner")
    # the team goal has no target per owner: values without verdict
    team = {
        (g["group"]["owner"], p["label"]): (g["value"], g["verdict"], g["met"])
        for p in d["periods"]
        for g in p["goals"]
        if g["id"] == "team-mqls"
    }
    assert team[("ana", "2026-W45")] == (3, "no_target", None)
    assert team[("bruno", "2026-W45")] == (1, "no_target", None)
    assert verdicts(d, "owner-mqls", "ana")["2026-W45"] == "met"
    assert d["missed"] == 2


def test_period_other_than_goals_period_has_no_verdict(cli: Cli) -> None:
    d = doc(cli, "--period", "month", "--from", "2026-05-01")
    assert [p["label"] for p in d["periods"]][:3] == ["2026-05", "2026-06", "2026-07"]
    every = {g["verdict"] for p in d["periods"] for g in p["goals"]}
    # the months before the first MQL (May-October) have no data, never "✗ 0"
    assert every == {"no_data", "no_target"}
    assert {g["verdict"] for p in d["periods"][:6] for g in p["goals"]} == {"no_data"}
    assert d["missed"] == 0 and all(g["met"] is None for p in d["periods"] for g in p["goals"])
    table = report(cli, "--period", "month", "--from", "2026-05-01", env={"COLUMNS": "100"})
    body = [x for x in table.stdout.splitlines() if "✓ met" not in x]  # all but the legend
    assert not any("✗" in x or "✓" in x for x in body)
    assert "Targets hold per week (goals.period): values per month have no verdict." in (
        table.stdout.replace("\n", " ")
    )


def test_weeks_before_the_data_are_no_data(cli: Cli) -> None:
    d = doc(cli, "--from", "2026-10-12", "--to", "2026-11-01")
    assert {g["verdict"] for p in d["periods"] for g in p["goals"]} == {"no_data"}
    assert d["missed"] == 0


@pytest.mark.parametrize("width", [80, 100, 120, 160])
@pytest.mark.parametrize("by", [(), ("--by", "owner")])
def test_table_fits_and_keeps_names_whole(cli: Cli, width: int, by: tuple[str, ...]) -> None:
    r = report(cli, "--from", "2026-10-05", *by, env={"COLUMNS": str(width), "NO_COLOR": "1"})
    lines = r.stdout.splitlines()
    assert max(cell_len(x) for x in lines) <= width
    assert "…" not in "".join(x for x in lines if "✓ met" not in x)  # nothing cut
    for word in ("(unassigned)", "bruno", "carla", "MQLs per owner", "MQLs of the team"):
        assert word in r.stdout
    header = next(x for x in lines if x.split()[:1] == ["goal"])
    assert header.split()[1:3] == ["owner", "target"]  # every column has a header
    assert "W47*" in header  # the newest periods stay; older ones drop first
    assert ("trend" in header) == (width >= 80)


def test_example_fits_80_columns_and_names_goals(cli: Cli) -> None:
    args = ("--sla", "examples/sla.yaml", "--as-of", AS_OF, "--quiet")
    before = re.compile(r"tar…|✓ …")
    for width in (80, 100, 120, 160):
        r = run_leadsla("report", *args, env={"COLUMNS": str(width)})
        assert r.returncode == 0
        lines = r.stdout.splitlines()
        assert max(cell_len(x) for x in lines) <= width, width
        assert not before.search(r.stdout)
        for name in ("MQLs per week", "Median first response", "First contact on time"):
            assert name in r.stdout
        # the median time is business time, and the table says so
        assert "≤ 4h business" in r.stdout
    narrow = run_leadsla("report", *args, env={"COLUMNS": "80"}).stdout
    assert "earlier periods not shown" in narrow


def test_too_narrow_becomes_blocks() -> None:
    # the renderer at 44 columns (the command line's width is at least 60), on a real result
    from leadsla.render.report import table
    from leadsla.results import GoalValue, PeriodResult, ReportResult

    tz = datetime.fromisoformat(AS_OF).tzinfo
    starts = [datetime(2026, 10, 26, tzinfo=tz) + timedelta(days=7 * i) for i in range(4)]
    values = [
        (0.0, "no_data", None),
        (0.0, "no_data", None),
        (1.0, "met", True),
        (1.0, "on_pace", None),
    ]
    periods = [
        PeriodResult(
            f"2026-W{44 + i}", start, start + timedelta(days=7), i < 3,
            [GoalValue(
                "owner-mqls", "MQLs per owner", "sales", "count", {"owner": "carla"}, value,
                int(value), ">=", 1.0, ">= 1", met, False, 1.6 if i == 3 else None,
                True if i == 3 else None, verdict,
            )],
        )
        for i, (start, (value, verdict, met)) in enumerate(zip(starts, values, strict=True))
    ]  # fmt: skip
    result = ReportResult(
        as_of=datetime.fromisoformat(AS_OF), sla_name="Per-owner targets", period="week",
        zone="America/Sao_Paulo", owners={"sales": "bruno.lima"}, review=None, by=None,
        periods=periods, holidays_version=None, funnel=[], funnel_since=None,
        compliance_rules=[], compliance_owners=[], missed=0, goals_period="week",
    )  # fmt: skip
    lines = table(result, False, cols=44).splitlines()
    assert max(cell_len(x) for x in lines) <= 44
    assert not any(x.split()[:1] == ["goal"] for x in lines)
    assert "  MQLs per owner · owner: carla · target ≥ 1" in lines
    assert any(x.startswith("    W44 – · W45 – · W46 ✓ 1 · W47* 1→") for x in lines)


def test_pt_br_words_and_dates(cli: Cli) -> None:
    r = report(cli, "--from", "2026-11-02", "--locale", "pt-BR", env={"COLUMNS": "120"})
    out = r.stdout
    assert "metas por semana, em 20/11/2026 12:00" in out
    assert "De 2 de nov. de 2026 a 22 de nov. de 2026" in out
    header = next(x for x in out.splitlines() if x.split()[:1] == ["meta"])
    assert header.split() == ["meta", "owner", "alvo", "S45", "S46", "S47*", "tendência"]
    assert "sem alvo" in out and "2 metas-período não atingidas." in out
    md = report(cli, "--from", "2026-11-02", "--locale", "pt-BR", "--format", "markdown").stdout
    assert "| time | meta | owner | alvo | S45 | S46 | S47 * |" in md
    assert "| sales | MQLs per owner | carla | ≥ 1 | sem dados | ✅ 1 | 1 → 1,6 (no ritmo) |" in md
    # the JSON never changes with the locale
    en = report(cli, "--format", "json").stdout
    pt = report(cli, "--format", "json", "--locale", "pt-BR").stdout
    assert en == pt


def test_en_dates_month_first(cli: Cli) -> None:
    out = report(cli, "--from", "2026-11-02", env={"COLUMNS": "120"}).stdout
    assert "as of 11/20/26, 12:00" in out and "From Nov 2, 2026 to Nov 22, 2026" in out


def test_markdown_names_and_verdict_words(cli: Cli) -> None:
    md = report(cli, "--from", "2026-11-02", "--format", "markdown").stdout
    assert "| sales | MQLs per owner | (unassigned) | no target | 1 | 0 | 0 |" in md
    assert "| sales | MQLs per owner | ana | ≥ 2 | ✅ 3 | ❌ 1 | 0 → 0 (behind) |" in md


SLA_HEAD = """\
version: 1
name: t
goals:
  targets:
"""


@pytest.mark.parametrize(
    ("goal", "message"),
    [
        (
            '{id: a, owner: s, metric: count, of: mql_at, target: ">= 2", overrides: {ana: ">= 1"}}',
            "goals.targets[0].overrides: `overrides` set targets per value of `for_each`",
        ),
        (
            '{id: a, owner: s, metric: count, of: mql_at, target: ">= 2", for_each: owner, overrides: {ana: ">= 10%"}}',
            "goals.targets[0].overrides.ana: a `count` target is number",
        ),
        (
            '{id: a, owner: s, metric: count, of: mql_at, target: ">= 2", for_each: grade}',
            "goals.targets[0].for_each: `grade` needs a `scoring` section",
        ),
        (
            '{id: a, owner: s, metric: count, of: mql_at, target: ">= 2", for_each: owner, overrides: {Ana: ">= 1", " ana": ">= 2"}}',
            "is the same value as `Ana`",
        ),
    ],
)
def test_invalid_for_each_is_a_located_error(
    cli: Cli, tmp_path: Path, goal: str, message: str
) -> None:
    path = tmp_path / "sla.yaml"
    path.write_text(SLA_HEAD + f"    - {goal}\n", encoding="utf-8")
    r = cli("validate", str(path))
    assert r.exit_code == 1
    assert f"{path}:5:" in r.stdout and message in r.stdout


def test_for_each_on_a_missing_column_names_the_sla(cli: Cli, tmp_path: Path) -> None:
    sla = tmp_path / "sla.yaml"
    sla.write_text(
        SLA_HEAD
        + '    - {id: a, owner: s, metric: count, of: mql_at, target: ">= 2", for_each: region}\n',
        encoding="utf-8",
    )
    (tmp_path / "leads.csv").write_text("id,mql_at\n1,2026-11-02 10:00\n", encoding="utf-8")
    r = cli("report", str(tmp_path / "leads.csv"), "--sla", str(sla), "--as-of", AS_OF)
    assert r.exit_code == 2
    assert "region" in r.stderr and "goals.targets[0].for_each" in r.stderr


def test_for_each_reads_a_number_field_as_text(cli: Cli, tmp_path: Path) -> None:
    sla = tmp_path / "sla.yaml"
    sla.write_text(
        SLA_HEAD
        + '    - {id: a, owner: s, metric: count, of: mql_at, target: ">= 2", for_each: size, overrides: {50: ">= 1"}}\n'
        + '    - {id: b, owner: s, metric: count, of: mql_at, target: ">= 1", where: {field: size, gt: 10}}\n',
        encoding="utf-8",
    )
    (tmp_path / "leads.csv").write_text(
        "id,size,mql_at\n1,50,2026-11-02 10:00\n2,7,2026-11-03 10:00\n", encoding="utf-8"
    )
    r = cli(
        "report", str(tmp_path / "leads.csv"), "--sla", str(sla), "--as-of", AS_OF,
        "--from", "2026-11-02", "--to", "2026-11-08", "--format", "json", "--quiet",
    )  # fmt: skip
    assert r.exit_code == 0, r.stderr
    [p] = json.loads(r.stdout)["periods"]
    got = {(g["id"], json.dumps(g["group"])): (g["value"], g["verdict"]) for g in p["goals"]}
    assert got[("a", '{"size": "50"}')] == (1, "met")  # the override ">= 1"
    assert got[("a", '{"size": "7"}')] == (1, "missed")

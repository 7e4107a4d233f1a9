"""check-deadlines' count tables on a narrow terminal with long owners: compliance is never
shown without the counts it is computed from (met, met late, breached)."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest
from rich.cells import cell_len

from tests.conftest import AS_OF, EXAMPLES, Cli

OWNER = "Dono do Lead"


@pytest.fixture
def long_owners(tmp_path: Path) -> tuple[Path, set[str]]:
    """The example with every owner a 40-character address."""
    shutil.copy(EXAMPLES / "sla.yaml", tmp_path / "sla.yaml")
    with (EXAMPLES / "leads.csv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f, delimiter=";"))
    k = rows[0].index(OWNER)
    owners = set()
    for r in rows[1:]:
        if r[k] and r[k] != "N/A":  # N/A reads as blank: (unassigned)
            r[k] = (r[k].replace(" ", ".").lower() + ".revops@example.com.br").ljust(40, "x")[:40]
            owners.add(r[k])
    with (tmp_path / "leads.csv").open("w", encoding="utf-8", newline="") as f:
        csv.writer(f, delimiter=";").writerows(rows)
    return tmp_path / "sla.yaml", owners


def headers(table: str) -> list[str]:
    """The column headers of the first table in `table`, folded header lines joined."""
    lines = [line for line in table.splitlines() if line.startswith("┃")]
    cells = [[c.strip() for c in line.strip("┃").split("┃")] for line in lines]
    return [" ".join(filter(None, col)) for col in zip(*cells, strict=True)]


def by_owner(cli: Cli, sla: Path, width: int, locale: str = "en") -> str:
    r = cli(
        "check-deadlines",
        "--sla",
        str(sla),
        "--as-of",
        AS_OF,
        "--quiet",
        "--locale",
        locale,
        "--no-color",
        env={"COLUMNS": str(width)},
    )
    assert r.exit_code == 1, r.output
    long = [line for line in r.stdout.splitlines() if cell_len(line) > width]
    assert not long, long[:2]
    marker = "Por responsável" if locale == "pt-BR" else "By owner"
    end = "Por time" if locale == "pt-BR" else "By team"
    return r.stdout.split(marker)[1].split(end)[0]


@pytest.mark.parametrize("width", [80, 100, 120, 160])
def test_compliance_is_never_shown_without_its_counts(
    cli: Cli, long_owners: tuple[Path, set[str]], width: int
) -> None:
    sla, owners = long_owners
    table = by_owner(cli, sla, width)
    heads = headers(table)
    assert heads[:2] == ["owner", "breached"]
    if "compliance" in heads:
        assert {"met", "met late"} <= set(heads)
    for owner in owners:
        assert owner in table  # whole, on one line
    if width >= 100:
        assert heads == [
            "owner",
            "breached",
            "at risk",
            "on track",
            "met late",
            "met",
            "compliance",
        ]


def test_at_80_columns_compliance_goes_with_met_and_met_late(
    cli: Cli, long_owners: tuple[Path, set[str]]
) -> None:
    table = by_owner(cli, long_owners[0], 80)
    assert "compliance" not in headers(table)
    assert "Not shown at this width: met late, met, compliance" in " ".join(table.split())


def test_in_pt_br_too(cli: Cli, long_owners: tuple[Path, set[str]]) -> None:
    for width in (80, 100):
        heads = headers(by_owner(cli, long_owners[0], width, "pt-BR"))
        if "cumprimento" in heads:
            assert {"cumprido", "cumprido com atraso"} <= set(heads)

"""The lead's id column: found behind a BOM when quoted (HubSpot), and required when the SLA
names it in `leads.columns` (a renamed column must not turn every id into an e-mail)."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import Cli

SLA = """
version: 1
name: ids
leads:
  columns: {id: Record ID, email: Email}
  types: {pts: number}
scoring:
  fit:
    rules:
      - {name: p, when: {field: pts, gte: 6}, points: 10}
qualification:
  mql: {field: fit, gte: 10}
"""


def _ids(out: str) -> list[str]:
    return [row["id"] for row in csv.DictReader(io.StringIO(out))]


@pytest.mark.parametrize(
    "content",
    [
        b'\xef\xbb\xbf"Record ID","Email","pts"\r\n"1","a@b.com","5"\r\n"2","c@d.com","7"\r\n',
        b"\xef\xbb\xbfRecord ID,Email,pts\n1,a@b.com,5\n2,c@d.com,7\n",
        b'"Record ID","Email","pts"\n"1","a@b.com","5"\n"2","c@d.com","7"\n',
        '"Record ID","Email","pts"\n"1","a@b.com","5"\n"2","c@d.com","7"\n'.encode("utf-16"),
    ],
    ids=["bom-quoted", "bom-bare", "quoted", "utf16-quoted"],
)
def test_a_quoted_first_header_behind_a_bom_is_found(
    cli: Cli, write_sla: Callable[[str], Path], tmp_path: Path, content: bytes
) -> None:
    export = tmp_path / "hubspot.csv"
    export.write_bytes(content)
    sla = write_sla(SLA)
    result = cli("score", export, "--sla", sla, "--as-of", "2026-11-20", "--format", "csv", "-q")
    assert result.exit_code == 0, result.output
    assert _ids(result.stdout) == ["1", "2"]  # every lead, in the export's order
    check = cli("validate", sla, "--leads", export, "--as-of", "2026-11-20")
    assert check.exit_code == 0, check.output


def test_an_id_column_the_sla_names_must_be_there(
    cli: Cli, write_sla: Callable[[str], Path], tmp_path: Path
) -> None:
    export = tmp_path / "renamed.csv"
    export.write_text("Other ID,Email,pts\n1,a@b.com,5\n", encoding="utf-8")
    sla = write_sla(SLA)
    result = cli("score", export, "--sla", sla, "--as-of", "2026-11-20", "--format", "csv")
    assert result.exit_code == 2
    assert "no column `Record ID`" in result.stderr and "Other ID" in result.stderr
    assert result.stdout == ""
    check = cli("validate", sla, "--leads", export, "--as-of", "2026-11-20")
    assert check.exit_code == 1
    assert "no column `Record ID` for field `id`" in check.stdout


def test_without_a_mapping_the_id_falls_back_to_the_email(
    cli: Cli, write_sla: Callable[[str], Path], tmp_path: Path
) -> None:
    """SPEC: `id` defaults to the e-mail when the export has no id column (and the SLA does
    not name one)."""
    export = tmp_path / "no-id.csv"
    export.write_text("Email,pts\na@b.com,5\n", encoding="utf-8")
    sla = write_sla(SLA.replace("{id: Record ID, email: Email}", "{email: Email}"))
    result = cli("score", export, "--sla", sla, "--as-of", "2026-11-20", "--format", "csv", "-q")
    assert result.exit_code == 0, result.output
    assert _ids(result.stdout) == ["a@b.com"]


def test_a_named_owner_must_be_there_and_a_named_email_only_as_the_id(
    cli: Cli, write_sla: Callable[[str], Path], tmp_path: Path
) -> None:
    export = tmp_path / "no-owner.csv"
    export.write_text("Record ID,pts\n1,5\n", encoding="utf-8")
    # the id column is there: a named e-mail column the export lacks is no error
    sla = write_sla(SLA)
    result = cli("score", export, "--sla", sla, "--as-of", "2026-11-20", "--format", "csv", "-q")
    assert result.exit_code == 0, result.output
    # a named owner column the export lacks would make every lead (unassigned)
    sla = write_sla(SLA.replace("email: Email}", "email: Email, owner: Dono}"))
    result = cli("score", export, "--sla", sla, "--as-of", "2026-11-20", "--format", "csv")
    assert result.exit_code == 2
    assert "field `owner`: no column `Dono` (used at leads.columns.owner" in result.stderr
    # with no id column named, the e-mail is the id: its named column must be there
    export.write_text("ID2,pts\n1,5\n", encoding="utf-8")
    sla = write_sla(SLA.replace("{id: Record ID, email: Email}", "{email: Email}"))
    result = cli("score", export, "--sla", sla, "--as-of", "2026-11-20", "--format", "csv")
    assert result.exit_code == 2
    assert "field `email`: no column `Email`" in result.stderr

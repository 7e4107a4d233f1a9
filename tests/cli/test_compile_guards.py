"""The message of a compiled script's calendar guard (review F2): it names the lead and the
rule, shows the start as a UTC date and time (not seconds since 1970), the calendar's range,
and what to do (`compile` again with --from/--to around it; a later --to for a due past it).
Run on DuckDB here; tests/engines/test_clock_and_span.py runs it on PostgreSQL and Spark."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from tests.cli.test_compile import compile_sql, text_table
from tests.conftest import Cli

SLA = """
version: 1
name: old leads
leads:
  timezone: Europe/London
  date_formats: ["%d/%m/%Y %H:%M"]
  columns: {id: ID, created_at: Created, first_contact_at: Contact}
calendar:
  timezone: America/New_York
  hours: {mon-fri: "09:00-17:00"}
follow_up:
  - {id: first-contact, owner: sales, start: created_at, stop: [first_contact_at], within: 10h}
"""


def run(cli: Cli, sla: Path, export: Path, *extra: str) -> list[tuple[object, ...]]:
    script = compile_sql(
        cli, "--sla", sla, "--dialect", "duckdb", "--table", "t", "--what", "deadlines",
        "--as-of", "2026-11-20T12:00:00+00:00", *extra,
    )  # fmt: skip
    con = duckdb.connect()
    text_table(con, "t", export)
    return con.execute(script).fetchall()


def test_a_start_before_the_calendar_is_named_with_its_lead_and_date(
    cli: Cli,
    write_sla,  # type: ignore[no-untyped-def]
    tmp_path: Path,
) -> None:
    sla = write_sla(SLA)
    export = tmp_path / "old.csv"
    export.write_text("ID;Created;Contact\nL-2020;15/07/2020 10:00;\nnew;15/11/2026 10:00;\n")
    with pytest.raises(duckdb.Error) as caught:
        run(cli, sla, export)
    assert (
        "leadsla: lead L-2020, follow-up first-contact: it starts at 2020-07-15 09:00:00 UTC,"
        " outside the business calendar this script holds (2024-11-20 to 2027-11-20);"
        " compile the script again with --from and --to around that day"
    ) in str(caught.value)
    # compiled again as it says, the script answers
    assert len(run(cli, sla, export, "--from", "2020-07-01")) == 2


def test_a_due_past_the_calendar_says_to_compile_with_a_later_to(
    cli: Cli,
    write_sla,  # type: ignore[no-untyped-def]
    tmp_path: Path,
) -> None:
    sla = write_sla(SLA)
    export = tmp_path / "late.csv"
    export.write_text("ID;Created;Contact\n7;20/11/2026 11:00;\n")
    with pytest.raises(duckdb.Error) as caught:
        run(cli, sla, export, "--to", "2026-11-20")
    assert (
        "leadsla: lead 7, follow-up first-contact: it starts at 2026-11-20 11:00:00 UTC, and is"
        " due past the end of the business calendar this script holds (2024-11-20 to"
        " 2026-11-20); compile the script again with a later --to"
    ) in str(caught.value)

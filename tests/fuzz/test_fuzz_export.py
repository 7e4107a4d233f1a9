"""Fuzz the export reader: seeded mutations of examples/leads.csv, read with the example SLA as
every data command reads it (`open_session` over every section).

Every mutant is either read, with an account that adds up (rows = used + rejected; every
record of the file used, rejected or footer; rejected records whole, with their true line
range; the summary line and --errors saying the same), or refused with a message that names
the file, quotes a bounded amount of it, and is not a DuckDB error passed through.

A failing case names its seed and its recipe; `python -m tests.fuzz.mutate export SEED`
writes the mutant."""

from __future__ import annotations

from pathlib import Path

import pytest

from leadsla.commands.common import DataOptions, open_session
from leadsla.commands.validate_leads import ALL_SECTIONS
from leadsla.errors import LeadslaError
from leadsla.sla.load import LoadedSla
from tests.conftest import AS_OF
from tests.fuzz.checks import (
    Case,
    account,
    assert_errors_match,
    assert_export_accounted,
    assert_message,
    error_rows,
    summary_of,
)
from tests.fuzz.conftest import seed_ids, seeds
from tests.fuzz.mutate import export_case

pytestmark = pytest.mark.filterwarnings("error")

READ_SEEDS = seeds(180)


def read_and_check(path: Path, sla: LoadedSla, case: Case, tmp_path: Path) -> None:
    errors = tmp_path / "errors.csv"
    notes: list[str] = []
    opts = DataOptions(leads=str(path), as_of=AS_OF, errors=errors)
    counts = None
    try:
        with open_session(opts, sla, ALL_SECTIONS, notes.append) as session:
            assert_export_accounted(session.export, case)
            counts = account(session.export)
    except LeadslaError as exc:
        assert_message(exc, case)
        assert str(path) in exc.message, (
            f"{case}: the message does not name the file: {exc.message}"
        )
        # refused after reading (nothing usable, or an unhealthy field): the summary line
        # and --errors were written first, and they add up
        summary = summary_of("\n".join(notes), case)
        if summary is not None and errors.exists():
            assert_errors_match(error_rows(errors, case), summary, case)
        return
    except AssertionError:
        raise
    except Exception as exc:
        raise AssertionError(f"{case}: reading raised {type(exc).__name__}: {exc}") from exc
    assert counts is not None
    summary = summary_of("\n".join(notes), case)
    assert summary is not None, f"{case}: no row summary: {notes}"
    assert summary == {k: counts[k] for k in ("rows", "used", "rejected", "unreadable")}, (
        f"{case}: summary {summary} != account {counts}"
    )
    assert_errors_match(error_rows(errors, case), counts, case)


@pytest.mark.parametrize("seed", READ_SEEDS, ids=seed_ids(READ_SEEDS))
def test_export_mutant_is_read_and_accounted_or_refused(
    seed: int, tmp_path: Path, example_sla: LoadedSla
) -> None:
    mutant = export_case(seed)
    path = tmp_path / "leads.csv"
    path.write_bytes(mutant.data)
    read_and_check(
        path, example_sla, Case(f"export seed {seed}", mutant.describe(), export=path), tmp_path
    )


@pytest.mark.parametrize("quoted", [False, True], ids=["plain", "quoted"])
def test_a_record_of_32_mib_is_rejected_whole_and_counted(
    quoted: bool, tmp_path: Path, example_sla: LoadedSla, small_export: Path
) -> None:
    """Issue 9 cases 3 and 4: a record of 31 MiB or more vanished (not used, not rejected);
    rejected records were cut at 10,000 characters."""
    data = small_export.read_bytes().split(b"\n")
    cells = data[5].split(b";")
    big = b"x" * (32 << 20)
    cells[5] = b'"' + big + b'"' if quoted else big
    data[5] = b";".join(cells)
    path = tmp_path / "leads.csv"
    path.write_bytes(b"\n".join(data))
    what = f"a {'quoted ' if quoted else ''}cell of 32 MiB on line 6"
    read_and_check(path, example_sla, Case("export 32 MiB", what, export=path), tmp_path)

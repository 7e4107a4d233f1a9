"""Fuzz the SLA loader: seeded mutations of examples/sla.yaml.

Every mutant either loads, as an SLA the run can use (finite numbers within DOUBLE range,
conditions at most 200 deep, lints that run), or is refused with located problems
(FILE:LINE:COLUMN) of a bounded size; nothing else escapes (issue 9, "No internal error from
user input"). Mutants of the values the run relies on are also read against the example
export: what the loader accepts, the read must not refuse (issue 9 case 8).

A failing case names its seed and its recipe; `python -m tests.fuzz.mutate sla SEED` writes
the mutant."""

from __future__ import annotations

from pathlib import Path

import pytest

from leadsla.commands.common import DataOptions, open_session
from leadsla.commands.slacheck import engine_load_problems
from leadsla.commands.validate_leads import ALL_SECTIONS
from leadsla.engine.scoring import scoring_wrap
from leadsla.errors import LeadslaError, SlaInvalid
from leadsla.sla.asof import parse_as_of
from leadsla.sla.lints import lint
from leadsla.sla.load import LoadedSla, load_sla
from tests.conftest import AS_OF
from tests.fuzz.checks import (
    LEGITIMATE_REFUSAL,
    Case,
    account,
    assert_errors_match,
    assert_export_accounted,
    assert_located,
    assert_message,
    assert_sla_usable,
    error_rows,
    summary_of,
)
from tests.fuzz.conftest import seed_ids, seeds
from tests.fuzz.mutate import Mutant, sla_case, sla_value_case

pytestmark = pytest.mark.filterwarnings("error")

LOAD_SEEDS = seeds(640)
READ_SEEDS = seeds(80)


def _load(mutant: Mutant, tmp_path: Path, label: str) -> tuple[LoadedSla | None, Case]:
    path = tmp_path / "sla.yaml"
    path.write_bytes(mutant.data)
    case = Case(label, mutant.describe(), sla=path)
    try:
        loaded = load_sla(path, str(path))
    except SlaInvalid as exc:
        assert exc.problems, f"{case}: refused without saying why: {exc.message}"
        assert_message(exc, case)
        return None, case
    except LeadslaError as exc:
        raise AssertionError(f"{case}: {type(exc).__name__}: {exc.message}") from exc
    except Exception as exc:
        raise AssertionError(f"{case}: the loader raised {type(exc).__name__}: {exc}") from exc
    # what the data commands check on top (zones and patterns as DuckDB runs them)
    refused = engine_load_problems(loaded)
    if refused:
        assert_message(SlaInvalid("refused by the engine check", refused), case)
        return None, case
    assert_sla_usable(loaded, case)
    return loaded, case


@pytest.mark.parametrize("seed", LOAD_SEEDS, ids=seed_ids(LOAD_SEEDS))
def test_sla_mutant_loads_or_is_refused_where_it_is_wrong(seed: int, tmp_path: Path) -> None:
    loaded, case = _load(sla_case(seed), tmp_path, f"sla seed {seed}")
    if loaded is None:
        return
    zone = loaded.sla.calendar.timezone if loaded.sla.calendar else "UTC"
    try:
        warnings = lint(loaded, parse_as_of(AS_OF, zone))
    except Exception as exc:
        raise AssertionError(f"{case}: the lints raised {type(exc).__name__}: {exc}") from exc
    for w in warnings:
        assert_located(w, case)


@pytest.mark.parametrize("seed", READ_SEEDS, ids=seed_ids(READ_SEEDS))
def test_sla_the_loader_accepts_reads_and_scores_the_export(
    seed: int, tmp_path: Path, small_export: Path
) -> None:
    loaded, case = _load(sla_value_case(seed), tmp_path, f"sla-value seed {seed}")
    if loaded is None:
        return
    case.files["export"] = small_export
    errors = tmp_path / "errors.csv"
    notes: list[str] = []
    opts = DataOptions(leads=str(small_export), as_of=AS_OF, errors=errors)
    counts = None
    try:
        # scored in the read, as `score` does: the conditions, numbers and patterns run
        sla = loaded.sla
        wrap = (lambda as_of: scoring_wrap(sla, as_of)) if sla.scoring else None
        with open_session(opts, loaded, ALL_SECTIONS, notes.append, wrap=wrap) as session:
            assert_export_accounted(session.export, case)
            counts = account(session.export)
    except LeadslaError as exc:
        assert_message(exc, case)
        assert LEGITIMATE_REFUSAL.search(exc.message), (
            f"{case}: the SLA loads, but reading the example export with it fails: {exc.message}"
        )
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

"""Fixtures of the fuzz suite: the example SLA loaded once, the small export written once."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from leadsla.sla.load import LoadedSla, load_sla
from tests.fuzz.mutate import EXAMPLE_SLA, small_export_bytes

SCALE = float(os.environ.get("LEADSLA_FUZZ_SCALE", "1"))
"""Run more (or fewer) cases of each kind: `LEADSLA_FUZZ_SCALE=10 pytest tests/fuzz`."""


def seeds(n: int) -> list[int]:
    return list(range(max(1, round(n * SCALE))))


def seed_ids(values: list[int]) -> list[str]:
    return [f"seed{s}" for s in values]


@pytest.fixture(scope="session")
def example_sla() -> LoadedSla:
    return load_sla(EXAMPLE_SLA, str(EXAMPLE_SLA))


@pytest.fixture(scope="session")
def small_export(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example export's first 40 records and a few with quotes and line breaks in cells
    (the export cases start from these bytes)."""
    path = tmp_path_factory.mktemp("fuzz") / "leads.csv"
    path.write_bytes(small_export_bytes())
    return path

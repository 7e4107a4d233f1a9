"""Fixtures of the reader's tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.data.support import Reader


@pytest.fixture
def read(tmp_path: Path) -> Iterator[Reader]:
    """Read an export for real (private DuckDB connection, closed after the test)."""
    reader = Reader(tmp_path)
    yield reader
    reader.close()

"""The holidays package's answers are cached per version in the user's cache folder; the cache
must give the same answers as the package, be rebuilt when broken, and never be required."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import holidays
import pytest

from leadsla.sla.holiday_registry import holiday_days, registry


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    return tmp_path / "leadsla"


def test_days_match_the_package_and_are_cached(cache: Path) -> None:
    days = holiday_days("BR", "SP", ("public",), range(2026, 2028))
    expected = holidays.country_holidays("BR", subdiv="SP", years=[2026, 2027], language="pt_BR")
    assert days == {d: str(n) for d, n in expected.items()}
    assert days[date(2026, 11, 20)]  # Consciência Negra, national since 2024
    (file,) = cache.glob("days-*-BR-SP-public-pt_BR.json")
    assert sorted(json.loads(file.read_text(encoding="utf-8"))) == ["2026", "2027"]


def test_the_cache_is_read_and_only_missing_years_computed(cache: Path) -> None:
    holiday_days("BR", None, ("public",), range(2026, 2027))
    (file,) = cache.glob("days-*-BR--public-pt_BR.json")
    data = json.loads(file.read_text(encoding="utf-8"))
    data["2026"] = {"2026-03-03": "from the cache"}
    file.write_text(json.dumps(data), encoding="utf-8")
    days = holiday_days("BR", None, ("public",), range(2026, 2028))
    assert days[date(2026, 3, 3)] == "from the cache"
    assert date(2026, 12, 25) not in days  # 2026 came from the (edited) cache
    assert date(2027, 12, 25) in days  # 2027 was computed and added
    assert sorted(json.loads(file.read_text(encoding="utf-8"))) == ["2026", "2027"]


def test_a_broken_cache_is_rebuilt(cache: Path) -> None:
    holiday_days("PT", None, ("public",), range(2026, 2027))
    (file,) = cache.glob("days-*-PT--public-pt_PT.json")
    file.write_text("{not json", encoding="utf-8")
    assert holiday_days("PT", None, ("public",), range(2026, 2027))[date(2026, 12, 25)]
    assert "2026" in json.loads(file.read_text(encoding="utf-8"))


def test_an_unwritable_cache_is_not_required(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))  # mkdir under a file fails
    assert date(2026, 1, 1) in holiday_days("BR", None, ("public",), range(2026, 2027))
    assert "BR" in registry()

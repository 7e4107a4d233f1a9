"""The cache folder is optional: a file of the wrong shape is rebuilt, a folder that cannot be
used is skipped, and leadsla gives the same answers either way (issue 9, case 7)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import holidays
import pytest

from leadsla.sla.holiday_registry import holiday_days, registry
from leadsla.sla.usercache import cache_dir, load_json, store_json


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    return tmp_path / "leadsla"


WRONG_SHAPES = [
    [1, 2],
    "BR",
    {"BR": 5},
    {"BR": {"subdivisions": "SP", "categories": ["public"]}},
    {"BR": {"subdivisions": ["SP"], "categories": [1]}},
    {"BR": {"subdivisions": ["SP"], "categories": ["public"]}, "US": None},
]


@pytest.mark.parametrize("data", WRONG_SHAPES, ids=[str(i) for i in range(len(WRONG_SHAPES))])
def test_a_registry_of_the_wrong_shape_is_rebuilt(cache: Path, data: object) -> None:
    registry()
    (file,) = cache.glob("holidays-*.json")
    file.write_text(json.dumps(data), encoding="utf-8")
    known = registry()
    assert "SP" in known["BR"]["subdivisions"] and "public" in known["BR"]["categories"]
    assert json.loads(file.read_text(encoding="utf-8"))["BR"] == known["BR"]


@pytest.mark.parametrize(
    "data",
    [{"2026": 5}, {"2026": {"x": "Natal"}}, {"2026": {"2026-12-25": 5}}, {"2026": ["2026-12-25"]}],
    ids=["year-not-a-mapping", "key-not-a-date", "name-not-text", "a-list"],
)
def test_cached_holidays_of_the_wrong_shape_are_computed_again(cache: Path, data: object) -> None:
    holiday_days("BR", None, ("public",), range(2026, 2027))
    (file,) = cache.glob("days-*-BR--public-pt_BR.json")
    file.write_text(json.dumps(data), encoding="utf-8")
    days = holiday_days("BR", None, ("public",), range(2026, 2027))
    expected = holidays.country_holidays("BR", years=[2026], language="pt_BR")
    assert days == {d: str(n) for d, n in expected.items()}
    assert date(2026, 12, 25) in days


def test_a_relative_xdg_cache_home_is_ignored(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/cache")
    folder = cache_dir()
    assert folder is None or folder.is_absolute()


def test_no_home_means_no_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    """HOME unset and no passwd entry: `expanduser` gives `~` back, and Path.home() would be
    the folder `./~`. (The real case, a uid without a passwd entry, runs as a subprocess in
    tests/cli/test_no_internal_error.py.)"""
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setattr("os.path.expanduser", lambda path: path)
    assert cache_dir() is None
    assert load_json("anything.json") is None
    store_json("anything.json", {"a": 1})  # nothing to do, no error
    assert "BR" in registry()


def test_store_then_load(cache: Path) -> None:
    store_json("x.json", {"a": [1]})
    assert load_json("x.json") == {"a": [1]}
    assert [p.name for p in cache.iterdir()] == ["x.json"]  # no temporary file left

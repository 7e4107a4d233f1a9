"""Which countries, subdivisions and categories the installed `holidays` package knows.

Importing `holidays` loads every country module (~0.1 s), which would be most of the time
`leadsla validate` takes; the answer only changes with the package's version, so it is kept
in a small JSON file in the user's cache folder, keyed by that version."""

from __future__ import annotations

import json
import os
from datetime import date
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

Registry = dict[str, dict[str, list[str]]]


def _cache_file(holidays_version: str) -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(Path.home(), ".cache")
    return Path(base) / "leadsla" / f"holidays-{holidays_version}.json"


def _build() -> Registry:
    import holidays

    out: Registry = {}
    for code, subdivisions in holidays.list_supported_countries(include_aliases=False).items():
        cls = holidays.country_holidays(code).__class__
        out[code] = {
            "subdivisions": list(subdivisions),
            "categories": sorted(getattr(cls, "supported_categories", ("public",))),
        }
    return out


def _load(path: Path) -> object:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _store(path: Path, data: object) -> None:
    try:  # the cache is an optimisation only: a read-only home must not break a command
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps(data), encoding="utf-8")
        os.replace(tmp, path)
    except OSError:
        pass


def registry() -> Registry:
    try:
        holidays_version = version("holidays")
    except PackageNotFoundError:  # pragma: no cover - holidays is a dependency
        return _build()
    path = _cache_file(holidays_version)
    data = _load(path)
    if isinstance(data, dict) and "BR" in data:
        return data
    built = _build()
    _store(path, built)
    return built


def holiday_days(
    country: str, subdivision: str | None, categories: tuple[str, ...], years: range
) -> dict[date, str]:
    """The named holidays of these years. Computing them imports and runs the country's module
    (~0.1 s, a share of every check-deadlines run); they too are kept in the cache, per year,
    keyed by the package's version."""
    holidays_version = version("holidays")
    key = "-".join([country, subdivision or "", *sorted(categories)])
    path = _cache_file(holidays_version).with_name(f"days-{holidays_version}-{key}.json")
    cached = _load(path)
    by_year: dict[str, dict[str, str]] = cached if isinstance(cached, dict) else {}
    missing = [y for y in years if str(y) not in by_year]
    if missing:
        import holidays

        found = holidays.country_holidays(
            country, subdiv=subdivision, years=missing, categories=categories
        )
        for y in missing:
            by_year[str(y)] = {}
        for day, name in found.items():
            if day.year in missing:
                by_year[str(day.year)][day.isoformat()] = str(name)
        _store(path, by_year)
    return {
        date.fromisoformat(d): name for y in years for d, name in by_year.get(str(y), {}).items()
    }

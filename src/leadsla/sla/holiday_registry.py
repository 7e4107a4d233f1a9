"""Which countries, subdivisions and categories the installed `holidays` package knows.

Importing `holidays` loads every country module (~0.1 s), which would be most of the time
`leadsla validate` takes; the answer only changes with the package's version, so it is kept
in a small JSON file in the user's cache folder, keyed by that version."""

from __future__ import annotations

import json
import os
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


def registry() -> Registry:
    try:
        holidays_version = version("holidays")
    except PackageNotFoundError:  # pragma: no cover - holidays is a dependency
        return _build()
    path = _cache_file(holidays_version)
    try:
        data: Registry = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(data, dict) and "BR" in data:
            return data
    except (OSError, ValueError):
        pass
    data = _build()
    try:  # the cache is an optimisation only: a read-only home must not break validate
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps(data), encoding="utf-8")
        os.replace(tmp, path)
    except OSError:
        pass
    return data

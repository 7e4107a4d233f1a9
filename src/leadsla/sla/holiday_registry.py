"""Which countries, subdivisions and categories the installed `holidays` package knows.

Importing `holidays` loads every country module (~0.1 s), which would be most of the time
`leadsla validate` takes; the answer only changes with the package's version, so it is kept
in a small JSON file in the user's cache folder, keyed by that version."""

from __future__ import annotations

from datetime import date

from leadsla.sla.pkgversion import package_version
from leadsla.sla.usercache import load_json, store_json

Registry = dict[str, dict[str, list[str]]]
"""Per country: `subdivisions`, `categories`, and `languages` (its default language first)."""


def _build() -> Registry:
    import holidays

    out: Registry = {}
    for code, subdivisions in holidays.list_supported_countries(include_aliases=False).items():
        cls = holidays.country_holidays(code).__class__
        default = getattr(cls, "default_language", None)
        others = sorted(set(getattr(cls, "supported_languages", ())) - {default})
        out[code] = {
            "subdivisions": list(subdivisions),
            "categories": sorted(getattr(cls, "supported_categories", ("public",))),
            "languages": ([default] if default else []) + others,
        }
    return out


def _strings(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def _is_registry(data: object) -> bool:
    """A cache file may hold any JSON (an older format, a hand edit, another program's file)."""
    return (
        isinstance(data, dict)
        and "BR" in data
        and all(
            isinstance(entry, dict)
            and _strings(entry.get("subdivisions"))
            and _strings(entry.get("categories"))
            and _strings(entry.get("languages"))
            for entry in data.values()
        )
    )


def registry() -> Registry:
    holidays_version = package_version("holidays")
    if holidays_version is None:  # pragma: no cover - holidays is a dependency
        return _build()
    name = f"holidays-{holidays_version}.json"
    data = load_json(name)
    if _is_registry(data):
        return data  # type: ignore[return-value]
    built = _build()
    store_json(name, built)
    return built


def _year_days(value: object) -> dict[str, str] | None:
    """One cached year, `{"2026-01-01": "Confraternização Universal", ...}`, or None if broken."""
    if not isinstance(value, dict):
        return None
    for day, name in value.items():
        if not isinstance(name, str):
            return None
        try:
            date.fromisoformat(day)
        except ValueError:
            return None
    return value


def default_language(country: str) -> str | None:
    """The language the country's holidays are named in by default (`pt_BR` for BR)."""
    languages = registry().get(country, {}).get("languages", [])
    return languages[0] if languages else None


def holiday_language(country: str, locale: str) -> str | None:
    """The language of the country's holiday names that suits a locale (`pt_BR`, `en`): the
    locale itself, else its language, else that language in some region (`en` -> `en_US`,
    the country's own region first); else the country's default language. None for a
    country the package does not list."""
    languages = registry().get(country, {}).get("languages", [])
    if not languages:
        return None
    lang = locale.split("_")[0]
    same = [x for x in languages if x.split("_")[0] == lang]
    for wanted in (locale, lang, f"{lang}_{country}", "en_US" if lang == "en" else None):
        if wanted in languages:
            return wanted
    return same[0] if same else languages[0]


def holiday_days(
    country: str,
    subdivision: str | None,
    categories: tuple[str, ...],
    years: range,
    language: str | None = None,
) -> dict[date, str]:
    """The named holidays of these years, named in `language` (None: the country's default
    language, never the environment's, so that the JSON is the same everywhere). Computing
    them imports and runs the country's module (~0.1 s, a share of every check-deadlines
    run); they too are kept in the cache, per year, keyed by the package's version and the
    language."""
    holidays_version = package_version("holidays") or "unknown"
    language = language or default_language(country)
    key = "-".join([country, subdivision or "", *sorted(categories), language or ""])
    file_name = f"days-{holidays_version}-{key}.json"
    cached = load_json(file_name)
    by_year: dict[str, dict[str, str]] = {}
    if isinstance(cached, dict):
        for year, days in cached.items():
            checked = _year_days(days)
            if checked is not None:  # a broken year is computed again
                by_year[year] = checked
    missing = [y for y in years if str(y) not in by_year]
    if missing:
        import holidays

        found = holidays.country_holidays(
            country, subdiv=subdivision, years=missing, categories=categories, language=language
        )
        for y in missing:
            by_year[str(y)] = {}
        for day, name in found.items():
            if day.year in missing:
                by_year[str(day.year)][day.isoformat()] = str(name)
        store_json(file_name, by_year)
    return {
        date.fromisoformat(d): name for y in years for d, name in by_year.get(str(y), {}).items()
    }

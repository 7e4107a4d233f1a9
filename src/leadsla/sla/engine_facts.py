"""What the SLA needs DuckDB (the engine) to accept, which Python cannot tell: its time zones,
and whether its RE2 compiles each `matches` pattern as the engine runs it.

Asking DuckDB means importing it (a fifth of a second), which `validate` must not pay on every
run; the answers only change with DuckDB's version, so they are kept in the cache folder,
keyed by it: the zone list, and a verdict per pattern seen. The caller passes `ask`, which
starts DuckDB, for what the cache cannot answer (this layer may not import it)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from leadsla.errors import Problem
from leadsla.sla.conditions import closest, leaves
from leadsla.sla.load import LoadedSla
from leadsla.sla.pkgversion import package_version
from leadsla.sla.semantics import Finding, iter_conditions
from leadsla.sla.usercache import load_json, store_json
from leadsla.sla.yamlload import Path

FORMAT = 1
"""Bumped when the way the engine runs a pattern changes (the verdicts cached before are stale)."""
MAX_PATTERNS = 5_000
"""Verdicts kept in the cache (the oldest go first)."""


@dataclass
class EngineAnswers:
    zones: frozenset[str]
    """Every time zone name DuckDB knows."""
    patterns: dict[str, str | None] = field(default_factory=dict)
    """pattern -> why RE2 refuses it, or None when it compiles."""


Ask = Callable[[Sequence[str]], EngineAnswers]
"""Start DuckDB: its zones, and its verdict on each of these patterns."""


def _engine_version() -> str | None:
    return package_version("duckdb")


FACTS_FORMAT = 2
"""Bumped when the way a pattern is asked about changes (2: fields in their own namespace), so
that no verdict of an older leadsla is trusted."""


def _cache_name(engine_version: str) -> str:
    return f"duckdb-{engine_version}-v{FACTS_FORMAT}.json"


def _cached(engine_version: str) -> EngineAnswers | None:
    """The cached answers, or None when there are none or they are not of the right shape."""
    data = load_json(_cache_name(engine_version))
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        return None
    zones, patterns = data.get("zones"), data.get("patterns")
    if not (isinstance(zones, list) and zones and all(isinstance(z, str) for z in zones)):
        return None
    if not isinstance(patterns, dict):
        patterns = {}
    return EngineAnswers(
        frozenset(zones),
        {p: v for p, v in patterns.items() if v is None or isinstance(v, str)},
    )


def _store(engine_version: str, answers: EngineAnswers) -> None:
    kept = dict(list(answers.patterns.items())[-MAX_PATTERNS:])
    store_json(
        _cache_name(engine_version),
        {"format": FORMAT, "zones": sorted(answers.zones), "patterns": kept},
    )


def engine_answers(patterns: Sequence[str], ask: Ask) -> EngineAnswers:
    """DuckDB's zones and its verdict on `patterns`: from the cache, else from `ask`."""
    engine_version = _engine_version()
    cached = _cached(engine_version) if engine_version else None
    unknown = [p for p in dict.fromkeys(patterns) if cached is None or p not in cached.patterns]
    if cached is not None and not unknown:
        return cached
    fresh = ask(unknown)
    merged = EngineAnswers(fresh.zones, {**(cached.patterns if cached else {}), **fresh.patterns})
    if engine_version:
        _store(engine_version, merged)
    return merged


def engine_problems(loaded: LoadedSla, ask: Ask) -> list[Problem]:
    """Zones and `matches` patterns of a loaded SLA that DuckDB would refuse, as load errors."""
    sla = loaded.sla
    zones: list[tuple[Path, str]] = []
    if sla.leads.timezone is not None:
        zones.append((("leads", "timezone"), sla.leads.timezone))
    if sla.calendar is not None:
        zones.append((("calendar", "timezone"), sla.calendar.timezone))
    patterns: list[tuple[Path, str]] = [
        ((*path, *leaf.subpath, "matches"), leaf.value)
        for path, cond, _phase in iter_conditions(sla)
        for leaf in leaves(cond)
        if leaf.op == "matches"
    ]
    if not zones and not patterns:
        return []
    answers = engine_answers([p for _, p in patterns], ask)
    findings = [
        Finding(path, zone_problem(name, answers.zones), "timezone")
        for path, name in zones
        if name not in answers.zones
    ]
    for path, pattern in patterns:
        refused = answers.patterns.get(pattern)
        if refused is not None:
            findings.append(Finding(path, pattern_problem(pattern, refused), "regex"))
    return [loaded.problem(f) for f in findings]


def zone_problem(name: str, known: frozenset[str]) -> str:
    base = name.split("/", 1)[1] if name.startswith(("right/", "posix/")) else None
    if base in known:
        # right/ zones count leap seconds, which no export and no business clock does
        hint = f"; write `{base}`"
    elif name in ("localtime", "posixrules"):
        hint = "; name the zone itself, such as `America/Sao_Paulo` (leadsla never uses the machine's zone)"
    else:
        close = closest(name, sorted(known))
        hint = (
            f" (did you mean `{close}`?)" if close else "; use a name such as `America/Sao_Paulo`"
        )
    return f"time zone `{name}` is known to Python but not to DuckDB, which reads the times{hint}"


_HINTS = {
    "invalid escape sequence: \\u": "write the character itself (`é`)",
    "invalid escape sequence: \\U": "write the character itself (`é`)",
    "invalid perl operator: (?": "RE2 takes only the flags i, m, s and U, as in `(?i)`",
    "invalid repetition size": "RE2 repeats at most 1000 times, nested repetitions multiplied",
}


def pattern_problem(pattern: str, refused: str) -> str:
    hint = next((h for start, h in _HINTS.items() if refused.startswith(start)), "")
    shown = pattern if len(pattern) <= 200 else pattern[:200] + "..."
    return (
        f"`{shown}` is not a regular expression RE2 (the engine DuckDB runs) accepts: {refused}"
        + (f"; {hint}" if hint else "")
    )

"""Shell completion of option values: rule and team ids from the SLA, locale tags, and file
arguments left to the shell.

It runs at every TAB, so it reads the SLA's YAML only (no pydantic validation, no DuckDB), and
a missing, unreadable or broken SLA completes nothing: never a traceback in the user's prompt.
Command names, options and `--format`/`--period`/`--fail-on` choices are click's own."""

from __future__ import annotations

from pathlib import Path
from typing import Any

LOCALES = (
    "en",
    "en-US",
    "en-GB",
    "en-CA",
    "en-AU",
    "pt-BR",
    "pt-PT",
    "es",
    "es-ES",
    "es-MX",
    "es-AR",
    "es-CO",
    "fr",
    "fr-FR",
    "fr-CA",
    "de",
    "de-DE",
    "it",
    "nl",
    "ja",
)
"""Offered to `--locale`; any tag Babel knows is accepted all the same."""


def files() -> list[str]:
    """No value of ours: the shell completes file names (bash `-o default`, zsh `_files`,
    fish's own), where click's Path would offer the typed word back as the only choice."""
    return []


def locales(incomplete: str) -> list[str]:
    folded = incomplete.casefold().replace("_", "-")
    return [t for t in LOCALES if t.casefold().startswith(folded)]


def rules(ctx: Any, incomplete: str) -> list[tuple[str, str]]:
    """The follow-up rules' ids, with their names as help."""
    out = []
    for rule in _follow_ups(_sla(ctx)):
        rid, name = rule.get("id"), rule.get("name")
        if isinstance(rid, str) and rid.startswith(incomplete):
            out.append((rid, name if isinstance(name, str) else ""))
    return out


def teams(ctx: Any, incomplete: str) -> list[str]:
    """The teams of `owners:` and those that own a follow-up rule."""
    data = _sla(ctx)
    owners = data.get("owners")
    found = [k for k in owners if isinstance(k, str)] if isinstance(owners, dict) else []
    found += [r["owner"] for r in _follow_ups(data) if isinstance(r.get("owner"), str)]
    return [t for t in dict.fromkeys(found) if t.startswith(incomplete)]


def _follow_ups(data: dict[str, Any]) -> list[dict[str, Any]]:
    rules = data.get("follow_up")
    return [r for r in rules if isinstance(r, dict)] if isinstance(rules, list) else []


def _sla(ctx: Any) -> dict[str, Any]:
    """The SLA of the command line being completed (`--sla`, else the usual search), as plain
    YAML data; {} when there is none or it does not load."""
    try:
        from leadsla.sla.load import read_sla_bytes, resolve_sla_path
        from leadsla.sla.yamlload import load_yaml_bytes

        option = ctx.params.get("sla") if ctx is not None else None
        path = resolve_sla_path(option if isinstance(option, str) else None)
        if not Path(path).is_file():  # a FIFO or a device could block the prompt
            return {}
        data = load_yaml_bytes(read_sla_bytes(path), str(path)).data
    except Exception:  # a broken SLA completes nothing
        return {}
    return data if isinstance(data, dict) else {}

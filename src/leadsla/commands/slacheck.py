"""The SLA checks that need the engine: time zones and `matches` patterns DuckDB must accept.

Answered from the cache (sla/engine_facts.py); DuckDB is imported only for what the cache cannot
answer, so that `validate` stays fast."""

from __future__ import annotations

from collections.abc import Sequence

from leadsla.errors import Problem
from leadsla.sla.engine_facts import EngineAnswers, engine_problems
from leadsla.sla.load import LoadedSla


def _ask(patterns: Sequence[str]) -> EngineAnswers:
    from leadsla.engine.probe import ask

    return ask(patterns)


def engine_load_problems(loaded: LoadedSla) -> list[Problem]:
    return engine_problems(loaded, _ask)

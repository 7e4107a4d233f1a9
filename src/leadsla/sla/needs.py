"""Which export fields a command needs, following derived fields back to what they read."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from leadsla.sla.conditions import leaves
from leadsla.sla.load import LoadedSla
from leadsla.sla.semantics import DERIVED, iter_conditions
from leadsla.sla.yamlload import dotted

SCORING_FIELDS = frozenset({"fit", "engagement", "score", "grade"})
OPTIONAL_FIELDS = ("id", "email", "owner")
"""Read when the export has them: id falls back to email, then the line; owner to (unassigned)."""


@dataclass(frozen=True)
class Need:
    field: str
    header: str
    used_at: str
    required: bool


def _section_of(path: tuple[str | int, ...]) -> str:
    return str(path[0])


def sections_for(loaded: LoadedSla, base: Iterable[str], *, rules: Iterable[str] = ()) -> set[str]:
    """The SLA sections a command evaluates: `base`, plus what their conditions derive from."""
    sla = loaded.sla
    wanted = set(base)
    changed = True
    while changed:
        changed = False
        for path, cond, _phase in iter_conditions(sla):
            if _section_of(path) not in wanted:
                continue
            for leaf in leaves(cond):
                extra: set[str] = set()
                if leaf.field in SCORING_FIELDS:
                    extra = {"scoring"}
                elif leaf.field == "qualification":
                    extra = {"scoring", "qualification"}
                elif leaf.field == "funnel_stage":
                    extra = {"funnel"}
                if not extra <= wanted:
                    wanted |= extra
                    changed = True
    return wanted


def needed_fields(loaded: LoadedSla, sections: set[str], extra: Iterable[str] = ()) -> list[Need]:
    """Every export field the given sections read, with the first place it is used."""
    columns = loaded.sla.leads.columns
    found: dict[str, str] = {}
    for name, uses in loaded.types.uses.items():
        if name in DERIVED:
            continue
        for use in uses:
            if _section_of(use.path) in sections:
                line = loaded.line_of(use.path)
                found.setdefault(name, f"{dotted(use.path)}, {loaded.display} line {line}")
                break
    needs = [Need(f, columns.get(f, f), where, True) for f, where in found.items()]
    for f in extra:
        if f not in found:
            needs.append(Need(f, columns.get(f, f), "the command line", True))
    for f in OPTIONAL_FIELDS:
        if f not in found and f not in extra:
            needs.append(Need(f, columns.get(f, f), "identity", False))
    return needs

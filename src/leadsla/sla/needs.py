"""Which export fields a command needs, following derived fields back to what they read."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

from leadsla.messages import say
from leadsla.sla.conditions import leaves, suggest
from leadsla.sla.load import LoadedSla
from leadsla.sla.semantics import DERIVED, Finding, iter_conditions
from leadsla.sla.yamlload import dotted

SCORING_FIELDS = frozenset({"fit", "engagement", "score", "grade"})
ALL_SECTIONS = frozenset({"scoring", "qualification", "funnel", "follow_up", "goals"})
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
                found.setdefault(name, _at(dotted(use.path), loaded.display, line))
                break
    needs = [Need(f, columns.get(f, f), where, True) for f, where in found.items()]
    for f in extra:
        if f not in found:
            # i18n: where a field is used, with its preposition: "(used at the command line)"
            needs.append(Need(f, columns.get(f, f), say("at the command line"), True))
    for f in OPTIONAL_FIELDS:
        if f not in found and f not in extra:
            # Optional while the SLA leaves it to a header written like the field. A header
            # the SLA names and the export lacks is a broken mapping that would change every
            # result without a word: a renamed id column turns every id into an e-mail, a
            # renamed owner column makes every lead (unassigned). The e-mail matters then
            # only as the id (when the SLA names no id column).
            named = f in columns and (f != "email" or "id" not in columns)
            path = ("leads", "columns", f)
            where = (
                _at(dotted(path), loaded.display, loaded.line_of(path))
                if named
                # i18n: where a field is used, with its preposition: "(used at identity)",
                # the lead's identity (its id or e-mail)
                else say("at identity")
            )
            needs.append(Need(f, columns.get(f, f), where, named))
    return needs


def command_line_fields(loaded: LoadedSla, extra: Iterable[str]) -> list[str]:
    """The fields of `extra` (the command line's own, such as `report --by`) that the SLA
    does not read itself: read for the command, but not part of the row account."""
    sla_fields = {n.field for n in needed_fields(loaded, set(ALL_SECTIONS))}
    return [f for f in extra if f not in sla_fields]


def read_plan(
    loaded: LoadedSla, sections: set[str], extra: Iterable[str] = ()
) -> tuple[list[Need], set[str]]:
    """What every data command reads: every field the SLA uses (one account of the export,
    whatever the command), required only where `sections` use it (a missing column is an error
    only for the commands that need it), and the `extra` fields of the command line. Returns
    the needs and the fields the command itself uses."""
    own = needed_fields(loaded, sections, extra)
    used = {n.field for n in own if n.required}
    by_field = {n.field: n for n in own}
    plan: list[Need] = []
    for n in needed_fields(loaded, set(ALL_SECTIONS)):
        mine = by_field.pop(n.field, None)
        plan.append(mine if mine is not None and mine.required else replace(n, required=False))
    plan.extend(by_field.values())  # the command line's own fields (report --by)
    return plan, used


def _at(path: str, sla: str, line: int) -> str:
    """Where the SLA uses a field, with its preposition: `at follow_up[0].start, sla.yaml line
    21` (each kind of place is a whole phrase: Portuguese says `em …` but `na linha de comando`)."""
    # i18n: where a field is used, with its preposition: "(used at scoring.fit..., sla.yaml line 9)"
    return say("at {path}, {sla} line {line}", path=path, sla=sla, line=line)


def start_fields(loaded: LoadedSla) -> list[tuple[str, str, str]]:
    """(field, what uses it, what a blank field means) for the timestamps that start the
    clock of a follow-up rule or make a goal's cohort: blank in every row, they judge nothing."""
    sla = loaded.sla
    out: list[tuple[str, str, str]] = []
    for i, f in enumerate(sla.follow_up or []):
        out.append((f.start, f"follow_up[{i}].start (`{f.id}`)", say("the rule never starts")))
    for i, g in enumerate(sla.goals.targets if sla.goals else []):
        for key, name in (("of", g.of), ("from", g.from_)):
            if name:
                out.append(
                    (name, f"goals.targets[{i}].{key} (`{g.id}`)", say("the goal counts no lead"))
                )
    return out


def unknown_limit_fields(loaded: LoadedSla) -> list[Finding]:
    """`leads.max_unreadable` entries for fields the SLA does not read, or reads as text (whose
    cells are always readable): a typo would leave the field at the default."""
    types = {**dict.fromkeys(OPTIONAL_FIELDS, "text"), **loaded.types.types}
    out: list[Finding] = []
    for name, _share in loaded.sla.leads.max_unreadable.fields:
        path = ("leads", "max_unreadable", name)
        if name not in types:
            known = [f for f, t in types.items() if t != "text"]
            out.append(
                Finding(
                    path,
                    f"`{name}` is not a field the SLA reads{suggest(name, known)}; "
                    "this limit applies to no field",
                    "max-unreadable-field",
                    level="warning",
                    at_key=True,
                )
            )
        elif types[name] == "text":
            out.append(
                Finding(
                    path,
                    f"`{name}` is read as text, and text is always readable; this limit has no effect",
                    "max-unreadable-field",
                    level="warning",
                    at_key=True,
                )
            )
    return out

"""Load-time meaning checks: field types from use, derived fields, ids, clocks, thresholds."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from leadsla.sla.conditions import (
    EQUALITY_OPERATORS,
    OPERATOR_TYPE,
    Condition,
    FieldType,
    leaves,
    suggest,
)
from leadsla.sla.models import TIME_METRICS, Goal, Sla
from leadsla.sla.yamlload import Path

DERIVED: dict[str, FieldType] = {
    "fit": "number",
    "engagement": "number",
    "score": "number",
    "grade": "text",
    "qualification": "text",
    "funnel_stage": "text",
}
QUALIFICATIONS = ("mql", "not_qualified", "disqualified")
FALLBACK_GRADE = "D"

# Which derived fields exist where conditions are evaluated (SPEC §1 "Conditions").
SCORING_PHASE = frozenset({"funnel_stage"})
QUALIFICATION_PHASE = frozenset({"fit", "engagement", "score", "grade", "funnel_stage"})
ALL_PHASE = frozenset(DERIVED)


@dataclass(frozen=True)
class Finding:
    """A semantic problem at a document path (turned into a Problem with line:col later)."""

    path: Path
    message: str
    code: str
    level: str = "error"
    at_key: bool = False


@dataclass(frozen=True)
class Use:
    field: str
    type: FieldType | None
    """None for `eq ne in not_in` and `present`: they take the type of other uses."""
    value_type: FieldType | None
    path: Path
    what: str


@dataclass
class FieldTypes:
    """The type of every field the SLA reads from the export, and where it is used."""

    types: dict[str, FieldType] = field(default_factory=dict)
    uses: dict[str, list[Use]] = field(default_factory=dict)


def iter_conditions(sla: Sla) -> Iterator[tuple[Path, Condition, frozenset[str]]]:
    """Every condition of the SLA with its path and the derived fields that exist there."""
    if sla.scoring and sla.scoring.fit:
        for i, r in enumerate(sla.scoring.fit.rules):
            if r.when is not None:
                yield ("scoring", "fit", "rules", i, "when"), r.when, SCORING_PHASE
    if sla.scoring and sla.scoring.engagement:
        for i, r in enumerate(sla.scoring.engagement.rules):
            if r.when is not None:
                yield ("scoring", "engagement", "rules", i, "when"), r.when, SCORING_PHASE
    if sla.qualification:
        for i, d in enumerate(sla.qualification.disqualify):
            yield ("qualification", "disqualify", i, "when"), d.when, QUALIFICATION_PHASE
        if sla.qualification.mql is not None:
            yield ("qualification", "mql"), sla.qualification.mql, QUALIFICATION_PHASE
    for i, f in enumerate(sla.follow_up or []):
        if f.when is not None:
            yield ("follow_up", i, "when"), f.when, ALL_PHASE
        for j, t in enumerate(f.tiers):
            yield ("follow_up", i, "tiers", j, "when"), t.when, ALL_PHASE
    if sla.goals:
        for i, g in enumerate(sla.goals.targets):
            if g.where is not None:
                yield ("goals", "targets", i, "where"), g.where, ALL_PHASE


def _value_type(value: object) -> FieldType:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    return "text"


def field_references(sla: Sla) -> Iterator[tuple[str, FieldType, Path, str]]:
    """Fields named outside conditions: (field, type it must have, path, what uses it)."""
    if sla.scoring:
        for part in ("fit", "engagement"):
            section = getattr(sla.scoring, part)
            for i, r in enumerate(section.rules if section else []):
                if r.per:
                    yield r.per, "number", ("scoring", part, "rules", i, "per"), "`per`"
        eng = sla.scoring.engagement
        if eng and eng.decay:
            yield (
                eng.decay.since,
                "timestamp",
                ("scoring", "engagement", "decay", "since"),
                "`decay.since`",
            )
    if sla.funnel:
        if sla.funnel.stage_field:
            yield sla.funnel.stage_field, "text", ("funnel", "stage_field"), "`stage_field`"
        for i, stage in enumerate(sla.funnel.stages):
            yield stage.entered, "timestamp", ("funnel", "stages", i, "entered"), "`entered`"
            if stage.reason:
                yield stage.reason, "text", ("funnel", "stages", i, "reason"), "`reason`"
    for i, f in enumerate(sla.follow_up or []):
        yield f.start, "timestamp", ("follow_up", i, "start"), "`start`"
        for j, s in enumerate(f.stop):
            yield s, "timestamp", ("follow_up", i, "stop", j), "`stop`"
    if sla.goals:
        for i, g in enumerate(sla.goals.targets):
            for attr, key in (("of", "of"), ("from_", "from"), ("to", "to")):
                name = getattr(g, attr)
                if name:
                    yield name, "timestamp", ("goals", "targets", i, key), f"`{key}`"


def _describe(use: Use) -> str:
    return use.what


def infer_types(sla: Sla, findings: list[Finding], line_of: dict[Path, int]) -> FieldTypes:
    """Each export field's type: `leads.types`, else its strict uses, else its values."""
    result = FieldTypes()
    declared = dict(sla.leads.types)
    for name in declared:
        if name in DERIVED:
            findings.append(
                Finding(
                    ("leads", "types", name),
                    f"`{name}` is derived by leadsla, not read from the export",
                    "reserved",
                    at_key=True,
                )
            )
    for name in sla.leads.columns:
        if name in DERIVED:
            findings.append(
                Finding(
                    ("leads", "columns", name),
                    f"`{name}` is derived by leadsla, not read from the export",
                    "reserved",
                    at_key=True,
                )
            )

    uses: dict[str, list[Use]] = {}
    for fname, ftype, path, what in field_references(sla):
        if fname in DERIVED:
            findings.append(
                Finding(
                    path,
                    f"`{fname}` is derived by leadsla; {what} needs a column of the export",
                    "reserved",
                )
            )
            continue
        uses.setdefault(fname, []).append(Use(fname, ftype, None, path, what))
    for i, g in enumerate(sla.goals.targets if sla.goals else []):
        if g.for_each and g.for_each not in DERIVED:
            # read as text whatever other uses say: a use without a type of its own
            path = ("goals", "targets", i, "for_each")
            uses.setdefault(g.for_each, []).append(Use(g.for_each, None, None, path, "`for_each`"))
    for path, cond, _phase in iter_conditions(sla):
        for leaf in leaves(cond):
            where = (*path, *leaf.subpath, leaf.op)
            strict = OPERATOR_TYPE.get(leaf.op)
            vtype: FieldType | None = None
            if leaf.op in EQUALITY_OPERATORS:
                values = leaf.value if isinstance(leaf.value, tuple) else (leaf.value,)
                vtype = _value_type(values[0])
            uses.setdefault(leaf.field, []).append(
                Use(leaf.field, strict, vtype, where, f"`{leaf.op}`")
            )

    for name, field_uses in uses.items():
        result.uses[name] = field_uses
        if name in DERIVED:
            _check_derived_uses(name, field_uses, findings)
            continue
        ftype = _resolve(name, field_uses, declared.get(name), findings, line_of)
        result.types[name] = ftype
    for name, t in declared.items():
        result.types.setdefault(name, t)
    return result


def _resolve(
    name: str,
    field_uses: list[Use],
    declared: FieldType | None,
    findings: list[Finding],
    line_of: dict[Path, int],
) -> FieldType:
    def place(u: Use) -> str:
        line = line_of.get(u.path)
        return f"{u.what} at line {line}" if line else u.what

    strict = [u for u in field_uses if u.type is not None]
    if declared:
        for u in strict:
            if u.type != declared:
                findings.append(
                    Finding(
                        u.path,
                        f"{u.what} needs `{name}` to be {_a(u.type)}, but leads.types declares it {_a(declared)}",
                        "type-conflict",
                    )
                )
        chosen: FieldType = declared
    elif strict:
        first = strict[0]
        chosen = first.type  # type: ignore[assignment]
        for u in strict[1:]:
            if u.type != chosen:
                findings.append(
                    Finding(
                        u.path,
                        f"field `{name}` is used as {_a(u.type)} here ({u.what}) and as {_a(chosen)} by {place(first)}; "
                        "declare its type in leads.types or use one kind of operator",
                        "type-conflict",
                    )
                )
    else:
        flexible = [u for u in field_uses if u.value_type is not None]
        chosen = flexible[0].value_type if flexible else "text"  # type: ignore[assignment]
        for u in flexible[1:]:
            if u.value_type != chosen:
                findings.append(
                    Finding(
                        u.path,
                        f"field `{name}` is compared with {_a(u.value_type)} value here and with {_a(chosen)} value by "
                        f"{place(flexible[0])}; quote numbers to compare as text, or declare the type in leads.types",
                        "type-conflict",
                    )
                )
        return chosen
    for u in field_uses:
        if u.value_type is None or u.value_type == chosen:
            continue
        # a plain number compared with a text field is read as its text (`eq: 12345` on a zip code)
        if chosen == "text" and u.value_type == "number":
            continue
        findings.append(
            Finding(
                u.path,
                f"{u.what} compares `{name}` with {_a(u.value_type)} value, but `{name}` is {_a(chosen)}"
                + (f" ({place(strict[0])})" if strict else " (leads.types)"),
                "type-conflict",
            )
        )
    return chosen


def _a(t: FieldType | None) -> str:
    return {
        "text": "text",
        "number": "a number",
        "boolean": "a yes/no",
        "timestamp": "a timestamp",
    }.get(t or "", "?")


def _check_derived_uses(name: str, field_uses: list[Use], findings: list[Finding]) -> None:
    dtype = DERIVED[name]
    for u in field_uses:
        if u.type is not None and u.type != dtype:
            findings.append(
                Finding(
                    u.path, f"`{name}` is {_a(dtype)}; {u.what} needs {_a(u.type)}", "type-conflict"
                )
            )
        elif (
            u.value_type is not None
            and u.value_type != dtype
            and not (dtype == "text" and u.value_type == "number")
        ):
            findings.append(
                Finding(
                    u.path,
                    f"`{name}` is {_a(dtype)}; compare it with {_a(dtype)} value",
                    "type-conflict",
                )
            )


def check_phases(sla: Sla, findings: list[Finding]) -> None:
    """Derived fields used before they exist, and values no derived field can take."""
    stage_ids = [s.id for s in sla.funnel.stages] if sla.funnel else []
    for path, cond, phase in iter_conditions(sla):
        for leaf in leaves(cond):
            where = (*path, *leaf.subpath, "field")
            if leaf.field in DERIVED and leaf.field not in phase:
                section = "scoring rules" if phase is SCORING_PHASE else "qualification rules"
                findings.append(
                    Finding(
                        where,
                        f"`{leaf.field}` does not exist yet in {section}: it is computed after them",
                        "derived-too-early",
                    )
                )
            if leaf.field == "funnel_stage" and sla.funnel is None:
                findings.append(
                    Finding(where, "`funnel_stage` needs a `funnel` section", "no-funnel")
                )
            # Without a funnel, the error above says it all: no "is never" per value.
            if leaf.op in ("eq", "ne", "in", "not_in") and (
                leaf.field == "qualification"
                or (leaf.field == "funnel_stage" and sla.funnel is not None)
            ):
                allowed = list(QUALIFICATIONS) if leaf.field == "qualification" else stage_ids
                values = leaf.value if isinstance(leaf.value, tuple) else (leaf.value,)
                for v in values:
                    if str(v).strip().lower() not in [a.lower() for a in allowed]:
                        findings.append(
                            Finding(
                                (*path, *leaf.subpath, leaf.op),
                                f"`{leaf.field}` is never `{v}`{suggest(str(v), allowed)}; it is one of {', '.join(allowed) or '(no stages)'}",
                                "unknown-value",
                            )
                        )


def check_structure(sla: Sla, findings: list[Finding]) -> None:
    """Ids, stages, grade thresholds, clocks and metric fields."""
    _check_grades(sla, findings)
    _check_funnel(sla, findings)
    _check_follow_ups(sla, findings)
    _check_goals(sla, findings)
    _check_days_off(sla, findings)


def _check_days_off(sla: Sla, findings: list[Finding]) -> None:
    """A day both taken off (`include`) and worked (`exclude`) says two things; the calendar
    would silently keep one, so the reader is told which date and left to choose."""
    holidays = sla.calendar.holidays if sla.calendar else None
    if holidays is None:
        return
    taken = holidays.days_off()
    for i, day in enumerate(holidays.exclude):
        if day in taken:
            findings.append(
                Finding(
                    ("calendar", "holidays", "exclude", i),
                    f"`{day.isoformat()}` is both in `include` (a company day off) and in "
                    "`exclude` (a holiday the company works); keep it in one of them",
                    "day-off-contradiction",
                )
            )


def _check_grades(sla: Sla, findings: list[Finding]) -> None:
    if not (sla.scoring and sla.scoring.fit):
        return
    grades = sla.scoring.fit.grades
    previous: tuple[str, float] | None = None
    for label, threshold in grades.items():
        path = ("scoring", "fit", "grades", label)
        if label == FALLBACK_GRADE:
            findings.append(
                Finding(
                    path,
                    f"`{FALLBACK_GRADE}` is the grade of leads below every threshold; do not give it one",
                    "grades",
                    at_key=True,
                )
            )
        if previous and threshold >= previous[1]:
            findings.append(
                Finding(
                    path,
                    f"grade thresholds must fall strictly from the first down: `{label}: {threshold:g}` is not below `{previous[0]}: {previous[1]:g}`",
                    "grades",
                )
            )
        previous = (label, threshold)


def _check_funnel(sla: Sla, findings: list[Finding]) -> None:
    if not sla.funnel:
        return
    seen_ids: dict[str, int] = {}
    seen_entered: dict[str, int] = {}
    for i, s in enumerate(sla.funnel.stages):
        if s.id in seen_ids:
            findings.append(
                Finding(
                    ("funnel", "stages", i, "id"),
                    f"stage id `{s.id}` is used twice (stages[{seen_ids[s.id]}])",
                    "duplicate-id",
                )
            )
        seen_ids.setdefault(s.id, i)
        if s.entered in seen_entered:
            findings.append(
                Finding(
                    ("funnel", "stages", i, "entered"),
                    f"`{s.entered}` is already the `entered` field of stage `{sla.funnel.stages[seen_entered[s.entered]].id}`; each stage needs its own",
                    "shared-entered",
                )
            )
        seen_entered.setdefault(s.entered, i)
        if s.reason and not s.outcome:
            findings.append(
                Finding(
                    ("funnel", "stages", i, "reason"),
                    "`reason` belongs to an exit (a stage with `outcome`)",
                    "reason",
                )
            )
    steps = [s.id for s in sla.funnel.stages if not s.outcome]
    handoff = sla.funnel.handoff
    if handoff not in seen_ids:
        findings.append(
            Finding(
                ("funnel", "handoff"),
                f"`{handoff}` is not a stage{suggest(handoff, list(seen_ids))}",
                "unknown-stage",
            )
        )
    elif handoff not in steps:
        findings.append(
            Finding(
                ("funnel", "handoff"),
                f"`{handoff}` is an exit (`outcome`); the hand-off is a step",
                "unknown-stage",
            )
        )


def _check_follow_ups(sla: Sla, findings: list[Finding]) -> None:
    seen: dict[str, int] = {}
    for i, f in enumerate(sla.follow_up or []):
        if f.id in seen:
            findings.append(
                Finding(
                    ("follow_up", i, "id"),
                    f"follow-up id `{f.id}` is used twice (follow_up[{seen[f.id]}])",
                    "duplicate-id",
                )
            )
        seen.setdefault(f.id, i)
        if f.clock == "business":
            for path, d in [(("follow_up", i, "within"), f.within)] + [
                (("follow_up", i, "tiers", j, "within"), t.within) for j, t in enumerate(f.tiers)
            ]:
                problem = d.business_problem()
                if problem:
                    findings.append(Finding(path, problem, "business-clock"))
            if f.at_risk and f.at_risk.left and f.at_risk.left.has_days:
                findings.append(
                    Finding(
                        ("follow_up", i, "at_risk"),
                        f"`{f.at_risk.text}`: on the business clock a time left is in `m` and `h`",
                        "business-clock",
                    )
                )
        if f.start in f.stop:
            findings.append(
                Finding(
                    ("follow_up", i, "stop", f.stop.index(f.start)),
                    f"`{f.start}` both starts and stops the clock",
                    "stop",
                )
            )


_METRIC_FIELDS = {
    "count": ({"of"}, {"of"}),
    "conversion": ({"from", "to"}, {"from", "to", "within", "clock"}),
    "compliance": ({"follow_up"}, {"follow_up"}),
    **{m: ({"from", "to"}, {"from", "to", "clock"}) for m in TIME_METRICS},
}
_TARGET_KIND = {
    "count": "number",
    "conversion": "share",
    "compliance": "share",
    **dict.fromkeys(TIME_METRICS, "duration"),
}
_KIND_EXAMPLE = {"number": '">= 50"', "share": '">= 25%"', "duration": '"<= 4h"'}


def _check_goals(sla: Sla, findings: list[Finding]) -> None:
    if not sla.goals:
        return
    rule_ids = [f.id for f in sla.follow_up or []]
    seen: dict[str, int] = {}
    for i, g in enumerate(sla.goals.targets):
        base = ("goals", "targets", i)
        if g.id in seen:
            findings.append(
                Finding(
                    (*base, "id"),
                    f"goal id `{g.id}` is used twice (targets[{seen[g.id]}])",
                    "duplicate-id",
                )
            )
        seen.setdefault(g.id, i)
        required, allowed = _METRIC_FIELDS[g.metric]
        present = {
            k
            for k, v in (
                ("of", g.of),
                ("from", g.from_),
                ("to", g.to),
                ("within", g.within),
                ("clock", g.clock),
                ("follow_up", g.follow_up),
            )
            if v is not None
        }
        for key in sorted(required - present):
            findings.append(Finding(base, f"a `{g.metric}` goal needs `{key}`", "goal-fields"))
        for key in sorted(present - allowed):
            findings.append(
                Finding(
                    (*base, key),
                    f"`{key}` has no meaning for a `{g.metric}` goal",
                    "goal-fields",
                    at_key=True,
                )
            )
        if g.follow_up is not None and g.follow_up not in rule_ids:
            findings.append(
                Finding(
                    (*base, "follow_up"),
                    f"no follow-up rule has id `{g.follow_up}`{suggest(g.follow_up, rule_ids)}",
                    "unknown-follow-up",
                )
            )
        kind = _TARGET_KIND[g.metric]
        if g.target.kind != kind:
            findings.append(
                Finding(
                    (*base, "target"),
                    f"a `{g.metric}` target is {kind.replace('share', 'a share')}, e.g. {_KIND_EXAMPLE[kind]}",
                    "target",
                )
            )
        elif (
            kind == "duration"
            and (g.clock or "business") == "business"
            and g.target.duration
            and g.target.duration.has_days
        ):
            findings.append(
                Finding(
                    (*base, "target"),
                    f"`{g.target.text}`: on the business clock a time target is in `m` and `h` (or say `clock: calendar`)",
                    "business-clock",
                )
            )
        _check_for_each(sla, g, base, kind, findings)
        if g.metric == "conversion" and g.within is not None and g.clock == "business":
            problem = g.within.business_problem()
            if problem:
                findings.append(Finding((*base, "within"), problem, "business-clock"))


_DERIVED_SECTION = {
    "fit": "scoring",
    "engagement": "scoring",
    "score": "scoring",
    "grade": "scoring",
    "qualification": "qualification",
    "funnel_stage": "funnel",
}


def _check_for_each(sla: Sla, g: Goal, base: Path, kind: str, findings: list[Finding]) -> None:
    """`for_each` names a field that exists; `overrides` need it, and their targets the goal's kind."""
    if g.overrides is not None and g.for_each is None:
        findings.append(
            Finding(
                (*base, "overrides"),
                "`overrides` set targets per value of `for_each`; add `for_each: FIELD` "
                "(e.g. `for_each: owner`) or remove them",
                "goal-fields",
                at_key=True,
            )
        )
    if g.for_each in _DERIVED_SECTION:
        section = _DERIVED_SECTION[g.for_each]
        if getattr(sla, section) is None:
            findings.append(
                Finding(
                    (*base, "for_each"),
                    f"`{g.for_each}` needs a `{section}` section",
                    "goal-fields",
                )
            )
    seen: dict[str, str] = {}
    for value, target in (g.overrides or {}).items():
        key = value.strip().casefold()
        if key in seen:
            findings.append(
                Finding(
                    (*base, "overrides", value),
                    f"`{value}` is the same value as `{seen[key]}` (values are compared "
                    "ignoring case and surrounding spaces)",
                    "duplicate-id",
                    at_key=True,
                )
            )
        seen.setdefault(key, value)
        if target.kind != kind:
            findings.append(
                Finding(
                    (*base, "overrides", value),
                    f"a `{g.metric}` target is {kind.replace('share', 'a share')}, e.g. {_KIND_EXAMPLE[kind]}",
                    "target",
                )
            )

"""Warnings about a valid SLA: thresholds no lead can reach, overdue reviews, duplicate rules."""

from __future__ import annotations

import math
from datetime import datetime, timedelta

from leadsla.errors import Problem
from leadsla.sla.conditions import (
    AllCondition,
    AnyCondition,
    Condition,
    FieldCondition,
    NotCondition,
    leaves,
)
from leadsla.sla.load import LoadedSla
from leadsla.sla.models import Rule, Sla
from leadsla.sla.semantics import FALLBACK_GRADE, Finding, iter_conditions


def _max_contribution(rule: Rule) -> float:
    """The most a rule can add (inf when a `per` rule has no cap)."""
    if rule.per:
        if rule.cap is not None:
            return rule.cap if rule.points else 0.0
        return math.inf if rule.points else 0.0
    best = max(rule.points, 0.0)
    return min(best, rule.cap) if rule.cap is not None else best


def max_fit(sla: Sla) -> float:
    if not (sla.scoring and sla.scoring.fit):
        return 0.0
    return sum(_max_contribution(r) for r in sla.scoring.fit.rules)


def max_engagement(sla: Sla) -> float:
    eng = sla.scoring.engagement if sla.scoring else None
    if eng is None:
        return 0.0
    total = sum(_max_contribution(r) for r in eng.rules)
    return min(total, eng.cap) if eng.cap is not None else total


def reachable_grades(sla: Sla) -> set[str]:
    if not (sla.scoring and sla.scoring.fit):
        return {FALLBACK_GRADE}
    top = max_fit(sla)
    return {g for g, t in sla.scoring.fit.grades.items() if t <= top} | {FALLBACK_GRADE}


def _can_hold(cond: Condition, maxima: dict[str, float], grades: set[str]) -> bool:
    """False only when `cond` provably cannot hold for any lead."""
    if isinstance(cond, AllCondition):
        return all(_can_hold(c, maxima, grades) for c in cond.items)
    if isinstance(cond, AnyCondition):
        return any(_can_hold(c, maxima, grades) for c in cond.items)
    if isinstance(cond, NotCondition):
        return True
    return _leaf_can_hold(cond, maxima, grades)


def _leaf_can_hold(leaf: FieldCondition, maxima: dict[str, float], grades: set[str]) -> bool:
    if leaf.field in maxima:
        top = maxima[leaf.field]
        if leaf.op == "gt":
            return bool(top > leaf.value)
        if leaf.op == "gte":
            return bool(top >= leaf.value)
        if leaf.op == "between":
            return bool(top >= leaf.value[0])
        if leaf.op == "eq" and isinstance(leaf.value, (int, float)):
            return bool(top >= leaf.value)
    if leaf.field == "grade":
        if leaf.op == "eq":
            return str(leaf.value).strip().upper() in {g.upper() for g in grades}
        if leaf.op == "in":
            return any(str(v).strip().upper() in {g.upper() for g in grades} for v in leaf.value)
    return True


def lint(loaded: LoadedSla, as_of: datetime) -> list[Problem]:
    """Warnings for a valid SLA, in file order."""
    sla = loaded.sla
    findings: list[Finding] = []
    _unreachable(sla, findings)
    _duplicate_rules(sla, findings)
    _review(sla, as_of, findings)
    _teams(sla, findings)
    _clock_needs_calendar(sla, findings)
    problems = [loaded.problem(f) for f in findings]
    return sorted(problems, key=lambda p: (p.line, p.column))


def _warn(path: tuple[str | int, ...], message: str, code: str, at_key: bool = False) -> Finding:
    return Finding(path, message, code, level="warning", at_key=at_key)


def _unreachable(sla: Sla, findings: list[Finding]) -> None:
    fit_top, eng_top = max_fit(sla), max_engagement(sla)
    maxima = {"fit": fit_top, "engagement": eng_top, "score": fit_top + eng_top}
    grades = reachable_grades(sla)
    if sla.scoring and sla.scoring.fit:
        for label, threshold in sla.scoring.fit.grades.items():
            if threshold > fit_top:
                findings.append(
                    _warn(
                        ("scoring", "fit", "grades", label),
                        f"no lead can reach grade {label}: it needs fit {threshold:g}, and the fit rules add up to at most {fit_top:g}",
                        "unreachable-grade",
                    )
                )
    qual = sla.qualification
    if qual and qual.mql is not None and not _can_hold(qual.mql, maxima, grades):
        findings.append(
            _warn(
                ("qualification", "mql"),
                "no lead can be an MQL: the condition asks for more than the scoring rules can give "
                f"(fit at most {fit_top:g}, engagement at most {eng_top:g}, reachable grades {', '.join(sorted(grades))})",
                "unreachable-mql",
            )
        )
    for path, cond, _phase in iter_conditions(sla):
        for leaf in leaves(cond):
            if leaf.field == "grade" and leaf.op in ("eq", "ne", "in", "not_in"):
                values = leaf.value if isinstance(leaf.value, tuple) else (leaf.value,)
                labels = {
                    g.upper()
                    for g in (sla.scoring.fit.grades if sla.scoring and sla.scoring.fit else {})
                }
                labels.add(FALLBACK_GRADE)
                for v in values:
                    if str(v).strip().upper() not in labels:
                        findings.append(
                            _warn(
                                (*path, *leaf.subpath, leaf.op),
                                f"no grade is called `{v}`; grades are {', '.join(sorted(labels))}",
                                "unknown-grade",
                            )
                        )


def _duplicate_rules(sla: Sla, findings: list[Finding]) -> None:
    sections: list[tuple[tuple[str | int, ...], list[Rule]]] = []
    if sla.scoring and sla.scoring.fit:
        sections.append((("scoring", "fit", "rules"), list(sla.scoring.fit.rules)))
    if sla.scoring and sla.scoring.engagement:
        sections.append((("scoring", "engagement", "rules"), list(sla.scoring.engagement.rules)))
    for base, rules in sections:
        seen: dict[tuple[object, ...], int] = {}
        for i, r in enumerate(rules):
            key = (r.when, r.per, r.points, r.cap)
            if key in seen:
                findings.append(
                    _warn(
                        (*base, i),
                        f"rule `{r.name}` has the same condition and points as `{rules[seen[key]].name}`; it counts twice",
                        "duplicate-rule",
                    )
                )
            seen.setdefault(key, i)
    if sla.qualification:
        seen_d: dict[object, int] = {}
        for i, d in enumerate(sla.qualification.disqualify):
            if d.when in seen_d:
                findings.append(
                    _warn(
                        ("qualification", "disqualify", i),
                        f"same condition as disqualify[{seen_d[d.when]}]; this reason is never given",
                        "duplicate-rule",
                    )
                )
            seen_d.setdefault(d.when, i)


def _review(sla: Sla, as_of: datetime, findings: list[Finding]) -> None:
    review = sla.review
    if review is None or review.last_reviewed is None:
        return
    due = review.last_reviewed + timedelta(minutes=review.every.calendar_minutes)
    if as_of.date() > due:
        findings.append(
            _warn(
                ("review", "last_reviewed"),
                f"review overdue: last reviewed {review.last_reviewed.isoformat()}, due every {review.every} (by {due.isoformat()})",
                "review-overdue",
            )
        )


def _teams(sla: Sla, findings: list[Finding]) -> None:
    if not sla.owners:
        return
    teams = list(sla.owners)
    places: list[tuple[tuple[str | int, ...], str | None]] = [
        (("follow_up", i, "owner"), f.owner) for i, f in enumerate(sla.follow_up or [])
    ]
    if sla.goals:
        places += [
            (("goals", "targets", i, "owner"), g.owner) for i, g in enumerate(sla.goals.targets)
        ]
    if sla.funnel:
        places += [
            (("funnel", "stages", i, "owner"), s.owner) for i, s in enumerate(sla.funnel.stages)
        ]
    for path, team in places:
        if team is not None and team not in teams:
            findings.append(
                _warn(
                    path, f"team `{team}` is not in `owners` ({', '.join(teams)})", "unknown-team"
                )
            )


def _clock_needs_calendar(sla: Sla, findings: list[Finding]) -> None:
    if sla.calendar is not None:
        return
    for i, f in enumerate(sla.follow_up or []):
        if f.clock == "business":
            findings.append(
                _warn(
                    ("follow_up", i, "within"),
                    "this deadline is in business time but the SLA has no `calendar`; check-deadlines will refuse it",
                    "no-calendar",
                )
            )

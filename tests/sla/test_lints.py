"""Warnings for valid SLAs: unreachable thresholds, overdue review, duplicates, teams."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from leadsla.errors import Problem
from leadsla.sla.lints import lint
from leadsla.sla.load import load_sla

AS_OF = datetime(2026, 11, 20, 12, tzinfo=UTC)


def warnings(write_sla: Callable[[str], Path], body: str, as_of: datetime = AS_OF) -> list[Problem]:
    return lint(load_sla(write_sla("version: 1\nname: t\n" + body)), as_of)


SCORING = """scoring:
  fit:
    rules:
      - {name: a, when: {field: t, eq: x}, points: 20}
      - {name: b, when: {field: n, gte: 1}, points: 15}
      - {name: c, when: {field: e, ends_with: x}, points: -10}
    grades: {A: %s, B: 30}
  engagement:
    cap: 50
    rules:
      - {name: opens, per: opens, points: 2, cap: 10}
      - {name: demo, when: {field: d, is: true}, points: 40}
"""


def test_unreachable_grade(write_sla: Callable[[str], Path]) -> None:
    [w] = warnings(write_sla, SCORING % 40)
    assert w.level == "warning" and w.where == "scoring.fit.grades.A"
    assert "at most 35" in w.message
    assert warnings(write_sla, SCORING % 35) == []


def test_unreachable_mql(write_sla: Callable[[str], Path]) -> None:
    body = (
        SCORING % 35
        + "qualification:\n  mql: {all: [{field: grade, eq: A}, {field: engagement, gte: 60}]}\n"
    )
    [w] = warnings(write_sla, body)
    assert w.where == "qualification.mql" and "no lead can be an MQL" in w.message
    reachable = (
        SCORING % 35
        + "qualification:\n  mql: {any: [{field: score, gte: 85}, {field: engagement, gte: 60}]}\n"
    )
    assert warnings(write_sla, reachable) == []


def test_mql_needing_unreachable_grade(write_sla: Callable[[str], Path]) -> None:
    body = SCORING % 40 + "qualification:\n  mql: {field: grade, in: [A]}\n"
    assert {w.where for w in warnings(write_sla, body)} == {
        "scoring.fit.grades.A",
        "qualification.mql",
    }


def test_per_rule_without_cap_is_unbounded(write_sla: Callable[[str], Path]) -> None:
    body = (
        "scoring:\n  fit:\n    rules: [{name: p, per: views, points: 1}]\n    grades: {A: 1000}\n"
    )
    assert warnings(write_sla, body) == []


def test_review_overdue_uses_as_of(write_sla: Callable[[str], Path]) -> None:
    body = "review: {every: 90d, last_reviewed: 2026-08-01}\n"
    [w] = warnings(write_sla, body)
    assert "review overdue" in w.message and "2026-10-30" in w.message
    assert warnings(write_sla, body, datetime(2026, 10, 30, 23, tzinfo=UTC)) == []


def test_duplicate_rules(write_sla: Callable[[str], Path]) -> None:
    body = """scoring:
  fit:
    grades: {A: 1}
    rules:
      - {name: one, when: {field: t, matches: ceo}, points: 10}
      - {name: two, when: {field: t, matches: ceo}, points: 10}
      - {name: three, when: {field: t, matches: ceo}, points: 5}
"""
    [w] = warnings(write_sla, body)
    assert w.where == "scoring.fit.rules[1]" and "`one`" in w.message and w.line == 8


def test_unknown_team_and_grade(write_sla: Callable[[str], Path]) -> None:
    body = """owners: {marketing: ana, sales: bruno}
scoring:
  fit: {grades: {A: 1, B: 0}, rules: [{name: a, points: 1}]}
follow_up:
  - {id: a, owner: vendas, when: {field: grade, eq: E}, start: s, stop: [e], within: 1h, clock: calendar}
"""
    found = {(w.where, w.code) for w in warnings(write_sla, body)}
    assert found == {
        ("follow_up[0].owner", "unknown-team"),
        ("follow_up[0].when.eq", "unknown-grade"),
    }


def test_business_clock_without_calendar(write_sla: Callable[[str], Path]) -> None:
    body = "follow_up:\n  - {id: a, owner: s, start: s, stop: [e], within: 4h}\n"
    [w] = warnings(write_sla, body)
    assert w.code == "no-calendar"


def test_examples_are_clean() -> None:
    root = Path(__file__).resolve().parents[2]
    assert lint(load_sla(root / "examples" / "sla.yaml"), AS_OF) == []

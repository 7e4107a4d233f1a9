"""Load-time meaning checks, each reported with its line, column and dotted path."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from leadsla.errors import Problem, SlaInvalid
from leadsla.sla.conditions import AllCondition, FieldCondition
from leadsla.sla.load import LoadedSla, load_sla

HEAD = "version: 1\nname: t\n"


def errors(write_sla: Callable[[str], Path], body: str) -> list[Problem]:
    path = write_sla(HEAD + body)
    with pytest.raises(SlaInvalid) as info:
        load_sla(path)
    return info.value.problems


def ok(write_sla: Callable[[str], Path], body: str) -> LoadedSla:
    return load_sla(write_sla(HEAD + body))


def one(problems: list[Problem]) -> Problem:
    assert len(problems) == 1, [p.text() for p in problems]
    return problems[0]


def test_minimal_sla(write_sla: Callable[[str], Path]) -> None:
    loaded = ok(write_sla, "")
    assert loaded.sla.name == "t" and loaded.sla.scoring is None


def test_missing_required(write_sla: Callable[[str], Path]) -> None:
    path = write_sla("version: 1\n")
    with pytest.raises(SlaInvalid) as info:
        load_sla(path)
    p = one(info.value.problems)
    assert p.where == "name" and "required" in p.message and p.line == 1


def test_version_must_be_1(write_sla: Callable[[str], Path]) -> None:
    path = write_sla("version: 2\nname: x\n")
    with pytest.raises(SlaInvalid) as info:
        load_sla(path)
    p = one(info.value.problems)
    assert (p.line, p.column, p.where) == (1, 10, "version") and "must be 1" in p.message


def test_unknown_key_did_you_mean(write_sla: Callable[[str], Path]) -> None:
    p = one(errors(write_sla, "scoring:\n  fitt: {}\n"))
    assert (p.line, p.column) == (4, 3)
    assert p.where == "scoring.fitt" and "did you mean `fit`" in p.message


def test_operator_typo(write_sla: Callable[[str], Path]) -> None:
    body = """scoring:
  fit:
    grades: {A: 10}
    rules:
      - {name: x, when: {field: size, gtee: 5}, points: 1}
"""
    p = one(errors(write_sla, body))
    assert (p.line, p.column) == (7, 39)
    assert "unknown operator `gtee`" in p.message and "did you mean `gte`" in p.message
    assert p.where == "scoring.fit.rules[0].when.gtee"


def test_nested_condition_position(write_sla: Callable[[str], Path]) -> None:
    body = """qualification:
  mql:
    all:
      - {field: a, eq: x}
      - any:
          - {field: b, between: [9, 1]}
"""
    p = one(errors(write_sla, body))
    assert p.line == 8 and p.where == "qualification.mql.all[1].any[0].between"
    assert "low is above high" in p.message


def test_conditions_parsed_into_values(write_sla: Callable[[str], Path]) -> None:
    loaded = ok(
        write_sla, 'qualification:\n  mql: {all: [{field: a, in: [x, "y"]}, {field: n, gte: 2}]}\n'
    )
    mql = loaded.sla.qualification.mql  # type: ignore[union-attr]
    assert isinstance(mql, AllCondition)
    first, second = mql.items
    assert isinstance(first, FieldCondition) and first.value == ("x", "y")
    assert isinstance(second, FieldCondition) and second.value == 2.0


def test_type_conflict_names_both_places(write_sla: Callable[[str], Path]) -> None:
    body = """scoring:
  fit:
    grades: {A: 10}
    rules:
      - {name: big, when: {field: size, gte: 50}, points: 1}
      - {name: text, when: {field: size, contains: "mil"}, points: 1}
"""
    p = one(errors(write_sla, body))
    assert p.line == 8 and "used as text here" in p.message and "line 7" in p.message


def test_declared_type_wins_and_conflicts_reported(write_sla: Callable[[str], Path]) -> None:
    body = """leads:
  types: {size: text}
qualification:
  mql: {field: size, gte: 5}
"""
    p = one(errors(write_sla, body))
    assert p.line == 6 and "declares it text" in p.message


def test_quoted_value_is_text(write_sla: Callable[[str], Path]) -> None:
    body = """qualification:
  disqualify:
    - {reason: a, when: {field: code, eq: 5}}
    - {reason: b, when: {field: code, eq: "5"}}
"""
    p = one(errors(write_sla, body))
    assert p.line == 6 and "quote numbers" in p.message
    loaded = ok(write_sla, 'qualification:\n  mql: {field: code, eq: "5"}\n')
    assert loaded.types.types["code"] == "text"


def test_types_inferred(write_sla: Callable[[str], Path]) -> None:
    body = """scoring:
  engagement:
    decay: {half_life: 30d, since: seen_at}
    rules:
      - {name: opens, per: opens, points: 1}
      - {name: demo, when: {field: demo, is: true}, points: 1}
      - {name: zip, when: {field: zip, eq: 12345}, points: 1}
      - {name: title, when: {field: title, matches: ceo}, points: 1}
"""
    types = ok(write_sla, body).types.types
    assert types == {
        "seen_at": "timestamp",
        "opens": "number",
        "demo": "boolean",
        "zip": "number",
        "title": "text",
    }


@pytest.mark.parametrize(
    ("body", "fragment"),
    [
        (
            "scoring:\n  fit:\n    grades: {A: 1}\n    rules: [{name: x, when: {field: score, gt: 1}, points: 1}]\n",
            "`score` does not exist yet",
        ),
        (
            "scoring:\n  engagement:\n    rules: [{name: x, when: {field: grade, eq: A}, points: 1}]\n",
            "`grade` does not exist yet",
        ),
        (
            "qualification:\n  mql: {field: qualification, eq: mql}\n",
            "`qualification` does not exist yet",
        ),
    ],
)
def test_derived_field_before_it_exists(
    write_sla: Callable[[str], Path], body: str, fragment: str
) -> None:
    assert fragment in one(errors(write_sla, body)).message


def test_derived_fields_where_they_exist(write_sla: Callable[[str], Path]) -> None:
    body = """qualification:
  mql: {all: [{field: grade, in: [A]}, {field: score, gte: 1}]}
follow_up:
  - {id: a, owner: sales, when: {field: qualification, eq: mql}, start: s, stop: [e], within: 4h, clock: calendar}
"""
    ok(write_sla, body)


def test_derived_field_as_column_refused(write_sla: Callable[[str], Path]) -> None:
    body = (
        "follow_up:\n  - {id: a, owner: s, start: score, stop: [e], within: 1h, clock: calendar}\n"
    )
    assert "derived by leadsla" in one(errors(write_sla, body)).message


def test_unknown_qualification_value(write_sla: Callable[[str], Path]) -> None:
    body = "goals:\n  targets:\n    - {id: g, owner: m, metric: count, of: t, target: '>= 1', where: {field: qualification, eq: disqualifed}}\n"
    assert "did you mean `disqualified`" in one(errors(write_sla, body)).message


def test_grades_must_fall(write_sla: Callable[[str], Path]) -> None:
    p = one(errors(write_sla, "scoring:\n  fit:\n    grades: {A: 50, B: 50, C: 10}\n"))
    assert p.where == "scoring.fit.grades.B" and "fall strictly" in p.message
    assert (p.line, p.column) == (5, 24)


def test_grade_d_reserved(write_sla: Callable[[str], Path]) -> None:
    assert (
        "below every threshold"
        in one(errors(write_sla, "scoring:\n  fit:\n    grades: {A: 5, D: 1}\n")).message
    )


FOLLOW = (
    "follow_up:\n  - {{id: {id}, owner: sales, start: s, stop: [e], within: {within}{extra}}}\n"
)


def test_weeks_on_business_clock(write_sla: Callable[[str], Path]) -> None:
    p = one(errors(write_sla, FOLLOW.format(id="a", within="1w", extra="")))
    assert p.where == "follow_up[0].within" and "weeks" in p.message
    ok(write_sla, FOLLOW.format(id="a", within="1w", extra=", clock: calendar"))


def test_days_and_hours_mixed_on_business_clock(write_sla: Callable[[str], Path]) -> None:
    assert (
        "not both" in one(errors(write_sla, FOLLOW.format(id="a", within="1d4h", extra=""))).message
    )


def test_at_risk_days_on_business_clock(write_sla: Callable[[str], Path]) -> None:
    p = one(errors(write_sla, FOLLOW.format(id="a", within="2d", extra=", at_risk: 1d")))
    assert p.where == "follow_up[0].at_risk"


def test_regex_refused_at_load(write_sla: Callable[[str], Path]) -> None:
    body = "qualification:\n  mql: {field: t, matches: 'ceo(?!x)'}\n"
    p = one(errors(write_sla, body))
    assert p.where == "qualification.mql.matches" and "RE2" in p.message and p.line == 4


def test_duplicate_follow_up_id(write_sla: Callable[[str], Path]) -> None:
    body = (
        FOLLOW.format(id="a", within="1h", extra="")
        + "  - {id: a, owner: sales, start: s, stop: [e], within: 2h}\n"
    )
    p = one(errors(write_sla, body))
    assert p.where == "follow_up[1].id" and p.line == 5


def test_duplicate_goal_id_and_unknown_follow_up(write_sla: Callable[[str], Path]) -> None:
    body = (
        FOLLOW.format(id="first-contact", within="1h", extra="")
        + """goals:
  targets:
    - {id: g, owner: s, metric: count, of: s, target: ">= 1"}
    - {id: g, owner: s, metric: compliance, follow_up: first-contac, target: ">= 90%"}
"""
    )
    problems = errors(write_sla, body)
    messages = " | ".join(p.message for p in problems)
    assert "goal id `g` is used twice" in messages
    assert "no follow-up rule has id `first-contac` (did you mean `first-contact`?)" in messages
    assert all(p.line == 8 for p in problems)


def test_shared_entered(write_sla: Callable[[str], Path]) -> None:
    body = """funnel:
  stages:
    - {id: lead, entered: created_at}
    - {id: mql, entered: created_at}
"""
    p = one(errors(write_sla, body))
    assert (
        p.where == "funnel.stages[1].entered"
        and "already the `entered` field of stage `lead`" in p.message
    )


def test_handoff_must_be_a_step(write_sla: Callable[[str], Path]) -> None:
    body = "funnel:\n  handoff: won\n  stages:\n    - {id: lead, entered: a}\n    - {id: won, entered: b, outcome: won}\n"
    assert "exit" in one(errors(write_sla, body)).message


@pytest.mark.parametrize(
    ("goal", "fragment"),
    [
        ("{id: g, owner: s, metric: count, target: '>= 1'}", "needs `of`"),
        ("{id: g, owner: s, metric: count, of: a, within: 2d, target: '>= 1'}", "no meaning"),
        ("{id: g, owner: s, metric: conversion, from: a, to: b, target: '>= 5'}", "is a share"),
        ("{id: g, owner: s, metric: median_time, from: a, to: b, target: '<= 2d'}", "`m` and `h`"),
        ("{id: g, owner: s, metric: median_time, from: a, to: b, target: '>= 25%'}", "is duration"),
        ("{id: g, owner: s, metric: sum, of: a, target: '>= 1'}", "must be 'count'"),
        ("{id: g, owner: s, metric: count, of: a, target: '> 1'}", "starts with `>=` or `<=`"),
    ],
)
def test_goal_shapes(write_sla: Callable[[str], Path], goal: str, fragment: str) -> None:
    p = one(errors(write_sla, f"goals:\n  targets:\n    - {goal}\n"))
    assert fragment in p.message and p.line == 5


def test_calendar_checks(write_sla: Callable[[str], Path]) -> None:
    p = one(errors(write_sla, "calendar:\n  timezone: America/Sao_Paul\n"))
    assert "did you mean `America/Sao_Paulo`" in p.message
    p = one(errors(write_sla, 'calendar:\n  hours: {mon-fri: "09:00-12:00, 11:00-18:00"}\n'))
    assert "overlaps" in p.message and p.where == "calendar.hours.mon-fri"
    p = one(errors(write_sla, 'calendar:\n  hours: {mon-fri: "18:00-09:00"}\n'))
    assert "ends before it starts" in p.message
    p = one(errors(write_sla, 'calendar:\n  hours: {mon-fri: "09:00-18:00", fri: "09:00-12:00"}\n'))
    assert "twice" in p.message
    p = one(errors(write_sla, 'calendar:\n  overrides: {2026-13-01: ""}\n'))
    assert p.where == "calendar.overrides.2026-13-01" and (p.line, p.column) == (4, 15)


def test_holiday_checks(write_sla: Callable[[str], Path]) -> None:
    p = one(errors(write_sla, "calendar:\n  holidays: {country: BX}\n"))
    assert "not a country" in p.message
    p = one(errors(write_sla, "calendar:\n  holidays: {country: BR, subdivision: XX}\n"))
    assert "not a subdivision of BR" in p.message
    p = one(
        errors(write_sla, "calendar:\n  holidays: {country: BR, categories: [public, pagan]}\n")
    )
    assert p.where == "calendar.holidays.categories[1]"


def test_leads_checks(write_sla: Callable[[str], Path]) -> None:
    assert "unknown encoding" in one(errors(write_sla, "leads: {encoding: klingon}\n")).message
    assert (
        "unknown directive" in one(errors(write_sla, 'leads: {date_formats: ["%d/%Q"]}\n')).message
    )
    p = one(errors(write_sla, 'leads: {delimiter: ":"}\n'))
    assert p.where == "leads.delimiter"


def test_several_errors_reported_at_once(write_sla: Callable[[str], Path]) -> None:
    body = "owners: [a]\nreview: {every: soon}\n"
    problems = errors(write_sla, body)
    assert {p.where for p in problems} == {"owners", "review.every"}

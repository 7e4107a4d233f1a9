"""Numbers, durations and dates an SLA (or --as-of) can hold: finite numbers in DuckDB's DOUBLE,
durations up to 10 years, dates from 1900 to 2099. Anything else is a located load error (or a
usage error for --as-of), never an internal error later (issue 9, case 7)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest

from leadsla.errors import SlaInvalid, UsageError
from leadsla.sla.asof import parse_as_of
from leadsla.sla.durations import parse_duration
from leadsla.sla.load import load_sla

RULE = """
version: 1
name: t
scoring:
  fit:
    rules:
      - name: big
        when: {field: size, gt: VALUE}
        points: 10
"""
NOT_A_NUMBER = "is not a number leadsla can compute with"


def problems(path: Path) -> list[str]:
    with pytest.raises(SlaInvalid) as info:
        load_sla(path)
    return [p.text() for p in info.value.problems]


@pytest.mark.parametrize(
    "value",
    [".nan", ".NaN", ".inf", "-.Inf", "+.INF", "1e400", "-1e309", "1" * 5001, str(10**400)],
    ids=["nan", "NaN", "inf", "-inf", "+INF", "1e400", "-1e309", "5001 digits", "10^400"],
)
def test_a_number_sql_cannot_hold_is_a_located_error(
    value: str, write_sla: Callable[[str], Path]
) -> None:
    path = write_sla(RULE.replace("VALUE", value))
    (message,) = problems(path)
    assert message.startswith(f"{path}:7:33: scoring.fit.rules[0].when.gt: `"), message
    assert NOT_A_NUMBER in message and "quote it" in message
    assert len(message) < 300  # 5,001 digits are not printed back


@pytest.mark.parametrize(
    ("where", "text"),
    [
        ("points", "points: .nan"),
        ("cap", "points: 1\n        cap: .inf"),
        ("grades", "points: 1\n    grades: {A: 1e999}"),
        ("between", "points: 1\n        when: {field: size, between: [0, .inf]}"),
        ("in", "points: 1\n        when: {field: size, in: [1, .nan]}"),
        ("eq", "points: 1\n        when: {field: size, eq: -.inf}"),
    ],
)
def test_every_number_of_the_sla_is_checked(
    where: str, text: str, write_sla: Callable[[str], Path]
) -> None:
    sla = RULE.replace("        when: {field: size, gt: VALUE}\n", "").replace("points: 10", text)
    (message,) = problems(write_sla(sla))
    assert NOT_A_NUMBER in message, where


def test_the_largest_finite_numbers_are_numbers(write_sla: Callable[[str], Path]) -> None:
    for value in ("1.7976931348623157e308", str(10**300), "-1e308", "0x10"):
        load_sla(write_sla(RULE.replace("VALUE", value)))


def test_a_quoted_nan_is_text(write_sla: Callable[[str], Path]) -> None:
    sla = RULE.replace("{field: size, gt: VALUE}", '{field: size, eq: ".nan"}')
    assert load_sla(write_sla(sla)).types.types["size"] == "text"


GOAL = """
version: 1
name: t
goals:
  targets:
    - {id: c, owner: sales, metric: count, of: mql_at, target: "TARGET"}
"""


def test_a_target_beyond_double_is_a_located_error(write_sla: Callable[[str], Path]) -> None:
    path = write_sla(GOAL.replace("TARGET", ">= " + "9" * 400))
    (message,) = problems(path)
    assert message.startswith(f"{path}:5:64: goals.targets[0].target: `>= 999")
    assert "larger than any leadsla can compute with" in message


@pytest.mark.parametrize("text", ["3651d", "99999999999999999999h", "600w", "9" * 5001 + "m"])
def test_durations_longer_than_ten_years_are_refused(text: str) -> None:
    with pytest.raises(ValueError, match="longer than 10 years"):
        parse_duration(text)


def test_a_huge_deadline_is_a_located_error(write_sla: Callable[[str], Path]) -> None:
    sla = """
    version: 1
    name: t
    follow_up:
      - {id: f, owner: sales, start: a, stop: [b], within: 99999999999999999999h}
    """
    (message,) = problems(write_sla(sla))
    assert "follow_up[0].within: `99999999999999999999h` is longer than 10 years" in message


def test_ten_years_is_a_duration() -> None:
    assert parse_duration("3650d").days == 3650


@pytest.mark.parametrize(
    ("line", "where"),
    [
        ("effective: 0001-01-01", "effective"),
        ("effective: 2100-01-01", "effective"),
        ("review: {every: 90d, last_reviewed: 9999-12-31}", "review.last_reviewed"),
        ("calendar: {overrides: {1899-12-31: ''}}", "calendar.overrides.1899-12-31"),
        ("calendar: {holidays: {include: [0001-01-01]}}", "calendar.holidays.include[0]"),
    ],
)
def test_sla_dates_outside_1900_to_2099_are_located_errors(
    line: str, where: str, write_sla: Callable[[str], Path]
) -> None:
    path = write_sla(f"version: 1\nname: t\n{line}\n")
    (message,) = problems(path)
    assert f"{where}: `" in message and "outside the dates leadsla computes with" in message
    assert message.startswith(f"{path}:3:")


@pytest.mark.parametrize(
    "text",
    [
        "0001-01-01",
        "9999-12-31",
        "1899-12-31",
        "2100-01-01",
        "0001-01-01T00:00:00+05:00",  # the year 0 in UTC
        "9999-12-31T23:00:00-05:00",  # the year 10000 in UTC
    ],
)
def test_as_of_outside_1900_to_2099_is_a_usage_error(text: str) -> None:
    with pytest.raises(UsageError, match=r"outside the dates leadsla computes with \(1900-01-01"):
        parse_as_of(text, "America/Sao_Paulo")


@pytest.mark.parametrize("text", ["1900-01-01", "2099-12-31", "2099-12-31T23:59:59-12:00"])
def test_as_of_at_the_edges_is_read(text: str) -> None:
    assert isinstance(parse_as_of(text, "Pacific/Kiritimati"), datetime)

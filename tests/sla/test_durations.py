"""Durations, targets and at_risk values are parsed at load time into typed values."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from leadsla.sla.durations import parse_at_risk, parse_duration, parse_target


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        ("30m", 30),
        ("4h", 240),
        ("1h30m", 90),
        ("2d", 2880),
        ("1w", 10080),
        ("0d", 0),
        ("1w2d3h4m", 13144),
    ],
)
def test_calendar_minutes(text: str, minutes: int) -> None:
    assert parse_duration(text).calendar_minutes == minutes


@pytest.mark.parametrize("text", ["", "4", "h", "4 hours", "1m1h", "1.5h", "-2h", "2dd", "P1D"])
def test_bad_durations(text: str) -> None:
    with pytest.raises(ValueError):
        parse_duration(text)


def test_bare_number_says_unit_missing() -> None:
    with pytest.raises(ValueError, match="no unit"):
        parse_duration(4)


def test_business_clock_rules() -> None:
    assert parse_duration("4h").business_problem() is None
    assert parse_duration("2d").business_problem() is None
    assert "weeks" in (parse_duration("1w").business_problem() or "")
    assert "not both" in (parse_duration("1d4h").business_problem() or "")


@given(st.integers(0, 50), st.integers(0, 50), st.integers(0, 50), st.integers(0, 500))
def test_duration_roundtrip(w: int, d: int, h: int, m: int) -> None:
    text = "".join(f"{n}{u}" for n, u in ((w, "w"), (d, "d"), (h, "h"), (m, "m")) if n) or "0m"
    assert parse_duration(text).calendar_minutes == ((w * 7 + d) * 24 + h) * 60 + m


@pytest.mark.parametrize(
    ("text", "op", "kind", "value"),
    [
        (">= 50", ">=", "number", 50.0),
        ("<=4h", "<=", "duration", 240.0),
        (">= 25%", ">=", "share", 0.25),
        ("  >=  12.5 % ", ">=", "share", 0.125),
        ("<= 1h30m", "<=", "duration", 90.0),
    ],
)
def test_targets(text: str, op: str, kind: str, value: float) -> None:
    t = parse_target(text)
    assert (t.op, t.kind, t.value) == (op, kind, value)


@pytest.mark.parametrize("text", ["50", "> 50", "=> 50", ">= fifty", ">= 150%", ">=", 50, True])
def test_bad_targets(text: object) -> None:
    with pytest.raises(ValueError):
        parse_target(text)


def test_target_met_by() -> None:
    assert parse_target(">= 25%").met_by(0.25) and not parse_target(">= 25%").met_by(0.2499)
    assert parse_target("<= 4h").met_by(240) and not parse_target("<= 4h").met_by(240.01)


def test_at_risk() -> None:
    assert parse_at_risk("75%").share == 0.75
    assert parse_at_risk("1h").left is not None
    for bad in ("0%", "150%", "soon", "x%"):
        with pytest.raises(ValueError):
            parse_at_risk(bad)


@pytest.mark.parametrize(
    ("text", "days", "time", "problem"),
    [
        ("0d", True, False, None),  # "by the close of today", not zero minutes
        ("2d", True, False, None),
        ("0h", False, True, None),
        ("0w", True, False, "weeks"),
        ("0d4h", True, True, "not both"),
        ("1d0m", True, True, "not both"),
    ],
)
def test_units_count_as_written(text: str, days: bool, time: bool, problem: str | None) -> None:
    d = parse_duration(text)
    assert (d.has_days, d.has_time) == (days, time)
    found = d.business_problem()
    assert (found is None) if problem is None else (found is not None and problem in found)

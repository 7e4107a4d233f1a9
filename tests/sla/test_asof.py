"""`--as-of`: the documented ISO 8601 forms only, in the calendar's zone when no offset."""

from __future__ import annotations

from datetime import datetime, time
from zoneinfo import ZoneInfo

import pytest

from leadsla.errors import UsageError
from leadsla.sla.asof import parse_as_of

SP = ZoneInfo("America/Sao_Paulo")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a bare date is the end of that day, in the zone
        ("2026-11-20", datetime.combine(datetime(2026, 11, 20).date(), time.max, SP)),
        ("2026-11-20T12:00", datetime(2026, 11, 20, 12, 0, tzinfo=SP)),
        ("2026-11-20 12:00:30", datetime(2026, 11, 20, 12, 0, 30, tzinfo=SP)),
        ("2026-11-20T12:00:00-03:00", datetime(2026, 11, 20, 12, 0, tzinfo=SP)),
        ("2026-11-20T15:00Z", datetime(2026, 11, 20, 12, 0, tzinfo=SP)),
        ("2026-11-20T15:00:00.5+0000", datetime(2026, 11, 20, 12, 0, 0, 500000, tzinfo=SP)),
        ("  2026-11-20T12:00  ", datetime(2026, 11, 20, 12, 0, tzinfo=SP)),
    ],
)
def test_documented_forms(text: str, expected: datetime) -> None:
    got = parse_as_of(text, "America/Sao_Paulo")
    assert got == expected and got.utcoffset() == expected.utcoffset()


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "20261120",
        "2026-W47",
        "2026-11-20T25:00",
        "2026-02-30",
        "yesterday",
        "1700000000",
    ],
)
def test_other_forms_are_usage_errors(text: str) -> None:
    with pytest.raises(UsageError, match="not an ISO 8601 date or time"):
        parse_as_of(text, "America/Sao_Paulo")


def test_no_as_of_is_now_in_the_zone() -> None:
    before = datetime.now(SP)
    got = parse_as_of(None, "America/Sao_Paulo")
    assert before <= got <= datetime.now(SP) and got.utcoffset() == before.utcoffset()

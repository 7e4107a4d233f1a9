"""Company days off (`calendar.holidays.include`): one clear message for the wrong shape, a
blank name means unnamed, and a day both taken off and worked is a located error."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from leadsla.errors import SlaInvalid
from leadsla.sla.load import load_sla

HEAD = "version: 1\nname: t\ncalendar:\n  holidays:\n    country: BR\n"


def problems(path: Path) -> list[str]:
    with pytest.raises(SlaInvalid) as info:
        load_sla(path)
    return [p.text() for p in info.value.problems]


@pytest.mark.parametrize("value", ["2026-12-24", "Christmas", "5"])
def test_a_scalar_include_is_one_clear_located_error(
    value: str, write_sla: Callable[[str], Path]
) -> None:
    path = write_sla(HEAD + f"    include: {value}\n")
    (message,) = problems(path)
    assert message.startswith(f"{path}:6:14: calendar.holidays.include: ")
    assert "a list of dates or a mapping of date: name" in message
    assert f"got `{value}`" in message
    for internal in ("function-after", "list[", "dict[", "constrained-str", "nullable"):
        assert internal not in message


@pytest.mark.parametrize("name", ['""', "''", '"   "', ""])
def test_a_blank_name_leaves_the_day_unnamed(name: str, write_sla: Callable[[str], Path]) -> None:
    path = write_sla(HEAD + f"    include: {{2026-12-24: {name}, 2026-12-25: ' Natal '}}\n")
    holidays = load_sla(path).sla.calendar.holidays  # type: ignore[union-attr]
    assert holidays is not None
    assert holidays.days_off() == {date(2026, 12, 24): None, date(2026, 12, 25): "Natal"}


def test_a_name_that_is_not_text_is_still_an_error(write_sla: Callable[[str], Path]) -> None:
    (message,) = problems(write_sla(HEAD + "    include: {2026-12-24: [a, b]}\n"))
    assert "calendar.holidays.include.2026-12-24: a day off's name is text" in message


@pytest.mark.parametrize(
    "include", ["[2026-12-31, 2026-12-24]", "{2026-12-24: Véspera, 2026-12-31: }"]
)
def test_a_day_both_included_and_excluded_is_a_located_error(
    include: str, write_sla: Callable[[str], Path]
) -> None:
    path = write_sla(HEAD + f"    include: {include}\n    exclude: [2026-11-20, 2026-12-31]\n")
    (message,) = problems(path)
    assert message.startswith(f"{path}:7:27: calendar.holidays.exclude[1]: `2026-12-31`")
    assert "both in `include`" in message and "`exclude`" in message

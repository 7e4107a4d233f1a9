"""Naive timestamps on the nights clocks change (issue 9, case 12): a wall time the clock shows
twice is read as its first pass, one it skips as the instant the clock jumps, as the calendar
reads its windows (engine/calendar.py `local_to_utc`). Checked in New York (2026) and in São
Paulo on years it still had daylight saving time (2018-2019, when its clocks changed at
midnight), for every `date_formats` kind that makes naive stamps, first in the list and after
another format, against Python's zoneinfo."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from leadsla.data import localtime
from leadsla.data.db import connect
from leadsla.engine.calendar import local_to_utc
from tests.conftest import Cli
from tests.data.support import Reader, values

NY = "America/New_York"
SP = "America/Sao_Paulo"


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)  # type: ignore[misc]


def reference(wall: datetime, zone: str) -> datetime:
    """The rule, from zoneinfo: the first pass of a repeated wall time; for a skipped one the
    first instant whose wall time is not before it (the jump)."""
    tz = ZoneInfo(zone)
    first = wall.replace(tzinfo=tz, fold=0).astimezone(UTC)
    if first.astimezone(tz).replace(tzinfo=None) == wall:
        return first
    lo = wall.replace(tzinfo=tz, fold=1).astimezone(UTC)  # before the jump
    hi = first  # after it
    while hi - lo > timedelta(seconds=1):
        mid = lo + (hi - lo) / 2
        mid = mid.replace(microsecond=0)
        if mid.astimezone(tz).replace(tzinfo=None) >= wall:
            hi = mid
        else:
            lo = mid
    return hi


# The nights: (zone, local day). New York: 8 Mar 2026 skips 02:00-03:00, 1 Nov 2026 repeats
# 01:00-02:00. São Paulo: 4 Nov 2018 skips 00:00-01:00, 16 Feb 2019 repeats 23:00-24:00.
NIGHTS = [
    (NY, date(2026, 3, 8)),
    (NY, date(2026, 11, 1)),
    (SP, date(2018, 11, 4)),
    (SP, date(2019, 2, 16)),
]

# How a wall time is written in each naive kind: (date_formats, strftime of the cell)
KINDS: list[tuple[list[str], str]] = [
    (["iso"], "%Y-%m-%d %H:%M:%S"),
    (["iso"], "%Y-%m-%dT%H:%M"),
    (["%d/%m/%Y %H:%M:%S"], "%d/%m/%Y %H:%M:%S"),  # a pattern with %Y (four digits checked)
    (["%d/%m/%y %H:%M:%S"], "%d/%m/%y %H:%M:%S"),  # patterns without %Y (one call tries all)
    (["%m/%d/%Y %I:%M:%S %p"], "%m/%d/%Y %I:%M:%S %p"),
    # after a format that does not read the cell: the later formats' path
    (["epoch_s", "iso"], "%Y-%m-%d %H:%M:%S"),
    (["%d.%m.%Y", "%d/%m/%Y %H:%M:%S"], "%d/%m/%Y %H:%M:%S"),
    (["iso", "%d/%m/%y %H:%M:%S"], "%d/%m/%y %H:%M:%S"),
]


def _walls(day: date) -> Iterator[datetime]:
    """Every minute of the day and the next one's first hour, and the seconds at the edges of
    each hour (xx:59:59, xx:00:00, xx:00:01)."""
    start = datetime.combine(day, datetime.min.time())
    for minute in range(25 * 60):
        yield start + timedelta(minutes=minute)
    for hour in range(25):
        edge = start + timedelta(hours=hour)
        yield edge - timedelta(seconds=1)
        yield edge + timedelta(seconds=1)


def _read(
    reader: Reader, tmp: Path, cells: list[str], formats: list[str], zone: str
) -> list[datetime | None]:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(["id", "at"])
    writer.writerows([i, c] for i, c in enumerate(cells))
    path = tmp / f"night{reader.count}.csv"
    path.write_text(buf.getvalue(), encoding="utf-8")
    export = reader(
        path, ["id", "at"], types={"at": "timestamp"}, date_formats=formats, timezone=zone
    )
    assert export.accounting.used == len(cells)
    assert export.accounting.unreadable_cells == 0
    return [v for (v,) in values(export, "at")]


@pytest.fixture(scope="module")
def module_reader(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Reader]:
    reader = Reader(tmp_path_factory.mktemp("dst"))
    yield reader
    reader.close()


@pytest.mark.parametrize(("formats", "shape"), KINDS, ids=lambda k: str(k))
@pytest.mark.parametrize(("zone", "day"), NIGHTS, ids=str)
def test_every_wall_time_of_a_changing_night(
    module_reader: Reader, zone: str, day: date, formats: list[str], shape: str
) -> None:
    walls = sorted({w for w in _walls(day) if w.second == 0 or "%S" in shape})
    got = _read(module_reader, module_reader.tmp, [w.strftime(shape) for w in walls], formats, zone)
    wrong = [
        (w, g, reference(w, zone))
        for w, g in zip(walls, got, strict=True)
        if g != reference(w, zone)
    ]
    assert wrong == []


def _changes(zone: str, year: int) -> list[date]:
    """The local days of `year` on which `zone` changes its UTC offset (from zoneinfo)."""
    tz = ZoneInfo(zone)
    day = datetime(year, 1, 1, 12, tzinfo=UTC)
    out = []
    while day.year == year:
        if day.astimezone(tz).utcoffset() != (day + timedelta(days=1)).astimezone(tz).utcoffset():
            for hours in range(0, 48):  # the local day(s) the change happens on
                at = day + timedelta(hours=hours)
                if at.astimezone(tz).utcoffset() != day.astimezone(tz).utcoffset():
                    out.append(at.astimezone(tz).date())
                    break
        day += timedelta(days=1)
    return out


@pytest.mark.parametrize(
    ("zone", "years"),
    [
        (NY, [1918, 1945, 1974, 2007]),  # the first DST, war time's end, year-round DST, new rules
        (SP, [1985, 1999, 2012]),  # changes at midnight, and back from 00:00 to 23:00
        ("Europe/London", [1941, 1968, 2026]),  # double summer time; British Standard Time
        ("Australia/Lord_Howe", [2026]),  # a half-hour change
        ("Pacific/Chatham", [2026]),  # at 02:45 local
        ("Asia/Kolkata", [1942]),
    ],
)
def test_other_nights_and_zones(module_reader: Reader, zone: str, years: list[int]) -> None:
    days = [d for y in years for d in _changes(zone, y)]
    assert days
    walls = [w for d in days for w in _walls(d)]
    got = _read(module_reader, module_reader.tmp, [w.isoformat(" ") for w in walls], ["iso"], zone)
    wrong = [
        (w, g, reference(w, zone))
        for w, g in zip(walls, got, strict=True)
        if g != reference(w, zone)
    ]
    assert wrong == []


@pytest.mark.parametrize(
    ("zone", "cell", "expected"),
    [
        # the issue's examples: the first pass of a repeated wall time, the jump for a skipped one
        (NY, "2026-11-01 01:30", utc(2026, 11, 1, 5, 30)),  # 01:30 EDT, not 01:30 EST
        (NY, "2026-11-01 01:00", utc(2026, 11, 1, 5, 0)),
        (NY, "2026-11-01 01:59:59", utc(2026, 11, 1, 5, 59, 59)),
        (NY, "2026-11-01 02:00", utc(2026, 11, 1, 7, 0)),  # after the repeated hour
        (NY, "2026-03-08 02:30", utc(2026, 3, 8, 7, 0)),  # 03:00 EDT, when the clock jumps
        (NY, "2026-03-08 02:00", utc(2026, 3, 8, 7, 0)),
        (NY, "2026-03-08 03:00", utc(2026, 3, 8, 7, 0)),
        (NY, "2026-03-08 01:59", utc(2026, 3, 8, 6, 59)),
        (SP, "2018-11-04 00:30", utc(2018, 11, 4, 3, 0)),  # 01:00 -02
        (SP, "2018-11-04", utc(2018, 11, 4, 3, 0)),  # a date is its midnight, which was skipped
        (SP, "2018-11-03", utc(2018, 11, 3, 3, 0)),
        (SP, "2019-02-16 23:30", utc(2019, 2, 17, 1, 30)),  # 23:30 -02, the first pass
        (SP, "2019-02-17 00:00", utc(2019, 2, 17, 3, 0)),
        (SP, "2026-11-20 12:00", utc(2026, 11, 20, 15, 0)),  # no DST since 2019
    ],
)
def test_the_issues_cases(module_reader: Reader, zone: str, cell: str, expected: datetime) -> None:
    for formats in (["iso"], ["epoch_ms", "iso"]):
        assert _read(module_reader, module_reader.tmp, [cell], formats, zone) == [expected]


def test_the_rule_is_the_calendars(module_reader: Reader) -> None:
    """Whole minutes of both nights read as the calendar places a window's edge there."""
    for zone, day in NIGHTS:
        minutes = list(range(0, 24 * 60, 7))
        cells = [f"{day.isoformat()} {m // 60:02d}:{m % 60:02d}" for m in minutes]
        got = _read(module_reader, module_reader.tmp, cells, ["iso"], zone)
        assert got == [local_to_utc(day, m, ZoneInfo(zone)) for m in minutes]


@pytest.mark.parametrize(
    ("zone", "cells"),
    [
        # stamps with an offset, and epochs, are instants: never moved
        (NY, ["2026-11-01T01:30:00-05:00", "2026-11-01 01:30 -04:00", "2026-03-08T07:30:00Z"]),
        (SP, ["2018-11-04T00:30:00-03:00", "2019-02-16T23:30-0300"]),
    ],
)
def test_stamps_with_an_offset_are_not_moved(
    module_reader: Reader, zone: str, cells: list[str]
) -> None:
    got = _read(module_reader, module_reader.tmp, cells, ["iso"], zone)
    assert got == [datetime.fromisoformat(c.replace(" -", "-")) for c in cells]
    # a pattern with %z before a naive one: what it reads keeps its offset
    pattern = ["%Y-%m-%d %H:%M%z", "%Y-%m-%d %H:%M"]
    assert _read(module_reader, module_reader.tmp, ["2026-11-01 01:30-0500"], pattern, NY) == [
        utc(2026, 11, 1, 6, 30)
    ]
    assert _read(module_reader, module_reader.tmp, ["2026-11-01 01:30"], pattern, NY) == [
        utc(2026, 11, 1, 5, 30)
    ]
    epoch = str(int(utc(2026, 11, 1, 6, 30).timestamp()))
    assert _read(module_reader, module_reader.tmp, [epoch], ["epoch_s"], NY) == [
        utc(2026, 11, 1, 6, 30)
    ]


def _sunday(year: int, month: int, nth: int) -> date:
    first = date(year, month, 1)
    return first + timedelta(days=(6 - first.weekday()) % 7 + 7 * (nth - 1))


def test_a_zone_without_changes(module_reader: Reader) -> None:
    cells = ["2026-11-01 01:30", "2026-03-08 02:30", "1950-06-01 00:00"]
    assert _read(module_reader, module_reader.tmp, cells, ["iso"], "UTC") == [
        utc(2026, 11, 1, 1, 30),
        utc(2026, 3, 8, 2, 30),
        utc(1950, 6, 1),
    ]


def test_beyond_the_scanned_years_and_local_mean_time(tmp_path: Path) -> None:
    """The transitions are found from 1800 to 2100; a kind still in use then goes on (New
    York's nights of 2400). And New York's change from local mean time (12:03:58 became
    12:00:00 on 18 Nov 1883) repeats four minutes. (The reader takes dates from 1900 to 2099
    only, so `ls_local` is asked directly.)"""
    walls = [
        datetime(1883, 11, 18, 12, 2),
        datetime(1883, 11, 18, 11, 59),
        datetime.combine(_sunday(2400, 3, 2), datetime.min.time()) + timedelta(hours=2, minutes=30),
        datetime.combine(_sunday(2400, 11, 1), datetime.min.time())
        + timedelta(hours=1, minutes=30),
        datetime(2400, 7, 1, 1, 30),
    ]
    con = connect(tmp_path)
    try:
        localtime.prepare(con, NY)
        got = [
            con.execute("SELECT ls_local(timezone($z, $t), $t)", {"z": NY, "t": w}).fetchall()[0][0]
            for w in walls
        ]
    finally:
        con.close()
    assert got == [reference(w, NY) for w in walls]
    assert got[0] == utc(1883, 11, 18, 16, 58, 2)  # 12:02 LMT (-4:56:02), the first pass


EXPLAIN_SLA = """\
version: 1
name: DST
leads: {timezone: America/New_York, date_formats: ["%m/%d/%Y %H:%M", iso]}
calendar: {timezone: America/New_York, hours: {mon-sun: "00:00-23:59"}}
scoring:
  fit:
    rules: [{name: Any, points: 1}]
    grades: {A: 1}
follow_up:
  - {id: reply, owner: sales, start: created_at, stop: [replied_at], within: 1h, clock: calendar}
"""


def test_through_the_cli(cli: Cli, tmp_path: Path) -> None:
    """A lead created at 01:30 on the night clocks go back and answered at 01:10 on the second
    pass: 40 minutes, not a stop 20 minutes before its start."""
    (tmp_path / "sla.yaml").write_text(EXPLAIN_SLA, encoding="utf-8")
    (tmp_path / "leads.csv").write_text(
        "id,created_at,replied_at\nL1,11/01/2026 01:30,2026-11-01T01:10:00-05:00\n",
        encoding="utf-8",
    )
    r = cli(
        "explain",
        "L1",
        tmp_path / "leads.csv",
        "--sla",
        tmp_path / "sla.yaml",
        "--as-of",
        "2026-11-02T12:00:00-05:00",
        "--format",
        "json",
    )
    assert r.exit_code == 0, r.output
    (lead,) = json.loads(r.stdout)["leads"]
    assert lead["fields"]["created_at"] == "2026-11-01T01:30:00-04:00"
    (item,) = lead["deadlines"]
    assert (item["status"], item["elapsed_minutes"]) == ("met", 40.0)


@pytest.mark.parametrize(
    "damage",
    [
        None,
        "not json",
        "[]",
        '{"America/New_York": 5}',
        '{"America/New_York": [["gap", "x"]]}',
        '{"America/New_York": [["gap", 25200, 3600, true, null]]}',
    ],
)
def test_the_zones_transitions_are_cached_and_a_damaged_cache_is_rebuilt(
    module_reader: Reader, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, damage: str | None
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setattr(localtime, "_CACHE", {})
    cells = ["2026-11-01 01:30", "2026-03-08 02:30"]
    expected = [utc(2026, 11, 1, 5, 30), utc(2026, 3, 8, 7, 0)]
    assert _read(module_reader, module_reader.tmp, cells, ["iso"], NY) == expected
    (cached,) = (tmp_path / "leadsla").glob("zones-duckdb-*.json")
    assert NY in json.loads(cached.read_text(encoding="utf-8"))
    if damage is not None:
        cached.write_text(damage, encoding="utf-8")
        monkeypatch.setattr(localtime, "_CACHE", {})
        assert _read(module_reader, module_reader.tmp, cells, ["iso"], NY) == expected
        assert NY in json.loads(cached.read_text(encoding="utf-8"))


def test_no_cache_folder_is_no_error(
    module_reader: Reader, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.delenv("HOME", raising=False)
    monkeypatch.setattr(localtime, "_CACHE", {})
    assert _read(module_reader, module_reader.tmp, ["2019-02-16 23:30"], ["iso"], SP) == [
        utc(2019, 2, 17, 1, 30)
    ]

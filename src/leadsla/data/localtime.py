"""Naive timestamps read as the calendar reads wall times: the first pass of a repeated one,
the instant the clock jumps for a skipped one (README "Reading exports").

DuckDB's `timezone(zone, ts)` is ICU's reading, which differs on the nights the clocks change:
it takes the second pass of a repeated wall time, and reads a skipped one with the offset
before the jump (02:30 on a night that skips 02:00-03:00 becomes 03:30). Asking ICU a second
question for every cell would cost as much as the first one, on the hot path of reading an
export. Instead the zone's transitions are found once, from ICU itself (weekly samples, then
bisection to the second: 15-40 ms of CPU, so the result is kept in the user's cache folder,
per DuckDB version), and grouped by kind, UTC time of day and length. ICU's reading of a cell
that needs correcting lies within a transition's length after it; the macro `ls_local(r, t)`
(`r`: ICU's reading of the naive TIMESTAMP `t`) lets every other cell go after a comparison
or two (outside the years of the changes, or at another time of day), and corrects the few
others, checking each candidate with ICU.

The same transitions make ICU's reading itself cheap where it is plain: after a zone's last
change of offset (most zones stopped changing; São Paulo in 2019), `ls_wall` reads a naive
stamp with that offset in integer arithmetic instead of asking ICU for every cell.

`prepare` defines `ls_local` and `ls_wall` on a connection for the export's zone;
`sqlparse.MACROS` defines neutral ones (ICU's reading as it is) so that any connection can
compile a read."""

from __future__ import annotations

import json
import os
from dataclasses import astuple, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

import duckdb
import sqlglot.expressions as exp

from leadsla.data.db import Connection, rows, run

DAY = 86_400
SCAN_FROM = "1800-01-01"
SCAN_WEEKS = 15_700
"""Weekly samples from SCAN_FROM: to 2100 (two transitions less than a week apart, which no
zone has had since local mean time ended, would be missed)."""
STILL_CHANGING = 3_786_825_600
"""2090-01-01 UTC: a kind of transition seen after it is taken to go on for ever (a zone's
rules after the scan's end are its current ones)."""
_OFFSET = 10**6 * DAY * 10**6
"""Added to epoch µs before `%` (a whole number of days: 10⁶ of them, more than back to the
year 1), so that it works on dates before 1970 (DuckDB's `%` keeps the sign)."""

_TRANSITIONS = f"""
WITH RECURSIVE
samples AS (
    SELECT epoch(TIMESTAMPTZ '{SCAN_FROM} 00:00:00+00') + i * 7 * {DAY} AS s
    FROM range(0, {SCAN_WEEKS}) AS r(i)),
offsets AS (SELECT s, epoch(timezone($zone, to_timestamp(s))) - s AS o FROM samples),
changes AS (
    SELECT lag(s) OVER (ORDER BY s) AS lo, s AS hi, lag(o) OVER (ORDER BY s) AS o1, o AS o2
    FROM offsets QUALIFY o1 <> o2),
bisect(lo, hi, o1, o2) AS (
    SELECT CAST(lo AS BIGINT), CAST(hi AS BIGINT), o1, o2 FROM changes
    UNION ALL
    SELECT CASE WHEN mo = o1 THEN mid ELSE lo END, CASE WHEN mo = o1 THEN hi ELSE mid END, o1, o2
    FROM (SELECT *, epoch(timezone($zone, to_timestamp(mid))) - mid AS mo
          FROM (SELECT *, (lo + hi) // 2 AS mid FROM bisect WHERE hi - lo > 1)))
SELECT hi, CAST(o1 AS BIGINT), CAST(o2 AS BIGINT) FROM bisect WHERE hi - lo = 1 ORDER BY hi
"""
"""(instant, offset before, offset after) of each of ICU's transitions of `$zone`, in
seconds: the first second with the new offset."""


@dataclass(frozen=True)
class Changes:
    """Transitions of one kind at one UTC time of day, over a span of years."""

    kind: Literal["gap", "overlap"]
    at: int
    """UTC second of the day of the transition."""
    span: int
    """Seconds the clock skips (gap) or repeats (overlap)."""
    first: int
    """Epoch second of the first such transition."""
    last: int | None
    """Of the last; None when they go on."""


_CACHE: dict[tuple[str, str], tuple[Changes, ...]] = {}


def changes(con: Connection, zone: str) -> tuple[Changes, ...]:
    """ICU's transitions of `zone`, grouped (cached per DuckDB version and zone, in this
    process and in the user's cache folder)."""
    key = (duckdb.__version__, zone)
    if key not in _CACHE:
        stored = _load(zone)
        _CACHE[key] = stored if stored is not None else _store(zone, _scan(con, zone))
    return _CACHE[key]


def _scan(con: Connection, zone: str) -> tuple[Changes, ...]:
    groups: dict[tuple[str, int, int], list[int]] = {}
    for instant, before, after in rows(con, _TRANSITIONS, {"zone": zone}):
        kind = "gap" if after > before else "overlap"
        groups.setdefault((kind, instant % DAY, abs(after - before)), []).append(instant)
    return tuple(
        Changes(
            "gap" if kind == "gap" else "overlap",
            at,
            span,
            min(seen),
            None if max(seen) >= STILL_CHANGING else max(seen),
        )
        for (kind, at, span), seen in sorted(groups.items(), key=lambda g: min(g[1]))
    )


def _cache_file() -> Path | None:
    """`$XDG_CACHE_HOME/leadsla` or `~/.cache/leadsla`; None without either variable (the
    cache is an optimisation: no home folder is no error)."""
    base = os.environ.get("XDG_CACHE_HOME") or (
        os.path.join(os.environ["HOME"], ".cache") if os.environ.get("HOME") else None
    )
    if not base:
        return None
    return Path(base) / "leadsla" / f"zones-duckdb-{duckdb.__version__}.json"


def _read_cache(path: Path) -> dict[str, object]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _load(zone: str) -> tuple[Changes, ...] | None:
    path = _cache_file()
    found = _read_cache(path).get(zone) if path else None
    if not isinstance(found, list):
        return None
    try:
        out = tuple(Changes(*item) for item in found)
    except TypeError:
        return None
    valid = all(
        c.kind in ("gap", "overlap")
        and all(isinstance(v, int) and not isinstance(v, bool) for v in (c.at, c.span, c.first))
        and (c.last is None or (isinstance(c.last, int) and not isinstance(c.last, bool)))
        for c in out
    )
    return out if valid else None  # a damaged entry is scanned again


def _store(zone: str, found: tuple[Changes, ...]) -> tuple[Changes, ...]:
    path = _cache_file()
    if path is None:
        return found
    data = _read_cache(path)
    data[zone] = [list(astuple(c)) for c in found]
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        tmp.write_text(json.dumps(data), encoding="utf-8")
        os.replace(tmp, path)
    except OSError:
        pass
    return found


def _n(value: int) -> exp.Literal:
    return exp.Literal.number(value)


def _call(name: str, *args: exp.Expression) -> exp.Expression:
    return exp.Anonymous(this=name, expressions=list(args))


def _micros(e: exp.Expression) -> exp.Expression:
    return _call("to_microseconds", e)


@dataclass
class _Window:
    """A UTC time of day near which changes happen: the groups' spans, merged."""

    at: int
    """Start, seconds after midnight UTC."""
    width: int
    until: int | None
    """The end of the last change's span (epoch seconds), None while they go on."""
    groups: list[Changes]


def _windows(groups: tuple[Changes, ...]) -> list[_Window]:
    out: list[_Window] = []
    for g in sorted(groups, key=lambda g: g.at):
        until = None if g.last is None else g.last + g.span
        w = out[-1] if out else None
        if w is not None and g.at <= w.at + w.width:
            w.width = max(w.width, g.at + g.span - w.at)
            w.until = None if until is None or w.until is None else max(w.until, until)
            w.groups.append(g)
        else:
            out.append(_Window(g.at, g.span, until, [g]))
    return out


_NEVER = exp.cast(exp.Literal.string("infinity"), "TIMESTAMP")
"""A wall time no cell reads as (the formats give finite stamps)."""


def local_macro(zone: str, groups: tuple[Changes, ...]) -> str:
    """`CREATE MACRO ls_local(r, t)`: ICU's reading `r` of the naive `t` (NULL for a stamp
    with an offset), corrected on the nights `zone` changes its clocks (the zone enters only
    as a literal).

    A cell read outside the years of the changes leaves at the first test; one in them pays a
    remainder (µs since a change's UTC time of day) and a comparison per time of day changes
    happen at, and keeps `r` unless it is within a change's span. Only those few cells take
    the branch that finds the candidates and checks them with ICU.

    DuckDB inlines a macro's arguments wherever they are used, and computes an expression a
    SELECT uses twice once for every row, even out of a CASE branch. So `t`
    (reader.naive_stamp: costly) appears once, and the rare branch repeats nothing but the
    remainders the common path computes anyway."""
    if not groups:
        return "CREATE OR REPLACE TEMP MACRO ls_local(r, t) AS r"
    r, t = exp.column("r"), exp.column("t")
    e = _call("epoch_us", r.copy())
    lo = min(g.first for g in groups) * 10**6
    ends = {g: None if g.last is None else (g.last + g.span) * 10**6 for g in groups}
    # a blank cell (NULL) leaves here too: it would fail every test, and reach the last branch
    outside: exp.Expression = exp.or_(
        exp.Is(this=r.copy(), expression=exp.null()), exp.LT(this=e.copy(), expression=_n(lo))
    )
    if None not in ends.values():
        hi = max(end for end in ends.values() if end is not None)
        outside = exp.or_(outside, exp.GTE(this=e.copy(), expression=_n(hi)))
    near: list[exp.Expression] = []
    firsts: list[tuple[exp.Expression, int]] = []  # (the first pass or NULL, µs earlier)
    jump = exp.Case()
    for w in _windows(groups):
        since = exp.Mod(  # µs since the window's time of day
            this=exp.paren(exp.Add(this=e.copy(), expression=_n(_OFFSET - w.at * 10**6))),
            expression=_n(DAY * 10**6),
        )
        test: exp.Expression = exp.LT(this=since.copy(), expression=_n(w.width * 10**6))
        if w.until is not None:  # later cells skip a kind of change that ended at once
            test = exp.and_(exp.LT(this=e.copy(), expression=_n(w.until * 10**6)), test)
        near.append(exp.paren(test))
        # the candidates, each where its group's test holds: the first pass, for each kind of
        # night that repeats a wall time; the jump, for the first kind that skips one (no
        # other can hold on the same night)
        for g in w.groups:
            start, end = (g.at - w.at) * 10**6, ends[g]
            held = exp.and_(
                exp.GTE(this=e.copy(), expression=_n(g.first * 10**6)),
                *([exp.LT(this=e.copy(), expression=_n(end))] if end is not None else []),
                *([exp.GTE(this=since.copy(), expression=_n(start))] if start else []),
                exp.LT(this=since.copy(), expression=_n(start + g.span * 10**6)),
            )
            if g.kind == "overlap":
                earlier = exp.Sub(this=r.copy(), expression=_micros(_n(g.span * 10**6)))
                firsts.append((exp.If(this=held, true=earlier), g.span * 10**6))
            else:
                past = exp.Sub(this=since.copy(), expression=_n(start)) if start else since.copy()
                jump = jump.when(held, exp.Sub(this=r.copy(), expression=_micros(past)))
    jump_or_r = jump.else_(r.copy()) if jump.args.get("ifs") else r.copy()
    # `t`'s place among the wall times [of each first pass..., of r, never] says how much
    # earlier than r the answer is: a repeated wall time is its first pass; a wall time r
    # shows is r; a stamp with an offset (`t` NULL: never) keeps r. Not found, `t` was
    # skipped: the jump.
    z = exp.Literal.string(zone)
    walls = exp.Array(
        expressions=[
            *[_call("timezone", z.copy(), first) for first, _span in firsts],
            _call("timezone", z.copy(), r.copy()),
            _NEVER.copy(),
        ]
    )
    place = _call("list_position", walls, exp.Coalesce(this=t, expressions=[_NEVER.copy()]))
    shifts = exp.Array(expressions=[*[_n(span) for _f, span in firsts], _n(0), _n(0)])
    picked = exp.Coalesce(
        this=exp.Sub(this=r.copy(), expression=_micros(_call("list_extract", shifts, place))),
        expressions=[jump_or_r],
    )
    case = exp.Case().when(outside, r.copy()).when(exp.not_(exp.or_(*near)), r.copy())
    return f"CREATE OR REPLACE TEMP MACRO ls_local(r, t) AS {case.else_(picked).sql('duckdb')}"


QUICK_UNTIL = "2200-01-01"
"""The quick reading of `wall_macro` stops here (far beyond the dates leadsla reads, before
the stamps whose microseconds since 1970 would not fit)."""


def settled_since(groups: tuple[Changes, ...]) -> int | None:
    """The epoch second from which the wall times of a zone with these changes have one
    offset: two days after its last change (a wall time later than that cannot be read
    with an earlier offset, all offsets being under a day), or the scan's start if it never
    changed; None while it changes."""
    if any(g.last is None for g in groups):
        return None
    start = int(datetime.fromisoformat(SCAN_FROM).replace(tzinfo=UTC).timestamp())
    return max((g.last + g.span for g in groups if g.last is not None), default=start) + 2 * DAY


def wall_macro(con: Connection, zone: str, groups: tuple[Changes, ...]) -> str:
    """`CREATE MACRO ls_wall(t, zone)`: ICU's reading of the naive stamp `t` in `zone`
    (`timezone(zone, t)`), without asking ICU for the wall times after the zone's last change
    of offset (most zones stopped changing: São Paulo in 2019): for those it is `t` less that
    offset, in microseconds. `t` is a column (reader.py), so using it thrice costs nothing."""
    since = settled_since(groups)
    if since is None:
        return "CREATE OR REPLACE TEMP MACRO ls_wall(t, zone) AS timezone(zone, t)"
    start = datetime.fromtimestamp(since, UTC).replace(tzinfo=None)
    wall = exp.cast(exp.Literal.string(start.isoformat(sep=" ")), "TIMESTAMP")
    (offset,) = rows(
        con,
        "SELECT epoch_us($wall::TIMESTAMP) - epoch_us(timezone($zone, $wall::TIMESTAMP))",
        {"wall": start, "zone": zone},
    )[0]
    t, z = exp.column("t"), exp.column("zone")
    quick = exp.and_(
        exp.EQ(this=z, expression=exp.Literal.string(zone)),
        exp.GTE(this=t.copy(), expression=wall),
        exp.LT(this=t.copy(), expression=exp.cast(exp.Literal.string(QUICK_UNTIL), "TIMESTAMP")),
    )
    fast = _call(
        "make_timestamptz",
        exp.Sub(this=_call("epoch_us", t.copy()), expression=exp.paren(_n(offset))),
    )
    case = exp.Case().when(quick, fast).else_(_call("timezone", z.copy(), t.copy()))
    return f"CREATE OR REPLACE TEMP MACRO ls_wall(t, zone) AS {case.sql('duckdb')}"


def prepare(con: Connection, zone: str) -> None:
    """Define `ls_local` and `ls_wall` on `con` for reading naive stamps in `zone`."""
    groups = changes(con, zone)
    run(con, local_macro(zone, groups))
    run(con, wall_macro(con, zone, groups))

"""A command's rows kept in DuckDB: counted and read in pages, as values, JSON or CSV text.

Results hold one of these, never a list of one Python object per row (STYLE.md rule 1): a
10M-row export must not become 10M objects. Item lists are formatted by DuckDB itself (JSON
by `to_json`, CSV cells escaped and quoted in SQL, timestamps written in the calendar's zone)
and reach Python as pages of finished lines, so memory does not grow with the rows."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Literal
from zoneinfo import ZoneInfo

from leadsla.csvsafe import FORMULA_STARTS, NUMBER_PATTERN
from leadsla.data.db import Connection, one

Kind = Literal["text", "number", "integer", "time"]
PAGE = 4096
"""Rows fetched at a time: enough for DuckDB to run at full speed, few enough that a page of
item lines stays around a megabyte."""


@dataclass(frozen=True)
class Column:
    name: str
    """The key in JSON and the header in CSV."""
    sql: str
    """An expression over the rows' table (internal names only: no user text)."""
    kind: Kind


def _ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def iso_text(value: str, offset: str) -> str:
    """ISO 8601 to the second with the zone's offset (`2026-11-20T12:00:00-03:00`), as Python's
    `isoformat(timespec="seconds")` writes it, from the instant `value` and its offset in
    seconds `offset` (seconds in the offset when it has some, as local mean time did)."""
    local = f"(CAST({value} AS TIMESTAMP) + to_seconds({offset}))"
    seconds = f"abs({offset}) % 60"
    return (
        f"CASE WHEN {value} IS NOT NULL THEN strftime({local}, '%Y-%m-%dT%H:%M:%S')"
        f" || CASE WHEN {offset} < 0 THEN '-' ELSE '+' END"
        f" || lpad(CAST(abs({offset}) // 3600 AS VARCHAR), 2, '0')"
        f" || ':' || lpad(CAST(abs({offset}) % 3600 // 60 AS VARCHAR), 2, '0')"
        f" || CASE WHEN {seconds} <> 0 THEN ':' || lpad(CAST({seconds} AS VARCHAR), 2, '0')"
        " ELSE '' END END"
    )


def offsets(zone: str, first: datetime, last: datetime) -> list[tuple[int, int]]:
    """The zone's UTC offsets from `first` to `last`, from Python's zone data (what the table,
    `explain` and the business calendar use; DuckDB's ICU data differs for some zones and
    years): (epoch microseconds from which it applies, seconds), the first from the start."""
    tz = ZoneInfo(zone)

    def at(t: datetime) -> int:
        return int(t.astimezone(tz).utcoffset().total_seconds())  # type: ignore[union-attr]

    step = timedelta(hours=6)  # no zone changes its offset twice within six hours
    t = first - timedelta(days=2)
    end = last + timedelta(days=2)
    current = at(t)
    found = [(0, current)]
    while t < end:
        n = min(t + step, end)
        o = at(n)
        if o != current:
            lo, hi = t, n  # the offset changes in (lo, hi]: find the second
            while hi - lo > timedelta(seconds=1):
                mid = lo + (hi - lo) / 2
                lo, hi = (mid, hi) if at(mid) == current else (lo, mid)
            found.append((math.floor(hi.timestamp()) * 1_000_000, o))
            current = o
        t = n
    return found


def offset_of(us: str, found: list[tuple[int, int]]) -> str:
    """The offset at epoch microseconds `us`: a balanced tree of comparisons (a zone with
    daylight saving time has two changes a year)."""
    if len(found) == 1:
        return str(found[0][1])
    mid = len(found) // 2
    left, right = offset_of(us, found[:mid]), offset_of(us, found[mid:])
    return f"CASE WHEN {us} < {found[mid][0]} THEN {left} ELSE {right} END"


def formula_escaped(x: str) -> str:
    """csvsafe.escape_formula in SQL, for a text `x` (tested against it on a corpus)."""
    starts = ", ".join(_literal(c) for c in FORMULA_STARTS)
    number = _literal(NUMBER_PATTERN)
    return (
        f"CASE WHEN left({x}, 1) IN ({starts}) AND NOT regexp_full_match({x}, {number}) "
        f"THEN '''' || {x} ELSE {x} END"
    )


def csv_text(value: str, kind: Kind, offset: str) -> str:
    """A cell's CSV text before quoting: text formula-escaped (csvsafe.py's rule), numbers as
    Python writes them, times in ISO 8601; '' for NULL."""
    if kind == "text":
        text = formula_escaped(f"CAST({value} AS VARCHAR)")
    elif kind == "time":
        text = iso_text(value, offset)
    elif kind == "number":
        text = f"CASE WHEN isfinite({value}) THEN CAST(CAST({value} AS DOUBLE) AS VARCHAR) END"
    else:
        text = f"CAST({value} AS VARCHAR)"
    return f"coalesce({text}, '')"


def csv_quoted(c: str) -> str:
    """Quoted when it holds a delimiter, a quote or a line break (a `\\r` too, which Python's
    writer leaves bare with a `\\n` line end: a spreadsheet would end the row there)."""
    special = " OR ".join(f"contains({c}, {s})" for s in ("','", "'\"'", "chr(10)", "chr(13)"))
    return f"""CASE WHEN {special} THEN '"' || replace({c}, '"', '""') || '"' ELSE {c} END"""


def json_value(value: str, kind: Kind, offset: str) -> str:
    if kind == "time":
        return iso_text(value, offset)
    if kind == "number":
        return f"CASE WHEN isfinite({value}) THEN CAST({value} AS DOUBLE) END"
    return value


@dataclass(frozen=True)
class Rows:
    """Rows of `table` that match `where`, in `order` (both over the table's columns): the
    `limit` first. `params` bind the `?` of `where`."""

    con: Connection
    table: str
    columns: tuple[Column, ...]
    order: str
    zone: str
    where: str = "TRUE"
    params: tuple[Any, ...] = ()
    limit: int | None = None

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.columns]

    def _limit(self, limit: int | None = None) -> str:
        limits = [n for n in (self.limit, limit) if n is not None]
        return f" LIMIT {int(min(limits))}" if limits else ""

    def _pages(self, sql: str) -> Iterator[list[tuple[Any, ...]]]:
        cursor = self.con.execute(sql, list(self.params) or None)
        while True:
            page = cursor.fetchmany(PAGE)
            if not page:
                return
            yield page

    def _layered(self, final: str, text: Callable[[Column, str], str]) -> str:
        """Formatted in layers so that each value is computed once (DuckDB's common-
        subexpression pass is off): the offsets of times `__o{i}`, then each column's text
        `__c{i}`, then `final` over those, in order."""
        times = [(i, c) for i, c in enumerate(self.columns) if c.kind == "time"]
        found = self._offsets([c for _i, c in times])
        local = "".join(f", {offset_of(f'epoch_us({c.sql})', found)} AS __o{i}" for i, c in times)
        texts = ", ".join(f"{text(c, f'__o{i}')} AS __c{i}" for i, c in enumerate(self.columns))
        inner = f"SELECT *{local} FROM {self.table} WHERE {self.where}"
        return (
            f"SELECT {final} FROM (SELECT *, {texts} FROM ({inner})) "
            f"ORDER BY {self.order}{self._limit()}"
        )

    def _offsets(self, times: list[Column]) -> list[tuple[int, int]]:
        """The zone's offsets over the span of the rows' times."""
        if not times:
            return [(0, 0)]
        spans = ", ".join(f"min({c.sql}), max({c.sql})" for c in times)
        values = one(
            self.con,
            f"SELECT {spans} FROM {self.table} WHERE {self.where}",
            list(self.params) or None,
        )
        seen = [v for v in values if v is not None]
        if not seen:
            return [(0, 0)]
        return offsets(self.zone, min(seen), max(seen))

    def count(self) -> int:
        inner = f"SELECT 1 FROM {self.table} WHERE {self.where}{self._limit()}"
        return int(one(self.con, f"SELECT count(*) FROM ({inner})", list(self.params) or None)[0])

    def head(self, n: int | None = None) -> list[dict[str, Any]]:
        """The first `n` rows as Python values, times in the zone: for the few a table shows."""
        tz = ZoneInfo(self.zone)
        select = ", ".join(f"{c.sql} AS {_ident(c.name)}" for c in self.columns)
        sql = f"SELECT {select} FROM {self.table} WHERE {self.where} ORDER BY {self.order}"
        out = []
        for page in self._pages(sql + self._limit(n)):
            for row in page:
                out.append(
                    {
                        c.name: v.astimezone(tz) if isinstance(v, datetime) else v
                        for c, v in zip(self.columns, row, strict=True)
                    }
                )
        return out

    def json_lines(self) -> Iterator[list[str]]:
        """Pages of rows, each one compact JSON object (keys in column order)."""
        fields = ", ".join(f"{_ident(c.name)} := __c{i}" for i, c in enumerate(self.columns))
        sql = self._layered(
            f"to_json(struct_pack({fields}))", lambda c, offset: json_value(c.sql, c.kind, offset)
        )
        for page in self._pages(sql):
            yield [r[0] for r in page]

    def json_values(self) -> Iterator[list[str]]:
        """Pages of rows of one column (the first), each that value in JSON."""
        c = self.columns[0]
        sql = self._layered("to_json(__c0)", lambda _c, offset: json_value(c.sql, c.kind, offset))
        for page in self._pages(sql):
            yield [r[0] for r in page]

    def csv_lines(self) -> Iterator[list[str]]:
        """Pages of rows, each one CSV line without its line end (the header is `names`)."""
        # only text can hold a delimiter, a quote or a line break: numbers and times are bare
        cells = " || ',' || ".join(
            csv_quoted(f"__c{i}") if c.kind == "text" else f"__c{i}"
            for i, c in enumerate(self.columns)
        )
        sql = self._layered(cells, lambda c, offset: csv_text(c.sql, c.kind, offset))
        for page in self._pages(sql):
            yield [r[0] for r in page]

"""Which way of reading a column reads most of its cells: date formats and the decimal mark.

The one place that guesses how an export writes its values: field health uses it to say what
to put in the SLA when a field is unreadable, and `init --from` can use it to write a starter
that fits an export. A candidate "reads" a cell exactly when the reader would: each one is
tried through the reader's own typing SQL (`typed_expression` and the `ls_` macros), in
DuckDB, on a sample of the column's non-blank cells."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass

import sqlglot.expressions as exp

from leadsla.data.db import Connection, rows, run
from leadsla.data.reader import (
    FieldType,
    ReadSpec,
    read_csv_call,
    read_parameters,
    typed_expression,
)
from leadsla.data.source import Source
from leadsla.messages import say

SAMPLE = 1_000
"""Non-blank cells a guess looks at: the first ones of the column, in file order."""

COMMON_DATE_FORMATS = (
    # ../shared/EXPORTS.md: RD Station, Excel in Brazil, Salesforce reports, HubSpot, Zoho...
    "%d/%m/%Y %H:%M",
    "%d/%m/%Y %H:%M:%S",
    "%d/%m/%Y",
    "%m/%d/%Y, %I:%M %p",
    "%m/%d/%Y %I:%M %p",
    "%m/%d/%Y %H:%M",
    "%m/%d/%Y %H:%M:%S",
    "%m/%d/%Y",
    "%Y-%m-%d %H:%M:%S",
    "%d.%m.%Y %H:%M",
    "%d.%m.%Y",
    "%d-%m-%Y %H:%M",
    "iso",
    "epoch_s",
    "epoch_ms",
)
"""Tried after the SLA's own `date_formats`, in this order (the first of equals wins)."""

MAX_FORMATS = 3
"""A suggested `date_formats` list is at most this long (a mixed export needs several)."""


@dataclass(frozen=True)
class DateGuess:
    """The `date_formats` that read most of a sample, and its rival when the sample cannot tell
    them apart (`%d/%m` and `%m/%d` when no day is above 12; `epoch_s` and `epoch_ms`)."""

    formats: list[str]
    reads: int
    sample: int
    current_reads: int
    """How many of the sample the SLA's own `date_formats` read."""
    rival: list[str] | None = None
    why: str = ""
    """Why the rival reads as many: `no day is above 12`, `seconds or milliseconds`."""

    @property
    def better(self) -> bool:
        """Worth suggesting: it reads more than the SLA's formats, and most of the sample."""
        return self.reads > self.current_reads and 2 * self.reads > self.sample


@dataclass(frozen=True)
class DecimalGuess:
    decimal: str
    reads: int
    sample: int
    current_reads: int

    @property
    def better(self) -> bool:
        """Worth suggesting: it reads more than the SLA's mark, and most of the sample."""
        return self.reads > self.current_reads and 2 * self.reads > self.sample


def yaml_line(key: str, value: str | list[str]) -> str:
    """`leads: {date_formats: ["%d/%m/%Y %H:%M", iso]}`: a line to paste into the SLA (JSON
    quoting is YAML quoting; bare words stay bare)."""

    def scalar(text: str) -> str:
        return text if text.replace("_", "").isalnum() else json.dumps(text, ensure_ascii=False)

    shown = (
        "[" + ", ".join(scalar(v) for v in value) + "]"
        if isinstance(value, list)
        else scalar(value)
    )
    return f"leads: {{{key}: {shown}}}"


def sample_column(con: Connection, source: Source, index: int, limit: int = SAMPLE) -> list[str]:
    """The first `limit` non-blank cells of column `index`, trimmed, in file order. Rows with
    the wrong number of fields are skipped, as the reader skips them."""
    read = read_csv_call(source, rejects=False)
    cell = exp.Anonymous(
        this="ls_blank",
        expressions=[exp.Anonymous(this="trim", expressions=[exp.column(f"c{index}")])],
    )
    inner = exp.select(exp.alias_(cell, "k")).from_(exp.Table(this=read))
    query = (
        exp.select("k")
        .from_(inner.subquery("s"))
        .where(exp.not_(exp.Is(this=exp.column("k"), expression=exp.null())))
        .limit(limit)
    )
    return [str(r[0]) for r in rows(con, query.sql("duckdb"), read_parameters(source))]


def guess_date_formats(
    con: Connection,
    cells: list[str],
    current: list[str],
    timezone: str = "UTC",
    allowed: Callable[[str], bool] | None = None,
) -> DateGuess:
    """The `date_formats` that read most of `cells`: the best single format (the SLA's own
    first, then COMMON_DATE_FORMATS), then, for a mixed column, the formats that read most of
    what is left. `allowed`: only the common formats it accepts are tried (those an engine's
    dialect can run, for `--engine`)."""
    common = [f for f in COMMON_DATE_FORMATS if allowed is None or allowed(f)]
    candidates = list(dict.fromkeys([*current, *common]))
    read = _reads(
        con, cells, [_spec([f], timezone) for f in [*candidates]] + [_spec(current, timezone)]
    )
    current_reads = sum(read[-1])
    per_format = dict(zip(candidates, read[:-1], strict=True))
    totals = {f: sum(r) for f, r in per_format.items()}
    best = max(candidates, key=lambda f: totals[f])  # max keeps the first of equals
    if totals[best] == 0:
        return DateGuess([], 0, len(cells), current_reads)
    chosen = [best]
    covered = list(per_format[best])
    while len(chosen) < MAX_FORMATS:
        gain = {
            f: sum(1 for c, r in zip(covered, per_format[f], strict=True) if r and not c)
            for f in candidates
            if f not in chosen
        }
        more = max(gain, key=lambda f: gain[f]) if gain else None
        if more is None or gain[more] == 0:
            break
        chosen.append(more)
        covered = [c or r for c, r in zip(covered, per_format[more], strict=True)]
    rival_format, why = _twin(best)
    rival = None
    if rival_format is not None and totals.get(rival_format) == totals[best]:
        rival = [rival_format if f == best else f for f in chosen]
    return DateGuess(chosen, sum(covered), len(cells), current_reads, rival, why if rival else "")


def guess_decimal(con: Connection, cells: list[str], current: str) -> DecimalGuess:
    """The decimal mark that reads most of `cells` (the SLA's own wins a tie)."""
    other = "," if current == "." else "."
    now, then = (
        sum(r)
        for r in _reads(con, cells, [_spec([], "UTC", d) for d in (current, other)], "number")
    )
    if then > now:
        return DecimalGuess(other, then, len(cells), now)
    return DecimalGuess(current, now, len(cells), now)


def _twin(fmt: str) -> tuple[str | None, str]:
    """The format a sample may not tell `fmt` from, and why."""
    if fmt == "epoch_s":
        return "epoch_ms", say("each number reads as seconds and as milliseconds")
    if fmt == "epoch_ms":
        return "epoch_s", say("each number reads as seconds and as milliseconds")
    if "%d" in fmt and "%m" in fmt:
        swapped = fmt.replace("%d", "\0").replace("%m", "%d").replace("\0", "%m")
        return swapped, say("no day in the sample is above 12")
    return None, ""


def _spec(formats: list[str], timezone: str, decimal: str = ".") -> ReadSpec:
    return ReadSpec(wanted=[], types={}, date_formats=formats, decimal=decimal, timezone=timezone)


SNIFF_TABLE = "_sniff"


def _reads(
    con: Connection, cells: list[str], specs: list[ReadSpec], ftype: FieldType = "timestamp"
) -> list[list[bool]]:
    """For each spec, which cells it reads (the reader's typing SQL, on a table of the cells)."""
    if not cells:
        return [[] for _ in specs]
    run(
        con,
        f"CREATE OR REPLACE TEMP TABLE {SNIFF_TABLE} AS SELECT unnest(?::VARCHAR[]) AS k",
        [cells],
    )
    tests = [
        exp.not_(
            exp.Is(this=typed_expression(exp.column("k"), ftype, spec), expression=exp.null())
        ).sql("duckdb")
        for spec in specs
    ]
    # one list per spec: a column of booleans each, in the cells' order
    found = rows(
        con,
        "SELECT " + ", ".join(f"list({t} ORDER BY rowid)" for t in tests) + f" FROM {SNIFF_TABLE}",
    )[0]
    run(con, f"DROP TABLE {SNIFF_TABLE}")
    return [[bool(x) for x in column] for column in found]


def _lit(text: str) -> exp.Literal:
    return exp.Literal.string(text)


def count_reads(con: Connection, cells: list[str], ftype: FieldType, decimal: str = ".") -> int:
    """How many of `cells` the reader reads as a `number` (with `decimal`) or a `boolean`."""
    return sum(_reads(con, cells, [_spec([], "UTC", decimal)], ftype)[0])


def unreadable(
    con: Connection,
    cells: list[str],
    ftype: FieldType,
    formats: list[str],
    decimal: str,
    timezone: str,
) -> list[str]:
    """The cells of `cells` that the reader, with these settings, leaves blank (a table's
    unreadable cells, found in a sample of it)."""
    spec = _spec(formats, timezone, decimal)
    return [c for c, ok in zip(cells, _reads(con, cells, [spec], ftype)[0], strict=True) if not ok]

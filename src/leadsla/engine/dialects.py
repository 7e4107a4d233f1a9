"""Per-dialect SQL builders for `leadsla compile` (issue 14): each construct written for each
engine on purpose, never left to sqlglot's transpiler (which turns TRY_CAST into CAST for
PostgreSQL, passes TRY_STRPTIME through, and reads Snowflake's REGEXP_LIKE as a search).

Conventions of the compiled scripts, the same in every dialect:
- an instant is a DOUBLE: seconds since 1970-01-01 UTC (no engine's timestamp type, session
  zone or DST rule is involved; the export's zone is applied from a table of its transitions
  computed here, see `zone_instant`);
- text is compared lower-cased (`lower`: Unicode-aware everywhere, PostgreSQL included);
- regular expressions are the portable subset of sla/regex_subset.py, found anywhere
  (`find`), case-sensitively on lower-cased text;
- functions are written as plain calls (exp.Anonymous) with their names in the dialect, so
  the allowlist in sqlcheck.py sees exactly what the engine will run."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cache
from zoneinfo import ZoneInfo

import sqlglot.expressions as exp

from leadsla.sla.regex_subset import Shape, shape_pattern

DIALECTS = ("duckdb", "postgres", "spark", "bigquery", "snowflake")


@dataclass(frozen=True)
class Dialect:
    name: str

    @property
    def sqlglot(self) -> str:
        return self.name

    @property
    def end(self) -> str:
        """The end-of-text anchor: Java's `$` also matches before a final line break."""
        return "\\z" if self.name == "spark" else "$"


def call(name: str, *args: exp.Expression) -> exp.Expression:
    return exp.Anonymous(this=name, expressions=list(args))


def s(text: str) -> exp.Literal:
    return exp.Literal.string(text)


def n(value: int) -> exp.Literal:
    return exp.Literal.number(str(value))


def paren(e: exp.Expression) -> exp.Expression:
    return e if isinstance(e, (exp.Paren, exp.Column, exp.Literal, exp.Anonymous)) else exp.Paren(this=e)


def add(*terms: exp.Expression) -> exp.Expression:
    out = paren(terms[0])
    for t in terms[1:]:
        out = exp.Paren(this=exp.Add(this=out, expression=paren(t)))
    return out


def sub(a: exp.Expression, b: exp.Expression) -> exp.Expression:
    return exp.Paren(this=exp.Sub(this=paren(a), expression=paren(b)))


def mul(a: exp.Expression, b: exp.Expression) -> exp.Expression:
    return exp.Paren(this=exp.Mul(this=paren(a), expression=paren(b)))


def div(a: exp.Expression, b: exp.Expression) -> exp.Expression:
    return exp.Paren(this=exp.Div(this=paren(a), expression=paren(b)))


def case(
    whens: list[tuple[exp.Expression, exp.Expression]], default: exp.Expression | None = None
) -> exp.Expression:
    c = exp.Case()
    for cond, value in whens:
        c = c.when(cond, value, copy=False)
    if default is not None:
        c = c.else_(default, copy=False)
    return c


def double(d: Dialect, value: float) -> exp.Expression:
    """A DOUBLE literal. `0.5e0` is a DOUBLE in every dialect but PostgreSQL, where a
    constant with an exponent is NUMERIC (and NUMERIC arithmetic rounds otherwise)."""
    text = repr(float(abs(value)))
    number: exp.Expression = exp.Literal.number(text if "e" in text else text + "e0")
    if d.name == "postgres":
        number = cast(number, "DOUBLE")
    return exp.Neg(this=number) if value < 0 else number


def cast(e: exp.Expression, to: str) -> exp.Cast:
    return exp.Cast(this=e, to=exp.DataType.build(to))


# --- text --------------------------------------------------------------------------------------


@cache
def _case_pairs() -> tuple[str, str]:
    """Capital letters with a one-letter lower case (Latin, Greek, Cyrillic, Armenian...), for
    PostgreSQL, whose lower() folds only ASCII under the C locale or a C collation."""
    upper, lower = [], []
    for code in range(0x80, 0x0590):
        ch = chr(code)
        low = ch.lower()
        if low != ch and len(low) == 1 and unicodedata.category(ch) == "Lu":
            upper.append(ch)
            lower.append(low)
    return "".join(upper), "".join(lower)


def lower(d: Dialect, e: exp.Expression) -> exp.Expression:
    """Lower case beyond ASCII, whatever the database's locale."""
    if d.name == "postgres":
        upper, low = _case_pairs()
        return call("LOWER", call("TRANSLATE", e, s(upper), s(low)))
    return call("LOWER", e)


def trimmed(e: exp.Expression) -> exp.Expression:
    """Spaces and no-break spaces off both ends (reader.py's `_trimmed`)."""
    return exp.Trim(this=e, expression=s(" \u00a0"))


def find(d: Dialect, text: exp.Expression, pattern: str) -> exp.Expression:
    """Is `pattern` (already in the dialect's spelling) found anywhere in `text`?"""
    p = s(pattern)
    if d.name == "duckdb":
        return call("REGEXP_MATCHES", text, p)
    if d.name == "postgres":
        return exp.RegexpLike(this=text, expression=p)  # `~`
    if d.name == "spark":
        return exp.RegexpLike(this=text, expression=p)  # RLIKE (java.util.regex find)
    if d.name == "bigquery":
        return call("REGEXP_CONTAINS", text, p)
    # Snowflake's REGEXP_LIKE matches the whole text: the position of a find instead
    return exp.GT(this=call("REGEXP_INSTR", text, p), expression=n(0))


def whole(d: Dialect, text: exp.Expression, pattern: str) -> exp.Expression:
    """Does `pattern` (portable, no `$` of its own) match the whole text?"""
    return find(d, text, "^(?:" + pattern + ")" + d.end)


def extract(d: Dialect, text: exp.Expression, pattern: str) -> exp.Expression:
    """The text of the one capturing group of `pattern`, for a text it matches (NULL or ''
    when the group took no part)."""
    p = s(pattern)
    if d.name in ("duckdb", "spark"):
        return call("REGEXP_EXTRACT", text, p, n(1))
    if d.name == "postgres":
        return call("SUBSTRING", text, p)  # substring(text, pattern): the first group
    if d.name == "bigquery":
        return call("REGEXP_EXTRACT", text, p)
    return call("REGEXP_SUBSTR", text, p, n(1), n(1), s("e"), n(1))


def contains(d: Dialect, text: exp.Expression, part: str) -> exp.Expression:
    position = call("STRPOS" if d.name in ("postgres", "bigquery", "duckdb") else "INSTR", text, s(part))
    if d.name == "snowflake":
        position = call("POSITION", s(part), text)
    return exp.GT(this=position, expression=n(0))


def starts_with(text: exp.Expression, part: str) -> exp.Expression:
    return exp.EQ(this=call("LEFT", text, n(len(part))), expression=s(part))


def ends_with(text: exp.Expression, part: str) -> exp.Expression:
    return exp.EQ(this=call("RIGHT", text, n(len(part))), expression=s(part))


def extreme(d: Dialect, name: str, args: list[exp.Expression]) -> exp.Expression:
    """GREATEST/LEAST ignoring NULLs (DuckDB's): BigQuery's and Snowflake's are NULL when an
    argument is, so there each argument is given with the others as its fallback."""
    if len(args) == 1:
        return args[0]
    if d.name in ("bigquery", "snowflake"):
        args = [
            exp.Coalesce(this=a.copy(), expressions=[b.copy() for b in args if b is not a])
            for a in args
        ]
    return call(name, *args)


def idiv(a: exp.Expression, by: int) -> exp.Expression:
    """⌊a / by⌋ for a ≥ 0 (PostgreSQL divides integers as integers, the others as numbers)."""
    return call("FLOOR", div(a, n(by)))


def modulo(d: Dialect, a: exp.Expression, by: int) -> exp.Expression:
    return call("MOD", a, n(by)) if d.name in ("bigquery", "snowflake", "postgres") else exp.Paren(
        this=exp.Mod(this=paren(a), expression=n(by))
    )


def now_epoch(d: Dialect) -> exp.Expression:
    """The engine's clock, in seconds since 1970 (`--as-of now`)."""
    if d.name == "duckdb":
        return call("EPOCH", call("NOW"))
    if d.name == "postgres":
        return cast(exp.Extract(this=exp.var("EPOCH"), expression=call("NOW")), "DOUBLE")
    if d.name == "spark":
        return div(call("UNIX_MICROS", exp.CurrentTimestamp()), double(d, 1e6))
    if d.name == "bigquery":
        return div(call("UNIX_MICROS", exp.CurrentTimestamp()), double(d, 1e6))
    return div(
        call("DATE_PART", exp.var("EPOCH_MICROSECOND"), exp.CurrentTimestamp()), double(d, 1e6)
    )


def fail(d: Dialect, message: str) -> exp.Expression:
    """An expression that stops the query with `message` when evaluated."""
    if d.name == "duckdb":
        return call("ERROR", s(message))
    if d.name == "spark":
        return call("RAISE_ERROR", s(message))
    if d.name == "bigquery":
        return call("ERROR", s(message))
    # PostgreSQL and Snowflake have no function that raises: a cast that cannot succeed,
    # whose text is the message
    return cast(s(message), "BIGINT")


# --- reading cells -----------------------------------------------------------------------------

BLANK_WORDS = ("", "n/a", "na", "null", "-")


def cleaned(d: Dialect, cell: exp.Expression) -> exp.Expression:
    """A cell trimmed, NULL when blank (SPEC §2: blank, N/A, NA, null, -)."""
    t = trimmed(cell)
    blank = exp.In(this=call("LOWER", t.copy()), expressions=[s(w) for w in BLANK_WORDS])
    return case([(blank, exp.null())], t)


NUMBER_DOT = "[+-]?(?:[0-9]{1,3}(?:[, \u00a0][0-9]{3})+|[0-9]+)(?:[.][0-9]+)?|[+-]?[.][0-9]+"
NUMBER_COMMA = "[+-]?(?:[0-9]{1,3}(?:[. \u00a0][0-9]{3})+|[0-9]+)(?:,[0-9]+)?|[+-]?,[0-9]+"
MAX_NUMBER_CHARS = 300
"""Longer numbers are unreadable (PostgreSQL's cast of a number beyond DOUBLE's range fails)."""


def number(d: Dialect, k: exp.Expression, decimal: str) -> exp.Expression:
    """A cleaned cell as a DOUBLE: SPEC §2's grammar, thousands separators only between
    groups of three digits; NULL for any other text."""
    grammar = NUMBER_COMMA if decimal == "," else NUMBER_DOT
    other = "." if decimal == "," else ","
    digits: exp.Expression = k.copy()
    for sep in (other, " ", "\u00a0"):
        digits = call("REPLACE", digits, s(sep), s(""))
    if decimal == ",":
        digits = call("REPLACE", digits, s(","), s("."))
    ok = exp.and_(
        exp.LTE(this=call("LENGTH", k.copy()), expression=n(MAX_NUMBER_CHARS)),
        whole(d, k.copy(), grammar),
    )
    return case([(ok, cast(digits, "DOUBLE"))])


TRUE_WORDS = ("true", "yes", "y", "sim", "s", "1", "x", "verdadeiro")
FALSE_WORDS = ("false", "no", "n", "não", "nao", "0", "falso")


def boolean(d: Dialect, k: exp.Expression) -> exp.Expression:
    low = lower(d, k.copy())
    return case(
        [
            (exp.In(this=low, expressions=[s(w) for w in TRUE_WORDS]), exp.true()),
            (exp.In(this=low.copy(), expressions=[s(w) for w in FALSE_WORDS]), exp.false()),
        ]
    )


def stamp_parts(d: Dialect, k: exp.Expression, shape: Shape) -> dict[str, exp.Expression]:
    """The parts of a cell of `shape`: `ok` (has the shape), each number part as a BIGINT
    (NULL when absent), `f` the fraction's digits and `z` the offset as written. Written as
    columns of their own layer: the arithmetic of `wall_seconds` reads each several times."""
    out: dict[str, exp.Expression] = {"ok": find(d, k.copy(), shape_pattern(shape, None, d.end))}
    for _piece, c in shape:
        if c is None:
            continue
        text = exp.Nullif(this=extract(d, k.copy(), shape_pattern(shape, c, d.end)), expression=s(""))
        out[c] = text if c in ("f", "z") else cast(text, "BIGINT")
    return out


def _leap(d: Dialect, y: exp.Expression) -> exp.Expression:
    return exp.or_(
        exp.and_(
            exp.EQ(this=modulo(d, y.copy(), 4), expression=n(0)),
            exp.NEQ(this=modulo(d, y.copy(), 100), expression=n(0)),
        ),
        exp.EQ(this=modulo(d, y.copy(), 400), expression=n(0)),
    )


_DAYS_BEFORE = (0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334)


def civil_seconds(
    d: Dialect, y: exp.Expression, m: exp.Expression, day: exp.Expression
) -> tuple[exp.Expression, exp.Expression]:
    """Seconds from 1970-01-01 to the start of day y-m-day (y ≥ 1000), and whether that day
    exists: integer arithmetic only (no engine's date functions)."""
    leap = _leap(d, y)
    month_days = case(
        [(exp.EQ(this=m.copy(), expression=n(2)), case([(leap, n(29))], n(28)))]
        + [(exp.In(this=m.copy(), expressions=[n(4), n(6), n(9), n(11)]), n(30))],
        n(31),
    )
    valid = exp.and_(
        exp.Between(this=m.copy(), low=n(1), high=n(12)),
        exp.GTE(this=day.copy(), expression=n(1)),
        exp.LTE(this=day.copy(), expression=month_days),
    )
    before = sub(y.copy(), n(1))
    leaps = add(sub(idiv(before, 4), idiv(before.copy(), 100)), idiv(before.copy(), 400))
    leaps_1970 = 1969 // 4 - 1969 // 100 + 1969 // 400
    month_start = case(
        [(exp.EQ(this=m.copy(), expression=n(k + 1)), n(v)) for k, v in enumerate(_DAYS_BEFORE)]
    )
    leap_day = case([(exp.and_(exp.GT(this=m.copy(), expression=n(2)), leap.copy()), n(1))], n(0))
    days = add(
        mul(sub(y.copy(), n(1970)), n(365)),
        sub(leaps, n(leaps_1970)),
        month_start,
        leap_day,
        sub(day.copy(), n(1)),
    )
    return mul(days, n(86_400)), valid


def wall_seconds(d: Dialect, parts: dict[str, exp.Expression]) -> exp.Expression:
    """A cell's wall time in seconds since 1970 (as if in UTC) from its parts (columns, see
    `stamp_parts`): NULL when it does not have the shape, names no real time, or has a year
    before 1000 (as DuckDB's read)."""
    if "y" in parts:
        y = parts["y"]
    else:
        yy = parts["yy"]
        y = add(yy, case([(exp.LT(this=yy.copy(), expression=n(69)), n(2000))], n(1900)))
    zero = n(0)

    def part(c: str) -> exp.Expression:
        return exp.Coalesce(this=parts[c].copy(), expressions=[zero.copy()]) if c in parts else zero.copy()

    hour, minute, second = part("h"), part("mi"), part("s")
    fraction: exp.Expression = double(d, 0.0)
    if "f" in parts:
        six = call("LEFT", parts["f"].copy(), n(6))
        fraction = exp.Coalesce(
            this=cast(exp.DPipe(this=s("0."), expression=six), "DOUBLE"), expressions=[double(d, 0.0)]
        )
    day_start, valid = civil_seconds(d, y, parts["mo"], parts["d"])
    times_ok = exp.and_(
        parts["ok"].copy(),
        exp.LTE(this=hour.copy(), expression=n(23)),
        exp.LTE(this=minute.copy(), expression=n(59)),
        exp.LTE(this=second.copy(), expression=n(59)),
        exp.GTE(this=y.copy(), expression=n(1000)),
        valid,
    )
    clock = add(mul(hour, n(3600)), mul(minute, n(60)), second)
    return case([(times_ok, add(day_start, clock, fraction))])


def offset_seconds(z: exp.Expression) -> exp.Expression:
    """An offset as written in an `iso` cell (`Z`, `-03`, `-0300`, `-03:00`; a column), in
    seconds east of UTC."""
    sign = case([(exp.EQ(this=call("LEFT", z.copy(), n(1)), expression=s("-")), n(-1))], n(1))
    hours = cast(call("SUBSTR", z.copy(), n(2), n(2)), "BIGINT")
    rest = call("REPLACE", call("SUBSTR", z.copy(), n(4)), s(":"), s(""))
    minutes = exp.Coalesce(
        this=cast(exp.Nullif(this=rest, expression=s("")), "BIGINT"), expressions=[n(0)]
    )
    letter = exp.In(this=z.copy(), expressions=[s("Z"), s("z")])
    return case([(letter, n(0))], mul(sign, add(mul(hours, n(3600)), mul(minutes, n(60)))))


# --- the export's zone -------------------------------------------------------------------------

SCAN_FROM = datetime(1899, 12, 25, tzinfo=UTC)
SCAN_TO = datetime(2100, 1, 8, tzinfo=UTC)


@dataclass(frozen=True)
class Transition:
    at: int
    """The first UTC second with the new offset."""
    before: int
    after: int
    """Offsets in seconds east of UTC."""

    @property
    def wall(self) -> int:
        """The wall time the old clock shows at the transition: walls from here on read with
        the new offset (a repeated wall time before it is its first pass)."""
        return self.at + self.before


@cache
def transitions(zone: str) -> tuple[int, tuple[Transition, ...]]:
    """The zone's offset before SCAN_FROM and its transitions to SCAN_TO (weekly samples,
    then bisection to the second), from Python's zone data."""
    tz = ZoneInfo(zone)

    def offset(second: int) -> int:
        off = datetime.fromtimestamp(second, UTC).astimezone(tz).utcoffset()
        return int(off.total_seconds()) if off is not None else 0

    start = int(SCAN_FROM.timestamp())
    end = int(SCAN_TO.timestamp())
    first = offset(start)
    out: list[Transition] = []
    prev_s, prev_o = start, first
    step = 7 * 86_400
    t = start + step
    while t <= end + step:
        o = offset(t)
        if o != prev_o:
            lo, hi = prev_s, t
            while hi - lo > 1:
                mid = (lo + hi) // 2
                if offset(mid) == prev_o:
                    lo = mid
                else:
                    hi = mid
            out.append(Transition(hi, prev_o, offset(hi)))
            prev_o = offset(hi)
        prev_s = t
        t += step
    return first, tuple(out)


def zone_instant(d: Dialect, wall: exp.Expression, zone: str) -> exp.Expression:
    """The instant (seconds) of a wall time (seconds, as if UTC) in `zone`, as leadsla reads
    naive stamps (data/localtime.py): a repeated wall time is its first pass, a skipped one
    the instant of the jump. The zone's transitions are written into the SQL as a binary
    search (a CASE tree as deep as log2 of their number), so every engine applies the same
    rules whatever its own zone data or session zone."""
    first, changes = transitions(zone)

    def leaf(i: int) -> exp.Expression:
        # before transition 0: the first offset; from transition i on: its offset
        if i < 0:
            return sub(wall.copy(), n(first))
        t = changes[i]
        read = sub(wall.copy(), n(t.after))
        if t.after > t.before:  # a gap: walls in it fall on the jump
            return case([(exp.LT(this=read, expression=n(t.at)), n(t.at))], read.copy())
        return read

    def tree(lo: int, hi: int) -> exp.Expression:
        # transitions lo..hi-1 are candidates; -1 stands for "before the first"
        if hi - lo == 1:
            return leaf(lo)
        mid = (lo + hi) // 2
        test = exp.LT(this=wall.copy(), expression=n(changes[mid].wall))
        return case([(test, tree(lo, mid))], tree(mid, hi))

    return tree(-1, len(changes))


def epoch_of(value: datetime) -> float:
    return (value - datetime(1970, 1, 1, tzinfo=UTC)) / timedelta(seconds=1)

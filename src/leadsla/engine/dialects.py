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

import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cache
from zoneinfo import ZoneInfo

import sqlglot.expressions as exp

from leadsla.sla import lowercase
from leadsla.sla.regex_subset import (
    ISO_NAIVE_SHAPE,
    Shape,
    prefix_pattern,
    shape_pattern,
)

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


def ident(name: str) -> exp.Identifier:
    """A quoted identifier: every name in a compiled script is quoted (Snowflake folds
    unquoted names to upper case; user text enters only as literals and quoted names)."""
    return exp.to_identifier(name, quoted=True)


def col(name: str, table: str | None = None) -> exp.Column:
    """A quoted column, qualified by a quoted table alias when given."""
    return exp.column(ident(name), table=ident(table) if table else None)


def named(e: exp.Expression, name: str) -> exp.Expression:
    """`e AS "name"` (in place: `e` is not copied)."""
    return exp.alias_(e, name, quoted=True, copy=False)


def is_null(e: exp.Expression) -> exp.Expression:
    return exp.Is(this=e, expression=exp.null())


def not_null(e: exp.Expression) -> exp.Expression:
    return exp.not_(is_null(e))


def call(name: str, *args: exp.Expression) -> exp.Expression:
    return exp.Anonymous(this=name, expressions=list(args))


def s(text: str) -> exp.Literal:
    return exp.Literal.string(text)


def n(value: int) -> exp.Literal:
    return exp.Literal.number(str(value))


_ATOMIC = (exp.Paren, exp.Column, exp.Literal, exp.Func, exp.Case, exp.Null)


def paren(e: exp.Expression, keep: tuple[type[exp.Expression], ...] = ()) -> exp.Expression:
    """`e` as an operand: parenthesised unless it is one token, a call, or of a kind in
    `keep` (sqlglot prints a tree as built, without the parentheses precedence needs)."""
    return e if isinstance(e, _ATOMIC + keep) else exp.Paren(this=e)


_SUM = (exp.Add, exp.Sub, exp.Mul, exp.Div, exp.Neg)
_PRODUCT = (exp.Mul, exp.Div, exp.Neg)


def add(*terms: exp.Expression) -> exp.Expression:
    """`a + b + c` (left-associative: no parentheses between the terms)."""
    out = paren(terms[0], _SUM)
    for t in terms[1:]:
        out = exp.Add(this=out, expression=paren(t, _PRODUCT))
    return out


def sub(a: exp.Expression, b: exp.Expression) -> exp.Expression:
    if isinstance(b, exp.Neg) and isinstance(b.this, exp.Literal):
        return add(a, b.this)  # never `x - -3`
    return exp.Sub(this=paren(a, _SUM), expression=paren(b, _PRODUCT))


def mul(a: exp.Expression, b: exp.Expression) -> exp.Expression:
    return exp.Mul(this=paren(a, _PRODUCT), expression=paren(b, (exp.Neg,)))


def div(a: exp.Expression, b: exp.Expression) -> exp.Expression:
    return exp.Div(this=paren(a, _PRODUCT), expression=paren(b, (exp.Neg,)))


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


def number_cast(d: Dialect, text: exp.Expression, to: str) -> exp.Expression:
    """Text that a pattern has already found to be a number, as one (DOUBLE or BIGINT). Where
    the engine has a cast that yields NULL it is used too (whether a CASE branch not taken is
    evaluated is not promised everywhere): DuckDB's TRY_CAST, BigQuery's SAFE_CAST,
    Snowflake's TRY_TO_DOUBLE and TRY_TO_NUMBER. Not sqlglot's TryCast there: it prints a
    plain CAST for Snowflake (unless it knows the input is text) and for Spark. PostgreSQL
    has no such cast and Spark's is syntax sqlglot does not print; both evaluate CASE lazily."""
    if d.name in ("postgres", "spark"):
        return cast(text, to)
    if d.name == "snowflake":
        return call("TRY_TO_DOUBLE" if to == "DOUBLE" else "TRY_TO_NUMBER", text)
    return exp.TryCast(this=text, to=exp.DataType.build(to))


# --- text --------------------------------------------------------------------------------------


LATIN1 = 0x0100
"""Capitals below this (ASCII and Latin-1: `JOÃO`, `SÃO PAULO`) are most of those a
PostgreSQL cell holds: they are lowered by a short TRANSLATE."""


@cache
def _fold_strings() -> dict[str, tuple[str, str]]:
    """The pairs of DuckDB's lower() (sla/lowercase.py) as TRANSLATE's two strings: `all`,
    `latin1` (U+0080..U+00FF) and `wide` (beyond ASCII), and as a regex class
    (`upper_wide`: the capitals beyond Latin-1, `upper_latin1`)."""
    pairs = lowercase.pairs()

    def strings(keep: Callable[[int], bool]) -> tuple[str, str]:
        chosen = [(a, b) for a, b in pairs if keep(a)]
        return "".join(chr(a) for a, _ in chosen), "".join(chr(b) for _, b in chosen)

    return {
        "all": strings(lambda c: True),
        "latin1": strings(lambda c: 0x80 <= c < LATIN1),
        "wide": strings(lambda c: c >= 0x80),
    }


def _class(codes: list[int]) -> str:
    """A regex class of the code points (consecutive ones as ranges; letters only, so nothing
    needs an escape)."""
    out: list[str] = []
    i = 0
    while i < len(codes):
        j = i
        while j + 1 < len(codes) and codes[j + 1] == codes[j] + 1:
            j += 1
        out.append(chr(codes[i]) + ("-" + chr(codes[j]) if j > i else ""))
        i = j + 1
    return "[" + "".join(out) + "]"


def lower(d: Dialect, e: exp.Expression) -> exp.Expression:
    """`e` lower-cased exactly as DuckDB's lower() does it (the SLA's values are lowered
    alike, sla/lowercase.py), whatever the engine's Unicode tables or locale: DuckDB maps
    each code point to one (`İ` -> `i`, `Σ` -> `σ` everywhere), where Java's (Spark's) lower()
    gives `i̇` and a final `ς`, and PostgreSQL's folds ASCII only under the C locale. So every
    other engine translates DuckDB's own table of the 1,433 code points it changes.

    PostgreSQL's TRANSLATE looks each character up in a list (a 1,400-letter list costs about
    0.2 ms per cell): ASCII capitals there by LOWER under the C collation (ASCII only, whatever
    the database's locale), and the list applied only to a cell that holds a capital beyond
    ASCII (a regex test), the short Latin-1 list when it holds no other. The other engines'
    TRANSLATE is a map lookup per character: the whole table, no LOWER."""
    if d.name == "duckdb":
        return call("LOWER", e)
    strings = _fold_strings()
    if d.name != "postgres":
        upper, low = strings["all"]
        return call("TRANSLATE", e, s(upper), s(low))
    ascii_lowered = call(
        "LOWER", exp.Collate(this=e.copy(), expression=exp.to_identifier("C", quoted=True))
    )
    wide = [a for a, _ in lowercase.pairs() if a >= LATIN1]
    latin1 = [a for a, _ in lowercase.pairs() if 0x80 <= a < LATIN1]
    return case(
        [
            (
                exp.RegexpLike(this=e.copy(), expression=s(_class(wide))),
                call("TRANSLATE", ascii_lowered.copy(), *map(s, strings["wide"])),
            ),
            (
                exp.RegexpLike(this=e.copy(), expression=s(_class(latin1))),
                call("TRANSLATE", ascii_lowered.copy(), *map(s, strings["latin1"])),
            ),
        ],
        ascii_lowered,
    )


def trimmed(e: exp.Expression) -> exp.Expression:
    """Spaces and no-break spaces off both ends (reader.py's `_trimmed`)."""
    return exp.Trim(this=e, expression=s(" \u00a0"))


@cache
def _casefold_table() -> tuple[str, str, tuple[tuple[str, str], ...]]:
    """Python's `str.casefold()` as tables, from Python's own data: every code point it
    changes, with a one-character fold (TRANSLATE's two strings, ASCII capitals included) or a
    longer one (`ß` -> `ss`, `İ` -> `i̇`, `ﬃ` -> `ffi`: pairs for REPLACE). casefold folds each
    code point on its own (no context, unlike lower()'s final sigma) and its results fold to
    themselves, so applying the tables in any order gives casefold's text."""
    one_from, one_to, longer = [], [], []
    for code in range(sys.maxunicode + 1):
        if 0xD800 <= code <= 0xDFFF:
            continue
        ch = chr(code)
        folded = ch.casefold()
        if folded == ch:
            continue
        if len(folded) == 1:
            one_from.append(ch)
            one_to.append(folded)
        else:
            longer.append((ch, folded))
    return "".join(one_from), "".join(one_to), tuple(longer)


_ASCII_UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def casefold(d: Dialect, e: exp.Expression) -> exp.Expression:
    """`e` as Python's `str.casefold()` folds it, code point by code point, in every dialect
    (report's `for_each` groups and their overrides: engine/goals.py's `fold_key`): never the
    engine's LOWER (`Straße` is `strasse`, `ǅ` is `ǆ`, whatever the engine or the database's
    locale). `casefold_letters`, then `casefold_longer` with every pair of
    `casefold_pairs()` (a script may apply them a few at a time: see compile_goals)."""
    return casefold_longer(casefold_letters(d, e), casefold_pairs())


def casefold_pairs() -> tuple[tuple[str, str], ...]:
    """The code points whose casefold is longer than one (`ß` -> `ss`), with it."""
    return _casefold_table()[2]


def casefold_letters(d: Dialect, e: exp.Expression) -> exp.Expression:
    """The one-letter folds of casefold (ASCII capitals included): one TRANSLATE. On
    PostgreSQL, whose TRANSLATE looks each character up in its 1,400-letter list, an ASCII
    cell (most) is only translated A-Z (not LOWER: a Turkish locale lowers `I` to `ı`)."""
    one_from, one_to, _longer = _casefold_table()
    folded = call("TRANSLATE", e, s(one_from), s(one_to))
    if d.name != "postgres":
        return folded
    ascii_only = exp.not_(find(d, e.copy(), "[^\\x01-\\x7f]"))
    return case(
        [(ascii_only, call("TRANSLATE", e.copy(), s(_ASCII_UPPER), s(_ASCII_UPPER.lower())))],
        folded,
    )


def casefold_longer(e: exp.Expression, pairs: tuple[tuple[str, str], ...]) -> exp.Expression:
    """The longer folds of `pairs` (from casefold_pairs): one REPLACE each. Their sources
    are no one-letter fold's result and their results fold to themselves, so they may come
    before or after `casefold_letters`, in any order."""
    for source, target in pairs:
        e = call("REPLACE", e, s(source), s(target))
    return e


def plain_groups(pattern: str) -> tuple[str, int]:
    """`pattern` with its non-capturing groups `(?:` written as groups `(`, for Snowflake's
    POSIX syntax, which has no `(?:`; and the number of the first capturing group in it (0:
    none). No pattern leadsla writes refers to a group by number, so the meaning is kept."""
    out: list[str] = []
    groups, capture = 0, 0
    i, in_class = 0, False
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            out.append(pattern[i : i + 2])
            i += 2
            continue
        if in_class:
            in_class = ch != "]" or pattern[i - 1] == "["
        elif ch == "[":
            in_class = True
        elif ch == "(":
            groups += 1
            if pattern.startswith("(?:", i):
                out.append("(")
                i += 3
                continue
            capture = capture or groups
        out.append(ch)
        i += 1
    return "".join(out), capture


def find(d: Dialect, text: exp.Expression, pattern: str) -> exp.Expression:
    """Is `pattern` (already in the dialect's spelling) found anywhere in `text`?"""
    if d.name == "snowflake":
        pattern = plain_groups(pattern)[0]
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
    plain, group = plain_groups(pattern)
    return call("REGEXP_SUBSTR", text, s(plain), n(1), n(1), s("e"), n(group))


def contains(d: Dialect, text: exp.Expression, part: str) -> exp.Expression:
    position = call(
        "STRPOS" if d.name in ("postgres", "bigquery", "duckdb") else "INSTR", text, s(part)
    )
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
            a
            if isinstance(a, exp.Literal)
            or (isinstance(a, exp.Neg) and isinstance(a.this, exp.Literal))
            else exp.Coalesce(this=a.copy(), expressions=[b.copy() for b in args if b is not a])
            for a in args
        ]
    return call(name, *args)


def idiv(a: exp.Expression, by: int) -> exp.Expression:
    """⌊a / by⌋ for a ≥ 0 (PostgreSQL divides integers as integers, the others as numbers)."""
    return call("FLOOR", div(a, n(by)))


def modulo(d: Dialect, a: exp.Expression, by: int) -> exp.Expression:
    return (
        call("MOD", a, n(by))
        if d.name in ("bigquery", "snowflake", "postgres")
        else exp.Paren(this=exp.Mod(this=paren(a), expression=n(by)))
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


def fail(d: Dialect, *parts: str | exp.Expression) -> exp.Expression:
    """An expression that stops the query, when evaluated, with the text of `parts` (strings
    as they are, expressions as text; a NULL one reads `?`).

    It must depend on a value read from a row (a column, or an aggregate of a subquery): a
    planner evaluates an expression built of constants (PostgreSQL folds them, stable functions
    such as now() included when it estimates a WHERE clause; Spark and Snowflake fold
    constants too) even in a CASE branch or a COALESCE argument that no row reaches. `sqlcheck`
    refuses a failing expression without a column. PostgreSQL and Snowflake have no function
    that raises: a cast of the message to a number, which cannot succeed."""
    pieces: list[exp.Expression] = []
    for p in parts:
        if isinstance(p, str):
            pieces.append(s(p))
        else:
            text_ = p if isinstance(p, exp.DPipe) else cast(p, "VARCHAR")
            pieces.append(exp.Coalesce(this=text_, expressions=[s("?")]))
    text = pieces[0]
    for p in pieces[1:]:
        text = exp.DPipe(this=text, expression=p)
    if d.name == "duckdb":
        return call("ERROR", text)
    if d.name == "spark":
        return call("RAISE_ERROR", text)
    if d.name == "bigquery":
        return call("ERROR", text)
    return cast(text, "BIGINT")


def utc_text(d: Dialect, seconds: exp.Expression) -> exp.Expression:
    """An instant (seconds since 1970) as readable text in UTC, `2020-01-15 10:00:00 UTC`, in
    every dialect (whatever the session's time zone), for the messages of `fail`."""
    micros = cast(call("ROUND", mul(seconds, double(d, 1e6))), "BIGINT")
    if d.name in ("duckdb", "postgres"):
        utc = call("TIMEZONE", s("UTC"), call("TO_TIMESTAMP", seconds))
        text = (
            call("STRFTIME", utc, s("%Y-%m-%d %H:%M:%S"))
            if d.name == "duckdb"
            else call("TO_CHAR", utc, s("YYYY-MM-DD HH24:MI:SS"))
        )
    elif d.name == "spark":
        # the wall time in UTC, shown by DATE_FORMAT in the session's zone
        utc = call("TO_UTC_TIMESTAMP", call("TIMESTAMP_MICROS", micros), call("CURRENT_TIMEZONE"))
        text = call("DATE_FORMAT", utc, s("yyyy-MM-dd HH:mm:ss"))
    elif d.name == "bigquery":
        text = call(
            "FORMAT_TIMESTAMP", s("%Y-%m-%d %H:%M:%S"), call("TIMESTAMP_MICROS", micros), s("UTC")
        )
    else:
        text = call("TO_CHAR", call("TO_TIMESTAMP_NTZ", micros, n(6)), s("YYYY-MM-DD HH24:MI:SS"))
    return exp.DPipe(this=text, expression=s(" UTC"))


def to_timestamp(d: Dialect, seconds: exp.Expression) -> exp.Expression:
    """An instant (seconds since 1970) as the engine's timestamp with a time zone."""
    if d.name in ("duckdb", "postgres"):
        return call("TO_TIMESTAMP", seconds)
    micros = cast(call("ROUND", mul(seconds, double(d, 1e6))), "BIGINT")
    if d.name == "spark":
        return call("TIMESTAMP_MICROS", micros)
    if d.name == "bigquery":
        return call("TIMESTAMP_MICROS", micros)
    return call("TO_TIMESTAMP_TZ", micros, n(6))


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
    return case([(ok, number_cast(d, digits, "DOUBLE"))])


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


def shape_column(d: Dialect, shape: Shape) -> str:
    """What `shaped` gives, as the suffix of its column: `ok`, whether the cell has the shape;
    or `m` (PostgreSQL, shapes whose parts are runs of digits between other characters): the
    cell's runs of digits, one `regexp_split_to_array` of the cells that have the shape (NULL
    for the others), which `stamp_parts` reads the parts from. A `SUBSTRING` per part costs
    ~5 us a call and a script has ~200 a row; `regexp_match` with a group per part is slower
    still (PostgreSQL's regex engine dissects groups by backtracking: ~70 us a call)."""
    return "m" if d.name == "postgres" and _first_run(shape) is not None else "ok"


_LITERAL = re.compile(r"(?:[^0-9\\^$|?*+()\[\]{}.]|\\[^0-9A-Za-z]|\[[^]0-9]*\])\+?")
"""A plain piece of a date format's shape that matches no digit (a character, escaped or
not, a class without digits, once or more)."""
DIGIT_RUNS = "[^0-9]+"


def _first_run(shape: Shape) -> int | None:
    """The index (from 1) of a shape's first part among a cell's runs of digits split on
    DIGIT_RUNS, when every part is such a run, in order: the parts are digits and each is
    parted from the next by plain pieces that match no digit; a leading plain piece makes an
    empty first run. Then each run is the part the greedy `prefix_pattern` reads (the cell has
    the shape: each run is as long as its part allows). None for any other shape."""
    if shape == ISO_NAIVE_SHAPE:
        # yyyy-mm-dd[( |T)hh:mm[:ss[.f]]]: the parts present are the first runs
        return 1
    pieces = shape[1:] if shape[:1] == [("^", None)] else None
    if not pieces or any(c in ("z", "f") for _p, c in pieces):
        return None
    parted = True  # the first part may start the cell
    for piece, part in pieces:
        if part is None:
            if not _LITERAL.fullmatch(piece):
                return None
            parted = True
        elif not parted:
            return None
        else:
            parted = False
    return 2 if pieces[0][1] is None else 1


def shaped(d: Dialect, k: exp.Expression, shape: Shape) -> exp.Expression:
    """Does a cell have `shape` (a whole match)? Or its runs of digits (see shape_column)."""
    has = find(d, k.copy(), shape_pattern(shape, None, d.end))
    if shape_column(d, shape) == "m":
        return case([(has, call("REGEXP_SPLIT_TO_ARRAY", k.copy(), s(DIGIT_RUNS)))])
    return has


def stamp_parts(
    d: Dialect, k: exp.Expression, shape: Shape, ok: exp.Expression
) -> dict[str, exp.Expression]:
    """The parts of a cell of `shape`, read only where `ok` (a column: the cell has the
    shape; most cells have the shape of one format, so most extractions are not run): each
    number part as a BIGINT (NULL when absent), `f` the fraction's digits and `z` the offset
    as written. Columns of their own layer: `wall_seconds` reads each several times. Where
    `shape_column` is `m`, `ok` is that column (the runs of digits) and `ok` a part too."""
    out: dict[str, exp.Expression] = {}
    first = _first_run(shape)
    match = shape_column(d, shape) == "m"
    if match:
        # `ok` is the cell's runs of digits (see shape_column): the parts are runs, NULL
        # where it is NULL (no guard), or past its end (ISO's optional parts)
        out["ok"] = exp.Not(this=exp.Is(this=ok.copy(), expression=exp.null()))
    parts = [c for _piece, c in shape if c is not None]
    for run, c in enumerate(parts, start=first or 1):
        if match:
            found = exp.Bracket(this=exp.Paren(this=ok.copy()), expressions=[n(run)], offset=1)
        else:
            found = extract(d, k.copy(), prefix_pattern(shape, c))
        text = exp.Nullif(this=found, expression=s(""))
        value = text if c in ("f", "z") else number_cast(d, text, "BIGINT")
        out[c] = value if match else case([(ok.copy(), value)])
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


def year_of(parts: dict[str, exp.Expression]) -> exp.Expression:
    """The year of a cell's parts: %Y's, or %y's (69-99: 1900s, else 2000s, as DuckDB)."""
    if "y" in parts:
        return parts["y"].copy()
    yy = parts["yy"]
    return add(yy.copy(), case([(exp.LT(this=yy.copy(), expression=n(69)), n(2000))], n(1900)))


def _or_zero(parts: dict[str, exp.Expression], c: str) -> exp.Expression:
    return exp.Coalesce(this=parts[c].copy(), expressions=[n(0)]) if c in parts else n(0)


def stamp_valid(
    d: Dialect, parts: dict[str, exp.Expression], year: exp.Expression, end_of_day: bool = False
) -> exp.Expression:
    """Does a cell of the shape name a real time from the year 1000 on (parts as columns)?
    With `end_of_day` (an `iso` shape), `24:00`, `24:00:00` and `24:00:00.000` are too, as
    DuckDB's cast reads them: the next day's midnight (wall_seconds counts 24 hours on);
    `24:00:01`, `24:30` and `24:00:00.5` are not."""
    m, day = parts["mo"], parts["d"]
    leap = _leap(d, year)
    month_days = case(
        [
            (exp.EQ(this=m.copy(), expression=n(2)), case([(leap, n(29))], n(28))),
            (exp.In(this=m.copy(), expressions=[n(4), n(6), n(9), n(11)]), n(30)),
        ],
        n(31),
    )
    return exp.and_(
        parts["ok"].copy(),
        exp.GTE(this=year.copy(), expression=n(1000)),
        exp.Between(this=m.copy(), low=n(1), high=n(12)),
        exp.Between(this=day.copy(), low=n(1), high=month_days),
        *[
            exp.LTE(this=_or_zero(parts, c), expression=n(most))
            for c, most in (("h", 23), ("mi", 59), ("s", 59))
            if c in parts and not (c == "h" and end_of_day)
        ],
        *([_hour_ok(parts)] if end_of_day and "h" in parts else []),
    )


def _hour_ok(parts: dict[str, exp.Expression]) -> exp.Expression:
    """Hour 0..23, or 24 with nothing after it but zeros."""
    zeros = [exp.EQ(this=_or_zero(parts, c), expression=n(0)) for c in ("mi", "s") if c in parts]
    if "f" in parts:
        digits = call("REPLACE", parts["f"].copy(), s("0"), s(""))
        zeros.append(exp.EQ(this=exp.Coalesce(this=digits, expressions=[s("")]), expression=s("")))
    midnight = exp.and_(exp.EQ(this=_or_zero(parts, "h"), expression=n(24)), *zeros)
    return exp.Paren(
        this=exp.or_(exp.LTE(this=_or_zero(parts, "h"), expression=n(23)), exp.Paren(this=midnight))
    )


_DAYS_BEFORE = (0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334)


def wall_seconds(
    d: Dialect, year: exp.Expression, parts: dict[str, exp.Expression]
) -> exp.Expression:
    """A valid cell's wall time in seconds since 1970 (as if in UTC), from its year and parts
    (columns): integer arithmetic only, no engine's date functions."""
    m = parts["mo"]
    leap = _leap(d, year)
    before = sub(year.copy(), n(1))
    leaps = add(sub(idiv(before, 4), idiv(before.copy(), 100)), idiv(before.copy(), 400))
    leaps_1970 = 1969 // 4 - 1969 // 100 + 1969 // 400
    # days in the months before m: ⌊(367m - 362) / 12⌋, less 2 after February (1 in a leap
    # year); the first term is never negative
    month_start = add(
        idiv(sub(mul(n(367), m.copy()), n(362)), 12),
        case([(exp.GT(this=m.copy(), expression=n(2)), case([(leap, n(-1))], n(-2)))], n(0)),
    )
    days = add(
        mul(sub(year.copy(), n(1970)), n(365)),
        sub(leaps, n(leaps_1970)),
        month_start,
        sub(parts["d"].copy(), n(1)),
    )
    clock = add(
        mul(_or_zero(parts, "h"), n(3600)), mul(_or_zero(parts, "mi"), n(60)), _or_zero(parts, "s")
    )
    total = add(mul(days, n(86_400)), clock)
    if "f" in parts:
        six = call("LEFT", parts["f"].copy(), n(6))
        fraction = exp.Coalesce(
            this=number_cast(d, exp.DPipe(this=s("0."), expression=six), "DOUBLE"),
            expressions=[double(d, 0.0)],
        )
        total = add(total, fraction)
    return total


def offset_seconds(d: Dialect, z: exp.Expression) -> exp.Expression:
    """An offset as written in an `iso` cell (`Z`, `-03`, `-0300`, `-03:00`; a column), in
    seconds east of UTC."""
    sign = case([(exp.EQ(this=call("LEFT", z.copy(), n(1)), expression=s("-")), n(-1))], n(1))
    hours = number_cast(d, call("SUBSTR", z.copy(), n(2), n(2)), "BIGINT")
    rest = call("REPLACE", call("SUBSTR", z.copy(), n(4)), s(":"), s(""))
    minutes = exp.Coalesce(
        this=number_cast(d, exp.Nullif(this=rest, expression=s("")), "BIGINT"), expressions=[n(0)]
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


@dataclass(frozen=True)
class ZoneTable:
    """A zone's offsets by year of the wall time: before `first` the offset is `before`;
    after `last`, `after` (with `after_at`, the last transition, for a gap that crosses into
    the next year); in between one row per year: the offset at the year's start, then up to
    `width` transitions (their walls, offsets and instants)."""

    before: int
    first: int
    last: int
    after: int
    after_at: int
    width: int
    rows: tuple[tuple[int | None, ...], ...]
    """(year, o0, a0, w1, o1, a1, ..., wK, oK, aK): walls, offsets, instants in seconds."""

    def columns(self) -> list[str]:
        out = ["yr", "o0", "a0"]
        for k in range(1, self.width + 1):
            out += [f"w{k}", f"o{k}", f"a{k}"]
        return out


FAR_PAST = -(10**12)


@cache
def zone_table(zone: str) -> ZoneTable:
    first_off, changes = transitions(zone)
    if not changes:
        return ZoneTable(first_off, 1, 0, first_off, FAR_PAST, 0, ())

    def wall_year(wall: int) -> int:
        return (datetime(1970, 1, 1) + timedelta(seconds=wall)).year

    by_year: dict[int, list[Transition]] = {}
    for c in changes:
        by_year.setdefault(wall_year(c.wall), []).append(c)
    first, last = min(by_year), max(by_year)
    width = max(len(v) for v in by_year.values())
    rows: list[tuple[int | None, ...]] = []
    offset, at = first_off, FAR_PAST
    for year in range(first, last + 1):
        row: list[int | None] = [year, offset, at]
        for c in by_year.get(year, []):
            row += [c.wall, c.after, c.at]
            offset, at = c.after, c.at
        row += [None] * (len(ZoneTable(0, 0, 0, 0, 0, width, ()).columns()) - len(row))
        rows.append(tuple(row))
    return ZoneTable(first_off, first, last, changes[-1].after, changes[-1].at, width, tuple(rows))


def rows_table(
    d: Dialect, name: str, columns: list[str], rows: list[tuple[int | None, ...]]
) -> exp.Select:
    """A table of BIGINT rows written into the script: VALUES, or for BigQuery (which has no
    VALUES) an UNNEST of STRUCTs."""

    def value(v: int | None) -> exp.Expression:
        return exp.null() if v is None else n(v)

    idents = [ident(c) for c in columns]
    if d.name == "bigquery" and len(columns) == 1:
        # `(0)` is no one-field STRUCT: an array of numbers, named by its alias
        array = exp.Array(expressions=[value(row[0]) for row in rows])
        return exp.select(exp.Star()).from_(
            exp.Unnest(expressions=[array], alias=exp.TableAlias(columns=[idents[0]]))
        )
    if d.name == "bigquery":
        fields = ", ".join(f"{c} INT64" for c in columns)
        kind = exp.DataType.build(f"ARRAY<STRUCT<{fields}>>", dialect="bigquery")
        tuples = [exp.Tuple(expressions=[value(v) for v in row]) for row in rows]
        array = exp.Cast(this=exp.Array(expressions=tuples), to=kind)
        return exp.select(exp.Star()).from_(exp.Unnest(expressions=[array]))
    values = exp.Values(
        expressions=[exp.Tuple(expressions=[value(v) for v in row]) for row in rows],
        alias=exp.TableAlias(this=ident(name), columns=idents),
    )
    return exp.select(exp.Star()).from_(values)


def _at_least(value: exp.Expression, floor: exp.Expression) -> exp.Expression:
    return case([(exp.LT(this=value, expression=floor), floor.copy())], value.copy())


def zone_instant(
    d: Dialect, wall: exp.Expression, year: exp.Expression, row: str, zt: ZoneTable
) -> exp.Expression:
    """The instant (seconds) of a wall time (seconds, as if UTC) of `year` in the zone of
    `zt`, whose row for `year` is joined as `row`. As leadsla reads naive stamps
    (data/localtime.py): a repeated wall time is its first pass, a skipped one the instant of
    the jump. Every engine applies the same transitions, whatever its own zone data."""
    if zt.width == 0:
        return sub(wall.copy(), n(zt.before))

    def z(c: str) -> exp.Column:
        return col(c, row)

    def read(k: int) -> exp.Expression:
        return _at_least(sub(wall.copy(), z(f"o{k}")), z(f"a{k}"))

    whens = []
    for k in range(1, zt.width + 1):
        before = exp.or_(
            is_null(z(f"w{k}")),
            exp.LT(this=wall.copy(), expression=z(f"w{k}")),
        )
        whens.append((exp.Paren(this=before), read(k - 1)))
    inside = case(whens, read(zt.width))
    return case(
        [
            (exp.LT(this=year.copy(), expression=n(zt.first)), sub(wall.copy(), n(zt.before))),
            (
                exp.GT(this=year.copy(), expression=n(zt.last)),
                _at_least(sub(wall.copy(), n(zt.after)), n(zt.after_at)),
            ),
        ],
        inside,
    )


def epoch_of(value: datetime) -> float:
    return (value - datetime(1970, 1, 1, tzinfo=UTC)) / timedelta(seconds=1)

"""`matches` patterns in the portable subset every SQL dialect runs alike (issue 14).

DuckDB runs a pattern with RE2, case-insensitively, finding it anywhere in the trimmed text.
The other engines have other regex engines: PostgreSQL's ARE (`.` matches a newline, `\\w`
follows the locale), Spark's java.util.regex (`$` matches before a final line break, `\\b`
is Unicode-aware), BigQuery's RE2, Snowflake's POSIX ERE with Perl's `\\d \\w \\s \\b` (no
look-around, no lazy quantifiers, and REGEXP_LIKE anchors the whole text). So a pattern is
parsed here and written again for each dialect, with every construct spelled explicitly:

- the text is lower-cased before matching (see engine/dialects.py) and the pattern's letters
  are lower-cased here, so matching is case-sensitive everywhere: no engine's case folding
  (PostgreSQL's `~*` folds ASCII only under the C locale) is relied on;
- `.` is `[^\\n]`, `\\d \\w \\s` are ASCII sets (RE2's), `\\b` and `\\B` are RE2's ASCII word
  boundaries (look-around where the engine spells them otherwise), `^ $ \\A \\z` anchor the
  whole text;
- lazy quantifiers become greedy ones (whether a pattern is found does not depend on it).

Anything else (Unicode classes `\\pL`, flags other than `i`, negated shorthands inside a
class, ...) is refused with the offset in the pattern where it starts. Pure Python: `validate
--dialect` uses it without loading sqlglot or DuckDB."""

from __future__ import annotations

from dataclasses import dataclass

from leadsla.sla.lowercase import fold1
from leadsla.sla.lowercase_table import MATCH_EXTRAS

DIALECTS = ("duckdb", "postgres", "spark", "bigquery", "snowflake")

WORD = "0-9A-Za-z_"
DIGIT = "0-9"
SPACE = "\t\n\f\r "
_SHORT = {"d": DIGIT, "w": WORD, "s": SPACE}
_POSIX = {
    "alpha": "A-Za-z",
    "alnum": "0-9A-Za-z",
    "digit": "0-9",
    "upper": "A-Za-z",  # case is ignored
    "lower": "A-Za-z",
    "space": "\t\n\v\f\r ",
    "xdigit": "0-9A-Fa-f",
    "word": WORD,
    "blank": "\t ",
}
_CONTROL = {"n": "\n", "t": "\t", "r": "\r", "f": "\f", "v": "\v", "a": "\a"}
_SPECIAL = set("\\.^$|?*+()[]{}")
"""Characters written escaped outside a class (only these: POSIX leaves the meaning of other
escaped characters undefined, and Snowflake's patterns are POSIX)."""


@dataclass
class Unportable(Exception):
    """A pattern outside the portable subset: `offset` is where the construct starts."""

    offset: int
    reason: str

    def __str__(self) -> str:
        return self.reason


def _lower1(ch: str) -> str:
    """A letter of the pattern lower-cased as DuckDB lowers the text it is found in."""
    return fold1(ch)


def _letters(ch: str) -> str:
    """What a letter of the pattern finds in the lowered text: its lower case, and those of
    the letters DuckDB's case-insensitive RE2 also takes for it whose lower case differs
    (`s`: `ſ`; `σ`: `ς`; `µ`: `μ`)."""
    return fold1(ch) + "".join(chr(x) for x in MATCH_EXTRAS.get(ord(ch), ()))


class _Parser:
    def __init__(self, pattern: str, dialect: str) -> None:
        self.p = pattern
        self.i = 0
        self.d = dialect
        self.out: list[str] = []

    # -- output helpers -----------------------------------------------------------------------
    def lit(self, ch: str) -> str:
        letters = _letters(ch)
        if len(letters) > 1:
            return "[" + "".join(self.class_lit(c) for c in letters) + "]"
        if letters in _SPECIAL:
            return "\\" + letters
        return letters

    def boundary(self, negated: bool) -> str:
        if self.d in ("duckdb", "bigquery", "snowflake"):
            return "\\B" if negated else "\\b"
        w = f"[{WORD}]"
        if negated:
            return f"(?:(?<={w})(?={w})|(?<!{w})(?!{w}))"
        return f"(?:(?<!{w})(?={w})|(?<={w})(?!{w}))"

    def end(self) -> str:
        return "\\z" if self.d == "spark" else "$"

    # -- parsing ------------------------------------------------------------------------------
    def fail(self, at: int, reason: str) -> Unportable:
        return Unportable(at, reason)

    def parse(self) -> str:
        if self.p.startswith("(?i)"):
            self.i = 4  # case is ignored anyway
        text = self.alternation(top=True)
        if self.i != len(self.p):  # pragma: no cover - a stray `)` is refused below
            raise self.fail(self.i, "an unbalanced `)`")
        return text

    def alternation(self, top: bool = False) -> str:
        parts = [self.sequence()]
        while self.i < len(self.p) and self.p[self.i] == "|":
            self.i += 1
            parts.append(self.sequence())
        if self.i < len(self.p) and self.p[self.i] == ")" and top:
            raise self.fail(self.i, "an unbalanced `)`")
        return "|".join(parts)

    def sequence(self) -> str:
        items: list[str] = []
        while self.i < len(self.p) and self.p[self.i] not in "|)":
            start = self.i
            atom, repeatable = self.atom()
            q = self.quantifier()
            if q:
                if not repeatable:
                    raise self.fail(start, "a repeated anchor or boundary")
                atom += q
            items.append(atom)
        return "".join(items)

    def quantifier(self) -> str:
        p, out = self.p, ""
        if self.i >= len(p):
            return ""
        ch = p[self.i]
        if ch in "*+?":
            out = ch
            self.i += 1
        elif ch == "{":
            close = p.find("}", self.i)
            body = p[self.i + 1 : close] if close > 0 else ""
            lo, _comma, hi = body.partition(",")
            if close < 0 or not lo.isdigit() or (hi and not hi.isdigit()):
                raise self.fail(self.i, "a `{` that is not a repetition `{n}`, `{n,}` or `{n,m}`")
            if int(lo) > 1000 or (hi and int(hi) > 1000):
                raise self.fail(self.i, "a repetition above 1000")
            out = "{" + body + "}"
            self.i = close + 1
        else:
            return ""
        if self.i < len(p) and p[self.i] == "?":
            self.i += 1  # lazy: the same matches, found or not
        if self.i < len(p) and p[self.i] in "*+?{":
            raise self.fail(self.i, "a quantifier after a quantifier")
        return out

    def atom(self) -> tuple[str, bool]:
        p = self.p
        start = self.i
        ch = p[self.i]
        if ch == "(":
            self.i += 1
            if p.startswith("?:", self.i):
                self.i += 2
            elif p.startswith("?i:", self.i):
                self.i += 3
            elif p.startswith("?P<", self.i) or p.startswith("?<", self.i):
                close = p.find(">", self.i)
                if close < 0:
                    raise self.fail(start, "an unfinished group name")
                self.i = close + 1
            elif p.startswith("?", self.i):
                raise self.fail(start, "a group with flags or look-around (`(?...`)")
            inner = self.alternation()
            if self.i >= len(p) or p[self.i] != ")":
                raise self.fail(start, "an unclosed `(`")
            self.i += 1
            return "(?:" + inner + ")", True
        if ch == "[":
            return self.klass(), True
        if ch == ".":
            self.i += 1
            return "[^\n]", True
        if ch == "^":
            self.i += 1
            return "^", False
        if ch == "$":
            self.i += 1
            return self.end(), False
        if ch == "\\":
            return self.escape()
        if ch in "*+?{":
            if ch == "{":
                # RE2 reads a `{` that starts no repetition as itself
                self.i += 1
                return "\\{", True
            raise self.fail(start, "a quantifier with nothing to repeat")
        self.i += 1
        return self.lit(ch), True

    def escape(self) -> tuple[str, bool]:
        p, start = self.p, self.i
        if self.i + 1 >= len(p):
            raise self.fail(start, "a trailing `\\`")
        e = p[self.i + 1]
        self.i += 2
        if e in _SHORT:
            return "[" + _SHORT[e] + "]", True
        if e in "DWS":
            return "[^" + _SHORT[e.lower()] + "]", True
        if e in "bB":
            return self.boundary(e == "B"), False
        if e == "A":
            return "^", False
        if e == "z":
            return self.end(), False
        if e in _CONTROL:
            return self.lit(_CONTROL[e]), True
        if e == "x":
            return self.lit(self.hex_escape(start)), True
        if e.isalnum():
            raise self.fail(start, f"the escape `\\{e}`")
        return self.lit(e), True

    def hex_escape(self, start: int) -> str:
        p = self.p
        if p.startswith("{", self.i):
            close = p.find("}", self.i)
            digits = p[self.i + 1 : close] if close > 0 else ""
            self.i = close + 1
        else:
            digits = p[self.i : self.i + 2]
            self.i += 2
        try:
            code = int(digits, 16)
            if code == 0:
                raise ValueError
            return chr(code)
        except ValueError:
            raise self.fail(start, "a `\\x` escape that is not a character") from None

    # -- classes ------------------------------------------------------------------------------
    def klass(self) -> str:
        p, start = self.p, self.i
        self.i += 1
        negated = p.startswith("^", self.i)
        if negated:
            self.i += 1
        items: list[str] = []  # already written for the class
        first = True
        while True:
            if self.i >= len(p):
                raise self.fail(start, "an unclosed `[`")
            ch = p[self.i]
            if ch == "]" and not first:
                self.i += 1
                break
            first = False
            if p.startswith("[:", self.i):
                close = p.find(":]", self.i)
                name = p[self.i + 2 : close] if close > 0 else ""
                if name.startswith("^") or name not in _POSIX:
                    raise self.fail(self.i, f"the class `[:{name}:]`")
                items.append(_POSIX[name])
                self.i = close + 2
                continue
            lo, lo_set = self.class_char(start)
            if lo_set is not None:
                items.append(lo_set)
                continue
            if p.startswith("-", self.i) and self.i + 1 < len(p) and p[self.i + 1] != "]":
                at = self.i
                self.i += 1
                hi, hi_set = self.class_char(start)
                if hi_set is not None or ord(hi) < ord(lo):
                    raise self.fail(
                        at, "a range in `[...]` that is not from a character to a later one"
                    )
                items.append(self.class_range(lo, hi, at))
            else:
                items.append(
                    "".join(self.class_lit(c) for c in _letters(lo))
                    + (self.class_lit(lo) if _lower1(lo) != lo else "")
                )
        body = "".join(items)
        if self.d == "snowflake" and any(c in body for c in "\\[]"):
            raise self.fail(
                start, "`\\`, `[` or `]` inside `[...]` (Snowflake's POSIX classes have no escapes)"
            )
        return "[" + ("^" if negated else "") + body + "]"

    def class_char(self, start: int) -> tuple[str, str | None]:
        """(a character, None) or ('', a set such as `0-9` for `\\d`)."""
        p = self.p
        ch = p[self.i]
        if ch != "\\":
            self.i += 1
            return ch, None
        if self.i + 1 >= len(p):
            raise self.fail(start, "an unclosed `[`")
        e = p[self.i + 1]
        at = self.i
        self.i += 2
        if e in _SHORT:
            return "", _SHORT[e]
        if e in "DWS":
            raise self.fail(at, f"`\\{e}` inside `[...]`")
        if e in _CONTROL:
            return _CONTROL[e], None
        if e == "x":
            return self.hex_escape(at), None
        if e.isalnum():
            raise self.fail(at, f"the escape `\\{e}`")
        return e, None

    def class_lit(self, ch: str) -> str:
        return "\\" + ch if ch in "\\]^-[" else ch

    def class_range(self, lo: str, hi: str, at: int) -> str:
        out = self.class_lit(lo) + "-" + self.class_lit(hi)
        span = range(ord(lo), ord(hi) + 1)
        cased = [chr(c) for c in span if _letters(chr(c)) != chr(c)]
        if not cased:
            return out
        extras = "".join(self.class_lit(x) for c in cased for x in _letters(c)[1:])
        if lo >= "A" and hi <= "Z":
            return out + self.class_lit(fold1(lo)) + "-" + self.class_lit(fold1(hi)) + extras
        if len(span) > 256:
            raise self.fail(at, "a wide range in `[...]` holding capital letters")
        return out + "".join(self.class_lit(fold1(c)) for c in cased) + extras


def translate(pattern: str, dialect: str) -> str:
    """`pattern` (RE2, case-insensitive, found anywhere) for `dialect`, to be found anywhere,
    case-sensitively, in the text lower-cased; raises Unportable."""
    return _Parser(pattern, dialect).parse()


def unportable(pattern: str, dialect: str) -> Unportable | None:
    try:
        translate(pattern, dialect)
    except Unportable as exc:
        return exc
    return None


# --- date formats: the shapes of cells, as patterns the dialect layer extracts parts with -------

COMPONENTS = ("y", "yy", "mo", "d", "h", "mi", "s", "f", "z")
"""Parts of a timestamp cell: four-digit year, two-digit year (%y), month, day, hours,
minutes, seconds, fraction digits, and the offset as written (`Z`, `-03:00`...). Names that
differ beyond case: DuckDB and BigQuery compare column names ignoring case."""

_DIRECTIVES = {
    "Y": ("y", "[0-9]{4}"),
    "y": ("yy", "[0-9]{1,2}"),
    "m": ("mo", "[0-9]{1,2}"),
    "d": ("d", "[0-9]{1,2}"),
    "H": ("h", "[0-9]{1,2}"),
    "M": ("mi", "[0-9]{1,2}"),
    "S": ("s", "[0-9]{1,2}"),
}
WHITESPACE = "[\t\n\v\f\r ]+"
"""A space in a strptime format: DuckDB's strptime takes any run of white space for it."""

Shape = list[tuple[str, str | None]]
"""A cell's shape: pattern pieces, each plain or (the piece's pattern, its component)."""

ISO_NAIVE_SHAPE: Shape = [
    ("^", None),
    ("[0-9]{4}", "y"),
    ("-", None),
    ("[0-9]{2}", "mo"),
    ("-", None),
    ("[0-9]{2}", "d"),
    ("(?:[ T]", None),
    ("[0-9]{2}", "h"),
    (":", None),
    ("[0-9]{2}", "mi"),
    ("(?::", None),
    ("[0-9]{2}", "s"),
    ("(?:[.]", None),
    ("[0-9]+", "f"),
    (")?)?)?", None),
]
ISO_ZONED_SHAPE: Shape = [
    *ISO_NAIVE_SHAPE,
    (" ?", None),
    ("[Zz]|[+-][0-9]{2}(?::?[0-9]{2})?", "z"),
    ("", None),
]
"""SPEC §2's `iso`: YYYY-MM-DD[( |T)hh:mm[:ss[.f]]][ ][Z|±hh[:mm]|±hhmm]; the offset's
parts are read from `z` (see dialects.py)."""


class FormatUnsupported(Exception):
    """A `date_formats` entry `compile` cannot write for other engines."""


def format_shape(fmt: str) -> Shape:
    """The shape of the cells a strptime pattern (without an offset) reads, as DuckDB reads
    them: numbers of one or two digits (four for %Y), a space for any run of white space."""
    out: Shape = [("^", None)]
    i = 0
    while i < len(fmt):
        ch = fmt[i]
        if ch == "%":
            d = fmt[i + 1 : i + 2]
            if d == "%":
                out.append(("%", None))
            elif d in _DIRECTIVES:
                component, piece = _DIRECTIVES[d]
                out.append((piece, component))
            else:
                raise FormatUnsupported(
                    f"`%{d}` in the date format `{fmt}`: `compile` writes only "
                    "%Y %y %m %d %H %M %S and %%"
                )
            i += 2
            continue
        out.append((WHITESPACE if ch == " " else _escape_plain(ch), None))
        i += 1
    # strptime reads a number greedily and never gives a digit back: a part of one or two
    # digits right before another number takes two (DuckDB reads `1112026` in %m%d%Y as 11,
    # 12 and the year 26, which is unreadable; a backtracking regex would find 1, 11, 2026)
    for k in range(len(out) - 1):
        part, name = out[k]
        if name is not None and out[k + 1][1] is not None and part == "[0-9]{1,2}":
            out[k] = ("[0-9]{2}", name)
    return out


def _escape_plain(ch: str) -> str:
    return "\\" + ch if ch in _SPECIAL else ch


def shape_pattern(shape: Shape, capture: str | None, end: str = "$") -> str:
    """The whole-text pattern of a shape, with `capture`'s piece the only capturing group."""
    parts = []
    for piece, component in shape:
        if component is None:
            parts.append(piece)
        else:
            parts.append(("(" if component == capture else "(?:") + piece + ")")
    return "".join(parts) + end


def prefix_pattern(shape: Shape, capture: str) -> str:
    """The pattern that captures `capture` in a text known to have the shape: the shape up to
    that part, its optional groups closed (`(?:...)?`). Shorter than the whole shape, which
    a cell is matched against once."""
    parts = []
    opened = 0
    for piece, component in shape:
        if component is None:
            parts.append(piece)
            opened += piece.count("(?:") - piece.count(")?")
            continue
        if component == capture:
            parts.append("(" + piece + ")")
            break
        parts.append("(?:" + piece + ")")
    return "".join(parts) + ")?" * opened


def format_problem(fmt: str) -> str | None:
    if fmt in ("iso", "epoch_s", "epoch_ms"):
        return None
    if "%z" in fmt or "%Z" in fmt:
        return f"the date format `{fmt}` has an offset: `compile` writes only `iso` for those"
    try:
        format_shape(fmt)
    except FormatUnsupported as exc:
        return str(exc)
    return None

"""Seeded mutations of the example SLA (examples/sla.yaml) and export (examples/leads.csv).

Every mutation is a pure function of its seed: `random.Random(f"{kind}:{seed}")` (a string
seed is hashed with SHA-512, so it is the same on every machine and Python version). A case
returns the mutated bytes and a `recipe`, the list of what was done, which the tests print
when they fail. To look at one case by hand:

    python -m tests.fuzz.mutate sla 123 > /tmp/sla.yaml
    python -m tests.fuzz.mutate export 45 > /tmp/leads.csv
"""

from __future__ import annotations

import codecs
import copy
import csv
import io
import random
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent.parent
EXAMPLE_SLA = ROOT / "examples" / "sla.yaml"
EXAMPLE_EXPORT = ROOT / "examples" / "leads.csv"


@dataclass
class Mutant:
    data: bytes
    recipe: list[str] = field(default_factory=list)

    def describe(self) -> str:
        return "; ".join(self.recipe) or "(unchanged)"


def _short(value: object, limit: int = 60) -> str:
    text = repr(value)
    return text if len(text) <= limit else f"{text[:limit]}... ({len(text):,} chars)"


# ==== odd values ===============================================================================

ODD_NUMBERS = [
    "1e400",
    "-1e400",
    ".nan",
    ".NaN",
    ".inf",
    "-.inf",
    "+.inf",
    "1e308",
    "1.7976931348623157e308",
    "4.9e-324",
    "1e-400",
    "-0",
    "0",
    "-1",
    "-999999",
    "99999999999999999999",
    "9223372036854775807",
    "9223372036854775808",
    "-9223372036854775809",
    "9" * 5001,
    "0x1F",
    "0o17",
    "1_000",
    "0.1",
    "2.5",
    "1e3",
]
ODD_STRINGS = [
    '""',
    "''",
    '" "',
    '"\\t"',
    "~",
    "null",
    "[]",
    "{}",
    "[1, 2]",
    "[[1], {a: 1}]",
    "{a: 1}",
    "{field: x}",
    "true",
    "false",
    "yes",
    "no",
    "on",
    '"9:30"',
    "9:30",
    "2026-02-30",
    "0001-01-01",
    "9999-12-31",
    "ação",
    '"日本語"',
    '"🙂"',
    '"\\u202eRTL"',
    '"a\\0b"',
    '"\\x00"',
    '"\\u2028"',
    '"e\\u0301"',
    '"x\\ny"',
    "'" + "x" * 100_000 + "'",
    "'" + "é" * 5_000 + "'",
    "!!binary aGVsbG8=",
    "!!str 5",
    "!!int 5",
    "!!float 1e400",
    "!!python/name:os.system",
    "!!set {a, b}",
    "!!timestamp 2026-01-01",
    "*undefined_alias",
    "&anchor 5",
    '"%s"',
    '"{0}"',
    '"\'; DROP TABLE leads; --"',
    '"\\""',
    '"\\\\"',
]
ODD_SCALARS = ODD_NUMBERS + ODD_STRINGS

ODD_REGEXES = [
    r"\u00e9",
    r"\x{e9}",
    "(?a)",
    "(?i)abc",
    "(?s).",
    "(?u)x",
    "(?x) a b",
    "(a{1000}){1000}",
    "a{1001}",
    "(a*)*b",
    "((((((((((x))))))))))",
    "[[:alpha:]]",
    "[[:word:]]",
    "[[:foo:]]",
    "(?<=x)y",
    "(?=x)",
    "(?!x)",
    r"(x)\1",
    "(",
    ")",
    "[",
    "*",
    "+x",
    "?",
    "x**",
    "a++",
    "[z-a]",
    r"\p{L}",
    r"\p{Greek}",
    r"\pN",
    r"\C",
    r"\Q*+\E",
    r"\z",
    r"\Z",
    r"\A",
    r"\G",
    r"\b\w+\b",
    r"\d{2,1}",
    "(?P<name>x)",
    "(?<name>x)",
    "(?'name'x)",
    "(?#comment)",
    "(?i:x)",
    "(?-i:x)",
    "x{2147483648}",
    r"\x{110000}",
    r"\x{d800}",
    r"\N{LATIN SMALL LETTER E}",
    r"\cA",
    "\\",
    "$^",
    "",
    " ",
    ".",
    ".*",
    ".{0,100000}",
    "é",
    "ÉÇ",
    "\u00e9|\u0065\u0301",
    "[\u0000]",
    "a\u0000b",
    "x" * 50_000,
    "|".join(f"w{i}" for i in range(3000)),
    "%",
    "'",
    '"',
    "?:",
    "\\ ",
]

ODD_ZONES = [
    "localtime",
    "posixrules",
    "right/UTC",
    "right/America/Sao_Paulo",
    "posix/America/New_York",
    "Factory",
    "UTC",
    "utc",
    "Etc/GMT+14",
    "Etc/GMT-14",
    "Etc/GMT+15",
    "EST5EDT",
    "EST",
    "GMT0",
    "Zulu",
    "America/New_York",
    "America/Sao_Paulo ",
    " America/Sao_Paulo",
    "america/sao_paulo",
    "America/São_Paulo",
    "America/Argentina/ComodRivadavia",
    "US/Pacific-New",
    "Asia/Kathmandu",
    "Pacific/Kiritimati",
    "Pacific/Chatham",
    "Australia/Lord_Howe",
    "Antarctica/Troll",
    "+03:00",
    "-03",
    "UTC+3",
    "GMT+3",
    "../../etc/passwd",
    "/etc/localtime",
    "America/",
    "",
    "Europe/Kyiv",
    "Europe/Kiev",
    "leapseconds",
    "zone.tab",
    "tzdata.zi",
    "iso3166.tab",
]

ODD_DURATIONS = [
    "0m",
    "0h",
    "0d",
    "0w",
    "1m",
    "59m",
    "1h30m",
    "1h90m",
    "90m",
    "4.5h",
    "-1h",
    "1w",
    "1w1d",
    "1d1d",
    "2d4h",
    "99999999d",
    "9999999999999999999999m",
    "1" + "0" * 400 + "h",
    "1e9h",
    "4H",
    "4 h",
    " 4h",
    "4",
    "h",
    "",
    "१h",
    "٤h",
    "4hours",
    "P1D",
    "PT4H",
    "24:00",
    "100%",
    "75%",
    "0%",
    "101%",
    "-5%",
    "1e400%",
    ".nan%",
    "nan",
    "inf",
    "36500d",
    "5000w",
]

ODD_TARGETS = [
    ">= 0",
    ">= -5",
    ">= 1e400",
    ">= 1e308",
    ">= nan",
    ">= inf",
    ">= .nan",
    ">= 99999999999999999999",
    ">= " + "9" * 5001,
    "<= 0%",
    ">= 0%",
    ">= 100%",
    ">= 101%",
    ">= -1%",
    ">= 1e400%",
    ">= 50.5%",
    ">= 4h",
    "<= 0m",
    "<= 99999999999h",
    "<= 1" + "0" * 400 + "m",
    "<= 1w",
    "<= 2d",
    "<= -4h",
    "== 5",
    "> 5",
    ">=",
    ">= ",
    ">=5",
    ">=  5",
    "5",
    "",
    "≥ 5",
    ">= ٥",
    ">= 1,5",
    ">= 1_000",
    ">= 0x10",
    ">= 5 leads",
]

ODD_DATE_FORMATS = [
    "iso",
    "epoch_s",
    "epoch_ms",
    "%d/%m/%Y %H:%M",
    "%m/%d/%Y %I:%M %p",
    "%Y-%m-%d %H:%M:%S",
    "%d.%m.%Y %H:%M",
    "%s",
    "%Q",
    "%",
    "%%",
    "",
    " ",
    "%d/%m/%y",
    "%y",
    "%Y",
    "%d/%m/%Y %H:%M %z",
    "%d/%m/%Y %H:%M %Z",
    "%z",
    "%j",
    "%A %B",
    "%d/%m/%Y %H:%M:%S.%f",
    "%H:%M",
    "%d/%m",
    "x" * 5000,
    "ISO",
    "Epoch_S",
    "%Y%m%d",
    "%-d/%-m/%Y",
    "%G-W%V-%u",
    "%c",
    "%x %X",
]

ODD_HOURS = [
    "09:00-12:00, 13:00-18:00",
    "",
    "00:00-24:00",
    "00:00-23:59",
    "18:00-09:00",
    "09:00-09:00",
    "25:00-26:00",
    "09:00-12:00, 11:00-18:00",
    "09:00-18:00,",
    "9-18",
    "09:00 - 18:00",
    "09h00-18h00",
    "09:00-12:00; 13:00-18:00",
    "09:60-10:00",
    "-09:00-10:00",
    "09:00-10:00, " * 200 + "23:00-23:30",
    "00:00-00:01",
    "closed",
]

INTERNAL_NAMES = [
    "_row",
    "_id",
    "_bad",
    "_lead",
    "_latest",
    "_fit_0",
    "_fit_1",
    "_eng_0",
    "_eng_2",
    "_points_0",
    "_check_0",
    "_stop_0",
    "_crm_stage",
    "_crm_stage_id",
    "_decay",
    "_engagement_raw",
    "_grp",
    "_handed_off",
    "_raw0",
    "_raw12",
    "_rejects",
    "_rejects_scan",
    "_lines",
    "_key",
    "_norm",
    "_over",
    "_inst",
    "_starts",
    "rowid",
    "ROWID",
    "reason",
    "lead",
    "leads",
    "tier",
    "start",
    "stop",
    "stop_by",
    "early",
    "early_by",
    "rule_idx",
    "target_d",
    "target_s",
    "c0",
    "c3",
    "k0",
    "k4",
    "t0",
    "l1",
    "l3_1",
    "b",
    "r",
    "i",
    "n",
    "line",
]
RESERVED_NAMES = ["fit", "engagement", "score", "grade", "qualification", "funnel_stage"]
ODD_FIELD_NAMES = [
    *INTERNAL_NAMES,
    *RESERVED_NAMES,
    "",
    " ",
    "  job  ",
    "Job_Title",
    "JOB_TITLE",
    "select",
    "from",
    "NULL",
    "true",
    "*",
    "a.b",
    "a b",
    'a"b',
    "a'b",
    "a`b",
    "a\\b",
    "a;b",
    "a,b",
    "-x",
    "1",
    "0",
    "ação",
    "日本語",
    "🙂",
    "x" * 10_000,
    "a\u0000b",
    "e\u0301",
    "\u00e9",
    "%s",
    "{0}",
    "'; DROP TABLE leads; --",
]

ODD_ENCODINGS = [
    "auto",
    "utf-8",
    "UTF8",
    "utf-8-sig",
    "utf-16",
    "utf-16-le",
    "utf-32",
    "cp1252",
    "latin-1",
    "ascii",
    "iso-8859-15",
    "mac-roman",
    "rot13",
    "base64",
    "hex",
    "zlib",
    "idna",
    "punycode",
    "unicode_escape",
    "raw_unicode_escape",
    "undefined",
    "nonexistent",
    "",
    "utf-7",
    "cp037",
]
ODD_DELIMITERS = [",", ";", "\t", "|", "", ";;", " ", '"', "\n", "\r", "a", "\x00", "auto", "AUTO"]
ODD_DECIMALS = [".", ",", "", ";", "x", " ", "..", "'", "\u066b"]


def _yaml_str(text: str) -> str:
    """A YAML double-quoted scalar for any text (json.dumps' escapes are YAML's too)."""
    import json

    return json.dumps(text, ensure_ascii=False)


# ==== the SLA ==================================================================================


@cache
def example_sla_text() -> str:
    return EXAMPLE_SLA.read_text("utf-8")


@cache
def _example_tree() -> Any:
    return yaml.load(example_sla_text(), Loader=_LOADER)


def example_tree() -> Any:
    """A fresh copy of the example as plain data (PyYAML reads `2026-07-01` as a date; dumped
    again it is the same text, and leadsla's YAML 1.2 loader reads it back the same)."""
    return copy.deepcopy(_example_tree())


_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def _dump(tree: Any, raw: _Raw) -> bytes:
    text = yaml.dump(tree, Dumper=_DUMPER, sort_keys=False, allow_unicode=True, width=1 << 30)
    return raw.render(text).encode("utf-8", "surrogatepass")


FIELDS = [
    "job_title",
    "company_size",
    "industry",
    "email",
    "source",
    "owner",
    "crm_stage",
    "created_at",
    "mql_at",
    "first_contact_at",
    "sql_at",
    "opportunity_at",
    "won_at",
    "lost_at",
    "recycled_at",
    "recycle_reason",
    "last_activity_at",
    "email_opens",
    "pricing_page_views",
    "demo_requested",
]


class _Raw:
    """Raw YAML text to put where a value was: dumped as a sentinel, then swapped in."""

    def __init__(self) -> None:
        self.texts: list[str] = []

    def __call__(self, text: str) -> str:
        self.texts.append(text)
        return f"@@RAW{len(self.texts) - 1}@@"

    def render(self, dumped: str) -> str:
        for i, text in enumerate(self.texts):
            dumped = dumped.replace(f"'@@RAW{i}@@'", text)
        return dumped


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path in the tree (the root excluded)."""
    out: list[tuple[Any, ...]] = []
    if isinstance(node, dict):
        for k, v in node.items():
            out.append((*prefix, k))
            out += _paths(v, (*prefix, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            out.append((*prefix, i))
            out += _paths(v, (*prefix, i))
    return out


def _get(tree: Any, path: tuple[Any, ...]) -> Any:
    for part in path:
        tree = tree[part]
    return tree


def _set(tree: Any, path: tuple[Any, ...], value: Any) -> None:
    _get(tree, path[:-1])[path[-1]] = value


def _paths_ending(tree: Any, key: str) -> list[tuple[Any, ...]]:
    return [p for p in _paths(tree) if p[-1] == key]


def _conditions(tree: Any) -> list[tuple[Any, ...]]:
    """Paths of conditions (`when`, `mql`, `where`)."""
    return [p for p in _paths(tree) if p[-1] in ("when", "mql", "where")]


def _leaf_condition(rng: random.Random) -> str:
    field_name = rng.choice(FIELDS)
    op, value = rng.choice(
        [
            ("eq", "x"),
            ("ne", "y"),
            ("present", "true"),
            ("contains", "a"),
            ("in", "[a, b]"),
            ("gte", "1"),
        ]
    )
    if op in ("gte",):
        field_name = rng.choice(["company_size", "email_opens", "pricing_page_views"])
    if op in ("contains", "in", "eq", "ne"):
        field_name = rng.choice(["job_title", "industry", "source", "recycle_reason"])
    return f"{{field: {field_name}, {op}: {value}}}"


def _deep(rng: random.Random, depth: int) -> str:
    """A condition `depth` levels deep, in flow style (one line, whatever the depth)."""
    text = _leaf_condition(rng)
    style = rng.choice(["not", "all", "any", "mixed"])
    for i in range(depth):
        kind = style if style != "mixed" else ("not", "all", "any")[i % 3]
        text = f"{{not: {text}}}" if kind == "not" else f"{{{kind}: [{text}]}}"
    return text


def _sla_tree_mutation(rng: random.Random, tree: Any, raw: _Raw, recipe: list[str]) -> None:
    kinds: list[tuple[str, Callable[[], None]]] = []

    def scalar() -> None:
        leaves = [p for p in _paths(tree) if not isinstance(_get(tree, p), (dict, list))]
        path = rng.choice(leaves)
        value = rng.choice(ODD_SCALARS)
        _set(tree, path, raw(value))
        recipe.append(f"set {_dotted(path)} to {_short(value)}")

    def number() -> None:
        numeric = [
            p
            for p in _paths(tree)
            if isinstance(_get(tree, p), (int, float)) and not isinstance(_get(tree, p), bool)
        ]
        path = rng.choice(numeric)
        value = rng.choice(ODD_NUMBERS)
        _set(tree, path, raw(value))
        recipe.append(f"set {_dotted(path)} to {_short(value)}")

    def container() -> None:
        path = rng.choice(_paths(tree))
        value = rng.choice(["[]", "{}", "[a]", "{a: 1}", "~", "[[[]]]", "[{}]", "5", '""'])
        _set(tree, path, raw(value))
        recipe.append(f"replace {_dotted(path)} with {value}")

    def delete() -> None:
        path = rng.choice(_paths(tree))
        parent = _get(tree, path[:-1])
        del parent[path[-1]]
        recipe.append(f"delete {_dotted(path)}")

    def unknown_key() -> None:
        maps = [p for p in _paths(tree) if isinstance(_get(tree, p), dict)]
        path = rng.choice([(), *maps])
        key = rng.choice(["nmae", "extra", "Field", "when ", "WHEN", "", "0", "~", "ação"])
        _get(tree, path)[key] = 1
        recipe.append(f"add key {key!r} at {_dotted(path) or 'top'}")

    def regex() -> None:
        path = rng.choice(_paths_ending(tree, "matches"))
        pattern = rng.choice(ODD_REGEXES)
        _set(tree, path, raw(_yaml_str(pattern)))
        recipe.append(f"set {_dotted(path)} to the regex {_short(pattern)}")

    def zone() -> None:
        where = rng.choice([("leads", "timezone"), ("calendar", "timezone")])
        zone_name = rng.choice(ODD_ZONES)
        _set(tree, where, raw(_yaml_str(zone_name)))
        recipe.append(f"set {_dotted(where)} to {zone_name!r}")

    def duration() -> None:
        keys = ("within", "half_life", "every", "at_risk")
        path = rng.choice([p for p in _paths(tree) if p[-1] in keys])
        value = rng.choice(ODD_DURATIONS)
        _set(tree, path, raw(_yaml_str(value)))
        recipe.append(f"set {_dotted(path)} to {value!r}")

    def target() -> None:
        path = rng.choice(_paths_ending(tree, "target"))
        value = rng.choice(ODD_TARGETS)
        _set(tree, path, raw(_yaml_str(value)))
        recipe.append(f"set {_dotted(path)} to {_short(value)}")

    def date_formats() -> None:
        formats = rng.sample(ODD_DATE_FORMATS, rng.randint(1, 3))
        tree["leads"]["date_formats"] = [raw(_yaml_str(f)) for f in formats]
        recipe.append(f"set leads.date_formats to {_short(formats, 120)}")

    def read_options() -> None:
        key, choices = rng.choice(
            [
                ("encoding", ODD_ENCODINGS),
                ("delimiter", ODD_DELIMITERS),
                ("decimal", ODD_DECIMALS),
            ]
        )
        value = rng.choice(choices)
        tree["leads"][key] = raw(_yaml_str(value))
        recipe.append(f"set leads.{key} to {value!r}")

    def hours() -> None:
        day = rng.choice(["mon-fri", "sat", "sun", "mon", "fri-mon", "xyz", "mon-sun"])
        value = rng.choice(ODD_HOURS)
        tree["calendar"]["hours"][day] = raw(_yaml_str(value))
        recipe.append(f"set calendar.hours.{day} to {_short(value)}")

    def dates() -> None:
        value = rng.choice(
            ["0001-01-01", "9999-12-31", "2026-02-30", "2026-13-01", "1970-01-01", "2100-01-01"]
        )
        where = rng.choice(
            [
                ("effective",),
                ("review", "last_reviewed"),
                ("calendar", "holidays", "include", 0),
                ("calendar", "overrides"),
            ]
        )
        if where == ("calendar", "overrides"):
            tree["calendar"]["overrides"] = {raw(value): raw(_yaml_str(rng.choice(ODD_HOURS)))}
        else:
            _set(tree, where, raw(value))
        recipe.append(f"set {_dotted(where)} to {value}")

    def holidays() -> None:
        key, value = rng.choice(
            [
                ("country", "XX"),
                ("country", "br"),
                ("country", "US"),
                ("country", ""),
                ("subdivision", "ZZ"),
                ("subdivision", "RJ"),
                ("categories", "[optional]"),
                ("categories", "[nope]"),
                ("categories", "[]"),
            ]
        )
        tree["calendar"]["holidays"][key] = raw(
            value if value.startswith("[") else _yaml_str(value)
        )
        recipe.append(f"set calendar.holidays.{key} to {value!r}")

    def nesting() -> None:
        path = rng.choice(_conditions(tree))
        depth = rng.choice([2, 10, 50, 149, 150, 199, 200, 201, 300, 1000])
        _set(tree, path, raw(_deep(rng, depth)))
        recipe.append(f"nest {_dotted(path)} {depth} deep")

    def big_list() -> None:
        n = rng.choice([150, 200, 1000, 3000])
        if rng.random() < 0.5:
            values = [f"@domain{i}.com.br" for i in range(n)]
            rule = {"field": "email", "ends_with": values}
        else:
            values = [f"value {i}" for i in range(n)]
            rule = {"field": rng.choice(["industry", "source", "job_title"]), "in": values}
        path = rng.choice(_conditions(tree))
        _set(tree, path, rule)
        recipe.append(f"{_dotted(path)}: {next(iter(rule.keys() - {'field'}))} a list of {n}")

    def many_rules() -> None:
        n = rng.choice([100, 500, 1000, 1500])
        rules = tree["scoring"]["fit"]["rules"]
        tree["scoring"]["fit"]["rules"] = [
            {**rules[i % len(rules)], "name": f"rule {i}"} for i in range(n)
        ]
        recipe.append(f"scoring.fit.rules: {n} rules")

    def rename() -> None:
        old = rng.choice(FIELDS)
        new = rng.choice(ODD_FIELD_NAMES)
        rename_field(tree, old, new)
        recipe.append(f"rename field {old} to {_short(new)}")

    def anchors() -> None:
        # an alias bomb, bounded: nine levels of nine aliases
        bomb = "&a0 [x]"
        recipe.append("alias bomb under owners.extra")
        tree["owners"]["extra"] = raw(bomb)
        levels = [f"&a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]
        tree["owners"]["extra2"] = raw("[" + ", ".join(levels) + "]")

    kinds = [
        ("scalar", scalar),
        ("number", number),
        ("container", container),
        ("delete", delete),
        ("unknown_key", unknown_key),
        ("regex", regex),
        ("zone", zone),
        ("duration", duration),
        ("target", target),
        ("date_formats", date_formats),
        ("read_options", read_options),
        ("hours", hours),
        ("dates", dates),
        ("holidays", holidays),
        ("nesting", nesting),
        ("big_list", big_list),
        ("many_rules", many_rules),
        ("rename_field", rename),
        ("anchors", anchors),
    ]
    weights = [6, 4, 2, 3, 2, 5, 4, 4, 3, 3, 3, 2, 2, 1, 3, 2, 1, 5, 1]
    (name, fn) = rng.choices(kinds, weights)[0]
    try:
        fn()
    except (IndexError, KeyError, TypeError):
        # the path was removed or retyped by an earlier mutation of this case
        recipe.append(f"({name}: nothing left to mutate)")


def _dotted(path: tuple[Any, ...]) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


_FIELD_KEYS = {
    "field",
    "entered",
    "start",
    "since",
    "per",
    "of",
    "from",
    "to",
    "reason",
    "stage_field",
}


def rename_field(node: Any, old: str, new: str) -> None:
    """Give field `old` the name `new` everywhere the SLA names it (leads.columns, types,
    conditions, stages, rules, goals), so the SLA still reads the same column."""
    if isinstance(node, dict):
        for k in list(node):
            v = node[k]
            if k in ("columns", "types") and isinstance(v, dict) and old in v:
                node[k] = {(new if kk == old else kk): vv for kk, vv in v.items()}
                continue
            if k in _FIELD_KEYS and v == old:
                node[k] = new
            elif k == "stop" and isinstance(v, list):
                node[k] = [new if x == old else x for x in v]
            else:
                rename_field(v, old, new)
    elif isinstance(node, list):
        for v in node:
            rename_field(v, old, new)


def _sla_line_mutation(rng: random.Random, text: str, recipe: list[str]) -> str:
    lines = text.split("\n")
    i = rng.randrange(len(lines))
    j = rng.randrange(len(lines))
    kind = rng.choice(
        ["delete", "duplicate", "swap", "swap_next", "indent", "dedent", "truncate", "char", "tab"]
    )
    if kind == "delete":
        recipe.append(f"delete line {i + 1}")
        del lines[i]
    elif kind == "duplicate":
        recipe.append(f"duplicate line {i + 1}")
        lines.insert(i, lines[i])
    elif kind == "swap":
        recipe.append(f"swap lines {i + 1} and {j + 1}")
        lines[i], lines[j] = lines[j], lines[i]
    elif kind == "swap_next" and i + 1 < len(lines):
        recipe.append(f"swap lines {i + 1} and {i + 2}")
        lines[i], lines[i + 1] = lines[i + 1], lines[i]
    elif kind == "indent":
        n = rng.choice([1, 2, 4])
        recipe.append(f"indent line {i + 1} by {n}")
        lines[i] = " " * n + lines[i]
    elif kind == "dedent":
        recipe.append(f"dedent line {i + 1}")
        lines[i] = lines[i].lstrip()
    elif kind == "truncate":
        cut = rng.randrange(len(text))
        recipe.append(f"truncate at character {cut}")
        return text[:cut]
    elif kind == "char":
        k = rng.randrange(max(1, len(lines[i])))
        c = rng.choice(
            [
                ":",
                "-",
                "{",
                "}",
                "[",
                "]",
                '"',
                "'",
                "#",
                "&",
                "*",
                "!",
                "|",
                ">",
                "%",
                "@",
                "`",
                "\x00",
                "\ufeff",
                "\u00a0",
                "\x85",
                "\r",
            ]
        )
        recipe.append(f"insert {c!r} at line {i + 1} column {k + 1}")
        lines[i] = lines[i][:k] + c + lines[i][k:]
    elif kind == "tab":
        recipe.append(f"indent line {i + 1} with a tab")
        lines[i] = "\t" + lines[i]
    return "\n".join(lines)


def sla_case(seed: int, stream: str = "sla") -> Mutant:
    """The example SLA with 1 to 3 mutations: line edits on the commented text, or edits of
    the document's values (dumped again as YAML)."""
    rng = random.Random(f"{stream}:{seed}")
    recipe: list[str] = []
    n = rng.choice([1, 1, 1, 2, 2, 3])
    if rng.random() < 0.3:
        text = example_sla_text()
        for _ in range(n):
            text = _sla_line_mutation(rng, text, recipe)
        return Mutant(text.encode("utf-8", "surrogatepass"), recipe)
    tree = example_tree()
    raw = _Raw()
    for _ in range(n):
        _sla_tree_mutation(rng, tree, raw, recipe)
    return Mutant(_dump(tree, raw), recipe)


def _first(named: list[Any], catalog: list[Any]) -> list[Any]:
    """`named` (the cases issue 9 names), then the rest of `catalog`."""
    return [*named, *[v for v in catalog if v not in named]]


VALUE_KINDS = [
    "number",
    "regex",
    "zone",
    "rename",
    "nesting",
    "big",
    "date_formats",
    "duration",
    "target",
    "dates",
]
"""What `sla_value_case` changes: seed N changes kind N mod 10 and takes value N div 10 of that
kind's catalog, so the first seeds of every stream sweep the values issue 9 names."""

VALUE_CATALOGS: dict[str, list[Any]] = {
    "number": _first([".nan", "1e400", ".inf", "9" * 5001, "-.inf", "-1e400"], ODD_NUMBERS),
    "regex": _first(
        [r"\u00e9", "(?a)", "(a{1000}){1000}", "[[:alpha:]]", r"\N{LATIN SMALL LETTER E}"],
        ODD_REGEXES,
    ),
    "zone": _first(["localtime", "posixrules", "right/UTC", "Factory"], ODD_ZONES),
    "rename": _first(
        ["_row", "_id", "reason", "_bad", "_lead", "_fit_0", "_latest"], INTERNAL_NAMES
    )
    + RESERVED_NAMES
    + ODD_FIELD_NAMES[-20:],
    "nesting": [150, 199, 201, 400, 50, 10, 100, 200, 1000],
    "big": [
        ("in", 1000),
        ("ends_with", 150),
        ("rules", 1000),
        ("in", 200),
        ("ends_with", 1000),
        ("rules", 150),
        ("in", 150),
        ("ends_with", 200),
    ],
    "date_formats": [
        ["%"],
        ["%d/%m/%Y %H:%M", "%"],
        ["epoch_s"],
        ["%d/%m/%Y %H:%M %Z", "iso"],
        ["%-d/%-m/%Y"],
        ["%m/%d/%Y %I:%M %p", "%d/%m/%Y"],
        ["%y", "%Y%m%d"],
        ["x" * 5000],
        ["%Q"],
        ["%s"],
        ["iso", "epoch_ms"],
    ],
    "duration": _first(
        ["0m", "99999999d", "1" + "0" * 400 + "h", "9999999999999999999999m"], ODD_DURATIONS
    ),
    "target": _first([">= 1e400", ">= nan", ">= " + "9" * 5001, "<= 99999999999h"], ODD_TARGETS),
    "dates": ["0001-01-01", "9999-12-31", "2026-11-21", "2030-01-01", "1900-01-01", "2026-02-30"],
}


def sla_value_case(seed: int, stream: str = "sla-value") -> Mutant:
    """One edit of a value the run relies on (valid YAML, and mostly a valid SLA): numbers,
    regexes, zones, field names, nesting, sizes, date formats, durations, targets, dates. The
    kind and the value come from the seed (see VALUE_KINDS); where the edit goes is drawn."""
    rng = random.Random(f"{stream}:{seed}")
    recipe: list[str] = []
    tree = example_tree()
    raw = _Raw()
    kind = VALUE_KINDS[seed % len(VALUE_KINDS)]
    catalog = VALUE_CATALOGS[kind]
    value = catalog[(seed // len(VALUE_KINDS)) % len(catalog)]
    if kind == "number":
        # a number where the run compares with it
        spots = [
            ("scoring", "fit", "rules", 1, "when", "between", rng.randrange(2)),
            ("scoring", "fit", "rules", rng.randrange(4), "points"),
            ("scoring", "engagement", "rules", 1, "when", "gte"),
            ("scoring", "engagement", "rules", 0, "cap"),
            ("scoring", "engagement", "cap"),
            ("scoring", "fit", "grades", rng.choice("ABC")),
            ("qualification", "mql", "all", 1, "gte"),
        ]
        path = rng.choice(spots)
        _set(tree, path, raw(value))
        recipe.append(f"set {_dotted(path)} to {_short(value)}")
    elif kind == "regex":
        path = rng.choice(_paths_ending(tree, "matches"))
        _set(tree, path, raw(_yaml_str(value)))
        recipe.append(f"set {_dotted(path)} to the regex {_short(value)}")
    elif kind == "zone":
        where = rng.choice([("leads", "timezone"), ("calendar", "timezone")])
        _set(tree, where, raw(_yaml_str(value)))
        recipe.append(f"set {_dotted(where)} to {value!r}")
    elif kind == "rename":
        # not `owner`: check-deadlines reads the lead's owner by that name
        old = rng.choice([f for f in FIELDS if f != "owner"])
        rename_field(tree, old, value)
        recipe.append(f"rename field {old} to {_short(value)}")
    elif kind == "nesting":
        path = rng.choice(_conditions(tree))
        _set(tree, path, raw(_deep(rng, value)))
        recipe.append(f"nest {_dotted(path)} {value} deep")
    elif kind == "big":
        what, n = value
        if what == "rules":
            rules = tree["scoring"]["fit"]["rules"]
            tree["scoring"]["fit"]["rules"] = [
                {**rules[i % len(rules)], "name": f"rule {i}"} for i in range(n)
            ]
        elif what == "ends_with":
            tree["scoring"]["fit"]["rules"][3]["when"]["ends_with"] += [
                f"@mail{i}.com.br" for i in range(n)
            ]
        else:
            tree["scoring"]["fit"]["rules"][2]["when"]["in"] += [f"setor {i}" for i in range(n)]
        recipe.append(f"{what}: {n} more")
    elif kind == "date_formats":
        tree["leads"]["date_formats"] = [raw(_yaml_str(f)) for f in value]
        recipe.append(f"set leads.date_formats to {_short(value, 120)}")
    elif kind == "duration":
        path = rng.choice([p for p in _paths(tree) if p[-1] in ("within", "half_life", "at_risk")])
        _set(tree, path, raw(_yaml_str(value)))
        recipe.append(f"set {_dotted(path)} to {_short(value)}")
    elif kind == "target":
        path = rng.choice(_paths_ending(tree, "target"))
        _set(tree, path, raw(_yaml_str(value)))
        recipe.append(f"set {_dotted(path)} to {_short(value)}")
    else:
        where = rng.choice([("effective",), ("review", "last_reviewed")])
        _set(tree, where, raw(value))
        recipe.append(f"set {_dotted(where)} to {value}")
    return Mutant(_dump(tree, raw), recipe)


# ==== the export ===============================================================================

DELIMITER = ";"


@cache
def _example_records() -> tuple[tuple[str, ...], ...]:
    text = EXAMPLE_EXPORT.read_text("utf-8")
    return tuple(tuple(r) for r in csv.reader(io.StringIO(text, newline=""), delimiter=DELIMITER))


def example_records(small: bool) -> list[list[str]]:
    """The header and the data records of the example: all 2,000, or 40 of them plus the ones
    with quotes, delimiters and line breaks inside cells."""
    return [list(r) for r in (_small_records() if small else _example_records())]


@cache
def _small_records() -> tuple[tuple[str, ...], ...]:
    header, *data = _example_records()
    special = [i for i, r in enumerate(data) if any(re.search('["\n;]', c) for c in r)]
    keep = sorted(set(range(40)) | set(special[:6]))
    return (header, *[data[i] for i in keep])


HEADER = list(_example_records()[0]) if EXAMPLE_EXPORT.exists() else []
DATE_COLUMNS = [i for i, h in enumerate(HEADER) if h.startswith(("Data", "Primeiro", "Última"))]
NUMBER_COLUMNS = [
    i
    for i, h in enumerate(HEADER)
    if h in ("Funcionários", "Aberturas de e-mail", "Visitas à página de preços")
]
BOOL_COLUMNS = [i for i, h in enumerate(HEADER) if h == "Pediu demonstração"]
ID_COLUMN = HEADER.index("ID") if HEADER else 0

ODD_DATES = [
    "31/02/2026 10:00",
    "29/02/2025 10:00",
    "0001-01-01",
    "0001-01-01 00:00",
    "01/01/0001 00:00",
    "9999-12-31 23:59",
    "31/12/9999 23:59",
    "9999-12-31",
    "00/00/0000 00:00",
    "32/13/2026 25:61",
    "24/12/2026 24:00",
    "2026-13-01",
    "99999-01-01",
    "-0001-01-01",
    "2026-11-01T00:00:00+14:00",
    "2026-11-01T00:00:00-99:00",
    "2026-11-01T00:00:00Z",
    "2026-11-01T00:00:00.123456789Z",
    "2026-11-01 10:00 -0300",
    "01/01/1900 00:00",
    "31/12/1899",
    "04/11/2018 00:30",
    "17/02/2019 23:30",
    "10/11/2026",
    "1/1/2026 1:1",
    "10/11/26 10:00",
    "1e10",
    "1700000000",
    "1700000000000",
    "0",
    "-1",
    "NaN",
    "inf",
    "amanhã",
    "١٢/١١/٢٠٢٦ 10:00",
    "12/11/2026\u00a010:00",
    "12/11/2026 10:00 PM",
    "12/11/2026 10:00:00",
    "2026-11-12",
    "12.11.2026 10:00",
    "12/11/2026 10h00",
    "  12/11/2026 10:00  ",
    "9" * 400,
]
ODD_CELL_NUMBERS = [
    "1e400",
    "-1e400",
    "1e308",
    "1e-400",
    "nan",
    "NaN",
    "inf",
    "-inf",
    "Infinity",
    "1.234.567,89",
    "1,234,567.89",
    "9" * 30,
    "9" * 400,
    "9" * 5001,
    "--5",
    "+5",
    "-0",
    "5-",
    "(5)",
    "1,2,3",
    "٣",
    "１２",
    "0x10",
    " 12 ",
    "1 234",
    "1\u00a0234",
    "1.5e3",
    "1,5e3",
    "1,5",
    "1.5",
    "1.000.000",
    "9223372036854775808",
    "-9223372036854775809",
    "0,0000000000001",
    ",5",
    "5,",
    "R$ 10",
    "10%",
]
ODD_BOOLS = [
    "sim",
    "Não",
    "NAO",
    "talvez",
    "TRUE",
    "2",
    "x",
    "X",
    "verdadeiro",
    "yes!",
    "1.0",
    "s",
    "N",
]
ODD_TEXT = [
    "",
    " ",
    "-",
    "N/A",
    "null",
    "NULL",
    "=cmd|' /C calc'!A0",
    "+55 11 99999-0000",
    "@SUM(1)",
    "-2+3",
    "\t",
    "a\x00b",
    "🙂🙃",
    "\u202eRTL",
    "e\u0301",
    "\u2028",
    "\x85",
    '"',
    '""',
    "a;b",
    "a,b",
    "a\tb",
    "a|b",
    "a\nb",
    "a\r\nb",
    "a\rb",
    "\ufeff",
    "L0000137",
    "x" * 10_001,
    "ç" * 3000,
]


def _odd_cell(rng: random.Random, column: int) -> str:
    if column in DATE_COLUMNS and rng.random() < 0.8:
        return rng.choice(ODD_DATES)
    if column in NUMBER_COLUMNS and rng.random() < 0.8:
        return rng.choice(ODD_CELL_NUMBERS)
    if column in BOOL_COLUMNS and rng.random() < 0.8:
        return rng.choice(ODD_BOOLS)
    return rng.choice(ODD_TEXT + ODD_CELL_NUMBERS[:5] + ODD_DATES[:5])


def _record_mutation(rng: random.Random, records: list[list[str]], recipe: list[str]) -> None:
    header = records[0]
    ncols = len(header)
    data_n = len(records) - 1

    def row() -> int:
        return rng.randrange(1, len(records)) if data_n else 0

    kind = rng.choices(
        [
            "cell",
            "cells",
            "drop_column",
            "drop_header_cell",
            "drop_row_cell",
            "add_column",
            "add_header_cell",
            "add_row_cell",
            "duplicate_header_name",
            "header_again",
            "duplicate_row",
            "blank_records",
            "footer",
            "shuffle_columns",
            "header_case",
            "long_cell",
            "blank_ids",
            "column_of_odd",
        ],
        [10, 4, 2, 2, 3, 2, 2, 3, 2, 2, 2, 3, 2, 1, 2, 4, 1, 3],
    )[0]
    if kind == "cell" and data_n:
        r, c = row(), rng.randrange(ncols)
        records[r][c] = _odd_cell(rng, c)
        recipe.append(f"record {r}, column {header[c]!r}: {_short(records[r][c])}")
    elif kind == "cells" and data_n:
        n = rng.randint(2, 30)
        for _ in range(n):
            r, c = row(), rng.randrange(ncols)
            if c < len(records[r]):
                records[r][c] = _odd_cell(rng, c)
        recipe.append(f"{n} odd cells")
    elif kind == "drop_column":
        c = rng.randrange(ncols)
        for r in records:
            if c < len(r):
                del r[c]
        recipe.append(f"drop column {header[c] if c < len(header) else c!r}")
    elif kind == "drop_header_cell":
        c = rng.randrange(ncols)
        recipe.append(f"drop header cell {header[c]!r}")
        del header[c]
    elif kind == "drop_row_cell" and data_n:
        r = row()
        if records[r]:
            c = rng.randrange(len(records[r]))
            del records[r][c]
            recipe.append(f"record {r}: drop cell {c}")
    elif kind == "add_column":
        name = rng.choice(["Extra", "", "ID", "Email", "x" * 70, "_id", "c0"])
        for i, r in enumerate(records):
            r.append(name if i == 0 else _odd_cell(rng, -1))
        recipe.append(f"add column {name!r}")
    elif kind == "add_header_cell":
        name = rng.choice(["Extra", "", "Cargo"])
        header.append(name)
        recipe.append(f"add header cell {name!r}")
    elif kind == "add_row_cell" and data_n:
        r = row()
        records[r].insert(rng.randrange(len(records[r]) + 1), "extra")
        recipe.append(f"record {r}: add a cell")
    elif kind == "duplicate_header_name":
        a, b = rng.randrange(ncols), rng.randrange(ncols)
        recipe.append(f"header {header[a]!r} renamed {header[b]!r}")
        header[a] = header[b]
    elif kind == "header_again" and data_n:
        r = row()
        records.insert(r, list(header))
        recipe.append(f"the header again as record {r}")
    elif kind == "duplicate_row" and data_n:
        r = row()
        records.insert(rng.randrange(1, len(records) + 1), list(records[r]))
        recipe.append(f"record {r} twice")
    elif kind == "blank_records":
        n = rng.randint(1, 5)
        for _ in range(n):
            filler = rng.choice([[], [""], [" "], [""] * ncols, ["-"] * ncols])
            records.insert(rng.randrange(1, len(records) + 1), filler)
        recipe.append(f"{n} blank or empty records")
    elif kind == "footer":
        records.append([])
        records.append([f"Grand Totals ({data_n} records)"])
        if rng.random() < 0.5:
            records.append(["Confidential Information - Do Not Distribute"])
        recipe.append("a Salesforce footer")
    elif kind == "shuffle_columns":
        order = list(range(ncols))
        rng.shuffle(order)
        for i, r in enumerate(records):
            if len(r) == ncols:
                records[i] = [r[k] for k in order]
        recipe.append("columns shuffled")
    elif kind == "header_case":
        c = rng.randrange(ncols)
        new = rng.choice(
            [
                header[c].upper(),
                header[c].lower(),
                f"  {header[c]}  ",
                "\ufeff" + header[c],
                header[c] + "\u00a0",
            ]
        )
        recipe.append(f"header {header[c]!r} written {new!r}")
        header[c] = new
    elif kind == "long_cell" and data_n:
        r, c = row(), rng.randrange(ncols)
        n = rng.choice([1_000, 10_000, 70_000, 300_000, 1_100_000])
        piece = rng.choice(["x", "ç", "a b ", "a\nb", "a;b", '"'])
        records[r][c : c + 1] = [(piece * (n // len(piece) + 1))[:n]]
        recipe.append(f"record {r}, column {c}: a cell of {n:,} characters of {piece!r}")
    elif kind == "blank_ids" and data_n:
        for r in rng.sample(range(1, len(records)), min(data_n, rng.randint(1, 10))):
            if len(records[r]) > ID_COLUMN:
                records[r][ID_COLUMN] = rng.choice(["", "-", "N/A", records[1][ID_COLUMN]])
        recipe.append("some ids blank or repeated")
    elif kind == "column_of_odd" and data_n:
        c = rng.choice(DATE_COLUMNS + NUMBER_COLUMNS + BOOL_COLUMNS)
        share = rng.choice([0.1, 0.5, 1.0])
        for r in records[1:]:
            if c < len(r) and rng.random() < share:
                r[c] = _odd_cell(rng, c)
        recipe.append(f"column {header[c]!r}: {share:.0%} odd values")
    else:
        recipe.append(f"({kind}: nothing to mutate)")


def _serialize(rng: random.Random, records: list[list[str]], recipe: list[str]) -> bytes:
    delimiter = DELIMITER
    if rng.random() < 0.15:
        delimiter = rng.choice([",", "\t", "|"])
        recipe.append(f"delimiter {delimiter!r}")
    quoting = csv.QUOTE_MINIMAL
    if rng.random() < 0.1:
        quoting = csv.QUOTE_ALL
        recipe.append("every cell quoted")
    newline = "\n"
    if rng.random() < 0.15:
        newline = "\r\n"
        recipe.append("CRLF line breaks")
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=delimiter, quoting=quoting, lineterminator=newline)
    for r in records:
        writer.writerow(r)
    text = buf.getvalue()
    encoding = "utf-8"
    roll = rng.random()
    if roll < 0.05:
        encoding = "utf-8-sig"
    elif roll < 0.08:
        encoding = "utf-16"
    elif roll < 0.14:
        encoding = "cp1252"
    if encoding != "utf-8":
        recipe.append(f"encoded as {encoding}")
    return text.encode(encoding, "replace")


def _byte_mutation(rng: random.Random, data: bytes, recipe: list[str]) -> bytes:
    n = len(data)
    at = rng.randrange(n + 1)
    kind = rng.choices(
        [
            "flip",
            "flips",
            "truncate",
            "quote",
            "delimiter",
            "cr",
            "crlf",
            "lf",
            "nul",
            "bom",
            "bad_utf8",
            "delete_range",
            "duplicate_range",
            "random_bytes",
            "blank_lines",
            "whitespace_lines",
            "no_final_newline",
        ],
        [4, 2, 3, 5, 3, 3, 1, 2, 2, 2, 3, 2, 2, 1, 2, 1, 1],
    )[0]
    if kind == "flip" and n:
        i = rng.randrange(n)
        b = rng.randrange(256)
        recipe.append(f"byte {i} set to 0x{b:02x}")
        return data[:i] + bytes([b]) + data[i + 1 :]
    if kind == "flips" and n:
        k = rng.randint(2, 20)
        out = bytearray(data)
        for _ in range(k):
            out[rng.randrange(n)] = rng.randrange(256)
        recipe.append(f"{k} random bytes changed")
        return bytes(out)
    if kind == "truncate":
        recipe.append(f"truncated at byte {at}")
        return data[:at]
    if kind == "quote":
        k = rng.choice([1, 1, 1, 2, 3])
        for _ in range(k):
            at = rng.randrange(len(data) + 1)
            data = data[:at] + b'"' + data[at:]
        recipe.append(f"{k} stray quote(s), the first at byte {at}")
        return data
    if kind == "delimiter":
        d = rng.choice([b";", b",", b"\t", b"|", b";;"])
        recipe.append(f"{d!r} inserted at byte {at}")
        return data[:at] + d + data[at:]
    if kind == "cr":
        recipe.append(f"a CR at byte {at}")
        return data[:at] + b"\r" + data[at:]
    if kind == "crlf":
        recipe.append("CRLF on every other line")
        lines = data.split(b"\n")
        return b"\n".join(line + (b"\r" if i % 2 else b"") for i, line in enumerate(lines))
    if kind == "lf":
        recipe.append(f"a line break at byte {at}")
        return data[:at] + b"\n" + data[at:]
    if kind == "nul":
        k = rng.choice([1, 1, 5])
        recipe.append(f"{k} NUL byte(s) at byte {at}")
        return data[:at] + b"\x00" * k + data[at:]
    if kind == "bom":
        bom = rng.choice(
            [codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF8 * 2]
        )
        where = rng.choice([0, at])
        recipe.append(f"BOM {bom!r} at byte {where}")
        return data[:where] + bom + data[where:]
    if kind == "bad_utf8":
        bad = rng.choice(
            [
                b"\xff",
                b"\xfe",
                b"\xc3",
                b"\x80",
                b"\xe2\x82",
                b"\xed\xa0\x80",
                b"\xc0\xaf",
                b"\xf4\x90\x80\x80",
                b"\xe9",
            ]
        )
        recipe.append(f"bytes {bad!r} at byte {at}")
        return data[:at] + bad + data[at:]
    if kind == "delete_range" and n:
        length = rng.choice([1, 10, 100, 1000])
        recipe.append(f"delete {length} bytes at byte {at}")
        return data[:at] + data[at + length :]
    if kind == "duplicate_range" and n:
        length = rng.choice([1, 10, 100, 1000])
        recipe.append(f"repeat {length} bytes at byte {at}")
        return data[:at] + data[at : at + length] + data[at:]
    if kind == "random_bytes":
        chunk = rng.randbytes(rng.choice([1, 16, 256]))
        recipe.append(f"{len(chunk)} random bytes at byte {at}")
        return data[:at] + chunk + data[at:]
    if kind == "blank_lines":
        k = rng.randint(1, 5)
        lines = data.split(b"\n")
        for _ in range(k):
            lines.insert(rng.randrange(len(lines) + 1), b"")
        recipe.append(f"{k} blank line(s)")
        return b"\n".join(lines)
    if kind == "whitespace_lines":
        lines = data.split(b"\n")
        lines.insert(rng.randrange(len(lines) + 1), rng.choice([b" ", b"\t", b"  \r", b";;;"]))
        recipe.append("a line of white space")
        return b"\n".join(lines)
    if kind == "no_final_newline":
        recipe.append("no final line break")
        return data.rstrip(b"\r\n")
    recipe.append(f"({kind}: nothing to mutate)")
    return data


def export_case(
    seed: int, stream: str = "export", *, small: bool | None = None, cells: float = 0.6
) -> Mutant:
    """The example export (mostly its first 40 records and a few with quoted cells, sometimes
    all 2,000) with 1 to 3 mutations of its records, of how it is written, or of its bytes
    (`cells`: the share of cases that mutate records, the rest mutate bytes)."""
    rng = random.Random(f"{stream}:{seed}")
    recipe: list[str] = []
    if small is None:
        small = rng.random() < 0.9
    if not small:
        recipe.append("all 2,000 records")
    records = example_records(small)
    structured = rng.random() < cells
    if structured:
        for _ in range(rng.choice([1, 1, 2, 3])):
            _record_mutation(rng, records, recipe)
    data = _serialize(rng, records, recipe)
    if not structured or rng.random() < 0.3:
        for _ in range(rng.choice([1, 1, 2, 3])):
            data = _byte_mutation(rng, data, recipe)
    return Mutant(data, recipe)


def small_export_bytes() -> bytes:
    """The small export, unmutated, written as the example is (`;`, UTF-8, LF)."""
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=DELIMITER, lineterminator="\n")
    for r in example_records(small=True):
        writer.writerow(r)
    return buf.getvalue().encode("utf-8")


def _main(argv: list[str]) -> None:
    """`python -m tests.fuzz.mutate KIND SEED [STREAM]`: the mutant on stdout, its recipe on
    stderr (KIND: sla, sla-value or export; STREAM as the test passes it, e.g. cli-sla)."""
    kind, seed = argv[0], int(argv[1])
    makers: dict[str, Callable[[int, str], Mutant]] = {
        "sla": sla_case,
        "sla-value": sla_value_case,
        "export": export_case,
    }
    mutant = makers[kind](seed, argv[2] if len(argv) > 2 else kind)
    sys.stderr.write(mutant.describe() + "\n")
    sys.stdout.buffer.write(mutant.data)


if __name__ == "__main__":
    _main(sys.argv[1:])

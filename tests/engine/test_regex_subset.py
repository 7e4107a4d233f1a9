"""The portable regex subset (sla/regex_subset.py): each dialect's spelling finds what DuckDB's
RE2 finds, case ignored; what cannot run alike is refused with its offset.

RE2's verdict comes from DuckDB itself (`regexp_matches(text, pattern, 'i')`). The RE2
spellings (duckdb, bigquery, snowflake) are run in DuckDB on the lower-cased text; the
look-around spellings (postgres, spark) in Python's `re`, which reads them as PostgreSQL's ARE
and java.util.regex do (`\\z` is Python's `\\Z`)."""

from __future__ import annotations

import re

import duckdb
import pytest

from leadsla.sla.regex_subset import DIALECTS, Unportable, translate, unportable

PATTERNS = [
    r"(head|diretora?|director|vp|ceo|s[óo]ci[oa]|propriet[áa]ri[oa])",
    r"student|estudante|estagi",
    r"\bgest\b",
    r"\Bana",
    r"^a.c$",
    r"^CEO",
    r"[A-Z]{2}\d+",
    r"x{2,3}?y",
    r"[^a-c]z",
    r"\w+@\w+\.com$",
    r"\s\S",
    r"[[:digit:]]{3}",
    r"(?i)Gerente",
    r"(?:dir|ger)(?P<rest>ente|etor)",
    r"\x41b",
    r"a\.b",
    r"\(x\)",
    r"[\d.]+,\d",
    r"caf[É]",
    r"ÇÃO$",
]
TEXTS = [
    "Head of Sales",
    "Diretora Comercial",
    "Estagiário",
    "Gestão de pessoas",
    "gest",
    "Mariana",
    "banana",
    "abc",
    "a\nc",
    "ceo",
    "XYZ12",
    "xxxy",
    "dz",
    "az",
    "ana@acme.com",
    "ana@acme.com\n",
    " x",
    "123",
    "Gerente",
    "Diretor",
    "Ab",
    "a.b",
    "axb",
    "(x)",
    "1.234,5",
    "CAFÉ",
    "AÇÃO",
    "",
]


def python_spelling(pattern: str) -> str:
    """PostgreSQL's `$` and Java's `\\z` end the text alone: Python's `\\Z`."""
    return re.sub(r"(?<!\\)\$", r"\\Z", pattern).replace("\\z", "\\Z")


@pytest.fixture(scope="module")
def con() -> duckdb.DuckDBPyConnection:
    return duckdb.connect()


def re2_finds(con: duckdb.DuckDBPyConnection, text: str, pattern: str, flags: str = "") -> bool:
    found = con.execute("SELECT regexp_matches(?, ?, ?)", [text, pattern, flags]).fetchone()
    assert found is not None
    return bool(found[0])


@pytest.mark.parametrize("pattern", PATTERNS)
def test_every_spelling_finds_what_re2_finds(con: duckdb.DuckDBPyConnection, pattern: str) -> None:
    for dialect in DIALECTS:
        spelled = translate(pattern, dialect)
        for text in TEXTS:
            expected = re2_finds(con, text, pattern, "i")
            low = text.lower()
            if dialect in ("duckdb", "bigquery", "snowflake"):
                got = re2_finds(con, low, spelled)
            else:
                got = re.search(python_spelling(spelled), low) is not None
            assert got == expected, (dialect, pattern, spelled, text)


def test_word_boundary_is_re2s_ascii_one_everywhere() -> None:
    # RE2's \b is ASCII: "ã" is no word character, so \bgest\b is found in "Gestão";
    # PostgreSQL's \y and Java's \b would not find it
    for dialect in ("postgres", "spark"):
        spelled = translate(r"\bgest\b", dialect)
        assert "\\b" not in spelled and "\\y" not in spelled
        assert re.search(spelled, "gestão") is not None


def test_dot_and_end_are_spelled_explicitly() -> None:
    assert translate("a.b$", "postgres") == "a[^\n]b$"  # ARE's `.` matches a line break
    assert translate("a.b$", "spark") == "a[^\n]b\\z"  # Java's `$` matches before a final one
    assert translate("A", "snowflake") == "a"


@pytest.mark.parametrize(
    ("pattern", "dialect", "offset", "words"),
    [
        (r"\pL+", "postgres", 0, "\\p"),
        (r"ab(?=c)", "spark", 2, "look-around"),
        (r"x(?s:.)", "duckdb", 1, "flags"),
        (r"[\D_]", "bigquery", 1, "\\D"),
        (r"ok[\]]", "snowflake", 2, "Snowflake"),
        (r"a{1,2000}", "postgres", 1, "1000"),
        (r"a**", "spark", 2, "quantifier"),
        (r"(ab", "duckdb", 0, "unclosed"),
    ],
)
def test_outside_the_subset_is_refused_where_it_starts(
    pattern: str, dialect: str, offset: int, words: str
) -> None:
    found = unportable(pattern, dialect)
    assert isinstance(found, Unportable)
    assert found.offset == offset
    assert words in found.reason


def test_a_class_closing_bracket_is_fine_where_escapes_exist() -> None:
    assert unportable(r"ok[\]]", "postgres") is None

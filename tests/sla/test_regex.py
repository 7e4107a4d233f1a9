"""`matches` patterns must compile in Python and in RE2 (DuckDB) alike."""

from __future__ import annotations

import re

import duckdb
import pytest

from leadsla.sla.regex import regex_problem

ACCEPTED = [
    "(head|diretora?|director)",
    "^ceo$",
    r"\d{3}-\d{4}",
    "[(?=]",  # look-ahead syntax inside a class is just characters
    r"\(\?=",  # escaped
    "a{2,1000}",
    "(?i)gest",
    "[]a]",
    "[^]a]",
    r"\bgest\b",
    "café|über",
    "(?P<name>x)",
]
REFUSED = [
    ("foo(?=bar)", "look-around"),
    ("(?<!x)y", "look-around"),
    (r"(a)\1", "back-references"),
    ("(?P<n>a)(?P=n)", "named back-references"),
    ("(?>a+)", "atomic"),
    ("a++", "possessive"),
    (r"abc\Z", r"\Z"),
    ("a{1001}", "1000"),
    ("(unclosed", "invalid regular expression"),
    ("*", "invalid regular expression"),
    (r"\p{L}", "invalid regular expression"),  # RE2 knows it; Python's re does not
    ("(?x) a b", "verbose"),
]


@pytest.mark.parametrize("pattern", ACCEPTED)
def test_accepted(pattern: str) -> None:
    assert regex_problem(pattern) is None


@pytest.mark.parametrize(("pattern", "fragment"), REFUSED)
def test_refused(pattern: str, fragment: str) -> None:
    problem = regex_problem(pattern)
    assert problem is not None and fragment in problem


def _duckdb_compiles(pattern: str) -> bool:
    try:
        duckdb.sql("SELECT regexp_matches('x', $p)", params={"p": pattern}).fetchall()
        return True
    except duckdb.Error:
        return False


@pytest.mark.parametrize("pattern", ACCEPTED + [p for p, _ in REFUSED])
def test_agrees_with_both_engines(pattern: str) -> None:
    """Accepted exactly when Python's re and DuckDB's RE2 both compile the pattern."""
    try:
        re.compile(pattern)
        python_ok = True
    except re.error:
        python_ok = False
    assert (regex_problem(pattern) is None) == (python_ok and _duckdb_compiles(pattern))

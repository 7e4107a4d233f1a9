"""Lower case as DuckDB writes it (issue 14 review F1, F3): the table every engine and the
SLA's own values are lowered with is DuckDB's lower(), code point by code point."""

from __future__ import annotations

import importlib.util
import unicodedata
from pathlib import Path

import duckdb

from leadsla.sla.lowercase import fold, fold1, pairs
from leadsla.sla.lowercase_table import DUCKDB_VERSION
from leadsla.sla.regex_subset import translate

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "lowercase_table.py"

HOSTILE = [
    "İSTANBUL",  # Python and Java: i̇stanbul (two code points); DuckDB: istanbul
    "ΟΔΟΣ",  # Python and Java: a final ς; DuckDB: σ wherever it stands
    "ΠΑΣ ΣΑΣ.",
    "GIÁM ĐỐC TRƯỞNG PHÒNG",
    "ＡＢＣ",
    "ǅemal Ǆ ǈ",
    "ẞtraße",
    "Ⴀბ",
    "ᎠᎡ",
    "𐐀𐐁",
    "𐕰𐕱",  # Vithkuqi (Unicode 14): Java 17 leaves it as it is
    "ⒶⓏ",
    "\u212aelvin \u212b",
    "I\u0307",
]


def _script() -> object:
    spec = importlib.util.spec_from_file_location("lowercase_table_script", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_table_is_the_installed_duckdbs_lower_of_every_code_point() -> None:
    """Fails after a DuckDB upgrade that lowers otherwise: run scripts/lowercase_table.py."""
    expected = _script().duckdb_lower()  # type: ignore[attr-defined]
    assert dict(pairs()) == expected, f"generated from DuckDB {DUCKDB_VERSION}"
    assert len(expected) > 1400
    assert all(len(chr(low)) == 1 for low in expected.values())


def test_fold_is_duckdbs_lower_where_python_lowers_otherwise() -> None:
    con = duckdb.connect()
    for text in HOSTILE:
        row = con.execute("SELECT lower(?)", [text]).fetchone()
        assert row is not None
        assert fold(text) == row[0], text
    assert "İ".lower() != fold("İ") == "i"
    assert "ΟΔΟΣ".lower() == "οδος" and fold("ΟΔΟΣ") == "οδοσ"
    assert fold1("ǅ") == "ǆ" and unicodedata.category("ǅ") == "Lt"


def test_regex_letters_are_lowered_as_duckdb_lowers_the_text() -> None:
    """A pattern's letters meet the text lower-cased by the engine: İ must become `i` (the
    text's İ does), not stay İ (which no lowered text holds)."""
    assert translate("İ", "duckdb") == "i"
    assert translate("[Ǆ]", "postgres") == "[ǆǄ]"
    assert translate("ĐỐC", "spark") == "đốc"
    assert translate("[Ⴀ-Ⴁ]", "duckdb") == "[Ⴀ-Ⴁⴀⴁ]"


def test_regex_letters_find_what_re2_ignoring_case_finds() -> None:
    """DuckDB's regexp_matches(cell, p, 'i') takes ſ for s, ς for σ, µ for μ...: a letter
    whose case folding is not its lower case becomes a class of the lower cases."""
    assert translate("s", "duckdb") == "[sſ]"
    assert translate("Σ$", "postgres") == "[σς]$"
    assert translate("[a-z]", "spark") == "[a-zsſ]"
    assert translate("[^s]", "snowflake") == "[^sſ]"
    con = duckdb.connect()
    for pattern, cell in [("s", "ſ"), ("σ$", "ος"), ("μg", "µg"), ("[a-z]", "ſ"), ("ϐ", "Β")]:
        row = con.execute(
            "SELECT regexp_matches(?, ?, 'i'), regexp_matches(lower(?), ?)",
            [cell, pattern, cell, translate(pattern, "duckdb")],
        ).fetchone()
        assert row == (True, True), (pattern, cell)

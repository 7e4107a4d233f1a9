"""Letters beyond ASCII lowered as DuckDB lowers them, on the CSV path and in every compiled
script (issue 14 review F1, F3). tests/engines/test_fold.py runs the same on PostgreSQL and
Spark."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from leadsla.sla.regex_subset import DIALECTS
from tests.cli.test_compile import compile_sql, same, scored, text_table
from tests.conftest import Cli

DATA = Path(__file__).resolve().parent.parent / "data"
FOLD_SLA = DATA / "slas" / "fold.yaml"
FOLD_CSV = DATA / "exports" / "fold.csv"
FOLD_AS_OF = "2026-11-20T12:00:00-03:00"

FITS = {
    "r01": 3,  # GIÁM ĐỐC: eq "giám đốc" and matches "ĐỐC$"
    "r02": 4,  # ＡＢＣ corp: contains "ａｂｃ"
    "r03": 8,  # ǅemal (titlecase ǅ): in ["ǆemal"]
    "r04": 16,  # ẞtraße
    "r05": 32,  # Georgian Ⴀbc
    "r06": 64,  # Cherokee Ꭰ
    "r07": 128,  # Deseret 𐐀x
    "r08": 256,  # circled Ⓐ
    "r09": 512,  # İSTANBUL: in ["İSTANBUL"] (Python lowered the value to i̇stanbul)
    "r10": 512,  # istanbul: DuckDB lowers İ to i
    # ΟΔΟΣ: eq "ΟΔΟΣ" (Python lowered the value to οδος, DuckDB the cell to οδοσ); σ$
    "r11": 1024 + 65536,
    "r12": 2048 + 65536,  # οδος: eq "οδος" only; σ$ (RE2 ignoring case takes ς for σ)
    "r13": 4096,  # Vithkuqi 𐕰 (Unicode 14)
    "r14": 8192,  # Kelvin sign
    "r15": 16384 + 65536,  # ΠΑΣ ΣΑΣ: contains "ΣΑΣ"; σ$
    "r16": 32768,  # JOÃO
    "r17": 3,
    "r18": 8,  # Ǆemal
    "r19": 0,  # I + combining dot: lower keeps the dot
    "r20": 0,
    "r21": 131072,  # 5 µg (micro sign): matches "μg" (Greek mu), as RE2 ignoring case
}


def test_the_csv_path_lowers_the_slas_values_as_duckdb_lowers_cells(cli: Cli) -> None:
    """Regression: a rule naming İSTANBUL or ΟΔΟΣ never matched the very same cell."""
    rows = scored(cli, FOLD_SLA, FOLD_CSV, FOLD_AS_OF)
    assert {r[0]: r[1] for r in rows} == FITS


def test_the_duckdb_script_scores_the_letters_as_the_csv_path(cli: Cli) -> None:
    script = compile_sql(
        cli, "--sla", FOLD_SLA, "--dialect", "duckdb", "--table", "t", "--as-of", FOLD_AS_OF
    )
    con = duckdb.connect()
    text_table(con, "t", FOLD_CSV, delim=",")
    got = [tuple(r) for r in con.execute(script).fetchall()]
    same(got, scored(cli, FOLD_SLA, FOLD_CSV, FOLD_AS_OF))


@pytest.mark.parametrize("dialect", [d for d in DIALECTS if d != "duckdb"])
def test_other_dialects_translate_duckdbs_table_and_stay_small(cli: Cli, dialect: str) -> None:
    """No engine's own LOWER decides beyond ASCII (Java lowers İ to i̇; PostgreSQL's
    depends on the locale): DuckDB's table, a few thousand letters where a rule lowers."""
    script = compile_sql(
        cli, "--sla", FOLD_SLA, "--dialect", dialect, "--table", "t", "--as-of", FOLD_AS_OF
    )
    assert "TRANSLATE(" in script
    assert "İ" in script and "Ǆ" in script and "\U00010570" in script
    if dialect == "postgres":
        assert 'COLLATE "C"' in script  # ASCII by LOWER, whatever the database's locale
    # 16 rules lower the one field 16 times: about 9 KB each
    assert len(script.encode()) < 18 * 12_000, len(script.encode())

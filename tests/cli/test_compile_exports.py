"""`compile --dialect duckdb` against `score` on the committed real-shaped exports: each file
is loaded as a table of text (one VARCHAR column per header, plus `_line`, its line number),
the script is run, and every lead's values equal `score --format csv`'s.

The exports cover what typing cells must get right: cp1252 and UTF-16, decimal commas and
thousands separators, booleans in Portuguese, ISO stamps with and without offsets, naive
stamps in zones with DST history, blank markers, hostile headers and values."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import duckdb
import pytest

from leadsla.sla.load import load_sla
from tests.cli.test_compile import Row, compile_sql, same, scored
from tests.conftest import AS_OF, Cli
from tests.data.support import SHAPES, SLAS

CASES = [
    ("minimal.yaml", "hubspot_contacts"),
    ("minimal.yaml", "pipe_delimited"),
    ("dataloader.yaml", "salesforce_dataloader_cp1252"),
    ("excel_br.yaml", "excel_br_cp1252_semicolon"),
    ("rdstation.yaml", "rdstation_legacy_utf8_semicolon"),
    ("rdstation.yaml", "rdstation_utf16_tab"),
    ("zones_both.yaml", "naive_timestamps"),
    ("zones_calendar.yaml", "naive_timestamps"),
    ("zones_leads_timezone.yaml", "naive_timestamps"),
    ("zones_utc.yaml", "naive_timestamps"),
    ("hostile.yaml", "hostile"),
    ("hostile_numbers.yaml", "hostile"),
]


def load_text(con: duckdb.DuckDBPyConnection, shape_name: str) -> list[str]:
    """The export as table `t` of text, with `_line`; returns its headers."""
    shape = SHAPES[shape_name]
    reader = csv.reader(io.StringIO(shape.text(), newline=""), delimiter=shape.delimiter)
    headers = next(reader)
    columns = ", ".join('"' + h.strip().replace('"', '""') + '" VARCHAR' for h in headers)
    con.execute(f'CREATE TABLE t ({columns}, "_line" VARCHAR)')
    rows = [[*r, str(reader.line_num)] for r in reader if len(r) == len(headers)]
    if rows:
        marks = ", ".join("?" for _ in range(len(headers) + 1))
        con.executemany(f"INSERT INTO t VALUES ({marks})", rows)
    return [h.strip() for h in headers]


@pytest.mark.parametrize(("sla", "export"), CASES, ids=[f"{s}-{e}" for s, e in CASES])
def test_duckdb_script_scores_the_export_as_score_does(cli: Cli, sla: str, export: str) -> None:
    con = duckdb.connect()
    headers = load_text(con, export)
    loaded = load_sla(SLAS / sla)
    columns = loaded.sla.leads.columns
    lower = {h.lower(): h for h in headers}
    # the id as SPEC §2 finds it: the id column, else the e-mail, else the line number
    id_column = next(
        (
            lower[name.lower()]
            for name in (columns.get("id", "id"), columns.get("email", "email"))
            if name.lower() in lower
        ),
        "_line",
    )
    script = compile_sql(
        cli,
        "--sla", SLAS / sla, "--dialect", "duckdb", "--table", "t", "--as-of", AS_OF,
        "--id-column", id_column, "--line-column", "_line",
    )  # fmt: skip
    got: list[Row] = [tuple(r) for r in con.execute(script).fetchall()]  # type: ignore[misc]
    same(got, scored(cli, SLAS / sla, SHAPES[export].path))


def test_headers_are_matched_as_written(cli: Cli, tmp_path: Path) -> None:
    """A table has no case-insensitive header matching: a column named otherwise is an error
    of the engine (DuckDB says which), not a silent blank field."""
    con = duckdb.connect()
    con.execute('CREATE TABLE t ("id" VARCHAR, "CARGO" VARCHAR)')
    script = compile_sql(
        cli, "--sla", SLAS / "rdstation.yaml", "--dialect", "duckdb", "--table", "t"
    )
    with pytest.raises(duckdb.BinderException):
        con.execute(script)

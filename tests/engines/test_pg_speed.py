"""`--engine postgres` without the costs found measuring it (issue 14): the as-of instant's
window looked up once, not once per follow-up; PostgreSQL's case folding beyond ASCII
(TRANSLATE) only for the cells that need it, and still right for them; a compiled script sent
without being read by the tokenizer."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
import sqlglot

from leadsla.engine.compile import Target, _rows_folded
from leadsla.engine.remote import split_statements
from leadsla.engine.remote.scripts import deadlines_script
from leadsla.engine.sqlcheck import NotAllowed, check_text
from leadsla.sla.load import load_sla
from tests.conftest import AS_OF, EXAMPLES

SLA = EXAMPLES / "sla.yaml"


def _deadlines(table: str) -> str:
    loaded = load_sla(Path(SLA))
    return deadlines_script(
        loaded, "postgres", Target(f'"public"."{table}"', "ID", None), datetime.fromisoformat(AS_OF)
    )


def test_the_as_of_window_is_looked_up_once(pg: Any, example_pg: str) -> None:
    """Before: a LEFT JOIN on a constant, which PostgreSQL ran as a nested loop scanning the
    windows again for each of the example's 1,638 items (half of the script's time)."""
    body = _deadlines(example_pg).rstrip().rstrip(";")
    plan = [r[0] for r in pg.execute("EXPLAIN (ANALYZE, TIMING OFF) " + body).fetchall()]
    windows = [line for line in plan if "leadsla_windows" in line]
    assert windows
    loops = [int(m.group(1)) for line in windows for m in [re.search(r"loops=(\d+)", line)] if m]
    assert loops and max(loops) == 1, "\n".join(windows)


def test_a_compiled_script_is_not_tokenized_to_be_sent(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The example's deadlines script (700 KB, `;` in its header and in its messages): one
    statement, found without sqlglot's tokenizer (3 s before)."""
    script = _deadlines("example")
    assert script.count(";") > 1

    def refuse(*_args: Any, **_kwargs: Any) -> Any:
        raise AssertionError("tokenized")

    monkeypatch.setattr(sqlglot.Dialect, "tokenize", refuse)
    (statement,) = split_statements(script, "postgres")
    assert statement == script.strip().removesuffix(";")


def test_a_statement_that_hides_a_semicolon_is_still_tokenized() -> None:
    """What the short cut cannot be sure of goes through the tokenizer."""
    assert split_statements("-- a; b\nSELECT 1 /* ; */; SELECT 2;", "postgres") == [
        "-- a; b\nSELECT 1 /* ; */",
        "SELECT 2",
    ]
    assert split_statements("SELECT $$;$$;", "postgres") == ["SELECT $$;$$"]
    assert split_statements("SELECT 'a\\';b';", "spark") == ["SELECT 'a\\';b'"]
    assert split_statements("SELECT 'it''s; ok', \"a;b\";", "postgres") == [
        "SELECT 'it''s; ok', \"a;b\""
    ]


def test_rows_folded_for_the_printed_check_keep_every_other_line() -> None:
    """compile's printed-text check reads a run of number rows as one row, and still reads
    every line that is not one (a call among the rows is refused)."""
    body = (
        "WITH t AS (\n  SELECT * FROM (VALUES (0, 1),\n  (1, NULL),\n  (2, -3),\n  (3, 4)) AS x\n)"
    )
    folded = _rows_folded(body)
    assert folded.count("\n") < body.count("\n")
    assert "VALUES (0, 1)," in folded and "(3, 4)) AS x" in folded
    bad = body.replace("(2, -3),", "(2, SLEEP(3)),")
    assert "SLEEP(3)" in _rows_folded(bad)
    with pytest.raises(NotAllowed):
        check_text(_rows_folded(bad), "postgres")

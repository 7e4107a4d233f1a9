"""Timestamp cells read on PostgreSQL from one `regexp_split_to_array` a cell and date format
(issue 14, PostgreSQL speed): a `SUBSTRING` per date part was ~200 regex calls a row, a
third of `--engine postgres`'s time. The parts read so are the ones DuckDB reads."""

from __future__ import annotations

import csv
import io
import re
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from leadsla.engine import dialects as dl
from leadsla.engine.compile import Target
from leadsla.engine.remote import Target as EngineTarget
from leadsla.engine.remote import open_engine
from leadsla.engine.remote.load import load_postgres, text_export
from leadsla.engine.remote.scripts import scored_script
from leadsla.sla.load import load_sla
from leadsla.sla.regex_subset import ISO_NAIVE_SHAPE, ISO_ZONED_SHAPE, format_shape
from tests.cli.test_compile_midnight import SLA, midnight_export
from tests.conftest import AS_OF, EXAMPLES
from tests.engines.conftest import PgServer


def test_the_scores_script_splits_a_cell_once_per_format() -> None:
    """The example (9 timestamp fields; `%d/%m/%Y %H:%M`, `%d/%m/%Y`, iso): one split per
    field and format read as runs of digits, a `SUBSTRING` per part only for ISO cells with
    an offset (guarded: run for those cells only). Before: 184 `SUBSTRING`s."""
    loaded = load_sla(EXAMPLES / "sla.yaml")
    target = Target('"public"."example"', "ID", None)
    script = scored_script(loaded, "postgres", target, datetime.fromisoformat(AS_OF))
    fields = len(set(re.findall(r'"?p(\d+)_0_m"? *[,\n]', script)))
    assert fields >= 5
    assert script.count("REGEXP_SPLIT_TO_ARRAY(") == 3 * fields  # 2 formats + iso naive
    assert script.count("SUBSTRING(") == 8 * fields  # iso with an offset: y mo d h mi s f z


@pytest.mark.parametrize(
    ("fmt", "first"),
    [
        ("%d/%m/%Y %H:%M", 1),
        ("%Y-%m-%d", 1),
        ("T%H:%M %d.%m.%Y", 2),  # a leading letter: an empty first run
        ("%m%d%Y", None),  # parts not parted: read per part, as before
        ("%Y%m%d", None),
        ("%d/%m/%Y0", None),  # a digit after the last part
        ("%d0%m", None),  # a digit between the parts
    ],
)
def test_which_shapes_are_runs_of_digits(fmt: str, first: int | None) -> None:
    assert dl._first_run(format_shape(fmt)) == first
    assert dl._first_run(ISO_NAIVE_SHAPE) == 1
    assert dl._first_run(ISO_ZONED_SHAPE) is None  # the offset is not digits


FORMATS = '["%d/%m/%Y %H:%M", "%d/%m/%Y", "T%H:%M %d.%m.%Y", "%m%d%Y", iso]'
CELLS = [
    "01/11/2026 10:30",
    "1/2/2026 7:05",
    "01/11/2026 \t 10:30",
    "31/02/2026",  # no such day
    "05/11/2026",
    "5/1/2026",
    "29/02/2028 23:59",
    "29/02/2027 23:59",
    "01/11/2026 24:00",
    "99/99/2026",
    "T07:45 03.11.2026",
    "T7:5 3.1.2026",
    "T25:00 03.11.2026",
    "11012026",
    "1112026",  # greedy: 11, 12 and the year 26 (unreadable), not 1/11/2026
    "112026",
    "2026-11-01",
    "2026-11-01T10:20",
    "2026-11-01 10:20:30",
    "2026-11-01 10:20:30.250",
    "2026-11-01 24:00",
    "2026-11-01T10:20:30.5Z",
    "2026-11-01 10:20+02:00",
    "2026-11-01 10:20:30.123-0300",
    "2026-13-01",
    "2026-11-01 10",
    "0999-11-01",
    "garbage",
    "",
]


def _rows(stdout: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(stdout)))


def test_runs_of_digits_read_as_duckdb_reads_the_cells(
    cli: Any, pg: Any, postgres_server: PgServer, write_sla: Any, tmp_path: Path
) -> None:
    sla = write_sla(SLA.format(formats=FORMATS))
    export = midnight_export(tmp_path, CELLS)
    with text_export(export) as text:
        load_postgres(pg, "stamps", text)
    args = ["score", "--sla", sla, "--as-of", AS_OF, "--format", "csv"]
    local = cli(args[0], export, *args[1:])
    remote = cli(*args, "--engine", "postgres", "--table", "stamps", "--dsn", postgres_server.dsn)
    assert remote.exit_code == local.exit_code == 0, remote.stderr
    ours, theirs = _rows(local.stdout), _rows(remote.stdout)
    assert len(ours) == len(theirs) == len(CELLS) + 1
    numbers = [i for i, name in enumerate(ours[0]) if name in ("score", "fit", "engagement")]
    assert numbers
    for a, b in zip(ours, theirs, strict=True):  # scores within 1e-9 (the bar)
        assert [x for i, x in enumerate(a) if i not in numbers] == [
            x for i, x in enumerate(b) if i not in numbers
        ]
        if a[0] != "id":
            assert all(abs(float(a[i]) - float(b[i])) <= 1e-9 for i in numbers), (a, b)
    # the unreadable cells counted alike
    assert "unreadable" in local.stderr
    assert remote.stderr.split(": ", 1)[1] == local.stderr.split(": ", 1)[1]


def test_the_scripts_run_without_jit(postgres_server: PgServer) -> None:
    """Past ~10,000 rows a script's cost passes PostgreSQL's jit_above_cost (on by default
    where PostgreSQL has LLVM) and compiling its expressions took longer than running them
    (100,000 rows: 9 of the cells script's 12.7 s; `score` 30 s -> 14 s without)."""
    with open_engine(EngineTarget("postgres", "t", postgres_server.dsn)) as engine:
        rows = engine.run("SELECT current_setting('jit') AS jit").all()
    assert rows == [("off",)]

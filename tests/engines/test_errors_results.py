"""`--errors` with `--engine` lists the table's data problems as for a CSV (issue 14): every
unreadable cell (the engine's typed reading) and every row of a duplicate id, with the row's
id where a CSV's list has its line number; `score --output` is refused with what to use."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from tests.conftest import AS_OF, EXAMPLES
from tests.engines.conftest import PgServer

SLA = EXAMPLES / "sla.yaml"
CSV = EXAMPLES / "leads.csv"
SCORE = ["score", "--sla", SLA, "--as-of", AS_OF, "--format", "csv"]
EXPLAIN = ["explain", "--sla", SLA, "--as-of", AS_OF, "--format", "json"]


def listed(path: Path) -> tuple[list[str], list[list[str]]]:
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    return rows[0], rows[1:]


def test_errors_on_postgres_are_duckdbs_by_id(
    cli: Any, postgres_server: PgServer, example_pg: str, tmp_path: Path
) -> None:
    local = cli(*SCORE, CSV, "--errors", tmp_path / "local.csv")
    remote = cli(
        *SCORE,
        "--engine",
        "postgres",
        "--table",
        example_pg,
        "--dsn",
        postgres_server.dsn,
        "--errors",
        tmp_path / "remote.csv",
    )
    assert remote.exit_code == local.exit_code, remote.stderr
    same_errors(tmp_path / "local.csv", tmp_path / "remote.csv")


def same_errors(local: Path, remote: Path) -> None:
    """`remote` (a table's --errors) is `local` (the example CSV's) with ids for lines,
    but the data warnings found computing the follow-ups (kind `warning`: the CSV run of a
    command that computes them lists them; a table's counts them only, see the README)."""
    header, rows = listed(local)
    rows = [r for r in rows if r[0] != "warning"]
    got_header, got = listed(remote)
    assert header == ["kind", "line", "column", "field", "value", "reason"]
    assert got_header == ["kind", "id", "column", "field", "value", "reason"]
    ids = {}  # the line a record starts on -> its id (a quoted cell may hold line breaks)
    with CSV.open(encoding="utf-8", newline="") as f:
        reader, start = csv.reader(f, delimiter=";"), 1
        for record in reader:
            ids[start] = record[0]
            start = reader.line_num + 1
    expected = sorted([k, ids[int(line)], *rest] for k, line, *rest in rows)
    kinds = {r[0] for r in rows}
    assert kinds == {"unreadable", "duplicate"}, kinds
    assert len(expected) == 87
    assert sorted(got) == expected
    # by id (binary order), the way a CSV's is by line
    assert [r[1] for r in got] == sorted(r[1] for r in got)


def test_errors_with_redact_on_postgres_mask_the_values(
    cli: Any, postgres_server: PgServer, example_pg: str, tmp_path: Path
) -> None:
    """`--redact` masks the values; explain writes the same list (its data warnings aside)."""
    local = cli(*EXPLAIN, "100016", CSV, "--errors", tmp_path / "local.csv")
    remote = cli(
        *EXPLAIN,
        "100016",
        "--engine",
        "postgres",
        "--table",
        example_pg,
        "--dsn",
        postgres_server.dsn,
        "--errors",
        tmp_path / "plain.csv",
    )
    assert remote.exit_code == local.exit_code == 0, remote.stderr
    same_errors(tmp_path / "local.csv", tmp_path / "plain.csv")
    remote = cli(
        *SCORE,
        "--engine",
        "postgres",
        "--table",
        example_pg,
        "--dsn",
        postgres_server.dsn,
        "--errors",
        tmp_path / "remote.csv",
        "--redact",
    )
    assert remote.exit_code == 0, remote.stderr
    _header, got = listed(tmp_path / "remote.csv")
    assert len(got) == 87
    assert any(r[4] == "99 x 99" for r in got)  # `11 a 50`
    assert not any(r[4] == "11 a 50" for r in got)


def test_score_output_with_engine_is_refused_saying_what_to_use(cli: Any, tmp_path: Path) -> None:
    """Refused before connecting: no server needed."""
    out = tmp_path / "scored.csv"
    remote = cli(*SCORE, "--engine", "postgres", "--table", "leads", "--output", out)
    assert remote.exit_code == 2
    assert "--output cannot be used with --engine postgres" in remote.stderr
    assert "--format csv" in remote.stderr
    assert not out.exists()


def _without(column: str, to: Path) -> Path:
    with CSV.open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f, delimiter=";"))
    i = rows[0].index(column)
    with to.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f, delimiter=";").writerows(r[:i] + r[i + 1 :] for r in rows)
    return to


def test_a_column_the_table_lacks_is_said_as_for_a_csv(
    cli: Any, postgres_server: PgServer, tmp_path: Path
) -> None:
    """Fail closed (issue 6): a field the SLA uses that the table lacks stops every command
    with the CSV's located message naming the table, not the engine's `column does not
    exist`; before any script runs."""
    from tests.engines.conftest import _load_pg

    export = _without("Funcionários", tmp_path / "no_size.csv")
    table = _load_pg(postgres_server, "no_size", export)
    for command in (
        ["score"],
        ["check-deadlines"],
        ["report"],
        ["explain", "100016"],
        ["score", "--errors", str(tmp_path / "errors.csv")],
    ):
        args = [*command, "--sla", SLA, "--as-of", AS_OF]
        local = cli(*args, export)
        remote = cli(*args, "--engine", "postgres", "--table", table, "--dsn", postgres_server.dsn)
        assert local.exit_code == 2, local.stderr
        assert "lacks a column the command needs" in local.stderr
        assert "field `company_size`: no column `Funcionários`" in local.stderr
        assert remote.exit_code == 2, (command, remote.stderr)
        assert remote.stderr == local.stderr.replace(str(export), table), command
        assert remote.stdout == ""
        assert "does not exist" not in remote.stderr

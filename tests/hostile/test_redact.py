"""`--redact`: no cell value reaches standard error or the `--errors` file, whatever the command
and whatever goes wrong (issue 10 case 7).

The export is filled with canaries, a distinct recognisable value in every cell, and each
command runs on it with `--redact` through every failure path it can meet: an unknown lead id
(with a close one for "did you mean"), rejected rows, unreadable cells, duplicate ids, a
footer, an unclosed quote, bytes that are not UTF-8, a missing column, an engine error. The
report on standard output is not checked: showing ids and owners is its job."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest

from leadsla.data.reader import _duckdb_message
from tests.conftest import AS_OF, Cli

SLA = """\
version: 1
name: canary
effective: 2026-01-01
leads: {timezone: America/Sao_Paulo, date_formats: ["%Y-%m-%d %H:%M"]}
calendar: {timezone: America/Sao_Paulo, hours: {mon-fri: "09:00-18:00"}}
scoring:
  fit:
    rules:
      - {name: points, per: pts, points: 1}
      - {name: named, when: {field: name, present: true}, points: 1}
      - {name: staged, when: {field: stage, present: true}, points: 1}
    grades: {A: 10}
qualification:
  disqualify: [{reason: rival, when: {field: email, ends_with: "@rival.test"}}]
  mql: {field: fit, gte: 1}
follow_up:
  - {id: contact, owner: sales, start: mql_at, stop: [contact_at], within: 1h, clock: calendar}
goals:
  period: week
  targets:
    - {id: mqls, owner: marketing, metric: count, of: mql_at, target: ">= 5"}
    - {id: contact-time, owner: sales, metric: median_time, from: mql_at, to: contact_at,
       target: "<= 4h"}
"""
ENGINE_SLA = (
    SLA.replace(
        "      - {name: points, per: pts, points: 1}\n",
        "      - {name: points, per: pts, points: 1}\n"
        '      - {name: latest, when: {field: _latest, eq: "x"}, points: 1}\n',
    )
    + "funnel: {stages: [{id: mql, entered: mql_at}]}\n"
)
"""A field named like a column leadsla computes: DuckDB failed on it with a message quoting a
cell (`invalid timestamp field format: "..."`) until internal names could not collide."""

COLUMNS = ["id", "email", "name", "owner", "pts", "created_at", "mql_at", "contact_at", "stage"]
TEXT = {"id", "email", "name", "owner", "stage", "_latest"}
ROWS = 12


def cell(row: int, column: str) -> str:
    """A value no message could hold by chance: text holds `Cnry`, numbers and times are
    distinct per cell."""
    c = COLUMNS.index(column) if column in COLUMNS else len(COLUMNS)
    if column in TEXT:
        return f"Cnry{column.strip('_')}R{row:02d}ção" + ("@acme.test" if column == "email" else "")
    if column == "pts":
        return f"73{row:02d}{c:02d}"
    return f"2026-11-{10 + c:02d} {9 + c:02d}:{row:02d}"


def rows(columns: list[str], n: int = ROWS) -> list[list[str]]:
    return [[cell(r, c) for c in columns] for r in range(n)]


def write_csv(columns: list[str], data: list[list[str]]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(columns)
    w.writerows(data)
    return buf.getvalue()


def unreadable() -> str:
    data = rows(COLUMNS)
    data[2][COLUMNS.index("pts")] = "Cnrypts-not-a-number"
    data[3][COLUMNS.index("mql_at")] = "Cnrymql-not-a-time"
    return write_csv(COLUMNS, data)


def rejected() -> str:
    data = rows(COLUMNS)
    data[4] = [*data[4], "Cnryextra-field"]
    data[5] = data[5][:3]
    return write_csv(COLUMNS, data)


def duplicates() -> str:
    data = rows(COLUMNS)
    data[6][0] = data[7][0]
    return write_csv(COLUMNS, data)


def footer() -> str:
    return write_csv(COLUMNS, rows(COLUMNS)) + "\nGrand Totals (Cnryfooter 12 records)\n"


def unclosed() -> str:
    text = write_csv(COLUMNS, rows(COLUMNS))
    lines = text.split("\n")
    lines[3] = lines[3].replace("CnrynameR02", '"CnrynameR02', 1)
    return "\n".join(lines)


def missing_column() -> str:
    return write_csv(COLUMNS[:-1], rows(COLUMNS[:-1]))


def engine_error() -> str:
    return write_csv([*COLUMNS, "_latest"], rows([*COLUMNS, "_latest"]))


@dataclass(frozen=True)
class Case:
    export: Callable[[], str | bytes]
    listed: str | None = None
    """The kind of problem `--errors` lists (the run did meet the failure)."""
    sla: str = SLA


def bad_bytes() -> bytes:
    # many UTF-8 letters, so the export is read as UTF-8 with a stray byte (not as cp1252)
    text = write_csv(COLUMNS, rows(COLUMNS, 40)).encode("utf-8")
    return text.replace(b"CnrynameR07", b"Cnry\xffnameR07", 1)


CASES = {
    "clean": Case(lambda: write_csv(COLUMNS, rows(COLUMNS))),
    "unreadable": Case(unreadable, "unreadable"),
    "rejected": Case(rejected, "rejected"),
    "duplicates": Case(duplicates, "duplicate"),
    "footer": Case(footer, "footer"),
    "unclosed-quote": Case(unclosed, "rejected"),
    "bad-bytes": Case(bad_bytes, "warning"),
    "missing-column": Case(missing_column),
    "engine-error": Case(engine_error, sla=ENGINE_SLA),
}

NEAR_MISS = cell(3, "id")[:-1]
"""An id close to a real one: `explain` finds no lead and knows which id is close."""

COMMANDS = ["score", "explain", "check-deadlines", "report", "validate"]


def command_line(command: str, export: Path, sla: Path, errors: Path) -> list[str | Path]:
    if command == "validate":  # no --errors: its findings are the list
        return ["validate", sla, "--leads", export]
    lead = [NEAR_MISS] if command == "explain" else []
    return [command, *lead, export, "--sla", sla, "--errors", errors]


def canaries(text: str) -> list[str]:
    """Canaries found in `text`: any `Cnry` (any case, as DuckDB or a message may change it),
    any number or time of a cell."""
    found = ["Cnry"] if "cnry" in text.lower() else []
    for r in range(40):
        for c in [*COLUMNS, "_latest", "_decay"]:
            value = cell(r, c)
            if c not in TEXT and value in text:
                found.append(value)
    return found


@pytest.mark.parametrize("case", list(CASES))
@pytest.mark.parametrize("command", COMMANDS)
def test_redact_leaves_no_cell_value_on_stderr_or_in_errors(
    command: str, case: str, cli: Cli, tmp_path: Path
) -> None:
    export, sla, errors = tmp_path / "leads.csv", tmp_path / "sla.yaml", tmp_path / "errors.csv"
    content = CASES[case].export()
    export.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    sla.write_text(CASES[case].sla, encoding="utf-8")
    args = [*command_line(command, export, sla, errors), "--as-of", AS_OF, "--redact"]
    r = cli(*args)
    assert r.exit_code in (0, 1, 2) and "Usage:" not in r.output, r.output
    stderr = r.stderr_bytes.decode("utf-8", "replace") if r.stderr_bytes else ""
    assert "Traceback" not in stderr
    assert not canaries(stderr), stderr
    if command == "validate":  # its findings are messages, on standard output
        assert not canaries(r.stdout), r.stdout
    if errors.exists():
        text = errors.read_bytes().decode("utf-8", "replace")
        assert not canaries(text), text
    # the run met the failure it was given
    listed = CASES[case].listed
    if case == "missing-column" and command in ("score", "explain"):
        assert "lacks a column the command needs" in stderr
    elif case == "missing-column" and command == "validate":
        assert "no column `stage` for field `stage`" in r.stdout
    elif command == "explain":
        assert "no lead with id `xxxxxxx99xx`" in stderr
    elif listed and command != "validate":
        kinds = [row[0] for row in csv.reader(io.StringIO(text, newline=""))]
        assert listed in kinds, kinds


def test_the_canaries_do_reach_the_messages_without_redact(cli: Cli, tmp_path: Path) -> None:
    """The test above can fail: without --redact, the same runs show the canaries."""
    export, sla, errors = tmp_path / "leads.csv", tmp_path / "sla.yaml", tmp_path / "errors.csv"
    export.write_text(unreadable(), encoding="utf-8")
    sla.write_text(SLA, encoding="utf-8")
    r = cli("explain", NEAR_MISS, export, "--sla", sla, "--as-of", AS_OF)
    assert r.exit_code == 2
    assert f"did you mean `{cell(3, 'id')}`?" in r.stderr
    r = cli("score", export, "--sla", sla, "--errors", errors, "--as-of", AS_OF)
    assert r.exit_code == 0
    assert "Cnrypts-not-a-number" in errors.read_text(encoding="utf-8")
    export.write_text(engine_error(), encoding="utf-8")
    sla.write_text(ENGINE_SLA, encoding="utf-8")
    r = cli("score", export, "--sla", sla, "--as-of", AS_OF)
    if r.exit_code == 2:  # (until internal names cannot collide: then there is no error)
        assert 'invalid timestamp field format: "CnrylatestR00ção"' in r.stderr


def test_explain_hides_the_close_id_with_redact(cli: Cli, tmp_path: Path) -> None:
    export, sla = tmp_path / "leads.csv", tmp_path / "sla.yaml"
    export.write_text(write_csv(COLUMNS, rows(COLUMNS)), encoding="utf-8")
    sla.write_text(SLA, encoding="utf-8")
    r = cli("explain", NEAR_MISS, export, "--sla", sla, "--as-of", AS_OF, "--redact")
    assert r.exit_code == 2
    assert "no lead with id `xxxxxxx99xx`" in r.stderr
    assert "a close id exists (hidden by --redact)" in r.stderr


def test_an_engine_message_is_left_out_with_redact() -> None:
    # whatever DuckDB quotes of a cell, with --redact only the kind of error remains
    con = duckdb.connect()
    try:
        with pytest.raises(duckdb.Error) as caught:
            con.execute("SELECT CAST('henrique.vieira@vertly.com' AS TIMESTAMP)").fetchall()
    finally:
        con.close()
    assert "henrique.vieira@vertly.com" in _duckdb_message(caught.value)
    masked = _duckdb_message(caught.value, redact=True)
    assert "henrique" not in masked and "vertly" not in masked
    assert masked.startswith("Conversion Error")


def test_an_unexpected_error_keeps_its_kind_but_not_its_message(cli: Cli, tmp_path: Path) -> None:
    # A field named like a column the engine computes (`_decay`) broke `explain` with a bug's
    # message quoting the cell; whatever such an error, --redact leaves its message out.
    export, sla = tmp_path / "leads.csv", tmp_path / "sla.yaml"
    export.write_text(write_csv([*COLUMNS, "_decay"], rows([*COLUMNS, "_decay"])), "utf-8")
    sla.write_text(
        SLA.replace("{field: name, present: true}", "{field: _decay, present: true}"), "utf-8"
    )
    lead = cell(3, "id")
    r = cli("explain", lead, export, "--sla", sla, "--as-of", AS_OF, "--redact")
    assert not canaries(r.stderr), r.stderr
    if "internal error" in r.stderr:  # (until internal names cannot collide)
        assert "(message left out by --redact: it may quote cells)" in r.stderr
        plain = cli("explain", lead, export, "--sla", sla, "--as-of", AS_OF)
        assert canaries(plain.stderr), plain.stderr  # the message did quote a cell

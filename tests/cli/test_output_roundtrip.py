"""`score --output` round trips (issue 9, case 9 and the output side of cases 3 and 4).

The output copies every record of the export byte for byte (blank markers, phone numbers and
formula-like cells are the user's data, as exported) and appends the `sla_` cells, the only
ones escaped against formulas. So scoring a scored export again gives the same account, and
removing the `sla_` cells gives the export back."""

from __future__ import annotations

import codecs
import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import AS_OF, EXAMPLES, Cli
from tests.data.support import SHAPES, SLAS, summary_counts
from tests.data.test_big_records import (
    AFTER,
    BEFORE,
    MB,
    SLA,
    big_record,
    export_with,
    stray_quote_export,
)

SLA_CELLS = 6


def sla_quoted(cell: str, delimiter: str) -> str:
    """A cell as leadsla writes it (csv.writer's minimal quoting)."""
    if delimiter in cell or '"' in cell or "\n" in cell or "\r" in cell:
        return '"' + cell.replace('"', '""') + '"'
    return cell


def strip_sla(text: str, delimiter: str) -> str:
    """The output without the `sla_` cells leadsla appended to each record: the records as
    written. (The records are found with the csv module; their text is taken from `text`.)"""
    out: list[str] = []
    pos = 0
    for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter):
        suffix = delimiter + delimiter.join(sla_quoted(c, delimiter) for c in row[-SLA_CELLS:])
        at = text.find(suffix, pos)
        while text[at + len(suffix) : at + len(suffix) + 1] not in ("\n", "\r"):
            at = text.find(suffix, at + 1)
        end = at + len(suffix)
        term = "\r\n" if text.startswith("\r\n", end) else "\n"
        out.append(text[pos:at] + term)
        pos = end + len(term)
    assert pos == len(text)
    return "".join(out)


def score(cli: Cli, export: Path, sla: Path, *extra: str | Path) -> tuple[int, str, str]:
    r = cli("score", export, "--sla", sla, "--as-of", AS_OF, "--format", "json", *extra)
    return r.exit_code, r.stdout, r.stderr


def account(stdout: str, stderr: str, errors: Path) -> tuple[Any, ...]:
    """What a read says about an export: the summary line (without the file's name), the
    JSON summary and every read problem of --errors."""
    line = next(x for x in stderr.splitlines() if " rows: " in x)
    summary = json.loads(stdout)["summary"]
    problems = list(csv.reader(io.StringIO(errors.read_text("utf-8"))))
    return line.split(": ", 1)[1], summary, problems


# --- case 9: the scored example scores as the example -------------------------------------------


def test_rescoring_the_scored_example_gives_the_same_account(cli: Cli, tmp_path: Path) -> None:
    sla = EXAMPLES / "sla.yaml"
    once, twice = tmp_path / "once.csv", tmp_path / "twice.csv"
    errors1, errors2 = tmp_path / "errors1.csv", tmp_path / "errors2.csv"
    code, out1, err1 = score(
        cli, EXAMPLES / "leads.csv", sla, "--output", once, "--errors", errors1
    )
    assert code == 0, err1
    code, out2, err2 = score(cli, once, sla, "--output", twice, "--errors", errors2)
    assert code == 0, err2
    first, second = account(out1, err1, errors1), account(out2, err2, errors2)
    assert (
        first[0]
        == "2,000 rows: 2,000 used, 0 rejected, 77 unreadable cells; 10 rows share 5 duplicate ids"
    )
    assert second == first
    assert json.loads(out2)["leads"] == json.loads(out1)["leads"]
    assert twice.read_bytes() == once.read_bytes()


def test_the_example_comes_back_byte_for_byte(cli: Cli, tmp_path: Path) -> None:
    output = tmp_path / "scored.csv"
    code, _stdout, stderr = score(cli, EXAMPLES / "leads.csv", EXAMPLES / "sla.yaml", "-o", output)
    assert code == 0, stderr
    original = (EXAMPLES / "leads.csv").read_bytes()
    text = output.read_bytes().decode("utf-8")
    assert strip_sla(text, ";").encode("utf-8") == original
    # blank markers and phone numbers among them, as they were
    assert text.count(";-;") == original.decode("utf-8").count(";-;") > 0
    assert text.count(";+55 ") == original.decode("utf-8").count(";+55 ") > 0


HOSTILE = (
    "id;email;phone;note;size\r\n"
    "1;ana@x.com;+55 11 99999-0000;=1+1;-\r\n"
    '2;bia@x.com;-;"@SUM(A1:A2); ""quoted""\r\nsecond line";N/A\r\n'
    "3;competitor@rival.com;\t+1 555;-cmd|' /C calc'!A0;muitos\r\n"
    "4;caio@x.com; spaced ;café;12\r\n"
)

HOSTILE_SLA = """\
version: 1
name: hostile output
leads: {timezone: UTC, decimal: ",", types: {size: number}}
scoring:
  fit:
    rules: [{name: size, when: {field: size, gte: 10}, points: 10}]
    grades: {A: 10}
qualification:
  disqualify:
    - {reason: "=HYPERLINK(\\"http://x\\"); see", when: {field: email, ends_with: "@rival.com"}}
  mql: {field: fit, gte: 10}
"""


@pytest.mark.parametrize("encoding", ["utf-8", "cp1252", "utf-16"])
def test_data_cells_are_copied_and_only_sla_cells_escaped(
    encoding: str, cli: Cli, tmp_path: Path
) -> None:
    export, output = tmp_path / "export.csv", tmp_path / "scored.csv"
    raw = HOSTILE.encode(encoding)
    if encoding == "cp1252":  # with a byte cp1252 leaves undefined (Windows reads it as U+0081)
        raw = raw.replace("café".encode("cp1252"), "café".encode("cp1252") + b"\x81")
    export.write_bytes(raw)
    sla = tmp_path / "sla.yaml"
    sla.write_text(HOSTILE_SLA, encoding="utf-8")
    code, _stdout, stderr = score(cli, export, sla, "--output", output)
    assert code == 0, stderr
    assert summary_counts(stderr)["unreadable"] == 1  # muitos
    written = output.read_bytes()
    # text whose characters map one to one to the bytes (latin-1 keeps cp1252's every byte)
    codec = {"utf-8": "utf-8", "cp1252": "latin-1", "utf-16": "utf-16-le"}[encoding]
    if encoding == "utf-16":
        assert written.startswith(codecs.BOM_UTF16_LE) and raw.startswith(codecs.BOM_UTF16_LE)
        written, raw = written[2:], raw[2:]
    decoded = written.decode(codec)
    assert strip_sla(decoded, ";").encode(codec) == raw
    rows = list(csv.reader(io.StringIO(decoded, newline=""), delimiter=";"))
    assert [row[5:] for row in rows] == [
        ["sla_fit", "sla_grade", "sla_engagement", "sla_score", "sla_qualification", "sla_reason"],
        ["0,0", "D", "0,0", "0,0", "not_qualified", ""],
        ["0,0", "D", "0,0", "0,0", "not_qualified", ""],
        # leadsla's own cells are escaped (and quoted: the reason holds the delimiter)
        ["0,0", "D", "0,0", "0,0", "disqualified", '\'=HYPERLINK("http://x"); see'],
        ["10,0", "A", "0,0", "10,0", "mql", ""],
    ]
    assert rows[1][2:5] == ["+55 11 99999-0000", "=1+1", "-"]
    assert rows[3][2:4] == ["\t+1 555", "-cmd|' /C calc'!A0"]


def test_a_utf8_export_with_a_stray_byte_comes_back_with_it(cli: Cli, tmp_path: Path) -> None:
    export, output = tmp_path / "export.csv", tmp_path / "scored.csv"
    raw = ("id,name\n" + "".join(f"{i},Conceição {i}\n" for i in range(50))).encode()
    raw = raw.replace(b"Concei\xc3\xa7\xc3\xa3o 7", b"Concei\xe7\xe3o 7")  # cp1252 in UTF-8
    export.write_bytes(raw)
    code, _stdout, stderr = score(cli, export, SLAS / "minimal.yaml", "--output", output)
    assert code == 0, stderr
    assert "1 line with a byte that is not UTF-8" in stderr
    written = output.read_bytes().decode("utf-8", errors="surrogateescape")
    assert strip_sla(written, ",").encode("utf-8", errors="surrogateescape") == raw


def test_rescoring_keeps_rejected_rows_rejected(cli: Cli, tmp_path: Path) -> None:
    once, twice = tmp_path / "once.csv", tmp_path / "twice.csv"
    errors1, errors2 = tmp_path / "errors1.csv", tmp_path / "errors2.csv"
    export = SHAPES["ragged_rows"].path
    sla = SLAS / "ragged.yaml"
    code, out1, err1 = score(cli, export, sla, "-o", once, "--errors", errors1)
    assert code == 0, err1
    code, out2, err2 = score(cli, once, sla, "-o", twice, "--errors", errors2)
    assert code == 0, err2
    assert (
        summary_counts(err2)
        == summary_counts(err1)
        == {
            "rows": 8,
            "used": 5,
            "rejected": 3,
            "unreadable": 0,
        }
    )
    assert json.loads(out2)["leads"] == json.loads(out1)["leads"]

    # the same records are rejected, each now followed by its `sla_` cells (the blank line of
    # the export is left out, so the lines after it move up by one)
    def rejected(errors: Path) -> list[str]:
        rows = csv.DictReader(io.StringIO(errors.read_text("utf-8")))
        return [r["value"] for r in rows if r["kind"] == "rejected"]

    before, after = rejected(errors1), rejected(errors2)
    assert len(after) == len(before) == 3
    for old, new in zip(before, after, strict=True):
        assert new.startswith(old + ',,,,,,"rejected: ')


def test_old_sla_columns_anywhere_are_dropped_and_other_cells_kept(
    cli: Cli, tmp_path: Path
) -> None:
    export, output = tmp_path / "export.csv", tmp_path / "scored.csv"
    export.write_bytes(
        b'id,SLA_Grade,email,"note, quoted",sla_reason\n'
        b'1,A,a@x.com,"x, ""y""\nz",=old\n'
        b"2,B,b@x.com,-,\n"
    )
    code, _stdout, stderr = score(cli, export, SLAS / "minimal.yaml", "--output", output)
    assert code == 0, stderr
    assert output.read_bytes() == (
        b'id,email,"note, quoted",sla_fit,sla_grade,sla_engagement,sla_score,sla_qualification'
        b",sla_reason\n"
        b'1,a@x.com,"x, ""y""\nz",1.0,A,0.0,1.0,not_qualified,\n'
        b"2,b@x.com,-,1.0,A,0.0,1.0,not_qualified,\n"
    )


# --- the output side of cases 3 and 4 -----------------------------------------------------------


@pytest.mark.slow
def test_a_40_mb_record_stays_whole_in_an_output_over_the_export(cli: Cli, tmp_path: Path) -> None:
    big = big_record(40 * MB, "one line")
    path = export_with(tmp_path, big)
    sla = tmp_path / "sla.yaml"
    sla.write_text(SLA, encoding="utf-8")
    code, _stdout, stderr = score(cli, path, sla, "--output", path)  # over the export itself
    assert code == 0, stderr
    assert f"wrote {BEFORE + AFTER + 1:,} rows" in stderr
    with path.open("rb") as f:
        assert f.readline() == (
            b"id,email,n,sla_fit,sla_grade,sla_engagement,sla_score,sla_qualification,sla_reason\n"
        )
        for _ in range(BEFORE):  # the blank line before the long record is left out
            f.readline()
        assert f.readline() == (
            big.removesuffix(b"\n")
            + b',,,,,,"rejected: a record of 41,943,041 bytes; a record must be under 2,000,000'
            b' bytes"\n'
        )
    # scored again, it is rejected again
    code, _stdout, stderr = score(cli, path, sla)
    assert code == 0, stderr
    assert summary_counts(stderr) == {
        "rows": BEFORE + AFTER + 1,
        "used": BEFORE + AFTER,
        "rejected": 1,
        "unreadable": 0,
    }


def test_output_keeps_every_line_of_a_stray_quote_record(cli: Cli, tmp_path: Path) -> None:
    path, lines = stray_quote_export(tmp_path, 200_000)
    sla = tmp_path / "sla.yaml"
    sla.write_text(SLA.replace("field: n, gte: 3", "field: note, contains: ipsum"), "utf-8")
    output = tmp_path / "scored.csv"
    code, _stdout, stderr = score(cli, path, sla, "--output", output)
    assert code == 0, stderr
    written = output.read_text("utf-8").split("\n")
    assert written[10:156] == [
        *[line.removesuffix("\n") for line in lines[10:155]],
        lines[155].removesuffix("\n")
        + ",,,,,,rejected: a quote is not closed (or a quoted cell has text after its closing"
        " quote)",
    ]
    assert written[156] == lines[156].removesuffix("\n") + ",10.0,A,0.0,10.0,not_qualified,"
    assert len(written) == len(lines) + 1  # every line, and the last line break

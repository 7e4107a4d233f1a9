"""`leadsla score` on real and hostile exports, end to end (SPEC §2, §3).

The cases that depend on the process (standard input, the machine's time zone, exit codes
without a traceback) run `leadsla` as a subprocess; the others use typer's runner in process,
which is the same command and much faster."""

from __future__ import annotations

import codecs
import csv
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import AS_OF, Cli, run_leadsla
from tests.data.support import EXPORTS, SHAPES, SLAS, Shape, records, summary_counts


def score(cli: Cli, export: Path | str, sla: str, *extra: str | Path) -> tuple[int, str, str]:
    """`leadsla score EXPORT --sla SLAS/sla --as-of AS_OF --format json ...` in process."""
    r = cli("score", export, "--sla", SLAS / sla, "--as-of", AS_OF, "--format", "json", *extra)
    return r.exit_code, r.stdout, r.stderr


def doc(stdout: str) -> dict[str, Any]:
    parsed: dict[str, Any] = json.loads(stdout)
    return parsed


def fits(stdout: str) -> dict[str, float]:
    return {lead["id"]: lead["fit"] for lead in doc(stdout)["leads"]}


def error_rows(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text("utf-8"))))


def parse_output(path: Path, encoding: str, delimiter: str) -> list[list[str]]:
    text = path.read_bytes().decode(encoding)
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))


# --- the row summary adds up, for every shape ---------------------------------------------------


@pytest.mark.parametrize("shape", SHAPES.values(), ids=list(SHAPES))
def test_row_summary_accounts_for_every_record(shape: Shape, cli: Cli, tmp_path: Path) -> None:
    errors = tmp_path / "errors.csv"
    code, stdout, stderr = score(cli, shape.path, "minimal.yaml", "--errors", errors)
    assert code == 0, stderr
    counted = summary_counts(stderr)
    summary = doc(stdout)["summary"]
    assert {k: summary[k] for k in ("rows", "used", "rejected")} == {
        k: counted[k] for k in ("rows", "used", "rejected")
    }
    assert summary["unreadable_cells"] == counted["unreadable"]
    # against the file itself: every data record is a used row, a rejected row or footer
    data = list(records(shape.text(), shape.delimiter))[1:]
    assert summary["rows"] + summary["footer_rows"] == len(data)
    assert len(doc(stdout)["leads"]) == summary["used"]
    kinds = [r["kind"] for r in error_rows(errors)]
    assert kinds.count("rejected") == summary["rejected"]
    assert kinds.count("footer") == (1 if summary["footer_rows"] else 0)


# --- standard input, the machine's zone, files that are not exports (subprocesses) ---------------


def test_dash_reads_standard_input(tmp_path: Path) -> None:
    errors = tmp_path / "errors.csv"
    data = SHAPES["rdstation_utf16_tab"].path.read_bytes()
    r = run_leadsla(
        "score",
        "-",
        "--sla",
        SLAS / "rdstation.yaml",
        "--as-of",
        AS_OF,
        "--format",
        "json",
        "--errors",
        errors,
        input=data,
    )
    assert r.returncode == 0, r.stderr
    assert (
        "-: 4 rows: 4 used, 0 rejected, 0 unreadable cells; 2 rows share 1 duplicate id" in r.stderr
    )
    # both rows of the repeated e-mail are kept; the full listing keeps the input's order
    assert [(lead["id"], lead["fit"]) for lead in doc(r.stdout)["leads"]] == [
        ("ana.souza@vertly.com.br", 51.0),
        ("joao@pixai.com", 1.0),
        ("mari@acme.com.br", 51.0),
        ("ana.souza@vertly.com.br", 31.0),
    ]
    assert [(e["kind"], e["line"]) for e in error_rows(errors)] == [
        ("duplicate", "2"),
        ("duplicate", "5"),
    ]


def test_dash_with_ragged_rows_from_standard_input() -> None:
    r = run_leadsla(
        "score",
        "-",
        "--sla",
        SLAS / "ragged.yaml",
        "--as-of",
        AS_OF,
        "--format",
        "json",
        input=SHAPES["ragged_rows"].path.read_bytes(),
    )
    assert r.returncode == 0, r.stderr
    assert summary_counts(r.stderr) == {"rows": 8, "used": 5, "rejected": 3, "unreadable": 0}
    # every lead, in the export's order (the rejected rows 2 and 4 left out)
    assert [lead["id"] for lead in doc(r.stdout)["leads"]] == ["1", "3", "5", "6", "7"]


ZONES = {
    # naive stamps in São Paulo (UTC-3); as-of is 15:00 UTC
    "sao_paulo": {"near": 11.0, "late": 0.0, "night": 0.0, "utc": 11.0},
    # naive stamps in UTC
    "utc": {"near": 1.0, "late": 1.0, "night": 0.0, "utc": 11.0},
}


@pytest.mark.parametrize(
    ("sla", "expected"),
    [
        ("zones_leads_timezone.yaml", ZONES["sao_paulo"]),
        ("zones_calendar.yaml", ZONES["sao_paulo"]),
        ("zones_both.yaml", ZONES["sao_paulo"]),
        ("zones_utc.yaml", ZONES["utc"]),
    ],
)
def test_naive_timestamps_are_in_leads_timezone(
    sla: str, expected: dict[str, float], cli: Cli
) -> None:
    """leads.timezone, else calendar.timezone, else UTC."""
    code, stdout, stderr = score(cli, EXPORTS / "naive_timestamps.csv", sla)
    assert code == 0, stderr
    assert fits(stdout) == expected


@pytest.mark.parametrize(
    ("sla", "expected"),
    [("zones_leads_timezone.yaml", ZONES["sao_paulo"]), ("zones_utc.yaml", ZONES["utc"])],
)
def test_the_machine_zone_is_never_used(sla: str, expected: dict[str, float]) -> None:
    """In Tokyo (UTC+9) `night` (23:30) would be 14:30 UTC, within the hour of as-of."""
    r = run_leadsla(
        "score",
        EXPORTS / "naive_timestamps.csv",
        "--sla",
        SLAS / sla,
        "--as-of",
        AS_OF,
        "--format",
        "json",
        env={"TZ": "Asia/Tokyo"},
    )
    assert r.returncode == 0, r.stderr
    assert fits(r.stdout) == expected


@pytest.mark.parametrize(
    ("file", "message"),
    [
        ("empty.csv", "empty.csv: empty file (no header line)"),
        ("not_a_csv.png", "not_a_csv.png: not a CSV export (it holds binary data)"),
    ],
)
def test_files_that_are_not_exports_exit_2(file: str, message: str, tmp_path: Path) -> None:
    output = tmp_path / "out.csv"
    r = run_leadsla(
        "score",
        EXPORTS / file,
        "--sla",
        SLAS / "minimal.yaml",
        "--as-of",
        AS_OF,
        "--output",
        output,
    )
    assert r.returncode == 2
    assert message in r.stderr and "internal error" not in r.stderr
    assert r.stdout == "" and not output.exists()


# --- hostile headers and values ----------------------------------------------------------------


def test_hostile_headers_and_values_are_data(tmp_path: Path) -> None:
    output, errors = tmp_path / "scored.csv", tmp_path / "errors.csv"
    r = run_leadsla(
        "score",
        EXPORTS / "hostile.csv",
        "--sla",
        SLAS / "hostile.yaml",
        "--as-of",
        AS_OF,
        "--format",
        "json",
        "--output",
        output,
        "--errors",
        errors,
    )
    assert r.returncode == 0, r.stderr
    # every rule matched the value written in its column, and nothing else
    assert fits(r.stdout) == {"h1": 1 + 2 + 4 + 8 + 16 + 32 + 64 + 256, "h2": 128.0, "h3": 0.0}
    assert error_rows(errors) == []
    rows = parse_output(output, "utf-8", ",")
    assert rows[0] == [
        "id",
        "'; DROP TABLE leads; --",
        "Robert'); --",
        'say "hi"',
        "back\\slash",
        "${x}",
        "ünï©ødé 名前",
        "_ragged",
        "rowid",
        "leads",
        "sla_fit",
        "sla_grade",
        "sla_engagement",
        "sla_score",
        "sla_qualification",
        "sla_reason",
    ]
    assert rows[1][:10] == [
        "h1",
        "'; DROP TABLE leads; --",
        "Robert'); DROP TABLE students; --",
        'a "quoted" word',
        "C:\\temp\\new",
        "${jndi:ldap://x}",
        "Ação 日本語 🚀",
        "_ragged",
        "1",
        "leads",
    ]
    # the export's cells are the user's data: copied as exported, formula-like ones too (only
    # the cells leadsla writes are escaped)
    assert rows[2][:10] == [
        "h2",
        "=1+1",
        "+55 11 99999-0000",
        "-cmd|' /C calc'!A0",
        "@SUM(A1:A2)",
        "-5",
        "-1.234,5",
        '=HYPERLINK("http://x")',
        "2",
        "\tTAB",
    ]
    assert [row[10:] for row in rows[1:]] == [
        ["383.0", "A", "0.0", "383.0", "not_qualified", ""],
        ["128.0", "B", "0.0", "128.0", "not_qualified", ""],
        ["0.0", "D", "0.0", "0.0", "not_qualified", ""],
    ]


def test_hostile_values_in_errors_are_not_formulas(cli: Cli, tmp_path: Path) -> None:
    errors = tmp_path / "errors.csv"
    code, _stdout, stderr = score(
        cli, EXPORTS / "hostile.csv", "hostile_numbers.yaml", "--errors", errors
    )
    assert code == 0, stderr
    rows = error_rows(errors)
    assert summary_counts(stderr)["unreadable"] == len(rows) == 19
    by_value = {(e["line"], e["field"]): e["value"] for e in rows}
    assert by_value[("3", "'; DROP TABLE leads; --")] == "'=1+1"
    assert by_value[("3", "Robert'); --")] == "'+55 11 99999-0000"
    assert by_value[("3", 'say "hi"')] == "'-cmd|' /C calc'!A0"
    assert by_value[("3", "back\\slash")] == "'@SUM(A1:A2)"
    assert by_value[("3", "ünï©ødé 名前")] == "-1.234,5"
    assert by_value[("3", "_ragged")] == '\'=HYPERLINK("http://x")'
    assert by_value[("3", "leads")] == "'\tTAB"
    assert by_value[("2", "'; DROP TABLE leads; --")] == "'; DROP TABLE leads; --"
    assert ("3", "${x}") not in by_value  # -5 is a number
    assert {e["column"] for e in rows} == {
        "'; DROP TABLE leads; --",
        "Robert'); --",
        'say "hi"',
        "back\\slash",
        "${x}",
        "ünï©ødé 名前",
        "_ragged",
        "leads",
    }


def test_redact_masks_values_in_errors(cli: Cli, tmp_path: Path) -> None:
    errors = tmp_path / "errors.csv"
    code, _stdout, stderr = score(
        cli, EXPORTS / "hostile.csv", "hostile_numbers.yaml", "--errors", errors, "--redact"
    )
    assert code == 0, stderr
    values = {(e["line"], e["field"]): e["value"] for e in error_rows(errors)}
    assert values[("2", "Robert'); --")] == "xxxxxx'); xxxx xxxxx xxxxxxxx; --"
    assert values[("2", "ünï©ødé 名前")] == "xxxx xxx 🚀"
    assert values[("3", "'; DROP TABLE leads; --")] == "'=9+9"
    assert values[("3", "Robert'); --")] == "'+99 99 99999-9999"
    rejected = tmp_path / "rejected.csv"
    score(cli, SHAPES["ragged_rows"].path, "ragged.yaml", "--errors", rejected, "--redact")
    assert [e["value"] for e in error_rows(rejected)] == [
        "9,xxx@xxxx.xxx",
        "9,xxx@x.xxx,xxx,99,xxxxx",
        "   ",
    ]


def test_a_field_named_like_a_column_of_leadsla_is_read_as_a_field(
    cli: Cli, write_sla: Any
) -> None:
    # `rowid` was refused (it is DuckDB's row number); field columns now have their own
    # namespace (tests/cli/test_internal_names.py tries every name leadsla uses)
    sla = write_sla(
        """
        version: 1
        name: rowid
        scoring:
          fit:
            rules:
              - {name: r, when: {field: rowid, eq: "1"}, points: 1}
            grades: {A: 1}
        """
    )
    r = cli("score", EXPORTS / "hostile.csv", "--sla", sla, "--as-of", AS_OF, "--format", "json")
    assert r.exit_code == 0, r.output
    assert [(lead["id"], lead["grade"]) for lead in doc(r.stdout)["leads"]] == [
        ("h1", "A"),
        ("h2", "D"),
        ("h3", "D"),
    ]


# --- header matching -----------------------------------------------------------------------------


def test_missing_column_names_the_field_the_sla_place_and_the_closest_header(cli: Cli) -> None:
    code, stdout, stderr = score(
        cli, SHAPES["rdstation_legacy_utf8_semicolon"].path, "missing_column.yaml"
    )
    assert code == 2 and stdout == ""
    sla = SLAS / "missing_column.yaml"
    assert (
        f"field `job_title`: no column `Cargos` (used at scoring.fit.rules[0].when.matches, {sla} line 9);"
        ' closest: `Cargo` (map it: leads.columns: {job_title: "Cargo"})'
    ) in stderr
    assert (
        "headers found: Email, Nome, Cargo, Estágio no funil, Data da primeira conversão,"
        " Lead Scoring - Interesse"
    ) in stderr


def test_two_headers_matching_ignoring_case_exit_2(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "two.csv"
    path.write_text("Email,EMAIL\na@x.com,b@x.com\n", encoding="utf-8")
    code, _stdout, stderr = score(cli, path, "minimal.yaml")
    assert code == 2
    assert "columns `Email` and `EMAIL` both match `email`" in stderr


def test_two_headers_with_the_same_name_exit_2(cli: Cli, tmp_path: Path) -> None:
    # the first `Email` must not win silently; a duplicate the SLA does not use is harmless
    path = tmp_path / "two.csv"
    path.write_text("Nota,Email,Nota,Email\n1,a@x.com,2,b@x.com\n", encoding="utf-8")
    code, _stdout, stderr = score(cli, path, "minimal.yaml")
    assert code == 2
    assert "field `email`: columns 2 and 4 are both named `Email`; rename one" in stderr
    path.write_text("Nota,Email,Nota\n1,a@x.com,2\n", encoding="utf-8")
    code, stdout, stderr = score(cli, path, "minimal.yaml")
    assert code == 0, stderr
    assert doc(stdout)["leads"][0]["id"] == "a@x.com"


# --- ids and duplicates -------------------------------------------------------------------------


def test_ids_are_physical_lines_without_id_or_email(cli: Cli) -> None:
    code, stdout, stderr = score(cli, SHAPES["no_id_no_email_multiline"].path, "minimal.yaml")
    assert code == 0, stderr
    assert [lead["id"] for lead in doc(stdout)["leads"]] == ["2", "4", "7", "9"]


def test_duplicate_ids_are_warned_kept_and_listed(cli: Cli, tmp_path: Path) -> None:
    errors = tmp_path / "errors.csv"
    code, stdout, stderr = score(
        cli, SHAPES["duplicate_ids"].path, "minimal.yaml", "--errors", errors
    )
    assert code == 0
    assert "4 rows: 4 used, 0 rejected, 0 unreadable cells; 2 rows share 1 duplicate id" in stderr
    summary = doc(stdout)["summary"]
    assert (summary["used"], summary["duplicates"]) == (4, 2)
    assert sorted(lead["id"] for lead in doc(stdout)["leads"]) == ["5", "7", "7", "8"]
    assert [(e["kind"], e["line"], e["column"], e["value"]) for e in error_rows(errors)] == [
        ("duplicate", "2", "id", "7"),
        ("duplicate", "4", "id", "7"),
    ]


# --- --strict ------------------------------------------------------------------------------------


def test_strict_exits_2_after_writing_errors(tmp_path: Path) -> None:
    output, errors = tmp_path / "scored.csv", tmp_path / "errors.csv"
    r = run_leadsla(
        "score",
        SHAPES["ragged_rows"].path,
        "--sla",
        SLAS / "ragged.yaml",
        "--as-of",
        AS_OF,
        "--format",
        "json",
        "--strict",
        "--errors",
        errors,
        "--output",
        output,
    )
    assert r.returncode == 2
    assert "--strict: " in r.stderr and "has 3 data problems" in r.stderr
    assert summary_counts(r.stderr) == {"rows": 8, "used": 5, "rejected": 3, "unreadable": 0}
    assert r.stdout == "" and not output.exists()
    assert [(e["kind"], e["line"]) for e in error_rows(errors)] == [
        ("rejected", "3"),
        ("rejected", "5"),
        ("rejected", "8"),
    ]


def test_strict_passes_a_clean_export(cli: Cli) -> None:
    code, _stdout, stderr = score(cli, SHAPES["hubspot_contacts"].path, "minimal.yaml", "--strict")
    assert code == 0, stderr


# --- --output ------------------------------------------------------------------------------------


def test_output_utf16_in_utf16_out(cli: Cli, tmp_path: Path) -> None:
    output = tmp_path / "scored.csv"
    code, _stdout, stderr = score(
        cli, SHAPES["rdstation_utf16_tab"].path, "rdstation.yaml", "--output", output
    )
    assert code == 0, stderr
    raw = output.read_bytes()
    assert raw.startswith(codecs.BOM_UTF16_LE)
    text = raw.decode("utf-16")
    assert text.count("\r\n") == 5 and "\n" not in text.replace("\r\n", "")
    rows = parse_output(output, "utf-16", "\t")
    original = list(
        csv.reader(io.StringIO(SHAPES["rdstation_utf16_tab"].text(), newline=""), delimiter="\t")
    )
    assert [row[:10] for row in rows] == original  # input order, cells as written
    assert rows[0][10:] == [
        "sla_fit",
        "sla_grade",
        "sla_engagement",
        "sla_score",
        "sla_qualification",
        "sla_reason",
    ]
    assert [row[10:14] for row in rows[1:]] == [
        ["51.0", "A", "0.0", "51.0"],
        ["1.0", "D", "0.0", "1.0"],
        ["51.0", "A", "0.0", "51.0"],
        ["31.0", "B", "0.0", "31.0"],
    ]


def test_output_utf16_big_endian_in_big_endian_out(cli: Cli, tmp_path: Path) -> None:
    export, output = tmp_path / "be.csv", tmp_path / "scored.csv"
    text = SHAPES["rdstation_utf16_tab"].text()
    export.write_bytes(codecs.BOM_UTF16_BE + text.encode("utf-16-be"))
    code, _stdout, stderr = score(cli, export, "rdstation.yaml", "--output", output)
    assert code == 0, stderr
    raw = output.read_bytes()
    assert raw.startswith(codecs.BOM_UTF16_BE)
    rows = parse_output(output, "utf-16", "\t")  # the BOM tells the byte order
    original = list(csv.reader(io.StringIO(text, newline=""), delimiter="\t"))
    assert [row[:10] for row in rows] == original


def test_output_cp1252_in_cp1252_out(cli: Cli, tmp_path: Path) -> None:
    output = tmp_path / "scored.csv"
    shape = SHAPES["salesforce_dataloader_cp1252"]
    code, stdout, stderr = score(cli, shape.path, "dataloader.yaml", "--output", output)
    assert code == 0, stderr
    assert fits(stdout) == {"00Q5e00000XyZ01": 15.0, "00Q5e00000XyZ02": 7.0}
    raw = output.read_bytes()
    assert not raw.startswith(codecs.BOM_UTF8)
    text = raw.decode("cp1252")
    for expected in (
        "Descrição do preço",
        "Diretor – Vendas",
        "Preço “especial” de €1.200",
        "joão@açaí.com.br",
    ):
        assert expected in text
    rows = parse_output(output, "cp1252", ",")
    original = list(csv.reader(io.StringIO(shape.text(), newline="")))
    assert [row[:9] for row in rows] == original
    assert raw.count(b"\r\n") == 3


def test_output_excel_brazil_decimal_comma(cli: Cli, tmp_path: Path) -> None:
    output = tmp_path / "scored.csv"
    shape = SHAPES["excel_br_cp1252_semicolon"]
    code, _stdout, stderr = score(cli, shape.path, "excel_br.yaml", "--output", output)
    assert code == 0, stderr
    assert summary_counts(stderr) == {"rows": 4, "used": 4, "rejected": 0, "unreadable": 1}
    rows = parse_output(output, "cp1252", ";")
    assert [row[:7] for row in rows] == list(
        csv.reader(io.StringIO(shape.text(), newline=""), delimiter=";")
    )
    # the SLA's decimal; -1.234,5 is a number, not a formula
    assert [(row[0], row[3], row[7], row[8]) for row in rows[1:]] == [
        ("1", "1.234,5", "15,5", "A"),
        ("2", "12.345.678,90", "12,5", "B"),
        ("3", "-1.234,5", "0,0", "D"),
        ("4", "1,23", "0,0", "D"),
    ]


def test_output_keeps_rejected_rows_in_place_and_leaves_the_footer_out(
    cli: Cli, tmp_path: Path
) -> None:
    output = tmp_path / "scored.csv"
    code, _stdout, stderr = score(
        cli, SHAPES["ragged_rows"].path, "ragged.yaml", "--output", output
    )
    assert code == 0, stderr
    assert "wrote 8 rows to" in stderr
    rows = parse_output(output, "utf-8", ",")
    assert rows[1:] == [
        ["1", "ana@vertly.com", "Ana", "10", "0.0", "D", "0.0", "0.0", "not_qualified", ""],
        # a rejected row is copied as it is (so it is rejected again when read again), then
        # five blank `sla_` cells and the reason
        [
            "2",
            "bob@acme.com",
            "",
            "",
            "",
            "",
            "",
            "rejected: wrong number of fields: 2, expected 4",
        ],
        ["3", "carol@pix.ai", "Carol", "30", "0.0", "D", "0.0", "0.0", "not_qualified", ""],
        [
            "4",
            "dan@x.com",
            "Dan",
            "40",
            "extra",
            "",
            "",
            "",
            "",
            "",
            "rejected: wrong number of fields: 5, expected 4",
        ],
        ["5", "eve@y.com", "Eve", "50", "10.0", "A", "0.0", "10.0", "not_qualified", ""],
        ["   ", "", "", "", "", "", "rejected: wrong number of fields: 1, expected 4"],
        ["6", "fay@z.com", "Fay", "60", "10.0", "A", "0.0", "10.0", "not_qualified", ""],
        ["7", "gus@w.com", "Gus", "70", "10.0", "A", "0.0", "10.0", "not_qualified", ""],
    ]
    footer = tmp_path / "footer.csv"
    code, stdout, stderr = score(
        cli, SHAPES["salesforce_report_footer"].path, "salesforce_report.yaml", "--output", footer
    )
    assert code == 0, stderr
    assert "; a footer of 3 lines skipped" in stderr and doc(stdout)["summary"]["footer_rows"] == 3
    # 2/24 and 3/5 happened; 12/1 is after as-of, so not yet
    assert fits(stdout) == {
        "00Q5e00000AbCdE": 21.0,
        "00Q5e00000AbCdF": 20.0,
        "00Q5e00000AbCdG": 1.0,
    }
    rows = parse_output(footer, "utf-8", ",")
    assert [row[0] for row in rows] == [
        "Lead ID",
        "00Q5e00000AbCdE",
        "00Q5e00000AbCdF",
        "00Q5e00000AbCdG",
    ]
    assert "Grand Totals" not in footer.read_text("utf-8")


def test_output_of_zoho_multiline_cells(cli: Cli, tmp_path: Path) -> None:
    output = tmp_path / "scored.csv"
    shape = SHAPES["zoho_leads_crlf_multiline"]
    code, _stdout, stderr = score(cli, shape.path, "minimal.yaml", "--output", output)
    assert code == 0, stderr
    rows = parse_output(output, "utf-8", ",")
    original = list(csv.reader(io.StringIO(shape.text(), newline="")))
    # input order, multi-line cells as written; the rejected row as it is, then its `sla_` cells
    assert [row[:7] for row in rows[:4]] == original[:4] and rows[5][:7] == original[5]
    assert rows[4] == [
        *original[4],
        "",
        "",
        "",
        "",
        "",
        "rejected: wrong number of fields: 3, expected 7",
    ]
    assert output.read_bytes().count(b"\r\n") == 6  # CRLF rows; the LF inside cells stay LF


def test_output_into_a_missing_directory_exits_2_and_writes_nothing(
    cli: Cli, tmp_path: Path
) -> None:
    target = tmp_path / "missing" / "scored.csv"
    code, stdout, stderr = score(
        cli, SHAPES["hubspot_contacts"].path, "minimal.yaml", "--output", target
    )
    assert code == 2 and stdout == ""
    assert "no such directory" in stderr
    assert not (tmp_path / "missing").exists()


def test_output_onto_a_directory_exits_2(cli: Cli, tmp_path: Path) -> None:
    code, _stdout, stderr = score(
        cli, SHAPES["hubspot_contacts"].path, "minimal.yaml", "--output", tmp_path
    )
    assert code == 2 and "is a directory" in stderr
    assert list(tmp_path.iterdir()) == []


def test_output_replaces_an_existing_file_whole(cli: Cli, tmp_path: Path) -> None:
    target = tmp_path / "scored.csv"
    target.write_text("old content that is much longer than the new one " * 100, encoding="utf-8")
    code, _stdout, stderr = score(
        cli, SHAPES["pipe_delimited"].path, "minimal.yaml", "--output", target
    )
    assert code == 0, stderr
    assert (
        target.read_text("utf-8").splitlines()[0]
        == "id|email|name|notes|sla_fit|sla_grade|sla_engagement|sla_score|sla_qualification|sla_reason"
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["scored.csv"]  # no temporary file left


def test_scoring_a_scored_export_replaces_its_sla_columns(cli: Cli, tmp_path: Path) -> None:
    once, twice = tmp_path / "once.csv", tmp_path / "twice.csv"
    source = SHAPES["pipe_delimited"].path
    assert score(cli, source, "minimal.yaml", "--output", once)[0] == 0
    code, _stdout, stderr = score(cli, once, "minimal.yaml", "--output", twice)
    assert code == 0, stderr
    assert twice.read_bytes() == once.read_bytes()
    assert f"wrote 2 rows to {twice}" in stderr
    code, _stdout, stderr = score(cli, once, "minimal.yaml", "--output", twice, "--quiet")
    assert (code, stderr) == (0, "")  # --quiet: not even the "wrote" line


def test_output_dash_is_a_usage_error(cli: Cli, tmp_path: Path) -> None:
    code, stdout, stderr = score(cli, SHAPES["pipe_delimited"].path, "minimal.yaml", "-o", "-")
    assert (code, stdout) == (2, "")
    assert "--output takes a file" in stderr
    assert not Path("-").exists()


def test_mixed_line_breaks_are_read(cli: Cli, tmp_path: Path) -> None:
    """Rows added in another editor: LF rows and CRLF rows in one file."""
    path = tmp_path / "mixed.csv"
    shutil.copy(SHAPES["pipe_delimited"].path, path)
    with path.open("ab") as f:
        f.write(b"3|carol@pix.ai|Carol|added on Windows\r\n4|dan@x.com|Dan\r\n")
    code, stdout, stderr = score(cli, path, "minimal.yaml")
    assert code == 0, stderr
    assert summary_counts(stderr) == {"rows": 4, "used": 3, "rejected": 1, "unreadable": 0}
    assert [lead["id"] for lead in doc(stdout)["leads"]] == ["1", "2", "3"]


def test_csv_formats_escape_formulas(cli: Cli, tmp_path: Path) -> None:
    # `--format csv` is opened in spreadsheets too: ids and owners never run as formulas
    sla = tmp_path / "sla.yaml"
    sla.write_text(
        "version: 1\nname: csv\nleads: {timezone: America/Sao_Paulo}\n"
        "scoring: {fit: {rules: [{name: Every lead, points: 1}], grades: {A: 1}}}\n"
        "follow_up:\n"
        "  - {id: contact, owner: sales, start: mql_at, stop: [contact_at], within: 4h,"
        " clock: calendar}\n",
        encoding="utf-8",
    )
    export = tmp_path / "leads.csv"
    export.write_text(
        "id,owner,mql_at,contact_at\n"
        "=1+1,@Ann,2026-11-16 10:00,\n"
        "-5,+Bob,2026-11-16 11:00,2026-11-16 12:00\n"
        '"=HYPERLINK(""http://x"")",ana,2026-11-16 12:00,\n',
        encoding="utf-8",
    )
    r = cli("score", export, "--sla", sla, "--as-of", AS_OF, "--format", "csv", "--quiet")
    assert r.exit_code == 0, r.output
    ids = [row["id"] for row in csv.DictReader(io.StringIO(r.stdout))]
    assert ids == ["'=1+1", "-5", '\'=HYPERLINK("http://x")']
    r = cli(
        "check-deadlines", export, "--sla", sla, "--as-of", AS_OF, "--format", "csv",
        "--status", "all", "--quiet",
    )  # fmt: skip
    assert r.exit_code == 1, r.output
    items = {(row["lead"], row["owner"]) for row in csv.DictReader(io.StringIO(r.stdout))}
    assert items == {("'=1+1", "'@Ann"), ("-5", "'+Bob"), ('\'=HYPERLINK("http://x")', "ana")}


def test_without_a_funnel_there_is_no_hand_off_to_audit(cli: Cli, tmp_path: Path) -> None:
    # no funnel, so no stage hands leads off: the JSON must not list every MQL as "never
    # handed off" (the table says "nothing to audit")
    sla = tmp_path / "sla.yaml"
    sla.write_text(
        (SLAS / "minimal.yaml").read_text(encoding="utf-8")
        + "qualification:\n  mql: {field: fit, gte: 1}\n",
        encoding="utf-8",
    )
    r = cli(
        "score", SHAPES["hubspot_contacts"].path, "--sla", sla, "--as-of", AS_OF, "--format", "json"
    )
    assert r.exit_code == 0, r.output
    d = doc(r.stdout)
    assert [lead["qualification"] for lead in d["leads"]][:1] == ["mql"]
    assert d["summary"]["handoff"] == {
        "stage": None,
        "judged_at": "handoff",
        "not_qualified": [],
        "not_handed_off": [],
    }


def test_an_unclosed_quote_says_which_lines_it_swallowed(cli: Cli, tmp_path: Path) -> None:
    # the quote opened on line 3 is never closed: lines 3-5 are one rejected record, and both
    # the summary and --errors say so instead of losing lines 4 and 5 silently
    path = tmp_path / "unclosed.csv"
    path.write_text(
        'email,name\na@x.com,Ana\nb@x.com,"Bia\nc@x.com,Caio\nd@x.com,Duda\n', encoding="utf-8"
    )
    errors = tmp_path / "errors.csv"
    code, _stdout, stderr = score(cli, path, "minimal.yaml", "--errors", errors)
    assert code == 0, stderr
    assert "2 rows: 1 used, 1 rejected, 0 unreadable cells; rejected records hold 2 more lines" in (
        stderr
    )
    (row,) = error_rows(errors)
    assert (row["kind"], row["line"]) == ("rejected", "3")
    assert row["reason"].endswith("; the record runs from line 3 to line 5")
    assert row["value"] == 'b@x.com,"Bia\nc@x.com,Caio\nd@x.com,Duda'


def test_a_big_export_keeps_file_order(cli: Cli, tmp_path: Path) -> None:
    # DuckDB reads a file over its 8 MB buffer in parallel; a plan that does not keep insertion
    # order (an `IN` list planned as a join did) shuffles the rows, and with them every line
    # number and the order of --output. 45,000 rows are ~10 MB.
    export, output, errors = tmp_path / "big.csv", tmp_path / "out.csv", tmp_path / "errors.csv"
    root = Path(__file__).resolve().parents[2]
    script = root / "scripts" / "generate_leads.py"
    subprocess.run(
        [sys.executable, script, "--rows", "45000", "--output", export], check=True, timeout=120
    )
    r = cli(
        "score", export, "--sla", root / "examples" / "sla.yaml", "--as-of", AS_OF,
        "--quiet", "--format", "json", "--top", "0", "--output", output, "--errors", errors,
    )  # fmt: skip
    assert r.exit_code == 0, r.output
    text = export.read_text(encoding="utf-8")
    ids_in = [row[0] for row in csv.reader(io.StringIO(text, newline=""), delimiter=";")][1:]
    out_rows = parse_output(output, "utf-8", ";")
    assert [row[0] for row in out_rows[1:]] == ids_in
    physical = text.split("\n")
    unreadable = [e for e in error_rows(errors) if e["kind"] == "unreadable"]
    assert len(unreadable) > 100
    for e in unreadable:  # in the record that starts on that line (a cell may hold a break)
        line = int(e["line"])
        assert e["value"] in "\n".join(physical[line - 1 : line + 2]), e


def test_no_row_read_at_all_exits_2(cli: Cli, tmp_path: Path) -> None:
    # Excel left a delimiter at the end of the header line only: every row is one field short,
    # and a cron job must not see success with nothing read
    path = tmp_path / "trailing.csv"
    path.write_text("id,email,\n1,a@x.com\n2,b@x.com\n", encoding="utf-8")
    errors = tmp_path / "errors.csv"
    code, stdout, stderr = score(cli, path, "minimal.yaml", "--errors", errors)
    assert (code, stdout) == (2, "")
    assert "2 rows: 0 used, 2 rejected" in stderr  # the summary still accounts for them
    assert (
        "no row could be read; line 2: wrong number of fields: 2, expected 3; the header line "
        "ends with a delimiter (an empty last column name) the rows do not have"
    ) in stderr
    assert [e["line"] for e in error_rows(errors)] == ["2", "3"]


def test_control_characters_in_cells_do_not_reach_the_terminal(cli: Cli, tmp_path: Path) -> None:
    # an id that clears the screen or retitles the terminal is shown, not obeyed
    path = tmp_path / "esc.csv"
    path.write_text('email\n"a@x.com\x1b[2J"\n"b@x.com\x1b]0;owned\x07"\n', encoding="utf-8")
    r = cli("score", path, "--sla", SLAS / "minimal.yaml", "--as-of", AS_OF, "--no-color")
    assert r.exit_code == 0, r.output
    assert "\x1b" not in r.stdout and "\x07" not in r.stdout
    assert "a@x.com\ufffd[2J" in r.stdout
    # JSON keeps the value as it is (escaped by JSON itself)
    code, stdout, _stderr = score(cli, path, "minimal.yaml")
    assert code == 0
    assert [lead["id"] for lead in doc(stdout)["leads"]] == [
        "a@x.com\x1b[2J",
        "b@x.com\x1b]0;owned\x07",
    ]


def test_fit_without_grades_makes_every_lead_d(cli: Cli, tmp_path: Path) -> None:
    # SPEC: grade = the first grade whose threshold fit reaches, else D; no grades, all D
    sla = tmp_path / "sla.yaml"
    sla.write_text(
        "version: 1\nname: g\nscoring:\n  fit:\n    rules: [{name: all, points: 1}]\n",
        encoding="utf-8",
    )
    r = cli(
        "score", SHAPES["hubspot_contacts"].path, "--sla", sla, "--as-of", AS_OF, "--format", "json"
    )
    assert r.exit_code == 0, r.output
    assert doc(r.stdout)["summary"]["by_grade"] == {"D": 3}

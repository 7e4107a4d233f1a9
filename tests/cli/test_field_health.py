"""Field health, fail closed (issue 9, cases 1, 13 and the last of 8): a field leadsla mostly
cannot read stops the commands that use it (exit 2) and warns in the others; `validate
--leads` reports it as a finding; `effective` after the as-of time and a start field blank in
every row are warnings that `--strict` fails on; `init` writes an `effective` in the past.

The exports are written here, in the shapes of ../shared/EXPORTS.md (an RD Station list with
`dd/mm/yyyy HH:MM` stamps, `;`-separated)."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import date
from pathlib import Path

import pytest

from leadsla.sla.starter import starter_text
from tests.conftest import Cli, run_leadsla

AS_OF = "2026-11-27T18:00:00-03:00"

RD_SLA = """\
version: 1
name: RD Station SLA
leads:
  date_formats: [iso]          # the starter's default: not how RD Station writes dates
  columns:
    id: ID
    email: Email
    owner: Dono do Lead
    mql_at: Data de qualificação
    first_contact_at: Primeiro contato
    company_size: Funcionários
calendar:
  timezone: America/Sao_Paulo
  hours: {mon-fri: "09:00-18:00"}
scoring:
  fit:
    rules:
      - {name: size, when: {field: company_size, gte: 50}, points: 10}
    grades: {A: 10}
follow_up:
  - {id: first-contact, owner: sales, start: mql_at, stop: [first_contact_at], within: 4h}
"""

HEADER = ["ID", "Email", "Dono do Lead", "Funcionários", "Data de qualificação", "Primeiro contato"]


def rd_export(rows: int = 30, *, size: str = "120", first_day: int = 13) -> str:
    """An RD Station-like export: `dd/mm/yyyy HH:MM` stamps (from the 13th of November 2026,
    so that day and month cannot be swapped), every third lead never contacted."""
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=";", lineterminator="\n")
    w.writerow(HEADER)
    for i in range(rows):
        day = first_day + i % 12
        mql = f"{day:02d}/11/2026 10:{i % 60:02d}"
        contact = "" if i % 3 == 0 else f"{day:02d}/11/2026 11:{i % 60:02d}"
        w.writerow([f"{1000 + i}", f"lead{i}@acme.com.br", "Carla", size, mql, contact])
    return buf.getvalue()


def write(folder: Path, sla: str, export: str) -> tuple[Path, Path]:
    (folder / "sla.yaml").write_text(sla, encoding="utf-8")
    (folder / "leads.csv").write_text(export, encoding="utf-8")
    return folder / "sla.yaml", folder / "leads.csv"


def errors_of(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(path.open(encoding="utf-8")))


# --- case 1: an export it cannot read is never a green run --------------------------------------


def test_rd_station_dates_read_as_iso_stop_check_deadlines(cli: Cli, tmp_path: Path) -> None:
    sla, leads = write(tmp_path, RD_SLA, rd_export())
    errors = tmp_path / "errors.csv"
    r = cli("check-deadlines", leads, "--sla", sla, "--as-of", AS_OF, "--errors", errors)
    # was: "0 follow-ups breached", exit 0
    assert r.exit_code == 2, r.stdout + r.stderr
    assert r.stdout == ""
    lines = r.stderr.splitlines()
    # the summary line first, then the error that names field, header, share and samples
    assert lines[0].endswith("30 rows: 30 used, 0 rejected, 50 unreadable cells")
    assert lines[1] == (
        f"leadsla: {leads}: field `mql_at` (column `Data de qualificação`): 30 of its 30 "
        "non-blank cells (100%) are not a date/time in leads.date_formats [iso], more than "
        "leads.max_unreadable (5%); e.g. `13/11/2026 10:00`, `14/11/2026 10:01`, "
        "`15/11/2026 10:02`"
    )
    assert lines[2].startswith("leadsla: ") and "field `first_contact_at`" in lines[2]
    # one piece of advice for both fields: the format that reads them, as a line to paste
    assert lines[3] == (
        '  ["%d/%m/%Y %H:%M"] reads 50 of 50 cells (the first 1,000 non-blank ones of each '
        "field; leads.date_formats reads 0); set it in the SLA:"
    )
    assert lines[4] == '    leads: {date_formats: ["%d/%m/%Y %H:%M"]}'
    # --errors lists the field findings (at the header line) with the cells
    found = [e for e in errors_of(errors) if e["kind"] == "field"]
    assert [(e["line"], e["column"], e["field"]) for e in found] == [
        ("1", "Data de qualificação", "mql_at"),
        ("1", "Primeiro contato", "first_contact_at"),
    ]
    assert found[0]["value"] == "13/11/2026 10:00 | 14/11/2026 10:01 | 15/11/2026 10:02"
    assert found[0]["reason"].endswith('try leads: {date_formats: ["%d/%m/%Y %H:%M"]}')

    # the advice, pasted, reads the export: 10 leads were never contacted
    fixed = RD_SLA.replace("date_formats: [iso]", 'date_formats: ["%d/%m/%Y %H:%M"]')
    sla.write_text(fixed, encoding="utf-8")
    r = cli("check-deadlines", leads, "--sla", sla, "--as-of", AS_OF, "--format", "json")
    assert r.exit_code == 1, r.stderr
    assert json.loads(r.stdout)["summary"]["counts"]["breached"] == 10
    assert r.stderr.splitlines() == [f"{leads}: 30 rows: 30 used, 0 rejected, 0 unreadable cells"]


def test_validate_leads_reports_an_unreadable_field(tmp_path: Path) -> None:
    sla, leads = write(tmp_path, RD_SLA, rd_export())
    r = run_leadsla("validate", sla, "--leads", leads, "--as-of", AS_OF)
    assert r.returncode == 1, r.stdout + r.stderr  # was 0
    assert f"{leads}:1:1: field `mql_at` (column `Data de qualificação`): 30 of its 30" in r.stdout
    assert 'try leads: {date_formats: ["%d/%m/%Y %H:%M"]}' in r.stdout
    assert (
        r.stdout.splitlines()[-1] == f"{sla}: valid, but not with this export (2 errors, 1 warning)"
    )
    r = run_leadsla("validate", sla, "--leads", leads, "--as-of", AS_OF, "--format", "json")
    [f] = json.loads(r.stdout)["files"]
    assert f["valid"] is True
    assert [(e["code"], e["file"]) for e in f["errors"]] == [("unhealthy-field", str(leads))] * 2
    assert {x["field"]: x["unreadable"] for x in f["summary"]["fields"]} == {
        "id": 0,
        "email": 0,
        "owner": 0,
        "company_size": 0,
        "mql_at": 30,
        "first_contact_at": 20,
    }


def test_a_command_that_does_not_use_the_field_warns(cli: Cli, tmp_path: Path) -> None:
    # score does not use the follow-up's timestamps: it scores, and says what is wrong
    sla, leads = write(tmp_path, RD_SLA, rd_export())
    r = cli("score", leads, "--sla", sla, "--as-of", AS_OF, "--quiet", "--format", "json")
    assert r.exit_code == 0, r.stderr
    assert json.loads(r.stdout)["summary"]["by_grade"] == {"A": 30, "D": 0}
    warnings = [line for line in r.stderr.splitlines() if line.startswith("leadsla: warning:")]
    assert [re.search(r"field `(\w+)`", w).group(1) for w in warnings] == [  # type: ignore[union-attr]
        "mql_at",
        "first_contact_at",
    ]
    # even with --quiet, and with the advice after them
    assert r.stderr.splitlines()[-1] == '    leads: {date_formats: ["%d/%m/%Y %H:%M"]}'
    # --strict fails on it everywhere
    r = cli("score", leads, "--sla", sla, "--as-of", AS_OF, "--quiet", "--strict")
    assert r.exit_code == 2 and r.stdout == ""
    assert r.stderr.splitlines()[-1] == (
        f"leadsla: --strict: {leads} has 50 data problems and 2 findings; "
        "list them with --errors FILE"
    )


def test_day_and_month_cannot_be_told_apart(cli: Cli, tmp_path: Path) -> None:
    # every day of the sample is 12 or less: both readings fit, and both lines are given
    sla, leads = write(tmp_path, RD_SLA, rd_export(24, first_day=1))
    r = cli("check-deadlines", leads, "--sla", sla, "--as-of", AS_OF)
    assert r.exit_code == 2
    tail = r.stderr.splitlines()[-4:]
    assert tail[0].startswith(
        "  ambiguous: `%d/%m/%Y %H:%M` and `%m/%d/%Y %H:%M` both read 40 of 40 cells"
    )
    assert tail[0].endswith(
        "no day in the sample is above 12; if the day comes first, set in the SLA:"
    )
    assert tail[1:] == [
        '    leads: {date_formats: ["%d/%m/%Y %H:%M"]}',
        "  if the month comes first:",
        '    leads: {date_formats: ["%m/%d/%Y %H:%M"]}',
    ]


def test_numbers_suggest_the_other_decimal_mark(cli: Cli, tmp_path: Path) -> None:
    sla_text = RD_SLA.replace("date_formats: [iso]", 'date_formats: ["%d/%m/%Y %H:%M"]')
    sla, leads = write(tmp_path, sla_text, rd_export(size="1.234,5"))
    r = cli("score", leads, "--sla", sla, "--as-of", AS_OF)
    assert r.exit_code == 2
    assert (
        "field `company_size` (column `Funcionários`): 30 of its 30 non-blank cells (100%) "
        'are not a number with leads.decimal "."' in r.stderr
    )
    assert r.stderr.splitlines()[-1] == '    leads: {decimal: ","}'


def test_bad_cells_no_format_reads_suggest_a_limit(cli: Cli, tmp_path: Path) -> None:
    # cells that are simply not numbers: no reading helps; the limit for that field does
    sla_text = RD_SLA.replace("date_formats: [iso]", 'date_formats: ["%d/%m/%Y %H:%M"]')
    export = rd_export(40).replace(";120;", ";11 a 50;", 25)
    sla, leads = write(tmp_path, sla_text, export)
    r = cli("score", leads, "--sla", sla, "--as-of", AS_OF, "--redact")
    assert r.exit_code == 2
    assert "25 of its 40 non-blank cells (62.5%)" in r.stderr
    assert "e.g. `99 x 99`, `99 x 99`, `99 x 99`" in r.stderr  # --redact masks the samples
    assert (
        r.stderr.splitlines()[-1] == "    leads: {max_unreadable: {default: 5%, company_size: 63%}}"
    )
    fixed = sla_text.replace(
        "leads:\n", "leads:\n  max_unreadable: {default: 5%, company_size: 63%}\n"
    )
    sla.write_text(fixed, encoding="utf-8")
    r = cli("score", leads, "--sla", sla, "--as-of", AS_OF)
    assert r.exit_code == 0, r.stderr
    assert "leadsla" not in r.stderr


@pytest.mark.parametrize(
    ("bad", "total", "limit", "unhealthy"),
    [
        (100, 2000, "5%", False),  # exactly the share: not more than it
        (101, 2000, "5%", True),
        (19, 100, "5%", False),  # above the share, but fewer than 20 cells
        (20, 100, "5%", True),
        (3, 3, "5%", True),  # all of them, however few
        (2000, 2000, "100%", False),  # 100% turns the check off
        (30, 100, "{default: 50%, company_size: 20%}", True),  # the field's own limit
        (30, 100, "{default: 20%, company_size: 50%}", False),
    ],
)
def test_what_is_unhealthy(
    cli: Cli, tmp_path: Path, bad: int, total: int, limit: str, unhealthy: bool
) -> None:
    sla_text = (
        RD_SLA.replace("date_formats: [iso]", f"max_unreadable: {limit}")
        .replace(
            "follow_up:\n  - {id: first-contact, owner: sales, start: mql_at, stop: [first_contact_at], within: 4h}\n",
            "",
        )
        # an export of two columns: the SLA must not name the others (a named column is required)
        .replace("    email: Email\n", "")
        .replace("    owner: Dono do Lead\n", "")
    )
    rows = ["ID;Funcionários"] + [f"{i};{'x' if i < bad else '60'}" for i in range(total)]
    rows += [f"{total + i};" for i in range(7)]  # blank cells count for nothing
    sla, leads = write(tmp_path, sla_text, "\n".join(rows) + "\n")
    r = cli("score", leads, "--sla", sla, "--as-of", AS_OF, "--quiet", "--format", "json")
    assert r.exit_code == (2 if unhealthy else 0), r.stderr
    if not unhealthy:
        fields = json.loads(r.stdout)["summary"]["fields"]
        assert fields == [
            {"field": "id", "header": "ID", "non_blank": total + 7, "unreadable": 0},
            {
                "field": "company_size",
                "header": "Funcionários",
                "non_blank": total,
                "unreadable": bad,
            },
        ]


def test_a_field_with_no_non_blank_cell_is_healthy_but_a_blank_start_warns(
    cli: Cli, tmp_path: Path
) -> None:
    sla_text = RD_SLA.replace("date_formats: [iso]", 'date_formats: ["%d/%m/%Y %H:%M"]')
    export = "\n".join(
        line.rsplit(";", 2)[0] + ";;" if i else line
        for i, line in enumerate(rd_export().splitlines())
    )
    sla, leads = write(tmp_path, sla_text, export + "\n")
    r = cli("check-deadlines", leads, "--sla", sla, "--as-of", AS_OF, "--quiet")
    assert r.exit_code == 0, r.stderr
    assert r.stderr == (
        f"leadsla: warning: {leads}: field `mql_at` (column `Data de qualificação`) is blank in "
        "every row: follow_up[0].start (`first-contact`) uses it, and the rule never starts\n"
    )
    r = cli("score", leads, "--sla", sla, "--as-of", AS_OF, "--quiet", "--strict")
    assert r.exit_code == 2 and "has 1 finding" in r.stderr


# --- case 8 (last sentence): validate --leads and a missing column ------------------------------


def test_validate_leads_missing_column_is_a_finding(cli: Cli, tmp_path: Path) -> None:
    sla_text = RD_SLA.replace("date_formats: [iso]", 'date_formats: ["%d/%m/%Y %H:%M"]')
    export = rd_export().replace("Primeiro contato", "Contato")
    sla, leads = write(tmp_path, sla_text, export)
    r = cli("check-deadlines", leads, "--sla", sla, "--as-of", AS_OF)
    assert r.exit_code == 2 and "lacks a column the command needs" in r.stderr
    # score does not use it: it runs, with the same account
    r = cli("score", leads, "--sla", sla, "--as-of", AS_OF)
    assert r.exit_code == 0, r.stderr
    r = cli("validate", sla, "--leads", leads, "--as-of", AS_OF)
    assert r.exit_code == 1, r.stdout  # was a warning, exit 0
    assert f"{leads}:1:1: no column `Primeiro contato` for field `first_contact_at`" in r.stdout
    assert r.stdout.splitlines()[-1] == f"{sla}: valid, but not with this export (1 error)"


def test_validate_leads_export_no_command_can_use_is_a_finding(cli: Cli, tmp_path: Path) -> None:
    sla_text = RD_SLA.replace("date_formats: [iso]", 'date_formats: ["%d/%m/%Y %H:%M"]')
    sla, leads = write(tmp_path, sla_text, rd_export().replace("Email", "ID"))
    r = cli("validate", sla, "--leads", leads, "--as-of", AS_OF)
    assert r.exit_code == 1 and "both named `ID`" in r.stdout
    r = cli("validate", sla, "--leads", tmp_path / "nope.csv", "--as-of", AS_OF)
    assert r.exit_code == 2  # no export to check: validate could not do its job


def test_validate_warns_on_an_unknown_field_in_max_unreadable(cli: Cli, tmp_path: Path) -> None:
    sla_text = RD_SLA.replace(
        "date_formats: [iso]", "max_unreadable: {default: 5%, company_sise: 20%, email: 10%}"
    )
    sla, _ = write(tmp_path, sla_text, "")
    r = cli("validate", sla, "--as-of", AS_OF)
    assert r.exit_code == 0
    assert r.stdout.splitlines() == [
        f"{sla}:4:33: warning: leads.max_unreadable.company_sise: `company_sise` is not a field "
        "the SLA reads (did you mean `company_size`?); this limit applies to no field",
        f"{sla}:4:52: warning: leads.max_unreadable.email: `email` is read as text, and text is "
        "always readable; this limit has no effect",
        f"{sla}: valid (2 warnings)",
    ]


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("5", "`5`: write a share with `%`, e.g. `5%` (`100%` turns the check off)"),
        ("150%", "`150%`: a share is between 0% and 100%"),
        ("[5%]", "a share (`5%`) or a mapping of shares, e.g. `{default: 5%, company_size: 20%}`"),
    ],
)
def test_max_unreadable_errors_are_located(
    cli: Cli, tmp_path: Path, value: str, message: str
) -> None:
    sla, _ = write(tmp_path, f"version: 1\nname: x\nleads:\n  max_unreadable: {value}\n", "")
    r = cli("validate", sla)
    assert r.exit_code == 1
    assert r.stdout.splitlines()[0] == f"{sla}:4:19: leads.max_unreadable: {message}"
    sla.write_text("version: 1\nname: x\nleads:\n  max_unreadable: {default: 5%, x: nope}\n")
    r = cli("validate", sla)
    assert r.stdout.splitlines()[0] == (
        f"{sla}:4:36: leads.max_unreadable.x: `nope` is not a share; write e.g. `5%` "
        "(`100%` turns the check off)"
    )


# --- case 13: effective after the as-of time; init's effective ----------------------------------


def test_effective_after_as_of_is_a_warning(cli: Cli, tmp_path: Path) -> None:
    sla_text = RD_SLA.replace("date_formats: [iso]", 'date_formats: ["%d/%m/%Y %H:%M"]')
    sla, leads = write(tmp_path, "effective: 2026-12-01\n" + sla_text, rd_export())
    r = cli("check-deadlines", leads, "--sla", sla, "--as-of", AS_OF, "--quiet")
    # was: 0 breached, exit 0, not a word
    assert r.exit_code == 0
    assert r.stderr == (
        f"{sla}:1:12: warning: effective: 2026-12-01 is after the as-of time "
        "(2026-11-27T18:00-03:00): nothing that starts before it is judged, so no deadline or "
        "goal is judged yet\n"
    )
    for command in ("check-deadlines", "score"):  # in every data command, and --strict fails
        r = cli(command, leads, "--sla", sla, "--as-of", AS_OF, "--quiet", "--strict")
        assert r.exit_code == 2 and r.stdout == ""
        assert r.stderr.splitlines()[-1] == (
            "leadsla: --strict: the SLA's `effective` is after the as-of time"
        )
    r = cli("check-deadlines", leads, "--sla", sla, "--as-of", "2026-12-02", "--quiet")
    assert r.stderr == ""


def test_init_writes_an_effective_in_the_past(cli: Cli, tmp_path: Path) -> None:
    text = starter_text(date(2026, 3, 9))
    [line] = [x for x in text.splitlines() if x.startswith("effective:")]
    assert line == "effective: 2025-01-01"
    assert "# The day the SLA took effect" in text
    target = tmp_path / "sla.yaml"
    assert cli("init", target).exit_code == 0
    written = re.search(r"^effective: (\S+)$", target.read_text(), re.M)
    assert written and date.fromisoformat(written.group(1)) < date.today()


def test_counts_of_many_fields_through_score_fused_read(cli: Cli, tmp_path: Path) -> None:
    # score keeps per-row bit sets of 62 fields each: 70 fields take two; counted as written
    n = 70
    rules = "\n".join(
        f"      - {{name: r{j}, when: {{field: f{j}, gte: 0}}, points: 1}}" for j in range(n)
    )
    sla_text = f"version: 1\nname: wide\nscoring:\n  fit:\n    rules:\n{rules}\n"
    header = ";".join(f"f{j}" for j in range(n))
    # field j: blank in the first j % 7 rows, unreadable in row 9 when j is a multiple of 5
    lines = [
        ";".join("" if i < j % 7 else ("x" if i == 9 and j % 5 == 0 else str(i)) for j in range(n))
        for i in range(10)
    ]
    sla, leads = write(tmp_path, sla_text, "\n".join([header, *lines]) + "\n")
    r = cli("score", leads, "--sla", sla, "--quiet", "--format", "json", "--as-of", AS_OF)
    # 1 unreadable cell of 10 is above 5%, but fewer than 20 and not all: healthy
    assert r.exit_code == 0, r.stderr
    fields = json.loads(r.stdout)["summary"]["fields"]
    assert fields == [
        {
            "field": f"f{j}",
            "header": f"f{j}",
            "non_blank": 10 - j % 7,
            "unreadable": 1 if j % 5 == 0 else 0,
        }
        for j in range(n)
    ]


def test_messages_do_not_paste_the_export(cli: Cli, tmp_path: Path) -> None:
    # 12 unreadable fields, a header of 200 characters, cells of 500: ten fields are described,
    # each header and cell cut to 60 characters; the rest named; all of them in --errors
    n = 12
    names = [f"f{j}" for j in range(n)]
    long_header = "H" * 200
    rules = "\n".join(
        f"      - {{name: r{j}, when: {{field: f{j}, gte: 0}}, points: 1}}" for j in range(n)
    )
    sla_text = (
        f"version: 1\nname: wide\nleads:\n  columns: {{f0: {long_header}}}\n"
        f"scoring:\n  fit:\n    rules:\n{rules}\n"
    )
    header = ";".join([long_header, *names[1:]])
    lines = [";".join(["x" * 500] * n) for _ in range(3)]
    sla, leads = write(tmp_path, sla_text, "\n".join([header, *lines]) + "\n")
    errors = tmp_path / "errors.csv"
    r = cli("score", leads, "--sla", sla, "--as-of", AS_OF, "--errors", errors)
    assert r.exit_code == 2
    described = [line for line in r.stderr.splitlines() if "non-blank cells" in line]
    assert len(described) == 10 and all(len(line) < 600 for line in described)
    assert f"(column `{'H' * 59}…`)" in described[0]
    assert f"e.g. `{'x' * 59}…`" in described[0]
    assert "leadsla: and 2 more unhealthy fields (`f10`, `f11`); see --errors" in r.stderr
    assert len([e for e in errors_of(errors) if e["kind"] == "field"]) == 12

"""`leadsla init PATH --from LEADS.csv` (issue 12, case 7): a starter SLA that reads the user's
own export, which `validate PATH --leads LEADS.csv` passes, for each CRM of EXPORTS.md."""

from __future__ import annotations

import codecs
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from leadsla.sla.load import load_sla
from leadsla.sla.starter import quote
from leadsla.sla.yamlload import load_yaml_bytes
from tests.conftest import EXAMPLES, Cli, run_leadsla

AS_OF = "2026-11-20"


def load_yaml(raw: bytes, name: str) -> tuple[Any]:
    """The project's own YAML loader (YAML 1.2 scalars, duplicate keys refused)."""
    return (load_yaml_bytes(raw, name).data,)


def _write(path: Path, rows: list[str], encoding: str = "utf-8", newline: str = "\n") -> Path:
    data = newline.join(rows) + newline
    if encoding == "utf-16":
        path.write_bytes(codecs.BOM_UTF16_LE + data.encode("utf-16-le"))
    elif encoding == "utf-8-sig":
        path.write_bytes(codecs.BOM_UTF8 + data.encode("utf-8"))
    else:
        path.write_bytes(data.encode(encoding))
    return path


# One export per header set of ../shared/EXPORTS.md, in the shape the CRM writes it.
EXPORTS: dict[str, dict[str, Any]] = {
    "rdstation": {
        "encoding": "utf-16",
        "rows": [
            "Email\tNome\tCargo\tEmpresa\tEstágio no funil\tDono do Lead\tLead Scoring - Perfil"
            "\tLead Scoring - Interesse\tData da primeira conversão\tOrigem da primeira conversão",
            "ana@vertly.com.br\tAna Souza\tDiretora de Marketing\tVertly\tLead Qualificado"
            "\tBruno Lima\tA\t45\t02/09/2026 16:30\tBusca orgânica",
            "joao@pixai.com\tJoão Conceição\tEstudante\tPix AI\tLead\tCarla Mendes\tC\t10"
            "\t21/09/2026 08:05\tFacebook Ads",
            "lia@gmail.com\tLia Reis\tGerente\tReis ME\tLead\t\tB\t30\t30/10/2026 11:00\tIndicação",
        ],
        "found": ("utf-16", "\t", ["%d/%m/%Y %H:%M", "iso"]),
        "columns": {
            "email": "Email",
            "name": "Nome",
            "job_title": "Cargo",
            "company": "Empresa",
            "stage": "Estágio no funil",
            "owner": "Dono do Lead",
            "created_at": "Data da primeira conversão",
            "source": "Origem da primeira conversão",
        },
    },
    "hubspot": {
        "encoding": "utf-8",
        "rows": [
            '"Record ID","First Name","Last Name","Email","Lifecycle Stage","Lead Status",'
            '"Contact owner","Create Date","Became a Marketing Qualified Lead Date",'
            '"Became a Sales Qualified Lead Date","Last Activity Date","HubSpot Score"',
            '"51","Ana","Silva","ana@vertly.com","marketingqualifiedlead","OPEN","Bruno Lima",'
            '"2026-01-20 14:55","2026-01-21 09:10","","2026-01-22 10:00","45"',
            '"52","Bob","O""Neil","bob@gmail.com","lead","NEW","","2026-01-20 15:02","","","","3"',
            '"53","Cid","Moura","cid@acme.com","salesqualifiedlead","IN_PROGRESS","Bruno Lima",'
            '"2026-01-23 08:00","2026-01-23 09:00","2026-01-26 16:00","2026-01-26 16:00","80"',
        ],
        "found": ("utf-8", ",", ["iso"]),
        "columns": {
            "id": "Record ID",
            "name": "First Name",
            "email": "Email",
            "stage": "Lifecycle Stage",
            "owner": "Contact owner",
            "created_at": "Create Date",
            "mql_at": "Became a Marketing Qualified Lead Date",
            "sql_at": "Became a Sales Qualified Lead Date",
            "last_activity_at": "Last Activity Date",
        },
    },
    "salesforce_report": {
        "encoding": "utf-8",
        "rows": [
            '"Lead ID","Lead Owner","Lead Status","Create Date","Email","Title","Company",'
            '"No. of Employees"',
            '"00Q5e00000AbCdE","Ana Souza","Open - Not Contacted","2/24/2026, 2:18 PM",'
            '"ana@vertly.com","CEO","Vertly","120"',
            '"00Q5e00000AbCdF","Bruno Lima","Working - Contacted","12/1/2026, 11:05 AM",'
            '"bob@acme.com","Head of Sales","Acme","2,500"',
            '"00Q5e00000AbCdG","Ana Souza","Qualified","3/15/2026, 9:00 AM","cid@x.io",'
            '"Intern","X","8"',
            "",
            '"Grand Totals (3 records)"',
            "",
            '"Confidential Information - Do Not Distribute"',
            '"Copyright (c) 2000-2026 salesforce.com, inc. All rights reserved."',
        ],
        "found": ("utf-8", ",", ["%m/%d/%Y, %I:%M %p", "iso"]),
        "columns": {
            "id": "Lead ID",
            "owner": "Lead Owner",
            "stage": "Lead Status",
            "created_at": "Create Date",
            "email": "Email",
            "job_title": "Title",
            "company": "Company",
            "company_size": "No. of Employees",
        },
    },
    "salesforce_dataloader": {
        "encoding": "cp1252",
        "rows": [
            '"Id","OwnerId","Status","CreatedDate","Email","Title","LeadSource","ConvertedDate",'
            '"Descrição"',
            '"00Q5e00000XyZ01","0055e000001AbCd","Open","2026-02-24T17:18:00.000Z",'
            '"ana@vertly.com","Diretor – Vendas","Web","","Preço “especial”"',
            '"00Q5e00000XyZ02","0055e000001AbCe","Qualified","2026-02-25T09:00:30.500Z",'
            '"joão@açaí.com.br","Coordenação de TI","Feira","2026-03-01T12:00:00.000Z",""',
        ],
        "found": ("cp1252", ",", ["iso"]),
        "columns": {
            "id": "Id",
            "owner": "OwnerId",
            "stage": "Status",
            "created_at": "CreatedDate",
            "email": "Email",
            "job_title": "Title",
            "source": "LeadSource",
            "opportunity_at": "ConvertedDate",
        },
    },
    "pipedrive": {
        "encoding": "utf-8",
        "rows": [
            "Deal - Title,Deal - Owner,Deal - Stage,Person - Email,Deal - Deal created,"
            "Deal - Won time,Deal - Lost time,Deal - Value",
            "Vertly deal,Ana Souza,Qualified,ana@vertly.com,2026-02-24 17:18:00,"
            "2026-03-02 10:00:00,,1500",
            '"Acme, Inc. deal",Bruno Lima,Contact Made,bob@acme.com,2026-02-25 08:00:00,,'
            "2026-03-13 16:40:00,2500.5",
        ],
        "found": ("utf-8", ",", ["iso"]),
        "columns": {
            "owner": "Deal - Owner",
            "stage": "Deal - Stage",
            "email": "Person - Email",
            "created_at": "Deal - Deal created",
            "won_at": "Deal - Won time",
            "lost_at": "Deal - Lost time",
        },
    },
    "zoho": {
        "encoding": "utf-8",
        "newline": "\r\n",
        "rows": [
            "Record Id,Lead Owner,Lead Owner.id,Lead Status,Created Time,Email,Designation,"
            "Description",
            'zcrm_1,Ana Souza,z1,New,2026-02-24 17:18:00,ana@vertly.com,CTO,"first line\nsecond"',
            "zcrm_2,Bruno Lima,z2,Contacted,2026-02-25 09:30:00,bob@acme.com,Analyst,",
        ],
        "found": ("utf-8", ",", ["iso"]),
        "columns": {
            "id": "Record Id",
            "owner": "Lead Owner",
            "stage": "Lead Status",
            "created_at": "Created Time",
            "email": "Email",
            "job_title": "Designation",
        },
    },
    "mautic": {
        "encoding": "utf-8-sig",
        "rows": [
            "id,email,firstname,points,stage,date_added,last_active",
            "1,ana@vertly.com,Ana,45,MQL,2026-02-24 17:18:00,2026-02-26 08:00:00",
            "2,bob@acme.com,Bob,0,Lead,2026-02-25 09:00:00,",
        ],
        "found": ("utf-8-sig", ",", ["iso"]),
        "columns": {
            "id": "id",
            "email": "email",
            "name": "firstname",
            "stage": "stage",
            "created_at": "date_added",
            "last_activity_at": "last_active",
        },
    },
}


def _init_and_validate(cli: Cli, tmp_path: Path, export: Path) -> dict[str, Any]:
    sla = tmp_path / "sla.yaml"
    r = cli("init", sla, "--from", export)
    assert r.exit_code == 0, r.output
    assert f"wrote {sla}" in r.output
    v = cli("validate", sla, "--leads", export, "--as-of", AS_OF)
    assert v.exit_code == 0, sla.read_text(encoding="utf-8") + v.output
    load_sla(sla)  # loads clean, with the project's own YAML loader
    data = load_yaml(sla.read_bytes(), str(sla))[0]
    assert isinstance(data, dict)
    return data


@pytest.mark.parametrize("crm", sorted(EXPORTS))
def test_a_starter_from_each_crm_export_validates(cli: Cli, tmp_path: Path, crm: str) -> None:
    spec = EXPORTS[crm]
    export = _write(
        tmp_path / f"{crm}.csv", spec["rows"], spec["encoding"], spec.get("newline", "\n")
    )
    data = _init_and_validate(cli, tmp_path, export)
    leads = data["leads"]
    assert (leads["encoding"], leads["delimiter"], leads["date_formats"]) == spec["found"]
    assert leads["columns"] == spec["columns"]
    assert leads["path"] == f"{crm}.csv"  # next to the SLA: relative


def test_the_bundled_example(cli: Cli, tmp_path: Path) -> None:
    """examples/leads.csv (RD Station-like, `;`, dd/mm, `1.491` employees): what examples/sla.yaml
    says by hand, found by `init --from`."""
    data = _init_and_validate(cli, tmp_path, EXAMPLES / "leads.csv")
    leads = data["leads"]
    assert leads["delimiter"] == ";" and leads["decimal"] == ","
    assert leads["date_formats"][0] == "%d/%m/%Y %H:%M"
    written = load_yaml((EXAMPLES / "sla.yaml").read_bytes(), "sla.yaml")[0]
    assert isinstance(written, dict)
    by_hand = dict(written["leads"]["columns"])
    by_hand["stage"] = by_hand.pop("crm_stage")  # the standard name of examples/sla.yaml's list
    assert {f: h for f, h in leads["columns"].items() if f in by_hand} == by_hand
    assert leads["types"]["company_size"] == "number"
    assert data["display"] == {"locale": "pt-BR"}
    assert [s["id"] for s in data["funnel"]["stages"]] == [
        "lead",
        "mql",
        "sql",
        "opportunity",
        "customer",
        "lost",
        "recycled",
    ]
    assert [f["id"] for f in data["follow_up"]] == ["first-contact", "accept-or-return"]


def test_only_the_sections_the_export_supports(cli: Cli, tmp_path: Path) -> None:
    """No follow-up on first contact without its column; funnel stages only for the timestamps
    found; scoring rules only on fields found, the others commented with what they need."""
    spec = EXPORTS["hubspot"]
    export = _write(tmp_path / "hubspot.csv", spec["rows"])
    data = _init_and_validate(cli, tmp_path, export)
    assert [f["id"] for f in data["follow_up"]] == ["accept-or-return"]
    assert [s["id"] for s in data["funnel"]["stages"]] == ["lead", "mql", "sql"]
    assert "scoring" not in data and "qualification" not in data
    goals = [g["id"] for g in data["goals"]["targets"]]
    assert goals == ["new-leads", "mql-volume", "mql-to-sql"]
    text = (tmp_path / "sla.yaml").read_text(encoding="utf-8")
    assert "# needs first_contact_at:\n  # - id: first-contact" in text
    assert "# needs job_title:" in text
    # the alternative to the chosen stage column, and the headers nothing took
    assert 'stage: "Lifecycle Stage"' in text and '# also fits: "Lead Status"' in text
    assert '#   "HubSpot Score"' in text and '#   "Last Name"' in text


def test_month_first_in_english_and_the_other_reading_named(cli: Cli, tmp_path: Path) -> None:
    """No day above 12: an English export reads month first, and the starter names the rival."""
    export = _write(
        tmp_path / "us.csv",
        ["Email,Create Date", "a@x.com,02/07/2026 09:17", "b@x.com,11/03/2026 10:05"],
    )
    data = _init_and_validate(cli, tmp_path, export)
    assert data["leads"]["date_formats"] == ["%m/%d/%Y %H:%M", "iso"]
    text = (tmp_path / "sla.yaml").read_text(encoding="utf-8")
    assert '# or ["%d/%m/%Y %H:%M", iso]: no day in the sample is above 12' in text


def test_a_column_that_does_not_read_is_left_out(cli: Cli, tmp_path: Path) -> None:
    """A date column of words, a size column of ranges: the starter does not make validate fail
    on them (dropped, or its rules commented with the share that reads)."""
    rows = ["Email,Created Date,MQL Date,Employees"]
    rows += [f"u{i}@x.com,2026-03-{1 + i % 28:02d} 10:00,soon,{i}-{i + 10}" for i in range(40)]
    export = _write(tmp_path / "odd.csv", rows)
    data = _init_and_validate(cli, tmp_path, export)
    assert data["leads"]["columns"] == {
        "email": "Email",
        "created_at": "Created Date",
        "company_size": "Employees",
    }
    assert "types" not in data["leads"]
    text = (tmp_path / "sla.yaml").read_text(encoding="utf-8")
    assert '#   mql_at: "MQL Date" (0 of 40 sampled cells read)' in text
    assert "# needs company_size (its column reads 0 of 40 sampled cells as numbers):" in text


HOSTILE = [
    '#Dono: "do" Lead\u2028',  # owner, found through its words
    'E-mail: #"1"',  # `e mail 1`: an e-mail column once the punctuation goes
    "  leading and trailing  ",
    "Ünïcødé 日本語 🙂",
    "key: value",
    "- item",
    "{flow: map}",
    "[1, 2]",
    "&anchor *alias !tag",
    "tab\there",
    "nel\u0085here",
    "back\\slash",
    "'single'",
    "%percent @at `tick`",
    "null",
    "",
]


def test_hostile_headers_are_quoted(cli: Cli, tmp_path: Path) -> None:
    def cell(h: str) -> str:
        return '"' + h.replace('"', '""') + '"'

    rows = [",".join(cell(h) for h in HOSTILE)]
    rows += [",".join(["Ana", "ana@x.com", *["v"] * (len(HOSTILE) - 2)])]
    export = _write(tmp_path / "hostile.csv", rows)
    data = _init_and_validate(cli, tmp_path, export)
    # the reader strips a header's spaces (U+2028 is one): so does the mapping
    assert data["leads"]["columns"] == {"email": 'E-mail: #"1"', "owner": HOSTILE[0].strip()}
    text = (tmp_path / "sla.yaml").read_text(encoding="utf-8")
    unmapped = text.split("headers no field took")[1].split("\n\n")[0]
    listed = [
        load_yaml(("k: " + line.strip().removeprefix("#").strip()).encode(), "x")[0]["k"]
        for line in unmapped.splitlines()[1:]
    ]
    assert listed == [h.strip() for h in HOSTILE[2:-1]]


@given(st.text())
def test_quote_loads_back_as_the_text(text: str) -> None:
    assert load_yaml(f"k: {quote(text)}\n".encode(), "q.yaml")[0] == {"k": text}


def test_refuses_to_overwrite_before_reading(cli: Cli, tmp_path: Path) -> None:
    sla = tmp_path / "sla.yaml"
    sla.write_text("mine\n", encoding="utf-8")
    r = cli("init", sla, "--from", tmp_path / "absent.csv")
    assert r.exit_code == 2 and "already exists; pass --force" in r.output
    assert sla.read_text(encoding="utf-8") == "mine\n"
    export = _write(tmp_path / "x.csv", ["Email", "a@x.com"])
    assert cli("init", sla, "--from", export, "--force").exit_code == 0
    assert 'email: "Email"' in sla.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("content", "reason"),
    [(None, "no such file"), (b"\x89PNG\r\n\x1a\n\x00\x00", "binary data"), (b"", "empty file")],
)
def test_an_unreadable_export_is_exit_2_naming_it(
    cli: Cli, tmp_path: Path, content: bytes | None, reason: str
) -> None:
    export = tmp_path / "leads.csv"
    if content is not None:
        export.write_bytes(content)
    sla = tmp_path / "sla.yaml"
    r = cli("init", sla, "--from", export)
    assert r.exit_code == 2
    assert f"cannot start an SLA from {export}: " in r.output and reason in r.output
    assert "Traceback" not in r.output and not sla.exists()


def test_messages_in_brazilian_portuguese(cli: Cli, tmp_path: Path) -> None:
    sla = tmp_path / "sla.yaml"
    r = cli("init", sla, "--from", tmp_path / "absent.csv", "--locale", "pt-BR")
    assert r.exit_code == 2 and "não foi possível criar um SLA a partir de" in r.output
    export = _write(tmp_path / "x.csv", ["Email", "a@x.com"])
    r = cli("init", sla, "--from", export, env={"LEADSLA_LOCALE": "pt-BR"})
    assert r.exit_code == 0 and f"{sla} criado" in r.output
    r = cli("init", sla, "--locale", "pt-BR")
    assert r.exit_code == 2 and "já existe" in r.output


# --- hostile review of issue 12 -------------------------------------------------------------


def _leftovers(folder: Path, *keep: str) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name not in keep)


@pytest.mark.parametrize("how", ["itself", "symlink", "hardlink"])
def test_never_writes_the_sla_over_the_export_even_with_force(
    cli: Cli, tmp_path: Path, how: str
) -> None:
    """`init e.csv --from e.csv --force` replaced the export with the SLA (data loss)."""
    rows = ["id,Email,Created", "1,a@x.com,2026-01-01"]
    export = _write(tmp_path / "e.csv", rows)
    sla = export
    if how == "symlink":
        sla = tmp_path / "l.yaml"
        sla.symlink_to(export)
    elif how == "hardlink":
        sla = tmp_path / "h.yaml"
        sla.hardlink_to(export)
    r = cli("init", sla, "--from", export, "--force")
    assert r.exit_code == 2, r.output
    assert f"{sla} is the export {export}" in r.output and "--force" in r.output
    assert export.read_text(encoding="utf-8") == "\n".join(rows) + "\n"
    assert _leftovers(tmp_path, "e.csv", "l.yaml", "h.yaml") == []  # no temporary file


def test_never_writes_the_sla_over_the_file_standard_input_reads(tmp_path: Path) -> None:
    rows = ["id,Email,Created", "1,a@x.com,2026-01-01"]
    export = _write(tmp_path / "e.csv", rows)
    proc = subprocess.run(
        [sys.executable, "-m", "leadsla", "init", str(export), "--from", "-", "--force"],
        stdin=export.open("rb"),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 2, proc.stderr
    assert "standard input" in proc.stderr and str(export) in proc.stderr
    assert export.read_text(encoding="utf-8") == "\n".join(rows) + "\n"


def test_a_device_is_written_in_place_not_replaced(cli: Cli, tmp_path: Path) -> None:
    export = _write(tmp_path / "e.csv", ["id,Email,Created", "1,a@x.com,2026-01-01"])
    assert cli("init", "/dev/null", "--from", export, "--force").exit_code == 0
    assert Path("/dev/null").is_char_device()
    assert _leftovers(tmp_path, "e.csv") == []


@pytest.mark.parametrize(
    ("header", "clash"),
    [
        (
            "id,Email,id,Email,Created",
            ["field `id`: columns 1 and 3", "field `email`: columns 2 and 4"],
        ),
        ("id,Owner,Owner ,Created", ["field `owner`: columns 2 and 3"]),
    ],
)
def test_identity_headers_written_twice_are_refused_saying_what_to_rename(
    cli: Cli, tmp_path: Path, header: str, clash: list[str]
) -> None:
    """The reader looks up id, email and owner in every export and stops on two columns it
    cannot tell apart: the starter made from such an export failed `validate --leads` (1)."""
    n = header.count(",") + 1
    export = _write(tmp_path / "dup.csv", [header, ",".join(["2026-01-01"] * n)])
    sla = tmp_path / "dup.yaml"
    r = cli("init", sla, "--from", export)
    assert r.exit_code == 2, r.output
    for c in clash:
        assert c in r.output
    assert "rename" in r.output and "\\n" not in r.output
    assert not sla.exists()


def test_identity_headers_twice_with_another_header_for_the_field(cli: Cli, tmp_path: Path) -> None:
    export = _write(
        tmp_path / "e.csv",
        ["id,id,Record ID,Email,EMAIL,Created", "1,2,3,a@x.com,b@x.com,2026-01-01"],
    )
    sla = tmp_path / "sla.yaml"
    assert cli("init", sla, "--from", export).exit_code == 0
    r = cli("validate", sla, "--leads", export)
    assert r.exit_code == 0, r.output


def test_validate_prints_a_message_of_several_lines_as_lines(cli: Cli, tmp_path: Path) -> None:
    """`...needs:\\n  field `id`...` was printed with a literal backslash-n."""
    export = _write(tmp_path / "dup.csv", ["id,Email,id,Created", "1,a@x.com,2,2026-01-01"])
    r = cli("validate", EXAMPLES / "sla.yaml", "--leads", export)
    assert r.exit_code == 1
    assert "\\n" not in r.output
    lines = r.output.splitlines()
    assert any(line.startswith("    field `id`: columns 1 and 3") for line in lines), r.output


def test_from_standard_input(tmp_path: Path) -> None:
    rows = ["id,Email,Created", "1,a@x.com,2026-01-01"]
    export = _write(tmp_path / "e.csv", rows)
    sla = tmp_path / "sla.yaml"
    r = run_leadsla("init", sla, "--from", "-", input=export.read_bytes())
    assert r.returncode == 0, r.stderr
    text = sla.read_text(encoding="utf-8")
    assert "\n  path:" not in text and "  # path:" in text and "standard input" in text
    assert 'email: "Email"' in text
    v = run_leadsla("validate", sla, "--leads", export)
    assert v.returncode == 0, v.stdout + v.stderr
    assert _leftovers(tmp_path, "e.csv", "sla.yaml") == []


def test_a_directory_as_path_is_said_at_once(cli: Cli, tmp_path: Path) -> None:
    export = _write(tmp_path / "e.csv", ["id,Email,Created", "1,a@x.com,2026-01-01"])
    folder = tmp_path / "d"
    folder.mkdir()
    for extra in ([], ["--force"]):
        r = cli("init", folder, "--from", export, *extra)
        assert r.exit_code == 2 and f"{folder} is a directory" in r.output, r.output
        assert "already exists" not in r.output


def test_blank_lines_before_the_header_are_named_not_empty(cli: Cli, tmp_path: Path) -> None:
    export = tmp_path / "e.csv"
    export.write_bytes(b"\n\nid,Email,Created\n1,a@x.com,2026-01-01\n")
    r = cli("init", tmp_path / "sla.yaml", "--from", export)
    assert r.exit_code == 2
    assert "empty" not in r.output and "2 blank lines" in r.output, r.output


def test_bidi_and_control_characters_of_headers_are_escaped_in_comments(
    cli: Cli, tmp_path: Path
) -> None:
    hostile = ["Nome\u202egpj.exe", "Zero\u200bwidth", "Tab\there"]
    export = _write(
        tmp_path / "e.csv",
        ["id,Email," + ",".join(f'"{h}"' for h in hostile) + ",Stage\u202e", "1,a@x.com,a,b,c,d"],
    )
    data = _init_and_validate(cli, tmp_path, export)
    text = (tmp_path / "sla.yaml").read_text(encoding="utf-8")
    assert "\u202e" not in text and "\u200b" not in text and "\t" not in text
    assert "Nome\\u202egpj.exe" in text and "Zero\\u200bwidth" in text
    assert data["leads"]["columns"]["stage"] == "Stage\u202e"  # the value reads the export

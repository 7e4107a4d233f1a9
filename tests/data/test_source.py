"""Encoding and delimiter detection, and the UTF-8 copy DuckDB reads (SPEC §2, EXPORTS.md)."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from leadsla.data.source import Source, detect_delimiter, looks_utf8, prepare, utf8_votes
from leadsla.errors import ExportUnreadable
from tests.data.support import EXPORTS, SHAPES, Shape


def _prepare(path: Path, tmp_path: Path, encoding: str = "auto", delimiter: str = "auto") -> Source:
    return prepare(str(path), path, encoding, delimiter, tmp_path)


def _write(tmp_path: Path, data: bytes, name: str = "export.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


# --- detect_delimiter ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("id,email,name", ","),
        ("id;email;name", ";"),
        ("id\temail\tname", "\t"),
        ("id|email|name", "|"),
        # delimiters inside quotes do not count
        ('"a,b,c";"d"', ";"),
        ('"Lead ID","Lead Owner","Title"', ","),
        ('"x|y|z"\t"w"', "\t"),
        # the candidate that splits the header into the most fields wins
        ("Vendas, Marketing;Nome;Cargo", ";"),
        ("a|b|c,d", "|"),
        # one column: nothing to detect, comma
        ("Email", ","),
        ('"Email; Nome"', ","),
        # ties go to the first of , ; TAB |
        ("a,b;c", ","),
        ("a;b|c", ";"),
        # a header record with a quoted line break
        ('"ID\ndo lead";Email', ";"),
    ],
)
def test_detect_delimiter(header: str, expected: str) -> None:
    assert detect_delimiter(header) == expected


# --- every committed shape ----------------------------------------------------------------------

HEADERS = {
    "rdstation_utf16_tab": [
        "Email",
        "Nome",
        "Cargo",
        "Empresa",
        "Estágio no funil",
        "Dono do Lead",
        "Lead Scoring - Perfil",
        "Lead Scoring - Interesse",
        "Data da primeira conversão",
        "Origem da primeira conversão",
    ],
    "rdstation_legacy_utf8_semicolon": [
        "Email",
        "Nome",
        "Cargo",
        "Estágio no funil",
        "Data da primeira conversão",
        "Lead Scoring - Interesse",
    ],
    "hubspot_contacts": [
        "Record ID",
        "First Name",
        "Last Name",
        "Email",
        "Lifecycle Stage",
        "Contact owner",
        "Create Date",
        "Became a Marketing Qualified Lead Date",
        "Became a Sales Qualified Lead Date",
        "Last Activity Date",
        "HubSpot Score",
    ],
    "hubspot_contacts_ptbr": [
        "ID do registro",
        "Nome",
        "Sobrenome",
        "E-mail",
        "Estágio do ciclo de vida",
        "Proprietário do contato",
        "Data de criação",
        "Pontuação HubSpot",
    ],
    "salesforce_report_footer": [
        "Lead ID",
        "Lead Owner",
        "Lead Status",
        "Create Date",
        "Email",
        "Title",
    ],
    "salesforce_dataloader_cp1252": [
        "Id",
        "OwnerId",
        "Status",
        "CreatedDate",
        "Email",
        "Title",
        "LeadSource",
        "ConvertedDate",
        "Descrição do preço",
    ],
    "pipedrive_deals": [
        "Deal - Title",
        "Deal - Owner",
        "Deal - Stage",
        "Person - Email",
        "Deal - Deal created",
        "Deal - Value",
    ],
    "zoho_leads_crlf_multiline": [
        "Record Id",
        "Lead Owner",
        "Lead Owner.id",
        "Lead Status",
        "Created Time",
        "Email",
        "Description",
    ],
    "mautic_contacts_bom": [
        "id",
        "email",
        "firstname",
        "points",
        "stage",
        "date_added",
        "last_active",
    ],
    "excel_br_cp1252_semicolon": [
        "Código",
        "Nome",
        "E-mail",
        "Faturamento (R$)",
        "Funcionários",
        "Data de criação",
        "Cliente?",
    ],
    "pipe_delimited": ["id", "email", "name", "notes"],
    "header_only": ["Email", "Nome", "Cargo"],
    "ragged_rows": ["id", "email", "name", "size"],
    "no_id_no_email_multiline": ["Nome", "Cargo", "Notas"],
    "duplicate_ids": ["id", "email", "name"],
    "hostile": [
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
    ],
    "naive_timestamps": ["id", "created_at"],
}


def test_every_shape_has_its_headers_listed() -> None:
    assert set(HEADERS) == set(SHAPES)


@pytest.mark.parametrize("shape", SHAPES.values(), ids=list(SHAPES))
def test_shape_is_detected(shape: Shape, tmp_path: Path) -> None:
    source = _prepare(shape.path, tmp_path)
    assert codecs.lookup(source.encoding).name == codecs.lookup(shape.encoding).name
    assert source.delimiter == shape.delimiter
    assert source.newline == shape.newline
    assert source.headers == HEADERS[shape.file.removesuffix(".csv")]
    assert source.header_lines == 1
    # DuckDB gets UTF-8 without a BOM (the original, under a fixed name, when it already is
    # UTF-8), same text
    on_disk = source.path.read_bytes()
    assert on_disk.decode("utf-8").removeprefix("\ufeff") == shape.text()
    if shape.encoding in ("utf-16", "cp1252"):
        assert source.path != shape.path and not on_disk.startswith(codecs.BOM_UTF8)
    else:
        assert source.path.resolve() == shape.path.resolve()


def test_cp1252_punctuation_survives_transcoding(tmp_path: Path) -> None:
    """€ “ ” – are in cp1252's 0x80-0x9F range, where latin-1 has control characters."""
    source = _prepare(SHAPES["salesforce_dataloader_cp1252"].path, tmp_path)
    text = source.path.read_bytes().decode("utf-8")
    for expected in ("€1.200", "“especial”", "Diretor – Vendas", "ação já é", "joão@açaí.com.br"):
        assert expected in text
    assert "Descrição do preço" in source.headers


def test_utf16_big_endian_with_bom(tmp_path: Path) -> None:
    text = "Email\tNome\r\nana@x.com\tJoão\r\n"
    path = _write(tmp_path, codecs.BOM_UTF16_BE + text.encode("utf-16-be"))
    source = _prepare(path, tmp_path)
    assert (source.encoding, source.delimiter, source.headers) == (
        "utf-16-be",  # kept, so that --output writes big-endian back
        "\t",
        ["Email", "Nome"],
    )
    assert source.path.read_bytes().decode("utf-8") == text


def test_declared_utf8_with_a_bom_drops_it(tmp_path: Path) -> None:
    path = _write(tmp_path, codecs.BOM_UTF8 + b"id,email\n1,a@x.com\n")
    source = _prepare(path, tmp_path, encoding="utf-8")
    assert source.encoding == "utf-8-sig" and source.headers == ["id", "email"]


def test_declared_encoding_wins_over_detection(tmp_path: Path) -> None:
    # valid UTF-8 bytes, declared latin-1: read as latin-1 (the user said so)
    path = _write(tmp_path, "id;nome\n1;José\n".encode())
    source = _prepare(path, tmp_path, encoding="latin-1")
    assert source.path.read_bytes().decode("utf-8") == "id;nome\n1;JosÃ©\n"


def test_declared_delimiter_wins_over_detection(tmp_path: Path) -> None:
    path = _write(tmp_path, b"a;b,c\n1;2,3\n")
    assert _prepare(path, tmp_path, delimiter=",").headers == ["a;b", "c"]
    assert _prepare(path, tmp_path, delimiter=";").headers == ["a", "b,c"]


def test_cp1252_undefined_bytes_pass_through_as_c1_controls(tmp_path: Path) -> None:
    path = _write(tmp_path, b"id;nome\n1;a\x81b\x9dc\xe9\n")
    source = _prepare(path, tmp_path)
    assert source.encoding == "cp1252"
    assert source.path.read_bytes().decode("utf-8") == "id;nome\n1;a\x81b\x9dcé\n"


def test_headers_are_trimmed_and_lose_a_bom(tmp_path: Path) -> None:
    path = _write(tmp_path, codecs.BOM_UTF8 + b"  Email ; \xef\xbb\xbfNome;Cargo  \n")
    assert _prepare(path, tmp_path).headers == ["Email", "Nome", "Cargo"]


def test_header_record_with_a_line_break_is_refused(tmp_path: Path) -> None:
    # issue 9: a header cannot hold a line break; the quote that would make one is named
    path = _write(tmp_path, b'"ID\ndo lead";Email\n1;a@x.com\n')
    with pytest.raises(ExportUnreadable) as err:
        _prepare(path, tmp_path)
    assert ':1:1: the header line has an unclosed quote at column 1 (`"ID`)' in str(err.value)


# --- files that are not exports -----------------------------------------------------------------


def test_empty_file(tmp_path: Path) -> None:
    path = EXPORTS / "empty.csv"
    assert path.stat().st_size == 0
    with pytest.raises(ExportUnreadable, match="empty file"):
        _prepare(path, tmp_path)


@pytest.mark.parametrize(
    "data",
    [b"\n", b"  \r\n\r\n", codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF8 + b"\n"],
    ids=["newline", "blank-lines", "utf8-bom-only", "utf16-bom-only", "utf8-bom-newline"],
)
def test_files_without_a_header_are_empty(data: bytes, tmp_path: Path) -> None:
    with pytest.raises(ExportUnreadable, match="empty file"):
        _prepare(_write(tmp_path, data), tmp_path)


def test_png_is_not_a_csv(tmp_path: Path) -> None:
    path = EXPORTS / "not_a_csv.png"
    assert path.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    with pytest.raises(ExportUnreadable, match="not a CSV"):
        _prepare(path, tmp_path)


def test_utf16_without_bom_is_refused_with_a_hint(tmp_path: Path) -> None:
    path = _write(tmp_path, "Email\tNome\r\na@x\tAna\r\n".encode("utf-16-le"))
    with pytest.raises(ExportUnreadable, match="utf-16"):
        _prepare(path, tmp_path)
    # and it reads once the encoding is declared
    assert _prepare(path, tmp_path, encoding="utf-16-le").headers == ["Email", "Nome"]


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ExportUnreadable, match="no such file"):
        _prepare(tmp_path / "nope.csv", tmp_path)


def test_directory(tmp_path: Path) -> None:
    with pytest.raises(ExportUnreadable, match="is a directory"):
        _prepare(tmp_path, tmp_path)


def test_unknown_encoding(tmp_path: Path) -> None:
    with pytest.raises(ExportUnreadable, match="unknown encoding `klingon`"):
        _prepare(_write(tmp_path, b"a,b\n"), tmp_path, encoding="klingon")


def test_bytes_invalid_in_the_declared_encoding(tmp_path: Path) -> None:
    path = _write(tmp_path, b"\xff\xfea\x00b")  # UTF-16 LE BOM, "a", then half a code unit
    with pytest.raises(ExportUnreadable, match="not valid utf-16"):
        _prepare(path, tmp_path)


@pytest.mark.parametrize(
    ("raw", "utf8"),
    [
        ("Não, José, Conceição".encode() + b" Jos\xe9", True),  # 4 letters, 1 stray byte
        ("ã\xa0– e José".encode("cp1252"), False),  # ã+NBSP+– is valid UTF-8 by chance
        ("Conceição São Paulo".encode("cp1252"), False),
        (b"plain ascii \xe9", False),  # no UTF-8 letter at all: cp1252
    ],
)
def test_utf8_with_stray_bytes_or_cp1252(raw: bytes, utf8: bool) -> None:
    assert looks_utf8(*utf8_votes(raw.decode("utf-8", errors="replace"))) is utf8

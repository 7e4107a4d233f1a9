"""Messages quote input files, never dump them (issue 9, case 11): at most 2,000 characters of
input per message, at most 30 headers of at most 60 characters each, and a header line that
would hold a line break (an unclosed quote) or is over 2,000,000 characters is named for
what it is."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from leadsla.data.headers import Wanted, match_headers
from leadsla.data.source import MAX_HEADER_LINE, prepare, unclosed_quote
from leadsla.errors import ExportUnreadable
from leadsla.excerpt import Budget, excerpt, visible
from tests.conftest import AS_OF, Cli

SLA = """\
version: 1
name: Message limits
scoring:
  fit:
    rules:
      - {name: Big company, when: {field: company_size, gte: 100}, points: 30}
    grades: {A: 30}
"""


def _score(cli: Cli, tmp_path: Path, export: Path | None, sla: str = SLA):  # type: ignore[no-untyped-def]
    path = tmp_path / "sla.yaml"
    path.write_text(sla, encoding="utf-8")
    return cli("score", *([export] if export else []), "--sla", path, "--as-of", AS_OF)


def _input_chars(message: str, data: str) -> int:
    """How many characters of `message` are runs of 8 or more taken from `data`: a rough but
    honest measure of how much of the file a message quotes."""
    return sum(len(m) for m in re.findall(r"[^\n]{8,}", message) if m in data) if message else 0


# --- the two cases ------------------------------------------------------------------------


def test_a_header_swallowed_by_an_unclosed_quote_is_named_not_dumped(
    cli: Cli, tmp_path: Path
) -> None:
    rows = [f"L{i:06d},lead{i}@example.com,{i}" for i in range(1, 1500)]
    text = 'id,email,"company_size\n' + "\n".join(rows) + "\n"
    export = tmp_path / "leads.csv"
    export.write_text(text, encoding="utf-8")
    r = _score(cli, tmp_path, export)
    assert r.exit_code == 2 and r.stdout == ""
    assert "leads.csv:1:10: the header line has an unclosed quote at column 10" in r.stderr
    assert "L000001" not in r.stderr and len(r.stderr) < 1000


def test_a_header_quote_closed_lines_later_is_refused_not_a_silent_loss(
    cli: Cli, tmp_path: Path
) -> None:
    # the quote on line 1 closes on line 51: every row in between would be one header
    rows = [f"L{i},a{i}@x.com,{i},n" for i in range(1, 80)]
    rows[49] = 'L50,a50@x.com,50,"n'
    export = tmp_path / "leads.csv"
    export.write_text('id,email,"company_size,name\n' + "\n".join(rows) + "\n", encoding="utf-8")
    r = _score(cli, tmp_path, export)
    assert r.exit_code == 2
    assert "the header line has an unclosed quote at column 10" in r.stderr


def test_a_file_that_is_not_an_export_is_not_quoted_back(cli: Cli, tmp_path: Path) -> None:
    secret = tmp_path / "app.env"
    secret.write_text("SECRET_KEY=s3cr3t-value-never-to-print\nDEBUG=0\n", encoding="utf-8")
    r = _score(cli, tmp_path, secret)
    assert r.exit_code == 2
    assert "s3cr3t" not in r.stderr and "SECRET_KEY" not in r.stderr
    assert "the export has a single column" in r.stderr
    assert "is it a CSV export of leads?" in r.stderr


@pytest.mark.skipif(not Path("/etc/passwd").is_file(), reason="no /etc/passwd here")
def test_leads_path_etc_passwd(cli: Cli, tmp_path: Path) -> None:
    first = Path("/etc/passwd").read_text(encoding="utf-8", errors="replace").splitlines()[0]
    r = _score(cli, tmp_path, None, SLA + "leads: {path: /etc/passwd}\n")
    assert r.exit_code == 2
    assert first not in r.stderr and first[:12] not in r.stderr
    assert "/etc/passwd lacks a column" in r.stderr


def test_a_single_column_because_of_the_delimiter_says_so(cli: Cli, tmp_path: Path) -> None:
    export = tmp_path / "leads.csv"
    export.write_text("id,email,size\n1,a@x.com,5\n", encoding="utf-8")
    r = _score(cli, tmp_path, export, SLA + 'leads: {delimiter: ";"}\n')
    assert r.exit_code == 2
    assert "the header line is one column, though it holds `,`" in r.stderr


# --- limits --------------------------------------------------------------------------------------


def test_headers_found_lists_30_headers_cut_to_60(cli: Cli, tmp_path: Path) -> None:
    headers = [f"column {i:03d} " + "x" * 200 for i in range(300)]
    export = tmp_path / "wide.csv"
    export.write_text(",".join(headers) + "\n" + ",".join("1" * 300) + "\n", encoding="utf-8")
    r = _score(cli, tmp_path, export)
    assert r.exit_code == 2
    (found,) = [line for line in r.stderr.splitlines() if "headers found:" in line]
    listed = found.split("headers found: ", 1)[1]
    assert listed.endswith(", ... (270 more)")
    pieces = listed.removesuffix(", ... (270 more)").split(", ")
    assert len(pieces) == 30
    assert all(len(p) <= 60 for p in pieces) and pieces[0].endswith("…")
    assert len(r.stderr) < 2500


def test_long_headers_and_many_missing_fields_stay_within_2000(cli: Cli, tmp_path: Path) -> None:
    # 60 fields the export lacks, each with a near miss of 150 characters
    fields = [f"field_{i:02d}" for i in range(60)]
    rules = "".join(
        f"      - {{name: r{i}, when: {{field: {f}, gte: 1}}, points: 1}}\n"
        for i, f in enumerate(fields)
    )
    sla = f"version: 1\nname: wide\nscoring:\n  fit:\n    rules:\n{rules}    grades: {{A: 1}}\n"
    headers = [f"{f}_" + "y" * 140 for f in fields]
    text = ",".join(headers) + "\n" + ",".join("1" * 60) + "\n"
    export = tmp_path / "long.csv"
    export.write_text(text, encoding="utf-8")
    r = _score(cli, tmp_path, export, sla)
    assert r.exit_code == 2
    assert "lacks 60 columns" in r.stderr and "and 40 more fields" in r.stderr
    assert r.stderr.count("y") < 2000
    assert _input_chars(r.stderr, text) <= 2000


def test_a_header_line_over_the_limit_is_named(tmp_path: Path) -> None:
    path = tmp_path / "one_line.csv"
    path.write_text("a," * (MAX_HEADER_LINE // 2 + 10), encoding="utf-8")
    with pytest.raises(ExportUnreadable) as err:
        prepare("one_line.csv", path, "auto", "auto", tmp_path)
    message = str(err.value)
    assert message.startswith("one_line.csv:1: the header line is longer than 2,000,000 char")
    assert len(message) < 300


def test_a_header_line_at_the_limit_is_read(tmp_path: Path) -> None:
    headers = [f"h{i:05d}" for i in range(MAX_HEADER_LINE // 9)]
    path = tmp_path / "wide.csv"
    path.write_text(",".join(headers) + "\n" + ",".join("1" * len(headers)) + "\n")
    assert len(",".join(headers)) <= MAX_HEADER_LINE
    assert prepare("wide.csv", path, "auto", "auto", tmp_path).headers == headers


def test_the_unclosed_quote_column_counts_characters_after_a_bom(tmp_path: Path) -> None:
    path = tmp_path / "bom.csv"
    path.write_bytes('\ufeffnome;"e-mail;cargo\nAna;a@x.com;CEO\n'.encode())
    with pytest.raises(ExportUnreadable, match=r"bom.csv:1:6: the header line has an unclosed"):
        prepare("bom.csv", path, "auto", "auto", tmp_path)


@pytest.mark.parametrize(
    ("line", "column"),
    [
        ("a,b,c", 0),
        ('"a","b"', 0),
        ('"a ""quoted"" b",c', 0),
        ('a,"b', 3),
        ('"a","b,c', 5),
        ('a,b"c', 4),
    ],
)
def test_unclosed_quote(line: str, column: int) -> None:
    assert unclosed_quote(line) == column


def test_missing_column_message_escapes_what_a_terminal_would_run() -> None:
    headers = ["Email\x1b[2J", "Nome\u202egpj.exe", "a\nb"]
    with pytest.raises(ExportUnreadable) as err:
        match_headers([Wanted("size", "size", "here")], headers, "x.csv")
    message = str(err.value)
    assert "\x1b" not in message and "\u202e" not in message
    assert "Email\\x1b[2J, Nome\\u202egpj.exe, a\\nb" in message
    assert message.count("\n") == 2  # the field's line and the headers' line


# --- the helper ---------------------------------------------------------------------------------


def test_excerpt() -> None:
    assert excerpt("short") == "short"
    assert excerpt("x" * 60) == "x" * 60
    assert excerpt("x" * 61) == "x" * 59 + "…"
    assert excerpt("a\r\nb\tc\x00") == "a\\r\\nb\\tc\\x00"
    assert len(excerpt("\n" * 1000)) == 60
    assert excerpt("y" * 10_000_000, 10) == "y" * 9 + "…"
    assert visible("\u200bzero\u2066width") == "\\u200bzero\\u2066width"


def test_budget() -> None:
    budget = Budget(100)
    pieces = [budget.take("z" * 500) for _ in range(5)]
    assert sum(len(p) for p in pieces) <= 104 and budget.spent
    assert pieces[0] == "z" * 59 + "…" and pieces[-1] == "…"

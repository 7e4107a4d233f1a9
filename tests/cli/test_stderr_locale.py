"""Issue 12: the data commands' messages on stderr come from the gettext catalogs (pt-BR
complete), while JSON, CSV, `--errors`, GitHub annotations and exit codes never change with the
locale. A message is built once (messages.say): English as a string, translated only where
cli.py writes it to stderr."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from leadsla import i18n, stop
from leadsla.messages import local, num, say, say_n
from tests.cli.test_field_health import AS_OF, RD_SLA, rd_export, write
from tests.conftest import EXAMPLES, ROOT, Cli, run_leadsla

EXAMPLE_AS_OF = "2026-11-20T12:00:00-03:00"
PO = ROOT / "src" / "leadsla" / "locale" / "pt_BR" / "LC_MESSAGES" / "leadsla.po"


@pytest.fixture(autouse=True)
def _english_after(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.delenv(i18n.ENV, raising=False)
    yield
    i18n.activate("en")


def _example(cli: Cli, command: str, locale: str, *extra: str | Path):  # type: ignore[no-untyped-def]
    return cli(
        command,
        EXAMPLES / "leads.csv",
        "--sla",
        EXAMPLES / "sla.yaml",
        "--as-of",
        EXAMPLE_AS_OF,
        "--locale",
        locale,
        *extra,
    )


# --- what the reader sees ---------------------------------------------------------------------


def test_the_row_summary_line_in_pt_br(cli: Cli) -> None:
    leads = EXAMPLES / "leads.csv"
    r = _example(cli, "score", "pt-BR", "--format", "json")
    assert r.exit_code == 0, r.stderr
    # was: "2,000 rows: 2,000 used, 0 rejected, 77 unreadable cells; 10 rows share 5 duplicate ids"
    assert r.stderr.splitlines() == [
        f"{leads}: 2.000 linhas: 2.000 usadas, 0 rejeitadas, 77 células ilegíveis; "
        "10 linhas compartilham 5 ids duplicados"
    ]
    r = _example(cli, "check-deadlines", "pt-BR", "--format", "json")
    assert r.exit_code == 1
    assert r.stderr.splitlines()[1] == (
        f"{leads}: 33 avisos sobre os dados encontrados durante o cálculo"
    )
    # English stays as SPEC writes it
    r = _example(cli, "score", "en", "--format", "json")
    assert r.stderr.splitlines() == [
        f"{leads}: 2,000 rows: 2,000 used, 0 rejected, 77 unreadable cells; "
        "10 rows share 5 duplicate ids"
    ]


def test_an_unreadable_field_warning_and_its_advice_in_pt_br(cli: Cli, tmp_path: Path) -> None:
    sla, leads = write(tmp_path, RD_SLA, rd_export())
    r = cli("score", leads, "--sla", sla, "--as-of", AS_OF, "--locale", "pt-BR", "--format", "json")
    assert r.exit_code == 0, r.stderr
    lines = r.stderr.splitlines()
    assert lines[0] == f"{leads}: 30 linhas: 30 usadas, 0 rejeitadas, 50 células ilegíveis"
    assert lines[1] == (
        f"leadsla: aviso: {leads}: campo `mql_at` (coluna `Data de qualificação`): 30 de suas 30"
        " células preenchidas (100%) não são data/hora num formato de leads.date_formats [iso],"
        " mais que leads.max_unreadable (5%); p. ex. `13/11/2026 10:00`, `14/11/2026 10:01`,"
        " `15/11/2026 10:02`"
    )
    assert lines[3] == (
        '  ["%d/%m/%Y %H:%M"] lê 50 de 50 células (as primeiras 1.000 preenchidas de cada campo;'
        " leads.date_formats lê 0); defina no SLA:"
    )
    # the YAML to paste is the SLA's own language
    assert lines[4] == '    leads: {date_formats: ["%d/%m/%Y %H:%M"]}'


def test_an_exit_2_error_in_pt_br_as_a_subprocess(tmp_path: Path) -> None:
    sla, _leads = write(tmp_path, RD_SLA, rd_export())
    missing = tmp_path / "nope.csv"
    r = run_leadsla("score", missing, "--sla", sla, "--as-of", AS_OF, "--locale", "pt-BR")
    assert r.returncode == 2
    assert r.stderr == f"leadsla: {missing}: arquivo inexistente\n"
    # the environment chooses it too; a bad --as-of is said in the reader's words
    r = run_leadsla(
        "check-deadlines", missing, "--sla", sla, "--as-of", "ontem", env={i18n.ENV: "pt-BR"}
    )
    assert r.returncode == 2
    assert r.stderr.startswith(
        "leadsla: --as-of `ontem` não é uma data ou hora ISO 8601 (p. ex. 2026-11-20,"
    )
    r = run_leadsla("score", missing, "--sla", sla, "--as-of", AS_OF, "--locale", "en")
    assert (r.returncode, r.stderr) == (2, f"leadsla: {missing}: no such file\n")


def test_an_exit_2_error_in_pt_br_through_the_runner(cli: Cli, tmp_path: Path) -> None:
    sla, leads = write(tmp_path, RD_SLA, rd_export())
    # check-deadlines uses the unreadable timestamps: it cannot do its job
    r = cli("check-deadlines", leads, "--sla", sla, "--as-of", AS_OF, "--locale", "pt-BR")
    assert r.exit_code == 2 and r.stdout == ""
    lines = r.stderr.splitlines()
    assert lines[1].startswith(f"leadsla: {leads}: campo `mql_at` (coluna `Data de qualificação`)")
    # an output refusal (outputs.py) and --strict (commands/common.py)
    r = cli("score", leads, "--sla", sla, "--as-of", AS_OF, "--locale", "pt-BR", "--errors", sla)
    assert r.exit_code == 2
    assert r.stderr == (
        f"leadsla: --errors {sla} é o SLA ({sla}): o leadsla nunca grava por cima do que lê;"
        " informe outro arquivo\n"
    )
    r = cli("score", leads, "--sla", sla, "--as-of", AS_OF, "--locale", "pt-BR", "--strict", "-q")
    assert r.exit_code == 2
    assert r.stderr.splitlines()[-1] == (
        f"leadsla: --strict: {leads} tem 50 problemas nos dados e 2 constatações;"
        " liste-os com --errors ARQUIVO"
    )


# --- what programs read never changes ---------------------------------------------------------


def test_errors_file_json_and_exit_codes_do_not_change_with_the_locale(
    cli: Cli, tmp_path: Path
) -> None:
    sla, leads = write(tmp_path, RD_SLA, rd_export())
    for command, fmt in [("score", "json"), ("check-deadlines", "json"), ("score", "csv")]:
        seen = {}
        for locale in ("en", "pt-BR"):
            errors = tmp_path / f"errors-{locale}.csv"
            args = [command, leads, "--sla", sla, "--as-of", AS_OF, "--format", fmt]
            r = cli(*args, "--errors", errors, "--locale", locale)
            seen[locale] = (r.exit_code, r.stdout, errors.read_bytes(), r.stderr)
        en, pt = seen["en"], seen["pt-BR"]
        assert en[:3] == pt[:3], command
        assert en[3] != pt[3]  # stderr did change
    # the example (where score runs: its JSON and CSV on standard output)
    for command in ("score", "check-deadlines", "report"):
        runs = []
        for locale in ("en", "pt-BR"):
            errors = tmp_path / f"example-{command}-{locale}.csv"
            r = _example(cli, command, locale, "--format", "json", "--errors", errors)
            runs.append((r.exit_code, r.stdout, errors.read_bytes()))
        assert runs[0] == runs[1], command
        json.loads(runs[0][1])


def test_validate_github_and_json_do_not_change_with_the_locale(tmp_path: Path) -> None:
    sla, leads = write(tmp_path, RD_SLA, rd_export())
    for fmt in ("github", "json"):
        out = {}
        for locale in ("en", "pt-BR"):
            r = run_leadsla(
                "validate",
                sla,
                "--leads",
                leads,
                "--as-of",
                AS_OF,
                "--format",
                fmt,
                "--locale",
                locale,
            )
            out[locale] = (r.returncode, r.stdout)
        assert out["en"] == out["pt-BR"], fmt
        assert out["en"][0] == 1
    # the annotations hold the English messages (the catalog's msgids)
    assert "30 of its 30 non-blank cells (100%) are not a date/time" in out["en"][1]
    # a file that cannot be read, a finding of validate --leads: English in every format
    bad = tmp_path / "binary.csv"
    bad.write_bytes(b"\x00\x01\x02" * 100)
    for fmt in ("github", "json"):
        got = [
            run_leadsla(
                "validate",
                sla,
                "--leads",
                bad,
                "--format",
                fmt,
                "--locale",
                locale,
                "--as-of",
                AS_OF,
            ).stdout
            for locale in ("en", "pt-BR")
        ]
        assert got[0] == got[1] and "not a CSV export (it holds binary data)" in got[0]


# --- every message is translated ----------------------------------------------------------------


def _english_sentences() -> list[re.Pattern[str]]:
    """The catalog's English messages whose words the pt-BR catalog changes, as patterns
    (placeholders match anything); placeholders alone and single words are left out."""
    with PO.open("rb") as fh:
        catalog = read_po(fh)
    patterns = []
    for message in catalog:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for english in ids:
            if english in strings:
                continue
            words = re.sub(r"\{\w+\}", " ", english)
            if len(re.findall(r"[A-Za-z]{2,}", words)) < 2:
                continue
            pieces = re.split(r"\{\w+\}", english)
            body = ".*?".join(re.escape(p.strip("\n")) for p in pieces)
            patterns.append(re.compile(body))
    return patterns


def _example_stderr(cli: Cli, tmp_path: Path, locale: str) -> list[str]:
    lines = []
    for command in ("score", "check-deadlines", "report"):
        for extra in ((), ("--strict",)):
            errors = tmp_path / f"{command}-{locale}.csv"
            r = _example(cli, command, locale, "--errors", errors, "--format", "json", *extra)
            assert r.exit_code in (0, 1, 2)
            lines += r.stderr.splitlines()
    # an export the commands cannot read, one with a missing column, an unhealthy field
    sla, leads = write(tmp_path, RD_SLA, rd_export())
    few = tmp_path / "few.csv"
    few.write_text("ID;Email;Dono\n1;a@b.c;Ana\n", encoding="utf-8")
    for args in (
        ("score", tmp_path / "nope.csv"),
        ("check-deadlines", leads),
        ("score", leads, "--strict"),
        ("score", leads),
        ("check-deadlines", leads, "--rule", "first-contacts"),
        ("check-deadlines", few),
    ):
        r = cli(*args, "--sla", sla, "--as-of", AS_OF, "--locale", locale)
        assert r.exit_code in (0, 1, 2)
        lines += r.stderr.splitlines()
    return lines


def test_no_english_sentence_on_stderr_in_pt_br(cli: Cli, tmp_path: Path) -> None:
    sentences = _english_sentences()
    english = _example_stderr(cli, tmp_path, "en")
    portuguese = _example_stderr(cli, tmp_path, "pt-BR")
    assert len(english) == len(portuguese) > 15
    for en, pt in zip(english, portuguese, strict=True):
        if not en.strip() or en.strip().startswith("leads: {"):
            assert en == pt  # the YAML to paste in the SLA is the SLA's language
            continue
        # each English line is a catalog sentence (so the check below means something) ...
        assert any(s.search(en) for s in sentences), en
        # ... and in pt-BR no line holds one
        found = [s.pattern for s in sentences if s.search(pt)]
        assert not found, (pt, found)
        assert en != pt


# --- the lazy message ---------------------------------------------------------------------------


def test_a_message_is_its_english_until_stderr_shows_it() -> None:
    i18n.activate("pt_BR")
    message = say(
        "{name}: {rows} rows: {used} used, {rejected} rejected, {unreadable} unreadable cells",
        name="x.csv",
        rows=num(12_000),
        used=num(11_990),
        rejected=num(10),
        unreadable=num(42),
    )
    english = "x.csv: 12,000 rows: 11,990 used, 10 rejected, 42 unreadable cells"
    assert message == english and str(message) == english
    assert json.dumps({"m": message}) == json.dumps({"m": english})
    assert f"{message}" == english
    assert (
        local(message) == "x.csv: 12.000 linhas: 11.990 usadas, 10 rejeitadas, 42 células ilegíveis"
    )
    warnings = say_n("{n} data warning", "{n} data warnings", 1_234)
    assert warnings == "1,234 data warnings"
    assert local(warnings) == "1.234 avisos sobre os dados"
    assert local(say_n("{n} data warning", "{n} data warnings", 1)) == "1 aviso sobre os dados"
    assert stop.message() == "leadsla: interrompido\n"
    i18n.activate("en")
    assert local(message) == english
    assert stop.message() == "leadsla: interrupted\n"

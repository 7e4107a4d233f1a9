"""Issue 12: the last English words of a pt-BR run. `explain`'s reasons, conditions, points and
decay read in the reader's language in the table and stay English, byte for byte, in
`--format json`; the data commands' remaining usage errors, notes and not-found texts, and
`validate`'s text, are in the reader's language too."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from leadsla import i18n
from leadsla.render.progress import ProgressBar
from tests.conftest import AS_OF, EXAMPLES, Cli, run_leadsla

# the SLA's own words (field names, operators, values, rule names) stay as written; only the
# connecting words are ours
SLA = """\
version: 1
name: Explain in two languages
scoring:
  fit:
    rules:
      - {name: Big company, when: {field: size, gte: 100}, points: 30}
      - {name: Has a phone, when: {field: phone, present: true}, points: 5}
      - {name: No phone, when: {field: phone, present: false}, points: 1}
      - {name: Phone 123, when: {field: phone, eq: "123"}, points: 1}
      - {name: Not a freemail, when: {not: {field: email, ends_with: ["@gmail.com"]}}, points: 5}
      - name: Far countries
        when: {field: country, in: [c01, c02, c03, c04, c05, c06, c07, c08, c09, c10, c11, c12, c13, c14]}
        points: 1
      - name: Mid-size in BR or PT
        when: {all: [{field: size, gte: 10}, {any: [{field: country, eq: BR}, {field: country, eq: PT}]}]}
        points: 2
    grades: {A: 30}
  engagement:
    decay: {half_life: 30d, since: last_activity_at}
    rules:
      - {name: Opens, per: opens, points: 2.5, cap: 10}
"""
LEADS = """\
id,email,size,phone,country,opens,last_activity_at
L1,ana@gmail.com,50,,US,3,
L2,bob@x.com,1500,123,BR,8,2026-11-10T10:00:00-03:00
"""


@pytest.fixture(autouse=True)
def _english_after(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.delenv(i18n.ENV, raising=False)
    yield
    i18n.activate("en")


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    sla, leads = tmp_path / "sla.yaml", tmp_path / "leads.csv"
    sla.write_text(SLA, encoding="utf-8")
    leads.write_text(LEADS, encoding="utf-8")
    return sla, leads


def _explain(cli: Cli, files: tuple[Path, Path], lead: str, locale: str, *more: str):  # type: ignore[no-untyped-def]
    sla, leads = files
    args = ["explain", lead, leads, "--sla", sla, "--as-of", AS_OF, "--locale", locale]
    # wide enough for every column: the condition is shown too
    return cli(*args, "--no-color", *more, env={"COLUMNS": "400"})


def _cells(table: str) -> str:
    """The table's text with its borders and runs of spaces collapsed (cells may wrap)."""
    return re.sub(r"\s+", " ", re.sub(r"[│┃┏┓┗┛┡┩└┘━─╇┳┻┴┬┼╋]", " ", table))


# --- the explain table in the reader's words; the JSON in English --------------------------------


def test_explain_reasons_conditions_points_and_decay_in_pt_br(
    cli: Cli, files: tuple[Path, Path]
) -> None:
    r = _explain(cli, files, "L1", "pt-BR")
    assert r.exit_code == 0, r.output
    text = _cells(r.stdout)
    # why a rule did not fire (was: "`size` is 50.0, not gte 100.0")
    assert "`size` é 50, não gte 100.0" in text
    assert "`phone` está vazio" in text
    assert "`phone` é (vazio), não present True" in text
    assert "a condição negada é verdadeira" in text
    assert "não in [c01, c02, c03, c04, c05, c06, c07, c08, c09, c10, … (14 valores)]" in text
    assert "`country` é 'US', não eq BR; `country` é 'US', não eq PT" in text
    # how the points were counted (was: "2.5 × opens (3.0), capped at ±10")
    assert "2,5 × opens (3), limitado a ±10" in text
    # the conditions: the SLA's operators and values as written, our connecting words
    assert "phone está preenchido" in text
    assert "phone está vazio" in text
    assert "não (email ends with [@gmail.com])" in text
    assert "(size >= 10.0 e (country = BR ou country = PT))" in text
    # the decay (was: "half-life 30d since last_activity_at (blank: no decay)")
    assert "[meia-vida de 30d desde last_activity_at (vazio: sem decaimento)]" in text
    for english in (" is ", " not ", "blank", "capped", "half-life", " since ", " values", " and "):
        assert english not in text, english
    r = _explain(cli, files, "L2", "pt-BR")
    text = _cells(r.stdout)
    # a timestamp in the reader's format (the SLA has no calendar: UTC), not ISO 8601
    assert "meia-vida de 30d desde last_activity_at (10/11/2026 13:00)" in text


def test_explain_table_in_english_keeps_its_words(cli: Cli, files: tuple[Path, Path]) -> None:
    text = _cells(_explain(cli, files, "L1", "en").stdout)
    assert "`size` is 50, not gte 100.0" in text
    assert "2.5 × opens (3), capped at ±10" in text
    assert "not (email ends with [@gmail.com])" in text
    assert "(size >= 10.0 and (country = BR or country = PT))" in text
    assert "[half-life 30d since last_activity_at (blank: no decay)]" in text


def test_explain_json_is_the_same_english_in_every_locale(
    cli: Cli, files: tuple[Path, Path]
) -> None:
    for lead in ("L1", "L2"):
        en = _explain(cli, files, lead, "en", "--format", "json")
        pt = _explain(cli, files, lead, "pt-BR", "--format", "json")
        assert en.exit_code == pt.exit_code == 0
        assert en.stdout == pt.stdout
        assert en.stderr != pt.stderr  # the row summary did change
    doc = en.stdout
    assert "half-life 30d since last_activity_at (2026-11-10T13:00:00+00:00)" in doc
    l1 = _explain(cli, files, "L1", "pt-BR", "--format", "json").stdout
    for english in (
        "`size` is 50.0, not gte 100.0",
        "`phone` is blank",
        "`phone` is None, not present True",
        "the negated condition holds",
        "… (14 values)]",
        "2.5 × opens (3.0), capped at ±10",
        "not (email ends with [@gmail.com])",
        "(size >= 10.0 and (country = BR or country = PT))",
        "half-life 30d since last_activity_at (blank: no decay)",
    ):
        assert english in l1, english
    # the example, as a user runs it
    runs = [
        cli(
            "explain", "100016", EXAMPLES / "leads.csv", "--sla", EXAMPLES / "sla.yaml",
            "--as-of", AS_OF, "--format", "json", "--locale", locale,
        ).stdout
        for locale in ("en", "pt-BR")
    ]  # fmt: skip
    assert runs[0] == runs[1]
    assert "`email` is 'nazevedo@textilmarques.com.br', not ends_with [@gmail.com" in runs[0]


# --- the data commands' remaining messages on stderr --------------------------------------------


def test_explain_not_found_and_set_aside_texts_in_pt_br(
    cli: Cli, files: tuple[Path, Path], tmp_path: Path
) -> None:
    sla, leads = files
    r = _explain(cli, files, "L9", "pt-BR")
    assert r.exit_code == 2
    assert r.stderr.splitlines()[-1] == (
        f"leadsla: nenhum lead com o id `L9` em {leads} (os ids vêm de sua coluna de id)"
    )
    r = _explain(cli, files, "L20", "pt-BR")
    assert r.stderr.splitlines()[-1] == (
        f"leadsla: nenhum lead com o id `L20` em {leads} (os ids vêm de sua coluna de id)"
        " (você quis dizer `L2`?)"
    )
    r = _explain(cli, files, "L20", "pt-BR", "--redact")
    assert r.stderr.splitlines()[-1].endswith(
        "(os ids vêm de sua coluna de id); existe um id parecido (oculto por --redact)"
    )
    # a lead on a rejected line; a good row whose namesake was rejected
    bad = tmp_path / "bad.csv"
    bad.write_text(LEADS + "L3,c@x.com,5,,BR,1,,extra\nL2,d@x.com,5,,BR,1,,extra\n", "utf-8")
    r = cli("explain", "L3", bad, "--sla", sla, "--as-of", AS_OF, "--locale", "pt-BR")
    assert r.exit_code == 2
    assert r.stderr.splitlines()[-1] == (
        f"leadsla: o lead `L3` está na linha 4 de {bad}, que foi rejeitada: número errado de"
        " campos: 8, esperados 7; não há lead para explicar: corrija a exportação e rode de"
        " novo (--errors ARQUIVO lista cada linha rejeitada)"
    )
    r = cli("explain", "L2", bad, "--sla", sla, "--as-of", AS_OF, "--locale", "pt-BR")
    assert r.exit_code == 0
    assert (
        f"leadsla: nota: a linha 5 de {bad} também tem este id, mas foi rejeitada: número"
        " errado de campos: 8, esperados 7"
    ) in r.stderr.splitlines()


def test_usage_errors_and_written_rows_in_pt_br(cli: Cli, tmp_path: Path) -> None:
    base = ["--sla", EXAMPLES / "sla.yaml", "--as-of", AS_OF, "--locale", "pt-BR"]
    leads = EXAMPLES / "leads.csv"

    def last_line(*args: str | Path) -> str:
        r = cli(*args, *base)
        assert r.exit_code == 2, r.output
        return r.stderr.splitlines()[-1]

    assert last_line("score", leads, "--top", "-1") == (
        "leadsla: --top recebe um número de leads, 0 ou mais"
    )
    assert last_line("score", leads, "--output", "-").startswith(
        "leadsla: --output recebe um arquivo (a saída padrão leva o relatório)"
    )
    assert last_line("report", leads, "--from", "ontem") == (
        "leadsla: --from `ontem` não é uma data (AAAA-MM-DD)"
    )
    assert last_line("report", leads, "--from", "2026-11-10", "--to", "2026-11-01") == (
        "leadsla: --to 2026-11-01 é anterior a --from 2026-11-10"
    )
    assert last_line("calendar", "--to", "1800-01-01") == (
        "leadsla: --to 1800-01-01 está fora das datas com que o leadsla calcula"
        " (1900-01-01 a 2099-12-31)"
    )
    assert last_line("calendar", "--from", "2026-03-01", "--to", "2026-02-01") == (
        "leadsla: --to 2026-02-01 é anterior a --from 2026-03-01"
    )
    out = tmp_path / "scored.csv"
    r = cli("score", leads, *base, "--output", out, "--format", "json")
    assert r.exit_code == 0
    assert f"2.000 linhas gravadas em {out}" in r.stderr.splitlines()
    # a goal on business time without a calendar
    sla = tmp_path / "sla.yaml"
    sla.write_text(
        "version: 1\nname: T\nowners: {marketing: ana, sales: bruno}\ngoals:\n  targets:\n"
        "    - {id: resp, owner: sales, metric: median_time, from: mql_at, to: sql_at,"
        ' target: "<= 4h"}\n',
        encoding="utf-8",
    )
    data = tmp_path / "leads.csv"
    data.write_text("id,mql_at,sql_at\n", encoding="utf-8")
    r = cli("report", data, "--sla", sla, "--as-of", AS_OF, "--locale", "pt-BR")
    assert r.exit_code == 2
    assert r.stderr.splitlines()[-1] == (
        "leadsla: a meta resp mede tempo útil, o que exige uma seção `calendar` (ou escreva"
        " `clock: calendar` na meta)"
    )
    r = cli("report", data, "--sla", sla, "--as-of", AS_OF, "--locale", "en")
    assert r.stderr.splitlines()[-1] == (
        "leadsla: goal resp measures business time, which needs a `calendar` section"
        " (or say `clock: calendar` on the goal)"
    )


def test_the_progress_bar_says_what_it_reads_in_pt_br(tmp_path: Path) -> None:
    i18n.activate("pt_BR")
    with (tmp_path / "stderr").open("w") as stream:
        bar = ProgressBar(stream)
        first = bar._progress.columns[0]
        assert getattr(first, "text_format", None) == "lendo a exportação"


def test_validate_text_in_pt_br_and_its_json_in_english() -> None:
    args = ["validate", EXAMPLES / "sla.yaml", "--leads", EXAMPLES / "leads.csv", "--as-of", AS_OF]
    pt = run_leadsla(*args, "--locale", "pt-BR")
    en = run_leadsla(*args, "--locale", "en")
    assert pt.returncode == en.returncode == 0
    assert pt.stdout.splitlines() == [
        f"{EXAMPLES / 'leads.csv'}: aviso: 2.000 linhas: 2.000 usadas, 0 rejeitadas, 77 células"
        " ilegíveis; 10 linhas compartilham 5 ids duplicados (liste-os com `leadsla score"
        " --errors ARQUIVO`)",
        f"{EXAMPLES / 'sla.yaml'}: válido (1 aviso)",
    ]
    assert en.stdout.splitlines()[-1] == f"{EXAMPLES / 'sla.yaml'}: valid (1 warning)"
    assert "warning: 2,000 rows: 2,000 used" in en.stdout
    jsons = [run_leadsla(*args, "--format", "json", "--locale", x).stdout for x in ("en", "pt-BR")]
    assert jsons[0] == jsons[1] and "2,000 rows: 2,000 used" in jsons[0]

"""Fixes from a hostile review of the language layer: right-to-left locales without stray
marks, Portuguese words for every region of Portuguese, and grammar that reads as written."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from leadsla import i18n
from leadsla.render import escape
from tests.conftest import AS_OF, EXAMPLES, Cli


@pytest.fixture(autouse=True)
def _english_after(monkeypatch: pytest.MonkeyPatch) -> object:
    monkeypatch.delenv(i18n.ENV, raising=False)
    yield
    i18n.choose(None)


def every_format() -> list[str]:
    day = date(2026, 12, 1)
    moment = datetime(2026, 12, 1, 14, 30, tzinfo=ZoneInfo("Asia/Jerusalem"))
    return [
        i18n.fmt_int(-1234),
        i18n.fmt_number(-12.5),
        i18n.fmt_percent(-0.705),
        i18n.fmt_date(day),
        i18n.fmt_date(day, "short"),
        i18n.fmt_date(day, "long"),
        i18n.fmt_day_month(day),
        i18n.fmt_month_day(day),
        i18n.fmt_month(day),
        i18n.fmt_month_abbr(day),
        i18n.fmt_weekday(day),
        i18n.fmt_time(moment),
        i18n.fmt_datetime(moment),
    ]


@pytest.mark.parametrize("tag", ["ar", "ar-EG", "he", "fa"])
def test_right_to_left_formats_carry_no_directional_marks(tag: str) -> None:
    i18n.activate(i18n.normalize(tag))
    shown = every_format()
    for text in shown:
        assert not set(text) & set(escape.BIDI_CONTROLS), ascii(text)
        assert escape.terminal(text) == text, ascii(text)
    if tag.startswith("ar"):
        assert i18n.fmt_date(date(2026, 12, 1), "short") == "1/12/2026"


def test_the_terminal_escape_still_neutralises_overrides() -> None:
    assert escape.terminal("\u202egnp.exe") == "\ufffdgnp.exe"
    assert escape.terminal("a\u200fb\u2066c") == "a\ufffdb\ufffdc"


def test_arabic_dates_in_a_real_table_have_no_replacement_characters(cli: Cli) -> None:
    r = cli(
        "check-deadlines",
        "--sla",
        str(EXAMPLES / "sla.yaml"),
        "--as-of",
        AS_OF,
        "--quiet",
        "--locale",
        "ar",
        "--no-color",
        env={"COLUMNS": "160"},
    )
    assert r.exit_code == 1, r.output
    assert "\ufffd" not in r.stdout


@pytest.mark.parametrize("tag", ["pt", "pt-PT", "pt-AO", "pt_br"])
def test_every_region_of_portuguese_reads_the_portuguese_words(tag: str) -> None:
    i18n.activate(i18n.normalize(tag))
    assert i18n._("Grade") == "Nota"
    assert i18n._("Hours") == "Horário comercial"


def test_another_region_keeps_its_own_formats() -> None:
    day = date(2026, 8, 7)
    i18n.activate(i18n.normalize("pt-PT"))
    pt_pt = i18n.fmt_date(day, "short")
    i18n.activate(i18n.normalize("pt-BR"))
    assert (pt_pt, i18n.fmt_date(day, "short")) == ("07/08/26", "07/08/2026")
    i18n.activate(i18n.normalize("es"))
    assert i18n._("Grade") == "Grade"  # no catalog for Spanish: English, not Portuguese


def test_plain_pt_on_the_command_line_gets_portuguese_words(cli: Cli) -> None:
    r = cli("calendar", "--sla", str(EXAMPLES / "sla.yaml"), "--locale", "pt", "--no-color")
    assert r.exit_code == 0, r.output
    assert "Horário comercial" in r.stdout and "dom." in r.stdout


def test_a_field_of_the_command_line_reads_na_linha_de_comando(cli: Cli) -> None:
    args = ("report", "--sla", str(EXAMPLES / "sla.yaml"), "--as-of", AS_OF, "--by", "nowhere")
    pt = cli(*args, "--locale", "pt-BR")
    assert pt.exit_code == 2
    assert "não há coluna `nowhere` (usada na linha de comando)" in pt.stderr
    assert "em a " not in pt.stderr
    en = cli(*args)
    assert "no column `nowhere` (used at the command line)" in en.stderr


def test_pt_br_counts_of_follow_ups_agree_with_their_number(cli: Cli) -> None:
    args = ("check-deadlines", "--sla", str(EXAMPLES / "sla.yaml"), "--as-of", AS_OF, "--quiet")
    md = cli(*args, "--format", "markdown", "--locale", "pt-BR").stdout
    summary = md.splitlines()[2]
    assert summary == (
        "332 vencidos, 11 em risco, 34 no prazo, 496 cumpridos com atraso, 765 cumpridos"
    )
    table = cli(*args, "--locale", "pt-BR", "--no-color", env={"COLUMNS": "120"}).stdout
    assert "follow-ups (vencidos, em risco)" in table.splitlines()[0]
    english = cli(*args, "--format", "markdown").stdout.splitlines()[2]
    assert english == "332 breached, 11 at risk, 34 on track, 496 met late, 765 met"


@pytest.mark.parametrize(("n", "word"), [(0, "0 vencido"), (1, "1 vencido"), (2, "2 vencidos")])
def test_one_follow_up_is_singular(n: int, word: str) -> None:
    from leadsla.render.deadlines import status_count

    i18n.activate("pt_BR")
    assert status_count("breached", n) == word

"""The reader's language: locale resolution, Babel formats, and complete pt-BR catalogs."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from leadsla import i18n

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def _english_after(monkeypatch: pytest.MonkeyPatch) -> object:
    monkeypatch.delenv(i18n.ENV, raising=False)
    yield
    monkeypatch.delenv(i18n.ENV, raising=False)
    i18n.choose(None)


def test_every_word_has_its_pt_br_translation_and_the_mo_is_compiled() -> None:
    """A word wrapped in _() without a pt-BR msgstr (or a stale .mo) fails here:
    run `python scripts/i18n.py`, translate the new words in the .po, run it again."""
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "i18n.py"), "--check"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_compiled_catalogs_are_package_files() -> None:
    mo = ROOT / "src" / "leadsla" / "locale" / "pt_BR" / "LC_MESSAGES" / "leadsla.mo"
    assert mo.is_file()
    assert Path(i18n.LOCALE_DIR, "pt_BR", "LC_MESSAGES", "leadsla.mo").is_file()


@pytest.mark.parametrize(
    ("tag", "normal"),
    [("pt-BR", "pt_BR"), ("pt_br", "pt_BR"), ("en", "en"), ("en-US", "en_US"), ("es-MX", "es_MX")],
)
def test_tags_are_normalized(tag: str, normal: str) -> None:
    assert i18n.normalize(tag) == normal


@pytest.mark.parametrize("tag", ["", "  ", "xx-QQ", "klingon", "pt-BR-x-!!"])
def test_unknown_tags_are_refused_with_an_example(tag: str) -> None:
    with pytest.raises(i18n.UnknownLocale, match="pt-BR"):
        i18n.normalize(tag)


def test_option_outranks_environment_outranks_sla(monkeypatch: pytest.MonkeyPatch) -> None:
    assert i18n.resolve(None, None) == "en"
    assert i18n.resolve(None, "pt-BR") == "pt_BR"
    monkeypatch.setenv(i18n.ENV, "es")
    assert i18n.resolve(None, "pt-BR") == "es"
    assert i18n.resolve("en-US", "pt-BR") == "en_US"


def test_an_explicit_choice_is_not_replaced_by_the_sla(monkeypatch: pytest.MonkeyPatch) -> None:
    i18n.choose("en-US")
    i18n.adopt("pt-BR")
    assert i18n.active() == "en_US"
    i18n.choose(None)
    i18n.adopt("pt-BR")
    assert i18n.active() == "pt_BR"
    monkeypatch.setenv(i18n.ENV, "en")
    i18n.choose(None)
    i18n.adopt("pt-BR")
    assert i18n.active() == "en"


def test_dates_and_numbers_follow_the_locale() -> None:
    day = date(2026, 8, 7)
    i18n.activate("en_US")
    assert (i18n.fmt_day_month(day), i18n.fmt_percent(0.705), i18n.fmt_int(1234)) == (
        "8/7",
        "70.5%",
        "1,234",
    )
    i18n.activate("pt_BR")
    assert (i18n.fmt_day_month(day), i18n.fmt_percent(0.705), i18n.fmt_int(1234)) == (
        "07/08",
        "70,5%",
        "1.234",
    )
    assert i18n.fmt_number(800.0) == "800"


def test_a_bad_locale_option_is_a_usage_error(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = cli("calendar", "--sla", ROOT / "examples" / "sla.yaml", "--locale", "xx-QQ")
    assert result.exit_code == 2
    assert "--locale" in result.output and "xx-QQ" in result.output


def test_a_bad_environment_locale_names_the_variable(cli, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv(i18n.ENV, "nope")
    result = cli("calendar", "--sla", ROOT / "examples" / "sla.yaml")
    assert result.exit_code == 2
    assert i18n.ENV in result.output


def test_a_bad_display_locale_is_an_sla_error_with_its_line(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    sla = tmp_path / "sla.yaml"
    sla.write_text("version: 1\nname: x\ndisplay:\n  locale: xx-QQ\n", encoding="utf-8")
    result = cli("validate", sla)
    assert result.exit_code == 1
    assert "4:" in result.output and "display.locale" in result.output

"""Issue 12 for `check-deadlines`, `explain` and `calendar`: tables that fit the terminal
(80, 100, 120, 160 columns; ids, rule ids and owners whole; lower-priority columns fold or go
first; blocks when nothing fits), every column headed, tier labels, business durations that
say so, targets as written, fields in the export's order, holiday names in the locale's
language, named company days off; the JSON unchanged by the locale."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from rich.cells import cell_len

from tests.conftest import AS_OF, EXAMPLES, Cli

WIDTHS = (80, 100, 120, 160)
EXAMPLE = ("--sla", str(EXAMPLES / "sla.yaml"), "--as-of", AS_OF, "--quiet")


def run(cli: Cli, width: int, *args: str | Path, locale: str = "en") -> Any:
    return cli(*args, "--locale", locale, "--no-color", env={"COLUMNS": str(width)})


def fits(text: str, width: int) -> None:
    long = [line for line in text.splitlines() if cell_len(line) > width]
    assert not long, f"{len(long)} lines wider than {width}: {long[:2]}"


def items_json(cli: Cli) -> list[dict[str, Any]]:
    r = cli("check-deadlines", *EXAMPLE, "--format", "json")
    return [i for i in json.loads(r.stdout)["items"]]


def rows_of(text: str) -> list[str]:
    """The body rows of the first table (between its header rule and its bottom)."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("┡"))
    end = next(i for i in range(start, len(lines)) if lines[i].startswith("└"))
    return lines[start + 1 : end]


# -- check-deadlines ---------------------------------------------------------------------------


@pytest.mark.parametrize("width", WIDTHS)
def test_check_deadlines_fits_with_ids_rules_and_owners_whole(cli: Cli, width: int) -> None:
    r = run(cli, width, "check-deadlines", *EXAMPLE)
    assert r.exit_code == 1, r.output
    fits(r.stdout, width)
    body = rows_of(r.stdout)
    items = items_json(cli)[: len(body)]
    assert len(body) == 200  # one line per item: nothing wraps
    for line, item in zip(body, items, strict=True):
        cells = [c.strip() for c in line.strip("│").split("│")]
        assert cells[:3] == [item["lead"], item["rule"], item["owner"]]
    assert "…" not in "\n".join(body)
    # every column has a header, the time past due or left included
    assert "over by / left" in r.stdout
    assert "732h business" in body[0]  # business time says so


def test_check_deadlines_columns_go_by_priority(cli: Cli) -> None:
    shown = {w: run(cli, w, "check-deadlines", *EXAMPLE).stdout for w in WIDTHS}
    heads = {w: shown[w].splitlines()[2] for w in WIDTHS}
    assert "due" not in heads[80] and "tier" not in heads[80]
    assert "Not shown at this width: due, tier, start" in shown[80]
    assert "due" in heads[100] and "tier" not in heads[100]
    assert "tier" in heads[120] and "start" not in heads[120]
    assert "start" in heads[160] and "Not shown at this width" not in shown[160].split("By")[0]
    # the tier's label, not its index
    assert "grade A: 1h" in shown[120]
    # "By rule": the rule ids whole on one line each; the names, least important, go at 80
    by_rule = shown[80].split("By rule")[1].split("By owner")[0]
    assert [row.split("│")[1].strip() for row in rows_of(by_rule)] == [
        "first-contact",
        "accept-or-return",
        "renurture",
    ]
    assert "Sales contacts every MQL" in shown[120]


def test_check_deadlines_in_pt_br(cli: Cli) -> None:
    r = run(cli, 80, "check-deadlines", *EXAMPLE, locale="pt-BR")
    fits(r.stdout, 80)
    body = rows_of(r.stdout)
    assert "responsável" in r.stdout and "atraso / resta" in r.stdout
    assert body[0].split("│")[4].strip() == "vencido"
    assert "732h úteis" in body[0]
    assert "Por regra" in r.stdout and "cumprimento" in r.stdout and "65,7%" in r.stdout
    assert "Em 20/11/2026 12:00 (America/Sao_Paulo); 332 follow-ups vencidos." in r.stdout
    wide = run(cli, 160, "check-deadlines", *EXAMPLE, locale="pt-BR").stdout
    assert "seg. 20/07 16:14" in wide  # day/month, 24 hours
    md = run(cli, 80, "check-deadlines", *EXAMPLE, "--format", "markdown", locale="pt-BR")
    assert (
        "| lead | regra | responsável | situação | início | prazo | atraso / resta | faixa |"
        in (md.stdout)
    )
    assert "| 100048 | first-contact | Carla Mendes | **vencido** | ter. 28/07 15:50 |" in md.stdout


def test_json_and_csv_do_not_change_with_the_locale(cli: Cli) -> None:
    for fmt in ("json", "csv"):
        en = cli("check-deadlines", *EXAMPLE, "--format", fmt, "--locale", "en").stdout
        pt = cli("check-deadlines", *EXAMPLE, "--format", fmt, "--locale", "pt-BR").stdout
        assert en == pt
    assert items_json(cli)[6]["tier"] == 0  # the JSON keeps the tier's index


CLOCK_SLA = """\
version: 1
name: Clocks
leads: {timezone: UTC, date_formats: ["%Y-%m-%d %H:%M"]}
calendar: {timezone: UTC, hours: {mon-fri: "09:00-17:00"}}
follow_up:
  - {id: call-back-within-the-day, owner: sales, start: asked_at, stop: [called_at], within: 24h,
     clock: calendar}
  - {id: contact, owner: sales, start: asked_at, stop: [called_at], within: 2h}
"""
OWNER = "Maria Aparecida dos Santos Albuquerque de Oliveira Bragança"


def clocks(tmp_path: Path, owner: str = "ana") -> tuple[Path, Path]:
    sla = tmp_path / "sla.yaml"
    sla.write_text(CLOCK_SLA, encoding="utf-8")
    csv = tmp_path / "leads.csv"
    csv.write_text(f"id,owner,asked_at,called_at\nL-000001,{owner},2026-11-16 10:00,\n")
    return sla, csv


def test_calendar_clock_durations_do_not_say_business(cli: Cli, tmp_path: Path) -> None:
    sla, csv = clocks(tmp_path)
    out = run(cli, 160, "check-deadlines", csv, "--sla", sla, "--as-of", AS_OF, "-q").stdout
    rows = {row.split("│")[2].strip(): row for row in rows_of(out)}
    # due Tue 10:00 (24 hours after Mon 10:00), as of Fri 15:00 UTC: 77 hours on the clock
    assert "77h business" not in rows["call-back-within-the-day"]
    assert "│            77h │" in rows["call-back-within-the-day"]
    assert "business" in rows["contact"]


def test_a_table_too_wide_becomes_one_block_per_record(cli: Cli, tmp_path: Path) -> None:
    sla, csv = clocks(tmp_path, OWNER)
    out = run(cli, 80, "check-deadlines", csv, "--sla", sla, "--as-of", AS_OF, "-q").stdout
    fits(out, 80)
    assert "┏" not in out.split("By rule")[0]  # no table: blocks
    assert f"owner:          {OWNER}" in out
    assert "lead:           L-000001" in out
    assert out.count("lead:") == 2  # one block per item


# -- explain -----------------------------------------------------------------------------------

EXPLAIN_SLA = """\
version: 1
name: Explain
leads: {timezone: America/Sao_Paulo, date_formats: ["%Y-%m-%d %H:%M"]}
calendar: {timezone: America/Sao_Paulo, hours: {mon-fri: "09:00-17:00"}}
scoring:
  fit:
    rules: [{name: Big, when: {field: size, gte: 100}, points: 30}]
    grades: {A: 30}
follow_up:
  - {id: accept, owner: sales, start: mql_at, stop: [sql_at], within: 3d,
     tiers: [{when: {field: grade, eq: A}, within: 1d}]}
"""
# the export's columns in an order no sorting gives
EXPLAIN_CSV = "size,sql_at,id,mql_at\n800,,L7,2026-11-02 10:00\n"


def test_explain_fields_in_export_order_integers_and_target_as_written(
    cli: Cli, tmp_path: Path
) -> None:
    sla = tmp_path / "sla.yaml"
    sla.write_text(EXPLAIN_SLA.replace("eq: A", "eq: Z"), encoding="utf-8")
    csv = tmp_path / "leads.csv"
    csv.write_text(EXPLAIN_CSV, encoding="utf-8")
    for width in WIDTHS:
        out = run(cli, width, "explain", "L7", csv, "--sla", sla, "--as-of", AS_OF, "-q").stdout
        fits(out, width)
        fields = [row.split("│")[1].strip() for row in rows_of(out)]
        assert fields == ["size", "sql_at", "id", "mql_at"]
        assert "│ 800 " in out and "800.0" not in out
        # 3 business days of 8 hours from Mon 10:00: close of Thu = 3 x 480 + 420 minutes
        assert "3d (1,860 business min)" in out
    pt = run(cli, 80, "explain", "L7", csv, "--sla", sla, "--as-of", AS_OF, "-q", locale="pt-BR")
    assert "3d (1.860 min úteis)" in pt.stdout and "Campos como lidos" in pt.stdout
    assert "pontuação = perfil + engajamento = 30" in pt.stdout


def test_explain_shows_the_tier_label(cli: Cli, tmp_path: Path) -> None:
    sla = tmp_path / "sla.yaml"
    sla.write_text(EXPLAIN_SLA, encoding="utf-8")
    csv = tmp_path / "leads.csv"
    csv.write_text(EXPLAIN_CSV, encoding="utf-8")
    out = run(cli, 120, "explain", "L7", csv, "--sla", sla, "--as-of", AS_OF, "-q").stdout
    assert "accept tier (grade A: 1d)" in out
    # close of the next business day after Mon 10:00: 7 hours on Monday and 8 on Tuesday
    assert "grade A: 1d (900 business min)" in out
    doc = cli("explain", "L7", csv, "--sla", sla, "--as-of", AS_OF, "-q", "--format", "json")
    lead = json.loads(doc.stdout)["leads"][0]
    assert lead["rules"][-1]["name"] == "accept tier 0 (within 1d)"  # the JSON as it was
    assert "rule" not in lead["rules"][-1] and lead["deadlines"][0]["tier"] == 0


def test_explain_of_the_example_fits(cli: Cli) -> None:
    for width in WIDTHS:
        out = run(cli, width, "explain", "100048", *EXAMPLE).stdout
        fits(out, width)
        assert "first-contact tier (grade A: 1h)" in out
        assert "grade A: 1h (60 business min)" in out


# -- calendar ----------------------------------------------------------------------------------


def example_with(tmp_path: Path, include: str) -> Path:
    text = (EXAMPLES / "sla.yaml").read_text(encoding="utf-8")
    old = "include: [2026-12-24, 2026-12-31, 2027-02-08, 2027-02-09]"
    assert old in text
    sla = tmp_path / "sla.yaml"
    sla.write_text(text.replace(old, include).replace("path: leads.csv", "path: x.csv"), "utf-8")
    return sla


@pytest.mark.parametrize("width", WIDTHS)
def test_calendar_fits(cli: Cli, width: int) -> None:
    out = run(cli, width, "calendar", "--sla", str(EXAMPLES / "sla.yaml"), "--as-of", AS_OF)
    fits(out.stdout, width)


def test_holiday_names_in_the_locale_and_json_unchanged(cli: Cli, tmp_path: Path) -> None:
    sla = example_with(tmp_path, "include: {2026-12-24: Véspera de Natal, 2026-12-31: }")
    args = ("calendar", "--sla", str(sla), "--as-of", AS_OF)
    pt = run(cli, 80, *args, locale="pt-BR").stdout
    en = run(cli, 80, *args, locale="en").stdout
    assert "Confraternização Universal" in pt and "1 de jan. de 2026 (qui.)" in pt
    assert "Universal Fraternization Day" in en and "Jan 1, 2026 (Thu)" in en
    assert "Véspera de Natal" in pt and "Véspera de Natal" in en  # the SLA's own name
    assert "folga da empresa" in pt and "company day off" in en  # unnamed
    assert "Dias úteis por mês" in pt and "nov. de 2026" in pt
    docs = [
        json.loads(cli(*args, "--format", "json", "--locale", x).stdout) for x in ("en", "pt-BR")
    ]
    assert docs[0] == docs[1]
    names = dict((h["date"], h["name"]) for h in docs[0]["holidays"])
    # the country's default language (pt_BR for BR), whatever the locale or the environment
    assert names["2026-01-01"] == "Confraternização Universal"
    assert names["2026-12-24"] == "Véspera de Natal"
    assert names["2026-12-31"] == "company day off"


def test_a_language_the_country_lacks_falls_back_to_its_default() -> None:
    from leadsla.sla.holiday_registry import holiday_language

    assert holiday_language("BR", "pt_BR") == "pt_BR"
    assert holiday_language("BR", "en") == "en_US"
    assert holiday_language("BR", "en_GB") == "en_US"
    assert holiday_language("BR", "ja") == "pt_BR"
    assert holiday_language("PT", "pt_BR") == "pt_PT"
    assert holiday_language("DE", "en_US") == "en_US"
    assert holiday_language("XX", "en") is None


@pytest.mark.parametrize(
    ("include", "where", "message"),
    [
        ("[2026-12-24, 2026-12-24]", "include[1]", "`2026-12-24` is listed twice"),
        ("{2026-12-24: Véspera, 2026-13-01: x}", "include.2026-13-01", "month value is outside"),
        ("{2026-12-24: [a]}", "include.2026-12-24", "a day off's name is text"),
    ],
)
def test_bad_days_off_are_located(
    cli: Cli, tmp_path: Path, include: str, where: str, message: str
) -> None:
    sla = example_with(tmp_path, f"include: {include}")
    r = cli("validate", sla)
    assert r.exit_code == 1, r.output
    line = next(x for x in r.output.splitlines() if where in x)
    assert re.search(r"sla\.yaml:5[0-9]:\d+: calendar\.holidays\." + re.escape(where), line)
    assert message in line

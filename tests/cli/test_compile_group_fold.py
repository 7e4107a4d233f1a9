"""`for_each` groups fold as Python's casefold in every compiled script (review F15): the
script's groups, values and verdicts are `report`'s on owners an engine's LOWER keeps apart
(Straße/STRASSE/strasse, İzmir/i̇zmir, ǅemal/ǆemal), and the compiled fold equals
`str.casefold()` code point by code point (run by DuckDB)."""

from __future__ import annotations

import json
import random
import sys
from datetime import datetime

import duckdb
import sqlglot.expressions as exp

from leadsla.engine import dialects as dl
from tests.cli.test_compile import compile_sql, text_table
from tests.conftest import Cli

DATA = __import__("pathlib").Path(__file__).resolve().parents[1] / "data"
SLA = DATA / "slas" / "groups_casefold.yaml"
EXPORT = DATA / "exports" / "groups_casefold.csv"
AS_OF = "2026-11-24T12:00:00-03:00"  # the week of 16/11 is over: its verdicts are judged


def reported(cli: Cli) -> list[tuple[object, ...]]:
    r = cli("report", EXPORT, "--sla", SLA, "--as-of", AS_OF, "--format", "json", "--quiet")
    assert r.exit_code in (0, 1), r.stderr
    out = []
    for p in json.loads(r.stdout)["periods"]:
        start = datetime.fromisoformat(p["start"]).timestamp()
        for g in p["goals"]:
            out.append((start, g["group"]["owner"], float(g["value"]), g["met"]))
    return out


def test_script_groups_are_reports_on_letters_lower_keeps_apart(cli: Cli) -> None:
    expected = reported(cli)
    week = datetime.fromisoformat("2026-11-16T00:00:00-03:00").timestamp()
    assert {(g, v, m) for s, g, v, m in expected if s == week} == {
        ("STRASSE", 3.0, True),  # Straße + STRASSE + strasse, override ">= 3"
        ("i̇zmir", 2.0, True),  # İzmir + i̇zmir, override "İzmir" folds alike
        ("ǅemal", 2.0, True),  # titlecase ǅ + ǆ
        ("GIÁM", 2.0, True),
        ("ana", 3.0, True),  # " Ana ", "ana" and "ana\u3000" (trimmed as DuckDB trims)
        ("(unassigned)", 2.0, None),  # "" and "\u3000"
    }
    script = compile_sql(
        cli, "--sla", SLA, "--dialect", "duckdb", "--table", "t", "--what", "goals",
        "--as-of", AS_OF,
    )  # fmt: skip
    con = duckdb.connect()
    text_table(con, "t", EXPORT)
    found = con.execute(script)
    columns = [c[0] for c in found.description or []]
    got = []
    for row in found.fetchall():
        x = dict(zip(columns, row, strict=True))
        got.append((x["period_start"].timestamp(), x["group"], float(x["value"]), x["met"]))
    assert sorted(got, key=repr) == sorted(expected, key=repr)


def _folds(d: dl.Dialect, texts: list[str]) -> list[str]:
    con = duckdb.connect()
    con.execute("CREATE TABLE w (i INTEGER, t VARCHAR)")
    con.executemany("INSERT INTO w VALUES (?, ?)", list(enumerate(texts)))
    q = exp.select(dl.casefold(d, dl.col("t"))).from_("w").order_by("i")
    return [r[0] for r in con.execute(q.sql("duckdb")).fetchall()]


def test_compiled_casefold_is_pythons_for_every_code_point() -> None:
    """Every code point casefold changes, one in 97 of the others between ASCII letters, and
    random mixed strings (final sigma, ß next to ASCII, supplementary letters)."""
    codes = [c for c in range(1, sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF]
    changed = [chr(c) for c in codes if chr(c).casefold() != chr(c)]
    texts = changed + ["A" + chr(c) + "z" for c in codes[::97]]
    rnd = random.Random(14)
    pool = changed + list("aZ ΣσςßİI") + [chr(0x10400), chr(0x1E921)]
    texts += ["".join(rnd.choice(pool) for _ in range(rnd.randint(1, 12))) for _ in range(2000)]
    got = _folds(dl.Dialect("duckdb"), texts)
    wrong = [(t, g) for t, g in zip(texts, got, strict=True) if g != t.casefold()]
    assert wrong == []

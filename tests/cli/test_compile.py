"""`leadsla compile` (issue 14): the SLA as one SQL script per dialect, over a table of text.

The DuckDB script is run here, on the example's export loaded as a table of VARCHAR columns
named as its headers, and gives exactly `score --format csv`'s values. The BigQuery and
Snowflake scripts cannot run here: golden files of a small SLA hold them
(test_compile_golden.py). PostgreSQL and Spark are run against real engines by the
cross-engine tests."""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime
from pathlib import Path

import duckdb
import pytest
import sqlglot
import sqlglot.expressions as exp

from leadsla.sla.regex_subset import DIALECTS
from tests.conftest import AS_OF, EXAMPLES, Cli

GOLDEN = Path(__file__).resolve().parent.parent / "golden" / "compile"
SLA = EXAMPLES / "sla.yaml"

Row = tuple[str | None, float, str, float, float, str, str | None, str | None]


def text_table(con: duckdb.DuckDBPyConnection, name: str, path: Path, delim: str = ";") -> None:
    """The export as a table of text, the way a CSV loaded without types arrives."""
    con.execute(
        f'CREATE TABLE "{name}" AS SELECT * FROM read_csv(?, delim=?, header=true,'
        " all_varchar=true, quote='\"', escape='\"')",
        [str(path), delim],
    )


def compile_sql(cli: Cli, *args: str | Path) -> str:
    r = cli("compile", *args)
    assert r.exit_code == 0, r.stderr
    return str(r.stdout)


def scored(cli: Cli, sla: Path, export: Path, as_of: str = AS_OF) -> list[Row]:
    r = cli("score", export, "--sla", sla, "--as-of", as_of, "--format", "csv", "--quiet")
    assert r.exit_code == 0, r.stderr
    rows = list(csv.reader(io.StringIO(r.stdout)))[1:]
    return [
        (a or None, float(b), c, float(d), float(e), f, g or None, h or None)
        for a, b, c, d, e, f, g, h in rows
    ]


def same(a: list[Row], b: list[Row]) -> None:
    assert len(a) == len(b)
    for x, y in zip(sorted(a, key=repr), sorted(b, key=repr), strict=True):
        assert (x[0], x[2], *x[5:]) == (y[0], y[2], *y[5:]), (x, y)
        for i in (1, 3, 4):
            assert abs(x[i] - y[i]) <= 1e-9, (x, y)


def test_duckdb_script_gives_score_csv_values_on_the_example(cli: Cli) -> None:
    script = compile_sql(
        cli, "--sla", SLA, "--dialect", "duckdb", "--table", "leads", "--as-of", AS_OF
    )
    con = duckdb.connect()
    text_table(con, "leads", EXAMPLES / "leads.csv")
    got = con.execute(script).fetchall()
    assert [d[0] for d in con.description or []] == [
        "id",
        "fit",
        "grade",
        "engagement",
        "score",
        "qualification",
        "reason",
        "funnel_stage",
    ]
    same([tuple(r) for r in got], scored(cli, SLA, EXAMPLES / "leads.csv"))
    # ordered by score (highest first), then id in binary order
    keys = [(-r[4], r[0]) for r in got]
    assert keys == sorted(keys)


def test_as_of_now_reads_the_engines_clock(cli: Cli) -> None:
    script = compile_sql(cli, "--sla", SLA, "--dialect", "duckdb", "--table", "leads")
    assert "NOW()" in script
    con = duckdb.connect()
    text_table(con, "leads", EXAMPLES / "leads.csv")
    assert len(con.execute(script).fetchall()) == 2000


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("--dialect", "oracle", "--table", "t"), "--dialect oracle"),
        (("--dialect", "postgres", "--table", "t; DROP TABLE t"), "not a table name"),
        (("--dialect", "spark", "--table", "t", "--what", "everything"), "--what everything"),
        (("--dialect", "spark", "--table", "leadsla_zone"), "a table of its own"),
    ],
)
def test_bad_arguments_exit_2_with_a_message(cli: Cli, args: tuple[str, ...], words: str) -> None:
    r = cli("compile", "--sla", SLA, *args)
    assert r.exit_code == 2
    assert words in r.stderr
    assert r.stdout == ""


def test_what_the_dialect_cannot_run_is_refused_where_it_is(cli: Cli, write_sla) -> None:  # type: ignore[no-untyped-def]
    sla = write_sla(
        """
        version: 1
        name: t
        leads:
          date_formats: ["%d %b %Y", iso]
        scoring:
          fit:
            rules:
              - {name: a, when: {field: job_title, matches: "(?s)dir.tor"}, points: 1}
        """
    )
    r = cli("compile", "--sla", sla, "--dialect", "postgres", "--table", "t")
    assert r.exit_code == 2
    assert f"{sla}:8:53:" in r.stderr and "cannot run alike in postgres" in r.stderr
    assert f"{sla}:4:" in r.stderr and "%b" in r.stderr
    v = cli("validate", sla, "--dialect", "postgres")
    assert v.exit_code == 1
    assert "dialect" in v.stdout and ":8:53:" in v.stdout
    assert cli("validate", sla).exit_code == 0


HOSTILE_HEADERS = {
    "id": 'Lead "ID"',
    "job_title": "Cargo'; DROP TABLE leads; --",
    "industry": "Setor `x` \\ ç",
    "company_size": "Nº de funcionários",
}
HOSTILE_VALUES = ["O'Brien; --", 'diz "oi"', "back\\slash", "ÇÃO", "a%b_c"]


def hostile_sla(write_sla) -> Path:  # type: ignore[no-untyped-def]
    columns = "\n".join(
        f"    {f}: '{h.replace(chr(39), chr(39) * 2)}'" for f, h in HOSTILE_HEADERS.items()
    )
    values = ", ".join("'" + v.replace("'", "''") + "'" for v in HOSTILE_VALUES)
    return Path(
        write_sla(
            f"""
version: 1
name: hostile
leads:
  timezone: America/New_York
  date_formats: ["%d/%m/%Y %H:%M", iso]
  columns:
{columns}
  types: {{company_size: number}}
scoring:
  fit:
    rules:
      - {{name: a, when: {{field: job_title, in: [{values}]}}, points: 10}}
      - {{name: b, when: {{field: job_title, contains: ["'", "\\\\", "%"]}}, points: 1}}
      - {{name: c, when: {{field: industry, matches: "^ç|\\\\bx\\\\b|[\\"']"}}, points: 100}}
      - {{name: d, when: {{field: company_size, gte: 10}}, points: 1000}}
      - {{name: e, when: {{field: created, within: 30d}}, points: 5}}
follow_up:
  - {{id: touch, owner: "sales'; --", start: created, stop: ['touched "at"; --'],
     within: 2d, clock: calendar}}
goals:
  period: week
  targets:
    - {{id: per-title, owner: "m", metric: count, of: created, target: ">= 1",
       for_each: job_title, overrides: {{"O'Brien; --": ">= 2"}}}}
"""
        )
    )


def test_hostile_headers_and_values_stay_identifiers_and_literals(cli: Cli, write_sla) -> None:  # type: ignore[no-untyped-def]
    sla = hostile_sla(write_sla)
    for dialect in DIALECTS:
        for what, words in (
            ("deadlines", ["sales'; --", 'touched "at"; --']),
            ("goals", ["o'brien; --"]),
        ):
            text = compile_sql(
                cli, "--sla", sla, "--dialect", dialect, "--table", "t", "--what", what,
                "--as-of", AS_OF,
            )  # fmt: skip
            parsed = sqlglot.parse(text, read=dialect)
            assert len([p for p in parsed if p is not None]) == 1, (dialect, what)
            assert parsed[0] is not None
            found = {lit.this for lit in parsed[0].find_all(exp.Literal) if lit.is_string}
            assert set(words) <= found, (dialect, what)
        script = compile_sql(cli, "--sla", sla, "--dialect", dialect, "--table", "t")
        parsed = sqlglot.parse(script, read=dialect)
        assert len([p for p in parsed if p is not None]) == 1, dialect
        tree = parsed[0]
        assert tree is not None
        literals = {lit.this for lit in tree.find_all(exp.Literal) if lit.is_string}
        for v in HOSTILE_VALUES:
            assert v.lower() in literals, (dialect, v)
        names = {i.this for i in tree.find_all(exp.Identifier)}
        for h in HOSTILE_HEADERS.values():
            assert h in names, (dialect, h)


def test_hostile_export_scores_alike_in_duckdb(cli: Cli, write_sla, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    sla = hostile_sla(write_sla)
    headers = [*HOSTILE_HEADERS.values(), "created"]
    rows = [
        ["1", "O'Brien; --", "ç", "1.000", "01/11/2026 01:30"],
        ["2", " ção ", "x y", "12", "2026-11-01 01:30"],
        ["3", "a%b_c", 'q"', "n/a", "2026-03-08 02:30"],
        ["4", "back\\slash", "X", "9", "31/02/2026 10:00"],
        ["", "'", "", "", "2026-11-15T10:00-05:00"],
    ]
    export = tmp_path / "hostile.csv"
    with export.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, delimiter=";")
        w.writerow(headers)
        w.writerows(rows)
    as_of = "2026-11-20T12:00:00-05:00"
    script = compile_sql(cli, "--sla", sla, "--dialect", "duckdb", "--table", "t", "--as-of", as_of)
    con = duckdb.connect()
    text_table(con, "t", export)
    got = [tuple(r) for r in con.execute(script).fetchall()]
    expected = scored(cli, sla, export, as_of)
    # a blank id is the line number in a CSV; a table has none (without --line-column): NULL
    expected = [(None, *r[1:]) if r[0] == "6" else r for r in expected]  # type: ignore[misc]
    same(got, expected)


# --- deadlines ------------------------------------------------------------------------------------

Item = tuple[object, ...]


def deadline_items(cli: Cli, as_of: str = AS_OF) -> list[Item]:
    r = cli(
        "check-deadlines", EXAMPLES / "leads.csv", "--sla", SLA, "--as-of", as_of,
        "--status", "all", "--format", "csv", "--quiet",
    )  # fmt: skip
    assert r.exit_code in (0, 1), r.stderr
    return [item(row) for row in csv.DictReader(io.StringIO(r.stdout))]


def item(row: dict[str, object]) -> Item:
    """A deadline item with its times as instants and its minutes to the microsecond."""

    def instant(v: object) -> float | None:
        if v in ("", None):
            return None
        when = v if isinstance(v, datetime) else datetime.fromisoformat(str(v))
        return when.timestamp()

    def minutes(v: object) -> float | None:
        return None if v in ("", None) else round(float(str(v)), 6)

    tier = row["tier"]
    return (
        row["lead"], row["rule"], row["team"], row["owner"], row["status"],
        None if tier in ("", None) else int(str(tier)),
        instant(row["start"]), instant(row["due"]), instant(row["stopped"]),
        row["stopped_by"] or None,
        *(minutes(row[c]) for c in ("target_minutes", "elapsed_minutes", "overdue_minutes", "left_minutes")),
    )  # fmt: skip


def test_duckdb_deadlines_script_gives_check_deadlines_items(cli: Cli) -> None:
    script = compile_sql(
        cli, "--sla", SLA, "--dialect", "duckdb", "--table", "leads", "--what", "deadlines",
        "--as-of", AS_OF,
    )  # fmt: skip
    con = duckdb.connect()
    text_table(con, "leads", EXAMPLES / "leads.csv")
    found = con.execute(script)
    columns = [c[0] for c in found.description or []]
    got = [item(dict(zip(columns, r, strict=True))) for r in found.fetchall()]
    assert sorted(got, key=repr) == sorted(deadline_items(cli), key=repr)
    assert len(got) > 1000
    keys = [(str(g[0]).encode(), str(g[1]).encode()) for g in got]
    assert keys == sorted(keys)  # by lead, then rule, in binary order


def test_a_start_outside_the_scripts_calendar_stops_it(cli: Cli) -> None:
    script = compile_sql(
        cli, "--sla", SLA, "--dialect", "duckdb", "--table", "leads", "--what", "deadlines",
        "--as-of", AS_OF, "--from", "2026-09-01",
    )  # fmt: skip
    con = duckdb.connect()
    text_table(con, "leads", EXAMPLES / "leads.csv")
    with pytest.raises(duckdb.Error, match="outside the business calendar"):
        con.execute(script).fetchall()


def test_a_due_past_the_scripts_calendar_stops_it(cli: Cli) -> None:
    script = compile_sql(
        cli, "--sla", SLA, "--dialect", "duckdb", "--table", "leads", "--what", "deadlines",
        "--as-of", AS_OF, "--to", "2026-11-20",
    )  # fmt: skip
    con = duckdb.connect()
    text_table(con, "leads", EXAMPLES / "leads.csv")
    with pytest.raises(duckdb.Error, match="past the end of the business calendar"):
        con.execute(script).fetchall()


def test_as_of_outside_from_to_is_refused(cli: Cli) -> None:
    r = cli(
        "compile", "--sla", SLA, "--dialect", "postgres", "--table", "t", "--what", "deadlines",
        "--as-of", AS_OF, "--to", "2026-10-01",
    )  # fmt: skip
    assert r.exit_code == 2
    assert "outside --from" in r.stderr


def test_every_operator_and_many_rules_score_alike(cli: Cli, write_sla, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """More than 16 rules (summed without DuckDB's list_reduce), lists long and short (one
    pattern or one test per value), every operator, numbers with a decimal comma."""
    rules = [
        '{name: r0, when: {field: title, contains: [dir, "gerente ", "çã"]}, points: 1}',
        "{name: r1, when: {field: title, starts_with: [Head, vp]}, points: 2}",
        '{name: r2, when: {field: title, ends_with: [a, o, "–"]}, points: 3}',
        '{name: r3, when: {field: title, in: [a, b, c, d, e, f, g, h, i, "ção"]}, points: 4}',
        "{name: r4, when: {field: title, not_in: [x, y]}, points: 5}",
        "{name: r5, when: {field: title, ne: Diretor}, points: 6}",
        '{name: r6, when: {field: title, matches: "^(dir|ger)[a-zçã]+$"}, points: 7}',
        "{name: r7, when: {field: size, between: [10, 99.5]}, points: 8}",
        "{name: r8, when: {field: size, gt: 100}, points: 9}",
        "{name: r9, when: {field: size, lte: 0}, points: 10}",
        "{name: r10, when: {field: size, eq: 42}, points: 11}",
        "{name: r11, when: {field: vip, is: false}, points: 12}",
        "{name: r12, when: {field: vip, present: false}, points: 13}",
        "{name: r13, when: {field: seen, within: 30d}, points: 14}",
        "{name: r14, when: {field: seen, older_than: 90d}, points: 15}",
        "{name: r15, when: {not: {field: title, contains: [dir]}}, points: 16}",
        "{name: r16, when: {any: [{field: size, gte: 50}, {all: [{field: vip, is: true},"
        " {field: title, present: true}]}]}, points: 17}",
        '{name: r17, when: {field: city, in: [São Paulo, "Rio de Janeiro", Curitiba, Recife,'
        " Salvador, Manaus, Belém, Goiânia, Natal, Vitória]}, points: 18}",
        "{name: r18, per: size, points: 0.5, cap: 20}",
        "{name: r19, points: 1}",
    ]
    body = "\n".join(f"      - {r}" for r in rules)
    sla = write_sla(
        f"""
version: 1
name: operators
leads:
  decimal: ","
  max_unreadable: 100%
  timezone: Europe/Lisbon
  date_formats: ["%d.%m.%Y", iso]
  types: {{size: number, vip: boolean, seen: timestamp}}
scoring:
  fit:
    rules:
{body}
    grades: {{A: 100, B: 50}}
"""
    )
    rnd = __import__("random").Random(7)
    titles = ["Diretor", "diretora comercial", "GERENTE de vendas", "Head of X", "VP", "ção",
              "Ação", "a", "i", "", "N/A", "estagiário–", "x"]  # fmt: skip
    cities = ["São Paulo", "são paulo ", "RIO DE JANEIRO", "Belém", "Porto", ""]
    sizes = ["10", "99,5", "1.000", "42", "0", "-3", "1 000", "abc", "", "12,", "100,01"]
    vips = ["sim", "não", "TRUE", "0", "", "talvez"]
    seens = ["15.11.2026", "2026-11-19 23:59", "01.01.2026", "2026-03-29 01:30", "31.02.2026", ""]
    export = tmp_path / "ops.csv"
    with export.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["id", "title", "city", "size", "vip", "seen"])
        for i in range(120):
            w.writerow([f"k{i}", rnd.choice(titles), rnd.choice(cities), rnd.choice(sizes),
                        rnd.choice(vips), rnd.choice(seens)])  # fmt: skip
    script = compile_sql(cli, "--sla", sla, "--dialect", "duckdb", "--table", "t", "--as-of", AS_OF)
    con = duckdb.connect()
    text_table(con, "t", export, delim=",")
    got = [tuple(r) for r in con.execute(script).fetchall()]
    same(got, scored(cli, sla, export))  # type: ignore[arg-type]


def test_cells_script_counts_the_unreadable_cells_score_counts(cli: Cli) -> None:
    """The row accounting of a table (for `--engine`): every field's non-blank and
    unreadable cells, as `score`'s summary counts them (one account of the export)."""
    from leadsla.engine.compile import Target, compile_cells
    from leadsla.sla.load import load_sla

    loaded = load_sla(SLA)
    for dialect in DIALECTS:  # each dialect's script passes the allowlist
        compile_cells(loaded, dialect, Target("crm.leads", "ID"))
    script, fields = compile_cells(loaded, "duckdb", Target("leads", "ID"))
    con = duckdb.connect()
    text_table(con, "leads", EXAMPLES / "leads.csv")
    row = con.execute(script).fetchone()
    assert row is not None
    got = {f: (int(row[1 + 2 * i]), int(row[2 + 2 * i])) for i, f in enumerate(fields)}
    r = cli("score", EXAMPLES / "leads.csv", "--sla", SLA, "--as-of", AS_OF, "--format", "json",
            "--top", "1", "--quiet")  # fmt: skip
    summary = json.loads(r.stdout)["summary"]
    assert row[0] == summary["rows"] == 2000
    assert got == {f["field"]: (f["non_blank"], f["unreadable"]) for f in summary["fields"]}
    assert sum(bad for _nb, bad in got.values()) == summary["unreadable_cells"] == 77


@pytest.mark.parametrize(
    ("formats", "cells"),
    [
        (
            '[epoch_ms, "%d/%m/%y %H:%M:%S", iso]',
            [
                "1794000000000",
                "-86400000",
                "01/11/26 01:30:59",
                "31/12/69 23:59:59",
                "2026-11-01 01:30",
                "2026-11-01T05:30:00.123456789Z",
                "2026-11-19 12:00 -0330",
                "2026-02-29",
                "29/02/24 10:00:00",
                "1e3",
                "2026-13-01",
            ],
        ),
        (
            '[epoch_s, "%Y%m%d %H%M", "%m-%d-%Y"]',
            [
                "1794000000.5",
                "1794000000",
                "20261101 0130",
                "11-01-2026",
                "2-3-2026",
                "2026110 0130",
                "999999999999",
                "1000000000000",
                "12-31-1899",
                "2026111 930",  # greedy: the hour is 93
                "2026111 0930",
            ],
        ),
        (
            # parts that touch: strptime reads each number greedily, never giving a digit
            # back (1112026 is 11, 12 and the year 26; a backtracking regex found 1/11/2026)
            '["%m%d%Y", "%d%m%y"]',
            ["1112026", "11122026", "1122026", "112026", "01012026", "11126", "111226", "1226"],
        ),
    ],
)
def test_date_formats_read_alike(
    cli: Cli,
    write_sla,  # type: ignore[no-untyped-def]
    tmp_path: Path,
    formats: str,
    cells: list[str],
) -> None:
    """Each format as DuckDB reads it: epochs, two-digit years (69 is 1969, 68 is 2068),
    offsets, fractions beyond microseconds, impossible days, a naive time in a DST gap."""
    sla = write_sla(
        f"""
        version: 1
        name: formats
        leads:
          timezone: America/New_York
          date_formats: {formats}
          max_unreadable: 100%
        scoring:
          fit:
            rules:
              - {{name: recent, when: {{field: seen, within: 20d}}, points: 1}}
              - {{name: old, when: {{field: seen, older_than: 3650d}}, points: 2}}
          engagement:
            decay: {{half_life: 7d, since: seen}}
            rules:
              - {{name: base, points: 64}}
        """
    )
    export = tmp_path / "f.csv"
    with export.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["id", "seen"])
        w.writerows([f"c{i}", cell] for i, cell in enumerate(cells))
    script = compile_sql(cli, "--sla", sla, "--dialect", "duckdb", "--table", "t", "--as-of", AS_OF)
    con = duckdb.connect()
    text_table(con, "t", export, delim=",")
    got = [tuple(r) for r in con.execute(script).fetchall()]
    expected = scored(cli, sla, export)
    assert len({r[3] for r in expected}) > 3  # the decay tells the instants apart
    same(got, expected)  # type: ignore[arg-type]


def test_a_spark_script_says_which_setting_its_regexes_need(cli: Cli) -> None:
    """The regexes are written with backslashes: under escapedStringLiterals=true Spark would
    read each doubled and silently match something else (`--engine spark` sets it itself)."""
    header = compile_sql(
        cli, "--sla", SLA, "--dialect", "spark", "--table", "leads", "--as-of", AS_OF
    )
    assert "-- needs spark.sql.parser.escapedStringLiterals=false" in header.split("WITH", 1)[0]
    other = compile_sql(
        cli, "--sla", SLA, "--dialect", "postgres", "--table", "leads", "--as-of", AS_OF
    )
    assert "escapedStringLiterals" not in other


def test_a_bigquery_script_too_long_for_one_query_is_said(cli: Cli) -> None:
    """BigQuery takes at most 1,024K characters of query text: a calendar spanning years
    crosses it (the script is still printed, exit 0, and stderr says what makes it smaller)."""
    args = ("--sla", SLA, "--dialect", "bigquery", "--table", "leads", "--what", "goals")
    long = cli("compile", *args, "--as-of", AS_OF, "--from", "2020-01-01")
    assert long.exit_code == 0 and len(long.stdout) > 1024 * 1024
    assert "more than the 1,048,576 BigQuery takes" in long.stderr
    assert "--from/--to" in long.stderr
    short = cli("compile", *args, "--as-of", AS_OF)
    assert short.exit_code == 0 and len(short.stdout) <= 1024 * 1024
    assert short.stderr == ""

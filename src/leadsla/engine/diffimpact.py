"""`diff`: what a change of SLA does to one export. Each SLA's session writes its leads and
follow-up instances, keyed by physical line, to Parquet; one DuckDB then compares both sides
(nothing per lead becomes a Python object but the leads that move)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import sqlglot.expressions as exp

from leadsla.data.db import Connection, connect, one, rows, run
from leadsla.data.reader import Export
from leadsla.engine.deadlines import DEADLINES
from leadsla.engine.derive import Deriver
from leadsla.engine.sqlbuild import cast, col, sql
from leadsla.results import STATUSES, FollowUpImpact, MovedLead

REJECTED = "(rejected)"
"""The grade and qualification of a line one SLA could not read."""
NONE = "(none)"
"""The grade and qualification under an SLA without scoring."""
PAGE = 10_000
"""Moved leads read from the engine at a time."""


def _q(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


def _lines_table(export: Export) -> None:
    """`_diff_lines(_row, line)`: each good row's physical line in the file."""
    con, lines = export.con, export.lines
    if export.accounting.used == 0:
        run(con, "CREATE OR REPLACE TEMP TABLE _diff_lines (_row BIGINT, line BIGINT)")
    elif lines.simple and not lines.rejected_numbers:
        run(
            con,
            "CREATE OR REPLACE TEMP TABLE _diff_lines AS "
            f"SELECT rowid AS _row, rowid + {int(lines.offset)} AS line FROM leads",
        )
    else:
        found = lines.all_lines()
        run(
            con,
            "CREATE OR REPLACE TEMP TABLE _diff_lines AS "
            "SELECT i - 1 AS _row, CAST($1[i] AS BIGINT) AS line "
            "FROM range(1, len($1) + 1) t(i)",
            [found],
        )


def write_side(
    export: Export, folder: Path, side: str, deriver: Deriver | None, *, follow_up: bool
) -> None:
    """Write `side`_leads.parquet (line, id, grade, qualification, score; the rejected lines
    too) and `side`_follow_up.parquet (line, rule, status, due) into `folder`. `deriver`: the
    SLA's compiled scoring (None: the SLA scores nothing)."""
    con = export.con
    _lines_table(export)
    rejected = sorted({line for _i, line, _row in export.accounting.rejected_rows})
    run(con, "CREATE OR REPLACE TEMP TABLE _diff_rejected (line BIGINT)")
    if rejected:
        con.executemany("INSERT INTO _diff_rejected VALUES (?)", [(n,) for n in rejected])
    if deriver is not None:
        scored = exp.select(
            exp.column("_row"),
            exp.alias_(cast(exp.column("_lead"), "VARCHAR"), "id"),
            exp.alias_(col("grade"), "grade"),
            exp.alias_(col("qualification"), "qualification"),
            exp.alias_(cast(col("score"), "DOUBLE"), "score"),
        ).from_(deriver.derived().subquery("d"))
        good = (
            "SELECT l.line, s.id, s.grade, s.qualification, s.score "
            f"FROM ({sql(scored)}) s JOIN _diff_lines l ON s._row = l._row"
        )
    else:
        good = (
            f"SELECT l.line, CAST(x._id AS VARCHAR) AS id, '{NONE}' AS grade, "
            f"'{NONE}' AS qualification, CAST(NULL AS DOUBLE) AS score "
            "FROM (SELECT rowid AS _row, _id FROM leads) x JOIN _diff_lines l ON x._row = l._row"
        )
    run(
        con,
        f"COPY ({good} UNION ALL SELECT line, NULL, '{REJECTED}', '{REJECTED}', NULL "
        f"FROM _diff_rejected) TO {_q(folder / f'{side}_leads.parquet')} (FORMAT parquet)",
    )
    target = _q(folder / f"{side}_follow_up.parquet")
    if follow_up:
        run(
            con,
            "COPY (SELECT l.line, d.rule, d.status, d.due FROM "
            f"{DEADLINES} d JOIN _diff_lines l ON d._row = l._row) TO {target} (FORMAT parquet)",
        )
    else:
        run(
            con,
            "COPY (SELECT CAST(NULL AS BIGINT) AS line, CAST(NULL AS VARCHAR) AS rule, "
            "CAST(NULL AS VARCHAR) AS status, CAST(NULL AS TIMESTAMPTZ) AS due WHERE false) "
            f"TO {target} (FORMAT parquet)",
        )


class Comparison:
    """Both sides' Parquet files in one DuckDB."""

    def __init__(self, folder: Path) -> None:
        self.con: Connection = connect(folder)
        o, n = _q(folder / "old_leads.parquet"), _q(folder / "new_leads.parquet")
        run(
            self.con,
            f"""CREATE TEMP TABLE pairs AS SELECT
                  coalesce(o.line, n.line) AS line, coalesce(n.id, o.id) AS id,
                  coalesce(o.grade, '{REJECTED}') AS og, coalesce(n.grade, '{REJECTED}') AS ng,
                  coalesce(o.qualification, '{REJECTED}') AS oq,
                  coalesce(n.qualification, '{REJECTED}') AS nq,
                  o.score AS os, n.score AS ns
                FROM read_parquet({o}) o FULL OUTER JOIN read_parquet({n}) n USING (line)""",
        )
        fo, fn = _q(folder / "old_follow_up.parquet"), _q(folder / "new_follow_up.parquet")
        run(
            self.con,
            f"""CREATE TEMP TABLE fu AS SELECT coalesce(o.rule, n.rule) AS rule,
                  o.status AS os, n.status AS ns, o.due AS od, n.due AS nd,
                  o.line IS NOT NULL AS in_old, n.line IS NOT NULL AS in_new
                FROM read_parquet({fo}) o FULL OUTER JOIN read_parquet({fn}) n
                  ON o.line = n.line AND o.rule = n.rule""",
        )

    def close(self) -> None:
        self.con.close()

    def leads(self) -> int:
        """Data rows compared: lines read or rejected under either SLA."""
        return int(one(self.con, "SELECT count(*) FROM pairs")[0])

    def matrix(
        self, old: str, new: str, old_labels: list[str], new_labels: list[str]
    ) -> dict[str, dict[str, int]]:
        """Every old label x every new label, zeros included (REJECTED where it occurs)."""
        found = rows(self.con, f"SELECT {old}, {new}, count(*) FROM pairs GROUP BY ALL")
        row_labels = _labels(old_labels, [str(r[0]) for r in found])
        col_labels = _labels(new_labels, [str(r[1]) for r in found])
        out = {a: dict.fromkeys(col_labels, 0) for a in row_labels}
        for a, b, n in found:
            out[str(a)][str(b)] = int(n)
        return out

    def score_changed(self) -> int:
        return int(one(self.con, "SELECT count(*) FROM pairs WHERE os IS DISTINCT FROM ns")[0])

    def moved(self) -> Moved:
        return Moved(self.con)

    def follow_up(self, old_rules: list[str], new_rules: list[str]) -> list[FollowUpImpact]:
        found = {
            r[0]: r[1:]
            for r in rows(
                self.con,
                """SELECT rule,
                     count(*) FILTER (WHERE in_old AND in_new AND os <> ns),
                     count(*) FILTER (WHERE in_old AND in_new AND od IS DISTINCT FROM nd),
                     count(*) FILTER (WHERE in_old AND NOT in_new),
                     count(*) FILTER (WHERE in_new AND NOT in_old)
                   FROM fu GROUP BY rule""",
            )
        }
        counts: dict[tuple[str, str], dict[str, int]] = {}
        for side, column in (("old", "os"), ("new", "ns")):
            for rule, status, n in rows(
                self.con,
                f"SELECT rule, {column}, count(*) FROM fu WHERE {column} IS NOT NULL GROUP BY ALL",
            ):
                counts.setdefault((rule, side), dict.fromkeys(STATUSES, 0))[status] = int(n)
        out = []
        for rule in _labels(new_rules, [r for r in old_rules if r not in new_rules]):
            changed, due, only_old, only_new = found.get(rule, (0, 0, 0, 0))
            out.append(
                FollowUpImpact(
                    rule,
                    counts.get((rule, "old"), dict.fromkeys(STATUSES, 0)),
                    counts.get((rule, "new"), dict.fromkeys(STATUSES, 0)),
                    int(changed),
                    int(due),
                    int(only_old),
                    int(only_new),
                )
            )
        return out


class Moved:
    """The leads whose grade or qualification changes, in line order, read in pages."""

    SQL = (
        "SELECT id, line, og, oq, os, ng, nq, ns FROM pairs "
        "WHERE og <> ng OR oq <> nq ORDER BY line"
    )

    def __init__(self, con: Connection) -> None:
        self.con = con

    def count(self) -> int:
        return int(one(self.con, "SELECT count(*) FROM pairs WHERE og <> ng OR oq <> nq")[0])

    def head(self, n: int) -> list[MovedLead]:
        return [_lead(r) for r in rows(self.con, f"{self.SQL} LIMIT ?", [n])]

    def json_lines(self) -> Iterator[list[str]]:
        cursor = self.con.execute(self.SQL)
        while page := cursor.fetchmany(PAGE):
            yield [_json(_lead(r)) for r in page]


def _lead(r: tuple[Any, ...]) -> MovedLead:
    return MovedLead(
        r[0],
        int(r[1]),
        {"grade": r[2], "qualification": r[3], "score": _num(r[4])},
        {"grade": r[5], "qualification": r[6], "score": _num(r[7])},
    )


def _json(m: MovedLead) -> str:
    doc = {"id": m.id, "line": m.line, "old": m.old, "new": m.new}
    return json.dumps(doc, ensure_ascii=False, separators=(",", ":"))


def _labels(known: list[str], found: list[str]) -> list[str]:
    out = list(dict.fromkeys(known))
    for f in found:
        if f not in out:
            out.append(f)
    return out


def _num(v: Any) -> float | int | None:
    if v is None:
        return None
    f = float(v)
    return int(f) if f.is_integer() else f

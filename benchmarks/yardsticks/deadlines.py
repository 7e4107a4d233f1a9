"""Yardstick for `leadsla check-deadlines`: the hand-written DuckDB query and each format.

    python benchmarks/yardsticks/deadlines.py SHAPE FILE [table|json|csv] [--status all]

Reads and scores the export as score.py does (the first rule needs the qualification and the
grade), opens one instance per lead and follow-up rule, finds each one's effective start, due
time and stop with as-of joins into a table of business windows (lunch break, Saturdays,
national and São Paulo holidays), and its status and business minutes; then writes the
counts per status, rule, owner and team, and the items (breached and at-risk, or all), worst
first: `json` and `csv` by DuckDB's COPY (stamps ISO 8601 with the zone's offset), `table`
the 200 worst.
"""

from __future__ import annotations

import sys

from common import (
    AS_OF,
    ITEM,
    ORDER,
    STATUSES,
    account,
    connect,
    copy_out,
    counts,
    deadlines,
    derive,
    dump,
    emit,
    lit,
    read,
    say_summary,
    shape_of,
)  # fmt: skip

SAFE = r"CASE WHEN regexp_matches({c}, '^[=+\-@\t\r]') THEN '''' || {c} ELSE {c} END"


def main() -> None:
    shape, path, rest = shape_of(sys.argv)
    fmt = rest[0] if rest and not rest[0].startswith("--") else "table"
    statuses = list(STATUSES) if "all" in rest else ["breached", "at_risk"]
    con = connect()
    read(con, shape, path)
    summary = account(con, shape, path)
    derive(con, shape)
    deadlines(con, shape)
    say_summary(path, summary)
    total = counts(con, None)
    total_counts = total[0][1] if total else {s: 0 for s in STATUSES}
    zero = {s: 0 for s in STATUSES}
    by_rule = {k: (c, p) for k, c, p in counts(con, "rule")}
    doc = {
        "leadsla_version": "yardstick", "as_of": AS_OF,
        "summary": {"counts": total_counts, "fail_on": "breached", "failing": total_counts["breached"],
                    "fields": summary["fields"]},
        "rules": [{"id": r.id, "team": r.team, "counts": by_rule.get(r.id, (zero, None))[0],
                   "compliance": by_rule.get(r.id, (zero, None))[1]} for r in shape.rules],
        "owners": [{"owner": k, "counts": c, "compliance": p} for k, c, p in counts(con, "owner")],
        "teams": [{"team": k, "counts": c, "compliance": p} for k, c, p in counts(con, "team")],
    }  # fmt: skip
    where = f"status IN ({', '.join(lit(s) for s in statuses)})"
    items = f"SELECT {ITEM} FROM dl WHERE {where} ORDER BY {ORDER}"
    if fmt == "json":
        emit(dump(doc)[:-1] + ', "items": ')
        copy_out(con, items, "json")
        emit("}\n")
    elif fmt == "csv":
        safe = ", ".join(f"{SAFE.format(c=c)} AS {c}" for c in ("lead", "owner"))
        copy_out(con, f"SELECT * REPLACE ({safe}) FROM ({items})", "csv")
    else:
        lines = ["  ".join(str(v) for v in r) for r in con.execute(items + " LIMIT 200").fetchall()]
        for part in ("rules", "owners", "teams"):
            lines += [dump(e) for e in doc[part]]  # type: ignore[attr-defined]
        lines.append(dump(doc["summary"]["counts"]))  # type: ignore[index]
        emit("\n".join(lines) + "\n")
    sys.exit(1 if total_counts["breached"] else 0)


if __name__ == "__main__":
    main()

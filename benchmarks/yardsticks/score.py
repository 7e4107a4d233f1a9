"""Yardstick for `leadsla score`: the hand-written DuckDB query and output of each format.

    python benchmarks/yardsticks/score.py SHAPE FILE [table|json|csv|output OUT]

Reads the export (typing only the fields the SLA uses), counts the rows and the unreadable
cells per field, scores every lead (fit, grade, engagement with decay, score, qualification,
funnel stage) and writes: `table` the grade x qualification counts, the top 10 leads (MQLs,
then not qualified, by score, then id) and the hand-off audit (engagement judged at each
lead's hand-off); `json` the summary then every lead, in export order, written by DuckDB's COPY;
`csv` every lead by COPY; `output` the export back with the `sla_` columns, by COPY (then
re-encoded to the export's encoding), written to a temporary file and renamed.
"""

from __future__ import annotations

import codecs
import os
import shutil
import sys

from common import (
    AS_OF,
    account,
    connect,
    copy_out,
    derive,
    dump,
    emit,
    read,
    say_summary,
    shape_of,
)

LEADS = """SELECT lead AS id, fit, grade, engagement, score, qualification, reason, funnel_stage
           FROM s ORDER BY _row"""
TOP = """SELECT lead AS id, fit, grade, engagement, score, qualification, reason, funnel_stage
         FROM s WHERE qualification <> 'disqualified'
         ORDER BY qualification <> 'mql', score DESC, lead, _row LIMIT 10"""
SAFE_ID = r"CASE WHEN regexp_matches(id, '^[=+\-@\t\r]') THEN '''' || id ELSE id END"


def summarise(con, shape, summary):  # type: ignore[no-untyped-def]
    cells = con.execute(
        "SELECT grade, qualification, count(*) FROM s GROUP BY ALL ORDER BY ALL"
    ).fetchall()
    grades, quals = ["A", "B", "C", "D"], ["mql", "not_qualified", "disqualified"]
    table = {g: {q: 0 for q in quals} for g in grades}
    for g, q, n in cells:
        table[g][q] = n
    summary["by_grade"] = {g: sum(table[g].values()) for g in grades}
    summary["by_qualification"] = {q: sum(table[g][q] for g in grades) for q in quals}
    summary["by_grade_and_qualification"] = table
    handoff = next(s for s in shape.stages if s[0] == "mql")[1]
    # judged when handed off: engagement decayed to the hand-off (none for activity after it)
    at_handoff = f"""least(100, {shape.engagement}) * CASE
        WHEN last_activity_at IS NULL OR last_activity_at > {handoff} THEN 1
        ELSE pow(0.5, (epoch({handoff}) - epoch(last_activity_at)) / (30 * 86400)) END"""
    judged = f"reason IS NULL AND fit >= 30 AND {at_handoff} >= 25"
    nq, nh = con.execute(
        f"""SELECT list(lead ORDER BY _row) FILTER (WHERE {handoff} IS NOT NULL AND NOT ({judged})),
                   list(lead ORDER BY _row) FILTER (WHERE {handoff} IS NULL AND qualification = 'mql') FROM s"""
    ).fetchone()
    summary["handoff"] = {
        "stage": "mql",
        "judged_at": "handoff",
        "not_qualified": nq or [],
        "not_handed_off": nh or [],
    }
    summary["stage_mismatch"] = [
        {"id": i, "crm_stage": c, "crm_stage_id": ci, "funnel_stage": f}
        for i, c, ci, f in con.execute(
            """SELECT lead, crm_stage, crm_stage_id, funnel_stage FROM s
               WHERE crm_stage IS NOT NULL AND crm_stage_id IS DISTINCT FROM funnel_stage ORDER BY _row"""
        ).fetchall()
    ]
    return summary


def output(con, shape, path: str, out: str) -> None:  # type: ignore[no-untyped-def]
    def num(c: str) -> str:
        return (
            f"replace(printf('%.1f', {c}), '.', '{shape.decimal}')"
            if shape.decimal != "."
            else f"printf('%.1f', {c})"
        )

    tmp = out + ".tmp"
    con.execute(
        f"""COPY (SELECT raw.* EXCLUDE (_row), {num("fit")} AS sla_fit, grade AS sla_grade, {num("engagement")} AS sla_engagement,
                       {num("score")} AS sla_score, qualification AS sla_qualification, reason AS sla_reason
                FROM raw JOIN s USING (_row) ORDER BY _row)
            TO '{tmp}' (FORMAT CSV, HEADER, DELIMITER '{shape.delimiter}')"""
    )
    if shape.bom or shape.encoding != "utf-8":
        with open(tmp, "rb") as src, open(tmp + "2", "wb") as dst:
            if shape.bom:
                dst.write(codecs.BOM_UTF8)
                shutil.copyfileobj(src, dst, 1 << 20)
            else:
                decoder = codecs.getincrementaldecoder("utf-8")()
                while chunk := src.read(1 << 22):
                    dst.write(decoder.decode(chunk).encode(shape.encoding))
        os.replace(tmp + "2", tmp)
    with open(tmp, "rb+") as f:
        os.fsync(f.fileno())
    os.replace(tmp, out)


def main() -> None:
    shape, path, rest = shape_of(sys.argv)
    fmt = rest[0] if rest else "table"
    con = connect()
    read(con, shape, path, keep_raw=fmt == "output")
    summary = account(con, shape, path)
    derive(con, shape)
    say_summary(path, summary)
    if fmt == "output":
        output(con, shape, path, rest[1])
        return
    summary = summarise(con, shape, summary)
    if fmt == "json":
        emit(
            f'{{"leadsla_version": "yardstick", "as_of": "{AS_OF}", "summary": {dump(summary)}, "leads": '
        )
        copy_out(con, LEADS, "json")
        emit("}\n")
    elif fmt == "csv":
        copy_out(con, f"SELECT * REPLACE ({SAFE_ID} AS id) FROM ({LEADS})", "csv")
    else:
        lines = [f"{g}: {row}" for g, row in summary["by_grade_and_qualification"].items()]
        lines += ["  ".join(str(v) for v in r) for r in con.execute(TOP).fetchall()]
        for k in ("not_qualified", "not_handed_off"):
            ids = summary["handoff"][k]
            lines.append(f"{k}: {len(ids):,}  {', '.join(ids[:10])}")
        mm = summary["stage_mismatch"]
        lines.append(
            f"stage mismatch: {len(mm):,}  "
            + ", ".join(f"{m['id']} ({m['crm_stage']} != {m['funnel_stage']})" for m in mm[:10])
        )
        emit("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()

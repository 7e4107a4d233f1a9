"""Yardstick for `leadsla report`: the goals per week, the funnel and follow-up compliance.

    python benchmarks/yardsticks/report.py SHAPE FILE [json|html]

Reads, scores and follows up the export as deadlines.py does, then computes for each of the
8 weeks up to the as-of time every goal of the SLA (MQL count without the disqualified,
first contacts, MQL-to-SQL conversion within 30 days, median business minutes from MQL to
first contact, first-contact compliance) with its size, the funnel (leads created since the
first week, how many reached each stage, conversion between steps) and compliance per rule
and owner since the first week. It writes them as JSON or as a plain HTML page of tables.
The verdicts leadsla adds (met, maturing, projection and pace of the current week, the
trend) are not computed: a few Python comparisons over these values.
"""

from __future__ import annotations

import html
import sys
from datetime import date, timedelta

from common import (
    AS_OF,
    AS_OF_SQL,
    STATUSES,
    account,
    connect,
    counts,
    deadlines,
    derive,
    dump,
    emit,
    read,
    say_summary,
    shape_of,
)  # fmt: skip

WEEKS = 8


def main() -> None:
    shape, path, rest = shape_of(sys.argv)
    fmt = rest[0] if rest else "json"
    con = connect()
    read(con, shape, path)
    summary = account(con, shape, path)
    derive(con, shape)
    deadlines(con, shape)
    say_summary(path, summary)
    as_of_day = date.fromisoformat(AS_OF[:10])
    monday = as_of_day - timedelta(days=as_of_day.weekday())
    starts = [monday - timedelta(weeks=k) for k in range(WEEKS - 1, -1, -1)]
    con.execute("CREATE TABLE p AS SELECT unnest(?::DATE[]) AS d", [starts])
    con.execute(
        """CREATE TABLE p2 AS SELECT strftime(d, '%G-W%V') AS label, timezone('America/Sao_Paulo', d::TIMESTAMP) AS p_start,
                  timezone('America/Sao_Paulo', (d + 7)::TIMESTAMP) AS p_end FROM p"""
    )
    # business seconds of the two stamps of the response time, through the windows table
    con.execute(
        """CREATE TABLE rt AS
           WITH x AS (SELECT _row, mql_at, first_contact_at FROM s WHERE first_contact_at >= mql_at),
           a AS (SELECT x._row, w.before + least(epoch(x.mql_at) - epoch(w.w_start), w.len) AS pa FROM x ASOF LEFT JOIN w ON x.mql_at >= w.w_start),
           b AS (SELECT x._row, w.before + least(epoch(x.first_contact_at) - epoch(w.w_start), w.len) AS pb FROM x ASOF LEFT JOIN w ON x.first_contact_at >= w.w_start)
           SELECT x.mql_at, (coalesce(pb, 0) - coalesce(pa, 0)) / 60.0 AS minutes FROM x JOIN a USING (_row) JOIN b USING (_row)"""
    )
    goals = con.execute(
        f"""SELECT label, iso(p_start), iso(p_end), p_end <= {AS_OF_SQL},
              (SELECT count(*) FROM s WHERE mql_at >= p_start AND mql_at < p_end AND qualification <> 'disqualified'),
              (SELECT count(*) FROM s WHERE first_contact_at >= p_start AND first_contact_at < p_end),
              (SELECT [count_if(sql_at >= mql_at AND sql_at <= mql_at + INTERVAL 30 DAY), count(*)] FROM s WHERE mql_at >= p_start AND mql_at < p_end),
              (SELECT [quantile_cont(minutes, 0.5), count(*)] FROM rt WHERE mql_at >= p_start AND mql_at < p_end),
              (SELECT [count_if(status = 'met'), count(*)] FROM dl WHERE rule_idx = 0 AND start >= p_start AND start < p_end
                                                                    AND status IN ('met', 'met_late', 'breached'))
            FROM p2 ORDER BY p_start"""
    ).fetchall()
    periods = []
    for label, start, end, complete, mqls, contacts, conv, median, comp in goals:
        share = lambda pair: (pair[0] / pair[1] if pair[1] else None, pair[1])  # noqa: E731
        values = [("mql-volume", mqls, mqls), ("contacts", contacts, contacts), ("mql-to-sql", *share(conv)),
                  ("response-time", median[0] if median[1] else None, median[1]), ("first-contact-on-time", *share(comp))]  # fmt: skip
        periods.append({"label": label, "start": start, "end": end, "complete": complete,
                        "goals": [{"id": i, "value": v, "size": n} for i, v, n in values]})  # fmt: skip
    first = f"TIMESTAMPTZ '{starts[0]} 00:00:00-03:00'"
    steps = [(sid, e, o) for sid, e, o, _ in shape.stages]
    reached = con.execute(
        "SELECT "
        + ", ".join(f"count({e})" for _, e, _ in steps)
        + f" FROM s WHERE created_at >= {first}"
    ).fetchone()
    funnel, previous = [], None
    for (sid, _, outcome), n in zip(steps, reached or [], strict=True):
        conversion = n / previous if outcome is None and previous else None
        funnel.append({"stage": sid, "outcome": outcome, "reached": n, "conversion": conversion})
        previous = n if outcome is None else previous
    since = f"start >= {first}"
    zero = {s: 0 for s in STATUSES}
    by_rule = {k: (c, p) for k, c, p in counts(con, "rule", since)}
    compliance = {
        "rules": [{"id": r.id, "team": r.team, "counts": by_rule.get(r.id, (zero, None))[0],
                   "compliance": by_rule.get(r.id, (zero, None))[1]} for r in shape.rules],
        "owners": [{"owner": k, "counts": c, "compliance": p} for k, c, p in counts(con, "owner", since)],
    }  # fmt: skip
    doc = {"leadsla_version": "yardstick", "as_of": AS_OF, "period": "week", "periods": periods,
           "funnel": funnel, "compliance": compliance, "summary": {"fields": summary["fields"]}}  # fmt: skip
    if fmt == "json":
        emit(dump(doc) + "\n")
        return
    out = ["<!doctype html><html><head><meta charset='utf-8'><title>report</title></head><body>"]
    for p in periods:
        out.append(f"<h2>{html.escape(p['label'])}</h2><table>")
        out += [
            f"<tr><td>{html.escape(g['id'])}</td><td>{g['value']}</td><td>{g['size']}</td></tr>"
            for g in p["goals"]
        ]
        out.append("</table>")
    out.append(
        "<table>"
        + "".join(
            f"<tr><td>{f['stage']}</td><td>{f['reached']}</td><td>{f['conversion']}</td></tr>"
            for f in funnel
        )
        + "</table>"
    )
    for part in ("rules", "owners"):
        out.append(
            "<table>"
            + "".join(f"<tr><td>{html.escape(dump(e))}</td></tr>" for e in compliance[part])
            + "</table>"
        )
    emit("\n".join(out) + "</body></html>\n")


if __name__ == "__main__":
    main()

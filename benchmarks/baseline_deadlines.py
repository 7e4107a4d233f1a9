"""A hand-written DuckDB pass that does what `leadsla check-deadlines` does with the example SLA:
read the export, qualify the leads the first rule needs, open one instance per lead and
follow-up rule (three rules, business time with Brazilian holidays), find due dates and
statuses with as-of joins into a table of business windows, and count per rule and owner.

    python benchmarks/baseline_deadlines.py FILE
"""

from __future__ import annotations

import sys
import time
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import duckdb
import holidays

ZONE = ZoneInfo("America/Sao_Paulo")
AS_OF = datetime(2026, 11, 20, 12, 0, tzinfo=ZONE)
HOURS = {0: [(9, 12), (13, 18)], 1: [(9, 12), (13, 18)], 2: [(9, 12), (13, 18)], 3: [(9, 12), (13, 18)],
         4: [(9, 12), (13, 18)], 5: [(9, 13)], 6: []}  # fmt: skip


def windows(
    first: date, last: date
) -> tuple[list[tuple[datetime, datetime, int, int, int]], list[tuple[int, datetime, int]]]:
    off = set(holidays.country_holidays("BR", subdiv="SP", years=range(first.year, last.year + 1)))
    off |= {date(2026, 12, 24), date(2026, 12, 31), date(2027, 2, 8), date(2027, 2, 9)}
    out, days, before, day = [], [], 0, first
    while day <= last:
        hours = (
            [(9, 12)] if day == date(2026, 12, 23) else ([] if day in off else HOURS[day.weekday()])
        )
        for a, b in hours:
            start = datetime(day.year, day.month, day.day, a, tzinfo=ZONE).astimezone(UTC)
            end = datetime(day.year, day.month, day.day, b, tzinfo=ZONE).astimezone(UTC)
            out.append((start, end, before, int((end - start).total_seconds()), len(days)))
            before += int((end - start).total_seconds())
        if hours:
            days.append((len(days), out[-1][1], before))
        day += timedelta(days=1)
    return out, days


def ts(col: str) -> str:
    c = f"nullif(trim(\"{col}\"), '')"
    return f"coalesce(timezone('America/Sao_Paulo', try_strptime({c}, ['%d/%m/%Y %H:%M', '%d/%m/%Y'])), try_cast({c} AS TIMESTAMPTZ))"


def num(col: str) -> str:
    return f"try_cast(replace(replace(trim(\"{col}\"), '.', ''), ',', '.') AS DOUBLE)"


def main() -> None:
    started = time.perf_counter()
    con = duckdb.connect()
    con.execute("SET TimeZone = 'UTC'").fetchall()
    win, days = windows(date(2026, 6, 20), date(2027, 1, 31))
    con.execute(
        "CREATE TABLE w(w_start TIMESTAMPTZ, w_end TIMESTAMPTZ, before BIGINT, len BIGINT, day BIGINT)"
    ).fetchall()
    con.executemany("INSERT INTO w VALUES (?, ?, ?, ?, ?)", win)
    con.execute("CREATE TABLE d(idx BIGINT, close TIMESTAMPTZ, close_pos BIGINT)").fetchall()
    con.executemany("INSERT INTO d VALUES (?, ?, ?)", days)
    as_of = f"TIMESTAMPTZ '{AS_OF.isoformat()}'"
    con.execute(
        f"""CREATE TABLE l AS SELECT ID AS id, nullif(trim("Dono do Lead"), '') AS owner,
              lower(trim(Email)) AS email, trim(Cargo) AS job_title, {num("Funcionários")} AS size, lower(trim(Setor)) AS industry,
              {ts("Data de qualificação")} AS mql_at, {ts("Primeiro contato")} AS first_contact_at, {ts("Data SQL")} AS sql_at,
              {ts("Data da perda")} AS lost_at, {ts("Data de devolução")} AS recycled_at, {ts("Última atividade")} AS last_activity_at
            FROM read_csv(?, delim=';', header=true, all_varchar=true)""",
        [sys.argv[1]],
    ).fetchall()
    con.execute(
        f"""CREATE TABLE i AS
        WITH q AS (
          SELECT *, (CASE WHEN regexp_matches(job_title, '(head|diretora?|director|vp|ceo|cmo|founder|fundador|gerente|coordenador)', 'i') THEN 25 ELSE 0 END
                   + CASE WHEN size BETWEEN 50 AND 1000 THEN 20 ELSE 0 END
                   + CASE WHEN industry IN ('saas', 'software', 'tecnologia') THEN 15 ELSE 0 END
                   + CASE WHEN email LIKE '%@gmail.com' OR email LIKE '%@hotmail.com' OR email LIKE '%@yahoo.com.br' THEN -15 ELSE 0 END) AS fit,
                 (email LIKE '%@concorrente.com.br' OR regexp_matches(job_title, 'student|estudante|estagi', 'i')) AS disq
          FROM l)
        SELECT 'first-contact' AS rule, id, owner, mql_at AS start, least(first_contact_at, recycled_at, lost_at) AS stop,
               CASE WHEN fit >= 50 THEN 3600 ELSE 14400 END AS target_s, NULL::INT AS target_d
        FROM q WHERE NOT disq AND mql_at IS NOT NULL AND mql_at <= {as_of}
        UNION ALL SELECT 'accept-or-return', id, owner, mql_at, least(sql_at, recycled_at, lost_at), NULL, 2 FROM l WHERE mql_at <= {as_of}
        UNION ALL SELECT 'renurture', id, owner, recycled_at, last_activity_at, NULL, 5 FROM l WHERE recycled_at <= {as_of}"""
    ).fetchall()
    p_asof = con.execute(
        f"SELECT before + least(epoch({as_of}) - epoch(w_start), len) FROM w WHERE w_start <= {as_of} ORDER BY w_start DESC LIMIT 1"
    ).fetchall()[0][0]
    con.execute(
        f"""CREATE TABLE r AS
        WITH s AS (SELECT i.*, w.before + least(epoch(i.start) - epoch(w.w_start), w.len) AS p_start,
                          CASE WHEN i.start < w.w_end THEN w.day ELSE w.day + 1 END AS d_start
                   FROM i ASOF JOIN w ON i.start >= w.w_start),
             m AS (SELECT s.*, coalesce(w.w_start + to_seconds(s.p_start + s.target_s - w.before), d.close) AS due,
                          coalesce(s.p_start + s.target_s, d.close_pos) AS p_due
                   FROM s ASOF LEFT JOIN w ON s.p_start + s.target_s > w.before LEFT JOIN d ON d.idx = s.d_start + s.target_d)
        SELECT rule, owner, CASE WHEN stop IS NOT NULL AND stop >= start AND stop <= {as_of}
                                 THEN CASE WHEN stop <= due THEN 'met' ELSE 'met_late' END
                                 WHEN {as_of} >= due THEN 'breached'
                                 WHEN rule = 'first-contact' AND ({p_asof} - p_start) >= 0.75 * (p_due - p_start) THEN 'at_risk'
                                 ELSE 'on_track' END AS status
        FROM m"""
    ).fetchall()
    by_rule = con.execute(
        "SELECT rule, status, count(*) FROM r GROUP BY ALL ORDER BY ALL"
    ).fetchall()
    by_owner = con.execute(
        "SELECT owner, status, count(*) FROM r GROUP BY ALL ORDER BY ALL"
    ).fetchall()
    breached = con.execute("SELECT count(*) FROM r WHERE status = 'breached'").fetchall()[0][0]
    print(
        f"{len(by_rule)} rule x status cells, {len(by_owner)} owner x status cells, {breached:,} breached"
    )
    print(f"{time.perf_counter() - started:.2f}s", file=sys.stderr)


if __name__ == "__main__":
    main()

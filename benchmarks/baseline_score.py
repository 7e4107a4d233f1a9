"""A hand-written DuckDB query that does what `leadsla score` does on the example SLA's export:
read the CSV, parse the cells it uses, compute fit, grade, engagement, score, qualification and
funnel stage for every lead, and count them by grade and qualification. Written the way a
careful analyst would, for the benchmark's "2x the hand-written query" yardstick.

    python benchmarks/baseline_score.py FILE
"""

from __future__ import annotations

import sys
import time

import duckdb

AS_OF = "TIMESTAMPTZ '2026-11-20 12:00:00-03:00'"
ZONE = "'America/Sao_Paulo'"


def ts(col: str) -> str:
    c = f"nullif(trim(\"{col}\"), '')"
    return (
        f"coalesce(timezone({ZONE}, try_strptime({c}, ['%d/%m/%Y %H:%M', '%d/%m/%Y'])),"
        f" try_cast({c} AS TIMESTAMPTZ))"
    )


def num(col: str) -> str:
    return f"try_cast(replace(replace(trim(\"{col}\"), '.', ''), ',', '.') AS DOUBLE)"


QUERY = f"""
CREATE TABLE scored AS
WITH t AS (
  SELECT ID AS id, lower(trim(Email)) AS email, trim(Cargo) AS job_title, {num("Funcionários")} AS company_size,
         lower(trim(Setor)) AS industry, lower(trim(Origem)) AS source,
         {ts("Data de criação")} AS created_at, {ts("Data de qualificação")} AS mql_at, {ts("Data SQL")} AS sql_at,
         {ts("Data da oportunidade")} AS opportunity_at, {ts("Data da venda")} AS won_at, {ts("Data da perda")} AS lost_at,
         {ts("Data de devolução")} AS recycled_at, {ts("Última atividade")} AS last_activity_at,
         {num("Aberturas de e-mail")} AS email_opens, {num("Visitas à página de preços")} AS pricing_page_views,
         lower(trim("Pediu demonstração")) IN ('sim', 's', 'x', '1', 'true', 'yes') AS demo_requested
  FROM read_csv(?, delim=';', header=true, all_varchar=true)
), s AS (
  SELECT *,
    (CASE WHEN regexp_matches(job_title, '(head|diretora?|director|vp|ceo|cmo|founder|fundador|gerente|coordenador)', 'i') THEN 25 ELSE 0 END
     + CASE WHEN company_size BETWEEN 50 AND 1000 THEN 20 ELSE 0 END
     + CASE WHEN industry IN ('saas', 'software', 'tecnologia') THEN 15 ELSE 0 END
     + CASE WHEN email LIKE '%@gmail.com' OR email LIKE '%@hotmail.com' OR email LIKE '%@yahoo.com.br' THEN -15 ELSE 0 END)::DOUBLE AS fit,
    least(100, least(10, 2 * coalesce(email_opens, 0))
      + CASE WHEN pricing_page_views >= 1 THEN 15 ELSE 0 END
      + CASE WHEN demo_requested THEN 40 ELSE 0 END
      + CASE WHEN source = 'indicação' THEN 10 ELSE 0 END)
      * CASE WHEN last_activity_at IS NULL OR last_activity_at > {AS_OF} THEN 1
             ELSE pow(0.5, (epoch({AS_OF}) - epoch(last_activity_at)) / (30 * 86400)) END AS engagement,
    greatest(created_at, mql_at, sql_at, opportunity_at, won_at, lost_at, recycled_at) AS latest
  FROM t
)
SELECT id, fit, CASE WHEN fit >= 50 THEN 'A' WHEN fit >= 30 THEN 'B' WHEN fit >= 15 THEN 'C' ELSE 'D' END AS grade,
       engagement, fit + engagement AS score,
       CASE WHEN email LIKE '%@concorrente.com.br' OR regexp_matches(job_title, 'student|estudante|estagi', 'i') THEN 'disqualified'
            WHEN fit >= 30 AND engagement >= 25 THEN 'mql' ELSE 'not_qualified' END AS qualification,
       CASE latest WHEN recycled_at THEN 'recycled' WHEN lost_at THEN 'lost' WHEN won_at THEN 'customer'
                   WHEN opportunity_at THEN 'opportunity' WHEN sql_at THEN 'sql' WHEN mql_at THEN 'mql'
                   WHEN created_at THEN 'lead' END AS funnel_stage
FROM s
"""


def main() -> None:
    start = time.perf_counter()
    con = duckdb.connect()
    con.execute("SET TimeZone = 'UTC'").fetchall()
    con.execute(QUERY, [sys.argv[1]]).fetchall()
    rows = con.execute(
        "SELECT grade, qualification, count(*) FROM scored GROUP BY ALL ORDER BY ALL"
    ).fetchall()
    top = con.execute("SELECT id, score FROM scored ORDER BY score DESC LIMIT 10").fetchall()
    print(
        f"{sum(r[2] for r in rows):,} leads, {len(rows)} grade x qualification cells, top {top[0]}"
    )
    print(f"{time.perf_counter() - start:.2f}s", file=sys.stderr)


if __name__ == "__main__":
    main()

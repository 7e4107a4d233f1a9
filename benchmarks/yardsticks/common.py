"""What every yardstick shares: the hand-written DuckDB reading of each export shape, the SLA's
scoring and funnel written out as SQL, the business calendar and the follow-up deadlines.

A yardstick is what a careful analyst who knows the export and the SLA would write by hand in
DuckDB to get the same answer as leadsla: it types only the cells of the fields the SLA uses,
with the one format each column holds (no format detection, no per-cell fallbacks leadsla
must carry for any export), and counts the same things leadsla accounts for: rows, rejected
rows, non-blank and unreadable cells per field, duplicate ids. The SLAs are
examples/sla.yaml (shape `example`) and benchmarks/slas/{hubspot,rd}.yaml; keep them in step
with SHAPES below.
"""

from __future__ import annotations

import json
import os
import shutil
import stat
import sys
import tempfile
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import duckdb

AS_OF = "2026-11-20T12:00:00-03:00"
ZONE = "America/Sao_Paulo"
EFFECTIVE = "2026-07-01 00:00:00-03:00"
AS_OF_SQL = f"TIMESTAMPTZ '{AS_OF}'"
BLANKS = "('', 'n/a', 'na', 'null', '-')"
TRUE = "('true', 'yes', 'y', 'sim', 's', '1', 'x', 'verdadeiro')"
FALSE = "('false', 'no', 'n', 'não', 'nao', '0', 'falso')"
STATUSES = ("breached", "at_risk", "on_track", "met_late", "met")


def q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def lit(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


@dataclass(frozen=True)
class Rule:
    id: str
    team: str
    start: str
    stops: tuple[str, ...]
    seconds: int | None = None  # a target in business seconds ...
    days: int | None = None  # ... or business days
    when: str | None = None  # SQL over the derived leads
    tier: tuple[str, int] | None = None  # (condition, seconds)
    early_met: bool = False
    risk_share: float | None = None
    risk_left_s: int | None = None


@dataclass(frozen=True)
class Shape:
    name: str
    read: str  # read_csv options after the path
    fields: dict[str, tuple[str, str]]  # field -> (header, kind: text|ts|num|bool)
    ts: str  # SQL template for a timestamp cell `{c}` (trimmed, not blank)
    num: str  # ... for a number cell
    fit: str  # SQL over the typed fields
    engagement: str  # before the cap and the decay
    disqualify: list[tuple[str, str]]  # (reason, condition)
    stages: list[tuple[str, str, str | None, list[str]]]  # (id, entered, outcome, values)
    rules: list[Rule]
    decimal: str = "."
    encoding: str = "utf-8"  # of --output
    bom: bool = False
    delimiter: str = ","
    id_field: str = "id"


FIRST_CONTACT = dict(
    id="first-contact", team="sales", start="mql_at", seconds=4 * 3600,
    when="qualification <> 'disqualified'", tier=("grade = 'A'", 3600), early_met=True,
    risk_share=0.75,
)  # fmt: skip

_ISO_OFFSET = "coalesce(timezone('{zone}', try_strptime({c}, ['%d/%m/%Y %H:%M', '%d/%m/%Y'])), try_cast(replace({c}, ' -', '-') AS TIMESTAMPTZ))"
# `.` groups thousands only between groups of three digits: `2.5` is not a number here
_COMMA_NUM = r"CASE WHEN regexp_full_match({c}, '[+-]?(\d{{1,3}}(\.\d{{3}})+|\d+)(,\d+)?') THEN CAST(replace(replace({c}, '.', ''), ',', '.') AS DOUBLE) END"

SHAPES: dict[str, Shape] = {
    "example": Shape(
        name="example",
        read="delim=';', quote='\"', escape='\"', header=true, all_varchar=true",
        fields={
            "id": ("ID", "text"),
            "email": ("Email", "text"),
            "job_title": ("Cargo", "text"),
            "company_size": ("Funcionários", "num"),
            "industry": ("Setor", "text"),
            "source": ("Origem", "text"),
            "owner": ("Dono do Lead", "text"),
            "crm_stage": ("Estágio no funil", "text"),
            "created_at": ("Data de criação", "ts"),
            "mql_at": ("Data de qualificação", "ts"),
            "first_contact_at": ("Primeiro contato", "ts"),
            "sql_at": ("Data SQL", "ts"),
            "opportunity_at": ("Data da oportunidade", "ts"),
            "won_at": ("Data da venda", "ts"),
            "lost_at": ("Data da perda", "ts"),
            "recycled_at": ("Data de devolução", "ts"),
            "recycle_reason": ("Motivo da devolução", "text"),
            "last_activity_at": ("Última atividade", "ts"),
            "email_opens": ("Aberturas de e-mail", "num"),
            "pricing_page_views": ("Visitas à página de preços", "num"),
            "demo_requested": ("Pediu demonstração", "bool"),
        },
        ts=_ISO_OFFSET,
        num=_COMMA_NUM,
        fit="""CASE WHEN regexp_matches(job_title, '(head|diretora?|director|vp|ceo|cmo|cto|cfo|coo|founder|fundador|s[óo]ci[oa]|propriet[áa]ri[oa]|presidente|gerente|manager|coordenador)', 'i') THEN 25 ELSE 0 END
             + CASE WHEN company_size BETWEEN 50 AND 1000 THEN 20 ELSE 0 END
             + CASE WHEN lower(industry) IN ('saas', 'software', 'tecnologia', 'ti', 'tecnologia da informação') THEN 15 ELSE 0 END
             + CASE WHEN suffix(lower(email), '@gmail.com') OR suffix(lower(email), '@hotmail.com') OR suffix(lower(email), '@outlook.com')
                      OR suffix(lower(email), '@live.com') OR suffix(lower(email), '@yahoo.com.br') OR suffix(lower(email), '@uol.com.br')
                      OR suffix(lower(email), '@bol.com.br') OR suffix(lower(email), '@terra.com.br') OR suffix(lower(email), '@icloud.com') THEN -15 ELSE 0 END""",
        engagement="""least(10, greatest(-10, 2 * coalesce(email_opens, 0)))
             + CASE WHEN pricing_page_views >= 1 THEN 15 ELSE 0 END
             + CASE WHEN demo_requested THEN 40 ELSE 0 END
             + CASE WHEN lower(source) = 'indicação' THEN 10 ELSE 0 END""",
        disqualify=[
            ("competitor", "suffix(lower(email), '@concorrente.com.br')"),
            ("student", "regexp_matches(job_title, 'student|estudante|estagi', 'i')"),
        ],
        stages=[
            ("lead", "created_at", None, ["Lead", "Assinante"]),
            ("mql", "mql_at", None, ["MQL", "Lead Qualificado"]),
            ("sql", "sql_at", None, ["SQL", "Oportunidade aceita"]),
            ("opportunity", "opportunity_at", None, ["Oportunidade"]),
            ("customer", "won_at", "won", ["Cliente"]),
            ("lost", "lost_at", "lost", ["Perdido"]),
            ("recycled", "recycled_at", "recycled", ["Devolvido"]),
        ],
        rules=[
            Rule(**FIRST_CONTACT, stops=("first_contact_at", "recycled_at", "lost_at")),  # type: ignore[arg-type]
            Rule(
                "accept-or-return",
                "sales",
                "mql_at",
                ("sql_at", "recycled_at", "lost_at"),
                days=2,
                when="qualification <> 'disqualified'",
                risk_left_s=4 * 3600,
            ),
            Rule("renurture", "marketing", "recycled_at", ("last_activity_at",), days=5),
        ],
        decimal=",",
        delimiter=";",
    ),
    "hubspot": Shape(
        name="hubspot",
        read="delim=',', quote='\"', escape='\"', header=true, all_varchar=true",
        fields={
            "id": ("Record ID", "text"),
            "email": ("Email", "text"),
            "job_title": ("Job Title", "text"),
            "company_size": ("Number of Employees", "num"),
            "annual_revenue": ("Annual Revenue", "num"),
            "industry": ("Industry", "text"),
            "crm_stage": ("Lifecycle Stage", "text"),
            "owner": ("Contact owner", "text"),
            "source": ("Original Source", "text"),
            "email_opens": ("Marketing emails opened", "num"),
            "email_clicks": ("Marketing emails clicked", "num"),
            "page_views": ("Number of Pageviews", "num"),
            "form_submissions": ("Number of Form Submissions", "num"),
            "created_at": ("Create Date", "ts"),
            "mql_at": ("Became a Marketing Qualified Lead Date", "ts"),
            "first_contact_at": ("First Engagement Date", "ts"),
            "sql_at": ("Became a Sales Qualified Lead Date", "ts"),
            "opportunity_at": ("Became an Opportunity Date", "ts"),
            "won_at": ("Became a Customer Date", "ts"),
            "recycled_at": ("Returned to Marketing Date", "ts"),
            "last_activity_at": ("Last Activity Date", "ts"),
        },
        ts="timezone('{zone}', try_cast({c} AS TIMESTAMP))",
        num="try_cast({c} AS DOUBLE)",
        fit="""CASE WHEN regexp_matches(job_title, '(head|director|vp|ceo|cmo|cto|founder|owner|manager)', 'i') THEN 25 ELSE 0 END
             + CASE WHEN company_size BETWEEN 50 AND 1000 THEN 20 ELSE 0 END
             + CASE WHEN lower(industry) IN ('computer software', 'information technology and services', 'internet') THEN 15 ELSE 0 END
             + CASE WHEN annual_revenue >= 1000000 THEN 10 ELSE 0 END
             + CASE WHEN suffix(lower(email), '@gmail.com') OR suffix(lower(email), '@hotmail.com')
                      OR suffix(lower(email), '@yahoo.com') OR suffix(lower(email), '@outlook.com') THEN -15 ELSE 0 END""",
        engagement="""least(10, greatest(-10, 2 * coalesce(email_opens, 0)))
             + least(15, greatest(-15, 5 * coalesce(email_clicks, 0)))
             + CASE WHEN page_views >= 10 THEN 10 ELSE 0 END
             + CASE WHEN form_submissions >= 2 THEN 20 ELSE 0 END
             + CASE WHEN lower(source) = 'referrals' THEN 10 ELSE 0 END""",
        disqualify=[
            ("competitor", "suffix(lower(email), '@competitor.com')"),
            ("student", "regexp_matches(job_title, 'student|intern', 'i')"),
        ],
        stages=[
            ("lead", "created_at", None, ["Subscriber", "Lead"]),
            ("mql", "mql_at", None, ["Marketing Qualified Lead"]),
            ("sql", "sql_at", None, ["Sales Qualified Lead"]),
            ("opportunity", "opportunity_at", None, ["Opportunity"]),
            ("customer", "won_at", "won", ["Customer"]),
            ("recycled", "recycled_at", "recycled", ["Other"]),
        ],
        rules=[
            Rule(**FIRST_CONTACT, stops=("first_contact_at", "recycled_at")),  # type: ignore[arg-type]
            Rule("accept-or-return", "sales", "mql_at", ("sql_at", "recycled_at"), days=2),
            Rule("renurture", "marketing", "recycled_at", ("last_activity_at",), days=5),
        ],
        bom=True,
    ),
    "rd": Shape(
        name="rd",
        read="delim=';', quote='\"', escape='\"', header=true, all_varchar=true, encoding='latin-1'",
        fields={
            "email": ("Email", "text"),
            "job_title": ("Cargo", "text"),
            "company_size": ("Número de funcionários", "num"),
            "annual_revenue": ("Faturamento anual", "num"),
            "industry": ("Setor", "text"),
            "source": ("Origem da primeira conversão", "text"),
            "crm_stage": ("Estágio no funil", "text"),
            "owner": ("Dono do Lead", "text"),
            "created_at": ("Data da primeira conversão", "ts"),
            "mql_at": ("Data de qualificação", "ts"),
            "first_contact_at": ("Data do primeiro contato", "ts"),
            "sql_at": ("Data de aceite", "ts"),
            "opportunity_at": ("Data da oportunidade", "ts"),
            "won_at": ("Data da venda", "ts"),
            "recycled_at": ("Data de devolução", "ts"),
            "recycle_reason": ("Motivo da devolução", "text"),
            "last_activity_at": ("Última atividade", "ts"),
            "email_opens": ("Aberturas de e-mail", "num"),
            "email_clicks": ("Cliques em e-mails", "num"),
            "page_views": ("Visitas ao site", "num"),
            "demo_requested": ("Pediu demonstração", "bool"),
        },
        ts="timezone('{zone}', try_strptime({c}, ['%d/%m/%Y %H:%M', '%d/%m/%Y']))",
        num=_COMMA_NUM,
        fit="""CASE WHEN regexp_matches(job_title, '(diretora?|gerente|ceo|cto|head|fundador|s[óo]ci[oa]|coordenador)', 'i') THEN 25 ELSE 0 END
             + CASE WHEN company_size BETWEEN 50 AND 1000 THEN 20 ELSE 0 END
             + CASE WHEN lower(industry) IN ('software', 'tecnologia', 'saas', 'tecnologia da informação') THEN 15 ELSE 0 END
             + CASE WHEN annual_revenue >= 1000000 THEN 10 ELSE 0 END
             + CASE WHEN suffix(lower(email), '@gmail.com') OR suffix(lower(email), '@hotmail.com') OR suffix(lower(email), '@yahoo.com.br')
                      OR suffix(lower(email), '@uol.com.br') OR suffix(lower(email), '@bol.com.br') THEN -15 ELSE 0 END""",
        engagement="""least(10, greatest(-10, 2 * coalesce(email_opens, 0)))
             + least(15, greatest(-15, 5 * coalesce(email_clicks, 0)))
             + CASE WHEN page_views >= 10 THEN 10 ELSE 0 END
             + CASE WHEN demo_requested THEN 40 ELSE 0 END
             + CASE WHEN lower(source) = 'indicação' THEN 10 ELSE 0 END""",
        disqualify=[
            ("competitor", "suffix(lower(email), '@concorrente.com.br')"),
            ("student", "regexp_matches(job_title, 'estudante|estagi', 'i')"),
        ],
        stages=[
            ("lead", "created_at", None, ["Lead", "Assinante"]),
            ("mql", "mql_at", None, ["Lead Qualificado"]),
            ("sql", "sql_at", None, ["Oportunidade aceita"]),
            ("opportunity", "opportunity_at", None, ["Oportunidade"]),
            ("customer", "won_at", "won", ["Cliente"]),
            ("recycled", "recycled_at", "recycled", ["Devolvido"]),
        ],
        rules=[
            Rule(**FIRST_CONTACT, stops=("first_contact_at", "recycled_at")),  # type: ignore[arg-type]
            Rule("accept-or-return", "sales", "mql_at", ("sql_at", "recycled_at"), days=2),
            Rule("renurture", "marketing", "recycled_at", ("last_activity_at",), days=5),
        ],
        decimal=",",
        encoding="cp1252",
        delimiter=";",
        id_field="email",
    ),
}

# The SLAs' business calendar (the same in all three): Mon-Fri 09-12 and 13-18, Sat 09-13,
# national and São Paulo holidays, company days off, one day of its own hours.
HOURS = {0: [(9, 12), (13, 18)], 1: [(9, 12), (13, 18)], 2: [(9, 12), (13, 18)],
         3: [(9, 12), (13, 18)], 4: [(9, 12), (13, 18)], 5: [(9, 13)], 6: []}  # fmt: skip
OVERRIDES = {date(2026, 12, 23): [(9, 12)]}
INCLUDE = {date(2026, 12, 24), date(2026, 12, 31), date(2027, 2, 8), date(2027, 2, 9)}


def connect() -> duckdb.DuckDBPyConnection:
    con = duckdb.connect(config={"memory_limit": "400MB"})
    con.execute(f"SET TimeZone = '{ZONE}'")
    # an ISO 8601 stamp with the zone's offset (the session is in the calendar's zone)
    con.execute(
        r"""CREATE MACRO iso(t) AS regexp_replace(strftime(t, '%Y-%m-%dT%H:%M:%S%z'), '([+-]\d\d)$', '\1:00')"""
    )
    con.execute(
        f"CREATE MACRO blank(x) AS CASE WHEN lower(trim(x)) IN {BLANKS} THEN NULL ELSE trim(x) END"
    )
    return con


def read(con: duckdb.DuckDBPyConnection, shape: Shape, path: str, keep_raw: bool = False) -> None:
    """Table `t`: the typed fields the SLA uses (and `_row`, `_nb_FIELD` for the account);
    with `keep_raw`, table `raw` holds every cell as written (for `score --output`)."""
    cols = []
    for f, (header, kind) in shape.fields.items():
        c = f"blank({q(header)})"
        if kind == "text":
            cols.append(f"{c} AS {f}")
            continue
        cols.append(f"{c} IS NOT NULL AS _nb_{f}")
        if kind == "ts":
            cols.append(shape.ts.format(c=c, zone=ZONE) + f" AS {f}")
        elif kind == "num":
            cols.append(shape.num.format(c=c) + f" AS {f}")
        else:
            cols.append(
                f"CASE WHEN lower({c}) IN {TRUE} THEN true WHEN lower({c}) IN {FALSE} THEN false END AS {f}"
            )
    source = f"read_csv({lit(path)}, {shape.read}, store_rejects=true)"
    # rows are numbered by rowid (insertion order): a row_number() OVER () window would read
    # the export on one thread
    if keep_raw:
        con.execute(f"CREATE TABLE raw0 AS SELECT * FROM {source}")
        con.execute("CREATE VIEW raw AS SELECT rowid AS _row, * FROM raw0")
        con.execute(f"CREATE TABLE t0 AS SELECT _row, {', '.join(cols)} FROM raw")
    else:
        con.execute(f"CREATE TABLE t0 AS SELECT {', '.join(cols)} FROM {source}")
        con.execute("CREATE VIEW t AS SELECT rowid AS _row, * FROM t0")
        return
    con.execute("CREATE VIEW t AS SELECT * FROM t0")


def account(con: duckdb.DuckDBPyConnection, shape: Shape, path: str) -> dict[str, object]:
    """The summary every data command prints: rows, rejected, unreadable cells per field."""
    aggs = []
    for f, (_, kind) in shape.fields.items():
        if kind == "text":
            aggs += [f"count({f})", "0"]
        else:
            aggs += [f"count_if(_nb_{f})", f"count_if(_nb_{f} AND {f} IS NULL)"]
    idf = shape.id_field
    got = con.execute(
        f"""SELECT count(*), {", ".join(aggs)},
                   (SELECT coalesce(sum(n), 0) FROM (SELECT count(*) AS n FROM t WHERE {idf} IS NOT NULL GROUP BY {idf} HAVING n > 1))
            FROM t"""
    ).fetchone()
    assert got is not None
    rejected = con.execute("SELECT count(DISTINCT line) FROM reject_errors").fetchone()[0]  # type: ignore[index]
    header_pos = {
        h: i
        for i, h in enumerate(
            c[0]
            for c in con.execute(
                f"DESCRIBE SELECT * FROM read_csv({lit(path)}, {shape.read})"
            ).fetchall()
        )
    }
    fields = []
    for k, (f, (header, _)) in enumerate(shape.fields.items()):
        fields.append(
            {
                "field": f,
                "header": header,
                "non_blank": got[1 + 2 * k],
                "unreadable": got[2 + 2 * k],
            }
        )
    fields.sort(key=lambda e: header_pos[str(e["header"])])
    unreadable = sum(int(e["unreadable"]) for e in fields)  # type: ignore[call-overload]
    return {
        "rows": got[0] + rejected, "used": got[0], "rejected": rejected, "unreadable_cells": unreadable,
        "duplicates": got[-1], "footer_rows": 0, "fields": fields,
    }  # fmt: skip


def say_summary(path: str, summary: dict[str, object]) -> None:
    """The row summary line leadsla prints on stderr (`--verify` compares the two)."""
    print(
        f"{path}: {summary['rows']:,} rows: {summary['used']:,} used, "
        f"{summary['rejected']:,} rejected, {summary['unreadable_cells']:,} unreadable cells",
        file=sys.stderr,
    )


def derive(con: duckdb.DuckDBPyConnection, shape: Shape) -> None:
    """Table `s`: every lead's fit, grade, engagement, score, qualification, reason and funnel
    stage at the as-of time (stamps after it have not happened yet), with the fields the
    deadlines and goals need."""
    stamps = [f for f, (_, kind) in shape.fields.items() if kind == "ts"]
    cut = ", ".join(f"CASE WHEN {f} <= {AS_OF_SQL} THEN {f} END AS {f}" for f in stamps)
    reason = (
        "CASE " + " ".join(f"WHEN {cond} THEN {lit(r)}" for r, cond in shape.disqualify) + " END"
    )
    stage = "CASE greatest(" + ", ".join(e for _, e, _, _ in shape.stages) + ") "
    stage += " ".join(f"WHEN {e} THEN {lit(s)}" for s, e, _, _ in reversed(shape.stages)) + " END"
    crm = "CASE " + " ".join(
        f"WHEN lower(crm_stage) IN ({', '.join(lit(v.lower()) for v in values)}) THEN {lit(s)}"
        for s, _, _, values in shape.stages
    ) + " END"  # fmt: skip
    con.execute(
        f"""CREATE TABLE s AS
        WITH c AS (SELECT * REPLACE ({cut}) FROM t),
        f AS (SELECT *, ({shape.fit})::DOUBLE AS fit, least(100, {shape.engagement})
                         * CASE WHEN last_activity_at IS NULL THEN 1
                                ELSE pow(0.5, (epoch({AS_OF_SQL}) - epoch(last_activity_at)) / (30 * 86400)) END AS engagement,
                         {reason} AS reason
              FROM c)
        SELECT * EXCLUDE (reason), {shape.id_field} AS lead,
               CASE WHEN fit >= 50 THEN 'A' WHEN fit >= 30 THEN 'B' WHEN fit >= 15 THEN 'C' ELSE 'D' END AS grade,
               fit + engagement AS score,
               CASE WHEN reason IS NOT NULL THEN 'disqualified'
                    WHEN fit >= 30 AND engagement >= 25 THEN 'mql' ELSE 'not_qualified' END AS qualification,
               reason, {stage} AS funnel_stage, {crm} AS crm_stage_id
        FROM f"""
    )


def calendar(con: duckdb.DuckDBPyConnection, first: date, last: date) -> None:
    """Tables `w` (business windows with the business seconds before each) and `d` (each
    business day's close), from `first` to `last`, local dates."""
    import holidays

    zone = ZoneInfo(ZONE)
    off = set(holidays.country_holidays("BR", subdiv="SP", years=range(first.year, last.year + 1)))
    off |= INCLUDE
    win, days, before, day = [], [], 0, first
    while day <= last:
        hours = OVERRIDES.get(day, [] if day in off else HOURS[day.weekday()])
        for a, b in hours:
            start = datetime(day.year, day.month, day.day, a, tzinfo=zone).astimezone(UTC)
            end = datetime(day.year, day.month, day.day, b, tzinfo=zone).astimezone(UTC)
            length = int((end - start).total_seconds())
            win.append((len(win), start, end, before, length, len(days)))
            before += length
        if hours:
            days.append((len(days), win[-1][2], before))
        day += timedelta(days=1)
    con.execute(
        "CREATE TABLE w(wi BIGINT, w_start TIMESTAMPTZ, w_end TIMESTAMPTZ, before BIGINT, len BIGINT, day_idx BIGINT)"
    )
    con.executemany("INSERT INTO w VALUES (?, ?, ?, ?, ?, ?)", win)
    con.execute("CREATE TABLE d(idx BIGINT, close TIMESTAMPTZ, close_pos BIGINT)")
    con.executemany("INSERT INTO d VALUES (?, ?, ?)", days)


def deadlines(con: duckdb.DuckDBPyConnection, shape: Shape) -> None:
    """Table `dl`: one row per lead and follow-up rule, with due, status and the business
    minutes leadsla reports (SPEC §1 "Follow-up deadlines"), the lead's id and owner."""
    calendar(con, date(2026, 6, 1), date(2027, 4, 30))
    parts = []
    for k, r in enumerate(shape.rules):
        sts = [f"_st{j}" for j in range(len(r.stops))]
        tier = f"CASE WHEN {r.tier[0]} THEN 0 END" if r.tier else "NULL::INTEGER"
        target = (
            f"CASE WHEN {r.tier[0]} THEN {r.tier[1]} ELSE {r.seconds} END"
            if r.tier
            else str(r.seconds or "NULL")
        )
        inner = f"""SELECT {k} AS rule_idx, {lit(r.id)} AS rule, {lit(r.team)} AS team, _row, lead,
                   coalesce(owner, '(unassigned)') AS owner, {tier} AS tier, ({target})::BIGINT AS target_s,
                   {r.days or "NULL"}::BIGINT AS target_d, {r.start} AS start,
                   {", ".join(f"{s} AS {a}" for s, a in zip(r.stops, sts, strict=True))},
                   {r.early_met} AS early_met, {r.risk_share or "NULL"}::DOUBLE AS risk_share,
                   {r.risk_left_s or "NULL"}::BIGINT AS risk_left_s
            FROM s WHERE {r.start} IS NOT NULL AND {r.start} >= TIMESTAMPTZ '{EFFECTIVE}' {f"AND {r.when}" if r.when else ""}"""
        # the earliest stop at or after the start, and the earliest before it (`early_stop`)
        stop, early = (
            "least("
            + ", ".join(f"CASE WHEN {a} {cmp} start THEN {a} END" for a in sts + sts[:1])
            + ")"
            for cmp in (">=", "<")
        )
        mid = f"SELECT *, {stop} AS stop, {early} AS early FROM ({inner})"
        # which stop field gave it (the first listed, on a tie)
        stop_by, early_by = (
            "CASE "
            + " ".join(
                f"WHEN {a} {cmp} start AND {a} = {at} THEN {lit(s)}"
                for s, a in zip(r.stops, sts, strict=True)
            )
            + " END"
            for cmp, at in ((">=", "stop"), ("<", "early"))
        )
        parts.append(
            f"SELECT * EXCLUDE ({', '.join(sts)}), {stop_by} AS stop_by, {early_by} AS early_by FROM ({mid})"
        )
    con.execute("CREATE TABLE i AS " + " UNION ALL BY NAME ".join(f"({p})" for p in parts))
    p_asof = con.execute(
        f"SELECT before + least(epoch({AS_OF_SQL}) - epoch(w_start), len) FROM w WHERE w_start <= {AS_OF_SQL} ORDER BY w_start DESC LIMIT 1"
    ).fetchone()[0]  # type: ignore[index]
    con.execute(
        f"""CREATE TABLE dl AS
        WITH b AS (SELECT rowid AS _i, * FROM i),
        e AS (SELECT x._i, w.before + greatest(0, epoch(x.start) - epoch(w.w_start))::BIGINT AS p_start, w.day_idx AS d_start
              FROM (SELECT _i, start FROM b) x ASOF JOIN w ON x.start < w.w_end),
        m AS (SELECT x._i, x.p_target, w.w_start + to_seconds(x.p_target - w.before) AS due_m
              FROM (SELECT b._i, e.p_start + b.target_s AS p_target FROM b JOIN e USING (_i) WHERE b.target_s IS NOT NULL) x
              ASOF JOIN w ON x.p_target > w.before),
        st AS (SELECT x._i, w.before + least(epoch(x.stop) - epoch(w.w_start), w.len) AS p_stop
               FROM (SELECT _i, stop FROM b WHERE stop IS NOT NULL) x ASOF JOIN w ON x.stop >= w.w_start),
        p AS (SELECT b.*, e.p_start, coalesce(m.due_m, dd.close) AS due, coalesce(m.p_target, dd.close_pos) AS p_due, st.p_stop,
                     (b.early_met AND b.early IS NOT NULL) AS em
              FROM b JOIN e USING (_i) LEFT JOIN m USING (_i) LEFT JOIN st USING (_i)
                     LEFT JOIN d dd ON dd.idx = e.d_start + b.target_d)
        SELECT rule_idx, rule, team, _row, lead, owner, tier, start, due,
               CASE WHEN em THEN early ELSE stop END AS stopped,
               CASE WHEN em THEN early_by ELSE stop_by END AS stopped_by,
               (p_due - p_start) / 60.0 AS target_minutes,
               CASE WHEN em THEN 0 ELSE (coalesce(p_stop, {p_asof}) - p_start) / 60.0 END AS elapsed_minutes,
               CASE WHEN em THEN 0 ELSE greatest(0, coalesce(p_stop, {p_asof}) - p_due) / 60.0 END AS overdue_minutes,
               CASE WHEN stop IS NULL AND NOT em AND {AS_OF_SQL} < due THEN (p_due - {p_asof}) / 60.0 END AS left_minutes,
               CASE WHEN em THEN 'met'
                    WHEN stop IS NOT NULL THEN CASE WHEN stop <= due THEN 'met' ELSE 'met_late' END
                    WHEN {AS_OF_SQL} >= due THEN 'breached'
                    WHEN risk_share IS NOT NULL AND ({p_asof} - p_start) >= risk_share * (p_due - p_start) THEN 'at_risk'
                    WHEN risk_left_s IS NOT NULL AND (p_due - {p_asof}) <= risk_left_s THEN 'at_risk'
                    ELSE 'on_track' END AS status
        FROM p"""
    )


ORDER = """CASE status WHEN 'breached' THEN 0 WHEN 'at_risk' THEN 1 WHEN 'on_track' THEN 2 WHEN 'met_late' THEN 3 ELSE 4 END,
           CASE WHEN status IN ('breached', 'met_late') THEN -overdue_minutes ELSE left_minutes END NULLS LAST,
           lead, rule_idx, _row"""
ITEM = """lead, rule, team, owner, status, tier, iso(start) AS start, iso(due) AS due, iso(stopped) AS stopped,
          stopped_by, target_minutes, elapsed_minutes, overdue_minutes, left_minutes"""


def counts(
    con: duckdb.DuckDBPyConnection, key: str | None, where: str = "true"
) -> list[tuple[object, dict[str, int], float | None]]:
    """Counts per status (and compliance) per `key` (rule, owner, team), or overall."""
    group = key or "'all'"
    found: dict[object, dict[str, int]] = {}
    for k, status, n in con.execute(
        f"SELECT {group}, status, count(*) FROM dl WHERE {where} GROUP BY ALL ORDER BY 1"
    ).fetchall():
        found.setdefault(k, {s: 0 for s in STATUSES})[status] = n
    out = []
    for k, c in found.items():
        judged = c["met"] + c["met_late"] + c["breached"]
        out.append((k, c, c["met"] / judged if judged else None))
    return out


def emit(text: str) -> None:
    sys.stdout.write(text)
    sys.stdout.flush()


def copy_out(con: duckdb.DuckDBPyConnection, query: str, fmt: str) -> None:
    """Write the rows of `query` to standard output, by DuckDB itself."""
    sys.stdout.flush()
    options = "FORMAT JSON, ARRAY true" if fmt == "json" else "FORMAT CSV, HEADER"
    if not stat.S_ISREG(os.fstat(1).st_mode):  # a pipe, a terminal, /dev/null
        con.execute(f"COPY ({query}) TO '/dev/stdout' ({options})")
        return
    # a file: opening /dev/stdout again would write from its start, over what is there
    with tempfile.TemporaryDirectory() as tmp:
        con.execute(f"COPY ({query}) TO '{tmp}/rows' ({options})")
        with open(f"{tmp}/rows", "rb") as f:
            shutil.copyfileobj(f, sys.stdout.buffer, 1 << 20)
        sys.stdout.flush()


def dump(doc: object) -> str:
    return json.dumps(doc, ensure_ascii=False)


def shape_of(argv: list[str]) -> tuple[Shape, str, list[str]]:
    if len(argv) < 3 or argv[1] not in SHAPES:
        sys.exit(f"usage: {os.path.basename(argv[0])} SHAPE FILE [FORMAT] ...")
    return SHAPES[argv[1]], argv[2], argv[3:]

"""The benchmark matrix's exports: three shapes of CRM export, seeded, any size, written fast.

    python benchmarks/generate.py SHAPE ROWS [--seed 2026] [--output FILE]

- `example`: the shape of examples/leads.csv (scripts/generate_leads.py: `;`, UTF-8, pt-BR
  headers, `dd/mm/yyyy HH:MM` stamps, decimal comma, messy cells, quoted line breaks), for
  examples/sla.yaml. Up to 1,000,000 rows the Python generator writes it; beyond, its
  1,000,000-row file is repeated by DuckDB with the ids of each copy made unique (`2-100001`).
- `hubspot`: a HubSpot contacts export for benchmarks/slas/hubspot.yaml: UTF-8 with BOM, `,`,
  every field quoted, 30 columns, 8 timestamp columns `YYYY-MM-DD HH:MM:SS`.
- `rd`: an RD Station-like lead list for benchmarks/slas/rd.yaml: cp1252, `;`, pt-BR headers
  with accents, no id column (the e-mail is the id), `dd/mm/yyyy HH:MM`, `1.250.000,50`.

hubspot and rd are built by one DuckDB query over `range(ROWS)`; every random choice is a hash
of (row, seed, draw), so the same arguments give the same file at any thread count. About 1%
of rows carry a messy cell (`N/A`, `-`, an impossible date, `ontem`, `11 a 50`) and 1 in
2,000 repeats the previous row's id, so every part of the row account is exercised.
Files go to `$LEADSLA_BENCH_DATA` (default benchmarks/data/, git-ignored) as SHAPE-ROWS.csv.
"""

from __future__ import annotations

import argparse
import codecs
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHAPES = ("example", "hubspot", "rd")
SEED = 2026
EXAMPLE_BLOCK = 1_000_000


def data_dir() -> Path:
    return Path(os.environ.get("LEADSLA_BENCH_DATA") or ROOT / "benchmarks" / "data")


def export_path(shape: str, rows: int) -> Path:
    return data_dir() / f"{shape}-{rows}.csv"


def sla_path(shape: str) -> Path:
    return ROOT / ("examples/sla.yaml" if shape == "example" else f"benchmarks/slas/{shape}.yaml")


def ensure(shape: str, rows: int, seed: int = SEED) -> Path:
    """The export of this shape and size, generated when missing."""
    path = export_path(shape, rows)
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        print(f"generating {path} ...", file=sys.stderr, flush=True)
        generate(shape, rows, path, seed)
    return path


def generate(shape: str, rows: int, path: Path, seed: int = SEED) -> None:
    tmp = path.with_name(path.name + ".part")
    if shape == "example":
        _example(rows, tmp, seed)
    else:
        _synthetic(shape, rows, tmp, seed)
    tmp.replace(path)


def _example(rows: int, out: Path, seed: int) -> None:
    script = [sys.executable, str(ROOT / "scripts" / "generate_leads.py"), "--seed", str(seed)]
    if rows <= EXAMPLE_BLOCK:
        subprocess.run([*script, "--rows", str(rows), "--output", str(out)], check=True)
        return
    import duckdb

    block = ensure("example", EXAMPLE_BLOCK, seed)
    copies = -(-rows // EXAMPLE_BLOCK)
    con = duckdb.connect()
    # the block's own cells, as text; copy k > 1 gets ids `k-ID` (ids stay unique per copy)
    path = "'" + str(block).replace("'", "''") + "'"
    con.execute(
        f"CREATE TEMP VIEW b AS SELECT row_number() OVER () AS _n, * FROM read_csv({path}, delim=';', header=true, quote='\"',"
        " escape='\"', all_varchar=true)"
    )
    names = [r[0] for r in con.execute("DESCRIBE b").fetchall()][1:]
    cols = ", ".join(
        'CASE WHEN k = 1 THEN "ID" ELSE k || \'-\' || "ID" END AS "ID"'
        if n == "ID"
        else '"' + n.replace('"', '""') + '"'
        for n in names
    )
    con.execute(
        f"COPY (SELECT {cols} FROM range(1, {copies + 1}) r(k), b ORDER BY k, _n LIMIT {rows})"
        f" TO '{out}' (FORMAT CSV, DELIMITER ';', HEADER)"
    )


def _u(draw: int, seed: int) -> str:
    """A uniform draw in [0, 1) for this row (column `i`): a hash, not a random generator."""
    return f"(hash(i, {seed}, {draw}) % 1000003) / 1000003.0"


def _pick(values: list[str], draw: int, seed: int) -> str:
    items = ", ".join("'" + v.replace("'", "''") + "'" for v in values)
    return f"([{items}])[1 + (hash(i, {seed}, {draw}) % {len(values)})::INTEGER]"


FIRST = ["Ana", "Bruno", "Carla", "Diego", "Elisa", "Fábio", "Gabriela", "Henrique", "Isabela",
         "João", "Larissa", "Marcos", "Natália", "Otávio", "Patrícia", "Rafael", "Sônia", "Tiago",
         "Vitória", "William", "Emily", "James", "Olivia", "Noah", "Sophia", "Liam"]  # fmt: skip
LAST = ["Silva", "Souza", "Oliveira", "Santos", "Lima", "Pereira", "Ferreira", "Conceição",
        "Gonçalves", "Araújo", "Smith", "Johnson", "Brown", "Miller", "Davis"]  # fmt: skip
OWNERS = ["Bruno Lima", "Carla Mendes", "Diego Albuquerque", "Fernanda Rocha", "Gustavo Nogueira",
          "Helena Prado", "Igor Tavares", "Juliana Campos", "Kátia Ramos", "Lucas Moreira"]  # fmt: skip
CITIES = [("São Paulo", "SP"), ("Campinas", "SP"), ("Rio de Janeiro", "RJ"), ("Belo Horizonte", "MG"),
          ("Curitiba", "PR"), ("Porto Alegre", "RS"), ("Recife", "PE"), ("Florianópolis", "SC")]  # fmt: skip

HUBSPOT = {
    "domains": ["gmail.com", "hotmail.com", "yahoo.com", "outlook.com", "acme.io", "globex.com",
                "initech.com", "umbrella.co", "hooli.com", "vandelay.com", "competitor.com"],
    "titles": ["CEO", "Head of Marketing", "Marketing Manager", "Sales Director", "VP Sales",
               "Software Engineer", "Analyst", "Student", "Marketing Intern", "Founder", "CTO",
               "Account Executive", "Operations Coordinator", "", "Owner"],
    "industries": ["Computer Software", "Information Technology and Services", "Internet",
                   "Financial Services", "Retail", "Hospital & Health Care", "Education", "",
                   "Marketing and Advertising"],
    "sources": ["Organic Search", "Paid Search", "Email Marketing", "Social Media", "Referrals",
                "Direct Traffic", "Offline Sources"],
    "status": ["New", "Open", "In Progress", "Open Deal", "Unqualified", "Attempted to Contact",
               "Connected", "Bad Timing"],
    "stages": ["Subscriber", "Lead", "Marketing Qualified Lead", "Sales Qualified Lead",
               "Opportunity", "Customer", "Other"],
}  # fmt: skip
RD = {
    "domains": ["gmail.com", "hotmail.com", "yahoo.com.br", "uol.com.br", "bol.com.br",
                "vertly.com.br", "pixai.com", "contabilfacil.com.br", "lojasbrasil.com.br",
                "tecnova.com.br", "concorrente.com.br"],
    "titles": ["Diretor Comercial", "Diretora de Marketing", "Gerente de Vendas", "CEO", "Sócio",
               "Analista de Marketing", "Estudante", "Estagiária", "Coordenador de TI", "",
               "Assistente Administrativo", "Fundador", "Vendedor"],
    "industries": ["Software", "Tecnologia", "SaaS", "Tecnologia da Informação", "Varejo",
                   "Educação", "Saúde", "Serviços financeiros", ""],
    "sources": ["Busca orgânica", "Google Ads", "E-mail", "Facebook", "Indicação", "Evento",
                "Tráfego direto"],
    "stages": ["Assinante", "Lead", "Lead Qualificado", "Oportunidade aceita", "Oportunidade",
               "Cliente", "Devolvido"],
    "reasons": ["Sem orçamento", "Sem interesse agora", "Contato inválido", "Perfil fora do ICP"],
}  # fmt: skip


def _timeline(seed: int) -> str:
    """Naive local stamps of each lead's funnel, from 2026-07-20 to past the as-of time
    (2026-11-20 12:00): a stamp after it is one the SLA treats as not yet happened."""
    u = lambda k: _u(k, seed)  # noqa: E731

    def minutes(days: int, k: int, power: int = 1) -> str:
        return f"to_seconds((pow({u(k)}, {power}) * {days} * 86400)::BIGINT)"

    return f"""
    SELECT i, TIMESTAMP '2026-07-20 00:00:00' + {minutes(123, 1)} AS created,
           CASE WHEN hash(i, {seed}, 90) % 2000 = 7 AND i > 0 THEN i - 1 ELSE i END AS j,
           {u(2)} < 0.35 AS is_mql, {u(4)} < 0.85 AS contacted, {u(5)} < 0.05 AS contact_early,
           {u(7)} < 0.30 AS is_sql, {u(9)} < 0.5 AS is_opp, {u(11)} < 0.3 AS is_won,
           {u(13)} < 0.35 AS is_recycled, {u(16)} AS mess, {u(17)} AS mess2
    FROM range({{rows}}) t(i)"""


def _funnel(seed: int) -> str:
    u = lambda k: _u(k, seed)  # noqa: E731
    span = lambda days, k, power=1: f"to_seconds((pow({u(k)}, {power}) * {days} * 86400)::BIGINT)"  # noqa: E731
    return f"""
    SELECT *, CASE WHEN is_mql AND is_sql THEN mql + {span(20, 8)} END AS sql,
           CASE WHEN is_mql AND NOT is_sql AND is_recycled THEN mql + {span(10, 14)} END AS recycled,
           CASE WHEN is_mql AND contacted THEN
                CASE WHEN contact_early THEN mql - INTERVAL 2 HOUR ELSE mql + {span(7, 6, 3)} END END AS first_contact
    FROM (SELECT *, CASE WHEN is_mql THEN created + {span(14, 3, 2)} END AS mql,
                 created + {span(130, 15)} AS last_activity FROM tl)"""


def _synthetic(shape: str, rows: int, out: Path, seed: int) -> None:
    import duckdb

    u = lambda k: _u(k, seed)  # noqa: E731
    span = lambda days, k: f"to_seconds((pow({u(k)}, 1) * {days} * 86400)::BIGINT)"  # noqa: E731
    hub = shape == "hubspot"
    v = HUBSPOT if hub else RD
    stamp = "%Y-%m-%d %H:%M:%S" if hub else "%d/%m/%Y %H:%M"
    bad_date = "2026-02-31 10:00:00" if hub else "31/02/2026 10:00"

    def fmt(expr: str) -> str:
        return f"coalesce(strftime({expr}, '{stamp}'), '')"

    city = f"hash(i, {seed}, 30) % {len(CITIES)}"
    first = _pick(FIRST, 31, seed)
    last = _pick(LAST, 32, seed)
    domain = f"([{', '.join(repr(d) for d in v['domains'])}])[1 + (hash(j, {seed}, 33) % {len(v['domains'])})::INTEGER]"
    email = f"'lead' || j || '@' || {domain}"
    size = f"CASE WHEN {u(40)} < 0.05 THEN '' WHEN {u(40)} < 0.06 THEN '11 a 50' ELSE (5 + pow({u(41)}, 2) * 5000)::INTEGER::VARCHAR END"
    revenue = f"(pow({u(42)}, 3) * 20000000)::DECIMAL(12, 2)"
    if hub:
        revenue_text = f"CASE WHEN {u(43)} < 0.1 THEN '' ELSE {revenue}::VARCHAR END"
    else:  # 1.250.000,50
        revenue_text = (
            f"CASE WHEN {u(43)} < 0.1 THEN '' ELSE replace(replace(replace(format('{{:,.2f}}', {revenue}::DOUBLE),"
            " ',', '_'), '.', ','), '_', '.') END"
        )
    count = lambda k, hi, power=2: f"(pow({u(k)}, {power}) * {hi})::INTEGER::VARCHAR"  # noqa: E731
    opens = f"CASE WHEN mess2 < 0.004 THEN '-' WHEN mess2 < 0.006 THEN 'muitas' ELSE {count(44, 40)} END"
    stage = f"""CASE WHEN {u(50)} < 0.05 THEN {_pick(v["stages"], 51, seed)}
                     WHEN won IS NOT NULL THEN '{v["stages"][5]}' WHEN recycled IS NOT NULL THEN '{v["stages"][6]}'
                     WHEN opp IS NOT NULL THEN '{v["stages"][4]}' WHEN sql IS NOT NULL THEN '{v["stages"][3]}'
                     WHEN mql IS NOT NULL THEN '{v["stages"][2]}' ELSE '{v["stages"][1]}' END"""
    created = f"CASE WHEN mess BETWEEN 0.008 AND 0.010 THEN '{bad_date}' ELSE {fmt('created')} END"
    last_activity = f"CASE WHEN mess < 0.004 THEN 'ontem' WHEN mess < 0.008 THEN 'N/A' ELSE {fmt('last_activity')} END"
    owner = f"CASE WHEN {u(52)} < 0.04 THEN '' ELSE {_pick(OWNERS, 53, seed)} END"
    if hub:
        columns = [
            ("Record ID", "(1000000 + j)::VARCHAR"),
            ("First Name", first), ("Last Name", last), ("Email", email),
            ("Phone Number", f"'+55 11 9' || lpad((hash(i, {seed}, 34) % 100000000)::VARCHAR, 8, '0')"),
            ("Job Title", _pick(v["titles"], 35, seed)),
            ("Company Name", f"'Company ' || (hash(i, {seed}, 36) % 50000)"),
            ("Number of Employees", size), ("Annual Revenue", revenue_text),
            ("Industry", _pick(v["industries"], 37, seed)),
            ("City", f"([{', '.join(repr(c) for c, _ in CITIES)}])[1 + ({city})::INTEGER]"),
            ("State/Region", f"([{', '.join(repr(s) for _, s in CITIES)}])[1 + ({city})::INTEGER]"),
            ("Country/Region", "'Brazil'"),
            ("Lead Status", _pick(v["status"], 38, seed)),
            ("Lifecycle Stage", stage), ("Contact owner", owner),
            ("Original Source", _pick(v["sources"], 39, seed)),
            ("HubSpot Score", count(45, 100, 1)),
            ("Number of Pageviews", count(46, 30)),
            ("Number of Form Submissions", count(47, 4)),
            ("Marketing emails opened", opens), ("Marketing emails clicked", count(48, 6)),
            ("Create Date", created),
            ("Became a Marketing Qualified Lead Date", fmt("mql")),
            ("First Engagement Date", fmt("first_contact")),
            ("Became a Sales Qualified Lead Date", fmt("sql")),
            ("Became an Opportunity Date", fmt("opp")),
            ("Became a Customer Date", fmt("won")),
            ("Returned to Marketing Date", fmt("recycled")),
            ("Last Activity Date", last_activity),
        ]  # fmt: skip
    else:
        columns = [
            ("Email", email), ("Nome", f"{first} || ' ' || {last}"),
            ("Cargo", _pick(v["titles"], 35, seed)),
            ("Empresa", f"'Empresa ' || (hash(i, {seed}, 36) % 50000)"),
            ("Telefone", f"'(11) 9' || lpad((hash(i, {seed}, 34) % 100000000)::VARCHAR, 8, '0')"),
            ("Cidade", f"([{', '.join(repr(c) for c, _ in CITIES)}])[1 + ({city})::INTEGER]"),
            ("Estado", f"([{', '.join(repr(s) for _, s in CITIES)}])[1 + ({city})::INTEGER]"),
            ("Número de funcionários", size), ("Faturamento anual", revenue_text),
            ("Setor", _pick(v["industries"], 37, seed)),
            ("Origem da primeira conversão", _pick(v["sources"], 39, seed)),
            ("Origem da última conversão", _pick(v["sources"], 49, seed)),
            ("Estágio no funil", stage), ("Dono do Lead", owner),
            ("Lead Scoring - Perfil", _pick(["A", "B", "C", "D"], 54, seed)),
            ("Lead Scoring - Interesse", count(45, 100, 1)),
            ("Data da primeira conversão", created),
            ("Data da última conversão", fmt("last_activity")),
            ("Data de qualificação", fmt("mql")),
            ("Data do primeiro contato", fmt("first_contact")),
            ("Data de aceite", fmt("sql")),
            ("Data da oportunidade", fmt("opp")),
            ("Data da venda", fmt("won")),
            ("Data de devolução", fmt("recycled")),
            ("Motivo da devolução", f"CASE WHEN recycled IS NOT NULL THEN {_pick(v['reasons'], 55, seed)} ELSE '' END"),
            ("Última atividade", last_activity),
            ("Aberturas de e-mail", opens), ("Cliques em e-mails", count(48, 6)),
            ("Visitas ao site", count(46, 30)),
            ("Pediu demonstração", f"CASE WHEN {u(56)} < 0.1 THEN 'Sim' WHEN {u(56)} < 0.12 THEN 'x' ELSE 'Não' END"),
        ]  # fmt: skip
    select = ",\n".join(f"nullif({expr}, '') AS \"{name}\"" for name, expr in columns)
    query = f"""
    WITH tl AS ({_timeline(seed).format(rows=rows)}),
    f AS ({_funnel(seed)}),
    g AS (SELECT *, CASE WHEN sql IS NOT NULL AND is_opp THEN sql + {span(15, 10)} END AS opp FROM f),
    h AS (SELECT *, CASE WHEN opp IS NOT NULL AND is_won THEN opp + {span(30, 12)} END AS won FROM g)
    SELECT {select} FROM h ORDER BY i"""
    con = duckdb.connect()
    con.execute("SET threads = 2")
    with tempfile.TemporaryDirectory(dir=out.parent) as tmp:
        plain = Path(tmp) / "plain.csv"
        options = "FORMAT CSV, HEADER, DELIMITER ','" + (", FORCE_QUOTE *" if hub else "")
        if not hub:
            options = "FORMAT CSV, HEADER, DELIMITER ';'"
        con.execute(f"COPY ({query}) TO '{plain}' ({options})")
        with plain.open("rb") as src, out.open("wb") as dst:
            if hub:  # UTF-8 with BOM
                dst.write(codecs.BOM_UTF8)
                shutil.copyfileobj(src, dst, 1 << 20)
            else:  # cp1252, streamed
                decoder = codecs.getincrementaldecoder("utf-8")()
                while chunk := src.read(1 << 22):
                    dst.write(decoder.decode(chunk).encode("cp1252"))
                dst.write(decoder.decode(b"", final=True).encode("cp1252"))


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("shape", choices=SHAPES)
    parser.add_argument("rows", type=int)
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--output", type=Path)
    args = parser.parse_args()
    if args.output:
        generate(args.shape, args.rows, args.output, args.seed)
    else:
        print(ensure(args.shape, args.rows, args.seed))


if __name__ == "__main__":
    main()

"""Generate a realistic, reproducible CRM lead export for the example SLA.

The output imitates a Portuguese lead export of an RD Station-like CRM, taken by a Brazilian
B2B software company at a fixed reference time, ``2026-11-20 12:00`` America/Sao_Paulo (a
Friday and a national holiday, Consciência Negra). The leads were created over the four months
before that time, and their funnel (MQL, first contact, SQL, opportunity, win, loss, return to
marketing) unfolds in time order, in the company's business hours (Mon-Fri 09:00-12:00 and
13:00-18:00, Sat 09:00-13:00, Brazilian and São Paulo holidays off), as in
``examples/sla.yaml``. The reference time is fixed, never "now": the same arguments always
give the same file, byte for byte.

The file has the headers of ``leads.columns`` in ``examples/sla.yaml`` plus ``Nome``,
``Telefone`` and ``Cidade``, which the SLA does not use. It is UTF-8 without BOM, ``;``
separated, LF line endings, and carries what real exports carry: timestamps in three shapes
(``dd/mm/YYYY HH:MM`` mostly, some ``dd/mm/YYYY``, some ISO with an offset), Brazilian
numbers (``1.200``), Portuguese booleans in several spellings, a CRM stage label that
sometimes disagrees with the dates, a few duplicate ids, quoted cells holding ``;``, quotes or
a line break, and 1-2% of rows with a messy cell (``N/A``, ``-``, ``31/02/2026 10:00``,
``ontem``, ``muitos``...).

Usage::

    python scripts/generate_leads.py                       # 2,000 rows -> examples/leads.csv
    python scripts/generate_leads.py --rows 1000000 --output benchmarks/data/leads-1m.csv
    python scripts/generate_leads.py --rows 50 --seed 7 --output -   # to standard output

Rows are generated in creation order and written as they are made (nothing is kept in memory
but a small buffer of pending duplicates): a million rows (about 230 MB) take well under a
minute in bounded memory. More rows mean more leads per day over the same four months. Only
the standard library is used; the one source of randomness is ``random.Random(seed)``.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import heapq
import math
import re
import sys
import time
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from pathlib import Path
from random import Random
from typing import IO, NamedTuple

DEFAULT_ROWS = 2000
DEFAULT_SEED = 2026
DEFAULT_OUTPUT = Path(__file__).resolve().parent.parent / "examples" / "leads.csv"

# The export is taken at REFERENCE (local time, America/Sao_Paulo, which has had no daylight
# saving time since 2019, so always -03:00); leads were created from WINDOW_START on.
REFERENCE = dt.datetime(2026, 11, 20, 12, 0)
WINDOW_START = dt.date(2026, 7, 20)
OFFSET = "-0300"

# Times are whole minutes since WINDOW_START 00:00 local time.
DAY = 1440
WINDOW_DAYS = (REFERENCE.date() - WINDOW_START).days  # the reference day's index (123)
REF_MINUTE = WINDOW_DAYS * DAY + REFERENCE.hour * 60 + REFERENCE.minute
HORIZON_DAYS = WINDOW_DAYS + 120  # business-time lookups may run past the reference time

# The business calendar of examples/sla.yaml: national (BR) and state (SP) public holidays
# from the `holidays` package, plus the company's days off.
HOLIDAYS = frozenset(
    {
        dt.date(2026, 9, 7),  # Independência
        dt.date(2026, 10, 12),  # Nossa Senhora Aparecida
        dt.date(2026, 11, 2),  # Finados
        dt.date(2026, 11, 15),  # Proclamação da República (a Sunday)
        dt.date(2026, 11, 20),  # Consciência Negra
        dt.date(2026, 12, 24),  # company day off
        dt.date(2026, 12, 25),  # Natal
        dt.date(2026, 12, 31),  # company day off
        dt.date(2027, 1, 1),  # Confraternização Universal
        dt.date(2027, 2, 8),  # Carnaval (company day off)
        dt.date(2027, 2, 9),  # Carnaval (company day off)
    }
)
WEEKDAY_HOURS = ((9 * 60, 12 * 60), (13 * 60, 18 * 60))
SATURDAY_HOURS = ((9 * 60, 13 * 60),)
OVERRIDES = {dt.date(2026, 12, 23): ((9 * 60, 12 * 60),)}

# A trade show: more leads, most of them from "Evento", and a badge-scan import afterwards.
EVENT_DAYS = frozenset({dt.date(2026, 10, 6), dt.date(2026, 10, 7), dt.date(2026, 10, 8)})
EVENT_IMPORT_DAY = dt.date(2026, 10, 9)
EVENT_IMPORT_MINUTE = 10 * 60 + 15
# A "Black November" campaign brings more leads in the export's last week, and its webinar
# (Thursday 14:00-14:45, the eve of the holiday) a wave of MQLs that asked for a demo.
CAMPAIGN_START = dt.date(2026, 11, 16)
WEBINAR_DAY = dt.date(2026, 11, 19)
WEBINAR_MINUTE = 14 * 60
# What brought a lead in, besides the usual channels.
USUAL, TRADE_SHOW, WEBINAR = 0, 1, 2

HEADERS = (
    "ID",
    "Nome",
    "Email",
    "Telefone",
    "Cargo",
    "Empresa",
    "Funcionários",
    "Setor",
    "Cidade",
    "Origem",
    "Dono do Lead",
    "Estágio no funil",
    "Data de criação",
    "Data de qualificação",
    "Primeiro contato",
    "Data SQL",
    "Data da oportunidade",
    "Data da venda",
    "Data da perda",
    "Data de devolução",
    "Motivo da devolução",
    "Última atividade",
    "Aberturas de e-mail",
    "Visitas à página de preços",
    "Pediu demonstração",
)
COL = {name: i for i, name in enumerate(HEADERS)}
DATE_COLUMNS = tuple(
    COL[h]
    for h in (
        "Data de criação",
        "Data de qualificação",
        "Primeiro contato",
        "Data SQL",
        "Data da oportunidade",
        "Data da venda",
        "Data da perda",
        "Data de devolução",
        "Última atividade",
    )
)

FEMALE_NAMES = (
    "Ana", "Beatriz", "Camila", "Carolina", "Daniela", "Fernanda", "Gabriela", "Isabela",
    "Juliana", "Larissa", "Letícia", "Luana", "Mariana", "Patrícia", "Renata", "Tatiane",
    "Vanessa", "Aline", "Bruna", "Cláudia", "Débora", "Eliane", "Flávia", "Giovana", "Helena",
    "Jéssica", "Lúcia", "Márcia", "Natália", "Priscila", "Raquel", "Simone", "Thaís", "Vitória",
    "Amanda", "Bianca", "Conceição", "Luíza", "Sônia", "Yasmin",
)  # fmt: skip
MALE_NAMES = (
    "André", "Bruno", "Carlos", "Daniel", "Eduardo", "Felipe", "Gabriel", "Gustavo", "Henrique",
    "João", "José", "Leonardo", "Lucas", "Marcelo", "Mateus", "Paulo", "Pedro", "Rafael",
    "Ricardo", "Rodrigo", "Thiago", "Vinícius", "Antônio", "Caio", "Diego", "Fábio", "Guilherme",
    "Igor", "Júlio", "Luís", "Márcio", "Otávio", "Renato", "Sérgio", "Vítor", "Wagner", "Heitor",
    "Fernando", "Roberto", "Alexandre",
)  # fmt: skip
SURNAMES = (
    "Silva", "Santos", "Oliveira", "Souza", "Rodrigues", "Ferreira", "Alves", "Pereira", "Lima",
    "Gomes", "Costa", "Ribeiro", "Martins", "Carvalho", "Almeida", "Lopes", "Soares", "Fernandes",
    "Vieira", "Barbosa", "Rocha", "Dias", "Nascimento", "Andrade", "Moreira", "Nunes", "Marques",
    "Machado", "Mendes", "Freitas", "Cardoso", "Ramos", "Gonçalves", "Santana", "Teixeira",
    "Araújo", "Castro", "Pinto", "Correia", "Cavalcanti", "Monteiro", "Moura", "Campos", "Brandão",
    "Azevedo", "Fonseca", "Peixoto", "Magalhães", "Sampaio", "Conceição", "Figueiredo", "Falcão",
)  # fmt: skip

# (male title, female title, weight). Decision makers, ICs, students and interns.
TITLES = (
    ("CEO", "CEO", 6),
    ("Diretor de Marketing", "Diretora de Marketing", 5),
    ("Diretor Comercial", "Diretora Comercial", 4),
    ("Diretor de TI", "Diretora de TI", 2),
    ("Gerente Comercial", "Gerente Comercial", 6),
    ("Gerente de Marketing", "Gerente de Marketing", 6),
    ("Gerente de Vendas", "Gerente de Vendas", 3),
    ("Head de Vendas", "Head de Vendas", 3),
    ("Head de Marketing", "Head de Marketing", 3),
    ("Head of Growth", "Head of Growth", 2),
    ("Coordenador de TI", "Coordenadora de TI", 3),
    ("Coordenador de Marketing", "Coordenadora de Marketing", 4),
    ("Founder", "Founder", 2),
    ("Sócio-fundador", "Sócia-fundadora", 2),
    ("Sócio", "Sócia", 2),
    ("Proprietário", "Proprietária", 3),
    ("Presidente", "Presidente", 1),
    ("VP Sales", "VP Sales", 1),
    ("VP de Vendas", "VP de Vendas", 1),
    ("CTO", "CTO", 2),
    ("CFO", "CFO", 1),
    ("Marketing Manager", "Marketing Manager", 2),
    ("Sales Manager", "Sales Manager", 1),
    ("Supervisor de Vendas", "Supervisora de Vendas", 2),
    ("Analista de Marketing", "Analista de Marketing", 12),
    ("Analista de Marketing Digital", "Analista de Marketing Digital", 4),
    ("Analista Comercial", "Analista Comercial", 3),
    ("Especialista em CRM", "Especialista em CRM", 1),
    ("Assistente Administrativo", "Assistente Administrativa", 4),
    ("Vendedor", "Vendedora", 5),
    ("Executivo de Contas", "Executiva de Contas", 3),
    ("SDR", "SDR", 3),
    ("Consultor", "Consultora", 3),
    ("Desenvolvedor", "Desenvolvedora", 3),
    ("Auxiliar de Escritório", "Auxiliar de Escritório", 1),
    ("Estagiário", "Estagiária", 3),
    ("Estagiário de Marketing", "Estagiária de Marketing", 2),
    ("Estudante", "Estudante", 2),
)
# The SLA's "Decision maker" pattern and disqualification, to make MQLs plausible.
DECISION_MAKER = re.compile(
    "(head|diretora?|director|vp|ceo|cmo|founder|fundador|gerente|coordenador)", re.I
)
NOT_A_BUYER = re.compile("student|estudante|estagi", re.I)

# Canonical industry, weight, median company size, spread, cell spellings (first is usual).
INDUSTRIES = (
    ("saas", 14, 60, 1.2, ("saas", "SaaS", "SaaS", "Saas")),
    ("software", 12, 80, 1.3, ("software", "Software", "software")),
    ("tecnologia", 12, 90, 1.4, ("tecnologia", "Tecnologia", "TI", "Tecnologia da Informação")),
    ("varejo", 10, 40, 1.6, ("varejo", "Varejo")),
    ("indústria", 9, 220, 1.3, ("indústria", "Indústria", "industria")),
    ("educação", 8, 80, 1.2, ("educação", "Educação", "educacao")),
    ("saúde", 7, 120, 1.3, ("saúde", "Saúde")),
    ("serviços financeiros", 7, 150, 1.6, ("serviços financeiros", "Serviços Financeiros")),
    ("e-commerce", 5, 30, 1.3, ("e-commerce", "E-commerce", "ecommerce")),
    ("consultoria", 5, 25, 1.2, ("consultoria", "Consultoria")),
    ("marketing", 4, 20, 1.0, ("marketing", "Agência de marketing")),
    ("logística", 4, 180, 1.3, ("logística", "Logística")),
    ("agronegócio", 3, 100, 1.4, ("agronegócio", "Agronegócio", "agro")),
)
TARGET_INDUSTRIES = frozenset({"saas", "software", "tecnologia"})

STARTUP_STEMS = (
    "Nuvem", "Conecta", "Mova", "Vert", "Zapt", "Fluxo", "Pulso", "Trilha", "Rota", "Base",
    "Dados", "Nexo", "Opti", "Sync", "Data", "Cloud", "Loop", "Bit", "Pix", "Vox", "Lume", "Orbi",
    "Kora", "Tera", "Alfa", "Beta", "Delta", "Sigma", "Prisma", "Vetor",
)  # fmt: skip
STARTUP_ENDINGS = (
    "Tech", "Labs", "Hub", "Sistemas", "Software", "Digital", "ly", "ix", "io", "Soft",
    "Tecnologia", "Cloud", "AI", "Apps",
)  # fmt: skip
PLACES = (
    "Paulista", "Bandeirantes", "Ipiranga", "Atlântico", "Horizonte", "Planalto", "Cerrado",
    "Litoral", "Serra Azul", "Vale Verde", "Pampa", "Sertão", "Tietê", "Guanabara", "Pinheiros",
)  # fmt: skip
NAME_PATTERNS = {
    "saas": ("{stem}{ending}", "{stem} {ending}", "{stem}{ending}", "{surname} {ending}"),
    "software": ("{stem} {ending}", "{surname} Software", "{stem}{ending} Ltda"),
    "tecnologia": ("{surname} Tecnologia", "{stem} Tecnologia", "{place} TI", "{stem}{ending}"),
    "varejo": ("Lojas {surname}", "Magazine {place}", "{surname} Calçados", "Supermercado {place}"),
    "indústria": (
        "Metalúrgica {place}",
        "{surname} Indústria e Comércio Ltda",
        "Plásticos {place}",
        "Têxtil {surname}",
    ),
    "educação": ("Colégio {place}", "Escola {surname}", "Faculdade {place}", "Instituto {surname}"),
    "saúde": ("Clínica {surname}", "Hospital {place}", "Laboratório {surname}", "Odonto {place}"),
    "serviços financeiros": (
        "{surname} Investimentos",
        "{place} Seguros",
        "{surname} Contabilidade",
        "Fin{ending}",
    ),
    "e-commerce": ("{stem} Store", "Loja {stem}", "{stem}{ending} Commerce"),
    "consultoria": ("{surname} Consultoria", "{surname} & {surname2} Consultores", "Grupo {place}"),
    "marketing": ("Agência {stem}", "{stem} Comunicação", "{surname} Marketing Digital"),
    "logística": ("{surname} Transportes", "{place} Logística", "Transportadora {surname}"),
    "agronegócio": (
        "Agro {place}",
        "Fazenda {place}",
        "{surname} Agropecuária",
        "Cooperativa {place}",
    ),
}
LEGAL_SUFFIXES = (" Ltda", " S.A.", " ME", " Eireli", " Ltda.", " LTDA")
# Company names that put CSV quoting to work; chosen now and then, whatever the industry.
AWKWARD_COMPANIES = (
    ("Silva; Souza & Cia", "silvasouza.com.br", "consultoria"),
    ('"Bar do Zé"', "bardoze.com.br", "varejo"),
    ('Padaria "Pão Quente"', "paoquente.com.br", "varejo"),
    ("D'Ávila; Martins Advogados", "davilamartins.adv.br", "consultoria"),
    ("Comercial Irmãos Gonçalves; filial Campinas", "irmaosgoncalves.com.br", "indústria"),
)
COMPETITOR = ("Concorrente Tecnologia", "concorrente.com.br", "saas")
COMPETITOR_TITLES = ("Analista de Marketing", "Gerente de Produto", "SDR")
# (city, area code, weight)
CITIES = (
    ("São Paulo", "11", 34), ("Campinas", "19", 6), ("Rio de Janeiro", "21", 10),
    ("Belo Horizonte", "31", 7), ("Curitiba", "41", 7), ("Porto Alegre", "51", 6),
    ("Florianópolis", "48", 5), ("Joinville", "47", 2), ("Recife", "81", 4), ("Salvador", "71", 3),
    ("Fortaleza", "85", 3), ("Brasília", "61", 4), ("Goiânia", "62", 2),
    ("Ribeirão Preto", "16", 2), ("São José dos Campos", "12", 2), ("Santos", "13", 2),
    ("Vitória", "27", 1), ("Manaus", "92", 1),
)  # fmt: skip
PERSONAL_DOMAINS = (("gmail.com", 62), ("hotmail.com", 24), ("yahoo.com.br", 14))
# Other personal mailboxes, which the SLA's personal e-mail rule does not list.
OTHER_PERSONAL_DOMAINS = ("outlook.com", "uol.com.br", "bol.com.br", "icloud.com")

SOURCES = (
    ("Orgânico", 30),
    ("Google Ads", 25),
    ("LinkedIn", 15),
    ("E-mail", 12),
    ("Indicação", 8),
    ("Evento", 5),
)


class Rep(NamedTuple):
    name: str
    weight: int
    speed: float  # multiplies the time to first contact
    since: dt.date


REPS = (
    Rep("Carla Mendes", 22, 0.8, WINDOW_START),
    Rep("Diego Albuquerque", 20, 1.0, WINDOW_START),
    Rep("Fernanda Rocha", 20, 0.55, WINDOW_START),
    Rep("Gustavo Nogueira", 17, 1.9, WINDOW_START),
    Rep("Rafael Teixeira", 9, 1.2, WINDOW_START),
    Rep("Juliana Prado", 16, 1.0, dt.date(2026, 10, 1)),  # joined in October
)
RECYCLE_REASONS = (
    ("Sem orçamento", 30),
    ("Sem resposta", 25),
    ("Timing", 20),
    ("Fora do perfil", 12),
    ("Já usa concorrente", 8),
    ("Contato inválido", 5),
)
BAD_DATES = (
    "31/02/2026 10:00",
    "ontem",
    "30/02/2026",
    "32/08/2026 09:15",
    "#VALOR!",
    "2026-13-05",
    "amanhã 10h",
    "00/00/0000",
)
BLANKS = ("", "N/A", "-")
YES = (("Sim", 80), ("sim", 8), ("x", 5), ("1", 4), ("SIM", 3))
NO = (("Não", 55), ("", 25), ("nao", 8), ("0", 7), ("não", 5))
# Leads created per hour of the day (local time), relative.
HOUR_WEIGHTS = (
    0.2, 0.1, 0.05, 0.05, 0.05, 0.1, 0.3, 0.8, 2.0, 4.0, 5.0, 5.0,
    3.0, 3.5, 5.0, 5.0, 4.5, 3.5, 2.0, 1.5, 1.5, 1.3, 0.8, 0.4,
)  # fmt: skip
# The step before each step of the funnel (an exit's is the last step the lead reached).
STAGE_BEFORE = {"mql": "lead", "sql": "mql", "opportunity": "sql"}


class Company(NamedTuple):
    name: str
    domain: str
    size: int
    industry: int  # index into INDUSTRIES
    city: int  # index into CITIES


def ascii_slug(text: str, sep: str = "") -> str:
    """Lower-case ASCII letters and digits of `text`, accents stripped, words joined by `sep`."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return sep.join(re.findall("[a-z0-9]+", plain))


def cumulative(weights: Sequence[float]) -> list[float]:
    total = 0.0
    out = []
    for w in weights:
        total += w
        out.append(total)
    return out


def hours_of(day: dt.date) -> tuple[tuple[int, int], ...]:
    if day in OVERRIDES:
        return OVERRIDES[day]
    if day in HOLIDAYS or day.weekday() == 6:
        return ()
    return SATURDAY_HOURS if day.weekday() == 5 else WEEKDAY_HOURS


class LeadGenerator:
    """Makes one lead (a list of cells) at a time, in creation order."""

    def __init__(self, rng: Random, rows: int) -> None:
        self.rng = rng
        days = [WINDOW_START + dt.timedelta(days=d) for d in range(HORIZON_DAYS + 1)]
        self.day_br = [d.strftime("%d/%m/%Y") for d in days]
        self.day_iso = [d.isoformat() for d in days]
        self.hm = [f"{m // 60:02d}:{m % 60:02d}" for m in range(DAY)]
        self.ss = [f"{s:02d}" for s in range(60)]
        # Every business minute of the horizon, in order: the n-th business minute after t
        # is open[bisect_left(open, t) + n].
        self.open: list[int] = []
        for d, day in enumerate(days):
            for start, end in hours_of(day):
                self.open.extend(range(d * DAY + start, d * DAY + end))
        self.hour_cum = cumulative(HOUR_WEIGHTS)
        self.slug = {name: ascii_slug(name) for name in FEMALE_NAMES + MALE_NAMES + SURNAMES}
        self.title_kind = {
            title: (bool(DECISION_MAKER.search(title)), not NOT_A_BUYER.search(title))
            for row in TITLES
            for title in row[:2]
        } | {title: (False, False) for title in COMPETITOR_TITLES}
        self.eves = frozenset(
            d
            for d, day in enumerate(days[:-1])
            if day.weekday() < 5 and day not in HOLIDAYS and days[d + 1] in HOLIDAYS
        )
        self.morning_cum = cumulative(HOUR_WEIGHTS[:12])
        self.title_cum = cumulative([t[2] for t in TITLES])
        self.industry_cum = cumulative([i[1] for i in INDUSTRIES])
        self.city_cum = cumulative([c[2] for c in CITIES])
        self.source_cum = cumulative([s[1] for s in SOURCES])
        self.personal_cum = cumulative([p[1] for p in PERSONAL_DOMAINS])
        self.reason_cum = cumulative([r[1] for r in RECYCLE_REASONS])
        self.yes_cum = cumulative([y[1] for y in YES])
        self.no_cum = cumulative([n[1] for n in NO])
        self.reps_cum = [
            cumulative(
                [r.weight if r.since <= WINDOW_START + dt.timedelta(days=d) else 0 for r in REPS]
            )
            for d in range(WINDOW_DAYS + 1)
        ]
        pool = max(60, min(int(rows * 0.6), 60_000))
        self.companies = [self._company() for _ in range(pool)]
        self.awkward = [
            Company(name, domain, self._size(INDUSTRIES[i]), i, self._pick(self.city_cum))
            for name, domain, ind in AWKWARD_COMPANIES
            for i in [next(k for k, x in enumerate(INDUSTRIES) if x[0] == ind)]
        ]
        self.competitor = Company(COMPETITOR[0], COMPETITOR[1], 140, 0, 0)

    # -- small helpers -----------------------------------------------------------------------

    def _pick(self, cum: list[float]) -> int:
        return bisect_right(cum, self.rng.random() * cum[-1])

    def _size(self, industry: tuple[str, int, int, float, tuple[str, ...]]) -> int:
        size = self.rng.lognormvariate(math.log(industry[2]), industry[3])
        return max(1, min(60_000, round(size)))

    def _company(self) -> Company:
        rng = self.rng
        i = self._pick(self.industry_cum)
        canonical = INDUSTRIES[i][0]
        name = rng.choice(NAME_PATTERNS[canonical]).format(
            stem=rng.choice(STARTUP_STEMS),
            ending=rng.choice(STARTUP_ENDINGS),
            surname=rng.choice(SURNAMES),
            surname2=rng.choice(SURNAMES),
            place=rng.choice(PLACES),
        )
        words = ascii_slug(name, " ").split()
        words = [w for w in words if w not in {"ltda", "e", "sa", "me", "eireli", "de", "do", "da"}]
        domain = "".join(words[:2]) or "empresa"
        domain += rng.choice((".com.br", ".com.br", ".com.br", ".com", ".net.br", ".io"))
        if rng.random() < 0.25 and canonical not in TARGET_INDUSTRIES and "Ltda" not in name:
            name += rng.choice(LEGAL_SUFFIXES)
        return Company(name, domain, self._size(INDUSTRIES[i]), i, self._pick(self.city_cum))

    def day_weights(self) -> list[float]:
        """Relative number of leads created on each day of the window, with noise."""
        rng = self.rng
        weights = []
        for d in range(WINDOW_DAYS + 1):
            day = WINDOW_START + dt.timedelta(days=d)
            w = (1.1, 1.05, 1.0, 0.95, 0.85, 0.3, 0.25)[day.weekday()]
            if day in HOLIDAYS:
                w = 0.35
            if day in EVENT_DAYS:
                w *= 1.8
            if day == EVENT_IMPORT_DAY:
                w *= 2.0
            if day >= CAMPAIGN_START:
                w *= 1.5
            w *= 0.85 + 0.35 * d / WINDOW_DAYS  # marketing ramps up
            w *= rng.uniform(0.8, 1.2)
            if d == WINDOW_DAYS:  # the export is taken at noon
                w *= self.morning_cum[-1] / self.hour_cum[-1]
            weights.append(w)
        return weights

    def minute_of_day(self, morning_only: bool = False) -> int:
        cum = self.morning_cum if morning_only else self.hour_cum
        return self._pick(cum) * 60 + int(self.rng.random() * 60)

    def business_after(self, t: int, minutes: int) -> int:
        """The time `minutes` business minutes after `t` (past the horizon: far future)."""
        j = bisect_left(self.open, t) + minutes
        return self.open[j] if j < len(self.open) else 10**9

    def business_later(self, t: int, days: float) -> int:
        """A business-hours time some `days` (calendar) after `t`."""
        return self.business_after(t + int(days * DAY), int(self.rng.random() * 300))

    def fmt(self, t: int, style: int) -> str:
        d, m = divmod(t, DAY)
        if style == 0:
            return f"{self.day_br[d]} {self.hm[m]}"
        if style == 1:
            return self.day_br[d]
        # The seconds are a function of the minute, so that the order of events holds.
        return f"{self.day_iso[d]} {self.hm[m]}:{self.ss[t * 7919 % 60]} {OFFSET}"

    # -- one lead ----------------------------------------------------------------------------

    def lead(self, lead_id: int, created: int, campaign: int) -> list[str]:
        rng = self.rng
        rnd = rng.random

        # Who: the company, the person, their title and mailbox. (`seq[int(rnd() * len(seq))]`
        # is `rng.choice(seq)`, made fast: this runs a million times for the benchmarks.)
        r = rnd()
        if r < 0.0025:
            company = self.competitor
        elif r < 0.0085:
            company = self.awkward[int(rnd() * len(self.awkward))]
        else:
            company = self.companies[int(rnd() * len(self.companies))]
        female = rnd() < 0.48
        names = FEMALE_NAMES if female else MALE_NAMES
        first = names[int(rnd() * len(names))]
        surname = SURNAMES[int(rnd() * len(SURNAMES))]
        full_name = f"{first} {surname}"
        if rnd() < 0.4:
            full_name = f"{first} {SURNAMES[int(rnd() * len(SURNAMES))]} {surname}"
        title_row = TITLES[self._pick(self.title_cum)]
        title = title_row[1] if female else title_row[0]
        if company is self.competitor:
            title = COMPETITOR_TITLES[int(rnd() * len(COMPETITOR_TITLES))]
        decision_maker, buyer = self.title_kind[title]
        fit = 25 if decision_maker else 0
        buyer = buyer and company is not self.competitor

        f, la = self.slug[first], self.slug[surname]
        r = rnd()
        if company is self.competitor or r >= 0.17:
            domain = company.domain
            r = rnd()
            if r < 0.35:
                local = f"{f}.{la}"
            elif r < 0.5:
                local = f
            elif r < 0.65:
                local = f"{f}{la[0]}"
            elif r < 0.85:
                local = f"{f[0]}{la}"
            else:
                local = f"{f}_{la}"
        else:
            if r < 0.15:
                domain = PERSONAL_DOMAINS[self._pick(self.personal_cum)][0]
                fit -= 15
            else:
                domain = OTHER_PERSONAL_DOMAINS[int(rnd() * len(OTHER_PERSONAL_DOMAINS))]
            r = rnd()
            if r < 0.3:
                local = f"{f}.{la}"
            elif r < 0.55:
                local = f"{f}{la}"
            elif r < 0.8:
                local = f"{f}{la}{70 + int(rnd() * 30)}"
            else:
                local = f"{f}_{la}{1 + int(rnd() * 29)}"
        email = f"{local}@{domain}"
        if rnd() < 0.01:
            email = email.capitalize() if rnd() < 0.7 else f" {email}"

        industry = INDUSTRIES[company.industry]
        if industry[0] in TARGET_INDUSTRIES:
            fit += 15
        size = company.size
        if rnd() < 0.15:  # people guess their company's head count
            size = max(1, int(round(size * rng.uniform(0.6, 1.5), -1 if size > 30 else 0)))
        if 50 <= size <= 1000:
            fit += 20

        source = SOURCES[self._pick(self.source_cum)][0]
        if (campaign == TRADE_SHOW and rnd() < 0.5) or campaign == WEBINAR:
            source = "Evento"

        # Marketing's automation marks MQLs much like the SLA would, but not exactly.
        grade_p = 0.9 if fit >= 50 else 0.8 if fit >= 30 else 0.08 if fit >= 15 else 0.03
        if not buyer:
            grade_p = 0.1
        if source == "Indicação":
            grade_p = min(0.95, grade_p * 1.3)
        if campaign == WEBINAR:
            grade_p = min(0.95, grade_p * 1.5)
        is_mql = rnd() < grade_p

        d_created = created // DAY
        rep_cum = self.reps_cum[min(d_created, WINDOW_DAYS)]
        rep = REPS[self._pick(rep_cum)]
        owner = "" if rnd() < 0.03 else rep.name

        # The funnel, in time order; an event after the reference time has not happened.
        mql = contact = sql = opp = won = lost = recycled = since = -1
        reason = ""
        stage = "lead"
        if is_mql:
            r = rnd()
            if campaign == WEBINAR:  # asked for a demo when the webinar ended
                mql = max(
                    created + 1, (created // DAY) * DAY + WEBINAR_MINUTE + rng.randint(40, 60)
                )
            elif r < 0.3:
                mql = created + rng.randint(1, 45)
            elif r < 0.65:
                mql = created + int(rng.uniform(60, 48 * 60))
                if mql % DAY < 7 * 60:
                    mql += rng.randint(7 * 60, 10 * 60)
            else:
                days = min(45, 2 + int(rng.lognormvariate(math.log(4), 0.8)))
                mql = (d_created + days) * DAY + self.minute_of_day()
            if mql >= REF_MINUTE:
                mql = -1
        if mql >= 0:
            stage = "mql"
            r = rnd()
            open_between = bisect_left(self.open, mql) - bisect_left(self.open, created)
            if r < 0.035 and open_between > 10:  # an SDR called before marketing flagged it
                contact = self.business_after(created, rng.randint(5, open_between - 1))
            elif r < 0.105:
                contact = -1  # never contacted
            else:
                delay = rng.lognormvariate(math.log(90), 1.1) * rep.speed
                if fit >= 50:
                    delay *= 0.7
                if rnd() < 0.08:
                    delay *= rng.uniform(3, 10)  # forgotten for a while
                if mql // DAY in self.eves and mql % DAY >= 12 * 60:
                    delay *= 3  # the afternoon before a holiday, half the team is gone
                if rnd() < 0.04 and 8 * 60 <= mql % DAY < 21 * 60:  # on WhatsApp, after hours
                    contact = mql + rng.randint(3, 180)
                else:
                    contact = self.business_after(mql, max(2, int(delay)))
            if contact >= REF_MINUTE:
                contact = -1
            since = max(mql, contact)
            r = rnd()
            if contact < 0:
                if r < 0.25:
                    recycled = self.business_after(
                        mql, int(rng.lognormvariate(math.log(1500), 0.6))
                    )
                    reason = rng.choice(("Sem resposta", "Sem resposta", "Contato inválido"))
            elif r < 0.31:
                sql = self.business_after(since, int(rng.lognormvariate(math.log(600), 1.0)))
            elif r < 0.59:
                recycled = self.business_after(since, int(rng.lognormvariate(math.log(900), 0.9)))
                reason = RECYCLE_REASONS[self._pick(self.reason_cum)][0]
            elif r < 0.66:
                lost = self.business_after(since, int(rng.lognormvariate(math.log(1500), 0.8)))
            if sql >= REF_MINUTE:
                sql = -1
            if sql >= 0:
                stage = "sql"
                r = rnd()
                if r < 0.6:
                    opp = self.business_later(sql, rng.uniform(0.5, 14))
                elif r < 0.75:
                    lost = self.business_later(sql, rng.uniform(2, 30))
                elif r < 0.83:
                    recycled = self.business_later(sql, rng.uniform(2, 20))
                    reason = rng.choice(("Timing", "Sem orçamento", "Timing", "Fora do perfil"))
                if opp >= REF_MINUTE:
                    opp = -1
                if opp >= 0:
                    stage = "opportunity"
                    r = rnd()
                    if r < 0.33:
                        won = self.business_later(opp, rng.uniform(5, 40))
                    elif r < 0.63:
                        lost = self.business_later(opp, rng.uniform(5, 40))
            if won >= REF_MINUTE:
                won = -1
            if lost >= REF_MINUTE:
                lost = -1
            if recycled >= REF_MINUTE:
                recycled = -1
                reason = ""
            if won >= 0:
                stage = "won"
            elif lost >= 0:
                stage = "lost"
            elif recycled >= 0:
                stage = "recycled"
            if reason and rnd() < 0.05:
                reason = reason.lower()

        # Engagement: MQLs and leads deeper in the funnel engaged more.
        hot = mql >= 0
        opens = min(40, int(rng.expovariate(1 / (12 if hot else 3))))
        if hot:
            pricing = 0 if rnd() < 0.2 else 1 + int(rnd() * 6)
            demo = campaign == WEBINAR or rnd() < (0.7 if sql >= 0 else 0.55)
        else:
            pricing = 0 if rnd() < 0.85 else 1 + int(rnd() * 3)
            demo = rnd() < 0.03

        # The lead's last activity: at least its creation, often later.
        last = max(created, mql)
        latest_sales = max(contact, sql, opp, won, lost)
        if rnd() < 0.7:  # opened an e-mail, came back to the site...
            later = (d_created + int(rnd() * 60)) * DAY + self.minute_of_day()
            last = max(last, later)
        if latest_sales >= 0 and rnd() < 0.6:
            later = (latest_sales // DAY + int(rnd() * 5)) * DAY + self.minute_of_day()
            last = max(last, later)
        if recycled >= 0 and rnd() < 0.55:
            later = (recycled // DAY + rng.randint(1, 12)) * DAY + self.minute_of_day()
            last = max(last, later)
        if last >= REF_MINUTE:
            last = max(created, mql, latest_sales, recycled, REF_MINUTE - rng.randint(1, 600))

        # The CRM's stage label, now and then out of step with the dates.
        label = self._label(stage)
        if rnd() < 0.03:
            if stage != "lead" and rnd() < 0.7:  # nobody moved the card: the stage before
                step = "opportunity" if opp >= 0 else "sql" if sql >= 0 else "mql"
                label = self._label(STAGE_BEFORE.get(stage, step))
            else:
                label = self._label(
                    rng.choice(("lead", "mql", "sql", "opportunity", "won", "lost"))
                )

        # Cells.
        iso_row = rnd() < 0.03  # leads that came in through the API integration
        style = 2 if iso_row else 0
        created_style = 1 if not iso_row and rnd() < 0.015 else style  # spreadsheet import
        cells = [
            str(lead_id),
            self._person_name(full_name),
            email,
            self._phone(CITIES[company.city][1]),
            self._title_cell(title),
            company.name,
            self._size_cell(size),
            self._industry_cell(industry[4]),
            CITIES[company.city][0],
            source,
            owner,
            label,
            self.fmt(created, created_style),
            self.fmt(mql, style) if mql >= 0 else "",
            self.fmt(contact, style) if contact >= 0 else "",
            self.fmt(sql, style) if sql >= 0 else "",
            self._date_cell(opp, sql, style),
            self._date_cell(won, opp, style),
            self._date_cell(lost, max(since, sql, opp), style),
            self._date_cell(recycled, max(since, sql), style),
            reason,
            self._date_cell(last, max(created, mql, contact, sql, opp, won, lost), style),
            str(opens),
            str(pricing),
            YES[self._pick(self.yes_cum)][0] if demo else NO[self._pick(self.no_cum)][0],
        ]
        if rnd() < 0.015:
            self._mess_up(cells)
        return cells

    def _label(self, stage: str) -> str:
        rnd = self.rng.random
        if stage == "lead":
            return "Lead" if rnd() < 0.8 else "Assinante"
        if stage == "mql":
            return "Lead Qualificado" if rnd() < 0.75 else "MQL"
        if stage == "sql":
            return "SQL" if rnd() < 0.6 else "Oportunidade aceita"
        return {
            "opportunity": "Oportunidade",
            "won": "Cliente",
            "lost": "Perdido",
            "recycled": "Devolvido",
        }[stage]

    def _date_cell(self, t: int, previous: int, style: int) -> str:
        """A timestamp; a date alone now and then, when its day is after the previous event's."""
        if t < 0:
            return ""
        if style == 0 and t // DAY > previous // DAY and self.rng.random() < 0.06:
            return self.day_br[t // DAY]
        return self.fmt(t, style)

    def _person_name(self, name: str) -> str:
        r = self.rng.random()
        if r < 0.04:
            return name.lower()
        if r < 0.05:
            return name.upper()
        if r < 0.06:
            return name.split()[0]
        return name

    def _phone(self, ddd: str) -> str:
        rnd = self.rng.random
        r = rnd()
        mobile = 96000 + int(rnd() * 4000)
        line = f"{int(rnd() * 10000):04d}"
        if r < 0.5:
            return f"({ddd}) {mobile}-{line}"
        if r < 0.7:
            return f"{ddd}{mobile}{line}"
        if r < 0.85:
            return f"+55 {ddd} {mobile}-{line}"
        if r < 0.95:
            return f"({ddd}) {2000 + int(rnd() * 4000)}-{line}"
        return ""

    def _title_cell(self, title: str) -> str:
        r = self.rng.random()
        if r < 0.04:
            return ""
        if r < 0.055:
            return f"  {title.lower()}"
        if r < 0.07:
            return title.upper()
        if r < 0.085:
            return f"{title} "
        return title

    def _size_cell(self, size: int) -> str:
        rng = self.rng
        r = rng.random()
        if r < 0.04:
            return ""
        if r < 0.05:
            return "N/A"
        if r < 0.07:  # a range from a form's drop-down
            for low, high in ((1, 10), (11, 50), (50, 200), (201, 500), (501, 1000), (1001, 5000)):
                if size <= high:
                    return f"{low}-{high}" if rng.random() < 0.8 else f"{low} a {high}"
            return "5000+"
        if size >= 1000 and rng.random() < 0.75:
            return f"{size:,}".replace(",", ".")
        return str(size)

    def _industry_cell(self, spellings: tuple[str, ...]) -> str:
        r = self.rng.random()
        if r < 0.03:
            return ""
        if r < 0.75:
            return spellings[0]
        return spellings[int(self.rng.random() * len(spellings))]

    def _mess_up(self, cells: list[str]) -> None:
        """One messy cell, as people and integrations leave them."""
        rng = self.rng
        r = rng.random()
        if r < 0.4:
            filled = [c for c in DATE_COLUMNS if cells[c]]
            cells[rng.choice(filled)] = rng.choice(BAD_DATES)
        elif r < 0.55:
            cells[COL["Funcionários"]] = rng.choice(("muitos", "mil", "??", "uns 50"))
        elif r < 0.65:
            cells[COL["Aberturas de e-mail"]] = rng.choice(("dez", "muitas", "N/A", "-"))
        elif r < 0.72:
            cells[COL["Visitas à página de preços"]] = rng.choice(("várias", "-", "2.5"))
        elif r < 0.8:
            cells[COL["Pediu demonstração"]] = rng.choice(("talvez", "?", "pediu"))
        else:
            column = rng.choice(("Setor", "Cargo", "Empresa", "Origem", "Dono do Lead", "Email"))
            cells[COL[column]] = rng.choice(BLANKS)


def generate(rows: int, seed: int, out: IO[str]) -> int:
    """Write the header and `rows` leads to `out`; returns the number of rows written."""
    rng = Random(seed)
    gen = LeadGenerator(rng, rows)
    duplicates = 0 if rows < 50 else max(3, round(rows / 400))
    unique = rows - duplicates
    dup_sources = set(rng.sample(range(unique), duplicates))
    newline_rows = set(rng.sample(range(unique), min(unique, max(1, round(rows / 1000)))))
    pending: list[tuple[int, int, list[str]]] = []  # (emit after row n, tie-break, cells)

    writer = csv.writer(out, delimiter=";", lineterminator="\n")
    writer.writerow(HEADERS)

    # Leads per day: the cumulative expected count, rounded, so the total is exact.
    weights = gen.day_weights()
    total_weight = sum(weights)
    event_import = (EVENT_IMPORT_DAY - WINDOW_START).days
    next_id = 100_000
    written = n = 0
    cum = 0.0
    for d, w in enumerate(weights):
        start = round(cum / total_weight * unique)
        cum += w
        count = round(cum / total_weight * unique) - start
        day = WINDOW_START + dt.timedelta(days=d)
        last_day = d == WINDOW_DAYS
        minutes = sorted(gen.minute_of_day(morning_only=last_day) for _ in range(count))
        leads = [(m, TRADE_SHOW if day in EVENT_DAYS else USUAL) for m in minutes]
        if d == event_import:  # the badges scanned at the trade show, imported at once
            leads = [
                (EVENT_IMPORT_MINUTE if rng.random() < 0.6 else m, TRADE_SHOW) for m in minutes
            ]
        elif day == WEBINAR_DAY:  # webinar sign-ins
            leads = [
                (WEBINAR_MINUTE + rng.randrange(-30, 45), WEBINAR) if rng.random() < 0.4 else lead
                for lead in leads
            ]
        for minute, campaign in sorted(leads):
            next_id += 1 if rng.random() < 0.93 else rng.randint(2, 4)  # deleted leads leave gaps
            cells = gen.lead(next_id, d * DAY + minute, campaign)
            if n in newline_rows:
                if rng.random() < 0.5:
                    cells[COL["Empresa"]] += "\nFilial " + CITIES[rng.randrange(len(CITIES))][0]
                else:
                    cells[COL["Cargo"]] = cells[COL["Cargo"]].strip() + "\n(interino)"
            writer.writerow(cells)
            written += 1
            if n in dup_sources:
                heapq.heappush(pending, (n + rng.randint(1, 300), n, _twin(rng, cells)))
            while pending and pending[0][0] <= n:
                writer.writerow(heapq.heappop(pending)[2])
                written += 1
            n += 1
    while pending:
        writer.writerow(heapq.heappop(pending)[2])
        written += 1
    return written


def _twin(rng: Random, cells: list[str]) -> list[str]:
    """The same lead exported a second time, sometimes with a small difference."""
    twin = list(cells)
    r = rng.random()
    if r < 0.3:
        twin[COL["Estágio no funil"]] = {"Lead Qualificado": "MQL", "MQL": "Lead Qualificado"}.get(
            twin[COL["Estágio no funil"]], twin[COL["Estágio no funil"]]
        )
    elif r < 0.5:
        twin[COL["Email"]] = twin[COL["Email"]].upper()
    elif r < 0.65:
        twin[COL["Aberturas de e-mail"]] = "0"
    return twin


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Generate a realistic, seeded lead export (RD Station style) for examples/sla.yaml."
    )
    parser.add_argument("--rows", type=int, default=DEFAULT_ROWS, help="data rows (default 2000)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="random seed (default 2026)")
    parser.add_argument(
        "--output",
        default=str(DEFAULT_OUTPUT),
        help="file to write, '-' for standard output (default examples/leads.csv)",
    )
    args = parser.parse_args(argv)
    if args.rows < 1:
        parser.error("--rows must be at least 1")

    began = time.perf_counter()
    if args.output == "-":
        written = generate(args.rows, args.seed, sys.stdout)
    else:
        path = Path(args.output)
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(path.name + ".partial")
        with partial.open("w", encoding="utf-8", newline="", buffering=1 << 20) as out:
            written = generate(args.rows, args.seed, out)
        partial.replace(path)
        print(
            f"wrote {written:,} rows to {path} ({path.stat().st_size / 1e6:.1f} MB) "
            f"in {time.perf_counter() - began:.1f}s",
            file=sys.stderr,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())

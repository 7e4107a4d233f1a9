"""Which header of an unfamiliar export holds each standard field, by name and synonyms.

`leadsla init --from` starts from here: the standard fields of examples/sla.yaml, each with the
names CRMs give it in English and Portuguese (the header sets of HubSpot, Salesforce reports
and Data Loader, RD Station, Pipedrive, Zoho and Mautic, as exported), compared ignoring
accents, case, spacing and punctuation (`Estágio no funil` = `estagio no funil`,
`CreatedDate` = `Created Date` = `date_added`'s words...). Each header maps one field at most;
where several headers fit one field, the best synonym wins and the others are kept as
alternatives, for the starter to name them."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Literal

Kind = Literal["text", "number", "boolean", "timestamp"]
Language = Literal["en", "pt"]

STANDARD_FIELDS: dict[str, Kind] = {
    "id": "text",
    "email": "text",
    "name": "text",
    "company": "text",
    "job_title": "text",
    "industry": "text",
    "company_size": "number",
    "country": "text",
    "state": "text",
    "source": "text",
    "owner": "text",
    "stage": "text",
    "created_at": "timestamp",
    "mql_at": "timestamp",
    "first_contact_at": "timestamp",
    "sql_at": "timestamp",
    "opportunity_at": "timestamp",
    "won_at": "timestamp",
    "lost_at": "timestamp",
    "recycled_at": "timestamp",
    "recycle_reason": "text",
    "last_activity_at": "timestamp",
    "email_opens": "number",
    "email_clicks": "number",
    "page_views": "number",
    "pricing_page_views": "number",
    "form_submissions": "number",
    "demo_requested": "boolean",
}
"""The fields a starter maps, in the order it writes them, with the type their values have."""

# Synonyms, best first, written as `words()` leaves them (lower case, no accents, single
# spaces). The field's own name (`created_at` -> `created at`) always matches first.
ENGLISH: dict[str, tuple[str, ...]] = {
    "id": ("record id", "lead id", "contact id", "deal id", "person id", "contact record id"),
    "email": (
        "e mail",
        "email address",
        "e mail address",
        "person email",
        "contact email",
        "work email",
        "primary email",
    ),
    "name": (
        "full name",
        "contact name",
        "lead name",
        "person name",
        "first name",
        "firstname",
        "given name",
    ),
    "company": (
        "company name",
        "organization",
        "organization name",
        "organisation",
        "account name",
        "account",
        "person organization",
        "deal organization",
    ),
    "job_title": ("title", "job role", "position", "designation", "role", "person job title"),
    "industry": ("industry name", "vertical", "sector"),
    "company_size": (
        "number of employees",
        "no of employees",
        "employees",
        "num employees",
        "employee count",
        "headcount",
        "size",
    ),
    "country": ("country region", "country name", "person country"),
    "state": ("state region", "state province", "province", "region"),
    "source": (
        "lead source",
        "original source",
        "source of lead",
        "deal source",
        "channel",
        "original source type",
    ),
    "owner": (
        "contact owner",
        "lead owner",
        "deal owner",
        "record owner",
        "owner name",
        "owner id",
        "assigned to",
        "sales rep",
        "deal owner name",
    ),
    "stage": (
        "lifecycle stage",
        "lead status",
        "status",
        "deal stage",
        "funnel stage",
        "lead stage",
        "stage name",
    ),
    "created_at": (
        "create date",
        "created date",
        "created time",
        "created",
        "created on",
        "date created",
        "creation date",
        "date added",
        "deal deal created",
        "deal created",
        "lead created",
        "person created",
    ),
    "mql_at": (
        "became a marketing qualified lead date",
        "mql date",
        "date became mql",
        "marketing qualified date",
        "marketing qualified lead date",
        "mql",
    ),
    "first_contact_at": (
        "first contact",
        "first contact date",
        "date of first contact",
        "date of first engagement",
        "first engagement date",
        "first outreach date",
        "first touch date",
        "first response date",
    ),
    "sql_at": (
        "became a sales qualified lead date",
        "sql date",
        "date became sql",
        "sales qualified date",
        "sales qualified lead date",
        "sql",
        "accepted date",
    ),
    "opportunity_at": (
        "became an opportunity date",
        "opportunity date",
        "converted date",
        "conversion date",
        "opportunity created date",
    ),
    "won_at": (
        "became a customer date",
        "won date",
        "won time",
        "deal won time",
        "closed won date",
        "date won",
    ),
    "lost_at": ("lost date", "lost time", "deal lost time", "closed lost date", "date lost"),
    "recycled_at": ("recycled date", "recycle date", "returned date", "date recycled"),
    "recycle_reason": ("recycled reason", "return reason", "reason recycled"),
    "last_activity_at": (
        "last activity date",
        "last activity",
        "last activity time",
        "last active",
        "last engagement date",
        "deal last activity date",
        "last contacted",
    ),
    "email_opens": (
        "marketing emails opened",
        "emails opened",
        "email opened",
        "opens",
        "e mail opens",
        "email open count",
    ),
    "email_clicks": (
        "marketing emails clicked",
        "emails clicked",
        "email clicked",
        "clicks",
        "e mail clicks",
        "email click count",
    ),
    "page_views": (
        "number of pageviews",
        "pageviews",
        "page view count",
        "number of page views",
        "web page views",
    ),
    "pricing_page_views": ("pricing views", "pricing page visits", "visits to pricing page"),
    "form_submissions": (
        "number of form submissions",
        "forms submitted",
        "form submission count",
        "conversions",
        "number of conversions",
    ),
    "demo_requested": ("requested demo", "requested a demo", "asked for a demo", "demo request"),
}

PORTUGUESE: dict[str, tuple[str, ...]] = {
    "id": ("id do registro", "codigo", "identificador", "id do lead", "id do contato"),
    "email": ("e mail", "endereco de e mail", "endereco de email", "email do contato"),
    "name": (
        "nome",
        "nome completo",
        "nome do lead",
        "nome do contato",
        "pessoa nome",
        "primeiro nome",
    ),
    "company": ("empresa", "nome da empresa", "organizacao", "organizacao nome", "conta"),
    "job_title": ("cargo", "funcao", "cargo do contato", "pessoa cargo"),
    "industry": ("setor", "segmento", "ramo", "ramo de atividade", "industria", "setor de atuacao"),
    "company_size": (
        "funcionarios",
        "numero de funcionarios",
        "n de funcionarios",
        "tamanho da empresa",
        "porte",
        "porte da empresa",
        "qtd de funcionarios",
    ),
    "country": ("pais", "pais regiao"),
    "state": ("estado", "uf", "estado regiao", "estado provincia"),
    "source": (
        "origem",
        "origem do lead",
        "origem da primeira conversao",
        "fonte",
        "fonte original",
        "canal",
        "origem original",
    ),
    "owner": (
        "dono do lead",
        "proprietario do contato",
        "proprietario do lead",
        "proprietario do negocio",
        "proprietario",
        "dono",
        "responsavel",
        "vendedor",
        "vendedor responsavel",
        "negocio proprietario",
    ),
    "stage": (
        "estagio no funil",
        "estagio do ciclo de vida",
        "estagio do funil",
        "etapa do funil",
        "etapa",
        "estagio",
        "status do lead",
        "negocio etapa",
        "fase",
    ),
    "created_at": (
        "data de criacao",
        "data da criacao",
        "criado em",
        "data de cadastro",
        "data da primeira conversao",
        "data de entrada",
        "negocio negocio criado",
        "negocio criado",
    ),
    "mql_at": (
        "data de qualificacao",
        "data da qualificacao",
        "data mql",
        "data do mql",
        "data em que se tornou um lead qualificado para marketing",
        "tornou se um lead qualificado para marketing",
        "qualificado para marketing em",
    ),
    "first_contact_at": (
        "primeiro contato",
        "data do primeiro contato",
        "data de primeiro contato",
        "data do primeiro engajamento",
    ),
    "sql_at": (
        "data sql",
        "data do sql",
        "data em que se tornou um lead qualificado para vendas",
        "tornou se um lead qualificado para vendas",
        "qualificado para vendas em",
        "data de aceite",
    ),
    "opportunity_at": (
        "data da oportunidade",
        "data de oportunidade",
        "data em que se tornou uma oportunidade",
        "oportunidade em",
        "data de conversao",
    ),
    "won_at": (
        "data da venda",
        "data de ganho",
        "data do ganho",
        "ganho em",
        "data em que se tornou cliente",
        "negocio ganho em",
        "data de fechamento ganho",
    ),
    "lost_at": ("data da perda", "data de perda", "perdido em", "negocio perdido em"),
    "recycled_at": ("data de devolucao", "data da devolucao", "devolvido em"),
    "recycle_reason": ("motivo da devolucao", "motivo de devolucao", "motivo do retorno"),
    "last_activity_at": (
        "ultima atividade",
        "data da ultima atividade",
        "data de ultima atividade",
        "ultima interacao",
        "data da ultima interacao",
        "negocio data da ultima atividade",
    ),
    "email_opens": (
        "aberturas de e mail",
        "aberturas de email",
        "e mails abertos",
        "emails abertos",
        "aberturas",
    ),
    "email_clicks": (
        "cliques em e mail",
        "cliques em email",
        "cliques de e mail",
        "e mails clicados",
        "cliques",
    ),
    "page_views": (
        "visualizacoes de pagina",
        "numero de visualizacoes de pagina",
        "paginas vistas",
        "visitas ao site",
        "visitas",
    ),
    "pricing_page_views": (
        "visitas a pagina de precos",
        "visitas na pagina de precos",
        "visualizacoes da pagina de precos",
    ),
    "form_submissions": (
        "numero de conversoes",
        "conversoes",
        "formularios enviados",
        "envios de formulario",
        "numero de envios de formulario",
    ),
    "demo_requested": (
        "pediu demonstracao",
        "solicitou demonstracao",
        "demonstracao solicitada",
        "demo solicitada",
        "pediu demo",
    ),
}

# Last resort, after every synonym: words that name one field whatever surrounds them.
PATTERNS: dict[str, tuple[str, ...]] = {
    "email": (r"^(e ?mail|email)( \d+)?$",),
    "mql_at": (r"\bmarketing qualified\b", r"\bqualificad[oa] para marketing\b"),
    "sql_at": (r"\bsales qualified\b", r"\bqualificad[oa] para vendas\b"),
    "won_at": (r"\bwon (date|time|on|at)\b", r"\bdata (da|de) venda\b"),
    "lost_at": (r"\blost (date|time|on|at)\b",),
    "first_contact_at": (r"\bfirst contact\b", r"\bprimeiro contato\b"),
    "last_activity_at": (r"\blast activity\b", r"\bultima atividade\b"),
    "created_at": (
        r"^(date|data) (de |da )?(criacao|created|cadastro)\b",
        r"\bcreated (date|time|at|on)$",
    ),
    "owner": (r"\bowner$", r"^(dono|proprietario)\b"),
}

PATTERN_RANK = 1000
"""Rank of a pattern's match: after every synonym."""


def words(header: str) -> str:
    """`Estágio no funil` -> `estagio no funil`; `CreatedDate` -> `created date`;
    `date_added` -> `date added`; `Deal - Owner` -> `deal owner`."""
    split = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", header)
    plain = "".join(
        ch for ch in unicodedata.normalize("NFKD", split) if not unicodedata.combining(ch)
    )
    return " ".join(re.sub(r"[^0-9a-z]+", " ", plain.casefold()).split())


@dataclass(frozen=True)
class Match:
    """One field and the header chosen for it; `alternatives` are other headers that fit."""

    field: str
    header: str
    index: int
    language: Language | None
    alternatives: tuple[str, ...] = ()


@dataclass(frozen=True)
class Mapping:
    matches: tuple[Match, ...]
    """In STANDARD_FIELDS order."""
    unmapped: tuple[str, ...]
    """Headers no field took, in the export's order (blank ones left out)."""
    repeated: tuple[str, ...]
    """Headers written twice or more: no mapping can tell them apart."""

    @property
    def language(self) -> Language:
        """`pt` when more headers matched Portuguese synonyms than English ones."""
        pt = sum(1 for m in self.matches if m.language == "pt")
        en = sum(1 for m in self.matches if m.language == "en")
        return "pt" if pt > en else "en"

    def header_of(self, field: str) -> str | None:
        return next((m.header for m in self.matches if m.field == field), None)


def _synonyms() -> dict[str, dict[str, tuple[int, Language | None]]]:
    """field -> words -> (rank, language): the field's own name first, then both languages'
    synonyms interleaved by rank (a synonym in both lists counts for neither language)."""
    table: dict[str, dict[str, tuple[int, Language | None]]] = {}
    for field in STANDARD_FIELDS:
        found: dict[str, tuple[int, Language | None]] = {words(field): (0, None)}
        languages: tuple[tuple[Language, dict[str, tuple[str, ...]]], ...] = (
            ("en", ENGLISH),
            ("pt", PORTUGUESE),
        )
        for language, lists in languages:
            for rank, synonym in enumerate(lists.get(field, ()), start=1):
                key = words(synonym)
                if key in found:
                    if found[key][1] != language and found[key][0]:
                        found[key] = (min(found[key][0], rank), None)
                    continue
                found[key] = (rank, language)
        table[field] = found
    return table


def match_columns(headers: list[str]) -> Mapping:
    """The header of each standard field found in `headers`; each header used once, the best
    rank first (then the field's order, then the header's)."""
    table = _synonyms()
    counts: dict[str, int] = {}
    for h in headers:
        counts[h] = counts.get(h, 0) + 1
    repeated = tuple(h for h in dict.fromkeys(headers) if h and counts[h] > 1)
    order = list(STANDARD_FIELDS)
    candidates: list[tuple[int, int, int, str, Language | None]] = []
    for i, header in enumerate(headers):
        if not header or counts[header] > 1:
            continue
        key = words(header)
        if not key:
            continue
        for f, synonyms in table.items():
            if key in synonyms:
                rank, language = synonyms[key]
                candidates.append((rank, order.index(f), i, f, language))
                continue
            for n, pattern in enumerate(PATTERNS.get(f, ())):
                if re.search(pattern, key):
                    candidates.append((PATTERN_RANK + n, order.index(f), i, f, None))
                    break
    candidates.sort()
    chosen: dict[str, tuple[int, Language | None]] = {}
    taken: set[int] = set()
    for _rank, _pos, i, f, language in candidates:
        if f in chosen or i in taken:
            continue
        chosen[f] = (i, language)
        taken.add(i)
    matches = []
    for f in order:
        if f not in chosen:
            continue
        i, language = chosen[f]
        others = tuple(
            dict.fromkeys(
                headers[j]
                for _r, _p, j, g, _l in candidates
                if g == f and j != i and j not in taken
            )
        )
        matches.append(Match(f, headers[i], i, language, others))
    unmapped = tuple(h for i, h in enumerate(headers) if i not in taken and h and counts[h] == 1)
    return Mapping(tuple(matches), unmapped, repeated)

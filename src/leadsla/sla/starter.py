"""`leadsla init`: the commented starter SLA, written atomically and never over a file.

With `--from EXPORT` the starter reads that export: `ExportFacts` (found by data/profile.py)
becomes its `leads` section, and every section and rule whose fields the export lacks is
written commented out, saying which field it needs, so that `validate --leads EXPORT` passes."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from importlib.resources import files
from pathlib import Path

from leadsla.atomic import atomic_write_text
from leadsla.errors import UsageError
from leadsla.i18n import _


def starter_text(today: date | None = None) -> str:
    """The template, with the last review set to today and `effective` to 1 January of last
    year: an `effective` of today would judge none of the export's history (issue 9)."""
    day = today or date.today()
    text = files("leadsla.sla").joinpath("starter.yaml").read_text(encoding="utf-8")
    effective = date(day.year - 1, 1, 1)
    return text.replace("{effective}", effective.isoformat()).replace("{today}", day.isoformat())


def refuse_overwrite(path: Path, *, force: bool) -> None:
    if path.exists() and not force:
        raise UsageError(_("{path} already exists; pass --force to overwrite it").format(path=path))


def write_starter(path: Path, *, force: bool, text: str | None = None) -> None:
    refuse_overwrite(path, force=force)
    atomic_write_text(path, starter_text() if text is None else text)


# --- a starter from the user's export --------------------------------------------------------


@dataclass(frozen=True)
class Mapped:
    """A standard field, the export's header for it, and other headers that fit it too."""

    field: str
    header: str
    alternatives: tuple[str, ...] = ()


@dataclass(frozen=True)
class Dropped:
    """A timestamp field whose header was found but whose cells do not read as dates."""

    field: str
    header: str
    reads: int
    sample: int


@dataclass(frozen=True)
class ExportFacts:
    """What data/profile.py found in an export, for `starter_from_export`."""

    name: str
    path: str | None
    """`leads.path` as written; None for standard input (`--from -`): no path to write."""
    encoding: str
    delimiter: str
    columns: tuple[Mapped, ...]
    unmapped: tuple[str, ...] = ()
    repeated: tuple[str, ...] = ()
    dropped: tuple[Dropped, ...] = ()
    date_formats: tuple[str, ...] = ("iso",)
    date_rival: tuple[str, ...] = ()
    date_why: str = ""
    decimal: str = "."
    types: dict[str, str] = field(default_factory=dict)
    unusable: dict[str, tuple[int, int]] = field(default_factory=dict)
    """number or boolean fields whose cells mostly do not read so: (read, sample)."""
    stage_labels: tuple[str, ...] = ()
    language: str = "en"
    timezone: str = "America/New_York"


def quote(text: str) -> str:
    """`text` as a YAML double-quoted scalar that loads back as exactly `text`: quotes,
    backslashes, control characters, line and paragraph separators, NEL and BOM escaped, and
    so are the invisible ones (bidi controls such as U+202E, zero-width and format characters,
    spaces other than ` `): a header written `Nome\u202egpj.exe` shows so in the starter, in
    its values and in its comments, and the value still reads the header as written."""
    out = []
    for ch in text:
        code = ord(ch)
        if ch in '"\\':
            out.append("\\" + ch)
        elif (
            code < 0x20
            or 0x7F <= code <= 0x9F
            or unicodedata.category(ch) in ("Cf", "Co", "Cn", "Zl", "Zp")
            or (ch.isspace() and ch != " ")
            or code in (0x2028, 0x2029, 0xFEFF)
            or 0xD800 <= code <= 0xDFFF
            or code in (0xFFFE, 0xFFFF)
        ):
            out.append(f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def _flow(items: Iterable[str]) -> str:
    return "[" + ", ".join(items) + "]"


def _scalar(text: str) -> str:
    """A date format or word: bare when it is a plain word (`iso`), else quoted."""
    return text if text.replace("_", "").isalnum() else quote(text)


def _note(line: str, comment: str, column: int = 39) -> str:
    """`line` with `# comment` beside it, aligned as in the template."""
    return f"{line:<{column - 1}} # {comment}" if len(line) < column - 1 else f"{line}  # {comment}"


def _commented(lines: list[str]) -> list[str]:
    """Lines commented out where they are indented: `  - {id: x}` -> `  # - {id: x}` (a line
    commented already stays as it is)."""
    out = []
    for line in lines:
        body = line.lstrip(" ")
        commented = not body or body.startswith("#")
        out.append(line if commented else line[: len(line) - len(body)] + "# " + body)
    return out


class _Sections:
    """The fields the export supports, and the lines of each rule: active when it has every
    field it needs, else commented out with the fields it lacks."""

    def __init__(self, facts: ExportFacts) -> None:
        self.facts = facts
        self.have = {c.field for c in facts.columns}

    def usable(self, *fields: str) -> bool:
        return all(f in self.have and f not in self.facts.unusable for f in fields)

    def missing(self, fields: Iterable[str]) -> list[str]:
        return [f for f in fields if not self.usable(f)]

    def rule(self, lines: list[str], needs: Iterable[str]) -> tuple[bool, list[str]]:
        lacking = self.missing(needs)
        if not lacking:
            return True, lines
        indent = lines[0][: len(lines[0]) - len(lines[0].lstrip(" "))]
        why = self.why(lacking)
        return False, [f"{indent}# {why}:", *_commented(lines)]

    def why(self, lacking: list[str]) -> str:
        parts = []
        for f in lacking:
            if f in self.facts.unusable:
                read, sample = self.facts.unusable[f]
                kind = "numbers" if f != "demo_requested" else "yes/no values"
                parts.append(f"{f} (its column reads {read} of {sample} sampled cells as {kind})")
            else:
                parts.append(f)
        return "needs " + ", ".join(parts)


def starter_from_export(facts: ExportFacts, today: date | None = None) -> str:
    """A starter SLA that reads the export `facts` describes, with the rules it supports."""
    s = _Sections(facts)
    template = starter_text(today)
    head = template[: template.index("\nleads:") + 1]
    lines = head.rstrip("\n").split("\n")
    lines[1:1] = [
        "#",
        "# Started by `leadsla init --from` from the export "
        + ("read from standard input" if facts.path is None else quote(facts.name))
        + ": the `leads`",
        "# section reads it as found; sections and rules that need a field the export lacks are",
        "# commented out, each saying what it needs. Check every value with both teams.",
    ]
    if facts.language == "pt":
        lines.append(_note("display: {locale: pt-BR}", "reports in Brazilian Portuguese"))
    lines.append("")
    lines += _leads(facts)
    lines += ["", *_calendar(facts, template)]
    lines += ["", *_funnel(s)]
    scoring, fit, engagement = _scoring(s)
    lines += ["", *scoring]
    lines += ["", *_qualification(s, fit, engagement)]
    follow, first_contact = _follow_up(s, fit)
    lines += ["", *follow]
    lines += ["", *_goals(s, first_contact)]
    return "\n".join(lines) + "\n"


def _leads(facts: ExportFacts) -> list[str]:
    out = [
        _note("leads:", "how to read your CRM's CSV export"),
        _note(f"  path: {quote(facts.path)}", "the export this starter was made from")
        if facts.path is not None
        else _note(
            '  # path: "leads.csv"', "read from standard input: your export's path, or --leads"
        ),
        _note(f"  encoding: {facts.encoding}", "as found (auto would detect it too)"),
        _note(f"  delimiter: {quote(facts.delimiter)}", "as found in the header line"),
        _note(f"  timezone: {facts.timezone}", "zone of timestamps written without an offset"),
        _note(
            f"  date_formats: {_flow(_scalar(f) for f in facts.date_formats)}",
            "read the export's timestamp columns",
        ),
    ]
    if facts.date_rival:
        rival = _flow(_scalar(f) for f in facts.date_rival)
        out.append(f"  # or {rival}: {facts.date_why}")
    out += [
        _note(f"  decimal: {quote(facts.decimal)}", "as found in the number columns"),
        _note("  max_unreadable: 5%", "a field with more unreadable cells stops the commands"),
        _note("  columns:", "field -> header in your export"),
    ]
    for c in facts.columns:
        line = f"    {c.field}: {quote(c.header)}"
        if c.alternatives:
            line = _note(line, "also fits: " + ", ".join(quote(a) for a in c.alternatives))
        out.append(line)
    if not facts.columns:
        out[-1] = _note("  columns: {}", "no header of the export fits a standard field")
    if facts.dropped:
        out.append("  # found, but its cells do not read as dates, so left out:")
        out += [
            f"  #   {d.field}: {quote(d.header)} ({d.reads} of {d.sample} sampled cells read)"
            for d in facts.dropped
        ]
    if facts.repeated:
        out.append("  # written twice in the export (rename one to use it):")
        out += [f"  #   {quote(h)}" for h in facts.repeated]
    if facts.unmapped:
        out.append('  # headers no field took (map one as, e.g., my_field: "Header"):')
        out += [f"  #   {quote(h)}" for h in facts.unmapped]
    if facts.types:
        types = ", ".join(f"{f}: {t}" for f, t in facts.types.items())
        out.append(_note(f"  types: {{{types}}}", "as the sampled cells read"))
    return out


def _calendar(facts: ExportFacts, template: str) -> list[str]:
    if facts.language != "pt":
        start = template.index("\ncalendar:") + 1
        return template[start : template.index("\nfunnel:")].rstrip("\n").split("\n")
    return [
        _note("calendar:", "business time for deadlines and response times"),
        "  timezone: America/Sao_Paulo",
        "  hours:",
        '    mon-fri: "09:00-12:00, 13:00-18:00"',
        _note("  overrides: {}", 'a day\'s own hours, e.g. {2026-12-24: "09:00-12:00"}'),
        "  holidays:",
        _note("    country: BR", "national holidays from the `holidays` package"),
        _note("    # subdivision: SP", "plus your state's"),
        "    categories: [public]",
        _note("    include: []", "company days off"),
        _note("    exclude: []", "holidays the company works"),
    ]


STAGES = (
    ("lead", "created_at", "owner: marketing"),
    ("mql", "mql_at", "owner: sales"),
    ("sql", "sql_at", "owner: sales"),
    ("opportunity", "opportunity_at", "owner: sales"),
    ("customer", "won_at", "outcome: won"),
    ("lost", "lost_at", "outcome: lost"),
    ("recycled", "recycled_at", "outcome: recycled, owner: marketing"),
)


def _funnel(s: _Sections) -> list[str]:
    handoff = next((h for h, f in (("mql", "mql_at"), ("sql", "sql_at")) if s.usable(f)), None)
    body: list[str] = []
    if s.usable("stage"):
        body.append(_note("  stage_field: stage", "the CRM's own stage label, audited by `score`"))
        if s.facts.stage_labels:
            body.append("  # its labels in the export (most frequent first); list each in its")
            body.append("  # stage's `values: [...]` to audit them:")
            body.append("  #   " + ", ".join(quote(v) for v in s.facts.stage_labels))
    else:
        body.append(_note("  # stage_field: stage", "needs stage"))
    body.append(_note(f"  handoff: {handoff or 'mql'}", "where marketing hands the lead to sales"))
    body.append(_note("  stages:", "steps in order, then exits (`outcome`)"))
    for sid, entered, rest in STAGES:
        extra = (
            ", reason: recycle_reason" if sid == "recycled" and s.usable("recycle_reason") else ""
        )
        _ok, lines = s.rule([f"    - {{id: {sid}, entered: {entered}, {rest}{extra}}}"], [entered])
        body += lines
    if handoff is None:
        return [
            "# funnel needs mql_at or sql_at (the hand-off stage):",
            "# funnel:",
            *_commented(body),
        ]
    return ["funnel:", *body]


def _scoring(s: _Sections) -> tuple[list[str], bool, bool]:
    fit_rules = [
        (
            [
                "      - name: Decision maker",
                '        when: {field: job_title, matches: "(head|director|diretora?|vp|chief|ceo|'
                'founder|fundador|owner|s[óo]ci[oa]|gerente|manager)"}',
                "        points: 25",
            ],
            ["job_title"],
        ),
        (
            [
                "      - name: Company size in our sweet spot",
                "        when: {field: company_size, between: [50, 1000]}",
                "        points: 20",
            ],
            ["company_size"],
        ),
        (
            [
                "      - name: Personal e-mail",
                '        when: {field: email, ends_with: ["@gmail.com", "@yahoo.com", "@hotmail.com",'
                ' "@outlook.com"]}',
                "        points: -15",
            ],
            ["email"],
        ),
    ]
    engagement_rules = [
        ("      - {name: E-mail opens, per: email_opens, points: 2, cap: 10}", "email_opens"),
        ("      - {name: E-mail clicks, per: email_clicks, points: 5, cap: 20}", "email_clicks"),
        ("      - {name: Page views, per: page_views, points: 1, cap: 10}", "page_views"),
        (
            "      - {name: Pricing page, when: {field: pricing_page_views, gte: 1}, points: 15}",
            "pricing_page_views",
        ),
        (
            "      - {name: Forms sent, per: form_submissions, points: 10, cap: 30}",
            "form_submissions",
        ),
        (
            "      - {name: Asked for a demo, when: {field: demo_requested, is: true}, points: 40}",
            "demo_requested",
        ),
    ]
    fit_body: list[str] = []
    best = 0  # the most fit the active rules give: a penalty alone makes no persona
    for (rule_lines, needs), points in zip(fit_rules, (25, 20, 0), strict=True):
        ok, lines = s.rule(rule_lines, needs)
        best, fit_body = best + (points if ok else 0), fit_body + lines
    fit = best > 0
    grades = (
        _note("    grades: {A: 40, B: 20, C: 10}", "fit >= 40 is A, >= 20 B, >= 10 C, else D")
        if best >= 40
        else _note(f"    grades: {{A: {best}, B: {best // 2}}}", "fit reachable by these rules")
    )
    fit_lines = [
        _note("  fit:", "who they are: the persona both teams agreed on"),
        "    rules:",
        *fit_body,
        grades,
    ]
    if not fit:
        fit_lines = _commented(fit_lines)
    eng_body: list[str] = []
    engagement = False
    for line, need in engagement_rules:
        ok, lines = s.rule([line], [need])
        engagement, eng_body = engagement or ok, eng_body + lines
    _ok, decay = s.rule(
        ["    decay: {half_life: 30d, since: last_activity_at}"], ["last_activity_at"]
    )
    eng_lines = [
        _note("  engagement:", "what they did: interest"),
        "    cap: 100",
        *decay,
        "    rules:",
        *eng_body,
    ]
    if not engagement:
        eng_lines = _commented(eng_lines)
    if not (fit or engagement):
        return (
            [
                "# scoring needs a field its rules read (job_title, email, email_opens...):",
                *_commented(["scoring:"]),
                *fit_lines,
                *eng_lines,
            ],
            False,
            False,
        )
    return ["scoring:", *fit_lines, *eng_lines], fit, engagement


def _qualification(s: _Sections, fit: bool, engagement: bool) -> list[str]:
    _ok, student = s.rule(
        [
            '    - {reason: student, when: {field: job_title, matches: "student|estudante|estagi|intern"}}'
        ],
        ["job_title"],
    )
    grade, interest = "{field: grade, in: [A, B]}", "{field: engagement, gte: 25}"
    mql = (
        f"  mql: {{all: [{grade}, {interest}]}}"
        if fit and engagement
        else (f"  mql: {grade}" if fit else f"  mql: {interest}")
    )
    body = [
        _note("  disqualify:", "checked first; a disqualified lead is never an MQL"),
        *student,
        _note(mql, "the definition of a marketing qualified lead"),
    ]
    if not s.usable("job_title"):
        body[0] = _note("  disqualify: []", "checked first; a disqualified lead is never an MQL")
    if not (fit or engagement):
        return ["# qualification needs scoring:", *_commented(["qualification:", *body])]
    return ["qualification:", *body]


def _follow_up(s: _Sections, fit: bool) -> tuple[list[str], bool]:
    def stops(first: str) -> str:
        return _flow([first, *(f for f in ("recycled_at", "lost_at") if s.usable(f))])

    first_contact = [
        "  - id: first-contact",
        "    name: Sales contacts every MQL",
        "    owner: sales",
        "    start: mql_at",
        f"    stop: {stops('first_contact_at')}",
        _note("    within: 4h", "four business hours"),
        _note("    at_risk: 75%", "or a time left, e.g. 1h"),
    ]
    if fit:
        first_contact += [
            _note("    tiers:", "the first matching tier sets the target"),
            "      - {when: {field: grade, eq: A}, within: 1h}",
        ]
    accept = [
        "  - id: accept-or-return",
        "    name: Sales accepts or returns the MQL",
        "    owner: sales",
        "    start: mql_at",
        f"    stop: {stops('sql_at')}",
        _note("    within: 2d", "by the close of the 2nd business day"),
    ]
    one, first = s.rule(first_contact, ["mql_at", "first_contact_at"])
    two, second = s.rule(accept, ["mql_at", "sql_at"])
    head = _note("follow_up:", "deadlines, in business time unless `clock: calendar`")
    if not (one or two):
        return [
            "# follow_up needs mql_at and first_contact_at or sql_at:",
            f"# {head}",
            *first,
            *second,
        ], False
    return [head, *first, *second], one


def _goals(s: _Sections, first_contact: bool) -> list[str]:
    targets = [
        (
            '    - {id: new-leads, owner: marketing, metric: count, of: created_at, target: ">= 200"}',
            ["created_at"],
        ),
        (
            '    - {id: mql-volume, owner: marketing, metric: count, of: mql_at, target: ">= 50"}',
            ["mql_at"],
        ),
        (
            "    - {id: mql-to-sql, owner: sales, metric: conversion, from: mql_at, to: sql_at,"
            ' within: 30d, target: ">= 25%"}',
            ["mql_at", "sql_at"],
        ),
        (
            "    - {id: response-time, owner: sales, metric: median_time, from: mql_at,"
            ' to: first_contact_at, target: "<= 4h"}',
            ["mql_at", "first_contact_at"],
        ),
    ]
    body: list[str] = []
    active = False
    for line, needs in targets:
        ok, lines = s.rule([line], needs)
        active, body = active or ok, body + lines
    compliance = (
        "    - {id: first-contact-on-time, owner: sales, metric: compliance,"
        ' follow_up: first-contact, target: ">= 90%"}'
    )
    if first_contact:
        body.append(compliance)
    else:
        body += ["    # needs the follow-up rule first-contact:", *_commented([compliance])]
    lines = [
        "goals:",
        _note("  period: week", "week (Monday first) | month | quarter"),
        "  targets:",
        *body,
    ]
    if not active and not first_contact:
        return ["# goals need created_at or mql_at:", *_commented(lines)]
    return lines

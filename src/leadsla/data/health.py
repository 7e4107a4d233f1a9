"""Field health: a field whose cells leadsla mostly cannot read is an error, never a quiet blank.

For every field read, `Accounting.fields` counts the non-blank cells and the unreadable ones.
A field is unhealthy when its unreadable cells are more than `leads.max_unreadable` of its
non-blank cells and number at least MIN_UNREADABLE (or are all of them). The finding names the
field, its header, the share, a few of the cells, and what to put in the SLA to read them
(`sniff.py`)."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from leadsla import i18n
from leadsla.data.accounting import Accounting, DataIssue, FieldCount, count_fields, mask
from leadsla.data.db import Connection, rows
from leadsla.data.reader import TABLE, Export, non_blank_slot
from leadsla.data.sniff import SAMPLE, guess_date_formats, guess_decimal, sample_column, yaml_line
from leadsla.messages import Message, num, say, say_n
from leadsla.sla.models import UnreadableLimits

MIN_UNREADABLE = 20
"""Fewer unreadable cells than this never make a field unhealthy (unless they are all of its
non-blank cells): a handful of typos in a small export is not a wrong format."""
SAMPLES = 3
SAMPLE_CHARS = 60
"""A sample value or a header is cut to this many characters in a message."""

FindingKind = Literal["unhealthy", "blank_start"]


@dataclass(frozen=True)
class FieldFinding:
    """What is wrong with one field of the export, for stderr (`message`) and `--errors`."""

    field: str
    header: str
    kind: FindingKind
    message: str
    issue: DataIssue


@dataclass(frozen=True)
class ReadSettings:
    """The SLA's `leads` settings the suggestions start from."""

    date_formats: list[str]
    decimal: str
    timezone: str
    limits: UnreadableLimits


def count_export_fields(export: Export, exclude: set[str]) -> None:
    """Fill `Accounting.fields`: every field read but `exclude`, in the export's column order."""
    export.accounting.fields = field_counts(export, [f for f in export.columns if f not in exclude])


def field_counts(export: Export, names: list[str]) -> list[FieldCount]:
    """The counts of the fields `names` (fields read), in the export's column order."""
    order = list(export.columns)  # the order of the read, and so of the non-blank bits
    fields = sorted((f for f in order if f in names), key=lambda f: export.columns[f])
    headers = export.source.headers
    kept = {d[0] for d in export.con.execute(f"SELECT * FROM {TABLE} LIMIT 0").description}
    bits = non_blank_slot(0)[0] in kept  # a wrapped read (score) kept bit sets, not fields
    return count_fields(
        export.con,
        TABLE,
        [(f, headers[export.columns[f]], export.types.get(f, "text")) for f in fields],
        [non_blank_slot(order.index(f)) for f in fields] if bits else None,
    )


@dataclass(frozen=True)
class Cells:
    """Where the cells of an unhealthy field are looked at: a CSV read into DuckDB
    (`export_cells`) or a table where the data lives (commands/remote.py), judged alike."""

    name: str
    """The export's name (a file, or the table) that messages start with."""
    con: Connection
    """A DuckDB in which other date formats and decimal marks are tried (sniff.py)."""
    sample: Callable[[FieldCount], list[str]]
    """The field's first non-blank cells (at most sniff.SAMPLE), trimmed."""
    bad: Callable[[FieldCount], list[str]]
    """A few (SAMPLES) of the field's unreadable cells."""
    formats: Callable[[str], bool] | None = None
    """The date formats a suggestion may hold (None: any; `--engine`: those its dialect can
    run, so that the advice is one the command then accepts)."""


def export_cells(export: Export) -> Cells:
    def bad(fc: FieldCount) -> list[str]:
        return [
            str(r[0])
            for r in rows(
                export.con,
                f"""SELECT b.value FROM (
                  SELECT rowid AS r, unnest(_bad) AS b FROM {TABLE} WHERE _bad IS NOT NULL)
                WHERE b.field = ? ORDER BY r LIMIT {SAMPLES}""",
                [fc.field],
            )
        ]

    def sample(fc: FieldCount) -> list[str]:
        return sample_column(export.con, export.source, export.columns[fc.field])

    return Cells(export.source.name, export.con, sample, bad)


def is_unhealthy(fc: FieldCount, limit: float) -> bool:
    if fc.non_blank == 0 or fc.unreadable == 0:
        return False
    # "more than" the share: a small tolerance, so that 5% of 2,000 cells is 100, not 100.0000001
    above = fc.unreadable > limit * fc.non_blank + 1e-9
    return above and (fc.unreadable >= MIN_UNREADABLE or fc.unreadable == fc.non_blank)


@dataclass(frozen=True)
class Health:
    """The unhealthy fields, and what to put in the SLA to read them (`advice`: lines for all
    of them together, as `date_formats` and `decimal` apply to every field of their type)."""

    unhealthy: list[FieldFinding]
    advice: list[str]


def check_health(export: Export, settings: ReadSettings, redact: bool) -> Health:
    """Judge every field of `Accounting.fields`; unhealthy ones in the export's column order."""
    return check_fields(export, export.accounting.fields, settings, redact)


def check_fields(
    export: Export, counts: list[FieldCount], settings: ReadSettings, redact: bool
) -> Health:
    """Judge the fields of `counts` (a command line's own fields, such as calibrate's
    `--outcome`, are kept out of the account but must be readable for the command)."""
    return judge_fields(export_cells(export), counts, settings, redact)


def judge_fields(
    export: Cells, counts: list[FieldCount], settings: ReadSettings, redact: bool
) -> Health:
    """Judge the fields of `counts`, their cells looked at through `export`."""
    bad = [
        (fc, settings.limits.for_field(fc.field))
        for fc in counts
        if is_unhealthy(fc, settings.limits.for_field(fc.field))
    ]
    if not bad:
        return Health([], [])
    advice, tries = _advice(export, [fc for fc, _ in bad], settings)
    return Health(
        [_unhealthy(export, fc, limit, settings, redact, tries.get(fc.field)) for fc, limit in bad],
        advice,
    )


def blank_starts(export: Export, starts: list[tuple[str, str, str]]) -> list[FieldFinding]:
    """A finding for each (field, what, effect) whose field is blank in every row: a follow-up
    rule that never starts, a goal that never counts."""
    return blank_fields(export.source.name, export.accounting, starts)


def blank_fields(
    source: str, accounting: Accounting, starts: list[tuple[str, str, str]]
) -> list[FieldFinding]:
    """`blank_starts` from an account (a CSV's, or a table's counted where it lives)."""
    if not accounting.used:
        return []  # an export with no row (a quiet night's) says nothing about a field
    counts = {fc.field: fc for fc in accounting.fields}
    out = []
    for name, what, effect in starts:
        fc = counts.get(name)
        if fc is None or fc.non_blank:
            continue
        reason = say("blank in every row: {what} uses it, and {effect}", what=what, effect=effect)
        out.append(
            FieldFinding(
                name,
                fc.header,
                "blank_start",
                say(
                    "{name}: field `{field}` (column `{header}`) is {reason}",
                    name=source,
                    field=name,
                    header=cut(fc.header),
                    reason=reason,
                ),
                DataIssue("field", 1, fc.header, name, "", reason),
            )
        )
    return out


def _unhealthy(
    export: Cells,
    fc: FieldCount,
    limit: float,
    settings: ReadSettings,
    redact: bool,
    fix: str | None,
) -> FieldFinding:
    samples = [cut(s) for s in export.bad(fc)]
    shown = [mask(s) if redact else s for s in samples]
    if fc.type == "timestamp":
        what = say(
            "a date/time in leads.date_formats {formats}",
            formats=yaml_list(settings.date_formats),
        )
    elif fc.type == "number":
        what = say('a number with leads.decimal "{decimal}"', decimal=settings.decimal)
    elif fc.type == "boolean":
        what = say("a yes/no value")
    else:
        what = say("a {type}", type=fc.type)
    head = say_n(
        "{unreadable} of its {n} non-blank cell ({share}) are not {what}, more than"
        " leads.max_unreadable ({limit})",
        "{unreadable} of its {n} non-blank cells ({share}) are not {what}, more than"
        " leads.max_unreadable ({limit})",
        fc.non_blank,
        unreadable=num(fc.unreadable),
        share=share(fc.unreadable / fc.non_blank),
        what=what,
        limit=share(limit),
    )
    message = say(
        "{name}: field `{field}` (column `{header}`): {head}; e.g. {samples}",
        name=export.name,
        field=fc.field,
        header=cut(fc.header),
        head=head,
        samples=", ".join(f"`{s}`" for s in shown),
    )
    reason = head + (f"; try {fix}" if fix else "")
    return FieldFinding(
        fc.field,
        fc.header,
        "unhealthy",
        message,
        DataIssue("field", 1, fc.header, fc.field, " | ".join(samples), reason),
    )


def _advice(
    export: Cells, bad: list[FieldCount], settings: ReadSettings
) -> tuple[list[str], dict[str, str]]:
    """Lines that say what to put in the SLA (a date format or decimal mark that reads the
    cells, else a limit that lets these fields' share of bad cells through), and the YAML to
    try for each field (for `--errors`)."""
    lines: list[str] = []
    tries: dict[str, str] = {}
    rest: list[FieldCount] = []
    for ftype in ("timestamp", "number"):
        fields = [fc for fc in bad if fc.type == ftype]
        if not fields:
            continue
        cells = [c for fc in fields for c in export.sample(fc)]
        # "of its first 655 non-blank cells (...)", or of the cells of several fields
        sample = (
            say_n(
                "of its first {n} non-blank cell (",
                "of its first {n} non-blank cells (",
                len(cells),
            )
            if len(fields) == 1
            else say(
                "of {cells} cells (the first {sample} non-blank ones of each field; ",
                cells=num(len(cells)),
                sample=num(SAMPLE),
            )
        )
        if ftype == "timestamp":
            guess = guess_date_formats(
                export.con, cells, settings.date_formats, settings.timezone, export.formats
            )
            now = say("leads.date_formats reads {n})", n=num(guess.current_reads))
            if guess.better and guess.rival is not None:
                first = yaml_line("date_formats", guess.formats)
                second = yaml_line("date_formats", guess.rival)
                lines += [
                    say(
                        "ambiguous: `{first}` and `{second}` both read {reads} {sample}{now},"
                        " {why}; if {reading}, set in the SLA:",
                        first=guess.formats[0],
                        second=guess.rival[0],
                        reads=num(guess.reads),
                        sample=sample,
                        now=now,
                        why=guess.why,
                        reading=_reading(guess.formats[0]),
                    ),
                    f"  {first}",
                    say("if {reading}:", reading=_reading(guess.rival[0])),
                    f"  {second}",
                ]
                tries.update({fc.field: f"{first} or {second}" for fc in fields})
                continue
            if guess.better:
                line = yaml_line("date_formats", guess.formats)
                lines += [
                    say(
                        "{formats} reads {reads} {sample}{now}; set it in the SLA:",
                        formats=yaml_list(guess.formats),
                        reads=num(guess.reads),
                        sample=sample,
                        now=now,
                    ),
                    f"  {line}",
                ]
                tries.update({fc.field: line for fc in fields})
                continue
        else:
            number = guess_decimal(export.con, cells, settings.decimal)
            if number.better:
                line = yaml_line("decimal", number.decimal)
                lines += [
                    say(
                        'decimal "{decimal}" reads {reads} {sample}"{current}" reads {now});'
                        " set it in the SLA (it applies to every number field):",
                        decimal=number.decimal,
                        reads=num(number.reads),
                        sample=sample,
                        current=settings.decimal,
                        now=num(number.current_reads),
                    ),
                    f"  {line}",
                ]
                tries.update({fc.field: line for fc in fields})
                continue
        rest += fields
    rest += [fc for fc in bad if fc.type not in ("timestamp", "number")]
    if rest:
        allowed = dict(settings.limits.fields)
        for fc in rest:
            allowed[fc.field] = math.ceil(round(fc.unreadable / fc.non_blank * 100, 6)) / 100
        mapping = ", ".join(
            [f"default: {pct(settings.limits.default)}"]
            + [f"{k}: {pct(v)}" for k, v in allowed.items()]
        )
        line = f"leads: {{max_unreadable: {{{mapping}}}}}"
        names = ", ".join(f"`{fc.field}`" for fc in rest)
        lines += [
            say_n(
                "no other way of reading {names} reads more of it; if the export is right to"
                " hold such cells, allow their share in the SLA:",
                "no other way of reading {names} reads more of them; if the export is right to"
                " hold such cells, allow their share in the SLA:",
                len(rest),
                names=names,
            ),
            f"  {line}",
        ]
        tries.update({fc.field: line for fc in rest})
    return lines, tries


def cut(text: str) -> str:
    """Text from the export, as a message shows it: at most SAMPLE_CHARS characters."""
    return text if len(text) <= SAMPLE_CHARS else text[: SAMPLE_CHARS - 1] + "…"


def _reading(fmt: str) -> str:
    if fmt.startswith("epoch"):
        return say("they count seconds") if fmt == "epoch_s" else say("they count milliseconds")
    if fmt.index("%d") < fmt.index("%m"):
        return say("the day comes first")
    return say("the month comes first")


def yaml_list(items: list[str]) -> str:
    return yaml_line("x", items).removeprefix("leads: {x: ").removesuffix("}")


def share(part: float) -> str:
    """`pct` in English (`--errors`), in the locale's digits on stderr (`2,5%`)."""
    return Message(pct(part), lambda: i18n.fmt_number(part * 100, 2) + "%")


def pct(share: float) -> str:
    """`5%`, `2.5%`, `96.84%`: up to two decimals, none trailing."""
    return f"{share * 100:.2f}".rstrip("0").rstrip(".") + "%"

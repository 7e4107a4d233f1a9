"""What a starter SLA needs to know of an export: how it is written and which field is where.

Encoding and delimiter come from the reader's own detection (`source.prepare`), the header of
each field from `mapping.match_columns`, and the date formats, decimal mark and types from the
sniffer (`sniff.py`), which tries each candidate through the reader's typing SQL: what it says
reads is what `validate` and the data commands will read."""

from __future__ import annotations

import codecs
from collections import Counter
from pathlib import Path

from leadsla.data.db import Connection, connect
from leadsla.data.headers import lookup_columns
from leadsla.data.mapping import STANDARD_FIELDS, Mapping, match_columns
from leadsla.data.reader import temp_dir
from leadsla.data.sniff import count_reads, guess_date_formats, sample_column
from leadsla.data.source import CHUNK, Source, prepare, spool_if_stream, spool_stdin
from leadsla.errors import ExportUnreadable
from leadsla.excerpt import excerpt
from leadsla.messages import join, say
from leadsla.sla.starter import Dropped, ExportFacts, Mapped

SAMPLE = 5_000
"""Non-blank cells of each column the guesses look at (the first ones, in file order)."""
CLEAR = 0.97
"""A type or a date format is written only when it reads this share of a column's sample:
the reader then finds few enough unreadable cells for `leads.max_unreadable` (5%)."""
STAGE_LABELS = 12
"""The stage column's most frequent labels listed for `funnel.stages[].values`."""
TIMEZONES = {"en": "America/New_York", "pt": "America/Sao_Paulo"}
OPTIONAL_IDENTITY = ("id", "email", "owner")
"""What the reader looks up in every export (sla/needs.py's OPTIONAL_FIELDS)."""


def profile_export(name: str, path: Path | None, sla_path: str | None) -> ExportFacts:
    """Read `path`'s header line and a sample of its mapped columns (standard input when
    `path` is None, spooled as the reader spools it, as are a FIFO and `<(...)`); `sla_path`
    is the export's path as the starter writes it (`leads.path`, relative to the SLA; None:
    there is no path to write)."""
    with temp_dir() as tmp:
        original = spool_stdin(tmp) if path is None else spool_if_stream(name, path, tmp)
        source = prepare(name, original, "auto", "auto", tmp)
        mapping = match_columns(source.headers)
        _refuse_identity_clashes(name, source.headers, mapping)
        timezone = TIMEZONES[mapping.language]
        con = connect(tmp)
        try:
            cells = {m.field: sample_column(con, source, m.index, SAMPLE) for m in mapping.matches}
            kinds = {m.field: STANDARD_FIELDS[m.field] for m in mapping.matches}
            stamps = [f for f, k in kinds.items() if k == "timestamp"]
            formats, rival, why = _date_formats(
                con, [c for f in stamps for c in cells[f]], mapping.language, timezone
            )
            dropped: list[Dropped] = []
            for f in stamps:
                read = guess_date_formats(con, cells[f], formats, timezone).current_reads
                if cells[f] and read < CLEAR * len(cells[f]):
                    dropped.append(Dropped(f, mapping.header_of(f) or "", read, len(cells[f])))
            numbers = [f for f, k in kinds.items() if k == "number"]
            decimal = _decimal(con, [c for f in numbers for c in cells[f]], mapping.language)
            types: dict[str, str] = {}
            unusable: dict[str, tuple[int, int]] = {}
            for f in numbers + [f for f, k in kinds.items() if k == "boolean"]:
                if not cells[f]:
                    continue
                read = count_reads(con, cells[f], kinds[f], decimal)
                if read >= CLEAR * len(cells[f]):
                    types[f] = kinds[f]
                else:
                    unusable[f] = (read, len(cells[f]))
            labels = [v for v, _n in Counter(cells.get("stage", [])).most_common(STAGE_LABELS)]
        finally:
            con.close()
        gone = {d.field for d in dropped}
        return ExportFacts(
            name=name,
            path=sla_path,
            encoding=_encoding(source),
            delimiter=source.delimiter,
            columns=tuple(
                Mapped(m.field, m.header, m.alternatives)
                for m in mapping.matches
                if m.field not in gone
            ),
            unmapped=mapping.unmapped,
            repeated=mapping.repeated,
            dropped=tuple(dropped),
            date_formats=tuple(formats),
            date_rival=tuple(rival) if rival else (),
            date_why=why,
            decimal=decimal,
            types=types,
            unusable=unusable,
            stage_labels=tuple(labels),
            language=mapping.language,
            timezone=timezone,
        )


def _refuse_identity_clashes(name: str, headers: list[str], mapping: Mapping) -> None:
    """The reader looks up `id`, `email` and `owner` in every export (by the header the SLA
    maps, else by the field's name) and stops on two columns it cannot tell apart: two named
    `id`, or `Owner` and `Owner ` (headers are trimmed). When the starter maps the field to
    another header (`Record ID`), the reader never looks at them; else no SLA can read the
    export, and init says which columns to rename rather than write a starter that
    `validate --leads` refuses."""
    clashes = []
    for f in OPTIONAL_IDENTITY:
        columns = lookup_columns(mapping.header_of(f) or f, headers)
        if len(columns) > 1:
            clashes.append(
                say(
                    "field `{field}`: columns {columns} are all read as `{name}`",
                    field=f,
                    columns=join(say(" and "), [str(i + 1) for i in columns]),
                    name=excerpt(headers[columns[0]]),
                )
            )
    if clashes:
        raise ExportUnreadable(
            say(
                "{name}: leadsla reads the columns named id, email and owner in every export,"
                " and cannot tell these apart:\n  {clashes}\nrename all but one of each in the"
                " export (e.g. `id 2`), then run init again",
                name=name,
                clashes=join("\n  ", clashes),
            )
        )


def _date_formats(
    con: Connection, cells: list[str], language: str, timezone: str
) -> tuple[list[str], list[str] | None, str]:
    """The formats that read the timestamp columns (iso when there is nothing to read), and
    their rival when the sample cannot tell day/month from month/day: an export with English
    headers is read month first, one in Portuguese day first, and the starter names the other."""
    if not cells:
        return ["iso"], None, ""
    guess = guess_date_formats(con, cells, ["iso"], timezone)
    if not guess.formats:
        return ["iso"], None, ""
    formats, rival = guess.formats, guess.rival
    if rival is not None and language == "en" and rival[0].startswith("%m"):
        formats, rival = rival, formats
    # iso costs nothing, and reads what a later export may add
    formats = formats if "iso" in formats else [*formats, "iso"]
    if rival is not None and "iso" not in rival:
        rival = [*rival, "iso"]
    return formats, rival, guess.why


def _decimal(con: Connection, cells: list[str], language: str) -> str:
    """`,` when it reads clearly more of the number columns than `.` does (`1.234,5`), and
    the other way round; when both read about as many (`1.491`, `12`, a stray `2.5`), the
    headers' language decides: `1.491` is 1491 in Brazil."""
    usual = "," if language == "pt" else "."
    if not cells:
        return usual
    comma, dot = count_reads(con, cells, "number", ","), count_reads(con, cells, "number")
    if abs(comma - dot) <= (1 - CLEAR) / 3 * len(cells):
        return usual
    return "," if comma > dot else "."


def _encoding(source: Source) -> str:
    """The encoding as found; UTF-8 guessed from the first megabyte is checked to the end (a
    stray byte further on would make `utf-8` refuse the file, and `auto` read it as cp1252)."""
    name = codecs.lookup(source.encoding).name
    if name != "utf-8" or not source.utf8_guessed:
        return name
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        with source.original.open("rb") as f:
            while chunk := f.read(CHUNK):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return "auto"
    return "utf-8"

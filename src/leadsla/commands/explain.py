"""`leadsla explain LEAD_ID`: every rule, point, grade and deadline of one lead."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from leadsla import i18n
from leadsla.commands.common import (
    DataOptions,
    Notify,
    Session,
    evaluate,
    load_for_command,
    open_session,
    row_summary,
    zone_of,
)
from leadsla.commands.remote import remote_session
from leadsla.data.accounting import mask, rejection_reason
from leadsla.data.db import rows
from leadsla.data.reader import Export
from leadsla.engine import deadlines as dl
from leadsla.engine.calendar import holidays_version
from leadsla.engine.derive import Deriver
from leadsla.engine.explain import (
    ExplainedRow,
    explain_query,
    explain_rows,
    load_lead_items,
    remote_explained_rows,
    rules_explained,
)
from leadsla.engine.sqlbuild import pretty_sql
from leadsla.errors import LeadNotFound, UsageError
from leadsla.excerpt import excerpt
from leadsla.messages import Message, cat, join, num, say, say_n
from leadsla.results import STATUSES, ExplainResult, LeadExplained
from leadsla.sla.conditions import closest
from leadsla.sla.load import LoadedSla
from leadsla.sla.models import FieldType

EXPLAIN_SECTIONS = ("scoring", "qualification", "funnel", "follow_up")


def run_explain(
    opts: DataOptions, notify: Notify, lead_id: str, *, show_sql: bool
) -> ExplainResult | str:
    loaded = load_for_command(opts.sla)
    sla = loaded.sla
    sections = {s for s in EXPLAIN_SECTIONS if getattr(sla, s) is not None}
    if opts.engine != "duckdb":
        return _remote_explain(opts, notify, loaded, lead_id, sections, show_sql=show_sql)
    with open_session(opts, loaded, sections, notify) as session:
        export = session.export
        deriver = Deriver(
            sla, export.types, session.as_of, sections | {"funnel", "scoring", "qualification"}
        )
        if show_sql:
            return pretty_sql(explain_query(deriver, lead_id))
        found = explain_rows(export.con, deriver, lead_id)
        set_aside = set_aside_lines(export, lead_id)
        if not found:
            # raised after the session ends, so that the row summary and --errors come first
            missing = (
                _on_set_aside_lines(lead_id, export, set_aside, opts.redact)
                if set_aside
                else _not_found(
                    export.con, lead_id, export.source.name, export.id_from, opts.redact
                )
            )
        else:
            return _explained(opts, notify, session, deriver, lead_id, found, set_aside)
    raise LeadNotFound(missing)


def _explained(
    opts: DataOptions,
    notify: Notify,
    session: Session,
    deriver: Deriver,
    lead_id: str,
    found: list[ExplainedRow],
    set_aside: list[SetAside],
) -> ExplainResult:
    export, sla = session.export, session.loaded.sla
    if not opts.quiet:
        for hit in set_aside:
            if hit.at_id and not hit.footer:
                notify(
                    say(
                        "leadsla: note: line {line} of {name} also has this id but was"
                        " rejected: {reason}",
                        line=num(hit.line),
                        name=export.source.name,
                        reason=hit.reason,
                    )
                )
    business = None
    if sla.follow_up:
        business = evaluate(session, list(sla.follow_up), deriver)
    items = (
        dl.deadline_items(
            dl.items(
                export.con, dl.Filters(lead=lead_id), list(STATUSES), session.zone, with_row=True
            )
        )
        if sla.follow_up
        else []
    )
    tz = ZoneInfo(session.zone)
    localised = [_localised(v, tz) for v in found]
    # the export's order (its header line), then any field it lacks
    position = export.columns
    fields = sorted(export.types, key=lambda f: position.get(f, len(position)))
    leads = [
        _lead(deriver, v, export.lines.line(int(v.columns["_row"])), items, fields)
        for v in localised
    ]
    return ExplainResult(
        session.as_of,
        sla.name,
        holidays_version() if business else None,
        leads,
        row_summary(export),
        dl.rule_facts(list(sla.follow_up or [])),
    )


@dataclass(frozen=True)
class SetAside:
    """A line the reader did not use (a rejected record, or the footer) that holds the id."""

    line: int
    """The physical line that holds the id."""
    first: int
    last: int
    """The lines of the whole record (an unclosed quote makes one record of many lines)."""
    reason: str
    """Why the record was rejected (empty for the footer)."""
    footer: bool
    at_id: bool
    """The id is where the id column is (else in another field: perhaps this lead)."""
    field: int
    """1-based position of the field that holds the id (0: the id is the line number)."""


MAX_SET_ASIDE = 5
"""Lines named in the message; more are counted."""
ID_LIMIT = 254
"""Ids in messages are cut to this (an e-mail address's longest); longer ones are no id."""


def set_aside_lines(export: Export, lead_id: str) -> list[SetAside]:
    """The rejected (or footer) lines that hold `lead_id`: at the id column's position (or as
    their line number, when ids are line numbers), else in any field (a row shifted by a stray
    cell). Each physical line of a record is looked at on its own: a quote that never closes
    makes one record of the lines after it, and the lead may be any of them."""
    accounting = export.accounting
    expected = len(export.source.headers)
    id_column = export.columns.get(export.id_from)
    wanted = lead_id.strip()
    exact: list[SetAside] = []
    elsewhere: list[SetAside] = []
    records = [(line, row, False) for _i, line, row in accounting.rejected_rows]
    records += [(line, row, True) for _i, line, row in accounting.footer]
    for first, row, footer in records:
        physical = row.text.split("\n")
        last = first + len(physical) - 1
        reason = "" if footer else rejection_reason(row, expected)
        for offset, text in enumerate(physical):
            line = first + offset
            if id_column is None:  # ids are line numbers
                if wanted == str(line):
                    exact.append(SetAside(line, first, last, reason, footer, True, 0))
                continue
            cells = [c.strip() for c in _cells(text, export.source.delimiter)]
            if id_column < len(cells) and cells[id_column] == wanted:
                exact.append(SetAside(line, first, last, reason, footer, True, id_column + 1))
            elif wanted in cells:
                field = cells.index(wanted) + 1
                elsewhere.append(SetAside(line, first, last, reason, footer, False, field))
    return exact or elsewhere


def _cells(line: str, delimiter: str) -> list[str]:
    """The fields of one physical line, read leniently (it may open a quote it never closes)."""
    try:
        return next(csv.reader([line.rstrip("\r")], delimiter=delimiter, strict=False), [])
    except csv.Error:  # a NUL byte, or a field over the csv module's limit
        return line.split(delimiter)


def _on_set_aside_lines(
    lead_id: str, export: Export, hits: list[SetAside], redact: bool
) -> Message:
    """exit 2: the lead is on a line the reader could not use; say which, and why (the id
    masked by --redact: it is a cell of the export)."""
    name, shown = export.source.name, excerpt(mask(lead_id) if redact else lead_id, ID_LIMIT)
    clauses: list[Message] = [_where(h, name, shown) for h in hits[:MAX_SET_ASIDE]]
    if len(hits) > MAX_SET_ASIDE:
        more = len(hits) - MAX_SET_ASIDE
        clauses.append(say_n("{n} more line", "{n} more lines", more))
    # i18n: joins the places where a rejected line holds the id ("is on line 3 ...; and line 9 ...")
    where = join(say("; and "), clauses)
    fix = say("fix the export and run again (--errors FILE lists every rejected line)")
    if hits[0].at_id:
        return say(
            "lead `{id}` {where}; there is no lead to explain: {fix}",
            id=shown,
            where=where,
            fix=fix,
        )
    return say(
        "no lead has id `{id}`, but {where}: it may be that lead; {fix}",
        id=shown,
        where=where,
        fix=fix,
    )


def _where(hit: SetAside, name: str, shown: str) -> Message:
    """`is on line 138 of FILE, which was rejected: why` (or where in the line the id is)."""
    if hit.at_id:
        place = say("is on line {line} of {name}", line=num(hit.line), name=name)
    else:
        place = say(
            "line {line} of {name} holds `{id}` in its field {field}",
            line=num(hit.line),
            name=name,
            id=shown,
            field=num(hit.field),
        )
    record = (
        say(
            ", inside a record that runs from line {first} to line {last},",
            first=num(hit.first),
            last=num(hit.last),
        )
        if hit.last > hit.first
        else ","
    )
    if hit.footer:
        why = say("which is part of the footer after the last row, not data")
    else:
        why = say("which was rejected: {reason}", reason=hit.reason)
    return cat(place, record, " ", why)


IDS_LOOKED_AT = 100_000
"""Ids an unknown id is compared with, for the close one offered."""


def _not_found(con: Any, lead_id: str, source: str, id_from: str, redact: bool) -> Message:
    """No such lead; the closest id as a hint. With --redact, the id given is masked (it is
    likely a cell of the export, give or take a typo) and the close one left out."""
    ids = [
        r[0]
        for r in rows(
            con,
            "SELECT DISTINCT _id FROM leads WHERE _id IS NOT NULL AND strlen(_id) <= ? LIMIT ?",
            [ID_LIMIT, IDS_LOOKED_AT],
        )
    ]
    return _no_such_lead(lead_id, ids, source, id_from, redact)


def _no_such_lead(lead_id: str, ids: list[str], source: str, id_from: str, redact: bool) -> Message:
    """`_not_found`'s message, given the ids to find a close one among."""
    where = {
        "id": say("its id column"),
        "email": say("its e-mail column (no id column)"),
        "line": say("line numbers (no id or e-mail column)"),
    }[id_from]
    close = closest(lead_id, ids)
    hint: Message | str = (
        say(" (did you mean `{id}`?)", id=excerpt(close, ID_LIMIT)) if close else ""
    )
    if redact:
        hint = say("; a close id exists (hidden by --redact)") if hint else ""
        lead_id = mask(lead_id)
    return say(
        "no lead with id `{id}` in {source} (ids come from {where}){hint}",
        id=excerpt(lead_id, ID_LIMIT),
        source=source,
        where=where,
        hint=hint,
    )


def _moment(moment: datetime) -> Message:
    """A timestamp: ISO 8601 in English (the JSON's), the locale's date and time for people."""
    return Message(moment.isoformat(), lambda: i18n.fmt_datetime(moment))


def _lead(
    deriver: Deriver, row: ExplainedRow, line: int | None, items: list[Any], fields: list[str]
) -> LeadExplained:
    sla = deriver.sla
    values, own = row.fields, row.columns
    scoring = sla.scoring
    eng = scoring.engagement if scoring else None
    decay = None
    if eng and eng.decay:
        since = values.get(eng.decay.since)
        # English in the JSON; the table shows it in the reader's words (render/explain.py)
        decay = say(
            "half-life {half_life} since {field} ({when})",
            half_life=str(eng.decay.half_life),
            field=eng.decay.since,
            when=_moment(since) if since else say("blank: no decay"),
        )
    return LeadExplained(
        id=str(own["_lead"]),
        line=line,
        fields={f: values.get(f) for f in fields},
        rules=rules_explained(deriver, row),
        fit=float(values["fit"]),
        grades=dict(scoring.fit.grades) if scoring and scoring.fit else {},
        grade=values["grade"],
        engagement_raw=float(own["_engagement_raw"]),
        engagement_cap=eng.cap if eng else None,
        decay_factor=float(own["_decay"]),
        decay=decay,
        engagement=float(values["engagement"]),
        score=float(values["score"]),
        qualification=values["qualification"],
        reason=own["reason"],
        funnel_stage=values["funnel_stage"],
        deadlines=[i for i in items if i.row == int(own["_row"])],  # ids may be shared
    )


REMOTE_ITEMS = "remote_items"


def _remote_explain(
    opts: DataOptions,
    notify: Notify,
    loaded: LoadedSla,
    lead_id: str,
    sections: set[str],
    *,
    show_sql: bool,
) -> ExplainResult | str:
    """`explain --engine postgres|spark`: the lead's rows, each rule's check and points
    (engine/remote/scripts.py's `explain_script`), and its deadline items
    (`lead_deadlines_script`) are computed there, the id entering the scripts as a literal;
    the rules' explanations are written here from those values, as for a CSV. A table has no
    line numbers: `line` is null (the id, or the `--line-column`, says which row it is).
    `--sql` prints the explain script for the engine's dialect."""
    from leadsla.engine.compile import CompileError
    from leadsla.engine.remote.ids import ids_query
    from leadsla.engine.remote.scripts import explain_script, lead_deadlines_script

    sla = loaded.sla
    derive_sections = sections | {"funnel", "scoring", "qualification"}
    with remote_session(opts, loaded, sections, notify, zone_of(loaded)) as session:
        read, engine = session.read, session.engine
        order = {c: i for i, c in enumerate(read.relation.headers)}
        known = loaded.types.types
        types: dict[str, FieldType] = {
            f: known.get(f, "text")
            for f in sorted(read.columns, key=lambda f: order[read.columns[f]])
        }
        target = session.target()
        try:
            script, columns = explain_script(
                loaded, engine.dialect, target, session.as_of, types, derive_sections, lead_id
            )
        except CompileError as exc:
            raise UsageError(exc.message) from None
        if show_sql:
            return script
        fetched = engine.run(script)
        found = remote_explained_rows(
            [c.name for c in fetched.columns], fetched.all(), columns, dict(types)
        )
        if not found:
            query = ids_query(
                engine.dialect, read.relation.table, read.id_column, ID_LIMIT, IDS_LOOKED_AT
            )
            ids = [str(r[0]) for r in engine.run(query).all()]
            missing = _no_such_lead(lead_id, ids, session.name, read.id_from, opts.redact)
        else:
            rules = list(sla.follow_up or [])
            items = []
            if rules:
                try:
                    items_script = lead_deadlines_script(
                        loaded,
                        engine.dialect,
                        target,
                        session.as_of,
                        types,
                        lead_id,
                        span=session.calendar_span(),
                    )
                except CompileError as exc:
                    raise UsageError(exc.message) from None
                session.fetch(items_script, REMOTE_ITEMS)
                session.data_warnings(load_lead_items(session.con, REMOTE_ITEMS, rules))
                items = dl.deadline_items(
                    dl.items(
                        session.con,
                        dl.Filters(lead=lead_id),
                        list(STATUSES),
                        session.zone,
                        with_row=True,
                    )
                )
            deriver = Deriver(sla, types, session.as_of, derive_sections)
            tz = ZoneInfo(session.zone)
            leads = [_lead(deriver, _localised(v, tz), None, items, list(types)) for v in found]
            return ExplainResult(
                session.as_of,
                sla.name,
                holidays_version() if any(r.clock == "business" for r in rules) else None,
                leads,
                session.rows(),
                dl.rule_facts(rules),
            )
    raise LeadNotFound(missing)


def _localised(row: ExplainedRow, tz: ZoneInfo) -> ExplainedRow:
    """`row` with its instants in the calendar's zone (as the JSON and the table show them)."""
    return ExplainedRow(
        {k: (x.astimezone(tz) if isinstance(x, datetime) else x) for k, x in row.fields.items()},
        row.columns,
    )

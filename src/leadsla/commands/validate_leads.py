"""`validate --leads CSV`: the export's account as every data command gives it, every reason a
data command would stop on it (findings), and rules that match no row of the export."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from leadsla.commands.common import examine, hide_message, row_summary, zone_of
from leadsla.data.accounting import rejection_reason
from leadsla.data.db import connect
from leadsla.data.headers import Wanted, closest
from leadsla.data.health import cut
from leadsla.data.reader import Export, ReadSpec, add_blank_fields, read_export, temp_dir
from leadsla.engine.derive import Deriver
from leadsla.engine.explain import checks, match_counts
from leadsla.errors import ExportUnreadable, Problem
from leadsla.messages import Message, local, num, say
from leadsla.results import RowSummary
from leadsla.sla.load import LoadedSla
from leadsla.sla.needs import ALL_SECTIONS, Need, read_plan
from leadsla.sla.semantics import Finding


def check_export(
    loaded: LoadedSla, leads: str, as_of: datetime, *, redact: bool = False
) -> tuple[list[Problem], RowSummary | None]:
    """Problems (errors: what makes a data command exit 2; warnings) and the export's account.
    An export that cannot be opened at all is exit 2, as in the data commands."""
    sla = loaded.sla
    needs, _used = read_plan(loaded, set(ALL_SECTIONS))
    types = dict(loaded.types.types)
    timezone = sla.leads.timezone or zone_of(loaded)
    spec = ReadSpec(
        wanted=[Wanted(n.field, n.header, n.used_at, required=False) for n in needs],
        types={n.field: types.get(n.field, "text") for n in needs},
        date_formats=list(sla.leads.date_formats),
        decimal=sla.leads.decimal,
        timezone=timezone,
        encoding=sla.leads.encoding,
        delimiter=sla.leads.delimiter,
        redact=redact,
    )
    problems: list[Problem] = []
    with temp_dir() as tmp:
        con = connect(Path(tmp))
        try:
            try:
                export = read_export(
                    con, leads, None if leads == "-" else Path(leads), spec, Path(tmp)
                )
            except ExportUnreadable as exc:
                if leads == "-" or not Path(leads).is_file():
                    raise  # nothing to check: validate could not do its job
                # an export that is there but that no data command can use is a finding
                return [Problem(leads, 0, 0, "error", "export", exc.message)], None
            problems += _missing_columns(loaded, leads, export, needs)
            a = export.accounting
            if a.rejected and not a.used:
                _index, line, row = a.rejected_rows[0]
                problems.append(
                    Problem(
                        leads,
                        line,
                        1,
                        "error",
                        "no-row",
                        say(
                            "no row could be read; line {line}: {reason}",
                            line=num(line),
                            reason=rejection_reason(row, len(export.source.headers)),
                        ),
                    )
                )
            account = examine(loaded, export, as_of, timezone, redact=False)
            tries = {f.field: f.issue.reason for f in account.health.unhealthy}
            for f in account.health.unhealthy:
                problems.append(
                    Problem(
                        leads,
                        1,
                        1,
                        "error",
                        "unhealthy-field",
                        say(
                            "field `{field}` (column `{header}`): {reason}",
                            field=f.field,
                            header=cut(f.header),
                            reason=tries[f.field],
                        ),
                    )
                )
            for f in account.blank_starts:
                problems.append(
                    Problem(
                        leads,
                        1,
                        1,
                        "warning",
                        "blank-start",
                        say(
                            "field `{field}` (column `{header}`) is {reason}",
                            field=f.field,
                            header=cut(f.header),
                            reason=f.issue.reason,
                        ),
                    )
                )
            if account.effective is not None:
                problems.append(account.effective)
            if a.problems:
                problems.append(
                    Problem(
                        leads,
                        0,
                        0,
                        "warning",
                        "export",
                        say(
                            "{counts} (list them with `leadsla {command} --errors FILE`)",
                            counts=_without_name(a.summary_line(export.source.name), leads),
                            command=_data_command(loaded),
                        ),
                    )
                )
            summary = row_summary(export)
            problems += _no_match(loaded, leads, export, as_of)
        except Exception as exc:
            if redact:
                hide_message(exc)
            raise
        finally:
            con.close()
    return problems, summary


def _missing_columns(
    loaded: LoadedSla, leads: str, export: Export, needs: list[Need]
) -> list[Problem]:
    """A column the SLA uses that the export lacks: every data command that uses it exits 2."""
    out = []
    for n in needs:
        if n.field in export.columns or not n.required:
            continue
        near = closest(n.header, export.source.headers)
        hint = say("; closest header: `{header}`", header=near) if near else ""
        out.append(
            Problem(
                leads,
                1,
                1,
                "error",
                "missing-column",
                say(
                    "no column `{header}` for field `{field}` (used {used_at}){hint}",
                    header=n.header,
                    field=n.field,
                    used_at=n.used_at,
                    hint=hint,
                ),
            )
        )
    return out


def _without_name(line: str, leads: str) -> Message:
    """The row summary without its file's name (the problem names the file)."""
    prefix = f"{leads}: "
    return Message(line.removeprefix(prefix), lambda: local(line).removeprefix(prefix))


def _part(part: str) -> object:
    """The part of the SLA a rule belongs to, in the reader's words on stderr."""
    words = {
        # i18n: the fit part of a lead's score (who they are)
        "fit": say("fit"),
        "engagement": say("engagement"),
        # i18n: a rule that disqualifies a lead
        "disqualify": say("disqualify"),
        # i18n: a follow-up rule's tier (a target for some leads), e.g. "grade A: 1h"
        "tier": say("tier"),
    }
    return words.get(part, part)


def _data_command(loaded: LoadedSla) -> str:
    sla = loaded.sla
    if sla.scoring is not None:
        return "score"
    if sla.follow_up:
        return "check-deadlines"
    return "report"


def _no_match(loaded: LoadedSla, leads: str, export: Export, as_of: datetime) -> list[Problem]:
    """Rules that match no row (on blank columns for the fields the export lacks)."""
    sla = loaded.sla
    missing = {f: t for f, t in loaded.types.types.items() if f not in export.columns}
    add_blank_fields(export, missing)
    deriver = Deriver(sla, export.types, as_of, ALL_SECTIONS)
    out = []
    for (part, name, _cond, _), matched, path in zip(
        checks(deriver), match_counts(export.con, deriver), _check_paths(loaded), strict=True
    ):
        if matched == 0:
            out.append(
                loaded.problem(
                    Finding(
                        path,
                        say(
                            "{part} rule `{name}` matches no row of {leads}",
                            part=_part(part),
                            name=say("MQL definition") if part == "mql" else name,
                            leads=leads,
                        ),
                        "no-match",
                        level="warning",
                    )
                )
            )
    return out


def _check_paths(loaded: LoadedSla) -> list[tuple[str | int, ...]]:
    """The document path of each entry of `explain.checks`, in the same order."""
    sla = loaded.sla
    out: list[tuple[str | int, ...]] = []
    if sla.scoring and sla.scoring.fit:
        out += [("scoring", "fit", "rules", i) for i in range(len(sla.scoring.fit.rules))]
    if sla.scoring and sla.scoring.engagement:
        out += [
            ("scoring", "engagement", "rules", i) for i in range(len(sla.scoring.engagement.rules))
        ]
    if sla.qualification:
        out += [
            ("qualification", "disqualify", i) for i in range(len(sla.qualification.disqualify))
        ]
        if sla.qualification.mql is not None:
            out.append(("qualification", "mql"))
    for i, f in enumerate(sla.follow_up or []):
        out += [("follow_up", i, "tiers", j) for j in range(len(f.tiers))]
    return out

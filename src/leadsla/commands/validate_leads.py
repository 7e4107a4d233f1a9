"""`validate --leads CSV`: the headers the SLA needs, and rules that match no row of the export."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from leadsla.commands.common import hide_message
from leadsla.data.db import connect
from leadsla.data.headers import Wanted, closest
from leadsla.data.reader import ReadSpec, add_blank_fields, read_export, temp_dir
from leadsla.engine.derive import Deriver
from leadsla.engine.explain import checks, match_counts
from leadsla.errors import Problem
from leadsla.sla.load import LoadedSla
from leadsla.sla.needs import needed_fields
from leadsla.sla.semantics import Finding

ALL_SECTIONS = {"scoring", "qualification", "funnel", "follow_up", "goals"}


def check_export(
    loaded: LoadedSla, leads: str, as_of: datetime, *, redact: bool = False
) -> list[Problem]:
    sla = loaded.sla
    needs = needed_fields(loaded, ALL_SECTIONS)
    types = dict(loaded.types.types)
    spec = ReadSpec(
        wanted=[Wanted(n.field, n.header, n.used_at, required=False) for n in needs],
        types={n.field: types.get(n.field, "text") for n in needs},
        date_formats=list(sla.leads.date_formats),
        decimal=sla.leads.decimal,
        timezone=sla.leads.timezone or (sla.calendar.timezone if sla.calendar else "UTC"),
        encoding=sla.leads.encoding,
        delimiter=sla.leads.delimiter,
        redact=redact,
    )
    problems: list[Problem] = []
    with temp_dir() as tmp:
        con = connect(Path(tmp))
        try:
            export = read_export(con, leads, None if leads == "-" else Path(leads), spec, Path(tmp))
            missing = [n for n in needs if n.required and n.field not in export.columns]
            for n in missing:
                near = closest(n.header, export.source.headers)
                hint = f"; closest header: `{near}`" if near else ""
                problems.append(
                    Problem(
                        leads,
                        1,
                        1,
                        "warning",
                        "missing-column",
                        f"no column `{n.header}` for field `{n.field}` (used at {n.used_at}){hint}",
                    )
                )
            add_blank_fields(export, {n.field: spec.types.get(n.field, "text") for n in missing})
            a = export.accounting
            if a.problems:
                problems.append(
                    Problem(
                        leads,
                        0,
                        0,
                        "warning",
                        "export",
                        f"{a.rows:,} rows: {a.rejected:,} rejected, {a.unreadable_cells:,} unreadable cells, "
                        f"{a.duplicates:,} rows with duplicate ids (list them with `leadsla score --errors FILE`)",
                    )
                )
            deriver = Deriver(sla, export.types, as_of, ALL_SECTIONS)
            cks = checks(deriver)
            for (part, name, _cond, _), matched, path in zip(
                cks, match_counts(con, deriver), _check_paths(loaded), strict=True
            ):
                if matched == 0:
                    problems.append(
                        loaded.problem(
                            Finding(
                                path,
                                f"{part} rule `{name}` matches no row of {leads}",
                                "no-match",
                                level="warning",
                            )
                        )
                    )
        except Exception as exc:
            if redact:
                hide_message(exc)
            raise
        finally:
            con.close()
    return problems


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

"""What an SLA asks that a SQL dialect cannot run alike (`validate --dialect`, `compile`):
`matches` patterns outside the portable subset, date formats `compile` cannot write. Each is
a located problem (file, line, column). Pure Python: `validate` stays quick to start."""

from __future__ import annotations

from leadsla.errors import Problem
from leadsla.messages import say
from leadsla.sla.conditions import leaves
from leadsla.sla.load import LoadedSla
from leadsla.sla.regex_subset import DIALECTS, format_problem, unportable
from leadsla.sla.semantics import Finding, iter_conditions


def _python_knows(zone: str) -> bool:
    from zoneinfo import ZoneInfo

    try:
        ZoneInfo(zone)
    except (KeyError, ValueError, OSError):
        return False
    return True


def dialect_problems(loaded: LoadedSla, dialect: str) -> list[Problem]:
    assert dialect in DIALECTS
    findings: list[Finding] = []
    for path, cond, _phase in iter_conditions(loaded.sla):
        for leaf in leaves(cond):
            if leaf.op != "matches":
                continue
            found = unportable(str(leaf.value), dialect)
            if found is not None:
                findings.append(
                    Finding(
                        (*path, *leaf.subpath, "matches"),
                        say(
                            "`{pattern}` cannot run alike in {dialect}: {reason} at character"
                            ' {at}; write it with the portable subset (README, "Beyond one'
                            ' machine")',
                            pattern=leaf.value,
                            dialect=dialect,
                            reason=found.reason,
                            at=found.offset + 1,
                        ),
                        "dialect-regex",
                    )
                )
    sla = loaded.sla
    zones = [(("leads", "timezone"), sla.leads.timezone)]
    zones.append((("calendar", "timezone"), sla.calendar.timezone if sla.calendar else None))
    for path, zone in zones:
        if zone is not None and not _python_knows(zone):
            # compile writes the zone's transitions from Python's zone data into the script
            findings.append(
                Finding(
                    path,
                    say(
                        "`{zone}` is not in Python's time zone data, which `compile` writes"
                        " into the script (for {dialect}); install `tzdata` or name the zone"
                        " as the IANA database does",
                        zone=zone,
                        dialect=dialect,
                    ),
                    "dialect-timezone",
                )
            )
    for i, fmt in enumerate(loaded.sla.leads.date_formats):
        problem = format_problem(fmt)
        if problem is not None:
            findings.append(
                Finding(
                    ("leads", "date_formats", i),
                    say("{problem} (for {dialect})", problem=problem, dialect=dialect),
                    "dialect-date-format",
                )
            )
    return [loaded.problem(f) for f in findings]

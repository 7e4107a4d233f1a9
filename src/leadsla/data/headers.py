"""Which CSV column holds each field: as written (trimmed), then ignoring case (SPEC §2)."""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from leadsla.errors import ExportUnreadable


@dataclass(frozen=True)
class Wanted:
    """A field a command needs, the header it is looked up by, and where the SLA uses it."""

    field: str
    header: str
    used_at: str
    required: bool = True


def _norm(text: str) -> str:
    return text.strip().lstrip("\ufeff").strip()


def closest(header: str, headers: list[str]) -> str | None:
    folded = {h.casefold(): h for h in headers}
    match = difflib.get_close_matches(header.casefold(), list(folded), n=1, cutoff=0.5)
    return folded[match[0]] if match else None


def match_headers(wanted: list[Wanted], headers: list[str], source_name: str) -> dict[str, int]:
    """field -> column index; raises ExportUnreadable naming every required field not found."""
    exact: dict[str, list[int]] = {}
    folded: dict[str, list[int]] = {}
    for i, h in enumerate(headers):
        exact.setdefault(_norm(h), []).append(i)
        folded.setdefault(_norm(h).casefold(), []).append(i)
    found: dict[str, int] = {}
    missing: list[str] = []
    for w in wanted:
        key = _norm(w.header)
        candidates = exact.get(key) or folded.get(key.casefold(), [])
        if len(candidates) == 1:
            found[w.field] = candidates[0]
        elif len({_norm(headers[i]) for i in candidates}) < len(candidates):
            # the same name twice: no mapping can tell them apart, and the first must not win
            where = " and ".join(str(i + 1) for i in candidates)
            missing.append(
                f"field `{w.field}`: columns {where} are both named "
                f"`{_norm(headers[candidates[0]])}`; rename one in the export"
            )
        elif len(candidates) > 1:
            names = " and ".join(f"`{headers[i]}`" for i in candidates)
            missing.append(
                f"field `{w.field}`: columns {names} both match `{w.header}`; name one exactly in leads.columns"
            )
        elif w.required:
            near = closest(w.header, headers)
            hint = (
                f'; closest: `{near}` (map it: leads.columns: {{{w.field}: "{near}"}})'
                if near
                else ""
            )
            missing.append(f"field `{w.field}`: no column `{w.header}` (used at {w.used_at}){hint}")
    if missing:
        shown = ", ".join(headers[:40]) + (", ..." if len(headers) > 40 else "")
        what = "a column" if len(missing) == 1 else f"{len(missing)} columns"
        raise ExportUnreadable(
            f"{source_name} lacks {what} the command needs:\n  "
            + "\n  ".join(missing)
            + f"\n  headers found: {shown}"
        )
    return found

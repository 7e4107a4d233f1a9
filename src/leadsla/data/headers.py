"""Which CSV column holds each field: as written (trimmed), then ignoring case (SPEC §2)."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Literal

from leadsla.errors import ExportUnreadable
from leadsla.excerpt import Budget
from leadsla.messages import cat, join, num, say, say_n

MAX_HEADERS_SHOWN = 30
"""`headers found` lists this many headers at most (each cut to excerpt.PIECE characters)."""
MAX_MISSING_SHOWN = 20
"""Missing columns listed in one message; more are counted."""
MAX_HEADER_LENGTH = 200
"""Longer headers are never offered as the closest one (no one maps to such a header)."""
DELIMITER_NAMES = {",": "`,`", ";": "`;`", "\t": "TAB", "|": "`|`"}


@dataclass(frozen=True)
class Wanted:
    """A field a command needs, the header it is looked up by, and where the SLA uses it."""

    field: str
    header: str
    used_at: str
    """Where, with its preposition (`at follow_up[0].start, sla.yaml line 21`, `at the command
    line`): a whole phrase per kind of place, so a language can say `na linha de comando`."""
    required: bool = True


@dataclass(frozen=True)
class Missing:
    """A wanted field without exactly one column: none, or several it cannot choose from."""

    wanted: Wanted
    kind: Literal["absent", "same_name", "ambiguous"]
    columns: tuple[int, ...] = ()

    def text(self, budget: Budget, headers: list[str], offer_closest: bool) -> str:
        """One line of the message, quoting headers within the message's budget."""
        w = self.wanted
        if self.kind == "same_name":
            where = join(say(" and "), [str(i + 1) for i in self.columns])
            name = budget.take(_norm(headers[self.columns[0]]))
            return say(
                "field `{field}`: columns {columns} are both named `{name}`; rename one in the"
                " export",
                field=w.field,
                columns=where,
                name=name,
            )
        if self.kind == "ambiguous":
            names = join(say(" and "), [f"`{budget.take(headers[i])}`" for i in self.columns])
            return say(
                "field `{field}`: columns {names} both match `{header}`; name one exactly in"
                " leads.columns",
                field=w.field,
                names=names,
                header=budget.take(w.header),
            )
        text = say(
            "field `{field}`: no column `{header}` (used {used_at})",
            field=w.field,
            header=budget.take(w.header),
            used_at=w.used_at,
        )
        near = closest(w.header, headers) if offer_closest else None
        if near is None:
            return text
        shown = budget.take(near)
        if shown == near and '"' not in near and "\\" not in near:
            mapping = f'leads.columns: {{{w.field}: "{near}"}}'
            return say(
                "{text}; closest: `{near}` (map it: {mapping})",
                text=text,
                near=near,
                mapping=mapping,
            )
        return say("{text}; closest: `{near}`", text=text, near=shown)


def _norm(text: str) -> str:
    return text.strip().lstrip("\ufeff").strip()


def closest(header: str, headers: list[str]) -> str | None:
    """The header `header` is most likely a misspelling of, if any."""
    folded = {h.casefold(): h for h in headers if len(h) <= MAX_HEADER_LENGTH}
    match = difflib.get_close_matches(header.casefold(), list(folded), n=1, cutoff=0.5)
    return folded[match[0]] if match else None


def lookup_columns(header: str, headers: list[str]) -> list[int]:
    """The columns `header` finds: those written so (trimmed), else those equal ignoring case;
    one is a match, more a clash the reader refuses (`leadsla init --from` checks it too)."""
    key = _norm(header)
    exact = [i for i, h in enumerate(headers) if _norm(h) == key]
    return exact or [i for i, h in enumerate(headers) if _norm(h).casefold() == key.casefold()]


def match_headers(wanted: list[Wanted], headers: list[str], source_name: str) -> dict[str, int]:
    """field -> column index; raises ExportUnreadable naming every required field not found."""
    found: dict[str, int] = {}
    missing: list[Missing] = []
    for w in wanted:
        candidates = lookup_columns(w.header, headers)
        if len(candidates) == 1:
            found[w.field] = candidates[0]
        elif len({_norm(headers[i]) for i in candidates}) < len(candidates):
            # the same name twice: no mapping can tell them apart, and the first must not win
            missing.append(Missing(w, "same_name", tuple(candidates)))
        elif len(candidates) > 1:
            missing.append(Missing(w, "ambiguous", tuple(candidates)))
        elif w.required:
            missing.append(Missing(w, "absent"))
    if missing:
        raise ExportUnreadable(missing_message(source_name, missing, headers))
    return found


def headers_found(headers: list[str], budget: Budget) -> str:
    """At most MAX_HEADERS_SHOWN headers, each cut, within the message's budget."""
    shown: list[str] = []
    for h in headers[:MAX_HEADERS_SHOWN]:
        if budget.spent:
            break
        # i18n: a header that is empty, in "headers found: id, (empty), email"
        shown.append(budget.take(h) if h else say("(empty)"))
    more = len(headers) - len(shown)
    return cat(join(", ", shown), say(", ... ({n} more)", n=num(more)) if more else "")


def one_column(headers: list[str]) -> str:
    """What to say of an export of one column instead of quoting its header: such a file is
    seldom an export (`leads.path: /etc/passwd`, a `.env` file: its first line is not quoted
    back), or its delimiter is set to one the header line does not use."""
    inside = [name for d, name in DELIMITER_NAMES.items() if d in headers[0]]
    if inside:
        return say(
            "the header line is one column, though it holds {delimiter}: is `leads.delimiter`"
            " right?",
            delimiter=inside[0],
        )
    return say_n(
        "the export has a single column: its header line ({n} character) holds no `,` `;`"
        " TAB or `|`; is it a CSV export of leads?",
        "the export has a single column: its header line ({n} characters) holds no `,` `;`"
        " TAB or `|`; is it a CSV export of leads?",
        len(headers[0]),
    )


def missing_message(source_name: str, missing: list[Missing], headers: list[str]) -> str:
    """`FILE lacks a column the command needs: ...`, quoting at most MESSAGE_BUDGET
    characters of the export's headers."""
    budget = Budget()
    single = len(headers) == 1
    lines = [m.text(budget, headers, not single) for m in missing[:MAX_MISSING_SHOWN]]
    if len(missing) > MAX_MISSING_SHOWN:
        lines.append(say("and {n} more fields", n=num(len(missing) - MAX_MISSING_SHOWN)))
    lines.append(
        one_column(headers)
        if single
        else say("headers found: {headers}", headers=headers_found(headers, budget))
    )
    head = say_n(
        "{name} lacks a column the command needs:",
        "{name} lacks {n} columns the command needs:",
        len(missing),
        name=source_name,
    )
    return cat(head, "\n  ", join("\n  ", lines))

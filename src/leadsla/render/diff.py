"""`leadsla diff` as JSON, a terminal table and Markdown for a pull-request comment."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from leadsla.i18n import _, fmt_date, fmt_int, fmt_number, ngettext, pgettext
from leadsla.render.jsonout import iso, slot, stream
from leadsla.results import DiffImpact, DiffResult, TextChange

MOVED_SHOWN = 20
"""Moved leads a table or Markdown lists (JSON lists them all)."""
CHANGES_SHOWN = 200
"""Text changes a table or Markdown lists (JSON lists them all): a thousand calendar
overrides would make a Markdown longer than a pull-request comment may be."""
VALUE_WIDTH = 40
"""A value longer than this (a whole rule) is shortened in a table or Markdown."""


def json_doc(result: DiffResult) -> Iterator[str]:
    """The document, its moved leads streamed from the engine one per line."""
    doc: dict[str, Any] = {
        "leadsla_version": __import__("leadsla").__version__,
        "as_of": iso(result.as_of),
        "old": {"path": result.old_path, "name": result.old_name},
        "new": {"path": result.new_path, "name": result.new_name},
        "changes": [
            {
                "kind": c.kind,
                "path": c.path,
                "old_path": c.old_path,
                "new_path": c.new_path,
                "old": c.old,
                "new": c.new,
                "old_line": c.old_line,
                "new_line": c.new_line,
            }
            for c in result.changes
        ],
        "impact": _impact_json(result.impact),
    }
    impact = result.impact
    return stream(doc, [impact.moved.json_lines()] if impact is not None else [])


def _impact_json(impact: DiffImpact | None) -> dict[str, Any] | None:
    if impact is None:
        return None
    return {
        "leads": impact.leads,
        "grade": impact.grade,
        "qualification": impact.qualification,
        "moved": slot(0),
        "score_changed": impact.score_changed,
        "follow_up": [
            {
                "rule": f.rule,
                "old": f.old,
                "new": f.new,
                "status_changed": f.status_changed,
                "due_changed": f.due_changed,
                "only_old": f.only_old,
                "only_new": f.only_new,
            }
            for f in impact.follow_up
        ],
        "goals": [
            {
                "id": g.id,
                "period_start": iso(g.period_start),
                "group": g.group,
                "old": g.old,
                "new": g.new,
            }
            for g in impact.goals
        ],
    }


def _value(v: Any) -> str:
    if v is None:
        return ""
    text = v if isinstance(v, str) else json.dumps(v, ensure_ascii=False, default=str)
    text = " ".join(text.split())
    return text if len(text) <= VALUE_WIDTH else text[: VALUE_WIDTH - 1] + "…"


def _kind(kind: str) -> str:
    words = {
        # i18n: a change between two SLAs
        "added": _("added"),
        # i18n: a change between two SLAs
        "removed": _("removed"),
        # i18n: a change between two SLAs
        "changed": _("changed"),
        # i18n: a change between two SLAs (reordered)
        "moved": _("moved"),
    }
    return words.get(kind, kind)


def _lines(c: TextChange) -> str:
    old = "" if c.old_line is None else str(c.old_line)
    new = "" if c.new_line is None else str(c.new_line)
    return f"{old}→{new}"


def _sections(result: DiffResult) -> list[tuple[str, list[str], list[list[str]]]]:
    """The report as titled tables of plain cells, shared by the table and Markdown."""
    from leadsla.render.score import qualification_word

    out: list[tuple[str, list[str], list[list[str]]]] = []
    out.append(
        (
            _("What changed in the text"),
            [_("change"), _("path"), _("old"), _("new"), _("lines")],
            [
                [_kind(c.kind), c.path, _value(c.old), _value(c.new), _lines(c)]
                for c in result.changes[:CHANGES_SHOWN]
            ],
        )
    )
    impact = result.impact
    if impact is None:
        return out
    for title, matrix in (
        (_("Grade: old (rows) × new (columns)"), impact.grade),
        (_("Qualification: old (rows) × new (columns)"), impact.qualification),
    ):
        columns = list(next(iter(matrix.values()), {}))
        word = qualification_word if matrix is impact.qualification else str
        out.append(
            (
                title,
                ["", *(word(c) for c in columns)],
                [[word(a), *(fmt_int(row[b]) for b in columns)] for a, row in matrix.items()],
            )
        )
    if impact.moved_count:
        out.append(
            (
                _("Leads that move"),
                [_("id"), _("line"), _("old"), _("new")],
                [
                    [m.id or "", str(m.line), _lead(m.old), _lead(m.new)]
                    for m in impact.moved.head(MOVED_SHOWN)
                ],
            )
        )
    if impact.follow_up:
        out.append(
            (
                _("Follow-ups"),
                [
                    _("rule"),
                    pgettext("follow-ups", "breached"),
                    _("status changed"),
                    _("due changed"),
                    _("old only"),
                    _("new only"),
                ],
                [
                    [
                        f.rule,
                        _("{old} → {new}").format(
                            old=fmt_int(f.old.get("breached", 0)),
                            new=fmt_int(f.new.get("breached", 0)),
                        ),
                        fmt_int(f.status_changed),
                        fmt_int(f.due_changed),
                        fmt_int(f.only_old),
                        fmt_int(f.only_new),
                    ]
                    for f in impact.follow_up
                ],
            )
        )
    changed_goals = [
        g
        for g in impact.goals
        if g.old is None
        or g.new is None
        or g.old.get("verdict") != g.new.get("verdict")
        or g.old.get("value") != g.new.get("value")
    ]
    if changed_goals:
        headers = [_("goal"), _("period"), _("group"), _("old"), _("new")]
        cells = [
            [
                g.id,
                fmt_date(g.period_start.date()),
                ", ".join(f"{k}={v}" for k, v in (g.group or {}).items()),
                _goal(g.old, g.metric),
                _goal(g.new, g.metric),
            ]
            for g in changed_goals
        ]
        if not any(row[2] for row in cells):  # no goal of the SLA has groups (for_each)
            headers, cells = _without(headers, 2), [_without(row, 2) for row in cells]
        out.append((_("Goals that change"), headers, cells))
    return out


def _without(row: list[str], i: int) -> list[str]:
    return row[:i] + row[i + 1 :]


def _lead(side: dict[str, Any]) -> str:
    from leadsla.render.score import qualification_word

    score = side.get("score")
    shown = "" if score is None else " " + fmt_number(score)
    return f"{side.get('grade')} {qualification_word(str(side.get('qualification')))}{shown}"


def _goal(side: dict[str, Any] | None, metric: str) -> str:
    """A goal's value as `report` writes it, then its verdict in words (`51.3% ✗ missed`)."""
    from leadsla.render.report import metric_text, verdict_shown

    if side is None:
        # i18n: a goal value that exists under one SLA only
        return _("(absent)")
    value = side.get("value")
    shown = "" if value is None else metric_text(metric, float(value)) + " "
    v = verdict_shown(str(side.get("verdict")))
    return f"{shown}{v.symbol} {v.word}"


def _summary(result: DiffResult) -> list[str]:
    out = [
        _("{old} → {new}").format(old=result.old_path, new=result.new_path),
        ngettext("{n} change in the text", "{n} changes in the text", len(result.changes)).format(
            n=fmt_int(len(result.changes))
        ),
    ]
    impact = result.impact
    if impact is not None:
        out.append(
            ngettext(
                "{n} of {total} lead moves; {scores} scores change",
                "{n} of {total} leads move; {scores} scores change",
                impact.moved_count,
            ).format(
                n=fmt_int(impact.moved_count),
                total=fmt_int(impact.leads),
                scores=fmt_int(impact.score_changed),
            )
        )
        if not impact.any:
            out.append(_("no impact on the export"))
    return out


def table(result: DiffResult, color: bool = False, cols: int | None = None) -> str:
    """The summary, then one table per section; the path column is never cut (it folds)."""
    from rich import box
    from rich.table import Table

    from leadsla.render.console import to_text

    parts: list[Any] = ["\n".join(_summary(result))]
    for title, headers, cells in _sections(result):
        if not cells:
            continue
        t = Table(title=title, box=box.SIMPLE_HEAD, title_justify="left")
        for i, h in enumerate(headers):
            # ids, paths, rule ids and goal ids (the first two columns) are never cut
            whole = i < 2 or h == ""
            widest = max([len(h), *(len(r[i]) for r in cells)]) if whole else None
            t.add_column(h, overflow="fold", no_wrap=whole, min_width=widest)
        for row in cells:
            t.add_row(*row)
        parts.append(t)
        if title == _("What changed in the text"):
            parts += _more(len(result.changes), CHANGES_SHOWN)[1:]
        if title == _("Leads that move") and result.impact is not None:
            parts += _more(result.impact.moved_count)[1:]
    return to_text(*parts, color=color, cols=cols)


def markdown(result: DiffResult) -> str:
    from leadsla.render.escape import Md
    from leadsla.render.escape import markdown as md_text
    from leadsla.render.escape import row as md_row

    head = [md_text(line) for line in _summary(result)]  # file names are the user's text
    lines = [f"### {head[0]}", "", *[f"- {x}" for x in head[1:]], ""]
    for title, headers, cells in _sections(result):
        if not cells:
            continue
        lines += [f"#### {title}", "", md_row([h if h else Md(" ") for h in headers])]
        lines.append(md_row([Md("---")] * len(headers)))
        for row in cells:
            if title == _("What changed in the text") and "`" not in row[1]:
                row = [row[0], Md(f"`{row[1]}`"), *row[2:]]  # a path reads as code
            lines.append(md_row(list(row)))
        if title == _("What changed in the text"):
            lines += _more(len(result.changes), CHANGES_SHOWN)
        if title == _("Leads that move") and result.impact is not None:
            lines += _more(result.impact.moved_count)
        lines.append("")
    return "\n".join(lines)


def _more(found: int, shown: int = MOVED_SHOWN) -> list[str]:
    if found <= shown:
        return []
    return [
        "",
        _("… and {n} more (--format json lists them all)").format(n=fmt_int(found - shown)),
    ]

"""`score` results: a rich table, JSON (SPEC §3) or CSV."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import asdict, dataclass
from typing import Any

from rich.cells import cell_len
from rich.console import Console, RenderableType
from rich.table import Table
from rich.text import Text

from leadsla.i18n import _, fmt_datetime, fmt_int, fmt_number, pgettext
from leadsla.render.console import to_text, width
from leadsla.render.escape import one_line
from leadsla.render.jsonout import fields_json, header, slot, stream
from leadsla.results import RowStream, RowSummary, ScoreResult

QUALIFICATION_STYLE = {"mql": "bold green", "not_qualified": "", "disqualified": "red"}
AUDIT_SHOWN = 10


def rows_dict(rows: RowSummary) -> dict[str, Any]:
    counts = {k: v for k, v in asdict(rows).items() if k not in ("source", "fields")}
    return {**counts, "fields": fields_json(rows)}


def json_doc(result: ScoreResult) -> Iterator[str]:
    """SPEC §3's document; the leads and the audit's lists stream from the engine."""
    doc = header(result.as_of)
    doc["summary"] = {
        **rows_dict(result.rows),
        "by_grade": result.by_grade,
        "by_qualification": result.by_qualification,
        "by_grade_and_qualification": result.by_grade_and_qualification,
        "handoff": {
            "stage": result.handoff_stage,
            "judged_at": result.judged_at,
            "not_qualified": slot(0),
            "not_handed_off": slot(1),
        },
        "stage_mismatch": slot(2),
    }
    doc["leads"] = slot(3)
    return stream(
        doc,
        [
            result.not_qualified.json_values(),
            result.not_handed_off.json_values(),
            result.stage_mismatch.json_lines(),
            result.leads.json_lines(),
        ],
    )


def csv_doc(result: ScoreResult) -> Iterator[str]:
    """The leads (the top ones with --top, else all in export order): the cells escaped and
    quoted by the engine (csvsafe.py's rules)."""
    yield ",".join(result.leads.names) + "\n"
    for page in result.leads.csv_lines():
        yield "\n".join(page) + "\n"


# -- the terminal table --------------------------------------------------------------------------


def qualification_word(q: str, header: bool = False) -> str:
    """What a qualification is called in the reader's language (JSON keeps `not_qualified`):
    in a cell, or capitalised as a column's header."""
    if q == "mql":
        return "MQL"
    if q == "not_qualified":
        return _("Not qualified") if header else _("not qualified")
    if q == "disqualified":
        return _("Disqualified") if header else _("disqualified")
    return q


def _cell(text: object) -> str:
    """Text of the export or the SLA as one line that cannot drive the terminal, and whose
    width is what it shows (tabs as spaces)."""
    return one_line(str(text)).replace("\t", " ")


def _indented(text: str | Text, indent: int, cols_width: int) -> list[Text]:
    """`text` wrapped at word boundaries to `cols_width`, every line `indent` spaces in (a
    word longer than a line, such as a long id, is folded rather than cut)."""
    body = Text(text) if isinstance(text, str) else text
    measure = Console(width=cols_width, no_color=True, highlight=False)
    lines = body.wrap(measure, max(cols_width - indent, 10), overflow="fold")
    out = []
    for line in lines:
        line.rstrip()
        out.append(Text(" " * indent) + line)
    return out


def _num(value: float | None) -> str:
    return "–" if value is None else fmt_number(value, 1)


@dataclass(frozen=True)
class _Col:
    header: str
    justify: str
    cells: list[str]
    rank: int
    """Which columns go first when the table is too wide: the highest rank first; 0 never."""
    style: list[str] | None = None

    @property
    def natural(self) -> int:
        return max([cell_len(self.header), *(cell_len(c) for c in self.cells)])


def _table_width(cols: list[_Col]) -> int:
    """A rich Table's width with its default box and padding: 1 space each side, a rule
    between columns and at each edge."""
    return sum(c.natural for c in cols) + 3 * len(cols) + 1


def _fitted(cols: list[_Col], cols_width: int) -> tuple[list[_Col], list[_Col]] | None:
    """The columns that fit in `cols_width` and the ones left out (highest rank first), or
    None when even the columns that never go (rank 0) do not fit."""
    kept = list(cols)
    left: list[_Col] = []
    while _table_width(kept) > cols_width:
        ranked = [c for c in kept if c.rank > 0]
        if not ranked:
            return None
        drop = max(ranked, key=lambda c: c.rank)
        kept.remove(drop)
        left.append(drop)
    return kept, left


def _grid(cols: list[_Col], n: int, footer_style: int | None = None) -> Table:
    t = Table()
    for c in cols:
        # every cell fits (the widths were measured): nothing wraps, nothing is cut
        t.add_column(c.header, justify=c.justify, no_wrap=True, min_width=c.natural)  # type: ignore[arg-type]
    for i in range(n):
        cells: list[RenderableType] = [
            Text(c.cells[i], style=c.style[i]) if c.style else c.cells[i] for c in cols
        ]
        t.add_row(*cells, style="bold" if i == footer_style else None)
    return t


def _blocks(cols: list[_Col], n: int, cols_width: int) -> list[Text]:
    """One block per record when no table fits: the first column on a line of its own, then
    the others as `header: value`, wrapped under it."""
    out: list[Text] = []
    for i in range(n):
        out.append(Text(cols[0].cells[i], style="bold"))
        rest = " · ".join(f"{c.header}: {c.cells[i]}" for c in cols[1:])
        out += _indented(rest, 2, cols_width)
    return out


def _fit(
    cols: list[_Col], n: int, cols_width: int, footer: int | None = None
) -> list[RenderableType]:
    """A table of the columns that fit (lower-priority ones left out, and said so), else one
    block per record."""
    fitted = _fitted(cols, cols_width)
    if fitted is None:
        return [*_blocks(cols, n, cols_width)]
    kept, left = fitted
    table = _grid(kept, n, footer)
    if not left:
        return [table]
    names = ", ".join(c.header for c in sorted(left, key=lambda c: cols.index(c)))
    # i18n: {columns} lists column headers left out of a table too wide for the terminal
    note = Text(_("(not shown at this width: {columns})").format(columns=names), style="dim")
    return [table, *_indented(note, 0, cols_width)]


def _grade_table(result: ScoreResult, cols_width: int) -> list[RenderableType]:
    quals = list(result.by_qualification)
    n = len(result.grades) + 1
    # i18n: the row that adds up every grade
    labels = [*(_cell(g) for g in result.grades), _("All")]
    cols = [_Col(_("Grade"), "left", labels, 0)]
    for q in quals:
        cells = [
            fmt_int(result.by_grade_and_qualification.get(g, {}).get(q, 0)) for g in result.grades
        ]
        cells.append(fmt_int(result.by_qualification[q]))
        cols.append(
            _Col(
                qualification_word(q, header=True), "right", cells, 0, [QUALIFICATION_STYLE[q]] * n
            )
        )
    totals = [fmt_int(result.by_grade.get(g, 0)) for g in result.grades]
    totals.append(fmt_int(sum(result.by_grade.values())))
    cols.append(_Col(_("Total"), "right", totals, 0, ["bold"] * n))
    return _fit(cols, n, cols_width, footer=n - 1)


def _top_table(leads: list[dict[str, Any]], cols_width: int) -> list[RenderableType]:
    def reason(lead: dict[str, Any]) -> str:
        word = qualification_word(lead["qualification"])
        return word + (f" ({_cell(lead['reason'])})" if lead["reason"] else "")

    cols = [
        _Col(_("Lead"), "left", [_cell(x["id"]) for x in leads], 0),
        _Col(_("Score"), "right", [_num(x["score"]) for x in leads], 0),
        _Col(_("Fit"), "right", [_num(x["fit"]) for x in leads], 4),
        _Col(_("Grade"), "center", [_cell(x["grade"]) for x in leads], 1),
        _Col(_("Engagement"), "right", [_num(x["engagement"]) for x in leads], 3),
        _Col(
            _("Qualification"),
            "left",
            [reason(x) for x in leads],
            0,
            [QUALIFICATION_STYLE[x["qualification"]] for x in leads],
        ),
        _Col(_("Stage"), "left", [_cell(x["funnel_stage"] or "–") for x in leads], 2),
    ]
    return _fit(cols, len(leads), cols_width)


def _ids(found: RowStream) -> tuple[int, str]:
    """How many, and the first few (`a, b, … (+12)`)."""
    n = found.count()
    shown = ", ".join(_cell(r["id"]) for r in found.head(AUDIT_SHOWN))
    if n > AUDIT_SHOWN:
        # i18n: the ids not listed after the first few
        shown += ", " + _("… (+{n} more)").format(n=fmt_int(n - AUDIT_SHOWN))
    return n, shown


def _audit(result: ScoreResult, cols_width: int) -> list[Text]:
    parts = [Text(_("Hand-off audit: qualified when handed off"), "bold")]

    def line(what: str, n: int, ids: str) -> None:
        parts.extend(_indented(Text(what, style="yellow" if n else ""), 2, cols_width))
        if n:
            parts.extend(_indented(ids, 4, cols_width))

    if result.handoff_stage is None:
        parts.extend(_indented(_("no funnel: nothing to audit"), 2, cols_width))
        return parts
    how = _(
        "Engagement as it was when each lead was handed off (no decay after the hand-off); "
        "everything else as of {when}."
    ).format(when=fmt_datetime(result.as_of))
    parts.extend(_indented(Text(how, style="dim"), 2, cols_width))
    n, ids = _ids(result.not_qualified)
    what = _("Handed off ({stage}) but not qualified when handed off: {n}")
    line(what.format(stage=_cell(result.handoff_stage), n=fmt_int(n)), n, ids)
    n, ids = _ids(result.not_handed_off)
    line(_("Qualified by the SLA but never handed off: {n}").format(n=fmt_int(n)), n, ids)
    n = result.stage_mismatch.count()
    if n:
        # i18n: a lead in no stage of the funnel, in "CRM label ≠ funnel stage"
        nothing = pgettext("funnel stage", "none")
        shown = [
            f"{_cell(m['id'])} ({_cell(m['crm_stage'])} ≠ {_cell(m['funnel_stage'] or nothing)})"
            for m in result.stage_mismatch.head(AUDIT_SHOWN)
        ]
        if n > AUDIT_SHOWN:
            shown.append(_("… (+{n} more)").format(n=fmt_int(n - AUDIT_SHOWN)))
        what = _("CRM stage disagrees with the SLA's funnel stage: {n}")
        line(what.format(n=fmt_int(n)), n, ", ".join(shown))
    return parts


def table(result: ScoreResult, color: bool, cols: int | None = None) -> str:
    """The grade × qualification counts, the top leads and the hand-off audit, fitted to the
    terminal's width (`cols`, else the terminal's)."""
    w = cols or width()
    bold = "bold" if color else ""
    heading = Text(
        _("{sla} — leads by grade and qualification").format(sla=_cell(result.sla_name)), style=bold
    )
    leads = result.leads.head()
    top_heading = Text(
        _("Top leads ({n} of {total}): MQLs first, then not qualified, by score").format(
            n=fmt_int(len(leads)), total=fmt_int(result.total_leads)
        ),
        style=bold,
    )
    return to_text(
        heading,
        *_grade_table(result, w),
        top_heading,
        *_top_table(leads, w),
        *_audit(result, w),
        color=color,
        cols=w,
    )

"""Tables that fit the terminal: whole ids, folding and dropping by priority, else blocks.

A column says how much it matters (`drop`: 0 never goes, higher numbers go first) and whether
its cells may wrap (`whole`: ids, rule ids and owners never do, nor are they cut with `…`).
`fit` gives every column its natural width when the table fits; otherwise, taking the columns
from the least important, each folds (down to its longest word, or its `floor`) and then, if
the table is still too wide, goes; when even the columns that never go do not fit, it writes
one block per record (`header: value` lines), which fits any width."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from rich.cells import cell_len
from rich.console import Group
from rich.table import Table
from rich.text import Text

from leadsla.render.console import inert
from leadsla.render.escape import one_line

Cell = str | Text
WORD = 16
"""Words longer than this may fold in the middle (unless the column is `whole`)."""
Justify = Literal["left", "right", "center"]


@dataclass(eq=False)
class Col:
    header: str
    cells: Sequence[Cell] = field(default_factory=list)
    drop: int = 0
    """0: never dropped; columns with higher numbers fold and drop first."""
    whole: bool = False
    """Never wrapped nor cut (ids, rule ids, owners, short words)."""
    justify: Justify = "left"
    style: str = ""
    floor: int = 0
    """A foldable column folds no narrower than this (or its natural width, if less): a
    name folded to its longest word would take a line per word."""

    def natural(self) -> int:
        return max([cell_len(self.header), *(cell_len(_plain(c)) for c in self.cells)])

    def header_folded(self) -> int:
        """Its width with the header wrapped at its words and no cell wrapped."""
        words = [cell_len(w) for w in self.header.split()]
        return max([1, *words, *(cell_len(_plain(c)) for c in self.cells)])

    def least(self) -> int:
        """The narrowest it may fold to: its longest word (the whole cell when `whole`)."""
        if self.whole:
            return self.natural()
        words = [w for c in [self.header, *map(_plain, self.cells)] for w in c.split()]
        # a word longer than WORD (a regular expression, a URL) folds inside itself
        longest = min(WORD, max([1, *(cell_len(w) for w in words)]))
        return min(self.natural(), max(self.floor, longest))


def _inert(c: Col) -> Col:
    """Control characters made visible before anything is measured (`console.inert`)."""
    cells = [one_line(x) if c.whole and isinstance(x, str) else inert(x) for x in c.cells]
    return Col(inert(c.header), cells, c.drop, c.whole, c.justify, c.style, c.floor)


def _plain(cell: Cell) -> str:
    return cell.plain if isinstance(cell, Text) else cell


def overhead(columns: int) -> int:
    """Borders and padding of a rich table with `columns` columns (box, edges, padding 1)."""
    return 3 * columns + 1


@dataclass(frozen=True)
class Fitted:
    """What `fit` made: the renderable, and the headers of the columns left out."""

    renderable: Any
    dropped: list[str]


def plan(cols: list[Col], width: int) -> tuple[list[Col], list[int]] | None:
    """The columns shown and their widths within `width`: taking the columns from the least
    important (highest `drop`, then rightmost), each folds as far as it may, then, if the
    table is still too wide and it may go, goes. None: even the columns that never go do not
    fit folded."""
    shown = list(cols)
    sizes = {id(c): c.natural() for c in cols}

    def excess() -> int:
        return sum(sizes[id(c)] for c in shown) + overhead(len(shown)) - width

    order = sorted(cols, key=lambda c: (-c.drop, -cols.index(c)))
    # First the headers wrap (over their cells' width): that costs no line per record.
    for c in order:
        if excess() <= 0:
            break
        if not c.whole:
            sizes[id(c)] -= min(excess(), max(0, sizes[id(c)] - c.header_folded()))
    for c in order:
        if excess() <= 0:
            break
        sizes[id(c)] -= min(excess(), max(0, sizes[id(c)] - c.least()))
        if excess() > 0 and c.drop > 0:
            shown.remove(c)
    if excess() > 0:
        return None
    return shown, [sizes[id(c)] for c in shown]


def fit(
    cols: list[Col], width: int, title: str | None = None, *, blocks_title: str | None = None
) -> Fitted:
    """The table of `cols` within `width` columns (see the module's docstring)."""
    cols = [_inert(c) for c in cols]
    found = plan(cols, width)
    if found is None:
        return Fitted(blocks(cols, title if blocks_title is None else blocks_title), [])
    shown, sizes = found
    return Fitted(_table(shown, sizes, title), [c.header for c in cols if c not in shown])


def _table(cols: list[Col], sizes: list[int], title: str | None) -> Table:
    table = Table(title=title, title_justify="left")
    for c, w in zip(cols, sizes, strict=True):
        table.add_column(
            c.header,
            width=w,
            justify=c.justify,
            style=c.style,
            no_wrap=c.whole,
            overflow="fold",
        )
    for row in zip(*(c.cells for c in cols), strict=True):
        table.add_row(*row)
    return table


def blocks(cols: list[Col], title: str | None) -> Group:
    """One block per record: a `header: value` line per column, records apart by a blank
    line. Lines fold at the width (nothing is cut with `…`)."""
    label = max((cell_len(c.header) for c in cols), default=0)
    parts: list[Text] = []
    if title:
        parts.append(Text(title, overflow="fold"))
    rows = list(zip(*(c.cells for c in cols), strict=True))
    for n, row in enumerate(rows):
        if n:
            parts.append(Text(""))
        for c, cell in zip(cols, row, strict=True):
            if not _plain(cell):
                continue
            line = Text(c.header + ":" + " " * (label - cell_len(c.header) + 1), overflow="fold")
            line.append(cell if isinstance(cell, Text) else Text(cell))
            parts.append(line)
    return Group(*parts)


def left_out(dropped: Sequence[str], note: str) -> list[Text]:
    """The line under a table naming the columns it left out (`note` holds `{columns}`);
    nothing when every column is shown."""
    if not dropped:
        return []
    return [Text(note.format(columns=", ".join(dropped)), style="dim")]

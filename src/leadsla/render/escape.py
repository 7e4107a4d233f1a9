"""Any string made safe for a text format: the terminal (shown, not obeyed) and Markdown (one
line of plain text). Light on purpose (no rich): `validate` imports it on its fast path."""

from __future__ import annotations

import re

REPLACEMENT = "\ufffd"

BIDI_CONTROLS = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
"""Marks and overrides that reorder the text around them: an id written `<U+202E>gnp.exe`
shows as `exe.png` (U+202E reverses what follows). Right-to-left letters need none of them."""

_INVISIBLE = [*range(0x00, 0x09), *range(0x0B, 0x20), *range(0x7F, 0xA0), *map(ord, BIDI_CONTROLS)]
TERMINAL = {c: REPLACEMENT for c in _INVISIBLE}
"""C0 controls but tab and line feed, DEL, C1 and the bidi controls: a cell of the export
(`\\x1b[2J`, `\\x1b]0;...`) must not drive the reader's terminal. Each becomes one visible
`\ufffd`, so the text keeps its length (and styles their place)."""


def terminal(text: str) -> str:
    """`text` with every character that would drive a terminal shown as `\ufffd`."""
    return text.translate(TERMINAL)


def one_line(text: str) -> str:
    """`text` as one line of a terminal or a log that tools parse line by line (`FILE:LINE:COL:
    message`): line breaks written `\\r` and `\\n`, the rest as `terminal` shows it."""
    return terminal(text.replace("\r", "\\r").replace("\n", "\\n"))


_LINE_BREAKS = re.compile(r"[\n\r\v\f\x85\u2028\u2029]+")
_MARKDOWN = {
    **{c: REPLACEMENT for c in _INVISIBLE},
    ord("\t"): " ",
    # `[` and `]` escaped, `(`, `)` and `!` form no link or image: they stay as written
    **{ord(c): "\\" + c for c in "\\`*_[]|~#"},
    ord("<"): "&lt;",
    ord(">"): "&gt;",
    ord("&"): "&amp;",
}


class Md(str):
    """Text already in Markdown (our own markup, e.g. `**breached**`): `row` keeps it as is."""

    __slots__ = ()


def markdown(text: str) -> str:
    """`text` as one line of Markdown that renders as that text and nothing else: line breaks
    become a space; HTML (`<`, `>`, `&`) becomes entities; link and image brackets, code
    spans, emphasis, strikethrough, headings and table pipes are escaped; controls and bidi
    marks show as `\ufffd`."""
    if isinstance(text, Md):
        return text
    return _LINE_BREAKS.sub(" ", text).translate(_MARKDOWN)


def row(cells: list[str]) -> str:
    """One Markdown table row; every cell but an `Md` is escaped (`markdown`)."""
    return "| " + " | ".join(markdown(c) for c in cells) + " |"

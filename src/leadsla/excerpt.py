"""Text from input files, made fit to quote in a message: one line, visible, and short.

A message quotes what it found (a header, a cell, an id) so that the user can find it; it must
never dump the file. Every message that quotes input text passes it through `excerpt` (at most
`limit` characters each) and, when it quotes many pieces, through a `Budget` (at most
`MESSAGE_BUDGET` characters taken from input in all). Line breaks, control characters and
the invisible ones that reorder or hide text are shown as escapes (`\\n`, `\\x1b`, `\\u202e`),
so a quoted header can neither break a message's lines, nor run a terminal's escape codes, nor
hide what it says.
"""

from __future__ import annotations

import re

MESSAGE_BUDGET = 2000
"""Characters taken from input files that one message may print, in all."""
PIECE = 60
"""Characters of one piece (a header, a cell) a message prints."""
ELLIPSIS = "…"

_INVISIBLE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ufff9-\ufffb]"
)
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(match: re.Match[str]) -> str:
    ch = match.group()
    if ch in _NAMED:
        return _NAMED[ch]
    code = ord(ch)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str) -> str:
    """`text` with line breaks, control and invisible characters shown as escapes."""
    return _INVISIBLE.sub(_escape, text)


def excerpt(text: str, limit: int = PIECE) -> str:
    """`text` as one visible line of at most `limit` characters (cut ones end in `…`)."""
    # escape only what can be shown: a cell may be megabytes long
    head = visible(text[: limit + 1])
    if len(head) <= limit and len(text) <= limit:
        return head
    return head[: max(limit - 1, 0)] + ELLIPSIS


class Budget:
    """What one message may still quote from input files (MESSAGE_BUDGET characters)."""

    def __init__(self, total: int = MESSAGE_BUDGET) -> None:
        self.left = total

    def take(self, text: str, limit: int = PIECE) -> str:
        """`excerpt(text, limit)`, shorter if the budget is running out; `…` once it is spent."""
        piece = excerpt(text, min(limit, max(self.left, 1)))
        self.left -= len(piece)
        return piece

    @property
    def spent(self) -> bool:
        return self.left <= 0

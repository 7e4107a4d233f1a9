"""What makes each output format safe, as checks the tests apply to real outputs."""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from html.parser import HTMLParser
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.token import Token

from tests.hostile.corpus import BIDI, FORMULA_STARTS

# --- CSV ----------------------------------------------------------------------------------------


def csv_rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


NUMBER = re.compile(r"[+-]?[.,]?[0-9][0-9.,]*(?:[eE][+-]?[0-9]+)?")
"""A number in some locale (written here again, not imported: the tests state the rule)."""


def assert_no_formula(rows: list[list[str]]) -> None:
    """No cell starts a spreadsheet formula unless it is a number."""
    for n, row in enumerate(rows, start=1):
        for cell in row:
            assert not cell.startswith(FORMULA_STARTS) or NUMBER.fullmatch(cell), (n, cell)


def escaped(text: str) -> str:
    """What a CSV cell holding `text` must read: text as written, `'` first when it would run."""
    if text.startswith(FORMULA_STARTS) and not NUMBER.fullmatch(text):
        return "'" + text
    return text


# --- terminal -----------------------------------------------------------------------------------


def assert_inert(text: str) -> None:
    """Nothing a terminal obeys: no control character but line feed, no bidi control."""
    bad = {c for c in text if (unicodedata.category(c) == "Cc" and c != "\n") or c in BIDI}
    assert not bad, sorted(map(hex, map(ord, bad)))


def shown(text: str) -> str:
    """How a string reads once made inert: each control or bidi mark one `\ufffd`."""
    return "".join(
        "\ufffd" if (unicodedata.category(c) == "Cc" and c not in "\n\t") or c in BIDI else c
        for c in text
    )


# --- Markdown -----------------------------------------------------------------------------------

MD = MarkdownIt("commonmark").enable(["table", "strikethrough"])
ALLOWED_STRONG = {"breached", "By rule", "By owner", "By team"}


def _walk(tokens: list[Token]) -> list[Token]:
    out: list[Token] = []
    for t in tokens:
        out.append(t)
        if t.children:
            out.extend(_walk(t.children))
    return out


def _cells_in_row(line: str) -> int:
    """How many cells a GFM table row has: pipes that no backslash escapes delimit them (a
    backslash escapes the character after it, a backslash included)."""
    delimiters = re.sub(r"\\.", "", line.strip())
    assert delimiters.startswith("|") and delimiters.endswith("|"), line
    return delimiters.count("|") - 1


def inline_text(inline: Token) -> str:
    """The text a renderer shows for an inline token (escapes and entities resolved)."""
    return "".join(c.content for c in inline.children or [] if c.type in ("text", "text_special"))


def markdown_tables(text: str) -> list[list[list[str]]]:
    """Check a Markdown document as any renderer would read it, and return its tables as the
    text of their cells (header row first).

    - no raw HTML, no `<` at all (no tag, no autolink), no link, image, code span, emphasis
      or strikethrough; bold only on our own words; one heading (ours);
    - every table row is one line with as many cells as its header."""
    assert "<" not in text
    tokens = MD.parse(text)
    kinds = [t.type for t in _walk(tokens)]
    for kind in ("html_block", "html_inline", "link_open", "image", "code_inline",
                 "code_block", "fence", "em_open", "s_open", "blockquote_open", "hr"):  # fmt: skip
        assert kind not in kinds, kind
    assert kinds.count("heading_open") == 1
    walked = _walk(tokens)
    for i, t in enumerate(walked):
        if t.type == "strong_open":
            words = walked[i + 1].content
            assert words in ALLOWED_STRONG or re.fullmatch(r"[\d,]+ goal-periods missed\.", words)
    # every line of a table is a row, with the header's number of cells
    width = None
    for line in text.splitlines():
        if line.startswith("|"):
            cells = _cells_in_row(line)
            width = cells if width is None else width
            assert cells == width, line
        else:
            width = None
    tables: list[list[list[str]]] = []
    for i, t in enumerate(tokens):
        if t.type == "table_open":
            tables.append([])
        elif t.type == "tr_open":
            tables[-1].append([])
        elif t.type in ("th_open", "td_open"):
            tables[-1][-1].append(inline_text(tokens[i + 1]))
    return tables


def md_shown(text: str) -> str:
    """How a string reads in a Markdown cell: line breaks as one space, controls as `\ufffd`,
    tabs as a space, trimmed (as a table cell is)."""
    one_line = re.sub(r"[\n\r\v\f\x85\u2028\u2029]+", " ", text).replace("\t", " ")
    return shown(one_line).strip()


# --- HTML ---------------------------------------------------------------------------------------


class Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.texts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.texts.append(data)


def html_page(text: str) -> Page:
    """Parse a page and check that nothing in it came from the data: no script, image, frame,
    link out of the page, no event handler attribute, no style or formatting tag of a string's."""
    page = Page()
    page.feed(text)
    page.close()
    for tag, attrs in page.tags:
        assert tag not in ("script", "img", "iframe", "object", "embed", "b", "i"), tag
        assert not any(name.startswith("on") for name in attrs), (tag, attrs)
        if tag == "a":
            assert (attrs.get("href") or "#").startswith("#"), attrs
    return page


def everything(value: Any) -> set[str]:
    """Every string in a JSON document, keys included."""
    if isinstance(value, str):
        return {value}
    if isinstance(value, dict):
        return set(value) | {s for v in value.values() for s in everything(v)}
    if isinstance(value, list):
        return {s for v in value for s in everything(v)}
    return set()

"""Regular expressions that both Python's `re` and RE2 (DuckDB's engine) accept alike."""

from __future__ import annotations

import re

# Constructs Python accepts and RE2 refuses (RE2 guarantees linear time, so it has no
# backtracking features). Each is matched outside character classes by `_scan`.
_UNSUPPORTED = [
    (re.compile(r"\(\?<?[=!]"), "look-around (`(?=`, `(?!`, `(?<=`, `(?<!`)"),
    (re.compile(r"\(\?>"), "atomic groups (`(?>...)`)"),
    (re.compile(r"\(\?\("), "conditionals (`(?(1)...)`)"),
    (re.compile(r"\(\?P=|\\g<|\\k<"), "named back-references"),
    (re.compile(r"\\[1-9]"), "back-references (`\\1`)"),
    (re.compile(r"[*+?}]\+"), "possessive quantifiers (`a*+`)"),
    (re.compile(r"\\Z"), "`\\Z` (RE2 writes it `\\z`, which Python lacks; use `$`)"),
    (re.compile(r"\(\?#"), "comments (`(?#...)`)"),
    (re.compile(r"\(\?[aiLmsux-]*x"), "the verbose flag `x`"),
]
_REPEAT = re.compile(r"\{(\d+)(?:,(\d*))?\}")


def _outside_classes(pattern: str) -> str:
    """The pattern with the insides of `[...]` and escaped characters blanked out,
    so that `[(?=]` or `\\(?=` are not mistaken for look-ahead."""
    out: list[str] = []
    i, n, depth = 0, len(pattern), 0
    while i < n:
        c = pattern[i]
        if c == "\\" and i + 1 < n:
            nxt = pattern[i + 1]
            # keep escapes that matter to the scan (back-references, \Z, \g<, \k<)
            out.append(c + nxt if depth == 0 and (nxt.isdigit() or nxt in "Zgk") else "__")
            i += 2
            continue
        if depth == 0 and c == "[":
            depth = 1
            out.append("_")
            i += 1
            # a `]` right after `[` or `[^` is a literal
            if i < n and pattern[i] == "^":
                out.append("_")
                i += 1
            if i < n and pattern[i] == "]":
                out.append("_")
                i += 1
            continue
        if depth and c == "]":
            depth = 0
            out.append("_")
        else:
            out.append("_" if depth else c)
        i += 1
    return "".join(out)


def regex_problem(pattern: str) -> str | None:
    """Why `pattern` cannot be used in `matches`, or None when it can."""
    try:
        re.compile(pattern)
    except re.error as exc:
        return f"invalid regular expression `{pattern}`: {exc}"
    scanned = _outside_classes(pattern)
    for rx, what in _UNSUPPORTED:
        if rx.search(scanned):
            return (
                f"`{pattern}` uses {what}, which RE2 (the engine DuckDB runs) does not support; "
                "rewrite it with plain alternatives"
            )
    for m in _REPEAT.finditer(scanned):
        if int(m.group(1)) > 1000 or (m.group(2) and int(m.group(2)) > 1000):
            return f"`{pattern}`: RE2 allows at most 1000 repetitions in `{{n,m}}`"
    return None

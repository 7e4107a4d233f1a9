"""Regular expressions that both Python's `re` and RE2 (DuckDB's engine) accept alike."""

from __future__ import annotations

import re
import warnings

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


# RE2's POSIX classes are ASCII-only, so each is a plain set (`matches` ignores case anyway).
_POSIX = {
    "alpha": "[a-z]",
    "alnum": "[a-z0-9]",
    "digit": "[0-9]",
    "lower": "[a-z]",
    "upper": "[a-z]",
    "space": r"\s",
    "word": r"\w",
    "xdigit": "[0-9a-f]",
}


def _python_problem(pattern: str) -> str | None:
    """Why Python's re (which `explain` uses) cannot run the pattern as RE2 does, if it cannot.

    A warning is a refusal: Python warns where it reads a pattern differently from other
    engines (`[[:alpha:]]` is a POSIX class in RE2 and a set of characters in Python), and the
    warning would be printed with the path of a source file of leadsla."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        try:
            re.compile(pattern, re.IGNORECASE)
        except re.error as exc:
            return f"invalid regular expression `{pattern}`: {exc}"
        except Warning as warning:
            posix = re.search(r"\[:(\w+):\]", pattern)
            if posix:
                plain = _POSIX.get(posix.group(1), "the characters themselves")
                return (
                    f"`{pattern}`: `[:{posix.group(1)}:]` is a class in RE2 (the engine DuckDB runs) "
                    f"but plain characters in Python's re, which `explain` uses; write {plain} instead"
                )
            return (
                f"`{pattern}`: {warning}; RE2 (the engine DuckDB runs) and Python's re, which "
                "`explain` uses, would read it differently: escape the character (`\\[`)"
            )
    return None


def regex_problem(pattern: str) -> str | None:
    """Why `pattern` cannot be used in `matches`, or None when it can (as far as Python can
    tell: whether RE2 compiles it is asked of DuckDB, through sla/engine_facts.py)."""
    problem = _python_problem(pattern)
    if problem:
        return problem
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

"""What every fuzz case asserts: no traceback, no internal error, located messages of a bounded
size, exit codes as SPEC §3 says, and a row account that adds up (SPEC §2 "Nothing is lost
silently"), checked against the file itself where Python's csv module can split it."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import math
import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from leadsla.data.accounting import TEXT_LIMIT
from leadsla.data.reader import Export
from leadsla.data.reader import issues as export_issues
from leadsla.errors import LeadslaError, Problem
from leadsla.sla.conditions import AllCondition, AnyCondition, FieldCondition, NotCondition
from leadsla.sla.load import LoadedSla
from tests.data.support import SUMMARY, records

MAX_MESSAGE = 6_000
MAX_LINE = 2_500
"""A message may quote at most 2,000 characters of input (issue 9, "Clear answers"): with the
words around them, a longer line, or a longer message, is a dump of the input."""

LEGITIMATE_REFUSAL = re.compile(
    r"unreadable|cannot be read|could not be read|unhealthy|date_formats|decimal", re.IGNORECASE
)
"""What may make a data command refuse a valid SLA on an export that reads cleanly with the
example SLA: too many unreadable cells for a field, when the mutant changed how cells are
read (its date formats, decimal or zone); the run fails closed (issue 9, "Field health")."""

DOUBLE_MAX = 1.7976931348623157e308

# A DuckDB error passed through as it is ("cannot read the export: Binder Error: ..."): the
# command did not understand what went wrong, so it cannot say where or what to do.
DUCKDB_ERROR = re.compile(
    r"\b(Binder|Conversion|Invalid Input|Parser|Catalog|Out of Range|Not implemented|"
    r"INTERNAL|Internal|Invalid|Dependency|Constraint|Serialization|Transaction|"
    r"Interrupt|Sequence|Fatal|Syntax|Type Mismatch|Permission|Connection|IO|Out of Memory)"
    r" Error\b"
)


class Case:
    """What a failing case prints: its seed, its recipe and where its files are."""

    def __init__(self, label: str, recipe: str, **files: Path) -> None:
        self.label = label
        self.recipe = recipe
        self.files = files

    def __str__(self) -> str:
        files = ", ".join(f"{k}={v}" for k, v in self.files.items())
        return f"[{self.label}] {self.recipe} ({files})"


def assert_clean(text: str, case: Case, what: str = "output") -> None:
    assert "Traceback (most recent call last)" not in text, (
        f"{case}: traceback in {what}:\n{text[-3000:]}"
    )
    assert "internal error" not in text, f"{case}: internal error in {what}:\n{text[-3000:]}"
    assert "RecursionError" not in text, f"{case}: RecursionError in {what}:\n{text[-3000:]}"


def assert_message(exc: LeadslaError, case: Case) -> None:
    """A user error: a message of bounded size, located problems, no internal detail."""
    text = exc.message + "".join("\n" + p.text() for p in exc.problems)
    assert_clean(text, case, "the error")
    assert exc.message.strip(), f"{case}: an error without a message"
    assert len(text) <= MAX_MESSAGE, (
        f"{case}: a message of {len(text):,} characters (input dumped?): {text[:300]!r}..."
    )
    longest = max(text.splitlines(), key=len)
    assert len(longest) <= MAX_LINE, (
        f"{case}: a message line of {len(longest):,} characters (input dumped?): {longest[:300]!r}..."
    )
    assert not DUCKDB_ERROR.search(text), f"{case}: a DuckDB error passed through: {text[:600]}"
    for p in exc.problems:
        assert_located(p, case)


def assert_located(p: Problem, case: Case) -> None:
    assert p.line >= 1 and p.column >= 1, f"{case}: a problem without line and column: {p.text()}"
    assert p.message.strip(), f"{case}: a problem without a message at {p.location()}"


# --- the SLA as loaded --------------------------------------------------------------------------


def _walk(root: Any) -> Iterator[tuple[Any, int]]:
    """Every value in the loaded SLA with its condition depth (iterative: an SLA may nest)."""
    stack: list[tuple[Any, int]] = [(root, 0)]
    while stack:
        node, depth = stack.pop()
        yield node, depth
        if isinstance(node, (AllCondition, AnyCondition)):
            stack += [(c, depth + 1) for c in node.items]
        elif isinstance(node, NotCondition):
            stack.append((node.item, depth + 1))
        elif isinstance(node, FieldCondition):
            stack.append((node.value, depth))
        elif isinstance(node, BaseModel):
            stack += [(getattr(node, name), depth) for name in type(node).model_fields]
        elif dataclasses.is_dataclass(node) and not isinstance(node, type):
            stack += [(getattr(node, f.name), depth) for f in dataclasses.fields(node)]
        elif isinstance(node, dict):
            stack += [(v, depth) for v in node.values()] + [(k, depth) for k in node]
        elif isinstance(node, (list, tuple, set, frozenset)):
            stack += [(v, depth) for v in node]


def assert_sla_usable(loaded: LoadedSla, case: Case) -> None:
    """What `validate` accepts, the run must be able to use (issue 9, "No internal error"):
    finite numbers within DOUBLE range, conditions at most 200 deep."""
    deepest = 0
    for value, depth in _walk(loaded.sla):
        deepest = max(deepest, depth)
        if isinstance(value, bool):
            continue
        if isinstance(value, float):
            assert math.isfinite(value), f"{case}: the SLA loaded with the number {value}"
        elif isinstance(value, int):
            assert abs(value) <= DOUBLE_MAX, (
                f"{case}: the SLA loaded with an integer of {len(str(abs(value))):,} digits"
            )
    # "validate refuses nesting deeper than 200"; 201 and 202 are left to how depth is counted
    assert deepest <= 202, f"{case}: the SLA loaded with conditions {deepest} deep"


# --- the row account ----------------------------------------------------------------------------


def summary_of(stderr: str, case: Case) -> dict[str, int] | None:
    m = SUMMARY.search(stderr)
    if m is None:
        return None
    out = {k: int(v.replace(",", "")) for k, v in m.groupdict().items() if k != "name"}
    assert out["rows"] == out["used"] + out["rejected"], (
        f"{case}: the summary does not add up: {m[0]}"
    )
    return out


def error_rows(path: Path, case: Case) -> list[dict[str, str]]:
    assert path.exists(), f"{case}: --errors file not written"
    text = path.read_text("utf-8")
    csv.field_size_limit(1 << 30)
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    for r in rows:
        assert r["kind"] in ("rejected", "unreadable", "duplicate", "footer", "warning", "field"), (
            f"{case}: --errors row of unknown kind {r}"
        )
        assert r["line"].isdigit() and int(r["line"]) >= 1, (
            f"{case}: --errors row without line: {r}"
        )
    return rows


def assert_errors_match(rows: list[dict[str, str]], counts: dict[str, int], case: Case) -> None:
    """The --errors file lists what the summary counts: one row per rejected record, one per
    unreadable cell, one per row sharing an id, one for the footer."""
    kinds = Counter(r["kind"] for r in rows)
    assert kinds["rejected"] == counts["rejected"], (
        f"{case}: {counts['rejected']} rejected, but {kinds['rejected']} in --errors"
    )
    assert kinds["unreadable"] == counts["unreadable"], (
        f"{case}: {counts['unreadable']} unreadable cells, but {kinds['unreadable']} in --errors"
    )
    if "duplicates" in counts:
        assert kinds["duplicate"] == counts["duplicates"], (
            f"{case}: {counts['duplicates']} rows share ids, but {kinds['duplicate']} in --errors"
        )
    if "footer" in counts:
        assert kinds["footer"] == (1 if counts["footer"] else 0), f"{case}: footer rows {kinds}"


def account(export: Export) -> dict[str, int]:
    a = export.accounting
    return {
        "rows": a.rows,
        "used": a.used,
        "rejected": a.rejected,
        "unreadable": a.unreadable_cells,
        "duplicates": a.duplicates,
        "footer": a.footer_rows,
    }


def _physical_lines(text: str) -> list[str]:
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def _norm(text: str) -> str:
    return text.replace("\r\n", "\n").strip("\r\n")


def assert_export_accounted(export: Export, case: Case) -> None:
    """The reader's account of an export, against itself and against the file it read."""
    a = export.accounting
    assert a.rows == a.used + a.rejected, (
        f"{case}: rows {a.rows} != used {a.used} + rejected {a.rejected}"
    )
    assert a.records == a.rows + a.footer_rows, f"{case}: records {a.records} != rows + footer"
    (in_table,) = export.con.execute("SELECT count(*) FROM leads").fetchone() or (None,)
    assert in_table == a.used, f"{case}: {in_table} rows in the table, {a.used} used"
    issues = list(export_issues(export))
    kinds = Counter(i.kind for i in issues)
    assert kinds["rejected"] == a.rejected, (
        f"{case}: {a.rejected} rejected, {kinds['rejected']} listed"
    )
    assert kinds["unreadable"] == a.unreadable_cells, (
        f"{case}: {a.unreadable_cells} unreadable cells, {kinds['unreadable']} listed"
    )
    assert kinds["duplicate"] == a.duplicates, (
        f"{case}: {a.duplicates} duplicates, {kinds['duplicate']} listed"
    )

    # against the file DuckDB read (UTF-8, the original or a converted copy)
    text = export.source.path.read_bytes().decode("utf-8", "replace")
    lines = _physical_lines(text)
    for i in issues:
        assert 1 <= i.line <= max(len(lines), 1), (
            f"{case}: an issue on line {i.line} of a file of {len(lines)} lines: {i}"
        )
    try:
        recs = list(records(text, export.source.delimiter))
    except csv.Error:
        return  # Python's csv cannot split it (a CR or NUL outside quotes): nothing to compare
    if not recs:
        return
    data = recs[1:]
    by_start = {r.first: r for r in data}
    used = [export.lines.line(r) for r in range(a.used)]
    rejected = {line: row for _index, line, row in a.rejected_rows}
    footer_start = a.footer[0][1] if a.footer else None
    assert used == sorted(used), f"{case}: used rows out of file order"
    assert not set(used) & set(rejected), f"{case}: a line both used and rejected"
    for line in used:
        assert line in by_start, f"{case}: a used row on line {line}, where no record starts"
    for line, row in rejected.items():
        assert line in by_start, f"{case}: a rejected row on line {line}, where no record starts"
        rec = by_start[line]
        # the whole record, every line of it (issue 9 case 4: records were cut at 10,000
        # characters, and --errors gave a shorter line range)
        last = row.last_line or line + row.text.count("\n")
        assert last == rec.last, (
            f"{case}: the record rejected on line {line} runs to line {rec.last}, "
            f"--errors says {last}"
        )
        written = _norm("\n".join(lines[rec.first - 1 : rec.last]))
        got = _norm(row.text)
        if row.cut:
            # a record over TEXT_LIMIT characters: --errors holds its start and says so
            # (--output copies it whole: tests/cli/test_output_roundtrip.py)
            assert len(row.text) == TEXT_LIMIT and written.startswith(got), (
                f"{case}: the record rejected on line {line} is not its start in --errors"
            )
        elif got != written:
            elsewhere = [
                r.first for r in data if _norm("\n".join(lines[r.first - 1 : r.last])) == got
            ]
            assert not elsewhere, (
                f"{case}: --errors puts the record of line {elsewhere[0]} on line {line}"
            )
            assert len(got) == len(written), (
                f"{case}: the record rejected on line {line} is {len(written):,} characters"
                f" long; --errors and --output get {len(got):,}"
            )
            k = next(k for k in range(len(got)) if got[k] != written[k])
            raise AssertionError(
                f"{case}: the record rejected on line {line} is not copied as written: "
                f"{written[max(0, k - 20) : k + 20]!r} became {got[max(0, k - 20) : k + 20]!r}"
            )
    unaccounted = [
        r.first
        for r in data
        if r.first not in rejected
        and r.first not in set(used)
        and not (footer_start is not None and r.first >= footer_start)
    ]
    assert not unaccounted, (
        f"{case}: records on lines {unaccounted[:10]} are neither used, rejected nor footer "
        f"({len(unaccounted)} in all)"
    )
    footer = [r for r in data if footer_start is not None and r.first >= footer_start]
    assert len(footer) == a.footer_rows, (
        f"{case}: footer of {a.footer_rows}, file has {len(footer)}"
    )
    assert a.records == len(data), f"{case}: {a.records} records read, the file has {len(data)}"


# --- JSON outputs -------------------------------------------------------------------------------


def json_doc(stdout: str, case: Case) -> dict[str, Any]:
    try:
        doc: dict[str, Any] = json.loads(stdout)
    except json.JSONDecodeError as exc:
        raise AssertionError(
            f"{case}: --format json printed no JSON ({exc}): {stdout[:300]!r}"
        ) from None
    assert "leadsla_version" in doc and "as_of" in doc, f"{case}: JSON without its header"
    return doc

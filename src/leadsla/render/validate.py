"""`validate` results as text (`FILE:LINE:COL: path: message`), JSON or GitHub annotations."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from leadsla.errors import Problem
from leadsla.i18n import _, fmt_int, ngettext
from leadsla.messages import local, problem_line
from leadsla.render.escape import one_line, terminal
from leadsla.render.jsonout import dumps, fields_json, header
from leadsla.results import RowSummary, ValidateResult


def text(result: ValidateResult) -> str:
    """For people: the words in the reader's language (the place of each problem, the dotted
    path and the SLA's own words stay as written); --format json and github never change."""
    lines: list[str] = []
    for f in result.files:
        # one problem per line, whatever the SLA's strings hold: editors and pre-commit parse it
        lines.extend(_problem_lines(p) for p in f.errors)
        lines.extend(_problem_lines(p) for p in f.warnings)
        # i18n: the verdict on an SLA file of `leadsla validate`
        state = _("valid") if f.valid else _("invalid")
        if f.valid and f.errors:  # the SLA is valid; the export given with --leads is not usable
            state = _("valid, but not with this export")
        if f.valid and any(p.code.startswith("dialect-") for p in f.errors):
            # i18n: the verdict of `validate --dialect` on an SLA that engine cannot run alike
            state = _("valid, but not in this SQL dialect")
        counts = []
        if f.errors:
            n = len(f.errors)
            counts.append(ngettext("{n} error", "{n} errors", n).format(n=fmt_int(n)))
        if f.warnings:
            n = len(f.warnings)
            counts.append(ngettext("{n} warning", "{n} warnings", n).format(n=fmt_int(n)))
        lines.append(one_line(f"{f.path}: {state}") + (f" ({', '.join(counts)})" if counts else ""))
    return "\n".join(lines) + "\n"


def _problem_lines(p: Problem) -> str:
    """One problem: its first line `FILE:LINE:COL: ...`; a message of several lines (an export
    that lacks columns, each on its own line) goes on in lines indented by four spaces, so that
    no line but the first parses as a problem, whatever the message quotes."""
    first, *rest = local(problem_line(p)).split("\n")
    return "\n".join([one_line(first), *("    " + one_line(r.lstrip(" ")) for r in rest)])


def rows_dict(rows: RowSummary) -> dict[str, Any]:
    counts = {k: v for k, v in asdict(rows).items() if k not in ("fields",)}
    return {**counts, "fields": fields_json(rows)}


def _problem(p: Problem, path: str) -> dict[str, Any]:
    # a problem of the export given with --leads names its file (the others are the SLA's)
    return {
        **({"file": p.path} if p.path != path else {}),
        "line": p.line,
        "column": p.column,
        "path": p.where,
        "code": p.code,
        "message": p.message,
    }


def json_doc(result: ValidateResult) -> str:
    doc = header(result.as_of)
    doc["files"] = [
        {
            "path": f.path,
            "valid": f.valid,
            "errors": [_problem(p, f.path) for p in f.errors],
            "warnings": [_problem(p, f.path) for p in f.warnings],
            **({"summary": rows_dict(f.summary)} if f.summary is not None else {}),
        }
        for f in result.files
    ]
    return dumps(doc)


def _escape_data(s: str) -> str:
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(s: str) -> str:
    return _escape_data(s).replace(":", "%3A").replace(",", "%2C")


def github(result: ValidateResult) -> str:
    """GitHub Actions workflow commands: one `::error`/`::warning` per problem."""
    lines = []
    for f in result.files:
        for p in [*f.errors, *f.warnings]:
            props = [f"file={_escape_property(p.path)}"]
            if p.line:
                props += [f"line={p.line}", f"col={p.column}"]
            props.append(f"title={_escape_property('leadsla ' + p.code)}")
            msg = f"{p.where}: {p.message}" if p.where else p.message
            lines.append(terminal(f"::{p.level} {','.join(props)}::{_escape_data(msg)}"))
    return "\n".join(lines) + ("\n" if lines else "")

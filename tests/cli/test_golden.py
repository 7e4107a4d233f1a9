"""Golden outputs of the bundled example (`examples/leads.csv`, `examples/sla.yaml`), byte for byte.

Each case runs the real `leadsla` in a subprocess from the project root with relative paths,
no colour (NO_COLOR) and a fixed width (COLUMNS=118), at a fixed --as-of. `pytest
--update-golden` rewrites the files in tests/golden/; review the diff before committing.

Two things in them are not the example's: `leadsla_version` (JSON, HTML) and the installed
`holidays` package's version (`holidays_version`, HTML footer). Both are replaced by
placeholders before comparing, so that a fresh install with a newer release still passes; a
new release whose data moves a holiday in the example's range changes the files for real."""

from __future__ import annotations

import difflib
import json
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

import pytest

from tests.conftest import AS_OF, ROOT

GOLDEN = Path(__file__).resolve().parent.parent / "golden"
BASE = ("--sla", "examples/sla.yaml", "--as-of", AS_OF, "--quiet")


@dataclass(frozen=True)
class Case:
    path: str
    """Under tests/golden/."""
    args: tuple[str, ...]
    code: int = 0
    head: int | None = None
    """Keep only the first lines (an output that lists all 2,000 leads)."""


CASES = [
    Case("report/table.txt", ("report", *BASE)),
    Case("report/report.json", ("report", *BASE, "--format", "json")),
    Case("report/report.md", ("report", *BASE, "--format", "markdown")),
    Case("report/report.html", ("report", *BASE, "--format", "html")),
    Case("score/table.txt", ("score", *BASE)),
    # JSON lists every lead unless --top: the whole document of the 10 best
    Case("score/top10.json", ("score", *BASE, "--format", "json", "--top", "10")),
    Case("score/head.csv", ("score", *BASE, "--format", "csv"), head=40),
    # the example has breached follow-ups: exit 1 under the default --fail-on breached
    Case("check-deadlines/table.txt", ("check-deadlines", *BASE), code=1),
    Case(
        "check-deadlines/deadlines.md", ("check-deadlines", *BASE, "--format", "markdown"), code=1
    ),
    Case("check-deadlines/deadlines.json", ("check-deadlines", *BASE, "--format", "json"), code=1),
]


def _run(args: tuple[str, ...]) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "118", "LC_ALL": "C.UTF-8"}
    for name in ("FORCE_COLOR", "LEADSLA_SLA", "LEADSLA_DEBUG"):
        env.pop(name, None)
    return subprocess.run(
        [sys.executable, "-m", "leadsla", *args],
        capture_output=True,
        cwd=ROOT,
        env=env,
        timeout=300,
    )


_STAMPS = [
    (re.compile(rb'"(leadsla|holidays)_version": "[^"]*"'), rb'"\1_version": "<version>"'),
    (re.compile(rb"(leadsla|holidays) [0-9][0-9A-Za-z.+-]*"), rb"\1 <version>"),
]


def normalise(out: bytes) -> bytes:
    """Version stamps replaced by placeholders (see the module's docstring)."""
    for pattern, placeholder in _STAMPS:
        out = pattern.sub(placeholder, out)
    return out


def _why(expected: bytes, actual: bytes, name: str) -> str:
    diff = difflib.unified_diff(
        expected.decode("utf-8", "replace").splitlines(),
        actual.decode("utf-8", "replace").splitlines(),
        f"golden/{name}",
        "actual",
        lineterm="",
        n=1,
    )
    lines = list(diff)
    text = "\n".join(lines[:60]) + ("\n..." if len(lines) > 60 else "")
    installed = version("holidays")
    stamps = (f'"holidays_version": "{installed}"'.encode(), f"holidays {installed} ".encode())
    if b"holidays" in expected and not any(s in expected for s in stamps):
        text += f"\n(the golden was written with another `holidays` than the installed {installed})"
    return text


@pytest.mark.parametrize("case", CASES, ids=[c.path for c in CASES])
def test_golden(case: Case, update_golden: bool) -> None:
    proc = _run(case.args)
    assert proc.stderr == b"", proc.stderr.decode("utf-8", "replace")
    assert proc.returncode == case.code
    out = proc.stdout
    if case.head is not None:
        out = b"".join(out.splitlines(keepends=True)[: case.head])
    out = normalise(out)
    # nothing of this machine may leak into the output
    for leak in (str(ROOT).encode(), b"/tmp/", b"\x1b["):
        assert leak not in out, leak
    path = GOLDEN / case.path
    if update_golden:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(out)
        return
    assert path.exists(), f"no golden {path.relative_to(ROOT)}: run `pytest --update-golden`"
    expected = path.read_bytes()
    assert out == expected, _why(expected, out, case.path)


def test_report_json_golden_is_the_table() -> None:
    """The JSON golden and the table golden tell the same story (one result, two renderers)."""
    doc = json.loads((GOLDEN / "report/report.json").read_text(encoding="utf-8"))
    table = (GOLDEN / "report/table.txt").read_text(encoding="utf-8")
    goal = next(g for g in doc["periods"][0]["goals"] if g["id"] == "mql-volume")
    # the table names the goal as the SLA does (`name:`), the JSON by id and name
    row = next(x for x in table.splitlines() if x.strip().startswith(goal["name"]))
    values = [g["value"] for p in doc["periods"] for g in p["goals"] if g["id"] == "mql-volume"]
    marks = {True: "✓", False: "✗"}
    mets = [g["met"] for p in doc["periods"] for g in p["goals"] if g["id"] == "mql-volume"]
    cells = [f"{marks[m]} {v:.0f}" for m, v in zip(mets[:-1], values[:-1], strict=True)]
    assert " ".join(cells) in " ".join(row.split())
    assert doc["missed"] == int(table.splitlines()[-1].split()[0])

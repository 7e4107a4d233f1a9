"""Regenerate the documentation artefacts from the bundled example (run from the project root):

    python scripts/make_docs.py

- docs/sla.schema.json     the JSON Schema (`leadsla schema`)
- docs/report-terminal.svg, docs/report-terminal.pt-BR.svg
                           the terminal report at 80 columns, in English and in Brazilian
                           Portuguese, rendered to SVG with rich
- docs/sample-report.html  the HTML report
All at the fixed as-of time of the example, so the files only change when the code does."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from rich.console import Console
from rich.text import Text

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
AS_OF = "2026-11-20T12:00:00-03:00"
BASE = [sys.executable, "-m", "leadsla"]
DATA = ["examples/leads.csv", "--sla", "examples/sla.yaml", "--as-of", AS_OF, "--quiet"]


TERMINAL = 80
"""The screenshots' width: the narrowest terminal the tables are made for."""


def leadsla(*args: str, color: bool = False, columns: int = 118) -> str:
    env = {**os.environ, "COLUMNS": str(columns)}
    env.pop("NO_COLOR", None)
    if color:
        env["FORCE_COLOR"] = "1"
    else:
        env["NO_COLOR"] = "1"
    done = subprocess.run([*BASE, *args], cwd=ROOT, env=env, capture_output=True, text=True)
    if done.returncode not in (0, 1):
        sys.exit(done.stderr)
    return done.stdout


def main() -> None:
    DOCS.mkdir(exist_ok=True)
    schema = json.loads(leadsla("schema"))
    (DOCS / "sla.schema.json").write_text(
        json.dumps(schema, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    # each at 80 columns, in English and in Portuguese (issue 12): what a narrow terminal shows
    shots = [("report", ("report",)), ("deadlines", ("check-deadlines", "--status", "breached"))]
    for name, command in shots:
        for suffix, locale in (("", "en"), (".pt-BR", "pt-BR")):
            out = leadsla(*command, *DATA, "--locale", locale, color=True, columns=TERMINAL)
            if name == "deadlines":  # the first rows tell the story; the rest is more of them
                lines = out.splitlines()
                out = "\n".join([*lines[:18], *lines[-2:]]) + "\n"
            option = "" if locale == "en" else f" --locale {locale}"
            shown = " ".join(command)
            with open(os.devnull, "w") as sink:
                console = Console(
                    record=True,
                    width=TERMINAL,
                    force_terminal=True,
                    color_system="truecolor",
                    file=sink,
                )
                console.print(
                    Text.from_ansi(f"$ leadsla {shown} --as-of {AS_OF[:10]}{option}\n" + out)
                )
                console.save_svg(
                    str(DOCS / f"{name}-terminal{suffix}.svg"), title=f"leadsla {command[0]}"
                )
    (DOCS / "sample-report.html").write_text(
        leadsla("report", *DATA, "--format", "html", "--locale", "en"), encoding="utf-8"
    )
    print(
        "wrote docs/sla.schema.json, docs/{report,deadlines}-terminal{,.pt-BR}.svg, "
        "docs/sample-report.html"
    )


if __name__ == "__main__":
    main()

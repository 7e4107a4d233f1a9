"""The layers of STYLE.md, checked on the source: who may import rich, duckdb, sqlglot, what."""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src" / "leadsla"

# package (first folder under leadsla, or the module name) -> imports it may not make
FORBIDDEN = {
    "sla": {
        "rich",
        "duckdb",
        "sqlglot",
        "leadsla.data",
        "leadsla.engine",
        "leadsla.render",
        "leadsla.cli",
        "leadsla.commands",
    },
    "data": {"rich", "leadsla.engine", "leadsla.render", "leadsla.cli", "leadsla.commands"},
    "engine": {"rich", "leadsla.render", "leadsla.cli", "leadsla.commands"},
    "render": {
        "duckdb",
        "sqlglot",
        "leadsla.data",
        "leadsla.engine",
        "leadsla.sla",
        "leadsla.cli",
        "leadsla.commands",
    },
    "commands": {"rich", "duckdb", "sqlglot", "leadsla.cli"},
    "cli": {"rich", "duckdb", "sqlglot", "leadsla.engine", "leadsla.data"},
    "results": {
        "rich",
        "duckdb",
        "sqlglot",
        "leadsla.engine",
        "leadsla.data",
        "leadsla.render",
        "leadsla.cli",
    },
    "errors": {"rich", "duckdb", "sqlglot", "leadsla"},
}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            out.add(node.module)
    return out


def _layer(path: Path) -> str:
    rel = path.relative_to(SRC)
    return rel.parts[0] if len(rel.parts) > 1 else rel.stem


def test_layers() -> None:
    broken = []
    for path in sorted(SRC.rglob("*.py")):
        banned = FORBIDDEN.get(_layer(path), set())
        for name in _imports(path):
            for ban in banned:
                if name == ban or name.startswith(ban + "."):
                    broken.append(f"{path.relative_to(SRC)} imports {name}")
    assert broken == []


def test_validate_does_not_import_heavy_modules(tmp_path: Path) -> None:
    """`leadsla validate` must start fast: no duckdb, sqlglot or rich at start-up (once the
    cache knows DuckDB's zones and verdicts on the SLA's patterns: the first run asks DuckDB)."""
    import os
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from typer.testing import CliRunner\n"
        "from leadsla.cli import app\n"
        "r = CliRunner().invoke(app, ['validate', 'examples/sla.yaml', '--as-of', '2026-11-20'])\n"
        "assert r.exit_code == 0, r.stdout\n"
        "print(sorted(m for m in ('duckdb', 'sqlglot', 'rich.table') if m in sys.modules))\n"
    )
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path)}
    for _cold_then_warm in range(2):
        out = subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            cwd=SRC.parent.parent,
            check=True,
            env=env,
        )
    assert out.stdout.strip() == "[]", out.stdout + out.stderr

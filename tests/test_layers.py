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
    # the engine returns its warnings: it never writes the data layer's accounting
    "engine": {
        "rich",
        "leadsla.render",
        "leadsla.cli",
        "leadsla.commands",
        "leadsla.data.accounting",
    },
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


COMMAND_HELPERS = {"common", "remote", "slacheck", "validate_leads"}
"""Modules of commands/ that are not a command: what every command shares, and validate's
check of an export (part of `validate`)."""


def test_no_command_imports_another() -> None:
    """STYLE.md: one module per command, and no command imports another (what two commands
    share lives in commands/common.py or below)."""
    folder = SRC / "commands"
    commands = {p.stem for p in folder.glob("*.py")} - COMMAND_HELPERS - {"__init__"}
    assert {"score", "deadlines", "report", "explain", "calendar", "validate"} <= commands
    broken = [
        f"{path.stem} imports {name}"
        for path in folder.glob("*.py")
        for name in _imports(path)
        if name.startswith("leadsla.commands.") and name.split(".")[2] in commands
    ]
    assert broken == []


def test_no_import_cycle_between_reader_and_accounting() -> None:
    """The accounting is data about rows; the reader fills it. It does not read exports."""
    text = (SRC / "data" / "accounting.py").read_text(encoding="utf-8")
    assert "leadsla.data.reader" not in text


def _dataclass_fields(cls_name: str) -> dict[str, str]:
    tree = ast.parse((SRC / "results.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.ClassDef) and node.name == cls_name:
            return {
                n.target.id: ast.unparse(n.annotation)
                for n in node.body
                if isinstance(n, ast.AnnAssign) and isinstance(n.target, ast.Name)
            }
    raise LookupError(cls_name)


def test_result_rows_are_streams() -> None:
    """STYLE.md rule 1: a command's rows (leads, follow-up items, the audit's ids) are a
    streaming handle on the engine's relation, never a list of one Python object per row."""
    streams = {
        "ScoreResult": ["leads", "not_qualified", "not_handed_off", "stage_mismatch"],
        "DeadlinesResult": ["items"],
    }
    for cls, names in streams.items():
        fields = _dataclass_fields(cls)
        assert {n: fields[n] for n in names} == dict.fromkeys(names, "RowStream"), cls
        # what is left are summaries: counts, names, a few lines per rule, owner or team
        assert not [f for f, t in fields.items() if "Item" in t or "LeadScore" in t], cls


def test_one_renderer_registry() -> None:
    """Each command's `--format` choices are its registry's (render/registry.py); no renderer
    module keeps a registry of its own."""
    from typer.testing import CliRunner

    from leadsla.cli import app
    from leadsla.render.registry import FORMATS

    for path in (SRC / "render").glob("*.py"):
        assert "RENDERERS" not in path.read_text(encoding="utf-8"), path.name
    for command, formats in FORMATS.items():
        result = CliRunner().invoke(app, [command, "--format", "no-such-format"])
        assert result.exit_code == 2, command
        for name in formats:
            assert f"'{name}'" in result.output, (command, name, result.output)

"""The README's worked example of `--engine` (section "Running on PostgreSQL and Spark"), run
as written against the real server and session: loading with scripts/load_table.py, then the
command, whose summary line must be the one the README shows."""

from __future__ import annotations

import importlib.util
import re
import shlex
from pathlib import Path
from typing import Any

from tests.conftest import ROOT
from tests.engines.conftest import PgServer

README = ROOT / "README.md"


def commands(engine: str) -> tuple[list[list[str]], str | None]:
    """The commands of the README's bash block for `engine` (continuations joined), and the
    summary line it shows (`# NAME: N rows: ...`), if any."""
    text = README.read_text(encoding="utf-8")
    section = text.split("### Running on PostgreSQL and Spark", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```bash\n(.*?)```", section, re.S)
    block = next(b for b in blocks if f"load_table.py {engine}" in b)
    joined = block.replace("\\\n", " ")
    runs, shown = [], None
    for line in joined.splitlines():
        line = line.strip()
        if line.startswith("# ") and " rows: " in line:
            shown = line[2:]
        elif line and not line.startswith("#"):
            runs.append(shlex.split(line.split(" #")[0]))
    return runs, shown


def load_table() -> Any:
    spec = importlib.util.spec_from_file_location("load_table", ROOT / "scripts" / "load_table.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_postgresql_example(cli: Any, postgres_server: PgServer, monkeypatch: Any) -> None:
    runs, shown = commands("postgres")
    assert shown is not None
    env: dict[str, str] = {}
    out = None
    for args in runs:
        if args[0] == "export":
            env["LEADSLA_DSN"] = postgres_server.dsn  # the README's example DSN, here
        elif args[:2] == ["python", "scripts/load_table.py"]:
            args = [postgres_server.dsn if a == "host=localhost dbname=crm" else a for a in args]
            monkeypatch.chdir(ROOT)
            assert load_table().main(args[2:]) == 0
        else:
            assert args[0] == ".venv/bin/leadsla"
            out = cli(*args[1:], env=env)
    assert out is not None
    assert shown in out.stderr


def test_the_spark_example(cli: Any, spark: Any, tmp_path: Path, monkeypatch: Any) -> None:
    runs, _shown = commands("spark")
    parquet = str(tmp_path / "leads.parquet")
    out = None
    monkeypatch.chdir(ROOT)
    for args in runs:
        args = [parquet if a == "/tmp/leads.parquet" else a for a in args]
        if args[:2] == ["python", "scripts/load_table.py"]:
            assert load_table().main(args[2:]) == 0
        else:
            out = cli(*args[1:])
    assert out is not None
    assert f"{parquet}: 2,000 rows: 2,000 used" in out.stderr

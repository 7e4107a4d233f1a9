"""Shared fixtures: paths, an SLA writer, and the real CLI (in process and as a subprocess)."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from leadsla.cli import app

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
AS_OF = "2026-11-20T12:00:00-03:00"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", help="rewrite golden files")


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture
def write_sla(tmp_path: Path) -> Callable[[str], Path]:
    """Write dedented YAML to a file and return its path."""
    counter = iter(range(1_000_000))

    def write(text: str, name: str | None = None) -> Path:
        path = tmp_path / (name or f"sla{next(counter)}.yaml")
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return path

    return write


class Cli:
    """`leadsla` through typer's runner (in process)."""

    def __init__(self) -> None:
        self.runner = CliRunner()

    def __call__(
        self, *args: str | Path, env: dict[str, str] | None = None, input: str | None = None
    ):  # type: ignore[no-untyped-def]
        result = self.runner.invoke(
            app, [str(a) for a in args], env=env, input=input, catch_exceptions=False
        )
        return result


@pytest.fixture
def cli() -> Cli:
    return Cli()


def run_leadsla(
    *args: str | Path,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
    input: bytes | None = None,
) -> subprocess.CompletedProcess[str]:
    """`leadsla` as a real subprocess (`python -m leadsla`)."""
    full_env = {**os.environ, "NO_COLOR": "1", **(env or {})}
    full_env.pop("FORCE_COLOR", None)
    proc = subprocess.run(
        [sys.executable, "-m", "leadsla", *[str(a) for a in args]],
        capture_output=True,
        cwd=cwd or ROOT,
        env=full_env,
        input=input,
        timeout=600,
    )
    out = subprocess.CompletedProcess(
        proc.args,
        proc.returncode,
        proc.stdout.decode("utf-8", "replace"),
        proc.stderr.decode("utf-8", "replace"),
    )
    assert "Traceback (most recent call last)" not in out.stderr, out.stderr
    return out

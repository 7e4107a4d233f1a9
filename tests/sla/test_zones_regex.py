"""`validate` checks what the run relies on (issue 9, case 8): time zones both zoneinfo and
DuckDB know, and `matches` patterns exactly as the engine's RE2 runs them — from a cache keyed
by DuckDB's version, so that a warm `validate` does not import DuckDB."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import duckdb
import pytest

from leadsla.commands.slacheck import engine_load_problems
from leadsla.sla.engine_facts import FACTS_FORMAT
from leadsla.sla.load import load_sla
from tests.conftest import AS_OF, ROOT, Cli, run_leadsla


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(folder))
    return folder / "leadsla"


def pattern_sla(pattern: str) -> str:
    quoted = json.dumps(pattern)  # a YAML double-quoted scalar is a JSON string
    return f"""
    version: 1
    name: t
    scoring:
      fit:
        rules:
          - name: r
            when: {{field: job, matches: {quoted}}}
            points: 1
    """


ZONE_SLA = """
version: 1
name: t
leads: {timezone: America/Sao_Paulo}
calendar:
  timezone: ZONE
follow_up:
  - {id: f, owner: sales, start: mql_at, stop: [contact_at], within: 4h}
goals:
  targets:
    - {id: c, owner: sales, metric: count, of: mql_at, target: ">= 5"}
"""


# --- patterns ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("pattern", "said"),
    [
        (r"\u00e9", r"invalid escape sequence: \u; write the character itself"),
        ("(?a)x", "invalid perl operator: (?a; RE2 takes only the flags i, m, s and U"),
        ("(a{1000}){1000}", "invalid repetition size: {1000}; RE2 repeats at most 1000 times"),
        ("(a{100}){100}", "invalid repetition size"),
    ],
)
def test_python_accepts_re2_refuses_is_a_located_error(
    pattern: str, said: str, cli: Cli, cache: Path, write_sla: Callable[[str], Path]
) -> None:
    path = write_sla(pattern_sla(pattern))
    r = cli("validate", path, "--as-of", AS_OF)
    assert r.exit_code == 1, r.stdout
    assert r.stdout.startswith(f"{path}:7:37: scoring.fit.rules[0].when.matches: `"), r.stdout
    assert "is not a regular expression RE2 (the engine DuckDB runs) accepts: " + said in r.stdout


def test_a_posix_class_is_refused_without_a_python_warning(
    write_sla: Callable[[str], Path],
) -> None:
    path = write_sla(pattern_sla("[[:alpha:]]+"))
    r = run_leadsla("validate", path, "--as-of", AS_OF, env={"PYTHONWARNINGS": "default"})
    assert r.returncode == 1
    assert "scoring.fit.rules[0].when.matches: `[[:alpha:]]+`: `[:alpha:]` is a class in RE2" in (
        r.stdout
    )
    assert "write [a-z] instead" in r.stdout
    assert "Warning" not in r.stderr and ".py" not in r.stderr, r.stderr


@pytest.mark.parametrize(
    "pattern",
    [
        "(head|diretora?|director)",
        "^ceo$",
        r"s[óo]ci[oa]",
        "gest(ã|a)o",
        r"\d{3}-\d{4}",
        "(?i)x",
        "(?s).",
        r"\u00e9",
        "(?a)x",
        "(a{1000}){1000}",
        "a{1000}",
        "(?P<n>x)",
        "é+",
    ],
)
def test_the_verdict_is_the_engines(
    pattern: str, cache: Path, write_sla: Callable[[str], Path]
) -> None:
    """Refused exactly when the compiled condition fails in DuckDB on a real table."""
    loaded = load_sla(write_sla(pattern_sla(pattern)))
    refused = bool(engine_load_problems(loaded))
    con = duckdb.connect()
    con.execute("CREATE TABLE t AS SELECT 'Gestão Sócia' AS job")
    try:
        con.execute("SELECT regexp_matches(job, ?, 'i') FROM t", [pattern]).fetchall()
        runs = True
    except duckdb.Error:
        runs = False
    assert refused == (not runs)


# --- zones ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("zone", "hint"),
    [
        ("localtime", "name the zone itself"),
        ("posixrules", "name the zone itself"),
        ("right/UTC", "write `UTC`"),
        ("posix/America/Sao_Paulo", "write `America/Sao_Paulo`"),
    ],
)
def test_a_zone_duckdb_lacks_is_a_located_error(
    zone: str, hint: str, cli: Cli, cache: Path, write_sla: Callable[[str], Path], tmp_path: Path
) -> None:
    path = write_sla(ZONE_SLA.replace("ZONE", zone))
    r = cli("validate", path, "--as-of", AS_OF)
    assert r.exit_code == 1
    assert r.stdout.startswith(
        f"{path}:5:13: calendar.timezone: time zone `{zone}` is known to Python but not to DuckDB"
    ), r.stdout
    assert hint in r.stdout
    export = tmp_path / "leads.csv"
    export.write_text("id,mql_at,contact_at\n1,2026-11-18 10:00,\n", encoding="utf-8")
    for command in ("report", "check-deadlines"):
        r = cli(command, export, "--sla", path, "--as-of", AS_OF)
        assert r.exit_code == 2, r.stderr
        assert f"{path}:5:13: calendar.timezone: time zone `{zone}`" in r.stderr
        assert "internal error" not in r.stderr


def test_leads_timezone_is_checked_too(
    cli: Cli, cache: Path, write_sla: Callable[[str], Path]
) -> None:
    path = write_sla("version: 1\nname: t\nleads: {timezone: localtime}\n")
    r = cli("validate", path)
    assert r.exit_code == 1 and f"{path}:3:19: leads.timezone: time zone `localtime`" in r.stdout


def test_a_folder_of_zones_is_not_a_zone(cli: Cli, write_sla: Callable[[str], Path]) -> None:
    path = write_sla("version: 1\nname: t\nleads: {timezone: America}\n")
    r = cli("validate", path)
    assert r.exit_code == 1 and "leads.timezone: unknown time zone `America`" in r.stdout


# --- the cache --------------------------------------------------------------------------------

IMPORTED = (
    "import sys\n"
    "from typer.testing import CliRunner\n"
    "from leadsla.cli import app\n"
    "r = CliRunner().invoke(app, ['validate', sys.argv[1]])\n"
    "print(r.exit_code, 'duckdb' in sys.modules)\n"
)


def validate_in_child(path: Path, cache_home: Path) -> tuple[int, bool]:
    out = subprocess.run(
        [sys.executable, "-c", IMPORTED, str(path)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "XDG_CACHE_HOME": str(cache_home)},
        check=True,
    )
    code, imported = out.stdout.split()
    return int(code), imported == "True"


def test_duckdb_is_started_only_for_what_the_cache_cannot_answer(
    tmp_path: Path, write_sla: Callable[[str], Path]
) -> None:
    home = tmp_path / "cache"
    zone = write_sla(ZONE_SLA.replace("ZONE", "America/Sao_Paulo"))
    assert validate_in_child(zone, home) == (0, True)  # cold: DuckDB's zones
    assert validate_in_child(zone, home) == (0, False)  # warm
    (file,) = (home / "leadsla").glob("duckdb-*.json")
    assert file.name == f"duckdb-{duckdb.__version__}-v{FACTS_FORMAT}.json"
    pattern = write_sla(pattern_sla("(?a)x"))
    assert validate_in_child(pattern, home) == (1, True)  # a pattern never seen
    assert validate_in_child(pattern, home) == (1, False)  # its verdict, from the cache
    cached = json.loads(file.read_text(encoding="utf-8"))
    assert "America/Sao_Paulo" in cached["zones"]
    assert cached["patterns"]["(?a)x"].startswith("invalid perl operator")


def test_the_cached_verdict_is_used(
    cli: Cli, cache: Path, write_sla: Callable[[str], Path]
) -> None:
    path = write_sla(pattern_sla("(head|ceo)"))
    assert cli("validate", path).exit_code == 0
    (file,) = cache.glob("duckdb-*.json")
    data = json.loads(file.read_text(encoding="utf-8"))
    data["patterns"]["(head|ceo)"] = "from the cache"
    file.write_text(json.dumps(data), encoding="utf-8")
    r = cli("validate", path)
    assert r.exit_code == 1 and "accepts: from the cache" in r.stdout


@pytest.mark.parametrize(
    "data",
    [
        [1],
        {"format": 1, "zones": "UTC", "patterns": {}},
        {"format": 1, "zones": [], "patterns": {}},
        {"format": 1, "zones": ["UTC", 3], "patterns": {}},
        {"format": 0, "zones": ["UTC"], "patterns": {}},
    ],
    ids=["a-list", "zones-text", "no-zones", "zone-number", "old-format"],
)
def test_a_cache_of_the_wrong_shape_is_rebuilt(
    data: object, cli: Cli, cache: Path, write_sla: Callable[[str], Path]
) -> None:
    path = write_sla(ZONE_SLA.replace("ZONE", "America/Sao_Paulo"))
    assert cli("validate", path).exit_code == 0
    (file,) = cache.glob("duckdb-*.json")
    file.write_text(json.dumps(data), encoding="utf-8")
    r = cli("validate", path)
    assert r.exit_code == 0, r.stdout
    assert "America/Sao_Paulo" in json.loads(file.read_text(encoding="utf-8"))["zones"]


def test_pattern_verdicts_of_the_wrong_shape_are_asked_again(
    cli: Cli, cache: Path, write_sla: Callable[[str], Path]
) -> None:
    path = write_sla(pattern_sla("(?a)x"))
    assert cli("validate", path).exit_code == 1
    (file,) = cache.glob("duckdb-*.json")
    data = json.loads(file.read_text(encoding="utf-8"))
    data["patterns"] = {"(?a)x": 5}
    file.write_text(json.dumps(data), encoding="utf-8")
    r = cli("validate", path)
    assert r.exit_code == 1 and "invalid perl operator" in r.stdout

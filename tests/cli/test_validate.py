"""`leadsla validate`, `init`, `schema`, `--version`: the real CLI, in process and as a subprocess."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from leadsla.sla.schema import sla_schema
from leadsla.sla.starter import starter_text
from tests.conftest import AS_OF, EXAMPLES, ROOT, Cli, run_leadsla

BAD = "version: 1\nname: x\nscorring: {}\n"


def test_example_is_valid(cli: Cli) -> None:
    r = cli("validate", EXAMPLES / "sla.yaml", "--as-of", AS_OF)
    assert r.exit_code == 0, r.stdout
    assert r.stdout.strip().endswith("valid")


def test_unknown_key_exit_1_with_line_and_col(cli: Cli, write_sla: Callable[[str], Path]) -> None:
    path = write_sla(BAD)
    r = cli("validate", path)
    assert r.exit_code == 1
    assert f"{path}:3:1: scorring: unknown key `scorring` (did you mean `scoring`?)" in r.stdout


def test_json_format(cli: Cli, write_sla: Callable[[str], Path]) -> None:
    path = write_sla(BAD)
    r = cli("validate", path, "--format", "json", "--as-of", AS_OF)
    doc = json.loads(r.stdout)
    assert (
        list(doc)[:2] == ["leadsla_version", "as_of"]
        and doc["as_of"] == "2026-11-20T15:00:00+00:00"
    )
    [f] = doc["files"]
    assert f["valid"] is False and f["errors"][0] == {
        "line": 3,
        "column": 1,
        "path": "scorring",
        "code": "unknown_key",
        "message": "unknown key `scorring` (did you mean `scoring`?)",
    }


def test_github_format(cli: Cli, write_sla: Callable[[str], Path]) -> None:
    path = write_sla(BAD)
    r = cli("validate", path, "--format", "github")
    assert (
        r.stdout.startswith(
            f"::error file={path},line=3,col=1,title=leadsla unknown_key::scorring%3A"
        )
        is False
    )
    assert r.stdout.startswith(
        f"::error file={path},line=3,col=1,title=leadsla unknown_key::scorring: unknown key"
    )


def test_missing_file_exit_2(cli: Cli) -> None:
    r = cli("validate", "no/such/sla.yaml")
    assert r.exit_code == 2 and "no such file" in r.stdout


def test_several_files_highest_exit(cli: Cli, write_sla: Callable[[str], Path]) -> None:
    good, bad = EXAMPLES / "sla.yaml", write_sla(BAD)
    assert cli("validate", good, bad, "--as-of", AS_OF).exit_code == 1
    assert cli("validate", good, bad, "missing.yaml", "--as-of", AS_OF).exit_code == 2
    assert cli("validate", good, good, "--as-of", AS_OF).exit_code == 0


def test_strict_turns_warnings_into_findings(cli: Cli, write_sla: Callable[[str], Path]) -> None:
    path = write_sla("version: 1\nname: x\nreview: {every: 30d, last_reviewed: 2026-01-01}\n")
    r = cli("validate", path, "--as-of", AS_OF)
    assert r.exit_code == 0 and "warning: review.last_reviewed: review overdue" in r.stdout
    assert cli("validate", path, "--strict", "--as-of", AS_OF).exit_code == 1


def test_sla_from_environment_and_cwd(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    r = cli("validate")
    assert r.exit_code == 2 and "no SLA file" in r.stderr
    (tmp_path / "leadsla.yaml").write_text("version: 1\nname: x\n")
    assert cli("validate").exit_code == 0
    assert cli("validate", env={"LEADSLA_SLA": str(EXAMPLES / "sla.yaml")}).stdout.startswith(
        str(EXAMPLES)
    )


def test_bad_as_of(cli: Cli) -> None:
    r = cli("validate", EXAMPLES / "sla.yaml", "--as-of", "yesterday")
    assert r.exit_code == 2 and "--as-of" in r.stderr


def test_init_writes_a_valid_starter_and_refuses_to_overwrite(cli: Cli, tmp_path: Path) -> None:
    target = tmp_path / "sla.yaml"
    assert cli("init", target).exit_code == 0
    assert cli("validate", target).exit_code == 0
    assert "# " in target.read_text()  # commented
    before = target.read_text()
    target.write_text("version: 1\nname: mine\n")
    r = cli("init", target)
    assert r.exit_code == 2 and "already exists" in r.stderr
    assert target.read_text() == "version: 1\nname: mine\n"
    assert cli("init", target, "--force").exit_code == 0 and target.read_text() == before
    assert cli("init", tmp_path / "nope" / "sla.yaml").exit_code == 2


def test_schema_is_json_schema_with_help(cli: Cli) -> None:
    doc = json.loads(cli("schema").stdout)
    assert doc["$schema"].startswith("https://json-schema.org/")
    props = doc["properties"]
    assert {"scoring", "follow_up", "calendar", "goals", "leads", "funnel"} <= set(props)
    assert doc["$defs"]["Condition"]["oneOf"]
    assert "description" in doc["$defs"]["FollowUp"]["properties"]["early_stop"]


def test_schema_accepts_the_examples() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    from leadsla.sla.yamlload import load_yaml_bytes

    validator = jsonschema.Draft202012Validator(sla_schema())
    for name, raw in (
        ("example", (EXAMPLES / "sla.yaml").read_bytes()),
        ("starter", starter_text().encode()),
    ):
        data = load_yaml_bytes(raw, name).data
        errors = list(validator.iter_errors(data))
        assert errors == [], (name, [e.message for e in errors])


def test_committed_schema_is_current() -> None:
    committed = json.loads((ROOT / "docs" / "sla.schema.json").read_text(encoding="utf-8"))
    assert committed == sla_schema(), "run: leadsla schema > docs/sla.schema.json"


def test_subprocess_version_and_module() -> None:
    r = run_leadsla("--version")
    assert r.returncode == 0 and r.stdout.startswith("leadsla 0.")
    r = run_leadsla("validate", "examples/sla.yaml", "--as-of", AS_OF, "--format", "json")
    assert r.returncode == 0 and json.loads(r.stdout)["files"][0]["valid"] is True


def test_subprocess_bad_option_is_usage_error() -> None:
    r = run_leadsla("validate", "--format", "xml")
    assert r.returncode == 2 and "xml" in r.stderr


def test_pre_commit_hook_definition() -> None:
    text = (ROOT / ".pre-commit-hooks.yaml").read_text()
    assert "id: leadsla-validate" in text and "entry: leadsla validate" in text

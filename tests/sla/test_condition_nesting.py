"""Issue 9, case 6 (the loader's part): how deep conditions and YAML values may nest.

Conditions may nest 200 levels (`all`, `any` and `not` count one each); deeper is a located
error in `validate` and in every data command. The YAML itself nests up to libyaml's 1,000
levels; a file nested 10,000 deep is a located error too, never a RecursionError."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from leadsla.errors import SlaInvalid
from leadsla.sla.conditions import MAX_NESTING, AllCondition, AnyCondition, NotCondition
from leadsla.sla.load import load_sla
from tests.conftest import AS_OF, EXAMPLES, Cli

HEAD = "version: 1\nname: deep\nscoring:\n  fit:\n    rules:\n      - name: r\n        points: 1\n"
LEAF = "{field: a, gte: 1}"


def nots(depth: int) -> str:
    return "{not: " * depth + LEAF + "}" * depth


def mixed(depth: int) -> str:
    """`any` in `all` in `any`..., `depth` levels, with a `not` at every fifth."""
    cond = LEAF
    for i in range(depth):
        if i % 5 == 4:
            cond = "{not: " + cond + "}"
        elif i % 2:
            cond = "{all: [" + cond + f", {{field: b, eq: x{i}}}]}}"
        else:
            cond = f"{{any: [{{field: c, gte: {i}}}, " + cond + "]}"
    return cond


def write(tmp_path: Path, when: str) -> Path:
    path = tmp_path / "deep.yaml"
    path.write_text(HEAD + "        when: " + when + "\n", encoding="utf-8")
    return path


def depth_of(cond: Any) -> int:
    if isinstance(cond, NotCondition):
        return 1 + depth_of(cond.item)
    if isinstance(cond, AllCondition | AnyCondition):
        return 1 + max(depth_of(c) for c in cond.items)
    return 0


@pytest.mark.parametrize("make", [nots, mixed])
def test_conditions_nested_200_deep_load(tmp_path: Path, make: Any) -> None:
    loaded = load_sla(write(tmp_path, make(MAX_NESTING)))
    rules = loaded.sla.scoring.fit.rules  # type: ignore[union-attr]
    assert depth_of(rules[0].when) == MAX_NESTING


@pytest.mark.parametrize("depth", [201, 600, 990])
@pytest.mark.parametrize("make", [nots, mixed])
def test_deeper_conditions_are_a_located_error(tmp_path: Path, make: Any, depth: int) -> None:
    text = make(depth)
    if make is mixed and depth > 400:
        return  # two YAML levels a condition: libyaml's own limit answers (next test)
    with pytest.raises(SlaInvalid) as caught:
        load_sla(write(tmp_path, text))
    (problem,) = caught.value.problems
    assert "conditions nest more than 200 levels deep" in problem.message
    # at the key of the 201st level, counted from the outside
    line = (HEAD + "        when: " + text).splitlines()[problem.line - 1]
    at = line[problem.column - 1 :]
    outer = len(line) - len(text)
    assert re.match(r"(not|all|any):", at), at
    levels = sum(1 for m in re.finditer(r"\{(not|all|any):", line[outer : problem.column - 1]))
    assert levels == MAX_NESTING
    assert problem.where.startswith("scoring.fit.rules[0].when.") and "more)" in problem.where


@pytest.mark.parametrize("when", [nots(10_000), mixed(600), "[" * 10_000 + "]" * 10_000])
def test_yaml_nested_beyond_libyamls_limit_is_a_located_error(tmp_path: Path, when: str) -> None:
    with pytest.raises(SlaInvalid) as caught:
        load_sla(write(tmp_path, when))
    (problem,) = caught.value.problems
    assert problem.line == 8 and problem.column > 900
    assert "nesting depth" in problem.message


def test_a_deep_value_outside_conditions_is_a_type_error(tmp_path: Path) -> None:
    path = tmp_path / "deep.yaml"
    path.write_text("version: 1\nname: " + "[" * 990 + "1" + "]" * 990 + "\n", encoding="utf-8")
    with pytest.raises(SlaInvalid) as caught:
        load_sla(path)
    (problem,) = caught.value.problems
    assert (problem.line, problem.column, problem.where) == (2, 7, "name")


def test_validate_and_data_commands_refuse_201_levels(cli: Cli, tmp_path: Path) -> None:
    sla = write(tmp_path, nots(201))
    r = cli("validate", sla)
    assert r.exit_code == 1
    assert re.search(r"deep\.yaml:8:\d+: scoring\.fit\.rules\[0\]\.when\.not\.not", r.stdout)
    assert "conditions nest more than 200 levels deep" in r.stdout
    r = cli("score", EXAMPLES / "leads.csv", "--sla", sla, "--as-of", AS_OF)
    assert r.exit_code == 2
    assert "conditions nest more than 200 levels deep" in r.stderr
    assert "Traceback" not in r.output and "internal error" not in r.output

"""Issue 9, case 6: an SLA of any realistic size compiles to shallow SQL, runs, and agrees
with the plain-Python reading of its rules (`holds`) on every row of a real export.

A list of ~150 free-mail domains in `ends_with`, ~200 values in `in`, a 150-deep `not` or
1,000 rules once crashed every data command with RecursionError (left-deep OR and `+`
chains, `NOT (NOT (...))`). Here: 1,000 values per list, 1,000 rules, `not` 151 deep and
all/any alternating 150 and 200 deep."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
import sqlglot.expressions as exp

from leadsla.commands.common import DataOptions, open_session
from leadsla.data.names import field_of_column
from leadsla.engine.conditions import SHORT_LIST, holds
from leadsla.engine.derive import Deriver
from leadsla.engine.sqlbuild import sql
from leadsla.sla.conditions import Condition, FieldType
from leadsla.sla.load import load_sla
from leadsla.sla.yamlload import load_yaml_bytes
from tests.conftest import AS_OF, EXAMPLES, ROOT, Cli

EXPORT = EXAMPLES / "leads.csv"
FREE_MAIL = [
    *("@gmail.com", "@hotmail.com", "@outlook.com", "@live.com", "@yahoo.com.br"),
    *("@uol.com.br", "@bol.com.br", "@terra.com.br", "@icloud.com"),
    *(f"@mail{i}.example.com" for i in range(991)),
]
INDUSTRIES = [
    *("saas", "software", "tecnologia", "varejo", "saúde", "e-commerce"),
    *(f"setor {i}" for i in range(994)),
]
TITLES = ["gerente", "head", "ceo", "diretor", *(f"cargo {i}" for i in range(996))]


def nots(depth: int, leaf: dict[str, Any]) -> dict[str, Any]:
    for _ in range(depth):
        leaf = {"not": leaf}
    return leaf


def alternating(depth: int) -> dict[str, Any]:
    """`any` in `all` in `any`..., `depth` levels deep, a `not` at every seventh level, and
    real tests at every level (so that each level decides some rows)."""
    cond: dict[str, Any] = {"field": "company_size", "gte": 50}
    for i in range(depth):
        if i % 7 == 6:
            cond = {"not": cond}
        elif i % 2:
            cond = {"all": [cond, {"field": "email_opens", "lte": 40 - i % 9}]}
        else:
            cond = {"any": [{"field": "source", "eq": ["Evento", "LinkedIn"][i % 4 // 2]}, cond]}
    return cond


BIG: dict[str, dict[str, Any]] = {
    "ends_with 1000": {"field": "email", "ends_with": FREE_MAIL},
    "not ends_with 1000": {"not": {"field": "email", "ends_with": FREE_MAIL}},
    "in 1000": {"field": "industry", "in": INDUSTRIES},
    "not_in 1000": {"field": "industry", "not_in": INDUSTRIES},
    "not in 1000": {"not": {"field": "industry", "in": INDUSTRIES}},
    "contains 1000": {"field": "job_title", "contains": TITLES},
    "starts_with 1000": {"field": "job_title", "starts_with": TITLES},
    "number in 1000": {"field": "email_opens", "in": [k / 2 for k in range(0, 2000, 3)][:1000]},
    "number not_in 1000": {"field": "email_opens", "not_in": list(range(1, 2000, 2))},
    "not 150": nots(150, {"field": "industry", "in": ["saas", "software"]}),
    "not 151": nots(151, {"field": "industry", "in": ["saas", "software"]}),
    "alternating 150": alternating(150),
    "alternating 200": alternating(200),
    "not all": {"not": {"all": [{"field": "industry", "in": INDUSTRIES}, alternating(20)]}},
    "not any": {"not": {"any": [{"field": "email", "ends_with": FREE_MAIL}, alternating(21)]}},
    "all of 1000": {"all": [{"field": "email_opens", "lte": 41 + i % 3} for i in range(1000)]},
    "any of 1000": {"any": [{"field": "company_size", "eq": i * 7} for i in range(1000)]},
}


def example() -> dict[str, Any]:
    data = load_yaml_bytes((EXAMPLES / "sla.yaml").read_bytes(), "sla.yaml").data
    assert isinstance(data, dict)
    data["leads"]["path"] = str(EXPORT)
    return data


def write_sla(tmp_path: Path, rules: list[dict[str, Any]], name: str = "big.json") -> Path:
    """The example SLA with these fit rules after its own (YAML is a superset of JSON)."""
    data = example()
    data["scoring"]["fit"]["rules"] += rules
    path = tmp_path / name
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


@contextmanager
def evaluated(
    sla: Path, export: Path = EXPORT
) -> Iterator[tuple[list[dict[str, Any]], list[list[bool]], Deriver]]:
    """Every row of the export as read (fields by name) and, for each fit rule with a `when`,
    whether its compiled SQL holds, in file order."""
    loaded = load_sla(sla)
    opts = DataOptions(leads=str(export), sla=str(sla), as_of=AS_OF, quiet=True)
    sections = {"scoring", "qualification", "funnel"}
    with open_session(opts, loaded, sections, lambda _message: None) as session:
        deriver = Deriver(loaded.sla, session.export.types, session.as_of)
        conds = [r.when for r in loaded.sla.scoring.fit.rules if r.when]  # type: ignore[union-attr]
        checks = [exp.alias_(deriver.cond(c), f"_c{i}") for i, c in enumerate(conds)]
        query = exp.select(exp.Star(), *checks).from_(deriver.derived().subquery("d"))
        cursor = session.export.con.execute(sql(query) + " ORDER BY _row")
        names = [d[0] for d in cursor.description]
        fields = {i: f for i, n in enumerate(names) if (f := field_of_column(n)) is not None}
        at = {n: i for i, n in enumerate(names)}
        rows, results = [], []
        for row in cursor.fetchall():
            rows.append({f: row[i] for i, f in fields.items()})
            results.append([row[at[f"_c{i}"]] for i in range(len(conds))])
        yield rows, results, deriver


def reference(
    conds: list[Condition], rows: list[dict[str, Any]], types: dict[str, FieldType], as_of: datetime
) -> list[list[bool]]:
    return [[holds(c, values, types, as_of) for c in conds] for values in rows]


def test_big_conditions_agree_with_the_python_reference(tmp_path: Path) -> None:
    rules = [{"name": name, "when": when, "points": 0} for name, when in BIG.items()]
    sla = write_sla(tmp_path, rules)
    with evaluated(sla) as (rows, got, deriver):
        conds = [r.when for r in deriver.sla.scoring.fit.rules if r.when]  # type: ignore[union-attr]
        want = reference(conds, rows, deriver.types, deriver.as_of)
    assert len(rows) == 2000
    names = ["example"] * (len(conds) - len(BIG)) + list(BIG)
    for i, name in enumerate(names):
        column = [r[i] for r in got]
        assert column == [w[i] for w in want], name
        if name not in ("any of 1000",):  # company sizes are not multiples of 7 often
            assert 0 < sum(column) < len(rows), f"{name} decides no row: a weak test"


@pytest.mark.slow
def test_a_thousand_rules_score_as_the_reference_adds_them(cli: Cli, tmp_path: Path) -> None:
    big = [{"name": n, "when": w, "points": 3 + i % 5} for i, (n, w) in enumerate(BIG.items())]
    many = [
        {"name": f"size {i}", "when": {"field": "company_size", "gte": i * 3}, "points": -1.5}
        if i % 4
        else {"name": f"opens {i}", "per": "email_opens", "points": 0.25, "cap": 1 + i % 9}
        for i in range(1000 - len(big) - 4)
    ]
    sla = write_sla(tmp_path, big + many)
    loaded = load_sla(sla)
    fit_rules = loaded.sla.scoring.fit.rules  # type: ignore[union-attr]
    assert len(fit_rules) == 1000
    with evaluated(sla) as (rows, _got, deriver):
        expected = []
        for values in rows:
            fit = 0.0
            for rule in fit_rules:
                amount = rule.points * ((values.get(rule.per) or 0.0) if rule.per else 1.0)
                if rule.cap is not None:
                    amount = max(-rule.cap, min(rule.cap, amount))
                if rule.when is None or holds(rule.when, values, deriver.types, deriver.as_of):
                    fit += amount
            expected.append(fit)
    r = cli("score", "--sla", sla, "--as-of", AS_OF, "--format", "json")
    assert r.exit_code == 0, r.output
    leads = json.loads(r.stdout)["leads"]
    ids = [values["id"] for values in rows]
    assert sorted((lead["id"], lead["fit"]) for lead in leads) == sorted(
        zip(ids, expected, strict=True)
    )
    grades = loaded.sla.scoring.fit.grades  # type: ignore[union-attr]
    for lead in leads:
        assert lead["grade"] == next((g for g, t in grades.items() if lead["fit"] >= t), "D")
    # every data command runs it, with the conditions 200 deep among the rules
    for args in (
        ["check-deadlines", "--fail-on", "never"],
        ["report"],
        ["explain", ids[0]],
        ["validate", sla, "--leads", EXPORT],
    ):
        command = [*args, "--sla", sla, "--as-of", AS_OF] if args[0] != "validate" else args
        r = cli(*command)
        assert r.exit_code == 0, r.output
    r = cli("explain", ids[0], "--sla", sla, "--as-of", AS_OF, "--format", "json")
    (lead,) = json.loads(r.stdout)["leads"]
    rules = {rule["name"]: rule for rule in lead["rules"]}
    assert len(rules) >= 1000 and rules["ends_with 1000"]["condition"] == (
        "email ends with [@gmail.com, @hotmail.com, @outlook.com, @live.com, @yahoo.com.br, "
        "@uol.com.br, @bol.com.br, @terra.com.br, @icloud.com, @mail0.example.com, "
        "… (1,000 values)]"
    )


# --- lists as patterns: every character matched as itself ----------------------------------------

ODD = [
    "a.b", "a*b", "(x)", "[y]", "{2}", "a+b", "a?b", "^c", "d$", "e|f", "g\\h", "/i/", "j k",
    "tab\there", "l-m", "n#o", "p'q", 'r"s', "çé", "日本", "🚀x", "%_", "..", "\\d", "$1",
]  # fmt: skip
VALUES = [*ODD, *(v.upper() for v in ODD[:5]), "a.b.c", "xa.b", "a.bx", "plain", " a*b ", "ab"]


def test_long_lists_match_symbols_as_written(tmp_path: Path) -> None:
    """Lists longer than SHORT_LIST become RE2 patterns: no value may act as a pattern."""
    assert len(ODD) > SHORT_LIST
    export = tmp_path / "odd.csv"
    with export.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["id", "v"])
        for i, v in enumerate([*VALUES, *(f"{a}{b}" for a in ODD[:8] for b in ODD[:8])]):
            writer.writerow([i, v])
    ops = ["in", "not_in", "contains", "starts_with", "ends_with"]
    lists = {"odd": ODD, "short": ODD[:SHORT_LIST], "long": [*ODD, *(f"v{i}" for i in range(600))]}
    lists["wide"] = [f"{c * 700}{i}" for i, c in enumerate("abcdefghijklmnopqrstuvwxyz")] + ODD
    rules = [
        {"name": f"{op} {k}", "when": {"field": "v", op: v}, "points": 0}
        for op in ops
        for k, v in lists.items()
    ]
    sla = tmp_path / "odd.json"
    sla.write_text(
        json.dumps(
            {
                "version": 1,
                "name": "odd",
                "leads": {"path": str(export)},
                "scoring": {"fit": {"rules": rules, "grades": {"A": 1}}},
            },
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )
    with evaluated(sla, export) as (rows, got, deriver):
        conds = [r.when for r in deriver.sla.scoring.fit.rules if r.when]  # type: ignore[union-attr]
        want = reference(conds, rows, deriver.types, deriver.as_of)
        compiled = sql(deriver.cond(conds[0]))
    assert "regexp_full_match" in compiled.lower()  # the pattern path is the one tested
    for i, rule in enumerate(rules):
        assert [r[i] for r in got] == [w[i] for w in want], rule["name"]
    assert sum(r[0] for r in got) >= len(ODD)  # `in odd` finds each value, upper case too


# --- the compiled SQL is shallow, and quick to build ----------------------------------------------


def depth(tree: exp.Expression) -> int:
    deepest, stack = 0, [(tree, 1)]
    while stack:
        node, d = stack.pop()
        deepest = max(deepest, d)
        stack += [(child, d + 1) for child in node.iter_expressions()]
    return deepest


def test_lists_and_rule_counts_add_no_depth(tmp_path: Path) -> None:
    as_of = datetime.fromisoformat(AS_OF)
    flat = load_sla(write_sla(tmp_path, [], "flat.json"))
    base = depth(Deriver(flat.sla, dict(flat.types.types), as_of).derived())
    lists = {k: v for k, v in BIG.items() if "not" not in k and "alternating" not in k}
    rules = [{"name": k, "when": w, "points": 1} for k, w in lists.items()]
    rules += [
        {"name": f"r{i}", "when": {"field": "email_opens", "gte": i}, "points": 1}
        for i in range(990)
    ]
    rules.append({"name": "not 151", "when": BIG["not 151"], "points": 1})
    big = load_sla(write_sla(tmp_path, rules, "wide.json"))
    started = time.perf_counter()
    tree = Deriver(big.sla, dict(big.types.types), as_of).derived()
    text = sql(tree)
    took = time.perf_counter() - started
    assert len(text) > 100_000
    assert depth(Deriver(big.sla, dict(big.types.types), as_of).derived()) <= base + 12
    assert took < 5, f"compiling 1,000 rules took {took:.1f} s"  # about 0.4 s on a quiet machine


# --- order: a long `in` must not become a join -----------------------------------------------------


@pytest.mark.slow
def test_a_big_export_keeps_file_order_with_long_lists(cli: Cli, tmp_path: Path) -> None:
    """DuckDB may plan an `IN (...)` list as a join, which reorders a file read in parallel;
    1,000-value lists (patterns) must keep the 45,000 rows, and --output, in file order."""
    export, output = tmp_path / "big.csv", tmp_path / "out.csv"
    script = ROOT / "scripts" / "generate_leads.py"
    subprocess.run(
        [sys.executable, script, "--rows", "45000", "--output", export], check=True, timeout=300
    )
    rules = [{"name": k, "when": w, "points": 1 + i % 3} for i, (k, w) in enumerate(BIG.items())]
    sla = write_sla(tmp_path, rules)
    r = cli(
        "score", export, "--sla", sla, "--as-of", AS_OF, "--quiet", "--format", "json",
        "--top", "0", "--output", output,
    )  # fmt: skip
    assert r.exit_code == 0, r.output
    text = export.read_text(encoding="utf-8")
    ids_in = [row[0] for row in csv.reader(io.StringIO(text, newline=""), delimiter=";")][1:]
    written = output.read_text(encoding="utf-8")
    ids_out = [row[0] for row in csv.reader(io.StringIO(written, newline=""), delimiter=";")][1:]
    assert ids_out == ids_in

"""Issue 9, case 5: no SLA field name can reach a column of leadsla's own.

A field named `reason` once turned 229 MQLs into 173, `_lead` changed every grade, `_row` and
`_fit_0` gave an internal error. Here fields take the name of every column, alias and table
leadsla's SQL uses — found in the code, not listed by hand, so a column added later is tried
too — and every command must give the same answers as with the SLA's own names."""

from __future__ import annotations

import ast
import copy
import json
import re
from pathlib import Path
from typing import Any

import pytest
import sqlglot
import sqlglot.expressions as exp
from sqlglot.dialects.duckdb import DuckDB
from sqlglot.tokens import TokenType

from leadsla.data.names import field_column, field_of_column
from leadsla.sla.semantics import DERIVED
from leadsla.sla.yamlload import load_yaml_bytes
from tests.conftest import AS_OF, EXAMPLES, ROOT, Cli

SRC = ROOT / "src" / "leadsla"
EXPORT = EXAMPLES / "leads.csv"
SPECIAL = {"id", "email", "owner"}
"""Fields with a meaning of their own (lead ids, accountability): kept as they are."""
FIELD_KEYS = {"field", "stage_field", "entered", "reason", "per", "since", "start", "stop"}
FIELD_KEYS |= {"of", "from", "to"}
"""Keys whose values name fields (a disqualify `reason` is a label, never one of the names)."""

_IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_SQL = re.compile(r"\b(SELECT|FROM|WHERE|JOIN|USING|GROUP BY|ORDER BY|UPDATE|ALTER)\b")


def _strings(tree: ast.AST) -> list[tuple[str, bool]]:
    """Every string in the code but docstrings: (text, built by an f-string with holes as \\0)."""
    skip: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Expr) and isinstance(node.value, (ast.Constant, ast.JoinedStr)):
            skip.add(id(node.value))
        if isinstance(node, ast.JoinedStr):
            skip |= {id(sub) for v in node.values for sub in ast.walk(v)}
    out: list[tuple[str, bool]] = []
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            out.append((node.value, False))
        elif isinstance(node, ast.JoinedStr):
            parts = [v.value if isinstance(v, ast.Constant) else "\0" for v in node.values]
            out.append(("".join(str(p) for p in parts), True))
    return out


COLUMNS = 25
"""Columns of examples/leads.csv: the reader names columns per CSV column (`k0`...`k24`)."""


def names_in_the_code() -> set[str]:
    """Names the modules that write SQL use: every string that is an identifier (`"_row"`;
    `f"k{i}"` as k0..k24 in data/, `f"_w{i}"` as _w0.._w3 in engine/), and every identifier in
    a string that is SQL."""
    names: set[str] = set()
    tokenizer = DuckDB.Tokenizer()
    for path in sorted([*(SRC / "engine").glob("*.py"), *(SRC / "data").glob("*.py")]):
        numbers = range(COLUMNS if path.parent.name == "data" else 4)
        for text, _templated in _strings(ast.parse(path.read_text(encoding="utf-8"))):
            if _IDENT.fullmatch(text.replace("\0", "0")):
                names |= {text.replace("\0", str(i)) for i in numbers}
            elif _SQL.search(text):
                tokens = tokenizer.tokenize(text.replace("\0", "0"))
                for i, t in enumerate(tokens):
                    call = i + 1 < len(tokens) and tokens[i + 1].token_type == TokenType.L_PAREN
                    if t.token_type == TokenType.VAR and not call:
                        names.add(t.text)
    return names


def names_in_the_compiled_sql(cli: Cli) -> set[str]:
    """Every identifier of the query `explain --sql` shows (rule columns `_fit_0`... included),
    but the fields' own columns."""
    r = cli("explain", "100001", EXPORT, "--sla", EXAMPLES / "sla.yaml", "--as-of", AS_OF, "--sql")
    assert r.exit_code == 0, r.output
    tree = sqlglot.parse_one(r.stdout.strip().rstrip(";"), read="duckdb")
    found = {i.name for i in tree.find_all(exp.Identifier)}
    assert "f:fit" in found and "_fit_0" in found  # the query is the one we think it is
    return {n for n in found if field_of_column(n) is None}


@pytest.fixture(scope="module")
def internal_names() -> list[str]:
    cli = Cli()
    names = names_in_the_code() | names_in_the_compiled_sql(cli) | {"rowid"}
    # DuckDB ignores ASCII case in names; and names that imitate a field's own column
    names |= {n.upper() for n in names} | {n.title() for n in PRIORITY}
    names |= {field_column(d) for d in DERIVED} | {"f:fit", "F:FIT", "f0:Score", "f:", "f0,1:"}
    names -= set(DERIVED) | SPECIAL  # derived names are refused at load; see SPECIAL
    assert {"reason", "_lead", "_row", "_fit_0", "_latest", "k3", "_raw5", "_id", "_bad"} <= names
    return sorted(names, key=lambda n: (n.lower() not in PRIORITY, n))


PRIORITY = {"reason", "_lead", "_row", "_fit_0", "_eng_0", "_latest", "_id", "_bad", "rowid"}
"""Tried first on the SLA's real fields: the names the issue found broken."""

# Extra fields, read from these columns as text, timestamp, number and boolean (the typed
# read has columns of its own for each) and used by one zero-point rule: `explain` shows every
# field as read, so a field whose column another column hid would show another value.
_EXTRA = [
    ("Setor", {"eq": "software"}),
    ("Primeiro contato", {"older_than": "60d"}),
    ("Aberturas de e-mail", {"gte": 10}),
    ("Pediu demonstração", {"is": True}),
]
EXPLAINED = "100001"


def example() -> dict[str, Any]:
    data = load_yaml_bytes((EXAMPLES / "sla.yaml").read_bytes(), "sla.yaml").data
    assert isinstance(data, dict)
    return data


def renamable() -> list[str]:
    return [f for f in example()["leads"]["columns"] if f not in SPECIAL]


def _rename(node: Any, names: dict[str, str], key: str | None = None) -> Any:
    if isinstance(node, dict):
        return {k: _rename(v, names, k) for k, v in node.items()}
    if isinstance(node, list):
        return [_rename(v, names, key) for v in node]
    if key in FIELD_KEYS and isinstance(node, str):
        return names.get(node, node)
    return node


def sla_with(names: dict[str, str], extras: list[str]) -> dict[str, Any]:
    """The example SLA with its fields renamed, plus one extra field and rule per `extras`."""
    data = _rename(copy.deepcopy(example()), names)
    leads = data["leads"]
    leads["columns"] = {names.get(f, f): h for f, h in leads["columns"].items()}
    leads["types"] = {names.get(f, f): t for f, t in leads["types"].items()}
    uses = []
    for i, name in enumerate(extras):
        header, op = _EXTRA[i % len(_EXTRA)]
        leads["columns"][name] = header
        uses.append({"field": name, **op})
    if uses:
        rule = {"name": "extra fields", "when": {"any": uses}, "points": 0}
        data["scoring"]["fit"]["rules"].append(rule)
    return data


def run_all(cli: Cli, tmp_path: Path, data: dict[str, Any], by: str) -> dict[str, Any]:
    """score, check-deadlines (all statuses), report (by one field) and explain, as JSON."""
    sla = tmp_path / "sla.json"  # YAML is a superset of JSON
    sla.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    common = ["--sla", sla, "--as-of", AS_OF, "--format", "json"]
    out: dict[str, Any] = {}
    for name, args in {
        "score": ["score", EXPORT],
        "check-deadlines": ["check-deadlines", EXPORT, "--status", "all", "--fail-on", "never"],
        "report": ["report", EXPORT, "--by", by],
        "explain": ["explain", EXPLAINED, EXPORT],
    }.items():
        r = cli(*args, *common)
        assert r.exit_code == 0, f"{name}: {r.output}"
        out[name] = json.loads(r.stdout)
    return out


def normalise(doc: Any, back: dict[str, str]) -> Any:
    """Field names back to the SLA's own, where a document shows them."""
    if isinstance(doc, list):
        items = [normalise(v, back) for v in doc]
        if items and all(isinstance(v, dict) and "field" in v for v in items):
            items.sort(key=lambda v: str(v["field"]))
        return items
    if not isinstance(doc, dict):
        if isinstance(doc, str) and "`" in doc:
            for new, old in back.items():
                doc = doc.replace(f"`{new}`", f"`{old}`")
        return doc
    out: dict[str, Any] = {}
    for k, v in doc.items():
        if k in ("fields", "group") and isinstance(v, dict):  # explain's fields, report's group
            out[k] = {back.get(f, f): normalise(x, back) for f, x in v.items()}
        elif k in ("field", "stopped_by", "by") and isinstance(v, str):
            out[k] = back.get(v, v)
        elif k == "rules" and isinstance(v, list) and v and "fired" in v[0]:
            # explain's rules: conditions and details quote the fields as named
            out[k] = [(r["name"], r["fired"], r["points"]) for r in v]
        elif k == "decay" and isinstance(v, str):
            out[k] = None
        else:
            out[k] = normalise(v, back)
    return out


RUNS = 4


def plan(names: list[str]) -> list[tuple[dict[str, str], list[str]]]:
    """Per run: the SLA's fields renamed to the next slice of the names (the first ones, those
    the issue found broken, first), and a share of the other names as extra fields. Every name
    is used once; every run has as many extra fields (`neutral_N` fill the gaps)."""
    real = renamable()
    first = RUNS * len(real)
    shares = [names[first:][k::RUNS] for k in range(RUNS)]
    size = max(len(share) for share in shares)
    return [
        (
            dict(zip(real, names[k * len(real) : (k + 1) * len(real)], strict=False)),
            share + [f"neutral_{i}" for i in range(len(share), size)],
        )
        for k, share in enumerate(shares)
    ]


@pytest.fixture(scope="module")
def neutral(internal_names: list[str], tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The SLA's own names, with extra fields named neutral_0, neutral_1..."""
    size = len(plan(internal_names)[0][1])
    extras = [f"neutral_{i}" for i in range(size)]
    return run_all(Cli(), tmp_path_factory.mktemp("neutral"), sla_with({}, extras), "source")


@pytest.mark.parametrize("run", range(RUNS))
def test_fields_named_like_any_column_of_leadsla_give_the_same_answers(
    cli: Cli, tmp_path: Path, internal_names: list[str], neutral: dict[str, Any], run: int
) -> None:
    names, extras = plan(internal_names)[run]
    got = run_all(cli, tmp_path, sla_with(names, extras), names.get("source", "source"))
    back = {new: old for old, new in names.items()}
    back |= {n: f"neutral_{i}" for i, n in enumerate(extras)}
    for command in neutral:
        assert normalise(got[command], back) == normalise(neutral[command], {}), command


def test_every_name_is_tried(internal_names: list[str]) -> None:
    tried = [n for names, extras in plan(internal_names) for n in [*names.values(), *extras]]
    assert sorted(n for n in tried if not n.startswith("neutral_")) == sorted(internal_names)


def test_a_field_named_reason_leaves_the_mql_count_alone(cli: Cli, tmp_path: Path) -> None:
    """The issue's case: `reason` was also the name of the disqualify reason column."""
    data = sla_with({"recycle_reason": "reason", "source": "_lead", "industry": "_latest"}, [])
    data["qualification"]["disqualify"][0]["when"] = {
        "any": [
            data["qualification"]["disqualify"][0]["when"],
            {"field": "reason", "eq": "no such reason"},
        ]
    }
    sla = tmp_path / "sla.json"
    sla.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    r = cli("score", EXPORT, "--sla", sla, "--as-of", AS_OF, "--format", "json")
    assert r.exit_code == 0, r.output
    summary = json.loads(r.stdout)["summary"]
    assert summary["by_qualification"] == {"mql": 229, "not_qualified": 1660, "disqualified": 111}


def test_field_columns_are_a_namespace_of_their_own() -> None:
    # fields that differ only in case (DuckDB ignores ASCII case) get different columns
    assert field_column("company_size") == "f:company_size"
    assert field_column("Score") == "f0:Score" != field_column("score")
    assert field_column("f:fit") == "f:f:fit" != field_column("fit")
    for name in ("Score", "f:fit", "a:b", "Dono do Lead", "", "ÉÇ", "_ROW"):
        assert field_of_column(field_column(name)) == name
    assert field_of_column("_row") is None and field_of_column("fit") is None
    assert field_of_column("f1:fit") is None  # no field's column: `fit` has no capital


def test_no_column_of_leadsla_looks_like_a_fields(internal_names: list[str]) -> None:
    own = [n for n in internal_names if ":" not in n]
    assert len(own) > 200
    assert not [n for n in own if field_of_column(n) is not None]

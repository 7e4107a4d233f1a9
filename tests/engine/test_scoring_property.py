"""The compiled scoring (SQL in DuckDB) against a plain Python evaluation of the same rules.

Random leads and random rule sets go through the real CLI (`score --format json`); the
reference below re-implements SPEC §1 "Conditions" and "Scoring" directly and slowly."""

from __future__ import annotations

import csv
import json
import math
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from leadsla.cli import app

AS_OF = datetime(2026, 11, 20, 15, 0, tzinfo=UTC)
WORDS = ["ceo", "CEO", " Head ", "analyst", "head of sales", "Gestão", "x", ""]
FIELDS = {"title": "text", "size": "number", "demo": "boolean", "seen": "timestamp"}

# --- random data -------------------------------------------------------------------------------

titles = st.sampled_from(WORDS)
sizes = st.one_of(
    st.just(None), st.integers(-5, 2000).map(float), st.sampled_from([0.5, 49.99, 1000.0])
)
demos = st.sampled_from([None, True, False])
seens = st.one_of(
    st.just(None), st.integers(-200, 10).map(lambda d: AS_OF + timedelta(days=d, minutes=7))
)
leads_st = st.lists(
    st.fixed_dictionaries({"title": titles, "size": sizes, "demo": demos, "seen": seens}),
    min_size=1,
    max_size=12,
)


def leaf_st(field: str) -> st.SearchStrategy[dict[str, Any]]:
    kind = FIELDS[field]
    if kind == "text":
        ops = st.sampled_from(
            [
                "eq",
                "ne",
                "in",
                "not_in",
                "contains",
                "starts_with",
                "ends_with",
                "matches",
                "present",
            ]
        )
        words = st.sampled_from(["ceo", "head", "Analyst", "gestão", "x", "sales"])

        def make(op: str, w: str, w2: str) -> dict[str, Any]:
            value: Any = {
                "in": [w, w2],
                "not_in": [w, w2],
                "present": True,
                "matches": f"^{w}|{w2}$",
            }.get(op, w)
            return {"field": field, op: value}

        return st.builds(make, ops, words, words)
    if kind == "number":
        ops = st.sampled_from(["eq", "ne", "gt", "gte", "lt", "lte", "between", "present"])
        nums = st.sampled_from([0, 1, 49.99, 50, 100, 1000])

        def make_n(op: str, a: float, b: float) -> dict[str, Any]:
            value: Any = {"between": sorted([a, b]), "present": False}.get(op, a)
            return {"field": field, op: value}

        return st.builds(make_n, ops, nums, nums)
    if kind == "boolean":
        return st.builds(
            lambda v, op: {"field": field, op: v},
            st.booleans(),
            st.sampled_from(["is", "eq", "ne"]),
        )
    return st.builds(
        lambda d, op: {"field": field, op: f"{d}d"},
        st.integers(0, 90),
        st.sampled_from(["within", "older_than"]),
    )


def cond_st(depth: int = 2) -> st.SearchStrategy[dict[str, Any]]:
    leaf = st.sampled_from(list(FIELDS)).flatmap(leaf_st)
    if depth == 0:
        return leaf
    inner = cond_st(depth - 1)
    return st.one_of(
        leaf,
        st.lists(inner, min_size=1, max_size=3).map(lambda xs: {"all": xs}),
        st.lists(inner, min_size=1, max_size=3).map(lambda xs: {"any": xs}),
        inner.map(lambda x: {"not": x}),
    )


rule_st = st.fixed_dictionaries(
    {"name": st.text("abcdefgh", min_size=1, max_size=6), "points": st.integers(-30, 40)},
    optional={"when": cond_st(), "cap": st.integers(1, 50), "per": st.just("size")},
)


def derived_leaf_st() -> st.SearchStrategy[dict[str, Any]]:
    return st.one_of(
        st.builds(
            lambda f, v: {"field": f, "gte": v},
            st.sampled_from(["fit", "engagement", "score"]),
            st.integers(-20, 80),
        ),
        st.builds(
            lambda gs: {"field": "grade", "in": gs},
            st.lists(st.sampled_from(["A", "B", "C", "D"]), min_size=1, max_size=3),
        ),
    )


sla_st = st.fixed_dictionaries(
    {
        "fit": st.lists(rule_st, max_size=4),
        "grades": st.lists(st.integers(-10, 90), min_size=1, max_size=3, unique=True).map(
            lambda xs: sorted(xs, reverse=True)
        ),
        "engagement": st.lists(rule_st, max_size=3),
        "cap": st.one_of(st.none(), st.integers(1, 60)),
        "half_life": st.one_of(st.none(), st.integers(1, 60)),
        "disqualify": st.lists(cond_st(1), max_size=2),
        "mql": st.one_of(
            st.none(),
            st.lists(derived_leaf_st(), min_size=1, max_size=2).map(lambda xs: {"all": xs}),
        ),
    }
)

# --- the reference -------------------------------------------------------------------------------


def ref_holds(c: dict[str, Any], lead: dict[str, Any]) -> bool:
    if "all" in c:
        return all(ref_holds(x, lead) for x in c["all"])
    if "any" in c:
        return any(ref_holds(x, lead) for x in c["any"])
    if "not" in c:
        return not ref_holds(c["not"], lead)
    field = c["field"]
    op, value = next((k, v) for k, v in c.items() if k != "field")
    cell = lead.get(field)
    if isinstance(cell, str) and not cell.strip():
        cell = None  # a blank cell
    if op == "present":
        return (cell is not None) == value
    if cell is None:
        return False
    kind = FIELDS.get(field, "number" if field in ("fit", "engagement", "score") else "text")
    if kind == "text":
        text, v = cell.strip().lower(), value
        return {
            "eq": lambda: text == str(v).lower(),
            "ne": lambda: text != str(v).lower(),
            "in": lambda: text in [str(x).lower() for x in v],
            "not_in": lambda: text not in [str(x).lower() for x in v],
            "contains": lambda: str(v).lower() in text,
            "starts_with": lambda: text.startswith(str(v).lower()),
            "ends_with": lambda: text.endswith(str(v).lower()),
            "matches": lambda: re.search(v, cell.strip(), re.I) is not None,
        }[op]()
    if kind == "number":
        x = float(cell)
        if op == "between":
            return bool(value[0] <= x <= value[1])
        return bool(
            {
                "eq": x == value,
                "ne": x != value,
                "gt": x > value,
                "gte": x >= value,
                "lt": x < value,
                "lte": x <= value,
            }[op]
        )
    if kind == "boolean":
        return {"is": cell == value, "eq": cell == value, "ne": cell != value}[op]
    days = int(value[:-1])
    edge = AS_OF - timedelta(days=days)
    return edge <= cell <= AS_OF if op == "within" else cell < edge


def ref_points(rule: dict[str, Any], lead: dict[str, Any]) -> float:
    if "when" in rule and not ref_holds(rule["when"], lead):
        return 0.0
    amount = float(rule["points"])
    if "per" in rule:
        amount *= lead["size"] if lead["size"] is not None else 0.0
    if "cap" in rule:
        amount = max(-rule["cap"], min(rule["cap"], amount))
    return amount


def reference(spec: dict[str, Any], lead: dict[str, Any]) -> dict[str, Any]:
    seen = lead["seen"] if lead["seen"] is not None and lead["seen"] <= AS_OF else None
    visible = {**lead, "seen": seen}
    fit = sum(ref_points(r, visible) for r in spec["fit"])
    grade = next((g for g, t in zip("ABC", spec["grades"], strict=False) if fit >= t), "D")
    raw = sum(ref_points(r, visible) for r in spec["engagement"])
    if spec["cap"] is not None:
        raw = min(raw, spec["cap"])
    factor = 1.0
    if spec["half_life"] is not None and seen is not None:
        factor = 0.5 ** ((AS_OF - seen).total_seconds() / (spec["half_life"] * 86400))
    engagement = raw * factor
    derived = {
        **visible,
        "fit": fit,
        "grade": grade,
        "engagement": engagement,
        "score": fit + engagement,
    }
    reason = next(
        (f"r{i}" for i, c in enumerate(spec["disqualify"]) if ref_holds(c, derived)), None
    )
    if reason:
        qualification = "disqualified"
    elif spec["mql"] is not None and ref_holds(spec["mql"], derived):
        qualification = "mql"
    else:
        qualification = "not_qualified"
    return {
        "fit": fit,
        "grade": grade,
        "engagement": engagement,
        "qualification": qualification,
        "reason": reason,
    }


# --- the test ------------------------------------------------------------------------------------


def write_case(tmp: Path, spec: dict[str, Any], leads: list[dict[str, Any]]) -> tuple[Path, Path]:
    sla: dict[str, Any] = {
        "version": 1,
        "name": "property",
        "leads": {"types": dict(FIELDS), "timezone": "UTC"},
        "scoring": {
            "fit": {"rules": spec["fit"], "grades": dict(zip("ABC", spec["grades"], strict=False))},
            "engagement": {"rules": spec["engagement"]},
        },
        "qualification": {
            "disqualify": [{"reason": f"r{i}", "when": c} for i, c in enumerate(spec["disqualify"])]
        },
    }
    if spec["cap"] is not None:
        sla["scoring"]["engagement"]["cap"] = spec["cap"]
    if spec["half_life"] is not None:
        sla["scoring"]["engagement"]["decay"] = {
            "half_life": f"{spec['half_life']}d",
            "since": "seen",
        }
    if spec["mql"] is not None:
        sla["qualification"]["mql"] = spec["mql"]
    sla_path, csv_path = tmp / "sla.yaml", tmp / "leads.csv"
    sla_path.write_text(yaml.safe_dump(sla, allow_unicode=True, sort_keys=False), encoding="utf-8")
    with csv_path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["id", *FIELDS])
        for i, lead in enumerate(leads):
            seen = lead["seen"].isoformat() if lead["seen"] else ""
            size = "" if lead["size"] is None else repr(lead["size"])
            demo = "" if lead["demo"] is None else ("sim" if lead["demo"] else "não")
            w.writerow([f"L{i}", lead["title"], size, demo, seen])
    return sla_path, csv_path


@settings(
    max_examples=60,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(spec=sla_st, leads=leads_st)
def test_compiled_scoring_matches_reference(
    tmp_path: Path, spec: dict[str, Any], leads: list[dict[str, Any]]
) -> None:
    sla_path, csv_path = write_case(tmp_path, spec, leads)
    result = CliRunner().invoke(
        app,
        [
            "score",
            str(csv_path),
            "--sla",
            str(sla_path),
            "--as-of",
            AS_OF.isoformat(),
            "--format",
            "json",
            "--quiet",
        ],
    )
    assert result.exit_code == 0, result.output
    got = {lead["id"]: lead for lead in json.loads(result.stdout)["leads"]}
    assert len(got) == len(leads)
    for i, lead in enumerate(leads):
        want, have = reference(spec, lead), got[f"L{i}"]
        for key in ("fit", "engagement"):
            assert math.isclose(have[key], want[key], rel_tol=1e-9, abs_tol=1e-9), (
                key,
                lead,
                have,
                want,
            )
        assert have["grade"] == want["grade"], (lead, have, want)
        assert have["qualification"] == want["qualification"], (lead, have, want)
        assert have["reason"] == want["reason"]

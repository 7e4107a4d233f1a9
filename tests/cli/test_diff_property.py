"""`leadsla diff`'s impact (both matrices, `moved`, `score_changed`) against a plain Python
evaluation of the two SLAs (issue 13: "a property test against a plain Python evaluation").

Random small exports go through the real CLI (`diff --format json`) with two SLAs that differ
in one threshold (a fit rule's `gte`, grade A's threshold, the disqualify rule's `lt`, or the
MQL condition's `gte`); the reference re-implements SPEC §1 "Scoring" for these rules."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from leadsla.cli import app

AS_OF = "2026-11-20T12:00:00+00:00"
GRADES = ["A", "B", "D"]
QUALIFICATIONS = ["mql", "not_qualified", "disqualified"]

SLA = """\
version: 1
name: {name}
leads:
  path: leads.csv
  timezone: UTC
  types: {{size: number}}
scoring:
  fit:
    rules:
      - {{name: Big, when: {{field: size, gte: {big}}}, points: 40}}
      - {{name: Mid, when: {{field: size, gte: 50}}, points: 20}}
    grades: {{A: {grade_a}, B: 20}}
qualification:
  disqualify:
    - {{reason: tiny, when: {{field: size, lt: {tiny}}}}}
  mql: {{field: fit, gte: {mql}}}
"""

# each threshold's range; thresholds a lead can sit on (50, 100, 20...) are likely values
RANGES: dict[str, st.SearchStrategy[int]] = {
    "big": st.one_of(st.sampled_from([50, 100, 150]), st.integers(0, 300)),
    "grade_a": st.one_of(st.sampled_from([40, 60]), st.integers(21, 90)),
    "tiny": st.one_of(st.sampled_from([5, 50, 100]), st.integers(0, 300)),
    "mql": st.one_of(st.sampled_from([20, 40, 60]), st.integers(0, 90)),
}
BASE = st.fixed_dictionaries(RANGES)

sizes = st.lists(
    st.one_of(st.none(), st.sampled_from([0, 49, 50, 99, 100, 150, 200]), st.integers(0, 300)),
    min_size=1,
    max_size=10,
)


@st.composite
def sla_pairs(draw: st.DrawFn) -> tuple[dict[str, int], dict[str, int]]:
    old = draw(BASE)
    key = draw(st.sampled_from(sorted(RANGES)))
    new = {**old, key: draw(RANGES[key])}
    return old, new


# --- the reference -------------------------------------------------------------------------------


def ref_lead(size: int | None, p: dict[str, int]) -> tuple[str, str, float]:
    """(grade, qualification, score) of a lead under the SLA with thresholds `p`; a blank size
    holds no comparison."""
    holds = (lambda op, v: False) if size is None else (lambda op, v: op(size, v))
    fit = 40.0 * holds(int.__ge__, p["big"]) + 20.0 * holds(int.__ge__, 50)
    grade = "A" if fit >= p["grade_a"] else "B" if fit >= 20 else "D"
    if holds(int.__lt__, p["tiny"]):
        qualification = "disqualified"
    elif fit >= p["mql"]:
        qualification = "mql"
    else:
        qualification = "not_qualified"
    return grade, qualification, fit


def ref_impact(leads: list[int | None], old: dict[str, int], new: dict[str, int]) -> dict[str, Any]:
    grade = {g: dict.fromkeys(GRADES, 0) for g in GRADES}
    qualification = {q: dict.fromkeys(QUALIFICATIONS, 0) for q in QUALIFICATIONS}
    moved: list[dict[str, Any]] = []
    score_changed = 0
    for i, size in enumerate(leads):
        og, oq, os_ = ref_lead(size, old)
        ng, nq, ns = ref_lead(size, new)
        grade[og][ng] += 1
        qualification[oq][nq] += 1
        if (og, oq) != (ng, nq):
            moved.append(
                {
                    "id": f"L{i + 1}",
                    "line": i + 2,
                    "old": {"grade": og, "qualification": oq, "score": os_},
                    "new": {"grade": ng, "qualification": nq, "score": ns},
                }
            )
        score_changed += os_ != ns
    return {
        "leads": len(leads),
        "grade": grade,
        "qualification": qualification,
        "moved": moved,
        "score_changed": score_changed,
    }


# --- the property -------------------------------------------------------------------------------


def _floats(moved: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """JSON writes a whole score as 40; the reference's is 40.0 (equal, but say so)."""
    return [
        {**m, "old": {**m["old"], "score": float(m["old"]["score"])},
         "new": {**m["new"], "score": float(m["new"]["score"])}}
        for m in moved
    ]  # fmt: skip


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(leads=sizes, pair=sla_pairs())
def test_impact_matches_a_plain_python_evaluation(
    leads: list[int | None], pair: tuple[dict[str, int], dict[str, int]]
) -> None:
    old, new = pair
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        rows = "".join(f"L{i + 1},{'' if s is None else s}\n" for i, s in enumerate(leads))
        (folder / "leads.csv").write_text("id,size\n" + rows, encoding="utf-8")
        (folder / "old.yaml").write_text(SLA.format(name="Old", **old), encoding="utf-8")
        (folder / "new.yaml").write_text(SLA.format(name="New", **new), encoding="utf-8")
        result = CliRunner().invoke(
            app,
            [
                "diff", str(folder / "old.yaml"), str(folder / "new.yaml"),
                "--as-of", AS_OF, "--format", "json", "-q", "--fail-on-impact",
            ],
            catch_exceptions=False,
        )  # fmt: skip
    impact = json.loads(result.stdout)["impact"]
    want = ref_impact(leads, old, new)
    got = {k: impact[k] for k in want}
    got["moved"] = _floats(got["moved"])
    assert got == want
    # --fail-on-impact: exit 1 exactly when a lead moves (no follow-ups or goals here)
    assert result.exit_code == (1 if want["moved"] else 0), result.stdout

"""The review commands of issue 13 against what a user would run without them. Run by hand, on
a quiet machine, not in CI:

    python benchmarks/review.py [--rows 1000000] [--repeat 3] [--shape example]

- `diff OLD NEW` (examples/sla.yaml against examples/sla-proposal.yaml, `--format json`) against
  running `score`, `check-deadlines --status all` and `report` (all `--format json`) for both
  SLAs separately: the six commands a reviewer would otherwise run. Target: <= 1.25x their sum.
- `calibrate --outcome sql_at --format json` against one `score --format json`. Target: <= 1.5x.
- Every command is a fresh process with `--as-of 2026-11-20T12:00:00-03:00`, its output to
  /dev/null; the cases take turns `--repeat` times and the medians are compared. Peak RSS is the
  child's ru_maxrss. Exit codes other than 0 and 1 stop the run.
- The exports come from benchmarks/generate.py ($LEADSLA_BENCH_DATA), generated when missing.
  For another shape, the "new" SLA is the shape's own SLA with the same kind of change applied
  by `proposal()` (higher MQL bar), so both SLAs read the export.
- Results: benchmarks/results/review-DATE.json and a Markdown table on standard output.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
from datetime import datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import sla_path
from matrix import AS_OF, RESULTS, ROOT, Run, ensure, machine, run_once

PROPOSAL = ROOT / "examples" / "sla-proposal.yaml"
DIFF_TARGET, CALIBRATE_TARGET = 1.25, 1.5


def proposal(shape: str, folder: Path) -> Path:
    """The "new" SLA of a shape: the bundled proposal for `example`, else the shape's SLA with
    its MQL engagement bar raised by 5 (a change that moves leads and follow-ups)."""
    if shape == "example":
        return PROPOSAL
    text = sla_path(shape).read_text(encoding="utf-8")
    changed = text.replace("{field: engagement, gte: 25}", "{field: engagement, gte: 30}")
    if changed == text:
        sys.exit(f"review.py: no MQL bar to change in {sla_path(shape)}")
    out = folder / f"{shape}-proposal.yaml"
    out.write_text(changed, encoding="utf-8")
    return out


def leadsla(*args: str) -> list[str]:
    return [sys.executable, "-m", "leadsla", *args, "--as-of", AS_OF, "-q"]


def cases(export: Path, old: Path, new: Path) -> dict[str, list[list[str]]]:
    """Each case: the commands it runs, one after the other."""
    e = str(export)

    def three(sla: Path) -> list[list[str]]:
        s = ["--sla", str(sla), "--format", "json"]
        return [
            leadsla("score", e, *s),
            leadsla("check-deadlines", e, *s, "--status", "all"),
            leadsla("report", e, *s),
        ]

    return {
        "diff": [leadsla("diff", str(old), str(new), e, "--format", "json")],
        "score+check-deadlines+report, both SLAs": three(old) + three(new),
        "calibrate": [
            leadsla("calibrate", e, "--sla", str(old), "--outcome", "sql_at", "--format", "json")
        ],
        "score": [leadsla("score", e, "--sla", str(old), "--format", "json")],
    }


def run_case(commands: list[list[str]]) -> Run:
    """The commands one after the other: their summed time, the largest peak RSS."""
    total, rss = 0.0, 0.0
    for cmd in commands:
        r = run_once(cmd)
        if r.code not in (0, 1):
            sys.exit(f"FAILED ({r.code}): {' '.join(cmd)}\n{r.stderr[-2000:]}")
        total += r.seconds
        rss = max(rss, r.rss_mb)
    return Run(0, total, rss, "")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--shape", default="example")
    args = ap.parse_args()
    export = ensure(args.shape, args.rows)
    with tempfile.TemporaryDirectory(prefix="leadsla-review-bench-") as tmp:
        todo = cases(export, sla_path(args.shape), proposal(args.shape, Path(tmp)))
        runs: dict[str, list[Run]] = {name: [] for name in todo}
        for i in range(args.repeat):
            for name, commands in todo.items():
                r = run_case(commands)
                runs[name].append(r)
                print(f"[{i + 1}/{args.repeat}] {name}: {r.seconds:.2f} s, {r.rss_mb:.0f} MB",
                      file=sys.stderr, flush=True)  # fmt: skip
    med = {name: statistics.median(r.seconds for r in rs) for name, rs in runs.items()}
    doc: dict[str, Any] = {
        "machine": machine(),
        "shape": args.shape,
        "rows": args.rows,
        "repeat": args.repeat,
        "as_of": AS_OF,
        "cases": {
            name: {
                "times": [round(r.seconds, 3) for r in rs],
                "median": round(med[name], 3),
                "peak_rss_mb": round(max(r.rss_mb for r in rs), 1),
            }
            for name, rs in runs.items()
        },
        "ratios": {
            "diff": round(med["diff"] / med["score+check-deadlines+report, both SLAs"], 3),
            "calibrate": round(med["calibrate"] / med["score"], 3),
        },
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / f"review-{datetime.now():%Y-%m-%d-%H%M}.json"
    out.write_text(json.dumps(doc, indent=2) + "\n", encoding="utf-8")
    ratios = doc["ratios"]
    print(
        f"{args.rows:,} rows, {args.shape} shape, median of {args.repeat} (results: {out.name})\n"
    )
    print("| case | median | runs | peak RSS |")
    print("|---|---|---|---|")
    for name, c in doc["cases"].items():
        times = " / ".join(f"{t:.2f}" for t in c["times"])
        print(f"| {name} | {c['median']:.2f} s | {times} | {c['peak_rss_mb']:.0f} MB |")
    print(f"\ndiff ÷ the six commands: {ratios['diff']:.2f} (target ≤ {DIFF_TARGET})")
    print(f"calibrate ÷ score: {ratios['calibrate']:.2f} (target ≤ {CALIBRATE_TARGET})")


if __name__ == "__main__":
    main()

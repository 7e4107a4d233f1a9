"""Fixed cost: from a command's start to its first query on the export, and `validate`'s
whole run (issue 11: ≤ 0.35 s and ≤ 0.3 s). Run by hand, not in CI:

    python benchmarks/fixed_cost.py [--repeat 11]

Each run is a fresh `python -m leadsla` process. "First query" is the moment leadsla hands
DuckDB the read of the export (`read_export`): everything before it (Python's start-up, the
imports, loading and checking the SLA, opening DuckDB with its macros, building the read's SQL)
is what a small export pays whatever its size. The child stops there and prints the time."""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SLA = ROOT / "examples" / "sla.yaml"
EXPORT = ROOT / "examples" / "leads.csv"
AS_OF = "2026-11-20T12:00:00-03:00"

CHILD = """
import os, sys, time
import leadsla.data.reader as reader
def first_query(*args, **kwargs):
    print(time.time() - float(os.environ["LEADSLA_BENCH_T0"]), flush=True)
    os._exit(0)
reader.read_export = first_query
import leadsla.commands.common as common
common.read_export = first_query
from leadsla.cli import main
sys.argv = ["leadsla", *sys.argv[1:]]
main()
"""


def to_first_query(args: list[str]) -> float:
    env = {**os.environ, "LEADSLA_BENCH_T0": repr(time.time())}
    out = subprocess.run(
        [sys.executable, "-c", CHILD, *args], capture_output=True, text=True, env=env, check=True
    )
    return float(out.stdout.strip().splitlines()[-1])


def whole(args: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "leadsla", *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        check=False,
    )
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=11)
    args = parser.parse_args()
    common = [str(EXPORT), "--sla", str(SLA), "--as-of", AS_OF, "-q"]
    cases = {
        "score: start to first query": (to_first_query, ["score", *common]),
        "check-deadlines: start to first query": (to_first_query, ["check-deadlines", *common]),
        "report: start to first query": (to_first_query, ["report", *common]),
        "validate (whole run)": (whole, ["validate", str(SLA), "--as-of", AS_OF]),
    }
    whole(["validate", str(SLA), "--as-of", AS_OF])  # warm the cache of DuckDB's answers
    print("| what | median | min–max |\n|---|---|---|")
    for name, (fn, argv) in cases.items():
        times = [fn(argv) for _ in range(args.repeat)]
        print(
            f"| {name} | {statistics.median(times):.3f} s | {min(times):.3f}–{max(times):.3f} s |"
        )


if __name__ == "__main__":
    main()

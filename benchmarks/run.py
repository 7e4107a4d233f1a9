"""Benchmarks of issue 3 and 4: `leadsla score` and `leadsla check-deadlines` on a 1,000,000-row
export against hand-written DuckDB queries doing the same work. Run by hand, not in CI:

    python benchmarks/run.py [--rows 1000000] [--repeat 3]

It generates the export (scripts/generate_leads.py, seeded) into benchmarks/data/ when missing,
runs every command `--repeat` times as a fresh process, taking turns with its hand-written
yardstick, and prints the best wall time and the peak resident memory of each, with the ratio."""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "benchmarks" / "data"
AS_OF = "2026-11-20T12:00:00-03:00"
SLA = ROOT / "examples" / "sla.yaml"


def run_once(cmd: list[str]) -> tuple[float, float]:
    """Wall time (s) and peak RSS (MB) of one fresh process."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        sys.exit(
            f"{' '.join(cmd)} failed ({code}): {proc.stderr.read().decode() if proc.stderr else ''}"
        )
    return elapsed, usage.ru_maxrss / 1024  # KB on Linux


def measure(
    a: list[str], b: list[str], repeat: int
) -> tuple[tuple[float, float], tuple[float, float]]:
    """Best wall time and largest peak RSS of each command over `repeat` runs, the two taking
    turns so that a noisy neighbour slows both alike rather than whichever ran at the time."""
    best = {0: float("inf"), 1: float("inf")}
    peak = {0: 0.0, 1: 0.0}
    for _ in range(repeat):
        for i, cmd in enumerate((a, b)):
            t, m = run_once(cmd)
            best[i], peak[i] = min(best[i], t), max(peak[i], m)
    return (best[0], peak[0]), (best[1], peak[1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    export = DATA / f"leads-{args.rows}.csv"
    if not export.exists():
        DATA.mkdir(parents=True, exist_ok=True)
        print(f"generating {export} ...", file=sys.stderr)
        subprocess.run(
            [
                sys.executable,
                str(ROOT / "scripts" / "generate_leads.py"),
                "--rows",
                str(args.rows),
                "--output",
                str(export),
            ],
            check=True,
        )
    py = sys.executable
    leadsla = [py, "-m", "leadsla"]
    cases = [
        ("score", [py, str(ROOT / "benchmarks" / "baseline_score.py"), str(export)],
         [*leadsla, "score", str(export), "--sla", str(SLA), "--as-of", AS_OF, "--quiet"]),
        ("check-deadlines", [py, str(ROOT / "benchmarks" / "baseline_deadlines.py"), str(export)],
         [*leadsla, "check-deadlines", str(export), "--sla", str(SLA), "--as-of", AS_OF, "--quiet"]),
    ]  # fmt: skip
    size = export.stat().st_size / 1e6
    print(
        f"{args.rows:,} rows, {size:.0f} MB; {platform.processor() or platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    )
    print(
        f"{'command':<18}{'hand-written':>14}{'leadsla':>10}{'ratio':>8}{'peak RSS':>11}{'(hand-written)':>16}"
    )
    for name, baseline, ours in cases:
        (base_t, base_m), (our_t, our_m) = measure(baseline, ours, args.repeat)
        print(
            f"{name:<18}{base_t:>13.2f}s{our_t:>9.2f}s{our_t / base_t:>7.2f}x{our_m:>8.0f} MB{base_m:>13.0f} MB"
        )


if __name__ == "__main__":
    main()

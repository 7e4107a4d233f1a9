"""Benchmark of issue 10 (case 5): a very wide export, `leadsla score` with and without
`--output`. Run by hand, not in CI:

    python benchmarks/wide.py [--columns 100000] [--rows 1000]

It writes the export into benchmarks/data/ when missing: the example export's 25 columns
(its rows, repeated) followed by extra columns `x0`, `x1`... holding `1` in every tenth cell.
Each command runs once as a fresh process; the table gives its exit code, wall time and peak
resident memory. The goal: `score --output` under 30 s and 600 MB at 100,000 x 1,000."""

from __future__ import annotations

import argparse
import csv
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "benchmarks" / "data"
EXAMPLES = ROOT / "examples"
AS_OF = "2026-11-20T12:00:00-03:00"


def generate(path: Path, columns: int, rows: int) -> None:
    with (EXAMPLES / "leads.csv").open(encoding="utf-8", newline="") as f:
        header, *body = csv.reader(f, delimiter=";")
    extra = columns - len(header)
    pad = ["1" if i % 10 == 0 else "" for i in range(extra)]
    with path.open("w", encoding="utf-8", newline="") as f:
        out = csv.writer(f, delimiter=";", lineterminator="\n")
        out.writerow(header + [f"x{i}" for i in range(extra)])
        for i in range(rows):
            out.writerow(body[i % len(body)] + pad)


def run_once(cmd: list[str]) -> tuple[int, float, float, str]:
    """Exit code, wall time (s), peak RSS (MB) and the last line of stderr of one process."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    assert proc.stderr is not None
    err = proc.stderr.read().decode("utf-8", "replace")
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    last = (err.strip().splitlines() or [""])[-1]
    return os.waitstatus_to_exitcode(status), elapsed, usage.ru_maxrss / 1024, last


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--columns", type=int, default=100_000)
    parser.add_argument("--rows", type=int, default=1_000)
    args = parser.parse_args()
    export = DATA / f"wide-{args.columns}x{args.rows}.csv"
    if not export.exists():
        DATA.mkdir(parents=True, exist_ok=True)
        print(f"generating {export} ...", file=sys.stderr)
        generate(export, args.columns, args.rows)
    base = [
        sys.executable,
        "-m",
        "leadsla",
        "score",
        str(export),
        "--sla",
        str(EXAMPLES / "sla.yaml"),
    ]
    base += ["--as-of", AS_OF, "--quiet"]
    size = export.stat().st_size / 1e6
    print(
        f"{args.columns:,} columns x {args.rows:,} rows, {size:.0f} MB; "
        f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}"
    )
    print(f"{'command':<18}{'exit':>5}{'time':>10}{'peak RSS':>12}")
    with tempfile.TemporaryDirectory() as tmp:
        for name, extra in (("score", []), ("score --output", ["--output", f"{tmp}/out.csv"])):
            code, seconds, peak, last = run_once(base + extra)
            print(f"{name:<18}{code:>5}{seconds:>9.1f}s{peak:>9.0f} MB")
            if code not in (0, 1):
                print(f"  {last}")


if __name__ == "__main__":
    main()

"""The benchmark matrix of issue 11: every data command and format of leadsla on three shapes of
export, each against a hand-written DuckDB yardstick doing the same output. Run by hand, on a
quiet machine, not in CI:

    python benchmarks/matrix.py [--sizes 100000,1000000] [--repeat 7] [--huge 10000000]
                                [--only SHAPE[/COMMAND[/FORMAT]],...] [--verify]

- Exports (benchmarks/generate.py, seeded) go to $LEADSLA_BENCH_DATA (default benchmarks/data/,
  git-ignored) and are made once: `example` (examples/sla.yaml), `hubspot` and `rd`
  (benchmarks/slas/).
- Each case runs as a fresh process with `--as-of 2026-11-20T12:00:00-03:00`, its standard
  output to /dev/null (`--output` to a file), its standard error kept; exit codes 0 and 1 are
  results, anything else is a failure, reported loudly (the run goes on; the exit code is 2).
- At each of `--sizes`, leadsla and the yardstick (benchmarks/yardsticks/) take turns
  `--repeat` times; the median wall time, its spread (min-max) and the peak RSS (the child's
  ru_maxrss from wait4) are kept. At `--huge` (0: none) each runs once, with no limit.
- `--verify` runs every case once at 10,000 rows, keeps both outputs and prints where they
  differ (parsed JSON and CSV content, `--output`'s sla_ columns, the summary line), then stops.
- Results: benchmarks/results/matrix-DATE.json (with the machine and how noisy it was) and a
  Markdown table on standard output, the targets of issue 11 marked (at 1M rows: <= 1.5x the
  yardstick and <= 600 MB; at 10M: finishes in <= 1 GB). `python benchmarks/plot.py FILE`
  draws it.
"""

from __future__ import annotations

import argparse
import csv
import fnmatch
import io
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import SHAPES, data_dir, export_path, sla_path
from verify import diff, diff_csv

ROOT = Path(__file__).resolve().parent.parent
YARD = ROOT / "benchmarks" / "yardsticks"
RESULTS = ROOT / "benchmarks" / "results"
AS_OF = "2026-11-20T12:00:00-03:00"
VERIFY_ROWS = 10_000
TARGET_RATIO, TARGET_MB, TARGET_HUGE_MB = 1.5, 600, 1024


@dataclass(frozen=True)
class Case:
    command: str  # leadsla's command
    fmt: str  # how the case is named: table, json, csv, output, json-all, html
    args: tuple[str, ...]  # leadsla's arguments after the export
    yard: str  # yardstick script
    yard_args: tuple[str, ...]

    @property
    def name(self) -> str:
        return f"{self.command}/{self.fmt}"


CASES = [
    Case("score", "table", (), "score.py", ("table",)),
    Case("score", "json", ("--format", "json"), "score.py", ("json",)),
    Case("score", "csv", ("--format", "csv"), "score.py", ("csv",)),
    Case("score", "output", ("--output", "{out}"), "score.py", ("output", "{out}")),
    Case("check-deadlines", "table", (), "deadlines.py", ("table",)),
    Case("check-deadlines", "json", ("--format", "json"), "deadlines.py", ("json",)),
    Case("check-deadlines", "csv", ("--format", "csv"), "deadlines.py", ("csv",)),
    Case("check-deadlines", "json-all", ("--format", "json", "--status", "all"), "deadlines.py", ("json", "--status", "all")),
    Case("report", "json", ("--format", "json"), "report.py", ("json",)),
    Case("report", "html", ("--format", "html"), "report.py", ("html",)),
]  # fmt: skip


def ensure(shape: str, rows: int) -> Path:
    """The export, generated when missing by a separate process: this runner must stay small,
    since a child's ru_maxrss starts at the size of the process it was forked from."""
    path = export_path(shape, rows)
    if not path.exists():
        subprocess.run(
            [sys.executable, str(ROOT / "benchmarks" / "generate.py"), shape, str(rows)],
            check=True,
            stdout=subprocess.DEVNULL,
        )
    return path


def commands(shape: str, case: Case, export: Path, out: Path) -> tuple[list[str], list[str]]:
    py = sys.executable
    fill = lambda args: [a.replace("{out}", str(out)) for a in args]  # noqa: E731
    ours = [
        py,
        "-m",
        "leadsla",
        case.command,
        str(export),
        "--sla",
        str(sla_path(shape)),
        "--as-of",
        AS_OF,
    ]
    yard = [py, str(YARD / case.yard), shape, str(export)]
    return ours + fill(case.args), yard + fill(case.yard_args)


@dataclass
class Run:
    code: int
    seconds: float
    rss_mb: float
    stderr: str


def run_once(cmd: list[str], stdout: Path | None = None) -> Run:
    """One fresh process: exit code, wall time, peak RSS (ru_maxrss of the child), stderr."""
    with tempfile.TemporaryFile() as err, open(stdout or os.devnull, "wb") as out:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, stdin=subprocess.DEVNULL)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        text = err.read().decode("utf-8", "replace")
    return Run(proc.returncode, seconds, usage.ru_maxrss / 1024, text)


FAILURES: list[str] = []


def check(run: Run, what: str) -> None:
    if run.code not in (0, 1):
        message = f"FAILED ({run.code}): {what}\n{run.stderr[-2000:]}"
        FAILURES.append(message)
        print(message, file=sys.stderr, flush=True)


def stats(runs: list[Run]) -> dict[str, object]:
    times = [r.seconds for r in runs]
    return {
        "times": [round(t, 3) for t in times],
        "median": round(statistics.median(times), 3),
        "min": round(min(times), 3),
        "max": round(max(times), 3),
        "rss_mb": [round(r.rss_mb, 1) for r in runs],
        "rss_peak_mb": round(max(r.rss_mb for r in runs), 1),
        "exit": sorted({r.code for r in runs}),
        "stderr_last": (runs[-1].stderr.strip().splitlines() or [""])[-1][:300],
    }


def machine() -> dict[str, object]:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        mem = Path("/proc/meminfo").read_text().split()
        ram_gb = round(int(mem[mem.index("MemTotal:") + 1]) / 1024 / 1024, 1)
    except (OSError, ValueError):
        ram_gb = None  # type: ignore[assignment]
    duckdb = subprocess.run(
        [sys.executable, "-c", "import duckdb; print(duckdb.__version__)"],
        capture_output=True,
        text=True,
    ).stdout.strip()

    def git(*a: str) -> str:
        return subprocess.run(
            ["git", "-C", str(ROOT), *a], capture_output=True, text=True
        ).stdout.strip()

    return {
        "cpu": cpu, "cores": os.cpu_count(), "ram_gb": ram_gb, "os": platform.platform(),
        "python": platform.python_version(), "duckdb": duckdb,
        "leadsla_commit": git("rev-parse", "--short", "HEAD") + ("-dirty" if git("status", "--porcelain", "--untracked-files=no") else ""),
        "runner_rss_mb": round(__import__("resource").getrusage(__import__("resource").RUSAGE_SELF).ru_maxrss / 1024, 1),
    }  # fmt: skip


def selected(only: list[str]) -> list[tuple[str, Case]]:
    pairs = [(s, c) for s in SHAPES for c in CASES]
    if not only:
        return pairs
    keep = [
        (s, c)
        for s, c in pairs
        if any(
            fnmatch.fnmatch(f"{s}/{c.name}", p)
            or f"{s}/{c.name}".startswith(p.rstrip("/") + "/")
            or f"{s}/{c.name}" == p
            for p in only
        )
    ]
    if not keep:
        sys.exit(
            f"--only {','.join(only)} matches no case; cases are SHAPE/COMMAND/FORMAT, e.g. rd/score/json"
        )
    return keep


def _sla_columns(path: Path, shape: str) -> list[dict[str, str]]:
    raw = path.read_bytes()
    text = raw.decode("cp1252") if shape == "rd" else raw.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text), delimiter="," if shape == "hubspot" else ";"))
    return [{k: v for k, v in r.items() if k and k.startswith("sla_")} for r in rows]


def verify(pairs: list[tuple[str, Case]]) -> int:
    """Run each case once at 10k rows and compare leadsla's output with the yardstick's."""
    bad = 0
    with tempfile.TemporaryDirectory(dir=data_dir()) as tmp:
        for shape, case in pairs:
            export = ensure(shape, VERIFY_ROWS)
            a, b = Path(tmp) / "ours", Path(tmp) / "yard"
            ours, yard = commands(shape, case, export, a.with_suffix(".out"))
            yard[-1] = (
                yard[-1].replace("ours.out", "yard.out") if case.fmt == "output" else yard[-1]
            )
            r1, r2 = run_once(ours, a), run_once(yard, b)
            check(r1, " ".join(ours))
            check(r2, " ".join(yard))

            def head(r: Run) -> str:
                line = next((x for x in r.stderr.splitlines() if " rows: " in x), "")
                return line.split(" unreadable cells")[0]

            problems = (
                []
                if head(r1) == head(r2)
                else [f"summary line: leadsla {head(r1)!r}, yardstick {head(r2)!r}"]
            )
            note = ""
            if case.fmt in ("json", "json-all"):
                try:
                    ours_doc, yard_doc = json.loads(a.read_text()), json.loads(b.read_text())
                except ValueError as e:
                    problems.append(f"not one JSON document: {e}")
                else:
                    problems += diff(ours_doc, yard_doc)
                    problems = [p for p in problems if not p.startswith(".leadsla_version")]
            elif case.fmt == "csv":
                problems += diff_csv(a.read_text(), b.read_text())
            elif case.fmt == "output":
                problems += diff(
                    _sla_columns(a.with_suffix(".out"), shape),
                    _sla_columns(Path(tmp) / "yard.out", shape),
                    "sla_columns",
                )
            else:
                note = " (rows shown not compared: the same query as json; summary line compared)"
            status = "same" if not problems else f"{len(problems)} difference(s)"
            print(f"{shape}/{case.name}: {status}{note}", flush=True)
            for p in problems[:12]:
                print(f"    {p}")
            bad += bool(problems)
    return bad


def target_mark(rows: int, ratio: float | None, rss: float, huge: bool, ok: bool) -> str:
    if huge:
        return "✓" if ok and rss <= TARGET_HUGE_MB else "✗"
    if rows == 1_000_000 and ratio is not None:
        return "✓" if ratio <= TARGET_RATIO and rss <= TARGET_MB else "✗"
    return ""


def markdown(doc: dict[str, object]) -> str:
    m = doc["machine"]  # type: ignore[index]
    lines = [
        f"{m['cpu']}, {m['cores']} cores, {m['ram_gb']} GB, Python {m['python']}, DuckDB {m['duckdb']}, "  # type: ignore[index]
        f"leadsla {m['leadsla_commit']}; load {doc['noise']['load_before']} before, {doc['noise']['load_after']} after; "  # type: ignore[index]
        f"yardstick spread (max-min)/median: median {doc['noise']['yardstick_spread_median']:.0%}, worst {doc['noise']['yardstick_spread_max']:.0%}",  # type: ignore[index]
        "",
        "| shape | command | rows | leadsla | yardstick | ratio | peak RSS leadsla / yardstick | target |",
        "|---|---|---:|---:|---:|---:|---:|:-:|",
    ]
    for r in doc["results"]:  # type: ignore[attr-defined]
        a, b = r["leadsla"], r["yardstick"]
        huge = r["huge"]

        def spread(s: dict, huge: bool = huge) -> str:  # type: ignore[type-arg]
            return "" if huge else f" [{s['min']:.2f}–{s['max']:.2f}]"

        ok = all(c in (0, 1) for c in a["exit"])
        ratio = f"{r['ratio']:.2f}×" if r["ratio"] is not None else "–"
        yard = f"{b['median']:.2f} s{spread(b)}" if b else "–"
        yard_mb = f"{b['rss_peak_mb']:.0f}" if b else "–"
        lines.append(
            f"| {r['shape']} | `{r['case']}` | {r['rows']:,} | {a['median']:.2f} s{spread(a)}{'' if ok else ' FAILED'} | "
            f"{yard} | {ratio} | {a['rss_peak_mb']:.0f} / {yard_mb} MB | "
            f"{target_mark(r['rows'], r['ratio'], a['rss_peak_mb'], huge, ok)} |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--sizes", default="100000,1000000", help="rows, comma-separated (default 100000,1000000)"
    )
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument(
        "--huge", type=int, default=10_000_000, help="one run each at this size (0: none)"
    )
    parser.add_argument(
        "--huge-without-yardstick", action="store_true", help="at --huge, run leadsla alone"
    )
    parser.add_argument(
        "--only", default="", help="SHAPE[/COMMAND[/FORMAT]] patterns, comma-separated (fnmatch)"
    )
    parser.add_argument(
        "--verify", action="store_true", help="compare outputs at 10,000 rows, then stop"
    )
    args = parser.parse_args()
    pairs = selected([p for p in args.only.split(",") if p])
    if args.verify:
        bad = verify(pairs)
        if FAILURES or bad:
            sys.exit(2 if FAILURES else 1)
        return
    sizes = [int(s) for s in args.sizes.split(",") if s]
    plan = [(n, False) for n in sizes] + ([(args.huge, True)] if args.huge else [])
    for n, _ in plan:  # generate everything first: no generation inside the timings
        for shape in dict.fromkeys(s for s, _ in pairs):
            ensure(shape, n)
    doc: dict[str, object] = {
        "date": datetime.now().astimezone().isoformat(timespec="seconds"),
        "args": vars(args), "machine": machine(), "as_of": AS_OF,
        "noise": {"load_before": [round(x, 2) for x in os.getloadavg()]},
        "results": [],
    }  # fmt: skip
    results: list[dict[str, object]] = doc["results"]  # type: ignore[assignment]
    started = time.perf_counter()
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"matrix-{datetime.now():%Y-%m-%d-%H%M%S}.json"

    def save() -> None:
        """After every case: a run stopped halfway keeps what it measured."""
        path.write_text(json.dumps(doc, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")

    with tempfile.TemporaryDirectory(dir=data_dir()) as tmp:
        out = Path(tmp) / "scored.csv"
        for n, huge in plan:
            for shape, case in pairs:
                export = ensure(shape, n)
                ours, yard = commands(shape, case, export, out)
                runs: tuple[list[Run], list[Run]] = ([], [])
                both = (ours,) if huge and args.huge_without_yardstick else (ours, yard)
                for _ in range(1 if huge else args.repeat):
                    for k, cmd in enumerate(both):
                        run = run_once(cmd)
                        check(run, " ".join(cmd))
                        runs[k].append(run)
                        out.unlink(missing_ok=True)
                a = stats(runs[0])
                b = stats(runs[1]) if runs[1] else None
                ratio = round(a["median"] / b["median"], 3) if b and b["median"] else None  # type: ignore[operator]
                results.append({"shape": shape, "case": case.name, "rows": n, "huge": huge,
                                "file_mb": round(export.stat().st_size / 1e6, 1),
                                "leadsla": a, "yardstick": b, "ratio": ratio})  # fmt: skip
                yard_text = (
                    f"yardstick {b['median']:.2f} s {b['rss_peak_mb']:.0f} MB"
                    if b
                    else "no yardstick"
                )
                print(f"{shape}/{case.name} {n:,}: leadsla {a['median']:.2f} s {a['rss_peak_mb']:.0f} MB, "
                      f"{yard_text} ({time.perf_counter() - started:.0f} s so far)", file=sys.stderr, flush=True)  # fmt: skip
                save()
    spreads = [
        (r["yardstick"]["max"] - r["yardstick"]["min"]) / r["yardstick"]["median"]  # type: ignore[index]
        for r in results
        if not r["huge"] and r["yardstick"] and r["yardstick"]["median"]  # type: ignore[index]
    ] or [0.0]
    noise = doc["noise"]  # type: ignore[assignment]
    noise.update(  # type: ignore[attr-defined]
        load_after=[round(x, 2) for x in os.getloadavg()],
        yardstick_spread_median=round(statistics.median(spreads), 3),
        yardstick_spread_max=round(max(spreads), 3),
        wall_seconds=round(time.perf_counter() - started, 1),
    )
    doc["failures"] = FAILURES
    save()
    print(markdown(doc))
    print(f"\nresults: {path.relative_to(ROOT)}", file=sys.stderr)
    if FAILURES:
        sys.exit(2)


if __name__ == "__main__":
    main()

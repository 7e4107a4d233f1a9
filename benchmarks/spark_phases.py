"""Where `--engine spark` spends its time: Spark's phases on the scripts the commands run.

    python benchmarks/spark_phases.py [--csv EXPORT] [--conf k=v ...] [--repeat N] WHAT...

WHAT: `scores` (score's script), `deadlines` (check-deadlines'), `goals` (report's goals
script), or a path to a .sql file over the table `example`. Starts one local[2] session as
the tests do (tests/engines/conftest.py: 2 GB driver, 2 shuffle partitions, UI off, UTC),
loads the export as the temporary view `example` (text columns), and prints per script the
wall seconds and the JVM's CPU seconds (/proc) of: analysis (spark.sql: parse + analyze),
optimisation (queryExecution().optimizedPlan()), physical planning (executedPlan()) and the
run (collect). CPU seconds matter on a shared machine, where wall time depends on the others.
`--jfr NAME`: a Java Flight Recorder profile of the last repetition in NAME.jfr (read it with
`jfr print --events jdk.ExecutionSample`; start Python with
JAVA_TOOL_OPTIONS=-XX:FlightRecorderOptions:stackdepth=1024 for whole stacks). Heavy: run it
alone (one JVM on the machine)."""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
import warnings
from datetime import datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

AS_OF = "2026-11-20T12:00:00-03:00"


def scripts(names: list[str], sla: Path) -> dict[str, str]:
    from leadsla.engine.compile import Target
    from leadsla.engine.remote import scripts as rs
    from leadsla.sla.load import load_sla

    loaded: Any = load_sla(sla)
    as_of = datetime.fromisoformat(AS_OF)
    target = Target("example", loaded.sla.leads.columns.get("id", "id"))
    out: dict[str, str] = {}
    for name in names:
        if name == "scores":
            out[name] = rs.scored_script(loaded, "spark", target, as_of)
        elif name == "deadlines":
            out[name] = rs.deadlines_script(loaded, "spark", target, as_of)
        elif name == "goals":
            out[name] = rs.goals_script(loaded, "spark", target, as_of)[0]
        else:
            out[Path(name).name] = Path(name).read_text()
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("what", nargs="+")
    ap.add_argument("--csv", type=Path, default=ROOT / "examples" / "leads.csv")
    ap.add_argument("--sla", type=Path, default=ROOT / "examples" / "sla.yaml")
    ap.add_argument("--conf", action="append", default=[], help="k=v for the session")
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--jfr", default=None)
    args = ap.parse_args()

    from pyspark.sql import SparkSession

    from leadsla.engine.remote import split_statements
    from leadsla.engine.remote.load import load_spark, text_export

    texts = scripts(args.what, args.sla)
    began = time.monotonic()
    builder = (
        SparkSession.builder.master("local[2]")
        .appName("leadsla-phases")
        .config("spark.driver.memory", "2g")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.default.parallelism", "2")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.session.timeZone", "UTC")
    )
    for kv in args.conf:
        key, value = kv.split("=", 1)
        builder = builder.config(key, value)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    jvm = spark._jvm
    assert jvm is not None
    pid = int(jvm.java.lang.ProcessHandle.current().pid())

    def cpu() -> float:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / 100

    class Clock:
        def __init__(self) -> None:
            self.t, self.c = time.monotonic(), cpu()

        def lap(self) -> str:
            t, c = time.monotonic(), cpu()
            said = f"{t - self.t:.1f} s ({c - self.c:.1f} cpu)"
            self.t, self.c = t, c
            return said

    print(f"session {time.monotonic() - began:.1f} s", flush=True)
    clock = Clock()
    with text_export(args.csv) as export:
        rows = load_spark(spark, export, view="example").count()
    print(f"loaded {rows} rows: {clock.lap()}", flush=True)
    for name, text in texts.items():
        statements = split_statements(text, "spark")
        for rep in range(args.repeat):
            profile = args.jfr and rep == args.repeat - 1
            if profile:
                subprocess.run(["jcmd", str(pid), "JFR.start", "name=p", "settings=profile"])
            clock = Clock()
            for statement in statements[:-1]:
                spark.sql(statement).collect()
            before = clock.lap() if len(statements) > 1 else "-"
            df = spark.sql(statements[-1])
            analysed = clock.lap()
            qe = df._jdf.queryExecution()
            qe.optimizedPlan()
            optimised = clock.lap()
            qe.executedPlan()
            planned = clock.lap()
            n = len(df.collect())
            ran = clock.lap()
            print(
                f"{name} ({len(text) // 1000} KB) #{rep + 1}: before {before}, analysis"
                f" {analysed}, optimisation {optimised}, planning {planned}, run {ran};"
                f" {n} rows",
                flush=True,
            )
            if profile:
                subprocess.run(
                    ["jcmd", str(pid), "JFR.stop", "name=p", f"filename={args.jfr}.jfr"],
                    capture_output=True,
                )
    spark.stop()


if __name__ == "__main__":
    main()

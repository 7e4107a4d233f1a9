"""The same SLA on three engines (issue 14, informational): DuckDB reading the CSV, PostgreSQL
and a local Spark reading the export loaded as a table of text. Run by hand, on a quiet
machine, not in CI:

    python benchmarks/engines.py [--sizes 1000000,10000000] [--repeat 3] [--huge-repeat 1]
                                 [--shapes example] [--engines duckdb,postgres,spark]
                                 [--commands score,check-deadlines,report] [--timeout 3600]
                                 [--spark-driver-memory 4g] [--spark-conf KEY=VALUE ...]
                                 [--shared-buffers 1GB] [--pg-setting KEY=VALUE ...]
                                 [--check-rows 10000] [--reload]
    python benchmarks/engines.py --quick [--sizes 10000,100000]   # a try of the harness

- Exports come from benchmarks/generate.py (seeded) in $LEADSLA_BENCH_DATA (default
  benchmarks/data/), made once, in a child process, before anything is timed.
- Each export is loaded ONCE per run, and the loads are timed apart (informational):
  PostgreSQL: a private server started for the run as tests/engines/conftest.py starts its
  (initdb + pg_ctl, as `postgres` through runuser when root, in a folder of its own under
  /tmp, a Unix socket only, no TCP port), the table made by scripts/load_table.py (one text
  column per header, COPY; PostgreSQL's settings but for durability, `--shared-buffers` and
  `--pg-setting`), then VACUUM ANALYZE (so that autovacuum does not wake up in the
  middle of the timings); stopped and removed at the end. Spark: Parquet files of string
  columns, written by DuckDB's `COPY ... TO` (no JVM needed; the same text, an empty cell
  NULL, as src/leadsla/engine/remote/load.py loads it) into $LEADSLA_BENCH_DATA/parquet/
  and kept for the next run (`--reload` rewrites them); the Parquet path is `--table`.
- Timed cases: `score --format json`, `check-deadlines --status all --format json` and
  `report --format json`, each a fresh `python -m leadsla` process with `--as-of
  2026-11-20T12:00:00-03:00` and its output to /dev/null: on DuckDB with the CSV, with
  `--engine postgres --table T --dsn ...` and with `--engine spark --table PATH.parquet`
  (leadsla's local session: every core; `--spark-driver-memory` for the driver's heap,
  through LEADSLA_SPARK_DRIVER_MEMORY, and `--spark-conf KEY=VALUE` given to it through
  PYSPARK_SUBMIT_ARGS). The engines take
  turns, `--repeat` times (`--huge-repeat` from 10,000,000 rows); the median wall time and
  its spread are kept.
- Checked, not timed: exit codes 0 and 1 are results, anything else a failure (reported,
  the run goes on, exits 2); each engine's exit code must be DuckDB's; the summary line on
  standard error (rows, used, rejected, unreadable cells, duplicate ids) must be DuckDB's at
  every size; at `--check-rows` rows (default 10,000; 0: none) each command runs once more
  per engine with its JSON kept, and the documents are compared with DuckDB's
  (benchmarks/verify.py: key by key, lists as sets keyed by id, numbers within 1e-9).
- Memory: `leadsla_rss_mb` is the peak RSS of the leadsla process itself (its VmHWM read
  from /proc every 0.2 s; the child's ru_maxrss from wait4 is kept too, as `ru_maxrss_mb`,
  a cross-check: it would include a child leadsla waited for, which pyspark does not do for
  its JVM, so it equals the former). Outside the leadsla
  process, sampled every 0.2 s: `jvm_peak_mb`, the peak RSS of the processes leadsla started
  (the Spark driver's JVM), and `server_peak_mb`, the peak of the PostgreSQL server's
  processes' PSS summed (the postmaster and its backends, shared buffers counted once), with
  `server_idle_mb` before the run.
- A case that runs longer than `--timeout` seconds is stopped (SIGTERM, which cancels the
  query in the engine; SIGKILL 15 s later) and recorded as "timed out after N s".
- Results: benchmarks/results/engines-DATE.json (the machine: CPU, cores, RAM, Python,
  DuckDB, PostgreSQL, Java, pyspark, psycopg, leadsla's commit; the load average before and
  after) written after every case, and a Markdown table on standard output for the README.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import pwd
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import SHAPES, data_dir, export_path, sla_path
from matrix import machine as base_machine
from verify import diff

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results"
AS_OF = "2026-11-20T12:00:00-03:00"
ENGINES = ("duckdb", "postgres", "spark")
COMMANDS: dict[str, tuple[str, ...]] = {
    "score": ("score", "--format", "json"),
    "check-deadlines": ("check-deadlines", "--status", "all", "--format", "json"),
    "report": ("report", "--format", "json"),
}
HUGE = 10_000_000
POLL = 0.2
GRACE = 15.0
ENGINE_NAMES = {"duckdb": "DuckDB (CSV)", "postgres": "PostgreSQL", "spark": "Spark local"}


# --- processes and memory ------------------------------------------------------------------


def _status_kb(pid: int, key: str) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(key + ":"):
                return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return 0


def _pss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return 0


def _children(pid: int) -> list[int]:
    found: list[int] = []
    try:
        for task in Path(f"/proc/{pid}/task").iterdir():
            found += [int(c) for c in (task / "children").read_text().split()]
    except OSError:
        pass
    return found


def _descendants(pid: int) -> list[int]:
    out, todo = [], _children(pid)
    while todo:
        p = todo.pop()
        out.append(p)
        todo += _children(p)
    return out


def server_pss_mb(postmaster: int | None) -> float:
    """The PostgreSQL server's memory now: PSS of the postmaster and its children, summed."""
    if postmaster is None:
        return 0.0
    return sum(_pss_kb(p) for p in [postmaster, *_children(postmaster)]) / 1024


@dataclass
class Run:
    code: int | None  # None: timed out
    seconds: float
    ru_maxrss_mb: float
    leadsla_rss_mb: float
    jvm_peak_mb: float
    server_peak_mb: float
    server_idle_mb: float
    stderr: str


def run_once(
    cmd: list[str],
    *,
    env: dict[str, str] | None = None,
    timeout: float,
    postmaster: int | None = None,
    stdout: Path | None = None,
    on_timeout: Any = None,
) -> Run:
    """One fresh process in a session of its own: exit code, wall time, memory (module
    docstring), stderr; stopped after `timeout` seconds (SIGTERM, then SIGKILL)."""
    idle = server_pss_mb(postmaster)
    peaks = {"self": 0, "children": 0, "server": 0.0}
    done = threading.Event()
    timed_out = threading.Event()

    def watch(pid: int) -> None:
        while not done.wait(POLL):
            peaks["self"] = max(peaks["self"], _status_kb(pid, "VmHWM"))
            peaks["children"] = max(
                peaks["children"], sum(_status_kb(p, "VmRSS") for p in _descendants(pid))
            )
            if postmaster is not None:
                peaks["server"] = max(peaks["server"], server_pss_mb(postmaster))

    def stop(pid: int) -> None:
        if done.wait(timeout):
            return
        timed_out.set()
        for sig, wait in ((signal.SIGTERM, GRACE), (signal.SIGKILL, 0.0)):
            try:
                os.killpg(pid, sig)
            except ProcessLookupError:
                return
            if done.wait(wait):
                return

    with tempfile.TemporaryFile() as err, open(stdout or os.devnull, "wb") as out:
        start = time.perf_counter()
        proc = subprocess.Popen(
            cmd,
            stdout=out,
            stderr=err,
            stdin=subprocess.DEVNULL,
            env=env,
            start_new_session=True,
        )
        threads = [
            threading.Thread(target=watch, args=(proc.pid,), daemon=True),
            threading.Thread(target=stop, args=(proc.pid,), daemon=True),
        ]
        for t in threads:
            t.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        except BaseException:  # Ctrl-C: the case runs in a session of its own, stop it too
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(GRACE)
            done.set()
            raise
        seconds = time.perf_counter() - start
        done.set()
        for t in threads:
            t.join()
        proc.returncode = os.waitstatus_to_exitcode(status)
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(proc.pid, signal.SIGKILL)  # anything it left behind (a JVM)
        err.seek(0)
        text = err.read().decode("utf-8", "replace")
    if timed_out.is_set() and on_timeout is not None:
        on_timeout()
    return Run(
        None if timed_out.is_set() else proc.returncode,
        seconds,
        usage.ru_maxrss / 1024,
        (peaks["self"] or usage.ru_maxrss) / 1024,
        peaks["children"] / 1024,
        peaks["server"],
        idle,
        text,
    )


# --- the private PostgreSQL server ---------------------------------------------------------


def pg_bin() -> Path | None:
    """initdb's folder: $LEADSLA_PG_BIN, else /usr/lib/postgresql/N/bin (highest N), else PATH."""
    chosen = os.environ.get("LEADSLA_PG_BIN")
    if chosen:
        return Path(chosen)
    versions = sorted(
        (int(p.name), p / "bin")
        for p in Path("/usr/lib/postgresql").glob("*")
        if p.name.isdigit() and (p / "bin" / "initdb").exists()
    )
    if versions:
        return versions[-1][1]
    found = shutil.which("initdb")
    return Path(found).resolve().parent if found else None


@dataclass
class PgServer:
    folder: Path
    bin: Path
    user: str | None
    version: str = ""
    dbuser: str = "leadsla"

    @property
    def dsn(self) -> str:
        return f"host={self.folder} port=5432 user={self.dbuser} dbname=postgres"

    def run(self, *args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
        prefix = ["runuser", "-u", self.user, "--"] if self.user else []
        return subprocess.run(
            [*prefix, *args], capture_output=True, text=True, cwd=self.folder, timeout=timeout
        )

    def psql(self, sql: str, timeout: float = 7200) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(self.bin / "psql"), self.dsn, "-v", "ON_ERROR_STOP=1", "-qAtc", sql],
            capture_output=True,
            text=True,
            timeout=timeout,
        )

    def postmaster(self) -> int | None:
        try:
            return int((self.folder / "data" / "postmaster.pid").read_text().split()[0])
        except (OSError, ValueError, IndexError):
            return None

    def cancel_all(self) -> None:
        """What a stopped client left running."""
        self.psql(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            " WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()",
            timeout=60,
        )

    def stop(self) -> None:
        self.run(str(self.bin / "pg_ctl"), "-D", str(self.folder / "data"), "-m", "fast", "stop")
        shutil.rmtree(self.folder, ignore_errors=True)


def start_postgres(shared_buffers: str, settings: list[str]) -> PgServer:
    binaries = pg_bin()
    if binaries is None or not (binaries / "initdb").exists():
        sys.exit("engines.py: PostgreSQL is not installed (no initdb); leave it out: --engines")
    user: str | None = None
    if os.geteuid() == 0:
        for name in (os.environ.get("LEADSLA_PG_USER"), "postgres", "nobody"):
            try:
                user = pwd.getpwnam(name).pw_name if name else None
            except KeyError:
                continue
            if user:
                break
        if user is None or shutil.which("runuser") is None:
            sys.exit("engines.py: root, and no unprivileged user or runuser to run PostgreSQL")
    folder = Path(tempfile.mkdtemp(prefix="leadsla-bench-pg-", dir="/tmp"))
    if user:
        entry = pwd.getpwnam(user)
        os.chown(folder, entry.pw_uid, entry.pw_gid)
    server = PgServer(folder, binaries, user)
    init = server.run(
        str(binaries / "initdb"), "-D", str(folder / "data"), "-U", server.dbuser,
        "--auth=trust", "--encoding=UTF8", "--locale=C", "--no-sync",
    )  # fmt: skip
    if init.returncode != 0:
        shutil.rmtree(folder, ignore_errors=True)
        sys.exit(f"engines.py: initdb failed:\n{init.stdout}\n{init.stderr}")
    # durability off (a scratch server); the rest PostgreSQL's defaults but shared_buffers
    options = (
        f"-c listen_addresses='' -c unix_socket_directories='{folder}' -c fsync=off"
        f" -c synchronous_commit=off -c full_page_writes=off -c shared_buffers={shared_buffers}"
        " -c max_connections=20 -c TimeZone=UTC" + "".join(f" -c {setting}" for setting in settings)
    )
    start = server.run(
        str(binaries / "pg_ctl"), "-D", str(folder / "data"), "-l", str(folder / "server.log"),
        "-o", options, "-w", "-t", "60", "start",
    )  # fmt: skip
    if start.returncode != 0:
        log = (folder / "server.log").read_text(errors="replace")[-3000:]
        shutil.rmtree(folder, ignore_errors=True)
        sys.exit(f"engines.py: pg_ctl start failed:\n{start.stderr}\n{log}")
    version = server.run(str(binaries / "postgres"), "--version").stdout.strip()
    server.version = re.sub(r"^postgres \(PostgreSQL\) ", "", version)
    return server


# --- loading -------------------------------------------------------------------------------


def parquet_path(shape: str, rows: int) -> Path:
    return data_dir() / "parquet" / f"{shape}-{rows}.parquet"


def write_parquet(export: Path, out: Path) -> int:
    """(A child process.) The export as Parquet of string columns, one per header, as
    leadsla finds the encoding, delimiter and headers; an empty cell NULL; a row with another
    number of fields left out (the CSV reader's rejects), as engine/remote/load.py does."""
    import duckdb

    from leadsla.data.source import prepare

    out.parent.mkdir(parents=True, exist_ok=True)
    part = out.with_name(out.name + ".part")
    with tempfile.TemporaryDirectory(prefix="leadsla-parquet-", dir=out.parent) as tmp:
        source = prepare(str(export), export, "auto", "auto", Path(tmp))
        con = duckdb.connect()
        con.execute(f"SET temp_directory = '{tmp}'")
        quote = lambda s: "'" + s.replace("'", "''") + "'"  # noqa: E731
        columns = "{" + ", ".join(f"{quote(h)}: 'VARCHAR'" for h in source.headers) + "}"
        con.execute(
            f"COPY (SELECT * FROM read_csv({quote(str(source.path))}, delim = "
            f"{quote(source.delimiter)}, quote = '\"', escape = '\"', header = false, skip = 1,"
            f" columns = {columns}, ignore_errors = true, auto_detect = false))"
            f" TO {quote(str(part))} (FORMAT parquet, COMPRESSION zstd)"
        )
        rows = con.execute(f"SELECT count(*) FROM read_parquet({quote(str(part))})").fetchone()
        part.replace(out)
    return int(rows[0]) if rows else 0


@dataclass
class Loaded:
    table: dict[str, str] = field(default_factory=dict)  # engine -> --table
    rows: dict[str, int] = field(default_factory=dict)


def load(
    shape: str, rows: int, export: Path, engines: list[str], server: PgServer | None, args: Any
) -> tuple[Loaded, list[dict[str, Any]]]:
    loaded, notes = Loaded(), []
    py = sys.executable
    if "postgres" in engines and server is not None:
        table = f"{shape}_{rows}"
        cmd = [py, str(ROOT / "scripts" / "load_table.py"), "postgres", str(export),
               "--table", table, "--dsn", server.dsn]  # fmt: skip
        run = run_once(cmd, timeout=args.timeout * 4, postmaster=server.postmaster())
        began = time.perf_counter()
        vacuum = server.psql(f'VACUUM ANALYZE "{table}"')
        vacuum_s = time.perf_counter() - began
        count = server.psql(f'SELECT count(*) FROM "{table}"')
        size = server.psql(f"SELECT pg_total_relation_size('\"{table}\"')")
        ok = run.code == 0 and vacuum.returncode == 0 and count.returncode == 0
        if not ok:
            fail(f"loading {export.name} into PostgreSQL: {run.stderr[-2000:]}{vacuum.stderr}")
        else:
            loaded.table["postgres"] = table
            loaded.rows["postgres"] = int(count.stdout.strip())
        notes.append({
            "engine": "postgres", "shape": shape, "rows": rows, "table": table,
            "seconds": round(run.seconds, 2), "vacuum_analyze_seconds": round(vacuum_s, 2),
            "rows_loaded": loaded.rows.get("postgres"),
            "table_mb": round(int(size.stdout.strip() or 0) / 2**20, 1) if ok else None,
            "loader_rss_mb": round(run.leadsla_rss_mb, 1),
            "server_peak_mb": round(run.server_peak_mb, 1),
            "said": run.stderr.strip().splitlines()[-1:] if run.stderr.strip() else [],
        })  # fmt: skip
    if "spark" in engines:
        path = parquet_path(shape, rows)
        cached = (
            path.exists() and not args.reload and path.stat().st_mtime >= export.stat().st_mtime
        )
        seconds = None
        if not cached:
            path.unlink(missing_ok=True)
            cmd = [py, str(Path(__file__).resolve()), "--write-parquet", str(export), str(path)]
            run = run_once(cmd, timeout=args.timeout * 4)
            seconds = round(run.seconds, 2)
            if run.code != 0:
                fail(f"writing {path}: {run.stderr[-2000:]}")
        if path.exists():
            loaded.table["spark"] = str(path)
            count = subprocess.run(
                [py, "-c", "import duckdb, sys; print(duckdb.connect().execute('SELECT count(*)"
                 " FROM read_parquet(?)', [sys.argv[1]]).fetchone()[0])", str(path)],
                capture_output=True, text=True,
            )  # fmt: skip
            loaded.rows["spark"] = int(count.stdout.strip() or -1)
        notes.append({
            "engine": "spark", "shape": shape, "rows": rows, "path": str(path),
            "written_by": "DuckDB COPY ... TO (FORMAT parquet)", "cached": cached,
            "seconds": seconds, "rows_loaded": loaded.rows.get("spark"),
            "file_mb": round(path.stat().st_size / 2**20, 1) if path.exists() else None,
        })  # fmt: skip
    if len(set(loaded.rows.values())) > 1:
        fail(f"{shape}-{rows}: the loads hold different row counts: {loaded.rows}")
    return loaded, notes


# --- the cases -----------------------------------------------------------------------------

FAILURES: list[str] = []


def fail(message: str) -> None:
    FAILURES.append(message)
    print(f"FAILED: {message}", file=sys.stderr, flush=True)


def command(
    engine: str, name: str, shape: str, export: Path, loaded: Loaded, dsn: str
) -> list[str]:
    cmd = [sys.executable, "-m", "leadsla", COMMANDS[name][0]]
    if engine == "duckdb":
        cmd.append(str(export))
    cmd += ["--sla", str(sla_path(shape)), "--as-of", AS_OF, *COMMANDS[name][1:]]
    if engine == "postgres":
        cmd += ["--engine", "postgres", "--table", loaded.table["postgres"], "--dsn", dsn]
    elif engine == "spark":
        cmd += ["--engine", "spark", "--table", loaded.table["spark"]]
    return cmd


def environment(args: Any) -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("COLUMNS", "120")
    if args.spark_driver_memory:
        env["LEADSLA_SPARK_DRIVER_MEMORY"] = args.spark_driver_memory
    submit = [f"--conf {c}" for c in args.spark_conf]
    if submit:
        env["PYSPARK_SUBMIT_ARGS"] = " ".join([*submit, "pyspark-shell"])
    if args.spark_master:
        env["LEADSLA_SPARK_MASTER"] = args.spark_master
    return env


def summary_line(stderr: str) -> str:
    """The row account of the summary line, without the export's or table's name."""
    for line in stderr.splitlines():
        found = re.search(r"([\d,.]+ rows: .*)", line)
        if found:
            return found.group(1)
    return ""


def stats(runs: list[Run], timeout: float) -> dict[str, Any]:
    done = [r for r in runs if r.code is not None]
    times = [r.seconds for r in done]
    return {
        "times": [round(t, 3) for t in times],
        "median": round(statistics.median(times), 3) if times else None,
        "min": round(min(times), 3) if times else None,
        "max": round(max(times), 3) if times else None,
        "timed_out": None if len(done) == len(runs) else f"timed out after {timeout:.0f} s",
        "stopped_after_s": [round(r.seconds, 1) for r in runs if r.code is None],
        "leadsla_rss_mb": round(max(r.leadsla_rss_mb for r in runs), 1),
        "ru_maxrss_mb": round(max(r.ru_maxrss_mb for r in runs), 1),
        "jvm_peak_mb": round(max(r.jvm_peak_mb for r in runs), 1),
        "server_peak_mb": round(max(r.server_peak_mb for r in runs), 1),
        "server_idle_mb": round(min(r.server_idle_mb for r in runs), 1),
        "exit": sorted({r.code for r in done}),
        "summary_line": summary_line(runs[-1].stderr),
        "stderr_last": (runs[-1].stderr.strip().splitlines() or [""])[-1][:300],
    }


def check_sample(
    shape: str, rows: int, engines: list[str], loaded: Loaded, server: PgServer | None, args: Any
) -> list[dict[str, Any]]:
    """Each command once per engine at this size, its JSON kept and compared with DuckDB's."""
    export = export_path(shape, rows)
    dsn = server.dsn if server else ""
    out: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="leadsla-bench-") as tmp:
        for name in args.commands:
            docs: dict[str, Any] = {}
            for engine in engines:
                if engine != "duckdb" and engine not in loaded.table:
                    continue
                target = Path(tmp) / f"{engine}-{name}.json"
                cmd = command(engine, name, shape, export, loaded, dsn)
                run = run_once(cmd, env=environment(args), timeout=args.timeout, stdout=target,
                               postmaster=server.postmaster() if server else None,
                               on_timeout=server.cancel_all if server else None)  # fmt: skip
                if run.code not in (0, 1):
                    fail(
                        f"check {shape}-{rows} {name} on {engine} ({run.code}): {run.stderr[-1500:]}"
                    )
                    continue
                try:
                    docs[engine] = json.loads(target.read_text(encoding="utf-8"))
                except ValueError as exc:
                    fail(f"check {shape}-{rows} {name} on {engine}: not one JSON document: {exc}")
            for engine, doc in docs.items():
                if engine == "duckdb" or "duckdb" not in docs:
                    continue
                problems = [
                    p.replace("leadsla", engine).replace("yardstick", "duckdb")
                    for p in diff(_as_sets(doc), _as_sets(docs["duckdb"]))
                    if not p.startswith(".leadsla_version")
                ]
                counts = _counts(name, doc) == _counts(name, docs["duckdb"])
                out.append({"shape": shape, "rows": rows, "command": name, "engine": engine,
                            "summary_counts_agree": counts, "differences": problems[:30],
                            "n_differences": len(problems)})  # fmt: skip
                print(f"check {shape}-{rows} {name} {engine} vs duckdb: counts "
                      f"{'agree' if counts else 'DIFFER'}, {len(problems)} difference(s)",
                      file=sys.stderr, flush=True)  # fmt: skip
                if not counts:
                    fail(
                        f"check {shape}-{rows} {name}: {engine}'s summary counts differ from DuckDB's"
                    )
    return out


def _as_sets(value: Any) -> Any:
    """Lists of ids sorted: a table has no export order (the README's "Beyond one machine":
    `--engine` lists leads by id where a CSV run keeps the export's order)."""
    if isinstance(value, dict):
        return {k: _as_sets(v) for k, v in value.items()}
    if isinstance(value, list):
        items = [_as_sets(v) for v in value]
        if items and all(isinstance(v, str) for v in items):
            return sorted(items)
        return items
    return value


def _counts(name: str, doc: Any) -> Any:
    """The counts a reader compares first: the summary's, and how many leads/items/values."""
    s = doc.get("summary", {})
    if name == "score":
        keys = ("rows", "used", "rejected", "unreadable_cells", "duplicates", "by_grade",
                "by_qualification", "by_grade_and_qualification")  # fmt: skip
        return [s.get(k) for k in keys] + [len(doc.get("leads", []))]
    if name == "check-deadlines":
        return [s.get("counts"), len(doc.get("items", []))]
    return [
        sorted((g["id"], json.dumps(g["group"]), g["size"], g["verdict"]) for p in doc.get("periods", []) for g in p["goals"]),
        [(f["stage"], f.get("reached")) for f in doc.get("funnel", [])],
    ]  # fmt: skip


def versions(server: PgServer | None, args: Any) -> dict[str, Any]:
    def out(cmd: list[str]) -> str:
        try:
            r = subprocess.run(cmd, capture_output=True, text=True, timeout=60)
        except (OSError, subprocess.TimeoutExpired):
            return ""
        return (r.stdout or r.stderr).strip().splitlines()[0] if (r.stdout or r.stderr) else ""

    py = sys.executable
    return {
        "postgres": server.version if server else None,
        "postgres_shared_buffers": args.shared_buffers if server else None,
        "postgres_settings": args.pg_setting if server else None,
        "java": out(["java", "-version"]) if "spark" in args.engines else None,
        "pyspark": out([py, "-c", "import pyspark; print(pyspark.__version__)"]),
        "psycopg": out([py, "-c", "import psycopg; print(psycopg.__version__)"]),
        "spark_driver_memory": args.spark_driver_memory or "leadsla's default (4g)",
        "spark_master": args.spark_master or "local[*]",
        "spark_conf": args.spark_conf,
    }


# --- the table -----------------------------------------------------------------------------


def markdown(doc: dict[str, Any]) -> str:
    m = doc["machine"]
    lines = [
        f"Measured on {doc['date'][:10]}: {m['cpu']}, {m['cores']} cores, {m['ram_gb']} GB, "
        f"Python {m['python']}, DuckDB {m['duckdb']}, PostgreSQL {m.get('postgres') or '–'}, "
        f"pyspark {m.get('pyspark') or '–'} ({m.get('java') or 'no Java'}, driver memory "
        f"{m.get('spark_driver_memory')}), leadsla {m['leadsla_commit']}; load average "
        f"{doc['noise']['load_before']} before, {doc['noise'].get('load_after')} after.",
        "",
        "| shape | command | rows | engine | wall time (median [min–max]) | leadsla RSS | "
        "server / JVM peak | exit | same counts as DuckDB |",
        "|---|---|---:|---|---:|---:|---:|:-:|:-:|",
    ]
    for r in doc["results"]:
        s = r["stats"]
        if s["timed_out"] and s["median"] is None:
            wall = s["timed_out"]
        else:
            spread = f" [{s['min']:.2f}–{s['max']:.2f}]" if len(s["times"]) > 1 else ""
            wall = f"{s['median']:.2f} s{spread}" + (
                f" ({s['timed_out']})" if s["timed_out"] else ""
            )
        outside = (
            f"server {s['server_peak_mb']:.0f} MB" if r["engine"] == "postgres"
            else f"JVM {s['jvm_peak_mb']:.0f} MB" if r["engine"] == "spark" else "–"
        )  # fmt: skip
        same = {True: "✓", False: "✗", None: ""}[r["summary_agrees"]]
        lines.append(
            f"| {r['shape']} | `{r['command']}` | {r['rows']:,} | {ENGINE_NAMES[r['engine']]} | "
            f"{wall} | {s['leadsla_rss_mb']:.0f} MB | {outside} | "
            f"{','.join(map(str, s['exit'])) or '–'} | {same} |"
        )
    if doc["loads"]:
        lines += ["", "| load (once per export) | rows | time | size |", "|---|---:|---:|---:|"]
        for n in doc["loads"]:
            if n["engine"] == "postgres":
                what = "PostgreSQL: COPY as text (scripts/load_table.py) + VACUUM ANALYZE"
                took = f"{n['seconds']:.1f} s + {n['vacuum_analyze_seconds']:.1f} s"
                size = f"{n['table_mb']} MB" if n["table_mb"] is not None else "–"
            else:
                what = "Spark: Parquet of strings (DuckDB COPY)"
                took = "cached" if n["cached"] else f"{n['seconds']:.1f} s"
                size = f"{n['file_mb']} MB"
            lines.append(f"| {what} | {n['rows']:,} | {took} | {size} |")
    return "\n".join(lines)


# --- main ----------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", help="rows, comma-separated (default 1000000,10000000)")
    parser.add_argument("--repeat", type=int, help="runs per case (default 3)")
    parser.add_argument("--huge-repeat", type=int, default=1, help="runs per case from 10M rows")
    parser.add_argument("--shapes", default="example", help="export shapes (example,hubspot,rd)")
    parser.add_argument("--engines", default=",".join(ENGINES))
    parser.add_argument("--commands", default=",".join(COMMANDS))
    parser.add_argument("--timeout", type=float, help="seconds per run (default 3600)")
    parser.add_argument("--check-rows", type=int, default=10_000, help="0: no JSON comparison")
    parser.add_argument("--spark-driver-memory", default="4g", help="'' for leadsla's default (4g)")
    parser.add_argument(
        "--spark-conf", action="append", default=[], metavar="KEY=VALUE", help="repeatable"
    )
    parser.add_argument("--spark-master", default="", help="default: leadsla's (local[*])")
    parser.add_argument("--shared-buffers", default="1GB", help="the PostgreSQL server's")
    parser.add_argument(
        "--pg-setting", action="append", default=[], metavar="KEY=VALUE", help="e.g. work_mem=64MB"
    )
    parser.add_argument("--reload", action="store_true", help="rewrite the Parquet files")
    parser.add_argument("--quick", action="store_true", help="10,000 rows, one run, 600 s limit")
    parser.add_argument(
        "--write-parquet", nargs=2, metavar=("EXPORT", "OUT"), help=argparse.SUPPRESS
    )
    args = parser.parse_args()
    if args.write_parquet:
        rows = write_parquet(Path(args.write_parquet[0]), Path(args.write_parquet[1]))
        print(f"{rows} rows", file=sys.stderr)
        return
    args.sizes = args.sizes or ("10000" if args.quick else "1000000,10000000")
    args.repeat = args.repeat or (1 if args.quick else 3)
    args.timeout = args.timeout or (600.0 if args.quick else 3600.0)
    sizes = [int(s) for s in args.sizes.split(",") if s]
    shapes = [s for s in args.shapes.split(",") if s]
    args.engines = [e for e in args.engines.split(",") if e]
    args.commands = [c for c in args.commands.split(",") if c]
    for what, chosen, known in (("shape", shapes, SHAPES), ("engine", args.engines, ENGINES),
                                ("command", args.commands, tuple(COMMANDS))):  # fmt: skip
        bad = [c for c in chosen if c not in known]
        if bad:
            parser.error(f"unknown {what} {', '.join(bad)}; one of {', '.join(known)}")
    if "duckdb" not in args.engines:
        args.engines.insert(0, "duckdb")  # the reference every engine is compared with
    check = args.check_rows and args.check_rows not in sizes
    for n in ([args.check_rows] if check else []) + sizes:  # exports first, in a child process
        for shape in shapes:
            if not export_path(shape, n).exists():
                subprocess.run([sys.executable, str(ROOT / "benchmarks" / "generate.py"), shape,
                                str(n)], check=True, stdout=subprocess.DEVNULL)  # fmt: skip
    doc: dict[str, Any] = {
        "date": datetime.now().astimezone().isoformat(timespec="seconds"),
        "args": {k: v for k, v in vars(args).items() if k != "write_parquet"},
        "machine": base_machine(), "as_of": AS_OF,
        "noise": {"load_before": [round(x, 2) for x in os.getloadavg()]},
        "loads": [], "checks": [], "results": [],
        "memory_note": "leadsla_rss_mb: the leadsla process alone (VmHWM); the PostgreSQL "
        "server's and the Spark JVM's memory is outside it: server_peak_mb (PSS of the "
        "postmaster and its backends, summed), jvm_peak_mb (RSS of leadsla's child processes)",
    }  # fmt: skip
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"engines-{datetime.now():%Y-%m-%d-%H%M%S}.json"

    def save() -> None:
        path.write_text(json.dumps(doc, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")

    # SIGTERM as Ctrl-C: the running case is stopped and the server removed (finally)
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    if signal.getsignal(signal.SIGINT) == signal.SIG_IGN:  # started in the background
        signal.signal(signal.SIGINT, signal.default_int_handler)
    server = (
        start_postgres(args.shared_buffers, args.pg_setting) if "postgres" in args.engines else None
    )
    doc["machine"].update(versions(server, args))
    env = environment(args)
    started = time.perf_counter()
    try:
        for n in ([args.check_rows] if check else []) + sizes:
            for shape in shapes:
                export = export_path(shape, n)
                loaded, notes = load(shape, n, export, args.engines, server, args)
                doc["loads"] += notes
                for note in notes:
                    took = "cached" if note.get("cached") else f"{note['seconds']} s"
                    print(f"load {shape}-{n} into {note['engine']}: {took}"
                          f" ({note['rows_loaded']} rows)", file=sys.stderr, flush=True)  # fmt: skip
                if args.check_rows and n == args.check_rows:
                    doc["checks"] += check_sample(shape, n, args.engines, loaded, server, args)
                    save()
                if n not in sizes:
                    continue
                engines = [e for e in args.engines if e == "duckdb" or e in loaded.table]
                for name in args.commands:
                    runs: dict[str, list[Run]] = {e: [] for e in engines}
                    gave_up: set[str] = set()
                    for _ in range(args.huge_repeat if n >= HUGE else args.repeat):
                        for engine in engines:  # the engines take turns
                            if engine in gave_up:
                                continue
                            cmd = command(engine, name, shape, export, loaded,
                                          server.dsn if server else "")  # fmt: skip
                            pm = server.postmaster() if server and engine == "postgres" else None
                            run = run_once(cmd, env=env, timeout=args.timeout, postmaster=pm,
                                           on_timeout=server.cancel_all if pm else None)  # fmt: skip
                            runs[engine].append(run)
                            if run.code is None:
                                gave_up.add(engine)  # one timeout is enough to know
                            elif run.code not in (0, 1):
                                fail(f"{shape}-{n} {name} on {engine} ({run.code}): "
                                     f"{' '.join(cmd)}\n{run.stderr[-2000:]}")  # fmt: skip
                    ref = stats(runs["duckdb"], args.timeout)
                    for engine in engines:
                        s = stats(runs[engine], args.timeout)
                        agrees = None
                        if engine != "duckdb" and s["exit"] and ref["exit"]:
                            agrees = s["summary_line"] == ref["summary_line"]
                            if not agrees:
                                fail(f"{shape}-{n} {name}: {engine} says {s['summary_line']!r}, "
                                     f"DuckDB {ref['summary_line']!r}")  # fmt: skip
                            if s["exit"] != ref["exit"]:
                                fail(
                                    f"{shape}-{n} {name}: {engine} exits {s['exit']}, DuckDB {ref['exit']}"
                                )
                        doc["results"].append({
                            "shape": shape, "command": name, "rows": n, "engine": engine,
                            "file_mb": round(export.stat().st_size / 1e6, 1),
                            "stats": s, "summary_agrees": agrees,
                        })  # fmt: skip
                        wall = s["timed_out"] if s["median"] is None else f"{s['median']:.2f} s"
                        print(f"{shape}/{name} {n:,} {engine}: {wall}, leadsla {s['leadsla_rss_mb']:.0f} MB,"
                              f" JVM {s['jvm_peak_mb']:.0f} MB, server {s['server_peak_mb']:.0f} MB"
                              f" ({time.perf_counter() - started:.0f} s so far)",
                              file=sys.stderr, flush=True)  # fmt: skip
                    save()
    finally:
        if server is not None:
            server.stop()
        doc["noise"].update(
            load_after=[round(x, 2) for x in os.getloadavg()],
            wall_seconds=round(time.perf_counter() - started, 1),
        )
        doc["failures"] = FAILURES
        save()
    print(markdown(doc))
    print(f"\nresults: {path.relative_to(ROOT)}", file=sys.stderr)
    if FAILURES:
        sys.exit(2)


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt:
        print("engines.py: stopped; what was measured is in benchmarks/results/", file=sys.stderr)
        sys.exit(130)

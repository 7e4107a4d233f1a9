"""Real engines for the tests: a private PostgreSQL server and a local Spark session.

Both are session-scoped and start only when a test asks for them. When PostgreSQL (initdb,
pg_ctl), Java or pyspark/psycopg is missing, the tests that need it skip with the reason,
unless LEADSLA_REQUIRE_ENGINES=1 (set by .ci/run after installing them): then they fail.

PostgreSQL: initdb and pg_ctl refuse to run as root, so as root they run as an unprivileged
user (`postgres` when the package created it, else `nobody`; LEADSLA_PG_USER picks another)
through `runuser`; otherwise as the invoking user. The cluster lives in a folder of its own
under /tmp (pytest's tmp_path is root-only), owned by that user, listens on a Unix socket in
that folder only (no TCP port: no clash with a server of the machine or a parallel run),
logs to `server.log` there, and is stopped and removed at the end."""

from __future__ import annotations

import os
import pwd
import re
import shutil
import subprocess
import tempfile
import time
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

REQUIRE = "LEADSLA_REQUIRE_ENGINES"
STARTED: dict[str, float] = {}
"""What started, in seconds (reported at the end of the run)."""
ROOT = Path(__file__).resolve().parents[2]


def absent(reason: str) -> None:
    """Skip with `reason`, or fail when the engines are required."""
    if os.environ.get(REQUIRE) == "1":
        pytest.fail(f"{REQUIRE}=1 and {reason}", pytrace=False)
    pytest.skip(reason)


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if STARTED:
        took = ", ".join(f"{name} {s:.2f} s" for name, s in STARTED.items())
        terminalreporter.write_line(f"engines started: {took}")


# --- PostgreSQL ----------------------------------------------------------------------------


def pg_bin() -> Path | None:
    """The folder of initdb and pg_ctl: $LEADSLA_PG_BIN when set (only there), else
    /usr/lib/postgresql/N/bin with the highest N, else the one on PATH."""
    chosen = os.environ.get("LEADSLA_PG_BIN")
    if chosen:
        return Path(chosen) if (Path(chosen) / "initdb").exists() else None
    versions = sorted(
        (int(p.name), p / "bin")
        for p in Path("/usr/lib/postgresql").glob("*")
        if p.name.isdigit() and (p / "bin" / "initdb").exists()
    )
    if versions:
        return versions[-1][1]
    found = shutil.which("initdb")
    return Path(found).resolve().parent if found else None


def server_user() -> str | None:
    """Who runs the server: None for the invoking user; as root an unprivileged user."""
    if os.geteuid() != 0:
        return None
    for name in (os.environ.get("LEADSLA_PG_USER"), "postgres", "nobody"):
        if not name:
            continue
        try:
            pwd.getpwnam(name)
        except KeyError:
            continue
        return name
    return None


@dataclass
class PgServer:
    folder: Path
    bin: Path
    user: str | None
    version: str
    dbuser: str = "leadsla"

    @property
    def dsn(self) -> str:
        """libpq's connection string: the socket folder as the host."""
        return f"host={self.folder} port=5432 user={self.dbuser} dbname=postgres"

    def run(self, *args: str, **kwargs: Any) -> subprocess.CompletedProcess[str]:
        prefix = ["runuser", "-u", self.user, "--"] if self.user else []
        return subprocess.run(
            [*prefix, *args],
            capture_output=True,
            text=True,
            cwd=self.folder,
            timeout=120,
            **kwargs,
        )

    def log(self) -> str:
        path = self.folder / "server.log"
        return path.read_text(errors="replace")[-3000:] if path.exists() else "(no log)"


def _start_postgres() -> PgServer:
    binaries = pg_bin()
    if binaries is None:
        absent("PostgreSQL is not installed (no initdb in /usr/lib/postgresql/N/bin or on PATH)")
    assert binaries is not None
    user = server_user()
    if os.geteuid() == 0 and (user is None or shutil.which("runuser") is None):
        absent("running as root, and no unprivileged user (or no runuser) to run PostgreSQL")
    # /tmp, not TMPDIR: the server's user must reach the folder (and a socket path is short)
    folder = Path(tempfile.mkdtemp(prefix="leadsla-pg-", dir="/tmp" if user else None))
    if user:
        entry = pwd.getpwnam(user)
        os.chown(folder, entry.pw_uid, entry.pw_gid)
    server = PgServer(folder, binaries, user, "")
    init = server.run(
        str(binaries / "initdb"),
        "-D",
        str(folder / "data"),
        "-U",
        server.dbuser,
        "--auth=trust",
        "--encoding=UTF8",
        "--locale=C",
        "--no-sync",
    )
    if init.returncode != 0:
        shutil.rmtree(folder, ignore_errors=True)
        pytest.fail(f"initdb failed:\n{init.stdout}\n{init.stderr}", pytrace=False)
    options = (
        f"-c listen_addresses='' -c unix_socket_directories='{folder}' -c fsync=off"
        " -c synchronous_commit=off -c full_page_writes=off -c shared_buffers=64MB"
        " -c max_connections=20 -c TimeZone=UTC"
    )
    start = server.run(
        str(binaries / "pg_ctl"),
        "-D",
        str(folder / "data"),
        "-l",
        str(folder / "server.log"),
        "-o",
        options,
        "-w",
        "-t",
        "60",
        "start",
    )
    if start.returncode != 0:
        log = server.log()
        shutil.rmtree(folder, ignore_errors=True)
        pytest.fail(f"pg_ctl start failed:\n{start.stderr}\n{log}", pytrace=False)
    version = server.run(str(binaries / "postgres"), "--version").stdout.strip()
    server.version = re.sub(r"^postgres \(PostgreSQL\) ", "", version)
    return server


def _stop_postgres(server: PgServer) -> None:
    server.run(str(server.bin / "pg_ctl"), "-D", str(server.folder / "data"), "-m", "fast", "stop")
    shutil.rmtree(server.folder, ignore_errors=True)


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PgServer]:
    try:
        import psycopg  # noqa: F401
    except ImportError:
        absent("psycopg is not installed (pip install 'leadsla[postgres]')")
    began = time.monotonic()
    server = _start_postgres()
    STARTED[f"PostgreSQL {server.version}"] = time.monotonic() - began
    try:
        yield server
    finally:
        _stop_postgres(server)


@pytest.fixture
def pg(postgres_server: PgServer) -> Iterator[Any]:
    """A connection to the private server (autocommit), closed after the test."""
    import psycopg

    with psycopg.connect(postgres_server.dsn, autocommit=True) as conn:
        yield conn


# --- Spark ---------------------------------------------------------------------------------


def java_found() -> bool:
    home = os.environ.get("JAVA_HOME")
    return bool(shutil.which("java") or (home and (Path(home) / "bin" / "java").exists()))


@pytest.fixture(scope="session")
def spark(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """One local Spark session for the whole run: local[2], 2 GB for the driver, 2 shuffle
    partitions, no UI, errors-only logs, UTC, a warehouse of its own."""
    try:
        from pyspark.sql import SparkSession
    except ImportError:
        absent("pyspark is not installed (pip install 'leadsla[spark]')")
    if not java_found():
        absent(
            "Java is not installed (Spark needs Java 17: apt-get install openjdk-17-jre-headless)"
        )
    warehouse = tmp_path_factory.mktemp("spark-warehouse")
    began = time.monotonic()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FutureWarning)  # pyspark on pandas 3
        session = (
            SparkSession.builder.master("local[2]")
            .appName("leadsla-tests")
            .config("spark.driver.memory", "4g")
            # Spark keeps each query's plan for its UI (up to 1,000), even with the UI off: a
            # session that runs hundreds of ~1 MB scripts filled its heap with them
            .config("spark.sql.ui.retainedExecutions", "5")
            .config("spark.sql.shuffle.partitions", "2")
            .config("spark.default.parallelism", "2")
            .config("spark.ui.enabled", "false")
            .config("spark.ui.showConsoleProgress", "false")
            .config("spark.sql.session.timeZone", "UTC")
            .config("spark.sql.warehouse.dir", str(warehouse))
            .getOrCreate()
        )
    session.sparkContext.setLogLevel("ERROR")
    STARTED[f"Spark {session.version}"] = time.monotonic() - began
    try:
        yield session
    finally:
        session.stop()


# --- the exports, loaded as tables of text -------------------------------------------------

EXAMPLE = ROOT / "examples" / "leads.csv"
BIG_ROWS = 100_000


@pytest.fixture(scope="session")
def export_100k() -> Path:
    """The 100,000-row export of the example's shape (benchmarks/generate.py, seeded; kept in
    $LEADSLA_BENCH_DATA or benchmarks/data/ once generated)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "bench_generate", ROOT / "benchmarks" / "generate.py"
    )
    assert spec is not None and spec.loader is not None
    generate = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(generate)
    began = time.monotonic()
    path: Path = generate.ensure("example", BIG_ROWS)
    STARTED.setdefault("100,000-row export", time.monotonic() - began)
    return path


def _load_pg(server: PgServer, table: str, path: Path) -> str:
    import psycopg

    from leadsla.engine.remote.load import load_postgres, text_export

    began = time.monotonic()
    with psycopg.connect(server.dsn) as conn, text_export(path) as export:
        load_postgres(conn, table, export)
    STARTED[f"PostgreSQL load of {path.name}"] = time.monotonic() - began
    return table


def _load_spark(session: Any, view: str, path: Path, parquet: Path) -> Path:
    from leadsla.engine.remote.load import load_spark, text_export

    began = time.monotonic()
    with text_export(path) as export:
        load_spark(session, export, view=view, parquet=parquet)
    STARTED[f"Spark load of {path.name}"] = time.monotonic() - began
    return parquet


@pytest.fixture(scope="session")
def example_pg(postgres_server: PgServer) -> str:
    """examples/leads.csv as the table `example` (text columns) of the private server."""
    return _load_pg(postgres_server, "example", EXAMPLE)


@pytest.fixture(scope="session")
def big_pg(postgres_server: PgServer, export_100k: Path) -> str:
    """The 100,000-row export as the table `big` of the private server."""
    return _load_pg(postgres_server, "big", export_100k)


@pytest.fixture(scope="session")
def example_spark(spark: Any, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """examples/leads.csv as Parquet files (returned) and the temporary view `example`."""
    return _load_spark(
        spark, "example", EXAMPLE, tmp_path_factory.mktemp("example") / "leads.parquet"
    )


@pytest.fixture(scope="session")
def big_spark(spark: Any, export_100k: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The 100,000-row export as Parquet files (returned) and the temporary view `big`."""
    return _load_spark(spark, "big", export_100k, tmp_path_factory.mktemp("big") / "big.parquet")

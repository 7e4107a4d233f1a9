"""`--engine spark`: a Spark 3.5+ session, from `SPARK_REMOTE` (Spark Connect) or a local one.

Every call into Spark that may take time runs in a worker thread while the main thread waits
in short steps: a signal then reaches the main thread at once, which cancels Spark's jobs and
leaves (a signal delivered inside a py4j call would leave that call's socket half read)."""

from __future__ import annotations

import contextlib
import os
import queue
import re
import signal
import sys
import tempfile
import threading
import warnings
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from typing import Any, TypeVar

import sqlglot.expressions as exp
from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F
from pyspark.sql.types import TimestampType

from leadsla.engine.remote import (
    PAGE,
    Column,
    EngineError,
    Fetched,
    Relation,
    RemoteEngine,
    first_line,
    split_statements,
)
from leadsla.messages import say

T = TypeVar("T")
REMOTE_VARIABLE = "SPARK_REMOTE"
MASTER_VARIABLE = "LEADSLA_SPARK_MASTER"
MEMORY_VARIABLE = "LEADSLA_SPARK_DRIVER_MEMORY"
DRIVER_MEMORY = "4g"
"""The local session's driver heap (Spark's own default, 1g, runs out of aggregation memory
on a report of a few hundred thousand leads); `--driver-memory` in PYSPARK_SUBMIT_ARGS wins."""
_SIZE = re.compile(r"[1-9][0-9]*[kmgt]?", re.IGNORECASE)
WAIT_STEP = 0.1
"""Seconds the main thread waits at a time for the worker (how soon a signal is seen)."""
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_views = iter(range(1, 1 << 62))


def local_session() -> SparkSession:
    """The active session (a test's, a notebook's), else a local one: every core, the UI off,
    UTC, a driver of `LEADSLA_SPARK_DRIVER_MEMORY` (default 4g); `LEADSLA_SPARK_MASTER`
    picks another master. The JVM's own output (its start-up notes, Spark's log) goes to a
    file, never into leadsla's stderr; a JVM that cannot start has the end of that file
    quoted in the error."""
    active = SparkSession.getActiveSession()
    if active is not None:
        return active
    memory = os.environ.get(MEMORY_VARIABLE) or DRIVER_MEMORY
    if not _SIZE.fullmatch(memory):
        raise EngineError(
            say(
                "{variable} `{value}`: write the driver's memory as Spark does, such as 4g or 512m",
                variable=MEMORY_VARIABLE,
                value=memory,
            )
        )
    builder = (
        SparkSession.builder.appName("leadsla")
        .master(os.environ.get(MASTER_VARIABLE) or "local[*]")
        .config("spark.driver.memory", memory)
        # each query's plan is kept for the UI (1,000 of them by default, UI or not)
        .config("spark.sql.ui.retainedExecutions", "5")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.session.timeZone", "UTC")
    )
    # pyspark takes SIGINT for itself while it starts; leadsla's own handler (stop.py) must
    # stay, so that a signal stops the run as every other one does
    handler = signal.getsignal(signal.SIGINT)
    with tempfile.TemporaryFile(prefix="leadsla-spark-") as log:
        saved = os.dup(2)
        try:
            sys.stderr.flush()
            os.dup2(log.fileno(), 2)  # inherited by the JVM pyspark starts
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # pyspark's own (pandas versions...)
                session = builder.getOrCreate()
        except Exception as exc:
            log.seek(0)
            said = log.read().decode("utf-8", "replace").strip().splitlines()[-3:]
            raise EngineError(
                say(
                    "cannot start a local Spark session (is Java 17 installed?): {reason}",
                    reason="; ".join([first_line(exc), *said]),
                )
            ) from None
        finally:
            os.dup2(saved, 2)
            os.close(saved)
            if threading.current_thread() is threading.main_thread() and handler is not None:
                signal.signal(signal.SIGINT, handler)
    session.sparkContext.setLogLevel("ERROR")
    return session


class SparkEngine(RemoteEngine):
    engine = "spark"
    dialect = "spark"

    def __init__(self, spark: SparkSession, owned: bool) -> None:
        self.spark = spark
        self.owned = owned
        self.views: list[str] = []
        self.group = f"leadsla-{os.getpid()}-{next(_views)}"
        """Spark's job group of every job this engine starts: what a signal cancels."""

    def _in_group(self) -> None:
        """Put the calling thread's jobs in our group, interrupting their tasks on cancel (a
        task asleep or in a long read stops at once instead of holding its core)."""
        if _is_connect(self.spark):
            self.spark.addTag(self.group)  # Spark Connect: tags are the threads' own too
        else:
            self.spark.sparkContext.setJobGroup(self.group, "leadsla", interruptOnCancel=True)

    @classmethod
    def connect(cls) -> SparkEngine:
        remote = os.environ.get(REMOTE_VARIABLE)
        try:
            if remote:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")  # pyspark's own (pandas versions...)
                    spark = SparkSession.builder.remote(remote).getOrCreate()
                _settle(spark)
                return cls(spark, owned=False)
            owned = SparkSession.getActiveSession() is None
            spark = local_session()
            _settle(spark)  # an active session keeps its own settings: set ours
            return cls(spark, owned=owned)
        except ImportError as exc:
            raise EngineError(
                say(
                    "{variable} asks for Spark Connect, which needs more packages ({reason});"
                    " install them with: pip install 'pyspark[connect]'",
                    variable=REMOTE_VARIABLE,
                    reason=first_line(exc),
                )
            ) from None
        except Exception as exc:
            where = (
                REMOTE_VARIABLE if remote else say("a local Spark session (is Java 17 installed?)")
            )
            raise EngineError(
                say("cannot start Spark ({where}): {reason}", where=where, reason=first_line(exc))
            ) from None

    # -- the table ---------------------------------------------------------------------------

    def relation(self, table: str) -> Relation:
        if is_path(table):
            return self._parquet(table)
        parts = table.split(".")
        if not all(parts):
            raise EngineError(say("--table `{table}`: not a table name", table=table))
        ident = exp.Table(this=exp.to_identifier(parts[-1], quoted=True))
        if len(parts) >= 2:
            ident.set("db", exp.to_identifier(parts[-2], quoted=True))
        if len(parts) >= 3:
            ident.set("catalog", exp.to_identifier(parts[-3], quoted=True))
        try:
            df = self._wait(lambda: self.spark.table(ident.sql(dialect="spark")))
        except EngineError:
            raise EngineError(say("Spark's catalog has no table `{table}`", table=table)) from None
        return Relation(table, ident, _columns(df))

    def _parquet(self, path: str) -> Relation:
        def read() -> DataFrame:
            return self.spark.read.parquet(path)

        try:
            df = self._wait(read)
        except EngineError as exc:
            raise EngineError(
                say("cannot read the Parquet path `{path}`: {reason}", path=path, reason=str(exc))
            ) from None
        view = f"leadsla_export_{os.getpid()}_{next(_views)}"
        df.createOrReplaceTempView(view)
        self.views.append(view)
        return Relation(path, exp.Table(this=exp.to_identifier(view, quoted=True)), _columns(df))

    # -- running -----------------------------------------------------------------------------

    def run(self, script: str) -> Fetched:
        statements = split_statements(script, self.dialect)
        if not statements:
            raise EngineError(say("the script holds no SQL statement"))
        for statement in statements[:-1]:
            self._wait(lambda s=statement: self.spark.sql(s).collect())  # type: ignore[misc]
        last = statements[-1]
        return _SparkRows(self, self._wait(lambda: self.spark.sql(last)))

    def _wait(self, work: Callable[[], T]) -> T:
        """`work()` in a worker thread; the main thread waits, and on a signal cancels."""
        box: dict[str, Any] = {}

        def target() -> None:
            try:
                self._in_group()
                box["value"] = work()
            except BaseException as exc:  # handed to the main thread
                box["error"] = exc

        thread = threading.Thread(target=target, name="leadsla-spark", daemon=True)
        thread.start()
        try:
            while thread.is_alive():
                thread.join(WAIT_STEP)
        except BaseException:
            self.cancel()
            thread.join(10)
            raise
        if "error" in box:
            raise self._failed(box["error"])
        return box["value"]  # type: ignore[no-any-return]

    def _failed(self, exc: BaseException) -> EngineError:
        return EngineError(say("Spark: {reason}", reason=spark_reason(exc)))

    def cancel(self) -> None:
        try:
            if _is_connect(self.spark):
                self.spark.interruptTag(self.group)
            else:
                self.spark.sparkContext.cancelJobGroup(self.group)
        except Exception:
            pass

    def close(self) -> None:
        for view in self.views:
            with contextlib.suppress(Exception):
                self.spark.catalog.dropTempView(view)
        self.views.clear()
        if self.owned:
            with contextlib.suppress(Exception):
                self.spark.stop()


class _SparkRows(Fetched):
    """Rows through `toLocalIterator` (one partition at a time), in a worker thread that hands
    pages to the main thread. A timestamp comes as its microseconds since the epoch: pyspark
    would turn it into a naive time of the machine's zone, not the instant."""

    def __init__(self, engine: SparkEngine, df: DataFrame) -> None:
        self.engine = engine
        fields = df.schema.fields
        self.columns = _columns(df)
        self.stamps = [isinstance(f.dataType, TimestampType) for f in fields]
        # by position: a result's names may hold dots or backticks, which Spark would parse
        plain = df.toDF(*[f"c{i}" for i in range(len(fields))])
        self.df = plain.select(
            *[
                F.unix_micros(F.col(f"c{i}")) if stamp else F.col(f"c{i}")
                for i, stamp in enumerate(self.stamps)
            ]
        )

    def _row(self, row: Any) -> tuple[Any, ...]:
        return tuple(
            (None if v is None else EPOCH + timedelta(microseconds=v)) if stamp else v
            for v, stamp in zip(row, self.stamps, strict=True)
        )

    def pages(self, size: int = PAGE) -> Iterator[list[tuple[Any, ...]]]:
        pages: queue.Queue[object] = queue.Queue(maxsize=2)
        stop = threading.Event()
        done = object()

        def put(item: object) -> None:
            while not stop.is_set():
                try:
                    pages.put(item, timeout=WAIT_STEP)
                    return
                except queue.Full:
                    continue

        def work() -> None:
            try:
                self.engine._in_group()
                page: list[tuple[Any, ...]] = []
                for row in self.df.toLocalIterator():
                    if stop.is_set():
                        return
                    page.append(self._row(row))
                    if len(page) >= size:
                        put(page)
                        page = []
                if page:
                    put(page)
                put(done)
            except BaseException as exc:
                put(exc)

        thread = threading.Thread(target=work, name="leadsla-spark-rows", daemon=True)
        thread.start()
        try:
            while True:
                try:
                    item = pages.get(timeout=WAIT_STEP)
                except queue.Empty:
                    continue
                if item is done:
                    return
                if isinstance(item, BaseException):
                    raise self.engine._failed(item)
                yield item  # type: ignore[misc]
        finally:
            stop.set()
            if thread.is_alive():
                self.engine.cancel()
                thread.join(10)


def _columns(df: DataFrame) -> list[Column]:
    # Spark's `timestamp` is an instant: named by its other name, as PostgreSQL's timestamptz
    return [
        Column(
            f.name,
            "timestamp_ltz" if isinstance(f.dataType, TimestampType) else f.dataType.simpleString(),
        )
        for f in df.schema.fields
    ]


SETTINGS = {
    # instants fetched as UTC
    "spark.sql.session.timeZone": "UTC",
    # the scripts' regexes are written with backslashes (`\\d`, `\\b`): with this on, Spark
    # would read them doubled and every pattern would silently mean something else
    "spark.sql.parser.escapedStringLiterals": "false",
}


def _settle(spark: Any) -> None:
    """The session settings the compiled scripts' meaning depends on (a Spark Connect server
    or a notebook's active session may have others)."""
    for key, value in SETTINGS.items():
        spark.conf.set(key, value)


_ERROR_CLASS = re.compile(r"\[[A-Z][A-Z0-9_.]*\] \S.*")


def spark_reason(exc: BaseException) -> str:
    """Spark's own words for a failure, in one line. A job that fails on the JVM comes as
    py4j's `An error occurred while calling o3086.toPythonIterator.`, which says nothing: the
    reason is Spark's error class further down (`[AGGREGATE_OUT_OF_MEMORY] No enough memory
    for aggregation`), the last one in the chain being the cause."""
    text = str(exc)
    found = _ERROR_CLASS.findall(text)
    if found:
        return str(found[-1]).strip()
    # no error class: the JVM's own exception, the root cause last (`java.lang.
    # OutOfMemoryError: Java heap space`), rather than py4j's line
    thrown = _THROWN.findall(text)
    if thrown:
        return str(thrown[-1]).strip()[:500]
    return first_line(exc)


_THROWN = re.compile(
    r"^(?:Caused by: |: )?((?:java|javax|scala|org|com|py4j)\.[\w.$]*(?:Exception|Error)\b.*)$",
    re.MULTILINE,
)


def _is_connect(spark: Any) -> bool:
    return "connect" in type(spark).__module__


def is_path(table: str) -> bool:
    """A Parquet path rather than a catalog name: it has a `/` (or `\\`), a URI scheme, or
    ends in `.parquet`."""
    return "/" in table or "\\" in table or "://" in table or table.lower().endswith(".parquet")

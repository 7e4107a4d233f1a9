"""Load a CRM export into PostgreSQL or Spark as a table of text, for `leadsla --engine`.

    python scripts/load_table.py postgres examples/leads.csv --table leads [--dsn DSN]
    python scripts/load_table.py spark examples/leads.csv --parquet /tmp/leads.parquet

Every header becomes a text column of that name, every cell its text, an empty cell NULL
(src/leadsla/engine/remote/load.py says why). PostgreSQL: the DSN from --dsn, else
LEADSLA_DSN, else libpq's PG* variables, as leadsla finds it; the table is replaced. Spark:
Parquet files (replaced) that `leadsla ... --engine spark --table PATH` reads, and/or a table
of the session's catalog (--table; it lasts only as long as the catalog does: a local session
keeps it in memory unless Hive support is configured).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from leadsla.engine.remote import EngineError, Target, open_engine
from leadsla.engine.remote.load import load_postgres, load_spark, text_export


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("engine", choices=("postgres", "spark"))
    parser.add_argument("export", type=Path, help="the CSV export")
    parser.add_argument("--table", help="the table to create (replaced when it exists)")
    parser.add_argument("--dsn", help="PostgreSQL: the DSN (else LEADSLA_DSN, else PG*)")
    parser.add_argument("--parquet", type=Path, help="Spark: write Parquet files here")
    parser.add_argument("--encoding", default="auto")
    parser.add_argument("--delimiter", default="auto")
    args = parser.parse_args(argv)
    if args.engine == "postgres" and not args.table:
        parser.error("postgres needs --table")
    if args.engine == "spark" and not (args.table or args.parquet):
        parser.error("spark needs --parquet PATH and/or --table NAME")
    started = time.monotonic()
    try:
        with (
            open_engine(Target(args.engine, args.table or "", args.dsn)) as engine,
            text_export(args.export, args.encoding, args.delimiter) as export,
        ):
            if args.engine == "postgres":
                load_postgres(engine.conn, args.table, export)  # type: ignore[attr-defined]
                where = f"table {args.table}"
            else:
                load_spark(engine.spark, export, table=args.table, parquet=args.parquet)  # type: ignore[attr-defined]
                where = " and ".join(
                    w
                    for w in (
                        f"Parquet files in {args.parquet}" if args.parquet else "",
                        f"table {args.table}" if args.table else "",
                    )
                    if w
                )
    except EngineError as exc:
        print(f"load_table: {exc}", file=sys.stderr)
        return 2
    skipped = (
        f"; {len(export.skipped)} rows with another number of fields not loaded"
        f" (lines {', '.join(map(str, export.skipped[:10]))}{'...' if len(export.skipped) > 10 else ''})"
        if export.skipped
        else ""
    )
    print(
        f"loaded {export.rows:,} rows x {len(export.headers)} text columns into {where}"
        f" in {time.monotonic() - started:.1f} s{skipped}",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

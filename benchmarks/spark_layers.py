"""How wide are the layers of the scripts `--engine spark` runs? (no Spark session needed)

    python benchmarks/spark_layers.py [--sla SLA] [scores|cells|deadlines|goals ...]

Spark fuses a chain of projections into one generated loop (whole-stage codegen) only while
each has at most spark.sql.codegen.maxFields (100) columns in and out; a wider layer runs
apart and copies every row (on the example's typed reading: 4 layers of ~300-390 columns,
most of the per-row cost of `score --engine spark`). Prints per script the widest layers
(`*` resolved through the subqueries and CTEs the script reads) and how many are past 100.
Mind the other limit when narrowing them: a stage whose generated processNext() passes 64 KB
fails to compile (Janino: "Code grows beyond 64 KB") and Spark runs it without codegen,
which was slower still (STATUS-i14-sparkspeed.md)."""

from __future__ import annotations

import argparse
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

AS_OF = "2026-11-20T12:00:00-03:00"
MAX_FIELDS = 100


def layer_widths(script: str) -> tuple[list[int], int]:
    """The column counts of the script's SELECTs whose width is known, and how many are not
    (a `*` over a table or a join)."""
    import sqlglot
    import sqlglot.expressions as exp

    known: list[int] = []
    unknown = 0
    for stmt in sqlglot.parse(script, read="spark"):
        if stmt is None:
            continue
        ctes = {c.alias_or_name: c.this for c in stmt.find_all(exp.CTE)}

        def width(node: Any, ctes: dict[str, Any] = ctes) -> int | None:
            if isinstance(node, exp.Subquery):
                node = node.this
            if isinstance(node, exp.Table):
                return width(ctes.get(node.name))
            if isinstance(node, exp.Union):
                return width(node.left)
            if not isinstance(node, exp.Select):
                return None
            total = 0
            for e in node.expressions:
                if not isinstance(e, exp.Star):
                    total += 1
                    continue
                source = node.args.get("from") or node.args.get("from_")
                inner = width(source.this) if source is not None else None
                if inner is None or node.args.get("joins"):
                    return None
                total += inner
            return total

        for sel in stmt.find_all(exp.Select):
            w = width(sel)
            if w is None:
                unknown += 1
            else:
                known.append(w)
    return known, unknown


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("what", nargs="*", default=["scores", "cells"])
    ap.add_argument("--sla", type=Path, default=ROOT / "examples" / "sla.yaml")
    args = ap.parse_args()

    from leadsla.engine.compile import Target, compile_cells
    from leadsla.engine.remote import scripts as rs
    from leadsla.sla.load import load_sla

    loaded: Any = load_sla(args.sla)
    as_of = datetime.fromisoformat(AS_OF)
    target = Target("example", loaded.sla.leads.columns.get("id", "id"))
    for name in args.what:
        if name == "scores":
            script = rs.scored_script(loaded, "spark", target, as_of)
        elif name == "cells":
            script = compile_cells(loaded, "spark", target)[0]
        elif name == "deadlines":
            script = rs.deadlines_script(loaded, "spark", target, as_of)
        elif name == "goals":
            script = rs.goals_script(loaded, "spark", target, as_of)[0]
        else:
            script = Path(name).read_text()
        known, unknown = layer_widths(script)
        wide = [w for w in known if w > MAX_FIELDS]
        top = ", ".join(str(w) for w in sorted(known, reverse=True)[:8])
        print(
            f"{name} ({len(script) // 1000} KB): {len(known)} layers counted ({unknown} not),"
            f" widest {top}; {len(wide)} past {MAX_FIELDS}"
        )


if __name__ == "__main__":
    main()

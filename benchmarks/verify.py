"""Compare leadsla's output with a yardstick's: parsed content, not bytes.

JSON documents are compared key by key (keys only one side has are listed, not failed:
leadsla says more than the yardsticks, e.g. `leadsla_version`); lists of leads or items are
compared as multisets keyed by id (and rule), numbers with a relative tolerance of 1e-9, so
ordering ties and number formatting do not count. CSV files are compared row by row as
dictionaries keyed by the same ids."""

from __future__ import annotations

import csv
import io
import json
import math
from typing import Any

KEYS = ("id", "lead", "rule", "owner", "team", "label", "stage")


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, bool) or isinstance(b, bool):
        return a == b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)
    if (isinstance(a, str) and isinstance(b, (int, float))) or (
        isinstance(b, str) and isinstance(a, (int, float))
    ):
        try:
            return _same(float(a), float(b))
        except ValueError:
            return False
    return bool(a == b)


def _key(row: Any) -> tuple[str, ...]:
    if not isinstance(row, dict):
        return (json.dumps(row, sort_keys=True),)
    return tuple(str(row[k]) for k in KEYS if k in row)


def diff(
    ours: Any,
    theirs: Any,
    path: str = "",
    out: list[str] | None = None,
    only: set[str] | None = None,
) -> list[str]:
    """Differences between leadsla's value (`ours`) and the yardstick's (`theirs`)."""
    out = [] if out is None else out
    if isinstance(ours, dict) and isinstance(theirs, dict):
        for k in theirs:
            if k not in ours:
                out.append(f"{path}.{k}: only in the yardstick")
            elif only is None or k in only or path:
                diff(ours[k], theirs[k], f"{path}.{k}", out)
        return out
    if isinstance(ours, list) and isinstance(theirs, list):
        if len(ours) != len(theirs):
            out.append(f"{path}: {len(ours)} entries in leadsla, {len(theirs)} in the yardstick")
        if ours and isinstance(ours[0], dict) and theirs and isinstance(theirs[0], dict):
            a = sorted(ours, key=_key)
            b = sorted(theirs, key=_key)
            bad = 0
            for x, y in zip(a, b, strict=False):
                before = len(out)
                diff(x, y, f"{path}[{'/'.join(_key(x))}]", out)
                if len(out) > before:
                    bad += 1
                    if bad > 5:
                        del out[before:]
            if bad > 5:
                out.append(f"{path}: {bad} entries differ (first 5 shown)")
            return out
        for i, (x, y) in enumerate(zip(ours, theirs, strict=False)):
            diff(x, y, f"{path}[{i}]", out)
        return out
    if not _same(ours, theirs):
        out.append(f"{path}: leadsla {ours!r}, yardstick {theirs!r}")
    return out


def csv_rows(text: str, delimiter: str = ",") -> list[dict[str, str]]:
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff")), delimiter=delimiter))
    return [{k: ("" if v is None else v) for k, v in r.items()} for r in rows]


def diff_csv(
    ours: str, theirs: str, delimiter: str = ",", columns: list[str] | None = None
) -> list[str]:
    a, b = csv_rows(ours, delimiter), csv_rows(theirs, delimiter)
    if columns:
        a = [{k: r.get(k, "") for k in columns} for r in a]
        b = [{k: r.get(k, "") for k in columns} for r in b]
    norm = lambda rows: [{k: (None if v == "" else v) for k, v in r.items()} for r in rows]  # noqa: E731
    return diff(norm(a), norm(b), "rows")

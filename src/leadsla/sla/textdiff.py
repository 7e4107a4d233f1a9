"""What changed in the text of an SLA: every value added, removed, changed or moved, located.

Items of a list are matched by `id`, else `name`, else `reason` (a disqualify rule), else
position (after equal items, so a reordered tier is found as moved). Where order matters
(`qualification.disqualify`, a follow-up's `tiers`, `scoring.fit.grades`, `funnel.stages`: the
steps of the funnel in order) a matched item whose place among the matched ones changes is
`moved`."""

from __future__ import annotations

import json
import re
from typing import Any

from leadsla.results import TextChange
from leadsla.sla.yamlload import Loaded, Path

KEYS = ("id", "name", "reason")
PLAIN_KEY = re.compile(r"[^\s.\[\]\"'\\]+")
"""A key written bare in a path; any other (`"x.y"`, `"a b"`) is quoted, as JSON quotes it."""


def dotted(path: Path) -> str:
    """`("leads", "columns", "x.y")` -> `leads.columns["x.y"]`: exact, never cut (the paths
    of `yamlload.dotted` are for messages, and read `x.y` as two keys)."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        elif PLAIN_KEY.fullmatch(str(part)) and str(part).isprintable():
            out += ("." if out else "") + str(part)
        else:
            out += f"[{json.dumps(str(part), ensure_ascii=False)}]"
    return out


def _ordered(path: Path) -> bool:
    """Does order carry meaning at `path` (the first matching rule / tier / grade wins; the
    stages are the funnel's steps in order)?"""
    if path in (
        ("qualification", "disqualify"),
        ("scoring", "fit", "grades"),
        ("funnel", "stages"),
    ):
        return True
    return len(path) == 3 and path[0] == "follow_up" and path[2] == "tiers"


class _Differ:
    def __init__(self, old: Loaded, new: Loaded) -> None:
        self.old, self.new = old, new
        self.out: list[TextChange] = []

    def line(self, side: Loaded, path: Path) -> int:
        return side.positions.of_key(path).line if path else 1

    def add(self, kind: str, op: Path | None, np: Path | None, old: Any, new: Any) -> None:
        self.out.append(
            TextChange(
                kind,
                dotted(np if np is not None else op or ()),
                None if op is None else dotted(op),
                None if np is None else dotted(np),
                old,
                new,
                None if op is None else self.line(self.old, op),
                None if np is None else self.line(self.new, np),
            )
        )

    def walk(self, op: Path, np: Path, a: Any, b: Any) -> None:
        if isinstance(a, dict) and isinstance(b, dict):
            self.mapping(op, np, a, b)
        elif isinstance(a, list) and isinstance(b, list) and _items(a) and _items(b):
            self.items(op, np, a, b)
        elif a != b or type(a) is not type(b):
            self.add("changed", op, np, a, b)

    def mapping(self, op: Path, np: Path, a: dict[str, Any], b: dict[str, Any]) -> None:
        for k in a:
            if k in b:
                self.walk((*op, k), (*np, k), a[k], b[k])
            else:
                self.add("removed", (*op, k), None, a[k], None)
        for k in b:
            if k not in a:
                self.add("added", None, (*np, k), None, b[k])
        if _ordered(np):
            self.moves(op, np, [(k, k) for k in a if k in b], list(a), list(b))

    def items(self, op: Path, np: Path, a: list[Any], b: list[Any]) -> None:
        pairs = _match(a, b)
        matched_a = {i for i, _ in pairs}
        matched_b = {j for _, j in pairs}
        for i, j in pairs:
            self.walk((*op, i), (*np, j), a[i], b[j])
        for i, item in enumerate(a):
            if i not in matched_a:
                self.add("removed", (*op, i), None, item, None)
        for j, item in enumerate(b):
            if j not in matched_b:
                self.add("added", None, (*np, j), None, item)
        if _ordered(np):
            self.moves(op, np, pairs, list(range(len(a))), list(range(len(b))))

    def moves(
        self, op: Path, np: Path, pairs: list[tuple[Any, Any]], a: list[Any], b: list[Any]
    ) -> None:
        """A matched item is moved when its rank among the matched items changes."""
        old_rank = {x: r for r, x in enumerate(x for x in a if x in {p[0] for p in pairs})}
        new_rank = {y: r for r, y in enumerate(y for y in b if y in {p[1] for p in pairs})}
        for x, y in pairs:
            if old_rank[x] != new_rank[y]:
                self.add("moved", (*op, x), (*np, y), old_rank[x], new_rank[y])


def _items(values: list[Any]) -> bool:
    return bool(values) and all(isinstance(v, dict) for v in values)


def _key(item: dict[str, Any]) -> tuple[str, Any] | None:
    for k in KEYS:
        if isinstance(item.get(k), str | int | float):
            return (k, item[k])
    return None


def _match(a: list[Any], b: list[Any]) -> list[tuple[int, int]]:
    """Pairs (old index, new index): by key, then equal items, then by position."""
    pairs: list[tuple[int, int]] = []
    used_b: set[int] = set()
    keyed_b: dict[tuple[str, Any], int] = {}
    for j, item in enumerate(b):
        k = _key(item)
        if k is not None:
            keyed_b.setdefault(k, j)
    left: list[int] = []
    for i, item in enumerate(a):
        k = _key(item)
        if k is not None and k in keyed_b and keyed_b[k] not in used_b:
            pairs.append((i, keyed_b[k]))
            used_b.add(keyed_b[k])
        elif k is None:
            left.append(i)
    free_b = [j for j, item in enumerate(b) if j not in used_b and _key(item) is None]
    rest: list[int] = []
    for i in left:
        equal = next((j for j in free_b if b[j] == a[i]), None)
        if equal is None:
            rest.append(i)
        else:
            pairs.append((i, equal))
            free_b.remove(equal)
    for i in rest:
        same = next((j for j in free_b if j == i), None)
        if same is None and free_b:
            same = free_b[0]
        if same is not None:
            pairs.append((i, same))
            free_b.remove(same)
    return sorted(pairs)


def text_changes(old: Loaded, new: Loaded) -> list[TextChange]:
    """Every difference between two SLA documents, in the new file's order where it has one."""
    d = _Differ(old, new)
    d.walk((), (), old.data, new.data)
    return sorted(
        d.out,
        key=lambda c: (c.new_line if c.new_line is not None else c.old_line or 0, c.kind),
    )

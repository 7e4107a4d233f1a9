"""JSON documents: every one starts with leadsla_version and as_of (SPEC §3 "JSON")."""

from __future__ import annotations

import json
import math
import re
import secrets
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from typing import Any

from leadsla import __version__
from leadsla.results import RowSummary


def header(as_of: datetime, holidays_version: str | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {"leadsla_version": __version__, "as_of": iso(as_of)}
    if holidays_version is not None:
        out["holidays_version"] = holidays_version
    return out


def iso(value: datetime | date | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds")
    return value.isoformat()


def _default(value: Any) -> Any:
    if isinstance(value, (datetime, date)):
        return iso(value)
    raise TypeError(f"not JSON: {type(value).__name__}")


def _clean(value: Any) -> Any:
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_clean(v) for v in value]
    return value


def dumps(document: dict[str, Any]) -> str:
    return json.dumps(_clean(document), ensure_ascii=False, indent=2, default=_default) + "\n"


def fields_json(rows: RowSummary | None) -> list[dict[str, Any]]:
    """`summary.fields`: how each field the SLA uses was read."""
    if rows is None:
        return []
    return [
        {"field": f.field, "header": f.header, "non_blank": f.non_blank, "unreadable": f.unreadable}
        for f in rows.fields
    ]


_NONCE = secrets.token_hex(8)
"""In every placeholder: a string of the document (a header, an SLA name) cannot be one."""
_SLOT = re.compile(r'"\\u0000rows:' + _NONCE + r':(\d+)\\u0000"')


def stream(document: dict[str, Any], arrays: list[Iterable[list[str]]]) -> Iterator[str]:
    """The document as `dumps` writes it, with each `slot(i)` in it replaced by the array of
    `arrays[i]`'s JSON values (pages of them), one per line: the rows are written as they come
    from the engine, never held all at once."""
    text = dumps(document)
    at = 0
    for match in _SLOT.finditer(text):
        before = text[at : match.start()]
        yield before
        line = before[before.rfind("\n") + 1 :]
        outer = " " * (len(line) - len(line.lstrip(" ")))
        yield from _array(arrays[int(match.group(1))], outer + "  ", outer)
        at = match.end()
    yield text[at:]


def slot(index: int) -> str:
    """A placeholder for `stream`'s `arrays[index]`."""
    return f"\0rows:{_NONCE}:{index}\0"


def _array(pages: Iterable[list[str]], pad: str, outer: str) -> Iterator[str]:
    sep = ",\n" + pad
    first = True
    for page in pages:
        if not page:
            continue
        yield ("[\n" + pad if first else sep) + sep.join(page)
        first = False
    yield "[]" if first else "\n" + outer + "]"

"""The JSON Schema of the SLA file, for editors (yaml-language-server) and CI."""

from __future__ import annotations

from typing import Any

from leadsla.sla.models import CONDITION_DEFS, Sla

SCHEMA_ID = "https://leadsla.dev/schema/sla-v1.json"


def _resolve_refs(node: Any) -> Any:
    """Turn the models' `{"$leadsla_ref": X}` markers into `$ref`s to our own `$defs`.

    pydantic resolves every `$ref` it sees against its own definitions, so the recursive
    Condition schema (written by hand) is referenced through a marker until the end."""
    if isinstance(node, dict):
        if "$leadsla_ref" in node:
            rest = {k: _resolve_refs(v) for k, v in node.items() if k != "$leadsla_ref"}
            return {"$ref": f"#/$defs/{node['$leadsla_ref']}", **rest}
        return {k: _resolve_refs(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_resolve_refs(v) for v in node]
    return node


def sla_schema() -> dict[str, Any]:
    schema = Sla.model_json_schema(by_alias=True)
    schema.setdefault("$defs", {}).update(CONDITION_DEFS)
    out: dict[str, Any] = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "leadsla SLA file",
        "description": "A lead Service Level Agreement between marketing and sales (leadsla format version 1).",
    }
    out.update({k: v for k, v in schema.items() if k not in ("title", "description")})
    resolved: dict[str, Any] = _resolve_refs(out)
    return resolved

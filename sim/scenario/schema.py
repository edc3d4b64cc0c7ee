"""The JSON Schema of the scenario format, for TOML editors (taplo, tombi)."""

from __future__ import annotations

import json
from typing import Any

from sim.scenario.models import Scenario


def scenario_schema() -> dict[str, Any]:
    """The schema as a dict, with the header editors expect."""
    schema = _tagged_unions(Scenario.model_json_schema())
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema}


def scenario_schema_text() -> str:
    """The schema as committed: stable key order, two-space indent, final newline."""
    return json.dumps(scenario_schema(), indent=2, ensure_ascii=False) + "\n"


def _tagged_unions(node: Any) -> Any:
    """Every tagged union (streams, issues, triggers, effects) as if/then on its tag.

    pydantic writes them as `oneOf` plus an OpenAPI `discriminator`, which JSON Schema
    validators ignore: taplo then tries every member and reports only "not valid under any
    of the schemas listed in the 'oneOf' keyword". With one `if tag is X then X` per member,
    a validator checks the entry against the one member its tag names, and points at the
    wrong field in it; a tag no member has fails the tag's own `enum`.
    """
    if isinstance(node, list):
        return [_tagged_unions(item) for item in node]
    if not isinstance(node, dict):
        return node
    node = {key: _tagged_unions(value) for key, value in node.items()}
    discriminator = node.get("discriminator")
    if not (isinstance(discriminator, dict) and "oneOf" in node):
        return node
    tag = discriminator["propertyName"]
    mapping: dict[str, str] = discriminator["mapping"]
    rest = {k: v for k, v in node.items() if k not in ("oneOf", "discriminator")}
    return {
        **rest,
        "type": "object",
        "required": [tag],
        "properties": {
            tag: {"enum": list(mapping), "description": "Says which kind of entry this is."}
        },
        "allOf": [
            {
                "if": {"properties": {tag: {"const": value}}, "required": [tag]},
                "then": {"$ref": ref},
            }
            for value, ref in mapping.items()
        ],
    }

"""The JSON Schema of the scenario format, for TOML editors (taplo, tombi)."""

from __future__ import annotations

import json
from typing import Any

from sim.scenario.models import Scenario


def scenario_schema() -> dict[str, Any]:
    """The schema as a dict, with the header editors expect."""
    schema = Scenario.model_json_schema()
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema}


def scenario_schema_text() -> str:
    """The schema as committed: stable key order, two-space indent, final newline."""
    return json.dumps(scenario_schema(), indent=2, ensure_ascii=False) + "\n"

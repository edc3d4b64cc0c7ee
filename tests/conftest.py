"""Shared fixtures: the repo's folders and a valid starter scenario to mutate."""

from __future__ import annotations

from pathlib import Path

import pytest

from sim.scenario.starter import starter_text

ROOT = Path(__file__).resolve().parents[1]
SCENARIOS = ROOT / "scenarios"


@pytest.fixture
def starter() -> str:
    """A small valid scenario text (the `sim new` starter)."""
    return starter_text("demo", "Demo", "demo.toml")

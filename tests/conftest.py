"""Shared fixtures: the repo's folders and a valid starter scenario to mutate."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

from sim.scenario.starter import starter_text

ROOT = Path(__file__).resolve().parents[1]
SCENARIOS = ROOT / "scenarios"


@pytest.fixture
def starter() -> str:
    """A small valid scenario text (the `sim new` starter)."""
    return starter_text("demo", "Demo", "demo.toml")


# CI runs the property tests with a fixed derandomized seed so a red run is reproducible;
# on a developer's machine hypothesis explores new examples each time.
settings.register_profile("ci", derandomize=True, deadline=None, print_blob=True)
settings.register_profile("dev", deadline=None)
settings.load_profile("ci" if os.environ.get("CI") == "true" else "dev")

"""Shared fixtures: the repo's folders and a valid starter scenario to mutate."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

from sim.record import fasttoml
from sim.scenario.starter import starter_text
from tests.record import toml_parity

ROOT = Path(__file__).resolve().parents[1]
SCENARIOS = ROOT / "scenarios"


@pytest.fixture
def starter() -> str:
    """A small valid scenario text (the `sim new` starter)."""
    return starter_text("demo", "Demo", "demo.toml")


@pytest.fixture(autouse=True, scope="session")
def saves_read_as_tomllib_reads_them() -> Iterator[None]:
    """Every save any test reads is also parsed by tomllib, and must give the same: the
    proof that the compiled reader (`sim.record.fasttoml`) reads saves as tomllib does."""
    patch = pytest.MonkeyPatch()
    patch.setattr(fasttoml, "loads", toml_parity.check)
    yield
    patch.undo()


# CI runs the property tests with a fixed derandomized seed so a red run is reproducible;
# on a developer's machine hypothesis explores new examples each time.
settings.register_profile("ci", derandomize=True, deadline=None, print_blob=True)
settings.register_profile("dev", deadline=None)
settings.load_profile("ci" if os.environ.get("CI") == "true" else "dev")

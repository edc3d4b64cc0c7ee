"""Played sessions of the shipped scenarios, fresh for every test that mutates one."""

from __future__ import annotations

from functools import cache

import pytest

from sim.engine import Game, Session
from sim.engine.autoplay import autoplay
from sim.scenario import Scenario, load_scenario
from tests.conftest import SCENARIOS

FLAGSHIP = SCENARIOS / "clean-air-compact.toml"
needs_flagship = pytest.mark.skipif(
    not FLAGSHIP.is_file(), reason="the 48-organization flagship scenario is not in scenarios/ yet"
)


@cache
def scenario(name: str) -> Scenario:
    return load_scenario(SCENARIOS / f"{name}.toml")


def played(name: str = "healthy-homes", policy: str = "full", seed: int = 1) -> Session:
    """A finished autoplayed session (a new one each call, so tests may change it)."""
    return autoplay(Game(scenario(name)), seed, policy).session

"""Shared fixtures: the repo's folders and a valid starter scenario to mutate."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

from sim.scenario import fasttoml
from sim.scenario.starter import starter_text
from tests.record import toml_parity

ROOT = Path(__file__).resolve().parents[1]
SCENARIOS = ROOT / "scenarios"


def run_sim(
    *args: str, cwd: Path | None = None, timeout: float = 120, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run this tree's `sim` in a real process (never another checkout's installed copy)."""
    full = {**os.environ, **(env or {})}
    full["PYTHONPATH"] = os.pathsep.join([str(ROOT), full.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    return subprocess.run(
        [sys.executable, "-m", "sim", *args],
        capture_output=True,
        text=True,
        cwd=cwd or ROOT,
        env=full,
        timeout=timeout,
        check=False,
    )


@pytest.fixture
def starter() -> str:
    """A small valid scenario text (the `sim new` starter)."""
    return starter_text("demo", "Demo", "demo.toml")


@pytest.fixture(autouse=True, scope="session")
def saves_read_as_tomllib_reads_them() -> Iterator[None]:
    """Every save any test reads is also parsed by tomllib, and must give the same: the
    proof that the compiled reader (`sim.scenario.fasttoml`) reads saves as tomllib does."""
    patch = pytest.MonkeyPatch()
    patch.setattr(fasttoml, "loads", toml_parity.check)
    yield
    patch.undo()


# CI runs the property tests with a fixed derandomized seed so a red run is reproducible;
# on a developer's machine hypothesis explores new examples each time.
settings.register_profile("ci", derandomize=True, deadline=None, print_blob=True)
settings.register_profile("dev", deadline=None)
settings.load_profile("ci" if os.environ.get("CI") == "true" else "dev")

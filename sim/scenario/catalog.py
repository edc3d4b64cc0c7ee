"""Find the scenarios a person can play: the shipped ones and any folder they name."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from sim.scenario.errors import ScenarioError, ScenarioInvalid
from sim.scenario.load import load_scenario
from sim.scenario.models import Scenario

# The flagship comes first in every list: it is the scenario the seminar is built on.
FLAGSHIP = "clean-air-compact"


@dataclass(frozen=True)
class CatalogEntry:
    """One scenario file: loaded when valid, with its errors when not."""

    path: Path
    scenario: Scenario | None = None
    errors: list[ScenarioError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.scenario is not None


def scenarios_dir() -> Path:
    """The shipped scenarios folder: $SIM_SCENARIOS, ./scenarios, or the one beside the package."""
    env = os.environ.get("SIM_SCENARIOS")
    if env:
        return Path(env)
    here = Path.cwd() / "scenarios"
    if here.is_dir():
        return here
    return Path(__file__).resolve().parents[2] / "scenarios"


def load_catalog(folder: Path | None = None) -> list[CatalogEntry]:
    """Every *.toml scenario in a folder, flagship first, then by title."""
    folder = folder or scenarios_dir()
    entries: list[CatalogEntry] = []
    for path in sorted(folder.glob("*.toml")) if folder.is_dir() else []:
        try:
            entries.append(CatalogEntry(path, load_scenario(path)))
        except ScenarioInvalid as exc:
            entries.append(CatalogEntry(path, None, exc.errors))

    def order(entry: CatalogEntry) -> tuple[int, str]:
        title = entry.scenario.scenario.title if entry.scenario else entry.path.stem
        return (0 if entry.path.stem == FLAGSHIP else 1, title.lower())

    return sorted(entries, key=order)

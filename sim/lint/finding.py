"""One lint result: how serious, where in the scenario, and what is wrong."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from sim.scenario.errors import Path

Level = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Finding:
    """One lint result: how serious, where in the scenario, and what is wrong."""

    level: Level
    path: Path
    message: str

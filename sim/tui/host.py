"""What a screen may ask of the app that hosts it, as a Protocol, so screens never import
the app (which imports them): the game in play, the scenario catalog, the folders.
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from sim.play.driver import SeatPort
from sim.scenario.catalog import CatalogEntry


class Host(Protocol):
    """The parts of `CommonTableApp` its screens read; changes go up as messages."""

    catalog: list[CatalogEntry]
    scenarios_folder: Path
    saves_folder: Path

    @property
    def driver(self) -> SeatPort: ...

    @property
    def in_game(self) -> bool: ...

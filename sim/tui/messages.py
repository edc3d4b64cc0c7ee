"""Messages screens post upward: the app, not a screen, changes the game or the screen stack.

A screen never calls the app's methods to play: it posts `Submit` with an action, or
`Go` with the place a person asked for, and the app decides what that does.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from textual.message import Message

from sim.engine.actions import Action
from sim.scenario.catalog import CatalogEntry

Place = Literal["table", "briefing", "agreement", "allocation", "scorecard", "home", "saves"]


class Submit(Message):
    """Play this action for the seat (the app submits it and shows what happened)."""

    def __init__(self, action: Action) -> None:
        super().__init__()
        self.action = action


class Go(Message):
    """Show a place of the game (or the home screen)."""

    def __init__(self, place: Place) -> None:
        super().__init__()
        self.place = place


class LeaveGame(Message):
    """Leave the game for the home screen, asking first unless `ask` is False."""

    def __init__(self, *, ask: bool = True) -> None:
        super().__init__()
        self.ask = ask


class OpenDebrief(Message):
    """Open a save in the debrief viewer."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path


class Shown(Message):
    """A game screen came into view: the app remembers it beside the save for resuming."""

    def __init__(self, place: str) -> None:
        super().__init__()
        self.place = place


class OpenScenario(Message):
    """Show one scenario of the catalog (its briefing, roster and issues)."""

    def __init__(self, entry: CatalogEntry) -> None:
        super().__init__()
        self.entry = entry


class AskNewGame(Message):
    """Ask seat and seed for a new game of a scenario, then start it."""

    def __init__(self, entry: CatalogEntry) -> None:
        super().__init__()
        self.entry = entry


class ResumeSave(Message):
    """Continue a saved game where it stopped."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path


class ReloadCatalog(Message):
    """Look for scenario files again."""

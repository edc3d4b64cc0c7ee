"""`Game`: a scenario's static facts plus the factory for its sessions (OpenSpiel's Game)."""

from __future__ import annotations

from collections.abc import Mapping

from sim.engine.facts import Facts
from sim.engine.session import Session


class Game(Facts):
    """A loaded scenario, indexed once and shared by every session played from it."""

    def new_session(self, seed: int, seats: Mapping[str, str] | None = None) -> Session:
        """Start a session; `seats` maps a seat (convener or an organization id) to 'human'."""
        return Session(self, seed, dict(seats or {"convener": "human"}))

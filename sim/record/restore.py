"""Rebuild a Session at a snapshot: the engine's `Session.restore` does the work."""

from __future__ import annotations

from collections.abc import Sequence

from sim.engine.actions import Action
from sim.engine.facts import Facts
from sim.engine.notices import Notice
from sim.engine.session import Session
from sim.engine.state import SessionState


def restore(
    game: Facts,
    seed: int,
    seats: dict[str, str],
    state: SessionState,
    history: Sequence[Action],
    feed: Sequence[Notice],
) -> Session:
    """A new, independent Session positioned where `state` is; the snapshot is not shared."""
    return Session.restore(game, seed, seats, state, history, feed)

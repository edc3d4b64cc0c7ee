"""Rebuild a Session at a snapshot, the way `Session.__init__` would have left it there.

Session has no public way to start from a saved state, so this builds a fresh session for
the same game, seed and seats and moves the snapshot into it. The stage guards are lambdas
closed over the fresh `session.state` object, so the state is copied *into* that object
(its identity must not change), and the stage machine's model is set to the state's stage.
An engine API `Session.restore(state, history, feed)` would make this one call.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence

from sim.engine.actions import Action
from sim.engine.events import Event
from sim.engine.game import Game
from sim.engine.session import Session
from sim.engine.state import SessionState


def restore(
    game: Game,
    seed: int,
    seats: dict[str, str],
    state: SessionState,
    history: Sequence[Action],
    feed: Sequence[Event],
) -> Session:
    """A new, independent Session positioned where `state` is; the snapshot is not shared."""
    session = game.new_session(seed, seats)
    copied = copy.deepcopy(state)
    vars(session.state).clear()
    vars(session.state).update(vars(copied))
    session.history = list(history)
    session.feed = list(feed)
    session._pending_events = []
    session._model.state = session.state.stage  # what Machine.set_state does for one model
    return session

"""The state hash covers the whole state and stays the same through a snapshot copy."""

from __future__ import annotations

import copy
import inspect
from dataclasses import fields

from sim.engine import Game
from sim.engine.autoplay import autoplay
from sim.engine.state import SessionState
from sim.scenario import parse_scenario
from sim.scenario.starter import starter_text


def test_every_state_field_feeds_the_hash() -> None:
    source = inspect.getsource(SessionState.digest) + inspect.getsource(SessionState._fold_logs)
    missing = [
        f.name
        for f in fields(SessionState)
        if f"self.{f.name}" not in source and f'"{f.name}"' not in source
    ]
    assert not missing, f"digest() ignores {missing}"


def test_hash_survives_a_deep_copy_and_sees_a_change() -> None:
    game = Game(parse_scenario(starter_text("d", "D", "d.toml")))
    session = autoplay(game, 4, "full").session
    before = session.state_hash()
    twin = copy.deepcopy(session.state)
    assert twin.digest() == before
    twin.batches[0].measured = not twin.batches[0].measured if twin.batches else True
    twin.urgency += 0.5
    assert twin.digest() != before

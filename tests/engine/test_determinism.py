"""A session is its scenario, seed and actions: replaying them reproduces every state.

Saves, the debrief's replay and its what-if branch all rest on this (GAME.md
section 4: every random draw comes from one seeded generator in the state).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from sim.engine import Session
from sim.engine import actions as A
from sim.engine.autoplay import autoplay
from sim.engine.policies import POLICIES
from tests.engine.conftest import ALL_SCENARIOS, FLAGSHIP, ROOT, load_game

SEEDS = (0, 7)


@pytest.mark.parametrize("policy", POLICIES)
@pytest.mark.parametrize("name", ALL_SCENARIOS)
def test_replaying_the_history_reproduces_the_hash_after_every_action(
    name: str, policy: str
) -> None:
    game = load_game(name)
    for seed in SEEDS if name != FLAGSHIP else SEEDS[:1]:  # the 48-member game hashes slowly
        hashes: list[str] = []

        def record(session: Session, action: A.Action, events: object, out=hashes) -> None:
            out.append(session.state_hash())

        played = autoplay(game, seed, policy, on_action=record)
        history = played.session.history
        assert len(history) == len(hashes) > 0

        replay = game.new_session(seed, {"convener": "human"})
        for n, action in enumerate(history):
            # Through the save format too: an action survives being written as plain data.
            action = A.parse_action(json.loads(action.model_dump_json()))
            replay.apply(action)
            assert replay.state_hash() == hashes[n], f"diverged at action {n}: {action!r}"
        assert replay.is_over
        assert [e.model_dump() for e in replay.feed] == [e.model_dump() for e in played.events]
        assert replay.summary() == played.session.summary()


@pytest.mark.parametrize("name", ALL_SCENARIOS)
def test_different_seeds_diverge(name: str) -> None:
    game = load_game(name)
    a, b = game.new_session(1), game.new_session(2)
    assert a.state.truth != b.state.truth  # hidden project yields are drawn from the seed
    assert a.state_hash() != b.state_hash()

    runs = [autoplay(game, seed, "full") for seed in (1, 2, 3)]
    states = []
    for played in runs:
        canonical = played.session.state.canonical()
        canonical.pop("seed")
        states.append(json.dumps(canonical, sort_keys=True))
    assert len(set(states)) == 3, "three seeds played the same game to the same state"


@pytest.mark.parametrize("policy", POLICIES)
@pytest.mark.parametrize("name", ALL_SCENARIOS)
def test_autoplay_summary_is_identical_across_runs(name: str, policy: str) -> None:
    game = load_game(name)
    for seed in SEEDS:
        first = autoplay(game, seed, policy).as_json()
        second = autoplay(game, seed, policy).as_json()
        assert first == second
        assert json.dumps(first, sort_keys=True) == json.dumps(second, sort_keys=True)


_CHILD = """
import json, sys
from sim.engine.autoplay import autoplay
from sim.engine.policies import POLICIES
from tests.engine.conftest import ALL_SCENARIOS, load_game
out = {f"{n}/{p}/{s}": autoplay(load_game(n), s, p).as_json()
       for n in ALL_SCENARIOS for p in POLICIES for s in (0, 7)}
json.dump(out, sys.stdout, sort_keys=True)
"""


def test_autoplay_is_identical_in_fresh_processes_with_different_hash_seeds() -> None:
    """No set or dict ordering leaks into play: the same game on any machine, any run."""
    outputs = []
    for hash_seed in ("0", "12345"):
        env = {**os.environ, "PYTHONHASHSEED": hash_seed}
        done = subprocess.run(
            [sys.executable, "-c", _CHILD],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        outputs.append(json.loads(done.stdout))
    assert outputs[0] == outputs[1]
    here = {
        key: autoplay(
            load_game(key.split("/")[0]), int(key.split("/")[2]), key.split("/")[1]
        ).as_json()
        for key in outputs[0]
    }
    assert here == outputs[0]

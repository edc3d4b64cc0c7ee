"""Pinned play: every shipped scenario, seed and policy gives the same states as when pinned.

Written before the engine was split by rule family, so the split (and any later change
that claims to change no rule) is proven to leave every state, after every action, as it
was. A rules change bumps RULES_VERSION (sim/engine/version.py), so saves name their
rules, and regenerates the pins on purpose: `make golden`, then read the diff.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from sim.engine import Session
from sim.engine import actions as A
from sim.engine.autoplay import MAX_ACTIONS_PER_ROUND, autoplay
from sim.engine.pledges import capacity, pledge_stream
from sim.engine.policies import make_policy, plan_table
from tests.engine.conftest import ALL_SCENARIOS, load_game

GOLDEN = Path(__file__).with_name("golden") / "pinned_hashes.json"
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"
POLICIES = ("full", "skip", "random", "greedy")
SEEDS = (1, 2, 3)


def _play(scenario: str, policy: str, seed: int, seat: str | None = None) -> dict[str, object]:
    """A chain over the state hash after every action, and over what every notice said
    apart from its wording (so a relabelled feed line is not a changed rule)."""
    states = hashlib.sha256()
    notices = hashlib.sha256()

    legal = hashlib.sha256()

    def seen(session: Session, action: object, events: list) -> None:
        states.update(session.state_hash().encode())
        for event in events:
            data = event.model_dump(mode="json", exclude={"text"})
            notices.update(json.dumps(data, sort_keys=True).encode())
        for move in session.legal_actions():
            legal.update(move.model_dump_json().encode())

    if seat is None:
        played = autoplay(load_game(scenario), seed, policy, on_action=seen)
        session = played.session
    else:
        session = _play_beside_a_member(scenario, policy, seed, seat, seen)
    return {
        "actions": len(session.history),
        "final": session.state_hash(),
        "states": states.hexdigest(),
        "notices": notices.hexdigest(),
        "legal": legal.hexdigest(),
    }


def _play_beside_a_member(
    scenario: str, policy: str, seed: int, seat: str, seen: Callable[..., None]
) -> Session:
    """A person holds one organization: it votes yes and pledges half its capacity when due;
    the scripted convener plays every other move, as `sim play --seat` does."""
    game = load_game(scenario)
    session = game.new_session(seed, {"convener": "human", seat: "human"})
    convener = make_policy(policy, game, seed)
    in_round = 0
    while not session.is_over:
        pending = session.state.pending
        pledge = A.Pledge(
            seat=seat, stream=pledge_stream(game, seat), amount=round(capacity(game, seat) / 2, 2)
        )
        if pending is not None and seat in pending.voters and seat not in pending.votes:
            action: A.Action = A.Vote(seat=seat, choice="yes")
        elif session.why_illegal(pledge) is None:
            action = pledge
        else:
            action = convener(session)
            if in_round >= MAX_ACTIONS_PER_ROUND or session.why_illegal(action) is not None:
                action = A.EndRound()
        events = session.apply(action)
        in_round = 0 if action.kind == "end_round" else in_round + 1
        seen(session, action, events)
    return session


def _cases() -> list[tuple[str, str, int, str | None]]:
    solo = [(s, p, n, None) for s in ALL_SCENARIOS for p in POLICIES for n in SEEDS]
    member = [(s, "full", n, plan_table(load_game(s))[0]) for s in ALL_SCENARIOS for n in SEEDS]
    return solo + member


def _key(scenario: str, policy: str, seed: int, seat: str | None) -> str:
    return f"{scenario}/{policy}/{seed}" + (f"/{seat}" if seat else "")


def _golden() -> dict[str, dict[str, object]]:
    if not GOLDEN.exists():
        return {}
    data: dict[str, dict[str, object]] = json.loads(GOLDEN.read_text(encoding="utf-8"))
    return data


def test_regenerate_pins() -> None:
    """With UPDATE_GOLDEN=1, write the pins from the rules as they are now."""
    if not UPDATE:
        pytest.skip("UPDATE_GOLDEN=1 regenerates the pinned hashes")
    pins = {_key(*case): _play(*case) for case in _cases()}
    GOLDEN.parent.mkdir(exist_ok=True)
    GOLDEN.write_text(json.dumps(pins, indent=1, sort_keys=True) + "\n", encoding="utf-8")


@pytest.mark.parametrize(("scenario", "policy", "seed", "seat"), _cases(), ids=str)
def test_play_matches_its_pin(scenario: str, policy: str, seed: int, seat: str | None) -> None:
    pins = _golden()
    key = _key(scenario, policy, seed, seat)
    assert key in pins, f"no pin for {key}; `make golden` writes the pins"
    assert _play(scenario, policy, seed, seat) == pins[key], (
        f"{key} plays differently from its pin: a rule changed. If that was meant, bump "
        "RULES_VERSION in sim/engine/version.py, and `make golden` regenerates the pins."
    )


def test_every_case_is_pinned() -> None:
    assert sorted(_golden()) == sorted(_key(*case) for case in _cases())

"""The bot conveners by name, as `sim autoplay --policy` and batch play ask for them."""

from __future__ import annotations

import random
from collections.abc import Callable

from sim.engine import actions as A
from sim.engine.bots.convener import Choices, ConvenerBot, _as_view
from sim.engine.facts import Facts

Policy = Callable[[object], A.Action]
POLICIES = ("full", "skip", "random", "greedy")
# The random policy ends the round this often, so a game finishes.
RANDOM_END_ROUND = 0.15


def random_policy(seed: int) -> Policy:
    """Pick uniformly among the moves its view offers, ending rounds often enough to finish."""
    rng = random.Random(seed)

    def choose(seen: object) -> A.Action:
        view = _as_view(seen)
        legal = [a for a in view.candidates if view.why_not(a) is None]
        others = [a for a in legal if a.kind != "end_round"]
        if not others or rng.random() < RANDOM_END_ROUND:
            return A.EndRound()
        return rng.choice(others)

    return choose


def make_policy(name: str, game: Facts, seed: int, choices: Choices | None = None) -> Policy:
    if name == "random":
        return random_policy(seed)
    if name in ("full", "skip", "greedy"):
        return ConvenerBot(game, name, choices)
    raise ValueError(f"unknown policy '{name}' (full, skip, random, greedy)")

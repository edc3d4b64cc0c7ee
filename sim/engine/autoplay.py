"""Play a whole game headless with a scripted convener, for batch studies and tests."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sim.engine import notices as E
from sim.engine.actions import Action, EndRound
from sim.engine.game import Game
from sim.engine.policies import Choices, Policy, make_policy
from sim.engine.session import Session

# A policy that keeps choosing actions without ending rounds is cut off here.
MAX_ACTIONS_PER_ROUND = 400


@dataclass
class Played:
    """A finished autoplay: the session plus what a summary needs."""

    session: Session
    policy: str
    events: list[E.Notice] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        s = self.session
        summary = s.summary()
        return {
            "scenario": s.game.scenario.scenario.id,
            "seed": s.state.seed,
            "policy": self.policy,
            "stages_visited": list(s.state.stages_visited),
            "actions": len(s.history),
            "rounds": s.state.total_rounds,
            "regressions": s.state.regressions,
            "members": summary["members"],
            "agreement": dict(s.state.agreement),
            "trust": {"density": summary["density"], "partnership": summary["partnership_trust"]},
            "effectiveness": summary["effectiveness"],
            "result": summary["result"],
            "year_results": [round(v, 3) for v in s.state.year_results],
            "state_hash": s.state_hash(),
        }


def autoplay(
    game: Game,
    seed: int,
    policy: str = "full",
    seats: dict[str, str] | None = None,
    on_action: Callable[[Session, Action, list[E.Notice]], None] | None = None,
    steer: Callable[[Session, Action], Action] | None = None,
    choices: Choices | None = None,
) -> Played:
    """Play to adjourning; bots hold every organization seat unless `seats` says otherwise.

    `steer`, when given, may replace each action the policy chooses (lint uses it to have
    the convener name each result in turn, where the policy always names the first).
    `choices` changes the bot convener's choices one at a time (the lessons' contrasts).
    """
    session = game.new_session(seed, seats or {"convener": "human"})
    policy_choose: Policy = make_policy(policy, game, seed, choices)

    def choose(session: Session) -> Action:
        action = policy_choose(session)
        return action if steer is None else steer(session, action)

    played = Played(session, policy)
    in_round = 0
    while not session.is_over:
        action = choose(session)
        if in_round >= MAX_ACTIONS_PER_ROUND or session.why_illegal(action) is not None:
            action = EndRound()
        events = session.apply(action)
        played.events.extend(events)
        in_round = 0 if action.kind == "end_round" else in_round + 1
        if on_action is not None:
            on_action(session, action, events)
    return played

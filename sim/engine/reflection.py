"""Problem solving: the table spends time on one of the four behaviors of the cycle
(problem-defining, interpreting & hypothesizing, solution-finding, analyzing & reflecting).
"""

from __future__ import annotations

from collections.abc import Iterator

from sim.engine import actions as A
from sim.engine import notices as N
from sim.engine.context import Context
from sim.engine.trust import raise_tau
from sim.scenario.words import BEHAVIOR_DOING

BEHAVIORS = tuple(BEHAVIOR_DOING)
# An open exchange of interpretations builds a little trust (Tuckman's norming): a / 4.
INTERPRETING_TAU_DIVISOR = 4


def candidates(ctx: Context, seat: str) -> Iterator[A.Action]:
    if seat != A.CONVENER:
        return
    for behavior in ctx.state.problem_solving:
        yield A.Reflect(behavior=behavior)  # type: ignore[arg-type]


def why_not_reflect(ctx: Context, action: A.Reflect) -> str | None:
    return None if ctx.state.convener_time >= 1 else "no convener time left this round"


def reflect(ctx: Context, action: A.Reflect) -> None:
    s = ctx.state
    s.convener_time -= 1
    before = s.problem_solving[action.behavior]
    s.problem_solving[action.behavior] += 1
    if action.behavior == "interpreting":
        # Each new exchange has less left to interpret: returns diminish with repetition.
        rate = ctx.game.scenario.dynamics.trust_gain / INTERPRETING_TAU_DIVISOR / (1 + before)
        raise_tau(s, s.at_table(), rate)
    ctx.emit(
        N.Reflected(
            round=s.round,
            behavior=action.behavior,
            text=f"The table spends time on {BEHAVIOR_DOING[action.behavior]}.",
        )
    )

"""A Frame: the handful of figures the debrief charts and diffs, taken after every step.

A frame is small and flat, so a 10,000-step save keeps 10,000 of them cheaply; the full
state at a step comes from the replay when the viewer needs it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from sim.engine.actions import Action, Reflect
from sim.engine.delivery import achieved, effectiveness, nominal_rate, norm_clarity
from sim.engine.game import Game
from sim.engine.state import SessionState
from sim.engine.trust import density, partnership_trust


@dataclass(frozen=True)
class Frame:
    """The game's headline figures after a step; its place in the trace is the step."""

    stage: str
    round: int
    year: int
    members: int
    density: float
    partnership: float
    norm_clarity: float
    effectiveness: float
    achieved: float  # the true yearly result now, what only the debrief sees
    nominal: float  # what the funded projects promise, what the table sees
    target: float | None
    balances: tuple[float, ...]  # money in hand, stream by stream in scenario order
    spent: tuple[float, ...]
    pledged: float
    delivered: float
    agreed: int
    open_tensions: int
    deferred_tensions: int
    regressions: int


def capture(
    game: Game, s: SessionState, step: int, before: Frame | None, action: Action | None
) -> Frame:
    """The frame after `step`; `action` is the action just applied (None at step 0)."""
    # Reflecting only spends the convener's time on a problem-solving behavior (interpreting
    # also lifts trust in the partnership): every other figure carries over unchanged, which
    # matters because a long game is mostly reflection. A test checks this against
    # recomputing every figure at every step.
    if before is not None and isinstance(action, Reflect):
        if action.behavior != "interpreting":
            return before  # frames are immutable, so one can stand for many steps
        return replace(before, partnership=partnership_trust(s))
    ledger_pledged = ledger_delivered = 0.0
    for line in s.ledger:
        ledger_pledged += line.pledged
        ledger_delivered += line.delivered or 0.0
    streams = list(s.streams.values())
    return Frame(
        stage=s.stage,
        round=s.round,
        year=s.year,
        members=len(s.at_table()),
        density=density(game, s),
        partnership=partnership_trust(s),
        norm_clarity=norm_clarity(game, s),
        effectiveness=effectiveness(game, s),
        achieved=achieved(game, s),
        nominal=sum(nominal_rate(game, s, b) for b in s.batches),
        target=s.result[1] if s.result else None,
        balances=tuple(st.balance for st in streams),
        spent=tuple(st.spent for st in streams),
        pledged=ledger_pledged,
        delivered=ledger_delivered,
        agreed=len(s.agreement),
        open_tensions=sum(t.status == "open" for t in s.tensions.values()),
        deferred_tensions=sum(t.status == "deferred" for t in s.tensions.values()),
        regressions=s.regressions,
    )

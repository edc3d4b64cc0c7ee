"""The live scorecard over time: the total and every dimension, step by step.

A scorecard costs a few milliseconds, so a short save is scored after every step and a
long one after each round and stage change only; a swing is then the change since the
previous sample, which for a long save spans the steps between.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sim.engine.actions import Advance, EndRound, Skip
from sim.engine.session import Session
from sim.record import simulate
from sim.record.model import Save
from sim.scoring.card import scorecard
from sim.scoring.model import DIMENSIONS

# Up to this many steps every step is scored; beyond, rounds and stage changes are.
EVERY_STEP_LIMIT = 600


@dataclass(frozen=True)
class ScorePoint:
    step: int
    total: float
    dimensions: dict[str, float]


def sample_steps(save: Save) -> set[int]:
    """The steps to score: all of a short save; round ends and stage changes of a long one."""
    n = len(save.entries)
    if n <= EVERY_STEP_LIMIT:
        return set(range(n + 1))
    chosen = {0, n}
    for entry in save.entries:
        if isinstance(entry.action, (EndRound, Advance, Skip)):
            chosen.add(entry.step)
        if entry.step < n and save.entries[entry.step].stage != entry.stage:
            chosen.add(entry.step)
    return chosen


def point(session: Session, step: int) -> ScorePoint:
    card = scorecard(session)
    return ScorePoint(step, card.total, {d: card.dimensions[d].score for d in DIMENSIONS})


def score_series(
    save: Save, steps: set[int] | None = None, stop: Callable[[], bool] | None = None
) -> list[ScorePoint]:
    """The scorecard at each chosen step, in order; `stop` lets a viewer cancel the pass."""
    wanted = sample_steps(save) if steps is None else steps
    session = simulate.fresh_session(save.header)
    out = [point(session, 0)] if 0 in wanted else []
    program = save.header.program
    for entry in save.entries:
        if stop is not None and stop():
            break
        simulate.step(session, entry, program, check_hash=False)
        if entry.step in wanted:
            out.append(point(session, entry.step))
    return out

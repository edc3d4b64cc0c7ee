"""`Context`: what one rule needs in order to act, handed to every rule family.

A family module (forming, storming, norming, performing, ...) reads the game's facts and
the state, writes the state, and reports what happened through `emit`. It asks the stage
machine for a stage change through `stages`, so no family imports the machine's wiring
and the families import each other only downward.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from sim.engine.actions import CONVENER
from sim.engine.facts import Facts
from sim.engine.notices import Notice
from sim.engine.state import SessionState


class StageMoves(Protocol):
    """The stage machine's triggers (see `sim.engine.stages.TRANSITIONS`)."""

    def begin_storming(self) -> bool: ...
    def begin_norming(self) -> bool: ...
    def begin_performing(self) -> bool: ...
    def skip(self) -> bool: ...
    def regress(self) -> bool: ...
    def adjourn(self) -> bool: ...
    def may_begin_storming(self) -> bool: ...
    def may_begin_norming(self) -> bool: ...
    def may_begin_performing(self) -> bool: ...


@dataclass
class Context:
    """One session's facts, state, seats and stage machine, plus the notices of this action."""

    game: Facts
    state: SessionState
    seats: dict[str, str]
    stages: StageMoves = field(init=False)
    notices: list[Notice] = field(default_factory=list)

    def emit(self, notice: Notice) -> None:
        self.notices.append(notice)

    def human(self, seat: str) -> bool:
        return self.seats.get(seat) == "human"

    def convener_is_human(self) -> bool:
        """The convener seat is a person's (or a script's) unless a bot holds it."""
        return self.seats.get(CONVENER, "human") == "human"

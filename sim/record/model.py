"""What a save holds, as validated models: header, seats, annotations, entries.

These are the current format version's shapes; older versions are migrated to them
before validation (see `versions.py`), so everything above the reader sees only these.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from sim.engine.actions import CONVENER, Action

# person: someone at a keyboard; script: a scripted policy submitting actions (autoplay);
# bot: the engine plays the seat itself, so its moves are not entries.
Player = Literal["person", "script", "bot"]
HEX64 = r"^[0-9a-f]{64}$"


class Record(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", strict=True)


class SeatRecord(Record):
    """Who played a seat: a person, a script or a bot, and the name to show."""

    seat: str = Field(min_length=1)
    player: Player
    name: str


class ScenarioRecord(Record):
    """The scenario's exact text, so a later edit or deletion of its file never breaks replay."""

    id: str
    title: str
    source: str  # the path it was loaded from, for people; replay never reads it
    sha256: str = Field(pattern=HEX64)
    text: str


class Branch(Record):
    """A what-if save: it copies the parent's first `fork_step` entries, then diverges."""

    parent: str
    fork_step: int = Field(ge=0)


class Annotation(Record):
    """An instructor's note on a step (0 = before the first action)."""

    step: int = Field(ge=0)
    author: str
    text: str
    time: datetime


class Header(Record):
    """Everything but the entries: how to rebuild the game and who played it."""

    version: int
    program: str
    created: datetime
    seed: int
    rules: int = Field(ge=1)  # the engine's RULES_VERSION the game was played under
    seats: tuple[SeatRecord, ...] = Field(strict=False)  # TOML gives lists
    scenario: ScenarioRecord
    branch: Branch | None = None

    def engine_seats(self) -> dict[str, str]:
        """The `seats` mapping `Game.new_session` takes: persons and scripts submit actions."""
        return {s.seat: "bot" if s.player == "bot" else "human" for s in self.seats}

    def main_seat(self) -> str:
        """The seat a default file name mentions: a person's organization, else the convener."""
        people = [s.seat for s in self.seats if s.player == "person" and s.seat != CONVENER]
        return people[0] if people else CONVENER


class Entry(Record):
    """One applied action: who, when, where in the game, what, and the state hash after it."""

    step: int = Field(ge=1)
    seat: str
    time: datetime
    stage: str
    round: int = Field(ge=1)
    action: Action
    hash: str = Field(pattern=HEX64)

    @model_validator(mode="before")
    @classmethod
    def _seat_into_action(cls, data: Any) -> Any:
        """The file stores the seat once, on the entry; the action model wants it too."""
        if isinstance(data, dict) and isinstance(data.get("action"), dict):
            data = {**data, "action": {**data["action"], "seat": data.get("seat")}}
        return data


class TornTail(Record):
    """The unacknowledged, incomplete final entry a crash can leave, dropped on load."""

    step: int
    offset: int  # where the complete part of the file ends
    size: int  # bytes dropped

    def message(self) -> str:
        intact = f"steps 1-{self.step - 1} are intact" if self.step > 1 else "no step before it"
        return (
            f"the final entry is incomplete ({self.size} bytes): the game stopped while "
            f"saving it, so it was never acknowledged; {intact}"
        )


class Save(Record):
    """A whole save as read: `torn` is set when an incomplete final entry was dropped."""

    header: Header
    annotations: tuple[Annotation, ...] = Field(default=(), strict=False)
    entries: tuple[Entry, ...] = Field(default=(), strict=False)
    torn: TornTail | None = None


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def now() -> datetime:
    """Wall-clock time for entries, in UTC so saves from different machines compare."""
    return datetime.now(UTC)

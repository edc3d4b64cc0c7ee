"""The game loop behind the screens, without Textual: submit, save, run the bot convener.

Every change the UI makes to a game goes through `Driver.submit`, which applies the
action, appends it to the save (when there is one) and, when a person plays an
organization, lets the scripted convener act until it is that person's turn again.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

from sim.engine import actions as A
from sim.engine.notices import Notice
from sim.engine.pledges import capacity, pledge_stream
from sim.engine.policies import ConvenerBot
from sim.engine.session import Session

# A convener that keeps choosing actions without ending the round is stopped here.
MAX_BOT_ACTIONS = 400


class Saver(Protocol):
    """What the driver needs of `sim.record.Recorder`: apply-and-save, a step count, close."""

    path: Any

    def apply(self, session: Session, action: A.Action) -> list[Notice]: ...

    @property
    def steps(self) -> int: ...

    def close(self) -> None: ...


@dataclass
class Turn:
    """What one submission did: every event, in order, and who acted."""

    events: list[Notice] = field(default_factory=list)
    actions: list[A.Action] = field(default_factory=list)

    @property
    def stage_changes(self) -> list[Notice]:
        return [e for e in self.events if e.kind == "stage_changed"]


class Driver:
    """One game in play: the session, the person's seat, the save and the bot convener."""

    def __init__(
        self,
        session: Session,
        seat: str = A.CONVENER,
        saver: Saver | None = None,
        convener: Callable[[Session], A.Action] | None = None,
    ) -> None:
        self.session = session
        self.seat = seat
        self.saver = saver
        if seat != A.CONVENER and convener is None:
            convener = ConvenerBot(session.game, "full")
        self.convener = convener

    # ------------------------------------------------------------------ facts

    @property
    def game(self) -> Any:
        return self.session.game

    @property
    def is_convener(self) -> bool:
        return self.seat == A.CONVENER

    @property
    def steps(self) -> int:
        return len(self.session.history)

    def view(self) -> dict[str, Any]:
        return self.session.view(self.seat)

    def why_illegal(self, action: A.Action) -> str | None:
        return self.session.why_illegal(action)

    def with_seat(self, action: A.Action) -> A.Action:
        """The action as this driver's seat takes it (dialogs build seatless actions)."""
        return action if action.seat == self.seat else action.model_copy(update={"seat": self.seat})

    def vote_due(self) -> bool:
        """A proposal waits for this seat's vote."""
        pending = self.session.state.pending
        return (
            pending is not None
            and not self.is_convener
            and self.seat in pending.voters
            and self.seat not in pending.votes
        )

    def pledge_action(self, share: float = 1.0) -> A.Pledge:
        """A pledge of a share of this seat's yearly capacity to its own stream."""
        game = self.session.game
        amount = round(capacity(game, self.seat) * share, 2)
        return A.Pledge(seat=self.seat, stream=pledge_stream(game, self.seat), amount=amount)

    def pledge_due(self) -> bool:
        """Performing has opened a year and this seat, at the table, has not pledged yet."""
        if self.is_convener or self.session.stage != "performing":
            return False
        return self.session.why_illegal(self.pledge_action(0.0)) is None

    def waiting_for(self) -> str | None:
        """What the person must do before the game can go on: 'vote', 'pledge' or None."""
        if self.session.is_over:
            return None
        if self.vote_due():
            return "vote"
        if self.pledge_due():
            return "pledge"
        return None

    # ------------------------------------------------------------------ acting

    def submit(self, action: A.Action) -> Turn:
        """Apply and save the person's action, then let the bot convener act; the one way in."""
        turn = Turn()
        self._apply(self.with_seat(action), turn)
        self._run_convener(turn)
        return turn

    def start(self) -> Turn:
        """At the start (or on resume) of an organization's game, the convener acts first."""
        turn = Turn()
        self._run_convener(turn)
        return turn

    def _apply(self, action: A.Action, turn: Turn) -> None:
        if self.saver is not None:
            events = self.saver.apply(self.session, action)
        else:
            events = self.session.apply(action)
        turn.events.extend(events)
        turn.actions.append(action)

    def _run_convener(self, turn: Turn) -> None:
        """Play the scripted convener until the person has a vote, a pledge or the round's end.

        The convener never ends a round itself while a person holds an organization:
        the round moves on when that person says so (GAME.md §4).
        """
        if self.convener is None:
            return
        for _ in range(MAX_BOT_ACTIONS):
            session = self.session
            if session.is_over or self.waiting_for() is not None:
                return
            action = self.convener(session)
            if action.kind == "end_round" or session.why_illegal(action) is not None:
                return
            self._apply(action, turn)

    def close(self) -> None:
        if self.saver is not None:
            self.saver.close()

"""The game loop behind the screens, without Textual: submit, save, run the bot convener.

Every change a seat makes to a game goes through `Driver.submit`, which applies the
action, appends it to the save (when there is one) and, when a person plays an
organization, lets the scripted convener act until it is that person's turn again.
What the seat sees comes from `Driver.view`, the engine's `SeatView` for that seat: the
screens read nothing else, so the same screens can run on a view sent over a network.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from sim.engine import actions as A
from sim.engine.notices import Notice, StageChanged
from sim.engine.pledges import pledge_stream
from sim.engine.policies import ConvenerBot
from sim.engine.session import Session
from sim.engine.view import SeatView

if TYPE_CHECKING:
    from sim.scoring.model import Scorecard

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
    """What one submission did: every notice, in order, and every action applied."""

    notices: list[Notice] = field(default_factory=list)
    actions: list[A.Action] = field(default_factory=list)

    @property
    def stage_changes(self) -> list[StageChanged]:
        return [n for n in self.notices if isinstance(n, StageChanged)]


class SeatPort(Protocol):
    """What a seat's screens need of a game: its view in, its actions out.

    `Driver` is the local one; a seminar client implements the same over the network.
    """

    @property
    def seat(self) -> str: ...

    @property
    def view(self) -> SeatView: ...

    @property
    def saved(self) -> Path | None: ...

    def submit(self, action: A.Action) -> Turn: ...

    def start(self) -> Turn: ...

    def scorecard(self) -> Scorecard | None: ...

    def close(self) -> None: ...


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
        self._view: tuple[int, SeatView] | None = None

    # ------------------------------------------------------------------ what the seat sees

    @property
    def view(self) -> SeatView:
        """The seat's view now (built once per step)."""
        steps = len(self.session.history)
        if self._view is None or self._view[0] != steps:
            self._view = (steps, self.session.view(self.seat))
        return self._view[1]

    @property
    def game(self) -> Any:
        return self.session.game

    @property
    def is_convener(self) -> bool:
        return self.seat == A.CONVENER

    @property
    def steps(self) -> int:
        return len(self.session.history)

    @property
    def saved(self) -> Path | None:
        """Where the game is saved, or None when it runs unsaved."""
        return Path(self.saver.path) if self.saver is not None else None

    def why_illegal(self, action: A.Action) -> str | None:
        return self.session.why_illegal(self.with_seat(action))

    def with_seat(self, action: A.Action) -> A.Action:
        """The action as this driver's seat takes it (dialogs build seatless actions)."""
        return action if action.seat == self.seat else action.model_copy(update={"seat": self.seat})

    def vote_due(self) -> bool:
        return vote_due(self.view)

    def pledge_action(self, share: float = 1.0) -> A.Pledge:
        return pledge_action(self.view, share)

    def pledge_due(self) -> bool:
        return pledge_due(self.view)

    def waiting_for(self) -> str | None:
        return waiting_for(self.view)

    def scorecard(self) -> Scorecard | None:
        """The explained scorecard, once the game is over (it judges hidden sheets, so no
        seat may see it before then)."""
        if not self.session.is_over:
            return None
        from sim.scoring import scorecard  # the scoring layer loads only at the game's end

        return scorecard(self.session)  # type: ignore[no-any-return]

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
            notices = self.saver.apply(self.session, action)
        else:
            notices = self.session.apply(action)
        turn.notices.extend(notices)
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
            if session.is_over or self._person_owes():
                return
            action = self.convener(session)
            if action.kind == "end_round" or session.why_illegal(action) is not None:
                return
            self._apply(action, turn)

    def _person_owes(self) -> bool:
        """The person holding an organization owes a vote or a pledge (read cheaply, from
        the session, because the bot loop asks after every move)."""
        s = self.session.state
        if self.is_convener:
            return False
        if s.members[self.seat].invited is not None:
            return True
        if any(d.partner == self.seat and d.status == "offered" for d in s.deals):
            return True
        if s.pending is not None and self.seat in s.pending.voters:
            return self.seat not in s.pending.votes
        if s.stage != "performing":
            return False
        pledge = A.Pledge(seat=self.seat, stream=pledge_stream(self.game, self.seat), amount=0.0)
        return self.session.why_illegal(pledge) is None

    def close(self) -> None:
        if self.saver is not None:
            self.saver.close()


# ---------------------------------------------------------------------- read from a view


def vote_due(view: SeatView) -> bool:
    """A proposal waits for this seat's vote."""
    pending = view.pending
    return (
        pending is not None
        and not view.is_convener
        and view.seat in pending.voters
        and view.seat not in pending.voted
    )


def pledge_action(view: SeatView, share: float = 1.0) -> A.Pledge:
    """A pledge of a share of this seat's yearly capacity to its own stream."""
    sheet = view.sheet
    assert sheet is not None, "only an organization seat pledges"
    return A.Pledge(
        seat=view.seat, stream=sheet.pledge_stream, amount=round(sheet.capacity * share, 2)
    )


def pledge_due(view: SeatView) -> bool:
    """Performing has opened a year and this seat, at the table, has not pledged yet."""
    if view.sheet is None or view.stage != "performing":
        return False
    return view.why_not(pledge_action(view, 0.0)) is None


def invitation_due(view: SeatView) -> bool:
    """The convener has invited this seat's organization and awaits its answer."""
    if view.is_convener or view.over:
        return False
    member = next((m for m in view.members if m.organization == view.seat), None)
    return member is not None and member.invited is not None


def deal_due(view: SeatView) -> bool:
    """Another member has offered this seat a side deal it has not answered."""
    return any(d.partner == view.seat and d.status == "offered" for d in view.deals)


def waiting_for(view: SeatView) -> str | None:
    """What the person must do before the game can go on: 'join' (answer an
    invitation), 'deal' (answer a side deal), 'vote', 'pledge' or None."""
    if view.over:
        return None
    if invitation_due(view):
        return "join"
    if deal_due(view):
        return "deal"
    if vote_due(view):
        return "vote"
    if pledge_due(view):
        return "pledge"
    return None

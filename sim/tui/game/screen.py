"""What every screen of a game in play shares: the seat's game, its view, a refresh hook,
and its name for resume.

A game screen reads only `view` (the seat's `SeatView`) and changes the game only by
posting `Submit`; it never sees the engine's session.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.screen import Screen

from sim.engine import actions as A
from sim.engine.actions import Action
from sim.engine.view import SeatView
from sim.play.driver import SeatPort
from sim.play.words import seat_label
from sim.tui.messages import Go, Place, Shown, Submit

if TYPE_CHECKING:
    from sim.tui.host import Host

HEADER_ROOM = 18  # the header's icon and clock: its centered title has this much less


class GameScreen(Screen[None]):
    """A screen that shows the game; the app calls `refresh_game` after every action."""

    app: Host  # type: ignore[assignment]
    # The name remembered beside the save, so a resumed game reopens this screen.
    PLACE: ClassVar[str] = ""

    # Set when the game moved on while another screen was on top: redraw on return.
    stale: bool = False
    keys_for: tuple[object, ...] = ()

    @property
    def game(self) -> SeatPort:
        return self.app.driver

    @property
    def view(self) -> SeatView:
        return self.app.driver.view

    def submit(self, action: Action) -> None:
        self.post_message(Submit(action))

    def go(self, place: Place) -> None:
        self.post_message(Go(place))

    def refresh_game(self) -> None:
        """Redraw from the view; override in each screen."""

    def headline(self) -> tuple[str, str]:
        """The header's title, and its subtitle with `{seat}` where the seat's name goes;
        every game screen says both."""
        raise NotImplementedError

    def fit_header(self) -> None:
        """Title the header, naming the seat in full when the line fits the width, and by
        its short name when the full one would cut the centered line."""
        view = self.view
        title, sub = self.headline()
        room = self.app.size.width - HEADER_ROOM
        seat = seat_label(view, view.seat)
        if len(f"{title} — {sub.format(seat=seat)}") > room:
            seat = "Convener" if view.seat == A.CONVENER else view.scenario.short(view.seat)
        self.title = title
        self.sub_title = sub.format(seat=seat)

    def on_resize(self) -> None:
        if self.is_mounted:
            self.fit_header()

    def refresh_keys(self) -> None:
        """Re-check which keys work only when what they depend on changed (the footer redraws)."""
        view = self.view
        now = (view.stage, view.over, tuple(sorted(view.kinds)), view.pending is not None)
        if now != self.keys_for:
            self.keys_for = now
            self.refresh_bindings()

    def on_screen_resume(self) -> None:
        if self.stale:
            self.stale = False
            self.refresh_game()
        if self.PLACE:
            self.post_message(Shown(self.PLACE))

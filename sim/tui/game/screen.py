"""What every screen of a game in play shares: the driver, a refresh hook, its name for resume."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.screen import Screen

from sim.play.driver import Driver

if TYPE_CHECKING:
    from sim.tui.app import CommonTableApp


class GameScreen(Screen[None]):
    """A screen that shows the game; the app calls `refresh_game` after every action."""

    app: CommonTableApp
    # The name remembered beside the save, so a resumed game reopens this screen.
    PLACE: ClassVar[str] = ""

    # Set when the game moved on while another screen was on top: redraw on return.
    stale: bool = False

    @property
    def driver(self) -> Driver:
        return self.app.driver

    def refresh_game(self) -> None:
        """Redraw from the session; override in each screen."""

    keys_for: tuple[object, ...] = ()

    def refresh_keys(self) -> None:
        """Re-check which keys work only when what they depend on changed (the footer redraws)."""
        driver = self.driver
        now = (driver.session.stage, driver.vote_due(), driver.pledge_due(), driver.session.is_over)
        if now != self.keys_for:
            self.keys_for = now
            self.refresh_bindings()

    def on_screen_resume(self) -> None:
        if self.stale:
            self.stale = False
            self.refresh_game()
        if self.PLACE:
            self.app.remember_place(self.PLACE)

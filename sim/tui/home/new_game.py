"""New game: choose a seat (the convener by default) and a seed (random, shown, editable)."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static

from sim.engine.actions import CONVENER
from sim.play.public import sector_label
from sim.scenario.models import Scenario

Chosen = tuple[str, int]


def seat_options(scenario: Scenario) -> list[tuple[str, str]]:
    """The convener first, then every organization by name, with its sector."""
    orgs = sorted(scenario.organizations, key=lambda o: o.name.casefold())
    return [(f"Convener — {scenario.convener.name}", CONVENER)] + [
        (f"{o.name} ({sector_label(o.sector)})", o.id) for o in orgs
    ]


class NewGameDialog(ModalScreen[Chosen | None]):
    """Returns (seat, seed); enter in the seed box or the Start button starts."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="new_game.cancel", tooltip="Do not start a game"),
    ]

    def __init__(self, scenario: Scenario, seat: str = CONVENER, seed: int = 1) -> None:
        super().__init__(classes="dialog-screen")
        self.scenario = scenario
        self.seat = seat
        self.seed = seed

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="new-game"):
            yield Static(
                Content.from_markup("[b]New game: $t[/b]", t=self.scenario.scenario.title),
                classes="dialog-title",
            )
            yield Label("Your seat (bots play every other)")
            seat = Select(
                seat_options(self.scenario), value=self.seat, allow_blank=False, id="seat"
            )
            seat.tooltip = "Play the convener (solo), or one organization with a bot convener"
            yield seat
            yield Label("Seed (the same seed replays the same game)")
            seed = Input(str(self.seed), type="integer", id="seed")
            seed.tooltip = "Every random draw of the game follows from this number"
            yield seed
            with Horizontal(id="new-game-buttons"):
                yield Button("Start ▸", id="start", variant="primary", compact=True)
                yield Button("Cancel", id="cancel", compact=True)
            yield Static("enter starts · tab moves · escape cancels", classes="dialog-hint")

    def on_mount(self) -> None:
        seed = self.query_one("#seed", Input)
        seed.focus()
        seed.select_all()  # typing replaces the shown seed

    @on(Input.Submitted, "#seed")
    @on(Button.Pressed, "#start")
    def _start(self, event: Input.Submitted | Button.Pressed) -> None:
        event.stop()
        text = self.query_one("#seed", Input).value.strip()
        try:
            seed = int(text)
        except ValueError:
            self.notify("The seed is a whole number.", severity="warning")
            return
        self.dismiss((str(self.query_one("#seat", Select).value), seed))

    @on(Button.Pressed, "#cancel")
    def _cancel(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(None)

    def action_cancel(self) -> None:
        self.dismiss(None)

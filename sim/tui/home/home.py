"""The home screen: the scenario browser every session starts from."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, DataTable, Header, Static

from sim.tui.commands import HomeCommands
from sim.tui.common.footer import FitFooter
from sim.tui.home.scenario_list import ScenarioDetails, ScenarioTable, describe
from sim.tui.messages import AskNewGame, Go, OpenScenario, ReloadCatalog

if TYPE_CHECKING:
    from sim.tui.host import Host

TAGLINE = "Bring a city's sectors to one table and build a partnership that delivers."


class HomeScreen(Screen[None]):
    """Lists the scenario files found in the scenarios folder, valid or not."""

    app: Host  # type: ignore[assignment]

    COMMANDS: ClassVar = {HomeCommands}
    BINDINGS: ClassVar[list[BindingType]] = [
        # A priority binding so Enter opens from anywhere on this screen, and the
        # footer names it "Open" rather than the table's own "Select".
        Binding(
            "enter",
            "open",
            "Open",
            id="home.open",
            priority=True,
            tooltip="Open the highlighted scenario: its briefing and roster",
        ),
        Binding(
            "n",
            "new_game",
            "New game",
            id="home.new_game",
            tooltip="Start a game of the highlighted scenario: choose a seat and a seed",
        ),
        Binding(
            "l",
            "saves",
            "Resume",
            id="home.saves",
            tooltip="Resume a saved game from the saves folder",
        ),
        Binding(
            "r",
            "reload",
            "Reload",
            id="home.reload",
            tooltip="Look for scenario files again, e.g. after `sim new NAME`",
        ),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(TAGLINE, id="tagline")
        entries = self.app.catalog
        if not entries:
            folder = self.app.scenarios_folder
            yield Static(
                Content.from_markup(
                    "[b]No scenarios found.[/b]\n\n"
                    "Looked for *.toml files in $folder.\n\n"
                    "Make one with [b]sim new NAME[/b]: it writes a small starter scenario "
                    "that validates, ready to edit. Or point [b]SIM_SCENARIOS[/b] at a folder "
                    "of scenario files. Then press r to look again.",
                    folder=str(folder),
                ),
                id="empty-state",
            )
        else:
            yield ScenarioTable(entries, id="scenario-table")
            with Horizontal(id="home-bottom"):
                yield ScenarioDetails(id="scenario-details")
                yield Button("Open ▸", id="open-button", variant="primary", compact=True)
        yield FitFooter()

    def on_mount(self) -> None:
        self._show_catalog()

    def _show_catalog(self) -> None:
        count = len(self.app.catalog)
        self.sub_title = f"{count} scenario{'s' if count != 1 else ''}"
        if count:
            self.query_one(ScenarioTable).focus()
            self._describe(0)

    def _describe(self, index: int) -> None:
        self.query_one(ScenarioDetails).update(describe(self.app.catalog[index]))

    @on(DataTable.RowHighlighted, "#scenario-table")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._describe(event.cursor_row)

    @on(DataTable.RowSelected, "#scenario-table")
    def _selected(self, event: DataTable.RowSelected) -> None:
        # A click on the highlighted row lands here; Enter goes through action_open.
        self.post_message(OpenScenario(self.app.catalog[event.cursor_row]))

    @on(Button.Pressed, "#open-button")
    def _open_pressed(self) -> None:
        self.action_open()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Nothing to open in an empty folder: hide "Open" rather than fail quietly.
        return not (action in ("open", "new_game") and not self.app.catalog)

    def action_open(self) -> None:
        entry = self.query_one(ScenarioTable).highlighted
        if entry is not None:
            self.post_message(OpenScenario(entry))

    def action_new_game(self) -> None:
        entry = self.query_one(ScenarioTable).highlighted
        if entry is not None:
            self.post_message(AskNewGame(entry))

    def action_saves(self) -> None:
        self.post_message(Go("saves"))

    def action_reload(self) -> None:
        self.post_message(ReloadCatalog())

    async def catalog_changed(self) -> None:
        """The app read the scenario folder again: show what it found."""
        await self.recompose()
        self._show_catalog()
        self.refresh_bindings()
        self.notify(f"Found {len(self.app.catalog)} scenario files.", timeout=3)

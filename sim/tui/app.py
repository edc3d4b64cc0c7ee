"""The Textual app and `make_app`, the one factory the CLI and the tests both use."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual.app import App
from textual.binding import Binding, BindingType

from sim.scenario.catalog import CatalogEntry, load_catalog, scenarios_dir
from sim.scenario.errors import ScenarioInvalid
from sim.scenario.load import load_scenario
from sim.tui.commands import OpenScenarioCommands
from sim.tui.screens.help import HelpScreen
from sim.tui.screens.home import HomeScreen
from sim.tui.screens.scenario import ScenarioScreen

DARK, LIGHT = "textual-dark", "textual-light"


class CommonTableApp(App[None]):
    """Common Table: browse scenarios now; play arrives with the game engine."""

    TITLE = "Common Table"
    CSS_PATH = "app.tcss"
    COMMANDS: ClassVar = App.COMMANDS | {OpenScenarioCommands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "Quit", id="app.quit", tooltip="Leave Common Table"),
        Binding(
            "question_mark,f1",
            "help",
            "Help",
            key_display="?",
            id="app.help",
            tooltip="List every key (also f1)",
        ),
        Binding("t", "toggle_theme", "Theme", id="app.theme", tooltip="Switch light and dark"),
    ]

    def __init__(self, scenarios_folder: Path, scenario_file: Path | None = None) -> None:
        super().__init__()
        self.scenarios_folder = scenarios_folder
        self.scenario_file = scenario_file
        self.catalog: list[CatalogEntry] = load_catalog(scenarios_folder)

    def on_mount(self) -> None:
        self.push_screen(HomeScreen())
        if self.scenario_file is not None:
            self.open_entry(load_entry(self.scenario_file))

    def reload_catalog(self) -> None:
        self.catalog = load_catalog(self.scenarios_folder)

    def open_entry(self, entry: CatalogEntry) -> None:
        """Show one scenario on top of the home screen, so Escape always leads back."""
        self.go_home()
        self.push_screen(ScenarioScreen(entry))

    def go_home(self) -> None:
        while isinstance(self.screen, ScenarioScreen | HelpScreen):
            self.pop_screen()

    def action_help(self) -> None:
        if isinstance(self.screen, HelpScreen):
            return
        self.push_screen(
            HelpScreen(
                [
                    ("Everywhere", self.BINDINGS),
                    ("Scenario list", HomeScreen.BINDINGS),
                    ("Scenario", ScenarioScreen.BINDINGS),
                ]
            )
        )

    def action_toggle_theme(self) -> None:
        self.theme = LIGHT if self.current_theme.dark else DARK


def load_entry(path: Path) -> CatalogEntry:
    """A catalog entry for one file, with its errors rather than an exception."""
    try:
        return CatalogEntry(path, load_scenario(path))
    except ScenarioInvalid as exc:
        return CatalogEntry(path, None, exc.errors)


def make_app(
    scenario_file: Path | None = None, scenarios_folder: Path | None = None
) -> CommonTableApp:
    """The app on the home screen, or straight on one scenario when a file is given."""
    return CommonTableApp(scenarios_folder or scenarios_dir(), scenario_file)

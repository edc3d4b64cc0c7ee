"""The scenario screen: a scenario's public briefing, roster, tensions and issues.

From here `n` starts a new game of it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, Input, Markdown, Static, TabbedContent, TabPane

from sim.play.public import briefing_markdown, roster_rows, sectors_present, tensions_markdown
from sim.scenario.catalog import CatalogEntry
from sim.tui.commands import ScenarioCommands
from sim.tui.common.footer import FitFooter
from sim.tui.home.problems import ProblemList
from sim.tui.home.roster import RosterView
from sim.tui.home.scenario_list import INVALID
from sim.tui.messages import AskNewGame, Go

if TYPE_CHECKING:
    from sim.tui.host import Host

PLAY_NOTE = "Press n to start a new game of this scenario: choose your seat and a seed."
TABS = ("briefing", "roster", "tensions")


class ScenarioScreen(Screen[None]):
    """One scenario file: tabs when it validates, its error lines when it does not."""

    app: Host  # type: ignore[assignment]

    COMMANDS: ClassVar = {ScenarioCommands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", id="scenario.back", tooltip="Back to the scenario list"),
        Binding(
            "n",
            "new_game",
            "New game",
            id="scenario.new_game",
            tooltip="Start a game of this scenario: choose a seat and a seed",
        ),
        # A priority binding acts the moment the key arrives, before later keys are
        # routed, so a quick "/county" lands whole in the filter, not in the table.
        Binding(
            "slash",
            "filter",
            "Filter",
            key_display="/",
            id="scenario.filter",
            priority=True,
            tooltip="Show the roster and type part of a name",
        ),
        Binding(
            "1",
            "tab('briefing')",
            "Briefing",
            show=False,
            id="scenario.briefing",
            tooltip="Show the briefing tab",
        ),
        Binding(
            "2",
            "tab('roster')",
            "Roster",
            show=False,
            id="scenario.roster",
            tooltip="Show the roster tab",
        ),
        Binding(
            "3",
            "tab('tensions')",
            "Tensions & issues",
            show=False,
            id="scenario.tensions",
            tooltip="Show the tensions & issues tab",
        ),
    ]

    def __init__(self, entry: CatalogEntry) -> None:
        super().__init__()
        self.entry = entry

    def compose(self) -> ComposeResult:
        yield Header()
        scenario = self.entry.scenario
        if scenario is None:
            yield ProblemList(self.entry.path, self.entry.errors, id="problems")
            yield FitFooter()
            return
        with TabbedContent(id="scenario-tabs"):
            with TabPane("Briefing", id="briefing"), VerticalScroll(id="briefing-scroll"):
                yield Markdown(briefing_markdown(scenario), id="briefing-text")
            with TabPane("Roster", id="roster"):
                yield RosterView(
                    roster_rows(scenario),
                    sectors_present(scenario),
                    [(interest.id, interest.name) for interest in scenario.interests],
                    id="roster-view",
                )
            with (
                TabPane("Tensions & issues", id="tensions"),
                VerticalScroll(id="tensions-scroll"),
            ):
                yield Markdown(tensions_markdown(scenario), id="tensions-text")
        yield Static(PLAY_NOTE, id="play-note")
        yield FitFooter()

    def on_mount(self) -> None:
        scenario = self.entry.scenario
        if scenario is None:
            self.title = f"{INVALID} · {self.entry.path.name}"
            self.query_one("#problems").focus()
            return
        self.title = scenario.scenario.title
        self.sub_title = self.entry.path.name
        self.query_one("#briefing-scroll").focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # An invalid file has no tabs to filter or switch to.
        return not (action in ("filter", "tab", "new_game") and self.entry.scenario is None)

    def show_tab(self, tab: str) -> None:
        """Switch tab and focus its content at once, so the next key already acts on it."""
        self.query_one(TabbedContent).active = tab
        focus = {"briefing": "#briefing-scroll", "roster": "#roster-table"}
        self.set_focus(self.query_one(focus.get(tab, "#tensions-scroll")))

    def action_tab(self, tab: str) -> None:
        if tab in TABS:
            self.show_tab(tab)

    def action_filter(self) -> None:
        name = self.query_one("#roster-name", Input)
        if self.focused is name:
            name.insert_text_at_cursor("/")  # in the filter itself, / is just a character
            return
        self.query_one(TabbedContent).active = "roster"
        self.query_one(RosterView).focus_name_filter()

    def action_new_game(self) -> None:
        self.post_message(AskNewGame(self.entry))

    def clear_filters(self) -> None:
        self.query_one(RosterView).clear_filters()

    def action_back(self) -> None:
        self.post_message(Go("home"))

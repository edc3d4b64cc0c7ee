"""The Textual app and `make_app`, the one factory the CLI and the tests both use."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual import events
from textual.app import App
from textual.binding import Binding, BindingType
from textual.widgets import Input, TextArea

from sim.engine import IllegalAction
from sim.engine import actions as A
from sim.play import uistate
from sim.play.choices import Choice
from sim.play.driver import Driver, Turn, waiting_for
from sim.play.launch import Started, new_game, random_seed, resume_game, saves_dir
from sim.record import SaveError
from sim.record.reader import glance
from sim.scenario.catalog import CatalogEntry, load_catalog, scenarios_dir
from sim.scenario.errors import ScenarioInvalid
from sim.scenario.load import load_scenario
from sim.tui.commands import OpenScenarioCommands
from sim.tui.common.dialogs import ChoiceDialog, PickManyDialog
from sim.tui.common.help import HelpScreen
from sim.tui.game import flows, member_flows
from sim.tui.game.agreement import AgreementScreen
from sim.tui.game.allocation import AllocationScreen
from sim.tui.game.briefing import GameBriefingScreen
from sim.tui.game.member_panel import MemberPanel
from sim.tui.game.scorecard import ScorecardScreen
from sim.tui.game.screen import GameScreen
from sim.tui.game.stage import StageDialog
from sim.tui.game.table import TableScreen
from sim.tui.home.home import HomeScreen
from sim.tui.home.new_game import NewGameDialog
from sim.tui.home.saves import SavesScreen
from sim.tui.home.scenario import ScenarioScreen
from sim.tui.keymap import Keymap, binding_ids, keymap_path, load_keymap
from sim.tui.messages import (
    AskNewGame,
    Go,
    LeaveGame,
    OpenDebrief,
    OpenScenario,
    ReloadCatalog,
    ResumeSave,
    Shown,
    Submit,
)
from sim.tui.replay.opening import Opening, OpeningScreen

if TYPE_CHECKING:
    from sim.debrief.debrief import Debrief

DARK, LIGHT = "textual-dark", "textual-light"
# A save opened in the debrief viewer: the debrief, the saves to compare, the step to open on.
Viewing = tuple["Debrief", list[Path], int | None]
CURSOR_BLINK_ENV = "SIM_CURSOR_BLINK"
TOASTS_KEPT = 50
RULES_IN_BRIEF = [
    "You play one seat: the convener (solo), or an organization while a bot convenes.",
    "Forming: invite members (how you ask decides whom they send) and name the result.",
    "Storming: every tension that surfaced must be handled before norming.",
    "Norming: propose options issue by issue; they pass under the DecisionRule in force.",
    "Performing: members pledge, you fund projects from streams under their rules, and "
    "measurement shows what really works. Low trust can send the table back to storming.",
    "Each round gives the convener a little time; e ends the round. The game ends after "
    "the last round of the last year, with the scorecard.",
    "Every action is saved as it happens; quit any time and resume from the home screen.",
]


class CommonTableApp(App[None]):
    """Common Table: browse scenarios, start or resume a game, play it to the scorecard."""

    TITLE = "Common Table"
    CSS_PATH = "app.tcss"
    COMMANDS: ClassVar = App.COMMANDS | {OpenScenarioCommands}
    HORIZONTAL_BREAKPOINTS: ClassVar = [(0, "-narrow"), (100, "-wide")]
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

    def __init__(
        self,
        scenarios_folder: Path,
        scenario_file: Path | None = None,
        *,
        seat: str | None = None,
        seed: int | None = None,
        resume: Path | None = None,
        saves_folder: Path | None = None,
        driver: Driver | None = None,
        replay: Viewing | Opening | None = None,
    ) -> None:
        super().__init__()
        self.replay = replay
        self.replay_problem: str | None = None  # a save `sim replay` found damaged
        self.scenarios_folder = scenarios_folder
        self.scenario_file = scenario_file
        self._catalog: list[CatalogEntry] | None = None  # read when first asked for
        self.saves_folder = saves_folder or saves_dir()
        self.start_seat = seat
        self.start_seed = seed
        self.resume_path = resume
        self._game = driver
        # What the app told the person, newest last: for tests and a support report.
        self.toasts: list[str] = []
        # Invitations and side deals already put to the person (escape leaves them to a key).
        self.prompted: set[str] = set()
        self.keymap = Keymap()
        # SIM_CURSOR_BLINK=0 keeps text cursors still (snapshot tests, screen readers).
        self.cursor_blink = os.environ.get(CURSOR_BLINK_ENV, "1") != "0"

    # ------------------------------------------------------------------ start up

    def on_mount(self) -> None:
        self.apply_keymap()
        if isinstance(self.replay, Opening):
            self.push_screen(OpeningScreen(self.replay))
            return
        if self.replay is not None:
            from sim.tui.replay.screen import ReplayScreen

            self.push_screen(ReplayScreen(*self.replay))
            return
        self.start()

    def apply_keymap(self) -> None:
        known = binding_ids(b for _, group in binding_groups() for b in group)
        keymap = self.keymap = load_keymap(keymap_path(), known)
        if keymap.keys:
            self.set_keymap(keymap.keys)
        for problem in keymap.problems:
            self.notify(problem, severity="warning", timeout=10)

    def start(self) -> None:
        # Straight into a game, the home screen is built only when the person goes there.
        new_game = self.scenario_file is not None and (
            self.start_seat is not None or self.start_seed is not None
        )
        direct = self._game is not None or self.resume_path is not None or new_game
        if not direct:
            self.push_screen(HomeScreen())
        if self._game is not None:
            self.play(Started(self._game), briefing=False)
        elif self.resume_path is not None:
            self.resume_save(self.resume_path)
        elif self.scenario_file is not None:
            entry = load_entry(self.scenario_file)
            if entry.scenario is not None and new_game:
                seed = self.start_seed if self.start_seed is not None else random_seed()
                self.start_game(entry, self.start_seat or A.CONVENER, seed)
            else:
                self.open_entry(entry)  # also an invalid file asked to start: show its errors

    @property
    def catalog(self) -> list[CatalogEntry]:
        """The scenarios folder's files, read on first use: a game or a replay opened
        straight from the command line shows its first frame without parsing them all."""
        if self._catalog is None:
            self._catalog = load_catalog(self.scenarios_folder)
        return self._catalog

    def reload_catalog(self) -> None:
        self._catalog = load_catalog(self.scenarios_folder)

    def open_entry(self, entry: CatalogEntry) -> None:
        """Show one scenario on top of the home screen, so Escape always leads back."""
        self.go_home()
        self.push_screen(ScenarioScreen(entry))

    def go_home(self) -> None:
        self._clear()
        if not isinstance(self.screen, HomeScreen):
            self.push_screen(HomeScreen())

    def _clear(self) -> None:
        """Pop every screen above the home screen (or above the app's own base screen)."""
        while len(self.screen_stack) > 1 and not isinstance(self.screen, HomeScreen):
            self.pop_screen()

    def open_saves(self) -> None:
        self.go_home()
        self.push_screen(SavesScreen())

    # ------------------------------------------------------------------ what screens ask for

    def on_submit(self, message: Submit) -> None:
        message.stop()
        self.submit(message.action)

    def on_go(self, message: Go) -> None:
        message.stop()
        place = message.place
        if place == "home":
            self.go_home()
        elif place == "saves":
            self.open_saves()
        elif place == "agreement":
            self.open_agreement()
        elif place == "allocation":
            self.open_allocation()
        elif place == "briefing":
            self.open_briefing()
        elif place == "scorecard":
            self.show_scorecard()
        else:
            self._to_table()

    def on_leave_game(self, message: LeaveGame) -> None:
        message.stop()
        self.leave_game(ask=message.ask)

    def on_open_debrief(self, message: OpenDebrief) -> None:
        message.stop()
        self.open_debrief(message.path)

    def on_shown(self, message: Shown) -> None:
        message.stop()
        self.remember_place(message.place)

    def on_open_scenario(self, message: OpenScenario) -> None:
        message.stop()
        self.open_entry(message.entry)

    def on_ask_new_game(self, message: AskNewGame) -> None:
        message.stop()
        self.ask_new_game(message.entry)

    def on_resume_save(self, message: ResumeSave) -> None:
        message.stop()
        self.resume_save(message.path)

    async def on_reload_catalog(self, message: ReloadCatalog) -> None:
        message.stop()
        self.reload_catalog()
        if isinstance(self.screen, HomeScreen):
            await self.screen.catalog_changed()

    # ------------------------------------------------------------------ games

    @property
    def driver(self) -> Driver:
        assert self._game is not None, "no game is in play"
        return self._game

    @property
    def in_game(self) -> bool:
        return self._game is not None

    def ask_new_game(self, entry: CatalogEntry) -> None:
        """Ask seat and seed for a scenario, then start it."""
        if entry.scenario is None:
            self.notify("This file does not validate, so it cannot be played.", severity="error")
            return
        seed = self.start_seed if self.start_seed is not None else random_seed()
        dialog = NewGameDialog(entry.scenario, self.start_seat or A.CONVENER, seed)

        def chosen(value: tuple[str, int] | None) -> None:
            if value is not None:
                self.start_game(entry, *value)

        self.push_screen(dialog, chosen)

    def start_game(self, entry: CatalogEntry, seat: str, seed: int) -> None:
        self.play(new_game(entry.path, seat, seed, self.saves_folder), briefing=True)

    def resume_save(self, path: Path) -> None:
        try:
            started = resume_game(path)
        except SaveError as exc:
            self.go_home()
            self.notify(f"Cannot resume {path.name}: {exc}", severity="error", timeout=10)
            return
        self.play(started, briefing=False, place=uistate.recall(path))

    def play(self, started: Started, *, briefing: bool, place: str = "table") -> None:
        """Show a game: the table, with the briefing on top for a new one."""
        if self._game is not started.driver:
            self.close_game()
        self._game = started.driver
        self._clear()
        self.driver.start()  # a bot convener moves first when a person holds an org
        self.push_screen(TableScreen())
        if started.warning:
            self.notify(started.warning, severity="warning", timeout=10)
        if self.driver.view.over:
            self.show_scorecard()
            return
        if briefing or place == "briefing":
            self.push_screen(GameBriefingScreen(), lambda _: self.prompt_due())
        elif place == "agreement":
            self.open_agreement()
        elif place == "allocation":
            self.open_allocation()
        if not briefing:
            self.prompt_due()

    def submit(self, action: A.Action) -> Turn | None:
        """The one way the UI changes a game: the driver applies, saves and runs the bots."""
        try:
            turn = self.driver.submit(action)
        except IllegalAction as exc:
            self.notify(f"Not now: {exc}.", severity="warning", timeout=5)
            return None
        except SaveError as exc:
            self.notify(f"Not saved, so not played: {exc}", severity="error", timeout=10)
            return None
        self.after_turn(turn)
        return turn

    def after_turn(self, turn: Turn) -> None:
        self.refresh_game()
        view = self.driver.view
        if view.over:
            self.show_scorecard()
            return
        if turn.stage_changes:
            self.push_screen(StageDialog(view, turn), lambda _: self.prompt_due())
        else:
            self.prompt_due()

    def refresh_game(self) -> None:
        """Redraw the game screen in view now; the ones beneath redraw when they return."""
        screens = [s for s in self.screen_stack if isinstance(s, GameScreen) and s.is_mounted]
        for screen in screens[:-1]:
            screen.stale = True
        if screens:
            screens[-1].refresh_game()

    def prompt_due(self) -> None:
        """Open what a person owes, once: an invitation to answer, a vote, a pledge, a side
        deal offered to them. Escape leaves it to its key (j, v, p, x)."""
        view = self.driver.view
        due = waiting_for(view)
        if due in ("join", "deal"):
            due = None  # keyed below by which invitation or deal, so each is put once
        if due is None and member_flows.invited(view) is not None:
            # Each invitation is put to the person once (a seat may be invited again).
            times = sum(
                n.kind == "invited" and getattr(n, "organization", "") == view.seat
                for n in view.feed
            )
            due = f"join{times}"
        deals = member_flows.deals_to_answer(view) if not view.over else []
        if due is None and deals:
            due = f"deal{deals[0].number}"
        asked = any(
            isinstance(s, ChoiceDialog) and s.purpose in ("join", "deal", due)
            for s in self.screen_stack
        )
        host = next((s for s in reversed(self.screen_stack) if isinstance(s, GameScreen)), None)
        if due is None or asked or host is None or due in self.prompted:
            return
        if due == "vote":
            flows.vote(host)
        elif due == "pledge":
            flows.pledge(host)
        elif due.startswith("join"):
            self.prompted.add(due)
            member_flows.join(host)
        else:
            self.prompted.add(due)  # a deal is offered once; x answers it after escape
            member_flows.answer_deal(host, deals[0])

    def open_agreement(self) -> None:
        if not isinstance(self.screen, AgreementScreen):
            self._to_table()
            self.push_screen(AgreementScreen())

    def open_allocation(self) -> None:
        if not isinstance(self.screen, AllocationScreen):
            self._to_table()
            self.push_screen(AllocationScreen())

    def open_briefing(self) -> None:
        self.push_screen(GameBriefingScreen())

    def show_scorecard(self) -> None:
        self._to_table()
        self.push_screen(ScorecardScreen())

    def _to_table(self) -> None:
        while len(self.screen_stack) > 1 and not isinstance(self.screen, TableScreen | HomeScreen):
            self.pop_screen()

    def open_debrief(self, path: Path) -> None:
        """Open a save in the debrief viewer on top of the home screen; escape comes back."""
        self.close_game()  # the save must be free for the viewer to read and annotate
        try:
            seen = glance(path)
        except SaveError as exc:
            self.notify(f"Cannot replay {path.name}: {exc}", severity="error", timeout=10)
            return
        self.go_home()
        self.push_screen(OpeningScreen(Opening(path, seen)))

    def on_replay_screen_closed(self, message: object) -> None:
        """Closing a viewer opened by `sim replay` quits; one opened from home goes home."""
        if self.replay is not None:
            self.exit()
        else:
            self.pop_screen()

    def on_opening_screen_failed(self, message: OpeningScreen.Failed) -> None:
        self.replay_problem = message.problem

    def on_replay_screen_branch_made(self, message: object) -> None:
        """A what-if branch was written: continue it as a game."""
        self.resume_save(message.what_if.path)  # type: ignore[attr-defined]

    def remember_place(self, place: str) -> None:
        saved = self._game.saved if self._game is not None else None
        if saved is not None:
            uistate.remember(saved, place)

    def leave_game(self, *, ask: bool = True) -> None:
        """Back to the home screen; the game stays saved for resuming."""

        def leave(value: str | None = "leave") -> None:
            if value == "leave":
                self.go_home()
                self.close_game()

        if not ask:
            leave()
            return
        saved = self._game is not None and self._game.saved is not None
        note = "It is saved: resume it from the home screen (l)." if saved else "It is not saved."
        dialog = ChoiceDialog(
            "Leave this game?",
            [Choice("Leave for the home screen", "leave"), Choice("Keep playing", "stay")],
            note,
        )
        self.push_screen(dialog, leave)

    def close_game(self) -> None:
        if self._game is not None:
            self._game.close()
            self._game = None

    async def action_quit(self) -> None:
        self.close_game()
        self.exit()

    # ------------------------------------------------------------------ help and theme

    def action_help(self) -> None:
        if isinstance(self.screen, HelpScreen):
            return
        where = self.keymap.path or keymap_path()
        note = (
            f"Keys come from {where}. " if self.keymap.keys else f"Remap any key in {where}: "
        ) + 'a [keys] table of id = "key", e.g. "table.invite" = "ctrl+i" (ids in brackets).'
        self.push_screen(
            HelpScreen(
                binding_groups(), RULES_IN_BRIEF, remapped=self.keymap.keys, keymap_note=note
            )
        )

    def notify(self, message: str, *args: Any, **kwargs: Any) -> None:  # type: ignore[override]
        self.toasts = [*self.toasts[-(TOASTS_KEPT - 1) :], message]
        super().notify(message, *args, **kwargs)

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        if not self.cursor_blink and isinstance(event.widget, Input | TextArea):
            event.widget.cursor_blink = False

    def action_toggle_theme(self) -> None:
        self.theme = LIGHT if self.current_theme.dark else DARK


def binding_groups() -> list[tuple[str, list[BindingType]]]:
    """Every screen's key bindings by where they work: the help screen lists them with their
    ids, and a keymap file may remap any of them."""
    from sim.tui.replay.screen import ReplayScreen

    return [
        ("Everywhere", CommonTableApp.BINDINGS),
        ("Scenario list", HomeScreen.BINDINGS),
        ("Scenario", ScenarioScreen.BINDINGS),
        ("The table", TableScreen.BINDINGS),
        ("Agreement editor", AgreementScreen.BINDINGS),
        ("Allocation editor", AllocationScreen.BINDINGS),
        ("Scorecard", ScorecardScreen.BINDINGS),
        ("Debrief viewer", ReplayScreen.BINDINGS),
        ("Member panel", MemberPanel.BINDINGS),
        ("Dialogs", ChoiceDialog.BINDINGS[:1]),
        ("Ticking several", PickManyDialog.BINDINGS),
    ]


def load_entry(path: Path) -> CatalogEntry:
    """A catalog entry for one file, with its errors rather than an exception."""
    try:
        return CatalogEntry(path, load_scenario(path))
    except ScenarioInvalid as exc:
        return CatalogEntry(path, None, exc.errors)


def make_replay_app(
    debrief: Debrief, compare: list[Path] | None = None, step: int | None = None
) -> CommonTableApp:
    """`sim replay SAVE`: the app opened straight on the debrief viewer (escape quits)."""
    return CommonTableApp(scenarios_dir(), replay=(debrief, list(compare or []), step))


def open_replay_app(opening: Opening) -> CommonTableApp:
    """`sim replay SAVE`: the viewer's first frame from the header, the replay behind it."""
    return CommonTableApp(scenarios_dir(), replay=opening)


def run_viewer(opening: Opening) -> str | None:
    """Run the viewer on a save; what was wrong with it, if it proved damaged, else None."""
    app = open_replay_app(opening)
    app.run()
    return app.replay_problem


def make_app(
    scenario_file: Path | None = None,
    scenarios_folder: Path | None = None,
    *,
    seat: str | None = None,
    seed: int | None = None,
    resume: Path | None = None,
    saves_folder: Path | None = None,
    driver: Driver | None = None,
) -> CommonTableApp:
    """The app on the home screen; on one scenario when a file is given; in a game when a
    seat or seed comes with it, a save is resumed, or a driver (tests, benchmarks) is passed.
    """
    return CommonTableApp(
        scenarios_folder or scenarios_dir(),
        scenario_file,
        seat=seat,
        seed=seed,
        resume=resume,
        saves_folder=saves_folder,
        driver=driver,
    )

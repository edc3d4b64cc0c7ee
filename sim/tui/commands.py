"""Command-palette providers (ctrl+p): one for the app and one per screen, as in posting."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any, Protocol, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider

from sim.debrief.names import plural
from sim.engine import actions as A
from sim.engine.actions import Action
from sim.engine.view import SeatView
from sim.play.words import describe, money
from sim.scenario.catalog import CatalogEntry
from sim.scenario.words import REPRESENTATIVE
from sim.tui.home.scenario_list import entry_title
from sim.tui.messages import Go, OpenScenario, Submit

if TYPE_CHECKING:
    from sim.tui.host import Host

Command = tuple[str, Callable[[], Any], str]


class ScenarioPane(Protocol):
    """What the scenario screen offers the palette (the screen imports this module)."""

    entry: CatalogEntry

    def action_back(self) -> None: ...

    def show_tab(self, tab: str) -> None: ...

    def clear_filters(self) -> None: ...


Post = Callable[[Any], object]


def _submit(post: Post, action: Action) -> None:
    post(Submit(action))  # a new message each time: a palette command can run twice


def _open(post: Post, entry: CatalogEntry) -> None:
    post(OpenScenario(entry))


class SimpleCommands(Provider):
    """A fixed list of (text, callback, help) commands, fuzzy-matched on their text."""

    def commands(self) -> list[Command]:
        raise NotImplementedError

    @property
    def game(self) -> Host:
        return cast("Host", self.app)

    async def discover(self) -> Hits:
        for text, callback, help_text in self.commands():
            yield DiscoveryHit(text, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for text, callback, help_text in self.commands():
            score = matcher.match(text)
            if score > 0:
                yield Hit(score, matcher.highlight(text), callback, text=text, help=help_text)


class OpenScenarioCommands(SimpleCommands):
    """'Open scenario: <title>' for every scenario file, from any screen."""

    def commands(self) -> list[Command]:
        game = self.game
        return [
            (
                f"Open scenario: {entry_title(entry)}",
                partial(_open, self.screen.post_message, entry),
                entry.scenario.scenario.summary if entry.scenario else "Show its problems",
            )
            for entry in game.catalog
        ]


class HomeCommands(SimpleCommands):
    def commands(self) -> list[Command]:
        return [
            (
                "Reload scenario list",
                partial(self.screen.run_action, "reload"),
                "Look for scenario files again",
            )
        ]


class ScenarioCommands(SimpleCommands):
    def commands(self) -> list[Command]:
        screen = cast(ScenarioPane, self.screen)
        commands: list[Command] = [
            ("Back to the scenario list", screen.action_back, "Return to the home screen"),
        ]
        if screen.entry.scenario is None:
            return commands
        return [
            ("Show briefing", partial(screen.show_tab, "briefing"), "The public briefing"),
            ("Show roster", partial(screen.show_tab, "roster"), "All organizations"),
            (
                "Show tensions & issues",
                partial(screen.show_tab, "tensions"),
                "Known conflicts and what the agreement must settle",
            ),
            ("Clear roster filters", screen.clear_filters, "Show every organization again"),
            *commands,
        ]


class TableCommands(SimpleCommands):
    """The table's steps by name, and every legal action of the seat spelled out."""

    def commands(self) -> list[Command]:
        screen = self.screen
        post = screen.post_message
        view = self.game.driver.view
        commands: list[Command] = [
            (
                "Show briefing",
                partial(screen.run_action, "briefing"),
                "Your brief and the public one",
            ),
            ("Open agreement editor", lambda: post(Go("agreement")), "Issues, options and votes"),
            (
                "Open allocation editor",
                lambda: post(Go("allocation")),
                "Projects, streams and the ledger",
            ),
            ("Show members", partial(screen.run_action, "tab('members')"), "The roster"),
            ("Show tensions", partial(screen.run_action, "tab('tensions')"), "Open conflicts"),
            ("Show feed", partial(screen.run_action, "tab('feed')"), "Everything that happened"),
        ]
        if view.over:
            commands.append(("Scorecard", lambda: post(Go("scorecard")), "How the game went"))
        for action in view.legal:
            words = palette_words(view, action)
            if words is None:
                continue
            text = "Do: " + words
            commands.append((text, partial(_submit, post, action), "Submit this action now"))
        return commands


# Moves the palette leaves to their dialogs: amounts, whom to tick, a deal's terms, and a
# walk-out, which asks first.
DIALOG_ONLY = {"pledge", "offer_deal", "name_steering", "walk_out"}


def palette_words(view: SeatView, action: A.Action) -> str | None:
    """What a legal action does, in names, or None for one taken only through its dialog."""
    public = view.scenario
    match action:
        case _ if action.kind in DIALOG_ONLY:
            return None
        case A.SoundOut(members=members, issues=issues):
            names = ", ".join(public.short(m) for m in members)
            return f"Sound out {names} on {plural(len(issues), 'open issue')}"
        case A.Join(representative="nobody"):
            return "Decline the invitation"
        case A.Join(representative=rep) | A.AskToJoin(representative=rep):
            verb = "Join" if action.kind == "join" else "Ask to join"
            return f"{verb}, sending your {REPRESENTATIVE[rep]}"
        case A.Deliver(amount=amount):
            return f"Deliver {money(amount)} of your pledge"
        case A.RaiseTension(tension=tension):
            return f"Raise a tension: {public.tension[tension].title}"
        case A.AnswerDeal(deal=number, accept=accept):
            deal = next((d for d in view.deals if d.number == number), None)
            offerer = public.short(deal.offerer) if deal else "a member"
            return f"{'Accept' if accept else 'Decline'} the side deal from {offerer}"
        case A.Stop(project=project):
            return f"Stop {public.project[project].name}"
    return describe(view, action)

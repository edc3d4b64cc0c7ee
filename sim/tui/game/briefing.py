"""The game briefing: the public briefing and the seat's confidential brief, goals and BATNA.

This is the only screen that shows a seat's confidential sheet, and only its own.
"""

from __future__ import annotations

from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Footer, Header, Markdown

from sim.engine.game import Game
from sim.play.public import briefing_markdown
from sim.play.words import money, seat_label
from sim.tui.game.screen import GameScreen


def confidential_markdown(game: Game, seat: str, view: dict[str, Any]) -> str:
    """The seat's own sheet in plain words: brief, goals, and what walking away is worth."""
    secret = view.get("confidential", {})
    lines = [f"# Your seat: {seat_label(game, seat)}", "", "## Your confidential brief", ""]
    lines += [str(secret.get("brief", "")).strip() or "_No brief._", "", "## Your goals", ""]
    goals = secret.get("goals") or []
    lines += [f"- {g}" for g in goals] or ["_None stated._"]
    if "batna" in secret:
        batna = secret["batna"]
        lines += [
            "",
            "## Your BATNA (what walking away is worth)",
            "",
            f"**{batna} points.** An agreement that gives you fewer points than this is worse "
            "for you than no agreement. Your points for each option are below; only you see "
            "them.",
        ]
        for issue in game.scenario.issues:
            sheet = secret["points"].get(issue.id, {})
            if not sheet:
                continue
            lines += ["", f"### {issue.name}", "", "| Option | Your points |", "|---|---:|"]
            lines += [f"| {o.label} | {sheet.get(o.id, 0)} |" for o in issue.options]
    else:
        lines += [
            "",
            "## Your means",
            "",
            f"- **Convener time** each round: {game.scenario.convener.time_per_round} "
            "(inviting, handling tensions, proposing and measuring all take time)",
            f"- **Convening budget**: {money(secret.get('budget', 0.0))} for mediation and "
            "measurement",
            "- You have no points of your own: you win when the partnership delivers.",
        ]
    return "\n".join(lines) + "\n"


def game_briefing_markdown(game: Game, seat: str, view: dict[str, Any]) -> str:
    public = briefing_markdown(game.scenario)
    return confidential_markdown(game, seat, view) + "\n---\n\n# The public briefing\n\n" + public


class GameBriefingScreen(GameScreen):
    """Read before play, and again any time with b from the table."""

    PLACE = "briefing"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "escape,enter",
            "close",
            "To the table",
            id="briefing.close",
            tooltip="Close the briefing and go to the table",
        ),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        driver = self.driver
        text = game_briefing_markdown(driver.game, driver.seat, driver.view())
        with VerticalScroll(id="game-briefing-scroll"):
            yield Markdown(text, id="game-briefing-text")
        yield Footer()

    def on_mount(self) -> None:
        self.title = f"Briefing · {self.driver.game.scenario.scenario.title}"
        self.sub_title = seat_label(self.driver.game, self.driver.seat)
        self.query_one("#game-briefing-scroll").focus()

    def action_close(self) -> None:
        self.app.pop_screen()

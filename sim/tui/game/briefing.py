"""The game briefing: the public briefing and the seat's confidential brief, goals and BATNA.

This is the only screen that shows a seat's confidential sheet, and only its own.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Header, Markdown

from sim.engine.view import SeatView
from sim.play.public import briefing_markdown
from sim.play.words import money, seat_label
from sim.tui.common.footer import FitFooter
from sim.tui.game.screen import GameScreen


def confidential_markdown(view: SeatView) -> str:
    """The seat's own sheet in plain words: brief, goals, and what walking away is worth."""
    public = view.scenario
    sheet, convener = view.sheet, view.convener
    brief = sheet.brief if sheet else convener.brief if convener else ""
    goals = sheet.goals if sheet else convener.goals if convener else ()
    lines = [f"# Your seat: {seat_label(view, view.seat)}", "", "## Your confidential brief", ""]
    lines += [brief.strip() or "_No brief._", "", "## Your goals", ""]
    lines += [f"- {g}" for g in goals] or ["_None stated._"]
    if sheet is not None:
        lines += [
            "",
            "## Your BATNA (what walking away is worth)",
            "",
            f"**{sheet.batna} points.** An agreement that gives you fewer points than this is "
            "worse for you than no agreement. Your points for each option are below; only you "
            "see them.",
        ]
        for issue in public.issues:
            points = sheet.points.get(issue.id, {})
            if not points:
                continue
            lines += ["", f"### {issue.name}", "", "| Option | Your points |", "|---|---:|"]
            lines += [f"| {o.label} | {points.get(o.id, 0)} |" for o in issue.options]
    else:
        budget = convener.budget if convener else 0.0
        lines += [
            "",
            "## Your means",
            "",
            f"- **Convener time** each round: {public.convener.time_per_round} "
            "(inviting, handling tensions, proposing and measuring all take time)",
            f"- **Convening budget**: {money(budget)} for mediation and measurement",
            "- You have no points of your own: you win when the partnership delivers.",
        ]
    return "\n".join(lines) + "\n"


def game_briefing_markdown(view: SeatView) -> str:
    public = briefing_markdown(view.scenario)
    return confidential_markdown(view) + "\n---\n\n# The public briefing\n\n" + public


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
        text = game_briefing_markdown(self.view)
        with VerticalScroll(id="game-briefing-scroll"):
            yield Markdown(text, id="game-briefing-text")
        yield FitFooter()

    def on_mount(self) -> None:
        self.fit_header()
        self.query_one("#game-briefing-scroll").focus()

    def headline(self) -> tuple[str, str]:
        return f"Briefing · {self.view.scenario.info.title}", "{seat}"

    def action_close(self) -> None:
        self.dismiss(None)  # runs the app's callback: what the person owes opens next

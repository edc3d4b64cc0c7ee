"""The scorecard: every dimension with its why lines, charts of trust and result, then the debrief.

It reads the game's scorecard (`SeatPort.scorecard`, ready once the partnership adjourns,
since it judges every seat's hidden sheet); the view's headline figures stand in when
there is none, so the end of a game always has a screen.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import DataTable, Header, Static, TabbedContent, TabPane, Tabs

from sim.engine.view import SeatView
from sim.play.driver import SeatPort
from sim.tui.common.footer import FitFooter
from sim.tui.common.rows import RowTable
from sim.tui.game.screen import GameScreen
from sim.tui.game.widgets.charts import Chart, result_caption, trust_caption
from sim.tui.game.widgets.meters import bar
from sim.tui.messages import LeaveGame, OpenDebrief


@dataclass(frozen=True)
class Line:
    """One dimension as the screen shows it."""

    name: str
    label: str
    score: float
    weight: float
    why: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Card:
    total: float | None
    lines: list[Line]
    seat_why: list[str]
    note: str = ""


def build_card(game: SeatPort) -> Card:
    """The scoring layer's scorecard, or the view's headline figures when it fails."""
    view = game.view
    try:
        card = game.scorecard()
    except Exception as exc:  # never lose the end of a game to a scoring failure
        return _fallback(view, f"The full scorecard is not available ({type(exc).__name__}).")
    if card is None:
        return _fallback(view, "The scorecard is ready when the partnership adjourns.")
    lines = [
        Line(name, d.label, d.score, d.weight, list(d.why))
        for name, d in card.dimensions.items()
        if name != "seat"
    ]
    seat_why: list[str] = []
    if view.seat in card.seats:
        mine = card.seats[view.seat]
        seat_why = [f"Your seat scores {mine.score:.0f} of 100.", *mine.why]
        result = card.dimensions.get("result")
        if result is not None:
            # A seat's own score leaves out what the partnership did; say it beside it.
            seat_why.append(
                f"The partnership you are part of scores {card.total:.1f} of 100, its result "
                f"{result.score:.0f} of 100 (the Scores tab says why)."
            )
    elif "seat" in card.dimensions:
        seat_why = list(card.dimensions["seat"].why)
    return Card(card.total, lines, seat_why)


def _fallback(view: SeatView, note: str) -> Card:
    achieved = view.year_results[-1] if view.year_results else 0.0
    metric, target = view.result or (view.scenario.results[0].id, 0.0)
    share = min(1.0, achieved / target) if target else 0.0
    lines = [
        Line("result", "result", 100 * share, 0.0, [f"{achieved:,.1f} of {target:g} ({metric})."]),
        Line(
            "trust",
            "trust & process",
            100 * view.density,
            0.0,
            [f"Trust density {view.density:.2f}; norm clarity {view.norm_clarity:.2f}."],
        ),
    ]
    return Card(None, lines, [], note)


class ScorecardScreen(GameScreen):
    """How the partnership did, dimension by dimension, and why."""

    PLACE = "scorecard"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "d",
            "debrief",
            "Debrief",
            id="scorecard.debrief",
            tooltip="Open this game in the debrief viewer",
        ),
        Binding("h", "home", "Home", id="scorecard.home", tooltip="Back to the home screen"),
        Binding(
            "1",
            "tab('scores')",
            "Scores",
            show=False,
            id="scorecard.scores",
            tooltip="Show the dimensions and why",
        ),
        Binding(
            "2",
            "tab('charts')",
            "Charts",
            show=False,
            id="scorecard.charts",
            tooltip="Show trust and result over time",
        ),
        Binding(
            "3",
            "tab('seat')",
            "Seat",
            show=False,
            id="scorecard.seat",
            tooltip="Show your seat's own score",
        ),
        Binding(
            "escape",
            "table",
            "Table",
            id="scorecard.table",
            tooltip="Look at the table as the game ended",
        ),
    ]

    def compose(self) -> ComposeResult:
        view = self.view
        self.card = build_card(self.game)
        yield Header()
        yield Static(id="score-headline")
        with TabbedContent(id="score-tabs"):
            with TabPane("Scores", id="scores"), Horizontal(id="scores-body"):
                yield RowTable(id="dimensions-table")
                with VerticalScroll(id="why-scroll"):
                    yield Static(id="why-text")
            with TabPane("Charts", id="charts"), Horizontal(id="charts-body"):
                result = view.result
                metric = view.scenario.metric[result[0]] if result else None
                yield Chart(
                    "Trust by round",
                    view.trust_history,
                    trust_caption(view.trust_history),
                    id="trust-chart",
                )
                yield Chart(
                    "Result by year",
                    view.year_results,
                    result_caption(
                        view.year_results,
                        result[1] if result else None,
                        metric.unit if metric else "",
                    ),
                    bars=True,
                    target=result[1] if result else None,
                    id="result-chart",
                )
            with TabPane("Your seat", id="seat"), VerticalScroll(id="seat-scroll"):
                yield Static(
                    Content("\n".join(self.card.seat_why) or "No seat score."), id="seat-text"
                )
        yield Static(id="debrief-note")
        yield FitFooter()

    def headline(self) -> tuple[str, str]:
        return "Scorecard", f"{self.view.scenario.info.title} · {{seat}}"

    def on_mount(self) -> None:
        view = self.view
        self.fit_header()
        card = self.card
        head = "Final score" if view.over else "Score so far"
        total = f"{card.total:.1f} / 100" if card.total is not None else "—"
        self.query_one("#score-headline", Static).update(
            Content.from_markup(
                "[b]$head $total[/b] · seed $seed · $steps actions · $note",
                head=head,
                total=total,
                seed=str(view.seed),
                steps=str(view.steps),
                note=card.note or "highlight a dimension to read why",
            )
        )
        table = self.query_one("#dimensions-table", DataTable)
        table.add_column("Dimension", key="label")
        table.add_column("Score", key="score")
        table.add_column("Weight", key="weight")
        table.add_column("", key="bar")
        for line in card.lines:
            table.add_row(
                Text(line.label),
                Text(f"{line.score:.0f}", justify="right"),
                Text(f"{line.weight:g}", justify="right"),
                Text(bar(line.score / 100, 10)),
                key=line.name,
            )
        saved = self.game.saved
        where = (
            f"This game is saved as {saved}." if saved is not None else "This game was not saved."
        )
        self.query_one("#debrief-note", Static).update(
            Content(f"{where} d: how to debrief it · h: home · q: quit")
        )
        self._why(0)
        table.focus()

    @on(DataTable.RowHighlighted, "#dimensions-table")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._why(event.cursor_row)

    def _why(self, index: int) -> None:
        if not self.card.lines:
            return
        line = self.card.lines[min(max(index, 0), len(self.card.lines) - 1)]
        text = [f"{line.label.capitalize()}: {line.score:.0f} of 100 (weight {line.weight:g})", ""]
        text += [f"• {why}" for why in line.why] or ["No reasons given."]
        self.query_one("#why-text", Static).update(Content("\n".join(text)))
        # Each dimension's reasons start at their first line, not where the last one's
        # scrolling left off.
        self.query_one("#why-scroll", VerticalScroll).scroll_home(animate=False)

    def action_tab(self, tab: str) -> None:
        """Switch tab and focus what it holds, so focus never stays in a hidden tab."""
        tabs = self.query_one(TabbedContent)
        tabs.active = tab
        focus = {"scores": "#dimensions-table", "seat": "#seat-scroll"}.get(tab)
        self.set_focus(self.query_one(focus) if focus else tabs.query_one(Tabs))

    def action_debrief(self) -> None:
        saved = self.game.saved
        if saved is None:
            self.notify("This game was not saved, so there is nothing to debrief later.")
            return
        self.post_message(OpenDebrief(saved))

    def action_home(self) -> None:
        self.post_message(LeaveGame(ask=False))

    def action_table(self) -> None:
        self.app.pop_screen()

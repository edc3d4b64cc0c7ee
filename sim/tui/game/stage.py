"""A stage moment: entering a new stage (or falling back to storming) stops play for a moment,
says what changed and why, and what the new stage asks of the table.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from sim.engine.notices import RoundEnded, StageChanged
from sim.engine.view import SeatView
from sim.play.driver import Turn
from sim.play.words import stage_title
from sim.tui.game.widgets.stage_bar import move_on_text, stage_hint

MAX_CHANGES = 8


def moment_title(change: StageChanged) -> str:
    if change.regression:
        return f"▼ Regression: back to {stage_title(change.dest)}"
    return f"▲ {stage_title(change.dest)}"


def moment_lines(view: SeatView, turn: Turn) -> list[str]:
    """The stage notices' own words, then what else happened in the same turn."""
    changes = turn.stage_changes
    lines = [n.text for n in changes]
    others = [n.text for n in turn.notices if not isinstance(n, StageChanged | RoundEnded)]
    tail = others[-MAX_CHANGES:]
    if tail:
        lines += ["", "What changed:"] + [f"• {text}" for text in tail]
    lines += ["", f"Now: {stage_hint(view)}.", move_on_text(view)]
    return lines


class StageDialog(ModalScreen[None]):
    """Shown after a turn that changed the stage; enter or escape goes back to play."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "enter,escape,space",
            "dismiss",
            "Continue",
            id="stage.continue",
            tooltip="Back to the table",
        ),
    ]

    def __init__(self, view: SeatView, turn: Turn) -> None:
        super().__init__(classes="dialog-screen")
        self.title_text = moment_title(turn.stage_changes[-1])
        self.lines = moment_lines(view, turn)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog tall", id="stage-dialog"):
            yield Static(
                Content.from_markup("[b]$t[/b]", t=self.title_text), classes="dialog-title"
            )
            with VerticalScroll(classes="dialog-body"):
                yield Static(Content("\n".join(self.lines)))
            yield Static("enter continues", classes="dialog-hint")

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(None)

"""Small modal pickers every game step reuses: a list of choices and an amount.

Each returns its value or None (escape), so the screen that opened it decides what to
submit; a dialog never changes the game itself.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar, Generic, TypeVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, SelectionList, Static
from textual.widgets.option_list import Option
from textual.widgets.selection_list import Selection

from sim.play.choices import Choice

T = TypeVar("T")

DIGITS = "123456789"


def choice_prompt(n: int, choice: Choice[Any]) -> Content:
    """'3  Label — detail', or '3  Label — ✗ why not' for a choice not possible now."""
    number = f"{n}" if n <= len(DIGITS) else " "
    if choice.reason is not None:
        return Content.from_markup(
            "[dim]$n  $label — ✗ $why[/dim]", n=number, label=choice.label, why=choice.reason
        )
    if choice.detail:
        return Content.from_markup(
            "[b]$n[/b]  $label [dim]— $detail[/dim]",
            n=number,
            label=choice.label,
            detail=choice.detail,
        )
    return Content.from_markup("[b]$n[/b]  $label", n=number, label=choice.label)


class ChoiceDialog(ModalScreen[T | None], Generic[T]):
    """Pick one of a few choices: arrows and enter, a digit, or a click."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="dialog.cancel", tooltip="Close without choosing"),
        *(
            Binding(d, f"pick({n})", f"Choice {d}", show=False, id=f"dialog.pick{d}")
            for n, d in enumerate(DIGITS)
        ),
    ]

    def __init__(
        self,
        title: str,
        choices: Sequence[Choice[T]],
        prompt: str = "",
        *,
        purpose: str = "",
    ) -> None:
        super().__init__(classes="dialog-screen")
        self.title_text = title
        self.prompt = prompt
        self.choices = list(choices)
        # What the app prompted for ('vote', 'pledge'), so it asks only once.
        self.purpose = purpose

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(
                Content.from_markup("[b]$t[/b]", t=self.title_text), classes="dialog-title"
            )
            if self.prompt:
                yield Static(Content(self.prompt), classes="dialog-prompt")
            options = [
                Option(choice_prompt(n, c), id=str(n - 1), disabled=not c.ok)
                for n, c in enumerate(self.choices, start=1)
            ]
            yield OptionList(*options, classes="dialog-list")
            hint = "↑↓ enter or 1–9 choose · escape cancels"
            if not self.choices:
                hint = "Nothing to choose now · escape closes"
            yield Static(hint, classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_pick(int(event.option_id or 0))

    def action_pick(self, index: int) -> None:
        if index >= len(self.choices):
            return
        choice = self.choices[index]
        if choice.reason is not None:
            self.notify(f"Not now: {choice.reason}", severity="warning", timeout=4)
            return
        self.dismiss(choice.value)

    def action_cancel(self) -> None:
        self.dismiss(None)


class AmountDialog(ModalScreen[float | None]):
    """Type a whole number (units, dollars) between limits; enter confirms, escape cancels."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="amount.cancel", tooltip="Close without choosing"),
    ]

    def __init__(
        self, title: str, prompt: str, default: float, low: float, high: float, unit: str = ""
    ) -> None:
        super().__init__(classes="dialog-screen")
        self.title_text = title
        self.prompt = prompt
        self.default = default
        self.low = low
        self.high = high
        self.unit = unit

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(
                Content.from_markup("[b]$t[/b]", t=self.title_text), classes="dialog-title"
            )
            yield Static(Content(self.prompt), classes="dialog-prompt")
            yield Input(
                value=f"{self.default:g}",
                type="number",
                select_on_focus=True,
                id="amount-input",
            )
            yield Static(
                f"From {self.low:,.0f} to {self.high:,.0f}{self.unit} · enter confirms · "
                "escape cancels",
                classes="dialog-hint",
            )

    def on_mount(self) -> None:
        amount = self.query_one(Input)
        amount.focus()
        amount.select_all()  # typing replaces the suggested amount

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        try:
            value = float(event.value.replace(",", ""))
        except ValueError:
            self.notify("Type a number.", severity="warning")
            return
        if not self.low <= value <= self.high:
            self.notify(f"Choose between {self.low:,.0f} and {self.high:,.0f}.", severity="warning")
            return
        self.dismiss(value)

    def action_cancel(self) -> None:
        self.dismiss(None)


class PickManyDialog(ModalScreen[list[T] | None], Generic[T]):
    """Tick several choices, then enter: returns the values in the order they were ticked.

    Space (or a click) ticks the highlighted line, a ticks every line, enter confirms and
    escape cancels; `at_most` caps how many may be ticked.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="many.cancel", tooltip="Close without choosing"),
        Binding(
            "enter", "confirm", "Done", id="many.confirm", priority=True, tooltip="Take the ticked"
        ),
        Binding("a", "all", "All", id="many.all", tooltip="Tick every line"),
    ]

    def __init__(
        self,
        title: str,
        choices: Sequence[Choice[T]],
        prompt: str = "",
        *,
        at_most: int | None = None,
        at_least: int = 1,
    ) -> None:
        super().__init__(classes="dialog-screen")
        self.title_text = title
        self.prompt = prompt
        self.choices = list(choices)
        self.at_most = at_most
        self.at_least = at_least

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog tall"):
            yield Static(
                Content.from_markup("[b]$t[/b]", t=self.title_text), classes="dialog-title"
            )
            if self.prompt:
                yield Static(Content(self.prompt), classes="dialog-prompt")
            yield SelectionList[int](
                *(
                    Selection(choice_prompt(n, c), n - 1, disabled=not c.ok)
                    for n, c in enumerate(self.choices, start=1)
                ),
                classes="dialog-list",
            )
            most = f" (at most {self.at_most})" if self.at_most else ""
            yield Static(
                f"space ticks{most} · a ticks all · enter confirms · escape cancels",
                classes="dialog-hint",
            )

    def on_mount(self) -> None:
        self.query_one(SelectionList).focus()

    @property
    def ticked(self) -> list[int]:
        return list(self.query_one(SelectionList).selected)

    def action_all(self) -> None:
        picks = self.query_one(SelectionList)
        for n, choice in enumerate(self.choices):
            if choice.ok and n not in picks.selected:
                picks.select(n)

    def action_confirm(self) -> None:
        ticked = self.ticked
        if len(ticked) < self.at_least:
            self.notify(f"Tick at least {self.at_least} (space).", severity="warning")
            return
        if self.at_most is not None and len(ticked) > self.at_most:
            self.notify(f"Tick at most {self.at_most}.", severity="warning")
            return
        self.dismiss([self.choices[n].value for n in ticked])

    def action_cancel(self) -> None:
        self.dismiss(None)

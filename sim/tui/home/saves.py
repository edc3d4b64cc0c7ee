"""Resume a save: the files in the saves folder, newest first; enter continues the game."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Header, OptionList, Static
from textual.widgets.option_list import Option

from sim.play.launch import SaveFile, list_saves
from sim.tui.common.footer import FitFooter
from sim.tui.messages import OpenDebrief, ResumeSave

if TYPE_CHECKING:
    from sim.tui.host import Host


def _prompt(save: SaveFile) -> Content:
    """Three lines: the scenario and seat; where the game stands; when, and the file."""
    trouble = save.problem is not None or not save.started
    return Content.assemble(
        (save.title, "bold"),
        "\n",
        (save.state, "$text-warning" if trouble else ""),
        "\n",
        (f"saved {save.modified:%Y-%m-%d %H:%M} · {save.path.name}", "dim"),
    )


class SavesScreen(Screen[None]):
    """Every save: the scenario and seat, where the game stands and when it was saved, from
    its header and last move; the game itself is read only when it is opened."""

    app: Host  # type: ignore[assignment]

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", id="saves.back", tooltip="Back to the scenario list"),
        Binding(
            "enter",
            "resume",
            "Resume",
            id="saves.resume",
            priority=True,
            tooltip="Continue the highlighted game where it stopped",
        ),
        Binding(
            "d",
            "debrief",
            "Debrief",
            id="saves.debrief",
            tooltip="Open the highlighted save in the debrief viewer",
        ),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        self.saves: list[SaveFile] = list_saves(self.app.saves_folder)
        if self.saves:
            yield OptionList(
                *(Option(_prompt(s), id=str(n)) for n, s in enumerate(self.saves)),
                id="saves-list",
            )
        yield Static(
            Content(
                f"Saves in {self.app.saves_folder}: "
                + (
                    "enter resumes the highlighted game; d opens it in the debrief viewer."
                    if self.saves
                    else "none yet. Start a game from a scenario (n) and it saves itself."
                )
            ),
            id="saves-note",
        )
        yield FitFooter()

    def on_mount(self) -> None:
        self.title = "Resume a save"
        if self.saves:
            self.query_one(OptionList).focus()

    @on(OptionList.OptionSelected, "#saves-list")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(ResumeSave(self.saves[int(event.option_id or 0)].path))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return not (action in ("resume", "debrief") and not self.saves)

    def action_resume(self) -> None:
        options = self.query_one(OptionList)
        if options.highlighted is not None:
            self.post_message(ResumeSave(self.saves[options.highlighted].path))

    def action_debrief(self) -> None:
        options = self.query_one(OptionList)
        if options.highlighted is not None:
            self.post_message(OpenDebrief(self.saves[options.highlighted].path))

    def action_back(self) -> None:
        self.app.pop_screen()

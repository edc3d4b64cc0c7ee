"""Opening a save in the debrief viewer: the first frame at once, the replay behind it.

A 10,000-action save takes about a second to read, check and re-simulate. This screen
paints straight away from what the header says and how many entries follow (`glance`),
shows a progress bar while a worker thread opens the `Debrief`, and then gives its place
to the viewer. A save found damaged on the way is reported here, in the save's own words,
and nothing is replayed.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import ProgressBar, Static

from sim.record.errors import SaveError
from sim.record.reader import Glance

if TYPE_CHECKING:  # the viewer's modules load with the worker, after the first frame
    from sim.debrief.debrief import Debrief


@dataclass(frozen=True)
class Opening:
    """A save to open in the viewer: where it is, what it says, what to compare, where."""

    path: Path
    glance: Glance
    compare: tuple[Path, ...] = ()
    step: int | None = None


class OpeningScreen(Screen[None]):
    """The save's title, seed and length with a progress bar, until the viewer is ready."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Close", id="replay.opening.close"),
    ]

    class Failed(Message):
        """The save proved damaged: `problem` is the one line `sim replay` prints."""

        def __init__(self, problem: str) -> None:
            super().__init__()
            self.problem = problem

    def __init__(self, opening: Opening) -> None:
        super().__init__()
        self.opening = opening
        self.first_frame_at: float | None = None  # read by `make bench`

    def compose(self) -> ComposeResult:
        g = self.opening.glance
        # No Header or Footer: a small save is ready before they finish mounting.
        with Vertical(id="opening"):
            yield Static(f"Debrief · {self.opening.path.name}", id="opening-title")
            yield Static(
                f"{g.header.scenario.title} · seed {g.header.seed} · {g.steps:,} actions recorded",
                id="opening-what",
            )
            yield Static("Replaying every action to check it…", id="opening-status")
            yield ProgressBar(total=max(g.steps, 1), show_eta=False, id="opening-progress")
            yield Static("Escape closes.", id="opening-keys")

    def on_mount(self) -> None:
        self.call_after_refresh(self._first_frame)

    def _first_frame(self) -> None:
        self.first_frame_at = time.perf_counter()
        self.open_debrief()

    @work(thread=True, exclusive=True, group="opening")
    def open_debrief(self) -> None:
        """Read, check and re-simulate the save off the UI thread."""

        from sim.debrief.debrief import Debrief

        def progress(step: int) -> None:
            self.app.call_from_thread(self._advance, step)

        try:
            debrief = Debrief.open(self.opening.path, check_every_step=False, progress=progress)
        except SaveError as exc:
            self.app.call_from_thread(self._failed, str(exc))
            return
        self.app.call_from_thread(self._ready, debrief)

    def _advance(self, step: int) -> None:
        self.query_one(ProgressBar).update(progress=step)

    def _ready(self, debrief: Debrief) -> None:
        from sim.tui.replay.screen import ReplayScreen

        step = self.opening.step
        if step is not None:
            step = min(step, debrief.steps)  # the glance counted a torn final entry too
        self.app.switch_screen(ReplayScreen(debrief, list(self.opening.compare), step))

    def _failed(self, problem: str) -> None:
        self.post_message(self.Failed(f"{self.opening.path}: {problem}"))
        self.query_one(ProgressBar).display = False
        self.query_one("#opening-status", Static).update(
            f"Cannot replay {self.opening.path.name}: {problem}\n\n"
            "Nothing was replayed; 'sim verify' checks the whole file."
        )

    def action_back(self) -> None:
        from sim.tui.replay.screen import ReplayScreen

        self.post_message(ReplayScreen.Closed())

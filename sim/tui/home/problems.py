"""What the scenario screen shows instead of tabs when a file does not validate."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from sim.scenario.errors import ScenarioError


class ProblemList(VerticalScroll):
    """Every error line as `sim validate` prints it, so facilitators can jump to the spot."""

    def __init__(
        self, path: Path, errors: Sequence[ScenarioError], *, id: str | None = None
    ) -> None:
        super().__init__(id=id)
        self.path = path
        self.errors = list(errors)

    def compose(self) -> ComposeResult:
        count = len(self.errors)
        yield Static(
            Content.from_markup(
                "[b]✗ $name cannot be opened: $count problem$s.[/b]\n"
                "Fix each line below, then run [b]sim validate $path[/b] "
                "and press r on the home screen to look again.",
                name=self.path.name,
                path=str(self.path),
                count=count,
                s="s" if count != 1 else "",
            ),
            id="problems-title",
        )
        for error in self.errors:
            yield Static(Content(str(error)), classes="problem-line")

"""Key moments in the viewer: a list to jump from, and the highlighted moment's story —
what happened, the seed lesson it shows, the questions to ask, the what-if to try.
"""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from sim.debrief.moments.lessons import LESSONS
from sim.debrief.moments.moment import KeyMoment


def moment_story(n: int, moment: KeyMoment) -> RenderableType:
    lesson = LESSONS[moment.lesson]
    parts: list[RenderableType] = [
        Text(f"M{n} · step {moment.step}, round {moment.round}, {moment.stage}", style="bold"),
        Text(moment.title, style="bold"),
        Text(moment.detail),
        Text(),
        Text(f"Lesson: {lesson.title}", style="bold"),
        Text(f"“{lesson.quote}” — {lesson.source.cite}", style="italic"),
        Text(f"Real case: {lesson.case.name} — “{lesson.case.quote}”", style="dim"),
        Text(),
        Text("Ask the table:", style="bold"),
        *(Text(f"• {q}") for q in moment.questions),
    ]
    if moment.what_if:
        parts += [Text(), Text(f"What if: {moment.what_if} (select step {moment.fork}, w)")]
    return Group(*parts)


class MomentsPanel(Vertical):
    """Every key moment of the save; enter jumps to its step."""

    class Chosen(Message):
        def __init__(self, moment: KeyMoment) -> None:
            super().__init__()
            self.moment = moment

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.moments: list[KeyMoment] = []

    def compose(self) -> ComposeResult:
        yield OptionList(Option("Finding key moments…", disabled=True), id="moment-list")
        with VerticalScroll():
            yield Static("", id="moment-story")

    def show(self, moments: list[KeyMoment]) -> None:
        self.moments = moments
        options = self.query_one(OptionList)
        options.clear_options()
        if not moments:
            options.add_option(Option("No key moment stood out in this game.", disabled=True))
            return
        options.add_options(
            Option(f"M{n} · step {m.step} · {m.title}", id=str(n - 1))
            for n, m in enumerate(moments, start=1)
        )
        options.highlighted = 0

    def focus_step(self, step: int) -> None:
        """Highlight the last moment at or before `step`, so its story shows."""
        if not self.moments:
            return
        at = [n for n, m in enumerate(self.moments) if m.step <= step]
        self.query_one(OptionList).highlighted = at[-1] if at else 0

    @on(OptionList.OptionHighlighted, "#moment-list")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option_id is None:
            return
        n = int(event.option_id)
        self.query_one("#moment-story", Static).update(moment_story(n + 1, self.moments[n]))

    @on(OptionList.OptionSelected, "#moment-list")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option_id is not None:
            self.post_message(self.Chosen(self.moments[int(event.option_id)]))

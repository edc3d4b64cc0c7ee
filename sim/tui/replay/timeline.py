"""The debrief timeline: every step, grouped by stage, drawn a line at a time.

A save can hold 10,000 steps, so the timeline is a Line API widget: it keeps one small row
per step (plus stage headings and notes) and renders only the rows on screen.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from sim.debrief.debrief import Debrief
from sim.debrief.moments.moment import KeyMoment
from sim.engine.actions import CONVENER

HEADING = Style(bold=True)
NOTE = Style(italic=True, color="yellow")
SELECTED = Style(reverse=True)
MARK = "★"
PAGE = 10
FAR = 10**9  # further than any save: the screen clamps it to the first or last step


@dataclass(frozen=True)
class Row:
    """One line of the timeline: a stage heading, a step, or a note on a step.

    A step's text is written when the row is first drawn (see `step_line`), so opening a
    10,000-step save does not describe 10,000 actions up front.
    """

    kind: str  # "phase", "step" or "note"
    step: int  # the step it belongs to (a heading: its first step)
    text: str = ""


def build_rows(debrief: Debrief, moments: list[KeyMoment]) -> list[Row]:
    notes: dict[int, list[str]] = {}
    for note in debrief.annotations:
        notes.setdefault(note.step, []).append(f"✎ {note.author}: {note.text}")
    rows = [Row("note", 0, f"      {text}") for text in notes.get(0, [])]
    for phase in debrief.timeline.phases:
        first = phase.first if phase.first else debrief.steps
        rows.append(Row("phase", first, f"── {phase.title.upper()} · {phase.span} ──"))
        if not phase.first:
            continue
        for k in range(phase.first, phase.last + 1):
            rows.append(Row("step", k))
            if k in notes:
                rows.extend(Row("note", k, f"       {text}") for text in notes[k])
    return rows


def step_line(debrief: Debrief, step: int, marked: bool) -> str:
    s = debrief.timeline.step(step)
    flag = MARK if marked else " "
    change = f" → {s.changes[0]}" if s.changes else ""
    who = "" if s.seat == CONVENER else f"{s.who[:14]}: "
    return f"{flag}{s.step:>5} r{s.round:<2} {who}{s.action}{change}"


class TimelineView(ScrollView, can_focus=True):
    """The steps of a save; the selected step is highlighted and kept in view."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "move(-1)", "Back", show=False, id="replay.timeline.up"),
        Binding("down", "move(1)", "Forward", show=False, id="replay.timeline.down"),
        # The scroll keys move the selected step, as in any list, not just the view.
        Binding("pageup", f"move(-{PAGE})", f"{PAGE} back", show=False, id="replay.timeline.up10"),
        Binding("pagedown", f"move({PAGE})", f"{PAGE} on", show=False, id="replay.timeline.down10"),
        Binding("home", f"move(-{FAR})", "First step", show=False, id="replay.timeline.home"),
        Binding("end", f"move({FAR})", "Last step", show=False, id="replay.timeline.end"),
    ]

    class Moved(Message):
        """Up or down in the timeline: one step back or forward."""

        def __init__(self, delta: int) -> None:
            super().__init__()
            self.delta = delta

    def action_move(self, delta: int) -> None:
        self.post_message(self.Moved(delta))

    class Clicked(Message):
        """A step was clicked."""

        def __init__(self, step: int) -> None:
            super().__init__()
            self.step = step

    def __init__(self, debrief: Debrief, step: int, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.debrief = debrief
        self.rows = build_rows(debrief, [])
        self.marked: set[int] = set()
        self._lines: dict[int, str] = {}
        self.step = step
        self._index: dict[int, int] = {}
        self._reindex()

    def _reindex(self) -> None:
        self._index = {}
        for n, row in enumerate(self.rows):
            if row.kind == "step" or row.step == 0:
                self._index.setdefault(row.step, n)
        self.virtual_size = Size(1, len(self.rows))

    def rebuild(self, moments: list[KeyMoment]) -> None:
        """Rows again, after the notes or the key moments changed."""
        self.marked = {m.step for m in moments}
        self.rows = build_rows(self.debrief, moments)
        self._lines.clear()
        self._reindex()
        self.refresh()
        self.call_after_refresh(self.reveal)

    def on_resize(self) -> None:
        self.call_after_refresh(self.reveal)

    def text_of(self, row: Row) -> str:
        if row.kind != "step":
            return row.text
        line = self._lines.get(row.step)
        if line is None:
            line = self._lines[row.step] = step_line(
                self.debrief, row.step, row.step in self.marked
            )
        return line

    def select(self, step: int) -> None:
        self.step = step
        self.refresh()
        if self.size:
            self.reveal()  # scrolling now paints the new step in the same frame as the rest
        else:
            self.call_after_refresh(self.reveal)

    def row_of(self, step: int) -> int:
        """The row showing `step` (step 0, before any action: the first heading)."""
        return self._index.get(step, 0)

    def reveal(self) -> None:
        """Scroll so the selected row sits in view, with a little context above it."""
        row = self.row_of(self.step)
        height = max(1, self.scrollable_content_region.height)
        top = round(self.scroll_y)
        if row < top + 1 or row >= top + height - 1:
            self.scroll_to(y=max(0, row - height // 3), animate=False)

    def render_lines(self, crop: Region) -> list[Strip]:
        self._base = self.rich_style  # computed once per paint, not once per line
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        width = self.scrollable_content_region.width
        n = y + scroll_y
        if n >= len(self.rows):
            return Strip.blank(width)
        row = self.rows[n]
        style = {"phase": HEADING, "note": NOTE}.get(row.kind, Style())
        if row.kind == "step" and row.step == self.step:
            style = style + SELECTED
        text = self.text_of(row)[: scroll_x + width].ljust(scroll_x + width)
        base = getattr(self, "_base", None) or self.rich_style
        return Strip([Segment(text, base + style)]).crop(scroll_x, scroll_x + width)

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        n = offset.y + round(self.scroll_y)
        if 0 <= n < len(self.rows):
            self.post_message(self.Clicked(self.rows[n].step))

"""The debrief viewer: step through a save, see the state and what each seat saw, annotate,
compare tables and branch a what-if.

`sim replay SAVE` opens the one app straight on this screen (`make_replay_app`); from the
home screen the app pushes it on top. The screen needs nothing from the app but a Debrief,
and tells its host about a new what-if save with `BranchMade` and its closing with `Closed`.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable
from pathlib import Path
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Header, Static, TabbedContent, TabPane

from sim.debrief.debrief import Cursor, Debrief
from sim.debrief.moments.moment import KeyMoment
from sim.debrief.views.compare import TableSummary, check_same_scenario, summarize
from sim.record.errors import SaveError
from sim.record.model import Annotation
from sim.record.notes import add_note, delete_note, edit_note
from sim.record.whatif import WhatIf, branch_at
from sim.scenario.words import STAGES
from sim.tui.common.footer import FitFooter
from sim.tui.replay.charts import ChartsView
from sim.tui.replay.dialogs import PickDialog, TextDialog
from sim.tui.replay.lens import lens_view
from sim.tui.replay.moments import MomentsPanel
from sim.tui.replay.state import state_view
from sim.tui.replay.tables import compare_view, optimum_view
from sim.tui.replay.timeline import TimelineView

PANES = ("state", "charts", "moments", "lens", "optimum", "compare")
BIG_STEP = 10


class ReplayScreen(Screen[None]):
    """One save in the debrief viewer: the timeline on the left, the step's picture right."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("right", "step(1)", "Step", key_display="→", priority=True, id="replay.next"),
        Binding("left", "step(-1)", "Back", key_display="←", priority=True, id="replay.back"),
        Binding("pagedown", f"step({BIG_STEP})", f"+{BIG_STEP}", show=False, id="replay.page_down"),
        Binding("pageup", f"step(-{BIG_STEP})", f"-{BIG_STEP}", show=False, id="replay.page_up"),
        Binding("home", "go(0)", "Start", show=False, id="replay.home"),
        Binding("end", "go(-1)", "End", show=False, id="replay.end"),
        Binding(
            "right_square_bracket",
            "stage(1)",
            "Next stage",
            key_display="]",
            id="replay.stage_next",
        ),
        Binding(
            "left_square_bracket",
            "stage(-1)",
            "Stage",
            key_display="[",
            show=False,
            id="replay.stage_back",
        ),
        Binding("m", "moment(1)", "Moment", id="replay.moment_next", tooltip="Next key moment"),
        Binding("M", "moment(-1)", "Moment back", show=False, id="replay.moment_back"),
        Binding(
            "g", "goto", "Go to", id="replay.goto", tooltip="A step, a stage or a key moment (M3)"
        ),
        Binding("a", "add_note", "Note", id="replay.note", tooltip="Add a note on this step"),
        Binding("e", "edit_note", "Edit note", show=False, id="replay.note_edit"),
        Binding("x", "delete_note", "Delete note", show=False, id="replay.note_delete"),
        Binding("s", "next_seat", "Seat", id="replay.seat", tooltip="Seat lens: the next seat"),
        Binding("w", "what_if", "What-if", id="replay.what_if", tooltip="Branch a new game here"),
        *(
            Binding(
                str(n), f"pane('{pane}')", pane.capitalize(), show=False, id=f"replay.pane.{pane}"
            )
            for n, pane in enumerate(PANES, start=1)
        ),
        Binding("escape", "back", "Close", id="replay.close"),
    ]

    class Closed(Message):
        """The instructor closed the viewer; the app decides where that leads."""

    class BranchMade(Message):
        """A what-if save was written; a host app may offer to play it."""

        def __init__(self, what_if: WhatIf) -> None:
            super().__init__()
            self.what_if = what_if

    def __init__(
        self, debrief: Debrief, compare: list[Path] | None = None, step: int | None = None
    ) -> None:
        super().__init__()
        self.debrief = debrief
        self.compare_paths = list(compare or [])
        self.cursor = Cursor(debrief, debrief.steps if step is None else step)
        self.moments: list[KeyMoment] = []
        self.seats = debrief.seats
        self.seat = 0
        self.tables: list[TableSummary] | None = None
        self._stale: set[str] = set(PANES)
        self.first_frame_at: float | None = None

    # ------------------------------------------------------------------ layout

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="replay-status")
        with Horizontal(id="replay-body"):
            with Vertical(id="replay-left"):
                yield TimelineView(self.debrief, self.cursor.step, id="replay-timeline")
                yield Static("", id="replay-step")
            with TabbedContent(initial="state", id="replay-tabs"):
                with TabPane("State", id="state"), VerticalScroll():
                    yield Static("", id="replay-state")
                with TabPane("Charts", id="charts"), VerticalScroll():
                    yield ChartsView(self.debrief, self.cursor.step, id="replay-charts")
                with TabPane("Moments", id="moments"):
                    yield MomentsPanel(id="replay-moments")
                with TabPane("Lens", id="lens"), VerticalScroll():
                    yield Static("", id="replay-lens")
                with TabPane("Optimum", id="optimum"), VerticalScroll():
                    yield Static("Working out the optimum…", id="replay-optimum")
                with TabPane("Compare", id="compare"), VerticalScroll():
                    yield Static("", id="replay-compare")
        yield FitFooter()

    def on_mount(self) -> None:
        self.title = f"Debrief · {self.debrief.name}"
        self.sub_title = self.debrief.title
        if self.debrief.save.torn is not None:
            self.notify(self.debrief.save.torn.message(), severity="warning", timeout=10)
        self.show_step()
        self.query_one(TimelineView).focus()
        _keep_from_the_collector()
        # After the first frame: scoring every step must not hold up the first picture.
        self.call_after_refresh(self._first_frame)

    def on_unmount(self) -> None:
        gc.unfreeze()  # the save is let go with the viewer

    def _first_frame(self) -> None:
        self.first_frame_at = time.perf_counter()  # read by `make bench`
        self.find_moments()

    # ------------------------------------------------------------------ moving

    @property
    def step(self) -> int:
        return self.cursor.step

    def go(self, step: int) -> None:
        try:
            self.cursor.goto(step)
        except SaveError as exc:  # a seek checks the hash where it lands: say so, stay put
            self.notify(f"Cannot show step {step}: {exc}", severity="error", timeout=10)
            return
        self._stale |= set(PANES) - {"optimum", "compare"}
        self.show_step()

    def show_step(self) -> None:
        view = self.cursor.view()
        k, n = self.step, self.debrief.steps
        moment = next((m for m in self.moments if m.step == k), None)
        flag = f" · ★ M{self.moments.index(moment) + 1} {moment.title}" if moment else ""
        self.query_one("#replay-status", Static).update(
            f"Step {k}/{n} · {view.stage} · round {view.round} (year "
            f"{view.year}) · score {view.card.total:.1f}{flag}",
            layout=False,  # one line high, always
        )
        self.query_one(TimelineView).select(k)
        self.query_one("#replay-step", Static).update(self._step_detail(k))
        self.refresh_pane(self.query_one(TabbedContent).active)

    def _step_detail(self, k: int) -> str:
        if k == 0:
            return "Before the first action: pick a step (→, ↓) to see what it changed."
        s = self.debrief.timeline.step(k)
        lines = [f"{s.headline}."]
        if s.changes:
            lines.append("Changed: " + "; ".join(s.changes))
        lines += [f"✎ {note.author}: {note.text}" for note in self.debrief.notes_at(k)]
        lines += list(s.said[:2])
        return "\n".join(lines)

    def refresh_pane(self, pane: str) -> None:
        """Draw the pane in view; the others redraw when they are shown."""
        if pane not in self._stale:
            return
        self._stale.discard(pane)
        if pane == "state":
            self.query_one("#replay-state", Static).update(state_view(self.cursor.view()))
        elif pane == "charts":
            self.query_one(ChartsView).select(self.step)
        elif pane == "moments":
            self.query_one(MomentsPanel).focus_step(self.step)
        elif pane == "lens":
            lens = self.cursor.lens(self.seats[self.seat])
            where = f"seat {self.seat + 1} of {len(self.seats)}, step {self.step}"
            self.query_one("#replay-lens", Static).update(lens_view(lens, where))
        elif pane == "optimum":
            self.query_one("#replay-optimum", Static).update(optimum_view(self.debrief))
        elif pane == "compare":
            self.show_compare()

    @on(TabbedContent.TabActivated, "#replay-tabs")
    def _pane_shown(self, event: TabbedContent.TabActivated) -> None:
        if event.pane.id:
            self.refresh_pane(event.pane.id)

    @on(TimelineView.Moved)
    def _moved(self, event: TimelineView.Moved) -> None:
        self.action_step(event.delta)

    @on(TimelineView.Clicked)
    def _clicked(self, event: TimelineView.Clicked) -> None:
        self.go(event.step)

    @on(MomentsPanel.Chosen)
    def _moment_chosen(self, event: MomentsPanel.Chosen) -> None:
        self.go(event.moment.step)

    def action_step(self, delta: int) -> None:
        self.go(max(0, min(self.debrief.steps, self.step + delta)))

    def action_go(self, step: int) -> None:
        self.go(self.debrief.steps if step < 0 else step)

    def action_stage(self, direction: int) -> None:
        starts = [p.first for p in self.debrief.timeline.phases if p.first]
        if direction > 0:
            later = [s for s in starts if s > self.step]
            self.go(later[0] if later else self.debrief.steps)
        else:
            earlier = [s for s in starts if s < self.step]
            self.go(earlier[-1] if earlier else 0)

    def action_moment(self, direction: int) -> None:
        if not self.moments:
            self.notify("No key moments yet.", timeout=3)
            return
        steps = sorted({m.step for m in self.moments})
        found = (
            [s for s in steps if s > self.step]
            if direction > 0
            else [s for s in steps if s < self.step][::-1]
        )
        if found:
            self.go(found[0])

    def action_pane(self, pane: str) -> None:
        self.query_one(TabbedContent).active = pane
        self.refresh_pane(pane)

    def action_goto(self) -> None:
        n = self.debrief.steps
        dialog = TextDialog(
            "Go to",
            help=f"A step (0–{n}), a stage ({', '.join(STAGES[:4])}…) or a key moment (M1…).",
            placeholder="e.g. 12, storming, M3",
        )
        self.app.push_screen(dialog, self._goto)

    def _goto(self, value: str | None) -> None:
        if not value:
            return
        target = self.parse_target(value.strip())
        if target is None:
            self.notify(f"Not a step, a stage or a key moment: {value}", severity="warning")
            return
        self.go(target)

    def parse_target(self, text: str) -> int | None:
        """A step number, a stage's first step, or key moment "M3"'s step."""
        if text.isdigit():
            return min(int(text), self.debrief.steps)
        if text[:1] in "Mm" and text[1:].isdigit():
            n = int(text[1:])
            return self.moments[n - 1].step if 1 <= n <= len(self.moments) else None
        for phase in self.debrief.timeline.phases:
            if phase.stage.startswith(text.lower()) and text:
                return phase.first or self.debrief.steps
        return None

    def action_next_seat(self) -> None:
        self.seat = (self.seat + 1) % len(self.seats)
        self._stale.add("lens")
        self.action_pane("lens")

    def action_back(self) -> None:
        self.post_message(self.Closed())

    # ------------------------------------------------------------------ moments, compare

    @work(thread=True, exclusive=True, group="moments")
    def find_moments(self) -> None:
        """Score every step and find the key moments off the UI thread."""
        moments = self.debrief.moments
        self.app.call_from_thread(self._moments_ready, moments)

    def _moments_ready(self, moments: list[KeyMoment]) -> None:
        self.moments = moments
        self.query_one(TimelineView).rebuild(moments)
        self.query_one(MomentsPanel).show(moments)
        marks = [(m.step, f"M{n}") for n, m in enumerate(moments, start=1)]
        self.query_one(ChartsView).set_marks(marks)
        self._stale |= set(PANES) - {"optimum", "compare"}
        self.show_step()
        _keep_from_the_collector()

    def show_compare(self) -> None:
        if not self.compare_paths:
            self.query_one("#replay-compare", Static).update(
                "Compare this table with others of the same seminar: open the viewer with "
                f"'sim replay {self.debrief.name} --compare OTHER.toml…', or write a seminar "
                "report with 'sim report SAVE --compare OTHER.toml…'."
            )
            return
        if self.tables is None:
            self.query_one("#replay-compare", Static).update("Replaying the other tables…")
            self.load_tables()
            return
        self.query_one("#replay-compare", Static).update(compare_view(self.debrief, self.tables))

    @work(thread=True, exclusive=True, group="compare")
    def load_tables(self) -> None:
        try:
            others = [Debrief.open(p) for p in self.compare_paths]
            check_same_scenario([self.debrief, *others])
            tables = [summarize(d) for d in (self.debrief, *others)]
        except SaveError as exc:
            self.app.call_from_thread(self._compare_failed, str(exc))
            return
        self.app.call_from_thread(self._tables_ready, tables)

    def _tables_ready(self, tables: list[TableSummary]) -> None:
        self.tables = tables
        self.query_one("#replay-compare", Static).update(compare_view(self.debrief, tables))

    def _compare_failed(self, problem: str) -> None:
        self.compare_paths = []
        self.query_one("#replay-compare", Static).update(f"Cannot compare: {problem}")

    # ------------------------------------------------------------------ notes and what-ifs

    def _writable(self) -> Path | None:
        if self.debrief.path is None:
            self.notify("This replay has no file to write to.", severity="warning")
        return self.debrief.path

    def action_add_note(self) -> None:
        if self._writable() is None:
            return
        step = self.step
        dialog = TextDialog(
            f"Note on step {step}", help="Enter saves it into the save file; escape cancels."
        )
        self.app.push_screen(dialog, lambda text: self._save_note(step, text))

    def _save_note(self, step: int, text: str | None) -> None:
        path = self.debrief.path
        if not text or not text.strip() or path is None:
            return
        self._write(lambda: add_note(path, step, text), f"Note saved on step {step}.")

    def _notes_here(self, verb: str) -> list[Annotation]:
        notes = self.debrief.notes_at(self.step)
        if not notes:
            self.notify(f"No note on step {self.step} to {verb}; a adds one.", timeout=4)
        return notes

    def _pick_note(self, verb: str, act: Callable[[Annotation], None]) -> None:
        notes = self._notes_here(verb)
        if not notes or self._writable() is None:
            return
        if len(notes) == 1:
            act(notes[0])
            return
        choices = [f"{n.author}: {n.text}" for n in notes]

        def chosen(index: int | None) -> None:
            if index is not None:
                act(notes[index])

        self.app.push_screen(PickDialog(f"Which note to {verb}?", choices), chosen)

    def action_edit_note(self) -> None:
        def edit(note: Annotation) -> None:
            dialog = TextDialog(f"Edit the note on step {note.step}", value=note.text)
            self.app.push_screen(dialog, lambda text: self._save_edit(note, text))

        self._pick_note("edit", edit)

    def _save_edit(self, note: Annotation, text: str | None) -> None:
        path = self.debrief.path
        if not text or not text.strip() or path is None:
            return
        self._write(lambda: edit_note(path, note, text), f"Note on step {note.step} saved.")

    def action_delete_note(self) -> None:
        def confirm(note: Annotation) -> None:
            def answer(index: int | None) -> None:
                path = self.debrief.path
                if index == 0 and path is not None:
                    self._write(
                        lambda: delete_note(path, note), f"Note on step {note.step} deleted."
                    )

            choices = [f"Delete “{note.text}”", "Keep it"]
            self.app.push_screen(PickDialog("Delete this note?", choices), answer)

        self._pick_note("delete", confirm)

    def _write(self, change: Callable[[], object], done: str) -> None:
        try:
            change()
            self.debrief.reload_notes()
        except SaveError as exc:
            self.notify(f"Not saved: {exc}", severity="error", timeout=8)
            return
        self.query_one(TimelineView).rebuild(self.moments)
        self.notify(done, timeout=3)
        self.show_step()

    def action_what_if(self) -> None:
        """Ask first, saying where the new save goes; this save is never changed."""
        path = self._writable()
        if path is None:
            return
        step = self.step
        title = (
            f"Branch a what-if game from step {step}? A new save is written in "
            f"{path.parent}, next to {path.name}, which stays as it is."
        )
        choices = ["Write the what-if save", "Cancel"]

        def answer(index: int | None) -> None:
            if index == 0:
                self._branch(path, step)

        self.app.push_screen(PickDialog(title, choices), answer)

    def _branch(self, path: Path, step: int) -> None:
        try:
            made = branch_at(path, step)
        except SaveError as exc:
            self.notify(f"No what-if: {exc}", severity="error", timeout=8)
            return
        self.notify(
            f"What-if from step {made.fork_step} saved as {made.path}. Play it on: "
            f"{made.play_command}",
            title="What-if",
            timeout=12,
        )
        self.post_message(self.BranchMade(made))


def _keep_from_the_collector() -> None:
    """Move what the viewer has loaded out of the cyclic collector's reach.

    A replayed 10,000-action save, its feed and every step's score are a few hundred
    thousand objects that live as long as the viewer. A full collection walking them took
    about 150 ms, landing in the middle of a seek now and then; frozen, it takes under 15.
    """
    gc.freeze()

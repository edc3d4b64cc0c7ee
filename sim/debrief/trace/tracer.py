"""One pass over a save that keeps, for every step, its events and a Frame of figures.

The replay (`sim.record.Replay`) answers "the whole state at step k"; the trace answers
"how did the figures move from step to step", which charts, diffs and key moments need
for every step at once. The replay has already checked the hashes, so this pass does not.
"""

from __future__ import annotations

from dataclasses import dataclass

from sim.debrief.trace.frames import Frame, capture
from sim.engine.game import Game
from sim.engine.notices import Notice
from sim.engine.session import Session
from sim.record import simulate
from sim.record.model import Entry, Save
from sim.record.replay import SNAPSHOT_EVERY, Progress, Replay


@dataclass(frozen=True)
class Trace:
    """Frames for steps 0..n and the events each step produced."""

    game: Game
    entries: tuple[Entry, ...]
    frames: tuple[Frame, ...]  # frames[k] is after step k
    events: tuple[tuple[Notice, ...], ...]  # events[k - 1] is what step k produced
    final: Session

    @property
    def steps(self) -> int:
        return len(self.entries)

    def events_at(self, step: int) -> tuple[Notice, ...]:
        return self.events[step - 1] if 1 <= step <= self.steps else ()

    def stream_ids(self) -> list[str]:
        return [st.id for st in self.game.scenario.streams]


def trace(save: Save, check_hash: bool = False) -> Trace:
    """Re-apply every entry of the save once, keeping a frame and the events of each step."""
    session = simulate.fresh_session(save.header)
    game = session.game
    frames = [capture(game, session.state, 0, None, None)]
    events: list[tuple[Notice, ...]] = []
    program = save.header.program
    for entry in save.entries:
        produced = simulate.step(session, entry, program, check_hash=check_hash)
        events.append(tuple(produced))
        frames.append(capture(game, session.state, entry.step, frames[-1], entry.action))
    return Trace(game, save.entries, tuple(frames), tuple(events), session)


class TracedReplay(Replay):
    """A Replay that keeps the trace's frames in the same pass, so opening a long save
    re-simulates it once, not twice.

    It hooks the replay's per-step callbacks (`_snap` at step 0, `_on_step` after each
    step); `tests/debrief/test_timeline.py` checks its trace equals `trace(save)`. A public
    on-step hook in `Replay` would make this subclass unnecessary.
    """

    def __init__(
        self,
        save: Save,
        every: int = SNAPSHOT_EVERY,
        check_every_step: bool = True,
        progress: Progress | None = None,
    ):
        self._frames: list[Frame] = []
        super().__init__(save, every, check_every_step, progress)

    def _snap(self, at: int, session: Session) -> None:
        if at == 0 and not self._frames:
            self._frames.append(capture(session.game, session.state, 0, None, None))
        super()._snap(at, session)

    def _on_step(self, session: Session, entry: Entry, events: list[Notice]) -> None:
        super()._on_step(session, entry, events)
        frame = capture(session.game, session.state, entry.step, self._frames[-1], entry.action)
        self._frames.append(frame)

    def trace(self) -> Trace:
        events = tuple(tuple(self.events(k)) for k in range(1, self.steps + 1))
        return Trace(self.final.game, self.save.entries, tuple(self._frames), events, self.final)

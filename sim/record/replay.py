"""Replay for the debrief: a verified save the viewer can seek to any step quickly.

Opening a replay re-simulates the whole save once (checking every hash) and keeps a deep
copy of the state every `every` steps; a seek restores the nearest snapshot at or before
the step and re-applies at most `every - 1` actions, checking the hash where it lands.
Hashing dominates re-simulation, so a viewer opening a very long save may check hashes only
at snapshots (`check_every_step=False`): any divergence still shows up, as a Mismatch, at
the next snapshot while opening or at the step a seek lands on.
"""

from __future__ import annotations

import copy
import os
from collections.abc import Callable
from dataclasses import dataclass

from sim.engine.notices import Notice
from sim.engine.session import Session
from sim.engine.state import SessionState
from sim.record import simulate
from sim.record.model import Entry, Save
from sim.record.reader import load_save
from sim.record.restore import restore

SNAPSHOT_EVERY = 100
# Told the steps re-simulated so far, at each snapshot: a viewer's progress bar.
Progress = Callable[[int], None]


@dataclass(frozen=True)
class Snapshot:
    step: int
    state: SessionState
    feed: int  # how many events the feed held at this step


class Replay:
    """A save re-simulated once, then seekable: `session_at(step)` gives a live Session."""

    def __init__(
        self,
        save: Save,
        every: int = SNAPSHOT_EVERY,
        check_every_step: bool = True,
        progress: Progress | None = None,
    ) -> None:
        if every < 1:
            raise ValueError("snapshots must be at least one step apart")
        self.save = save
        self.every = every
        self._feed: list[Notice] = []
        self._feed_at = [0]  # events in the feed after each step
        self._snapshots: list[Snapshot] = []
        self._progress = progress
        session = simulate.fresh_session(save.header)
        self._snap(0, session)
        program = save.header.program
        closes = save.header.bound is not None
        for entry in save.entries:
            check = check_every_step or entry.step % every == 0
            events = simulate.step(session, entry, program, check, closes=closes)
            self._on_step(session, entry, events)
        self.final = session  # the game as it stood at the last entry

    @classmethod
    def open(
        cls,
        path: str | os.PathLike[str],
        every: int = SNAPSHOT_EVERY,
        check_every_step: bool = True,
    ) -> Replay:
        """Load and verify a save; a torn final entry is dropped and noted in `save.torn`."""
        return cls(load_save(path), every, check_every_step)

    @property
    def steps(self) -> int:
        return len(self.save.entries)

    def entry(self, step: int) -> Entry:
        """The recorded entry of `step` (1-based)."""
        return self.save.entries[self._check(step) - 1]

    def events(self, step: int) -> list[Notice]:
        """What the action of `step` produced."""
        self._check(step)
        return self._feed[self._feed_at[step - 1] : self._feed_at[step]]

    def session_at(self, step: int) -> Session:
        """A new Session as the game stood after `step` actions (0 = before the first)."""
        self._check(step, allow_zero=True)
        snap = self._snapshots[step // self.every]
        header = self.save.header
        session = restore(
            simulate.game_of(header),
            header.seed,
            header.engine_seats(),
            snap.state,
            [entry.action for entry in self.save.entries[: snap.step]],
            self._feed[: snap.feed],
        )
        for entry in self.save.entries[snap.step : step]:
            # The replay was verified when opened; checking where the seek lands is enough.
            simulate.step(session, entry, header.program, check_hash=entry.step == step)
        return session

    def _on_step(self, session: Session, entry: Entry, events: list[Notice]) -> None:
        self._feed.extend(events)
        self._feed_at.append(len(self._feed))
        if entry.step % self.every == 0:
            self._snap(entry.step, session)
            if self._progress is not None:
                self._progress(entry.step)

    def _snap(self, at: int, session: Session) -> None:
        self._snapshots.append(Snapshot(at, copy.deepcopy(session.state), len(self._feed)))

    def _check(self, step: int, allow_zero: bool = False) -> int:
        if not (0 if allow_zero else 1) <= step <= self.steps:
            raise IndexError(f"step {step} is not in this save (it has {self.steps} steps)")
        return step

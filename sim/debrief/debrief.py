"""`Debrief`: one save opened for the instructor — replay, trace, timeline, moments.

The viewer and the report both stand on it. Opening is the cheap part (read, replay,
trace); the scores over time and the key moments are computed on first use, so a viewer
can show its first frame before they are ready. The viewer's `Cursor` holds the Session
at the selected step and hands out only the debrief's views of it (the instructor's
full-information view and a seat's lens), so no screen reads the engine's state.
"""

from __future__ import annotations

import os
from functools import cached_property
from pathlib import Path

from sim.debrief.moments.find import find_moments
from sim.debrief.moments.moment import Facts, KeyMoment
from sim.debrief.trace.scores import ScorePoint, score_series
from sim.debrief.trace.timeline import Timeline, build_timeline
from sim.debrief.trace.tracer import Trace, TracedReplay
from sim.debrief.views.instructor import InstructorView, instructor_view
from sim.debrief.views.lens import Lens, seat_lens, seats_to_view
from sim.debrief.views.optimum import Benchmarks, benchmarks
from sim.engine.game import Game
from sim.engine.session import Session
from sim.record import simulate
from sim.record.model import Annotation, Save
from sim.record.reader import load_save
from sim.record.replay import SNAPSHOT_EVERY, Progress, Replay
from sim.scoring.card import scorecard
from sim.scoring.model import Scorecard
from sim.scoring.portfolios import metric_of

# A long save keeps about this many snapshots: copying the state is most of what opening
# costs beyond re-simulating, and a seek re-applies at most steps/SNAPSHOTS actions, which
# for 10,000 steps is still a few milliseconds.
SNAPSHOTS = 20


class Debrief:
    """A save, replayed and traced: state at any step, the timeline, the key moments."""

    def __init__(
        self,
        save: Save,
        path: Path | None = None,
        check_every_step: bool = True,
        progress: Progress | None = None,
    ):
        self.save = save
        self.path = path
        every = max(SNAPSHOT_EVERY, len(save.entries) // SNAPSHOTS)
        self.replay: Replay = TracedReplay(save, every, check_every_step, progress)
        self.trace: Trace = self.replay.trace()

    @classmethod
    def open(
        cls,
        path: str | os.PathLike[str],
        check_every_step: bool = True,
        progress: Progress | None = None,
    ) -> Debrief:
        """Read and replay a save; a damaged one raises SaveError with a one-line message."""
        return cls(load_save(path), Path(path), check_every_step, progress)

    # ------------------------------------------------------------------ what it holds

    @property
    def game(self) -> Game:
        return self.trace.game

    @property
    def steps(self) -> int:
        return self.trace.steps

    @property
    def final(self) -> Session:
        return self.trace.final

    @property
    def name(self) -> str:
        return self.path.name if self.path is not None else self.save.header.scenario.id

    @property
    def title(self) -> str:
        return self.game.scenario.scenario.title

    @property
    def annotations(self) -> tuple[Annotation, ...]:
        return self.save.annotations

    @property
    def unit(self) -> str:
        """The unit of the result the table named (or of the scenario's first result)."""
        return metric_of(self.game, self.final.state).unit

    @cached_property
    def seats(self) -> tuple[str, ...]:
        """The seats a lens can show: the convener, then every Member that ever sat."""
        return tuple(seats_to_view(self.final))

    def notes_at(self, step: int) -> list[Annotation]:
        return [note for note in self.save.annotations if note.step == step]

    def session_at(self, step: int) -> Session:
        return self.replay.session_at(step)

    def reload_notes(self) -> None:
        """Read the annotations again after a rewrite; the actions cannot have changed."""
        if self.path is not None:
            fresh = load_save(self.path)
            self.save = self.save.model_copy(update={"annotations": fresh.annotations})

    # ------------------------------------------------------------------ derived, on first use

    @cached_property
    def timeline(self) -> Timeline:
        return build_timeline(self.trace)

    @cached_property
    def final_card(self) -> Scorecard:
        return scorecard(self.final)

    @cached_property
    def scores(self) -> list[ScorePoint]:
        return score_series(self.save)

    @cached_property
    def moments(self) -> list[KeyMoment]:
        return self.find_moments(self.scores)

    def find_moments(self, scores: list[ScorePoint]) -> list[KeyMoment]:
        """Key moments given a score series (a viewer passes what it has so far)."""
        facts = Facts(self.trace, self.session_at, scores, self.final_card)
        return find_moments(facts)

    @cached_property
    def benchmarks(self) -> Benchmarks:
        return benchmarks(self.final)


class Cursor:
    """The viewer's position: stepping forward applies one entry instead of seeking."""

    def __init__(self, debrief: Debrief, step: int = 0) -> None:
        self.debrief = debrief
        self.step = step
        self.session = debrief.session_at(step)
        self._view: InstructorView | None = None

    def goto(self, step: int) -> Session:
        step = max(0, min(step, self.debrief.steps))
        if step == self.step + 1:
            entry = self.debrief.save.entries[step - 1]
            simulate.step(self.session, entry, self.debrief.save.header.program, check_hash=False)
        elif step != self.step:
            self.session = self.debrief.session_at(step)
        if step != self.step:
            self._view = None
        self.step = step
        return self.session

    def view(self) -> InstructorView:
        """The instructor's full-information view of the step, built once per step."""
        if self._view is None:
            self._view = instructor_view(self.session, self.step)
        return self._view

    def lens(self, seat: str) -> Lens:
        """What `seat` could see at the step, against the instructor's view."""
        return seat_lens(self.session, seat, self.view().truth)

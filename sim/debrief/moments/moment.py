"""What a key moment is, and the facts detectors read to find one.

Each detector reads the trace (and, for a few facts, the state at a step) and writes its
moment in the table's own terms — the Members, the Tension, the round — so the questions
an instructor asks are about what this table did, never generic prompts.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from sim.debrief.trace.scores import ScorePoint
from sim.debrief.trace.tracer import Trace
from sim.engine.notices import Notice
from sim.engine.session import Session
from sim.scoring.model import Scorecard


@dataclass(frozen=True)
class KeyMoment:
    """A step worth stopping at: what happened, the lesson it shows, questions, a what-if."""

    kind: str
    step: int
    round: int
    stage: str
    title: str
    detail: str
    lesson: str  # a key of sim.debrief.moments.lessons.LESSONS
    questions: tuple[str, ...]
    weight: float  # how telling it is, for keeping the report short
    related: tuple[int, ...] = ()  # other steps it spans (where a Tension came back)
    fork: int | None = None  # the step to branch from to try it differently
    what_if: str = ""


@dataclass
class Facts:
    """What detectors read: the trace, the state at any step, the scores over time."""

    trace: Trace
    session_at: Callable[[int], Session]
    scores: list[ScorePoint] = field(default_factory=list)
    final_card: Scorecard | None = None
    _sessions: dict[int, Session] = field(default_factory=dict)

    def state_at(self, step: int) -> Session:
        """The session after `step`, cached: several detectors look at the same steps."""
        if step not in self._sessions:
            self._sessions[step] = self.session_at(step)
        return self._sessions[step]

    def events(self) -> list[tuple[int, Notice]]:
        """Every notice of the game with the step that produced it, in order."""
        trace = self.trace
        return [(k, e) for k in range(1, trace.steps + 1) for e in trace.events_at(k)]

    def where(self, step: int) -> tuple[int, str]:
        """The round and stage `step` was taken in."""
        entry = self.trace.entries[step - 1]
        return entry.round, entry.stage


Detector = Callable[[Facts], list[KeyMoment]]

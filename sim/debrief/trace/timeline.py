"""The timeline: every step with who took it and what it changed, grouped by stage.

A stage appears once per visit, so a regression shows as a second Storming phase: the
instructor sees the table go back, not a merged list.
"""

from __future__ import annotations

from dataclasses import dataclass

from sim.debrief.names import describe, money, seat_name, stream_name
from sim.debrief.trace.frames import Frame
from sim.debrief.trace.tracer import Trace
from sim.engine.actions import Skip
from sim.engine.game import Game
from sim.engine.notices import Notice, Pledged, PledgeSettled, RoundEnded, StageChanged

# Notices whose text adds nothing a reader needs in the timeline (the diff says it).
QUIET_NOTICES = (RoundEnded,)


@dataclass(frozen=True)
class TimelineStep:
    """One step: who took it, what they did, what the game said, and what moved."""

    step: int
    seat: str
    who: str
    stage: str  # where the action was taken
    round: int
    action: str  # the verb phrase, e.g. "defers 'Enforcement that evicts'"
    kind: str
    said: tuple[str, ...]  # the feed's lines for this step
    changes: tuple[str, ...]  # figures that moved, e.g. "trust 0.42→0.45"

    @property
    def headline(self) -> str:
        return f"{self.who} {self.action}"


@dataclass(frozen=True)
class Phase:
    """One visit to a stage: its steps, rounds, and whether a regression started it."""

    stage: str
    first: int  # first step taken in this phase (0 when empty)
    last: int
    rounds: tuple[int, int]
    regression: bool
    skipped_to: bool  # the table arrived here by skipping storming and norming

    @property
    def title(self) -> str:
        name = self.stage.capitalize()
        if self.regression:
            name += " (after a regression)"
        elif self.skipped_to:
            name += " (skipped to)"
        return name

    @property
    def span(self) -> str:
        low, high = self.rounds
        rounds = f"round {low}" if low == high else f"rounds {low}–{high}"
        if self.first == 0:
            return f"{rounds}, no steps"
        steps = (
            f"step {self.first}" if self.first == self.last else f"steps {self.first}–{self.last}"
        )
        return f"{rounds}, {steps}"


class Timeline:
    """The phases at once, and each step's line when it is first asked for: a viewer shows
    a few dozen of a save's 10,000 steps at a time."""

    def __init__(self, trace: Trace) -> None:
        self.trace = trace
        self.phases: tuple[Phase, ...] = tuple(phases(trace))
        self._steps: dict[int, TimelineStep] = {}

    def step(self, k: int) -> TimelineStep:
        found = self._steps.get(k)
        if found is None:
            found = self._steps[k] = timeline_step(self.trace, k)
        return found

    @property
    def steps(self) -> tuple[TimelineStep, ...]:
        return tuple(self.step(k) for k in range(1, self.trace.steps + 1))

    def phase_of(self, step: int) -> Phase | None:
        for phase in self.phases:
            if phase.first <= step <= phase.last:
                return phase
        return None


def build_timeline(trace: Trace) -> Timeline:
    return Timeline(trace)


def timeline_step(trace: Trace, k: int) -> TimelineStep:
    game = trace.game
    entry = trace.entries[k - 1]
    return TimelineStep(
        step=k,
        seat=entry.seat,
        who=seat_name(game, entry.seat),
        stage=entry.stage,
        round=entry.round,
        action=describe(game, entry.action),
        kind=entry.action.kind,
        said=said_lines(trace.events_at(k)),
        changes=tuple(changes(game, trace.frames[k - 1], trace.frames[k])),
    )


def said_lines(events: tuple[Notice, ...]) -> tuple[str, ...]:
    """The feed's lines for a step; a Pledge whose settling is reported too is said once."""
    settled = {e.organization for e in events if isinstance(e, PledgeSettled)}
    return tuple(
        e.text
        for e in events
        if not isinstance(e, QUIET_NOTICES)
        and not (isinstance(e, Pledged) and e.organization in settled)
    )


def phases(trace: Trace) -> list[Phase]:
    """Split the steps into runs of the stage each was taken in; the game's final stage
    (adjourning, usually) closes the list even though no step is taken there."""
    out: list[Phase] = []
    for entry in trace.entries:
        if out and out[-1].stage == entry.stage:
            last = out[-1]
            out[-1] = Phase(
                last.stage,
                last.first,
                entry.step,
                (last.rounds[0], entry.round),
                last.regression,
                last.skipped_to,
            )
            continue
        regression, skipped = _arrival(trace, entry.step - 1, entry.stage)
        out.append(
            Phase(
                entry.stage, entry.step, entry.step, (entry.round, entry.round), regression, skipped
            )
        )
    final = trace.frames[-1]
    if not out or out[-1].stage != final.stage:
        regression, skipped = _arrival(trace, trace.steps, final.stage)
        out.append(Phase(final.stage, 0, -1, (final.round, final.round), regression, skipped))
    return out


def _arrival(trace: Trace, step: int, stage: str) -> tuple[bool, bool]:
    """Whether the table reached `stage` during `step` by a regression, or by a skip."""
    arrived = [e for e in trace.events_at(step) if isinstance(e, StageChanged) and e.dest == stage]
    if not arrived:
        return False, False
    skipped = isinstance(trace.entries[step - 1].action, Skip)
    return arrived[-1].regression, skipped


def changes(game: Game, before: Frame, after: Frame) -> list[str]:
    """What moved from one frame to the next, in a few words each."""
    out: list[str] = []
    if after.stage != before.stage:
        out.append(f"stage {before.stage}→{after.stage}")
    if after.round != before.round:
        out.append(f"round {before.round}→{after.round}")
    if after.members != before.members:
        out.append(f"members {before.members}→{after.members}")
    for name, a, b in (
        ("trust", before.density, after.density),
        ("trust in the partnership", before.partnership, after.partnership),
    ):
        if f"{a:.2f}" != f"{b:.2f}":
            out.append(f"{name} {a:.2f}→{b:.2f}")
    if after.agreed != before.agreed:
        out.append(f"agreement {before.agreed}→{after.agreed} issues")
    if f"{after.achieved:,.1f}" != f"{before.achieved:,.1f}":
        out.append(f"result {before.achieved:,.1f}→{after.achieved:,.1f} a year")
    ids = [st.id for st in game.scenario.streams]
    for n, stream in enumerate(ids):
        delta = after.balances[n] - before.balances[n]
        if abs(delta) >= 1:
            sign = "+" if delta > 0 else ""
            out.append(f"{stream_name(game, stream)} {sign}{money(delta)}")
    return out

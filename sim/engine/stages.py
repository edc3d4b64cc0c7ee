"""The Tuckman stage machine, built with `transitions` on a plain model object, and the
`Advance` action that asks it to move on.

The transitions are data, so the debrief and `sim graph` can draw them. The stage lives
in one place, `SessionState.stage`: the machine's model reads and writes it there. What
entering a stage does (surfacing tensions, opening the year's pledges, firing scenario
events) is wired in `on_change`; the guards belong to the stage they guard.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from transitions import Machine

from sim.engine import actions as A
from sim.engine import forming, norming, performing, scenario_events, storming
from sim.engine import notices as N
from sim.engine.context import Context
from sim.scenario.words import STAGES

# trigger, source, dest, guard: the whole game's shape in one table.
TRANSITIONS: list[dict[str, Any]] = [
    {
        "trigger": "begin_storming",
        "source": "forming",
        "dest": "storming",
        "conditions": "table_formed",
    },
    {
        "trigger": "begin_norming",
        "source": "storming",
        "dest": "norming",
        "conditions": "tensions_handled",
    },
    {
        "trigger": "begin_performing",
        "source": "norming",
        "dest": "performing",
        "conditions": "agreement_adopted",
    },
    {"trigger": "skip", "source": "forming", "dest": "performing", "conditions": "result_named"},
    {"trigger": "regress", "source": "performing", "dest": "storming"},
    {
        "trigger": "adjourn",
        "source": ["forming", "storming", "norming", "performing"],
        "dest": "adjourning",
    },
]

# The trigger each `advance` action pulls, by current stage, and what blocks it.
ADVANCE = {
    "forming": "begin_storming",
    "storming": "begin_norming",
    "norming": "begin_performing",
}
BLOCKER: dict[str, Callable[[Context], str]] = {
    "forming": forming.forming_blocker,
    "storming": storming.storming_blocker,
    "norming": norming.norming_blocker,
}
ENTERED = {
    "storming": "Storming: the tensions at the table come into the open.",
    "norming": "Norming: the table negotiates its partnership agreement.",
    "performing": "Performing: members pledge money and the partnership funds projects.",
    "adjourning": "Adjourning: the partnership's work is scored.",
}
REGRESSED = (
    "Regression to storming: trust broke down and conflicts are back on the "
    "table; funding pauses until they are handled."
)
SKIPPED = (
    "Skipped to performing: the table starts funding without having "
    "surfaced its conflicts or agreed how it works."
)


class StageModel:
    """The machine's model: its `state` is the session's stage; guards read the context."""

    def __init__(self, ctx: Context) -> None:
        self._ctx = ctx

    @property
    def state(self) -> str:
        return self._ctx.state.stage

    @state.setter
    def state(self, stage: str) -> None:
        self._ctx.state.stage = stage

    def table_formed(self, event: Any = None) -> bool:
        return forming.table_formed(self._ctx)

    def tensions_handled(self, event: Any = None) -> bool:
        return storming.tensions_handled(self._ctx)

    def agreement_adopted(self, event: Any = None) -> bool:
        return norming.agreement_adopted(self._ctx)

    def result_named(self, event: Any = None) -> bool:
        return forming.result_named(self._ctx)

    def after_change(self, event: Any) -> None:
        on_change(self._ctx, event.event.name, event.transition.source, event.transition.dest)


def attach(ctx: Context) -> StageModel:
    """Build the stage machine on a model of `ctx` at its current stage, and hand the
    model to `ctx.stages` so rules can pull its triggers."""
    model = StageModel(ctx)
    Machine(
        model=model,
        states=list(STAGES),
        transitions=TRANSITIONS,
        initial=ctx.state.stage,
        auto_transitions=False,
        send_event=True,
        after_state_change="after_change",
    )
    ctx.stages = model  # type: ignore[assignment]  # the machine added the triggers
    return model


def on_change(ctx: Context, trigger: str, source: str, dest: str) -> None:
    """What entering a stage does, in order: the record, the notice, then the stage's work."""
    s = ctx.state
    regression = trigger == "regress"
    if regression:
        storming.on_regression(ctx)
    s.stages_visited.append(dest)
    text = ENTERED[dest]
    if regression:
        s.regressions += 1
        text = REGRESSED
    elif trigger == "skip":
        text = SKIPPED
    ctx.emit(
        N.StageChanged(round=s.round, source=source, dest=dest, regression=regression, text=text)
    )
    if dest == "storming":
        storming.surface(ctx)
    if dest == "performing":
        performing.open_year(ctx)
    scenario_events.fire(ctx, scenario_events.due(ctx, entered=dest))


# ---------------------------------------------------------------------- Advance


def candidates(ctx: Context, seat: str) -> Iterator[A.Action]:
    if seat == A.CONVENER:
        yield A.Advance()


def why_not_advance(ctx: Context, action: A.Advance) -> str | None:
    stage = ctx.state.stage
    if stage not in ADVANCE:
        return f"there is no stage after {stage} to advance to by choice"
    may: Callable[[], bool] = getattr(ctx.stages, f"may_{ADVANCE[stage]}")
    return None if may() else BLOCKER[stage](ctx)


def advance(ctx: Context, action: A.Advance) -> None:
    getattr(ctx.stages, ADVANCE[ctx.state.stage])()


def mermaid() -> str:
    """The stage machine as a mermaid stateDiagram-v2, with each guard on its arrow."""
    lines = ["stateDiagram-v2", "    direction LR", "    [*] --> forming"]
    for t in TRANSITIONS:
        sources = t["source"] if isinstance(t["source"], list) else [t["source"]]
        guard = f" [{t['conditions']}]" if "conditions" in t else ""
        lines += [f"    {s} --> {t['dest']}: {t['trigger']}{guard}" for s in sources]
    lines.append("    adjourning --> [*]")
    return "\n".join(lines) + "\n"

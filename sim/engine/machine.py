"""The Tuckman stage machine, built with `transitions` on a plain model object.

The transitions are data, so the debrief and `sim graph` can draw them; the
guards are methods of the model that read the session state.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from transitions import Machine

STAGES = ["forming", "storming", "norming", "performing", "adjourning"]

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

# The stage each `advance` action moves to, by current stage.
ADVANCE = {
    "forming": "begin_storming",
    "storming": "begin_norming",
    "norming": "begin_performing",
}


class StageModel:
    """The machine's model: it holds the stage and asks the session for each guard."""

    state: str

    def __init__(
        self,
        guards: dict[str, Callable[[], bool]],
        on_change: Callable[[str, str, str], None],
    ) -> None:
        self._guards = guards
        self._on_change = on_change

    def table_formed(self, event: Any = None) -> bool:
        return self._guards["table_formed"]()

    def tensions_handled(self, event: Any = None) -> bool:
        return self._guards["tensions_handled"]()

    def agreement_adopted(self, event: Any = None) -> bool:
        return self._guards["agreement_adopted"]()

    def result_named(self, event: Any = None) -> bool:
        return self._guards["result_named"]()

    def after_change(self, event: Any) -> None:
        self._on_change(event.event.name, event.transition.source, event.transition.dest)


def build_machine(model: StageModel, initial: str = "forming") -> Machine:
    """Attach the stage machine to a model; callbacks report every stage change."""
    return Machine(
        model=model,
        states=STAGES,
        transitions=TRANSITIONS,
        initial=initial,
        auto_transitions=False,
        send_event=True,
        after_state_change="after_change",
    )


def mermaid() -> str:
    """The stage machine as a mermaid stateDiagram-v2, with each guard on its arrow."""
    lines = ["stateDiagram-v2", "    direction LR", "    [*] --> forming"]
    for t in TRANSITIONS:
        sources = t["source"] if isinstance(t["source"], list) else [t["source"]]
        guard = f" [{t['conditions']}]" if "conditions" in t else ""
        lines += [f"    {s} --> {t['dest']}: {t['trigger']}{guard}" for s in sources]
    lines.append("    adjourning --> [*]")
    return "\n".join(lines) + "\n"

"""Problem solving: what the table learned and did with it — the problem named, the money put
to work, what measurement found and what the table did about it (analyzing & reflecting)."""

from __future__ import annotations

from sim.scoring.context import Context
from sim.scoring.parts import Part, not_scored, share
from sim.scoring.sources import LC_DATA, LC_PROBLEM

DEFINED = 20.0
AT_WORK = 30.0
MEASURED = 25.0
CAUGHT = 25.0
# A project type whose truth falls below this failed here (see dynamics.failure_chance).
FAILED_BELOW = 0.55


def parts(ctx: Context) -> list[Part]:
    return [defined(ctx), at_work(ctx), measured(ctx), caught(ctx)]


def defined(ctx: Context) -> Part:
    state = ctx.state
    if state.result is None:
        return Part(
            "Problem named", 0.0, DEFINED, "no specific measurable result named", LC_PROBLEM
        )
    metric = ctx.game.metrics[state.result[0]]
    return Part(
        "Problem named",
        DEFINED,
        DEFINED,
        f"the table named {state.result[1]:g} {metric.unit} of {metric.name}",
        LC_PROBLEM,
    )


def at_work(ctx: Context) -> Part:
    """How much of the money that arrived funds projects that were not stopped."""
    received = sum(st.received for st in ctx.state.streams.values())
    if received <= 0:
        return not_scored("Money put to work", AT_WORK, "no money arrived")
    used = sum(b.cost for b in ctx.state.batches if not b.stopped)
    return Part(
        "Money put to work",
        AT_WORK * share(used, received),
        AT_WORK,
        f"${used:,.0f} of the ${received:,.0f} that arrived funds projects the table kept",
        LC_PROBLEM,
    )


def measured(ctx: Context) -> Part:
    batches = ctx.state.batches
    if not batches:
        return not_scored("Measured", MEASURED, "nothing was funded to measure")
    spent = sum(b.cost for b in batches)
    seen = sum(b.cost for b in batches if b.measured)
    return Part(
        "Measured",
        MEASURED * share(seen, spent),
        MEASURED,
        f"{share(seen, spent):.0%} of the funded money was measured (${seen:,.0f} of "
        f"${spent:,.0f})",
        f"{LC_PROBLEM}; {LC_DATA}",
    )


def caught(ctx: Context) -> Part:
    """Of the money still owed to projects that really fail here, how much the table moved."""
    state = ctx.state
    failed = {p for p, truth in state.truth.items() if truth < FAILED_BELOW}
    stakes = [b for b in state.batches if b.project in failed and b.tranche > 0]
    at_risk = sum(b.cost - b.tranche for b in stakes)
    if at_risk <= 0:
        return not_scored(
            "Failures caught", CAUGHT, "no project that fails here had money still to move"
        )
    moved = sum(b.cost - b.tranche for b in stakes if b.stopped)
    names = sorted({ctx.game.projects[b.project].name for b in stakes})
    return Part(
        "Failures caught",
        CAUGHT * share(moved, at_risk),
        CAUGHT,
        f"{', '.join(names)} turned out to do far less than promised; the table stopped "
        f"${moved:,.0f} of the ${at_risk:,.0f} it had still to pay them",
        LC_DATA,
    )

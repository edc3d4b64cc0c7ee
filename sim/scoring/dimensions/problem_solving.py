"""Problem solving: all four behaviors of the cycle, analyzing & reflecting above all."""

from __future__ import annotations

from sim.scenario.words import BEHAVIOR_NAME
from sim.scoring.context import Context
from sim.scoring.parts import Part, note, share
from sim.scoring.sources import LC_DATA, LC_PROBLEM

POINTS = {
    "problem_defining": 20.0,
    "interpreting": 20.0,
    "solution_finding": 20.0,
    "analyzing_reflecting": 40.0,
}
TARGETS = {"problem_defining": 2, "interpreting": 2, "solution_finding": 3}


def parts(ctx: Context) -> list[Part]:
    counts = ctx.state.problem_solving
    years = ctx.game.scenario.timeline.years
    out: list[Part] = []
    for behavior in ("problem_defining", "interpreting", "solution_finding"):
        n = counts.get(behavior, 0)
        target = TARGETS[behavior]
        out.append(
            Part(
                BEHAVIOR_NAME[behavior][0].upper() + BEHAVIOR_NAME[behavior][1:],
                POINTS[behavior] * share(n, target),
                POINTS[behavior],
                f"practiced {n} time(s) (full marks at {target})",
                LC_PROBLEM,
            )
        )
    out.append(analyzing(ctx, counts.get("analyzing_reflecting", 0), max(2, years)))
    weakest = min(
        BEHAVIOR_NAME, key=lambda b: (share(counts.get(b, 0), TARGETS.get(b, max(2, years))), b)
    )
    out.append(
        note(
            "Weakest behavior",
            f"{BEHAVIOR_NAME[weakest]} ({counts.get(weakest, 0)} time(s))",
            LC_PROBLEM,
        )
    )
    return out


def analyzing(ctx: Context, n: int, target: int) -> Part:
    """Analyzing & reflecting: how often, and how much of the funded money was measured."""
    batches = ctx.state.batches
    points = POINTS["analyzing_reflecting"]
    often = share(n, target)
    if not batches:
        return Part(
            "Analyzing & reflecting",
            points * often,
            points,
            f"practiced {n} time(s) (full marks at {target}); nothing funded to measure yet",
            LC_PROBLEM,
        )
    spent = sum(b.cost for b in batches)
    measured = sum(b.cost for b in batches if b.measured)
    got = points * (0.5 * often + 0.5 * share(measured, spent))
    return Part(
        "Analyzing & reflecting",
        got,
        points,
        f"practiced {n} time(s) (full marks at {target}); {share(measured, spent):.0%} of the "
        f"funded money was measured (${measured:,.0f} of ${spent:,.0f})",
        f"{LC_PROBLEM}; {LC_DATA}",
    )

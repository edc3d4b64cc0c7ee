"""Result: what the funded projects deliver against the named target and the best possible."""

from __future__ import annotations

from sim.engine.delivery import achieved
from sim.scoring.context import Context
from sim.scoring.parts import Part, note, share
from sim.scoring.sources import LC_DATA, LC_RESULT

TARGET_POINTS = 70.0
BEST_POINTS = 30.0


def delivered(ctx: Context) -> float:
    """The final year's result once adjourned, else what the projects deliver now."""
    state = ctx.state
    if state.over and state.year_results:
        return state.year_results[-1]
    return achieved(ctx.game, state)


def parts(ctx: Context) -> list[Part]:
    state = ctx.state
    if state.result is None:
        return [
            Part(
                "Specific measurable result",
                0.0,
                TARGET_POINTS + BEST_POINTS,
                "no result has been named, so there is no target to deliver against",
                LC_RESULT,
            )
        ]
    metric = ctx.game.metrics[state.result[0]]
    target = state.result[1]
    got = delivered(ctx)
    optimal = ctx.comparison.optimal.value
    best = optimal * ctx.effectiveness
    out = [
        Part(
            "Target",
            TARGET_POINTS * share(got, target),
            TARGET_POINTS,
            f"{got:,.1f} of the {target:g} {metric.unit} the table named "
            f"({share(got, target):.0%})",
            LC_RESULT,
        ),
        Part(
            "Best achievable",
            BEST_POINTS * share(got, best),
            BEST_POINTS,
            f"{got:,.1f} against {best:,.1f}, the best portfolio the same money could buy "
            f"({optimal:,.1f} nominal, an exact optimum) at this table's effectiveness "
            f"{ctx.effectiveness:.2f}",
            LC_DATA,
        ),
    ]
    if not state.batches:
        out.append(note("Funding", "nothing has been funded yet, so nothing is delivered"))
    return out

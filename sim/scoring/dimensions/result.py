"""Result: what the air got over the whole game, the final year's rate against the named
target, and that rate against the best the same money could buy."""

from __future__ import annotations

from sim.engine.delivery import achieved
from sim.scoring.context import Context
from sim.scoring.parts import Part, not_scored, note, share
from sim.scoring.sources import LC_DATA, LC_RESULT

TARGET_POINTS = 40.0
WHOLE_GAME_POINTS = 40.0
BEST_POINTS = 20.0


def delivered(ctx: Context) -> float:
    """The final year's rate once adjourned, else what the projects deliver now."""
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
                TARGET_POINTS + WHOLE_GAME_POINTS + BEST_POINTS,
                "no result was named, so there is no target to deliver against",
                LC_RESULT,
            )
        ]
    metric = ctx.game.metrics[state.result[0]]
    unit = metric.unit.split("/")[0]
    target = state.result[1]
    got = delivered(ctx)
    years = state.total_rounds // state.rounds_per_year
    # The whole game measured against delivering the target every year of it.
    whole = state.delivered_total
    by_year = ", ".join(f"year {n}: {v:,.1f}" for n, v in enumerate(state.year_delivered, 1))
    out = [
        Part(
            "Target in the final year",
            TARGET_POINTS * share(got, target),
            TARGET_POINTS,
            f"{got:,.1f} {metric.unit} in the final year, of the {target:g} the table named "
            f"({share(got, target):.0%})",
            LC_RESULT,
        ),
        Part(
            "Over the whole game",
            WHOLE_GAME_POINTS * share(whole, target * years),
            WHOLE_GAME_POINTS,
            f"the partnership delivered {whole:,.1f} {unit} over {years} years ({by_year or 'nothing yet'}), "
            f"{share(whole, target * years):.0%} of the target every year",
            LC_RESULT,
        ),
    ]
    optimal = ctx.comparison.optimal.value
    best = optimal * ctx.effectiveness
    if best > 0:
        out.append(
            Part(
                "Best achievable",
                BEST_POINTS * share(got, best),
                BEST_POINTS,
                f"{got:,.1f} against {best:,.1f}: the best portfolio the same money could buy "
                f"({optimal:,.1f} nominal) at this table's effectiveness {ctx.effectiveness:.2f}",
                LC_DATA,
            )
        )
    else:
        out.append(not_scored("Best achievable", BEST_POINTS, "no money could fund anything"))
    if not state.batches:
        out.append(note("Funding", "nothing was funded, so nothing was delivered"))
    return out

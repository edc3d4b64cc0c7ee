"""The round's end: conflicts heat and break out, a year may close, the table may regress,
and the next round opens with the convener's time restored and scenario events due.
"""

from __future__ import annotations

from collections.abc import Iterator

from sim.engine import actions as A
from sim.engine import governance, performing, scenario_events, storming
from sim.engine import notices as N
from sim.engine.context import Context
from sim.engine.delivery import achieved, effectiveness, regression_chance, running_projects
from sim.engine.trust import density

# An override's strain on the table fades to this share each round.
STRAIN_FADE = 0.8
MIDPOINT_TEXT = (
    "Midpoint review: halfway through, the table may revisit its agreement "
    "this round (Gersick: groups change course at the midpoint)."
)


def candidates(ctx: Context, seat: str) -> Iterator[A.Action]:
    if seat == A.CONVENER:
        yield A.EndRound()


def member_candidates(ctx: Context, seat: str) -> Iterator[A.Action]:
    """A person holding an organization ends the round too (the bot convener never does)."""
    if seat != A.CONVENER:
        yield A.EndRound(seat=seat)


def why_not_end_round(ctx: Context, action: A.EndRound) -> str | None:
    if ctx.state.pending is not None:
        return "a vote is open; every voter must vote first"
    return None


def unit(ctx: Context) -> str:
    """The named result's unit, for the feed ('' before a result is named)."""
    result = ctx.state.result
    return ctx.game.metrics[result[0]].unit if result else ""


def end_round(ctx: Context, action: A.EndRound) -> None:
    s, game = ctx.state, ctx.game
    s.awaiting.clear()  # a response belongs to the round the event landed in
    if s.stage == "performing":
        s.performing_rounds += 1
        storming.break_out_latent(ctx)
    storming.heat_deferred(ctx)
    rate = achieved(game, s)
    # The air gets what the running projects deliver this round, whatever the stage.
    while len(s.year_delivered) < s.year:
        s.year_delivered.append(0.0)
    s.year_delivered[s.year - 1] += rate / s.rounds_per_year
    s.delivered_total += rate / s.rounds_per_year
    governance.round_ends(ctx, running_projects(game, s))
    last_of_year = s.round_in_year == s.rounds_per_year
    if last_of_year:
        performing.close_year(ctx)
        value = rate
        s.year_results.append(value)
        ctx.emit(
            N.YearClosed(
                round=s.round,
                year=s.year,
                achieved=value,
                delivered=s.year_delivered[s.year - 1],
                effectiveness=effectiveness(game, s),
                text=f"Year {s.year} closes: the funded projects deliver {value:,.1f} "
                f"{unit(ctx)} (effectiveness {effectiveness(game, s):.2f}); "
                f"{s.year_delivered[s.year - 1]:,.1f} delivered this year, "
                f"{s.delivered_total:,.1f} over the game so far.",
            )
        )
    s.trust_history.append(round(density(game, s), 6))
    if s.round >= s.total_rounds:
        ctx.stages.adjourn()
        s.over = True
        return
    if s.stage == "performing" and s.rng.random() < regression_chance(game, s):
        ctx.stages.regress()
    s.round += 1
    s.convener_time = game.scenario.convener.time_per_round
    s.proposals_this_round = 0
    s.strain *= STRAIN_FADE
    ctx.emit(
        N.RoundEnded(
            round=s.round - 1,
            next_round=s.round,
            text=f"Round {s.round - 1} ends; year {s.year}, round {s.round_in_year} begins.",
        )
    )
    if s.round == scenario_events.midpoint_round(s.total_rounds) and (
        game.scenario.timeline.midpoint_review
    ):
        ctx.emit(N.MidpointReview(round=s.round, text=MIDPOINT_TEXT))
    if s.round_in_year == 1:
        performing.new_year(ctx)
        governance.year_begins(ctx)
    if s.stage == "performing" and s.round_in_year == 1:
        performing.open_year(ctx)
    governance.round_begins(ctx)
    scenario_events.fire(ctx, scenario_events.due(ctx))

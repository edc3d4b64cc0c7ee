"""Scenario events: when their triggers fire, what their effects do, and the convener's
answer (`Respond`) to the ones that ask for one.

A `ScenarioEvent` is authored in the scenario; firing one emits a `ScenarioEventFired`
notice to the feed.
"""

from __future__ import annotations

from collections.abc import Iterator

from sim.engine import actions as A
from sim.engine import notices as N
from sim.engine.context import Context
from sim.engine.membership import depart, may_regress
from sim.engine.trust import clamp, density, raise_tau
from sim.scenario.models import (
    MAX_MONEY,
    MIN_COST,
    AddMoney,
    BudgetCut,
    ChampionLeaves,
    ChanceTrigger,
    CostChange,
    DeferredTensionTrigger,
    Effect,
    HeatTension,
    MemberExit,
    MidpointTrigger,
    RoundTrigger,
    ScenarioEvent,
    StageTrigger,
    TrustBelowTrigger,
    TrustShock,
    Urgency,
)

# Effects a convener can answer in the round they land (see Respond).
ANSWERABLE = ("trust_shock", "member_exit", "champion_leaves", "budget_cut", "tension_heat")
RESPONSES = ("absorb", "rally", "replace")
# Rallying takes the convener this much time, calling members one by one; it raises τ by
# half of a: it softens a shock, it cannot undo it.
RALLY_TIME = 2
RALLY_TAU_DIVISOR = 2


def midpoint_round(round_total: int) -> int:
    """The round that opens the second half of the game (Gersick's midpoint)."""
    return round_total // 2 + 1


def due(
    ctx: Context, *, entered: str | None = None, returned: str | None = None
) -> list[ScenarioEvent]:
    """Scenario events whose trigger fires now, in scenario order."""
    state = ctx.state
    out: list[ScenarioEvent] = []
    for event in ctx.game.scenario.events:
        if event.once and event.id in state.fired:
            continue
        trigger = event.trigger
        fire = False
        if entered is not None or returned is not None:
            fire = (isinstance(trigger, StageTrigger) and trigger.stage == entered) or (
                isinstance(trigger, DeferredTensionTrigger) and trigger.tension == returned
            )
        elif isinstance(trigger, RoundTrigger):
            fire = (trigger.year, trigger.round) == (state.year, state.round_in_year)
        elif isinstance(trigger, MidpointTrigger):
            fire = state.round == midpoint_round(state.total_rounds)
        elif isinstance(trigger, ChanceTrigger):
            fire = state.stage == trigger.stage and state.rng.random() < trigger.probability
        elif isinstance(trigger, TrustBelowTrigger):
            fire = state.stage != "forming" and density(ctx.game, state) < trigger.threshold
        if fire:
            out.append(event)
    return out


def fire(ctx: Context, events: list[ScenarioEvent]) -> None:
    """Apply each event's effects, note the answerable ones, and report it to the feed."""
    s = ctx.state
    for event in events:
        if event.once and event.id in s.fired:
            continue
        s.fired.append(event.id)
        if any(ef.effect in ANSWERABLE for ef in event.effects):
            s.awaiting.append(event.id)
        clauses = [apply_effect(ctx, effect) for effect in event.effects]
        detail = "; ".join(clauses)
        ctx.emit(
            N.ScenarioEventFired(
                round=s.round,
                event=event.id,
                title=event.title,
                text=f"{event.title}: {event.text}" + (f" ({detail}.)" if detail else ""),
            )
        )
        if any(effect.effect == "member_exit" for effect in event.effects):
            may_regress(ctx)


def apply_effect(ctx: Context, effect: Effect) -> str:
    """Change the state as an effect says; return a clause for the event feed."""
    game, state = ctx.game, ctx.state
    if isinstance(effect, BudgetCut):
        stream = state.streams[effect.stream]
        cut = round(stream.balance * effect.share, 2)
        stream.balance = round(stream.balance - cut, 2)
        stream.received = round(stream.received - cut, 2)
        return f"{game.streams[effect.stream].name} loses ${cut:,.0f}"
    if isinstance(effect, AddMoney):
        stream = state.streams[effect.stream]
        stream.balance += effect.amount
        stream.received += effect.amount
        return f"{game.streams[effect.stream].name} gains ${effect.amount:,.0f}"
    if isinstance(effect, MemberExit):
        member = state.members[effect.organization]
        if member.status != "table":
            return f"{game.orgs[effect.organization].name} was not at the table"
        return depart(game, state, effect.organization)
    if isinstance(effect, TrustShock):
        targets = effect.organizations or state.at_table()
        for org in targets:
            member = state.members[org]
            member.tau = clamp(member.tau + effect.amount)
        return f"trust toward the partnership moves by {effect.amount:+.2f}"
    if isinstance(effect, ChampionLeaves):
        member = state.members[effect.organization]
        if member.representative == "decision_maker":
            member.representative = "designee"
        return f"{game.orgs[effect.organization].name}'s champion leaves; a designee now sits in"
    if isinstance(effect, Urgency):
        state.urgency = clamp(state.urgency + effect.amount)
        return "urgency rises: members are readier to pledge"
    if isinstance(effect, CostChange):
        # Repeated changes compound; the cost stays between a cent and the most money the
        # format allows, so no sum of costs underflows to nothing or overflows.
        authored = game.projects[effect.project].cost_per_unit
        factor = state.cost_factor.get(effect.project, 1.0) * effect.factor
        state.cost_factor[effect.project] = min(
            max(factor, MIN_COST / authored), MAX_MONEY / authored
        )
        # 'a unit of', so a plural project name ("Electric buses") still reads as a sentence.
        return f"a unit of {game.projects[effect.project].name} now costs {effect.factor:g}× what it did"
    if isinstance(effect, HeatTension):
        tension = state.tensions[effect.tension]
        tension.heat = clamp(tension.heat + effect.amount)
        if tension.status == "resolved" and effect.amount > 0:
            tension.status = "open"
        return f"'{game.tensions[effect.tension].title}' heats up"
    raise AssertionError(f"unhandled effect {effect!r}")


# ---------------------------------------------------------------------- Respond


def candidates(ctx: Context, seat: str) -> Iterator[A.Action]:
    if seat != A.CONVENER:
        return
    for event in ctx.state.awaiting:
        for response in RESPONSES:
            yield A.Respond(event=event, response=response)  # type: ignore[arg-type]


def champion_leaving(ctx: Context, event_id: str) -> str | None:
    """The organization whose champion an event takes away, if it does."""
    event = next(e for e in ctx.game.scenario.events if e.id == event_id)
    return next((ef.organization for ef in event.effects if ef.effect == "champion_leaves"), None)


def why_not_respond(ctx: Context, action: A.Respond) -> str | None:
    s, game = ctx.state, ctx.game
    if action.event not in s.awaiting:
        return f"'{action.event}' is not waiting for a response this round"
    if action.response == "rally" and s.convener_time < RALLY_TIME:
        return f"rallying the members takes {RALLY_TIME} time; {s.convener_time} left"
    if action.response == "replace":
        leaving = champion_leaving(ctx, action.event)
        if leaving is None:
            return "only a champion who left can be replaced"
        if game.orgs[leaving].sends.champion != "decision_maker":
            return f"{game.orgs[leaving].name} sends no decision-maker even for a champion"
        cost = game.scenario.dynamics.ask_cost.get("champion", 0)
        if s.convener_time < cost:
            return f"asking a champion to call takes {cost} time; {s.convener_time} left"
    return None


def respond(ctx: Context, action: A.Respond) -> None:
    s, game = ctx.state, ctx.game
    s.awaiting.remove(action.event)
    title = next(e.title for e in game.scenario.events if e.id == action.event)
    if action.response == "rally":
        s.convener_time -= RALLY_TIME
        raise_tau(s, s.at_table(), game.scenario.dynamics.trust_gain / RALLY_TAU_DIVISOR)
        s.problem_solving["interpreting"] += 1
        text = f"The convener rallies the members after '{title}'; trust steadies."
    elif action.response == "replace":
        org = champion_leaving(ctx, action.event)
        assert org is not None
        s.convener_time -= game.scenario.dynamics.ask_cost.get("champion", 0)
        s.members[org].representative = "decision_maker"
        text = f"A new champion brings {game.orgs[org].name}'s decision-maker back."
    else:
        text = f"The table absorbs '{title}' and carries on."
    ctx.emit(N.Responded(round=s.round, event=action.event, response=action.response, text=text))

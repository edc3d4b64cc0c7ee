"""Scenario events: when their triggers fire and what their effects do to the state."""

from __future__ import annotations

from sim.engine.game import Game
from sim.engine.state import SessionState
from sim.engine.trust import clamp, density
from sim.scenario.models import (
    AddMoney,
    BudgetCut,
    ChampionLeaves,
    ChanceTrigger,
    CostChange,
    DeferredTensionTrigger,
    Effect,
    Event,
    HeatTension,
    MemberExit,
    MidpointTrigger,
    RoundTrigger,
    StageTrigger,
    TrustBelowTrigger,
    TrustShock,
    Urgency,
)


def midpoint_round(state: SessionState) -> int:
    """The round that opens the second half of the game (Gersick's midpoint)."""
    return state.total_rounds // 2 + 1


def due(
    game: Game,
    state: SessionState,
    *,
    entered: str | None = None,
    returned: str | None = None,
) -> list[Event]:
    """Scenario events whose trigger fires now, in scenario order."""
    out: list[Event] = []
    for event in game.scenario.events:
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
            fire = state.round == midpoint_round(state)
        elif isinstance(trigger, ChanceTrigger):
            fire = state.stage == trigger.stage and state.rng.random() < trigger.probability
        elif isinstance(trigger, TrustBelowTrigger):
            fire = state.stage != "forming" and density(game, state) < trigger.threshold
        if fire:
            out.append(event)
    return out


def apply_effect(game: Game, state: SessionState, effect: Effect) -> str:
    """Change the state as an effect says; return a clause for the event feed."""
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
        state.set_status(effect.organization, "left")
        for pledge in state.ledger:
            if pledge.organization == effect.organization and pledge.delivered is None:
                pledge.delivered = 0.0
        return f"{game.orgs[effect.organization].name} leaves the partnership"
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
        state.cost_factor[effect.project] = (
            state.cost_factor.get(effect.project, 1.0) * effect.factor
        )
        return f"{game.projects[effect.project].name} now costs ×{effect.factor:g}"
    if isinstance(effect, HeatTension):
        tension = state.tensions[effect.tension]
        tension.heat = clamp(tension.heat + effect.amount)
        if tension.status == "resolved" and effect.amount > 0:
            tension.status = "open"
        return f"'{game.tensions[effect.tension].title}' heats up"
    raise AssertionError(f"unhandled effect {effect!r}")

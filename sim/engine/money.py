"""Pledges, the commitment ledger, and spending under each stream's rules.

Money is conserved: every dollar a stream receives (a grant, a delivered
pledge, new money from an event) is either spent or still in a balance.
"""

from __future__ import annotations

from dataclasses import dataclass

from sim.engine.game import Game
from sim.engine.state import PledgeRecord, SessionState
from sim.engine.trust import clamp, lower_pairs, lower_tau, raise_tau
from sim.scenario.models import GrantStream, LoanStream, Project

# How generously each personality pledges, and how reliably it delivers.
PLEDGE_FACTOR = {"cooperative": 1.1, "pragmatic": 1.0, "hard_bargainer": 0.8, "spoiler": 0.5}
RELIABILITY = {"cooperative": 0.7, "pragmatic": 1.0, "hard_bargainer": 1.1, "spoiler": 1.6}


def alignment(game: Game, state: SessionState, org: str) -> float:
    """How far the agreement so far sits above the member's BATNA share, from 0.05 to 1.

    With nothing agreed a member cannot tell what it is paying into, so it hedges.
    """
    if not state.agreement:
        return 0.3
    got = sum(game.points(org, issue, option) for issue, option in state.agreement.items())
    best = sum(game.issue_max[org][issue] for issue in state.agreement)
    reserve = sum(game.reservation[org][issue] for issue in state.agreement)
    if best <= reserve:
        return 0.5
    return clamp(0.25 + 0.75 * (got - reserve) / (best - reserve), 0.05, 1.0)


def pledge_stream(game: Game, org: str) -> str:
    """Where a member's money goes: its own stream, else the first pooled stream."""
    profile = game.orgs[org]
    if profile.streams:
        return profile.streams[0]
    pooled = [s.id for s in game.scenario.streams if s.kind == "pooled"]
    return pooled[0] if pooled else game.scenario.streams[0].id


def capacity(game: Game, org: str) -> float:
    """What a member could pledge in one year."""
    return game.orgs[org].assets.money / game.scenario.timeline.years


def bot_pledge(game: Game, state: SessionState, org: str) -> float:
    """A bot pledges capacity × alignment × trust, more when the problem feels urgent."""
    member = state.members[org]
    factor = PLEDGE_FACTOR[game.orgs[org].personality]
    amount = capacity(game, org) * alignment(game, state, org) * member.tau * factor
    return round(amount * (1 + state.urgency), 2)


def record_pledge(state: SessionState, org: str, stream: str, amount: float) -> None:
    state.ledger.append(PledgeRecord(org, stream, state.year, amount))


def settle_pledges(game: Game, state: SessionState) -> list[PledgeRecord]:
    """Deliver this year's open pledges; a low-trust member may deliver only part.

    Then everyone at the table updates its trust in the partnership: kept
    pledges raise it by a·(1−τ) and broken ones lower it by breach·a·τ, each
    in proportion to the money involved.
    """
    dyn = game.scenario.dynamics
    settled = [p for p in state.ledger if p.delivered is None]
    kept = broken = 0.0
    breakers: list[str] = []
    for pledge in settled:
        member = state.members[pledge.organization]
        if member.human or member.status != "table":
            share = 1.0 if member.status == "table" else 0.0
        else:
            risk = dyn.renege_rate * 2 * (1 - member.tau)
            risk *= RELIABILITY[game.orgs[pledge.organization].personality]
            share = state.rng.uniform(0.2, 0.8) if state.rng.random() < risk else 1.0
        pledge.delivered = round(pledge.pledged * share, 2)
        stream = state.streams[pledge.stream]
        stream.balance += pledge.delivered
        stream.received += pledge.delivered
        kept += pledge.delivered
        broken += pledge.pledged - pledge.delivered
        if share < 1.0:
            breakers.append(pledge.organization)
    total = kept + broken
    if total > 0:
        table = state.at_table()
        raise_tau(state, table, dyn.trust_gain * kept / total)
        lower_tau(state, table, dyn.breach_factor * dyn.trust_gain * broken / total)
        if breakers:
            lower_pairs(game, state, breakers, table, dyn.trust_gain)
    return settled


@dataclass(frozen=True)
class Spend:
    """How one funding decision draws on streams: main stream plus any match."""

    cost: float
    draws: tuple[tuple[str, float], ...]


def plan_spend(
    game: Game, state: SessionState, project: Project, stream_id: str, units: int
) -> Spend | str:
    """The draws that would pay for units of a project, or the reason it cannot be paid."""
    stream = game.streams[stream_id]
    cost = round(units * project.cost_per_unit * state.cost_factor.get(project.id, 1.0), 2)
    if stream.eligible and project.id not in stream.eligible:
        return f"{stream.name} cannot fund {project.name}"
    if isinstance(stream, LoanStream) and project.revenue_per_unit <= 0:
        return f"{stream.name} is a loan; {project.name} earns nothing to repay it"
    balance = state.streams[stream_id].balance
    if isinstance(stream, GrantStream) and stream.match_share > 0:
        main = round(cost * (1 - stream.match_share), 2)
        match = round(cost - main, 2)
        if balance + 1e-6 < main:
            return f"{stream.name} has ${balance:,.0f} left; this needs ${main:,.0f}"
        for other in stream.match_from or [
            s.id for s in game.scenario.streams if s.kind == "pooled"
        ]:
            if state.streams[other].balance + 1e-6 >= match:
                return Spend(cost, ((stream_id, main), (other, match)))
        return (
            f"{stream.name} needs a {stream.match_share:.0%} local match (${match:,.0f}) "
            "and no matching stream has it"
        )
    if balance + 1e-6 < cost:
        return f"{stream.name} has ${balance:,.0f} left; this needs ${cost:,.0f}"
    return Spend(cost, ((stream_id, cost),))


def affordable_units(game: Game, state: SessionState, project: Project, stream_id: str) -> int:
    """The most units of a project a stream (with its match) can pay for right now."""
    left = project.max_units - funded_units(state, project.id)
    unit_cost = project.cost_per_unit * state.cost_factor.get(project.id, 1.0)
    if left <= 0 or unit_cost <= 0:
        return max(left, 0)
    stream = game.streams[stream_id]
    share = 1.0
    match_money = 0.0
    if isinstance(stream, GrantStream) and stream.match_share > 0:
        share = 1 - stream.match_share
        sources = stream.match_from or [s.id for s in game.scenario.streams if s.kind == "pooled"]
        match_money = max(state.streams[m].balance for m in sources)
    units = min(left, int(state.streams[stream_id].balance / (unit_cost * share) + 1e-9))
    if share < 1.0:
        units = min(units, int(match_money / (unit_cost * (1 - share)) + 1e-9))
    # Rounding to cents can make the last unit a cent too dear: step down until it fits.
    while units > 0 and not isinstance(plan_spend(game, state, project, stream_id, units), Spend):
        units -= 1
    return units


def funded_units(state: SessionState, project: str) -> int:
    return sum(b.units for b in state.batches if b.project == project)


def pay(state: SessionState, spend: Spend) -> None:
    for stream_id, amount in spend.draws:
        stream = state.streams[stream_id]
        stream.balance = round(stream.balance - amount, 2)
        stream.spent = round(stream.spent + amount, 2)


def find_lead(game: Game, state: SessionState, project: Project) -> str | None:
    """The member at the table best able to lead a project: eligible, staffed, freest."""
    need = project.lead
    best: tuple[float, int, str] | None = None
    for org in state.at_table():
        profile = game.orgs[org]
        if need.sectors and profile.sector not in need.sectors:
            continue
        if need.organizations and org not in need.organizations:
            continue
        rep = state.members[org].representative
        if need.doer and rep not in ("doer", "decision_maker"):
            continue
        free = profile.assets.staff - state.members[org].staff_used
        if free + 1e-9 < need.staff:
            continue
        key = (-free, game.index[org], org)
        if best is None or key < best:
            best = key
    return best[2] if best else None

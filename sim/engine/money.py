"""Spending under each stream's rules: planning a draw, paying it, and who leads the work.

Money is conserved: every dollar a stream receives (a grant, a delivered
pledge, new money from an event) is either spent or still in a balance.
"""

from __future__ import annotations

from dataclasses import dataclass

from sim.engine.facts import Facts
from sim.engine.needs import project_closed, stream_closed
from sim.engine.state import SessionState
from sim.engine.streams import match_sources, may_fund, needs_match
from sim.scenario.models import GrantStream, Project

# Balances are kept to the cent; this much slack absorbs float error in a comparison.
CENT_SLACK = 1e-6


@dataclass(frozen=True)
class Spend:
    """How one funding decision draws on streams: main stream plus any match."""

    cost: float
    draws: tuple[tuple[str, float], ...]


def unit_cost(state: SessionState, project: Project) -> float:
    """A unit's cost now: the authored cost, times whatever events did to it."""
    return project.cost_per_unit * state.cost_factor.get(project.id, 1.0)


def plan_spend(
    game: Facts, state: SessionState, project: Project, stream_id: str, units: int
) -> Spend | str:
    """The draws that would pay for units of a project, or the reason it cannot be paid."""
    stream = game.streams[stream_id]
    cost = round(units * project.cost_per_unit * state.cost_factor.get(project.id, 1.0), 2)
    forbidden = (
        may_fund(stream, project, unit_cost(state, project))
        or project_closed(game, state, project)
        or stream_closed(game, state, stream)
    )
    if forbidden is not None:
        return forbidden
    balance = state.streams[stream_id].balance
    if isinstance(stream, GrantStream) and needs_match(stream):
        main = round(cost * (1 - stream.match_share), 2)
        match = round(cost - main, 2)
        if balance + CENT_SLACK < main:
            return f"{stream.name} has ${balance:,.0f} left; this needs ${main:,.0f}"
        for other in match_sources(game.scenario, stream):
            if stream_closed(game, state, game.streams[other]) is not None:
                continue
            if state.streams[other].balance + CENT_SLACK >= match:
                return Spend(cost, ((stream_id, main), (other, match)))
        return (
            f"{stream.name} needs a {stream.match_share:.0%} local match (${match:,.0f}) "
            "and no matching stream has it"
        )
    if balance + CENT_SLACK < cost:
        return f"{stream.name} has ${balance:,.0f} left; this needs ${cost:,.0f}"
    return Spend(cost, ((stream_id, cost),))


def affordable_units(game: Facts, state: SessionState, project: Project, stream_id: str) -> int:
    """The most units of a project a stream (with its match) can pay for right now."""
    left = project.max_units - funded_units(state, project.id)
    cost = unit_cost(state, project)
    if left <= 0 or cost <= 0:
        return max(left, 0)
    stream = game.streams[stream_id]
    share = 1.0
    match_money = 0.0
    if isinstance(stream, GrantStream) and needs_match(stream):
        share = 1 - stream.match_share
        sources = match_sources(game.scenario, stream)
        match_money = max((state.streams[m].balance for m in sources), default=0.0)
    units = _units_within(state.streams[stream_id].balance, cost * share, left)
    if share < 1.0:
        units = _units_within(match_money, cost * (1 - share), units)
    # A reason that holds for one unit (a closed stream, a project it may not fund) holds
    # for every number, and a dearer draw never fits where a cheaper one did not.
    if units > 0 and not isinstance(plan_spend(game, state, project, stream_id, 1), Spend):
        return 0
    # Rounding to cents can make the last unit a cent too dear: step down until it fits.
    while units > 0 and not isinstance(plan_spend(game, state, project, stream_id, units), Spend):
        units -= 1
    return units


def _units_within(money: float, price: float, most: int) -> int:
    """How many units at `price` the money buys, at most `most`.

    A price so small it rounds to nothing (a tiny match share of a cheap unit) buys them all,
    rather than dividing by zero or overflowing.
    """
    if price <= 0:
        return most
    return int(min(float(most), money / price + 1e-9))


def funded_units(state: SessionState, project: str) -> int:
    return sum(b.units for b in state.batches if b.project == project)


def pay(state: SessionState, spend: Spend) -> None:
    """Commit a funding decision's money: it leaves the streams at once, and is paid out to
    the project in yearly tranches (see `Batch.escrow`)."""
    for stream_id, amount in spend.draws:
        stream = state.streams[stream_id]
        stream.balance = round(stream.balance - amount, 2)
        stream.spent = round(stream.spent + amount, 2)


def refund(state: SessionState, draws: tuple[tuple[str, float], ...], amount: float) -> None:
    """Return money not yet paid out to the streams it came from, in proportion."""
    total = sum(a for _, a in draws)
    if total <= 0 or amount <= 0:
        return
    for stream_id, drawn in draws:
        share = round(amount * drawn / total, 2)
        stream = state.streams[stream_id]
        stream.balance = round(stream.balance + share, 2)
        stream.spent = round(stream.spent - share, 2)


def find_lead(game: Facts, state: SessionState, project: Project) -> str | None:
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

"""A member leaving the partnership: what goes with it, and what the change can set off.

Its open pledges are never delivered, and money it provides through a stream (a grant or
a loan it makes) that has not been spent goes with it.
"""

from __future__ import annotations

from sim.engine.context import Context
from sim.engine.delivery import regression_chance
from sim.engine.facts import Facts
from sim.engine.state import SessionState

# A member leaving in performing adds this to the chance of a regression to storming:
# changing membership stalls the trust-building loop (Vangen & Huxham 2003).
EXIT_REGRESSION = 0.2


def depart(game: Facts, state: SessionState, org: str) -> str:
    """Take a member off the table; return a clause for the feed."""
    state.set_status(org, "left")
    for pledge in state.ledger:
        if pledge.organization == org and pledge.delivered is None:
            pledge.delivered = 0.0
    clauses = [f"{game.orgs[org].name} leaves the partnership"]
    for stream in game.scenario.streams:
        provider = getattr(stream, "provider", None)
        money = state.streams[stream.id]
        if provider == org and (money.balance > 0 or state.held.get(stream.id, 0) > 0):
            gone = round(money.balance + state.held.get(stream.id, 0.0), 2)
            money.received = round(money.received - money.balance, 2)
            money.balance = 0.0
            state.held[stream.id] = 0.0
            clauses.append(f"taking the ${gone:,.0f} of {stream.name} not yet spent")
    return ", ".join(clauses)


def may_regress(ctx: Context) -> None:
    """A change of membership in performing can send the table back to storming."""
    s = ctx.state
    if s.stage == "performing" and s.rng.random() < regression_chance(ctx.game, s) + (
        EXIT_REGRESSION
    ):
        ctx.stages.regress()

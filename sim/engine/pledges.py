"""Pledges and the commitment ledger: what members promise each year and what arrives.

A member pledges `capacity × alignment × τ`; it delivers in full, or only part when its
trust is low, and everyone's trust in the partnership moves with what was kept.
"""

from __future__ import annotations

from sim.engine.facts import Facts
from sim.engine.governance import adopted
from sim.engine.needs import adopted_document, public_reporting
from sim.engine.state import PledgeRecord, SessionState
from sim.engine.trust import BREACH_FLOOR, clamp, lower_pairs, lower_tau, raise_tau
from sim.engine.voting import adopted_structures, voters

# How generously each personality pledges, and how likely it is to slip on a pledge.
PLEDGE_FACTOR = {"cooperative": 1.1, "pragmatic": 1.0, "hard_bargainer": 0.8, "spoiler": 0.5}
RELIABILITY = {"cooperative": 0.7, "pragmatic": 1.0, "hard_bargainer": 1.1, "spoiler": 1.6}
# With nothing agreed a member cannot tell what it pays into, so it hedges at this share.
ALIGNMENT_UNAGREED = 0.3
# When the agreed issues can give a member no more than its BATNA, it stays lukewarm.
ALIGNMENT_NO_ROOM = 0.5
# Alignment runs from FLOOR to 1: an agreement at the BATNA gives BASE, the best gives 1.
ALIGNMENT_BASE = 0.25
ALIGNMENT_FLOOR = 0.05
# A member at τ = 0 slips on a pledge with twice the scenario's renege rate.
RENEGE_AT_ZERO_TRUST = 2
# A slipped pledge delivers a share of the promise drawn from this range.
PARTIAL_DELIVERY = (0.2, 0.8)
# A member outside the body that decides pledges this share of what it would; with a
# voice (workgroups or a community engagement team) it pledges nearly as much.
OUTSIDER = 0.75
VOICED_OUTSIDER = 0.95
VOICE_STRUCTURES = frozenset({"workgroup", "community_engagement"})
# Under shared governance each member takes part in every decision and owns the work as
# its own, so it commits more than one whose staff a backbone or lead relies on
# (Provan & Kenis 2008: shared governance runs on member involvement; docs/sources.md).
SHARED_OWNERSHIP = 1.15
# Under public reporting a pledge is less likely to slip: everyone will see it.
PUBLIC_RELIABILITY = 0.7
# A commitment written into a stronger document is less likely to slip.
DOCUMENT_RELIABILITY = {
    "none": 1.0,
    "handshake": 1.0,
    "mou": 0.85,
    "charter": 0.75,
    "contract": 0.6,
}


def alignment(game: Facts, state: SessionState, org: str) -> float:
    """How far the agreement so far sits above the member's BATNA share, from 0.05 to 1."""
    if not state.agreement:
        return ALIGNMENT_UNAGREED
    got = sum(game.points(org, issue, option) for issue, option in state.agreement.items())
    best = sum(game.issue_max[org][issue] for issue in state.agreement)
    reserve = sum(game.reservation[org][issue] for issue in state.agreement)
    if best <= reserve:
        return ALIGNMENT_NO_ROOM
    return clamp(
        ALIGNMENT_BASE + (1 - ALIGNMENT_BASE) * (got - reserve) / (best - reserve),
        ALIGNMENT_FLOOR,
        1.0,
    )


def pledge_stream(game: Facts, org: str) -> str:
    """Where a member's money goes: its own stream, else the first pooled stream."""
    profile = game.orgs[org]
    if profile.streams:
        return profile.streams[0]
    pooled = [s.id for s in game.scenario.streams if s.kind == "pooled"]
    return pooled[0] if pooled else game.scenario.streams[0].id


def capacity(game: Facts, org: str, state: SessionState | None = None) -> float:
    """What a member could pledge this year: the money it has not yet pledged, spread over
    the years left (before play, its money over the game's years)."""
    years = game.scenario.timeline.years
    if state is None:
        return game.orgs[org].assets.money / years
    pledged = sum(p.pledged for p in state.ledger if p.organization == org)
    left = max(0.0, game.orgs[org].assets.money - pledged)
    return left / max(1, years - state.year + 1)


def ownership(game: Facts, state: SessionState, org: str) -> float:
    """How owned the agreement feels to a member: full when it votes, less when a body it
    is not on decides for it, unless workgroups or a community team give it a voice."""
    if org in voters(game, state):
        return SHARED_OWNERSHIP if adopted(game, state).kind == "shared" else 1.0
    structures = adopted_structures(game, state)
    if structures & VOICE_STRUCTURES:
        return VOICED_OUTSIDER
    return OUTSIDER


def bot_pledge(game: Facts, state: SessionState, org: str) -> float:
    """A bot pledges capacity × alignment × trust × ownership, more when it feels urgent."""
    member = state.members[org]
    factor = PLEDGE_FACTOR[game.orgs[org].personality]
    amount = capacity(game, org, state) * alignment(game, state, org) * member.tau * factor
    amount *= ownership(game, state, org)
    return round(amount * (1 + state.urgency), 2)


def record_pledge(state: SessionState, org: str, stream: str, amount: float) -> None:
    state.ledger.append(PledgeRecord(org, stream, state.year, amount))


def pledged_this_year(state: SessionState, org: str) -> bool:
    return any(p.organization == org and p.year == state.year for p in state.ledger)


def settle_pledges(
    game: Facts,
    state: SessionState,
    delivering: dict[str, float] | None = None,
    closing: bool = False,
) -> list[PledgeRecord]:
    """Deliver the open pledges; a low-trust bot member may deliver only part.

    A person's seat settles its own pledge: `delivering` says how much it hands over now;
    a pledge it has not settled by the close of the year is delivered in full (`closing`).

    Then everyone at the table updates its trust in the partnership: kept
    pledges raise it by a·(1−τ) and broken ones lower it by breach·a·max(τ, ½), each
    in proportion to the money involved, so a breach always costs more than an equal
    pledge kept earns.
    """
    dyn = game.scenario.dynamics
    delivering = delivering or {}
    settled = [
        p
        for p in state.ledger
        if p.delivered is None
        and (
            not state.members[p.organization].human
            or closing
            or p.organization in delivering
            or state.members[p.organization].status != "table"
        )
    ]
    kept = broken = 0.0
    breakers: list[str] = []
    for pledge in settled:
        member = state.members[pledge.organization]
        if member.status != "table":
            share = 0.0
        elif member.human:
            amount = delivering.get(pledge.organization, pledge.pledged)
            share = amount / pledge.pledged if pledge.pledged > 0 else 1.0
        else:
            risk = dyn.renege_rate * RENEGE_AT_ZERO_TRUST * (1 - member.tau)
            risk *= RELIABILITY[game.orgs[pledge.organization].personality]
            if public_reporting(game, state):
                risk *= PUBLIC_RELIABILITY
            risk *= DOCUMENT_RELIABILITY[adopted_document(game, state)]
            share = state.rng.uniform(*PARTIAL_DELIVERY) if state.rng.random() < risk else 1.0
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
        lower_tau(state, table, dyn.breach_factor * dyn.trust_gain * broken / total, BREACH_FLOOR)
        if breakers:
            lower_pairs(game, state, breakers, table, dyn.trust_gain)
    return settled

"""Taking a seat and giving it up, as an organization's own seat does it.

A member is seated when the convener's invitation brings someone: a bot's organization
sends whom its brief says for that way of asking; a person's organization seat answers
the invitation itself (`Join`), choosing whom it sends up to that rank, or declining. A
seat outside may ask to join (`AskToJoin`), and the convener admits it by inviting it. A
member may walk out to its BATNA (`WalkOut`).
"""

from __future__ import annotations

from collections.abc import Iterator

from sim.engine import actions as A
from sim.engine import notices as N
from sim.engine import storming
from sim.engine.context import Context
from sim.engine.membership import depart, may_regress
from sim.engine.performing import settle
from sim.engine.trust import clamp, lower_pairs, lower_tau
from sim.scenario.words import ASK, REPRESENTATIVE, rank

REPRESENTATIVES = ("decision_maker", "doer", "designee")
# A newcomer's trust in the partnership: a base, more for a more senior representative
# (who was asked with more care), more for a cooperative organization.
JOIN_TAU = 0.35
JOIN_TAU_PER_RANK = 0.1
JOIN_TAU_COOPERATIVE = 0.05
# A member walking out costs everyone left at the table this share of a in τ, and the
# walker's pairwise trust with them falls by this share of a: a public exit shakes a table.
WALK_OUT_TAU = 0.5
WALK_OUT_PAIRS = 1.0


def seat_member(ctx: Context, org_id: str, sends: str, how: str) -> None:
    """Seat an organization (or upgrade whom it sends) and tell the table."""
    s, game = ctx.state, ctx.game
    org = game.orgs[org_id]
    member = s.members[org_id]
    upgrade = member.status == "table"
    s.set_status(org_id, "table")
    member.representative = sends
    member.requested = None
    if not upgrade:
        member.joined_round = s.round
        member.tau = clamp(
            JOIN_TAU
            + JOIN_TAU_PER_RANK * rank(sends)
            + JOIN_TAU_COOPERATIVE * (org.personality == "cooperative")
        )
    verb = "now sends" if upgrade else "joins and sends"
    ctx.emit(
        N.MemberJoined(
            round=s.round,
            organization=org_id,
            representative=sends,
            text=f"{org.name} {verb} a {REPRESENTATIVE[sends]} ({how}).",
        )
    )
    if not upgrade and s.stage != "forming":
        # A newcomer brings its conflicts: latent tensions involving it surface now.
        storming.surface(ctx, only=org_id)


def decline(ctx: Context, org_id: str, ask: str) -> None:
    s = ctx.state
    if s.members[org_id].status != "table":
        s.set_status(org_id, "declined")
    ctx.emit(
        N.InviteDeclined(
            round=s.round,
            organization=org_id,
            text=f"{ctx.game.orgs[org_id].name} declines an invitation by {ASK[ask]}.",
        )
    )


def willing(ctx: Context, org: str) -> str:
    """The most senior representative the organization's brief sends for the pending ask."""
    ask = ctx.state.members[org].invited or "letter"
    return str(getattr(ctx.game.orgs[org].sends, ask))


def most_senior(ctx: Context, org: str) -> str:
    """The most senior representative the brief sends however it is asked ('nobody')."""
    sends = ctx.game.orgs[org].sends
    return max((str(getattr(sends, ask)) for ask in ASK), key=rank)


# ---------------------------------------------------------------------- candidates


def candidates(ctx: Context, seat: str) -> Iterator[A.Action]:
    if seat == A.CONVENER or seat not in ctx.game.orgs:
        return
    for rep in (*REPRESENTATIVES, "nobody"):
        yield A.Join(seat=seat, representative=rep)  # type: ignore[arg-type]
    for rep in REPRESENTATIVES:
        yield A.AskToJoin(seat=seat, representative=rep)  # type: ignore[arg-type]
    yield A.WalkOut(seat=seat)


# ---------------------------------------------------------------------- answering an invitation


def why_not_join(ctx: Context, action: A.Join) -> str | None:
    member = ctx.state.members[action.seat]
    if member.invited is None:
        if member.status == "table":
            return "you are at the table already"
        if member.status == "left":
            return "your organization has left the partnership"
        return "nobody has invited you; ask to join instead"
    if action.representative == "nobody":
        return None
    if member.status == "table" and rank(action.representative) <= rank(member.representative):
        # Asked again with more care, a member may send someone more senior, never less.
        return (
            f"you already send a {REPRESENTATIVE[member.representative]}: "
            "send someone more senior, or decline and keep your seat as it is"
        )
    most = willing(ctx, action.seat)
    if rank(action.representative) > rank(most):
        asked = ASK[member.invited]
        if most == "nobody":
            return f"asked by {asked}, your organization sends nobody: decline, or ask to join"
        return f"asked by {asked}, your organization sends at most a {REPRESENTATIVE[most]}"
    return None


def join(ctx: Context, action: A.Join) -> None:
    member = ctx.state.members[action.seat]
    ask = member.invited or "letter"
    member.invited = None
    if action.representative == "nobody":
        decline(ctx, action.seat, ask)
    else:
        seat_member(ctx, action.seat, action.representative, f"asked by {ASK[ask]}")


# ---------------------------------------------------------------------- asking to join


def why_not_ask_to_join(ctx: Context, action: A.AskToJoin) -> str | None:
    member = ctx.state.members[action.seat]
    if member.status == "table":
        return "you are at the table already"
    if member.status == "left":
        return "your organization has left the partnership"
    if member.invited is not None:
        return "you are invited: answer the invitation"
    if member.requested is not None:
        return "you have asked; the convener has yet to answer"
    # Admitted at its request, it comes as it offered: the offer is bounded by the brief,
    # as an answer to the most careful invitation would be.
    most = most_senior(ctx, action.seat)
    if rank(action.representative) > rank(most):
        if most == "nobody":
            return "your organization's brief sends nobody, however it is asked"
        return f"however it is asked, your organization sends at most a {REPRESENTATIVE[most]}"
    return None


def ask_to_join(ctx: Context, action: A.AskToJoin) -> None:
    s, game = ctx.state, ctx.game
    s.members[action.seat].requested = action.representative
    ctx.emit(
        N.AskedToJoin(
            round=s.round,
            organization=action.seat,
            representative=action.representative,
            text=f"{game.orgs[action.seat].name} asks to join the partnership, offering "
            f"to send a {REPRESENTATIVE[action.representative]}.",
        )
    )


# ---------------------------------------------------------------------- walking out


def why_not_walk_out(ctx: Context, action: A.WalkOut) -> str | None:
    if ctx.state.members[action.seat].status != "table":
        return "you are not at the table"
    return None


def walk_out(ctx: Context, action: A.WalkOut) -> None:
    s, game = ctx.state, ctx.game
    dyn = game.scenario.dynamics
    name = game.orgs[action.seat].name
    # An open pledge it walks away from is reneged on, at the breach rate, like any other.
    if any(p.organization == action.seat and p.delivered is None for p in s.ledger):
        settle(ctx, {action.seat: 0.0})
    clause = depart(game, s, action.seat)
    table = s.at_table()
    lower_tau(s, table, dyn.trust_gain * WALK_OUT_TAU)
    lower_pairs(game, s, [action.seat], table, dyn.trust_gain * WALK_OUT_PAIRS)
    s.steering = [m for m in s.steering if m != action.seat]
    taking = clause.removeprefix(f"{name} leaves the partnership")
    ctx.emit(
        N.WalkedOut(
            round=s.round,
            organization=action.seat,
            text=f"{name} walks out for its best alternative{taking}.",
        )
    )
    may_regress(ctx)

"""Seats: each organization's own score, PON-style — its points against its BATNA, and
whether it kept its pledges."""

from __future__ import annotations

from sim.scoring.context import Context
from sim.scoring.model import SeatScore
from sim.scoring.parts import Part, note, score, share
from sim.scoring.sources import PON, VANGEN_HUXHAM

POINTS = 70.0
KEPT = 30.0


def seated(ctx: Context) -> list[str]:
    """Members at the table or who left it, plus any organization a person plays."""
    state = ctx.state
    humans = {seat for seat, who in ctx.session.seats.items() if who == "human"}
    return [
        org for org, m in state.members.items() if m.status in ("table", "left") or org in humans
    ]


def seat_score(ctx: Context, org: str) -> SeatScore:
    game, state = ctx.game, ctx.state
    profile = game.orgs[org]
    best = sum(game.issue_max[org].values())
    batna = profile.batna
    # A member that walked out took its best alternative instead of the agreement.
    walked = state.members[org].status == "left"
    points = (
        batna
        if walked
        else sum(game.points(org, issue, option) for issue, option in state.agreement.items())
    )
    if points >= batna:
        value = 0.5 + 0.5 * share(points - batna, best - batna) if best > batna else 1.0
    else:
        value = 0.5 * share(points, batna) if batna > 0 else 0.0
    parts = [
        Part(
            "Points vs BATNA",
            POINTS * value,
            POINTS,
            (
                f"it walked out for its best alternative, worth {batna} points"
                if walked
                else f"{points} points against a BATNA of {batna} (its best possible is {best})"
            ),
            PON,
        )
    ]
    pledges = [p for p in state.ledger if p.organization == org]
    pledged = sum(p.pledged for p in pledges)
    delivered = sum(p.delivered or 0.0 for p in pledges)
    due = [p for p in pledges if p.delivered is not None]
    due_pledged = sum(p.pledged for p in due)
    kept_share = share(delivered, due_pledged) if due_pledged > 0 else None
    if kept_share is None:
        parts.append(note("Pledges kept", "no pledge has come due"))
    else:
        parts.append(
            Part(
                "Pledges kept",
                KEPT * kept_share,
                KEPT,
                f"${delivered:,.0f} delivered of ${due_pledged:,.0f} pledged",
                VANGEN_HUXHAM,
            )
        )
    return SeatScore(
        points=points,
        batna=batna,
        above_batna=points >= batna,
        pledged=round(pledged, 2),
        delivered=round(delivered, 2),
        kept_share=None if kept_share is None else round(kept_share, 4),
        score=score(parts),
        why=[p.line() for p in parts],
    )


def seat_scores(ctx: Context) -> dict[str, SeatScore]:
    return {org: seat_score(ctx, org) for org in seated(ctx)}


def summary(ctx: Context, seats: dict[str, SeatScore]) -> tuple[float, list[str]]:
    """The seat dimension: the people's seats if any play, else the table's average."""
    humans = [s for s, who in ctx.session.seats.items() if who == "human" and s in seats]
    chosen = humans or list(seats)
    if not chosen:
        return 0.0, ["Seats: no organization has taken a seat yet"]
    mean = round(sum(seats[o].score for o in chosen) / len(chosen), 1)
    above = sum(seats[o].above_batna for o in chosen)
    whose = "the seats people play" if humans else "every seat at the table (all played by bots)"
    why = [
        f"Seats: the mean of {whose}; not in the total, since a seat's score is its player's own",
        f"At or above BATNA: {above} of {len(chosen)} — {PON}",
    ]
    for org in chosen[:6]:
        s = seats[org]
        why.append(f"{ctx.name(org)} {s.score:.0f}: {s.points} points vs BATNA {s.batna}")
    return mean, why

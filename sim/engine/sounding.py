"""Sounding out: meeting one member, or a caucus of a few, to learn where they stand.

A seat asks members about the options of some issues and learns, for each, whether the
member finds it acceptable, needs more, or would block it, and which issue it cares most
about. Honest answers are noisy: the less a member trusts the partnership, and the less
senior whom it sent, the rougher the read. What a seat learns is kept for it alone and
shows in its view; fair bots play from exactly this.
"""

from __future__ import annotations

from collections.abc import Iterator

from sim.engine import actions as A
from sim.engine import notices as N
from sim.engine.context import Context
from sim.engine.state import Stance
from sim.engine.voting import stance_margin

# A caucus holds at most this many members; one member takes one time, and every two
# more add one.
CAUCUS_MAX = 5
# How rough a read is, in issue spreads, by whom the member sent, times (1 − τ).
READ_NOISE = {"designee": 0.9, "doer": 0.6, "decision_maker": 0.3}
# A member 'needs more' when the option misses what it must get by up to this many
# spreads: it may stand aside; further off, it would block.
NEEDS_MORE = 0.35


def time_for(members: int) -> int:
    return 1 + (members - 1) // 2


def candidates(ctx: Context, seat: str) -> Iterator[A.Action]:
    if seat != A.CONVENER:
        return
    issues = [i.id for i in ctx.game.scenario.issues if i.id not in ctx.state.agreement]
    for org in ctx.state.at_table():
        yield A.SoundOut(members=[org], issues=issues)


def why_not_sound_out(ctx: Context, action: A.SoundOut) -> str | None:
    s, game = ctx.state, ctx.game
    if s.stage in ("adjourning",):
        return "the game is over"
    if not action.issues:
        return "ask about at least one issue"
    for issue in action.issues:
        if issue not in game.issues:
            return f"unknown issue '{issue}'"
    if len(set(action.issues)) != len(action.issues):
        return "each issue once"
    if not action.members:
        return "name at least one member to meet"
    if len(action.members) > CAUCUS_MAX:
        return f"a caucus holds at most {CAUCUS_MAX} members"
    if len(set(action.members)) != len(action.members):
        return "each member once"
    for org in action.members:
        if org not in game.orgs or s.members[org].status != "table":
            return f"{game.short_name(org)} is not at the table"
    if time_for(len(action.members)) > s.convener_time:
        return f"that meeting takes {time_for(len(action.members))} time; {s.convener_time} left"
    return None


def read(ctx: Context, org: str, issue: str) -> Stance:
    """One member's answer on one issue, as honest as trust and its representative allow."""
    s, game = ctx.state, ctx.game
    member = s.members[org]
    noise = READ_NOISE.get(member.representative or "designee", 1.0) * (1 - member.tau)
    stances: dict[str, str] = {}
    for option in game.issues[issue].options:
        margin, spread = stance_margin(game, s, org, {issue: option.id})
        margin += s.rng.gauss(0.0, noise * max(spread, 1))
        if margin >= 0:
            stances[option.id] = "acceptable"
        elif margin >= -NEEDS_MORE * max(spread, 1):
            stances[option.id] = "needs_more"
        else:
            stances[option.id] = "would_block"
    best = game.issue_max[org]
    worst = {i: min(game.orgs[org].points.get(i, {}).values(), default=0) for i in game.issues}
    cares = max(game.issues, key=lambda i: (best[i] - worst[i], i))
    return Stance(issue=issue, options=stances, cares_most=cares, round=s.round)


def sound_out(ctx: Context, action: A.SoundOut) -> None:
    s, game = ctx.state, ctx.game
    s.convener_time -= time_for(len(action.members))
    learned = s.learned.setdefault(action.seat, {})
    for org in action.members:
        for issue in action.issues:
            learned.setdefault(org, {})[issue] = read(ctx, org, issue)
    names = ", ".join(game.short_name(m) for m in action.members)
    what = "meets" if len(action.members) == 1 else "caucuses with"
    topics = ", ".join(game.issues[i].name.split(":")[0] for i in action.issues)
    ctx.emit(
        N.SoundedOut(
            round=s.round,
            seat=action.seat,
            members=list(action.members),
            issues=list(action.issues),
            text=f"The convener {what} {names} ({topics}).",
        )
    )
